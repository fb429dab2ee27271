"""The county map in headless Chromium: its links are reached with Tab, in the order of the
table, each with visible focus and its name and state as the accessible name; axe-core finds
nothing on /kommuner/ in either colour scheme; on the finder a click on the map filters it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tcv import finder, labels, urls
from tcv.models import Municipality
from tcv.site import Site, load_site
from tcv.tooling.audit.browser import DESKTOP, PHONE, Viewport, axe, switch_scheme
from tcv.tooling.audit.keyboard import focused, tab, tab_until
from tcv.tooling.audit.tools import ROOT, axe_source

from .conftest import OpenPage

MAP_LINK = "svg.tcv-map__svg a"


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(ROOT / "data")[0]


def accessible_name(municipality: Municipality) -> str:
    return f"{municipality.name}: {labels.MEMBERSHIP[municipality.membership].lower()}"


def test_tab_goes_through_every_municipality_with_visible_focus(
    open_page: OpenPage, site: Site
) -> None:
    page = open_page("/" + urls.MUNICIPALITIES, DESKTOP)
    assert tab_until(page, MAP_LINK), "Tab never reaches the map"
    reached = []
    stop = focused(page)
    while stop is not None and page.evaluate("(s) => document.activeElement.matches(s)", MAP_LINK):
        assert stop.problem is None, stop.problem
        reached.append(stop.href)
        stop = tab(page)
    assert reached == [m.id + "/" for m in site.municipalities.values()]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["dator", "mobil"])
def test_each_link_is_named_by_its_municipality_and_state(
    open_page: OpenPage, site: Site, viewport: Viewport
) -> None:
    page = open_page("/" + urls.MUNICIPALITIES, viewport)
    svg = page.locator("svg.tcv-map__svg")
    for municipality in site.municipalities.values():
        link = svg.get_by_role("link", name=accessible_name(municipality), exact=True)
        assert link.count() == 1, accessible_name(municipality)
        assert link.get_attribute("href") == municipality.id + "/"
    assert page.get_by_role("link", name="Umeå: har skrivit avsiktsförklaring").count() == 1


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["dator", "mobil"])
def test_axe_finds_nothing_on_the_map_page_in_either_scheme(
    open_page: OpenPage, viewport: Viewport
) -> None:
    page = open_page("/" + urls.MUNICIPALITIES, viewport)
    page.evaluate(axe_source())
    schemes = {}
    for _ in range(2):
        scheme = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
        schemes[scheme] = [f"{v.rule}: {v.help} {v.elements}" for v in axe(page)]
        switch_scheme(page)
    assert set(schemes) == {"default", "slate"}
    assert schemes == {"default": [], "slate": []}


def checked_municipalities(page: Page) -> list[str]:
    return page.evaluate(
        "() => [...document.querySelectorAll('input[name=kommun]:checked')].map((i) => i.value)"
    )


def test_a_click_on_the_finder_map_filters_by_municipality(open_page: OpenPage, site: Site) -> None:
    """Also when the finder already shows another municipality: the link loads the page anew
    with ?kommun=umea, and finder.js applies it."""
    first = open_page("/" + urls.FINDER, DESKTOP)
    offered = first.evaluate(
        "() => [...document.querySelectorAll('input[name=kommun]')].map((i) => i.value)"
    )
    assert "umea" in offered and len(offered) > 1, "the test needs Umeå and one more to filter"
    count = first.locator('.tcv-card[data-kommun~="umea"]').count()
    other = next(m for m in offered if m != "umea")
    page = open_page("/" + finder.url_for_municipality(site, other), DESKTOP)
    assert checked_municipalities(page) == [other]
    page.locator(f'{MAP_LINK}[href*="kommun=umea"]').click()
    page.wait_for_url("**/utbildningar/?kommun=umea#resultat")
    page.wait_for_function(
        "() => document.querySelector('input[name=kommun][value=umea]')?.checked"
    )
    assert checked_municipalities(page) == ["umea"]
    word = "utbildning" if count == 1 else "utbildningar"
    assert page.locator("[data-tcv-status]").inner_text() == f"{count} {word} visas."
    assert page.locator(".tcv-card:visible").count() == count


def test_on_a_phone_the_finder_leaves_the_map_to_the_municipality_filter(
    open_page: OpenPage,
) -> None:
    page = open_page("/" + urls.FINDER, PHONE)
    assert page.locator("figure.tcv-map--finder").is_hidden()
    assert page.locator("input[name=kommun]").count() > 0


# The colours the browser draws, read from the page: the page itself, the plain and the strong
# fill (the stripes of a letter of intent are the strong colour on the plain one) and the labels.
_COLOURS = """
() => {
  const fill = (selector) => getComputedStyle(document.querySelector(selector)).fill;
  const probe = (name) => {
    const span = document.createElement("span");
    span.style.color = `var(${name})`;
    document.querySelector(".tcv-map").append(span);
    const colour = getComputedStyle(span).color;
    span.remove();
    return colour;
  };
  return {
    body: getComputedStyle(document.body).backgroundColor,
    plain: fill(".tcv-map__area--none path"),
    strong: fill(".tcv-map__swatch .tcv-map__area--member"),
    ground: fill(".tcv-map__ground"),
    stripe: fill(".tcv-map__stripe"),
    plain_text: fill(".tcv-map__area--none text"),
    striped_text: fill(".tcv-map__area--letter_of_intent text"),
    strong_text: probe("--tcv-map-strong-text"),
    focus: probe("--tcv-map-focus"),
    focus_text: probe("--tcv-map-focus-text"),
    halo: getComputedStyle(document.querySelector(".tcv-map__area--letter_of_intent text")).stroke,
  };
}
"""


def luminance(css: str) -> float:
    channels = [int(c) / 255 for c in css[css.index("(") + 1 : css.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_map_colours_meet_non_text_and_text_contrast_in_both_schemes(open_page: OpenPage) -> None:
    """WCAG 2.1 1.4.11 and 1.4.3, which axe-core does not measure inside SVG."""
    page = open_page("/" + urls.MUNICIPALITIES, DESKTOP)
    for _ in range(2):
        c = page.evaluate(_COLOURS)
        scheme = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
        background = c["body"]
        assert (c["ground"], c["stripe"]) == (c["plain"], c["strong"]), scheme
        assert contrast(c["plain"], background) >= 3, (scheme, c)  # areas and borders (gaps)
        assert contrast(c["strong"], background) >= 3, (scheme, c)
        assert contrast(c["strong"], c["plain"]) >= 3, (scheme, c)  # states and stripes
        assert contrast(c["plain_text"], c["plain"]) >= 4.5, (scheme, c)
        assert contrast(c["strong_text"], c["strong"]) >= 4.5, (scheme, c)
        assert contrast(c["focus_text"], c["focus"]) >= 4.5, (scheme, c)
        assert c["halo"] == c["plain"] and c["striped_text"] == c["plain_text"], (scheme, c)
        switch_scheme(page)


def test_without_scripts_the_finder_leaves_the_map_out(chromium: Browser, origin: str) -> None:
    context = chromium.new_context(
        viewport={"width": 1280, "height": 800}, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto(origin + "/" + urls.FINDER, wait_until="load")
        assert page.locator("figure.tcv-map--finder").count() == 1
        assert page.locator("figure.tcv-map--finder").is_hidden()
    finally:
        context.close()
