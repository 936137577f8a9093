"""Write the Jekyll site source for one state of the fixture blog, or its expected.json.

Run by build.sh (with ``tests/`` on sys.path, so ``blogcontent`` imports):

    python3 project.py content v1 DIR MINIMA  # a Jekyll site source in DIR; MINIMA = the minima gem's folder
    python3 project.py expected OUT.json      # what a crawl must store, from blogcontent
    python3 project.py check v1 SITE          # the built HTML pages are exactly the expected ones
"""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path

import blogcontent
import fixturebuild

PER_PAGE = 10
# Jekyll's `time` (site.time): the moment of the build, fixed so that a rebuild gives the same files
# (jekyll-feed's <updated>); after the state's newest post, since Jekyll skips posts dated later.
BUILD_TIME = {"v1": "2024-07-01 12:00:00 -0400", "v2": "2024-08-01 12:00:00 -0400"}

CONFIG = """\
title: Career Notes
description: >-
  Weekly answers to readers' questions about jobs, interviews and remote work.
url: "http://fixture.invalid"
baseurl: ""
timezone: {tz}
time: "{time}"
theme: minima
plugins:
  - jekyll-feed
  - jekyll-seo-tag
  - jekyll-sitemap
  - jekyll-paginate
permalink: /:year/:month/:day/:title.html
paginate: {per_page}
paginate_path: "/page:num/"
header_pages:
  - about.md
  - contact.md
sass:
  sourcemap: never
"""

# minima 2.5's post layout shows no categories or tags: the site owner's _layouts/post.html is minima's
# own (read from the installed gem at build time) with this footer after the post body.
POST_FOOTER = """\
  <footer class="post-footer">
    {%- if page.categories.size > 0 %}
    <p class="post-categories">Posted in
      {%- for category in page.categories %} <a href="{{ "/categories/" | relative_url }}#{{ category | slugify }}" rel="category tag">{{ category }}</a>{% unless forloop.last %},{% endunless %}{% endfor %}</p>
    {%- endif %}
    {%- if page.tags.size > 0 %}
    <p class="post-tags">Tags:
      {%- for tag in page.tags %} <a href="{{ "/tags/" | relative_url }}#{{ tag | slugify }}" rel="tag">{{ tag }}</a>{% unless forloop.last %},{% endunless %}{% endfor %}</p>
    {%- endif %}
  </footer>

"""
POST_ANCHOR = "  {%- if site.disqus.shortname -%}"

# minima 2.5's home layout lists every post (site.posts) and ignores jekyll-paginate: the site owner's
# _layouts/home.html is minima's own with the paginator's posts and a pager under the list.
HOME_LOOP = ("{%- for post in site.posts -%}", "{%- for post in paginator.posts -%}")
PAGER = """
    {%- if paginator.total_pages > 1 %}
    <div class="pager">
      <ul class="pagination">
      {%- if paginator.previous_page %}
        <li><a href="{{ paginator.previous_page_path | relative_url }}" class="previous-page">&laquo; Newer posts</a></li>
      {%- endif %}
        <li><span class="current-page">Page {{ paginator.page }} of {{ paginator.total_pages }}</span></li>
      {%- if paginator.next_page %}
        <li><a href="{{ paginator.next_page_path | relative_url }}" class="next-page">Older posts &raquo;</a></li>
      {%- endif %}
      </ul>
    </div>
    {%- endif %}
"""
HOME_ANCHOR = "    </ul>\n"

TERMS_PAGE = """\
---
layout: page
title: {title}
permalink: /{kind}/
---
{{%- assign terms = site.{kind} | sort -%}}
{{%- for term in terms %}}
<h2 id="{{{{ term[0] | slugify }}}}">{{{{ term[0] }}}}</h2>
<ul>
  {{%- for post in term[1] %}}
  <li><a href="{{{{ post.url | relative_url }}}}">{{{{ post.title | escape }}}}</a></li>
  {{%- endfor %}}
</ul>
{{%- endfor %}}
"""


def markdown(paragraph: str) -> str:
    """blogcontent's inline HTML as the Markdown a Jekyll author writes."""
    paragraph = re.sub(r'<a href="([^"]+)">(.*?)</a>', r"[\2](\1)", paragraph)
    return re.sub(r"<em>(.*?)</em>", r"*\1*", paragraph)


def quoted(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def post_source(post: blogcontent.BlogPost) -> str:
    # minima prints `author` as it is: a list comes out as "Ann LeeBob Stone" (and in jekyll-feed as
    # ["Ann Lee", "Bob Stone"]), so a post by two people names them in one string.
    lines = ["---", "layout: post", f"title: {quoted(post.title)}",
             f"date: {post.published.strftime('%Y-%m-%d %H:%M:%S %z')}"]
    if post.modified:
        lines.append(f"last_modified_at: {post.modified.strftime('%Y-%m-%d %H:%M:%S %z')}")
    lines += [f"author: {quoted(', '.join(post.authors))}", f"categories: {quoted(list(post.categories))}",
              f"tags: {quoted(list(post.tags))}", "---", ""]
    return "\n".join(lines) + "\n\n".join(markdown(p) for p in post.paragraphs) + "\n"


def post_path(post: blogcontent.BlogPost) -> str:
    return post.published.strftime("/%Y/%m/%d/") + post.slug + ".html"


def _patched(text: str, anchor: str, insert: str, where: str) -> str:
    if text.count(anchor) != 1:
        sys.exit(f"minima's {where} changed: cannot find {anchor!r} once")
    return text.replace(anchor, insert + anchor if where == "post.html" else anchor + insert)


def write_project(state: str, root: Path, minima: Path) -> None:
    (root / "_posts").mkdir(parents=True)
    (root / "_layouts").mkdir()
    (root / "_config.yml").write_text(
        CONFIG.format(tz=blogcontent.TZ_NAME, time=BUILD_TIME[state], per_page=PER_PAGE), encoding="utf-8")
    for post in blogcontent.posts(state):
        name = f"{post.published:%Y-%m-%d}-{post.slug}.md"
        (root / "_posts" / name).write_text(post_source(post), encoding="utf-8")
    for page in blogcontent.PAGES:
        body = "\n\n".join(markdown(p) for p in page.paragraphs)
        (root / f"{page.slug}.md").write_text(
            f"---\nlayout: page\ntitle: {quoted(page.title)}\npermalink: /{page.slug}/\n---\n\n{body}\n",
            encoding="utf-8")
    (root / "index.html").write_text("---\nlayout: home\n---\n", encoding="utf-8")
    for kind in ("categories", "tags"):
        (root / f"{kind}.html").write_text(TERMS_PAGE.format(kind=kind, title=kind.title()), encoding="utf-8")
    post = (minima / "_layouts" / "post.html").read_text(encoding="utf-8")
    (root / "_layouts" / "post.html").write_text(_patched(post, POST_ANCHOR, POST_FOOTER, "post.html"),
                                                 encoding="utf-8")
    home = (minima / "_layouts" / "home.html").read_text(encoding="utf-8")
    if home.count(HOME_LOOP[0]) != 1:
        sys.exit("minima's home.html changed: cannot find its post loop")
    home = _patched(home.replace(*HOME_LOOP), HOME_ANCHOR, PAGER, "home.html")
    (root / "_layouts" / "home.html").write_text(home, encoding="utf-8")


def expected_state(state: str) -> dict:
    posts = blogcontent.posts(state)
    records = []
    for post in posts:
        record = post.expected()
        records.append({
            "path": post_path(post), "title": record["title"], "authors": record["authors"],
            "categories": record["categories"], "tags": record["tags"],
            "published": record["published"], "archive_month": record["archive_month"],
            "text": record["text"],
        })
    pages = max(1, math.ceil(len(posts) / PER_PAGE))
    not_posts = ["/"] + [f"/page{n}/" for n in range(2, pages + 1)]
    not_posts += ["/categories/", "/tags/"] + [f"/{page.slug}/" for page in blogcontent.PAGES]
    return {"posts": records, "not_posts": not_posts}


if __name__ == "__main__":
    fixturebuild.main("jekyll", write_project, expected_state)
