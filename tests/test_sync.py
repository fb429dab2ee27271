"""`scripts/sync`: Skolverket's and Arbetsförmedlingen's open data into data/official/, tested
against a local server that answers like the published API descriptions (fictitious data in
tests/fixtures/official_api/), never against the real hosts."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
import yaml

from tcv.cli import main
from tcv.dates import swedish_date
from tcv.load import load_data
from tcv.official import (
    OFFICIAL_FOLDER,
    PLANNED_EDUCATIONS_FILE,
    SCHOOL_UNITS_FILE,
    YRKESBAROMETER_FILE,
    OfficialData,
    OfficialFigure,
    PlannedEducationsSnapshot,
    SchoolUnitRegistrySnapshot,
    YrkesbarometerSnapshot,
    check_against_official,
    load_official,
    write_snapshot,
)
from tcv.problems import DataError, Severity

from conftest import FIXTURES, ROOT

API_FIXTURES = FIXTURES / "official_api"
MEDIA_TYPE = "application/vnd.skolverket.plannededucations.api.v4.hal+json"
SNAPSHOTS = [PLANNED_EDUCATIONS_FILE, SCHOOL_UNITS_FILE, YRKESBAROMETER_FILE]
PE = "/planned-educations/v4"


# --- A local server that answers like the published APIs ----------------------------------------


def route_key(target: str) -> str:
    parts = urlsplit(target)
    query = sorted(parse_qsl(parts.query, keep_blank_values=True))
    return parts.path + ("?" + urlencode(query) if query else "")


class FixtureApi:
    """Answers the requests listed in routes.json; an int answer is an HTTP status without
    content. Every request is recorded with its headers."""

    def __init__(self) -> None:
        manifest = json.loads((API_FIXTURES / "routes.json").read_text(encoding="utf-8"))
        self.routes: dict[str, list[Any]] = {
            route_key(r["request"]): list(r["responses"]) for r in manifest["routes"]
        }
        self.requests: list[tuple[str, dict[str, str]]] = []
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                api.requests.append((self.path, dict(self.headers)))
                answers = api.routes.get(route_key(self.path), [404])
                answer = answers.pop(0) if len(answers) > 1 else answers[0]
                if isinstance(answer, int):
                    status = answer
                    body = json.dumps({"status": str(answer), "message": "påhittat fel"}).encode()
                elif isinstance(answer, str):
                    status, body = 200, (API_FIXTURES / answer).read_bytes()
                else:
                    status, body = 200, json.dumps(answer, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json;charset=UTF-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def answer(self, target: str, *answers: Any) -> None:
        self.routes[route_key(target)] = list(answers)

    def fixture(self, name: str) -> Any:
        return json.loads((API_FIXTURES / name).read_text(encoding="utf-8"))

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]


@pytest.fixture
def api() -> Iterator[FixtureApi]:
    server = FixtureApi()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


@pytest.fixture
def env(api: FixtureApi, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    values = {
        "TCV_SKOLVERKET_API": api.url,
        "TCV_AF_DATA": api.url,
        "TCV_SYNC_DELAY": "0",
        "TCV_SYNC_RETRY_WAIT": "0",
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("TCV_REPO_URL", raising=False)
    return values


def sync(data_dir: Path, *args: str) -> int:
    return main(["sync", "--data", str(data_dir), *args])


def sync_process(data_dir: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """The command as scripts/sync runs it, in a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "tcv", "sync", "--data", str(data_dir), *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def snapshot_bytes(data_dir: Path) -> dict[str, bytes]:
    folder = data_dir / OFFICIAL_FOLDER
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.exists() else {}


def official(data_dir: Path) -> OfficialData:
    found = load_official(data_dir)
    assert found is not None
    return found


@pytest.fixture
def synced(api: FixtureApi, env: dict[str, str], data_dir: Path) -> OfficialData:
    assert sync(data_dir) == 0
    return official(data_dir)


# --- Snapshots ----------------------------------------------------------------------------------


def test_a_full_sync_writes_one_snapshot_per_source_and_nothing_else(
    synced: OfficialData, data_dir: Path
) -> None:
    assert sorted(snapshot_bytes(data_dir)) == sorted(SNAPSHOTS)
    umask = os.umask(0)
    os.umask(umask)
    for name in SNAPSHOTS:  # readable like any file the editor writes, not private to the sync
        assert (data_dir / OFFICIAL_FOLDER / name).stat().st_mode & 0o777 == 0o666 & ~umask
    planned = synced.planned
    assert isinstance(planned, PlannedEducationsSnapshot)
    assert planned.source.url.endswith("/planned-educations/v4")
    assert planned.source.api_version == "v4"
    assert planned.fetched_at.tzinfo is not None
    assert planned.municipality_codes == ["9901", "9902", "9903"]
    assert [u.code for u in planned.school_units] == [
        "99999901",
        "99999902",
        "99999903",
        "99999904",
    ]
    assert planned.school_years == ["2027/28"]


def test_the_technical_programmes_are_kept_in_both_code_forms_with_orientations_and_variants(
    synced: OfficialData,
) -> None:
    planned = synced.planned
    assert planned is not None
    exempel, prov, test, ovning = planned.school_units
    assert [(e.programme_code, e.study_path_code) for e in exempel.education_events] == [
        ("EE", "EE25"),
        ("TE", "TE25"),
    ]  # Naturvetenskapsprogrammet is not one of ours
    te = exempel.events_for("TE")[0]
    assert [(p.code, p.name) for p in te.orientations] == [
        ("TEDES", "Design och produktutveckling"),
        ("TEPRO", "Produktionsteknik"),
    ]
    assert te.start is not None and te.start.isoformat() == "2027-07-31"
    assert not te.is_apprenticeship
    (industri,) = prov.education_events
    assert (industri.programme_code, industri.variants, industri.is_apprenticeship) == (
        "IN",
        ["LU"],
        True,
    )
    assert test.education_events == [] and test.statistics == []
    assert [(e.programme_code, e.study_path_code) for e in ovning.education_events] == [
        ("EE", "EE"),
        ("IN", "IN"),
    ]
    assert ovning.events_for("IN")[0].school_year == "2027/28"


def test_figures_keep_what_skolverket_wrote_whether_rounded_suppressed_or_missing(
    synced: OfficialData, data_dir: Path
) -> None:
    planned = synced.planned
    assert planned is not None
    exempel = planned.school_unit("99999901")
    assert exempel is not None
    te, ee = exempel.statistics_for("TE"), exempel.statistics_for("EE")
    assert te is not None and ee is not None
    assert [s.programme_code for s in exempel.statistics] == ["EE", "TE"]
    (lowest,) = te.admission_points_min
    assert (lowest.value, lowest.status, lowest.period, lowest.display()) == (
        Decimal("172.5"),
        "exists",
        "2026",
        "172,5",
    )
    rounded, exact = te.exam_within_3_years
    assert (rounded.value, rounded.status, rounded.raw, rounded.display()) == (
        Decimal("100"),
        "rounded",
        "~100",
        "cirka 100",
    )
    assert (exact.period, exact.display()) == ("2023/24", "81,3")
    (suppressed,) = ee.admission_points_min
    assert (suppressed.value, suppressed.status, suppressed.raw) == (None, "suppressed", "..")
    assert suppressed.display() == "uppgift saknas (för få elever)"
    (missing,) = ee.admission_points_average
    assert (missing.value, missing.status, missing.raw) == (None, "missing", None)
    assert missing.display() == "uppgift saknas"
    (not_required,) = ee.certified_teachers
    assert (not_required.value, not_required.status) == (None, "missing")
    assert not_required.value_type == "TEACHERS_EXCLUDED_DUE_TO_NO_REQUIRED_LEGITIMATION"
    event_figure = exempel.events_for("TE")[0].admission_points_min
    assert event_figure is not None and (event_figure.display(), event_figure.period) == (
        "172,5",
        "2026",
    )
    prov = planned.school_unit("99999902")
    assert prov is not None and prov.statistics == []  # Skolverket answered 404: none published
    in_event = prov.education_events[0].admission_points_min
    assert in_event is not None and in_event.status == "suppressed"
    text = (data_dir / OFFICIAL_FOLDER / PLANNED_EDUCATIONS_FILE).read_text(encoding="utf-8")
    assert '"raw": "~100"' in text and '"raw": "cirka 70"' in text


def test_adult_education_keeps_our_municipalities_with_dates_pace_and_distance(
    synced: OfficialData,
) -> None:
    planned = synced.planned
    assert planned is not None
    events = {e.id: e for e in planned.adult_education_events}
    assert list(events) == ["e.exempel.1001", "e.myh.exempel.2001", "e.exempel.1002"]
    welder = events["e.exempel.1001"]
    assert (welder.title, welder.kind, welder.municipality_code) == ("Svetsare", "vuxgy", "9901")
    assert (str(welder.start), str(welder.last_application_date)) == ("2027-01-11", "2026-12-15")
    assert welder.pace_percent == Decimal("100.0") and welder.distance is False
    rolling = events["e.exempel.1002"]
    assert (rolling.start, rolling.last_application_date, rolling.pace_percent) == (
        None,
        None,
        None,
    )
    assert rolling.rolling_start
    yh = events["e.myh.exempel.2001"]
    assert (yh.kind, yh.type_name, yh.distance) == ("yh", "Yrkeshögskoleutbildning", True)
    assert str(yh.last_application_date) == "2027-04-15"


def test_the_register_keeps_only_active_units_in_our_municipalities(synced: OfficialData) -> None:
    registry = synced.registry
    assert isinstance(registry, SchoolUnitRegistrySnapshot)
    assert registry.source.api_version == "2.0"
    assert [(u.code, u.municipality_code) for u in registry.school_units] == [
        ("99999901", "9901"),
        ("99999902", "9901"),
        ("99999904", "9902"),
        ("99999905", "9901"),
    ]  # 99999906 is VILANDE
    exempel = registry.school_unit("99999901")
    prov = registry.school_unit("99999902")
    assert exempel is not None and exempel.url == "https://exempelgymnasiet.example.se"
    assert prov is not None and (prov.url, prov.school_types) == (None, ["GY", "GYAN"])


def test_the_yrkesbarometer_keeps_sweden_and_the_county_of_our_municipalities(
    synced: OfficialData,
) -> None:
    outlook = synced.outlook
    assert isinstance(outlook, YrkesbarometerSnapshot)
    assert (outlook.source.licence, outlook.counties, outlook.rounds) == (
        "CC0 1.0",
        ["00", "99"],
        ["2026-2"],
    )
    assert [(o.occupation, o.county) for o in outlook.outlooks] == [
        ("Exempelsvetsare", "00"),
        ("Exempelsvetsare", "99"),
        ("Exempeltekniker", "00"),
        ("Exempeltekniker", "99"),
    ]
    welder = outlook.outlooks_for("exmp_Svet_001")
    assert [(o.job_opportunities, o.recruitment_situation, o.forecast) for o in welder] == [
        ("stora", "brist", "öka"),
        ("medelstora", "balans", "vara oförändrad"),
    ]
    unknown = outlook.outlooks[3]
    assert (unknown.job_opportunities, unknown.forecast) == (None, None)


# --- Polite HTTP --------------------------------------------------------------------------------


def test_every_page_is_fetched_and_every_request_says_who_asks(
    synced: OfficialData, api: FixtureApi
) -> None:
    paths = api.paths()
    assert (
        f"{PE}/school-units?geographicalAreaCode=9901&typeOfSchooling=gy&page=1&size=100" in paths
    )
    assert any("typeOfSchool=vuxgy" in p and "page=1" in p for p in paths)
    for path, headers in api.requests:
        assert headers["User-Agent"].startswith("tcv-site/"), path
        assert headers["User-Agent"].endswith("(Teknikcollege Vasterbotten)"), path
        if path.startswith(PE):
            assert headers["Accept"] == MEDIA_TYPE, path
    (listing,) = [p for p in paths if p.startswith("/skolenhetsregistret/v2/school-units?")]
    assert parse_qsl(urlsplit(listing).query) == [
        ("municipality_code", "9901"),
        ("municipality_code", "9902"),
        ("municipality_code", "9903"),
        ("school_type", "GY"),
        ("school_type", "VUX"),
        ("status", "AKTIV"),
    ]


def test_a_server_error_is_retried_until_it_answers(synced: OfficialData, api: FixtureApi) -> None:
    asked = [p for p in api.paths() if p == f"{PE}/school-units/99999902/education-events"]
    assert len(asked) == 2  # 503, then the answer
    assert synced.planned is not None and synced.planned.school_unit("99999902") is not None


def test_the_repository_address_is_in_the_user_agent_when_the_workflow_gives_it(
    api: FixtureApi, env: dict[str, str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TCV_REPO_URL", "https://github.com/exempel/tcv")
    assert sync(data_dir, "--only", "arbetsformedlingen") == 0
    (_, headers), *_ = api.requests
    assert headers["User-Agent"].endswith(
        "(+https://github.com/exempel/tcv; Teknikcollege Vasterbotten)"
    )


def test_a_server_that_keeps_failing_stops_the_sync_after_three_retries(
    api: FixtureApi, env: dict[str, str], data_dir: Path
) -> None:
    api.answer("/prognoser/yrkesbarometer.json", 502)
    result = sync_process(data_dir, env, "--only", "arbetsformedlingen")
    assert result.returncode == 1
    assert result.stderr == (
        f"Synkningen avbröts: {api.url[7:]} svarade 502 Bad Gateway på "
        f"{api.url}/prognoser/yrkesbarometer.json. Inget skrevs.\n"
    )
    assert api.paths() == ["/prognoser/yrkesbarometer.json"] * 4
    assert snapshot_bytes(data_dir) == {}


def test_only_arbetsformedlingen_asks_arbetsformedlingen_alone(
    api: FixtureApi, env: dict[str, str], data_dir: Path
) -> None:
    assert sync(data_dir, "--only", "arbetsformedlingen") == 0
    assert api.paths() == ["/prognoser/yrkesbarometer.json"]
    assert list(snapshot_bytes(data_dir)) == [YRKESBAROMETER_FILE]


# --- Changes, dry runs and failures -------------------------------------------------------------


def change_the_sources(api: FixtureApi) -> None:
    """Skolverket drops EE at Exempelgymnasiet and raises TE's lowest admission points; a new TE
    appears at Övningsgymnasiet; Arbetsförmedlingen changes an outlook; a Komvux date moves."""
    events = api.fixture("pe-events-99999901.json")
    events["body"]["gy"] = [e for e in events["body"]["gy"] if e["studyPathCode"] != "EE25"]
    for event in events["body"]["gy"]:
        if event["studyPathCode"] == "TE25":
            event["admissionPointsMin"] = "180,0"
    api.answer(f"{PE}/school-units/99999901/education-events", events)
    statistics = api.fixture("pe-statistics-99999901.json")
    for metric in statistics["body"]["programMetrics"]:
        if metric["programCode"] == "TE":
            metric["admissionPointsMin"][0]["value"] = "180,0"
    api.answer(f"{PE}/school-units/99999901/statistics/gy", statistics)
    ovning = api.fixture("pe-events-99999904.json")
    new_te = copy.deepcopy(ovning["body"]["gy"][0])
    new_te.update(studyPathCode="TE", studyPathName="Teknikprogrammet", id="edu-event-te")
    ovning["body"]["gy"].append(new_te)
    api.answer(f"{PE}/school-units/99999904/education-events", ovning)
    adult = api.fixture("pe-adult-vuxgy-page0.json")
    adult["body"]["_embedded"]["listedAdultEducationEvents"][0]["lastApplicationDate"] = (
        "2027-01-08T23:59:59"
    )
    api.answer(
        f"{PE}/adult-education-events?geographicalAreaCode=99&typeOfSchool=vuxgy"
        "&directionIds=145,147,158,164,165,173&page=0&size=100",
        adult,
    )
    rows = api.fixture("af-yrkesbarometer.json")
    rows[1]["jobbmojligheter"] = "stora"
    api.answer("/prognoser/yrkesbarometer.json", rows)


def test_dry_run_prints_the_changes_school_by_school_and_writes_nothing(
    synced: OfficialData,
    api: FixtureApi,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = snapshot_bytes(data_dir)
    capsys.readouterr()
    change_the_sources(api)
    assert sync(data_dir, "--dry-run") == 0
    printed = capsys.readouterr().out.splitlines()
    assert snapshot_bytes(data_dir) == before
    exempel = printed.index("#### Exempelgymnasiet (99999901), Alfa")
    assert printed[exempel + 2 : exempel + 5] == [
        "- borttaget: EE El- och energiprogrammet läsåret 2027/28, inriktningar: Automation (EEAUT)",
        "- TE läsåret 2027/28: Lägsta antagningspoäng 2026: 172,5 → 180,0",
        "- statistik TE: Lägsta antagningspoäng 2026: 172,5 → 180,0",
    ]
    ovning = printed.index("#### Övningsgymnasiet (99999904), Beta")
    assert printed[ovning + 2] == "- tillkommit: TE Teknikprogrammet läsåret 2027/28"
    assert "#### Provgymnasiet (99999902), Alfa" not in printed  # nothing changed there
    komvux = printed.index("#### Alfa kommun, Alfa")
    assert printed[komvux + 2] == (
        "- Svetsare: sista ansökningsdag 15 december 2026 → 8 januari 2027"
    )
    welder = printed.index("#### Exempelsvetsare")
    assert printed[welder + 2] == "- län 99: jobbmöjligheter medelstora → stora"
    assert printed[-1].startswith("Inget skrevs (--dry-run). 23 frågor på ")


def test_a_second_sync_writes_what_changed_and_leaves_the_rest_untouched(
    synced: OfficialData, api: FixtureApi, data_dir: Path
) -> None:
    before = snapshot_bytes(data_dir)
    assert sync(data_dir) == 0
    assert snapshot_bytes(data_dir) == before  # same records: not even the fetch time changes
    change_the_sources(api)
    assert sync(data_dir) == 0
    after = snapshot_bytes(data_dir)
    assert after[SCHOOL_UNITS_FILE] == before[SCHOOL_UNITS_FILE]
    assert after[PLANNED_EDUCATIONS_FILE] != before[PLANNED_EDUCATIONS_FILE]
    planned = official(data_dir).planned
    assert planned is not None
    exempel = planned.school_unit("99999901")
    assert exempel is not None and exempel.programme_codes == ["TE"]


def test_a_first_sync_is_summed_up_and_the_summary_file_is_a_pull_request_body(
    api: FixtureApi, env: dict[str, str], data_dir: Path, tmp_path: Path
) -> None:
    body = tmp_path / "sammanfattning.md"
    assert sync(data_dir, "--summary", str(body)) == 0
    text = body.read_text(encoding="utf-8")
    assert text.startswith("## Ändringar i de officiella uppgifterna\n")
    assert (
        "Första hämtningen: 4 gymnasieskolor i länets kommuner, varav 3 med EE, IN eller TE "
        "(5 utbildningstillfällen)." in text
    )
    assert "Första hämtningen: 3 utbildningar hos 3 anordnare" in text
    assert "Första hämtningen: 2 yrken i hela Sverige och län 99, omgång 2026-2." in text
    assert f"Källa: {api.url}/planned-educations/v4, hämtat " in text
    assert "inget slås ihop automatiskt" in text


def test_a_response_that_does_not_match_stops_the_sync_and_keeps_the_old_snapshots(
    synced: OfficialData, api: FixtureApi, env: dict[str, str], data_dir: Path
) -> None:
    before = snapshot_bytes(data_dir)
    broken = api.fixture("pe-events-99999901.json")
    del broken["body"]["gy"][0]["studyPathCode"]
    api.answer(f"{PE}/school-units/99999901/education-events", broken)
    result = sync_process(data_dir, env)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"Synkningen avbröts: svaret från {api.url}{PE}/school-units/99999901/education-events "
        "har inte det väntade formatet: gy.0.studyPathCode saknas. Inget skrevs.\n"
    )
    assert snapshot_bytes(data_dir) == before  # byte for byte, and no temporary file left


@pytest.mark.parametrize(
    ("target", "change", "problem"),
    [
        (
            f"{PE}/school-units/99999901/statistics/gy",
            lambda d: d["body"]["programMetrics"][2]["admissionPointsMin"][0].update(value="många"),
            "har ett värde som inte går att läsa: 'många' är inget tal",
        ),
        (
            f"{PE}/school-units?geographicalAreaCode=9902&typeOfSchooling=gy&page=0&size=100",
            lambda d: d["body"]["page"].update(totalElements=2),
            "gav 1 poster på 1 sidor men anger 2",
        ),
        (
            "/skolenhetsregistret/v2/school-units/99999901",
            lambda d: d["data"]["attributes"].update(municipalityCode="Alfa"),
            "har inte det väntade formatet: data.attributes.municipalityCode har ett oväntat "
            "värde 'Alfa'",
        ),
        (
            "/prognoser/yrkesbarometer.json",
            lambda d: d[0].update(prognos="kanske"),
            "har inte det väntade formatet: forecast har ett oväntat värde 'kanske'",
        ),
    ],
)
def test_an_answer_that_cannot_be_read_stops_the_sync_with_one_line(
    api: FixtureApi,
    env: dict[str, str],
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    target: str,
    change: Any,
    problem: str,
) -> None:
    name = next(r for r in api.routes[route_key(target)] if isinstance(r, str))
    answer = api.fixture(name)
    change(answer)
    api.answer(target, answer)
    assert sync(data_dir) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("Synkningen avbröts: ") and line.endswith(". Inget skrevs.")
    assert problem in line
    assert snapshot_bytes(data_dir) == {}


def test_without_network_the_sync_fails_with_one_line_and_writes_nothing(
    data_dir: Path,
) -> None:
    # .invalid never resolves (RFC 6761): the same failure as a machine without network.
    result = sync_process(
        data_dir,
        {"TCV_SKOLVERKET_API": "https://tcv-sync-test.invalid", "TCV_SYNC_DELAY": "0"},
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Synkningen avbröts: kunde inte nå tcv-sync-test.invalid (värdnamnet gick inte att slå "
        "upp; finns det en nätverksförbindelse?). Inget skrevs.\n"
    )
    assert not (data_dir / OFFICIAL_FOLDER).exists()


def test_a_refused_connection_also_fails_with_one_line(data_dir: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    port = server.server_address[1]
    server.server_close()  # nothing listens there now
    result = sync_process(
        data_dir,
        {"TCV_AF_DATA": f"http://127.0.0.1:{port}", "TCV_SYNC_DELAY": "0"},
        "--only",
        "arbetsformedlingen",
    )
    assert result.returncode == 1
    assert result.stderr == (
        f"Synkningen avbröts: kunde inte nå 127.0.0.1:{port} (anslutningen nekades; finns det "
        "en nätverksförbindelse?). Inget skrevs.\n"
    )


def test_a_host_that_is_not_an_address_is_refused_before_any_request(data_dir: Path) -> None:
    result = sync_process(data_dir, {"TCV_AF_DATA": "data.arbetsformedlingen.se"})
    assert result.returncode == 1
    assert result.stderr == (
        "Synkningen avbröts: TCV_AF_DATA ska vara en adress som börjar med https://, inte "
        "'data.arbetsformedlingen.se'. Inget skrevs.\n"
    )


def test_a_snapshot_is_replaced_whole_or_not_at_all(
    synced: OfficialData, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = data_dir / OFFICIAL_FOLDER / YRKESBAROMETER_FILE
    before = path.read_bytes()
    outlook = synced.outlook
    assert outlook is not None

    def fail(*args: Any) -> None:
        raise OSError("disken är full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disken är full"):
        write_snapshot(path, outlook.model_copy(update={"rounds": ["2027-1"]}))
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == sorted(SNAPSHOTS)


# --- Figures, loading and checks ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value_type", "value", "status", "shown"),
    [
        ("237,5", "EXISTS", Decimal("237.5"), "exists", "237,5"),
        ("230,0", None, Decimal("230.0"), "exists", "230,0"),
        ("cirka 640", "EXISTS", Decimal("640"), "rounded", "cirka 640"),
        (
            "~100",
            "ROUNDED_OFF_DUE_TO_FEW_PUPILS_NOT_ELIGIBLE",
            Decimal("100"),
            "rounded",
            "cirka 100",
        ),
        (
            "..",
            "OMITTED_DUE_TO_BASED_ON_FEW_PUPILS",
            None,
            "suppressed",
            "uppgift saknas (för få elever)",
        ),
        ("..", None, None, "suppressed", "uppgift saknas (för få elever)"),
        (".", "MISSING", None, "missing", "uppgift saknas"),
        (None, "MISSING", None, "missing", "uppgift saknas"),
        (None, None, None, "missing", "uppgift saknas"),
        (
            "*",
            "TEACHERS_EXCLUDED_DUE_TO_NO_REQUIRED_LEGITIMATION",
            None,
            "missing",
            "uppgift saknas",
        ),
    ],
)
def test_a_published_value_is_read_as_what_it_is(
    raw: str | None, value_type: str | None, value: Decimal | None, status: str, shown: str
) -> None:
    figure = OfficialFigure.parse(raw, value_type=value_type, period="2026")
    assert (figure.value, figure.status, figure.raw, figure.display()) == (
        value,
        status,
        raw,
        shown,
    )


@pytest.mark.parametrize(
    ("raw", "value_type", "message"),
    [
        ("många", "EXISTS", "'många' är inget tal"),
        ("12,5", "NEW_KIND_OF_VALUE", "okänd valueType 'NEW_KIND_OF_VALUE'"),
    ],
)
def test_a_value_that_cannot_be_read_is_refused(raw: str, value_type: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        OfficialFigure.parse(raw, value_type=value_type)


def test_without_snapshots_there_is_nothing_to_load_and_nothing_to_check(data_dir: Path) -> None:
    assert load_official(data_dir) is None
    data = load_data(data_dir)
    assert check_against_official(records(data, "programme"), records(data, "provider"), None) == []


def test_a_snapshot_edited_by_hand_is_reported_with_its_path(
    synced: OfficialData, data_dir: Path
) -> None:
    path = data_dir / OFFICIAL_FOLDER / SCHOOL_UNITS_FILE
    path.write_text(path.read_text(encoding="utf-8").replace('"AKTIV"', '"VILANDE"', 1))
    with pytest.raises(DataError) as raised:
        load_official(data_dir)
    (problem,) = raised.value.problems
    assert str(problem).startswith(
        f"{path}:1: school_units.0.status: ögonblicksbilden stämmer inte med modellen"
    )
    assert problem.hint == (
        "filen skrivs bara av scripts/sync; ändra den inte för hand, hämta den igen"
    )


def records(data: Any, kind: str) -> list[Any]:
    """The loaded entries of one kind ('programme', 'provider'), however the loader names it."""
    return next(entries for name, entries in data.records.items() if name.rstrip("s") == kind)


def shown(path: Path) -> str:
    """A path as problems show it: relative to the working folder when it lies below it."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_a_curated_programme_that_skolverket_does_not_list_is_reported_on_its_line(
    synced: OfficialData, data_dir: Path
) -> None:
    provider = data_dir / "providers/alfaskolan.yml"
    provider.write_text(provider.read_text().replace('"01234567"', '"99999901"'))
    teknik = data_dir / "programmes/alfa-teknik.yml"
    teknik.write_text(
        teknik.read_text().replace(
            "  name: Produktionsteknik\n", "  name: Produktionsteknik\n  code: TEXYZ\n"
        )
    )
    data = load_data(data_dir)
    codes = {m.record.id: m.record.code for m in data.municipalities}
    problems = check_against_official(
        records(data, "programme"), records(data, "provider"), synced, municipality_codes=codes
    )
    fetched = swedish_date(datetime.now(UTC).date())
    industri = data_dir / "programmes/alfa-industri.yml"
    assert [str(p) for p in problems] == [
        f"{shown(industri)}:{line_of(industri, 'programme_code:')}: programme_code: "
        f"Skolverket listar inte IN vid skolenhet 99999901 läsåret 2027/28 — där listar "
        f"Skolverket EE och TE (hämtat {fetched}); rätta programme_code eller anordnarens "
        "school_unit_code, eller ta bort utbildningen om den inte längre ges",
        f"{shown(teknik)}:{line_of(teknik, 'code: TEXYZ')}: varning: orientation.code: "
        f"Skolverket listar inte inriktningen TEXYZ för TE vid skolenhet 99999901 läsåret "
        f"2027/28 — Skolverket listar TEDES, TEPRO där (hämtat {fetched}); rätta koden eller "
        "ta bort den",
    ]
    assert problems[1].severity is Severity.WARNING


def test_a_provider_code_that_is_not_an_active_unit_is_reported_once(
    synced: OfficialData, data_dir: Path
) -> None:
    provider = data_dir / "providers/alfaskolan.yml"
    provider.write_text(provider.read_text().replace('"01234567"', '"99999906"'))
    data = load_data(data_dir)
    problems = check_against_official(records(data, "programme"), records(data, "provider"), synced)
    (problem,) = problems  # not once more for each of its programmes
    assert str(problem).startswith(
        f"{shown(provider)}:{line_of(provider, 'school_unit_code:')}: school_unit_code: "
        "Skolenhetsregistret listar ingen aktiv skolenhet 99999906 i länets kommuner"
    )


def test_a_provider_placed_in_another_municipality_by_the_register_is_reported(
    synced: OfficialData, data_dir: Path
) -> None:
    provider = data_dir / "providers/alfaskolan.yml"
    provider.write_text(provider.read_text().replace('"01234567"', '"99999904"'))
    data = load_data(data_dir)
    problems = check_against_official(
        [], records(data, "provider"), synced, municipality_codes={"alfa": "9901"}
    )
    assert [p.text for p in problems] == [
        "municipality: Skolenhetsregistret placerar skolenhet 99999904 (Övningsgymnasiet) i "
        "kommun 9902, inte i alfa (9901) — rätta municipality eller school_unit_code"
    ]


# --- The command and the workflow ---------------------------------------------------------------


def test_scripts_sync_runs_the_same_command_in_the_projects_environment() -> None:
    script = ROOT / "scripts/sync"
    assert os.access(script, os.X_OK)
    assert subprocess.run(["bash", "-n", str(script)], check=False).returncode == 0
    text = script.read_text(encoding="utf-8")
    assert 'source "$(dirname "$0")/_setup.sh"' in text
    assert "ensure_venv requirements.txt" in text
    assert 'exec "$PY" -m tcv sync --data "$DATA_DIR" ${REST[@]+"${REST[@]}"}' in text


def workflow() -> dict[str, Any]:
    return yaml.safe_load((ROOT / ".github/workflows/sync.yml").read_text(encoding="utf-8"))


def test_the_sync_runs_weekly_and_by_hand() -> None:
    on = workflow().get("on", workflow().get(True))
    assert [entry["cron"] for entry in on["schedule"]] == ["41 4 * * 1"]
    assert "workflow_dispatch" in on


def test_the_sync_workflow_writes_only_in_the_job_that_opens_the_pull_request() -> None:
    flow = workflow()
    assert flow["permissions"] == {"contents": "read"}
    fetch, propose = flow["jobs"]["fetch"], flow["jobs"]["pull-request"]
    assert "permissions" not in fetch
    assert propose["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert propose["needs"] == "fetch"
    assert propose["if"] == "needs.fetch.outputs.changed == 'true'"
    runs = [step.get("run", "") for step in fetch["steps"]]
    assert any(run.startswith("scripts/sync --summary ") for run in runs)
    script = "\n".join(step.get("run", "") for step in propose["steps"])
    assert "gh pr create" in script and "gh pr edit" in script
    assert "merge" not in script  # an editor merges, never the workflow
    assert "git add -- data/official" in script
