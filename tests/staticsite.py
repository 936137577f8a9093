"""Serve a saved fixture site from a folder, over real HTTP on 127.0.0.1.

``/blog`` is ``blog.html``, ``/blog/x`` is ``blog/x.html``, ``/blog/feed`` is
``blog/feed.xml``; ``{{HOST}}`` in a file becomes the server's host:port, so
saved pages keep their absolute and protocol-relative links.
"""

from __future__ import annotations

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/rss+xml; charset=utf-8",
         ".txt": "text/plain; charset=utf-8"}


class StaticSite:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.requests: list[tuple[str, str, int]] = []
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            disable_nagle_algorithm = True

            def do_GET(self):
                site._answer(self)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.host = f"127.0.0.1:{self.httpd.server_port}"
        self.url = f"http://{self.host}"

    def file_for(self, path: str) -> Path | None:
        path = path.split("?")[0].rstrip("/") or "/index"
        for candidate in (path + ".html", path + ".xml", path):
            file = self.folder / candidate.lstrip("/")
            if file.is_file():
                return file
        return None

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        file = self.file_for(handler.path)
        if file is None:
            status, body, ctype, etag = 404, b"not found", "text/plain", None
        else:
            body = file.read_bytes().replace(b"{{HOST}}", self.host.encode())
            status, ctype = 200, TYPES.get(file.suffix, "text/html; charset=utf-8")
            etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
            if handler.headers.get("If-None-Match") == etag:
                status, body = 304, b""
        with self._lock:
            self.requests.append(("GET", handler.path, status))
        handler.send_response(status)
        handler.send_header("Content-Type", ctype)
        if etag:
            handler.send_header("ETag", etag)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    def __enter__(self):
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
