"""The fallback extractor (platforms/generic.py) and metadata.py and its field modules on hand-written pages."""

from __future__ import annotations

import lxml.html

from blogarchive.extract.authors import clean_author_names
from blogarchive.extract.encoding import decode_html
from blogarchive.extract.metadata import read_metadata
from blogarchive.platforms.generic import extract
from blogarchive.extract.titles import strip_site_name
from blogarchive.extract.tree import parse

WORDPRESS_YOAST = """<!DOCTYPE html>
<html lang="en-US"><head>
<meta charset="utf-8">
<title>Pruning Apple Trees in Winter - Orchard Notes</title>
<meta name="generator" content="WordPress 6.4.2">
<meta property="og:type" content="article">
<meta property="og:title" content="Pruning Apple Trees in Winter - Orchard Notes">
<meta property="og:site_name" content="Orchard Notes">
<meta property="article:author" content="https://www.facebook.com/orchardnotes">
<meta property="article:published_time" content="2023-02-11T08:30:00+00:00">
<meta name="twitter:label1" content="Written by">
<meta name="twitter:data1" content="Site Admin">
<script type="application/ld+json" class="yoast-schema-graph">{"@context":"https://schema.org","@graph":[
 {"@type":"Article","@id":"https://orchard.example/2023/02/pruning/#article",
  "isPartOf":{"@id":"https://orchard.example/2023/02/pruning/"},
  "author":{"name":"Mara Quince","@id":"https://orchard.example/#/schema/person/ab12"},
  "headline":"Pruning Apple Trees in Winter","datePublished":"2023-02-10T21:15:00+01:00",
  "articleSection":"Fruit Trees,Winter Work","keywords":["pruning","apples"]},
 {"@type":"WebPage","@id":"https://orchard.example/2023/02/pruning/","datePublished":"2023-02-10T20:15:00+00:00"},
 {"@type":["Person"],"@id":"https://orchard.example/#/schema/person/ab12","name":"Mara Quince"}
]}</script>
</head>
<body class="post-template-default single single-post postid-7">
<header id="masthead" class="site-header"><p class="site-title">Orchard Notes</p>
<nav class="main-navigation"><ul><li><a href="/">Home</a></li><li><a href="/about/">About</a></li></ul></nav></header>
<main id="main">
<article id="post-7" class="post-7 post type-post hentry category-fruit-trees tag-social">
 <header class="entry-header"><h1 class="entry-title">Pruning Apple Trees in Winter</h1>
  <span class="posted-on"><time class="entry-date published" datetime="2023-02-10T21:15:00+01:00">February 10, 2023</time>
  <time class="updated" datetime="2023-03-01T10:00:00+01:00">March 1, 2023</time></span>
  <span class="byline">By <a rel="author" href="/author/mara/">Mara Quince</a></span></header>
 <div class="entry-content">
  <p>Winter is the quiet season in the orchard, and the best time to shape a young apple tree.</p>
  <p>Start with the dead wood, then the crossing branches, and only then think about the overall form.</p>
  <div class="sharedaddy sd-sharing-enabled"><h3>Share this:</h3><a href="/share/x">Share on X</a></div>
 </div>
 <footer class="entry-footer"><span class="cat-links">Posted in
  <a href="/category/fruit-trees/" rel="category tag">Fruit Trees</a>,
  <a href="/category/winter-work/" rel="category tag">Winter Work</a></span>
  <span class="tags-links">Tagged <a href="/tag/pruning/" rel="tag">pruning</a>
  <a href="/tag/apples/" rel="tag">apples</a></span></footer>
</article>
<div id="comments" class="comments-area"><ol class="comment-list"><li class="comment">
 <div class="comment-author vcard"><cite class="fn">Pip Reader</cite></div>
 <p>Thanks, this helped me a lot with my own old trees this year.</p></li></ol></div>
</main>
<aside id="secondary" class="widget-area"><section class="widget"><h2>Recent posts</h2>
<ul><li><a href="/2023/01/grafting/">Grafting basics</a> January 5, 2023</li></ul></section></aside>
<footer class="site-footer"><p>Copyright Orchard Notes, all rights reserved.</p></footer>
</body></html>
"""

META_ONLY = """<html><head>
<title>Ten Quiet Trails | Walking Weekly</title>
<meta property="og:title" content="Ten Quiet Trails | Walking Weekly">
<meta property="og:site_name" content="Walking Weekly">
<meta name="author" content="Jo Fenwick and Sam Ortiz">
<meta property="article:published_time" content="2021-06-03">
<meta property="article:section" content="Outdoors">
<meta property="article:tag" content="hiking">
<meta property="article:tag" content="quiet places">
</head><body>
<div class="page"><div class="story">
<p>We asked readers for the trails where they meet nobody at all, and the answers surprised us.</p>
<p>Most of them are less than an hour from a city, and almost all of them are easy to reach by train.</p>
</div></div></body></html>
"""

NO_METADATA = """<html><head><title>Notes from the workshop</title></head><body>
<div id="top"><ul class="menu"><li><a href="/">Home</a></li><li><a href="/shop">Shop</a></li>
<li><a href="/contact">Contact</a></li></ul></div>
<div id="wrap">
 <div id="left">
  <h1>Notes from the workshop</h1>
  <p>The new bench arrived on Monday, and by Wednesday it was already covered in shavings, glue and pencil marks.</p>
  <p>I built the first drawer from scrap oak, cutting the dovetails by hand, which took far longer than planned.</p>
  <p>Next week, if the weather holds, I will finish the legs, oil the top and start on the tool cabinet.</p>
 </div>
 <div id="right"><h3>Links</h3><ul><li><a href="/a">Friends</a></li><li><a href="/b">Tools</a></li>
  <li><a href="/c">Timber merchants near me</a></li></ul></div>
</div>
<div class="comments"><h3>2 comments</h3>
 <p>Lovely work, the dovetails look very clean indeed from here, well done.</p>
 <p>What finish do you use on oak benches that get a lot of abuse every day?</p></div>
</body></html>
"""

BLOGGER = """<html><head>
<meta content='blogger' name='generator'/>
<title>Tide Pools: Low tide at the point</title>
</head><body>
<div class='widget Blog' id='Blog1'>
<div class='date-outer'><h2 class='date-header'><span>Sunday, 14 May 2017</span></h2>
<div class='post hentry' itemscope itemtype='http://schema.org/BlogPosting'>
<h3 class='post-title entry-title' itemprop='name'>Low tide at the point</h3>
<div class='post-body entry-content' id='post-body-123' itemprop='articleBody'>
Found three kinds of anemones and a very annoyed crab under the big rock.<br/>
The water was colder than it looked, as always at this time of year.
</div>
<div class='post-footer'><div class='post-footer-line post-footer-line-1'>
<span class='post-author vcard'>Posted by <span class='fn' itemprop='author' itemscope itemtype='http://schema.org/Person'>
<span itemprop='name'>Ines Marlow</span></span></span>
<span class='post-timestamp'>at <a class='timestamp-link' href='https://tidepools.blogspot.com/2017/05/low-tide.html' rel='bookmark'>
<abbr class='published' itemprop='datePublished' title='2017-05-14T16:05:00+01:00'>16:05</abbr></a></span>
</div><div class='post-footer-line post-footer-line-2'>
<span class='post-labels'>Labels: <a href='https://tidepools.blogspot.com/search/label/beach' rel='tag'>beach</a>,
<a href='https://tidepools.blogspot.com/search/label/crabs' rel='tag'>crabs</a></span></div></div>
</div></div>
<div class='comments' id='comments'><h4>1 comment:</h4><p>That crab has seen things.</p></div>
</div>
<div class='widget BlogArchive' id='BlogArchive1'><h2>Blog Archive</h2>
<a class='post-count-link' href='https://tidepools.blogspot.com/2017/'>2017</a></div>
</body></html>
"""


def _tree(html: str):
    return parse(html)


def test_wordpress_yoast_graph():
    post = extract(_tree(WORDPRESS_YOAST), "https://orchard.example/2023/02/pruning/")
    assert post.platform == "generic"
    assert post.title == "Pruning Apple Trees in Winter"
    assert post.authors == ["Mara Quince"]
    assert post.published == "2023-02-10T21:15:00+01:00"
    assert post.archive_month == "2023-02"
    assert post.categories == ["Fruit Trees", "Winter Work"]
    assert post.tags == ["pruning", "apples"]
    assert post.text == (
        "Winter is the quiet season in the orchard, and the best time to shape a young apple tree.\n\n"
        "Start with the dead wood, then the crossing branches, and only then think about the overall form."
    )
    assert "<script" not in post.html and "Share" not in post.html
    assert post.html.startswith("<div>") and "<p>Winter is" in post.html


def test_meta_tags_only():
    post = extract(_tree(META_ONLY), "https://walking.example/trails/ten-quiet-trails")
    assert post.title == "Ten Quiet Trails"
    assert post.authors == ["Jo Fenwick", "Sam Ortiz"]
    assert post.published == "2021-06-03"
    assert post.archive_month == "2021-06"
    assert post.categories == ["Outdoors"]
    assert post.tags == ["hiking", "quiet places"]
    assert post.text.startswith("We asked readers for the trails")
    assert post.text.endswith("easy to reach by train.")


def test_no_metadata_heuristic_body():
    post = extract(_tree(NO_METADATA), "https://workshop.example/notes")
    assert post.title == "Notes from the workshop"
    assert post.authors == []
    assert post.published is None and post.archive_month is None
    assert post.categories == [] and post.tags == []
    assert post.text == (
        "The new bench arrived on Monday, and by Wednesday it was already covered in shavings, glue and pencil marks.\n\n"
        "I built the first drawer from scrap oak, cutting the dovetails by hand, which took far longer than planned.\n\n"
        "Next week, if the weather holds, I will finish the legs, oil the top and start on the tool cabinet."
    )


def test_blogger_classic():
    post = extract(_tree(BLOGGER), "https://tidepools.blogspot.com/2017/05/low-tide.html")
    assert post.title == "Low tide at the point"
    assert post.authors == ["Ines Marlow"]
    assert post.published == "2017-05-14T16:05:00+01:00"
    assert post.archive_month == "2017-05"
    assert post.categories == ["beach", "crabs"]
    assert post.tags == []
    assert post.text == (
        "Found three kinds of anemones and a very annoyed crab under the big rock.\n"
        "The water was colder than it looked, as always at this time of year."
    )


def test_extract_does_not_modify_the_tree():
    tree = _tree(WORDPRESS_YOAST)
    before = lxml.html.tostring(tree)
    extract(tree, "https://orchard.example/2023/02/pruning/")
    assert lxml.html.tostring(tree) == before


def test_url_month_without_page_date():
    tree = _tree("<html><body><article><p>" + "Short note about nothing in particular. " * 8 + "</p></article></body></html>")
    meta = read_metadata(tree, "https://example.org/2019/07/a-note/")
    assert meta.published is None and meta.url_month == "2019-07"
    post = extract(tree, "https://example.org/2019/07/a-note/")
    assert post.archive_month == "2019-07"


def test_author_cleaning():
    assert clean_author_names("Posted by Ann Lee at 12:53") == ["Ann Lee"]
    assert clean_author_names("Von Karl Brand und Eva Stein") == ["Karl Brand", "Eva Stein"]
    assert clean_author_names("https://www.facebook.com/someone") == []
    assert clean_author_names("View all posts by freeman1984") == ["freeman1984"]


def test_strip_site_name():
    assert strip_site_name("A post - My Blog", "My Blog") == "A post"
    assert strip_site_name("My Blog | A post", "My Blog") == "A post"
    assert strip_site_name("Hope – and how to keep it", None, "Hope – and how to keep it") == "Hope – and how to keep it"
    assert strip_site_name("A post › petri-heil.ch", None, "", "petri-heil.ch") == "A post"


def test_decode_html_meta_charset_and_fallback():
    raw = '<html><head><meta charset="iso-8859-1"></head><body>Grüße</body></html>'.encode("cp1252")
    assert "Grüße" in decode_html(raw)
    raw = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head></html>'
    assert decode_html(raw.encode("cp1252")).startswith("<html>")
    assert decode_html("<p>naïve</p>".encode("utf-8")) == "<p>naïve</p>"
    assert decode_html("<p>naïve</p>".encode("cp1252")) == "<p>naïve</p>"
