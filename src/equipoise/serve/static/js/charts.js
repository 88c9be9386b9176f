// Small SVG chart builders: scales, axes, stacked bars and lines. No libraries.
import { svg, tooltip } from "./dom.js";

export const MARGIN = { top: 16, right: 16, bottom: 46, left: 48 };

export function linear(d0, d1, r0, r1) {
  const span = d1 - d0 || 1;
  const f = (v) => r0 + ((v - d0) / span) * (r1 - r0);
  f.invert = (p) => d0 + ((p - r0) / (r1 - r0 || 1)) * span;
  return f;
}

export function niceTicks(min, max, count = 5, minStep = 0) {
  const span = max - min || 1;
  const raw = span / count;
  const nice = [1, 2, 5, 10].map((m) => m * 10 ** Math.floor(Math.log10(raw)))
    .find((s) => s >= raw) || raw;
  const step = Math.max(nice, minStep);
  const ticks = [];
  for (let v = Math.ceil(min / step) * step; v <= max + 1e-9; v += step) {
    ticks.push(Math.round(v * 1e6) / 1e6);
  }
  return ticks;
}

export function chartSvg(width, height, label) {
  return svg("svg", {
    viewBox: `0 0 ${width} ${height}`, width: "100%", class: "chart",
    role: "img", "aria-label": label, preserveAspectRatio: "xMidYMid meet",
  });
}

export function yAxis(root, y, ticks, x0, x1, format = (v) => String(v)) {
  const g = svg("g", { class: "axis y" });
  for (const t of ticks) {
    g.appendChild(svg("line", { x1: x0, x2: x1, y1: y(t), y2: y(t), class: "grid" }));
    g.appendChild(svg("text", { x: x0 - 6, y: y(t) + 4, "text-anchor": "end" }, format(t)));
  }
  root.appendChild(g);
}

// Every n-th label, so that at most maxLabels show and none overlaps its neighbour at the
// width the chart is drawn (about 7 px a character at the axis font size, plus a gap).
export function xLabels(root, labels, xCenter, yPos, maxLabels = 12) {
  const longest = Math.max(1, ...labels.map((l) => String(l).length));
  const band = labels.length > 1 ? Math.abs(xCenter(1) - xCenter(0)) : Infinity;
  const fit = Math.ceil((longest * 7 + 10) / band);
  const every = Math.max(1, Math.ceil(labels.length / maxLabels), fit);
  const g = svg("g", { class: "axis x" });
  labels.forEach((label, i) => {
    if (i % every !== 0) return;
    g.appendChild(svg("text", { x: xCenter(i), y: yPos, "text-anchor": "middle" }, label));
  });
  root.appendChild(g);
}

// The width a chart is drawn at never goes below this (a container narrower scrolls).
const MIN_WIDTH = 240;

// A chart drawn at its container's width, one SVG unit to one CSS pixel, and drawn again
// when that width changes. A fixed 900-unit drawing scaled down to a phone shrinks its
// labels to 4 px; laying it out for the room it has keeps them at the axis font size.
// build(width) returns the svg; it is drawn once at once (so the view has a chart as
// soon as it is mounted) and again when the container's width is known.
export function fitted(build, initial = 900) {
  const box = document.createElement("div");
  box.className = "chart-box";
  let drawn = 0;
  const draw = (width) => {
    const w = Math.max(MIN_WIDTH, Math.floor(width));
    if (w === drawn) return;
    drawn = w;
    box.replaceChildren(build(w));
  };
  draw(initial);
  new ResizeObserver((entries) => {
    const width = entries[entries.length - 1].contentRect.width;
    if (width > 0) draw(width);
  }).observe(box);
  return box;
}

// Bars fill most of their slot but stay slim when there are only a few periods.
export const barWidth = (band) => Math.min(band * 0.8, 56);

// series: [{key, color, values: number[] aligned with labels}]
export function stackedBars({ labels, series, width = 900, height = 300, title }) {
  const root = chartSvg(width, height, title);
  const totals = labels.map((_, i) => series.reduce((s, d) => s + (d.values[i] || 0), 0));
  const top = Math.max(1, ...totals);
  const ticks = niceTicks(0, top, 5, 1);
  const y = linear(0, Math.max(top, ticks[ticks.length - 1]), height - MARGIN.bottom, MARGIN.top);
  const band = (width - MARGIN.left - MARGIN.right) / Math.max(1, labels.length);
  const xCenter = (i) => MARGIN.left + band * (i + 0.5);
  yAxis(root, y, ticks, MARGIN.left, width - MARGIN.right);
  labels.forEach((label, i) => {
    let base = 0;
    for (const s of series) {
      const v = s.values[i] || 0;
      if (!v) continue;
      const rect = svg("rect", {
        x: xCenter(i) - barWidth(band) / 2, width: barWidth(band), y: y(base + v),
        height: Math.max(0.5, y(base) - y(base + v)), fill: s.color, class: "bar",
        "data-period": label, "data-key": s.key,
      });
      tooltip(rect, [`${label}`, `${s.key}: ${v}`, `all types: ${totals[i]}`]);
      root.appendChild(rect);
      base += v;
    }
  });
  xLabels(root, labels, xCenter, height - MARGIN.bottom + 18);
  return root;
}

// lines: [{key, color, values}] ; returns the svg and its x scale for callers to extend
export function lineChart({ labels, lines, width = 900, height = 280, title, yMin = 0 }) {
  const root = chartSvg(width, height, title);
  const all = lines.flatMap((l) => l.values);
  const ticks = niceTicks(Math.min(yMin, ...all), Math.max(1, ...all), 5, 1); // counts
  const y = linear(ticks[0], ticks[ticks.length - 1], height - MARGIN.bottom, MARGIN.top);
  const step = (width - MARGIN.left - MARGIN.right) / Math.max(1, labels.length);
  const x = (i) => MARGIN.left + step * (i + 0.5);
  yAxis(root, y, ticks, MARGIN.left, width - MARGIN.right);
  for (const line of lines) {
    const points = line.values.map((v, i) => `${x(i)},${y(v)}`).join(" ");
    root.appendChild(svg("polyline", { points, fill: "none", stroke: line.color, "stroke-width": 2 }));
    line.values.forEach((v, i) => {
      root.appendChild(svg("circle", { cx: x(i), cy: y(v), r: 4, fill: line.color, class: "dot" }));
    });
  }
  // One hover area per period, so points of lines that coincide still all get reported.
  labels.forEach((label, i) => {
    const hit = svg("rect", { x: x(i) - step / 2, width: step, y: MARGIN.top,
      height: height - MARGIN.top - MARGIN.bottom, class: "hit", "data-period": label });
    tooltip(hit, [label, ...lines.map((l) => `${l.key}: ${l.values[i]}`)]);
    root.appendChild(hit);
  });
  xLabels(root, labels, x, height - MARGIN.bottom + 18);
  return root;
}

export function legend(items) {
  const ul = document.createElement("ul");
  ul.className = "legend";
  for (const item of items) {
    const li = document.createElement("li");
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = item.color;
    li.appendChild(swatch);
    li.appendChild(document.createTextNode(item.key));
    ul.appendChild(li);
  }
  return ul;
}

// Net cooperation from -1 (conflict, red) through grey to +1 (cooperation, teal).
export function netColor(net) {
  const t = Math.max(-1, Math.min(1, net));
  const grey = [150, 154, 160];
  const end = t < 0 ? [192, 57, 43] : [22, 128, 120];
  const mix = grey.map((g, i) => Math.round(g + (end[i] - g) * Math.abs(t)));
  return `rgb(${mix[0]}, ${mix[1]}, ${mix[2]})`;
}

const TYPE_COLORS = {
  AGREE: "#1f6f8b", CONSULT: "#3b8fb5", SUPPORT: "#6fb3d2", CONCEDE: "#9dd0e0",
  COOPERATE: "#1b7f5a", AID: "#3fae7f", RETREAT: "#8fd1a8", REQUEST: "#b9e3c6",
  ACCUSE: "#d9a33a", REJECT: "#e8bf6a", THREATEN: "#b8742a", PROTEST: "#f0d9a0",
  SANCTION: "#b03a2e", MOBILIZE: "#d4614f", COERCE: "#8e2a1f", ASSAULT: "#5e1a12",
};

export function typeColor(type) {
  return TYPE_COLORS[type] || "#888";
}

export const EVENT_TYPES = Object.keys(TYPE_COLORS);

// Every month label from the first to the last, so gaps show as empty bars.
export function monthRange(first, last) {
  const out = [];
  let [y, m] = first.split("-").map(Number);
  const [ly, lm] = last.split("-").map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return out;
}
