"""/.well-known/security.txt (RFC 9116), written by the build from data/region.yml."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tcv import security_txt
from tcv.models import Contact
from tcv.site import load_site

from conftest import FIXTURES, ROOT, build_site


def fields(text: str) -> list[tuple[str, str]]:
    """RFC 9116 fields in order: 'Name: value' lines (comments and blank lines aside)."""
    found = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition(": ")
            found.append((name, value))
    return found


def test_the_fields_from_a_website_contact_on_a_build_date() -> None:
    contact = Contact(website="https://example.org/kontakt")
    text = security_txt.text(
        contact,
        date(2026, 12, 3),
        site_url="https://tcv.example.org/",
        repo_url="https://github.com/example/tcv",
    )
    assert text == (
        "Contact: https://example.org/kontakt\n"
        "Expires: 2027-12-02T23:59:59Z\n"
        "Preferred-Languages: sv, en\n"
        "Canonical: https://tcv.example.org/.well-known/security.txt\n"
        "Policy: https://github.com/example/tcv/blob/main/SECURITY.md\n"
    )


def test_an_email_comes_first_and_local_builds_name_no_canonical_address() -> None:
    contact = Contact(email="it@example.org", website="https://example.org")
    text = security_txt.text(contact, date(2026, 12, 3))
    assert fields(text) == [
        ("Contact", "mailto:it@example.org"),
        ("Contact", "https://example.org"),
        ("Expires", "2027-12-02T23:59:59Z"),
        ("Preferred-Languages", "sv, en"),
    ]


@pytest.mark.parametrize(
    ("built", "expires"),
    [
        (date(2026, 12, 3), date(2027, 12, 2)),
        (date(2027, 3, 1), date(2028, 2, 29)),  # the year ahead has a leap day
        (date(2028, 2, 29), date(2029, 2, 27)),  # built on a leap day
        (date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_it_expires_less_than_a_year_after_the_build(built: date, expires: date) -> None:
    assert security_txt.expires_on(built) == expires
    assert 364 <= (expires - built).days <= 365


def test_the_built_site_publishes_it_with_the_regions_contact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real build (MkDocs skips dot folders in content/, so the build writes the file)."""
    monkeypatch.setenv("TCV_SITE_URL", "https://tcv.example.org/")
    monkeypatch.setenv("TCV_REPO_URL", "https://github.com/example/tcv")
    site = build_site(FIXTURES / "minimal", tmp_path / "site", today="2026-12-03")
    published = site / ".well-known" / "security.txt"
    assert published.is_file()
    region = load_site(FIXTURES / "minimal")[0].region
    expected = [("Contact", uri) for uri in security_txt.contact_uris(region.contact)]
    assert expected, "the fixture region has no e-mail or website contact"
    assert fields(published.read_text(encoding="utf-8")) == [
        *expected,
        ("Expires", "2027-12-02T23:59:59Z"),
        ("Preferred-Languages", "sv, en"),
        ("Canonical", "https://tcv.example.org/.well-known/security.txt"),
        ("Policy", "https://github.com/example/tcv/blob/main/SECURITY.md"),
    ]


def test_the_real_region_is_reached_through_its_website(real_site: Path) -> None:
    """data/region.yml gives IUC Norr's website and no e-mail address; none is made up."""
    region = load_site(ROOT / "data")[0].region
    text = (real_site / ".well-known" / "security.txt").read_text(encoding="utf-8")
    contacts = [value for name, value in fields(text) if name == "Contact"]
    assert contacts == security_txt.contact_uris(region.contact)
    assert region.contact.website in contacts
