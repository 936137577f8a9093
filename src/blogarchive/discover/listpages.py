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

from ..extract.furniture import in_comments
from ..extract.tree import Element, body_of, classes, parent_named, select, select_one, strings, text
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


def read_list_page(tree: Element, url: str) -> Listing:
    """Candidate post URLs and further list pages (pagination, archive index) of one list page's tree."""
    listing = Listing()
    seen: set[str] = set()
    for a in select(tree, TITLE_LINKS):
        if in_comments(a) or parent_named(a, "nav", "aside", "footer") is not None:
            continue
        link = try_normalize(a.get("href"), url)
        if link and link not in seen and link != url:
            seen.add(link)
            listing.candidates.append(link)
            title = " ".join(text(a).split())
            if title:
                listing.keys[link] = title      # the title as listed: an edit shows here first
    if ARCHIVE_INDEX.search(url):      # an archive index lists every post: all its content links
        main = select_one(tree, "main, #content, .content, article")
        for a in select(body_of(tree) if main is None else main, "a[href]"):
            if parent_named(a, "nav", "aside", "header", "footer") is not None or in_comments(a):
                continue
            link = try_normalize(a.get("href"), url)
            if link and link not in seen and link != url:
                seen.add(link)
                listing.candidates.append(link)
                listing.keys[link] = " ".join(text(a).split())
    nexts: list[str] = []
    archives: set[str] = set()      # year and month archives: other lists, not this list's next page
    for tag in select(tree, "link[rel~=next][href], a[rel~=next][href]"):
        nexts.append(tag.get("href"))
    for a in tree.iter("a"):
        href = a.get("href")
        if href is None:
            continue
        label = " ".join(s.strip() for s in strings(a) if s.strip())
        parent = a.getparent()
        tokens = " ".join(classes(a) + (classes(parent) if parent is not None else []))
        if OLDER.search(label) or re.search(r"(?:^|[\s-])(?:next|older|nav-previous|pager-older)", tokens):
            nexts.append(href)
        elif (PAGED.search(href) and _in_pager(a)) or ARCHIVE_INDEX.search(href):
            nexts.append(href)
        elif DATE_ARCHIVE.search(href.split("?")[0].split("#")[0]):
            nexts.append(href)      # year and month archives (walked only when no sitemap or API answered)
            archives.add(href)
    added: set[str] = set()
    for href in nexts:
        link = try_normalize(href, url)
        if link and link != url and link not in added:
            added.add(link)
            listing.sources.append(Source(link, "list", paged=href not in archives))
    return listing


def _in_pager(a: Element) -> bool:
    """Inside an element whose class names pagination or navigation."""
    return any(_PAGER.search(parent.get("class") or "") for parent in a.iterancestors())


_PAGER = re.compile("pag|nav", re.I)
