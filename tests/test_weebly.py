"""Weebly beyond the sample blog: a French site on another theme, and pure extraction."""

from __future__ import annotations

import json

import sqlite_utils

from blogarchive import platforms
from blogarchive.platforms import weebly
from blogarchive.extract import extract
from blogarchive.extract.tree import parse
from blogarchive.record import Hints

from conftest import SITES
from staticsite import StaticSite


def test_french_theme_crawl_resolves_day_first_dates(tmp_path, run):
    with StaticSite(SITES / "weebly-fr") as site:
        result = run("crawl", site.url + "/carnet", "--db", tmp_path / "a.db", "--delay", "0")
        assert result.exit_code == 0, result.output
    rows = {r["url"].rsplit("/", 1)[1]: r for r in sqlite_utils.Database(tmp_path / "a.db")["posts"].rows}
    assert set(rows) == {"le-potager-en-mars", "confiture-de-coings", "le-meacutelange-des-graines",
                         "tailler-les-rosiers"}
    got = {slug: (r["published"], r["archive_month"], json.loads(r["authors"]), json.loads(r["categories"]))
           for slug, r in rows.items()}
    assert got == {
        "le-potager-en-mars": ("2024-03-05", "2024-03", ["Hélène Dubois"], ["Jardin"]),
        "confiture-de-coings": ("2024-03-12", "2024-03", ["Marc Lefèvre"], ["Cuisine", "Jardin"]),
        "le-meacutelange-des-graines": ("2024-04-02", "2024-04", [], []),
        "tailler-les-rosiers": ("2024-04-28", "2024-04", ["Hélène Dubois", "Marc Lefèvre"], ["Jardin"]),
    }
    assert rows["le-meacutelange-des-graines"]["title"] == "Le mélange des graines"
    assert "commentaires" not in rows["tailler-les-rosiers"]["body_text"]


def page(site_file) -> str:
    return (SITES / site_file).read_text(encoding="utf-8").replace("{{HOST}}", "www.example.fr")


def test_detect_weebly_and_not_others():
    assert platforms.detect(parse(page("weebly-fr/carnet.html"))) is weebly.PLATFORM
    plain = "<html><body><article><h1>x</h1><p>y</p></article></body></html>"
    assert platforms.detect(parse(plain)) is not weebly.PLATFORM


def test_classify_urls_under_the_blog_root():
    root = "https://www.example.fr/carnet"
    assert weebly.classify(root, root) == "list"
    assert weebly.classify(root + "/previous/3", root) == "list"
    assert weebly.classify(root + "/archives/03-2024", root) == "list"
    assert weebly.classify(root + "/category/jardin/2", root) == "list"
    assert weebly.classify(root + "/feed", root) == "feed"
    assert weebly.classify(root + "/tailler-les-rosiers", root) == "post"
    assert weebly.classify("https://www.example.fr/contact", root) is None
    assert weebly.classify(root + "/tailler-les-rosiers?x=1", root) is None


def test_list_page_knows_its_month_and_category():
    url = "https://www.example.fr/carnet/category/jardin"
    tree = parse(page("weebly-fr/carnet/category/jardin.html"))
    listed = weebly.parse_list(tree, url, weebly.blog_root(tree, url))
    assert listed.category == "Jardin" and listed.month is None
    assert list(listed.posts)[0] == "https://www.example.fr/carnet/tailler-les-rosiers"
    tree = parse(page("weebly-fr/carnet/archives/03-2024.html"))
    listed = weebly.parse_list(tree, "https://www.example.fr/carnet/archives/03-2024", "https://www.example.fr/carnet")
    assert listed.month == "2024-03" and len(listed.posts) == 2
    tree = parse(page("weebly-fr/carnet/category/all.html"))
    listed = weebly.parse_list(tree, "https://www.example.fr/carnet/category/all", "https://www.example.fr/carnet")
    assert listed.category is None                      # "Tous"/"All" is not a category


def test_extraction_is_pure_and_uses_hints():
    html = page("weebly-fr/carnet/le-potager-en-mars.html")
    url = "https://www.example.fr/carnet/le-potager-en-mars"
    alone = extract(html, url)
    assert alone.published == "2024-03-05" and alone.platform == "weebly"    # lang="fr": day first
    hinted = extract(html, url, Hints(archive_month="2024-05", categories=["Jardin", "All"]))
    assert hinted.published == "2024-05-03" and hinted.archive_month == "2024-05"
    assert hinted.categories == ["Jardin"]
    assert extract(html, url) == alone                   # same input, same record


def test_a_page_in_a_legacy_encoding_declared_only_by_http():
    html = page("weebly-fr/carnet/le-meacutelange-des-graines.html").replace('<meta charset="utf-8">', "")
    post = extract(html.encode("cp1252"), "https://www.example.fr/carnet/le-meacutelange-des-graines",
                   charset="windows-1252")
    assert post.title == "Le mélange des graines"
    assert "mésanges" in post.text
