"""MkDocs hooks: the generated pages come from the socialops model (see socialops.site)."""

from socialops.site import on_env, on_files, on_page_content, on_page_context, on_pre_page  # noqa: F401  (MkDocs calls the hooks by name)
