"""The whole audit of a built site, and its one-line summary."""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

from ..builtsite import (
    SEARCH_INDEX,
    ImageProblem,
    file_for,
    image_problems,
    page_paths,
    pages,
    search_index_size,
)
from . import browser
from .browser import VARIANTS, VIEWPORTS, WEIGHT_VARIANT, AxeViolation, Viewport, Visit
from .server import serve
from .tools import axe_source, axe_version, vnu_version
from .vnu import HtmlCheck, HtmlError

# No page may weigh more than this on a cold visit: HTML, CSS, JS, images (search index aside).
PAGE_BUDGET = 400 * 1024


@dataclass(frozen=True)
class PageWeight:
    url: str
    total: int
    by_kind: dict[str, int]


@dataclass
class AuditReport:
    site: Path
    pages: list[str]
    visits: list[Visit]
    html_errors: list[HtmlError]
    weights: list[PageWeight]
    search_index_bytes: int
    image_problems: list[ImageProblem]
    axe_version: str = ""
    vnu_version: str = ""
    variants: tuple[str, ...] = field(default=VARIANTS)

    def violations(self) -> list[tuple[Visit, AxeViolation]]:
        return [(v, violation) for v in self.visits for violation in v.violations]

    def external_requests(self) -> list[tuple[Visit, str]]:
        return [(v, url) for v in self.visits for url in v.external_requests]

    def console_errors(self) -> list[tuple[Visit, str]]:
        return [(v, text) for v in self.visits for text in v.console_errors]

    def csp_violations(self) -> list[tuple[Visit, str]]:
        return [(v, text) for v in self.visits for text in v.csp_violations]

    def stored(self) -> list[tuple[Visit, str]]:
        """Cookies, and storage beyond the colour scheme that Material keeps."""
        cookies = [(v, f"kaka {name}") for v in self.visits for name in v.cookies]
        storage = [
            (v, f"{area} {key}") for v in self.visits for area, key in v.storage_beyond_allowed
        ]
        return cookies + storage

    def focus_problems(self) -> list[tuple[Visit, str]]:
        return [(v, p) for v in self.visits if v.focus for p in v.focus.problems]

    def over_budget(self) -> list[PageWeight]:
        return [w for w in self.weights if w.total > PAGE_BUDGET]

    def heaviest(self) -> PageWeight:
        return max(self.weights, key=lambda w: w.total)

    def summary(self) -> str:
        heaviest = self.heaviest()
        return (
            f"Granskning: {len(self.pages)} sidor"
            f" ({len(self.visits)} besök i {len(self.variants)} varianter),"
            f" axe-överträdelser {len(self.violations())},"
            f" vnu-fel {len(self.html_errors)},"
            f" externa anrop {len(self.external_requests())},"
            f" konsolfel {len(self.console_errors())},"
            f" CSP-överträdelser {len(self.csp_violations())},"
            f" kakor/lagring utöver färgtemat {len(self.stored())},"
            f" fokusproblem {len(self.focus_problems())},"
            f" tyngsta sida {heaviest.url} {kb(heaviest.total)},"
            f" sökindex {kb(self.search_index_bytes)}"
        )

    def details(self) -> str:
        """Every problem found, grouped by check; empty when there is none."""
        sections = [
            (
                "axe-core",
                [
                    f"{v.url} ({v.variant}): {a.rule}: {a.help}: {'; '.join(a.elements)}"
                    for v, a in self.violations()
                ],
            ),
            ("Nu HTML Checker", [str(e) for e in self.html_errors]),
            (
                "Anrop till andra värdar",
                [f"{v.url} ({v.variant}): {u}" for v, u in self.external_requests()],
            ),
            ("Konsolfel", [f"{v.url} ({v.variant}): {t}" for v, t in self.console_errors()]),
            (
                "Content-Security-Policy",
                [f"{v.url} ({v.variant}): {t}" for v, t in self.csp_violations()],
            ),
            ("Kakor och lagring", [f"{v.url} ({v.variant}): {t}" for v, t in self.stored()]),
            (
                "Tangentbord och fokus",
                [f"{v.url} ({v.variant}): {p}" for v, p in self.focus_problems()],
            ),
            (
                "Över viktbudgeten",
                [f"{w.url}: {kb(w.total)} > {kb(PAGE_BUDGET)}" for w in self.over_budget()],
            ),
            ("Bilder", [f"{p.page}: {p.src} {p.problem}" for p in self.image_problems]),
        ]
        return "\n".join(
            f"{title} ({len(lines)}):\n" + "\n".join(f"  {line}" for line in lines)
            for title, lines in sections
            if lines
        )


def kb(size: int) -> str:
    return f"{size / 1024:.0f} kB"


Progress = Callable[[int, int], None]


def audit_site(
    site: Path, *, workers: int | None = None, progress: Progress | None = None
) -> AuditReport:
    """Check every page of the built `site`: in Chromium (all variants), with vnu, by weight."""
    site = site.resolve()
    files = pages(site)
    urls = page_paths(site)
    html_check = HtmlCheck(site, files)  # runs in the background meanwhile
    with serve(site) as origin:
        visits = visit_all(origin, urls, workers or os.cpu_count() or 2, progress)
    return AuditReport(
        site=site,
        pages=urls,
        visits=visits,
        html_errors=html_check.errors(),
        weights=[weight(site, v) for v in visits if v.variant == WEIGHT_VARIANT],
        search_index_bytes=search_index_size(site),
        image_problems=image_problems(site),
        axe_version=axe_version(),
        vnu_version=vnu_version(),
    )


def visit_all(
    origin: str, urls: list[str], workers: int, progress: Progress | None = None
) -> list[Visit]:
    """Every page at every viewport, in `workers` browsers at once; sorted by page and variant."""
    run = _Run(origin, [(url, viewport) for url in urls for viewport in VIEWPORTS], progress)
    threads = [
        threading.Thread(target=run.work, name=f"tcv-audit-{i}", daemon=True)
        for i in range(max(1, min(workers, len(run.loads))))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if run.failures:
        raise run.failures[0]
    order = {variant: i for i, variant in enumerate(VARIANTS)}
    return sorted(run.results, key=lambda v: (v.url, order[v.variant]))


class _Run:
    """The loads to do, shared by the worker threads; each thread has its own Chromium."""

    def __init__(
        self, origin: str, loads: list[tuple[str, Viewport]], progress: Progress | None
    ) -> None:
        self.origin = origin
        self.loads = loads
        self.todo: queue.Queue[tuple[str, Viewport]] = queue.Queue()
        for load in loads:
            self.todo.put(load)
        self.progress = progress
        self.source = axe_source()
        self.results: list[Visit] = []
        self.failures: list[BaseException] = []
        self.lock = threading.Lock()
        self.done = 0

    def work(self) -> None:
        try:
            with sync_playwright() as playwright:
                chromium = browser.launch(playwright)
                visitor = browser.Visitor(chromium, self.origin, self.source)
                self._visit_until_done(visitor)
                visitor.close()
                chromium.close()
        except BaseException as error:  # e.g. Chromium does not start: stop the audit, say why
            self.failures.append(error)

    def _visit_until_done(self, visitor: browser.Visitor) -> None:
        while not self.failures:
            try:
                url, viewport = self.todo.get_nowait()
            except queue.Empty:
                return
            try:
                visits = visitor.visit(url, viewport)
            except Exception as error:  # a page that cannot be checked fails, it is not skipped
                failed = f"sidan kunde inte kontrolleras: {error}"
                visits = [Visit(url, viewport.variants[0], console_errors=[failed])]
            with self.lock:
                self.results.extend(visits)
                self.done += 1
                if self.progress:
                    self.progress(self.done, len(self.loads))


def weight(site: Path, visit: Visit) -> PageWeight:
    """What a cold visit transfers, uncompressed: every local file requested, search index aside."""
    by_kind: dict[str, int] = {}
    for path in _local_paths(visit.requests):
        if path.lstrip("/") == SEARCH_INDEX:
            continue
        file = file_for(site, path)
        if file is not None:
            kind = _kind(file)
            by_kind[kind] = by_kind.get(kind, 0) + file.stat().st_size
    return PageWeight(visit.url, sum(by_kind.values()), by_kind)


def _local_paths(requests: Iterable[str]) -> set[str]:
    return {
        urlsplit(url).path
        for url in requests
        if urlsplit(url).scheme in ("http", "https") and urlsplit(url).hostname == "127.0.0.1"
    }


def _kind(file: Path) -> str:
    suffix = file.suffix.lower()
    if suffix in (".html", ".htm"):
        return "html"
    if suffix == ".css":
        return "css"
    if suffix in (".js", ".mjs"):
        return "js"
    if suffix in (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico"):
        return "bilder"
    return "annat"
