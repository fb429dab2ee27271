"""Command line for editors and scripts: `python -m tcv validate [--data DIR]`, and more."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import linkcheck, newrecord, schemas, sync
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
    _add_schemas(commands)
    _add_new(commands)
    _add_links(commands)
    sync.add_command(commands)
    args = parser.parse_args(argv)
    if args.command == "schemas":
        return _schemas(args.data, check=args.check)
    if args.command == "new":
        return _new(args.data, args.kind, args.id)
    if args.command == "links":
        return _links(args.data, timeout=args.timeout, workers=args.workers)
    if args.command == "sync":
        return sync.command(args)
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


# --- schemas, new, links ------------------------------------------------------------------------


def _add_schemas(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "schemas",
        help="skriv JSON-scheman för datafilerna och schemaraden först i varje fil",
    )
    command.add_argument("--data", type=Path, default=Path("data"), help="datamappen")
    command.add_argument(
        "--check", action="store_true", help="ändra inget; avsluta med 1 om något inte stämmer"
    )


def _add_new(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser("new", help="skapa en ny datafil från en mall med kommentarer")
    command.add_argument(
        "kind", help="utbildning, anordnare, foretag, yrke eller forebild (eller på engelska)"
    )
    command.add_argument("id", help="postens id, som blir filnamnet, t.ex. skelleftea-el")
    command.add_argument("--data", type=Path, default=Path("data"), help="datamappen")


def _add_links(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser("links", help="kontrollera de externa länkarna i datan")
    command.add_argument("--data", type=Path, default=Path("data"), help="datamappen")
    command.add_argument(
        "--timeout", type=float, default=linkcheck.TIMEOUT, help="sekunder att vänta per fråga"
    )
    command.add_argument(
        "--workers", type=int, default=linkcheck.WORKERS, help="antal frågor samtidigt"
    )


def _schemas(data_dir: Path, *, check: bool) -> int:
    if check:
        problems = schemas.schema_problems(data_dir)
        if problems:
            print(format_problems(problems, github=_in_github()))
            return 1
        print(f"JSON-schemana i {data_dir / schemas.SCHEMA_FOLDER} stämmer med modellerna.")
        return 0
    for path in schemas.write_schemas(data_dir):
        print(f"Skrev {path}")
    for path in schemas.add_schema_lines(data_dir):
        print(f"La till schemaraden först i {path}")
    print(f"JSON-schemana i {data_dir / schemas.SCHEMA_FOLDER} stämmer med modellerna.")
    return 0


def _new(data_dir: Path, kind: str, record_id: str) -> int:
    try:
        created = newrecord.create(data_dir, kind, record_id)
    except newrecord.NewRecordError as error:
        print(f"Filen skapades inte: {error}", file=sys.stderr)
        return 1
    print(f"Skapade {_shown(created.path)} ({created.doc.kind.title.lower()}).")
    print("Fyll i de obligatoriska fälten: " + ", ".join(created.to_fill) + ".")
    print("Kontrollera sedan med scripts/validate.")
    return 0


def _links(data_dir: Path, *, timeout: float, workers: int) -> int:
    links = linkcheck.find_links(data_dir)
    results = linkcheck.check_urls((link.url for link in links), timeout=timeout, workers=workers)
    problems = linkcheck.dead_link_problems(links, results)
    if problems:
        print(format_problems(problems, github=_in_github()))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as out:
            out.write(linkcheck.summary_markdown(problems, len(results)))
    dead = sum(not r.ok for r in results.values())
    if dead:
        print(
            f"\n{dead} av {len(results)} externa länkar svarar inte. Rätta dem i {data_dir}.",
            file=sys.stderr,
        )
        return 1
    print(f"Alla {len(results)} externa länkar i {data_dir} svarar.")
    return 0


def _in_github() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def _shown(path: Path) -> str:
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


if __name__ == "__main__":
    sys.exit(main())
