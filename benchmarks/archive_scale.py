"""Archive at scale: build a large synthetic archive through blogarchive's own store and time
the pages `blogarchive serve` publishes.

    .venv/bin/python benchmarks/archive_scale.py [--posts N] [--db PATH] [--reuse] [--reps R]

The archive (default 100,000 posts) is written with store.open_db and store.save_post, so its
schema, indexes, FTS table, triggers and link tables are exactly blogarchive's. Bodies are
300-1,500 words drawn from a synthetic vocabulary with a Zipf distribution (some words are in
nearly every post, some in a few dozen). --reuse keeps an existing archive of the right size.

Then `blogarchive serve --db PATH --port P` runs as a subprocess and each path is requested
sequentially (2 warm-ups, then R timed requests); the full CSV stream and the full JSON export
(following next links with _size=max) are timed once each and their rows counted.
stdout gets a markdown table; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from blogarchive import store  # noqa: E402
from blogarchive.record import Post  # noqa: E402

SEED = 20261203
VOCAB_SIZE = 50_000
POOL_WORDS = 4_000_000
BLOGS = 50
AUTHORS = 2_000
CATEGORIES = 300
TAGS = 1_000
BATCH = 1_000
TARGET_COMMON = 31_758      # matches of the common word at 100,000 posts, scaled by N


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def make_words(rng: random.Random, n: int, syllables=(2, 4)) -> list[str]:
    """n distinct pronounceable lowercase words that porter stemming leaves alone (no -s/-ed/-ing/-y)."""
    cons, vows = "bcdfghjklmnprtvz", "aeiou"
    seen: set[str] = set()
    out = []
    while len(out) < n:
        word = "".join(rng.choice(cons) + rng.choice(vows) for _ in range(rng.randint(*syllables)))
        word += rng.choice("kmnrt")        # ends in a consonant the stemmer keeps
        if word not in seen:
            seen.add(word)
            out.append(word)
    return out


def make_posts(n: int, rng: random.Random):
    vocab = make_words(rng, VOCAB_SIZE)
    weights = [1.0 / (rank + 1) for rank in range(VOCAB_SIZE)]
    log(f"drawing a pool of {POOL_WORDS:,} Zipf words")
    pool = rng.choices(vocab, weights=weights, k=POOL_WORDS)
    first = [w.capitalize() for w in make_words(rng, 400, (1, 2))]
    last = [w.capitalize() for w in make_words(rng, 600, (2, 3))]
    authors = list(dict.fromkeys(f"{rng.choice(first)} {rng.choice(last)}" for _ in range(AUTHORS * 2)))[:AUTHORS]
    categories = [w.capitalize() for w in make_words(rng, CATEGORIES, (1, 3))]
    tags = make_words(rng, TAGS, (1, 2))
    start = date(2011, 1, 1)
    days = (date(2025, 12, 31) - start).days
    for i in range(n):
        length = rng.randint(300, 1500)
        offset = rng.randrange(0, POOL_WORDS - length)
        words = pool[offset:offset + length]
        paragraphs = [" ".join(words[j:j + 80]) for j in range(0, length, 80)]
        text = "\n\n".join(p.capitalize() + "." for p in paragraphs)
        html = "".join(f"<p>{p.capitalize()}.</p>" for p in paragraphs)
        day = start + timedelta(days=rng.randrange(days))
        published = f"{day.isoformat()}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:00+00:00"
        blog = i % BLOGS + 1
        title = " ".join(rng.choices(vocab[:5000], k=rng.randint(3, 9))).capitalize()
        yield blog, Post(
            url=f"https://blog{blog}.example/{day.year}/{day.month:02d}/post-{i}",
            title=title, published=published, archive_month=published[:7],
            authors=rng.sample(authors, rng.randint(1, 3)),
            categories=rng.sample(categories, rng.randint(1, 3)),
            tags=rng.sample(tags, rng.randint(0, 5)),
            text=text, html=html, platform="wordpress",
            provenance={"title": "json-ld", "published": "json-ld", "authors": "markup"},
        )


def build(path: Path, n: int) -> dict:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    rng = random.Random(SEED)
    db = store.open_db(path)
    blog_ids = [store.add_blog(db, f"https://blog{b}.example/", "wordpress") for b in range(1, BLOGS + 1)]
    t0 = time.perf_counter()
    done = 0
    gen_time = 0.0
    batch: list = []
    posts = make_posts(n, rng)
    while done < n:
        g0 = time.perf_counter()
        batch = [next(posts) for _ in range(min(BATCH, n - done))]
        gen_time += time.perf_counter() - g0
        with store.transaction(db):
            for blog, post in batch:
                assert store.save_post(db, post, blog_ids[blog - 1]) == "new"
        done += len(batch)
        if done % 10_000 == 0 or done == n:
            elapsed = time.perf_counter() - t0
            log(f"  {done:,} posts, {elapsed:.0f} s ({(elapsed - gen_time) / done * 1e3:.2f} ms/post in save_post)")
    total = time.perf_counter() - t0
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return {"seconds": total, "save_seconds": total - gen_time}


def pick_words(path: Path, n: int) -> tuple[tuple[str, int], tuple[str, int]]:
    """A common word (matches nearest TARGET_COMMON scaled to n) and a rare one (20-60 matches),
    read from a temporary fts5vocab table (nothing is written to the archive)."""
    import sqlite3

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, posts_fts, row)")
    target = TARGET_COMMON * n / 100_000
    common = conn.execute("SELECT term, doc FROM temp.vocab WHERE term GLOB '[a-z]*' "
                          "ORDER BY abs(doc - ?) LIMIT 1", [target]).fetchone()
    rare = conn.execute("SELECT term, doc FROM temp.vocab WHERE doc BETWEEN 20 AND 60 AND length(term) > 6 "
                        "ORDER BY term LIMIT 1").fetchone()
    conn.close()
    return tuple(common), tuple(rare)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(path: Path):
    port = free_port()
    exe = Path(sys.executable).with_name("blogarchive")
    argv = [str(exe), "serve", "--db", str(path), "--port", str(port)]
    log(" ".join(argv))
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    while True:
        if proc.poll() is not None:
            raise SystemExit(f"serve exited: {proc.stderr.read()}")
        try:
            requests.get(base + "/-/versions.json", timeout=5)
            break
        except requests.ConnectionError:
            time.sleep(0.2)
    log(f"serving after {time.perf_counter() - t0:.1f} s")
    return proc, base


def time_path(base: str, path: str, reps: int, warmups: int = 2) -> dict:
    times, statuses, failures = [], {}, []
    for i in range(warmups + reps):
        t0 = time.perf_counter()
        try:
            r = requests.get(base + path, timeout=60)
            status = r.status_code
            if status != 200:
                failures.append(f"{status} {r.text[:120]!r}")
        except requests.RequestException as exc:
            status = "error"
            failures.append(repr(exc)[:120])
        elapsed = time.perf_counter() - t0
        if i >= warmups:
            times.append(elapsed * 1000)
            statuses[status] = statuses.get(status, 0) + 1
    times.sort()
    return {"p50": statistics.median(times), "p95": times[max(0, round(0.95 * len(times)) - 1)],
            "statuses": statuses, "failures": failures}


def time_csv(base: str, expected: int) -> dict:
    t0 = time.perf_counter()
    r = requests.get(base + "/blogarchive/posts.csv?_stream=on&_size=max", timeout=1800)
    elapsed = time.perf_counter() - t0
    rows = list(csv.reader(io.StringIO(r.text)))
    data = rows[1:]
    ids = {row[0] for row in data if row}
    error = "" if r.status_code == 200 else r.text[:120]
    if data and data[-1] and data[-1][0].startswith("CSV contains more than"):
        error = data[-1][0]
    if any("error" in (row[0] if row else "").lower() for row in data[-3:]):
        error = error or str(data[-1])[:200]
    return {"ms": elapsed * 1000, "status": r.status_code, "rows": len(ids), "expected": expected,
            "error": error}


def time_json_export(base: str, expected: int) -> dict:
    """The whole table as JSON, page after page (_size=max), following next_url."""
    t0 = time.perf_counter()
    url = base + "/blogarchive/posts.json?_size=max&_shape=objects&_nofacet=1&_nocount=1"
    ids, pages, statuses, slowest = set(), 0, {}, 0.0
    while url:
        p0 = time.perf_counter()
        r = requests.get(url, timeout=120)
        slowest = max(slowest, time.perf_counter() - p0)
        statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
        if r.status_code != 200:
            break
        data = r.json()
        ids.update(row["id"] for row in data["rows"])
        pages += 1
        url = data.get("next_url")
    return {"ms": (time.perf_counter() - t0) * 1000, "rows": len(ids), "expected": expected, "pages": pages,
            "statuses": statuses, "slowest_ms": slowest * 1000}


def machine() -> str:
    model = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    import datasette
    return (f"{model} ({os.cpu_count()} cores); Python {platform.python_version()}; "
            f"Datasette {datasette.__version__}; SQLite {__import__('sqlite3').sqlite_version}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/blogarchive-scale/blogarchive.db"))
    parser.add_argument("--reuse", action="store_true", help="keep an existing archive with --posts posts")
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--no-exports", action="store_true", help="skip the full CSV and JSON exports")
    parser.add_argument("--extra", action="store_true",
                        help="also time the posts pages with ?_nosuggest=1 (what --setting suggest_facets off gives)")
    args = parser.parse_args()
    path = args.db.resolve()
    path.parent.mkdir(parents=True, exist_ok=True)

    have = None
    if args.reuse and path.exists():
        import sqlite3
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        have = conn.execute("select count(*) from posts").fetchone()[0]
        conn.close()
    built = ""
    if have == args.posts:
        log(f"reusing {path} ({have:,} posts)")
        built = "reused"
    else:
        log(f"building {args.posts:,} posts into {path}")
        b = build(path, args.posts)
        built = (f"built in {b['seconds']:.0f} s, save_post {b['save_seconds'] / args.posts * 1e3:.2f} ms/post "
                 f"({args.posts / b['save_seconds']:.0f} posts/s)")
        log(built)
    size_mb = path.stat().st_size / 1e6
    (common, common_n), (rare, rare_n) = pick_words(path, args.posts)

    import sqlite3
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    post_id = conn.execute("select id from posts order by id limit 1 offset ?", [args.posts // 2]).fetchone()[0]
    author_id = conn.execute("select authors_id from posts_authors group by authors_id "
                             "order by count(*) desc limit 1").fetchone()[0]
    author_name = conn.execute("select name from authors where id = ?", [author_id]).fetchone()[0]
    category_id = conn.execute("select categories_id from posts_categories group by categories_id "
                               "order by count(*) desc limit 1").fetchone()[0]
    category_name = conn.execute("select name from categories where id = ?", [category_id]).fetchone()[0]
    tag = conn.execute("select json_extract(tags, '$[0]') from posts where json_array_length(tags) > 0 "
                       "limit 1").fetchone()
    blog_id = conn.execute("select blog_id from posts group by blog_id order by count(*) desc limit 1").fetchone()[0]
    conn.close()

    proc, base = serve(path)
    try:
        paths = [
            ("/", "home"),
            ("/blogarchive", "database"),
            ("/blogarchive/posts", "posts table (with facets)"),
            ("/blogarchive/posts.json", "posts JSON (with facets)"),
            (f"/blogarchive/posts/{post_id}", "post row page"),
            (f"/blogarchive/authors/{author_id}", "author row page (busiest author)"),
            (f"/blogarchive/categories/{category_id}", "category row page (busiest category)"),
            (f"/blogarchive/posts?_search={common}", f"search common word ({common_n:,} matches)"),
            (f"/blogarchive/posts?_search={rare}", f"search rare word ({rare_n:,} matches)"),
            (f"/blogarchive/search?q={common}", "search page, common word (ranked, snippets, 100 best)"),
            (f"/blogarchive/search?q={rare}", "search page, rare word"),
            (f"/blogarchive/posts?_author={quote(author_name)}", "posts of the busiest author (table filter)"),
            (f"/blogarchive/posts?_category={quote(category_name)}", "posts of the busiest category (table filter)"),
            (f"/blogarchive/blogs/{blog_id}", "blog page (biggest blog)"),
            (f"/-/blogarchive/months.svg?db=blogarchive&blog={blog_id}", "chart: biggest blog per month"),
            (f"/-/blogarchive/months.svg?db=blogarchive&q={common}&width=400", "chart: common word per month"),
        ]
        if tag and tag[0]:
            paths.append((f"/blogarchive/posts?_tag={quote(tag[0])}", "posts with a tag (table filter)"))
        if args.extra:
            paths += [
                ("/blogarchive/posts?_nosuggest=1", "posts table, no facet suggestions"),
                ("/blogarchive/posts.json?_nosuggest=1", "posts JSON, no facet suggestions"),
                (f"/blogarchive/posts?_search={common}&_nosuggest=1", "search common word, no facet suggestions"),
                ("/blogarchive/posts_authors", "posts_authors with its authors_id facet"),
                (f"/blogarchive/posts_authors?authors_id={author_id}", "one author's posts (link from the author's page)"),
                (f"/blogarchive/posts_categories?categories_id={category_id}", "one category's posts (link from its page)"),
                (f"/blogarchive/posts_by_author?author={quote(author_name)}", "posts_by_author canned query"),
            ]
        results = []
        for p, label in paths:
            log(f"timing {p}")
            results.append((p, label, time_path(base, p, args.reps)))
        exports = None
        if not args.no_exports:
            log("timing the full CSV stream")
            csv_result = time_csv(base, args.posts)
            log("timing the full JSON export")
            json_result = time_json_export(base, args.posts)
            exports = (csv_result, json_result)
    finally:
        proc.terminate()
        proc.wait(10)

    now = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    print(f"`benchmarks/archive_scale.py --posts {args.posts}`, {now}; {machine()}; "
          f"N = {args.posts:,} posts; archive {size_mb:,.0f} MB ({built}); "
          f"{args.reps} sequential requests after 2 warm-ups")
    print()
    print("| path | what | p50 ms | p95 ms | status codes | failures |")
    print("|---|---|---:|---:|---|---|")
    for p, label, r in results:
        codes = ", ".join(f"{k}×{v}" for k, v in r["statuses"].items())
        fails = f"{len(r['failures'])}: {r['failures'][0]}" if r["failures"] else "0"
        print(f"| `{p}` | {label} | {r['p50']:.0f} | {r['p95']:.0f} | {codes} | {fails.replace('|', '/')} |")
    if exports:
        c, j = exports
        ok = "all rows" if c["rows"] == c["expected"] and not c["error"] else f"INCOMPLETE {c['error']!r}"
        print(f"| `/blogarchive/posts.csv?_stream=on&_size=max` | full CSV stream, once | {c['ms']:.0f} | - | "
              f"{c['status']} | {c['rows']:,} of {c['expected']:,} rows: {ok} |")
        ok = "all rows" if j["rows"] == j["expected"] else "INCOMPLETE"
        codes = ", ".join(f"{k}×{v}" for k, v in j["statuses"].items())
        print(f"| `/blogarchive/posts.json?_size=max` + next links | full JSON export, once ({j['pages']} pages, "
              f"slowest {j['slowest_ms']:.0f} ms) | {j['ms']:.0f} | - | {codes} | "
              f"{j['rows']:,} of {j['expected']:,} rows: {ok} |")


if __name__ == "__main__":
    main()
