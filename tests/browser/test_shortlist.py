"""Mina val in headless Chromium, on the fixture site (three fictitious programmes): saving on a
programme page and on the finder, the list after a reload, a shared link in a fresh browser,
keyboard use with what a screen reader hears, one printed A4 page, the page without
JavaScript, and axe-core with two programmes saved."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page
from pypdf import PdfReader

from tcv import shortlist
from tcv.tooling.audit.browser import (
    DESKTOP_LIGHT,
    PHONE,
    Viewport,
    axe,
    new_context,
    switch_scheme,
)
from tcv.tooling.audit.keyboard import focused, tab_until
from tcv.tooling.audit.tools import axe_source

MINA_VAL = "/" + shortlist.URL
TEKNIK = "/utbildningar/alfa-teknik/"
SAVE = "[data-tcv-save]"
STATUS = "[data-tcv-announce]"


@pytest.fixture
def context(chromium: Browser) -> Iterator[BrowserContext]:
    context = new_context(chromium, DESKTOP_LIGHT)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


def open_ready(page: Page, url: str) -> None:
    """Load a page and wait until shortlist.js has shown its controls."""
    page.goto(url)
    page.wait_for_selector(f"{SAVE}:not([hidden]), [data-tcv-shortlist-app]:not([hidden])")


def column_names(page: Page) -> list[str]:
    return page.locator(".tcv-shortlist__table thead th[scope=col] a").all_inner_texts()


def row(page: Page, name: str) -> list[str]:
    return page.locator(f'[data-tcv-row="{name}"] td').all_inner_texts()


def saved(page: Page) -> list[str] | None:
    return page.evaluate(f"() => JSON.parse(localStorage.getItem('{shortlist.STORAGE_KEY}'))")


def save_two(page: Page, fixture_origin: str) -> None:
    """Teknikprogrammet on its own page, Automationstekniker from its card in the finder."""
    open_ready(page, fixture_origin + TEKNIK)
    page.get_by_role("button", name="Spara i Mina val").click()
    open_ready(page, fixture_origin + "/utbildningar/")
    page.get_by_role("button", name="Spara i Mina val: Automationstekniker, Betavux").click()


def test_two_saved_programmes_survive_a_reload_and_are_compared_side_by_side(
    page: Page, fixture_origin: str
) -> None:
    save_two(page, fixture_origin)
    page.reload()
    page.wait_for_selector(f"{SAVE}:not([hidden])")
    pressed = {
        b.get_attribute("data-tcv-save"): b.get_attribute("aria-pressed")
        for b in page.locator(SAVE).all()
    }
    assert pressed == {"alfa-industri": "false", "alfa-teknik": "true", "beta-automation": "true"}
    open_ready(page, fixture_origin + MINA_VAL)
    assert column_names(page) == ["Teknikprogrammet", "Automationstekniker"]
    assert row(page, "school") == ["Alfaskolan", "Betavux"]
    assert row(page, "municipality") == ["Alfa", "Beta"]
    assert row(page, "form") == ["Gymnasium", "Vuxenutbildning (Komvux)"]
    assert row(page, "certification") == ["Certifierad t.o.m. 30 juni 2029", "Under granskning"]
    assert row(page, "partners") == ["Verkstaden AB", "Inga registrerade än"]
    assert row(page, "apply") == ["Sista ansökningsdag 15 februari 2027", "Uppgift saknas"]
    assert page.locator('[data-tcv-row="length"]').is_hidden()  # no programme has a length
    assert page.locator(".tcv-shortlist__table caption").inner_text() == (
        "Utbildningarna i Mina val (2 utbildningar), sida vid sida"
    )
    assert saved(page) == ["alfa-teknik", "beta-automation"]
    assert page.context.cookies() == []


def test_a_shared_link_shows_the_same_list_in_a_fresh_browser_and_can_be_saved_there(
    chromium: Browser, page: Page, fixture_origin: str
) -> None:
    save_two(page, fixture_origin)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=fixture_origin)
    open_ready(page, fixture_origin + MINA_VAL)
    page.get_by_role("button", name="Kopiera länk").click()
    page.wait_for_function(
        "(s) => document.querySelector(s).textContent.includes('kopierad')", arg=STATUS
    )
    link = page.evaluate("() => navigator.clipboard.readText()")
    assert link == f"{fixture_origin}{MINA_VAL}?val=alfa-teknik,beta-automation"
    assert page.locator("[data-tcv-share-link]").inner_text() == link

    fresh = new_context(chromium, PHONE)
    try:
        other = fresh.new_page()
        open_ready(other, link)
        assert column_names(other) == ["Teknikprogrammet", "Automationstekniker"]
        assert saved(other) is None  # opening a link stores nothing
        shared = other.locator("[data-tcv-shared]")
        assert "Listan med 2 utbildningar är inte sparad på den här enheten" in shared.inner_text()
        assert other.locator('[data-tcv-row="remove"]').is_hidden()
        other.get_by_role("button", name="Spara listan i Mina val").click()
        assert saved(other) == ["alfa-teknik", "beta-automation"]
        assert other.url == fixture_origin + MINA_VAL
        assert shared.is_hidden()
        assert other.locator(STATUS).inner_text() == (
            "2 utbildningar sparades i Mina val på den här enheten. Där finns nu 2 utbildningar."
        )
    finally:
        fresh.close()


def test_unknown_programmes_in_a_shared_link_are_named_and_skipped(
    page: Page, fixture_origin: str
) -> None:
    open_ready(page, f"{fixture_origin}{MINA_VAL}?val=finns-inte,alfa-industri,<b>x</b>")
    assert column_names(page) == ["Industritekniska programmet"]
    note = page.locator("[data-tcv-unknown]").inner_text()
    assert note == (
        "Länken nämner utbildningar som inte finns på webbplatsen. "
        "De hoppades över: finns-inte, <b>x</b>."
    )
    assert page.locator("[data-tcv-unknown] b").count() == 0  # named as text, never as HTML


def test_keyboard_alone_saves_and_removes_and_each_change_is_announced(
    page: Page, fixture_origin: str
) -> None:
    open_ready(page, fixture_origin + TEKNIK)
    assert tab_until(page, SAVE) is not None
    stop = focused(page)
    assert stop is not None and stop.problem is None, stop
    status = page.locator(STATUS)
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    page.keyboard.press("Enter")
    assert page.locator(SAVE).get_attribute("aria-pressed") == "true"
    assert status.inner_text() == (
        "Teknikprogrammet, Alfaskolan är sparad i Mina val. Där finns nu 1 utbildning."
    )
    page.keyboard.press("Space")
    assert page.locator(SAVE).get_attribute("aria-pressed") == "false"
    assert status.inner_text() == (
        "Teknikprogrammet, Alfaskolan är borttagen från Mina val. Där finns nu 0 utbildningar."
    )
    page.keyboard.press("Enter")

    open_ready(page, fixture_origin + MINA_VAL)
    for control in ("[data-tcv-copy]", "[data-tcv-print]", "[data-tcv-clear]"):
        assert tab_until(page, control) is not None, control
        stop = focused(page)
        assert stop is not None and stop.problem is None, stop
    assert tab_until(page, ".tcv-shortlist__scroll") is not None  # the table scrolls by keys
    assert tab_until(page, "[data-tcv-remove]") is not None
    stop = focused(page)
    assert stop is not None and stop.problem is None, stop
    page.keyboard.press("Enter")
    assert page.locator(STATUS).inner_text() == (
        "Teknikprogrammet, Alfaskolan är borttagen från Mina val. Där finns nu 0 utbildningar."
    )
    assert page.evaluate("() => document.activeElement.hasAttribute('data-tcv-empty')")
    assert (
        page.locator("[data-tcv-empty]")
        .inner_text()
        .startswith("Du har inte sparat några utbildningar än.")
    )
    assert saved(page) is None  # an empty list leaves nothing behind


def test_the_finder_announces_a_save_from_a_card(page: Page, fixture_origin: str) -> None:
    open_ready(page, fixture_origin + "/utbildningar/")
    assert tab_until(page, '[data-tcv-save="alfa-industri"]') is not None
    page.keyboard.press("Enter")
    region = page.locator("[role=status].tcv-visually-hidden")
    assert region.get_attribute("aria-live") == "polite"
    assert region.inner_text() == (
        "Industritekniska programmet, Alfaskolan är sparad i Mina val. Där finns nu 1 utbildning."
    )


def test_clearing_the_list_asks_first_and_removes_the_key(page: Page, fixture_origin: str) -> None:
    save_two(page, fixture_origin)
    open_ready(page, fixture_origin + MINA_VAL)
    questions: list[str] = []

    def answer(dialog) -> None:
        questions.append(dialog.message)
        dialog.accept()

    page.on("dialog", answer)
    page.get_by_role("button", name="Töm listan").click()
    assert questions == ["Ta bort alla 2 utbildningar från Mina val på den här enheten?"]
    assert saved(page) is None
    assert page.locator("[data-tcv-empty]").is_visible()
    assert page.locator("[data-tcv-compare]").is_hidden()


@pytest.mark.parametrize(
    "ids",
    [["alfa-teknik", "beta-automation"], ["alfa-industri", "alfa-teknik", "beta-automation"]],
    ids=["två", "alla tre"],
)
def test_mina_val_prints_on_one_a4_page(page: Page, fixture_origin: str, ids: list[str]) -> None:
    open_ready(page, f"{fixture_origin}{MINA_VAL}?val={','.join(ids)}")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(pdf.pages) == 1
    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    assert width == pytest.approx(595.3, abs=1) and height == pytest.approx(841.9, abs=1)  # A4
    text = pdf.pages[0].extract_text()
    for name in ("Teknikprogrammet", "Automationstekniker", "Alfaskolan", "Betavux"):
        assert name in text
    assert f"{MINA_VAL}?val={','.join(ids)}" in text  # the link, to open the list again
    for control in ("Kopiera länk", "Skriv ut", "Töm listan", "Ta bort", "Spara listan"):
        assert control not in text


def test_without_javascript_the_page_explains_and_shows_no_dead_button(
    chromium: Browser, fixture_origin: str
) -> None:
    context = chromium.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 800}
    )
    try:
        page = context.new_page()
        page.goto(fixture_origin + MINA_VAL)
        notice = page.locator("[data-tcv-shortlist-nojs]")
        assert notice.is_visible()
        assert "Mina val behöver JavaScript" in notice.inner_text()
        assert notice.get_by_role("link", name="se alla utbildningar").is_visible()
        assert page.locator("article button:visible").count() == 0
        page.goto(fixture_origin + TEKNIK)
        assert page.get_by_role("heading", level=1).inner_text() == "Teknikprogrammet"
        assert page.locator("article button:visible").count() == 0
        assert page.get_by_role("link", name="Se Mina val").count() == 0  # hidden with the box
        page.goto(fixture_origin + "/utbildningar/")
        assert page.locator(".tcv-card").count() == 3
        assert page.locator(".tcv-card button:visible").count() == 0
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [DESKTOP_LIGHT, PHONE], ids=["dator", "mobil"])
def test_axe_finds_nothing_with_two_programmes_saved_in_either_scheme(
    chromium: Browser, fixture_origin: str, viewport: Viewport
) -> None:
    context = new_context(chromium, viewport)
    try:
        page = context.new_page()
        save_two(page, fixture_origin)  # ends on the finder, with one card's button pressed
        for url in ("/utbildningar/", MINA_VAL):
            open_ready(page, fixture_origin + url)
            page.evaluate(axe_source())
            assert axe(page) == [], url
            switch_scheme(page)
            assert axe(page) == [], url
    finally:
        context.close()
