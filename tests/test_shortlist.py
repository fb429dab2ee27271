"""Mina val without a browser: every programme's facts are on the page, as the site shows them
elsewhere, and the page and the save buttons are where visitors find them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from test_official_pages import SOURCE, TODAY, synced_data  # noqa: F401 (a fixture)

from tcv import labels, shortlist, urls
from tcv.site import Site, load_site
from tcv.tooling.builtsite import soup

from conftest import FIXTURES, ROOT

FIXTURE_DAY = date(2026, 7, 1)  # the fixture site's build date (conftest.fixture_site)


@pytest.fixture(scope="module")
def model() -> Site:
    return load_site(ROOT / "data")[0]


@pytest.fixture(scope="module")
def fixture_model() -> Site:
    return load_site(FIXTURES / "minimal", FIXTURE_DAY)[0]


def page_data(site_dir: Path) -> dict[str, dict]:
    block = soup(site_dir, shortlist.URL).find("script", id=shortlist.DATA_ID)
    assert block is not None and block["type"] == "application/json"
    return json.loads(block.string)


def test_every_programme_in_the_model_has_the_facts_the_page_compares(
    real_site: Path, model: Site
) -> None:
    data = page_data(real_site)
    assert list(data) == list(model.programmes)
    for programme_id, facts in data.items():
        programme = model.programmes[programme_id]
        provider = model.provider_of(programme)
        assert facts["name"] == programme.name
        assert facts["school"] == provider.name
        assert facts["municipality"] == model.municipality_of(programme).name
        assert facts["form"] == labels.LEVELS[programme.level]
        assert facts["certification"], programme_id
        assert facts["certification_state"] in labels.CERTIFICATION
        page = real_site / urls.record("programme", programme_id) / "index.html"
        assert (real_site / shortlist.URL / facts["url"]).resolve() == page.parent.resolve()
        assert facts.get("partners", []) == [c.name for c in model.partners_of(programme)]


def test_the_facts_say_the_certification_as_the_site_does(fixture_model: Site) -> None:
    facts = shortlist.facts(fixture_model)
    assert facts["alfa-teknik"].certification == "Certifierad t.o.m. 30 juni 2029"
    assert facts["alfa-industri"].certification == "Certifieringen gick ut 31 maj 2026"
    assert facts["alfa-industri"].certification_state == "expired"
    assert facts["beta-automation"].certification == "Under granskning"


def test_length_partners_and_a_coming_deadline_come_from_the_data(fixture_model: Site) -> None:
    facts = shortlist.facts(fixture_model)
    teknik = facts["alfa-teknik"]
    assert teknik.orientation == "Produktionsteknik"
    assert teknik.partners == ["Verkstaden AB"]
    assert teknik.apply == shortlist.ApplyDate(
        "Sista ansökningsdag", "15 februari 2027", "2027-02-15", None
    )
    assert teknik.length is None  # the fixture gives no study.duration: nothing is made up
    assert facts["beta-automation"].partners == []


def test_skolverkets_admission_figures_come_with_their_source(synced_data: Path) -> None:  # noqa: F811
    site = load_site(synced_data, date.fromisoformat(TODAY))[0]
    facts = shortlist.facts(site)
    assert facts["alfa-teknik"].admission == [
        "Lägsta antagningspoäng 2026: 172,5",
        "Genomsnittlig antagningspoäng 2026: 205,3",
    ]
    assert facts["alfa-teknik"].admission_source == SOURCE
    assert facts["alfa-industri"].admission == []  # Skolverket does not list it
    assert facts["alfa-industri"].admission_source is None


def test_a_deadline_that_has_passed_is_not_offered(fixture_model: Site) -> None:
    later = load_site(FIXTURES / "minimal", date(2027, 2, 16))[0]
    assert shortlist.facts(later)["alfa-teknik"].apply is None


@dataclass(frozen=True)
class _Step:
    label: str
    on: date


@dataclass(frozen=True)
class _Outlook:
    year: int
    next: _Step | None


def test_upper_secondary_programmes_without_a_deadline_get_the_county_admission_date(
    fixture_model: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    step = _Step("Ansökan stänger", date(2027, 2, 1))
    monkeypatch.setattr(fixture_model, "admission_outlook", lambda: _Outlook(2027, step))
    facts = shortlist.facts(fixture_model)
    assert facts["alfa-industri"].apply == shortlist.ApplyDate(
        "Ansökan stänger", "1 februari 2027", "2027-02-01", "Gymnasievalet 2027"
    )
    assert facts["alfa-teknik"].apply.label == "Sista ansökningsdag"  # its own date first
    assert facts["beta-automation"].apply is None  # adult education: not the county's admission
    monkeypatch.setattr(fixture_model, "admission_outlook", lambda: _Outlook(2027, None))
    note = shortlist.facts(fixture_model)["alfa-industri"].apply
    assert note == shortlist.ApplyDate(
        None, None, None, "Datumen för gymnasievalet 2027 är inte publicerade här än"
    )


def test_the_data_block_cannot_be_closed_by_text_from_data() -> None:
    site = load_site(FIXTURES / "minimal", FIXTURE_DAY)[0]  # its own copy, changed below
    teknik = site.programmes["alfa-teknik"]
    site.programmes["alfa-teknik"] = teknik.model_copy(  # past validation, as a slip would be
        update={"name": "</script><script>alert(1)</script> & co"}
    )
    text = shortlist.data_block(site)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["alfa-teknik"]["name"] == "</script><script>alert(1)</script> & co"


def test_unknown_facts_are_left_out_of_the_json(fixture_site: Path) -> None:
    automation = page_data(fixture_site)["beta-automation"]
    assert not {"length", "partners", "admission", "admission_source", "apply"} & set(automation)


def test_the_page_is_in_the_menu_and_loads_only_its_own_script(fixture_site: Path) -> None:
    page = soup(fixture_site, shortlist.URL)
    menu = [a.get_text(strip=True) for a in page.select("nav.md-nav--primary a")]
    assert "Mina val" in menu
    scripts = [s["src"] for s in page.find_all("script", src=True) if "/tcv/" in s["src"]]
    assert sorted(scripts) == [
        "../assets/tcv/keyboard.js",
        "../assets/tcv/shortlist-page.js",
        "../assets/tcv/shortlist.js",
    ]
    assert page.find("script", type="module", src="../assets/tcv/shortlist-page.js")


def test_the_finder_loads_the_save_buttons_but_not_the_comparison(fixture_site: Path) -> None:
    page = soup(fixture_site, urls.FINDER)
    sources = {s["src"] for s in page.find_all("script", src=True)}
    sheets = {s["href"] for s in page.find_all("link", rel="stylesheet")}
    assert "../assets/tcv/shortlist.js" in sources
    assert "../assets/tcv/shortlist-page.js" not in sources
    assert "../assets/tcv/shortlist.css" in sheets
    assert "../assets/tcv/shortlist-page.css" not in sheets


def test_without_javascript_the_page_explains_and_every_control_is_hidden(
    fixture_site: Path,
) -> None:
    page = soup(fixture_site, shortlist.URL)
    notice = page.select_one("[data-tcv-shortlist-nojs]")
    assert "Mina val behöver JavaScript" in notice.get_text(" ", strip=True)
    assert notice.find("a", href="../utbildningar/")
    app = page.select_one("[data-tcv-shortlist-app]")
    assert app.has_attr("hidden")
    assert app.find_all("button")  # all of them inside the hidden part


def test_programme_pages_and_the_finder_carry_hidden_save_buttons(fixture_site: Path) -> None:
    programme = soup(fixture_site, urls.record("programme", "alfa-teknik"))
    box = programme.select_one("[data-tcv-save-box]")
    assert box.has_attr("hidden")
    button = box.find("button", attrs={"data-tcv-save": "alfa-teknik"})
    assert button["aria-pressed"] == "false" and button.get_text(strip=True) == "Spara i Mina val"
    assert box.find("a", string="Se Mina val")["href"] == "../../mina-val/"
    assert programme.find("script", src="../../assets/tcv/shortlist.js")
    finder = soup(fixture_site, urls.FINDER)
    cards = finder.select(".tcv-cards .tcv-card")
    saves = [c.select_one("[data-tcv-save]") for c in cards]
    assert all(s is not None and s.find_parent(attrs={"hidden": True}) for s in saves)
    names = [s["aria-label"] for s in saves]
    assert "Spara i Mina val: Teknikprogrammet, Alfaskolan" in names
    assert finder.find("script", src="../assets/tcv/shortlist.js")


def test_pages_that_do_not_load_the_script_show_no_save_button(fixture_site: Path) -> None:
    """Cards on a school's page list the same programmes, without the script: no button."""
    provider = soup(fixture_site, urls.record("provider", "alfaskolan"))
    assert provider.select(".tcv-card")
    assert not provider.select("[data-tcv-save]")


def test_the_privacy_page_names_the_key_and_how_to_remove_it(fixture_site: Path) -> None:
    text = soup(fixture_site, "integritet/").select_one("article").get_text(" ", strip=True)
    assert shortlist.STORAGE_KEY in text
    assert "Töm listan" in text


def test_the_script_uses_the_key_the_privacy_page_names() -> None:
    script = (ROOT / "theme_overrides" / shortlist.SCRIPT).read_text(encoding="utf-8")
    assert f'const KEY = "{shortlist.STORAGE_KEY}";' in script
    assert "document.cookie" not in script and "fetch(" not in script
