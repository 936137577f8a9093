"""What a crawl's discovery found of one blog, and the reading of its sources in worker processes.

``Discovery`` holds, for this run, every post a source named with what the sources said of it
(its hints, kept packed: a big blog's discovery holds a hundred thousand), the keys each kind of
source gave it, the list pages naming it, and which sources changed or named something new.
``read_source`` reads a fetched list page, feed or sitemap in a worker process (HTML in, listing
out); the crawl takes what it read in the order the sources were found.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, MutableMapping
from concurrent.futures import Future
from dataclasses import dataclass, field

from .. import platforms, store
from ..extract import parse_page
from ..fetch import Response
from ..record import Hints, Listing, Source


_SENT: dict = {"to": None, "urls": set()}     # in a worker: the sources it sent back, and to which crawl


def read_source(task: tuple) -> tuple | Exception:
    """In a worker: what a source whose reading depends on its body alone (a list page, a feed, a
    sitemap) says, its listing key, that listing as stored, and a ``fresh`` page (not the stored
    copy a 304 stands for) packed for storing; the error to raise in the crawl otherwise."""
    crawl, platform_name, source, body, fresh, charset, root, headers = task
    try:
        platform = platforms.get(platform_name)
        tree = parse_page(body, charset) if source.kind == "list" else None
        listing = platform.read(source, body, tree, root, headers, {})
        result = (listing, platform.listing_key(source, listing, tree), listing.to_json(),
                  store.pack_body(body) if fresh else None)
    except ValueError as exc:       # a corrupt feed or sitemap: skipped, as when read in the crawl
        return ValueError(str(exc))
    except Exception as exc:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    # Every page's sidebar names the same hundreds of archive pages. The crawl takes the results
    # in the order it sent the pages, and this worker read its pages in that order, so a source it
    # sent before has been met there already: only the others go back (a fraction of the objects
    # to unpickle, which would otherwise fragment the crawl's memory).
    if _SENT["to"] != crawl:
        _SENT.update(to=crawl, urls=set())
    sent = _SENT["urls"]
    listing.sources = [s for s in listing.sources if s.url not in sent]
    sent.update(s.url for s in listing.sources)
    return result


def raised(result):
    if isinstance(result, Exception):
        raise result
    return result


@dataclass
class Fetched:
    """A source as its fetch left it, before it is read."""
    source: Source
    resp: Response | None = None
    body: bytes | None = None
    row: dict | None = None
    tree: object = None                     # parsed already (the start page)
    stored: Listing | None = None           # an unchanged source: what it said when stored
    reading: Future | None = None           # being read in a worker process
    error: BaseException | None = None      # what the fetch raised (FetchError, PageBudget)


class PackedHints(MutableMapping):
    """Post URL → what the sources said of it, each ``Hints`` kept packed (compact JSON): a big
    blog's discovery holds a hundred thousand, and as objects they were most of its memory. A
    ``Hints`` read from here is a copy: a changed one is stored back."""

    def __init__(self):
        self._packed: dict[str, str] = {}

    def __getitem__(self, url: str) -> Hints:
        return Hints.unpack(self._packed[url])

    def __setitem__(self, url: str, hints: Hints) -> None:
        self._packed[url] = hints.pack()

    def packed(self, url: str) -> str | None:
        """A post's hints as stored with its page (``pages.hints``)."""
        return self._packed.get(url)

    def __delitem__(self, url: str) -> None:
        del self._packed[url]

    def __contains__(self, url: object) -> bool:
        return url in self._packed

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)


@dataclass
class Discovery:
    posts: PackedHints = field(default_factory=lambda: PackedHints())   # named as posts by a source
    candidates: dict[str, None] = field(default_factory=dict)      # may be posts: judged when fetched
    by_kind: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))  # kind -> url -> key
    listed_on: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    changed: dict[str, bool] = field(default_factory=dict)         # source URL -> changed this crawl
    complete: bool = True                                          # every source read without error
    exhaustive: bool = False                                       # an exhaustive source answered
    found_lists: set[str] = field(default_factory=set)             # list pages first met as candidates
    budget_hit: bool = False                                       # --max-pages stopped discovery
    news: dict[str, bool] = field(default_factory=dict)            # source URL -> named a new or changed post
    skipped: int = 0                                               # sources a nightly run did not read

    def named(self) -> list[str]:
        return list(dict.fromkeys(list(self.posts) + list(self.candidates)))

    def count(self) -> int:
        """About as many as ``named()`` (a candidate later named as a post counts twice), at no cost."""
        return len(self.posts) + len(self.candidates)

    def keys(self, url: str) -> dict[str, str]:
        """What each kind of source said of a post: kind → its key (kept by kind: a dict per post
        would be most of a big blog's discovery in memory)."""
        return {kind: keys[url] for kind, keys in self.by_kind.items() if url in keys}
