"""Re-extraction without the network: every stored post page run through its platform's extractor again.

After an extractor improves, ``reextract`` rebuilds each post from its stored raw page and the hints
its sources gave when it was fetched (stored with the page; for pages stored before hints were,
the post's own categories and archive month stand in). A post whose record changes is updated and
its previous version kept in ``revisions``.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field

from . import platforms, store
from .extract import extract
from .extract.encoding import declared_charset
from .record import Hints, Post

log = logging.getLogger(__name__)


@dataclass
class ReextractResult:
    pages: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)


def stored_hints(page: dict, post: dict) -> Hints:
    if page.get("hints"):
        return Hints(**json.loads(page["hints"]))
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


def reextract(db, blogs: list[dict], progress=None) -> ReextractResult:
    """Re-extract every stored post of ``blogs``; returns the counts."""
    result = ReextractResult()
    for blog in blogs:
        platform = platforms.get(blog.get("platform")) or platforms.get("generic")
        rows = list(db.query(
            "SELECT posts.*, pages.body AS page_body, pages.hints AS page_hints, pages.headers AS page_headers "
            "FROM posts JOIN pages ON pages.url = posts.url WHERE posts.blog_id = ? ORDER BY posts.id",
            [blog["id"]]))
        for row in rows:
            result.pages += 1
            if row["page_body"] is None:
                continue
            try:
                hints = stored_hints({"hints": row["page_hints"]}, row)
                page = {"body": row["page_body"], "headers": row["page_headers"]}
                post = extract_stored(platform, page, row["url"], hints)
                with store.transaction(db):
                    outcome = store.save_post(db, post, blog["id"], reason="reextract")
            except Exception as exc:   # one page the extractor cannot handle must not stop the rest
                result.failed.append(f"{row['url']}: {type(exc).__name__}: {exc}".splitlines()[0])
                continue
            if outcome == "updated":
                result.updated += 1
                log.info("%s: updated", row["url"])
            else:
                result.unchanged += 1
            if progress:
                progress(result)
    return result

