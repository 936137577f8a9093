"""One small module per blog platform.

A platform module has ``NAME``, ``detect(soup)`` and ``extract(soup, url,
hints)``; one that knows its site's list pages also has ``blog_root``,
``classify`` and ``parse_list`` (see ``weebly``). ``generic`` is the fallback
for everything else and must come last.
"""

from __future__ import annotations

from bs4 import BeautifulSoup

from . import generic, weebly

PLATFORMS = [weebly]


def detect(soup: BeautifulSoup):
    """The platform module for a parsed page (``generic`` when none matches)."""
    for module in PLATFORMS:
        if module.detect(soup):
            return module
    return generic


def by_name(name: str | None):
    for module in PLATFORMS:
        if module.NAME == name:
            return module
    return generic
