"""What 'now' is: the clock, or a fixed moment for reproducible checks, tests and the demo."""

from __future__ import annotations

from datetime import UTC, datetime


def parse_now(value: str | None) -> datetime:
    """An aware datetime from ISO 8601 (naive means UTC), or the clock when `value` is empty.
    Raises ValueError with a message a user can act on."""
    if not value:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{value!r} is not an ISO date-time, e.g. 2026-11-26T09:00:00Z") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
