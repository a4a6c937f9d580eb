"""What 'now' is, resolved one way everywhere (CLI, pre-commit hook, CI, site):
`--now` (or `$SOCIALOPS_NOW`), else the repository's `reference_time` in policy.yaml,
else the real clock. The demo sets a reference time so it stays green as the calendar
moves on; a company's own repository deletes that one line."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import UsageError

if TYPE_CHECKING:
    from .model.entities import Policy


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


def resolve_now(override: str | None, root: Path, policy: Policy | None = None) -> datetime:
    """'Now' for the repository at `root`: the override, else its reference time, else the clock.
    Give `policy` when it is already loaded. Raises ValueError for an unreadable override."""
    if override:
        return parse_now(override)
    if policy is None:
        from .model import loader

        policy = loader.load_policy(root)
    reference = policy.reference_time
    return reference if reference is not None else datetime.now(UTC)


def now_for(override: str | None, root: Path) -> datetime:
    """'Now' as every command resolves it (clock.resolve_now), a bad --now being a usage error."""
    try:
        return resolve_now(override, root)
    except ValueError as exc:
        raise UsageError(f"--now (or $SOCIALOPS_NOW): {exc}") from None
