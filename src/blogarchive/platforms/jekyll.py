"""Jekyll (minima and themes like it): jekyll-sitemap, jekyll-feed (10 newest), the home page's list.

Detection: ``meta generator Jekyll`` or the jekyll-seo-tag comment. Post markup
is microformats2: ``h-entry``, ``p-name``, ``dt-published``, ``p-author``,
``e-content``.
"""

from __future__ import annotations

from dataclasses import replace

import lxml.etree

from ..record import Post
from .base import Platform


class Jekyll(Platform):
    name = "jekyll"
    body_selectors = (".post-content.e-content", ".e-content", ".post-content", "[itemprop=articleBody]")

    def detect(self, page, url) -> bool:
        if page.generator.startswith("jekyll"):
            return True
        head = page.tree.find("head")
        return head is not None and any("Jekyll SEO tag" in (c.text or "") for c in head.iter(lxml.etree.Comment))

    def extract(self, tree, url, hints=None, index=None) -> Post:
        # jekyll-feed writes a post's categories and tags alike as <category>: they can't tell terms apart
        return super().extract(tree, url, replace(hints, categories=[]) if hints else None, index)


PLATFORM = Jekyll()

