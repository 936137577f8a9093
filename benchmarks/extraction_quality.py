"""Print one markdown table comparing blogarchive and trafilatura from their score.py reports.

    python benchmarks/extraction_quality.py BLOGARCHIVE.json TRAFILATURA.json [BLOGARCHIVE_CORES.json TRAFILATURA_CORES.json]

The first two reports are of one process each; the optional last two of the same
extractors run with one worker process per core, whose speed only is shown.

Both reports must come from the same labels and the same page selection.  A
header line above the table records when, where and with which versions the
numbers were measured.  Run it with the project's virtualenv Python so that the
versions shown are the ones that ran.
"""

import datetime
import importlib.metadata
import json
import os
import platform
import sys

import blogarchive
from blogarchive import workers

ROWS = [  # (row label, section in a report subset, key, format)
    ("body F1", "body", "f1", ".3f"),
    ("title", "title", "accuracy", ".3f"),
    ("authors", "authors", "accuracy", ".3f"),
    ("date", "date", "accuracy", ".3f"),
    ("categories", "categories", "accuracy", ".3f"),
    ("tags", "tags", "accuracy", ".3f"),
    ("comment leak", "comment_leak", "rate", ".3f"),
    ("date coverage", "date", "coverage", ".3f"),
    ("author spurious rate", "authors", "spurious_rate", ".3f"),
]


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def header(rep: dict) -> str:
    u = os.uname()
    subsets = rep["subsets"]
    blog_pages = subsets.get("blog", {}).get("pages", 0)
    return (f"{datetime.datetime.now(datetime.timezone.utc).isoformat(timespec='seconds')}; "
            f"{u.sysname} {u.release} {u.machine}; {cpu_model()} ({os.cpu_count()} cores); "
            f"Python {platform.python_version()}; trafilatura {importlib.metadata.version('trafilatura')}; "
            f"blogarchive {blogarchive.__version__}; "
            f"labels sha256 {rep['labels_sha256']}; {rep['pages']} pages, {blog_pages} blog pages")


def cell(value, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def table(reports: dict, cores: dict) -> str:
    columns = [(name, subset) for subset in ("all", "blog") for name in reports]
    lines = ["| metric | " + " | ".join(f"{name} ({subset} pages)" for name, subset in columns) + " |",
             "|---" + "|---:" * len(columns) + "|"]
    for label, section, key, spec in ROWS:
        cells = [cell(reports[name]["subsets"].get(subset, {}).get(section, {}).get(key), spec)
                 for name, subset in columns]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines.append(speed_row("docs/s, one process", reports, columns))
    if cores:
        lines.append(speed_row(f"docs/s, {workers.cores()} worker processes", cores, columns))
    return "\n".join(lines)


def speed_row(label: str, reports: dict, columns: list) -> str:
    speed = [cell((reports[name].get("run") or {}).get("docs_per_second"), ".1f")
             if subset == "all" else "-" for name, subset in columns]
    return f"| {label} | " + " | ".join(speed) + " |"


def load(paths: list[str]) -> dict:
    reports = {}
    for name, path in zip(("blogarchive", "trafilatura"), paths):
        with open(path, encoding="utf-8") as f:
            reports[name] = json.load(f)
    return reports


def main(paths: list[str]) -> None:
    reports, cores = load(paths[:2]), load(paths[2:]) if len(paths) == 4 else {}
    first = reports["blogarchive"]
    for other in list(reports.values()) + list(cores.values()):
        if (first["labels_sha256"], first["pages"], first["selection"]) != (
                other["labels_sha256"], other["pages"], other["selection"]):
            sys.exit("the reports were not scored on the same pages")
    print(header(first))
    print()
    print(table(reports, cores))


if __name__ == "__main__":
    if len(sys.argv) not in (3, 5):
        sys.exit(__doc__)
    main(sys.argv[1:])
