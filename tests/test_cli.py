"""The command line: help, exit statuses, extract's batch mode."""

from __future__ import annotations

import json

import click
import pytest
import sqlite_utils

from blogarchive import __version__
from blogarchive.cli import cli

COMMANDS = sorted(cli.commands)


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output and f"blogarchive {command}" in result.output


def test_each_short_flag_means_one_thing():
    for command in cli.commands.values():
        flags = [opt for p in command.params if isinstance(p, click.Option) for opt in p.opts if not opt.startswith("--")]
        assert len(flags) == len(set(flags)), command.name


def test_bad_option_exits_2(run):
    assert run("crawl", "--delay", "-1").exit_code == 2
    assert run("crawl", "--max-pages", "zero").exit_code == 2


def test_crawl_without_blogs_exits_2(run, tmp_path):
    result = run("crawl", "--db", tmp_path / "empty.db")
    assert result.exit_code == 2
    assert "no blogs registered" in result.output


def test_bad_url_exits_2(run, tmp_path):
    result = run("crawl", "ftp://example.org/blog", "--db", tmp_path / "a.db")
    assert result.exit_code == 2 and "not an http(s) URL" in result.output


def test_unusable_database_exits_2(run, tmp_path):
    (tmp_path / "junk.db").write_bytes(b"this is not a database" * 100)
    result = run("crawl", "http://127.0.0.1:9/blog", "--db", tmp_path / "junk.db")
    assert result.exit_code == 2 and "cannot open the archive" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_unreachable_blog_exits_1_and_logs_it(run, tmp_path):
    result = run("crawl", "http://127.0.0.1:9/blog", "--db", tmp_path / "a.db", "--delay", "0", "--quiet")
    assert result.exit_code == 1


def test_add_registers_once(run, tmp_path):
    db = tmp_path / "a.db"
    assert "registered: https://example.org/blog" in run("add", "https://Example.org/blog/", "--db", db).output
    assert "already registered" in run("add", "https://example.org/blog", "--db", db).output


@pytest.mark.parametrize("jobs", ["1", "3"])
def test_extract_manifest_keeps_order_and_reports_failures(run, tmp_path, founding_site, founding_expected, jobs):
    page = tmp_path / "post.html"
    page.write_bytes(founding_site.file_for(founding_expected["url_path"]).read_bytes())
    generic = tmp_path / "generic.html"
    generic.write_text(
        "<html><head><title>Notes on soil</title><meta property='og:title' content='Notes on soil'>"
        "<meta property='article:published_time' content='2024-05-02T08:00:00+00:00'></head>"
        "<body><nav><a href='/'>Home</a></nav><article><h1>Notes on soil</h1>"
        "<p>Compost keeps the ground alive through the winter months and feeds the beds.</p>"
        "<p>Turn it every fortnight, and keep it as damp as a wrung-out sponge.</p></article></body></html>",
        encoding="utf-8")
    missing = tmp_path / "missing.html"
    manifest = tmp_path / "pages.tsv"
    # enough lines that three workers each take several, the failing one among them
    entries = [f"{page}\thttps://www.example.com/blog/x", f"{missing}\thttps://e.org/m",
               f"{generic}\thttps://e.org/soil"] * 9
    manifest.write_text("\n".join(entries) + "\n", encoding="utf-8")
    result = run("extract", "--manifest", manifest, "--json", "--jobs", jobs)
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["path"] for line in lines] == [str(page), str(missing), str(generic)] * 9
    assert lines[:3] == lines[3:6] == lines[-3:]
    assert lines[0]["authors"] == ["Angela Silak", "Cindy Kaplan"]
    assert set(lines[1]) == {"path", "error"} and "\n" not in lines[1]["error"]
    assert lines[2]["title"] == "Notes on soil" and lines[2]["published"].startswith("2024-05-02")
    assert lines[2]["archive_month"] == "2024-05"
    assert "Compost keeps the ground alive" in lines[2]["text"] and "Home" not in lines[2]["text"]
    assert set(lines[0]) == {"path", "url", "title", "authors", "published", "archive_month",
                             "categories", "tags", "text", "html", "provenance"}
    assert lines[2]["provenance"]["title"] == "markup" and lines[2]["provenance"]["published"]


def test_extract_needs_file_or_manifest(run):
    assert run("extract", "--json").exit_code == 2


def test_serve_without_archive_exits_2(run, tmp_path):
    result = run("serve", "--db", tmp_path / "none.db")
    assert result.exit_code == 2 and "no archive" in result.output


def test_blogs_remove_and_add_inside_a_blog(run, tmp_path):
    db = tmp_path / "a.db"
    run("add", "https://example.org/blog", "http://127.0.0.1:9/other", "--db", db)
    inside = run("add", "https://example.org/blog/a-post", "--db", db)
    assert inside.exit_code == 2 and "inside the registered blog https://example.org/blog" in inside.output
    listed = run("blogs", "--db", db)
    assert listed.exit_code == 0 and "https://example.org/blog  [?]  0 posts  last crawled never  never crawled" \
        in listed.output
    as_json = [json.loads(line) for line in run("blogs", "--db", db, "--json").output.splitlines()]
    assert [b["url"] for b in as_json] == ["https://example.org/blog", "http://127.0.0.1:9/other"]
    assert as_json[0] == {"url": "https://example.org/blog", "platform": None, "posts": 0, "last_crawled": None,
                          "status": "never crawled", "last_error": None}
    removed = run("remove", "https://example.org/blog", "--db", db)
    assert removed.exit_code == 0 and "its posts stay" in removed.output
    assert "unregistered" in run("blogs", "--db", db).output
    assert run("crawl", "--db", db, "--max-pages", "1", "--delay", "0").exit_code in (0, 1)
    log = json.loads(sqlite_utils.Database(db)["crawls"].get(1)["blogs"])
    assert log == ["http://127.0.0.1:9/other"]          # the removed blog is not crawled
    assert run("remove", "https://example.org/blog", "--db", db, "--purge").exit_code == 0
    assert "example.org" not in run("blogs", "--db", db).output
    assert run("remove", "https://nowhere.example/", "--db", db).exit_code == 2
