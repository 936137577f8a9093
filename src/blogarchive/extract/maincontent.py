"""The general main-content method, for pages whose platform markup names no post body.

trafilatura's extractor finds the main text on pages of any make; our own
readability-like scorer (:func:`blogarchive.extract.body.find_body`) stands in
when trafilatura keeps nothing or far less than the scorer (a page it reads as
navigation, a post of short lines). Which one wins where is measured on real
pages by ``benchmarks/extraction_quality``.
"""

from __future__ import annotations

import re

import lxml.html

from blogarchive.extract.furniture import COMMENT_HINT, tree_kind
from blogarchive.extract.text import normalize_space
from blogarchive.extract.htmlindex import TagIndex
from blogarchive.extract.tree import Element, body_of, remove

# When trafilatura's body is shorter than SHORT_TEXT characters (a short post, or a page
# it misreads), our own scorer's body is taken unless it has under SHORT_SHARE of that text.
SHORT_TEXT = 400
SHORT_SHARE = 0.3
# what is left of a byline or date line at the top or the end of the body once its name
# and date elements are gone ("Written by on in Careers", "By Ann Lee", "Updated on")
BYLINE = re.compile(r"(?i:(?:written|posted|published|geschrieben|verfasst)\s+(?:by|von)\b)|(?i:by|von)\s+[A-ZÀ-Þ]")
UPDATED = re.compile(r"(?:last\s+)?(?:updated|modified|aktualisiert|geändert)(?:\s+(?:on|am))?:?$", re.I)
LINE_CHARS = 120
# a short paragraph at the top that labels the post or its picture, not a part of it:
# an advertising disclosure ("Anzeige, enthält Affiliate Links"), a photo credit ("© shutterstock: …")
LABEL = re.compile(r"^(?:\W*(?:anzeige|werbung|sponsored|advertisement|ad)\b|.*\baffiliate[- ]links?\b"
                   r"|(?:photo|foto|bild|image|picture|beitragsbild|titelbild)(?:credits?|nachweis)?\s*:|©|\(c\)\s)",
                   re.I)
# short paragraphs at the end that ask something of the reader or state the site's rights, not the post:
# "Subscribe now …", "Zum Newsletter anmelden", "download our app", "support our work", "© 2022 Example News"
APPEAL = re.compile(
    r"\bsubscribe (?:now|today|to)\b|\b(?:become|already) a subscriber\b|\bsubscribers (?:also )?(?:get|receive)\b"
    r"|\bnewsletter\b.{0,40}\b(?:anmelden|abonnieren|sign up|subscribe)\b"
    r"|\b(?:anmelden|abonnieren|sign up|subscribe)\b.{0,40}\bnewsletter\b|\blog in\b.{0,30}\baccess\b"
    r"|\bdownload (?:the|our)\b.{0,60}\bapps?\b|\badvertise with\b|\bsupport (?:our (?:work|journalism)|us)\b"
    r"|unterstütz\w* (?:uns|unsere)|unsere arbeit (?:zu )?unterstütz|^©|^\(c\)\s"
    r"|copyrighted property|all rights reserved|alle rechte vorbehalten", re.I)
APPEAL_CHARS = 300
_KEEP = frozenset({"html", "body", "article", "main"})
# a class or id that may name reader comments (furniture.COMMENT_TOKEN decides)
_MAY_BE_COMMENTS = re.compile(COMMENT_HINT, re.I)


def prune_comments(tree: Element, index: TagIndex | None = None) -> Element:
    """``tree`` without reader comments (removed in place) as our furniture rules name them
    (:mod:`~blogarchive.extract.furniture`), except a "comments" element holding half the
    page's text or more, and what is inside it: that is the content (a live ticker, a forum).

    Measured on the corpus: pruning comments halves the comment text trafilatura leaves in;
    pruning the other furniture (share bars, post meta, …) the same way loses more text than
    it saves. ``index``: the page's :class:`~blogarchive.extract.htmlindex.TagIndex`, when built."""
    index = index or TagIndex(tree)
    named = [els for name, els in index.by_class.items() if _MAY_BE_COMMENTS.search(name)]
    named += [[el] for name, el in index.by_id.items() if _MAY_BE_COMMENTS.search(name)]
    candidates = [el for el in index.merge(named) if el.tag not in _KEEP and tree_kind(el) == "comments"]
    if not candidates:
        return tree
    total = _text_chars(body_of(tree))
    doomed, content = [], set()
    for el in candidates:            # document order: a kept "comments" element keeps what is inside it
        if any(a in content for a in el.iterancestors()):
            continue
        (content.add if 2 * _text_chars(el) > total else doomed.append)(el)
    for el in doomed:
        remove(el)
    return tree


def _line(el) -> str:
    return normalize_space(el.text_content())


def _short(el, chars: int) -> bool:
    return len(_line(el)) <= chars


def _text_chars(el) -> int:
    return len(normalize_space("".join(el.itertext())))


def main_content_html(tree: Element | None, title: str | None = None,
                      images: bool = False) -> str | None:
    """The page's main content as simple HTML (paragraphs, headings, lists, tables, with links,
    and with ``images`` its images, as the page wrote them: sanitising makes them absolute),
    without a leading copy of ``title`` or byline; None when trafilatura finds none. The caller
    prunes reader comments first (:func:`prune_comments`); trafilatura reads ``tree`` without
    changing it."""
    if tree is None:
        return None
    import trafilatura      # a tenth of a second to import: only pages of no known platform need it

    html = trafilatura.extract(
        tree, output_format="html", with_metadata=False, include_comments=False,
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
    if len(body) and body[0].tag == "p" and _short(body[0], LINE_CHARS) and LABEL.match(_line(body[0])):
        body.remove(body[0])
    if len(body) and body[-1].tag == "p" and UPDATED.match(_line(body[-1])):
        body.remove(body[-1])
    while len(body) > 1 and body[-1].tag == "p" and _short(body[-1], APPEAL_CHARS) and APPEAL.search(_line(body[-1])):
        body.remove(body[-1])
    return "".join(lxml.html.tostring(child, encoding="unicode") for child in body) or None
