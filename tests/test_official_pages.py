"""The official snapshots on the site (issue #12): the finder, municipality and school pages list
every technical programme Skolverket lists next to the editors' own, programme pages show
Skolverket's figures with their year and source, occupation pages Arbetsförmedlingen's outlook,
and validation compares the editors' data with the snapshots. The snapshots are written by the
real `tcv sync` from the fictitious fixture server of test_sync.py, into a copy of
tests/fixtures/minimal; nothing here reads or writes data/."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from bs4 import Tag
from test_sync import FixtureApi

from tcv import urls
from tcv.cli import main
from tcv.offerings import https_or_none
from tcv.official import OFFICIAL_FOLDER, SNAPSHOT_FILES, read_snapshot, write_snapshot
from tcv.site import load_site, validate
from tcv.tooling.builtsite import pages, soup, url_of

from conftest import FIXTURES, ROOT, build_site
from conftest import validate as run_validate

FETCHED = datetime(2026, 12, 7, 5, 30, tzinfo=UTC)
TODAY = "2026-12-08"
SOURCE = "Källa: Skolverket, hämtat 7 december 2026"

OCCUPATION = """\
# Testdata.
name: Exempelsvetsare
areas: [produktion]
summary: Ett påhittat yrke för testerna.
what_you_do: Påhittad text om vad man gör.
a_day_at_work: Påhittad text om en arbetsdag.
concept_id: exmp_Svet_001
"""


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def sync_from_fixture_server(data_dir: Path) -> None:
    """Run the real sync against the fixture server, then pin the fetch time of every snapshot
    so that pages can be compared word for word."""
    api = FixtureApi()
    api.thread.start()
    try:
        with pytest.MonkeyPatch.context() as patch:
            for name in ("TCV_SKOLVERKET_API", "TCV_AF_DATA"):
                patch.setenv(name, api.url)
            patch.setenv("TCV_SYNC_DELAY", "0")
            patch.setenv("TCV_SYNC_RETRY_WAIT", "0")
            with contextlib.redirect_stdout(io.StringIO()):  # the change summary
                assert main(["sync", "--data", str(data_dir)]) == 0
    finally:
        api.server.shutdown()
        api.server.server_close()
    for name, model in SNAPSHOT_FILES.items():
        path = data_dir / OFFICIAL_FOLDER / name
        snapshot = read_snapshot(path, model)
        assert snapshot is not None
        write_snapshot(path, snapshot.model_copy(update={"fetched_at": FETCHED}))


@pytest.fixture(scope="module")
def synced_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal fixture with snapshots, made consistent with them: Alfaskolan is school unit
    99999901 (where Skolverket lists TE and EE), its IN programme has no programme code, the data
    is preliminary (so the notice shows), and an occupation has a concept id."""
    data = tmp_path_factory.mktemp("official") / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    sync_from_fixture_server(data)
    replace(data / "providers/alfaskolan.yml", '"01234567"', '"99999901"')
    replace(data / "programmes/alfa-industri.yml", "programme_code: IN\n", "")
    replace(
        data / "region.yml", "programme_data_preliminary: false", "programme_data_preliminary: true"
    )
    (data / "occupations").mkdir()
    (data / "occupations/exempelsvetsare.yml").write_text(OCCUPATION, encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def official_site(synced_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(synced_data, tmp_path_factory.mktemp("official-site") / "site", today=TODAY)


@pytest.fixture
def synced_copy(synced_data: Path, tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(synced_data, target)
    return target


def text(element: Tag | None) -> str:
    assert element is not None
    return " ".join(element.get_text().split())


def cards(site: Path, url: str) -> dict[str, Tag]:
    """The cards of a listing by 'title | meta', so that two programmes of one name differ."""
    found = {}
    for card in soup(site, url).select(".tcv-card"):
        title = text(card.select_one(".tcv-card__title"))
        found[f"{title} | {text(card.select_one('.tcv-card__meta'))}"] = card
    return found


# --- The finder ---------------------------------------------------------------------------------


def test_the_finder_lists_skolverkets_programmes_next_to_the_curated_ones(
    official_site: Path,
) -> None:
    listed = cards(official_site, urls.FINDER)
    assert list(listed) == [
        "El- och energiprogrammet | Alfaskolan, Alfa · Gymnasium",
        "Industritekniska programmet | Alfaskolan, Alfa · Gymnasium",
        "Teknikprogrammet | Alfaskolan, Alfa · Gymnasium",
        "Industritekniska programmet | Provgymnasiet, Alfa · Lärling på gymnasiet",
        "Automationsingenjör | Exempel Yrkeshögskola AB, Alfa · Yrkeshögskola",
        "Svetsare | Alfa kommun, Alfa · Vuxenutbildning (Komvux)",
        "Automationstekniker | Betavux, Beta · Vuxenutbildning (Komvux)",
        "El- och energiprogrammet | Övningsgymnasiet, Beta · Gymnasium",
        "Industritekniska programmet | Övningsgymnasiet, Beta · Gymnasium",
        "Elektriker, lärlingsutbildning | Beta kommun, Beta · Vuxenutbildning (Komvux)",
    ]  # Skolverket's TE at 99999901 is Alfaskolan's own Teknikprogrammet: listed once
    lead = text(soup(official_site, urls.FINDER).select_one(".tcv-lead"))
    assert "Här finns 10 utbildningar hos 7 skolor." in lead


def test_a_programme_only_skolverket_lists_is_not_certified_and_names_its_source(
    official_site: Path,
) -> None:
    listed = cards(official_site, urls.FINDER)
    ovning = listed["Industritekniska programmet | Övningsgymnasiet, Beta · Gymnasium"]
    assert text(ovning.select_one(".tcv-card__summary")) == (
        "Skolverket listar programmet bland planerade utbildningar läsåret 2027/28, "
        f"inriktningar: Produkt- och maskinteknik. Lägsta antagningspoäng 2026: 140,0. {SOURCE}."
    )
    assert text(ovning.select_one(".tcv-badge")) == "Inte certifierad"
    assert ovning["data-certifiering"] == "inte-certifierad"
    assert (ovning["data-kommun"], ovning["data-niva"], ovning["data-omrade"]) == (
        "beta",
        "gymnasium",
        "produktion",
    )
    school = ovning.select_one(".tcv-card__meta a")
    assert school["href"] == "https://ovningsgymnasiet.example.se"  # from the register, https
    curated = listed["Teknikprogrammet | Alfaskolan, Alfa · Gymnasium"]
    assert text(curated.select_one(".tcv-badge")) == "Certifierad"


def test_a_figure_skolverket_withholds_or_lacks_says_so(official_site: Path) -> None:
    listed = cards(official_site, urls.FINDER)
    summaries = {key: text(card.select_one(".tcv-card__summary")) for key, card in listed.items()}
    assert (
        "Lägsta antagningspoäng 2026: uppgift saknas (för få elever)."
        in summaries["Industritekniska programmet | Provgymnasiet, Alfa · Lärling på gymnasiet"]
    )
    assert (
        "Lägsta antagningspoäng: uppgift saknas."
        in summaries["El- och energiprogrammet | Övningsgymnasiet, Beta · Gymnasium"]
    )


def test_adult_education_shows_its_next_application_date(official_site: Path) -> None:
    listed = cards(official_site, urls.FINDER)
    welder = listed["Svetsare | Alfa kommun, Alfa · Vuxenutbildning (Komvux)"]
    assert text(welder.select_one(".tcv-card__summary")) == (
        "Start: 11 januari 2027. Studietakt: 100 %. Sista ansökningsdag: 15 december 2026. "
        f"{SOURCE}."
    )
    rolling = listed[
        "Elektriker, lärlingsutbildning | Beta kommun, Beta · Vuxenutbildning (Komvux)"
    ]
    assert text(rolling.select_one(".tcv-card__summary")) == (
        "Start: löpande start. Studietakt: uppgift saknas. Sista ansökningsdag: uppgift saknas. "
        f"{SOURCE}."
    )
    assert (welder["data-niva"], welder["data-takt"]) == ("vuxenutbildning", "heltid")


def test_a_last_application_date_that_has_passed_is_not_offered_as_the_next(
    synced_data: Path,
) -> None:
    site, _ = load_site(synced_data, date(2026, 12, 16))
    (welder,) = [a for a in site.offerings.adult_offers if a.event.title == "Svetsare"]
    assert welder.application_text(site.today) == (
        "sista ansökningsdagen (15 december 2026) har passerat"
    )


def test_every_count_of_programmes_counts_the_official_ones_too(official_site: Path) -> None:
    start = [text(f) for f in soup(official_site, "").select(".tcv-figure")]
    assert (
        "10 tekniska utbildningar på webbplatsen hittills (från Skolverkets öppna data och "
        "redaktionen)" in start
    )
    progress = [text(f) for f in soup(official_site, urls.PROGRESS).select(".tcv-figure")]
    assert (
        "10 utbildningar på webbplatsen, certifierade eller inte (från Skolverkets öppna data "
        "och redaktionen)" in progress
    )
    table = soup(official_site, urls.MUNICIPALITIES).select("table tbody tr")
    counts = {text(row.th): text(row.select("td")[-1]) for row in table}
    assert counts == {"Alfa": "6", "Beta": "4", "Gamma": "0"}
    schools = [text(li) for li in soup(official_site, urls.PROVIDERS).select("article li")]
    assert "Alfaskolan – gymnasieskola, 3 utbildningar" in schools


# --- Programme, school, municipality and occupation pages ---------------------------------------


def test_a_programme_page_shows_skolverkets_figures_with_year_and_source(
    official_site: Path,
) -> None:
    page = soup(official_site, urls.record("programme", "alfa-teknik"))
    assert text(page.select_one("#skolverket + p")) == (
        "Skolverket listar Teknikprogrammet vid Exempelgymnasiet (skolenhetskod 99999901) bland "
        "planerade utbildningar läsåret 2027/28, med inriktningarna Design och produktutveckling "
        "och Produktionsteknik."
    )
    assert [text(li) for li in page.select(".tcv-official-figures li")] == [
        f"Lägsta antagningspoäng 2026: 172,5 — {SOURCE}",
        f"Genomsnittlig antagningspoäng 2026: 205,3 — {SOURCE}",
        f"Andel med examen inom 3 år 2024/25: cirka 100 % — {SOURCE}",
        f"Andel med examen inom 3 år 2023/24: 81,3 % — {SOURCE}",
        f"Andel lärare med legitimation och behörighet 2025/26: 96,6 % — {SOURCE}",
    ]
    # The fixture server is plain http on localhost: named as the source, never linked.
    source = page.select_one(".tcv-official-figures + .tcv-verified")
    assert text(source) == (
        "Källa: Skolverket, Planerade utbildningar (Planned Educations API), hämtat 7 december 2026."
    )
    assert source.find("a") is None


def test_a_programme_skolverket_does_not_list_has_no_figures(official_site: Path) -> None:
    page = soup(official_site, urls.record("programme", "alfa-industri"))
    assert page.select_one("#skolverket") is None


def test_the_school_page_lists_what_skolverket_lists_there_too(official_site: Path) -> None:
    listed = cards(official_site, urls.record("provider", "alfaskolan"))
    assert list(listed) == [
        "Industritekniska programmet | Alfaskolan, Alfa · Gymnasium",
        "Teknikprogrammet | Alfaskolan, Alfa · Gymnasium",
        "El- och energiprogrammet | Alfaskolan, Alfa · Gymnasium",
    ]


def test_the_municipality_overview_lists_every_official_programme_with_its_certification(
    official_site: Path,
) -> None:
    page = soup(official_site, urls.record("municipality", "beta"))
    tables = page.select("table")
    rows = [[text(cell) for cell in row.select("th, td")] for row in tables[0].select("tbody tr")]
    assert rows == [
        ["Automationstekniker", "Betavux", "Vuxenutbildning (Komvux)", "Under granskning"],
        ["El- och energiprogrammet", "Övningsgymnasiet", "Gymnasium", "Inte certifierad"],
        [
            "Industritekniska programmet (produkt- och maskinteknik)",
            "Övningsgymnasiet",
            "Gymnasium",
            "Inte certifierad",
        ],
    ]
    assert text(tables[0].find_next("p")) == (
        "Utbildningarna utan egen sida listar Skolverket bland planerade utbildningar läsåret "
        f"2027/28. {SOURCE}."
    )
    adults = [[text(cell) for cell in row.select("th, td")] for row in tables[1].select("tbody tr")]
    assert adults == [
        [
            "Elektriker, lärlingsutbildning",
            "Beta kommun",
            "löpande start",
            "uppgift saknas",
            "uppgift saknas",
        ]
    ]
    assert text(tables[1].caption) == f"Tekniska utbildningar för vuxna i Beta. {SOURCE}."


def test_an_occupation_page_shows_the_outlook_for_the_county_and_sweden_with_its_round(
    official_site: Path,
) -> None:
    page = soup(official_site, urls.record("occupation", "exempelsvetsare"))
    table = page.select_one("table.tcv-outlook")
    assert [text(th) for th in table.select("thead th")] == [
        "Var",
        "Jobbmöjligheter",
        "Rekryteringssituation",
        "Efterfrågan på arbetskraft på fem års sikt",
        "Omgång",
    ]
    assert [[text(c) for c in row.select("th, td")] for row in table.select("tbody tr")] == [
        ["Län 99", "medelstora", "balans", "väntas vara oförändrad", "2026-2"],
        ["Hela Sverige", "stora", "brist", "väntas öka", "2026-2"],
    ]
    assert text(table.find_next("p")) == (
        "Källa: Arbetsförmedlingen, Yrkesbarometern, hämtat 7 december 2026."
    )


def test_the_notice_says_the_list_comes_from_skolverket_and_when(official_site: Path) -> None:
    notice = text(soup(official_site, urls.FINDER).select_one(".tcv-preliminary"))
    assert (
        "Listan bygger på Skolverkets öppna data om planerade utbildningar, hämtade 7 december "
        "2026, och på redaktionens tillägg: den tar upp 10 utbildningar, och uppgifterna kan ha "
        "ändrats."
    ) in notice
    assert "inte komplett" not in notice


def test_the_open_data_package_carries_the_official_rows_with_their_source(
    official_site: Path,
) -> None:
    package = json.loads((official_site / urls.OPEN_DATA / "datapackage.json").read_text())
    resources = {r["name"]: r for r in package["resources"]}
    official = resources["official_programmes"]
    assert official["sources"] == [
        {"title": "Skolverket: Planerade utbildningar (Planned Educations API)"}
    ]
    assert official["description"].startswith(f"{SOURCE}.")
    assert resources["occupation_outlooks"]["description"].endswith("(CC0 1.0).")
    rows = (official_site / urls.OPEN_DATA / "official_programmes.csv").read_text().splitlines()
    assert rows[2] == (
        "99999901,Exempelgymnasiet,alfa,TE,Teknikprogrammet,2027/28,"
        "TEDES: Design och produktutveckling; TEPRO: Produktionsteknik,gymnasium,alfa-teknik,"
        "Skolverket,2026-12-07"
    )
    figures = (official_site / urls.OPEN_DATA / "official_figures.csv").read_text()
    assert (
        "99999901,TE,exam_within_3_years,1,2024/25,100,rounded,~100,Skolverket,2026-12-07"
        in figures
    )


# --- Validation ---------------------------------------------------------------------------------


def messages(data_dir: Path) -> list[str]:
    """What `tcv validate` prints, with paths relative to the data folder."""
    result = run_validate(data_dir, today=TODAY)
    return result.stdout.replace(str(data_dir) + "/", "").splitlines()


def test_a_curated_programme_skolverket_does_not_list_fails_validation_on_its_line(
    synced_copy: Path,
) -> None:
    replace(
        synced_copy / "programmes/alfa-industri.yml",
        "level: gymnasium\n",
        "level: gymnasium\nprogramme_code: IN\n",
    )
    result = run_validate(synced_copy, today=TODAY)
    assert result.returncode == 1
    assert messages(synced_copy)[0] == (
        "programmes/alfa-industri.yml:5: programme_code: Skolverket listar inte IN vid skolenhet "
        "99999901 läsåret 2027/28 — där listar Skolverket EE och TE (hämtat 7 december 2026); "
        "rätta programme_code eller anordnarens school_unit_code, eller ta bort utbildningen om "
        "den inte längre ges"
    )


def test_a_snapshot_edited_by_hand_is_a_problem_not_a_traceback(synced_copy: Path) -> None:
    path = synced_copy / OFFICIAL_FOLDER / "skolverket-school-units.json"
    replace(path, '"AKTIV"', '"VILANDE"')
    result = run_validate(synced_copy, today=TODAY)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert [m for m in messages(synced_copy) if "ögonblicksbilden" in m] == [
        "official/skolverket-school-units.json:1: school_units.0.status: ögonblicksbilden "
        "stämmer inte med modellen (Input should be 'AKTIV') — filen skrivs bara av scripts/sync; "
        "ändra den inte för hand, hämta den igen"
    ]


def test_an_occupation_whose_concept_id_arbetsformedlingen_does_not_know_is_warned_about(
    synced_copy: Path,
) -> None:
    replace(synced_copy / "occupations/exempelsvetsare.yml", "exmp_Svet_001", "exmp_Okand_9")
    _, problems = validate(synced_copy, date.fromisoformat(TODAY))
    shown = [str(p).replace(str(synced_copy) + "/", "") for p in problems]
    assert (
        "occupations/exempelsvetsare.yml:7: varning: concept_id: Yrkesbarometern har ingen "
        "bedömning för begreppet exmp_Okand_9 (hämtat 7 december 2026) — kontrollera id:t hos "
        "Arbetsförmedlingen (yb_concept_id) eller ta bort concept_id"
    ) in shown


def test_a_register_address_is_linked_only_when_it_is_https(synced_copy: Path) -> None:
    path = synced_copy / OFFICIAL_FOLDER / "skolverket-school-units.json"
    replace(path, '"https://ovningsgymnasiet.example.se"', '"javascript:alert(1)"')
    site, _ = load_site(synced_copy, date.fromisoformat(TODAY))
    websites = {
        (o.unit.code, o.programme_code): o.website for o in site.offerings.official_programmes
    }
    assert websites[("99999904", "IN")] is None
    assert websites[("99999902", "IN")] is None  # no address in the register
    assert https_or_none("http://example.se") is None
    assert https_or_none("https://example.se/skola") == "https://example.se/skola"


# --- Without snapshots nothing changes ----------------------------------------------------------


def official_traces(site: Path) -> Iterator[str]:
    for page in pages(site):
        document = soup(site, url_of(site, page))
        if document.select(".tcv-card--official, .tcv-official-figures, .tcv-outlook, #skolverket"):
            yield url_of(site, page)


def test_without_snapshots_the_fixture_site_shows_no_official_data(fixture_site: Path) -> None:
    assert list(official_traces(fixture_site)) == []
    assert not list((fixture_site / urls.OPEN_DATA).glob("official_*"))


def test_the_real_site_shows_no_official_figures_while_data_has_no_snapshot(
    real_site: Path,
) -> None:
    if (ROOT / "data" / OFFICIAL_FOLDER).exists():
        pytest.skip("data/official/ exists: the real site now shows what the sync fetched")
    site, _ = load_site(ROOT / "data")
    assert site.offerings.official is None
    assert site.listed_count() == len(site.programmes)
    assert list(official_traces(real_site)) == []
    names = {
        r["name"]
        for r in json.loads((real_site / "data/datapackage.json").read_text())["resources"]
    }
    assert not {n for n in names if n.startswith("official_") or n == "occupation_outlooks"}
    notice = text(soup(real_site, urls.FINDER).select_one(".tcv-preliminary"))
    assert "Listan är inte komplett" in notice and "Skolverkets öppna data" not in notice
