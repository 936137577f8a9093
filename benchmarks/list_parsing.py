"""Time to read one list page with many post links (a hostile or huge index page), per platform reader.

    python benchmarks/list_parsing.py            # 10,000, 40,000 and 100,000 links

Reading must grow linearly with the number of links (membership tests on sets and dicts, not lists).
"""

from __future__ import annotations

import platform as machine
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from bs4 import BeautifulSoup  # noqa: E402

from blogarchive.discover.listpages import read_list_page  # noqa: E402
from blogarchive.platforms import weebly  # noqa: E402


def weebly_page(n: int) -> str:
    posts = "".join(f'<div class="blog-post"><a class="blog-title-link" href="/blog/post-{i}">P{i}</a></div>'
                    for i in range(n))
    return f'<html><body><table id="blogTable"><tr><td class="blog-main">{posts}</td></tr></table></body></html>'


def generic_page(n: int) -> str:
    return "<html><body><main>" + "".join(f'<article><h2><a href="/p/{i}/">P{i}</a></h2></article>'
                                         for i in range(n)) + "</main></body></html>"


def main() -> None:
    print(f"# list page reading, {machine.machine()} Python {machine.python_version()}\n")
    print("| links | Weebly parse_list | generic read_list_page |")
    print("|---|---|---|")
    for n in (10_000, 40_000, 100_000):
        soup_w = BeautifulSoup(weebly_page(n), "lxml")
        started = time.perf_counter()
        listing = weebly.parse_list(soup_w, "http://h/blog", "http://h/blog")
        weebly_s = time.perf_counter() - started
        assert len(listing.posts) == n
        soup_g = BeautifulSoup(generic_page(n), "lxml")
        started = time.perf_counter()
        listing = read_list_page(soup_g, "http://h/")
        generic_s = time.perf_counter() - started
        assert len(listing.candidates) == n
        print(f"| {n:,} | {weebly_s:.2f} s | {generic_s:.2f} s |")


if __name__ == "__main__":
    main()
