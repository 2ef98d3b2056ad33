// The JSON API, same origin. Reads are anonymous unless the server closed them; then the
// page asks for a key once, keeps it in sessionStorage (this tab only) and sends X-API-Key.
// Every request says the page's language, so error details come back in it.

import { lang } from "./i18n.js";

const KEY = "copgraph.apiKey";

/** An API answer that is not 2xx, with the problem+json detail when the server sent one. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

export function apiKey() {
  return sessionStorage.getItem(KEY) || "";
}

export function setApiKey(key) {
  if (key) sessionStorage.setItem(KEY, key);
  else sessionStorage.removeItem(KEY);
}

/**
 * Send one request with the page's language and key; the response, or an ApiError carrying
 * the problem+json detail. Every call (get, download, put) goes through here.
 */
async function request(
  path,
  { params = {}, accept = "application/json", method = "GET", body } = {},
) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") query.set(name, value);
  }
  const url = query.size ? `${path}?${query}` : path;
  const headers = { Accept: accept, "Accept-Language": lang() };
  if (apiKey()) headers["X-API-Key"] = apiKey();
  const init = { method, headers };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(url, init);
  if (!response.ok) {
    let detail = response.statusText;
    try {
      const problem = await response.json();
      detail = problem.detail || problem.title || detail;
    } catch {
      // Not problem+json: the status text will do.
    }
    throw new ApiError(response.status, detail);
  }
  return response;
}

/** GET `path` with query `params` (empty values dropped); the parsed JSON body. */
export async function get(path, params = {}) {
  return (await request(path, { params })).json();
}

/**
 * Save what GET `path` answers as a file, named as the server says. Fetched, not linked:
 * a plain link could not send the API key where reads are closed.
 */
export async function download(path, params = {}) {
  const response = await request(path, { params, accept: "*/*" });
  const disposition = response.headers.get("Content-Disposition") || "";
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] || "copgraph-export";
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const domains = new Map();

/**
 * The taxonomy as a Map of id -> domain, fetched once per page load and language (its
 * descriptions come in the language the request says).
 */
export function taxonomy() {
  const language = lang();
  if (!domains.has(language)) {
    const fetched = get("/v1/domains").then((list) => new Map(list.map((d) => [d.id, d])));
    domains.set(language, fetched);
    fetched.catch(() => {
      domains.delete(language); // a failed fetch (say, a missing key) is tried again next time
    });
  }
  return domains.get(language);
}

/** PUT `body` as JSON to `path` with the page's key; the parsed JSON answer. */
export async function put(path, body) {
  return (await request(path, { method: "PUT", body })).json();
}
