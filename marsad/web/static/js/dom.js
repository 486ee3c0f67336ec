// DOM building without HTML strings: every piece of text goes in through textContent / createTextNode, so an
// article containing <script> or onerror= shows those characters and never runs them.
import { t } from "./i18n.js";

const SVG_NS = "http://www.w3.org/2000/svg";
const SAFE_URL = /^(#|\/(?!\/)|https?:\/\/)/i;

function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (/^on/i.test(k)) throw new Error(`event handler attributes are not allowed: ${k}`);
    if (k === "class") el.setAttribute("class", Array.isArray(v) ? v.filter(Boolean).join(" ") : v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else if (k === "href" || k === "src") el.setAttribute(k, SAFE_URL.test(String(v)) ? String(v) : "#");
    else el.setAttribute(k, v === true ? "" : String(v));
  }
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  return append(el, children);
}

export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  return append(el, children);
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function api(path, params = {}) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") qs.set(k, v);
  const url = `/api/v1/${path}${qs.toString() ? "?" + qs : ""}`;
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await res.json(); } catch { body = null; }
  if (!res.ok) {
    const e = body && body.error ? body.error : { code: String(res.status), message: res.statusText };
    throw new ApiError(res.status, e.code, e.message);
  }
  return body;
}

export function errorBox(err) {
  const code = err && err.code ? err.code : "";
  return h("div", { class: "error", role: "alert" }, `${t("error")} ${code}: `, err && err.message ? err.message : String(err));
}

export function loading() {
  return h("p", { class: "loading" }, t("loading"));
}

// Marks [start, end) ranges of `text` with <mark>; everything else stays a text node.
export function marked(text, ranges, cls = "hit") {
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const [a, b] of [...ranges].sort((x, y) => x[0] - y[0])) {
    if (a < at || b <= a) continue;
    if (a > at) frag.appendChild(document.createTextNode(text.slice(at, a)));
    frag.appendChild(h("mark", { class: cls }, text.slice(a, b)));
    at = b;
  }
  if (at < text.length) frag.appendChild(document.createTextNode(text.slice(at)));
  return frag;
}

export function num(n) {
  return new Intl.NumberFormat(document.documentElement.lang === "en" ? "en" : "ar-EG").format(n ?? 0);
}

export function quadClass(q) {
  return `quad-${q === null || q === undefined ? 0 : q}`;
}

// Hash routes: #/path/part?query  ->  {parts: ["path", "part"], query: URLSearchParams}
export function route() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, qs] = raw.split("?");
  return { parts: path.split("/").filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(qs || "") };
}

export function link(path, query = {}) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== "") qs.set(k, v);
  const p = path.map(encodeURIComponent).join("/");
  return `#/${p}${qs.toString() ? "?" + qs : ""}`;
}

export function pager(data, go) {
  const nav = h("nav", { class: "pager" });
  if (data.offset > 0) {
    nav.appendChild(h("button", { type: "button", class: "prev" }, t("prev")));
    nav.lastChild.addEventListener("click", () => go(Math.max(0, data.offset - data.limit)));
  }
  if (data.next_offset !== null && data.next_offset !== undefined) {
    nav.appendChild(h("button", { type: "button", class: "next" }, t("more")));
    nav.lastChild.addEventListener("click", () => go(data.next_offset));
  }
  return nav;
}
