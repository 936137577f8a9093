"""Scraped HTML is untrusted: one allow-list, used before storing and before rendering."""

from __future__ import annotations

from urllib.parse import urljoin

import nh3

ALLOWED_TAGS = {
    "p", "br", "a", "b", "strong", "i", "em", "u", "s", "sub", "sup", "small", "mark", "code", "pre",
    "blockquote", "q", "cite", "ul", "ol", "li", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "img", "figure", "figcaption", "table", "thead", "tbody", "tfoot", "tr", "th", "td",
    "caption", "div", "span",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def clean_html(html: str, base_url: str | None = None) -> str:
    """Return ``html`` with everything outside the allow-list removed (scripts, handlers, styles).

    With ``base_url``, relative links and image sources become absolute.
    """

    def absolute(tag: str, attribute: str, value: str) -> str:
        if attribute in ("href", "src") and base_url:
            return urljoin(base_url, value.strip())
        return value

    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
        attribute_filter=absolute if base_url else None,
    ).strip()
