"""Skolverket's open data: Planned Educations API v4 and Skolenhetsregistret v2.

Field names follow the published OpenAPI descriptions (Planned Educations `--v4-active`,
`skolenhetsregistret_v2_openapi.yaml`). Answers are read with lenient models (new fields are
ignored) but every field we keep must be there with the right type, or the sync stops.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from pydantic import BaseModel, Field, field_validator

from ..official import (
    AdultEducationEvent,
    AdultKind,
    EducationEvent,
    OfficialFigure,
    PlannedEducationsSnapshot,
    PlannedSchoolUnit,
    ProgrammeStatistics,
    RegisteredSchoolUnit,
    SchoolUnitRegistrySnapshot,
    SourceInfo,
    StudyPath,
)
from .http import ApiModel, HttpClient, SyncError, validated

MEDIA_TYPE = "application/vnd.skolverket.plannededucations.api.v4.hal+json"
PLANNED_PATH = "/planned-educations/v4"
REGISTRY_PATH = "/skolenhetsregistret/v2"
# The national programmes Teknikcollege certifies (Teknikprogrammet, El- och energiprogrammet,
# Industritekniska programmet). Since Gy25 education events carry the codes with a suffix (IN25).
PROGRAMME_CODES = ("EE", "IN", "TE")
# Adult education: Komvux at upper-secondary level and yrkeshögskola, in these areas of
# /adult-education-events/areas.
ADULT_KINDS: tuple[AdultKind, ...] = ("vuxgy", "yh")
TECHNICAL_AREAS = ("Teknik", "Tillverkning och underhåll")
REGISTRY_SCHOOL_TYPES = ("GY", "VUX")
PAGE_SIZE = 100  # the API's largest page for school units
MAX_PAGES = 500
# lastApplicationDate 2099-12-31 stands for "no last date" (courses with a rolling start).
NO_LAST_DATE_FROM = date(2099, 1, 1)


M = TypeVar("M", bound=BaseModel)


# --- Answers of Planned Educations v4 -----------------------------------------------------------


class Wrapped(ApiModel):
    """Every answer but api-info: {"status": "OK", "message": …, "body": …}."""

    status: str
    message: str | None = None
    body: Any = None

    @field_validator("status")
    @classmethod
    def _ok(cls, value: str) -> str:
        if value not in ("OK", "200 OK"):
            raise ValueError(f"status är '{value}', inte OK")
        return value


class PageInfo(ApiModel):
    size: int
    total_elements: int = Field(alias="totalElements", ge=0)
    total_pages: int = Field(alias="totalPages", ge=0)
    number: int = Field(ge=0)


class HalPage(ApiModel):
    embedded: dict[str, list[Any]] | None = Field(None, alias="_embedded")
    page: PageInfo


class ApiInfo(ApiModel):
    """/api-info of either API (not wrapped)."""

    api_version: str = Field(alias="apiVersion")
    documentation: str | None = Field(None, alias="apiDocumentation")


class ListedSchoolUnit(ApiModel):
    code: str = Field(pattern=r"^[0-9]{8}$")
    name: str
    geographical_area_code: str | None = Field(None, alias="geographicalAreaCode")
    principal_organizer_type: str | None = Field(None, alias="principalOrganizerType")


class ApiStudyPath(ApiModel):
    code: str = Field(alias="studyPathCode")
    name: str = Field(alias="studyPathName")


class ApiEducationEvent(ApiModel):
    school_unit_code: str = Field(alias="schoolUnitCode")
    code: str = Field(alias="studyPathCode")
    name: str = Field(alias="studyPathName")
    start: str | None = Field(alias="startDate")
    end: str | None = Field(None, alias="endDate")
    study_paths: list[ApiStudyPath] | None = Field(None, alias="studyPaths")
    variants: list[str] | None = Field(None, alias="programVariantList")
    admission_points_min: str | None = Field(None, alias="admissionPointsMin")
    admission_points_average: str | None = Field(None, alias="admissionPointsAverage")
    admission_points_semester: str | None = Field(None, alias="admissionPointsSemester")


class SchoolUnitEvents(ApiModel):
    """/school-units/{code}/education-events: a map by type of schooling, not a page."""

    gy: list[ApiEducationEvent] = Field(default_factory=list)


class ApiMetric(ApiModel):
    value: str | None = None
    value_type: str | None = Field(None, alias="valueType")
    time_period: str | None = Field(None, alias="timePeriod")


class ApiProgramMetrics(ApiModel):
    programme_code: str = Field(alias="programCode")
    admission_points_min: list[ApiMetric] | None = Field(None, alias="admissionPointsMin")
    admission_points_average: list[ApiMetric] | None = Field(None, alias="admissionPointsAverage")
    exam_within_3_years: list[ApiMetric] | None = Field(
        None, alias="ratioOfPupilsWithExamWithin3Years"
    )
    certified_teachers: list[ApiMetric] | None = Field(None, alias="certifiedTeachersQuota")


class SchoolUnitStatistics(ApiModel):
    programme_metrics: list[ApiProgramMetrics] | None = Field(None, alias="programMetrics")


class ApiDirection(ApiModel):
    id: int = Field(alias="directionId")
    name: str


class ApiArea(ApiModel):
    id: int = Field(alias="areaId")
    name: str
    directions: list[ApiDirection]


class AdultAreas(ApiModel):
    areas: list[ApiArea]


class ApiAdultEvent(ApiModel):
    id: str = Field(alias="educationEventId")
    title: str = Field(alias="titleSv")
    provider_name: str | None = Field(None, alias="providerName")
    type_name: str | None = Field(None, alias="typeOfSchool")
    municipality_code: str | None = Field(alias="geographicalAreaCode")
    town: str | None = None
    start: str | None = Field(None, alias="semesterStartFrom")
    pace: str | float | None = Field(None, alias="paceOfStudy")
    distance: bool | None = None
    last_application_date: str | None = Field(None, alias="lastApplicationDate")
    execution_condition: int | None = Field(None, alias="executionCondition")
    credits: str | None = None
    credits_system: str | None = Field(None, alias="creditsSystem")


# --- Answers of Skolenhetsregistret v2 ----------------------------------------------------------


class RegistryListItem(ApiModel):
    code: str = Field(alias="schoolUnitCode", pattern=r"^[0-9]{8}$")
    name: str
    status: str


class RegistryListData(ApiModel):
    attributes: list[RegistryListItem]


class RegistryList(ApiModel):
    data: RegistryListData


class RegistryAttributes(ApiModel):
    name: str = Field(alias="displayName")
    status: str
    url: str | None = None
    municipality_code: str = Field(alias="municipalityCode", pattern=r"^[0-9]{4}$")
    school_types: list[str] | None = Field(None, alias="schoolTypes")


class RegistryDetailData(ApiModel):
    code: str = Field(alias="schoolUnitCode")
    attributes: RegistryAttributes


class RegistryDetail(ApiModel):
    data: RegistryDetailData


# --- Fetching -----------------------------------------------------------------------------------


def _source(title: str, api: str, info: ApiInfo) -> SourceInfo:
    """Where a Skolverket snapshot comes from, as its API describes itself."""
    return SourceInfo(
        publisher="Skolverket",
        title=title,
        url=api,
        api_version=info.api_version,
        licence=None,  # not stated in the API description; to be confirmed with Skolverket
        documentation=info.documentation,
    )


def fetch_planned_educations(
    client: HttpClient, base: str, municipality_codes: Sequence[str], now: datetime
) -> PlannedEducationsSnapshot:
    api = base + PLANNED_PATH
    info = validated(ApiInfo, client.get_json(f"{api}/api-info", accept=MEDIA_TYPE), api)
    units = {
        unit.code: unit for code in municipality_codes for unit in _school_units(client, api, code)
    }
    school_units = [_planned_unit(client, api, unit) for unit in units.values()]
    return PlannedEducationsSnapshot(
        source=_source("Planerade utbildningar (Planned Educations API)", api, info),
        fetched_at=now,
        municipality_codes=list(municipality_codes),
        programme_codes=list(PROGRAMME_CODES),
        adult_areas=list(TECHNICAL_AREAS),
        school_units=sorted(school_units, key=lambda u: u.code),
        adult_education_events=_adult_events(client, api, municipality_codes),
    )


def _school_units(client: HttpClient, api: str, municipality: str) -> list[PlannedSchoolUnit]:
    listed = _pages(
        client,
        f"{api}/school-units",
        [("geographicalAreaCode", municipality), ("typeOfSchooling", "gy")],
        "listedSchoolUnits",
        ListedSchoolUnit,
    )
    return [
        PlannedSchoolUnit(
            code=unit.code,
            name=unit.name,
            municipality_code=municipality,
            principal_organizer_type=unit.principal_organizer_type,
        )
        for unit in listed
        # the area code is the unit's municipality; anything else is not ours
        if unit.geographical_area_code in (None, municipality)
    ]


def _planned_unit(client: HttpClient, api: str, unit: PlannedSchoolUnit) -> PlannedSchoolUnit:
    url = f"{api}/school-units/{unit.code}/education-events"
    answer = client.get_json(url, accept=MEDIA_TYPE, missing_ok=True)
    body = _body(answer, url) if answer is not None else {}
    events = [
        _education_event(event, url)
        for event in validated(SchoolUnitEvents, body or {}, url).gy
        if programme_code(event.code) in PROGRAMME_CODES
    ]
    statistics = _statistics(client, api, unit.code) if events else []
    return unit.model_copy(
        update={
            "education_events": sorted(
                events, key=lambda e: (e.programme_code, e.study_path_code, e.school_year)
            ),
            "statistics": statistics,
        }
    )


def programme_code(study_path_code: str) -> str | None:
    """'IN' and 'IN25' (Gy25) are both Industritekniska programmet: 'IN'."""
    match = re.fullmatch(r"([A-Z]{2})(?:25)?", study_path_code)
    return match[1] if match else None


def _education_event(event: ApiEducationEvent, url: str) -> EducationEvent:
    start = _date(event.start, url, "startDate")
    if start is None:
        raise SyncError(f"svaret från {url} har inte det väntade formatet: startDate saknas")
    period = event.admission_points_semester

    def figure(raw: str | None) -> OfficialFigure | None:
        return None if raw is None else _figure(raw, None, period, url)

    return EducationEvent(
        programme_code=programme_code(event.code) or "",
        study_path_code=event.code,
        name=event.name,
        school_year=school_year(start),
        start=start,
        end=_date(event.end, url, "endDate"),
        orientations=sorted(
            (StudyPath(code=p.code, name=p.name) for p in event.study_paths or []),
            key=lambda p: p.code,
        ),
        variants=sorted(event.variants or []),
        admission_points_min=figure(event.admission_points_min),
        admission_points_average=figure(event.admission_points_average),
    )


def school_year(start: date) -> str:
    """The school year an education starting on `start` belongs to: 2027-08-01 -> '2027/28'.
    (Skolverket writes some starts as 31 July: midnight in Sweden given in UTC.)"""
    first = start.year if start.month >= 7 else start.year - 1
    return f"{first}/{(first + 1) % 100:02d}"


def _statistics(client: HttpClient, api: str, code: str) -> list[ProgrammeStatistics]:
    url = f"{api}/school-units/{code}/statistics/gy"
    answer = client.get_json(url, accept=MEDIA_TYPE, missing_ok=True)
    if answer is None:  # no statistics published for the unit
        return []
    metrics = validated(SchoolUnitStatistics, _body(answer, url) or {}, url).programme_metrics
    found = []
    for metric in metrics or []:
        code_ = programme_code(metric.programme_code)
        if code_ not in PROGRAMME_CODES:
            continue

        def figures(values: list[ApiMetric] | None) -> list[OfficialFigure]:
            read = [_figure(v.value, v.value_type, v.time_period, url) for v in values or []]
            return sorted(read, key=lambda f: f.period or "", reverse=True)

        found.append(
            ProgrammeStatistics(
                programme_code=code_,
                admission_points_min=figures(metric.admission_points_min),
                admission_points_average=figures(metric.admission_points_average),
                exam_within_3_years=figures(metric.exam_within_3_years),
                certified_teachers=figures(metric.certified_teachers),
            )
        )
    return sorted(found, key=lambda s: s.programme_code)


def _figure(
    raw: str | None, value_type: str | None, period: str | None, url: str
) -> OfficialFigure:
    try:
        return OfficialFigure.parse(raw, value_type=value_type, period=period)
    except ValueError as error:
        raise SyncError(f"svaret från {url} har ett värde som inte går att läsa: {error}") from None


def _adult_events(
    client: HttpClient, api: str, municipality_codes: Sequence[str]
) -> list[AdultEducationEvent]:
    url = f"{api}/adult-education-events/areas"
    areas = validated(AdultAreas, _body(client.get_json(url, accept=MEDIA_TYPE), url), url).areas
    directions = sorted({d.id for a in areas if a.name in TECHNICAL_AREAS for d in a.directions})
    missing = set(TECHNICAL_AREAS) - {a.name for a in areas}
    if missing or not directions:
        raise SyncError(
            f"svaret från {url} saknar utbildningsområdena {', '.join(sorted(missing))}"
        )
    wanted = set(municipality_codes)
    found: dict[str, AdultEducationEvent] = {}
    # One question per county and kind (the API takes a county code), keeping our municipalities.
    for county in sorted({code[:2] for code in municipality_codes}):
        for kind in ADULT_KINDS:
            events = _pages(
                client,
                f"{api}/adult-education-events",
                [
                    ("geographicalAreaCode", county),
                    ("typeOfSchool", kind),
                    ("directionIds", ",".join(map(str, directions))),
                ],
                "listedAdultEducationEvents",
                ApiAdultEvent,
            )
            for event in events:
                if event.municipality_code in wanted:
                    found[event.id] = _adult_event(event, kind, url)
    return sorted(
        found.values(),
        key=lambda e: (e.municipality_code, e.provider_name or "", e.title, str(e.start), e.id),
    )


_CDATA = re.compile(r"^<!\[CDATA\[(.*)\]\]>$", re.DOTALL)


def _adult_event(event: ApiAdultEvent, kind: AdultKind, url: str) -> AdultEducationEvent:
    last = _date(event.last_application_date, url, "lastApplicationDate")
    title = event.title.strip()
    if cdata := _CDATA.match(title):
        title = cdata[1].strip()
    return AdultEducationEvent(
        id=event.id,
        title=title,
        provider_name=event.provider_name,
        kind=kind,
        type_name=event.type_name,
        municipality_code=event.municipality_code or "",
        town=event.town,
        start=_date(event.start, url, "semesterStartFrom"),
        rolling_start=event.execution_condition in (2, 3),
        pace_percent=_pace(event.pace, url),
        distance=event.distance,
        last_application_date=None if last and last >= NO_LAST_DATE_FROM else last,
        credits=event.credits,
        credits_system=event.credits_system,
    )


def _pace(value: str | float | None, url: str) -> Decimal | None:
    if value is None or str(value).strip().lower() in ("", "null"):
        return None
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        raise SyncError(
            f"svaret från {url} har en studietakt som inte går att läsa: {value!r}"
        ) from None


_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$")


def _date(value: str | None, url: str, name: str) -> date | None:
    """'2027-08-01', '2026-07-31 00:00:00', '2024-10-15T00:00:00.000+02:00' -> the date."""
    if value is None or not value.strip():
        return None
    match = _DATE.match(value.strip())
    try:
        return date.fromisoformat(match[1]) if match else _bad_date(value, url, name)
    except ValueError:
        return _bad_date(value, url, name)


def _bad_date(value: str, url: str, name: str) -> date:
    raise SyncError(f"svaret från {url} har ett datum som inte går att läsa: {name} {value!r}")


def _body(answer: Any, url: str) -> Any:
    return validated(Wrapped, answer, url).body


def _pages(
    client: HttpClient,
    url: str,
    params: Sequence[tuple[str, str]],
    key: str,
    model: type[M],
) -> list[M]:
    """Every item of a HAL listing, page by page (0-based) until page.totalPages. The count is
    checked against page.totalElements: a listing that changes while it is read stops the sync."""
    items: list[M] = []
    number = 0
    while True:
        query = [*params, ("page", str(number)), ("size", str(PAGE_SIZE))]
        answer = client.get_json(url, accept=MEDIA_TYPE, params=query)
        page = validated(HalPage, _body(answer, url), url)
        if page.page.number != number:
            raise SyncError(f"{url} gav sida {page.page.number} när sida {number} begärdes")
        for item in (page.embedded or {}).get(key, []):
            items.append(validated(model, item, url))
        number += 1
        if number >= page.page.total_pages:
            break
        if number >= MAX_PAGES:
            raise SyncError(f"{url} har fler än {MAX_PAGES} sidor; urvalet är för stort")
    if len(items) != page.page.total_elements:
        raise SyncError(
            f"{url} gav {len(items)} poster på {number} sidor men anger {page.page.total_elements}"
        )
    return items


# --- Skolenhetsregistret ------------------------------------------------------------------------


def fetch_school_units(
    client: HttpClient, base: str, municipality_codes: Sequence[str], now: datetime
) -> SchoolUnitRegistrySnapshot:
    api = base + REGISTRY_PATH
    info = validated(ApiInfo, client.get_json(f"{api}/api-info"), f"{api}/api-info")
    url = f"{api}/school-units"
    params = [
        *(("municipality_code", code) for code in municipality_codes),
        *(("school_type", kind) for kind in REGISTRY_SCHOOL_TYPES),
        ("status", "AKTIV"),
    ]
    listed = validated(RegistryList, client.get_json(url, params=params), url).data.attributes
    wanted = set(municipality_codes)
    units = []
    for item in _active(listed):
        detail_url = f"{url}/{item.code}"
        detail = validated(RegistryDetail, client.get_json(detail_url), detail_url).data
        found = detail.attributes
        if found.status != "AKTIV" or found.municipality_code not in wanted:
            continue
        units.append(
            RegisteredSchoolUnit(
                code=item.code,
                name=found.name,
                status="AKTIV",
                municipality_code=found.municipality_code,
                url=found.url or None,
                school_types=sorted(found.school_types or []),
            )
        )
    return SchoolUnitRegistrySnapshot(
        source=_source("Skolenhetsregistret", api, info),
        fetched_at=now,
        municipality_codes=list(municipality_codes),
        school_types=list(REGISTRY_SCHOOL_TYPES),
        school_units=sorted(units, key=lambda u: u.code),
    )


def _active(items: Iterable[RegistryListItem]) -> list[RegistryListItem]:
    unique: dict[str, RegistryListItem] = {}
    for item in items:
        if item.status == "AKTIV":
            unique.setdefault(item.code, item)
    return sorted(unique.values(), key=lambda item: item.code)
