"""Snapshots of the authorities' open data in `data/official/`, written only by `tcv sync`.

One JSON file per source: Skolverket's planned educations, Skolverket's school-unit register and
Arbetsförmedlingen's Yrkesbarometer. Each names its source (URL, API version, licence) and the
time it was fetched, and keeps its records sorted by their identifiers so that a pull request's
diff reads school by school. A figure keeps what the source said next to the number: a suppressed,
missing or rounded value is never a bare number.

`load_official` reads the snapshots (None when there are none); `check_against_official` compares
the editors' programmes and providers with them.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar, cast

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .dates import swedish_date
from .problems import DataError, Problem, Severity

if TYPE_CHECKING:
    from .load import Entry

OFFICIAL_FOLDER = "official"
PLANNED_EDUCATIONS_FILE = "skolverket-planned-educations.json"
SCHOOL_UNITS_FILE = "skolverket-school-units.json"
YRKESBAROMETER_FILE = "arbetsformedlingen-yrkesbarometer.json"

SchoolUnitCode = Annotated[str, Field(pattern=r"^[0-9]{8}$")]
MunicipalityCode = Annotated[str, Field(pattern=r"^[0-9]{4}$")]
CountyCode = Annotated[str, Field(pattern=r"^[0-9]{2}$")]
ProgrammeCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]

FigureStatus = Literal["exists", "missing", "suppressed", "rounded"]
AdultKind = Literal["vuxgy", "yh"]  # Komvux at upper-secondary level, yrkeshögskola


class SnapshotModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- Figures ------------------------------------------------------------------------------------

# Skolverket's valueType says why a value is what it is; the raw text says it too ("..", "cirka").
_VALUE_TYPES: dict[str, FigureStatus | None] = {"EXISTS": None, "MISSING": "missing"}
_VALUE_TYPE_PREFIXES: dict[str, FigureStatus] = {
    "OMITTED": "suppressed",  # OMITTED_DUE_TO_BASED_ON_FEW_PUPILS, …LESS_THAN_10_PUPILS
    "ROUNDED": "rounded",  # ROUNDED_OFF_DUE_TO_…
    "TEACHERS_EXCLUDED": "missing",  # no certification required for the school form ('*')
}
_NO_VALUE = {"", ".", "-", "–", "—", "*", "null"}
_SUPPRESSED = {"..", "…"}
_ROUNDED = re.compile(r"^(?:cirka|ca\.?|~|≈)\s*(.+)$", re.IGNORECASE)
_NUMBER = re.compile(r"^-?[0-9]+(?:[.,][0-9]+)?$")


class OfficialFigure(SnapshotModel):
    """One published figure: the number where there is one, and always what the source said."""

    value: Decimal | None
    status: FigureStatus
    raw: str | None = Field(description="The value as the source wrote it, e.g. 'cirka 640'")
    period: str | None = Field(None, description="The year or school year: '2025', '2024/25'")
    value_type: str | None = Field(None, description="Skolverket's valueType, as given")

    @classmethod
    def parse(
        cls, raw: str | None, *, value_type: str | None = None, period: str | None = None
    ) -> OfficialFigure:
        """Read a value as Skolverket publishes it ('237,5', 'cirka 640', '..', '.', null);
        raises ValueError on anything else, so that an unexpected answer stops the sync."""
        told = _status_of_value_type(value_type)
        text = (raw or "").strip().replace("\u00a0", " ")

        def figure(value: Decimal | None, status: FigureStatus) -> OfficialFigure:
            return cls(value=value, status=status, raw=raw, period=period, value_type=value_type)

        if text in _SUPPRESSED or told == "suppressed":
            return figure(None, "suppressed")
        if text.casefold() in _NO_VALUE or told == "missing":
            return figure(None, "missing")
        if rounded := _ROUNDED.match(text):
            return figure(_number(rounded[1], raw), "rounded")
        return figure(_number(text, raw), told or "exists")

    @property
    def is_known(self) -> bool:
        return self.value is not None

    def display(self) -> str:
        """'172,5', 'cirka 640', or 'uppgift saknas' with the reason when it is known."""
        if self.value is None:
            return (
                "uppgift saknas (för få elever)"
                if self.status == "suppressed"
                else "uppgift saknas"
            )
        number = format_decimal(self.value)
        return f"cirka {number}" if self.status == "rounded" else number


def format_decimal(value: Decimal) -> str:
    """Decimal('172.5') -> '172,5' (Swedish decimal comma, as many decimals as published)."""
    return format(value, "f").replace(".", ",")


def _status_of_value_type(value_type: str | None) -> FigureStatus | None:
    if value_type is None or value_type in _VALUE_TYPES:
        return _VALUE_TYPES.get(value_type or "EXISTS")
    for prefix, status in _VALUE_TYPE_PREFIXES.items():
        if value_type.startswith(prefix):
            return status
    raise ValueError(f"okänd valueType '{value_type}'")


def _number(text: str, raw: str | None) -> Decimal:
    compact = text.replace(" ", "")
    if not _NUMBER.match(compact):
        raise ValueError(f"'{raw}' är inget tal")
    try:
        return Decimal(compact.replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"'{raw}' är inget tal") from None


# --- Sources ------------------------------------------------------------------------------------


class SourceInfo(SnapshotModel):
    publisher: str = Field(description="'Skolverket' or 'Arbetsförmedlingen'")
    title: str
    url: str = Field(description="The address the data was fetched from")
    api_version: str | None = Field(description="The version the API reports; null for a file")
    licence: str | None = Field(description="The licence; null while it has not been confirmed")
    documentation: str | None = None


class Snapshot(SnapshotModel):
    source: SourceInfo
    fetched_at: datetime

    @property
    def fetched_on(self) -> date:
        return self.fetched_at.date()

    def same_records_as(self, other: Snapshot | None) -> bool:
        """True when only the fetch time differs: such a snapshot is not written again."""
        if other is None or type(other) is not type(self):
            return False
        skip = {"fetched_at"}
        return self.model_dump(exclude=skip) == other.model_dump(exclude=skip)


# --- Skolverket, planned educations -------------------------------------------------------------


class StudyPath(SnapshotModel):
    """An orientation (inriktning) or a variant that Skolverket lists under a programme."""

    code: str
    name: str


class EducationEvent(SnapshotModel):
    """A programme that a school unit plans to start, as Skolverket lists it."""

    programme_code: ProgrammeCode = Field(description="TE, EE or IN, without the Gy25 suffix")
    study_path_code: str = Field(description="The code as Skolverket gave it: 'IN' or 'IN25'")
    name: str
    school_year: str = Field(description="The school year it starts: '2027/28'")
    start: date | None
    end: date | None
    orientations: list[StudyPath] = Field(default_factory=list)
    variants: list[str] = Field(
        default_factory=list, description="programVariantList as given, e.g. lärling"
    )
    admission_points_min: OfficialFigure | None = None
    admission_points_average: OfficialFigure | None = None

    @property
    def is_apprenticeship(self) -> bool:
        texts = [*self.variants, *(p.code for p in self.orientations)]
        texts += [p.name for p in self.orientations]
        return any(_APPRENTICESHIP.search(text) for text in texts)


_APPRENTICESHIP = re.compile(r"^(LU|AL)$|lärling|LARL", re.IGNORECASE)


class ProgrammeStatistics(SnapshotModel):
    """A school unit's published statistics for one programme, every period Skolverket gave."""

    programme_code: ProgrammeCode
    admission_points_min: list[OfficialFigure] = Field(default_factory=list)
    admission_points_average: list[OfficialFigure] = Field(default_factory=list)
    exam_within_3_years: list[OfficialFigure] = Field(default_factory=list)
    certified_teachers: list[OfficialFigure] = Field(default_factory=list)


STATISTICS_LABELS = {
    "admission_points_min": "Lägsta antagningspoäng",
    "admission_points_average": "Genomsnittlig antagningspoäng",
    "exam_within_3_years": "Andel med examen inom 3 år, %",
    "certified_teachers": "Andel lärare med legitimation och behörighet, %",
}


class PlannedSchoolUnit(SnapshotModel):
    code: SchoolUnitCode
    name: str
    municipality_code: MunicipalityCode
    principal_organizer_type: str | None = None
    education_events: list[EducationEvent] = Field(
        default_factory=list, description="Only the programmes in programme_codes"
    )
    statistics: list[ProgrammeStatistics] = Field(default_factory=list)

    @property
    def programme_codes(self) -> list[str]:
        return sorted({e.programme_code for e in self.education_events})

    def events_for(self, programme_code: str) -> list[EducationEvent]:
        return [e for e in self.education_events if e.programme_code == programme_code]

    def statistics_for(self, programme_code: str) -> ProgrammeStatistics | None:
        return next((s for s in self.statistics if s.programme_code == programme_code), None)


class AdultEducationEvent(SnapshotModel):
    """A course or programme in adult education (Komvux, yrkeshögskola)."""

    id: str
    title: str
    provider_name: str | None
    kind: AdultKind = Field(description="The typeOfSchool it was asked for with")
    type_name: str | None = Field(
        description="typeOfSchool as given, e.g. 'Yrkeshögskoleutbildning'"
    )
    municipality_code: MunicipalityCode
    town: str | None = None
    start: date | None = None
    rolling_start: bool = Field(description="Löpande start (executionCondition 2 or 3)")
    pace_percent: Decimal | None = None
    distance: bool | None = None
    last_application_date: date | None = None
    credits: str | None = None
    credits_system: str | None = None


class PlannedEducationsSnapshot(Snapshot):
    kind: Literal["skolverket-planned-educations"] = "skolverket-planned-educations"
    municipality_codes: list[MunicipalityCode]
    programme_codes: list[ProgrammeCode]
    adult_areas: list[str] = Field(description="The adult-education areas that count as technical")
    school_units: list[PlannedSchoolUnit] = Field(description="Sorted by code")
    adult_education_events: list[AdultEducationEvent] = Field(
        description="Sorted by municipality, provider, title, start and id"
    )

    def school_unit(self, code: str) -> PlannedSchoolUnit | None:
        return self._units_by_code.get(code)

    @cached_property
    def school_years(self) -> list[str]:
        return sorted({e.school_year for u in self.school_units for e in u.education_events})

    @cached_property
    def _units_by_code(self) -> dict[str, PlannedSchoolUnit]:
        # Looked up once per curated programme: a scan each time is quadratic at national scale.
        return {u.code: u for u in self.school_units}


# --- Skolverket, Skolenhetsregistret ------------------------------------------------------------


class RegisteredSchoolUnit(SnapshotModel):
    code: SchoolUnitCode
    name: str
    status: Literal["AKTIV"]
    municipality_code: MunicipalityCode
    url: str | None = Field(None, description="The web address as registered (not checked)")
    school_types: list[str] = Field(default_factory=list)


class SchoolUnitRegistrySnapshot(Snapshot):
    kind: Literal["skolverket-school-units"] = "skolverket-school-units"
    municipality_codes: list[MunicipalityCode]
    school_types: list[str]
    school_units: list[RegisteredSchoolUnit] = Field(description="Only active units, by code")

    def school_unit(self, code: str) -> RegisteredSchoolUnit | None:
        return self._units_by_code.get(code)

    @cached_property
    def _units_by_code(self) -> dict[str, RegisteredSchoolUnit]:
        return {u.code: u for u in self.school_units}


# --- Arbetsförmedlingen, Yrkesbarometer ---------------------------------------------------------


class Outlook(SnapshotModel):
    """Arbetsförmedlingen's assessment of one occupation in one county (00 = all of Sweden)."""

    concept_id: str = Field(description="yb_concept_id, Arbetsförmedlingen's occupation concept")
    occupation: str = Field(description="yb_yrke")
    ssyk: str | None = None
    ssyk_text: str | None = None
    occupation_area: str | None = Field(None, description="yrkesomrade")
    county: CountyCode = Field(description="lan: '00' = Sweden, '24' = Västerbotten")
    round: str = Field(description="omgang, the round the assessment comes from: '2026-1'")
    job_opportunities: Literal["små", "medelstora", "stora"] | None = None
    recruitment_situation: Literal["överskott", "balans", "paradox", "brist"] | None = None
    forecast: Literal["öka", "vara oförändrad", "minska"] | None = Field(
        None, description="prognos: the five-year outlook"
    )
    text_job_opportunities: str | None = None
    text_recruitment_situation: str | None = None
    taxonomy_version: int | None = None


class YrkesbarometerSnapshot(Snapshot):
    kind: Literal["arbetsformedlingen-yrkesbarometer"] = "arbetsformedlingen-yrkesbarometer"
    counties: list[CountyCode]
    rounds: list[str]
    outlooks: list[Outlook] = Field(description="Sorted by occupation, concept id and county")

    def outlooks_for(self, concept_id: str) -> list[Outlook]:
        return self._outlooks_by_concept.get(concept_id, [])

    @cached_property
    def _outlooks_by_concept(self) -> dict[str, list[Outlook]]:
        found: dict[str, list[Outlook]] = {}
        for outlook in self.outlooks:
            found.setdefault(outlook.concept_id, []).append(outlook)
        return found


# --- Loading and writing ------------------------------------------------------------------------

S = TypeVar("S", bound=Snapshot)

SNAPSHOT_FILES: dict[str, type[Snapshot]] = {
    PLANNED_EDUCATIONS_FILE: PlannedEducationsSnapshot,
    SCHOOL_UNITS_FILE: SchoolUnitRegistrySnapshot,
    YRKESBAROMETER_FILE: YrkesbarometerSnapshot,
}


@dataclass(frozen=True)
class OfficialData:
    """The snapshots found; a source never synced is None."""

    planned: PlannedEducationsSnapshot | None = None
    registry: SchoolUnitRegistrySnapshot | None = None
    outlook: YrkesbarometerSnapshot | None = None

    @property
    def snapshots(self) -> list[Snapshot]:
        return [s for s in (self.planned, self.registry, self.outlook) if s is not None]


def load_official(data_dir: Path) -> OfficialData | None:
    """The snapshots in `data_dir/official/`, or None when there is none. A snapshot that does
    not match its model raises DataError (it is written by `tcv sync` only: a hand edit broke it)."""
    folder = data_dir / OFFICIAL_FOLDER
    found: dict[str, Snapshot] = {}
    problems: list[Problem] = []
    for name, model in SNAPSHOT_FILES.items():
        try:
            snapshot = read_snapshot(folder / name, model)
        except SnapshotError as error:
            problems.append(error.problem)
            continue
        if snapshot is not None:
            found[name] = snapshot
    if problems:
        raise DataError(problems)
    if not found:
        return None
    return OfficialData(
        planned=cast(PlannedEducationsSnapshot | None, found.get(PLANNED_EDUCATIONS_FILE)),
        registry=cast(SchoolUnitRegistrySnapshot | None, found.get(SCHOOL_UNITS_FILE)),
        outlook=cast(YrkesbarometerSnapshot | None, found.get(YRKESBAROMETER_FILE)),
    )


class SnapshotError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def read_snapshot(path: Path, model: type[S]) -> S | None:
    """One snapshot file, or None when it does not exist."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        return model.model_validate_json(text)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(filen)"
        raise SnapshotError(
            Problem(
                str(path),
                1,
                where,
                f"ögonblicksbilden stämmer inte med modellen ({first['msg']})",
                "filen skrivs bara av scripts/sync; ändra den inte för hand, hämta den igen",
            )
        ) from None


def snapshot_text(snapshot: Snapshot) -> str:
    """The file as written: indented JSON, non-ASCII kept, fields in model order."""
    return json.dumps(snapshot.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def write_snapshot(path: Path, snapshot: Snapshot) -> None:
    """Write beside the old file, then rename over it: a reader sees the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(temporary, 0o666 & ~_umask())  # as a plain open() would: mkstemp gives 0600
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(snapshot_text(snapshot))
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --- Checking the editors' data against the snapshots -------------------------------------------

SCHOOL_LEVELS = ("gymnasium", "larling")


def check_against_official(
    programmes: Iterable[Entry[Any]],
    providers: Iterable[Entry[Any]],
    official: OfficialData | None,
    *,
    municipality_codes: Mapping[str, str] | None = None,
) -> list[Problem]:
    """Every curated upper-secondary programme whose provider has a school-unit code is compared
    with Skolverket's planned educations; every provider's code with the register of active
    school units. `municipality_codes` (municipality id -> SCB code) adds a check that the
    register puts the unit in the provider's municipality. Without snapshots: no problems."""
    if official is None:
        return []
    by_id = {entry.record.id: entry for entry in providers}
    problems: list[Problem] = []
    unknown_units: set[str] = set()
    if official.registry is not None:
        for entry in by_id.values():
            found = _check_registry(entry, official.registry, municipality_codes or {})
            if found and found[0].field == "school_unit_code":
                unknown_units.add(entry.record.school_unit_code)
            problems.extend(found)
    if official.planned is not None:
        for entry in programmes:
            provider = by_id.get(entry.record.provider)
            code = getattr(provider.record, "school_unit_code", None) if provider else None
            if code and code not in unknown_units:
                problems.extend(_check_programme(entry, code, official.planned))
    return problems


def _check_registry(
    entry: Entry[Any], registry: SchoolUnitRegistrySnapshot, municipality_codes: Mapping[str, str]
) -> list[Problem]:
    code = getattr(entry.record, "school_unit_code", None)
    if not code:
        return []
    unit = registry.school_unit(code)
    fetched = swedish_date(registry.fetched_on)
    if unit is None:
        return [
            entry.problem(
                ["school_unit_code"],
                f"Skolenhetsregistret listar ingen aktiv skolenhet {code} i länets kommuner "
                f"(hämtat {fetched})",
                "kontrollera koden hos Skolverket; en skolenhet som har lagts ned eller vilar "
                "ska inte stå kvar med sin kod",
            )
        ]
    expected = municipality_codes.get(entry.record.municipality)
    if expected and unit.municipality_code != expected:
        return [
            entry.problem(
                ["municipality"],
                f"Skolenhetsregistret placerar skolenhet {code} ({unit.name}) i kommun "
                f"{unit.municipality_code}, inte i {entry.record.municipality} ({expected})",
                "rätta municipality eller school_unit_code",
            )
        ]
    return []


def _check_programme(
    entry: Entry[Any], code: str, planned: PlannedEducationsSnapshot
) -> list[Problem]:
    programme = entry.record
    wanted = programme.programme_code
    if programme.level not in SCHOOL_LEVELS or not wanted or wanted not in planned.programme_codes:
        return []
    unit = planned.school_unit(code)
    events = unit.events_for(wanted) if unit else []
    years = _school_years(planned)
    fetched = swedish_date(planned.fetched_on)
    if not events:
        return [
            entry.problem(
                ["programme_code"],
                f"Skolverket listar inte {wanted} vid skolenhet {code}{years}",
                _offered_hint(unit, planned, fetched),
            )
        ]
    problems = []
    orientation = getattr(programme, "orientation", None)
    orientation_code = getattr(orientation, "code", None)
    offered = sorted({p.code for e in events for p in e.orientations})
    if orientation_code and orientation_code not in offered:
        listed = ", ".join(offered) if offered else "inga inriktningar"
        problems.append(
            entry.problem(
                ["orientation", "code"],
                f"Skolverket listar inte inriktningen {orientation_code} för {wanted} vid "
                f"skolenhet {code}{years}",
                f"Skolverket listar {listed} där (hämtat {fetched}); rätta koden eller ta bort den",
                severity=Severity.WARNING,
            )
        )
    if programme.level == "larling" and not any(e.is_apprenticeship for e in events):
        problems.append(
            entry.problem(
                ["level"],
                f"Skolverket listar inte {wanted} som lärlingsutbildning vid skolenhet {code}{years}",
                f"kontrollera med skolan (Skolverket, hämtat {fetched})",
                severity=Severity.WARNING,
            )
        )
    return problems


def _school_years(planned: PlannedEducationsSnapshot) -> str:
    years = planned.school_years
    return f" läsåret {' och '.join(years)}" if years else ""


def _offered_hint(
    unit: PlannedSchoolUnit | None, planned: PlannedEducationsSnapshot, fetched: str
) -> str:
    if unit is None:
        return (
            f"skolenheten finns inte bland gymnasieskolorna i Skolverkets planerade utbildningar "
            f"för länets kommuner (hämtat {fetched}); kontrollera anordnarens school_unit_code"
        )
    if unit.programme_codes:
        listed = " och ".join(unit.programme_codes)
        return (
            f"där listar Skolverket {listed} (hämtat {fetched}); rätta programme_code eller "
            "anordnarens school_unit_code, eller ta bort utbildningen om den inte längre ges"
        )
    covered = ", ".join(planned.programme_codes)
    return (
        f"Skolverket listar inget av programmen {covered} vid {unit.name} (hämtat {fetched}); "
        "kontrollera anordnarens school_unit_code, eller ta bort utbildningen om den inte längre ges"
    )
