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

from ..extract.dates import month_first, parse_display_date, resolve_numeric_date
from ..discover.feeds import feed_links
from ..record import Hints, ListPage, Post
from ..extract.sanitize import clean_html
from ..extract.signatures import authors_from_text
from ..extract.text import html_to_text, normalize_space
from ..urls import is_under, try_normalize

NAME = "weebly"

ARCHIVE = re.compile(r"^archives/(\d{2})-(\d{4})(?:/\d+)?$")
CATEGORY = re.compile(r"^category/([^/]+)(?:/\d+)?$")
PREVIOUS = re.compile(r"^previous/\d+$")
LIST_LINKS = (
    ".blog-page-nav-previous a[href], .blog-page-nav-next a[href], a.blog-previous[href], "
    "a.blog-next[href], .blog-archive-list a[href], .blog-category-list a[href]"
)
NOT_BODY = (
    ".blog-social, .blog-read-more, .blog-notice-comments-closed, .blog-comments, "
    ".blog-comments-bottom, #commentArea, a[href*='twitter.com/share'], .fb-like, "
    "script, style, noscript, template"
)
ALL_CATEGORY = {"all"}


def detect(soup: BeautifulSoup) -> bool:
    """True for pages Weebly built (its runtime config, CDN assets or wsite-/blog markup)."""
    for script in soup.find_all("script"):
        src = script.get("src") or ""
        if "editmysite.com" in src or "_W.configDomain" in (script.string or ""):
            return True
    if soup.select_one("link[href*='editmysite.com'], div.weebly-footer, #wsite-content"):
        return True
    return bool(soup.select_one(".blog-post .blog-title-link") and soup.select_one("#blogTable, td.blog-main"))


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


def parse_list(soup: BeautifulSoup, url: str, root: str) -> ListPage:
    """Post URLs, further list pages, and the month or category this page stands for."""
    page = ListPage()
    for a in soup.select(".blog-post .blog-title-link[href]"):
        link = try_normalize(a["href"], url)
        if link and classify(link, root) == "post" and link not in page.posts:
            page.posts.append(link)
    for a in soup.select("a[href]"):
        link = try_normalize(a["href"], url)
        kind = classify(link, root) if link else None
        if kind in ("list", "post") and link != url and link not in page.links:
            page.links.append(link)
        elif kind == "feed" and link not in page.feeds:
            page.feeds.append(link)
    page.feeds += [link for link in feed_links(soup, url) if link not in page.feeds]
    rest = url[len(root.rstrip("/")) + 1:] if url != root else ""
    if match := ARCHIVE.match(rest):
        page.month = f"{match.group(2)}-{match.group(1)}"
    elif (match := CATEGORY.match(rest)) and match.group(1) not in ALL_CATEGORY:
        page.category = category_name(soup, url, root, match.group(1))
    return page


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
    published = _published(block, soup, hints)
    return Post(
        url=url,
        title=_title(block, soup),
        authors=authors_from_text(text),
        published=published,
        archive_month=hints.archive_month or (published[:7] if published else None),
        categories=sorted({c for c in hints.categories if c.strip().lower() not in ALL_CATEGORY}),
        tags=[],
        text=text,
        html=clean_html(content.decode_contents()),
        platform=NAME,
    )


def _title(block: Tag, soup: BeautifulSoup) -> str | None:
    node = block.select_one(".blog-title-link") or block.select_one(".blog-title")
    if node and normalize_space(node.get_text()):
        return normalize_space(node.get_text())
    meta = soup.select_one("meta[property='og:title'][content]")
    if meta:
        return normalize_space(meta["content"])
    title = normalize_space(soup.title.get_text()) if soup.title else ""
    return re.sub(r"\s+-\s+[^-]+$", "", title) or None


def _published(block: Tag, soup: BeautifulSoup, hints: Hints) -> str | None:
    node = block.select_one(".date-text") or block.select_one(".blog-date")
    date_line = normalize_space(node.get_text()) if node else ""
    known = hints.published        # ISO already: the feed reader normalised it
    lang = soup.html.get("lang") if soup.html else None
    resolved = resolve_numeric_date(
        date_line, lang=lang, archive_month=hints.archive_month,
        known=date.fromisoformat(known[:10]) if known else None,
    )
    if resolved:
        return resolved.isoformat()
    written = parse_display_date(date_line, month_first(lang)) if date_line else None
    if written:
        return written
    return known[:10] if known else None

