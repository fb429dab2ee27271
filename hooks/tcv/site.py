"""The validated site model: every record, linked both ways, and the figures computed from them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from . import countymap
from .admissions import Outlook, outlook
from .checks import check
from .dates import build_date
from .kinds import KINDS
from .load import LoadedData, load_data
from .models import (
    Admission,
    Company,
    Event,
    Municipality,
    Occupation,
    Programme,
    Provider,
    Region,
    RoleModel,
)
from .offerings import Listing, Offerings, check_occupations, school_key
from .official import OfficialData, check_against_official, load_official
from .problems import DataError, Problem, Severity
from .text import sort_key


@dataclass(frozen=True)
class MunicipalityProgress:
    municipality: Municipality
    certified: int
    in_review: int
    goal: int

    @property
    def reached(self) -> bool:
        return self.certified >= self.goal


class Site:
    """Everything the pages and the export need, with relations resolved once."""

    def __init__(
        self,
        *,
        today: date,
        region: Region,
        municipalities: Iterable[Municipality],
        providers: Iterable[Provider],
        programmes: Iterable[Programme],
        companies: Iterable[Company],
        role_models: Iterable[RoleModel],
        occupations: Iterable[Occupation] = (),
        admissions: Iterable[Admission] = (),
        events: Iterable[Event] = (),
        source_paths: dict[tuple[str, str], str] | None = None,
        official: OfficialData | None = None,
    ) -> None:
        """`source_paths` maps (kind, id) to the record's file, relative to the data folder;
        `official` holds the snapshots of data/official/ (None when there are none)."""
        self.today = today
        self.region = region
        self.municipalities = {
            m.id: m for m in sorted(municipalities, key=lambda m: sort_key(m.name))
        }
        self.providers = {p.id: p for p in sorted(providers, key=lambda p: sort_key(p.name))}
        self.companies = {c.id: c for c in sorted(companies, key=lambda c: sort_key(c.name))}
        self.role_models = {r.id: r for r in sorted(role_models, key=lambda r: sort_key(r.name))}
        self.occupations = {o.id: o for o in sorted(occupations, key=lambda o: sort_key(o.name))}
        self.source_paths = source_paths or {}
        self.admissions = {a.id: a for a in sorted(admissions, key=lambda a: a.id)}
        self.events = {e.id: e for e in sorted(events, key=lambda e: (e.start, e.id))}

        def programme_order(p: Programme) -> tuple[str, str, str]:
            provider = self.providers[p.provider]
            return (
                sort_key(self.municipalities[provider.municipality].name),
                sort_key(provider.name),
                sort_key(p.name),
            )

        self.programmes = {p.id: p for p in sorted(programmes, key=programme_order)}

        self._providers_in: dict[str, list[Provider]] = defaultdict(list)
        for provider in self.providers.values():
            self._providers_in[provider.municipality].append(provider)
        self._programmes_at: dict[str, list[Programme]] = defaultdict(list)
        self._programmes_in: dict[str, list[Programme]] = defaultdict(list)
        self._programmes_with: dict[str, list[Programme]] = defaultdict(list)
        for programme in self.programmes.values():
            self._programmes_at[programme.provider].append(programme)
            self._programmes_in[self.providers[programme.provider].municipality].append(programme)
            for company in programme.partners:
                self._programmes_with[company].append(programme)
        self._occupations_from: dict[str, list[Occupation]] = defaultdict(list)
        for occupation in self.occupations.values():
            for programme_id in occupation.programmes:
                self._occupations_from[programme_id].append(occupation)
        self._companies_in: dict[str, list[Company]] = defaultdict(list)
        for company in self.companies.values():
            if company.municipality:
                self._companies_in[company.municipality].append(company)
        self.offerings = Offerings(
            official,
            municipalities=self.municipalities.values(),
            providers=self.providers.values(),
            programmes=self.programmes.values(),
        )

    # --- relations ---------------------------------------------------------------------------

    def provider_of(self, programme: Programme) -> Provider:
        return self.providers[programme.provider]

    def municipality_of(self, record: Programme | Provider) -> Municipality:
        provider = self.providers[record.provider] if isinstance(record, Programme) else record
        return self.municipalities[provider.municipality]

    def partners_of(self, programme: Programme) -> list[Company]:
        return [self.companies[c] for c in programme.partners]

    def providers_in(self, municipality: Municipality) -> list[Provider]:
        return self._providers_in[municipality.id]

    def programmes_at(self, provider: Provider) -> list[Programme]:
        return self._programmes_at[provider.id]

    def programmes_in(self, municipality: Municipality) -> list[Programme]:
        return self._programmes_in[municipality.id]

    def programmes_with(self, company: Company) -> list[Programme]:
        return self._programmes_with[company.id]

    def companies_in(self, municipality: Municipality) -> list[Company]:
        return self._companies_in[municipality.id]

    def occupations_from(self, programme: Programme) -> list[Occupation]:
        return self._occupations_from[programme.id]

    def occupations_in(self, area: str) -> list[Occupation]:
        return [o for o in self.occupations.values() if area in o.areas]

    def programmes_to(self, occupation: Occupation) -> list[Programme]:
        return [self.programmes[p] for p in occupation.programmes]

    def employers_of(self, occupation: Occupation) -> list[Company]:
        return [self.companies[c] for c in occupation.employers]

    # --- the official snapshots (offerings.py); empty without data/official/ ----------------

    def listings_in(self, municipality: Municipality) -> list[Listing]:
        """The finder's cards for one municipality: the editors' programmes and the programmes
        only Skolverket lists, by school and name, then adult education."""
        school: list[Listing] = [
            *self.programmes_in(municipality),
            *self.offerings.official_only_in(municipality),
        ]
        school.sort(key=self._listing_order)
        return [*school, *self.offerings.adult_in(municipality)]

    def listings(self) -> list[Listing]:
        if self.offerings.official is None:
            return list(self.programmes.values())
        return [e for m in self.municipalities.values() for e in self.listings_in(m)]

    def listed_count(self) -> int:
        """How many programmes the site lists: the editors' and the snapshot's."""
        offerings = self.offerings
        only = sum(1 for o in offerings.official_programmes if not o.curated)
        return len(self.programmes) + only + len(offerings.adult_offers)

    def school_count(self, listings: Iterable[Listing]) -> int:
        """How many schools (providers, school units, adult-education providers) offer them."""
        return len({school_key(listing) for listing in listings})

    def _listing_order(self, listing: Listing) -> tuple[str, str]:
        if isinstance(listing, Programme):
            return (sort_key(self.provider_of(listing).name), sort_key(listing.name))
        return (sort_key(listing.school_name), sort_key(listing.name))

    # --- events and admission dates, judged on the build date --------------------------------

    def coming_events(self) -> list[Event]:
        """Events that have not ended before the build date, the nearest first."""
        return [e for e in self.events.values() if e.end.date() >= self.today]

    def past_events(self) -> list[Event]:
        """Events that ended before the build date, the latest first."""
        return [e for e in reversed(self.events.values()) if e.end.date() < self.today]

    def events_in(self, municipality: Municipality) -> list[Event]:
        return [e for e in self.coming_events() if e.municipality == municipality.id]

    def events_at(self, provider: Provider) -> list[Event]:
        """Coming events held by or at the provider, or about one of its programmes."""
        return [
            e
            for e in self.coming_events()
            if e.provider == provider.id
            or any(self.programmes[p].provider == provider.id for p in e.programmes)
        ]

    def events_for(self, programme: Programme) -> list[Event]:
        return [e for e in self.coming_events() if programme.id in e.programmes]

    def admission_outlook(self) -> Outlook | None:
        """The next admission date, or which year's dates are not published yet (admissions.py)."""
        return outlook(self.admissions.values(), self.today)

    # --- figures -----------------------------------------------------------------------------

    def certification_state(self, programme: Programme) -> str:
        return programme.certification_state(self.today)

    def certified_programmes(self) -> list[Programme]:
        return [p for p in self.programmes.values() if self.certification_state(p) == "certified"]

    def engaged_municipalities(self) -> list[Municipality]:
        """Members and those that signed a letter of intent."""
        return [m for m in self.municipalities.values() if m.membership != "none"]

    def members(self) -> list[Municipality]:
        return [m for m in self.municipalities.values() if m.membership == "member"]

    def progress_of(self, municipality: Municipality) -> MunicipalityProgress:
        states = [self.certification_state(p) for p in self.programmes_in(municipality)]
        return MunicipalityProgress(
            municipality,
            certified=states.count("certified"),
            in_review=states.count("in_review"),
            goal=self.region.goals.min_certified_per_member,
        )

    def progress(self) -> list[MunicipalityProgress]:
        return [self.progress_of(m) for m in self.engaged_municipalities()]


def validate(data_dir: Path, today: date | None = None) -> tuple[LoadedData, list[Problem]]:
    """Load and check everything; return the data and every problem (errors and warnings)."""
    data, _, problems = _validate(data_dir, today or build_date())
    return data, problems


def _validate(data_dir: Path, today: date) -> tuple[LoadedData, OfficialData | None, list[Problem]]:
    data = load_data(data_dir)
    official, official_problems = _load_official(data_dir)
    problems = [
        *data.problems,
        *check(data, today),
        *countymap.check(data_dir, data.municipalities),
        *official_problems,
        *check_against_official(
            data.records.get("programme", []),
            data.records.get("provider", []),
            official,
            municipality_codes={m.record.id: m.record.code for m in data.municipalities},
        ),
        *check_occupations(data.records.get("occupation", []), official),
    ]
    return data, official, sorted(set(problems))


def _load_official(data_dir: Path) -> tuple[OfficialData | None, list[Problem]]:
    """The snapshots in data/official/; a broken one is a problem like any other."""
    try:
        return load_official(data_dir), []
    except DataError as error:
        return None, list(error.problems)


def load_site(data_dir: Path, today: date | None = None) -> tuple[Site, list[Problem]]:
    """The site model, or DataError listing every error. Warnings are returned with the site."""
    today = today or build_date()
    data, official, problems = _validate(data_dir, today)
    if any(p.severity is Severity.ERROR for p in problems):
        raise DataError(problems)
    assert data.region is not None
    records: dict[str, list[Any]] = {k: [e.record for e in v] for k, v in data.records.items()}
    paths = {
        (name, e.record.id): e.source.path.relative_to(data_dir).as_posix()
        for name, entries in data.records.items()
        for e in entries
    }
    municipalities_file = str(KINDS["municipalities"].file)
    paths.update({("municipality", e.record.id): municipalities_file for e in data.municipalities})
    site = Site(
        today=today,
        region=data.region.record,
        municipalities=[e.record for e in data.municipalities],
        providers=records["provider"],
        programmes=records["programme"],
        companies=records["company"],
        role_models=records["role_model"],
        occupations=records["occupation"],
        admissions=records["admission"],
        events=records["event"],
        source_paths=paths,
        official=official,
    )
    return site, problems
