"""Author names of a post page: JSON-LD, ``<meta>``, Twitter labels, then byline markup."""

from __future__ import annotations

import re

from blogarchive.extract.furniture import in_comments
from blogarchive.extract.htmlindex import TagIndex, has_class
from blogarchive.extract.jsonld import JsonLdArticle, jsonld_names
from blogarchive.extract.metatags import first_meta
from blogarchive.extract.names import split_names
from blogarchive.extract.text import normalize_space, unique_names

_WRITTEN_BY = re.compile(r"written by|verfasst von|geschrieben von|autor|author|auteur|escrito por|scritto da", re.I)
# "article-author-name", "c-card__author", "blog-author", "authorName"; not "comment-author", "author-bio"
_AUTHOR_CLASS = re.compile(r"^(?!.*comment).*(?:^|[-_])author(?:-?name)?$|^author-?name$|^authorName$", re.I)


def clean_author_names(raw: str) -> list[str]:
    """Split a byline into names (see :func:`blogarchive.extract.names.split_names`)."""
    return split_names(raw)


def find_authors(index: TagIndex, ld: JsonLdArticle | None,
                 meta: dict[str, list[str]]) -> tuple[list[str], str | None]:
    """JSON-LD author > meta author > Twitter "Written by" > microdata/``rel=author``/byline classes,
    and the source of the names (``json-ld``, ``meta``, ``markup``).

    A source listing more than 12 names (a reference list) is passed over.
    """

    def usable(names: list[str]) -> list[str]:
        names = unique_names(names)
        return names if len(names) <= 12 else []

    if ld:
        names = usable([n for raw in jsonld_names(ld.node.get("author"), ld) for n in clean_author_names(raw)])
        if names:
            return names, "json-ld"
    for key in ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "citation_author"):
        names = usable([n for raw in meta.get(key, []) for n in clean_author_names(raw)])
        if names:
            return names, "meta"
    for i in ("1", "2"):
        label = first_meta(meta, f"twitter:label{i}")
        if label and _WRITTEN_BY.search(label):
            names = usable(clean_author_names(first_meta(meta, f"twitter:data{i}") or ""))
            if names:
                return names, "meta"
    names = usable(markup_authors(index))
    return names, "markup" if names else None


def markup_authors(index: TagIndex) -> list[str]:
    """Author names from byline markup outside comment sections; the first source with names wins.

    Sources: ``itemprop=author``, ``a[rel~=author]``, ``.p-author``, links and
    ``.author`` inside ``.byline``, ``.fn`` inside ``.post-author``/``.vcard``,
    ``.author-name``, then ``.byline``, ``.author``, other ``*-author`` classes
    and ``.fn`` as a whole.
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
            return unique_names(names)
    return []
