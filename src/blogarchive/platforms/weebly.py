"""Weebly: detection, list pages and post pages.

URL scheme under the blog path ``<root>`` (the page name the owner chose):
``<root>`` and ``<root>/previous/N`` (index pages), ``<root>/archives/MM-YYYY``
(one per month, all listed in the sidebar), ``<root>/category/<slug>`` and
``<root>/category/<slug>/N``, ``<root>/feed`` (recent posts only) and
``<root>/<slug>`` for a post. The template has no author and no per-post
category field: authors come from the body text, categories from the category
pages and the feed, and the locale-dependent date line is settled with the
month archive that lists the post.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from ..discover import feeds
from ..extract.dates import month_first, parse_display_date, resolve_numeric_date
from ..extract.sanitize import clean_html
from ..extract.signatures import authors_from_text
from ..extract.text import html_to_text, normalize_space
from ..record import Hints, Listing, Post, Source
from ..urls import is_under, try_normalize
from .base import PageSignals, Platform

NAME = "weebly"

ARCHIVE = re.compile(r"^archives/(\d{2})-(\d{4})(?:/\d+)?$")
CATEGORY = re.compile(r"^category/([^/]+)(?:/\d+)?$")
PREVIOUS = re.compile(r"^previous/\d+$")
NOT_BODY = (
    ".blog-social, .blog-read-more, .blog-notice-comments-closed, .blog-comments, "
    ".blog-comments-bottom, #commentArea, a[href*='twitter.com/share'], .fb-like, "
    "script, style, noscript, template"
)
ALL_CATEGORY = {"all"}


def detect(page: PageSignals) -> bool:
    """True for pages Weebly built (its runtime config, CDN assets or wsite-/blog markup)."""
    if "editmysite.com" in page.assets or "_W.configDomain" in page.inline:
        return True
    if page.has_class("weebly-footer") or page.has_id("wsite-content"):
        return True
    return page.has_class("blog-title-link") and (page.has_id("blogTable") or page.has_class("blog-main"))


# ------------------------------------------------------------------ discovery


def blog_root(soup: BeautifulSoup, url: str) -> str | None:
    """The blog's own path (``…/blog``), from its archive, post or feed links; None if the page has none."""
    for a in soup.select(".blog-archive-list a[href], .blog-category-list a[href]"):
        link = try_normalize(a["href"], url)
        if link:
            root = re.sub(r"/(?:archives|category)/[^/]+(?:/\d+)?$", "", link)
            if root != link:
                return root
    for a in soup.select(".blog-title-link[href]"):
        link = try_normalize(a["href"], url)
        if link:
            return link.rsplit("/", 1)[0]
    for tag in soup.select("link[rel~=alternate][href]"):   # a site's home page names its blog's feed
        link = try_normalize(tag["href"], url)
        if link and link.endswith("/feed") and not re.search(r"/\d+/feed$", link):
            return link.removesuffix("/feed")
    return None


def classify(url: str, root: str) -> str | None:
    """'list', 'feed' or 'post' for a URL under the blog root, else None."""
    if url == root:
        return "list"
    if not is_under(url, root) or urlsplit(url).query:
        return None
    rest = url[len(root.rstrip("/")) + 1:]
    if rest == "feed":
        return "feed"
    if PREVIOUS.match(rest) or ARCHIVE.match(rest) or CATEGORY.match(rest):
        return "list"
    if "/" not in rest and rest:
        return "post"
    return None


def parse_list(soup: BeautifulSoup, url: str, root: str) -> Listing:
    """Post URLs (with the month or category this page stands for), further list pages and feeds."""
    listing = Listing()
    rest = url[len(root.rstrip("/")) + 1:] if url != root else ""
    hints = Hints()
    if match := ARCHIVE.match(rest):
        hints.archive_month = listing.month = f"{match.group(2)}-{match.group(1)}"
    elif (match := CATEGORY.match(rest)) and match.group(1) not in ALL_CATEGORY:
        listing.category = category_name(soup, url, root, match.group(1))
        hints.categories = [listing.category]
    for a in soup.select(".blog-post .blog-title-link[href]"):
        link = try_normalize(a["href"], url)
        if link and classify(link, root) == "post":
            listing.add(link, Hints(archive_month=hints.archive_month, categories=list(hints.categories),
                                         source="list page"))
    seen = {url}
    feeds_found: list[str] = []
    for a in soup.select("a[href]"):
        link = try_normalize(a["href"], url)
        if not link or link in seen:
            continue
        seen.add(link)
        kind = classify(link, root)
        if kind == "list":
            listing.sources.append(Source(link, "list"))
        elif kind == "post" and link not in listing.posts:
            listing.add(link)
        elif kind == "feed":
            feeds_found.append(link)
    for link in feeds_found + feeds.feed_links(soup, url):
        if link not in seen or link in feeds_found:
            seen.add(link)
            if all(s.url != link for s in listing.sources):
                listing.sources.append(Source(link, "feed"))
    return listing


def listing_key(soup: BeautifulSoup) -> str:
    """What a list page lists, without the sidebar that changes with every new month or category."""
    main = soup.select_one("td.blog-main") or soup.select_one("#blogTable") or soup
    return normalize_space(main.get_text(" "))


def category_name(soup: BeautifulSoup, url: str, root: str, slug: str) -> str:
    """The display name of category ``slug``, as the sidebar's category list spells it."""
    target = f"{root.rstrip('/')}/category/{slug}"
    for a in soup.select(".blog-category-list a[href]"):
        if try_normalize(a["href"], url) == target:
            name = normalize_space(a.get_text())
            if name:
                return name
    return slug.replace("-", " ").title()


# ------------------------------------------------------------------ extraction


def extract(soup: BeautifulSoup, url: str, hints: Hints | None = None) -> Post:
    """A post record from a Weebly single-post page."""
    hints = hints or Hints()
    block = soup.select_one(".blog-post") or soup
    content = block.select_one(".blog-content") or block
    for node in content.select(NOT_BODY):
        node.decompose()
    text = html_to_text(content)
    published, date_source = _published(block, soup, hints)
    post = Post(
        url=url,
        title=_title(block, soup),
        authors=authors_from_text(text),
        published=published,
        archive_month=hints.archive_month or (published[:7] if published else None),
        categories=sorted({c for c in hints.categories if c.strip().lower() not in ALL_CATEGORY}),
        tags=[],
        text=text,
        html=clean_html(content.decode_contents(), base_url=url),
        platform=NAME,
    )
    sources = {"title": "markup", "authors": "signature", "published": date_source,
               "categories": hints.origin.get("categories", "list page")}
    post.provenance = {name: source for name, source in sources.items() if getattr(post, name) and source}
    return post


def _title(block: Tag, soup: BeautifulSoup) -> str | None:
    node = block.select_one(".blog-title-link") or block.select_one(".blog-title")
    if node and normalize_space(node.get_text()):
        return normalize_space(node.get_text())
    meta = soup.select_one("meta[property='og:title'][content]")
    if meta:
        return normalize_space(meta["content"])
    title = normalize_space(soup.title.get_text()) if soup.title else ""
    return re.sub(r"\s+-\s+[^-]+$", "", title) or None


def _published(block: Tag, soup: BeautifulSoup, hints: Hints) -> tuple[str | None, str | None]:
    node = block.select_one(".date-text") or block.select_one(".blog-date")
    date_line = normalize_space(node.get_text()) if node else ""
    known = hints.published        # ISO already: the feed reader normalised it
    lang = soup.html.get("lang") if soup.html else None
    resolved = resolve_numeric_date(
        date_line, lang=lang, archive_month=hints.archive_month,
        known=date.fromisoformat(known[:10]) if known else None,
    )
    if resolved:
        return resolved.isoformat(), "markup"
    written = parse_display_date(date_line, month_first(lang)) if date_line else None
    if written:
        return written, "markup"
    return (known[:10], hints.origin.get("published", "feed")) if known else (None, None)



class Weebly(Platform):
    """Weebly: every list page walked (the feed holds recent posts only)."""

    name = NAME

    def detect(self, page: PageSignals, url: str) -> bool:
        return detect(page)

    def blog_root(self, soup: BeautifulSoup, url: str) -> str | None:
        return blog_root(soup, url)

    def source_plans(self, root: str, soup: BeautifulSoup, robots_sitemaps: list[str]) -> list[list[Source]]:
        return [[Source(root, "list", exhaustive=True)]]

    def read_list(self, soup: BeautifulSoup, url: str, root: str) -> Listing:
        return parse_list(soup, url, root)

    def listing_key(self, source: Source, listing: Listing, soup: BeautifulSoup | None) -> str:
        if soup is None:
            return super().listing_key(source, listing, soup)
        return listing_key(soup)     # the posts shown, not the sidebar that grows with every month

    def page_kind(self, soup: BeautifulSoup, url: str, index=None) -> str:
        return "post"

    def is_post(self, kind: str, post: Post) -> bool:
        return True      # Weebly's URL scheme tells posts from list pages already

    def extract(self, soup: BeautifulSoup, url: str, hints: Hints | None = None, index=None, source=None) -> Post:
        return extract(soup, url, hints)


PLATFORM = Weebly()
