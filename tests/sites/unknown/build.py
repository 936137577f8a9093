#!/usr/bin/env python3
"""Build the unknown-platform fixture blog: ``v1/``, ``v2/`` and ``expected.json``.

The site imitates a blog a small company wrote for itself ("Brightpath Careers",
its journal under ``/journal/``): no generator meta and none of the class names
of a known platform, but the usual web conventions (an RSS link, Open Graph,
canonical links, JSON-LD ``BlogPosting``, a sitemap index, ``rel="next"``).
Everything comes from ``tests/blogcontent.py``. Standard library only::

    python3 tests/sites/unknown/build.py
"""

from __future__ import annotations

import gzip
import json
import math
import shutil
import sys
from datetime import datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # tests/, for blogcontent

import blogcontent  # noqa: E402
from blogcontent import BlogPost, strip_tags  # noqa: E402

ORIGIN = "http://{{HOST}}"
COMPANY = "Brightpath Careers"
JOURNAL = "The Brightpath Journal"
PER_PAGE = 8          # entries per page of /journal/?page=N
FEED_ITEMS = 10       # the feed holds only the newest entries
# Posts with one reader comment (stable across states; one of them only exists in v2).
COMMENTED = ("answer-the-salary-question", "negotiate-a-remote-contract", "ask-for-a-raise",
             "start-a-side-project", "choose-between-two-offers")
ABOUT, CONTACT = blogcontent.PAGES
SITE_PAGES_LASTMOD = "2023-12-15T12:00:00-05:00"   # /, /services/, /contact/, /journal/about/


# ---------------------------------------------------------------------------- paths and small helpers

def slugify(name: str) -> str:
    return name.lower().replace(" ", "-")


def post_path(post: BlogPost) -> str:
    return f"/journal/{post.published.year}/{post.slug}/"


def topic_path(name: str) -> str:
    return f"/journal/topics/{slugify(name)}/"


def keyword_path(name: str) -> str:
    return f"/journal/keywords/{slugify(name)}/"


def page_path(n: int) -> str:
    return "/journal/" if n == 1 else f"/journal/?page={n}"


def nice_date(when: datetime) -> str:
    return f"{when.day} {when:%B %Y}"


def time_tag(when: datetime) -> str:
    return f'<time datetime="{when.isoformat()}">{nice_date(when)}</time>'


def changed(post: BlogPost) -> datetime:
    return post.modified or post.published


def join_names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def excerpt(post: BlogPost) -> str:
    return strip_tags(post.paragraphs[0])


def local(when: datetime) -> datetime:
    """``when`` (naive or aware) with the blog's offset on that day."""
    naive = when.replace(tzinfo=None)
    return blogcontent._local(naive.year, naive.month, naive.day, naive.hour, naive.minute)


# ---------------------------------------------------------------------------- HTML pages

def layout(title: str, path: str, body: str, *, og_type: str = "website", description: str = "",
           jsonld: dict | None = None, head_extra: str = "", journal: bool = True, sidebar: str = "") -> str:
    full_title = f"{title} | {COMPANY}"
    head = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(full_title)}</title>",
    ]
    if description:
        head.append(f'<meta name="description" content="{escape(description)}">')
    head += [
        f'<link rel="canonical" href="{ORIGIN}{escape(path)}">',
        f'<meta property="og:site_name" content="{COMPANY}">',
        f'<meta property="og:title" content="{escape(title)}">',
        f'<meta property="og:type" content="{og_type}">',
        f'<meta property="og:url" content="{ORIGIN}{escape(path)}">',
    ]
    if description:
        head.append(f'<meta property="og:description" content="{escape(description)}">')
    head += [
        f'<link rel="alternate" type="application/rss+xml" title="{JOURNAL}" href="/journal/rss.xml">',
        '<link rel="stylesheet" href="/assets/site.css">',
    ]
    if head_extra:
        head.append(head_extra)
    if jsonld:
        head.append('<script type="application/ld+json">\n'
                    + json.dumps(jsonld, ensure_ascii=False, indent=1) + "\n</script>")
    menu = "".join(
        ('<li class="current">' if current else "<li>") + f'<a href="{href}">{label}</a></li>'
        for href, label, current in (("/", "Home", path == "/"), ("/services/", "Services", path == "/services/"),
                                     ("/journal/", "Journal", journal), ("/contact/", "Contact", path == "/contact/"))
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
{chr(10).join(head)}
</head>
<body class="{'journal' if journal else 'company'}">
<div id="wrapper">
<div id="masthead">
<a class="logo" href="/">{COMPANY}</a>
<ul class="mainmenu">{menu}</ul>
</div>
<div id="columns">
<div id="maincol">
{body}
</div>
{sidebar}
</div>
<div id="footer">
<p>&copy; 2024 {COMPANY} Ltd &middot; 12 Harbor Street, Albany NY &middot; <a href="/contact/">Contact</a>
&middot; <a href="/journal/rss.xml">RSS</a></p>
</div>
</div>
</body>
</html>
"""


def entry_info(post: BlogPost) -> str:
    authors = join_names([f'<span class="entry-author">{escape(a)}</span>' for a in post.authors])
    topics = ", ".join(f'<a href="{topic_path(c)}">{escape(c)}</a>' for c in post.categories)
    return f'<p class="entry-info">Written by {authors} on {time_tag(post.published)} in {topics}</p>'


def sidebar(posts: list[BlogPost]) -> str:
    newest = sorted(posts, key=lambda p: p.published, reverse=True)
    recent = "".join(f'<li><a href="{post_path(p)}">{escape(p.title)}</a></li>' for p in newest[:5])
    topics = "".join(
        f'<li><a href="{topic_path(c)}">{escape(c)}</a> ({sum(c in p.categories for p in posts)})</li>'
        for c in used(posts, "categories"))
    keywords = " ".join(f'<a class="kw" href="{keyword_path(t)}">{escape(t)}</a>' for t in used(posts, "tags"))
    return f"""<div id="sidecol">
<div class="sidebox"><h4>About the journal</h4>
<p>Weekly answers to readers' career questions. <a href="/journal/about/">More about us</a></p></div>
<div class="sidebox"><h4>Recent entries</h4><ul>{recent}</ul></div>
<div class="sidebox"><h4>Topics</h4><ul>{topics}</ul></div>
<div class="sidebox"><h4>Keywords</h4><p>{keywords}</p></div>
<div class="sidebox"><h4>Subscribe</h4><p><a href="/journal/rss.xml">RSS feed</a></p></div>
</div>"""


def used(posts: list[BlogPost], field: str) -> list[str]:
    """Categories or tags that some post has, in blogcontent's order."""
    names = blogcontent.CATEGORIES if field == "categories" else blogcontent.TAGS
    return [n for n in names if any(n in getattr(p, field) for p in posts)]


def post_page(post: BlogPost, posts: list[BlogPost]) -> str:
    url = ORIGIN + post_path(post)
    i = posts.index(post)
    paragraphs = "\n".join(f"<p>{p}</p>" for p in post.paragraphs)
    filed = ", ".join(f'<a href="{topic_path(c)}">{escape(c)}</a>' for c in post.categories)
    tagline = f'Filed under {filed}'
    if post.tags:
        tagline += " &middot; Keywords: " + ", ".join(
            f'<a href="{keyword_path(t)}">{escape(t)}</a>' for t in post.tags)
    updated = (f'\n<p class="entry-updated">Updated on {time_tag(post.modified)}</p>' if post.modified else "")

    nav = []
    if i > 0:
        nav.append(f'<a class="prev-entry" href="{post_path(posts[i - 1])}">&laquo; {escape(posts[i - 1].title)}</a>')
    if i + 1 < len(posts):
        nav.append(f'<a class="next-entry" href="{post_path(posts[i + 1])}">{escape(posts[i + 1].title)} &raquo;</a>')

    related = sorted((p for p in posts if p is not post and set(p.categories) & set(post.categories)),
                     key=lambda p: abs((p.published - post.published).total_seconds()))[:3]
    related_items = "".join(
        f'<li><a href="{post_path(p)}">{escape(p.title)}</a> <span class="rel-date">{nice_date(p.published)}</span></li>'
        for p in related)

    if post.slug in COMMENTED:
        when = local(post.published + timedelta(days=1, hours=2))
        comments = f"""<h3>1 comment</h3>
<div class="comment" id="comment-1">
<p class="comment-meta"><span class="comment-author">Pat Reader</span> on {time_tag(when)}</p>
<div class="comment-text"><p>Thank you for this. I tried it last week and it went better than I feared.</p></div>
</div>"""
    else:
        comments = '<h3>Comments</h3>\n<p class="no-comments">No comments yet. Be the first to write one.</p>'

    body = f"""<div class="journal-entry" id="entry-{post.slug}">
<h1 class="entry-headline">{escape(post.title)}</h1>
{entry_info(post)}
<div class="entry-text">
{paragraphs}
</div>
<p class="entry-tags">{tagline}</p>{updated}
</div>
<div class="entry-nav">{' '.join(nav)}</div>
<div class="related-box">
<h3>You might also like</h3>
<ul>{related_items}</ul>
</div>
<div id="comments">
{comments}
<form class="comment-form" method="post" action="/cgi-bin/comment.cgi">
<input type="hidden" name="entry" value="{post.slug}">
<p><label>Your name <input type="text" name="name"></label></p>
<p><label>Your comment <textarea name="text" rows="5" cols="50"></textarea></label></p>
<p><button type="submit">Send comment</button></p>
</form>
</div>"""

    author = [{"@type": "Person", "name": a} for a in post.authors]
    jsonld = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "mainEntityOfPage": url,
        "url": url,
        "headline": post.title,
        "description": excerpt(post),
        "datePublished": post.published.isoformat(),
        "dateModified": changed(post).isoformat(),
        "author": author if len(author) > 1 else author[0],
        "publisher": {"@type": "Organization", "name": COMPANY, "url": ORIGIN + "/"},
        "articleSection": list(post.categories) if len(post.categories) > 1 else post.categories[0],
    }
    if post.tags:
        jsonld["keywords"] = list(post.tags)
    return layout(post.title, post_path(post), body, og_type="article", description=excerpt(post),
                  jsonld=jsonld, sidebar=sidebar(posts))


def teaser(post: BlogPost) -> str:
    return f"""<div class="journal-entry entry-teaser">
<h2 class="entry-headline"><a href="{post_path(post)}">{escape(post.title)}</a></h2>
{entry_info(post)}
<div class="entry-excerpt"><p>{escape(excerpt(post))}</p></div>
<p class="read-more"><a href="{post_path(post)}">Continue reading &raquo;</a></p>
</div>"""


def index_pages(posts: list[BlogPost]) -> dict[int, str]:
    newest = sorted(posts, key=lambda p: p.published, reverse=True)
    count = math.ceil(len(newest) / PER_PAGE)
    pages = {}
    for n in range(1, count + 1):
        chunk = newest[(n - 1) * PER_PAGE:n * PER_PAGE]
        links, pager = [], []
        if n > 1:
            links.append(f'<link rel="prev" href="{page_path(n - 1)}">')
            pager.append(f'<a class="newer-entries" href="{page_path(n - 1)}">&laquo; Newer entries</a>')
        pager.append(f'<span class="pager-status">Page {n} of {count}</span>')
        if n < count:
            links.append(f'<link rel="next" href="{page_path(n + 1)}">')
            pager.append(f'<a class="older-entries" href="{page_path(n + 1)}">Older entries &raquo;</a>')
        title = JOURNAL if n == 1 else f"{JOURNAL}, page {n}"
        intro = ('<p class="journal-intro">Weekly answers to the questions our readers send us about '
                 'finding, keeping and changing jobs.</p>\n' if n == 1 else "")
        body = (f'<h1 class="page-headline">{title}</h1>\n{intro}'
                + "\n".join(teaser(p) for p in chunk)
                + f'\n<div class="pager">{" ".join(pager)}</div>')
        pages[n] = layout(title, page_path(n), body, description="Career advice from " + COMPANY,
                          head_extra="\n".join(links), sidebar=sidebar(posts))
    return pages


def listing_page(kind: str, name: str, path: str, posts: list[BlogPost], all_posts: list[BlogPost]) -> str:
    newest = sorted(posts, key=lambda p: p.published, reverse=True)
    title = f"{kind}: {name}"
    body = (f'<h1 class="page-headline">{escape(title)}</h1>\n'
            f'<p class="listing-count">{len(newest)} entries</p>\n'
            + "\n".join(teaser(p) for p in newest))
    return layout(title, path, body, sidebar=sidebar(all_posts))


def about_page(posts: list[BlogPost]) -> str:
    body = (f'<h1 class="page-headline">{escape(ABOUT.title)}</h1>\n<div class="page-text">\n'
            + "\n".join(f"<p>{p}</p>" for p in ABOUT.paragraphs)
            + '\n<p>Ann Lee, Bob Stone and Zoë Ibáñez write the journal.</p>\n</div>')
    return layout(ABOUT.title, "/journal/about/", body, sidebar=sidebar(posts))


def contact_page() -> str:
    body = (f'<h1 class="page-headline">{escape(CONTACT.title)}</h1>\n<div class="page-text">\n'
            + "\n".join(f"<p>{p}</p>" for p in CONTACT.paragraphs)
            + """
<form class="contact-form" method="post" action="/cgi-bin/contact.cgi">
<p><label>Name <input type="text" name="name"></label></p>
<p><label>E-mail <input type="email" name="email"></label></p>
<p><label>Your question <textarea name="question" rows="8" cols="50"></textarea></label></p>
<p><button type="submit">Send</button></p>
</form>
<p>Brightpath Careers Ltd, 12 Harbor Street, Albany NY. Phone (518) 555-0142.</p>
</div>""")
    return layout(CONTACT.title, "/contact/", body, journal=False)


def home_page(posts: list[BlogPost]) -> str:
    newest = sorted(posts, key=lambda p: p.published, reverse=True)[:3]
    latest = "".join(f'<li><a href="{post_path(p)}">{escape(p.title)}</a> &ndash; {nice_date(p.published)}</li>'
                     for p in newest)
    body = f"""<h1 class="page-headline">Find work you like</h1>
<div class="page-text">
<p>{COMPANY} is a small team of career coaches. We help people write their applications, prepare for
interviews and negotiate offers.</p>
<p><a class="button" href="/services/">See our services</a> or <a href="/contact/">book a free first call</a>.</p>
</div>
<div class="home-journal">
<h2>Latest from the journal</h2>
<ul>{latest}</ul>
<p><a href="/journal/">All journal entries</a></p>
</div>"""
    return layout(COMPANY, "/", body, description="Career coaching by " + COMPANY, journal=False)


def services_page() -> str:
    body = """<h1 class="page-headline">Services</h1>
<div class="page-text">
<p>Every service starts with a free first call of thirty minutes.</p>
<ul class="service-list">
<li><strong>Application review</strong>: your resume and cover letter, read and marked up within three days.</li>
<li><strong>Interview practice</strong>: two mock interviews by video, with written notes.</li>
<li><strong>Offer coaching</strong>: we help you compare offers and prepare the salary conversation.</li>
</ul>
<p>Read our <a href="/journal/">journal</a> for free advice, or <a href="/contact/">contact us</a>.</p>
</div>"""
    return layout("Services", "/services/", body, description="What " + COMPANY + " offers", journal=False)


# ---------------------------------------------------------------------------- feed and sitemaps

def xml_text(value: str) -> str:
    return escape(value, quote=False)


def feed(posts: list[BlogPost]) -> str:
    newest = sorted(posts, key=lambda p: p.published, reverse=True)[:FEED_ITEMS]
    items = []
    for p in newest:
        url = ORIGIN + post_path(p)
        lines = [f"<title>{xml_text(p.title)}</title>", f"<link>{url}</link>",
                 f'<guid isPermaLink="true">{url}</guid>', f"<pubDate>{format_datetime(p.published)}</pubDate>"]
        lines += [f"<dc:creator>{xml_text(a)}</dc:creator>" for a in p.authors]
        lines += [f"<category>{xml_text(c)}</category>" for c in p.categories + p.tags]
        lines.append(f"<description>{xml_text('<p>' + p.paragraphs[0] + '</p>')}</description>")
        items.append("<item>\n" + "\n".join(lines) + "\n</item>")
    built = max(changed(p) for p in posts)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>{JOURNAL}</title>
<link>{ORIGIN}/journal/</link>
<description>Weekly answers to readers' career questions from {COMPANY}.</description>
<language>en-us</language>
<lastBuildDate>{format_datetime(built)}</lastBuildDate>
<atom:link href="{ORIGIN}/journal/rss.xml" rel="self" type="application/rss+xml"/>
{chr(10).join(items)}
</channel>
</rss>
"""


def urlset(entries: list[tuple[str, str]]) -> str:
    urls = "\n".join(f"<url><loc>{ORIGIN}{xml_text(path)}</loc><lastmod>{lastmod}</lastmod></url>"
                     for path, lastmod in entries)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{urls}
</urlset>
"""


def journal_sitemap_entries(posts: list[BlogPost]) -> list[tuple[str, str]]:
    def newest(group: list[BlogPost]) -> str:
        return max(changed(p) for p in group).isoformat()

    entries = [("/journal/", newest(posts))]
    entries += [(post_path(p), changed(p).isoformat()) for p in sorted(posts, key=lambda p: p.published, reverse=True)]
    entries += [(topic_path(c), newest([p for p in posts if c in p.categories])) for c in used(posts, "categories")]
    entries += [(keyword_path(t), newest([p for p in posts if t in p.tags])) for t in used(posts, "tags")]
    entries.append(("/journal/about/", SITE_PAGES_LASTMOD))
    return entries


def sitemap_index(journal_lastmod: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{ORIGIN}/sitemap-journal.xml.gz</loc><lastmod>{journal_lastmod}</lastmod></sitemap>
<sitemap><loc>{ORIGIN}/sitemap-site.xml</loc><lastmod>{SITE_PAGES_LASTMOD}</lastmod></sitemap>
</sitemapindex>
"""


ROBOTS = f"""User-agent: *
Disallow: /cgi-bin/

Sitemap: {ORIGIN}/sitemap.xml
"""

CSS = """body { font-family: Georgia, serif; margin: 0; color: #222; }
#wrapper { max-width: 60em; margin: 0 auto; }
#masthead { border-bottom: 3px solid #2a6; padding: 1em 0; }
.mainmenu { list-style: none; display: inline; } .mainmenu li { display: inline; margin-left: 1em; }
#columns { display: flex; gap: 2em; } #maincol { flex: 3; } #sidecol { flex: 1; font-size: 90%; }
.entry-info, .comment-meta { color: #666; font-style: italic; }
.related-box, #comments { border-top: 1px solid #ccc; margin-top: 2em; }
#footer { border-top: 1px solid #ccc; font-size: 80%; }
"""


# ---------------------------------------------------------------------------- writing a state

def write(root: Path, path: str, content: str | bytes) -> None:
    target = root / path.lstrip("/")
    if path.endswith("/"):
        target = target / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")


def build_state(state: str) -> dict:
    posts = blogcontent.posts(state)          # oldest first
    root = HERE / state
    if root.exists():
        shutil.rmtree(root)
    routes = {}

    write(root, "/", home_page(posts))
    write(root, "/services/", services_page())
    write(root, "/contact/", contact_page())
    write(root, "/journal/about/", about_page(posts))
    for n, html in index_pages(posts).items():
        if n == 1:
            write(root, "/journal/", html)
        else:
            write(root, f"/journal/_page-{n}.html", html)      # "_" names are not served as files
            routes[page_path(n)] = {"file": f"journal/_page-{n}.html"}
    for post in posts:
        write(root, post_path(post), post_page(post, posts))
    for c in used(posts, "categories"):
        write(root, topic_path(c), listing_page("Topic", c, topic_path(c), [p for p in posts if c in p.categories], posts))
    for t in used(posts, "tags"):
        write(root, keyword_path(t), listing_page("Keyword", t, keyword_path(t), [p for p in posts if t in p.tags], posts))

    write(root, "/journal/rss.xml", feed(posts))
    entries = journal_sitemap_entries(posts)
    packed = gzip.compress(urlset(entries).encode("utf-8"), mtime=0)
    assert b"{{HOST}}" not in packed
    write(root, "/sitemap-journal.xml.gz", packed)
    routes["/sitemap-journal.xml.gz"] = {"file": "sitemap-journal.xml.gz",
                                         "headers": {"Content-Type": "application/x-gzip"}}
    write(root, "/sitemap-site.xml", urlset([("/", SITE_PAGES_LASTMOD), ("/services/", SITE_PAGES_LASTMOD),
                                             ("/contact/", SITE_PAGES_LASTMOD)]))
    write(root, "/sitemap.xml", sitemap_index(max(lastmod for _, lastmod in entries)))
    write(root, "/robots.txt", ROBOTS)
    write(root, "/assets/site.css", CSS)
    write(root, "/_routes.json", json.dumps(routes, indent=1) + "\n")

    pages = math.ceil(len(posts) / PER_PAGE)
    expected_posts = []
    for post in posts:
        fields = post.expected()
        expected_posts.append({"path": post_path(post), "title": fields["title"], "authors": fields["authors"],
                               "categories": fields["categories"], "tags": fields["tags"],
                               "published": fields["published"], "archive_month": fields["archive_month"],
                               "text": fields["text"]})
    not_posts = (["/", "/services/", "/journal/"] + [page_path(n) for n in range(2, pages + 1)]
                 + [topic_path(c) for c in used(posts, "categories")]
                 + [keyword_path(t) for t in used(posts, "tags")]
                 + ["/journal/about/", "/contact/"])
    return {"posts": expected_posts, "not_posts": not_posts}


def main() -> None:
    expected = {"platform": "generic", "start": "/journal/",
                "states": {state: build_state(state) for state in ("v1", "v2")}}
    (HERE / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
