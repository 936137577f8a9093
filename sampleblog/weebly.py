"""Render the sample blog the way Weebly publishes a blog.

``build_site(posts, host)`` returns every page keyed by path: the home page,
``/blog`` and ``/blog/previous/N``, ``/blog/archives/MM-YYYY[/N]``,
``/blog/category/<slug>[/N]`` (``all`` included), ``/blog/<slug>``,
``/blog/feed`` and ``/robots.txt``. Markup follows real Weebly output
(shared/platforms.md §1): protocol-relative post links, ``span.date-text`` in
M/D/YYYY, accents written as named entities, the sidebar on every page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from html import escape

from . import content
from .feed import render_feed
from .markup import element_id, entities, render_body
from .model import MORE, Comment, Picture, Post, central_time_zone, check_posts, weebly_slug
from .pictures import picture_png

POSTS_PER_PAGE = 10
BUILD_TIME = "1730822400"  # the ?buildTime= stamp on Weebly's CDN assets
HTML_TYPE = "text/html; charset=utf-8"
MONTHS = "January February March April May June July August September October November December".split()


@dataclass(frozen=True)
class Page:
    body: bytes
    content_type: str
    last_modified: datetime  # aware, UTC

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:20] + '"'


@dataclass(frozen=True)
class Site:
    host: str
    posts: list[Post]  # newest first

    @property
    def blog(self) -> str:
        return f"//{self.host}/blog"

    def post_href(self, post: Post) -> str:
        return f"{self.blog}/{post.slug}"


def build_site(posts: list[Post], host: str) -> dict[str, Page]:
    """Every page of the blog, keyed by URL path (no trailing slash)."""
    check_posts(posts)
    site = Site(host, sorted(posts, key=lambda post: post.posted_aware, reverse=True))
    newest = _utc(site.posts[0].posted_aware) if site.posts else datetime(2023, 1, 1, tzinfo=timezone.utc)
    sidebar = render_sidebar(site)
    pages = {
        "/": _html_page(render_home(site), newest),
        "/robots.txt": Page(ROBOTS_TXT.encode(), "text/plain; charset=utf-8", newest),
        "/blog/feed": Page(render_feed(site.posts, host).encode(), "application/rss+xml; charset=utf-8", newest),
    }
    for base, listed in listings(site.posts):
        pages.update(_list_pages(site, sidebar, base, listed))
    for post in site.posts:
        changed = max([post.posted_aware] + [comment_time(c) for c in post.comments])
        pages[f"/blog/{post.slug}"] = _html_page(render_post_page(site, sidebar, post), _utc(changed))
        for block in post.blocks:   # the pictures a post shows, served from the blog's uploads
            if isinstance(block, Picture) and block.src.startswith("/uploads/"):
                path = block.src.split("?", 1)[0]
                pages[path] = Page(picture_png(path), "image/png", _utc(post.posted_aware))
    return pages


# --- which list pages exist -------------------------------------------------


def listings(posts: list[Post]) -> Iterator[tuple[str, list[Post]]]:
    """(base path, posts newest first) for the index, every category and every month."""
    yield "/blog", posts
    yield "/blog/category/all", posts
    for name in category_names(posts):
        yield f"/blog/category/{weebly_slug(name)}", [p for p in posts if name in p.categories]
    for year, month in archive_months(posts):
        yield f"/blog/archives/{month:02d}-{year}", [p for p in posts if (p.posted.year, p.posted.month) == (year, month)]


def page_path(base: str, number: int) -> str:
    """Page N of a listing: ``/blog/previous/N`` for the index, ``<base>/N`` otherwise."""
    if number == 1:
        return base
    return f"/blog/previous/{number}" if base == "/blog" else f"{base}/{number}"


def category_names(posts: list[Post]) -> list[str]:
    return sorted({name for post in posts for name in post.categories}, key=str.lower)


def archive_months(posts: list[Post]) -> list[tuple[int, int]]:
    """(year, month) with posts, newest first."""
    return sorted({(p.posted.year, p.posted.month) for p in posts}, reverse=True)


def _list_pages(site: Site, sidebar: str, base: str, listed: list[Post]) -> dict[str, Page]:
    chunks = [listed[i : i + POSTS_PER_PAGE] for i in range(0, len(listed), POSTS_PER_PAGE)]
    pages = {}
    for number, chunk in enumerate(chunks, 1):
        html = render_list_page(site, sidebar, base, number, len(chunks), chunk)
        pages[page_path(base, number)] = _html_page(html, _utc(chunk[0].posted_aware))
    return pages


def _html_page(html: str, last_modified: datetime) -> Page:
    return Page(html.encode("utf-8"), HTML_TYPE, last_modified)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc)


def comment_time(comment: Comment) -> datetime:
    return comment.posted.replace(tzinfo=central_time_zone(comment.posted))


# --- whole pages --------------------------------------------------------------


def render_home(site: Site) -> str:
    paragraphs = "\n".join(f'<div class="paragraph">{escape(text)}</div>' for text in content.HOME_PARAGRAPHS)
    main = f"""<h2 class="wsite-content-title">Welcome</h2>
{paragraphs}
<div style="text-align:left;"><div style="height: 10px; overflow: hidden;"></div>
<a class="wsite-button wsite-button-small wsite-button-normal" href="/blog" >
<span class="wsite-button-inner">Read our blog</span>
</a>
<div style="height: 10px; overflow: hidden;"></div></div>"""
    title = f"{content.HOME_TITLE} - {content.SITE_NAME}"
    return render_document(site, title, content.HOME_TITLE, "/", "header-page wsite-page-index", main)


def render_list_page(site: Site, sidebar: str, base: str, number: int, last: int, posts: list[Post]) -> str:
    blocks = "\n".join(render_post_block(site, post, in_list=True) for post in posts)
    main = f"{blocks}\n{render_page_nav(base, number, last)}"
    title = f"{content.BLOG_TITLE} - {content.SITE_NAME}"
    body_class = "no-header-page wsite-page-blog wsite-blog-index"
    return render_document(site, title, content.BLOG_TITLE, page_path(base, number), body_class, blog_table(main, sidebar))


def render_post_page(site: Site, sidebar: str, post: Post) -> str:
    main = f"{render_post_block(site, post, in_list=False)}\n{render_comments(post)}"
    title = f"{post.title} - {content.SITE_NAME}"
    body_class = "no-header-page wsite-page-blog wsite-blog-post"
    return render_document(site, title, post.title, f"/blog/{post.slug}", body_class, blog_table(main, sidebar))


def render_document(site: Site, title: str, og_title: str, path: str, body_class: str, main: str) -> str:
    active = "Home" if path == "/" else "Blog"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<title>{entities(escape(title))}</title>
<meta property="og:site_name" content="{entities(escape(content.SITE_NAME))}" />
<meta property="og:title" content="{entities(escape(og_title))}" />
<meta property="og:url" content="http://{site.host}{path}" />
{render_head_assets(site.host)}
</head>
<body class="{body_class} wsite-theme-light">
<div class="wrapper">
{render_header(active)}
<div class="main-wrap">
<div class="container">
<div id="wsite-content" class="wsite-elements wsite-not-footer">
{main}
</div>
</div>
</div>
{render_footer()}
</div>
<div class="weebly-footer"><span class="weebly-footer-link link">Powered by <a href="https://www.weebly.com/?utm_source=internal&amp;utm_medium=footer" target="_blank" rel="nofollow">Weebly</a></span></div>
<script type="text/javascript" src="/files/theme/plugins.js?1554838794"></script>
<script type="text/javascript" src="/files/theme/custom.js?1554838794"></script>
</body>
</html>
"""


def render_head_assets(host: str) -> str:
    cdn = "//cdn2.editmysite.com"
    return f"""<meta http-equiv="Content-Type" content="text/html; charset=utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1.0"/>
<link id="wsite-base-style" rel="stylesheet" type="text/css" href="{cdn}/css/sites.css?buildTime={BUILD_TIME}" />
<link rel="stylesheet" type="text/css" href="{cdn}/css/old/fancybox.css?{BUILD_TIME}" />
<link rel="stylesheet" type="text/css" href="{cdn}/css/social-icons.css?buildtime={BUILD_TIME}" media="screen,projection" />
<link rel="stylesheet" type="text/css" href="/files/main_style.css?1554838794" title="wsite-theme-css" />
<link rel="alternate" type="application/rss+xml" title="RSS" href="//{host}/blog/feed" />
<style type='text/css'>
#wsite-content div.paragraph, #wsite-content p, .blog-sidebar div.paragraph, .blog-sidebar p {{}}
#wsite-content h2, .blog-sidebar h2 {{}}
.wsite-menu-default a {{}}
.blog-header h2 a {{}}
</style>
<script>
var STATIC_BASE = '//cdn1.editmysite.com/';
var ASSETS_BASE = '//cdn2.editmysite.com/';
var STYLE_PREFIX = 'wsite';
</script>
<script src='https://ajax.googleapis.com/ajax/libs/jquery/1.8.3/jquery.min.js'></script>
<script type="text/javascript" src="{cdn}/js/lang/en/stl.js?buildTime={BUILD_TIME}&"></script>
<script src="{cdn}/js/site/main.js?buildTime={BUILD_TIME}"></script><script type="text/javascript">_W.configDomain = "www.weebly.com";</script><script>_W.relinquish && _W.relinquish()</script>
<script type="text/javascript" src="{cdn}/js/lang/en/stl.js?buildTime={BUILD_TIME}&"></script><script> _W.themePlugins = [];</script><script type="text/javascript"> _W.recaptchaUrl = "https://www.google.com/recaptcha/api.js"; </script><script type="text/javascript"><!--
	function initFlyouts(){{
		initPublishedFlyoutMenus(
			[{{"id":"{MENU_IDS["Home"]}","title":"Home","url":"\\/","target":"","nav_menu":false,"nonclickable":false}},{{"id":"{MENU_IDS["Blog"]}","title":"Blog","url":"\\/blog","target":"","nav_menu":false,"nonclickable":false}}],
			"{MENU_IDS["Blog"]}",
			'',
			'active',
			false,
			{{}}
		)
	}}
	if (window._W && _W.jQuery) {{ _W.jQuery(document).ready(initFlyouts); }}
//-->
</script>"""


MENU_IDS = {"Home": "731648204951872256", "Blog": "194837265019384756"}


def render_header(active: str) -> str:
    items = "\n".join(
        f"""<li id="{'active' if name == active else 'pg' + MENU_IDS[name]}" class="wsite-menu-item-wrap">
<a href="{href}" class="wsite-menu-item">{name}</a>
</li>"""
        for name, href in (("Home", "/"), ("Blog", "/blog"))
    )
    return f"""<div class="header-wrap">
<div id="header">
<div class="container">
<div class="logo"><span class="wsite-logo">
<a href="/"><span id="wsite-title">{entities(escape(content.SITE_NAME))}</span></a>
</span></div>
<div id="navigation" class="nav"><div id="wsite-menus"><ul class="wsite-menu-default">
{items}
</ul></div></div>
</div>
</div>
</div>"""


def render_footer() -> str:
    return f"""<div class="footer-wrap">
<div class="container">
<div class="footer"><div class='wsite-elements wsite-footer'>
<div class="paragraph" style="text-align:center;">&copy; 2024 {entities(escape(content.SITE_NAME))}. All rights reserved.</div>
</div></div>
</div>
</div>"""


def blog_table(main: str, sidebar: str) -> str:
    return f"""<div class="blog-body">
<table id="blogTable" class="blog-table">
<tr>
<td class="blog-main" valign="top">
{main}
</td>
<td class="blog-sidebar" valign="top">
{sidebar}
</td>
</tr>
</table>
</div>"""


# --- the post block -------------------------------------------------------------


def render_post_block(site: Site, post: Post, *, in_list: bool) -> str:
    href = site.post_href(post)
    comments_link = f'<a href="{href}#comments" class="blog-link">{comment_count(post)}</a>'
    body = render_body(post, until_more=in_list)
    if in_list and MORE in post.blocks:
        body += f'\n<div class="blog-read-more">\n<a href="{href}" class="blog-link">Read More</a>\n</div>'
    if post.social:
        body += "\n" + render_social(site, post)
    return f"""<div id="blog-post-{post.post_id}" class="blog-post">
<div class="blog-header">
<h2 class="blog-title">
<a class="blog-title-link blog-link" href="{href}">{entities(escape(post.title))}</a>
</h2>
<p class="blog-date">
<span class="date-text">
{post.posted.month}/{post.posted.day}/{post.posted.year}
</span>
<span class="blog-separator">|</span>
<span class="blog-comments">{comments_link}</span>
</p>
</div>
<div class="blog-content">
{body}
</div>
<div class="blog-comments-bottom">{comments_link}</div>
</div>"""


def comment_count(post: Post) -> str:
    count = len(post.comments)
    return f"{count} Comment" if count == 1 else f"{count} Comments"


def render_social(site: Site, post: Post) -> str:
    url = f"http:{site.post_href(post)}"
    quoted = url.replace(":", "%3A").replace("/", "%2F")
    return f"""<div class="blog-social ">
<div class="blog-social-item blog-fb-like"><iframe src="//www.facebook.com/plugins/like.php?href={quoted}&amp;send=false&amp;layout=button_count&amp;width=100&amp;show_faces=false&amp;action=like&amp;colorscheme=light&amp;font&amp;height=21" scrolling="no" frameborder="0" allowTransparency="true" style="border:none; overflow:hidden; width:100px; height:21px;"></iframe></div>
<div class="blog-social-item blog-twitter"><a href="https://twitter.com/share" class="twitter-share-button" data-url="{url}" data-text="{entities(escape(post.title))}" data-count="none">Tweet</a></div>
</div>"""


def render_comments(post: Post) -> str:
    closed = '<div class="blog-notice-comments-closed">Comments are closed.</div>'
    if not post.comments and not post.comments_open:
        return closed
    wraps = "\n".join(render_comment(post, comment) for comment in post.comments)
    notice = "" if post.comments_open else f"\n{closed}"
    return f"""<a name="comments" id="comments"></a>
<div id="commentArea"><div class="blog-comment-area">
{wraps}{notice}
</div></div>"""


def render_comment(post: Post, comment: Comment) -> str:
    when = comment.posted
    stamp = f"{when.month}/{when.day}/{when.year} {when:%I:%M:%S} {when:%p}".lower()
    return f"""<div id="{element_id(post.slug + comment.name)}" class="blogCommentWrap">
<div class="blogCommentHeading">
<div class="blogCommentAuthor"><span class="name">{entities(escape(comment.name))}</span></div>
<div class="blogCommentDate">{stamp}</div>
</div>
<div class="blogCommentText"><p>{entities(escape(comment.text))}</p></div>
</div>"""


def render_page_nav(base: str, number: int, last: int) -> str:
    previous = f'\n<a href="{page_path(base, number + 1)}" class="blog-link">&lt;&lt;Previous</a>\n' if number < last else ""
    following = f'\n<a href="{page_path(base, number - 1)}" class="blog-link">Next&gt;&gt;</a>\n' if number > 1 else ""
    return f"""<div class="blog-page-nav-previous">{previous}</div>
<div class="blog-page-nav-next">{following}</div>"""


# --- the sidebar -----------------------------------------------------------------


def render_sidebar(site: Site) -> str:
    categories = "\n".join(
        [f'<a href="{site.blog}/category/all" class="blog-link">All</a>']
        + [f'<a href="{site.blog}/category/{weebly_slug(n)}" class="blog-link">{entities(escape(n))}</a>' for n in category_names(site.posts)]
    )
    months = "\n".join(
        f'<a href="{site.blog}/archives/{month:02d}-{year}" class="blog-link">{MONTHS[month - 1]} {year}</a>'
        for year, month in archive_months(site.posts)
    )
    return f"""<h2 class="wsite-content-title">About</h2>
<div class="paragraph">{entities(escape(content.SITE_PITCH))}<br /><br />{entities(escape(content.NEWSLETTER_PITCH))}</div>
{render_featured(site)}
<h2 class="wsite-content-title">Categories</h2>
<p class="blog-category-list">
{categories}
</p>
<h2 class="wsite-content-title">Archives</h2>
<p class="blog-archive-list">
{months}
</p>
<p class="blog-feed-link">
<a id="blog-rss-feed" href="{site.blog}/feed" class="blog-link" rel="alternate" type="application/rss+xml">RSS Feed</a>
</p>"""


def render_featured(site: Site) -> str:
    """Two hand-made links to posts, as messy as real sidebars: a trailing slash and tracking, a fragment."""
    by_title = {post.title: post for post in site.posts}
    first, second = (by_title.get(title) for title in content.FEATURED_TITLES)
    if first is None or second is None:
        return ""
    first_href = f"http://{site.host}/blog/{first.slug}/?utm_source=sidebar&amp;utm_medium=web"
    second_href = f"{site.post_href(second)}#top"
    return f"""<h2 class="wsite-content-title">Featured</h2>
<div class="paragraph">New to the blog? Read <a href="{first_href}">{entities(escape(first.title))}</a> and <a href="{second_href}">{entities(escape(second.title))}</a>.</div>"""


# --- robots.txt ------------------------------------------------------------------


ROBOTS_TXT = """User-agent: NerdyBot
Disallow: /

User-agent: *
Disallow: /ajax/
Disallow: /apps/
"""
