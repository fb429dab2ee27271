"""Cold visits of pages in headless Chromium: axe-core, requests, console, storage, focus, and
what the page's Content-Security-Policy refused.

Each page is loaded twice, at a desktop and at a phone-sized viewport, and checked in both of
Material's colour schemes: first in the one that follows the browser's setting (light on the
desktop, dark on the phone), then again after switching with the palette toggle. Every load
starts as a first visit: no cookies, no storage, no HTTP cache (routing requests turns Chromium's
cache off). Requests to any other host than the local server are recorded and blocked before
they leave the machine.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field

from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Request

from . import keyboard
from .tools import CHROMIUM_ARGS, chromium_path

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Material for MkDocs 9.8.2 keeps one thing in the browser: the colour scheme, in localStorage
# under "<site path>.__palette" (bundle: __md_set("__palette", …)). It is written on the first
# visit with the scheme that follows the browser's setting, and again when the visitor switches.
# Its other keys (__tabs, __announce, __consent, __source, __outdated) belong to features this
# site does not use; __source (sessionStorage) would come with a fetch from GitHub's API, which
# our partials/source.html turns off.
ALLOWED_STORAGE = {("localStorage", "__palette")}


@dataclass(frozen=True)
class Viewport:
    name: str
    width: int
    height: int
    color_scheme: str  # the browser's prefers-color-scheme: "light" or "dark"

    @property
    def variants(self) -> tuple[str, str]:
        """The two checks of one load: the scheme after loading, then after switching."""
        first, second = ("ljust", "mörkt") if self.color_scheme == "light" else ("mörkt", "ljust")
        return f"{self.name}, {first}", f"{self.name}, {second}"


DESKTOP = Viewport("dator", 1280, 800, "light")
PHONE = Viewport("mobil", 390, 844, "dark")
PHONE_LIGHT = Viewport("mobil", 390, 844, "light")
DESKTOP_LIGHT = DESKTOP  # a desktop in the light scheme, for other browser tests
VIEWPORTS = (DESKTOP, PHONE)
VARIANTS = tuple(name for viewport in VIEWPORTS for name in viewport.variants)
# The variants of a cold load, before switching: their visits hold the requests and Tab stops.
LOADED_VARIANTS = tuple(viewport.variants[0] for viewport in VIEWPORTS)
# The requests of a cold desktop visit are the page's weight.
WEIGHT_VARIANT = DESKTOP.variants[0]


@dataclass(frozen=True)
class AxeViolation:
    rule: str
    impact: str
    help: str
    elements: tuple[str, ...]


@dataclass
class Visit:
    url: str
    variant: str
    violations: list[AxeViolation] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    cookies: list[str] = field(default_factory=list)
    storage: list[tuple[str, str]] = field(default_factory=list)
    focus: keyboard.FocusReport | None = None

    @property
    def storage_beyond_allowed(self) -> list[tuple[str, str]]:
        return [entry for entry in self.storage if entry not in ALLOWED_STORAGE]


# Records every storage and cookie write the page makes, before any page script runs.
_RECORD_WRITES = """
(() => {
  const writes = [];
  Object.defineProperty(window, "__tcvWrites", { value: writes });
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    const area = this === window.sessionStorage ? "sessionStorage" : "localStorage";
    writes.push([area, String(key)]);
    return setItem.call(this, key, value);
  };
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, "cookie");
  Object.defineProperty(Document.prototype, "cookie", {
    configurable: true,
    get() { return cookie.get.call(this); },
    set(value) {
      writes.push(["cookie", String(value).split("=")[0].trim()]);
      cookie.set.call(this, value);
    },
  });
})();
"""

# Records every securitypolicyviolation event of the page (the policy is in its <meta>), from
# before the first script runs.
RECORD_CSP_VIOLATIONS = """
(() => {
  const seen = [];
  Object.defineProperty(window, "__tcvCspViolations", { value: seen });
  document.addEventListener("securitypolicyviolation", (event) => {
    const where = event.sourceFile ? ` (${event.sourceFile}:${event.lineNumber})` : "";
    const sample = event.sample ? ` «${event.sample}»` : "";
    seen.push(`${event.effectiveDirective} blockerade ${event.blockedURI || "?"}${where}${sample}`);
  });
})();
"""

# The violations recorded since the last call (the page's list is emptied).
READ_CSP_VIOLATIONS = "() => window.__tcvCspViolations.splice(0)"

_STORED = """
() => {
  const found = window.__tcvWrites.map(([area, key]) => [area, key]);
  for (const [area, store] of [["localStorage", localStorage], ["sessionStorage", sessionStorage]]) {
    for (let i = 0; i < store.length; i++) found.push([area, store.key(i)]);
  }
  return found;
}
"""

_SCOPE = "() => (typeof __md_scope === 'undefined' ? '' : __md_scope.pathname)"

# Material's search is ready (its worker has loaded the index) when the result area shows the
# placeholder text instead of "initializing"; pages without search are ready at once.
_SEARCH_READY = """
() => {
  const config = document.getElementById("__config");
  const meta = document.querySelector(".md-search-result__meta");
  if (!config || !meta) return true;
  const ready = JSON.parse(config.textContent).translations["search.result.placeholder"];
  return meta.textContent.trim() === ready;
}
"""

_RUN_AXE = """
async (tags) => {
  const result = await axe.run(document, {
    runOnly: { type: "tag", values: tags },
    resultTypes: ["violations"],
  });
  return result.violations.map((v) => ({
    rule: v.id,
    impact: v.impact || "",
    help: v.help,
    elements: v.nodes.map((n) => n.target.join(" ") + "  " + n.html.slice(0, 160)),
  }));
}
"""

_SCHEME = "() => document.body.getAttribute('data-md-color-scheme')"


def launch(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(
        executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True
    )


def new_context(browser: Browser, viewport: Viewport) -> BrowserContext:
    return browser.new_context(
        viewport={"width": viewport.width, "height": viewport.height},
        color_scheme=viewport.color_scheme,  # type: ignore[arg-type]
        reduced_motion="reduce",
        locale="sv-SE",
    )


def external_to(origin: str) -> re.Pattern[str]:
    """Every URL but the local server's and the page's own data:, blob: and about: URLs: one
    pattern that blocks (Playwright matches it without asking Python about each request) and
    that tells which requests are recorded as external."""
    return re.compile(f"^(?!{re.escape(origin)}/)(?!(?:data|blob|about):)")


def storage_key(raw: str, scope: str) -> str:
    """Material prefixes its keys with the site's path ('/'): '/.__palette' → '__palette'."""
    return raw.removeprefix(scope + ".") if scope else raw


def wait_until_ready(page: Page) -> None:
    page.wait_for_function(_SEARCH_READY)
    page.wait_for_load_state("load")


def switch_scheme(page: Page) -> str:
    """Click the palette toggle as a visitor would; returns the new data-md-color-scheme."""
    before = page.evaluate(_SCHEME)
    page.locator("label.md-header__button[for^='__palette_']:not([hidden])").click()
    page.wait_for_function(f"(before) => ({_SCHEME})() !== before", arg=before)
    return str(page.evaluate(_SCHEME))


class Visitor:
    """One Chromium with one context and tab per viewport, visiting pages one after the other.

    Each visit starts as a first visit all the same: cookies and both storages are cleared
    between visits, and routing requests turns Chromium's HTTP cache off."""

    def __init__(self, browser: Browser, origin: str, axe_source: str) -> None:
        self.browser = browser
        self.origin = origin
        self.axe_source = axe_source
        self.external = external_to(origin)
        self.pages: dict[Viewport, Page] = {}
        self.current: Visit | None = None

    def page(self, viewport: Viewport) -> Page:
        if viewport not in self.pages:
            context = new_context(self.browser, viewport)
            context.add_init_script(_RECORD_WRITES)
            context.add_init_script(RECORD_CSP_VIOLATIONS)
            context.route(self.external, lambda route: route.abort("blockedbyclient"))
            context.on("request", self._on_request)
            page = context.new_page()
            page.on("console", lambda m: _console(self.current, m.type, m.text, m.location))
            page.on("pageerror", lambda e: _page_error(self.current, e))
            self.pages[viewport] = page
        return self.pages[viewport]

    def visit(self, url: str, viewport: Viewport) -> list[Visit]:
        """Load `url` cold: axe-core, storage, every Tab stop; then switch scheme, axe again."""
        first_name, second_name = viewport.variants
        page = self.page(viewport)
        page.context.clear_cookies()
        first = self.current = Visit(url, first_name)
        try:
            page.goto(self.origin + url, wait_until="load")
            wait_until_ready(page)
            page.evaluate(self.axe_source)
            first.violations = axe(page)
            self._read_storage(page, first)
            first.focus = keyboard.walk(page)
            first.csp_violations = page.evaluate(READ_CSP_VIOLATIONS)
            second = self.current = Visit(url, second_name)
            switch_scheme(page)
            second.violations = axe(page)
            self._read_storage(page, second)
            second.csp_violations = page.evaluate(READ_CSP_VIOLATIONS)
        except Exception:
            self._discard(viewport)  # a tab in an unknown state is not used again
            raise
        finally:
            self.current = None
        page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        page.goto("about:blank")
        return [first, second]

    def _discard(self, viewport: Viewport) -> None:
        page = self.pages.pop(viewport)
        with contextlib.suppress(Exception):  # the browser may be gone already
            page.context.close()

    def _read_storage(self, page: Page, visit: Visit) -> None:
        scope = page.evaluate(_SCOPE)
        stored = page.evaluate(_STORED)
        visit.storage = sorted({(area, storage_key(key, scope)) for area, key in stored})
        visit.cookies = sorted({c["name"] for c in page.context.cookies()})

    def close(self) -> None:
        for page in self.pages.values():
            page.context.close()

    def _on_request(self, request: Request) -> None:
        if self.current is None:
            return
        self.current.requests.append(request.url)
        if self.external.match(request.url):
            self.current.external_requests.append(request.url)


def axe(page: Page) -> list[AxeViolation]:
    """axe-core (already injected) on the page as it is now."""
    return [
        AxeViolation(v["rule"], v["impact"], v["help"], tuple(v["elements"]))
        for v in page.evaluate(_RUN_AXE, AXE_TAGS)
    ]


def _console(visit: Visit | None, kind: str, text: str, location: dict) -> None:
    if visit is not None and kind == "error":
        where = location.get("url", "")
        visit.console_errors.append(f"{text} ({where})" if where else text)


def _page_error(visit: Visit | None, error: Exception) -> None:
    if visit is not None:
        visit.console_errors.append(f"sidfel: {error}")
