"""Official snapshots for synthetic data (tcv.tooling.synthetic): Skolverket's planned educations
and school-unit register and Arbetsförmedlingen's Yrkesbarometer, consistent with the synthetic
providers and programmes, so that validation passes and the benchmark builds what the site
builds once the weekly sync has run. Fictitious: codes and names come from the synthetic data
and a seeded generator; the occupations get concept ids of their own (synt_0000, …)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from ..load import load_data
from ..official import (
    OFFICIAL_FOLDER,
    PLANNED_EDUCATIONS_FILE,
    SCHOOL_UNITS_FILE,
    YRKESBAROMETER_FILE,
    AdultEducationEvent,
    EducationEvent,
    OfficialFigure,
    Outlook,
    PlannedEducationsSnapshot,
    PlannedSchoolUnit,
    ProgrammeStatistics,
    RegisteredSchoolUnit,
    SchoolUnitRegistrySnapshot,
    SourceInfo,
    StudyPath,
    YrkesbarometerSnapshot,
    write_snapshot,
)

CODES = ("EE", "IN", "TE")
NAMES = {
    "EE": "El- och energiprogrammet",
    "IN": "Industritekniska programmet",
    "TE": "Teknikprogrammet",
}
ORIENTATIONS = {
    "TE": [("TEPRO", "Produktionsteknik"), ("TEDES", "Design och produktutveckling"),
           ("TEINF", "Informations- och medieteknik"), ("TETEK", "Teknikvetenskap")],
    "IN": [("INPRM", "Produkt- och maskinteknik"), ("INPRO", "Processteknik"),
           ("INSVE", "Svetsteknik"), ("INDRI", "Driftsäkerhet och underhåll")],
    "EE": [("EEAUT", "Automation"), ("EEELT", "Elteknik"), ("EEENE", "Energiteknik"),
           ("EEDAT", "Dator- och kommunikationsteknik")],
}  # fmt: skip


def figure(rng: random.Random, low: float, high: float, period: str) -> OfficialFigure:
    roll = rng.random()
    if roll < 0.15:
        return OfficialFigure.parse(
            "..", value_type="OMITTED_DUE_TO_BASED_ON_FEW_PUPILS", period=period
        )
    if roll < 0.2:
        return OfficialFigure.parse(None, value_type="MISSING", period=period)
    value = f"{rng.uniform(low, high):.1f}".replace(".", ",")
    return OfficialFigure.parse(value, value_type="EXISTS", period=period)


def event(
    rng: random.Random, code: str, orientation_codes: set[str], apprentice: bool
) -> EducationEvent:
    paths = {c: n for c, n in ORIENTATIONS[code] if c in orientation_codes or rng.random() < 0.4}
    return EducationEvent(
        programme_code=code,
        study_path_code=f"{code}25",
        name=NAMES[code],
        school_year="2027/28",
        start=date(2027, 8, 16),
        end=date(2028, 6, 10),
        orientations=[StudyPath(code=c, name=n) for c, n in sorted(paths.items())],
        variants=["LU"] if apprentice else [],
        admission_points_min=figure(rng, 100, 260, "2026"),
        admission_points_average=figure(rng, 150, 300, "2026"),
    )


def statistics(rng: random.Random, code: str) -> ProgrammeStatistics:
    return ProgrammeStatistics(
        programme_code=code,
        admission_points_min=[figure(rng, 100, 260, "2026")],
        admission_points_average=[figure(rng, 150, 300, "2026")],
        exam_within_3_years=[figure(rng, 50, 100, "2024/25"), figure(rng, 50, 100, "2023/24")],
        certified_teachers=[figure(rng, 60, 100, "2025/26")],
    )


def write_official(
    data_dir: Path,
    *,
    seed: int,
    today: date,
    extra_units: int,
    adult_events: int,
    occupations: int,
) -> str:
    """Write the three snapshots into `data_dir`/official/ and give each occupation a concept id;
    returns a one-line summary."""
    rng = random.Random(seed)
    fetched = datetime.combine(today, datetime.min.time(), UTC)  # as if synced that night
    data = load_data(data_dir)
    municipalities = [e.record for e in data.municipalities]
    by_id = {m.id: m for m in municipalities}
    codes = [m.code for m in municipalities]
    wanted: dict[
        str, dict[str, tuple[set[str], bool]]
    ] = {}  # unit -> code -> (orientations, apprentice)
    unit_place: dict[str, str] = {}
    for entry in data.records["provider"]:
        p = entry.record
        if p.school_unit_code:
            wanted.setdefault(p.school_unit_code, {})
            unit_place[p.school_unit_code] = by_id[p.municipality].code
    provider_unit = {e.record.id: e.record.school_unit_code for e in data.records["provider"]}
    for entry in data.records["programme"]:
        p = entry.record
        unit = provider_unit.get(p.provider)
        if unit and p.programme_code in CODES:
            orientations, apprentice = wanted[unit].get(p.programme_code, (set(), False))
            if p.orientation and p.orientation.code:
                orientations.add(p.orientation.code)
            wanted[unit][p.programme_code] = (orientations, apprentice or p.level == "larling")
    for offered in wanted.values():  # programmes no editor described
        for code in CODES:
            if code not in offered and rng.random() < 0.4:
                offered[code] = (set(), False)
    taken = set(wanted)
    while len(wanted) < len(taken) + extra_units and len(wanted) < 10**7:
        code = f"{rng.randint(0, 99_999_999):08d}"
        if code in wanted:
            continue
        wanted[code] = {
            c: (set(), rng.random() < 0.1) for c in rng.sample(CODES, rng.randint(1, 3))
        }
        unit_place[code] = rng.choice(codes)
    units = []
    registered = []
    for code in sorted(wanted):
        name = f"Syntetiska gymnasiet {code}"
        events = [event(rng, c, o, a) for c, (o, a) in sorted(wanted[code].items())]
        units.append(
            PlannedSchoolUnit(
                code=code,
                name=name,
                municipality_code=unit_place[code],
                principal_organizer_type="Kommunal",
                education_events=events,
                statistics=[statistics(rng, c) for c in sorted(wanted[code])],
            )
        )
        registered.append(
            RegisteredSchoolUnit(
                code=code,
                name=name,
                status="AKTIV",
                municipality_code=unit_place[code],
                url=f"https://gy{code}.example.se",
                school_types=["GY"],
            )
        )
    adults = []
    for i in range(adult_events):
        kind = "yh" if rng.random() < 0.3 else "vuxgy"
        start = date(2027, 1, 11) + timedelta(days=rng.randint(0, 300))
        adults.append(
            AdultEducationEvent(
                id=f"e.synt.{i:05d}",
                title=rng.choice(
                    (
                        "Svetsare",
                        "CNC-operatör",
                        "Elektriker",
                        "Automationstekniker",
                        "Underhållsmekaniker",
                    )
                ),
                provider_name=f"Syntetisk anordnare {rng.randint(1, 900)}",
                kind=kind,
                type_name="Yrkeshögskoleutbildning"
                if kind == "yh"
                else "Gymnasial vuxenutbildning",
                municipality_code=rng.choice(codes),
                start=start,
                rolling_start=False,
                pace_percent=Decimal(rng.choice((50, 75, 100))),
                distance=rng.random() < 0.3,
                last_application_date=start - timedelta(days=30),
            )
        )
    adults.sort(
        key=lambda a: (
            a.municipality_code,
            a.provider_name or "",
            a.title,
            a.start or date.max,
            a.id,
        )
    )
    planned = PlannedEducationsSnapshot(
        source=SourceInfo(
            publisher="Skolverket",
            title="Planerade utbildningar (Planned Educations API)",
            url="https://api.skolverket.se/planned-educations/v4",
            api_version="v4",
            licence=None,
        ),
        fetched_at=fetched,
        municipality_codes=sorted(codes),
        programme_codes=list(CODES),
        adult_areas=["Teknik", "Tillverkning och underhåll"],
        school_units=units,
        adult_education_events=adults,
    )
    registry = SchoolUnitRegistrySnapshot(
        source=SourceInfo(
            publisher="Skolverket",
            title="Skolenhetsregistret",
            url="https://api.skolverket.se/skolenhetsregistret/v2",
            api_version="2.0",
            licence=None,
        ),
        fetched_at=fetched,
        municipality_codes=sorted(codes),
        school_types=["GY", "VUX"],
        school_units=registered,
    )
    counties = ["00", *sorted({c[:2] for c in codes})[:21]]
    outlooks = []
    for i in range(occupations):
        for county in counties:
            outlooks.append(
                Outlook(
                    concept_id=f"synt_{i:04d}",
                    occupation=f"Syntetiskt yrke {i:04d}",
                    ssyk="9999",
                    county=county,
                    round="2026-2",
                    job_opportunities=rng.choice(("små", "medelstora", "stora", None)),
                    recruitment_situation=rng.choice(("överskott", "balans", "brist")),
                    forecast=rng.choice(("öka", "vara oförändrad", "minska")),
                    text_job_opportunities="Påhittad text.",
                )
            )
    outlook = YrkesbarometerSnapshot(
        source=SourceInfo(
            publisher="Arbetsförmedlingen",
            title="Yrkesbarometern",
            url="https://data.arbetsformedlingen.se/prognoser/yrkesbarometer.json",
            api_version=None,
            licence="CC0 1.0",
        ),
        fetched_at=fetched,
        counties=counties,
        rounds=["2026-2"],
        outlooks=outlooks,
    )
    folder = data_dir / OFFICIAL_FOLDER
    write_snapshot(folder / PLANNED_EDUCATIONS_FILE, planned)
    write_snapshot(folder / SCHOOL_UNITS_FILE, registry)
    write_snapshot(folder / YRKESBAROMETER_FILE, outlook)
    # Every synthetic occupation gets a concept id, so occupation pages show an outlook.
    for i, path in enumerate(sorted((data_dir / "occupations").glob("*.yml"))):
        text = path.read_text(encoding="utf-8")
        if "concept_id:" not in text:
            path.write_text(
                text.rstrip("\n") + f"\nconcept_id: synt_{i % occupations:04d}\n", encoding="utf-8"
            )
    events = sum(len(u.education_events) for u in units)
    return (
        f"{len(units)} skolenheter, {events} utbildningstillfällen, {len(adults)} "
        f"vuxenutbildningar, {len(outlooks)} rader yrkesbarometer"
    )
