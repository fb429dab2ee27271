/*
 * Keyboard use of Material's CSS-only toggles: the drawer menu, search and sub-menus. Loaded on
 * every page (main.html) as a module, after the page is parsed.
 *
 * Material opens them with hidden checkboxes and <label>s, which Tab never reaches.
 * - The header buttons (partials/header.html) toggle the same checkboxes, tell Material with a
 *   change event, and move focus into what they open. Escape closes the menu and returns focus
 *   to its button; focus leaving the open menu closes it.
 * - Below Material's 76.25em breakpoint the menu's sections open as sub-menus: their labels and
 *   each sub-menu's title (which leads back) become focusable there, and focus follows into an
 *   opened sub-menu and back out of a closed one.
 * - Space works on focusable menu labels as Enter already does (Material clicks a focused label
 *   on Enter).
 * - On phones the closed search field is hidden (site.css); Material's shortcuts / s f, which
 *   only focus the field, open search first.
 */

const narrow = window.matchMedia("(max-width: 76.234375em)");
const phone = window.matchMedia("(max-width: 59.984375em)");

const OPENERS = [
  ".md-nav--primary .md-nav__item--nested > label.md-nav__link[for]",
  ".md-nav--primary .md-nav__item--nested > .md-nav__container > label.md-nav__link[for]",
].join(",");
const TITLES = ".md-nav--primary .md-nav__item--nested > .md-nav > label.md-nav__title[for]";
const SECTIONS = [
  ".md-nav--primary .md-nav__item--section > label.md-nav__link[for]",
  ".md-nav--primary .md-nav__item--section > .md-nav__container > label.md-nav__link[for]",
  TITLES,
].join(",");

function toggle(name) {
  return document.querySelector(`input[data-md-toggle="${name}"]`);
}

function set(input, value) {
  if (input.checked !== value) {
    input.checked = value;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }
}

// Material reacts to a toggle a task later: act after it.
function later(callback) {
  window.setTimeout(callback, 0);
}

const menuButton = document.querySelector('button[data-tcv-toggle="drawer"]');

function inMenu(node) {
  return node === menuButton || Boolean(node?.closest?.(".md-sidebar--primary"));
}

// The header buttons.
function setUpButton(button) {
  const name = button.getAttribute("data-tcv-toggle");
  const input = toggle(name);
  if (!input) {
    return;
  }
  const inside = name === "search" ? ".md-search__input" : ".md-sidebar--primary a[href]";
  const sync = () => button.setAttribute("aria-expanded", input.checked ? "true" : "false");
  button.addEventListener("click", () => {
    set(input, !input.checked);
    const target = input.checked && document.querySelector(inside);
    if (target) {
      target.focus();
    }
  });
  input.addEventListener("change", () => {
    sync();
    // Closed by Material (search: Escape) with focus lost: back to the button.
    later(() => {
      const lost = !document.activeElement || document.activeElement === document.body;
      if (!input.checked && lost && button.offsetParent !== null) {
        button.focus();
      }
    });
  });
  sync();
}

// On phones the closed search field is hidden (site.css), so Material's shortcuts (/, s, f),
// which only focus it, open search first.
function openSearchOnShortcut(event) {
  const search = toggle("search");
  const typing = event.target.closest?.("input, textarea, select");
  const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
  if (search && !search.checked && phone.matches && plain && !typing) {
    if (["/", "s", "f"].includes(event.key)) {
      set(search, true);
    }
  }
}

// The drawer menu: Escape closes it; Space on a focusable label works as Enter does.
function closeMenuOrPressLabel(event) {
  const drawer = toggle("drawer");
  if (event.key === "Escape" && drawer?.checked) {
    set(drawer, false);
    menuButton?.focus();
  }
  const target = event.target;
  if (event.key === " " && target instanceof HTMLLabelElement && target.tabIndex >= 0) {
    event.preventDefault();
    target.click();
  }
}

// Focus leaving the open menu closes it.
function closeMenuOnFocusOutside(event) {
  const drawer = toggle("drawer");
  if (drawer?.checked && !inMenu(event.target)) {
    set(drawer, false);
  }
}

// Sub-menus on narrow screens: their section labels and titles are focusable there only.
function focusableSectionLabels() {
  for (const label of document.querySelectorAll(SECTIONS)) {
    if (narrow.matches) {
      label.setAttribute("tabindex", "0");
    } else {
      label.removeAttribute("tabindex");
    }
  }
}

// Focus follows into an opened sub-menu, and back to its opener when it closes.
function followSubMenu(event) {
  const label = event.target.closest?.(`${OPENERS},${TITLES}`);
  const item = label?.closest(".md-nav__item--nested");
  if (!item || !narrow.matches) {
    return;
  }
  later(() => {
    const open = document.getElementById(label.htmlFor).checked;
    const next = item.querySelector(open ? TITLES : OPENERS);
    if (next && next.closest(".md-nav__item--nested") === item) {
      next.focus();
    }
  });
}

document.documentElement.classList.add("tcv-scripted");
for (const button of document.querySelectorAll("button[data-tcv-toggle]")) {
  setUpButton(button);
}
document.addEventListener("keydown", openSearchOnShortcut);
document.addEventListener("keydown", closeMenuOrPressLabel);
document.addEventListener("focusin", closeMenuOnFocusOutside);
document.addEventListener("click", followSubMenu);
narrow.addEventListener("change", focusableSectionLabels);
focusableSectionLabels();
