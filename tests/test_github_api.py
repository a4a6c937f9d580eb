"""The shared GitHub REST client, against the local stand-in (tests/github_server.py)."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest

from socialops.github.api import Client, GitHubError
from tests.github_server import fake_github


def _client(url: str) -> Client:
    return Client(url, "test-token", "lanterna/social")


def test_lists_follow_every_page() -> None:
    with fake_github() as fake:
        fake.routes["GET /repos/lanterna/social/pulls/7/reviews"] = [{"id": n} for n in range(250)]
        items = _client(fake.url).get_all("pulls/7/reviews")
        assert [item["id"] for item in items] == list(range(250))
        assert fake.count("GET", "/repos/lanterna/social/pulls/7/reviews") == 3  # 100 + 100 + 50


@pytest.mark.parametrize("link", [
    '<https://evil.example/steal?page=2>; rel="next"',
    '<{url}.evil.example/repos/lanterna/social/issues?page=2>; rel="next"',  # the same prefix, another host
    '<{other}/repos/lanterna/social/issues?page=2>; rel="next"',  # the same host, another port
])
def test_a_next_link_to_another_host_is_an_error(link: str) -> None:
    """Following it would send the token away; stopping would drop the rest of the list,
    for reviews the newest ones, so an older approval could count."""
    with fake_github() as fake, fake_github() as other:
        fake.routes["GET /repos/lanterna/social/issues"] = [{"id": 1}]
        page_one = fake.reply  # answer the first page with the forged link

        def forged(method: str, target: str, body: object) -> tuple[int, object, dict[str, str]]:
            status, value, _ = page_one(method, target, body)
            return status, value, {"Link": link.format(url=fake.url, other=other.url)}

        fake.reply = forged  # type: ignore[method-assign]
        with pytest.raises(GitHubError, match="the next page is outside the API"):
            _client(fake.url).get_all("issues")
        assert other.requests == []
    from socialops.github import api

    assert api._next_page('<https://api.github.com/repos/o/r/pulls?page=2>; rel="next"',
                          "https://api.github.com") == "https://api.github.com/repos/o/r/pulls?page=2"
    assert api._next_page("", "https://api.github.com") is None


def test_errors_carry_status_and_github_message() -> None:
    with fake_github() as fake:
        with pytest.raises(GitHubError) as refused:
            _client(fake.url).get("pulls/404")
        assert refused.value.status == 404 and "Not Found" in str(refused.value)
        with pytest.raises(GitHubError) as bad_token:
            Client(fake.url, "wrong", "lanterna/social").get("pulls/1")
        assert bad_token.value.status == 401 and "Bad credentials" in str(bad_token.value)


def test_no_server_is_an_error_not_a_traceback() -> None:
    with pytest.raises(GitHubError) as unreachable:
        Client("http://127.0.0.1:9", "t", "o/r", timeout=2).get("pulls/1")
    assert unreachable.value.status == 0


def test_environment_must_name_token_and_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    with pytest.raises(GitHubError, match="GITHUB_TOKEN"):
        Client.from_environment("o/r")
    monkeypatch.setenv("GITHUB_TOKEN", "t")
    monkeypatch.setenv("GITHUB_REPOSITORY", "")
    with pytest.raises(GitHubError, match="owner/name"):
        Client.from_environment()



@dataclass
class Redirector:
    url: str = ""
    seen: list[dict[str, str | None]] = field(default_factory=list)  # each request's path and Authorization


@contextmanager
def redirecting(location: str) -> Iterator[Redirector]:
    """A server that answers GET /landed with JSON and any other GET with 302 to `location`
    ({url}: its own address), recording each request with its Authorization header."""
    redirector = Redirector()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            redirector.seen.append({"path": self.path, "authorization": self.headers.get("Authorization")})
            landed = self.path.startswith("/landed")
            data = b'{"ok": true}' if landed else b""
            self.send_response(200 if landed else 302)
            if not landed:
                self.send_header("Location", location.format(url=redirector.url))
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    redirector.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield redirector
    finally:
        server.shutdown()
        server.server_close()


def test_a_redirect_to_another_host_is_refused_and_the_token_stays() -> None:
    """urllib would copy the Authorization header to whatever host a redirect names."""
    with redirecting("{url}/landed") as elsewhere, redirecting(elsewhere.url + "/landed") as api:
        with pytest.raises(GitHubError, match="redirects to .*another host; not followed") as refused:
            Client(api.url, "test-token", "lanterna/social").get("pulls/1")
        assert refused.value.status == 302
        assert elsewhere.seen == []  # never asked, so never given the token


def test_a_redirect_within_the_api_is_followed_with_the_token() -> None:
    with redirecting("{url}/landed") as api:
        assert Client(api.url, "test-token", "lanterna/social").get("pulls/1") == {"ok": True}
        assert [(request["path"], request["authorization"]) for request in api.seen] == [
            ("/repos/lanterna/social/pulls/1", "Bearer test-token"), ("/landed", "Bearer test-token")]


def test_an_absolute_address_outside_the_api_is_never_asked() -> None:
    """Only a next page inside the API is ever followed; `request` itself refuses any other
    absolute address, so no caller can send the token elsewhere."""
    with fake_github() as api, fake_github() as other:
        other.routes["GET /repos/lanterna/social/pulls/1"] = {"elsewhere": True}
        api.routes["GET /repos/lanterna/social/pulls/1"] = {"number": 1}
        client = _client(api.url)
        for address in (f"{other.url}/repos/lanterna/social/pulls/1", f"{api.url}.evil.example/x",
                        "//evil.example/repos", "file:///etc/passwd", f"{api.url.replace('http:', 'https:')}/x"):
            with pytest.raises(GitHubError, match="outside the API"):
                client.request("GET", address)
        assert other.requests == []
        assert client.request("GET", f"{api.url}/repos/lanterna/social/pulls/1")[0] == {"number": 1}
        assert client.request("GET", "/repos/lanterna/social/pulls/1")[0] == {"number": 1}


@pytest.mark.parametrize(("status", "message", "headers", "read_only", "rate_limited"), [
    (403, "Resource not accessible by integration", {}, True, False),
    (403, "Resource not accessible by integration", {"x-ratelimit-remaining": "0"}, False, True),
    (403, "API rate limit exceeded for installation ID 1.", {"x-ratelimit-remaining": "0"}, False, True),
    (403, "You have exceeded a secondary rate limit.", {"retry-after": "60"}, False, True),
    (429, "Too Many Requests", {"retry-after": "1"}, False, True),
    (403, "Must have admin rights to Repository.", {}, False, False),
    (404, "Not Found", {}, False, False),
])
def test_a_read_only_token_is_told_from_a_rate_limit(status: int, message: str, headers: dict[str, str],
                                                     read_only: bool, rate_limited: bool) -> None:
    with fake_github() as fake:
        fake.routes["POST /repos/lanterna/social/statuses/abc"] = lambda body, query: (status, {"message": message},
                                                                                      headers)
        with pytest.raises(GitHubError) as refused:
            _client(fake.url).post("statuses/abc", {"state": "pending"})
    assert (refused.value.read_only, refused.value.rate_limited) == (read_only, rate_limited)
    assert refused.value.headers.items() >= headers.items()
