/* Programme finder: instant filtering, an announced count, and the filters in the URL query
   (?kommun=umea&niva=gymnasium) so that a filtered list can be shared, reloaded and restored
   by the back button. Without this script the same form filters through CSS (see finder.py). */
(function () {
  "use strict";

  function init(root) {
    if (root.dataset.tcvReady) return; // Material may re-run subscribers; never bind twice
    root.dataset.tcvReady = "1";
    root.classList.add("is-js");

    var form = root.querySelector("form");
    var cards = Array.prototype.slice.call(root.querySelectorAll(".tcv-card"));
    var status = root.querySelector("[data-tcv-status]");
    var empty = root.querySelector("[data-tcv-empty]");
    var names = uniqueNames(form);

    function chosen() {
      var state = {};
      names.forEach(function (name) {
        state[name] = Array.prototype.slice
          .call(form.querySelectorAll('[name="' + name + '"]:checked'))
          .map(function (input) { return input.value; })
          .filter(Boolean);
      });
      return state;
    }

    function matches(card, state) {
      return names.every(function (name) {
        if (!state[name].length) return true;
        var values = (card.getAttribute("data-" + name) || "").split(" ");
        return state[name].some(function (value) { return values.indexOf(value) !== -1; });
      });
    }

    function show(updateUrl) {
      var state = chosen();
      var shown = 0;
      cards.forEach(function (card) {
        var hit = matches(card, state);
        card.hidden = !hit;
        if (hit) shown += 1;
      });
      status.textContent = shown === 0 ? "Inga utbildningar matchar filtren."
        : shown === 1 ? "1 utbildning visas." : shown + " utbildningar visas.";
      empty.hidden = shown !== 0;
      if (updateUrl) writeUrl(state);
    }

    function writeUrl(state) {
      var params = new URLSearchParams();
      names.forEach(function (name) {
        state[name].forEach(function (value) { params.append(name, value); });
      });
      var query = params.toString();
      var url = location.pathname + (query ? "?" + query : "") + location.hash;
      if (url !== location.pathname + location.search + location.hash) {
        history.replaceState(history.state, "", url);
      }
    }

    function readUrl() {
      var params = new URLSearchParams(location.search);
      Array.prototype.forEach.call(form.elements, function (input) {
        if (!input.name || (input.type !== "checkbox" && input.type !== "radio")) return;
        var wanted = params.getAll(input.name);
        input.checked = input.value === "" ? wanted.length === 0 : wanted.indexOf(input.value) !== -1;
      });
    }

    form.addEventListener("change", function () { show(true); });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { show(true); }, 0); // after the browser has reset the inputs
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    root.querySelector("[data-tcv-clear]").addEventListener("click", function () {
      form.reset();
      form.querySelector("input").focus();
    });
    window.addEventListener("popstate", function () { readUrl(); show(false); });
    window.addEventListener("pageshow", function () { readUrl(); show(false); });

    readUrl();
    show(false);
  }

  function uniqueNames(form) {
    var names = [];
    Array.prototype.forEach.call(form.elements, function (input) {
      if (input.name && names.indexOf(input.name) === -1) names.push(input.name);
    });
    return names;
  }

  // On the first page of a finder split per municipality, a shared filter (?omrade=energi)
  // follows the visitor to the municipality they choose.
  function carryQuery(list) {
    if (!location.search) return;
    Array.prototype.forEach.call(list.querySelectorAll("a[href]"), function (link) {
      if (link.href.indexOf("?") === -1) link.href += location.search;
    });
  }

  function run() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-tcv-finder]"), init);
    Array.prototype.forEach.call(document.querySelectorAll("[data-tcv-carry-query]"), carryQuery);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(run); // Material's instant navigation, if it is ever switched on
  } else {
    run();
  }
})();
