"""Hugo: ``/sitemap.xml`` and ``/index.xml`` (unlimited by default), ``/page/N/`` lists.

The generator meta is printed by most themes (often on the home page only).
``article:section`` is Hugo's content section ("posts"), never a category.
"""

from __future__ import annotations

from .base import Platform


class Hugo(Platform):
    name = "hugo"
    body_selectors = (".post-content", ".article-content", ".content article", "[itemprop=articleBody]",
                      ".entry-content")

    def detect(self, page, url) -> bool:
        return page.generator.startswith("hugo")


PLATFORM = Hugo()
