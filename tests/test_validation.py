"""Every validation rule, fed bad data: the editor gets `path:line: field: problem — hint`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tcv.site import validate

from conftest import validate as run_validate

TODAY = date(2026, 7, 1)


def messages(data_dir: Path) -> list[str]:
    """Every problem as the editor reads it, with the path relative to the data folder."""
    _, problems = validate(data_dir, TODAY)
    return [str(p).replace(str(data_dir) + "/", "") for p in problems]


def new_messages(data_dir: Path) -> list[str]:
    """The problems beyond the fixture's one expected warning (its expired certification)."""
    return [m for m in messages(data_dir) if not m.startswith("programmes/alfa-industri.yml:10:")]


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_fixture_data_is_valid_apart_from_one_expired_certification(data_copy: Path) -> None:
    assert messages(data_copy) == [
        "programmes/alfa-industri.yml:10: varning: certification.valid_until: certifieringen gick ut "
        "2026-05-31 och visas som utgången — lägg in det nya beslutet eller ändra status"
    ]


def test_the_real_data_is_valid(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    _, problems = validate(root / "data")
    assert [str(p) for p in problems if p.severity == "error"] == []


def test_a_programme_pointing_to_a_missing_provider_names_the_bad_id(data_copy: Path) -> None:
    replace(data_copy / "programmes/alfa-teknik.yml", "provider: alfaskolan", "provider: alfaskola")
    assert messages(data_copy) == [
        "programmes/alfa-industri.yml:10: varning: certification.valid_until: certifieringen gick ut "
        "2026-05-31 och visas som utgången — lägg in det nya beslutet eller ändra status",
        "programmes/alfa-teknik.yml:3: provider: anordnaren 'alfaskola' finns inte — menade du "
        "'alfaskolan'? (id:n finns i data/providers/)",
    ]


def test_a_missing_partner_company_is_reported_on_its_own_line(data_copy: Path) -> None:
    replace(
        data_copy / "programmes/alfa-teknik.yml",
        "partners: [verkstaden]",
        "partners:\n  - verkstaden\n  - okanda-bolaget",
    )
    assert (
        "programmes/alfa-teknik.yml:21: partners.1: företaget 'okanda-bolaget' finns inte — "
        "ange ett id som finns i data/companies/" in messages(data_copy)
    )


def test_a_provider_in_an_unknown_municipality_is_refused(data_copy: Path) -> None:
    replace(data_copy / "providers/betavux.yml", "municipality: beta", "municipality: delta")
    assert (
        "providers/betavux.yml:3: municipality: kommunen 'delta' finns inte — menade du 'beta'? "
        "(id:n finns i municipalities.yml)" in messages(data_copy)
    )


def test_yaml_reads_no_as_false_and_the_editor_is_told_to_quote_it(data_copy: Path) -> None:
    write(
        data_copy / "companies/yes.yml",
        "name: yes\nrole: letter_of_intent\nverified_on: 2026-06-01\n",
    )
    assert (
        "companies/yes.yml:1: name: ska vara text men YAML läste värdet som sant — sätt "
        'citattecken runt ord som yes, no, on, off, true, false, t.ex. "no"' in messages(data_copy)
    )


def test_a_code_with_a_leading_zero_must_be_quoted(data_copy: Path) -> None:
    replace(
        data_copy / "providers/alfaskolan.yml",
        'school_unit_code: "01234567"',
        "school_unit_code: 01234567",
    )
    assert (
        "providers/alfaskolan.yml:6: school_unit_code: ska vara text men YAML läste värdet som ett "
        "tal — sätt citattecken runt värdet så att det läses exakt som det står (inledande nollor "
        "behålls)" in messages(data_copy)
    )


def test_an_unknown_field_gets_a_did_you_mean(data_copy: Path) -> None:
    replace(data_copy / "companies/gjuteriet.yml", "role:", "rol:")
    assert messages(data_copy)[:2] == [
        "companies/gjuteriet.yml:2: role: obligatoriskt fält saknas — lägg till 'role:' med ett värde",
        "companies/gjuteriet.yml:3: rol: okänt fält — menade du 'role'?",
    ]


def test_a_value_outside_the_allowed_list_lists_the_allowed_values(data_copy: Path) -> None:
    replace(data_copy / "programmes/beta-automation.yml", "level: vuxenutbildning", "level: komvux")
    assert (
        "programmes/beta-automation.yml:4: level: 'komvux' är inte ett tillåtet värde — tillåtna "
        "värden: gymnasium, vuxenutbildning, yrkeshogskola eller larling" in messages(data_copy)
    )


def test_a_certified_programme_needs_both_dates(data_copy: Path) -> None:
    replace(data_copy / "programmes/alfa-teknik.yml", "  valid_until: 2029-06-30\n", "")
    assert (
        "programmes/alfa-teknik.yml:9: certification: en certifierad utbildning behöver både "
        "certified_on och valid_until — ange datumen från certifieringsbeslutet"
        in messages(data_copy)
    )


def test_valid_until_must_come_after_certified_on(data_copy: Path) -> None:
    replace(
        data_copy / "programmes/alfa-teknik.yml",
        "valid_until: 2029-06-30",
        "valid_until: 2025-06-30",
    )
    assert (
        "programmes/alfa-teknik.yml:9: certification: valid_until ligger före certified_on — "
        "giltighetstiden ska sluta efter certifieringsdatumet" in messages(data_copy)
    )


@pytest.mark.parametrize("link", ["http://example.se", "javascript:alert(1)", "ftp://example.se/x"])
def test_only_https_mailto_and_tel_links_are_accepted(data_copy: Path, link: str) -> None:
    replace(
        data_copy / "providers/alfaskolan.yml",
        "website: https://alfaskolan.example.se",
        f"website: {link}",
    )
    assert (
        f"providers/alfaskolan.yml:5: website: '{link}' har fel form — skriv en fullständig adress "
        "som börjar med https://" in messages(data_copy)
    )


def test_a_markdown_link_with_another_scheme_is_refused(data_copy: Path) -> None:
    replace(
        data_copy / "programmes/beta-automation.yml",
        "(https://betavux.example.se)",
        "(javascript:alert(1))",
    )
    assert (
        "programmes/beta-automation.yml:19: apply.how: länken 'javascript:alert(1' är inte tillåten "
        "— länkar ska börja med https:, mailto: eller tel:" in messages(data_copy)
    )


def test_html_in_a_name_is_refused(data_copy: Path) -> None:
    replace(
        data_copy / "programmes/alfa-teknik.yml",
        "name: Teknikprogrammet",
        "name: <img src=x onerror=alert(1)>",
    )
    assert (
        "programmes/alfa-teknik.yml:2: name: får inte innehålla < eller > — skriv vanlig text "
        "utan HTML" in messages(data_copy)
    )


def test_an_empty_file_is_a_problem_like_any_other(data_copy: Path) -> None:
    write(data_copy / "companies/tom.yml", "# bara en kommentar\n")
    assert (
        "companies/tom.yml:1: (filen): filen är tom — fyll i fälten eller ta bort filen"
        in messages(data_copy)
    )


def test_a_syntax_error_gives_its_line(data_copy: Path) -> None:
    write(
        data_copy / "companies/trasig.yml",
        "name: Trasig AB\nrole: [letter_of_intent\nverified_on: 2026-06-01\n",
    )
    found = [m for m in messages(data_copy) if m.startswith("companies/trasig.yml")]
    assert found == [
        "companies/trasig.yml:3: (filen): YAML-syntaxfel (did not find expected ',' or ']') — "
        "kontrollera indraget, att varje fält har kolon och mellanslag efter namnet och att "
        "text med kolon eller # står inom citattecken"
    ]


def test_a_duplicate_key_is_refused_instead_of_silently_overwritten(data_copy: Path) -> None:
    write(
        data_copy / "companies/dubbel.yml",
        "name: Dubbel AB\nrole: letter_of_intent\nname: Annan AB\nverified_on: 2026-06-01\n",
    )
    assert (
        "companies/dubbel.yml:3: name: fältet 'name' finns två gånger — ta bort det ena (det "
        "första står på rad 1)" in messages(data_copy)
    )


def test_an_id_must_equal_the_file_name(data_copy: Path) -> None:
    replace(
        data_copy / "companies/gjuteriet.yml",
        "name: Gjuteriet AB",
        "id: gjuteri\nname: Gjuteriet AB",
    )
    assert (
        "companies/gjuteriet.yml:2: id: id 'gjuteri' stämmer inte med filnamnet 'gjuteriet.yml' — "
        "ta bort raden id (filnamnet är id) eller döp om filen till gjuteri.yml"
        in messages(data_copy)
    )


def test_a_file_name_that_is_not_a_slug_is_refused(data_copy: Path) -> None:
    (data_copy / "companies/gjuteriet.yml").rename(data_copy / "companies/Gjuteriet AB.yml")
    assert (
        "companies/Gjuteriet AB.yml:1: id: filnamnet 'Gjuteriet AB.yml' går inte att använda som "
        "id — döp om filen: använd bara små bokstäver a–z, siffror och bindestreck, t.ex. "
        "'skelleftea'" in messages(data_copy)
    )


def test_municipality_ids_and_codes_are_unique(data_copy: Path) -> None:
    replace(data_copy / "municipalities.yml", 'code: "9902"', 'code: "9901"')
    assert (
        "municipalities.yml:12: municipalities.1.code: '9901' används redan — varje code ska vara "
        "unikt (finns också på rad 5)" in messages(data_copy)
    )


def test_a_co_financier_needs_an_amount(data_copy: Path) -> None:
    replace(data_copy / "companies/verkstaden.yml", "co_financing: 100\n", "")
    assert (
        "companies/verkstaden.yml:2: (filen): en medfinansiär behöver co_financing — ange beloppet "
        "i kronor" in messages(data_copy)
    )


def test_financing_that_does_not_add_up_is_an_error(data_copy: Path) -> None:
    replace(data_copy / "companies/verkstaden.yml", "co_financing: 100", "co_financing: 150")
    assert (
        "region.yml:20: financing.total_cost: finansieringen går inte ihop: regionens bidrag 500 + "
        "kommunerna 400 + företagen 150 = 1050, inte 1000 — rätta beloppen så att summan blir "
        "projektets totala kostnad" in messages(data_copy)
    )


def test_a_record_not_checked_for_a_year_gives_a_warning(data_copy: Path) -> None:
    replace(
        data_copy / "companies/gjuteriet.yml", "verified_on: 2026-06-01", "verified_on: 2025-06-01"
    )
    assert (
        "companies/gjuteriet.yml:4: varning: verified_on: uppgifterna stämdes senast av "
        "2025-06-01, för mer än ett år sedan — stäm av dem med skolan, kommunen eller registret "
        "och uppdatera verified_on" in messages(data_copy)
    )


def test_a_certification_status_without_its_source_is_refused(data_copy: Path) -> None:
    text = (data_copy / "programmes/beta-automation.yml").read_text(encoding="utf-8")
    start = text.index("  source:\n")
    end = text.index("study:")
    write(data_copy / "programmes/beta-automation.yml", text[:start] + text[end:])
    assert new_messages(data_copy) == [
        "programmes/beta-automation.yml:6: certification.source: obligatoriskt fält saknas — "
        "lägg till 'source:' med ett värde"
    ]


def test_the_old_status_candidate_is_refused_with_the_allowed_ones(data_copy: Path) -> None:
    replace(data_copy / "programmes/beta-automation.yml", "status: in_review", "status: candidate")
    assert (
        "programmes/beta-automation.yml:7: certification.status: 'candidate' är inte ett tillåtet "
        "värde — tillåtna värden: in_review, certified eller decertified" in messages(data_copy)
    )


def test_a_source_needs_publisher_and_dates(data_copy: Path) -> None:
    write(
        data_copy / "companies/gjuteriet.yml",
        "name: Gjuteriet AB\nrole: letter_of_intent\nsources:\n  - title: En artikel\n"
        "    url: https://tidningen.example.se/a\n",
    )
    assert new_messages(data_copy) == [
        "companies/gjuteriet.yml:4: sources.0.published: obligatoriskt fält saknas — lägg till "
        "'published:' med ett värde",
        "companies/gjuteriet.yml:4: sources.0.publisher: obligatoriskt fält saknas — lägg till "
        "'publisher:' med ett värde",
        "companies/gjuteriet.yml:4: sources.0.read_on: obligatoriskt fält saknas — lägg till "
        "'read_on:' med ett värde",
    ]


@pytest.mark.parametrize(
    ("published", "read_on", "expected"),
    [
        (
            "2016-13",
            "2026-05",
            "sources.0.published: 2016-13 är inget riktigt datum — kontrollera månaden (01–12) "
            "och dagen",
        ),
        (
            "juni 2016",
            "2026-05",
            "sources.0.published: 'juni 2016' har fel form — skriv året, året och månaden eller "
            "hela datumet, t.ex. 2016, 2016-06 eller 2016-06-15",
        ),
        (
            "2016",
            "2026",
            "sources.0: read_on behöver minst år och månad — skriv t.ex. 2026-11 eller 2026-11-28",
        ),
        (
            "2026-06-15",
            "2026-06-01",
            "sources.0: källan lästes (2026-06-01) före den publicerades (2026-06-15) — "
            "kontrollera published och read_on",
        ),
    ],
)
def test_source_dates_are_checked(
    data_copy: Path, published: str, read_on: str, expected: str
) -> None:
    replace(data_copy / "providers/betavux.yml", "published: 2025", f"published: {published}")
    replace(data_copy / "providers/betavux.yml", "read_on: 2026-05", f"read_on: {read_on}")
    assert [m.split(": ", 1)[1] for m in new_messages(data_copy)] == [expected]


def test_a_record_whose_newest_source_is_over_two_years_old_gives_a_warning(
    data_copy: Path,
) -> None:
    replace(data_copy / "providers/betavux.yml", "published: 2025", "published: 2016-06")
    assert new_messages(data_copy) == [
        "providers/betavux.yml:9: varning: sources.0.published: den nyaste källan är från 2016, "
        "mer än 2 år gammal — stäm av uppgifterna med skolan, kommunen eller ett register och "
        "ange verified_on, eller lägg till en nyare källa"
    ]


def test_a_source_dated_in_the_future_is_an_error(data_copy: Path) -> None:
    replace(data_copy / "providers/betavux.yml", "read_on: 2026-05", "read_on: 2026-08")
    assert new_messages(data_copy) == [
        "providers/betavux.yml:10: sources.0.read_on: datumet 2026-08 ligger i framtiden — ange "
        "när källan faktiskt publicerades och lästes"
    ]


def test_all_problems_are_reported_at_once(data_copy: Path) -> None:
    replace(data_copy / "programmes/alfa-teknik.yml", "provider: alfaskolan", "provider: saknas")
    replace(data_copy / "companies/gjuteriet.yml", "role: letter_of_intent", "role: sponsor")
    write(data_copy / "companies/tom.yml", "")
    found = messages(data_copy)
    assert len([m for m in found if "varning" not in m]) == 3


def test_the_command_exits_1_without_a_traceback(data_copy: Path) -> None:
    replace(data_copy / "programmes/alfa-teknik.yml", "provider: alfaskolan", "provider: alfaskola")
    result = run_validate(data_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert (
        f"{data_copy}/programmes/alfa-teknik.yml:3: provider: anordnaren 'alfaskola' finns inte"
        in result.stdout
    )


def test_the_command_exits_0_on_valid_data(data_copy: Path) -> None:
    result = run_validate(data_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "är giltig: 11 poster, 1 varningar." in result.stdout


def test_in_github_actions_each_problem_is_also_an_annotation(data_copy: Path) -> None:
    replace(data_copy / "programmes/alfa-teknik.yml", "provider: alfaskolan", "provider: alfaskola")
    result = run_validate(data_copy, github=True)
    path = f"{data_copy}/programmes/alfa-teknik.yml"
    assert (
        f"{path}:3: provider: anordnaren 'alfaskola' finns inte — menade du 'alfaskolan'? (id:n finns i data/providers/)"
        in result.stdout
    )
    assert (
        f"::error file={path},line=3,title=Ogiltig data::provider: anordnaren 'alfaskola' finns inte — menade du 'alfaskolan'? (id:n finns i data/providers/)"
        in result.stdout
    )


def test_a_date_that_does_not_exist_is_reported_on_its_line(data_copy: Path) -> None:
    replace(
        data_copy / "companies/gjuteriet.yml", "verified_on: 2026-06-01", "verified_on: 2026-13-01"
    )
    assert (
        "companies/gjuteriet.yml:4: verified_on: '2026-13-01' är inget giltigt datum — skriv "
        "ÅÅÅÅ-MM-DD med en månad 01–12 och en dag som finns i månaden" in messages(data_copy)
    )


def test_an_empty_choice_says_it_is_empty_and_lists_the_choices(data_copy: Path) -> None:
    replace(data_copy / "companies/gjuteriet.yml", "role: letter_of_intent", "role:")
    assert (
        "companies/gjuteriet.yml:3: role: fältet är tomt — tillåtna värden: co_financier eller "
        "letter_of_intent" in messages(data_copy)
    )


def test_unchanged_files_come_from_the_parse_cache_and_a_changed_one_is_parsed_again(
    data_copy: Path, tmp_path: Path
) -> None:
    from tcv.load import load_data
    from tcv.yamlsource import ParsedCache

    store = tmp_path / "cache" / "yaml.pickle"
    files = sorted(data_copy.rglob("*.yml"))
    first = load_data(data_copy, ParsedCache(store))
    assert len(ParsedCache(store).known) == len(files)

    replace(
        data_copy / "programmes/alfa-teknik.yml",
        "provider: alfaskolan",
        "provider: alfaskolan\nprovider: alfaskolan",
    )
    cache = ParsedCache(store)
    second = load_data(data_copy, cache)
    assert len(cache.used) == len(files) - 1  # the changed file was parsed, and not kept
    assert [str(p).replace(str(data_copy) + "/", "") for p in second.problems] == [
        "programmes/alfa-teknik.yml:4: provider: fältet 'provider' finns två gånger — ta bort "
        "det ena (det första står på rad 3)"
    ]
    assert [e.record for e in second.records["company"]] == [
        e.record for e in first.records["company"]
    ]
