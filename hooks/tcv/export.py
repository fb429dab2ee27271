"""The data as open data: a Frictionless Data Package (one CSV per table + datapackage.json)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from frictionless import FrictionlessException, Package, system

from . import labels, urls
from .finder import CERTIFICATION_SLUGS
from .kinds import KINDS, Kind, target
from .offerings import FIGURES, SourceNote
from .site import Site

LICENSE = {
    "name": "CC0-1.0",
    "title": "Creative Commons Zero v1.0 Universal",
    "path": "https://creativecommons.org/publicdomain/zero/1.0/",
}


def _field(
    name: str, type_: str, description: str, format: str | None = None, **constraints: Any
) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "type": type_, "description": description}
    if format:
        field["format"] = format
    if constraints:
        field["constraints"] = constraints
    return field


def _enum(values: Iterable[str]) -> dict[str, Any]:
    return {"enum": list(values)}


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    fields: list[dict[str, Any]]
    rows: Callable[[Site], Iterable[tuple[Any, ...]]]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str], ...] = ()  # (field, referenced table); always to .id

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    def descriptor(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "fields": self.fields,
            "primaryKey": list(self.primary_key),
        }
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": [field], "reference": {"resource": table, "fields": ["id"]}}
                for field, table in self.foreign_keys
            ]
        return {
            "name": self.name,
            "title": self.title,
            "path": self.path,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "profile": "tabular-data-resource",
            "schema": schema,
        }

    def csv_text(self, site: Site) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(f["name"] for f in self.fields)
        writer.writerows(tuple(_cell(v) for v in row) for row in self.rows(site))
        return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _table(kind: Kind) -> str:
    """A kind's table in the package: named like its folder (or file) in data/."""
    return kind.folder or kind.name


def _keys(kind: str) -> tuple[tuple[str, str], ...]:
    """The foreign keys of a kind's table: its single-valued references (kinds.py)."""
    return tuple((r.field, _table(target(r))) for r in KINDS[kind].references if not r.many)


ID = _field("id", "string", "Postens id, samma som filnamnet i data/", required=True, unique=True)
VERIFIED = _field(
    "verified_on",
    "date",
    "När en redaktör stämde av uppgifterna med skolan, kommunen, företaget eller ett officiellt "
    "register; tomt när uppgifterna bara bygger på källorna",
)
# Where a source's date is known to the year or month only, the text keeps that precision.
PARTIAL_DATE = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"

TABLES = (
    Table(
        "municipalities",
        "Kommuner",
        [
            ID,
            _field("name", "string", "Kommunens namn", required=True),
            _field("code", "string", "SCB:s kommunkod", required=True, pattern="[0-9]{4}"),
            _field("membership", "string", "Anslutning", required=True, **_enum(labels.MEMBERSHIP)),
            _field("since", "date", "Sedan när anslutningen gäller"),
            _field("co_financing", "integer", "Medfinansiering i kronor", minimum=0),
            VERIFIED,
        ],
        lambda site: (
            (m.id, m.name, m.code, m.membership, m.since, m.co_financing, m.verified_on)
            for m in site.municipalities.values()
        ),
        ("id",),
    ),
    Table(
        "providers",
        "Utbildningsanordnare",
        [
            ID,
            _field("name", "string", "Namn", required=True),
            _field("municipality", "string", "Kommunens id", required=True),
            _field(
                "kind", "string", "Typ av anordnare", required=True, **_enum(labels.PROVIDER_KINDS)
            ),
            _field("school_unit_code", "string", "Skolverkets skolenhetskod", pattern="[0-9]{8}"),
            _field("website", "string", "Webbplats", format="uri"),
            VERIFIED,
        ],
        lambda site: (
            (p.id, p.name, p.municipality, p.kind, p.school_unit_code, p.website, p.verified_on)
            for p in site.providers.values()
        ),
        ("id",),
        _keys("provider"),
    ),
    Table(
        "programmes",
        "Utbildningar",
        [
            ID,
            _field("name", "string", "Utbildningens namn", required=True),
            _field("provider", "string", "Anordnarens id", required=True),
            _field("level", "string", "Form", required=True, **_enum(labels.LEVELS)),
            _field("programme_code", "string", "Nationell programkod"),
            _field("orientation", "string", "Inriktning"),
            _field(
                "certification_status",
                "string",
                "Teknikcollege-status enligt ett beslut med källa; tomt när inget beslut finns",
                **_enum(["in_review", "certified", "decertified"]),
            ),
            _field(
                "certification_state",
                "string",
                "Certifieringen som den visas på byggdagen (en utgången certifiering är utgangen)",
                required=True,
                **_enum(CERTIFICATION_SLUGS.values()),
            ),
            _field("certified_on", "date", "Certifierad från"),
            _field("valid_until", "date", "Certifieringen gäller till och med"),
            _field("pace", "string", "Studietakt", **_enum(labels.PACE)),
            _field("distance", "boolean", "Kan läsas på distans"),
            _field("application_deadline", "date", "Sista ansökningsdag"),
            _field("summary", "string", "Kort beskrivning", required=True),
            _field("page", "string", "Sidan på webbplatsen, relativt webbplatsens rot"),
            VERIFIED,
        ],
        lambda site: (
            (
                p.id,
                p.name,
                p.provider,
                p.level,
                p.programme_code,
                p.orientation.name if p.orientation else None,
                p.certification.status if p.certification else None,
                CERTIFICATION_SLUGS[site.certification_state(p)],
                p.certification.certified_on if p.certification else None,
                p.certification.valid_until if p.certification else None,
                p.study.pace if p.study else None,
                p.study.distance if p.study else None,
                p.apply.deadline,
                p.summary,
                urls.record("programme", p.id),
                p.verified_on,
            )
            for p in site.programmes.values()
        ),
        ("id",),
        _keys("programme"),
    ),
    Table(
        "programme_areas",
        "Utbildningarnas områden",
        [
            _field("programme", "string", "Utbildningens id", required=True),
            _field("area", "string", "Område", required=True, **_enum(labels.AREAS)),
        ],
        lambda site: ((p.id, a) for p in site.programmes.values() for a in p.areas),
        ("programme", "area"),
        (("programme", "programmes"),),
    ),
    Table(
        "companies",
        "Företag och organisationer",
        [
            ID,
            _field("name", "string", "Namn", required=True),
            _field(
                "role",
                "string",
                "Roll i etableringen",
                required=True,
                **_enum(labels.COMPANY_ROLES),
            ),
            _field("municipality", "string", "Kommunens id, om det är känt"),
            _field("co_financing", "integer", "Medfinansiering i kronor", minimum=0),
            _field("website", "string", "Webbplats", format="uri"),
            VERIFIED,
        ],
        lambda site: (
            (c.id, c.name, c.role, c.municipality, c.co_financing, c.website, c.verified_on)
            for c in site.companies.values()
        ),
        ("id",),
        _keys("company"),
    ),
    Table(
        "programme_partners",
        "Partnerföretag per utbildning",
        [
            _field("programme", "string", "Utbildningens id", required=True),
            _field("company", "string", "Företagets id", required=True),
        ],
        lambda site: ((p.id, c) for p in site.programmes.values() for c in p.partners),
        ("programme", "company"),
        (("programme", "programmes"), ("company", "companies")),
    ),
    Table(
        "company_offers",
        "Vad företagen erbjuder elever",
        [
            _field("company", "string", "Företagets id", required=True),
            _field("offer", "string", "Erbjudande", required=True, **_enum(labels.OFFERS)),
        ],
        lambda site: ((c.id, o) for c in site.companies.values() for o in c.offers),
        ("company", "offer"),
        (("company", "companies"),),
    ),
    Table(
        "occupations",
        "Yrken",
        [
            ID,
            _field("name", "string", "Yrkets namn", required=True),
            _field("summary", "string", "Kort beskrivning", required=True),
            VERIFIED,
        ],
        lambda site: ((o.id, o.name, o.summary, o.verified_on) for o in site.occupations.values()),
        ("id",),
    ),
    Table(
        "occupation_programmes",
        "Utbildningar som leder till yrken",
        [
            _field("occupation", "string", "Yrkets id", required=True),
            _field("programme", "string", "Utbildningens id", required=True),
        ],
        lambda site: ((o.id, p) for o in site.occupations.values() for p in o.programmes),
        ("occupation", "programme"),
        (("occupation", "occupations"), ("programme", "programmes")),
    ),
    Table(
        "sources",
        "Källor till uppgifterna",
        [
            _field(
                "table",
                "string",
                "Tabellen som posten står i",
                required=True,
                **_enum(
                    [
                        "region",
                        "municipalities",
                        "providers",
                        "programmes",
                        "companies",
                        "occupations",
                    ]
                ),
            ),
            _field("record", "string", "Postens id (regionen: region)", required=True),
            _field("number", "integer", "Källans ordning hos posten, från 1", required=True),
            _field(
                "about",
                "string",
                "Vad källan styrker: posten, eller certifieringen (beslutet eller ansökan)",
                required=True,
                **_enum(["record", "certification"]),
            ),
            _field("publisher", "string", "Vem som gav ut källan", required=True),
            _field("title", "string", "Källans titel", required=True),
            _field("url", "string", "Adress till källan", format="uri"),
            _field(
                "published",
                "string",
                "När källan publicerades: ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD",
                required=True,
                pattern=PARTIAL_DATE,
            ),
            _field(
                "read_on",
                "string",
                "När en redaktör läste källan: ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD",
                required=True,
                pattern=PARTIAL_DATE,
            ),
        ],
        lambda site: _source_rows(site),
        ("table", "record", "about", "number"),
    ),
)


# --- The official snapshots (data/official/), only when there are any ----------------------------


@dataclass(frozen=True)
class OfficialTable(Table):
    """Rows from an authority's open data: the resource names its source and its terms."""

    snapshot: str = "planned"  # 'planned' (Skolverket) or 'outlook' (Arbetsförmedlingen)

    def source(self, site: Site) -> SourceNote | None:
        offerings = site.offerings
        return offerings.planned_source if self.snapshot == "planned" else offerings.outlook_source

    def licence(self, site: Site) -> str | None:
        official = site.offerings.official
        snapshot = getattr(official, self.snapshot, None) if official else None
        return snapshot.source.licence if snapshot else None


def _official_fields() -> list[dict[str, Any]]:
    return [
        _field("source", "string", "Myndigheten som publicerade uppgiften", required=True),
        _field("fetched_on", "date", "När uppgiften hämtades från myndighetens öppna data"),
    ]


def _source_cells(source: SourceNote | None) -> tuple[Any, ...]:
    return (source.publisher, source.fetched_on) if source else (None, None)


OFFICIAL_TABLES = (
    OfficialTable(
        "official_programmes",
        "Tekniska gymnasieprogram enligt Skolverket",
        [
            _field(
                "school_unit_code",
                "string",
                "Skolverkets skolenhetskod",
                required=True,
                pattern="[0-9]{8}",
            ),
            _field("school_unit_name", "string", "Skolenhetens namn hos Skolverket", required=True),
            _field("municipality", "string", "Kommunens id", required=True),
            _field("programme_code", "string", "Nationell programkod", required=True),
            _field("name", "string", "Programmets namn hos Skolverket", required=True),
            _field("school_years", "string", "Läsår som utbildningen planeras starta"),
            _field("orientations", "string", "Inriktningar: kod och namn, åtskilda av semikolon"),
            _field("level", "string", "Form", required=True, **_enum(["gymnasium", "larling"])),
            _field(
                "programmes",
                "string",
                "Redaktionens utbildningar (id) som motsvarar programmet, åtskilda av mellanslag; tomt när ingen finns",
            ),
            *_official_fields(),
        ],
        lambda site: (
            (
                o.unit.code,
                o.unit.name,
                o.municipality.id,
                o.programme_code,
                o.name,
                " ".join(o.school_years),
                "; ".join(f"{p.code}: {p.name}" for p in o.orientations),
                o.level,
                " ".join(p.id for p in o.curated),
                *_source_cells(o.source),
            )
            for o in site.offerings.official_programmes
        ),
        ("school_unit_code", "programme_code"),
        (("municipality", "municipalities"),),
    ),
    OfficialTable(
        "official_figures",
        "Skolverkets statistik för programmen",
        [
            _field(
                "school_unit_code",
                "string",
                "Skolverkets skolenhetskod",
                required=True,
                pattern="[0-9]{8}",
            ),
            _field("programme_code", "string", "Nationell programkod", required=True),
            _field(
                "figure",
                "string",
                "Vilken uppgift",
                required=True,
                **_enum(name for name, _, _ in FIGURES),
            ),
            _field("number", "integer", "Uppgiftens ordning för programmet, från 1", required=True),
            _field("period", "string", "År eller läsår som uppgiften gäller"),
            _field("value", "number", "Värdet; tomt när Skolverket inte publicerar något"),
            _field(
                "status",
                "string",
                "exists, rounded (avrundat), suppressed (för få elever) eller missing",
                required=True,
                **_enum(["exists", "rounded", "suppressed", "missing"]),
            ),
            _field("raw", "string", "Värdet som Skolverket skrev det"),
            *_official_fields(),
        ],
        lambda site: _figure_rows(site),
        ("school_unit_code", "programme_code", "figure", "number"),
    ),
    OfficialTable(
        "official_adult_education",
        "Teknisk vuxenutbildning och yrkeshögskola enligt Skolverket",
        [
            _field(
                "id",
                "string",
                "Skolverkets id för utbildningstillfället",
                required=True,
                unique=True,
            ),
            _field("title", "string", "Utbildningens namn", required=True),
            _field("provider_name", "string", "Anordnarens namn hos Skolverket"),
            _field("municipality", "string", "Kommunens id", required=True),
            _field(
                "level",
                "string",
                "Form",
                required=True,
                **_enum(["vuxenutbildning", "yrkeshogskola"]),
            ),
            _field("start", "date", "Startdatum"),
            _field("rolling_start", "boolean", "Löpande start", required=True),
            _field("pace_percent", "number", "Studietakt i procent"),
            _field("distance", "boolean", "Kan läsas på distans"),
            _field("last_application_date", "date", "Sista ansökningsdag"),
            *_official_fields(),
        ],
        lambda site: (
            (
                a.event.id,
                a.event.title,
                a.event.provider_name,
                a.municipality.id,
                a.level,
                a.event.start,
                a.event.rolling_start,
                a.event.pace_percent,
                a.event.distance,
                a.event.last_application_date,
                *_source_cells(a.source),
            )
            for a in site.offerings.adult_offers
        ),
        ("id",),
        (("municipality", "municipalities"),),
    ),
    OfficialTable(
        "occupation_outlooks",
        "Arbetsförmedlingens bedömning av yrkena (Yrkesbarometern)",
        [
            _field("occupation", "string", "Yrkets id", required=True),
            _field(
                "concept_id",
                "string",
                "Arbetsförmedlingens begrepps-id (yb_concept_id)",
                required=True,
            ),
            _field(
                "county", "string", "Länskod; 00 är hela Sverige", required=True, pattern="[0-9]{2}"
            ),
            _field("round", "string", "Omgången som bedömningen kommer från", required=True),
            _field(
                "job_opportunities",
                "string",
                "Jobbmöjligheter",
                **_enum(["små", "medelstora", "stora"]),
            ),
            _field(
                "recruitment_situation",
                "string",
                "Rekryteringssituation",
                **_enum(["överskott", "balans", "paradox", "brist"]),
            ),
            _field(
                "forecast",
                "string",
                "Efterfrågan på arbetskraft på fem års sikt",
                **_enum(["öka", "vara oförändrad", "minska"]),
            ),
            *_official_fields(),
        ],
        lambda site: (
            (
                occupation.id,
                row.outlook.concept_id,
                row.outlook.county,
                row.outlook.round,
                row.outlook.job_opportunities,
                row.outlook.recruitment_situation,
                row.outlook.forecast,
                *_source_cells(site.offerings.outlook_source),
            )
            for occupation in site.occupations.values()
            for row in site.offerings.outlooks_for(occupation)
        ),
        ("occupation", "county"),
        (("occupation", "occupations"),),
        snapshot="outlook",
    ),
)


def _figure_rows(site: Site) -> Iterable[tuple[Any, ...]]:
    for o in site.offerings.official_programmes:
        for name, _, _ in FIGURES:
            figures = getattr(o.statistics, name) if o.statistics else []
            for number, f in enumerate(figures, start=1):
                yield (
                    o.unit.code,
                    o.programme_code,
                    name,
                    number,
                    f.period,
                    f.value,
                    f.status,
                    f.raw,
                    *_source_cells(o.source),
                )


def tables(site: Site) -> tuple[Table, ...]:
    """The package's tables: the official ones only when data/official/ has snapshots."""
    return TABLES + OFFICIAL_TABLES if site.offerings.official else TABLES


def _descriptor(table: Table, site: Site) -> dict[str, Any]:
    descriptor = table.descriptor()
    if isinstance(table, OfficialTable):
        source = table.source(site)
        if source:
            named = {"title": f"{source.publisher}: {source.title}"}
            descriptor["sources"] = [{**named, "path": source.url} if source.url else named]
            descriptor["description"] = (
                f"{source.text}. Myndighetens villkor gäller för uppgifterna"
                + (f" ({table.licence(site)})." if table.licence(site) else ".")
            )
    return descriptor


def _source_rows(site: Site) -> Iterable[tuple[Any, ...]]:
    records: list[tuple[str, str, Any]] = [("region", "region", site.region)]
    for table, values in (
        ("municipalities", site.municipalities),
        ("providers", site.providers),
        ("programmes", site.programmes),
        ("companies", site.companies),
        ("occupations", site.occupations),
    ):
        records.extend((table, record.id, record) for record in values.values())
    for table, record_id, record in records:
        sources = [("record", record.sources)]
        certification = getattr(record, "certification", None)
        if certification is not None:
            sources.append(("certification", [certification.source]))
        for about, listed in sources:
            for number, s in enumerate(listed, start=1):
                yield (
                    table,
                    record_id,
                    number,
                    about,
                    s.publisher,
                    s.title,
                    s.url,
                    s.published,
                    s.read_on,
                )


def package_files(site: Site) -> dict[str, str]:
    """File name → text for every file of the data package."""
    files = {table.path: table.csv_text(site) for table in tables(site)}
    descriptor = {
        "name": "teknikcollege-vasterbotten",
        "title": f"{site.region.name}: utbildningar, anordnare, kommuner och företag",
        "description": "Öppna data från webbplatsen, samma uppgifter som sidorna visar.",
        "licenses": [LICENSE],
        "created": f"{site.today.isoformat()}T00:00:00Z",
        "resources": [_descriptor(table, site) for table in tables(site)],
    }
    files["datapackage.json"] = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    return files


def row_counts(site: Site) -> dict[str, int]:
    return {table.name: sum(1 for _ in table.rows(site)) for table in tables(site)}


def validate_package(descriptor: Path) -> list[str]:
    """Frictionless validation of a written package; returns readable errors (empty when valid)."""
    try:
        with system.use_context(trusted=True):
            report = Package(str(descriptor)).validate()
    except FrictionlessException as error:
        return [str(error)]
    return [
        f"{task.name}: rad {error.row_number if hasattr(error, 'row_number') else '-'}: {error.message}"
        for task in report.tasks
        for error in task.errors
    ] + [error.message for error in report.errors]
