"""What a correct extractor must produce for every sample post.

Computed from the content definitions, not from the rendered HTML, with the
project's plain-text rule: ``<br>`` ends a line; every block (paragraph part,
heading, list item, quote) is a paragraph; paragraphs are joined by one blank
line; inline markup gives its text; images and embeds give nothing; runs of
whitespace become one space.
"""

from __future__ import annotations

import re
from collections import Counter
from html import unescape
from math import ceil

from .content import POSTS
from .model import Block, Bullets, Heading, Para, Post, Quote, weebly_slug

POSTS_PER_PAGE = 10

_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_BLANK_LINES = re.compile(r"\n{3,}")


def expected_posts(base_url: str, posts: list[Post] | None = None) -> list[dict]:
    """One record per post, oldest first. ``base_url`` is the site root (a trailing ``/blog`` is tolerated)."""
    root = base_url.rstrip("/").removesuffix("/blog")
    posts = POSTS if posts is None else posts
    return [expected_record(post, root) for post in sorted(posts, key=lambda post: post.posted_aware)]


def expected_record(post: Post, root: str) -> dict:
    return {
        "url": f"{root}/blog/{post.slug}",
        "title": post.title,
        "authors": post.authors,
        "published": post.posted.date().isoformat(),
        "archive_month": f"{post.posted.year}-{post.posted.month:02d}",
        "categories": sorted(post.categories),
        "tags": [],
        "text": post_text(post),
    }


def post_text(post: Post) -> str:
    paragraphs = [text for block in post.placed_blocks() for text in block_texts(block)]
    text = "\n\n".join(paragraph for paragraph in paragraphs if paragraph)
    return _BLANK_LINES.sub("\n\n", text).strip()


def block_texts(block: Block) -> list[str]:
    """The paragraphs one block contributes (none for images, embeds and the Read More break)."""
    if isinstance(block, Para):
        return [inline_text(part) for part in block.parts]
    if isinstance(block, Heading | Quote):
        return [inline_text(block.text)]
    if isinstance(block, Bullets):
        return [inline_text(block.intro)] + [inline_text(item) for item in block.items]
    return []


def inline_text(html: str) -> str:
    """Text of inline HTML: tags dropped, entities decoded, ``<br>`` kept as a line end."""
    raw = unescape(_TAG.sub("", _BR.sub("\n", html)))
    return "\n".join(" ".join(line.split()) for line in raw.split("\n")).strip()


def list_page_paths(posts: list[Post] | None = None) -> list[str]:
    """Every list-page path: index pages, category/all, each category and each month, with their /N pages."""
    posts = POSTS if posts is None else posts
    paths = _paged("/blog", len(posts), index=True) + _paged("/blog/category/all", len(posts))
    categories = Counter(name for post in posts for name in post.categories)
    for name in sorted(categories):
        paths += _paged(f"/blog/category/{weebly_slug(name)}", categories[name])
    months = Counter((post.posted.year, post.posted.month) for post in posts)
    for year, month in sorted(months, reverse=True):
        paths += _paged(f"/blog/archives/{month:02d}-{year}", months[(year, month)])
    return paths


def _paged(base: str, count: int, *, index: bool = False) -> list[str]:
    later = "/blog/previous" if index else base
    return [base] + [f"{later}/{number}" for number in range(2, ceil(count / POSTS_PER_PAGE) + 1)]
