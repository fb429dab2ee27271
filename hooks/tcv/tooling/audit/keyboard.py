"""Keyboard use of a page: every Tab stop, whether focus is visible there, and the skip link."""

from __future__ import annotations

from dataclasses import dataclass, field

from playwright.sync_api import Page

MAIN_ID = "innehall"
SKIP_LINK_HREF = "#" + MAIN_ID
SKIP_LINK = f'a[href="{SKIP_LINK_HREF}"]'
# More Tab stops than any page has; a page that still holds focus after this many traps it.
MAX_STOPS = 1000

# Describes document.activeElement: a unique DOM path, a readable name, the focus indicator
# (outline or box-shadow) on the element that shows focus, whether that element is visible in
# the viewport, and what covers its centre if something else does. A visually hidden form
# control (Material's palette radios) shows focus on its label.
_FOCUSED = r"""
() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const path = (n) => {
    const parts = [];
    for (; n && n.nodeType === 1 && n !== document.documentElement; n = n.parentElement) {
      let i = 1;
      for (let s = n.previousElementSibling; s; s = s.previousElementSibling) i++;
      parts.unshift(n.tagName.toLowerCase() + ":" + i);
    }
    return parts.join(">");
  };
  const name = (n) => {
    let d = n.tagName.toLowerCase() + (n.id ? "#" + n.id : "");
    const classes = [...n.classList].filter((c) => c !== "focus-visible").slice(0, 2);
    if (classes.length) d += "." + classes.join(".");
    const text = (n.getAttribute("aria-label") || n.textContent || "").trim().replace(/\s+/g, " ");
    if (text) d += ' "' + text.slice(0, 40) + '"';
    if (n.getAttribute("href")) d += " → " + n.getAttribute("href");
    return d;
  };
  const inView = (r) => r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight;
  const shown = (n) => {
    const r = n.getBoundingClientRect();
    return n.checkVisibility({ opacityProperty: true, visibilityProperty: true })
      && r.width > 0 && r.height > 0 && inView(r);
  };
  // Material's palette radios are hidden; focus shows on the label right after the radio.
  const labels = [...(el.labels || []), el.nextElementSibling].filter((n) => n && n.tagName === "LABEL");
  const target = shown(el) ? el : labels.find(shown) || el;
  // Covered by something else (an open sub-menu over its parent menu, a sticky header)?
  const box = target.getClientRects()[0] || target.getBoundingClientRect();  // a link's first line
  const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
  const hit = document.elementFromPoint(x, y);
  const covered = hit && !target.contains(hit) && !hit.contains(target) ? name(hit) : "";
  const css = getComputedStyle(target);
  const clear = (c) => c === "transparent" || /rgba\(.*,\s*0\)$/.test(c);
  const ring = [];
  if (css.outlineStyle !== "none" && !clear(css.outlineColor)
      && (css.outlineStyle === "auto" || parseFloat(css.outlineWidth) > 0)) {
    ring.push(`outline ${css.outlineWidth} ${css.outlineStyle} ${css.outlineColor}`);
  }
  if (css.boxShadow && css.boxShadow !== "none") ring.push(`box-shadow ${css.boxShadow}`);
  return {
    key: path(el),
    element: name(el),
    indicator: ring.join("; "),
    visible: shown(target),
    inMain: !!el.closest("#innehall"),
    href: el.getAttribute("href") || "",
    covered,
  };
}
"""

# Whether the Tab stop after the skip link lies inside or after the main content (not back in
# the header or navigation); leaving the page, when nothing focusable follows, is after it too.
_AFTER_MAIN = """
(id) => {
  const main = document.getElementById(id);
  const el = document.activeElement;
  if (!main) return false;
  if (!el || el === document.body) return true;
  return main.contains(el)
    || !!(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
}
"""


@dataclass(frozen=True)
class FocusStop:
    key: str
    element: str
    indicator: str
    visible: bool
    in_main: bool
    href: str = ""
    covered_by: str = ""

    @property
    def problem(self) -> str | None:
        if not self.visible:
            return f"fokus hamnar på något som inte syns: {self.element}"
        if self.covered_by:
            return f"fokus hamnar på något som är skymt av {self.covered_by}: {self.element}"
        if not self.indicator:
            return f"fokus syns inte (ingen outline eller box-shadow): {self.element}"
        return None


@dataclass
class FocusReport:
    stops: list[FocusStop] = field(default_factory=list)
    left_page: bool = False
    skip_target: str = ""
    after_skip_in_main: bool = False

    @property
    def skip_link_problems(self) -> list[str]:
        """The skip link must be the first Tab stop and move focus to the main content."""
        first = self.stops[0].element if self.stops else "inget"
        if not self.stops or self.stops[0].href != SKIP_LINK_HREF:
            return [f"första tabbstoppet är {first}, inte länken till huvudinnehållet"]
        if self.skip_target != MAIN_ID:
            return [f"länken till huvudinnehållet flyttar fokus till {self.skip_target!r}"]
        if not self.after_skip_in_main:
            return ["efter länken till huvudinnehållet går Tab tillbaka före innehållet"]
        return []

    @property
    def trap_problems(self) -> list[str]:
        """Tab must lead out of the page in the end (no keyboard trap)."""
        if self.left_page:
            return []
        return [f"fokus lämnar aldrig sidan efter {len(self.stops)} tabbstopp"]

    @property
    def stop_problems(self) -> list[str]:
        """Every Tab stop visible, with a visible focus indicator."""
        return [stop.problem for stop in self.stops if stop.problem]

    @property
    def problems(self) -> list[str]:
        return self.skip_link_problems + self.trap_problems + self.stop_problems


# Two animation frames: what focus set off (scrolling, Material's reactions) has been drawn.
_SETTLE = "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"


def focused(page: Page) -> FocusStop | None:
    """The focused element; a problem seen is looked at again once the page has settled, so
    that only what stays wrong counts."""
    stop = _focused(page)
    if stop is not None and stop.problem:
        page.evaluate(_SETTLE)
        stop = _focused(page)
    return stop


def _focused(page: Page) -> FocusStop | None:
    raw = page.evaluate(_FOCUSED)
    if raw is None:
        return None
    return FocusStop(
        raw["key"],
        raw["element"],
        raw["indicator"],
        raw["visible"],
        raw["inMain"],
        raw["href"],
        raw["covered"],
    )


def tab(page: Page, key: str = "Tab") -> FocusStop | None:
    page.keyboard.press(key)
    return focused(page)


def walk(page: Page) -> FocusReport:
    """Tab from the top of a freshly loaded page until focus leaves it; then try the skip link."""
    report = FocusReport()
    seen: set[str] = set()
    while len(report.stops) < MAX_STOPS:
        stop = tab(page)
        if stop is None or stop.key in seen:
            report.left_page = True
            break
        seen.add(stop.key)
        report.stops.append(stop)
    report.skip_target, report.after_skip_in_main = follow_skip_link(page)
    return report


def follow_skip_link(page: Page) -> tuple[str, bool]:
    """Focus the skip link, press Enter: the id of the focused element, and whether the next Tab
    stop is in or after the main content."""
    link = page.locator(SKIP_LINK).first
    if link.count() == 0:
        return "", False
    link.focus()
    page.keyboard.press("Enter")
    target = page.evaluate("() => document.activeElement ? document.activeElement.id : ''")
    page.keyboard.press("Tab")
    return target, bool(page.evaluate(_AFTER_MAIN, MAIN_ID))


def tab_until(page: Page, selector: str, *, key: str = "Tab", limit: int = 200) -> int | None:
    """Press `key` until the focused element matches `selector`; the number of presses, or None."""
    for presses in range(1, limit + 1):
        page.keyboard.press(key)
        if page.evaluate("(s) => !!document.activeElement?.matches(s)", selector):
            return presses
    return None
