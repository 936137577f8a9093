"""Author names of a post page: JSON-LD, ``<meta>``, Twitter labels, then byline markup.

Authors are people. A name the site or its publisher goes by (``og:site_name``, a
JSON-LD Organization, the host) is never one, nor is a JSON-LD author typed as an
organisation; a source that gives only such names is passed over for the next.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable
from urllib.parse import urlsplit

from blogarchive.extract.furniture import in_comments
from blogarchive.extract.htmlindex import TagIndex, has_class
from blogarchive.extract.jsonld import JsonLdArticle, jsonld_names, jsonld_nodes, node_types
from blogarchive.extract.metatags import first_meta
from blogarchive.extract.names import split_names
from blogarchive.extract.text import normalize_space, unique_names

_WRITTEN_BY = re.compile(r"written by|verfasst von|geschrieben von|autor|author|auteur|escrito por|scritto da", re.I)
# "article-author-name", "c-card__author", "blog-author", "authorName"; not "comment-author", "author-bio"
_AUTHOR_CLASS = re.compile(r"^(?!.*comment).*(?:^|[-_])author(?:-?name)?$|^author-?name$|^authorName$", re.I)
_ORG_TYPE = re.compile(r"(Organization|Corporation|Brand)$")
# the publisher's desk: "Example Times Staff", "Redaktion Beispielblatt" are the site's name
_DESK_WORDS = frozenset("the redaktion redaktionsteam redaccion redazione team staff editors editorial newsroom desk".split())


def clean_author_names(raw: str) -> list[str]:
    """Split a byline into names (see :func:`blogarchive.extract.names.split_names`)."""
    return split_names(raw)


def find_authors(index: TagIndex, ld: JsonLdArticle | None,
                 meta: dict[str, list[str]]) -> tuple[list[str], str | None]:
    """JSON-LD author > meta author > Twitter "Written by" > microdata/``rel=author``/byline classes,
    and the source of the names (``json-ld``, ``meta``, ``markup``).

    The site's own names are dropped from every source (:func:`site_names`); a source
    left without names, or listing more than 12 (a reference list), is passed over.
    """
    is_site = site_names(index, ld, meta)

    def usable(raws: list[str]) -> list[str]:
        names = unique_names([n for raw in raws for n in split_names(raw, is_site)])
        return names if len(names) <= 12 else []

    if ld:
        people = [a for a in _as_list(ld.node.get("author")) if not _is_organisation(ld.resolve(a))]
        names = usable(jsonld_names(people, ld))
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
    names = usable(markup_authors(index, is_site))
    return names, "markup" if names else None


def site_names(index: TagIndex, ld: JsonLdArticle | None, meta: dict[str, list[str]]) -> Callable[[str], bool]:
    """A test: does a byline segment name the site or its publisher rather than a person?

    It compares, ignoring case, accents, punctuation, a leading "The" and desk words
    ("Staff", "Redaktion"), with the names of the page's JSON-LD organisations. Unless
    the JSON-LD publisher is a person (a personal site, named after its author), also
    with ``og:site_name``, ``application-name``, the JSON-LD publisher and WebSite, and,
    for a one-word name, the host's domain label ("Examplepost" on www.examplepost.com).
    """
    nodes = jsonld_nodes(index) if ld else []
    publisher = ld.resolve(ld.node.get("publisher")) if ld else None
    personal = isinstance(publisher, dict) and (
        "Person" in node_types(publisher) or "/person/" in str(publisher.get("@id", "")))
    names = [n.get("name") for n in nodes
             if any(_ORG_TYPE.search(t) for t in node_types(n)) and "Person" not in node_types(n)]
    host_label = ""
    if not personal:
        names += meta.get("og:site_name", []) + meta.get("application-name", [])
        names += [n.get("name") for n in nodes if "WebSite" in node_types(n)]
        if isinstance(publisher, dict):
            names.append(publisher.get("name"))
        page_url = first_meta(meta, "og:url") or next(
            (link.get("href") for link in index.by_rel.get("canonical", []) if link.get("href")), "")
        labels = (urlsplit(page_url).hostname or "").split(".")
        host_label = _key(labels[-2]) if len(labels) >= 2 else ""
    keys = {_key(n) for n in names if isinstance(n, str)} - {""}

    def is_site(segment: str) -> bool:
        key = _key(segment)
        return bool(key) and (key in keys or key == host_label and len(segment.split()) == 1)

    return is_site


def _key(name: str) -> str:
    """"The Example-Post Staff" → "examplepost": letters and digits without accents, case and desk words."""
    text = unicodedata.normalize("NFKD", name.casefold())
    words = re.findall(r"[^\W_]+", "".join(ch for ch in text if not unicodedata.combining(ch)))
    return "".join(w for w in words if w not in _DESK_WORDS)


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def _is_organisation(node) -> bool:
    types = node_types(node) if isinstance(node, dict) else []
    return any(_ORG_TYPE.search(t) for t in types) and "Person" not in types


def markup_authors(index: TagIndex, is_site: Callable[[str], bool] | None = None) -> list[str]:
    """Author names from byline markup outside comment sections; the first source with names wins.

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
        first = None
        for el in elements:
            if el.name in ("body", "html") or in_comments(el):
                continue
            if first is not None and not _same_byline(first, el):
                continue
            if el.get("content"):
                text = el["content"]
            else:
                inner = el.find(attrs={"itemprop": "name"}) if el.name != "meta" else None
                text = (inner.get("content") or inner.get_text(" ")) if inner else el.get_text(" ")
            if len(normalize_space(text)) > 80:
                continue
            found = split_names(text, is_site)
            if found and first is None:
                first = el
            names += found
        if names:
            return unique_names(names)
    return []


_BYLINE_BOX = 300       # characters of text in a box that holds one post's byline


def _same_byline(first, el) -> bool:
    """``el`` sits in a small box (at most ``_BYLINE_BOX`` characters of text) with ``first``."""
    above = {id(parent) for parent in el.parents}
    for box in first.parents:
        if box.name in ("body", "html", "[document]") or len(normalize_space(box.get_text(" "))) > _BYLINE_BOX:
            return False
        if id(box) in above:
            return True
    return False
