"""WordPress (self-hosted and wordpress.com): the REST API first, then sitemaps, feeds and list pages.

Plans, in order: ``/wp-json/wp/v2/posts`` (the API root the page announces
with ``<link rel="https://api.w.org/">``), the same routes as
``?rest_route=`` (pretty permalinks off), and, when the API is off,
forbidden or answers HTML, ``wp-sitemap.xml`` (or robots.txt's sitemaps),
the feed and the list pages. Post pages: classic themes (``.entry-title``,
``.entry-content``, ``.byline``, ``rel="category tag"``, ``rel="tag"``,
``time.entry-date``) and block themes (``wp-block-post-*``).
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


from ..discover import wpapi
from ..extract.tree import select_one
from ..record import Hints, Listing, Source
from ..urls import try_normalize
from .base import Platform


class WordPress(Platform):
    name = "wordpress"
    sitemap_posts_only = True
    body_selectors = (".entry-content", ".wp-block-post-content", ".post-content", "[itemprop=articleBody]")
    # wordpress.com uploads (<site>.files.wordpress.com) and the Photon image CDN (i0 … i3.wp.com)
    # that wordpress.com and Jetpack sites serve them through
    media_hosts = ("files.wordpress.com", "i0.wp.com", "i1.wp.com", "i2.wp.com", "i3.wp.com")

    def detect(self, page, url: str) -> bool:
        return ("wordpress" in page.generator or "https://api.w.org/" in page.rels
                or "/wp-content/" in page.assets or "/wp-includes/" in page.assets)

    def blog_root(self, tree: Element, url: str) -> str | None:
        """The WordPress site itself (its posts' permalinks live there, also when the posts page is
        ``/blog/``), from the API link the page announces; else the page's origin."""
        announced = select_one(tree, "link[rel='https://api.w.org/'][href]")
        api = try_normalize(announced.get("href"), url) if announced is not None else None
        if api and "/wp-json" in api and urlsplit(api).netloc == urlsplit(url).netloc:
            return api.split("/wp-json", 1)[0] + "/"
        return urlunsplit(urlsplit(url)[:2] + ("/", "", ""))

    def api_bases(self, root: str, tree: Element) -> list[str]:
        origin = urlunsplit(urlsplit(root)[:2] + ("", "", ""))
        site = root if urlsplit(root).path not in ("", "/") else origin
        announced = select_one(tree, "link[rel='https://api.w.org/'][href]")
        base = try_normalize(announced.get("href"), root) if announced is not None else None
        bases = [base] if base and "rest_route" not in base else []
        bases.append(site.rstrip("/") + "/wp-json")
        bases.append(site.rstrip("/") + "/?rest_route=")
        return list(dict.fromkeys(bases))

    def source_plans(self, root: str, tree: Element, robots_sitemaps: list[str]) -> list[list[Source]]:
        plans = [[Source(wpapi.posts_url(base, 1), "api", exhaustive=True)] for base in self.api_bases(root, tree)]
        origin = urlunsplit(urlsplit(root)[:2] + ("", "", ""))
        sitemaps = ([Source(u, "sitemap", exhaustive=True) for u in robots_sitemaps]
                    or [Source(origin + "/wp-sitemap.xml", "sitemap", optional=True, exhaustive=True)])
        plans.append(sitemaps + self.feed_sources(root, tree) + [Source(root, "list")])
        return plans

    def read(self, source, body, tree, root, headers, context) -> Listing:
        if source.kind != "api":
            return super().read(source, body, tree, root, headers, context)
        base, route, page = _api_parts(source.url)
        if route == "/wp/v2/posts":
            listing, ids = wpapi.read_posts(body, source.url, headers, base, page)
            inside = {u: h for u, h in listing.posts.items() if self.in_scope(u, root)}
            if listing.posts and not inside:
                raise wpapi.ApiError(f"{source.url}: the API's post links are on another site "
                                     f"(such as {next(iter(listing.posts))})")
            context.setdefault("ids", {}).update(ids)
            listing.posts = inside
            return listing
        kind = route.rsplit("/", 1)[-1]
        context.setdefault("names", {}).setdefault(kind, {}).update(wpapi.read_names(body, source.url))
        listing = Listing()
        if page == 1:       # more than 100 tags or categories: their other pages
            listing.sources = [Source(wpapi.names_url(base, kind, n), "api", optional=True)
                               for n in range(2, wpapi.total_pages(headers) + 1)]
        return listing

    def resolve(self, posts: dict[str, Hints], context: dict) -> None:
        """Names for the API's ids. A list with an id no names page gave is left to the page itself
        (the users route is often closed to the public)."""
        names = context.get("names", {})
        for url, ids in context.get("ids", {}).items():
            hints = posts.get(url)
            if hints is None:
                continue
            users = names.get("users", {})
            if ids["author"] in users:
                hints.authors = [users[ids["author"]]]
            for field in ("categories", "tags"):
                known = names.get(field, {})
                if all(i in known for i in ids[field]):
                    terms = [known[i] for i in ids[field]]
                    setattr(hints, field, [t for t in terms if t.lower() not in ("uncategorized", "uncategorised")])
                else:
                    setattr(hints, field, [])      # an empty hint leaves the page's own terms
            posts[url] = hints      # the crawl keeps hints packed: a changed copy is stored back


def _api_parts(url: str) -> tuple[str, str, int]:
    """(API base, route, page) of a REST URL built by ``wpapi``."""
    parts = urlsplit(url)
    params = dict(p.split("=", 1) for p in parts.query.split("&") if "=" in p)
    page = int(params.get("page", "1") or 1)
    if "rest_route" in params:
        base = urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")).rstrip("/") + "/?rest_route="
        return base, params["rest_route"], page
    path = parts.path
    cut = path.index("/wp/v2/")
    return urlunsplit((parts.scheme, parts.netloc, path[:cut], "", "")), path[cut:], page


PLATFORM = WordPress()
