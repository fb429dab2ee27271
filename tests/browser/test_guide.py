"""The interest guide on /vad-passar-mig/ (assets/tcv/guide.js): answers in, the exact areas
out. Each answer gives points to areas; the guide names the best area and, when one is at
most a point behind, the runner-up (never more than two), ties in the order the areas first
got points. Each set below is worked out by hand from the points in guide.js."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from .conftest import OpenPage

URL = "/vad-passar-mig/"


@dataclass(frozen=True)
class Case:
    name: str
    answers: dict[int, int]  # question index → answer index, both from 0
    areas: tuple[str, ...]  # the result, best first (ids of the area headings)
    names: str  # what the result's first sentence names


CASES = [
    # produktion 2 + (produktion 2, automation 1) + produktion 2 → produktion 6, automation 1
    Case("alla svar om produktion", {0: 0, 1: 0, 2: 0}, ("produktion",), "produktion"),
    # digitalisering 2 + (teknik 2, digitalisering 1) + (digitalisering 2, automation 1)
    # → digitalisering 5, teknik 2, automation 1
    Case("mest data", {0: 4, 1: 1, 2: 4}, ("digitalisering",), "digitalisering"),
    # energi 2 + (energi 2, automation 1) + (automation 2, produktion 1)
    # → energi 4, automation 3 (one behind: named too), produktion 1
    Case(
        "energi och automation",
        {0: 3, 1: 2, 2: 1},
        ("energi", "automation"),
        "energi och automation",
    ),
    # only the last question: teknik 2
    Case("bara en fråga", {2: 2}, ("teknik",), "teknik"),
    # produktion 2, teknik 2: a tie keeps the order in which the areas first got points
    Case("lika många poäng", {0: 0, 2: 2}, ("produktion", "teknik"), "produktion och teknik"),
    # teknik 2 + (automation 2, produktion 1) + energi 2 → three areas at 2: only two named
    Case(
        "högst två områden", {0: 2, 1: 3, 2: 3}, ("teknik", "automation"), "teknik och automation"
    ),
]


def lower_first(text: str) -> str:
    """As the guide writes an occupation inside a sentence: 'Svetsare' → 'svetsare', but
    'CNC-operatör' keeps its capitals."""
    if len(text) > 1 and text[1] != text[1].lower():
        return text
    return text[:1].lower() + text[1:]


def names(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} och {items[-1]}"


def answer(page: Page, answers: dict[int, int]) -> None:
    for question, choice in answers.items():
        page.check(f"#tcv-guide-q{question}-a{choice}")
    page.click(".tcv-guide__form button[type=submit]")
    page.wait_for_selector(".tcv-guide__result p")


def occupations_on_the_page(page: Page, area: str) -> list[str]:
    """The occupations listed under the area's own heading, which the result repeats."""
    return page.evaluate(
        """(id) => {
          for (let node = document.getElementById(id).nextElementSibling; node;
               node = node.nextElementSibling) {
            if (/^H[1-3]$/.test(node.tagName)) return [];
            if (node.tagName === "UL") return [...node.querySelectorAll("li")].map((li) => li.textContent.trim());
          }
          return [];
        }""",
        area,
    )


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_answer_set_gives_its_areas(open_page: OpenPage, case: Case) -> None:
    page = open_page(URL)
    answer(page, case.answers)
    result = page.locator(".tcv-guide__result")
    assert result.locator("p").first.inner_text() == f"Det här kan passa dig: {case.names}."
    assert result.locator("strong").inner_text() == case.names
    # One item per area, linking to the area's section, with its occupations from the page.
    items = result.locator("ul > li")
    assert items.count() == len(case.areas)
    for i, area in enumerate(case.areas):
        item = items.nth(i)
        assert item.locator("a").get_attribute("href") == f"#{area}"
        occupations = [lower_first(o) for o in occupations_on_the_page(page, area)]
        expected = f"Om {area}: till exempel {names(occupations)}." if occupations else f"Om {area}"
        assert item.inner_text() == expected
    # One finder link per area, filtered by it; the best one is the primary button.
    links = result.locator(".tcv-guide__links a")
    assert links.count() == len(case.areas)
    for i, area in enumerate(case.areas):
        link = links.nth(i)
        href = urlsplit(link.get_attribute("href") or "")
        assert (href.path, href.query) == ("/utbildningar/", f"omrade={area}")
        assert link.inner_text() == f"Se utbildningar inom {area}"
        primary = "md-button--primary" in (link.get_attribute("class") or "")
        assert primary == (i == 0)


def test_no_answer_asks_for_one(open_page: OpenPage) -> None:
    page = open_page(URL)
    answer(page, {})
    result = page.locator(".tcv-guide__result")
    assert result.inner_text().strip() == "Välj ett svar på minst en av frågorna först."
    assert result.locator("a").count() == 0


def test_the_result_is_announced_and_cleared_by_starting_over(open_page: OpenPage) -> None:
    page = open_page(URL)
    answer(page, {0: 0})
    result = page.locator(".tcv-guide__result")
    assert result.get_attribute("aria-live") == "polite"
    page.click(".tcv-guide__form button[type=reset]")
    page.wait_for_function("() => document.querySelector('.tcv-guide__result').textContent === ''")
    assert not page.is_checked("#tcv-guide-q0-a0")
