"""Blogger (``*.blogspot.com`` and custom domains): the JSON feed paged 100 at a time, then sitemaps.

Detection: ``<meta name="generator" content="blogger">``, Blogger's static
widget assets, or the ``service.post`` link to blogger.com. Labels are
categories (Blogger has no tags). Post markup: ``.post-title``,
``.post-body``, ``.post-author .fn``, ``abbr.published[title]``.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit, urlunsplit


from ..discover import bloggerfeed
from ..record import Listing, Post, Source
from .base import Platform


class Blogger(Platform):
    name = "blogger"
    sitemap_posts_only = False
    body_selectors = (".post-body", "[itemprop=articleBody]")
    # uploads: blogger.googleusercontent.com/img/…, and 1.bp.blogspot.com … 4.bp.blogspot.com before
    media_hosts = ("blogger.googleusercontent.com", "bp.blogspot.com")

    def detect(self, page, url: str) -> bool:
        if "blogger" in page.generator or re.search(r"\.blogspot\.[a-z.]+$", urlsplit(url).hostname or ""):
            return True
        return "blogger.com/static/" in page.assets or "blogger.com/feeds/" in page.assets

    def blog_root(self, tree: Element, url: str) -> str | None:
        return urlunsplit(urlsplit(url)[:2] + ("/", "", ""))

    def source_plans(self, root, tree, robots_sitemaps) -> list[list[Source]]:
        return [
            [Source(bloggerfeed.feed_url(root, 1), "api", exhaustive=True)],
            self.sitemap_sources(root, robots_sitemaps) + self.feed_sources(root, tree) + [Source(root, "list")],
        ]

    def read(self, source, body, tree, root, headers, context) -> Listing:
        if source.kind != "api":
            return super().read(source, body, tree, root, headers, context)
        start = int(parse_qs(urlsplit(source.url).query).get("start-index", ["1"])[0])
        listing = bloggerfeed.read_json_feed(body, source.url, root, start)
        listing.posts = {u: h for u, h in listing.posts.items() if self.in_scope(u, root)}
        return listing

    def may_be_post(self, url: str, root: str) -> bool:
        return super().may_be_post(url, root) and urlsplit(url).path.endswith(".html")

    def extract(self, tree, url, hints=None, index=None) -> Post:
        post = super().extract(tree, url, hints, index)
        post.tags = []          # Blogger has labels only, stored as categories
        return post


PLATFORM = Blogger()
