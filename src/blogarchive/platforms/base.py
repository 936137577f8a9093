"""The platform contract: what every platform module provides, with the defaults most share.

A platform

- ``detect``: recognises a blog from its start page (then stored in
  ``blogs.platform``, never re-detected per page);
- ``blog_root``: the blog's own URL, given the page the user registered;
- ``source_plans``: names the sources that list the blog's posts, as plans
  tried in order (an API; else sitemaps, feeds and list pages): the first
  plan whose first source answers is used;
- ``read``: reads one fetched source into a ``Listing`` (post URLs, what the
  source says of each, further sources);
- ``listing_key``: a value of a source that ignores page furniture, to tell
  whether it changed;
- ``page_kind``: judges a fetched candidate page (a post or not);
- ``extract``: turns one post page, with the sources' hints, into a ``Post``.

Every method is pure: bytes or a parsed tree in, records out. ``crawl.py``
does all the fetching, so the same code re-runs on stored pages. An HTML
page is parsed once, into an lxml tree (:mod:`~blogarchive.extract.tree`)
shared by discovery, detection, judging, every field extractor, htmldate and
trafilatura.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import MutableMapping
from urllib.parse import urlsplit, urlunsplit

import lxml.html

from ..discover import feeds, listpages, sitemaps
from ..extract import body as body_extractor
from ..extract.htmlindex import TagIndex
from ..extract.maincontent import SHORT_SHARE, SHORT_TEXT, main_content_html, prune_comments
from ..extract.metadata import read_metadata
from ..extract.pagedate import page_published
from ..extract.pagekind import LIST, PAGE, page_kind
from ..extract.sanitize import clean_html
from ..extract.text import html_to_text, normalize_space
from ..extract.tree import Element, body_of, outer_html, remove, select
from ..extract.tree import text as text_of
from ..record import Hints, Listing, Post, Source
from ..urls import is_under

# Path segments that name archive pages on any platform: /tag/x/, /categories/x/, /author/x/, /page/2/
ARCHIVE_SEGMENTS = frozenset({
    "tag", "tags", "category", "categories", "topic", "topics", "label", "labels", "keyword", "keywords",
    "author", "authors", "archive", "archives", "page", "search", "feed", "feeds", "comments", "wp-json",
    "wp-admin", "wp-content", "wp-includes", "cgi-bin",
})
NOT_POST_FILE = re.compile(r"(?:^|/)(?:index\d*\.html?|page\d+|archives?\.html|tags\.html|categories\.html|"
                           r"authors\.html|search(?:\.html)?|404\.html)$|\.(?:xml|gz|json|txt|rss|atom|css|js|"
                           r"png|jpe?g|gif|svg|webp|pdf|zip|mp3|mp4)$", re.I)
# where sitemaps are when robots.txt names none and /sitemap.xml is not there: plugins' names
# (probed on a blog's first crawl only)
SITEMAP_NAMES = ("/sitemap_index.xml", "/wp-sitemap.xml", "/sitemap-index.xml", "/sitemap.xml.gz")


class PageSignals:
    """What platform detection looks at, read from a page in one pass: the generator meta, asset URLs
    (scripts, stylesheets, links), ``<link rel>`` values, inline script text, ids and classes."""

    def __init__(self, tree: Element, index: TagIndex | None = None):
        self.tree = tree
        self.index = index = index or TagIndex(tree)
        self.generator = " ".join((m.get("content") or "").lower() for m in index.by_name.get("meta", [])
                                  if (m.get("name") or "").lower() == "generator")
        self.assets = " ".join(t.get("src") or t.get("href") or "" for t in index.names("script", "link")).lower()
        self.rels = {r for t in index.by_name.get("link", []) for r in (t.get("rel") or "").split()}
        self.inline = " ".join(t.text or "" for t in index.by_name.get("script", []) if not t.get("src"))

    def has_class(self, *names: str) -> bool:
        return any(self.index.by_class.get(n) for n in names)

    def has_id(self, *names: str) -> bool:
        return any(n in self.index.by_id for n in names)


class Platform:
    """The generic platform: sitemaps, feeds and list pages; the others override what differs."""

    name = "generic"
    # what this platform's sitemaps hold: False = any page (judge each), True = posts only
    sitemap_posts_only = False

    # ------------------------------------------------------------ detection

    def detect(self, page: "PageSignals", url: str) -> bool:
        """Is this the platform of the page? ``page`` is read once for every platform's question."""
        return True

    def blog_root(self, tree: Element, url: str) -> str | None:
        """The blog's own URL (the registered page unless the platform knows better)."""
        return url

    def in_scope(self, url: str, root: str) -> bool:
        """Same host as the blog and under its path (a blog under ``/journal/`` stays there)."""
        parts, base = urlsplit(url), urlsplit(root)
        if parts.netloc != base.netloc:
            return False
        return base.path in ("", "/") or is_under(urlunsplit(("", "", parts.path, "", "")),
                                                  urlunsplit(("", "", base.path, "", "")))

    # ------------------------------------------------------------ discovery

    def source_plans(self, root: str, tree: Element, robots_sitemaps: list[str]) -> list[list[Source]]:
        """Sitemaps (robots.txt's, else ``/sitemap.xml``), the feeds the page announces, the page itself."""
        return [self.sitemap_sources(root, robots_sitemaps) + self.feed_sources(root, tree)
                + [Source(root, "list")]]

    def sitemap_sources(self, root: str, robots_sitemaps: list[str]) -> list[Source]:
        if robots_sitemaps:
            return [Source(url, "sitemap", exhaustive=True) for url in robots_sitemaps]
        origin = urlunsplit(urlsplit(root)[:2] + ("", "", ""))
        return [Source(origin + "/sitemap.xml", "sitemap", optional=True, exhaustive=True,
                       alternatives=tuple(origin + name for name in SITEMAP_NAMES))]

    def feed_sources(self, root: str, tree: Element) -> list[Source]:
        return [Source(url, "feed") for url in feeds.feed_links(tree, root)]

    def read(self, source: Source, body: bytes, tree: Element | None, root: str,
             headers: dict[str, str], context: dict) -> Listing:
        """Read one fetched source. ``tree`` is the parsed page for HTML sources; ``context``
        is this blog's discovery state for this crawl, shared by its sources (an API's term names)."""
        if source.kind == "sitemap":
            listing = sitemaps.read_sitemap(body, source.url, posts=self.sitemap_posts_only)
            listing.sources = [s for s in listing.sources if self.wanted_sitemap(s.url)]
            listing.candidates = [u for u in listing.candidates if self.may_be_post(u, root)]
            return listing
        if source.kind == "feed":
            return feeds.read_feed(body, source.url)
        if source.kind == "list":
            return self.read_list(tree, source.url, root)
        raise ValueError(f"{self.name} cannot read a {source.kind} source")

    def resolve(self, posts: MutableMapping[str, Hints], context: dict) -> None:
        """Complete the hints once every source was read (names of an API's term ids); a post's
        changed hints are stored back with ``posts[url] = hints``."""

    def read_list(self, tree: Element, url: str, root: str) -> Listing:
        listing = listpages.read_list_page(tree, url)
        listing.candidates = [u for u in listing.candidates if self.may_be_post(u, root) and u != url]
        listing.sources = [s for s in listing.sources if self.in_scope(s.url, root)]
        return listing

    def wanted_sitemap(self, url: str) -> bool:
        """Sub-sitemaps worth reading: not those of pages, terms, authors or images."""
        name = urlsplit(url).path.rsplit("/", 1)[-1].lower()
        return not re.search(r"(?:^|[-_])(?:page|pages|tax|taxonomies|category|categories|post_tag|tags?|author|"
                             r"users?|image|video|news)(?:[-_.]|sitemap)", name)

    def may_be_post(self, url: str, root: str) -> bool:
        """Could ``url`` be a post? False for archive, pagination, feed and asset URLs, and outside the blog."""
        if not self.in_scope(url, root):
            return False
        parts = urlsplit(url)
        if parts.query or parts.path.rstrip("/") == urlsplit(root).path.rstrip("/"):
            return False
        segments = [s for s in parts.path.lower().split("/") if s]
        if len(segments) == 2 and segments[0] in ("archives", "archive") and segments[1].isdigit():
            return True     # WordPress's numeric permalinks: /archives/123
        if not segments or any(s in ARCHIVE_SEGMENTS for s in segments[:-1]) or segments[-1] in ARCHIVE_SEGMENTS:
            return False
        return not NOT_POST_FILE.search(parts.path) and not listpages.DATE_ARCHIVE.search(parts.path)

    def nightly_list(self, url: str, root: str) -> bool:
        """Whether a nightly run reads this list page (not the next page of a list) when the page
        linking to it named a new post: on platforms where a post's categories show only on
        category pages, their first pages. Elsewhere the full pass reads such lists."""
        return False

    def listing_key(self, source: Source, listing: Listing, tree: Element | None) -> str:
        """What a source lists, without furniture: its posts, candidates and their keys
        (and for a list page, the text of its entries)."""
        parts = []
        if tree is not None:
            parts.append(self.list_text(tree))
        parts += [f"{u} {listing.keys.get(u, '')}" for u in list(listing.posts) + listing.candidates]
        parts += [s.url for s in listing.sources]
        return hashlib.sha1("\n".join(parts).encode()).hexdigest()

    def list_text(self, tree: Element) -> str:
        """The text of a list page's entries (excerpts change when a post is edited)."""
        main = next(tree.iter("main"), None)
        return " ".join(text_of(body_of(tree) if main is None else main).split())

    # ------------------------------------------------------------ pages

    def page_kind(self, tree: Element, url: str, index: TagIndex | None = None) -> str:
        return page_kind(index or TagIndex(tree))

    def judge(self, tree: Element, url: str, hints: Hints | None = None) -> tuple[str, Post]:
        """The kind of a fetched page and its record, from one index of the page's tree
        (extraction then prunes the tree)."""
        index = TagIndex(tree)
        return self.page_kind(tree, url, index), self.extract(tree, url, hints, index)

    def is_post(self, kind: str, post: Post) -> bool:
        """Store this fetched page as a post? A post has a date of its own (in its markup, URL or
        sources, not one htmldate guessed from the page's text); a list, About or tag page is never one."""
        if kind in (LIST, PAGE) or not post.published or post.published[:4] < "1990" \
                or post.provenance.get("published") == "htmldate":
            return False
        return True     # a post, or a dated page nothing marks as a list

    def extract(self, tree: Element, url: str, hints: Hints | None = None,
                index: TagIndex | None = None) -> Post:
        """Metadata by §11 precedence, the date (htmldate where the markup is weak), the body
        (platform markup first, else the general method), then the sources' hints.
        The page's ``tree`` is consumed: the body's extraction prunes it."""
        index = index or TagIndex(tree)
        meta = read_metadata(tree, url, index)
        boxes = self.post_box(tree, index)
        if not boxes:
            prune_comments(tree, index)      # reader comments out of the page before htmldate and trafilatura
        provenance = dict(meta.provenance)
        published, provenance["published"] = page_published(meta.published, meta.provenance.get("published"),
                                                             tree, url)
        html, text = self.body(tree, boxes, url, meta.title)
        post = Post(url=url, title=meta.title, authors=meta.authors, published=published,
                    archive_month=published[:7] if published else meta.url_month,
                    categories=meta.categories, tags=meta.tags, text=text, html=html, platform=self.name,
                    provenance={name: src for name, src in provenance.items() if src})
        return apply_hints(post, hints)

    def post_box(self, tree: Element, index: TagIndex) -> list[Element]:
        """The elements of the first of the platform's ``body_selectors`` that the page has with text
        (several when a post is split into segments); none when the page has no such box."""
        return body_extractor.platform_boxes(tree, self.body_selectors, index)

    def body(self, tree: Element, boxes: list[Element], url: str, title: str | None) -> tuple[str, str]:
        """The post body as clean HTML with absolute links, and as text (``tree`` is pruned in place).

        The platform's post box (``boxes``) bounds it when the page has one; the general
        main-content method (:mod:`~blogarchive.extract.maincontent`) then keeps the text
        inside that box, images included, or, without one, finds it on the whole page (without
        images there: asking trafilatura for them on a whole page costs it text, 0.928 → 0.920
        body F1 on the corpus).
        """
        if boxes:
            box = body_extractor.platform_body(boxes)
            self._trim(box, title)
            found = main_content_html(_document(box), title, images=True)
            html = clean_html(found or outer_html(box), base_url=url)
            return html, html_to_text(html)
        if self.body_exclude:        # the platform's furniture inside the post box goes first
            self._trim(body_of(tree), None)
        found = clean_html(main_content_html(tree, title) or "", base_url=url)
        found_text = html_to_text(found)
        # our own scorer: taken for a short post (or a page trafilatura keeps little of) unless
        # it finds far less, and for a long one when it finds far more (which it cannot when
        # the whole page has too little text: then it is not asked)
        if len(found_text) >= SHORT_TEXT and _PAGE_SLACK * SHORT_SHARE * _page_chars(tree) <= len(found_text):
            return found, found_text
        scored = body_extractor.find_body(tree, inplace=True)
        own = self._finish(scored, url, title) if scored is not None else ""
        own_text = html_to_text(own)
        if len(found_text) < SHORT_TEXT:
            better = len(own_text) >= SHORT_SHARE * len(found_text)
        else:
            better = len(own_text) * SHORT_SHARE > len(found_text)
        return (own, own_text) if better else (found, found_text)

    def _finish(self, body: Element, url: str, title: str | None) -> str:
        self._trim(body, title)
        return clean_html(outer_html(body), base_url=url)

    def _trim(self, body: Element, title: str | None) -> None:
        """Cut the platform's ``body_exclude`` and a leading copy of the title out of ``body``."""
        for selector in self.body_exclude:
            for node in select(body, selector):
                if node is not body:
                    remove(node)
        if title:
            body_extractor.drop_leading_title(body, title)

    # CSS selectors of the post body on this platform, tried before the general method,
    # and of what to cut out of it (a theme's post footer inside the content box)
    body_selectors: tuple[str, ...] = ()
    body_exclude: tuple[str, ...] = ()
    # where the platform keeps the images of posts, besides the blog's own host: a post's images
    # there are archived with it (images.py), from no other host; a name covers its subdomains
    media_hosts: tuple[str, ...] = ()


# the scorer's text, read from its cleaned HTML, may exceed the page's visible text by its
# paragraph breaks: a bound with room for them
_PAGE_SLACK = 1.5


def _page_chars(tree: Element) -> int:
    """Characters of text in the page's body (scripts' too: an upper bound of what a reader sees)."""
    return len(normalize_space(" ".join(body_of(tree).itertext())))


def _document(box: Element) -> Element:
    """A page holding ``box`` alone (what trafilatura reads), ``box`` moved out of its page
    (the page is done with by then)."""
    page, body = lxml.html.Element("html"), lxml.html.Element("body")
    box.tail = None
    body.append(box)
    page.append(body)
    return page


def apply_hints(post: Post, hints: Hints | None) -> Post:
    """Combine a page's record with what the sources said: an API's record wins, others fill gaps."""
    if not hints:
        return post
    strong = hints.authoritative
    taken = []
    if hints.title and (strong or not post.title):
        post.title = hints.title
        taken.append("title")
    if hints.authors and (strong or not post.authors):
        post.authors = list(hints.authors)
        taken.append("authors")
    if hints.categories and (strong or not post.categories and not post.tags):
        post.categories = list(hints.categories)      # a feed's <category> may mix in tags: gaps only
        taken.append("categories")
    if hints.tags and (strong or not post.tags):
        post.tags = list(hints.tags)
        taken.append("tags")
    if hints.published and (strong or not post.published):
        post.published = hints.published
        taken.append("published")
    for name in taken:
        post.provenance[name] = hints.origin.get(name) or ("api" if strong else "feed")
    if hints.archive_month:
        post.archive_month = hints.archive_month
    elif post.published:
        post.archive_month = post.published[:7]
    return post
