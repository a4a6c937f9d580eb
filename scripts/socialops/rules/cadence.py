"""Posting cadence per account, in the account's own time zone.

Policy 4.1.3 asks for a steady schedule. Per account: at most `max_per_day` live posts
(scheduled or published) on one local calendar day, at least `min_gap_minutes` between
two of them, and none in the quiet hours. `platforms` and `accounts` override the
defaults for a platform or an account. Published posts take their slot but are not
reported (they cannot be moved); the scheduled post that breaks the cadence is.

Fix: move the post to another time or day.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import time

from ..model.entities import Post
from .base import Context, Example, Hit, post_file

ID = "cadence"
SECTION = "4.1.3"
LEVEL = "error"
_CLOCK_TIME = {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$",
               "x-hint": "write the time as 'HH:MM' in quotes, 24-hour, e.g. '22:30'"}
_LIMITS = {
    "max_per_day": {"type": "integer", "minimum": 1, "default": 3, "description": "Live posts per local day."},
    "min_gap_minutes": {"type": "integer", "minimum": 0, "default": 120, "description": "Minutes between two posts."},
    "quiet_hours": {
        "description": "Local hours with no posts, e.g. {start: '23:00', end: '07:00'}; null for none.",
        "default": {"start": "23:00", "end": "07:00"},
        "anyOf": [
            {"type": "null"},
            {"type": "object", "required": ["start", "end"], "additionalProperties": False,
             "properties": {"start": _CLOCK_TIME, "end": _CLOCK_TIME}},
        ],
    },
}
_OVERRIDE = {"type": "object", "additionalProperties": False,
             "properties": {name: {k: v for k, v in spec.items() if k != "default"} for name, spec in _LIMITS.items()}}
OPTIONS = {
    **_LIMITS,
    "platforms": {"type": "object", "default": {}, "additionalProperties": _OVERRIDE,
                  "description": "Overrides per platform, e.g. {x: {max_per_day: 6}}."},
    "accounts": {"type": "object", "default": {}, "additionalProperties": _OVERRIDE,
                 "description": "Overrides per account id; they win over platform overrides."},
}
EXAMPLES = [
    Example("One post in the morning", post_file("publish_at: 2026-03-02T09:00\nstatus: scheduled\nauthor: alice"), True),
    Example("In the quiet hours", post_file("publish_at: 2026-03-02T23:30\nstatus: scheduled\nauthor: alice"), False, (2,)),
    Example("Too close to the previous post", {
        **post_file("publish_at: 2026-03-02T10:00\nstatus: scheduled\nauthor: alice", name="acme-us-x/2026/2026-03-02-later"),
        **post_file("publish_at: 2026-03-02T09:30\nstatus: scheduled\nauthor: alice", name="acme-us-x/2026/2026-03-02-first"),
    }, False, (2,)),
]


def neighbour_days(options: dict) -> int:
    """How far apart, in file-name days, two posts this rule compares can be: the same
    local day, or within the longest minimum gap; plus one for a file dated a day off
    (post-location warns about it). A check of a few posts loads just these neighbours."""
    overrides = [*options["platforms"].values(), *options["accounts"].values()]
    longest_gap = max([options["min_gap_minutes"], *(limits.get("min_gap_minutes", 0) for limits in overrides)])
    return -(-longest_gap // (24 * 60)) + 1


def check(ctx: Context) -> Iterator[Hit]:
    by_account: dict[str, list[Post]] = defaultdict(list)
    for post in ctx.repo.posts:
        if post.is_live and post.local_time is not None and post.account is not None:
            by_account[post.account_id].append(post)
    for account_id, posts in by_account.items():
        limits = _limits(ctx.options, account_id, posts[0].platform)
        posts.sort(key=lambda p: (p.publish_at, p.path))
        yield from _per_day(posts, limits["max_per_day"])
        yield from _gaps(posts, limits["min_gap_minutes"])
        if limits["quiet_hours"]:
            yield from _quiet(posts, limits["quiet_hours"])


def _limits(options: dict, account_id: str, platform: str | None) -> dict:
    limits = {name: options[name] for name in _LIMITS}
    limits.update(options["platforms"].get(platform, {}))
    limits.update(options["accounts"].get(account_id, {}))
    return limits


def _per_day(posts: list[Post], maximum: int) -> Iterator[Hit]:
    by_day: dict = defaultdict(list)
    for post in posts:
        by_day[post.local_time.date()].append(post)
    for day, same_day in by_day.items():
        for post in same_day[maximum:]:
            if post.status == "scheduled":
                yield Hit(post.path, post.line("publish_at"),
                          f"{len(same_day)} posts on {day} for {post.account_id}; the most is {maximum} a day",
                          "move this post to another day")


def _gaps(posts: list[Post], minimum: int) -> Iterator[Hit]:
    for earlier, later in zip(posts, posts[1:], strict=False):
        gap = (later.publish_at - earlier.publish_at).total_seconds() / 60
        if gap >= minimum:
            continue
        flagged, other = (later, earlier) if later.status == "scheduled" else (earlier, later)
        if flagged.status == "scheduled":
            yield Hit(flagged.path, flagged.line("publish_at"),
                      f"only {gap:.0f} minutes from {other.path}; keep at least {minimum} minutes between posts",
                      "move one of the two posts")


def _quiet(posts: list[Post], quiet: dict) -> Iterator[Hit]:
    start, end = time.fromisoformat(quiet["start"]), time.fromisoformat(quiet["end"])
    for post in posts:
        moment = post.local_time.time()
        inside = start <= moment < end if start <= end else (moment >= start or moment < end)
        if inside and post.status == "scheduled":
            yield Hit(post.path, post.line("publish_at"),
                      f"{moment:%H:%M} local time is in the quiet hours {quiet['start']}-{quiet['end']}",
                      "schedule it outside the quiet hours of the account's time zone")
