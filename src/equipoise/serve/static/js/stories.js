// Story rows for the events view: one row per real-world event (a cluster of reports),
// with the number of reports, articles and outlets, and its reports one click down.
import { seg } from "./api.js";
import { h } from "./dom.js";

function when(s) {
  if (!s.first_date) return "—";
  return s.last_date && s.last_date !== s.first_date ? `${s.first_date} → ${s.last_date}` : s.first_date;
}

// The cluster's participants: "KOR+JPN" (together) or "KOR>JPN" (toward); "CHN,KOR>"
// (no recipient: the signatories of a deal with no counterpart named) shows no arrow.
function who(s) {
  return s.dyad.replace(/>$/, "").replace(/>/g, " → ").replace(/\+/g, " + ").replace(/,/g, ", ");
}

function reports(s) {
  return h("ol", { class: "story-reports", hidden: true }, s.mention_ids.map((id, i) => h("li", {},
    h("a", { href: `#/article/${seg(s.mention_articles[i])}?event=${seg(id)}` }, `[${s.mention_articles[i]}]`),
    " ", s.evidence[i] || "")));
}

function plural(n, noun) {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

// Articles without an outlet are not "0 outlets": say that the outlet is not known.
function outlets(s) {
  if (s.outlets) return plural(s.outlets, "outlet");
  return s.articles === 1 ? "outlet unknown" : "outlets unknown";
}

export function storyRow(s) {
  const list = reports(s);
  const toggle = h("button", { type: "button", class: "secondary small", "aria-expanded": "false" },
    `${s.mentions} report${s.mentions === 1 ? "" : "s"}`);
  toggle.addEventListener("click", (e) => {
    e.stopPropagation();
    list.hidden = !list.hidden;
    toggle.setAttribute("aria-expanded", String(!list.hidden));
  });
  const seen = s.first_seen ? (s.last_seen !== s.first_seen ? `seen ${s.first_seen} → ${s.last_seen}` : `seen ${s.first_seen}`) : "";
  return h("tr", { class: "story", "data-story-id": s.id },
    h("td", {}, when(s)), h("td", {}, h("span", { class: "type" }, s.event_type)),
    h("td", { class: "wide" }, s.status), h("td", {}, who(s)), h("td", { class: "wide" }, s.place || ""),
    h("td", { class: "num" }, s.confidence === null ? "" : s.confidence.toFixed(2)),
    h("td", { class: "evidence" }, s.evidence.find(Boolean) || "",
      h("div", { class: "muted article-id" }, `${plural(s.articles, "article")}, ${outlets(s)} · ${seen} · `, toggle),
      list));
}
