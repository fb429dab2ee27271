"""What visitors read for each coded value in the data."""

from __future__ import annotations

from datetime import date

from .dates import swedish_date
from .models import Certification

LEVELS = {
    "gymnasium": "Gymnasium",
    "larling": "Lärling på gymnasiet",
    "vuxenutbildning": "Vuxenutbildning (Komvux)",
    "yrkeshogskola": "Yrkeshögskola",
}
AREAS = {
    "produktion": "Produktion",
    "automation": "Automation",
    "teknik": "Teknik",
    "energi": "Energi",
    "digitalisering": "Digitalisering",
}
CERTIFICATION = {
    "certified": "Certifierad",
    "expired": "Certifieringen har gått ut",
    "in_review": "Under granskning",
    "decertified": "Avcertifierad",
    "none": "Inte certifierad",
}
MEMBERSHIP = {
    "member": "Ansluten",
    "letter_of_intent": "Har skrivit avsiktsförklaring",
    "none": "Inte ansluten",
}
COMPANY_ROLES = {
    "co_financier": "Medfinansiär",
    "letter_of_intent": "Avsiktsförklaring",
}
PROVIDER_KINDS = {
    "gymnasieskola": "Gymnasieskola",
    "komvux": "Kommunal vuxenutbildning (Komvux)",
    "yrkeshogskola": "Yrkeshögskola",
    "larcentrum": "Lärcentrum",
}
OFFERS = {
    "apl": "APL-platser (praktik på gymnasiet)",
    "lia": "LIA-platser (praktik på yrkeshögskolan)",
    "studiebesok": "Studiebesök",
    "sommarjobb": "Sommarjobb",
    "anstallning": "Anställning efter utbildningen",
    "larling": "Lärlingsplatser",
    "foredrag": "Gästföreläsningar",
}
PACE = {"heltid": "Heltid", "deltid": "Deltid", "flexibel": "Flexibel takt"}
# The dates of the admission to upper-secondary school (models.ADMISSION_STEPS), as a sentence
# starts: "Ansökan stänger 15 februari 2027".
ADMISSION_STEPS = {
    "application_opens": "Ansökan öppnar",
    "application_closes": "Ansökan stänger",
    "preliminary_result": "Den preliminära antagningen visas",
    "change_opens": "Omvalet öppnar",
    "change_closes": "Omvalet stänger",
    "final_result": "Den slutliga antagningen visas",
    "answer_by": "Sista dag att svara på antagningsbeskedet är",
    "reserve_admission": "Reservantagningen börjar",
}
EVENT_KINDS = {
    "oppet_hus": "Öppet hus",
    "prova_pa": "Prova på",
    "tjejdag": "Tjejdag",
    "studiebesok": "Studiebesök",
    "informationskvall": "Informationskväll",
    "workshop": "Workshop",
}
EVENT_AUDIENCES = {
    "elever": "Elever",
    "foraldrar": "Föräldrar",
    "vuxna": "Vuxna",
    "flickor_kvinnor": "Tjejer och kvinnor",
    "utrikes_fodda": "Utrikes födda",
    "syv": "Studie- och yrkesvägledare",
    "foretag": "Företag",
}


def certification_sentence(certification: Certification | None, today: date) -> str:
    """The Teknikcollege status in one plain Swedish sentence, judged on `today`."""
    if certification is None:
        return "Inte certifierad."
    state = certification.state_on(today)
    if state == "certified" and certification.valid_until:
        return f"Certifierad av Teknikcollege t.o.m. {swedish_date(certification.valid_until)}."
    if state == "expired" and certification.valid_until:
        return (
            f"Certifieringen gick ut {swedish_date(certification.valid_until)}. "
            "Utbildningen är inte certifierad just nu."
        )
    if state == "in_review":
        return (
            "Under granskning för certifiering i Teknikcollege. Utbildningen är inte certifierad."
        )
    return "Avcertifierad. Utbildningen är inte längre certifierad i Teknikcollege."
