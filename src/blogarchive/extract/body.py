"""Our own body finder: a platform's post box (:func:`platform_boxes`, :func:`platform_body`), and a scorer that
:meth:`~blogarchive.platforms.base.Platform.body` weighs against trafilatura's method
(:mod:`~blogarchive.extract.maincontent`) on pages without a box.

The scorer's body is the first known content container (``.entry-content``,
``[itemprop=articleBody]``, ``article``, ``main``, …) that holds enough text, or else the
best block by a small readability-like score (paragraph count, text length and commas, less link
text). Boilerplate (navigation, sidebars, comments, share/related/newsletter
widgets, forms, scripts) is removed before scoring and serialising.

It works on lxml elements (:mod:`~blogarchive.extract.tree`) and prunes them in place. It is
on every page's path, so it reads the tree sparingly: one XPath sifts out the containers,
what each element is (:func:`_drop_kind`) is worked out once, and one :class:`_Lengths` per
call reads each element's text once, however often the scorer asks about it (a block, its
links, its paragraphs, its parent).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator
from itertools import islice

import lxml.etree

from blogarchive.extract import tree
from blogarchive.extract.furniture import boilerplate_kind
from blogarchive.extract.htmlindex import TagIndex
from blogarchive.extract.text import normalize_space
from blogarchive.extract.tree import Element

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

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_PROTECT = frozenset({"article", "main", "body", "html"})
_LINK_LIST_TAGS = ("ul", "ol", "div", "section", "table")
_PARAGRAPH_TAGS = ("p", "pre", "blockquote", "td", "dd", "li", "h2", "h3")

# where each kind of CONTENT_CONTAINERS entry sits in it
_CLASS_AT = {value: at for at, (kind, value) in enumerate(CONTENT_CONTAINERS) if kind == "class"}
_NAME_AT = {value: at for at, (kind, value) in enumerate(CONTENT_CONTAINERS) if kind == "name"}
_ITEMPROP_AT = CONTENT_CONTAINERS.index(("itemprop", "articlebody"))
_ROLE_AT = CONTENT_CONTAINERS.index(("role", "main"))
_MAIN_ARTICLE_AT = CONTENT_CONTAINERS.index(("main article", ""))
# pieces of the container classes (content, entry, body, Body): a quick first sift of class values
_CLASS_HINTS = ("ent", "ody") + tuple(c for c in _CLASS_AT if "ent" not in c and "ody" not in c)
_CONTAINER_CANDIDATES = lxml.etree.XPath(
    "descendant::*/@class[{}]/.. | descendant::*/@itemprop/.. | descendant::*/@role/.. "
    "| descendant::article | descendant::main".format(" or ".join(f"contains(., '{h}')" for h in _CLASS_HINTS))
)

# the text nodes under an element (its descendants' tails too, not its own), in document order
_TEXT_NODES = lxml.etree.XPath("descendant::text()", smart_strings=False)
_UNKNOWN = object()


def drop_leading_title(body: Element, title: str) -> None:
    """Remove the post title when it is the first heading of the element ``body`` and no text
    comes before it there (the fields keep the title)."""
    heading = next(body.iterdescendants("h1", "h2", "h3"), None)
    if heading is None or normalize_space(tree.text(heading)).casefold() != title.casefold():
        return
    if not _text_before(heading, body):
        tree.remove(heading)


def _text_before(el: Element, box: Element) -> bool:
    """Non-blank text comes before ``el`` inside ``box``: any text in source order, that of
    comments and scripts too."""
    ancestors = set(el.iterancestors())
    for node in box.iter():                 # comments and processing instructions too
        if node is el:
            return False
        if node.text and node.text.strip():
            return True
        if node.tail and node not in ancestors and node.tail.strip():
            return True                     # an ancestor's tail comes after el
    return False


def find_body(page: Element, inplace: bool = False) -> Element | None:
    """The element holding the post body of the lxml page tree ``page`` (its ``<html>``, or its
    ``<body>``), with boilerplate removed: in the page itself when ``inplace``, else in a copy.
    A body of several sibling blocks comes back as copies of them inside one new ``div``."""
    root = tree.body_of(page)
    if not inplace:
        root = copy.deepcopy(root)
    containers = _containers(root)
    lengths, kinds = _Lengths(), {}
    drop_boilerplate(root, _with_ancestors(containers), lengths, kinds)
    containers = [[el for el in group if not tree.is_removed(el, root)] for group in containers]
    body = _choose(root, containers, lengths)
    if body is None:
        return None
    if isinstance(body, list):
        body = tree.wrap(body)
    drop_boilerplate(body, {body}, lengths, kinds)
    drop_link_lists(body, lengths)
    return body


def _choose(root: Element, containers: list[list[Element]],
            lengths: _Lengths) -> Element | list[Element] | None:
    """The body under ``root``, a pruned page: a known container, unless the scored block
    lies outside it and has several times its text."""
    strong = known_container(containers[:WEAK_FROM], MIN_TEXT_STRONG, lengths)
    weak = known_container(containers[WEAK_FROM:], MIN_TEXT, lengths) if strong is None else None
    scored = best_scored_block(root, lengths)
    container, factor = (strong, 3) if strong is not None else (weak, 2)
    if container is not None and (scored is None or not _much_more_text(scored, container, factor, lengths)):
        return container
    return scored


def platform_boxes(root: Element, selectors: tuple[str, ...], index: TagIndex | None = None) -> list[Element]:
    """The elements, in page order, of the first of a platform's post-body ``selectors`` that
    matches an element with text under ``root`` (none when none does; the tree is not changed).
    ``index`` (of the page ``root`` is in) answers simple selectors without walking the tree."""
    for selector in selectors:
        found = [el for el in _matches(root, selector, index) if _has_text(el)]
        if found:
            return found
    return []


def platform_body(boxes: list[Element]) -> Element:
    """The post body that a platform's ``boxes`` (:func:`platform_boxes`) hold: the one box, or
    copies of them inside one new ``div``, with boilerplate removed in place."""
    body = boxes[0] if len(boxes) == 1 else _wrap(boxes)
    drop_boilerplate(body, {body})
    return body


def _matches(root: Element, selector: str, index: TagIndex | None) -> list[Element]:
    """Elements matching the CSS ``selector``: from ``index`` when it is simple, else those under ``root``."""
    found = index.select(selector) if index is not None else None
    if found is None:
        found = [el for el in tree.select(root, selector) if el is not root]
    return found


def _wrap(blocks: list[Element]) -> Element:
    """One new ``div`` holding copies of ``blocks``, less those inside an earlier one: its copy
    holds them already, where they stand in the page."""
    outer: list[Element] = []
    for block in blocks:
        if not any(tree.is_inside(block, box) for box in outer):
            outer.append(block)
    return tree.wrap(outer)


def _has_text(el: Element) -> bool:
    """Some visible text under ``el``."""
    return any(s.strip() for s in tree.strings(el))


# --------------------------------------------------------------------------- containers


def containers_of(index: TagIndex, kind: str, value: str) -> list[Element]:
    """Elements of one CONTENT_CONTAINERS entry, from a :class:`TagIndex`."""
    if kind == "class":
        return index.classes(value)
    if kind == "itemprop":
        return index.by_itemprop.get(value, [])
    if kind == "role":
        return index.by_role.get(value, [])
    if kind == "name":
        return index.names(value)
    return [a for a in index.names("article") if tree.parent_named(a, "main") is not None]


def _containers(root: Element) -> list[list[Element]]:
    """The elements under ``root`` of each CONTENT_CONTAINERS entry, in document order, as
    :func:`containers_of` finds them (one XPath sifts them out: cheaper than a whole index)."""
    groups: list[list[Element]] = [[] for _ in CONTENT_CONTAINERS]
    for el in _CONTAINER_CANDIDATES(root):
        at = _NAME_AT.get(el.tag)
        if at is not None:
            groups[at].append(el)
        get = el.get
        cls, prop, role = get("class"), get("itemprop"), get("role")
        if cls:
            for at in {_CLASS_AT[t] for t in cls.split() if t in _CLASS_AT}:
                groups[at].append(el)
        if prop:
            groups[_ITEMPROP_AT].extend(el for token in prop.lower().split() if token == "articlebody")
        if role and role.lower() == "main":
            groups[_ROLE_AT].append(el)
    articles = groups[_NAME_AT["article"]]
    groups[_MAIN_ARTICLE_AT] = [a for a in articles if tree.parent_named(a, "main") is not None]
    return groups


def _with_ancestors(groups: list[list[Element]]) -> set[Element]:
    """The elements of ``groups`` and all their ancestors."""
    found: set[Element] = set()
    for group in groups:
        for el in group:
            if el not in found:
                found.add(el)
                found.update(el.iterancestors())
    return found


def known_container(containers: list[list[Element]], min_text: int,
                    lengths: _Lengths | None = None) -> Element | list[Element] | None:
    """The first container group with an element of ``min_text`` characters: its longest element,
    or, when the body is split into sibling segments (several ``.entry-content``
    or ``article`` children of one parent), all segments in page order."""
    lengths = lengths if lengths is not None else _Lengths(visible=True)
    for group in containers:
        sized = [(n, el) for el in group if (n := lengths.of(el)) >= min_text]
        if not sized:
            continue
        best = max(sized, key=lambda m: m[0])[1]
        parent = best.getparent()
        segments = [el for _, el in sized if el.getparent() is parent]
        return segments if len(segments) > 1 else best
    return None


def _much_more_text(scored: Element | list[Element], container: Element | list[Element], factor: float,
                    lengths: _Lengths) -> bool:
    """The scored block lies outside ``container`` and has ``factor`` times its non-link text."""
    blocks = scored if isinstance(scored, list) else [scored]
    boxes = container if isinstance(container, list) else [container]
    for b in blocks:
        if any(tree.is_inside(b, box) for box in boxes):
            return False
    mine = sum(lengths.content_chars(b) for b in blocks)
    return mine > factor * max(sum(lengths.content_chars(c) for c in boxes), 1)


# --------------------------------------------------------------------------- pruning


def drop_boilerplate(root: Element, keep: set[Element], lengths: _Lengths | None = None,
                     kinds: dict[Element, str | None] | None = None) -> None:
    """Remove non-content elements under ``root`` in place, except those in ``keep``.

    Removed: DROP_TAGS, hidden elements, comment sections, and ``header``/``footer``
    and elements whose class or id names a boilerplate block (share, related,
    sidebar, …) unless they hold most of the page's paragraph text (themes put
    the post inside ``div.entry.share`` or ``div.row--sidebar`` too). ``kinds`` keeps what
    :func:`_drop_kind` said of each element, for the next pass over the same elements.
    """
    lengths = lengths if lengths is not None else _Lengths()
    kinds = kinds if kinds is not None else {}
    lengths.strip(root, DROP_TAGS)
    total = lengths.paragraph_chars(root)
    for el in _pruning_walk(root):
        if el in keep:
            continue
        kind = kinds.get(el, _UNKNOWN)
        if kind is _UNKNOWN:
            kind = kinds[el] = _drop_kind(el)
        if kind is None or kind in ("frame", "boilerplate") and _holds_content(el, total, lengths):
            continue
        lengths.drop(el)


def _drop_kind(el: Element) -> str | None:
    """Why ``el`` would be dropped: ``"hidden"``, ``"comments"``, ``"boilerplate"``, ``"frame"``;
    None when it stays."""
    tag = el.tag
    if tag in _PROTECT:
        return None
    items = el.items()
    if items:
        attrs = dict(items)
        style = attrs.get("style")
        if "hidden" in attrs or attrs.get("aria-hidden") == "true" or style and _HIDDEN_STYLE.search(style):
            return "hidden"
        cls, ident = attrs.get("class"), attrs.get("id")
        kind = _boilerplate_kind(el, cls, ident) if cls or ident else None
        if kind is not None:
            return kind
    return "frame" if tag in FRAME_TAGS else None


_CLASS_KINDS: dict[str, str | None] = {}


def _boilerplate_kind(el: Element, cls: str | None, ident: str | None) -> str | None:
    """:func:`boilerplate_kind` of ``el``, whose class and id are ``cls`` and ``ident``;
    remembered by class for elements without an id (pages, and sites, repeat classes)."""
    if ident:
        return boilerplate_kind(el)
    if cls not in _CLASS_KINDS:
        if len(_CLASS_KINDS) > 8192:
            _CLASS_KINDS.clear()
        _CLASS_KINDS[cls] = boilerplate_kind(el)
    return _CLASS_KINDS[cls]


def _pruning_walk(root: Element, *names: str) -> Iterator[Element]:
    """The elements under ``root`` (those named ``names``, or all) in document order, as they
    were when the walk began; after the caller removes one it was given, none of those under it."""
    found = list(tree.descendants(root, *names))
    at = 0
    while at < len(found):
        el = found[at]
        at += 1
        yield el
        if el.getparent() is None:              # removed: its subtree follows it in ``found``
            at += sum(1 for _ in tree.descendants(el, *names))


def paragraph_chars(el: Element) -> int:
    """Characters of text in the ``<p>`` elements under ``el`` (those of 40+ characters)."""
    return _Lengths(visible=True).paragraph_chars(el)


def _holds_content(el: Element, total: int, lengths: _Lengths) -> bool:
    mine = lengths.paragraph_chars(el)
    return mine >= 300 and (mine >= 0.9 * total or mine >= 0.5 * total and lengths.link_density(el) < 0.35)


def drop_link_lists(body: Element, lengths: _Lengths | None = None) -> None:
    """Remove lists and blocks that are mostly links (related posts, tag clouds) from the element ``body``."""
    lengths = lengths if lengths is not None else _Lengths(visible=True)
    for el in _pruning_walk(body, *_LINK_LIST_TAGS):
        if _at_least(el.iterdescendants("a"), 3) and lengths.link_density(el) > 0.6:
            lengths.drop(el)


def _at_least(items: Iterable, n: int) -> bool:
    return sum(1 for _ in islice(items, n)) >= n


# --------------------------------------------------------------------------- scoring


def best_scored_block(root: Element, lengths: _Lengths | None = None) -> Element | list[Element] | None:
    """Readability-like choice: score parents of paragraphs; the best one, or it and its good siblings."""
    lengths = lengths if lengths is not None else _Lengths(visible=True)
    scores = _paragraph_scores(root, lengths)
    if not scores:
        return root if _has_text(root) else None
    ranked = sorted(((s * (1 - lengths.link_density(node)), node) for node, s in scores.items()),
                    key=lambda item: -item[0])
    top_score, top = ranked[0]
    parent = top.getparent()
    if parent is None:
        return top
    by_node = {node: s for s, node in ranked}
    threshold = max(10.0, top_score * 0.2)
    keep = [sib for sib in parent
            if tree.is_element(sib) and (sib is top or by_node.get(sib, 0) >= threshold)]
    return top if len(keep) == 1 else keep


def _paragraph_scores(root: Element, lengths: _Lengths) -> dict[Element, float]:
    """Parents and grandparents of paragraphs, with the points their paragraphs give them."""
    scores: dict[Element, float] = {}
    for para in _paragraphs(root):
        text = lengths.text(para)
        if len(text) < 25:
            continue
        points = 1 + text.count(",") + min(len(text) // 100, 3)
        for level, ancestor in enumerate(_ancestors(para, 2)):
            scores[ancestor] = scores.get(ancestor, 0.0) + points / (1 + level)
    return scores


def _paragraphs(root: Element) -> Iterator[Element]:
    """Paragraph-like elements, plus divs that carry text directly (``<br>``-separated posts)."""
    for el in root.iterdescendants(*_PARAGRAPH_TAGS, "div"):
        if el.tag != "div" or _own_chars(el) >= 100:
            yield el


def _own_chars(el: Element) -> int:
    """Characters of the text pieces directly inside ``el``, each stripped (a comment's count)."""
    n = len(el.text.strip()) if el.text else 0
    for child in el:
        if child.tail:
            n += len(child.tail.strip())
        if child.text and not isinstance(child.tag, str):
            n += len(child.text.strip())
    return n


def _ancestors(el: Element, depth: int) -> Iterator[Element]:
    node = el.getparent()
    for _ in range(depth):
        if node is None or node.tag == "html":
            return
        yield node
        node = node.getparent()


def link_density(el: Element) -> float:
    """Share of ``el``'s text that sits inside links."""
    return _Lengths(visible=True).link_density(el)


def content_chars(el: Element) -> float:
    """Length of the text of ``el`` that is not link text."""
    return _Lengths(visible=True).content_chars(el)


class _Lengths:
    """The whitespace-normalised text of elements, each read once, for one run of the body
    finder: the pieces of text joined by spaces, as :func:`tree.text` joins them.

    Removing an element through :meth:`drop` or :meth:`strip` forgets the text of those it
    changes. With ``visible``, text is read as :func:`tree.text` reads it; without, every
    text node is read (faster), for trees without scripts, styles and templates: those
    :meth:`strip` of DROP_TAGS has pruned, as every pass here does first.
    """

    def __init__(self, visible: bool = False):
        self.visible = visible
        self.texts: dict[Element, str] = {}

    def text(self, el: Element) -> str:
        """``el``'s text, whitespace normalised."""
        found = self.texts.get(el)
        if found is None:
            pieces = tree.strings(el) if self.visible else self._pieces(el) or _TEXT_NODES(el)
            found = self.texts[el] = " ".join(" ".join(pieces).split())
        return found

    def _pieces(self, el: Element) -> list[str] | None:
        """``el``'s text in pieces, from the known text of its children, when each child's is
        known or it holds no elements (cheaper than an XPath call); else None."""
        pieces = [el.text or ""]
        texts = self.texts
        for child in el:
            if isinstance(child.tag, str):          # not a comment
                known = texts.get(child)
                if known is None:
                    if len(child):
                        return None
                    known = child.text or ""
                pieces.append(known)
            if child.tail:
                pieces.append(child.tail)
        return pieces

    def of(self, el: Element) -> int:
        """Length of ``el``'s normalised text."""
        return len(self.text(el))

    def link_density(self, el: Element) -> float:
        """Share of ``el``'s text that sits inside links."""
        total = self.of(el)
        if not total:
            return 0.0
        linked = sum(self.of(a) for a in el.iterdescendants("a"))
        return min(1.0, linked / total)

    def content_chars(self, el: Element) -> float:
        """Length of the text of ``el`` that is not link text."""
        return self.of(el) * (1 - self.link_density(el))

    def paragraph_chars(self, el: Element) -> int:
        """Characters of text in the ``<p>`` elements under ``el`` (those of 40+ characters)."""
        total = 0
        for p in el.iterdescendants("p"):
            n = self.of(p)
            if n >= 40:
                total += n
        return total

    def drop(self, el: Element) -> None:
        """Remove ``el`` from its tree (the text after it stays)."""
        for parent in el.iterancestors():
            self.texts.pop(parent, None)
        tree.remove(el)

    def strip(self, root: Element, names: tuple[str, ...]) -> None:
        """Remove the elements named ``names`` under ``root`` (the text after each stays)."""
        if next(root.iterdescendants(*names), None) is not None:
            lxml.etree.strip_elements(root, *names, with_tail=False)
            self.texts.clear()
