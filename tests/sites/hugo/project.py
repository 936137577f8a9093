"""Write the Hugo site source for one state of the fixture blog, or its expected.json.

Run by build.sh (with ``tests/`` on sys.path, so ``blogcontent`` imports):

    python3 project.py content v1 DIR POST_META  # a Hugo site source in DIR (hugo.toml, content/,
                                                 # layouts/), POST_META = the theme's post_meta.html
    python3 project.py expected OUT.json  # what a crawl must store, from blogcontent
    python3 project.py check v1 PUBLIC    # the built HTML pages are exactly the expected ones
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from urllib.parse import quote

import blogcontent
import fixturebuild

PER_PAGE = 10
SECTION = "posts"

CONFIG = f"""\
baseURL = "http://fixture.invalid/"
languageCode = "en-us"
title = "Career Notes"
theme = "PaperMod"
timeZone = "{blogcontent.TZ_NAME}"
paginate = {PER_PAGE}
enableRobotsTXT = true
copyright = "© 2024 Career Notes"

[taxonomies]
  category = "categories"
  tag = "tags"
  author = "authors"

[params]
  env = "production"
  description = "Weekly answers to readers' questions about jobs, interviews and remote work."
  DateFormat = "January 2, 2006"
  ShowBreadCrumbs = true
  ShowPostNavLinks = true
  ShowReadingTime = false

[params.assets]
  disableHLJS = true

[menu]
  [[menu.main]]
    name = "Archive"
    url = "/archives/"
    weight = 10
  [[menu.main]]
    name = "Categories"
    url = "/categories/"
    weight = 20
  [[menu.main]]
    name = "Tags"
    url = "/tags/"
    weight = 30
  [[menu.main]]
    name = "About"
    url = "/about/"
    weight = 40
  [[menu.main]]
    name = "Contact"
    url = "/contact/"
    weight = 50
"""

# PaperMod shows no categories on a post. The site owner's override: the theme's own post_meta partial
# (copied at build time by build.sh) followed by this line, so the post meta reads
# "January 1, 2024 · Ann Lee · in Career Tips".
CATEGORY_META = (
    '{{- with .GetTerms "categories" }}&nbsp;·&nbsp;<span class="post-categories">in '
    '{{ range $i, $c := . }}{{ if $i }}, {{ end }}'
    '<a href="{{ $c.Permalink }}" rel="category">{{ $c.LinkTitle }}</a>{{ end }}</span>{{ end }}\n'
)


def markdown(paragraph: str) -> str:
    """blogcontent's inline HTML as the Markdown a Hugo author writes (Goldmark drops raw HTML by default)."""
    paragraph = re.sub(r'<a href="([^"]+)">(.*?)</a>', r"[\2](\1)", paragraph)
    return re.sub(r"<em>(.*?)</em>", r"*\1*", paragraph)


def quoted(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def post_source(post: blogcontent.BlogPost) -> str:
    # PaperMod shows (and puts in JSON-LD) the `author` parameter; the `authors` taxonomy makes the
    # author pages /authors/<name>/.
    author = post.authors[0] if len(post.authors) == 1 else list(post.authors)
    lines = ["---", f"title: {quoted(post.title)}", f"date: {post.published.isoformat()}"]
    if post.modified:
        lines.append(f"lastmod: {post.modified.isoformat()}")
    lines += [f"author: {quoted(author)}", f"authors: {quoted(list(post.authors))}",
              f"categories: {quoted(list(post.categories))}", f"tags: {quoted(list(post.tags))}", "---", ""]
    return "\n".join(lines) + "\n\n".join(markdown(p) for p in post.paragraphs) + "\n"


def write_project(state: str, root: Path, theme_post_meta: Path) -> None:
    (root / "content" / SECTION).mkdir(parents=True)
    (root / "layouts" / "partials").mkdir(parents=True)
    (root / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    for post in blogcontent.posts(state):
        (root / "content" / SECTION / f"{post.slug}.md").write_text(post_source(post), encoding="utf-8")
    for page in blogcontent.PAGES:
        body = "\n\n".join(markdown(p) for p in page.paragraphs)
        (root / "content" / f"{page.slug}.md").write_text(
            f"---\ntitle: {quoted(page.title)}\n---\n\n{body}\n", encoding="utf-8")
    # PaperMod's archive page: a content file with its `archives` layout.
    (root / "content" / "archives.md").write_text(
        '---\ntitle: "Archive"\nlayout: "archives"\nurl: "/archives/"\nsummary: "archives"\n---\n',
        encoding="utf-8")
    meta = theme_post_meta.read_text(encoding="utf-8").rstrip("\n") + "\n" + CATEGORY_META
    (root / "layouts" / "partials" / "post_meta.html").write_text(meta, encoding="utf-8")


def urlize(name: str) -> str:
    """Hugo's term path: lower case, spaces to hyphens, non-ASCII kept (percent-encoded in links)."""
    return quote(name.lower().replace(" ", "-"))


def _list_pages(base: str, count: int) -> list[str]:
    """A Hugo list and its pagination: base, base/page/1/ (an alias of base), base/page/2/, …"""
    total = max(1, math.ceil(count / PER_PAGE))
    return [base] + [f"{base}page/{n}/" for n in range(1, total + 1)]


def expected_state(state: str) -> dict:
    posts = blogcontent.posts(state)
    records = []
    for post in posts:
        record = post.expected()
        records.append({
            "path": f"/{SECTION}/{post.slug}/", "title": record["title"], "authors": record["authors"],
            "categories": record["categories"], "tags": record["tags"],
            "published": record["published"], "archive_month": record["archive_month"],
            "text": record["text"],
        })
    not_posts = _list_pages("/", len(posts)) + _list_pages(f"/{SECTION}/", len(posts))
    for kind, names in (("categories", lambda p: p.categories), ("tags", lambda p: p.tags),
                        ("authors", lambda p: p.authors)):
        counts: dict[str, int] = {}
        for post in posts:
            for name in names(post):
                counts[urlize(name)] = counts.get(urlize(name), 0) + 1
        not_posts.append(f"/{kind}/")
        for slug in sorted(counts):
            not_posts += _list_pages(f"/{kind}/{slug}/", counts[slug])
    not_posts += [f"/{page.slug}/" for page in blogcontent.PAGES]
    not_posts += ["/archives/", "/404.html"]
    return {"posts": records, "not_posts": not_posts}


if __name__ == "__main__":
    fixturebuild.main("hugo", write_project, expected_state, quoted=True)
