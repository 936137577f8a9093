"""Serve a built or recorded fixture site over real HTTP on 127.0.0.1, like a static web server.

A site folder holds one folder per state (``v1``, ``v2``: the blog before and
after some posts were added, edited and removed). Inside a state, a request
path maps to a file the way nginx maps it: ``/a/b/`` to ``a/b/index.html``,
``/a/b.html`` to that file, and ``/a/b`` (a folder) to a 301 to ``/a/b/``.
A state may also hold ``_routes.json``, for answers a plain file tree cannot
give (query strings, status codes, headers such as a REST API's
``X-WP-TotalPages``)::

    {"/wp-json/wp/v2/posts?per_page=100&page=1":
        {"file": "_api/posts-1.json", "status": 200, "headers": {"X-WP-TotalPages": "1"}}}

A route's key is a path with its query; keys and requests are compared with
the query's parameters decoded and sorted, so ``?b=2&a=1`` and ``?a=1&b=2``
(or ``,`` and ``%2C``) are one route. When no route matches, the query is
ignored and the file tree answers. ``{{HOST}}`` in any file or header becomes
the server's ``host:port`` (recorded JSON keeps ``http:\\/\\/{{HOST}}``).

Like nginx, every file of a state gets the state's build time as its
``Last-Modified`` and an ETag made of that time and the file's size: switching
states (a rebuild) changes the validators of every file, whether or not its
content changed. Conditional requests are answered with 304.

Tests count requests through ``site.requests`` and can make paths fail with
``site.fail(prefix, status)``.
"""

from __future__ import annotations

import gzip
import json
import mimetypes
import threading
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import NamedTuple
from urllib.parse import parse_qsl, unquote, urlsplit

TYPES = {
    ".html": "text/html; charset=utf-8", ".xml": "application/xml; charset=utf-8",
    ".json": "application/json; charset=utf-8", ".txt": "text/plain; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8", ".rss": "application/rss+xml; charset=utf-8",
    ".css": "text/css", ".js": "application/javascript",
}
BUILD_TIMES = {"v1": 1717000000, "v2": 1722000000}


class Request(NamedTuple):
    path: str     # as requested, query included
    status: int


class RecordedSite:
    """``with RecordedSite(folder) as site:`` serves ``folder/v1`` at ``site.url``."""

    def __init__(self, folder: Path, state: str = "v1"):
        self.folder = Path(folder)
        self.requests: list[Request] = []
        self._failing: dict[str, int] = {}
        self._lock = threading.Lock()
        self.use(state)
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def do_GET(self):
                site._answer(self)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.host = f"127.0.0.1:{self.httpd.server_port}"
        self.url = f"http://{self.host}"

    def use(self, state: str) -> None:
        """Switch to another state of the site (a rebuild or a republish)."""
        root = self.folder / state
        if not root.is_dir():
            raise FileNotFoundError(root)
        routes = root / "_routes.json"
        self.state = state
        self.root = root
        loaded = json.loads(routes.read_text(encoding="utf-8")) if routes.exists() else {}
        self.routes = {route_key(key): value for key, value in loaded.items()}
        self.build_time = BUILD_TIMES.get(state, 1700000000)

    def fail(self, prefix: str, status: int = 404) -> None:
        """Answer ``status`` for every path starting with ``prefix`` (query included)."""
        self._failing[prefix] = status

    def reset_requests(self) -> list[Request]:
        with self._lock:
            done, self.requests = self.requests, []
        return done

    # ------------------------------------------------------------------ answering

    def resolve(self, raw_path: str) -> tuple[int, Path | None, dict[str, str]]:
        """(status, file, extra headers) for a request path."""
        for prefix, status in self._failing.items():
            if raw_path.startswith(prefix):
                return status, None, {}
        route = self.routes.get(route_key(raw_path))
        if route is not None:
            file = self.root / route["file"] if route.get("file") else None
            return route.get("status", 200), file, dict(route.get("headers", {}))
        path = unquote(urlsplit(raw_path).path)
        if ".." in path.split("/"):
            return 404, None, {}
        target = self.root / path.lstrip("/")
        if target.is_dir():
            if not path.endswith("/"):
                return 301, None, {"Location": path + "/"}
            target = target / "index.html"
        if target.is_file() and not target.name.startswith("_"):
            return 200, target, {}
        return 404, None, {}

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        status, file, headers = self.resolve(handler.path)
        body = b""
        if file is not None and file.is_file():
            body = _with_host(file.read_bytes(), self.host.encode())
            ctype = TYPES.get(file.suffix) or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            headers.setdefault("Content-Type", ctype)
            if status == 200:
                headers["Last-Modified"] = formatdate(self.build_time, usegmt=True)
                headers["ETag"] = '"%x-%x"' % (self.build_time, len(body))
                if _not_modified(handler, headers):
                    status, body = 304, b""
        elif status >= 400:
            body = b"<html><body><h1>Not found</h1></body></html>"
            headers.setdefault("Content-Type", "text/html; charset=utf-8")
        with self._lock:
            self.requests.append(Request(handler.path, status))
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value.replace("{{HOST}}", self.host))
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    def __enter__(self):
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def _with_host(data: bytes, host: bytes) -> bytes:
    """A file's bytes with ``{{HOST}}`` replaced, inside a gzipped file (``sitemap.xml.gz``) too."""
    if data[:2] == b"\x1f\x8b":
        return gzip.compress(gzip.decompress(data).replace(b"{{HOST}}", host), mtime=0)
    return data.replace(b"{{HOST}}", host)


def route_key(raw_path: str) -> str:
    """A request path with its query parameters decoded and sorted."""
    parts = urlsplit(raw_path)
    query = sorted(parse_qsl(parts.query, keep_blank_values=True))
    return unquote(parts.path) + ("?" + "&".join(f"{k}={v}" for k, v in query) if query else "")


def _not_modified(handler: BaseHTTPRequestHandler, headers: dict[str, str]) -> bool:
    etag = handler.headers.get("If-None-Match")
    if etag is not None:
        return etag == headers["ETag"]
    since = handler.headers.get("If-Modified-Since")
    if since:
        try:
            return parsedate_to_datetime(since) >= parsedate_to_datetime(headers["Last-Modified"])
        except (TypeError, ValueError):
            return False
    return False
