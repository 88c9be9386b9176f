// Finding articles: newest first, or a full-text search, filtered by outlet and dates.
import { get, seg } from "./api.js";
import { field, h, mount } from "./dom.js";

const PAGE_SIZE = 20;
const KEYS = ["q", "outlet", "since", "until"];

// The index marks matches with [ ]; they are shown bold, as text nodes only.
function snippet(text) {
  const out = h("p", { class: "snippet" });
  text.split(/(\[[^\]]*\])/).forEach((part) => {
    out.appendChild(part.startsWith("[") && part.endsWith("]") ? h("strong", {}, part.slice(1, -1)) : document.createTextNode(part));
  });
  return out;
}

function item(a) {
  return h("li", { class: "article-hit", "data-article-id": a.id },
    h("a", { href: `#/article/${seg(a.id)}` }, a.title || a.id),
    h("div", { class: "meta" }, [a.published || "undated", a.outlet || "", `${a.events} events`, `id ${a.id}`].filter(Boolean).join(" · ")),
    a.snippet ? snippet(a.snippet) : null);
}

function form(params) {
  const input = (name, attrs) => h("input", { name, id: `f-${name}`, value: params[name] || "", ...attrs });
  const f = h("form", { class: "filters", id: "article-filters" },
    field("Search the text", input("q", { type: "search", placeholder: "Nara summit", size: 24 })),
    field("Outlet", input("outlet", { size: 16 })),
    field("From", input("since", { type: "date" })), field("To", input("until", { type: "date" })),
    h("button", { type: "submit" }, "Find"));
  f.addEventListener("submit", (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const key of KEYS) {
      const value = String(new FormData(f).get(key) || "").trim();
      if (value) next.set(key, value);
    }
    window.location.hash = `#/articles?${next}`;
  });
  return f;
}

export async function render(params) {
  const page = Math.max(1, Number(params.page) || 1);
  const filters = Object.fromEntries(KEYS.map((k) => [k, params[k] || ""]));
  const data = await get("/articles", { ...filters, page, page_size: PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
  const go = (p) => {
    const next = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
    next.set("page", String(p));
    window.location.hash = `#/articles?${next}`;
  };
  mount(h("h1", {}, "Articles"), form(params),
    data.items.length ? h("ol", { class: "article-hits", id: "article-hits" }, data.items.map(item))
      : h("p", { class: "muted", id: "no-articles" }, "No articles match."),
    h("div", { class: "pager" },
      h("button", { type: "button", disabled: page <= 1, onclick: () => go(page - 1) }, "‹ Previous"),
      h("span", { id: "article-page-info" }, `page ${page} of ${pages} · ${data.total} articles`),
      h("button", { type: "button", disabled: page >= pages, onclick: () => go(page + 1) }, "Next ›")));
}
