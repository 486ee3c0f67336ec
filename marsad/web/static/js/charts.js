// Small SVG charts built element by element: stacked bars by quad class, the co-occurrence network, the world map.
import { h, link, num, s } from "./dom.js";
import { t } from "./i18n.js";

export const QUADS = ["1", "2", "3", "4", "0"];

// rows: [{label, quad: {"1": n, ...}}]; time runs right to left in Arabic, left to right in English.
export function quadBars(rows, { width = 640, height = 180 } = {}) {
  const rtl = document.documentElement.dir === "rtl";
  const pad = { top: 10, bottom: 34, side: 30 };
  const max = Math.max(1, ...rows.map((r) => QUADS.reduce((a, q) => a + (r.quad[q] || 0), 0)));
  const w = (width - 2 * pad.side) / Math.max(rows.length, 1);
  const svg = s("svg", { class: "chart bars", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": t("timeline") });
  const y = (v) => pad.top + (height - pad.top - pad.bottom) * (1 - v / max);
  svg.appendChild(s("line", { x1: pad.side, x2: width - pad.side, y1: y(0), y2: y(0), class: "axis" }));
  svg.appendChild(s("text", { x: rtl ? width - 2 : 2, y: y(max) + 10, class: "tick", "text-anchor": rtl ? "end" : "start" }, num(max)));
  rows.forEach((r, i) => {
    const x = rtl ? width - pad.side - (i + 1) * w : pad.side + i * w;
    let acc = 0;
    for (const q of QUADS) {
      const v = r.quad[q] || 0;
      if (!v) continue;
      const rect = s("rect", { x: x + w * 0.1, width: Math.max(w * 0.8, 1), y: y(acc + v), height: y(acc) - y(acc + v), class: `bar quad-${q}` });
      rect.appendChild(s("title", {}, `${r.label} · ${t("quad." + q)}: ${v}`));
      svg.appendChild(rect);
      acc += v;
    }
    const every = Math.ceil(rows.length / 12);
    if (i % every === 0) {
      svg.appendChild(s("text", { x: x + w / 2, y: height - pad.bottom + 14, class: "tick", "text-anchor": "middle" }, r.label));
    }
  });
  return svg;
}

export function quadLegend() {
  return h("ul", { class: "legend" }, QUADS.slice(0, 4).map((q) =>
    h("li", {}, h("span", { class: `swatch quad-${q}` }), t(`quad.${q}`))));
}

// The actor in the middle, co-occurring actors around it; line width and node size follow shared documents.
export function network(center, others, { size = 460, most = 18 } = {}) {
  const c = size / 2;
  const R = size / 2 - 95;
  others = others.slice(0, most);
  const max = Math.max(1, ...others.map((o) => o.documents));
  // direction="ltr": text-anchor start/end then mean left/right whatever the page direction.
  const svg = s("svg", { class: "chart network", viewBox: `0 0 ${size} ${size}`, role: "img", "aria-label": t("co.actors"),
                         direction: "ltr" });
  const nodes = others.map((o, i) => {
    const a = (2 * Math.PI * i) / Math.max(others.length, 1) - Math.PI / 2;
    return { ...o, x: c + R * Math.cos(a), y: c + R * Math.sin(a), cos: Math.cos(a), sin: Math.sin(a) };
  });
  for (const n of nodes) {
    svg.appendChild(s("line", { x1: c, y1: c, x2: n.x, y2: n.y, class: "edge", "stroke-width": 1 + (4 * n.documents) / max }));
  }
  for (const n of nodes) {
    const g = s("a", { href: link(["actor", n.actor_id]), class: `node type-${n.type}` });
    const r = 5 + (8 * n.documents) / max;
    g.appendChild(s("circle", { cx: n.x, cy: n.y, r }));
    const anchor = n.cos > 0.3 ? "start" : n.cos < -0.3 ? "end" : "middle";
    g.appendChild(s("text", { x: n.x + (r + 4) * n.cos, y: n.y + (r + 4) * n.sin + (anchor === "middle" ? (n.sin > 0 ? 12 : -4) : 4),
                              "text-anchor": anchor }, n.name));
    g.appendChild(s("title", {}, `${n.name}${n.name_en ? " · " + n.name_en : ""}: ${n.documents}`));
    svg.appendChild(g);
  }
  const me = s("g", { class: `node center type-${center.type}` });
  me.appendChild(s("circle", { cx: c, cy: c, r: 16 }));
  me.appendChild(s("text", { x: c, y: c + 32, "text-anchor": "middle" }, center.name));
  svg.appendChild(me);
  return svg;
}

let worldPromise = null;

function world() {
  if (!worldPromise) {
    worldPromise = fetch("/static/vendor/countries-50m.json").then((r) => {
      if (!r.ok) throw new Error(`world map: HTTP ${r.status}`);
      return r.json();
    });
  }
  return worldPromise;
}

function librariesReady() {
  return new Promise((resolve, reject) => {
    let tries = 0;
    const check = () => {
      if (window.d3 && window.d3.geoPath && window.topojson) resolve();
      else if (++tries > 100) reject(new Error("map libraries did not load"));
      else setTimeout(check, 50);
    };
    check();
  });
}

// points: [{lat, lon, name, count, quad: {...}}]; countries with points get a tint.
export async function worldMap(container, points, { width = 960, height = 480, whole = false } = {}) {
  await librariesReady();
  const topo = await world();
  const { d3, topojson } = window;
  const countries = topojson.feature(topo, topo.objects.countries);
  // Zoom to where the points are (at least a region's width), so small states such as Bahrain stay visible.
  const projection = d3.geoNaturalEarth1();
  if (points.length && !whole) {
    const lons = points.map((p) => p.lon), lats = points.map((p) => p.lat);
    let [x0, x1, y0, y1] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
    const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    const wx = Math.max(x1 - x0 + 10, 50) / 2, wy = Math.max(y1 - y0 + 6, 25) / 2;
    [x0, x1, y0, y1] = [Math.max(cx - wx, -180), Math.min(cx + wx, 180), Math.max(cy - wy, -85), Math.min(cy + wy, 85)];
    projection.fitExtent([[10, 10], [width - 10, height - 10]],
      { type: "MultiPoint", coordinates: [[x0, y0], [x1, y1], [x0, y1], [x1, y0], [cx, y0], [cx, y1]] });
  } else {
    projection.fitSize([width, height], { type: "Sphere" });
  }
  const path = d3.geoPath(projection);
  const svg = s("svg", { class: "chart map", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": t("events.map") });
  svg.appendChild(s("path", { d: path({ type: "Sphere" }), class: "sphere" }));
  svg.appendChild(s("path", { d: path(d3.geoGraticule10 ? d3.geoGraticule10() : { type: "MultiLineString", coordinates: [] }), class: "graticule" }));
  const g = s("g", { class: "countries" });
  for (const f of countries.features) {
    const d = path(f);
    if (!d) continue;
    const p = s("path", { d, class: "country" });
    if (f.properties && f.properties.name) p.appendChild(s("title", {}, f.properties.name));
    g.appendChild(p);
  }
  svg.appendChild(g);
  const max = Math.max(1, ...points.map((p) => p.count));
  const dots = s("g", { class: "points" });
  for (const p of points) {
    const xy = projection([p.lon, p.lat]);
    if (!xy) continue;
    const top = Object.entries(p.quad || {}).sort((a, b) => b[1] - a[1])[0];
    const c = s("circle", { cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: (3 + 12 * Math.sqrt(p.count / max)).toFixed(1),
                            class: `point quad-${top ? top[0] : 0}`, "data-name": p.name || "" });
    c.appendChild(s("title", {}, `${p.name || ""} (${p.country || ""}): ${p.count}`));
    dots.appendChild(c);
  }
  svg.appendChild(dots);
  container.appendChild(svg);
  return svg;
}
