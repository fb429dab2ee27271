"""Templates in theme_overrides/ that copy an upstream template (Material for MkDocs, MkDocs)
say so in their header, with the SHA-256 of the upstream file they were copied from:

    Copy of Material for MkDocs 9.8.2 `partials/header.html`. Every change is marked "TCV:".
    Upstream SHA-256: 8cf3…

When an update of Material (or MkDocs) changes such a file, the installed original no longer
has that hash and the test fails, showing the installed upstream file against our copy: what to
carry over. Templates that replace an upstream one outright say `Replaces …` instead, and
every file that shadows an upstream template must say one or the other.

TCV_UPSTREAM_MATERIAL=DIR runs the test against another Material templates folder (a copy with
a deliberately edited template, to see the failure).
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import mkdocs

from tcv.theme import MATERIAL_TEMPLATES, material_asset

from conftest import ROOT

THEME = ROOT / "theme_overrides"
OUR_OWN = ("tcv", "assets")  # our page templates and files, which shadow nothing upstream


def upstream_dirs() -> dict[str, Path]:
    material = os.environ.get("TCV_UPSTREAM_MATERIAL")
    return {
        "Material for MkDocs": Path(material) if material else MATERIAL_TEMPLATES,
        "MkDocs": Path(mkdocs.__file__).parent / "templates",
    }


_DECLARATION = re.compile(
    r"(?P<kind>Copy of|Replaces) (?P<theme>Material for MkDocs|MkDocs) (?P<version>[0-9.]+)"
    r"\s+`(?P<path>[^`]+)`"
)
_HASH = re.compile(r"Upstream SHA-256: (?P<hash>[0-9a-f]{64})")


@dataclass(frozen=True)
class Declaration:
    kind: str  # "Copy of" or "Replaces"
    theme: str
    path: str
    sha256: str | None


def declaration(template: Path) -> Declaration | None:
    """What the header (the first 20 lines) of `template` says about its upstream file."""
    head = "\n".join(template.read_text(encoding="utf-8").splitlines()[:20])
    found = _DECLARATION.search(head)
    if found is None:
        return None
    hashed = _HASH.search(head)
    return Declaration(
        found["kind"], found["theme"], found["path"], hashed["hash"] if hashed else None
    )


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def templates(theme: Path) -> list[Path]:
    return sorted(
        p for p in theme.rglob("*") if p.is_file() and p.relative_to(theme).parts[0] not in OUR_OWN
    )


def drift(theme: Path, upstream: dict[str, Path]) -> list[str]:
    """Every problem with the copies and replacements in `theme`, with what to do about it."""
    problems: list[str] = []
    for template in templates(theme):
        relative = template.relative_to(theme).as_posix()
        name = f"theme_overrides/{relative}"
        declared = declaration(template)
        shadowed = [t for t, d in upstream.items() if (d / relative).is_file()]
        if declared is None:
            if shadowed:
                problems.append(
                    f"{name} shadows {shadowed[0]}'s `{relative}` but its header says neither "
                    f"'Copy of {shadowed[0]} <version> `{relative}`' (with 'Upstream SHA-256: …') "
                    "nor 'Replaces …'"
                )
            continue
        if declared.path != relative:
            problems.append(f"{name} declares `{declared.path}`, but it replaces `{relative}`")
            continue
        original = upstream[declared.theme] / declared.path
        if not original.is_file():
            problems.append(f"{name}: {declared.theme} has no `{declared.path}` any more")
            continue
        if declared.kind == "Replaces":
            continue
        if declared.sha256 is None:
            problems.append(
                f"{name}: a copy without 'Upstream SHA-256: {sha256(original)}' in its header"
            )
            continue
        if sha256(original) != declared.sha256:
            problems.append(changed_upstream(name, declared, original, template))
    return problems


def changed_upstream(name: str, declared: Declaration, original: Path, copy: Path) -> str:
    diff = difflib.unified_diff(
        original.read_text(encoding="utf-8").splitlines(keepends=True),
        copy.read_text(encoding="utf-8").splitlines(keepends=True),
        fromfile=f"{declared.theme} (installed) {declared.path}",
        tofile=name,
    )
    return (
        f"{name}: the installed {declared.theme} `{declared.path}` has changed since it was "
        "copied.\n"
        f"  recorded upstream SHA-256:  {declared.sha256}\n"
        f"  installed upstream SHA-256: {sha256(original)}\n"
        "  Carry our 'TCV:' changes over to the new upstream file (or drop those upstream now "
        "makes unnecessary), then record the new hash. The installed upstream file against our "
        "copy:\n" + "".join(diff)
    )


def test_copied_templates_match_their_upstream() -> None:
    problems = drift(THEME, upstream_dirs())
    assert not problems, "\n\n".join(problems)


def test_the_copies_are_found() -> None:
    """The check above looks at real copies, not at nothing."""
    declared = {
        t.relative_to(THEME).as_posix(): declaration(t)
        for t in templates(THEME)
        if declaration(t) is not None
    }
    copies = {path for path, d in declared.items() if d and d.kind == "Copy of"}
    assert {"base.html", "partials/header.html", "partials/search.html", "sitemap.xml"} <= copies
    assert all(declared[path].sha256 for path in copies)


def copy_of_upstream(tmp_path: Path) -> Path:
    """The installed Material's templates that our copies come from, in a folder of the test."""
    target = tmp_path / "material"
    for template in templates(THEME):
        declared = declaration(template)
        if declared and declared.theme == "Material for MkDocs":
            source = MATERIAL_TEMPLATES / declared.path
            (target / declared.path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target / declared.path)
    return target


def test_an_upstream_change_fails_with_the_diff(tmp_path: Path) -> None:
    """As after a Material update that changed partials/search.html."""
    material = copy_of_upstream(tmp_path)
    search = material / "partials" / "search.html"
    text = search.read_text(encoding="utf-8")
    changed = text.replace('role="search"', 'role="search" data-upstream-change')
    assert changed != text
    search.write_text(changed, encoding="utf-8")
    upstream = {**upstream_dirs(), "Material for MkDocs": material}

    problems = drift(THEME, upstream)

    assert len(problems) == 1, problems
    report = problems[0]
    assert report.startswith("theme_overrides/partials/search.html: the installed Material")
    recorded = declaration(THEME / "partials" / "search.html")
    assert recorded is not None
    assert f"recorded upstream SHA-256:  {recorded.sha256}" in report
    assert f"installed upstream SHA-256: {sha256(search)}" in report
    assert "--- Material for MkDocs (installed) partials/search.html" in report
    assert "+++ theme_overrides/partials/search.html" in report
    # The upstream change shows as a line the copy lacks; our own change as a line it adds.
    assert any(
        line.startswith("-") and "data-upstream-change" in line for line in report.splitlines()
    )
    assert "+{#- TCV: aria-label -#}\n" in report


def test_a_template_that_shadows_upstream_silently_is_reported(tmp_path: Path) -> None:
    theme = tmp_path / "theme_overrides"
    shutil.copytree(THEME, theme)
    (theme / "partials" / "footer.html").write_text("<footer></footer>\n", encoding="utf-8")
    problems = drift(theme, upstream_dirs())
    assert problems == [
        "theme_overrides/partials/footer.html shadows Material for MkDocs's "
        "`partials/footer.html` but its header says neither 'Copy of Material for MkDocs "
        "<version> `partials/footer.html`' (with 'Upstream SHA-256: …') nor 'Replaces …'"
    ]


def test_material_asset_names_come_from_the_installed_material() -> None:
    for name, folder in [
        ("javascripts/bundle.js", "assets/javascripts"),
        ("javascripts/workers/search.js", "assets/javascripts/workers"),
        ("stylesheets/main.css", "assets/stylesheets"),
        ("stylesheets/palette.css", "assets/stylesheets"),
    ]:
        path = material_asset(name)
        assert (MATERIAL_TEMPLATES / path).is_file()
        assert re.fullmatch(rf"{folder}/[a-z]+\.[0-9a-f]{{8}}\.min\.(js|css)", path), path
    base = (THEME / "base.html").read_text(encoding="utf-8")
    assert not re.search(r"\.[0-9a-f]{8}\.min\.(js|css)", base), "a hashed name written by hand"
