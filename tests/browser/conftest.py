"""Fixtures for the browser tests: one audit of the real site (every page, every variant), the
site served on 127.0.0.1, and pages opened in headless Chromium for the keyboard tests.

The audit runs once per session and is shared by the tests that read it, marked `audit`;
scripts/test runs them in a pytest of their own, after the other tests (which run two at a time
with pytest-xdist), as a second xdist worker would run the whole audit again. Its one-line
summary is printed at the end of the run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tcv.tooling.audit import AuditReport, audit_site
from tcv.tooling.audit.browser import DESKTOP, PHONE, Viewport, new_context, wait_until_ready
from tcv.tooling.audit.browser import launch as launch_chromium
from tcv.tooling.audit.server import serve

AUDIT = pytest.StashKey[AuditReport]()

OpenPage = Callable[[str, Viewport], Page]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)
            if _reads_the_audit(item):
                item.add_marker(pytest.mark.audit)


def _reads_the_audit(item: pytest.Item) -> bool:
    return "audit" in getattr(item, "fixturenames", ())


@pytest.fixture(scope="session")
def audit(real_site: Path, request: pytest.FixtureRequest) -> AuditReport:
    """Every page of the real site checked in Chromium (desktop and phone, light and dark), with
    the Nu HTML Checker, and weighed."""
    report = audit_site(real_site)
    request.config.stash[AUDIT] = report
    return report


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    report = config.stash.get(AUDIT, None)
    if report is not None:
        terminalreporter.write_line(report.summary())


@pytest.fixture(scope="session")
def origin(real_site: Path) -> Iterator[str]:
    with serve(real_site) as url:
        yield url


@pytest.fixture(scope="module")
def fixture_origin(fixture_site: Path) -> Iterator[str]:
    """The site built from tests/fixtures/minimal, served on 127.0.0.1 (three fictitious
    programmes: small and predictable for the tests of single features)."""
    with serve(fixture_site) as origin:
        yield origin


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """Per module: Playwright's sync API allows one instance at a time in a thread, and other
    test modules start their own."""
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def open_page(chromium: Browser, origin: str) -> Iterator[OpenPage]:
    """open_page(url, viewport): a page of the real site, loaded cold and ready for keys."""
    contexts = []

    def opener(url: str, viewport: Viewport = DESKTOP) -> Page:
        context = new_context(chromium, viewport)
        contexts.append(context)
        page = context.new_page()
        page.goto(origin + url, wait_until="load")
        wait_until_ready(page)
        return page

    yield opener
    for context in contexts:
        context.close()


__all__ = ["DESKTOP", "PHONE", "OpenPage"]
