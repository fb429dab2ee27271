"""`/.well-known/security.txt` (RFC 9116): where to report a vulnerability in the site.

Written into the built site after the build (MkDocs skips dot folders in docs_dir, so the file
is not a page of content/). Every value comes from data or configuration:

- Contact: the e-mail address and the website of `contact` in data/region.yml, where given (a
  phone number is no route for a written report).
- Expires: the day before the build date's first anniversary, at the end of that day (UTC):
  less than a year ahead, as RFC 9116 recommends. The site is rebuilt every night, so the
  published file never comes near its expiry while publishing works; a warning during
  validation would never fire (the date is not data an editor keeps), so there is none.
- Preferred-Languages: sv, en.
- Canonical: the file's own address under `site_url` (empty in local builds: then left out).
- Policy: SECURITY.md in the repository, when `repo_url` is known.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from .models import Contact

PATH = ".well-known/security.txt"


def expires_on(build_date: date) -> date:
    """The day before the build date's first anniversary (29 February: 28 February)."""
    try:
        anniversary = build_date.replace(year=build_date.year + 1)
    except ValueError:  # 29 February
        anniversary = build_date.replace(year=build_date.year + 1, day=28)
    return anniversary - timedelta(days=1)


def contact_uris(contact: Contact) -> list[str]:
    uris: list[str] = []
    if contact.email:
        uris.append(f"mailto:{contact.email}")
    if contact.website:
        uris.append(contact.website)
    return uris


def text(contact: Contact, build_date: date, site_url: str = "", repo_url: str = "") -> str:
    lines = [f"Contact: {uri}" for uri in contact_uris(contact)]
    lines.append(f"Expires: {expires_on(build_date).isoformat()}T23:59:59Z")
    lines.append("Preferred-Languages: sv, en")
    if site_url:
        lines.append(f"Canonical: {site_url.rstrip('/')}/{PATH}")
    if repo_url:
        lines.append(f"Policy: {repo_url.rstrip('/')}/blob/main/SECURITY.md")
    return "\n".join(lines) + "\n"


def write(
    site_dir: Path, contact: Contact, build_date: date, site_url: str = "", repo_url: str = ""
) -> Path:
    target = site_dir / PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text(contact, build_date, site_url, repo_url), encoding="utf-8")
    return target
