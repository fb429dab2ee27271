"""What a sync changed, in Swedish Markdown: per school, per adult-education provider, per
registered school unit and per occupation. Printed by `--dry-run` and used as the body of the
weekly pull request."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from ..dates import swedish_date
from ..official import (
    STATISTICS_LABELS,
    AdultEducationEvent,
    EducationEvent,
    OfficialData,
    OfficialFigure,
    Outlook,
    PlannedEducationsSnapshot,
    PlannedSchoolUnit,
    SchoolUnitRegistrySnapshot,
    Snapshot,
    YrkesbarometerSnapshot,
    format_decimal,
)

MAX_GROUPS = 100  # schools, providers or occupations listed per section; the rest are counted
MAX_BODY = 60_000  # GitHub refuses a pull request body over 65 536 characters
COUNTIES = {"00": "hela Sverige", "24": "Västerbottens län"}
NO_CHANGES = "Inga ändringar jämfört med de sparade uppgifterna."
PR_FOOTER = (
    "Pull requesten skapades av arbetsflödet *Hämta officiella uppgifter* (`scripts/sync`). "
    "Granska ändringarna och slå ihop när de stämmer: inget slås ihop automatiskt. Uppgifterna "
    "skrivs bara av `scripts/sync`; rätta dem inte för hand.\n\n"
    "GitHub startar inte kontrollerna för en pull request som ett arbetsflöde har öppnat med "
    "sin egen nyckel (GITHUB_TOKEN). Stäng pull requesten och öppna den igen, så körs "
    "*Kontrollera ändringen* innan du slår ihop."
)

T = TypeVar("T")


def summarize(
    old: OfficialData | None,
    new: OfficialData,
    *,
    municipality_names: Mapping[str, str] | None = None,
) -> str:
    """The changes from `old` to `new` for every source in `new`."""
    old = old or OfficialData()
    names = municipality_names or {}
    parts: list[tuple[str, Snapshot | None, list[str]]] = []
    if new.planned:
        parts.append(
            (
                "Skolverket: gymnasieskolans tekniska program",
                new.planned,
                _schools(old.planned, new.planned, names),
            )
        )
        parts.append(
            (
                "Skolverket: vuxenutbildning inom teknik och tillverkning",
                None,
                _adult(old.planned, new.planned, names),
            )
        )
    if new.registry:
        parts.append(
            (
                "Skolverket: Skolenhetsregistret (aktiva skolenheter)",
                new.registry,
                _registry(old.registry, new.registry, names),
            )
        )
    if new.outlook:
        parts.append(
            (
                "Arbetsförmedlingen: Yrkesbarometern",
                new.outlook,
                _outlooks(old.outlook, new.outlook),
            )
        )
    lines = ["## Ändringar i de officiella uppgifterna", ""]
    if not any(body for _, _, body in parts):
        return "\n".join([*lines, NO_CHANGES]) + "\n"
    for title, snapshot, body in parts:
        lines += _section(title, snapshot, body)
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.rstrip("\n") + "\n"


def pull_request_body(summary: str) -> str:
    body = summary if len(summary) <= MAX_BODY else _cut(summary)
    return f"{body}\n---\n\n{PR_FOOTER}\n"


def _cut(text: str) -> str:
    kept = text[:MAX_BODY].rsplit("\n", 1)[0]
    return f"{kept}\n\n… sammanfattningen är för lång och har kortats; se ändringarna i filerna.\n"


def _section(title: str, snapshot: Snapshot | None, body: list[str]) -> list[str]:
    lines = [f"### {title}", ""]
    if snapshot is not None:
        lines += [f"Källa: {snapshot.source.url}, hämtat {swedish_date(snapshot.fetched_on)}.", ""]
    return [*lines, *(body or ["Inga ändringar."]), ""]


def _grouped(groups: list[tuple[str, list[str]]]) -> list[str]:
    """`#### heading` and its `- change` lines for each group with changes, at most MAX_GROUPS."""
    shown = [(title, changes) for title, changes in groups if changes]
    lines: list[str] = []
    for title, changes in shown[:MAX_GROUPS]:
        lines += [f"#### {title}", "", *(f"- {change}" for change in changes), ""]
    if len(shown) > MAX_GROUPS:
        lines.append(f"… och ändringar för {len(shown) - MAX_GROUPS} till.")
    return lines


def _by_key(items: Iterable[T], key: Callable[[T], str]) -> dict[str, T]:
    return {key(item): item for item in items}


# --- Upper-secondary programmes -----------------------------------------------------------------


def _schools(
    old: PlannedEducationsSnapshot | None,
    new: PlannedEducationsSnapshot,
    names: Mapping[str, str],
) -> list[str]:
    if old is None:
        with_programmes = [u for u in new.school_units if u.education_events]
        events = sum(len(u.education_events) for u in new.school_units)
        return [
            f"Första hämtningen: {len(new.school_units)} gymnasieskolor i länets kommuner, "
            f"varav {len(with_programmes)} med {_codes(new.programme_codes)} "
            f"({events} utbildningstillfällen)."
        ]
    before = _by_key(old.school_units, lambda u: u.code)
    after = _by_key(new.school_units, lambda u: u.code)
    groups = []
    for code in sorted(before.keys() | after.keys(), key=lambda c: _unit_name(c, before, after)):
        unit = after.get(code) or before[code]
        place = names.get(unit.municipality_code, unit.municipality_code)
        title = f"{unit.name} ({code}), {place}"
        groups.append((title, _unit_changes(before.get(code), after.get(code))))
    return _grouped(groups)


def _unit_name(code: str, *units: Mapping[str, PlannedSchoolUnit]) -> str:
    return next(u[code].name for u in units if code in u).casefold()


def _unit_changes(old: PlannedSchoolUnit | None, new: PlannedSchoolUnit | None) -> list[str]:
    if not (old and old.education_events) and not (new and new.education_events):
        return []  # a school without the programmes we follow, before and after
    changes = []
    if old is None:
        changes.append("ny i Skolverkets lista över gymnasieskolor")
    elif new is None:
        changes.append("finns inte längre i Skolverkets lista över gymnasieskolor")
    elif old.name != new.name:
        changes.append(f"nytt namn: {old.name} → {new.name}")
    before = _by_key(old.education_events if old else [], _event_key)
    after = _by_key(new.education_events if new else [], _event_key)
    for key in sorted(after.keys() - before.keys()):
        changes.append(f"tillkommit: {_event(after[key])}")
    for key in sorted(before.keys() - after.keys()):
        changes.append(f"borttaget: {_event(before[key])}")
    for key in sorted(before.keys() & after.keys()):
        changes += _event_changes(before[key], after[key])
    if old and new:
        changes += _statistics_changes(old, new)
    return changes


def _event_key(event: EducationEvent) -> str:
    return f"{event.programme_code} {event.school_year} {event.study_path_code}"


def _event(event: EducationEvent) -> str:
    text = f"{event.programme_code} {event.name} läsåret {event.school_year}"
    if event.is_apprenticeship:
        text += " (lärlingsutbildning)"
    if event.orientations:
        text += ", inriktningar: " + ", ".join(f"{p.name} ({p.code})" for p in event.orientations)
    return text


def _event_changes(old: EducationEvent, new: EducationEvent) -> list[str]:
    where = f"{new.programme_code} läsåret {new.school_year}"
    changes = []
    was = {p.code: p for p in old.orientations}
    now = {p.code: p for p in new.orientations}
    for code in sorted(now.keys() - was.keys()):
        changes.append(f"{where}: ny inriktning {now[code].name} ({code})")
    for code in sorted(was.keys() - now.keys()):
        changes.append(f"{where}: inriktningen {was[code].name} ({code}) borttagen")
    if old.is_apprenticeship != new.is_apprenticeship:
        changes.append(
            f"{where}: "
            + (
                "nu som lärlingsutbildning"
                if new.is_apprenticeship
                else "inte längre lärlingsutbildning"
            )
        )
    for field in ("admission_points_min", "admission_points_average"):
        before, after = getattr(old, field), getattr(new, field)
        if _shown(before) != _shown(after):
            period = (after or before).period if (after or before) else None
            label = STATISTICS_LABELS[field] + (f" {period}" if period else "")
            changes.append(f"{where}: {label}: {_shown(before)} → {_shown(after)}")
    return changes


def _statistics_changes(old: PlannedSchoolUnit, new: PlannedSchoolUnit) -> list[str]:
    changes = []
    for code in sorted({s.programme_code for s in [*old.statistics, *new.statistics]}):
        before, after = old.statistics_for(code), new.statistics_for(code)
        for field, label in STATISTICS_LABELS.items():
            was = _by_key(getattr(before, field) if before else [], lambda f: f.period or "")
            now = _by_key(getattr(after, field) if after else [], lambda f: f.period or "")
            for period in sorted(was.keys() | now.keys(), reverse=True):
                shown_before, shown_after = _shown(was.get(period)), _shown(now.get(period))
                if shown_before != shown_after:
                    when = f" {period}" if period else ""
                    changes.append(
                        f"statistik {code}: {label}{when}: {shown_before} → {shown_after}"
                    )
    return changes


def _shown(figure: OfficialFigure | None) -> str:
    return figure.display() if figure else "finns inte med"


def _codes(codes: list[str]) -> str:
    return ", ".join(codes[:-1]) + f" eller {codes[-1]}" if len(codes) > 1 else "".join(codes)


# --- Adult education ----------------------------------------------------------------------------


def _adult(
    old: PlannedEducationsSnapshot | None,
    new: PlannedEducationsSnapshot,
    names: Mapping[str, str],
) -> list[str]:
    if old is None:
        providers = {e.provider_name for e in new.adult_education_events}
        return [
            f"Första hämtningen: {len(new.adult_education_events)} utbildningar hos "
            f"{len(providers)} anordnare inom {_codes(new.adult_areas)}."
        ]
    before = _by_key(old.adult_education_events, lambda e: e.id)
    after = _by_key(new.adult_education_events, lambda e: e.id)
    providers: dict[str, list[str]] = {}

    def note(event: AdultEducationEvent, change: str) -> None:
        place = names.get(event.municipality_code, event.municipality_code)
        providers.setdefault(f"{event.provider_name or 'Anordnare saknas'}, {place}", []).append(
            change
        )

    for key in sorted(after.keys() - before.keys()):
        note(after[key], f"tillkommit: {_adult_event(after[key])}")
    for key in sorted(before.keys() - after.keys()):
        note(before[key], f"borttaget: {_adult_event(before[key])}")
    for key in sorted(before.keys() & after.keys()):
        for change in _adult_changes(before[key], after[key]):
            note(after[key], f"{after[key].title}: {change}")
    return _grouped(sorted(providers.items(), key=lambda item: item[0].casefold()))


def _adult_event(event: AdultEducationEvent) -> str:
    details = [event.type_name or event.kind]
    if event.start:
        details.append(f"start {swedish_date(event.start)}")
    elif event.rolling_start:
        details.append("löpande start")
    if event.distance:
        details.append("distans")
    if event.last_application_date:
        details.append(f"sista ansökningsdag {swedish_date(event.last_application_date)}")
    return f"{event.title} ({', '.join(details)})"


def _adult_changes(old: AdultEducationEvent, new: AdultEducationEvent) -> list[str]:
    fields: dict[str, tuple[str, Callable[[Any], str]]] = {
        "start": ("start", _day),
        "last_application_date": ("sista ansökningsdag", _day),
        "pace_percent": ("studietakt", _pace),
        "distance": ("distans", _yes_no),
    }
    changes = []
    for field, (label, shown) in fields.items():
        before, after = getattr(old, field), getattr(new, field)
        if before != after:
            changes.append(f"{label} {shown(before)} → {shown(after)}")
    if old.title != new.title:
        changes.append(f"ny titel: {old.title} → {new.title}")
    return changes


def _day(value: date | None) -> str:
    return swedish_date(value) if value else "uppgift saknas"


def _pace(value: Decimal | None) -> str:
    return f"{format_decimal(value)} %" if value is not None else "uppgift saknas"


def _yes_no(value: bool | None) -> str:
    return "uppgift saknas" if value is None else ("ja" if value else "nej")


# --- The register of school units ---------------------------------------------------------------


def _registry(
    old: SchoolUnitRegistrySnapshot | None,
    new: SchoolUnitRegistrySnapshot,
    names: Mapping[str, str],
) -> list[str]:
    if old is None:
        return [
            f"Första hämtningen: {len(new.school_units)} aktiva skolenheter ({', '.join(new.school_types)})."
        ]
    before = _by_key(old.school_units, lambda u: u.code)
    after = _by_key(new.school_units, lambda u: u.code)
    lines = []
    for code in sorted(before.keys() | after.keys()):
        was, now = before.get(code), after.get(code)
        unit = now or was
        assert unit is not None
        place = names.get(unit.municipality_code, unit.municipality_code)
        name = f"{unit.name} ({code}), {place}"
        if was is None:
            lines.append(f"- ny aktiv skolenhet: {name}")
        elif now is None:
            lines.append(f"- inte längre aktiv eller inte längre i länet: {name}")
        else:
            for label, field in (
                ("namn", "name"),
                ("webbadress", "url"),
                ("kommunkod", "municipality_code"),
            ):
                if getattr(was, field) != getattr(now, field):
                    lines.append(f"- {name}: {label} {getattr(was, field)} → {getattr(now, field)}")
    return lines


# --- Yrkesbarometern ----------------------------------------------------------------------------

_OUTLOOK_FIELDS = {
    "job_opportunities": "jobbmöjligheter",
    "recruitment_situation": "rekryteringssituation",
    "forecast": "prognos på fem års sikt",
}


def _outlooks(old: YrkesbarometerSnapshot | None, new: YrkesbarometerSnapshot) -> list[str]:
    if old is None:
        occupations = {o.concept_id for o in new.outlooks}
        return [
            f"Första hämtningen: {len(occupations)} yrken i {_places(new.counties)}, "
            f"omgång {', '.join(new.rounds)}."
        ]
    lines = []
    if old.rounds != new.rounds:
        lines += [f"Ny omgång: {', '.join(old.rounds)} → {', '.join(new.rounds)}.", ""]
    before = _by_key(old.outlooks, _outlook_key)
    after = _by_key(new.outlooks, _outlook_key)
    occupations: dict[str, list[str]] = {}
    for key in sorted(before.keys() | after.keys()):
        was, now = before.get(key), after.get(key)
        outlook = now or was
        assert outlook is not None
        title, place = outlook.occupation, _place(outlook.county)
        if was is None:
            occupations.setdefault(title, []).append(f"{place}: ny i Yrkesbarometern")
        elif now is None:
            occupations.setdefault(title, []).append(f"{place}: finns inte längre med")
        else:
            for field, label in _OUTLOOK_FIELDS.items():
                a, b = getattr(was, field), getattr(now, field)
                if a != b:
                    occupations.setdefault(title, []).append(
                        f"{place}: {label} {a or 'uppgift saknas'} → {b or 'uppgift saknas'}"
                    )
    return lines + _grouped(sorted(occupations.items(), key=lambda item: item[0].casefold()))


def _outlook_key(outlook: Outlook) -> str:
    return f"{outlook.concept_id} {outlook.county}"


def _place(county: str) -> str:
    return COUNTIES.get(county, f"län {county}")


def _places(counties: list[str]) -> str:
    return _codes([_place(c) for c in counties]).replace(" eller ", " och ")
