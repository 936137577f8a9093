"""Every registered platform goes through the same checks of the contract (platforms/base.py),
and a crash while crawling one blog leaves the others crawled and the run logged ``failed``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from blogarchive import platforms, store
from blogarchive.cli import cli
from blogarchive.extract.tree import parse
from blogarchive.platforms.base import Platform
from blogarchive.record import Listing, Post, Source
from recordedsite import RecordedSite

SITES = Path(__file__).parent / "sites"
# a fixture page per platform: (folder, state, path of a post)
POST_PAGES = {
    "wordpress": ("wordpress", "v1/2024/01/01/answer-the-salary-question/index.html"),
    "blogger": ("blogger", "v1/2024/01/answer-the-salary-question.html"),
    "hugo": ("hugo", "v1/posts/answer-the-salary-question/index.html"),
    "jekyll": ("jekyll", "v1/2024/01/01/answer-the-salary-question.html"),
    "pelican": ("pelican", "v1/answer-the-salary-question.html"),
    "eleventy": ("eleventy", "v1/blog/answer-the-salary-question/index.html"),
    "generic": ("unknown", "v1/journal/2024/answer-the-salary-question/index.html"),
}
URL = "http://blog.example/"


@pytest.mark.parametrize("platform", platforms.PLATFORMS, ids=platforms.NAMES)
def test_platform_keeps_the_contract(platform):
    assert isinstance(platform, Platform) and platform.name in platforms.NAMES
    assert platforms.get(platform.name) is platform
    tree = parse("<html><head></head><body><p>Hello</p></body></html>")
    root = platform.blog_root(tree, URL) or URL
    plans = platform.source_plans(root, tree, [])
    assert plans and all(plan and all(isinstance(s, Source) for s in plan) for plan in plans)
    assert all(s.kind in ("api", "sitemap", "feed", "list") for plan in plans for s in plan)
    listing = platform.read(Source(root, "list"), b"", tree, root, {}, {})
    assert isinstance(listing, Listing)
    assert isinstance(platform.listing_key(Source(root, "list"), listing, tree), str)
    assert not platform.may_be_post(root + "tag/news/", root)
    assert platform.page_kind(parse("<html><body><p>Hello</p></body></html>"), URL) in (
        "post", "list", "page", "unknown")


@pytest.mark.parametrize("name", sorted(POST_PAGES))
def test_each_platform_detects_its_blog_and_extracts_its_post_page(name):
    folder, path = POST_PAGES[name]
    def page(rel: str):
        html = (SITES / folder / rel).read_text(encoding="utf-8").replace("{{HOST}}", "blog.example")
        return parse(html)

    start = "v1/journal/index.html" if name == "generic" else "v1/index.html"
    detected = platforms.detect(page(start), URL)      # a blog is recognised from its start page
    assert detected.name == name
    tree = page(path)
    post = detected.extract(tree, URL + "post/")
    assert isinstance(post, Post) and post.platform == name
    assert post.title == "How to answer the salary question"
    assert post.published and post.published.startswith("2024-01-01")
    assert post.text.startswith("Most people are unsure how to answer the salary question")


def test_a_crash_in_one_blog_leaves_the_others_crawled(tmp_path):
    """A page whose platform extractor raises: that blog is logged failed, the next one is crawled."""
    db_path = tmp_path / "a.db"
    with RecordedSite(SITES / "hugo") as hugo, RecordedSite(SITES / "unknown") as other:
        runner = CliRunner()
        # a Hugo blog forced through the WordPress API plan answers HTML where JSON is expected and has
        # no REST routes: that is handled; a platform name the registry does not know is a crash
        store.open_db(db_path)["blogs"].insert_all([
            {"id": 1, "url": hugo.url + "/", "platform": None},
            {"id": 2, "url": other.url + "/journal/", "platform": None},
        ])
        broken = platforms.get("hugo")
        original = broken.source_plans
        broken.source_plans = lambda *a: 1 / 0
        try:
            result = runner.invoke(cli, ["crawl", "--db", str(db_path), "--delay", "0"], catch_exceptions=False)
        finally:
            broken.source_plans = original
    assert result.exit_code == 1
    assert "CRAWL FAILED: ZeroDivisionError" in result.output
    db = sqlite_utils.Database(db_path)
    crawl = next(db["crawls"].rows_where(order_by="id desc"))
    assert crawl["status"] == "failed"
    report = {r["url"]: r for r in json.loads(crawl["report"])}
    assert report[hugo.url + "/"]["failed"].startswith("ZeroDivisionError")
    assert report[other.url + "/journal/"]["posts_stored"] == 33


def test_hugo_content_section_is_not_a_category():
    html = ('<html><head><meta name="generator" content="Hugo 0.111.3"><meta property="og:type" content="article">'
            '<meta property="article:section" content="posts"></head><body><article><h1>T</h1>'
            '<time datetime="2024-01-01T09:00:00-05:00">1 Jan</time><p>' + "Words here. " * 30 + "</p></article>"
            "</body></html>")
    assert platforms.get("hugo").extract(parse(html), URL).categories == []


def test_jekyll_feed_terms_are_not_taken_for_categories():
    """jekyll-feed lists categories and tags alike as <category>: a page without terms keeps none."""
    from blogarchive.record import Hints

    html = ('<html><body><article class="post h-entry"><h1 class="post-title p-name">T</h1>'
            '<time class="dt-published" datetime="2024-01-01T09:00:00-05:00">Jan 1</time>'
            '<div class="post-content e-content"><p>' + "Words here. " * 30 + "</p></div></article></body></html>")
    hints = Hints(categories=["Career Tips", "resume"], published="2024-01-01T14:00:00+00:00")
    post = platforms.get("jekyll").extract(parse(html), URL, hints)
    assert post.categories == [] and post.published == "2024-01-01T09:00:00-05:00"
