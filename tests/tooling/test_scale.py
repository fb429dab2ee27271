"""The site at a scale the real data does not reach yet, built from synthetic data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tcv.finder import MAX_CARDS_PER_PAGE
from tcv.site import load_site
from tcv.tooling.builtsite import broken_links, soup
from tcv.tooling.synthetic import counts_from_programmes, generate, write

from conftest import build_site


def test_a_finder_too_big_for_one_page_is_split_per_municipality(tmp_path: Path) -> None:
    data = tmp_path / "data"
    counts = counts_from_programmes(MAX_CARDS_PER_PAGE + 20)
    write(generate(counts, seed=3, today=date(2026, 7, 1), expired=0), data, "# Testdata.\n")
    site = build_site(data, tmp_path / "site", today="2026-07-01")
    model, _ = load_site(data, date(2026, 7, 1))
    first = soup(site, "utbildningar/")
    assert first.select(".tcv-card") == []  # no cards on the first page: it leads on
    links = [a["href"] for a in first.select("[data-tcv-carry-query] a")]
    with_programmes = [m for m in model.municipalities.values() if model.programmes_in(m)]
    assert links == [f"kommun/{m.id}/" for m in with_programmes]
    seen = []
    for municipality in with_programmes:
        page = soup(site, f"utbildningar/kommun/{municipality.id}/")
        cards = [a["href"] for a in page.select(".tcv-card .tcv-card__title a")]
        assert cards == [f"../../{p.id}/" for p in model.programmes_in(municipality)]
        assert "Kommun" not in [legend.get_text() for legend in page.select("legend")]
        seen += cards
    assert len(seen) == len(model.programmes) == MAX_CARDS_PER_PAGE + 20
    assert list(broken_links(site)) == []
