"""The build date: today, unless a test or a preview fixes it with TCV_BUILD_DATE=YYYY-MM-DD."""

from __future__ import annotations

import os
from datetime import date


def build_date() -> date:
    fixed = os.environ.get("TCV_BUILD_DATE")
    return date.fromisoformat(fixed) if fixed else date.today()


MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


def swedish_date(day: date) -> str:
    """'30 juni 2029', as Swedish prose writes dates."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def english_date(day: date) -> str:
    """'30 June 2029'."""
    return f"{day.day} {_EN[day.month - 1]} {day.year}"


_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def swedish_partial_date(value: str) -> str:
    """'2016', 'juni 2016' or '15 juni 2016' for 2016, 2016-06 and 2016-06-15."""
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 3:
        return swedish_date(date(*parts))
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])
