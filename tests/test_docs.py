"""The README documents every command and every option, and shows the two set-up commands."""

from pathlib import Path

import click
import pytest

from blogarchive.cli import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands():
    top = README[:600]
    assert "make demo" in top and "make test" in top


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_and_option_is_in_the_readme(name):
    assert f"blogarchive {name}" in README
    for param in cli.commands[name].params:
        if isinstance(param, click.Option) and param.name != "help":
            assert param.opts[-1] in README or param.opts[0] in README, f"{name} {param.opts}"


def test_readme_has_a_cron_line_and_example_sql():
    assert "crontab" in README.lower() or "* * *" in README
    assert "posts_fts match" in README
