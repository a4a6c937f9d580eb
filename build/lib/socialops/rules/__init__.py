"""The policy rules: one module per rule, listed in `registry`."""
