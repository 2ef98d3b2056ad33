// A profile's skills: confirmed, inferred and declared apart, each with why; and, for the
// person's portal (a `profile` key: the API then sends `private`), their status and the
// controls to confirm, hide or withdraw a skill and to declare one. Every change PUTs the
// person's whole set of claims, as the API takes it.

import { put } from "./api.js";
import { h } from "./dom.js";
import { domainName, formatDate, t } from "./i18n.js";
import { section } from "./ui.js";

const LEVELS = ["beginner", "intermediate", "advanced", "expert"];

function claimsOf(person) {
  return person.private.claims.map((c) => ({
    domain_id: c.domain_id,
    kind: c.kind,
    level: c.level,
    note: c.note,
  }));
}

function statusLine(status) {
  const date = status.until || status.since;
  let text = t(`status.${status.status}`, { date: date ? formatDate(date) : "" });
  if (!status.available_for_questions) text += ` · ${t("status.unavailable")}`;
  return h("p", { class: "profile-status" }, `${t("skills.status")}: `, h("strong", {}, text));
}

/** The skills section of `person`; `saved(message)` is called once a change was stored (or
 * refused, with the API's reason). */
export function skillsSection(person, domains, saved) {
  const editable = Boolean(person.private);
  const save = async (claims) => {
    try {
      await put(`/v1/people/${encodeURIComponent(person.id)}/skills`, { skills: claims });
    } catch (error) {
      saved(error.message);
      return;
    }
    saved(t("skills.saved"));
  };
  const without = (domainId) => claimsOf(person).filter((c) => c.domain_id !== domainId);
  const button = (label, claims) =>
    h("button", { type: "button", class: "secondary small", onclick: () => save(claims) }, label);

  // Said from the skill's numbers in the page's language (the API's `why` is English).
  const why = (skill) =>
    skill.kind === "declared"
      ? t("skills.why.declared")
      : t(skill.kind === "confirmed" ? "skills.why.confirmed" : "skills.why.evidence", {
          n: skill.evidence_count,
          by: skill.confirmed_by ?? "",
          on: skill.confirmed_on ?? "",
        });
  const item = (skill, controls) =>
    h(
      "li",
      { "data-domain": skill.domain_id },
      h(
        "a",
        { href: `#/domains/${encodeURIComponent(skill.domain_id)}` },
        domainName(domains.get(skill.domain_id), skill.domain_id),
      ),
      skill.level ? h("span", { class: "badge" }, t(`level.${skill.level}`)) : null,
      h("p", { class: "muted why" }, why(skill)),
      editable ? h("div", { class: "skill-controls" }, controls) : null,
    );
  const group = (title, skills, controls) =>
    skills.length
      ? [
          h("h3", {}, title),
          h(
            "ul",
            { class: "skills" },
            skills.map((s) => item(s, editable ? controls(s) : null)),
          ),
        ]
      : [];
  const of = (kind) => person.skills.filter((s) => s.kind === kind);
  const parts = [
    ...group(t("skills.confirmed"), of("confirmed"), (s) => [
      button(t("skills.withdraw"), without(s.domain_id)),
    ]),
    ...group(t("skills.inferred"), of("inferred"), (s) => [
      button(t("skills.confirm"), [
        ...without(s.domain_id),
        { domain_id: s.domain_id, kind: "confirmed" },
      ]),
      button(t("skills.hide"), [...without(s.domain_id), { domain_id: s.domain_id, kind: "hidden" }]),
    ]),
    ...group(t("skills.declared"), of("declared"), (s) => [
      button(t("skills.withdraw"), without(s.domain_id)),
    ]),
  ];
  if (!editable) return section(t("skills.title"), ...parts);
  const hidden = person.private.claims
    .filter((c) => c.kind === "hidden")
    .map((c) => ({ domain_id: c.domain_id, why: "" }));
  parts.push(
    ...group(t("skills.hidden"), hidden, (s) => [button(t("skills.unhide"), without(s.domain_id))]),
  );
  return section(
    t("skills.title"),
    statusLine(person.private.status),
    ...parts,
    declareForm(person, domains, (claim) => save([...without(claim.domain_id), claim])),
  );
}

function declareForm(person, domains, declare) {
  const known = new Set(person.private.claims.map((c) => c.domain_id));
  const domainSelect = h(
    "select",
    { id: "declare-domain", name: "domain" },
    [...domains.values()]
      .filter((d) => !known.has(d.id))
      .map((d) => h("option", { value: d.id }, domainName(d, d.id))),
  );
  const levelSelect = h(
    "select",
    { id: "declare-level", name: "level" },
    LEVELS.map((level) => h("option", { value: level }, t(`level.${level}`))),
  );
  return h(
    "form",
    {
      class: "declare-form",
      onsubmit: (event) => {
        event.preventDefault();
        declare({ domain_id: domainSelect.value, kind: "declared", level: levelSelect.value });
      },
    },
    h("h3", {}, t("skills.declare")),
    h("label", { for: "declare-domain" }, t("skills.domain")),
    domainSelect,
    h("label", { for: "declare-level" }, t("skills.level")),
    levelSelect,
    h("button", { type: "submit" }, t("skills.add")),
  );
}
