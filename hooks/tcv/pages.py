"""Pages generated from the site model: what each page is, and its HTML from a jinja2 template."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from . import admissions, countymap, events, export, fieldref, finder, labels, shortlist, urls
from .dates import english_date, swedish_date, swedish_partial_date
from .kinds import KINDS
from .markdown_text import to_html
from .models import Event, Programme
from .offerings import AdultOffer, Listing
from .site import Site
from .text import kronor, percent, thousands

PAGES_TEMPLATES = "tcv"  # folder under theme_overrides/ with one template per page type


@dataclass(frozen=True)
class GeneratedPage:
    url: str
    title: str
    description: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    edit_path: str | None = None  # the data file an editor changes for this page
    search: bool = True
    lang: str = "sv"
    alternates: tuple[tuple[str, str], ...] = ()  # (lang, url) of every language version
    scripts: tuple[str, ...] = ()  # site-relative scripts this page needs
    head_style: str = ""  # CSS for this page only, in <head>
    programme: Programme | None = None  # programme pages carry schema.org JSON-LD
    event: Event | None = None  # and so do event pages

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)


def site_pages(site: Site) -> Iterator[GeneratedPage]:
    """Every page generated from data, listings first."""
    region = site.region.short_name
    yield from _finder_pages(site)
    yield _shortlist_page(site)
    yield GeneratedPage(
        urls.MUNICIPALITIES,
        "Kommuner",
        f"Västerbottens 15 kommuner och deras del i {region}: anslutning, utbildningar och företag.",
        "municipalities.html",
    )
    yield GeneratedPage(
        urls.PROVIDERS,
        "Skolor och anordnare",
        "Gymnasieskolor, vuxenutbildningar och lärcentrum i Västerbotten som finns med på "
        "webbplatsen, med deras tekniska utbildningar.",
        "providers.html",
    )
    yield GeneratedPage(
        urls.COMPANIES,
        "Företag",
        f"Företag och organisationer som medfinansierar eller har skrivit avsiktsförklaring för {region}.",
        "companies.html",
    )
    yield GeneratedPage(
        urls.PROGRESS,
        "Framsteg mot målen",
        f"Hur långt {region} har kommit mot målen: anslutna kommuner, certifierade utbildningar "
        "per kommun och projektets finansiering.",
        "progress.html",
    )
    yield GeneratedPage(
        urls.OPEN_DATA,
        "Öppna data",
        f"Hämta uppgifterna om utbildningar, anordnare, kommuner och företag i {region} som "
        "öppna data: CSV-filer och ett Frictionless Data Package.",
        "opendata.html",
        {"tables": export.tables(site), "rows": export.row_counts(site), "license": export.LICENSE},
    )
    for programme in site.programmes.values():
        provider = site.provider_of(programme)
        yield GeneratedPage(
            urls.record("programme", programme.id),
            f"{programme.name}, {provider.name}",
            programme.summary,
            str(KINDS["programme"].template),
            {"programme": programme},
            site.source_paths.get(("programme", programme.id)),
            programme=programme,
            scripts=(shortlist.SCRIPT,),  # the Mina val button
        )
    for municipality in site.municipalities.values():
        yield GeneratedPage(
            urls.record("municipality", municipality.id),
            f"{municipality.name} kommun",
            _municipality_description(site, municipality),
            str(KINDS["municipalities"].template),
            {"municipality": municipality},
            site.source_paths.get(("municipality", municipality.id)),
        )
    for provider in site.providers.values():
        count = len(site.programmes_at(provider)) + len(site.offerings.official_only_at(provider))
        yield GeneratedPage(
            urls.record("provider", provider.id),
            provider.name,
            f"{provider.name} i {site.municipality_of(provider).name}: "
            f"{labels.PROVIDER_KINDS[provider.kind].lower()}. "
            f"{_count(count, 'teknisk utbildning', 'tekniska utbildningar')} härifrån finns med "
            "på webbplatsen.",
            str(KINDS["provider"].template),
            {"provider": provider},
            site.source_paths.get(("provider", provider.id)),
        )
    yield from _occupation_pages(site)
    yield from _role_model_pages(site)
    yield from _event_pages(site)
    for company in site.companies.values():
        yield GeneratedPage(
            urls.record("company", company.id),
            company.name,
            f"{company.name} i {region}: {labels.COMPANY_ROLES[company.role].lower()}.",
            str(KINDS["company"].template),
            {"company": company},
            site.source_paths.get(("company", company.id)),
        )


def _finder_pages(site: Site) -> Iterator[GeneratedPage]:
    """The finder: one page with every programme, or, when there are more than a page should
    carry, one finder page per municipality and a first page that leads to them."""
    programmes = site.listings()
    split = finder.is_split(site)
    description = (
        f"Tekniska utbildningar i {site.region.short_name}: gymnasium, lärling och "
        "vuxenutbildning, med kommun, skola och certifiering."
    )
    shown = [] if split else programmes
    yield _finder_page(site, urls.FINDER, "Utbildningar", description, shown, split=split)
    if split:
        for municipality in site.municipalities.values():
            here = site.listings_in(municipality)
            if here:
                yield _finder_page(
                    site,
                    urls.finder_in(municipality.id),
                    f"Utbildningar i {municipality.name}",
                    f"Tekniska utbildningar i {municipality.name}: gymnasium, lärling och "
                    "vuxenutbildning, med skola och certifiering.",
                    here,
                    municipality=municipality,
                )


def _finder_page(
    site: Site,
    url: str,
    title: str,
    description: str,
    programmes: list[Listing],
    *,
    split: bool = False,
    municipality: Any = None,
) -> GeneratedPage:
    facets = [
        f for f in finder.facets(site, programmes) if not (municipality and f.name == "kommun")
    ]
    return GeneratedPage(
        url,
        title,
        description,
        "finder.html",
        {"programmes": programmes, "facets": facets, "split": split, "municipality": municipality},
        alternates=(("sv", urls.FINDER), ("en", urls.FINDER_INTRO_EN))
        if url == urls.FINDER
        else (),
        scripts=("assets/tcv/finder.js", shortlist.SCRIPT),
        head_style=finder.filter_css(facets),
    )


def _shortlist_page(site: Site) -> GeneratedPage:
    """Mina val: the programmes saved in the browser, compared; their facts ride along as JSON."""
    return GeneratedPage(
        shortlist.URL,
        "Mina val",
        "Spara utbildningar i din webbläsare, jämför dem sida vid sida och skriv ut eller dela "
        "listan inför samtalet med studie- och yrkesvägledaren.",
        "shortlist.html",
        {"data": shortlist.data_block(site)},
        scripts=(shortlist.SCRIPT, shortlist.PAGE_SCRIPT),
    )


def _occupation_pages(site: Site) -> Iterator[GeneratedPage]:
    """Occupation pages in Swedish and, where the record has an English text, in English. The
    two listings always exist, so that hand-written pages and the menu can link to them."""
    listings = (("sv", urls.OCCUPATIONS), ("en", urls.OCCUPATIONS_EN))
    yield GeneratedPage(
        urls.OCCUPATIONS,
        "Yrken",
        "Yrken inom produktion, automation, teknik, energi och digitalisering: vad man gör, en "
        "vanlig arbetsdag och vilka utbildningar i Västerbotten som leder dit.",
        "occupations.html",
        alternates=listings,
    )
    yield GeneratedPage(
        urls.OCCUPATIONS_EN,
        "Occupations",
        "Occupations in production, automation, engineering, energy and digitalisation, and "
        "the programmes in Västerbotten that lead to them.",
        "occupations_en.html",
        {"occupations": [o for o in site.occupations.values() if o.english]},
        lang="en",
        alternates=listings,
    )
    for occupation in site.occupations.values():
        url = urls.record("occupation", occupation.id)
        url_en = urls.record("occupation_en", occupation.id)
        alternates = (("sv", url), ("en", url_en)) if occupation.english else ()
        source = site.source_paths.get(("occupation", occupation.id))
        yield GeneratedPage(
            url,
            occupation.name,
            occupation.summary,
            str(KINDS["occupation"].template),
            {"occupation": occupation},
            source,
            alternates=alternates,
        )
        if occupation.english:
            yield GeneratedPage(
                url_en,
                occupation.english.name,
                occupation.english.summary,
                "occupation_en.html",
                {"occupation": occupation},
                source,
                lang="en",
                alternates=alternates,
            )


def _role_model_pages(site: Site) -> Iterator[GeneratedPage]:
    """Stories appear only when there is at least one, each with its recorded consent."""
    if not site.role_models:
        return
    yield GeneratedPage(
        urls.ROLE_MODELS,
        "Förebilder",
        "Personer som arbetar i industrin i Västerbotten berättar om sitt jobb och sin väg dit.",
        "role_models.html",
    )
    for story in site.role_models.values():
        yield GeneratedPage(
            urls.record("role_model", story.id),
            f"{story.name}, {story.role}",
            story.quote,
            str(KINDS["role_model"].template),
            {"story": story},
            site.source_paths.get(("role_model", story.id)),
        )


def _event_pages(site: Site) -> Iterator[GeneratedPage]:
    """/aktuellt/ with the coming events, the archive with the past ones, and a page per event.
    Both listings exist without any event, so that the menu can link to them."""
    yield GeneratedPage(
        urls.EVENTS,
        "Aktuellt",
        "Öppna hus, prova på-dagar, studiebesök och andra evenemang om tekniska utbildningar i "
        "Västerbotten, med kalendrar att prenumerera på.",
        "events.html",
        {"events": site.coming_events()},
    )
    yield GeneratedPage(
        urls.EVENTS_ARCHIVE,
        "Tidigare evenemang",
        "Evenemang om tekniska utbildningar i Västerbotten som redan har ägt rum.",
        "events_archive.html",
        {"events": site.past_events()},
    )
    for event in site.events.values():
        yield GeneratedPage(
            urls.record("event", event.id),
            event.title,
            f"{labels.EVENT_KINDS[event.kind]} {events.when(event)}, "
            f"{events.place(site, event)}. Arrangör: {event.organiser}.",
            str(KINDS["event"].template),
            {"event": event},
            site.source_paths.get(("event", event.id)),
            event=event,
        )


def _municipality_description(site: Site, municipality: Any) -> str:
    count = len(site.listings_in(municipality))
    return (
        f"{municipality.name} kommun i {site.region.short_name}: "
        f"{labels.MEMBERSHIP[municipality.membership].lower()}. "
        f"{_count(count, 'teknisk utbildning', 'tekniska utbildningar')} härifrån finns med på "
        "webbplatsen."
    )


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def template_cache() -> jinja2.BytecodeCache:
    """Compiled templates kept on disk between builds, keyed by each template's source: a
    rebuild under `mkdocs serve` (and each build in the tests) skips compiling some 60 templates,
    a third of a rebuild at the region's scale."""
    return jinja2.FileSystemBytecodeCache()


class PageRenderer:
    """Renders generated pages from templates that autoescape everything."""

    def __init__(
        self,
        templates: Path,
        site: Site,
        site_url: str = "",
        county_map: countymap.CountyMap | None = None,
    ) -> None:
        self.site = site
        self.site_url = site_url
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates / PAGES_TEMPLATES),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            bytecode_cache=template_cache(),
        )
        self.env.filters.update(
            date=swedish_date,
            date_en=english_date,
            partial_date=swedish_partial_date,
            kronor=kronor,
            thousands=thousands,
            percent=percent,
            when=events.when,
            markdown=to_html,
        )
        self.env.globals.update(
            site=site,
            labels=labels,
            urls=urls,
            certification_sentence=lambda c: labels.certification_sentence(c, site.today),
            card_values=lambda programme: finder.card_values(site, programme),
            card_kind=_card_kind,  # which card macro a finder listing takes
            field_reference=fieldref.field_reference,
            shared_fields=fieldref.shared_fields,
            is_shared=fieldref.is_shared,
            finder_for=lambda municipality_id: finder.url_for_municipality(site, municipality_id),
            county_map=county_map,  # None when the data folder has no map (theme: map.html)
            shortlist=shortlist,  # Mina val: its URL, script, stylesheet and data block id
            event_place=lambda event: events.place(site, event),
            admission=site.admission_outlook(),  # the next admission date (admissions.py)
            countdown=lambda day: admissions.countdown(day, site.today),
        )

    def render(self, page: GeneratedPage) -> str:
        template = self.env.get_template(page.template)
        return template.render(
            page=page, url=_linker(page.url), print_url=self._print_url, **page.context
        )

    def _print_url(self, kind: str, record_id: str) -> str:
        """The public address of a page, written out when a page is printed."""
        path = urls.record(kind, record_id)
        return f"{self.site_url}{path}" if self.site_url else f"/{path}"

    def snippet(self, name: str, current_url: str, argument: str = "") -> str:
        """A piece of a hand-written page, marked `<!-- tcv:NAME ARGUMENT -->` in its Markdown."""
        try:
            template = self.env.get_template(f"snippets/{name}.html")
        except jinja2.TemplateNotFound:
            raise KeyError(name) from None
        return template.render(url=_linker(current_url), argument=argument).strip()


def _card_kind(listing: Listing) -> str:
    """'programme' (the editors'), 'official' (only Skolverket lists it) or 'adult'."""
    if isinstance(listing, Programme):
        return "programme"
    return "adult" if isinstance(listing, AdultOffer) else "official"


def _linker(current: str) -> Callable[..., str]:
    def url(target: str, *args: str) -> str:
        if args:  # url('programme', id)
            target = urls.record(target, args[0])
        return urls.relative(target, current)

    return url
