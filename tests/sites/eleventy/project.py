"""Turn a copy of the eleventy-base-blog starter into the fixture blog for one state, or write expected.json.

Run by build.sh (with ``tests/`` on sys.path, so ``blogcontent`` imports):

    python3 project.py content v1 DIR     # edit the starter in DIR: settings, layouts, posts, pages
    python3 project.py expected OUT.json  # what a crawl must store, from blogcontent
    python3 project.py check v1 OUTPUT    # every built page is a post or listed in not_posts
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import unicodedata
from pathlib import Path

import blogcontent
import fixturebuild

ORIGIN = "http://fixture.invalid"
SITE_TITLE = "Career Questions"
SITE_DESCRIPTION = "Three career coaches answer readers' questions every week."

METADATA = f"""\
export default {{
	title: {json.dumps(SITE_TITLE)},
	url: "{ORIGIN}/",
	language: "en",
	description: {json.dumps(SITE_DESCRIPTION)},
	author: {{
		name: {json.dumps(SITE_TITLE)},
		url: "{ORIGIN}/about/"
	}}
}}
"""

# The one line a site owner adds to the starter's post layout to show who wrote a post
# (the starter shows no author): after the <time> item of ul.post-metadata.
AUTHOR_LINE = (
    '\n\t{%- if authors %}\n'
    '\t<li>By {% for name in authors %}<span class="post-author">{{ name }}</span>'
    '{% if not loop.last %} and {% endif %}{% endfor %}</li>\n'
    '\t{%- endif %}'
)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if old not in text:
        sys.exit(f"{path.name}: the starter changed, cannot find {old!r}")
    path.write_text(text.replace(old, new), encoding="utf-8")


def slugify(name: str) -> str:
    """Eleventy's ``slugify`` filter (@sindresorhus/slugify) for our tag names."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def page_tags(post: blogcontent.BlogPost) -> list[str]:
    """The starter has tags only: a post's category becomes its first tag."""
    return list(post.categories) + [t for t in post.tags if t not in post.categories]


def write_project(state: str, root: Path) -> None:
    (root / "_data" / "metadata.js").write_text(METADATA, encoding="utf-8")
    config = root / "eleventy.config.js"
    _replace(config, 'title: "Blog Title"', f"title: {json.dumps(SITE_TITLE)}")
    _replace(config, 'subtitle: "This is a longer description about your blog."',
             f"subtitle: {json.dumps(SITE_DESCRIPTION)}")
    _replace(config, 'base: "https://example.com/"', f'base: "{ORIGIN}/"')
    _replace(config, 'name: "Your Name"', f"name: {json.dumps(SITE_TITLE)}")
    layouts = root / "_includes" / "layouts"
    # The starter ships the generator tag commented out ("Uncomment this if you'd like folks to know").
    _replace(layouts / "base.njk", '{#- <meta name="generator" content="{{ eleventy.generator }}"> #}',
             '<meta name="generator" content="{{ eleventy.generator }}">')
    home = layouts / "home.njk"
    text = home.read_text(encoding="utf-8")
    start, end = text.index("<!-- Delete this block"), text.index("<!-- Stop deleting -->")
    home.write_text(text[:start] + text[end + len("<!-- Stop deleting -->"):].lstrip("\n"), encoding="utf-8")
    _replace(layouts / "post.njk", "{{ page.date | readableDate }}</time></li>",
             "{{ page.date | readableDate }}</time></li>" + AUTHOR_LINE)

    content = root / "content"
    blog = content / "blog"
    for item in blog.iterdir():                 # the starter's sample posts
        if item.name != "blog.11tydata.js":
            shutil.rmtree(item) if item.is_dir() else item.unlink()
    for post in blogcontent.posts(state):
        front = [
            "---",
            f"title: {json.dumps(post.title, ensure_ascii=False)}",
            # A date alone (UTC midnight, as Eleventy reads it): the day shown is the post's local day.
            f"date: {post.published:%Y-%m-%d}",
            f"authors: {json.dumps(list(post.authors), ensure_ascii=False)}",
            f"tags: {json.dumps(page_tags(post), ensure_ascii=False)}",
            "---",
        ]
        body = "\n\n".join(post.paragraphs)
        (blog / f"{post.slug}.md").write_text("\n".join(front) + f"\n{body}\n", encoding="utf-8")
    order = {"about": 3, "contact": 5}          # Home 1, Archive 2, Feed 4 in the starter's menu
    for page in blogcontent.PAGES:
        body = "\n\n".join(page.paragraphs)
        (content / f"{page.slug}.md").write_text(
            f"---\ntitle: {json.dumps(page.title)}\neleventyNavigation:\n  key: {json.dumps(page.title)}\n"
            f"  order: {order[page.slug]}\n---\n# {page.title}\n\n{body}\n", encoding="utf-8")


def expected_state(state: str) -> dict:
    posts = blogcontent.posts(state)
    records = []
    for post in posts:
        record = post.expected()
        records.append({
            "path": f"/blog/{post.slug}/", "title": record["title"], "authors": record["authors"],
            "categories": [], "tags": page_tags(post),
            "published": post.published.date().isoformat(), "archive_month": record["archive_month"],
            "text": record["text"],
        })
    tags = sorted({slugify(t) for post in posts for t in page_tags(post)})
    not_posts = ["/", "/blog/", "/tags/"] + [f"/tags/{t}/" for t in tags]
    not_posts += [f"/{page.slug}/" for page in blogcontent.PAGES] + ["/404.html"]
    return {"posts": records, "not_posts": not_posts}


if __name__ == "__main__":
    fixturebuild.main("eleventy", write_project, expected_state)
