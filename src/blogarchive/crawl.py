"""One crawl of one blog: discover → fetch → extract → store.

1. **Discover.** Walk every list page the platform has (index pagination,
   month archives, category pages) and the feed, each with a conditional
   request; an unchanged page (304, or the same bytes) is re-read from the
   stored copy, so discovery is always complete. Every post URL found is
   normalised; membership of month archives and category pages becomes the
   post's ``Hints``.
2. **Decide.** New posts are queued (table ``frontier``). A post already
   stored is re-requested only when every list page showing it changed since
   the last crawl (or with ``refresh``), and then conditionally, so an
   unchanged page costs a 304 and no body. When only its hints changed (a new
   category), it is re-extracted from the stored page with no request.
3. **Fetch and store.** Each queued post is fetched, extracted and stored with
   its raw page in one transaction, and leaves the queue in that transaction:
   a killed crawl resumes where it stopped.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from . import platforms, store
from .discover import feeds
from .extract import extract_soup, parse_html
from .fetch import FetchError, Fetcher, Response
from .record import Hints, ListPage
from .urls import try_normalize, with_scheme_of

log = logging.getLogger(__name__)


@dataclass
class BlogResult:
    url: str
    platform: str = "generic"
    list_pages: int = 0
    posts_found: int = 0
    posts_new: int = 0
    posts_updated: int = 0
    posts_unchanged: int = 0
    posts_skipped: int = 0
    queued_left: int = 0
    errors: list[str] = field(default_factory=list)


class PageBudget(Exception):
    """--max-pages reached for this blog."""


@dataclass
class Discovery:
    # every post URL found (first-seen order) -> the list pages showing it
    listed_on: dict[str, list[str]] = field(default_factory=dict)
    changed: dict[str, bool] = field(default_factory=dict)          # list page URL -> changed this crawl
    months: dict[str, str] = field(default_factory=dict)
    categories: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    feed_items: dict[str, Hints] = field(default_factory=dict)

    def add_post(self, url: str) -> None:
        self.listed_on.setdefault(url, [])

    def hints(self, url: str) -> Hints:
        feed = self.feed_items.get(url, Hints())
        return Hints(
            archive_month=self.months.get(url),
            categories=sorted(self.categories.get(url, set()) | set(feed.categories)),
            published=feed.published,
        )


class BlogCrawler:
    """Crawls one registered blog into the archive."""

    def __init__(self, db, fetcher: Fetcher, blog: dict, crawl_id: int,
                 max_pages: int | None = None, refresh: bool = False, progress=None):
        self.db = db
        self.fetcher = fetcher
        self.blog = blog
        self.crawl_id = crawl_id
        self.max_pages = max_pages
        self.refresh = refresh
        self.progress = progress
        self.result = BlogResult(url=blog["url"])
        self._requests_at_start = fetcher.stats.requests

    # ------------------------------------------------------------ entry point

    def run(self) -> BlogResult:
        try:
            found = self.discover()
            self.plan(found)
            self.fetch_queued(found)
        except PageBudget:
            log.warning("%s: stopped at --max-pages %s; the rest is queued for the next run",
                        self.blog["url"], self.max_pages)
        except FetchError as exc:
            self._error(str(exc))
        self.result.queued_left = len(store.queued_posts(self.db, self.blog["id"]))
        store.update_blog(self.db, self.blog["id"], last_crawled=store.now_iso(),
                          platform=self.result.platform)
        return self.result

    # ------------------------------------------------------------ discover

    def discover(self) -> Discovery:
        start_url = self.blog["url"]
        resp, body, previous = self._get_page(start_url, "list")
        soup = parse_html(body, resp.charset)
        module = platforms.detect(soup)
        changed = listing_changed(module, previous, body, soup)
        self.result.platform = module.NAME
        name = soup.select_one("meta[property='og:site_name'][content]")
        if name:
            store.update_blog(self.db, self.blog["id"], name=name["content"].strip())
        found = Discovery()
        if hasattr(module, "parse_list"):
            self._walk_lists(module, soup, start_url, changed, found)
        else:
            log.warning("%s: platform not recognised; finding posts from its feeds only", start_url)
            self._walk_feeds(feeds.feed_links(soup, start_url), found)
        self.result.posts_found = len(found.listed_on)
        log.info("%s: %d list pages, %d posts found", start_url, self.result.list_pages, len(found.listed_on))
        return found

    def _walk_lists(self, module, start_soup, start_url: str, start_changed: bool, found: Discovery) -> None:
        root = module.blog_root(start_soup, start_url)
        if root is None:
            raise FetchError(start_url, f"no {module.NAME} blog found on this page; register the blog's own "
                                        "page (its index, such as …/blog)")
        if root != start_url:
            log.info("%s: blog root is %s", start_url, root)
        todo = [root]
        seen = {root}
        pages = {start_url: (start_soup, start_changed)}
        feed_urls: list[str] = []
        while todo:
            url = todo.pop(0)
            if url in pages:
                soup, changed = pages.pop(url)
            else:
                try:
                    resp, body, previous = self._get_page(url, "list")
                except FetchError as exc:
                    self._error(f"list page skipped: {exc}")
                    continue
                soup = parse_html(body, resp.charset)
                changed = listing_changed(module, previous, body, soup)
            page = module.parse_list(soup, url, root)
            self.result.list_pages += 1
            self._record(url, page, changed, found)
            if self.progress:
                self.progress.note(f"{self.blog['url']}: {self.result.list_pages} list pages read, "
                                   f"{len(found.listed_on)} posts found")
            for link in page.links:
                kind = module.classify(link, root)
                if kind == "post":
                    found.add_post(link)
                elif kind == "list" and link not in seen:
                    seen.add(link)
                    todo.append(link)
            feed_urls += [f for f in page.feeds if f not in feed_urls]
        self._walk_feeds(feed_urls, found)

    def _walk_feeds(self, feed_urls: list[str], found: Discovery) -> None:
        for url in feed_urls:
            try:
                resp, body, previous = self._get_page(url, "feed")
                page = feeds.parse_feed(body, url)
                changed = previous != body
            except (FetchError, feeds.FeedError) as exc:
                self._error(f"feed skipped: {exc}")
                continue
            self._record(url, page, changed, found)
            found.feed_items.update({with_scheme_of(u, self.blog["url"]): h for u, h in page.items.items()})

    def _record(self, url: str, page: ListPage, changed: bool, found: Discovery) -> None:
        found.changed[url] = changed
        for post in (with_scheme_of(p, self.blog["url"]) for p in page.posts):
            found.add_post(post)
            found.listed_on[post].append(url)
            if page.month:
                found.months[post] = page.month
            if page.category:
                found.categories[post].add(page.category)

    # ------------------------------------------------------------ decide

    def plan(self, found: Discovery) -> None:
        known = store.known_posts(self.db, self.blog["id"])
        queue: dict[str, str] = {}
        for url in found.listed_on:
            if url not in known:
                queue[url] = "new"
            elif self.refresh:
                queue[url] = "refresh"
            elif found.listed_on[url] and all(found.changed.get(p, False) for p in found.listed_on[url]):
                queue[url] = "listed pages changed"
            else:
                self.result.posts_skipped += 1
                self._update_hints(url, found.hints(url), known[url])
        if queue:
            store.queue_posts(self.db, self.blog["id"], queue)

    def _update_hints(self, url: str, hints: Hints, stored: dict) -> None:
        """A post not re-fetched: re-extract it from the stored page if what the lists say changed."""
        if (json.loads(stored["categories"] or "[]") == hints.categories
                and (not hints.archive_month or stored["archive_month"] == hints.archive_month)):
            return
        page = store.get_page_row(self.db, url)
        body = store.stored_body(page)
        if body is None:
            return
        post = extract_soup(parse_html(body), url, hints)
        with self.db.atomic():
            outcome = store.save_post(self.db, post, self.blog["id"])
        log.info("%s: re-extracted from the stored page (%s)", url, outcome)
        if outcome == "updated":
            self.result.posts_updated += 1

    # ------------------------------------------------------------ fetch and store

    def fetch_queued(self, found: Discovery) -> None:
        queued = store.queued_posts(self.db, self.blog["id"])
        progress = self.progress if queued else None
        if progress:
            progress.start(len(queued), self.blog["url"])
        try:
            for item in queued:
                url = item["url"]
                try:
                    self._fetch_post(url, found.hints(url))
                except FetchError as exc:
                    self._error(f"post skipped: {exc}")
                except PageBudget:
                    raise
                except Exception as exc:  # a page the extractor cannot handle must not stop the crawl
                    self._error(f"post skipped: {url}: cannot extract ({type(exc).__name__}: {exc})")
                if progress:
                    progress.advance()
        finally:
            if progress:
                progress.finish()

    def _fetch_post(self, url: str, hints: Hints) -> None:
        resp, body, _ = self._get_page(url, "post", save=False)
        post = extract_soup(parse_html(body, resp.charset), url, hints)
        with self.db.atomic():
            store.save_page(self.db, url=url, blog_id=self.blog["id"], kind="post", status=resp.status,
                            headers=resp.headers, body=None if resp.not_modified else body,
                            crawl_id=self.crawl_id)
            outcome = store.save_post(self.db, post, self.blog["id"])
            store.unqueue(self.db, url)
        setattr(self.result, f"posts_{outcome}", getattr(self.result, f"posts_{outcome}") + 1)
        log.debug("%s: %s", url, outcome)

    # ------------------------------------------------------------ helpers

    def _get_page(self, url: str, kind: str, save: bool = True) -> tuple[Response, bytes, bytes | None]:
        """Fetch conditionally. Returns the response, the body (the stored copy on 304), and the
        body stored before this request (None the first time)."""
        if self.max_pages is not None and self.fetcher.stats.requests - self._requests_at_start >= self.max_pages:
            raise PageBudget()
        row = store.get_page_row(self.db, url)
        stored = store.stored_body(row)
        if stored is None:
            resp = self.fetcher.get(url)
        else:
            resp = self.fetcher.get(url, etag=row["etag"], last_modified=row["last_modified"])
        body = stored if (resp.not_modified and stored is not None) else (resp.body or b"")
        final = try_normalize(resp.url) or url
        if final != url:
            log.info("%s redirected to %s", url, final)
        if save:
            with self.db.atomic():
                store.save_page(self.db, url=url, blog_id=self.blog["id"], kind=kind, status=resp.status,
                                headers=resp.headers, body=None if resp.not_modified else body,
                                crawl_id=self.crawl_id)
        return resp, body, stored

    def _error(self, message: str) -> None:
        log.error("%s", message)
        self.result.errors.append(message)


def listing_changed(module, previous: bytes | None, body: bytes, soup) -> bool:
    """Did this list page's listing change since the stored copy? A platform's ``listing_key``
    ignores furniture (a sidebar that changes on every page when a month is added)."""
    if previous is None:
        return True
    if previous == body:
        return False
    key = getattr(module, "listing_key", None)
    return key is None or key(parse_html(previous)) != key(soup)


@dataclass
class CrawlSummary:
    crawl_id: int
    blogs: list[BlogResult]
    requests: int
    fetched: int
    not_modified: int

    @property
    def errors(self) -> list[str]:
        return [e for b in self.blogs for e in b.errors]

    def count(self, name: str) -> int:
        return sum(getattr(b, name) for b in self.blogs)


def crawl_blogs(db, blogs: list[dict], fetcher: Fetcher, *, max_pages: int | None = None,
                refresh: bool = False, progress=None) -> CrawlSummary:
    """Crawl each blog in turn, logging the run in ``crawls``."""
    crawl_id = store.start_crawl(db, [b["url"] for b in blogs])
    results = []
    try:
        for blog in blogs:
            results.append(BlogCrawler(db, fetcher, blog, crawl_id, max_pages=max_pages,
                                       refresh=refresh, progress=progress).run())
    finally:
        summary = CrawlSummary(crawl_id, results, fetcher.stats.requests, fetcher.stats.fetched,
                               fetcher.stats.not_modified)
        stats = {
            "requests": summary.requests, "fetched": summary.fetched,
            "not_modified": summary.not_modified, "posts_new": summary.count("posts_new"),
            "posts_updated": summary.count("posts_updated"),
            "posts_unchanged": summary.count("posts_unchanged") + summary.count("posts_skipped"),
        }
        store.finish_crawl(db, crawl_id, stats, summary.errors)
        store.ensure_db_shape(db)
    return summary
