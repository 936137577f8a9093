"""Structured metadata of a post page, platform-independent.

Pure functions over a parsed page (BeautifulSoup with the lxml parser). Sources
and their precedence follow platforms.md §11: JSON-LD, then ``<meta>``
(OpenGraph, ``article:*``, ``name=author``, Twitter labels), then microdata and
microformat-ish markup (``time[datetime]``, ``abbr.published``, ``rel=author``,
``.byline``, ``.cat-links``, ``rel=tag``), then the URL.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Tag

from blogarchive.dates import month_first, normalize_date, parse_display_date, url_date
from blogarchive.htmlindex import TagIndex, has_class
from blogarchive.text import normalize_space

# --------------------------------------------------------------------------- result


@dataclass(slots=True)
class PageMetadata:
    """Plain metadata values read from one page; ``None``/``[]`` when not found."""

    title: str | None = None
    site_name: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    url_month: str | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def read_metadata(soup: BeautifulSoup, url: str | None = None) -> PageMetadata:
    """Read every field from ``soup`` (and the date hint in ``url``)."""
    index = TagIndex(soup)
    ld = jsonld_article(index)
    meta = meta_values(index)
    return PageMetadata(
        title=find_title(index, ld, meta, url),
        site_name=(meta.get("og:site_name") or [None])[0],
        authors=find_authors(index, ld, meta, url),
        published=find_published(index, url, ld, meta),
        url_month=url_date(url)[1] if url else None,
        categories=find_categories(index, ld, meta),
        tags=find_tags(index, ld, meta),
    )


# --------------------------------------------------------------------------- JSON-LD

_ARTICLE_TYPE = re.compile(r"(Article|Posting|Report)$")
_PAGE_TYPE = re.compile(r"(WebPage|ItemPage|AboutPage|ProfilePage)$")


def jsonld_nodes(index: TagIndex) -> list[dict]:
    """Every JSON-LD object on the page, with ``@graph`` and top-level lists flattened."""
    nodes: list[dict] = []
    for script in index.names("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        data = _load_json(script.string or script.get_text())
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack[:0] = item
            elif isinstance(item, dict):
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack[:0] = graph
                nodes.append(item)
    return nodes


def _load_json(raw: str | None):
    if not raw:
        return None
    raw = raw.strip().removeprefix("<!--").removesuffix("-->").strip().rstrip(";")
    try:
        return json.loads(raw, strict=False)
    except ValueError:
        try:  # trailing commas are the commonest hand-written mistake
            return json.loads(re.sub(r",\s*([}\]])", r"\1", raw), strict=False)
        except ValueError:
            return None


def node_types(node: dict) -> list[str]:
    """``@type`` as a list of strings (it may be a string or a list)."""
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    return [v.rsplit("/", 1)[-1] for v in values if isinstance(v, str)]


@dataclass(slots=True)
class JsonLdArticle:
    """The article node of the page plus the ``@id`` index to resolve references."""

    node: dict
    index: dict[str, dict]

    def resolve(self, value):
        """Replace a ``{"@id": ...}`` reference by the node it names, when known."""
        if isinstance(value, dict) and "@id" in value and len(value) <= 2:
            return self.index.get(value["@id"], value)
        return value


def jsonld_article(index: TagIndex) -> JsonLdArticle | None:
    """The JSON-LD node describing the post: an Article/BlogPosting, else a dated WebPage."""
    nodes = jsonld_nodes(index)
    index = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    articles = [n for n in nodes if any(_ARTICLE_TYPE.search(t) for t in node_types(n))]
    pages = [n for n in nodes if any(_PAGE_TYPE.search(t) for t in node_types(n))]
    for group in (articles, pages):
        if group:
            # the first one that has a headline or date is the post; related items come later
            best = next((n for n in group if n.get("datePublished") or n.get("headline")), group[0])
            return JsonLdArticle(best, index)
    return None


def _ld_names(value, ld: JsonLdArticle) -> list[str]:
    """Names out of an author value: object, ``@id`` reference, list or string."""
    value = ld.resolve(value)
    if isinstance(value, list):
        return [name for item in value for name in _ld_names(item, ld)]
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, list):
            name = name[0] if name else None
        if isinstance(name, dict):
            name = name.get("@value")
        return [name] if isinstance(name, str) else []
    if isinstance(value, str):
        return [value]
    return []


def _ld_terms(value) -> list[str]:
    """``articleSection``/``keywords``: a comma-joined string or an array."""
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        if isinstance(item, str):
            out += [normalize_space(p) for p in item.split(",")]
    return _unique(out)


# --------------------------------------------------------------------------- <meta>


def meta_values(index: TagIndex) -> dict[str, list[str]]:
    """``<meta>`` contents keyed by lower-cased ``property``/``name``/``itemprop``, in page order."""
    values: dict[str, list[str]] = {}
    for tag in index.names("meta"):
        content = tag.get("content")
        if content is None:
            continue
        content = normalize_space(html.unescape(content))  # "&amp;amp;" written by double-escaping CMSs
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = tag.get(attr)
            if isinstance(key, str) and key:
                values.setdefault(key.strip().lower(), []).append(content)
    return values


def _first(meta: dict[str, list[str]], *keys: str) -> str | None:
    for key in keys:
        if meta.get(key):
            return meta[key][0]
    return None


# --------------------------------------------------------------------------- title

_SEP = r"\s+[|\-–—·•»›⋆│:~]{1,2}\s+"
_SEPARATORS = re.compile(_SEP)
_HEADLINE_CLASSES = ("entry-title", "post-title", "article-title", "headline", "p-name", "page-title")


def find_title(index: TagIndex, ld: JsonLdArticle | None, meta: dict[str, list[str]],
               url: str | None = None) -> str | None:
    """The post headline, without the site name.

    The visible headline wins (``h1``/``h2`` with ``entry-title``-like classes or
    ``itemprop=headline``, else the ``h1`` of the article/main, else the only
    ``h1`` of the page); then og:title, JSON-LD ``headline``, ``<title>``.
    """
    titles = index.names("title")
    page_title = normalize_space(titles[0].get_text()) if titles else ""
    headline = ld.node.get("headline") if ld else None
    candidates = [
        visible_headline(index),
        _first(meta, "og:title", "twitter:title"),
        headline if isinstance(headline, str) else None,
        page_title,
    ]
    site = _first(meta, "og:site_name", "application-name")
    host = re.sub(r"^www\.", "", re.sub(r"^[a-z]+://", "", url or "", flags=re.I).split("/")[0].lower())
    cleaned = [strip_site_name(normalize_space(c), site, page_title, host) for c in candidates if normalize_space(c)]
    if not cleaned:
        return None
    best = cleaned[0]
    if candidates[0]:
        # a kicker or byline inside the <h1> ("Kicker Headline"): the metadata title is the headline part
        for other in cleaned[1:3]:
            if len(other) >= 10 and other != best and other.casefold() in best.casefold():
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


# --------------------------------------------------------------------------- authors

_URLISH = re.compile(r"^(https?:)?//|^www\.|\.(com|org|net|de)/|@\w+\.\w+")
_AUTHOR_PREFIX = re.compile(
    r"^\W*(?:(?:\w+(?:ed|et|t)\s+)?(?:by|von|from|par|por)\b|written by|words by|"
    r"author|autor|auteur|verfasst von|geschrieben von|eingestellt von|posted by)\s*[:\-]?\s*",
    re.I,
)
# WordPress author links: "View all posts by X", "Alle Beiträge von X anzeigen"
_ALL_POSTS_BY = re.compile(
    r"^.{0,30}?\b(?:posts|articles|beiträge|artikel|articles)\s+(?:by|von|de)\s+|\s+anzeigen$", re.I
)
_AUTHOR_TAIL = re.compile(r"\s+(?:at|on|am|um|le|il|op|in)\s+\d.*$|\s+[|—–]\s+.*$|\s*\(.*?\)\s*$", re.I)
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|&|\||/|\band\b|\bund\b|,(?!\s*(?:PhD|MD|Jr|Sr|LAc|M\.?D)\b))\s*", re.I)
_WRITTEN_BY = re.compile(r"written by|verfasst von|geschrieben von|autor|author|auteur|escrito por|scritto da", re.I)


def clean_author_names(raw: str) -> list[str]:
    """Split a byline into names: drop "By"/"Posted by", trailing times, URLs and e-mails."""
    raw = normalize_space(html.unescape(html.unescape(raw)))
    if not raw or _URLISH.search(raw):
        return []
    raw = _ALL_POSTS_BY.sub("", raw)
    raw = _AUTHOR_PREFIX.sub("", raw)
    raw = _AUTHOR_TAIL.sub("", raw)
    names = []
    for part in _AUTHOR_SPLIT.split(raw):
        part = part.strip(" .,:;-–—\"'")
        part = _AUTHOR_PREFIX.sub("", part).strip()
        if not part or len(part) > 60 or len(part.split()) > 6 or "@" in part or _URLISH.search(part):
            continue
        if re.search(r"\d[:.]\d|^\d", part) or sum(ch.isdigit() for ch in part) * 2 > len(part):
            continue
        if not any(ch.isalpha() for ch in part):
            continue
        names.append(part)
    return _unique(names)


def find_authors(index: TagIndex, ld: JsonLdArticle | None, meta: dict[str, list[str]],
                 url: str | None = None) -> list[str]:
    """JSON-LD author > meta author > Twitter "Written by" > microdata/``rel=author``/byline classes.

    A source listing more than 12 names (a reference list) is passed over.
    """

    def usable(names: list[str]) -> list[str]:
        names = _unique(names)
        return names if len(names) <= 12 else []

    if ld:
        names = usable([n for raw in _ld_names(ld.node.get("author"), ld) for n in clean_author_names(raw)])
        if names:
            return names
    for key in ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "citation_author"):
        names = usable([n for raw in meta.get(key, []) for n in clean_author_names(raw)])
        if names:
            return names
    for i in ("1", "2"):
        label = _first(meta, f"twitter:label{i}")
        if label and _WRITTEN_BY.search(label):
            names = usable(clean_author_names(_first(meta, f"twitter:data{i}") or ""))
            if names:
                return names
    return usable(markup_authors(index))


# "article-author-name", "c-card__author", "blog-author", "authorName"; not "comment-author", "author-bio"
_AUTHOR_CLASS = re.compile(r"^(?!.*comment).*(?:^|[-_])author(?:-?name)?$|^author-?name$|^authorName$", re.I)


def markup_authors(index: TagIndex) -> list[str]:
    """Author names from byline markup outside comment sections; the first source with names wins.

    Sources: ``itemprop=author``, ``a[rel~=author]``, ``.p-author``, links and
    ``.author`` inside ``.byline``, ``.fn`` inside ``.post-author``/``.vcard``,
    ``.author-name``, then ``.byline``, ``.author`` and ``.fn`` as a whole.
    """
    bylines = index.classes("byline", "byline-author")
    sources = (
        index.by_itemprop.get("author", []),
        [a for a in index.by_rel.get("author", []) if a.name == "a"],
        index.classes("p-author"),
        [el for b in bylines for el in b.find_all(True) if el.name == "a" or has_class(el, "author")],
        [el for el in index.classes("fn") if el.find_parent(class_=("post-author", "author", "vcard"))]
        + index.classes("post-author-name", "author-name"),
        bylines,
        index.classes("author"),
        index.classes(*[c for c in index.by_class if _AUTHOR_CLASS.search(c)]),
        index.classes("fn"),
    )
    for elements in sources:
        names: list[str] = []
        for el in elements:
            if el.name in ("body", "html") or in_comments(el):
                continue
            if el.get("content"):
                text = el["content"]
            else:
                inner = el.find(attrs={"itemprop": "name"}) if el.name != "meta" else None
                text = (inner.get("content") or inner.get_text(" ")) if inner else el.get_text(" ")
            if len(normalize_space(text)) > 80:
                continue
            names += clean_author_names(text)
        if names:
            return _unique(names)
    return []


# --------------------------------------------------------------------------- dates

_DATE_META = (
    "article:published_time", "og:published_time", "article:published", "datepublished",
    "publishdate", "pubdate", "publish-date", "date", "dc.date.issued", "dc.date", "dcterms.date",
    "sailthru.date", "parsely-pub-date", "citation_publication_date", "citation_date",
)


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


_DATE_CLASS = re.compile(r"date|time|datum|posted|published|meta|byline|dateline|info", re.I)


def displayed_date(index: TagIndex) -> str | None:
    """The first date written in a date-like element (class/id with "date", "meta", …, or ``<time>``).

    Elements in comments and in navigation, sidebars and footers are skipped;
    numeric ``NN/NN/YYYY`` dates follow the page language (``<html lang>``).
    """
    html = index.by_name.get("html")
    lang = html[0].get("lang") if html else None
    first_month = month_first(lang) if lang else False
    for el in index.root.find_all(True):
        if el.name in ("script", "style", "html", "body", "head"):
            continue
        ident = " ".join(el.get("class") or []) + " " + (el.get("id") or "")
        if el.name != "time" and not _DATE_CLASS.search(ident):
            continue
        text = normalize_space(el.get_text(" "))
        if not text or len(text) > 200 or in_comments(el) or _in_furniture(el):
            continue
        found = parse_display_date(text, first_month)
        if found:
            return found
    return None


def _in_furniture(el: Tag) -> bool:
    """Inside navigation, a sidebar, a widget, related posts or the page footer (below article/main)."""
    for parent in el.parents:
        if parent.name in ("article", "main", "body", "html"):
            return False
        if parent.name in ("nav", "aside", "footer"):
            return True
        ident = " ".join(parent.get("class") or []) + " " + (parent.get("id") or "")
        if re.search(r"sidebar|widget|related|footer", ident, re.I):
            return True
    return False


def _modified(el: Tag) -> bool:
    classes = " ".join(el.get("class") or []) + " " + " ".join((el.parent.get("class") or []) if el.parent else [])
    return ("updated" in classes or "modified" in classes) and "published" not in classes


# --------------------------------------------------------------------------- categories & tags

_CATEGORY_CONTAINERS = ("cat-links", "taxonomy-category", "post-categories", "entry-categories",
                        "post-labels", "categories-links")
_TAG_CONTAINERS = ("tags-links", "taxonomy-post_tag", "post-tags", "entry-tags", "tag-links", "post-tag")


def find_categories(index: TagIndex, ld: JsonLdArticle | None, meta: dict[str, list[str]]) -> list[str]:
    """``.cat-links``/``.taxonomy-category``/``rel~=category``/Blogger labels > JSON-LD ``articleSection``."""
    names = _links_in_first(index.classes(*_CATEGORY_CONTAINERS))
    if not names:
        names = _sibling_links([a for a in index.by_rel.get("category", []) if a.name == "a"])
    if not names and ld:
        names = _ld_terms(ld.node.get("articleSection"))
    if not names and "hugo" not in (_first(meta, "generator") or "").lower():
        names = _unique(meta.get("article:section", []))
    return names


def find_tags(index: TagIndex, ld: JsonLdArticle | None, meta: dict[str, list[str]]) -> list[str]:
    """``.tags-links``/``rel=tag`` links (not categories) > ``article:tag`` > JSON-LD ``keywords``."""
    names = _links_in_first(index.classes(*_TAG_CONTAINERS))
    if not names:
        links = [a for a in index.by_rel.get("tag", []) if a.name == "a" and "category" not in a.get("rel")
                 and not a.find_parent(class_=_CATEGORY_CONTAINERS)]
        names = _sibling_links(links)
    if not names:
        names = _unique(meta.get("article:tag", []))
    if not names and ld:
        names = _ld_terms(ld.node.get("keywords"))
    return names


def _links_in_first(boxes: list[Tag]) -> list[str]:
    """Link texts of the first box (in page order) that has links and is not in comments."""
    for box in boxes:
        if in_comments(box):
            continue
        names = _unique(normalize_space(a.get_text(" ")) for a in box.find_all("a"))
        if names:
            return names
    return []


def _sibling_links(links: list[Tag]) -> list[str]:
    """Texts of the links that share a container with the first one (one post's term list)."""
    links = [a for a in links if not in_comments(a)]
    if not links:
        return []
    box = links[0].parent
    while box is not None and box.name in ("li", "span", "em", "strong") and box.parent is not None:
        box = box.parent
    return _unique(normalize_space(a.get_text(" ")) for a in links if box in a.parents)


# --------------------------------------------------------------------------- helpers

_COMMENT_AREA = re.compile(r"(^|[\s_-])(comments?|comment-list|commentlist|respond|disqus_thread)($|[\s_-])", re.I)


def in_comments(el: Tag) -> bool:
    """True when ``el`` sits inside a reader-comments section (``#comments``, ``.comment-list``, …)."""
    for parent in el.parents:
        if parent.name in ("body", "html", "[document]"):
            return False
        ident = " ".join(parent.get("class") or []) + " " + (parent.get("id") or "")
        if _COMMENT_AREA.search(ident) and parent.name not in ("article", "main"):
            return True
    return False


def _unique(items) -> list[str]:
    """Items without empties and case-insensitive repeats, stripped of decorative quotes and ``#``."""
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        item = (item or "").strip(" \"'„“”«»‚‘’#")
        key = item.casefold() if item else ""
        if item and key not in seen:
            seen.add(key)
            out.append(item)
    return out
