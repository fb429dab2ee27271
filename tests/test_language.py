"""Language of the hand-written pages: readability (LIX), page language, language versions, and
that every audience page is near the start page and leads into a filtered programme finder."""

from __future__ import annotations

import posixpath
import re
from collections import deque
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

from tcv import labels, urls
from tcv.finder import CERTIFICATION_SLUGS, card_values
from tcv.kinds import KINDS
from tcv.site import load_site
from tcv.tooling.builtsite import pages, soup, url_of

from conftest import ROOT
from lix import lix_of_page, table

CONTENT = ROOT / "content"
FINDER = "utbildningar/"

LIX_EASY = 30  # lättläst pages, under lattlast/
LIX_PLAIN = 45  # every other Swedish page written in content/

# The pages written for one audience each; the start page must reach each in two clicks and
# each must lead into the finder with a filter already chosen.
AUDIENCE = [
    "tjejer-och-kvinnor/",
    "ny-i-sverige/",
    "byta-yrke/",
    "foraldrar/",
    "myter-och-fakta/",
    "for-foretag/",
    "for-syv/",
]
EASY_VERSIONS = {
    "tjejer-och-kvinnor/": "lattlast/tjejer-och-kvinnor/",
    "ny-i-sverige/": "lattlast/ny-i-sverige/",
    "byta-yrke/": "lattlast/byta-yrke/",
    "foraldrar/": "lattlast/foraldrar/",
}
ENGLISH_VERSIONS = {
    "": "en/",
    "tjejer-och-kvinnor/": "en/girls-and-women/",
    "ny-i-sverige/": "en/new-in-sweden/",
    "byta-yrke/": "en/change-career/",
    "foraldrar/": "en/parents/",
    "myter-och-fakta/": "en/myths-and-facts/",
    "for-foretag/": "en/for-companies/",
    "for-syv/": "en/for-counsellors/",
}
REACHABLE_IN_TWO = [
    *AUDIENCE,
    "vad-passar-mig/",
    "lattlast/",
    *EASY_VERSIONS.values(),
    *ENGLISH_VERSIONS.values(),
    "en/programmes/",
]


def content_urls() -> list[str]:
    """The URL of every page written by hand in content/ ('' for the start page)."""
    urls = []
    for path in sorted(CONTENT.rglob("*.md")):
        rel = path.relative_to(CONTENT).with_suffix("").as_posix()
        if rel == "index":
            urls.append("")
        elif rel.endswith("/index"):
            urls.append(rel.removesuffix("index"))
        else:
            urls.append(rel + "/")
    return urls


def is_english(url: str) -> bool:
    return url.startswith("en/")


def resolve(current: str, href: str) -> tuple[str, str] | None:
    """(site-relative URL, query) of a link on the page at `current`; None if it leaves the site."""
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//"):
        return None
    if not parts.path:
        return current, parts.query
    target = posixpath.normpath(posixpath.join("/" + current, unquote(parts.path)))
    target = target.lstrip("/")
    if target == ".":
        target = ""
    if target and parts.path.endswith("/"):
        target += "/"
    target = target.removesuffix("index.html")
    return target, parts.query


def article_links(site: Path, url: str) -> list[tuple[str, str]]:
    links = []
    for a in soup(site, url).select("article#innehall a[href]"):
        resolved = resolve(url, a["href"])
        if resolved is not None:
            links.append(resolved)
    return links


@pytest.fixture(scope="module")
def model():
    site, _ = load_site(ROOT / "data")
    return site


def test_every_content_page_is_built(real_site: Path) -> None:
    missing = [u for u in content_urls() if not (real_site / u / "index.html").is_file()]
    assert not missing


SWEDISH_CONTENT = [u for u in content_urls() if not is_english(u)]


def lix_limit(url: str) -> int:
    return LIX_EASY if url.startswith("lattlast/") else LIX_PLAIN


def lix_report(site: Path) -> str:
    """Every Swedish page's LIX and limit, shown when one is over it (by hand: tests/lix.py)."""
    rows = [(url, lix_of_page(soup(site, url))) for url in SWEDISH_CONTENT]
    return table(rows, {url: lix_limit(url) for url in SWEDISH_CONTENT})


@pytest.mark.parametrize("url", SWEDISH_CONTENT)
def test_swedish_page_is_easy_enough_to_read(real_site: Path, url: str) -> None:
    score = lix_of_page(soup(real_site, url))
    assert score.words, f"{url} has no text"
    assert score.value <= lix_limit(url), (
        f"LIX {score.value:.1f} på {url or 'startsidan'} (gräns {lix_limit(url)}):\n"
        + lix_report(real_site)
    )


def test_english_pages_are_marked_english_and_the_rest_swedish(real_site: Path) -> None:
    wrong = []
    for page in pages(real_site):
        url = url_of(real_site, page)
        if not page.name.endswith(".html") or soup(real_site, url).html is None:
            continue
        expected = "en" if is_english(url) else "sv"
        actual = soup(real_site, url).html.get("lang")
        if actual != expected:
            wrong.append((url, actual, expected))
    assert not wrong


def front_matter(url: str) -> dict:
    """The YAML front matter of the content page built at `url`."""
    stem = "index" if url == "" else url.rstrip("/")
    path = CONTENT / f"{stem}.md"
    if not path.is_file():
        path = CONTENT / stem / "index.md"
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    return yaml.safe_load(text[4 : text.index("\n---", 4)]) or {}


def test_hreflang_alternates_point_to_pages_that_exist(real_site: Path) -> None:
    """Front matter `alternates` (rendered into sitemap.xml) and every link with an hreflang."""
    broken = []
    for url in content_urls():
        for alternate in front_matter(url).get("alternates", []):
            if not (real_site / alternate["url"] / "index.html").is_file():
                broken.append((url, alternate))
    links = 0
    for page in pages(real_site):
        url = url_of(real_site, page)
        for link in soup(real_site, url).select("a[hreflang], link[rel='alternate'][hreflang]"):
            resolved = resolve(url, link["href"])
            if resolved is None:
                continue  # another site
            links += 1
            if not (real_site / resolved[0] / "index.html").is_file():
                broken.append((url, link["href"]))
    assert links, "no language switch link with hreflang found"
    assert not broken


def test_each_language_version_names_the_other() -> None:
    for swedish, english in ENGLISH_VERSIONS.items():
        for url in (swedish, english):
            alternates = {a["lang"]: a["url"] for a in front_matter(url).get("alternates", [])}
            assert alternates == {"sv": swedish, "en": english}, url
        assert front_matter(english).get("lang") == "en", english


def test_language_switch_near_the_top(real_site: Path) -> None:
    """A visible link to the other language (and to lättläst) before the first subheading."""
    versions = [*ENGLISH_VERSIONS.items(), *((e, s) for s, e in ENGLISH_VERSIONS.items())]
    versions += [*EASY_VERSIONS.items(), *((e, s) for s, e in EASY_VERSIONS.items())]
    for url, other in versions:
        article = soup(real_site, url).select_one("article#innehall")
        targets = []
        for element in article.find_all(["a", "h2"]):
            if element.name == "h2":
                break
            resolved = resolve(url, element.get("href", ""))
            if resolved:
                targets.append(resolved[0])
        assert other in targets, f"{url} links to {other} before its first h2"


def test_each_audience_page_is_two_clicks_from_the_start_page(real_site: Path) -> None:
    depth = {"": 0}
    queue = deque([""])
    while queue:
        url = queue.popleft()
        if depth[url] == 2:
            continue
        for target, _ in article_links(real_site, url):
            if target not in depth and (real_site / target / "index.html").is_file():
                depth[target] = depth[url] + 1
                queue.append(target)
    too_far = [url for url in REACHABLE_IN_TWO if url not in depth]
    assert not too_far


def finder_queries(site: Path, url: str) -> list[dict[str, list[str]]]:
    return [
        parse_qs(query) for target, query in article_links(site, url) if target == FINDER and query
    ]


def allowed_values(model) -> dict[str, set[str]]:
    return {
        "kommun": set(model.municipalities),
        "niva": set(labels.LEVELS),
        "omrade": set(labels.AREAS),
        "certifiering": set(CERTIFICATION_SLUGS.values()),
        "takt": set(labels.PACE),
        "distans": {"ja"},
    }


def matching(model, query: dict[str, list[str]]) -> int:
    """How many programmes the finder shows for `query`: any value within a filter, every filter."""
    count = 0
    for programme in model.programmes.values():
        card = {name: set(value.split()) for name, value in card_values(model, programme).items()}
        if all(card[name] & set(values) for name, values in query.items()):
            count += 1
    return count


@pytest.mark.parametrize("url", [*AUDIENCE, "vad-passar-mig/", *EASY_VERSIONS.values()])
def test_audience_pages_lead_into_a_filtered_finder(real_site: Path, model, url: str) -> None:
    queries = finder_queries(real_site, url)
    assert queries, f"{url} has no link into the finder with a filter"
    allowed = allowed_values(model)
    for query in queries:
        for name, values in query.items():
            assert name in allowed, f"{url}: unknown finder filter {name}"
            assert set(values) <= allowed[name], f"{url}: {name}={values}"
        # The area filter is a single choice in the finder: one area per link.
        assert len(query.get("omrade", [])) <= 1, f"{url}: several areas in one link {query}"
    # A filter that matches no programme must still exist in the finder's form, so that the
    # finder applies it and says that nothing matches, instead of showing every programme.
    offered = {
        (i["name"], i["value"]) for i in soup(real_site, FINDER).select(".tcv-filters input")
    }
    for query in queries:
        if not matching(model, query):
            missing = {(n, v) for n, values in query.items() for v in values} - offered
            assert not missing, f"{url}: the finder does not offer {missing}"


def test_the_interest_guide_script_is_only_on_its_page(real_site: Path) -> None:
    def scripts(url: str) -> list[str]:
        return [s["src"] for s in soup(real_site, url).select("script[src]")]

    assert any(src.endswith("assets/tcv/guide.js") for src in scripts("vad-passar-mig/"))
    assert soup(real_site, "vad-passar-mig/").select_one("#tcv-guide") is not None
    assert (real_site / "assets/tcv/guide.js").is_file()
    for url in content_urls():
        if url != "vad-passar-mig/":
            assert not any(src.endswith("guide.js") for src in scripts(url)), url


# Pages generated per record exist only when the data has that record; hand-written pages must
# build from any data folder (tests/fixtures, synthetic data), so their Markdown links to listings
# only. Links to single records come from data, through snippets (<!-- tcv:occupations -->).
RECORD_FOLDERS = (*(k.url for k in KINDS.values() if k.url), urls.OCCUPATIONS_EN)
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")


def test_hand_written_pages_link_to_no_single_record() -> None:
    found = []
    for path in sorted(CONTENT.rglob("*.md")):
        for target in MARKDOWN_LINK.findall(path.read_text(encoding="utf-8")):
            plain = target.split("?")[0].split("#")[0]
            inside = posixpath.normpath(
                posixpath.join(posixpath.dirname(path.relative_to(CONTENT).as_posix()), plain)
            )
            if inside.startswith(RECORD_FOLDERS) and not inside.endswith("index.md"):
                found.append((path.relative_to(CONTENT).as_posix(), target))
    assert not found
