"""Command line for editors and scripts: `python -m tcv validate [--data DIR]`, and more."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .problems import Severity, format_problems
from .site import validate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="tcv", description="Verktyg för Teknikcollege Västerbottens data."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="kontrollera all data och skriv ut varje problem")
    check.add_argument(
        "--data", type=Path, default=Path("data"), help="datamappen (standard: data/)"
    )
    args = parser.parse_args(argv)
    return _validate(args.data)


def _validate(data_dir: Path) -> int:
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    data, problems = validate(data_dir)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if problems:
        print(format_problems(problems, github=github))
    _write_step_summary(problems)
    if errors:
        print(
            f"\n{len(errors)} fel i {data_dir}. Rätta dem och kör scripts/validate igen.",
            file=sys.stderr,
        )
        return 1
    count = len(data.municipalities) + sum(len(v) for v in data.records.values()) + 1
    warned = f", {len(problems)} varningar" if problems else ""
    print(f"Datan i {data_dir} är giltig: {count} poster{warned}.")
    return 0


def _write_step_summary(problems: list) -> None:
    """In GitHub Actions, list every problem in the job summary too (annotations are capped)."""
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary or not problems:
        return
    with open(summary, "a", encoding="utf-8") as out:
        out.write("### Problem i datan\n\n| Fil | Rad | Fält | Problem |\n|---|---|---|---|\n")
        for p in problems:
            text = p.text.split(": ", 1)[-1].replace("|", "\\|")
            kind = "varning: " if p.severity is Severity.WARNING else ""
            out.write(f"| {p.path} | {p.line} | {p.field or '(filen)'} | {kind}{text} |\n")


if __name__ == "__main__":
    sys.exit(main())
