"""Every page of the built site, in a real headless Chromium at a desktop and a phone-sized
viewport, in the light and the dark colour scheme: accessible (axe-core), private (no other
host, no cookie, nothing stored but the colour scheme), error-free, within its
Content-Security-Policy and usable with Tab."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tcv.tooling.audit import AuditReport
from tcv.tooling.audit.browser import ALLOWED_STORAGE, LOADED_VARIANTS, VARIANTS
from tcv.tooling.audit.keyboard import FocusReport
from tcv.tooling.builtsite import page_paths


def listing(lines: list[str]) -> str:
    return f"{len(lines)}:\n" + "\n".join(lines)


def focus_problems(audit: AuditReport, kind: Callable[[FocusReport], list[str]]) -> list[str]:
    """One line per problem of one kind found while walking the pages with Tab."""
    return [f"{v.url} ({v.variant}): {p}" for v in audit.visits if v.focus for p in kind(v.focus)]


def test_every_html_page_is_checked_in_every_variant(audit: AuditReport, real_site: Path) -> None:
    urls = page_paths(real_site)
    assert audit.pages == urls
    assert len(urls) > 50, "the generated pages are missing"
    checked = {(v.url, v.variant) for v in audit.visits}
    missing = [f"{u} ({v})" for u in urls for v in VARIANTS if (u, v) not in checked]
    assert not missing, listing(missing)


def test_every_page_has_zero_axe_violations(audit: AuditReport) -> None:
    found = [
        f"{v.url} ({v.variant}): {a.rule} [{a.impact}] {a.help}\n    " + "\n    ".join(a.elements)
        for v, a in audit.violations()
    ]
    assert not found, "axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa) " + listing(found)


def test_no_page_requests_another_host(audit: AuditReport) -> None:
    found = [f"{v.url} ({v.variant}): {url}" for v, url in audit.external_requests()]
    assert not found, listing(found)


def test_every_page_loads_its_own_files_from_the_local_server(audit: AuditReport) -> None:
    """The other side of 'no other host': the checks did see the page's requests."""
    loads = [v for v in audit.visits if v.variant in LOADED_VARIANTS]
    blind = [f"{v.url} ({v.variant}): {v.requests}" for v in loads if len(v.requests) < 3]
    assert not blind, listing(blind)


def test_no_page_logs_a_console_error_or_throws(audit: AuditReport) -> None:
    found = [f"{v.url} ({v.variant}): {text}" for v, text in audit.console_errors()]
    assert not found, listing(found)


def test_no_page_violates_its_content_security_policy(audit: AuditReport) -> None:
    """securitypolicyviolation events, recorded from before the first script of each page, in
    every variant (the colour-scheme toggle and the Tab walk included)."""
    found = [f"{v.url} ({v.variant}): {text}" for v, text in audit.csp_violations()]
    assert not found, listing(found)


def test_no_page_sets_a_cookie_or_stores_anything_but_the_colour_scheme(
    audit: AuditReport,
) -> None:
    found = [f"{v.url} ({v.variant}): {what}" for v, what in audit.stored()]
    assert not found, listing(found)


def test_the_colour_scheme_is_the_one_thing_stored_as_the_privacy_page_says(
    audit: AuditReport,
) -> None:
    """Material writes its palette key on the first visit, and only that (integritet.md)."""
    other = [
        f"{v.url} ({v.variant}): {v.storage}"
        for v in audit.visits
        if v.storage != sorted(ALLOWED_STORAGE)
    ]
    assert not other, listing(other)


def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content(
    audit: AuditReport,
) -> None:
    found = focus_problems(audit, lambda focus: focus.skip_link_problems)
    assert not found, listing(found)


def test_every_tab_stop_is_visible_and_shows_focus(audit: AuditReport) -> None:
    found = focus_problems(audit, lambda focus: focus.stop_problems)
    assert not found, listing(found)


def test_tab_leads_out_of_every_page(audit: AuditReport) -> None:
    found = focus_problems(audit, lambda focus: focus.trap_problems)
    assert not found, listing(found)


def test_every_page_is_walked_with_tab_on_the_desktop_and_the_phone(audit: AuditReport) -> None:
    walked = {(v.url, v.variant) for v in audit.visits if v.focus and v.focus.stops}
    expected = {(url, variant) for url in audit.pages for variant in LOADED_VARIANTS}
    assert walked == expected
