// The expertise-gap map: domains by supply (experts) and demand (questions), gaps highlighted,
// with the full table (numbers and reasons) as the accessible and exact version of the chart.

import { get, taxonomy } from "./api.js";
import { legend, scatter } from "./charts.js";
import { h, replace } from "./dom.js";
import { domainName, formatNumber, reason, t } from "./i18n.js";
import { heading, loading, roomFor, section } from "./ui.js";

const LABELLED_GAPS = 4;

function gapTable(gaps, domains) {
  const columns = [
    "col.rank",
    "col.domain",
    "col.gap",
    "col.experts",
    "col.active",
    "col.questions",
    "col.unanswered",
    "col.weak",
    "col.reasons",
  ];
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
          columns.map((c) => h("th", { scope: "col" }, t(c))),
        ),
      ),
      h(
        "tbody",
        {},
        gaps.map((g, i) =>
          h(
            "tr",
            { class: g.gap_score > 0 ? "is-gap" : null },
            h("td", { class: "num" }, i + 1),
            h(
              "th",
              { scope: "row" },
              h(
                "a",
                { href: `#/domains/${encodeURIComponent(g.domain_id)}` },
                domainName(domains.get(g.domain_id), g.name),
              ),
            ),
            h("td", { class: "num" }, formatNumber(g.gap_score)),
            h("td", { class: "num" }, g.experts),
            h("td", { class: "num" }, g.active_experts),
            h("td", { class: "num" }, g.questions),
            h("td", { class: "num" }, g.unanswered),
            h("td", { class: "num" }, g.weak_searches),
            h("td", {}, g.reasons.map(reason).join("; ")),
          ),
        ),
      ),
    ),
  );
}

/** `#/gaps` */
export async function gapsView(main, _, ctx) {
  replace(main, loading());
  const [found, domains] = await Promise.all([get("/v1/gaps"), taxonomy()]);
  if (!ctx.current()) return;
  const gaps = found.gaps;
  const name = (g) => domainName(domains.get(g.domain_id), g.name);
  const real = gaps.filter((g) => g.gap_score > 0);
  const topScore = Math.max(...gaps.map((g) => g.gap_score), 1e-9);
  const points = gaps.map((g, i) => {
    const kind = g.gap_score <= 0 ? "ok" : i === 0 ? "top" : "gap";
    return {
      x: g.experts,
      y: g.questions,
      kind,
      label: name(g),
      r: kind === "ok" ? 6 : 7 + 9 * Math.sqrt(g.gap_score / topScore),
      href: `#/domains/${encodeURIComponent(g.domain_id)}`,
      showLabel: kind !== "ok" && i < LABELLED_GAPS,
      tip:
        `${name(g)}: ${t("col.experts")} ${g.experts}, ${t("col.questions")} ${g.questions}, ` +
        `${t("col.gap")} ${formatNumber(g.gap_score)}`,
    };
  });
  const room = roomFor(main, 760);
  const title = t("gaps.chart", { n: real.length, top: real.length ? name(real[0]) : "–" });
  replace(
    main,
    h("header", { class: "page-head" }, heading(t("gaps.title")), h("p", {}, t("gaps.intro"))),
    real.length ? null : h("p", { class: "notice" }, t("gaps.none")),
    h(
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
    ),
    section(t("gaps.table"), gapTable(gaps, domains)),
  );
}
