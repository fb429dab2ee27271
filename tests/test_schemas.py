"""JSON Schemas for the data files: generated from the models, committed, and named by every file."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

from tcv import schemas
from tcv.kinds import KINDS

from conftest import ROOT

DATA = ROOT / "data"
CHECK_JSONSCHEMA = str(Path(sys.executable).parent / "check-jsonschema")


def tcv(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tcv", *args], capture_output=True, text=True, cwd=ROOT, check=False
    )


def check_jsonschema(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHECK_JSONSCHEMA, *args], capture_output=True, text=True, cwd=ROOT, check=False
    )


# --- Committed and current ------------------------------------------------------------------------


def test_the_committed_schemas_are_those_the_models_give() -> None:
    result = tcv("schemas", "--check")
    assert result.stdout == "JSON-schemana i data/schemas stämmer med modellerna.\n", result.stdout
    assert result.returncode == 0


def test_there_is_one_schema_per_kind_of_data_file() -> None:
    assert sorted(p.name for p in (DATA / "schemas").glob("*")) == [
        "admission.schema.json",
        "company.schema.json",
        "event.schema.json",
        "municipalities.schema.json",
        "occupation.schema.json",
        "programme.schema.json",
        "provider.schema.json",
        "region.schema.json",
        "role_model.schema.json",
    ]


def test_every_data_file_starts_with_the_line_that_names_its_schema() -> None:
    expected = dict(schemas.data_files(DATA))
    every_file = {p for p in DATA.rglob("*.yml") if "schemas" not in p.relative_to(DATA).parts}
    assert set(expected) == every_file, "a data file outside the known kinds"
    wrong = [
        f"{path.relative_to(ROOT)}: {path.read_text(encoding='utf-8').splitlines()[0]}"
        for path, line in expected.items()
        if path.read_text(encoding="utf-8").splitlines()[0] != line
    ]
    assert wrong == []


def test_the_schema_line_is_relative_to_the_file() -> None:
    assert (
        KINDS["region"].schema_line == "# yaml-language-server: $schema=schemas/region.schema.json"
    )
    assert (
        KINDS["programme"].schema_line
        == "# yaml-language-server: $schema=../schemas/programme.schema.json"
    )
    for path, line in schemas.data_files(DATA):
        target = line.split("$schema=")[1]
        assert (path.parent / target).resolve().is_file(), path


# --- Keeping them current -------------------------------------------------------------------------


def test_a_data_file_without_the_schema_line_is_named(data_copy: Path) -> None:
    result = tcv("schemas", "--check", "--data", str(data_copy))
    assert result.returncode == 1
    assert (
        f"{data_copy}/programmes/alfa-teknik.yml:1: (filen): första raden pekar inte ut "
        "JSON-schemat — gör '# yaml-language-server: $schema=../schemas/programme.schema.json' "
        "till första raden, eller kör python -m tcv schemas (eller scripts/new för nya filer)"
    ) in result.stdout.splitlines()
    assert (
        f"{data_copy}/schemas/region.schema.json:1: (filen): JSON-schemat saknas" in result.stdout
    )


def test_writing_the_schemas_adds_the_line_and_changes_nothing_else(data_copy: Path) -> None:
    before = {p: p.read_text(encoding="utf-8") for p in data_copy.rglob("*.yml")}
    result = tcv("schemas", "--data", str(data_copy))
    assert result.returncode == 0, result.stderr
    for path, line in schemas.data_files(data_copy):
        assert path.read_text(encoding="utf-8") == f"{line}\n{before[path]}"
    assert tcv("schemas", "--check", "--data", str(data_copy)).returncode == 0
    assert tcv("schemas", "--data", str(data_copy)).stdout.splitlines() == [
        f"JSON-schemana i {data_copy}/schemas stämmer med modellerna."
    ]


def test_a_schema_that_no_longer_matches_the_models_is_named(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "schemas").mkdir(parents=True)
    schemas.write_schemas(data)
    stale = data / "schemas/company.schema.json"
    schema = json.loads(stale.read_text(encoding="utf-8"))
    del schema["properties"]["offers"]
    stale.write_text(json.dumps(schema), encoding="utf-8")
    assert tcv("schemas", "--check", "--data", str(data)).stdout.splitlines() == [
        f"{stale}:1: (filen): JSON-schemat stämmer inte med modellerna i hooks/tcv/models.py — "
        "kör python -m tcv schemas (eller scripts/new för nya filer)"
    ]


# --- What the schemas say -------------------------------------------------------------------------


def test_the_schemas_are_valid_json_schemas_with_javascript_patterns() -> None:
    result = check_jsonschema("--check-metaschema", *map(str, (DATA / "schemas").glob("*.json")))
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_real_data_file_satisfies_its_schema() -> None:
    validators = {
        kind.schema_line: Draft202012Validator(
            json.loads((DATA / "schemas" / kind.schema_file).read_text(encoding="utf-8"))
        )
        for kind in KINDS.values()
    }
    failures = [
        f"{path.relative_to(ROOT)}: {error.message}"
        for path, line in schemas.data_files(DATA)
        for error in validators[line].iter_errors(as_json(yaml.safe_load(path.read_text("utf-8"))))
    ]
    assert failures == []


def as_json(value: object) -> object:
    """YAML's dates as the strings JSON (and VS Code's YAML language server) sees."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


def test_the_schema_refuses_a_misspelt_field_as_validation_does(tmp_path: Path) -> None:
    path = tmp_path / "verkstaden.yml"
    path.write_text(
        "nam: Verkstaden AB\nrole: letter_of_intent\nverified_on: 2026-06-01\n", encoding="utf-8"
    )
    result = check_jsonschema("--schemafile", str(DATA / "schemas/company.schema.json"), str(path))
    assert result.returncode == 1
    assert "'name' is a required property" in result.stdout
    assert "Additional properties are not allowed ('nam' was unexpected)" in result.stdout


def test_the_id_is_never_required_of_a_file_that_is_named_by_it() -> None:
    for kind in KINDS.values():
        schema = json.loads((DATA / "schemas" / kind.schema_file).read_text(encoding="utf-8"))
        if kind.folder:
            assert "id" in schema["properties"]
            assert "id" not in schema["required"], kind.name
    municipalities = json.loads((DATA / "schemas/municipalities.schema.json").read_text("utf-8"))
    assert "id" in municipalities["$defs"]["Municipality"]["required"]


def test_every_field_in_every_schema_is_described_in_swedish() -> None:
    def properties(schema: dict) -> list[tuple[str, dict]]:
        found = list(schema.get("properties", {}).items())
        for sub in schema.get("$defs", {}).values():
            found.extend(sub.get("properties", {}).items())
        return found

    for kind in KINDS.values():
        schema = json.loads((DATA / "schemas" / kind.schema_file).read_text(encoding="utf-8"))
        assert schema["title"] == kind.title
        assert "/redaktorer/faltreferens/" in schema["description"]
        undescribed = [name for name, prop in properties(schema) if not prop.get("description")]
        assert undescribed == [], kind.name
        assert english_titles(schema) == [], kind.name


def english_titles(value: object, top: bool = True) -> list[str]:
    """pydantic's made-up titles ('Verified On'); the schema's own Swedish title excepted."""
    if isinstance(value, list):
        return [t for item in value for t in english_titles(item, False)]
    if not isinstance(value, dict):
        return []
    found = [] if top or not isinstance(value.get("title"), str) else [value["title"]]
    for key, item in value.items():
        if key in ("properties", "$defs"):
            found += [t for sub in item.values() for t in english_titles(sub, False)]
        elif isinstance(item, dict | list):
            found += english_titles(item, False)
    return found
