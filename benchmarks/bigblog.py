"""Big synthetic blogs on disk, and nginx to serve them, for benchmarks/crawl_scale.py.

    .venv/bin/python benchmarks/bigblog.py generate DIR --platform weebly --posts 10000 --host 127.0.0.1:8080
    .venv/bin/python benchmarks/bigblog.py change DIR --new 5 --edit 1
    .venv/bin/python benchmarks/bigblog.py serve DIR [DIR ...]

``generate`` writes a static site for N synthetic posts into ``DIR/root`` (and what it was made
from into ``DIR/bigblog.json``); it prints one JSON line: the blog's start URL, its post paths
and how many files were written.

- **weebly**: rendered by the bundled sample blog's own renderer (``sampleblog.weebly``), so
  every page is built exactly as the sample blog's: ``/blog`` and ``/blog/previous/N``,
  ``/blog/archives/MM-YYYY[/N]``, ``/blog/category/<slug>[/N]`` (``all`` included),
  ``/blog/<slug>``, ``/blog/feed`` (20 newest) and ``/robots.txt``.
- **wordpress**: pages written like WordPress 6.1 with Twenty Twenty-One (the markup of
  tests/sites/wordpress): posts at ``/YYYY/MM/DD/<slug>/`` (``article.post``, ``h1.entry-title``,
  ``div.entry-content``, ``time.entry-date``, ``a[rel=author]``, ``rel="category tag"``,
  ``rel="tag"``), ``/page/N/``, ``/category/<slug>/``, ``/tag/<slug>/``, ``/author/<login>/``
  and ``/YYYY/MM/`` (each paged by 10), ``/feed/`` (10 newest), ``wp-sitemap.xml`` with
  ``wp-sitemap-posts-post-N.xml`` (2,000 URLs each, no ``lastmod``, as WordPress core writes
  them), About and Contact pages, and the REST API off (the server answers ``/wp-json/`` and
  ``?rest_route=`` with 404).

Posts are the same synthetic model on both platforms (seeded, so a site can be rebuilt): unique
titles, 3-9 paragraphs of made-up prose, a heading or a list now and then, one to three authors
out of a pool (signatures and bylines in Weebly bodies), zero to three categories, tags
(WordPress), dates spread over several years (more years for more posts).

``change`` adds K newer posts (in the newest post's month) and edits old posts (a paragraph
added), re-renders the site and rewrites only the files whose bytes changed, moving their
modification time forward: unchanged files keep their ``ETag`` and ``Last-Modified``. It prints
the new and edited posts' paths and the sentence an edit added.

``serve`` serves generated sites with nginx (``Nginx`` below): each site on its own address of
127.0.0.0/8, so that each is its own host.
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path
from typing import Self

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sampleblog import feed as weebly_feed  # noqa: E402
from sampleblog import weebly  # noqa: E402
from sampleblog.model import (  # noqa: E402
    MORE,
    TAIL_BREAK,
    TAIL_PARAGRAPH,
    Bullets,
    Heading,
    Para,
    Post,
    Quote,
    byline,
    central_time_zone,
    signature,
    weebly_slug,
)

PLATFORMS = ("weebly", "wordpress")
LAST_POST = datetime(2026, 11, 10, 9, 0)     # the newest generated post (local time); new ones follow it
EDIT_SENTENCE = "Update: this post was revised after publication, and the advice above still stands."

# ------------------------------------------------------------------------------------------
# The synthetic content
# ------------------------------------------------------------------------------------------

VERBS = ("plan plant prune water paint fix clean sell price write photograph store repair measure grow "
         "choose compare frame light insulate restore hang sort pack label sketch brew bake knit sharpen "
         "mend stack map harvest teach record finish refinish wire patch").split()
ADJECTIVES = ("small quiet cheap old shady narrow crowded rented tiny cold windy sunny muddy rainy second "
              "borrowed slow busy empty forgotten seasonal shared rough crooked wild spare simple noisy").split()
NOUNS = ("garden kitchen shed balcony fence studio attic workbench orchard porch hallway greenhouse cellar "
         "bookshelf staircase pantry allotment market stall café bakery courtyard toolbox hedge pond "
         "windowsill library darkroom loom résumé portfolio notebook bicycle").split()
PHRASES = ("in winter", "on a budget", "without a van", "in one weekend", "before spring", "with children",
           "after a flood", "for beginners", "the slow way", "in a rented flat", "with second-hand tools",
           "when it rains", "for a village fair", "in under an hour", "with what you have")
TITLE_FORMS = (
    "How to {verb} a {adj} {noun} {phrase}",
    "{count} ways to {verb} your {noun}",
    "Why we {verb} the {noun} {phrase}",
    "Notes on a {adj} {noun}",
    "What a {adj} {noun} taught us about how to {verb}",
    "Ask us: can you {verb} a {noun} {phrase}?",
)
FIRST_NAMES = ("Ann Bo Cindy Dana Émile Farah Gus Hana Ines Jürgen Kofi Lena Marcus Nadia Olek Priya "
               "Quinn Rosa Sven Tomás Uma Vera Wen Xavier Yusuf Zoë").split()
LAST_NAMES = ("Lee Chen Kaplan Whitfield Oyelaran Groß Ibáñez Silak Novak Haddad Okafor Lindqvist Moreau "
              "Petrov Sato Varga Walsh Young Zhou Brennan").split()
CATEGORY_WORDS = ("Garden Kitchen Workshop Repairs Markets Seasons Tools Recipes Projects Village Crafts "
                  "Travel Interviews News Events Weather Books Photography Budget Family").split()
TAG_WORDS = ("compost paint timber seeds frost bread wool glass copper pruning soup ladders tiles "
             "rainwater hinges varnish bulbs chutney kindling twine").split()
PROSE = ("the a we our it this that you your with and but so then when because after before while "
         "every some most a few many one two three of in on at for from into over under about "
         "garden soil light water wood paint shelf wall door window hinge screw nail brush roller "
         "morning evening week season spring summer autumn winter rain frost sun wind "
         "neighbour market stall price budget receipt notebook sketch plan measure cut sand fill "
         "works lasts cracks dries holds bends leaks grows fades costs helps needs keeps "
         "slowly carefully cheaply quickly again always never often rarely nearly "
         "old new small large warm cold dry damp rough smooth bright dark simple patient").split()


@dataclass(frozen=True)
class Article:
    """One synthetic post, before any platform renders it."""

    number: int                     # 1 = the oldest
    title: str
    posted: datetime                # naive local time, US Central (as the sample blog's)
    authors: tuple[str, ...]
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    paragraphs: tuple[tuple[str, ...], ...]   # each paragraph: its parts (Weebly: joined by <br /><br />)
    heading: str = ""
    bullets: tuple[str, ...] = ()
    more: bool = False              # a Weebly "Read More" break after the first two paragraphs

    @property
    def posted_aware(self) -> datetime:
        return self.posted.replace(tzinfo=central_time_zone(self.posted))


def span_years(posts: int) -> int:
    """How many years a blog of this size spans: 2 for 20 posts, 5 for 200, 8 for 1,000, 16 for 10,000."""
    return max(1, min(20, round(posts ** 0.3)))


def pool(words: Iterable[str], size: int) -> list[str]:
    """``size`` distinct names: the words, then pairs of them."""
    words = list(words)
    names = words[:size]
    for first in words:
        for second in words:
            if len(names) >= size:
                return names
            if first != second:
                names.append(f"{first} {second.lower()}")
    return names


class Writer:
    """Makes articles for one blog: deterministic for a seed, titles unique on every platform."""

    def __init__(self, posts: int, seed: int, stream: int = 0):
        names = random.Random(seed)         # the blog's authors: the same for every stream
        self.authors = list(dict.fromkeys(f"{names.choice(FIRST_NAMES)} {names.choice(LAST_NAMES)}"
                                          for _ in range(8 + posts // 1500)))
        self.categories = pool(CATEGORY_WORDS, min(40, 8 + posts // 1000))
        self.tags = pool(TAG_WORDS, min(60, 12 + posts // 500))
        self.rng = random.Random(f"{seed}/{stream}")
        self.slugs: set[str] = set()

    def articles(self, count: int, first_number: int, start: datetime, end: datetime) -> list[Article]:
        """``count`` articles numbered from ``first_number``, spread evenly from ``start`` to ``end``."""
        seconds = (end - start).total_seconds()
        out = []
        for i in range(count):
            offset = seconds * (i + 0.8 * self.rng.random()) / count
            posted = (start + timedelta(seconds=offset)).replace(second=0, microsecond=0)
            out.append(self.article(first_number + i, posted))
        return out

    def article(self, number: int, posted: datetime) -> Article:
        rng = self.rng
        paragraphs = tuple(self.paragraph() for _ in range(rng.randint(3, 9)))
        return Article(
            number=number,
            title=self.title(),
            posted=posted,
            authors=tuple(rng.sample(self.authors, rng.choices((1, 2, 3), (80, 17, 3))[0])),
            categories=tuple(rng.sample(self.categories, rng.choices((0, 1, 2, 3), (15, 55, 25, 5))[0])),
            tags=tuple(rng.sample(self.tags, rng.randint(0, 3))),
            paragraphs=paragraphs,
            heading=self.sentence(4, 8).rstrip(".") if rng.random() < 0.3 else "",
            bullets=tuple(self.sentence(4, 10) for _ in range(rng.randint(3, 5))) if rng.random() < 0.25 else (),
            more=rng.random() < 0.5,
        )

    def title(self) -> str:
        rng = self.rng
        while True:
            title = rng.choice(TITLE_FORMS).format(verb=rng.choice(VERBS), adj=rng.choice(ADJECTIVES),
                                                   noun=rng.choice(NOUNS), phrase=rng.choice(PHRASES),
                                                   count=rng.randint(3, 12))
            title = title[0].upper() + title[1:]
            for part in range(1, 1000):
                candidate = title if part == 1 else f"{title}, part {part}"
                keys = (weebly_slug(candidate), wp_slug(candidate))
                if not any(key in self.slugs for key in keys):
                    self.slugs.update(keys)
                    return candidate

    def sentence(self, low: int = 8, high: int = 22) -> str:
        words = self.rng.choices(PROSE, k=self.rng.randint(low, high))
        return " ".join(words).capitalize() + "."

    def paragraph(self) -> tuple[str, ...]:
        parts = self.rng.choices((1, 2), (85, 15))[0]
        return tuple(" ".join(self.sentence() for _ in range(self.rng.randint(2, 6))) for _ in range(parts))


@dataclass
class Spec:
    """What a generated site is made of (kept in ``DIR/bigblog.json``)."""

    platform: str
    posts: int
    host: str                       # host:port the pages link to
    seed: int = 1
    added: int = 0                  # posts added by ``change`` so far
    edited: list[int] = field(default_factory=list)   # article numbers edited by ``change``

    def articles(self) -> list[Article]:
        """Every article of the site, oldest first: the generated ones, the added ones, the edits."""
        writer = Writer(self.posts, self.seed)
        start = LAST_POST - timedelta(days=365 * span_years(self.posts))
        articles = writer.articles(self.posts, 1, start, LAST_POST)
        if self.posts:
            articles[-1] = replace(articles[-1], posted=LAST_POST)
        later = Writer(self.posts, self.seed, stream=1)     # added posts: their own random stream
        later.slugs = writer.slugs
        for i in range(self.added):
            articles.append(later.article(self.posts + i + 1, LAST_POST + timedelta(days=1, hours=i)))
        for number in self.edited:
            old = articles[number - 1]
            articles[number - 1] = replace(old, paragraphs=old.paragraphs + ((EDIT_SENTENCE,),))
        return articles


# ------------------------------------------------------------------------------------------
# Weebly: the sample blog's renderer
# ------------------------------------------------------------------------------------------


def weebly_post(article: Article) -> Post:
    """The article as a sample-blog post: its credit line written in the body, as Weebly authors do."""
    paras = [Para(*parts) for parts in article.paragraphs]
    blocks: list = paras[:2] + ([MORE] if article.more else [])
    if article.heading:
        blocks.append(Heading(article.heading))
    if article.bullets:
        blocks.append(Bullets(article.bullets, intro="What we used:"))
    if article.number % 11 == 0:
        blocks.append(Quote(paras[0].parts[0]))
    blocks += paras[2:]
    names = article.authors
    credit = (byline("By ", *names), signature("-- ", *names), signature("—", *names, place=TAIL_PARAGRAPH),
              signature("– ", *names, place=TAIL_BREAK), byline("Posted by ", *names, wrap="em"),
              byline("Written by ", *names))[article.number % 6]
    return Post(title=article.title, posted=article.posted, blocks=tuple(blocks),
                categories=article.categories, credit=credit)


def weebly_files(articles: list[Article], host: str) -> Iterator[tuple[str, str]]:
    """(file path, text) of every page, as ``sampleblog.weebly.build_site`` builds them, one at a time
    (build_site holds the whole site in memory and checks slugs pairwise: too slow for 100,000 posts)."""
    posts = sorted((weebly_post(a) for a in articles), key=lambda post: post.posted_aware, reverse=True)
    site = weebly.Site(host, posts)
    sidebar = weebly.render_sidebar(site)
    yield "index.html", weebly.render_home(site)
    yield "robots.txt", weebly.ROBOTS_TXT
    yield "blog/feed/index.rss", weebly_feed.render_feed(site.posts, host)
    size = weebly.POSTS_PER_PAGE
    for base, listed in weebly.listings(site.posts):
        last = (len(listed) + size - 1) // size
        for number in range(1, last + 1):
            chunk = listed[(number - 1) * size: number * size]
            html = weebly.render_list_page(site, sidebar, base, number, last, chunk)
            yield html_file(weebly.page_path(base, number)), html
    for post in site.posts:
        yield html_file(f"/blog/{post.slug}"), weebly.render_post_page(site, sidebar, post)


# ------------------------------------------------------------------------------------------
# WordPress: Twenty Twenty-One markup
# ------------------------------------------------------------------------------------------

WP_NAME = "Allotment Notes"
WP_TAGLINE = "Small repairs, big gardens, every week"
WP_PER_PAGE = 10
WP_SITEMAP_SIZE = 2000
MONTH_NAMES = ("January February March April May June July August September October November "
               "December").split()


def wp_slug(text: str) -> str:
    """WordPress's sanitize_title: accents dropped, lower case, anything else a hyphen."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def wp_login(name: str) -> str:
    return wp_slug(name).replace("-", "")


@dataclass
class WpSite:
    host: str
    articles: list[Article]         # newest first

    @property
    def origin(self) -> str:
        return f"http://{self.host}"

    def post_url(self, a: Article) -> str:
        return f"{self.origin}{wp_post_path(a)}"

    def post_id(self, a: Article) -> int:
        return a.number + 100


def wp_post_path(a: Article) -> str:
    return f"/{a.posted:%Y/%m/%d}/{wp_slug(a.title)}/"


def wp_files(articles: list[Article], host: str) -> Iterator[tuple[str, str]]:
    """(file path, text) of every page of the WordPress site."""
    site = WpSite(host, sorted(articles, key=lambda a: a.posted_aware, reverse=True))
    sidebar = wp_sidebar(site)
    yield "robots.txt", (f"User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\n"
                         f"Sitemap: {site.origin}/wp-sitemap.xml\n")
    yield "feed/index.rss", wp_feed(site)
    yield from wp_sitemaps(site)
    for base, title, body_class, listed in wp_listings(site):
        yield from wp_list_pages(site, sidebar, base, title, body_class, listed)
    for slug, title, text in (("about", "About this blog", "We write about small repairs and big gardens."),
                              ("contact", "Contact", "Write to us at the allotment gate.")):
        yield f"{slug}/index.html", wp_static_page(site, sidebar, slug, title, text)
    for i, a in enumerate(site.articles):
        newer = site.articles[i - 1] if i else None
        older = site.articles[i + 1] if i + 1 < len(site.articles) else None
        yield html_file(wp_post_path(a)), wp_single(site, sidebar, a, newer, older)


def wp_listings(site: WpSite) -> Iterator[tuple[str, str, str, list[Article]]]:
    """(base path, heading, body class, articles newest first) of the home page and every archive."""
    posts = site.articles
    yield "/", "", "home blog", posts
    for name in sorted({c for a in posts for c in wp_categories(a)}):
        yield f"/category/{wp_slug(name)}/", f"Category: {name}", "archive category", \
            [a for a in posts if name in wp_categories(a)]
    for name in sorted({t for a in posts for t in a.tags}):
        yield f"/tag/{wp_slug(name)}/", f"Tag: {name}", "archive tag", [a for a in posts if name in a.tags]
    for name in sorted({a.authors[0] for a in posts}):
        yield f"/author/{wp_login(name)}/", f"Author: {name}", "archive author", \
            [a for a in posts if a.authors[0] == name]
    for year, month in wp_months(posts):
        yield f"/{year}/{month:02d}/", f"Month: {MONTH_NAMES[month - 1]} {year}", "archive date", \
            [a for a in posts if (a.posted.year, a.posted.month) == (year, month)]


def wp_categories(a: Article) -> tuple[str, ...]:
    """A post's categories; WordPress files a post without one under Uncategorized."""
    return a.categories or ("Uncategorized",)


def wp_months(articles: list[Article]) -> list[tuple[int, int]]:
    return sorted({(a.posted.year, a.posted.month) for a in articles}, reverse=True)


def wp_page_path(base: str, number: int) -> str:
    return base if number == 1 else f"{base}page/{number}/"


def wp_list_pages(site: WpSite, sidebar: str, base: str, heading: str, body_class: str,
                  listed: list[Article]) -> Iterator[tuple[str, str]]:
    last = (len(listed) + WP_PER_PAGE - 1) // WP_PER_PAGE
    for number in range(1, last + 1):
        chunk = listed[(number - 1) * WP_PER_PAGE: number * WP_PER_PAGE]
        header = (f'<header class="page-header alignwide">\n\t<h1 class="page-title">{escape(heading)}</h1>\n'
                  f"</header><!-- .page-header -->\n" if heading else "")
        main = header + "\n".join(wp_listed(site, a) for a in chunk) + wp_pagination(site, base, number, last)
        title = f"{heading} &#8211; {WP_NAME}" if heading else f"{WP_NAME} &#8211; {escape(WP_TAGLINE)}"
        if number > 1:
            title = f"{heading or WP_NAME} &#8211; Page {number} &#8211; {WP_NAME}"
        classes = f"{body_class}{' paged paged-' + str(number) if number > 1 else ''} hfeed"
        yield html_file(wp_page_path(base, number)), wp_document(site, sidebar, title, classes, main)


def wp_pagination(site: WpSite, base: str, number: int, last: int) -> str:
    if last < 2:
        return ""
    links = []
    if number > 1:
        links.append(f'<a class="prev page-numbers" href="{site.origin}{wp_page_path(base, number - 1)}">'
                     f'<span class="nav-prev-text">Newer <span class="nav-short">posts</span></span></a>')
    shown = sorted({1, last, number - 1, number, number + 1} & set(range(1, last + 1)))
    previous = 0
    for page in shown:
        if page > previous + 1:
            links.append('<span class="page-numbers dots">&hellip;</span>')
        if page == number:
            links.append(f'<span aria-current="page" class="page-numbers current">Page {page}</span>')
        else:
            links.append(f'<a class="page-numbers" href="{site.origin}{wp_page_path(base, page)}">Page {page}</a>')
        previous = page
    if number < last:
        links.append(f'<a class="next page-numbers" href="{site.origin}{wp_page_path(base, number + 1)}">'
                     f'<span class="nav-next-text">Older <span class="nav-short">posts</span></span></a>')
    return ('\n\t<nav class="navigation pagination" aria-label="Posts">\n\t\t<h2 class="screen-reader-text">'
            'Posts navigation</h2>\n\t\t<div class="nav-links">' + "\n".join(links) + "</div>\n\t</nav>")


def wp_content(a: Article) -> str:
    """The post's body as the block editor saves it."""
    blocks = [f"<p>{escape(' '.join(parts))}</p>" for parts in a.paragraphs]
    extra = []
    if a.heading:
        extra.append(f'<h2 class="wp-block-heading">{escape(a.heading)}</h2>')
    if a.bullets:
        extra.append("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in a.bullets) + "</ul>")
    return "\n\n\n\n".join(blocks[:2] + extra + blocks[2:])


def wp_terms(site: WpSite, a: Article) -> str:
    cats = ", ".join(f'<a href="{site.origin}/category/{wp_slug(c)}/" rel="category tag">{escape(c)}</a>'
                     for c in wp_categories(a))
    html = f'<div class="post-taxonomies"><span class="cat-links">Categorized as {cats} </span>'
    if a.tags:
        tags = ", ".join(f'<a href="{site.origin}/tag/{wp_slug(t)}/" rel="tag">{escape(t)}</a>' for t in a.tags)
        html += f'<span class="tags-links">Tagged {tags}</span>'
    return html + "</div>"


def wp_posted_on(a: Article) -> str:
    when = a.posted_aware
    return (f'<span class="posted-on">Published <time class="entry-date published updated" '
            f'datetime="{when.isoformat()}">{MONTH_NAMES[when.month - 1]} {when.day}, {when.year}</time></span>')


def wp_article_classes(site: WpSite, a: Article) -> str:
    terms = [f"category-{wp_slug(c)}" for c in wp_categories(a)] + [f"tag-{wp_slug(t)}" for t in a.tags]
    return (f"post-{site.post_id(a)} post type-post status-publish format-standard hentry "
            f"{' '.join(terms)} entry")


def wp_listed(site: WpSite, a: Article) -> str:
    """A post on a list page: the whole content, date and terms, no byline (Twenty Twenty-One)."""
    return f"""
<article id="post-{site.post_id(a)}" class="{wp_article_classes(site, a)}">

	<header class="entry-header">
	<h2 class="entry-title default-max-width"><a href="{site.post_url(a)}">{escape(a.title)}</a></h2></header><!-- .entry-header -->

	<div class="entry-content">
		{wp_content(a)}
	</div><!-- .entry-content -->

	<footer class="entry-footer default-max-width">
		{wp_posted_on(a)}{wp_terms(site, a)}	</footer><!-- .entry-footer -->
</article><!-- #post-{site.post_id(a)} -->
"""


def wp_single(site: WpSite, sidebar: str, a: Article, newer: Article | None, older: Article | None) -> str:
    author = a.authors[0]
    nav = []
    if older:
        nav.append(f'<div class="nav-previous"><a href="{site.post_url(older)}" rel="prev"><p class="meta-nav">'
                   f'Previous post</p><p class="post-title">{escape(older.title)}</p></a></div>')
    if newer:
        nav.append(f'<div class="nav-next"><a href="{site.post_url(newer)}" rel="next"><p class="meta-nav">'
                   f'Next post</p><p class="post-title">{escape(newer.title)}</p></a></div>')
    main = f"""
<article id="post-{site.post_id(a)}" class="{wp_article_classes(site, a)}">

	<header class="entry-header alignwide">
		<h1 class="entry-title">{escape(a.title)}</h1>			</header><!-- .entry-header -->

	<div class="entry-content">
		{wp_content(a)}
	</div><!-- .entry-content -->

	<footer class="entry-footer default-max-width">
		<div class="posted-by">{wp_posted_on(a)}<span class="byline">By <a href="{site.origin}/author/{wp_login(author)}/" rel="author">{escape(author)}</a></span></div>{wp_terms(site, a)}	</footer><!-- .entry-footer -->

</article><!-- #post-{site.post_id(a)} -->

<div id="comments" class="comments-area default-max-width show-avatars">
	<p class="no-comments">Comments are closed.</p>
</div><!-- #comments -->

	<nav class="navigation post-navigation" aria-label="Posts">
		<h2 class="screen-reader-text">Post navigation</h2>
		<div class="nav-links">{''.join(nav)}</div>
	</nav>"""
    body_class = (f"post-template-default single single-post postid-{site.post_id(a)} single-format-standard "
                  "singular")
    return wp_document(site, sidebar, f"{escape(a.title)} &#8211; {WP_NAME}", body_class, main,
                       canonical=site.post_url(a))


def wp_static_page(site: WpSite, sidebar: str, slug: str, title: str, text: str) -> str:
    main = f"""
<article id="post-{slug}" class="page type-page status-publish hentry entry">
	<header class="entry-header alignwide"><h1 class="entry-title">{escape(title)}</h1></header>
	<div class="entry-content"><p>{escape(text)}</p></div>
</article>"""
    return wp_document(site, sidebar, f"{escape(title)} &#8211; {WP_NAME}", "page-template-default page singular",
                       main, canonical=f"{site.origin}/{slug}/")


def wp_global_styles() -> str:
    """The inline preset styles every WordPress 6.1 page carries (colours, gradients, font sizes)."""
    colours = ("black:#000000 cyan-bluish-gray:#abb8c3 white:#FFFFFF pale-pink:#f78da7 vivid-red:#cf2e2e "
               "luminous-vivid-orange:#ff6900 luminous-vivid-amber:#fcb900 light-green-cyan:#7bdcb5 "
               "vivid-green-cyan:#00d084 pale-cyan-blue:#8ed1fc vivid-cyan-blue:#0693e3 vivid-purple:#9b51e0 "
               "dark-gray:#28303D gray:#39414D green:#D1E4DD blue:#D1DFE4 purple:#D1D1E4 red:#E4D1D1 "
               "orange:#E4DAD1 yellow:#EEEADD").split()
    names = [c.split(":")[0] for c in colours]
    variables = ";".join(f"--wp--preset--color--{c.replace(':', ': ')}" for c in colours)
    rules = "".join(f".has-{n}-{kind}{{{prop}: var(--wp--preset--color--{n}) !important;}}"
                    for kind, prop in (("color", "color"), ("background-color", "background-color"),
                                       ("border-color", "border-color"))
                    for n in names)
    return f"body{{{variables};}}{rules}"


WP_STYLES = wp_global_styles()


def wp_document(site: WpSite, sidebar: str, title: str, body_class: str, main: str,
                canonical: str | None = None) -> str:
    o = site.origin
    canonical_link = f'<link rel="canonical" href="{canonical}" />\n' if canonical else ""
    return f"""<!doctype html>
<html lang="en-US" >
<head>
	<meta charset="UTF-8" />
	<meta name="viewport" content="width=device-width, initial-scale=1" />
	<title>{title}</title>
<meta name='robots' content='max-image-preview:large' />
<link rel="alternate" type="application/rss+xml" title="{WP_NAME} &raquo; Feed" href="{o}/feed/" />
<link rel='stylesheet' id='wp-block-library-css' href='{o}/wp-includes/css/dist/block-library/style.min.css?ver=6.1.9' media='all' />
<style id='global-styles-inline-css'>
{WP_STYLES}
</style>
<link rel='stylesheet' id='twenty-twenty-one-style-css' href='{o}/wp-content/themes/twentytwentyone/style.css?ver=1.7' media='all' />
<meta name="generator" content="WordPress 6.1.9" />
{canonical_link}</head>

<body class="{body_class} wp-embed-responsive is-light-theme no-js has-main-navigation">
<div id="page" class="site">
	<a class="skip-link screen-reader-text" href="#content">Skip to content</a>

<header id="masthead" class="site-header has-title-and-tagline has-menu">
<div class="site-branding">
	<p class="site-title"><a href="{o}/">{WP_NAME}</a></p>
	<p class="site-description">{escape(WP_TAGLINE)}</p>
</div><!-- .site-branding -->
	<nav id="site-navigation" class="primary-navigation" aria-label="Primary menu">
		<div class="primary-menu-container"><ul id="primary-menu-list" class="menu-wrapper"><li id="menu-item-39" class="menu-item menu-item-type-post_type menu-item-object-page menu-item-39"><a href="{o}/about/">About this blog</a></li>
<li id="menu-item-40" class="menu-item menu-item-type-post_type menu-item-object-page menu-item-40"><a href="{o}/contact/">Contact</a></li>
</ul></div>	</nav><!-- #site-navigation -->
</header><!-- #masthead -->

	<div id="content" class="site-content">
		<div id="primary" class="content-area">
			<main id="main" class="site-main">
{main}
			</main><!-- #main -->
		</div><!-- #primary -->
	</div><!-- #content -->

{sidebar}

	<footer id="colophon" class="site-footer">
		<div class="site-info">
			<div class="site-name"><a href="{o}/">{WP_NAME}</a></div><!-- .site-name -->
			<div class="powered-by">Proudly powered by <a href="https://wordpress.org/">WordPress</a>.</div><!-- .powered-by -->
		</div><!-- .site-info -->
	</footer><!-- #colophon -->

</div><!-- #page -->
<script src='{o}/wp-content/themes/twentytwentyone/assets/js/primary-navigation.js?ver=1.7' id='twenty-twenty-one-primary-navigation-script-js'></script>
</body>
</html>
"""


def wp_sidebar(site: WpSite) -> str:
    """The default footer widgets: search, Recent Posts, Archives (every month), Categories."""
    o = site.origin
    recent = "\n".join(f'<li><a class="wp-block-latest-posts__post-title" href="{site.post_url(a)}">'
                       f"{escape(a.title)}</a></li>" for a in site.articles[:5])
    months = "\n".join(f"\t<li><a href='{o}/{y}/{m:02d}/'>{MONTH_NAMES[m - 1]} {y}</a></li>"
                       for y, m in wp_months(site.articles))
    names = sorted({c for a in site.articles for c in wp_categories(a)})
    cats = "\n".join(f'\t<li class="cat-item cat-item-{i}"><a href="{o}/category/{wp_slug(n)}/">{escape(n)}</a>\n</li>'
                     for i, n in enumerate(names, 1))
    return f"""	<aside class="widget-area">
		<section id="block-2" class="widget widget_block widget_search"><form role="search" method="get" action="{o}/" class="wp-block-search"><label for="wp-block-search__input-1" class="wp-block-search__label">Search</label><input type="search" id="wp-block-search__input-1" class="wp-block-search__input" name="s" value="" required /><button type="submit" class="wp-block-search__button wp-element-button">Search</button></form></section><section id="block-3" class="widget widget_block"><div class="is-layout-flow wp-block-group"><div class="wp-block-group__inner-container"><h2>Recent Posts</h2><ul class="wp-block-latest-posts__list wp-block-latest-posts">{recent}
</ul></div></div></section><section id="block-5" class="widget widget_block"><div class="is-layout-flow wp-block-group"><div class="wp-block-group__inner-container"><h2>Archives</h2><ul class=" wp-block-archives-list wp-block-archives">{months}
</ul></div></div></section><section id="block-6" class="widget widget_block"><div class="is-layout-flow wp-block-group"><div class="wp-block-group__inner-container"><h2>Categories</h2><ul class="wp-block-categories-list wp-block-categories">{cats}
</ul></div></div></section>	</aside><!-- .widget-area -->"""


def wp_feed(site: WpSite) -> str:
    """``/feed/``: the 10 newest posts, full content (WordPress's default ``posts_per_rss``)."""
    items = []
    for a in site.articles[:10]:
        url = site.post_url(a)
        cats = "".join(f"\n\t\t<category><![CDATA[{c}]]></category>" for c in wp_categories(a) + a.tags)
        items.append(f"""	<item>
		<title>{escape(a.title)}</title>
		<link>{url}</link>
		<dc:creator><![CDATA[{a.authors[0]}]]></dc:creator>
		<pubDate>{format_datetime(a.posted_aware.astimezone(UTC))}</pubDate>{cats}
		<guid isPermaLink="false">{site.origin}/?p={site.post_id(a)}</guid>
		<content:encoded><![CDATA[{wp_content(a)}]]></content:encoded>
	</item>""")
    built = format_datetime(site.articles[0].posted_aware.astimezone(UTC)) if site.articles else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	>
<channel>
	<title>{WP_NAME}</title>
	<atom:link href="{site.origin}/feed/" rel="self" type="application/rss+xml" />
	<link>{site.origin}</link>
	<description>{escape(WP_TAGLINE)}</description>
	<lastBuildDate>{built}</lastBuildDate>
	<language>en-US</language>
	<generator>https://wordpress.org/?v=6.1.9</generator>
{chr(10).join(items)}
</channel>
</rss>
"""


def wp_sitemaps(site: WpSite) -> Iterator[tuple[str, str]]:
    """WordPress core's sitemaps: an index, posts 2,000 a file oldest first, pages, terms, users."""
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    o = site.origin
    oldest_first = site.articles[::-1]
    post_files = max(1, (len(oldest_first) + WP_SITEMAP_SIZE - 1) // WP_SITEMAP_SIZE)
    names = [f"wp-sitemap-posts-post-{n}.xml" for n in range(1, post_files + 1)]
    names += ["wp-sitemap-posts-page-1.xml", "wp-sitemap-taxonomies-category-1.xml",
              "wp-sitemap-taxonomies-post_tag-1.xml", "wp-sitemap-users-1.xml"]
    index = "".join(f"<sitemap><loc>{o}/{name}</loc></sitemap>" for name in names)
    yield "wp-sitemap.xml", (f'{head}<?xml-stylesheet type="text/xsl" href="{o}/wp-sitemap-index.xsl" ?>\n'
                             f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{index}</sitemapindex>\n')

    def urlset(urls: Iterable[str]) -> str:
        body = "".join(f"<url><loc>{u}</loc></url>" for u in urls)
        return (f'{head}<?xml-stylesheet type="text/xsl" href="{o}/wp-sitemap.xsl" ?>\n'
                f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>\n')

    for n in range(post_files):
        chunk = oldest_first[n * WP_SITEMAP_SIZE:(n + 1) * WP_SITEMAP_SIZE]
        yield f"wp-sitemap-posts-post-{n + 1}.xml", urlset(site.post_url(a) for a in chunk)
    yield "wp-sitemap-posts-page-1.xml", urlset([f"{o}/", f"{o}/about/", f"{o}/contact/"])
    categories = sorted({c for a in site.articles for c in wp_categories(a)})
    yield "wp-sitemap-taxonomies-category-1.xml", urlset(f"{o}/category/{wp_slug(c)}/" for c in categories)
    tags = sorted({t for a in site.articles for t in a.tags})
    yield "wp-sitemap-taxonomies-post_tag-1.xml", urlset(f"{o}/tag/{wp_slug(t)}/" for t in tags)
    authors = sorted({a.authors[0] for a in site.articles})
    yield "wp-sitemap-users-1.xml", urlset(f"{o}/author/{wp_login(name)}/" for name in authors)


# ------------------------------------------------------------------------------------------
# Writing a site, and what a crawl of it asks for
# ------------------------------------------------------------------------------------------


def html_file(path: str) -> str:
    """Where the page at URL ``path`` lives: ``/a/b/`` and ``/a/b`` both in ``a/b/index.html``."""
    return path.strip("/") + "/index.html" if path.strip("/") else "index.html"


def site_files(spec: Spec) -> Iterator[tuple[str, str]]:
    articles = spec.articles()
    return (weebly_files if spec.platform == "weebly" else wp_files)(articles, spec.host)


def start_url(spec: Spec) -> str:
    """The URL a user registers: the Weebly blog's page, the WordPress site's home."""
    return f"http://{spec.host}/blog" if spec.platform == "weebly" else f"http://{spec.host}/"


def post_path(platform: str, article: Article) -> str:
    return f"/blog/{weebly_slug(article.title)}" if platform == "weebly" else wp_post_path(article)


def write_files(root: Path, files: Iterable[tuple[str, str]]) -> tuple[int, int]:
    """Write every file whose bytes differ from what is on disk; a rewritten file's modification
    time moves forward by at least a second, so its ETag and Last-Modified change.
    Returns (files written, files left as they were)."""
    written = kept = 0
    made: set[Path] = set()
    for name, text in files:
        path = root / name
        data = text.encode("utf-8")
        try:
            old = path.stat()
        except FileNotFoundError:
            old = None
        if old is not None and old.st_size == len(data) and path.read_bytes() == data:
            kept += 1
            continue
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(data)
        if old is not None:
            stamp = max(time.time(), old.st_mtime + 1)
            os.utime(path, (stamp, stamp))
        written += 1
    return written, kept


def load_spec(folder: Path) -> Spec:
    return Spec(**json.loads((folder / "bigblog.json").read_text()))


def save_spec(folder: Path, spec: Spec) -> None:
    (folder / "bigblog.json").write_text(json.dumps(spec.__dict__, indent=1) + "\n")


def generate(folder: Path, spec: Spec) -> dict:
    """Write the site of ``spec`` into ``folder/root``; returns what ``generate`` prints."""
    started = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    written, kept = write_files(folder / "root", site_files(spec))
    save_spec(folder, spec)
    return {"url": start_url(spec), "platform": spec.platform, "posts": spec.posts, "files": written + kept,
            "written": written, "seconds": round(time.perf_counter() - started, 1)}


def change(folder: Path, new: int, edit: int) -> dict:
    """Add ``new`` posts and edit ``edit`` old ones; rewrite only the files that changed."""
    started = time.perf_counter()
    spec = load_spec(folder)
    first_new = spec.posts + spec.added + 1
    edited = [max(1, spec.posts // 3) + len(spec.edited) + i for i in range(edit)]
    spec.added += new
    spec.edited += edited
    articles = spec.articles()
    written, kept = write_files(folder / "root", site_files(spec))
    save_spec(folder, spec)
    by_number = {a.number: a for a in articles}
    return {"new": [post_path(spec.platform, by_number[n]) for n in range(first_new, first_new + new)],
            "edited": [post_path(spec.platform, by_number[n]) for n in edited], "sentence": EDIT_SENTENCE,
            "written": written, "kept": kept, "seconds": round(time.perf_counter() - started, 1)}


def request_kind(platform: str, path: str) -> str:
    """What a requested path is on a generated site: post, index, archive, category, feed, sitemap, …"""
    bare = path.split("?", 1)[0]
    if "rest_route=" in path or bare.startswith("/wp-json"):
        return "api"
    if bare == "/robots.txt":
        return "robots"
    if platform == "weebly":
        patterns = (("start", r"/blog"), ("index", r"/blog/previous/\d+"), ("month", r"/blog/archives/.+"),
                    ("category", r"/blog/category/.+"), ("feed", r"/blog/feed"), ("post", r"/blog/[^/]+"),
                    ("home", r"/"))
    else:
        patterns = (("start", r"/"), ("index", r"/page/\d+/"), ("sitemap", r"/wp-sitemap.*\.xml"),
                    ("feed", r"/feed/"), ("category", r"/category/.+"), ("tag", r"/tag/.+"),
                    ("author", r"/author/.+"), ("post", r"/\d{4}/\d\d/\d\d/[^/]+/"),
                    ("month", r"/\d{4}/\d\d/(page/\d+/)?"), ("page", r"/(about|contact)/"))
    for kind, pattern in patterns:
        if re.fullmatch(pattern, bare):
            return kind
    return "other"


# ------------------------------------------------------------------------------------------
# nginx
# ------------------------------------------------------------------------------------------

NGINX = "/usr/sbin/nginx"
LOG_FORMAT = "$msec $http_host $status $body_bytes_sent \"$request_uri\" \"$http_user_agent\""


@dataclass(frozen=True)
class Served:
    """One site for nginx: its document root on ``address:port``."""

    root: Path
    address: str
    port: int

    @property
    def host(self) -> str:
        return f"{self.address}:{self.port}"


@dataclass(frozen=True)
class Hit:
    """One request as nginx logged it."""

    at: float           # seconds since the epoch, to the millisecond
    host: str           # the Host header: address:port
    status: int
    path: str           # with its query string
    agent: str


def free_port(address: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((address, 0))
        return sock.getsockname()[1]


def blog_address(number: int) -> str:
    """A loopback address of its own for blog ``number`` (0-based): 127.0.10.1, 127.0.10.2, …"""
    return f"127.0.{10 + number // 250}.{1 + number % 250}"


def nginx_path() -> str | None:
    return shutil.which("nginx") or (NGINX if os.access(NGINX, os.X_OK) else None)


class Nginx:
    """nginx serving generated sites, run as the current user from a folder of its own.

    Static files answer conditional requests with 304 (``ETag`` and ``Last-Modified`` from the
    file); headers and body leave in one write (``sendfile off``, one output buffer);
    ``/wp-json/`` and ``?rest_route=`` answer 404. Every request is logged with its time, Host,
    status, path and User-Agent; ``hits()`` returns those logged since the last call.
    """

    def __init__(self, folder: Path, sites: list[Served]):
        self.folder = folder
        self.sites = sites
        self.process: subprocess.Popen | None = None
        self._log_offset = 0

    @property
    def log_path(self) -> Path:
        return self.folder / "access.log"

    def config(self) -> str:
        user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
        temp = "\n".join(f"  {kind}_temp_path {self.folder / 'temp' / kind};"
                         for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        servers = "\n".join(f"""  server {{
    listen {site.host};
    root {site.root};
    if ($arg_rest_route) {{ return 404; }}
    location / {{ try_files $uri $uri/index.html $uri/index.rss =404; }}
  }}""" for site in self.sites)
        return f"""{user}worker_processes 1;
daemon off;
pid {self.folder / 'nginx.pid'};
error_log {self.folder / 'error.log'} warn;
events {{ worker_connections 1024; }}
http {{
  types {{ text/html html; application/rss+xml rss; application/xml xml; text/plain txt; }}
  default_type application/octet-stream;
  charset utf-8;
  charset_types text/html text/plain application/rss+xml application/xml;
  log_format bench '{LOG_FORMAT}';
  access_log {self.log_path} bench;
  sendfile off;
  output_buffers 1 1m;
  tcp_nodelay on;
  keepalive_timeout 65;
  keepalive_requests 100000;
  server_tokens off;
{temp}
{servers}
}}
"""

    def start(self) -> Nginx:
        binary = nginx_path()
        if binary is None:
            raise RuntimeError("nginx is not installed (apt-get install nginx-light)")
        (self.folder / "temp").mkdir(parents=True, exist_ok=True)
        conf = self.folder / "nginx.conf"
        conf.write_text(self.config())
        self.process = subprocess.Popen([binary, "-p", str(self.folder), "-c", str(conf),
                                         "-e", str(self.folder / "error.log")],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        try:
            for site in self.sites:
                self._wait_for(site)
        except BaseException:
            self.stop()
            raise
        self.hits()
        return self

    def _wait_for(self, site: Served, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited: {self.process.stderr.read().decode(errors='replace')}"
                                   f"{(self.folder / 'error.log').read_text(errors='replace')}")
            try:
                with socket.create_connection((site.address, site.port), timeout=1):
                    return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def stop(self) -> None:
        """Stop nginx (master and worker); safe to call twice."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.process.stderr:
            self.process.stderr.close()
        self.process = None

    def hits(self) -> list[Hit]:
        """Requests logged since the last call."""
        if not self.log_path.exists():
            return []
        with self.log_path.open("rb") as log:
            log.seek(self._log_offset)
            data = log.read()
        complete = data.rfind(b"\n") + 1
        self._log_offset += complete
        return [parse_hit(line) for line in data[:complete].decode("utf-8", "replace").splitlines() if line]

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


HIT = re.compile(r'(\S+) (\S+) (\d+) \d+ "(.*)" "(.*)"$')


def parse_hit(line: str) -> Hit:
    match = HIT.match(line)
    if not match:
        return Hit(0.0, "", 0, line, "")
    at, host, status, path, agent = match.groups()
    return Hit(float(at), host, int(status), path, agent)


# ------------------------------------------------------------------------------------------
# Command line
# ------------------------------------------------------------------------------------------


def stop_on_sigterm() -> None:
    """Make SIGTERM (and SIGHUP) end the program as Ctrl-C does, so that ``finally`` blocks stop nginx."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, interrupt)


def main(argv: list[str] | None = None) -> int:
    stop_on_sigterm()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    gen = commands.add_parser("generate", help="write a site for N posts into DIR/root")
    gen.add_argument("folder", type=Path)
    gen.add_argument("--platform", choices=PLATFORMS, default="weebly")
    gen.add_argument("--posts", type=int, default=1000)
    gen.add_argument("--host", default="127.0.0.1:8080", help="host:port the pages link to (the server's)")
    gen.add_argument("--seed", type=int, default=1)
    chg = commands.add_parser("change", help="add posts and edit old ones in a generated site")
    chg.add_argument("folder", type=Path)
    chg.add_argument("--new", type=int, default=5)
    chg.add_argument("--edit", type=int, default=1)
    srv = commands.add_parser("serve", help="serve generated sites with nginx until Ctrl-C")
    srv.add_argument("folders", type=Path, nargs="+")
    args = parser.parse_args(argv)

    if args.command == "generate":
        spec = Spec(platform=args.platform, posts=args.posts, host=args.host, seed=args.seed)
        print(json.dumps(generate(args.folder, spec)), flush=True)
    elif args.command == "change":
        print(json.dumps(change(args.folder, args.new, args.edit)), flush=True)
    else:
        serve(args.folders)
    return 0


def serve(folders: list[Path]) -> None:
    """Serve each generated site on the host:port its pages link to, until interrupted."""
    sites = []
    for folder in folders:
        spec = load_spec(folder)
        address, port = spec.host.rsplit(":", 1)
        sites.append(Served(folder.resolve() / "root", address, int(port)))
    with tempfile.TemporaryDirectory(prefix="bigblog-nginx-") as tmp, Nginx(Path(tmp), sites):
        for folder in folders:
            print(start_url(load_spec(folder)), flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    sys.exit(main())
