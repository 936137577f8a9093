from __future__ import annotations

import json
import os
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


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    """A headless Chromium (tests/browser.py) for the module's browser tests."""
    from browser import Chromium, chromium_path

    path = chromium_path()
    if path is None:
        if os.environ.get("BLOGARCHIVE_SKIP_BROWSER") == "1":
            pytest.skip("chromium not installed and BLOGARCHIVE_SKIP_BROWSER=1")
        pytest.fail("chromium not found on PATH: apt-get install -y --no-install-recommends chromium "
                    "(or set BLOGARCHIVE_SKIP_BROWSER=1 to skip the browser tests)")
    with Chromium(path, tmp_path_factory.mktemp("chromium-profile")) as browser:
        yield browser
