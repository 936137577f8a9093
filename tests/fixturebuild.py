"""What every static generator's fixture script shares: the command line, expected.json, the check
that a build made exactly the expected pages.

A ``tests/sites/<generator>/project.py`` defines how to write the generator's project from
``blogcontent`` and what the built site must contain, then hands over to ``main``::

    python3 project.py content STATE DIR [EXTRA]   # write the generator's project for a state
    python3 project.py check STATE OUTPUT           # fail unless the built pages are the expected ones
    python3 project.py expected FILE                # write expected.json for every state
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

STATES = ("v1", "v2")


def built_pages(output: Path, quoted: bool = False) -> set[str]:
    """The URL path of every HTML page under ``output`` (``a/index.html`` is ``/a/``)."""
    pages = set()
    for file in output.rglob("*.html"):
        path = "/" + file.relative_to(output).as_posix()
        path = quote(path) if quoted else path
        pages.add(path[: -len("index.html")] if path.endswith("/index.html") else path)
    return pages


def main(platform: str, write_project: Callable, expected_state: Callable[[str], dict], *,
         quoted: bool = False, start: str = "/") -> None:
    command, *args = sys.argv[1:] or ["help"]
    if command == "content":
        write_project(args[0], *map(Path, args[1:]))
    elif command == "expected":
        data = {"platform": platform, "start": start, "states": {s: expected_state(s) for s in STATES}}
        Path(args[0]).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    elif command == "check":
        exp = expected_state(args[0])
        built = built_pages(Path(args[1]), quoted)
        listed = {p["path"] for p in exp["posts"]} | set(exp["not_posts"])
        if built != listed:
            sys.exit(f"{args[0]}: built but not listed: {sorted(built - listed)}; "
                     f"listed but not built: {sorted(listed - built)}")
    else:
        sys.exit(__doc__)
