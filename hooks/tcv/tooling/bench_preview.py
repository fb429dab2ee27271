"""How long an editor waits in `scripts/serve` (issue 7): from saving a data file to the page.

`mkdocs serve` runs on a copy of the data; each round renames a programme in its YAML file, as an
editor would, and polls the programme's page over HTTP until the new name is there. The time
includes everything the editor waits for: MkDocs noticing the change (it polls the files every
0.5 s), its 0.1 s settle delay, the full rebuild, and the first request that sees the result.
"""

from __future__ import annotations

import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .. import urls

POLL_SECONDS = 0.02
TIMEOUT_SECONDS = 300.0


class PreviewFailed(Exception):
    pass


@dataclass(frozen=True)
class Preview:
    label: str
    programmes: int
    first_build: float  # from starting `mkdocs serve` to the first page served
    waits: list[float]  # per round: from saving the file to the rebuilt page

    @property
    def median(self) -> float:
        return statistics.median(self.waits)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _wait_until(url: str, text: str, process: subprocess.Popen[bytes]) -> float:
    """Seconds until the page at `url` contains `text`."""
    start = time.perf_counter()
    while time.perf_counter() - start < TIMEOUT_SECONDS:
        if process.poll() is not None:
            raise PreviewFailed(f"mkdocs serve avslutades med {process.returncode}")
        if text in _fetch(url):
            return time.perf_counter() - start
        time.sleep(POLL_SECONDS)
    raise PreviewFailed(f"{url} visade inte {text!r} inom {TIMEOUT_SECONDS:.0f} s")


def measure_preview(
    label: str, data_dir: Path, work: Path, env: dict[str, str], rounds: int, root: Path
) -> Preview:
    """`rounds` edits of one programme file under a running `mkdocs serve` on a copy of the data."""
    copy = work / "preview-data"
    shutil.copytree(data_dir, copy)
    env = {**env, "TCV_DATA_DIR": str(copy)}
    files = sorted((copy / "programmes").glob("*.yml"))
    target = files[0]
    original = target.read_text(encoding="utf-8")
    name_line = next(line for line in original.splitlines() if line.startswith("name: "))
    port = _free_port()
    page = f"http://127.0.0.1:{port}/{urls.record('programme', target.stem)}"
    log = (work / f"serve-{label.replace('×', 'x')}.log").open("w", encoding="utf-8")
    command = [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"]
    process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    waits = []
    try:
        first_build = _wait_until(page, name_line.removeprefix("name: "), process)
        for round_ in range(1, rounds + 1):
            marker = f"(ändring {round_})"
            target.write_text(original.replace(name_line, f"{name_line} {marker}"), "utf-8")
            waits.append(_wait_until(page, marker, process))
            print(f"==> [{label}] förhandsvisning {round_}/{rounds}: {waits[-1]:.2f} s",
                  file=sys.stderr, flush=True)  # fmt: skip
            time.sleep(1.0)  # let the server settle, as an editor reads the page
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
    return Preview(label, len(files), first_build, waits)


def report(previews: list[Preview]) -> str:
    rows = [
        f"| {p.label} | {p.programmes} | {p.first_build:.1f} | {p.median:.2f} | "
        f"{min(p.waits):.2f} | {max(p.waits):.2f} | {len(p.waits)} |"
        for p in previews
    ]
    return "\n".join(
        [
            "",
            "Förhandsvisning med scripts/serve (mkdocs serve): tid från att en datafil sparas "
            "till att sidan visar ändringen, medan servern kör. Mätt genom att byta namn på en "
            "utbildning och hämta dess sida tills det nya namnet syns.",
            "",
            "| skala | utbildningar | start s | median s | min s | max s | ändringar |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
            *rows,
        ]
    )
