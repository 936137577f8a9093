"""RSS, Atom and JSON Feed, read with feedparser: post URLs plus what each item says.

Feeds hold recent posts only (WordPress 10, Jekyll 10, Blogger 25); discovery
never relies on them alone. Paged feeds (RFC 5005 ``rel="next"`` /
``prev-archive``) lead to their next page as a further source.
"""

from __future__ import annotations

import hashlib

import feedparser

from ..extract.dates import normalize_date
from ..extract.names import split_names
from ..record import Hints, Listing, Source
from ..urls import try_normalize

NOT_CATEGORIES = {"all", "uncategorized", "uncategorised"}
FEED_TYPES = ("rss", "atom", "feed+json", "application/json")


def feed_links(soup, url: str) -> list[str]:
    """The feeds a page announces with ``<link rel="alternate">`` (RSS, Atom, JSON Feed), normalised."""
    links: list[str] = []
    for tag in soup.select("link[rel~=alternate][href]"):
        kind = (tag.get("type") or "").lower()
        if any(t in kind for t in FEED_TYPES) and "comments" not in tag["href"]:
            link = try_normalize(tag["href"], url)
            if link and link not in links:
                links.append(link)
    return links


class FeedError(ValueError):
    pass


def read_feed(body: bytes, url: str) -> Listing:
    """The posts a feed lists, with per-item hints and keys. Raises FeedError on a corrupt feed."""
    parsed = feedparser.parse(body)
    if parsed.bozo and not any(entry.get("link") for entry in parsed.entries):
        reason = getattr(parsed, "bozo_exception", None)
        raise FeedError(f"{url}: not a readable feed ({type(reason).__name__ if reason else 'no entries'})")
    listing = Listing()
    for entry in parsed.entries:
        link = try_normalize(_entry_link(entry), url)
        if not link or link in listing.posts:
            continue
        terms = [t.get("term", "").strip() for t in entry.get("tags", [])]
        authors = [n for a in entry.get("authors", []) if a.get("name") for n in split_names(a["name"])]
        updated = dict.get(entry, "updated")     # not entry.get: feedparser would map it to "published"
        published = normalize_date(entry.get("published") or updated)
        hints = Hints(
            categories=list(dict.fromkeys(t for t in terms if t and t.lower() not in NOT_CATEGORIES)),
            authors=authors, published=published, modified=normalize_date(updated),
            title=(entry.get("title") or "").strip() or None,
        )
        content = "".join(c.get("value", "") for c in entry.get("content", [])) or entry.get("summary", "")
        key = hashlib.sha1(f"{hints.title}\n{hints.modified}\n{content}".encode()).hexdigest()[:16]
        listing.add(link, hints, key)
    for rel in ("next", "prev-archive"):
        for item in parsed.feed.get("links", []):
            href = try_normalize(item.get("href", ""), url) if item.get("rel") == rel else None
            if href and href != url:
                listing.sources.append(Source(href, "feed"))
    return listing


def _entry_link(entry) -> str:
    for item in entry.get("links", []):
        if item.get("rel") == "alternate" and item.get("href"):
            return item["href"]
    return entry.get("link") or entry.get("id") or ""
