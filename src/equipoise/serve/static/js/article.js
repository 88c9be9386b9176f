import { get, seg } from "./api.js";
import { codes, h, mount, names } from "./dom.js";

// Evidence offsets count Unicode code points (Python str indices); JavaScript strings
// count UTF-16 units, so the text is sliced as an array of code points.
export function splitAt(text, start, end) {
  const points = Array.from(text);
  return [points.slice(0, start).join(""), points.slice(start, end).join(""), points.slice(end).join("")];
}

function articleText(text, ev) {
  const body = h("div", { class: "article-text", id: "article-text" });
  if (!ev) {
    body.appendChild(document.createTextNode(text));
    return body;
  }
  const [before, span, after] = splitAt(text, ev.evidence.start, ev.evidence.end);
  body.appendChild(document.createTextNode(before));
  body.appendChild(h("mark", { id: "evidence" }, span));
  body.appendChild(document.createTextNode(after));
  return body;
}

function detail(label, value, id) {
  return [h("dt", {}, label), h("dd", { id }, value || "—")];
}

function eventPanel(ev) {
  if (!ev) return h("p", { class: "muted" }, "This article has no events.");
  const loc = ev.location || {};
  const place = [loc.place, loc.country].filter(Boolean).join(", ");
  return h("dl", { class: "event-detail", id: "event-detail" },
    detail("Type", ev.mode ? `${ev.event_type} (${ev.mode})` : ev.event_type, "d-type"),
    detail("Status", ev.status, "d-status"),
    detail("Actor", names(ev.actor), "d-actor"),
    detail("Recipient", names(ev.recipient), "d-recipient"),
    detail("Place", place, "d-place"),
    detail("Date", ev.date ? `${ev.date} (${ev.date_precision || "?"})` : "", "d-date"),
    detail("Article", ev.article_id, "d-article"),
    detail("Confidence", ev.confidence.toFixed(2), "d-confidence"),
    detail("Contexts", (ev.contexts || []).join(", "), "d-contexts"));
}

// "KOR → JPN"; an event with no recipient (a joint meeting, two signatories) is written
// "KOR + JPN" as in the events view, not with an arrow pointing at nobody.
function parties(ev) {
  if ((ev.recipient || []).length) {
    return [h("span", { class: "who" }, codes(ev.actor) || "?"), " → ", h("span", { class: "whom" }, codes(ev.recipient))];
  }
  const joint = (ev.actor || []).map((a) => a.country || a.org || a.text).join(" + ");
  return [h("span", { class: "who" }, joint || "?")];
}

// Each event as who did what to whom, which is what a reader scans the list for.
function eventList(article, selected) {
  return h("ol", { class: "article-events", id: "article-events" }, article.events.map((ev) => h("li", {},
    h("a", {
      href: `#/article/${seg(article.id)}?event=${seg(ev.id)}`,
      class: ev.id === selected.id ? "current" : "",
    }, h("span", { class: `type q${ev.quad}` }, ev.event_type), " ", ...parties(ev),
    ev.status !== "occurred" ? h("span", { class: "muted" }, ` (${ev.status})`) : null))));
}

// Where the publication date came from (Article.published_source), in words.
const SOURCE_WORDS = {
  input: "the source", html: "the page's metadata", url: "the URL", text: "the text",
  default: "--published",
};

function meta(article) {
  const published = article.published && article.published_source
    ? `${article.published} (date from ${SOURCE_WORDS[article.published_source] || article.published_source})`
    : article.published;
  const bits = [article.outlet, published, article.source].filter(Boolean).join(" · ");
  const link = article.url && /^https?:\/\//i.test(article.url)
    ? h("a", { href: article.url, rel: "noopener noreferrer", target: "_blank" }, article.url)
    : article.url;
  return h("p", { class: "meta" }, bits, link ? " · " : "", link);
}

export async function render(params, articleId) {
  const article = await get(`/articles/${seg(articleId)}`);
  const selected = article.events.find((e) => e.id === params.event) || article.events[0];
  mount(
    h("p", {}, h("a", { href: "#/events" }, "← events")),
    h("div", { class: "article-layout" },
      h("article", { class: "panel" }, h("h1", { id: "article-title" }, article.title || article.id),
        meta(article), articleText(article.text, selected)),
      h("aside", { class: "panel side" }, h("h2", {}, "Event"), eventPanel(selected),
        h("h2", {}, `All events (${article.events.length})`), eventList(article, selected || {}))),
  );
  const mark = document.getElementById("evidence");
  if (mark) mark.scrollIntoView({ block: "center" });
}
