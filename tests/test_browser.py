"""The archive's pages in a real headless Chromium (tests/browser.py), served by `datasette serve`
as `blogarchive serve` runs it:

- over the demo archive (the sample blog crawled by blogarchive, as `make demo` does): the home
  page, the posts table, a post, an author's page, a blog's page with its chart, search at desktop
  and at phone width; their titles and links, the layout at that width, and every request each
  page makes (none leaves the Datasette server). Each page's screenshot is saved under
  build/screenshots/ (or $BLOGARCHIVE_SCREENSHOTS);
- over an archive with hostile stored HTML: its script never runs.

Needs Debian's `chromium` (`make test` installs it). Set BLOGARCHIVE_SKIP_BROWSER=1 to skip.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from blogarchive import publish, store
from blogarchive.record import Post
from browser import free_port, serve_datasette, stop
from sampleblog.server import SampleBlogServer

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = Path(os.environ.get("BLOGARCHIVE_SCREENSHOTS") or ROOT / "build" / "screenshots")
PHONE = {"width": 390, "height": 844, "mobile": True}
DESKTOP = {"width": 1280, "height": 900}

BLOG = "https://blog.example.org/"
HOSTILE = (
    "<p>Cookies are <b>tasty</b>.</p>"
    "<img src=x onerror=\"document.title='XSS-RAN'\">"
    "<script>document.title='XSS-RAN'</script>"
)


def serve(path: Path):
    """`datasette serve` on ``path`` as `blogarchive serve` runs it; (process, base URL)."""
    return serve_datasette(publish.serve_command(path, free_port()), path.parent / "datasette.log")


@pytest.fixture(scope="module")
def demo(tmp_path_factory, chromium):
    """The sample blog crawled by blogarchive and served by Datasette; the blog stays online so
    any request a page made to it would be seen. Yields (Datasette base URL, blog origin, db path)."""
    path = tmp_path_factory.mktemp("demo") / "blogarchive.db"
    with SampleBlogServer() as blog:
        crawl = subprocess.run([sys.executable, "-m", "blogarchive", "crawl", blog.blog_url, "--db", str(path),
                                "--delay", "0", "--quiet"], capture_output=True, text=True, timeout=300)
        assert crawl.returncode == 0, crawl.stderr
        proc, base = serve(path)
        try:
            yield base, blog.url, path
        finally:
            stop(proc)


def open_page(chromium, base: str, path: str, shot: str | None = None, viewport: dict = DESKTOP):
    """Load ``path`` and check what every page must: it loaded, nothing it asked for left the
    Datasette server, and no script failed. Saves a screenshot as ``shot``.png."""
    page = chromium.open(base + path, **viewport)
    origin = urlsplit(base).netloc
    outside = [url for url in page.requests() if urlsplit(url).scheme in ("http", "https")
               and urlsplit(url).netloc != origin]
    assert outside == [], f"{path} asked other servers for {outside}"
    assert page.console_errors() == []
    if shot:
        page.screenshot(SCREENSHOTS / f"{shot}.png")
    return page


def fits(page) -> None:
    """Nothing on the page is wider than the window: no sideways scrolling."""
    width, window = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= window, f"the page is {width}px wide in a {window}px window"


def links(page, selector: str) -> list[list[str]]:
    return page.evaluate(f"[...document.querySelectorAll({json.dumps(selector)})]"
                         ".map(a => [a.getAttribute('href'), a.textContent.trim()])")


def status(base: str, href: str) -> int:
    with urllib.request.urlopen(base + href, timeout=10) as response:
        return response.status


def demo_post(path: Path, where: str = "json_array_length(authors) > 0 and json_array_length(categories) > 0"):
    db = store.open_db(path)
    try:
        return db.execute(f"select id, title, url, authors, categories, body_text from posts where {where} "
                          "order by published desc limit 1").fetchone()
    finally:
        db.close()


# ---------------------------------------------------------------- the demo archive


def test_home_page(chromium, demo):
    base, _, _ = demo
    page = open_page(chromium, base, "/", "home")
    assert page.evaluate("document.querySelector('.blogarchive-home form[role=search]').action") == \
        base + "/blogarchive/search"
    blogs = links(page, "table.blogarchive-blogs td a")
    assert blogs == [["/blogarchive/blogs/1", "Brightwater Career Studio"], ["/blogarchive/posts?blog_id=1", "46"]]
    views = dict((text, href) for href, text in links(page, ".blogarchive-views a"))
    assert list(views) == ["Newest posts", "Authors", "Categories", "Tags", "Posts per month", "Crawls"]
    for href in [*views.values(), *(href for href, _ in blogs)]:
        assert status(base, href) == 200
    fits(page)


def test_posts_table_lists_posts_with_links_that_filter(chromium, demo):
    base, _, _ = demo
    page = open_page(chromium, base, "/blogarchive/posts", "posts")
    titles = links(page, "ol.blogarchive-posts h3 a")
    assert len(titles) == 20 and all(href.startswith("/blogarchive/posts/") for href, _ in titles)
    dates = page.evaluate("[...document.querySelectorAll('ol.blogarchive-posts time')].map(t => t.dateTime)")
    assert dates == sorted(dates, reverse=True)
    authors = links(page, "ol.blogarchive-posts .blogarchive-authors a")
    href, name = authors[0]
    assert href.startswith("/blogarchive/posts?_author=")
    fits(page)
    # an author's link filters the table to that author's posts
    page = open_page(chromium, base, href)
    listed = page.evaluate("[...document.querySelectorAll('ol.blogarchive-posts li')].map(li => "
                           "[...li.querySelectorAll('.blogarchive-authors a')].map(a => a.textContent))")
    assert listed and all(name in names for names in listed)
    assert f'author is "{name}"' in page.evaluate("document.querySelector('h3').textContent")


def test_post_page(chromium, demo):
    base, _, path = demo
    post = demo_post(path)
    page = open_page(chromium, base, f"/blogarchive/posts/{post[0]}", "post")
    assert page.evaluate("document.title") == f"{post[1]} – blogarchive"
    assert page.evaluate("document.querySelector('article h1').textContent") == post[1]
    names = [text for _, text in links(page, "article .blogarchive-meta a")]
    assert set(json.loads(post[3]) + json.loads(post[4])) <= set(names)
    sources = dict((text, href) for href, text in links(page, ".blogarchive-sources a"))
    assert sources["Original post"] == post[2]
    assert status(base, sources["Stored page"]) == 200
    # the body once, as HTML: its last sentence is on the page once, inside the body
    sentence = post[5].strip().rsplit(". ", 1)[-1][-60:]
    assert page.evaluate(f"document.body.innerText.split({json.dumps(sentence)}).length - 1") == 1
    assert sentence in page.evaluate("document.querySelector('.blogarchive-body').innerText")
    fits(page)


def test_a_post_shows_its_images_from_the_archive(chromium, demo):
    base, blog, path = demo
    post = demo_post(path, "body_html like '%<img%/uploads/7/%'")
    page = open_page(chromium, base, f"/blogarchive/posts/{post[0]}", "post-with-image")   # no request to the blog
    images = page.evaluate("[...document.querySelectorAll('.blogarchive-body img')].map(i => "
                           "[i.getAttribute('src'), i.complete, i.naturalWidth])")
    assert images and all(src.startswith("/-/images/") and done and width == 240 for src, done, width in images)
    assert all(urlsplit(url).netloc == urlsplit(base).netloc for url in page.requests())
    csp = urllib.request.urlopen(base + f"/blogarchive/posts/{post[0]}", timeout=10).headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "img-src 'self' data:" in csp


def test_author_page_lists_posts_newest_first(chromium, demo):
    base, _, path = demo
    db = store.open_db(path)
    author_id, name, count = db.execute(
        "select authors_id, name, count(*) from posts_authors join authors on authors.id = authors_id "
        "group by authors_id order by count(*) desc limit 1").fetchone()
    db.close()
    page = open_page(chromium, base, f"/blogarchive/authors/{author_id}", "author")
    assert page.evaluate("document.querySelector('h1').textContent") == name
    dates = page.evaluate("[...document.querySelectorAll('.blogarchive-listed-posts .blogarchive-date')]"
                          ".map(s => s.textContent)")
    assert len(dates) == count and dates == sorted(dates, reverse=True)
    for href, _ in links(page, ".blogarchive-listed-posts li a")[:3]:
        assert status(base, href) == 200


def test_blog_page_charts_posts_per_month(chromium, demo):
    base, _, path = demo
    page = open_page(chromium, base, "/blogarchive/blogs/1", "chart")
    image = page.evaluate("(() => { const i = document.querySelector('figure.blogarchive-chart img');"
                          " return [i.complete, i.naturalWidth, i.getAttribute('src')]; })()")
    assert image[0] and image[1] == 720, image
    with urllib.request.urlopen(base + image[2].replace("&amp;", "&"), timeout=10) as response:
        svg = response.read().decode()
    db = store.open_db(path)
    months = db.execute("select archive_month, count(*) from posts where blog_id = 1 and removed_at is null "
                        "group by archive_month").fetchall()
    db.close()
    for month, count in months:
        assert f"<title>{month}: {count}</title>" in svg
    fits(page)


def test_search_at_desktop_width_puts_the_chart_beside_the_results(chromium, demo):
    base, _, _ = demo
    page = open_page(chromium, base, "/blogarchive/search?q=interview", "search")
    results, chart = page.evaluate(
        "[document.querySelector('.blogarchive-results'), document.querySelector('.blogarchive-search-chart')]"
        ".map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right, r.top]; })")
    assert chart[0] >= results[1] and abs(chart[2] - results[2]) < 100  # beside, not below
    assert page.evaluate("document.querySelector('.blogarchive-search-chart img').naturalWidth") == 400


def test_search_on_a_phone(chromium, demo):
    base, _, _ = demo
    page = open_page(chromium, base, "/blogarchive/search?q=interview", "search-phone", PHONE)
    assert page.evaluate("window.innerWidth") == 390
    fits(page)
    items = page.evaluate("[...document.querySelectorAll('.blogarchive-results li')].map(li => {"
                          " const r = li.getBoundingClientRect(); return [r.left, r.right,"
                          " li.querySelector('h3 a').getAttribute('href'), li.querySelectorAll('mark').length,"
                          " li.querySelector('time') ? li.querySelector('time').getBoundingClientRect().height : 0]; })")
    assert len(items) >= 5
    for left, right, href, marks, date_height in items:
        assert 0 <= left and right <= 390  # each result within the screen, snippet not clipped
        assert href.startswith("/blogarchive/posts/") and marks >= 1
        assert 0 < date_height < 30  # the date on one line, not wrapped
    image = page.evaluate("(() => { const r = document.querySelector('.blogarchive-search-chart img')"
                          ".getBoundingClientRect(); return [r.left, r.right]; })()")
    assert 0 <= image[0] and image[1] <= 390
    # the search box submits to the same search
    assert page.evaluate("document.querySelector('form.blogarchive-search input[name=q]').value") == "interview"


# ---------------------------------------------------------------- hostile stored HTML


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, chromium):
    """An archive with one post whose stored body is raw hostile HTML; yields (base URL, post id)."""
    path = tmp_path_factory.mktemp("browser") / "blogarchive.db"
    db = store.open_db(path)
    blog_id = store.add_blog(db, BLOG)
    with db.atomic():
        store.save_post(db, Post(url=BLOG + "hostile", title="Hostile post about cookies",
                                 published="2024-03-02", archive_month="2024-03", authors=["Mallory"],
                                 text="Cookies are tasty.", html="<p>placeholder</p>"), blog_id)
    post_id = next(db["posts"].rows)["id"]
    with db.atomic():  # bypass crawl-time sanitising
        db["posts"].update(post_id, {"body_html": HOSTILE})
    db.close()
    proc, base = serve(path)
    try:
        yield base, post_id
    finally:
        stop(proc)


def test_hostile_row_page_does_not_run_script(chromium, hostile):
    base, post_id = hostile
    page = open_page(chromium, base, f"/blogarchive/posts/{post_id}", "hostile")
    body = page.evaluate("document.querySelector('.blogarchive-body').innerHTML")
    assert "<p>Cookies are <b>tasty</b>.</p>" in body and "<script" not in body and "onerror" not in body
    assert page.evaluate("document.title") == "Hostile post about cookies – blogarchive"  # neither ran


def test_search_page_renders_mark_elements(chromium, hostile):
    base, _ = hostile
    page = open_page(chromium, base, "/blogarchive/search?q=cookie")
    # porter: "cookie" finds "cookies" in the title and "Cookies" in the snippet, both highlighted
    assert page.evaluate("[...document.querySelectorAll('mark')].map(m => m.textContent)") == ["cookies", "Cookies"]
    assert "<mark>" not in page.evaluate("document.body.innerText")


def test_stylesheet_is_served_and_table_page_shows_excerpts(chromium, hostile):
    base, _ = hostile
    with urllib.request.urlopen(base + "/assets/blogarchive.css", timeout=5) as response:  # serve_command's --static
        assert response.status == 200 and response.headers["Content-Type"].startswith("text/css")
        assert b"dl.column-descriptions" in response.read()
    page = open_page(chromium, base, "/blogarchive/posts")
    assert page.evaluate("[...document.styleSheets].some(s => (s.href || '').endsWith('/assets/blogarchive.css'))")
    assert page.evaluate("document.querySelector('p.blogarchive-summary').textContent") == "Cookies are tasty."
    assert page.evaluate("document.querySelectorAll('.blogarchive-posts b, .blogarchive-posts script').length") == 0
