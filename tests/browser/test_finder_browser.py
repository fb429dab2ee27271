"""The programme finder and the printed overview, driven in headless Chromium."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page
from pypdf import PdfReader

from tcv.tooling.audit.browser import DESKTOP_LIGHT, new_context
from tcv.tooling.audit.keyboard import tab_until

pytestmark = pytest.mark.browser


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    context = new_context(chromium, DESKTOP_LIGHT)
    yield context.new_page()
    context.close()


def open_finder(page: Page, fixture_origin: str, query: str = "") -> None:
    page.goto(f"{fixture_origin}/utbildningar/{query}")
    page.wait_for_selector(".tcv-finder.is-js")


def shown(page: Page) -> list[str]:
    """The names of the programme cards a visitor sees, in order."""
    return [
        card.locator(".tcv-card__title").inner_text()
        for card in page.locator(".tcv-card").all()
        if card.is_visible()
    ]


def status(page: Page) -> str:
    return page.locator("[data-tcv-status]").inner_text()


ALL = ["Industritekniska programmet", "Teknikprogrammet", "Automationstekniker"]


def test_choosing_a_municipality_shows_exactly_its_programmes_and_updates_the_url(
    page: Page, fixture_origin: str
) -> None:
    open_finder(page, fixture_origin)
    assert shown(page) == ALL
    page.get_by_label("Alfa (2)").check()
    assert shown(page) == ["Industritekniska programmet", "Teknikprogrammet"]
    page.wait_for_url(f"{fixture_origin}/utbildningar/?kommun=alfa", timeout=2000)
    assert status(page) == "2 utbildningar visas."
    assert page.locator("[data-tcv-status]").get_attribute("aria-live") == "polite"


def test_a_shared_link_opens_the_same_filtered_list(page: Page, fixture_origin: str) -> None:
    open_finder(page, fixture_origin, "?niva=vuxenutbildning&distans=ja")
    assert shown(page) == ["Automationstekniker"]
    assert page.get_by_label("Vuxenutbildning (Komvux) (1)").is_checked()
    assert page.get_by_label("Kan läsas på distans (1)").is_checked()
    assert status(page) == "1 utbildning visas."


def test_reload_and_back_restore_the_filters(page: Page, fixture_origin: str) -> None:
    open_finder(page, fixture_origin)
    page.get_by_label("Beta (1)").check()
    page.reload()
    page.wait_for_selector(".tcv-finder.is-js")
    assert page.get_by_label("Beta (1)").is_checked()
    assert shown(page) == ["Automationstekniker"]
    page.get_by_role("link", name="Automationstekniker").click()
    page.wait_for_url("**/utbildningar/beta-automation/")
    page.go_back()
    page.wait_for_selector(".tcv-finder.is-js")
    assert page.url.endswith("/utbildningar/?kommun=beta")
    assert page.get_by_label("Beta (1)").is_checked()
    assert shown(page) == ["Automationstekniker"]


def test_an_empty_result_says_so_and_offers_to_clear_the_filters(
    page: Page, fixture_origin: str
) -> None:
    open_finder(page, fixture_origin, "?kommun=alfa&niva=vuxenutbildning")
    assert shown(page) == []
    assert (
        page.locator("[data-tcv-empty]").inner_text() == "Inga utbildningar matchar — rensa filter"
    )
    assert status(page) == "Inga utbildningar matchar filtren."
    page.locator("[data-tcv-empty] button").click()
    page.wait_for_url(
        f"{fixture_origin}/utbildningar/", timeout=2000
    )  # the reset is applied a task later
    assert shown(page) == ALL
    assert page.evaluate("document.activeElement.id") == "f-kommun-alfa"


def test_keyboard_alone_can_filter_and_clear(page: Page, fixture_origin: str) -> None:
    open_finder(page, fixture_origin)
    assert tab_until(page, "#f-kommun-beta") is not None
    page.keyboard.press("Space")
    assert shown(page) == ["Automationstekniker"]
    page.wait_for_url(f"{fixture_origin}/utbildningar/?kommun=beta", timeout=2000)
    assert tab_until(page, "#f-omrade-alla") is not None  # a radio group is one Tab stop
    page.keyboard.press("ArrowDown")  # arrows choose within it: the first area, Produktion
    page.wait_for_url(f"{fixture_origin}/utbildningar/?kommun=beta&omrade=produktion", timeout=2000)
    assert shown(page) == []
    assert tab_until(page, ".tcv-filters button[type=reset]") is not None
    page.keyboard.press("Enter")
    page.wait_for_url(
        f"{fixture_origin}/utbildningar/", timeout=2000
    )  # the reset is applied a task later
    assert shown(page) == ALL


def test_without_javascript_the_full_list_is_there_and_the_form_still_filters(
    chromium: Browser, fixture_origin: str
) -> None:
    context = chromium.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 800}
    )
    page = context.new_page()
    page.goto(f"{fixture_origin}/utbildningar/")
    assert shown(page) == ALL
    page.get_by_label("Alfa (2)").check()
    assert shown(page) == ["Industritekniska programmet", "Teknikprogrammet"]
    page.get_by_label("Automation (1)").check()
    assert shown(page) == []
    page.get_by_role("button", name="Rensa filter").click()
    assert shown(page) == ALL
    context.close()


def test_the_printed_municipality_overview_has_no_navigation_and_writes_out_links(
    page: Page, fixture_origin: str
) -> None:
    page.goto(f"{fixture_origin}/kommuner/alfa/")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert "Alfa kommun" in text
    assert "Teknikprogrammet" in text
    assert "(/utbildningar/alfa-teknik/)" in "".join(text.split())  # may wrap in the column
    assert "Certifierad t.o.m. 30 juni 2029" in text
    for chrome in ("Sök", "Hoppa till innehållet", "Tillbaka till toppen", "Kommuner Skolor"):
        assert chrome not in text
    assert "Sidan går att skriva ut" not in text
