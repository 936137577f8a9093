"""Extraction over many pages on every core: an ordered map over worker processes.

Extraction is pure CPU (HTML in, record out), so batch work (``extract --manifest``,
``reextract``) runs it in worker processes while the caller alone writes the results,
in the input's order. At most a few items per worker are in flight, so a large batch
never sits in memory whole.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT = 4       # items queued per worker


def cores() -> int:
    """The CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:      # not on Linux
        return os.cpu_count() or 1


def die_with_parent(parent: int) -> None:
    """In a worker process: be killed when the process that started it dies (a crawl killed by
    cron or ``kill -9``), rather than wait forever for work that will not come, holding its
    parent's pipes open. Linux's ``PR_SET_PDEATHSIG``; elsewhere nothing."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)       # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:              # it died before the call
        os._exit(1)


def pool(jobs: int, **options) -> ProcessPoolExecutor:
    """A pool of ``jobs`` worker processes that die with this one."""
    return ProcessPoolExecutor(max_workers=jobs, initializer=die_with_parent, initargs=(os.getpid(),), **options)


def ordered_map(func: Callable[[T], R], items: Iterable[T], jobs: int) -> Iterator[R]:
    """``func(item)`` for each item, in order, computed by ``jobs`` worker processes (in this
    process when ``jobs`` is 1). ``func`` must be a module-level function that does not raise."""
    if jobs <= 1:
        yield from map(func, items)
        return
    with pool(jobs) as workers:
        pending: deque = deque()
        for item in items:
            pending.append(workers.submit(func, item))
            if len(pending) >= jobs * IN_FLIGHT:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
