"""The benchmark (python -m tcv bench, scripts/bench): run end to end on the real data, and its
plain-MkDocs counterpart written for every kind of generated page, with no quiet fallback."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tcv.pages import GeneratedPage, site_pages
from tcv.site import load_site
from tcv.tooling import bench, synthetic
from tcv.tooling.bench import (
    GENERIC_TEMPLATES,
    PlainWriter,
    UnknownPageType,
    write_plain_project,
    writer_name,
)
from tcv.tooling.builtsite import ROOT

TODAY = date(2026, 12, 3)


def test_bench_measures_the_real_data_end_to_end() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tcv", "bench", "--scales", "1", "--runs", "1"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    # the three builds of one run, each with its time, and no page count that differs
    assert len(re.findall(r"körning 1/1: … [\d.]+ s \(CPU [\d.]+ s\)", result.stderr)) == 3
    assert "OBS:" not in result.stderr
    row = next(line for line in result.stdout.splitlines() if line.startswith("| ×1 |"))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    pages = int(cells[2].replace("\u00a0", "").replace(" ", ""))
    site, _ = load_site(ROOT / "data", TODAY)
    assert pages > len(list(site_pages(site)))  # the generated pages and the content pages
    ratio = float(cells[7])
    assert ratio > 0


@pytest.mark.parametrize("source", ["real", "synthetic"])
def test_every_generated_page_gets_its_plain_markdown(source: str, tmp_path: Path) -> None:
    if source == "real":
        data_dir = ROOT / "data"
    else:
        data_dir = tmp_path / "data"
        counts = synthetic.counts_from_data(ROOT / "data", 2)
        synthetic.write(synthetic.generate(counts, seed=7, today=TODAY), data_dir, "# Syntetisk\n")
    site, _ = load_site(data_dir, TODAY)
    pages = list(site_pages(site))
    config = write_plain_project(site, tmp_path / "plain")
    docs = config.parent / "docs"
    for page in pages:
        text = (docs / page.src_uri).read_text(encoding="utf-8")
        assert text.startswith('---\n{"description": '), page.src_uri
        assert "\n# " in text, page.src_uri  # a heading, as an author writes one


def test_each_template_is_written_by_its_own_writer_or_generically() -> None:
    generic = {t for t in GENERIC_TEMPLATES if (ROOT / "theme_overrides" / "tcv" / t).is_file()}
    assert generic == GENERIC_TEMPLATES  # no name listed that is not a template
    assert not {t for t in GENERIC_TEMPLATES if hasattr(PlainWriter, writer_name(t))}


def test_an_unknown_page_type_is_an_error() -> None:
    site, _ = load_site(ROOT / "data", TODAY)
    page = GeneratedPage("nytt/", "Nytt", "En ny sorts sida.", "nytt.html")
    with pytest.raises(UnknownPageType) as raised:
        PlainWriter(site, set()).page(page)
    assert str(raised.value) == (
        "nytt/index.md: sidtypen nytt.html har ingen skrivare för vanlig MkDocs — skriv "
        "PlainWriter._nytt eller lägg mallen i GENERIC_TEMPLATES i tcv/tooling/bench.py"
    )


def test_a_page_type_without_a_writer_stops_the_bench_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(bench, "GENERIC_TEMPLATES", frozenset())  # Mina val has no writer then
    args = argparse.Namespace(
        quick=False, runs=1, scales="1", profile=False, preview=False, seed=1, keep=False
    )
    assert bench.run(args) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        "Mätningen avbröts: mina-val/index.md: sidtypen shortlist.html har ingen skrivare för "
        "vanlig MkDocs — skriv PlainWriter._shortlist eller lägg mallen i GENERIC_TEMPLATES i "
        "tcv/tooling/bench.py"
    )
