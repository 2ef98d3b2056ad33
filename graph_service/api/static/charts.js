// Small SVG charts drawn by hand: a scatter plot with linked points (the gap map) and a line
// chart over calendar months (community health). Colours come from app.css classes.

import { h, s } from "./dom.js";

let chartCount = 0;
/** An invisible circle this big under every linked point: a 24 px target for a finger. */
const HIT_RADIUS = 13;

/** Ticks from 0 past `max` (with headroom for the largest dots), at most about six. */
function ticks(max) {
  const top = Math.max(1, Math.ceil(max * 1.15));
  const step = [1, 2, 5, 10, 20, 50, 100, 200, 500].find((n) => top / n <= 5) || Math.ceil(top / 5);
  const values = [];
  for (let v = 0; v <= top + step - 1; v += step) values.push(v);
  return values;
}

/** Spread points that share a position around it, so none hides another. */
function unstack(points) {
  const groups = new Map();
  for (const p of points) {
    const key = `${p.x},${p.y}`;
    groups.set(key, [...(groups.get(key) || []), p]);
  }
  const placed = [];
  for (const group of groups.values()) {
    group.forEach((p, i) => {
      const angle = (2 * Math.PI * i) / group.length - Math.PI / 2;
      const radius = group.length > 1 ? 11 : 0;
      placed.push({ ...p, dx: radius * Math.cos(angle), dy: radius * Math.sin(angle) });
    });
  }
  return placed;
}

function overlaps(a, b) {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

/**
 * Where each label goes: right of its dot, else left, above or below, whichever first clears
 * the other dots and the labels already placed (widths estimated from the text length).
 */
function placeLabels(labelled, all, width) {
  const taken = all.map((p) => ({
    x1: p.cx - p.r,
    x2: p.cx + p.r,
    y1: p.cy - p.r,
    y2: p.cy + p.r,
  }));
  const placed = new Map();
  const option = (x, y, anchor, x1, x2, y1) => ({
    x,
    y,
    anchor,
    rect: { x1, x2, y1, y2: y1 + 16 },
  });
  for (const p of [...labelled].sort((a, b) => b.r - a.r)) {
    const w = 7.6 * p.label.length;
    const gap = p.r + 6;
    const options = [
      option(p.cx + gap, p.cy + 4, "start", p.cx + gap, p.cx + gap + w, p.cy - 9),
      option(p.cx - gap, p.cy + 4, "end", p.cx - gap - w, p.cx - gap, p.cy - 9),
      option(p.cx, p.cy - gap - 2, "middle", p.cx - w / 2, p.cx + w / 2, p.cy - gap - 16),
      option(p.cx, p.cy + gap + 12, "middle", p.cx - w / 2, p.cx + w / 2, p.cy + gap),
    ];
    const fits = (o) =>
      o.rect.x1 >= 0 && o.rect.x2 <= width && !taken.some((r) => overlaps(r, o.rect));
    const best = options.find(fits) || options[p.cx < width / 2 ? 0 : 1];
    taken.push(best.rect);
    placed.set(p, { x: best.x, y: best.y, "text-anchor": best.anchor });
  }
  return placed;
}

/**
 * A scatter plot whose points are links. `points`: {x, y, r, kind, label, href, tip, showLabel}.
 * Kinds map to CSS classes (point-top, point-gap, point-ok); labelled points get their label.
 */
export function scatter({ points, xLabel, yLabel, title, width = 760, height = 440 }) {
  const id = `chart-${++chartCount}`;
  const margin = { left: width < 500 ? 48 : 64, right: 28, top: 20, bottom: 56 };
  const xs = ticks(Math.max(...points.map((p) => p.x), 1));
  const ys = ticks(Math.max(...points.map((p) => p.y), 1));
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const px = (x) => margin.left + (x / xs[xs.length - 1]) * plotW;
  const py = (y) => margin.top + plotH - (y / ys[ys.length - 1]) * plotH;
  const grid = [
    ...ys.map((v) =>
      s(
        "g",
        { class: "tick" },
        s("line", { x1: margin.left, x2: width - margin.right, y1: py(v), y2: py(v) }),
        s("text", { x: margin.left - 10, y: py(v) + 4, "text-anchor": "end" }, v),
      ),
    ),
    ...xs.map((v) =>
      s(
        "g",
        { class: "tick" },
        s("line", { x1: px(v), x2: px(v), y1: margin.top, y2: margin.top + plotH }),
        s("text", { x: px(v), y: margin.top + plotH + 20, "text-anchor": "middle" }, v),
      ),
    ),
  ];
  const order = { ok: 0, gap: 1, top: 2 };
  const placed = unstack(points)
    .sort((a, b) => order[a.kind] - order[b.kind])
    .map((p) => ({ ...p, cx: px(p.x) + p.dx, cy: py(p.y) + p.dy }));
  const labels = placeLabels(
    placed.filter((p) => p.showLabel),
    placed,
    width,
  );
  const dots = placed.map((p) =>
    s(
      "a",
      { href: p.href, class: `point point-${p.kind}`, "aria-label": p.tip },
      s("title", {}, p.tip),
      p.kind === "top" ? s("circle", { class: "halo", cx: p.cx, cy: p.cy, r: p.r + 7 }) : null,
      s("circle", { class: "hit", cx: p.cx, cy: p.cy, r: Math.max(p.r, HIT_RADIUS) }),
      s("circle", { cx: p.cx, cy: p.cy, r: p.r }),
      labels.has(p) ? s("text", labels.get(p), p.label) : null,
    ),
  );
  return s(
    "svg",
    {
      class: "chart scatter",
      viewBox: `0 0 ${width} ${height}`,
      role: "group",
      "aria-labelledby": `${id}-title`,
    },
    s("title", { id: `${id}-title` }, title),
    ...grid,
    s(
      "text",
      { class: "axis-label", x: margin.left + plotW / 2, y: height - 12, "text-anchor": "middle" },
      xLabel,
    ),
    s(
      "text",
      {
        class: "axis-label",
        x: 16,
        y: margin.top + plotH / 2,
        "text-anchor": "middle",
        transform: `rotate(-90 16 ${margin.top + plotH / 2})`,
      },
      yLabel,
    ),
    ...dots,
  );
}

function monthIndex(month) {
  const [year, number] = month.split("-").map(Number);
  return year * 12 + number - 1;
}

/**
 * A line chart over calendar months (gaps between months keep their width).
 * `series`: [{name, cls, values: {month: number}}]; `max`: top of the scale (else the data's).
 */
export function monthLines({ months, series, title, max, format, width = 360, height = 150 }) {
  const margin = { left: 34, right: 12, top: 12, bottom: 26 };
  const first = monthIndex(months[0]);
  const span = Math.max(1, monthIndex(months[months.length - 1]) - first);
  const top = max ?? Math.max(1, ...series.flatMap((line) => Object.values(line.values)));
  const x = (m) =>
    margin.left + ((monthIndex(m) - first) / span) * (width - margin.left - margin.right);
  const y = (v) => margin.top + (1 - v / top) * (height - margin.top - margin.bottom);
  const base = height - margin.bottom;
  const lines = series.map((line) => {
    const points = months.filter((m) => m in line.values);
    return s(
      "g",
      { class: `line ${line.cls}` },
      s("polyline", { points: points.map((m) => `${x(m)},${y(line.values[m])}`).join(" ") }),
      points.map((m) =>
        s(
          "circle",
          { cx: x(m), cy: y(line.values[m]), r: 3 },
          s("title", {}, `${line.name} ${format.month(m)}: ${format.value(line.values[m])}`),
        ),
      ),
    );
  });
  return s(
    "svg",
    { class: "chart lines", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title },
    s("title", {}, title),
    s(
      "g",
      { class: "tick" },
      s("line", { x1: margin.left, x2: width - margin.right, y1: y(top), y2: y(top) }),
      s("line", { x1: margin.left, x2: width - margin.right, y1: base, y2: base }),
      s("text", { x: margin.left - 6, y: y(top) + 4, "text-anchor": "end" }, format.value(top)),
      s("text", { x: margin.left - 6, y: base + 4, "text-anchor": "end" }, format.value(0)),
      s("text", { x: margin.left, y: height - 6, "text-anchor": "start" }, format.month(months[0])),
      s(
        "text",
        { x: width - margin.right, y: height - 6, "text-anchor": "end" },
        format.month(months[months.length - 1]),
      ),
    ),
    lines,
  );
}

/** A legend: [{cls, label}] as swatches. */
export function legend(items) {
  return h(
    "ul",
    { class: "legend" },
    items.map((item) =>
      h("li", {}, h("span", { class: `swatch ${item.cls}`, "aria-hidden": "true" }), item.label),
    ),
  );
}
