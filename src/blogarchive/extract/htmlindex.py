"""One pass over a parsed page that indexes its elements by tag, class, id, itemprop, rel and role.

XPath and CSS selectors walk the whole tree once per question; the extractors ask many
small questions of the same tree, so they use this index. Every list is in document order.
"""

from __future__ import annotations

import re
from collections import defaultdict

from blogarchive.extract.tree import Element, elements, has_class

__all__ = ["TagIndex", "has_class"]

_SIMPLE = re.compile(r"([a-z][a-z0-9]*)?((?:\.[\w-]+)*)(?:\[itemprop=([\w-]+)\])?", re.I)


class TagIndex:
    """Elements under ``root`` (an lxml tree, :mod:`~blogarchive.extract.tree`) keyed by name,
    class token, itemprop, rel and role."""

    def __init__(self, root: Element):
        self.root = root
        self.order: dict[Element, int] = {}
        self.by_name: dict[str, list[Element]] = defaultdict(list)
        self.by_class: dict[str, list[Element]] = defaultdict(list)
        self.by_itemprop: dict[str, list[Element]] = defaultdict(list)
        self.by_rel: dict[str, list[Element]] = defaultdict(list)
        self.by_role: dict[str, list[Element]] = defaultdict(list)
        self.by_id: dict[str, Element] = {}
        for pos, el in enumerate(elements(root)):
            self.order[el] = pos
            self.by_name[el.tag].append(el)
            for name, value in el.items():
                if name == "class":
                    for token in dict.fromkeys(value.split()):
                        self.by_class[token].append(el)
                elif name == "id":
                    if value:
                        self.by_id.setdefault(value, el)
                elif name == "itemprop":
                    for token in value.lower().split():
                        self.by_itemprop[token].append(el)
                elif name == "role":
                    if value:
                        self.by_role[value.lower()].append(el)
                elif name == "rel":
                    for token in value.lower().split():
                        self.by_rel[token].append(el)

    def classes(self, *names: str) -> list[Element]:
        """Elements carrying any of the class ``names``, in document order, no duplicates."""
        return self.merge(self.by_class.get(n, []) for n in names)

    def names(self, *names: str) -> list[Element]:
        """Elements with any of the tag ``names``, in document order."""
        return self.merge(self.by_name.get(n, []) for n in names)

    def select(self, selector: str) -> list[Element] | None:
        """Elements matching a simple selector (``tag``, ``.a.b``, ``tag.a``, ``[itemprop=x]``) from
        the index, in document order; None for any other selector."""
        m = _SIMPLE.fullmatch(selector.strip())
        if not m:
            return None
        name, wanted, prop = m.group(1), [c for c in m.group(2).split(".") if c], m.group(3)
        if prop:
            found = self.by_itemprop.get(prop.lower(), [])
        elif wanted:
            found = self.by_class.get(wanted[0], [])
        else:
            found = self.by_name.get(name, [])
        return [el for el in found if (not name or el.tag == name) and all(has_class(el, c) for c in wanted)]

    def merge(self, groups) -> list[Element]:
        """The elements of ``groups`` (lists of indexed elements), in document order, no duplicates."""
        groups = [g for g in groups if g]
        if len(groups) == 1:
            return list(groups[0])
        seen: dict[Element, None] = {}
        for group in groups:
            for el in group:
                seen.setdefault(el, None)
        return sorted(seen, key=lambda el: self.order.get(el, 0))
