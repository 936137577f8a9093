"""The discovery readers (pure: bytes in, Listing out) and the crawl's scope: sitemaps (indexes,
gzip, lastmod), feeds (RSS/Atom paging, JSON Feed), the WordPress API's dates, list pages."""

from __future__ import annotations

import gzip
import json

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from blogarchive.cli import cli
from blogarchive.extract.tree import parse
from blogarchive.discover import feeds, listpages, sitemaps, wpapi
from blogarchive.platforms import generic
from blogarchive.record import Hints, Listing, Source

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>http://h/post-sitemap.xml.gz</loc></sitemap>
  <sitemap><loc>http://h/page-sitemap.xml</loc></sitemap>
  <sitemap><loc>http://h/post_tag-sitemap.xml</loc></sitemap>
</sitemapindex>"""
URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>http://h/2024/01/a-post/</loc><lastmod>2024-01-02T10:00:00+00:00</lastmod></url>
  <url><loc>http://h/tag/news/</loc></url>
  <url><loc>http://h/page/2/</loc></url>
  <url><loc>http://h/about/</loc></url>
</urlset>"""


def test_sitemap_index_leads_to_post_sitemaps_only():
    listing = sitemaps.read_sitemap(INDEX, "http://h/sitemap_index.xml")
    wanted = [s.url for s in listing.sources if generic.PLATFORM.wanted_sitemap(s.url)]
    assert wanted == ["http://h/post-sitemap.xml.gz"]


def test_gzipped_urlset_gives_candidates_with_lastmod_and_no_archive_pages():
    body = gzip.compress(URLSET)
    listing = generic.PLATFORM.read(Source("http://h/s.xml.gz", "sitemap"), body, None, "http://h/", {}, {})
    assert listing.candidates == ["http://h/2024/01/a-post/", "http://h/about/"]
    assert listing.keys["http://h/2024/01/a-post/"] == "2024-01-02T10:00:00+00:00"


def test_corrupt_sitemap_is_a_clear_error():
    with pytest.raises(sitemaps.SitemapError):
        sitemaps.read_sitemap(b"<html><body>Not here</body></html>", "http://h/sitemap.xml")


def test_paged_atom_feed_leads_to_its_next_page():
    body = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
      <title>t</title><link rel="next" href="http://h/feed?page=2"/>
      <entry><title>A</title><link rel="alternate" href="http://h/a/"/><id>1</id>
        <published>2024-03-31T22:30:00-04:00</published><updated>2024-04-02T08:00:00-04:00</updated>
        <author><name>Ann Lee</name></author><category term="Career Tips"/></entry></feed>"""
    listing = feeds.read_feed(body, "http://h/feed")
    assert [s.url for s in listing.sources] == ["http://h/feed?page=2"]
    hints = listing.posts["http://h/a/"]
    assert (hints.published, hints.authors, hints.categories) == ("2024-03-31T22:30:00-04:00", ["Ann Lee"],
                                                                  ["Career Tips"])


def test_json_feed_is_read():
    body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "t", "next_url": "http://h/f2.json",
                       "items": [{"id": "1", "url": "http://h/a/", "title": "A", "tags": ["x"],
                                  "date_published": "2024-01-01T09:00:00-05:00",
                                  "authors": [{"name": "Zoë Ibáñez"}], "content_html": "<p>x</p>"}]}).encode()
    listing = feeds.read_feed(body, "http://h/feed.json")
    assert listing.posts["http://h/a/"].authors == ["Zoë Ibáñez"]
    assert [s.url for s in listing.sources] == ["http://h/f2.json"]
    with pytest.raises(feeds.FeedError):
        feeds.read_feed(b'{"not": "a feed"}', "http://h/feed.json")


def test_wordpress_api_dates_keep_the_blogs_offset():
    assert wpapi.local_with_offset("2024-03-31T22:30:00", "2024-04-01T02:30:00") == "2024-03-31T22:30:00-04:00"
    assert wpapi.local_with_offset("2024-06-01T10:00:00", "2024-06-01T08:00:00") == "2024-06-01T10:00:00+02:00"


def test_list_page_gives_post_links_and_the_older_page():
    html = """<html><body><main>
      <article><h2 class="entry-title"><a href="/2024/01/a/">A</a></h2></article>
      <article><h2 class="entry-title"><a href="/2024/01/b/">B</a></h2></article>
      <nav class="navigation"><div class="nav-previous"><a href="/page/2/">Older posts</a></div></nav>
      </main><aside><a href="/2023/12/">December 2023</a></aside></body></html>"""
    listing = listpages.read_list_page(parse(html), "http://h/")
    assert listing.candidates == ["http://h/2024/01/a/", "http://h/2024/01/b/"]
    assert [s.url for s in listing.sources] == ["http://h/page/2/", "http://h/2023/12/"]


def test_links_to_other_hosts_are_never_fetched(tmp_path):
    """A feed and a sitemap naming pages on another host: that host gets no request at all."""
    with HTTPServer(host="127.0.0.1") as blog, HTTPServer(host="127.0.0.1") as other:
        elsewhere = other.url_for("/secret/")
        other.expect_request("/secret/").respond_with_data("<html>internal</html>", content_type="text/html")
        blog.expect_request("/robots.txt").respond_with_data("", status=404)
        blog.expect_request("/").respond_with_data(
            '<html><head><link rel="alternate" type="application/rss+xml" href="/feed"></head>'
            '<body><article><h2><a href="/a-post/">A</a></h2></article></body></html>', content_type="text/html")
        blog.expect_request("/sitemap.xml").respond_with_data(
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{elsewhere}</loc></url>'
            f'<url><loc>{blog.url_for("/a-post/")}</loc></url></urlset>', content_type="application/xml")
        blog.expect_request("/feed").respond_with_data(
            f'<rss version="2.0"><channel><title>t</title><item><title>X</title><link>{elsewhere}</link>'
            '</item></channel></rss>', content_type="application/rss+xml")
        blog.expect_request("/a-post/").respond_with_data(
            '<html><head><meta property="og:type" content="article"></head><body><article><h1>A</h1>'
            '<time datetime="2024-01-01T09:00:00-05:00">1 Jan</time><p>' + "Words. " * 40 + "</p></article>"
            "</body></html>", content_type="text/html")
        result = CliRunner().invoke(cli, ["crawl", blog.url_for("/"), "--db", str(tmp_path / "a.db"),
                                          "--delay", "0"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert "1 stored" in result.output
        assert other.log == []


def test_wordpress_api_pages_through_every_post_and_asks_for_names_once():
    body = json.dumps([{"id": 7, "link": "http://h/2024/03/31/late/", "date": "2024-03-31T22:30:00",
                        "date_gmt": "2024-04-01T02:30:00", "modified_gmt": "2024-04-02T08:00:00",
                        "title": {"rendered": "Late &#8217;night"}, "author": 2, "categories": [3], "tags": [4, 5]}])
    listing, ids = wpapi.read_posts(body.encode(), "http://h/wp-json/wp/v2/posts?page=1", {"X-WP-TotalPages": "3",
                                    "X-WP-Total": "250"}, "http://h/wp-json", 1)
    urls = [s.url for s in listing.sources]
    assert urls[:2] == [wpapi.posts_url("http://h/wp-json", 2), wpapi.posts_url("http://h/wp-json", 3)]
    assert [u.split("?")[0].rsplit("/", 1)[1] for u in urls[2:]] == ["users", "categories", "tags"]
    assert listing.total == 250
    hints = listing.posts["http://h/2024/03/31/late/"]
    assert (hints.title, hints.published, hints.authoritative) == ("Late \u2019night", "2024-03-31T22:30:00-04:00", True)
    assert ids["http://h/2024/03/31/late/"] == {"author": 2, "categories": [3], "tags": [4, 5]}
    assert wpapi.route_url("http://h/?rest_route=", "/wp/v2/posts", page=2).startswith(
        "http://h/?rest_route=/wp/v2/posts&page=2")


def test_blogger_feed_pages_a_hundred_at_a_time():
    from blogarchive.discover import bloggerfeed

    entry = {"title": {"$t": "A"}, "published": {"$t": "2024-01-01T09:00:00.003-05:00"},
             "updated": {"$t": "2024-01-01T09:00:05.000-05:00"}, "category": [{"term": "Interviews"}],
             "author": [{"name": {"$t": "Ann Lee"}}],
             "link": [{"rel": "alternate", "href": "http://h/2024/01/a.html"}]}
    body = json.dumps({"feed": {"openSearch$totalResults": {"$t": "250"}, "entry": [entry]}}).encode()
    listing = bloggerfeed.read_json_feed(body, "http://h/feeds/posts/default?alt=json", "http://h/", 1)
    assert [s.url.rsplit("start-index=", 1)[1] for s in listing.sources] == ["101&max-results=100",
                                                                               "201&max-results=100"]
    hints = listing.posts["http://h/2024/01/a.html"]
    assert (hints.categories, hints.authors, hints.published) == (["Interviews"], ["Ann Lee"],
                                                                  "2024-01-01T09:00:00-05:00")


@pytest.mark.parametrize("url, post", [
    ("http://h/p/how-to-ask/", True),              # Substack
    ("http://h/post/123/a-title", True),           # Tumblr
    ("http://h/archives/123", True),               # WordPress numeric permalinks
    ("http://h/2024/03/31/a-title/", True),
    ("http://h/tag/news/", False), ("http://h/category/x/page/2/", False), ("http://h/2024/03/", False),
    ("http://h/author/ann/", False), ("http://h/feed/", False), ("http://h/?p=12", False),
    ("http://h/index2.html", False), ("http://other.example/a-post/", False),
])
def test_candidate_urls_are_prefiltered_for_any_platform(url, post):
    assert generic.PLATFORM.may_be_post(url, "http://h/") is post


def test_a_stored_listing_reads_back_as_it_was_and_leaves_out_defaults():
    listing = Listing(total=120, month="2024-03", category=None)
    listing.add("http://h/blog/a", Hints(archive_month="2024-03", categories=["Career"], source="list page"), "k1")
    listing.add("http://h/blog/b", Hints(published="2024-03-02T10:00:00+00:00", authors=["Ann Lee"],
                                         authoritative=True, source="api"))
    listing.candidates = ["http://h/about"]
    listing.sources = [Source("http://h/blog/previous/2", "list", paged=True),
                       Source("http://h/sitemap.xml", "sitemap", optional=True, exhaustive=True,
                              alternatives=("http://h/sitemap_index.xml",)),
                       Source("http://h/blog/feed", "feed")]
    text = listing.to_json()
    assert Listing.from_json(text) == listing
    stored = json.loads(text)
    assert stored["sources"][2] == {"url": "http://h/blog/feed", "kind": "feed"}    # defaults left out
    assert "tags" not in stored["posts"]["http://h/blog/a"]
    # what earlier versions stored, every field written out, still reads
    old = json.dumps({"posts": {"http://h/blog/a": {"archive_month": "2024-03", "categories": ["Career"],
                                                    "tags": [], "authors": [], "published": None, "modified": None,
                                                    "title": None, "authoritative": False, "source": "list page",
                                                    "origin": {"archive_month": "list page", "categories": "list page"}}},
                      "candidates": [], "keys": {"http://h/blog/a": "k1"}, "total": None, "month": "2024-03",
                      "category": None,
                      "sources": [{"url": "http://h/blog/feed", "kind": "feed", "optional": False, "exhaustive": False,
                                   "continued": False, "paged": False, "alternatives": []}]})
    again = Listing.from_json(old)
    assert again.posts["http://h/blog/a"] == listing.posts["http://h/blog/a"]
    assert again.sources == [listing.sources[2]]
