"""MkDocs hooks of the Teknikcollege Västerbotten site: every MkDocs event the site uses.

Each handler forwards to `tcv.mkdocs_build`, the same package the validator and the tests use.
Module state is limited to the current build, replaced in `on_config` (MkDocs keeps hook modules
loaded across `mkdocs serve` rebuilds).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from tcv.mkdocs_build import SiteBuild

_build: SiteBuild | None = None


def on_config(config: MkDocsConfig) -> None:
    global _build
    _build = SiteBuild(config)  # load and check the data; fails with every problem at once


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    return _current().add_pages(files, config)


def on_page_markdown(
    markdown: str, *, page: Page, config: MkDocsConfig, files: Files
) -> str | None:
    return _current().page_markdown(markdown, page)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    return _current().page_content(page)


def on_post_build(*, config: MkDocsConfig) -> None:
    _current().check_export(Path(config.site_dir))


def _current() -> SiteBuild:
    assert _build is not None, "on_config has not run"
    return _build
