"""The shared GitHub REST client, against the local stand-in (tests/github_server.py)."""

from __future__ import annotations

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


def test_a_next_link_to_another_host_is_not_followed() -> None:
    with fake_github() as fake:
        fake.routes["GET /repos/lanterna/social/issues"] = lambda body, query: (200, [{"id": 1}])
        client = _client(fake.url)
        from socialops.github import api

        assert api._next_page('<https://evil.example/steal?page=2>; rel="next"', fake.url) is None
        assert api._next_page(f'<{fake.url}/repos/lanterna/social/issues?page=2>; rel="next"', fake.url)
        assert client.get_all("issues") == [{"id": 1}]


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
