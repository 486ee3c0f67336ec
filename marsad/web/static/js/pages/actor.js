// One actor: names and aliases, roles, country, events by quad class over time, quotes, co-occurring actors.
import { api, h, link, num, quadClass } from "../dom.js";
import { t } from "../i18n.js";
import { network, quadBars, quadLegend, worldMap } from "../charts.js";

export async function actorPage(view, r) {
  const a = await api(`entities/${encodeURIComponent(r.parts[1])}`);
  const head = h("header", { class: "actor-head" },
    h("h1", { dir: "rtl", lang: "ar" }, a.name),
    a.name_en ? h("p", { class: "en" }, h("bdi", { lang: "en" }, a.name_en)) : null,
    h("dl", { class: "meta" },
      h("dt", {}, t("col.type")), h("dd", {}, h("span", { class: `tag type-${a.type}` }, t(`type.${a.type}`))),
      h("dt", {}, t("country")), h("dd", {}, h("bdi", {}, a.country || "—")),
      h("dt", {}, t("documents")), h("dd", {}, num(a.documents)),
      h("dt", {}, t("mentions")), h("dd", {}, num(a.mentions))));

  const aliases = h("section", { class: "aliases" }, h("h2", {}, t("aliases")),
    h("ul", { class: "chips" }, a.aliases.map((x) => h("li", { dir: "rtl", lang: "ar" }, x.text, h("span", { class: "count" }, ` ${num(x.count)}`)))));
  const roles = h("section", { class: "roles" }, h("h2", {}, t("roles")),
    a.roles.length ? h("ul", { class: "chips" }, a.roles.map((x) => h("li", {}, x.role, h("span", { class: "count" }, ` ${num(x.count)}`))))
      : h("p", { class: "empty" }, "—"));

  const timeline = h("section", { class: "timeline" }, h("h2", {}, t("timeline")), quadLegend(),
    a.timeline.length ? quadBars(a.timeline.map((x) => ({ label: x.month, quad: x.quad })))
      : h("p", { class: "empty" }, t("events.none")));

  const events = a.events.length ? h("ul", { class: "event-list" }, a.events.slice(-20).reverse().map((e) =>
    h("li", {}, h("time", {}, e.published || ""), " ", h("span", { class: `tag ${quadClass(e.quad)}` }, `${e.type} ${e.cameo || ""}`),
      " ", e.actor || "", e.recipient ? ` → ${e.recipient}` : "", " · ",
      h("a", { href: link(["doc", e.doc_id]) }, e.title || e.doc_id)))) : null;
  if (events) timeline.appendChild(events);

  const quotes = h("section", { class: "quotes" }, h("h2", {}, `${t("quotes")} (${num(a.quotes.length)})`),
    a.quotes.length ? h("ul", {}, a.quotes.slice(0, 30).map((q) => h("li", { class: "quote-item" },
      h("blockquote", { dir: "rtl", lang: "ar" }, `«${q.text}»`),
      h("div", { class: "meta" }, h("time", {}, q.published || ""), " · ", h("a", { href: link(["doc", q.doc_id]) }, q.doc_id)))))
      : h("p", { class: "empty" }, "—"));

  const net = h("section", { class: "network-box" }, h("h2", {}, t("co.actors")),
    a.co_actors.length ? network(a, a.co_actors) : h("p", { class: "empty" }, "—"));

  const docs = h("section", { class: "docs" }, h("h2", {}, t("recent.docs")),
    h("ul", {}, a.recent_documents.map((d) => h("li", {}, h("time", {}, d.published || ""), " ",
      h("a", { href: link(["doc", d.id]) }, d.title || d.id), h("span", { class: "source" }, ` · ${d.source || ""}`)))));

  const grid = h("div", { class: "actor-grid" }, h("div", { class: "col" }, aliases, roles, quotes, docs),
    h("div", { class: "col" }, net, timeline));
  view.appendChild(h("div", { class: "actor" }, head, grid));

  // A place (or an actor with coordinates) gets its spot on the map.
  if (a.lat !== null && a.lat !== undefined && a.lon !== null && a.lon !== undefined) {
    const box = h("section", { class: "map-box small" }, h("h2", {}, t("col.location")));
    net.parentNode.insertBefore(box, net);
    worldMap(box, [{ lat: a.lat, lon: a.lon, name: a.name, country: a.country, count: 1, quad: {} }], { width: 480, height: 240 })
      .catch((e) => box.appendChild(h("p", { class: "error" }, String(e.message || e))));
  }
}
