// A person's profile: the domains they are known for, what they wrote lately, their practices.

import { get, taxonomy } from "./api.js";
import { h, replace } from "./dom.js";
import { domainName, formatDate, t, term } from "./i18n.js";
import { skillsSection } from "./profile-skills.js";
import { bar, domainChips, heading, loading, namesake, section } from "./ui.js";

function knownFor(person, domains) {
  const top = Math.max(...person.domains.map((d) => d.score), 1e-9);
  return h(
    "ul",
    { class: "scores" },
    person.domains.map((d) =>
      h(
        "li",
        {},
        h(
          "a",
          { href: `#/domains/${encodeURIComponent(d.domain_id)}`, translate: "no" },
          domainName(domains.get(d.domain_id), d.domain_id),
        ),
        bar(d.score, top),
        h("span", { class: "muted" }, t("items", { n: d.evidence_count })),
      ),
    ),
  );
}

function contribution(item) {
  const title = item.url
    ? h(
        "a",
        { href: item.url, target: "_blank", rel: "noopener noreferrer", translate: "no" },
        item.title,
      )
    : h("span", { translate: "no" }, item.title);
  const community = item.community_id
    ? h(
        "a",
        { href: `#/communities/${encodeURIComponent(item.community_id)}/health`, translate: "no" },
        item.community_id,
      )
    : null;
  return h(
    "li",
    {},
    h("span", { class: `kind kind-${item.kind}` }, term("kind", item.kind)),
    " ",
    title,
    h(
      "p",
      { class: "meta" },
      item.date ? h("time", { datetime: item.date }, formatDate(item.date)) : null,
      community,
      item.accepted ? h("span", { class: "badge" }, t("accepted")) : null,
    ),
  );
}

/** `#/people/{id}` */
export async function personView(main, [id], ctx) {
  replace(main, loading());
  const [person, domains] = await Promise.all([
    get(`/v1/people/${encodeURIComponent(id)}`),
    taxonomy(),
  ]);
  if (!ctx.current()) return;
  const none = () => h("p", { class: "muted" }, t("person.none"));
  replace(
    main,
    h(
      "header",
      { class: "page-head" },
      heading(person.name),
      h("p", { class: "muted", translate: "no" }, person.id),
      namesake(person, "p"),
    ),
    skillsSection(person, domains, (message) => {
      ctx.announce(message);
      personView(main, [id], { ...ctx, sameView: true });
    }),
    h(
      "div",
      { class: "columns" },
      section(t("person.knownFor"), person.domains.length ? knownFor(person, domains) : none()),
      section(
        t("person.recent"),
        person.recent.length
          ? h("ol", { class: "contributions" }, person.recent.map(contribution))
          : none(),
      ),
    ),
    section(
      t("person.practices"),
      person.practices.length
        ? h(
            "ul",
            { class: "practices" },
            person.practices.map((p) =>
              h(
                "li",
                {},
                h("h3", { translate: "no" }, p.title),
                h("p", { translate: "no" }, p.summary),
                domainChips(p.domain_ids, domains),
              ),
            ),
          )
        : none(),
    ),
  );
}
