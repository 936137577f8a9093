"""HTML in, ``Post`` out: pick the platform, run its extractor.

Pure functions, no I/O: the crawler calls them on fetched pages and the
``extract`` command on saved ones, with the same result. A page is parsed once,
into an lxml tree (:mod:`~blogarchive.extract.tree`) that discovery, detection,
judging and every field extractor share.
"""

from __future__ import annotations

from .. import platforms
from ..platforms.base import PageSignals
from ..record import Hints, Post
from .encoding import decode_html
from .tree import Element, parse


def parse_page(body: bytes | str, charset: str | None = None) -> Element:
    """Parse page bytes (decoded by their declared charset) or text into an lxml tree."""
    if isinstance(body, bytes):
        body = decode_html(body, charset)
    return parse(body)


def extract(body: bytes | str, url: str, hints: Hints | None = None, charset: str | None = None,
            platform=None) -> Post:
    """Extract one post page (with ``platform``, or the one detected from the page)."""
    return extract_tree(parse_page(body, charset), url, hints, platform)


def extract_tree(tree: Element, url: str, hints: Hints | None = None, platform=None) -> Post:
    """Extract from a page's tree with ``platform`` (detected from the page when not given).

    The tree is consumed (extractors prune it in place).
    """
    if platform is not None:
        return platform.extract(tree, url, hints)
    page = PageSignals(tree)
    return platforms.detect(tree, url, page).extract(tree, url, hints, page.index)
