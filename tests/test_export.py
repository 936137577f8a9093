"""``blogarchive export``: every format read back with its own reader, every filter, the errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import feedparser
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml
from click.testing import CliRunner

from blogarchive import export, store
from blogarchive.cli import cli
from blogarchive.record import Post

BLOG = "https://zoe.example.org/blog"
OTHER = "https://other.example.net/"
TRICKY_TITLE = 'Commas, "quotes" and Zoë\'s café'

POSTS = [   # (blog, post), stored in this order; newest first by published is: b, a, d, c, e
    (BLOG, Post(url=BLOG + "/interview-tips", title=TRICKY_TITLE, published="2024-03-07T09:30:00+01:00",
                archive_month="2024-03", authors=["Zoë Ibáñez", "Ann Lee"], categories=["Interviews", "Career"],
                tags=["jobs", "advice"], text="Running late to an interview.\n\nBreathe first.",
                html="<p>Running late to an <b>interview</b>.</p><p>Breathe first.</p>",
                provenance={"title": "json-ld", "published": "meta"})),
    (BLOG, Post(url=BLOG + "/spring-hiring", title="Spring hiring", published="2024-04-01",
                archive_month="2024-04", authors=["Ann Lee"], categories=["Career"], tags=["jobs"],
                text="Hiring opens in spring. " * 30, html="<p>Hiring opens in spring.</p>")),
    (BLOG, Post(url=BLOG + "/old-notes", title="Old notes", published="2023-12-31", archive_month="2023-12",
                authors=["Zoë Ibáñez"], categories=["Notes"], tags=[], text="Nothing about AND or NEAR here.",
                html="<p>Nothing.</p>")),
    (OTHER, Post(url=OTHER + "2024/02/../../etc/passwd", title="Traversal attempt", published="2024-02-29",
                 archive_month="2024-02", authors=["Mallory"], categories=["../../etc"], tags=["x"],
                 text="Sneaky.", html="<p>Sneaky.</p>")),
    (OTHER, Post(url=OTHER + "undated", title=None, published=None, archive_month=None,
                 text="", html="")),
]
ORDER = ["spring-hiring", "interview-tips", "passwd", "old-notes", "undated"]


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("export") / "archive.db"
    db = store.open_db(path)
    ids = {url: store.add_blog(db, url) for url in (BLOG, OTHER)}
    with store.transaction(db):
        for blog, post in POSTS:
            store.save_post(db, post, ids[blog])
        store.save_post(db, Post(url=BLOG + "/taken-down", title="Taken down", published="2024-05-01",
                                 authors=["Ann Lee"], text="Gone."), ids[BLOG])
    store.mark_removed(db, BLOG + "/taken-down")
    db.close()
    return path


def run(archive, *args):
    result = CliRunner().invoke(cli, ["export", "--db", str(archive), *map(str, args)], catch_exceptions=False)
    return result


def slugs(records) -> list[str]:
    return [r["url"].rstrip("/").rsplit("/", 1)[-1] for r in records]


def jsonl(archive, *args) -> list[dict]:
    result = run(archive, "--format", "jsonl", *args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


# ---------------------------------------------------------------- formats


def test_jsonl_to_stdout_has_every_field_real_arrays_newest_first(archive):
    records = jsonl(archive)
    assert slugs(records) == ORDER      # the removed post is left out
    first = records[1]
    assert list(first) == list(export.FIELDS)
    assert first["title"] == TRICKY_TITLE and first["blog"] == BLOG
    assert first["authors"] == ["Zoë Ibáñez", "Ann Lee"] and first["tags"] == ["jobs", "advice"]
    assert first["categories"] == ["Interviews", "Career"]
    assert first["provenance"] == {"title": "json-ld", "published": "meta"}
    assert first["word_count"] == 7 and first["body_html"].startswith("<p>Running late")
    assert first["first_seen"] and first["last_changed"]
    assert records[-1]["title"] is None and records[-1]["authors"] == []


def test_csv_round_trips_with_the_csv_module(archive, tmp_path):
    out = tmp_path / "posts.csv"
    result = run(archive, "--format", "csv", "--output", out)
    assert result.exit_code == 0 and "exported 5 posts" in result.output
    with open(out, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(export.FIELDS)
    assert slugs(rows) == ORDER
    assert rows[1]["title"] == TRICKY_TITLE
    assert json.loads(rows[1]["authors"]) == ["Zoë Ibáñez", "Ann Lee"]
    assert json.loads(rows[1]["provenance"])["title"] == "json-ld"
    assert rows[1]["body_text"] == "Running late to an interview.\n\nBreathe first."
    # and the same on standard output
    stdout = run(archive, "--format", "csv").stdout
    assert list(csv.DictReader(io.StringIO(stdout, newline="")))[1]["title"] == TRICKY_TITLE
    assert not list(tmp_path.glob(".*partial"))


def test_parquet_keeps_arrays_as_list_columns(archive, tmp_path):
    out = tmp_path / "posts.parquet"
    result = run(archive, "--format", "parquet", "--output", out)
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert table.column_names == list(export.FIELDS)
    authors_type = table.schema.field("authors").type
    assert pa.types.is_list(authors_type) and pa.types.is_string(authors_type.value_type)
    rows = table.to_pylist()
    assert slugs(rows) == ORDER
    assert rows[1]["authors"] == ["Zoë Ibáñez", "Ann Lee"] and rows[1]["tags"] == ["jobs", "advice"]
    assert rows[1]["title"] == TRICKY_TITLE and rows[1]["id"] > 0
    assert dict(rows[1]["provenance"]) == {"title": "json-ld", "published": "meta"}


def test_parquet_is_written_in_batches(archive, tmp_path, monkeypatch):
    monkeypatch.setattr(export, "BATCH_ROWS", 2)
    out = tmp_path / "batched.parquet"
    assert run(archive, "--format", "parquet", "--output", out).exit_code == 0
    assert pq.ParquetFile(out).metadata.num_rows == 5
    assert slugs(pq.read_table(out).to_pylist()) == ORDER


def test_parquet_needs_an_output_path(archive):
    result = run(archive, "--format", "parquet")
    assert result.exit_code == 2
    assert "needs --output" in result.output and len(result.output.strip().splitlines()) == 1


def test_markdown_folder_one_file_per_post_with_yaml_front_matter(archive, tmp_path):
    folder = tmp_path / "md"
    result = run(archive, "--format", "markdown", "--output", folder)
    assert result.exit_code == 0, result.output
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md"))
    assert files == ["other.example.net/2024-02/passwd.md", "other.example.net/undated/undated.md",
                     "zoe.example.org/2023-12/old-notes.md", "zoe.example.org/2024-03/interview-tips.md",
                     "zoe.example.org/2024-04/spring-hiring.md"]
    assert all(p.resolve().is_relative_to(folder.resolve()) for p in folder.rglob("*"))
    text = (folder / "zoe.example.org/2024-03/interview-tips.md").read_text(encoding="utf-8")
    assert text.startswith("---\n")
    _, head, body = text.split("---\n", 2)
    front = yaml.safe_load(head)
    assert front == {"title": TRICKY_TITLE, "url": BLOG + "/interview-tips", "published": "2024-03-07T09:30:00+01:00",
                     "archive_month": "2024-03", "authors": ["Zoë Ibáñez", "Ann Lee"],
                     "categories": ["Interviews", "Career"], "tags": ["jobs", "advice"], "blog": BLOG}
    assert body.strip() == "Running late to an interview.\n\nBreathe first."
    assert "Zoë Ibáñez" in head       # readable, not escaped


def test_markdown_refuses_a_folder_with_files(archive, tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    result = run(archive, "--format", "markdown", "--output", tmp_path)
    assert result.exit_code == 2 and "new or empty folder" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_markdown_names_are_safe_and_unique():
    assert export.safe_name("../..", "fallback") == "fallback"
    assert export.safe_name("a/../b c?d", "x") == "a-..-b-c-d"
    record = {"id": 9, "blog": "https://h.example/", "url": "https://h.example/..", "archive_month": "../..",
              "published": None}
    assert export.markdown_path(record).as_posix() == "h.example/undated/post-9.md"


def test_markdown_same_slug_gets_the_id(tmp_path):
    records = [{"id": i, "blog": BLOG, "url": f"{BLOG}/{d}/same", "title": "t", "published": "2024-01-01",
                "archive_month": "2024-01", "authors": [], "categories": [], "tags": [], "body_text": "b"}
               for i, d in ((1, "a"), (2, "b"))]
    assert export.write_markdown_folder(iter(records), tmp_path / "out") == 2
    assert sorted(p.name for p in (tmp_path / "out/zoe.example.org/2024-01").iterdir()) == ["same-2.md", "same.md"]


def test_atom_feed_validates_with_feedparser(archive, tmp_path):
    out = tmp_path / "posts.atom"
    assert run(archive, "--format", "atom", "--output", out, "--blog", BLOG).exit_code == 0
    feed = feedparser.parse(out.read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.id == BLOG and feed.feed.updated
    entries = feed.entries
    assert [e.id for e in entries] == [BLOG + "/spring-hiring", BLOG + "/interview-tips", BLOG + "/old-notes"]
    tips = entries[1]
    assert tips.title == TRICKY_TITLE and tips.link == BLOG + "/interview-tips"
    assert [a.name for a in tips.authors] == ["Zoë Ibáñez", "Ann Lee"]
    assert [t.term for t in tips.tags] == ["Interviews", "Career", "jobs", "advice"]
    assert tips.published_parsed[:3] == (2024, 3, 7) and tips.updated
    assert tips.content[0].type == "text/html" and "<b>interview</b>" in tips.content[0].value
    assert entries[0].summary == ("Hiring opens in spring. " * 30)[:300]


def test_atom_on_stdout_for_every_blog(archive):
    result = run(archive, "--format", "atom")
    feed = feedparser.parse(result.stdout.encode())
    assert result.exit_code == 0 and not feed.bozo
    assert len(feed.entries) == 5 and feed.feed.id.startswith("urn:uuid:")


def test_markdown_without_output_goes_to_stdout(archive):
    result = run(archive, "--format", "markdown", "--author", "Mallory")
    assert result.exit_code == 0
    assert yaml.safe_load(result.stdout.split("---\n")[1])["title"] == "Traversal attempt"


# ---------------------------------------------------------------- filters


@pytest.mark.parametrize("args, expected", [
    (("--author", "Zoë Ibáñez"), ["interview-tips", "old-notes"]),
    (("--category", "Career"), ["spring-hiring", "interview-tips"]),
    (("--tag", "advice"), ["interview-tips"]),
    (("--tag", "jobs", "--author", "Ann Lee", "--category", "Interviews"), ["interview-tips"]),
    (("--since", "2024-03-07"), ["spring-hiring", "interview-tips"]),
    (("--until", "2024-03-07"), ["interview-tips", "passwd", "old-notes"]),
    (("--since", "2024-01-01", "--until", "2024-02-29"), ["passwd"]),
    (("--blog", OTHER), ["passwd", "undated"]),
    (("--blog", OTHER, "--blog", BLOG, "--until", "2023-12-31"), ["old-notes"]),
    (("--search", "interviews"), ["interview-tips"]),            # stemmed
    (("--search", "late breathe"), ["interview-tips"]),          # every word
    (("--search", "AND"), ["interview-tips", "old-notes"]),      # a word, not an operator
    (("--search", '"unbalanced'), []),
    (("--search", 'NEAR( "x'), []),
    (("--search", "Spring", "--author", "Nobody"), []),
])
def test_filters(archive, args, expected):
    assert slugs(jsonl(archive, *args)) == expected


def test_search_never_highlights(archive):
    for fmt in ("jsonl", "csv", "atom", "markdown"):
        result = run(archive, "--format", fmt, "--search", "interview")
        assert result.exit_code == 0 and "interview" in result.stdout
        assert "<mark>" not in result.stdout and "&lt;mark&gt;" not in result.stdout


def test_fts_query_quotes_every_word():
    assert export.fts_query('a "b AND') == '"a" """b" "AND"'


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize("args, message", [
    (("--format", "jsonl", "--since", "2024-13-01"), "--since must be a date"),
    (("--format", "jsonl", "--until", "yesterday"), "--until must be a date"),
    (("--format", "jsonl", "--since", "2024-05-01", "--until", "2024-04-01"), "is after"),
    (("--format", "xml"), "unknown format 'xml'"),
    (("--format", "jsonl", "--search", "   "), "at least one word"),
    (("--format", "jsonl", "--blog", "https://nowhere.example/"), "not a registered blog"),
])
def test_bad_options_are_one_line_errors(archive, args, message):
    result = run(archive, *args)
    assert result.exit_code == 2
    assert message in result.output and len(result.output.strip().splitlines()) == 1


def test_missing_archive_is_an_error_and_not_created(tmp_path):
    missing = tmp_path / "none.db"
    result = run(missing, "--format", "csv")
    assert result.exit_code == 2 and "no archive at" in result.output
    assert len(result.output.strip().splitlines()) == 1 and not missing.exists()


def test_unwritable_output_is_an_error(archive, tmp_path):
    result = run(archive, "--format", "jsonl", "--output", tmp_path / "no" / "such" / "dir" / "x.jsonl")
    assert result.exit_code == 2 and "cannot write" in result.output


def test_records_are_streamed_off_the_cursor(archive):
    """The writers get an iterator, not a list: the cursor is read as the output is written."""
    db = store.open_db(archive)
    records = export.iter_records(db.conn, export.Filters())
    assert iter(records) is records
    assert next(records)["url"].endswith("spring-hiring")
    records.close()
    db.close()


@pytest.mark.parametrize("title", ["yes", "null", "2024-01-01", "- a: b", "---", "a: b # c", "Zoë\u2028line\x85",
                                   "tab\there", "'single' \"double\""])
def test_front_matter_reads_back_whatever_the_title(title):
    record = {"title": title, "url": BLOG + "/x", "published": "2024-01-01", "archive_month": "2024-01",
              "authors": ["null", "Zoë Ibáñez"], "categories": [], "tags": ["yes"], "blog": BLOG,
              "body_text": "---\nbody"}
    text = export.markdown_text(record)
    head = text.split("---\n", 2)[1]
    front = yaml.safe_load(head)
    assert front["title"] == title and front["published"] == "2024-01-01"
    assert front["authors"] == ["null", "Zoë Ibáñez"] and front["tags"] == ["yes"] and front["categories"] == []
    assert text.endswith("---\nbody\n")
