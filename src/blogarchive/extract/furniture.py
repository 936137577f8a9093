"""Page furniture: the one description of what on a page is not the post.

Class and id tokens name it: reader comments (``#comments``, ``.comment-list``,
Disqus), and boilerplate blocks (navigation, sidebars, widgets, share bars,
related posts, newsletter boxes, author bios, post meta). ``in_comments`` and
``in_furniture`` test an element's ancestors; ``boilerplate_kind`` names what
one element is, for the body extractor.
"""

from __future__ import annotations

import re
from functools import lru_cache

from blogarchive.extract.tree import Element, parent_named

# whole words of a token ("comment" in "comment-list"), or distinctive substrings anywhere in a token
_COMMENT_WORDS = "comments?|comment-?list|commentlist|comments-area|respond|replies|disqus_thread"
COMMENT_TOKEN = re.compile(rf"(?:^|[-_])(?:{_COMMENT_WORDS})(?:[-_]|$)|disqus|kommentar", re.I)
# a looser test that every class or id COMMENT_TOKEN matches passes (for a quick first sift)
COMMENT_HINT = "comment|respond|repl|disqus|kommentar"
_SIDE_WORDS = "sidebar|sidecol|widgets?|related|blogroll|menu|nav|navigation|navbar"
SIDE_TOKEN = re.compile(rf"(?:^|[-_])(?:{_SIDE_WORDS})(?:[-_]|$)|sidebar|relatedposts", re.I)
_BOILER_WORDS = (
    f"{_COMMENT_WORDS}|{_SIDE_WORDS}|share|shares|sharing|"
    "social|socials|newsletter|subscribe|subscription|breadcrumbs?|cookies?|"
    "banner|ad|ads|advert|advertisement|sponsor|sponsored|promo|pagination|pager|popup|modal|signup|"
    "author-?bio|author-?box|about-?author|bio|footer|header|masthead|toolbar|cat-links|"
    "tags-links|tag-links|post-tags|entry-tags|post-categories|entry-meta|post-meta|entry-footer|"
    "meta|byline|dateline|skip-link|screen-reader-text|sr-only|visually-hidden|gdpr|consent|"
    "recommended|read-more|more-stories|teaser|toc|table-of-contents|outbrain|taboola|donate|rating|jump|backlink|"
    "caption|wp-caption-text|credits?|photo-credit|image-credit|copyright"
)
BOILER_TOKEN = re.compile(
    rf"(?:^|[-_])(?:{_BOILER_WORDS})(?:[-_]|$)|disqus|sharedaddy|relatedposts|yarpp|addtoany|a2a_|shariff",
    re.I,
)
# WordPress post_class() puts term slugs on the article: "tag-social", "category-news".
_SLUG_TOKEN = re.compile(r"^(category|tag|post_tag|format|type|status|postid|post|author|label)-", re.I)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_TOP = ("body", "html", "[document]")


def class_tokens(el: Element) -> list[str]:
    """An element's class tokens and id, camelCase split ("relatedPosts" → "related-Posts"),
    without WordPress's term-slug classes."""
    tokens = [t for t in (el.get("class") or "").split() if not _SLUG_TOKEN.match(t)]
    if el.get("id"):
        tokens.append(el.get("id"))
    return [_CAMEL.sub("-", t) for t in tokens]


def boilerplate_kind(el: Element) -> str | None:
    """``"comments"``, ``"boilerplate"`` or None for one element."""
    classes, ident = el.get("class"), el.get("id")
    if not classes and not ident:
        return None
    kinds = (_kind(classes) if classes else None, _kind(ident, True) if ident else None)
    return "comments" if "comments" in kinds else "boilerplate" if "boilerplate" in kinds else None


tree_kind = boilerplate_kind


@lru_cache(maxsize=8192)
def _kind(value: str, is_id: bool = False) -> str | None:
    """The kind an element's class attribute (or its id) names. Pages repeat them, and every
    element's ancestors are asked about: cached on the attribute's text."""
    tokens = [value] if is_id else [t for t in value.split() if not _SLUG_TOKEN.match(t)]
    tokens = [_CAMEL.sub("-", t) for t in tokens]
    if any(COMMENT_TOKEN.search(t) for t in tokens):
        return "comments"
    if any(BOILER_TOKEN.search(t) for t in tokens):
        return "boilerplate"
    return None


def in_comments(el: Element) -> bool:
    """Inside a reader-comments section (``#comments``, ``.comment-list``, …)."""
    for parent in el.iterancestors():
        if parent.tag in _TOP:
            return False
        if parent.tag not in ("article", "main") and boilerplate_kind(parent) == "comments":
            return True
    return False


def in_furniture(el: Element) -> bool:
    """Inside navigation, a sidebar, a widget, related posts or the page's own footer (not a post's)."""
    for parent in el.iterancestors():
        tag = parent.tag
        if tag in ("article", "main") or tag in _TOP:
            return False
        if tag in ("nav", "aside") or (tag == "footer" and parent_named(parent, "article", "main") is None):
            return True
        if (parent.get("class") or parent.get("id")) and any(SIDE_TOKEN.search(t) for t in class_tokens(parent)):
            return True
    return False
