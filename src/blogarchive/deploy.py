"""A public, read-only deployment of the archive (``blogarchive publish DIR``).

``publish_dir`` writes into a folder a copy of the archive, metadata, templates, static files,
plugins, pinned requirements, a Dockerfile and DEPLOY.md, with paths relative to the folder only,
so it can be copied to a server or built as a Docker image.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from .publish import DATABASE_KEY, SERVE_SETTINGS, STATIC_DIR, STATIC_MOUNT, TEMPLATES_DIR, load_metadata, setting_args


PUBLIC_DB = f"{DATABASE_KEY}.db"       # the stem names the database, as metadata.yml expects
PUBLIC_METADATA = "metadata.json"
INSPECT_FILE = "inspect-data.json"     # table counts, read once at publish time (served with -i)
PLUGINS = "plugins"
ROBOTS_PLUGIN = "blogarchive_public.py"
# the blogarchive package (not on PyPI) as a pip-installable project; inside plugins/ so that
# `datasette publish --plugins-dir plugins` ships it too (Datasette loads only plugins/*.py)
PACKAGE_SOURCE = f"{PLUGINS}/blogarchive-src"
PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parents[1]
PROJECT_FILES = ("pyproject.toml", "setup.py", "README.md", "metadata.yml")
# what publish writes into DIR, so --force replaces these and leaves anything else alone
PUBLISHED = (PUBLIC_DB, f"{PUBLIC_DB}-wal", f"{PUBLIC_DB}-shm", f"{PUBLIC_DB}-journal", PUBLIC_METADATA,
             INSPECT_FILE, "templates", "static", PLUGINS, "requirements.txt", "Dockerfile", "DEPLOY.md")

# serve's settings, tightened for anyone on the internet. Every page of a 100,000-post archive
# takes under 250 ms (benchmarks/README.md), so 1 s is room for them and a stop for runaway SQL;
# the database is served immutable (-i), so SQL can only read.
PUBLIC_SETTINGS = {
    **SERVE_SETTINGS,
    "sql_time_limit_ms": "1000",
    "facet_time_limit_ms": "500",
    "max_returned_rows": "1000",   # a JSON export pages through 1,000 posts a request
    "allow_csv_stream": "on",      # ?_stream=on: a whole table as CSV, a page at a time
    # the file holds raw pages, crawl logs and the search index too (1.9 GB at 100,000 posts):
    # a one-click download of all of it is left to a static file server or a CDN
    "allow_download": "off",
}

# robots.txt rules (paths from Datasette's root). By default no crawler is welcome: the posts are
# copies of other people's blogs, which are online under their own URLs. --allow-crawlers lets
# them read the home, database, table and row pages, and follow a table's plain pagination to
# every post; arbitrary SQL, searches, filters, facets, sorts, JSON and CSV stay off limits.
# Under RFC 9309 the longest matching rule wins, so "/*.json?_next=" beats "/*?_next=".
ROBOTS_CLOSED = {"disallow": ["/"]}
ROBOTS_READING = {
    "allow": ["/*?_next=", "/-/static"],
    "disallow": ["/*?", "/*.json", "/*.json?_next=", "/*.csv", "/*.csv?_next=", "/*.db", "/-/"],
}


class PublishError(Exception):
    """DIR or the archive cannot be published; the message is one line for the user."""


def public_serve_args(base_url: str = "/") -> list[str]:
    """The ``datasette`` arguments, from ``serve`` on, that run the deployment from its folder."""
    settings = dict(PUBLIC_SETTINGS, **({"base_url": base_url} if base_url != "/" else {}))
    return [
        "serve", "-i", PUBLIC_DB, "--inspect-file", INSPECT_FILE, "-m", PUBLIC_METADATA,
        "--plugins-dir", PLUGINS, "--template-dir", "templates", "--static", f"{STATIC_MOUNT}:static",
        *setting_args(settings),
    ]


def normalize_base_url(base_url: str) -> str:
    """``prefix``, ``/prefix`` or ``/prefix/`` as Datasette wants it: ``/prefix/``."""
    parts = [part for part in base_url.strip().split("/") if part]
    if any(part in (".", "..") or not re.fullmatch(r"[\w.~-]+", part) for part in parts):
        raise PublishError(f"--base-url {base_url!r} is not a path prefix such as /archive/")
    return "/" + "".join(f"{part}/" for part in parts)


def publish_dir(db_path: str | Path, out_dir: str | Path, *, force: bool = False, base_url: str = "/",
                allow_crawlers: bool = False) -> list[str]:
    """Write a public deployment of the archive at ``db_path`` into ``out_dir``; returns
    :func:`public_serve_args`. Raises PublishError, before writing anything, for a missing or
    foreign archive, a non-empty ``out_dir`` without ``force`` or an ``out_dir`` holding the archive."""
    from . import store

    db_path, out = Path(db_path), Path(out_dir)
    base_url = normalize_base_url(base_url)
    if not db_path.is_file():
        raise PublishError(f"no archive at {db_path}; run blogarchive crawl first")
    try:
        store.check_archive_file(db_path)
    except (store.NotAnArchive, sqlite3.Error) as exc:
        raise PublishError(f"cannot publish {db_path}: {exc}") from None
    if not (PROJECT_ROOT / "pyproject.toml").is_file():
        raise PublishError("publish copies blogarchive from its source checkout (pyproject.toml and src/), "
                           "and this installation has none")
    if out.exists() and not out.is_dir():
        raise PublishError(f"{out} is a file, not a folder")
    if out.is_dir() and any(out.iterdir()):
        if (out / PUBLIC_DB).exists() and (out / PUBLIC_DB).samefile(db_path):
            raise PublishError(f"{out} holds the archive itself; publish into another folder")
        if not force:
            raise PublishError(f"{out} is not empty; use --force to replace what publish writes there")

    out.mkdir(parents=True, exist_ok=True)
    for name in PUBLISHED:
        path = out / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    copy_archive(db_path, out / PUBLIC_DB)
    metadata = load_metadata()
    metadata.setdefault("plugins", {})["blogarchive-robots"] = ROBOTS_READING if allow_crawlers else ROBOTS_CLOSED
    (out / PUBLIC_METADATA).write_text(json.dumps(metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build")
    shutil.copytree(TEMPLATES_DIR, out / "templates", ignore=ignore)
    shutil.copytree(STATIC_DIR, out / "static", ignore=ignore)
    (out / PLUGINS).mkdir()
    shutil.copyfile(PACKAGE_DIR / "datasette_public.py", out / PLUGINS / ROBOTS_PLUGIN)
    for name in PROJECT_FILES:
        if (PROJECT_ROOT / name).is_file():
            (out / PACKAGE_SOURCE).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(PROJECT_ROOT / name, out / PACKAGE_SOURCE / name)
    shutil.copytree(PACKAGE_DIR, out / PACKAGE_SOURCE / "src" / PACKAGE_DIR.name, ignore=ignore)
    inspect = subprocess.run([sys.executable, "-m", "datasette", "inspect", PUBLIC_DB, "--inspect-file", INSPECT_FILE],
                             cwd=out, capture_output=True, text=True, check=False)
    if inspect.returncode:
        raise PublishError(f"datasette inspect failed: {(inspect.stderr.strip().splitlines() or ['?'])[-1]}")
    args = public_serve_args(base_url)
    (out / "requirements.txt").write_text("".join(f"{r}\n" for r in pinned_requirements()), encoding="utf-8")
    (out / "Dockerfile").write_text(dockerfile(args), encoding="utf-8")
    (out / "DEPLOY.md").write_text(deploy_notes(args, base_url, allow_crawlers), encoding="utf-8")
    return args


def copy_archive(source: Path, target: Path) -> None:
    """A consistent, compact copy of the archive, safe while a crawl writes to it: ``VACUUM INTO``
    reads one snapshot of the database and never writes to it (a raw file copy could catch a
    transaction half-written). The copy is in rollback-journal mode, as a file served with -i
    must be: immutable readers never look at a WAL."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    conn = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("VACUUM INTO ?", [str(partial)])
    finally:
        conn.close()
    conn = sqlite3.connect(partial)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        conn.close()
    os.replace(partial, target)


_REQUIREMENT = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?")
_EXTRA = re.compile(r"""extra\s*==\s*['"]([^'"]+)['"]""")


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned_requirements(dist: str = "blogarchive") -> list[str]:
    """``name==version`` for everything ``dist`` needs at run time (its requirements, theirs and
    so on, with the extras they ask for, such as jusText's ``lxml[html_clean]``) at the versions
    installed here; ``dist`` itself and its own extras are left out.

    A requirement is followed when it is installed: pip built this environment, so what a
    marker asks for on this Python and platform is here, and what it leaves out is not."""
    pins: dict[str, str] = {}
    followed: dict[str, set] = {}       # per package: None for its requirements, and its extras
    todo = [(dist, ())]
    while todo:
        name, extras = todo.pop()
        try:
            found = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue
        key = _normalized(found.metadata["Name"])
        pins[key] = f"{found.metadata['Name']}=={found.version}"
        new = {None, *map(_normalized, extras)} - followed.setdefault(key, set())
        followed[key] |= new
        for requirement in found.requires or ():
            spec, _, marker = requirement.partition(";")
            if ({_normalized(e) for e in _EXTRA.findall(marker)} or {None}) & new:
                required, wanted = _REQUIREMENT.match(spec).groups()
                todo.append((required, [e.strip() for e in (wanted or "").split(",") if e.strip()]))
    pins.pop(_normalized(dist))
    return [pins[key] for key in sorted(pins)]


def docker_command(args: list[str]) -> str:
    """The shell command of the Dockerfile's CMD: Datasette on all addresses, on $PORT (8001 by default)."""
    return "exec datasette " + shlex.join(args) + ' -h 0.0.0.0 -p "${PORT:-8001}"'


def dockerfile(args: list[str]) -> str:
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    return f"""\
# Written by `blogarchive publish`: the archive served read-only by Datasette (see DEPLOY.md).
# The Python the requirements were pinned on.
FROM python:{python}-slim
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore
WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt
# blogarchive itself (its Datasette plugins, templates and metadata), dependencies pinned above
COPY {PLUGINS}/ ./{PLUGINS}/
RUN pip install --no-deps ./{PACKAGE_SOURCE}
COPY {PUBLIC_METADATA} {INSPECT_FILE} ./
COPY templates/ ./templates/
COPY static/ ./static/
COPY {PUBLIC_DB} ./
RUN useradd --system --no-create-home datasette
USER datasette
ENV PORT=8001
EXPOSE 8001
CMD {json.dumps(["sh", "-c", docker_command(args)])}
"""


def deploy_notes(args: list[str], base_url: str, allow_crawlers: bool) -> str:
    """DEPLOY.md: how to run the folder with Docker, on a server, behind a proxy, or with
    ``datasette publish``."""
    serve = "datasette " + shlex.join(args)
    settings = dict(PUBLIC_SETTINGS, **({"base_url": base_url} if base_url != "/" else {}))
    extra = " ".join(setting_args(settings))
    prefix = base_url.rstrip("/")
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    publish_flags = "".join(f" \\\n        {flags}" for flags in (
        f"--metadata {PUBLIC_METADATA} --template-dir templates --static {STATIC_MOUNT}:static",
        f"--plugins-dir {PLUGINS} --install ./{PACKAGE_SOURCE}",
        "$(sed 's/^/--install=/' requirements.txt)",
        f"--extra-options '{extra}'"))
    robots = ("lets crawlers read the home, table and post pages and follow a table's pages, "
              "and keeps them off SQL, searches, filters, facets, sorts, JSON, CSV and /-/"
              if allow_crawlers else
              "disallows everything (`blogarchive publish --allow-crawlers` opens the reading pages)")
    return f"""\
# Deploying this archive

Written by `blogarchive publish`. Everything here is relative to this folder:

| file | what |
|---|---|
| `{PUBLIC_DB}` | a consistent copy of the archive (SQLite `VACUUM INTO`), served immutable (`-i`) |
| `{PUBLIC_METADATA}` | Datasette metadata: titles, descriptions, facets, canned queries, robots rules |
| `{INSPECT_FILE}` | table counts (`datasette inspect`), so pages need not count 100,000 rows |
| `templates/`, `static/` | blogarchive's page templates and stylesheet (mounted at `/{STATIC_MOUNT}/`) |
| `{PLUGINS}/{ROBOTS_PLUGIN}` | serves `/robots.txt` from the metadata |
| `{PACKAGE_SOURCE}/` | the blogarchive package (its Datasette plugins), installed with pip |
| `requirements.txt` | every dependency, pinned to the versions `publish` ran with |
| `Dockerfile` | `python:*-slim`, the requirements, blogarchive, then `datasette serve -i` on `$PORT` |

The public settings: `sql_time_limit_ms` 1000 (any SQL running longer is interrupted), the file is
immutable so SQL can only read, `facet_time_limit_ms` 500, `max_returned_rows` 1000,
`allow_csv_stream` on with no size cap (a whole table as CSV), `allow_download` off (the file
holds raw pages and the search index too; offer it from a file server if you want to).
`/robots.txt` {robots}.

## Docker

    docker build -t blogarchive .
    docker run --rm -p 8001:8001 blogarchive        # http://127.0.0.1:8001{base_url}

The container listens on `$PORT` (8001 unless set), as Cloud Run, Fly.io, Render and the like
expect: each builds this Dockerfile as it is (`gcloud run deploy blogarchive --source .`,
`fly launch`).

## On a server, without Docker

    python{python} -m venv .venv
    .venv/bin/pip install -r requirements.txt
    .venv/bin/pip install --no-deps ./{PACKAGE_SOURCE}
    .venv/bin/{serve} -h 127.0.0.1 -p 8001

Run it under systemd or supervisor, with this folder as the working directory.

## Behind a reverse proxy

Datasette listens on 127.0.0.1 and the proxy forwards the whole path. Under a path prefix,
publish with `--base-url /archive/` (this folder: `{base_url}`), which sets Datasette's
`base_url` so every link, the stylesheet and `/robots.txt` carry the prefix:

    location {base_url} {{
        proxy_pass http://127.0.0.1:8001{base_url};
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }}

When the proxy terminates HTTPS, add `--setting force_https_urls on` so the URLs in JSON
(`next_url`) say https. Crawlers read robots.txt only at the root of a host: under a prefix, copy
the rules of `{prefix}/robots.txt` into the site's own robots.txt.

## datasette publish

blogarchive is not on PyPI, so it goes up inside `{PLUGINS}/` and is installed from there; the
pinned requirements go as `--install` options and the settings as `--extra-options`
(`datasette publish` adds `-i`, `--inspect-file`, `--cors` and `--port $PORT` itself). These were
checked against the build folder Datasette 0.65 makes for `cloudrun`; no deployment was tried:

    datasette publish cloudrun {PUBLIC_DB} --service blogarchive{publish_flags}

    pip install datasette-publish-fly
    datasette publish fly {PUBLIC_DB} --app blogarchive{publish_flags}

    pip install datasette-publish-vercel
    datasette publish vercel {PUBLIC_DB} --project blogarchive{publish_flags}

Cloud Run's `--show-files` and Fly's `--generate-dir DIR` show the generated Dockerfile without
deploying. Vercel limits a deployment's size (about 250 MB), too small for a large archive.

## Updating

Run `blogarchive publish DIR --force` again after a crawl: it replaces the files above (and
leaves anything else in the folder alone), then rebuild or restart.
"""
