// Pieces every view uses: bars, domain chips, sections, loading and error states.

import { ApiError, download } from "./api.js";
import { h, s } from "./dom.js";
import { domainName, lang, t } from "./i18n.js";

/** A small horizontal bar for `value` out of `max` (SVG: sized by attributes, CSP-safe). */
export function bar(value, max, cls = "") {
  const width = max > 0 ? Math.max(2, Math.min(100, (100 * value) / max)) : 0;
  return s(
    "svg",
    {
      class: `bar ${cls}`,
      viewBox: "0 0 100 8",
      preserveAspectRatio: "none",
      "aria-hidden": "true",
      focusable: "false",
    },
    s("rect", { class: "track", width: 100, height: 8, rx: 4 }),
    s("rect", { class: "fill", width, height: 8, rx: 4 }),
  );
}

/** Links to domain pages, labelled in the page language. */
export function domainChips(ids, domains) {
  if (!ids.length) return null;
  return h(
    "ul",
    { class: "chips" },
    ids.map((id) =>
      h(
        "li",
        {},
        h(
          "a",
          { class: "chip", href: `#/domains/${encodeURIComponent(id)}`, translate: "no" },
          domainName(domains.get(id), id),
        ),
      ),
    ),
  );
}

/**
 * The width in CSS pixels a chart drawn in `container` gets, at most `most`: charts are drawn
 * for the room they have, so their labels keep their size on a phone instead of shrinking.
 * `inset` is what the chart's own frame takes (padding and border).
 */
export function roomFor(container, most, inset = 26) {
  const style = getComputedStyle(container);
  const inner =
    container.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return Math.max(280, Math.min(most, Math.floor(inner - inset)));
}

export function section(title, ...children) {
  return h("section", { class: "block" }, h("h2", {}, title), ...children);
}

/**
 * What tells a person apart from a namesake (their main community and domain, in the page's
 * language, from the API's `distinguished_by`), or nothing for a name nobody else has.
 */
export function namesake(person, tag = "span") {
  if (!person.distinguished_by) return null;
  return h(tag, { class: "muted namesake", translate: "no" }, person.distinguished_by);
}

export function heading(text) {
  return h("h1", { tabindex: "-1" }, text);
}

export function loading() {
  return h("p", { class: "loading", role: "status" }, t("loading"));
}

/** What to show when a request failed: the API key form is the shell's job (see app.js). */
export function failure(error) {
  if (error instanceof ApiError && error.status === 401) {
    return h("p", { class: "notice", role: "alert" }, t("apiKey.needed"));
  }
  if (error instanceof ApiError && error.status === 404) {
    return h("p", { class: "notice", role: "alert" }, t("notFound"));
  }
  return h("p", { class: "notice error", role: "alert" }, t("error", { m: error.message }));
}

const FORMAT_NAMES = { csv: "CSV", xlsx: "Excel" };

/** Buttons that download what GET `path` answers as CSV and as an Excel workbook. */
export function exportButtons(path, params = {}) {
  const box = h(
    "div",
    { class: "exports inline" },
    h("span", { class: "muted" }, t("export.label")),
  );
  for (const format of ["csv", "xlsx"]) {
    const button = h(
      "button",
      {
        type: "button",
        class: "secondary",
        "data-format": format,
        onclick: async () => {
          box.querySelector("[role=alert]")?.remove();
          try {
            await download(path, { ...params, format, lang: lang() });
          } catch (error) {
            box.append(failure(error));
          }
        },
      },
      t("export.file"),
      h("span", { translate: "no" }, FORMAT_NAMES[format]),
    );
    box.append(button);
  }
  return box;
}
