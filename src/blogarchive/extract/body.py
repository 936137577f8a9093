"""Our own body finder: a platform's post box (:func:`platform_body`), and a scorer that
:meth:`~blogarchive.platforms.base.Platform.body` weighs against trafilatura's method
(:mod:`~blogarchive.extract.maincontent`) on pages without a box.

The scorer's body is the first known content container (``.entry-content``,
``[itemprop=articleBody]``, ``article``, ``main``, …) that holds enough text, or else the
best block by a small readability-like score (paragraph count, text length and commas, less link
text). Boilerplate (navigation, sidebars, comments, share/related/newsletter
widgets, forms, scripts) is removed before scoring and serialising.
"""

from __future__ import annotations

import copy
import re

from bs4 import BeautifulSoup, NavigableString, Tag

from blogarchive.extract.furniture import boilerplate_kind
from blogarchive.extract.htmlindex import TagIndex
from blogarchive.extract.text import normalize_space

# Content containers, most specific first: (kind, value) looked up in a TagIndex.
# The first strong entry with a match of MIN_TEXT_STRONG characters wins (its
# longest match, or all its matches that are siblings of that one); failing
# that, the first weak entry with MIN_TEXT characters. Either loses to the
# scored block when that lies outside it and has several times its text.
CONTENT_CONTAINERS = (
    ("itemprop", "articlebody"),
    ("class", "elementor-widget-theme-post-content"),
    ("class", "entry-content"),
    ("class", "post-content"),
    ("class", "post-body"),
    ("class", "article-body"),
    ("class", "article-content"),
    ("class", "articleBody"),
    ("class", "post-entry"),
    ("class", "blog-post-body"),
    ("class", "story-body"),
    ("class", "content-body"),
    ("class", "body-text"),
    ("class", "hentry"),
    # weak: page regions rather than post bodies; checked against the scored block
    ("main article", ""),
    ("name", "article"),
    ("role", "main"),
    ("name", "main"),
)
WEAK_FROM = 15  # CONTENT_CONTAINERS from here on are weak
MIN_TEXT = 200  # characters a weak container needs
MIN_TEXT_STRONG = 25  # ... and a post-body container (a photo post may have one line)

# Always dropped: never part of a post body.
DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "form", "button", "select",
    "textarea", "input", "nav", "aside", "link", "meta", "object", "embed", "canvas", "dialog",
    "figcaption",
)
# Dropped unless they wrap the content container.
FRAME_TAGS = ("header", "footer")

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_PROTECT = re.compile(r"^(article|main|body|html)$")


def drop_leading_title(body: Tag, title: str) -> None:
    """Remove the post title when it is the first heading of the body (fields keep it)."""
    heading = body.find(["h1", "h2", "h3"])
    if heading is None or normalize_space(heading.get_text(" ")).casefold() != title.casefold():
        return
    for node in heading.previous_elements:
        if node is body:
            break
        if isinstance(node, NavigableString) and node.strip():
            return
    heading.decompose()


def find_body(soup: BeautifulSoup, inplace: bool = False, selectors: tuple[str, ...] = ()) -> Tag | None:
    """The element holding the post body, with boilerplate removed (on a copy unless ``inplace``)."""
    root = soup.body or soup
    if not inplace:
        root = copy.copy(root)
    body = platform_body(root, selectors)
    if body is not None:
        return body
    index = TagIndex(root)
    containers = [containers_of(index, kind, value) for kind, value in CONTENT_CONTAINERS]
    keep: set[int] = set()
    for group in containers:
        for el in group:
            keep.add(id(el))
            keep.update(id(p) for p in el.parents)
    drop_boilerplate(root, keep)
    strong = known_container(containers[:WEAK_FROM], MIN_TEXT_STRONG)
    weak = known_container(containers[WEAK_FROM:], MIN_TEXT) if strong is None else None
    scored = best_scored_block(root)
    container, factor = (strong, 3) if strong is not None else (weak, 2)
    if container is not None and (scored is None or not _much_more_text(scored, container, factor)):
        body = container
    else:
        body = scored
    if isinstance(body, list):
        body = _wrap(body)
    if body is None:
        return None
    drop_boilerplate(body, {id(body)})
    drop_link_lists(body)
    return body


def platform_body(root: Tag, selectors: tuple[str, ...], index: TagIndex | None = None) -> Tag | None:
    """The first of a platform's post-body ``selectors`` that matches text (all its matches,
    in page order), with boilerplate removed in place; None when none matches. ``index``
    (of the page ``root`` is in) answers simple selectors without walking the tree."""
    for selector in selectors:
        found = index.select(selector) if index is not None else None
        if found is None:
            found = root.select(selector)
        found = [el for el in found if normalize_space(el.get_text(" "))]
        if found:
            body = found[0] if len(found) == 1 else _wrap(found)
            drop_boilerplate(body, {id(body)})
            return body
    return None


def containers_of(index: TagIndex, kind: str, value: str) -> list[Tag]:
    """Elements of one CONTENT_CONTAINERS entry."""
    if kind == "class":
        return index.classes(value)
    if kind == "itemprop":
        return index.by_itemprop.get(value, [])
    if kind == "role":
        return index.by_role.get(value, [])
    if kind == "name":
        return index.names(value)
    return [a for a in index.names("article") if a.find_parent("main")]


def _much_more_text(scored: Tag | list[Tag], container: Tag | list[Tag], factor: float) -> bool:
    """The scored block lies outside ``container`` and has ``factor`` times its non-link text."""
    blocks = scored if isinstance(scored, list) else [scored]
    boxes = container if isinstance(container, list) else [container]
    for b in blocks:
        if any(b is box or any(box is p for p in b.parents) for box in boxes):
            return False
    return sum(content_chars(b) for b in blocks) > factor * max(sum(content_chars(c) for c in boxes), 1)


def content_chars(el: Tag) -> float:
    """Length of the text of ``el`` that is not link text."""
    return len(normalize_space(el.get_text(" "))) * (1 - link_density(el))


def known_container(containers: list[list[Tag]], min_text: int) -> Tag | list[Tag] | None:
    """The first container group with an element of ``min_text`` characters: its longest element,
    or, when the body is split into sibling segments (several ``.entry-content``
    or ``article`` children of one parent), all segments in page order."""
    for group in containers:
        sized = [(len(normalize_space(el.get_text(" "))), el) for el in group if not _gone(el)]
        sized = [(n, el) for n, el in sized if n >= min_text]
        if not sized:
            continue
        best = max(sized, key=lambda m: m[0])[1]
        segments = [el for _, el in sized if el.parent is best.parent]
        return segments if len(segments) > 1 else best
    return None


def _wrap(blocks: list[Tag]) -> Tag:
    """One ``div`` holding ``blocks`` (moved out of their tree)."""
    wrapper = BeautifulSoup("<div></div>", "lxml").div
    for block in blocks:
        wrapper.append(block.extract())
    return wrapper


def drop_boilerplate(root: Tag, keep: set[int]) -> None:
    """Remove non-content elements under ``root`` in place, except those whose id() is in ``keep``.

    Removed: DROP_TAGS, hidden elements, comment sections, and ``header``/``footer``
    and elements whose class or id names a boilerplate block (share, related,
    sidebar, …) unless they hold most of the page's paragraph text (themes put
    the post inside ``div.entry.share`` or ``div.row--sidebar`` too).
    """
    for el in root.find_all(DROP_TAGS):
        el.decompose()
    total = paragraph_chars(root)
    for el in root.find_all(True):
        if _gone(el) or id(el) in keep or _PROTECT.match(el.name or ""):
            continue
        kind = "hidden" if _is_hidden(el) else boilerplate_kind(el)
        if kind is None and el.name in FRAME_TAGS:
            kind = "frame"
        if kind is None:
            continue
        if kind in ("frame", "boilerplate") and _holds_content(el, total):
            continue
        el.decompose()


def paragraph_chars(el: Tag) -> int:
    """Characters of text in the ``<p>`` elements under ``el`` (those of 40+ characters)."""
    total = 0
    for p in el.find_all("p"):
        n = len(normalize_space(p.get_text(" ")))
        if n >= 40:
            total += n
    return total


def _holds_content(el: Tag, total: int) -> bool:
    mine = paragraph_chars(el)
    return mine >= 300 and (mine >= 0.9 * total or mine >= 0.5 * total and link_density(el) < 0.35)


def _gone(el: Tag) -> bool:
    """Was ``el`` removed by ``decompose()`` (directly or with an ancestor)?

    Reads bs4's ``_decomposed`` flag from ``__dict__``: the public ``decomposed``
    property goes through ``Tag.__getattr__``, which searches the subtree.
    """
    return bool(el.__dict__.get("_decomposed", False))


def _is_hidden(el: Tag) -> bool:
    return el.has_attr("hidden") or el.get("aria-hidden") == "true" or bool(_HIDDEN_STYLE.search(el.get("style") or ""))


def drop_link_lists(body: Tag) -> None:
    """Remove lists and blocks that are mostly links (related posts, tag clouds) from the body."""
    for el in body.find_all(["ul", "ol", "div", "section", "table"]):
        if el.parent is None or el is body:
            continue
        links = el.find_all("a")
        if len(links) >= 3 and link_density(el) > 0.6:
            el.decompose()


# --------------------------------------------------------------------------- scoring

_PARAGRAPH_TAGS = ("p", "pre", "blockquote", "td", "dd", "li", "h2", "h3")


def best_scored_block(root: Tag) -> Tag | list[Tag] | None:
    """Readability-like choice: score parents of paragraphs; the best one, or it and its good siblings."""
    scores: dict[int, float] = {}
    nodes: dict[int, Tag] = {}
    for para in _paragraphs(root):
        text = normalize_space(para.get_text(" "))
        if len(text) < 25:
            continue
        points = 1 + text.count(",") + min(len(text) // 100, 3)
        for level, ancestor in enumerate(_ancestors(para, 2)):
            key = id(ancestor)
            nodes[key] = ancestor
            scores[key] = scores.get(key, 0.0) + points / (1 + level)
    if not scores:
        return root if normalize_space(root.get_text(" ")) else None
    ranked = sorted(((s * (1 - link_density(nodes[k])), nodes[k]) for k, s in scores.items()),
                    key=lambda item: -item[0])
    top_score, top = ranked[0]
    by_node = {id(node): s for s, node in ranked}
    parent = top.parent
    if parent is None:
        return top
    threshold = max(10.0, top_score * 0.2)
    keep = [sib for sib in parent.children if isinstance(sib, Tag)
            and (sib is top or by_node.get(id(sib), 0) >= threshold)]
    return top if len(keep) == 1 else keep


def _paragraphs(root: Tag):
    """Paragraph-like elements, plus divs that carry text directly (``<br>``-separated posts)."""
    for el in root.find_all(list(_PARAGRAPH_TAGS) + ["div"]):
        if el.name != "div":
            yield el
        elif sum(len(s.strip()) for s in el.find_all(string=True, recursive=False)
                 if isinstance(s, NavigableString)) >= 100:
            yield el


def _ancestors(el: Tag, depth: int):
    node = el.parent
    for _ in range(depth):
        if node is None or node.name in ("[document]", "html"):
            return
        yield node
        node = node.parent


def link_density(el: Tag) -> float:
    """Share of ``el``'s text that sits inside links."""
    total = len(normalize_space(el.get_text(" ")))
    if not total:
        return 0.0
    linked = sum(len(normalize_space(a.get_text(" "))) for a in el.find_all("a"))
    return min(1.0, linked / total)
