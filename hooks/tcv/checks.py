"""Checks across records: references, unique ids, dates. Run after every record is valid alone."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Any

from . import kinds
from .kinds import KINDS
from .load import Entry, LoadedData
from .models import ADMISSION_STEPS
from .problems import Problem, Severity

STALE_AFTER = timedelta(days=365)
EXPIRY_WARNING = timedelta(days=90)
OLD_SOURCE_YEARS = 2  # a record whose newest source is older than this is checked again


def check(data: LoadedData, today: date) -> list[Problem]:
    complete = not data.problems  # sums over a partly loaded data set would mislead
    return [
        *_unique(data.municipalities, "id"),
        *_unique(data.municipalities, "code"),
        *_unique(data.municipalities, "name"),
        *_references(data),
        *_dates(data, today),
        *_admission_dates(data, today),
        *(_financing(data) if complete else ()),
    ]


def _unique(entries: list[Entry[Any]], field: str) -> Iterator[Problem]:
    seen: dict[Any, Entry[Any]] = {}
    for entry in entries:
        value = getattr(entry.record, field)
        first = seen.setdefault(value, entry)
        if first is not entry:
            yield entry.problem(
                [field],
                f"'{value}' används redan",
                f"varje {field} ska vara unikt (finns också på rad {first.source.line_of([*first.loc, field])})",
            )


def _references(data: LoadedData) -> Iterator[Problem]:
    """Every id a record refers to (the registry's references) names a record that exists."""
    known: dict[str, set[str] | None] = dict(data.file_ids)
    # When municipalities.yml itself failed, its own problems say so; don't repeat them per record.
    known["municipalities"] = {e.record.id for e in data.municipalities} or None
    for name, entries in data.records.items():
        for reference in KINDS[name].references:
            target = kinds.target(reference)
            ids = known.get(target.name)
            if ids is None:
                continue
            for entry in entries:
                value = getattr(entry.record, reference.field)
                values = enumerate(value) if reference.many else [(None, value)]
                for i, id_ in values:
                    if id_ is not None and id_ not in ids:
                        loc = [reference.field] if i is None else [reference.field, i]
                        yield entry.problem(
                            loc,
                            f"{target.the} '{id_}' finns inte",
                            _suggest(id_, ids, target.where),
                        )


def _suggest(value: str, known: Iterable[str], where: str) -> str:
    close = difflib.get_close_matches(value, sorted(known), n=1)
    if close:
        return f"menade du '{close[0]}'? (id:n finns i {where})"
    return f"ange ett id som finns i {where}"


def _dates(data: LoadedData, today: date) -> Iterator[Problem]:
    entries: list[Entry[Any]] = [
        *data.municipalities,
        *(e for entries in data.records.values() for e in entries),
    ]
    if data.region:
        entries.append(data.region)
    for entry in entries:
        yield from _source_dates(entry, today)
        verified = entry.record.verified_on
        if verified is None:
            continue
        if verified > today:
            yield entry.problem(
                ["verified_on"],
                f"datumet {verified} ligger i framtiden",
                "ange dagens datum eller ett tidigare",
            )
        elif today - verified > STALE_AFTER:
            yield entry.problem(
                ["verified_on"],
                f"uppgifterna stämdes senast av {verified}, för mer än ett år sedan",
                "stäm av dem med skolan, kommunen eller registret och uppdatera verified_on",
                severity=Severity.WARNING,
            )
    for entry in data.records["programme"]:
        cert = entry.record.certification
        if cert is None:
            continue
        yield from _source_in_past(entry, ["certification", "source"], cert.source, today)
        if cert.status == "certified" and cert.valid_until is not None:
            if cert.valid_until < today:
                yield entry.problem(
                    ["certification", "valid_until"],
                    f"certifieringen gick ut {cert.valid_until} och visas som utgången",
                    "lägg in det nya beslutet eller ändra status",
                    severity=Severity.WARNING,
                )
            elif cert.valid_until - today <= EXPIRY_WARNING:
                yield entry.problem(
                    ["certification", "valid_until"],
                    f"certifieringen går ut {cert.valid_until}, inom 90 dagar",
                    "ansök om omcertifiering i tid och uppdatera datumet när beslutet kommer",
                    severity=Severity.WARNING,
                )
    for entry in data.records["role_model"]:
        image = entry.record.image
        if image and not (entry.source.path.parent / image.src).is_file():
            yield entry.problem(
                ["image", "src"],
                f"bilden '{image.src}' finns inte",
                "lägg bildfilen bredvid berättelsen i data/role_models/",
            )
        if entry.record.consent_on > today:
            yield entry.problem(
                ["consent_on"],
                f"samtycket är daterat i framtiden ({entry.record.consent_on})",
                "ange det datum då samtycket faktiskt gavs",
            )


def _admission_dates(data: LoadedData, today: date) -> Iterator[Problem]:
    """Each date's source is in the past; the last known date warns 90 days ahead, so that the
    next year's dates are in before the site has no coming date to show."""
    entries = data.records["admission"]
    for entry in entries:
        yield from _admission_order(entry)
        for i, published in enumerate(entry.record.dates):
            yield from _source_in_past(entry, ["dates", i, "source"], published.source, today)
    dated = [(d.day, e.record.year, e, i) for e in entries for i, d in enumerate(e.record.dates)]
    if not dated:
        return
    last, year, entry, index = max(dated, key=lambda found: found[:2])
    if last - today > EXPIRY_WARNING:
        return
    when = f"passerade {last}" if last < today else f"är {last}, inom 90 dagar"
    yield entry.problem(
        ["dates", index, "day"],
        f"det sista kända datumet i gymnasieantagningen {when}",
        f"lägg in datumen för {year + 1} i data/admissions/{year + 1}.yml när "
        f"{entry.record.office} har publicerat dem",
        severity=Severity.WARNING,
    )


def _admission_order(entry: Entry[Any]) -> Iterator[Problem]:
    """Each step once, and no step dated before one that comes earlier in the year."""
    dates = entry.record.dates
    first: dict[str, int] = {}
    for i, published in enumerate(dates):
        if published.step in first:
            line = entry.source.line_of([*entry.loc, "dates", first[published.step]])
            yield entry.problem(
                ["dates", i, "step"],
                f"{published.step} står redan på rad {line}",
                "varje datum står en gång — ta bort det ena",
            )
        first.setdefault(published.step, i)
    order = list(ADMISSION_STEPS)
    for i, published in enumerate(dates):
        earlier = [
            d
            for d in dates
            if order.index(d.step) < order.index(published.step) and d.day > published.day
        ]
        if earlier:
            latest = max(earlier, key=lambda d: (d.day, order.index(d.step)))
            yield entry.problem(
                ["dates", i, "day"],
                f"{published.step} ({published.day}) ligger före {latest.step} ({latest.day})",
                "datumen följer antagningens ordning, från application_opens till "
                "reserve_admission — kontrollera datumen mot källan",
            )


def _source_dates(entry: Entry[Any], today: date) -> Iterator[Problem]:
    record = entry.record
    for i, source in enumerate(record.sources):
        yield from _source_in_past(entry, ["sources", i], source, today)
    years = record.source_years()
    recently_verified = record.verified_on and today - record.verified_on <= STALE_AFTER
    if years and not recently_verified and today.year - years[1] > OLD_SOURCE_YEARS:
        newest = max(range(len(record.sources)), key=lambda i: record.sources[i].published)
        yield entry.problem(
            ["sources", newest, "published"],
            f"den nyaste källan är från {years[1]}, mer än {OLD_SOURCE_YEARS} år gammal",
            "stäm av uppgifterna med skolan, kommunen eller ett register och ange verified_on, "
            "eller lägg till en nyare källa",
            severity=Severity.WARNING,
        )


def _source_in_past(
    entry: Entry[Any], loc: list[str | int], source: Any, today: date
) -> Iterator[Problem]:
    for name in ("published", "read_on"):
        value = getattr(source, name)
        if value > today.isoformat()[: len(value)]:
            yield entry.problem(
                [*loc, name],
                f"datumet {value} ligger i framtiden",
                "ange när källan faktiskt publicerades och lästes",
            )


def _financing(data: LoadedData) -> Iterator[Problem]:
    if data.region is None:
        return
    financing = data.region.record.financing
    municipal = sum(e.record.co_financing or 0 for e in data.municipalities)
    private = sum(e.record.co_financing or 0 for e in data.records["company"])
    total = financing.regional_grant + municipal + private
    if total != financing.total_cost:
        yield data.region.problem(
            ["financing", "total_cost"],
            f"finansieringen går inte ihop: regionens bidrag {financing.regional_grant} + kommunerna "
            f"{municipal} + företagen {private} = {total}, inte {financing.total_cost}",
            "rätta beloppen så att summan blir projektets totala kostnad",
        )
