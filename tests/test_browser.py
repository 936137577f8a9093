"""A real headless Chromium against `datasette serve` (no Playwright): stored hostile HTML
must not run, and search highlighting must render as <mark> elements.

Needs Debian's `chromium` (`make test` installs it). Set BLOGARCHIVE_SKIP_BROWSER=1 to skip.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request

import pytest

from blogarchive import publish, store
from blogarchive.record import Post

BLOG = "https://blog.example.org/"
HOSTILE = (
    "<p>Cookies are <b>tasty</b>.</p>"
    "<img src=x onerror=\"document.title='XSS-RAN'\">"
    "<script>document.title='XSS-RAN'</script>"
)


@pytest.fixture(scope="module")
def chromium():
    path = shutil.which("chromium")
    if path is None:
        if os.environ.get("BLOGARCHIVE_SKIP_BROWSER") == "1":
            pytest.skip("chromium not installed and BLOGARCHIVE_SKIP_BROWSER=1")
        pytest.fail("chromium not found on PATH: apt-get install -y --no-install-recommends chromium "
                    "(or set BLOGARCHIVE_SKIP_BROWSER=1 to skip the browser tests)")
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, chromium):
    """`datasette serve` over an archive with one raw hostile post; yields (base URL, post id)."""
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

    port = free_port()
    log = open(path.parent / "datasette.log", "wb")
    proc = subprocess.Popen(publish.serve_command(path, port), stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("datasette did not start:\n" + (path.parent / "datasette.log").read_text())
                time.sleep(0.1)
        yield base, post_id
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def run_chromium(chromium: str, profile, url: str, *extra: str) -> str:
    argv = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", "--virtual-time-budget=3000", *extra, url,
    ]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=90)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_hostile_row_page_does_not_run_script(chromium, server, tmp_path):
    base, post_id = server
    dom = run_chromium(chromium, tmp_path / "profile", f"{base}/blogarchive/posts/{post_id}", "--dump-dom")
    assert "<p>Cookies are <b>tasty</b>.</p>" in dom  # the sanitised body is rendered as HTML
    assert '<img src="x">' in dom
    assert "XSS-RAN" not in dom  # neither the handler nor the script ran (or even survived)
    assert "<title>Hostile post about cookies – blogarchive</title>" in dom  # title unchanged by the post


def test_search_page_renders_mark_elements(chromium, server, tmp_path):
    base, _ = server
    dom = run_chromium(chromium, tmp_path / "profile", f"{base}/blogarchive/search?q=cookie", "--dump-dom")
    # porter: "cookie" finds "cookies" in the title and "Cookies" in the snippet, both highlighted
    assert re.findall(r"<mark>(\w+)</mark>", dom) == ["cookies", "Cookies"]
    assert "&lt;mark&gt;cookies" not in dom.lower()


def test_row_page_screenshot(chromium, server, tmp_path):
    base, post_id = server
    shot = tmp_path / "row.png"
    run_chromium(chromium, tmp_path / "profile", f"{base}/blogarchive/posts/{post_id}",
                 f"--screenshot={shot}", "--window-size=1280,900")
    assert shot.stat().st_size > 10_000
    if os.environ.get("BLOGARCHIVE_KEEP_SCREENSHOT"):
        shutil.copy(shot, os.environ["BLOGARCHIVE_KEEP_SCREENSHOT"])


def test_stylesheet_is_served_and_table_page_shows_excerpts(chromium, server, tmp_path):
    base, _ = server
    with urllib.request.urlopen(base + "/assets/blogarchive.css", timeout=5) as response:  # serve_command's --static
        assert response.status == 200 and response.headers["Content-Type"].startswith("text/css")
        assert b"dl.column-descriptions" in response.read()
    dom = run_chromium(chromium, tmp_path / "profile", f"{base}/blogarchive/posts", "--dump-dom")
    assert '<link rel="stylesheet" href="/assets/blogarchive.css">' in dom
    assert '<dl class="column-descriptions">' in dom
    # body_html (its text only) and body_text as escaped excerpts; nothing of the hostile markup
    assert dom.count('<span class="blogarchive-excerpt">Cookies are tasty.</span>') == 2
    assert "XSS-RAN" not in dom and "<b>tasty</b>" not in dom
