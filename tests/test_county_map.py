"""The county map on /kommuner/, /framsteg/ and the finder: drawn at build time from
data/geo/, each municipality a link with its name and state, a legend, the source named, and
light enough; a data folder whose municipalities and map do not match stops with a clear error."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from tcv import countymap, finder, labels, urls
from tcv.site import Site, load_site
from tcv.tooling.builtsite import soup

from conftest import ROOT, BuildFailed, build_site, validate

DATA = ROOT / "data"
MAP_PAGES = (urls.MUNICIPALITIES, urls.PROGRESS, urls.FINDER)
SVG_BUDGET = 20_000  # bytes of SVG markup per page (issue #13)


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(DATA)[0]


def the_map(site_dir: Path, url: str) -> Tag:
    found = soup(site_dir, url).select("figure.tcv-map")
    assert len(found) == 1, f"{url}: {len(found)} maps"
    return found[0]


def svg_markup(site_dir: Path, url: str) -> str:
    html = (site_dir / url / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<svg class="tcv-map__svg".*?</svg>', html, re.DOTALL)
    assert match, f"{url}: no map SVG"
    return match[0]


def resolve(page_url: str, href: str) -> str:
    """A relative link on `page_url` as a site-relative URL."""
    path, _, rest = href.partition("?")
    parts = page_url.split("/")[:-1]
    for piece in path.split("/"):
        if piece == "..":
            parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts) + "/" + (f"?{rest}" if rest else "")


@pytest.mark.parametrize("url", [urls.MUNICIPALITIES, urls.PROGRESS])
def test_every_municipality_is_a_link_to_its_page_named_with_its_state(
    real_site: Path, site: Site, url: str
) -> None:
    links = the_map(real_site, url).select("svg.tcv-map__svg a")
    assert len(links) == 15
    found = {resolve(url, a["href"]): a.title.get_text() for a in links}
    expected = {
        urls.record("municipality", m.id): f"{m.name}: {labels.MEMBERSHIP[m.membership].lower()}"
        for m in site.municipalities.values()
    }
    assert found == expected
    assert found[urls.record("municipality", "umea")] == "Umeå: har skrivit avsiktsförklaring"
    for a in links:
        assert a.contents[0].name == "title", "the accessible name must be the link's first child"
        assert a.select_one("path")["d"].startswith("M")


def test_the_legend_names_each_state_in_words_with_its_count(real_site: Path, site: Site) -> None:
    legend = the_map(real_site, urls.MUNICIPALITIES).select_one("ul.tcv-map__legend")
    items = [" ".join(li.get_text().split()) for li in legend.select("li")]
    counts = {state: 0 for state in labels.MEMBERSHIP}
    for m in site.municipalities.values():
        counts[m.membership] += 1
    assert items == [f"{label} ({counts[state]})" for state, label in labels.MEMBERSHIP.items()]
    assert "Har skrivit avsiktsförklaring (3)" in items


@pytest.mark.parametrize("url", MAP_PAGES)
def test_the_caption_names_the_source_of_the_boundaries(real_site: Path, url: str) -> None:
    caption = the_map(real_site, url).select_one("figcaption")
    text = " ".join(caption.get_text().split())
    assert "okfse/sweden-geojson" in text
    assert "Valmyndigheten" in text
    assert caption.select_one("a")["href"] == "https://github.com/okfse/sweden-geojson"


@pytest.mark.parametrize("url", MAP_PAGES)
def test_the_map_stays_under_its_budget_and_loads_nothing(real_site: Path, url: str) -> None:
    svg = svg_markup(real_site, url)
    size = len(svg.encode("utf-8"))
    assert 3_000 < size < SVG_BUDGET, f"{url}: {size} bytes of SVG"
    assert "http" not in svg  # no tiles, images or fonts from anywhere
    assert "<script" not in svg and "style=" not in svg


def test_the_tables_stay_beside_the_map(real_site: Path, site: Site) -> None:
    page = soup(real_site, urls.MUNICIPALITIES)
    assert len(page.select("table tbody tr")) == len(site.municipalities) == 15
    figure = page.select_one("figure.tcv-map")
    assert figure.find_next_sibling("table") is not None
    assert soup(real_site, urls.PROGRESS).select_one("figure.tcv-map + table") is not None


def test_on_the_finder_only_municipalities_in_its_filter_are_links_that_filter_it(
    real_site: Path, site: Site
) -> None:
    page = soup(real_site, urls.FINDER)
    svg = the_map(real_site, urls.FINDER).select_one("svg")
    linked = {a.title.get_text(): resolve(urls.FINDER, a["href"]) for a in svg.select("a")}
    unlinked = [g.title.get_text() for g in svg.select("g.tcv-map__area")]
    in_filter = {i["value"] for i in page.select("input[name=kommun]")}
    assert in_filter, "the finder has no Kommun filter"
    expected_links = {}
    expected_plain = []
    for m in site.municipalities.values():
        count = len(page.select(f'.tcv-card[data-kommun~="{m.id}"]'))
        assert (m.id in in_filter) == bool(count)
        if count:
            word = "utbildning" if count == 1 else "utbildningar"
            target = finder.url_for_municipality(site, m.id)
            expected_links[f"{m.name}: visa {count} {word}"] = f"{target}#resultat"
        else:
            expected_plain.append(f"{m.name}: inga utbildningar i listan")
    assert linked == expected_links
    assert unlinked == expected_plain
    assert len(linked) + len(unlinked) == 15
    assert "utbildningar/?kommun=umea#resultat" in linked.values()


def test_every_label_lies_inside_its_own_municipality(real_site: Path) -> None:
    svg = BeautifulSoup(svg_markup(real_site, urls.MUNICIPALITIES), "lxml")
    labelled = 0
    for area in svg.select("a"):
        text = area.select_one("text")
        if text is None:
            continue
        labelled += 1
        ring = [
            (float(x), float(y))
            for x, y in re.findall(r"(-?\d+) (-?\d+)", area.select_one("path")["d"])
        ]
        x, y = float(text["x"]), float(text["y"])
        half = countymap.text_width(text.get_text()) / 2
        for px in (x - half, x, x + half):
            assert inside(ring, px, y), f"{text.get_text()} sticks out of its area at x={px}"
    assert labelled >= 10, "most names should fit on the map"


def inside(ring: list[tuple[float, float]], x: float, y: float) -> bool:
    result = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            result = not result
    return result


def test_a_data_folder_without_a_map_builds_pages_without_one(fixture_site: Path) -> None:
    assert soup(fixture_site, urls.MUNICIPALITIES).select("figure.tcv-map") == []
    assert soup(fixture_site, urls.MUNICIPALITIES).select("table")


def with_map(data: Path) -> Path:
    shutil.copytree(DATA / "geo", data / "geo")
    return data


def test_a_municipality_without_a_boundary_stops_validation_in_swedish(data_copy: Path) -> None:
    result = validate(with_map(data_copy))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    alfa = next(line for line in lines if "9901" in line)
    assert re.match(
        r".*municipalities\.yml:5: municipalities\.0\.code: kommunkoden '9901' \(Alfa\) "
        r"finns inte i kartan .*vasterbotten-kommuner\.geojson — ange",
        alfa,
    )
    assert "ange SCB:s fyrsiffriga kommunkod" in alfa
    # and the other way round: a boundary that no municipality claims
    assert any(
        "vasterbotten-kommuner.geojson:1: (filen): kartan har kommunen 2480 (Umeå)" in line
        for line in lines
    )


def test_a_municipality_without_a_boundary_stops_the_build(data_copy: Path, tmp_path: Path) -> None:
    with pytest.raises(BuildFailed) as failure:
        build_site(with_map(data_copy), tmp_path / "site", today="2026-07-01")
    assert "kommunkoden '9902' (Beta) finns inte i kartan" in failure.value.output


def test_the_map_fits_its_view_box_and_follows_an_edited_file(tmp_path: Path, site: Site) -> None:
    data = tmp_path / "data"
    (data / "geo").mkdir(parents=True)
    target = data / countymap.GEO_FILE
    shutil.copy(DATA / countymap.GEO_FILE, target)
    first = countymap.county_map(data, site.municipalities.values())
    assert first is not None
    assert [a.id for a in first.areas] == list(site.municipalities)
    assert first.width == countymap.WIDTH and 400 < first.height < 800
    for area in first.areas:
        numbers = [int(n) for n in re.findall(r"-?\d+", area.d)]
        assert min(numbers) >= 0 and max(numbers[::2]) <= first.width
        assert max(numbers[1::2]) <= first.height
    assert countymap.county_map(data, site.municipalities.values()) == first  # from the cache

    collection = json.loads(target.read_text(encoding="utf-8"))
    umea = next(f for f in collection["features"] if f["properties"]["id"] == "2480")
    umea["geometry"]["coordinates"][0].reverse()
    target.write_text(json.dumps(collection), encoding="utf-8")
    os.utime(target, ns=(target.stat().st_atime_ns, target.stat().st_mtime_ns + 10**9))
    second = countymap.county_map(data, site.municipalities.values())
    assert second is not None
    changed = [a.id for a, b in zip(first.areas, second.areas, strict=True) if a.d != b.d]
    assert changed == ["umea"]


def test_a_broken_map_file_is_reported_not_drawn(data_copy: Path) -> None:
    (data_copy / "geo").mkdir()
    (data_copy / countymap.GEO_FILE).write_text('{"type": "Feature"}', encoding="utf-8")
    result = validate(data_copy)
    assert result.returncode == 1
    assert "(filen): filen är inte en GeoJSON FeatureCollection" in result.stdout
