"""The footer of every page says who runs the site and links the accessibility statement, the
privacy page and the contact route; both pages say what the tests prove, in Digg's form."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from tcv.tooling.audit.browser import ALLOWED_STORAGE
from tcv.tooling.audit.tools import axe_version, vnu_version
from tcv.tooling.builtsite import pages, url_of

BASE = "http://site.test"
WHO = {
    "sv": "Teknikcollege Västerbotten drivs av IUC Norr (Industriellt Utvecklingscentrum Norr AB)"
    " med stöd av Region Västerbotten.",
    "en": "Teknikcollege Västerbotten is run by IUC Norr (Industriellt Utvecklingscentrum Norr AB)"
    " with support from Region Västerbotten.",
}
LINKS = {
    f"{BASE}/tillganglighet/",
    f"{BASE}/integritet/",
    "https://iucnorr.se",
}


def text_of(element) -> str:
    return re.sub(r"\s+", " ", element.get_text(" ", strip=True)).replace(" .", ".")


def read(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "lxml")


def footer_problems(site: Path, page: Path) -> list[str]:
    url = url_of(site, page)
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    footer = soup.select_one("footer.md-footer")
    if footer is None:
        return [f"{url}: ingen sidfot"]
    lang = soup.html.get("lang", "sv")
    problems = []
    if WHO[lang] not in text_of(footer):
        problems.append(
            f"{url}: sidfoten säger inte vem som driver webbplatsen: {text_of(footer)!r}"
        )
    hrefs = {urljoin(f"{BASE}/{url}", a["href"]) for a in footer.select("a[href]")}
    problems += [f"{url}: sidfoten länkar inte {link}" for link in sorted(LINKS - hrefs)]
    return problems


def test_every_page_footer_says_who_runs_the_site_and_links_statement_privacy_and_contact(
    real_site: Path,
) -> None:
    problems = [p for page in pages(real_site) for p in footer_problems(real_site, page)]
    assert not problems, f"{len(problems)}:\n" + "\n".join(problems)


@pytest.fixture(scope="module")
def statement(real_site: Path) -> BeautifulSoup:
    return read(real_site, "tillganglighet")


@pytest.fixture(scope="module")
def privacy(real_site: Path) -> BeautifulSoup:
    return read(real_site, "integritet")


def test_the_accessibility_statement_has_every_part_digg_asks_for(statement: BeautifulSoup) -> None:
    text = text_of(statement.select_one("article"))
    hrefs = {a["href"] for a in statement.select("article a[href]")}
    assert "IUC Norr (Industriellt Utvecklingscentrum Norr AB)" in text  # who
    assert "Teknikcollege Västerbottens webbplats" in text  # which service
    assert "delvis förenlig" in text  # compliance level
    assert statement.find(id="brister-vi-kanner-till")  # known gaps
    assert statement.find(id="hur-vi-har-testat-webbplatsen")  # method
    assert "Den senaste bedömningen gjordes den 28 november 2026" in text
    assert "uppdaterades senast den 28 november 2026" in text
    assert "https://iucnorr.se" in hrefs  # feedback
    assert "https://www.digg.se/tdosanmalan" in hrefs  # Digg's form


def test_the_statement_names_the_versions_of_the_tools_the_tests_run(
    statement: BeautifulSoup,
) -> None:
    text = text_of(statement.select_one("article"))
    assert f"axe-core version {axe_version()}" in text
    assert f"Nu HTML Checker (vnu) version {vnu_version()}" in text


def test_the_privacy_page_names_exactly_what_the_tests_allow_to_be_stored(
    privacy: BeautifulSoup,
) -> None:
    text = text_of(privacy.select_one("article"))
    for area, key in ALLOWED_STORAGE:
        assert area in text and key in text
    assert "inga kakor" in text
    assert "IP-adress" in text and "GitHub Pages" in text
