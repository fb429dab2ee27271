"""The Content-Security-Policy and referrer policy of every built page (hooks/tcv/csp.py), read
from the HTML with an HTML parser of its own; the browser side is in tests/browser/test_csp.py
and in the every-page audit (tests/browser/test_every_page.py)."""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from mkdocs.exceptions import PluginError

from tcv import csp
from tcv.theme import MATERIAL_TEMPLATES
from tcv.tooling.builtsite import pages, url_of

DIRECTIVES = [
    "default-src",
    "script-src",
    "style-src",
    "img-src",
    "font-src",
    "connect-src",
    "worker-src",
    "object-src",
    "base-uri",
    "form-action",
]
FIXED = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
EXECUTED_TYPES = {"", "text/javascript", "application/javascript", "module"}


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def parse(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")


def policy_of(document: BeautifulSoup) -> dict[str, list[str]]:
    metas = document.select('meta[http-equiv="Content-Security-Policy"]')
    assert len(metas) == 1, f"{len(metas)} policies"
    policy: dict[str, list[str]] = {}
    for directive in str(metas[0]["content"]).split(";"):
        name, *values = directive.split()
        assert name not in policy, f"{name} twice"
        policy[name] = values
    return policy


def inline_scripts(document: BeautifulSoup) -> list[str]:
    """The text of every inline script the browser would execute (not JSON, not JSON-LD)."""
    return [
        script.string or ""
        for script in document.find_all("script")
        if not script.has_attr("src") and str(script.get("type", "")).lower() in EXECUTED_TYPES
    ]


@cache
def material_inline_scripts() -> list[re.Pattern[str]]:
    """Material's inline scripts (partials/javascripts/*.html), `{{ … }}` matching anything."""
    patterns = []
    for partial in sorted((MATERIAL_TEMPLATES / "partials" / "javascripts").glob("*.html")):
        for body in re.findall(r"<script>(.*?)</script>", partial.read_text(), re.DOTALL):
            parts = re.split(r"\{\{.*?\}\}", body)
            patterns.append(re.compile(".*?".join(re.escape(p) for p in parts), re.DOTALL))
    assert len(patterns) >= 5
    return patterns


@pytest.fixture(scope="module")
def built(real_site: Path) -> list[tuple[str, BeautifulSoup]]:
    return [(url_of(real_site, page), parse(page)) for page in pages(real_site)]


def test_every_page_has_its_policy_before_anything_that_loads(
    built: list[tuple[str, BeautifulSoup]],
) -> None:
    assert len(built) > 50
    for url, document in built:
        head = document.head
        assert head is not None, url
        first = [child for child in head.children if isinstance(child, Tag)][:3]
        assert first[0].get("charset") == "utf-8", url
        assert first[1].get("http-equiv") == "Content-Security-Policy", url
        assert first[2].get("name") == "referrer", url
        assert first[2].get("content") == "strict-origin-when-cross-origin", url
        assert "tcv-csp" not in str(document), f"{url}: a marker was left in the page"


def test_every_policy_is_strict_and_allows_exactly_the_inline_code_of_its_page(
    built: list[tuple[str, BeautifulSoup]],
) -> None:
    for url, document in built:
        policy = policy_of(document)
        assert list(policy) == DIRECTIVES, url
        for name, values in FIXED.items():
            assert policy[name] == values, f"{url}: {name}"
        scripts = policy["script-src"]
        assert scripts[0] == "'self'", url
        assert set(scripts[1:]) == {sha256_source(s) for s in inline_scripts(document)}, url
        styles = policy["style-src"]
        assert styles[0] == "'self'", url
        elements = {sha256_source(style.string or "") for style in document.find_all("style")}
        attributes = {sha256_source(str(tag["style"])) for tag in document.select("[style]")}
        expected = elements | attributes | ({"'unsafe-hashes'"} if attributes else set())
        assert set(styles[1:]) == expected, url
        assert not any("unsafe-inline" in v or "unsafe-eval" in v for v in scripts + styles)


def test_every_inline_script_is_one_of_materials_and_no_handler_attributes(
    built: list[tuple[str, BeautifulSoup]],
) -> None:
    """Our own JavaScript is in files; inline code that a policy would have to allow by
    'unsafe-inline' or 'unsafe-hashes' (on… attributes, javascript: links) is nowhere."""
    for url, document in built:
        for script in inline_scripts(document):
            assert any(p.fullmatch(script) for p in material_inline_scripts()), (url, script[:80])
        for tag in document.find_all(True):
            handlers = [name for name in tag.attrs if name.lower().startswith("on")]
            assert not handlers, f"{url}: <{tag.name} {handlers[0]}=…>"
            for name in ("href", "src", "action"):
                value = str(tag.get(name, "")).strip().lower()
                assert not value.startswith("javascript:"), f"{url}: {name}={value}"


def test_the_start_page_runs_three_inline_scripts_of_material_and_ours_from_files(
    real_site: Path,
) -> None:
    document = parse(real_site / "index.html")
    scripts = inline_scripts(document)
    assert [s.split("=")[0].removeprefix("var ") for s in scripts] == [
        "__md_scope",  # partials/javascripts/base.html: Material's storage helpers
        "palette",  # partials/javascripts/palette.html: the saved colour scheme
        "target",  # partials/javascripts/content.html: a tab named in the address
    ]
    sources = [str(s["src"]) for s in document.select("script[src]")]
    assert sources[0].startswith("assets/javascripts/bundle.")
    assert sources[1:] == ["assets/tcv/keyboard.js"]
    assert document.select_one('script[src="assets/tcv/keyboard.js"]')["type"] == "module"


# The policy written by the build, on small pages.

PAGE = (
    "<!doctype html><html><head><meta charset=utf-8>{slot}</head><body>"
    "{trusted}<script>var palette = 1;</script>"
    '<script type="application/ld+json">{{"@type": "Thing"}}</script>'
    "<script>alert('injected')</script>"
    '{trusted}<script src="x.js"></script>'
    '<p style="width: 40%">x</p><p style="position: fixed">y</p>'
    "</body></html>"
)


def test_only_scripts_the_theme_marked_get_a_hash() -> None:
    html = PAGE.format(slot=csp.SLOT, trusted=csp.TRUSTED)
    written = csp.apply_to_page(html)
    policy = policy_of(BeautifulSoup(written, "lxml"))
    assert policy["script-src"] == ["'self'", sha256_source("var palette = 1;")]
    assert sha256_source("alert('injected')") not in str(policy)
    # A bar's width is allowed by its hash; any other style attribute is not.
    assert policy["style-src"] == ["'self'", "'unsafe-hashes'", sha256_source("width: 40%")]
    assert csp.TRUSTED not in written and csp.SLOT not in written


def test_the_hash_is_the_one_browsers_compute() -> None:
    """The example of the CSP specification (CSP Level 3, 'hash-source')."""
    assert csp.source_hash("alert('Hello, world.');") == (
        "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    )
    assert csp.source_hash("a\r\nb") == csp.source_hash("a\nb")  # as the HTML parser reads it


def test_the_preview_gets_no_policy_but_no_markers_either() -> None:
    """scripts/serve: MkDocs' live reload is an inline script that changes on every load."""
    written = csp.apply_to_page(PAGE.format(slot=csp.SLOT, trusted=csp.TRUSTED), enforce=False)
    assert "Content-Security-Policy" not in written
    assert csp.TRUSTED not in written and csp.SLOT not in written


def test_a_page_that_did_not_come_through_base_html_stops_the_build(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(PAGE.format(slot=csp.SLOT, trusted=""), "utf-8")
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "index.html").write_text("<p>Utan mall</p>", "utf-8")
    with pytest.raises(PluginError, match=r"Sidor utan Content-Security-Policy .*: plain/index"):
        csp.apply(tmp_path)
