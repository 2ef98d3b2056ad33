// The page shell: hash routes to views, the language toggle, the API key panel, the skip
// link and the live region. Views render into <main>; a newer route makes older ones stale.
// The API key panel stays out of sight until the server asks for a key (or one is kept):
// where anyone may read, offering a key only puzzles the reader.

import { ApiError, apiKey, setApiKey } from "./api.js";
import { replace } from "./dom.js";
import { lang, setLang, t } from "./i18n.js";
import { failure, heading } from "./ui.js";
import { domainListView, domainView } from "./view-domain.js";
import { gapsView } from "./view-gaps.js";
import { communityPickerView, healthView } from "./view-health.js";
import { personView } from "./view-person.js";
import { searchView } from "./view-search.js";

const ROUTES = [
  [/^\/$/, "search", searchView],
  [/^\/experts$/, "search", searchView],
  [/^\/people\/([^/]+)$/, "person", personView],
  [/^\/domains$/, "domains", domainListView],
  [/^\/domains\/([^/]+)$/, "domain", domainView],
  [/^\/gaps$/, "gaps", gapsView],
  [/^\/communities$/, "communities", communityPickerView],
  [/^\/communities\/([^/]+)\/health$/, "health", healthView],
];
const NAV_OF = {
  search: "search",
  person: "search",
  domains: "domains",
  domain: "domains",
  gaps: "gaps",
  communities: "communities",
  health: "communities",
};

const main = document.getElementById("main");
const status = document.getElementById("status");
const keyPanel = document.getElementById("key-panel");
const keyInput = document.getElementById("api-key");
let generation = 0;
let shown = null;

function announce(text) {
  status.textContent = "";
  setTimeout(() => {
    status.textContent = text;
  }, 50);
}

function labelShell() {
  document.documentElement.lang = lang();
  for (const node of document.querySelectorAll("[data-i18n]"))
    node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll("[data-i18n-label]")) {
    node.setAttribute("aria-label", t(node.dataset.i18nLabel));
  }
  const toggle = document.getElementById("lang-toggle");
  toggle.textContent = t("otherLanguage");
  toggle.lang = lang() === "th" ? "en" : "th";
  toggle.setAttribute("aria-label", t("switchLanguage"));
  keyInput.value = apiKey();
}

function markNav(name) {
  for (const link of document.querySelectorAll("[data-nav]")) {
    if (link.dataset.nav === NAV_OF[name]) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

async function route({ moveFocus }) {
  const hash = location.hash.startsWith("#/") ? location.hash.slice(1) : "/";
  const [path, query = ""] = hash.split("?");
  const mine = ++generation;
  const found = ROUTES.map(([pattern, name, view]) => [pattern.exec(path), name, view]).find(
    ([match]) => match,
  );
  if (!found) {
    shown = null;
    replace(main, heading(t("notFound")));
    return;
  }
  const [match, name, view] = found;
  const ctx = {
    sameView: shown === name,
    query: new URLSearchParams(query),
    announce,
    current: () => mine === generation,
  };
  shown = name;
  markNav(name);
  main.setAttribute("aria-busy", "true");
  try {
    await view(main, match.slice(1).map(decodeURIComponent), ctx);
  } catch (error) {
    if (!ctx.current()) return;
    shown = null;
    replace(main, failure(error));
    if (error instanceof ApiError && error.status === 401) {
      keyPanel.hidden = false;
      keyPanel.open = true;
      keyInput.focus();
      return;
    }
  } finally {
    if (ctx.current()) main.removeAttribute("aria-busy");
  }
  if (!ctx.current()) return;
  const title = main.querySelector("h1");
  document.title = title ? `${title.textContent} · copgraph` : "copgraph";
  if (moveFocus && !ctx.sameView && title) title.focus();
}

document.getElementById("skip").addEventListener("click", (event) => {
  event.preventDefault();
  main.focus();
});
document.getElementById("lang-toggle").addEventListener("click", () => {
  setLang(lang() === "th" ? "en" : "th");
  routed = location.href;
  labelShell();
  shown = null;
  route({ moveFocus: false });
});
document.getElementById("key-form").addEventListener("submit", (event) => {
  event.preventDefault();
  setApiKey(keyInput.value.trim());
  keyPanel.open = false;
  shown = null;
  route({ moveFocus: true });
});
document.getElementById("key-forget").addEventListener("click", () => {
  setApiKey("");
  keyInput.value = "";
});
// Back and Forward across the language switch move between entries whose addresses differ in
// more than the hash (?lang=), where Chromium sends popstate but no hashchange: listen to
// both, and route once per address.
let routed = location.href;
function onAddressChange() {
  if (location.href === routed) return;
  routed = location.href;
  route({ moveFocus: true });
}
window.addEventListener("hashchange", onAddressChange);
window.addEventListener("popstate", onAddressChange);

keyPanel.hidden = !apiKey();
labelShell();
route({ moveFocus: false });
