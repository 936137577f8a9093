"""List pages of any blog: the posts they link to and the next page.

Post links are the links of entry headings (``h1``–``h3`` inside an
``article``, ``.post``, ``.entry`` or ``.h-entry``), ``rel="bookmark"`` links
and the title-link classes themes use (``.entry-title a``, ``.post-link``,
``.post-title a``); they are candidates, judged from their own page later.
The next page is ``<link rel="next">``, ``a[rel~=next]``, an "Older posts"
style link or numbered pagination (``/page/N/``, ``?page=N``, ``indexN.html``,
``/pageN/``), archive indexes (``/archives.html``) that list everything, and
year and month archives (``/2024/``, ``/2024/03/``).
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from ..extract.furniture import in_comments
from ..record import Listing, Source
from ..urls import try_normalize

TITLE_LINKS = (
    "article h1 a[href], article h2 a[href], article h3 a[href], .post h2 a[href], .post h3 a[href], "
    ".entry h2 a[href], .h-entry h2 a[href], .hentry h2 a[href], .hentry h3 a[href], a[rel~=bookmark][href], "
    ".entry-title a[href], .post-title a[href], a.post-link[href], .post-list a[href], "
    "h2.entry-headline a[href], .archive a[href], #archive a[href], dl.archive a[href], .post-list-item a[href], "
    ".postlist a[href], a.postlist-link[href]"
)
OLDER = re.compile(r"^\W*(older|next|previous|earlier|more)\s+(posts?|entries|articles|stories)\b|"
                   r"^\W*(ältere|vorherige)\s+(beiträge|einträge|artikel)|^\W*(next|older|»|›|→)\W*$|"
                   r"articles plus anciens|entradas antiguas", re.I)
PAGED = re.compile(r"/page/\d+/?$|[?&](?:page|paged|p)=\d+$|/index\d+\.html?$|/page\d+/?$")
ARCHIVE_INDEX = re.compile(r"/archives?(?:\.html?)?/?$", re.I)
# year, month and day archives: /2024/, /2024/03/, /2024/03/31/
DATE_ARCHIVE = re.compile(r"/(?:19|20)\d\d(?:/(?:0?[1-9]|[12]\d|3[01])){0,2}/?$")


def read_list_page(soup: BeautifulSoup, url: str) -> Listing:
    """Candidate post URLs and further list pages (pagination, archive index) of one list page."""
    listing = Listing()
    seen: set[str] = set()
    for a in soup.select(TITLE_LINKS):
        if in_comments(a) or a.find_parent(["nav", "aside", "footer"]):
            continue
        link = try_normalize(a["href"], url)
        if link and link not in seen and link != url:
            seen.add(link)
            listing.candidates.append(link)
            text = " ".join(a.get_text(" ").split())
            if text:
                listing.keys[link] = text      # the title as listed: an edit shows here first
    if ARCHIVE_INDEX.search(url):      # an archive index lists every post: all its content links
        main = soup.select_one("main, #content, .content, article") or soup.body or soup
        for a in main.select("a[href]"):
            if a.find_parent(["nav", "aside", "header", "footer"]) or in_comments(a):
                continue
            link = try_normalize(a["href"], url)
            if link and link not in seen and link != url:
                seen.add(link)
                listing.candidates.append(link)
                listing.keys[link] = " ".join(a.get_text(" ").split())
    nexts: list[str] = []
    for tag in soup.select("link[rel~=next][href], a[rel~=next][href]"):
        nexts.append(tag["href"])
    for a in soup.select("a[href]"):
        text = a.get_text(" ", strip=True)
        href = a["href"]
        classes = " ".join(a.get("class") or []) + " " + " ".join((a.parent.get("class") or []) if a.parent else [])
        if OLDER.search(text) or re.search(r"(?:^|[\s-])(?:next|older|nav-previous|pager-older)", classes):
            nexts.append(href)
        elif (PAGED.search(href) and a.find_parent(class_=re.compile("pag|nav", re.I))) or ARCHIVE_INDEX.search(href):
            nexts.append(href)
        elif DATE_ARCHIVE.search(href.split("?")[0].split("#")[0]):
            nexts.append(href)      # year and month archives (walked only when no sitemap or API answered)
    added: set[str] = set()
    for href in nexts:
        link = try_normalize(href, url)
        if link and link != url and link not in added:
            added.add(link)
            listing.sources.append(Source(link, "list"))
    return listing
