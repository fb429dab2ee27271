"""Load the data folder into typed records; report every problem at once, in Swedish."""

from __future__ import annotations

import difflib
import gc
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from .annotations import models_in
from .kinds import KINDS, record_folders, single_files
from .models import PATTERN_HINTS, SLUG_PATTERN, Municipality, MunicipalityList, Region
from .official import OFFICIAL_FOLDER  # snapshots written by `tcv sync`
from .problems import Problem
from .yamlsource import ParsedCache, YamlFile, read_yaml

M = TypeVar("M", bound=BaseModel)

# Portraits for role-model stories lie beside the story: data/role_models/<id>.webp
IMAGE_FOLDER = "role_models"
IMAGE_SUFFIXES = (".webp", ".avif", ".jpg", ".png")


@dataclass(frozen=True)
class Entry(Generic[M]):
    """A validated record and where it was written."""

    record: M
    source: YamlFile
    loc: tuple[str | int, ...] = ()

    def problem(self, loc: Sequence[str | int], message: str, hint: str = "", **kw: Any) -> Problem:
        full = (*self.loc, *loc)
        return Problem(
            self.source.display, self.source.line_of(full), _field_name(full), message, hint, **kw
        )


@dataclass
class LoadedData:
    region: Entry[Region] | None = None
    municipalities: list[Entry[Municipality]] = field(default_factory=list)
    records: dict[str, list[Entry[Any]]] = field(default_factory=dict)
    # Every id that has a file, valid or not: a reference to a file with errors is not also
    # reported as a reference to nothing.
    file_ids: dict[str, set[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Loading makes a million objects that all live on: the cyclic garbage collector, which
    would go through them again and again and find no garbage, waits (a fifth of the time at
    national scale). Afterwards they join the oldest generation without being gone through
    (gc.freeze moves every object to the permanent generation, gc.unfreeze from there to the
    oldest), so the next young collection does not go through them all either."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()


@_cyclic_gc_paused()
def load_data(data_dir: Path, cache: ParsedCache | None = None) -> LoadedData:
    """Read every data file under `data_dir`. Records that fail validation are left out and
    reported; the caller decides whether problems stop the build (they do). Files parsed before
    come from `cache` (the folder's cache in the user's cache folder unless given)."""
    loaded = LoadedData()
    if not data_dir.is_dir():
        loaded.problems.append(
            Problem(
                str(data_dir),
                1,
                "",
                "datamappen finns inte",
                "ange en mapp med region.yml, municipalities.yml och undermappar",
            )
        )
        return loaded
    cache = cache or ParsedCache.for_folder(data_dir)

    region_path = data_dir / str(KINDS["region"].file)
    if _require(region_path, loaded.problems):
        entries = _validate_file(region_path, Region, loaded.problems, cache)
        loaded.region = entries[0] if entries else None

    municipalities_path = data_dir / str(KINDS["municipalities"].file)
    if _require(municipalities_path, loaded.problems):
        for entry in _validate_file(municipalities_path, MunicipalityList, loaded.problems, cache):
            loaded.municipalities = [
                Entry(m, entry.source, ("municipalities", i))
                for i, m in enumerate(entry.record.municipalities)
            ]

    for folder, kind in record_folders().items():
        loaded.records[kind.name] = _load_folder(
            data_dir / folder,
            kind.model,
            loaded.problems,
            cache,
            loaded.file_ids.setdefault(kind.name, set()),
        )

    loaded.problems.extend(_unknown_entries(data_dir))
    cache.save()
    return loaded


def _require(path: Path, problems: list[Problem]) -> bool:
    if path.is_file():
        return True
    problems.append(Problem(str(path), 1, "", "filen saknas", "den ska finnas i datamappen"))
    return False


def _load_folder(
    folder: Path, model: type[M], problems: list[Problem], cache: ParsedCache, ids: set[str]
) -> list[Entry[M]]:
    """The records of one folder, in file name order; `ids` gets the id of every .yml file."""
    if not folder.is_dir():
        return []
    entries: list[Entry[M]] = []
    with os.scandir(folder) as found:  # names sorted as strings: quicker than Paths at scale
        files = sorted((e.name, e.is_dir()) for e in found if not e.name.startswith("."))
    for name, is_dir in files:
        path = folder / name
        if is_dir or (folder.name == IMAGE_FOLDER and path.suffix in IMAGE_SUFFIXES):
            continue  # portraits are checked where a story refers to them
        if path.suffix != ".yml":
            problems.append(
                Problem(str(path), 1, "", "filen läses inte", "datafiler ska heta <id>.yml")
            )
            continue
        file_id = path.stem
        ids.add(file_id)
        entries.extend(_validate_file(path, model, problems, cache, file_id=file_id))
    return entries


def _validate_file(
    path: Path,
    model: type[M],
    problems: list[Problem],
    cache: ParsedCache,
    file_id: str | None = None,
) -> list[Entry[M]]:
    source, data, found = read_yaml(path, cache)
    problems.extend(found)
    if data is None:
        return []
    if not isinstance(data, dict):
        problems.append(
            Problem(
                source.display,
                1,
                "",
                "filen ska bestå av fält med namn och värde",
                "skriv t.ex. 'name: Dragonskolan' på varsin rad",
            )
        )
        return []
    if file_id is not None:
        data = _with_file_id(source, data, file_id, problems)
        if data is None:
            return []
    try:
        return [Entry(model.model_validate(data), source)]
    except ValidationError as error:
        problems.extend(_translate(source, error, model))
        return []


def _with_file_id(
    source: YamlFile, data: dict, file_id: str, problems: list[Problem]
) -> dict | None:
    if not re.fullmatch(SLUG_PATTERN, file_id):
        problems.append(
            Problem(
                source.display,
                1,
                "id",
                f"filnamnet '{file_id}.yml' går inte att använda som id",
                "döp om filen: " + PATTERN_HINTS[SLUG_PATTERN],
            )
        )
        return None
    written = data.get("id", file_id)
    if written != file_id:
        problems.append(
            Problem(
                source.display,
                source.line_of(["id"]),
                "id",
                f"id '{written}' stämmer inte med filnamnet '{file_id}.yml'",
                f"ta bort raden id (filnamnet är id) eller döp om filen till {written}.yml",
            )
        )
        return None
    return {**data, "id": file_id}


def _unknown_entries(data_dir: Path) -> list[Problem]:
    known = set(single_files()) | set(record_folders()) | {"schemas", "geo", OFFICIAL_FOLDER}
    return [
        Problem(
            str(path),
            1,
            "",
            "okänd fil eller mapp i datamappen",
            "kända namn: " + ", ".join(sorted(known)),
        )
        for path in sorted(data_dir.iterdir())
        if not path.name.startswith(".") and path.name not in known and path.name != "README.md"
    ]


# --- pydantic errors in Swedish -----------------------------------------------------------------

_BOOLEAN_WORDS = "yes, no, on, off, true, false"


def _translate(source: YamlFile, error: ValidationError, model: type[BaseModel]) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        message, hint = _explain(item, _allowed_fields(model, loc))
        problems.append(
            Problem(source.display, source.line_of(loc), _field_name(loc), message, hint)
        )
    return problems


def _explain(item: dict[str, Any], allowed: list[str]) -> tuple[str, str]:
    message, hint = _explain_value(item, allowed)
    if item.get("input", "") is None and item["type"] != "missing":
        return "fältet är tomt", hint or "fyll i ett värde"
    return message, hint


def _explain_value(item: dict[str, Any], allowed: list[str]) -> tuple[str, str]:
    kind, value, ctx = item["type"], item.get("input"), item.get("ctx") or {}
    last = item["loc"][-1] if item["loc"] else ""
    if kind == "missing":
        return "obligatoriskt fält saknas", f"lägg till '{last}:' med ett värde"
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(str(last), allowed, n=1)
        if close:
            return "okänt fält", f"menade du '{close[0]}'?"
        return "okänt fält", "tillåtna fält här: " + ", ".join(allowed)
    if kind == "string_type":
        if isinstance(value, bool):
            return (
                f"ska vara text men YAML läste värdet som {'sant' if value else 'falskt'}",
                f'sätt citattecken runt ord som {_BOOLEAN_WORDS}, t.ex. "no"',
            )
        if isinstance(value, int | float):
            return (
                "ska vara text men YAML läste värdet som ett tal",
                "sätt citattecken runt värdet så att det läses exakt som det står (inledande nollor behålls)",
            )
        return "ska vara text", "skriv en textrad"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return (
            "ska vara ett heltal",
            "skriv bara siffror utan mellanslag eller citattecken, t.ex. 156250",
        )
    if kind in ("float_type", "float_parsing"):
        return "ska vara ett tal", "skriv t.ex. 49.94"
    if kind == "bool_type":
        return "ska vara true eller false", "skriv true eller false utan citattecken"
    if kind in ("date_type", "date_parsing", "date_from_datetime_inexact"):
        return "ska vara ett datum", "skriv ÅÅÅÅ-MM-DD utan citattecken, t.ex. 2026-08-03"
    if kind == "literal_error":
        return (
            f"'{value}' är inte ett tillåtet värde",
            "tillåtna värden: "
            + ctx.get("expected", "").replace("'", "").replace(" or ", " eller "),
        )
    if kind == "string_pattern_mismatch":
        return f"'{value}' har fel form", PATTERN_HINTS.get(ctx.get("pattern", ""), "")
    if kind == "string_too_short":
        return "får inte vara tomt", "skriv ett värde eller ta bort fältet om det är valfritt"
    if kind == "too_short":
        return "listan är tom", f"ange minst {ctx.get('min_length', 1)} värde"
    if kind in ("greater_than_equal", "greater_than"):
        return "värdet är för litet", f"det ska vara minst {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return "värdet är för stort", f"det ska vara högst {ctx.get('le', ctx.get('lt'))}"
    if kind == "list_type":
        return "ska vara en lista", "skriv varje värde på en egen rad som börjar med '- '"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "ska vara en grupp av fält", "skriv underfälten indragna på raderna under"
    if kind == "value_error":
        text = str(ctx.get("error", item["msg"]))
        message, _, hint = text.partition(" — ")
        return message, hint
    return f"ogiltigt värde ({item['msg']})", ""


def _allowed_fields(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names allowed where `loc` points, for 'did you mean' hints."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field_info = getattr(current, "model_fields", {}).get(part)
        if field_info is None:
            return []
        inner = models_in(field_info.annotation)
        if not inner:
            return []
        current = inner[0]
    return sorted(getattr(current, "model_fields", {}))


def _field_name(loc: Sequence[str | int]) -> str:
    return ".".join(str(part) for part in loc)
