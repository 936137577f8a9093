"""Pelican: ``/feeds/all.atom.xml`` (up to 100 entries), ``/archives.html`` (every article), ``indexN.html``.

No sitemap by default. The default theme marks every page ``<body id="index"
class="home">``, so a post is told by its one ``article`` with an
``abbr.published`` and no ``#posts-list``. Exactly one category per article.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from ..extract.pagekind import LIST, PAGE, POST, UNKNOWN
from ..record import Source
from .base import Platform


class Pelican(Platform):
    name = "pelican"
    body_selectors = ("div.entry-content",)
    body_exclude = ("footer.post-info",)

    def detect(self, page, url) -> bool:
        return page.generator.startswith("pelican")

    def source_plans(self, root, soup, robots_sitemaps) -> list[list[Source]]:
        origin = urlunsplit(urlsplit(root)[:2] + ("", "", ""))
        plan = super().source_plans(root, soup, robots_sitemaps)[0]
        plan.append(Source(origin + "/archives.html", "list", optional=True))
        return [plan]

    def page_kind(self, soup, url, index=None) -> str:
        if soup.select_one("#posts-list, ol#post-list, .post-list"):
            return LIST
        articles = soup.select("article")
        if len(articles) == 1 and articles[0].select_one("abbr.published, time.published"):
            return POST
        if soup.select_one("#content > h1, #content h2.entry-title") and not articles:
            return PAGE
        return UNKNOWN


PLATFORM = Pelican()
