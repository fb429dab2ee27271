"""The records editors write in `data/`, as strict pydantic models.

Strict types catch YAML 1.1 surprises (`no` read as false, `0123` read as a number); unknown keys
are refused so that a misspelt field never disappears silently. Field descriptions are Swedish:
they feed the field reference and the JSON Schemas that editors see.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal, get_args
from zoneinfo import ZoneInfo

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from .markdown_text import disallowed_links

# --- Shared field types -------------------------------------------------------------------------

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
HTTPS_PATTERN = r"""^https://[^\s<>"']+$"""
EMAIL_PATTERN = r"""^[^@\s<>"']+@[^@\s<>"']+\.[a-z]{2,}$"""
PHONE_PATTERN = r"^\+?[0-9][0-9 -]{5,}$"
POSTAL_CODE_PATTERN = r"^[0-9]{3} ?[0-9]{2}$"
IMAGE_FILE_PATTERN = r"^[a-z0-9-]+\.(webp|avif|jpg|png)$"
PARTIAL_DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
# Arbetsförmedlingen's concept ids (yb_concept_id in the Yrkesbarometer): letters, digits, '_'.
CONCEPT_ID_PATTERN = r"^[A-Za-z0-9_]{3,40}$"

# A hint for every pattern above, in the words an editor understands.
PATTERN_HINTS = {
    SLUG_PATTERN: "använd bara små bokstäver a–z, siffror och bindestreck, t.ex. 'skelleftea'",
    HTTPS_PATTERN: "skriv en fullständig adress som börjar med https://",
    EMAIL_PATTERN: "skriv en e-postadress som namn@example.se",
    PHONE_PATTERN: "skriv numret med siffror, t.ex. 090-123 45 67 eller +46 90 123 45 67",
    r"^[0-9]{4}$": "SCB:s kommunkod har fyra siffror, t.ex. '2480', inom citattecken",
    r"^[0-9]{8}$": "Skolverkets skolenhetskod har åtta siffror, t.ex. '12345678', inom citattecken",
    r"^[A-Z]{2}$": "nationell programkod med två versaler, t.ex. TE, IN eller EE",
    r"^[A-Z0-9]{4,10}$": "inriktningskod med versaler och siffror, t.ex. EEAUT",
    POSTAL_CODE_PATTERN: "fem siffror, gärna med mellanslag, inom citattecken, t.ex. '901 84'",
    IMAGE_FILE_PATTERN: "filnamn med små bokstäver, siffror och bindestreck som slutar på "
    ".webp, .avif, .jpg eller .png",
    PARTIAL_DATE_PATTERN: "skriv året, året och månaden eller hela datumet, "
    "t.ex. 2016, 2016-06 eller 2016-06-15",
    CONCEPT_ID_PATTERN: "Arbetsförmedlingens yb_concept_id som det står i Yrkesbarometern: "
    "bokstäver, siffror och understreck, inom citattecken",
}

_HTML_TAG = re.compile(r"<(?![a-z][a-z0-9+.-]*:)[a-zA-Z/!?]")


def _plain(value: str) -> str:
    if "<" in value or ">" in value:
        raise ValueError("får inte innehålla < eller > — skriv vanlig text utan HTML")
    if value != value.strip():
        raise ValueError("börjar eller slutar med mellanslag — ta bort mellanslagen")
    return value


def _markdown(value: str) -> str:
    if _HTML_TAG.search(value):
        raise ValueError(
            "innehåller HTML — skriv vanlig text eller Markdown, t.ex. **fet** och [länk](https://…)"
        )
    for link in disallowed_links(value):
        raise ValueError(
            f"länken '{link}' är inte tillåten — länkar ska börja med https:, mailto: eller tel:"
        )
    return value


def _partial_date_text(value: object) -> object:
    """YAML reads 2016 as a number and 2016-06-15 as a date; both are kept as text."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _real_partial_date(value: str) -> str:
    if len(value) == 4:  # a year: the pattern has said all there is to say
        return value
    try:  # the pattern has made it YYYY-MM or YYYY-MM-DD
        date.fromisoformat(value if len(value) == 10 else f"{value}-01")
    except ValueError:
        raise ValueError(
            f"{value} är inget riktigt datum — kontrollera månaden (01–12) och dagen"
        ) from None
    return value


Slug = Annotated[str, Field(pattern=SLUG_PATTERN)]
# A date known to the year, the month or the day: 2016, 2016-06 or 2016-06-15.
PartialDate = Annotated[
    str,
    BeforeValidator(_partial_date_text),
    Field(pattern=PARTIAL_DATE_PATTERN),
    AfterValidator(_real_partial_date),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1900, "maximum": 2100},
                {"type": "string", "pattern": PARTIAL_DATE_PATTERN},
            ]
        }
    ),
]
PlainText = Annotated[str, Field(min_length=1), AfterValidator(_plain)]
MarkdownText = Annotated[str, Field(min_length=1), AfterValidator(_markdown)]
HttpsUrl = Annotated[str, Field(pattern=HTTPS_PATTERN)]
Email = Annotated[str, Field(pattern=EMAIL_PATTERN)]
Phone = Annotated[str, Field(pattern=PHONE_PATTERN)]
Kronor = Annotated[int, Field(ge=0)]

Area = Literal["produktion", "automation", "teknik", "energi", "digitalisering"]
Level = Literal["gymnasium", "vuxenutbildning", "yrkeshogskola", "larling"]
ProviderKind = Literal["gymnasieskola", "komvux", "yrkeshogskola", "larcentrum"]
Membership = Literal["member", "letter_of_intent", "none"]
CertificationStatus = Literal["in_review", "certified", "decertified"]
CompanyRole = Literal["co_financier", "letter_of_intent"]
Offer = Literal["apl", "lia", "studiebesok", "sommarjobb", "anstallning", "larling", "foredrag"]
Pace = Literal["heltid", "deltid", "flexibel"]
Audience = Literal["flickor_kvinnor", "utrikes_fodda", "karriarvaxlare", "unga", "foraldrar"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Source(Model):
    """Var uppgifterna kommer ifrån."""

    publisher: PlainText = Field(
        description="Vem som gav ut källan, t.ex. 'Region Västerbotten' eller 'Elinstallatören'"
    )
    title: PlainText = Field(description="Källans titel som den publicerades")
    url: HttpsUrl | None = Field(
        None, description="Adress till källan; utelämnas bara om källan inte finns på webben"
    )
    published: PartialDate = Field(
        description="När källan publicerades: år, år och månad eller datum (2016, 2016-06, 2016-06-15)"
    )
    read_on: PartialDate = Field(
        description="När en redaktör läste källan: år och månad eller datum (2026-11 eller 2026-11-28)"
    )

    @model_validator(mode="after")
    def _read_after_published(self) -> Source:
        if len(self.read_on) == 4:
            raise ValueError(
                "read_on behöver minst år och månad — skriv t.ex. 2026-11 eller 2026-11-28"
            )
        if self.read_on[: len(self.published)] < self.published[: len(self.read_on)]:
            raise ValueError(
                f"källan lästes ({self.read_on}) före den publicerades ({self.published}) — "
                "kontrollera published och read_on"
            )
        return self

    @property
    def published_year(self) -> int:
        return int(self.published[:4])


class Contact(Model):
    """Kontaktvägar. Minst en av dem."""

    name: PlainText | None = Field(
        None, description="Person eller funktion, t.ex. 'Studie- och yrkesvägledare'"
    )
    email: Email | None = None
    phone: Phone | None = None
    website: HttpsUrl | None = None

    @model_validator(mode="after")
    def _has_a_route(self) -> Contact:
        if not (self.email or self.phone or self.website):
            raise ValueError(
                "kontakten saknar e-post, telefon och webbplats — ange minst en av dem"
            )
        return self


class Address(Model):
    street: PlainText = Field(description="Gatuadress")
    postal_code: Annotated[str, Field(pattern=POSTAL_CODE_PATTERN)] = Field(
        description="Postnummer, t.ex. '901 84'"
    )
    city: PlainText = Field(description="Postort")


class Record(Model):
    """Fields every editable record has."""

    verified_on: date | None = Field(
        None,
        description="Datum då en redaktör stämde av uppgifterna med skolan, kommunen, företaget "
        "eller ett officiellt register (ÅÅÅÅ-MM-DD). Utelämnas när uppgifterna bara bygger på "
        "källorna, t.ex. nyhetsartiklar",
    )
    sources: list[Source] = Field(default_factory=list, description="Källor till uppgifterna")

    def source_years(self) -> tuple[int, int] | None:
        """The oldest and the newest year among the sources, or None without sources."""
        years = [source.published_year for source in self.sources]
        return (min(years), max(years)) if years else None


class FileRecord(Record):
    """A record stored in a file of its own: the file name is its id."""

    id: Slug = Field(description="Postens id; samma som filnamnet utan .yml (fylls i automatiskt)")


# --- Region -------------------------------------------------------------------------------------


class Organisation(Model):
    name: PlainText
    short_name: PlainText | None = None
    website: HttpsUrl | None = None


class Period(Model):
    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end <= self.start:
            raise ValueError("slutdatumet ligger före startdatumet — end ska vara efter start")
        return self


class Goals(Model):
    min_members: Annotated[int, Field(ge=1)] = Field(
        description="Minsta antal kommuner som ansluter långsiktigt"
    )
    min_certified_per_member: Annotated[int, Field(ge=1)] = Field(
        description="Minsta antal certifierade utbildningar per ansluten kommun"
    )


class Financing(Model):
    total_cost: Kronor = Field(description="Projektets godkända kostnad i kronor")
    regional_grant: Kronor = Field(description="Region Västerbottens bidrag i kronor")
    grant_max_share_percent: Annotated[float, Field(gt=0, le=100)] | None = Field(
        None, description="Bidragets högsta andel av godkända kostnader i procent"
    )


class Region(Record):
    name: PlainText
    short_name: PlainText
    owner: Organisation = Field(description="Projektägare")
    funder: Organisation = Field(description="Finansiär av etableringsprojektet")
    decision: PlainText = Field(description="Beslutets diarienummer")
    contact: Contact
    project_period: Period
    goals: Goals
    financing: Financing
    programme_data_preliminary: bool = Field(
        description="true så länge utbildningsuppgifterna är preliminära; webbplatsen säger det då tydligt"
    )


# --- Municipalities -----------------------------------------------------------------------------


class Municipality(Record):
    id: Slug
    name: PlainText
    code: Annotated[str, Field(pattern=r"^[0-9]{4}$")] = Field(
        description="SCB:s kommunkod, t.ex. '2480'"
    )
    membership: Membership = Field(
        description="member = ansluten, letter_of_intent = avsiktsförklaring, none = inte ansluten"
    )
    since: date | None = Field(
        None, description="Sedan när anslutningen eller avsiktsförklaringen gäller"
    )
    co_financing: Kronor | None = Field(
        None, description="Medfinansiering av etableringen i kronor"
    )

    @model_validator(mode="after")
    def _member_since(self) -> Municipality:
        if self.membership == "member" and self.since is None:
            raise ValueError(
                "en ansluten kommun (member) behöver since — ange datumet för anslutningen"
            )
        return self


class MunicipalityList(Model):
    municipalities: list[Municipality] = Field(min_length=1)


# --- Providers ----------------------------------------------------------------------------------


class Provider(FileRecord):
    name: PlainText
    municipality: Slug = Field(description="Kommunens id i municipalities.yml")
    kind: ProviderKind
    website: HttpsUrl | None = None
    school_unit_code: Annotated[str, Field(pattern=r"^[0-9]{8}$")] | None = Field(
        None, description="Skolverkets skolenhetskod (åtta siffror, inom citattecken)"
    )
    address: Address | None = None
    contact: Contact | None = None
    description: MarkdownText | None = Field(None, description="Beskrivning i Markdown")


# --- Programmes ---------------------------------------------------------------------------------


class Certification(Model):
    """A Teknikcollege status that a decision gave the programme; never without its source."""

    status: CertificationStatus = Field(
        description="Statusen som beslutet eller ansökan i source ger utbildningen"
    )
    source: Source = Field(
        description="Beslutet eller ansökan som ger statusen: certifieringsbeslutet, ansökan om "
        "granskning eller beslutet om avcertifiering"
    )
    certified_on: date | None = None
    valid_until: date | None = None

    @model_validator(mode="after")
    def _dates(self) -> Certification:
        if self.status == "certified" and (self.certified_on is None or self.valid_until is None):
            raise ValueError(
                "en certifierad utbildning behöver både certified_on och valid_until — "
                "ange datumen från certifieringsbeslutet"
            )
        if self.certified_on and self.valid_until and self.valid_until <= self.certified_on:
            raise ValueError(
                "valid_until ligger före certified_on — giltighetstiden ska sluta efter certifieringsdatumet"
            )
        return self

    def state_on(self, today: date) -> str:
        """What a visitor should be told on `today`: an expired certification is never 'certified'."""
        if self.status == "certified" and self.valid_until is not None and self.valid_until < today:
            return "expired"
        return self.status

    def is_valid_on(self, today: date) -> bool:
        return self.state_on(today) == "certified"


# What a programme without any Teknikcollege decision is shown as.
NOT_CERTIFIED = "none"


class Orientation(Model):
    name: PlainText
    code: Annotated[str, Field(pattern=r"^[A-Z0-9]{4,10}$")] | None = Field(
        None, description="Skolverkets inriktningskod, om den är känd"
    )


class Application(Model):
    how: MarkdownText = Field(description="Hur man söker, i Markdown")
    url: HttpsUrl | None = Field(None, description="Länk till ansökan")
    deadline: date | None = Field(None, description="Sista ansökningsdag")
    starts_on: date | None = Field(None, description="Första dagen på utbildningen")


class Study(Model):
    """How the programme is studied; matters most to adults."""

    pace: Pace | None = None
    distance: bool | None = Field(None, description="true om utbildningen kan läsas på distans")
    duration: PlainText | None = Field(None, description="Längd, t.ex. '3 år' eller '40 veckor'")
    language_support: bool | None = Field(
        None, description="true om den kan kombineras med svenska (sfi/sva)"
    )


class Programme(FileRecord):
    name: PlainText
    provider: Slug = Field(description="Anordnarens id (filnamnet i data/providers/)")
    level: Level
    programme_code: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = Field(
        None, description="Nationell programkod, t.ex. TE, IN eller EE"
    )
    orientation: Orientation | None = None
    areas: Annotated[list[Area], Field(min_length=1)]
    certification: Certification | None = Field(
        None,
        description="Bara när ett beslut eller en ansökan med källa finns; utan certification "
        "visas utbildningen som inte certifierad",
    )
    partners: list[Slug] = Field(default_factory=list, description="Partnerföretagens id")
    summary: PlainText = Field(
        description="En eller två meningar om utbildningen; visas i listor och sökmotorer"
    )
    description: MarkdownText | None = Field(None, description="Längre beskrivning i Markdown")
    what_you_learn: list[PlainText] = Field(default_factory=list)
    leads_to: list[PlainText] = Field(
        default_factory=list, description="Yrken eller studier som utbildningen leder till"
    )
    study: Study | None = None
    apply: Application
    contact: Contact | None = None

    def certification_state(self, today: date) -> str:
        """certified, expired, in_review, decertified, or none when no decision exists."""
        return self.certification.state_on(today) if self.certification else NOT_CERTIFIED

    @model_validator(mode="after")
    def _unique_lists(self) -> Programme:
        for name in ("areas", "partners"):
            values = getattr(self, name)
            if len(values) != len(set(values)):
                raise ValueError(f"{name} innehåller samma värde två gånger — ta bort dubbletten")
        return self


# --- Companies ----------------------------------------------------------------------------------


class Company(FileRecord):
    name: PlainText
    role: CompanyRole = Field(
        description="co_financier = medfinansiär, letter_of_intent = avsiktsförklaring"
    )
    website: HttpsUrl | None = None
    municipality: Slug | None = Field(None, description="Kommunens id, om det är känt")
    industry: PlainText | None = Field(None, description="Bransch, t.ex. 'Skogsmaskiner'")
    offers: list[Offer] = Field(default_factory=list, description="Vad företaget erbjuder elever")
    co_financing: Kronor | None = Field(
        None, description="Medfinansiering av etableringen i kronor"
    )
    description: MarkdownText | None = None

    @model_validator(mode="after")
    def _financing_matches_role(self) -> Company:
        if self.role == "co_financier" and self.co_financing is None:
            raise ValueError("en medfinansiär behöver co_financing — ange beloppet i kronor")
        if self.role != "co_financier" and self.co_financing is not None:
            raise ValueError(
                "bara en medfinansiär (co_financier) har co_financing — ändra role eller ta bort beloppet"
            )
        return self


# --- Occupations --------------------------------------------------------------------------------


class Figure(Model):
    """A figure about an occupation (pay, demand). Never without a source."""

    label: PlainText = Field(description="Vad siffran gäller, t.ex. 'Medianlön 2024'")
    value: PlainText = Field(description="Siffran med enhet, t.ex. '34 000 kr i månaden'")
    source: Source = Field(description="Var siffran kommer ifrån; visas bredvid siffran")


class OccupationEnglish(Model):
    """The occupation in English, for the English pages."""

    name: PlainText
    summary: PlainText
    what_you_do: MarkdownText
    a_day_at_work: MarkdownText


class Occupation(FileRecord):
    name: PlainText
    areas: Annotated[list[Area], Field(min_length=1)]
    summary: PlainText = Field(description="En mening om yrket; visas i listor och sökmotorer")
    what_you_do: MarkdownText = Field(description="Vad man gör i yrket, i Markdown")
    a_day_at_work: MarkdownText = Field(description="En vanlig arbetsdag, i Markdown")
    programmes: list[Slug] = Field(
        default_factory=list, description="Utbildningar som leder till yrket (id)"
    )
    employers: list[Slug] = Field(
        default_factory=list, description="Partnerföretag som anställer i yrket (id)"
    )
    figures: list[Figure] = Field(
        default_factory=list, description="Siffror om yrket, var och en med källa"
    )
    concept_id: Annotated[str, Field(pattern=CONCEPT_ID_PATTERN)] | None = Field(
        None,
        description="Arbetsförmedlingens begrepps-id för yrket i Yrkesbarometern (yb_concept_id); "
        "med det visar sidan Arbetsförmedlingens bedömning för länet och Sverige",
    )
    english: OccupationEnglish | None = Field(None, description="Yrket på engelska")


# --- Role models --------------------------------------------------------------------------------


class Image(Model):
    src: Annotated[str, Field(pattern=IMAGE_FILE_PATTERN)] = Field(
        description="Bildfil i content/assets/forebilder/"
    )
    alt: PlainText = Field(description="Alternativtext som beskriver bilden")
    width: Annotated[int, Field(gt=0)]
    height: Annotated[int, Field(gt=0)]


class RoleModel(FileRecord):
    name: PlainText
    role: PlainText = Field(description="Yrke eller roll, t.ex. 'Automationstekniker'")
    employer: Slug | None = Field(
        None, description="Arbetsgivarens företags-id, om företaget finns i data/companies/"
    )
    employer_name: PlainText | None = Field(
        None, description="Arbetsgivarens namn, om företaget inte finns i data/companies/"
    )
    programme: Slug | None = Field(
        None, description="Utbildningens id, om den finns i data/programmes/"
    )
    programme_name: PlainText | None = None
    quote: PlainText
    story: MarkdownText
    audiences: Annotated[list[Audience], Field(min_length=1)]
    consent_on: date = Field(description="Datum då personen gav sitt samtycke till publicering")
    image: Image | None = None


# --- Admissions ---------------------------------------------------------------------------------


# The dates of an admission, in the order they come in the year (labels.ADMISSION_STEPS).
AdmissionStepName = Literal[
    "application_opens",
    "application_closes",
    "preliminary_result",
    "change_opens",
    "change_closes",
    "final_result",
    "answer_by",
    "reserve_admission",
]
ADMISSION_STEPS: tuple[str, ...] = get_args(AdmissionStepName)


class AdmissionDate(Model):
    """One date of the common upper-secondary admission, never without its source."""

    step: AdmissionStepName = Field(description="Vilket datum i antagningen det är")
    day: date = Field(description="Datumet (ÅÅÅÅ-MM-DD)")
    source: Source = Field(
        description="Var datumet är publicerat, helst hos antagningskansliet självt"
    )


class Admission(FileRecord):
    """The county's common admission to upper-secondary school for one year (the file name)."""

    office: PlainText = Field(
        description="Antagningskansliet som sköter gymnasievalet, t.ex. 'Gymnasieantagningen'"
    )
    website: HttpsUrl = Field(description="Antagningskansliets webbplats, där datumen publiceras")
    dates: list[AdmissionDate] = Field(
        default_factory=list,
        description="De datum som antagningskansliet har publicerat, vart och ett med sin källa; "
        "utelämnas så länge inga datum är publicerade",
    )

    @field_validator("id")
    @classmethod
    def _id_is_a_year(cls, value: str) -> str:
        if not re.fullmatch(r"20[0-9]{2}", value):
            raise ValueError(
                f"filnamnet '{value}.yml' är inget år — döp om filen efter antagningens år, "
                "t.ex. 2027.yml"
            )
        return value

    @property
    def year(self) -> int:
        return int(self.id)

    def steps(self) -> list[tuple[str, AdmissionDate]]:
        """The published dates as (step, date), in the order they come in the year."""
        ordered = sorted(self.dates, key=lambda d: ADMISSION_STEPS.index(d.step))
        return [(d.step, d) for d in ordered]


# --- Events -------------------------------------------------------------------------------------

EventKind = Literal[
    "oppet_hus", "prova_pa", "tjejdag", "studiebesok", "informationskvall", "workshop"
]
EventAudience = Literal[
    "elever", "foraldrar", "vuxna", "flickor_kvinnor", "utrikes_fodda", "syv", "foretag"
]

# Every time in the data is Swedish local time; editors never write a zone.
TIME_ZONE = ZoneInfo("Europe/Stockholm")
LOCAL_TIME_FORMAT = "%Y-%m-%d %H:%M"
LOCAL_TIME_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}$"
LOCAL_TIME_HINT = "skriv datum och klockslag i svensk tid, t.ex. 2027-01-20 18:00"
# Addresses under aktuellt/ that are not events.
RESERVED_EVENT_IDS = ("arkiv", "kalender")


def _local_time(value: object) -> datetime:
    """'2027-01-20 18:00' (what editors write) as a time in Sweden. A YAML parser may hand over
    text or, for some forms, a date or a time of its own; each gets a message that says what to
    write instead."""
    if isinstance(value, datetime):
        text = value.isoformat(sep=" ")
    elif isinstance(value, date):
        text = value.isoformat()
    elif isinstance(value, str):
        text = value
    else:
        raise ValueError(f"'{value}' har fel form — {LOCAL_TIME_HINT}")
    if re.fullmatch(LOCAL_TIME_PATTERN, text):
        try:
            return datetime.strptime(text, LOCAL_TIME_FORMAT).replace(tzinfo=TIME_ZONE)
        except ValueError:
            raise ValueError(
                f"{text} är ingen riktig tidpunkt — kontrollera månaden (01–12), dagen och "
                "klockslaget (00:00–23:59)"
            ) from None
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        raise ValueError(f"klockslaget saknas — {LOCAL_TIME_HINT}")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        parsed = None
    if parsed is not None and parsed.tzinfo is not None:
        raise ValueError(f"tiden har en tidszon — {LOCAL_TIME_HINT}, utan tidszon")
    raise ValueError(f"'{text}' har fel form — {LOCAL_TIME_HINT}")


LocalTime = Annotated[
    datetime,
    BeforeValidator(_local_time),
    WithJsonSchema({"type": "string", "pattern": LOCAL_TIME_PATTERN}),
]


class Event(FileRecord):
    """An open house, a try-a-programme day, a study visit, a workshop: something to go to."""

    title: PlainText = Field(
        description="Evenemangets namn, t.ex. 'Öppet hus på Industritekniska programmet'"
    )
    kind: EventKind = Field(description="Slag av evenemang")
    start: LocalTime = Field(description="När evenemanget börjar, i svensk tid")
    end: LocalTime = Field(description="När evenemanget slutar, i svensk tid")
    municipality: Slug | None = Field(
        None, description="Kommunen där evenemanget hålls (id i municipalities.yml)"
    )
    address: PlainText | None = Field(
        None, description="Adress eller lokal, t.ex. 'Campus Skellefteå, Skeppargatan 1'"
    )
    digital: bool = Field(False, description="true om evenemanget (också) hålls digitalt")
    audiences: Annotated[list[EventAudience], Field(min_length=1)] = Field(
        description="Vilka evenemanget vänder sig till"
    )
    organiser: PlainText = Field(description="Vem som ordnar evenemanget")
    registration: HttpsUrl | None = Field(
        None, description="Länk till anmälan eller till arrangörens sida om evenemanget"
    )
    description: MarkdownText | None = Field(None, description="Mer om evenemanget, i Markdown")
    provider: Slug | None = Field(
        None, description="Skolan som evenemanget hålls av eller hos (id i data/providers/)"
    )
    programmes: list[Slug] = Field(
        default_factory=list, description="Utbildningar som evenemanget handlar om (id)"
    )
    sources: Annotated[list[Source], Field(min_length=1)] = Field(
        description="Var evenemanget är publicerat, t.ex. skolans eller arrangörens sida"
    )

    @field_validator("id")
    @classmethod
    def _not_a_page_of_its_own(cls, value: str) -> str:
        if value in RESERVED_EVENT_IDS:
            raise ValueError(
                f"'{value}' används redan av en sida under /aktuellt/ — döp om filen, t.ex. "
                f"till oppet-hus-{value}.yml"
            )
        return value

    @field_validator("end")
    @classmethod
    def _after_start(cls, value: datetime, info: ValidationInfo) -> datetime:
        start = info.data.get("start")
        if start is not None and value <= start:
            raise ValueError(
                f"evenemanget slutar ({value:%Y-%m-%d %H:%M}) innan det börjar "
                f"({start:%Y-%m-%d %H:%M}) — end ska vara efter start"
            )
        return value

    @model_validator(mode="after")
    def _has_a_place(self) -> Event:
        if self.municipality is None and not self.digital:
            raise ValueError(
                "evenemanget saknar plats — ange municipality (och gärna address), "
                "eller digital: true"
            )
        if self.address is not None and self.municipality is None:
            raise ValueError("address står utan municipality — ange kommunen där adressen ligger")
        return self

    @field_validator("programmes")
    @classmethod
    def _unique_programmes(cls, value: list[str]) -> list[str]:
        if len(value) != len(set(value)):
            raise ValueError("programmes innehåller samma värde två gånger — ta bort dubbletten")
        return value
