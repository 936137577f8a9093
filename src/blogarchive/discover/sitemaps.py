"""XML sitemaps (sitemaps.org): indexes, URL sets, gzipped files, ``lastmod``.

``read_sitemap`` returns the sub-sitemaps of an index as further sources and
the URLs of a URL set as candidates (or as posts, when the platform knows the
sitemap lists posts only), each keyed by its ``lastmod``.
"""

from __future__ import annotations

import gzip
import zlib

from lxml import etree

from ..extract.dates import normalize_date
from ..record import Hints, Listing, Source
from ..urls import try_normalize

MAX_UNZIPPED = 50 * 1024 * 1024   # the sitemaps.org limit for one file


class SitemapError(ValueError):
    pass


def unzip(body: bytes) -> bytes:
    """The body, gunzipped when it is gzip (``sitemap.xml.gz``), at most MAX_UNZIPPED bytes."""
    if body[:2] != b"\x1f\x8b":
        return body
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(body, MAX_UNZIPPED)
    except (zlib.error, gzip.BadGzipFile) as exc:
        raise SitemapError(f"corrupt gzip ({exc})") from None
    if inflater.unconsumed_tail:
        raise SitemapError(f"over {MAX_UNZIPPED // 1_000_000} MB once unzipped (the sitemaps.org limit); not read")
    return out


def read_sitemap(body: bytes, url: str, *, posts: bool = False) -> Listing:
    """A sitemap index's sub-sitemaps, or a URL set's URLs (as posts when ``posts``, else candidates)."""
    try:
        root = etree.fromstring(unzip(body), etree.XMLParser(resolve_entities=False, no_network=True,
                                                             recover=True, huge_tree=False))
    except etree.XMLSyntaxError as exc:
        raise SitemapError(f"{url}: not a readable sitemap ({exc})") from None
    if root is None:
        raise SitemapError(f"{url}: not a readable sitemap (empty)")
    listing = Listing()
    kind = etree.QName(root).localname
    for node in root:
        if not isinstance(node.tag, str):
            continue
        loc = lastmod = None
        for child in node:
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child).localname
            if name == "loc":
                loc = (child.text or "").strip()
            elif name == "lastmod":
                lastmod = (child.text or "").strip()
        link = try_normalize(loc, url) if loc else None
        if not link:
            continue
        if kind == "sitemapindex":
            listing.sources.append(Source(link, "sitemap"))
        elif posts:
            listing.add(link, Hints(modified=normalize_date(lastmod)), lastmod)
        else:
            listing.candidates.append(link)
            if lastmod:
                listing.keys[link] = lastmod
    if kind not in ("sitemapindex", "urlset"):
        raise SitemapError(f"{url}: not a sitemap (<{kind}>)")
    return listing
