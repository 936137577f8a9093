"""JSON-LD on a post page: the article node, ``@id`` references, names and terms.

``@graph`` and top-level arrays are flattened; hand-written JSON with HTML
comment wrappers or trailing commas is read too.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from blogarchive.extract.htmlindex import TagIndex
from blogarchive.extract.text import normalize_space, unique_names

_ARTICLE_TYPE = re.compile(r"(Article|Posting|Report)$")
_PAGE_TYPE = re.compile(r"(WebPage|ItemPage|AboutPage|ProfilePage)$")


def jsonld_nodes(index: TagIndex) -> list[dict]:
    """Every JSON-LD object on the page, with ``@graph`` and top-level lists flattened."""
    nodes: list[dict] = []
    for script in index.names("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        data = _load_json(script.text)
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack[:0] = item
            elif isinstance(item, dict):
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack[:0] = graph
                nodes.append(item)
    return nodes


def _load_json(raw: str | None):
    if not raw:
        return None
    raw = raw.strip().removeprefix("<!--").removesuffix("-->").strip().rstrip(";")
    try:
        return json.loads(raw, strict=False)
    except ValueError:
        try:  # trailing commas are the commonest hand-written mistake
            return json.loads(re.sub(r",\s*([}\]])", r"\1", raw), strict=False)
        except ValueError:
            return None


def node_types(node: dict) -> list[str]:
    """``@type`` as a list of strings (it may be a string or a list)."""
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    return [v.rsplit("/", 1)[-1] for v in values if isinstance(v, str)]


@dataclass(slots=True)
class JsonLdArticle:
    """The article node of the page plus the ``@id`` index to resolve references."""

    node: dict
    index: dict[str, dict]

    def resolve(self, value):
        """Replace a ``{"@id": ...}`` reference by the node it names, when known."""
        if isinstance(value, dict) and "@id" in value and len(value) <= 2:
            return self.index.get(value["@id"], value)
        return value


def jsonld_article(index: TagIndex) -> JsonLdArticle | None:
    """The JSON-LD node describing the post: an Article/BlogPosting, else a dated WebPage."""
    nodes = jsonld_nodes(index)
    by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    articles = [n for n in nodes if any(_ARTICLE_TYPE.search(t) for t in node_types(n))]
    pages = [n for n in nodes if any(_PAGE_TYPE.search(t) for t in node_types(n))]
    for group in (articles, pages):
        if group:
            # the first one that has a headline or date is the post; related items come later
            best = next((n for n in group if n.get("datePublished") or n.get("headline")), group[0])
            return JsonLdArticle(best, by_id)
    return None


def jsonld_names(value, ld: JsonLdArticle) -> list[str]:
    """Names out of an author value: object, ``@id`` reference, list or string."""
    value = ld.resolve(value)
    if isinstance(value, list):
        return [name for item in value for name in jsonld_names(item, ld)]
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, list):
            name = name[0] if name else None
        if isinstance(name, dict):
            name = name.get("@value")
        return [name] if isinstance(name, str) else []
    if isinstance(value, str):
        return [value]
    return []


def jsonld_terms(value) -> list[str]:
    """``articleSection``/``keywords``: a comma-joined string or an array."""
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        if isinstance(item, str):
            out += [normalize_space(p) for p in item.split(",")]
    return unique_names(out)
