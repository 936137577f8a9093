"""`blogarchive publish DIR`: a folder a public deployment runs from, checked file by file and
then served by a real `datasette serve` started with the Dockerfile's own CMD arguments."""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import shlex
import socket
import sqlite3
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from blogarchive import deploy, publish, store
from blogarchive.cli import cli
from blogarchive.record import Post

BLOG = "https://pub.example.org/"
TITLES = ["Publishing an archive", "Read-only SQL", "Robots and crawlers"]


def build_archive(path: Path) -> None:
    db = store.open_db(path)
    blog_id = store.add_blog(db, BLOG)
    with db.atomic():
        for i, title in enumerate(TITLES):
            store.save_post(db, Post(url=f"{BLOG}{i}", title=title, published=f"2024-0{i + 1}-02",
                                     archive_month=f"2024-0{i + 1}", authors=["Ada"], categories=["notes"],
                                     text=f"{title}: the body.", html=f"<p>{title}: the body.</p>"), blog_id)
    db.close()


def invoke(*args):
    return CliRunner().invoke(cli, ["publish", *map(str, args)])


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("live") / "data.db"   # any name: the copy is blogarchive.db
    build_archive(path)
    return path


@pytest.fixture(scope="module")
def site(archive, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    result = invoke(out, "--db", archive)
    assert result.exit_code == 0, result.output
    assert "DEPLOY.md" in result.output and "docker build" in result.output
    return out


def dockerfile_cmd(site: Path) -> list[str]:
    """The arguments of `datasette` in the Dockerfile's CMD, from `serve` on."""
    line = next(line for line in (site / "Dockerfile").read_text().splitlines() if line.startswith("CMD "))
    shell, dash_c, command = json.loads(line[4:])
    assert (shell, dash_c) == ("sh", "-c")
    words = shlex.split(command)
    assert words[:3] == ["exec", "datasette", "serve"]
    return words[2:]


def option(args: list[str], name: str) -> str:
    return args[args.index(name) + 1]


# ---------------------------------------------------------------- the folder


def test_every_file_is_there(site, archive):
    for name in ("blogarchive.db", "metadata.json", "inspect-data.json", "requirements.txt", "Dockerfile",
                 "DEPLOY.md", "plugins/blogarchive_public.py", "plugins/blogarchive-src/pyproject.toml",
                 "plugins/blogarchive-src/src/blogarchive/datasette_plugin.py"):
        assert (site / name).is_file(), name
    # templates, static files and the robots plugin as they are in the package right now
    for folder, source in (("templates", publish.TEMPLATES_DIR), ("static", publish.STATIC_DIR)):
        names = sorted(p.name for p in source.iterdir() if p.is_file())
        assert names and sorted(p.name for p in (site / folder).iterdir()) == names
        assert all((site / folder / n).read_bytes() == (source / n).read_bytes() for n in names)
    assert (site / "plugins/blogarchive_public.py").read_bytes() == \
        (deploy.PACKAGE_DIR / "datasette_public.py").read_bytes()
    assert not list(site.rglob("__pycache__"))
    # metadata keyed by the copy's name, with the robots rules
    metadata = json.loads((site / "metadata.json").read_text())
    assert list(metadata["databases"]) == ["blogarchive"]
    assert metadata["plugins"]["blogarchive-robots"] == {"disallow": ["/"]}
    assert json.loads((site / "inspect-data.json").read_text())["blogarchive"]["tables"]["posts"]["count"] == 3
    # nothing names this machine's paths
    for name in ("metadata.json", "inspect-data.json", "requirements.txt", "Dockerfile", "DEPLOY.md"):
        text = (site / name).read_text()
        assert str(site) not in text and str(archive.parent) not in text and str(deploy.PROJECT_ROOT) not in text


def test_the_copy_is_a_whole_archive_ready_to_serve_immutable(site, archive):
    store.check_archive_file(site / "blogarchive.db")
    conn = sqlite3.connect(site / "blogarchive.db")
    try:
        assert conn.execute("pragma journal_mode").fetchone()[0] == "delete"
        assert [r[0] for r in conn.execute("select title from posts order by id")] == TITLES
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert not (site / "blogarchive.db-wal").exists()


def test_the_copy_has_only_committed_rows_while_a_crawl_writes(archive, tmp_path):
    writer = sqlite3.connect(archive, isolation_level=None)
    try:
        writer.execute("begin immediate")   # a crawl in the middle of a transaction
        writer.execute("insert into blogs (url) values ('https://uncommitted.example/')")
        result = invoke(tmp_path / "site", "--db", archive)
        assert result.exit_code == 0, result.output
    finally:
        writer.execute("rollback")
        writer.close()
    copy = sqlite3.connect(tmp_path / "site" / "blogarchive.db")
    assert [r[0] for r in copy.execute("select url from blogs")] == [BLOG]
    copy.close()


def test_requirements_are_pinned_to_what_is_installed(site):
    lines = (site / "requirements.txt").read_text().splitlines()
    assert lines and all(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*==\S+", line) for line in lines), lines
    pins = dict(line.split("==") for line in lines)
    assert pins["datasette"] == importlib.metadata.version("datasette")
    for name, version in pins.items():
        assert importlib.metadata.version(name) == version, name
    # what the plugin and the pages import, and not the package itself or test tools
    assert {"nh3", "sqlite-utils", "lxml", "MarkupSafe", "PyYAML"} <= set(pins)
    # an extra a requirement asks for: jusText (trafilatura's) needs lxml[html_clean], without
    # which importing the plugin fails in a fresh install
    assert "lxml_html_clean" in pins
    assert not {"blogarchive", "pytest", "pytest-asyncio"} & set(pins)


def test_dockerfile_runs_datasette_read_only_on_files_of_the_folder(site):
    text = (site / "Dockerfile").read_text()
    assert text.startswith("#") and f"\nFROM python:{sys.version_info.major}.{sys.version_info.minor}-slim\n" in text
    assert "RUN pip install -r requirements.txt\n" in text
    assert f"RUN pip install --no-deps ./{deploy.PACKAGE_SOURCE}\n" in text
    for line in text.splitlines():
        if line.startswith("COPY "):
            for source in line.split()[1:-1]:
                assert (site / source).exists(), line
    args = dockerfile_cmd(site)
    assert args[:-4] == deploy.public_serve_args()
    assert args[-4:] == ["-h", "0.0.0.0", "-p", "${PORT:-8001}"]
    assert option(args, "-i") == "blogarchive.db"
    for name in ("-i", "-m", "--inspect-file", "--plugins-dir", "--template-dir"):
        assert (site / option(args, name)).exists(), name
    mount, folder = option(args, "--static").split(":")
    assert mount == publish.STATIC_MOUNT and (site / folder / "blogarchive.css").is_file()
    settings = {args[i + 1]: args[i + 2] for i, arg in enumerate(args) if arg == "--setting"}
    assert settings["sql_time_limit_ms"] == "1000" and settings["allow_download"] == "off"
    assert settings["allow_csv_stream"] == "on" and settings["suggest_facets"] == "off"
    assert "base_url" not in settings


def test_the_package_source_builds_with_its_datasette_plugins(site, tmp_path):
    """What the Dockerfile installs: blogarchive with the entry points pyproject.toml declares."""
    import shutil

    source = shutil.copytree(site / deploy.PACKAGE_SOURCE, tmp_path / "src")   # builds write into it
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path / "wheels")], check=True, capture_output=True)
    wheel = next((tmp_path / "wheels").glob("blogarchive-*.whl"))
    declared = tomllib.loads((deploy.PROJECT_ROOT / "pyproject.toml").read_text())["project"]["entry-points"]
    with zipfile.ZipFile(wheel) as built:
        names = built.namelist()
        entry_points = next(built.read(n).decode() for n in names if n.endswith("entry_points.txt"))
        assert "blogarchive/metadata.yml" in names and "blogarchive/templates/row.html" in names
    for name, target in declared["datasette"].items():
        assert f"{name} = {target}" in entry_points


def test_deploy_notes_give_every_way_to_run_it(site):
    notes = (site / "DEPLOY.md").read_text()
    assert "docker build -t blogarchive ." in notes and "docker run" in notes
    assert "datasette " + shlex.join(deploy.public_serve_args()) in notes
    for target in ("cloudrun", "fly", "vercel"):
        assert f"datasette publish {target} blogarchive.db" in notes
    for flag in ("--metadata metadata.json", "--template-dir templates", "--static assets:static",
                 "--plugins-dir plugins", f"--install ./{deploy.PACKAGE_SOURCE}", "--install=",
                 "--extra-options '--setting sql_time_limit_ms 1000"):
        assert flag in notes, flag
    assert "location / {" in notes and "proxy_pass http://127.0.0.1:8001/;" in notes


def test_datasette_publish_ships_the_package_inside_plugins(site, monkeypatch):
    """The `datasette publish` flags of DEPLOY.md put blogarchive's source in the image and
    install it from there (Datasette's own build folder, as cloudrun and fly make it)."""
    from datasette.utils import temporary_docker_directory

    monkeypatch.chdir(site)
    with open("metadata.json") as metadata, temporary_docker_directory(
            files=["blogarchive.db"], name="blogarchive", metadata=metadata, extra_options="",
            branch=None, template_dir="templates", plugins_dir="plugins", static=[("assets", "static")],
            install=[f"./{deploy.PACKAGE_SOURCE}"], spatialite=False, version_note=None,
            secret="x") as build:
        build = Path(build)
        assert (build / deploy.PACKAGE_SOURCE / "pyproject.toml").is_file()
        assert (build / "plugins" / "blogarchive_public.py").is_file()
        dockerfile = (build / "Dockerfile").read_text()
        assert "COPY . /app" in dockerfile and f"pip install -U datasette ./{deploy.PACKAGE_SOURCE}" in dockerfile


# ---------------------------------------------------------------- refusals


def test_a_non_empty_folder_is_refused_without_force(archive, tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    (out / "Dockerfile").write_text("FROM scratch\n")
    result = invoke(out, "--db", archive)
    assert result.exit_code == 2
    assert "is not empty; use --force" in result.output and len(result.output.strip().splitlines()) == 1
    assert sorted(p.name for p in out.iterdir()) == ["Dockerfile", "notes.txt"]
    result = invoke(out, "--db", archive, "--force")
    assert result.exit_code == 0, result.output
    assert (out / "notes.txt").read_text() == "mine" and "datasette serve -i" in (out / "Dockerfile").read_text()


def test_a_missing_archive_is_refused(tmp_path):
    result = invoke(tmp_path / "site", "--db", tmp_path / "nothing.db")
    assert result.exit_code == 2
    assert f"no archive at {tmp_path / 'nothing.db'}; run blogarchive crawl first" in result.output
    assert len(result.output.strip().splitlines()) == 1 and not (tmp_path / "site").exists()


def test_another_programs_database_is_refused(tmp_path):
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t (x)").connection.close()
    result = invoke(tmp_path / "site", "--db", other)
    assert result.exit_code == 2 and "cannot publish" in result.output and "another program" in result.output


def test_the_folder_holding_the_archive_is_refused_even_with_force(tmp_path):
    build_archive(tmp_path / "blogarchive.db")
    result = invoke(tmp_path, "--db", tmp_path / "blogarchive.db", "--force")
    assert result.exit_code == 2 and "holds the archive itself" in result.output
    store.check_archive_file(tmp_path / "blogarchive.db")


@pytest.mark.parametrize("base_url", ["/a b/", "/../x/", "/x?y/"])
def test_a_bad_base_url_is_refused(archive, tmp_path, base_url):
    result = invoke(tmp_path / "site", "--db", archive, "--base-url", base_url)
    assert result.exit_code == 2 and "--base-url" in result.output


# ---------------------------------------------------------------- served over HTTP


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(site: Path, prefix: str = ""):
    """`datasette` with the Dockerfile's CMD arguments, run from the folder on a free loopback port;
    yields the base URL."""
    args = dockerfile_cmd(site)
    port = free_port()
    args[args.index("-h") + 1], args[args.index("-p") + 1] = "127.0.0.1", str(port)
    log = site.parent / f"datasette-{port}.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "datasette", *args], cwd=site, stdout=out,
                                stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}{prefix}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("datasette did not start:\n" + log.read_text())
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def get(url: str, timeout: float = 30) -> tuple[int, str, str]:
    """Status, content type and text of ``url``, errors included."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.headers.get("content-type", ""), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("content-type", ""), error.read().decode()


def sql(base: str, query: str, timeout: float = 30) -> tuple[int, dict]:
    status, _, text = get(f"{base}/blogarchive.json?sql={urllib.parse.quote(query)}", timeout)
    return status, json.loads(text)


@pytest.fixture(scope="module")
def server(site):
    with serving(site) as base:
        yield base


def test_home_and_post_pages_show_the_archive(server, site):
    status, _, page = get(server + "/")
    assert status == 200
    assert json.loads((site / "metadata.json").read_text())["title"] in page and BLOG in page
    status, _, page = get(server + "/blogarchive/posts/1")
    assert status == 200 and TITLES[0] in page


def test_robots_txt_keeps_crawlers_out(server):
    assert get(server + "/robots.txt")[::2] == (200, "User-agent: *\nDisallow: /\n")


def test_settings_are_the_public_ones(server):
    status, _, text = get(server + "/-/settings.json")
    settings = json.loads(text)
    assert status == 200 and settings["sql_time_limit_ms"] == 1000 and settings["facet_time_limit_ms"] == 500
    assert settings["max_returned_rows"] == 1000 and settings["allow_csv_stream"] is True
    assert settings["allow_download"] is False
    databases = json.loads(get(server + "/-/databases.json")[2])
    assert [(d["name"], d["is_mutable"]) for d in databases] == [("blogarchive", False)]
    assert get(server + "/blogarchive.db")[0] == 403


def test_sql_cannot_write(server, site):
    # a statement starting with "with" passes Datasette's check for a select: SQLite refuses it
    status, data = sql(server, "with x as (select 1) insert into blogs (url) select 'https://w.example/' from x")
    assert status == 400 and "readonly" in data["error"]
    conn = sqlite3.connect(site / "blogarchive.db")
    assert conn.execute("select count(*) from blogs").fetchone()[0] == 1
    conn.close()


def test_a_slow_query_is_interrupted(server):
    started = time.monotonic()
    status, data = sql(server, "with recursive c(x) as (select 1 union all select x + 1 from c "
                               "where x < 1000000000) select count(*) from c")
    assert status == 400 and data["title"] == "SQL Interrupted"
    assert time.monotonic() - started < 10
    assert sql(server, "select count(*) as n from posts")[1]["rows"] == [[3]]   # the server still answers


def test_stylesheet_and_csv_stream_are_served(server, site):
    status, content_type, css = get(server + "/assets/blogarchive.css")
    assert status == 200 and content_type.startswith("text/css")
    assert css == (site / "static" / "blogarchive.css").read_text()
    status, _, csv = get(server + "/blogarchive/posts.csv?_stream=on")
    assert status == 200 and all(title in csv for title in TITLES)


# ---------------------------------------------------------------- behind a proxy, crawlers allowed


def robots_allows(robots: str, path: str) -> bool:
    """RFC 9309: the longest matching rule wins, an allow on a tie; ``*`` any characters, ``$`` the end."""
    best = (0, True)
    for line in robots.splitlines():
        field, _, pattern = (part.strip() for part in line.partition(":"))
        if field.lower() not in ("allow", "disallow") or not pattern:
            continue
        regex = "".join(".*" if c == "*" else "$" if c == "$" and i == len(pattern) - 1 else re.escape(c)
                        for i, c in enumerate(pattern))
        if re.match(regex, path):
            best = max(best, (len(pattern), field.lower() == "allow"))
    return best[1]


@pytest.fixture(scope="module")
def proxied(archive, tmp_path_factory):
    out = tmp_path_factory.mktemp("proxied") / "site"
    result = invoke(out, "--db", archive, "--base-url", "archive", "--allow-crawlers")
    assert result.exit_code == 0, result.output
    with serving(out, "/archive") as base:
        yield out, base


def test_served_under_a_path_prefix(proxied):
    site, base = proxied
    assert ["--setting", "base_url", "/archive/"] == dockerfile_cmd(site)[-7:-4]
    status, _, page = get(base + "/")
    assert status == 200 and BLOG in page
    assert '<link rel="stylesheet" href="/archive/assets/blogarchive.css">' in page
    assert 'href="/archive/blogarchive/posts' in page
    assert get(base + "/assets/blogarchive.css")[0] == 200
    assert get(base + "/blogarchive/posts/2")[0] == 200
    # authors, categories and tags are arrays in JSON under the prefix too
    status, _, posts = get(base + "/blogarchive/posts.json?_shape=array")
    assert status == 200 and all(isinstance(post["authors"], list) for post in json.loads(posts))
    notes = (site / "DEPLOY.md").read_text()
    assert "location /archive/ {" in notes and "proxy_pass http://127.0.0.1:8001/archive/;" in notes


def test_crawlers_may_read_posts_but_not_queries_or_exports(proxied):
    _, base = proxied
    status, _, robots = get(base + "/robots.txt")
    assert status == 200 and robots.startswith("User-agent: *\n")
    assert all(line.split(": ", 1)[1].startswith("/archive/") for line in robots.splitlines()[1:])
    for path in ("/", "/blogarchive", "/blogarchive/posts", "/blogarchive/posts?_next=20",
                 "/blogarchive/posts/1", "/blogarchive/authors/1", "/blogarchive/posts_per_month",
                 "/assets/blogarchive.css", "/-/static/app.css"):
        assert robots_allows(robots, "/archive" + path), path
    for path in ("/blogarchive?sql=select+1", "/blogarchive/search?q=robots", "/blogarchive/posts.json",
                 "/blogarchive/posts.json?_next=20", "/blogarchive/posts.csv?_stream=on",
                 "/blogarchive/posts?_facet=authors", "/blogarchive/posts?_sort=title",
                 "/blogarchive/posts?_sort=title&_next=20", "/blogarchive/posts?archive_month=2024-01",
                 "/blogarchive/posts?_search=robots", "/blogarchive/posts/1.json", "/blogarchive.db",
                 "/-/versions.json"):
        assert not robots_allows(robots, "/archive" + path), path


# ---------------------------------------------------------------- a fresh install, as in the image


@pytest.mark.skipif(os.environ.get("BLOGARCHIVE_ONLINE_TESTS") != "1",
                    reason="installs requirements.txt from the package index: set BLOGARCHIVE_ONLINE_TESTS=1")
def test_a_fresh_install_of_the_folder_serves_the_archive(site, tmp_path):
    """The Dockerfile's steps without Docker: a new venv gets requirements.txt and the package
    source, then the CMD runs through sh with $PORT, on 127.0.0.1 instead of 0.0.0.0."""
    import shutil

    app = shutil.copytree(site, tmp_path / "app")
    subprocess.run([sys._base_executable, "-m", "venv", str(tmp_path / "venv")], check=True)
    pip = [str(tmp_path / "venv" / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "-r", "requirements.txt"], cwd=app, check=True)
    subprocess.run([*pip, "--no-deps", f"./{deploy.PACKAGE_SOURCE}"], cwd=app, check=True)
    line = next(line for line in (app / "Dockerfile").read_text().splitlines() if line.startswith("CMD "))
    command = json.loads(line[4:])[2].replace(" -h 0.0.0.0 ", " -h 127.0.0.1 ")
    port = free_port()
    env = {"PATH": f"{tmp_path / 'venv' / 'bin'}{os.pathsep}{os.environ['PATH']}", "PORT": str(port)}
    with open(tmp_path / "datasette.log", "wb") as log:
        proc = subprocess.Popen(["sh", "-c", command], cwd=app, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while get_or_none(base + "/-/versions.json") is None:
            assert proc.poll() is None and time.monotonic() < deadline, (tmp_path / "datasette.log").read_text()
            time.sleep(0.2)
        assert get(base + "/")[0] == 200 and get(base + "/blogarchive/posts/1")[0] == 200
        assert get(base + "/robots.txt")[2] == "User-agent: *\nDisallow: /\n"
        plugins = json.loads(get(base + "/-/plugins.json")[2])
        hooks = [hook for plugin in plugins for hook in plugin["hooks"]]
        assert hooks.count("render_cell") == 1 and hooks.count("register_routes") >= 1
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def get_or_none(url: str):
    try:
        return get(url, timeout=1)
    except OSError:
        return None
