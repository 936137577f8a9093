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
from .extract import decode_html, parse_html
from .extract.encoding import declared_charset
from .record import Hints

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
            body = store.stored_body({"body": row["page_body"]})
            if body is None:
                continue
            try:
                charset = declared_charset(json.loads(row["page_headers"] or "{}").get("Content-Type"))
                hints = stored_hints({"hints": row["page_hints"]}, row)
                text = decode_html(body, charset)
                post = platform.extract(parse_html(text), row["url"], hints, source=text)
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

