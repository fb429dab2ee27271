"""`scripts/new KIND ID`: a new data file from a commented template, for editors."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tcv.fieldref import describe_kind
from tcv.kinds import KINDS
from tcv.newrecord import template

from conftest import ROOT, validate

# For each kind: the new file's id, its folder, and what an editor writes on each empty line.
FILLED = {
    "utbildning": (
        "alfa-el",
        "programmes",
        {
            "name:": "name: El- och energiprogrammet",
            "provider:": "provider: alfaskolan",
            "level:": "level: gymnasium",
            "areas:": "areas: [energi]",
            "summary:": "summary: En ny utbildning.",
            "  how:": "  how: Sök i gymnasievalet.",
        },
    ),
    "anordnare": (
        "gammaskolan",
        "providers",
        {
            "name:": "name: Gammaskolan",
            "municipality:": "municipality: gamma",
            "kind:": "kind: gymnasieskola",
        },
    ),
    "foretag": (
        "smedjan",
        "companies",
        {
            "name:": "name: Smedjan AB",
            "role:": "role: letter_of_intent",
        },
    ),
    "yrke": (
        "svetsare",
        "occupations",
        {
            "name:": "name: Svetsare",
            "areas:": "areas: [produktion]",
            "summary:": "summary: En svetsare fogar ihop metall.",
            "what_you_do:": "what_you_do: Du svetsar.",
            "a_day_at_work:": "a_day_at_work: Du läser ritningar och svetsar.",
        },
    ),
    "forebild": (
        "anna-andersson",
        "role_models",
        {
            "name:": "name: Anna Andersson",
            "role:": "role: Automationstekniker",
            "quote:": "quote: Jag gillar att lösa problem.",
            "story:": "story: Anna gick teknikprogrammet.",
            "audiences:": "audiences: [flickor_kvinnor]",
            "consent_on:": "consent_on: 2026-05-01",
        },
    ),
    "antagning": (
        "2028",
        "admissions",
        {
            "office:": "office: Exempelkansliet",
            "website:": "website: https://antagning.example.se/",
        },
    ),
}


def new(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    """Run `python -m tcv new` the way scripts/new does."""
    return subprocess.run(
        [sys.executable, "-m", "tcv", "new", *args, "--data", str(data_dir)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def fill(path: Path, lines: dict[str, str]) -> None:
    """Write a value on each empty line, the way an editor does in the web editor."""
    text = path.read_text(encoding="utf-8")
    for empty, filled in lines.items():
        text, count = re.subn(rf"^{re.escape(empty)}$", filled, text, flags=re.M)
        assert count == 1, empty
    path.write_text(text, encoding="utf-8")


def problems_in(data_dir: Path, path: Path) -> list[str]:
    result = validate(data_dir)
    return [line for line in result.stdout.splitlines() if line.startswith(f"{path}:")]


@pytest.mark.parametrize("kind", list(FILLED))
def test_before_filling_validation_names_exactly_the_required_fields(
    data_copy: Path, kind: str
) -> None:
    record_id, folder, lines = FILLED[kind]
    result = new(data_copy, kind, record_id)
    assert result.returncode == 0, result.stderr
    told = result.stdout.splitlines()[1].removeprefix("Fyll i de obligatoriska fälten: ")
    path = data_copy / folder / f"{record_id}.yml"
    named = [line.split(": ")[1] for line in problems_in(data_copy, path)]
    assert ", ".join(named) + "." == told
    assert len(named) == len(lines)  # one problem for each line the editor fills in


@pytest.mark.parametrize("kind", list(FILLED))
def test_the_new_file_validates_once_the_required_fields_are_filled(
    data_copy: Path, kind: str
) -> None:
    record_id, folder, lines = FILLED[kind]
    assert new(data_copy, kind, record_id).returncode == 0
    path = data_copy / folder / f"{record_id}.yml"
    fill(path, lines)
    assert problems_in(data_copy, path) == []
    assert validate(data_copy).returncode == 0


def test_the_editor_is_told_which_fields_to_fill(data_copy: Path) -> None:
    result = new(data_copy, "utbildning", "alfa-el")
    assert result.stdout.splitlines() == [
        f"Skapade {data_copy}/programmes/alfa-el.yml (utbildning).",
        "Fyll i de obligatoriska fälten: name, provider, level, areas, summary, apply.how.",
        "Kontrollera sedan med scripts/validate.",
    ]


def test_each_empty_line_is_named_with_its_line_number(data_copy: Path) -> None:
    new(data_copy, "foretag", "smedjan")
    path = data_copy / "companies/smedjan.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert problems_in(data_copy, path) == [
        f"{path}:{lines.index('name:') + 1}: name: fältet är tomt — skriv en textrad",
        f"{path}:{lines.index('role:') + 1}: role: fältet är tomt — tillåtna värden: "
        "co_financier eller letter_of_intent",
    ]


def test_the_file_starts_with_its_schema_line_and_says_what_it_is(data_copy: Path) -> None:
    new(data_copy, "programme", "alfa-el")
    lines = (data_copy / "programmes/alfa-el.yml").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schemas/programme.schema.json"
    assert lines[1].startswith("# Utbildning: en utbildning (eventuellt en inriktning) hos en")
    assert "# Filen heter alfa-el.yml, så id:t är alfa-el." in lines


@pytest.mark.parametrize(
    "kind",
    ["programme", "provider", "company", "occupation", "role_model", "event", "admission"],
)
def test_every_field_is_in_the_template_with_a_comment_above_it(kind: str) -> None:
    doc = describe_kind(KINDS[kind])
    lines = template(doc, "exempel").splitlines()
    for field in doc.fields:
        if field.automatic:
            continue
        indent = "  " * (field.path.count(".") + field.path.count("[]"))
        keys = (f"{indent}{field.name}:", f"{indent[:-2]}- {field.name}:")
        found = [
            i
            for i, line in enumerate(lines)
            if any(
                body == key or body.startswith(f"{key} ")
                for body in (line, line.removeprefix("# "))
                for key in keys
            )
        ]
        assert found, field.path
        assert all("# " in lines[i - 1] for i in found), field.path


def test_required_fields_are_marked_and_optional_ones_wait_behind_a_hash() -> None:
    text = template(describe_kind(KINDS["programme"]), "alfa-el")
    assert "# OBLIGATORISKT. Namnet som det ska stå på webbplatsen. Typ: text.\nname:\n" in text
    assert "\n# programme_code: TE\n" in text
    assert "\n# certification:\n#   # OBLIGATORISKT om certification finns med." in text
    assert "\n#   certified_on: 2026-08-03\n" in text


@pytest.mark.parametrize("word", ["utbildning", "programme", "Utbildning", "utbildningar"])
def test_swedish_and_english_names_of_a_kind_both_work(data_copy: Path, word: str) -> None:
    assert new(data_copy, word, "alfa-el").returncode == 0
    assert (data_copy / "programmes/alfa-el.yml").is_file()


def test_a_kind_whose_folder_does_not_exist_yet_gets_it(data_copy: Path) -> None:
    assert not (data_copy / "occupations").exists()
    assert new(data_copy, "yrke", "svetsare").returncode == 0
    assert (data_copy / "occupations/svetsare.yml").is_file()


def test_an_id_that_cannot_be_a_file_name_is_refused(data_copy: Path) -> None:
    result = new(data_copy, "utbildning", "Alfa El")
    assert result.returncode == 1
    assert result.stderr == (
        "Filen skapades inte: 'Alfa El' går inte att använda som id — använd bara små bokstäver "
        "a–z, siffror och bindestreck, t.ex. 'skelleftea'\n"
    )
    assert sorted(p.name for p in (data_copy / "programmes").iterdir()) == [
        "alfa-industri.yml",
        "alfa-teknik.yml",
        "beta-automation.yml",
    ]


def test_an_existing_file_is_never_overwritten(data_copy: Path) -> None:
    path = data_copy / "programmes/alfa-teknik.yml"
    before = path.read_text(encoding="utf-8")
    result = new(data_copy, "utbildning", "alfa-teknik")
    assert result.returncode == 1
    assert result.stderr == (
        f"Filen skapades inte: {path} finns redan — välj ett annat id eller ändra den befintliga "
        "filen\n"
    )
    assert path.read_text(encoding="utf-8") == before


def test_an_unknown_kind_lists_the_kinds_there_are(data_copy: Path) -> None:
    result = new(data_copy, "kommun", "delta")
    assert result.returncode == 1
    assert result.stderr == (
        "Filen skapades inte: okänt slag 'kommun' — välj ett av: utbildning (programme), "
        "anordnare (provider), foretag (company), yrke (occupation), forebild (role_model), "
        "evenemang (event), antagning (admission)\n"
    )


def test_scripts_new_runs_the_same_command_in_the_projects_environment() -> None:
    script = ROOT / "scripts/new"
    assert os.access(script, os.X_OK)
    assert subprocess.run(["bash", "-n", str(script)], check=False).returncode == 0
    text = script.read_text(encoding="utf-8")
    assert 'source "$(dirname "$0")/_setup.sh"' in text
    assert 'exec "$PY" -m tcv new ${REST[@]+"${REST[@]}"} --data "$DATA_DIR"' in text
