"""The one command line: `python -m tcv <kommando>`, for editors (validate, new, schemas, links,
sync) and for the people who measure and inspect the site (synthetic, bench, audit).

The tools of the second group live in tcv.tooling, which the build never imports; they are
imported here only inside their own commands, so that `python -m tcv validate` loads neither
Playwright nor the benchmark."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from . import linkcheck, newrecord, schemas, sync
from .problems import Severity, format_problems
from .site import validate


class _SwedishHelp(argparse.HelpFormatter):
    """argparse's own words in Swedish, so that every --help reads in one language."""

    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, "användning: " if prefix is None else prefix)


def _swedish(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.formatter_class = _SwedishHelp
    parser._positionals.title = "argument"
    parser._optionals.title = "flaggor"
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = "visa den här hjälpen och avsluta"
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _swedish(
        argparse.ArgumentParser(
            prog="python -m tcv",
            description="Verktyg för Teknikcollege Västerbottens webbplats och data. Kommandona "
            "finns också som scripts/<kommando> (se README.md).",
        )
    )
    parser._positionals.title = "kommandon"
    commands = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")
    check = commands.add_parser("validate", help="kontrollera all data och skriv ut varje problem")
    check.add_argument(
        "--data", type=Path, default=Path("data"), help="datamappen (standard: data/)"
    )
    _add_schemas(commands)
    _add_new(commands)
    _add_links(commands)
    sync.add_command(commands)
    _add_synthetic(commands)
    _add_bench(commands)
    _add_audit(commands)
    for command in commands.choices.values():
        _swedish(command)
    args = parser.parse_args(argv)
    if args.command == "schemas":
        return _schemas(args.data, check=args.check)
    if args.command == "new":
        return _new(args.data, args.kind, args.id)
    if args.command == "links":
        return _links(args.data, timeout=args.timeout, workers=args.workers)
    if args.command == "sync":
        return sync.command(args)
    if args.command == "synthetic":
        from .tooling import synthetic

        return synthetic.run(args)
    if args.command == "bench":
        from .tooling import bench

        return bench.run(args)
    if args.command == "audit":
        from .tooling.audit import command

        return command.run(args)
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


# --- synthetic, bench, audit: measuring and inspecting (tcv.tooling) ------------------------------


def _add_synthetic(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "synthetic",
        help="skapa påhittad data i större skala, för mätningar",
        description="Skapar syntetisk data i samma form som data/, för att mäta hur bygget "
        "skalar. Samma frö, antal och datum ger exakt samma filer.",
    )
    command.add_argument("out", type=Path, metavar="UT_MAPP", help="mappen som datan skrivs till")
    size = command.add_mutually_exclusive_group()
    size.add_argument(
        "--national",
        action="store_true",
        help="hela landet: 300 kommuner, 1 500 anordnare, 6 000 utbildningar, 3 000 företag",
    )
    size.add_argument(
        "--scale", type=int, metavar="K", help="K gånger så många poster som i förrådets data/"
    )
    for name, what in (
        ("programmes", "utbildningar (standard 300; övriga antal följer av det)"),
        ("municipalities", "kommuner"),
        ("providers", "anordnare"),
        ("companies", "företag"),
        ("occupations", "yrken"),
    ):
        command.add_argument(f"--{name}", type=int, metavar="N", help=f"antal {what}")
    command.add_argument("--seed", type=int, default=1, help="slumpfrö (standard 1)")
    command.add_argument(
        "--today",
        type=date.fromisoformat,
        default=None,
        metavar="ÅÅÅÅ-MM-DD",
        help="datumet som alla datum räknas från (standard: TCV_BUILD_DATE eller i dag)",
    )
    command.add_argument(
        "--expired",
        type=float,
        default=0.03,
        metavar="ANDEL",
        help="andel utbildningar vars certifiering har gått ut, 0–1 (standard 0.03); "
        "var och en ger en varning när datan kontrolleras",
    )
    command.add_argument(
        "--force",
        action="store_true",
        help="ersätt tidigare syntetisk data i en mapp som inte är tom",
    )
    command.add_argument(
        "--official",
        action="store_true",
        help="skriv också påhittade ögonblicksbilder av Skolverkets och Arbetsförmedlingens "
        "öppna data i data/official/, som scripts/sync skulle",
    )


def _add_bench(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "bench",
        help="mät byggtiden mot vanlig MkDocs, eller förhandsvisningens väntetid",
        description="Mäter hur bygget skalar: verklig data, ×10 och hela landet, mot vanlig "
        "MkDocs + Material med lika många sidor. Allt byggs i tillfälliga mappar.",
    )
    command.add_argument(
        "--quick", action="store_true", help="en körning per skala, utan nationell nivå"
    )
    command.add_argument("--runs", type=int, default=None, help="körningar per skala (standard 3)")
    command.add_argument(
        "--scales",
        default=None,
        help="skalor att mäta, kommaseparerade: ×1 (eller 1), ×10 (eller 10), nationell",
    )
    command.add_argument(
        "--profile", action="store_true", help="profilera också ett bygge på nationell nivå"
    )
    command.add_argument(
        "--preview",
        action="store_true",
        help="mät i stället förhandsvisningen: tiden från att en datafil sparas till att sidan "
        "i scripts/serve har byggts om (×1 och ×10, fem ändringar var)",
    )
    command.add_argument("--seed", type=int, default=1, help="slumpfrö för den syntetiska datan")
    command.add_argument("--keep", action="store_true", help="behåll de tillfälliga mapparna")


def _add_audit(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "audit",
        help="granska den byggda webbplatsen i headless Chromium och med Nu HTML Checker",
        description="Granskar varje sida: tillgänglighet (axe), giltig HTML (Nu HTML Checker), "
        "externa anrop, konsolfel, CSP-överträdelser och sidvikt, och skriver en sammanfattning.",
    )
    command.add_argument(
        "--site", type=Path, help="en redan byggd webbplats (standard: bygg en ny)"
    )
    command.add_argument("--workers", type=int, default=None, help="antal webbläsare samtidigt")


def _in_github() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def _shown(path: Path) -> str:
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


if __name__ == "__main__":
    sys.exit(main())
