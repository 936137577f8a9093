"""HTML in, ``Post`` out: pick the platform, run its extractor.

Pure functions, no I/O: the crawler calls them on fetched pages and the
``extract`` command on saved ones, with the same result.
"""

from __future__ import annotations

from bs4 import BeautifulSoup

from .. import platforms
from .encoding import decode_html
from ..platforms import generic
from ..record import Hints, Post


def parse_html(body: bytes | str, charset: str | None = None) -> BeautifulSoup:
    """Parse page bytes (decoded by their declared charset) or text with lxml."""
    if isinstance(body, bytes):
        body = decode_html(body, charset)
    return BeautifulSoup(body, "lxml")


def extract(body: bytes | str, url: str, hints: Hints | None = None, charset: str | None = None) -> Post:
    """Extract one post page."""
    soup = parse_html(body, charset)
    return extract_soup(soup, url, hints)


def extract_soup(soup: BeautifulSoup, url: str, hints: Hints | None = None) -> Post:
    """Extract from a parsed page. The soup is consumed (extractors prune it in place)."""
    module = platforms.detect(soup)
    if module is not generic:
        return module.extract(soup, url, hints)
    post = generic.extract(soup, url, inplace=True)
    if hints:
        post.categories = list(dict.fromkeys(post.categories + hints.categories))
        post.archive_month = hints.archive_month or post.archive_month
        if not post.published and hints.published:
            post.published = hints.published
            post.archive_month = post.archive_month or hints.published[:7]
    return post
