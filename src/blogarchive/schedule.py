"""When a blog gets a full pass over every list page, and when a nightly run is enough.

A nightly run reads what tells it whether anything is new or changed (the feed, the first page of
an API or of the index, sitemaps, conditional requests) and stops there. Edits and removals deep
in an archive show in no such source, so each blog also gets a full pass over every source every
``every_days`` days. Blogs registered on the same day would all come due on the same night; the
first due date is spread over the period by a hash of the blog's URL, so a few blogs get their
full pass each night rather than all of them one night a week.
"""

from __future__ import annotations

import zlib
from datetime import datetime, timedelta, timezone

DEFAULT_EVERY_DAYS = 7


def _parse(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def full_pass_due(blog: dict, now: datetime, every_days: int = DEFAULT_EVERY_DAYS) -> bool:
    """Whether this run of ``blog`` (a blogs row) should read every source: it never had one, or
    its ``next_full`` has come. ``every_days`` 0 makes every run a full pass."""
    if every_days <= 0:
        return True
    due = _parse(blog.get("next_full"))
    return due is None or now >= due


def next_full_pass(url: str, now: datetime, every_days: int = DEFAULT_EVERY_DAYS, first: bool = False) -> str:
    """When the next full pass of the blog at ``url`` is due, as an ISO timestamp. After the
    first one the gap is 1 to ``every_days`` days, the same for a URL every time (a hash), so
    blogs registered together come due on different nights; after that it is ``every_days``.
    A few minutes are taken off so that a run at the same time of night finds it due."""
    days = 1 + zlib.crc32(url.encode("utf-8")) % max(every_days, 1) if first else every_days
    return (now + timedelta(days=days) - timedelta(minutes=30)).replace(microsecond=0).isoformat()
