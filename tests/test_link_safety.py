"""`--online` fetches only public addresses: checked after resolution, on every redirect,
connected to as checked. The network here is a resolver and a sender the tests give, or
a server on this machine; never the real network."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from socialops import link_fetch
from socialops.link_fetch import Answer, Fetcher, refusal
from tests.conftest import make_repo, run_cli

# Expected kinds from the IANA special-purpose address registries (RFC 6890 and updates),
# not from the code under test.
REFUSED = {
    "127.0.0.1": "a loopback address",
    "127.255.0.9": "a loopback address",
    "10.1.2.3": "a private address",
    "172.16.0.1": "a private address",
    "192.168.1.1": "a private address",
    "169.254.169.254": "a link-local address",  # cloud metadata
    "0.0.0.0": "an unspecified address",
    "224.0.0.1": "a multicast address",
    "240.0.0.1": "a private address",  # reserved for future use; Python counts it private
    "100.64.0.1": "a non-public address",  # carrier-grade NAT
    "::1": "a loopback address",
    "::": "an unspecified address",
    "fe80::1": "a link-local address",
    "fe80::1%eth0": "a link-local address",
    "fc00::1": "a private address",
    "fec0::1": "a site-local address",
    "ff02::1": "a multicast address",
    "::ffff:127.0.0.1": "a loopback address",  # IPv4-mapped
    "::ffff:169.254.169.254": "a link-local address",
    "64:ff9b::a00:5": "a private address",  # NAT64 of 10.0.0.5
    "2002:7f00:1::": "a loopback address",  # 6to4 of 127.0.0.1
}
PUBLIC = ["93.184.215.14", "1.1.1.1", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"]


@pytest.mark.parametrize(("address", "kind"), REFUSED.items())
def test_private_and_local_addresses_are_refused(address: str, kind: str) -> None:
    assert refusal(address) == kind


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_are_fetched(address: str) -> None:
    assert refusal(address) is None


class FakeNetwork:
    """Names resolve from a table (a list of answers is given one per lookup, for DNS
    rebinding); each request gets the next answer of `answers`."""

    def __init__(self, names: dict[str, list[str] | list[list[str]]], answers: list[Answer]) -> None:
        self.names, self.answers = names, list(answers)
        self.lookups: list[str] = []
        self.requests: list[tuple[str, str, str]] = []

    def resolve(self, host: str, port: int) -> list[str]:
        self.lookups.append(host)
        found = self.names[host]
        if found and isinstance(found[0], list):  # a different answer each time
            return found.pop(0)  # type: ignore[return-value]
        return found  # type: ignore[return-value]

    def send(self, method: str, url: str, address: str, timeout: float) -> Answer:
        self.requests.append((method, url, address))
        return self.answers.pop(0)

    def fetcher(self, allow_private: bool = False) -> Fetcher:
        return Fetcher(5, allow_private=allow_private, resolver=self.resolve, sender=self.send)


def test_connects_to_the_address_it_checked_without_resolving_again() -> None:
    """DNS rebinding: the name answers a public address, then 127.0.0.1. It is looked up
    once, and the request goes to the public address."""
    network = FakeNetwork({"shop.example.com": [["93.184.215.14"], ["127.0.0.1"]]}, [Answer(200, None)])
    assert network.fetcher().problem("https://shop.example.com/halo") is None
    assert network.lookups == ["shop.example.com"]
    assert network.requests == [("HEAD", "https://shop.example.com/halo", "93.184.215.14")]


def test_a_redirect_to_a_refused_address_is_not_followed() -> None:
    network = FakeNetwork({"shop.example.com": ["93.184.215.14"]},
                          [Answer(302, "http://169.254.169.254/latest/meta-data/")])
    assert network.fetcher().problem("https://shop.example.com/go") == (
        "not fetched: it redirects to http://169.254.169.254/latest/meta-data/, and 169.254.169.254 is a "
        "link-local address",
        "a post's link must lead to a public web address; --online-allow-private fetches private and local "
        "addresses too")
    assert [address for _, _, address in network.requests] == ["93.184.215.14"]


def test_a_redirect_to_a_name_of_a_private_address_is_not_followed() -> None:
    network = FakeNetwork({"shop.example.com": ["93.184.215.14"], "intranet.example.com": ["10.0.0.5"]},
                          [Answer(301, "https://intranet.example.com/admin")])
    message, _ = network.fetcher().problem("https://shop.example.com/") or ("", "")
    assert message == ("not fetched: it redirects to https://intranet.example.com/admin, and intranet.example.com "
                       "(10.0.0.5) is a private address")
    assert network.lookups == ["shop.example.com", "intranet.example.com"]


def test_one_private_answer_among_public_ones_is_refused() -> None:
    network = FakeNetwork({"mixed.example.com": ["93.184.215.14", "::1"]}, [])
    message, _ = network.fetcher().problem("https://mixed.example.com/") or ("", "")
    assert message == "not fetched: mixed.example.com (::1) is a loopback address"
    assert network.requests == []


def test_redirects_are_followed_each_checked_and_bounded() -> None:
    relative = FakeNetwork({"a.example.com": ["93.184.215.14"], "b.example.com": ["1.1.1.1"]},
                           [Answer(301, "https://b.example.com/x"), Answer(302, "/y"), Answer(200, None)])
    assert relative.fetcher().problem("https://a.example.com/") is None
    assert [(url, address) for _, url, address in relative.requests] == [
        ("https://a.example.com/", "93.184.215.14"), ("https://b.example.com/x", "1.1.1.1"),
        ("https://b.example.com/y", "1.1.1.1")]
    looping = FakeNetwork({"a.example.com": ["93.184.215.14"]}, [Answer(302, "/again")] * 10)
    assert looping.fetcher().problem("https://a.example.com/") == (
        f"not fetched: more than {link_fetch.MAX_REDIRECTS} redirects",
        "a post's link must lead to a public web address; --online-allow-private fetches private and local "
        "addresses too")
    assert len(looping.requests) == link_fetch.MAX_REDIRECTS + 1


def test_a_redirect_off_the_web_is_refused() -> None:
    network = FakeNetwork({"a.example.com": ["93.184.215.14"]}, [Answer(302, "file:///etc/passwd")])
    message, _ = network.fetcher().problem("https://a.example.com/") or ("", "")
    assert message == "not fetched: it redirects to file:///etc/passwd, and file:///etc/passwd is not a web address " \
                      "(http or https)"


def test_head_refused_then_get() -> None:
    network = FakeNetwork({"a.example.com": ["93.184.215.14"]}, [Answer(405, None), Answer(404, None)])
    assert network.fetcher().problem("https://a.example.com/") == ("answers 404", "open the link in a browser and correct it")
    assert [method for method, _, _ in network.requests] == ["HEAD", "GET"]


def test_allow_private_fetches_local_addresses() -> None:
    network = FakeNetwork({"localhost": ["127.0.0.1"]}, [Answer(200, None)])
    assert network.fetcher(allow_private=True).problem("http://localhost:8000/") is None
    assert network.requests == [("HEAD", "http://localhost:8000/", "127.0.0.1")]


def test_address_literals_are_checked_too() -> None:
    network = FakeNetwork({}, [])
    assert network.fetcher().problem("http://[::1]:9/")[0] == "not fetched: ::1 is a loopback address"  # type: ignore[index]
    assert network.fetcher().problem("http://169.254.169.254/")[0] == (  # type: ignore[index]
        "not fetched: 169.254.169.254 is a link-local address")
    assert network.requests == [] and network.lookups == []


@pytest.fixture
def local_server() -> Iterator[tuple[int, list[str]]]:
    """A server on 127.0.0.1: /live answers 200, /moved redirects to /live, the rest 404.
    Yields its port and the Host header of each request."""
    hosts: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self) -> None:  # noqa: N802
            hosts.append(self.headers["Host"])
            if self.path == "/moved":
                self.send_response(302)
                self.send_header("Location", "/live")
            else:
                self.send_response(200 if self.path == "/live" else 404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_port, hosts
    finally:
        server.shutdown()


def test_the_real_sender_connects_to_the_checked_address(local_server: tuple[int, list[str]]) -> None:
    """`www.example.test` resolves only through the given resolver (to 127.0.0.1): the
    request reaches the server with the name in its Host header, redirects followed."""
    port, hosts = local_server
    lookups: list[str] = []

    def resolver(host: str, _port: int) -> list[str]:
        lookups.append(host)
        return ["127.0.0.1"]

    fetcher = Fetcher(5, allow_private=True, resolver=resolver)
    assert fetcher.problem(f"http://www.example.test:{port}/moved") is None
    assert fetcher.problem(f"http://www.example.test:{port}/gone") == ("answers 404", "open the link in a browser and correct it")
    assert hosts == [f"www.example.test:{port}"] * 3
    assert lookups == ["www.example.test"] * 3


def test_allow_private_needs_online(tmp_path: Path) -> None:
    result = run_cli("check", "--online-allow-private", cwd=make_repo(tmp_path))
    assert result.returncode == 2
    assert "--online-allow-private only makes sense with --online" in result.stderr
