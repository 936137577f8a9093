"""Parsing and extraction on every core: worker processes and an ordered map over them.

Reading a page is pure CPU (HTML in, record out), so batch work (``extract --manifest``,
``reextract``) and a crawl (its list pages and post pages) run it in worker processes while
the caller alone fetches and writes the results, in the input's order. At most a few items per
worker are in flight, so a large batch never sits in memory whole. Workers die with the process
that started them and run below its priority: it feeds them, so they wait when it waits.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT = 4       # items queued per worker
WORKER_NICENESS = 5


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


def start_worker(parent: int) -> None:
    """A worker process's set-up: it dies with its parent, and yields the CPU to it. The parent
    fetches, feeds the workers and writes every result: when it waits for a core, they all
    wait for it."""
    die_with_parent(parent)
    try:
        os.nice(WORKER_NICENESS)
    except (OSError, AttributeError):
        pass


def pool(jobs: int, **options) -> ProcessPoolExecutor:
    """A pool of ``jobs`` worker processes that die with this one."""
    return ProcessPoolExecutor(max_workers=jobs, initializer=start_worker, initargs=(os.getpid(),), **options)


class LazyPool:
    """A pool of ``jobs`` worker processes started at the first ``submit`` (a crawl that finds
    nothing to do starts none), early enough that the workers are small: they are forked from
    this process as it is then."""

    def __init__(self, jobs: int):
        self.jobs = max(1, jobs)
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, func: Callable[[T], R], item: T) -> Future:
        if self._pool is None:
            self._pool = pool(self.jobs)
        return self._pool.submit(func, item)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> "LazyPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def ordered_map(func: Callable[[T], R], items: Iterable[T], jobs: int,
                workers: LazyPool | None = None) -> Iterator[R]:
    """``func(item)`` for each item, in order, computed by ``jobs`` worker processes (in this
    process when ``jobs`` is 1; those of ``workers`` when given). ``func`` must be a module-level
    function that does not raise."""
    if jobs <= 1:
        yield from map(func, items)
        return
    with contextlib.ExitStack() as stack:
        if workers is None:
            workers = stack.enter_context(LazyPool(jobs))
        pending: deque = deque()
        for item in items:
            pending.append(workers.submit(func, item))
            if len(pending) >= jobs * IN_FLIGHT:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
