from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from blogarchive.cli import cli

from staticsite import StaticSite

SITES = Path(__file__).parent / "sites"


@pytest.fixture
def founding_site():
    with StaticSite(SITES / "founding") as site:
        yield site


@pytest.fixture
def founding_expected():
    return json.loads((SITES / "founding" / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def run():
    """Run the blogarchive CLI in-process; returns the click Result."""
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return invoke
