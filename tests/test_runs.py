"""Every run is logged truthfully and the archive is one crawl's at a time: statuses, exit codes,
the lock, interrupted and killed crawls, a full disk, and `serve` that stops when killed."""

from __future__ import annotations

import json
import os
import resource
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlite_utils

from blogarchive import store
from recordedsite import RecordedSite

SITES = Path(__file__).parent / "sites"
BLOG = SITES / "unknown"


def blogarchive(*args, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "blogarchive", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)


def crawls(db_path) -> list[dict]:
    return list(sqlite_utils.Database(db_path)["crawls"].rows_where(order_by="id"))


def test_a_second_crawl_is_refused_while_one_runs_and_a_dead_ones_lock_is_taken_over(tmp_path):
    db_path = tmp_path / "a.db"
    db = store.open_db(db_path)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        db["crawls"].insert({"started": store.now_iso(), "status": "running", "pid": sleeper.pid,
                             "host": socket.gethostname()})
        with RecordedSite(BLOG) as site:
            proc = blogarchive("crawl", site.url + "/journal/", "--db", db_path, "--delay", "0")
            out, err = proc.communicate(timeout=60)
            assert proc.returncode == 3, err
            assert "is running on this archive" in err and len(err.strip().splitlines()) == 1
            sleeper.kill()
            sleeper.wait()
            proc = blogarchive("crawl", site.url + "/journal/", "--db", db_path, "--delay", "0")
            out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert [c["status"] for c in crawls(db_path)] == ["stale", "ok"]
    finally:
        sleeper.kill()


def test_interrupted_crawls_are_logged_and_exit_130(tmp_path):
    for sig in (signal.SIGINT, signal.SIGTERM):
        db_path = tmp_path / f"{sig.name}.db"
        with RecordedSite(BLOG) as site:
            proc = blogarchive("crawl", site.url + "/journal/", "--db", db_path, "--delay", "0.2")
            deadline = time.monotonic() + 30
            while len(site.requests) < 6 and time.monotonic() < deadline:
                time.sleep(0.05)
            proc.send_signal(sig)
            out, err = proc.communicate(timeout=30)
        assert proc.returncode == 130, (sig, err)
        assert "interrupted" in err and "Traceback" not in err
        assert [c["status"] for c in crawls(db_path)] == ["interrupted"]


def test_a_killed_crawl_is_found_stale_and_resumed(tmp_path):
    db_path = tmp_path / "a.db"
    with RecordedSite(BLOG) as site:
        proc = blogarchive("crawl", site.url + "/journal/", "--db", db_path, "--delay", "0.05")
        deadline = time.monotonic() + 30
        while len(site.requests) < 15 and time.monotonic() < deadline:
            time.sleep(0.02)
        proc.kill()
        proc.communicate()
        proc = blogarchive("crawl", site.url + "/journal/", "--db", db_path, "--delay", "0")
        out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert [c["status"] for c in crawls(db_path)] == ["stale", "ok"]
    expected = json.loads((BLOG / "expected.json").read_text())["states"]["v1"]["posts"]
    assert sqlite_utils.Database(db_path)["posts"].count == len(expected)


def test_a_full_disk_is_one_clear_line_and_exit_2(tmp_path):
    db_path = tmp_path / "a.db"
    store.open_db(db_path).close()

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (400_000, 400_000))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    with RecordedSite(SITES / "wordpress") as site:
        proc = blogarchive("crawl", site.url + "/", "--db", db_path, "--delay", "0", preexec_fn=small_files)
        out, err = proc.communicate(timeout=120)
    assert proc.returncode == 2, err
    assert "the disk is full" in err and "Traceback" not in err
    assert sqlite_utils.Database(db_path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_killing_serve_stops_datasette(tmp_path):
    db_path = tmp_path / "blogarchive.db"
    store.open_db(db_path).close()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = blogarchive("serve", "--db", db_path, "--port", port)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise AssertionError("serve did not start")
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
        time.sleep(0.5)
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            still_serving = True
        except OSError:
            still_serving = False
        assert not still_serving
    finally:
        proc.kill()


FIELDS = ("url", "title", "published", "archive_month", "authors", "categories", "tags", "body_text")


def archive(db_path) -> dict[str, tuple]:
    return {r["url"]: tuple(r[f] for f in FIELDS) for r in sqlite_utils.Database(db_path)["posts"].rows}


def test_max_pages_below_the_list_pages_still_makes_progress_to_a_complete_archive(tmp_path):
    """The sample Weebly blog has 33 list pages: runs of 20 requests each resume discovery where the
    last one stopped, and end with exactly what one unlimited crawl stores."""
    from sampleblog.server import SampleBlogServer

    with SampleBlogServer() as server:
        clean = blogarchive("crawl", server.blog_url, "--db", tmp_path / "clean.db", "--delay", "0")
        assert clean.wait(timeout=120) == 0
        counts = []
        for _ in range(8):
            proc = blogarchive("crawl", server.blog_url, "--db", tmp_path / "capped.db", "--delay", "0",
                               "--max-pages", "20")
            proc.communicate(timeout=120)
            assert proc.returncode == 0
            counts.append(sqlite_utils.Database(tmp_path / "capped.db")["posts"].count)
    assert counts[0] < counts[2] < counts[-1] == len(archive(tmp_path / "clean.db"))
    assert archive(tmp_path / "capped.db") == archive(tmp_path / "clean.db")


def copy_archive(source, target) -> None:
    import sqlite3

    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def test_crawls_killed_at_random_moments_lose_nothing(tmp_path):
    """v1 crawled, then the blog changes (3 posts added, 1 edited, 1 removed). From that archive, 20
    crawls are each killed with SIGKILL at a random moment (after 1 to all-but-one of the requests a
    whole crawl makes, discovery included) and resumed by the next crawl: each ends exactly as the
    archive one clean crawl makes of the same changes."""
    import random

    rng = random.Random(5)
    base, clean = tmp_path / "base.db", tmp_path / "clean.db"
    moments = []
    with RecordedSite(BLOG) as site:
        assert blogarchive("crawl", site.url + "/journal/", "--db", base, "--delay", "0").wait(60) == 0
        copy_archive(base, clean)
        site.use("v2")
        site.reset_requests()
        assert blogarchive("crawl", site.url + "/journal/", "--db", clean, "--delay", "0").wait(60) == 0
        whole = len(site.reset_requests())
        removed = lambda p: {r["url"] for r in sqlite_utils.Database(p)["posts"].rows if r["removed_at"]}  # noqa: E731
        for n in range(20):
            killed = tmp_path / f"killed-{n}.db"
            copy_archive(base, killed)
            site.reset_requests()
            proc = blogarchive("crawl", site.url + "/journal/", "--db", killed, "--delay", "0.02")
            after = rng.randint(1, whole - 1)      # requests the server answers before the kill
            deadline = time.monotonic() + 30
            while len(site.requests) < after and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.002)
            proc.kill()
            proc.communicate()
            moments.append(len(site.reset_requests()))
            final = blogarchive("crawl", site.url + "/journal/", "--db", killed, "--delay", "0")
            out, err = final.communicate(timeout=60)
            assert final.returncode == 0, err
            assert archive(killed) == archive(clean), after
            assert removed(killed) == removed(clean) != set()
            statuses = [c["status"] for c in crawls(killed)]
            assert statuses[-2:] == ["stale", "ok"], statuses
            assert sqlite_utils.Database(killed).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    print(f"a whole crawl of the changes: {whole} requests; killed after:", sorted(moments))
    assert len(set(moments)) >= 8 and min(moments) < 6 and max(moments) >= whole // 2


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_reextract_rebuilds_posts_from_stored_pages_and_keeps_revisions(tmp_path, jobs):
    """Posts spoiled as an old extractor might have left them are rebuilt from the stored pages alone
    (the server is gone); the spoiled versions are kept in revisions. Weebly categories, which come
    from category pages and not from the post page, survive."""
    from click.testing import CliRunner

    from blogarchive.cli import cli
    from sampleblog.server import SampleBlogServer

    db_path = tmp_path / "a.db"
    with SampleBlogServer() as server:
        assert blogarchive("crawl", server.blog_url, "--db", db_path, "--delay", "0").wait(120) == 0
    before = archive(db_path)
    db = sqlite_utils.Database(db_path)
    spoiled = [r["id"] for r in db.query("SELECT id FROM posts ORDER BY id LIMIT 3")]
    for post_id in spoiled:
        db.execute("UPDATE posts SET title = 'Untitled', content_hash = 'old' WHERE id = ?", [post_id])
    db.conn.commit()
    result = CliRunner().invoke(cli, ["reextract", "--db", str(db_path), "--blog", server.blog_url,
                                      "--jobs", jobs], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"{len(before)} posts re-extracted: 3 changed" in result.output
    assert archive(db_path) == before
    revisions = list(sqlite_utils.Database(db_path)["revisions"].rows)
    assert sorted(r["post_id"] for r in revisions) == sorted(spoiled)
    assert {r["title"] for r in revisions} == {"Untitled"} and {r["reason"] for r in revisions} == {"reextract"}


def test_warc_holds_every_stored_page_as_request_and_response(tmp_path):
    from click.testing import CliRunner
    from warcio.archiveiterator import ArchiveIterator

    from blogarchive.cli import cli

    db_path = tmp_path / "a.db"
    with RecordedSite(BLOG) as site:
        assert blogarchive("crawl", site.url + "/journal/", "--db", db_path, "--delay", "0").wait(60) == 0
    result = CliRunner().invoke(cli, ["warc", str(tmp_path / "out.warc.gz"), "--db", str(db_path)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    stored = {r["url"]: store.stored_body(r) for r in sqlite_utils.Database(db_path)["pages"].rows
              if r["body"] is not None}
    responses, requests = {}, set()
    with open(tmp_path / "out.warc.gz", "rb") as stream:
        for record in ArchiveIterator(stream):
            assert record.rec_headers.get_header("WARC-Type") in ("warcinfo", "request", "response")
            if record.rec_type == "response":
                responses[record.rec_headers.get_header("WARC-Target-URI")] = record.content_stream().read()
            elif record.rec_type == "request":
                requests.add(record.rec_headers.get_header("WARC-Target-URI"))
                assert record.http_headers.get_header("User-Agent").startswith("blogarchive/")
    assert responses == stored and len(stored) >= 35
    assert requests == set(stored)
    assert f"wrote {len(stored)} responses" in result.output
    only = CliRunner().invoke(cli, ["warc", str(tmp_path / "one.warc"), "--db", str(db_path),
                                    "--blog", site.url + "/journal/"], catch_exceptions=False)
    assert only.exit_code == 0 and f"wrote {len(stored)} responses" in only.output
    other = CliRunner().invoke(cli, ["warc", str(tmp_path / "none.warc"), "--db", str(db_path),
                                     "--blog", "http://127.0.0.1:9/elsewhere"], catch_exceptions=False)
    assert other.exit_code == 2 and "not a registered blog" in other.output


def test_a_read_only_archive_is_one_clear_line_and_exit_2(tmp_path):
    """Root ignores file permissions, so the archive is made immutable (chattr +i) instead."""
    db_path = tmp_path / "a.db"
    store.open_db(db_path).close()
    sqlite_utils.Database(db_path).execute("PRAGMA journal_mode = DELETE")
    if subprocess.run(["chattr", "+i", str(db_path)], capture_output=True).returncode != 0:
        import pytest

        pytest.skip("chattr +i is not available here to make the archive read-only")
    try:
        with RecordedSite(BLOG) as site:
            proc = blogarchive("crawl", site.url + "/journal/", "--db", db_path, "--delay", "0")
            out, err = proc.communicate(timeout=60)
    finally:
        subprocess.run(["chattr", "-i", str(db_path)], capture_output=True)
    assert proc.returncode == 2, err
    assert "read-only" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_another_writer_holding_the_archive_only_makes_the_crawl_wait(tmp_path):
    """Write transactions begin IMMEDIATE, so the busy timeout applies: a writer holding the archive
    for two seconds delays the crawl, it does not kill it with "database is locked"."""
    import sqlite3
    import threading

    db_path = tmp_path / "a.db"
    store.open_db(db_path).close()
    held = threading.Event()

    def writer():
        conn = sqlite3.connect(db_path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE blogs SET name = name")
        held.set()
        time.sleep(2)
        conn.execute("COMMIT")
        conn.close()

    with RecordedSite(BLOG) as site:
        proc = blogarchive("crawl", site.url + "/journal/", "--db", db_path, "--delay", "0.01")
        while not site.requests:
            time.sleep(0.01)
        thread = threading.Thread(target=writer)
        thread.start()
        out, err = proc.communicate(timeout=120)
        thread.join()
    assert held.is_set()
    assert proc.returncode == 0, err
    assert "locked" not in err


def test_a_read_only_archive_can_still_be_served(tmp_path):
    """A published copy is often read-only: serve checks it without writing, and Datasette reads it."""
    import urllib.request

    db_path = tmp_path / "blogarchive.db"
    store.open_db(db_path).close()
    sqlite_utils.Database(db_path).execute("PRAGMA journal_mode = DELETE")
    if subprocess.run(["chattr", "+i", str(db_path)], capture_output=True).returncode != 0:
        import pytest

        pytest.skip("chattr +i is not available here to make the archive read-only")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = blogarchive("serve", "--db", db_path, "--port", port)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/blogarchive/posts.json", timeout=2) as r:
                    assert r.status == 200
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise AssertionError("serve did not start on a read-only archive")
    finally:
        proc.kill()
        proc.communicate()
        subprocess.run(["chattr", "-i", str(db_path)], capture_output=True)
