"""socialops: run social media operations by a written policy, in git."""

__version__ = "0.1.0"
