"""Shared fixtures: real builds of the site, from the real data and from small fixture folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tcv.tooling.builtsite import ROOT, BuildFailed, build_site

__all__ = ["FIXTURES", "ROOT", "BuildFailed", "build_site", "calendar_data", "validate"]

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def calendar_data(target: Path) -> Path:
    """The minimal fixture data with the made-up admission dates and events on top."""
    shutil.copytree(FIXTURES / "minimal", target)
    for folder in ("admissions", "events"):
        shutil.copytree(FIXTURES / "calendar" / folder, target / folder)
    return target


def validate(
    data_dir: Path, *, today: str = "2026-07-01", github: bool = False
) -> subprocess.CompletedProcess:
    """Run `python -m tcv validate` the way scripts/validate does."""
    env = {**os.environ, "TCV_BUILD_DATE": today}
    env.pop("GITHUB_ACTIONS", None)
    env.pop("GITHUB_STEP_SUMMARY", None)
    if github:
        env["GITHUB_ACTIONS"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "tcv", "validate", "--data", str(data_dir)],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


@pytest.fixture(scope="session", autouse=True)
def parse_cache_of_this_session(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Parse caches (tcv.yamlsource.ParsedCache) of the many data copies the tests make go to a
    folder of this session, for every process the tests start, not to the user's own. (Not by
    XDG_CACHE_HOME: Playwright finds the browser it installed there.)"""
    os.environ["TCV_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session", autouse=True)
def one_build_date_per_session() -> None:
    """Every build and validation of the session, in this process and the ones it starts, is on
    the day the session started, unless a test names its own day: a run that passes midnight
    would otherwise compare a page built on one day with one built on the next."""
    os.environ.setdefault("TCV_BUILD_DATE", date.today().isoformat())


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the real data/, once per test session."""
    return build_site(ROOT / "data", tmp_path_factory.mktemp("real") / "site")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from tests/fixtures/minimal on a fixed date, 2026-07-01."""
    return build_site(
        FIXTURES / "minimal", tmp_path_factory.mktemp("fixture") / "site", today="2026-07-01"
    )


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the minimal fixture data, for tests that break it on purpose."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", target)
    return target
