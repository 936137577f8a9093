"""The record that extraction produces for one post page."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field


@dataclass(slots=True)
class Post:
    """One extracted post. Every extractor returns this, nothing else.

    ``published`` is ISO 8601 (a date, or a date-time with an offset) or None;
    ``archive_month`` is ``YYYY-MM`` or None; ``html`` is sanitised body HTML;
    ``text`` is the plain body, paragraphs separated by a blank line.
    """

    url: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    archive_month: str | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    text: str = ""
    html: str = ""
    platform: str = "generic"
    # where each field came from: api, feed, list page, json-ld, meta, markup, url, text,
    # signature, htmldate (see docs)
    provenance: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


HINT_FIELDS = ("archive_month", "categories", "tags", "authors", "published", "title")


@dataclass(slots=True)
class Hints:
    """What the crawl learned about a post from its sources (API, feeds, sitemaps, list pages).

    Extraction stays a pure function of (page, url, hints), so it can be re-run
    on stored pages with the hints stored for them. An API's values are the
    blog's own record and win over the page; a feed's or list page's fill gaps.
    """

    archive_month: str | None = None       # from the month archive page that lists the post
    categories: list[str] = field(default_factory=list)  # category pages, feed <category>, API terms
    tags: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    published: str | None = None           # ISO date-time, with its offset where the source gives one
    modified: str | None = None
    title: str | None = None
    authoritative: bool = False            # an API record: its fields win over the page's
    source: str = ""                       # "api", "feed" or "list page": what gave these hints
    origin: dict[str, str] = field(default_factory=dict)  # field -> source, kept through merges

    def __post_init__(self):
        if self.source and not self.origin:
            self.origin = {name: self.source for name in HINT_FIELDS if getattr(self, name)}

    def pack(self) -> str:
        """These hints as compact JSON: a big blog's discovery holds a hundred thousand."""
        return json.dumps(_fields(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def unpack(cls, text: str) -> "Hints":
        return cls(**json.loads(text))

    def merge(self, other: "Hints") -> "Hints":
        """These hints with ``other``'s filling what they lack (an authoritative side wins)."""
        first, second = (other, self) if other.authoritative and not self.authoritative else (self, other)
        origin = {name: (first if getattr(first, name) else second).origin.get(name)
                  for name in HINT_FIELDS if getattr(first, name) or getattr(second, name)}
        return Hints(
            archive_month=first.archive_month or second.archive_month,
            categories=list(dict.fromkeys(first.categories + second.categories)) if not first.authoritative
            else first.categories,
            tags=list(dict.fromkeys(first.tags + second.tags)) if not first.authoritative else first.tags,
            authors=first.authors or second.authors,
            published=first.published or second.published,
            modified=first.modified or second.modified,
            title=first.title or second.title,
            authoritative=first.authoritative or second.authoritative,
            origin={name: source for name, source in origin.items() if source},
        )


@dataclass(slots=True)
class Source:
    """A place that lists posts: an API page, a sitemap, a feed or a list page."""

    url: str
    kind: str                  # "api", "sitemap", "feed" or "list"
    optional: bool = False     # a 4xx here is not an error (a guessed /sitemap.xml, a closed users route)
    exhaustive: bool = False   # lists every post of the blog (with the sources it leads to)
    continued: bool = False    # the next page of a source of the same kind (pagination, a paged feed)
    paged: bool = False        # the next page of the same list (index pagination, rel="next"), not
                               # another list (a month or category archive): a nightly run follows it
                               # only from a page that showed something new
    alternatives: tuple[str, ...] = ()   # URLs to try in turn when this one is not there (404, 410)


@dataclass(slots=True)
class Listing:
    """What one source says: posts (with what it knows of each), candidates and further sources.

    ``posts`` are certainly posts (an API, a posts sitemap, a feed);
    ``candidates`` may be posts or other pages (a generic sitemap, links on a
    list page) and are judged from their own page when fetched. ``keys`` holds,
    per post URL, a short value that changes when the post does (an API's
    ``modified_gmt``, a sitemap's ``lastmod``, a feed item's text hash).
    """

    posts: dict[str, Hints] = field(default_factory=dict)
    candidates: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    keys: dict[str, str] = field(default_factory=dict)
    total: int | None = None               # posts the source says the blog has (an API's total)
    month: str | None = None               # this list page is a month archive (YYYY-MM)
    category: str | None = None            # this list page is a category page

    def add(self, url: str, hints: Hints | None = None, key: str | None = None) -> None:
        known = self.posts.get(url)
        hints = hints or Hints()
        self.posts[url] = known.merge(hints) if known else hints
        if key is not None:
            self.keys[url] = key

    def to_json(self) -> str:
        """What this source said, as stored with its page: an unchanged page is read from here
        on the next run instead of being parsed again."""
        return json.dumps({"posts": {url: _fields(h) for url, h in self.posts.items()},
                           "candidates": self.candidates, "sources": [_fields(s) for s in self.sources],
                           "keys": self.keys, "total": self.total, "month": self.month,
                           "category": self.category}, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> "Listing":
        data = json.loads(text)
        sources = [Source(**{**s, "alternatives": tuple(s.get("alternatives") or ())}) for s in data["sources"]]
        return cls(posts={url: Hints(**h) for url, h in data["posts"].items()}, candidates=data["candidates"],
                   sources=sources, keys=data["keys"], total=data["total"], month=data["month"],
                   category=data["category"])


def _fields(record) -> dict:
    """A slotted dataclass's fields as a dict, shallow (``asdict`` deep-copies, and a list page
    names a hundred posts), without those left at their default (every default of ``Hints`` and
    ``Source`` is an empty or false value): a page's hundreds of sources are mostly defaults."""
    return {name: value for name in record.__slots__ if (value := getattr(record, name))}
