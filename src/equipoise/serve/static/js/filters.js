// The events filter form, shared by the events list and the map, plus actor autocomplete
// and download links for the current filter.
import { get, query } from "./api.js";
import { field, h } from "./dom.js";
import { EVENT_TYPES } from "./charts.js";

export const FILTERS = ["actor", "recipient", "type", "status", "since", "until", "min_confidence", "precision", "sector", "scope"];
// the sector vocabulary of docs/actors.md
const SECTORS = ["GOV", "MIL", "COP", "SPY", "JUD", "LEG", "PTY", "OPP", "REB", "CRM", "BUS",
  "MED", "NGO", "EDU", "REL", "HLH", "LAB", "CVL", "REF", "IGO", "UNK"];
const SCOPES = ["international", "domestic"];
const STATUSES = ["occurred", "future", "hypothetical", "negated", "historical"];
const PRECISIONS = ["day", "week", "month", "year"];
const CONFIDENCE = ["0.5", "0.6", "0.7", "0.8", "0.9"];
const CODE = "[A-Za-z0-9]{2,10}";

function select(name, options, value, anyLabel = "any") {
  return h("select", { name, id: `f-${name}` }, h("option", { value: "" }, anyLabel),
    options.map((o) => h("option", { value: o, selected: o === value }, o)));
}

// A datalist of codes that fills as the user types: store codes with their counts first,
// then the actor dictionary (which also matches names such as "Korea").
let listCount = 0;
export function autocomplete(input) {
  listCount += 1;
  const list = h("datalist", { id: `codes-${listCount}` });
  input.setAttribute("list", list.id);
  input.setAttribute("autocomplete", "off");
  let last = "";
  input.addEventListener("input", async () => {
    const q = input.value.trim();
    if (q.length < 2 || q === last) return;
    last = q;
    const [store, dict] = await Promise.all([
      get("/actors", { q, limit: 8 }).catch(() => ({ items: [] })),
      get("/dictionary", { q, limit: 8 }).catch(() => ({ items: [] })),
    ]);
    const seen = new Set();
    const options = [];
    for (const a of store.items) {
      if (!seen.has(a.code)) { seen.add(a.code); options.push(h("option", { value: a.code }, `${a.name || a.code} · ${a.events} events`)); }
    }
    for (const d of dict.items) {
      if (!seen.has(d.code)) { seen.add(d.code); options.push(h("option", { value: d.code }, d.kind === "person" ? `${d.name} (${d.title})` : d.name)); }
    }
    list.replaceChildren(...options);
  });
  return [input, list];
}

export function filterValues(params) {
  return Object.fromEntries(FILTERS.map((k) => [k, params[k] || ""]));
}

export function filterForm(params, view) {
  const input = (name, attrs) => h("input", { name, id: `f-${name}`, value: params[name] || "", ...attrs });
  const form = h("form", { class: "filters", id: "event-filters" },
    field("Actor", autocomplete(input("actor", { pattern: CODE, placeholder: "KOR", size: 6, title: "2-10 capitals or digits", class: "code" }))),
    field("Recipient", autocomplete(input("recipient", { pattern: CODE, placeholder: "JPN", size: 6, class: "code" }))),
    field("Type", select("type", EVENT_TYPES, params.type)),
    field("Status", select("status", STATUSES, params.status)),
    field("Confidence ≥", select("min_confidence", CONFIDENCE, params.min_confidence)),
    field("Date precision", select("precision", PRECISIONS, params.precision)),
    field("From", input("since", { type: "date" })),
    field("To", input("until", { type: "date" })),
    field("Sector", select("sector", SECTORS, params.sector)),
    field("Scope", select("scope", SCOPES, params.scope)),
    h("button", { type: "submit" }, "Filter"),
    h("button", { type: "button", class: "secondary", onclick: () => { window.location.hash = `#/${view}`; } }, "Clear"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const next = new URLSearchParams();
    for (const key of FILTERS) {
      const value = String(data.get(key) || "").trim();
      if (value) next.set(key, key === "actor" || key === "recipient" ? value.toUpperCase() : value);
    }
    if (params.rows) next.set("rows", params.rows); // stay with one row per report
    window.location.hash = `#/${view}?${next}`;
  });
  return form;
}

export function downloads(filters) {
  const href = (format) => `/api/download${query({ ...filters, format })}`;
  return h("p", { class: "downloads" }, "Download this filter: ",
    h("a", { href: href("csv"), id: "download-csv", download: "equipoise-events.csv" }, "CSV"), " · ",
    h("a", { href: href("json"), id: "download-json", download: "equipoise-events.json" }, "JSON"));
}
