"""The post headline of a page, without the site name."""

from __future__ import annotations

import html
import re
from functools import lru_cache

from blogarchive.extract.furniture import class_tokens, in_comments
from blogarchive.extract.htmlindex import TagIndex
from blogarchive.extract.jsonld import JsonLdArticle
from blogarchive.extract.metatags import first_meta
from blogarchive.extract.text import normalize_space
from blogarchive.extract.tree import Element, is_element, parent_named, text

_NOT_ALNUM = re.compile(r"[\W_]+")
_SEP = r"\s+[|\-–—·•»›⋆│:~]{1,2}\s+"
_SEPARATORS = re.compile(_SEP)
_HEADLINE_CLASSES = ("entry-title", "post-title", "posttitle", "article-title", "headline", "p-name", "page-title")
# parts of a headline element: the headline proper, and a kicker/overline above it
_TITLE_PART = re.compile(r"(?:^|[-_])(?:headline|title)(?:[-_]|$)", re.I)
_DECORATION = re.compile(r"^[\[(]?[>»›→•·]+[\])]?\s+")  # "» Headline", "[> Headline"
_HIDDEN = ("style", "script", "noscript", "template")
_KICKER = re.compile(r"kicker|dachzeile|overline|eyebrow|roofline|topline|topic|pretitle|supertitle", re.I)


def find_title(index: TagIndex, ld: JsonLdArticle | None, meta: dict[str, list[str]],
               url: str | None = None) -> tuple[str | None, str | None]:
    """The post headline, without the site name, and its source (``markup``, ``meta``, ``json-ld``).

    1. Agreement: a heading (h1-h3) whose text equals og:title, twitter:title, the
       JSON-LD ``headline`` or the ``<title>`` (as given, without the site name, or
       before its last separator; case, punctuation and dashes ignored) is the
       headline; the one most sources agree on wins.
    2. Else the visible headline (``h1``/``h2`` with ``entry-title``-like classes or
       ``itemprop=headline``, else the ``h1`` of the article/main, else the only ``h1``).
    3. Else og:title, JSON-LD ``headline``, ``<title>``.

    A heading that is the site's name (og:site_name, application-name, the host)
    is never the headline, and a heading's kicker part is dropped (:func:`headline_text`).
    """
    titles = index.names("title")
    page_title = normalize_space(text(titles[0], "")) if titles else ""
    headline = ld.node.get("headline") if ld else None
    host = re.sub(r"^www\.", "", re.sub(r"^[a-z]+://", "", url or "", flags=re.I).split("/")[0].lower())
    sites = [s for s in (first_meta(meta, "og:site_name"), first_meta(meta, "application-name")) if s]
    site = sites[0] if sites else None

    def names_site(value: str) -> bool:
        return any(_key(value) == _key(s) for s in sites) or _names_host(value, host)

    # a heading that names the site is its logo, not the post
    headings = [(el, shown, full) for el, shown, full in _headings(index) if not names_site(shown)]
    metadata = [(normalize_space(c), source) for c, source in (
        (first_meta(meta, "og:title"), "meta"), (first_meta(meta, "twitter:title"), "meta"),
        (html.unescape(headline) if isinstance(headline, str) else None, "json-ld"), (page_title, "markup"))]
    raw = [c for c, _ in metadata if c]
    metadata = [(strip_site_name(c, site, page_title, host), source) for c, source in metadata if c]

    votes = [(long, short) for long, (short, _) in zip(raw, metadata) if not names_site(short)]
    visible = _agreed_heading(headings, votes) or visible_headline(index, [el for el, _, _ in headings])
    if visible:
        # a kicker or byline inside the <h1> ("Kicker Headline"): the metadata title is the headline part
        for other in metadata[:3]:
            if len(other[0]) >= 10 and other[0] != visible and other[0].casefold() in visible.casefold():
                return other
        return visible, "markup"
    return metadata[0] if metadata else (None, None)


def visible_headline(index: TagIndex, allowed: list[Element] | None = None) -> str | None:
    """The headline shown on the page, when the markup makes it unambiguous.

    ``allowed``: the heading elements that may be the headline (default: all).
    """
    ok = set(allowed) if allowed is not None else None
    marked = [el for el in index.classes(*_HEADLINE_CLASSES) + index.by_itemprop.get("headline", [])
              if el.tag in ("h1", "h2", "h3") and not in_comments(el)]
    marked.sort(key=lambda el: el.tag)  # stable: the first h1, else the first h2, else h3
    h1s = [h for h in index.names("h1") if parent_named(h, "header", "nav", "aside", "footer") is None
           or parent_named(h, "article", "main") is not None]
    in_content = [h for h in h1s if parent_named(h, "article", "main") is not None]
    if ok is not None:
        marked, h1s, in_content = ([el for el in g if el in ok] for g in (marked, h1s, in_content))
    for group in (marked[:1], in_content[:1], h1s if len(h1s) == 1 else []):
        for el in group:
            headline = headline_text(el)
            if 3 <= len(headline) <= 300:
                return headline
    return None


def headline_text(el: Element) -> str:
    """The text of a headline element without a kicker: ``<h1><span class=kicker>Topic</span>
    <span class=headline>Title</span></h1>`` gives "Title"."""
    titled = [c for c in el if is_element(c) and any(_TITLE_PART.search(t) for t in class_tokens(c))]
    if len(titled) == 1 and not _text(_after(titled[0])) and len(_text([titled[0]])) >= 3:
        return _text([titled[0]])  # the last part: what came before it is a kicker
    kept = _children(el, lambda c: any(_KICKER.search(t) for t in class_tokens(c)))
    shown = _text(kept)
    return shown if len(shown) >= 3 else _text(_children(el))


def _children(el: Element, skip=lambda child: False) -> list:
    """``el``'s own text and its children (elements not hidden or skipped) with their tails."""
    nodes: list = [el.text or ""]
    for child in el:
        if is_element(child) and child.tag not in _HIDDEN and not skip(child):
            nodes.append(child)
        nodes.append(child.tail or "")
    return nodes


def _after(el: Element) -> list:
    """What follows ``el`` inside its parent: its tail, the later siblings and their tails."""
    nodes: list = [el.tail or ""]
    for sibling in el.itersiblings():
        if is_element(sibling) and sibling.tag not in _HIDDEN:
            nodes.append(sibling)
        nodes.append(sibling.tail or "")
    return nodes


def _text(nodes) -> str:
    """The visible text of ``nodes`` (elements and strings) on one line."""
    joined = " ".join(n if isinstance(n, str) else text(n) for n in nodes)
    return _DECORATION.sub("", normalize_space(joined.replace("\xad", "")))


def _headings(index: TagIndex) -> list[tuple[Element, str, str]]:
    """Headings (h1-h3) outside reader comments: (element, headline text, full text)."""
    found = []
    for el in index.names("h1", "h2", "h3"):
        if in_comments(el):
            continue
        headline = headline_text(el)
        if 3 <= len(headline) <= 300:
            found.append((el, headline, normalize_space(text(el))))
    return found


def _agreed_heading(headings: list[tuple[Element, str, str]], titles: list[tuple[str, str]]) -> str | None:
    """The heading that the most metadata ``titles`` agree with. A title, given as (as found,
    without the site name), agrees with a heading equal to either, or to its part before the last
    separator ("Headline - Site"). Ties go to h1 before h2 before h3, then page order."""
    keys = [{_key(title), _key(short), _key("".join(_SEPARATORS.split(title)[:-1]))} - {""}
            for title, short in titles]
    best, best_votes = None, 0
    for el, shown, full in sorted(headings, key=lambda h: h[0].tag):
        votes = sum(1 for k in keys if _key(shown) in k or _key(full) in k)
        if votes > best_votes:
            best, best_votes = shown, votes
    return best


def strip_site_name(title: str, site_name: str | None, page_title: str = "", host: str = "") -> str:
    """Drop a leading/trailing ``Site Name`` segment ("Post - Site", "Site | Post").

    A segment goes when it equals ``site_name`` (ignoring case, punctuation and
    dashes), names the ``host`` ("example.org", "Example Org"), or when the
    ``<title>`` ends with the same segment while not being the same string as ``title``.
    """
    pieces = re.split(f"({_SEP})", title)  # segment, separator, segment, …
    if len(pieces) < 3:
        return title
    site = _key(site_name or "")
    page_parts = _SEPARATORS.split(page_title) if page_title and not _key(page_title).endswith(_key(title)) else []

    def names_site(segment: str, loose: bool) -> bool:
        key = _key(segment)
        return bool(site) and (key == site or loose and site in key and len(key) <= len(site) + 12) or _names_host(
            segment, host)

    for cut in range(len(pieces) - 2, 0, -2):  # trailing segments, shortest first
        if names_site("".join(pieces[cut + 1:]), loose=True):
            return strip_site_name("".join(pieces[:cut]).strip(), None, "", host) or title
    for cut in range(1, len(pieces) - 1, 2):  # leading segments, shortest first
        if names_site("".join(pieces[:cut]), loose=False):
            return "".join(pieces[cut + 1:]).strip() or title
    if len(page_parts) >= 2 and page_parts[-1].casefold() == pieces[-1].casefold():
        return "".join(pieces[:-2]).strip() or title
    return title


@lru_cache(maxsize=4096)
def _key(text: str) -> str:
    """Letters and digits only, casefolded: "Post – Title!" and "post - title" compare equal."""
    return _NOT_ALNUM.sub("", html.unescape(text).casefold())


def _names_host(segment: str, host: str) -> bool:
    """"example-blog.org" or "Example Blog" for host example-blog.org; at least 4 letters."""
    letters = re.sub(r"[^a-z0-9]", "", segment.casefold())
    host_letters = re.sub(r"[^a-z0-9]", "", host.rsplit(".", 1)[0]) if host else ""
    return len(letters) >= 4 and bool(host_letters) and (letters == host_letters or letters == re.sub(
        r"[^a-z0-9]", "", host))
