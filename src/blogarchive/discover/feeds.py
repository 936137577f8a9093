"""RSS, Atom and JSON Feed, read with feedparser: post URLs plus what each item says.

Feeds hold recent posts only (WordPress 10, Jekyll 10, Blogger 25); discovery
never relies on them alone. Paged feeds (RFC 5005 ``rel="next"`` /
``prev-archive``) lead to their next page as a further source.
"""

from __future__ import annotations

import hashlib
import json

import feedparser

from ..extract.dates import normalize_date
from ..extract.names import split_names
from ..extract.tree import Element, select
from ..record import Hints, Listing, Source
from ..urls import try_normalize

NOT_CATEGORIES = {"all", "uncategorized", "uncategorised"}
FEED_TYPES = ("rss", "atom", "feed+json")


def feed_links(tree: Element, url: str) -> list[str]:
    """The feeds a page announces with ``<link rel="alternate">`` (RSS, Atom, JSON Feed), normalised."""
    links: list[str] = []
    for tag in select(tree, "link[rel~=alternate][href]"):
        kind = (tag.get("type") or "").lower()
        if any(t in kind for t in FEED_TYPES) and "comments" not in tag.get("href"):
            link = try_normalize(tag.get("href"), url)
            if link and link not in links:
                links.append(link)
    return links


class FeedError(ValueError):
    pass


def read_feed(body: bytes, url: str) -> Listing:
    """The posts a feed lists, with per-item hints and keys. Raises FeedError on a corrupt feed."""
    if body.lstrip()[:1] == b"{":
        return read_json_feed(body, url)
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
            title=(entry.get("title") or "").strip() or None, source="feed",
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


def read_json_feed(body: bytes, url: str) -> Listing:
    """A JSON Feed (jsonfeed.org 1.0 and 1.1), which feedparser does not read: items and ``next_url``."""
    try:
        feed = json.loads(body)
    except ValueError:
        raise FeedError(f"{url}: not a readable feed (bad JSON)") from None
    if not isinstance(feed, dict) or "jsonfeed.org" not in str(feed.get("version", "")):
        raise FeedError(f"{url}: not a readable feed (JSON, but not a JSON Feed)")
    listing = Listing()
    for item in feed.get("items") or []:
        if not isinstance(item, dict):
            continue
        link = try_normalize(str(item.get("url") or item.get("external_url") or ""), url)
        if not link or link in listing.posts:
            continue
        people = item.get("authors") or ([item["author"]] if isinstance(item.get("author"), dict) else [])
        hints = Hints(
            title=(str(item.get("title") or "").strip() or None),
            published=normalize_date(item.get("date_published")), modified=normalize_date(item.get("date_modified")),
            categories=[t for t in item.get("tags") or [] if isinstance(t, str) and t.lower() not in NOT_CATEGORIES],
            authors=[n for p in people if isinstance(p, dict) for n in split_names(str(p.get("name") or ""))],
            source="feed",
        )
        content = str(item.get("content_html") or item.get("content_text") or item.get("summary") or "")
        key = hashlib.sha1(f"{hints.title}\n{hints.modified}\n{content}".encode()).hexdigest()[:16]
        listing.add(link, hints, key)
    nxt = try_normalize(str(feed.get("next_url") or ""), url)
    if nxt and nxt != url:
        listing.sources.append(Source(nxt, "feed"))
    return listing


def _entry_link(entry) -> str:
    for item in entry.get("links", []):
        if item.get("rel") == "alternate" and item.get("href"):
            return item["href"]
    return entry.get("link") or entry.get("id") or ""
