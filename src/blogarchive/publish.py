"""Publishing the archive with Datasette: which metadata to use and how to serve.

Datasette names a database after its file stem and attaches metadata by that name, so
``metadata.yml`` describes the database ``blogarchive`` (``data/blogarchive.db``). Serving
a file with another stem gets a temporary copy of the metadata with the key renamed.

A public, read-only deployment (``blogarchive publish DIR``) is written by :mod:`blogarchive.deploy`.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from datasette.utils import parse_metadata

DATABASE_KEY = "blogarchive"
REPO_METADATA = Path(__file__).resolve().parents[2] / "metadata.yml"
PACKAGED_METADATA = Path(__file__).resolve().parent / "metadata.yml"
# blogarchive.css and friends; metadata.yml links /assets/blogarchive.css via extra_css_urls
STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_MOUNT = "assets"
# row.html (extending Datasette's own): a post's page titled with the post, an author's and a
# category's page listing their posts
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
# characters shown of a long cell on table and query pages (row pages show everything)
TRUNCATE_CELLS_HTML = 400
# Datasette settings of `blogarchive serve`, the archive on its own machine
SERVE_SETTINGS = {
    "sql_time_limit_ms": "3000",
    "facet_time_limit_ms": "1000",
    "truncate_cells_html": str(TRUNCATE_CELLS_HTML),
    # facet suggestions try every column of the posts table on every page load (most of a
    # page's time at 100,000 posts); a full CSV export streams every row, whatever its size
    "suggest_facets": "off",
    "max_csv_mb": "0",
}


def metadata_path() -> Path:
    """The repo-root metadata.yml in a source checkout, else the copy shipped in the package."""
    return REPO_METADATA if REPO_METADATA.is_file() else PACKAGED_METADATA


def load_metadata(database: str = DATABASE_KEY) -> dict:
    """The Datasette metadata as a dict, its database entry keyed ``database``."""
    metadata = parse_metadata(metadata_path().read_text(encoding="utf-8"))
    databases = metadata.get("databases", {})
    if database != DATABASE_KEY and DATABASE_KEY in databases:
        databases[database] = databases.pop(DATABASE_KEY)
    return metadata


def metadata_file_for(db_path: str | Path) -> Path:
    """A metadata file that attaches to ``db_path``: metadata.yml itself when the stem is
    ``blogarchive``, else a temporary JSON copy keyed by the stem (left for the OS to clean)."""
    stem = Path(db_path).stem
    if stem == DATABASE_KEY:
        return metadata_path()
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", prefix=f"blogarchive-metadata-{stem}-", suffix=".json", delete=False
    ) as out:
        json.dump(load_metadata(stem), out, ensure_ascii=False, indent=2)
    return Path(out.name)


def serve_command(db_path: str | Path, port: int, host: str = "127.0.0.1") -> list[str]:
    """The argv that serves ``db_path`` with Datasette, mutable (a cron crawl may be writing),
    with the package's static files mounted at ``/assets/``."""
    return [
        sys.executable, "-m", "datasette", "serve", str(db_path),
        "-m", str(metadata_file_for(db_path)),
        "--static", f"{STATIC_MOUNT}:{STATIC_DIR}",
        "--template-dir", str(TEMPLATES_DIR),
        *setting_args(SERVE_SETTINGS),
        "-h", host, "-p", str(port),
    ]


def setting_args(settings: dict[str, str]) -> list[str]:
    """``--setting NAME VALUE`` for each of ``settings``."""
    return [arg for name, value in settings.items() for arg in ("--setting", name, value)]
