"""The fallback platform: a blog nothing else recognises.

Discovery reads robots.txt's sitemaps (or ``/sitemap.xml``), the feeds the
start page announces and the start page's post links and pagination; every
candidate is judged from its own page. Extraction is the contract's default
(:class:`~blogarchive.platforms.base.Platform`).
"""

from __future__ import annotations

from copy import deepcopy

from ..extract.tree import Element, parse
from ..record import Post
from .base import Platform


class Generic(Platform):
    name = "generic"


PLATFORM = Generic()


def extract(page: str | Element, url: str, *, inplace: bool = False) -> Post:
    """Extract a post from any page, its HTML or its tree (a tree is left untouched unless ``inplace``)."""
    tree = parse(page) if isinstance(page, str) else page if inplace else deepcopy(page)
    return PLATFORM.extract(tree, url)
