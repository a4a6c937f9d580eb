"""Every field has a known name, the right type and an allowed value.

Each file kind has a JSON Schema (`socialops schema --out DIR` exports them for
editors): required fields, enums such as `status` (draft, scheduled, published,
cancelled -- approval is the merge, not a status), real calendar dates, date-times
with or without an offset, IANA time zones, ISO 3166 country codes, BCP 47 language
tags and https URLs. Unknown fields are reported with the closest known name. A local
time that a daylight-saving change skips or repeats needs its offset, and an end
(campaign `end`, incident `resolved`) cannot come before its start.

Fix: correct the field as the message and hint say.
"""

from __future__ import annotations

from collections.abc import Iterator

from .base import Context, Example, Hit, load_problems, post_file

ID = "schema"
SECTION = "4.3.2"
LEVEL = "error"
REQUIRED = True
OPTIONS: dict = {}
EXAMPLES = [
    Example("A valid draft", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice"), True),
    Example("Approval is not a status", post_file("publish_at: 2026-03-02T09:00\nstatus: approved\nauthor: alice"), False, (3,)),
    Example("Impossible date", post_file("publish_at: 2026-02-30T09:00\nstatus: draft\nauthor: alice"), False, (2,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    return load_problems(ctx, ID)
