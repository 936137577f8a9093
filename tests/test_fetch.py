"""The polite HTTP client, against real local servers (pytest-httpserver)."""

from __future__ import annotations

import time

import pytest
from werkzeug.wrappers import Response as WResponse

from blogarchive import __version__
from blogarchive.fetch import FetchError, Fetcher, RobotsDisallowed, retry_after_seconds


@pytest.fixture
def fetcher():
    f = Fetcher(delay=0, backoff=0.05, timeout=(2, 2))
    yield f
    f.close()


def allow_all(httpserver):
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")


def test_user_agent_names_the_tool(httpserver, fetcher):
    allow_all(httpserver)
    httpserver.expect_request("/page").respond_with_data("<p>hi</p>", content_type="text/html")
    resp = fetcher.get(httpserver.url_for("/page"))
    assert resp.status == 200 and resp.body == b"<p>hi</p>"
    agents = {req.headers["User-Agent"] for req, _ in httpserver.log}
    assert agents == {f"blogarchive/{__version__} (+https://github.com/blogarchive/blogarchive)"}


def test_robots_txt_is_obeyed(httpserver, fetcher):
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /private/\n\nUser-agent: blogarchive\nDisallow: /blog/secret\n")
    httpserver.expect_request("/private/x").respond_with_data("no")
    httpserver.expect_request("/blog/secret").respond_with_data("no")
    with pytest.raises(RobotsDisallowed):
        fetcher.get(httpserver.url_for("/blog/secret"))
    assert fetcher.allowed(httpserver.url_for("/blog/open")) is True
    paths = [req.path for req, _ in httpserver.log]
    assert paths == ["/robots.txt"]          # the disallowed page was never requested


def test_missing_robots_txt_allows_everything(httpserver, fetcher):
    httpserver.expect_request("/robots.txt").respond_with_data("not found", status=404)
    httpserver.expect_request("/page").respond_with_data("ok")
    assert fetcher.get(httpserver.url_for("/page")).body == b"ok"


def test_failing_robots_txt_stops_the_host(httpserver, fetcher):
    """A robots.txt that answers 5xx says nothing is safe to crawl (as search engines treat it)."""
    httpserver.expect_request("/robots.txt").respond_with_data("down", status=503)
    httpserver.expect_request("/page").respond_with_data("ok")
    with pytest.raises(RobotsDisallowed):
        fetcher.get(httpserver.url_for("/page"))
    assert "/page" not in [req.path for req, _ in httpserver.log]


def test_retry_after_is_honoured(httpserver, fetcher):
    allow_all(httpserver)
    seen = []

    def handler(request):
        seen.append(time.monotonic())
        if len(seen) == 1:
            return WResponse("busy", status=429, headers={"Retry-After": "1"})
        return WResponse("done", status=200)

    httpserver.expect_request("/busy").respond_with_handler(handler)
    resp = fetcher.get(httpserver.url_for("/busy"))
    assert resp.body == b"done"
    assert len(seen) == 2
    assert seen[1] - seen[0] >= 0.95, "the retry came before Retry-After allowed it"
    assert fetcher.stats.retries == 1


def test_server_errors_are_retried_then_reported(httpserver, fetcher):
    allow_all(httpserver)
    httpserver.expect_request("/broken").respond_with_data("oops", status=500)
    with pytest.raises(FetchError, match="HTTP 500 after 4 tries"):
        fetcher.get(httpserver.url_for("/broken"))
    assert sum(1 for req, _ in httpserver.log if req.path == "/broken") == 4


def test_retry_after_too_long_gives_up_at_once(httpserver, fetcher):
    allow_all(httpserver)
    httpserver.expect_request("/later").respond_with_data("", status=503, headers={"Retry-After": "86400"})
    with pytest.raises(FetchError, match="Retry-After"):
        fetcher.get(httpserver.url_for("/later"))
    assert sum(1 for req, _ in httpserver.log if req.path == "/later") == 1


def test_not_found_is_not_retried(httpserver, fetcher):
    allow_all(httpserver)
    httpserver.expect_request("/gone").respond_with_data("", status=404)
    with pytest.raises(FetchError, match="HTTP 404"):
        fetcher.get(httpserver.url_for("/gone"))
    assert sum(1 for req, _ in httpserver.log if req.path == "/gone") == 1


def test_response_size_is_capped(httpserver):
    allow_all(httpserver)
    httpserver.expect_request("/huge").respond_with_data(b"x" * 200_000)
    small = Fetcher(delay=0, max_bytes=100_000, backoff=0.01)
    with pytest.raises(FetchError, match="cap"):
        small.get(httpserver.url_for("/huge"))


def test_timeout_is_reported(httpserver):
    allow_all(httpserver)

    def slow(request):
        time.sleep(1.5)
        return WResponse("late")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    impatient = Fetcher(delay=0, timeout=(1, 0.3), max_retries=0)
    with pytest.raises(FetchError, match="timed out"):
        impatient.get(httpserver.url_for("/slow"))


def test_conditional_request_gets_304(httpserver, fetcher):
    allow_all(httpserver)

    def handler(request):
        if request.headers.get("If-None-Match") == '"v1"':
            return WResponse(status=304, headers={"ETag": '"v1"'})
        return WResponse("body", headers={"ETag": '"v1"', "Last-Modified": "Tue, 03 Oct 2023 10:00:00 GMT"})

    httpserver.expect_request("/c").respond_with_handler(handler)
    first = fetcher.get(httpserver.url_for("/c"))
    second = fetcher.get(httpserver.url_for("/c"), etag=first.headers["ETag"],
                         last_modified=first.headers["Last-Modified"])
    assert first.status == 200 and second.not_modified and second.body is None
    last = [req for req, _ in httpserver.log if req.path == "/c"][-1]
    assert last.headers["If-None-Match"] == '"v1"'
    assert last.headers["If-Modified-Since"] == "Tue, 03 Oct 2023 10:00:00 GMT"
    assert (fetcher.stats.fetched, fetcher.stats.not_modified) == (2, 1)   # robots.txt + first


def test_per_host_delay_spaces_requests(httpserver):
    allow_all(httpserver)
    stamps = []

    def handler(request):
        stamps.append(time.monotonic())
        return WResponse("ok")

    httpserver.expect_request("/d").respond_with_handler(handler)
    polite = Fetcher(delay=0.4)
    for _ in range(3):
        polite.get(httpserver.url_for("/d"))
    gaps = [b - a for a, b in zip(stamps, stamps[1:])]
    assert len(gaps) == 2 and min(gaps) >= 0.38


def test_crawl_delay_in_robots_txt_raises_the_delay(httpserver):
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nCrawl-delay: 0.5\n")
    stamps = []

    def handler(request):
        stamps.append(time.monotonic())
        return WResponse("ok")

    httpserver.expect_request("/e").respond_with_handler(handler)
    f = Fetcher(delay=0)
    f.get(httpserver.url_for("/e"))
    f.get(httpserver.url_for("/e"))
    assert stamps[1] - stamps[0] >= 0.48


def test_unreachable_host_is_one_line_error():
    f = Fetcher(delay=0, max_retries=0, obey_robots=False, timeout=(1, 1))
    with pytest.raises(FetchError) as info:
        f.get("http://127.0.0.1:9/nothing-listens-here")
    assert "\n" not in str(info.value) and "connection failed" in str(info.value)


def test_retry_after_parsing():
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0   # in the past
    assert retry_after_seconds("soon") is None
