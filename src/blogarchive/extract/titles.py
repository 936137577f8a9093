"""The post headline of a page, without the site name."""

from __future__ import annotations

import re

from blogarchive.extract.furniture import in_comments
from blogarchive.extract.htmlindex import TagIndex
from blogarchive.extract.jsonld import JsonLdArticle
from blogarchive.extract.metatags import first_meta
from blogarchive.extract.text import normalize_space

_SEP = r"\s+[|\-–—·•»›⋆│:~]{1,2}\s+"
_SEPARATORS = re.compile(_SEP)
_HEADLINE_CLASSES = ("entry-title", "post-title", "article-title", "headline", "p-name", "page-title")


def find_title(index: TagIndex, ld: JsonLdArticle | None, meta: dict[str, list[str]],
               url: str | None = None) -> tuple[str | None, str | None]:
    """The post headline, without the site name, and its source (``markup``, ``meta``, ``json-ld``).

    The visible headline wins (``h1``/``h2`` with ``entry-title``-like classes or
    ``itemprop=headline``, else the ``h1`` of the article/main, else the only
    ``h1`` of the page); then og:title, JSON-LD ``headline``, ``<title>``.
    """
    titles = index.names("title")
    page_title = normalize_space(titles[0].get_text()) if titles else ""
    headline = ld.node.get("headline") if ld else None
    candidates = [
        visible_headline(index),
        first_meta(meta, "og:title", "twitter:title"),
        headline if isinstance(headline, str) else None,
        page_title,
    ]
    sources = ["markup", "meta", "json-ld", "markup"]
    site = first_meta(meta, "og:site_name", "application-name")
    host = re.sub(r"^www\.", "", re.sub(r"^[a-z]+://", "", url or "", flags=re.I).split("/")[0].lower())
    cleaned = [(strip_site_name(normalize_space(c), site, page_title, host), source)
               for c, source in zip(candidates, sources) if normalize_space(c)]
    if not cleaned:
        return None, None
    best = cleaned[0]
    if candidates[0]:
        # a kicker or byline inside the <h1> ("Kicker Headline"): the metadata title is the headline part
        for other in cleaned[1:3]:
            if len(other[0]) >= 10 and other[0] != best[0] and other[0].casefold() in best[0].casefold():
                return other
    return best


def visible_headline(index: TagIndex) -> str | None:
    """The headline shown on the page, when the markup makes it unambiguous."""
    marked = [el for el in index.classes(*_HEADLINE_CLASSES) + index.by_itemprop.get("headline", [])
              if el.name in ("h1", "h2", "h3") and not in_comments(el)]
    marked.sort(key=lambda el: el.name)  # stable: the first h1, else the first h2, else h3
    h1s = [h for h in index.names("h1") if not h.find_parent(("header", "nav", "aside", "footer"))
           or h.find_parent(("article", "main"))]
    in_content = [h for h in h1s if h.find_parent(("article", "main"))]
    for group in (marked[:1], in_content[:1], h1s if len(h1s) == 1 else []):
        for el in group:
            text = normalize_space(el.get_text(" "))
            if 3 <= len(text) <= 300:
                return text
    return None


def strip_site_name(title: str, site_name: str | None, page_title: str = "", host: str = "") -> str:
    """Drop a leading/trailing ``Site Name`` segment ("Post - Site", "Site | Post").

    A segment goes when it equals ``site_name``, names the ``host``
    ("example.org", "Example Org"), or when the ``<title>`` ends with the same
    segment while not being the same string as ``title``.
    """
    parts = _SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    site = normalize_space(site_name).casefold()
    page_parts = _SEPARATORS.split(page_title) if page_title and page_title != title else []
    last, first = parts[-1].casefold(), parts[0].casefold()
    if (site and (last == site or site in last and len(last) <= len(site) + 12)) or _names_host(last, host):
        return strip_site_name(_rejoin(title, parts[-1], tail=True), None, "", host)
    if (site and first == site) or _names_host(first, host):
        return _rejoin(title, parts[0], tail=False)
    if len(page_parts) >= 2 and page_parts[-1].casefold() == last:
        return _rejoin(title, parts[-1], tail=True)
    return title


def _names_host(segment: str, host: str) -> bool:
    """"petri-heil.ch" or "Petri Heil" for host petri-heil.ch; at least 4 letters."""
    letters = re.sub(r"[^a-z0-9]", "", segment.casefold())
    host_letters = re.sub(r"[^a-z0-9]", "", host.rsplit(".", 1)[0]) if host else ""
    return len(letters) >= 4 and bool(host_letters) and (letters == host_letters or letters == re.sub(
        r"[^a-z0-9]", "", host))


def _rejoin(title: str, segment: str, tail: bool) -> str:
    pattern = (_SEP + re.escape(segment) + r"$") if tail else ("^" + re.escape(segment) + _SEP)
    stripped = re.sub(pattern, "", title, flags=re.I).strip()
    return stripped or title
