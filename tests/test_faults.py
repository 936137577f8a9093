"""A hostile web, served on 127.0.0.1: every fetch stays with the blog and nothing hangs.

Each case crawls a small blog whose server misbehaves in one way, and checks the outcome (logged,
counted), that the archive is intact, and, for the cases that try to lead the crawler elsewhere,
that the other server got no request at all.
"""

from __future__ import annotations

import socket
import threading
import time

import pytest
import sqlite_utils
from click.testing import CliRunner
from werkzeug.wrappers import Response as WResponse

from blogarchive.cli import cli
from blogarchive.fetch import Fetcher, OutOfScope

POST = ('<html><head><meta property="og:type" content="article"></head><body><article><h1>{title}</h1>'
        '<time datetime="2024-01-01T09:00:00-05:00">1 Jan</time><p>' + "Words of the post. " * 30 +
        "</p></article></body></html>")


def home(links: list[str], extra: str = "") -> str:
    items = "".join(f'<article><h2><a href="{link}">{link}</a></h2></article>' for link in links)
    return f"<html><head></head><body><main>{items}{extra}</main></body></html>"


def serve_blog(server, posts: dict[str, str], links: list[str] | None = None, head: str = "") -> None:
    """A small blog: a home page linking ``links`` (default: the posts), and the posts."""
    server.no_handler_status_code = 404
    server.expect_request("/robots.txt").respond_with_data("", status=404)
    page = home(links if links is not None else list(posts)).replace("<head>", "<head>" + head)
    server.expect_request("/").respond_with_data(page, content_type="text/html")
    for path, title in posts.items():
        server.expect_request(path).respond_with_data(POST.format(title=title), content_type="text/html")


def crawl(url: str, db, *extra: str):
    return CliRunner().invoke(cli, ["crawl", url, "--db", str(db), "--delay", "0", *extra],
                              catch_exceptions=False)


def intact(db_path) -> None:
    db = sqlite_utils.Database(db_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.execute("INSERT INTO posts_fts(posts_fts) VALUES ('integrity-check')")


@pytest.fixture
def other():
    """A second server: an internal service the blog tries to lead the crawler to."""
    from pytest_httpserver import HTTPServer

    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    server.expect_request("/secret").respond_with_data("<html><body><article><h1>Secret</h1>"
                                                       "<p>internal token 1234</p></article></body></html>",
                                                       content_type="text/html")
    yield server
    server.clear()
    server.stop()


def test_a_redirect_to_another_host_is_not_followed(httpserver, other, tmp_path):
    serve_blog(httpserver, {"/a/": "A post about interviews"}, ["/a/", "/b/"])
    httpserver.expect_request("/b/").respond_with_data("", status=302,
                                                       headers={"Location": other.url_for("/secret")})
    result = crawl(httpserver.url_for("/"), tmp_path / "a.db")
    assert result.exit_code == 1
    assert "redirected off the blog" in result.output
    assert other.log == []
    rows = list(sqlite_utils.Database(tmp_path / "a.db")["posts"].rows)
    assert [r["title"] for r in rows] == ["A post about interviews"]
    intact(tmp_path / "a.db")


def test_a_redirect_to_a_link_local_address_is_refused_without_a_connection():
    fetcher = Fetcher(delay=0, obey_robots=False)
    fetcher.enter_blog("http://example.invalid/")       # a public blog (its name resolves nowhere)
    with pytest.raises(OutOfScope, match="private or local"):
        fetcher._check_target("http://169.254.169.254/latest/", "http://169.254.169.254/latest/")
    assert fetcher.stats.requests == 0


def test_feed_and_sitemap_links_to_other_hosts_are_left_alone(httpserver, other, tmp_path):
    serve_blog(httpserver, {"/a/": "A"}, head='<link rel="alternate" type="application/rss+xml" href="/feed.xml">')
    httpserver.expect_request("/feed.xml").respond_with_data(
        f'<rss version="2.0"><channel><title>t</title><item><title>S</title><link>{other.url_for("/secret")}'
        '</link></item></channel></rss>', content_type="application/rss+xml")
    result = crawl(httpserver.url_for("/"), tmp_path / "a.db")
    assert result.exit_code == 0, result.output
    assert other.log == []


def test_a_redirect_loop_ends_with_one_line(httpserver, tmp_path):
    serve_blog(httpserver, {"/a/": "A"}, ["/a/", "/loop/"])
    httpserver.expect_request("/loop/").respond_with_data("", status=301, headers={"Location": "/loop2/"})
    httpserver.expect_request("/loop2/").respond_with_data("", status=301, headers={"Location": "/loop/"})
    result = crawl(httpserver.url_for("/"), tmp_path / "a.db")
    assert result.exit_code == 1
    assert "more than 5 redirects" in result.output
    assert sum(1 for r, _ in httpserver.log if r.path.startswith("/loop")) == 6


def test_endless_pagination_stops_at_the_list_page_cap(httpserver, tmp_path):
    httpserver.no_handler_status_code = 404
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/sitemap.xml").respond_with_data("", status=404)

    def page(request):
        n = int(request.args.get("page", "1"))
        return WResponse(home([f"/post-{n}/"], f'<a rel="next" href="/?page={n + 1}">Older posts</a>'),
                         content_type="text/html")

    httpserver.expect_request("/").respond_with_handler(page)
    httpserver.expect_request("/post-1/").respond_with_data(POST.format(title="P1"), content_type="text/html")
    result = crawl(httpserver.url_for("/"), tmp_path / "a.db", "--max-list-pages", "20")
    assert result.exit_code == 1
    assert "stopped after 20 list pages" in result.output
    assert sum(1 for r, _ in httpserver.log if r.path == "/") <= 22
    intact(tmp_path / "a.db")


HEADERS = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
DRIPPED = HEADERS + b"<p>slow</p>" * 100


def dripping_server(stop: threading.Event, sent: list[int]) -> int:
    """A server that sends its answer one byte every half second, headers included; ``sent`` gets,
    per connection, how many bytes went out before the client hung up."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.2)

    def answer(conn):
        conn.recv(65536)
        count = 0
        for byte in DRIPPED:
            if stop.is_set():
                break
            try:
                conn.sendall(bytes([byte]))
            except OSError:
                break
            count += 1
            time.sleep(0.5)
        sent.append(count)
        conn.close()

    def run():
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            threading.Thread(target=answer, args=(conn,), daemon=True).start()
        listener.close()

    threading.Thread(target=run, daemon=True).start()
    return listener.getsockname()[1]


def test_an_answer_dripped_a_byte_at_a_time_ends_at_the_timeout(tmp_path):
    """Each byte comes well within the per-read timeout, so only a limit on the whole answer stops
    it: the crawler hangs up on every try before even the headers are complete."""
    stop, sent = threading.Event(), []
    port = dripping_server(stop, sent)
    try:
        result = crawl(f"http://127.0.0.1:{port}/", tmp_path / "a.db", "--timeout", "2")
        for _ in range(50):                  # the server notices the hang-ups on its next write
            if len(sent) >= 4:
                break
            threading.Event().wait(0.1)
    finally:
        stop.set()
    assert result.exit_code == 1
    assert "no whole answer within 2s" in result.output
    assert len(sent) == 4                    # the first try and 3 retries, then a one-line error
    assert max(sent) < len(HEADERS)


def test_a_long_retry_after_postpones_the_page_without_waiting(httpserver, tmp_path):
    serve_blog(httpserver, {"/a/": "A"}, ["/a/", "/busy/"])
    httpserver.expect_request("/busy/").respond_with_data("busy", status=503, headers={"Retry-After": "300"})
    result = crawl(httpserver.url_for("/"), tmp_path / "a.db")
    assert result.exit_code == 0, result.output
    assert sum(1 for r, _ in httpserver.log if r.path == "/busy/") == 1     # asked once, not waited for
    assert "1 postponed" in result.output and "1 queued" in result.output
    queued = [r["url"] for r in sqlite_utils.Database(tmp_path / "a.db")["frontier"].rows]
    assert queued == [httpserver.url_for("/busy/")]


def test_max_retry_after_sets_how_long_a_wait_is_too_long(httpserver, tmp_path):
    serve_blog(httpserver, {"/a/": "A post about interviews"}, ["/a/", "/busy/"])
    httpserver.expect_request("/busy/").respond_with_data("busy", status=503, headers={"Retry-After": "2"})
    result = crawl(httpserver.url_for("/"), tmp_path / "a.db", "--max-retry-after", "1")
    assert result.exit_code == 0, result.output
    assert "1 postponed" in result.output
    assert sum(1 for r, _ in httpserver.log if r.path == "/busy/") == 1


def test_an_over_cap_answer_is_not_retried(httpserver):
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/huge").respond_with_data(b"x" * 50_000)
    fetcher = Fetcher(delay=0, max_bytes=10_000, backoff=0.01)
    with pytest.raises(Exception, match="cap"):
        fetcher.get(httpserver.url_for("/huge"))
    assert sum(1 for r, _ in httpserver.log if r.path == "/huge") == 1


def test_a_failing_host_is_skipped_after_its_error_budget(httpserver):
    httpserver.no_handler_status_code = 404
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    for n in range(12):
        httpserver.expect_request(f"/p{n}/").respond_with_data("down", status=500)
    fetcher = Fetcher(delay=0, backoff=0.01, max_retries=1, host_error_budget=3)
    outcomes = []
    for n in range(5):
        try:
            fetcher.get(httpserver.url_for(f"/p{n}/"))
        except Exception as exc:
            outcomes.append(type(exc).__name__)
    assert outcomes == ["FetchError"] * 3 + ["HostSkipped"] * 2
    assert sum(1 for r, _ in httpserver.log if r.path.startswith("/p")) == 3 * 2
    assert fetcher.skipped_hosts() == [httpserver.url_for("/").split("/")[2]]


def test_a_gzip_bomb_is_cut_at_the_size_cap_and_not_retried(httpserver):
    import gzip

    bomb = gzip.compress(b"\0" * 60_000_000, compresslevel=9)      # 60 MB in about 60 kB
    httpserver.no_handler_status_code = 404
    httpserver.expect_request("/bomb").respond_with_data(bomb, headers={"Content-Encoding": "gzip"},
                                                         content_type="text/html")
    fetcher = Fetcher(delay=0, max_bytes=1_000_000, backoff=0.01, obey_robots=False)
    with pytest.raises(Exception, match="cap"):
        fetcher.get(httpserver.url_for("/bomb"))
    assert sum(1 for r, _ in httpserver.log if r.path == "/bomb") == 1


def test_a_gzipped_sitemap_bomb_is_a_clear_error():
    import gzip

    from blogarchive.discover import sitemaps

    bomb = gzip.compress(b"<urlset>" + b" " * 80_000_000, compresslevel=9)
    with pytest.raises(sitemaps.SitemapError):
        sitemaps.read_sitemap(bomb, "http://h/sitemap.xml.gz")


def test_a_wrong_charset_is_read_by_the_page_s_own_declaration(httpserver, tmp_path):
    page = POST.format(title="Caf\u00e9 cr\u00e8me").replace("<head>", '<head><meta charset="windows-1252">')
    serve_blog(httpserver, {"/a/": "x"}, ["/a/"])
    httpserver.clear()
    serve_blog(httpserver, {}, ["/a/"])
    httpserver.expect_request("/a/").respond_with_data(page.encode("cp1252"),
                                                       content_type="text/html; charset=utf-8")
    result = crawl(httpserver.url_for("/"), tmp_path / "a.db")
    assert result.exit_code == 0, result.output
    titles = [r["title"] for r in sqlite_utils.Database(tmp_path / "a.db")["posts"].rows]
    assert titles == ["Caf\u00e9 cr\u00e8me"]
    intact(tmp_path / "a.db")


def _crawl_row(db_path) -> dict:
    return next(sqlite_utils.Database(db_path)["crawls"].rows_where(order_by="id desc"))


@pytest.mark.parametrize("status", [429, 503])
def test_a_post_that_always_answers_busy_is_logged_and_counted(httpserver, tmp_path, status):
    serve_blog(httpserver, {"/a/": "A post about interviews"}, ["/a/", "/busy/"])
    httpserver.expect_request("/busy/").respond_with_data("busy", status=status, headers={"Retry-After": "0"})
    result = crawl(httpserver.url_for("/"), tmp_path / "a.db")
    assert result.exit_code == 1
    assert f"HTTP {status} after 4 tries" in result.output
    row = _crawl_row(tmp_path / "a.db")
    assert row["status"] == "partial" and row["errors"] == 1
    assert sum(1 for r, _ in httpserver.log if r.path == "/busy/") == 4
    intact(tmp_path / "a.db")


def test_robots_txt_answering_5xx_stops_the_host(httpserver, tmp_path):
    httpserver.no_handler_status_code = 404
    httpserver.expect_request("/robots.txt").respond_with_data("down", status=500, headers={"Retry-After": "0"})
    httpserver.expect_request("/").respond_with_data(home(["/a/"]), content_type="text/html")
    result = crawl(httpserver.url_for("/"), tmp_path / "a.db")
    assert result.exit_code == 1
    assert "disallowed by robots.txt" in result.output
    assert [r.path for r, _ in httpserver.log if r.path != "/robots.txt"] == []
    assert _crawl_row(tmp_path / "a.db")["status"] == "partial"


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/", "http://blog.nonexistent.invalid/"])
def test_an_unreachable_blog_is_one_line_and_a_partial_crawl(tmp_path, url):
    result = CliRunner().invoke(cli, ["crawl", url, "--db", str(tmp_path / "a.db"), "--delay", "0", "--quiet"],
                                catch_exceptions=False)
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if "ERROR" in line]
    assert errors and "connection failed" in errors[0] and "Traceback" not in result.output
    assert _crawl_row(tmp_path / "a.db")["status"] == "partial"


def test_a_start_page_that_moved_within_its_site_sets_the_blogs_root():
    """http → https and bare → www moves give the blog's root (its links are then spelt that way,
    with no redirect per post); a move to another site does not."""
    from blogarchive.crawl import _same_site_final

    assert _same_site_final("http://example.org/blog", "https://www.example.org/blog/") == \
        "https://www.example.org/blog/"
    assert _same_site_final("http://example.org/blog", "https://elsewhere.example/") == "http://example.org/blog"
