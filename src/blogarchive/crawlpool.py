"""Several hosts crawled at once (``blogarchive crawl --concurrency N``).

Blogs are grouped by host (``www.`` or not): one group is crawled by one worker process, blog after
blog, so a host never gets two requests at once and its delay, robots.txt, ``Crawl-delay`` and
error budget stay one host's. Each worker has its own fetcher (with the run's settings) and its
own connection to the archive; every write is one short ``BEGIN IMMEDIATE`` transaction, so SQLite
lets one writer at a time in and the archive stays consistent whatever the workers' order. Worker
processes, not threads: parsing gets every core, and the fetcher's deadline on a server that drips
its answer (SIGALRM) works in each worker's main thread.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
from concurrent.futures import FIRST_COMPLETED, wait
from dataclasses import fields
from pathlib import Path
from urllib.parse import urlsplit

from . import workers
from .fetch import Fetcher, FetchStats, site_key

log = logging.getLogger(__name__)


def host_groups(blogs: list[dict]) -> list[list[dict]]:
    """The blogs grouped by host, in their order; the biggest groups first would not help a
    nightly run (its cost is the number of hosts with news), so the registry's order is kept."""
    groups: dict[str, list[dict]] = {}
    for blog in blogs:
        groups.setdefault(site_key(urlsplit(blog["url"]).netloc), []).append(blog)
    return list(groups.values())


def fetcher_settings(fetcher: Fetcher) -> dict:
    """What a worker needs to build a fetcher like ``fetcher`` (its init fields, fresh stats)."""
    return {f.name: getattr(fetcher, f.name) for f in fields(fetcher) if f.init and f.name != "stats"}


def add_stats(total: FetchStats, part: FetchStats) -> None:
    for f in fields(FetchStats):
        setattr(total, f.name, getattr(total, f.name) + getattr(part, f.name))


def _crawl_group(db_path: str, crawl_id: int, blogs: list[dict], settings: dict, options: dict,
                 max_image_bytes: int | None):
    """In a worker: crawl one host's blogs; returns their results, the fetcher's stats and the
    number of image requests (None for ``max_image_bytes``: images are queued, not fetched)."""
    from . import images, store
    from .crawl import BlogCrawler

    signal.signal(signal.SIGINT, signal.SIG_IGN)     # the parent decides when the run stops
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    db = store.open_db(db_path)
    fetcher = Fetcher(**settings)
    image_fetcher = images.ImageFetcher(db, fetcher, max_image_bytes) if max_image_bytes else None
    try:
        results = [BlogCrawler(db, fetcher, blog, crawl_id, image_fetcher=image_fetcher, **options).run()
                   for blog in blogs]
        return results, fetcher.stats, image_fetcher.stats.requests if image_fetcher else 0
    finally:
        fetcher.close()
        db.close()


def crawl_concurrently(db_path: Path, crawl_id: int, blogs: list[dict], fetcher: Fetcher, options: dict,
                       concurrency: int, max_image_bytes: int | None, results: list, stats: FetchStats) -> int:
    """Crawl ``blogs`` with up to ``concurrency`` hosts at once, appending each blog's result to
    ``results`` as it ends and adding the workers' fetch stats to ``stats``; returns the number of
    image requests. Ctrl-C or SIGTERM stops the workers (a write they were in rolls back; the
    next run resumes from the queue)."""
    groups = host_groups(blogs)
    settings = fetcher_settings(fetcher)
    image_requests = 0
    pool = workers.pool(max(1, min(concurrency, len(groups))), mp_context=multiprocessing.get_context("fork"))
    try:
        pending = {pool.submit(_crawl_group, str(db_path), crawl_id, group, settings, options, max_image_bytes)
                   for group in groups}
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                done, part, images = future.result()
                add_stats(stats, part)
                image_requests += images
                results.extend(done)
                for result in done:
                    log.info("%s: crawled (%d of %d blogs)", result.url, len(results), len(blogs))
    except BaseException:
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    order = {blog["url"]: index for index, blog in enumerate(blogs)}
    results.sort(key=lambda result: order.get(result.url, len(order)))
    return image_requests
