"""Author names of a post page: JSON-LD, ``<meta>``, Twitter labels, byline markup, then
a byline or signature in the post body's text.

Authors are people: a name the site or its publisher goes by (``og:site_name``, a
JSON-LD Organization, the host), an organisation (see
:func:`blogarchive.extract.names.is_organisation`), a commenter or a reviewer is never
one. A source that gives only such names is passed over for the next.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from urllib.parse import urlsplit

from blogarchive.extract.furniture import in_comments
from blogarchive.extract.htmlindex import TagIndex
from blogarchive.extract.jsonld import JsonLdArticle, jsonld_names, jsonld_nodes, node_types
from blogarchive.extract.metatags import first_meta
from blogarchive.extract.names import looks_like_name, split_names
from blogarchive.extract.signatures import authors_from_text
from blogarchive.extract.text import html_to_text, normalize_space, unique_names
from blogarchive.extract.tree import Element, descendants, has_class, inner_html, is_inside, parent_with_class, text

_WRITTEN_BY = re.compile(r"written by|verfasst von|geschrieben von|autor|author|auteur|escrito por|scritto da", re.I)
# "article-author-name", "c-card__author", "blog-author", "node--authors", "field-contributor", "authorName";
# not "comment-author", "author-bio"
_AUTHOR_CLASS = re.compile(
    r"^(?!.*comment).*(?:^|[-_])(?:author|contributor)s?(?:-?name)?$|^author-?name$|^authorName$", re.I)
# the post body ("entry-content", "td-post-content", "article-body", "articleBody"), where "By Ann Lee"
# or a signature may stand in the text
_BODY_CLASS = re.compile(r"(?:^|[-_])(?:entry|post|article|story)[-_]?(?:content|body|text)$", re.I)
# microdata items that readers wrote (a product's "review", a post's "comment"): their author is not the post's
_READER_ITEM = re.compile(r"^(?:review|comment)s?$", re.I)
# WordPress's Classic theme: "Filed under: News — Ann Lee @ 10:42 pm"
_CLASSIC_BYLINE = re.compile(r"—\s*(?P<name>[^—@]{1,60}?)\s*@\s*\d")
# second-level labels of country domains: "example.co.uk", "example.com.au"
_SECOND_LEVEL = frozenset("com co org net gov edu ac or ne go".split())
_ORG_TYPE = re.compile(r"(Organization|Corporation|Brand)$")
# the publisher's desk: "Example Times Staff", "Redaktion Beispielblatt" are the site's name
_DESK_WORDS = frozenset(
    "the redaktion redaktionsteam redaccion redazione team staff editors editorial newsroom desk".split())


def clean_author_names(raw: str) -> list[str]:
    """Split a byline into names (see :func:`blogarchive.extract.names.split_names`)."""
    return split_names(raw)


def find_authors(index: TagIndex, ld: JsonLdArticle | None,
                 meta: dict[str, list[str]]) -> tuple[list[str], str | None]:
    """JSON-LD author > meta author > Twitter "Written by" > microdata/``rel=author``/byline classes >
    a byline or signature in the post body's text, and the source of the names (``json-ld``,
    ``meta``, ``markup``, ``text``).

    The site's own names are dropped from every source (:func:`site_names`), and so are
    JSON-LD names the page never shows its readers: SEO plugins write the CMS account
    behind a post even when the theme prints no author, so every word of a JSON-LD name
    must occur in the page's text. A source left without names, or listing more than 12
    (a reference list), is passed over.
    """
    is_site = site_names(index, ld, meta)

    def usable(raws: list[str]) -> list[str]:
        names = unique_names([n for raw in raws for n in split_names(raw, is_site)])
        return names if len(names) <= 12 else []

    if ld:
        people = [a for a in _as_list(ld.node.get("author")) if not _is_organisation(ld.resolve(a))]
        names = usable(jsonld_names(people, ld))
        if names:
            page_words = _words(text(index.root))     # the visible text: no scripts or styles
            names = [n for n in names if _words(n) <= page_words]
        if names:
            return names, "json-ld"
    for key in ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "citation_author"):
        names = usable(meta.get(key, []))
        if names:
            return names, "meta"
    for i in ("1", "2"):
        label = first_meta(meta, f"twitter:label{i}")
        if label and _WRITTEN_BY.search(label):
            names = usable([first_meta(meta, f"twitter:data{i}") or ""])
            if names:
                return names, "meta"
    names = usable(markup_authors(index, is_site) or classic_byline(index))
    if names:
        return names, "markup"
    body = _post_body(index)
    if body is None:
        return [], None
    names = [n for n in authors_from_text(html_to_text(inner_html(body))) if not is_site(n)]
    return names, "text" if names else None


def site_names(index: TagIndex, ld: JsonLdArticle | None, meta: dict[str, list[str]]) -> Callable[[str], bool]:
    """A test: does a byline segment name the site or its publisher rather than a person?

    It compares, ignoring case, accents, punctuation, "The" and desk words ("Staff",
    "Redaktion"), with the names of the page's JSON-LD organisations and, unless the
    JSON-LD publisher is a person (a personal site named after its author), with
    ``og:site_name``, ``application-name``, the JSON-LD publisher and WebSite, and the
    host's domain label ("Examplepost" on www.examplepost.com; a person's name of
    several words stays: "Ann Lee" on annlee.net).
    """
    nodes = jsonld_nodes(index) + [ld.resolve(a) for a in _as_list(ld.node.get("author"))] if ld else []
    nodes = [n for n in nodes if isinstance(n, dict)]
    publisher = ld.resolve(ld.node.get("publisher")) if ld else None
    personal = isinstance(publisher, dict) and (
        "Person" in node_types(publisher) or "/person/" in str(publisher.get("@id", "")))
    names = [n.get("name") for n in nodes if _is_organisation(n)]
    host_label = ""
    if not personal:
        names += meta.get("og:site_name", []) + meta.get("application-name", [])
        names += [n.get("name") for n in nodes if "WebSite" in node_types(n)]
        if isinstance(publisher, dict):
            names.append(publisher.get("name"))
        page_url = first_meta(meta, "og:url") or next(
            (link.get("href") for link in index.by_rel.get("canonical", []) if link.get("href")), "")
        labels = (urlsplit(page_url).hostname or "").split(".")[:-1]     # "www.example.co.uk" → "example"
        while labels and labels[-1] in _SECOND_LEVEL:
            labels.pop()
        host_label = _key(labels[-1]) if labels else ""
    keys = {_key(n) for n in names if isinstance(n, str)} - {""}

    def is_site(segment: str) -> bool:
        key = _key(segment)
        if not key:
            return False
        return key in keys or key == host_label and (len(segment.split()) == 1 or not looks_like_name(segment))

    return is_site


def _key(name: str) -> str:
    """"The Example-Post Staff" → "examplepost": letters and digits without accents, case and desk words."""
    text = unicodedata.normalize("NFKD", name.casefold())
    words = re.findall(r"[^\W_]+", "".join(ch for ch in text if not unicodedata.combining(ch)))
    return "".join(w for w in words if w not in _DESK_WORDS)


def _post_body(index: TagIndex) -> Element | None:
    """The first element with ``itemprop=articleBody`` or a post-body class (``.entry-content``, …)."""
    found = index.by_itemprop.get("articlebody", []) + index.classes(*filter(_BODY_CLASS.search, index.by_class))
    return min(found, key=lambda el: index.order.get(el, 0)) if found else None


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W_]+", text.replace("\xad", "").casefold()))


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def _is_organisation(node) -> bool:
    types = node_types(node) if isinstance(node, dict) else []
    return any(_ORG_TYPE.search(t) for t in types) and "Person" not in types


def markup_authors(index: TagIndex, is_site: Callable[[str], bool] | None = None) -> list[str]:
    """Author names from byline markup outside comment sections and readers' microdata items
    (``itemprop=review``/``comment``); the first source with names wins.

    Sources: ``itemprop=author``, ``a[rel~=author]``, ``.p-author``, links and
    ``.author`` inside ``.byline``, ``.fn`` inside ``.post-author``/``.vcard``,
    ``.author-name``, then ``.byline``, ``.author``, other ``*-author`` classes
    and ``.fn`` as a whole. Within a source, the first element with names is the
    post's byline; later elements count only when they share its byline box (a
    small block around both), not when they belong to teasers of other posts.
    """
    bylines = index.classes("byline", "byline-author")
    sources = (
        index.by_itemprop.get("author", []),
        [a for a in index.by_rel.get("author", []) if a.tag == "a"],
        index.classes("p-author"),
        [el for b in bylines for el in descendants(b) if el.tag == "a" or has_class(el, "author")],
        [el for el in index.classes("fn") if parent_with_class(el, "post-author", "author", "vcard") is not None]
        + index.classes("post-author-name", "author-name"),
        bylines,
        index.classes("author"),
        index.classes(*[c for c in index.by_class if _AUTHOR_CLASS.search(c)]),
        index.classes("fn"),
    )
    for elements in sources:
        names: list[str] = []
        box = None
        for el in elements:
            if el.tag in ("body", "html") or in_comments(el) or _in_reader_item(el):
                continue
            if box is not None and not is_inside(el, box):
                continue
            byline = _byline_text(el)
            if len(normalize_space(byline)) > 80:
                continue
            found = split_names(byline, is_site)
            if found and box is None:
                box = _byline_box(el)
            names += found
        if names:
            return unique_names(names)
    return []


def _in_reader_item(el: Element) -> bool:
    """Inside a microdata item that a reader wrote (``itemprop=review``/``comment``)."""
    return any(_READER_ITEM.search(parent.get("itemprop") or "") for parent in el.iterancestors())


def _byline_text(el: Element) -> str:
    """The names an author element gives: its ``content``, else the content or text of its
    first ``itemprop=name`` element, else its own text."""
    if el.get("content"):
        return el.get("content")
    inner = _item_name(el) if el.tag != "meta" else None
    if inner is not None:
        return inner.get("content") or text(inner)
    return text(el)


def _item_name(el: Element) -> Element | None:
    """The first element under ``el`` with ``itemprop="name"``."""
    for child in descendants(el):
        if child.get("itemprop") == "name":
            return child
    return None


def classic_byline(index: TagIndex) -> list[str]:
    """The author in the post meta line of WordPress's Classic theme:
    ``<div class="meta">Filed under: News — Ann Lee @ 10:42 pm</div>``."""
    for el in index.classes("meta"):
        match = _CLASSIC_BYLINE.search(text(el))
        if match and not in_comments(el):
            return [match.group("name")]
    return []


_BYLINE_BOX = 300       # characters of text in a box that holds one post's byline


def _byline_box(byline: Element) -> Element:
    """The largest element around ``byline`` (itself, or an ancestor below ``<body>``) with at
    most ``_BYLINE_BOX`` characters of text."""
    box = byline
    for parent in byline.iterancestors():
        if parent.tag in ("body", "html") or len(normalize_space(text(parent))) > _BYLINE_BOX:
            break
        box = parent
    return box
