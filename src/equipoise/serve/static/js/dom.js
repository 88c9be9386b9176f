// DOM helpers. Every piece of text from the server goes in as a text node: article text
// and actor names are untrusted, so nothing here ever assigns innerHTML.

const SVG_NS = "http://www.w3.org/2000/svg";

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "style") {
      node.style.cssText = value; // CSSOM, which the page's CSP allows (style="" it would not)
    } else if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2), value);
    } else {
      node.setAttribute(key, value === true ? "" : String(value));
    }
  }
  return node;
}

export function h(tag, attrs, ...children) {
  return append(setAttrs(document.createElement(tag), attrs), children);
}

export function svg(tag, attrs, ...children) {
  return append(setAttrs(document.createElementNS(SVG_NS, tag), attrs), children);
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export function mount(...children) {
  const view = clear(document.getElementById("view"));
  return append(view, children);
}

export function codes(actors) {
  return (actors || []).map((a) => a.country || a.org || a.text).join(", ");
}

export function names(actors) {
  return (actors || []).map((a) => {
    const code = a.country || a.org;
    const who = a.name || a.text;
    return code && who && who !== code ? `${who} (${code})` : who || code || "";
  }).join("; ");
}

const tip = () => document.getElementById("tooltip");

export function showTip(event, lines) {
  const box = clear(tip());
  for (const line of lines) box.appendChild(h("div", {}, line));
  box.hidden = false;
  const x = Math.min(event.clientX + 14, window.innerWidth - box.offsetWidth - 8);
  const y = Math.min(event.clientY + 14, window.innerHeight - box.offsetHeight - 8);
  box.style.left = `${x + window.scrollX}px`;
  box.style.top = `${y + window.scrollY}px`;
}

export function hideTip() {
  tip().hidden = true;
}

export function tooltip(node, lines) {
  node.addEventListener("mousemove", (e) => showTip(e, typeof lines === "function" ? lines() : lines));
  node.addEventListener("mouseleave", hideTip);
  return node;
}

export function errorBox(err) {
  return h("p", { class: "error", role: "alert" }, err.message || String(err));
}

export function field(label, input) {
  return h("label", { class: "field" }, h("span", {}, label), input);
}
