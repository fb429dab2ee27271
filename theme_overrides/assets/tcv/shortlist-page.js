/*
 * Mina val on /mina-val/ ([data-tcv-shortlist]): the saved programmes side by side, filled from
 * the page's JSON data block (tcv.shortlist); a shared list opens from ?val=id1,id2. The list,
 * its storage and the live region come from shortlist.js. An ES module: no globals.
 */

import { announcer, cleanIds, count, KEY, NOT_SAVED, readSaved, writeSaved } from "./shortlist.js";

const MISSING = "Uppgift saknas";

function element(name, text, attributes = {}) {
  const node = document.createElement(name);
  if (text) {
    node.textContent = text;
  }
  for (const [key, value] of Object.entries(attributes)) {
    node.setAttribute(key, value);
  }
  return node;
}

// The content of each row's cell for one programme, from its facts.
const CELLS = {
  name(facts) {
    const cell = element("th", "", { scope: "col" });
    cell.append(element("a", facts.name, { href: facts.url }));
    if (facts.orientation) {
      cell.append(
        element("span", `Inriktning: ${facts.orientation}`, { class: "tcv-shortlist__sub" })
      );
    }
    return cell;
  },
  school: (facts) => element("td", facts.school),
  municipality: (facts) => element("td", facts.municipality),
  form: (facts) => element("td", facts.form),
  length: (facts) => element("td", facts.length || MISSING),
  certification(facts) {
    const cell = element("td");
    const state = facts.certification_state;
    cell.append(element("span", facts.certification, { class: `tcv-badge tcv-badge--${state}` }));
    return cell;
  },
  admission(facts) {
    const cell = element("td");
    const lines = facts.admission || [];
    if (!lines.length) {
      cell.textContent = MISSING;
      return cell;
    }
    for (const line of lines) {
      cell.append(element("span", line, { class: "tcv-shortlist__line" }));
    }
    cell.append(element("span", facts.admission_source, { class: "tcv-shortlist__sub" }));
    return cell;
  },
  partners(facts) {
    const cell = element("td");
    const partners = facts.partners || [];
    if (!partners.length) {
      cell.textContent = "Inga registrerade än";
      return cell;
    }
    const list = element("ul", "", { class: "tcv-shortlist__list" });
    for (const partner of partners) {
      list.append(element("li", partner));
    }
    cell.append(list);
    return cell;
  },
  apply(facts) {
    const cell = element("td");
    const apply = facts.apply || {};
    if (apply.on) {
      cell.append(`${apply.label} `, element("time", apply.on, { datetime: apply.on_iso }));
    }
    if (apply.note) {
      cell.append(element("span", apply.note, { class: apply.on ? "tcv-shortlist__sub" : "" }));
    }
    if (!apply.on && !apply.note) {
      cell.textContent = MISSING;
    }
    return cell;
  },
};

// Rows that only some programmes have data for are shown when at least one shown programme has.
const OPTIONAL_ROWS = {
  length: (facts) => Boolean(facts.length),
  admission: (facts) => Boolean(facts.admission?.length),
};

function initShortlist(root, announce) {
  if (root.dataset.tcvReady) {
    return;
  }
  root.dataset.tcvReady = "1";
  const source = document.getElementById("tcv-mina-val-data");
  const data = JSON.parse(source.textContent);
  const find = (selector) => root.querySelector(selector);
  const app = find("[data-tcv-shortlist-app]");
  const sharedBox = find("[data-tcv-shared]");
  const sharedText = find("[data-tcv-shared-text]");
  const saveShared = find("[data-tcv-save-shared]");
  const unknownNote = find("[data-tcv-unknown]");
  const empty = find("[data-tcv-empty]");
  const compare = find("[data-tcv-compare]");
  const table = find("table");
  const caption = find("[data-tcv-caption]");
  const shareLink = find("[data-tcv-share-link]");
  const clear = find("[data-tcv-clear]");
  const removeRow = find('[data-tcv-row="remove"]');
  const known = (id) => Object.hasOwn(data, id);

  // A shared list (?val=id1,id2): shown instead of the saved one until the visitor saves it.
  const params = new URLSearchParams(window.location.search);
  const asked = params.has("val")
    ? params
        .get("val")
        .split(",")
        .map((v) => v.trim())
    : null;
  let shared = asked && cleanIds(asked).filter(known);
  const sharedUnknown = asked ? [...new Set(asked.filter((v) => v && !known(v)))].slice(0, 20) : [];

  function shown() {
    return shared ?? readSaved().filter(known);
  }

  function shareUrl(ids) {
    return `${window.location.origin}${window.location.pathname}?val=${ids.join(",")}`;
  }

  function renderShared(saved) {
    sharedBox.hidden = shared === null;
    if (shared === null) {
      return;
    }
    const missing = shared.filter((id) => !saved.includes(id));
    saveShared.hidden = missing.length === 0 || shared.length === 0;
    if (shared.length === 0) {
      sharedText.textContent = "Länken innehåller inga utbildningar som finns på webbplatsen.";
    } else if (missing.length === 0) {
      sharedText.textContent = `Du har redan sparat alla ${count(shared.length)} i listan på den här enheten.`;
    } else if (saved.length) {
      sharedText.textContent = `Listan med ${count(shared.length)} är inte sparad på den här enheten. Sparar du den läggs ${count(missing.length)} till bland de ${count(saved.length)} du redan har sparat.`;
    } else {
      sharedText.textContent = `Listan med ${count(shared.length)} är inte sparad på den här enheten. Spara den för att ha den kvar här.`;
    }
  }

  function renderUnknown() {
    const stored = shared === null ? readSaved().filter((id) => !known(id)) : [];
    const names = shared === null ? stored : sharedUnknown;
    unknownNote.hidden = names.length === 0;
    if (names.length === 0) {
      return;
    }
    const what = shared === null ? "Några sparade utbildningar" : "Länken nämner utbildningar som";
    unknownNote.textContent =
      shared === null
        ? `${what} finns inte längre på webbplatsen och visas inte: ${names.join(", ")}.`
        : `${what} inte finns på webbplatsen. De hoppades över: ${names.join(", ")}.`;
  }

  function renderTable(ids) {
    const programmes = ids.map((id) => [id, data[id]]);
    for (const row of table.querySelectorAll("[data-tcv-row]")) {
      const name = row.dataset.tcvRow;
      for (const cell of row.querySelectorAll("td:not(.tcv-shortlist__corner), th[scope=col]")) {
        cell.remove();
      }
      if (name === "remove") {
        for (const [id, facts] of programmes) {
          const cell = element("td");
          const button = element("button", "Ta bort", {
            type: "button",
            class: "tcv-link-button",
            "aria-label": `Ta bort från Mina val: ${facts.name}, ${facts.school}`,
            "data-tcv-remove": id,
          });
          cell.append(button);
          row.append(cell);
        }
        continue;
      }
      const needed = OPTIONAL_ROWS[name];
      row.hidden = needed ? !programmes.some(([, facts]) => needed(facts)) : false;
      for (const [, facts] of programmes) {
        row.append(CELLS[name](facts));
      }
    }
    table.dataset.columns = String(programmes.length);
    caption.textContent =
      shared === null
        ? `Utbildningarna i Mina val (${count(ids.length)}), sida vid sida`
        : `Den delade listan (${count(ids.length)}), sida vid sida`;
    const link = shareUrl(ids);
    shareLink.href = link;
    shareLink.textContent = link;
  }

  function render() {
    const saved = readSaved().filter(known);
    const ids = shown();
    renderShared(saved);
    renderUnknown();
    empty.hidden = ids.length > 0 || shared !== null;
    compare.hidden = ids.length === 0;
    removeRow.hidden = shared !== null;
    clear.hidden = shared !== null;
    if (ids.length) {
      renderTable(ids);
    }
  }

  function remove(id) {
    const saved = readSaved();
    const facts = data[id];
    const index = shown().indexOf(id);
    if (!writeSaved(saved.filter((other) => other !== id && known(other)))) {
      announce(NOT_SAVED);
      return;
    }
    render();
    announce(
      `${facts.name}, ${facts.school} är borttagen från Mina val. Där finns nu ${count(shown().length)}.`
    );
    // Focus the next programme's button, the one before it, or the empty list's message.
    const buttons = table.querySelectorAll("[data-tcv-remove]");
    const next = buttons[Math.min(index, buttons.length - 1)];
    (compare.hidden ? empty : next).focus();
  }

  table.addEventListener("click", (event) => {
    const button = event.target.closest("[data-tcv-remove]");
    if (button) {
      remove(button.dataset.tcvRemove);
    }
  });
  saveShared.addEventListener("click", () => {
    const saved = readSaved().filter(known);
    const added = shared.filter((id) => !saved.includes(id));
    if (!writeSaved([...saved, ...added])) {
      announce(NOT_SAVED);
      return;
    }
    shared = null;
    window.history.replaceState(window.history.state, "", window.location.pathname);
    render();
    announce(
      `${count(added.length)} sparades i Mina val på den här enheten. Där finns nu ${count(shown().length)}.`
    );
    find(".tcv-shortlist__scroll").focus();
  });
  find("[data-tcv-copy]").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(shareLink.href);
      announce("Länken till listan är kopierad. Klistra in den där du vill dela den.");
    } catch {
      shareLink.focus();
      announce(
        "Länken kunde inte kopieras automatiskt. Den står under tabellen: markera och kopiera den."
      );
    }
  });
  find("[data-tcv-print]").addEventListener("click", () => window.print());
  clear.addEventListener("click", () => {
    const n = shown().length;
    if (!window.confirm(`Ta bort alla ${count(n)} från Mina val på den här enheten?`)) {
      return;
    }
    if (!writeSaved([])) {
      announce(NOT_SAVED);
      return;
    }
    render();
    announce("Mina val är tömd. Inga utbildningar är sparade på den här enheten.");
    empty.focus();
  });
  window.addEventListener("storage", (event) => {
    if (shared === null && (event.key === KEY || event.key === null)) {
      render(); // changed in another tab
    }
  });
  window.addEventListener("pageshow", render);

  find("[data-tcv-shortlist-nojs]").hidden = true;
  app.hidden = false;
  render();
}

const announce = announcer();
for (const root of document.querySelectorAll("[data-tcv-shortlist]")) {
  initShortlist(root, announce);
}
