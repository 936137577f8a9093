"""The fallback platform: a blog nothing else recognises.

Discovery reads robots.txt's sitemaps (or ``/sitemap.xml``), the feeds the
start page announces and the start page's post links and pagination; every
candidate is judged from its own page. Extraction is the contract's default
(:class:`~blogarchive.platforms.base.Platform`).
"""

from __future__ import annotations

import copy

from bs4 import BeautifulSoup

from ..record import Post
from .base import Platform


class Generic(Platform):
    name = "generic"


PLATFORM = Generic()


def extract(soup: BeautifulSoup, url: str, *, inplace: bool = False) -> Post:
    """Extract a post from any page (``soup`` is left untouched unless ``inplace``)."""
    return PLATFORM.extract(soup if inplace else copy.copy(soup), url)
