import { get } from "./api.js";
import { h, mount } from "./dom.js";
import { EVENT_TYPES, fitted, legend, monthRange, stackedBars, typeColor } from "./charts.js";

function card(label, value, extra = "") {
  return h("div", { class: `card ${extra}` }, h("div", { class: "card-value" }, value),
    h("div", { class: "card-label" }, label));
}

function typeChart(byMonth) {
  if (!byMonth.length) return h("p", { class: "muted" }, "No dated events yet.");
  const months = monthRange(byMonth[0].month, byMonth[byMonth.length - 1].month);
  const present = EVENT_TYPES.filter((t) => byMonth.some((r) => r.event_type === t));
  const series = present.map((type) => ({
    key: type, color: typeColor(type),
    values: months.map((m) => byMonth.filter((r) => r.month === m && r.event_type === type)
      .reduce((s, r) => s + r.events, 0)),
  }));
  return h("div", {}, fitted((width) => stackedBars({ labels: months, series, width, title: "Events by type per month" })),
    legend(series.map((s) => ({ key: s.key, color: s.color }))));
}

// One definition with the CLI, the report and the dyad view: occurred, dated events per
// pair, and by direction (reports of one event may tell it both ways, so the directions
// can add up to more than the total).
function dyadList(dyads) {
  if (!dyads.length) return h("p", { class: "muted" }, "No dyads yet.");
  const top = Math.max(...dyads.map((d) => d.events));
  return h("ol", { class: "dyads" }, dyads.map((d) => h("li", { "data-pair": `${d.source}-${d.target}`, "data-events": d.events },
    h("a", { href: `#/dyad?a=${encodeURIComponent(d.source)}&b=${encodeURIComponent(d.target)}` },
      `${d.source} – ${d.target}`),
    h("span", { class: "meter" }, h("span", { style: `width: ${(100 * d.events) / top}%` })),
    h("span", { class: "num" }, String(d.events)),
    h("span", { class: "directions muted" },
      `${d.source}→${d.target} ${d.forward} · ${d.target}→${d.source} ${d.backward} · joint ${d.joint}`))));
}

export async function render() {
  const s = await get("/summary", { top: 10 });
  const range = s.first_date ? `${s.first_date} → ${s.last_date}` : "no dated events";
  const failed = (s.articles_by_status.failed || 0) + (s.articles_by_status.skipped || 0);
  mount(
    h("h1", {}, "Overview"),
    h("section", { class: "cards", id: "summary-cards" },
      card("articles", String(s.articles)), card("events", String(s.events)),
      card("date range", range, "small"), card("failed or skipped articles", String(failed))),
    h("section", { class: "panel" }, h("h2", {}, "Events by type over time"), typeChart(s.by_month)),
    h("section", { class: "panel" }, h("h2", {}, "Most active dyads (occurred, dated events)"), dyadList(s.top_dyads)),
  );
}
