"""Synthetic data for measuring how the build scales: the same seed gives the same files, the data
is valid under the real models and checks, and the real site builds from it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tcv import cli
from tcv.kinds import KINDS
from tcv.problems import Severity
from tcv.site import validate
from tcv.tooling import synthetic

from conftest import ROOT, build_site

TODAY = date(2026, 11, 28)
SMALL = synthetic.counts_from_programmes(40)


def write(target: Path, *, seed: int = 1, expired: float = 0.0) -> Path:
    data = synthetic.generate(SMALL, seed=seed, today=TODAY, expired=expired)
    synthetic.write(data, target, "# Testdata.\n")
    return target


def contents(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.yml"))}


def test_the_same_seed_writes_identical_files(tmp_path: Path) -> None:
    first = contents(write(tmp_path / "a"))
    assert first == contents(write(tmp_path / "b"))
    assert first != contents(write(tmp_path / "c", seed=2))


def test_small_synthetic_data_validates_without_a_single_problem(tmp_path: Path) -> None:
    data, problems = validate(write(tmp_path / "data"), TODAY)
    assert problems == []
    assert len(data.records["programme"]) == SMALL.programmes == 40
    assert len(data.municipalities) == SMALL.municipalities
    assert len(data.records["company"]) == SMALL.companies
    states = {e.record.certification_state(TODAY) for e in data.records["programme"]}
    assert {"none", "in_review", "certified"} <= states


def test_lapsed_certifications_are_the_only_warnings(tmp_path: Path) -> None:
    _, problems = validate(write(tmp_path / "data", expired=0.5), TODAY)
    assert problems
    assert all(p.severity is Severity.WARNING and "gick ut" in p.message for p in problems)


def test_the_site_builds_strictly_from_synthetic_data(tmp_path: Path) -> None:
    site = build_site(write(tmp_path / "data"), tmp_path / "site", today=TODAY.isoformat())
    programme_pages = [p for p in (site / "utbildningar").glob("*/index.html")]
    assert len(programme_pages) == SMALL.programmes
    assert (site / "search" / "search_index.json").is_file()


def test_the_generator_never_writes_into_the_real_data_folder(tmp_path: Path) -> None:
    with pytest.raises(synthetic.TargetError):
        synthetic.prepare_target(ROOT / "data", force=True)
    with pytest.raises(synthetic.TargetError):
        synthetic.prepare_target(ROOT / "data" / "programmes", force=True)
    assert cli.main(["synthetic", str(ROOT / "data"), "--programmes", "5", "--force"]) == 2


def test_a_non_empty_folder_needs_force(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("behålls", encoding="utf-8")
    assert cli.main(["synthetic", str(tmp_path), "--programmes", "5"]) == 2
    assert cli.main(["synthetic", str(tmp_path), "--programmes", "5", "--force"]) == 0
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "behålls"
    assert len(list((tmp_path / "programmes").glob("*.yml"))) == 5


def test_the_generator_writes_every_kind_of_record_in_the_registry(tmp_path: Path) -> None:
    written = write(tmp_path / "data")
    assert {p.name for p in written.iterdir()} == {
        *(k.folder for k in KINDS.values() if k.folder),
        *(k.file for k in KINDS.values() if k.file),
    }


def test_synthetic_data_can_carry_official_snapshots_that_validate(tmp_path: Path) -> None:
    from tcv.official import load_official
    from tcv.tooling.synthetic_official import write_official

    data_dir = write(tmp_path / "data")
    summary = write_official(
        data_dir, seed=1, today=TODAY, extra_units=5, adult_events=20, occupations=4
    )
    assert "skolenheter" in summary
    official = load_official(data_dir)
    assert official is not None and official.planned.school_units
    _, problems = validate(data_dir, TODAY)
    assert all(p.severity is Severity.WARNING and "gick ut" in p.message for p in problems)
