import { get } from "./api.js";
import { field, h, mount } from "./dom.js";
import { EVENT_TYPES } from "./charts.js";

const FILTERS = ["actor", "recipient", "type", "status", "since", "until", "sector", "scope"];
const STATUSES = ["occurred", "future", "hypothetical", "negated", "historical"];
// the sector vocabulary of docs/actors.md
const SECTORS = ["GOV", "MIL", "COP", "SPY", "JUD", "LEG", "PTY", "OPP", "REB", "CRM", "BUS",
  "MED", "NGO", "EDU", "REL", "HLH", "LAB", "CVL", "REF", "IGO", "UNK"];
const SCOPES = ["international", "domestic"];
const PAGE_SIZE = 25;
const CODE = "[A-Za-z0-9]{2,10}";

function select(name, options, value) {
  return h("select", { name, id: `f-${name}` }, h("option", { value: "" }, "any"),
    options.map((o) => h("option", { value: o, selected: o === value }, o)));
}

function filterForm(params) {
  const input = (name, attrs) => h("input", { name, id: `f-${name}`, value: params[name] || "", ...attrs });
  const form = h("form", { class: "filters", id: "event-filters" },
    field("Actor", input("actor", { pattern: CODE, placeholder: "KOR", size: 6, title: "2-10 capitals or digits" })),
    field("Recipient", input("recipient", { pattern: CODE, placeholder: "JPN", size: 6 })),
    field("Type", select("type", EVENT_TYPES, params.type)),
    field("Status", select("status", STATUSES, params.status)),
    field("From", input("since", { type: "date" })),
    field("To", input("until", { type: "date" })),
    field("Sector", select("sector", SECTORS, params.sector)),
    field("Scope", select("scope", SCOPES, params.scope)),
    h("button", { type: "submit" }, "Filter"),
    h("button", { type: "button", class: "secondary", onclick: () => { window.location.hash = "#/events"; } }, "Clear"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const next = new URLSearchParams();
    for (const key of FILTERS) {
      const value = String(data.get(key) || "").trim();
      if (value) next.set(key, key === "actor" || key === "recipient" ? value.toUpperCase() : value);
    }
    window.location.hash = `#/events?${next}`;
  });
  return form;
}

function openEvent(ev) {
  window.location.hash = `#/article/${encodeURIComponent(ev.article_id)}?event=${encodeURIComponent(ev.id)}`;
}

// "GEO/COP": who acted, with the part of the state or society that acted
function sectored(actors) {
  return (actors || []).map((a) => `${a.country || a.org || a.text}/${a.sector || "UNK"}`).join(", ");
}

function row(ev) {
  const place = ev.location ? ev.location.place || ev.location.country || "" : "";
  const tr = h("tr", { tabindex: 0, class: "clickable", "data-event-id": ev.id },
    h("td", {}, ev.date || "—"), h("td", {}, h("span", { class: `type q${ev.quad}` }, ev.event_type)),
    h("td", {}, ev.status), h("td", { class: "actor" }, sectored(ev.actor)),
    h("td", { class: "recipient" }, sectored(ev.recipient)),
    h("td", {}, place), h("td", { class: "evidence" }, ev.evidence.text));
  tr.addEventListener("click", () => openEvent(ev));
  tr.addEventListener("keydown", (e) => { if (e.key === "Enter") openEvent(ev); });
  return tr;
}

function pager(params, page, pages, total) {
  const go = (p) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    window.location.hash = `#/events?${next}`;
  };
  return h("div", { class: "pager" },
    h("button", { type: "button", disabled: page <= 1, onclick: () => go(page - 1) }, "‹ Previous"),
    h("span", { id: "page-info" }, `page ${page} of ${pages} · ${total} events`),
    h("button", { type: "button", disabled: page >= pages, onclick: () => go(page + 1) }, "Next ›"));
}

export async function render(params) {
  const page = Math.max(1, Number(params.page) || 1);
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params[k] || ""]));
  const data = await get("/events", { ...filters, page, page_size: PAGE_SIZE, sort: "-date" });
  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
  const table = h("table", { class: "events", id: "events-table" },
    h("thead", {}, h("tr", {}, ["Date", "Type", "Status", "Actor", "Recipient", "Place", "Evidence"]
      .map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, data.items.map(row)));
  mount(h("h1", {}, "Events"), filterForm(params),
    data.items.length ? table : h("p", { class: "muted", id: "no-events" }, "No events match these filters."),
    pager(filters, page, pages, data.total));
}
