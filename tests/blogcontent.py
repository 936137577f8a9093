"""The content of every non-Weebly fixture blog, as plain data.

Each platform's fixture site (WordPress, Blogger, Hugo, Jekyll, Pelican,
Eleventy, the unknown-platform site) is built from these posts by that
platform's own software or renderer, and its ``expected.json`` is written
from them, so what the crawler must find never depends on the extractor.

``posts("v1")`` is the blog as first crawled: 33 posts over six months,
three authors (one post by two of them, one author with a non-ASCII name),
three categories and five tags. ``posts("v2")`` is the same blog after three
posts were added, one edited (title and body) and one removed.

Bodies are plain paragraphs (one of them with a link, one with emphasis), so
every generator renders them as ``<p>`` elements and the expected plain text
is the paragraphs joined by a blank line.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone

AUTHORS = ("Ann Lee", "Bob Stone", "Zoë Ibáñez")
CATEGORIES = ("Career Tips", "Interviews", "Remote Work")
TAGS = ("resume", "salary", "networking", "linkedin", "first job")
# The blog's own time zone (UTC-5 in winter, UTC-4 from 10 March 2024): post 12 is written late in the
# evening of 31 March, which is already April in UTC, so its archive month is March only in the blog's zone.
TZ_NAME = "America/New_York"

SUBJECTS = (
    "answer the salary question", "write a cover letter", "prepare for a panel interview",
    "ask for a reference", "negotiate a remote contract", "follow up after an interview",
    "explain a gap in your resume", "network at a conference", "update your LinkedIn headline",
    "turn down an offer politely", "describe your biggest weakness", "work across time zones",
    "plan your first week", "ask good questions at the end", "keep a brag document",
    "quit without burning bridges", "write a thank-you note", "pick references",
    "talk about a failure", "prepare a portfolio", "handle a phone screen", "set up a home office",
    "run a one-to-one", "ask for a raise", "change careers at forty", "find a mentor",
    "read a job advert", "survive a group interview", "research a company", "say no to overtime",
    "use a recruiter well", "write a short bio", "start a side project",
)
EXTRA_SUBJECTS = ("manage a four-day week", "choose between two offers", "prepare a reading list")


@dataclass(frozen=True)
class BlogPost:
    slug: str
    title: str
    published: datetime          # aware, in the blog's own time zone
    authors: tuple[str, ...]
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    paragraphs: tuple[str, ...]   # inline HTML allowed: <a href>, <em>
    modified: datetime | None = None

    @property
    def archive_month(self) -> str:
        return self.published.strftime("%Y-%m")

    @property
    def text(self) -> str:
        """The body as plain text: what extraction must give as ``body_text``."""
        return "\n\n".join(strip_tags(p) for p in self.paragraphs)

    def expected(self) -> dict:
        """The record fields every platform's expected.json starts from."""
        return {
            "slug": self.slug, "title": self.title, "published": self.published.isoformat(),
            "archive_month": self.archive_month, "authors": list(self.authors),
            "categories": list(self.categories), "tags": list(self.tags), "text": self.text,
        }


def strip_tags(html: str) -> str:
    out, inside = [], False
    for ch in html:
        if ch == "<":
            inside = True
        elif ch == ">":
            inside = False
        elif not inside:
            out.append(ch)
    return "".join(out)


def _offset(when: datetime) -> timezone:
    """America/New_York's offset on ``when`` (2024 rules: EDT from 10 March to 3 November)."""
    edt = datetime(2024, 3, 10, 2) <= when.replace(tzinfo=None) < datetime(2024, 11, 3, 2)
    return timezone(timedelta(hours=-4 if edt else -5))


def _local(y: int, m: int, d: int, hh: int, mm: int) -> datetime:
    naive = datetime(y, m, d, hh, mm)
    return naive.replace(tzinfo=_offset(naive))


def _paragraphs(i: int, subject: str) -> tuple[str, ...]:
    paras = [
        f"Most people are unsure how to {subject}, and that is normal. This note {i + 1} walks through "
        f"what has worked for the readers who wrote to us.",
        f"Start with what you know. Write down three facts about your situation before you {subject}; "
        f"they keep the conversation honest and short.",
    ]
    if i % 4 == 1:
        paras.append("Our <a href=\"https://example.org/guide\">free guide</a> has a worksheet for this step.")
    if i % 4 == 2:
        paras.append("Above all, <em>be specific</em>: numbers and dates beat adjectives every time.")
    paras.append(f"Next week we look at another question readers ask often. Thank you for reading, "
                 f"and good luck as you {subject}.")
    return tuple(paras)


def _base_posts() -> list[BlogPost]:
    posts = []
    for i, subject in enumerate(SUBJECTS):
        month = 1 + i * 6 // len(SUBJECTS)                  # January to June 2024
        day = 1 + (i * 5) % 27
        hour, minute = 9 + i % 8, (i * 7) % 60
        if i == 12:                                         # late on 31 March: April in UTC
            month, day, hour, minute = 3, 31, 22, 30
        authors = (AUTHORS[i % 3],)
        if i == 4:
            authors = (AUTHORS[0], AUTHORS[1])              # a post with two authors
        categories = (CATEGORIES[i % 3],)
        tags = tuple(TAGS[j] for j in ((i % 5), (i + 2) % 5)) if i % 3 else (TAGS[i % 5],)
        if i % 7 == 6:
            tags = ()                                       # a post with no tags
        slug = subject.lower().replace(" ", "-").replace("'", "")
        title = f"How to {subject}"
        posts.append(BlogPost(slug=slug, title=title[0].upper() + title[1:],
                              published=_local(2024, month, day, hour, minute), authors=authors,
                              categories=categories, tags=tags, paragraphs=_paragraphs(i, subject)))
    posts.sort(key=lambda p: p.published)
    return posts


EDITED = "ask-for-a-raise"        # v2: new title and a new paragraph
REMOVED = "say-no-to-overtime"    # v2: deleted


def posts(state: str = "v1") -> list[BlogPost]:
    """The blog's posts, oldest first, in state ``v1`` (first crawl) or ``v2`` (after changes)."""
    base = _base_posts()
    if state == "v1":
        return base
    if state != "v2":
        raise ValueError(state)
    out = []
    for post in base:
        if post.slug == REMOVED:
            continue
        if post.slug == EDITED:
            post = replace(post, title="How to ask for a raise (updated)",
                           paragraphs=post.paragraphs + ("Update: readers asked about timing, so we added "
                                                         "this paragraph on when to ask.",),
                           modified=_local(2024, 7, 20, 10, 0))
        out.append(post)
    for j, subject in enumerate(EXTRA_SUBJECTS):
        slug = subject.replace(" ", "-")
        out.append(BlogPost(slug=slug, title=f"How to {subject}", published=_local(2024, 7, 2 + 7 * j, 11, 15),
                            authors=(AUTHORS[j % 3],), categories=(CATEGORIES[(j + 1) % 3],),
                            tags=(TAGS[j],), paragraphs=_paragraphs(40 + j, subject)))
    return out


@dataclass(frozen=True)
class Page:
    """A page that is not a post (never to be stored as one)."""

    slug: str
    title: str
    paragraphs: tuple[str, ...] = field(default=())


PAGES = (
    Page("about", "About this blog", ("We are three career coaches who answer readers' questions every week. "
                                      "Write to us with yours; we read every letter.",)),
    Page("contact", "Contact", ("Send your question with the form below, or write to the editors.",)),
)
