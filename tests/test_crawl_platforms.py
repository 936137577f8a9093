"""Crawling every platform's fixture blog over real HTTP on 127.0.0.1: every post, every field,
no list page stored, the completeness report, and a re-crawl after posts were added, edited and removed.

The fixture sites were made by the platforms' own software (WordPress, Hugo, Jekyll, Pelican,
Eleventy) or copy the platform's markup and feeds (Blogger, and a hand-made blog no platform
rule recognises); see tests/sites/FIXTURES.md. Requests are counted at the server.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote

import pytest
import sqlite_utils
from click.testing import CliRunner

from blogarchive.cli import cli
from recordedsite import RecordedSite

SITES = Path(__file__).parent / "sites"
FIXTURES = ["wordpress", "wordpress-block", "blogger", "hugo", "jekyll", "pelican", "eleventy", "unknown"]
LIST_FIELDS = ("authors", "categories", "tags")


def expected(name: str) -> dict:
    return json.loads((SITES / name / "expected.json").read_text(encoding="utf-8"))


def crawl(site: RecordedSite, db_path: Path, start: str, *extra: str):
    site.reset_requests()
    result = CliRunner().invoke(cli, ["crawl", site.url + start, "--db", str(db_path), "--delay", "0", *extra],
                                catch_exceptions=False)
    return result, site.reset_requests()


def stored(db_path: Path) -> dict[str, dict]:
    db = sqlite_utils.Database(db_path)
    return {unquote(row["url"].split("/", 3)[3] if row["url"].count("/") >= 3 else ""): row
            for row in db["posts"].rows}


def path_of(path: str) -> str:
    return unquote(path.lstrip("/"))


@pytest.fixture(scope="module", params=FIXTURES)
def crawled(request, tmp_path_factory):
    """Each fixture blog crawled three times: first (v1), unchanged (v1 again), after changes (v2)."""
    name = request.param
    exp = expected(name)
    db_path = tmp_path_factory.mktemp(name) / "blogarchive.db"
    runs = {}
    with RecordedSite(SITES / name, "v1") as site:
        runs["first"] = crawl(site, db_path, exp["start"])
        runs["first_posts"] = stored(db_path)
        runs["unchanged"] = crawl(site, db_path, exp["start"])
        if (SITES / name / "v2").is_dir():
            site.use("v2")
            runs["changed"] = crawl(site, db_path, exp["start"])
        yield name, exp, db_path, runs


def test_first_crawl_completes(crawled):
    name, exp, db_path, runs = crawled
    result, _ = runs["first"]
    assert result.exit_code == 0, result.output
    assert f"[{exp['platform']}]" in result.output


def test_every_post_found_and_no_other_page_stored(crawled):
    name, exp, db_path, runs = crawled
    got = set(runs["first_posts"])
    want = {path_of(p["path"]) for p in exp["states"]["v1"]["posts"]}
    assert got == want, (sorted(want - got)[:5], sorted(got - want)[:5])
    assert not got & {path_of(p) for p in exp["states"]["v1"]["not_posts"]}


def _field_mismatches(rows: dict, posts: list[dict]) -> list[tuple]:
    bad = []
    for post in posts:
        row = rows.get(path_of(post["path"]))
        if row is None:
            bad.append((post["path"], "missing"))
            continue
        for key in LIST_FIELDS:
            got, want = json.loads(row[key]), post[key]
            if key != "authors":    # term order is the theme's (WordPress sorts by name), not the post's
                got, want = sorted(got), sorted(want)
            if got != want:
                bad.append((post["path"], key, json.loads(row[key]), post[key]))
        for key in ("title", "archive_month"):
            if row[key] != post[key]:
                bad.append((post["path"], key, row[key], post[key]))
        if not same_time(row["published"], post["published"]):
            bad.append((post["path"], "published", row["published"], post["published"]))
        if row["body_text"] != post["text"]:
            bad.append((post["path"], "text", row["body_text"][:300], post["text"][:300]))
    return bad


def same_time(got: str | None, want: str) -> bool:
    """The same date, or the same instant with the same UTC offset."""
    if got is None:
        return False
    if len(want) == 10 or len(got) == 10:
        return got == want
    a, b = datetime.fromisoformat(got), datetime.fromisoformat(want)
    return a == b and a.utcoffset() == b.utcoffset()


def test_every_field_of_every_post_is_exact(crawled):
    name, exp, db_path, runs = crawled
    posts = exp["states"]["v1"]["posts"]
    bad = _field_mismatches(runs["first_posts"], posts)
    assert not bad, f"{len(bad)} wrong fields in {len(posts)} posts; first: {bad[:3]}"


def test_first_crawl_costs_about_one_request_per_post(crawled):
    name, exp, db_path, runs = crawled
    _, requests = runs["first"]
    posts = len(exp["states"]["v1"]["posts"])
    assert len(requests) <= 1.15 * posts + 10, [r.path for r in requests]


def test_completeness_report_is_stored_and_printed(crawled):
    name, exp, db_path, runs = crawled
    result, _ = runs["first"]
    db = sqlite_utils.Database(db_path)
    first = next(db["crawls"].rows_where(order_by="id"))
    assert first["status"] == "ok"
    (report,) = json.loads(first["report"])
    posts = len(exp["states"]["v1"]["posts"])
    assert report["platform"] == exp["platform"]
    assert report["posts_stored"] == posts and report["missing"] == [] and report["failed"] is None
    assert sum(s["read"] for s in report["sources"].values()) >= 1
    assert f"{posts} stored" in result.output


def test_unchanged_recrawl_downloads_no_post(crawled):
    name, exp, db_path, runs = crawled
    result, requests = runs["unchanged"]
    assert result.exit_code == 0, result.output
    post_paths = {p["path"] for p in exp["states"]["v1"]["posts"]}
    downloaded = [r.path for r in requests if r.path in post_paths and r.status == 200]
    assert downloaded == []
    assert len(requests) <= 20, [r.path for r in requests]


def test_recrawl_sees_added_edited_and_removed_posts(crawled):
    name, exp, db_path, runs = crawled
    if "changed" not in runs:
        pytest.skip(f"{name} has one state only")
    result, requests = runs["changed"]
    assert result.exit_code == 0, result.output
    assert len(requests) <= 40, [r.path for r in requests]
    rows = stored(db_path)
    live = {p for p, row in rows.items() if not row["removed_at"]}
    v1 = {path_of(p["path"]) for p in exp["states"]["v1"]["posts"]}
    v2 = {path_of(p["path"]) for p in exp["states"]["v2"]["posts"]}
    assert live == v2
    removed = v1 - v2
    assert removed and all(rows[p]["removed_at"] for p in removed)
    bad = _field_mismatches(rows, exp["states"]["v2"]["posts"])
    assert not bad, bad[:3]
    # the edited post's earlier version is kept
    revisions = list(sqlite_utils.Database(db_path)["revisions"].rows)
    assert "How to ask for a raise" in {r["title"] for r in revisions}


@pytest.mark.parametrize("name, blocked", [
    ("wordpress", [("/wp-json", 404)]),                                 # pretty permalinks off: ?rest_route=
    ("wordpress", [("/wp-json", 404), ("/?rest_route", 403)]),          # API forbidden: sitemaps, pages
    ("wordpress-block", [("/wp-json", 401), ("/?rest_route", 401)]),
    ("blogger", [("/feeds/posts/default?alt=json", 404)]),             # feeds API gone: sitemap, pages
])
def test_without_the_api_every_post_and_field_comes_from_the_pages(name, blocked, tmp_path):
    exp = expected(name)
    with RecordedSite(SITES / name, "v1") as site:
        for prefix, status in blocked:
            site.fail(prefix, status)
        result, requests = crawl(site, tmp_path / "a.db", exp["start"])
    assert result.exit_code == 0, result.output
    rows = stored(tmp_path / "a.db")
    posts = exp["states"]["v1"]["posts"]
    assert set(rows) == {path_of(p["path"]) for p in posts}
    bad = _field_mismatches(rows, posts)
    assert not bad, f"{len(bad)} wrong fields; first: {bad[:3]}"
    assert len(requests) <= 1.15 * len(posts) + 10 + len(blocked) * 2


def test_platform_can_be_forced(tmp_path):
    """--platform generic on a WordPress blog: no API, yet every post from the sitemap and its page."""
    exp = expected("wordpress")
    with RecordedSite(SITES / "wordpress", "v1") as site:
        result, requests = crawl(site, tmp_path / "a.db", exp["start"], "--platform", "generic")
    assert result.exit_code == 0, result.output
    assert "[generic]" in result.output
    assert not any("wp-json" in r.path or "rest_route" in r.path for r in requests)
    db = sqlite_utils.Database(tmp_path / "a.db")
    assert [b["platform"] for b in db["blogs"].rows] == ["generic"]
    assert set(stored(tmp_path / "a.db")) == {path_of(p["path"]) for p in exp["states"]["v1"]["posts"]}


def test_quiet_crawl_prints_a_report_only_for_a_blog_with_missing_posts(tmp_path):
    exp = expected("wordpress")
    gone = exp["states"]["v1"]["posts"][0]["path"]
    with RecordedSite(SITES / "wordpress", "v1") as site:
        quiet, _ = crawl(site, tmp_path / "ok.db", exp["start"], "--quiet")
        site.fail(gone, 404)
        result, _ = crawl(site, tmp_path / "missing.db", exp["start"], "--quiet")
    assert quiet.exit_code == 0 and quiet.output == ""
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if " ERROR " not in line]   # the log (stderr) aside
    assert "[wordpress]" in lines[0] and f"{len(exp['states']['v1']['posts']) - 1} stored" in lines[0]
    assert lines[1].strip() == f"missing: {site.url}{gone}"


def test_wordpress_without_public_users_takes_authors_from_the_pages(tmp_path):
    """Many WordPress sites close the users route: the byline on each page names the author."""
    exp = expected("wordpress")
    with RecordedSite(SITES / "wordpress", "v1") as site:
        site.fail("/wp-json/wp/v2/users", 401)
        result, _ = crawl(site, tmp_path / "a.db", exp["start"])
    assert result.exit_code == 0, result.output
    bad = _field_mismatches(stored(tmp_path / "a.db"), exp["states"]["v1"]["posts"])
    assert not bad, bad[:3]


def test_wordpress_registered_by_an_inner_page_archives_the_whole_site(tmp_path):
    """A WordPress blog registered by its posts page (here /page/2/, as /blog/ is on a site with a
    static front page) is the WordPress site: its posts' permalinks are outside that path."""
    exp = expected("wordpress")
    with RecordedSite(SITES / "wordpress", "v1") as site:
        result, _ = crawl(site, tmp_path / "a.db", "/page/2/")
    assert result.exit_code == 0, result.output
    assert set(stored(tmp_path / "a.db")) == {path_of(p["path"]) for p in exp["states"]["v1"]["posts"]}


# where each platform's fields come from: its API when it has one, else its own page markup
PUBLISHED_SOURCES = {"wordpress": {"api"}, "wordpress-block": {"api"}, "blogger": {"feed", "json-ld", "markup", "meta"}}


def test_every_post_records_where_its_fields_came_from(crawled):
    name, exp, db_path, runs = crawled
    for path, row in runs["first_posts"].items():
        provenance = json.loads(row["provenance"])
        assert set(provenance) >= {"title", "published"}, (path, provenance)
        assert provenance["published"] != "htmldate", (path, provenance)    # a post is dated by itself
        allowed = PUBLISHED_SOURCES.get(name, {"json-ld", "meta", "markup", "url", "feed"})
        assert provenance["published"] in allowed, (path, provenance)
        for field in LIST_FIELDS:
            assert (field in provenance) == bool(json.loads(row[field])), (path, field, provenance)
