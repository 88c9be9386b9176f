// The ego network of one actor: the actor in the middle, its partners around it, nearer
// and larger the more events they share. A circle of every pair was unreadable.
import { get } from "./api.js";
import { field, h, mount, svg, tooltip } from "./dom.js";
import { chartSvg, legend, netColor } from "./charts.js";
import { autocomplete } from "./filters.js";

const SIZE = 640;
const MAX_PARTNERS = 16;

function egoEdges(data, actor) {
  return data.edges.filter((e) => e.source === actor || e.target === actor)
    .map((e) => ({ ...e, partner: e.source === actor ? e.target : e.source }))
    .sort((a, b) => b.events - a.events || a.partner.localeCompare(b.partner))
    .slice(0, MAX_PARTNERS);
}

function graph(actor, edges, names) {
  const root = chartSvg(SIZE, SIZE, `Ego network of ${actor}`);
  root.id = "network";
  root.classList.add("network");
  const c = SIZE / 2;
  const maxEdge = Math.max(1, ...edges.map((e) => e.events));
  const placed = edges.map((e, i) => {
    // offset so that no edge is exactly vertical or horizontal (a zero-width box)
    const angle = (2 * Math.PI * i) / Math.max(1, edges.length) - Math.PI / 2 + 0.35;
    const dist = 120 + 150 * (1 - Math.sqrt(e.events / maxEdge));
    return { ...e, x: c + dist * Math.cos(angle), y: c + dist * Math.sin(angle) };
  });
  for (const e of placed) {
    const line = svg("line", { x1: c, y1: c, x2: e.x, y2: e.y, class: "edge", stroke: netColor(e.net),
      "stroke-width": 2 + (10 * e.events) / maxEdge, "data-edge": `${e.source}-${e.target}` });
    tooltip(line, [`${e.source} – ${e.target}`, `${e.events} events`,
      `${e.cooperative} cooperative, ${e.conflictual} conflictual`, `net ${e.net.toFixed(2)}`, "click: the dyad"]);
    line.addEventListener("click", () => { window.location.hash = `#/dyad?a=${e.source}&b=${e.target}`; });
    root.appendChild(line);
  }
  for (const e of placed) {
    const r = 10 + 14 * Math.sqrt(e.events / maxEdge);
    const g = svg("g", { class: "node", "data-code": e.partner, tabindex: 0 },
      svg("circle", { cx: e.x, cy: e.y, r }),
      svg("text", { x: e.x, y: e.y + r + 14, "text-anchor": "middle" }, e.partner));
    tooltip(g, [names[e.partner] ? `${e.partner}: ${names[e.partner]}` : e.partner, `${e.events} events with ${actor}`, "click: its own network"]);
    g.addEventListener("click", () => { window.location.hash = `#/network?actor=${e.partner}`; });
    root.appendChild(g);
  }
  const total = edges.reduce((s, e) => s + e.events, 0);
  const ego = svg("g", { class: "node ego", "data-code": actor },
    svg("circle", { cx: c, cy: c, r: 30 }), svg("text", { x: c, y: c + 4, "text-anchor": "middle" }, actor));
  tooltip(ego, [names[actor] ? `${actor}: ${names[actor]}` : actor, `${total} events with the partners shown`, "click: its events"]);
  ego.addEventListener("click", () => { window.location.hash = `#/events?actor=${actor}`; });
  root.appendChild(ego);
  return root;
}

export async function render(params) {
  const status = params.status || "occurred";
  const data = await get("/network", { status, edges: 500 });
  const busiest = [...data.nodes].sort((a, b) => b.events - a.events)[0];
  const actor = (params.actor || (busiest ? busiest.code : "")).toUpperCase();
  const names = Object.fromEntries(data.nodes.map((n) => [n.code, n.name]));
  const input = h("input", { name: "actor", id: "f-actor", value: actor, size: 6, class: "code", placeholder: "KOR" });
  const form = h("form", { class: "filters", id: "network-form" },
    field("Actor", autocomplete(input)),
    field("Status", h("select", { name: "status" }, ["occurred", "future", "hypothetical", "negated", "historical"]
      .map((s) => h("option", { value: s, selected: s === status }, s)))),
    h("button", { type: "submit" }, "Show"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const next = new URLSearchParams(new FormData(form));
    next.set("actor", String(next.get("actor") || "").trim().toUpperCase());
    window.location.hash = `#/network?${next}`;
  });
  const edges = egoEdges(data, actor);
  const body = edges.length ? graph(actor, edges, names)
    : h("p", { class: "muted", id: "no-partners" }, actor ? `No partners of ${actor} with ${status} events.` : "No pairs of actors yet.");
  mount(h("h1", {}, actor ? `Network of ${actor}` : "Actor network"), form,
    h("section", { class: "panel" }, body,
      legend([{ key: "mostly conflictual", color: netColor(-1) }, { key: "mixed", color: netColor(0) },
        { key: "mostly cooperative", color: netColor(1) }]),
      h("p", { class: "muted" }, `The ${MAX_PARTNERS} busiest partners at most. Edge width and nearness: events with the pair. Click a partner for its own network, an edge for the dyad, the centre for its events.`)));
}
