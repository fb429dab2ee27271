"""The programme finder's filters: which facets exist, each card's values, and the CSS that
filters without JavaScript (the script in assets/tcv/finder.js applies the same rules)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from . import labels, urls
from .models import Programme
from .offerings import AdultOffer, Listing
from .site import Site

# Above this many programmes the finder is split into one page per municipality, so that no page
# carries thousands of cards (budget: 300 KB of HTML for /utbildningar/ at national scale).
MAX_CARDS_PER_PAGE = 300

# URL values for certification states, e.g. /utbildningar/?certifiering=inte-certifierad
CERTIFICATION_SLUGS = {
    "certified": "certifierad",
    "in_review": "granskas",
    "expired": "utgangen",
    "decertified": "avcertifierad",
    "none": "inte-certifierad",
}


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int

    def input_id(self, facet: str) -> str:
        return f"f-{facet}-{self.value}"


@dataclass(frozen=True)
class Facet:
    name: str  # the URL query parameter
    legend: str
    values: tuple[FacetValue, ...]
    multiple: bool = True  # checkboxes (any of) or radio buttons (one)

    def __bool__(self) -> bool:
        return bool(self.values)


def card_values(site: Site, programme: Listing) -> dict[str, str]:
    """The values a card carries for each facet, as data-* attributes (space-separated)."""
    if not isinstance(programme, Programme):
        return _official_card_values(programme)
    study = programme.study
    return {
        "kommun": site.municipality_of(programme).id,
        "niva": programme.level,
        "omrade": " ".join(programme.areas),
        "certifiering": CERTIFICATION_SLUGS[site.certification_state(programme)],
        "takt": study.pace if study and study.pace else "",
        "distans": "ja" if study and study.distance else "nej",
    }


def _official_card_values(listing: Listing) -> dict[str, str]:
    """A programme only Skolverket lists has no Teknikcollege decision: not certified."""
    adult = listing if isinstance(listing, AdultOffer) else None
    return {
        "kommun": listing.municipality.id,
        "niva": listing.level,
        "omrade": " ".join(getattr(listing, "areas", ())),
        "certifiering": CERTIFICATION_SLUGS["none"],
        "takt": (adult.pace or "") if adult else "",
        "distans": "ja" if adult and adult.event.distance else "nej",
    }


def facets(site: Site, programmes: Iterable[Listing]) -> list[Facet]:
    """Facets with the values present among `programmes`, in a sensible order; empty ones drop."""
    programmes = list(programmes)
    cards = [card_values(site, p) for p in programmes]

    def count(name: str) -> Counter[str]:
        return Counter(v for card in cards for v in card[name].split())

    municipalities = count("kommun")
    levels, areas, states, paces = (
        count("niva"),
        count("omrade"),
        count("certifiering"),
        count("takt"),
    )
    slug_labels = {slug: labels.CERTIFICATION[state] for state, slug in CERTIFICATION_SLUGS.items()}
    return [
        facet
        for facet in (
            Facet(
                "kommun",
                "Kommun",
                tuple(
                    FacetValue(m.id, m.name, municipalities[m.id])
                    for m in site.municipalities.values()
                    if municipalities[m.id]
                ),
            ),
            # Every form and every certification state, also with no programme: a link to
            # "vuxenutbildning" then shows honestly that none is listed, instead of all of them.
            Facet("niva", "Form", _every(labels.LEVELS, levels)),
            Facet("omrade", "Område", _present(labels.AREAS, areas), multiple=False),
            Facet("certifiering", "Certifiering", _every(slug_labels, states)),
            Facet("takt", "Studietakt", _present(labels.PACE, paces)),
            Facet(
                "distans",
                "Distans",
                (FacetValue("ja", "Kan läsas på distans", count("distans")["ja"]),)
                if count("distans")["ja"]
                else (),
            ),
        )
        if facet
    ]


def _present(known: dict[str, str], counts: Counter[str]) -> tuple[FacetValue, ...]:
    return tuple(FacetValue(v, label, counts[v]) for v, label in known.items() if counts[v])


def _every(known: dict[str, str], counts: Counter[str]) -> tuple[FacetValue, ...]:
    return tuple(FacetValue(v, label, counts[v]) for v, label in known.items())


def filter_css(facets: Iterable[Facet]) -> str:
    """Rules that hide non-matching cards while the form is used without JavaScript.

    A card matches a facet when nothing in it is chosen or one of the card's values is. In the
    checkbox facets a card has a single value; in the single-choice area facet it may have several.
    """
    root = ".tcv-finder:not(.is-js)"
    rules = []
    for facet in facets:
        attr = f"data-{facet.name}"
        if facet.multiple:
            active = f'{root}:has([name="{facet.name}"]:checked)'
            for value in facet.values:
                checked = f"#{value.input_id(facet.name)}:checked"
                rules.append(f'{active}:not(:has({checked})) .tcv-card[{attr}~="{value.value}"]')
            known = "".join(f':not([{attr}~="{v.value}"])' for v in facet.values)
            rules.append(f"{active} .tcv-card{known}")
        else:
            for value in facet.values:
                checked = f"#{value.input_id(facet.name)}:checked"
                rules.append(f'{root}:has({checked}) .tcv-card:not([{attr}~="{value.value}"])')
    return ",\n".join(rules) + " { display: none; }\n" if rules else ""


def is_split(site: Site) -> bool:
    return site.listed_count() > MAX_CARDS_PER_PAGE


def url_for_municipality(site: Site, municipality_id: str) -> str:
    """Where the finder shows one municipality's programmes (site-relative, may have a query)."""
    if is_split(site):
        return urls.finder_in(municipality_id)
    return f"{urls.FINDER}?kommun={municipality_id}"
