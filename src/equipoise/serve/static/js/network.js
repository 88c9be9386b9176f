import { get } from "./api.js";
import { field, h, mount, svg, tooltip } from "./dom.js";
import { chartSvg, legend, netColor } from "./charts.js";

const SIZE = 640;

// Nodes on a circle, busiest first, so the layout is the same on every load.
function layout(nodes) {
  const sorted = [...nodes].sort((a, b) => b.events - a.events || a.code.localeCompare(b.code));
  const radius = SIZE / 2 - 70;
  const pos = new Map();
  sorted.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / sorted.length - Math.PI / 2;
    pos.set(n.code, { x: SIZE / 2 + radius * Math.cos(angle), y: SIZE / 2 + radius * Math.sin(angle) });
  });
  return pos;
}

function graph(data) {
  const root = chartSvg(SIZE, SIZE, "Actor network");
  root.id = "network";
  root.classList.add("network");
  const pos = layout(data.nodes);
  const maxEdge = Math.max(1, ...data.edges.map((e) => e.events));
  const maxNode = Math.max(1, ...data.nodes.map((n) => n.events));
  for (const e of data.edges) {
    const a = pos.get(e.source);
    const b = pos.get(e.target);
    const line = svg("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: "edge",
      stroke: netColor(e.net), "stroke-width": 1.5 + (8 * e.events) / maxEdge,
      "data-edge": `${e.source}-${e.target}` });
    tooltip(line, [`${e.source} – ${e.target}`, `${e.events} events`,
      `${e.cooperative} cooperative, ${e.conflictual} conflictual`, `net ${e.net.toFixed(2)}`]);
    line.addEventListener("click", () => { window.location.hash = `#/dyad?a=${e.source}&b=${e.target}`; });
    root.appendChild(line);
  }
  for (const n of data.nodes) {
    const p = pos.get(n.code);
    const r = 8 + 18 * Math.sqrt(n.events / maxNode);
    const g = svg("g", { class: "node", "data-code": n.code, tabindex: 0 },
      svg("circle", { cx: p.x, cy: p.y, r }),
      svg("text", { x: p.x, y: p.y + r + 14, "text-anchor": "middle" }, n.code));
    tooltip(g, [n.name ? `${n.code}: ${n.name}` : n.code, `${n.events} events in the shown pairs`]);
    g.addEventListener("click", () => { window.location.hash = `#/events?actor=${n.code}`; });
    root.appendChild(g);
  }
  return root;
}

export async function render(params) {
  const status = params.status || "occurred";
  const edges = params.edges || "60";
  const data = await get("/network", { status, edges });
  const form = h("form", { class: "filters", id: "network-form" },
    field("Status", h("select", { name: "status" }, ["occurred", "future", "hypothetical", "negated", "historical"]
      .map((s) => h("option", { value: s, selected: s === status }, s)))),
    field("Pairs", h("input", { name: "edges", type: "number", min: 1, max: 500, value: edges, size: 4 })),
    h("button", { type: "submit" }, "Show"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    window.location.hash = `#/network?${new URLSearchParams(new FormData(form))}`;
  });
  const body = data.nodes.length ? graph(data) : h("p", { class: "muted" }, "No pairs of actors yet.");
  mount(h("h1", {}, "Actor network"), form,
    h("section", { class: "panel" }, body,
      legend([{ key: "mostly conflictual", color: netColor(-1) }, { key: "mixed", color: netColor(0) },
        { key: "mostly cooperative", color: netColor(1) }]),
      h("p", { class: "muted" }, "Edge width: events between the pair. Click a node for its events, an edge for the dyad.")));
}
