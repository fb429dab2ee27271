"""Events as text and as feeds: one iCalendar feed (RFC 5545) of every event, one per
municipality, and an Atom feed (RFC 4287) of the coming events. Feeds are rebuilt with the site,
so the nightly build moves passed events out of the Atom feed and into the archive page."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from urllib.parse import urlsplit

import nh3
from icalendar import Calendar, Timezone
from icalendar import Event as CalendarEvent

from . import labels, urls
from .dates import swedish_date
from .markdown_text import to_html
from .models import TIME_ZONE, Event
from .site import Site

PRODUCT_ID = "-//Teknikcollege Västerbotten//Aktuellt//SV"
ATOM = "http://www.w3.org/2005/Atom"
# Without a site URL (local builds) the UIDs still need a host of their own.
FALLBACK_HOST = "teknikcollege-vasterbotten.invalid"


# --- As people read them ------------------------------------------------------------------------


def when(event: Event) -> str:
    """'20 januari 2027 kl. 18.00–20.00', or both days when it ends on another day."""
    start, end = event.start, event.end
    if start.date() == end.date():
        return f"{swedish_date(start.date())} kl. {_clock(start)}–{_clock(end)}"
    return (
        f"{swedish_date(start.date())} kl. {_clock(start)} – "
        f"{swedish_date(end.date())} kl. {_clock(end)}"
    )


def _clock(moment: datetime) -> str:
    return f"{moment:%H.%M}"


def place(site: Site, event: Event) -> str:
    """'Campus Skellefteå, Skeppargatan 1, Skellefteå', 'Umeå och digitalt' or 'Digitalt'."""
    parts = []
    if event.address:
        parts.append(event.address)
    if event.municipality:
        parts.append(site.municipalities[event.municipality].name)
    text = ", ".join(parts)
    if event.digital:
        return f"{text} och digitalt" if text else "Digitalt"
    return text


_LINK = re.compile(r'<a href="([^"]+)"[^>]*>(.*?)</a>', re.S)


def plain_text(markdown: str) -> str:
    """Data Markdown as plain text, for calendar programs: tags dropped, each link's address
    written after its text."""
    with_links = _LINK.sub(r"\2 (\1)", str(to_html(markdown)))
    return html.unescape(nh3.clean(with_links, tags=set())).strip()


# --- iCalendar ----------------------------------------------------------------------------------


def host(site_url: str) -> str:
    return urlsplit(site_url).hostname or FALLBACK_HOST


def uid(event: Event, site_url: str) -> str:
    """Stable for as long as the event's file keeps its name and the site its address."""
    return f"{event.id}@{host(site_url)}"


def calendar(site: Site, events: Iterable[Event], name: str, site_url: str) -> bytes:
    """A VCALENDAR with the Swedish time zone and one VEVENT per event."""
    events = list(events)
    cal = Calendar()
    cal.add("prodid", PRODUCT_ID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TIME_ZONE.key)
    # The zone is written out (RFC 5545 §3.2.19) for the years the events span; it is also the
    # calendar's one component when there are no events yet.
    years = [site.today.year] + [y for e in events for y in (e.start.year, e.end.year)]
    cal.add_component(
        Timezone.from_tzid(
            TIME_ZONE.key, first_date=date(min(years), 1, 1), last_date=date(max(years) + 2, 1, 1)
        )
    )
    stamp = datetime.combine(site.today, time(), UTC)
    for event in events:
        cal.add_component(_vevent(site, event, site_url, stamp))
    return cal.to_ical()


def _vevent(site: Site, event: Event, site_url: str, stamp: datetime) -> CalendarEvent:
    item = CalendarEvent()
    item.add("uid", uid(event, site_url))
    item.add("dtstamp", stamp)
    item.add("dtstart", event.start)
    item.add("dtend", event.end)
    item.add("summary", event.title)
    item.add("location", place(site, event))
    item.add("categories", [labels.EVENT_KINDS[event.kind]])
    lines = [f"Arrangör: {event.organiser}"]
    if event.description:
        lines.insert(0, plain_text(event.description))
    if event.registration:
        lines.append(f"Anmälan: {event.registration}")
    item.add("description", "\n\n".join(lines))
    page = _page_url(event, site_url)
    if page or event.registration:
        item.add("url", page or event.registration)
    return item


def _page_url(event: Event, site_url: str) -> str | None:
    return f"{site_url.rstrip('/')}/{urls.record('event', event.id)}" if site_url else None


# --- Atom ---------------------------------------------------------------------------------------


def atom(site: Site, site_url: str) -> bytes:
    """The coming events, nearest first. Each entry's id is a tag URI from the event's id, so it
    stays the same however the event's text changes."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "sv"})
    coming = site.coming_events()
    _text(feed, "id", _tag(site_url, "aktuellt"))
    _text(feed, "title", f"Aktuellt från {site.region.name}")
    _text(feed, "subtitle", "Kommande öppna hus, prova på-dagar, studiebesök och workshoppar")
    updated = max((_updated(e) for e in coming), default=datetime.combine(site.today, time(), UTC))
    _text(feed, "updated", updated.isoformat())
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", site.region.name)
    # Without a site URL (local builds) links are relative to the feed, which is in aktuellt/.
    base = f"{site_url.rstrip('/')}/{urls.EVENTS}" if site_url else ""
    _link(
        feed, f"{base}{urls.EVENTS_ATOM.removeprefix(urls.EVENTS)}", "self", "application/atom+xml"
    )
    _link(feed, base or "./", "alternate", "text/html")
    for event in coming:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", _tag(site_url, f"aktuellt/{event.id}"))
        _text(entry, "title", event.title)
        _text(entry, "updated", _updated(event).isoformat())
        page = urls.record("event", event.id).removeprefix(urls.EVENTS)
        _link(entry, f"{base}{page}", "alternate", "text/html")
        summary = f"{when(event)}. {place(site, event)}. {labels.EVENT_KINDS[event.kind]}."
        _text(entry, "summary", f"{summary} Arrangör: {event.organiser}.")
        if event.description:
            content = ET.SubElement(entry, f"{{{ATOM}}}content", {"type": "html"})
            content.text = str(to_html(event.description))
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _tag(site_url: str, specific: str) -> str:
    """A tag URI (RFC 4151): tag:host,2026:aktuellt/id."""
    return f"tag:{host(site_url)},2026:{specific}"


def _updated(event: Event) -> datetime:
    """When the event's information was last read at its source."""
    newest = max(source.read_on for source in event.sources)
    year, month, day = (int(p) for p in [*newest.split("-"), "1", "1"][:3])
    return datetime(year, month, day, tzinfo=UTC)


def _text(parent: ET.Element, name: str, value: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{name}").text = value


def _link(parent: ET.Element, href: str, rel: str, kind: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}link", {"href": href, "rel": rel, "type": kind})


# --- The files ----------------------------------------------------------------------------------


def feed_files(site: Site, site_url: str) -> dict[str, bytes]:
    """Site-relative path → content of every feed."""
    name = site.region.name
    files = {
        urls.EVENTS_CALENDAR: calendar(site, site.events.values(), f"{name}: evenemang", site_url),
        urls.EVENTS_ATOM: atom(site, site_url),
    }
    for municipality in site.municipalities.values():
        here = [e for e in site.events.values() if e.municipality == municipality.id]
        files[urls.events_calendar_in(municipality.id)] = calendar(
            site, here, f"{name}: evenemang i {municipality.name}", site_url
        )
    return files
