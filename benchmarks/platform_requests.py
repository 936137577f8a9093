"""Requests per crawl on every platform's fixture blog: first crawl, unchanged re-crawl, re-crawl after changes.

Serves each fixture blog of tests/sites/ on 127.0.0.1 (v1, then v2: 3 posts added, 1 edited, 1 removed),
crawls it with ``blogarchive crawl --delay 0`` into a fresh archive and counts the requests the server
received. The unchanged re-crawl is the second crawl of v1; the changed one crawls v2 after that.

    python benchmarks/platform_requests.py          # prints a Markdown table
"""

from __future__ import annotations

import json
import platform as machine
import sys
import tempfile
from datetime import date
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "src")]

from blogarchive.cli import cli  # noqa: E402
from recordedsite import RecordedSite  # noqa: E402

FIXTURES = ["wordpress", "wordpress-block", "blogger", "hugo", "jekyll", "pelican", "eleventy", "unknown"]


def crawl(site, db: Path, start: str) -> tuple[int, str]:
    site.reset_requests()
    result = CliRunner().invoke(cli, ["crawl", site.url + start, "--db", str(db), "--delay", "0"])
    return len(site.reset_requests()), result.output.splitlines()[0] if result.output else ""


def main() -> None:
    print(f"# platform fixture crawls, {date.today()}, {machine.machine()} Python {machine.python_version()}\n")
    print("| fixture | platform | sources (first crawl) | posts v1 | first crawl | allowed (1.15/post + 10) "
          "| unchanged re-crawl | after changes (v2) |")
    print("|---|---|---|---|---|---|---|---|")
    for name in FIXTURES:
        folder = ROOT / "tests" / "sites" / name
        exp = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        posts = len(exp["states"]["v1"]["posts"])
        with tempfile.TemporaryDirectory() as tmp, RecordedSite(folder, "v1") as site:
            db = Path(tmp) / "a.db"
            first, line = crawl(site, db, exp["start"])
            unchanged, _ = crawl(site, db, exp["start"])
            changed = "-"
            if (folder / "v2").is_dir():
                site.use("v2")
                changed = crawl(site, db, exp["start"])[0]
        sources = line.split("(", 1)[1].split(")", 1)[0] if "(" in line else ""
        print(f"| {name} | {exp['platform']} | {sources} | {posts} | {first} | {1.15 * posts + 10:.0f} "
              f"| {unchanged} | {changed} |")


if __name__ == "__main__":
    main()
