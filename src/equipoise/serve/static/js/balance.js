import { get, seg } from "./api.js";
import { field, h, mount, svg, tooltip } from "./dom.js";
import { MARGIN, chartSvg, fitted, legend, linear, xLabels, yAxis } from "./charts.js";
import { bySelect, codeForm, codeInput } from "./dyad.js";
import { autocomplete } from "./filters.js";

const HEIGHT = 340;

function verdictClass(verdict, between) {
  if (verdict.startsWith("tilted")) return verdict.endsWith(between[0]) ? "v-p1" : "v-p2";
  return verdict === "balanced" ? "v-balanced" : "v-unknown";
}

const num = (v) => (v === null || v === undefined ? "" : v.toFixed(2));

function periodTip(p) {
  return [p.period, `index ${num(p.index)} (90% interval ${num(p.low)} to ${num(p.high)})`,
    `${p.events} cooperative events, ${p.stories} independent stories, ${p.articles} articles`, p.verdict];
}

function brush(root, x0, x1, width, onSelect) {
  const selection = svg("rect", { class: "brush", y: MARGIN.top, height: HEIGHT - MARGIN.top - MARGIN.bottom, width: 0, visibility: "hidden" });
  root.appendChild(selection);
  const toX = (e) => {
    const box = root.getBoundingClientRect();
    return Math.max(x0, Math.min(x1, ((e.clientX - box.left) / box.width) * width));
  };
  let start = null;
  root.addEventListener("mousedown", (e) => { start = toX(e); e.preventDefault(); });
  root.addEventListener("mousemove", (e) => {
    if (start === null) return;
    const now = toX(e);
    selection.setAttribute("x", Math.min(start, now));
    selection.setAttribute("width", Math.abs(now - start));
    selection.setAttribute("visibility", "visible");
  });
  root.addEventListener("mouseleave", () => { start = null; selection.setAttribute("visibility", "hidden"); });
  root.addEventListener("mouseup", (e) => {
    if (start === null) return;
    const end = toX(e);
    const from = Math.min(start, end);
    const to = Math.max(start, end);
    start = null;
    selection.setAttribute("visibility", "hidden");
    if (to - from > 8) onSelect(from, to);
  });
}

const FOCAL_COLORS = ["#1d2430", "#8e44ad", "#d9822b", "#16a085"];

// Runs of consecutive periods that have evidence; the line and band break at empty ones,
// because an index of 0 there would read as "balanced" rather than "nothing known".
function runs(periods) {
  const out = [];
  let current = [];
  periods.forEach((p, i) => {
    if (p && p.index !== null) {
      current.push(i);
    } else if (current.length) {
      out.push(current);
      current = [];
    }
  });
  if (current.length) out.push(current);
  return out;
}

// series: [{focal, periods aligned with labels (null where that focal has no row)}]
function chart(labels, series, between, onZoom, width) {
  const root = chartSvg(width, HEIGHT, `Balance index between ${between[0]} and ${between[1]}`);
  root.id = "balance-chart";
  const y = linear(-1, 1, HEIGHT - MARGIN.bottom, MARGIN.top);
  const inner = width - MARGIN.left - MARGIN.right;
  const step = inner / Math.max(1, labels.length);
  const x = (i) => MARGIN.left + step * (i + 0.5);
  yAxis(root, y, [-1, -0.5, 0, 0.5, 1], MARGIN.left, width - MARGIN.right, (v) => v.toFixed(1));
  root.appendChild(svg("line", { x1: MARGIN.left, x2: width - MARGIN.right, y1: y(0), y2: y(0), class: "zero" }));
  root.appendChild(svg("text", { x: MARGIN.left + 6, y: MARGIN.top + 12, class: "pole" }, `toward ${between[0]} ↑`));
  root.appendChild(svg("text", { x: MARGIN.left + 6, y: HEIGHT - MARGIN.bottom - 6, class: "pole" }, `toward ${between[1]} ↓`));
  const main = series[0].periods;
  for (const run of runs(main)) {
    if (run.length === 1) {
      const i = run[0];
      root.appendChild(svg("rect", { x: x(i) - 5, width: 10, y: y(main[i].high), height: Math.max(1, y(main[i].low) - y(main[i].high)), class: "band" }));
    } else {
      const upper = run.map((i) => `${x(i)},${y(main[i].high)}`);
      const lower = run.map((i) => `${x(i)},${y(main[i].low)}`).reverse();
      root.appendChild(svg("polygon", { points: [...upper, ...lower].join(" "), class: "band" }));
    }
  }
  series.forEach((s, k) => {
    for (const run of runs(s.periods)) {
      if (run.length > 1) {
        root.appendChild(svg("polyline", { points: run.map((i) => `${x(i)},${y(s.periods[i].index)}`).join(" "),
          class: "index-line", stroke: FOCAL_COLORS[k % FOCAL_COLORS.length], "data-focal": s.focal }));
      }
    }
  });
  labels.forEach((label, i) => {
    const hit = svg("rect", { x: x(i) - step / 2, width: step, y: MARGIN.top, height: HEIGHT - MARGIN.top - MARGIN.bottom, class: "hit", "data-period": label });
    tooltip(hit, series.flatMap((s) => {
      const p = s.periods[i];
      const head = series.length > 1 ? `${s.focal}: ` : "";
      return p && p.index !== null ? periodTip(p).map((line, j) => (j === 0 ? `${head}${line}` : line))
        : [`${head}${label}`, "no cooperative events with either power"];
    }));
    root.appendChild(hit);
  });
  series.forEach((s, k) => s.periods.forEach((p, i) => {
    if (!p || p.index === null) {
      if (k === 0) root.appendChild(svg("text", { x: x(i), y: y(0) + 4, "text-anchor": "middle", class: "empty-mark" }, "·"));
      return;
    }
    const cls = k === 0 ? `point ${verdictClass(p.verdict, between)}` : "point extra";
    root.appendChild(svg("circle", { cx: x(i), cy: y(p.index), r: k === 0 ? 5 : 4, class: cls, "data-period": p.period,
      "data-focal": s.focal, fill: k === 0 ? null : FOCAL_COLORS[k % FOCAL_COLORS.length] }));
  }));
  xLabels(root, labels, x, HEIGHT - MARGIN.bottom + 18, 10);
  brush(root, MARGIN.left, width - MARGIN.right, width, (from, to) => {
    const first = Math.max(0, Math.floor((from - MARGIN.left) / step));
    const last = Math.min(labels.length - 1, Math.floor((to - MARGIN.left) / step));
    if (last >= first) onZoom(labels[first], labels[last]);
  });
  return root;
}

function verdictLegend(between, series) {
  const items = [
    { key: `tilted toward ${between[0]}`, color: "var(--p1)" },
    { key: `tilted toward ${between[1]}`, color: "var(--p2)" },
    { key: "balanced", color: "var(--balanced)" },
    { key: "too little evidence", color: "var(--unknown)" },
    { key: "90% interval", color: "rgba(31, 111, 139, 0.25)" },
  ];
  const focal = series.length > 1 ? series.map((s, k) => ({ key: `${s.focal} (line)`, color: FOCAL_COLORS[k % FOCAL_COLORS.length] })) : [];
  const list = legend([...items, ...focal]);
  list.id = "verdict-legend";
  return list;
}

// With "hide empty periods", a focal country's own empty periods go too: a period kept
// for another country is not a row of "0 events, too little evidence" for this one.
function verdictTable(labels, series, between, hideEmpty) {
  const multi = series.length > 1;
  const rows = series.flatMap((s) => s.periods.map((p, i) => [s.focal, labels[i], p])
    .filter(([, , p]) => p && !(hideEmpty && p.index === null)));
  return h("div", { class: "scroll" }, h("table", { class: "events", id: "verdict-table" },
    h("thead", {}, h("tr", {}, [...(multi ? ["Focal"] : []), "Period", "Index", "90% interval", "Events", "Stories", "Articles", "Verdict"].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, rows.map(([focal, label, p]) => h("tr", {}, multi ? h("td", {}, focal) : null, h("td", {}, label), h("td", {}, num(p.index)),
      h("td", {}, p.index === null ? "" : `${num(p.low)} … ${num(p.high)}`), h("td", {}, String(p.events)),
      h("td", {}, String(p.stories)), h("td", {}, String(p.articles)),
      h("td", {}, h("span", { class: `verdict ${verdictClass(p.verdict, between)}` }, p.verdict)))))));
}

function meeting(m) {
  const where = m.places.length ? ` in ${m.places.join(", ")}` : "";
  return h("span", {}, h("strong", {}, m.power), ` ${m.date}${where} `,
    h("a", { href: `#/article/${seg(m.article_ids[0])}?event=${seg(m.event_ids[0])}` }, "evidence"));
}

function sequenceList(data) {
  if (!data.items.length) return h("p", { class: "muted", id: "sequences" }, `No back-to-back meetings within ${data.within} days.`);
  return h("ol", { class: "sequences", id: "sequences" }, data.items.map((s) => h("li", {},
    meeting(s.first), " → ", meeting(s.second), h("span", { class: "gap" }, ` ${s.gap_days} day${s.gap_days === 1 ? "" : "s"} apart`))));
}

function zoomControls(labels, shown, onZoom) {
  const pick = (id, value) => h("select", { id }, labels.map((l) => h("option", { value: l, selected: l === value }, l)));
  const from = pick("zoom-from", shown[0]);
  const to = pick("zoom-to", shown[shown.length - 1]);
  const apply = () => onZoom(from.value, to.value);
  from.addEventListener("change", apply);
  to.addEventListener("change", apply);
  return h("div", { class: "zoom" }, field("From", from), field("To", to),
    h("button", { type: "button", id: "zoom-reset", class: "secondary", onclick: () => onZoom(labels[0], labels[labels.length - 1]) }, "Show all"),
    h("span", { class: "muted" }, "Drag across the chart to zoom."));
}

// Every focal country's periods aligned on one list of labels (sorted, so weeks and
// months from different countries interleave correctly).
function align(all, hideEmpty) {
  let labels = [...new Set(all.flatMap((d) => d.periods.map((p) => p.period)))].sort();
  const maps = all.map((d) => new Map(d.periods.map((p) => [p.period, p])));
  if (hideEmpty) labels = labels.filter((l) => maps.some((m) => m.get(l) && m.get(l).index !== null));
  return { labels, series: all.map((d, k) => ({ focal: d.focal, periods: labels.map((l) => maps[k].get(l) || null) })) };
}

function draw(container, all, seqs, range, hideEmpty) {
  const { labels: allLabels, series: allSeries } = align(all, hideEmpty);
  const lo = Math.max(0, allLabels.indexOf(range[0]));
  const hiFound = allLabels.indexOf(range[1]);
  const hi = hiFound < 0 ? allLabels.length - 1 : hiFound;
  const [a, b] = [Math.min(lo, hi), Math.max(lo, hi) + 1];
  const labels = allLabels.slice(a, b);
  const series = allSeries.map((s) => ({ focal: s.focal, periods: s.periods.slice(a, b) }));
  const between = all[0].between;
  const redraw = (x, y) => draw(container, all, seqs, [x, y], hideEmpty);
  const names = all.map((d) => d.focal).join(", ");
  container.replaceChildren(
    h("section", { class: "panel" }, h("h2", {}, `Balance of ${names} between ${between[0]} and ${between[1]} (by ${all[0].by})`),
      fitted((width) => chart(labels, series, between, redraw, width)), verdictLegend(between, series), zoomControls(allLabels, labels, redraw),
      h("p", { class: "muted" }, "Line: index of cooperative engagement (+1 all toward the first power, −1 all toward the second). Shaded: 90% interval over independent stories (first country). Gaps and dots on the zero line: periods with no evidence.")),
    h("section", { class: "panel" }, h("h2", {}, "Verdict per period"), verdictTable(labels, series, between, hideEmpty)),
    h("section", { class: "panel" }, h("h2", {}, `Back-to-back summits of ${all[0].focal}`), sequenceList(seqs)));
}

export async function render(params) {
  const focals = (params.focal || "KOR").split(",").map((f) => f.trim()).filter(Boolean).slice(0, 4);
  const [p1, p2] = (params.between || "CHN,JPN").split(",");
  const by = params.by || "month";
  const window_ = params.window || "1";
  const hideEmpty = params.hide === "1";
  const go = (next) => {
    const between = `${next.get("p1") || p1},${next.get("p2") || p2}`;
    next.delete("p1");
    next.delete("p2");
    next.set("between", between);
    window.location.hash = `#/balance?${next}`;
  };
  const focalInput = h("input", { name: "focal", id: "f-focal", value: focals.join(","), required: true, size: 14,
    pattern: "[A-Za-z0-9]{2,10}(,[A-Za-z0-9]{2,10}){0,3}", title: "one to four codes, comma-separated", class: "code", placeholder: "KOR,PHL" });
  const hide = h("input", { type: "checkbox", name: "hide", id: "f-hide", value: "1", checked: hideEmpty });
  const form = codeForm("balance-form", () => [
    field("Focal (up to 4, comma-separated)", focalInput), field("Power 1", autocomplete(codeInput("p1", p1, "CHN"))),
    field("Power 2", autocomplete(codeInput("p2", p2, "JPN"))), field("Period", bySelect("by", by, ["month", "week"])),
    field("Window", h("input", { name: "window", id: "f-window", type: "number", min: 1, max: 24, value: window_, size: 3 })),
    h("label", { class: "check" }, hide, " Hide empty periods")],
  params, go);
  // the form sends every named field's value, so an unchecked box carries none
  hide.value = hideEmpty ? "1" : "";
  hide.addEventListener("change", () => { hide.value = hide.checked ? "1" : ""; form.requestSubmit(); });
  form.querySelector("#f-by").addEventListener("change", () => form.requestSubmit());
  const between = `${p1},${p2}`;
  const [seqs, ...all] = await Promise.all([
    get(`/sequences/${seg(focals[0])}`, { powers: between, within: 30 }),
    ...focals.map((f) => get(`/balance/${seg(f)}`, { between, by, window: window_ })),
  ]);
  const container = h("div", { id: "balance-body" });
  mount(h("h1", {}, "Balance"), form, container);
  if (!all.some((d) => d.periods.length)) {
    container.appendChild(h("p", { class: "muted" }, "No cooperative events between these countries yet."));
    container.appendChild(h("section", { class: "panel" }, h("h2", {}, "Back-to-back summits"), sequenceList(seqs)));
    return;
  }
  const labels = align(all, hideEmpty).labels;
  draw(container, all, seqs, [labels[0], labels[labels.length - 1]], hideEmpty);
}
