"""Nightly runs cost almost nothing, a full pass still finds what they cannot, and several hosts
are crawled at once, each at its own pace (issue 9). Requests are counted and timed at the
servers: the sample Weebly blog served over HTTP on 127.0.0.1, one server per host."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import sqlite_utils

from sampleblog.content import POSTS
from sampleblog.model import Para
from sampleblog.server import SampleBlogServer
from test_crawl_weebly import crawl, fresh, new_post, post_paths, stored  # noqa: F401 (fixture)

# what a nightly run of an unchanged Weebly blog may ask for: robots.txt, the blog's index page
# and its feed (conditional requests), whatever the blog's size
NIGHTLY_REQUESTS = 3


def last_crawl(db_path) -> dict:
    db = sqlite_utils.Database(db_path)
    return list(db["crawls"].rows)[-1]


def blog_row(db_path) -> dict:
    return next(sqlite_utils.Database(db_path)["blogs"].rows)


def test_an_unchanged_nightly_run_asks_for_three_pages(fresh):
    server, db_path = fresh
    assert crawl(server, db_path).returncode == 0
    first = len(server.requests)
    report = json.loads(last_crawl(db_path)["report"])[0]
    assert report["full"] is True            # a blog's first crawl is a full pass
    next_full = datetime.fromisoformat(blog_row(db_path)["next_full"])
    assert timedelta(hours=23) < next_full - datetime.now(timezone.utc) <= timedelta(days=7)
    server.clear_log()
    result = crawl(server, db_path)
    assert result.returncode == 0, result.stderr
    asked = [r.path for r in server.requests]
    assert len(asked) <= NIGHTLY_REQUESTS < first, asked
    assert not set(asked) & post_paths(server)
    report = json.loads(last_crawl(db_path)["report"])[0]
    assert report["full"] is False and report["sources_skipped"] >= 20
    assert report["posts_stored"] == len(server.posts) and not report["missing"]   # nothing lost
    assert "nightly run" in result.stdout
    assert blog_row(db_path)["next_full"] == next_full.isoformat()                  # still due then


def test_a_nightly_run_after_new_posts_fetches_them_and_little_else(fresh):
    server, db_path = fresh
    assert crawl(server, db_path).returncode == 0
    added = [replace(new_post(), title=f"Salary talks, part {n}") for n in range(1, 4)]
    for post in added:
        server.add_post(post)
    server.clear_log()
    result = crawl(server, db_path)
    assert result.returncode == 0, result.stderr
    downloaded = sorted(r.path for r in server.requests if r.status == 200 and r.path in post_paths(server))
    assert downloaded == sorted(f"/blog/salary-talks-part-{n}" for n in range(1, 4))
    assert len(server.requests) <= len(added) + 50
    rows = stored(db_path)
    for post in added:
        row = rows[f"{server.url}/blog/salary-talks-part-{post.title[-1]}"]
        assert json.loads(row["categories"]) == ["Negotiation"]     # from its category's first page
        assert json.loads(row["authors"]) == ["Ruth Okafor"]


ADDED = "A paragraph added years later."


def deep_changes(server) -> tuple[str, str]:
    """Add a paragraph to the oldest post (its URL, made from its title, stays) and take the
    second oldest down; returns their paths."""
    oldest, second = sorted(server.posts, key=lambda p: p.posted)[:2]
    edited = replace(oldest, blocks=oldest.blocks + (Para(ADDED),))
    server._publish([edited if p is oldest else p for p in server.posts if p is not second])
    paths = {p.title: "/blog/" + p.slug for p in (oldest, second)}
    return paths[oldest.title], paths[second.title]


def test_a_full_pass_finds_a_deep_edit_and_a_removal_a_nightly_run_cannot(fresh):
    server, db_path = fresh
    assert crawl(server, db_path).returncode == 0
    edited, removed = deep_changes(server)
    assert crawl(server, db_path).returncode == 0                    # nightly: neither is seen
    rows = stored(db_path)
    assert ADDED not in rows[server.url + edited]["body_text"]
    assert rows[server.url + removed]["removed_at"] is None
    server.clear_log()
    assert crawl(server, db_path, "--full").returncode == 0
    rows = stored(db_path)
    assert ADDED in rows[server.url + edited]["body_text"]
    assert rows[server.url + removed]["removed_at"]
    db = sqlite_utils.Database(db_path)
    assert [r["reason"] for r in db["revisions"].rows_where("url = ?", [server.url + edited])] == ["crawl"]
    report = json.loads(last_crawl(db_path)["report"])[0]
    assert report["full"] is True and report["posts_removed"] == 1


def test_the_full_pass_comes_by_itself_when_due(fresh):
    server, db_path = fresh
    assert crawl(server, db_path).returncode == 0
    edited, removed = deep_changes(server)
    past = (datetime.now(timezone.utc) - timedelta(minutes=1)).isoformat()
    with sqlite3.connect(db_path) as conn:       # as if a week went by
        conn.execute("update blogs set next_full = ?", [past])
    assert crawl(server, db_path).returncode == 0
    rows = stored(db_path)
    assert ADDED in rows[server.url + edited]["body_text"] and rows[server.url + removed]["removed_at"]
    assert datetime.fromisoformat(blog_row(db_path)["next_full"]) > datetime.now(timezone.utc) + timedelta(days=6)


def test_full_every_zero_makes_every_run_a_full_pass(fresh):
    server, db_path = fresh
    assert crawl(server, db_path).returncode == 0
    edited, _ = deep_changes(server)
    assert crawl(server, db_path, "--full-every", "0").returncode == 0
    assert ADDED in stored(db_path)[server.url + edited]["body_text"]


# ---------------------------------------------------------------- several hosts at once

DELAY = 0.25


def archive_of(db_path) -> set[tuple]:
    db = sqlite_utils.Database(db_path)
    return {(r["url"], r["title"], r["published"], r["archive_month"], r["authors"], r["categories"],
             r["body_text"]) for r in db["posts"].rows}


def test_concurrent_hosts_keep_their_delay_and_build_the_same_archive(tmp_path):
    servers = [SampleBlogServer(posts=list(POSTS[i * 5:i * 5 + 5])).start() for i in range(3)]
    try:
        for server in servers:
            server.clear_log()
        args = [s.blog_url for s in servers]
        together = tmp_path / "together.db"
        result = crawl(servers[0], together, *args[1:], "--delay", str(DELAY), "--concurrency", "3")
        assert result.returncode == 0, result.stderr
        spans = []
        for server in servers:
            times = sorted(r.at for r in server.requests)
            assert len(times) > 5
            gaps = [b - a for a, b in zip(times, times[1:])]
            assert min(gaps) >= DELAY - 0.05, f"{server.url}: requests {min(gaps):.3f}s apart"
            spans.append((times[0], times[-1]))
        # the hosts were crawled at the same time, not one after another
        assert max(start for start, _ in spans) < min(end for _, end in spans)
        report = json.loads(last_crawl(together)["report"])
        assert [r["url"] for r in report] == args          # one report per blog, in their order
        assert all(r["posts_stored"] == 5 and not r["failed"] for r in report)

        one_by_one = tmp_path / "one-by-one.db"
        result = crawl(servers[0], one_by_one, *args[1:], "--delay", "0", "--concurrency", "1")
        assert result.returncode == 0, result.stderr
        assert archive_of(together) == archive_of(one_by_one) and len(archive_of(together)) == 15
    finally:
        for server in servers:
            server.stop()


# ---------------------------------------------------------------- list pages read in workers

def pages_of(db_path) -> dict[str, tuple]:
    db = sqlite_utils.Database(db_path)
    return {r["url"]: (r["kind"], r["status"], r["body_hash"], r["listing_key"], r["listing"], r["source_keys"],
                       r["hints"]) for r in db["pages"].rows}


def test_list_pages_read_in_workers_give_the_archive_one_process_gives(fresh, tmp_path):
    server, serial = fresh
    result = crawl(server, serial, "--jobs", "1", "--verbose")
    assert result.returncode == 0, result.stderr
    assert "worker processes" not in result.stderr
    asked_serial = [r.path for r in server.requests]
    server.clear_log()
    parallel = tmp_path / "parallel.db"
    result = crawl(server, parallel, "--jobs", "2", "--verbose")
    assert result.returncode == 0, result.stderr
    assert "read in 2 worker processes" in result.stderr
    asked_parallel = [r.path for r in server.requests]
    # the same requests; discovery's in the same order (sources are fetched ahead in the order they
    # were found); posts and their images interleave differently when posts are extracted in workers
    assert sorted(asked_parallel) == sorted(asked_serial) and len(asked_serial) > 40
    discovery = len(asked_serial) - len(server.posts) - sum(1 for p in asked_serial if p.startswith("/uploads/"))
    assert asked_parallel[:discovery] == asked_serial[:discovery]
    assert not set(asked_serial[:discovery]) & post_paths(server)
    assert archive_of(parallel) == archive_of(serial) and len(archive_of(serial)) == len(server.posts)
    # each list page stored as it was read: its body, what it said, its key
    serial_pages, parallel_pages = pages_of(serial), pages_of(parallel)
    assert serial_pages == parallel_pages
    assert sum(1 for kind, *_ in serial_pages.values() if kind == "list") > 20
    first, again = (json.loads(last_crawl(p)["report"])[0] for p in (serial, parallel))
    assert first["sources"] == again["sources"] and again["posts_found"] == len(server.posts)


def test_full_passes_recheck_every_post_a_quarter_at_a_time_oldest_first(fresh):
    """A list page may show only the start of a post, so an edit further down shows nowhere but
    on the post's own page: each full pass asks again (conditionally) for the quarter of the posts
    fetched longest ago, and four full passes have asked for every one."""
    server, db_path = fresh
    assert crawl(server, db_path).returncode == 0
    posts = post_paths(server)
    rechecked: list[set[str]] = []
    for _ in range(4):
        server.clear_log()
        result = crawl(server, db_path, "--full")
        assert result.returncode == 0, result.stderr
        asked = [r for r in server.requests if r.path in posts]
        assert all(r.status == 304 for r in asked)            # unchanged: nothing downloaded again
        rechecked.append({r.path for r in asked})
        assert len(asked) == len(rechecked[-1]) == -(-len(posts) // 4)
    assert set().union(*rechecked) == posts and sum(map(len, rechecked)) < len(posts) + 4
    report = json.loads(last_crawl(db_path)["report"])[0]
    assert report["posts_stored"] == len(posts) and report["posts_updated"] == report["posts_new"] == 0
