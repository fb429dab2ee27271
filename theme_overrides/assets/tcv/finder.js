/*
 * Programme finder: instant filtering, an announced count, and the filters in the URL query
 * (?kommun=umea&niva=gymnasium) so that a filtered list can be shared, reloaded and restored
 * by the back button. Without this script the same form filters through CSS (see finder.py).
 * An ES module (main.html), run once the page is parsed.
 */

function uniqueNames(form) {
  return [...new Set(Array.from(form.elements, (input) => input.name).filter(Boolean))];
}

function init(root) {
  if (root.dataset.tcvReady) {
    return; // Material may re-run subscribers; never bind twice
  }
  root.dataset.tcvReady = "1";
  root.classList.add("is-js");

  const form = root.querySelector("form");
  const cards = Array.from(root.querySelectorAll(".tcv-card"));
  const status = root.querySelector("[data-tcv-status]");
  const empty = root.querySelector("[data-tcv-empty]");
  const names = uniqueNames(form);

  function chosen() {
    const state = {};
    for (const name of names) {
      state[name] = Array.from(
        form.querySelectorAll(`[name="${name}"]:checked`),
        (input) => input.value
      ).filter(Boolean);
    }
    return state;
  }

  function matches(card, state) {
    return names.every((name) => {
      if (!state[name].length) {
        return true;
      }
      const values = (card.getAttribute(`data-${name}`) || "").split(" ");
      return state[name].some((value) => values.includes(value));
    });
  }

  function writeUrl(state) {
    const params = new URLSearchParams();
    for (const name of names) {
      for (const value of state[name]) {
        params.append(name, value);
      }
    }
    const query = params.toString();
    const url = location.pathname + (query ? `?${query}` : "") + location.hash;
    if (url !== location.pathname + location.search + location.hash) {
      history.replaceState(history.state, "", url);
    }
  }

  function show(updateUrl) {
    const state = chosen();
    let shown = 0;
    for (const card of cards) {
      const hit = matches(card, state);
      card.hidden = !hit;
      if (hit) {
        shown += 1;
      }
    }
    if (shown === 0) {
      status.textContent = "Inga utbildningar matchar filtren.";
    } else if (shown === 1) {
      status.textContent = "1 utbildning visas.";
    } else {
      status.textContent = `${shown} utbildningar visas.`;
    }
    empty.hidden = shown !== 0;
    if (updateUrl) {
      writeUrl(state);
    }
  }

  function readUrl() {
    const params = new URLSearchParams(location.search);
    for (const input of form.elements) {
      if (!input.name || (input.type !== "checkbox" && input.type !== "radio")) {
        continue;
      }
      const wanted = params.getAll(input.name);
      input.checked = input.value === "" ? wanted.length === 0 : wanted.includes(input.value);
    }
  }

  form.addEventListener("change", () => show(true));
  form.addEventListener("reset", () => {
    window.setTimeout(() => show(true), 0); // after the browser has reset the inputs
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  root.querySelector("[data-tcv-clear]").addEventListener("click", () => {
    form.reset();
    form.querySelector("input").focus();
  });
  window.addEventListener("popstate", () => {
    readUrl();
    show(false);
  });
  window.addEventListener("pageshow", () => {
    readUrl();
    show(false);
  });

  readUrl();
  show(false);
}

// On the first page of a finder split per municipality, a shared filter (?omrade=energi)
// follows the visitor to the municipality they choose.
function carryQuery(list) {
  if (!location.search) {
    return;
  }
  for (const link of list.querySelectorAll("a[href]")) {
    if (!link.href.includes("?")) {
      link.href += location.search;
    }
  }
}

function run() {
  for (const root of document.querySelectorAll("[data-tcv-finder]")) {
    init(root);
  }
  for (const list of document.querySelectorAll("[data-tcv-carry-query]")) {
    carryQuery(list);
  }
}

if (typeof window.document$?.subscribe === "function") {
  window.document$.subscribe(run); // Material's instant navigation, if it is ever switched on
} else {
  run();
}
