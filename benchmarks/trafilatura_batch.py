"""Run trafilatura over a score.py manifest and print one JSON line per page.

    python benchmarks/trafilatura_batch.py MANIFEST.tsv [--jobs N]

Each manifest line is an absolute HTML path, a TAB and the page URL (possibly
empty).  The output follows the interface the corpus's score.py expects: path,
title, authors, published, categories, tags and text, or path and a one-line
error.  The benchmark pins trafilatura 2.3.1; another version still runs, with
a warning on stderr. With ``--jobs N`` the pages are shared among N worker
processes (blogarchive's own ordered map), output still in manifest order.
"""

import json
import sys

import trafilatura

from blogarchive.workers import ordered_map

PINNED_VERSION = "2.3.1"
FIELDS = ("title", "authors", "published", "categories", "tags", "text")


def record(path: str, url: str) -> dict:
    """Extract one saved page into the scorer's record format."""
    with open(path, "rb") as f:
        raw = f.read()
    doc = trafilatura.bare_extraction(raw, url=url or None, with_metadata=True,
                                      include_comments=False, include_tables=True)
    if doc is None:
        return {"path": path, **dict.fromkeys(FIELDS)}
    authors = [a.strip() for a in doc.author.split(";") if a.strip()] if doc.author else None
    return {"path": path, "title": doc.title, "authors": authors, "published": doc.date,
            "categories": doc.categories, "tags": doc.tags, "text": doc.text}


def line_record(line: str) -> dict:
    """The record (or the one-line error) of one manifest line."""
    path, _, url = line.rstrip("\n").partition("\t")
    try:
        return record(path, url)
    except Exception as exc:  # one bad page must not stop the batch
        return {"path": path, "error": " ".join(f"{type(exc).__name__}: {exc}".split())}


def main(manifest: str, jobs: int = 1) -> None:
    if trafilatura.__version__ != PINNED_VERSION:
        print(f"warning: trafilatura {trafilatura.__version__} is installed, the benchmark pins "
              f"{PINNED_VERSION}; results are not comparable", file=sys.stderr)
    with open(manifest, encoding="utf-8") as f:
        for out in ordered_map(line_record, [line for line in f if line.strip()], jobs):
            print(json.dumps(out, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) == 3 and args[1] == "--jobs" and args[2].isdigit():
        main(args[0], int(args[2]))
    elif len(args) == 1:
        main(args[0])
    else:
        sys.exit(__doc__)
