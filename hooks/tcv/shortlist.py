"""Mina val: the facts of every programme that the shortlist page compares, as JSON.

A visitor's list is kept in the browser only (localStorage, one key holding a JSON list of
programme ids; assets/tcv/shortlist.js). The page carries the comparable facts of every
programme in a JSON data block, so the browser never asks anyone which programmes were saved.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from . import labels, urls
from .dates import swedish_date
from .models import Programme
from .offerings import FIGURES
from .site import Site

URL = "mina-val/"
SCRIPT = "assets/tcv/shortlist.js"  # the save buttons and the list on this device
PAGE_SCRIPT = "assets/tcv/shortlist-page.js"  # the comparison on /mina-val/
STYLESHEET = "assets/tcv/shortlist.css"  # the save buttons
PAGE_STYLESHEET = "assets/tcv/shortlist-page.css"  # the comparison on /mina-val/
STORAGE_KEY = "tcv-mina-val"  # also named on the privacy page (content/integritet.md)
DATA_ID = "tcv-mina-val-data"  # the id of the JSON data block on the page

# Programmes whose application goes through the county's common admission (admissions.py).
UPPER_SECONDARY = frozenset({"gymnasium", "larling"})

# Skolverket's admission figures; the other official figures are on the programme page.
ADMISSION_LABELS = frozenset(label for name, label, _ in FIGURES if name.startswith("admission"))


@dataclass(frozen=True)
class ApplyDate:
    """'Sista ansökningsdag 15 februari 2027', or the county admission's next date, or only a
    note ('Datumen för gymnasievalet 2027 är inte publicerade här än')."""

    label: str | None  # how the date is introduced: 'Sista ansökningsdag', 'Ansökan stänger'
    on: str | None  # '15 februari 2027'
    on_iso: str | None  # '2027-02-15'
    note: str | None  # 'Gymnasievalet 2027'


@dataclass(frozen=True)
class ProgrammeFacts:
    """What one column of the comparison shows. Texts are ready to read; None is unknown."""

    name: str
    orientation: str | None
    url: str  # relative to the shortlist page
    school: str
    municipality: str
    form: str
    length: str | None
    certification: str
    certification_state: str
    admission: list[str]  # "Lägsta antagningspoäng 2026: 172,5", one figure a line
    admission_source: str | None  # "Källa: Skolverket, hämtat 7 december 2026"
    partners: list[str]
    apply: ApplyDate | None  # the next date to apply by, when one is known


def certification_text(programme: Programme, today: date) -> str:
    """The Teknikcollege state in a few words, as the finder's badge and the programme page
    say it: 'Inte certifierad', 'Certifierad t.o.m. 30 juni 2029', …"""
    certification = programme.certification
    state = programme.certification_state(today)
    if certification and certification.valid_until:
        if state == "certified":
            return f"Certifierad t.o.m. {swedish_date(certification.valid_until)}"
        if state == "expired":
            return f"Certifieringen gick ut {swedish_date(certification.valid_until)}"
    return labels.CERTIFICATION[state]


def facts_of(site: Site, programme: Programme) -> ProgrammeFacts:
    official = site.offerings.official_for(programme)
    admission = (
        [line.text for line in official.figures() if line.label in ADMISSION_LABELS and line.figure]
        if official
        else []
    )
    study = programme.study
    return ProgrammeFacts(
        name=programme.name,
        orientation=programme.orientation.name if programme.orientation else None,
        url=urls.relative(urls.record("programme", programme.id), URL),
        school=site.provider_of(programme).name,
        municipality=site.municipality_of(programme).name,
        form=labels.LEVELS[programme.level],
        length=study.duration if study and study.duration else None,
        certification=certification_text(programme, site.today),
        certification_state=site.certification_state(programme),
        admission=admission,
        admission_source=official.source.text if official and admission else None,
        partners=[company.name for company in site.partners_of(programme)],
        apply=apply_date(site, programme),
    )


def apply_date(site: Site, programme: Programme) -> ApplyDate | None:
    """The programme's own last day to apply while it is ahead; for upper-secondary programmes
    otherwise the next date of the county's common admission (admissions.py), or that its dates
    are not published yet. Adult education has only its own date."""
    deadline = programme.apply.deadline
    if deadline and deadline >= site.today:
        return ApplyDate("Sista ansökningsdag", swedish_date(deadline), deadline.isoformat(), None)
    outlook = site.admission_outlook() if programme.level in UPPER_SECONDARY else None
    if outlook is None:
        return None
    step = outlook.next
    if step is None:
        note = f"Datumen för gymnasievalet {outlook.year} är inte publicerade här än"
        return ApplyDate(None, None, None, note)
    return ApplyDate(
        step.label, swedish_date(step.on), step.on.isoformat(), f"Gymnasievalet {outlook.year}"
    )


def facts(site: Site) -> dict[str, ProgrammeFacts]:
    """Every programme's facts, by id, in the site's order."""
    return {programme.id: facts_of(site, programme) for programme in site.programmes.values()}


def data_block(site: Site) -> str:
    """The facts as JSON for a `<script type="application/json">` element: a data block, which
    browsers never execute (so the page's Content-Security-Policy needs no hash for it). '<',
    '>' and '&' are escaped so that no text from data can close the element."""
    data = {pid: _without_empty(asdict(f)) for pid, f in facts(site).items()}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _without_empty(values: dict[str, Any]) -> dict[str, Any]:
    """Unknown facts (None, empty lists) are left out: the page says 'Uppgift saknas'."""
    return {
        key: _without_empty(value) if isinstance(value, dict) else value
        for key, value in values.items()
        if value is not None and value != []
    }
