// "Who knows about X": the search box, then ranked people with the evidence behind each rank.
// Without a query, the same page introduces the graph: its size and its domains.

import { get, taxonomy } from "./api.js";
import { h, replace } from "./dom.js";
import { domainName, formatDate, formatNumber, formatSigned, t, tParts, term } from "./i18n.js";
import { bar, domainChips, failure, loading, namesake, section } from "./ui.js";

const PAGE = 10;
const EXAMPLES = 4;

function searchHref(q) {
  return `#/experts?q=${encodeURIComponent(q)}`;
}

function searchForm(q) {
  const input = h("input", {
    id: "q",
    name: "q",
    type: "search",
    value: q,
    required: true,
    autocomplete: "off",
    enterkeyhint: "search",
    placeholder: t("search.placeholder"),
  });
  return h(
    "form",
    {
      class: "search",
      role: "search",
      onsubmit: (event) => {
        event.preventDefault();
        const next = searchHref(input.value.trim());
        if (location.hash === next) window.dispatchEvent(new HashChangeEvent("hashchange"));
        else location.hash = next;
      },
    },
    input,
    h("button", { type: "submit" }, t("search.button")),
  );
}

function evidenceItem(item, expertScore) {
  const title = item.url
    ? h(
        "a",
        { href: item.url, target: "_blank", rel: "noopener noreferrer", translate: "no" },
        item.title,
      )
    : h("span", { translate: "no" }, item.title);
  return h(
    "li",
    { class: "evidence-item" },
    h("h4", {}, title),
    h("p", { class: "snippet", translate: "no" }, item.snippet),
    h(
      "p",
      { class: "meta" },
      h("span", { class: `role role-${item.role}` }, term("role", item.role)),
      item.date ? h("time", { datetime: item.date }, formatDate(item.date)) : null,
      h(
        "span",
        { class: "contribution" },
        bar(item.contribution, expertScore, "bar-small"),
        t("contribution", { v: formatNumber(item.contribution) }),
      ),
    ),
  );
}

function expertCard(expert, rank, domains) {
  return h(
    "li",
    { class: "expert" },
    h(
      "div",
      { class: "expert-head" },
      h("span", { class: "rank", "aria-hidden": "true" }, rank),
      h(
        "h3",
        {},
        h(
          "a",
          {
            class: "person-link",
            href: `#/people/${encodeURIComponent(expert.id)}`,
            translate: "no",
          },
          expert.name,
        ),
      ),
      h("span", { class: "muted handle", translate: "no" }, expert.id),
      namesake(expert),
      h("span", { class: "score" }, `${t("score")} ${formatNumber(expert.score)}`),
    ),
    domainChips(
      expert.domains.slice(0, 4).map((d) => d.domain_id),
      domains,
    ),
    expert.last_activity
      ? h("p", { class: "meta" }, t("lastActive", { date: formatDate(expert.last_activity) }))
      : null,
    h(
      "details",
      { class: "evidence", open: rank === 1 },
      h("summary", {}, t("evidence", { n: expert.evidence.length })),
      h(
        "ol",
        {},
        expert.evidence.map((item) => evidenceItem(item, expert.score)),
      ),
      scoreRest(expert),
    ),
  );
}

/** What the score holds beyond the items listed: the rest of the evidence and each graph
 * signal or learned correction (which may take away), so that the numbers on the card add
 * up to the score. */
function scoreRest(expert) {
  const lines = [];
  if (expert.more_evidence > 0) {
    lines.push(
      t("evidence.more", {
        n: expert.more_evidence,
        v: formatNumber(expert.more_evidence_contribution),
      }),
    );
  }
  for (const [name, value] of Object.entries(expert.signals || {})) {
    lines.push(t(`signal.${name}`, { v: formatSigned(value) }));
  }
  if (!lines.length) return null;
  return h(
    "ul",
    { class: "score-rest meta" },
    lines.map((line) => h("li", {}, line)),
  );
}

/** No one has written about the query: say so, and where to ask it instead. */
function nobodyYet(q) {
  return h(
    "div",
    { class: "card nobody-yet" },
    h("p", {}, t("search.ask")),
    h("blockquote", {}, q),
    h("a", { href: "#/communities" }, t("search.askLink")),
  );
}

async function showResults(results, q, ctx) {
  replace(results, loading());
  const [page, domains] = await Promise.all([get("/v1/experts", { q, limit: PAGE }), taxonomy()]);
  if (!ctx.current()) return;
  const list = h("ol", { class: "experts" });
  let rank = 0;
  const append = (people) =>
    people.map((expert) => {
      const card = expertCard(expert, ++rank, domains);
      list.append(card);
      return card;
    });
  append(page.results);
  const key = page.results.length ? "search.found" : "search.none";
  const vars = { n: page.results.length + (page.next_cursor ? "+" : "") };
  const summary = t(key, { ...vars, q });
  replace(
    results,
    h(
      "h2",
      { class: "results-title" },
      tParts(key, { ...vars, q: h("span", { translate: "no" }, q) }),
    ),
    page.results.length ? list : nobodyYet(q),
  );
  ctx.announce(summary);
  let cursor = page.next_cursor;
  if (cursor) {
    const more = h(
      "button",
      {
        type: "button",
        class: "secondary",
        onclick: async () => {
          try {
            const next = await get("/v1/experts", { q, limit: PAGE, cursor });
            cursor = next.next_cursor;
            const cards = append(next.results);
            if (!cursor) more.remove();
            cards[0]?.querySelector("a")?.focus();
          } catch (error) {
            more.replaceWith(failure(error));
          }
        },
      },
      t("search.more"),
    );
    results.append(more);
  }
}

async function showIntro(results, ctx) {
  replace(results, loading());
  const [stats, domains] = await Promise.all([get("/v1/stats"), taxonomy()]);
  if (!ctx.current()) return;
  const n = stats.nodes;
  const roots = [...domains.values()].filter((d) => !d.broader.length);
  const children = (id) =>
    [...domains.values()].filter((d) => d.broader.includes(id)).map((d) => d.id);
  replace(
    results,
    h(
      "p",
      { class: "stats" },
      t("stats", {
        people: n.Person ?? 0,
        documents: n.Document ?? 0,
        domains: n.Domain ?? 0,
        practices: n.Practice ?? 0,
      }),
    ),
    section(
      t("home.domains"),
      h(
        "ul",
        { class: "domain-grid" },
        roots.map((d) =>
          h(
            "li",
            { class: "card" },
            h(
              "h3",
              {},
              h(
                "a",
                { href: `#/domains/${encodeURIComponent(d.id)}`, translate: "no" },
                domainName(d, d.id),
              ),
            ),
            domainChips(children(d.id), domains),
          ),
        ),
      ),
    ),
  );
}

/** Domain names to try as queries, alternately in English and Thai: search crosses languages. */
function examples() {
  const line = h("p", { class: "examples" });
  taxonomy()
    .then((domains) => {
      const leaves = [...domains.values()].filter((d) => d.broader.length).slice(0, EXAMPLES);
      const links = leaves.map((d, i) => {
        const language = i % 2 && d.labels.th ? "th" : "en";
        const text = d.labels[language] || d.id;
        return [h("a", { href: searchHref(text), lang: language }, text), " "];
      });
      if (links.length) replace(line, t("search.try"), " ", links);
    })
    .catch(() => line.remove()); // the view's own request for the taxonomy shows the error
  return line;
}

/** The search page: `#/` (introduction) or `#/experts?q=...` (results). */
export async function searchView(main, _, ctx) {
  const q = (ctx.query.get("q") || "").trim();
  let results = main.querySelector("#results");
  if (!ctx.sameView || !results) {
    results = h("div", { id: "results" });
    replace(
      main,
      h(
        "section",
        { class: "hero" },
        h("h1", { tabindex: "-1" }, h("label", { for: "q" }, t("search.title"))),
        h("p", { class: "tagline" }, t("tagline")),
        searchForm(q),
        examples(),
      ),
      results,
    );
  } else {
    main.querySelector("#q").value = q;
  }
  await (q ? showResults(results, q, ctx) : showIntro(results, ctx));
}
