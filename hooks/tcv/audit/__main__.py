"""`python -m tcv.audit [--site DIR]`: check a built site and print one summary line, after
every problem found (if any). Exit status 0 when there is none, 1 when there are problems.

Without --site it builds the site from data/ into a temporary folder first (mkdocs build
--strict), so that it never touches site/.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .report import audit_site
from .tools import ROOT, MissingTool


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/audit",
        description="Granska den byggda webbplatsen i headless Chromium och med Nu HTML Checker.",
    )
    parser.add_argument("--site", type=Path, help="en redan byggd webbplats (standard: bygg en ny)")
    parser.add_argument("--workers", type=int, default=None, help="antal webbläsare samtidigt")
    args = parser.parse_args(argv)
    try:
        if args.site:
            return _audit(args.site, args.workers)
        with tempfile.TemporaryDirectory(prefix="tcv-audit-") as tmp:
            return _audit(build(Path(tmp) / "site"), args.workers)
    except (MissingTool, subprocess.CalledProcessError) as error:
        print(error, file=sys.stderr)
        return 2


def build(out: Path) -> Path:
    print("Bygger webbplatsen i en tillfällig mapp", file=sys.stderr)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return out


def _audit(site: Path, workers: int | None) -> int:
    if not (site / "index.html").is_file():
        print(f"{site} är ingen byggd webbplats (index.html saknas).", file=sys.stderr)
        return 2
    report = audit_site(site, workers=workers, progress=_progress if sys.stderr.isatty() else None)
    problems = report.details()
    if problems:
        print(problems)
    print(report.summary())
    return 1 if problems else 0


def _progress(done: int, total: int) -> None:
    end = "\n" if done == total else ""
    print(f"\rSidor laddade i Chromium: {done}/{total}", end=end, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
