"""The blog platforms, one small module each, all implementing :class:`~.base.Platform`.

``detect`` picks the first platform that recognises a page; ``generic`` (the
contract's defaults: sitemaps, feeds, list pages) is the fallback and comes last.
"""

from __future__ import annotations

from . import blogger, eleventy, generic, hugo, jekyll, pelican, weebly, wordpress
from ..extract.tree import Element
from .base import PageSignals, Platform

PLATFORMS: list[Platform] = [weebly.PLATFORM, wordpress.PLATFORM, blogger.PLATFORM, hugo.PLATFORM,
                             jekyll.PLATFORM, pelican.PLATFORM, eleventy.PLATFORM, generic.PLATFORM]
NAMES = [p.name for p in PLATFORMS]


def detect(tree: Element, url: str = "", page: PageSignals | None = None) -> Platform:
    """The platform of a page's lxml tree (``generic`` when none matches); ``page`` when read already."""
    page = page or PageSignals(tree)
    for platform in PLATFORMS:
        if platform.detect(page, url):
            return platform
    return generic.PLATFORM


def get(name: str | None) -> Platform | None:
    """The platform called ``name``, or None."""
    return next((p for p in PLATFORMS if p.name == name), None)
