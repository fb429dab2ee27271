"""The Content-Security-Policy blocks what it is there for: an inline script that reached a page
without coming from the theme (here a hand-written page with a <script>, the way an escaping
slip would put one there) does not run, and the browser reports it. The page is built only
here, from a copy of content/ with one more page, and never published."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tcv.tooling.audit.browser import (
    DESKTOP,
    PHONE,
    READ_CSP_VIOLATIONS,
    RECORD_CSP_VIOLATIONS,
    new_context,
    switch_scheme,
    wait_until_ready,
)
from tcv.tooling.audit.server import serve

from conftest import FIXTURES, ROOT, build_site

INJECTED_PAGE = """\
# Testsida med ett injicerat skript

Påhittad sida för testerna, publiceras aldrig.

<p id="tcv-injected">Skriptet har inte körts.</p>

<script>document.getElementById("tcv-injected").textContent = "Skriptet körde.";</script>
"""
NOT_RUN = "Skriptet har inte körts."
RAN = "Skriptet körde."


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content/ and theme, the minimal fixture data, and content/injicerat.md."""
    work = tmp_path_factory.mktemp("injected")
    content = work / "content"
    content.mkdir()
    for entry in (ROOT / "content").iterdir():
        (content / entry.name).symlink_to(entry)
    (content / "injicerat.md").write_text(INJECTED_PAGE, encoding="utf-8")
    for name in ("hooks", "theme_overrides"):
        (work / name).symlink_to(ROOT / name)
    (work / "data").symlink_to(FIXTURES / "minimal")
    config = work / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        "validation:\n  nav:\n    omitted_files: info  # the test page is in no menu\n",
        encoding="utf-8",
    )
    return build_site(FIXTURES / "minimal", work / "site", today="2026-07-01", config=config)


@pytest.fixture(scope="module")
def injected_origin(injected_site: Path) -> Iterator[str]:
    with serve(injected_site) as url:
        yield url


def load(chromium: Browser, url: str) -> tuple[str, list[str]]:
    """The test paragraph's text after loading `url`, and the policy violations reported."""
    context = new_context(chromium, DESKTOP)
    try:
        context.add_init_script(RECORD_CSP_VIOLATIONS)
        page = context.new_page()
        page.goto(url, wait_until="load")
        wait_until_ready(page)
        return page.inner_text("#tcv-injected"), page.evaluate(READ_CSP_VIOLATIONS)
    finally:
        context.close()


def test_an_injected_inline_script_is_blocked_and_reported(
    chromium: Browser, injected_site: Path, injected_origin: str
) -> None:
    html = (injected_site / "injicerat" / "index.html").read_text(encoding="utf-8")
    assert '<script>document.getElementById("tcv-injected")' in html, "the page lost its script"
    text, violations = load(chromium, injected_origin + "/injicerat/")
    assert text == NOT_RUN
    assert len(violations) == 1, violations
    assert violations[0].startswith("script-src-elem blockerade inline")
    assert "/injicerat/" in violations[0]


def test_the_same_page_without_the_policy_runs_the_script(
    chromium: Browser, injected_site: Path, injected_origin: str
) -> None:
    """The control: the script itself works, so it is the policy that stopped it above."""
    page = injected_site / "injicerat" / "index.html"
    html = page.read_text(encoding="utf-8")
    without = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    assert without != html
    (injected_site / "utan-policy.html").write_text(without, encoding="utf-8")
    text, violations = load(chromium, injected_origin + "/utan-policy.html")
    assert text == RAN
    assert violations == []


def test_the_theme_scripts_on_the_same_page_are_allowed(
    chromium: Browser, injected_site: Path, injected_origin: str
) -> None:
    """Material's own inline scripts ran: the colour scheme it restores is set on <body>, and
    its search (a worker) came up, which wait_until_ready waits for."""
    context = new_context(chromium, DESKTOP)
    try:
        page = context.new_page()
        page.goto(injected_origin + "/injicerat/", wait_until="load")
        wait_until_ready(page)
        assert page.evaluate("() => typeof __md_get") == "function"
        assert page.evaluate("() => document.documentElement.classList.contains('tcv-scripted')")
    finally:
        context.close()


def test_search_finder_guide_menu_and_colour_toggle_work_within_the_policy(
    chromium: Browser, origin: str
) -> None:
    """Used as a visitor would, on the real site: every securitypolicyviolation is recorded
    (the every-page audit only loads pages, switches the scheme and walks with Tab)."""
    context = new_context(chromium, PHONE)
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    seen: list[str] = []
    try:
        page = context.new_page()
        page.on("console", lambda m: seen.append(m.text) if m.type == "error" else None)
        page.goto(origin + "/", wait_until="load")
        wait_until_ready(page)
        # Search: Material's worker answers a query, results are drawn into the page.
        page.click('button[data-tcv-toggle="search"]')
        page.wait_for_function("() => document.activeElement.matches('.md-search__input')")
        page.keyboard.type("teknik")
        page.wait_for_selector(".md-search-result__item")
        page.keyboard.press("Escape")
        # The menu, and the colour scheme.
        page.click('button[data-tcv-toggle="drawer"]')
        page.wait_for_function("() => document.getElementById('__drawer').checked")
        page.keyboard.press("Escape")
        switch_scheme(page)
        violations = page.evaluate(READ_CSP_VIOLATIONS)
        # The finder: a filter applied by the script (the count is announced).
        page.goto(origin + "/utbildningar/", wait_until="load")
        wait_until_ready(page)
        page.wait_for_selector(".tcv-finder.is-js")
        before = page.inner_text("[data-tcv-status]")
        page.locator(".tcv-finder input[type=checkbox]").first.check()
        page.wait_for_function(
            "(b) => document.querySelector('[data-tcv-status]').textContent !== b", arg=before
        )
        violations += page.evaluate(READ_CSP_VIOLATIONS)
        # The interest guide: its form is built by guide.js and answers.
        page.goto(origin + "/vad-passar-mig/", wait_until="load")
        wait_until_ready(page)
        page.check("#tcv-guide-q0-a0")
        page.click(".tcv-guide__form button[type=submit]")
        page.wait_for_selector(".tcv-guide__result strong")
        violations += page.evaluate(READ_CSP_VIOLATIONS)
    finally:
        context.close()
    assert violations == []
    assert seen == []
