// Hash router: #/view?key=value. Each view module exports render(params).
import { errorBox, hideTip, mount } from "./dom.js";
import * as overview from "./overview.js";
import * as events from "./events.js";
import * as article from "./article.js";
import * as dyad from "./dyad.js";
import * as balance from "./balance.js";
import * as network from "./network.js";
import * as map from "./map.js";
import * as articles from "./articles.js";

const VIEWS = { overview, events, article, dyad, balance, network, map, articles };

export function parseHash(hash) {
  const [path, search = ""] = hash.replace(/^#\/?/, "").split("?");
  const [name, ...rest] = path.split("/");
  const params = Object.fromEntries(new URLSearchParams(search));
  return { name: name || "overview", arg: rest.map(decodeURIComponent).join("/"), params };
}

async function route() {
  hideTip();
  const { name, arg, params } = parseHash(window.location.hash);
  const view = VIEWS[name] || overview;
  for (const link of document.querySelectorAll("#nav a")) {
    link.classList.toggle("active", link.dataset.view === (name === "article" ? "events" : name));
  }
  document.body.dataset.view = name;
  document.body.dataset.ready = "false";
  try {
    await view.render(params, arg);
  } catch (err) {
    mount(errorBox(err));
  }
  document.body.dataset.ready = "true";
}

window.addEventListener("hashchange", route);
route();
