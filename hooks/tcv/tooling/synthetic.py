"""Synthetic data at any scale, for measuring how the build scales (issue 7).

Seeded and deterministic: the same seed, counts and date give byte-identical files. Names are
built from word lists, so they look Swedish without being real companies or people; web
addresses end in .example.se. Everything validates under the real models and checks: references
resolve, the financing adds up, `verified_on` lies within the last year, and certifications that
are still valid run for more than 90 days. Only the share given by `expired` is written as
certified-but-lapsed, which the validator reports as a warning (that is the site's behaviour).

    python -m tcv synthetic OUT_DIR [--programmes N | --scale K | --national] [--seed S]
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import shutil
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from ..dates import build_date
from ..kinds import KINDS, record_folders, single_files
from . import ROOT

REAL_DATA = ROOT / "data"

# What the generator writes (the registry's files and folders); with --force only these are
# replaced in a non-empty folder.
LAYOUT = (*single_files(), *record_folders())

try:
    _Dumper: type = yaml.CSafeDumper
except AttributeError:  # PyYAML without libyaml: same output, slower
    _Dumper = yaml.SafeDumper


# --- How many of each -----------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    municipalities: int
    providers: int
    programmes: int
    companies: int
    occupations: int

    @property
    def records(self) -> int:
        return (
            self.municipalities
            + self.providers
            + self.programmes
            + self.companies
            + self.occupations
            + 1
        )


NATIONAL = Counts(
    municipalities=300, providers=1500, programmes=6000, companies=3000, occupations=120
)


def counts_from_programmes(programmes: int) -> Counts:
    """The national ratios (1 municipality : 5 providers : 20 programmes : 10 companies)."""
    return Counts(
        municipalities=max(2, round(programmes / 20)),
        providers=max(1, round(programmes / 4)),
        programmes=programmes,
        companies=max(2, round(programmes / 2)),
        occupations=_occupations_for(programmes),
    )


def counts_from_data(data_dir: Path, factor: int) -> Counts:
    """`factor` times the records in a real data folder; occupations by ratio if there are none."""
    municipalities = len(
        yaml.load(_read(data_dir / "municipalities.yml"), Loader=yaml.CSafeLoader)["municipalities"]
    )

    def files(kind: str) -> int:
        return len(list((data_dir / str(KINDS[kind].folder)).glob("*.yml")))

    programmes = files("programme") * factor
    occupations = files("occupation") * factor or _occupations_for(programmes)
    return Counts(
        municipalities=municipalities * factor,
        providers=files("provider") * factor,
        programmes=programmes,
        companies=files("company") * factor,
        occupations=occupations,
    )


def _occupations_for(programmes: int) -> int:
    return min(120, max(5, programmes // 50))


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# --- Word lists -------------------------------------------------------------------------------

PLACE_STARTS = (
    "Al", "Alm", "Ask", "Berg", "Björk", "Bred", "Bäck", "Dal", "Ek", "Fager", "Fors", "Gran",
    "Grund", "Guld", "Hag", "Hammar", "Hed", "Holm", "Hög", "Järn", "Kall", "Kopp", "Kvarn", "Lid",
    "Lin", "Ljung", "Lund", "Lång", "Mal", "Mo", "Myr", "Norr", "Ny", "Näs", "Ren", "Rön", "Sand",
    "Silver", "Sjö", "Sten", "Strand", "Ström", "Sval", "Söder", "Tall", "Tjärn", "Vall", "Väster",
    "Älv", "Ås", "Öster", "Ör",
)  # fmt: skip
PLACE_ENDS = (
    "backa", "berg", "bo", "by", "dal", "fors", "hamn", "heden", "holm", "hult", "köping", "lunda",
    "mark", "näs", "ryd", "sjö", "stad", "ström", "sund", "torp", "vik", "å", "ås", "älv", "ö",
)  # fmt: skip
SCHOOL_ROOTS = (
    "Ekbacka", "Björkhaga", "Tallbacka", "Strandvik", "Älvdal", "Kvarnby", "Forsheden", "Lindhaga",
    "Granlunda", "Sjöviks", "Stenhammar", "Vallby", "Åsby", "Norrbacka", "Solvik", "Hagaberg",
    "Rönnbacka", "Almhaga", "Ljungby", "Hedbacka", "Bergså", "Nyhems", "Torpa", "Furulunds",
)  # fmt: skip
COMPANY_ROOTS = (
    "Norr", "Berg", "Stål", "Fors", "Älv", "Gran", "Kvarn", "Hammar", "Lind", "Ek", "Sval", "Mal",
    "Järn", "Tall", "Vind", "Polar", "Fjäll", "Myr", "Sten", "Ström", "Björk", "Nord", "Sand",
    "Vall", "Hed", "Lo", "Ren", "Is", "Sol", "Tjäl", "Kopp", "Gnist", "Frost", "Dal", "Hög",
)  # fmt: skip
COMPANY_MIDDLES = (
    "verk", "mek", "tek", "plåt", "svets", "tech", "matic", "el", "kraft", "hydraulik", "gjuteri",
    "form", "trä", "lyft", "flex", "prod",
)  # fmt: skip
COMPANY_FORMS = (
    "AB", "Mekaniska AB", "Industri AB", "& Söner AB", "Teknik AB", "Svets AB", "Automation AB",
    "Elektro AB", "Produktion AB", "Verkstad AB", "Maskin AB", "Komponenter AB", "Nordic AB",
)  # fmt: skip
INDUSTRIES = (
    "Skogsmaskiner", "Verkstadsindustri", "Gruvindustri", "Sågverk och trävaror", "Livsmedel",
    "Fordonsindustri", "Energi", "Plåtbearbetning", "Automation och robotik", "Elinstallation",
    "Processindustri", "Lyftutrustning", "Hydraulik", "Industriell IT", "Gjuteri", "Underhåll",
)  # fmt: skip
OFFERS = ("apl", "lia", "studiebesok", "sommarjobb", "anstallning", "larling", "foredrag")

# (name, code, areas, orientations) for national upper secondary programmes.
GYMNASIUM = (
    ("Teknikprogrammet", "TE", ("teknik", "digitalisering"),
     (("Produktionsteknik", "TEPRO"), ("Design och produktutveckling", "TEDES"),
      ("Informations- och medieteknik", "TEINF"), ("Teknikvetenskap", "TETEK"))),
    ("Industritekniska programmet", "IN", ("produktion", "teknik"),
     (("Produkt- och maskinteknik", "INPRM"), ("Processteknik", "INPRO"),
      ("Svetsteknik", "INSVE"), ("Driftsäkerhet och underhåll", "INDRI"))),
    ("El- och energiprogrammet", "EE", ("energi", "automation"),
     (("Automation", "EEAUT"), ("Elteknik", "EEELT"), ("Energiteknik", "EEENE"),
      ("Dator- och kommunikationsteknik", "EEDAT"))),
    ("VVS- och fastighetsprogrammet", "VF", ("energi", "teknik"),
     (("VVS", "VFVVS"), ("Fastighet", "VFFAS"))),
)  # fmt: skip
ADULT = (
    ("CNC-operatör", ("produktion",)),
    ("Svetsare", ("produktion",)),
    ("Industritekniker", ("produktion", "teknik")),
    ("Underhållsmekaniker", ("produktion", "teknik")),
    ("Elektriker", ("energi",)),
    ("Automationstekniker", ("automation",)),
    ("Processoperatör", ("produktion", "automation")),
    ("Plåtslagare", ("produktion",)),
    ("Truck- och lagerarbete i industrin", ("produktion",)),
    ("Industriell digitalisering", ("digitalisering", "automation")),
)
HIGHER_VOCATIONAL = (
    ("Automationsingenjör", ("automation", "digitalisering")),
    ("Produktionstekniker", ("produktion", "teknik")),
    ("Underhållstekniker", ("produktion", "teknik")),
    ("Drifttekniker kraft och energi", ("energi",)),
    ("Konstruktör inom maskinteknik", ("teknik",)),
    ("Utvecklare av inbyggda system", ("digitalisering",)),
    ("Elkraftingenjör", ("energi",)),
    ("Kvalitetstekniker", ("produktion",)),
    ("Robottekniker", ("automation",)),
    ("Industriell IT-tekniker", ("digitalisering", "automation")),
)
OCCUPATIONS = (
    ("CNC-operatör", ("produktion",)), ("Svetsare", ("produktion",)),
    ("Automationstekniker", ("automation",)), ("Underhållstekniker", ("produktion", "teknik")),
    ("Elektriker", ("energi",)), ("Processoperatör", ("produktion", "automation")),
    ("Produktionstekniker", ("produktion", "teknik")), ("Robottekniker", ("automation",)),
    ("Drifttekniker", ("energi",)), ("Konstruktör", ("teknik",)),
    ("Kvalitetstekniker", ("produktion",)), ("Industrielektriker", ("energi", "automation")),
    ("Maskinoperatör", ("produktion",)), ("Plåtslagare", ("produktion",)),
    ("Industriell IT-tekniker", ("digitalisering",)), ("Montör", ("produktion",)),
    ("Mekatroniker", ("automation", "teknik")), ("VVS-montör", ("energi", "teknik")),
    ("Mekatroniker", ("automation", "teknik")), ("Logistiktekniker", ("digitalisering",)),
)  # fmt: skip
OCCUPATION_FIELDS = (
    "gruvindustrin", "skogsindustrin", "verkstadsindustrin", "energibranschen",
    "livsmedelsindustrin", "processindustrin",
)  # fmt: skip
LEARN = (
    "Att läsa ritningar och mäta med precision", "Svetsning och montering",
    "Programmering av CNC-maskiner", "Felsökning i el- och styrsystem",
    "Underhåll, säkerhet och kvalitet i produktionen", "Att programmera industrirobotar",
    "Hydraulik och pneumatik", "Grunderna i ellära och elsäkerhet", "CAD och 3D-modellering",
    "Att planera och leda arbetet i ett lag", "Mätteknik och kvalitetskontroll",
    "Energisystem och energieffektivisering", "Digitala verktyg för produktionsuppföljning",
)  # fmt: skip
FURTHER = ("Vidare studier på yrkeshögskola", "Vidare studier på högskola", "Eget företag")
SUMMARIES = (
    "{name} hos {provider} i {place}, en teknisk utbildning som leder till arbete i industrin "
    "eller till vidare studier.",
    "En utbildning i {place} för dig som vill arbeta med modern industriteknik, med praktik hos "
    "företag i kommunen.",
    "{provider} erbjuder {name} i nära samarbete med industrin i {place}.",
)  # fmt: skip
SENTENCES = (
    "Utbildningen sker i nära samarbete med företag i {place}, och en stor del av tiden är du "
    "ute på arbetsplatser.",
    "Du arbetar i moderna verkstäder och labb med samma maskiner som industrin använder.",
    "Lärarna har själva arbetat i industrin och undervisningen utgår från verkliga uppdrag.",
    "Efter utbildningen har de flesta elever jobb inom ett halvår, många hos företagen där de "
    "gjorde sin praktik.",
    "Utbildningen passar dig som tycker om att förstå hur saker fungerar och att lösa problem "
    "tillsammans med andra.",
    "Företagen i {place} deltar i **programrådet** och är med och bestämmer vad utbildningen "
    "ska innehålla.",
    "Du får branschcertifikat under utbildningen, till exempel i heta arbeten och säkra lyft.",
    "Utbildningen kan kombineras med studier i svenska för den som behöver det.",
    "Under sista året gör du ett examensarbete som ofta beställs av ett av partnerföretagen.",
    "Mer om arbetsmarknaden finns hos [Arbetsförmedlingen](https://arbetsformedlingen.se).",
)  # fmt: skip
PROVIDER_SENTENCES = (
    "{name} är en skola i {place} med lång erfarenhet av tekniska och industriella utbildningar.",
    "Skolan samarbetar med företag i hela {place} om praktikplatser, studiebesök och "
    "examensarbeten.",
    "Verkstäderna och labben förnyades nyligen med stöd från kommunen och näringslivet.",
    "Här studerar både ungdomar och vuxna, och flera utbildningar kan läsas på distans.",
    "Skolan har ett **teknikcenter** där elever och företag möts i gemensamma projekt.",
)  # fmt: skip
COMPANY_SENTENCES = (
    "{name} är ett familjeägt företag i {place} med ett sextiotal anställda.",
    "Företaget tar emot elever på praktik varje år och anställer gärna dem som gått utbildningen.",
    "Produktionen är till stor del automatiserad, och företaget söker ständigt tekniker och "
    "operatörer.",
    "{name} levererar komponenter till industrin i hela Norden.",
    "Företaget deltar i programråd och bjuder in klasser på studiebesök.",
)  # fmt: skip
DAY_SENTENCES = (
    "Dagen börjar med ett kort möte om vad som ska göras och vilka maskiner som behöver tillsyn.",
    "Sedan ställer du in maskiner, kör produktion och kontrollerar att detaljerna håller måtten.",
    "När något stannar letar du fel tillsammans med kollegor och ser till att det fungerar igen.",
    "På eftermiddagen dokumenterar du arbetet och planerar nästa dags uppgifter.",
)  # fmt: skip
CONTACT_ROLES = ("Studie- och yrkesvägledare", "Utbildningsledare", "Rektor", "Expedition")
STREETS = ("Skolvägen", "Industrigatan", "Storgatan", "Verkstadsvägen", "Parkvägen", "Kyrkogatan")
FIRST_DAY = "Utbildningen startar i augusti."

# "none": no decision, so no certification block (shown as not certified).
CERTIFICATION_MIX = (("none", 40), ("in_review", 12), ("certified", 40), ("decertified", 5))
MEMBERSHIP_MIX = (("member", 35), ("letter_of_intent", 30), ("none", 35))
PROVIDER_MIX = (("gymnasieskola", 55), ("komvux", 20), ("yrkeshogskola", 12), ("larcentrum", 13))


# --- Small helpers ----------------------------------------------------------------------------

_ASCII = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "&": " "})


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold().translate(_ASCII)).strip("-")


def _pick(rng: random.Random, weighted: Sequence[tuple[str, int]]) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def _first_free(candidates: Iterable[str], taken: set[str]) -> str:
    """The first candidate that is not taken yet; it is taken from now on."""
    for value in itertools.islice(candidates, 10_000):
        if value not in taken:
            taken.add(value)
            return value
    raise ValueError("hittade inget unikt namn — be om färre poster")


def _numbered(base: str, separator: str = "-") -> Iterator[str]:
    """base, base-2, base-3, …"""
    yield base
    for n in itertools.count(2):
        yield f"{base}{separator}{n}"


def _sentences(rng: random.Random, pool: Sequence[str], n: int, **names: str) -> str:
    return " ".join(s.format(**names) for s in rng.sample(pool, min(n, len(pool))))


def _website(slug: str) -> str:
    return f"https://www.{slug}.example.se"


def _source(
    publisher: str, title: str, published: date, rng: random.Random, slug: str | None = None
) -> dict[str, Any]:
    """A dated source; read a few days to a few months after it was published."""
    source: dict[str, Any] = {"publisher": publisher, "title": title}
    if slug is not None and rng.random() < 0.7:
        source["url"] = f"{_website(slug)}/om-oss"
    source["published"] = published
    source["read_on"] = published + timedelta(days=rng.randint(0, 60))
    return source


# --- The generator ----------------------------------------------------------------------------


@dataclass
class Generated:
    region: dict[str, Any]
    municipalities: list[dict[str, Any]]
    providers: dict[str, dict[str, Any]]
    programmes: dict[str, dict[str, Any]]
    companies: dict[str, dict[str, Any]]
    occupations: dict[str, dict[str, Any]]

    def records(self) -> dict[str, dict[str, dict[str, Any]]]:
        """The records of every kind kept one per file, by kind name (kinds.py). No role
        models: their stories are about real people and published only with consent. No
        events or admission dates either: the benchmarks measure the programme pages."""
        return {
            "provider": self.providers,
            "programme": self.programmes,
            "company": self.companies,
            "occupation": self.occupations,
            "role_model": {},
            "event": {},
            "admission": {},
        }


class Generator:
    def __init__(self, counts: Counts, *, seed: int, today: date, expired: float) -> None:
        self.counts = counts
        self.rng = random.Random(seed)
        self.today = today
        self.expired = expired
        self.place_names: dict[str, str] = {}  # municipality id -> name

    def verified_on(self) -> date:
        return self.today - timedelta(days=self.rng.randint(0, 300))

    def published(self) -> date:
        """A publication date in the last two years, early enough to be read by today."""
        return self.today - timedelta(days=self.rng.randint(61, 700))

    def generate(self) -> Generated:
        municipalities = self.municipalities()
        companies = self.companies(municipalities)
        providers = self.providers(municipalities)
        programmes = self.programmes(providers, companies)
        occupations = self.occupations(programmes, companies)
        region = self.region(municipalities, companies)
        return Generated(region, municipalities, providers, programmes, companies, occupations)

    # --- municipalities ------------------------------------------------------------------

    def municipalities(self) -> list[dict[str, Any]]:
        rng = self.rng
        names = [a + b for a in PLACE_STARTS for b in PLACE_ENDS if a.casefold() != b]
        if self.counts.municipalities > len(names):
            raise ValueError(f"högst {len(names)} kommuner går att skapa")
        chosen = rng.sample(names, self.counts.municipalities)
        codes = rng.sample(range(100, 10_000), self.counts.municipalities)
        slugs: set[str] = set()
        result = []
        for name, code in zip(chosen, codes, strict=True):
            membership = _pick(rng, MEMBERSHIP_MIX)
            record: dict[str, Any] = {
                "id": _first_free(_numbered(slugify(name)), slugs),
                "name": name,
                "code": f"{code:04d}",
                "membership": membership,
            }
            if membership != "none":
                record["since"] = self.today - timedelta(days=rng.randint(30, 900))
                if rng.random() < 0.6:
                    record["co_financing"] = rng.randint(50, 400) * 1_000 + rng.randint(0, 999)
            record["verified_on"] = self.verified_on()
            record["sources"] = [
                _source(
                    f"{name} kommun",
                    f"Beslut om deltagande i Teknikcollege, {name} kommun",
                    self.published(),
                    rng,
                )
            ]
            self.place_names[record["id"]] = name
            result.append(record)
        return result

    # --- companies -----------------------------------------------------------------------

    def companies(self, municipalities: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        rng = self.rng
        names: set[str] = set()
        ids: set[str] = set()
        result = {}
        for _ in range(self.counts.companies):
            place = rng.choice(municipalities)
            root, middle, form = (
                rng.choice(COMPANY_ROOTS),
                rng.choice(COMPANY_MIDDLES),
                rng.choice(COMPANY_FORMS),
            )
            name = _first_free(
                itertools.chain(
                    (f"{root}{middle} {form}", f"{root}{middle} {place['name']} {form}"),
                    (f"{root}{middle} {n} {form}" for n in itertools.count(2)),
                ),
                names,
            )
            company_id = _first_free(_numbered(slugify(name.removesuffix(" AB"))), ids)
            record: dict[str, Any] = {"name": name}
            if rng.random() < 0.4:
                record["role"] = "co_financier"
                record["co_financing"] = rng.randint(10, 250) * 1_000 + rng.randint(0, 999)
            else:
                record["role"] = "letter_of_intent"
            if rng.random() < 0.8:
                record["website"] = _website(company_id)
            if rng.random() < 0.9:
                record["municipality"] = place["id"]
            record["industry"] = rng.choice(INDUSTRIES)
            record["offers"] = sorted(rng.sample(OFFERS, rng.randint(0, 4)), key=OFFERS.index)
            if rng.random() < 0.7:
                record["description"] = _sentences(
                    rng, COMPANY_SENTENCES, rng.randint(2, 4), name=name, place=place["name"]
                )
            record["verified_on"] = self.verified_on()
            record["sources"] = [
                _source(name, f"{name} om företaget", self.published(), rng, company_id)
            ]
            result[company_id] = record
        return result

    # --- providers -----------------------------------------------------------------------

    def providers(self, municipalities: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        rng = self.rng
        names: set[str] = set()
        ids: set[str] = set()
        result = {}
        for i in range(self.counts.providers):
            # Every municipality gets a provider before any gets a second one.
            place = municipalities[i] if i < len(municipalities) else rng.choice(municipalities)
            kind = _pick(rng, PROVIDER_MIX)
            name = _first_free(self._provider_names(kind, place["name"]), names)
            provider_id = _first_free(_numbered(slugify(name)), ids)
            record: dict[str, Any] = {"name": name, "municipality": place["id"], "kind": kind}
            if rng.random() < 0.8:
                record["website"] = _website(provider_id)
            if kind == "gymnasieskola":
                record["school_unit_code"] = f"{rng.randint(0, 99_999_999):08d}"
            if rng.random() < 0.6:
                record["address"] = {
                    "street": f"{rng.choice(STREETS)} {rng.randint(1, 60)}",
                    "postal_code": f"{rng.randint(100, 989)} {rng.randint(10, 99)}",
                    "city": place["name"],
                }
            if rng.random() < 0.6:
                record["contact"] = {
                    "name": rng.choice(CONTACT_ROLES),
                    "email": f"info@{provider_id}.example.se",
                    "phone": self._phone(),
                }
            if rng.random() < 0.8:
                record["description"] = _sentences(
                    rng, PROVIDER_SENTENCES, rng.randint(2, 4), name=name, place=place["name"]
                )
            record["verified_on"] = self.verified_on()
            record["sources"] = [
                _source(name, f"{name}s webbplats", self.published(), rng, provider_id)
            ]
            result[provider_id] = record
        return result

    def _provider_names(self, kind: str, place: str) -> Iterator[str]:
        """Names for a provider of `kind` in `place`, the most natural first."""
        rng = self.rng
        root = rng.choice(SCHOOL_ROOTS)
        if kind == "gymnasieskola":
            name = rng.choice((f"{root}gymnasiet", f"{root}skolan", f"{place} tekniska gymnasium"))
        elif kind == "komvux":
            name = rng.choice((f"Komvux {place}", f"Vuxenutbildningen i {place}"))
        elif kind == "yrkeshogskola":
            name = rng.choice((f"Yrkeshögskolan {place}", f"{root} yrkeshögskola"))
        else:
            name = rng.choice((f"Lärcentrum {place}", f"{place} lärcentrum"))
        yield name
        if place not in name:
            yield f"{name} i {place}"
        yield from _numbered(name, " ")

    # --- programmes ----------------------------------------------------------------------

    def programmes(
        self, providers: dict[str, dict[str, Any]], companies: dict[str, dict[str, Any]]
    ) -> dict[str, dict[str, Any]]:
        rng = self.rng
        provider_ids = list(providers)
        companies_in: dict[str, list[str]] = {}
        for company_id, company in companies.items():
            companies_in.setdefault(company.get("municipality", ""), []).append(company_id)
        all_companies = list(companies)
        ids: set[str] = set()
        result = {}
        for i in range(self.counts.programmes):
            provider_id = provider_ids[i] if i < len(provider_ids) else rng.choice(provider_ids)
            provider = providers[provider_id]
            record = self._programme(provider_id, provider)
            programme_id = _first_free(_numbered(f"{provider_id}-{slugify(record['name'])}"), ids)
            nearby = companies_in.get(provider["municipality"], []) or all_companies
            partners = rng.sample(nearby, min(len(nearby), rng.randint(0, 4)))
            if partners:
                record["partners"] = partners
            self._programme_text(record, provider)
            result[programme_id] = record
        return result

    def _programme(self, provider_id: str, provider: dict[str, Any]) -> dict[str, Any]:
        rng = self.rng
        kind = provider["kind"]
        record: dict[str, Any] = {"name": "", "provider": provider_id}
        if kind == "gymnasieskola":
            name, code, areas, orientations = rng.choice(GYMNASIUM)
            apprentice = rng.random() < 0.2
            record["name"] = f"{name} som lärling" if apprentice else name
            record["level"] = "larling" if apprentice else "gymnasium"
            record["programme_code"] = code
            if rng.random() < 0.6:
                orientation, orientation_code = rng.choice(orientations)
                record["orientation"] = {"name": orientation}
                if rng.random() < 0.7:
                    record["orientation"]["code"] = orientation_code
                record["name"] = f"{record['name']}, {orientation.lower()}"
        else:
            pool = HIGHER_VOCATIONAL if kind == "yrkeshogskola" else ADULT
            name, areas = rng.choice(pool)
            record["name"] = name
            record["level"] = "yrkeshogskola" if kind == "yrkeshogskola" else "vuxenutbildning"
        extra = rng.choice(("produktion", "automation", "teknik", "energi", "digitalisering"))
        record["areas"] = list(dict.fromkeys([*areas, extra] if rng.random() < 0.3 else areas))
        certification = self._certification()
        if certification:
            record["certification"] = certification
        return record

    def _certification(self) -> dict[str, Any] | None:
        rng = self.rng
        if rng.random() < self.expired:
            status, valid_until = "certified", self.today - timedelta(days=rng.randint(1, 400))
        else:
            status = _pick(rng, CERTIFICATION_MIX)
            valid_until = self.today + timedelta(days=rng.randint(120, 1000))
            if status == "decertified":
                valid_until = self.today - timedelta(days=rng.randint(30, 700))
        if status == "none":
            return None
        decided = (
            self.published() if status == "in_review" else valid_until - timedelta(days=3 * 365)
        )
        decision = _source(
            "Industrirådets granskningskommitté (syntetisk)",
            "Ansökan om granskning" if status == "in_review" else "Certifieringsbeslut",
            min(decided, self.today - timedelta(days=61)),
            rng,
        )
        if status == "in_review":
            return {"status": status, "source": decision}
        return {
            "status": status,
            "source": decision,
            "certified_on": valid_until - timedelta(days=3 * 365),
            "valid_until": valid_until,
        }

    def _programme_text(self, record: dict[str, Any], provider: dict[str, Any]) -> None:
        rng = self.rng
        place = self.place_names[provider["municipality"]]
        names = {"name": record["name"], "provider": provider["name"], "place": place}
        record["summary"] = rng.choice(SUMMARIES).format(**names)
        if rng.random() < 0.85:
            sentences = [s.format(**names) for s in rng.sample(SENTENCES, rng.randint(3, 5))]
            record["description"] = " ".join(sentences[:2]) + "\n\n" + " ".join(sentences[2:])
        record["what_you_learn"] = rng.sample(LEARN, rng.randint(3, 5))
        jobs = [name for name, _ in rng.sample(OCCUPATIONS, rng.randint(2, 4))]
        record["leads_to"] = [*jobs, rng.choice(FURTHER)]
        record["study"] = self._study(record["level"])
        record["apply"] = self._apply(record["level"])
        if rng.random() < 0.3:
            record["contact"] = {"name": rng.choice(CONTACT_ROLES), "phone": self._phone()}
        record["verified_on"] = self.verified_on()
        record["sources"] = [
            _source(
                provider["name"], f"{provider['name']} om {record['name']}", self.published(), rng
            )
        ]

    def _phone(self) -> str:
        rng = self.rng
        return f"0{rng.randint(10, 99)}-{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"

    def _study(self, level: str) -> dict[str, Any]:
        rng = self.rng
        if level in ("gymnasium", "larling"):
            return {"pace": "heltid", "distance": False, "duration": "3 år"}
        return {
            "pace": rng.choice(("heltid", "deltid", "flexibel")),
            "distance": rng.random() < 0.4,
            "duration": rng.choice(("20 veckor", "40 veckor", "1 år", "2 år")),
            "language_support": rng.random() < 0.5,
        }

    def _apply(self, level: str) -> dict[str, Any]:
        rng = self.rng
        if level in ("gymnasium", "larling"):
            how = (
                "Du söker i **gymnasievalet** under årskurs 9. Din studie- och yrkesvägledare "
                "berättar hur ansökan går till och vilka datum som gäller."
            )
        else:
            how = (
                "Du söker via kommunens vuxenutbildning eller direkt hos skolan. Prata gärna med "
                "en studie- och yrkesvägledare innan du söker."
            )
        apply: dict[str, Any] = {"how": how}
        if rng.random() < 0.5:
            apply["deadline"] = self.today + timedelta(days=rng.randint(-60, 200))
        if rng.random() < 0.5:
            apply["starts_on"] = self.today + timedelta(days=rng.randint(30, 300))
        return apply

    # --- occupations ---------------------------------------------------------------------

    def occupations(
        self, programmes: dict[str, dict[str, Any]], companies: dict[str, dict[str, Any]]
    ) -> dict[str, dict[str, Any]]:
        rng = self.rng
        programme_ids = list(programmes)
        company_ids = list(companies)
        names: set[str] = set()
        result = {}
        for i in range(self.counts.occupations):
            base, areas = OCCUPATIONS[i % len(OCCUPATIONS)]
            fields = (f"{base} inom {field}" for field in OCCUPATION_FIELDS)
            name = _first_free(itertools.chain((base,), fields, _numbered(base, " ")), names)
            occupation_id = slugify(name)
            record: dict[str, Any] = {
                "name": name,
                "areas": list(areas),
                "summary": f"Som {base.lower()} arbetar du med tekniken som håller industrin igång.",
                "what_you_do": _sentences(rng, SENTENCES, 2, place="regionen"),
                "a_day_at_work": _sentences(rng, DAY_SENTENCES, 3),
                "programmes": rng.sample(
                    programme_ids, min(len(programme_ids), rng.randint(2, 12))
                ),
                "employers": rng.sample(company_ids, min(len(company_ids), rng.randint(1, 6))),
                "figures": [
                    {
                        "label": "Medianlön 2025",
                        "value": f"{rng.randint(28, 48)} 000 kr i månaden",
                        "source": _source(
                            "Exempelkällan",
                            "Exempelkälla för lönestatistik (syntetisk data)",
                            self.published(),
                            rng,
                        ),
                    }
                ],
                "verified_on": self.verified_on(),
            }
            result[occupation_id] = record
        return result

    # --- region --------------------------------------------------------------------------

    def region(
        self, municipalities: list[dict[str, Any]], companies: dict[str, dict[str, Any]]
    ) -> dict[str, Any]:
        municipal = sum(m.get("co_financing", 0) for m in municipalities)
        private = sum(c.get("co_financing", 0) for c in companies.values())
        grant = municipal + private + self.rng.randint(1, 99_999)
        total = grant + municipal + private
        start = self.today - timedelta(days=120)
        return {
            "name": "Teknikcollege Exempelregionen",
            "short_name": "TC Exempel",
            "owner": {
                "name": "Exempelregionens Industriutveckling AB",
                "short_name": "EIU",
                "website": "https://www.eiu.example.se",
            },
            "funder": {"name": "Region Exempel", "website": "https://www.region.example.se"},
            "decision": f"EX {self.rng.randint(100, 999)}-{start.year}",
            "contact": {"name": "Projektledningen", "website": "https://www.eiu.example.se"},
            "project_period": {"start": start, "end": start + timedelta(days=2 * 365)},
            "goals": {"min_members": 3, "min_certified_per_member": 2},
            "financing": {
                "total_cost": total,
                "regional_grant": grant,
                "grant_max_share_percent": round(100 * grant / total + 0.005, 2) if total else 50.0,
            },
            "programme_data_preliminary": False,
            "verified_on": self.today,
            "sources": [
                _source(
                    "scripts/synthetic",
                    "Syntetisk data för prestandamätning",
                    self.today - timedelta(days=61),
                    self.rng,
                )
            ],
        }


def generate(counts: Counts, *, seed: int = 1, today: date, expired: float = 0.03) -> Generated:
    return Generator(counts, seed=seed, today=today, expired=expired).generate()


# --- Writing ----------------------------------------------------------------------------------


def write(data: Generated, out_dir: Path, header: str) -> None:
    """Write `data` in the layout of data/: one file per provider, programme, company, occupation."""
    out_dir.mkdir(parents=True, exist_ok=True)
    _dump(out_dir / str(KINDS["region"].file), data.region, header)
    municipalities = {"municipalities": data.municipalities}
    _dump(out_dir / str(KINDS["municipalities"].file), municipalities, header)
    for name, records in data.records().items():
        folder = out_dir / str(KINDS[name].folder)
        folder.mkdir()
        for record_id, record in records.items():
            _dump(folder / f"{record_id}.yml", record, header)


def _dump(path: Path, data: dict[str, Any], header: str) -> None:
    text = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )
    path.write_text(header + text, encoding="utf-8")


class TargetError(Exception):
    """The output folder must not be written to."""


def prepare_target(out_dir: Path, *, force: bool) -> None:
    """Refuse the repository's data/ (always) and a non-empty folder (unless `force`)."""
    target = out_dir.resolve()
    real = REAL_DATA.resolve()
    if target == real or real in target.parents:
        raise TargetError(f"{out_dir} är förrådets riktiga data — välj en annan mapp")
    if target == ROOT.resolve() or target in real.parents:
        raise TargetError(f"{out_dir} innehåller förrådets data/ — välj en tom mapp")
    if target.exists() and not target.is_dir():
        raise TargetError(f"{out_dir} finns redan och är ingen mapp")
    if target.is_dir() and any(target.iterdir()):
        if not force:
            raise TargetError(
                f"{out_dir} är inte tom — välj en tom mapp eller lägg till --force för att "
                "ersätta tidigare syntetisk data där"
            )
        for name in LAYOUT:
            old = target / name
            if old.is_dir():
                shutil.rmtree(old)
            elif old.exists():
                old.unlink()


# --- Command line -----------------------------------------------------------------------------


def counts_from_args(args: argparse.Namespace) -> Counts:
    if args.national:
        counts = NATIONAL
    elif args.scale:
        counts = counts_from_data(REAL_DATA, args.scale)
    else:
        counts = counts_from_programmes(args.programmes or 300)
    overrides = {
        name: getattr(args, name)
        for name in ("municipalities", "providers", "programmes", "companies", "occupations")
        if getattr(args, name) is not None
    }
    return replace(counts, **overrides)


def run(args: argparse.Namespace) -> int:
    """`python -m tcv synthetic` (its arguments are defined in tcv.cli)."""
    counts = counts_from_args(args)
    if min(counts.municipalities, counts.providers, counts.programmes, counts.companies) < 1:
        print("Alla antal utom yrken måste vara minst 1.", file=sys.stderr)
        return 2
    today = args.today or build_date()
    started = time.perf_counter()
    try:
        prepare_target(args.out, force=args.force)
        data = generate(counts, seed=args.seed, today=today, expired=args.expired)
    except (TargetError, ValueError) as error:
        print(f"Skapar ingen data: {error}", file=sys.stderr)
        return 2
    header = (
        f"# Syntetisk data från scripts/synthetic (frö {args.seed}, datum {today}); "
        "inga verkliga uppgifter.\n"
    )
    write(data, args.out, header)
    if args.official:
        from .synthetic_official import write_official

        print(
            write_official(
                args.out,
                seed=args.seed,
                today=today,
                extra_units=counts.providers,
                adult_events=counts.programmes * 5 // 6,
                occupations=counts.occupations,
            )
        )
    print(
        f"Skrev {counts.records} poster till {args.out}: {counts.municipalities} kommuner, "
        f"{counts.providers} anordnare, {counts.programmes} utbildningar, "
        f"{counts.companies} företag, {counts.occupations} yrken "
        f"({time.perf_counter() - started:.1f} s)."
    )
    return 0
