"""One pass over a parsed page that indexes its elements by tag, class, id, itemprop and rel.

CSS selectors through soupsieve walk the whole tree once per selector; the
extractors ask many small questions of the same tree, so they use this index.
Every list is in document order. ``has_class`` tests one element.
"""

from __future__ import annotations

import re
from collections import defaultdict

from bs4 import Tag


_SIMPLE = re.compile(r"([a-z][a-z0-9]*)?((?:\.[\w-]+)*)(?:\[itemprop=([\w-]+)\])?", re.I)


class TagIndex:
    """Elements under ``root`` keyed by name, class token, itemprop, rel and role."""

    def __init__(self, root: Tag):
        self.root = root
        self.order: dict[int, int] = {}
        self.by_name: dict[str, list[Tag]] = defaultdict(list)
        self.by_class: dict[str, list[Tag]] = defaultdict(list)
        self.by_itemprop: dict[str, list[Tag]] = defaultdict(list)
        self.by_rel: dict[str, list[Tag]] = defaultdict(list)
        self.by_role: dict[str, list[Tag]] = defaultdict(list)
        self.by_id: dict[str, Tag] = {}
        for pos, tag in enumerate(root.find_all(True)):
            self.order[id(tag)] = pos
            self.by_name[tag.name].append(tag)
            attrs = tag.attrs
            for cls in attrs.get("class") or ():
                self.by_class[cls].append(tag)
            prop = attrs.get("itemprop")
            if isinstance(prop, str):
                for token in prop.lower().split():
                    self.by_itemprop[token].append(tag)
            ident = attrs.get("id")
            if isinstance(ident, str):
                self.by_id.setdefault(ident, tag)
            role = attrs.get("role")
            if isinstance(role, str):
                self.by_role[role.lower()].append(tag)
            for token in attrs.get("rel") or ():
                self.by_rel[token.lower()].append(tag)

    def classes(self, *names: str) -> list[Tag]:
        """Elements carrying any of the class ``names``, in document order, no duplicates."""
        return self._merge(self.by_class.get(n, []) for n in names)

    def names(self, *names: str) -> list[Tag]:
        """Elements with any of the tag ``names``, in document order."""
        return self._merge(self.by_name.get(n, []) for n in names)

    def select(self, selector: str) -> list[Tag] | None:
        """Elements matching a simple selector (``tag``, ``.a.b``, ``tag.a``, ``[itemprop=x]``) from
        the index, in document order; None for any other selector."""
        m = _SIMPLE.fullmatch(selector.strip())
        if not m:
            return None
        name, classes, prop = m.group(1), [c for c in m.group(2).split(".") if c], m.group(3)
        if prop:
            found = self.by_itemprop.get(prop.lower(), [])
        elif classes:
            found = self.by_class.get(classes[0], [])
        else:
            found = self.by_name.get(name, [])
        return [t for t in found if (not name or t.name == name) and all(c in (t.get("class") or ()) for c in classes)]

    def _merge(self, groups) -> list[Tag]:
        seen: dict[int, Tag] = {}
        for group in groups:
            for tag in group:
                seen.setdefault(id(tag), tag)
        return sorted(seen.values(), key=lambda t: self.order.get(id(t), 0))


def has_class(tag: Tag, *names: str) -> bool:
    """True when ``tag`` carries one of the class ``names``."""
    classes = tag.get("class") or ()
    return any(n in classes for n in names)
