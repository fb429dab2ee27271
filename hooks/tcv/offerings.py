"""The county's technical programmes as a visitor sees them: the editors' records joined to the
official snapshots (official.py) on school-unit code + programme code.

A programme that Skolverket lists and no editor has described is listed too, as not certified:
a Teknikcollege status only ever comes from a decision in the editors' data. Adult education
comes from the same snapshot, and an occupation's outlook from Arbetsförmedlingen's. Without
snapshots every list here is empty and the site is what the editors wrote, nothing more.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeAlias

from .dates import swedish_date
from .models import Municipality, Occupation, Programme, Provider
from .official import (
    AdultEducationEvent,
    EducationEvent,
    OfficialData,
    OfficialFigure,
    Outlook,
    PlannedSchoolUnit,
    ProgrammeStatistics,
    Snapshot,
    StudyPath,
)
from .problems import Problem, Severity
from .text import sort_key

if TYPE_CHECKING:
    from .load import Entry

# How the site groups Skolverket's programmes into its own areas (labels.AREAS), by programme
# code: the grouping the editors use for the same national programmes.
OFFICIAL_AREAS = {"EE": ("energi",), "IN": ("produktion",), "TE": ("teknik",)}

# The figures shown for a programme, in this order: (field, label, unit after a known value).
FIGURES = (
    ("admission_points_min", "Lägsta antagningspoäng", ""),
    ("admission_points_average", "Genomsnittlig antagningspoäng", ""),
    ("exam_within_3_years", "Andel med examen inom 3 år", "\u00a0%"),
    ("certified_teachers", "Andel lärare med legitimation och behörighet", "\u00a0%"),
)
# Figures that the education event carries too (Skolverket gives them when statistics are absent).
EVENT_FIGURES = ("admission_points_min", "admission_points_average")

SWEDEN = "00"
COUNTY_NAMES = {SWEDEN: "Hela Sverige", "24": "Västerbottens län"}
FORECASTS = {
    "öka": "väntas öka",
    "vara oförändrad": "väntas vara oförändrad",
    "minska": "väntas minska",
}
MISSING = "uppgift saknas"

_HTTPS = re.compile(r"""^https://[^\s<>"']+$""")


def https_or_none(url: str | None) -> str | None:
    """A register's web address, linked only when it is a plain https address."""
    return url if url and _HTTPS.match(url) else None


@dataclass(frozen=True)
class SourceNote:
    """Where an official figure comes from, as a page names it."""

    publisher: str
    title: str
    url: str | None  # https only: a mirror or a test server on http is named, not linked
    fetched_on: date

    @classmethod
    def of(cls, snapshot: Snapshot) -> SourceNote:
        source = snapshot.source
        return cls(source.publisher, source.title, https_or_none(source.url), snapshot.fetched_on)

    @property
    def fetched(self) -> str:
        return swedish_date(self.fetched_on)

    @property
    def text(self) -> str:
        """'Källa: Skolverket, hämtat 7 december 2026'."""
        return f"Källa: {self.publisher}, hämtat {self.fetched}"


@dataclass(frozen=True)
class FigureLine:
    label: str
    figure: OfficialFigure | None
    unit: str = ""

    @property
    def text(self) -> str:
        """'Lägsta antagningspoäng 2026: 172,5', or '…: uppgift saknas' when nothing is known."""
        if self.figure is None:
            return f"{self.label}: {MISSING}"
        period = f" {self.figure.period}" if self.figure.period else ""
        unit = self.unit if self.figure.is_known else ""
        return f"{self.label}{period}: {self.figure.display()}{unit}"


@dataclass(frozen=True)
class OfficialProgramme:
    """A technical programme that Skolverket lists at a school unit in the county."""

    unit: PlannedSchoolUnit
    programme_code: str
    events: tuple[EducationEvent, ...]
    municipality: Municipality
    statistics: ProgrammeStatistics | None
    website: str | None  # the school's address in Skolenhetsregistret, https only
    provider: Provider | None  # the editors' record with this school-unit code, if any
    curated: tuple[Programme, ...]  # the editors' programmes joined to this one
    source: SourceNote

    @property
    def id(self) -> str:
        return f"{self.unit.code}-{self.programme_code.lower()}"

    @property
    def name(self) -> str:
        return self.events[0].name

    @property
    def school_name(self) -> str:
        return self.provider.name if self.provider else self.unit.name

    @property
    def school_years(self) -> list[str]:
        return sorted({e.school_year for e in self.events})

    @property
    def orientations(self) -> list[StudyPath]:
        found = {p.code: p for e in self.events for p in e.orientations}
        return sorted(found.values(), key=lambda p: sort_key(p.name))

    @property
    def level(self) -> str:
        """'larling' when Skolverket lists it only as apprenticeship, else 'gymnasium'."""
        return "larling" if all(e.is_apprenticeship for e in self.events) else "gymnasium"

    @property
    def areas(self) -> tuple[str, ...]:
        return OFFICIAL_AREAS.get(self.programme_code, ())

    @property
    def lowest_admission(self) -> FigureLine:
        """The newest lowest admission points, for the programme's card."""
        return self.figures()[0]

    def figures(self) -> list[FigureLine]:
        """Every figure Skolverket published for the programme at this unit, each period on a
        line of its own; a figure Skolverket gave nothing for says so."""
        lines: list[FigureLine] = []
        for name, label, unit in FIGURES:
            published = getattr(self.statistics, name) if self.statistics else []
            if not published and name in EVENT_FIGURES:
                found = (getattr(e, name) for e in self.events)
                published = list({f.model_dump_json(): f for f in found if f}.values())
            lines.extend(FigureLine(label, f, unit) for f in published)
            if not published:
                lines.append(FigureLine(label, None))
        return lines


@dataclass(frozen=True)
class AdultOffer:
    """A course or programme in adult education that Skolverket lists in the county."""

    event: AdultEducationEvent
    municipality: Municipality
    source: SourceNote

    @property
    def id(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.event.id.lower()).strip("-")

    @property
    def level(self) -> str:
        return "yrkeshogskola" if self.event.kind == "yh" else "vuxenutbildning"

    @property
    def pace(self) -> str | None:
        """'heltid' at 100 %, 'deltid' below; None when Skolverket gives no pace."""
        percent = self.event.pace_percent
        if percent is None:
            return None
        return "heltid" if percent >= Decimal(100) else "deltid"

    @property
    def pace_text(self) -> str:
        percent = self.event.pace_percent
        if percent is None:
            return MISSING
        return f"{format(percent.normalize(), 'f').replace('.', ',')}\u00a0%"

    @property
    def start_text(self) -> str:
        if self.event.start:
            return swedish_date(self.event.start)
        return "löpande start" if self.event.rolling_start else MISSING

    def application_text(self, today: date) -> str:
        """The next last day to apply, as of `today`."""
        last = self.event.last_application_date
        if last is None:
            return MISSING
        if last < today:
            return f"sista ansökningsdagen ({swedish_date(last)}) har passerat"
        return swedish_date(last)


@dataclass(frozen=True)
class CountyOutlook:
    outlook: Outlook
    area: str  # 'Västerbottens län', 'Hela Sverige'

    @property
    def forecast(self) -> str:
        return FORECASTS[self.outlook.forecast] if self.outlook.forecast else MISSING


# One card in the finder: an editor's programme, or one that only Skolverket lists.
Listing: TypeAlias = Programme | OfficialProgramme | AdultOffer


def school_key(listing: Listing) -> str:
    """The school a listing belongs to, the same for a provider and its school unit."""
    if isinstance(listing, Programme):
        return f"provider:{listing.provider}"
    if isinstance(listing, OfficialProgramme):
        return (
            f"provider:{listing.provider.id}" if listing.provider else f"unit:{listing.unit.code}"
        )
    return f"adult:{listing.municipality.id}:{listing.event.provider_name}"


class Offerings:
    """The joins, computed once per build."""

    def __init__(
        self,
        official: OfficialData | None,
        *,
        municipalities: Iterable[Municipality],
        providers: Iterable[Provider],
        programmes: Iterable[Programme],
    ) -> None:
        self.official = official
        planned = official.planned if official else None
        registry = official.registry if official else None
        outlook = official.outlook if official else None
        self.planned_source = SourceNote.of(planned) if planned else None
        self.outlook_source = SourceNote.of(outlook) if outlook else None
        self.outlook_rounds = outlook.rounds if outlook else []
        by_code = {m.code: m for m in municipalities}
        self.counties = sorted({code[:2] for code in by_code})
        providers_by_unit = {p.school_unit_code: p for p in providers if p.school_unit_code}
        self._by_programme: dict[str, OfficialProgramme] = {}
        self._only_in: dict[str, list[OfficialProgramme]] = defaultdict(list)
        self._only_at: dict[str, list[OfficialProgramme]] = defaultdict(list)
        self._adult_in: dict[str, list[AdultOffer]] = defaultdict(list)
        self.official_programmes: list[OfficialProgramme] = []
        self.school_years: list[str] = []
        self.adult_offers: list[AdultOffer] = []
        if planned is None or self.planned_source is None:
            return
        self.school_years = planned.school_years
        curated: dict[tuple[str, str], list[Programme]] = defaultdict(list)
        providers_by_id = {p.id: p for p in providers_by_unit.values()}
        for programme in programmes:
            provider = providers_by_id.get(programme.provider)
            if provider and programme.programme_code:
                key = (str(provider.school_unit_code), programme.programme_code)
                curated[key].append(programme)
        active = {u.code: u for u in registry.school_units} if registry else None
        for unit in planned.school_units:
            municipality = by_code.get(unit.municipality_code)
            if municipality is None or (active is not None and unit.code not in active):
                continue  # not in the county, or no longer an active unit (the register decides)
            registered = active.get(unit.code) if active else None
            for code in unit.programme_codes:
                joined = tuple(curated.get((unit.code, code), ()))
                offer = OfficialProgramme(
                    unit=unit,
                    programme_code=code,
                    events=tuple(unit.events_for(code)),
                    municipality=municipality,
                    statistics=unit.statistics_for(code),
                    website=https_or_none(registered.url if registered else None),
                    provider=providers_by_unit.get(unit.code),
                    curated=joined,
                    source=self.planned_source,
                )
                self.official_programmes.append(offer)
                for programme in joined:
                    self._by_programme[programme.id] = offer
                if not joined:
                    self._only_in[municipality.id].append(offer)
                    if offer.provider:
                        self._only_at[offer.provider.id].append(offer)
        for event in planned.adult_education_events:
            municipality = by_code.get(event.municipality_code)
            if municipality is not None:
                adult = AdultOffer(event, municipality, self.planned_source)
                self.adult_offers.append(adult)
                self._adult_in[municipality.id].append(adult)
        for listed in (*self._only_in.values(), *self._only_at.values()):
            listed.sort(key=lambda o: (sort_key(o.school_name), sort_key(o.name)))
        for adults in self._adult_in.values():
            adults.sort(key=lambda a: (sort_key(a.event.title), a.event.start or date.max))

    def official_for(self, programme: Programme) -> OfficialProgramme | None:
        return self._by_programme.get(programme.id)

    def official_only_in(self, municipality: Municipality) -> list[OfficialProgramme]:
        """Programmes Skolverket lists in the municipality that no editor has described."""
        return self._only_in.get(municipality.id, [])

    def official_only_at(self, provider: Provider) -> list[OfficialProgramme]:
        return self._only_at.get(provider.id, [])

    def adult_in(self, municipality: Municipality) -> list[AdultOffer]:
        return self._adult_in.get(municipality.id, [])

    def outlooks_for(self, occupation: Occupation) -> list[CountyOutlook]:
        """The county's outlooks first, then Sweden's; none without a concept id or snapshot."""
        snapshot = self.official.outlook if self.official else None
        if snapshot is None or not occupation.concept_id:
            return []
        wanted = [*(c for c in self.counties if c != SWEDEN), SWEDEN]
        found = {o.county: o for o in snapshot.outlooks_for(occupation.concept_id)}
        return [
            CountyOutlook(found[county], COUNTY_NAMES.get(county, f"Län {county}"))
            for county in wanted
            if county in found
        ]


def check_occupations(
    occupations: Iterable[Entry[Any]], official: OfficialData | None
) -> list[Problem]:
    """An occupation's concept id names an occupation in Arbetsförmedlingen's snapshot."""
    snapshot = official.outlook if official else None
    if snapshot is None:
        return []
    known = {o.concept_id for o in snapshot.outlooks}
    fetched = swedish_date(snapshot.fetched_on)
    return [
        entry.problem(
            ["concept_id"],
            f"Yrkesbarometern har ingen bedömning för begreppet {entry.record.concept_id} "
            f"(hämtat {fetched})",
            "kontrollera id:t hos Arbetsförmedlingen (yb_concept_id) eller ta bort concept_id",
            severity=Severity.WARNING,
        )
        for entry in occupations
        if entry.record.concept_id and entry.record.concept_id not in known
    ]
