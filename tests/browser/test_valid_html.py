"""Valid HTML on every page: the Nu HTML Checker (vnu.jar, npm package vnu-jar) finds no error."""

from __future__ import annotations

from tcv.tooling.audit import AuditReport


def test_every_page_is_valid_html(audit: AuditReport) -> None:
    found = [str(error) for error in audit.html_errors]
    assert not found, f"Nu HTML Checker {audit.vnu_version}: {len(found)} fel:\n" + "\n".join(found)
