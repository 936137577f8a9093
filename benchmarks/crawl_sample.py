"""Crawl the bundled sample Weebly blog and report requests and wall time per run.

    .venv/bin/python benchmarks/crawl_sample.py [--delay 0] [--runs 3]

Run 1 is a first crawl into a new archive, run 2 a second crawl of the unchanged
blog, run 3 a crawl after one new post. Wall times include interpreter start-up
(the command is run as a cron job would run it).
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sampleblog.model import Para, Post, signature  # noqa: E402
from sampleblog.server import SampleBlogServer  # noqa: E402


def crawl(blog_url: str, db: Path, delay: float) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "blogarchive", "crawl", blog_url, "--db", str(db),
                    "--delay", str(delay), "--quiet"], check=True)
    return time.perf_counter() - started


def summarise(label: str, seconds: float, server: SampleBlogServer) -> str:
    posts = {"/blog/" + p.slug for p in server.posts}
    kinds = Counter(("post" if r.path in posts else "other", r.status) for r in server.requests)
    return (f"| {label} | {len(server.requests)} | {kinds[('post', 200)]} | {kinds[('post', 304)]} "
            f"| {kinds[('other', 200)]} | {kinds[('other', 304)]} | {seconds:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
          f"delay {args.delay}s")
    print("| run | requests | post 200 | post 304 | other 200 | other 304 | wall s |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp, SampleBlogServer() as server:
        db = Path(tmp) / "blogarchive.db"
        print(summarise(f"first crawl ({len(server.posts)} posts)", crawl(server.blog_url, db, args.delay), server))
        server.clear_log()
        print(summarise("second crawl, unchanged", crawl(server.blog_url, db, args.delay), server))
        server.add_post(Post(title="One more post", posted=datetime(2024, 11, 28, 10, 0),
                             blocks=(Para("A short note."),), categories=("Interviews",),
                             credit=signature("-- ", "Ann Lee")))
        server.clear_log()
        print(summarise("after one new post", crawl(server.blog_url, db, args.delay), server))


if __name__ == "__main__":
    main()
