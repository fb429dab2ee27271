"""The editor's preview: `mkdocs serve` rebuilds the page when a data file is saved."""

from __future__ import annotations

import os
from pathlib import Path

from tcv.tooling.bench_preview import measure_preview

from conftest import ROOT


def test_a_saved_data_file_shows_in_the_running_preview(tmp_path: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for name in ("GITHUB_ACTIONS", "TCV_BUILD_DATE"):
        env.pop(name, None)
    preview = measure_preview("×1", ROOT / "data", tmp_path, env, rounds=2, root=ROOT)
    # measure_preview returns only once the served page carries each edit's new name
    assert len(preview.waits) == 2
    assert preview.programmes == len(list((ROOT / "data" / "programmes").glob("*.yml")))
    log = next(tmp_path.glob("serve-*.log")).read_text(encoding="utf-8")
    assert "Förhandsvisningen kontrollerar inte exporten av öppna data" in log
    assert "ERROR" not in log
