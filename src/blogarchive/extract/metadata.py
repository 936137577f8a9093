"""Structured metadata of a post page, platform-independent.

Pure functions over a parsed page (an lxml tree, :mod:`~blogarchive.extract.tree`). Sources
and their precedence follow platforms.md §11: JSON-LD (:mod:`~blogarchive.extract.jsonld`),
then ``<meta>`` (:mod:`~blogarchive.extract.metatags`), then microdata and
microformat-ish markup, then the URL. Each field has its own module:
:mod:`~blogarchive.extract.titles`, :mod:`~blogarchive.extract.authors`,
:mod:`~blogarchive.extract.published`, :mod:`~blogarchive.extract.terms`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from blogarchive.extract.authors import find_authors
from blogarchive.extract.dates import url_date
from blogarchive.extract.htmlindex import TagIndex
from blogarchive.extract.jsonld import jsonld_article
from blogarchive.extract.metatags import first_meta, meta_values
from blogarchive.extract.published import find_published
from blogarchive.extract.terms import find_categories, find_tags
from blogarchive.extract.titles import find_title
from blogarchive.extract.tree import Element


@dataclass(slots=True)
class PageMetadata:
    """Plain metadata values read from one page; ``None``/``[]`` when not found.

    ``provenance`` names where each found field came from (``json-ld``, ``meta``,
    ``markup``, ``url``, ``text``).
    """

    title: str | None = None
    site_name: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    url_month: str | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    provenance: dict[str, str] = field(default_factory=dict)


def read_metadata(tree: Element, url: str | None = None, index: TagIndex | None = None) -> PageMetadata:
    """Read every field from the page ``tree`` (and the date hint in ``url``); ``index`` when one was built."""
    index = index or TagIndex(tree)
    ld = jsonld_article(index)
    meta = meta_values(index)
    found = {
        "title": find_title(index, ld, meta, url),
        "authors": find_authors(index, ld, meta),
        "published": find_published(index, url, ld, meta),
        "categories": find_categories(index, ld, meta),
        "tags": find_tags(index, ld, meta),
    }
    return PageMetadata(
        site_name=first_meta(meta, "og:site_name"),
        url_month=url_date(url)[1] if url else None,
        provenance={name: source for name, (value, source) in found.items() if value and source},
        **{name: value for name, (value, source) in found.items()},
    )
