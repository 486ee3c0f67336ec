// Search with the CLI filters; hits are marked in the snippet from the offsets the API returns.
import { api, h, link, marked, num, pager } from "../dom.js";
import { t } from "../i18n.js";

export const FILTERS = ["from", "to", "source", "actor", "country", "event_type"];

export function filterForm(query, extra, onSubmit) {
  const form = h("form", { class: "filters", role: "search" });
  for (const name of FILTERS) {
    const type = name === "from" || name === "to" ? "text" : "text";
    const input = h("input", { name, type, value: query.get(name) || "", placeholder: name === "from" || name === "to" ? "YYYY-MM-DD" : "",
                                dir: name === "country" || name === "from" || name === "to" ? "ltr" : "auto" });
    form.appendChild(h("label", { class: `f-${name}` }, h("span", {}, t(`f.${name}`)), input));
  }
  for (const el of extra || []) form.appendChild(el);
  form.appendChild(h("button", { type: "submit" }, t("search.go")));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const values = {};
    for (const [k, v] of new FormData(form).entries()) if (String(v).trim()) values[k] = String(v).trim();
    onSubmit(values);
  });
  return form;
}

function filterValues(query) {
  const out = {};
  for (const k of [...FILTERS, "q", "offset"]) if (query.get(k)) out[k] = query.get(k);
  return out;
}

function resultItem(r) {
  const title = r.title || r.id;
  const meta = h("div", { class: "meta" },
    h("time", {}, r.published || ""), " · ", h("span", { class: "source" }, r.source || ""),
    r.cluster_size > 1 ? h("a", { class: "badge", href: link(["cluster", r.cluster_id]) }, t("outlets", { n: num(r.cluster_size) })) : null);
  return h("li", { class: "result", dataset: { doc: r.id } },
    h("a", { class: "title", href: link(["doc", r.id]) }, title),
    meta,
    h("p", { class: "snippet", dir: "rtl", lang: "ar" }, marked(r.snippet || "", r.highlights || [])));
}

function actorsAside(items) {
  if (!items.length) return null;
  return h("aside", { class: "actors-aside" }, h("h3", {}, t("actors.matching")),
    h("ul", {}, items.map((a) => h("li", {},
      h("a", { href: link(["actor", a.actor_id]), class: `ent-link type-${a.type}` }, a.name),
      a.name_en ? [" ", h("bdi", { class: "en", lang: "en" }, a.name_en)] : null,
      h("span", { class: "count" }, ` (${num(a.documents)})`)))));
}

export async function searchPage(view, r) {
  const params = filterValues(r.query);
  const go = (values) => { location.hash = link(["search"], values); };
  const q = h("input", { type: "search", name: "q", class: "q", value: params.q || "", placeholder: t("search.placeholder"),
                         dir: "auto", "aria-label": t("search.go") });
  const form = filterForm(r.query, [], (values) => go({ ...values, q: q.value.trim() }));
  form.insertBefore(h("label", { class: "f-q" }, q), form.firstChild);
  view.appendChild(h("section", { class: "search" }, form));
  const data = await api(params.q ? "search" : "documents", { ...params, limit: 20 });
  const list = h("ol", { class: "results" }, data.items.map(resultItem));
  let aside = null;
  const who = params.actor ? { actor: params.actor } : params.q ? { q: params.q.replace(/"/g, "").trim() } : null;
  if (who && (who.actor || who.q)) {
    try {
      const actors = await api("entities", { ...who, limit: 8 });
      aside = actorsAside(actors.items);
    } catch { aside = null; }
  }
  view.appendChild(h("div", { class: "columns" },
    h("section", { class: "main-col" }, h("h2", {}, t("results")),
      data.items.length ? list : h("p", { class: "empty" }, t("no.results")),
      pager(data, (offset) => go({ ...params, offset }))),
    aside));
}
