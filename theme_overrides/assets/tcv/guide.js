/*
 * "Vad passar mig?" – a short interest guide on content/vad-passar-mig.md.
 *
 * Without JavaScript the page is a plain list of the five areas, each with its occupations and a
 * link into the programme finder. This script adds a form with a few questions in front of that
 * list: radio buttons in fieldsets, a submit button, and a result in an aria-live region that
 * names the best matching areas (one or two) and links to the finder filtered by each of them
 * (?omrade=...).
 *
 * The area names, occupations and finder links are read from the page itself (the h3 with the
 * area's id and the list and link that follow it), so the page stays the single source of truth.
 * An ES module (main.html loads it on pages that ask for it), run once the page is parsed. No
 * libraries, no network requests. Safe to run more than once.
 */

// Each answer gives points to one or more areas (ids of the h3 headings on the page).
const QUESTIONS = [
  {
    legend: "Vad tycker du mest om att göra?",
    answers: [
      { label: "Bygga och tillverka saker med händerna", areas: { produktion: 2 } },
      { label: "Få maskiner och robotar att göra som jag vill", areas: { automation: 2 } },
      { label: "Rita, räkna och hitta på nya lösningar", areas: { teknik: 2 } },
      { label: "Förstå hur el och energi fungerar", areas: { energi: 2 } },
      { label: "Arbeta med datorer, program och nätverk", areas: { digitalisering: 2 } },
    ],
  },
  {
    legend: "Var vill du helst arbeta?",
    answers: [
      { label: "I en verkstad eller en fabrik", areas: { produktion: 2, automation: 1 } },
      {
        label: "Vid en dator, i ett labb eller på ett kontor",
        areas: { teknik: 2, digitalisering: 1 },
      },
      { label: "På olika platser, både ute och inne", areas: { energi: 2, automation: 1 } },
      {
        label: "Där det finns många maskiner som ska fungera",
        areas: { automation: 2, produktion: 1 },
      },
    ],
  },
  {
    legend: "Vad skulle göra dig mest stolt?",
    answers: [
      { label: "Att hålla en färdig produkt som jag har gjort", areas: { produktion: 2 } },
      {
        label: "Att få en maskin som har stannat att gå igen",
        areas: { automation: 2, produktion: 1 },
      },
      { label: "Att en idé som jag har ritat blir verklighet", areas: { teknik: 2 } },
      {
        label: "Att hjälpa till att spara energi och använda förnybar energi",
        areas: { energi: 2 },
      },
      {
        label: "Att koppla ihop saker så att de kan prata med varandra",
        areas: { digitalisering: 2, automation: 1 },
      },
    ],
  },
];
const MAX_AREAS = 2;

function el(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

// What the page says about an area: its name, occupations and finder link.
function readArea(id) {
  const heading = document.getElementById(id);
  if (!heading || !/^H[1-6]$/.test(heading.tagName)) {
    return null;
  }
  const area = { id, name: heading.textContent.trim(), occupations: [], finder: null };
  for (let node = heading.nextElementSibling; node; node = node.nextElementSibling) {
    if (/^H[1-3]$/.test(node.tagName)) {
      break;
    }
    if (node.tagName === "UL" && area.occupations.length === 0) {
      area.occupations = Array.from(node.querySelectorAll("li")).map((li) => li.textContent.trim());
    }
    const link = node.querySelector('a[href*="omrade="]');
    if (link && !area.finder) {
      area.finder = link;
    }
  }
  return area;
}

// The finder URL filtered by one area, from the area's own link on the page. (The finder's
// area filter is single-choice, so each area gets its own link rather than one combined.)
function finderUrl(area) {
  if (!area.finder) {
    return null;
  }
  const url = new URL(area.finder.href);
  url.searchParams.delete("omrade");
  url.searchParams.append("omrade", area.id);
  return url.href;
}

function score(form) {
  const points = {};
  let answered = 0;
  for (const [q, question] of QUESTIONS.entries()) {
    const chosen = form.querySelector(`input[name="tcv-guide-q${q}"]:checked`);
    if (!chosen) {
      continue;
    }
    answered += 1;
    for (const [id, gained] of Object.entries(question.answers[Number(chosen.value)].areas)) {
      points[id] = (points[id] ?? 0) + gained;
    }
  }
  const ranked = Object.keys(points).sort((a, b) => points[b] - points[a]);
  const best = ranked.length ? points[ranked[0]] : 0;
  // The best area, and a runner-up that is close behind.
  const top = ranked.filter((id, i) => i < MAX_AREAS && points[id] >= best - 1);
  return { answered, top };
}

// "Produktion" -> "produktion", but "CNC-operatör" and "IT- och ..." keep their capitals.
function lowerFirst(text) {
  if (text.length > 1 && text[1] !== text[1].toLowerCase()) {
    return text;
  }
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function listOfNames(names) {
  if (names.length < 2) {
    return names.join("");
  }
  return `${names.slice(0, -1).join(", ")} och ${names[names.length - 1]}`;
}

function showResult(region, form) {
  const result = score(form);
  region.textContent = "";
  if (result.answered === 0) {
    region.appendChild(el("p", {}, ["Välj ett svar på minst en av frågorna först."]));
    return;
  }
  const areas = result.top.map(readArea).filter(Boolean);
  if (areas.length === 0) {
    return;
  }
  const names = areas.map((area) => lowerFirst(area.name));
  region.appendChild(
    el("p", {}, ["Det här kan passa dig: ", el("strong", {}, [listOfNames(names)]), "."])
  );
  const list = el("ul", {}, []);
  for (const area of areas) {
    const item = el("li", {}, [el("a", { href: `#${area.id}` }, [`Om ${lowerFirst(area.name)}`])]);
    if (area.occupations.length) {
      item.append(`: till exempel ${listOfNames(area.occupations.map(lowerFirst))}.`);
    }
    list.appendChild(item);
  }
  region.appendChild(list);
  const buttons = el("p", { class: "tcv-guide__links" }, []);
  for (const [i, area] of areas.entries()) {
    const href = finderUrl(area);
    if (!href) {
      continue;
    }
    const style = i === 0 ? "md-button md-button--primary" : "md-button";
    if (buttons.childNodes.length) {
      buttons.append(" ");
    }
    buttons.append(
      el("a", { href, class: style }, [`Se utbildningar inom ${lowerFirst(area.name)}`])
    );
  }
  if (buttons.childNodes.length) {
    region.appendChild(buttons);
  }
}

function buildForm(region) {
  const form = el("form", { class: "tcv-guide__form", novalidate: "" }, []);
  for (const [q, question] of QUESTIONS.entries()) {
    const fieldset = el("fieldset", { class: "tcv-guide__question" }, [
      el("legend", {}, [`${q + 1}. ${question.legend}`]),
    ]);
    for (const [a, answer] of question.answers.entries()) {
      const id = `tcv-guide-q${q}-a${a}`;
      fieldset.appendChild(
        el("div", { class: "tcv-guide__answer" }, [
          el("input", { type: "radio", name: `tcv-guide-q${q}`, id, value: String(a) }),
          " ",
          el("label", { for: id }, [answer.label]),
        ])
      );
    }
    form.appendChild(fieldset);
  }
  form.appendChild(
    el("p", { class: "tcv-guide__buttons" }, [
      el("button", { type: "submit", class: "md-button md-button--primary" }, [
        "Visa vad som passar mig",
      ]),
      " ",
      el("button", { type: "reset", class: "md-button" }, ["Börja om"]),
    ])
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    showResult(region, form);
  });
  form.addEventListener("reset", () => {
    region.textContent = "";
  });
  return form;
}

function init() {
  const root = document.getElementById("tcv-guide");
  if (!root || root.getAttribute("data-tcv-ready") === "true") {
    return;
  }
  root.setAttribute("data-tcv-ready", "true");
  const region = el("div", { class: "tcv-guide__result", "aria-live": "polite" }, []);
  root.appendChild(el("h2", { id: "tcv-guide-fragor" }, ["Svara på tre frågor"]));
  root.appendChild(
    el("p", {}, [
      "Välj det svar som passar dig bäst. Du behöver inte svara på alla frågor. ",
      "Under frågorna finns alla områden beskrivna.",
    ])
  );
  root.appendChild(buildForm(region));
  root.appendChild(region);
}

init();
// Material's instant loading, if it is ever turned on, announces each new page here.
if (typeof window.document$?.subscribe === "function") {
  window.document$.subscribe(init);
}
