import { get } from "./api.js";
import { h, mount } from "./dom.js";
import { downloads, filterForm, filterValues } from "./filters.js";
import { storyRow } from "./stories.js";

const PAGE_SIZE = 25;

function openEvent(ev) {
  window.location.hash = `#/article/${encodeURIComponent(ev.article_id)}?event=${encodeURIComponent(ev.id)}`;
}

// "GEO/COP": who acted, with the part of the state or society that acted
function sectored(actors) {
  return (actors || []).map((a) => `${a.country || a.org || a.text}/${a.sector || "UNK"}`).join(", ");
}

function row(ev) {
  const place = ev.location ? ev.location.place || ev.location.country || "" : "";
  const precision = ev.date ? ev.date_precision || "?" : "";
  const tr = h("tr", { tabindex: 0, class: "clickable", "data-event-id": ev.id },
    h("td", {}, ev.date || "—", precision ? h("span", { class: "muted precision" }, ` ${precision}`) : null),
    h("td", {}, h("span", { class: `type q${ev.quad}` }, ev.event_type)),
    h("td", { class: "wide" }, ev.status), h("td", { class: "actor" }, sectored(ev.actor)), h("td", { class: "recipient" }, sectored(ev.recipient)),
    h("td", { class: "wide" }, place), h("td", { class: "num" }, ev.confidence.toFixed(2)),
    h("td", { class: "evidence" }, ev.evidence.text, h("div", { class: "muted article-id" }, ev.article_id)));
  tr.addEventListener("click", () => openEvent(ev));
  tr.addEventListener("keydown", (e) => { if (e.key === "Enter") openEvent(ev); });
  return tr;
}

function pager(params, page, pages, total, noun) {
  const go = (p) => {
    const next = new URLSearchParams(Object.entries(params).filter(([, v]) => v));
    next.set("page", String(p));
    window.location.hash = `#/events?${next}`;
  };
  return h("div", { class: "pager" },
    h("button", { type: "button", disabled: page <= 1, onclick: () => go(page - 1) }, "‹ Previous"),
    h("span", { id: "page-info" }, `page ${page} of ${pages} · ${total} ${noun}`),
    h("button", { type: "button", disabled: page >= pages, onclick: () => go(page + 1) }, "Next ›"));
}

const HEAD = [["Date", ""], ["Type", ""], ["Status", "wide"], ["Actor", ""], ["Recipient", ""],
  ["Place", "wide"], ["Conf.", "num"], ["Evidence and article", ""]];
const STORY_HEAD = [["When", ""], ["Type", ""], ["Status", "wide"], ["Who", ""], ["Place", "wide"],
  ["Conf.", "num"], ["Evidence, reports", ""]];

// Stories (one row per real-world event) by default; ``rows=reports`` lists every report.
function rowSwitch(params, stories) {
  const next = new URLSearchParams(Object.entries(filterValues(params)).filter(([, v]) => v));
  if (stories) next.set("rows", "reports");
  return h("p", { class: "downloads", id: "row-switch" }, stories
    ? ["One row per story (reports of one event merged). ", h("a", { href: `#/events?${next}`, id: "show-reports" }, "One row per report")]
    : ["One row per report. ", h("a", { href: `#/events?${next}`, id: "show-stories" }, "One row per story")]);
}

export async function render(params) {
  const page = Math.max(1, Number(params.page) || 1);
  const filters = filterValues(params);
  const stories = params.rows !== "reports";
  const data = await get(stories ? "/stories" : "/events", { ...filters, page, page_size: PAGE_SIZE, ...(stories ? {} : { sort: "-date" }) });
  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
  const head = stories ? STORY_HEAD : HEAD;
  const table = h("div", { class: "scroll" }, h("table", { class: "events", id: "events-table" },
    h("thead", {}, h("tr", {}, head.map(([c, cls]) => h("th", { scope: "col", class: cls }, c)))),
    h("tbody", {}, data.items.map(stories ? storyRow : row))));
  const noun = stories ? "stories" : "events";
  mount(h("h1", {}, "Events"), filterForm(params, "events"), rowSwitch(params, stories), downloads(filters),
    data.items.length ? table : h("p", { class: "muted", id: "no-events" }, "No events match these filters."),
    pager({ ...filters, rows: stories ? "" : "reports" }, page, pages, data.total, noun));
}
