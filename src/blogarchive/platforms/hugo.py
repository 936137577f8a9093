"""Hugo: ``/sitemap.xml`` and ``/index.xml`` (unlimited by default), ``/page/N/`` lists.

The generator meta is printed by most themes (often on the home page only).
``article:section`` is Hugo's content section ("posts"), never a category.
"""

from __future__ import annotations

from ..extract.tree import select_one
from ..record import Post
from .base import Platform


class Hugo(Platform):
    name = "hugo"
    body_selectors = (".post-content", ".article-content", ".content article", "[itemprop=articleBody]",
                      ".entry-content")

    def detect(self, page, url) -> bool:
        return page.generator.startswith("hugo")

    def extract(self, tree, url, hints=None, index=None) -> Post:
        section = select_one(tree, "meta[property='article:section']")
        post = super().extract(tree, url, hints, index)
        if section is not None and post.categories == [section.get("content")]:
            post.categories = []       # the content folder ("posts"), which themes print as a section
        return post


PLATFORM = Hugo()
