"""RSS and Atom feeds, read with feedparser: post URLs plus the date and
categories each item carries. Feeds hold recent posts only; discovery never
relies on them alone."""

from __future__ import annotations

import feedparser

from ..extract.dates import normalize_date
from ..record import Hints, ListPage
from ..urls import try_normalize

NOT_CATEGORIES = {"all", "uncategorized", "uncategorised"}


def feed_links(soup, url: str) -> list[str]:
    """The RSS/Atom feeds a page announces with ``<link rel="alternate">``, normalised."""
    links: list[str] = []
    for tag in soup.select("link[rel~=alternate][href]"):
        kind = tag.get("type") or ""
        if "rss" in kind or "atom" in kind:
            link = try_normalize(tag["href"], url)
            if link and link not in links:
                links.append(link)
    return links


class FeedError(ValueError):
    pass


def parse_feed(body: bytes, url: str) -> ListPage:
    """The posts a feed lists, with per-item hints. Raises FeedError on a corrupt feed."""
    parsed = feedparser.parse(body)
    if parsed.bozo and not any(entry.get("link") for entry in parsed.entries):
        reason = getattr(parsed, "bozo_exception", None)
        raise FeedError(f"{url}: not a readable feed ({type(reason).__name__ if reason else 'no entries'})")
    page = ListPage()
    for entry in parsed.entries:
        link = try_normalize(entry.get("link", ""), url)
        if not link or link in page.items:
            continue
        page.posts.append(link)
        categories = [
            tag.get("term", "").strip() for tag in entry.get("tags", [])
            if tag.get("term", "").strip() and tag.get("term", "").strip().lower() not in NOT_CATEGORIES
        ]
        page.items[link] = Hints(
            categories=list(dict.fromkeys(categories)),
            published=normalize_date(entry.get("published") or entry.get("updated")),
        )
    return page
