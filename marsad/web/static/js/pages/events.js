// The events explorer: filters, counts over time by quad class, a world map of event locations, the table.
import { api, h, link, num, pager, quadClass } from "../dom.js";
import { t } from "../i18n.js";
import { quadBars, quadLegend, worldMap } from "../charts.js";
import { FILTERS, filterForm } from "./search.js";

function row(e) {
  return h("tr", {},
    h("td", {}, h("time", {}, e.published || "")),
    h("td", {}, e.type),
    h("td", { dir: "ltr" }, e.cameo || ""),
    h("td", {}, h("span", { class: `tag ${quadClass(e.quad)}` }, t(`quad.${e.quad ?? 0}`))),
    h("td", {}, e.actor || ""),
    h("td", {}, e.recipient || ""),
    h("td", {}, e.location || ""),
    h("td", {}, e.trigger_text || ""),
    h("td", {}, h("a", { href: link(["doc", e.doc_id]) }, e.title || e.doc_id)));
}

export async function eventsPage(view, r) {
  const params = {};
  for (const k of [...FILTERS, "interval", "offset"]) if (r.query.get(k)) params[k] = r.query.get(k);
  const go = (values) => { location.hash = link(["events"], values); };
  const interval = h("select", { name: "interval" }, ["month", "day", "year"].map((v) =>
    h("option", { value: v, selected: (params.interval || "month") === v }, t(`interval.${v}`))));
  view.appendChild(h("h1", {}, t("events.title")));
  view.appendChild(filterForm(r.query, [h("label", { class: "f-interval" }, h("span", {}, t("f.interval")), interval)], go));
  const data = await api("events", { ...params, limit: 50 });
  const sum = data.summary;

  const chart = h("section", { class: "counts" }, h("h2", {}, `${t("events.counts")} (${num(sum.total)})`), quadLegend(),
    sum.counts.length ? quadBars(sum.counts.map((c) => ({ label: c.period, quad: c.quad })), { width: 900, height: 200 })
      : h("p", { class: "empty" }, t("events.none")));
  const mapBox = h("section", { class: "map-box" }, h("h2", {}, t("events.map")));
  const status = h("p", { class: "loading" }, t("map.loading"));
  mapBox.appendChild(status);
  const table = h("section", { class: "event-table" }, h("h2", {}, t("events.table")),
    data.items.length ? h("table", {}, h("thead", {}, h("tr", {}, ["col.date", "col.type", "col.cameo", "col.quad", "col.actor",
      "col.recipient", "col.location", "col.trigger", "col.doc"].map((k) => h("th", {}, t(k))))),
    h("tbody", {}, data.items.map(row))) : h("p", { class: "empty" }, t("events.none")),
    pager(data, (offset) => go({ ...params, offset })));
  view.appendChild(chart);
  view.appendChild(mapBox);
  view.appendChild(table);
  try {
    await worldMap(mapBox, sum.locations);
    status.textContent = sum.locations.length ? "" : t("map.none");
    mapBox.dataset.ready = "1";
  } catch (e) {
    status.textContent = String(e.message || e);
    status.className = "error";
  }
}
