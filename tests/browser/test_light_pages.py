"""Light pages: no page over 400 KB on a cold visit (HTML, CSS, JS, images; the search index
aside, and reported), images sized and in modern formats, and a description on every page."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from tcv.tooling.audit import AuditReport
from tcv.tooling.audit.report import PAGE_BUDGET, kb
from tcv.tooling.builtsite import SEARCH_INDEX, image_problems, pages, url_of


def test_no_page_weighs_more_than_400_kb_on_a_cold_visit(audit: AuditReport) -> None:
    assert PAGE_BUDGET == 400 * 1024
    heavy = [f"{w.url}: {kb(w.total)} {w.by_kind}" for w in audit.over_budget()]
    assert not heavy, f"{len(heavy)} sidor över {kb(PAGE_BUDGET)}:\n" + "\n".join(heavy)


def test_every_page_is_weighed_with_its_html_css_and_javascript(audit: AuditReport) -> None:
    assert {w.url for w in audit.weights} == set(audit.pages)
    incomplete = [
        f"{w.url}: {w.by_kind}"
        for w in audit.weights
        if not {"html", "css", "js"} <= w.by_kind.keys()
    ]
    assert not incomplete, "\n".join(incomplete)


def test_the_search_index_is_left_out_of_the_weight_and_reported(
    audit: AuditReport, real_site: Path
) -> None:
    size = (real_site / SEARCH_INDEX).stat().st_size
    assert audit.search_index_bytes == size > 0
    assert f"sökindex {kb(size)}" in audit.summary()
    fetched = [v for v in audit.visits if any(r.endswith(SEARCH_INDEX) for r in v.requests)]
    assert fetched, "Material's search should fetch its index"
    heaviest = audit.heaviest()
    assert heaviest.total < sum(heaviest.by_kind.values()) + size


def test_every_image_has_width_height_and_a_modern_format(real_site: Path) -> None:
    images = sum(
        len(BeautifulSoup(p.read_text(encoding="utf-8"), "lxml").find_all("img"))
        for p in pages(real_site)
    )
    assert images, "the logo at least is an image"
    problems = [f"{p.page}: {p.src} {p.problem}" for p in image_problems(real_site)]
    assert not problems, "\n".join(problems)


def test_every_page_has_a_meta_description(real_site: Path) -> None:
    missing = []
    for page in pages(real_site):
        meta = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").find(
            "meta", attrs={"name": "description"}
        )
        if meta is None or not meta.get("content", "").strip():
            missing.append(url_of(real_site, page))
    assert not missing, "\n".join(missing)
