"""Plain text from HTML, the same way everywhere.

Rules: ``<br>`` ends a line; a block element (p, div, h1-h6, li, blockquote, …)
starts and ends a paragraph (so list items are paragraphs too); paragraphs are separated by one blank line;
whitespace inside a line collapses to one space; lines are stripped.
``normalize_space`` and ``unique_names`` tidy short values (titles, names, terms).
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

BLOCK_TAGS = frozenset(
    "address article aside blockquote dd details div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody thead "
    "tfoot tr td th ul".split()
)
SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "svg", "button", "select", "textarea"})

_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")
_BREAKS = re.compile(r"\n{3,}")


def html_to_text(html: str) -> str:
    """Return the plain text of an HTML fragment, read with lxml."""
    if not html.strip():
        return ""
    parts: list[str] = []
    try:
        _walk(lxml.html.fragment_fromstring(html, create_parent="div"), parts)
    except lxml.etree.ParserError:
        return ""
    raw = "".join(parts)
    lines = [_SPACES.sub(" ", line).strip() for line in raw.split("\n")]
    return _BREAKS.sub("\n\n", "\n".join(lines)).strip()


def _walk(el, parts: list[str]) -> None:
    """The text of an lxml element: its text, then each child and the child's tail."""
    if el.text:
        parts.append(el.text.replace("\n", " "))
    for child in el:
        name = child.tag.lower() if isinstance(child.tag, str) else None
        if name is None or name in SKIP_TAGS:
            pass                              # a comment or processing instruction, or skipped
        elif name == "br":
            parts.append("\n")
        elif name in BLOCK_TAGS:
            parts.append("\n\n")
            _walk(child, parts)
            parts.append("\n\n")
        else:
            _walk(child, parts)
        if child.tail:
            parts.append(child.tail.replace("\n", " "))


def normalize_space(value: str | None) -> str:
    """Collapse every run of whitespace to one space and strip."""
    return " ".join((value or "").split())


def unique_names(items) -> list[str]:
    """Items without empties and case-insensitive repeats, stripped of decorative quotes and ``#``."""
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        item = (item or "").strip(" \"'„“”«»‚‘’#")
        key = item.casefold() if item else ""
        if item and key not in seen:
            seen.add(key)
            out.append(item)
    return out
