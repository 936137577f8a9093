"""The one network seam: a polite HTTP client.

Every request blogarchive makes goes through ``Fetcher.get``, which
- names the tool in its User-Agent,
- obeys robots.txt (parsed with Protego) including ``Crawl-delay``,
- waits ``delay`` seconds between requests to the same host,
- sends conditional requests (``If-None-Match`` / ``If-Modified-Since``),
- follows redirects itself, a few hops at most, each hop checked against the
  blog being crawled (``enter_blog``: its host only), robots.txt and the delay,
- refuses private, loopback and link-local addresses unless the blog itself
  lives on one,
- retries 429 and 5xx answers and network errors with exponential backoff,
  honouring ``Retry-After`` up to ``max_retry_after`` (a longer one postpones
  the page to the next run: ``Postponed``),
- caps the response size (an over-cap answer is not retried) and the time of a
  whole response, headers and body (``total_timeout``), not only of each read,
- stops asking a host that failed ``host_error_budget`` times in a row
  (``HostSkipped``).
"""

from __future__ import annotations

import ipaddress
import logging
import os
import signal
import socket
import threading
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit

import requests
from protego import Protego

from . import __version__
from .extract.encoding import declared_charset

log = logging.getLogger(__name__)

USER_AGENT = f"blogarchive/{__version__} (+https://github.com/blogarchive/blogarchive)"
ROBOTS_AGENT = "blogarchive"
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504, 522, 524})
REDIRECTS = frozenset({301, 302, 303, 307, 308})


class FetchError(Exception):
    """A page that could not be fetched; the message is one line."""

    def __init__(self, url: str, reason: str, status: int | None = None, final: bool = False):
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status
        self.final = final      # not worth retrying (an over-cap answer)


class RobotsDisallowed(FetchError):
    pass


class OutOfScope(FetchError):
    """A redirect (or a URL) that leaves the blog, or a private address: never requested."""


class Postponed(FetchError):
    """The server asked to come back later than we wait (``Retry-After``): the page waits for the next run."""


class HostSkipped(FetchError):
    """The host failed too often in this run; it is not asked again until the next one."""


class _Deadline(Exception):
    pass


@dataclass
class Response:
    url: str                 # the final URL, after redirects
    status: int              # 200, or 304 when the stored copy is still good
    headers: dict[str, str]
    body: bytes | None       # None on 304
    request_headers: dict[str, str] = field(default_factory=dict)   # what was sent, for the WARC record

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def charset(self) -> str | None:
        return declared_charset(self.headers.get("Content-Type"))


@dataclass
class FetchStats:
    requests: int = 0
    fetched: int = 0
    not_modified: int = 0
    retries: int = 0
    bytes: int = 0


@dataclass
class Fetcher:
    delay: float = 1.0                 # seconds between requests to one host
    timeout: tuple[float, float] = (10.0, 30.0)
    max_bytes: int = 10 * 1024 * 1024
    max_retries: int = 3
    backoff: float = 1.0               # first retry wait; doubles each time
    obey_robots: bool = True
    user_agent: str = USER_AGENT
    max_redirects: int = 5
    total_timeout: float | None = None  # seconds for a whole response; default: the read timeout × 2
    max_retry_after: float = 120.0      # a longer Retry-After postpones the page to the next run
    host_error_budget: int = 8          # failures in a row after which a host is skipped for the run
    stats: FetchStats = field(default_factory=FetchStats)

    def __post_init__(self) -> None:
        self.session = requests.Session()
        # with no proxy in the environment, requests need not read it again for every request
        # (a millisecond each): a CA bundle it names is read once here instead
        if not urllib.request.getproxies() and not os.environ.get("NETRC"):
            self.session.trust_env = False
            bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
            if bundle:
                self.session.verify = bundle
        self.session.headers["User-Agent"] = self.user_agent
        self.session.headers["Accept"] = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, Protego | None] = {}
        self._host_delay: dict[str, float] = {}   # Crawl-delay from robots.txt, per host
        self._host_errors: dict[str, int] = {}    # failures in a row, per host
        self._addresses: dict[str, bool] = {}     # host -> resolves to a private address
        self.blog_host: str | None = None         # set by enter_blog: the host redirects may go to
        self._private_ok: set[str] = set()

    def enter_blog(self, url: str) -> None:
        """Fetch for this blog from now on: redirects stay on its host, and a private address is
        allowed only when the blog itself lives on one."""
        netloc = urlsplit(url).netloc
        self.blog_host = netloc
        if self._is_private(urlsplit(url).hostname or ""):
            self._private_ok.add(netloc)

    def skipped_hosts(self) -> list[str]:
        return sorted(h for h, n in self._host_errors.items() if n >= self.host_error_budget)

    def close(self) -> None:
        self.session.close()

    # ------------------------------------------------------------ public

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET ``url`` politely, following redirects within the blog. Raises FetchError when it cannot
        be had (``OutOfScope``, ``RobotsDisallowed``, ``Postponed``, ``HostSkipped`` among them)."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _hop in range(self.max_redirects + 1):
            self._check_target(url, current)
            if self.obey_robots and not self.allowed(current):
                raise RobotsDisallowed(current, "disallowed by robots.txt")
            resp = self._get_with_retries(current, headers)
            location = resp.headers.get("Location") if resp.status in REDIRECTS else None
            if not location:
                resp.url = current
                return resp
            target = urljoin(current, location.strip())
            log.info("%s redirects to %s", current, target)
            if urlsplit(target).scheme not in ("http", "https"):
                raise OutOfScope(url, f"redirected to {target}; not followed", resp.status)
            headers = {}            # validators belong to the URL asked for, not to where it leads
            current = target
        raise FetchError(url, f"more than {self.max_redirects} redirects", 310)

    def _check_target(self, url: str, current: str) -> None:
        """Refuse a hop that leaves the blog's host, or a private address the blog does not live on."""
        parts = urlsplit(current)
        if self.blog_host is None:
            return
        if current != url and not same_site(parts.netloc, self.blog_host):
            raise OutOfScope(url, f"redirected off the blog to {current}; not followed")
        if parts.netloc not in self._private_ok and self._is_private(parts.hostname or ""):
            raise OutOfScope(url, f"{parts.hostname} is a private or local address; not requested")

    def _is_private(self, host: str) -> bool:
        if host not in self._addresses:
            try:
                infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
                addresses = {ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos}
            except (OSError, ValueError):
                addresses = set()
            self._addresses[host] = any(a.is_private or a.is_loopback or a.is_link_local or a.is_reserved
                                        or a.is_multicast or a.is_unspecified for a in addresses)
        return self._addresses[host]

    def robots_sitemaps(self, url: str) -> list[str]:
        """The ``Sitemap:`` lines of the robots.txt of ``url``'s host."""
        try:
            robots = self._robots_for(url)
        except FetchError:
            return []
        return list(robots.sitemaps) if robots is not None else []

    def allowed(self, url: str) -> bool:
        robots = self._robots_for(url)
        return robots is None or robots.can_fetch(url, ROBOTS_AGENT)

    # ------------------------------------------------------------ internals

    def _robots_for(self, url: str) -> Protego | None:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        if key not in self._robots:
            self._robots[key] = self._load_robots(key + "/robots.txt")
        return self._robots[key]

    def _load_robots(self, robots_url: str) -> Protego | None:
        try:
            resp = self._get_with_retries(robots_url, {})
            for _hop in range(self.max_redirects):       # http → https, example.com → www.example.com
                target = urljoin(robots_url, resp.headers.get("Location") or "") if resp.status in REDIRECTS else None
                if not target or not same_site(urlsplit(target).netloc, urlsplit(robots_url).netloc):
                    break
                resp = self._get_with_retries(target, {})
        except FetchError as exc:
            if exc.status is None:      # the host did not answer at all: say so, don't guess
                raise FetchError(exc.url, exc.reason) from None
            if 400 <= exc.status < 500:
                return None  # no robots.txt: everything is allowed
            log.warning("%s answered %s; not crawling that host", robots_url, exc.reason)
            return Protego.parse("User-agent: *\nDisallow: /")
        text = (resp.body or b"").decode("utf-8", errors="replace") if resp.status == 200 else ""
        robots = Protego.parse(text)
        crawl_delay = robots.crawl_delay(ROBOTS_AGENT)
        if crawl_delay and crawl_delay > self.delay:
            log.info("robots.txt asks for a crawl delay of %ss", crawl_delay)
            self._host_delay[urlsplit(robots_url).netloc] = float(crawl_delay)
        return robots

    def _wait_for_host(self, host: str) -> None:
        delay = max(self.delay, self._host_delay.get(host, 0.0))
        last = self._last_request.get(host)
        if last is not None and delay > 0:
            remaining = last + delay - time.monotonic()
            if remaining > 0:
                time.sleep(remaining)
        self._last_request[host] = time.monotonic()

    def _get_with_retries(self, url: str, headers: dict) -> Response:
        host = urlsplit(url).netloc
        if self._host_errors.get(host, 0) >= self.host_error_budget:
            raise HostSkipped(url, f"{host} failed {self.host_error_budget} times in a row; skipped until the next run")
        try:
            resp = self._retrying(url, host, headers)
        except FetchError as exc:
            if exc.status is None or exc.status >= 500 or exc.status in (408, 429):
                self._host_errors[host] = self._host_errors.get(host, 0) + 1
            raise
        self._host_errors[host] = 0
        return resp

    def _retrying(self, url: str, host: str, headers: dict) -> Response:
        attempt = 0
        while True:
            self._wait_for_host(host)
            try:
                resp = self._get_once(url, headers)
            except FetchError as exc:
                if attempt >= self.max_retries or exc.status is not None or exc.final:
                    raise
                wait = self.backoff * (2 ** attempt)
            else:
                if resp.status not in RETRY_STATUSES:
                    return self._checked(url, resp)
                wait = retry_after_seconds(resp.headers.get("Retry-After"))
                if wait is not None and wait > self.max_retry_after:
                    raise Postponed(url, f"HTTP {resp.status}, Retry-After {wait:.0f}s: postponed to the next run",
                                    resp.status)
                if attempt >= self.max_retries:
                    raise FetchError(url, f"HTTP {resp.status} after {attempt + 1} tries", resp.status)
                if wait is None:
                    wait = self.backoff * (2 ** attempt)
            attempt += 1
            self.stats.retries += 1
            log.info("retrying %s in %.1fs (try %d)", url, wait, attempt + 1)
            time.sleep(wait)
            # the wait already separates this request from the last one
            self._last_request[host] = time.monotonic() - max(self.delay, self._host_delay.get(host, 0.0))

    def _checked(self, url: str, resp: Response) -> Response:
        if resp.status == 304:
            self.stats.not_modified += 1
            return resp
        if resp.status >= 400:
            raise FetchError(url, f"HTTP {resp.status}", resp.status)
        self.stats.fetched += 1
        return resp

    def _get_once(self, url: str, headers: dict) -> Response:
        self.stats.requests += 1
        total = self.total_timeout or 2 * self.timeout[1]
        try:
            with _deadline(total):
                return self._read_response(url, headers, time.monotonic() + total)
        except _Deadline:
            raise FetchError(url, f"no whole answer within {total:g}s") from None
        except requests.Timeout:
            raise FetchError(url, "timed out") from None
        except requests.ConnectionError as exc:
            raise FetchError(url, f"connection failed ({type(exc).__name__})") from None
        except requests.RequestException as exc:
            raise FetchError(url, f"request failed ({exc.__class__.__name__})", 0) from None

    def _read_response(self, url: str, headers: dict, deadline: float) -> Response:
        with self.session.get(url, headers=headers, timeout=self.timeout, stream=True, allow_redirects=False) as r:
            declared = r.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > self.max_bytes:
                raise FetchError(url, f"response of {declared} bytes is over the {self.max_bytes}-byte cap",
                                 final=True)
            body = bytearray()
            if r.status_code != 304 and r.status_code not in REDIRECTS:
                for chunk in r.iter_content(65536):
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise FetchError(url, f"response is over the {self.max_bytes}-byte cap", final=True)
                    if time.monotonic() > deadline:
                        raise _Deadline()
            self.stats.bytes += len(body)
            return Response(
                url=url, status=r.status_code, headers=dict(r.headers),
                body=None if r.status_code == 304 else bytes(body),
                request_headers=dict(r.request.headers),
            )


@contextmanager
def _deadline(seconds: float):
    """Interrupt a blocked read after ``seconds`` (a server dripping its headers a byte at a time).

    Uses SIGALRM in the main thread; elsewhere the per-read timeout and the body loop's check apply.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise _Deadline()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def site_key(netloc: str) -> str:
    """A host and port as one site: ``www.`` or not, any case."""
    return netloc.lower().removeprefix("www.")


def same_site(netloc: str, other: str) -> bool:
    """The same host and port, ``www.`` or not."""
    return site_key(netloc) == site_key(other)


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
