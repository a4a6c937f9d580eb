"""Every link answers (only with `socialops check --online`).

Policy 4.4.2: check links before publishing. With `--online`, each distinct link of
the posts being checked is fetched (HEAD, then GET where HEAD is refused) with a
timeout; a status of 400 or more, or no answer, is reported. Without `--online` this
rule does nothing, so checks and tests stay offline.

Fix: correct the link, or wait for the page to be published before scheduling.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

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
    Example("Online: a link that does not answer", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice",
                                                           "https://127.0.0.1:9/page"), False, (6,), online=True),
]
USER_AGENT = "socialops-link-check/1 (+https://github.com/)"


def check(ctx: Context) -> Iterator[Hit]:
    if not ctx.online:
        return
    found = [(post.path, url, line) for post in ctx.repo.posts for url, line in links(post)]
    urls = sorted({url for _, url, _ in found})
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = dict(zip(urls, pool.map(lambda url: _fetch(url, ctx.options["timeout_seconds"]), urls), strict=True))
    for path, url, line in found:
        if results[url]:
            yield Hit(path, line, f"{url}: {results[url]}", "open the link in a browser and correct it")


def _fetch(url: str, timeout: float) -> str | None:
    """None when the link answers with a status below 400; else what went wrong."""
    import urllib.error
    import urllib.request
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http(s) only, from URL)
                return None if response.status < 400 else f"answers {response.status}"
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue  # some servers refuse HEAD; try GET
            return f"answers {exc.code}"
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            return f"does not answer ({getattr(exc, 'reason', exc)})"
    return None
