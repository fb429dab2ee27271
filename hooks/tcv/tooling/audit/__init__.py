"""Checks of a built site in a real headless Chromium, and with the Nu HTML Checker.

Shared by the browser tests (tests/browser/) and `scripts/audit`, so that both check the same
things the same way: axe-core on every page, requests to other hosts, console errors, what the
Content-Security-Policy refused, cookies and storage, keyboard focus, valid HTML, and the
weight of each page.
"""

from .report import AuditReport, audit_site

__all__ = ["AuditReport", "audit_site"]
