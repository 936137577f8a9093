"""Images kept: a post's images are fetched with it (in scope only, politely, size capped, counted
apart from pages), stored in the archive and served from it, so an archived post shows its own
images and its page asks nothing of the live web; a Content-Security-Policy keeps every page on
the archive's own origin.

The fixture blog (tests/sites/images, see its README) is served on 127.0.0.1 next to another
local server, a different host that some of its pictures point to.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import sqlite_utils
from click.testing import CliRunner
from datasette.app import Datasette
from datasette.utils import parse_metadata

from blogarchive import images, platforms, publish, store
from blogarchive.cli import cli
from blogarchive.datasette_images import CSP, IMAGE_CSP
from blogarchive.extract.sanitize import clean_html
from blogarchive.fetch import Fetcher
from browser import free_port, serve_datasette, stop
from recordedsite import RecordedSite

SITE = Path(__file__).parent / "sites" / "images"
CAP_MB = "0.004"    # 4,194 bytes: huge.png (7 kB) is over it, every other picture under
STORED = {          # the URL a body names → the file fetched for it, and its type
    "/images/harbour.png": ("images/harbour.png", "image/png"),
    "/images/boats.jpg": ("images/boats.jpg", "image/jpeg"),
    "/images/lazy.png": ("images/lazy.png", "image/png"),          # behind a data: placeholder
    "/images/small.png": ("images/large.png", "image/png"),        # its srcset's largest
}
FAILED = {
    "/images/missing.png": "HTTP 404",
    "/images/page.png": "not an image (text/html)",
    "/images/huge.png": "over the 4194-byte cap",
    "/private/secret.png": "disallowed by robots.txt",
    "/images/moved.png": "redirected off the blog",
}
IMAGE_PATHS = {"/" + file for file, _ in STORED.values()} | (set(FAILED) - {"/private/secret.png"})


# ---------------------------------------------------------------- which images, and rendering


def test_srcset_best_is_the_largest_candidate():
    assert images.srcset_best("a.png 300w, b.png 1200w, c.png 600w") == "b.png"
    assert images.srcset_best("a.png, b.png 2x, c.png 1.5x") == "b.png"
    with_commas = "https://cdn.example/w_300,h_200/a.jpg 300w, https://cdn.example/w_900,h_600/a.jpg 900w"
    assert images.srcset_best(with_commas) == "https://cdn.example/w_900,h_600/a.jpg"
    assert images.srcset_best("only.png") == "only.png"
    assert images.srcset_best("  ") is None


def test_candidates_are_srcset_then_lazy_attribute_then_src():
    base = "https://blog.example/2024/post/"
    attributes = {"src": "data:image/gif;base64,R0lGOD", "data-src": "lazy.png#x", "srcset": "a.png 1x, b.png 2x"}
    assert images.candidates(attributes, base) == ["https://blog.example/2024/post/b.png",
                                                   "https://blog.example/2024/post/lazy.png"]
    assert images.candidates({"src": "data:image/png;base64,AAA"}, base) == []


def test_scope_is_the_blog_host_and_its_platforms_media_hosts():
    blogger = images.Scope("http://www.example.com/blog", platforms.get("blogger").media_hosts)
    assert "https://example.com/x.png" in blogger and "http://www.example.com/y.jpg" in blogger
    assert "https://3.bp.blogspot.com/-a/s1600/z.jpg" in blogger
    assert "https://blogger.googleusercontent.com/img/b/R29v/s320/a.png" in blogger
    assert "https://evilbp.blogspot.com/z.jpg" not in blogger and "https://cdn.example.org/a.png" not in blogger
    assert "http://www.example.com:8080/x.png" not in blogger and "ftp://example.com/x.png" not in blogger
    hugo = images.Scope("http://www.example.com/blog", platforms.get("hugo").media_hosts)
    assert "https://3.bp.blogspot.com/-a/s1600/z.jpg" not in hugo
    assert "https://site.files.wordpress.com/2024/01/a.jpg" in images.Scope(
        "https://example.org/", platforms.get("wordpress").media_hosts)


def test_localize_points_stored_images_at_the_archive_and_drops_other_remote_ones():
    html = ('<p>Hi <a href="https://elsewhere.example/">link</a></p><img src="https://blog.example/a.png" alt="A">'
            '<img src="https://cdn.example/b.png" alt="B" onerror="alert(1)"><img src="relative.png">'
            '<img src="//cdn.example/c.png"><img src="/\\cdn.example/d.png"><img src="/\t/cdn.example/e.png">'
            '<img src="data:image/png;base64,AAAA"><script>alert(2)</script>')
    out = images.localize(html, {"https://blog.example/a.png": "/-/images/abc"})
    assert '<img src="/-/images/abc" alt="A"><img alt="B"><img src="relative.png"><img><img><img><img>' in out
    assert "cdn.example" not in out and "alert" not in out
    assert '<a href="https://elsewhere.example/" rel="nofollow noopener noreferrer">link</a>' in out  # links stay
    plain = '<p>Plain <b>text</b> &amp; <a href="https://x.example/">a link</a></p><!-- c --><style>p{}</style>'
    assert images.localize(plain, {}) == clean_html(plain)      # otherwise exactly the render's sanitising
    assert images.image_sources(html) == ["https://blog.example/a.png", "https://cdn.example/b.png", "relative.png",
                                          "//cdn.example/c.png", "/\\cdn.example/d.png", "/\t/cdn.example/e.png"]


def test_only_bytes_a_browser_shows_as_an_image_are_stored():
    png = (SITE / "v1" / "images" / "harbour.png").read_bytes()
    assert images.image_type("image/png", png) == "image/png"
    assert images.image_type("image/jpeg", (SITE / "v1" / "images" / "boats.jpg").read_bytes()) == "image/jpeg"
    assert images.image_type("image/webp", b"RIFF\x10\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert images.image_type("image/svg+xml", b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>') \
        == "image/svg+xml"
    with pytest.raises(ValueError, match="not an image"):
        images.image_type("text/html; charset=utf-8", png)
    with pytest.raises(ValueError, match="no image"):
        images.image_type("image/png", b"<!DOCTYPE html><html><body>Not found</body></html>")


def test_an_older_archive_gets_the_image_tables(tmp_path):
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    old["blogs"].insert({"id": 1, "url": "https://e.org/blog", "platform": "weebly"}, pk="id")
    old["posts"].insert({"id": 1, "url": "https://e.org/blog/old", "content_hash": "x", "body_html": "<p>x</p>"},
                        pk="id")
    old["pages"].insert({"id": 1, "url": "https://e.org/blog/old", "body": b"x", "kind": "post"}, pk="id")
    old["crawls"].insert({"id": 1, "started": "2024-01-01T00:00:00+00:00", "status": "ok", "requests": 3}, pk="id")
    old.close()
    db = store.open_db(path)
    assert {"images", "posts_images"} <= set(db.table_names())
    assert {"image_requests", "images_fetched", "image_errors", "image_bytes"} <= set(db["crawls"].columns_dict)
    assert db["crawls"].get(1)["requests"] == 3


# ---------------------------------------------------------------- crawling the fixture blog


@pytest.fixture(scope="module")
def blog(tmp_path_factory):
    """(the blog's server, the other host's server): the fixture copied with the other server's
    host:port written where the blog names it (``{{OTHER}}``)."""
    with RecordedSite(SITE, "elsewhere") as other:
        root = tmp_path_factory.mktemp("images-blog")
        shutil.copytree(SITE / "v1", root / "v1")
        for file in (root / "v1").rglob("*"):
            if file.suffix in (".html", ".json", ".txt", ".xml"):
                file.write_text(file.read_text(encoding="utf-8").replace("{{OTHER}}", other.host), encoding="utf-8")
        with RecordedSite(root, "v1") as site:
            yield site, other


def crawl(site: RecordedSite, db_path: Path, *extra: str):
    site.reset_requests()
    result = CliRunner().invoke(cli, ["crawl", site.url + "/", "--db", str(db_path), "--delay", "0", *extra],
                                catch_exceptions=False)
    return result, site.reset_requests()


def copy_archive(source: Path, target: Path) -> Path:
    """A whole copy of an archive in WAL mode (its last writes may be in the -wal file)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


def last_crawl(db_path: Path) -> dict:
    return list(sqlite_utils.Database(db_path)["crawls"].rows)[-1]


@pytest.fixture(scope="module")
def crawled(blog, tmp_path_factory):
    """The blog crawled with images (then again, unchanged), and once more into another archive
    with --no-images; every run's result and the requests the blog's server saw."""
    site, other = blog
    folder = tmp_path_factory.mktemp("images-crawl")
    runs = {"first": crawl(site, folder / "blogarchive.db", "--max-image-mb", CAP_MB)}
    runs["again"] = crawl(site, folder / "blogarchive.db", "--max-image-mb", CAP_MB)
    runs["no-images"] = crawl(site, folder / "no-images.db", "--no-images")
    return folder / "blogarchive.db", folder / "no-images.db", runs


def image_rows(db_path: Path, site: RecordedSite) -> dict[str, dict]:
    return {row["url"].removeprefix(site.url): row for row in sqlite_utils.Database(db_path)["images"].rows}


def test_in_scope_images_are_stored_with_the_post(blog, crawled):
    site, _ = blog
    db_path, _, runs = crawled
    result, _ = runs["first"]
    assert result.exit_code == 0, result.output
    rows = image_rows(db_path, site)
    for url, (file, kind) in STORED.items():
        body = (SITE / "v1" / file).read_bytes()
        row = rows[url]
        assert (row["status"], row["content_type"], row["body"], row["size"], row["error"]) == (200, kind, body,
                                                                                                len(body), None)
        assert row["sha256"] == hashlib.sha256(body).hexdigest()
        assert row["source_url"] == site.url + "/" + file
    db = sqlite_utils.Database(db_path)
    shown = {r["title"]: sorted(r["urls"].split()) for r in db.query(
        "select posts.title, group_concat(images.url, ' ') as urls from posts join posts_images on posts_id = posts.id "
        "join images on images.id = images_id group by posts.id")}
    assert shown["Harbour at dawn"] == [site.url + "/images/boats.jpg", site.url + "/images/harbour.png"]
    assert site.url + "/images/harbour.png" in shown["Pictures that went wrong"]   # one image, two posts


def test_failed_images_are_recorded_counted_and_never_fail_the_crawl(blog, crawled):
    site, _ = blog
    db_path, _, runs = crawled
    result, _ = runs["first"]
    rows = image_rows(db_path, site)
    for url, reason in FAILED.items():
        assert rows[url]["body"] is None and reason in rows[url]["error"], rows[url]
        assert f"image skipped: {site.url}{url}" in result.output
    assert set(rows) == set(STORED) | set(FAILED)           # nothing of the other host
    crawl_row = sqlite_utils.Database(db_path)["crawls"].get(1)
    assert crawl_row["status"] == "ok" and crawl_row["errors"] == 0
    (report,) = json.loads(crawl_row["report"])
    total = sum(len((SITE / "v1" / file).read_bytes()) for file, _ in STORED.values())
    assert (report["images_fetched"], report["image_errors"], report["image_bytes"], report["images_elsewhere"]) \
        == (4, 5, total, 1)
    assert "images: 4 stored" in result.output and "5 failed, 1 elsewhere" in result.output


def test_image_requests_are_counted_apart_and_leave_the_page_requests_as_they_were(blog, crawled):
    site, other = blog
    db_path, no_images_path, runs = crawled
    (_, with_images), (result, without) = runs["first"], runs["no-images"]
    assert result.exit_code == 0, result.output
    image_requests = [r for r in with_images if r.path in IMAGE_PATHS]
    assert sorted(r.path for r in image_requests) == sorted(IMAGE_PATHS)     # each once; robots.txt kept one out
    assert [r for r in with_images if r not in image_requests] == without    # the same page requests, in order
    first, plain = sqlite_utils.Database(db_path)["crawls"].get(1), last_crawl(no_images_path)
    assert first["requests"] == plain["requests"] == len(without) == 6
    assert (first["image_requests"], first["images_fetched"], first["image_errors"]) == (len(IMAGE_PATHS), 4, 5)
    assert (plain["image_requests"], plain["images_fetched"]) == (0, 0)
    assert other.requests == []                             # the other host was never asked anything
    # --no-images fetched nothing, and left the images queued for the next run
    queued = sqlite_utils.Database(no_images_path)["images"]
    assert queued.count == len(STORED) + len(FAILED) and queued.count_where("fetched_at is not null") == 0


def test_a_recrawl_fetches_no_image_again_and_refresh_tries_failed_ones(blog, crawled, tmp_path):
    site, _ = blog
    db_path, _, runs = crawled
    result, requests = runs["again"]
    assert result.exit_code == 0 and not [r for r in requests if r.path in IMAGE_PATHS]
    assert last_crawl(db_path)["image_requests"] == 0
    copy = copy_archive(db_path, tmp_path / "blogarchive.db")
    result, requests = crawl(site, copy, "--refresh", "--max-image-mb", CAP_MB)
    assert result.exit_code == 0
    assert sorted(r.path for r in requests if r.path in IMAGE_PATHS) == sorted(set(FAILED) - {"/private/secret.png"})


def test_an_image_whose_server_fails_waits_for_the_next_run(blog, tmp_path):
    """A 503 (or no answer) is worth another try, but once a run; a 404 is not tried again."""
    site, _ = blog
    db = store.open_db(tmp_path / "blogarchive.db")
    blog_id = store.add_blog(db, site.url + "/")
    with store.transaction(db):
        db["posts"].insert({"url": site.url + "/posts/p/", "blog_id": blog_id})
        store.link_post_images(db, site.url + "/posts/p/", blog_id, {
            site.url + u: site.url + u for u in ("/images/lazy.png", "/images/missing.png")})
    fetcher = Fetcher(delay=0, max_retries=0)
    fetcher.enter_blog(site.url + "/")
    site.fail("/images/lazy.png", 503)
    try:
        run = images.ImageFetcher(db, fetcher)
        site.reset_requests()
        assert images.ImageCounts(0, 2, 0) == run.fetch_queued(blog_id)
        assert run.fetch_queued(blog_id) == images.ImageCounts()        # not asked twice in a run
        # robots.txt first: the image host's own, read by the same Fetcher
        assert [r.path for r in site.reset_requests()] == ["/robots.txt", "/images/lazy.png", "/images/missing.png"]
        assert [r["url"] for r in store.queued_images(db, blog_id)] == [site.url + "/images/lazy.png"]
        assert run.stats.requests == 3 and fetcher.stats.requests == 0   # counted apart from pages
    finally:
        site._failing.clear()
    got = images.ImageFetcher(db, fetcher).fetch_queued(blog_id)             # the next run
    assert (got.fetched, got.errors) == (1, 0) and [r.path for r in site.reset_requests()] == ["/images/lazy.png"]
    fetcher.close()


def test_purging_a_blog_removes_its_images(blog, crawled, tmp_path):
    site, _ = blog
    db_path, _, _ = crawled
    copy = copy_archive(db_path, tmp_path / "blogarchive.db")
    result = CliRunner().invoke(cli, ["remove", site.url + "/", "--db", str(copy), "--purge"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    db = sqlite_utils.Database(copy)
    assert db["images"].count == 0 and db["posts_images"].count == 0


# ---------------------------------------------------------------- serving: Datasette's client


@pytest.fixture
def ds(crawled):
    db_path, _, _ = crawled
    return Datasette(files=[str(db_path)], metadata=parse_metadata(publish.metadata_path().read_text(encoding="utf-8")),
                     static_mounts=[(publish.STATIC_MOUNT, str(publish.STATIC_DIR))],
                     template_dir=str(publish.TEMPLATES_DIR))


async def test_post_page_shows_its_stored_images_and_no_remote_one(blog, crawled, ds):
    site, other = blog
    db_path, _, _ = crawled
    db = sqlite_utils.Database(db_path)
    for post in db["posts"].rows:
        page = await ds.client.get(f"/blogarchive/posts/{post['id']}")
        assert page.status_code == 200
        hashes = [r["sha256"] for r in db.query(
            "select sha256 from images join posts_images on images_id = images.id where posts_id = ? and "
            "sha256 is not null", [post["id"]])]
        for sha256 in hashes:
            assert f'src="/-/images/{sha256}"' in page.text
        assert f'src="{site.url}' not in page.text and other.host not in page.text
    assert 'alt="Hot-linked from another site"' in (await ds.client.get("/blogarchive/posts/3")).text


async def test_the_image_route_serves_the_stored_bytes(crawled, ds):
    db_path, _, _ = crawled
    db = sqlite_utils.Database(db_path)
    for row in db.query("select sha256, content_type, body from images where body is not null"):
        response = await ds.client.get(f"/-/images/{row['sha256']}")
        assert response.status_code == 200 and response.content == row["body"]
        assert response.headers["content-type"] == row["content_type"]
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert response.headers["content-security-policy"] == IMAGE_CSP
    assert (await ds.client.get("/-/images/" + "0" * 64)).status_code == 404
    assert (await ds.client.get("/-/images/not-a-hash")).status_code == 404


async def test_svg_runs_no_script_and_other_types_are_downloads(tmp_path):
    db = store.open_db(tmp_path / "blogarchive.db")
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    odd = b"\x00\x01 some image format no browser shows"
    with store.transaction(db):
        for url, kind, body in (("https://e.org/a.svg", "image/svg+xml", svg),
                                ("https://e.org/b.x", "image/x-odd", odd)):
            image_id = db["images"].insert({"url": url}).last_pk
            store.save_image(db, image_id, status=200, content_type=kind, body=body,
                             sha256=hashlib.sha256(body).hexdigest())
    db.close()
    ds = Datasette(files=[str(tmp_path / "blogarchive.db")])
    response = await ds.client.get("/-/images/" + hashlib.sha256(svg).hexdigest())
    assert response.headers["content-type"] == "image/svg+xml"
    assert "sandbox" in response.headers["content-security-policy"]
    assert "default-src 'none'" in response.headers["content-security-policy"]
    response = await ds.client.get("/-/images/" + hashlib.sha256(odd).hexdigest())
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["content-disposition"].startswith("attachment")


async def test_every_page_carries_the_policy(crawled, ds):
    for path in ("/", "/blogarchive", "/blogarchive/posts", "/blogarchive/posts/1", "/blogarchive/posts.json",
                 "/blogarchive?sql=select+1", "/blogarchive/search?q=harbour", "/-/static/app.css",
                 "/assets/blogarchive.css", "/no-such-page"):
        response = await ds.client.get(path)
        assert response.headers["content-security-policy"] == CSP, path
    for directive in ("default-src 'self'", "img-src 'self' data:", "object-src 'none'", "base-uri 'none'",
                      "form-action 'self'", "frame-ancestors 'self'"):
        assert directive in CSP
    assert "http" not in CSP and "*" not in CSP          # no remote origin anywhere


# ---------------------------------------------------------------- in a real browser


@pytest.fixture(scope="module")
def served(crawled):
    """The crawled archive served as `blogarchive serve` serves it (the blog servers stay up, so a
    request a page made to them would be seen)."""
    db_path, _, _ = crawled
    proc, base = serve_datasette(publish.serve_command(db_path, free_port()), db_path.parent / "datasette.log")
    try:
        yield base
    finally:
        stop(proc)


# each image of the page: its src, and whether the browser decoded and shows it
IMAGES_SHOWN = "[...document.images].map(i => [i.getAttribute('src'), i.complete && i.naturalWidth > 0])"


def security_messages(chromium, page) -> list[str]:
    """The page's Content-Security-Policy reports (Log.enable replays what the page logged)."""
    chromium.send("Log.enable", session=page.session)
    page.evaluate("1")
    return [e["params"]["entry"]["text"] for e in chromium._events
            if e.get("method") == "Log.entryAdded" and e.get("sessionId") == page.session
            and "Content Security Policy" in e["params"]["entry"]["text"]]


def test_archived_post_pages_ask_nothing_outside_the_archive(blog, crawled, served, chromium):
    site, other = blog
    db_path, _, _ = crawled
    db = sqlite_utils.Database(db_path)
    origin = urlsplit(served).netloc
    site.reset_requests()
    for post in db["posts"].rows:
        page = chromium.open(f"{served}/blogarchive/posts/{post['id']}")
        requested = [u for u in page.requests() if urlsplit(u).scheme in ("http", "https")]
        assert requested and all(urlsplit(u).netloc == origin for u in requested), requested
        shown = page.evaluate(IMAGES_SHOWN)
        stored = {r["sha256"] for r in db.query(
            "select sha256 from images join posts_images on images_id = images.id where posts_id = ? and "
            "sha256 is not null", [post["id"]])}
        archived = [(src, ok) for src, ok in shown if src and src.startswith("/-/images/")]
        assert {src.removeprefix("/-/images/") for src, _ in archived} == stored
        assert all(ok for _, ok in archived)                      # each decoded and shown
        assert not [src for src, _ in shown if src and not src.startswith(("/-/", "/assets/"))]
        assert security_messages(chromium, page) == [] and page.console_errors() == []
        page.close()
    assert site.requests == [] and other.requests == []
    with urllib.request.urlopen(f"{served}/blogarchive/posts/1", timeout=10) as response:
        assert response.headers["Content-Security-Policy"] == CSP


def test_datasette_pages_still_work_under_the_policy(served, chromium):
    """Datasette's inline scripts and styles run: the table page's facet flag is set by an inline
    script, the SQL page's editor is built by one; nothing is refused."""
    page = chromium.open(f"{served}/blogarchive/images")
    assert page.evaluate("typeof DATASETTE_ALLOW_FACET") == "boolean"
    assert security_messages(chromium, page) == [] and page.console_errors() == []
    page.close()
    page = chromium.open(f"{served}/blogarchive?sql=select+count(*)+from+images")
    assert page.evaluate("document.querySelector('.CodeMirror') !== null")
    assert security_messages(chromium, page) == [] and page.console_errors() == []
    page.close()


def test_the_policy_keeps_a_page_from_loading_anything_remote(blog, crawled, chromium, tmp_path):
    """A page that names a remote stylesheet and script (the metadata's extra_css_urls and
    extra_js_urls) loads neither: the browser refuses them, the other server hears nothing."""
    _, other = blog
    db_path, _, _ = crawled
    copy = copy_archive(db_path, tmp_path / "policy.db")
    argv = publish.serve_command(copy, free_port())
    option = len(argv) - 1 - argv[::-1].index("-m")        # the metadata's (python's own -m comes first)
    metadata = json.loads(Path(argv[option + 1]).read_text(encoding="utf-8"))
    metadata["extra_css_urls"] = metadata.get("extra_css_urls", []) + [f"{other.url}/remote.css"]
    metadata["extra_js_urls"] = [f"{other.url}/remote.js"]
    (tmp_path / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    argv[option + 1] = str(tmp_path / "metadata.json")
    proc, base = serve_datasette(argv, tmp_path / "datasette.log")
    try:
        other.reset_requests()
        page = chromium.open(f"{base}/policy/posts/1")
        refused = security_messages(chromium, page)
        for asset in ("remote.css", "remote.js"):
            assert any(f"{other.url}/{asset}" in message for message in refused), refused
        assert other.requests == []
        page.close()
    finally:
        stop(proc)
