"""The county's common admission to upper-secondary school: which date comes next, counted from
the build date, and what to say when no coming date is known. Only dates with a source exist in
the data (data/admissions/<year>.yml); a year without published dates shows none."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from . import labels
from .models import Admission, AdmissionDate, Source


@dataclass(frozen=True)
class AdmissionStep:
    """One published date of one year's admission."""

    admission: Admission
    field: str  # the field in the data file, e.g. "application_closes"
    published: AdmissionDate

    @property
    def on(self) -> date:
        return self.published.day

    @property
    def source(self) -> Source:
        return self.published.source

    @property
    def label(self) -> str:
        """The start of a Swedish sentence: 'Ansökan stänger'."""
        return labels.ADMISSION_STEPS[self.field]


@dataclass(frozen=True)
class Outlook:
    """What the site says about the admission on the build date: the next date and the rest of
    that year's dates, or, when no coming date is known, the year whose dates are not published
    here yet and where to find them."""

    admission: Admission  # the admission the office and website come from
    year: int  # the admission the text is about
    next: AdmissionStep | None  # None: the dates of `year` are not published here yet
    steps: tuple[AdmissionStep, ...] = ()  # every known date of `year`, in order

    @property
    def office(self) -> str:
        return self.admission.office

    @property
    def website(self) -> str:
        return self.admission.website


def steps_of(admission: Admission) -> list[AdmissionStep]:
    return [AdmissionStep(admission, field, d) for field, d in admission.steps()]


def all_steps(admissions: Iterable[Admission]) -> list[AdmissionStep]:
    """Every published date of every year, earliest first."""
    found = [step for admission in admissions for step in steps_of(admission)]
    return sorted(found, key=lambda step: (step.on, step.admission.year))


def outlook(admissions: Iterable[Admission], today: date) -> Outlook | None:
    """None when the data has no admission at all."""
    admissions = sorted(admissions, key=lambda a: a.year)
    if not admissions:
        return None
    coming = [step for step in all_steps(admissions) if step.on >= today]
    if coming:
        admission = coming[0].admission
        return Outlook(admission, admission.year, coming[0], tuple(steps_of(admission)))
    latest = admissions[-1]
    # The latest year's dates have passed: the next year's are what is missing. A year written
    # down without dates is itself the year whose dates are not published yet.
    year = latest.year + 1 if latest.steps() else latest.year
    return Outlook(latest, year, None)


def last_known(admissions: Iterable[Admission]) -> AdmissionStep | None:
    """The last published date of all: after it, the site has no coming date to show."""
    found = all_steps(admissions)
    return found[-1] if found else None


def countdown(day: date, today: date) -> str:
    """'i dag', 'i morgon', 'om 74 dagar'; for a day that has passed, 'för 3 dagar sedan'."""
    days = (day - today).days
    if days == 0:
        return "i dag"
    if days == 1:
        return "i morgon"
    if days == -1:
        return "i går"
    if days < 0:
        return f"för {-days} dagar sedan"
    return f"om {days} dagar"
