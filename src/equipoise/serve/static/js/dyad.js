import { get, seg } from "./api.js";
import { field, h, mount, svg, tooltip } from "./dom.js";
import { MARGIN, barWidth, chartSvg, fitted, legend, lineChart, linear, niceTicks, xLabels, yAxis } from "./charts.js";

const CODE = "[A-Za-z0-9]{2,10}";
const COLORS = ["#1f6f8b", "#d9822b", "#6a5acd"];

export function codeForm(id, fields, params, onSubmit) {
  const form = h("form", { class: "filters", id }, fields(params), h("button", { type: "submit" }, "Show"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const el of form.querySelectorAll("[name]")) {
      const value = el.value.trim();
      if (value) next.set(el.name, el.classList.contains("code") ? value.toUpperCase() : value);
    }
    onSubmit(next);
  });
  return form;
}

export function codeInput(name, value, placeholder) {
  return h("input", { name, id: `f-${name}`, value: value || "", pattern: CODE, required: true,
    placeholder, size: 6, title: "2-10 capitals or digits", class: "code" });
}

export function bySelect(name, value, choices) {
  return h("select", { name, id: `f-${name}` },
    choices.map((c) => h("option", { value: c, selected: c === value }, c)));
}

function netBars(labels, values, width) {
  const height = 220;
  const root = chartSvg(width, height, "Net cooperation per period");
  const extent = Math.max(1, ...values.map(Math.abs));
  const ticks = niceTicks(-extent, extent, 4);
  const y = linear(ticks[0], ticks[ticks.length - 1], height - MARGIN.bottom, MARGIN.top);
  const band = (width - MARGIN.left - MARGIN.right) / Math.max(1, labels.length);
  const x = (i) => MARGIN.left + band * (i + 0.5);
  yAxis(root, y, ticks, MARGIN.left, width - MARGIN.right);
  values.forEach((v, i) => {
    const rect = svg("rect", { x: x(i) - barWidth(band) / 2, width: barWidth(band), y: Math.min(y(v), y(0)),
      height: Math.max(0.5, Math.abs(y(v) - y(0))), class: v >= 0 ? "bar coop" : "bar conflict" });
    tooltip(rect, [labels[i], `net cooperation: ${v.toFixed(1)}`]);
    root.appendChild(rect);
  });
  xLabels(root, labels, x, height - MARGIN.bottom + 18);
  return root;
}

function series(data) {
  const labels = [...new Set(data.rows.map((r) => r.period))];
  const pick = (direction, key) => labels.map((p) => {
    const row = data.rows.find((r) => r.period === p && r.direction === direction);
    return row ? row[key] : 0;
  });
  const directions = [`${data.a}->${data.b}`, `${data.b}->${data.a}`, `${data.a}+${data.b}`];
  return { labels, directions, pick };
}

function table(data) {
  const combined = data.rows.filter((r) => r.direction === "combined");
  return h("table", { class: "events", id: "dyad-table" },
    h("thead", {}, h("tr", {}, ["Period", "Events", "Articles", "Net cooperation", "Quads 1/2/3/4", "Types"]
      .map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, combined.map((r) => h("tr", {}, h("td", {}, r.period), h("td", {}, String(r.events)),
      h("td", {}, String(r.articles)), h("td", {}, r.net_cooperation.toFixed(1)),
      h("td", {}, r.quads.join(" / ")),
      h("td", {}, Object.entries(r.types).map(([t, n]) => `${t} ${n}`).join(", "))))));
}

export async function render(params) {
  const a = params.a || "KOR";
  const b = params.b || "JPN";
  const by = params.by || "month";
  const form = codeForm("dyad-form", () => [
    field("Country A", codeInput("a", a, "KOR")), field("Country B", codeInput("b", b, "JPN")),
    field("Period", bySelect("by", by, ["week", "month", "quarter", "year"]))],
  params, (next) => { window.location.hash = `#/dyad?${next}`; });
  const data = await get(`/dyads/${seg(a)}/${seg(b)}`, { by });
  if (!data.rows.length) {
    mount(h("h1", {}, `Dyad ${a} – ${b}`), form, h("p", { class: "muted" }, "No dated events between these two."));
    return;
  }
  const s = series(data);
  const lines = s.directions.map((d, i) => ({ key: d, color: COLORS[i], values: s.pick(d, "events") }));
  mount(h("h1", {}, `Dyad ${a} – ${b}`), form,
    h("section", { class: "panel" }, h("h2", {}, "Events per period by direction"),
      fitted((width) => lineChart({ labels: s.labels, lines, width, title: "Events per period" })), legend(lines)),
    h("section", { class: "panel" }, h("h2", {}, "Net cooperation (all directions)"),
      fitted((width) => netBars(s.labels, s.pick("combined", "net_cooperation"), width))),
    h("section", { class: "panel" }, h("h2", {}, "Per period"), table(data)));
}
