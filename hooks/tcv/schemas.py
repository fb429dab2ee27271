"""JSON Schemas for the data files, generated from the models, so editors get completion.

Each data file's first line points VS Code (and any editor with the YAML language server) to its
schema: `# yaml-language-server: $schema=../schemas/programme.schema.json`. `python -m tcv
schemas` writes the schemas and adds that line where it is missing; `--check` only reports.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .annotations import models_in
from .fieldref import (
    FIELD_REFERENCE_URL,
    GROUPS,
    RULES,
    describe_kind,
    field_description,
    field_order,
)
from .kinds import KINDS, Kind
from .problems import Problem

SCHEMA_FOLDER = "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_LINE_START = "# yaml-language-server:"
REGENERATE = "kör python -m tcv schemas (eller scripts/new för nya filer)"


def schema_for(kind: Kind) -> dict[str, Any]:
    """The JSON Schema of one kind of data file, with Swedish titles and descriptions."""
    raw = kind.model.model_json_schema()
    models = _reachable(kind.model)
    schema = _clean(raw, kind.model)
    schema.pop("description", None)  # the kind's own description below says more
    if kind.folder:  # the id comes from the file name: accepted when written, never required
        schema["required"] = [name for name in schema.get("required", []) if name != "id"]
    defs = schema.pop("$defs", None)
    top = {
        "$schema": DIALECT,
        "title": kind.title,
        "description": f"{describe_kind(kind).note} Fälten förklaras på webbplatsen under "
        f"/{FIELD_REFERENCE_URL}.",
        **schema,
    }
    if defs:
        top["$defs"] = {name: _clean(value, models[name]) for name, value in defs.items()}
    return top


def rendered_schemas() -> dict[str, str]:
    """File name → file content, for every kind."""
    return {
        kind.schema_file: json.dumps(schema_for(kind), indent=2, ensure_ascii=False) + "\n"
        for kind in KINDS.values()
    }


def write_schemas(data_dir: Path) -> list[Path]:
    """Write every schema that is missing or out of date; return the files written."""
    folder = data_dir / SCHEMA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in rendered_schemas().items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def schema_problems(data_dir: Path) -> list[Problem]:
    """Schemas that are missing, out of date or left over, and data files without the schema line."""
    folder = data_dir / SCHEMA_FOLDER
    expected = rendered_schemas()
    problems = []
    for name, text in expected.items():
        path = folder / name
        if not path.is_file():
            problems.append(Problem(str(path), 1, "", "JSON-schemat saknas", REGENERATE))
        elif path.read_text(encoding="utf-8") != text:
            problems.append(
                Problem(
                    str(path),
                    1,
                    "",
                    "JSON-schemat stämmer inte med modellerna i hooks/tcv/models.py",
                    REGENERATE,
                )
            )
    if folder.is_dir():
        problems.extend(
            Problem(str(path), 1, "", "okänt schema", "ta bort filen")
            for path in sorted(folder.glob("*.json"))
            if path.name not in expected
        )
    for path, line in data_files(data_dir):
        if _first_line(path) != line:
            problems.append(
                Problem(
                    str(path),
                    1,
                    "",
                    "första raden pekar inte ut JSON-schemat",
                    f"gör '{line}' till första raden, eller {REGENERATE}",
                )
            )
    return sorted(problems)


def data_files(data_dir: Path) -> list[tuple[Path, str]]:
    """Every data file with the schema line it should start with."""
    found = []
    for kind in KINDS.values():
        if kind.file:
            path = data_dir / kind.file
            if path.is_file():
                found.append((path, kind.schema_line))
        else:
            found.extend(
                (path, kind.schema_line) for path in sorted((data_dir / kind.folder).glob("*.yml"))
            )
    return found


def add_schema_lines(data_dir: Path) -> list[Path]:
    """Make the schema line the first line of every data file; nothing else in a file changes."""
    changed = []
    for path, line in data_files(data_dir):
        text = path.read_text(encoding="utf-8")
        first, newline, rest = text.partition("\n")
        if first == line:
            continue
        if first.startswith(SCHEMA_LINE_START):  # points elsewhere: replace it
            text = f"{line}\n{rest}" if newline else f"{line}\n"
        else:
            text = f"{line}\n{text}"
        path.write_text(text, encoding="utf-8")
        changed.append(path)
    return changed


def _first_line(path: Path) -> str:
    with path.open(encoding="utf-8") as file:
        return file.readline().rstrip("\n")


# --- Cleaning pydantic's output -----------------------------------------------------------------


def _reachable(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """Every model used by `model`, by class name (the names pydantic gives its $defs)."""
    found: dict[str, type[BaseModel]] = {}
    stack = [model]
    while stack:
        current = stack.pop()
        if current.__name__ in found:
            continue
        found[current.__name__] = current
        for info in current.model_fields.values():
            stack.extend(models_in(info.annotation))
    return found


def _clean(schema: dict[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    """One model's schema: fields in the order editors write them, Swedish descriptions,
    no English titles made up from field names."""
    result = {k: _strip_titles(v) for k, v in schema.items() if k not in ("title", "description")}
    note = " ".join(filter(None, [GROUPS.get(model, ""), RULES.get(model, "")]))
    properties = result.get("properties", {})
    ordered = {}
    for name in field_order(model):
        prop = dict(properties[name])
        description = field_description(model, name)
        prop.pop("description", None)
        ordered[name] = {"description": description, **prop} if description else prop
    if properties:
        result["properties"] = ordered
    if "required" in result:
        result["required"] = [n for n in field_order(model) if n in result["required"]]
    if note:
        result = {"description": note, **result}
    return result


def _strip_titles(value: Any) -> Any:
    """Drop the 'title' keywords pydantic writes; keep properties that are named title."""
    if isinstance(value, list):
        return [_strip_titles(v) for v in value]
    if not isinstance(value, dict):
        return value
    result = {}
    for key, item in value.items():
        if key == "title" and isinstance(item, str):
            continue
        if key in ("properties", "$defs"):
            result[key] = {name: _strip_titles(sub) for name, sub in item.items()}
        else:
            result[key] = _strip_titles(item)
    return result
