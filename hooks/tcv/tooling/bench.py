"""How the build scales (issue 7): time and memory of the real build against plain MkDocs.

For each scale (the real data, ×10, national) the same run measures, in fresh child processes:
validation (`tcv.site.validate`), the real `mkdocs build --strict`, and a plain MkDocs project
with the same mkdocs.yml minus hooks and one ordinary Markdown file per generated page, written
from the same data. Timings on a shared machine are noisy; the ratio of the two builds, measured
back to back, is the figure to compare.

    python -m tcv bench [--quick] [--runs N] [--profile] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import posixpath
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from .. import labels, urls
from ..dates import build_date
from ..mkdocs_build import nav_sources
from ..pages import GeneratedPage, site_pages
from ..site import Site, load_site
from ..text import thousands
from . import bench_preview, synthetic
from .builtsite import CONFIG, ROOT, build_arguments
from .synthetic_official import write_official

# --- Output -----------------------------------------------------------------------------------


def step(text: str) -> None:
    print(f"==> {text}", file=sys.stderr, flush=True)


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table: the first column left-aligned, the figures right-aligned."""
    align = ["---", *["---:"] * (len(header) - 1)]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in [header, align, *rows])


def seconds(value: float) -> str:
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def megabytes(size: float) -> str:
    return f"{size / 1_000_000:.1f}"


# --- Child processes --------------------------------------------------------------------------


@dataclass(frozen=True)
class Measured:
    seconds: float  # wall time
    cpu: float  # user + system seconds of the process; less disturbed by other jobs
    max_rss_kb: int


class ChildFailed(Exception):
    pass


def run_child(job: list[str], env: dict[str, str], log: Path) -> Measured:
    """Run one job of tcv.tooling.child (e.g. `["module", "mkdocs", "build", …]`) in a fresh
    Python; its wall time, CPU time and peak memory."""
    peak = log.with_suffix(".peak")
    command = [sys.executable, "-m", "tcv.tooling.child", str(peak), *job]
    with log.open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        process = subprocess.Popen(
            command,
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = log.read_text(encoding="utf-8")[-3000:]
        raise ChildFailed(f"{' '.join(job[:5])} … avslutades med {process.returncode}:\n{tail}")
    return Measured(elapsed, usage.ru_utime + usage.ru_stime, int(peak.read_text()))


def child_env(
    today: date, data_dir: Path | None = None, cache_dir: Path | None = None
) -> dict[str, str]:
    """`cache_dir`: where the child keeps its parse cache (tcv.yamlsource.ParsedCache)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TCV_BUILD_DATE": today.isoformat()}
    if cache_dir is not None:
        env["TCV_CACHE_DIR"] = str(cache_dir)
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "TCV_SITE_URL", "TCV_REPO_URL"):
        env.pop(name, None)
    if data_dir is not None:
        env["TCV_DATA_DIR"] = str(data_dir)
    return env


def measure_validation(data_dir: Path, today: date, log: Path, cache: Path) -> dict[str, Any]:
    """Validation alone, in fresh processes, without the imports: first with an empty parse
    cache (a fresh clone, CI), then again with the cache that run left (an editor's next run)."""
    shutil.rmtree(cache, ignore_errors=True)
    results = []
    for _ in ("cold", "warm"):
        run_child(["validate", str(data_dir)], child_env(today, cache_dir=cache), log)
        results.append(json.loads(log.read_text(encoding="utf-8").strip().splitlines()[-1]))
    if results[0]["errors"]:
        raise ChildFailed(f"datan i {data_dir} har {results[0]['errors']} fel")
    return {**results[0], "warm_seconds": results[1]["seconds"]}


def mkdocs_build(config: Path, site_dir: Path) -> list[str]:
    """The child job that builds `config` into `site_dir`, as scripts/build does."""
    return ["module", *build_arguments(site_dir, config)]


# --- The plain MkDocs project -----------------------------------------------------------------


def real_config() -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it (with !ENV resolved)."""
    from mkdocs.utils.yaml import yaml_load

    with CONFIG.open(encoding="utf-8") as source:
        return yaml_load(source)


def plain_config(docs_dir: Path, generated: list[str]) -> dict[str, Any]:
    """mkdocs.yml with only the hooks the theme's templates need (plain_hooks.py), without
    watch; generated pages out of the nav, as the real hook does."""
    config = real_config()
    config["hooks"] = [str(Path(__file__).with_name("plain_hooks.py"))]
    config.pop("watch", None)
    config["docs_dir"] = str(docs_dir)
    theme = config["theme"]
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((ROOT / theme["custom_dir"]).resolve())
    if not config.get("repo_url"):  # as SiteBuild does for local builds
        config["edit_uri"] = None
    in_nav = {uri for uri in nav_sources(config.get("nav")) if uri.endswith(".md")}
    patterns = sorted(
        {f"/{uri.split('/')[0]}/**/*.md" if "/" in uri else f"/{uri}" for uri in generated}
        - {f"/{uri}" for uri in in_nav}
    )
    negations = [f"!/{uri}" for uri in sorted(in_nav)]
    config["not_in_nav"] = "\n".join(
        [config.get("not_in_nav") or "", *patterns, *negations]
    ).strip()
    return config


def write_plain_project(site: Site, project: Path, *, minimal: bool = False) -> Path:
    """The content pages plus one Markdown file per generated page; returns its mkdocs.yml.
    `minimal`: small pages instead (the floor of MkDocs + Material per page, see MINIMAL_PAGE)."""
    docs = project / "docs"
    shutil.copytree(ROOT / real_config().get("docs_dir", "docs"), docs)
    pages = list(site_pages(site))
    writer = PlainWriter(site, {p.src_uri for p in pages})
    for page in pages:
        path = docs / page.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        text = writer.minimal(page) if minimal else writer.page(page)
        path.write_text(text, encoding="utf-8")
    config = project / "mkdocs.yml"
    settings = plain_config(docs, [p.src_uri for p in pages])
    config.write_text(
        yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return config


# The small detail page of the measurement in shared/research/tech.md §1.7: heading, a facts
# table, a paragraph of about 560 characters and a link.
MINIMAL_PAGE = """# {title}

| Uppgift | Värde |
| --- | --- |
| Sida | {url} |
| Mall | {template} |

{text}

[Till startsidan]({home})
"""


# Generated pages an author would write as their title, description and their record's fields
# (PlainWriter._generic), by choice: every other template has its own writer below.
GENERIC_TEMPLATES = frozenset(
    {
        "event.html",
        "events.html",
        "events_archive.html",
        "occupation_en.html",
        "occupations_en.html",
        "opendata.html",
        "progress.html",
        "role_model.html",
        "role_models.html",
        "shortlist.html",
    }
)


class UnknownPageType(Exception):
    """A generated page whose template has neither a writer nor a place in GENERIC_TEMPLATES."""


def writer_name(template: str) -> str:
    """The PlainWriter method for pages of `template`: 'programme.html' → '_programme'."""
    return "_" + template.removesuffix(".html")


@dataclass
class PlainWriter:
    """Writes, for a generated page, the Markdown an author would write for the same content:
    heading, paragraphs, lists, a facts table and links to the related pages."""

    site: Site
    src_uris: set[str]

    def page(self, page: GeneratedPage) -> str:
        writer = getattr(self, writer_name(page.template), None)
        if writer is not None:
            body = writer(page, **page.context)
        elif page.template in GENERIC_TEMPLATES:
            body = self._generic(page)
        else:
            raise UnknownPageType(
                f"{page.src_uri}: sidtypen {page.template} har ingen skrivare för vanlig MkDocs"
                f" — skriv PlainWriter.{writer_name(page.template)} eller lägg mallen i"
                " GENERIC_TEMPLATES i tcv/tooling/bench.py"
            )
        front = json.dumps({"description": page.description}, ensure_ascii=False)
        return f"---\n{front}\n---\n\n{body}\n"

    def minimal(self, page: GeneratedPage) -> str:
        text = (page.description + " ") * (1 + 560 // max(len(page.description), 1))
        home = posixpath.relpath("index.md", posixpath.dirname(page.src_uri) or ".")
        body = MINIMAL_PAGE.format(
            title=page.title, url=page.url, template=page.template, text=text[:560], home=home
        )
        return f"---\n{json.dumps({'description': page.description}, ensure_ascii=False)}\n---\n\n{body}"

    # --- links -------------------------------------------------------------------------

    def link(self, page: GeneratedPage, text: str, kind: str, record_id: str) -> str:
        target = urls.src_uri(urls.record(kind, record_id))
        if target not in self.src_uris:
            return text
        here = posixpath.dirname(page.src_uri)
        return f"[{text}]({posixpath.relpath(target, here)})"

    def link_list(self, page: GeneratedPage, heading: str, kind: str, records: list[Any]) -> str:
        """A section: the heading and a list item linking each record."""
        items = "\n".join(f"- {self.link(page, r.name, kind, r.id)}" for r in records)
        return f"## {heading}\n\n{items}\n"

    def card(self, page: GeneratedPage, programme: Any) -> str:
        """A list item, as an author would write a listing. (Headings per card would give every
        card a TOC entry, and Material's search plugin looks each section up in the TOC one by
        one: quadratic in the number of headings on a page.)"""
        provider = self.site.provider_of(programme)
        municipality = self.site.municipality_of(programme)
        state = labels.CERTIFICATION[self.site.certification_state(programme)]
        areas = ", ".join(labels.AREAS[a] for a in programme.areas)
        return (
            f"- **{self.link(page, programme.name, 'programme', programme.id)}**\n\n"
            f"    {provider.name}, {municipality.name} · {labels.LEVELS[programme.level]}\n\n"
            f"    {programme.summary}\n\n    *{state}* · {areas}\n"
        )

    def cards(self, page: GeneratedPage, programmes: list[Any]) -> str:
        if not programmes:
            return "Inga utbildningar är registrerade här än.\n"
        return "\n".join(self.card(page, p) for p in programmes)

    def footer(self, record: Any) -> str:
        sources = "\n".join(
            f"- {s.publisher}: "
            + (f"[{s.title}]({s.url})" if s.url else s.title)
            + f" (publicerad {s.published}, läst {s.read_on})"
            for s in record.sources
        )
        heading = f"## Källor\n\n{sources}\n\n" if sources else ""
        if record.verified_on:
            return f"{heading}Uppgifterna stämdes av {record.verified_on.isoformat()}.\n"
        return heading

    # --- listings ----------------------------------------------------------------------

    def _finder(
        self, page: GeneratedPage, programmes: list[Any], municipality: Any = None, **_: Any
    ) -> str:
        """The same programmes as the generated finder page: all of them, one municipality's, or
        (the first page of a split finder) none, with a link per municipality instead."""
        parts = [f"# {page.title}\n\n{page.description}\n"]
        if not programmes and municipality is None:
            here = posixpath.dirname(page.src_uri)
            parts += [
                f"- [{m.name}]({posixpath.relpath(urls.src_uri(urls.finder_in(m.id)), here)})"
                for m in self.site.municipalities.values()
                if urls.src_uri(urls.finder_in(m.id)) in self.src_uris
            ]
            return "\n".join(parts)
        by_municipality: dict[str, list[Any]] = {}
        for programme in programmes:
            by_municipality.setdefault(self.site.municipality_of(programme).id, []).append(
                programme
            )
        for municipality_id, group in by_municipality.items():
            name = self.site.municipalities[municipality_id].name
            parts.append(f"## {name} {{ #{municipality_id} }}\n")
            parts.append(self.cards(page, group))
        return "\n".join(parts)

    def _municipalities(self, page: GeneratedPage, **_: Any) -> str:
        rows = [
            f"| {self.link(page, m.name, 'municipality', m.id)} | {labels.MEMBERSHIP[m.membership]} "
            f"| {len(self.site.programmes_in(m))} |"
            for m in self.site.municipalities.values()
        ]
        return (
            f"# {page.title}\n\n{page.description}\n\n| Kommun | Anslutning | Utbildningar |\n"
            "| --- | --- | ---: |\n" + "\n".join(rows)
        )

    def _providers(self, page: GeneratedPage, **_: Any) -> str:
        parts = [f"# {page.title}\n\n{page.description}\n"]
        for municipality in self.site.municipalities.values():
            providers = self.site.providers_in(municipality)
            if providers:
                items = "\n".join(
                    f"- {self.link(page, p.name, 'provider', p.id)} – "
                    f"{labels.PROVIDER_KINDS[p.kind].lower()}, "
                    f"{len(self.site.programmes_at(p))} utbildningar"
                    for p in providers
                )
                parts.append(f"## {municipality.name}\n\n{items}\n")
        return "\n".join(parts)

    def _companies(self, page: GeneratedPage, **_: Any) -> str:
        parts = [f"# {page.title}\n\n{page.description}\n"]
        for role, heading in labels.COMPANY_ROLES.items():
            items = "\n".join(
                f"- {self.link(page, c.name, 'company', c.id)}"
                for c in self.site.companies.values()
                if c.role == role
            )
            parts.append(f"## {heading}\n\n{items}\n")
        return "\n".join(parts)

    def _occupations(self, page: GeneratedPage, **_: Any) -> str:
        items = "\n".join(
            f"- {self.link(page, o.name, 'occupation', o.id)}: {o.summary}"
            for o in self.site.occupations.values()
        )
        return f"# {page.title}\n\n{page.description}\n\n{items}\n"

    # --- records -----------------------------------------------------------------------

    def _programme(self, page: GeneratedPage, programme: Any, **_: Any) -> str:
        site = self.site
        provider = site.provider_of(programme)
        municipality = site.municipality_of(programme)
        level = labels.LEVELS[programme.level]
        state = labels.CERTIFICATION[site.certification_state(programme)]
        parts = [
            f"# {programme.name}\n",
            f"{self.link(page, provider.name, 'provider', provider.id)}, "
            f"{self.link(page, municipality.name, 'municipality', municipality.id)} · {level}\n",
            f"**Certifiering:** {labels.certification_sentence(programme.certification, site.today)}\n",
            f"{programme.summary}\n",
        ]
        if programme.description:
            parts.append(programme.description + "\n")
        for heading, items in (
            ("Det här lär du dig", programme.what_you_learn),
            ("Det här kan du arbeta med sedan", programme.leads_to),
        ):
            if items:
                parts.append(f"## {heading}\n\n" + "\n".join(f"- {i}" for i in items) + "\n")
        facts = [
            ("Skola", self.link(page, provider.name, "provider", provider.id)),
            ("Kommun", self.link(page, municipality.name, "municipality", municipality.id)),
            ("Form", level),
            ("Programkod", programme.programme_code or "–"),
            ("Områden", ", ".join(labels.AREAS[a] for a in programme.areas)),
            ("Certifiering", state),
        ]
        if programme.study and programme.study.duration:
            facts.append(("Längd", programme.study.duration))
        parts.append("## Fakta om utbildningen\n\n" + _facts(facts))
        parts.append(f"## Så söker du\n\n{programme.apply.how}\n")
        if partners := site.partners_of(programme):
            parts.append(self.link_list(page, "Partnerföretag", "company", partners))
        parts.append(self.footer(programme))
        return "\n".join(parts)

    def _municipality(self, page: GeneratedPage, municipality: Any, **_: Any) -> str:
        site = self.site
        membership = labels.MEMBERSHIP[municipality.membership]
        parts = [
            f"# {page.title}\n\n{membership}\n",
            f"{municipality.name} kommun och {site.region.name}: {membership.lower()}.\n",
            f"## Utbildningar i {municipality.name}\n\n"
            + self.cards(page, site.programmes_in(municipality)),
        ]
        if providers := site.providers_in(municipality):
            parts.append(self.link_list(page, "Skolor och anordnare", "provider", providers))
        if companies := site.companies_in(municipality):
            heading = f"Företag i {municipality.name} som deltar"
            parts.append(self.link_list(page, heading, "company", companies))
        parts.append(
            "## Fakta\n\n"
            + _facts([("Kommunkod (SCB)", municipality.code), ("Anslutning", membership)])
        )
        parts.append(self.footer(municipality))
        return "\n".join(parts)

    def _provider(self, page: GeneratedPage, provider: Any, **_: Any) -> str:
        site = self.site
        municipality = site.municipality_of(provider)
        kind = labels.PROVIDER_KINDS[provider.kind]
        parts = [
            f"# {provider.name}\n\n{kind} i "
            f"{self.link(page, municipality.name, 'municipality', municipality.id)}\n"
        ]
        if provider.description:
            parts.append(provider.description + "\n")
        parts.append(
            "## Tekniska utbildningar här\n\n" + self.cards(page, site.programmes_at(provider))
        )
        facts = [("Kommun", municipality.name), ("Typ", kind)]
        if provider.website:
            facts.append(("Webbplats", f"[{provider.website}]({provider.website})"))
        parts.append("## Fakta\n\n" + _facts(facts))
        parts.append(self.footer(provider))
        return "\n".join(parts)

    def _company(self, page: GeneratedPage, company: Any, **_: Any) -> str:
        site = self.site
        parts = [f"# {company.name}\n\n{labels.COMPANY_ROLES[company.role]}\n"]
        if company.description:
            parts.append(company.description + "\n")
        offers = "\n".join(f"- {labels.OFFERS[o]}" for o in company.offers)
        parts.append(
            "## Det här erbjuder företaget elever\n\n" + (offers or "Inget registrerat än.") + "\n"
        )
        parts.append(
            "## Utbildningar som företaget samarbetar med\n\n"
            + self.cards(page, site.programmes_with(company))
        )
        facts = [("Bransch", company.industry or "–")]
        if company.website:
            facts.append(("Webbplats", f"[{company.website}]({company.website})"))
        parts.append(_facts(facts))
        parts.append(self.footer(company))
        return "\n".join(parts)

    def _occupation(self, page: GeneratedPage, occupation: Any, **_: Any) -> str:
        site = self.site
        parts = [
            f"# {occupation.name}\n\n{occupation.summary}\n",
            f"## Vad gör man?\n\n{occupation.what_you_do}\n",
            f"## En vanlig arbetsdag\n\n{occupation.a_day_at_work}\n",
            "## Utbildningar som leder hit\n\n" + self.cards(page, site.programmes_to(occupation)),
        ]
        if employers := site.employers_of(occupation):
            parts.append(self.link_list(page, "Arbetsgivare", "company", employers))
        if occupation.figures:
            parts.append(
                "## Siffror\n\n"
                + _facts([(f.label, f"{f.value} ({f.source.title})") for f in occupation.figures])
            )
        parts.append(self.footer(occupation))
        return "\n".join(parts)

    # --- anything else -----------------------------------------------------------------

    def _generic(self, page: GeneratedPage) -> str:
        parts = [f"# {page.title}\n\n{page.description}\n"]
        for value in page.context.values():
            if isinstance(value, BaseModel):
                parts.append(_record_markdown(value))
        return "\n".join(parts)


def _facts(rows: list[tuple[str, str]]) -> str:
    body = "\n".join(f"| {k} | {v} |" for k, v in rows)
    return f"| Uppgift | Värde |\n| --- | --- |\n{body}\n"


def _record_markdown(record: BaseModel) -> str:
    """Every field of a record, as an author might list it."""
    paragraphs, facts = [], []
    for name, value in record:
        if isinstance(value, str) and len(value) > 80:
            paragraphs.append(value)
        elif isinstance(value, list) and value and isinstance(value[0], str):
            paragraphs.append("\n".join(f"- {v}" for v in value))
        elif value is not None and not isinstance(value, list | BaseModel):
            facts.append((name, str(value)))
    return "\n\n".join([*paragraphs, _facts(facts)]) + "\n"


# --- One scale --------------------------------------------------------------------------------


@dataclass
class Scale:
    label: str
    data_dir: Path
    records: int = 0
    pages: int = 0
    runs: list[dict[str, float]] = field(default_factory=list)
    sizes: dict[str, int] = field(default_factory=dict)
    warnings: int = 0

    def median(self, key: str) -> float:
        return statistics.median(run[key] for run in self.runs)


def measure_scale(scale: Scale, work: Path, runs: int, today: date, *, keep: bool) -> None:
    step(f"[{scale.label}] läser datan och skriver Markdown-sidorna för vanlig MkDocs")
    site, _ = load_site(scale.data_dir, today)
    configs = {
        "build": CONFIG,
        "plain": write_plain_project(site, work / "plain"),
        "minimal": write_plain_project(site, work / "minimal", minimal=True),
    }
    del site
    logs = work / "logs"
    logs.mkdir(exist_ok=True)
    for run in range(1, runs + 1):
        prefix = f"[{scale.label}] körning {run}/{runs}:"
        step(f"{prefix} kontroll av datan (tcv.site.validate)")
        checked = measure_validation(
            scale.data_dir, today, logs / f"validate-{run}.log", work / "cache-validate"
        )
        scale.records, scale.warnings = checked["records"], checked["warnings"]
        result = {"validate": checked["seconds"], "validate_warm": checked["warm_seconds"]}
        for name, config in configs.items():
            step(f"{prefix} {BUILDS[name]}")
            # every build starts without a parse cache, as a nightly build in CI does
            cache = work / f"cache-{name}-{run}"
            env = child_env(today, scale.data_dir if name == "build" else None, cache)
            site_dir = work / f"site-{name}"
            measured = run_child(mkdocs_build(config, site_dir), env, logs / f"{name}-{run}.log")
            step(f"{prefix} … {measured.seconds:.1f} s (CPU {measured.cpu:.1f} s)")
            result |= {
                name: measured.seconds,
                f"{name}_cpu": measured.cpu,
                f"{name}_rss": measured.max_rss_kb * 1024,
            }
        result["ratio"] = result["build"] / result["plain"]
        result["cpu_ratio"] = result["build_cpu"] / result["plain_cpu"]
        scale.runs.append(result)
    scale.pages = count_pages(work / "site-build")
    for name in ("plain", "minimal"):
        if (pages := count_pages(work / f"site-{name}")) != scale.pages:
            step(f"OBS: {BUILDS[name]} gav {pages} sidor, bygget {scale.pages}")
    scale.sizes = site_sizes(work / "site-build", "") | site_sizes(work / "site-plain", "plain_")
    if not keep:  # a national build leaves hundreds of megabytes
        for name in configs:
            shutil.rmtree(work / f"site-{name}", ignore_errors=True)
        for folder in ("plain", "minimal"):
            shutil.rmtree(work / folder, ignore_errors=True)


BUILDS = {
    "build": "mkdocs build --strict med hooks (webbplatsen)",
    "plain": "vanlig MkDocs + Material, en likvärdig Markdown-sida per genererad sida",
    "minimal": "vanlig MkDocs + Material, lika många minimala sidor (golvet)",
}


def count_pages(site_dir: Path) -> int:
    return sum(1 for _ in site_dir.rglob("index.html"))


def site_sizes(site_dir: Path, prefix: str) -> dict[str, int]:
    def size(relative: str) -> int:
        path = site_dir / relative
        return path.stat().st_size if path.is_file() else 0

    total = sum(p.stat().st_size for p in site_dir.rglob("*") if p.is_file())
    return {
        f"{prefix}finder": size(urls.src_uri(urls.FINDER).removesuffix(".md") + ".html"),
        f"{prefix}search": size("search/search_index.json"),
        f"{prefix}total": total,
    }


def prepare_data(label: str, work: Path, today: date, seed: int) -> Path:
    if label == "×1":
        return ROOT / "data"
    counts = (
        synthetic.NATIONAL
        if label == "nationell"
        else synthetic.counts_from_data(ROOT / "data", int(label.removeprefix("×")))
    )
    target = work / "data"
    step(f"[{label}] skapar syntetisk data: {counts.records} poster (frö {seed})")
    started = time.perf_counter()
    data = synthetic.generate(counts, seed=seed, today=today)
    synthetic.write(data, target, f"# Syntetisk data (frö {seed}).\n")
    summary = write_official(
        target,
        seed=seed,
        today=today,
        extra_units=counts.providers,
        adult_events=counts.programmes * 5 // 6,
        occupations=counts.occupations,
    )
    step(f"[{label}] officiella ögonblicksbilder: {summary}")
    step(f"[{label}] datan skapades på {time.perf_counter() - started:.1f} s")
    return target


# --- Report -----------------------------------------------------------------------------------


def report(scales: list[Scale], runs: int, notes: list[str]) -> str:
    rows = [
        [
            s.label,
            thousands(s.records),
            thousands(s.pages),
            seconds(s.median("validate")),
            seconds(s.median("validate_warm")),
            seconds(s.median("build")),
            seconds(s.median("plain")),
            f"{s.median('ratio'):.2f}",
            f"{s.median('cpu_ratio'):.2f}",
            seconds(s.median("minimal")),
            f"{s.median('build_rss') / 1_000_000:.0f}",
            f"{s.median('plain_rss') / 1_000_000:.0f}",
        ]
        for s in scales
    ]
    header = [
        "skala",
        "poster",
        "sidor",
        "kontroll s",
        "kontroll, cache s",
        "bygge s",
        "vanlig MkDocs s",
        "kvot",
        "kvot CPU",
        "golv s",
        "minne bygge MB",
        "minne vanlig MB",
    ]
    per_page = [
        [
            s.label,
            *(f"{1000 * s.median(f'{name}_cpu') / s.pages:.1f}" for name in BUILDS),
            f"{1000 * s.median('validate') / s.records:.2f}",
            f"{s.sizes['finder'] / 1000:.0f} kB",
            f"{s.sizes['search'] / 1000:.0f} kB",
            f"{megabytes(s.sizes['total'])} MB",
            f"{s.sizes['plain_search'] / 1000:.0f} kB",
        ]
        for s in scales
    ]
    per_page_header = [
        "skala",
        "CPU ms/sida bygge",
        "CPU ms/sida vanlig",
        "CPU ms/sida golv",
        "kontroll ms/post",
        "utbildningar/index.html",
        "search_index.json",
        "site/",
        "sökindex vanlig",
    ]
    load = os.getloadavg()
    return "\n".join(
        [
            "",
            f"Medianer av {runs} körning{'ar' if runs != 1 else ''} per skala. Sekunder är "
            "väggtid. Vanlig MkDocs = samma mkdocs.yml utan hooks, med en likvärdig Markdown-sida "
            "per genererad sida; golv = lika många minimala sidor (rubrik, tabell, stycke, länk). "
            "Kontroll = tcv.site.validate utan sparade tolkningar (ny klon, CI); kontroll, cache = "
            "nästa körning, när oförändrade filer inte tolkas om. Byggena börjar utan cache. "
            "Kvot = bygge/vanlig MkDocs, medianen av kvoterna i varje körning (byggena körs direkt "
            "efter varandra); kvot CPU = samma för processernas CPU-tid, som störs mindre av andra "
            "jobb på maskinen.",
            *notes,
            "",
            table(header, rows),
            "",
            table(per_page_header, per_page),
            "",
            f"Maskin: {os.cpu_count()} kärnor, Python {sys.version.split()[0]}; belastning "
            f"(1/5/15 min) vid slutet {load[0]:.1f}/{load[1]:.1f}/{load[2]:.1f}. Andra jobb på "
            "maskinen gör tiderna brusiga; jämför kvoterna.",
        ]
    )


# --- Profile ----------------------------------------------------------------------------------

# Where a build spends its CPU time: (key, label, module, attribute). Each is timed by a thin
# wrapper in the build process itself, so the figures carry almost no profiler overhead (cProfile
# slows code with many small calls, such as Python-Markdown's set-up, several times over).
# Labels starting with spaces are part of the centre above them.
CENTRES: tuple[tuple[str, str, str, str], ...] = (
    ("on_config", "on_config (tcv: läsa datan, mallmiljö)", "mkdocs.plugins", "PluginCollection.on_config"),
    ("load_site", "  varav läsa och kontrollera datan (load_site)", "tcv.mkdocs_build", "load_site"),
    ("read_yaml", "  varav YAML-tolkning (read_yaml)", "tcv.load", "read_yaml"),
    ("check", "  varav kontroller mellan posterna (check)", "tcv.site", "check"),
    ("get_files", "samla filer (docs och tema)", "mkdocs.commands.build", "get_files"),
    ("on_files", "on_files (tcv: sidor, bilder, öppna data)", "mkdocs.plugins", "PluginCollection.on_files"),
    ("get_navigation", "bygga nav", "mkdocs.commands.build", "get_navigation"),
    ("read_source", "läsa Markdown-källor", "mkdocs.structure.pages", "Page.read_source"),
    ("on_page_markdown", "on_page_markdown (tcv: metadata, JSON-LD)", "mkdocs.plugins", "PluginCollection.on_page_markdown"),
    ("render", "Python-Markdown (Page.render)", "mkdocs.structure.pages", "Page.render"),
    ("on_page_content", "on_page_content (tcv: våra sidmallar)", "mkdocs.plugins", "PluginCollection.on_page_content"),
    ("to_html", "  varav Markdown i datan (to_html: markdown + nh3)", "tcv.pages", "to_html"),
    ("copy_static", "kopiera temats filer", "mkdocs.structure.files", "Files.copy_static_files"),
    ("build_page", "sidor i Materials mall (_build_page)", "mkdocs.commands.build", "_build_page"),
    ("theme", "  varav Materials Jinja-mallar (main.html)", "jinja2.environment", "Template.render"),
    ("on_page_context", "  varav on_page_context (sökindex per sida)", "mkdocs.plugins", "PluginCollection.on_page_context"),
    ("on_post_page", "  varav on_post_page", "mkdocs.plugins", "PluginCollection.on_post_page"),
    ("write_file", "  varav skriva sidan till disk", "mkdocs.utils", "write_file"),
    ("anchors", "kontrollera ankarlänkar", "mkdocs.structure.pages", "Page.validate_anchor_links"),
    ("on_post_build", "on_post_build (sökindex som JSON, export)", "mkdocs.plugins", "PluginCollection.on_post_build"),
    ("search_json", "  varav sökindex som JSON", "material.plugins.search.plugin", "SearchPlugin.on_post_build"),
    ("build", "build() totalt", "mkdocs.commands.build", "build"),
)  # fmt: skip
# Counted only while a page goes through _build_page: the same functions run elsewhere too.
_ONLY_IN_BUILD_PAGE = {"theme", "write_file"}


def instrumented_build(output: str, argv: list[str]) -> None:
    """Run `mkdocs build` in this process with a CPU-time wrapper around every cost centre; write
    {key: [seconds, calls]} and the process's total CPU time to `output` as JSON."""
    import importlib
    import resource

    from mkdocs.__main__ import cli

    totals: dict[str, list[float]] = {key: [0.0, 0] for key, *_ in CENTRES}
    depth = {"build_page": 0}

    def wrap(key: str, owner: Any, name: str) -> None:
        original = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            if key in _ONLY_IN_BUILD_PAGE and not depth["build_page"]:
                return original(*args, **kwargs)
            depth["build_page"] += key == "build_page"
            start = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                totals[key][0] += time.process_time() - start
                totals[key][1] += 1
                depth["build_page"] -= key == "build_page"

        setattr(owner, name, timed)

    for key, _, module, attribute in CENTRES:
        owner: Any = importlib.import_module(module)
        *path, name = attribute.split(".")
        for part in path:
            owner = getattr(owner, part)
        wrap(key, owner, name)
    try:
        cli.main(args=argv, standalone_mode=False)
    finally:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        result = {"centres": totals, "cpu": usage.ru_utime + usage.ru_stime}
        Path(output).write_text(json.dumps(result), encoding="utf-8")


def profile(label: str, data_dir: Path, work: Path, today: date) -> str:
    """Where the CPU time of one build goes, with the sizes of what it wrote."""
    output, site_dir = work / "profile.json", work / "site-profile"
    command = ["profile", str(output), *mkdocs_build(CONFIG, site_dir)[2:]]
    step(f"[{label}] bygger med tidtagning per kostnadsställe")
    env = child_env(today, data_dir, work / "cache-profile")  # as a fresh clone
    measured = run_child(command, env, work / "profile.log")
    pages = count_pages(site_dir)
    sizes = site_sizes(site_dir, "")
    shutil.rmtree(site_dir, ignore_errors=True)
    step(f"[{label}] mäter Page.render för en sida med tom Markdown")
    empty = empty_markdown_cost()
    result = json.loads(output.read_text(encoding="utf-8"))
    return "\n".join(
        [
            "",
            f"Var tiden går ({label}, {pages} sidor): {measured.cpu:.1f} s CPU, {measured.seconds:.0f} s "
            f"väggtid, toppminne {measured.max_rss_kb / 1000:.0f} MB.",
            "",
            table(["kostnadsställe", "CPU s", "andel", "per anrop"], centre_rows(result)),
            "",
            f"utbildningar/index.html: {sizes['finder'] / 1000:.0f} kB, "
            f"search/search_index.json: {sizes['search'] / 1_000_000:.1f} MB, "
            f"hela site/: {megabytes(sizes['total'])} MB.",
            "Page.render med tom Markdown (det som återstår för en genererad sida): "
            f"{empty:.2f} ms CPU per sida.",
        ]
    )


def centre_rows(result: dict[str, Any]) -> list[list[str]]:
    centres, total = result["centres"], result["cpu"]

    def row(label: str, cpu: float, calls: int = 1) -> list[str]:
        per_call = f"{1000 * cpu / calls:.2f} ms × {calls}" if calls > 1 else ""
        return [label, seconds(cpu), f"{100 * cpu / total:.1f} %", per_call]

    build = centres["build"][0]
    rows = [row("start: Python, import och konfiguration", total - build)]
    accounted = 0.0
    for key, label, *_ in CENTRES:
        cpu, calls = centres[key]
        if key == "build" or not calls:
            continue
        rows.append(row(label, cpu, int(calls)))
        if not label.startswith(" "):
            accounted += cpu
    rows.append(row("övrigt i build()", build - accounted))
    rows.append(row("hela processen", total))
    return rows


def empty_markdown_cost(repeat: int = 300) -> float:
    """CPU milliseconds MkDocs spends in Page.render for a page whose Markdown is ''."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(CONFIG))
    config.edit_uri = None  # no repository in a local build; MkDocs would warn
    file = File("bench/index.md", None, config.site_dir, config.use_directory_urls)
    page = Page(None, file, config)
    page.markdown = ""
    files = Files([file])
    start = time.process_time()  # CPU time: steadier than wall time on a busy machine
    for _ in range(repeat):
        page.render(config, files)
    return 1000 * (time.process_time() - start) / repeat


# --- Command line -----------------------------------------------------------------------------


def _labels(text: str) -> list[str]:
    aliases = {"1": "×1", "x1": "×1", "10": "×10", "x10": "×10", "national": "nationell"}
    return [aliases.get(t.strip(), t.strip()) for t in text.split(",") if t.strip()]


def measure(labels_: list[str], work: Path, runs: int, args: argparse.Namespace) -> list[Scale]:
    today = build_date()
    scales = []
    for label in labels_:
        scale_dir = work / label.replace("×", "x")
        scale_dir.mkdir()
        scale = Scale(label, prepare_data(label, scale_dir, today, args.seed))
        measure_scale(scale, scale_dir, runs, today, keep=args.keep)
        scales.append(scale)
        step(
            f"[{label}] klart: bygge {scale.median('build'):.1f} s, vanlig MkDocs "
            f"{scale.median('plain'):.1f} s, kvot {scale.median('ratio'):.2f}"
        )
    return scales


def measure_previews(
    labels_: list[str], work: Path, args: argparse.Namespace
) -> list[bench_preview.Preview]:
    today = build_date()
    previews = []
    for label in labels_:
        scale_dir = work / label.replace("×", "x")
        scale_dir.mkdir()
        data_dir = prepare_data(label, scale_dir, today, args.seed)
        env = child_env(today)
        rounds = args.runs or 5
        previews.append(
            bench_preview.measure_preview(label, data_dir, scale_dir, env, rounds, ROOT)
        )
    return previews


def profile_national(work: Path, seed: int) -> str:
    today = build_date()
    target = work / "nationell"
    data_dir = target / "data"
    if not data_dir.is_dir():  # not measured in this run
        target.mkdir(exist_ok=True)
        data_dir = prepare_data("nationell", target, today, seed)
    return profile("nationell", data_dir, target, today)


def run(args: argparse.Namespace) -> int:
    """`python -m tcv bench` (its arguments are defined in tcv.cli)."""
    runs = args.runs or (1 if args.quick else 3)
    default = ["×1", "×10"] if args.quick or args.preview else ["×1", "×10", "nationell"]
    labels_ = _labels(args.scales) if args.scales else default
    notes = []
    if args.quick:
        notes.append(
            "Snabbläge (--quick): en körning per skala och ingen nationell nivå; scripts/bench "
            "ger medianer av tre körningar, med hela landet."
        )
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    work = Path(tempfile.mkdtemp(prefix="tcv-bench-"))
    step(f"Arbetsmapp: {work} ({'behålls' if args.keep else 'tas bort efteråt'})")
    started = time.perf_counter()
    try:
        if args.preview:
            previews, scales = measure_previews(labels_, work, args), []
        else:
            previews, scales = [], measure(labels_, work, runs, args)
        profiled = profile_national(work, args.seed) if args.profile else ""
    except (ChildFailed, bench_preview.PreviewFailed, UnknownPageType) as error:
        print(f"Mätningen avbröts: {error}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    minutes = (time.perf_counter() - started) / 60
    if previews:
        print(bench_preview.report(previews))
    if scales:
        print(report(scales, runs, [*notes, f"Hela mätningen tog {minutes:.1f} minuter."]))
    if profiled:
        print(profiled)
    return 0
