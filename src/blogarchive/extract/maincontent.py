"""The general main-content method, for pages whose platform markup names no post body.

trafilatura's extractor finds the main text on pages of any make; our own
readability-like scorer (:func:`blogarchive.extract.body.find_body`) stands in
when trafilatura keeps nothing or far less than the scorer (a page it reads as
navigation, a post of short lines). Which one wins where is measured on real
pages by ``benchmarks/extraction_quality``.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html
import trafilatura

from blogarchive.extract.furniture import COMMENT_HINT, tree_kind
from blogarchive.extract.text import normalize_space

# When trafilatura's body is shorter than SHORT_TEXT characters (a short post, or a page
# it misreads), our own scorer's body is taken unless it has under SHORT_SHARE of that text.
SHORT_TEXT = 400
SHORT_SHARE = 0.3
# what is left of a byline or date line at the top or the end of the body once its name
# and date elements are gone ("Written by on in Careers", "By Ann Lee", "Updated on")
BYLINE = re.compile(r"(?i:(?:written|posted|published|geschrieben|verfasst)\s+(?:by|von)\b)|(?i:by|von)\s+[A-ZÀ-Þ]")
UPDATED = re.compile(r"(?:last\s+)?(?:updated|modified|aktualisiert|geändert)(?:\s+(?:on|am))?:?$", re.I)
LINE_CHARS = 120
_KEEP = frozenset({"html", "body", "article", "main"})
# elements whose class or id may name reader comments (furniture.COMMENT_TOKEN decides)
_MAY_BE_COMMENTS = lxml.etree.XPath(
    f"//*[@class or @id][re:test(concat(@class, ' ', @id), '{COMMENT_HINT}', 'i')]",
    namespaces={"re": "http://exslt.org/regular-expressions"})


def parse_tree(source: str) -> lxml.html.HtmlElement | None:
    """The page as an lxml tree (None for a page lxml cannot read)."""
    try:
        return lxml.html.document_fromstring(source)
    except (lxml.etree.ParserError, ValueError):
        return None


def prune_comments(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """``tree`` without reader comments (removed in place) as our furniture rules name them
    (:mod:`~blogarchive.extract.furniture`), except a "comments" element holding half the
    page's text or more, and what is inside it: that is the content (a live ticker, a forum).

    Measured on the corpus: pruning comments halves the comment text trafilatura leaves in;
    pruning the other furniture (share bars, post meta, …) the same way loses more text than
    it saves."""
    candidates = [el for el in _MAY_BE_COMMENTS(tree) if el.tag not in _KEEP and tree_kind(el) == "comments"]
    if not candidates:
        return tree
    total = _text_chars(tree.body if tree.find("body") is not None else tree)
    doomed, content = [], set()
    for el in candidates:            # document order: a kept "comments" element keeps what is inside it
        if any(a in content for a in el.iterancestors()):
            continue
        (content.add if 2 * _text_chars(el) > total else doomed.append)(el)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()
    return tree


def _text_chars(el) -> int:
    return len(normalize_space(el.text_content()))


def main_content_html(tree: lxml.html.HtmlElement | None, title: str | None = None,
                      images: bool = False) -> str | None:
    """The page's main content as simple HTML (paragraphs, headings, lists, tables, with links,
    and with ``images`` its images, as the page wrote them: sanitising makes them absolute),
    without a leading copy of ``title`` or byline; None when trafilatura finds none. Reader comments are pruned from
    ``tree`` in place first (:func:`prune_comments`)."""
    if tree is None:
        return None
    html = trafilatura.extract(
        prune_comments(tree), output_format="html", with_metadata=False, include_comments=False,
        include_tables=True, include_links=True, include_images=images, deduplicate=False,
    )
    if not html:
        return None
    body = lxml.html.document_fromstring(html).body
    title_key = normalize_space(title).casefold()
    for _ in range(2):          # the title, then a byline under it
        if not len(body):
            break
        first, text = body[0], normalize_space(body[0].text_content())
        heading = first.tag in ("h1", "h2", "h3") and title_key and text.casefold() == title_key
        if not (heading or first.tag == "p" and len(text) <= LINE_CHARS and BYLINE.match(text)):
            break
        body.remove(first)
    if len(body) and body[-1].tag == "p" and UPDATED.match(normalize_space(body[-1].text_content())):
        body.remove(body[-1])
    return "".join(lxml.html.tostring(child, encoding="unicode") for child in body) or None
