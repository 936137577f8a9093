"""Serve the sample Weebly blog over HTTP on 127.0.0.1.

In tests::

    with SampleBlogServer() as blog:
        requests.get(blog.blog_url)

From the shell (``make demo``)::

    python -m sampleblog.server --port 8000
"""

from __future__ import annotations

import argparse
import http.client
import threading
import time
from datetime import datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import NamedTuple
from urllib.parse import urlsplit

from .content import POSTS
from .model import Post
from .weebly import Page, build_site


class RequestRecord(NamedTuple):
    method: str
    path: str  # as requested, query string included
    status: int
    at: float = 0.0  # time.monotonic() when the request came in (spacing between requests)


class SampleBlogServer:
    """The sample blog on ``http://127.0.0.1:<port>``, served from a daemon thread."""

    def __init__(self, port: int = 0, posts: list[Post] | None = None, *, log: bool = False) -> None:
        self._httpd = _HTTPServer(("127.0.0.1", port), _Handler)
        self._httpd.blog = self
        self._log_to_stderr = log
        self._lock = threading.RLock()
        self._records: list[RequestRecord] = []
        self._posts: list[Post] = []
        self._pages: dict[str, Page] = {}
        self._thread: threading.Thread | None = None
        self._publish(list(POSTS if posts is None else posts))

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"http://{self.host}"

    @property
    def blog_url(self) -> str:
        return f"{self.url}/blog"

    @property
    def posts(self) -> list[Post]:
        with self._lock:
            return list(self._posts)

    @property
    def requests(self) -> list[RequestRecord]:
        """Every request answered so far, in order: (method, path, status)."""
        with self._lock:
            return list(self._records)

    def clear_log(self) -> None:
        with self._lock:
            self._records.clear()

    def add_post(self, post: Post) -> None:
        """Publish one more post; index, archives, categories, sidebar and feed all update."""
        with self._lock:
            self._publish([*self._posts, post])

    def page(self, path: str) -> Page | None:
        with self._lock:
            return self._pages.get(path)

    def start(self) -> SampleBlogServer:
        if self._thread is None:
            self._thread = threading.Thread(target=self._httpd.serve_forever, name="sampleblog", daemon=True)
            self._thread.start()
            self._wait_until_answering()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> SampleBlogServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _publish(self, posts: list[Post]) -> None:
        """Rebuild the site from ``posts``; a page whose bytes changed gets a fresh Last-Modified."""
        with self._lock:
            pages = build_site(posts, self.host)
            now = datetime.now(timezone.utc).replace(microsecond=0)
            for path, page in pages.items():
                old = self._pages.get(path)
                if old is not None:
                    unchanged = old.body == page.body
                    pages[path] = old if unchanged else Page(page.body, page.content_type, max(now, page.last_modified))
            self._posts, self._pages = posts, pages

    def _record(self, method: str, path: str, status: int, at: float | None = None) -> None:
        with self._lock:
            self._records.append(RequestRecord(method, path, status, time.monotonic() if at is None else at))

    def serve_forever(self) -> None:
        """Serve in the calling thread until interrupted (for ``python -m sampleblog.server``)."""
        try:
            self._httpd.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            self._httpd.server_close()

    def _wait_until_answering(self, timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
                connection.request("HEAD", "/robots.txt")
                connection.getresponse().read()
                connection.close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.02)
        self.clear_log()


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # idle keep-alive connections must not hold up shutdown
    blog: SampleBlogServer


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out at once, as a real web server sends them

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _answer(self, *, send_body: bool) -> None:
        path = urlsplit(self.path).path
        page = self.server.blog.page(path)
        if page is None and len(path) > 1 and path.endswith("/") and self.server.blog.page(path.rstrip("/")):
            self._send(301, b"", {"Location": path.rstrip("/")}, send_body)
        elif page is None:
            self._send(404, NOT_FOUND, {"Content-Type": "text/html; charset=utf-8"}, send_body)
        elif _not_modified(self.headers, page):
            self._send(304, b"", _validators(page), send_body)
        else:
            self._send(200, page.body, {"Content-Type": page.content_type, **_validators(page)}, send_body)

    def _send(self, status: int, body: bytes, headers: dict[str, str], send_body: bool) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body and status != 304:
            self.wfile.write(body)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        self.server.blog._record(self.command or "-", self.path or "-", int(code) if str(code).isdigit() else 0)
        if self.server.blog._log_to_stderr:
            super().log_request(code, size)

    def log_message(self, format: str, *args: object) -> None:
        if self.server.blog._log_to_stderr:
            super().log_message(format, *args)


def _validators(page: Page) -> dict[str, str]:
    return {"ETag": page.etag, "Last-Modified": format_datetime(page.last_modified, usegmt=True)}


def _not_modified(headers, page: Page) -> bool:
    """RFC 9110 §13.2.2: If-None-Match decides when present, else If-Modified-Since."""
    if_none_match = headers.get("If-None-Match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or page.etag in tags
    if_modified_since = headers.get("If-Modified-Since")
    if if_modified_since:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
        if since.tzinfo is None:
            since = since.replace(tzinfo=timezone.utc)
        return page.last_modified.replace(microsecond=0) <= since
    return False


NOT_FOUND = b"""<!DOCTYPE html>
<html lang="en"><head><title>404 - Page Not Found</title></head>
<body><h2>Page Not Found</h2><p>The page you are looking for could not be found.</p></body></html>
"""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the sample Weebly blog on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (0 picks a free one)")
    parser.add_argument("--log", action="store_true", help="log each request to stderr")
    args = parser.parse_args(argv)
    blog = SampleBlogServer(args.port, log=args.log)
    print(blog.blog_url, flush=True)
    blog.serve_forever()


if __name__ == "__main__":
    main()
