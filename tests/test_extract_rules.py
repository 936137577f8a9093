"""One small page per extraction rule of the body, the published date and provenance.

Each test fails without its rule: the pages are written to show the case the rule is for.
"""

from __future__ import annotations

import json
import zlib

import pytest
from datasette.utils import parse_metadata

from blogarchive import publish, store
from blogarchive.extract import extract
from blogarchive.extract.maincontent import main_content_html, prune_comments
from blogarchive.extract.pagedate import page_published, reconcile
from blogarchive.extract.tree import parse
from blogarchive.platforms import generic, wordpress
from blogarchive.extract.pagekind import PAGE, POST
from blogarchive.platforms.base import apply_hints
from blogarchive.record import Hints, Post
from blogarchive.reextract import extract_stored

LONG = [
    "The allotment waiting list moved for the first time in three years, and the committee wrote to "
    "everyone on it with a plan for the empty plots along the north fence.",
    "Most of the new holders want raised beds, so the shed will lend out timber offcuts on Saturday "
    "mornings, and the water butts will be shared between two plots each until the autumn.",
    "The compost bays are being rebuilt as well: three open bays for leaves and one closed bin for "
    "kitchen waste, with a rota pinned to the gate so that nobody turns the heap alone.",
    "If you are new, bring gloves and a flask. The soil is heavy clay, and the first dig always "
    "takes longer than anyone expects, even with the borrowed fork from the shed.",
]


def page(body: str, head: str = "", lang: str = "en") -> str:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>Plots - Field Notes</title>'
            f"{head}</head><body>{body}</body></html>")


def paragraphs(items=LONG) -> str:
    return "".join(f"<p>{p}</p>" for p in items)


SIDEBAR = ('<aside class="widget-area"><h3>Recent posts</h3><ul>'
           + "".join(f'<li><a href="/p{i}/">Another post about sowing beans number {i}</a></li>' for i in range(8))
           + "</ul></aside>")


# ---------------------------------------------------------------- body


def test_general_method_keeps_the_article_and_leaves_the_sidebar_and_comments():
    html = page(f'<div id="wrap"><div class="col">{paragraphs()}</div>{SIDEBAR}'
                '<div id="comments"><h3>2 comments</h3><ol class="comment-list"><li><p>Lovely news, see you '
                "on Saturday with my own fork and a bag of leaf mould for the bays.</p></li></ol></div></div>")
    post = extract(html, "https://notes.example/plots/")
    assert all(p in post.text for p in LONG)
    assert "sowing beans" not in post.text and "leaf mould" not in post.text


def test_platform_box_bounds_the_body_and_the_general_method_cleans_inside_it():
    # WordPress's .entry-content is the box; a share bar inside it is not the post
    share = ('<div class="sharedaddy"><h3>Share this:</h3><ul><li><a href="https://x.example/s">Share on X</a></li>'
             '<li><a href="https://fb.example/s">Share on Facebook</a></li></ul></div>')
    html = page(f'<article class="post type-post hentry"><h1 class="entry-title">Plots</h1>'
                f'<div class="entry-content">{paragraphs()}{share}</div></article>'
                f'<p>Text outside the box that a general method might take: {LONG[0]}</p>{SIDEBAR}',
                '<meta name="generator" content="WordPress 6.5">')
    post = wordpress.PLATFORM.extract(parse(html), "https://notes.example/plots/")
    assert post.text.count(LONG[0]) == 1 and "Share on" not in post.text and "outside the box" not in post.text


def test_short_post_is_read_by_our_own_scorer():
    # two short paragraphs: trafilatura alone takes the whole page text, heading and footer included
    html = page('<header><p class="site-title">Field Notes</p></header><main><article><h1>Frost</h1>'
                "<p>First frost on the plots last night; cover the chard.</p>"
                "<p>The tap by the gate is off until March.</p></article></main>"
                "<footer><p>Copyright Field Notes club, all rights kept.</p></footer>")
    post = extract(html, "https://notes.example/frost/")
    assert post.text == "First frost on the plots last night; cover the chard.\n\nThe tap by the gate is off until March."


def test_leading_title_and_byline_and_trailing_updated_line_leave_the_body():
    body = main_content_html(prune_comments(parse(page(
        '<article><h1>Plots for the new year</h1><p class="info">Written by <span class="author">Ann Lee</span> '
        f'on <time datetime="2024-01-02">2 January</time></p>{paragraphs()}'
        '<p>Updated on <time datetime="2024-01-05">5 January</time></p></article>'))),
        "Plots for the new year")
    assert body.startswith("<p>The allotment waiting list") and body.rstrip().endswith("borrowed fork from the shed.</p>")


def test_a_disclosure_on_top_and_appeals_to_the_reader_at_the_end_leave_the_body():
    body = main_content_html(prune_comments(parse(page(
        f"<article><p>Anzeige, enthält Affiliate Links</p>{paragraphs()}<p>Subscribe now to our print edition for "
        "the full story.</p><p>Zum Newsletter anmelden</p><p>© 2022 Example News. All rights reserved.</p>"
        "</article>"))), None)
    assert body.startswith("<p>The allotment waiting list") and body.rstrip().endswith("borrowed fork from the shed.</p>")


def test_a_last_paragraph_that_only_mentions_a_subscription_stays():
    quote = ("<p>“After two more years of this,” she asks, “what is left in these towns that readers feel is worth a "
             "digital subscription?”</p>")
    body = main_content_html(prune_comments(parse(page(f"<article>{paragraphs()}{quote}</article>"))), None)
    assert "worth a digital subscription" in body


def test_a_paragraph_that_only_starts_like_a_byline_stays():
    body = main_content_html(prune_comments(parse(page(f"<article><p>By the way, the gate code changed.</p>{paragraphs()}"
                                              "</article>"))), None)
    assert "By the way, the gate code changed." in body


def test_relative_links_in_the_body_become_absolute():
    html = page(f'<article>{paragraphs(LONG[:2])}<p>See <a href="../rules/">the rules</a> and '
                f'<a href="/map.pdf">the map</a> before you dig, as {LONG[2]}</p>{paragraphs(LONG[3:])}</article>')
    post = extract(html, "https://notes.example/blog/plots/")
    assert 'href="https://notes.example/blog/rules/"' in post.html and 'href="https://notes.example/map.pdf"' in post.html


# ---------------------------------------------------------------- published


def test_published_keeps_time_and_offset_of_the_markup():
    html = page(paragraphs(), '<meta property="article:published_time" content="2024-03-05T21:30:00-05:00">')
    post = extract(html, "https://notes.example/plots/")
    assert post.published == "2024-03-05T21:30:00-05:00" and post.provenance["published"] == "meta"


def test_utc_time_a_day_off_the_blogs_own_day_gives_that_day():
    # the URL says the 5th (the blog's own calendar); the JSON-LD says 02:30 UTC on the 6th
    html = page(paragraphs(), '<script type="application/ld+json">{"@type":"BlogPosting",'
                '"datePublished":"2024-03-06T02:30:00Z"}</script>')
    post = extract(html, "https://notes.example/2024/03/05/plots/")
    assert post.published == "2024-03-05" and post.provenance["published"] == "htmldate"


def test_a_utc_time_gives_way_to_the_same_moment_in_the_blogs_own_offset():
    # JSON-LD and the meta in UTC (02:11 on the 9th), the page's <time> in Boston time (21:11 on the 8th)
    html = page(f'<article><time itemprop="datePublished" datetime="2023-11-08T21:11:03-05:00">November 8, 2023'
                f'</time>{paragraphs()}</article>',
                '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-11-09T02:11:03+00:00"}'
                '</script><meta property="article:published_time" content="2023-11-09T02:11:03+00:00">')
    post = extract(html, "https://news.example/stabbing-in-roxbury/")
    assert post.published == "2023-11-08T21:11:03-05:00" and post.provenance["published"] == "markup"
    # a local time that is another moment (an update written beside it) is not the published time
    other = html.replace("2023-11-08T21:11:03-05:00", "2023-11-09T08:00:00-05:00")
    assert extract(other, "https://news.example/stabbing-in-roxbury/").published.startswith("2023-11-0")
    assert extract(other, "https://news.example/stabbing-in-roxbury/").published != "2023-11-09T08:00:00-05:00"


def test_the_urls_month_bounds_the_date_read_from_the_text():
    # no date markup; links to older posts (dated URLs) and the footer's year come before the post's date line
    older = "".join(f'<p>Wie schon <a href="https://www.example.de/news/2010/0{m}/alter-beitrag-{m}/">hier</a> '
                    f'beschrieben, {LONG[m // 4]}</p>' for m in (6, 8))
    html = page(f'<article><h1>Kein Cyberterror</h1>{older}{paragraphs()}<p>Dieser Beitrag '
                f'wurde am Samstag, 3. Dezember 2011 veröffentlicht.</p></article><footer>© 2010</footer>', lang="de")
    post = extract(html, "https://www.example.de/news/2011/12/kein-cyberterror/")
    assert post.published == "2011-12-03" and post.archive_month == "2011-12"


def test_reconcile_rules():
    assert reconcile("2024-03-06T02:30:00+00:00", "json-ld", "2024-03-05") == ("2024-03-05", "htmldate")
    assert reconcile("2024-03-06T02:30:00+00:00", "json-ld", "2024-02-01") == ("2024-03-06T02:30:00+00:00", "json-ld")
    assert reconcile("2024-03-06", "meta", "2024-03-05") == ("2024-03-06", "meta")       # a plain day stays
    assert reconcile(None, None, "2024-03-05") == ("2024-03-05", "htmldate")
    assert reconcile(None, None, None) == (None, None)
    # an offset that is not UTC is the blog's own time: htmldate is not asked
    assert page_published("2024-03-05T21:30:00-05:00", "meta", None, None) == ("2024-03-05T21:30:00-05:00", "meta")


def test_a_date_only_in_the_text_is_found_by_htmldate():
    html = page(f'<article><p class="note">Posted 14 June 2023</p>{paragraphs()}</article>')
    post = extract(html, "https://notes.example/plots/")
    assert post.published and post.published.startswith("2023-06-14")


def test_dates_of_other_posts_listed_on_the_page_are_not_this_posts_date():
    teasers = "".join(f'<li><a href="/p{i}/">Older post {i}</a> <time class="published" '
                      f'datetime="2021-0{i}-1{i}T10:00:00+01:00">1{i}.0{i}.2021</time></li>' for i in range(1, 4))
    html = page(f'<article>{paragraphs()}</article><aside><ul>{teasers}</ul></aside>',
                '<meta property="article:published_time" content="2023-07-01T09:00:00+02:00">')
    assert extract(html, "https://notes.example/plots/").published == "2023-07-01T09:00:00+02:00"
    # without the meta, the list's three days say nothing about the post: no markup date is taken
    post = extract(page(f'<article>{paragraphs()}</article><ul>{teasers}</ul>'), "https://notes.example/plots/")
    assert post.provenance.get("published") != "markup"


def test_a_page_dated_only_by_htmldate_is_no_post():
    post = Post(url="https://notes.example/about/", published="2023-06-14", provenance={"published": "htmldate"})
    assert not wordpress.PLATFORM.is_post(POST, post)
    post.provenance["published"] = "json-ld"
    assert wordpress.PLATFORM.is_post(POST, post) and not wordpress.PLATFORM.is_post(PAGE, post)


# ---------------------------------------------------------------- provenance


def test_provenance_names_the_source_of_each_field():
    html = page('<article class="hentry"><h1 class="entry-title">Plots</h1>'
                '<p class="byline">By <a rel="author" href="/author/ann/">Ann Lee</a></p>'
                f'{paragraphs()}<p class="tags-links"><a rel="tag" href="/tag/soil/">soil</a></p></article>',
                '<script type="application/ld+json">{"@type":"BlogPosting","datePublished":"2024-03-05T10:00:00+01:00",'
                '"articleSection":"Club news"}</script>')
    post = extract(html, "https://notes.example/plots/")
    assert post.provenance == {"title": "markup", "authors": "markup", "published": "json-ld",
                               "categories": "json-ld", "tags": "markup"}


def test_hints_carry_their_source_through_merges_into_provenance():
    feed = Hints(categories=["Club news"], published="2024-03-05T10:00:00+00:00", source="feed")
    listed = Hints(archive_month="2024-03", categories=["Soil"], source="list page")
    merged = listed.merge(feed)
    assert merged.origin == {"archive_month": "list page", "categories": "list page", "published": "feed"}
    post = apply_hints(Post(url="u", title="Plots", provenance={"title": "markup"}), merged)
    assert post.provenance == {"title": "markup", "categories": "list page", "published": "feed"}
    api = Hints(title="Plots!", authors=["Ann Lee"], authoritative=True, source="api")
    post = apply_hints(Post(url="u", title="Plots", provenance={"title": "markup"}), api)
    assert post.provenance == {"title": "api", "authors": "api"}
    # hints stored before sources were recorded read back with none
    assert Hints(**json.loads('{"title": "T"}')).origin == {}


def test_provenance_is_stored_and_a_new_source_alone_is_no_revision(tmp_path):
    db = store.open_db(tmp_path / "a.db")
    post = Post(url="https://notes.example/plots/", title="Plots", text="x", html="<p>x</p>",
                provenance={"title": "markup"})
    with store.transaction(db):
        assert store.save_post(db, post, None) == "new"
    post.provenance = {"title": "meta"}
    with store.transaction(db):
        assert store.save_post(db, post, None, reason="reextract") == "unchanged"
    row = next(db["posts"].rows)
    assert json.loads(row["provenance"]) == {"title": "meta"} and db["revisions"].count == 0


@pytest.mark.parametrize("field", ["title", "published"])
def test_field_sources_query_counts_posts_by_source(tmp_path, field):
    db = store.open_db(tmp_path / "a.db")
    with store.transaction(db):
        for i, source in enumerate(["meta", "meta", "json-ld"]):
            store.save_post(db, Post(url=f"https://n.example/{i}/", title=f"T{i}", published="2024-01-01",
                                     provenance={"title": source, "published": source}), None)
    sql = parse_metadata(publish.metadata_path().read_text(encoding="utf-8"))["databases"]["blogarchive"][
        "queries"]["field_sources"]["sql"]
    rows = {(r["field"], r["source"]): r["posts"] for r in db.query(sql)}
    assert rows[(field, "meta")] == 2 and rows[(field, "json-ld")] == 1


def test_reader_comments_inside_the_article_stay_out_of_the_body():
    comments = "".join(
        f'<div class="entry"><p>{who} wrote: I have had a plot here for {n} years and the waiting list '
        f"never moved like this before; thank you to everyone on the committee for the letters.</p></div>"
        for who, n in (("Pat", 6), ("Sam", 9), ("Kit", 12)))
    html = page(f'<div class="story">{paragraphs()}<section id="kommentare"><h3>3 Kommentare</h3>{comments}</section></div>')
    body = main_content_html(prune_comments(parse(html)))
    assert LONG[3] in body and "waiting list never moved" not in body


def test_comments_that_are_the_page_content_stay():
    # a live ticker marks each entry "comment": the entries are what the page is
    entries = "".join(f'<div class="live-comment"><div class="live-comment-body">{t}</div></div>' for t in LONG)
    html = page(f'<main><h1>Plot day, live</h1><div class="live-comments">{entries}</div></main>')
    body = main_content_html(prune_comments(parse(html)), "Plot day, live")
    assert all(t in body for t in LONG)


def test_images_in_a_platform_box_are_kept_with_absolute_sources():
    html = page(f'<article class="post hentry"><h1 class="entry-title">Plots</h1><div class="entry-content">'
                f'{paragraphs(LONG[:2])}<figure><img src="/wp-content/uploads/2024/03/fence.jpg" alt="The north '
                f'fence"></figure>{paragraphs(LONG[2:])}</div></article>', '<meta name="generator" content="WordPress 6.5">')
    post = wordpress.PLATFORM.extract(parse(html), "https://notes.example/plots/")
    assert '<img src="https://notes.example/wp-content/uploads/2024/03/fence.jpg" alt="The north fence"' in post.html


def test_a_stored_page_is_read_in_the_charset_it_was_served_with():
    # the charset is named only by the HTTP header stored with the page, not by the page
    html = f"<html><head><title>Огород</title></head><body><article><h1>Огород</h1>{paragraphs()}</article></body></html>"
    page = {"body": zlib.compress(html.encode("koi8-r")),
            "headers": json.dumps({"Content-Type": "text/html; charset=koi8-r"})}
    post = extract_stored(generic.PLATFORM, page, "https://notes.example/plots/", None)
    assert post.title == "Огород"
    assert extract_stored(generic.PLATFORM, {"body": None}, "https://notes.example/plots/", None) is None
