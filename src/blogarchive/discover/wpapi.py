"""The WordPress REST API (``/wp-json/wp/v2/``): posts 100 a page, and the names of their terms and authors.

A posts page gives each post's permalink, title, local and GMT dates (so the
UTC offset the blog had), ``modified_gmt`` (the key that tells an edit) and
the ids of its author, categories and tags; the ``users``, ``categories`` and
``tags`` endpoints give the names. ``X-WP-TotalPages`` says how many pages to
read. The same routes exist as ``?rest_route=/wp/v2/…`` where pretty
permalinks are off.
"""

from __future__ import annotations

import html
import json
from datetime import datetime
from urllib.parse import urlencode

from ..extract.text import normalize_space
from ..record import Hints, Listing, Source
from ..urls import try_normalize

POST_FIELDS = "id,link,date,date_gmt,modified,modified_gmt,title,author,categories,tags"
PER_PAGE = 100


class ApiError(ValueError):
    pass


def route_url(base: str, route: str, **params) -> str:
    """The URL of ``route`` (``/wp/v2/posts``) under ``base``: a ``…/wp-json/`` URL or a ``?rest_route=`` site URL."""
    query = urlencode(params, safe=",/")
    if base.endswith("?rest_route="):
        return f"{base}{route}&{query}"
    return f"{base.rstrip('/')}{route}?{query}"


def posts_url(base: str, page: int) -> str:
    return route_url(base, "/wp/v2/posts", per_page=PER_PAGE, page=page, _fields=POST_FIELDS)


def names_url(base: str, route: str, page: int = 1) -> str:
    return route_url(base, f"/wp/v2/{route}", per_page=PER_PAGE, page=page, _fields="id,name,slug")


def total_pages(headers: dict[str, str]) -> int:
    return _int(headers.get("X-WP-TotalPages") or headers.get("x-wp-totalpages")) or 1


def load(body: bytes, url: str):
    try:
        return json.loads(body)
    except ValueError:
        raise ApiError(f"{url}: the REST API answered something other than JSON") from None


def read_posts(body: bytes, url: str, headers: dict[str, str], base: str, page: int) -> tuple[Listing, dict]:
    """A posts page: the listing, and per post URL the ids to resolve (author, categories, tags)."""
    data = load(body, url)
    if not isinstance(data, list):
        raise ApiError(f"{url}: the REST API did not answer a list of posts")
    listing = Listing()
    ids: dict[str, dict] = {}
    for item in data:
        if not isinstance(item, dict):
            continue
        link = try_normalize(str(item.get("link") or ""), url)
        if not link:
            continue
        title = item.get("title")
        title = title.get("rendered") if isinstance(title, dict) else title
        hints = Hints(
            title=normalize_space(html.unescape(_strip_tags(title))) if isinstance(title, str) else None,
            published=local_with_offset(item.get("date"), item.get("date_gmt")),
            modified=_gmt(item.get("modified_gmt")),
            authoritative=True, source="api",
        )
        listing.add(link, hints, str(item.get("modified_gmt") or item.get("modified") or ""))
        ids[link] = {"author": item.get("author"), "categories": item.get("categories") or [],
                     "tags": item.get("tags") or []}
    listing.total = _int(headers.get("X-WP-Total") or headers.get("x-wp-total"))
    if page == 1:
        for next_page in range(2, total_pages(headers) + 1):
            listing.sources.append(Source(posts_url(base, next_page), "api"))
        for route in ("users", "categories", "tags"):
            listing.sources.append(Source(names_url(base, route), "api", optional=True))
    return listing, ids


def read_names(body: bytes, url: str) -> dict[int, str]:
    """``{id: name}`` from a users, categories or tags page."""
    data = load(body, url)
    if not isinstance(data, list):
        raise ApiError(f"{url}: the REST API did not answer a list")
    return {item["id"]: normalize_space(html.unescape(str(item.get("name") or "")))
            for item in data if isinstance(item, dict) and isinstance(item.get("id"), int)}


def local_with_offset(local: str | None, gmt: str | None) -> str | None:
    """``2024-03-31T22:30:00`` and ``2024-04-01T02:30:00`` → ``2024-03-31T22:30:00-04:00``."""
    try:
        when = datetime.fromisoformat(str(local))
    except ValueError:
        return None
    try:
        offset = when - datetime.fromisoformat(str(gmt))
    except ValueError:
        return when.isoformat()
    minutes = round(offset.total_seconds() / 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{when.isoformat()}{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _gmt(value) -> str | None:
    return f"{value}+00:00" if isinstance(value, str) and value else None


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _strip_tags(value) -> str:
    from bs4 import BeautifulSoup

    return BeautifulSoup(value or "", "lxml").get_text() if "<" in (value or "") else (value or "")
