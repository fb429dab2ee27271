"""The field reference for editors: made from the models, so it lists every field there is."""

from __future__ import annotations

import re
import types
import typing
from datetime import date
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
from bs4 import BeautifulSoup
from pydantic import BaseModel

from tcv import fieldref, labels, models
from tcv.fieldref import GROUPS, RULES, describe_kind, field_reference
from tcv.kinds import KINDS
from tcv.pages import PageRenderer
from tcv.site import load_site
from tcv.tooling.builtsite import soup

from conftest import FIXTURES, ROOT

PAGE = "redaktorer/faltreferens/"


def nested(annotation: Any) -> list[tuple[type[BaseModel], bool]]:
    """The models inside a field's type, each with whether it is a list of them."""
    origin = get_origin(annotation)
    if origin is list:
        return [(model, True) for model, _ in nested(get_args(annotation)[0])]
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        return [found for arg in get_args(annotation) for found in nested(arg)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [(annotation, False)]
    return []


def model_paths(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Every field of `model` as an editor writes it: `apply.how`, `sources[].title`."""
    paths = set()
    for name, info in model.model_fields.items():
        paths.add(prefix + name)
        for inner, is_list in nested(info.annotation):
            paths |= model_paths(inner, f"{prefix}{name}{'[]' if is_list else ''}.")
    return paths


@pytest.fixture(scope="module")
def site():
    site, _ = load_site(FIXTURES / "minimal", date(2026, 7, 1))
    return site


@pytest.fixture(scope="module")
def page(site) -> BeautifulSoup:
    """The snippet rendered the way the build renders it, with the global PageRenderer needs."""
    renderer = PageRenderer(ROOT / "theme_overrides", site)
    renderer.env.globals["field_reference"] = fieldref.field_reference
    return BeautifulSoup(renderer.snippet("field-reference", PAGE), "lxml")


def rows(page: BeautifulSoup, anchor: str) -> list[list[str]]:
    """Each field of a kind's section: the field as written in YAML, then each line about it."""
    fields = page.find("h2", id=anchor).find_next("dl")
    return [
        [dt.code.get_text(), *(p.get_text(" ", strip=True) for p in dt.find_next("dd")("p"))]
        for dt in fields("dt")
    ]


SHARED = re.compile(r"(^|\.)(sources\[\]|source)\.")


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_field_of_every_model_is_on_the_page(page: BeautifulSoup, kind: str) -> None:
    """A source's fields are explained once, under Källor; every other field in its kind."""
    shown = [row[0] for row in rows(page, KINDS[kind].swedish)]
    own = {path for path in model_paths(KINDS[kind].model) if not SHARED.search(path)}
    assert sorted(shown) == sorted(own)


def test_the_fields_of_a_source_are_explained_once_for_every_kind(page: BeautifulSoup) -> None:
    shown = [row[0] for row in rows(page, "kallor")]
    assert sorted(shown) == sorted(model_paths(models.Source))
    assert [a["href"] for a in page.select("dd a") if a.get_text() == "Källor"]


def test_every_kind_of_data_file_has_a_section(page: BeautifulSoup) -> None:
    assert [h2.get_text() for h2 in page.find_all("h2")] == [
        "Utbildning",
        "Anordnare",
        "Företag",
        "Yrke",
        "Förebild",
        "Evenemang",
        "Gymnasieantagning",
        "Kommuner",
        "Teknikcollege Västerbotten",
        "Källor",
    ]
    assert [a["href"] for a in page.select("nav a")] == [
        *(f"#{kind.swedish}" for kind in KINDS.values()),
        "#kallor",
    ]


def test_a_row_gives_type_requirement_description_allowed_values_and_example(
    page: BeautifulSoup,
) -> None:
    level = next(r for r in rows(page, "utbildning") if r[0] == "level")
    assert level == [
        "level",
        "Typ: ett av värdena. Obligatoriskt: ja.",
        "Utbildningsform",
        "Tillåtna värden: gymnasium (Gymnasium), vuxenutbildning (Vuxenutbildning (Komvux)), "
        "yrkeshogskola (Yrkeshögskola), larling (Lärling på gymnasiet)",
        "Exempel: level: gymnasium",
    ]


def test_a_field_inside_an_optional_group_is_required_only_with_its_group(
    page: BeautifulSoup,
) -> None:
    by_field = {row[0]: row[1] for row in rows(page, "utbildning")}
    assert by_field["orientation"] == "Typ: grupp av fält. Obligatoriskt: nej."
    assert by_field["orientation.name"] == "Typ: text. Obligatoriskt: ja, om orientation finns med."
    assert by_field["certification.status"] == (
        "Typ: ett av värdena. Obligatoriskt: ja, om certification finns med."
    )
    assert by_field["id"] == "Typ: id. Obligatoriskt: nej, fylls i från filnamnet."


def test_examples_come_from_the_data_and_are_written_as_yaml(page: BeautifulSoup) -> None:
    code = next(r for r in rows(page, "kommuner") if r[0] == "municipalities[].code")
    assert code[-1] == "Exempel: code: '9901'"


def test_role_models_never_lend_their_personal_data_as_examples(site) -> None:
    doc = describe_kind(KINDS["role_model"], site)
    assert {f.path: f.example for f in doc.fields}["consent_on"] == "2026-08-03"


def test_without_the_global_the_page_says_the_reference_is_missing(site) -> None:
    renderer = PageRenderer(ROOT / "theme_overrides", site)
    renderer.env.globals.pop("field_reference", None)
    html = renderer.snippet("field-reference", PAGE)
    assert "Fältreferensen saknas i det här bygget" in html


# --- The plain objects ----------------------------------------------------------------------------


def test_every_field_has_a_swedish_description_and_type() -> None:
    missing = [
        (doc.kind.name, f.path)
        for doc in field_reference()
        for f in doc.fields
        if not f.description or not f.type
    ]
    assert missing == []


def test_allowed_values_are_the_models_with_the_labels_visitors_read() -> None:
    doc = {f.path: f for f in describe_kind(KINDS["programme"]).fields}
    assert [a.value for a in doc["level"].allowed] == list(get_args(models.Level))
    assert {a.value: a.meaning for a in doc["level"].allowed} == labels.LEVELS
    assert [a.value for a in doc["areas"].allowed] == list(get_args(models.Area))
    assert all(a.meaning for a in doc["areas"].allowed)


def test_the_fields_a_new_programme_must_have() -> None:
    assert [f.path for f in describe_kind(KINDS["programme"]).required_fields] == [
        "name",
        "provider",
        "level",
        "areas",
        "summary",
        "apply.how",
    ]


def test_every_rule_across_fields_is_explained() -> None:
    """A model_validator in models.py without a sentence in fieldref.RULES fails here."""
    every_model = {k.model for k in KINDS.values()} | {
        m for k in KINDS.values() for m in reachable(k.model)
    }
    with_rules = {m for m in every_model if m.__pydantic_decorators__.model_validators}
    assert with_rules == set(RULES)


def test_every_group_of_fields_is_explained() -> None:
    groups = {m for kind in KINDS.values() for m in reachable(kind.model)} - {
        kind.model for kind in KINDS.values()
    }
    assert groups == set(GROUPS)


def reachable(model: type[BaseModel]) -> set[type[BaseModel]]:
    found: set[type[BaseModel]] = set()
    for info in model.model_fields.values():
        for inner, _ in nested(info.annotation):
            found |= {inner} | reachable(inner)
    return found


# --- On the built site ----------------------------------------------------------------------------


def test_the_editors_pages_are_built_but_not_in_the_menu(fixture_site: Path) -> None:
    assert (fixture_site / "redaktorer/index.html").is_file()
    assert (fixture_site / PAGE / "index.html").is_file()
    start = soup(fixture_site, "")
    assert not [a for a in start.select("nav a[href]") if "redaktorer" in a["href"]]
    assert soup(fixture_site, "redaktorer/").find("h1").get_text() == "För redaktörer"
    assert soup(fixture_site, PAGE).find("h1").get_text() == "Fältreferens"
