"""A local stand-in for GitHub's REST API, answering with payloads shaped like GitHub's
documented responses (docs.github.com/en/rest). Tests set GITHUB_API_URL to it; nothing
here reaches the network.

`FakeGitHub.routes` maps "METHOD /path" to a handler or a canned JSON value; a handler
answers (status, value) or (status, value, headers). Lists are paged like GitHub's:
`per_page` (default 30) and a `Link: <...>; rel="next"` header.
Every request is recorded in `requests` as (method, path with query, JSON body).
"""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

Handler = Callable[[dict | None, dict[str, list[str]]], tuple[int, Any] | tuple[int, Any, dict[str, str]]]


class FakeGitHub:
    def __init__(self) -> None:
        self.routes: dict[str, Any] = {}
        self.requests: list[tuple[str, str, Any]] = []
        self.url = ""

    def reply(self, method: str, target: str, body: Any) -> tuple[int, Any, dict[str, str]]:
        split = urlsplit(target)
        query = parse_qs(split.query)
        self.requests.append((method, target, body))
        route = self.routes.get(f"{method} {split.path}")
        if route is None:
            return 404, {"message": "Not Found", "documentation_url": "https://docs.github.com/rest"}, {}
        answer = route(body, query) if callable(route) else (200, route)
        status, value, headers = answer if len(answer) == 3 else (*answer, {})
        if method == "GET" and isinstance(value, list):
            return status, *self._page(split.path, query, value)
        return status, value, headers

    def _page(self, path: str, query: dict[str, list[str]], items: list) -> tuple[list, dict[str, str]]:
        per_page = int(query.get("per_page", ["30"])[0])
        page = int(query.get("page", ["1"])[0])
        chunk = items[(page - 1) * per_page: page * per_page]
        headers = {}
        if page * per_page < len(items):
            rest = {key: values[0] for key, values in query.items() if key != "page"}
            headers["Link"] = f'<{self.url}{path}?{urlencode({**rest, "page": page + 1})}>; rel="next"'
        return chunk, headers

    def count(self, method: str, path_prefix: str) -> int:
        return sum(1 for m, target, _ in self.requests if m == method and target.startswith(path_prefix))


@contextmanager
def fake_github() -> Iterator[FakeGitHub]:
    fake = FakeGitHub()

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length)) if length else None
            if self.headers.get("Authorization") != "Bearer test-token":
                status, value, headers = 401, {"message": "Bad credentials"}, {}
            else:
                status, value, headers = fake.reply(self.command, self.path, body)
            data = b"" if status == 204 else json.dumps(value).encode()  # 204 No Content: no body
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for name, header in headers.items():
                self.send_header(name, header)
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _answer

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()


def environment(fake: FakeGitHub, **extra: str) -> dict[str, str]:
    """The variables a workflow run would have, pointed at the fake."""
    return {"GITHUB_API_URL": fake.url, "GITHUB_TOKEN": "test-token", "GITHUB_REPOSITORY": "lanterna/social",
            **extra}
