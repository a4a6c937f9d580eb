"""Metric files are readable tables: the right columns, typed cells, each row in its file's month and folder.

Policy 6.2 (data are recorded for analysis): the reports read content/metrics only
through the files that pass. A file lies at
`content/metrics/<table>/<account-or-market>/<yyyy-mm>.csv` (model/metrics.py), is UTF-8
CSV whose header is exactly its table's columns, and every row has: its required cells
filled, dates as YYYY-MM-DD, times with their UTC offset, counts as whole numbers,
shares from 0 to 1, choices among the allowed values; its date in the file's month;
its account (or market, or post's account) the file's folder; no second row with the
same key (a table's `unique` columns; an interaction's or a mention's id is unique in
its account's or market's files of every month). An audience breakdown's shares of one
day and dimension add up to 1 at most (interests overlap: they may not). A UTF-16 file or one with a byte order mark is
what a platform exported, not yet imported. Its rows end with one kind of line end (LF, or
CRLF): a file edited on two systems can mix them, which the reports cannot read.

Fix: follow the hint; a file with a finding is left out of the reports until it is
fixed. `socialops import PLATFORM FILE` writes the files from the platforms' exports.
"""

from __future__ import annotations

from collections.abc import Iterator

from .base import Context, Example, Hit, load_problems

ID = "metric-files"
SECTION = "6.2"
LEVEL = "error"
OPTIONS: dict = {}
_HEADER = ("date,account,followers,profile_visits,impressions,views,reach,likes,comments,shares,saves,clicks,"
           "video_views,conversions\n")
_PATH = "content/metrics/accounts/acme-us-x/2026-02.csv"
EXAMPLES = [
    Example("A day of an account", {_PATH: _HEADER + "2026-02-01,acme-us-x,1200,15,,,,30,4,2,1,12,,\n"}, True),
    Example("Followers not a number", {_PATH: _HEADER + "2026-02-01,acme-us-x,1.2k,15,,,,30,4,2,1,12,,\n"}, False, (2,)),
    Example("A row of another month", {_PATH: _HEADER + "2026-03-01,acme-us-x,1200,15,,,,30,4,2,1,12,,\n"}, False, (2,)),
    Example("Windows line ends throughout", {_PATH: (_HEADER + "2026-02-01,acme-us-x,1200,15,,,,30,4,2,1,12,,\n")
                                             .replace("\n", "\r\n")}, True),
    Example("A row added on another system: CRLF, then LF", {
        _PATH: _HEADER.replace("\n", "\r\n") + "2026-02-01,acme-us-x,1200,15,,,,30,4,2,1,12,,\r\n"
        + "2026-02-02,acme-us-x,1210,15,,,,30,4,2,1,12,,\n"}, False, (3,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    return load_problems(ctx, ID)
