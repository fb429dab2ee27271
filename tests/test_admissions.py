"""Application dates: the county's common admission to upper-secondary school, counted down from
the build date, only from dates with a source (tests/fixtures/calendar is made up)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tcv.admissions import countdown
from tcv.pages import PageRenderer
from tcv.site import load_site
from tcv.tooling.builtsite import soup

from conftest import FIXTURES, ROOT, build_site, calendar_data, validate

BUILD_DAY = "2027-01-20"  # after the fixture's application opened, before it closes


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = calendar_data(tmp_path_factory.mktemp("admissions") / "data")
    return build_site(data, tmp_path_factory.mktemp("admissions-site") / "site", today=BUILD_DAY)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return calendar_data(tmp_path / "data")


def next_date(site: Path, url: str) -> str:
    block = soup(site, url).select_one(".tcv-next-date")
    assert block is not None, url
    return " ".join(block.p.get_text(" ", strip=True).replace(" .", ".").split())


def snippet(data_dir: Path, today: date, style: str = "") -> BeautifulSoup:
    """The start page's snippet as the build renders it, on `today`."""
    site, _ = load_site(data_dir, today)
    html = PageRenderer(ROOT / "theme_overrides", site).snippet("next-date", "", style)
    return BeautifulSoup(html, "lxml")


def text(page: BeautifulSoup) -> str:
    return " ".join(page.p.get_text(" ", strip=True).replace(" .", ".").split()) if page.p else ""


# --- On the built site ----------------------------------------------------------------------------


def test_the_start_page_counts_down_to_the_next_date_from_the_build_date(built: Path) -> None:
    assert next_date(built, "") == (
        "Gymnasievalet 2027: Ansökan stänger 15 februari 2027 — om 26 dagar."
    )
    assert soup(built, "").select_one(".tcv-next-date time")["datetime"] == "2027-02-15"


def test_the_next_date_names_its_source_and_links_the_admissions_office(built: Path) -> None:
    source = soup(built, "").select(".tcv-next-date p")[1]
    assert " ".join(source.get_text(" ", strip=True).replace(" .", ".").split()) == (
        "Källa: Exempelkansliet: Påhittad tidsplan för gymnasievalet 2027 (publicerad november "
        "2026, läst 20 november 2026). Mer om gymnasievalet: Exempelkansliet."
    )
    assert [a["href"] for a in source("a")] == [
        "https://antagning.example.se/tidsplan-2027",
        "https://antagning.example.se/",
    ]


@pytest.mark.parametrize(
    "url",
    ["utbildningar/", "foraldrar/", "for-syv/", "aktuellt/", "utbildningar/alfa-teknik/"],
)
def test_the_finder_and_the_pages_for_pupils_guardians_and_counsellors_show_it(
    built: Path, url: str
) -> None:
    assert next_date(built, url) == next_date(built, "")


def test_an_adult_education_page_shows_no_upper_secondary_date(built: Path) -> None:
    assert soup(built, "utbildningar/beta-automation/").select_one(".tcv-next-date") is None


def test_the_plain_swedish_page_says_it_in_short_sentences(built: Path) -> None:
    assert next_date(built, "lattlast/") == (
        "Gymnasievalet 2027: Ansökan stänger 15 februari 2027. Det är om 26 dagar."
    )


def test_the_counsellors_page_lists_every_date_of_the_year(built: Path) -> None:
    items = [
        li.get_text(" ", strip=True).replace(" .", ".")
        for li in soup(built, "for-syv/").select(".tcv-next-date li")
    ]
    assert items == [
        "Ansökan öppnar 11 januari 2027 (har passerat).",
        "Ansökan stänger 15 februari 2027.",
        "Den preliminära antagningen visas 12 april 2027.",
        "Omvalet öppnar 12 april 2027.",
        "Omvalet stänger 3 maj 2027.",
        "Den slutliga antagningen visas 28 juni 2027.",
        "Sista dag att svara på antagningsbeskedet är 1 augusti 2027.",
        "Reservantagningen börjar 9 augusti 2027.",
    ]


# --- The words, day by day ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2026-12-03", "Ansökan öppnar 11 januari 2027 — om 39 dagar."),
        ("2027-02-13", "Ansökan stänger 15 februari 2027 — om 2 dagar."),
        ("2027-02-14", "Ansökan stänger 15 februari 2027 — i morgon."),
        ("2027-02-15", "Ansökan stänger 15 februari 2027 — i dag."),
        ("2027-02-16", "Den preliminära antagningen visas 12 april 2027 — om 55 dagar."),
        ("2027-08-09", "Reservantagningen börjar 9 augusti 2027 — i dag."),
    ],
)
def test_the_next_date_is_counted_in_swedish_days(data: Path, today: str, expected: str) -> None:
    assert text(snippet(data, date.fromisoformat(today))) == f"Gymnasievalet 2027: {expected}"


def test_a_day_is_singular_only_where_swedish_says_so() -> None:
    today = date(2027, 2, 1)
    assert [countdown(date(2027, 2, d), today) for d in (1, 2, 3, 4)] == [
        "i dag",
        "i morgon",
        "om 2 dagar",
        "om 3 dagar",
    ]


def test_after_the_last_date_the_next_years_dates_are_not_published_yet(data: Path) -> None:
    page = snippet(data, date(2027, 8, 10))
    assert text(page) == (
        "Datumen för gymnasievalet 2028 är inte publicerade här än. Se Exempelkansliet."
    )
    assert page.a["href"] == "https://antagning.example.se/"
    assert page.time is None
    assert text(snippet(data, date(2027, 8, 10), "lattlast")) == (
        "Vi har inte datumen för gymnasievalet 2028 här än. Fråga din studie- och "
        "yrkesvägledare, eller titta hos Exempelkansliet."
    )


def test_the_real_data_publishes_no_date_without_a_source_and_says_so() -> None:
    """No dates for 2027 were published in any source we could read on 2026-12-03."""
    site, _ = load_site(ROOT / "data", date(2026, 12, 3))
    assert [a.steps() for a in site.admissions.values()] == [[]]
    page = snippet(ROOT / "data", date(2026, 12, 3))
    assert text(page) == (
        "Datumen för gymnasievalet 2027 är inte publicerade här än. Se Gymnasieantagningen."
    )
    assert page.a["href"] == "https://www.gymnasieantagningen.nu/"
    assert page.time is None


def test_without_any_admission_file_nothing_is_said() -> None:
    assert text(snippet(FIXTURES / "minimal", date(2026, 7, 1))) == ""


# --- Validation -----------------------------------------------------------------------------------


def line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_the_last_known_date_warns_90_days_before_it_passes(data: Path) -> None:
    path = data / "admissions/2027.yml"
    warning = (
        f"{path}:{line_of(path, '    day: 2027-08-09')}: varning: dates.7.day: det sista kända "
        "datumet i gymnasieantagningen är 2027-08-09, inom 90 dagar — lägg in datumen för 2028 i "
        "data/admissions/2028.yml när Exempelkansliet har publicerat dem"
    )
    ninety_days_before = validate(data, today="2027-05-11")
    assert warning in ninety_days_before.stdout.splitlines()
    assert ninety_days_before.returncode == 0
    assert "dates.7.day" not in validate(data, today="2027-05-10").stdout


def test_once_the_last_date_has_passed_the_warning_says_so(data: Path) -> None:
    path = data / "admissions/2027.yml"
    assert (
        f"{path}:{line_of(path, '    day: 2027-08-09')}: varning: dates.7.day: det sista kända "
        "datumet i gymnasieantagningen passerade 2027-08-09 — lägg in datumen för 2028 i "
        "data/admissions/2028.yml när Exempelkansliet har publicerat dem"
    ) in validate(data, today="2027-09-01").stdout.splitlines()


def test_a_date_before_one_that_comes_earlier_in_the_year_is_refused(data: Path) -> None:
    path = data / "admissions/2027.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("day: 2027-05-03", "day: 2027-04-01"),
        encoding="utf-8",
    )
    result = validate(data, today=BUILD_DAY)
    assert result.returncode == 1
    assert (
        f"{path}:{line_of(path, '    day: 2027-04-01')}: dates.4.day: change_closes (2027-04-01) "
        "ligger före change_opens (2027-04-12) — datumen följer antagningens ordning, från "
        "application_opens till reserve_admission — kontrollera datumen mot källan"
    ) in result.stdout.splitlines()


def test_each_step_is_written_once(data: Path) -> None:
    path = data / "admissions/2027.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("step: change_opens", "step: preliminary_result"),
        encoding="utf-8",
    )
    lines = path.read_text(encoding="utf-8").splitlines()
    first, second = (i + 1 for i, line in enumerate(lines) if "step: preliminary_result" in line)
    assert (
        f"{path}:{second}: dates.3.step: preliminary_result står redan på rad {first} — varje "
        "datum står en gång — ta bort det ena"
    ) in validate(data, today=BUILD_DAY).stdout.splitlines()


def test_a_date_without_its_source_is_refused(data: Path) -> None:
    path = data / "admissions/2027.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("  - step: application_opens")
    del lines[start + 2 : start + 8]  # the source of application_opens
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert (
        f"{path}:{start + 1}: dates.0.source: obligatoriskt fält saknas — lägg till 'source:' "
        "med ett värde"
    ) in validate(data, today=BUILD_DAY).stdout.splitlines()


def test_a_file_not_named_after_its_year_is_refused(data: Path) -> None:
    path = data / "admissions/varen.yml"
    (data / "admissions/2027.yml").rename(path)
    assert (
        f"{path}:2: id: filnamnet 'varen.yml' är inget år — döp om filen efter antagningens år, "
        "t.ex. 2027.yml"
    ) in validate(data, today=BUILD_DAY).stdout.splitlines()


def test_a_source_read_in_the_future_is_an_error(data: Path) -> None:
    path = data / "admissions/2027.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("read_on: 2026-11-20", "read_on: 2027-03-01", 1), "utf-8")
    assert (
        f"{path}:{line_of(path, '      read_on: 2027-03-01')}: dates.0.source.read_on: "
        "datumet 2027-03-01 ligger i framtiden — ange när källan faktiskt publicerades och lästes"
    ) in validate(data, today=BUILD_DAY).stdout.splitlines()
