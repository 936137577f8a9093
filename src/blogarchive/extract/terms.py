"""Categories and tags of a post page: term-link markup, then JSON-LD and ``<meta>``."""

from __future__ import annotations

import re

from blogarchive.extract.furniture import in_comments, in_furniture
from blogarchive.extract.htmlindex import TagIndex
from blogarchive.extract.jsonld import JsonLdArticle, jsonld_terms
from blogarchive.extract.metatags import first_meta
from blogarchive.extract.text import normalize_space, unique_names
from blogarchive.extract.tree import Element, is_inside, parent_named, parent_with_class, text

_CATEGORY_CONTAINERS = ("cat-links", "taxonomy-category", "post-categories", "entry-categories",
                        "post-labels", "categories-links")
_CATEGORY_HREF = re.compile(r"/(?:category|categories|topics?|kategorie|rubrik)/[^/?#]+|/categories/?#.+")
_TAG_HREF = re.compile(r"/(?:tag|tags)/[^/?#]+|/tags/?#.+")
_TAG_CONTAINERS = ("tags-links", "taxonomy-post_tag", "post-tags", "entry-tags", "tag-links", "post-tag")


def find_categories(index: TagIndex, ld: JsonLdArticle | None,
                    meta: dict[str, list[str]]) -> tuple[list[str], str | None]:
    """``.cat-links``/``.taxonomy-category``/``rel~=category``/Blogger labels > JSON-LD ``articleSection``
    > ``article:section`` (not on Hugo sites), and their source."""
    names = _links_in_first(index.classes(*_CATEGORY_CONTAINERS))
    if not names:
        names = _sibling_links([a for a in index.by_rel.get("category", []) if a.tag == "a"])
    if not names:
        names = _linked_terms(index, _CATEGORY_HREF)
    if names:
        return names, "markup"
    if ld:
        names = jsonld_terms(ld.node.get("articleSection"))
        if names:
            return names, "json-ld"
    if "hugo" not in (first_meta(meta, "generator") or "").lower():
        names = unique_names(meta.get("article:section", []))
    return names, "meta" if names else None


def find_tags(index: TagIndex, ld: JsonLdArticle | None,
              meta: dict[str, list[str]]) -> tuple[list[str], str | None]:
    """``.tags-links``/``rel=tag`` links (not categories) > ``article:tag`` > JSON-LD ``keywords``,
    and their source."""
    names = _links_in_first(index.classes(*_TAG_CONTAINERS), skip=_CATEGORY_HREF)
    if not names:
        links = [a for a in index.by_rel.get("tag", []) if a.tag == "a"
                 and "category" not in (a.get("rel") or "").lower().split()
                 and parent_with_class(a, *_CATEGORY_CONTAINERS) is None]
        names = _sibling_links(links)
    if not names:
        names = _linked_terms(index, _TAG_HREF)
    if names:
        return names, "markup"
    names = unique_names(meta.get("article:tag", []))
    if names:
        return names, "meta"
    names = jsonld_terms(ld.node.get("keywords")) if ld else []
    return names, "json-ld" if names else None


def _linked_terms(index: TagIndex, href: re.Pattern) -> list[str]:
    """Texts of the links to term archives (``/category/x``, ``/tags/x/``) that sit together in the
    post's own meta area, not in navigation, a sidebar or comments."""
    links = [a for a in index.names("a") if href.search(a.get("href") or "")
             and parent_named(a, "nav", "aside", "header") is None and not in_furniture(a)]
    return _sibling_links(links)


def _links_in_first(boxes: list[Element], skip: re.Pattern | None = None) -> list[str]:
    """Link texts of the first box (in page order) that has links and is not in comments
    (without links whose href matches ``skip``: a category link in a tag line)."""
    for box in boxes:
        if in_comments(box):
            continue
        names = unique_names(normalize_space(text(a)) for a in box.iterdescendants("a")
                             if not (skip and skip.search(a.get("href") or "")))
        if names:
            return names
    return []


def _sibling_links(links: list[Element]) -> list[str]:
    """Texts of the links that share a container with the first one (one post's term list)."""
    links = [a for a in links if not in_comments(a)]
    if not links:
        return []
    box = links[0].getparent()
    while box is not None and box.tag in ("li", "span", "em", "strong") and box.getparent() is not None:
        box = box.getparent()
    return unique_names(normalize_space(text(a)) for a in links if box is not None and a is not box
                        and is_inside(a, box))
