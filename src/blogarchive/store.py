"""The archive: one SQLite file, shaped and written through sqlite-utils.

The shape is declared as data (``TABLES``, ``INDEXES``) and applied by
``ensure_db_shape`` on every open, so an older archive is upgraded in place:
missing tables and columns are added, nothing is dropped. Every write that
belongs together runs in one transaction, so a killed crawl leaves either the
whole post or none of it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import socket
import sqlite3
import time
import zlib
from collections.abc import Iterator
from urllib.parse import urlsplit
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils
from sqlite_utils.db import DescIndex

from .record import Post

TABLES: dict[str, dict] = {
    "blogs": {
        "columns": {
            "id": int, "url": str, "name": str, "platform": str, "added": str, "last_crawled": str,
            "resume_crawl": int, "unregistered": str, "last_full": str, "next_full": str,
        },
        "pk": "id",
        "not_null": {"url"},
    },
    "posts": {
        "columns": {
            "id": int, "blog_id": int, "url": str, "title": str, "published": str,
            "archive_month": str, "authors": str, "categories": str, "tags": str,
            "body_html": str, "body_text": str, "word_count": int, "platform": str,
            "content_hash": str, "first_seen": str, "last_seen": str, "last_changed": str,
            "removed_at": str, "provenance": str,
        },
        "pk": "id",
        "not_null": {"url"},
        "foreign_keys": [("blog_id", "blogs", "id")],
    },
    "authors": {"columns": {"id": int, "name": str}, "pk": "id", "not_null": {"name"}},
    "categories": {"columns": {"id": int, "name": str}, "pk": "id", "not_null": {"name"}},
    "posts_authors": {
        "columns": {"posts_id": int, "authors_id": int},
        "pk": ("posts_id", "authors_id"),
        "foreign_keys": [("posts_id", "posts", "id"), ("authors_id", "authors", "id")],
    },
    "posts_categories": {
        "columns": {"posts_id": int, "categories_id": int},
        "pk": ("posts_id", "categories_id"),
        "foreign_keys": [("posts_id", "posts", "id"), ("categories_id", "categories", "id")],
    },
    "tags": {"columns": {"id": int, "name": str}, "pk": "id", "not_null": {"name"}},
    "posts_tags": {
        "columns": {"posts_id": int, "tags_id": int},
        "pk": ("posts_id", "tags_id"),
        "foreign_keys": [("posts_id", "posts", "id"), ("tags_id", "tags", "id")],
    },
    "crawls": {
        "columns": {
            "id": int, "started": str, "finished": str, "status": str, "blogs": str, "pid": int, "host": str,
            "requests": int, "fetched": int, "not_modified": int, "posts_new": int,
            "posts_updated": int, "posts_unchanged": int, "posts_removed": int, "errors": int,
            "error_log": str, "report": str,
            # images are counted apart from pages: requests made for them, stored, failed, bytes stored
            "image_requests": int, "images_fetched": int, "image_errors": int, "image_bytes": int,
        },
        "pk": "id",
    },
    "pages": {
        "columns": {
            "id": int, "blog_id": int, "url": str, "kind": str, "status": int,
            "content_type": str, "etag": str, "last_modified": str, "headers": str,
            "body": bytes, "body_size": int, "body_hash": str, "fetched_at": str,
            "crawl_id": int, "listing_key": str, "source_keys": str, "hints": str, "request_headers": str,
            "listing": str,
        },
        "pk": "id",
        "not_null": {"url"},
        "foreign_keys": [("blog_id", "blogs", "id"), ("crawl_id", "crawls", "id")],
    },
    # Earlier versions of posts: what a post was before a crawl (or reextract) changed it.
    "revisions": {
        "columns": {
            "id": int, "post_id": int, "url": str, "title": str, "published": str, "archive_month": str,
            "authors": str, "categories": str, "tags": str, "body_html": str, "body_text": str,
            "content_hash": str, "seen_from": str, "replaced_at": str, "reason": str,
        },
        "pk": "id",
        "not_null": {"post_id"},
        "foreign_keys": [("post_id", "posts", "id")],
    },
    # The images of posts, one row per URL a post body names (in scope only: see images.py). A row
    # with no fetched_at is queued; one with a body is stored (served at /-/images/<sha256>);
    # one without is an image that failed, with its status and error: queued again when its post
    # is stored again (or, when its server may answer later, left queued for the next run).
    "images": {
        "columns": {
            "id": int, "blog_id": int, "url": str, "source_url": str, "status": int, "content_type": str,
            "sha256": str, "size": int, "body": bytes, "error": str, "fetched_at": str,
        },
        "pk": "id",
        "not_null": {"url"},
        "foreign_keys": [("blog_id", "blogs", "id")],
    },
    "posts_images": {
        "columns": {"posts_id": int, "images_id": int},
        "pk": ("posts_id", "images_id"),
        "foreign_keys": [("posts_id", "posts", "id"), ("images_id", "images", "id")],
    },
    # Post URLs found but not yet stored: a killed crawl picks them up next time.
    "frontier": {
        "columns": {"url": str, "blog_id": int, "reason": str, "queued_at": str},
        "pk": "url",
        "foreign_keys": [("blog_id", "blogs", "id")],
    },
    # Sources a crawl's discovery read, waiting on disk (not in memory) for the plan's transaction,
    # which moves them into pages together with the queue they led to. A killed crawl's rows are
    # dropped by the blog's next crawl, which reads those sources again.
    "staged_pages": {
        "columns": {
            "id": int, "crawl_id": int, "blog_id": int, "url": str, "kind": str, "status": int,
            "headers": str, "request_headers": str, "body": bytes, "body_size": int, "body_hash": str,
            "listing_key": str, "listing": str,
        },
        "pk": "id",
    },
}

INDEXES: list[tuple[str, list[str | DescIndex], bool]] = [
    ("blogs", ["url"], True),
    ("posts", ["url"], True),
    ("posts", ["blog_id"], False),
    ("frontier", ["blog_id", "queued_at", "url"], False),     # a blog's queue, read in order a part at a time
    ("posts", ["archive_month"], False),
    ("posts", ["published"], False),
    # Datasette's order for posts (metadata sort_desc: published, then the pk, "order by published
    # desc, id"): the first page and each next page of the table, its JSON and its streamed CSV
    # (keyset: published < ? or published is null or (published = ? and id > ?)) read this index in
    # order, with no sort step (the published index alone needs a temp B-tree for the id part)
    ("posts", [DescIndex("published"), "id"], False),
    # the home page's blogs with their post counts and first and last days, read from the index alone
    ("posts", ["blog_id", "removed_at", "published"], False),
    ("authors", ["name"], True),
    ("categories", ["name"], True),
    ("posts_authors", ["authors_id"], False),
    ("posts_categories", ["categories_id"], False),
    ("tags", ["name"], True),
    ("posts_tags", ["tags_id"], False),
    ("pages", ["url"], True),
    ("pages", ["blog_id", "kind"], False),
    ("revisions", ["post_id"], False),
    ("images", ["url"], True),
    ("images", ["sha256"], False),
    ("images", ["blog_id", "fetched_at"], False),
    ("posts_images", ["images_id"], False),
]

FTS_COLUMNS = ["title", "body_text"]

# Views Datasette can facet: one row per post and field, naming the field's source
VIEWS = {
    "post_sources": (
        "select posts.id as post_id, posts.blog_id, posts.title, source.key as field, source.value as source\n"
        "from posts, json_each(posts.provenance) as source\n"
        "where json_valid(posts.provenance) and posts.removed_at is null"
    ),
}
# Response headers never stored: the archive gets published.
PRIVATE_HEADERS = frozenset({"set-cookie", "set-cookie2"})


def now_iso() -> str:
    """The current UTC time, ISO 8601 with an offset, to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


# PRAGMA application_id of a blogarchive archive ("blAr"): another program's SQLite file is never altered
APPLICATION_ID = 0x626C4172
# what an archive written before the id was set has, to be recognised and marked
ARCHIVE_SIGNATURE = {"blogs": {"url", "platform"}, "posts": {"url", "content_hash", "body_html"},
                     "pages": {"url", "body", "kind"}, "crawls": {"started", "status"}}


class NotAnArchive(Exception):
    """A SQLite file that is not a blogarchive archive (or not SQLite at all)."""


class CrawlLocked(Exception):
    """Another crawl is running on this archive."""


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) the archive at ``path``, in WAL mode and in shape.

    Raises NotAnArchive for another program's database, and sqlite3 errors for a file that can't
    be opened or written (read-only, full disk).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    try:
        db.conn.execute("PRAGMA busy_timeout = 10000")
        check_is_archive(db, path)
        db.enable_wal()
        # in WAL mode, NORMAL syncs at checkpoints, not at every commit: a killed process loses
        # no committed write, a power cut at most the last ones, and the file is never corrupt
        db.conn.execute("PRAGMA synchronous = NORMAL")
        ensure_db_shape(db)
        db.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    except sqlite3.DatabaseError as exc:
        db.close()
        if "file is not a database" in str(exc):
            raise NotAnArchive("it is not a SQLite database") from None
        raise
    except NotAnArchive:
        db.close()
        raise
    return db


def check_archive_file(path: str | Path) -> None:
    """Check, without writing anything, that ``path`` is a blogarchive archive (a read-only copy)."""
    conn = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
    try:
        check_is_archive(sqlite_utils.Database(conn), Path(path))
        if not sqlite_utils.Database(conn)["posts"].exists():
            raise NotAnArchive("it has no posts table")
    except sqlite3.DatabaseError as exc:
        raise NotAnArchive(f"it is not a readable SQLite database ({exc})") from None
    finally:
        conn.close()


def check_is_archive(db: sqlite_utils.Database, path: Path) -> None:
    """Refuse a database that has tables but is not a blogarchive archive."""
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    if app_id == APPLICATION_ID:
        return
    tables = set(db.table_names())
    if not tables:
        return          # new or empty: ours to shape
    if app_id == 0 and all(t in tables and cols <= set(db[t].columns_dict)
                           for t, cols in ARCHIVE_SIGNATURE.items()):
        return          # an archive from before the id was set
    raise NotAnArchive(f"it is another program's database (tables: {', '.join(sorted(tables)[:5])}); "
                       "blogarchive leaves it untouched")


@contextlib.contextmanager
def transaction(db: sqlite_utils.Database):
    """One write transaction, begun IMMEDIATE so that the busy timeout applies when another writer
    holds the database (a DEFERRED one can fail at once with "database is locked"). Nested
    blocks are savepoints (sqlite-utils' ``atomic``)."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")


class Batch:
    """Consecutive writes grouped into one transaction, committed every ``seconds``: when pages
    come fast, a commit per page (and the full-text segment each writes) is most of the writing.
    ``transaction`` blocks inside are savepoints, so each page's writes still stand or fall
    together, and what was committed is never lost. Only for the archive's single writer: the
    write lock is held from one commit to the next. ``seconds`` 0: no batching."""

    def __init__(self, db: sqlite_utils.Database, seconds: float):
        self.db, self.seconds = db, seconds
        self.began = 0.0

    def step(self) -> None:
        """Call between two units of writes: commits the batch once it is old, begins the next."""
        if self.seconds <= 0:
            return
        conn = self.db.conn
        if conn.in_transaction and time.monotonic() - self.began >= self.seconds:
            conn.execute("COMMIT")
        if not conn.in_transaction:
            conn.execute("BEGIN IMMEDIATE")
            self.began = time.monotonic()

    def __enter__(self) -> "Batch":
        self.step()
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        """Commit what the batch holds, also when the crawl stops on an error or Ctrl-C: every
        unit in it was whole (a failed one was rolled back to its savepoint). When the archive
        itself failed (a full disk), the batch is rolled back instead."""
        conn = self.db.conn
        if self.seconds <= 0 or not conn.in_transaction:
            return
        try:
            if exc_type is not None and issubclass(exc_type, sqlite3.Error):
                conn.execute("ROLLBACK")
            else:
                conn.execute("COMMIT")
        except sqlite3.Error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if exc_type is None:
                raise


def ensure_db_shape(db: sqlite_utils.Database) -> None:
    """Create or upgrade tables, indexes and full-text search. Idempotent."""
    with transaction(db):
        backfill_tags = not db["posts_tags"].exists() and db["posts"].exists()
        for name, spec in TABLES.items():
            table = db[name]
            if not table.exists():
                table.create(
                    spec["columns"],
                    pk=spec["pk"],
                    not_null=spec.get("not_null"),
                    foreign_keys=spec.get("foreign_keys"),
                    if_not_exists=True,
                )
                continue
            have = set(table.columns_dict)
            for column, kind in spec["columns"].items():
                if column not in have:
                    table.add_column(column, kind)
        for name, columns, unique in INDEXES:
            db[name].create_index(columns, unique=unique, if_not_exists=True)
        if backfill_tags:       # an archive from before tags had their own table
            db.execute("INSERT OR IGNORE INTO tags (name) SELECT DISTINCT tag.value FROM posts, json_each("
                       "CASE WHEN json_valid(posts.tags) THEN posts.tags ELSE '[]' END) AS tag "
                       "WHERE tag.type = 'text' AND trim(tag.value) != ''")
            db.execute("INSERT OR IGNORE INTO posts_tags (posts_id, tags_id) SELECT posts.id, tags.id FROM posts, "
                       "json_each(CASE WHEN json_valid(posts.tags) THEN posts.tags ELSE '[]' END) AS tag "
                       "JOIN tags ON tags.name = tag.value")
        for name, sql in VIEWS.items():
            have = db.execute("select sql from sqlite_master where type = 'view' and name = ?", [name]).fetchone()
            if not have or have[0].split(" AS ", 1)[-1] != sql:
                db.create_view(name, sql, replace=True)
    db["posts"].enable_fts(FTS_COLUMNS, create_triggers=True, tokenize="porter", replace=True)


# ---------------------------------------------------------------- blogs


class InsideABlog(ValueError):
    """A URL inside a blog that is already registered."""


def add_blog(db: sqlite_utils.Database, url: str, platform: str | None = None) -> int:
    """Register a blog by its URL (idempotent, and again after ``remove``); return its id.

    Raises InsideABlog for a page of a registered blog (``…/blog/some-post`` when ``…/blog`` is one).
    """
    row = get_blog(db, url)
    if row:
        if row["unregistered"]:
            update_blog(db, row["id"], unregistered=None)
        return row["id"]
    for other in list_blogs(db):
        base = other["url"].rstrip("/")
        if url.startswith(base + "/") and urlsplit(base).path not in ("", "/"):
            raise InsideABlog(f"{url} is inside the registered blog {other['url']}")
    with transaction(db):
        return db["blogs"].insert({"url": url, "platform": platform, "added": now_iso()}).last_pk


def remove_blog(db: sqlite_utils.Database, blog_id: int, purge: bool = False) -> int:
    """Unregister a blog: it is crawled no more, its posts stay. With ``purge``, its posts, their
    revisions and links, its pages and queue go too. Returns the number of posts purged."""
    with transaction(db):
        if not purge:
            db["blogs"].update(blog_id, {"unregistered": now_iso()})
            return 0
        ids = [r["id"] for r in db.query("SELECT id FROM posts WHERE blog_id = ?", [blog_id])]
        for table in ("posts_authors", "posts_categories", "posts_tags"):
            db.execute(f"DELETE FROM [{table}] WHERE posts_id IN (SELECT id FROM posts WHERE blog_id = ?)", [blog_id])
        db.execute("DELETE FROM revisions WHERE post_id IN (SELECT id FROM posts WHERE blog_id = ?)", [blog_id])
        db.execute("DELETE FROM posts_images WHERE posts_id IN (SELECT id FROM posts WHERE blog_id = ?)", [blog_id])
        db.execute("DELETE FROM images WHERE blog_id = ? AND id NOT IN (SELECT images_id FROM posts_images)",
                   [blog_id])
        for table in ("posts", "pages", "frontier"):
            db.execute(f"DELETE FROM [{table}] WHERE blog_id = ?", [blog_id])
        db.execute("DELETE FROM blogs WHERE id = ?", [blog_id])
        return len(ids)


def blog_overview(db: sqlite_utils.Database) -> list[dict]:
    """Each blog with its stored posts, last crawl and how its last crawl ended."""
    out = []
    reports: dict[str, dict] = {}
    for crawl in db.query("SELECT id, status, report FROM crawls WHERE report IS NOT NULL ORDER BY id"):
        for item in json.loads(crawl["report"] or "[]"):
            reports[item["url"]] = {**item, "crawl_status": crawl["status"]}
    for blog in db["blogs"].rows_where(order_by="id"):
        posts = db.execute("SELECT count(*) FROM posts WHERE blog_id = ? AND removed_at IS NULL",
                           [blog["id"]]).fetchone()[0]
        report = reports.get(blog["url"], {})
        status = "unregistered" if blog["unregistered"] else (
            "never crawled" if not report else "failed" if report.get("failed") else
            "missing posts" if report.get("missing") else "ok")
        out.append({"url": blog["url"], "platform": blog["platform"], "posts": posts,
                    "last_crawled": blog["last_crawled"], "status": status,
                    "last_error": report.get("failed") or (f"{len(report['missing'])} posts missing"
                                                          if report.get("missing") else None)})
    return out


def get_blog(db: sqlite_utils.Database, url: str) -> dict | None:
    """The blog registered as ``url``, with or without its trailing slash."""
    bare = url.rstrip("/") if url.count("/") > 3 else url
    return next(db["blogs"].rows_where("url IN (?, ?)", [bare, bare + "/"], order_by="id"), None)


def list_blogs(db: sqlite_utils.Database) -> list[dict]:
    """The registered blogs (not those removed with ``remove``)."""
    return list(db["blogs"].rows_where("unregistered IS NULL", order_by="id"))


def update_blog(db: sqlite_utils.Database, blog_id: int, **fields) -> None:
    with transaction(db):
        db["blogs"].update(blog_id, fields)


# ---------------------------------------------------------------- pages


def save_page(db: sqlite_utils.Database, *, url: str, blog_id: int | None, kind: str, status: int,
              headers: dict, body: bytes | None, crawl_id: int | None, listing_key: str | None = None,
              source_keys: str | None = None, hints: str | None = None,
              request_headers: dict | None = None, listing: str | None = None,
              packed: Packed | None = None) -> None:
    """Store one fetched response (body compressed; ``packed`` when that was done already, in an
    extraction worker or when staged). A 304 keeps the stored body.

    ``listing_key`` (a source's) and ``source_keys`` (what the sources said of a post) tell the
    next crawl what changed; they are kept when not given.
    """
    row = {
        "url": url, "blog_id": blog_id, "kind": kind, "status": status,
        "content_type": headers.get("Content-Type"),
        "etag": headers.get("ETag"), "last_modified": headers.get("Last-Modified"),
        "headers": json.dumps({k: v for k, v in headers.items() if k.lower() not in PRIVATE_HEADERS},
                              ensure_ascii=False),
        "fetched_at": now_iso(), "crawl_id": crawl_id,
    }
    if listing_key is not None:
        row["listing_key"] = listing_key
    if listing is not None:
        row["listing"] = listing      # what a source said, read back instead of parsing it again
    if source_keys is not None:
        row["source_keys"] = source_keys
    if hints is not None:
        row["hints"] = hints      # what the sources said of a post: re-extraction needs them
    if request_headers is not None and (body is not None or packed is not None):
        row["request_headers"] = json.dumps(
            {k: v for k, v in request_headers.items() if k.lower() not in ("cookie", "authorization")})
    if body is not None or packed is not None:
        row.update(zip(("body", "body_size", "body_hash"), packed or pack_body(body)))
    existing = db.execute("SELECT id, etag, last_modified, status FROM pages WHERE url = ?", [url]).fetchone()
    if existing is None:
        _insert(db, "pages", row)
    else:
        if status == 304:  # nothing new came; keep the validators we had if none were sent
            row["etag"] = row["etag"] or existing[1]
            row["last_modified"] = row["last_modified"] or existing[2]
            row["status"] = existing[3]
        assignments = ", ".join(f"[{name}] = ?" for name in row)
        db.execute(f"UPDATE pages SET {assignments} WHERE id = ?", [*row.values(), existing[0]])


def stage_page(db: sqlite_utils.Database, *, crawl_id: int, blog_id: int, url: str, kind: str, status: int,
               headers: dict, request_headers: dict | None, body: bytes | None, listing_key: str | None,
               listing: str | None, packed: Packed | None = None) -> None:
    """Keep a source read by discovery until the plan commits it (``commit_staged``); its body
    ``packed`` when that was done already."""
    blob, size, digest = packed or (pack_body(body) if body is not None else (None, None, None))
    row = {
        "crawl_id": crawl_id, "blog_id": blog_id, "url": url, "kind": kind, "status": status,
        "headers": json.dumps(headers, ensure_ascii=False),
        "request_headers": json.dumps(request_headers or {}, ensure_ascii=False),
        "body": blob, "body_size": size, "body_hash": digest, "listing_key": listing_key, "listing": listing,
    }
    with transaction(db):
        _insert(db, "staged_pages", row)


def commit_staged(db: sqlite_utils.Database, crawl_id: int, blog_id: int, kinds: dict[str, str]) -> None:
    """Move this crawl's staged sources of a blog into ``pages`` (``kinds`` overrides the kind of
    some URLs). Call inside the plan's transaction."""
    for row in db.query("SELECT * FROM staged_pages WHERE crawl_id = ? AND blog_id = ? ORDER BY id",
                        [crawl_id, blog_id]):
        save_page(db, url=row["url"], blog_id=blog_id, kind=kinds.get(row["url"], row["kind"]),
                  status=row["status"], headers=json.loads(row["headers"]),
                  request_headers=json.loads(row["request_headers"]), body=None, crawl_id=crawl_id,
                  packed=(row["body"], row["body_size"], row["body_hash"]) if row["body"] is not None else None,
                  listing_key=row["listing_key"], listing=row["listing"])
    db.execute("DELETE FROM staged_pages WHERE blog_id = ?", [blog_id])


def _insert(db: sqlite_utils.Database, table: str, row: dict) -> int:
    """Insert one row with plain SQL (sqlite-utils' ``insert`` asks for the schema each time: this
    is the crawl's hot path); returns its rowid."""
    names = ", ".join(f"[{name}]" for name in row)
    return db.execute(f"INSERT INTO [{table}] ({names}) VALUES ({', '.join('?' * len(row))})",
                      list(row.values())).lastrowid


def drop_staged(db: sqlite_utils.Database, blog_id: int) -> None:
    """Forget the staged sources of a blog's crawl that was killed before its plan."""
    with transaction(db):
        db.execute("DELETE FROM staged_pages WHERE blog_id = ?", [blog_id])


def body_digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


Packed = tuple[bytes, int, str]


def pack_body(body: bytes) -> Packed:
    """A raw body as ``pages`` stores it: compressed, with its size and digest."""
    return zlib.compress(body, 6), len(body), body_digest(body)


def get_page_row(db: sqlite_utils.Database, url: str) -> dict | None:
    return next(db.table("pages").rows_where("url = ?", [url]), None)


def stored_body(row: dict | None) -> bytes | None:
    """The raw body of a stored page row, decompressed."""
    if not row or row.get("body") is None:
        return None
    return zlib.decompress(row["body"])


# ---------------------------------------------------------------- posts


def content_hash(post: Post) -> str:
    fields = [post.title, post.published, post.archive_month, post.html,
              post.authors, post.categories, post.tags]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode()).hexdigest()


REVISION_FIELDS = ("title", "published", "archive_month", "authors", "categories", "tags", "body_html",
                   "body_text", "content_hash")


def save_post(db: sqlite_utils.Database, post: Post, blog_id: int | None, reason: str = "crawl") -> str:
    """Insert or update one post and its links. Returns 'new', 'updated' or 'unchanged'.

    A changed post's previous version goes to ``revisions`` (never overwritten unseen). Call inside
    a transaction (``with transaction(db):``) together with the page it came from.
    """
    now = now_iso()
    digest = content_hash(post)
    existing = next(db.table("posts").rows_where("url = ?", [post.url]), None)
    provenance = json.dumps(post.provenance, ensure_ascii=False, sort_keys=True)
    if existing and existing["content_hash"] == digest:
        # the same post: where its fields were read from is no edit of it
        changes = {"provenance": provenance} if existing.get("provenance") != provenance else {}
        if reason == "crawl":
            changes.update(last_seen=now, removed_at=None)
        if changes:
            db.table("posts").update(existing["id"], changes)
        return "unchanged"
    row = {
        "blog_id": blog_id, "url": post.url, "title": post.title, "published": post.published,
        "archive_month": post.archive_month,
        "authors": json.dumps(post.authors, ensure_ascii=False),
        "categories": json.dumps(post.categories, ensure_ascii=False),
        "tags": json.dumps(post.tags, ensure_ascii=False),
        "body_html": post.html, "body_text": post.text,
        "word_count": len(post.text.split()), "platform": post.platform,
        "content_hash": digest, "last_seen": now, "last_changed": now, "removed_at": None,
        "provenance": provenance,
    }
    if reason != "crawl":           # re-extracted: not seen on the blog, and kept removed if it was
        row.pop("last_seen")
        row.pop("removed_at")
    if existing:
        post_id = existing["id"]
        db["revisions"].insert({
            "post_id": post_id, "url": existing["url"], **{f: existing[f] for f in REVISION_FIELDS},
            "seen_from": existing["last_changed"] or existing["first_seen"], "replaced_at": now, "reason": reason,
        })
        db.table("posts").update(post_id, row)
        outcome = "updated"
    else:
        row["first_seen"] = now
        post_id = _insert(db, "posts", row)
        outcome = "new"
    _link(db, post_id, "authors", "posts_authors", post.authors)
    _link(db, post_id, "categories", "posts_categories", post.categories)
    _link(db, post_id, "tags", "posts_tags", post.tags)
    return outcome


def _link(db: sqlite_utils.Database, post_id: int, table: str, join: str, names: list[str]) -> None:
    fk = f"{table}_id"
    db.execute(f"DELETE FROM [{join}] WHERE posts_id = ?", [post_id])
    for name in dict.fromkeys(names):
        db.execute(f"INSERT OR IGNORE INTO [{table}] (name) VALUES (?)", [name])     # name is unique
        other = db.execute(f"SELECT id FROM [{table}] WHERE name = ?", [name]).fetchone()[0]
        db.execute(f"INSERT OR IGNORE INTO [{join}] (posts_id, {fk}) VALUES (?, ?)", [post_id, other])


def known_posts(db: sqlite_utils.Database, blog_id: int) -> dict[str, dict]:
    """The blog's stored posts: url → what planning needs (categories, archive_month, removed_at,
    what the sources said of it when it was last fetched, and by which crawl)."""
    rows = db.query(
        "SELECT posts.url, posts.categories, posts.archive_month, posts.removed_at, pages.source_keys, "
        "pages.crawl_id AS fetched_by "
        "FROM posts LEFT JOIN pages ON pages.url = posts.url WHERE posts.blog_id = ?", [blog_id])
    return {r["url"]: r for r in rows}


def post_urls(db: sqlite_utils.Database, blog_id: int) -> dict[str, bool]:
    """The blog's stored posts: url → not marked removed."""
    return dict(db.execute("SELECT url, removed_at IS NULL FROM posts WHERE blog_id = ?", [blog_id]).fetchall())


def has_posts(db: sqlite_utils.Database, blog_id: int) -> bool:
    return db.execute("SELECT 1 FROM posts WHERE blog_id = ? LIMIT 1", [blog_id]).fetchone() is not None


def other_pages(db: sqlite_utils.Database, blog_id: int) -> dict[str, str | None]:
    """Pages of the blog judged not to be posts: url → the source keys they had."""
    rows = db.query("SELECT url, source_keys FROM pages WHERE blog_id = ? AND kind IN ('other', 'listing')",
                    [blog_id])
    return {r["url"]: r["source_keys"] for r in rows}


def list_pages_found(db: sqlite_utils.Database, blog_id: int) -> list[str]:
    """Candidate pages that turned out to be list pages (a blog index a sitemap named): read as sources."""
    return [r["url"] for r in db.query("SELECT url FROM pages WHERE blog_id = ? AND kind = 'listing' ORDER BY id",
                                       [blog_id])]


def set_hints(db: sqlite_utils.Database, url: str, hints: str) -> None:
    db.execute("UPDATE pages SET hints = ? WHERE url = ?", [hints, url])


def set_source_keys(db: sqlite_utils.Database, url: str, keys: str) -> None:
    db.execute("UPDATE pages SET source_keys = ? WHERE url = ?", [keys, url])


def mark_removed(db: sqlite_utils.Database, url: str) -> bool:
    """Mark a stored post removed from its blog (it is never deleted). True if there was one."""
    row = next(db["posts"].rows_where("url = ?", [url]), None)
    if row is None:
        return False
    if not row["removed_at"]:
        db["posts"].update(row["id"], {"removed_at": now_iso()})
    return True


# ---------------------------------------------------------------- frontier


def queue_posts(db: sqlite_utils.Database, blog_id: int, urls: dict[str, str]) -> None:
    """Remember post URLs to fetch (url → reason) until they are stored."""
    now = now_iso()
    with transaction(db):
        db["frontier"].insert_all(
            ({"url": u, "blog_id": blog_id, "reason": r, "queued_at": now} for u, r in urls.items()),
            ignore=True,
        )


def queued_count(db: sqlite_utils.Database, blog_id: int) -> int:
    return db.execute("SELECT count(*) FROM frontier WHERE blog_id = ?", [blog_id]).fetchone()[0]


def queued_posts(db: sqlite_utils.Database, blog_id: int, chunk: int = 1000) -> Iterator[tuple[str, str]]:
    """A blog's queue, ``(url, reason)`` in the order it was queued, read ``chunk`` rows at a time
    (a first crawl queues every post of the blog): rows unqueued meanwhile are not met again."""
    after: tuple = ("", "")
    while True:
        rows = db.execute("SELECT queued_at, url, reason FROM frontier WHERE blog_id = ? AND (queued_at, url) > (?, ?) "
                          "ORDER BY queued_at, url LIMIT ?", [blog_id, *after, chunk]).fetchall()
        yield from ((url, reason) for _, url, reason in rows)
        if len(rows) < chunk:
            return
        after = rows[-1][:2]


def unqueue(db: sqlite_utils.Database, url: str) -> None:
    db.execute("DELETE FROM frontier WHERE url = ?", [url])


# ---------------------------------------------------------------- crawls


def start_crawl(db: sqlite_utils.Database, blogs: list[str]) -> int:
    """Log a new crawl as ``running``: the archive's lock. Raises CrawlLocked while another live
    crawl holds it; a ``running`` crawl whose process is gone is marked ``stale`` and taken over."""
    me = socket.gethostname()
    with transaction(db):
        for row in db.query("SELECT id, pid, host FROM crawls WHERE status = 'running'"):
            if row["pid"] and row["host"] == me and _alive(row["pid"]) and row["pid"] != os.getpid():
                raise CrawlLocked(f"crawl {row['id']} (process {row['pid']}) is running on this archive")
            if row["host"] and row["host"] != me:
                raise CrawlLocked(f"crawl {row['id']} is running on this archive from {row['host']}")
            db["crawls"].update(row["id"], {"status": "stale", "finished": now_iso()})
        return db["crawls"].insert({
            "started": now_iso(), "status": "running", "blogs": json.dumps(blogs), "pid": os.getpid(), "host": me,
        }).last_pk


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def finish_crawl(db: sqlite_utils.Database, crawl_id: int, stats: dict, errors: list[str], *,
                 status: str, report: list[dict]) -> None:
    row = {key: stats.get(key, 0) for key in (
        "requests", "fetched", "not_modified", "posts_new", "posts_updated", "posts_unchanged", "posts_removed",
        "image_requests", "images_fetched", "image_errors", "image_bytes")}
    row.update(finished=now_iso(), errors=len(errors), status=status,
               error_log=json.dumps(errors, ensure_ascii=False),
               report=json.dumps(report, ensure_ascii=False))
    with transaction(db):
        db["crawls"].update(crawl_id, row)


# ---------------------------------------------------------------- images


def link_post_images(db: sqlite_utils.Database, post_url: str, blog_id: int | None, wanted: dict[str, str]) -> None:
    """Link the post at ``post_url`` to its images (``{URL its body names: URL to fetch}``) and queue
    each not stored yet; an image that failed before is queued again. Call inside the post's
    transaction."""
    post = db.execute("SELECT id FROM posts WHERE url = ?", [post_url]).fetchone()
    if post is None:
        return
    db.execute("DELETE FROM posts_images WHERE posts_id = ?", [post[0]])
    for url, source in wanted.items():
        row = db.execute("SELECT id, body IS NOT NULL FROM images WHERE url = ?", [url]).fetchone()
        if row is None:
            image_id = db["images"].insert({"url": url, "source_url": source, "blog_id": blog_id}).last_pk
        else:
            image_id = row[0]
            if not row[1]:
                db.execute("UPDATE images SET source_url = ?, blog_id = ?, fetched_at = NULL WHERE id = ?",
                           [source, blog_id, image_id])
        db["posts_images"].insert({"posts_id": post[0], "images_id": image_id}, ignore=True)


def queued_images(db: sqlite_utils.Database, blog_id: int) -> list[dict]:
    """The blog's images waiting to be fetched."""
    return list(db.query("SELECT id, url, source_url FROM images WHERE blog_id = ? AND fetched_at IS NULL "
                         "ORDER BY id", [blog_id]))


def save_image(db: sqlite_utils.Database, image_id: int, *, status: int | None, content_type: str | None = None,
               body: bytes | None = None, sha256: str | None = None, error: str | None = None,
               queued: bool = False) -> None:
    """Record what fetching an image gave: its bytes (``body``, stored as they came, with their
    type and SHA-256), or the ``error`` that kept it out (``queued``: it stays queued for the
    next run)."""
    row = {"status": status, "fetched_at": None if queued else now_iso(), "error": error}
    if body is not None:
        row.update(content_type=content_type, body=body, size=len(body), sha256=sha256)
    db["images"].update(image_id, row)
