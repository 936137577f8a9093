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

import hashlib
import re
from datetime import date
from functools import lru_cache
from urllib.parse import urlsplit


from ..discover import feeds
from ..extract.dates import month_first, parse_display_date, resolve_numeric_date
from ..extract.sanitize import clean_html
from ..extract.signatures import authors_from_text
from ..extract.text import html_to_text, normalize_space
from ..extract.tree import Element, inner_html, remove, select, select_one
from ..extract.tree import text as text_of
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


def blog_root(tree: Element, url: str) -> str | None:
    """The blog's own path (``…/blog``), from its archive, post or feed links; None if the page has none."""
    for a in select(tree, ".blog-archive-list a[href], .blog-category-list a[href]"):
        link = try_normalize(a.get("href"), url)
        if link:
            root = re.sub(r"/(?:archives|category)/[^/]+(?:/\d+)?$", "", link)
            if root != link:
                return root
    for a in select(tree, ".blog-title-link[href]"):
        link = try_normalize(a.get("href"), url)
        if link:
            return link.rsplit("/", 1)[0]
    for tag in select(tree, "link[rel~=alternate][href]"):   # a site's home page names its blog's feed
        link = try_normalize(tag.get("href"), url)
        if link and link.endswith("/feed") and not re.search(r"/\d+/feed$", link):
            return link.removesuffix("/feed")
    return None


@lru_cache(maxsize=65536)       # every list page's sidebar names the same archive and category pages
def classify(url: str, root: str) -> str | None:
    """'list', 'feed' or 'post' for a URL under the blog root, else None."""
    if url == root:
        return "list"
    if not is_under(url, root) or urlsplit(url).query:
        return None
    rest = _rest(url, root)
    if rest == "feed":
        return "feed"
    if PREVIOUS.match(rest) or ARCHIVE.match(rest) or CATEGORY.match(rest):
        return "list"
    if "/" not in rest and rest:
        return "post"
    return None


def parse_list(tree: Element, url: str, root: str) -> Listing:
    """Post URLs (with the month or category this page stands for), further list pages and feeds."""
    listing = Listing()
    rest = _rest(url, root)
    hints = Hints()
    if match := ARCHIVE.match(rest):
        hints.archive_month = listing.month = f"{match.group(2)}-{match.group(1)}"
    elif (match := CATEGORY.match(rest)) and match.group(1) not in ALL_CATEGORY:
        listing.category = category_name(tree, url, root, match.group(1))
        hints.categories = [listing.category]
    for post in select(tree, ".blog-post"):
        a = select_one(post, ".blog-title-link[href]")
        link = try_normalize(a.get("href"), url) if a is not None else None
        if link and classify(link, root) == "post":
            # the key is the post as the list shows it: an edit of its title or text changes it
            key = hashlib.sha1(normalize_space(text_of(post)).encode("utf-8")).hexdigest()[:16]
            listing.add(link, Hints(archive_month=hints.archive_month, categories=list(hints.categories),
                                    source="list page"), key)
    seen = {url}
    feeds_found: list[str] = []
    for a in select(tree, "a[href]"):
        link = try_normalize(a.get("href"), url)
        if not link or link in seen:
            continue
        seen.add(link)
        kind = classify(link, root)
        if kind == "list":
            series = _series(_rest(link, root))
            listing.sources.append(Source(link, "list", paged=series is not None and series == _series(rest)))
        elif kind == "post" and link not in listing.posts:
            listing.add(link)
        elif kind == "feed":
            feeds_found.append(link)
    listed = {s.url for s in listing.sources}
    for link in feeds_found + feeds.feed_links(tree, url):
        if (link not in seen or link in feeds_found) and link not in listed:
            seen.add(link)
            listed.add(link)
            listing.sources.append(Source(link, "feed"))
    return listing


def _rest(url: str, root: str) -> str:
    """The part of a URL under the blog root (``archives/05-2024/2``; empty for the root)."""
    return "" if url == root else url[len(root.rstrip("/")) + 1:]


@lru_cache(maxsize=65536)
def _series(rest: str) -> str | None:
    """Which list a list page is a page of: the index (``previous/N``), one month's archive or one
    category (their ``/N`` pages); None for anything else."""
    if rest == "" or PREVIOUS.match(rest):
        return "index"
    if match := ARCHIVE.match(rest):
        return f"archives/{match.group(1)}-{match.group(2)}"
    if match := CATEGORY.match(rest):
        return f"category/{match.group(1)}"
    return None


def listing_key(tree: Element) -> str:
    """What a list page lists, without the sidebar that changes with every new month or category
    (a digest of the text of its main column)."""
    main = _first(tree, "td.blog-main", "#blogTable")
    return hashlib.sha1(normalize_space(text_of(tree if main is None else main)).encode("utf-8")).hexdigest()


def category_name(tree: Element, url: str, root: str, slug: str) -> str:
    """The display name of category ``slug``, as the sidebar's category list spells it."""
    target = f"{root.rstrip('/')}/category/{slug}"
    for a in select(tree, ".blog-category-list a[href]"):
        if try_normalize(a.get("href"), url) == target:
            name = normalize_space(text_of(a, ""))
            if name:
                return name
    return slug.replace("-", " ").title()


# ------------------------------------------------------------------ extraction


def extract(tree: Element, url: str, hints: Hints | None = None) -> Post:
    """A post record from a Weebly single-post page's tree."""
    hints = hints or Hints()
    block = _first(tree, ".blog-post")
    block = tree if block is None else block
    content = _first(block, ".blog-content")
    content = block if content is None else content
    for node in select(content, NOT_BODY):
        if node is not content:
            remove(node)
    html = inner_html(content)
    text = html_to_text(html)
    published, date_source = _published(block, tree, hints)
    post = Post(
        url=url,
        title=_title(block, tree),
        authors=authors_from_text(text),
        published=published,
        archive_month=hints.archive_month or (published[:7] if published else None),
        categories=sorted({c for c in hints.categories if c.strip().lower() not in ALL_CATEGORY}),
        tags=[],
        text=text,
        html=clean_html(html, base_url=url),
        platform=NAME,
    )
    sources = {"title": "markup", "authors": "signature", "published": date_source,
               "categories": hints.origin.get("categories", "list page")}
    post.provenance = {name: source for name, source in sources.items() if getattr(post, name) and source}
    return post


def _first(root: Element, *css: str) -> Element | None:
    """The first element under ``root`` matching the first of the selectors ``css`` that matches."""
    for selector in css:
        found = select_one(root, selector)
        if found is not None and found is not root:
            return found
    return None


def _title(block: Element, tree: Element) -> str | None:
    node = _first(block, ".blog-title-link", ".blog-title")
    if node is not None and normalize_space(text_of(node, "")):
        return normalize_space(text_of(node, ""))
    meta = _first(tree, "meta[property='og:title'][content]")
    if meta is not None:
        return normalize_space(meta.get("content"))
    title = _first(tree, "title")
    title = normalize_space(text_of(title, "")) if title is not None else ""
    return re.sub(r"\s+-\s+[^-]+$", "", title) or None


def _published(block: Element, tree: Element, hints: Hints) -> tuple[str | None, str | None]:
    node = _first(block, ".date-text", ".blog-date")
    date_line = normalize_space(text_of(node, "")) if node is not None else ""
    known = hints.published        # ISO already: the feed reader normalised it
    lang = tree.get("lang")
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
    # uploads live on the site itself (/uploads/…); sites moved to Square Online serve them from
    # <id>.cdn6.editmysite.com/uploads/…
    media_hosts = ("editmysite.com",)

    def detect(self, page: PageSignals, url: str) -> bool:
        return detect(page)

    def blog_root(self, tree: Element, url: str) -> str | None:
        return blog_root(tree, url)

    def source_plans(self, root: str, tree: Element, robots_sitemaps: list[str]) -> list[list[Source]]:
        return [[Source(root, "list", exhaustive=True)]]

    def read_list(self, tree: Element, url: str, root: str) -> Listing:
        return parse_list(tree, url, root)

    def nightly_list(self, url: str, root: str) -> bool:
        # a post's categories show only on category pages: a new post's are on their first pages
        rest = _rest(url, root)
        match = CATEGORY.match(rest)
        return bool(match) and match.group(1) not in ALL_CATEGORY and rest.count("/") == 1

    def listing_key(self, source: Source, listing: Listing, tree: Element | None) -> str:
        if tree is None:
            return super().listing_key(source, listing, tree)
        return listing_key(tree)     # the posts shown, not the sidebar that grows with every month

    def page_kind(self, tree: Element, url: str, index=None) -> str:
        return "post"

    def is_post(self, kind: str, post: Post) -> bool:
        return True      # Weebly's URL scheme tells posts from list pages already

    def extract(self, tree: Element, url: str, hints: Hints | None = None, index=None) -> Post:
        return extract(tree, url, hints)


PLATFORM = Weebly()
