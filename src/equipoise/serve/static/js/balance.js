import { get, seg } from "./api.js";
import { field, h, mount, svg, tooltip } from "./dom.js";
import { MARGIN, chartSvg, linear, xLabels, yAxis } from "./charts.js";
import { bySelect, codeForm, codeInput } from "./dyad.js";

const WIDTH = 900;
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

function brush(root, x0, x1, onSelect) {
  const selection = svg("rect", { class: "brush", y: MARGIN.top, height: HEIGHT - MARGIN.top - MARGIN.bottom, width: 0, visibility: "hidden" });
  root.appendChild(selection);
  const toX = (e) => {
    const box = root.getBoundingClientRect();
    return Math.max(x0, Math.min(x1, ((e.clientX - box.left) / box.width) * WIDTH));
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

// Runs of consecutive periods that have evidence; the line and band break at empty ones,
// because an index of 0 there would read as "balanced" rather than "nothing known".
function runs(periods) {
  const out = [];
  let current = [];
  periods.forEach((p, i) => {
    if (p.index !== null) {
      current.push(i);
    } else if (current.length) {
      out.push(current);
      current = [];
    }
  });
  if (current.length) out.push(current);
  return out;
}

function chart(periods, between, onZoom) {
  const root = chartSvg(WIDTH, HEIGHT, `Balance index between ${between[0]} and ${between[1]}`);
  root.id = "balance-chart";
  const y = linear(-1, 1, HEIGHT - MARGIN.bottom, MARGIN.top);
  const inner = WIDTH - MARGIN.left - MARGIN.right;
  const step = inner / Math.max(1, periods.length);
  const x = (i) => MARGIN.left + step * (i + 0.5);
  yAxis(root, y, [-1, -0.5, 0, 0.5, 1], MARGIN.left, WIDTH - MARGIN.right, (v) => v.toFixed(1));
  root.appendChild(svg("line", { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(0), y2: y(0), class: "zero" }));
  root.appendChild(svg("text", { x: MARGIN.left + 6, y: MARGIN.top + 12, class: "pole" }, `toward ${between[0]} ↑`));
  root.appendChild(svg("text", { x: MARGIN.left + 6, y: HEIGHT - MARGIN.bottom - 6, class: "pole" }, `toward ${between[1]} ↓`));
  for (const run of runs(periods)) {
    const upper = run.map((i) => `${x(i)},${y(periods[i].high)}`);
    const lower = run.map((i) => `${x(i)},${y(periods[i].low)}`).reverse();
    if (run.length === 1) {
      const i = run[0];
      root.appendChild(svg("rect", { x: x(i) - 5, width: 10, y: y(periods[i].high), height: Math.max(1, y(periods[i].low) - y(periods[i].high)), class: "band" }));
    } else {
      root.appendChild(svg("polygon", { points: [...upper, ...lower].join(" "), class: "band" }));
      root.appendChild(svg("polyline", { points: run.map((i) => `${x(i)},${y(periods[i].index)}`).join(" "), class: "index-line" }));
    }
  }
  periods.forEach((p, i) => {
    const hit = svg("rect", { x: x(i) - step / 2, width: step, y: MARGIN.top, height: HEIGHT - MARGIN.top - MARGIN.bottom, class: "hit", "data-period": p.period });
    tooltip(hit, p.index !== null ? periodTip(p) : [p.period, "no cooperative events with either power"]);
    root.appendChild(hit);
    if (p.index !== null) {
      root.appendChild(svg("circle", { cx: x(i), cy: y(p.index), r: 5, class: `point ${verdictClass(p.verdict, between)}`, "data-period": p.period }));
    } else {
      root.appendChild(svg("text", { x: x(i), y: y(0) + 4, "text-anchor": "middle", class: "empty-mark" }, "·"));
    }
  });
  xLabels(root, periods.map((p) => p.period), x, HEIGHT - MARGIN.bottom + 18, 10);
  brush(root, MARGIN.left, WIDTH - MARGIN.right, (from, to) => {
    const first = Math.max(0, Math.floor((from - MARGIN.left) / step));
    const last = Math.min(periods.length - 1, Math.floor((to - MARGIN.left) / step));
    if (last >= first) onZoom(periods[first].period, periods[last].period);
  });
  return root;
}

function verdictTable(periods, between) {
  return h("table", { class: "events", id: "verdict-table" },
    h("thead", {}, h("tr", {}, ["Period", "Index", "90% interval", "Events", "Stories", "Articles", "Verdict"].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, periods.map((p) => h("tr", {}, h("td", {}, p.period), h("td", {}, num(p.index)),
      h("td", {}, p.index === null ? "" : `${num(p.low)} … ${num(p.high)}`), h("td", {}, String(p.events)),
      h("td", {}, String(p.stories)), h("td", {}, String(p.articles)),
      h("td", {}, h("span", { class: `verdict ${verdictClass(p.verdict, between)}` }, p.verdict))))));
}

function meeting(m) {
  const where = m.places.length ? ` in ${m.places.join(", ")}` : "";
  return h("span", {}, h("strong", {}, m.power), ` ${m.date}${where} `,
    h("a", { href: `#/article/${seg(m.article_ids[0])}?event=${seg(m.event_ids[0])}` }, "evidence"));
}

function sequenceList(data) {
  if (!data.items.length) return h("p", { class: "muted", id: "sequences" }, `No back-to-back meetings within ${data.within} days.`);
  return h("ol", { class: "sequences", id: "sequences" }, data.items.map((s) => h("li", {},
    meeting(s.first), " → ", meeting(s.second), h("span", { class: "gap" }, ` ${s.gap_days} days apart`))));
}

function zoomControls(all, shown, onZoom) {
  const labels = all.map((p) => p.period);
  const pick = (id, value) => h("select", { id }, labels.map((l) => h("option", { value: l, selected: l === value }, l)));
  const from = pick("zoom-from", shown[0].period);
  const to = pick("zoom-to", shown[shown.length - 1].period);
  const apply = () => onZoom(from.value, to.value);
  from.addEventListener("change", apply);
  to.addEventListener("change", apply);
  return h("div", { class: "zoom" }, field("From", from), field("To", to),
    h("button", { type: "button", id: "zoom-reset", class: "secondary", onclick: () => onZoom(labels[0], labels[labels.length - 1]) }, "Show all"),
    h("span", { class: "muted" }, "Drag across the chart to zoom."));
}

function draw(container, data, seqs, range) {
  const labels = data.periods.map((p) => p.period);
  const lo = Math.max(0, labels.indexOf(range[0]));
  const hiFound = labels.indexOf(range[1]);
  const hi = hiFound < 0 ? labels.length - 1 : hiFound;
  const shown = data.periods.slice(Math.min(lo, hi), Math.max(lo, hi) + 1);
  const redraw = (a, b) => draw(container, data, seqs, [a, b]);
  container.replaceChildren(
    h("section", { class: "panel" }, h("h2", {}, `Balance of ${data.focal} between ${data.between[0]} and ${data.between[1]} (by ${data.by})`),
      chart(shown, data.between, redraw), zoomControls(data.periods, shown, redraw),
      h("p", { class: "muted" }, "Line: index of cooperative engagement (+1 all toward the first power, −1 all toward the second). Shaded: 90% interval over independent stories. Gaps: periods with no evidence.")),
    h("section", { class: "panel" }, h("h2", {}, "Verdict per period"), verdictTable(shown, data.between)),
    h("section", { class: "panel" }, h("h2", {}, "Back-to-back summits"), sequenceList(seqs)));
}

export async function render(params) {
  const focal = params.focal || "KOR";
  const [p1, p2] = (params.between || "CHN,JPN").split(",");
  const by = params.by || "month";
  const window_ = params.window || "1";
  const go = (next) => {
    const between = `${next.get("p1") || p1},${next.get("p2") || p2}`;
    next.delete("p1");
    next.delete("p2");
    next.set("between", between);
    window.location.hash = `#/balance?${next}`;
  };
  const form = codeForm("balance-form", () => [
    field("Focal", codeInput("focal", focal, "KOR")), field("Power 1", codeInput("p1", p1, "CHN")),
    field("Power 2", codeInput("p2", p2, "JPN")), field("Period", bySelect("by", by, ["month", "week"])),
    field("Window", h("input", { name: "window", id: "f-window", type: "number", min: 1, max: 24, value: window_, size: 3 }))],
  params, go);
  form.querySelector("#f-by").addEventListener("change", () => form.requestSubmit());
  const between = `${p1},${p2}`;
  const [data, seqs] = await Promise.all([
    get(`/balance/${seg(focal)}`, { between, by, window: window_ }),
    get(`/sequences/${seg(focal)}`, { powers: between, within: 30 }),
  ]);
  const container = h("div", { id: "balance-body" });
  mount(h("h1", {}, "Balance"), form, container);
  if (!data.periods.length) {
    container.appendChild(h("p", { class: "muted" }, "No cooperative events between these countries yet."));
    container.appendChild(h("section", { class: "panel" }, h("h2", {}, "Back-to-back summits"), sequenceList(seqs)));
    return;
  }
  draw(container, data, seqs, [data.periods[0].period, data.periods[data.periods.length - 1].period]);
}
