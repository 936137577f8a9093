"""A page's parsed tree: lxml's HTML elements, and the few questions every extractor asks of them.

A page is parsed once (:func:`parse`) and that one tree is shared by discovery, platform
detection, page-kind judging, the field extractors, htmldate and trafilatura: building lxml's
tree costs a page about a millisecond, BeautifulSoup's about twenty times that. Its elements are
all ``lxml.html.HtmlElement`` (what trafilatura and htmldate accept), chosen by lxml's C-level
class look-up: ``lxml.html``'s own parser picks a class per tag in Python code for every element
touched, about a tenth of the time of a page's extraction.

lxml keeps text in ``.text`` and ``.tail``, and comments and processing instructions are
nodes whose ``tag`` is not a string; the helpers here hide both. :func:`text` reads what a
reader sees: the text of scripts, styles and templates is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from copy import deepcopy
from functools import lru_cache
from html import escape

import threading

import lxml.etree
import lxml.html
from lxml.cssselect import CSSSelector

Element = lxml.html.HtmlElement

# elements whose text a reader never sees as text
HIDDEN_TEXT = frozenset({"script", "style", "template"})
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_EMPTY = "<html><head></head><body></body></html>"


def parse(source: str | bytes) -> Element:
    """The page as an lxml tree rooted at ``<html>`` (an empty page for a document lxml
    cannot read: nothing, or only a comment)."""
    if isinstance(source, str):
        source = _XML_DECLARATION.sub("", source, count=1)   # lxml refuses str with an encoding declaration
    parser = _parser()
    try:
        root = lxml.etree.fromstring(source, parser)
    except (lxml.etree.ParserError, ValueError):
        root = None
    if root is None:
        root = lxml.etree.fromstring(_EMPTY, parser)
    return root


_local = threading.local()


def _parser() -> lxml.etree.HTMLParser:
    """This thread's HTML parser (lxml's parsers are not shared between threads)."""
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = lxml.etree.HTMLParser(default_doctype=False)
        parser.set_element_class_lookup(lxml.etree.ElementDefaultClassLookup(
            element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity))
    return parser


def is_element(node) -> bool:
    """An element, not a comment or processing instruction."""
    return isinstance(node.tag, str)


def elements(root: Element) -> Iterator[Element]:
    """``root`` and every element under it, in document order (no comments)."""
    return root.iter(lxml.etree.Element)


def descendants(root: Element, *names: str) -> Iterator[Element]:
    """Elements under ``root`` (not ``root`` itself), all or those named ``names``, in document order."""
    return root.iterdescendants(*names) if names else root.iterdescendants(lxml.etree.Element)


def body_of(root: Element) -> Element:
    """The ``<body>`` of a page tree (the tree itself when it has none)."""
    body = root.find("body")
    return body if body is not None else root


def classes(el: Element) -> list[str]:
    """The element's class tokens."""
    return (el.get("class") or "").split()


def has_class(el: Element, *names: str) -> bool:
    """True when ``el`` carries one of the class ``names``."""
    tokens = classes(el)
    return any(n in tokens for n in names)


_VISIBLE_STRINGS = lxml.etree.XPath(
    "descendant::text()[not(ancestor::script or ancestor::style or ancestor::template)]", smart_strings=False)


def strings(el: Element) -> list[str]:
    """The text pieces under ``el`` in document order, without those of scripts, styles,
    templates and comments."""
    return [] if el.tag in HIDDEN_TEXT else _VISIBLE_STRINGS(el)


def text(el: Element, sep: str = " ") -> str:
    """The visible text under ``el``, pieces joined by ``sep`` (not normalised)."""
    return sep.join(strings(el))


def parent_named(el: Element, *names: str) -> Element | None:
    """The nearest ancestor named one of ``names``."""
    for parent in el.iterancestors(*names):
        return parent
    return None


def parent_with_class(el: Element, *names: str) -> Element | None:
    """The nearest ancestor carrying one of the class ``names``."""
    for parent in el.iterancestors():
        if has_class(parent, *names):
            return parent
    return None


def is_inside(el: Element, box: Element) -> bool:
    """``el`` is ``box`` or under it."""
    return el is box or any(parent is box for parent in el.iterancestors())


def remove(el: Element) -> None:
    """Take ``el`` and what is under it out of its tree; the text after it stays."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        before = el.getprevious()
        if before is not None:
            before.tail = (before.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def is_removed(el: Element, root: Element) -> bool:
    """``el`` no longer hangs under ``root`` (it, or an ancestor, was removed)."""
    return not is_inside(el, root)


def wrap(blocks: Iterable[Element]) -> Element:
    """One new ``div`` holding copies of ``blocks``, in order (the page keeps its own)."""
    wrapper = lxml.html.Element("div")
    for block in blocks:
        copied = deepcopy(block)
        copied.tail = None
        wrapper.append(copied)
    return wrapper


def outer_html(el: Element) -> str:
    """``el`` serialised, without the text that follows it."""
    return lxml.html.tostring(el, encoding="unicode", with_tail=False)


def inner_html(el: Element) -> str:
    """What is inside ``el``, serialised."""
    return escape(el.text or "", quote=False) + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in el)


@lru_cache(maxsize=256)
def _selector(css: str) -> CSSSelector:
    return CSSSelector(css, translator="html")


def select(root: Element, css: str) -> list[Element]:
    """Elements under ``root`` (or ``root``) matching the CSS selector ``css``, in document order."""
    return _selector(css)(root)


def select_one(root: Element, css: str) -> Element | None:
    """The first element matching ``css``."""
    found = _selector(css)(root)
    return found[0] if found else None
