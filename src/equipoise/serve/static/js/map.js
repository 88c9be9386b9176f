// Events on a world map drawn from the shipped Natural Earth outlines (no tiles, no network).
import { get, seg } from "./api.js";
import { h, mount, svg, tooltip } from "./dom.js";
import { legend } from "./charts.js";
import { downloads, filterForm, filterValues } from "./filters.js";

const WIDTH = 960;
const TOP = 84;
const BOTTOM = -58;
const HEIGHT = ((TOP - BOTTOM) / 360) * WIDTH;
const QUADS = [
  { key: "verbal cooperation", color: "#52b788", quad: 1 },
  { key: "material cooperation", color: "#1b7a4b", quad: 2 },
  { key: "verbal conflict", color: "#f08c6c", quad: 3 },
  { key: "material conflict", color: "#b3261e", quad: 4 },
];
const quadColor = (q) => (QUADS.find((d) => d.quad === q) || { color: "#667085" }).color;

const px = (lon) => ((lon + 180) / 360) * WIDTH;
const py = (lat) => ((TOP - lat) / 360) * WIDTH;

let basemap = null;
async function outlines() {
  if (!basemap) basemap = await get("/basemap");
  return basemap;
}

function ringPath(ring) {
  return `M${ring.map(([lon, lat]) => `${px(lon).toFixed(1)},${py(lat).toFixed(1)}`).join("L")}Z`;
}

// The region to show: every point with a margin, at least 50 degrees wide, world's aspect.
function frame(points, world) {
  if (world || !points.length) return [0, 0, WIDTH, HEIGHT];
  const xs = points.map((p) => px(p.lon));
  const ys = points.map((p) => py(p.lat));
  const minSpan = (50 / 360) * WIDTH;
  let w = Math.max(minSpan, Math.max(...xs) - Math.min(...xs)) * 1.4;
  let hgt = Math.max(Math.max(...ys) - Math.min(...ys)) * 1.4;
  if (w / hgt < WIDTH / HEIGHT) w = hgt * (WIDTH / HEIGHT); else hgt = w / (WIDTH / HEIGHT);
  w = Math.min(w, WIDTH);
  hgt = Math.min(hgt, HEIGHT);
  const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
  const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
  const x0 = Math.min(Math.max(0, cx - w / 2), WIDTH - w);
  const y0 = Math.min(Math.max(0, cy - hgt / 2), HEIGHT - hgt);
  return [x0, y0, w, hgt];
}

async function openExample(point) {
  const ev = await get(`/events/${seg(point.example)}`);
  window.location.hash = `#/article/${seg(ev.article_id)}?event=${seg(ev.id)}`;
}

function drawMap(base, data, world) {
  const box = frame(data.points, world);
  const scale = box[2] / WIDTH;
  const root = svg("svg", { viewBox: box.join(" "), width: "100%", class: "chart map", id: "map",
    role: "img", "aria-label": "Map of events", preserveAspectRatio: "xMidYMid meet" });
  root.appendChild(svg("rect", { x: 0, y: 0, width: WIDTH, height: HEIGHT, class: "sea" }));
  const land = svg("g", { class: "land" });
  for (const c of base.countries) {
    const path = svg("path", { d: c.rings.map(ringPath).join(""), "data-code": c.code });
    land.appendChild(path);
  }
  root.appendChild(land);
  const maxCount = Math.max(1, ...data.points.map((p) => p.events));
  const sorted = [...data.points].sort((a, b) => b.events - a.events);
  for (const p of sorted) {
    const r = (4 + 10 * Math.sqrt(p.events / maxCount)) * scale;
    const dot = svg("circle", { cx: px(p.lon), cy: py(p.lat), r, class: "marker", fill: quadColor(p.quad),
      "data-type": p.event_type, "data-place": p.place || "", tabindex: 0 });
    tooltip(dot, [`${p.place || "unnamed place"}${p.country ? `, ${p.country}` : ""}`,
      `${p.event_type}: ${p.events} event${p.events === 1 ? "" : "s"}`, "click: one of them in its article"]);
    dot.addEventListener("click", () => openExample(p));
    root.appendChild(dot);
  }
  return root;
}

export async function render(params) {
  const filters = filterValues(params);
  const world = params.world === "1";
  const [base, data] = await Promise.all([outlines(), get("/map", filters)]);
  const toggle = new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) });
  if (!world) toggle.set("world", "1");
  mount(h("h1", {}, "Map"), filterForm(params, "map"), downloads(filters),
    h("section", { class: "panel" },
      h("p", { class: "muted", id: "map-summary" },
        `${data.events} events at ${data.points.length} place-and-type points; ${data.unplaced} matching events have no coordinates. `,
        h("a", { href: `#/map?${toggle}`, id: "map-extent" }, world ? "Zoom to the events" : "Show the whole world")),
      drawMap(base, data, world),
      legend(QUADS.map((q) => ({ key: q.key, color: q.color }))),
      h("p", { class: "muted" }, "One circle per place and PLOVER type, its area by the number of events. Outlines: Natural Earth (public domain).")));
}
