"""What generated pages may claim: a Teknikcollege status only from a decision with its source,
every record's sources with their dates, and the preliminary notice wherever programmes are
listed or counted."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tcv import urls
from tcv.dates import swedish_partial_date
from tcv.site import Site, load_site
from tcv.tooling.builtsite import pages, soup, url_of

from conftest import FIXTURES, ROOT

# Record kinds with a page of their own, the model's collection, and who to check with.
RECORD_PAGES = (
    ("programme", "programmes", "skolan"),
    ("provider", "providers", "skolan"),
    ("municipality", "municipalities", "kommunen"),
    ("company", "companies", "företaget"),
    ("occupation", "occupations", ""),
)


@pytest.fixture(scope="module")
def model() -> Site:
    return load_site(ROOT / "data")[0]


@pytest.fixture(scope="module")
def fixture_model() -> Site:
    return load_site(FIXTURES / "minimal", date(2026, 7, 1))[0]


def records(site: Site) -> Iterator[tuple[str, str, Any]]:
    for kind, collection, check_with in RECORD_PAGES:
        for record in getattr(site, collection).values():
            yield urls.record(kind, record.id), check_with, record


def source_text(source: Any) -> str:
    return (
        f"{source.publisher}: {source.title} (publicerad {swedish_partial_date(source.published)}, "
        f"läst {swedish_partial_date(source.read_on)})"
    )


def test_a_programme_without_a_decision_is_shown_plainly_as_not_certified(
    real_site: Path, model: Site
) -> None:
    undecided = [p for p in model.programmes.values() if p.certification is None]
    assert undecided, "the real data has programmes without a Teknikcollege decision"
    for programme in undecided:
        page = soup(real_site, urls.record("programme", programme.id))
        assert page.select_one(".tcv-cert").get_text(" ", strip=True) == (
            "Teknikcollege: Inte certifierad."
        )
        assert page.select_one(".tcv-facts .tcv-badge").get_text() == "Inte certifierad"


def test_every_status_names_the_decision_it_comes_from(
    fixture_site: Path, fixture_model: Site
) -> None:
    decided = [p for p in fixture_model.programmes.values() if p.certification]
    assert len(decided) == 3
    for programme in decided:
        text = soup(fixture_site, urls.record("programme", programme.id)).select_one(".tcv-cert")
        assert text.get_text(" ", strip=True).endswith(
            f"Källa: {source_text(programme.certification.source)}."
        )


def test_only_a_valid_certification_is_called_certified(
    fixture_site: Path, fixture_model: Site
) -> None:
    badges = {
        programme.id: soup(fixture_site, urls.record("programme", programme.id))
        .select_one(".tcv-facts .tcv-badge")
        .get_text()
        for programme in fixture_model.programmes.values()
    }
    assert badges == {
        "alfa-industri": "Certifieringen har gått ut",
        "alfa-teknik": "Certifierad",
        "beta-automation": "Under granskning",
    }


@pytest.mark.parametrize("which", ["real", "fixture"])
def test_every_record_page_lists_its_sources_with_their_dates(
    which: str, request: pytest.FixtureRequest
) -> None:
    site_dir: Path = request.getfixturevalue(f"{which}_site")
    site: Site = request.getfixturevalue("model" if which == "real" else "fixture_model")
    checked = 0
    for url, _, record in records(site):
        items = soup(site_dir, url).select(".tcv-record-footer .tcv-sources li")
        assert [li.get_text(" ", strip=True) for li in items] == [
            source_text(s) for s in record.sources
        ], url
        for li, source in zip(items, record.sources, strict=True):
            links = [a["href"] for a in li.find_all("a")]
            assert links == ([source.url] if source.url else []), url
            assert all(link.startswith("https://") for link in links), url
        checked += bool(record.sources)
    assert checked


def test_a_record_nobody_confirmed_says_how_old_its_sources_are(
    real_site: Path, model: Site
) -> None:
    unconfirmed = [(u, w, r) for u, w, r in records(model) if r.sources and not r.verified_on]
    assert unconfirmed
    for url, check_with, record in unconfirmed:
        oldest, newest = record.source_years()
        years = f"{oldest}–{newest}" if oldest != newest else str(oldest)
        footer = soup(real_site, url).select_one(".tcv-record-footer").get_text(" ", strip=True)
        ask = f" med {check_with}. Kontrollera med {check_with}" if check_with else ""
        assert (
            f"Uppgifterna bygger på källor från {years} och har inte stämts av{ask}." in footer
        ), url
        assert "stämde av uppgifterna" not in footer, url


def test_a_confirmed_record_says_when_and_with_whom(fixture_site: Path) -> None:
    footer = soup(fixture_site, "utbildningar/alfa-teknik/").select_one(".tcv-record-footer")
    assert (
        "En redaktör stämde av uppgifterna med skolan eller ett officiellt register 1 juni 2026."
        in footer.get_text(" ", strip=True).replace(" .", ".")
    )


def test_every_record_page_links_to_where_the_data_comes_from(real_site: Path, model: Site) -> None:
    for url, _, _ in records(model):
        links = [a["href"] for a in soup(real_site, url).select(".tcv-record-footer a")]
        assert posixpath.relpath("om-uppgifterna/", url) + "/" in links, url


def _lists_or_counts_programmes(site_dir: Path, page: Path, programme_urls: set[str]) -> bool:
    current = url_of(site_dir, page)
    for a in soup(site_dir, current).select("article a[href]"):
        href = a["href"].split("#")[0].split("?")[0]
        if not href or "://" in href or href.startswith(("mailto:", "tel:")):
            continue
        target = posixpath.normpath(posixpath.join("/" + current, href)).lstrip("/") + "/"
        if target in programme_urls:
            return True
    return False


# Pages that count programmes without linking each of them.
COUNTING_PAGES = ("", urls.FINDER, urls.PROGRESS, urls.MUNICIPALITIES, urls.PROVIDERS)


def test_the_notice_is_on_every_page_that_lists_or_counts_programmes(
    real_site: Path, model: Site
) -> None:
    assert model.region.programme_data_preliminary
    programme_urls = {urls.record("programme", p) for p in model.programmes}
    listing = {
        url_of(real_site, page)
        for page in pages(real_site)
        if page.name == "index.html"
        and _lists_or_counts_programmes(real_site, page, programme_urls)
    }
    listing |= set(COUNTING_PAGES)
    listing |= {url for url, _, _ in records(model)}
    missing = sorted(u for u in listing if not soup(real_site, u).select_one(".tcv-preliminary"))
    assert missing == []
    assert len(listing) > 60


def test_the_notice_says_how_many_programmes_are_listed_and_that_none_is_certified(
    real_site: Path, model: Site
) -> None:
    count = len(model.programmes)
    for url in (urls.FINDER, urls.record("programme", next(iter(model.programmes)))):
        notice = soup(real_site, url).select_one(".tcv-preliminary").get_text()
        assert " ".join(notice.split()) == (
            "Preliminära uppgifter Teknikcollege Västerbotten byggs upp i ett projekt som pågår till "
            "31 augusti 2028. Ingen utbildning har certifierats inom Teknikcollege Västerbotten än. "
            f"Listan är inte komplett: den tar upp {count} utbildningar som vi har hittat i "
            "offentliga källor, och uppgifterna kan ha ändrats. Kontrollera alltid med skolan innan "
            "du söker. Om uppgifterna"
        )
    english = soup(real_site, urls.OCCUPATIONS_EN).select_one(".tcv-preliminary")
    assert english["lang"] == "en"
    assert f"it shows {count} programmes found in public sources" in english.get_text(" ")


def test_without_preliminary_data_no_notice_is_shown(fixture_site: Path) -> None:
    assert not [
        url_of(fixture_site, p)
        for p in pages(fixture_site)
        if soup(fixture_site, url_of(fixture_site, p)).select_one(".tcv-preliminary")
    ]
