"""Where the checking tools are: the pinned npm packages, Java and Chromium."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..builtsite import ROOT

NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Chromium's switches for the tests, exactly these (Playwright gives each launch a fresh profile).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class MissingTool(RuntimeError):
    """A checking tool is not installed; the message says how to install it, in Swedish."""


def chromium_path() -> str | None:
    """TCV_CHROMIUM from scripts/test; empty or unset means Playwright's own Chromium."""
    return os.environ.get("TCV_CHROMIUM") or None


def axe_source() -> str:
    if not AXE_JS.is_file():
        raise MissingTool(f"{AXE_JS} saknas. Kör `npm ci --ignore-scripts` i {ROOT}.")
    return AXE_JS.read_text(encoding="utf-8")


def axe_version() -> str:
    return _npm_version("axe-core")


def vnu_version() -> str:
    return _npm_version("vnu-jar")


def java() -> str:
    found = shutil.which("java")
    if not found:
        raise MissingTool(
            "Java saknas (behövs för Nu HTML Checker). Installera en JRE, t.ex. default-jre-headless."
        )
    return found


def vnu_jar() -> Path:
    if not VNU_JAR.is_file():
        raise MissingTool(f"{VNU_JAR} saknas. Kör `npm ci --ignore-scripts` i {ROOT}.")
    return VNU_JAR


def _npm_version(package: str) -> str:
    import json

    manifest = NODE_MODULES / package / "package.json"
    if not manifest.is_file():
        raise MissingTool(f"{manifest} saknas. Kör `npm ci --ignore-scripts` i {ROOT}.")
    return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])
