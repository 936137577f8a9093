"""The publication date of a post page: JSON-LD, ``<meta>``, date markup, the URL, displayed text.

Values are read with :mod:`blogarchive.extract.dates`.
"""

from __future__ import annotations

import re

from bs4 import Tag

from blogarchive.extract.dates import month_first, normalize_date, parse_display_date, url_date
from blogarchive.extract.furniture import in_comments, in_furniture
from blogarchive.extract.htmlindex import TagIndex, has_class
from blogarchive.extract.jsonld import JsonLdArticle
from blogarchive.extract.text import normalize_space

_DATE_META = (
    "article:published_time", "og:published_time", "article:published", "datepublished",
    "publishdate", "pubdate", "publish-date", "date", "dc.date.issued", "dc.date", "dcterms.date",
    "sailthru.date", "parsely-pub-date", "citation_publication_date", "citation_date",
)
_DATE_CLASS = re.compile(r"date|time|datum|posted|published|meta|byline|dateline|info", re.I)


def find_published(
    index: TagIndex, url: str | None, ld: JsonLdArticle | None, meta: dict[str, list[str]]
) -> str | None:
    """Publication date by §11 precedence; a candidate agreeing with the URL month wins ties."""
    candidates: list[str] = []
    if ld:
        candidates.append(normalize_date(ld.node.get("datePublished") or ld.node.get("dateCreated")))
    for key in _DATE_META:
        candidates += [normalize_date(v) for v in meta.get(key, [])[:1]]
    candidates += markup_dates(index)
    day, month = url_date(url)
    candidates.append(day)
    if not any(candidates):
        candidates.append(displayed_date(index))
    candidates = [c for c in candidates if c]
    if month:
        agreeing = [c for c in candidates if c.startswith(month)]
        if agreeing:
            return agreeing[0]
        if candidates and not candidates[0].startswith(month[:4]):
            return None
    return candidates[0] if candidates else None


def markup_dates(index: TagIndex) -> list[str]:
    """Dates from microdata, ``time[datetime]`` and ``abbr.published[title]``, best first."""
    found: list[str] = []
    for el in index.by_itemprop.get("datepublished", []):
        if not in_comments(el):
            found.append(normalize_date(el.get("content") or el.get("datetime") or el.get("title") or el.get_text(" ")))
    times = [t for t in index.names("time") if t.get("datetime")]
    groups = (
        [t for t in times if has_class(t, "published", "entry-date", "dt-published")],
        [a for a in index.classes("published") if a.name == "abbr" and a.get("title")],
        [t for t in times if t.has_attr("pubdate")],
        times,
    )
    for group in groups:
        for el in group:
            if not in_comments(el) and not _modified(el):
                found.append(normalize_date(el.get("datetime") or el.get("title")))
    return [d for d in found if d]


def displayed_date(index: TagIndex) -> str | None:
    """The first date written in a date-like element (class/id with "date", "meta", …, or ``<time>``).

    Elements in comments and in navigation, sidebars and footers are skipped;
    numeric ``NN/NN/YYYY`` dates follow the page language (``<html lang>``).
    """
    html_tags = index.by_name.get("html")
    lang = html_tags[0].get("lang") if html_tags else None
    first_month = month_first(lang) if lang else False
    for el in index.root.find_all(True):
        if el.name in ("script", "style", "html", "body", "head"):
            continue
        ident = " ".join(el.get("class") or []) + " " + (el.get("id") or "")
        if el.name != "time" and not _DATE_CLASS.search(ident):
            continue
        text = normalize_space(el.get_text(" "))
        if not text or len(text) > 200 or in_comments(el) or in_furniture(el):
            continue
        found = parse_display_date(text, first_month)
        if found:
            return found
    return None


def _modified(el: Tag) -> bool:
    """A last-modified date rather than the publication date (``.updated``, ``.modified``)."""
    classes = " ".join(el.get("class") or []) + " " + " ".join((el.parent.get("class") or []) if el.parent else [])
    return ("updated" in classes or "modified" in classes) and "published" not in classes
