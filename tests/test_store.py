"""The archive file: shape, upgrades, and writes that lose nothing."""

from __future__ import annotations

import json
import sqlite3
import time

import pytest
import sqlite_utils

from blogarchive import store
from blogarchive.record import Post


def post(**changes) -> Post:
    fields = dict(url="https://e.org/blog/a", title="A title", authors=["Ann Lee", "Bo Chen"],
                  published="2024-03-07", archive_month="2024-03", categories=["Interviews"],
                  text="Running late again.", html="<p>Running late again.</p>", platform="weebly")
    fields.update(changes)
    return Post(**fields)


def test_shape_is_idempotent_and_in_wal_mode(tmp_path):
    db = store.open_db(tmp_path / "a.db")
    schema = db.schema
    store.ensure_db_shape(db)
    store.ensure_db_shape(db)
    assert db.schema == schema
    assert db.journal_mode == "wal"
    assert set(store.TABLES) <= set(db.table_names())
    assert "posts_fts" in db.table_names()


def test_an_older_archive_is_upgraded_without_loss(tmp_path):
    """An archive of the first version (its tables, fewer columns, no application id) is upgraded."""
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    old["blogs"].insert({"id": 1, "url": "https://e.org/blog", "platform": "weebly"}, pk="id")
    old["posts"].insert({"id": 1, "url": "https://e.org/blog/old", "title": "Kept", "content_hash": "x",
                         "body_html": "<p>Kept</p>"}, pk="id")
    old["pages"].insert({"id": 1, "url": "https://e.org/blog/old", "body": b"x", "kind": "post"}, pk="id")
    old["crawls"].insert({"id": 1, "started": "2024-01-01T00:00:00+00:00", "status": "ok"}, pk="id")
    old.close()
    db = store.open_db(path)
    row = db["posts"].get(1)
    assert row["title"] == "Kept" and "removed_at" in row and "word_count" in row
    assert [r["title"] for r in db["posts"].search("kept")] == ["Kept"]
    assert db.execute("PRAGMA application_id").fetchone()[0] == store.APPLICATION_ID


def test_another_programs_database_is_refused_untouched(tmp_path):
    path = tmp_path / "theirs.db"
    theirs = sqlite_utils.Database(path)
    theirs["posts"].insert({"id": 1, "url": "https://e.org/x", "title": "Theirs"}, pk="id")
    theirs.close()
    before = path.read_bytes()
    with pytest.raises(store.NotAnArchive, match="another program's database"):
        store.open_db(path)
    assert path.read_bytes() == before and not (tmp_path / "theirs.db-wal").exists()


def test_save_post_reports_new_updated_unchanged(tmp_path):
    db = store.open_db(tmp_path / "a.db")
    blog = store.add_blog(db, "https://e.org/blog")
    with db.atomic():
        assert store.save_post(db, post(), blog) == "new"
    with db.atomic():
        assert store.save_post(db, post(), blog) == "unchanged"
    with db.atomic():
        assert store.save_post(db, post(title="A new title", authors=["Ann Lee"]), blog) == "updated"
    row = db["posts"].get(1)
    assert row["title"] == "A new title" and json.loads(row["authors"]) == ["Ann Lee"]
    assert row["word_count"] == 3 and row["first_seen"] <= row["last_changed"]
    linked = [r["name"] for r in db.query(
        "select name from authors join posts_authors on authors.id = authors_id where posts_id = 1")]
    assert linked == ["Ann Lee"]
    assert [r["title"] for r in db["posts"].search("run")] == ["A new title"]   # FTS follows updates


def test_pages_keep_the_body_compressed_and_never_cookies(tmp_path):
    db = store.open_db(tmp_path / "a.db")
    body = b"<html>" + b"x" * 5000 + b"</html>"
    headers = {"ETag": '"v1"', "Set-Cookie": "session=secret", "Content-Type": "text/html"}
    store.save_page(db, url="https://e.org/blog/a", blog_id=None, kind="post", status=200,
                    headers=headers, body=body, crawl_id=None)
    row = store.get_page_row(db, "https://e.org/blog/a")
    assert store.stored_body(row) == body and len(row["body"]) < len(body)
    assert "secret" not in row["headers"] and json.loads(row["headers"])["ETag"] == '"v1"'
    # a 304 keeps the stored body and validators
    store.save_page(db, url="https://e.org/blog/a", blog_id=None, kind="post", status=304,
                    headers={}, body=None, crawl_id=None)
    row = store.get_page_row(db, "https://e.org/blog/a")
    assert store.stored_body(row) == body and row["etag"] == '"v1"' and row["status"] == 200


def test_a_failed_transaction_leaves_nothing_half_written(tmp_path):
    db = store.open_db(tmp_path / "a.db")
    blog = store.add_blog(db, "https://e.org/blog")
    try:
        with db.atomic():
            store.save_post(db, post(), blog)
            raise RuntimeError("killed mid-write")
    except RuntimeError:
        pass
    assert db["posts"].count == 0 and db["posts_authors"].count == 0


def test_an_archive_from_before_the_tags_table_gets_it_filled(tmp_path):
    """Tags had no link table: opening such an archive makes one from each post's JSON array."""
    import sqlite3

    from blogarchive.record import Post

    path = tmp_path / "old.db"
    db = store.open_db(path)
    blog = store.add_blog(db, "https://blog.example.org/")
    with db.atomic():
        store.save_post(db, Post(url="https://blog.example.org/a", title="A", tags=["x", "y"], text="a",
                                 html="<p>a</p>"), blog)
        store.save_post(db, Post(url="https://blog.example.org/b", title="B", tags=["y"], text="b",
                                 html="<p>b</p>"), blog)
    db.close()
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE posts_tags")
        conn.execute("DROP TABLE tags")
    db = store.open_db(path)
    counts = dict(db.execute("select tags.name, count(*) from posts_tags join tags on tags.id = tags_id group by 1"))
    assert counts == {"x": 1, "y": 2}


def blog_urls(path) -> set[str]:
    """What another connection sees (what was committed)."""
    with sqlite3.connect(path) as conn:
        return {url for (url,) in conn.execute("SELECT url FROM blogs")}


def add_blog_unit(db, n: int, fail: bool = False) -> None:
    try:
        with store.transaction(db):
            db.execute("INSERT INTO blogs (url) VALUES (?)", [f"https://b{n}.example/"])
            if fail:
                raise RuntimeError("the page could not be stored")
    except RuntimeError:
        pass


def test_a_batch_commits_whole_units_only_when_it_ends_or_is_old(tmp_path):
    path = tmp_path / "a.db"
    db = store.open_db(path)
    with store.Batch(db, 60) as batch:
        for n in range(3):
            batch.step()
            add_blog_unit(db, n, fail=n == 1)      # a unit that fails is rolled back alone
        assert blog_urls(path) == set()            # nothing committed yet: one transaction
    assert blog_urls(path) == {"https://b0.example/", "https://b2.example/"}

    with store.Batch(db, 0.01) as batch:           # an old batch is committed at the next step
        batch.step()
        add_blog_unit(db, 3)
        time.sleep(0.02)
        batch.step()
        assert "https://b3.example/" in blog_urls(path)
        add_blog_unit(db, 4)
    assert "https://b4.example/" in blog_urls(path)


def test_a_batch_keeps_its_units_on_ctrl_c_and_drops_them_when_the_archive_fails(tmp_path):
    path = tmp_path / "a.db"
    db = store.open_db(path)
    with pytest.raises(KeyboardInterrupt):
        with store.Batch(db, 60) as batch:
            batch.step()
            add_blog_unit(db, 1)
            raise KeyboardInterrupt
    assert blog_urls(path) == {"https://b1.example/"}
    with pytest.raises(sqlite3.OperationalError):
        with store.Batch(db, 60) as batch:
            batch.step()
            add_blog_unit(db, 2)
            db.execute("INSERT INTO no_such_table VALUES (1)")
    assert blog_urls(path) == {"https://b1.example/"}
    assert not db.conn.in_transaction
    with store.Batch(db, 0) as batch:              # no batching: each unit commits by itself
        batch.step()
        add_blog_unit(db, 3)
        assert "https://b3.example/" in blog_urls(path)
