"""The real build: a page per record, linked both ways, no broken links, nothing extra published."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tcv.markdown_text import to_html
from tcv.site import load_site
from tcv.tooling.builtsite import broken_links, pages, soup

from conftest import ROOT, BuildFailed, build_site


@pytest.fixture(scope="module")
def model():
    site, _ = load_site(ROOT / "data")
    return site


def links_on(site: Path, url: str) -> set[str]:
    return {a["href"] for a in soup(site, url).select("article a[href]")}


def test_every_record_has_its_page(real_site: Path, model) -> None:
    expected = (
        [f"utbildningar/{i}/" for i in model.programmes]
        + [f"kommuner/{i}/" for i in model.municipalities]
        + [f"anordnare/{i}/" for i in model.providers]
        + [f"foretag/{i}/" for i in model.companies]
    )
    assert len(model.municipalities) == 15
    assert len(model.companies) == 34
    for url in expected:
        assert (real_site / url / "index.html").is_file(), url
        assert soup(real_site, url).find("h1").get_text(strip=True)


def test_the_finder_links_every_programme_page(real_site: Path, model) -> None:
    links = links_on(real_site, "utbildningar/")
    assert {f"{i}/" for i in model.programmes} <= links


def test_listings_link_every_municipality_provider_and_company(real_site: Path, model) -> None:
    assert {f"{i}/" for i in model.municipalities} <= links_on(real_site, "kommuner/")
    assert {f"{i}/" for i in model.providers} <= links_on(real_site, "anordnare/")
    assert {f"{i}/" for i in model.companies} <= links_on(real_site, "foretag/")


def test_programme_provider_and_municipality_link_both_ways(real_site: Path) -> None:
    programme = "utbildningar/dragonskolan-el-och-energi/"
    assert {"../../anordnare/dragonskolan/", "../../kommuner/umea/"} <= links_on(
        real_site, programme
    )
    back = "../../utbildningar/dragonskolan-el-och-energi/"
    assert back in links_on(real_site, "anordnare/dragonskolan/")
    assert back in links_on(real_site, "kommuner/umea/")
    assert "../../anordnare/dragonskolan/" in links_on(real_site, "kommuner/umea/")


def test_a_programme_and_its_partner_company_link_both_ways(fixture_site: Path) -> None:
    assert "../../foretag/verkstaden/" in links_on(fixture_site, "utbildningar/alfa-teknik/")
    assert "../../utbildningar/alfa-teknik/" in links_on(fixture_site, "foretag/verkstaden/")


def test_no_internal_link_is_broken(real_site: Path, fixture_site: Path) -> None:
    assert list(broken_links(real_site)) == []
    assert list(broken_links(fixture_site)) == []


def test_only_the_site_is_published(real_site: Path) -> None:
    published = {p.relative_to(real_site).as_posix() for p in real_site.rglob("*") if p.is_file()}
    assert not [p for p in published if p.endswith((".yml", ".yaml", ".py", ".j2", ".md"))]
    assert not [p for p in published if p.startswith("tcv/")], (
        "page templates must not be published"
    )


def test_the_start_page_shows_live_figures_from_data(real_site: Path, model) -> None:
    figures = soup(real_site, "").select_one(".tcv-figures").get_text(" ", strip=True)
    assert (
        f"{len(model.programmes)} tekniska utbildningar på webbplatsen hittills (listan är inte "
        "komplett)" in figures
    )
    assert "3 av 15 kommuner har skrivit avsiktsförklaring" in figures
    assert "34 företag och organisationer har skrivit avsiktsförklaring" in figures
    assert "0 av 6 certifierade utbildningar" in figures


def test_preliminary_data_is_said_plainly(real_site: Path, model) -> None:
    assert model.region.programme_data_preliminary
    for programme in model.programmes:
        page = soup(real_site, f"utbildningar/{programme}/")
        assert page.select_one(".tcv-preliminary"), programme
        assert page.select_one(".tcv-cert").get_text(" ", strip=True) == (
            "Teknikcollege: Inte certifierad."
        )


def test_a_record_added_under_data_appears_without_code_changes(
    data_copy: Path, tmp_path: Path
) -> None:
    (data_copy / "programmes/alfa-el.yml").write_text(
        "name: El- och energiprogrammet\nprovider: alfaskolan\nlevel: gymnasium\nareas: [energi]\n"
        "summary: Nytt program.\napply:\n  how: Sök i gymnasievalet.\n",
        encoding="utf-8",
    )
    site = build_site(data_copy, tmp_path / "site", today="2026-07-01")
    assert soup(site, "utbildningar/alfa-el/").find("h1").get_text() == "El- och energiprogrammet"
    assert "alfa-el/" in links_on(site, "utbildningar/")
    assert "../../utbildningar/alfa-el/" in links_on(site, "anordnare/alfaskolan/")


def test_the_build_fails_with_the_validators_lines(data_copy: Path, tmp_path: Path) -> None:
    text = (data_copy / "programmes/alfa-teknik.yml").read_text(encoding="utf-8")
    (data_copy / "programmes/alfa-teknik.yml").write_text(
        text.replace("provider: alfaskolan", "provider: x")
    )
    with pytest.raises(BuildFailed) as failure:
        build_site(data_copy, tmp_path / "site", today="2026-07-01")
    assert (
        f"{data_copy}/programmes/alfa-teknik.yml:3: provider: anordnaren 'x' finns inte — ange ett id "
        "som finns i data/providers/"
    ) in failure.value.output
    assert "Traceback" not in failure.value.output


def test_an_expired_certification_is_shown_as_expired_never_as_certified(
    fixture_site: Path,
) -> None:
    page = soup(fixture_site, "utbildningar/alfa-industri/")
    assert page.select_one(".tcv-cert").get_text(" ", strip=True) == (
        "Teknikcollege: Certifieringen gick ut 31 maj 2026. Utbildningen är inte certifierad just "
        "nu. Källa: Exempelrådet: Påhittat certifieringsbeslut för Alfaskolan (publicerad "
        "1 januari 2023, läst 1 juni 2026)."
    )
    assert page.select_one(".tcv-badge").get_text(strip=True) == "Certifieringen har gått ut"


def test_a_valid_certification_is_shown_with_its_end_date(fixture_site: Path) -> None:
    page = soup(fixture_site, "utbildningar/alfa-teknik/")
    assert page.select_one(".tcv-cert").get_text(" ", strip=True) == (
        "Teknikcollege: Certifierad av Teknikcollege t.o.m. 30 juni 2029. Källa: Exempelrådet: "
        "Påhittat certifieringsbeslut för Alfaskolans teknikprogram (publicerad 1 mars 2026, "
        "läst 1 juni 2026)."
    )


def test_text_from_data_is_escaped(data_copy: Path, tmp_path: Path) -> None:
    path = data_copy / "companies/gjuteriet.yml"
    path.write_text(
        path.read_text().replace("name: Gjuteriet AB", 'name: "Gjuteriet & \\"Söner\\" AB"')
    )
    site = build_site(data_copy, tmp_path / "site", today="2026-07-01")
    html = (site / "foretag/gjuteriet/index.html").read_text()
    assert "<h1>Gjuteriet &amp; &#34;Söner&#34; AB</h1>" in html
    assert '<meta name="description" content="Gjuteriet &amp; &#34;Söner&#34; AB' in html


def test_markdown_from_data_cannot_carry_script() -> None:
    html = str(
        to_html(
            "Hej <script>alert(1)</script> <img src=x onerror=alert(1)> [a](javascript:x) "
            "[b](https://example.se)"
        )
    )
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html
    assert '<a href="https://example.se" rel="noopener">b</a>' in html


def test_every_page_has_a_title_and_a_description(real_site: Path) -> None:
    for page in pages(real_site):
        if page.name == "404.html":
            continue
        document = soup(real_site, page.relative_to(real_site).as_posix())
        assert document.title and document.title.get_text(strip=True), page
        assert document.find("meta", attrs={"name": "description"})["content"].strip(), page


def test_a_copy_of_the_data_builds_the_same_pages(tmp_path: Path, real_site: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    site = build_site(copy, tmp_path / "site")
    assert {p.relative_to(site) for p in pages(site)} == {
        p.relative_to(real_site) for p in pages(real_site)
    }


def test_the_components_stylesheet_is_loaded_only_where_a_component_is(real_site: Path) -> None:
    def sheets(url: str) -> set[str]:
        return {link["href"].rsplit("/", 1)[-1] for link in soup(real_site, url).select("link")}

    assert "pages.css" in sheets("")  # figures and doors
    assert "pages.css" in sheets("utbildningar/")  # a generated page
    assert "pages.css" in sheets("vad-passar-mig/")  # its script draws the guide's answers
    assert "pages.css" not in sheets("integritet/")
    assert "pages.css" not in sheets("redaktorer/faltreferens/")
    assert "site.css" in sheets("integritet/")
