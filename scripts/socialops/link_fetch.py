"""Fetching the links of posts safely, for `socialops check --online` (rules/link_reachable.py).

A post's text is not trusted to choose where the check connects: a link's host is
resolved once, and it is fetched only when every address it resolves to is public
(not private, loopback, link-local, multicast, reserved or unspecified, IPv4 or IPv6,
IPv4 inside IPv6 included). The connection goes to the address that was checked, never
to a second resolution of the name, and redirects are followed here, at most
MAX_REDIRECTS, each one checked the same way. Proxy settings of the environment are not used.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

USER_AGENT = "socialops-link-check/1 (+https://github.com/)"
MAX_REDIRECTS = 5
HEAD_REFUSED = (403, 405, 501)  # some servers refuse HEAD; then GET is tried
REDIRECTS = (301, 302, 303, 307, 308)
ALLOW_PRIVATE_FLAG = "--online-allow-private"
_URL_CHARACTERS = "".join(chr(code) for code in range(0x21, 0x7F))  # kept as they are; the rest is %-encoded

Resolver = Callable[[str, int], list[str]]  # (host, port) -> IP addresses


class Refused(Exception):
    """A link, or a link it redirects to, that is not fetched; the message says why."""


def resolve(host: str, port: int) -> list[str]:
    """Every address the system's resolver gives for host."""
    return list(dict.fromkeys(info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)))


def refusal(address: str) -> str | None:
    """Why an address must not be fetched ("a loopback address"), or None when it is public."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 zone (%eth0) names no other address
    embedded = _embedded_ipv4(ip)
    if embedded is not None:
        return refusal(str(embedded))
    for kind, flag in (("an unspecified", ip.is_unspecified), ("a loopback", ip.is_loopback),
                       ("a link-local", ip.is_link_local), ("a multicast", ip.is_multicast),
                       ("a private", ip.is_private), ("a reserved", ip.is_reserved),
                       ("a site-local", getattr(ip, "is_site_local", False))):
        if flag:
            return f"{kind} address"
    if not ip.is_global:
        return "a non-public address"  # e.g. 100.64.0.0/10, shared by carriers
    return None


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True


def _embedded_ipv4(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (::ffff:a.b.c.d, 6to4, NAT64 64:ff9b::/96),
    which is where a connection to it ends up."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in ipaddress.IPv6Network("64:ff9b::/96"):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


@dataclass
class Answer:
    status: int
    location: str | None  # the Location header of a redirect


Sender = Callable[[str, str, str, float], Answer]  # (method, url, address, timeout) -> answer


def send(method: str, url: str, address: str, timeout: float) -> Answer:
    """One request for url over a connection to `address`; the body is not read."""
    parts = urlsplit(url)
    https = parts.scheme.lower() == "https"
    port = parts.port or (443 if https else 80)
    connection: http.client.HTTPConnection = (_PinnedHTTPS if https else _PinnedHTTP)(
        parts.hostname, port, address, timeout)
    try:
        target = quote((parts.path or "/") + (f"?{parts.query}" if parts.query else ""), safe=_URL_CHARACTERS)
        connection.request(method, target, headers={"User-Agent": USER_AGENT})
        response = connection.getresponse()
        return Answer(response.status, response.getheader("Location"))
    finally:
        connection.close()


class _PinnedHTTP(http.client.HTTPConnection):
    """Connects to the address given, whatever the host name resolves to now."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """Connects to the address given; the certificate is checked against the host name."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


@dataclass
class Fetcher:
    """Fetches links safely: resolve once, check every address, connect to the checked
    address, follow redirects here. `resolver` and `sender` are the network (tests
    give their own)."""

    timeout: float
    allow_private: bool = False
    resolver: Resolver = resolve
    sender: Sender = send

    def problem(self, url: str) -> tuple[str, str] | None:
        """None when the link answers with a status below 400; else (message, hint)."""
        try:
            status = self.status(url, "HEAD")
            if status in HEAD_REFUSED:
                status = self.status(url, "GET")
        except Refused as exc:
            return f"not fetched: {exc}", (f"a post's link must lead to a public web address; {ALLOW_PRIVATE_FLAG} "
                                           "fetches private and local addresses too")
        except (OSError, http.client.HTTPException, ValueError) as exc:
            return f"does not answer ({getattr(exc, 'reason', None) or exc})", "open the link in a browser and correct it"
        if status >= 400:
            return f"answers {status}", "open the link in a browser and correct it"
        return None

    def status(self, url: str, method: str) -> int:
        """The status of the last answer, redirects followed."""
        for hop in range(MAX_REDIRECTS + 1):
            try:
                address = self.address(url)
            except Refused as exc:
                raise Refused(f"it redirects to {url}, and {exc}" if hop else str(exc)) from None
            answer = self.sender(method, url, address, self.timeout)
            if answer.status not in REDIRECTS or not answer.location:
                return answer.status
            url = urljoin(url, answer.location)
        raise Refused(f"more than {MAX_REDIRECTS} redirects")

    def address(self, url: str) -> str:
        """The address to connect to for url, once every address of its host is checked."""
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise Refused(f"{url} is not a web address (http or https)")
        try:
            port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        except ValueError:
            raise Refused(f"{url} is not a well-formed link") from None
        try:
            addresses = [parts.hostname] if _is_address(parts.hostname) else self.resolver(parts.hostname, port)
        except (OSError, UnicodeError) as exc:
            raise OSError(f"{parts.hostname} is not found ({exc})") from None
        if not addresses:
            raise OSError(f"{parts.hostname} is not found")
        if not self.allow_private:
            for address in addresses:
                reason = refusal(address)
                if reason:
                    shown = parts.hostname if parts.hostname == address else f"{parts.hostname} ({address})"
                    raise Refused(f"{shown} is {reason}")
        return addresses[0]
