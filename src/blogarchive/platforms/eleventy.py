"""Eleventy (the official base blog and themes like it): ``/sitemap.xml``, ``/feed/feed.xml``, ``/blog/``.

Detection: ``meta generator Eleventy``. Posts carry a date alone
(``time[datetime=YYYY-MM-DD]``) and tags (``a.post-tag``); categories, where
a site has them, are tags too.
"""

from __future__ import annotations

from .base import Platform


class Eleventy(Platform):
    name = "eleventy"
    # the base blog has no body wrapper: the paragraphs sit between the metadata list and the pager
    body_exclude = ("ul.post-metadata", "ul.links-nextprev", "h1")

    def detect(self, page, url) -> bool:
        return page.generator.startswith("eleventy")


PLATFORM = Eleventy()
