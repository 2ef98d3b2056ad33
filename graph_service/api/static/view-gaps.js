// The expertise-gap map: domains by supply (experts) and demand (questions and searches that
// found little) over a chosen period, gaps highlighted, each with what to do about it; the
// full table is the accessible and exact version of the chart. Domains nobody has written
// about yet are listed apart, not ranked. The map downloads as CSV or an Excel workbook.

import { get, taxonomy } from "./api.js";
import { legend, scatter } from "./charts.js";
import { h, replace } from "./dom.js";
import { domainName, formatDate, formatNumber, lang, t } from "./i18n.js";
import { exportButtons, heading, loading, roomFor, section } from "./ui.js";

const LABELLED_GAPS = 4;
const PERIODS = [3, 6, 12, 24, 36];
const NUMBERS = [
  ["col.gap", (g) => formatNumber(g.gap_score)],
  ["col.experts", (g) => g.experts],
  ["col.active", (g) => g.active_experts],
  ["col.questions", (g) => g.questions],
  ["col.unanswered", (g) => g.unanswered],
  ["col.weak", (g) => g.weak_searches],
];

function actionCell(g) {
  const first = g.actions[0];
  if (!first) return h("td", { "data-label": t("col.action") }, "–");
  return h(
    "td",
    { class: "action", "data-label": t("col.action") },
    h("strong", {}, first.text),
    h("span", { class: "muted because" }, t("gaps.because", { r: first.reason })),
  );
}

function gapTable(gaps, name) {
  const columns = ["col.rank", "col.domain", ...NUMBERS.map(([c]) => c), "col.reasons"];
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "data gaps-table" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          [...columns, "col.action"].map((c) => h("th", { scope: "col" }, t(c))),
        ),
      ),
      h(
        "tbody",
        {},
        gaps.map((g, i) =>
          h(
            "tr",
            { class: g.gap_score > 0 ? "is-gap" : null },
            h("td", { class: "num rank", "data-label": t("col.rank") }, i + 1),
            h(
              "th",
              { scope: "row" },
              h(
                "a",
                { href: `#/domains/${encodeURIComponent(g.domain_id)}`, translate: "no" },
                name(g),
              ),
            ),
            NUMBERS.map(([c, value]) => h("td", { class: "num", "data-label": t(c) }, value(g))),
            h("td", { "data-label": t("col.reasons") }, g.reasons.join("; ") || "–"),
            actionCell(g),
          ),
        ),
      ),
    ),
  );
}

/** The period, the date it ends and the community, as a form that rewrites the address. */
function periodForm(chosen, communities) {
  const select = (id, options, value) =>
    h(
      "select",
      { id, name: id },
      options.map(([v, label]) => h("option", { value: v, selected: String(v) === value }, label)),
    );
  const field = (id, label, control) =>
    h("div", { class: "field" }, h("label", { for: id }, label), control);
  return h(
    "form",
    {
      class: "period",
      onsubmit: (event) => {
        event.preventDefault();
        const form = new FormData(event.target);
        const query = new URLSearchParams();
        for (const [key, value] of form) if (value) query.set(key, value);
        location.hash = `#/gaps?${query}`;
      },
    },
    field(
      "months",
      t("gaps.period"),
      select(
        "months",
        PERIODS.map((n) => [n, t("gaps.months", { n })]),
        chosen.months,
      ),
    ),
    field(
      "as_of",
      t("gaps.asOfLabel"),
      h("input", { id: "as_of", name: "as_of", type: "date", value: chosen.as_of }),
    ),
    field(
      "community",
      t("gaps.community"),
      select(
        "community",
        [["", t("gaps.allCommunities")], ...communities.map((c) => [c.id, c.name])],
        chosen.community,
      ),
    ),
    h("button", { type: "submit" }, t("gaps.show")),
  );
}

/** `#/gaps?months=&as_of=&community=` */
export async function gapsView(main, _, ctx) {
  const chosen = {
    months: ctx.query.get("months") || "12",
    as_of: ctx.query.get("as_of") || "",
    community: ctx.query.get("community") || "",
  };
  const params = {
    active_months: chosen.months,
    as_of: chosen.as_of,
    community: chosen.community,
    lang: lang(),
  };
  replace(main, loading());
  const [found, domains, communities] = await Promise.all([
    get("/v1/gaps", params),
    taxonomy(),
    get("/v1/communities"),
  ]);
  if (!ctx.current()) return;
  const name = (g) => domainName(domains.get(g.domain_id), g.name);
  const gaps = found.gaps.filter((g) => !g.no_activity);
  const quiet = found.gaps.filter((g) => g.no_activity);
  const real = gaps.filter((g) => g.gap_score > 0);
  const topScore = Math.max(...gaps.map((g) => g.gap_score), 1e-9);
  const points = gaps.map((g, i) => {
    const kind = g.gap_score <= 0 ? "ok" : i === 0 ? "top" : "gap";
    return {
      x: g.experts,
      y: g.questions + g.weak_searches,
      kind,
      label: name(g),
      r: kind === "ok" ? 6 : 7 + 9 * Math.sqrt(g.gap_score / topScore),
      href: `#/domains/${encodeURIComponent(g.domain_id)}`,
      showLabel: kind !== "ok" && i < LABELLED_GAPS,
      tip:
        `${name(g)}: ${t("col.experts")} ${g.experts}, ${t("col.questions")} ${g.questions}, ` +
        `${t("col.weak")} ${g.weak_searches}, ${t("col.gap")} ${formatNumber(g.gap_score)}`,
    };
  });
  const room = roomFor(main, 760);
  const title = t("gaps.chart", { n: real.length, top: real.length ? name(real[0]) : "–" });
  const asOf = h(
    "p",
    { class: "as-of" },
    h(
      "strong",
      {},
      t("gaps.asOf", { n: found.period_months, d: formatDate(found.as_of.slice(0, 10)) }),
    ),
    found.as_of_basis === "newest_content" ? ` ${t("gaps.asOfNewest")}` : null,
  );
  replace(
    main,
    h(
      "header",
      { class: "page-head" },
      heading(t("gaps.title")),
      h("p", {}, t("gaps.intro")),
      periodForm(chosen, communities),
      asOf,
      exportButtons("/v1/gaps", params),
    ),
    real.length ? null : h("p", { class: "notice" }, t("gaps.none")),
    gaps.length
      ? h(
          "figure",
          { class: "chart-figure" },
          scatter({
            points,
            title,
            xLabel: t("gaps.supply"),
            yLabel: t("gaps.demand"),
            width: room,
            height: room < 500 ? 380 : 440,
          }),
          h(
            "figcaption",
            {},
            legend([
              { cls: "swatch-top", label: t("gaps.top") },
              { cls: "swatch-gap", label: t("gaps.gap") },
              { cls: "swatch-ok", label: t("gaps.ok") },
            ]),
          ),
        )
      : null,
    section(t("gaps.table"), gapTable(gaps, name)),
    quiet.length
      ? section(
          t("gaps.quiet"),
          h("p", { class: "muted" }, t("gaps.quietIntro")),
          h(
            "ul",
            { class: "chips quiet" },
            quiet.map((g) =>
              h(
                "li",
                {},
                h(
                  "a",
                  {
                    class: "chip",
                    href: `#/domains/${encodeURIComponent(g.domain_id)}`,
                    translate: "no",
                  },
                  name(g),
                ),
              ),
            ),
          ),
        )
      : null,
  );
}
