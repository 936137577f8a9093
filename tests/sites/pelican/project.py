"""Write the Pelican project for one state of the fixture blog, or its expected.json.

Run by build.sh (with ``tests/`` on sys.path, so ``blogcontent`` imports):

    python3 project.py content v1 DIR     # DIR/content/*.md, DIR/content/pages/*.md, DIR/pelicanconf.py
    python3 project.py expected OUT.json  # what a crawl must store, from blogcontent
    python3 project.py check v1 OUTPUT    # every built page is a post or listed in not_posts
"""

from __future__ import annotations

import math
import unicodedata
from pathlib import Path

import blogcontent
import fixturebuild

ORIGIN = "http://fixture.invalid"
PER_PAGE = 10

SETTINGS = f"""\
AUTHOR = "Ann Lee"
SITENAME = "Career Questions"
SITEURL = "{ORIGIN}"
TIMEZONE = "{blogcontent.TZ_NAME}"
DEFAULT_LANG = "en"
LOCALE = ("C.UTF-8", "C")
PATH = "content"
PAGE_PATHS = ["pages"]
ARTICLE_EXCLUDES = ["pages"]
DEFAULT_PAGINATION = {PER_PAGE}
RELATIVE_URLS = False
"""


def slugify(name: str) -> str:
    """Pelican's default slug for a category, tag or author name (ASCII, lower case, spaces to hyphens)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join(ascii_name.lower().split())


def _metadata(post: blogcontent.BlogPost) -> str:
    lines = [
        f"Title: {post.title}",
        f"Date: {post.published:%Y-%m-%d %H:%M}",
    ]
    if post.modified:
        lines.append(f"Modified: {post.modified:%Y-%m-%d %H:%M}")
    lines += [
        f"Authors: {', '.join(post.authors)}",
        f"Category: {post.categories[0]}",          # Pelican: exactly one category
    ]
    if post.tags:
        lines.append(f"Tags: {', '.join(post.tags)}")
    lines.append(f"Slug: {post.slug}")
    return "\n".join(lines)


def write_project(state: str, root: Path) -> None:
    content = root / "content"
    (content / "pages").mkdir(parents=True, exist_ok=True)
    (root / "pelicanconf.py").write_text(SETTINGS, encoding="utf-8")
    for post in blogcontent.posts(state):
        body = "\n\n".join(post.paragraphs)
        (content / f"{post.slug}.md").write_text(f"{_metadata(post)}\n\n{body}\n", encoding="utf-8")
    for page in blogcontent.PAGES:
        body = "\n\n".join(page.paragraphs)
        (content / "pages" / f"{page.slug}.md").write_text(
            f"Title: {page.title}\nSlug: {page.slug}\n\n{body}\n", encoding="utf-8")


def _pages(base: str, count: int) -> list[str]:
    """Pelican's paginated list pages: base.html, base2.html, … (DEFAULT_PAGINATION per page)."""
    total = max(1, math.ceil(count / PER_PAGE))
    return [f"{base}{n if n > 1 else ''}.html" for n in range(1, total + 1)]


def expected_state(state: str) -> dict:
    posts = blogcontent.posts(state)
    records = []
    for post in posts:
        record = post.expected()
        records.append({
            "path": f"/{post.slug}.html", "title": record["title"], "authors": record["authors"],
            "categories": record["categories"][:1], "tags": record["tags"],
            "published": record["published"], "archive_month": record["archive_month"],
            "text": record["text"],
        })
    not_posts = ["/"] + _pages("/index", len(posts))[1:]
    not_posts += ["/archives.html", "/categories.html", "/tags.html", "/authors.html"]
    for kind, names in (("category", lambda p: p.categories[:1]), ("tag", lambda p: p.tags),
                        ("author", lambda p: p.authors)):
        counts: dict[str, int] = {}
        for post in posts:
            for name in names(post):
                counts[slugify(name)] = counts.get(slugify(name), 0) + 1
        for slug in sorted(counts):
            not_posts += _pages(f"/{kind}/{slug}", counts[slug])
    not_posts += [f"/pages/{page.slug}.html" for page in blogcontent.PAGES]
    return {"posts": records, "not_posts": not_posts}


if __name__ == "__main__":
    fixturebuild.main("pelican", write_project, expected_state)
