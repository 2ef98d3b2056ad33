// The JSON API, same origin. Reads are anonymous unless the server closed them; then the
// page asks for a key once, keeps it in sessionStorage (this tab only) and sends X-API-Key.

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

/** GET `path` with query `params` (empty values dropped); the parsed JSON body. */
export async function get(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") query.set(name, value);
  }
  const url = query.size ? `${path}?${query}` : path;
  const headers = { Accept: "application/json" };
  if (apiKey()) headers["X-API-Key"] = apiKey();
  const response = await fetch(url, { headers });
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
  return response.json();
}

let domains = null;

/** The taxonomy as a Map of id -> domain, fetched once per page load. */
export function taxonomy() {
  if (!domains) {
    domains = get("/v1/domains").then((list) => new Map(list.map((d) => [d.id, d])));
    domains.catch(() => {
      domains = null; // a failed fetch (say, a missing key) is tried again next time
    });
  }
  return domains;
}

/** PUT `body` as JSON to `path` with the page's key; the parsed JSON answer. */
export async function put(path, body) {
  const headers = { Accept: "application/json", "Content-Type": "application/json" };
  if (apiKey()) headers["X-API-Key"] = apiKey();
  const response = await fetch(path, { method: "PUT", headers, body: JSON.stringify(body) });
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
  return response.json();
}
