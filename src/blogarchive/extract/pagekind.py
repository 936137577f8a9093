"""Is this page one post, a list of posts, or something else? Judged from the page itself.

Discovery finds candidate URLs (a sitemap lists tag pages and About pages too;
a list page links to archives). Each candidate is fetched once and judged here
before anything is stored as a post. Signals, strongest first:

- WordPress body classes: ``single-post`` / ``postid-N`` (a post), ``home``,
  ``blog``, ``archive``, ``category``, ``tag``, ``author``, ``date``,
  ``paged``, ``search`` (a list), ``page-id-N`` (a page);
- JSON-LD: an ``Article``/``BlogPosting`` node (a post), ``CollectionPage``
  or ``Blog`` alone (a list);
- microformats: exactly one ``h-entry``/``hentry`` (a post) or several (a list);
- ``<article>`` elements with headings, and pagination links;
- ``og:type``: ``article`` (a post) or ``website``.

A post also needs a publication date, from the page or from what the sources
said of it: About and Contact pages rarely have one.
"""

from __future__ import annotations

import re

from .furniture import in_comments
from .htmlindex import TagIndex
from .jsonld import jsonld_nodes, node_types
from .metatags import first_meta, meta_values
from .tree import parent_named

POST = "post"
LIST = "list"
PAGE = "page"          # a page of the site that is not a post (About, Contact)
UNKNOWN = "unknown"

LIST_BODY_CLASSES = frozenset({"home", "blog", "archive", "category", "tag", "author", "date", "paged",
                               "search", "search-results", "tax", "post-type-archive"})
_ARTICLE_TYPES = re.compile(r"(Article|Posting)$")
_LIST_TYPES = frozenset({"CollectionPage", "Blog", "ItemList", "SearchResultsPage"})


def page_kind(index: TagIndex) -> str:
    """``post``, ``list``, ``page`` or ``unknown`` for a parsed page."""
    body = index.names("body")
    classes = set((body[0].get("class") or "").split()) if body else set()
    if "single-post" in classes or any(c.startswith("postid-") for c in classes):
        return POST
    if classes & LIST_BODY_CLASSES and "single" not in classes:
        return LIST
    if "page" in classes and any(c.startswith("page-id-") for c in classes):
        return PAGE
    types = {t for node in jsonld_nodes(index) for t in node_types(node)}
    entries = [e for e in index.classes("h-entry", "hentry", "post-outer", "blog-post") if not in_comments(e)]
    inside = set(entries)
    entries = [e for e in entries if not any(p in inside for p in e.iterancestors())]
    articles = [a for a in index.names("article") if not in_comments(a) and parent_named(a, "article") is None]
    many = len(entries) > 1 or len([a for a in articles if next(a.iterdescendants("h1", "h2", "h3"), None) is not None]) > 2
    if types & _LIST_TYPES and not any(_ARTICLE_TYPES.search(t) for t in types):
        return LIST
    if any(_ARTICLE_TYPES.search(t) for t in types) and not many:
        return POST
    dated = [t for t in index.names("time") if not in_comments(t)]
    if many or len(dated) >= 3:
        return LIST     # entries, or dates of entries, one after another
    og_type = (first_meta(meta_values(index), "og:type") or "").lower()
    if len(entries) == 1 or len(articles) == 1 or og_type == "article":
        return POST
    if og_type == "website":
        return PAGE
    return UNKNOWN
