"""Time and peak memory of ``blogarchive export`` on a large archive, per format.

    .venv/bin/python benchmarks/export_scale.py [--posts 100000] [--db PATH] [--formats csv,jsonl,...]

Builds an archive of N synthetic posts through ``store`` (three blogs, authors with non-ASCII
names, categories, tags, bodies of 80-400 words; one transaction per 1,000 posts), or reuses the
archive at ``--db`` when it already holds N posts or more. Then runs ``blogarchive export
--format F --output ...`` as a child process for each format and measures its wall time and its
own peak resident memory (``/usr/bin/time``'s ``%M``; else ``os.wait4``'s rusage of the child).
A baseline row runs the command with a search that matches no post: interpreter start-up,
imports and opening the archive. Prints a Markdown table with the machine and the date.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from blogarchive import store  # noqa: E402
from blogarchive.record import Post  # noqa: E402

BLOGS = ["https://zoe.example.org/blog", "https://notes.example.net/", "https://hiring.example.com/news"]
AUTHORS = ["Zoë Ibáñez", "Ann Lee", "Bo Chen", "Jürgen Groß", "Łucja Wójcik", "Angela Silak", "Cindy Kaplan"]
CATEGORIES = ["Interviews", "Career", "Notes", "Hiring", "Résumés", "Remote work"]
TAGS = ["jobs", "advice", "salary", "cv", "networking", "café", "q&a", "how-to"]
WORDS = ("interview answer question salary hiring manager résumé team remote office career growth "
         "skills practice network recruiter offer negotiate follow-up thank you role company culture "
         "deadline project lead learn mentor feedback review promotion").split()


def build(path: Path, posts: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    db = store.open_db(path)
    blog_ids = [store.add_blog(db, url) for url in BLOGS]
    have = db.execute("SELECT count(*) FROM posts").fetchone()[0]
    start = date(2026, 11, 30)
    started = time.perf_counter()
    for first in range(have, posts, 1000):
        with store.transaction(db):
            for n in range(first, min(first + 1000, posts)):
                blog = rng.randrange(len(BLOGS))
                day = start - timedelta(days=n // 20)
                paragraphs = [" ".join(rng.choices(WORDS, k=rng.randint(20, 80))).capitalize() + "."
                              for _ in range(rng.randint(2, 5))]
                text = "\n\n".join(paragraphs)
                html = "".join(f"<p>{p}</p>" for p in paragraphs)
                post = Post(url=f"{BLOGS[blog].rstrip('/')}/{day:%Y/%m}/post-{n}",
                            title=f'Post {n}: "{rng.choice(WORDS)}", {rng.choice(WORDS)}',
                            published=f"{day.isoformat()}T{n % 24:02d}:15:00+01:00", archive_month=f"{day:%Y-%m}",
                            authors=rng.sample(AUTHORS, rng.randint(1, 2)),
                            categories=rng.sample(CATEGORIES, rng.randint(0, 2)),
                            tags=rng.sample(TAGS, rng.randint(0, 3)), text=text, html=html,
                            provenance={"title": "json-ld", "published": "meta", "authors": "markup"})
                store.save_post(db, post, blog_ids[blog])
        done = min(first + 1000, posts)
        if done % 10000 == 0 or done == posts:
            print(f"  built {done} posts ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    db.close()


def run_child(argv: list[str]) -> tuple[float, int, int]:
    """Wall seconds, peak RSS (KiB) and exit status of one child process.

    The child is started by ``/usr/bin/time`` when there is one: a child forked straight from this
    (larger) process would count this process's memory in its peak (Linux keeps the pre-exec
    high-water mark), so its peak would be at least ours.
    """
    timer = shutil.which("time", path="/usr/bin:/bin")
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss_file:
        wrapped = [timer, "-f", "%M", "-o", rss_file.name, *argv] if timer else argv
        started = time.perf_counter()
        proc = subprocess.Popen(wrapped, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        peak = int(rss_file.read().strip().splitlines()[-1]) if timer else usage.ru_maxrss
    err = proc.stderr.read().decode(errors="replace").strip()
    proc.stderr.close()
    if proc.returncode:
        print(f"  {' '.join(argv[3:8])}: exit {proc.returncode}: {err}", file=sys.stderr)
    return seconds, peak, proc.returncode


def size_of(path: Path) -> tuple[int, int]:
    """Bytes and files under ``path``."""
    if path.is_file():
        return path.stat().st_size, 1
    size = files = 0
    for root, _, names in os.walk(path):
        for name in names:
            size += os.stat(os.path.join(root, name)).st_size
            files += 1
    return size, files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="archive to build, or to reuse when it has enough posts")
    parser.add_argument("--formats", default="csv,jsonl,parquet,markdown")
    parser.add_argument("--keep", action="store_true", help="keep the exported files")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="export-scale-"))
    db_path = args.db or work / "archive.db"
    have = 0
    if db_path.exists():
        with sqlite3.connect(db_path) as conn:
            have = conn.execute("SELECT count(*) FROM posts").fetchone()[0]
    if have < args.posts:
        print(f"building {args.posts} posts in {db_path} (has {have})", file=sys.stderr)
        t = time.perf_counter()
        build(db_path, args.posts)
        print(f"  built in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    with sqlite3.connect(db_path) as conn:
        total = conn.execute("SELECT count(*) FROM posts WHERE removed_at IS NULL").fetchone()[0]
    db_mb = db_path.stat().st_size / 1e6

    command = [sys.executable, "-m", "blogarchive", "export", "--db", str(db_path)]
    rows = []
    seconds, rss, _ = run_child(command + ["--format", "jsonl", "--search", "zzzznomatch"])
    rows.append(("baseline (start-up, no post matches)", seconds, rss, 0, 0, "–"))
    ext = {"csv": "csv", "jsonl": "jsonl", "parquet": "parquet", "markdown": "", "atom": "atom"}
    for fmt in args.formats.split(","):
        out = work / (f"out.{ext[fmt]}" if ext[fmt] else "md")
        seconds, rss, status = run_child(command + ["--format", fmt, "--output", str(out)])
        size, files = size_of(out) if out.exists() else (0, 0)
        rows.append((fmt if not status else f"{fmt} (FAILED, exit {status})", seconds, rss, size, files,
                     f"{total / seconds:,.0f}"))
        if not args.keep:
            shutil.rmtree(out, ignore_errors=True) if out.is_dir() else out.unlink(missing_ok=True)

    cpu = platform.processor() or platform.machine()
    try:
        model = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
        cpu = f"{model} ({platform.machine()})"
    except (OSError, StopIteration):
        pass
    import pyarrow
    print(f"\n{total:,} posts ({db_mb:,.0f} MB archive); {os.cpu_count()} CPUs, {cpu}; "
          f"{platform.system()} {platform.release()}; CPython {platform.python_version()}, "
          f"SQLite {sqlite3.sqlite_version}, pyarrow {pyarrow.__version__}; "
          f"{datetime.now(timezone.utc).replace(microsecond=0).isoformat()}\n")
    print("| format | wall time (s) | peak RSS of the child (MB) | output (MB) | files | posts/s |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, seconds, rss, size, files, rate in rows:
        print(f"| {name} | {seconds:.1f} | {rss / 1024:.0f} | {size / 1e6:,.1f} | {files:,} | {rate} |")
    if not args.keep and not args.db:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
