/*
 * Mina val: programmes saved on this device (this module), compared side by side on
 * /mina-val/ (shortlist-page.js, which imports the storage and the announcer from here).
 *
 * The list is one localStorage key holding a JSON list of programme ids; nothing is sent
 * anywhere, and nothing is written until the visitor saves, removes or clears. The templates
 * render every control `hidden`; this script shows them, so that without JavaScript no dead
 * button appears. Programme pages and the finder's cards carry a toggle button
 * ([data-tcv-save], aria-pressed); /mina-val/ ([data-tcv-shortlist]) fills its table from the
 * page's JSON data block (tcv.shortlist), and opens a shared list from ?val=id1,id2.
 * Every change is announced in a polite live region. An ES module (main.html): no globals.
 */

export const KEY = "tcv-mina-val";
const ID = /^[a-z0-9][a-z0-9-]{0,99}$/;
const MAX_IDS = 100;

export function cleanIds(values) {
  const ids = [];
  for (const value of values) {
    const id = String(value).trim();
    if (ID.test(id) && !ids.includes(id) && ids.length < MAX_IDS) {
      ids.push(id);
    }
  }
  return ids;
}

export function readSaved() {
  try {
    const list = JSON.parse(window.localStorage.getItem(KEY) || "[]");
    return Array.isArray(list) ? cleanIds(list) : [];
  } catch {
    return []; // storage turned off, or a value this script did not write
  }
}

export function writeSaved(ids) {
  try {
    if (ids.length) {
      window.localStorage.setItem(KEY, JSON.stringify(ids));
    } else {
      window.localStorage.removeItem(KEY);
    }
    return true;
  } catch {
    return false;
  }
}

export function count(n) {
  return n === 1 ? "1 utbildning" : `${n} utbildningar`;
}

export const NOT_SAVED =
  "Det gick inte att spara. Webbläsaren tillåter inte att webbplatser sparar uppgifter.";

// The page's live region: a visible one where the template has it, else a visually hidden one.
export function announcer() {
  let region = document.querySelector("[data-tcv-announce]");
  if (!region) {
    region = document.createElement("p");
    region.className = "tcv-visually-hidden";
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    region.setAttribute("data-tcv-announce", ""); // one region, whichever module asks first
    (document.querySelector("main") || document.body).append(region);
  }
  return (text) => {
    region.textContent = text;
  };
}

// --- The toggle buttons on programme pages and the finder's cards ---------------------------

function initSaveButtons(announce) {
  const buttons = Array.from(document.querySelectorAll("[data-tcv-save]"));
  if (!buttons.length) {
    return;
  }

  function sync() {
    const saved = new Set(readSaved());
    for (const button of buttons) {
      button.setAttribute("aria-pressed", String(saved.has(button.dataset.tcvSave)));
    }
  }

  function toggle(button) {
    const id = button.dataset.tcvSave;
    const name = button.dataset.tcvSaveName;
    const saved = readSaved();
    const adding = !saved.includes(id);
    const next = adding ? [...saved, id] : saved.filter((other) => other !== id);
    if (!writeSaved(next)) {
      announce(NOT_SAVED);
      return;
    }
    sync();
    announce(
      adding
        ? `${name} är sparad i Mina val. Där finns nu ${count(next.length)}.`
        : `${name} är borttagen från Mina val. Där finns nu ${count(next.length)}.`
    );
  }

  for (const button of buttons) {
    button.addEventListener("click", () => toggle(button));
  }
  for (const hidden of document.querySelectorAll("[data-tcv-save-box], [data-tcv-save]")) {
    hidden.hidden = false;
  }
  window.addEventListener("storage", (event) => {
    if (event.key === KEY || event.key === null) {
      sync(); // saved or removed in another tab
    }
  });
  window.addEventListener("pageshow", sync); // back to a page from the browser's cache
  sync();
}

const announce = announcer();
if (typeof window.document$?.subscribe === "function") {
  window.document$.subscribe(() => initSaveButtons(announce)); // Material's instant navigation
} else {
  initSaveButtons(announce);
}
