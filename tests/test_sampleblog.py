"""The bundled sample Weebly blog: its server, its content and its expected records."""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime

import feedparser
import pytest
import requests
from bs4 import BeautifulSoup

from sampleblog import POSTS, SampleBlogServer, build_site, expected_posts, list_page_paths
from sampleblog.model import Para, Post, signature


@pytest.fixture(scope="module")
def blog():
    with SampleBlogServer() as server:
        yield server


def soup_of(response: requests.Response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "lxml")


def test_server_starts_on_a_free_port_and_answers(blog):
    assert blog.port != 0
    assert blog.blog_url == f"http://127.0.0.1:{blog.port}/blog"
    blog.clear_log()
    home = requests.get(blog.url + "/", timeout=5)
    index = requests.get(blog.blog_url, timeout=5)
    robots = requests.get(blog.url + "/robots.txt", timeout=5)
    missing = requests.get(blog.url + "/blog/no-such-post", timeout=5)
    assert home.status_code == index.status_code == robots.status_code == 200
    assert missing.status_code == 404
    assert index.headers["Content-Type"] == "text/html; charset=utf-8"
    assert robots.headers["Content-Type"].startswith("text/plain")
    assert "Disallow: /ajax/" in robots.text
    assert '_W.configDomain = "www.weebly.com";' in index.text
    assert "wsite-blog-index" in soup_of(index).body["class"]
    assert [r[:3] for r in blog.requests] == [
        ("GET", "/", 200),
        ("GET", "/blog", 200),
        ("GET", "/robots.txt", 200),
        ("GET", "/blog/no-such-post", 404),
    ]


def test_conditional_requests_get_304_without_body(blog):
    url = blog.blog_url + "/one-page-or-two"
    first = requests.get(url, timeout=5)
    etag, last_modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert etag.startswith('"') and etag.endswith('"')
    by_etag = requests.get(url, headers={"If-None-Match": etag}, timeout=5)
    by_date = requests.get(url, headers={"If-Modified-Since": last_modified}, timeout=5)
    stale = requests.get(url, headers={"If-None-Match": '"something-else"'}, timeout=5)
    head = requests.head(url, timeout=5)
    assert by_etag.status_code == by_date.status_code == 304
    assert by_etag.content == by_date.content == b""
    assert stale.status_code == 200 and stale.content == first.content
    assert head.status_code == 200 and head.content == b"" and head.headers["ETag"] == etag


def test_trailing_slash_redirects_to_the_canonical_post_url(blog):
    response = requests.get(blog.blog_url + "/one-page-or-two/?utm_source=sidebar", timeout=5)
    assert response.history[0].status_code == 301
    assert response.url == blog.blog_url + "/one-page-or-two"


def test_feed_holds_exactly_the_20_newest_posts(blog):
    response = requests.get(blog.blog_url + "/feed", timeout=5)
    assert response.headers["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    newest = sorted(POSTS, key=lambda post: post.posted_aware, reverse=True)[:20]
    assert [entry.link for entry in feed.entries] == [f"{blog.blog_url}/{post.slug}" for post in newest]
    categories = {entry.link: sorted(tag.term for tag in entry.get("tags", [])) for entry in feed.entries}
    assert all(categories[f"{blog.blog_url}/{post.slug}"] == sorted(post.categories) for post in newest)
    assert "<![CDATA[" in response.text and "-0500" in response.text


def test_content_meets_the_fixture_requirements():
    assert len(POSTS) >= 44
    months = Counter((post.posted.year, post.posted.month) for post in POSTS)
    assert len(months) >= 14 and max(months.values()) <= 9
    categories = Counter(name for post in POSTS for name in post.categories)
    assert len(categories) >= 5 and "All" not in categories
    assert max(categories.values()) > 10
    assert any(len(post.categories) == 2 for post in POSTS)
    assert any(not post.categories for post in POSTS)
    assert sum(not post.authors for post in POSTS) >= 8
    assert any(len(post.authors) == 2 for post in POSTS)
    assert any(not name.isascii() for post in POSTS for name in post.authors)
    assert any(not post.title.isascii() and "eacute" in post.slug for post in POSTS)
    lines = {post.credit.line.split(post.credit.names[0])[0] for post in POSTS if post.credit}
    assert {"-- ", "—", "– ", "By ", "Posted by ", "Written by "} <= lines
    # Dates that read as two different valid dates, M/D or D/M.
    ambiguous = [p for p in POSTS if p.posted.day <= 12 and p.posted.day != p.posted.month]
    assert len(ambiguous) >= 10


def test_every_list_page_answers_and_together_they_list_every_post(blog):
    listed = set()
    for path in list_page_paths():
        response = requests.get(blog.url + path, timeout=5)
        assert response.status_code == 200, path
        for link in soup_of(response).select("td.blog-main .blog-post h2.blog-title a.blog-title-link"):
            listed.add(link["href"])
    assert listed == {f"//{blog.host}/blog/{post.slug}" for post in POSTS}
    assert "/blog/category/interviews/2" in list_page_paths()
    assert requests.get(blog.url + "/blog/previous/99", timeout=5).status_code == 404


def test_expected_text_matches_the_rendered_body():
    pages = build_site(POSTS, "127.0.0.1:8123")
    for record in expected_posts("http://127.0.0.1:8123"):
        soup = BeautifulSoup(pages[record["url"].removeprefix("http://127.0.0.1:8123")].body, "lxml")
        body = soup.select_one("div.blog-content")
        for furniture in body.select(".blog-social, script"):
            furniture.decompose()
        # Same characters in the same order; paragraph breaks are checked in the tests below.
        assert "".join(body.get_text().split()) == "".join(record["text"].split()), record["url"]
        assert soup.select_one("h2.blog-title a").get_text() == record["title"]
        month, day, year = soup.select_one("span.date-text").get_text().split("/")
        assert record["published"] == f"{int(year)}-{int(month):02d}-{int(day):02d}"


def test_expected_records_for_signatures_and_bylines():
    records = {record["title"]: record for record in expected_posts("http://127.0.0.1:9/blog")}
    panel = records["Prepping for a panel interview"]
    assert panel["authors"] == ["Dana Whitfield", "Marcus Oyelaran"]
    assert panel["text"].endswith("testing for.\n\n-- Dana Whitfield & Marcus Oyelaran")
    gaps = records["Résumé gaps and how to explain them"]
    assert gaps["url"] == "http://127.0.0.1:9/blog/reacutesumeacute-gaps-and-how-to-explain-them"
    assert gaps["text"].startswith("By Zoë Ibáñez\n\n")
    assert gaps["categories"] == ["Interviews", "Resumes"]
    hostile = records["Book a free 15-minute call"]
    assert "document" not in hostile["text"] and hostile["authors"] == []


def test_add_post_appears_on_index_archive_and_feed():
    new_post = Post(
        title="A brand new post",
        posted=datetime(2024, 12, 3, 9, 0),
        categories=("Interviews",),
        credit=signature("-- ", "Dana Whitfield"),
        blocks=(Para("Fresh advice for December."),),
    )
    with SampleBlogServer() as blog:
        before = requests.get(blog.blog_url, timeout=5)
        blog.add_post(new_post)
        assert new_post in blog.posts
        index = requests.get(blog.blog_url, headers={"If-None-Match": before.headers["ETag"]}, timeout=5)
        assert index.status_code == 200
        first = soup_of(index).select_one(".blog-post h2.blog-title a")
        assert first["href"] == f"//{blog.host}/blog/a-brand-new-post"
        assert requests.get(blog.blog_url + "/archives/12-2024", timeout=5).status_code == 200
        feed = feedparser.parse(requests.get(blog.blog_url + "/feed", timeout=5).content)
        assert len(feed.entries) == 20 and feed.entries[0].link == f"{blog.blog_url}/a-brand-new-post"
        page = requests.get(blog.blog_url + "/a-brand-new-post", timeout=5)
        assert re.search(r"Fresh advice for December\.<br /><br />-- Dana Whitfield", page.text)
