"""What the built site says stays within what its sources say: no certification status nobody
decided, no programme list called complete, every page that states a rule or a figure ends with
its dated https sources, and "Om uppgifterna" (English: "About the data") is one click away from
every page and every list of sources."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from tcv.tooling.builtsite import pages, soup, url_of

from conftest import ROOT

ABOUT_SV = "om-uppgifterna/"
ABOUT_EN = "en/about-the-data/"

# The hand-written pages that state a rule (admission, CSN, Komvux, YH, validation, diplomas,
# Teknikcollege's own rules) or a figure, and so end with a list of their sources.
SOURCED_PAGES = [
    "",
    "om/",
    "om-uppgifterna/",
    "for-syv/",
    "for-foretag/",
    "byta-yrke/",
    "ny-i-sverige/",
    "foraldrar/",
    "tjejer-och-kvinnor/",
    "myter-och-fakta/",
    "lattlast/",
    "lattlast/byta-yrke/",
    "lattlast/foraldrar/",
    "lattlast/ny-i-sverige/",
    "lattlast/tjejer-och-kvinnor/",
    "en/",
    "en/about-the-data/",
    "en/programmes/",
    "en/for-counsellors/",
    "en/for-companies/",
    "en/change-career/",
    "en/new-in-sweden/",
    "en/parents/",
    "en/girls-and-women/",
    "en/myths-and-facts/",
]
SOURCES_HEADINGS = {"Källor", "Sources"}

# A status nobody decided: the old "candidate" state, in words and as the finder's filter value
# (`pa-vag` on its own, not inside a heading's anchor such as `#elev-pa-vag-till-gymnasiet`).
UNDECIDED_STATUS = re.compile(
    r"på väg mot certifiering|on the way to certification|(?<![\w-])pa-vag(?![\w-])"
)

# Phrases that would call the list of programmes complete; it holds what public sources show.
COMPLETENESS_CLAIMS = (
    "alla tekniska utbildningar i västerbotten",
    "alla tekniska utbildningar i länet",
    "alla utbildningar i länet",
    "samtliga tekniska utbildningar",
    "every technical programme",
    "all technical programmes in västerbotten",
    "all the technical programmes in västerbotten",
    "every programme in the county",
)

READ_ON = re.compile(r"\b(läst|read)\b[^)]*\b20\d\d\b", re.IGNORECASE)


def html_pages(site: Path) -> list[Path]:
    return [p for p in pages(site) if soup(site, url_of(site, p)).html is not None]


def target(current: str, href: str) -> str | None:
    """The site-relative URL a link on the page at `current` points to; None if off-site."""
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//"):
        return None
    if not parts.path:
        return current
    path = posixpath.normpath(posixpath.join("/" + current, unquote(parts.path))).lstrip("/")
    if path == ".":
        path = ""
    if path and parts.path.endswith("/"):
        path += "/"
    return path.removesuffix("index.html")


def is_english(document: BeautifulSoup) -> bool:
    return document.html.get("lang") == "en"


def sources_list(document: BeautifulSoup) -> Tag | None:
    """The list that follows the page's "Källor"/"Sources" heading."""
    for heading in document.select("article#innehall h2"):
        if heading.get_text(strip=True) in SOURCES_HEADINGS:
            following = heading.find_next_sibling()
            return following if following is not None and following.name == "ul" else None
    return None


def test_no_page_calls_a_programme_on_its_way_to_certification(real_site: Path) -> None:
    found = []
    for page in html_pages(real_site):
        text = page.read_text(encoding="utf-8").lower()
        found += [(url_of(real_site, page), m) for m in UNDECIDED_STATUS.findall(text)]
    assert not found


def test_no_page_calls_the_programme_list_complete(real_site: Path) -> None:
    found = []
    for page in html_pages(real_site):
        url = url_of(real_site, page)
        text = " ".join(soup(real_site, url).get_text(" ").lower().split())
        found += [(url, phrase) for phrase in COMPLETENESS_CLAIMS if phrase in text]
    assert not found


@pytest.mark.parametrize("url", SOURCED_PAGES)
def test_a_page_with_a_rule_or_a_figure_ends_with_its_https_sources_and_when_they_were_read(
    real_site: Path, url: str
) -> None:
    listing = sources_list(soup(real_site, url))
    assert listing is not None, f"{url or 'startsidan'}: ingen lista under rubriken Källor/Sources"
    items = listing.find_all("li", recursive=False)
    external = [li for li in items if any(urlsplit(a["href"]).scheme for a in li.select("a"))]
    assert external, f"{url}: källistan har ingen länk till en källa"
    for li in items:
        for a in li.select("a[href]"):
            scheme = urlsplit(a["href"]).scheme
            assert scheme in ("https", ""), f"{url}: {a['href']} är inte https"
    undated = [li.get_text(" ", strip=True) for li in external if not READ_ON.search(li.text)]
    assert not undated, f"{url}: källor utan datum då de lästes: {undated}"


def content_urls() -> list[str]:
    """The URL of every page written by hand in content/ ('' for the start page)."""
    urls = []
    for path in sorted((ROOT / "content").rglob("*.md")):
        rel = path.relative_to(ROOT / "content").with_suffix("").as_posix()
        urls.append(
            ""
            if rel == "index"
            else rel.removesuffix("index")
            if rel.endswith("/index")
            else rel + "/"
        )
    return urls


def test_every_hand_written_page_with_a_sources_heading_is_checked_like_the_others(
    real_site: Path,
) -> None:
    """Keeps SOURCED_PAGES honest: a new page with a list of sources is held to the same rules."""
    with_sources = {u for u in content_urls() if sources_list(soup(real_site, u)) is not None}
    assert with_sources == set(SOURCED_PAGES), sorted(with_sources ^ set(SOURCED_PAGES))


@pytest.mark.parametrize("url", [u for u in SOURCED_PAGES if u not in (ABOUT_SV, ABOUT_EN)])
def test_every_sources_list_ends_with_a_link_to_about_the_data(real_site: Path, url: str) -> None:
    document = soup(real_site, url)
    listing = sources_list(document)
    assert listing is not None
    last = listing.find_all("li", recursive=False)[-1]
    expected = ABOUT_EN if is_english(document) else ABOUT_SV
    assert [target(url, a["href"]) for a in last.select("a[href]")] == [expected], url


def test_every_page_links_about_the_data_in_its_footer_in_its_own_language(
    real_site: Path,
) -> None:
    missing = []
    checked = 0
    for page in html_pages(real_site):
        url = url_of(real_site, page)
        document = soup(real_site, url)
        footer = document.select_one("footer .tcv-footer")
        if footer is None:
            continue  # a page without the site's footer (none today; the count below says so)
        checked += 1
        expected = ABOUT_EN if is_english(document) else ABOUT_SV
        links = {target(url, a["href"]) for a in footer.select("a[href]")}
        if expected not in links:
            missing.append(url)
    assert checked == len(html_pages(real_site)), "pages without the site footer"
    assert not missing


def test_about_the_data_pages_say_who_decides_certification_and_how_to_report_an_error(
    real_site: Path,
) -> None:
    for url, words in (
        (ABOUT_SV, ("Industrirådets granskningskommitté", "IUC Norr", "varje vecka")),
        (ABOUT_EN, ("Industrirådet's review committee", "IUC Norr", "every week")),
    ):
        article = soup(real_site, url).select_one("article#innehall")
        text = " ".join(article.get_text(" ").split())
        assert all(w.lower() in text.lower() for w in words), url
        assert any(a["href"].startswith("https://iucnorr.se") for a in article.select("a[href]"))
