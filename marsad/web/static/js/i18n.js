// Interface strings, Arabic first. Article text is never translated or touched; only the chrome around it.
const STRINGS = {
  ar: {
    "brand": "مرصد", "nav.search": "البحث", "nav.events": "الأحداث", "nav.clusters": "القصص",
    "footer": "مرصد: كل معلومة مرتبطة بموضعها في النص الأصلي.",
    "lang.other": "English",
    "stats": "{documents} مقالة · {actors} فاعل · {events} حدث",
    "search.placeholder": "ابحث في الأخبار: كلمات أو \"عبارة كاملة\"",
    "search.go": "ابحث", "filters": "تصفية", "f.from": "من تاريخ", "f.to": "إلى تاريخ", "f.source": "المصدر",
    "f.actor": "الفاعل", "f.country": "الدولة (رمز ISO)", "f.event_type": "نوع الحدث", "f.interval": "الفترة",
    "interval.day": "يوم", "interval.month": "شهر", "interval.year": "سنة",
    "results": "النتائج", "no.results": "لا نتائج.", "more": "التالي", "prev": "السابق",
    "outlets": "{n} منافذ", "actors.matching": "فاعلون", "documents": "مقالات",
    "loading": "جارٍ التحميل…", "error": "خطأ",
    "reader.records": "ما استُخرج من النص", "entities": "الكيانات", "quotes": "الاقتباسات", "quantities": "الكميات",
    "times": "التواريخ والأوقات", "events": "الأحداث", "speaker": "المتحدث", "unknown.speaker": "متحدث غير معروف",
    "published": "تاريخ النشر", "source": "المصدر", "dateline": "مكان الخبر", "cluster": "القصة",
    "actor.page": "صفحة الفاعل", "aliases": "الأسماء والصيغ", "roles": "الصفات", "country": "الدولة",
    "timeline": "الأحداث عبر الزمن بحسب الفئة", "co.actors": "فاعلون يظهرون معه", "recent.docs": "آخر المقالات",
    "type.PER": "شخص", "type.ORG": "منظمة", "type.LOC": "مكان", "type.MISC": "أخرى",
    "quad.1": "تعاون لفظي", "quad.2": "تعاون مادي", "quad.3": "نزاع لفظي", "quad.4": "نزاع مادي", "quad.0": "غير مصنف",
    "events.title": "مستكشف الأحداث", "events.counts": "عدد الأحداث عبر الزمن", "events.map": "أماكن الأحداث",
    "events.table": "جدول الأحداث", "col.date": "التاريخ", "col.type": "النوع", "col.cameo": "CAMEO",
    "col.quad": "الفئة", "col.actor": "الفاعل", "col.recipient": "المتلقي", "col.location": "المكان",
    "col.trigger": "الفعل", "col.doc": "المقالة", "events.none": "لا أحداث لهذه التصفية.",
    "clusters.title": "القصص: الخبر الواحد في عدة منافذ", "clusters.size": "عدد المقالات",
    "clusters.min": "أقل عدد مقالات", "cluster.outlets": "المنافذ التي نشرته", "cluster.docs": "المقالات",
    "first": "أول نشر", "last": "آخر نشر", "value": "القيمة", "mentions": "ذكر", "back": "رجوع",
    "map.loading": "جارٍ رسم الخريطة…", "map.none": "لا أماكن محددة الإحداثيات.",
  },
  en: {
    "brand": "Marsad", "nav.search": "Search", "nav.events": "Events", "nav.clusters": "Stories",
    "footer": "Marsad: every fact points to its place in the original text.",
    "lang.other": "العربية",
    "stats": "{documents} articles · {actors} actors · {events} events",
    "search.placeholder": "Search the news: words or \"an exact phrase\"",
    "search.go": "Search", "filters": "Filters", "f.from": "From", "f.to": "To", "f.source": "Source",
    "f.actor": "Actor", "f.country": "Country (ISO code)", "f.event_type": "Event type", "f.interval": "Interval",
    "interval.day": "day", "interval.month": "month", "interval.year": "year",
    "results": "Results", "no.results": "No results.", "more": "Next", "prev": "Previous",
    "outlets": "{n} outlets", "actors.matching": "Actors", "documents": "articles",
    "loading": "Loading…", "error": "Error",
    "reader.records": "Extracted from the text", "entities": "Entities", "quotes": "Quotes", "quantities": "Quantities",
    "times": "Dates and times", "events": "Events", "speaker": "Speaker", "unknown.speaker": "unknown speaker",
    "published": "Published", "source": "Source", "dateline": "Dateline", "cluster": "Story",
    "actor.page": "Actor", "aliases": "Names and aliases", "roles": "Roles", "country": "Country",
    "timeline": "Events over time by quad class", "co.actors": "Co-occurring actors", "recent.docs": "Recent articles",
    "type.PER": "person", "type.ORG": "organisation", "type.LOC": "place", "type.MISC": "other",
    "quad.1": "verbal cooperation", "quad.2": "material cooperation", "quad.3": "verbal conflict",
    "quad.4": "material conflict", "quad.0": "unclassified",
    "events.title": "Events explorer", "events.counts": "Events over time", "events.map": "Where events happened",
    "events.table": "Events", "col.date": "Date", "col.type": "Type", "col.cameo": "CAMEO",
    "col.quad": "Quad", "col.actor": "Actor", "col.recipient": "Recipient", "col.location": "Location",
    "col.trigger": "Trigger", "col.doc": "Article", "events.none": "No events for these filters.",
    "clusters.title": "Stories: one story across outlets", "clusters.size": "articles",
    "clusters.min": "Minimum articles", "cluster.outlets": "Outlets that carried it", "cluster.docs": "Articles",
    "first": "First published", "last": "Last published", "value": "Value", "mentions": "mentions", "back": "Back",
    "map.loading": "Drawing the map…", "map.none": "No located places.",
  },
};

const KEY = "marsad.lang";

export function lang() {
  const v = localStorage.getItem(KEY);
  return v === "en" ? "en" : "ar";
}

export function setLang(v) {
  localStorage.setItem(KEY, v === "en" ? "en" : "ar");
  applyChrome();
}

export function t(key, vars = {}) {
  const s = STRINGS[lang()][key] ?? STRINGS.ar[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k) => (k in vars ? String(vars[k]) : ""));
}

// The page direction follows the interface language; article text keeps dir="rtl" lang="ar" on its own element.
export function applyChrome() {
  const l = lang();
  document.documentElement.lang = l;
  document.documentElement.dir = l === "en" ? "ltr" : "rtl";
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  const btn = document.getElementById("lang");
  if (btn) {
    btn.textContent = t("lang.other");
    btn.lang = l === "en" ? "ar" : "en";
  }
  document.title = l === "en" ? "Marsad — Arabic news as data" : "مرصد — الأخبار العربية بيانات";
}
