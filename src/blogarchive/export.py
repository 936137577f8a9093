"""The archive's posts written out as CSV, JSON lines, Parquet, Markdown files or one Atom feed.

Small pure pieces: ``build_query`` (filters → SQL and parameters), ``to_record`` (a row → the
exported record, arrays and provenance parsed), and one writer per format. Every writer takes an
iterator of records and writes them one by one (Parquet: in record batches), so memory stays
bounded however many posts the archive holds; ``export_posts`` iterates the SQL cursor into them.

No value is ever highlighted: the full-text search is only a filter (no ``highlight()`` or
``snippet()``), so no ``<mark>`` is added to what is exported.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sqlite3
import unicodedata
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

FORMATS = ("csv", "jsonl", "parquet", "markdown", "atom")
FIELDS = ("id", "blog", "url", "title", "published", "archive_month", "authors", "categories", "tags",
          "body_text", "body_html", "word_count", "first_seen", "last_changed", "provenance")
ARRAY_FIELDS = ("authors", "categories", "tags")
BATCH_ROWS = 1000           # Parquet record batch size
SUMMARY_CHARS = 300         # an Atom entry's summary: the first characters of body_text
ATOM_NS = "http://www.w3.org/2005/Atom"


class ExportError(ValueError):
    """Options that cannot be exported as given (a bad date, a missing PATH): one line for the user."""


@dataclass
class Filters:
    """What to export: every condition given must hold (AND); each is one value but ``blog_ids``."""

    blog_ids: list[int] | None = None
    author: str | None = None
    category: str | None = None
    tag: str | None = None
    since: date | None = None        # published on or after (inclusive)
    until: date | None = None        # published on or before (inclusive)
    search: str | None = None        # words, each quoted for FTS5
    blog_urls: list[str] = field(default_factory=list)   # for the Atom feed's id and title


def parse_day(value: str | None, option: str) -> date | None:
    """A ``YYYY-MM-DD`` option value as a date; ExportError for anything else."""
    if value is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise ExportError(f"{option} must be a date YYYY-MM-DD, not {value!r}")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ExportError(f"{option} must be a date YYYY-MM-DD, not {value!r} (no such day)") from None


def fts_query(text: str) -> str:
    """User text as an FTS5 query that can never be a syntax error: each word a quoted string
    (inner quotes doubled), all of them required. ``AND``, ``"unbalanced``, ``NEAR(`` are words."""
    terms = ['"' + term.replace('"', '""') + '"' for term in text.split()]
    if not terms:
        raise ExportError("--search needs at least one word")
    return " ".join(terms)


SELECT = """SELECT posts.id, blogs.url AS blog, posts.url, posts.title, posts.published, posts.archive_month,
  posts.authors, posts.categories, posts.tags, posts.body_text, posts.body_html, posts.word_count,
  posts.first_seen, posts.last_changed, posts.provenance
FROM posts LEFT JOIN blogs ON blogs.id = posts.blog_id"""


def build_query(filters: Filters) -> tuple[str, list]:
    """The SELECT (newest first: published DESC, then id) and its parameters for ``filters``.

    Posts a blog has taken down (``removed_at``) are left out, as in the canned queries.
    """
    where = ["posts.removed_at IS NULL"]
    params: list = []
    if filters.blog_ids is not None:
        where.append(f"posts.blog_id IN ({', '.join('?' for _ in filters.blog_ids) or 'NULL'})")
        params += filters.blog_ids
    if filters.author is not None:
        where.append("EXISTS (SELECT 1 FROM posts_authors JOIN authors ON authors.id = posts_authors.authors_id"
                     " WHERE posts_authors.posts_id = posts.id AND authors.name = ?)")
        params.append(filters.author)
    if filters.category is not None:
        where.append("EXISTS (SELECT 1 FROM posts_categories"
                     " JOIN categories ON categories.id = posts_categories.categories_id"
                     " WHERE posts_categories.posts_id = posts.id AND categories.name = ?)")
        params.append(filters.category)
    if filters.tag is not None:
        where.append("json_valid(posts.tags) AND EXISTS (SELECT 1 FROM json_each(posts.tags)"
                     " WHERE json_each.value = ?)")
        params.append(filters.tag)
    # published is ISO 8601, a date or a date-time: as text, a day's every time sorts within the day
    if filters.since is not None:
        where.append("posts.published >= ?")
        params.append(filters.since.isoformat())
    if filters.until is not None:
        where.append("posts.published < ?")
        params.append((filters.until + timedelta(days=1)).isoformat())
    if filters.search is not None:
        where.append("posts.id IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?)")
        params.append(fts_query(filters.search))
    sql = SELECT + "\nWHERE " + "\n  AND ".join(where) + "\nORDER BY posts.published DESC, posts.id"
    return sql, params


def _array(value) -> list[str]:
    if not value:
        return []
    try:
        data = json.loads(value)
    except (TypeError, ValueError):
        return [str(value)]
    return [str(item) for item in data] if isinstance(data, list) else [str(data)]


def _object(value) -> dict[str, str]:
    if not value:
        return {}
    try:
        data = json.loads(value)
    except (TypeError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def to_record(row: dict) -> dict:
    """A posts row (as selected by ``build_query``) → the exported record: arrays as lists,
    provenance as a dict, text fields never None where the archive says nothing but ''."""
    record = {name: row.get(name) for name in FIELDS}
    for name in ARRAY_FIELDS:
        record[name] = _array(row.get(name))
    record["provenance"] = _object(row.get("provenance"))
    record["body_text"] = record["body_text"] or ""
    record["body_html"] = record["body_html"] or ""
    return record


def iter_records(conn: sqlite3.Connection, filters: Filters) -> Iterator[dict]:
    """The filtered posts, newest first, one record at a time straight off the cursor."""
    sql, params = build_query(filters)
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    try:
        for values in cursor:
            yield to_record(dict(zip(names, values)))
    finally:
        cursor.close()


def feed_updated(conn: sqlite3.Connection, filters: Filters) -> str | None:
    """The latest change among the filtered posts (the Atom feed's ``updated``)."""
    sql, params = build_query(filters)
    row = conn.execute(f"SELECT max(coalesce(last_changed, published)) FROM ({sql})", params).fetchone()
    return row[0] if row else None


# ---------------------------------------------------------------- CSV and JSON lines


def write_csv(records: Iterable[dict], out: IO[str]) -> int:
    """One header row, then one row per post; authors, categories, tags and provenance as JSON."""
    writer = csv.writer(out)
    writer.writerow(FIELDS)
    count = 0
    for record in records:
        writer.writerow([json.dumps(record[name], ensure_ascii=False)
                         if name in ARRAY_FIELDS or name == "provenance" else record[name] for name in FIELDS])
        count += 1
    return count


def write_jsonl(records: Iterable[dict], out: IO[str]) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


# ---------------------------------------------------------------- Parquet


def parquet_schema():
    import pyarrow as pa

    text = pa.string()
    return pa.schema([
        ("id", pa.int64()), ("blog", text), ("url", text), ("title", text), ("published", text),
        ("archive_month", text), ("authors", pa.list_(text)), ("categories", pa.list_(text)),
        ("tags", pa.list_(text)), ("body_text", text), ("body_html", text), ("word_count", pa.int64()),
        ("first_seen", text), ("last_changed", text), ("provenance", pa.map_(text, text)),
    ])


def write_parquet(records: Iterable[dict], path: Path) -> int:
    """A Parquet file written in record batches of BATCH_ROWS (list columns for the arrays, a
    string → string map for provenance)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    count = 0
    batch: list[dict] = []
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        def flush():
            columns = {name: [r[name] for r in batch] for name in FIELDS}
            columns["provenance"] = [list(p.items()) for p in columns["provenance"]]
            writer.write_batch(pa.RecordBatch.from_pydict(columns, schema=schema))
            batch.clear()

        for record in records:
            batch.append(record)
            count += 1
            if len(batch) >= BATCH_ROWS:
                flush()
        if batch or count == 0:
            flush()
    return count


# ---------------------------------------------------------------- Markdown


FRONT_MATTER = ("title", "url", "published", "archive_month", "authors", "categories", "tags", "blog")


def safe_name(text: str | None, fallback: str, limit: int = 80) -> str:
    """A file or folder name from post data: letters, digits, '.', '_' and '-' only, never '.'
    or '..' or hidden, never empty (``fallback``), at most ``limit`` characters."""
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip(".-_")[:limit].strip(".-_")
    return name or fallback


def markdown_path(record: dict) -> Path:
    """``<blog host>/<YYYY-MM>/<slug>.md`` for a post, every part made safe (no traversal)."""
    host = urlsplit(record.get("blog") or record["url"]).hostname or urlsplit(record["url"]).hostname
    month = record.get("archive_month") or (record.get("published") or "")[:7]
    month = month if re.fullmatch(r"\d{4}-\d{2}", month or "") else "undated"
    slug = urlsplit(record["url"]).path.rstrip("/").rsplit("/", 1)[-1]
    slug = re.sub(r"\.(html?|php|aspx?)$", "", slug)
    return Path(safe_name(host, "blog")) / month / (safe_name(slug, f"post-{record['id']}") + ".md")


def markdown_text(record: dict) -> str:
    """YAML front matter (arrays as YAML lists), then the body as plain text (paragraphs apart)."""
    import yaml

    front = {name: record[name] for name in FRONT_MATTER}
    head = yaml.dump(front, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True,
                     sort_keys=False, default_flow_style=False, width=10_000)
    body = (record["body_text"] or "").strip()
    return f"---\n{head}---\n\n{body}\n"


def write_markdown_folder(records: Iterable[dict], folder: Path) -> int:
    """One file per post under ``folder`` (which must be new or empty). A post whose name another
    post already took gets its id appended: ``<slug>-<id>.md``. Returns the posts written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ExportError(f"{folder} must be a new or empty folder for --format markdown")
    folder.mkdir(parents=True, exist_ok=True)
    root = folder.resolve()
    count = 0
    made = None                                   # the folder last made (posts come month by month)
    for record in records:
        relative = markdown_path(record)
        target = root / relative
        if ".." in relative.parts or relative.is_absolute():    # cannot happen with safe names
            raise ExportError(f"refusing to write outside {folder}: {relative}")
        if target.parent != made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made = target.parent
        text = markdown_text(record)
        try:
            handle = open(target, "x", encoding="utf-8", newline="\n")
        except FileExistsError:
            handle = open(target.with_name(f"{target.stem}-{record['id']}.md"), "x", encoding="utf-8",
                          newline="\n")
        with handle:
            handle.write(text)
        count += 1
    return count


def write_markdown_stream(records: Iterable[dict], out: IO[str]) -> int:
    """Without a folder: every post's front matter and body, one after another."""
    count = 0
    for record in records:
        out.write(markdown_text(record) + "\n")
        count += 1
    return count


# ---------------------------------------------------------------- Atom


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value) -> str:
    """Text XML 1.0 can carry (control characters dropped)."""
    return _XML_INVALID.sub("", str(value or ""))


def rfc3339(value: str | None) -> str | None:
    """An archive date or date-time as an Atom (RFC 3339) date-time; a bare day is its midnight UTC,
    a time without offset is taken as UTC. None when there is no parsable date."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.isoformat().replace("+00:00", "Z")


def _child(parent: ET.Element, tag: str, text=None, **attrs) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def atom_entry(record: dict, fallback_updated: str) -> ET.Element:
    entry = ET.Element("entry")
    _child(entry, "id", record["url"])
    _child(entry, "title", record["title"] or record["url"], type="text")
    published = rfc3339(record["published"])
    _child(entry, "updated", rfc3339(record["last_changed"]) or published or fallback_updated)
    if published:
        _child(entry, "published", published)
    for name in record["authors"]:
        _child(_child(entry, "author"), "name", name)
    for term in record["categories"]:
        _child(entry, "category", term=term)
    for term in record["tags"]:
        _child(entry, "category", term=term, scheme="urn:blogarchive:tag")
    _child(entry, "link", rel="alternate", type="text/html", href=record["url"])
    _child(entry, "summary", record["body_text"][:SUMMARY_CHARS], type="text")
    _child(entry, "content", record["body_html"], type="html")    # sanitised when stored
    return entry


def write_atom(records: Iterable[dict], out: IO[str], *, updated: str | None, blog_urls: list[str]) -> int:
    """One Atom 1.0 feed, entries in the order given (newest first), each entry serialised as it
    comes: the feed is never held whole in memory."""
    now = datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    updated = rfc3339(updated) or now
    single = blog_urls[0] if len(blog_urls) == 1 else None
    head = ET.Element("head")
    _child(head, "id", single or "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL,
                                                               "blogarchive:" + " ".join(sorted(blog_urls)))))
    _child(head, "title", f"{urlsplit(single).hostname} (blogarchive export)" if single else "blogarchive export",
           type="text")
    _child(head, "updated", updated)
    # applies to entries without authors (Atom requires an author for each entry or the feed)
    _child(_child(head, "author"), "name", urlsplit(single).hostname if single else "blogarchive")
    if single:
        _child(head, "link", rel="alternate", type="text/html", href=single)
    from . import __version__
    _child(head, "generator", "blogarchive", version=__version__)
    out.write(f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="{ATOM_NS}">\n')
    for element in head:
        out.write(ET.tostring(element, encoding="unicode") + "\n")
    count = 0
    for record in records:
        out.write(ET.tostring(atom_entry(record, updated), encoding="unicode") + "\n")
        count += 1
    out.write("</feed>\n")
    return count


# ---------------------------------------------------------------- the export


def export_posts(conn: sqlite3.Connection, filters: Filters, fmt: str, output: Path | None,
                 stdout: IO[str] | None = None) -> int:
    """Write the filtered posts in ``fmt`` to ``output`` (a file; a folder for markdown) or, without
    one, to ``stdout``. A file is written beside its final name and renamed when complete. Returns
    the number of posts written. Raises ExportError for options that cannot work, OSError when the
    output cannot be written."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if fmt == "parquet" and output is None:
        raise ExportError("--format parquet needs --output PATH (Parquet is not written to standard output)")
    if filters.since and filters.until and filters.since > filters.until:
        raise ExportError(f"--since {filters.since} is after --until {filters.until}")
    build_query(filters)             # a bad --search fails here, before any file is made
    records = iter_records(conn, filters)
    if fmt == "markdown" and output is not None:
        return write_markdown_folder(records, output)
    if output is None:
        return _write_text(fmt, records, stdout, conn, filters)
    partial = output.with_name(f".{output.name}.partial")
    try:
        if fmt == "parquet":
            count = write_parquet(records, partial)
        else:
            with open(partial, "w", encoding="utf-8", newline="") as handle:
                count = _write_text(fmt, records, handle, conn, filters)
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    return count


def _write_text(fmt: str, records: Iterable[dict], out: IO[str], conn, filters: Filters) -> int:
    if fmt == "csv":
        return write_csv(records, out)
    if fmt == "jsonl":
        return write_jsonl(records, out)
    if fmt == "markdown":
        return write_markdown_stream(records, out)
    return write_atom(records, out, updated=feed_updated(conn, filters), blog_urls=filters.blog_urls)
