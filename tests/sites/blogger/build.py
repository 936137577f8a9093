"""Render the Blogger fixture blog (``v1/``, ``v2/``, ``expected.json``) from ``tests/blogcontent.py``.

Blogger cannot run here, so this renderer writes what a Blogger blog on a custom domain serves: the classic
Layouts "Simple" template's pages (home, older-posts search pages, post pages, month and year archives, label
pages, static pages), the feeds API answers (Atom, RSS, JSON, summary, paged with ``start-index`` and
``max-results``), ``robots.txt`` and the sitemaps. Answers whose URL has a query string, or no file extension,
go through ``_routes.json`` with Blogger's Content-Types. README.md says what follows real Blogger and what is
simplified.

Run from the repository root (standard library only)::

    python3 tests/sites/blogger/build.py
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sys
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

import blogcontent  # noqa: E402

ORIGIN = "http://{{HOST}}"                 # a custom domain: Blogger serves the blog at the domain's root
BLOGGER = "http://www.blogger.com"         # where Blogger's feeds put their rel=self and rel=next links
BLOG_TITLE = "The Career Desk"
BLOG_DESCRIPTION = "Straight answers to the career questions our readers send us."
OWNER = "Ann Lee"                          # the blog's owner: the feed-level author
MAIN_PAGE_POSTS = 7                        # Settings > Posts > "Show at most 7 posts on the main page"
LABEL_PAGE_POSTS = 20                      # label search pages show 20 posts a page
FEED_DEFAULT = 25                          # feeds give 25 entries unless max-results says otherwise ...
FEED_CAP = 100                             # ... and never more than 100 a page
FEED_PAGE_SIZES = (25, 100, 150, 500)      # the max-results values recorded in _routes.json
SUMMARY_CHARS = 400                        # length of a summary feed's snippet (a guess, see README)
NNBSP = "&#8239;"                          # Blogger's time format puts a narrow no-break space before AM/PM

HTML_TYPE = "text/html; charset=UTF-8"
ATOM_TYPE = "application/atom+xml; charset=UTF-8"
RSS_TYPE = "application/rss+xml; charset=UTF-8"
JSON_TYPE = "application/json; charset=UTF-8"
XML_TYPE = "application/xml; charset=UTF-8"

UTC = timezone.utc
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def numeric_id(kind: str, key: str, digits: int = 19) -> str:
    """A stable Blogger-style numeric id (blog, post, comment and profile ids are long decimal numbers)."""
    n = int(hashlib.sha256(f"{kind}:{key}".encode()).hexdigest(), 16)
    return str(10 ** (digits - 1) + n % (9 * 10 ** (digits - 1)))


BLOG_ID = numeric_id("blog", BLOG_TITLE)


def profile_url(name: str) -> str:
    return f"https://www.blogger.com/profile/{numeric_id('profile', name, 20)}"


# Reader comments (commenters never write posts): post slug -> [(commenter, days and minutes after posting, text)].
COMMENTS = {
    "answer-the-salary-question": [
        ("Priya Raman", (1, 75), "I used the range trick in an interview last week and it worked. Thank you!"),
        ("Marcus Webb", (2, 610), "What if they insist on a single number before making an offer?"),
    ],
    "work-across-time-zones": [
        ("Lena Ortiz", (0, 185), "Shared calendars with both zones shown saved our team a lot of confusion."),
    ],
}


# ---------------------------------------------------------------------------------------------- small helpers

def esc(text: str) -> str:
    """Escape text for HTML, the way Blogger's templates do (``'`` as ``&#39;``)."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


def xesc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def qv(value: str) -> str:
    """A query value as Blogger writes it in its pager links (``:`` and ``+`` percent-encoded)."""
    return quote(value, safe="-_.")


def long_date(d: datetime) -> str:
    return f"{d:%A}, {MONTHS[d.month - 1]} {d.day}, {d.year}"


def clock(d: datetime) -> str:
    return f"{(d.hour + 11) % 12 + 1}:{d.minute:02d}{NNBSP}{'AM' if d.hour < 12 else 'PM'}"


def millis(key: str) -> int:
    return int(numeric_id("ms", key, 6)) % 19 + 1


def feed_time(d: datetime, key: str) -> str:
    """A feed timestamp: the blog's offset, with milliseconds as Blogger gives them."""
    return d.strftime("%Y-%m-%dT%H:%M:%S") + f".{millis(key):03d}" + d.strftime("%z")[:3] + ":" + d.strftime("%z")[3:]


def js(text: str) -> str:
    """A string inside Blogger's inline JavaScript (``'`` quoted, ``<``, ``>``, ``=``, ``&`` as ``\\x3c`` ...)."""
    out = text.replace("\\", "\\\\").replace("'", "\\x27").replace('"', "\\x22")
    for ch, rep in (("<", "\\x3c"), (">", "\\x3e"), ("=", "\\x3d"), ("&", "\\x26"), ("\n", "\\n")):
        out = out.replace(ch, rep)
    return out


def label_url(label: str) -> str:
    return f"{ORIGIN}/search/label/{quote(label)}"


def label_key(label: str) -> tuple[str, str]:
    return (label.lower(), label)   # Blogger sorts labels alphabetically, ignoring case


# ------------------------------------------------------------------------------------------------ the blog model

class Post:
    def __init__(self, src: blogcontent.BlogPost):
        self.src = src
        self.id = numeric_id("post", src.slug)
        self.title = src.title
        self.published = src.published
        self.path = f"/{src.published:%Y/%m}/{src.slug}.html"
        self.url = ORIGIN + self.path
        self.author = src.authors[0]                       # a Blogger post has exactly one author
        self.labels = sorted(set(src.categories + src.tags), key=label_key)
        seconds = 20 + int(numeric_id("updated", src.slug, 4)) % 40
        self.updated = src.modified or src.published + timedelta(seconds=seconds)
        self.body = "\n".join(f"<p>{p}</p>" for p in src.paragraphs)
        self.text = src.text
        self.comments = [
            Comment(self, n, name, src.published + timedelta(days=days, minutes=minutes), text)
            for n, (name, (days, minutes), text) in enumerate(COMMENTS.get(src.slug, ()))
        ]

    @property
    def published_iso(self) -> str:
        return self.published.isoformat()


class Comment:
    def __init__(self, post: Post, n: int, name: str, when: datetime, text: str):
        self.id = numeric_id("comment", f"{post.id}:{n}")
        self.name, self.when, self.text = name, when, text
        self.url = f"{post.url}?showComment={int(when.timestamp() * 1000)}#c{self.id}"


class Page:
    def __init__(self, src: blogcontent.Page):
        self.id = numeric_id("page", src.slug)
        self.title = src.title
        self.path = f"/p/{src.slug}.html"
        self.url = ORIGIN + self.path
        self.body = "\n".join(f"<p>{esc(p)}</p>" for p in src.paragraphs)
        self.text = "\n\n".join(src.paragraphs)
        self.updated = datetime(2024, 1, 1, 8, 15, 0, tzinfo=timezone(timedelta(hours=-5)))


class Blog:
    def __init__(self, state: str):
        self.state = state
        self.posts = sorted((Post(p) for p in blogcontent.posts(state)), key=lambda p: p.published, reverse=True)
        self.pages = [Page(p) for p in blogcontent.PAGES]
        self.labels = sorted({label for p in self.posts for label in p.labels}, key=label_key)
        last = max(self.posts, key=lambda p: p.updated)
        self.updated, self.updated_key = last.updated, last.id + ":u"    # the feed's <updated> is its newest entry's
        self.authors = sorted({p.author for p in self.posts}, key=blogcontent.AUTHORS.index)
        self.files: dict[str, str] = {}                # file path in the state folder -> content
        self.routes: dict[str, dict] = {}              # request path with query -> _routes.json entry
        self.not_posts: list[str] = []
        self._by_content: dict[str, str] = {}

    def add_file(self, path: str, content: str) -> None:
        self.files[path] = content

    def add_route(self, key: str, content: str, ctype: str, ext: str) -> None:
        """Answer ``key`` with ``content``; identical answers (e.g. max-results=100/150/500) share one file."""
        path = self._by_content.get(content)
        if path is None:
            name = "_" + re.sub(r"[^A-Za-z0-9]+", "-", key.strip("/")).strip("-").lower() + ext
            path = self._by_content[content] = f"_data/{name}"
            self.files[path] = content
        self.routes[key] = {"file": path, "status": 200, "headers": {"Content-Type": ctype}}


# ------------------------------------------------------------------------------------------------ HTML pieces

SKIN_CSS = """/*
-----------------------------------------------
Blogger Template Style
Name:     Simple
Designer: Blogger
URL:      www.blogger.com
----------------------------------------------- */
/* Content
----------------------------------------------- */
body {
font: normal normal 13px Arial, Tahoma, Helvetica, FreeSans, sans-serif;
color: #2b2b2b;
background: #e8eef2 none repeat scroll top left;
padding: 0 40px 40px 40px;
}
a:link {
text-decoration:none;
color: #1f6f9f;
}
a:visited {
text-decoration:none;
color: #7a7a7a;
}
a:hover {
text-decoration:underline;
color: #2f9fdf;
}
.content-inner {
padding: 10px 10px;
background-color: #ffffff;
}
/* Header
----------------------------------------------- */
.Header h1 {
font: normal normal 48px Arial, Tahoma, Helvetica, FreeSans, sans-serif;
color: #2f7fa8;
}
.Header .description {
font-size: 130%;
color: #6f6f6f;
}
/* Tabs
----------------------------------------------- */
.tabs-inner .widget ul {
border-bottom: 1px solid #e4e4e4;
margin-top: 0;
}
.tabs-inner .widget li a {
display: inline-block;
padding: .6em 1em;
color: #8a8a8a;
}
.tabs-inner .widget li.selected a, .tabs-inner .widget li a:hover {
color: #000000;
background-color: #eeeeee;
}
/* Widgets and posts
----------------------------------------------- */
div.widget > h2,
div.widget h2.title {
margin: 0 0 1em 0;
font: normal bold 11px Arial, Tahoma, Helvetica, FreeSans, sans-serif;
}
.widget .zippy {
color: #9a9a9a;
}
h2.date-header {
font: normal bold 11px Arial, Tahoma, Helvetica, FreeSans, sans-serif;
}
.post {
margin: 0 0 25px 0;
}
h3.post-title, .comments h4 {
font: normal normal 22px Arial, Tahoma, Helvetica, FreeSans, sans-serif;
margin: .75em 0 0;
}
.post-body {
font-size: 110%;
line-height: 1.4;
position: relative;
}
.post-header {
margin: 0 0 1.5em;
line-height: 1.6;
font-size: 90%;
}
.post-footer {
margin: 20px -2px 0;
padding: 5px 10px;
color: #6a6a6a;
background-color: #f7f7f7;
border-bottom: 1px solid #e4e4e4;
line-height: 1.6;
font-size: 90%;
}
#comments .comment-author {
padding-top: 1.5em;
border-top: 1px solid #e4e4e4;
}
.blog-pager-older-link, .home-link,
.blog-pager-newer-link {
background-color: #ffffff;
padding: 5px;
}
.status-msg-wrap {
font-size: 110%;
margin: 0 auto 25px;
}
"""

TEMPLATE_CSS = """body {
min-width: 960px;
}
.content-outer, .content-fauxcolumn-outer, .region-inner {
min-width: 960px;
max-width: 960px;
}
.main-inner .columns {
padding-left: 0px;
padding-right: 300px;
}
.main-inner .column-right-outer {
width: 300px;
margin-right: -300px;
}
"""


def head(blog: Blog, title: str, canonical: str, description: str, post: Post | None) -> str:
    comment_feed = (f'\n<link rel="alternate" type="application/atom+xml" title="{esc(BLOG_TITLE)} - Atom" '
                    f'href="{ORIGIN}/feeds/{post.id}/comments/default" />') if post else ""
    return f"""<!DOCTYPE html>
<html class='v2' dir='ltr' lang='en'>
<head>
<link href='https://www.blogger.com/static/v1/widgets/1843165302-css_bundle_v2.css' rel='stylesheet' type='text/css'/>
<meta content='width=1100' name='viewport'/>
<meta content='text/html; charset=UTF-8' http-equiv='Content-Type'/>
<meta content='blogger' name='generator'/>
<link href='{ORIGIN}/favicon.ico' rel='icon' type='image/x-icon'/>
<link href='{esc(canonical)}' rel='canonical'/>
<link rel="alternate" type="application/atom+xml" title="{esc(BLOG_TITLE)} - Atom" href="{ORIGIN}/feeds/posts/default" />
<link rel="alternate" type="application/rss+xml" title="{esc(BLOG_TITLE)} - RSS" href="{ORIGIN}/feeds/posts/default?alt=rss" />
<link rel="service.post" type="application/atom+xml" title="{esc(BLOG_TITLE)} - Atom" href="https://www.blogger.com/feeds/{BLOG_ID}/posts/default" />
{comment_feed}
<!--Can't find substitution for tag [blog.ieCssRetrofitLinks]-->
<meta content='{esc(canonical)}' property='og:url'/>
<meta content='{esc(title)}' property='og:title'/>
<meta content='{esc(description)}' property='og:description'/>
<title>{esc(title if title == BLOG_TITLE else BLOG_TITLE + ": " + title)}</title>
<style id='page-skin-1' type='text/css'><!--
{SKIN_CSS}
--></style>
<style id='template-skin-1' type='text/css'><!--
{TEMPLATE_CSS}--></style>
<link href='https://www.blogger.com/dyn-css/authorization.css?targetBlogID={BLOG_ID}&amp;zx=5a0c3e8e-7a2f-4c61-9d1e-2f6b1c0d4e7a' media='none' onload='if(media!=&#39;all&#39;)media=&#39;all&#39;' rel='stylesheet'/><noscript><link href='https://www.blogger.com/dyn-css/authorization.css?targetBlogID={BLOG_ID}&amp;zx=5a0c3e8e-7a2f-4c61-9d1e-2f6b1c0d4e7a' rel='stylesheet'/></noscript>
<meta name='google-adsense-platform-account' content='ca-host-pub-1556223355139109'/>
<meta name='google-adsense-platform-domain' content='blogspot.com'/>
</head>
"""


def caps(name: str) -> str:
    return f"""<div class='{name}-cap-top cap-top'>
<div class='cap-left'></div>
<div class='cap-right'></div>
</div>"""


SELECTED = " class='selected'"


def top(blog: Blog, post_id: str | None, current: str) -> str:
    navbar_query = f"?po\\x3d{post_id}\\x26origin\\x3d{ORIGIN}" if post_id else f"?origin\\x3d{ORIGIN}"
    tabs = [("Home", ORIGIN + "/")] + [(p.title, p.url) for p in blog.pages]
    tab_items = "\n".join(
        f"<li{SELECTED if url == current else ''}><a href='{url}'>{esc(name)}</a></li>" for name, url in tabs)
    return f"""<body class='loading variant-pale'>
<div class='navbar section' id='navbar' name='Navbar'><div class='widget Navbar' data-version='1' id='Navbar1'><script type="text/javascript">
    function setAttributeOnload(object, attribute, val) {{
      if(window.addEventListener) {{
        window.addEventListener('load',
          function(){{ object[attribute] = val; }}, false);
      }} else {{
        window.attachEvent('onload', function(){{ object[attribute] = val; }});
      }}
    }}
  </script>
<div id="navbar-iframe-container"></div>
<script type="text/javascript" src="https://apis.google.com/js/platform.js"></script>
<script type="text/javascript">
      gapi.load("gapi.iframes:gapi.iframes.style.bubble", function() {{
        if (gapi.iframes && gapi.iframes.getContext) {{
          gapi.iframes.getContext().openChild({{
              url: 'https://www.blogger.com/navbar/{BLOG_ID}{navbar_query}',
              where: document.getElementById("navbar-iframe-container"),
              id: "navbar-iframe"
          }});
        }}
      }});
    </script>
</div></div>
<div class='body-fauxcolumns'>
<div class='fauxcolumn-outer body-fauxcolumn-outer'>
{caps('body')}
<div class='fauxborder-left'>
<div class='fauxborder-right'></div>
<div class='fauxcolumn-inner'>
</div>
</div>
</div>
</div>
<div class='content'>
<div class='content-outer'>
{caps('content')}
<div class='fauxborder-left content-fauxborder-left'>
<div class='fauxborder-right content-fauxborder-right'></div>
<div class='content-inner'>
<header>
<div class='header-outer'>
{caps('header')}
<div class='fauxborder-left header-fauxborder-left'>
<div class='fauxborder-right header-fauxborder-right'></div>
<div class='region-inner header-inner'>
<div class='header section' id='header' name='Header'><div class='widget Header' data-version='1' id='Header1'>
<div id='header-inner'>
<div class='titlewrapper'>
<h1 class='title'>
<a href='{ORIGIN}/'>
{esc(BLOG_TITLE)}
</a>
</h1>
</div>
<div class='descriptionwrapper'>
<p class='description'><span>{esc(BLOG_DESCRIPTION)}</span></p>
</div>
</div>
</div></div>
</div>
</div>
</div>
</header>
<div class='tabs-outer'>
{caps('tabs')}
<div class='fauxborder-left tabs-fauxborder-left'>
<div class='fauxborder-right tabs-fauxborder-right'></div>
<div class='region-inner tabs-inner'>
<div class='tabs section' id='crosscol' name='Cross-Column'><div class='widget PageList' data-version='1' id='PageList1'>
<h2>Pages</h2>
<div class='widget-content'>
<ul>
{tab_items}
</ul>
<div class='clear'></div>
</div>
</div></div>
<div class='tabs no-items section' id='crosscol-overflow' name='Cross-Column 2'></div>
</div>
</div>
</div>
<div class='main-outer'>
{caps('main')}
<div class='fauxborder-left main-fauxborder-left'>
<div class='fauxborder-right main-fauxborder-right'></div>
<div class='region-inner main-inner'>
<div class='columns fauxcolumns'>
<!-- corrects IE6 width calculation -->
<div class='columns-inner'>
<div class='column-center-outer'>
<div class='column-center-inner'>
<div class='main section' id='main' name='Main'><div class='widget Blog' data-version='1' id='Blog1'>
"""


def post_author(post: Post) -> str:
    url = profile_url(post.author)
    return f"""<span class='post-author vcard'>
Posted by
<span class='fn' itemprop='author' itemscope='itemscope' itemtype='http://schema.org/Person'>
<meta content='{url}' itemprop='url'/>
<a class='g-profile' href='{url}' rel='author' title='author profile'>
<span itemprop='name'>{esc(post.author)}</span>
</a>
</span>
</span>"""


def share_buttons(kind: str, item_id: str) -> str:
    popup = " onclick='window.open(this.href, \"_blank\", \"height={},width={}\"); return false;'"
    targets = (("email", "Email This", ""), ("blog", "BlogThis!", popup.format(270, 475)), ("twitter", "Share to X", ""),
               ("facebook", "Share to Facebook", popup.format(430, 640)), ("pinterest", "Share to Pinterest", ""))
    links = "".join(
        f"<a class='goog-inline-block share-button sb-{t}' href='https://www.blogger.com/share-post.g?blogID={BLOG_ID}"
        f"&{kind}ID={item_id}&target={t}'{extra} target='_blank' title='{label}'><span class='share-button-link-text'>"
        f"{label}</span></a>" for t, label, extra in targets)
    return f"<div class='post-share-buttons goog-inline-block'>\n{links}\n</div>"


def post_block(post: Post, item: bool) -> str:
    """One post in the Blog widget: a list page's entry (``item`` False) or the post page's (True)."""
    title = esc(post.title) if item else f"<a href='{post.url}'>{esc(post.title)}</a>"
    n = len(post.comments)
    comment_link = "" if item else (
        f"\n<a class='comment-link' href='{post.url}#comment-form' onclick=''>\n"
        f"{'No comments' if n == 0 else str(n) + (' comment' if n == 1 else ' comments')}:\n  </a>\n")
    labels = ""
    if post.labels:
        labels = "Labels:\n" + ",\n".join(
            f"<a href='{label_url(label)}' rel='tag'>{esc(label)}</a>" for label in post.labels) + "\n"
    out = f"""<div class='post-outer'>
<div class='post hentry uncustomized-post-template' itemprop='blogPost' itemscope='itemscope' itemtype='http://schema.org/BlogPosting'>
<meta content='{BLOG_ID}' itemprop='blogId'/>
<meta content='{post.id}' itemprop='postId'/>
<a name='{post.id}'></a>
<h3 class='post-title entry-title' itemprop='name'>
{title}
</h3>
<div class='post-header'>
<div class='post-header-line-1'></div>
</div>
<div class='post-body entry-content' id='post-body-{post.id}' itemprop='description articleBody'>
{post.body}
<div style='clear: both;'></div>
</div>
<div class='post-footer'>
<div class='post-footer-line post-footer-line-1'>
{post_author(post)}
<span class='post-timestamp'>
at
<meta content='{post.url}' itemprop='url'/>
<a class='timestamp-link' href='{post.url}' rel='bookmark' title='permanent link'><abbr class='published' itemprop='datePublished' title='{post.published_iso}'>{clock(post.published)}</abbr></a>
</span>
<span class='post-comment-link'>{comment_link}
</span>
<span class='post-icons'>
<span class='item-action'>
<a href='https://www.blogger.com/email-post/{BLOG_ID}/{post.id}' title='Email Post'>
<img alt='' class='icon-action' height='13' src='https://resources.blogblog.com/img/icon18_email.gif' width='18'/>
</a>
</span>
</span>
{share_buttons('post', post.id)}
</div>
<div class='post-footer-line post-footer-line-2'>
<span class='post-labels'>
{labels}</span>
</div>
<div class='post-footer-line post-footer-line-3'>
<span class='post-location'>
</span>
</div>
</div>
</div>
"""
    if item:
        out += comments_block(post)
    return out + "</div>\n"


def comments_block(post: Post) -> str:
    n = len(post.comments)
    heading = "No comments:" if n == 0 else f"{n} comment{'s' if n != 1 else ''}:"
    items = []
    for c in post.comments:
        profile = profile_url(c.name)
        items.append(f"""<dt class='comment-author ' id='c{c.id}'>
<a name='c{c.id}'></a>
<div class="avatar-image-container avatar-stock"><span dir="ltr"><a href="{profile}" target="" rel="nofollow" onclick="" class="avatar-hovercard" id="av-{c.id}-{profile.rsplit('/', 1)[1]}"><img src="//www.blogger.com/img/blogger_logo_round_35.png" width="35" height="35" alt="" title="{esc(c.name)}">

</a></span></div>
<a href='{profile}' rel='nofollow'>{esc(c.name)}</a>
said...
</dt>
<dd class='comment-body' id='Blog1_cmt-{c.id}'>
<p>
{esc(c.text)}
</p>
</dd>
<dd class='comment-footer'>
<span class='comment-timestamp'>
<a href='{c.url}' title='comment permalink'>
{MONTHS[c.when.month - 1]} {c.when.day}, {c.when.year} at {clock(c.when)}
</a>
<span class='item-control blog-admin pid-{numeric_id('pid', c.name, 10)}'>
<a class='comment-delete' href='https://www.blogger.com/comment/delete/{BLOG_ID}/{c.id}' title='Delete Comment'>
<img src='https://resources.blogblog.com/img/icon_delete13.gif'/>
</a>
</span>
</span>
</dd>
""")
    return f"""<div class='comments' id='comments'>
<a name='comments'></a>
<h4>{heading}</h4>
<div id='Blog1_comments-block-wrapper'>
<dl class='avatar-comment-indent' id='comments-block'>
{''.join(items)}</dl>
</div>
<p class='comment-footer'>
<a href='https://www.blogger.com/comment/fullpage/post/{BLOG_ID}/{post.id}' onclick=''>Post a Comment</a>
</p>
</div>
"""


def posts_by_day(posts: list[Post], item: bool) -> str:
    """The ``blog-posts`` list: one ``date-outer`` with an ``h2.date-header`` per day (the blog's local day)."""
    out, day = [], None
    for post in posts:
        if post.published.date() != day:
            if day is not None:
                out.append("\n          </div></div>\n        \n")
            day = post.published.date()
            out.append(f"""
          <div class="date-outer">
        
<h2 class='date-header'><span>{long_date(post.published)}</span></h2>

          <div class="date-posts">
        
""")
        out.append(post_block(post, item))
    out.append("\n        </div></div>\n      \n")
    return "".join(out)


def pager(newer: tuple[str, str] | None, older: tuple[str, str] | None) -> str:
    parts = ["<div class='blog-pager' id='blog-pager'>"]
    if newer:
        parts.append(f"<span id='blog-pager-newer-link'>\n<a class='blog-pager-newer-link' href='{esc(newer[0])}' "
                     f"id='Blog1_blog-pager-newer-link' title='{newer[1]}'>{newer[1]}</a>\n</span>")
    if older:
        parts.append(f"<span id='blog-pager-older-link'>\n<a class='blog-pager-older-link' href='{esc(older[0])}' "
                     f"id='Blog1_blog-pager-older-link' title='{older[1]}'>{older[1]}</a>\n</span>")
    parts.append(f"<a class='home-link' href='{ORIGIN}/'>Home</a>\n</div>\n<div class='clear'></div>")
    return "\n".join(parts) + "\n"


def blog_feeds_links() -> str:
    return f"""<div class='blog-feeds'>
<div class='feed-links'>
Subscribe to:
<a class='feed-link' href='{ORIGIN}/feeds/posts/default' target='_blank' type='application/atom+xml'>Posts (Atom)</a>
</div>
</div>
"""


def sidebar(blog: Blog, expanded_month: str) -> str:
    contributors = "\n".join(
        f"<li><a class='profile-name-link g-profile' href='{profile_url(a)}' "
        f"style='background-image: url(//www.blogger.com/img/logo-16.png);'>{esc(a)}</a></li>" for a in blog.authors)
    months: dict[str, list[Post]] = {}
    for p in blog.posts:
        months.setdefault(p.published.strftime("%Y-%m"), []).append(p)
    years: dict[str, list[str]] = {}
    for m in months:
        years.setdefault(m[:4], []).append(m)
    archive = []
    for year, ms in years.items():
        count = sum(len(months[m]) for m in ms)
        month_items = []
        for m in ms:
            open_ = m == expanded_month
            posts_list = ""
            if open_:
                posts_list = "<ul class='posts'>\n" + "\n".join(
                    f"<li><a href='{p.url}'>{esc(p.title)}</a></li>" for p in months[m]) + "\n</ul>\n"
            month_items.append(f"""<li class='archivedate {'expanded' if open_ else 'collapsed'}'>
<a class='toggle' href='javascript:void(0)'>
<span class='zippy{' toggle-open' if open_ else ''}'>

        {'&#9660;' if open_ else '&#9658;'}&#160;
      
</span>
</a>
<a class='post-count-link' href='{ORIGIN}/{m[:4]}/{m[5:]}/'>
{MONTHS[int(m[5:]) - 1]}
</a>
<span class='post-count' dir='ltr'>({len(months[m])})</span>
{posts_list}</li>""")
        archive.append(f"""<ul class='hierarchy'>
<li class='archivedate expanded'>
<a class='toggle' href='javascript:void(0)'>
<span class='zippy toggle-open'>

        &#9660;&#160;
      
</span>
</a>
<a class='post-count-link' href='{ORIGIN}/{year}/'>
{year}
</a>
<span class='post-count' dir='ltr'>({count})</span>
<ul class='hierarchy'>
{chr(10).join(month_items)}
</ul>
</li>
</ul>""")
    counts = {label: sum(label in p.labels for p in blog.posts) for label in blog.labels}
    labels = "\n".join(f"<li>\n<a dir='ltr' href='{label_url(label)}'>{esc(label)}</a>\n<span dir='ltr'>({counts[label]})</span>\n</li>"
                       for label in blog.labels)
    return f"""</div></div>
</div>
</div>
<div class='column-left-outer'>
<div class='column-left-inner'>
<aside>
</aside>
</div>
</div>
<div class='column-right-outer'>
<div class='column-right-inner'>
<aside>
<div class='sidebar section' id='sidebar-right-1'><div class='widget Profile' data-version='1' id='Profile1'>
<h2>Contributors</h2>
<div class='widget-content'>
<ul>
{contributors}
</ul>
<div class='clear'></div>
</div>
</div><div class='widget BlogArchive' data-version='1' id='BlogArchive1'>
<h2>Blog Archive</h2>
<div class='widget-content'>
<div id='ArchiveList'>
<div id='BlogArchive1_ArchiveList'>
{chr(10).join(archive)}
</div>
</div>
<div class='clear'></div>
</div>
</div><div class='widget Label' data-version='1' id='Label1'>
<h2>Labels</h2>
<div class='widget-content list-label-widget-content'>
<ul>
{labels}
</ul>
<div class='clear'></div>
</div>
</div></div>
</aside>
</div>
</div>
</div>
<div style='clear: both'></div>
<!-- columns -->
</div>
<!-- main -->
</div>
</div>
</div>
<footer>
<div class='footer-outer'>
{caps('footer')}
<div class='fauxborder-left footer-fauxborder-left'>
<div class='fauxborder-right footer-fauxborder-right'></div>
<div class='region-inner footer-inner'>
<div class='foot no-items section' id='footer-1'></div>
<!-- outside of the include in order to lock Attribution widget -->
<div class='foot section' id='footer-3' name='Footer'><div class='widget Attribution' data-version='1' id='Attribution1'>
<div class='widget-content' style='text-align: center;'>
Simple theme. Powered by <a href='https://www.blogger.com' target='_blank'>Blogger</a>.
</div>
<div class='clear'></div>
</div></div>
</div>
</div>
</div>
</footer>
<!-- content -->
</div>
</div>
</div>
</div>
<script type='text/javascript'>
    window.setTimeout(function() {{
        document.body.className = document.body.className.replace('loading', '');
      }}, 10);
  </script>
"""


def jsval(value) -> str:
    """A Python value as a JavaScript literal, quoted the way Blogger's inline scripts quote them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"'{k}': {jsval(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(jsval(v) for v in value) + "]"
    return f"'{js(value)}'"


def widget(kind: str, widget_id: str, section: str, options: dict | None = None) -> str:
    return (f"_WidgetManager._RegisterWidget('_{kind}View', new _WidgetInfo('{widget_id}', '{section}', "
            f"document.getElementById('{widget_id}'), {jsval(options or {})}, 'displayModeFull'));")


def scripts(blog: Blog, url: str, title: str, description: str, page_type: str, page: dict, view: dict) -> str:
    """The closing scripts: widgets.js and ``_WidgetManager`` with the page's data context."""
    feed_links = "".join(
        f'<link rel="{rel}" type="{typ}" title="{BLOG_TITLE} - {name}" href="{href}" />\n'
        for rel, typ, name, href in (
            ("alternate", "application/atom+xml", "Atom", f"{ORIGIN}/feeds/posts/default"),
            ("alternate", "application/rss+xml", "RSS", f"{ORIGIN}/feeds/posts/default?alt=rss"),
            ("service.post", "application/atom+xml", "Atom", f"https://www.blogger.com/feeds/{BLOG_ID}/posts/default")))
    blog_data = {
        "blogId": BLOG_ID, "title": BLOG_TITLE, "url": url, "canonicalUrl": url, "homepageUrl": f"{ORIGIN}/",
        "searchUrl": f"{ORIGIN}/search", "canonicalHomepageUrl": f"{ORIGIN}/", "blogspotFaviconUrl": f"{ORIGIN}/favicon.ico",
        "bloggerUrl": "https://www.blogger.com", "hasCustomDomain": True, "httpsEnabled": False,
        "enabledCommentProfileImages": True, "gPlusViewType": "FILTERED_POSTMOD", "adultContent": False,
        "analyticsAccountNumber": "", "encoding": "UTF-8", "locale": "en", "localeUnderscoreDelimited": "en",
        "languageDirection": "ltr", "isPrivate": False, "isMobile": False, "isMobileRequest": False, "mobileClass": "",
        "isPrivateBlog": False, "isDynamicViewsAvailable": True, "feedLinks": feed_links, "meTag": "",
        "adsenseHostId": "ca-host-pub-1556223355139109", "adsenseHasAds": False, "adsenseAutoAds": False,
        "boqCommentIframeForm": True, "loginRedirectParam": "", "view": "",
        "dynamicViewsCommentsSrc": "//www.blogblog.com/dynamicviews/4224c15c4e7c9321/js/comments.js",
        "plusOneApiSrc": "https://apis.google.com/js/platform.js", "disableGComments": True,
        "interstitialAccepted": False, "hasCustomJumpLinkMessage": False, "jumpLinkMessage": "Read more",
        "pageType": page_type, **page, "pageTitle": title if title == BLOG_TITLE else f"{BLOG_TITLE}: {title}",
    }
    context = [
        {"name": "blog", "data": blog_data},
        {"name": "features", "data": {}},
        {"name": "messages", "data": {"edit": "Edit", "linkCopiedToClipboard": "Link copied to clipboard!", "ok": "Ok",
                                      "postLink": "Post Link"}},
        {"name": "template", "data": {"name": "Simple", "localizedName": "Simple", "isResponsive": False,
                                      "isAlternateRendering": False, "isCustom": False, "variant": "pale",
                                      "variantId": "pale"}},
        {"name": "view", "data": {"classic": {"name": "classic", "url": "?view=classic"}, "isMobile": False,
                                  "title": title, "description": description, "url": url, **view}},
    ]
    page_links = [("Home", f"{ORIGIN}/", None)] + [(p.title, p.url, p.id) for p in blog.pages]
    links = [{"isCurrentPage": u == url, "href": u, **({"id": i} if i else {}), "title": t} for t, u, i in page_links]
    widgets = [
        widget("Navbar", "Navbar1", "navbar"),
        widget("Header", "Header1", "header"),
        widget("PageList", "PageList1", "crosscol", {"title": "Pages", "links": links, "mobile": False,
                                                     "showPlaceholder": True,
                                                     "hasCurrentPage": any(u == url for _, u, _ in page_links)}),
        widget("Blog", "Blog1", "main", {"cmtInteractionsEnabled": False, "lightboxEnabled": True,
                                         "lightboxModuleUrl": "https://www.blogger.com/static/v1/jsbin/2485970545-lbx.js",
                                         "lightboxCssUrl": "https://www.blogger.com/static/v1/v-css/828616780-lightbox_bundle.css"}),
        widget("Profile", "Profile1", "sidebar-right-1"),
        widget("BlogArchive", "BlogArchive1", "sidebar-right-1", {"languageDirection": "ltr", "loadingMessage": "Loading&hellip;"}),
        widget("Label", "Label1", "sidebar-right-1"),
        widget("Attribution", "Attribution1", "footer-3"),
    ]
    init = (f"window['__wavt'] = 'AOuZoY4mQx2kR7bT0sVn8pLwE5cHfJ1dYg:1722000000000';"
            f"_WidgetManager._Init('//www.blogger.com/rearrange?blogID\\x3d{BLOG_ID}','{js(url.replace('http:', ''))}','{BLOG_ID}');")
    newline = "\n"
    return f"""
<script type="text/javascript" src="https://www.blogger.com/static/v1/widgets/3101730221-widgets.js"></script>
<script type='text/javascript'>
{init}
_WidgetManager._SetDataContext({jsval(context)});
{newline.join(widgets)}
</script>
</body>
</html>
"""


LIST_VIEW = {"type": "feed", "isSingleItem": False, "isMultipleItems": True, "isError": False, "isPage": False,
             "isPost": False}


def snippet(text: str, n: int = 150) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[:n].rsplit(" ", 1)[0] + "..."


def render_list(blog: Blog, url: str, title: str, posts: list[Post], newer, older, *, page_type: str,
                status: str = "", view: dict | None = None, page: dict | None = None,
                expanded_month: str | None = None) -> str:
    description = BLOG_DESCRIPTION
    main = status + "<div class='blog-posts hfeed'>\n" + posts_by_day(posts, item=False) + "</div>\n"
    main += pager(newer, older) + blog_feeds_links()
    return (head(blog, title, url, description, None) + top(blog, None, url) + main
            + sidebar(blog, expanded_month or posts[0].published.strftime("%Y-%m"))
            + scripts(blog, url, title, description, page_type, page or {}, dict(LIST_VIEW, **(view or {}))))


def render_post(blog: Blog, post: Post) -> str:
    i = blog.posts.index(post)
    newer = (blog.posts[i - 1].url, "Newer Post") if i > 0 else None
    older = (blog.posts[i + 1].url, "Older Post") if i + 1 < len(blog.posts) else None
    description = snippet(post.text)
    main = "<div class='blog-posts hfeed'>\n" + posts_by_day([post], item=True) + "</div>\n" + pager(newer, older)
    main += f"""<div class='post-feeds'>
<div class='feed-links'>
Subscribe to:
<a class='feed-link' href='{ORIGIN}/feeds/{post.id}/comments/default' target='_blank' type='application/atom+xml'>Post Comments (Atom)</a>
</div>
</div>
"""
    view = {"type": "item", "isSingleItem": True, "isMultipleItems": False, "isError": False, "isPage": False,
            "isPost": True, "isHomepage": False, "isArchive": False, "isLabelSearch": False, "postId": int(post.id)}
    return (head(blog, post.title, post.url, description, post) + top(blog, post.id, post.url) + main
            + sidebar(blog, post.published.strftime("%Y-%m"))
            + scripts(blog, post.url, post.title, description, "item", {"postId": post.id, "pageName": post.title}, view))


def render_page(blog: Blog, page: Page) -> str:
    description = snippet(page.text)
    main = f"""<div class='blog-posts hfeed'>

          <div class="date-outer">
        

          <div class="date-posts">
        
<div class='post-outer'>
<div class='post hentry uncustomized-post-template' itemprop='blogPost' itemscope='itemscope' itemtype='http://schema.org/BlogPosting'>
<meta content='{BLOG_ID}' itemprop='blogId'/>
<meta content='{page.id}' itemprop='postId'/>
<a name='{page.id}'></a>
<h3 class='post-title entry-title' itemprop='name'>
{esc(page.title)}
</h3>
<div class='post-header'>
<div class='post-header-line-1'></div>
</div>
<div class='post-body entry-content' id='post-body-{page.id}' itemprop='description articleBody'>
{page.body}
<div style='clear: both;'></div>
</div>
<div class='post-footer'>
<div class='post-footer-line post-footer-line-1'>
<span class='post-author vcard'>
</span>
<span class='post-timestamp'>
</span>
<span class='post-comment-link'>
</span>
<span class='post-icons'>
<span class='item-action'>
<a href='https://www.blogger.com/email-page/{BLOG_ID}/{page.id}' title='Email Page'>
<img alt='' class='icon-action' height='13' src='https://resources.blogblog.com/img/icon18_email.gif' width='18'/>
</a>
</span>
</span>
{share_buttons('page', page.id)}
</div>
<div class='post-footer-line post-footer-line-2'>
<span class='post-labels'>
</span>
</div>
<div class='post-footer-line post-footer-line-3'>
<span class='post-location'>
</span>
</div>
</div>
</div>
<div class='comments' id='comments'>
<a name='comments'></a>
<h4>No comments:</h4>
<div id='Blog1_comments-block-wrapper'>
<dl class='avatar-comment-indent' id='comments-block'>
</dl>
</div>
<a href='https://www.blogger.com/comment/fullpage/page/{BLOG_ID}/{page.id}' onclick=''>Post a Comment</a>
</p>
</div>
</div>

        </div></div>
      
</div>
<div class='blog-pager' id='blog-pager'>
<a class='home-link' href='{ORIGIN}/'>Home</a>
</div>
<div class='clear'></div>
"""
    view = {"type": "item", "isSingleItem": True, "isMultipleItems": False, "isError": False, "isPage": True,
            "isPost": False, "isHomepage": False, "isArchive": False, "isLabelSearch": False, "pageId": int(page.id)}
    return (head(blog, page.title, page.url, description, None) + top(blog, None, page.url) + main
            + sidebar(blog, blog.posts[0].published.strftime("%Y-%m"))
            + scripts(blog, page.url, page.title, description, "static_page", {"pageId": page.id, "pageName": page.title},
                      view))


# ------------------------------------------------------------------------------------------------ site pages

def search_url(posts_before: Post, reverse: bool = False) -> str:
    url = f"{ORIGIN}/search?updated-max={qv(posts_before.published_iso)}&max-results={MAIN_PAGE_POSTS}"
    return url + "&reverse-paginate=true" if reverse else url


def route_of(url: str) -> str:
    return url[len(ORIGIN):]


def build_index_pages(blog: Blog) -> None:
    """Home and the ``/search?updated-max=…`` pages its pager reaches (older, and newer via reverse-paginate)."""
    posts, size = blog.posts, MAIN_PAGE_POSTS
    windows = range(0, len(posts), size)
    for start in windows:
        shown = posts[start:start + size]
        older = (search_url(shown[-1]), "Older Posts") if start + size < len(posts) else None
        newer = (search_url(shown[0], reverse=True), "Newer Posts") if start > 0 else None
        urls = [ORIGIN + "/"] if start == 0 else [search_url(posts[start - 1])]
        if start + size < len(posts):
            urls.append(search_url(posts[start + size], reverse=True))   # the next window's "Newer Posts"
        for url in urls:
            home = url == ORIGIN + "/"
            view = {"isHomepage": home, "isArchive": False, "isLabelSearch": False}
            html = render_list(blog, url, BLOG_TITLE, shown, newer, older, page_type="index", view=view)
            if home:
                blog.add_file("index.html", html)
                blog.not_posts.append("/")
            else:
                key = route_of(url)
                blog.add_route(key, html, HTML_TYPE, ".html")
                blog.not_posts.append(key)


def build_label_pages(blog: Blog) -> None:
    for label in blog.labels:
        tagged = [p for p in blog.posts if label in p.labels]
        base = label_url(label)
        message = (f"Showing posts with label <b>{esc(label)}</b>. <a href=\"{ORIGIN}/\">Show all posts</a>")
        status = f"""<div class='status-msg-wrap'>
<div class='status-msg-body'>
{message}
</div>
<div class='status-msg-border'>
<div class='status-msg-bg'>
<div class='status-msg-hidden'>{message}</div>
</div>
</div>
</div>
<div style='clear: both;'></div>
"""
        for start in range(0, len(tagged), LABEL_PAGE_POSTS):
            shown = tagged[start:start + LABEL_PAGE_POSTS]
            url = base if start == 0 else (f"{base}?updated-max={qv(tagged[start - 1].published_iso)}"
                                          f"&max-results={LABEL_PAGE_POSTS}&start={start}&by-date=false")
            older = None
            if start + LABEL_PAGE_POSTS < len(tagged):
                older = (f"{base}?updated-max={qv(shown[-1].published_iso)}&max-results={LABEL_PAGE_POSTS}"
                         f"&start={start + LABEL_PAGE_POSTS}&by-date=false", "Older Posts")
            view = {"isHomepage": False, "isArchive": False, "isLabelSearch": True,
                    "search": {"label": label, "resultsMessage": f"Showing posts with the label {label}"}}
            html = render_list(blog, url, label, shown, None, older, page_type="index", status=status, view=view,
                               page={"pageName": label})
            key = route_of(url)
            blog.add_route(key, html, HTML_TYPE, ".html")
            blog.not_posts.append(key)


def build_archive_pages(blog: Blog) -> None:
    """Month pages ``/YYYY/MM/`` and year pages ``/YYYY/``, paged like the main page when they hold more posts."""
    periods: dict[str, list[Post]] = {}
    for p in blog.posts:
        periods.setdefault(p.published.strftime("%Y/%m"), []).append(p)
        periods.setdefault(p.published.strftime("%Y"), []).append(p)
    for period, posts in periods.items():
        year = int(period[:4])
        month = int(period[5:]) if "/" in period else None
        start_local = blogcontent._local(year, month or 1, 1, 0, 0)
        name = f"{MONTHS[month - 1]} {year}" if month else str(year)
        size = MAIN_PAGE_POSTS
        for start in range(0, len(posts), size):
            shown = posts[start:start + size]
            first_url = f"{ORIGIN}/{period}/"

            def page_url(s: int) -> str:
                return first_url if s == 0 else (
                    f"{ORIGIN}/search?updated-min={qv(start_local.isoformat())}&updated-max="
                    f"{qv(posts[s - 1].published_iso)}&max-results={size}&start={s}&by-date=false")

            url = page_url(start)
            older = (page_url(start + size), "Older Posts") if start + size < len(posts) else None
            newer = (page_url(start - size), "Newer Posts") if start > 0 else None
            archive = {"year": year, **({"month": month} if month else {}),
                       "rangeMessage": f"Showing posts from {MONTHS[month - 1] + ', ' if month else ''}{year}"}
            view = {"isHomepage": False, "isArchive": True, "isLabelSearch": False, "archive": archive}
            html = render_list(blog, url, name, shown, newer, older, page_type="archive", view=view,
                               page={"pageName": name},
                               expanded_month=shown[0].published.strftime("%Y-%m"))
            if start == 0:
                blog.add_file(f"{period}/index.html", html)
            else:
                blog.add_route(route_of(url), html, HTML_TYPE, ".html")
            blog.not_posts.append(route_of(url))


# ------------------------------------------------------------------------------------------------ feeds

def atom_links_of_entry(post: Post) -> list[tuple[str, str, str, str | None]]:
    n = len(post.comments)
    return [
        ("replies", "application/atom+xml", f"{ORIGIN}/feeds/{post.id}/comments/default", "Post Comments"),
        ("replies", "text/html", f"{post.url}#comment-form", f"{n} Comments"),
        ("edit", "application/atom+xml", f"{BLOGGER}/feeds/{BLOG_ID}/posts/default/{post.id}", None),
        ("self", "application/atom+xml", f"{BLOGGER}/feeds/{BLOG_ID}/posts/default/{post.id}", None),
        ("alternate", "text/html", post.url, post.title),
    ]


GD_IMAGE = ("http://schemas.google.com/g/2005#thumbnail", "16", "16", "https://img1.blogblog.com/img/b16-rounded.gif")


def summary_of(post: Post) -> str:
    flat = " ".join(post.text.split())
    return flat if len(flat) <= SUMMARY_CHARS else flat[:SUMMARY_CHARS].rsplit(" ", 1)[0] + "..."


def feed_page(blog: Blog, start: int, requested: int) -> tuple[list[Post], int]:
    per_page = min(requested, FEED_CAP)
    return blog.posts[start - 1:start - 1 + per_page], per_page


def feed_query(params: list[tuple[str, str]]) -> str:
    return ("?" + "&".join(f"{k}={v}" for k, v in params)) if params else ""


def atom_feed(blog: Blog, start: int, requested: int, summary: bool, params: list[tuple[str, str]]) -> str:
    entries, per_page = feed_page(blog, start, requested)
    kind = "summary" if summary else "default"
    base = f"{BLOGGER}/feeds/{BLOG_ID}/posts/{kind}"
    rest = [(k, v) for k, v in params if k not in ("start-index", "max-results")]
    links = [f"<link rel='http://schemas.google.com/g/2005#feed' type='application/atom+xml' href='{ORIGIN}/feeds/posts/{kind}'/>",
             f"<link rel='self' type='application/atom+xml' href='{xesc(base + feed_query(params))}'/>",
             f"<link rel='alternate' type='text/html' href='{ORIGIN}/'/>",
             "<link rel='hub' href='http://pubsubhubbub.appspot.com/'/>"]
    if start > 1:
        prev = rest + [("start-index", str(max(1, start - requested))), ("max-results", str(requested))]
        links.append(f"<link rel='previous' type='application/atom+xml' href='{xesc(base + feed_query(prev))}'/>")
    if start - 1 + len(entries) < len(blog.posts):
        nxt = rest + [("start-index", str(start + len(entries))), ("max-results", str(requested))]
        links.append(f"<link rel='next' type='application/atom+xml' href='{xesc(base + feed_query(nxt))}'/>")
    out = ["<?xml version='1.0' encoding='UTF-8'?><?xml-stylesheet href=\"http://www.blogger.com/styles/atom.css\" type=\"text/css\"?>"
           "<feed xmlns='http://www.w3.org/2005/Atom' xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/' "
           "xmlns:blogger='http://schemas.google.com/blogger/2008' xmlns:georss='http://www.georss.org/georss' "
           "xmlns:gd=\"http://schemas.google.com/g/2005\" xmlns:thr='http://purl.org/syndication/thread/1.0'>",
           f"<id>tag:blogger.com,1999:blog-{BLOG_ID}</id><updated>{feed_time(blog.updated, blog.updated_key)}</updated>"]
    out += [f"<category term=\"{xesc(label)}\"/>" for label in blog.labels]
    out.append(f"<title type='text'>{xesc(BLOG_TITLE)}</title><subtitle type='html'>{xesc(BLOG_DESCRIPTION)}</subtitle>")
    out += links
    out.append(author_xml(OWNER))
    out.append("<generator version='7.00' uri='http://www.blogger.com'>Blogger</generator>"
               f"<openSearch:totalResults>{len(blog.posts)}</openSearch:totalResults>"
               f"<openSearch:startIndex>{start}</openSearch:startIndex>"
               f"<openSearch:itemsPerPage>{per_page}</openSearch:itemsPerPage>")
    for post in entries:
        out.append(f"<entry><id>tag:blogger.com,1999:blog-{BLOG_ID}.post-{post.id}</id>"
                   f"<published>{feed_time(post.published, post.id)}</published>"
                   f"<updated>{feed_time(post.updated, post.id + ':u')}</updated>")
        out += [f"<category scheme=\"http://www.blogger.com/atom/ns#\" term=\"{xesc(label)}\"/>" for label in post.labels]
        out.append(f"<title type='text'>{xesc(post.title)}</title>")
        out.append(f"<summary type='text'>{xesc(summary_of(post))}</summary>" if summary
                   else f"<content type='html'>{xesc(post.body)}</content>")
        for rel, typ, href, title in atom_links_of_entry(post):
            t = f" title='{esc(title)}'" if title else ""
            out.append(f"<link rel='{rel}' type='{typ}' href='{xesc(href)}'{t}/>")
        out.append(author_xml(post.author))
        out.append(f"<thr:total>{len(post.comments)}</thr:total></entry>")
    out.append("</feed>")
    return "".join(out)


def author_xml(name: str) -> str:
    rel, w, h, src = GD_IMAGE
    return (f"<author><name>{xesc(name)}</name><uri>{profile_url(name)}</uri><email>noreply@blogger.com</email>"
            f"<gd:image rel='{rel}' width='{w}' height='{h}' src='{src}'/></author>")


def author_json(name: str) -> dict:
    rel, w, h, src = GD_IMAGE
    return {"name": {"$t": name}, "uri": {"$t": profile_url(name)}, "email": {"$t": "noreply@blogger.com"},
            "gd$image": {"rel": rel, "width": w, "height": h, "src": src}}


def json_feed(blog: Blog, start: int, requested: int, summary: bool, params: list[tuple[str, str]]) -> str:
    entries, per_page = feed_page(blog, start, requested)
    kind = "summary" if summary else "default"
    base = f"{BLOGGER}/feeds/{BLOG_ID}/posts/{kind}"
    rest = [(k, v) for k, v in params if k not in ("start-index", "max-results")]
    links = [{"rel": "http://schemas.google.com/g/2005#feed", "type": "application/atom+xml", "href": f"{ORIGIN}/feeds/posts/{kind}"},
             {"rel": "self", "type": "application/atom+xml", "href": base + feed_query(params)},
             {"rel": "alternate", "type": "text/html", "href": f"{ORIGIN}/"},
             {"rel": "hub", "href": "http://pubsubhubbub.appspot.com/"}]
    if start > 1:
        prev = rest + [("start-index", str(max(1, start - requested))), ("max-results", str(requested))]
        links.append({"rel": "previous", "type": "application/atom+xml", "href": base + feed_query(prev)})
    if start - 1 + len(entries) < len(blog.posts):
        nxt = rest + [("start-index", str(start + len(entries))), ("max-results", str(requested))]
        links.append({"rel": "next", "type": "application/atom+xml", "href": base + feed_query(nxt)})
    feed: dict = {
        "xmlns": "http://www.w3.org/2005/Atom", "xmlns$openSearch": "http://a9.com/-/spec/opensearchrss/1.0/",
        "xmlns$blogger": "http://schemas.google.com/blogger/2008", "xmlns$georss": "http://www.georss.org/georss",
        "xmlns$gd": "http://schemas.google.com/g/2005", "xmlns$thr": "http://purl.org/syndication/thread/1.0",
        "id": {"$t": f"tag:blogger.com,1999:blog-{BLOG_ID}"}, "updated": {"$t": feed_time(blog.updated, blog.updated_key)},
        "category": [{"term": label} for label in blog.labels],
        "title": {"type": "text", "$t": BLOG_TITLE}, "subtitle": {"type": "html", "$t": BLOG_DESCRIPTION},
        "link": links, "author": [author_json(OWNER)],
        "generator": {"version": "7.00", "uri": "http://www.blogger.com", "$t": "Blogger"},
        "openSearch$totalResults": {"$t": str(len(blog.posts))}, "openSearch$startIndex": {"$t": str(start)},
        "openSearch$itemsPerPage": {"$t": str(per_page)},
    }
    if entries:                                     # an empty page has no "entry" key at all
        feed["entry"] = []
    for post in entries:
        entry = {"id": {"$t": f"tag:blogger.com,1999:blog-{BLOG_ID}.post-{post.id}"},
                 "published": {"$t": feed_time(post.published, post.id)},
                 "updated": {"$t": feed_time(post.updated, post.id + ":u")},
                 "category": [{"scheme": "http://www.blogger.com/atom/ns#", "term": label} for label in post.labels],
                 "title": {"type": "text", "$t": post.title}}
        if not entry["category"]:
            del entry["category"]
        if summary:
            entry["summary"] = {"type": "text", "$t": summary_of(post)}
        else:
            entry["content"] = {"type": "html", "$t": post.body}
        entry["link"] = [dict({"rel": rel, "type": typ, "href": href}, **({"title": title} if title else {}))
                         for rel, typ, href, title in atom_links_of_entry(post)]
        entry["author"] = [author_json(post.author)]
        entry["thr$total"] = {"$t": str(len(post.comments))}
        feed["entry"].append(entry)
    text = json.dumps({"version": "1.0", "encoding": "UTF-8", "feed": feed}, ensure_ascii=False, separators=(",", ":"))
    # Blogger writes the blog's own URLs (and image URLs) with "\/", but not the hub's
    text = re.sub(r'"(href|src)":"((?:[^"\\]|\\.)*)"',
                  lambda m: m[0] if "pubsubhubbub" in m[2] else f'"{m[1]}":"{m[2].replace("/", chr(92) + "/")}"', text)
    for ch, rep in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(ch, rep)
    return text


def rss_feed(blog: Blog, start: int, requested: int, summary: bool) -> str:
    entries, per_page = feed_page(blog, start, requested)
    out = ["<?xml version='1.0' encoding='UTF-8'?><rss xmlns:atom='http://www.w3.org/2005/Atom' "
           "xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/' xmlns:blogger='http://schemas.google.com/blogger/2008' "
           "xmlns:georss='http://www.georss.org/georss' xmlns:gd=\"http://schemas.google.com/g/2005\" "
           "xmlns:thr='http://purl.org/syndication/thread/1.0' version='2.0'><channel>",
           f"<atom:id>tag:blogger.com,1999:blog-{BLOG_ID}</atom:id>"
           f"<lastBuildDate>{format_datetime(blog.updated.astimezone(UTC))}</lastBuildDate>"]
    out[-1] = out[-1].replace("GMT", "+0000")
    out += [f"<category>{xesc(label)}</category>" for label in blog.labels]
    out.append(f"<title>{xesc(BLOG_TITLE)}</title><description>{xesc(BLOG_DESCRIPTION)}</description>"
               f"<link>{ORIGIN}/</link><managingEditor>noreply@blogger.com ({xesc(OWNER)})</managingEditor>"
               "<generator>Blogger</generator>"
               f"<openSearch:totalResults>{len(blog.posts)}</openSearch:totalResults>"
               f"<openSearch:startIndex>{start}</openSearch:startIndex>"
               f"<openSearch:itemsPerPage>{per_page}</openSearch:itemsPerPage>")
    for post in entries:
        pub = format_datetime(post.published.astimezone(UTC)).replace("GMT", "+0000")
        out.append(f"<item><guid isPermaLink='false'>tag:blogger.com,1999:blog-{BLOG_ID}.post-{post.id}</guid>"
                   f"<pubDate>{pub}</pubDate><atom:updated>{feed_time(post.updated, post.id + ':u')}</atom:updated>")
        out += [f"<category domain='http://www.blogger.com/atom/ns#'>{xesc(label)}</category>" for label in post.labels]
        body = summary_of(post) if summary else post.body
        out.append(f"<title>{xesc(post.title)}</title><description>{xesc(body)}</description>"
                   f"<link>{post.url}</link><author>noreply@blogger.com ({xesc(post.author)})</author>"
                   f"<thr:total>{len(post.comments)}</thr:total></item>")
    out.append("</channel></rss>")
    return "".join(out)


def build_feeds(blog: Blog) -> None:
    total = len(blog.posts)
    atom = atom_feed(blog, 1, FEED_DEFAULT, False, [])
    blog.add_route("/feeds/posts/default", atom, ATOM_TYPE, ".atom")
    blog.add_route("/atom.xml", atom, ATOM_TYPE, ".atom")
    blog.add_route("/feeds/posts/default?alt=json", json_feed(blog, 1, FEED_DEFAULT, False, [("alt", "json")]),
                   JSON_TYPE, ".json")
    rss = rss_feed(blog, 1, FEED_DEFAULT, False)
    blog.add_route("/feeds/posts/default?alt=rss", rss, RSS_TYPE, ".rss")
    blog.add_route("/rss.xml", rss, RSS_TYPE, ".rss")
    blog.add_route("/feeds/posts/summary", atom_feed(blog, 1, FEED_DEFAULT, True, []), ATOM_TYPE, ".atom")
    blog.add_route("/feeds/posts/summary?alt=json", json_feed(blog, 1, FEED_DEFAULT, True, [("alt", "json")]),
                   JSON_TYPE, ".json")
    blog.add_route("/feeds/posts/summary?alt=rss", rss_feed(blog, 1, FEED_DEFAULT, True), RSS_TYPE, ".rss")
    for requested in FEED_PAGE_SIZES:
        start = 1
        while True:                                   # every 25th start index, up to the first one past the end
            paging = [("start-index", str(start)), ("max-results", str(requested))]
            blog.add_route("/feeds/posts/default" + feed_query(paging),
                           atom_feed(blog, start, requested, False, paging), ATOM_TYPE, ".atom")
            blog.add_route("/feeds/posts/default" + feed_query([("alt", "json")] + paging),
                           json_feed(blog, start, requested, False, [("alt", "json")] + paging), JSON_TYPE, ".json")
            if start > total:
                break
            start += FEED_DEFAULT


# ------------------------------------------------------------------------------------------------ robots, sitemaps

def build_robots_and_sitemaps(blog: Blog) -> None:
    blog.add_file("robots.txt", "User-agent: Mediapartners-Google\nDisallow: \n\nUser-agent: *\nDisallow: /search\n"
                                f"Allow: /\n\nSitemap: {ORIGIN}/sitemap.xml\n")
    blog.add_file("sitemap.xml", "<?xml version='1.0' encoding='UTF-8'?><sitemapindex "
                                 "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sitemap>"
                                 f"<loc>{ORIGIN}/sitemap.xml?page=1</loc></sitemap></sitemapindex>")

    def urlset(items) -> str:
        urls = "".join(f"<url><loc>{url}</loc><lastmod>{when.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}</lastmod></url>"
                       for url, when in items)
        return ("<?xml version='1.0' encoding='UTF-8'?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                f"{urls}</urlset>")

    blog.add_route("/sitemap.xml?page=1", urlset((p.url, p.updated) for p in blog.posts), XML_TYPE, ".xml")
    blog.add_file("sitemap-pages.xml", urlset((p.url, p.updated) for p in blog.pages))


# ------------------------------------------------------------------------------------------------ build

def build_state(state: str) -> dict:
    blog = Blog(state)
    build_index_pages(blog)
    for post in blog.posts:
        blog.add_file(post.path.lstrip("/"), render_post(blog, post))
    build_archive_pages(blog)
    build_label_pages(blog)
    for page in blog.pages:
        blog.add_file(page.path.lstrip("/"), render_page(blog, page))
        blog.not_posts.append(page.path)
    build_feeds(blog)
    build_robots_and_sitemaps(blog)

    root = HERE / state
    if root.exists():
        shutil.rmtree(root)
    for path, content in sorted(blog.files.items()):
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    (root / "_routes.json").write_text(json.dumps(blog.routes, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    order = {"/": 0}
    not_posts = sorted(dict.fromkeys(blog.not_posts), key=lambda p: (order.get(p, 1), p))
    posts = [{"path": p.path, "title": p.title, "authors": [p.author], "categories": p.labels, "tags": [],
              "published": p.published_iso, "archive_month": p.src.archive_month, "text": p.text}
             for p in sorted(blog.posts, key=lambda p: p.published)]
    return {"posts": posts, "not_posts": not_posts}


def main() -> None:
    expected = {"platform": "blogger", "start": "/",
                "notes": "Blogger has labels only: every label (blogcontent's categories and tags) is stored as a "
                         "category and tags stay empty; a post has one author, so the two-author post keeps its "
                         "first; published is abbr.published[title] (seconds, blog offset).",
                "states": {state: build_state(state) for state in ("v1", "v2")}}
    (HERE / "expected.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
