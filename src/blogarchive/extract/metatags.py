"""``<meta>`` values of a page (OpenGraph, ``article:*``, ``name=author``, Twitter labels, …)."""

from __future__ import annotations

import html

from blogarchive.extract.htmlindex import TagIndex
from blogarchive.extract.text import normalize_space


def meta_values(index: TagIndex) -> dict[str, list[str]]:
    """``<meta>`` contents keyed by lower-cased ``property``/``name``/``itemprop``, in page order."""
    values: dict[str, list[str]] = {}
    for tag in index.names("meta"):
        content = tag.get("content")
        if content is None:
            continue
        content = normalize_space(html.unescape(content))  # "&amp;amp;" written by double-escaping CMSs
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = tag.get(attr)
            if isinstance(key, str) and key:
                values.setdefault(key.strip().lower(), []).append(content)
    return values


def first_meta(meta: dict[str, list[str]], *keys: str) -> str | None:
    """The first value of the first of ``keys`` present in ``meta``."""
    for key in keys:
        if meta.get(key):
            return meta[key][0]
    return None
