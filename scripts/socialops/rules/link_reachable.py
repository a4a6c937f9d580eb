"""Every link answers (only with `socialops check --online`).

Policy 4.4.2: check links before publishing. With `--online`, each distinct link of
the posts being checked is fetched (HEAD, then GET where HEAD is refused) with a
timeout; a status of 400 or more, or no answer, is reported. Without `--online` this
rule does nothing, so checks and tests stay offline.

A post's text is not trusted to choose where the check connects: only public
addresses are fetched, after resolution and on every redirect (socialops/link_fetch.py).
`--online-allow-private` lifts the address check (for a test server or an intranet).

Fix: correct the link, or wait for the page to be published before scheduling.
"""

from __future__ import annotations

from collections.abc import Iterator

from .base import Context, Example, Hit, post_file
from .links import links

ID = "link-reachable"
SECTION = "4.4.2"
LEVEL = "warning"
OPTIONS = {
    "timeout_seconds": {"type": "number", "exclusiveMinimum": 0, "default": 10,
                        "description": "How long to wait for each link."},
}
EXAMPLES = [
    Example("Offline: links are not fetched", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice",
                                                        "https://127.0.0.1:9/page"), True),
    Example("Online: a link to this machine is not fetched",
            post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice", "https://127.0.0.1:9/page"),
            False, (6,), online=True),
]


def check(ctx: Context) -> Iterator[Hit]:
    if not ctx.online:
        return
    from concurrent.futures import ThreadPoolExecutor

    from ..link_fetch import Fetcher  # the network machinery (45 ms of imports): loaded only for --online

    found = [(post.path, url, line) for post in ctx.repo.posts for url, line in links(post)]
    urls = sorted({url for _, url, _ in found})
    fetcher = Fetcher(ctx.options["timeout_seconds"], allow_private=ctx.online_allow_private)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = dict(zip(urls, pool.map(fetcher.problem, urls), strict=True))
    for path, url, line in found:
        if results[url]:
            message, hint = results[url]
            yield Hit(path, line, f"{url}: {message}", hint)
