"""HTML in, ``Post`` out: pick the platform, run its extractor.

Pure functions, no I/O: the crawler calls them on fetched pages and the
``extract`` command on saved ones, with the same result.
"""

from __future__ import annotations

from bs4 import BeautifulSoup

from .. import platforms
from ..platforms.base import PageSignals
from .encoding import decode_html
from ..record import Hints, Post


def parse_html(body: bytes | str, charset: str | None = None) -> BeautifulSoup:
    """Parse page bytes (decoded by their declared charset) or text with lxml."""
    if isinstance(body, bytes):
        body = decode_html(body, charset)
    return BeautifulSoup(body, "lxml")


def extract(body: bytes | str, url: str, hints: Hints | None = None, charset: str | None = None,
            platform=None) -> Post:
    """Extract one post page (with ``platform``, or the one detected from the page)."""
    if isinstance(body, bytes):
        body = decode_html(body, charset)
    return extract_soup(parse_html(body), url, hints, platform, source=body)


def extract_soup(soup: BeautifulSoup, url: str, hints: Hints | None = None, platform=None,
                 source: str | None = None) -> Post:
    """Extract from a parsed page with ``platform`` (detected from the page when not given).

    The soup is consumed (extractors prune it in place).
    """
    if platform is not None:
        return platform.extract(soup, url, hints, source=source)
    page = PageSignals(soup)
    return platforms.detect(soup, url, page).extract(soup, url, hints, page.index, source)
