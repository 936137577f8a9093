"""URL normalisation: one spelling per page, so a post is stored once."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid",
    "_hsenc", "_hsmi", "mkt_tok", "ref_src", "spm",
})
DEFAULT_PORTS = {"http": 80, "https": 443}


class BadURL(ValueError):
    """A URL that blogarchive cannot crawl."""


def normalize_url(href: str, base: str | None = None) -> str:
    """Resolve ``href`` against ``base`` and return its canonical form.

    Lower-cases scheme and host, drops a default port, the fragment, tracking
    parameters. A trailing slash is kept: ``/post/`` and ``/post`` are
    different URLs to most servers (one redirects to the other).
    """
    href = (href or "").strip()
    url = urljoin(base, href) if base else href
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        raise BadURL(f"not an http(s) URL: {href!r}")
    host = parts.hostname.lower()
    try:
        port = parts.port
    except ValueError as exc:
        raise BadURL(f"bad port in URL: {href!r}") from exc
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = re.sub(r"//+", "/", parts.path or "/")
    query = urlencode([
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in TRACKING_PARAMS and not k.lower().startswith(TRACKING_PREFIXES)
    ])
    return urlunsplit((scheme, netloc, path, query, ""))


def try_normalize(href: str, base: str | None = None) -> str | None:
    """Like ``normalize_url`` but None for links that are not http(s) (mailto:, javascript:, …).

    The links of a blog's pages repeat from page to page (the sidebar's months and categories,
    on every list page): an absolute or protocol-relative link is resolved the same whatever the
    page, a root-relative one the same on every page of a site, so those are remembered."""
    href = (href or "").strip()
    if href.startswith(("http://", "https://")):
        return _normalized(href, None)
    if href.startswith("//") and base:      # protocol-relative, as Weebly writes its links
        return _normalized(urlsplit(base).scheme + ":" + href, None)
    if href.startswith("/") and not href.startswith("//") and base:
        parts = urlsplit(base)
        return _normalized(href, f"{parts.scheme}://{parts.netloc}/")
    return _normalized_uncached(href, base)


def _normalized_uncached(href: str, base: str | None) -> str | None:
    try:
        return normalize_url(href, base)
    except BadURL:
        return None


_normalized = lru_cache(maxsize=16384)(_normalized_uncached)


def is_under(url: str, prefix: str) -> bool:
    """True when ``url`` is ``prefix`` itself or a path below it on the same site."""
    return url == prefix or url.startswith(prefix.rstrip("/") + "/")


def with_scheme_of(url: str, reference: str) -> str:
    """``url`` with ``reference``'s scheme when both are on the same host.

    Feeds often spell links https:// while a site is crawled over http:// (or
    the other way round after a move); one post must have one URL.
    """
    parts, ref = urlsplit(url), urlsplit(reference)
    if parts.netloc == ref.netloc and parts.scheme != ref.scheme:
        return urlunsplit((ref.scheme, *parts[1:]))
    return url
