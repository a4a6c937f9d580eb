"""The numbers of the reports (policy 5.1, 5.3, 6, 7.3): KPIs defined once, queried with
DuckDB over the metric files; the site only renders what this package computes."""
