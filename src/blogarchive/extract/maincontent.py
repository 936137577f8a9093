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

# When trafilatura's body is shorter than SHORT_TEXT characters (a short post, or a page
# it misreads), our own scorer's body is taken unless it has under SHORT_SHARE of that text.
SHORT_TEXT = 400
SHORT_SHARE = 0.3
# what is left of a byline or date line at the top or the end of the body once its name
# and date elements are gone ("Written by on in Careers", "By Ann Lee", "Updated on")
BYLINE = re.compile(r"(?i:(?:written|posted|published|geschrieben|verfasst)\s+(?:by|von)\b)|(?i:by|von)\s+[A-ZÀ-Þ]")
UPDATED = re.compile(r"(?:last\s+)?(?:updated|modified|aktualisiert|geändert)(?:\s+(?:on|am))?:?$", re.I)
LINE_CHARS = 120


def parse_tree(source: str) -> lxml.html.HtmlElement | None:
    """The page as an lxml tree (None for a page lxml cannot read)."""
    try:
        return lxml.html.document_fromstring(source)
    except (lxml.etree.ParserError, ValueError):
        return None


def main_content_html(tree: lxml.html.HtmlElement | None, title: str | None = None) -> str | None:
    """The page's main content as simple HTML (paragraphs, headings, lists, tables, with links
    as the page wrote them: sanitising makes them absolute), without a leading copy of
    ``title`` or byline; None when trafilatura finds none. ``tree`` is not changed."""
    if tree is None:
        return None
    html = trafilatura.extract(
        tree, output_format="html", with_metadata=False, include_comments=False,
        include_tables=True, include_links=True, deduplicate=False,
    )
    if not html:
        return None
    body = lxml.html.document_fromstring(html).body
    for _ in range(2):
        first = next(iter(body), None)
        text = " ".join(first.text_content().split()) if first is not None else ""
        heading = first is not None and first.tag in ("h1", "h2", "h3") and title \
            and text.casefold() == " ".join(title.split()).casefold()
        if not (heading or first is not None and first.tag == "p" and len(text) <= LINE_CHARS and BYLINE.match(text)):
            break
        body.remove(first)
    if len(body) and body[-1].tag == "p" and UPDATED.match(" ".join(body[-1].text_content().split())):
        body.remove(body[-1])
    return "".join(lxml.html.tostring(child, encoding="unicode") for child in body) or None
