"""Crawling at scale (issue 9): big generated blogs, served by nginx, crawled by ``blogarchive crawl``.

    .venv/bin/python benchmarks/crawl_scale.py [--sizes 1000,10000] [--platforms weebly,wordpress]
        [--changes 5] [--edits 1] [--full-pass] [--blogs 50 --blog-posts 200 --many-delay 1 --many-solo 2 --many-concurrency N]
        [--skip-scale] [--skip-many] [--skip-reextract] [--out results.json] [--work DIR --keep]

For each platform and size, ``benchmarks/bigblog.py`` generates a blog of that many posts into a
temporary folder and nginx serves it on 127.0.0.1 (conditional requests answered with 304,
headers and body in one write, every request logged). Then, against that one server:

1. ``wget --mirror --no-parent -e robots=off`` of the whole site (the yardstick);
2. a first crawl: ``blogarchive crawl URL --db NEW --delay 0 --max-list-pages 1000000 --quiet``;
3. an unchanged re-crawl (the same command);
4. ``bigblog.py change``: ``--changes`` new posts and ``--edits`` old posts edited, only the
   changed files rewritten; then a re-crawl (a nightly run, when the crawler has them);
5. with ``--full-pass`` (and a crawler that has ``crawl --full``), a full pass after that: the
   edits deep in the archive that a nightly run leaves to it.

Each command runs as a child process: wall time, CPU (user + system, from ``os.wait4``), peak RSS
(``/usr/bin/time``'s ``%M`` when there is one: a child forked from this process would otherwise
start from this process's high-water mark) and the requests nginx logged while it ran, by
status and by kind of page (``bigblog.request_kind``). After the crawls the archive is checked:
posts stored, the new posts stored, the edited posts' new sentence stored (after the re-crawl,
and after the full pass).

``reextract``: ``blogarchive reextract --jobs 1`` and ``--jobs <cores>`` on the largest archive
(Weebly first); posts re-extracted per second of wall time (start-up included).

Many blogs: ``--blogs`` Weebly blogs of ``--blog-posts`` posts, each on its own loopback address
(127.0.10.1, 127.0.10.2, …: blogarchive spaces requests per host:port) of one nginx, registered
in one archive and crawled by one ``blogarchive crawl --delay <--many-delay>`` (with
``--concurrency <--many-concurrency, default --blogs>`` when ``crawl --help`` offers it). Reported: the wall time of that run; each
blog's span in it (first to last request to its host, from nginx's log); and ``--many-solo``
blogs crawled alone beforehand (each into its own archive, same delay), whose mean times the
number of blogs estimates the sum of the blogs' crawl times and whose slowest is "the slowest
single blog".

Prints Markdown tables with the machine, the date and the blogarchive commit; progress goes to
stderr. Nothing leaves the machine: every URL is on 127.0.0.0/8.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import bigblog  # noqa: E402
from bigblog import Hit, Nginx, Served, blog_address, free_port, request_kind  # noqa: E402

BIGBLOG = [sys.executable, str(HERE / "bigblog.py")]
BLOGARCHIVE = [sys.executable, "-m", "blogarchive"]
TIME = shutil.which("time", path="/usr/bin:/bin")
UNLIMITED_LISTS = "1000000"


# ------------------------------------------------------------------------------------------
# Running and measuring one child process
# ------------------------------------------------------------------------------------------


@dataclass
class Measured:
    """One child process: what it cost, and what the server saw while it ran."""

    label: str
    wall: float = 0.0           # seconds
    cpu: float = 0.0            # user + system seconds, its children included
    rss_mb: float = 0.0         # peak resident memory
    status: int = 0             # exit status
    requests: int = 0
    statuses: dict[str, int] = field(default_factory=dict)    # "200" -> count
    kinds: dict[str, dict[str, int]] = field(default_factory=dict)  # kind -> status -> count
    output: str = ""            # the last lines it printed

    def take_hits(self, hits: list[Hit], platform: str) -> None:
        self.requests = len(hits)
        self.statuses = dict(sorted(Counter(str(h.status) for h in hits).items()))
        kinds: dict[str, Counter] = defaultdict(Counter)
        for hit in hits:
            kinds[request_kind(platform, hit.path)][str(hit.status)] += 1
        self.kinds = {kind: dict(sorted(counts.items())) for kind, counts in sorted(kinds.items())}


def run_measured(label: str, argv: list[str], log: Path) -> Measured:
    """Run ``argv`` (output to ``log``) and measure it; Ctrl-C stops it and is passed on."""
    rss_file = log.with_suffix(".rss")
    wrapped = [TIME, "-f", "%M", "-o", str(rss_file), *argv] if TIME else argv
    with log.open("wb") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(wrapped, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            stop_group(proc)
            raise
        wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    rss_kb = usage.ru_maxrss
    if TIME and rss_file.exists():
        lines = rss_file.read_text().split()
        rss_kb = int(lines[-1]) if lines and lines[-1].isdigit() else rss_kb
    tail = log.read_text(errors="replace").strip().splitlines()[-3:]
    return Measured(label, wall=wall, cpu=usage.ru_utime + usage.ru_stime, rss_mb=rss_kb / 1024,
                    status=proc.returncode, output="\n".join(tail))


def stop_group(proc: subprocess.Popen) -> None:
    """Stop a child started in its own session, with everything it started."""
    for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            break
        try:
            proc.wait(timeout=wait)
            break
        except subprocess.TimeoutExpired:
            continue


def run_json(argv: list[str]) -> dict:
    """Run a bigblog command and return the JSON line it prints."""
    done = subprocess.run(argv, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def note(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------
# blogarchive commands
# ------------------------------------------------------------------------------------------


@functools.cache
def crawl_help() -> str:
    """``blogarchive crawl --help``: which options this version has."""
    return subprocess.run([*BLOGARCHIVE, "crawl", "--help"], check=False, capture_output=True, text=True).stdout


def crawl_argv(db: Path, urls: list[str], delay: float, concurrency: int | None = None) -> list[str]:
    argv = [*BLOGARCHIVE, "crawl", *urls, "--db", str(db), "--delay", f"{delay:g}", "--quiet"]
    if "--max-list-pages" in crawl_help():
        argv += ["--max-list-pages", UNLIMITED_LISTS]
    if concurrency and "--concurrency" in crawl_help():
        argv += ["--concurrency", str(concurrency)]
    return argv


def posts_in(db: Path, origin: str, paths: list[str] | None = None, sentence: str | None = None) -> int:
    """Posts stored (not removed); only those at ``paths``; only those whose text has ``sentence``."""
    sql = "SELECT url FROM posts WHERE removed_at IS NULL"
    args: list = []
    if sentence:
        sql += " AND instr(body_text, ?) > 0"
        args.append(sentence)
    with sqlite3.connect(db) as conn:
        urls = {row[0] for row in conn.execute(sql, args)}
    if paths is None:
        return len(urls)
    return sum(origin + path in urls for path in paths)


# ------------------------------------------------------------------------------------------
# One platform at one size
# ------------------------------------------------------------------------------------------


@dataclass
class ScaleResult:
    platform: str
    posts: int
    files: int = 0
    generate_s: float = 0.0
    runs: list[Measured] = field(default_factory=list)
    stored: dict[str, int] = field(default_factory=dict)   # run label -> posts stored after it
    new_posts: int = 0
    new_stored: int = 0
    edited: int = 0
    edits_seen: int = 0
    edits_seen_full: int | None = None      # after the full pass (--full-pass)
    db: str = ""

    def run(self, label: str) -> Measured | None:
        return next((r for r in self.runs if r.label == label), None)


def scale_run(platform_name: str, posts: int, work: Path, args: argparse.Namespace,
              results: list[ScaleResult]) -> None:
    """Generate, serve, mirror with wget, crawl three times (see the module docstring); the result
    joins ``results`` as soon as the site exists, so an interrupted run reports what it measured."""
    folder = work / f"{platform_name}-{posts}"
    port = free_port()
    host = f"127.0.0.1:{port}"
    note(f"{platform_name} {posts}: generating")
    made = run_json([*BIGBLOG, "generate", str(folder), "--platform", platform_name, "--posts", str(posts),
                     "--host", host])
    result = ScaleResult(platform_name, posts, files=made["files"], generate_s=made["seconds"])
    results.append(result)
    url, origin, db = made["url"], f"http://{host}", folder / "archive.db"
    result.db = str(db)
    with Nginx(folder / "nginx", [Served(folder / "root", "127.0.0.1", port)]) as server:
        if shutil.which("wget") and not args.skip_wget:
            mirror = folder / "wget"
            run = run_measured("wget --mirror", ["wget", "--mirror", "--no-parent", "-e", "robots=off", "-q",
                                                 "-P", str(mirror), url], folder / "wget.log")
            finish(run, server, result)
            shutil.rmtree(mirror, ignore_errors=True)
        for label in ("first crawl", "unchanged re-crawl"):
            finish(run_measured(label, crawl_argv(db, [url], 0), folder / f"{label.split()[0]}.log"), server, result)
            result.stored[label] = posts_in(db, origin)
        changed = run_json([*BIGBLOG, "change", str(folder), "--new", str(args.changes), "--edit", str(args.edits)])
        label = f"re-crawl after {args.changes} new, {args.edits} edited"
        finish(run_measured(label, crawl_argv(db, [url], 0), folder / "changed.log"), server, result)
        result.stored[label] = posts_in(db, origin)
        result.new_posts, result.edited = len(changed["new"]), len(changed["edited"])
        result.new_stored = posts_in(db, origin, changed["new"])
        result.edits_seen = posts_in(db, origin, changed["edited"], changed["sentence"])
        if args.full_pass and "--full" in crawl_help():
            label = "full pass after the changes"
            finish(run_measured(label, crawl_argv(db, [url], 0) + ["--full"], folder / "full.log"), server, result)
            result.stored[label] = posts_in(db, origin)
            result.edits_seen_full = posts_in(db, origin, changed["edited"], changed["sentence"])


def finish(run: Measured, server: Nginx, result: ScaleResult) -> None:
    run.take_hits(server.hits(), result.platform)
    result.runs.append(run)
    fine = (0, 8) if run.label.startswith("wget") else (0,)     # wget: 8 = some answers were 404
    warning = "" if run.status in fine else f" (exit {run.status}: {run.output[-300:]})"
    note(f"{result.platform} {result.posts}: {run.label}: {run.requests} requests, {run.wall:.1f} s wall, "
         f"{run.cpu:.1f} s CPU, {run.rss_mb:.0f} MB{warning}")


# ------------------------------------------------------------------------------------------
# reextract
# ------------------------------------------------------------------------------------------


def reextract_runs(db: Path, jobs_list: list[int], work: Path) -> list[tuple[int, int, Measured]]:
    """(jobs, posts re-extracted, measurement) for each number of worker processes."""
    out = []
    for jobs in jobs_list:
        note(f"reextract --jobs {jobs} on {db.parent.name}")
        run = run_measured(f"reextract --jobs {jobs}", [*BLOGARCHIVE, "reextract", "--db", str(db), "--jobs", str(jobs)],
                           work / f"reextract-{jobs}.log")
        match = re.search(r"(\d+) posts re-extracted", run.output)
        pages = int(match.group(1)) if match else 0
        note(f"  {pages} posts in {run.wall:.1f} s ({pages / run.wall:.1f}/s), exit {run.status}")
        out.append((jobs, pages, run))
    return out


# ------------------------------------------------------------------------------------------
# Many blogs on one server
# ------------------------------------------------------------------------------------------


@dataclass
class ManyResult:
    blogs: int
    posts: int
    delay: float
    concurrency: str
    solo: list[Measured] = field(default_factory=list)
    combined: Measured | None = None
    spans: dict[str, float] = field(default_factory=dict)       # host -> seconds from first to last request
    per_host: dict[str, int] = field(default_factory=dict)      # host -> requests
    stored: int = 0


def many_blogs(work: Path, args: argparse.Namespace) -> ManyResult:
    """``--blogs`` Weebly blogs on one nginx, crawled alone (a few) and all together."""
    base = work / "many"
    port = free_port()
    concurrency = (args.many_concurrency or args.blogs) if "--concurrency" in crawl_help() else None
    result = ManyResult(args.blogs, args.blog_posts, args.many_delay,
                        str(concurrency) if concurrency else "none (no --concurrency option)")
    sites, urls = [], []
    note(f"many blogs: generating {args.blogs} × {args.blog_posts} posts")
    for i in range(args.blogs):
        folder = base / f"blog-{i + 1:03d}"
        served = Served(folder / "root", blog_address(i), port)
        made = run_json([*BIGBLOG, "generate", str(folder), "--posts", str(args.blog_posts), "--host", served.host,
                         "--seed", str(i + 1)])
        sites.append(served)
        urls.append(made["url"])
    with Nginx(base / "nginx", sites) as server:
        for i in range(min(args.many_solo, args.blogs)):
            run = run_measured(f"blog {i + 1} alone", crawl_argv(base / f"solo-{i + 1}.db", [urls[i]], args.many_delay),
                               base / f"solo-{i + 1}.log")
            run.take_hits(server.hits(), "weebly")
            result.solo.append(run)
            note(f"many blogs: {run.label}: {run.requests} requests, {run.wall:.1f} s")
        db = base / "archive.db"
        subprocess.run([*BLOGARCHIVE, "add", *urls, "--db", str(db)], check=True, capture_output=True)
        note(f"many blogs: crawling all {args.blogs} at --delay {args.many_delay:g}")
        run = run_measured("all blogs", crawl_argv(db, [], args.many_delay, concurrency), base / "all.log")
        hits = server.hits()
        run.take_hits(hits, "weebly")
        result.combined = run
        by_host: dict[str, list[float]] = defaultdict(list)
        for hit in hits:
            by_host[hit.host].append(hit.at)
        result.spans = {host: max(times) - min(times) for host, times in sorted(by_host.items())}
        result.per_host = {host: len(times) for host, times in sorted(by_host.items())}
        with sqlite3.connect(db) as conn:
            result.stored = conn.execute("SELECT count(*) FROM posts WHERE removed_at IS NULL").fetchone()[0]
        note(f"many blogs: all: {run.requests} requests, {run.wall:.1f} s, {result.stored} posts stored")
    return result


# ------------------------------------------------------------------------------------------
# The machine, and the report
# ------------------------------------------------------------------------------------------


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    ram = 0.0
    try:
        with open("/proc/meminfo") as info:
            ram = int(next(line.split()[1] for line in info if line.startswith("MemTotal"))) / 1024 ** 2
    except (OSError, StopIteration):
        pass
    return {
        "date": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "cpu": cpu, "cores": os.cpu_count(), "ram_gb": round(ram, 1),
        "system": f"{platform.system()} {platform.release()} {platform.machine()}",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "sqlite": sqlite3.sqlite_version,
        "blogarchive": blogarchive_version(),
        "nginx": first_line([bigblog.nginx_path() or "nginx", "-v"]),
        "wget": first_line(["wget", "--version"]),
    }


def blogarchive_version() -> str:
    """The package version and the repository's commit (with "+ changes" when the tree is dirty)."""
    version = subprocess.run([*BLOGARCHIVE, "--version"], check=False, capture_output=True, text=True).stdout.strip()
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "src"],
                               check=False, capture_output=True, text=True).stdout.strip()
        return f"{version or 'blogarchive'} at {commit}{' + uncommitted changes in src/' if dirty else ''}"
    except (OSError, subprocess.CalledProcessError):
        return version


def first_line(argv: list[str]) -> str:
    try:
        done = subprocess.run(argv, check=False, capture_output=True, text=True)
    except OSError:
        return "not installed"
    return ((done.stdout or done.stderr).strip().splitlines() or [""])[0]


def ms(seconds: float, count: int) -> str:
    return f"{1000 * seconds / count:.1f}" if count else "–"


def kinds_cell(kinds: dict[str, dict[str, int]]) -> str:
    """``index 100×304, post 5×200``: requests by kind of page and status, biggest first."""
    parts = [(n, f"{kind} {n}×{status}") for kind, statuses in kinds.items() for status, n in statuses.items()]
    return ", ".join(text for _, text in sorted(parts, key=lambda p: -p[0]))


def scale_tables(results: list[ScaleResult]) -> list[str]:
    lines = [("| platform | posts | run | requests | req/post | wall s | CPU s | wall ms/post | CPU ms/post "
             "| peak RSS MB | posts stored | exit |"),
             "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        for run in r.runs:
            stored = r.stored.get(run.label, "–")
            lines.append(f"| {r.platform} | {r.posts:,} | {run.label} | {run.requests:,} | {run.requests / r.posts:.3f} "
                         f"| {run.wall:.1f} | {run.cpu:.1f} | {ms(run.wall, r.posts)} | {ms(run.cpu, r.posts)} "
                         f"| {run.rss_mb:.0f} | {stored if isinstance(stored, str) else f'{stored:,}'} | {run.status} |")
    lines += ["", "Requests by kind of page and status (nginx's log):", "",
              "| platform | posts | run | requests by kind |", "|---|---:|---|---|"]
    for r in results:
        for run in r.runs:
            lines.append(f"| {r.platform} | {r.posts:,} | {run.label} | {kinds_cell(run.kinds)} |")
    lines += ["", "| platform | posts | files generated | generation s | new posts stored | edits seen | "
              "edits seen after the full pass |", "|---|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        full = "–" if r.edits_seen_full is None else f"{r.edits_seen_full} of {r.edited}"
        lines.append(f"| {r.platform} | {r.posts:,} | {r.files:,} | {r.generate_s:.1f} | {r.new_stored} of "
                     f"{r.new_posts} | {r.edits_seen} of {r.edited} | {full} |")
    return lines


def target_rows(results: list[ScaleResult], many: ManyResult | None) -> list[str]:
    """The issue's targets, each with what was measured."""
    lines = ["| target | blog | measured | met |", "|---|---|---|---|"]

    def row(target: str, blog: str, measured: str, ok: bool) -> None:
        lines.append(f"| {target} | {blog} | {measured} | {'yes' if ok else '**no**'} |")

    for r in results:
        blog = f"{r.platform} {r.posts:,}"
        first, wget, same = r.run("first crawl"), r.run("wget --mirror"), r.run("unchanged re-crawl")
        changed = next((run for run in r.runs if run.label.startswith("re-crawl after")), None)
        if same:
            row("unchanged re-crawl ≤ 50 requests", blog, f"{same.requests:,}", same.requests <= 50)
        if changed:
            row("re-crawl after changes ≤ new posts + 50", blog,
                f"{changed.requests:,} = {r.new_posts} + {changed.requests - r.new_posts:,}",
                changed.requests <= r.new_posts + 50)
        if first and wget and wget.wall:
            ratio = first.wall / wget.wall
            row("first crawl wall ≤ 8 × wget --mirror", blog, f"{first.wall:.1f} s / {wget.wall:.1f} s = {ratio:.1f}×",
                ratio <= 8)
        if first:
            limit = 1.5 if r.platform == "weebly" else 1.15
            row(f"first crawl ≤ {limit} requests/post", blog, f"{first.requests / r.posts:.3f}",
                first.requests / r.posts <= limit)
            if r.posts >= 100_000:
                row("peak RSS < 200 MB at 100,000 posts", blog, f"{first.rss_mb:.0f} MB", first.rss_mb < 200)
    if many and many.combined and many.solo:
        slowest = max(run.wall for run in many.solo)
        ratio = many.combined.wall / slowest
        row("many blogs ≤ 1.3 × the slowest single blog", f"{many.blogs} × {many.posts}, --delay {many.delay:g}",
            f"{many.combined.wall:.0f} s / {slowest:.0f} s = {ratio:.1f}×", ratio <= 1.3)
    return lines


def reextract_table(runs: list[tuple[int, int, Measured]], source: str) -> list[str]:
    lines = [f"`blogarchive reextract` on the {source} archive:", "",
             "| jobs | posts | wall s | CPU s | posts/s | peak RSS MB (largest process) | exit |",
             "|---:|---:|---:|---:|---:|---:|---:|"]
    for jobs, pages, run in runs:
        rate = f"{pages / run.wall:.1f}" if run.wall else "–"
        lines.append(f"| {jobs} | {pages:,} | {run.wall:.1f} | {run.cpu:.1f} | {rate} | {run.rss_mb:.0f} | {run.status} |")
    return lines


def many_table(m: ManyResult) -> list[str]:
    lines = [(f"{m.blogs} Weebly blogs × {m.posts} posts, one nginx, one host each, `--delay {m.delay:g}`, "
             f"concurrency: {m.concurrency}:"), "",
             "| run | requests | wall s | CPU s | peak RSS MB | posts stored | exit |", "|---|---:|---:|---:|---:|---:|---:|"]
    for run in m.solo:
        lines.append(f"| {run.label} | {run.requests:,} | {run.wall:.1f} | {run.cpu:.1f} | {run.rss_mb:.0f} | – | {run.status} |")
    if m.combined:
        c = m.combined
        lines.append(f"| all {m.blogs} blogs, one crawl | {c.requests:,} | {c.wall:.1f} | {c.cpu:.1f} | {c.rss_mb:.0f} "
                     f"| {m.stored:,} | {c.status} |")
    if m.combined and m.spans:
        spans = list(m.spans.values())
        per_blog = list(m.per_host.values())
        lines += ["", "| measure | seconds |", "|---|---:|",
                  f"| wall time of the one crawl of all blogs | {m.combined.wall:.1f} |",
                  f"| sum of the blogs' spans in it (first to last request per host, nginx's log) | {sum(spans):.1f} |",
                  f"| blog span in it: mean / longest | {sum(spans) / len(spans):.1f} / {max(spans):.1f} |"]
        if m.solo:
            solo = [run.wall for run in m.solo]
            mean = sum(solo) / len(solo)
            lines += [f"| one blog crawled alone: mean of {len(solo)} / slowest | {mean:.1f} / {max(solo):.1f} |",
                      f"| estimated sum of the blogs' crawl times (mean alone × {m.blogs}) | {mean * m.blogs:.1f} |",
                      f"| all blogs' wall ÷ slowest single blog (target ≤ 1.3) | {m.combined.wall / max(solo):.2f} |",
                      f"| all blogs' wall ÷ estimated sum | {m.combined.wall / (mean * m.blogs):.2f} |"]
        lines.append(f"| requests per blog in the one crawl: mean / most | "
                     f"{sum(per_blog) / len(per_blog):.0f} / {max(per_blog)} |")
    return lines


def report(info: dict, argv: list[str], results: list[ScaleResult], reextract: list, reextract_source: str,
           many: ManyResult | None) -> str:
    lines = [(f"{info['date']}; {info['cpu']}, {info['cores']} cores, {info['ram_gb']} GB RAM; {info['system']}; "
             f"{info['python']}, SQLite {info['sqlite']}; {info['blogarchive']}; {info['nginx']}; {info['wget']}"),
             "", f"`{' '.join(argv)}`", ""]
    if results:
        lines += scale_tables(results) + [""]
    if reextract:
        lines += reextract_table(reextract, reextract_source) + [""]
    if many:
        lines += many_table(many) + [""]
    lines += ["Targets (issue 9):", ""] + target_rows(results, many)
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------------------
# Command line
# ------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="posts per blog, comma-separated")
    parser.add_argument("--platforms", default="weebly,wordpress", help=f"comma-separated, of {bigblog.PLATFORMS}")
    parser.add_argument("--changes", type=int, default=5, help="new posts before the last re-crawl")
    parser.add_argument("--edits", type=int, default=1, help="old posts edited before the last re-crawl")
    parser.add_argument("--full-pass", action="store_true",
                        help="after the re-crawl, a full pass (crawl --full), which finds the edits deep in the archive")
    parser.add_argument("--skip-wget", action="store_true")
    parser.add_argument("--skip-scale", action="store_true", help="no single-blog runs (and no reextract)")
    parser.add_argument("--skip-reextract", action="store_true")
    parser.add_argument("--skip-many", action="store_true")
    parser.add_argument("--blogs", type=int, default=50, help="blogs in the many-blogs run")
    parser.add_argument("--blog-posts", type=int, default=200, help="posts per blog in the many-blogs run")
    parser.add_argument("--many-delay", type=float, default=1.0, help="--delay of the many-blogs crawls")
    parser.add_argument("--many-solo", type=int, default=2, help="blogs also crawled alone, for their crawl time")
    parser.add_argument("--many-concurrency", type=int,
                        help="crawl --concurrency for the many-blogs run, when crawl has it (default: --blogs)")
    parser.add_argument("--out", type=Path, help="also write every measurement as JSON here")
    parser.add_argument("--work", type=Path, help="folder for sites and archives (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    args.size_list = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    args.platform_list = [p.strip() for p in args.platforms.split(",") if p.strip()]
    unknown = set(args.platform_list) - set(bigblog.PLATFORMS)
    if unknown:
        parser.error(f"unknown platforms: {', '.join(sorted(unknown))}")
    return args


def main(argv: list[str] | None = None) -> int:
    bigblog.stop_on_sigterm()
    args = parse_args(argv)
    if bigblog.nginx_path() is None:
        print("crawl_scale: nginx is needed (apt-get install nginx-light)", file=sys.stderr)
        return 2
    work = args.work or Path(tempfile.mkdtemp(prefix="crawl-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    note(f"working in {work}")
    info = machine()
    results: list[ScaleResult] = []
    reextract: list = []
    source = ""
    many = None
    try:
        if not args.skip_scale:
            for name in args.platform_list:
                for size in args.size_list:
                    scale_run(name, size, work, args, results)
            if results and not args.skip_reextract:
                biggest = max(results, key=lambda r: (r.posts, r.platform == "weebly"))
                source = f"{biggest.platform} {biggest.posts:,}-post"
                reextract = reextract_runs(Path(biggest.db), sorted({1, os.cpu_count() or 1}), work)
        if not args.skip_many:
            many = many_blogs(work, args)
    except KeyboardInterrupt:
        note("interrupted: printing what was measured")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    command = [".venv/bin/python", "benchmarks/crawl_scale.py", *(sys.argv[1:] if argv is None else argv)]
    print(report(info, command, results, reextract, source, many))
    if args.out:
        args.out.write_text(json.dumps({"machine": info, "command": command,
                                        "scale": [asdict(r) for r in results],
                                        "reextract": [{"jobs": j, "posts": p, **asdict(m)} for j, p, m in reextract],
                                        "many": asdict(many) if many else None}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
