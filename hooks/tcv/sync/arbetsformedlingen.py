"""Arbetsförmedlingen's Yrkesbarometer: the published JSON file (CC0), one row per occupation and
county. Every row for Sweden (00) and for the counties of our municipalities is kept: the
occupations in data/occupations/ are joined to them later by their concept id, so an occupation
that gets its id needs no new sync."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from pydantic import Field

from ..official import Outlook, SourceInfo, YrkesbarometerSnapshot
from .http import ApiModel, HttpClient, validated

YRKESBAROMETER_PATH = "/prognoser/yrkesbarometer.json"
SWEDEN = "00"
LICENCE = "CC0 1.0"


class ApiOutlook(ApiModel):
    concept_id: str = Field(alias="yb_concept_id", min_length=1)
    occupation: str = Field(alias="yb_yrke", min_length=1)
    ssyk: str | None = None
    ssyk_text: str | None = None
    occupation_area: str | None = Field(None, alias="yrkesomrade")
    county: str = Field(alias="lan", pattern=r"^[0-9]{2}$")
    round: str = Field(alias="omgang", min_length=1)
    job_opportunities: str | None = Field(None, alias="jobbmojligheter")
    recruitment_situation: str | None = Field(None, alias="rekryteringssituation")
    forecast: str | None = Field(None, alias="prognos")
    text_job_opportunities: str | None = Field(None, alias="text_jobbmojligheter")
    text_recruitment_situation: str | None = Field(None, alias="text_rekryteringssituation")
    taxonomy_version: int | None = Field(None, alias="taxonomi_version")


class ApiYrkesbarometer(ApiModel):
    rows: list[ApiOutlook]


def fetch_yrkesbarometer(
    client: HttpClient, base: str, municipality_codes: Sequence[str], now: datetime
) -> YrkesbarometerSnapshot:
    url = base + YRKESBAROMETER_PATH
    counties = sorted({SWEDEN, *(code[:2] for code in municipality_codes)})
    rows = validated(ApiYrkesbarometer, {"rows": client.get_json(url)}, url).rows
    kept = [row for row in rows if row.county in counties]
    outlooks = [
        validated(Outlook, row.model_dump(), url)
        for row in sorted(kept, key=lambda r: (r.occupation, r.concept_id, r.county))
    ]
    return YrkesbarometerSnapshot(
        source=SourceInfo(
            publisher="Arbetsförmedlingen",
            title="Yrkesbarometern",
            url=url,
            api_version=None,  # a published file: no API version, the round says how new it is
            licence=LICENCE,
        ),
        fetched_at=now,
        counties=counties,
        rounds=sorted({row.round for row in kept}),
        outlooks=outlooks,
    )
