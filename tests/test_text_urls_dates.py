"""Small pure helpers: plain text, URL normalisation, dates, sanitising."""

from datetime import date

import pytest

from blogarchive.extract.dates import month_first, resolve_numeric_date
from blogarchive.extract.sanitize import clean_html
from blogarchive.extract.text import html_to_text
from blogarchive.urls import BadURL, normalize_url, with_scheme_of


def test_plain_text_rules():
    html = ("<div class='paragraph'>One <strong>bold</strong>\n line.<br /><br />Two.<br />Three"
            "</div><ul><li>a</li><li>b</li></ul><h2>Head</h2><script>x()</script><p>End&nbsp;here</p>")
    assert html_to_text(html) == "One bold line.\n\nTwo.\nThree\n\na\n\nb\n\nHead\n\nEnd here"


@pytest.mark.parametrize("href, base, expected", [
    ("//www.Example.com/blog/post-a", "https://www.example.com/blog", "https://www.example.com/blog/post-a"),
    ("/blog/post-a/", "http://h:8000/blog", "http://h:8000/blog/post-a/"),  # a trailing slash is kept
    ("http://h/blog/a/?utm_source=sidebar&utm_medium=web", None, "http://h/blog/a/"),
    ("http://h/blog/a#comments", None, "http://h/blog/a"),
    ("http://h:80/blog/a?page=2&fbclid=x", None, "http://h/blog/a?page=2"),
    ("https://h/", None, "https://h/"),
])
def test_urls_are_normalised(href, base, expected):
    assert normalize_url(href, base) == expected


@pytest.mark.parametrize("bad", ["mailto:a@b.c", "javascript:void(0)", "ftp://h/x", "http://", "not a url"])
def test_bad_urls_are_refused(bad):
    with pytest.raises(BadURL):
        normalize_url(bad)


def test_feed_links_take_the_blog_scheme():
    assert with_scheme_of("https://h/blog/a", "http://h/blog") == "http://h/blog/a"
    assert with_scheme_of("https://other/blog/a", "http://h/blog") == "https://other/blog/a"


@pytest.mark.parametrize("line, kwargs, expected", [
    ("10/3/2023", {"lang": "en"}, date(2023, 10, 3)),               # US: month first
    ("10/3/2023", {"lang": "fr"}, date(2023, 3, 10)),               # France: day first
    ("10/3/2023", {"lang": "en", "archive_month": "2023-03"}, date(2023, 3, 10)),   # the archive decides
    ("10/3/2023", {"lang": "fr", "archive_month": "2023-10"}, date(2023, 10, 3)),
    ("10/3/2023", {"lang": "fr", "known": date(2023, 10, 3)}, date(2023, 10, 3)),   # the feed decides
    ("25/3/2023", {"lang": "en"}, date(2023, 3, 25)),               # only one reading is a date
    ("\n  3/7/2024\n ", {}, date(2024, 3, 7)),
    ("no date", {}, None),
])
def test_numeric_dates_are_resolved(line, kwargs, expected):
    assert resolve_numeric_date(line, **kwargs) == expected


def test_month_first_languages():
    assert month_first("en") and month_first("en-US") and month_first(None)
    assert not month_first("en-GB") and not month_first("fr") and not month_first("pt-BR")


def test_sanitiser_removes_active_content():
    dirty = ('<p onclick="x()">Hi <a href="javascript:alert(1)">a</a> <a href="https://e.org">b</a></p>'
             '<script>alert(1)</script><img src="x" onerror="alert(2)"><iframe src="//e.org"></iframe>'
             '<style>p{}</style>')
    clean = clean_html(dirty)
    for bad in ("onclick", "javascript:", "<script", "onerror", "<iframe", "<style", "alert(1)"):
        assert bad not in clean
    assert '<a href="https://e.org" rel="nofollow noopener noreferrer">b</a>' in clean
    assert '<img src="x">' in clean


def test_numeric_dates_are_read_one_way_everywhere():
    """The display-date reader and the locale-aware resolver agree: dots are day first on any page,
    slashes follow the page language."""
    from blogarchive.extract.dates import parse_display_date

    assert parse_display_date("3.10.2023", month_first("en")) == resolve_numeric_date("3.10.2023", lang="en").isoformat() \
        == "2023-10-03"
    assert parse_display_date("3/10/2023", month_first("en")) == resolve_numeric_date("3/10/2023", lang="en").isoformat() \
        == "2023-03-10"
    assert parse_display_date("3/10/2023", month_first("fr")) == resolve_numeric_date("3/10/2023", lang="fr").isoformat() \
        == "2023-10-03"


def test_relative_links_and_images_become_absolute():
    html = clean_html('<p><a href="/blog/other">x</a> <img src="../img/a.png"> <a href="#top">t</a></p>',
                      base_url="https://e.org/blog/post")
    assert 'href="https://e.org/blog/other"' in html and 'src="https://e.org/img/a.png"' in html
    assert 'href="https://e.org/blog/post#top"' in html
