"""`python -m tcv audit [--site DIR]`: check a built site and print one summary line, after
every problem found (if any). Exit status 0 when there is none, 1 when there are problems.

Without --site it builds the site from data/ into a temporary folder first (mkdocs build
--strict), so that it never touches site/.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from ..builtsite import ROOT, BuildFailed, build_site
from .report import audit_site
from .tools import MissingTool


def run(args: argparse.Namespace) -> int:
    """The command (its arguments are defined in tcv.cli)."""
    try:
        if args.site:
            return _audit(args.site, args.workers)
        with tempfile.TemporaryDirectory(prefix="tcv-audit-") as tmp:
            print("Bygger webbplatsen i en tillfällig mapp", file=sys.stderr)
            return _audit(build_site(ROOT / "data", Path(tmp) / "site"), args.workers)
    except MissingTool as error:
        print(error, file=sys.stderr)
        return 2
    except BuildFailed as error:
        print(f"Bygget misslyckades:\n{error.output}", file=sys.stderr)
        return 2


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
