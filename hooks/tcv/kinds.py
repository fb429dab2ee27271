"""The kinds of record, declared once: where their files live, their model, their pages, what
editors call them and what they refer to. Loading, checks, URLs, the field reference, the JSON
Schemas, `scripts/new` and the open-data export read this registry; adding a kind of record is
one entry here plus its model (models.py) and its page template (theme_overrides/tcv/)."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from . import models


@dataclass(frozen=True)
class Reference:
    """A field whose value is the id of another record: `provider: dragonskolan`."""

    field: str
    kind: str  # the name of the kind referred to
    many: bool = False  # a list of ids, like `partners`


@dataclass(frozen=True)
class Kind:
    name: str  # also the schema's file stem: data/schemas/<name>.schema.json
    model: type[BaseModel]
    title: str  # Swedish, as a heading: "Utbildning"
    description: str  # Swedish, for the field reference, the schema and the new file's header
    swedish: str  # Swedish word in URLs and on the command line: "utbildning"
    the: str  # Swedish definite form in messages: "utbildningen"
    folder: str | None = None  # one file per record: data/<folder>/<id>.yml
    file: str | None = None  # or one file for all: data/<file>
    url: str | None = None  # the prefix of its pages: "utbildningar/"
    template: str | None = None  # its page template in theme_overrides/tcv/
    aliases: tuple[str, ...] = ()  # more words for `scripts/new`
    references: tuple[Reference, ...] = ()

    @property
    def location(self) -> str:
        return f"data/{self.folder}/<id>.yml" if self.folder else f"data/{self.file}"

    @property
    def where(self) -> str:
        """Where an editor finds the ids of this kind, for 'did you mean' hints."""
        return f"data/{self.folder}/" if self.folder else f"{self.file}"

    @property
    def schema_file(self) -> str:
        return f"{self.name}.schema.json"

    @property
    def schema_line(self) -> str:
        """The first line of every data file of this kind: VS Code finds the schema through it."""
        prefix = "../" if self.folder else ""
        return f"# yaml-language-server: $schema={prefix}schemas/{self.schema_file}"


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "programme",
            models.Programme,
            "Utbildning",
            "En utbildning (eventuellt en inriktning) hos en anordnare. Filnamnet är utbildningens id.",
            "utbildning",
            "utbildningen",
            folder="programmes",
            url="utbildningar/",
            template="programme.html",
            aliases=("programmes", "utbildningar"),
            references=(Reference("provider", "provider"), Reference("partners", "company", True)),
        ),
        Kind(
            "provider",
            models.Provider,
            "Anordnare",
            "En utbildningsanordnare, t.ex. en gymnasieskola eller en vuxenutbildning. "
            "Filnamnet är anordnarens id.",
            "anordnare",
            "anordnaren",
            folder="providers",
            url="anordnare/",
            template="provider.html",
            aliases=("providers", "skola"),
            references=(Reference("municipality", "municipality"),),
        ),
        Kind(
            "company",
            models.Company,
            "Företag",
            "Ett företag eller en organisation som deltar i Teknikcollege Västerbotten. "
            "Filnamnet är företagets id.",
            "foretag",
            "företaget",
            folder="companies",
            url="foretag/",
            template="company.html",
            aliases=("companies", "företag"),
            references=(Reference("municipality", "municipality"),),
        ),
        Kind(
            "occupation",
            models.Occupation,
            "Yrke",
            "Ett yrke som utbildningarna leder till. Filnamnet är yrkets id.",
            "yrke",
            "yrket",
            folder="occupations",
            url="yrken/",
            template="occupation.html",
            aliases=("occupations", "yrken"),
            references=(
                Reference("programmes", "programme", True),
                Reference("employers", "company", True),
            ),
        ),
        Kind(
            "role_model",
            models.RoleModel,
            "Förebild",
            "En förebild som berättar om sitt yrke. Ingen berättelse utan samtycke. "
            "Filnamnet är förebildens id.",
            "forebild",
            "förebilden",
            folder="role_models",
            url="forebilder/",
            template="role_model.html",
            aliases=("role-model", "role_models", "förebild", "forebilder", "förebilder"),
            references=(Reference("employer", "company"), Reference("programme", "programme")),
        ),
        Kind(
            "event",
            models.Event,
            "Evenemang",
            "Ett öppet hus, en prova-på-dag, en tjejdag, ett studiebesök, en informationskväll "
            "eller en workshop, alltid med en källa. Tider skrivs i svensk tid. "
            "Filnamnet är evenemangets id.",
            "evenemang",
            "evenemanget",
            folder="events",
            url="aktuellt/",
            template="event.html",
            aliases=("events", "aktuellt"),
            references=(
                Reference("municipality", "municipality"),
                Reference("provider", "provider"),
                Reference("programmes", "programme", True),
            ),
        ),
        Kind(
            "admission",
            models.Admission,
            "Gymnasieantagning",
            "Länets gemensamma antagning till gymnasiet ett år: antagningskansliet och de datum "
            "det har publicerat, vart och ett med sin källa. Datum som inte är publicerade "
            "utelämnas. Varje steg står en gång, och inget steg får ha ett tidigare datum än "
            "ett steg som kommer före det i året. Filnamnet är antagningens år, t.ex. 2027.yml.",
            "antagning",
            "antagningen",
            folder="admissions",
            aliases=("admissions", "gymnasieantagning", "gymnasieval"),
        ),
        Kind(
            "municipalities",
            models.MunicipalityList,
            "Kommuner",
            "Västerbottens kommuner och deras anslutning till Teknikcollege Västerbotten, "
            "alla i en fil.",
            "kommuner",
            "kommunen",
            file="municipalities.yml",
            url="kommuner/",
            template="municipality.html",
        ),
        Kind(
            "region",
            models.Region,
            "Teknikcollege Västerbotten",
            "Vem som driver Teknikcollege Västerbotten, målen, projektperioden och finansieringen.",
            "regionen",
            "regionen",
            file="region.yml",
        ),
    )
}

# A municipality is referred to by the id of its entry in municipalities.yml.
_TARGETS = {"municipality": "municipalities"}


def target(reference: Reference) -> Kind:
    """The kind a reference points to."""
    return KINDS[_TARGETS.get(reference.kind, reference.kind)]


def record_folders() -> dict[str, Kind]:
    """The kinds with one file per record, by folder."""
    return {kind.folder: kind for kind in KINDS.values() if kind.folder}


def single_files() -> tuple[str, ...]:
    return tuple(kind.file for kind in KINDS.values() if kind.file)
