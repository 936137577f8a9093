"""Crawling the sample Weebly blog over real HTTP on 127.0.0.1, into a real SQLite file."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import replace
from datetime import datetime

import pytest
import sqlite_utils

from sampleblog.expected import expected_posts, list_page_paths
from sampleblog.model import Para, Post, signature
from sampleblog.server import SampleBlogServer

FIELDS = ("title", "authors", "published", "archive_month", "categories", "tags")


def post_paths(server) -> set[str]:
    return {"/blog/" + p.slug for p in server.posts}


def post_requests(server, status=None) -> list[str]:
    paths = post_paths(server)
    return [r.path for r in server.requests if r.path in paths and (status is None or r.status == status)]


def stored(db_path) -> dict[str, dict]:
    db = sqlite_utils.Database(db_path)
    return {row["url"]: row for row in db["posts"].rows}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """The sample blog, crawled once; shared by the read-only tests below."""
    db_path = tmp_path_factory.mktemp("crawl") / "blogarchive.db"
    with SampleBlogServer() as server:
        result = subprocess.run(
            [sys.executable, "-m", "blogarchive", "crawl", server.blog_url, "--db", str(db_path),
             "--delay", "0"], capture_output=True, text=True, timeout=300)
        yield server, db_path, result


def test_first_crawl_succeeds(crawled):
    _, _, result = crawled
    assert result.returncode == 0, result.stderr


def test_every_post_found_and_no_list_page_stored(crawled):
    server, db_path, _ = crawled
    expected = {e["url"] for e in expected_posts(server.url)}
    assert len(expected) >= 40
    assert set(stored(db_path)) == expected
    list_urls = {server.url + path for path in list_page_paths(server.posts)}
    assert not list_urls & set(stored(db_path))


def test_every_field_of_every_post_is_exact(crawled):
    server, db_path, _ = crawled
    rows = stored(db_path)
    for exp in expected_posts(server.url):
        row = rows[exp["url"]]
        got = {key: json.loads(row[key]) if key in ("authors", "categories", "tags") else row[key]
               for key in FIELDS}
        assert got == {key: exp[key] for key in FIELDS}, exp["url"]
        assert row["body_text"] == exp["text"], exp["url"]
        assert row["word_count"] == len(exp["text"].split())


def test_bodies_are_sanitised_and_free_of_furniture(crawled):
    _, db_path, _ = crawled
    for row in stored(db_path).values():
        html = row["body_html"].lower()
        assert "<script" not in html and "onerror" not in html and "javascript:" not in html
        for furniture in ("Comments are closed", "Read More", "Archives", "0 Comments"):
            assert furniture not in row["body_text"], row["url"]


def test_link_tables_match_json_columns(crawled):
    _, db_path, _ = crawled
    db = sqlite_utils.Database(db_path)
    for row in db["posts"].rows:
        names = sorted(r["name"] for r in db.query(
            "select authors.name from posts_authors join authors on authors.id = posts_authors.authors_id "
            "where posts_id = ?", [row["id"]]))
        assert names == sorted(json.loads(row["authors"]))
        cats = sorted(r["name"] for r in db.query(
            "select categories.name from posts_categories join categories "
            "on categories.id = posts_categories.categories_id where posts_id = ?", [row["id"]]))
        assert cats == json.loads(row["categories"])
    assert "All" not in {r["name"] for r in db["categories"].rows}


def test_raw_pages_and_crawl_log_are_kept(crawled):
    server, db_path, _ = crawled
    db = sqlite_utils.Database(db_path)
    kinds = Counter(r["kind"] for r in db["pages"].rows)
    assert kinds["post"] == len(server.posts)
    assert kinds["list"] == len(list_page_paths(server.posts))
    assert kinds["feed"] == 1
    crawl = list(db["crawls"].rows)[-1]
    assert crawl["status"] == "ok" and crawl["errors"] == 0 and crawl["finished"]
    assert crawl["posts_new"] == len(server.posts)
    assert crawl["requests"] + crawl["image_requests"] == len(server.requests)   # images are counted apart
    blog = list(db["blogs"].rows)[0]
    assert blog["platform"] == "weebly" and blog["last_crawled"]


def test_robots_txt_is_read_before_anything_else(crawled):
    server, _, _ = crawled
    assert server.requests[0].path == "/robots.txt"


def test_fts_finds_posts_with_stemming(crawled):
    server, db_path, _ = crawled
    db = sqlite_utils.Database(db_path)
    some = expected_posts(server.url)[5]
    word = max(some["title"].split(), key=len).strip(",.:?!\"'").lower()
    hits = [r["url"] for r in db["posts"].search(word)]
    assert some["url"] in hits
    db.execute("insert into posts_fts(posts_fts, rank) values('integrity-check', 1)")  # raises if out of sync


# ---------------------------------------------------------------- incremental crawls


@pytest.fixture
def fresh(tmp_path):
    with SampleBlogServer() as server:
        yield server, tmp_path / "blogarchive.db"


def crawl(server, db_path, *extra):
    return subprocess.run(
        [sys.executable, "-m", "blogarchive", "crawl", server.blog_url, "--db", str(db_path),
         "--delay", "0", *extra], capture_output=True, text=True, timeout=300)


def test_second_crawl_downloads_no_unchanged_post(fresh):
    server, db_path = fresh
    assert crawl(server, db_path).returncode == 0
    before = {u: r["last_changed"] for u, r in stored(db_path).items()}
    server.clear_log()
    result = crawl(server, db_path)
    assert result.returncode == 0, result.stderr
    assert post_requests(server, 200) == []             # not one post page downloaded again
    downloaded = [r.path for r in server.requests if r.status == 200]
    assert downloaded == ["/robots.txt"]                 # every list page and the feed answered 304
    assert {u: r["last_changed"] for u, r in stored(db_path).items()} == before
    db = sqlite_utils.Database(db_path)
    last = list(db["crawls"].rows)[-1]
    assert (last["posts_new"], last["posts_updated"], last["fetched"]) == (0, 0, 1)


def new_post() -> Post:
    return Post(
        title="Salary talks after a counter-offer",
        posted=datetime(2024, 12, 3, 9, 30),
        blocks=(Para("A counter-offer changes the conversation.", "Write down the numbers first."),),
        categories=("Negotiation",),
        credit=signature("-- ", "Ruth Okafor"),
    )


def test_new_post_is_picked_up(fresh):
    server, db_path = fresh
    assert crawl(server, db_path).returncode == 0
    post = new_post()
    server.add_post(post)
    server.clear_log()
    result = crawl(server, db_path)
    assert result.returncode == 0, result.stderr
    rows = stored(db_path)
    url = f"{server.url}/blog/{post.slug}"
    assert len(rows) == len(server.posts)
    exp = next(e for e in expected_posts(server.url, server.posts) if e["url"] == url)
    row = rows[url]
    assert (row["title"], json.loads(row["authors"]), row["published"], row["archive_month"]) == (
        exp["title"], ["Ruth Okafor"], "2024-12-03", "2024-12")
    assert json.loads(row["categories"]) == exp["categories"]
    # the new post is downloaded; older posts are at most re-validated (304), never downloaded
    assert post_requests(server, 200) == ["/blog/" + post.slug]


def test_a_new_category_is_picked_up_without_fetching_the_post(fresh):
    """Weebly shows categories only on category pages: a full pass reads them, and the post is
    re-extracted from its stored page. A nightly run does not read category pages."""
    server, db_path = fresh
    assert crawl(server, db_path).returncode == 0
    post = next(p for p in server.posts if p.categories == ("Interviews",))
    moved = replace(post, categories=("Interviews", "Resumes"))
    server._publish([moved if p is post else p for p in server.posts])
    server.clear_log()
    assert crawl(server, db_path).returncode == 0      # nightly
    row = stored(db_path)[f"{server.url}/blog/{post.slug}"]
    assert json.loads(row["categories"]) == ["Interviews"]
    assert not any("/category/" in r.path for r in server.requests)
    assert crawl(server, db_path, "--full").returncode == 0
    row = stored(db_path)[f"{server.url}/blog/{post.slug}"]
    assert json.loads(row["categories"]) == ["Interviews", "Resumes"]
    # read from the stored page, not downloaded again (a full pass may re-check it: a 304)
    assert "/blog/" + post.slug not in [r.path for r in server.requests if r.status == 200]
    db = sqlite_utils.Database(db_path)
    linked = [r["name"] for r in db.query(
        "select categories.name from posts_categories join categories on categories.id = categories_id "
        "where posts_id = ? order by 1", [row["id"]])]
    assert linked == ["Interviews", "Resumes"]


def test_refresh_revalidates_every_post_without_downloading(fresh):
    server, db_path = fresh
    assert crawl(server, db_path).returncode == 0
    server.clear_log()
    assert crawl(server, db_path, "--refresh").returncode == 0
    assert Counter(s for p, s in ((r.path, r.status) for r in server.requests) if p in post_paths(server)) \
        == {304: len(server.posts)}


def test_max_pages_stops_and_the_next_run_finishes(fresh):
    server, db_path = fresh
    result = crawl(server, db_path, "--max-pages", "50")
    assert result.returncode == 0, result.stderr
    first = stored(db_path)
    assert 0 < len(first) < len(server.posts)
    assert "queued" in result.stdout
    result = crawl(server, db_path)
    assert result.returncode == 0
    assert set(stored(db_path)) == {e["url"] for e in expected_posts(server.url)}
    db = sqlite_utils.Database(db_path)
    assert db["frontier"].count == 0


def test_killed_crawl_resumes_without_loss(fresh):
    server, db_path = fresh
    proc = subprocess.Popen(
        [sys.executable, "-m", "blogarchive", "crawl", server.blog_url, "--db", str(db_path),
         "--delay", "0.05", "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(post_requests(server)) < 5:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = stored(db_path)
    assert len(partial) < len(server.posts)
    server.clear_log()
    assert crawl(server, db_path).returncode == 0
    rows = stored(db_path)
    assert set(rows) == {e["url"] for e in expected_posts(server.url)}
    for url, row in partial.items():               # what was stored before the kill is intact
        assert rows[url]["content_hash"] == row["content_hash"]
    fetched_again = set(post_requests(server, 200))
    assert not fetched_again & {u.removeprefix(server.url) for u in partial}
    db = sqlite_utils.Database(db_path)
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"


# ---------------------------------------------------------------- faults


def test_a_broken_post_page_is_skipped_and_reported(fresh):
    server, db_path = fresh
    victim = server.posts[3]
    del server._pages["/blog/" + victim.slug]      # the page now answers 404
    result = crawl(server, db_path)
    assert result.returncode == 1
    assert "/blog/" + victim.slug in result.stderr and "HTTP 404" in result.stderr
    assert len(stored(db_path)) == len(server.posts) - 1
    db = sqlite_utils.Database(db_path)
    last = list(db["crawls"].rows)[-1]
    assert last["errors"] == 1 and victim.slug in last["error_log"]


def test_a_corrupt_feed_does_not_lose_posts(fresh):
    server, db_path = fresh
    feed = server._pages["/blog/feed"]
    server._pages["/blog/feed"] = type(feed)(b"<rss><channel><item><title>broken", feed.content_type,
                                             feed.last_modified)
    result = crawl(server, db_path)
    assert result.returncode == 1 and "feed" in result.stderr
    assert set(stored(db_path)) == {e["url"] for e in expected_posts(server.url)}


# ---------------------------------------------------------------- the crawled archive in Datasette


@pytest.fixture
def datasette_on(crawled):
    from datasette.app import Datasette

    from blogarchive.publish import load_metadata

    _, db_path, _ = crawled
    return Datasette(files=[str(db_path)], metadata=load_metadata())


async def test_datasette_search_and_facets_on_the_crawled_blog(crawled, datasette_on):
    server, _, _ = crawled
    expected = expected_posts(server.url)
    r = await datasette_on.client.get("/blogarchive/posts.json?_shape=objects&_size=max&_facet_size=max")
    data = r.json()
    assert r.status_code == 200 and len(data["rows"]) == len(expected)
    months = {f["value"]: f["count"] for f in data["facet_results"]["archive_month"]["results"]}
    assert months == dict(Counter(e["archive_month"] for e in expected))
    # authors and categories are faceted on the link tables (by name through the label column)
    r = await datasette_on.client.get("/blogarchive/posts_authors.json?_facet_size=max")
    authors = {f["label"]: f["count"] for f in r.json()["facet_results"]["authors_id"]["results"]}
    assert authors == dict(Counter(a for e in expected for a in e["authors"]))
    r = await datasette_on.client.get("/blogarchive/posts_categories.json?_facet_size=max")
    categories = {f["label"]: f["count"] for f in r.json()["facet_results"]["categories_id"]["results"]}
    assert categories == dict(Counter(c for e in expected for c in e["categories"]))
    assert "All" not in categories

    target = next(e for e in expected if "Negotiation" in e["categories"])
    word = max(re.findall(r"[^\W\d_]+", target["title"]), key=len)
    r = await datasette_on.client.get("/blogarchive/search.json?_shape=array&q=" + word)
    hits = r.json()
    assert r.status_code == 200 and target["url"] in [h["url"] for h in hits]
    assert all("<mark>" not in h["title"] + h["snippet"] for h in hits)      # exports are plain text
    page = await datasette_on.client.get("/blogarchive/search?q=" + word)
    assert f"<mark>{word}</mark>".casefold() in page.text.casefold()
    r = await datasette_on.client.get("/blogarchive/search.json?_shape=array&q=")
    assert r.status_code == 200 and r.json() == []
    r = await datasette_on.client.get("/blogarchive/posts.csv?_stream=on")
    assert r.status_code == 200 and r.text.count("\n") > len(expected)


def test_a_site_home_page_leads_to_its_blog(fresh):
    server, db_path = fresh
    result = subprocess.run(
        [sys.executable, "-m", "blogarchive", "crawl", server.url + "/", "--db", str(db_path), "--delay", "0"],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert set(stored(db_path)) == {e["url"] for e in expected_posts(server.url)}

