"""Events: /aktuellt/ and its archive, events on the record pages, the iCalendar and Atom feeds
parsed back, schema.org Event, and what validation says about a bad event. The events in
tests/fixtures/calendar are made up; the real data has none."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from tcv import events, urls
from tcv.models import TIME_ZONE
from tcv.pages import PageRenderer, site_pages
from tcv.site import load_site
from tcv.tooling.builtsite import broken_links, soup

from conftest import ROOT, build_site, calendar_data, validate

BUILD_DAY = "2026-12-03"
SITE_URL = "https://tcv.example.se/"
ATOM = "{http://www.w3.org/2005/Atom}"
COMING = ["oppet-hus-alfaskolan", "prova-pa-alfa", "digital-tjejdag"]  # nearest first
PAST = "studiebesok-betavux"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built the way the deploy builds, with the site's address known."""
    data = calendar_data(tmp_path_factory.mktemp("events") / "data")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("TCV_SITE_URL", SITE_URL)
        return build_site(data, tmp_path_factory.mktemp("events-site") / "site", today=BUILD_DAY)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return calendar_data(tmp_path / "data")


def titles(site: Path, url: str) -> list[str]:
    return [a.get_text() for a in soup(site, url).select(".tcv-events .tcv-card__title a")]


def title_of(event_id: str) -> str:
    return {
        "oppet-hus-alfaskolan": "Öppet hus på Alfaskolans teknikprogram",
        "prova-pa-alfa": "Prova på industriteknik",
        "digital-tjejdag": "Digital tjejdag om automation",
        "studiebesok-betavux": "Studiebesök på Betavux automationsutbildning",
    }[event_id]


def feed(site: Path, path: str) -> Calendar:
    return Calendar.from_ical((site / path).read_bytes())


# --- Pages ----------------------------------------------------------------------------------------


def test_aktuellt_lists_the_coming_events_nearest_first(built: Path) -> None:
    assert titles(built, urls.EVENTS) == [title_of(e) for e in COMING]
    first = soup(built, urls.EVENTS).select_one(".tcv-events .tcv-card__meta")
    assert " ".join(first.get_text(" ", strip=True).split()) == (
        "20 januari 2027 kl. 18.00–20.00 · Alfaskolan, Exempelvägen 1, Alfa"
    )
    assert first.time["datetime"] == "2027-01-20T18:00:00+01:00"


def test_a_past_event_is_on_the_archive_page_and_not_on_aktuellt(built: Path) -> None:
    assert title_of(PAST) not in titles(built, urls.EVENTS)
    assert titles(built, urls.EVENTS_ARCHIVE) == [title_of(PAST)]
    page = soup(built, urls.record("event", PAST))
    assert page.select_one(".admonition-title").get_text() == "Evenemanget har redan ägt rum"


def test_the_nightly_build_moves_an_event_to_the_archive_the_day_after_it_ends(
    data: Path,
) -> None:
    """The event ends 2027-01-20 at 20:00; the deploy rebuilds every night (publish.yml)."""
    on_the_day, _ = load_site(data, date(2027, 1, 20))
    next_day, _ = load_site(data, date(2027, 1, 21))
    assert on_the_day.coming_events()[0].id == "oppet-hus-alfaskolan"
    assert "oppet-hus-alfaskolan" not in [e.id for e in next_day.coming_events()]
    assert [e.id for e in next_day.past_events()] == ["oppet-hus-alfaskolan", PAST]
    schedule = (ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8")
    assert re.search(r'^\s+- cron: "\d+ \d+ \* \* \*"', schedule, re.M)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("kommuner/alfa/", ["oppet-hus-alfaskolan", "prova-pa-alfa"]),
        ("anordnare/alfaskolan/", ["oppet-hus-alfaskolan", "prova-pa-alfa"]),
        ("utbildningar/alfa-teknik/", ["oppet-hus-alfaskolan"]),
        ("utbildningar/alfa-industri/", ["prova-pa-alfa"]),
        ("kommuner/beta/", []),  # its only event has passed
        ("anordnare/betavux/", []),
    ],
)
def test_municipality_school_and_programme_pages_show_their_coming_events(
    built: Path, url: str, expected: list[str]
) -> None:
    assert titles(built, url) == [title_of(e) for e in expected]
    assert (soup(built, url).find("h2", id="evenemang") is not None) == bool(expected)


def test_an_event_page_says_when_where_and_who_with_its_source(built: Path) -> None:
    page = soup(built, urls.record("event", "oppet-hus-alfaskolan"))
    facts = {
        dt.get_text(): " ".join(dt.find_next("dd").get_text(" ", strip=True).split())
        for dt in page.select(".tcv-facts dt")
    }
    assert facts == {
        "När": "20 januari 2027 kl. 18.00–20.00",
        "Var": "Alfaskolan, Exempelvägen 1, Alfa",
        "Arrangör": "Alfaskolan",
        "För": "Elever, Föräldrar",
        "Skola": "Alfaskolan",
        "Utbildningar": "Teknikprogrammet , Alfaskolan",
    }
    description = page.find("strong", string="teknikprogrammet").parent
    assert description.a["href"] == "https://alfaskolan.example.se/oppet-hus"
    assert (
        page.select_one(".tcv-sources li")
        .get_text(" ", strip=True)
        .startswith("Alfaskolan: Påhittad inbjudan till öppet hus (publicerad november 2026")
    )


def test_every_link_on_the_event_pages_and_to_the_feeds_resolves(built: Path) -> None:
    assert [b for b in broken_links(built) if b.page.startswith(urls.EVENTS)] == []


def test_without_events_aktuellt_says_so_and_tells_organisers_how_to_add_theirs() -> None:
    site, _ = load_site(ROOT / "data", date(2026, 12, 3))
    assert site.events == {}, "the real data has no event with a source"
    page = next(p for p in site_pages(site) if p.url == urls.EVENTS)
    html = PageRenderer(ROOT / "theme_overrides", site).render(page)
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "Just nu finns inga kommande evenemang i kalendern." in text
    assert "Hur det går till står på sidan För redaktörer ." in text
    assert 'href="../redaktorer/"' in html


# --- schema.org -----------------------------------------------------------------------------------


def jsonld(site: Path, url: str) -> dict:
    script = soup(site, url).find("script", type="application/ld+json")
    return json.loads(script.string)


def test_an_event_page_carries_a_schema_org_event(built: Path) -> None:
    data = jsonld(built, urls.record("event", "oppet-hus-alfaskolan"))
    assert data == {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "Öppet hus på Alfaskolans teknikprogram",
        "startDate": "2027-01-20T18:00:00+01:00",
        "endDate": "2027-01-20T20:00:00+01:00",
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": "Alfaskolan, Exempelvägen 1",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": "Alfa",
                "addressRegion": "Västerbottens län",
                "addressCountry": "SE",
                "streetAddress": "Alfaskolan, Exempelvägen 1",
            },
        },
        "organizer": {"@type": "Organization", "name": "Alfaskolan"},
        "inLanguage": "sv",
        "url": f"{SITE_URL}aktuellt/oppet-hus-alfaskolan/",
    }


def test_a_digital_event_is_online(built: Path) -> None:
    data = jsonld(built, urls.record("event", "digital-tjejdag"))
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation"}
    assert data["startDate"] == "2027-03-08T13:00:00+01:00"  # summer time starts 28 March


def test_a_time_in_summer_carries_the_summer_offset(built: Path) -> None:
    data = jsonld(built, urls.record("event", PAST))
    assert (data["startDate"], data["endDate"]) == (
        "2026-10-14T09:00:00+02:00",
        "2026-10-15T15:00:00+02:00",
    )


# --- iCalendar ------------------------------------------------------------------------------------


def test_the_calendar_of_all_events_parses_back_with_every_event_and_a_stable_uid(
    built: Path, data: Path
) -> None:
    calendar = feed(built, urls.EVENTS_CALENDAR)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == events.PRODUCT_ID
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    site, _ = load_site(data, date.fromisoformat(BUILD_DAY))
    found = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert sorted(found) == sorted(f"{id_}@tcv.example.se" for id_ in site.events)
    for event in site.events.values():
        item = found[f"{event.id}@tcv.example.se"]
        assert str(item["SUMMARY"]) == event.title
        assert item.decoded("DTSTART") == event.start
        assert item.decoded("DTEND") == event.end
        assert item["DTSTART"].params["TZID"] == "Europe/Stockholm"
        assert str(item["URL"]) == f"{SITE_URL}aktuellt/{event.id}/"


def test_the_calendar_says_where_what_and_how_to_register(built: Path) -> None:
    calendar = feed(built, urls.EVENTS_CALENDAR)
    item = next(e for e in calendar.walk("VEVENT") if "oppet-hus" in str(e["UID"]))
    assert str(item["LOCATION"]) == "Alfaskolan, Exempelvägen 1, Alfa"
    assert item["CATEGORIES"].cats == ["Öppet hus"]
    assert str(item["DESCRIPTION"]) == (
        "Träffa lärare och elever på teknikprogrammet. Läs mer på skolans sida "
        "(https://alfaskolan.example.se/oppet-hus).\n\nArrangör: Alfaskolan\n\n"
        "Anmälan: https://alfaskolan.example.se/oppet-hus"
    )
    digital = next(e for e in calendar.walk("VEVENT") if "tjejdag" in str(e["UID"]))
    assert str(digital["LOCATION"]) == "Digitalt"


@pytest.mark.parametrize(
    ("municipality", "expected"),
    [
        ("alfa", ["oppet-hus-alfaskolan", "prova-pa-alfa"]),
        ("beta", [PAST]),
        ("gamma", []),  # no events: still a valid calendar, with its time zone
    ],
)
def test_each_municipality_has_a_calendar_of_its_own_events(
    built: Path, municipality: str, expected: list[str]
) -> None:
    calendar = feed(built, urls.events_calendar_in(municipality))
    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == [
        f"{id_}@tcv.example.se" for id_ in expected
    ]
    assert len(calendar.walk("VTIMEZONE")) == 1
    assert str(calendar["X-WR-CALNAME"]).endswith(f"i {municipality.capitalize()}")


def test_a_uid_depends_only_on_the_file_name_and_the_sites_address(data: Path) -> None:
    site, _ = load_site(data, date.fromisoformat(BUILD_DAY))
    event = site.events["oppet-hus-alfaskolan"]
    moved = event.model_copy(update={"title": "Nytt namn", "start": event.start.replace(hour=17)})
    assert events.uid(moved, SITE_URL) == events.uid(event, SITE_URL)
    assert events.uid(event, SITE_URL) == "oppet-hus-alfaskolan@tcv.example.se"


# --- Atom -----------------------------------------------------------------------------------------


def test_the_atom_feed_parses_and_has_an_entry_per_coming_event(built: Path) -> None:
    root = ET.parse(built / urls.EVENTS_ATOM).getroot()
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}id") == "tag:tcv.example.se,2026:aktuellt"
    assert root.findtext(f"{ATOM}updated") == "2026-11-20T00:00:00+00:00"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == f"{SITE_URL}aktuellt/atom.xml"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in entries] == [
        f"tag:tcv.example.se,2026:aktuellt/{id_}" for id_ in COMING
    ]
    assert [e.findtext(f"{ATOM}title") for e in entries] == [title_of(e) for e in COMING]
    for entry, id_ in zip(entries, COMING, strict=True):
        link = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert link == f"{SITE_URL}aktuellt/{id_}/"
        assert (built / "aktuellt" / id_ / "index.html").is_file()
        assert entry.findtext(f"{ATOM}updated")
    assert entries[0].findtext(f"{ATOM}summary") == (
        "20 januari 2027 kl. 18.00–20.00. Alfaskolan, Exempelvägen 1, Alfa. Öppet hus. "
        "Arrangör: Alfaskolan."
    )


# --- Validation -----------------------------------------------------------------------------------


def line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def problems(data: Path) -> list[str]:
    result = validate(data, today=BUILD_DAY)
    return result.stdout.splitlines()


def test_an_event_that_ends_before_it_starts_is_refused(data: Path) -> None:
    path = data / "events/oppet-hus-alfaskolan.yml"
    edit(path, "end: 2027-01-20 20:00", "end: 2027-01-20 17:00")
    assert (
        f"{path}:{line_of(path, 'end: 2027-01-20 17:00')}: end: evenemanget slutar "
        "(2027-01-20 17:00) innan det börjar (2027-01-20 18:00) — end ska vara efter start"
    ) in problems(data)


def test_an_http_registration_link_is_refused(data: Path) -> None:
    path = data / "events/oppet-hus-alfaskolan.yml"
    edit(path, "registration: https://", "registration: http://")
    assert (
        f"{path}:{line_of(path, 'registration: http://alfaskolan.example.se/oppet-hus')}: "
        "registration: 'http://alfaskolan.example.se/oppet-hus' har fel form — skriv en "
        "fullständig adress som börjar med https://"
    ) in problems(data)


def test_an_unknown_municipality_gets_a_did_you_mean(data: Path) -> None:
    path = data / "events/prova-pa-alfa.yml"
    edit(path, "municipality: alfa", "municipality: alfaa")
    result = validate(data, today=BUILD_DAY)
    assert result.returncode == 1
    assert (
        f"{path}:{line_of(path, 'municipality: alfaa')}: municipality: kommunen 'alfaa' finns "
        "inte — menade du 'alfa'? (id:n finns i municipalities.yml)"
    ) in result.stdout.splitlines()


def test_an_unknown_programme_is_named_on_its_line(data: Path) -> None:
    path = data / "events/prova-pa-alfa.yml"
    edit(path, "programmes: [alfa-industri]", "programmes: [alfa-industrin]")
    assert (
        f"{path}:{line_of(path, 'programmes: [alfa-industrin]')}: programmes.0: utbildningen "
        "'alfa-industrin' finns inte — menade du 'alfa-industri'? (id:n finns i data/programmes/)"
    ) in problems(data)


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        (
            "2027-01-20",
            "klockslaget saknas — skriv datum och klockslag i svensk tid, t.ex. 2027-01-20 18:00",
        ),
        (
            "2027-01-20 18:00:00",
            "'2027-01-20 18:00:00' har fel form — skriv datum och klockslag i svensk tid, t.ex. "
            "2027-01-20 18:00",
        ),
        (
            "2027-01-20 18.00",
            "'2027-01-20 18.00' har fel form — skriv datum och klockslag i svensk tid, t.ex. "
            "2027-01-20 18:00",
        ),
        (
            "2027-02-30 18:00",
            "2027-02-30 18:00 är ingen riktig tidpunkt — kontrollera månaden (01–12), dagen och "
            "klockslaget (00:00–23:59)",
        ),
        (
            "2027-01-20T18:00:00+01:00",
            "tiden har en tidszon — skriv datum och klockslag i svensk tid, t.ex. 2027-01-20 "
            "18:00, utan tidszon",
        ),
    ],
)
def test_a_time_is_written_as_swedish_local_time(data: Path, written: str, problem: str) -> None:
    path = data / "events/oppet-hus-alfaskolan.yml"
    edit(path, "start: 2027-01-20 18:00", f"start: {written}")
    assert f"{path}:{line_of(path, f'start: {written}')}: start: {problem}" in problems(data)


def test_an_event_without_a_place_is_refused(data: Path) -> None:
    path = data / "events/digital-tjejdag.yml"
    edit(path, "digital: true\n", "")
    assert (
        f"{path}:2: (filen): evenemanget saknar plats — ange municipality (och gärna address), "
        "eller digital: true"
    ) in problems(data)


def test_an_event_without_a_source_is_refused(data: Path) -> None:
    path = data / "events/digital-tjejdag.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("sources:")] + "sources: []\n", encoding="utf-8")
    assert (
        f"{path}:{line_of(path, 'sources: []')}: sources: listan är tom — ange minst 1 värde"
    ) in problems(data)


def test_an_event_cannot_take_the_archive_pages_address(data: Path) -> None:
    path = data / "events/arkiv.yml"
    (data / "events/digital-tjejdag.yml").rename(path)
    assert (
        f"{path}:2: id: 'arkiv' används redan av en sida under /aktuellt/ — döp om filen, t.ex. "
        "till oppet-hus-arkiv.yml"
    ) in problems(data)


def test_html_in_the_description_is_refused(data: Path) -> None:
    path = data / "events/oppet-hus-alfaskolan.yml"
    edit(path, "Träffa lärare", "<script>alert(1)</script> Träffa lärare")
    assert any(
        line.startswith(f"{path}:") and "description: innehåller HTML" in line
        for line in problems(data)
    )


# --- scripts/new ----------------------------------------------------------------------------------


def test_scripts_new_makes_an_event_that_validates_once_filled_in(data: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tcv", "new", "evenemang", "studiebesok-gamma", "--data", str(data)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == (
        "Fyll i de obligatoriska fälten: title, kind, start, end, audiences, organiser, "
        "sources[].publisher, sources[].title, sources[].published, sources[].read_on."
    )
    path = data / "events/studiebesok-gamma.yml"
    text = path.read_text(encoding="utf-8")
    for empty, filled in {
        "title:": "title: Studiebesök i Gamma",
        "kind:": "kind: studiebesok",
        "start:": "start: 2027-04-01 09:00",
        "end:": "end: 2027-04-01 12:00",
        "# municipality: exempel-id": "municipality: gamma",
        "audiences:": "audiences: [elever]",
        "organiser:": "organiser: Gammaskolan",
        "  - publisher:": "  - publisher: Gammaskolan",
        "    title:": "    title: Påhittad inbjudan",
        "    published:": "    published: 2026-11",
        "    read_on:": "    read_on: 2026-11-20",
    }.items():
        text, count = re.subn(rf"^{re.escape(empty)}$", filled, text, flags=re.M)
        assert count == 1, empty
    path.write_text(text, encoding="utf-8")
    result = validate(data, today=BUILD_DAY)
    assert result.returncode == 0, result.stdout
    site, _ = load_site(data, date.fromisoformat(BUILD_DAY))
    assert site.events["studiebesok-gamma"].start == datetime(2027, 4, 1, 9, tzinfo=TIME_ZONE)
