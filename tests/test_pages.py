"""The reading pages: posts per month as a chart (blogarchive.monthchart and its route), search
results, a blog's page. Through Datasette's own client over a real archive file (the archive of
tests/test_publish.py)."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

import pytest

from blogarchive import monthchart
from test_publish import BLOG, archive, ds, get_json, ids, q  # noqa: F401 (fixtures)

SVG = "{http://www.w3.org/2000/svg}"


def bars(svg: str) -> dict[str, int]:
    """Month -> count of each bar of a chart, read from the bars' titles."""
    root = ET.fromstring(svg)
    found = {}
    for rect in root.iter(SVG + "rect"):
        title = rect.find(SVG + "title")
        if title is not None:
            month, count = title.text.split(": ")
            found[month] = int(count.replace(",", ""))
    return found


def test_month_series_is_complete_and_in_date_order():
    series = monthchart.month_series({"2024-02": 3, "2023-11": 1, "2024-01": 0, "": 7, "undated": 2})
    assert series == [("2023-11", 1), ("2023-12", 0), ("2024-01", 0), ("2024-02", 3)]
    assert monthchart.month_series({}) == [] and monthchart.month_series({"": 4}) == []
    assert monthchart.month_series({"2024-05": 2}) == [("2024-05", 2)]
    long = monthchart.month_series({"2001-01": 1, "2020-12": 1})
    assert len(long) == 240 and long[0] == ("2001-01", 1) and long[-1] == ("2020-12", 1)


@pytest.mark.parametrize("counts", [{"2023-11": 1, "2024-02": 3}, {"2024-05": 2},
                                    {f"{y}-{m:02d}": (y * m) % 7 for y in range(1990, 2025) for m in range(1, 13)}])
def test_chart_is_plain_svg_with_one_bar_per_month_with_posts(counts):
    series = monthchart.month_series(counts)
    svg = monthchart.svg_chart(series, "posts")
    root = ET.fromstring(svg)  # well-formed, standalone
    assert root.tag == SVG + "svg" and root.get("role") == "img"
    assert {k: v for k, v in counts.items() if v} == bars(svg)
    assert not any(el.tag in (SVG + "script", SVG + "foreignObject", SVG + "image") for el in root.iter())
    assert "href" not in svg and "on" not in {attr[:2] for el in root.iter() for attr in el.attrib}
    years = [t.text for t in root.iter(SVG + "text") if t.text and re.fullmatch(r"\d{4}(-\d\d)?", t.text)]
    assert years == sorted(years)  # labels along the bottom in date order
    assert len(years) <= 30  # 35 years are labelled sparsely enough not to overlap


def test_chart_of_nothing_says_so():
    svg = monthchart.svg_chart([], 'posts matching "zzz"')
    assert bars(svg) == {} and 'No posts matching "zzz" to chart' in html.unescape(svg)


async def test_chart_route_for_a_blog_a_search_and_the_archive(ds, ids):
    response = await ds.client.get("/-/blogarchive/months.svg?db=blogarchive&blog=1")
    assert response.status_code == 200 and response.headers["content-type"].startswith("image/svg+xml")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert bars(response.text) == {"2023-12": 1, "2024-01": 1, "2024-02": 1, "2024-03": 2}
    # months without posts between the first and the last are drawn as zero (no bar, a slot)
    searched = await ds.client.get("/-/blogarchive/months.svg?db=blogarchive&q=crawler")
    assert bars(searched.text) == {"2024-03": 2}
    mallory = await ds.client.get("/-/blogarchive/months.svg?db=blogarchive&q=" + q('cookies "tasty'))
    assert bars(mallory.text) == {"2023-12": 1, "2024-01": 1}
    assert "2 posts matching" in html.unescape(mallory.text)
    assert bars((await ds.client.get("/-/blogarchive/months.svg")).text) == bars(response.text)
    assert bars((await ds.client.get("/-/blogarchive/months.svg?db=blogarchive&blog=9")).text) == {}
    assert (await ds.client.get("/-/blogarchive/months.svg?db=blogarchive&blog=x")).status_code == 400
    assert (await ds.client.get("/-/blogarchive/months.svg?db=nosuch")).status_code == 404


async def test_blog_page_shows_its_chart_and_counts(ds, ids):
    page = await ds.client.get("/blogarchive/blogs/1")
    assert page.status_code == 200
    assert re.search(r'<h2><a href="/blogarchive/posts\?blog_id=1">5 posts</a>, 2023-12-24 to 2024-03-15</h2>', page.text)
    chart = re.search(r'<img src="([^"]+)" alt="Posts per month of ([^"]+)"', page.text)
    assert chart and html.unescape(chart.group(1)) == "/-/blogarchive/months.svg?db=blogarchive&blog=1"
    assert (await ds.client.get(html.unescape(chart.group(1)))).status_code == 200
    assert f'<a href="{BLOG}" rel="nofollow noopener noreferrer">{BLOG}</a>' in page.text


async def test_search_page_lists_results_with_links_dates_authors_and_snippets(ds, ids):
    page = await ds.client.get("/blogarchive/search?q=crawler")
    assert page.status_code == 200
    assert "<title>crawler – Search – blogarchive</title>" in page.text
    results = page.text[page.text.index('<section class="blogarchive-results">'):]
    results = results[:results.index("</section>")]
    items = results.split("<li>")[1:]
    assert len(items) == 2
    first = items[0]
    assert f'<a href="/blogarchive/posts/{ids["crawler"]}">Running a <mark>crawler</mark> politely</a>' in first
    assert '<time class="blogarchive-date" datetime="2024-03-02">' in first
    assert '<a href="/blogarchive/posts?_author=Ada+Lovelace">Ada Lovelace</a>' in first
    assert re.search(r'<p class="blogarchive-snippet">.*<mark>crawler</mark>', items[1])
    assert not re.search(r"-?\d+\.\d{6,}", results) and "bm25(posts_fts" not in page.text  # no raw rank, no SQL
    chart = re.search(r'<img src="([^"]+)" alt="Posts per month matching crawler"', page.text)
    assert chart and html.unescape(chart.group(1)).startswith("/-/blogarchive/months.svg?db=blogarchive&q=crawler")
    # the exports of the same search: JSON and CSV without markup
    rows = await get_json(ds, "/blogarchive/search.json?q=crawler&_shape=array")
    assert [row["id"] for row in rows] == [ids["crawler"], ids["fts"]]
    assert all("<mark>" not in row["title"] + row["snippet"] for row in rows)


async def test_search_page_without_words_or_matches(ds):
    empty = await ds.client.get("/blogarchive/search")
    assert empty.status_code == 200 and 'name="q" value=""' in empty.text
    assert "blogarchive-results" not in empty.text and "months.svg" not in empty.text
    none = await ds.client.get("/blogarchive/search?q=zzzzqqq")
    assert "No posts match" in none.text and "months.svg" not in none.text
    sql = await ds.client.get("/blogarchive/search?q=crawler&_show_sql=1")
    assert "posts_fts match" in sql.text  # Datasette's own page when asked for the SQL
