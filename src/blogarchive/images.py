"""The images of archived posts: which to fetch, fetching and storing them, and pointing bodies
at the stored copies.

A stored post body names its images by absolute URL (extraction makes them absolute). An image
is archived when it is **in scope** (:class:`Scope`): on the blog's own host (``www.`` or not)
or on one of the media hosts its platform declares (``Platform.media_hosts``, such as Blogger's
``blogger.googleusercontent.com``); never anywhere else. Where the page offered a larger copy
of a body's image (``srcset``) or the real one behind a lazy-loading placeholder (``data-src``),
that copy is fetched instead, and stored under the URL the body names.

Images are fetched through the crawl's own :class:`~blogarchive.fetch.Fetcher`, so robots.txt,
the per-host delay, retries, ``Retry-After`` and redirects that stay on the blog apply to them
as to pages, with a size cap of their own; their requests are counted apart from the pages'
(the page budgets, ``--max-pages`` and the request counts of a crawl, speak of pages). Only
bytes a browser shows as an image are stored: an ``image/*`` answer whose bytes have a known
image signature (a "not found" page served as an image is not one). A failed image is logged,
counted and recorded with its reason; it never fails the crawl. One that may answer another time
(no answer, a 5xx, 429, a long ``Retry-After``, a host skipped for the run) stays queued for
the next run; any other is tried again when its post is stored again.

Rendering (:func:`localize`, used by the Datasette plugin) points each stored image at the
archive's copy, ``/-/images/<sha256>``, and drops every other remote image URL, so an archived
post never makes a reader's browser ask the live web for anything.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sqlite3
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

import nh3

from . import store
from .extract.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES
from .fetch import RETRY_STATUSES, FetchError, Fetcher, FetchStats, HostSkipped, Postponed, same_site

log = logging.getLogger(__name__)

MAX_IMAGE_BYTES = 10 * 1024 * 1024
# where lazy-loading scripts (WordPress plugins, lazysizes, jQuery lazyload) keep the real image
LAZY_ATTRIBUTES = ("data-src", "data-lazy-src", "data-original")
SRCSET_ATTRIBUTES = ("srcset", "data-srcset", "data-lazy-srcset")
# what sanitize.clean_html adds to links; rendering must give the same HTML as clean_html
LINK_REL = "nofollow noopener noreferrer"
# the types a browser shows in an <img>, by their bytes' signature
RASTER_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp",
                          "image/x-icon"})
SVG = "image/svg+xml"
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_CANDIDATE = re.compile(r"[\s,]*(\S+)")
_DESCRIPTORS = re.compile(r"[^,]*")


# ---------------------------------------------------------------- which images


@dataclass(frozen=True)
class Scope:
    """The hosts a blog's images are fetched from: its own (``www.`` or not, same port) and its
    platform's media hosts (a host or any subdomain of it: ``bp.blogspot.com`` covers
    ``1.bp.blogspot.com``)."""

    blog_url: str
    media_hosts: tuple[str, ...] = ()

    def __contains__(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return False
        if same_site(parts.netloc.lower(), urlsplit(self.blog_url).netloc.lower()):
            return True
        return any(parts.hostname == h or parts.hostname.endswith("." + h) for h in self.media_hosts)


def srcset_best(value: str) -> str | None:
    """The largest candidate of a ``srcset`` (by its ``w``, else its ``x`` descriptor; the first
    of equals); None when there is none. URLs may hold commas (``w_300,h_200``): a candidate's
    URL runs to the next whitespace, as the HTML standard reads it."""
    best, best_size, pos = None, None, 0
    while match := _CANDIDATE.match(value, pos):
        url, pos = match.group(1), match.end()
        descriptor = ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            descriptors = _DESCRIPTORS.match(value, pos)
            descriptor, pos = descriptors.group(0).strip().lower(), descriptors.end()
        number = re.fullmatch(r"(\d+(?:\.\d+)?)([wx])", descriptor)
        size = (number.group(2) == "w", float(number.group(1))) if number else (False, 1.0)
        if best_size is None or size > best_size:
            best, best_size = url, size
    return best


def candidates(attributes: Mapping[str, str], base: str) -> list[str]:
    """The URLs an ``<img>`` offers, best first: the largest of its srcsets, then a lazy-loading
    attribute's image, then ``src``; absolute, without fragments, data: URIs left out."""
    found = [srcset_best(attributes.get(a) or "") for a in SRCSET_ATTRIBUTES]
    found += [attributes.get(a) for a in LAZY_ATTRIBUTES] + [attributes.get("src")]
    urls = []
    for value in found:
        value = (value or "").strip()
        if value and not value.lower().startswith("data:"):
            urls.append(urldefrag(urljoin(base, value))[0])
    return list(dict.fromkeys(urls))


def image_sources(html: str) -> list[str]:
    """The ``src`` of each image of ``html`` that sanitising keeps, as the render sees them
    (read by the same sanitiser, so the crawl and the render agree on every URL)."""
    found: list[str] = []

    def note(tag: str, attribute: str, value: str) -> str:
        if tag == "img" and attribute == "src":
            found.append(value)
        return value

    _clean(html, note)
    return list(dict.fromkeys(found))


def better_copies(tree, page_url: str, scope: Scope) -> dict[str, str]:
    """For each in-scope image URL a page's ``<img>`` names, the best in-scope copy the page
    offered of it (a larger ``srcset`` entry, the real image behind a lazy-loading placeholder).
    Read from the post page's own tree, where the crawl extracts it."""
    better: dict[str, str] = {}
    for img in tree.iter("img"):
        offered = [u for u in candidates(img.attrib, page_url) if u in scope]
        for url in offered:
            better.setdefault(url, offered[0])
    return better


def wanted_images(body_html: str, scope: Scope, better: Mapping[str, str] | None = None
                  ) -> tuple[dict[str, str], list[str]]:
    """The images of a post body to archive, ``{URL the body names: URL to fetch}`` (the better
    copy when the page offered one: :func:`better_copies`), and the remote ones left alone (out
    of scope)."""
    better = better or {}
    sources = image_sources(body_html)
    wanted, elsewhere = {}, []
    for url in sources:
        if url in scope:
            wanted[url] = better.get(url, url)
        elif not _stays_here(url):
            elsewhere.append(url)
    return wanted, elsewhere


# ---------------------------------------------------------------- rendering


def localize(html: str, local: Mapping[str, str]) -> str:
    """``html`` sanitised as :func:`~blogarchive.extract.sanitize.clean_html` does, each image's
    ``src`` replaced by the archive's copy (``local``: remote URL → local URL) and every other
    remote ``src`` removed (the ``<img>`` keeps its ``alt``). Relative sources stay: they can only
    reach the server showing the page."""

    def point(tag: str, attribute: str, value: str) -> str | None:
        if tag != "img" or attribute != "src":
            return value
        if value in local:
            return local[value]
        return value if _stays_here(value) else None

    return _clean(html, point)


def _clean(html: str, attribute_filter: Callable[[str, str, str], str | None]) -> str:
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel=LINK_REL, strip_comments=True, attribute_filter=attribute_filter).strip()


def _stays_here(url: str) -> bool:
    """A relative URL without a host: browsers drop tabs and newlines, trim control characters
    and read ``\\`` as ``/``, so ``/\\evil.example/x.png`` is a remote URL."""
    cleaned = re.sub(r"[\t\n\r]", "", url).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                  "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d"
                                                  "\x1e\x1f ")
    return not _SCHEME.match(cleaned) and not cleaned.replace("\\", "/").startswith("//")


# ---------------------------------------------------------------- what the bytes are


def image_type(content_type: str | None, body: bytes) -> str:
    """The type to store an answer as: an ``image/*`` answer whose bytes are a PNG, JPEG, GIF,
    WebP, AVIF, BMP, icon or SVG image. Raises ValueError (the reason) for anything else."""
    declared = (content_type or "").split(";")[0].strip().lower()
    if not declared.startswith("image/"):
        raise ValueError(f"not an image ({declared or 'no Content-Type'})")
    sniffed = sniff(body)
    if sniffed is None:
        raise ValueError(f"answered {declared}, but its bytes are no image a browser shows")
    return sniffed


def sniff(body: bytes) -> str | None:
    """The image type of ``body`` from its first bytes; None when it is none of the known ones."""
    head = body[:32]
    signatures = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"), (b"GIF87a", "image/gif"),
                  (b"GIF89a", "image/gif"), (b"BM", "image/bmp"), (b"\x00\x00\x01\x00", "image/x-icon"))
    for signature, kind in signatures:
        if head.startswith(signature):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:12] in (b"ftypavif", b"ftypavis"):
        return "image/avif"
    text = body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<svg", b"<?xml", b"<!--")) and b"<svg" in text and b"<html" not in text:
        return SVG
    return None


# ---------------------------------------------------------------- fetching and storing


@dataclass
class ImageCounts:
    fetched: int = 0
    errors: int = 0
    bytes: int = 0


@dataclass
class ImageFetcher:
    """Fetches the queued images of a blog's stored posts through the crawl's Fetcher, with
    ``max_bytes`` as the size cap and ``stats`` counting its requests apart from the pages'.
    One per run: an image is asked for once a run."""

    db: object
    fetcher: Fetcher
    max_bytes: int = MAX_IMAGE_BYTES
    stats: FetchStats = field(default_factory=FetchStats)
    tried: set[int] = field(default_factory=set)

    def fetch_queued(self, blog_id: int) -> ImageCounts:
        """Fetch and store every image of the blog still waiting (queued by :func:`queue_post_images`)."""
        counts = ImageCounts()
        for row in store.queued_images(self.db, blog_id):
            if row["id"] in self.tried:
                continue
            self.tried.add(row["id"])
            try:
                with self._counted_apart():
                    resp = self.fetcher.get(row["source_url"] or row["url"])
                body = resp.body or b""
                kind = image_type(resp.headers.get("Content-Type"), body)
            except FetchError as exc:
                self._failed(row, counts, exc.status, exc.reason, again=_may_answer_later(exc))
                continue
            except ValueError as exc:
                self._failed(row, counts, 200, str(exc))
                continue
            except sqlite3.Error:
                raise
            except Exception as exc:     # an image must never stop the crawl
                self._failed(row, counts, None, f"{type(exc).__name__}: {exc}")
                continue
            with store.transaction(self.db):
                store.save_image(self.db, row["id"], status=resp.status, content_type=kind, body=body,
                                 sha256=hashlib.sha256(body).hexdigest())
            counts.fetched += 1
            counts.bytes += len(body)
            log.debug("image %s: %s, %d bytes", row["url"], kind, len(body))
        return counts

    def _failed(self, row: dict, counts: ImageCounts, status: int | None, reason: str, again: bool = False) -> None:
        log.warning("image skipped%s: %s: %s", " until the next run" if again else "", row["url"], reason)
        counts.errors += 1
        with store.transaction(self.db):
            store.save_image(self.db, row["id"], status=status, error=reason, queued=again)

    @contextmanager
    def _counted_apart(self):
        """Requests made inside count in ``self.stats`` (not the crawl's pages) and stop at the
        image size cap; everything else (robots.txt, delay, retries, redirects) is the Fetcher's."""
        pages = (self.fetcher.stats, self.fetcher.max_bytes)
        self.fetcher.stats, self.fetcher.max_bytes = self.stats, self.max_bytes
        try:
            yield
        finally:
            self.fetcher.stats, self.fetcher.max_bytes = pages


def _may_answer_later(exc: FetchError) -> bool:
    """A failure worth another try next run: no answer, a server error, too many requests."""
    if isinstance(exc, (Postponed, HostSkipped)) or exc.status in RETRY_STATUSES:
        return True
    return exc.status is None and type(exc) is FetchError and not exc.final


def queue_post_images(db, post_url: str, blog_id: int, body_html: str, scope: Scope,
                      better: Mapping[str, str] | None = None) -> int:
    """Link a stored post to its in-scope images and queue those not stored yet (an image that
    failed before is tried again). Call in the post's transaction, so a killed crawl loses no
    image: the next run fetches what is queued. Returns how many remote images were out of scope."""
    if "<img" not in body_html:
        store.link_post_images(db, post_url, blog_id, {})
        return 0
    wanted, elsewhere = wanted_images(body_html, scope, better)
    for url in elsewhere:
        log.info("%s: image %s is not on the blog or its platform's media hosts; not archived", post_url, url)
    store.link_post_images(db, post_url, blog_id, wanted)
    return len(elsewhere)
