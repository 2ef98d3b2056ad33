// The graph view of a domain: the domain in the centre, its experts on an inner ring, their
// practices on an outer ring next to their authors; edges for expertise and authorship.
// A radial layout is enough at this size (tens of nodes) and never moves under the reader.

import { s } from "./dom.js";

const TAU = 2 * Math.PI;

function short(text, length) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** The circular mean of angles (radians); `fallback` when there are none. */
function meanAngle(angles, fallback) {
  if (!angles.length) return fallback;
  const sin = angles.reduce((sum, a) => sum + Math.sin(a), 0);
  const cos = angles.reduce((sum, a) => sum + Math.cos(a), 0);
  return Math.atan2(sin, cos);
}

/** Evenly spaced slots for `wanted` angles, rotated to sit as near them as they can, in order. */
function slots(wanted) {
  const n = wanted.length;
  const order = wanted
    .map((angle, i) => ({ angle: (angle + TAU) % TAU, i }))
    .sort((a, b) => a.angle - b.angle);
  const offset = meanAngle(
    order.map((o, k) => o.angle - (TAU * k) / n),
    0,
  );
  const placed = new Array(n);
  order.forEach((o, k) => {
    placed[o.i] = offset + (TAU * k) / n;
  });
  return placed;
}

/** Below this width (a phone) labels sit centred under their node and are cut shorter. */
const NARROW = 600;

/**
 * An SVG graph. `center`: {label}; `people`: [{id, label, weight, href}];
 * `practices`: [{id, label, authors: [person ids]}]; `title` names it for assistive tech.
 * `width` is the room it has in CSS pixels, so its text is drawn at its real size there
 * instead of being scaled down to a few pixels on a phone.
 */
export function domainGraph({ center, people, practices, title, width = 880, height = 520 }) {
  const cx = width / 2;
  const cy = height / 2;
  const narrow = width < NARROW;
  const labelLength = narrow ? 16 : 22;
  const inner = { x: 0.2 * width, y: 0.24 * height };
  const outer = { x: (narrow ? 0.3 : 0.28) * width, y: 0.39 * height };
  const maxWeight = Math.max(...people.map((p) => p.weight), 1e-9);
  const angleOf = new Map();
  const personNodes = people.map((person, i) => {
    const angle = -Math.PI / 2 + (TAU * i) / Math.max(people.length, 1);
    angleOf.set(person.id, angle);
    return {
      ...person,
      angle,
      x: cx + inner.x * Math.cos(angle),
      y: cy + inner.y * Math.sin(angle),
      r: 9 + 9 * (person.weight / maxWeight),
    };
  });
  const wanted = practices.map((p, i) =>
    meanAngle(
      p.authors.filter((a) => angleOf.has(a)).map((a) => angleOf.get(a)),
      (TAU * i) / Math.max(practices.length, 1),
    ),
  );
  const practiceNodes = slots(wanted).map((angle, i) => ({
    ...practices[i],
    angle,
    x: cx + outer.x * Math.cos(angle),
    y: cy + outer.y * Math.sin(angle),
  }));
  const byId = new Map(personNodes.map((p) => [p.id, p]));

  const edges = [
    ...personNodes.map((p) =>
      s("line", {
        class: "edge edge-expert",
        x1: cx,
        y1: cy,
        x2: p.x,
        y2: p.y,
        "stroke-width": 1 + 3 * (p.weight / maxWeight),
      }),
    ),
    ...practiceNodes.flatMap((practice) => {
      const authors = practice.authors.filter((a) => byId.has(a)).map((a) => byId.get(a));
      const ends = authors.length ? authors : [{ x: cx, y: cy }];
      return ends.map((end) =>
        s("line", {
          class: "edge edge-practice",
          x1: end.x,
          y1: end.y,
          x2: practice.x,
          y2: practice.y,
        }),
      );
    }),
  ];
  const practiceGlyphs = practiceNodes.map((p) => {
    const cos = Math.cos(p.angle);
    const anchor = narrow ? "middle" : cos > 0.25 ? "start" : cos < -0.25 ? "end" : "middle";
    const dx = anchor === "start" ? 12 : anchor === "end" ? -12 : 0;
    const dy = anchor === "middle" ? (Math.sin(p.angle) > 0 ? 22 : -14) : 4;
    return s(
      "g",
      { class: "node node-practice" },
      s("title", {}, p.label),
      s("rect", { x: p.x - 6, y: p.y - 6, width: 12, height: 12, rx: 3 }),
      s("text", { x: p.x + dx, y: p.y + dy, "text-anchor": anchor }, short(p.label, labelLength)),
    );
  });
  const personGlyphs = personNodes.map((p) =>
    s(
      "a",
      { href: p.href, class: "node node-person", "aria-label": p.label },
      s("title", {}, p.label),
      s("circle", { class: "hit", cx: p.x, cy: p.y, r: Math.max(p.r, 14) }),
      s("circle", { cx: p.x, cy: p.y, r: p.r }),
      s(
        "text",
        { x: p.x, y: p.y + p.r + 15, "text-anchor": "middle" },
        short(p.label, labelLength),
      ),
    ),
  );
  const centreWidth = Math.min(narrow ? 200 : 260, 26 + 8.5 * center.label.length);
  return s(
    "svg",
    {
      class: "chart graph",
      viewBox: `0 0 ${width} ${height}`,
      role: "group",
      "aria-label": title,
      translate: "no", // its labels are names and titles; the title above says what it is
    },
    s("title", {}, title),
    edges,
    practiceGlyphs,
    personGlyphs,
    s(
      "g",
      { class: "node node-domain" },
      s("rect", { x: cx - centreWidth / 2, y: cy - 20, width: centreWidth, height: 40, rx: 20 }),
      s(
        "text",
        { x: cx, y: cy + 5, "text-anchor": "middle" },
        short(center.label, narrow ? 20 : 28),
      ),
    ),
  );
}
