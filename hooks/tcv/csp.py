"""The Content-Security-Policy of every page, written into the built HTML after the build.

GitHub Pages sets no response headers, so the policy is a `<meta http-equiv>` at the top of
`<head>`. Scripts run only from the site's own files, plus the inline scripts that the theme
itself writes (Material's few lines that restore the colour scheme and set up its storage
helpers), each allowed by its SHA-256 hash. Our own JavaScript lives in files
(theme_overrides/assets/tcv/*.js).

Which inline scripts are allowed is decided where they are written, not by what a page happens
to contain: the templates pass each theme script through the `csp_trusted` filter, which puts a
marker before it. The marker holds a random token made for this build process and is removed
again here, so text from data cannot forge it. An inline script without the marker, for example
one that an escaping slip let through from data, gets no hash and the browser refuses to run it.
JSON-LD and Material's `__config` (data blocks, which browsers never execute) need no hash.

The policy is written per page: each page allows exactly the hashes of its own trusted inline
scripts and styles. (Material's first script names the page's relative base URL, so its hash
differs with the page's depth; a site-wide union would allow every variant on every page.)

Styles: the site's own stylesheets, the `<style>` the finder page generates (trusted, hashed),
and on the progress page the width of each bar, a `style="width: N%"` attribute: allowed by hash
with 'unsafe-hashes', which lets exactly those attribute values through and nothing else.
Material changes styles only through the CSSOM (element.style), which a policy does not govern.
Images may also be `data:` URLs: Material's stylesheet draws its icons with inline SVG images.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from collections.abc import Iterable
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.exceptions import PluginError

# A fresh token for each build process; it never reaches a published page.
_TOKEN = secrets.token_hex(16)
SLOT = f"<!--tcv-csp-{_TOKEN}-->"
TRUSTED = f"<!--tcv-csp-trusted-{_TOKEN}-->"

REFERRER_POLICY = "strict-origin-when-cross-origin"

# Style attribute values our templates write (theme_overrides/tcv/progress.html: the bars).
TRUSTED_STYLE_ATTRIBUTES = re.compile(r"width: (?:100|[1-9]?[0-9])%")

_ELEMENT = re.compile(r"<(script|style)\b([^>]*)>(.*?)</\1\s*>", re.DOTALL | re.IGNORECASE)
_TRUSTED_ELEMENT = re.compile(
    re.escape(TRUSTED) + r"\s*" + _ELEMENT.pattern, re.DOTALL | re.IGNORECASE
)
# As our templates write them. Only values of TRUSTED_STYLE_ATTRIBUTES get a hash, so matching
# loosely (data-style="…", another spelling left out) can allow nothing else.
_STYLE_ATTRIBUTE = re.compile(r'style="([^"]*)"')
_SRC = re.compile(r"""\ssrc\s*=""", re.IGNORECASE)
_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_JAVASCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


class MissingPolicySlot(Exception):
    """An HTML file in the built site that did not come through theme_overrides/base.html."""


def trusted(html: str) -> Markup:
    """Jinja filter: mark every inline <script> and <style> in `html` (a theme template's
    output, never data) as allowed by the page's policy."""
    return Markup(re.sub(r"<(script|style)\b", TRUSTED + r"<\1", str(html), flags=re.IGNORECASE))


def install(env: Environment) -> None:
    """Make the slot for the policy and the `csp_trusted` filter known to the templates."""
    env.globals["csp_slot"] = Markup(SLOT)
    env.globals["referrer_policy"] = REFERRER_POLICY
    env.filters["csp_trusted"] = trusted


def source_hash(text: str) -> str:
    """A CSP hash source for the text of an inline script, style or style attribute, as the
    browser computes it (UTF-8, line breaks normalised by the HTML parser)."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(normalised.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(
    script_hashes: Iterable[str] = (),
    style_hashes: Iterable[str] = (),
    style_attribute_hashes: Iterable[str] = (),
) -> str:
    """The policy of one page, given the hashes of its trusted inline code."""
    scripts = " ".join(["'self'", *sorted(set(script_hashes))])
    attributes = sorted(set(style_attribute_hashes))
    unsafe_hashes = ["'unsafe-hashes'"] if attributes else []
    styles = " ".join(["'self'", *sorted(set(style_hashes)), *unsafe_hashes, *attributes])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            f"style-src {styles}",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def page_policy(html: str) -> str:
    """The policy for one written page: hashes of the inline code the theme marked trusted."""
    scripts: list[str] = []
    styles: list[str] = []
    for match in _TRUSTED_ELEMENT.finditer(html):
        name, attributes, body = match[1].lower(), match[2], match[3]
        if name == "script":
            if _SRC.search(attributes) or not _executes(attributes):
                continue
            scripts.append(source_hash(body))
        else:
            styles.append(source_hash(body))
    attributes = [
        source_hash(value)
        for value in _STYLE_ATTRIBUTE.findall(html)
        if TRUSTED_STYLE_ATTRIBUTES.fullmatch(value)
    ]
    return policy(scripts, styles, attributes)


def _executes(attributes: str) -> bool:
    match = _TYPE.search(attributes)
    return (match[1].lower() if match else "") in _JAVASCRIPT_TYPES


def meta(content: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{content}">'


def apply_to_page(html: str, *, enforce: bool = True) -> str:
    """The page with its policy in the slot and the trust markers removed. Without `enforce`
    (the preview, whose live-reload script is inline and changes on every load) the slot is
    only removed."""
    if SLOT not in html:
        raise MissingPolicySlot
    content = meta(page_policy(html)) if enforce else ""
    return html.replace(SLOT, content, 1).replace(TRUSTED, "")


def apply(site_dir: Path, *, enforce: bool = True) -> int:
    """Write the policy into every HTML page of the built site; returns the number of pages.

    Every HTML file must have come through theme_overrides/base.html (the slot); one that did
    not would be published without a policy, so the build stops and names it."""
    missing: list[str] = []
    count = 0
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        try:
            path.write_text(apply_to_page(html, enforce=enforce), encoding="utf-8")
        except MissingPolicySlot:
            missing.append(path.relative_to(site_dir).as_posix())
            continue
        count += 1
    if missing:
        raise PluginError(
            "Sidor utan Content-Security-Policy (de skapas inte med theme_overrides/base.html, "
            "ta bort dem eller gör dem till Markdown-sidor): " + ", ".join(missing)
        )
    return count
