// A community's health: Head, Heart and Hand now and month by month, its activity, its type.
// Every chart has a caption and the monthly table below says the same in numbers.

import { get } from "./api.js";
import { legend, monthLines } from "./charts.js";
import { h, replace } from "./dom.js";
import { formatMonth, formatNumber, formatPercent, t, term, tParts } from "./i18n.js";
import { bar, exportButtons, heading, loading, section } from "./ui.js";

const FACTORS = ["head", "heart", "hand"];
/** Where a factor's latest score reads as strong or weak: a rough guide for a plain-language
 * reading, not a benchmark (communities differ; the trend matters more than the level). */
const STRONG = 0.6;
const WEAK = 0.35;

function level(score) {
  return score >= STRONG ? "strong" : score < WEAK ? "weak" : "fair";
}
const SHARES = new Set([
  "learning_share",
  "questions_answered_share",
  "reply_reciprocity",
  "ask_and_answer_share",
  "active_member_ratio",
  "returning_share",
]);

function measureValue(name, value) {
  if (SHARES.has(name)) return formatPercent(value);
  if (name === "median_hours_to_first_reply" && value < 0) return "–";
  return formatNumber(value);
}

/** The score the card leads with: the latest month's (where its line ends), else overall. */
function latestScore(factor, health, months) {
  const last = months[months.length - 1];
  return last ? health.monthly_scores[last][factor] : health.scores[factor];
}

function factorCard(factor, health, months) {
  const score = latestScore(factor, health, months);
  const last = months[months.length - 1];
  const measures = health[factor];
  const values = Object.fromEntries(months.map((m) => [m, health.monthly_scores[m][factor]]));
  const name = t(`factor.${factor}`);
  return h(
    "article",
    { class: `factor factor-${factor}` },
    h("h2", {}, name),
    h("p", { class: "muted" }, t(`factor.${factor}.about`)),
    h(
      "p",
      { class: "big" },
      formatPercent(score),
      " ",
      h("span", { class: `level level-${level(score)}` }, t(`level.${level(score)}`)),
    ),
    last ? h("p", { class: "muted when" }, t("health.now", { m: formatMonth(last) })) : null,
    bar(score, 1, `bar-${factor}`),
    h("p", { class: "reading" }, t(`reading.${factor}.${level(score)}`)),
    h(
      "dl",
      { class: "measures" },
      Object.entries(measures).map(([measure, value]) => [
        h("dt", {}, term("measure", measure)),
        h("dd", {}, measureValue(measure, value)),
      ]),
    ),
    "answer_gini" in measures
      ? h("p", { class: "muted note" }, t("measure.answer_gini.help"))
      : null,
    h("p", { class: "muted" }, t("health.overall", { v: formatPercent(health.scores[factor]) })),
    months.length
      ? monthLines({
          months,
          max: 1,
          width: 300,
          height: 130,
          title: t("health.overTime", { f: name }),
          series: [{ name, cls: `line-${factor}`, values }],
          format: { month: formatMonth, value: formatPercent },
        })
      : null,
  );
}

function monthlyTable(health, months) {
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "data" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, t("col.month")),
          FACTORS.map((f) => h("th", { scope: "col" }, t(`factor.${f}`))),
          h("th", { scope: "col" }, t("health.contents")),
          h("th", { scope: "col" }, t("health.active")),
        ),
      ),
      h(
        "tbody",
        {},
        months.map((m) =>
          h(
            "tr",
            {},
            h("th", { scope: "row" }, formatMonth(m)),
            FACTORS.map((f) =>
              h("td", { class: "num" }, formatPercent(health.monthly_scores[m][f])),
            ),
            h("td", { class: "num" }, health.monthly[m]?.contents ?? 0),
            h("td", { class: "num" }, health.monthly[m]?.active_members ?? 0),
          ),
        ),
      ),
    ),
  );
}

/** `#/communities/{id}/health` */
export async function healthView(main, [id], ctx) {
  replace(main, loading());
  const [health, communities] = await Promise.all([
    get(`/v1/communities/${encodeURIComponent(id)}/health`),
    get("/v1/communities"),
  ]);
  if (!ctx.current()) return;
  const community = communities.find((c) => c.id === health.community_id);
  const months = Object.keys(health.monthly_scores).sort(); // every month, quiet ones too
  const last = months[months.length - 1];
  const pick = (key) => Object.fromEntries(months.map((m) => [m, health.monthly[m]?.[key] ?? 0]));
  replace(
    main,
    h(
      "header",
      { class: "page-head" },
      heading(
        tParts("health.title", {
          c: h("span", { translate: "no" }, community ? community.name : health.community_id),
        }),
      ),
      last
        ? h("p", { class: "as-of" }, h("strong", {}, t("health.asOf", { m: formatMonth(last) })))
        : null,
      exportButtons(`/v1/communities/${encodeURIComponent(health.community_id)}/health`),
      h(
        "p",
        { class: "lead" },
        t("health.members", { n: health.members }),
        " · ",
        h("strong", { class: "cop-type" }, t("health.type", { t: term("type", health.cop_type) })),
      ),
    ),
    h(
      "div",
      { class: "factors" },
      FACTORS.map((f) => factorCard(f, health, months)),
    ),
    months.length ? h("p", { class: "muted note" }, t("health.window")) : null,
    months.length
      ? section(
          t("health.activity"),
          monthLines({
            months,
            width: 760,
            height: 170,
            title: t("health.activity"),
            series: [
              { name: t("health.contents"), cls: "line-contents", values: pick("contents") },
              { name: t("health.active"), cls: "line-active", values: pick("active_members") },
            ],
            format: { month: formatMonth, value: (v) => formatNumber(v, 0) },
          }),
          legend([
            { cls: "swatch-contents", label: t("health.contents") },
            { cls: "swatch-active", label: t("health.active") },
          ]),
          h("details", {}, h("summary", {}, t("health.table")), monthlyTable(health, months)),
        )
      : h("p", { class: "muted" }, t("health.none")),
  );
}

/** `#/communities`: the communities this key may see, each linking to its health. */
export async function communityPickerView(main, _, ctx) {
  replace(main, loading());
  const communities = await get("/v1/communities");
  if (!ctx.current()) return;
  replace(
    main,
    h("header", { class: "page-head" }, heading(t("communities.title"))),
    communities.length
      ? h(
          "ul",
          { class: "domain-grid communities" },
          communities.map((c) =>
            h(
              "li",
              { class: "card" },
              h(
                "h2",
                {},
                h(
                  "a",
                  { href: `#/communities/${encodeURIComponent(c.id)}/health`, translate: "no" },
                  c.name,
                ),
              ),
              h("p", { class: "muted description" }, c.description),
              c.private ? h("p", { class: "chip" }, t("communities.private")) : null,
            ),
          ),
        )
      : h("p", { class: "muted" }, t("communities.none")),
  );
}
