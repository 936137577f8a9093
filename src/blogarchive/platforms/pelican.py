"""Pelican: ``/feeds/all.atom.xml`` (up to 100 entries), ``/archives.html`` (every article), ``indexN.html``.

No sitemap by default. The default theme marks every page ``<body id="index"
class="home">``, so a post is told by its one ``article`` with an
``abbr.published`` and no ``#posts-list``. Exactly one category per article.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from ..extract.pagekind import LIST, PAGE, POST, UNKNOWN
from ..extract.tree import select, select_one
from ..record import Source
from .base import Platform


class Pelican(Platform):
    name = "pelican"
    body_selectors = ("div.entry-content",)
    body_exclude = ("footer.post-info",)

    def detect(self, page, url) -> bool:
        return page.generator.startswith("pelican")

    def source_plans(self, root, tree, robots_sitemaps) -> list[list[Source]]:
        origin = urlunsplit(urlsplit(root)[:2] + ("", "", ""))
        plan = super().source_plans(root, tree, robots_sitemaps)[0]
        plan.append(Source(origin + "/archives.html", "list", optional=True))
        return [plan]

    def page_kind(self, tree, url, index=None) -> str:
        if select_one(tree, "#posts-list, ol#post-list, .post-list") is not None:
            return LIST
        articles = select(tree, "article")
        if len(articles) == 1 and select_one(articles[0], "abbr.published, time.published") is not None:
            return POST
        if select_one(tree, "#content > h1, #content h2.entry-title") is not None and not articles:
            return PAGE
        return UNKNOWN


PLATFORM = Pelican()
