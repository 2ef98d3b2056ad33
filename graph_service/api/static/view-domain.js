// Domains: the taxonomy as a list, and one domain's page with its graph of people and
// practices (the table-like lists below the graph say the same for screen readers).

import { get, taxonomy } from "./api.js";
import { legend } from "./charts.js";
import { h, replace } from "./dom.js";
import { domainGraph } from "./graph.js";
import { domainName, formatDate, formatNumber, lang, t, tParts } from "./i18n.js";
import {
  bar,
  domainChips,
  failure,
  heading,
  loading,
  namesake,
  roomFor,
  section,
} from "./ui.js";

/** Where a practice opens: the page of its first domain, which lists it with its authors
 * (the embed card links the same way), else a search for its title. */
function practiceHref(practice) {
  const domain = practice.domain_ids[0];
  return domain
    ? `#/domains/${encodeURIComponent(domain)}`
    : `#/experts?q=${encodeURIComponent(practice.title)}`;
}

function relatedButton(practice) {
  const box = h("div", { class: "related", "aria-live": "polite" });
  const button = h(
    "button",
    {
      type: "button",
      class: "link",
      "aria-expanded": "false",
      onclick: async () => {
        if (button.getAttribute("aria-expanded") === "true") {
          button.setAttribute("aria-expanded", "false");
          replace(box);
          return;
        }
        button.setAttribute("aria-expanded", "true");
        replace(box, loading());
        try {
          const found = await get(`/v1/practices/${encodeURIComponent(practice.id)}/related`);
          replace(
            box,
            found.results.length
              ? h(
                  "ul",
                  {},
                  found.results.map((r) =>
                    h(
                      "li",
                      {},
                      h("a", { href: practiceHref(r), translate: "no" }, r.title),
                      h("span", { class: "muted" }, ` · ${r.reasons.join("; ")}`),
                    ),
                  ),
                )
              : h("p", { class: "muted" }, t("related.none")),
          );
        } catch (error) {
          replace(box, failure(error));
        }
      },
    },
    t("related.show"),
  );
  return [button, box];
}

function expertsTable(detail) {
  const top = Math.max(...detail.experts.map((e) => e.score), 1e-9);
  return h(
    "table",
    { class: "data" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, t("domain.experts")),
        h("th", { scope: "col" }, t("col.score")),
        h("th", { scope: "col" }, t("col.evidence")),
      ),
    ),
    h(
      "tbody",
      {},
      detail.experts.map((e) =>
        h(
          "tr",
          {},
          h(
            "th",
            { scope: "row" },
            h(
              "a",
              { href: `#/people/${encodeURIComponent(e.person_id)}`, translate: "no" },
              e.name,
            ),
            namesake(e, "div"),
            e.last_activity ? h("div", { class: "muted" }, formatDate(e.last_activity)) : null,
          ),
          h("td", {}, bar(e.score, top), " ", formatNumber(e.score)),
          h("td", { class: "num" }, e.evidence_count),
        ),
      ),
    ),
  );
}

/** `#/domains/{id}` */
export async function domainView(main, [id], ctx) {
  replace(main, loading());
  const [detail, domains] = await Promise.all([
    get(`/v1/domains/${encodeURIComponent(id)}`),
    taxonomy(),
  ]);
  if (!ctx.current()) return;
  const name = domainName(detail, detail.id);
  const other = detail.labels[lang() === "th" ? "en" : "th"];
  const names = new Map(detail.experts.map((e) => [e.person_id, e.name]));
  const room = roomFor(main, 880);
  const graph = domainGraph({
    width: room,
    height: room < 600 ? 480 : 520,
    center: { label: name },
    people: detail.experts.map((e) => ({
      id: e.person_id,
      label: e.name,
      weight: e.score,
      href: `#/people/${encodeURIComponent(e.person_id)}`,
    })),
    practices: detail.practices.map((p) => ({ id: p.id, label: p.title, authors: p.author_ids })),
    title: t("domain.graph", { d: name }),
  });
  replace(
    main,
    h(
      "header",
      { class: "page-head" },
      heading(name),
      other && other !== name
        ? h("p", { class: "muted", lang: lang() === "th" ? "en" : "th" }, other)
        : null,
      h("p", { class: "description" }, detail.description),
      detail.broader.length
        ? h(
            "div",
            { class: "inline" },
            h("span", { class: "muted" }, t("domain.broader")),
            domainChips(detail.broader, domains),
          )
        : null,
      detail.narrower.length
        ? h(
            "div",
            { class: "inline" },
            h("span", { class: "muted" }, t("domain.narrower")),
            domainChips(detail.narrower, domains),
          )
        : null,
    ),
    h(
      "figure",
      { class: "graph-figure" },
      graph,
      h(
        "figcaption",
        {},
        t("domain.graphHelp"),
        legend([
          { cls: "swatch-person", label: t("domain.experts") },
          { cls: "swatch-practice", label: t("domain.practices") },
        ]),
      ),
    ),
    h(
      "div",
      { class: "columns" },
      section(
        t("domain.experts"),
        detail.experts.length
          ? expertsTable(detail)
          : h("p", { class: "muted" }, t("domain.noExperts")),
      ),
      section(
        t("domain.practices"),
        detail.practices.length
          ? h(
              "ul",
              { class: "practices" },
              detail.practices.map((p) =>
                h(
                  "li",
                  {},
                  h("h3", { translate: "no" }, p.title),
                  h("p", { translate: "no" }, p.summary),
                  h(
                    "p",
                    { class: "meta" },
                    tParts("by", {
                      names: h(
                        "span",
                        { translate: "no" },
                        p.author_ids.map((a) => names.get(a) || a).join(", "),
                      ),
                    }),
                  ),
                  relatedButton(p),
                ),
              ),
            )
          : h("p", { class: "muted" }, t("domain.noPractices")),
      ),
    ),
  );
}

/** `#/domains`: every domain, grouped under its broader ones. */
export async function domainListView(main, _, ctx) {
  replace(main, loading());
  const domains = await taxonomy();
  if (!ctx.current()) return;
  const all = [...domains.values()];
  const roots = all.filter((d) => !d.broader.length);
  replace(
    main,
    h("header", { class: "page-head" }, heading(t("domain.list"))),
    h(
      "ul",
      { class: "domain-grid" },
      roots.map((d) =>
        h(
          "li",
          { class: "card" },
          h(
            "h2",
            {},
            h(
              "a",
              { href: `#/domains/${encodeURIComponent(d.id)}`, translate: "no" },
              domainName(d, d.id),
            ),
          ),
          h("p", { class: "muted description" }, d.description),
          domainChips(
            all.filter((c) => c.broader.includes(d.id)).map((c) => c.id),
            domains,
          ),
        ),
      ),
    ),
  );
}
