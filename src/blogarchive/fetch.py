"""The one network seam: a polite HTTP client.

Every request blogarchive makes goes through ``Fetcher.get``, which
- names the tool in its User-Agent,
- obeys robots.txt (parsed with Protego) including ``Crawl-delay``,
- waits ``delay`` seconds between requests to the same host,
- sends conditional requests (``If-None-Match`` / ``If-Modified-Since``),
- retries 429 and 5xx answers and network errors with exponential backoff,
  honouring ``Retry-After``,
- caps the response size and applies connect/read timeouts.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from datetime import datetime, timezone
from urllib.parse import urlsplit

import requests
from protego import Protego

from . import __version__

log = logging.getLogger(__name__)

USER_AGENT = f"blogarchive/{__version__} (+https://github.com/blogarchive/blogarchive)"
ROBOTS_AGENT = "blogarchive"
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504, 522, 524})
MAX_RETRY_AFTER = 300.0


class FetchError(Exception):
    """A page that could not be fetched; the message is one line."""

    def __init__(self, url: str, reason: str, status: int | None = None):
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status


class RobotsDisallowed(FetchError):
    pass


@dataclass
class Response:
    url: str                 # the final URL, after redirects
    status: int              # 200, or 304 when the stored copy is still good
    headers: dict[str, str]
    body: bytes | None       # None on 304

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def charset(self) -> str | None:
        ctype = self.headers.get("Content-Type", "")
        for part in ctype.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                return value.strip("\"'")
        return None


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
    stats: FetchStats = field(default_factory=FetchStats)

    def __post_init__(self) -> None:
        self.session = requests.Session()
        self.session.headers["User-Agent"] = self.user_agent
        self.session.headers["Accept"] = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
        self.session.max_redirects = 5
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, Protego | None] = {}
        self._host_delay: dict[str, float] = {}   # Crawl-delay from robots.txt, per host

    def close(self) -> None:
        self.session.close()

    # ------------------------------------------------------------ public

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET ``url`` politely. Raises FetchError when it cannot be had."""
        if self.obey_robots and not self.allowed(url):
            raise RobotsDisallowed(url, "disallowed by robots.txt")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._get_with_retries(url, headers)

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
        except FetchError as exc:
            if exc.status is None:      # the host did not answer at all: say so, don't guess
                raise FetchError(exc.url, exc.reason) from None
            if 400 <= exc.status < 500:
                return None  # no robots.txt: everything is allowed
            log.warning("%s answered %s; not crawling that host", robots_url, exc.reason)
            return Protego.parse("User-agent: *\nDisallow: /")
        text = (resp.body or b"").decode("utf-8", errors="replace")
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
        attempt = 0
        while True:
            self._wait_for_host(host)
            try:
                resp = self._get_once(url, headers)
            except FetchError as exc:
                if attempt >= self.max_retries or exc.status is not None:
                    raise
                wait = self.backoff * (2 ** attempt)
            else:
                if resp.status not in RETRY_STATUSES:
                    return self._checked(url, resp)
                if attempt >= self.max_retries:
                    raise FetchError(url, f"HTTP {resp.status} after {attempt + 1} tries", resp.status)
                wait = retry_after_seconds(resp.headers.get("Retry-After"))
                if wait is None:
                    wait = self.backoff * (2 ** attempt)
                elif wait > MAX_RETRY_AFTER:
                    raise FetchError(url, f"HTTP {resp.status}, Retry-After {wait:.0f}s is too long", resp.status)
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
        try:
            with self.session.get(url, headers=headers, timeout=self.timeout, stream=True) as r:
                declared = r.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > self.max_bytes:
                    raise FetchError(url, f"response of {declared} bytes is over the {self.max_bytes}-byte cap")
                body = bytearray()
                if r.status_code != 304:
                    for chunk in r.iter_content(65536):
                        body += chunk
                        if len(body) > self.max_bytes:
                            raise FetchError(url, f"response is over the {self.max_bytes}-byte cap")
                self.stats.bytes += len(body)
                return Response(
                    url=r.url, status=r.status_code, headers=dict(r.headers),
                    body=None if r.status_code == 304 else bytes(body),
                )
        except requests.Timeout:
            raise FetchError(url, "timed out") from None
        except requests.TooManyRedirects:
            raise FetchError(url, "too many redirects", 310) from None
        except requests.ConnectionError as exc:
            raise FetchError(url, f"connection failed ({type(exc).__name__})") from None
        except requests.RequestException as exc:
            raise FetchError(url, f"request failed ({exc.__class__.__name__})", 0) from None


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
