"""What the generated pages say: structured data, the finder's markup, progress, open data,
occupations and role-model stories."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from tcv.export import TABLES, validate_package
from tcv.site import load_site
from tcv.tooling.builtsite import pages, soup

from conftest import ROOT, BuildFailed, build_site
from test_validation import messages

PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture(scope="module")
def model():
    site, _ = load_site(ROOT / "data")
    return site


def jsonld(site: Path, url: str) -> dict:
    scripts = soup(site, url).find_all("script", type="application/ld+json")
    assert len(scripts) == 1, url
    return json.loads(scripts[0].string)


def test_every_programme_page_carries_jsonld_naming_its_provider(real_site: Path, model) -> None:
    for programme in model.programmes.values():
        data = jsonld(real_site, f"utbildningar/{programme.id}/")
        assert data["@type"] == "EducationalOccupationalProgram"
        assert data["name"] == programme.name
        assert data["provider"]["@type"] == "EducationalOrganization"
        assert data["provider"]["name"] == model.providers[programme.provider].name


def test_jsonld_cannot_be_closed_by_text_from_data(data_copy: Path, tmp_path: Path) -> None:
    path = data_copy / "programmes/alfa-teknik.yml"
    path.write_text(
        path.read_text().replace(
            "summary: Ett certifierat testprogram.", 'summary: "Test & </script> slut"'
        )
    )
    assert (
        "programmes/alfa-teknik.yml:20: summary: får inte innehålla < eller > — skriv vanlig text utan HTML"
        in messages(data_copy)
    )
    path.write_text(path.read_text().replace('"Test & </script> slut"', '"Test & slut"'))
    site = build_site(data_copy, tmp_path / "site", today="2026-07-01")
    raw = (site / "utbildningar/alfa-teknik/index.html").read_text()
    assert '"description":"Test \\u0026 slut"' in raw
    assert jsonld(site, "utbildningar/alfa-teknik/")["description"] == "Test & slut"


def test_every_page_has_opengraph_tags(real_site: Path) -> None:
    for page in pages(real_site):
        if page.name == "404.html":
            continue
        document = soup(real_site, page.relative_to(real_site).as_posix())
        for prop in ("og:title", "og:description", "og:locale", "og:site_name"):
            tag = document.find("meta", property=prop)
            assert tag and tag["content"].strip(), (page, prop)


def test_the_finder_gives_each_card_its_filter_values(fixture_site: Path) -> None:
    page = soup(fixture_site, "utbildningar/")
    cards = {card.a["href"]: card for card in page.select(".tcv-card")}
    expected = {
        "data-kommun": "alfa",
        "data-niva": "gymnasium",
        "data-omrade": "produktion",
        "data-certifiering": "utgangen",
        "data-distans": "nej",
    }
    assert {k: cards["alfa-industri/"][k] for k in expected} == expected
    assert cards["beta-automation/"]["data-takt"] == "deltid"
    assert cards["beta-automation/"]["data-distans"] == "ja"


def test_the_finder_offers_only_filters_that_have_programmes(
    fixture_site: Path, real_site: Path
) -> None:
    legends = [legend.get_text() for legend in soup(fixture_site, "utbildningar/").select("legend")]
    assert legends == ["Kommun", "Form", "Område", "Certifiering", "Studietakt", "Distans"]
    real = [legend.get_text() for legend in soup(real_site, "utbildningar/").select("legend")]
    assert real == ["Kommun", "Form", "Område", "Certifiering"]  # no pace or distance data yet
    labels = [
        label.get_text(" ", strip=True)
        for label in soup(fixture_site, "utbildningar/").select("fieldset:first-of-type label")
    ]
    assert labels == ["Alfa (2)", "Beta (1)"]


def test_the_finder_filters_without_javascript_through_css(fixture_site: Path) -> None:
    style = soup(fixture_site, "utbildningar/").head.find("style").string
    assert (
        '.tcv-finder:not(.is-js):has([name="kommun"]:checked):not(:has(#f-kommun-alfa:checked)) '
        '.tcv-card[data-kommun~="alfa"]'
    ) in style
    assert (
        '.tcv-finder:not(.is-js):has(#f-omrade-teknik:checked) .tcv-card:not([data-omrade~="teknik"])'
        in style
    )


def test_the_progress_page_adds_up_the_financing_of_the_grant_decision(real_site: Path) -> None:
    page = soup(real_site, "framsteg/")
    table = page.find("caption", string="Projektets finansiering").find_parent("table")
    rows = {
        row.th.get_text(strip=True): row.find_all("td")[0].get_text(strip=True)
        for row in table.select("tbody tr")
    }
    assert rows == {
        "Region Västerbotten": "2\u00a0126\u00a0526\u00a0kr",
        "Lycksele kommun": "156\u00a0250\u00a0kr",
        "Skellefteå kommun": "156\u00a0250\u00a0kr",
        "Umeå kommun": "156\u00a0250\u00a0kr",
        "26 företag": "1\u00a0662\u00a0505\u00a0kr",
    }
    assert table.tfoot.get_text(" ", strip=True) == "Totalt 4\u00a0257\u00a0781\u00a0kr 100\u00a0%"
    figures = page.select_one(".tcv-figures").get_text(" ", strip=True)
    assert "0 av 3 kommuner anslutna (3 har skrivit avsiktsförklaring)" in figures
    assert "0 av 6 certifierade utbildningar" in figures


def test_progress_per_municipality_is_computed_from_the_build_date(fixture_site: Path) -> None:
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        for row in soup(fixture_site, "framsteg/")
        .find("caption")
        .find_parent("table")
        .tbody.find_all("tr")
    ]
    # Alfa has two certified programmes on paper, but one ran out on 2026-05-31.
    assert rows == [
        ["Alfa", "Ansluten", "1 av 2", "0"],
        ["Beta", "Har skrivit avsiktsförklaring", "0 av 2", "1"],
    ]


def test_the_companies_page_separates_co_financiers_from_letters_of_intent(real_site: Path) -> None:
    page = soup(real_site, "foretag/")
    assert page.find(id="medfinansiarer").get_text() == "Medfinansiärer (26)"
    assert (
        page.find(id="avsiktsforklaringar").get_text()
        == "Avsiktsförklaringar utan medfinansiering (8)"
    )


def test_the_open_data_package_is_valid_and_has_a_row_per_record(real_site: Path, model) -> None:
    assert validate_package(real_site / "data/datapackage.json") == []
    descriptor = json.loads((real_site / "data/datapackage.json").read_text())
    assert descriptor["licenses"][0]["name"] == "CC0-1.0"
    counts = {}
    for table in TABLES:
        with (real_site / "data" / table.path).open(encoding="utf-8") as handle:
            counts[table.name] = sum(1 for _ in csv.DictReader(handle))
    assert counts["municipalities"] == len(model.municipalities) == 15
    assert counts["providers"] == len(model.providers)
    assert counts["programmes"] == len(model.programmes)
    assert counts["companies"] == len(model.companies) == 34
    assert counts["occupations"] == len(model.occupations)
    assert counts["programme_partners"] == sum(len(p.partners) for p in model.programmes.values())
    links = {a["href"] for a in soup(real_site, "data/").select("article a[href]")}
    assert {"datapackage.json", *(t.path for t in TABLES)} <= links


def test_a_broken_export_fails_validation(real_site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(real_site / "data", copy)
    rows = (copy / "programmes.csv").read_text().splitlines()
    rows[1] = rows[1].replace(",gymnasium,", ",gymnasiet,", 1)
    (copy / "programmes.csv").write_text("\n".join(rows) + "\n")
    problems = validate_package(copy / "datapackage.json")
    assert problems == [
        'programmes: rad 2: The cell "gymnasiet" in row at position "2" and field "level" at '
        'position "4" does not conform to a constraint: constraint "enum" is "[\'gymnasium\', '
        "'larling', 'vuxenutbildning', 'yrkeshogskola']\""
    ]


def test_occupations_and_programmes_link_both_ways(real_site: Path, model) -> None:
    for occupation in model.occupations.values():
        page = {
            a["href"] for a in soup(real_site, f"yrken/{occupation.id}/").select("article a[href]")
        }
        for programme in occupation.programmes:
            assert f"../../utbildningar/{programme}/" in page
            back = {
                a["href"]
                for a in soup(real_site, f"utbildningar/{programme}/").select("article a[href]")
            }
            assert f"../../yrken/{occupation.id}/" in back


def test_english_occupation_pages_are_in_english(real_site: Path, model) -> None:
    for occupation in model.occupations.values():
        if occupation.english:
            page = soup(real_site, f"en/occupations/{occupation.id}/")
            assert page.html["lang"] == "en"
            assert page.h1.get_text() == occupation.english.name
            assert page.find("a", hreflang="sv")["href"] == f"../../../yrken/{occupation.id}/"


def test_no_role_model_section_appears_before_a_real_story_lands(real_site: Path, model) -> None:
    assert not model.role_models
    assert not (real_site / "forebilder").exists()


STORY = """\
name: Testa Testsson
role: Automationstekniker
employer: verkstaden
programme: alfa-teknik
quote: Jag fick jobb direkt.
story: Testa gick teknikprogrammet och jobbar nu med robotar.
audiences: [flickor_kvinnor]
consent_on: 2026-05-01
verified_on: 2026-06-01
"""


def test_a_story_with_consent_gets_its_page(data_copy: Path, tmp_path: Path) -> None:
    (data_copy / "role_models").mkdir(exist_ok=True)
    (data_copy / "role_models/testa.yml").write_text(
        STORY + "image:\n  src: testa.png\n  alt: Testa vid en robotcell\n  width: 1\n  height: 1\n"
    )
    (data_copy / "role_models/testa.png").write_bytes(PNG_1PX)
    site = build_site(data_copy, tmp_path / "site", today="2026-07-01")
    page = soup(site, "forebilder/testa/")
    assert page.h1.get_text() == "Testa Testsson"
    image = page.select_one("article img")
    assert (image["alt"], image["width"], image["height"]) == ("Testa vid en robotcell", "1", "1")
    assert (site / "forebilder/testa.png").read_bytes() == PNG_1PX
    assert "Publicerad med Testa Testssons samtycke, givet 1 maj 2026." in " ".join(
        page.get_text().split()
    )
    assert "testa/" in {a["href"] for a in soup(site, "forebilder/").select("article a")}


def test_a_story_without_recorded_consent_is_refused(data_copy: Path, tmp_path: Path) -> None:
    (data_copy / "role_models").mkdir(exist_ok=True)
    (data_copy / "role_models/testa.yml").write_text(STORY.replace("consent_on: 2026-05-01\n", ""))
    assert (
        "role_models/testa.yml:1: consent_on: obligatoriskt fält saknas — lägg till 'consent_on:' med ett värde"
        in messages(data_copy)
    )
    with pytest.raises(BuildFailed) as failure:
        build_site(data_copy, tmp_path / "site", today="2026-07-01")
    assert "role_models/testa.yml:1: consent_on: obligatoriskt fält saknas" in failure.value.output


def test_an_image_without_alt_text_is_refused(data_copy: Path) -> None:
    (data_copy / "role_models").mkdir(exist_ok=True)
    (data_copy / "role_models/testa.yml").write_text(
        STORY + "image:\n  src: testa.png\n  width: 1\n  height: 1\n"
    )
    (data_copy / "role_models/testa.png").write_bytes(PNG_1PX)
    assert (
        "role_models/testa.yml:10: image.alt: obligatoriskt fält saknas — lägg till 'alt:' med ett värde"
        in messages(data_copy)
    )


def test_an_image_that_is_not_there_is_refused(data_copy: Path) -> None:
    (data_copy / "role_models").mkdir(exist_ok=True)
    (data_copy / "role_models/testa.yml").write_text(
        STORY + "image:\n  src: testa.webp\n  alt: Testa\n  width: 1\n  height: 1\n"
    )
    assert (
        "role_models/testa.yml:11: image.src: bilden 'testa.webp' finns inte — lägg bildfilen bredvid berättelsen i data/role_models/"
        in messages(data_copy)
    )
