"""Facts that depend on the date change by themselves: the nightly build is enough.

The build date is fixed with TCV_BUILD_DATE, so each test says which day it is.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tcv.tooling.builtsite import soup

from conftest import FIXTURES, build_site, validate

WARNING_90_DAYS = (
    "certification.valid_until: certifieringen går ut {day}, inom 90 dagar — ansök om "
    "omcertifiering i tid och uppdatera datumet när beslutet kommer"
)


def set_valid_until(data_dir: Path, day: str) -> Path:
    path = data_dir / "programmes/alfa-teknik.yml"
    text = path.read_text(encoding="utf-8")
    assert "valid_until: 2029-06-30" in text
    path.write_text(text.replace("valid_until: 2029-06-30", f"valid_until: {day}"), "utf-8")
    return path


# --- The 90-day warning ---------------------------------------------------------------------------


def test_a_certification_running_out_within_90_days_gives_a_warning_on_its_line(
    data_copy: Path,
) -> None:
    path = set_valid_until(data_copy, "2026-09-29")  # 90 days after 2026-07-01
    result = validate(data_copy, today="2026-07-01")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        f"{path}:12: varning: " + WARNING_90_DAYS.format(day="2026-09-29")
    ) in result.stdout.splitlines()


def test_in_github_actions_the_warning_is_an_annotation_on_the_same_line(data_copy: Path) -> None:
    path = set_valid_until(data_copy, "2026-09-29")
    result = validate(data_copy, today="2026-07-01", github=True)
    assert (
        f"::warning file={path},line=12,title=Varning i data::"
        + WARNING_90_DAYS.format(day="2026-09-29")
    ) in result.stdout.splitlines()


def test_91_days_ahead_is_not_yet_worth_a_warning(data_copy: Path) -> None:
    set_valid_until(data_copy, "2026-09-30")
    result = validate(data_copy, today="2026-07-01")
    assert "inom 90 dagar" not in result.stdout


def test_the_same_certification_warns_once_the_nights_bring_it_within_90_days(
    data_copy: Path,
) -> None:
    set_valid_until(data_copy, "2026-09-30")
    assert "inom 90 dagar" not in validate(data_copy, today="2026-07-01").stdout
    assert "inom 90 dagar" in validate(data_copy, today="2026-07-02").stdout


# --- The same data built on two days --------------------------------------------------------------

LAST_DAY = "2027-02-15"  # the last valid day of the certification and the application deadline
NEXT_DAY = "2027-02-16"
PROGRAMME = "utbildningar/alfa-teknik/"


@pytest.fixture(scope="module")
def built_on(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The fixture data with alfa-teknik certified until its application deadline, built on the
    last day that both still hold and on the day after."""
    data = tmp_path_factory.mktemp("dated") / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    set_valid_until(data, LAST_DAY)
    text = (data / "programmes/alfa-teknik.yml").read_text(encoding="utf-8")
    assert f"deadline: {LAST_DAY}" in text
    return {
        day: build_site(data, tmp_path_factory.mktemp(day) / "site", today=day)
        for day in (LAST_DAY, NEXT_DAY)
    }


def certification(site: Path) -> tuple[list[str], str]:
    element = soup(site, PROGRAMME).select_one(".tcv-cert")
    return element["class"], element.get_text(" ", strip=True)


def test_on_its_last_day_the_certification_is_shown_as_valid(built_on: dict[str, Path]) -> None:
    assert certification(built_on[LAST_DAY]) == (
        ["tcv-cert", "tcv-cert--certified"],
        "Teknikcollege: Certifierad av Teknikcollege t.o.m. 15 februari 2027. Källa: "
        "Exempelrådet: Påhittat certifieringsbeslut för Alfaskolans teknikprogram (publicerad "
        "1 mars 2026, läst 1 juni 2026).",
    )


def test_the_day_after_the_same_data_shows_it_as_expired(built_on: dict[str, Path]) -> None:
    assert certification(built_on[NEXT_DAY]) == (
        ["tcv-cert", "tcv-cert--expired"],
        "Teknikcollege: Certifieringen gick ut 15 februari 2027. Utbildningen är inte certifierad "
        "just nu. Källa: Exempelrådet: Påhittat certifieringsbeslut för Alfaskolans "
        "teknikprogram (publicerad 1 mars 2026, läst 1 juni 2026).",
    )


def test_the_badge_in_the_facts_follows_the_date_too(built_on: dict[str, Path]) -> None:
    def badge(site: Path) -> str:
        return soup(site, PROGRAMME).select_one(".tcv-facts .tcv-badge").get_text(strip=True)

    assert badge(built_on[LAST_DAY]) == "Certifierad"
    assert badge(built_on[NEXT_DAY]) == "Certifieringen har gått ut"


def test_the_application_deadline_is_shown_up_to_and_including_its_day(
    built_on: dict[str, Path],
) -> None:
    texts = [p.get_text(" ", strip=True) for p in soup(built_on[LAST_DAY], PROGRAMME).select("p")]
    assert "Sista ansökningsdag: 15 februari 2027" in texts


def test_a_passed_application_deadline_is_not_shown(built_on: dict[str, Path]) -> None:
    page = soup(built_on[NEXT_DAY], PROGRAMME)
    assert "Sista ansökningsdag" not in page.get_text()
    assert page.find("time", attrs={"datetime": LAST_DAY}) is None
