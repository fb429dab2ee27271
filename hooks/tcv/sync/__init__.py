"""`tcv sync`: fetch Skolverket's and Arbetsförmedlingen's open data into `data/official/`.

Every source is fetched and checked before anything is written; a snapshot is written (to a
temporary file, then renamed) only when its records changed. Any failure stops the sync with one
Swedish line and leaves every snapshot as it was. The hosts can be replaced for tests and mirrors
with TCV_SKOLVERKET_API and TCV_AF_DATA.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, TextIO

import yaml
from pydantic import ValidationError

from ..official import (
    OFFICIAL_FOLDER,
    PLANNED_EDUCATIONS_FILE,
    SCHOOL_UNITS_FILE,
    SNAPSHOT_FILES,
    YRKESBAROMETER_FILE,
    OfficialData,
    Snapshot,
    SnapshotError,
    read_snapshot,
    write_snapshot,
)
from . import arbetsformedlingen, skolverket, summary
from .http import HttpClient, SyncError

HOSTS = {
    "TCV_SKOLVERKET_API": "https://api.skolverket.se",
    "TCV_AF_DATA": "https://data.arbetsformedlingen.se",
}
DELAY = 1.0  # seconds between two requests: the APIs are shared by everyone
RETRY_WAIT = 2.0

Fetch = Callable[[HttpClient, str, Sequence[str], datetime], Snapshot]


@dataclass(frozen=True)
class Step:
    file: str
    source: str  # the name --only takes
    host_variable: str
    fetch: Fetch


STEPS = (
    Step(
        PLANNED_EDUCATIONS_FILE,
        "skolverket",
        "TCV_SKOLVERKET_API",
        skolverket.fetch_planned_educations,
    ),
    Step(SCHOOL_UNITS_FILE, "skolverket", "TCV_SKOLVERKET_API", skolverket.fetch_school_units),
    Step(
        YRKESBAROMETER_FILE,
        "arbetsformedlingen",
        "TCV_AF_DATA",
        arbetsformedlingen.fetch_yrkesbarometer,
    ),
)


def add_command(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "sync",
        help="hämta Skolverkets och Arbetsförmedlingens öppna data till data/official/",
    )
    command.add_argument("--data", type=Path, default=Path("data"), help="datamappen")
    command.add_argument(
        "--only", choices=sorted({s.source for s in STEPS}), help="hämta bara från en källa"
    )
    command.add_argument(
        "--dry-run", action="store_true", help="visa vad som skulle ändras, men skriv inget"
    )
    command.add_argument(
        "--summary",
        type=Path,
        help="skriv sammanfattningen som Markdown till filen (för en pull request)",
    )
    command.add_argument(
        "--delay",
        type=float,
        default=_seconds("TCV_SYNC_DELAY", DELAY),
        help=f"sekunder mellan två frågor (standard {DELAY:g}, eller TCV_SYNC_DELAY)",
    )
    command.add_argument(
        "--retry-wait",
        type=float,
        default=_seconds("TCV_SYNC_RETRY_WAIT", RETRY_WAIT),
        help=f"sekunder före första nya försöket, sedan dubbelt så länge (standard {RETRY_WAIT:g})",
    )


def command(args: argparse.Namespace) -> int:
    """`tcv sync`: 0 when done (or nothing changed), 1 with one line on stderr otherwise."""
    try:
        return run(
            args.data,
            only=args.only,
            dry_run=args.dry_run,
            summary_path=args.summary,
            client=HttpClient(user_agent(), delay=args.delay, retry_wait=args.retry_wait),
        )
    except SyncError as error:
        print(f"Synkningen avbröts: {error}. Inget skrevs.", file=sys.stderr)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        print(
            f"Synkningen avbröts: ett svar gav en ögonblicksbild som inte stämmer med modellen "
            f"({error.title}: {where}: {first['msg']}). Inget skrevs.",
            file=sys.stderr,
        )
    return 1


def run(
    data_dir: Path,
    *,
    only: str | None = None,
    dry_run: bool = False,
    summary_path: Path | None = None,
    client: HttpClient,
    out: TextIO | None = None,
) -> int:
    out = out or sys.stdout
    started = time.monotonic()
    codes, names = municipalities(data_dir)
    folder = data_dir / OFFICIAL_FOLDER
    steps = [step for step in STEPS if only in (None, step.source)]
    now = datetime.now(UTC).replace(microsecond=0)
    hosts = {step.file: host(step.host_variable) for step in steps}  # all checked before asking
    new = {step.file: step.fetch(client, hosts[step.file], codes, now) for step in steps}
    old = {step.file: _previous(folder / step.file) for step in steps}
    changed = [file for file, snapshot in new.items() if not snapshot.same_records_as(old[file])]
    text = summary.summarize(_official(old), _official(new), municipality_names=names)
    print(text, file=out)
    if summary_path is not None:
        summary_path.write_text(summary.pull_request_body(text), encoding="utf-8")
    seconds = f"{time.monotonic() - started:.1f}".replace(".", ",")
    asked = f"{len(client.requests)} frågor på {seconds} s"
    if dry_run:
        print(f"Inget skrevs (--dry-run). {asked}.", file=out)
        return 0
    for file in changed:
        write_snapshot(folder / file, new[file])
        print(f"Skrev {_shown(folder / file)}", file=out)
    unchanged = "" if changed else "Ögonblicksbilderna är oförändrade. "
    print(f"{unchanged}{asked}.", file=out)
    return 0


def municipalities(data_dir: Path) -> tuple[list[str], dict[str, str]]:
    """The SCB codes of the municipalities in municipalities.yml, and their names by code."""
    path = data_dir / "municipalities.yml"
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        listed = [(str(m["code"]), str(m["name"])) for m in document["municipalities"]]
    except FileNotFoundError:
        raise SyncError(f"{path} saknas; kommunkoderna hämtas därifrån") from None
    except (yaml.YAMLError, KeyError, TypeError):
        raise SyncError(f"{path} gick inte att läsa; kör scripts/validate") from None
    if not listed or any(not (code.isdigit() and len(code) == 4) for code, _ in listed):
        raise SyncError(f"{path} ska ha kommuner med fyrsiffriga koder; kör scripts/validate")
    return [code for code, _ in listed], dict(listed)


def host(variable: str) -> str:
    value = os.environ.get(variable) or HOSTS[variable]
    if not value.startswith(("https://", "http://")):
        raise SyncError(f"{variable} ska vara en adress som börjar med https://, inte '{value}'")
    return value.rstrip("/")


def user_agent() -> str:
    """Who asks, with the repository's address when the workflow gives it (TCV_REPO_URL, as for
    mkdocs.yml's repo_url). ASCII only: some servers refuse other bytes in headers."""
    try:
        ours = version("tcv-site")
    except PackageNotFoundError:  # pragma: no cover - the package is always installed
        ours = "0"
    repo = os.environ.get("TCV_REPO_URL", "").strip()
    where = f"+{repo}; " if repo else ""
    return f"tcv-site/{ours} ({where}Teknikcollege Vasterbotten)"


def _previous(path: Path) -> Snapshot | None:
    """The snapshot now in data/official/; a broken one is replaced, as if it were missing."""
    try:
        return read_snapshot(path, SNAPSHOT_FILES[path.name])
    except SnapshotError:
        return None


def _official(snapshots: dict[str, Any]) -> OfficialData:
    return OfficialData(
        planned=snapshots.get(PLANNED_EDUCATIONS_FILE),
        registry=snapshots.get(SCHOOL_UNITS_FILE),
        outlook=snapshots.get(YRKESBAROMETER_FILE),
    )


def _seconds(variable: str, default: float) -> float:
    try:
        return float(os.environ.get(variable, default))
    except ValueError:
        return default


def _shown(path: Path) -> str:
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative
