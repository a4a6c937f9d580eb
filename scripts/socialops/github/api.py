"""A small GitHub REST client on the standard library: the token, API address and
repository come from the environment GitHub Actions sets (GITHUB_TOKEN, GITHUB_API_URL,
GITHUB_REPOSITORY), so tests point it at a local server. Lists follow `Link: rel="next"`.

The token goes to the API's own address only: an absolute address outside the API (a
`next` link, or any address a caller passes), or a redirect to another host (scheme, name
or port), is an error, never followed, so none can send the token elsewhere nor quietly
cut a list short."""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

DEFAULT_API_URL = "https://api.github.com"
PER_PAGE = 100
MAX_PAGES = 100  # 10,000 items: far beyond any review list; stops a server that pages forever
_NEXT = re.compile(r'<([^<>]*)>\s*;\s*rel="next"')


READ_ONLY = "Resource not accessible by integration"  # GitHub's message to a token without the permission


class GitHubError(Exception):
    """A request GitHub refused or could not answer; `status` is the HTTP status (0: no answer),
    `headers` the answer's headers (lower-case names)."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}

    @property
    def rate_limited(self) -> bool:
        """A 403 or 429 that GitHub's headers say is a rate limit (primary: no requests
        remaining; secondary: retry-after), not a missing permission."""
        return self.status in (403, 429) and (self.headers.get("x-ratelimit-remaining") == "0"
                                              or "retry-after" in self.headers)

    @property
    def read_only(self) -> bool:
        """The token lacks the permission (HTTP 403 "Resource not accessible by integration"),
        as opposed to a rate limit or any other refusal."""
        return self.status == 403 and READ_ONLY in str(self) and not self.rate_limited


def _origin(url: str) -> tuple[str, str, int | None]:
    """Scheme, host and port: what a request must keep to carry the token."""
    parts = urlsplit(url)
    try:
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme.lower())
    except ValueError:
        port = -1
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


class _SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to the same scheme, host and port. urllib would copy the
    Authorization header to any host a redirect names; this refuses instead."""

    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> urllib.request.Request | None:
        if _origin(newurl) != _origin(req.full_url):
            scheme, host, port = _origin(newurl)
            raise GitHubError(code, f"{req.get_method()} {_path_of(req.full_url)}: HTTP {code} redirects to "
                                    f"{scheme}://{host}:{port}, another host; not followed, so the token stays "
                                    "with the API")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_SameOriginRedirects)


@dataclass
class Client:
    api_url: str
    token: str
    repository: str  # owner/name
    timeout: float = 30.0

    @classmethod
    def from_environment(cls, repository: str | None = None) -> Client:
        """The client for this workflow run; GitHubError when the environment lacks what it needs."""
        token = os.environ.get("GITHUB_TOKEN", "")
        repository = repository or os.environ.get("GITHUB_REPOSITORY", "")
        if not token:
            raise GitHubError(0, "GITHUB_TOKEN is not set; in a workflow, pass it with env: GITHUB_TOKEN: "
                                 "${{ github.token }}")
        if not re.fullmatch(r"[\w.-]+/[\w.-]+", repository):
            raise GitHubError(0, "GITHUB_REPOSITORY is not set to owner/name; pass --repository OWNER/NAME")
        return cls(os.environ.get("GITHUB_API_URL") or DEFAULT_API_URL, token, repository)

    def url(self, path: str) -> str:
        """`path` is relative to the repository (`pulls/7`) or absolute from the API root (`/user`)."""
        if not path.startswith("/"):
            path = f"/repos/{self.repository}/{path}"
        return self.api_url.rstrip("/") + path

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[Any, dict[str, str]]:
        """The decoded JSON answer and its headers (lower-case names). `path` is relative to the
        API (see `url`) or an absolute address inside it (a next page); any other is refused."""
        if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", path) or path.startswith("//"):
            if not inside_api(path, self.api_url):
                raise GitHubError(0, f"{method} {_origin(path)[0]}://{_origin(path)[1]}: outside the API "
                                     f"({self.api_url}); not asked, so the token stays with the API")
            url = path
        else:
            url = self.url(path)
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method, headers={
            "Accept": "application/vnd.github+json",
            "Authorization": f"Bearer {self.token}",
            "X-GitHub-Api-Version": "2022-11-28",
            "User-Agent": "socialops",
            **({"Content-Type": "application/json"} if data is not None else {}),
        })
        try:
            with _OPENER.open(request, timeout=self.timeout) as response:
                text = response.read().decode("utf-8")
                headers = {name.lower(): value for name, value in response.headers.items()}
        except urllib.error.HTTPError as exc:
            headers = {name.lower(): value for name, value in (exc.headers or {}).items()}
            raise GitHubError(exc.code, f"{method} {_path_of(url)}: HTTP {exc.code} {_message(exc)}", headers) from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise GitHubError(0, f"{method} {_path_of(url)}: no answer ({exc})") from None
        try:
            return (json.loads(text) if text.strip() else None), headers
        except json.JSONDecodeError:
            raise GitHubError(0, f"{method} {_path_of(url)}: the answer is not JSON") from None

    def get(self, path: str, **params: object) -> Any:
        return self.request("GET", _with_query(path, params))[0]

    def get_all(self, path: str, **params: object) -> list[Any]:
        """Every item of a list, page after page (per_page=100)."""
        items: list[Any] = []
        url: str | None = _with_query(path, {"per_page": PER_PAGE, **params})
        for _ in range(MAX_PAGES):
            if url is None:
                return items
            page, headers = self.request("GET", url)
            if not isinstance(page, list):
                raise GitHubError(0, f"GET {path}: expected a list")
            items.extend(page)
            url = _next_page(headers.get("link", ""), self.api_url, path)
        raise GitHubError(0, f"GET {path}: more than {MAX_PAGES} pages")

    def post(self, path: str, body: dict) -> Any:
        return self.request("POST", path, body)[0]

    def patch(self, path: str, body: dict) -> Any:
        return self.request("PATCH", path, body)[0]


def _with_query(path: str, params: dict[str, object]) -> str:
    query = urlencode({key: value for key, value in params.items() if value is not None})
    return f"{path}{'&' if '?' in path else '?'}{query}" if query else path


def _next_page(link: str, api_url: str, path: str = "") -> str | None:
    """The next page's address; None on the last page. A next page outside the API is an
    error: following it would send the token elsewhere, and stopping would silently drop
    the rest of the list (for reviews, the newest ones)."""
    match = _NEXT.search(link)
    if not match:
        return None
    target = urljoin(api_url, match.group(1))
    if not inside_api(target, api_url):
        raise GitHubError(0, f"GET {path or 'a list'}: the next page is outside the API ({_origin(target)[1]}); "
                             "not followed, and the list is incomplete")
    return target


def inside_api(url: str, api_url: str) -> bool:
    """Whether an absolute address is the API's: the same scheme, host and port, under its path."""
    root = api_url.rstrip("/") + "/"
    return url.startswith(root) and _origin(url) == _origin(root)


def _path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def _message(error: urllib.error.HTTPError) -> str:
    try:
        return str(json.loads(error.read().decode("utf-8")).get("message", ""))
    except (ValueError, AttributeError, OSError):
        return ""


def event_payload() -> dict:
    """The webhook payload of the running workflow ($GITHUB_EVENT_PATH), or {}."""
    path = os.environ.get("GITHUB_EVENT_PATH")
    if not path:
        return {}
    try:
        with open(path, encoding="utf-8") as handle:
            payload = json.load(handle)
    except (OSError, ValueError):
        return {}
    return payload if isinstance(payload, dict) else {}


def pull_number(explicit: int | None) -> int | None:
    """The pull request's number: given, else from the event payload."""
    if explicit is not None:
        return explicit
    number = event_payload().get("pull_request", {}).get("number")
    return number if isinstance(number, int) else None
