"""A way out of a frozen platform: the same site builds with ProperDocs, the maintained MkDocs 1.x.

If MkDocs 1.6.1 can no longer be installed or patched, `properdocs build -f mkdocs.yml` takes
its place without a change to the hooks, the templates or mkdocs.yml.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tcv.tooling.builtsite import pages, soup, url_of

from conftest import ROOT

PROPERDOCS = Path(sys.executable).parent / "properdocs"


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("properdocs") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TCV_DATA_DIR": str(ROOT / "data")}
    env.pop("GITHUB_ACTIONS", None)
    result = subprocess.run(
        [str(PROPERDOCS), "build", "-f", "mkdocs.yml", "--strict", "-d", str(out)],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    return out


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def test_properdocs_builds_the_same_set_of_pages_as_mkdocs(
    properdocs_site: Path, real_site: Path
) -> None:
    assert {url_of(properdocs_site, p) for p in pages(properdocs_site)} == {
        url_of(real_site, p) for p in pages(real_site)
    }


def test_properdocs_publishes_the_same_files(properdocs_site: Path, real_site: Path) -> None:
    assert files(properdocs_site) == files(real_site)


def test_the_generated_pages_have_the_same_content(properdocs_site: Path, real_site: Path) -> None:
    for url in [
        "",
        "utbildningar/",
        "utbildningar/dragonskolan-el-och-energi/",
        "kommuner/umea/",
    ]:
        assert str(soup(properdocs_site, url).find("article")) == str(
            soup(real_site, url).find("article")
        ), url


def test_the_site_says_which_generator_built_it(properdocs_site: Path) -> None:
    generator = soup(properdocs_site, "").find("meta", attrs={"name": "generator"})
    assert generator["content"].startswith("mkdocs-ProperDocs 1.6.")
