"""The data contract as plain objects: every kind of record and every field it has, in Swedish.

Read from the pydantic models in models.py, so that the field reference on the site, the JSON
Schemas in data/schemas/ and the templates of `scripts/new` never drift from the code that
validates the data. Wording that the models do not carry (what a group of fields is, the rules
that span several fields, descriptions of self-explanatory fields) lives here, next to a test
that fails when a model gains a field or a rule without it.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal, get_args, get_origin

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import labels, models
from .kinds import KINDS, Kind
from .models import PATTERN_HINTS

if TYPE_CHECKING:
    from .site import Site

FIELD_REFERENCE_URL = "redaktorer/faltreferens/"


# What each group of fields is, for the models that are not records of their own.
GROUPS: dict[type[BaseModel], str] = {
    models.Source: "En källa: var uppgifterna kommer ifrån.",
    models.Contact: "Kontaktvägar till en person eller funktion.",
    models.Address: "En postadress.",
    models.Organisation: "En organisation.",
    models.Period: "En tidsperiod med start- och slutdatum.",
    models.Goals: "Projektets mål.",
    models.Financing: "Projektets budget och bidrag.",
    models.Municipality: "En kommun.",
    models.Certification: "Teknikcollege-status som ett beslut eller en ansökan har gett "
    "utbildningen. Utelämnas när inget sådant finns; då visas utbildningen som inte certifierad.",
    models.Orientation: "Inriktningen inom ett nationellt program.",
    models.Application: "Hur och när man söker.",
    models.Study: "Hur utbildningen läses; viktigt för vuxna.",
    models.Figure: "En siffra om yrket, alltid med källa.",
    models.OccupationEnglish: "Yrket på engelska, för de engelska sidorna.",
    models.Image: "En bild med alternativtext.",
    models.AdmissionDate: "Ett datum i gymnasieantagningen, alltid med källa.",
}

# Rules that span several fields (the models' own validators), in the words of the validator.
RULES: dict[type[BaseModel], str] = {
    models.Contact: "Minst en av email, phone och website måste finnas.",
    models.Period: "end ska vara efter start.",
    models.Municipality: "En ansluten kommun (membership: member) behöver since.",
    models.Certification: "Varje status behöver source: beslutet eller ansökan som ger den. "
    "En certifierad utbildning (status: certified) behöver både certified_on och valid_until, "
    "och valid_until ska vara efter certified_on.",
    models.Source: "Läsdatumet (read_on) får inte ligga före publiceringsdatumet (published).",
    models.Programme: "areas och partners får inte innehålla samma värde två gånger.",
    models.Company: "En medfinansiär (role: co_financier) behöver co_financing; "
    "andra företag har ingen co_financing.",
    models.Event: "Ett evenemang behöver municipality eller digital: true, och address står bara "
    "tillsammans med municipality. end ska vara efter start, och id:na arkiv och kalender är "
    "upptagna av sidor under /aktuellt/.",
}

# Descriptions for the fields whose model leaves them out because the name says it in English.
DESCRIPTIONS: dict[str, str] = {
    "name": "Namnet som det ska stå på webbplatsen",
    "short_name": "Kort namn eller förkortning",
    "website": "Webbplatsens adress",
    "email": "E-postadress",
    "phone": "Telefonnummer",
    "kind": "Slag av anordnare",
    "level": "Utbildningsform",
    "areas": "Teknikområden som utbildningen eller yrket hör till",
    "certified_on": "Datum för certifieringsbeslutet",
    "valid_until": "Sista dagen som certifieringen gäller",
    "what_you_learn": "Vad man lär sig, en punkt per rad",
    "pace": "Studietakt",
    "contact": "Kontaktuppgifter",
    "address": "Adress",
    "orientation": "Inriktning inom programmet",
    "certification": "Certifiering i Teknikcollege",
    "study": "Hur utbildningen läses",
    "apply": "Hur och när man söker",
    "quote": "Ett citat från personen",
    "story": "Berättelsen, i Markdown",
    "audiences": "Vilka berättelsen särskilt vänder sig till",
    "image": "Ett foto av personen",
    "programme_name": "Utbildningens namn, om den inte finns i data/programmes/",
    "width": "Bildens bredd i pixlar",
    "height": "Bildens höjd i pixlar",
    "start": "Första dagen",
    "end": "Sista dagen",
    "project_period": "Projektperioden",
    "goals": "Projektets mål",
    "financing": "Projektets finansiering",
    "municipalities": "Länets kommuner, en post per kommun",
    "description": "Beskrivning i Markdown",
    "employer_name": "Arbetsgivarens namn, om företaget inte finns i data/companies/",
}

# Descriptions that depend on the group the field stands in.
GROUP_DESCRIPTIONS: dict[tuple[type[BaseModel], str], str] = {
    (models.Municipality, "id"): "Kommunens id; andra filer hänvisar till kommunen med det",
    (models.OccupationEnglish, "name"): "Yrkets namn på engelska",
    (models.OccupationEnglish, "summary"): "En mening om yrket, på engelska",
    (models.OccupationEnglish, "what_you_do"): "Vad man gör i yrket, på engelska, i Markdown",
    (models.OccupationEnglish, "a_day_at_work"): "En vanlig arbetsdag, på engelska, i Markdown",
    (models.Organisation, "name"): "Organisationens namn",
}

# Examples for text with a fixed form, written as YAML wants them.
_PATTERN_EXAMPLES = {
    models.SLUG_PATTERN: "exempel-id",
    models.HTTPS_PATTERN: "https://www.example.se",
    models.EMAIL_PATTERN: "namn@example.se",
    models.PHONE_PATTERN: "090-123 45 67",
    r"^[0-9]{4}$": '"2480"',
    r"^[0-9]{8}$": '"12345678"',
    r"^[A-Z]{2}$": "TE",
    r"^[A-Z0-9]{4,10}$": "EEAUT",
    models.POSTAL_CODE_PATTERN: '"901 84"',
    models.IMAGE_FILE_PATTERN: "fornamn-efternamn.webp",
    models.PARTIAL_DATE_PATTERN: "2016-06",
}
_TEXT_TYPES = {
    models.SLUG_PATTERN: "id",
    models.HTTPS_PATTERN: "webbadress",
    models.EMAIL_PATTERN: "e-postadress",
    models.PHONE_PATTERN: "telefonnummer",
    models.PARTIAL_DATE_PATTERN: "år, månad eller datum",
}
_LABELS = (
    labels.LEVELS,
    labels.AREAS,
    labels.CERTIFICATION,
    labels.MEMBERSHIP,
    labels.COMPANY_ROLES,
    labels.PROVIDER_KINDS,
    labels.OFFERS,
    labels.PACE,
    labels.ADMISSION_STEPS,
    labels.EVENT_KINDS,
    labels.EVENT_AUDIENCES,
)
_AUDIENCES = {
    "flickor_kvinnor": "Flickor och kvinnor",
    "utrikes_fodda": "Utrikes födda",
    "karriarvaxlare": "Vuxna som byter yrke",
    "unga": "Unga",
    "foraldrar": "Föräldrar",
}
_EXAMPLE_LENGTH = 60


@dataclass(frozen=True)
class Allowed:
    value: str
    meaning: str = ""


@dataclass(frozen=True)
class FieldDoc:
    """One field as an editor writes it: `path` like `apply.how` or `sources[].title`."""

    path: str
    type: str  # Swedish, e.g. "datum", "lista med id"
    required: bool  # must be written where its group is written
    required_always: bool  # must be written in every file of this kind
    description: str
    example: str = ""  # YAML, as written after "name: "
    allowed: tuple[Allowed, ...] = ()
    rule: str = ""  # the form or limits the value must keep, in Swedish
    group: bool = False  # a group of fields (written indented below)
    items: bool = False  # a list; for a list of groups every item has the sub-fields
    automatic: bool = False  # filled in from the file name

    @property
    def name(self) -> str:
        return re.split(r"\.|\[\]\.", self.path)[-1]

    @property
    def parent(self) -> str:
        return self.path[: -len(self.name)].rstrip(".").removesuffix("[]")

    @property
    def requirement(self) -> str:
        """'ja', 'nej' or when it is needed, as the reference page says it."""
        if self.automatic:
            return "nej, fylls i från filnamnet"
        if not self.required:
            return "nej"
        if self.required_always:
            return "ja"
        return f"ja, om {self.parent} finns med"


@dataclass(frozen=True)
class KindDoc:
    kind: Kind
    note: str  # what this kind of record is, and its rules across fields
    fields: tuple[FieldDoc, ...]

    @property
    def required_fields(self) -> list[FieldDoc]:
        """The fields a new file must fill in (those inside required groups included)."""
        return [f for f in self.fields if f.required_always and not f.group]


# --- From models to plain objects ---------------------------------------------------------------


@dataclass
class _Shape:
    """A field's type with the wrappers taken off."""

    base: Any = str
    item: _Shape | None = None  # for lists
    values: tuple[str, ...] = ()  # for Literal
    constraints: dict[str, Any] = field(default_factory=dict)
    markdown: bool = False


def field_reference(site: Site | None = None) -> list[KindDoc]:
    """Every kind of record with all its fields. With a `site`, examples come from real records
    where there are any (role models excepted: their data is about people)."""
    return [describe_kind(kind, site) for kind in KINDS.values()]


def describe_kind(kind: Kind, site: Site | None = None) -> KindDoc:
    records = _records(site, kind) if site is not None else []
    fields = tuple(_fields(kind.model, "", True, records))
    if kind.folder:
        fields = tuple(
            replace(f, required=False, required_always=False, automatic=True, example="")
            if f.path == "id"
            else f
            for f in fields
        )
    return KindDoc(kind, " ".join(filter(None, [kind.description, RULES.get(kind.model)])), fields)


# Groups whose fields are the same wherever they stand: the reference page explains them once.
SHARED_GROUPS = {"sources": models.Source, "source": models.Source}


def is_shared(field: FieldDoc) -> bool:
    """A field inside a shared group (`sources[].title`, `certification.source.url`)."""
    return field.parent.rsplit(".", 1)[-1] in SHARED_GROUPS


def shared_fields() -> list[FieldDoc]:
    """The fields of a source, as the reference page lists them once for every kind."""
    return list(_fields(models.Source, "", True, []))


def field_order(model: type[BaseModel]) -> list[str]:
    """The record's own fields first (id leading), the shared ones (verified_on, sources) last."""
    shared = list(models.Record.model_fields)
    names = [n for n in model.model_fields if n not in shared]
    if "id" in names:
        names.remove("id")
        names.insert(0, "id")
    return names + [n for n in shared if n in model.model_fields]


def _fields(
    model: type[BaseModel], prefix: str, parent_always: bool, records: list[Any]
) -> Iterator[FieldDoc]:
    for name in field_order(model):
        info = model.model_fields[name]
        path = f"{prefix}{name}"
        shape = _shape(info.annotation, info.metadata)
        required = info.is_required()
        always = required and parent_always
        values = [getattr(r, name, None) for r in records]
        found = [v for v in values if v not in (None, [], "")]
        group_model = _model_of(shape)
        doc = FieldDoc(
            path=path,
            type=_type_name(shape),
            required=required,
            required_always=always,
            description=field_description(model, name),
            example=_example(shape, found),
            allowed=_allowed(shape),
            rule=_rule(shape, group_model),
            group=group_model is not None,
            items=shape.base is list,
        )
        yield doc
        if group_model is not None:
            child_prefix = f"{path}[]." if shape.base is list else f"{path}."
            children = [
                item
                for v in found
                for item in (v if isinstance(v, list) else [v])
                if isinstance(item, BaseModel)
            ]
            yield from _fields(group_model, child_prefix, always, children)


def _shape(annotation: Any, metadata: list[Any] | tuple[Any, ...] = ()) -> _Shape:
    shape = _Shape()
    _take_metadata(shape, metadata)
    while True:
        origin = get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = get_args(annotation)
            _take_metadata(shape, extra)
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in get_args(annotation) if a is not type(None))
        elif origin is Literal:
            shape.base, shape.values = Literal, tuple(str(v) for v in get_args(annotation))
            return shape
        elif origin is list:
            shape.base, shape.item = list, _shape(get_args(annotation)[0])
            return shape
        else:
            shape.base = annotation
            return shape


def _take_metadata(shape: _Shape, items: Any) -> None:
    for item in items:
        if isinstance(item, FieldInfo):
            _take_metadata(shape, item.metadata)
            continue
        if getattr(item, "func", None) is models._markdown:
            shape.markdown = True
        for key in ("pattern", "min_length", "ge", "gt", "le", "lt"):
            value = getattr(item, key, None)
            if value is not None:
                shape.constraints[key] = value


def _model_of(shape: _Shape) -> type[BaseModel] | None:
    target = shape.item.base if shape.item is not None else shape.base
    if isinstance(target, type) and issubclass(target, BaseModel):
        return target
    return None


def _type_name(shape: _Shape) -> str:
    if shape.base is list and shape.item is not None:
        item = shape.item
        if _model_of(shape) is not None:
            return "lista med grupper av fält"
        if item.base is Literal:
            return "lista med värden"
        return f"lista med {_type_name(item)}"
    if isinstance(shape.base, type) and issubclass(shape.base, BaseModel):
        return "grupp av fält"
    if shape.base is Literal:
        return "ett av värdena"
    if shape.base is bool:
        return "true eller false"
    if shape.base is datetime:
        return "datum och klockslag"
    if shape.base is date:
        return "datum"
    if shape.base is int:
        return "heltal"
    if shape.base is float:
        return "tal"
    pattern = shape.constraints.get("pattern")
    if pattern:
        return _TEXT_TYPES.get(pattern, "text med bestämd form")
    return "text (Markdown)" if shape.markdown else "text"


def _allowed(shape: _Shape) -> tuple[Allowed, ...]:
    values = (shape.item or shape).values if shape.base is list else shape.values
    return tuple(Allowed(v, _meaning(v, values)) for v in values)


def _meaning(value: str, values: tuple[str, ...]) -> str:
    for table in (*_LABELS, _AUDIENCES):
        if set(values) <= set(table):
            return table[value]
    return ""


def _rule(shape: _Shape, group: type[BaseModel] | None) -> str:
    parts = []
    limits = shape.constraints
    if shape.base is list and "min_length" in limits:
        n = limits["min_length"]
        parts.append(f"minst {n} {'värde' if n == 1 else 'värden'}")
    target = shape.item if shape.base is list and shape.item else shape
    pattern = target.constraints.get("pattern")
    if pattern:
        parts.append(PATTERN_HINTS.get(pattern, ""))
    for key, word in (("ge", "minst"), ("gt", "större än"), ("le", "högst"), ("lt", "mindre än")):
        if key in target.constraints:
            parts.append(f"{word} {_number(target.constraints[key])}")
    if target.markdown:
        parts.append("länkar bara till https:, mailto: eller tel:")
    text = "; ".join(p for p in parts if p)
    across = RULES.get(group, "") if group is not None else ""
    return f"{text}. {across}" if text and across else text or across


def _number(value: Any) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def field_description(model: type[BaseModel], name: str) -> str:
    """What a field is, in Swedish: the model's description, else the wording kept here."""
    info = model.model_fields[name]
    group = _model_of(_shape(info.annotation, info.metadata))
    return (
        info.description
        or GROUP_DESCRIPTIONS.get((model, name))
        or DESCRIPTIONS.get(name)
        or (GROUPS.get(group, "") if group is not None else "")
    )


def _example(shape: _Shape, found: list[Any]) -> str:
    if _model_of(shape) is not None:
        return ""
    if found:
        return _yaml_scalar(found[0])
    return _type_example(shape)


def _type_example(shape: _Shape) -> str:
    if shape.base is list and shape.item is not None:
        inner = _type_example(shape.item)
        return f"[{inner}]" if inner else ""
    if shape.base is Literal:
        return shape.values[0]
    if shape.base is bool:
        return "true"
    if shape.base is datetime:
        return "2027-01-20 18:00"
    if shape.base is date:
        return "2026-08-03"
    if shape.base is int:
        if "gt" in shape.constraints:
            return "800"
        return "3" if shape.constraints.get("ge", 0) >= 1 else "156250"
    if shape.base is float:
        return "49.94"
    pattern = shape.constraints.get("pattern")
    if pattern:
        return _PATTERN_EXAMPLES.get(pattern, "")
    return ""


def _yaml_scalar(value: Any) -> str:
    """A value as an editor writes it in YAML; long text shortened."""
    if isinstance(value, list):
        value = [_shorten(v) if isinstance(v, str) else v for v in value[:3]]
        text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1000)
    else:
        value = _shorten(value) if isinstance(value, str) else value
        text = yaml.safe_dump(value, allow_unicode=True, width=1000)
    return text.strip().removesuffix("...").strip()


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _EXAMPLE_LENGTH else text[: _EXAMPLE_LENGTH - 1].rstrip() + "…"


def _records(site: Site, kind: Kind) -> list[Any]:
    if kind.name == "role_model":
        return []
    if kind.name == "region":
        return [site.region]
    if kind.name == "municipalities":
        return [
            models.MunicipalityList.model_construct(
                municipalities=list(site.municipalities.values())
            )
        ]
    return list(getattr(site, kind.folder or "", {}).values())
