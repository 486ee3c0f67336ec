// Story clusters: the same story in several outlets; one story with its outlets and articles.
import { api, h, link, num, pager } from "../dom.js";
import { t } from "../i18n.js";

export async function clustersPage(view, r) {
  const min = r.query.get("min_size") || "2";
  const offset = r.query.get("offset") || 0;
  const go = (q) => { location.hash = link(["clusters"], q); };
  const select = h("input", { type: "number", min: "1", name: "min_size", value: min, class: "min-size" });
  const form = h("form", { class: "filters" }, h("label", {}, h("span", {}, t("clusters.min")), select),
    h("button", { type: "submit" }, t("search.go")));
  form.addEventListener("submit", (ev) => { ev.preventDefault(); go({ min_size: select.value }); });
  view.appendChild(h("h1", {}, t("clusters.title")));
  view.appendChild(form);
  const data = await api("clusters", { min_size: min, offset, limit: 50 });
  view.appendChild(data.items.length ? h("ol", { class: "clusters" }, data.items.map((c) => h("li", { class: "cluster-item" },
    h("a", { href: link(["cluster", c.id]), class: "title", dir: "rtl", lang: "ar" }, c.title || c.id),
    h("div", { class: "meta" }, h("span", { class: "badge" }, `${num(c.size)} ${t("clusters.size")}`), " · ",
      h("time", {}, c.first_published || ""), c.last_published && c.last_published !== c.first_published ? ` – ${c.last_published}` : ""))))
    : h("p", { class: "empty" }, t("no.results")));
  view.appendChild(pager(data, (o) => go({ min_size: min, offset: o })));
}

export async function clusterPage(view, r) {
  const c = await api(`clusters/${encodeURIComponent(r.parts[1])}`);
  const max = Math.max(1, ...c.outlets.map((o) => o.count));
  view.appendChild(h("div", { class: "cluster" },
    h("h1", { dir: "rtl", lang: "ar" }, c.title || c.id),
    h("dl", { class: "meta" }, h("dt", {}, t("clusters.size")), h("dd", {}, num(c.size)),
      h("dt", {}, t("first")), h("dd", {}, c.first_published || "—"), h("dt", {}, t("last")), h("dd", {}, c.last_published || "—")),
    h("section", { class: "outlets" }, h("h2", {}, t("cluster.outlets")),
      h("ul", { class: "outlet-bars" }, c.outlets.map((o) => {
        const bar = h("span", { class: "bar" });
        bar.style.inlineSize = `${Math.round((100 * o.count) / max)}%`;
        return h("li", {}, h("span", { class: "name" }, o.source), bar, h("span", { class: "count" }, num(o.count)));
      }))),
    h("section", { class: "docs" }, h("h2", {}, t("cluster.docs")),
      h("ol", {}, c.documents.map((d) => h("li", {}, h("time", {}, d.published || ""), " · ",
        h("span", { class: "source" }, d.source || ""), " · ", h("a", { href: link(["doc", d.id]) }, d.title || d.id)))))));
}
