"""What the MkDocs hooks do, step by step: load and check the data once per build, add the
generated pages, and give each its HTML. The hook module only forwards MkDocs events here."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from . import countymap, events, export, urls
from .pages import GeneratedPage, PageRenderer, site_pages
from .problems import DataError, format_problems
from .site import load_site
from .structured_data import event_jsonld, programme_jsonld, script_text

log = logging.getLogger("mkdocs.hooks.tcv")

# `<!-- tcv:NAME -->` or `<!-- tcv:NAME ARGUMENT -->` on a line of its own in content/*.md
SNIPPET_MARKER = re.compile(r"^<!-- tcv:([a-z0-9-]+)(?: ([a-z0-9 -]+))? -->$", re.MULTILINE)


def data_dir_for(config: MkDocsConfig) -> Path:
    """`TCV_DATA_DIR` when set (scripts/build --data DIR), else data/ beside mkdocs.yml."""
    root = Path(config.config_file_path).parent
    return (root / os.environ.get("TCV_DATA_DIR", "data")).resolve()


class SiteBuild:
    def __init__(self, config: MkDocsConfig) -> None:
        self.root = Path(config.config_file_path).parent.resolve()
        self.data_dir = data_dir_for(config)
        if str(self.data_dir) not in config.watch:
            config.watch.append(str(self.data_dir))
        if not config.repo_url:  # local builds: no repository known, so no edit buttons
            config.edit_uri = None
        github = os.environ.get("GITHUB_ACTIONS") == "true"
        try:
            self.site, warnings = load_site(self.data_dir)
        except DataError as error:
            raise PluginError(
                "Datan innehåller fel:\n" + format_problems(error.problems, github=github)
            ) from None
        for warning in warnings:
            log.info(str(warning))
        self.edit = bool(config.edit_uri)
        self.site_url = config.site_url or ""
        self.renderer = PageRenderer(
            Path(config.theme.custom_dir),
            self.site,
            self.site_url,
            county_map=countymap.county_map(self.data_dir, self.site.municipalities.values()),
        )
        self.pages: dict[str, GeneratedPage] = {}
        self.component_classes = component_classes(Path(config.theme.custom_dir) / COMPONENTS_CSS)

    def add_pages(self, files: Files, config: MkDocsConfig) -> Files:
        nav_pages = nav_sources(config.nav)
        for page in site_pages(self.site):
            inclusion = (
                InclusionLevel.INCLUDED if page.src_uri in nav_pages else InclusionLevel.NOT_IN_NAV
            )
            file = File.generated(config, page.src_uri, content="", inclusion=inclusion)
            file.edit_uri = self._edit_uri(page)
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                files.remove(existing)
            files.append(file)
            self.pages[page.src_uri] = page
        for story in self.site.role_models.values():
            if story.image:
                portrait = self.data_dir / "role_models" / story.image.src
                uri = f"{urls.ROLE_MODELS}{story.image.src}"
                files.append(File.generated(config, uri, content=portrait.read_bytes()))
        for name, text in export.package_files(self.site).items():
            files.append(File.generated(config, f"{urls.OPEN_DATA}{name}", content=text))
        for path, feed in events.feed_files(self.site, self.site_url).items():
            files.append(File.generated(config, path, content=feed))
        return files

    def check_export(self, site_dir: Path) -> None:
        """Validate the published data package with frictionless; an invalid export fails."""
        problems = export.validate_package(site_dir / urls.OPEN_DATA / "datapackage.json")
        if problems:
            raise PluginError("Exporten av öppna data är ogiltig:\n" + "\n".join(problems))

    def page_markdown(self, markdown: str, page: Page) -> str | None:
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            return self._insert_snippets(markdown, page)
        if not page.file.inclusion.is_in_nav():  # pages in the menu keep their menu label
            page.title = generated.title  # plain text; the templates escape it
        page.meta.update(
            components=True,
            description=generated.description,
            lang=generated.lang,
            scripts=list(generated.scripts),
            head_style=generated.head_style,
            alternates=[{"lang": lang, "url": url} for lang, url in generated.alternates],
        )
        if generated.programme is not None:
            page_url = self.site_url + generated.url if self.site_url else None
            data = programme_jsonld(self.site, generated.programme, page_url)
            page.meta["jsonld"] = script_text(data)
        if generated.event is not None:
            page_url = self.site_url + generated.url if self.site_url else None
            page.meta["jsonld"] = script_text(event_jsonld(self.site, generated.event, page_url))
        if not generated.search:
            page.meta["search"] = {"exclude": True}
        return ""  # the HTML comes from our template, not from Markdown

    def page_content(self, html: str, page: Page) -> str | None:
        generated = self.pages.get(page.file.src_uri)
        if generated is None:  # pages.css only where one of its components is on the page,
            # or can be put there by the page's own script (the interest guide draws its answers)
            page.meta["components"] = bool(page.meta.get("scripts")) or uses_components(
                html, self.component_classes
            )
            return None
        return self.renderer.render(generated)

    def _insert_snippets(self, markdown: str, page: Page) -> str:
        def render(match: re.Match[str]) -> str:
            try:
                return "\n" + self.renderer.snippet(match[1], page.url, match[2] or "") + "\n"
            except KeyError:
                raise PluginError(
                    f"{page.file.src_uri}: okänd markör 'tcv:{match[1]}' — "
                    "det finns ingen mall theme_overrides/tcv/snippets/"
                    f"{match[1]}.html"
                ) from None

        return SNIPPET_MARKER.sub(render, markdown)

    def _edit_uri(self, page: GeneratedPage) -> str | None:
        if page.edit_path is None or not self.data_dir.is_relative_to(self.root) or not self.edit:
            return None
        data = self.data_dir.relative_to(self.root).as_posix()
        return f"../{data}/{page.edit_path}"  # relative to edit_uri, which points at content/


COMPONENTS_CSS = "assets/tcv/pages.css"
_CSS_CLASS = re.compile(r"\.(tcv-[a-z0-9_-]+)")
_HTML_CLASSES = re.compile(r'class="([^"]*)"')


def component_classes(stylesheet: Path) -> frozenset[str]:
    """The classes pages.css styles: a hand-written page that uses none of them goes without it."""
    return frozenset(_CSS_CLASS.findall(stylesheet.read_text(encoding="utf-8")))


def uses_components(html: str, classes: frozenset[str]) -> bool:
    return any(name in classes for value in _HTML_CLASSES.findall(html) for name in value.split())


def nav_sources(nav: list | None) -> set[str]:
    """Every Markdown path named in `nav:` of mkdocs.yml."""
    found: set[str] = set()
    stack = list(nav or [])
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found
