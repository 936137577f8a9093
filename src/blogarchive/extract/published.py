"""The publication date of a post page: JSON-LD, ``<meta>``, date markup, the URL, displayed text.

Values are read with :mod:`blogarchive.extract.dates`.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from blogarchive.extract.dates import month_first, normalize_date, parse_display_date, url_date, utc_or_naive
from blogarchive.extract.furniture import in_comments, in_furniture
from blogarchive.extract.htmlindex import TagIndex, has_class
from blogarchive.extract.jsonld import JsonLdArticle
from blogarchive.extract.text import normalize_space
from blogarchive.extract.tree import Element, elements, text

_DATE_META = (
    "article:published_time", "og:published_time", "article:published", "datepublished",
    "publishdate", "pubdate", "publish-date", "date", "dc.date.issued", "dc.date", "dcterms.date",
    "sailthru.date", "parsely-pub-date", "citation_publication_date", "citation_date",
)
_DATE_CLASS = re.compile(r"date|time|datum|posted|published|meta|byline|dateline|info", re.I)


def find_published(
    index: TagIndex, url: str | None, ld: JsonLdArticle | None, meta: dict[str, list[str]]
) -> tuple[str | None, str | None]:
    """Publication date by §11 precedence, and its source (``json-ld``, ``meta``, ``markup``,
    ``url`` or ``text``); a candidate agreeing with the URL month wins ties."""
    candidates: list[tuple[str | None, str]] = []
    if ld:
        candidates.append((normalize_date(ld.node.get("datePublished") or ld.node.get("dateCreated")), "json-ld"))
    for key in _DATE_META:
        candidates += [(normalize_date(v), "meta") for v in meta.get(key, [])[:1]]
    candidates += [(d, "markup") for d in markup_dates(index)]
    day, month = url_date(url)
    candidates.append((day, "url"))
    if not any(value for value, _ in candidates):
        candidates.append((displayed_date(index), "text"))
    candidates = [(value, source) for value, source in candidates if value]
    if month:
        agreeing = [c for c in candidates if c[0].startswith(month)]
        if agreeing:
            return local_twin(agreeing[0], candidates)
        if candidates and not candidates[0][0].startswith(month[:4]):
            return None, None
    return local_twin(candidates[0], candidates) if candidates else (None, None)


def local_twin(best: tuple[str, str], candidates: list[tuple[str, str]]) -> tuple[str, str]:
    """``best``, or, when it is a time in UTC (or without an offset), another candidate giving
    the same moment with the blog's own UTC offset: JSON-LD and ``<meta>`` written in UTC
    while the page's ``<time>`` gives local time (21:11 on the 8th in Boston is 02:11 UTC on
    the 9th); the local form keeps the day the blog's readers saw."""
    moment = _instant(best[0]) if utc_or_naive(best[0]) else None
    if moment is None:
        return best
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    for value, source in candidates:
        other = _instant(value) if not utc_or_naive(value) else None
        if other is not None and other.tzinfo is not None and abs((other - moment).total_seconds()) <= 120:
            return value, source
    return best


def _instant(value: str) -> datetime | None:
    """A date-time value as a datetime (None for a plain date or an unreadable value)."""
    if len(value) <= 10:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def markup_dates(index: TagIndex) -> list[str]:
    """Dates from microdata, ``time[datetime]`` and ``abbr.published[title]``, best first.

    A kind of markup that gives several different days on the page (a list of other
    posts beside this one) says nothing about this post and is left out.
    """
    found: list[str] = []
    micro = [normalize_date(el.get("content") or el.get("datetime") or el.get("title") or text(el))
             for el in index.by_itemprop.get("datepublished", []) if not in_comments(el)]
    found += _one_day(micro)
    times = [t for t in index.names("time") if t.get("datetime")]
    groups = (
        [t for t in times if has_class(t, "published", "entry-date", "dt-published")],
        [a for a in index.classes("published") if a.tag == "abbr" and a.get("title")],
        [t for t in times if t.get("pubdate") is not None],
        times,
    )
    for group in groups:
        found += _one_day([normalize_date(el.get("datetime") or el.get("title"))
                           for el in group if not in_comments(el) and not _modified(el)])
    return found


def _one_day(dates: list[str | None]) -> list[str]:
    """``dates`` when they all fall on one day, else none."""
    dates = [d for d in dates if d]
    return dates if len({d[:10] for d in dates}) == 1 else []


def displayed_date(index: TagIndex) -> str | None:
    """The first date written in a date-like element (class/id with "date", "meta", …, or ``<time>``).

    Elements in comments and in navigation, sidebars and footers are skipped;
    numeric ``NN/NN/YYYY`` dates follow the page language (``<html lang>``).
    """
    html_tags = index.by_name.get("html")
    lang = html_tags[0].get("lang") if html_tags else None
    first_month = month_first(lang) if lang else False
    for el in elements(index.root):
        if el.tag in ("script", "style", "html", "body", "head"):
            continue
        ident = (el.get("class") or "") + " " + (el.get("id") or "")
        if el.tag != "time" and not _DATE_CLASS.search(ident):
            continue
        shown = normalize_space(text(el))
        if not shown or len(shown) > 200 or in_comments(el) or in_furniture(el):
            continue
        found = parse_display_date(shown, first_month)
        if found:
            return found
    return None


def _modified(el: Element) -> bool:
    """A last-modified date rather than the publication date (``.updated``, ``.modified``)."""
    parent = el.getparent()
    classes = (el.get("class") or "") + " " + ((parent.get("class") or "") if parent is not None else "")
    return ("updated" in classes or "modified" in classes) and "published" not in classes
