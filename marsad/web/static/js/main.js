// The dashboard shell: hash router, language toggle, corpus figures in the header.
import { api, clear, errorBox, num, route } from "./dom.js";
import { applyChrome, lang, setLang, t } from "./i18n.js";
import { searchPage } from "./pages/search.js";
import { readerPage } from "./pages/reader.js";
import { actorPage } from "./pages/actor.js";
import { eventsPage } from "./pages/events.js";
import { clusterPage, clustersPage } from "./pages/clusters.js";

const PAGES = {
  "": [searchPage, "search"], search: [searchPage, "search"], doc: [readerPage, "search"],
  actor: [actorPage, "search"], events: [eventsPage, "events"], clusters: [clustersPage, "clusters"],
  cluster: [clusterPage, "clusters"],
};

let stats = null;

function showStats() {
  const el = document.getElementById("stats");
  if (!el || !stats) return;
  el.textContent = t("stats", { documents: num(stats.documents), actors: num(stats.actors), events: num(stats.events) });
}

async function render() {
  const view = document.getElementById("view");
  const r = route();
  const [page, nav] = PAGES[r.parts[0] || ""] || PAGES[""];
  for (const a of document.querySelectorAll("[data-nav]")) a.classList.toggle("active", a.dataset.nav === nav);
  clear(view);
  view.dataset.page = r.parts[0] || "search";
  try {
    await page(view, r);
  } catch (err) {
    console.error(err);
    clear(view).appendChild(errorBox(err));
  }
  view.dataset.ready = "1";
}

window.addEventListener("hashchange", () => { delete document.getElementById("view").dataset.ready; render(); });
document.getElementById("lang").addEventListener("click", () => {
  setLang(lang() === "en" ? "ar" : "en");
  showStats();
  render();
});
applyChrome();
api("stats").then((s) => { stats = s; showStats(); }).catch(() => {});
render();
