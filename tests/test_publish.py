"""Publishing: metadata.yml, the render plugin and the serve helpers, through Datasette's client.

Datasette ignores misspelt metadata keys, so these tests assert effects (search box, facets,
hidden tables, rendered HTML), not the YAML.
"""

from __future__ import annotations

from dataclasses import replace

import html
import re
import shutil
import urllib.parse
import zlib
from pathlib import Path

import pytest
from datasette.app import Datasette
from datasette.utils import parse_metadata

from blogarchive import publish, store
from blogarchive.record import Post
from blogarchive.extract.sanitize import clean_html

BLOG = "https://blog.example.org/"
HOSTILE = (
    '<p>Cookies are <b>tasty</b>.</p><script>document.title="XSS-RAN"</script>'
    '<img src=x onerror="document.title=\'XSS-RAN\'"><a href="javascript:alert(1)">click</a>'
)
# a long body with characters that must be escaped, for excerpts on table pages
LONG_TEXT = "Array facets count authors and categories. " + " ".join(
    f'Paragraph {i} says <b>bold</b> & "quoted" things about facets.' for i in range(12)) + " THE-END"
LONG_HTML = "<p>Array facets count authors and categories.</p>" + "".join(
    f"<p>Paragraph {i} says &lt;b&gt;bold&lt;/b&gt; &amp; \"quoted\" things about <em>facets</em>.</p>"
    for i in range(12)) + "<p>THE-END</p>"
POSTS = [
    Post(url=BLOG + "crawler", title="Running a crawler politely", published="2024-03-02",
         archive_month="2024-03", authors=["Ada Lovelace"], categories=["crawling", "python"],
         tags=["robots", "politeness"],
         text="A crawler that waits between requests and reads robots.txt first.",
         html="<p>A crawler that waits between requests and reads <code>robots.txt</code> first.</p>"),
    Post(url=BLOG + "fts", title="SQLite full-text search notes", published="2024-03-15T10:00:00+00:00",
         archive_month="2024-03", authors=["Zoë Ångström"], categories=["databases"],
         text="We run the indexer after every crawler pass; bm25 ranks the hits.",
         html="<p>We run the indexer after every crawler pass; bm25 ranks the hits.</p>"),
    Post(url=BLOG + "facets", title="Facets in Datasette", published="2024-02-10",
         archive_month="2024-02", authors=["Ada Lovelace", "Zoë Ångström"], categories=["databases", "python"],
         text=LONG_TEXT, html=LONG_HTML),
    Post(url=BLOG + "cleaned", title="Hostile but cleaned", published="2024-01-05",
         archive_month="2024-01", authors=["Mallory"], categories=["security"],
         text="Cookies are tasty.", html=clean_html(HOSTILE)),
    Post(url=BLOG + "raw", title="Hostile and stored raw", published="2023-12-24",
         archive_month="2023-12", authors=["Mallory"], categories=["security"],
         text="Cookies are tasty.", html="<p>placeholder</p>"),
]


def build_archive(path) -> dict[str, int]:
    """A real archive file; returns post ids by URL slug. The last post's body_html is then
    overwritten with raw hostile HTML, bypassing crawl-time sanitising."""
    db = store.open_db(path)
    blog_id = store.add_blog(db, BLOG)
    with db.atomic():   # the first post had an earlier version, kept in revisions
        store.save_post(db, replace(POSTS[0], title="Running a crawler (draft)"), blog_id)
        for post in POSTS:
            store.save_post(db, post, blog_id)
    ids = {row["url"].rsplit("/", 1)[1]: row["id"] for row in db["posts"].rows}
    with db.atomic():
        db["posts"].update(ids["raw"], {"body_html": HOSTILE})
    crawl_id = store.start_crawl(db, [BLOG])
    with db.atomic():
        store.save_page(db, url=BLOG + "feed", blog_id=blog_id, kind="feed", status=200,
                        headers={"Content-Type": "application/rss+xml"}, body=b"<rss>" + bytes(range(256)),
                        crawl_id=crawl_id)
        store.save_page(db, url=BLOG + "crawler", blog_id=blog_id, kind="post", status=200,
                        headers={"Content-Type": "text/html"}, body=b"<html><p>the crawler post</p></html>",
                        crawl_id=crawl_id)
    store.finish_crawl(db, crawl_id, {"requests": 1, "fetched": 1, "posts_new": 5}, [], status="ok", report=[])
    db.close()
    return ids


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    path = tmp_path_factory.mktemp("archive") / "blogarchive.db"
    return path, build_archive(path)


@pytest.fixture
def ids(archive):
    return archive[1]


@pytest.fixture
def ds(archive):
    return Datasette(files=[str(archive[0])],
                     metadata=parse_metadata(publish.metadata_path().read_text(encoding="utf-8")),
                     static_mounts=[(publish.STATIC_MOUNT, str(publish.STATIC_DIR))],
                     template_dir=str(publish.TEMPLATES_DIR))


async def get_json(ds, path):
    response = await ds.client.get(path)
    assert response.status_code == 200, response.text[:500]
    return response.json()


def q(value: str) -> str:
    return urllib.parse.quote(value)


# ---------------------------------------------------------------- metadata files


def test_built_package_carries_the_one_metadata_file(tmp_path):
    """metadata.yml lives once, at the repo root; a built wheel gets a copy of it."""
    import subprocess
    import sys
    import zipfile

    root = publish.REPO_METADATA.parent
    assert not (root / "src" / "blogarchive" / "metadata.yml").exists()
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(root), "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("blogarchive-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read("blogarchive/metadata.yml") == publish.REPO_METADATA.read_bytes()
        assert archive.read("blogarchive/templates/row.html") == (publish.TEMPLATES_DIR / "row.html").read_bytes()


def test_every_column_has_a_description():
    tables = parse_metadata(publish.metadata_path().read_text())["databases"]["blogarchive"]["tables"]
    for name in ("posts", "blogs", "pages", "crawls", "authors", "categories"):
        assert set(tables[name]["columns"]) == set(store.TABLES[name]["columns"]), name


def test_serve_command_for_default_archive():
    argv = publish.serve_command("data/blogarchive.db", 8123)
    assert argv[1:] == [
        "-m", "datasette", "serve", "data/blogarchive.db", "-m", str(publish.metadata_path()),
        "--static", f"assets:{publish.STATIC_DIR}", "--template-dir", str(publish.TEMPLATES_DIR),
        "--setting", "sql_time_limit_ms", "3000", "--setting", "facet_time_limit_ms", "1000",
        "--setting", "truncate_cells_html", "400",
        "--setting", "suggest_facets", "off", "--setting", "max_csv_mb", "0",
        "-h", "127.0.0.1", "-p", "8123",
    ]
    assert (publish.STATIC_DIR / "blogarchive.css").is_file()
    assert "-i" not in argv and "--immutable" not in argv


async def test_other_file_name_gets_renamed_metadata(archive, tmp_path):
    other = tmp_path / "other.db"
    shutil.copy(archive[0], other)
    argv = publish.serve_command(other, 8123, host="0.0.0.0")
    assert argv[-4:] == ["-h", "0.0.0.0", "-p", "8123"]
    metadata_file = Path(argv[argv.index("-m", 3) + 1])
    metadata = parse_metadata(metadata_file.read_text(encoding="utf-8"))
    metadata_file.unlink()
    assert list(metadata["databases"]) == ["other"]
    ds = Datasette(files=[str(other)], metadata=metadata)
    rows = await get_json(ds, "/other/search.json?q=crawler&_shape=array")
    assert len(rows) == 2
    database = await get_json(ds, "/other.json")
    assert {t["name"] for t in database["tables"] if t["hidden"]} >= {"frontier", "posts_authors"}


# ---------------------------------------------------------------- plugin, pages


async def test_plugin_is_loaded(ds):
    plugins = await get_json(ds, "/-/plugins.json")
    # the package's modules, each its own plugin under the distribution's name
    hooks = {hook for plugin in plugins if plugin["name"] == "blogarchive" for hook in plugin["hooks"]}
    assert hooks >= {"asgi_wrapper", "render_cell", "extra_template_vars", "filters_from_request", "register_routes"}


async def test_index_and_database_pages(ds):
    index = await ds.client.get("/")
    assert index.status_code == 200
    assert "Blog archive" in index.text
    # licence, source and about are plain text: no placeholder links
    assert "example.org/blogarchive" not in index.text
    assert "Same terms as the archived blogs" in index.text and "About:" in index.text
    metadata = parse_metadata(publish.metadata_path().read_text(encoding="utf-8"))
    assert not {"license_url", "source_url", "about_url"} & set(metadata)
    page = await ds.client.get("/blogarchive")
    assert page.status_code == 200
    assert "One row per archived post" in page.text
    for hidden in ("posts_authors", "posts_categories", "frontier"):
        assert f'href="/blogarchive/{hidden}"' not in page.text
    assert 'href="/blogarchive/posts"' in page.text
    for query in ("search", "search_raw", "posts_by_author", "posts_by_category", "posts_per_month",
                  "latest_crawls"):
        assert f'href="/blogarchive/{query}"' in page.text
    tables = {t["name"]: t["hidden"] for t in (await get_json(ds, "/blogarchive.json"))["tables"]}
    assert tables["frontier"] and tables["posts_authors"] and tables["posts_categories"]
    assert not tables["posts"] and not tables["pages"]


def listed_posts(page_text: str) -> list[dict]:
    """Each post the posts table's page lists: its link, title, date, linked names and excerpt."""
    listed = page_text[page_text.index('<ol class="blogarchive-posts">'):]
    listed = listed[:listed.index("</ol>")]
    posts = []
    for item in listed.split("<li>")[1:]:
        link = re.search(r'<h3 class="blogarchive-post-title"><a href="([^"]+)">(.*?)</a></h3>', item)
        meta = re.search(r'<p class="blogarchive-meta">(.*?)</p>', item, re.S).group(1)
        excerpt = re.search(r'<p class="blogarchive-summary">(.*?)</p>', item, re.S)
        posts.append({"href": link.group(1), "title": html.unescape(link.group(2)),
                      "date": re.search(r'<time class="blogarchive-date" datetime="([^"]+)"', meta).group(1),
                      "links": [(html.unescape(href), html.unescape(text))
                                for href, text in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', meta)],
                      "excerpt": html.unescape(excerpt.group(1)) if excerpt else ""})
    return posts


async def test_posts_table_page(ds, ids):
    page = await ds.client.get("/blogarchive/posts")
    assert page.status_code == 200
    assert '<input id="_search" type="search" name="_search"' in page.text
    assert '<dl class="column-descriptions">' in page.text
    posts = listed_posts(page.text)
    assert [p["href"] for p in posts] == [f"/blogarchive/posts/{ids[s]}" for s in ("fts", "crawler", "facets", "cleaned", "raw")]
    fts = posts[0]
    assert fts["title"] == "SQLite full-text search notes" and fts["date"] == "2024-03-15"
    # the month, the author, the category and the blog are links that filter the posts table
    assert fts["links"] == [("/blogarchive/posts?archive_month=2024-03", "2024-03-15"),
                            ("/blogarchive/posts?_author=Zo%C3%AB+%C3%85ngstr%C3%B6m", "Zoë Ångström"),
                            ("/blogarchive/posts?_category=databases", "databases"),
                            ("/blogarchive/blogs/1", BLOG)]
    assert fts["excerpt"] == "We run the indexer after every crawler pass; bm25 ranks the hits."
    # Datasette's own table when the request picks its columns; JSON keeps every column
    own = await ds.client.get("/blogarchive/posts?_col=title&_col=published")
    assert 'data-column-description="Post title"' in own.text and '<ol class="blogarchive-posts">' not in own.text
    rows = await get_json(ds, "/blogarchive/posts.json?_shape=array")
    assert [row["id"] for row in rows] == [ids[s] for s in ("fts", "crawler", "facets", "cleaned", "raw")]
    assert "body_html" in rows[0] and "body_text" in rows[0]


@pytest.mark.parametrize("query, slugs", [
    ("_author=" + q("Ada Lovelace"), ["crawler", "facets"]),
    ("_author=" + q("Ada Lovelace") + "&_author=" + q("Zoë Ångström"), ["facets"]),
    ("_category=python", ["crawler", "facets"]),
    ("_category=python&_author=" + q("Zoë Ångström"), ["facets"]),
    ("_tag=robots", ["crawler"]),
    ("_author=Nobody", []),
    ("_author=" + q("Ada Lovelace") + "&archive_month=2024-02", ["facets"]),
])
async def test_posts_table_filters_by_author_category_and_tag(ds, ids, query, slugs):
    rows = await get_json(ds, f"/blogarchive/posts.json?_shape=array&{query}")
    assert [row["id"] for row in rows] == [ids[s] for s in slugs]
    page = await ds.client.get(f"/blogarchive/posts?{query}")
    assert page.status_code == 200
    if slugs:
        assert [p["href"] for p in listed_posts(page.text)] == [f"/blogarchive/posts/{ids[s]}" for s in slugs]
    else:
        assert '<p class="zero-results">0 posts</p>' in page.text


def excerpts(page_text: str) -> list[str]:
    """The unescaped text of every body excerpt on a page."""
    return [html.unescape(m) for m in re.findall(r'<span class="blogarchive-excerpt">(.*?)</span>', page_text, re.S)]


@pytest.mark.parametrize("path", ["/", "/blogarchive", "/blogarchive/posts", "/blogarchive/posts/1",
                                  "/blogarchive/search?q=crawler"])
async def test_stylesheet_is_linked_on_every_page(ds, path):
    page = await ds.client.get(path)
    assert page.status_code == 200
    assert '<link rel="stylesheet" href="/assets/blogarchive.css">' in page.text


async def test_stylesheet_is_served_from_the_static_mount(ds):
    css = await ds.client.get("/assets/blogarchive.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert "dl.column-descriptions" in css.text and ".blogarchive-body img" in css.text
    assert css.text == (publish.STATIC_DIR / "blogarchive.css").read_text(encoding="utf-8")


async def test_table_page_shows_short_escaped_excerpts(ds, ids):
    page = await ds.client.get("/blogarchive/posts")
    assert page.status_code == 200
    # every column description is still there
    metadata = parse_metadata(publish.metadata_path().read_text(encoding="utf-8"))
    for column, description in metadata["databases"]["blogarchive"]["tables"]["posts"]["columns"].items():
        assert f"<dt>{column}</dt>" in page.text and html.escape(description, quote=False) in page.text
    long = [post["excerpt"] for post in listed_posts(page.text) if post["excerpt"].startswith("Array facets")]
    assert len(long) == 1  # one excerpt per post, of its text
    for text in long:
        assert text.endswith("…") and len(text) <= 201
        assert LONG_TEXT.startswith(text[:-1])
    # the text is escaped, not rendered: no tags from body_text, no markup from body_html
    assert "Paragraph 0 says &lt;b&gt;bold&lt;/b&gt; &amp; &#34;quoted&#34;" in page.text
    assert "<b>bold</b>" not in page.text and "<em>facets</em>" not in page.text
    assert "THE-END" not in page.text
    assert "Cookies are tasty." in [post["excerpt"] for post in listed_posts(page.text)]  # short bodies whole
    body = page.text.lower()
    assert "xss-ran" not in body and "onerror" not in body and "<script>document" not in body
    searched = await ds.client.get("/blogarchive/posts?_search=facets")
    assert "THE-END" not in searched.text
    assert [post["excerpt"][:12] for post in listed_posts(searched.text)] == ["Array facets"]
    # Datasette's own table (?_col=) shows both bodies as escaped excerpts
    own = await ds.client.get("/blogarchive/posts?_col=body_html&_col=body_text")
    assert sum(text.startswith("Array facets") and text.endswith("…") for text in excerpts(own.text)) == 2


async def test_row_page_shows_the_full_post_once(ds, ids):
    page = await ds.client.get(f"/blogarchive/posts/{ids['facets']}")
    assert page.status_code == 200
    assert 'class="blogarchive-excerpt"' not in page.text
    body = page.text[page.text.index('<div class="blogarchive-body">'):]
    assert body.index("<p>Paragraph 0 says") < body.index(
        "<p>Paragraph 11 says &lt;b&gt;bold&lt;/b&gt; &amp; \"quoted\" things about <em>facets</em>.</p><p>THE-END</p>")
    assert page.text.count("Paragraph 11 says") == 1 and page.text.count("THE-END") == 1  # no body_text copy
    assert '<h1>Facets in Datasette</h1>' in page.text
    meta = re.search(r'<p class="blogarchive-meta">(.*?)</p>', page.text, re.S).group(1)
    assert [html.unescape(h) for h in re.findall(r'<a href="([^"]+)"', meta)] == [
        "/blogarchive/posts?archive_month=2024-02", "/blogarchive/posts?_author=Ada+Lovelace",
        "/blogarchive/posts?_author=Zo%C3%AB+%C3%85ngstr%C3%B6m", "/blogarchive/posts?_category=databases",
        "/blogarchive/posts?_category=python", "/blogarchive/blogs/1"]
    assert f'<a href="{BLOG}facets" rel="nofollow noopener noreferrer">Original post</a>' in page.text
    # the record's other fields, and no links to the hidden link tables
    assert "<dt>word_count</dt>" in page.text and "<dt>body_text</dt>" not in page.text
    assert "Links from other tables" not in page.text


async def test_post_page_links_to_its_stored_raw_page(ds, ids):
    page = await ds.client.get(f"/blogarchive/posts/{ids['crawler']}")
    stored = re.search(r'<a href="(/blogarchive/pages/\d+)">Stored page</a>', page.text)
    assert stored, "no link to the stored page"
    raw = await get_json(ds, stored.group(1) + ".json?_shape=array&_nocol=body")
    assert raw[0]["url"] == BLOG + "crawler" and raw[0]["kind"] == "post"
    other = await ds.client.get(f"/blogarchive/posts/{ids['fts']}")  # no page stored for it
    assert "Stored page" not in other.text


async def test_home_page_leads_with_the_archive(ds, ids):
    page = await ds.client.get("/")
    assert page.status_code == 200
    home = page.text[page.text.index('<section class="blogarchive-home">'):]
    assert home.index('class="blogarchive-home"') < home.index('<a href="/blogarchive">blogarchive</a>')
    # each blog with its post count and first and last days, linked to its page and its posts
    assert re.search(r'<a href="/blogarchive/blogs/1">https://blog.example.org/</a></td>\s*'
                     r'<td><a href="/blogarchive/posts\?blog_id=1">5</a></td>\s*<td>2023-12-24</td>\s*<td>2024-03-15</td>',
                     home)
    # a search box over all posts, and the main views
    assert '<form action="/blogarchive/search" method="get" role="search">' in home and 'name="q"' in home
    for view in ("/blogarchive/posts", "/blogarchive/authors", "/blogarchive/categories", "/blogarchive/tags",
                 "/blogarchive/posts_per_month", "/blogarchive/latest_crawls"):
        assert f'<a href="{view}">' in home
        assert (await ds.client.get(view)).status_code == 200
    searched = await ds.client.get("/blogarchive/search?q=crawler")
    assert searched.status_code == 200 and "<mark>crawler</mark>" in searched.text


async def test_a_posts_page_is_titled_with_the_post(ds, ids):
    page = await ds.client.get(f"/blogarchive/posts/{ids['crawler']}")
    assert page.status_code == 200 and "<title>Running a crawler politely – blogarchive</title>" in page.text
    other = await ds.client.get("/blogarchive/crawls/1")
    assert "<title>blogarchive: crawls</title>" in other.text


@pytest.mark.parametrize("table, name, slugs", [
    ("authors", "Zoë Ångström", ["fts", "facets"]),
    ("categories", "security", ["cleaned", "raw"]),
    ("tags", "robots", ["crawler"]),
])
async def test_an_authors_and_a_categorys_page_list_their_posts_newest_first(ds, ids, table, name, slugs):
    rows = await get_json(ds, f"/blogarchive/{table}.json?_shape=array&name=" + q(name))
    page = await ds.client.get(f"/blogarchive/{table}/{rows[0]['id']}")
    assert page.status_code == 200
    listed = re.findall(r'<li><a href="/blogarchive/posts/(\d+)">', page.text)
    assert [int(i) for i in listed] == [ids[slug] for slug in slugs]
    assert f"{len(slugs)} post{'s' if len(slugs) != 1 else ''}, newest first" in page.text


async def test_row_page_links_a_post_to_its_earlier_versions(ds, ids):
    first = min(ids.values())
    page = await ds.client.get(f"/blogarchive/posts/{first}")
    assert page.status_code == 200
    revisions = await get_json(ds, f"/blogarchive/revisions.json?post_id={first}&_shape=array")
    assert [r["title"] for r in revisions] == ["Running a crawler (draft)"]
    versions = page.text[page.text.index("<h2>Earlier versions</h2>"):]
    assert re.search(rf'<li><a href="/blogarchive/revisions/{revisions[0]["id"]}">Running a crawler \(draft\)</a>, '
                     r'replaced \d{4}-\d\d-\d\d \d\d:\d\d \(crawl\)</li>', versions)
    other = await ds.client.get(f"/blogarchive/posts/{ids['fts']}")
    assert "Earlier versions" not in other.text


async def test_query_pages_show_excerpts(ds, ids):
    page = await ds.client.get("/blogarchive?sql=" + q("select id, body_html, body_text from posts order by id"))
    assert page.status_code == 200
    assert "THE-END" not in page.text and "<em>facets</em>" not in page.text
    assert sum(text.startswith("Array facets") and text.endswith("…") for text in excerpts(page.text)) == 2
    by_author = await ds.client.get("/blogarchive/posts_by_author?author=" + q("Zoë Ångström"))
    assert by_author.status_code == 200  # canned queries without body columns are unaffected
    assert "Facets in Datasette" in by_author.text


async def test_table_search_uses_porter_stemming(ds, ids):
    rows = await get_json(ds, "/blogarchive/posts.json?_search=running&_shape=array")
    assert {row["id"] for row in rows} == {ids["crawler"], ids["fts"]}  # "Running", "run"
    rows = await get_json(ds, "/blogarchive/posts.json?_search=" + q('robots.txt "unbalanced') + "&_shape=array")
    assert rows == []


async def test_facets(ds):
    data = await get_json(ds, "/blogarchive/posts.json")
    facets = {name: {v["value"]: v["count"] for v in f["results"]} for name, f in data["facet_results"].items()}
    assert facets["archive_month"] == {"2024-03": 2, "2024-02": 1, "2024-01": 1, "2023-12": 1}
    assert "authors" not in facets      # array facets unpack every post's JSON: too slow at scale
    # authors and categories are counted through the link tables, by name
    for table, column, expected in (
            ("posts_authors", "authors_id", {"Ada Lovelace": 2, "Zoë Ångström": 2, "Mallory": 2}),
            ("posts_categories", "categories_id", {"databases": 2, "python": 2, "security": 2, "crawling": 1})):
        data = await get_json(ds, f"/blogarchive/{table}.json")
        assert {v["label"]: v["count"] for v in data["facet_results"][column]["results"]} == expected


async def test_canned_search_ranks_and_highlights(ds, ids):
    rows = await get_json(ds, "/blogarchive/search.json?q=crawler&_shape=array")
    # title matches weigh ten times body matches; exported values are plain text, with no rank
    assert [row["id"] for row in rows] == [ids["crawler"], ids["fts"]]
    assert rows[0]["title"] == "Running a crawler politely" and "crawler" in rows[1]["snippet"]
    assert "rank" not in rows[0] and rows[0]["authors"] == ["Ada Lovelace"]
    csv = await ds.client.get("/blogarchive/search.csv?q=crawler")
    assert "Running a crawler politely" in csv.text and "<mark>" not in csv.text
    # the page marks the search's words and links each title to the archived post
    page = await ds.client.get("/blogarchive/search?q=crawler")
    assert page.status_code == 200
    assert f'<a href="/blogarchive/posts/{ids["crawler"]}">Running a <mark>crawler</mark> politely</a>' in page.text
    assert "&lt;mark&gt;crawler" not in page.text
    raw = await ds.client.get("/blogarchive/search_raw?q=" + q("crawl* NOT title:sqlite"))
    assert "<mark>crawler</mark>" in raw.text and "<mark>title</mark>" not in raw.text


@pytest.mark.parametrize("query", ["", "   ", '"', '""', "robots.txt \"unbalanced", "a OR (", "NEAR(", "*", "'"])
async def test_canned_search_survives_any_input(ds, query):
    response = await ds.client.get("/blogarchive/search.json?_shape=array&q=" + q(query))
    assert response.status_code == 200, response.text
    if not query.strip(' "'):
        assert response.json() == []
    page = await ds.client.get("/blogarchive/search?q=" + q(query))
    assert page.status_code == 200


async def test_search_raw_operators(ds, ids):
    rows = await get_json(ds, "/blogarchive/search_raw.json?_shape=array&q=" + q("crawl* NOT title:sqlite"))
    assert [row["id"] for row in rows] == [ids["crawler"]]
    assert await get_json(ds, "/blogarchive/search_raw.json?_shape=array&q=") == []
    bad = await ds.client.get("/blogarchive/search_raw.json?q=" + q('"unbalanced'))
    assert bad.status_code == 400


async def test_posts_by_author_and_category(ds, ids):
    rows = await get_json(ds, "/blogarchive/posts_by_author.json?_shape=array&author=" + q("Zoë Ångström"))
    assert [row["id"] for row in rows] == [ids["fts"], ids["facets"]]
    rows = await get_json(ds, "/blogarchive/posts_by_category.json?_shape=array&category=security")
    assert [row["id"] for row in rows] == [ids["cleaned"], ids["raw"]]
    assert await get_json(ds, "/blogarchive/posts_by_author.json?_shape=array&author=") == []


async def test_posts_per_month_and_latest_crawls(ds):
    rows = await get_json(ds, "/blogarchive/posts_per_month.json?_shape=array&blog_id=")
    assert rows == [{"archive_month": m, "posts": n}
                    for m, n in [("2023-12", 1), ("2024-01", 1), ("2024-02", 1), ("2024-03", 2)]]
    assert await get_json(ds, "/blogarchive/posts_per_month.json?_shape=array&blog_id=1") == rows
    assert await get_json(ds, "/blogarchive/posts_per_month.json?_shape=array&blog_id=2") == []
    rows = await get_json(ds, "/blogarchive/latest_crawls.json?_shape=array")
    assert [(r["status"], r["posts_new"]) for r in rows] == [("ok", 5)]


@pytest.mark.parametrize("slug", ["cleaned", "raw"])
async def test_hostile_row_page_is_sanitised(ds, ids, slug):
    page = await ds.client.get(f"/blogarchive/posts/{ids[slug]}")
    assert page.status_code == 200
    assert "<p>Cookies are <b>tasty</b>.</p>" in page.text  # rendered as HTML ...
    assert '<img src="x">' in page.text
    body = page.text.lower()  # ... minus anything that runs script
    assert "onerror" not in body and "xss-ran" not in body and "javascript:" not in body
    assert "<script>document" not in body


async def test_render_plugin_is_safe_for_arbitrary_sql(ds):
    sql = ("select '<script>alert(1)</script><mark>hit</mark>' as snippet, "
           "'<img src=x onerror=alert(2)>' as body_html, '<b>x</b>' as other")
    page = await ds.client.get("/blogarchive?sql=" + q(sql))
    assert page.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<mark>hit</mark>" in page.text
    assert "<img" not in page.text and "&lt;b&gt;x&lt;/b&gt;" in page.text


def test_marking_search_words_keeps_hostile_text_escaped():
    from blogarchive.datasette_plugin import render_snippet

    marked = str(render_snippet('<script>alert("x")</script> &amp; a crawler', 'script amp "crawl'))
    assert "<script" not in marked and "&lt;<mark>script</mark>&gt;" in marked
    assert "<mark>crawler</mark>" in marked and "&<mark>" not in marked
    assert str(render_snippet("plain words", "")) == "plain words"


async def test_pages_table_shows_blob_as_download_link(ds):
    page = await ds.client.get("/blogarchive/pages")
    assert page.status_code == 200
    assert "&lt;Binary:&nbsp;" in page.text
    rows = await get_json(ds, "/blogarchive/pages.json?_shape=array&_nocol=body")
    assert rows[0]["kind"] == "feed" and "body" not in rows[0]
    blob = await ds.client.get(f"/blogarchive/pages/{rows[0]['id']}.blob?_blob_column=body")
    assert zlib.decompress(blob.content).startswith(b"<rss>")


async def test_csv_and_json_exports(ds, ids):
    csv = await ds.client.get("/blogarchive/posts.csv?_size=max")
    # a file to save, not text in the browser
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert csv.headers["content-disposition"] == 'attachment; filename="posts.csv"'
    shown = await ds.client.get("/blogarchive/posts.csv?_size=max&_dl=")  # asked for as text
    assert shown.headers["content-type"].startswith("text/plain") and shown.text == csv.text
    header, *lines = csv.text.splitlines()
    assert header.startswith("id,blog_id,") and "body_html" in header
    assert "Zoë Ångström" in csv.text
    stream = await ds.client.get("/blogarchive/posts.csv?_stream=on")
    assert stream.status_code == 200 and "Running a crawler politely" in stream.text
    rows = await get_json(ds, "/blogarchive/posts.json?_shape=array&_size=max")
    assert len(rows) == 5 and rows[0]["authors"] == ["Zoë Ångström"]
    query_csv = await ds.client.get("/blogarchive/posts_by_category.csv?category=python")
    assert query_csv.status_code == 200 and "Facets in Datasette" in query_csv.text


async def test_json_gives_authors_categories_and_tags_as_arrays(ds, ids):
    """Stored as JSON text, they come out of every JSON page as arrays; CSV keeps the text."""
    post = await get_json(ds, f"/blogarchive/posts/{ids['crawler']}.json?_shape=array")
    assert post[0]["authors"] == ["Ada Lovelace"] and isinstance(post[0]["categories"], list)
    assert isinstance(post[0]["tags"], list)
    query = await get_json(ds, "/blogarchive/posts_by_category.json?category=python&_shape=array")
    assert query and all(isinstance(row["authors"], list) for row in query)
    sql = await get_json(ds, "/blogarchive.json?sql=" + q("select authors, categories from posts") + "&_shape=array")
    assert all(isinstance(row["authors"], list) and isinstance(row["categories"], list) for row in sql)
    # a request that names its own _json columns gets just those
    own = await get_json(ds, "/blogarchive/posts.json?_shape=array&_size=1&_json=categories")
    assert isinstance(own[0]["categories"], list) and isinstance(own[0]["authors"], str)
    csv = await ds.client.get("/blogarchive/posts.csv?_size=max")
    assert '"[""Zoë Ångström""]"' in csv.text


@pytest.mark.parametrize("table", ["posts", "blogs", "authors", "categories", "pages", "crawls"])
async def test_every_visible_table_and_first_row_page_loads(ds, table):
    # a bad sort or facet column in metadata.yml would make these 400
    page = await ds.client.get(f"/blogarchive/{table}")
    assert page.status_code == 200, page.text[:500]
    assert page.text.count("<dt>") >= 1  # column descriptions
    rows = await get_json(ds, f"/blogarchive/{table}.json?_shape=array&_size=1")
    row_page = await ds.client.get(f"/blogarchive/{table}/{rows[0]['id']}")
    assert row_page.status_code == 200


async def test_post_sources_view_facets_fields_by_source(tmp_path):
    path = tmp_path / "blogarchive.db"
    db = store.open_db(path)
    with db.atomic():
        for i, (title, published) in enumerate([("markup", "json-ld"), ("markup", "htmldate"), ("meta", "json-ld")]):
            store.save_post(db, Post(url=f"https://n.example/{i}", title=f"T{i}", published="2024-01-01",
                                     provenance={"title": title, "published": published}), None)
    db.close()
    ds = Datasette(files=[str(path)], metadata=parse_metadata(publish.metadata_path().read_text(encoding="utf-8")))
    # the view's configured facets, on the rows of one field
    data = await get_json(ds, "/blogarchive/post_sources.json?field=published&_extra=facet_results")
    facet = {row["value"]: row["count"] for row in data["facet_results"]["source"]["results"]}
    assert facet == {"json-ld": 2, "htmldate": 1}
    page = await ds.client.get("/blogarchive/post_sources")
    assert page.status_code == 200 and "Where each field of each post came from" in page.text
