"""The blog's RSS 2.0 feed at ``/blog/feed``: only the newest posts, as on Weebly."""

from __future__ import annotations

from email.utils import format_datetime

from . import content
from .markup import render_body
from .model import Post

FEED_SIZE = 20


def render_feed(posts: list[Post], host: str) -> str:
    """The feed for ``posts`` (newest first); it carries only the first FEED_SIZE of them."""
    items = "\n".join(render_item(post, host) for post in posts[:FEED_SIZE])
    built = format_datetime(posts[0].posted_aware) if posts else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:slash="http://purl.org/rss/1.0/modules/slash/" xmlns:wfw="http://wellformedweb.org/CommentAPI/">
<channel>
<title><![CDATA[{cdata(content.SITE_NAME)} - {cdata(content.BLOG_TITLE)}]]></title>
<link><![CDATA[http://{host}/blog]]></link>
<description><![CDATA[{cdata(content.BLOG_TITLE)}]]></description>
<pubDate>{built}</pubDate>
<generator>Weebly</generator>
{items}
</channel>
</rss>
"""


def render_item(post: Post, host: str) -> str:
    url = f"http://{host}/blog/{post.slug}"
    categories = "".join(f"\n<category><![CDATA[{cdata(name)}]]></category>" for name in post.categories)
    body = cdata(render_body(post))
    return f"""<item>
<title><![CDATA[{cdata(post.title)}]]></title>
<link><![CDATA[{url}]]></link>
<comments><![CDATA[{url}#comments]]></comments>
<pubDate>{format_datetime(post.posted_aware)}</pubDate>{categories}
<guid isPermaLink="false"><![CDATA[{url}]]></guid>
<description><![CDATA[{body}]]></description>
<content:encoded><![CDATA[{body}]]></content:encoded>
<slash:comments>{len(post.comments)}</slash:comments>
</item>"""


def cdata(text: str) -> str:
    """Text safe inside a CDATA section."""
    return text.replace("]]>", "]]]]><![CDATA[>")
