"""A file must be readable: UTF-8, valid YAML, closed front matter, no duplicate keys.

Covers what stops a file from being read the way its writer meant it: YAML syntax
errors, duplicate keys (YAML keeps only the last one, silently), YAML 1.1 surprises
(`NO`, `yes`, `on` and `off` read as booleans, `12:30` as a number), unclosed or
missing front matter, empty files, non-UTF-8 bytes, files over 1 MiB, YAML whose
aliases expand past 100,000 values, and links that leave the repository. A byte order
mark and Windows line endings are accepted.

Fix: follow the hint; quote values that YAML would otherwise read as something else.
This rule cannot be turned off: the other rules cannot read a broken file.
"""

from __future__ import annotations

from collections.abc import Iterator

from .base import Context, Example, Hit, load_problems, post_file

ID = "syntax"
SECTION = "4.3.2"
LEVEL = "error"
REQUIRED = True
OPTIONS: dict = {}
EXAMPLES = [
    Example("A readable post", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice"), True),
    Example("Duplicate key", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\nstatus: scheduled"), False, (5,)),
    Example("Unclosed front matter", {"content/posts/acme-us-x/2026/2026-03-02-hello.md": "---\nstatus: draft\nHello\n"}, False, (1,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    return load_problems(ctx, ID)
