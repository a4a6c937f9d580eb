"""Errors every command shares."""


class UsageError(Exception):
    """A mistake in how a command was called, or in what it was pointed at; exit 2 with the message."""
