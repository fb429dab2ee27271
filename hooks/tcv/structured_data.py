"""schema.org JSON-LD for programme pages, so search engines know what, where and by whom."""

from __future__ import annotations

import json
from typing import Any

from .models import Event, Programme
from .site import Site

_MODES = {True: "blended", False: "onsite"}


def programme_jsonld(site: Site, programme: Programme, page_url: str | None) -> dict[str, Any]:
    provider = site.provider_of(programme)
    municipality = site.municipality_of(programme)
    organisation: dict[str, Any] = {"@type": "EducationalOrganization", "name": provider.name}
    if provider.website:
        organisation["url"] = provider.website
    if provider.address:
        organisation["address"] = {
            "@type": "PostalAddress",
            "streetAddress": provider.address.street,
            "postalCode": provider.address.postal_code,
            "addressLocality": provider.address.city,
            "addressCountry": "SE",
        }
    else:
        organisation["address"] = {
            "@type": "PostalAddress",
            "addressLocality": municipality.name,
            "addressCountry": "SE",
        }
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "name": programme.name,
        "description": programme.summary,
        "provider": organisation,
        "inLanguage": "sv",
        "educationalProgramMode": _MODES[bool(programme.study and programme.study.distance)],
    }
    if page_url:
        data["url"] = page_url
    if programme.programme_code:
        data["identifier"] = programme.programme_code
    occupations = site.occupations_from(programme)
    if occupations:
        data["occupationalCategory"] = [o.name for o in occupations]
    if programme.apply.deadline and programme.apply.deadline >= site.today:
        data["applicationDeadline"] = programme.apply.deadline.isoformat()
    if programme.apply.starts_on and programme.apply.starts_on >= site.today:
        data["startDate"] = programme.apply.starts_on.isoformat()
    return data


def event_jsonld(site: Site, event: Event, page_url: str | None) -> dict[str, Any]:
    """A schema.org Event: when (with the offset of Swedish time), where, and who organises."""
    places: list[dict[str, Any]] = []
    if event.municipality:
        address: dict[str, Any] = {
            "@type": "PostalAddress",
            "addressLocality": site.municipalities[event.municipality].name,
            "addressRegion": "Västerbottens län",
            "addressCountry": "SE",
        }
        if event.address:
            address["streetAddress"] = event.address
        name = event.address or address["addressLocality"]
        places.append({"@type": "Place", "name": name, "address": address})
    if event.digital:
        virtual: dict[str, Any] = {"@type": "VirtualLocation"}
        if event.registration:
            virtual["url"] = event.registration
        places.append(virtual)
    mode = "Offline" if not event.digital else "Mixed" if event.municipality else "Online"
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": event.start.isoformat(),
        "endDate": event.end.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": f"https://schema.org/{mode}EventAttendanceMode",
        "location": places[0] if len(places) == 1 else places,
        "organizer": {"@type": "Organization", "name": event.organiser},
        "inLanguage": "sv",
    }
    if page_url:
        data["url"] = page_url
    return data


def script_text(data: dict[str, Any]) -> str:
    """JSON for a <script type="application/ld+json"> element: '<', '>' and '&' are escaped so
    that no text from data can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
