"""The record that extraction produces for one post page."""

from __future__ import annotations

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

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class Hints:
    """What the crawl learned about a post from other pages (list pages, the feed).

    Extraction stays a pure function of (page, url, hints), so it can be re-run
    on stored pages with the hints stored for them.
    """

    archive_month: str | None = None       # from the month archive page that lists the post
    categories: list[str] = field(default_factory=list)  # category pages and feed <category>
    published: str | None = None           # ISO date-time from the feed item


@dataclass(slots=True)
class ListPage:
    """What a list page (index, archive, category, feed) says."""

    posts: list[str] = field(default_factory=list)     # post URLs, normalised, in page order
    links: list[str] = field(default_factory=list)     # further list pages to visit
    feeds: list[str] = field(default_factory=list)
    month: str | None = None                            # YYYY-MM when this is a month archive
    category: str | None = None                         # category name when this is a category page
    # per-post facts a feed carries: url -> Hints
    items: dict[str, Hints] = field(default_factory=dict)
