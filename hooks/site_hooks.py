"""MkDocs hooks of the Teknikcollege Västerbotten site: every MkDocs event the site uses.

Each handler forwards to `tcv.mkdocs_build`, the same package the validator and the tests use.
Module state is limited to the command MkDocs runs (`on_startup`, once per process) and the
current build, replaced in `on_config` (MkDocs keeps hook modules loaded across `mkdocs serve`
rebuilds).
"""

from __future__ import annotations

import logging
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from tcv import csp, security_txt, theme
from tcv.dates import build_date
from tcv.mkdocs_build import SiteBuild
from tcv.pages import template_cache

log = logging.getLogger("mkdocs.hooks.tcv")
_build: SiteBuild | None = None
_command = "build"


def on_startup(*, command: str, dirty: bool) -> None:
    global _command
    _command = command
    if command == "serve":
        log.info(
            "Förhandsvisningen kontrollerar inte exporten av öppna data med frictionless efter "
            "varje ändring; det gör scripts/build och scripts/test."
        )


def on_config(config: MkDocsConfig) -> None:
    global _build
    _build = SiteBuild(config)  # load and check the data; fails with every problem at once


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    return _current().add_pages(files, config)


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = template_cache()  # Material's templates, as our own
    csp.install(env)
    theme.install(env)  # material_asset(): Material's hashed asset names
    return env


def on_page_markdown(
    markdown: str, *, page: Page, config: MkDocsConfig, files: Files
) -> str | None:
    return _current().page_markdown(markdown, page)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    return _current().page_content(html, page)


def on_post_build(*, config: MkDocsConfig) -> None:
    if _command != "serve":  # checks our export code, not the data; too slow for every save
        _current().check_export(Path(config.site_dir))
    csp.apply(Path(config.site_dir), enforce=_command != "serve")  # preview: live reload is inline
    security_txt.write(
        Path(config.site_dir),
        _current().site.region.contact,
        build_date(),
        config.site_url or "",
        config.repo_url or "",
    )


def _current() -> SiteBuild:
    assert _build is not None, "on_config has not run"
    return _build
