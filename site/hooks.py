"""MkDocs hooks: the generated pages come from the socialops model (see socialops.site)."""

from socialops.site import on_files  # noqa: F401  (MkDocs calls the hook by name)
