"""The product and its tooling stay apart: the build path never imports tcv.tooling (benchmark,
synthetic data, browser audit, built-site helpers), and tests of the product use of the tooling
only its helpers for reading a built site."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "hooks" / "tcv"
TOOLING = PACKAGE / "tooling"


def imported_modules(path: Path, *, top_level_only: bool = False) -> set[str]:
    """Every module a file imports, absolute (relative imports resolved against tcv's layout)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = (
        ".".join(("tcv", *path.relative_to(PACKAGE).parent.parts))
        if path.is_relative_to(PACKAGE)
        else ""
    )
    nodes = tree.body if top_level_only else ast.walk(tree)
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def product_modules() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if not p.is_relative_to(TOOLING)] + [
        ROOT / "hooks" / "site_hooks.py"
    ]


def test_no_product_module_imports_the_tooling() -> None:
    offenders = {
        path.relative_to(ROOT).as_posix(): sorted(
            m for m in imported if m.startswith("tcv.tooling")
        )
        for path in product_modules()
        # the command line is the front door to both: it imports a tool inside its command only
        for imported in [imported_modules(path, top_level_only=path.name == "cli.py")]
        if any(m.startswith("tcv.tooling") for m in imported)
    }
    assert offenders == {}


def test_the_build_and_the_validator_load_no_tool_and_no_browser_driver() -> None:
    # a fresh interpreter that lists every module it imports (-X importtime, on stderr)
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import tcv.mkdocs_build, tcv.cli, site_hooks"],
        cwd=ROOT / "hooks",
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = {
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and not line.endswith("imported package")
    }
    assert {"tcv.mkdocs_build", "tcv.cli", "site_hooks", "mkdocs", "pydantic"} <= loaded
    assert sorted(m for m in loaded if m.startswith(("tcv.tooling", "playwright", "bs4"))) == []


def test_tests_of_the_product_use_only_the_built_site_helpers_of_the_tooling() -> None:
    tests = Path(__file__).parent
    offenders = {
        path.name: sorted(m for m in imported_modules(path) if m.startswith("tcv.tooling"))
        for path in sorted(tests.glob("*.py"))
        if any(
            m.startswith("tcv.tooling") and not m.startswith("tcv.tooling.builtsite")
            for m in imported_modules(path)
        )
    }
    assert offenders == {}
