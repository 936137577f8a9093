"""One crawl of the registered blogs: discover → plan → fetch → extract → store, per blog.

1. **Discover.** The start page is fetched and the blog's platform chosen
   (stored in ``blogs.platform``; ``--platform`` forces one). The platform
   names its sources as plans tried in order (an API; else sitemaps, feeds and
   list pages). Each source is fetched conditionally (a 304 is read from the
   stored copy, so discovery is always complete) and read into a ``Listing``:
   post URLs with what the source says of each, candidates to judge, further
   sources. Pagination and feed pages are followed only when no exhaustive
   source (an API, a sitemap) answered.
2. **Plan.** New posts and candidates are queued (table ``frontier``). A
   stored post is re-fetched when what a source says of it changed (an API's
   ``modified_gmt``, a sitemap's ``lastmod``, a feed item's text), or, where
   no source says anything of it, when every list page showing it changed. A
   stored post that no source names any more is re-checked once discovery was
   complete; a 404 or 410 marks it removed. The queue and the sources' new
   state are written in one transaction, so a killed crawl loses no edit.
3. **Fetch and store.** Each queued page is fetched, judged (a post, or a
   list, About or tag page that is never stored as one), extracted and stored
   with its raw page in one transaction, leaving the queue in that
   transaction: a killed crawl resumes where it stopped.

4. **Images.** A stored post's in-scope images are queued in its transaction
   and fetched after it (:mod:`~blogarchive.images`), through the same Fetcher,
   counted apart from the pages.

Each blog ends with a completeness report (sources used and what each named,
posts stored, posts named but not fetched, images), stored in ``crawls.report``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import traceback
from urllib.parse import urlsplit
from collections import deque
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone

from . import crawlpool, images, platforms, schedule, store, workers
from .discover.found import Discovery, Fetched, raised, read_source
from .extract import parse_page
from .extract.tree import select_one
from .fetch import FetchError, Fetcher, HostSkipped, Postponed, Response, same_site
from .platforms.base import ARCHIVE_SEGMENTS, Platform
from .reextract import extract_stored
from .record import Hints, Listing, Source
from .urls import try_normalize, with_scheme_of

log = logging.getLogger(__name__)

MAX_SOURCES = 2000          # default cap on sources read per blog per run (list pages, sitemaps, API pages)
GONE = (404, 410)
# sources whose reading depends on nothing but their own body: an unchanged one is read from
# what was stored of it (pages.listing) instead of being parsed again
STORED_LISTINGS = ("list", "feed", "sitemap")
# a blog's queue is extracted in worker processes when it has this many pages per worker
MIN_PARALLEL = 8
LIMIT = "--max-list-pages reached"      # in discovery's window: stop there
BATCH_SECONDS = 1.0     # a crawl that is the archive's only writer commits at most this often
RECHECK_PASSES = 4      # a full pass re-checks a quarter of a blog's stored posts, the least recently fetched


class ExtractionFailed(Exception):
    """The extractor raised on a page (in a worker process)."""


def _judge(task: tuple) -> tuple | str:
    """In a worker (or this process): what a fetched page is, its record and the better copies
    it offered of its images, from one parse, and a ``fresh`` page (not the stored copy a 304
    stands for) packed for storing; the error as text
    when the extractor fails (a worker's exception would end the whole map)."""
    platform_name, body, fresh, charset, url, hints, scope = task
    try:
        tree = parse_page(body, charset)
        better = images.better_copies(tree, url, scope)     # before extraction moves nodes out of the tree
        kind, post = platforms.get(platform_name).judge(tree, url, hints)
        return kind, post, better, store.pack_body(body) if fresh else None
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"


@dataclass
class BlogResult:
    url: str
    platform: str = "generic"
    sources: dict[str, dict] = field(default_factory=dict)   # kind -> {"read", "named", "total"}
    posts_found: int = 0
    posts_new: int = 0
    posts_updated: int = 0
    posts_unchanged: int = 0
    posts_skipped: int = 0
    posts_removed: int = 0
    posts_stored: int = 0
    not_posts: int = 0
    postponed: int = 0
    queued_left: int = 0
    missing: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed: str | None = None
    full: bool = True             # every source read; False: a nightly run that stopped where nothing was new
    sources_skipped: int = 0      # sources a nightly run left for the next full pass
    images_fetched: int = 0       # images are no pages: counted apart, and never errors of the crawl
    image_errors: int = 0
    image_bytes: int = 0
    images_elsewhere: int = 0     # remote images of stored posts out of scope: not archived

    def report(self) -> dict:
        keys = ("url", "platform", "sources", "posts_found", "posts_stored", "posts_new", "posts_updated",
                "posts_removed", "not_posts", "postponed", "queued_left", "missing", "failed", "full",
                "sources_skipped",
                "images_fetched", "image_errors", "image_bytes", "images_elsewhere")
        data = asdict(self)
        return {k: data[k] for k in keys}


class PageBudget(Exception):
    """--max-pages reached for this blog."""


class BlogCrawler:
    """Crawls one registered blog into the archive."""

    def __init__(self, db, fetcher: Fetcher, blog: dict, crawl_id: int, max_pages: int | None = None,
                 refresh: bool = False, progress=None, platform: str | None = None,
                 max_sources: int = MAX_SOURCES, image_fetcher: images.ImageFetcher | None = None,
                 full: bool = False, full_every: int = schedule.DEFAULT_EVERY_DAYS, jobs: int = 1,
                 batch_seconds: float = 0):
        self.db = db
        self.images = image_fetcher     # None: images are queued, not fetched (--no-images)
        self.fetcher = fetcher
        self.blog = blog
        self.crawl_id = crawl_id
        self.max_pages = max_pages
        self.refresh = refresh
        self.progress = progress
        self.forced = platform
        self.max_sources = max_sources
        self.platform: Platform = platforms.get("generic")
        self.result = BlogResult(url=blog["url"])
        self._requests_at_start = fetcher.stats.requests
        self.first_crawl = True
        self.resume_from = blog.get("resume_crawl")     # the crawl whose discovery --max-pages cut short
        self.forced_full = full
        self.jobs = max(1, jobs)        # worker processes reading and extracting the fetched pages
        self.pool = workers.LazyPool(self.jobs)
        self.batch_seconds = batch_seconds     # > 0 when this process is the archive's only writer
        self.full_every = full_every
        self.full = True                # decided by discover(): a full pass, or a nightly run
        self.known: dict[str, dict] = {}
        self.judged: dict[str, str | None] = {}

    # ------------------------------------------------------------ entry point

    def run(self) -> BlogResult:
        found = Discovery()
        try:
            with self.pool:
                found = self.discover()
                self.plan(found)
                self.fetch_queued(found)
            self._fetch_images()        # any left queued by an earlier run that was stopped
        except PageBudget:
            found.budget_hit = True
            log.warning("%s: stopped at --max-pages %s; the rest is queued for the next run",
                        self.blog["url"], self.max_pages)
        except FetchError as exc:
            self._error(str(exc))
        except sqlite3.Error:
            raise       # the archive itself failed (disk full, read-only): the whole crawl stops
        except Exception as exc:  # one blog's crash must not stop the others, nor be logged "ok"
            self.result.failed = f"{type(exc).__name__}: {exc}".splitlines()[0]
            log.error("%s: crawl failed: %s", self.blog["url"], self.result.failed)
            log.debug("%s", traceback.format_exc())
        try:
            self._finish_report(found)
            now = store.now_iso()
            fields = {"last_crawled": now, "resume_crawl": self.crawl_id if found.budget_hit else None}
            if self.full and found.complete and not found.budget_hit and not self.result.failed:
                fields["last_full"] = now
                fields["next_full"] = schedule.next_full_pass(self.blog["url"], datetime.now(timezone.utc),
                                                              self.full_every, first=self.first_crawl)
            if self.result.posts_found or self.forced:
                fields["platform"] = self.result.platform    # chosen once: kept for later crawls
            store.update_blog(self.db, self.blog["id"], **fields)
        except sqlite3.Error:
            raise
        except Exception as exc:
            self.result.failed = self.result.failed or f"{type(exc).__name__}: {exc}"
        return self.result

    # ------------------------------------------------------------ discover

    def discover(self) -> Discovery:
        start = self.blog["url"]
        self.fetcher.enter_blog(start)      # redirects stay on the blog's host; private addresses only if it is one
        resp, body, start_row = self._get(start, "list", save=True)
        tree = parse_page(body, resp.charset)
        platform = platforms.get(self.forced) or platforms.get(self.blog.get("platform"))
        if platform is None:
            platform = platforms.detect(tree, start)
        self.platform = platform
        self.result.platform = platform.name
        self.image_scope = images.Scope(self.blog["url"], platform.media_hosts)
        meta = select_one(tree, "meta[property='og:site_name'][content]")
        name = meta.get("content").strip() if meta is not None else ""
        if name:
            store.update_blog(self.db, self.blog["id"], name=name)
        root = platform.blog_root(tree, _same_site_final(start, resp.url))
        if root is None:
            raise FetchError(start, f"no {platform.name} blog found on this page; register the blog's own "
                                    "page (its index, such as …/blog)")
        if root != start:
            log.info("%s: blog root is %s", start, root)
        found = Discovery()
        context: dict = {}
        store.drop_staged(self.db, self.blog["id"])      # of a run killed before its plan
        self.first_crawl = not store.has_posts(self.db, self.blog["id"])
        self.full = (self.first_crawl or self.forced_full or self.refresh or bool(self.resume_from)
                     or schedule.full_pass_due(self.blog, datetime.now(timezone.utc), self.full_every))
        self.result.full = self.full
        self.known = store.known_posts(self.db, self.blog["id"])
        self.judged = store.other_pages(self.db, self.blog["id"])
        if not self.full:
            log.info("%s: nightly run (next full pass %s): reading only what shows whether anything is new",
                     start, self.blog.get("next_full"))
        robots_sitemaps = self.fetcher.robots_sitemaps(root)
        # every source stays on the blog's own host (a feed at feedburner, a sitemap on a CDN are left alone)
        plans = [[s for s in plan if _same_host(s.url, root)]
                 for plan in platform.source_plans(root, tree, robots_sitemaps)]
        plans = [plan for plan in plans if plan]
        parsed = {start: (resp, body, tree, start_row)}
        for number, plan in enumerate(plans):
            last = number == len(plans) - 1
            first = self._read(plan[0], root, found, context, parsed, quiet=not last)
            if found.budget_hit:
                break
            if first is None and not last:
                log.info("%s: %s did not answer; trying the next way to list posts", start, plan[0].url)
                found = Discovery()
                context = {}
                continue
            known_lists = [Source(u, "list") for u in store.list_pages_found(self.db, self.blog["id"])
                           if u not in {s.url for s in plan} and (self.full or _index_like(u))]
            found.found_lists = {s.url for s in known_lists}
            self._walk(plan + known_lists, root, found, context, parsed, first)
            break
        if found.skipped:
            found.exhaustive = False    # a nightly run: no removal is concluded from what it did not read
            self.result.sources_skipped = found.skipped
        elif not found.exhaustive and found.complete and self.result.sources.get("list", {}).get("read"):
            found.exhaustive = True     # every list page was walked: together they name every post
        platform.resolve(found.posts, context)
        for url in found.posts:
            found.candidates.pop(url, None)
        self.result.posts_found = len(found.named())
        log.info("%s: %d sources read, %d posts found", start,
                 sum(s["read"] for s in self.result.sources.values()), len(found.named()))
        return found

    def _walk(self, plan: list[Source], root: str, found: Discovery, context: dict, parsed: dict,
              first: Listing | None) -> None:
        """Read the plan's sources after the first (already read into ``first``) and every source they
        lead to, in the order they were found. On a full pass with workers, the next sources are
        fetched while the ones before are read in worker processes (parsing is the CPU of
        discovery); what they say is taken in that same order, so the result is the same."""
        queue = deque(plan)
        seen = {s.url for s in plan}
        came_from: dict[str, str] = {}      # source URL -> the source that led to it
        entry_points = {s.url for s in plan}   # the platform's own sources are always read
        ahead = self.jobs * workers.IN_FLIGHT if self.full and self.jobs > 1 else 1
        if ahead > 1:
            log.info("%s: list pages, feeds and sitemaps read in %d worker processes", self.blog["url"], self.jobs)
        window: deque = deque()             # (source, what its fetch gave) for the sources being read
        reads = 0
        stopped = False                     # no source is fetched ahead once a limit is reached
        with store.Batch(self.db, self.batch_seconds) as batch:
            while queue or window:
                batch.step()
                while queue and len(window) < ahead and not stopped:
                    source = queue.popleft()
                    if source is plan[0]:
                        window.append((source, first))
                    elif self._not_needed(source, found, parsed):
                        continue        # pagination is not needed when an API or sitemap listed everything
                    elif not self.full and source.url not in entry_points \
                            and not self._nightly_reads(source, found.news.get(came_from.get(source.url, "")), root):
                        found.skipped += 1
                    elif (reads := reads + 1) > self.max_sources:
                        window.append((source, LIMIT))
                        stopped = True
                    else:
                        fetched = self._fetch_source(source, root, parsed, self.pool if ahead > 1 else None)
                        stopped = isinstance(fetched.error, PageBudget)
                        window.append((source, fetched))
                if not window:
                    break
                source, fetched = window.popleft()
                if fetched is LIMIT:
                    self._error(f"{self.blog['url']}: stopped after {self.max_sources} list pages and other sources "
                                "(--max-list-pages); discovery incomplete, no post is marked removed")
                    found.complete = False
                    return
                if isinstance(fetched, Fetched):
                    # read also when a source before it turned out to list everything: it was fetched
                    listing = self._take(fetched, root, found, context, parsed)
                    if found.budget_hit:
                        log.warning("%s: --max-pages reached during discovery; the next run goes on from here",
                                    self.blog["url"])
                        return
                else:
                    listing = fetched
                for nxt in listing.sources if listing else []:
                    if nxt.url in seen:
                        continue
                    # a sitemap index may sit at the host's root, outside a blog that lives under a path
                    if not (self.platform.in_scope(nxt.url, root)
                            or (nxt.kind == "sitemap" and _same_host(nxt.url, root))):
                        continue
                    seen.add(nxt.url)
                    came_from[nxt.url] = source.url
                    if nxt.kind == source.kind:
                        nxt.continued = True
                        nxt.exhaustive = source.exhaustive   # the rest of an exhaustive list
                    queue.append(nxt)
                if self.progress:
                    self.progress.note(f"{self.blog['url']}: {reads} sources read, {found.count()} posts found")

    @staticmethod
    def _not_needed(source: Source, found: Discovery, parsed: dict) -> bool:
        return source.continued and not source.exhaustive and found.exhaustive and source.url not in parsed

    def _read(self, source: Source, root: str, found: Discovery, context: dict, parsed: dict,
              quiet: bool = False) -> Listing | None:
        """Fetch and read one source into ``found``; None when it could not be had."""
        return self._take(self._fetch_source(source, root, parsed), root, found, context, parsed, quiet)

    def _fetch_source(self, source: Source, root: str, parsed: dict,
                      pool: workers.LazyPool | None = None) -> Fetched:
        """Fetch a source (or take the start page fetched already); with ``pool``, start reading it
        in a worker process when its reading depends on its body alone."""
        fetched = Fetched(source)
        try:
            if source.url in parsed:
                fetched.resp, fetched.body, fetched.tree, fetched.row = parsed.pop(source.url)
                return fetched
            fetched.resp, fetched.body, fetched.row = self._get(source.url, source.kind)
        except (FetchError, PageBudget) as exc:
            fetched.error = exc
            return fetched
        resp, row = fetched.resp, fetched.row or {}
        if resp.not_modified and source.kind in STORED_LISTINGS and row.get("listing"):
            fetched.stored = Listing.from_json(row["listing"])     # unchanged: what it said is stored, no parse
        elif pool is not None and source.kind in STORED_LISTINGS:
            fetched.reading = pool.submit(read_source, ((self.crawl_id, self.blog["id"]), self.platform.name, source,
                                                         fetched.body, not resp.not_modified, resp.charset, root,
                                                         resp.headers))
        return fetched

    def _take(self, fetched: Fetched, root: str, found: Discovery, context: dict, parsed: dict,
              quiet: bool = False) -> Listing | None:
        """Read a fetched source (or take what a worker read of it) into ``found``; None when it
        could not be had."""
        source, resp, body, row = fetched.source, fetched.resp, fetched.body, fetched.row
        stats = self.result.sources.setdefault(source.kind, {"read": 0, "named": 0, "total": None})
        previous_key = (row or {}).get("listing_key")
        listing_json = packed = None    # what is stored of it: its listing, and its body packed
        try:
            if fetched.error is not None:
                raise fetched.error
            if fetched.stored is not None:
                listing, key, listing_json = fetched.stored, previous_key, row["listing"]
            elif fetched.reading is not None:
                listing, key, listing_json, packed = raised(fetched.reading.result())
            else:
                tree = fetched.tree
                if tree is None and source.kind == "list":
                    tree = parse_page(body, resp.charset)
                listing = self.platform.read(source, body, tree, root, resp.headers, context)
                key = self.platform.listing_key(source, listing, tree)
        except FetchError as exc:
            if source.optional and exc.status is not None and 400 <= exc.status < 500:
                log.info("%s: none here (%s)", source.url, exc.reason)
                if source.alternatives and self.first_crawl:   # later crawls don't probe again
                    nxt = replace(source, url=source.alternatives[0], alternatives=source.alternatives[1:])
                    return self._read(nxt, root, found, context, parsed, quiet)
                return None
            if quiet:
                log.info("%s", exc)
                return None
            self._error(f"{source.kind} skipped: {exc}")
            found.complete = False
            return None
        except PageBudget:
            found.complete = False
            found.budget_hit = True
            return None
        except ValueError as exc:   # a corrupt feed or sitemap, an API answering HTML
            if quiet:
                log.info("%s", exc)
                return None
            self._error(f"{source.kind} skipped: {exc}".splitlines()[0])
            found.complete = False
            return None
        stats["read"] += 1
        stats["named"] += len(listing.posts) + len(listing.candidates)
        if listing.total is not None:
            stats["total"] = max(stats["total"] or 0, listing.total)
        if previous_key and len(previous_key) > 40 and key != previous_key:   # stored before keys were digests
            previous_key = hashlib.sha1(previous_key.encode("utf-8")).hexdigest()
        found.changed[source.url] = key != previous_key
        if listing_json is None and source.kind in STORED_LISTINGS:
            listing_json = listing.to_json()
        # on disk, not in memory, until the plan's transaction commits it with the queue
        store.stage_page(self.db, crawl_id=self.crawl_id, blog_id=self.blog["id"], url=source.url, kind=source.kind,
                         status=resp.status, headers=resp.headers, request_headers=resp.request_headers,
                         body=None if resp.not_modified or packed else body, packed=packed,
                         listing_key=key, listing=listing_json)
        if source.exhaustive:
            found.exhaustive = True
        self._record(source, listing, found, root)
        found.news[source.url] = self._has_news(listing, source.kind)
        return listing

    def _nightly_reads(self, source: Source, parent_news: bool | None, root: str) -> bool:
        """Whether a nightly run reads ``source``: sitemaps (a few files that say when each post
        changed), a feed's or an API's first page and an API's name lists; the next page of a
        list, a paged feed or an API only after a page that named something new or changed (and
        the lists the platform needs for a new post's fields, such as Weebly's category pages).
        Other archive and category pages wait for the full pass."""
        if source.kind == "sitemap":
            return True
        if source.kind in ("feed", "api") and (not source.continued or source.optional):
            return True
        if source.kind == "list" and not source.paged:
            return bool(parent_news) and self.platform.nightly_list(source.url, root)
        return bool(parent_news)

    @staticmethod
    def _stored_keys(row: dict) -> dict:
        """What the sources said of a stored post when it was fetched (its ``source_keys``), read
        once per crawl: every list page naming the post asks."""
        keys = row.get("_keys")
        if keys is None:
            keys = row["_keys"] = json.loads(row["source_keys"] or "{}")
        return keys

    def _has_news(self, listing: Listing, kind: str) -> bool:
        """Whether a source (its links within the blog) names a post this archive does not have
        (or has removed), a page it never judged, or a post whose key (API modified time, sitemap
        lastmod, feed item) changed."""
        for url in list(listing.posts) + listing.candidates:
            url = with_scheme_of(url, self.blog["url"])
            row = self.known.get(url)
            if row is None:
                if url not in self.judged:
                    return True
                continue
            if row["removed_at"]:
                return True
            key = listing.keys.get(url)
            if key is not None and self._stored_keys(row).get(kind) not in (None, key):
                return True
        return False

    def _record(self, source: Source, listing: Listing, found: Discovery, root: str) -> None:
        """Add what a source named to ``found``: only pages of this blog (same host, under its path),
        spelt with the blog's own scheme (a feed's https:// links for a blog served over http://)."""
        blog = root
        outside = [u for u in list(listing.posts) + listing.candidates if not self.platform.in_scope(u, root)]
        if outside:
            log.info("%s: %d links outside the blog left alone (such as %s)", source.url, len(outside), outside[0])
            listing.posts = {u: h for u, h in listing.posts.items() if self.platform.in_scope(u, root)}
            listing.candidates = [u for u in listing.candidates if self.platform.in_scope(u, root)]
        for url, hints in listing.posts.items():
            url = with_scheme_of(url, blog)
            known = found.posts.get(url)
            found.posts[url] = known.merge(hints) if known else hints
            found.listed_on[url].append(source.url)
        for url in listing.candidates:
            url = with_scheme_of(url, blog)
            if url not in found.posts:
                found.candidates[url] = None
            found.listed_on[url].append(source.url)
        for url, key in listing.keys.items():
            found.by_kind[source.kind][with_scheme_of(url, blog)] = key

    # ------------------------------------------------------------ plan

    def plan(self, found: Discovery) -> None:
        known, judged = self.known, self.judged     # read by discover()
        queue: dict[str, str] = {}
        refreshed_keys: dict[str, str] = {}
        for url in found.named():
            keys = found.keys(url)
            if url in known:
                row = known[url]
                stored_keys = self._stored_keys(row)
                if row["removed_at"]:
                    queue[url] = "named again"
                elif self.refresh:
                    queue[url] = "refresh"
                elif any(stored_keys.get(kind) not in (None, key) for kind, key in keys.items()):
                    queue[url] = "changed"
                elif self.full and not any(kind in stored_keys for kind in keys) and found.listed_on[url] \
                        and all(found.changed.get(p, False) for p in found.listed_on[url]):
                    queue[url] = "listed pages changed"
                else:
                    self.result.posts_skipped += 1
                    if any(kind not in stored_keys for kind in keys):
                        refreshed_keys[url] = json.dumps({**stored_keys, **keys}, sort_keys=True)
                    if found.complete:       # partial hints (a cut-short discovery) would lose terms
                        self._update_hints(url, found.posts.get(url), row)
            elif url in judged:
                stored_keys = json.loads(judged[url] or "{}")
                if self.refresh or any(stored_keys.get(kind) not in (None, key) for kind, key in keys.items()):
                    queue[url] = "candidate changed"
            else:
                queue[url] = "new" if url in found.posts else "candidate"
        if found.complete and found.exhaustive:
            named = set(found.named())
            for url, row in known.items():
                if url not in named and not row["removed_at"]:
                    queue[url] = "no longer listed"
        if self.full and found.complete and not self.refresh:
            rechecks = self._rechecks(queue, found)
            queue.update(rechecks)
            self.result.posts_skipped -= len(rechecks)
        with store.transaction(self.db):
            if queue:
                store.queue_posts(self.db, self.blog["id"], queue)
            for url, keys in refreshed_keys.items():
                store.set_source_keys(self.db, url, keys)
            store.commit_staged(self.db, self.crawl_id, self.blog["id"],
                                {url: "listing" for url in found.found_lists})
        # what only discovery and the plan needed (a first crawl of a big blog holds a hundred
        # thousand posts' worth): fetching needs the hints and keys alone
        found.listed_on.clear()
        found.changed.clear()
        found.news.clear()
        self.known, self.judged = {}, {}

    def _rechecks(self, queue: dict[str, str], found: Discovery) -> dict[str, str]:
        """The stored posts a full pass asks for again (conditionally) although no source showed a
        change: the share fetched longest ago, so that every post is looked at within
        RECHECK_PASSES full passes. A list page may show only the start of a post (Weebly's "Read
        more", a theme's excerpts) and a sitemap may give no date: an edit further down shows
        nowhere else."""
        due = sorted((row.get("fetched_by") or 0, url) for url, row in self.known.items()
                     if url not in queue and not row["removed_at"] and (url in found.posts or url in found.candidates))
        return {url: "re-check" for _, url in due[:-(-len(due) // RECHECK_PASSES)]}

    def _update_hints(self, url: str, hints: Hints | None, stored: dict) -> None:
        """A post not re-fetched: re-extract it from the stored page if what the sources say changed."""
        if hints is None:
            return
        if (not hints.categories or json.loads(stored["categories"] or "[]") == hints.categories) \
                and (not hints.archive_month or stored["archive_month"] == hints.archive_month):
            return
        post = extract_stored(self.platform, store.get_page_row(self.db, url) or {}, url, hints)
        if post is None:
            return
        with store.transaction(self.db):
            outcome = store.save_post(self.db, post, self.blog["id"])
            store.set_hints(self.db, url, hints.pack())
        log.info("%s: re-extracted from the stored page (%s)", url, outcome)
        if outcome == "updated":
            self.result.posts_updated += 1

    # ------------------------------------------------------------ fetch and store

    def fetch_queued(self, found: Discovery) -> None:
        """Fetch each queued page (one at a time: the host's delay holds), judge and extract it
        (in worker processes when there are many: extraction is the CPU of a crawl, and a page
        is judged while the next ones are fetched), and store it, in the queue's order."""
        count = store.queued_count(self.db, self.blog["id"])
        queued = store.queued_posts(self.db, self.blog["id"])
        progress = self.progress if count else None
        if progress:
            progress.start(count, self.blog["url"])
        fetched: deque = deque()        # (url, reason, resp), in the order of the results
        stop: list[BaseException] = []
        jobs = self.jobs if count >= MIN_PARALLEL * self.jobs else 1
        try:
            pages = self._fetch_each(queued, fetched, stop, progress, found)
            with store.Batch(self.db, self.batch_seconds) as batch:
                for judged in workers.ordered_map(_judge, pages, jobs, self.pool):
                    batch.step()
                    url, reason, resp = fetched.popleft()
                    try:
                        if isinstance(judged, str):
                            raise ExtractionFailed(judged)
                        self._store_judged(url, reason, resp, judged, found)
                    except sqlite3.Error:
                        raise               # the archive itself failing (disk full) stops the run
                    except Exception as exc:  # a page the extractor cannot handle must not stop the crawl
                        self._error(f"post skipped: {url}: cannot extract ({exc})")
        finally:
            if progress:
                progress.finish()
        if stop:
            raise stop[0]

    def _fetch_each(self, queued: Iterator[tuple[str, str]], fetched: deque, stop: list, progress,
                    found: Discovery):
        """Fetch the queued pages in turn, yielding what extraction needs of each and keeping the
        rest in ``fetched``; a fetch that fails is logged (a 404 or 410 marks a post removed)."""
        for url, reason in queued:
            try:
                resp, body, _ = self._get(url, "post", save=False)
            except FetchError as exc:
                if exc.status in GONE:
                    self._gone(url, exc)
                elif isinstance(exc, Postponed):
                    self.result.postponed += 1
                    log.warning("%s", exc)          # stays queued for the next run
                elif isinstance(exc, HostSkipped):
                    self._error(f"posts left for the next run: {exc}")
                    return
                else:
                    self._error(f"post skipped: {exc}")
                continue
            except PageBudget as exc:   # stops the run once what was fetched is stored
                stop.append(exc)
                return
            finally:
                if progress:
                    progress.advance()
            task = (self.platform.name, body, not resp.not_modified, resp.charset, url, found.posts.get(url),
                    self.image_scope)
            resp.body = None        # the worker packs the body for storing
            fetched.append((url, reason, resp))
            yield task

    def _store_judged(self, url: str, reason: str, resp: Response, judged: tuple,
                      found: Discovery) -> None:
        kind, post, better, packed = judged
        hints = found.posts.packed(url)
        keys = json.dumps(found.keys(url), sort_keys=True)
        page = dict(url=url, blog_id=self.blog["id"], status=resp.status, headers=resp.headers,
                    request_headers=resp.request_headers,
                    body=None, packed=packed, crawl_id=self.crawl_id,
                    source_keys=keys,
                    hints=hints)
        if not self.platform.is_post(kind, post):
            with store.transaction(self.db):     # a list page found this way is read as a source from now on
                store.save_page(self.db, kind="listing" if kind == "list" else "other", **page)
                store.unqueue(self.db, url)
            self.result.not_posts += 1
            log.info("%s: not a post (%s page), not stored as one", url, kind)
            return
        with store.transaction(self.db):
            store.save_page(self.db, kind="post", **page)
            outcome = store.save_post(self.db, post, self.blog["id"])
            store.unqueue(self.db, url)
            self.result.images_elsewhere += images.queue_post_images(self.db, url, self.blog["id"], post.html,
                                                                     self.image_scope, better)
        setattr(self.result, f"posts_{outcome}", getattr(self.result, f"posts_{outcome}") + 1)
        log.debug("%s: %s (%s)", url, outcome, reason)
        self._fetch_images()

    def _fetch_images(self) -> None:
        if self.images is not None:
            got = self.images.fetch_queued(self.blog["id"])
            self.result.images_fetched += got.fetched
            self.result.image_errors += got.errors
            self.result.image_bytes += got.bytes

    def _gone(self, url: str, exc: FetchError) -> None:
        """A page that answers 404/410: a stored post is marked removed; a named one is missing."""
        with store.transaction(self.db):
            removed = store.mark_removed(self.db, url)
            store.unqueue(self.db, url)
        if removed:
            self.result.posts_removed += 1
            log.info("%s: removed from the blog (%s); kept, marked removed", url, exc.reason)
        else:
            self._error(f"post skipped: {exc}")

    # ------------------------------------------------------------ helpers

    def _get(self, url: str, kind: str, save: bool = False) -> tuple[Response, bytes, dict | None]:
        """Fetch conditionally. Returns the response (headers completed from the stored copy on 304),
        the body (the stored copy on 304) and the stored page row (None the first time).

        A source already read by the discovery this run resumes (one that --max-pages stopped)
        is taken from its stored copy without a request, so every run gets further."""
        row = store.get_page_row(self.db, url)
        stored = store.stored_body(row)
        if (self.resume_from and row and stored is not None and row["crawl_id"] == self.resume_from
                and kind in ("list", "feed", "sitemap", "api")):
            return Response(url=url, status=304, headers=json.loads(row["headers"] or "{}"), body=None), stored, row
        if self.max_pages is not None and self.fetcher.stats.requests - self._requests_at_start >= self.max_pages:
            raise PageBudget()
        if stored is None:
            resp = self.fetcher.get(url)
        else:
            resp = self.fetcher.get(url, etag=row["etag"], last_modified=row["last_modified"])
        if resp.not_modified and stored is not None:
            resp.headers = {**json.loads(row["headers"] or "{}"), **resp.headers}
        body = stored if (resp.not_modified and stored is not None) else (resp.body or b"")
        if resp.url != url:
            log.info("%s redirected to %s", url, resp.url)
        if save:
            with store.transaction(self.db):
                store.save_page(self.db, url=url, blog_id=self.blog["id"], kind=kind, status=resp.status,
                                headers=resp.headers, body=None if resp.not_modified else body,
                                crawl_id=self.crawl_id, request_headers=resp.request_headers)
        return resp, body, row

    def _error(self, message: str) -> None:
        log.error("%s", message)
        self.result.errors.append(message)

    def _finish_report(self, found: Discovery) -> None:
        self.result.queued_left = store.queued_count(self.db, self.blog["id"])
        stored = store.post_urls(self.db, self.blog["id"])
        self.result.posts_stored = sum(stored.values())
        judged = store.other_pages(self.db, self.blog["id"])
        self.result.missing = [u for u in found.posts if u not in stored and u not in judged]


def _same_site_final(url: str, final: str) -> str:
    """Where the start page really is, when it redirected within its site (``www.``, ``https``)."""
    if final and same_site(urlsplit(url).netloc, urlsplit(final).netloc):
        return try_normalize(final) or url
    return url


def _index_like(url: str) -> bool:
    """A list page found earlier that a nightly run reads too: a blog index (``/blog/``), not a
    tag, category, author or date archive (a full pass reads those)."""
    segments = [s for s in urlsplit(url).path.lower().split("/") if s]
    return not any(s in ARCHIVE_SEGMENTS or s.isdigit() for s in segments)


def _same_host(url: str, root: str) -> bool:
    return urlsplit(url).netloc == urlsplit(root).netloc


@dataclass
class CrawlSummary:
    crawl_id: int
    blogs: list[BlogResult]
    requests: int
    fetched: int
    not_modified: int
    image_requests: int = 0

    @property
    def errors(self) -> list[str]:
        return [e for b in self.blogs for e in b.errors] + [f"{b.url}: {b.failed}" for b in self.blogs if b.failed]

    @property
    def failed(self) -> list[BlogResult]:
        return [b for b in self.blogs if b.failed]

    def count(self, name: str) -> int:
        return sum(getattr(b, name) for b in self.blogs)


def crawl_blogs(db, blogs: list[dict], fetcher: Fetcher, *, max_pages: int | None = None,
                refresh: bool = False, progress=None, platform: str | None = None,
                max_sources: int = MAX_SOURCES, fetch_images: bool = True,
                max_image_bytes: int = images.MAX_IMAGE_BYTES, full: bool = False,
                full_every: int = schedule.DEFAULT_EVERY_DAYS, concurrency: int = 1,
                jobs: int = 1) -> CrawlSummary:
    """Crawl the blogs, logging the run and each blog's completeness report in ``crawls``.

    A blog gets a full pass (every source) on its first crawl, with ``full`` or ``refresh``, and
    every ``full_every`` days (:mod:`~blogarchive.schedule`); other runs stop where nothing is
    new. With ``concurrency`` above 1, that many hosts are crawled at once, each by its own
    worker process (:mod:`~blogarchive.crawlpool`); otherwise blog after blog in this process.

    The ``crawls`` row says how the run ended: ``ok``, ``partial`` (some pages failed), ``failed``
    (a blog's crawl stopped on an error), ``interrupted`` (Ctrl-C, SIGTERM); a row left ``running``
    by a process that died is marked ``stale`` by the next crawl. Raises ``store.CrawlLocked``
    while another crawl runs on the archive.
    """
    crawl_id = store.start_crawl(db, [b["url"] for b in blogs])
    image_fetcher = images.ImageFetcher(db, fetcher, max_image_bytes) if fetch_images else None
    options = dict(max_pages=max_pages, refresh=refresh, platform=platform, max_sources=max_sources,
                   full=full, full_every=full_every)
    results: list[BlogResult] = []
    image_requests = 0
    status = "failed"
    try:
        if concurrency > 1 and len(crawlpool.host_groups(blogs)) > 1:
            # the hosts' worker processes share the cores; each extracts its own pages
            db_path = db.execute("PRAGMA database_list").fetchone()[2]
            image_requests = crawlpool.crawl_concurrently(
                db_path, crawl_id, blogs, fetcher, options, concurrency,
                max_image_bytes if fetch_images else None, results, fetcher.stats)
        else:
            for blog in blogs:
                # the only writer: a fast host's pages are committed a second's worth at a time
                results.append(BlogCrawler(db, fetcher, blog, crawl_id, progress=progress,
                                           image_fetcher=image_fetcher, jobs=jobs,
                                           batch_seconds=BATCH_SECONDS, **options).run())
        status = None
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        image_requests += image_fetcher.stats.requests if image_fetcher else 0
        summary = CrawlSummary(crawl_id, results, fetcher.stats.requests, fetcher.stats.fetched,
                               fetcher.stats.not_modified, image_requests)
        stats = {
            "requests": summary.requests, "fetched": summary.fetched,
            "not_modified": summary.not_modified, "posts_new": summary.count("posts_new"),
            "posts_updated": summary.count("posts_updated"),
            "posts_unchanged": summary.count("posts_unchanged") + summary.count("posts_skipped"),
            "posts_removed": summary.count("posts_removed"),
            "image_requests": summary.image_requests, "images_fetched": summary.count("images_fetched"),
            "image_errors": summary.count("image_errors"), "image_bytes": summary.count("image_bytes"),
        }
        if status is None:
            status = "failed" if summary.failed else "partial" if summary.errors else "ok"
        try:
            store.finish_crawl(db, crawl_id, stats, summary.errors, status=status,
                               report=[r.report() for r in results])
            store.ensure_db_shape(db)
        except sqlite3.Error as exc:     # the archive can't be written (disk full): the row stays "running"
            log.error("could not log the end of crawl %s: %s", crawl_id, exc)
    return summary
