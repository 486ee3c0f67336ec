// The article reader: the original text with every extracted span marked by its offsets, the records beside it.
// The text is cut at span boundaries into text nodes and <mark> elements built with textContent (never innerHTML).
import { api, clear, h, link, quadClass } from "../dom.js";
import { t } from "../i18n.js";

// Offsets in marsad/1 count code points; JavaScript strings count UTF-16 units. Map when the text needs it.
function offsetMapper(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) return (i) => i;
  const units = [];
  let u = 0;
  for (const ch of text) { units.push(u); u += ch.length; }
  units.push(u);
  return (i) => units[Math.min(i, units.length - 1)];
}

export function spansOf(doc) {
  const spans = [];
  const speakers = new Set(doc.quotes.map((q) => q.speaker).filter(Boolean));
  for (const e of doc.entities) {
    for (const m of e.mentions) {
      spans.push({ start: m.start, end: m.end, cls: ["ent", `type-${e.type}`, speakers.has(e.id) ? "speaker" : ""],
                   ref: `E:${e.id}`, title: `${t("type." + e.type)}${e.name_en ? " · " + e.name_en : ""}` });
    }
  }
  const names = Object.fromEntries(doc.entities.map((e) => [e.id, e.name]));
  for (const q of doc.quotes) {
    spans.push({ start: q.start, end: q.end, cls: ["quote"], ref: `Q:${q.id}`,
                 title: `${t("speaker")}: ${names[q.speaker] || t("unknown.speaker")}` });
    if (q.cue) spans.push({ start: q.cue.start, end: q.cue.end, cls: ["cue"], ref: `Q:${q.id}`, title: t("speaker") });
  }
  doc.quantities.forEach((q, i) => spans.push({ start: q.start, end: q.end, cls: ["qty"], ref: `N:${i}`,
                                                title: `${q.value ?? ""} ${q.unit || ""}`.trim() }));
  for (const x of doc.times) spans.push({ start: x.start, end: x.end, cls: ["time"], ref: `T:${x.id}`, title: x.value || "" });
  for (const v of doc.events) {
    spans.push({ start: v.trigger.start, end: v.trigger.end, cls: ["trigger", quadClass(v.quad)], ref: `V:${v.id}`,
                 title: `${v.type}${v.cameo ? " · CAMEO " + v.cameo : ""}` });
  }
  return spans.filter((x) => Number.isInteger(x.start) && Number.isInteger(x.end) && x.end > x.start);
}

// Text cut at every span boundary; each piece is covered by a set of spans and rendered as one element.
export function markedText(text, spans, byRef) {
  const at = offsetMapper(text);
  const bounds = new Set([0, text.length]);
  const sp = spans.map((x) => ({ ...x, a: at(x.start), b: at(x.end) })).filter((x) => x.b <= text.length);
  for (const x of sp) { bounds.add(x.a); bounds.add(x.b); }
  const cuts = [...bounds].sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i], b = cuts[i + 1];
    const piece = text.slice(a, b);
    const over = sp.filter((x) => x.a <= a && x.b >= b);
    if (!over.length) { frag.appendChild(document.createTextNode(piece)); continue; }
    const refs = [...new Set(over.map((x) => x.ref))];
    const el = h("mark", { class: [...new Set(over.flatMap((x) => x.cls))].filter(Boolean).join(" "),
                           "data-refs": refs.join(" "), title: over.map((x) => x.title).filter(Boolean).join(" | ") }, piece);
    for (const r of refs) (byRef.get(r) || byRef.set(r, []).get(r)).push(el);
    frag.appendChild(el);
  }
  return frag;
}

function flash(els) {
  for (const el of els) { el.classList.remove("flash"); void el.offsetWidth; el.classList.add("flash"); }
  if (els[0]) els[0].scrollIntoView({ block: "center", behavior: "smooth" });
}

function record(ref, byRef, ...children) {
  const li = h("li", { class: "record", tabindex: "0", role: "button", "data-ref": ref }, ...children);
  const go = () => flash(byRef.get(ref) || []);
  li.addEventListener("click", (ev) => { if (!ev.target.closest("a")) go(); });
  li.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); go(); } });
  return li;
}

function section(title, items, cls) {
  if (!items.length) return null;
  return h("section", { class: `records ${cls}` }, h("h3", {}, `${title} (${items.length})`), h("ul", {}, items));
}

function actorLink(id, name, actors, extra = "") {
  const aid = actors[id];
  return aid ? h("a", { href: link(["actor", aid]), class: `ent-link ${extra}` }, name) : h("span", { class: extra }, name);
}

export async function readerPage(view, r) {
  const id = r.parts[1];
  const doc = await api(`documents/${encodeURIComponent(id)}`);
  let actors = {};
  try { actors = await api(`documents/${encodeURIComponent(id)}/actors`); } catch { actors = {}; }
  const byRef = new Map();
  const ents = Object.fromEntries(doc.entities.map((e) => [e.id, e]));
  const nameOf = (eid) => (ents[eid] ? ents[eid].name : eid);

  const body = h("div", { class: "article-text", dir: "rtl", lang: "ar" }, markedText(doc.text, spansOf(doc), byRef));
  const header = h("header", { class: "article-head" },
    h("h1", { dir: "rtl", lang: "ar" }, doc.title || doc.id),
    h("dl", { class: "meta" },
      h("dt", {}, t("published")), h("dd", {}, doc.published || "—"),
      h("dt", {}, t("source")), h("dd", {}, doc.source || "—"),
      doc.dateline && doc.dateline.place ? [h("dt", {}, t("dateline")), h("dd", {}, doc.dateline.place)] : null,
      doc.url ? [h("dt", {}, "URL"), h("dd", {}, h("a", { href: doc.url, rel: "noopener noreferrer", target: "_blank", dir: "ltr" }, doc.url))] : null));

  // <bdi> keeps English names and codes from reordering the Arabic around them.
  const details = (e) => [e.name_en ? h("bdi", { class: "en", lang: "en" }, e.name_en) : null,
    e.role ? h("bdi", { class: "role" }, e.role) : null, e.country ? h("bdi", { class: "country" }, e.country) : null,
    h("bdi", { class: "count" }, `×${e.mentions.length}`)].filter(Boolean).flatMap((x, i) => (i ? [" · ", x] : [x]));
  const entItems = doc.entities.map((e) => record(`E:${e.id}`, byRef,
    actorLink(e.id, e.name, actors, `type-${e.type}`), " ",
    h("span", { class: `tag type-${e.type}` }, t(`type.${e.type}`)),
    h("div", { class: "meta" }, details(e))));
  const quoteItems = doc.quotes.map((q) => record(`Q:${q.id}`, byRef,
    h("blockquote", { dir: "rtl", lang: "ar" }, `«${q.text}»`),
    h("div", { class: "speaker-line" }, `${t("speaker")}: `,
      q.speaker ? actorLink(q.speaker, nameOf(q.speaker), actors, "speaker-name") : h("span", { class: "speaker-name unknown" }, t("unknown.speaker")),
      q.cue ? h("span", { class: "cue-text" }, ` (${q.cue.text})`) : null)));
  const qtyItems = doc.quantities.map((q, i) => record(`N:${i}`, byRef, h("span", { class: "span-text" }, q.text), " → ",
    h("bdi", { class: "value" }, [q.value ?? (q.low !== null && q.low !== undefined ? `${q.low}–${q.high}` : "?"), q.unit ? ` ${q.unit}` : ""].join("")),
    q.kind ? h("span", { class: "tag" }, q.kind) : null));
  const timeItems = doc.times.map((x) => record(`T:${x.id}`, byRef, h("span", { class: "span-text" }, x.text), " → ",
    h("bdi", { class: "value" }, x.value || "?"), x.kind ? h("span", { class: "tag" }, x.kind) : null));
  const evItems = doc.events.map((v) => record(`V:${v.id}`, byRef,
    h("span", { class: `tag ${quadClass(v.quad)}` }, `${v.type}${v.cameo ? " " + v.cameo : ""}`), " ",
    h("span", { class: "span-text" }, v.trigger.text), ": ",
    v.actor.map((a) => actorLink(a, nameOf(a), actors)), v.recipient.length ? " → " : "",
    v.recipient.map((a) => actorLink(a, nameOf(a), actors)),
    v.location ? h("span", { class: "loc" }, ` @ ${nameOf(v.location)}`) : null,
    v.negated ? h("span", { class: "tag neg" }, "¬") : null));

  const side = h("aside", { class: "records-col" }, h("h2", {}, t("reader.records")),
    section(t("quotes"), quoteItems, "quotes"), section(t("entities"), entItems, "entities"),
    section(t("events"), evItems, "events"), section(t("quantities"), qtyItems, "quantities"),
    section(t("times"), timeItems, "times"));

  // A click on a marked span shows its records.
  body.addEventListener("click", (ev) => {
    const m = ev.target.closest("mark");
    if (!m) return;
    const refs = (m.dataset.refs || "").split(" ");
    const lis = [...side.querySelectorAll("li.record")].filter((li) => refs.includes(li.dataset.ref));
    for (const li of lis) { li.classList.remove("flash"); void li.offsetWidth; li.classList.add("flash"); }
    if (lis[0]) lis[0].scrollIntoView({ block: "nearest" });
  });
  clear(view).appendChild(h("div", { class: "reader" }, h("article", { class: "article" }, header, body), side));
}
