"""The sample blog's content model: posts made of a few kinds of blocks.

A post body is a tuple of blocks. Each block kind has one HTML rendering
(``weebly.py``) and one plain-text rendering (``expected.py``), written
separately so that the expected records do not depend on the renderer.

Inline HTML (``<strong>``, ``<em>``, ``<a href>``, ``&nbsp;``, ``<br />``) is
allowed inside paragraph parts, list items, headings and quotes; plain text
(titles, names, credit lines) is escaped by the renderer.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from html import escape
from html.entities import codepoint2name


@dataclass(frozen=True, init=False)
class Para:
    """One ``div.paragraph``; its parts are separated by ``<br /><br />``."""

    parts: tuple[str, ...]
    style: str = ""

    def __init__(self, *parts: str, style: str = "") -> None:
        object.__setattr__(self, "parts", parts)
        object.__setattr__(self, "style", style)


@dataclass(frozen=True)
class Heading:
    """A Weebly "Title" element (``h2.wsite-content-title``), or a bare ``<h2>`` pasted in."""

    text: str
    bare: bool = False


@dataclass(frozen=True)
class Bullets:
    """A ``div.paragraph`` holding an optional intro line and a ``<ul>``."""

    items: tuple[str, ...]
    intro: str = ""


@dataclass(frozen=True)
class Picture:
    """A Weebly image element (``div.wsite-image``, ``alt="Picture"``); no text."""

    src: str


@dataclass(frozen=True)
class Quote:
    """A ``<blockquote>``."""

    text: str


@dataclass(frozen=True)
class CustomHtml:
    """A Weebly "Embed Code" element (``div.wcustomhtml``); contributes no text."""

    html: str


@dataclass(frozen=True)
class ReadMore:
    """Weebly's "Read More" break: list pages show only the blocks before it."""


MORE = ReadMore()

Block = Para | Heading | Bullets | Picture | Quote | CustomHtml | ReadMore

LEAD = "lead"  # its own paragraph before the body
TAIL_BLANK = "tail-blank"  # end of the last paragraph, after <br /><br />
TAIL_BREAK = "tail-break"  # end of the last paragraph, after one <br />
TAIL_PARAGRAPH = "tail-paragraph"  # its own paragraph after the body


@dataclass(frozen=True)
class Credit:
    """The line in the body that names the authors ("By Zoë Ibáñez", "-- A & B")."""

    prefix: str
    names: tuple[str, ...]
    joiner: str
    place: str
    wrap: str = ""  # "", "em" or "strong" around the line

    @property
    def line(self) -> str:
        names = list(self.names)
        if len(names) > 2:
            names = [", ".join(names[:-1]), names[-1]]
        return self.prefix + self.joiner.join(names)


def byline(prefix: str, *names: str, joiner: str = " and ", wrap: str = "") -> Credit:
    """A leading credit paragraph: ``byline("By ", "Zoë Ibáñez")``."""
    return Credit(prefix, names, joiner, LEAD, wrap)


def signature(prefix: str, *names: str, joiner: str = " & ", place: str = TAIL_BLANK) -> Credit:
    """A trailing credit line: ``signature("-- ", "A", "B")`` → "-- A & B"."""
    return Credit(prefix, names, joiner, place)


@dataclass(frozen=True)
class Comment:
    """A visitor comment (single post pages only); its author is not a post author."""

    name: str
    posted: datetime
    text: str


@dataclass(frozen=True)
class Post:
    """One blog post. ``posted`` is local time in the blog's time zone (US Central)."""

    title: str
    posted: datetime
    blocks: tuple[Block, ...]
    categories: tuple[str, ...] = ()
    credit: Credit | None = None
    comments: tuple[Comment, ...] = ()
    comments_open: bool = False
    social: bool = False

    @property
    def slug(self) -> str:
        return weebly_slug(self.title)

    @property
    def authors(self) -> list[str]:
        return list(self.credit.names) if self.credit else []

    @property
    def post_id(self) -> str:
        """An 18-digit id, stable for a given slug, like Weebly's ``blog-post-<digits>``."""
        number = int(hashlib.sha1(self.slug.encode()).hexdigest(), 16)
        return str(10**17 + number % (9 * 10**17))

    @property
    def posted_aware(self) -> datetime:
        return self.posted.replace(tzinfo=central_time_zone(self.posted))

    def placed_blocks(self) -> tuple[Block, ...]:
        """The body blocks with the credit line put where the author wrote it."""
        credit, blocks = self.credit, list(self.blocks)
        if credit is None:
            return tuple(blocks)
        line = escape(credit.line, quote=False)
        if credit.wrap:
            line = f"<{credit.wrap}>{line}</{credit.wrap}>"
        if credit.place == LEAD:
            return (Para(line), *blocks)
        if credit.place == TAIL_PARAGRAPH:
            return (*blocks, Para(line))
        last = blocks[-1]
        if not isinstance(last, Para):
            raise ValueError(f"{self.title!r}: a {credit.place} credit needs a paragraph last")
        if credit.place == TAIL_BLANK:
            blocks[-1] = Para(*last.parts, line, style=last.style)
        else:
            blocks[-1] = Para(*last.parts[:-1], f"{last.parts[-1]}<br />{line}", style=last.style)
        return tuple(blocks)


def weebly_slug(title: str) -> str:
    """Weebly's URL slug: lowercase, accents spelled as their HTML entity names.

    "Résumé gaps" → "reacutesumeacute-gaps"; each space or hyphen becomes one
    hyphen (so " - " gives "---"); other punctuation is dropped.
    """
    out = []
    for char in title.lower():
        if char.isascii():
            if char.isalnum():
                out.append(char)
            elif char in " -":
                out.append("-")
        else:
            out.append(codepoint2name.get(ord(char), ""))
    return "".join(out)


def central_time_zone(local: datetime) -> timezone:
    """US Central time (CST/CDT) for a naive local datetime, by the post-2007 US DST rule."""
    dst_start = _nth_sunday(local.year, 3, 2).replace(hour=2)
    dst_end = _nth_sunday(local.year, 11, 1).replace(hour=2)
    hours = -5 if dst_start <= local < dst_end else -6
    return timezone(timedelta(hours=hours))


def _nth_sunday(year: int, month: int, n: int) -> datetime:
    first = datetime(year, month, 1)
    first_sunday = first + timedelta(days=(6 - first.weekday()) % 7)
    return first_sunday + timedelta(weeks=n - 1)


def check_posts(posts: list[Post]) -> None:
    """Raise ValueError on definitions the site could not render faithfully."""
    slugs = [post.slug for post in posts]
    duplicates = sorted({slug for slug in slugs if slugs.count(slug) > 1})
    if duplicates:
        raise ValueError(f"duplicate post slugs: {duplicates}")
    for post in posts:
        post.placed_blocks()
        if sum(block is MORE for block in post.blocks) > 1:
            raise ValueError(f"{post.title!r}: more than one Read More break")
