"""The installed Material for MkDocs our templates build on: the names of its asset files.

Material names its compiled assets with a content hash (`bundle.a5f9d56c.min.js`) and its own
base.html writes those names out. Our copy of base.html asks for them by their stable part
instead, `material_asset("javascripts/bundle.js")`, so a Material update brings its new asset
names by itself; what else changed upstream, tests/test_theme_drift.py reports.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import material
from jinja2 import Environment
from mkdocs.exceptions import PluginError

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


@cache
def material_asset(name: str, templates: Path = MATERIAL_TEMPLATES) -> str:
    """'javascripts/bundle.js' → 'assets/javascripts/bundle.a5f9d56c.min.js': the one file of
    the installed Material named by the stem, a hash, '.min' and the suffix."""
    stem, suffix = name.rsplit(".", 1)
    folder, _, base = stem.rpartition("/")
    found = sorted((templates / "assets" / folder).glob(f"{base}.*.min.{suffix}"))
    if len(found) != 1:
        raise PluginError(
            f"Material har inte exakt en fil för {name} i {templates / 'assets' / folder} "
            f"(hittade {[p.name for p in found]}) — rätta namnet i theme_overrides/base.html"
        )
    return found[0].relative_to(templates).as_posix()


def install(env: Environment) -> None:
    env.globals["material_asset"] = material_asset
