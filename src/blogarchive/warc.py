"""A standard web archive of what was fetched: the stored responses written as WARC 1.1 records.

Each stored page becomes a ``request`` record (the headers blogarchive sent) and a ``response``
record (status, headers and the body as stored), readable by replay tools and warcio. The body
was stored decoded, so ``Content-Encoding`` and ``Transfer-Encoding`` are dropped and
``Content-Length`` matches it.
"""

from __future__ import annotations

import json
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from . import __version__, store

DROPPED = {"content-encoding", "transfer-encoding", "content-length"}


def write_warc(db, out: Path, blog_ids: list[int] | None = None) -> int:
    """Write every stored page (of ``blog_ids``, or all) to ``out`` (gzipped when it ends in .gz).
    Returns the number of responses written."""
    where, params = ("WHERE body IS NOT NULL", [])
    if blog_ids:
        where += f" AND blog_id IN ({', '.join('?' for _ in blog_ids)})"
        params = list(blog_ids)
    written = 0
    with open(out, "wb") as stream:
        writer = WARCWriter(stream, gzip=str(out).endswith(".gz"), warc_version="1.1")
        writer.write_record(writer.create_warcinfo_record(out.name, {
            "software": f"blogarchive/{__version__}", "format": "WARC File Format 1.1",
        }))
        for row in db.query(f"SELECT * FROM pages {where} ORDER BY id", params):
            body = store.stored_body(row)
            if body is None:
                continue
            status = row["status"] or 200
            try:
                reason = HTTPStatus(status).phrase
            except ValueError:
                reason = ""
            headers = [(k, v) for k, v in json.loads(row["headers"] or "{}").items() if k.lower() not in DROPPED]
            headers.append(("Content-Length", str(len(body))))
            http = StatusAndHeaders(f"{status} {reason}".strip(), headers, protocol="HTTP/1.1")
            date = _warc_date(row)
            response = writer.create_warc_record(row["url"], "response", payload=BytesIO(body),
                                                 http_headers=http, warc_headers_dict={"WARC-Date": date})
            requested = json.loads(row["request_headers"] or "{}")
            if requested:
                path = row["url"].split("/", 3)[3] if row["url"].count("/") >= 3 else ""
                request = writer.create_warc_record(
                    row["url"], "request", http_headers=StatusAndHeaders(f"GET /{path} HTTP/1.1",
                                                                         list(requested.items()), is_http_request=True),
                    warc_headers_dict={"WARC-Date": date})
                writer.write_request_response_pair(request, response)
            else:
                writer.write_record(response)
            written += 1
    return written


def _warc_date(row: dict) -> str:
    """When the page was fetched, as a WARC date (ISO 8601 UTC)."""
    fetched = row.get("fetched_at") or ""
    if fetched:
        return fetched.replace("+00:00", "Z")
    try:
        return parsedate_to_datetime(json.loads(row["headers"] or "{}").get("Date", "")).isoformat()
    except (TypeError, ValueError):
        return store.now_iso().replace("+00:00", "Z")
