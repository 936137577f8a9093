"""``make demo``: serve the sample blog, crawl it into data/, then open Datasette on it.

Runs until Ctrl-C; the sample blog keeps being served so the archive's links work.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from .server import SampleBlogServer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blog-port", type=int, default=8000, help="port of the sample blog")
    parser.add_argument("--port", type=int, default=8001, help="port of Datasette")
    parser.add_argument("--db", default="data/blogarchive.db", help="the archive file")
    args = parser.parse_args(argv)

    try:
        blog = SampleBlogServer(args.blog_port).start()
    except OSError as exc:
        print(f"demo: cannot serve the sample blog on 127.0.0.1:{args.blog_port} ({exc.strerror}); "
              f"try: make demo DEMO_PORT=8010", file=sys.stderr)
        return 2
    print(f"Sample Weebly blog: {blog.blog_url}", flush=True)
    started = time.monotonic()
    crawl = subprocess.run([sys.executable, "-m", "blogarchive", "crawl", blog.blog_url,
                            "--db", args.db, "--delay", "0"])
    print(f"Crawled in {time.monotonic() - started:.1f}s (exit status {crawl.returncode})", flush=True)
    if crawl.returncode == 2:
        blog.stop()
        return 2
    print(f"Datasette: http://127.0.0.1:{args.port}/  (Ctrl-C to stop)", flush=True)
    try:
        return subprocess.call([sys.executable, "-m", "blogarchive", "serve", "--db", args.db,
                                "--port", str(args.port)])
    except KeyboardInterrupt:
        return 0
    finally:
        blog.stop()


if __name__ == "__main__":
    sys.exit(main())
