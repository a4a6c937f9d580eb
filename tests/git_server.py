"""A local git remote over smart HTTP, for tests: `git http-backend` (git's own CGI program)
behind Python's HTTP server, serving the repositories under a folder. It refuses every
request that lacks the expected `Authorization` header, as GitHub refuses a private
repository's fetch without the token, and records the header of each request it got.
Nothing here reaches the network."""

from __future__ import annotations

import base64
import http.server
import os
import re
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class GitRemote:
    url: str = ""
    expected: str = ""  # the Authorization header git must send
    seen: list[str | None] = field(default_factory=list)  # each request's Authorization header


@contextmanager
def git_http(folder: Path, token: str) -> Iterator[GitRemote]:
    """Serve the repositories under `folder` (http://127.0.0.1:PORT/<path>) to git, with
    `token` as GitHub takes it from git: basic authentication as x-access-token."""
    remote = GitRemote(expected="basic " + base64.b64encode(f"x-access-token:{token}".encode()).decode())

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self) -> None:
            authorization = self.headers.get("Authorization")
            remote.seen.append(authorization)
            if (authorization or "").lower() != remote.expected.lower():
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="git"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            path, _, query = self.path.partition("?")
            environment = {"PATH": os.environ.get("PATH", ""), "GIT_PROJECT_ROOT": str(folder),
                           "GIT_HTTP_EXPORT_ALL": "1", "PATH_INFO": path, "QUERY_STRING": query,
                           "REQUEST_METHOD": self.command, "CONTENT_TYPE": self.headers.get("Content-Type", ""),
                           "CONTENT_LENGTH": str(len(body)), "REMOTE_ADDR": "127.0.0.1", "REMOTE_USER": "x-access-token"}
            for header, variable in (("Git-Protocol", "GIT_PROTOCOL"), ("Content-Encoding", "HTTP_CONTENT_ENCODING")):
                if self.headers.get(header):
                    environment[variable] = self.headers[header]
            result = subprocess.run(["git", "http-backend"], input=body, env=environment, capture_output=True,
                                    timeout=60)
            end = re.search(rb"\r?\n\r?\n", result.stdout)  # CGI: headers, a blank line, the body
            head, payload = (result.stdout[:end.start()], result.stdout[end.end():]) if end else (b"", result.stdout)
            status, headers = 200, []
            for line in head.decode("latin-1").splitlines():
                name, _, value = line.partition(":")
                if name.lower() == "status":
                    status = int(value.split()[0])
                elif name:
                    headers.append((name, value.strip()))
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = _answer

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    remote.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield remote
    finally:
        server.shutdown()
        server.server_close()
