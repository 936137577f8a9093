"""The ``blogarchive`` command: thin click adapters over the library."""

from __future__ import annotations

import json
import logging
import os
import signal
import sqlite3
import sys
from pathlib import Path

import click

from . import __version__, platforms, schedule, store
from .crawl import crawl_blogs
from .extract import extract as extract_page
from .fetch import Fetcher
from .record import Post
from .urls import BadURL, normalize_url
from .workers import cores, ordered_map

DEFAULT_DB = "data/blogarchive.db"
DEFAULT_CONCURRENCY = 4     # hosts crawled at once by `crawl`
RECORD_KEYS = ("url", "title", "authors", "published", "archive_month", "categories", "tags", "text", "html",
               "provenance")


class CannotRun(click.ClickException):
    """The job could not run at all (bad input, unusable database): exit status 2."""

    exit_code = 2


def db_option(func):
    return click.option(
        "--db", "db_path", default=DEFAULT_DB, show_default=True,
        type=click.Path(dir_okay=False, path_type=Path), help="The archive's SQLite file.",
    )(func)


def jobs_option(func):
    return click.option(
        "--jobs", type=click.IntRange(min=1), default=None,
        help="Worker processes for parsing and extraction  [default: one per CPU core]",
    )(func)


def open_archive(path: Path):
    try:
        return store.open_db(path)
    except store.NotAnArchive as exc:
        raise CannotRun(f"cannot open the archive {path}: {exc}") from None
    except (sqlite3.Error, OSError) as exc:
        raise CannotRun(f"cannot open the archive {path}: {archive_error(exc)}") from None


def archive_error(exc: Exception) -> str:
    """A one-line reason for a database error a user can act on."""
    text = str(exc)
    if "readonly" in text or "read-only" in text:
        return "it is read-only (check the file's and its folder's permissions)"
    if "disk is full" in text or "disk I/O" in text:
        return "the disk is full"
    return text


class Locked(click.ClickException):
    """Another crawl holds the archive: exit status 3."""

    exit_code = 3


class Interrupted(click.ClickException):
    """Ctrl-C or SIGTERM: exit status 130."""

    exit_code = 130


def blog_url(value: str) -> str:
    try:
        return normalize_url(value)
    except BadURL as exc:
        raise CannotRun(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="blogarchive")
def cli():
    """Archive whole blogs into SQLite with full-text search, and publish them with Datasette.

    \b
    Example:
        blogarchive crawl https://example.weebly.com/blog
        blogarchive serve
    """


def platform_option(func):
    return click.option(
        "--platform", type=click.Choice(platforms.NAMES), default=None,
        help="The blog's platform, instead of detecting it from the start page.",
    )(func)


@cli.command()
@click.argument("urls", nargs=-1, required=True)
@db_option
@platform_option
def add(urls, db_path, platform):
    """Register blogs to crawl, by the URL of their blog index page.

    \b
    Example:
        blogarchive add https://example.weebly.com/blog
        blogarchive add https://example.org/ --platform wordpress
    """
    normalized = [blog_url(u) for u in urls]
    db = open_archive(db_path)
    for url in normalized:
        known = store.get_blog(db, url)
        try:
            blog_id = store.add_blog(db, url, platform)
        except store.InsideABlog as exc:
            raise CannotRun(f"{exc}; it is crawled with that blog") from None
        if known and platform:
            store.update_blog(db, blog_id, platform=platform)
        click.echo(f"{'already registered' if known and not known['unregistered'] else 'registered'}: {url}")


@cli.command(name="blogs")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines instead of a table.")
def list_blogs(db_path, as_json):
    """List the blogs in the archive: posts, last crawl, status and last error.

    \b
    Example:
        blogarchive blogs
    """
    db = open_archive(db_path)
    rows = store.blog_overview(db)
    for row in rows:
        if as_json:
            click.echo(json.dumps(row, ensure_ascii=False))
        else:
            click.echo(f"{row['url']}  [{row['platform'] or '?'}]  {row['posts']} posts  "
                       f"last crawled {row['last_crawled'] or 'never'}  {row['status']}"
                       + (f"  ({row['last_error']})" if row["last_error"] else ""))
    if not rows and not as_json:
        click.echo("no blogs registered; add one with: blogarchive add URL")


@cli.command()
@click.argument("url")
@db_option
@click.option("--purge", is_flag=True, help="Also delete the blog's posts, their revisions and its stored pages.")
def remove(url, db_path, purge):
    """Unregister a blog: it is crawled no more; its posts stay unless --purge.

    \b
    Example:
        blogarchive remove https://example.weebly.com/blog
        blogarchive remove https://example.weebly.com/blog --purge
    """
    db = open_archive(db_path)
    blog = store.get_blog(db, blog_url(url))
    if blog is None:
        raise CannotRun(f"not a registered blog: {url}")
    purged = store.remove_blog(db, blog["id"], purge=purge)
    click.echo(f"removed {blog['url']}" + (f" and its {purged} posts" if purge else "; its posts stay in the archive"))


@cli.command()
@click.argument("urls", nargs=-1)
@db_option
@click.option("--delay", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Seconds between two requests to the same host (0 for local sites).")
@click.option("--max-pages", type=click.IntRange(min=1), default=None,
              help="Stop each blog after this many requests; the rest waits for the next run.")
@click.option("--refresh", is_flag=True,
              help="Re-check every stored post (conditional requests), not only those a source says changed.")
@click.option("--timeout", type=click.FloatRange(min=1), default=30.0, show_default=True,
              help="Seconds a server has for a whole answer, headers and body.")
@click.option("--max-retry-after", type=click.FloatRange(min=0), default=120.0, show_default=True,
              help="Longest Retry-After to wait for; a page asking for more waits for the next run.")
@click.option("--max-list-pages", type=click.IntRange(min=1), default=2000, show_default=True,
              help="Most list pages, sitemaps and API pages read per blog per run (endless pagination stops here).")
@click.option("--full", is_flag=True,
              help="Read every list page, feed page and API page of each blog (a full pass), finding edits and "
                   "removals deep in the archive, and re-check the quarter of its posts fetched longest ago; "
                   "otherwise a run stops where nothing is new.")
@click.option("--full-every", type=click.IntRange(min=0), default=schedule.DEFAULT_EVERY_DAYS, show_default=True,
              metavar="DAYS", help="Give each blog a full pass every DAYS days, spread over the nights (0: every run).")
@click.option("--concurrency", type=click.IntRange(min=1), default=DEFAULT_CONCURRENCY, show_default=True,
              help="Hosts crawled at once, each in its own process with its own delay and robots.txt.")
@jobs_option
@click.option("--no-images", is_flag=True,
              help="Fetch no images of posts this run (they are fetched by the next run without it).")
@click.option("--max-image-mb", type=click.FloatRange(min=0, min_open=True), default=10.0, show_default=True,
              help="Largest image stored, in megabytes; a larger one is skipped.")
@platform_option
@click.option("-v", "--verbose", is_flag=True, help="Log every step.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors, and a blog's report only when posts are missing.")
def crawl(urls, db_path, delay, max_pages, refresh, timeout, max_retry_after, max_list_pages, full, full_every,
          concurrency, jobs, no_images, max_image_mb, platform, verbose, quiet):
    """Crawl every registered blog, or the blogs given (registering them).

    Every post of each blog is found (platform API, sitemaps, feeds, list
    pages) and only what changed since the last run is downloaded. A nightly
    run reads what shows whether anything is new (the feed, the first pages
    of the index or API, sitemaps) and stops there; each blog gets a full
    pass over every source on its first crawl, with --full, and every
    --full-every days. Several hosts are crawled at once (--concurrency).
    Each blog ends with a completeness report. Exit status: 0 when the crawl completed,
    1 when some pages failed or a blog's crawl stopped on an error (each is
    logged, the other blogs are still crawled), 2 when it could not run
    (bad option, unusable, foreign or read-only archive, full disk), 3 when
    another crawl is running on the archive, 130 when interrupted.

    \b
    Example:
        blogarchive crawl https://example.weebly.com/blog --delay 2
        blogarchive crawl https://example.org/ --platform wordpress
        blogarchive crawl --quiet          # from cron: every registered blog
        blogarchive crawl --full           # every list page of every blog
    """
    if verbose and quiet:
        raise CannotRun("--verbose and --quiet exclude each other")
    setup_logging(verbose, quiet)
    normalized = [blog_url(u) for u in urls]
    db = open_archive(db_path)
    for url in normalized:
        try:
            store.add_blog(db, url, platform)
        except store.InsideABlog as exc:
            raise CannotRun(f"{exc}; crawl that blog instead") from None
    blogs = [store.get_blog(db, u) for u in normalized] if normalized else store.list_blogs(db)
    if platform:
        for blog in blogs:
            store.update_blog(db, blog["id"], platform=platform)
            blog["platform"] = platform
    if not blogs:
        raise CannotRun("no blogs registered; add one with: blogarchive add URL")
    fetcher = Fetcher(delay=delay, timeout=(min(10.0, timeout), timeout), total_timeout=timeout,
                      max_retry_after=max_retry_after)
    progress = Progress() if (sys.stderr.isatty() and not quiet and not verbose) else None
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        summary = crawl_blogs(db, blogs, fetcher, max_pages=max_pages, refresh=refresh, progress=progress,
                              platform=platform, max_sources=max_list_pages, fetch_images=not no_images,
                              max_image_bytes=int(max_image_mb * 1024 * 1024), full=full, full_every=full_every,
                              concurrency=concurrency, jobs=jobs or cores())
    except store.CrawlLocked as exc:
        raise Locked(f"{exc}; try again when it has finished") from None
    except KeyboardInterrupt:
        raise Interrupted("interrupted; the crawl is logged as interrupted, and the next one resumes") from None
    except sqlite3.Error as exc:
        raise CannotRun(f"cannot write the archive {db_path}: {archive_error(exc)}") from None
    finally:
        signal.signal(signal.SIGTERM, previous)
        fetcher.close()
    for result in summary.blogs:
        incomplete = bool(result.missing or result.failed or result.queued_left)
        if not quiet or incomplete:
            click.echo(report_line(result))
    if not quiet:
        click.echo(
            f"crawl {summary.crawl_id}: {summary.requests} requests, {summary.fetched} downloaded, "
            f"{summary.not_modified} not modified, {len(summary.errors)} errors; "
            f"{summary.image_requests} image requests"
        )
    if summary.errors:
        sys.exit(1)


def blogs_option(func):
    return click.option("--blog", "blog_urls", multiple=True,
                        help="Only this blog (repeatable); default: every blog.")(func)


def chosen_blogs(db, blog_urls) -> list[dict]:
    """The registered blogs named by ``--blog`` (all when none is); a URL that is none stops the command."""
    if not blog_urls:
        return store.list_blogs(db)
    blogs = [store.get_blog(db, blog_url(u)) for u in blog_urls]
    for url, blog in zip(blog_urls, blogs):
        if blog is None:
            raise CannotRun(f"not a registered blog: {url}")
    return blogs


@cli.command()
@click.argument("out", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@db_option
@blogs_option
def warc(out, db_path, blog_urls):
    """Write the stored pages as a WARC 1.1 web archive (gzipped when OUT ends in .gz).

    Each fetched page becomes a request and a response record, which replay
    tools (pywb, ReplayWeb.page) and warcio read.

    \b
    Example:
        blogarchive warc data/archive.warc.gz
        blogarchive warc one-blog.warc.gz --blog https://example.weebly.com/blog
    """
    from .warc import write_warc

    db = open_archive(db_path)
    ids = [b["id"] for b in chosen_blogs(db, blog_urls)] if blog_urls else None
    try:
        written = write_warc(db, out, ids)
    except OSError as exc:
        raise CannotRun(f"cannot write {out}: {exc.strerror or exc}") from None
    click.echo(f"wrote {written} responses to {out}")


@cli.command()
@db_option
@blogs_option
@jobs_option
def reextract(db_path, blog_urls, jobs):
    """Re-run extraction over the stored pages, without the network.

    After an extractor improvement: each post is rebuilt from its stored raw
    page and what its sources said; changed posts are updated and their
    previous version kept in the revisions table. Pages are extracted by one
    worker process per core (--jobs); this process alone writes the archive.

    \b
    Example:
        blogarchive reextract
        blogarchive reextract --blog https://example.weebly.com/blog --jobs 2
    """
    from .reextract import reextract as run_reextract

    db = open_archive(db_path)
    blogs = chosen_blogs(db, blog_urls)
    try:
        result = run_reextract(db, blogs, jobs=jobs or cores())
    except sqlite3.Error as exc:
        raise CannotRun(f"cannot write the archive {db_path}: {archive_error(exc)}") from None
    for failure in result.failed:
        click.echo(f"failed: {failure}", err=True)
    click.echo(f"{result.pages} posts re-extracted: {result.updated} changed (earlier versions kept in revisions), "
               f"{result.unchanged} unchanged, {len(result.failed)} failed")
    if result.failed:
        sys.exit(1)


@cli.command()
@click.option("--format", "fmt", required=True, metavar="[csv|jsonl|parquet|markdown|atom]",
              help="csv (authors, categories, tags and provenance as JSON strings), jsonl (one JSON object "
                   "a line), parquet (list columns; needs --output), markdown (one file per post with YAML "
                   "front matter; --output is a folder) or atom (one Atom 1.0 feed).")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None,
              help="The file to write (a new or empty folder for markdown); default: standard output.")
@db_option
@blogs_option
@click.option("--author", default=None, help="Only posts by this author (the exact name).")
@click.option("--category", default=None, help="Only posts in this category.")
@click.option("--tag", default=None, help="Only posts with this tag.")
@click.option("--since", default=None, metavar="YYYY-MM-DD", help="Only posts published on or after this day.")
@click.option("--until", default=None, metavar="YYYY-MM-DD", help="Only posts published on or before this day.")
@click.option("--search", default=None, metavar="WORDS",
              help="Only posts whose title or body has every one of these words (full-text, stemmed; "
                   "no operators).")
def export(fmt, output, db_path, blog_urls, author, category, tag, since, until, search):
    """Write the archive's posts as CSV, JSON lines, Parquet, Markdown files or an Atom feed.

    Fields: id, blog, url, title, published, archive_month, authors,
    categories, tags, body_text, body_html, word_count, first_seen,
    last_changed, provenance. Newest first; posts the blog took down are
    left out. Filters combine (every one must hold). Posts are streamed:
    memory stays small however large the archive.

    \b
    Example:
        blogarchive export --format jsonl > posts.jsonl
        blogarchive export --format csv --output posts.csv --since 2024-01-01 --until 2024-06-30
        blogarchive export --format parquet --output posts.parquet --blog https://example.weebly.com/blog
        blogarchive export --format markdown --output posts/ --author "Angela Silak"
        blogarchive export --format atom --search "job interview" --output interviews.atom
    """
    import io

    import sqlite_utils

    from . import export as exporting

    fmt = fmt.strip().lower()
    try:
        if fmt not in exporting.FORMATS:
            raise exporting.ExportError(f"unknown format {fmt!r}: use one of {', '.join(exporting.FORMATS)}")
        filters = exporting.Filters(author=author, category=category, tag=tag, search=search,
                                    since=exporting.parse_day(since, "--since"),
                                    until=exporting.parse_day(until, "--until"))
        if search is not None:
            exporting.fts_query(search)
        if fmt == "parquet" and output is None:
            raise exporting.ExportError("--format parquet needs --output PATH (Parquet is not written to "
                                        "standard output)")
    except exporting.ExportError as exc:
        raise CannotRun(str(exc)) from None
    if not db_path.exists():
        raise CannotRun(f"no archive at {db_path}; run blogarchive crawl first")
    try:
        db = open_archive(db_path)
    except CannotRun:
        try:        # a published copy may well be read-only: export only reads it
            store.check_archive_file(db_path)
            db = sqlite_utils.Database(sqlite3.connect(f"file:{db_path.resolve()}?mode=ro", uri=True))
        except (store.NotAnArchive, sqlite3.Error) as exc:
            raise CannotRun(f"cannot open the archive {db_path}: {exc}") from None
    if blog_urls:
        chosen = chosen_blogs(db, blog_urls)
        filters.blog_ids = [b["id"] for b in chosen]
        filters.blog_urls = [b["url"] for b in chosen]
    else:
        filters.blog_urls = [row[0] for row in db.execute("SELECT url FROM blogs ORDER BY id")]
    stream = None
    if output is None:
        sys.stdout.flush()
        stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=False)
    try:
        count = exporting.export_posts(db.conn, filters, fmt, output, stream)
    except exporting.ExportError as exc:
        raise CannotRun(str(exc)) from None
    except BrokenPipeError:         # `| head`: the reader has all it wants
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    except sqlite3.Error as exc:
        raise CannotRun(f"cannot read the archive {db_path}: {archive_error(exc)}") from None
    except OSError as exc:
        raise CannotRun(f"cannot write {output}: {exc.strerror or exc}") from None
    finally:
        if stream is not None:
            try:
                stream.flush()
                stream.detach()
            except (BrokenPipeError, ValueError):
                pass
    if output is not None:
        click.echo(f"exported {count} posts to {output}", err=True)


def report_line(result) -> str:
    """One blog's completeness report on one line (and the missing posts on the lines after)."""
    sources = ", ".join(
        f"{kind} {s['read']} read/{s['named']} named" + (f"/total {s['total']}" if s.get("total") else "")
        for kind, s in result.sources.items() if s["read"])
    found = "posts found" if result.full else (
        f"posts named by what a nightly run read, {result.sources_skipped} sources left for the full pass")
    line = (f"{result.url} [{result.platform}]: {result.posts_found} {found} ({sources or 'no source'}), "
            f"{result.posts_stored} stored: {result.posts_new} new, {result.posts_updated} updated, "
            f"{result.posts_unchanged + result.posts_skipped} unchanged, {result.posts_removed} removed, "
            f"{result.not_posts} not posts, {len(result.errors)} failed")
    if result.postponed:
        line += f", {result.postponed} postponed (Retry-After)"
    if result.queued_left:
        line += f", {result.queued_left} queued"
    if result.images_fetched or result.image_errors or result.images_elsewhere:
        line += (f"; images: {result.images_fetched} stored ({result.image_bytes:,} bytes), "
                 f"{result.image_errors} failed, {result.images_elsewhere} elsewhere (not archived)")
    if result.failed:
        line += f"; CRAWL FAILED: {result.failed}"
    for url in result.missing[:20]:
        line += f"\n  missing: {url}"
    if len(result.missing) > 20:
        line += f"\n  … and {len(result.missing) - 20} more missing"
    return line


@cli.command()
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--url", default="", help="The URL the page was saved from.")
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A file of lines 'path<TAB>url': extract them all, one JSON line each.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one object per page).")
@jobs_option
def extract(file, url, manifest, as_json, jobs):
    """Extract the post record from saved pages, without the network.

    With --manifest, pages are extracted by one worker process per core (--jobs)
    and printed in the manifest's order.

    \b
    Example:
        blogarchive extract saved/post.html --url https://example.weebly.com/blog/a-post --json
        blogarchive extract --manifest pages.tsv --json > records.jsonl
        blogarchive extract --manifest pages.tsv --json --jobs 1 > records.jsonl
    """
    if bool(file) == bool(manifest):
        raise click.UsageError("give either FILE or --manifest, not both or neither")
    if file:
        try:
            post = extract_page(file.read_bytes(), url or file.resolve().as_uri())
        except Exception as exc:
            raise click.ClickException(f"{file}: cannot extract ({type(exc).__name__}: {exc})") from None
        click.echo(json.dumps(record(post), ensure_ascii=False, indent=None if as_json else 2))
        return
    failures = 0
    lines = (line for line in manifest.read_text(encoding="utf-8").splitlines() if line.strip())
    for out in ordered_map(extract_manifest_line, lines, jobs or cores()):
        failures += "error" in out
        click.echo(json.dumps(out, ensure_ascii=False))
    if failures:
        click.echo(f"{failures} pages failed", err=True)


def extract_manifest_line(line: str) -> dict:
    """The record (or the error) of one manifest line ``path<TAB>url``."""
    path, _, page_url = line.partition("\t")
    try:
        post = extract_page(Path(path).read_bytes(), page_url.strip() or Path(path).resolve().as_uri())
        return {"path": path, **record(post)}
    except Exception as exc:  # one bad page must not stop the batch
        return {"path": path, "error": f"{type(exc).__name__}: {exc}".splitlines()[0]}


def record(post: Post) -> dict:
    data = post.as_dict()
    return {key: data[key] for key in RECORD_KEYS}


@cli.command()
@db_option
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
def serve(db_path, port, host):
    """Browse, search and export the archive in Datasette.

    \b
    Example:
        blogarchive serve --port 8001
    """
    from .publish import serve_command

    if not db_path.exists():
        raise CannotRun(f"no archive at {db_path}; run blogarchive crawl first")
    try:
        open_archive(db_path).close()
    except CannotRun:
        try:        # a published copy may well be read-only: Datasette only reads it
            store.check_archive_file(db_path)
        except (store.NotAnArchive, sqlite3.Error) as exc:
            raise CannotRun(f"cannot serve {db_path}: {exc}") from None
    click.echo(f"Serving {db_path} at http://{host}:{port}/", err=True)
    argv = serve_command(db_path, port, host)
    sys.stderr.flush()
    os.execv(argv[0], argv)     # Datasette takes this process over: a kill of `serve` stops it


@cli.command(name="publish")
@click.argument("out_dir", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@db_option
@click.option("--force", is_flag=True, help="Write into DIR even when it is not empty, replacing what publish writes.")
@click.option("--base-url", default="/", show_default=True, metavar="/PREFIX/",
              help="The path prefix a reverse proxy serves the archive under (Datasette's base_url).")
@click.option("--allow-crawlers", is_flag=True,
              help="robots.txt lets crawlers read the posts (never SQL, searches or exports); "
                   "by default it disallows everything.")
def publish_command(out_dir, db_path, force, base_url, allow_crawlers):
    """Prepare DIR for a public, read-only Datasette deployment of the archive.

    DIR gets a consistent copy of the archive (blogarchive.db), metadata.json, the templates,
    static files and plugins, a pinned requirements.txt, a Dockerfile running `datasette serve
    -i`, and DEPLOY.md on running it with Docker, on a server, behind a proxy or with
    `datasette publish`. SQL gets 1 s at most and can only read.

    \b
    Example:
        blogarchive publish site
        cd site && docker build -t blogarchive . && docker run -p 8001:8001 blogarchive
    """
    import shlex

    from . import deploy

    try:
        args = deploy.publish_dir(db_path, out_dir, force=force, base_url=base_url, allow_crawlers=allow_crawlers)
    except deploy.PublishError as exc:
        raise CannotRun(str(exc)) from None
    size = (out_dir / deploy.PUBLIC_DB).stat().st_size
    click.echo(f"Published {db_path} ({size / 1e6:.1f} MB) to {out_dir}; see {out_dir / 'DEPLOY.md'}")
    click.echo(f"  Docker:    cd {out_dir} && docker build -t blogarchive . && docker run -p 8001:8001 blogarchive")
    click.echo(f"  Datasette: cd {out_dir} && datasette {shlex.join(args)} -h 127.0.0.1 -p 8001")


class Progress:
    """A progress bar on a terminal (cron gets log lines instead)."""

    def __init__(self):
        self.bar = None

    def note(self, message: str) -> None:
        """A one-line status that overwrites itself (discovery, before the total is known)."""
        click.echo(f"\r\x1b[K{message}", nl=False, err=True)

    def start(self, total: int, label: str) -> None:
        click.echo("\r\x1b[K", nl=False, err=True)
        self.bar = click.progressbar(length=total, label=f"fetching posts of {label}", file=sys.stderr)
        self.bar.__enter__()

    def advance(self) -> None:
        self.bar.update(1)

    def finish(self) -> None:
        self.bar.__exit__(None, None, None)


def _terminate(signum, frame):
    raise KeyboardInterrupt     # SIGTERM ends a crawl the way Ctrl-C does: logged, then exit 130


def setup_logging(verbose: bool, quiet: bool) -> None:
    level = logging.DEBUG if verbose else logging.ERROR if quiet else logging.WARNING
    fmt = "%(levelname)s: %(message)s" if sys.stderr.isatty() else "%(asctime)s %(levelname)s %(message)s"
    logging.basicConfig(level=level, format=fmt, stream=sys.stderr, force=True)
    logging.getLogger("urllib3").setLevel(logging.WARNING)
