"""With a repository link in the header (repo_url, set by the deploy workflow), the site still
asks GitHub nothing: Material's stars-and-forks fetch is turned off in partials/source.html."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

from tcv.tooling.audit.browser import ALLOWED_STORAGE, DESKTOP, Visitor
from tcv.tooling.audit.server import serve
from tcv.tooling.audit.tools import axe_source

from conftest import FIXTURES, build_site

REPOSITORY = "https://github.com/example/tcv-site"


@pytest.fixture(scope="module")
def site_with_repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("TCV_REPO_URL", REPOSITORY)
        out = tmp_path_factory.mktemp("repository") / "site"
        return build_site(FIXTURES / "minimal", out, today="2026-07-01")


def test_the_header_links_the_repository_without_asking_github_anything(
    site_with_repository: Path, chromium: Browser
) -> None:
    home = BeautifulSoup((site_with_repository / "index.html").read_text("utf-8"), "lxml")
    source = home.select_one(".md-header a.md-source")
    assert source is not None and source["href"] == REPOSITORY
    assert not home.select('[data-md-component="source"]')
    with serve(site_with_repository) as origin:
        visitor = Visitor(chromium, origin, axe_source())
        visits = visitor.visit("/", DESKTOP)
        visitor.close()
    for visit in visits:
        assert visit.external_requests == [], visit.variant
        assert visit.storage == sorted(ALLOWED_STORAGE), visit.variant
        assert visit.violations == [], visit.variant
        assert visit.console_errors == [], visit.variant
