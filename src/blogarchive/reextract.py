"""Re-extraction without the network: every stored post page run through its platform's extractor again.

After an extractor improves, ``reextract`` rebuilds each post from its stored raw page and the hints
its sources gave when it was fetched (stored with the page; for pages stored before hints were,
the post's own categories and archive month stand in). A post whose record changes is updated and
its previous version kept in ``revisions``.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass, field

from . import platforms, store
from .extract import extract
from .extract.encoding import declared_charset
from .record import Hints, Post
from .workers import ordered_map

log = logging.getLogger(__name__)


@dataclass
class ReextractResult:
    pages: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)


def stored_hints(page: dict, post: dict) -> Hints:
    if page.get("hints"):
        return Hints.unpack(page["hints"])
    return Hints(categories=json.loads(post["categories"] or "[]"), archive_month=post["archive_month"],
                 published=post["published"])


def extract_stored(platform, page: dict, url: str, hints: Hints | None) -> Post | None:
    """A post from a stored page row (its compressed ``body`` and the ``headers`` it was served
    with, for their charset); None when the page was stored without a body."""
    body = store.stored_body(page)
    if body is None:
        return None
    charset = declared_charset(json.loads(page.get("headers") or "{}").get("Content-Type"))
    return extract(body, url, hints, charset, platform)


def reextract(db, blogs: list[dict], progress=None, jobs: int = 1) -> ReextractResult:
    """Re-extract every stored post of ``blogs`` (``jobs`` worker processes extract, this
    process writes); returns the counts."""
    result = ReextractResult()
    for blog in blogs:
        platform = blog.get("platform") or "generic"
        ids = [row["id"] for row in db.query(
            "SELECT posts.id FROM posts JOIN pages ON pages.url = posts.url WHERE posts.blog_id = ? ORDER BY posts.id",
            [blog["id"]])]
        result.pages += len(ids)
        for url, outcome in ordered_map(_extract_row, _stored_rows(db, ids, platform), jobs):
            if isinstance(outcome, str):
                result.failed.append(f"{url}: {outcome}")
                continue
            if outcome is None:
                continue
            try:
                with store.transaction(db):
                    saved = store.save_post(db, outcome, blog["id"], reason="reextract")
            except sqlite3.Error:
                raise
            except Exception as exc:   # one record the store cannot take must not stop the rest
                result.failed.append(f"{url}: {type(exc).__name__}: {exc}".splitlines()[0])
                continue
            if saved == "updated":
                result.updated += 1
                log.info("%s: updated", url)
            else:
                result.unchanged += 1
            if progress:
                progress(result)
    return result


_CHUNK = 200        # rows read from the archive at a time


def _stored_rows(db, ids: list[int], platform: str):
    """(platform name, post row with its stored page) for each post id, read a chunk at a time."""
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        rows = db.query(
            "SELECT posts.*, pages.body AS page_body, pages.hints AS page_hints, pages.headers AS page_headers "
            f"FROM posts JOIN pages ON pages.url = posts.url WHERE posts.id IN ({','.join('?' * len(chunk))}) "
            "ORDER BY posts.id", chunk)
        for row in rows:
            yield platform, row


def _extract_row(item: tuple[str, dict]) -> tuple[str, Post | str | None]:
    """(url, the post rebuilt from its stored page, or None without a stored body, or the error)."""
    name, row = item
    if row["page_body"] is None:
        return row["url"], None
    try:
        platform = platforms.get(name) or platforms.get("generic")
        hints = stored_hints({"hints": row["page_hints"]}, row)
        page = {"body": row["page_body"], "headers": row["page_headers"]}
        return row["url"], extract_stored(platform, page, row["url"], hints)
    except Exception as exc:   # one page the extractor cannot handle must not stop the rest
        return row["url"], f"{type(exc).__name__}: {exc}".splitlines()[0]
