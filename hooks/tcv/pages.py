"""Pages generated from the site model: what each page is, and its HTML from a jinja2 template."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import labels, urls
from .dates import swedish_date
from .markdown_text import to_html
from .site import Site
from .text import kronor, thousands

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

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)


def site_pages(site: Site) -> Iterator[GeneratedPage]:
    """Every page generated from data, listings first."""
    region = site.region.short_name
    yield GeneratedPage(
        urls.FINDER,
        "Utbildningar",
        f"Tekniska utbildningar i Västerbotten inom {region}: gymnasium, lärling och vuxenutbildning, "
        "med kommun, skola och certifiering.",
        "finder.html",
    )
    yield GeneratedPage(
        urls.MUNICIPALITIES,
        "Kommuner",
        f"Västerbottens 15 kommuner och deras del i {region}: anslutning, utbildningar och företag.",
        "municipalities.html",
    )
    yield GeneratedPage(
        urls.PROVIDERS,
        "Skolor och anordnare",
        "Gymnasieskolor, vuxenutbildningar och lärcentrum med tekniska utbildningar i Västerbotten.",
        "providers.html",
    )
    yield GeneratedPage(
        urls.COMPANIES,
        "Företag",
        f"Företag och organisationer som medfinansierar eller har skrivit avsiktsförklaring för {region}.",
        "companies.html",
    )
    for programme in site.programmes.values():
        provider = site.provider_of(programme)
        yield GeneratedPage(
            urls.record("programme", programme.id),
            f"{programme.name}, {provider.name}",
            programme.summary,
            "programme.html",
            {"programme": programme},
            site.source_paths.get(("programmes", programme.id)),
        )
    for municipality in site.municipalities.values():
        yield GeneratedPage(
            urls.record("municipality", municipality.id),
            f"{municipality.name} kommun",
            _municipality_description(site, municipality),
            "municipality.html",
            {"municipality": municipality},
            site.source_paths.get(("municipalities", municipality.id)),
        )
    for provider in site.providers.values():
        count = len(site.programmes_at(provider))
        yield GeneratedPage(
            urls.record("provider", provider.id),
            provider.name,
            f"{provider.name} i {site.municipality_of(provider).name}: "
            f"{labels.PROVIDER_KINDS[provider.kind].lower()} med {_count(count, 'teknisk utbildning', 'tekniska utbildningar')}.",
            "provider.html",
            {"provider": provider},
            site.source_paths.get(("providers", provider.id)),
        )
    for company in site.companies.values():
        yield GeneratedPage(
            urls.record("company", company.id),
            company.name,
            f"{company.name} i {region}: {labels.COMPANY_ROLES[company.role].lower()}.",
            "company.html",
            {"company": company},
            site.source_paths.get(("companies", company.id)),
        )


def _municipality_description(site: Site, municipality: Any) -> str:
    count = len(site.programmes_in(municipality))
    return (
        f"{municipality.name} kommun i {site.region.short_name}: "
        f"{labels.MEMBERSHIP[municipality.membership].lower()}, "
        f"{_count(count, 'teknisk utbildning', 'tekniska utbildningar')}."
    )


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


class PageRenderer:
    """Renders generated pages from templates that autoescape everything."""

    def __init__(self, templates: Path, site: Site) -> None:
        self.site = site
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates / PAGES_TEMPLATES),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(
            date=swedish_date, kronor=kronor, thousands=thousands, markdown=to_html, jsonld=_jsonld
        )
        self.env.globals.update(
            site=site,
            labels=labels,
            urls=urls,
            certification_sentence=lambda c: labels.certification_sentence(c, site.today),
        )

    def render(self, page: GeneratedPage) -> str:
        template = self.env.get_template(page.template)
        return template.render(page=page, url=_linker(page.url), **page.context)

    def snippet(self, name: str, current_url: str) -> str:
        """A piece of a hand-written page, marked `<!-- tcv:NAME -->` in its Markdown."""
        try:
            template = self.env.get_template(f"snippets/{name}.html")
        except jinja2.TemplateNotFound:
            raise KeyError(name) from None
        return template.render(url=_linker(current_url)).strip()


def _linker(current: str) -> Callable[..., str]:
    def url(target: str, *args: str) -> str:
        if args:  # url('programme', id)
            target = urls.record(target, args[0])
        return urls.relative(target, current)

    return url


def _jsonld(data: dict[str, Any]) -> Markup:
    """JSON for a <script type="application/ld+json"> element; '<' escaped so data can't end it."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
