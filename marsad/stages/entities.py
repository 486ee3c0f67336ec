"""Entities: gazetteer, organisation and title lexicons, merged with the trained tagger, then linked in-document."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain

from marsad.arabic.clitics import enclitic_splits, lexicon_splits, proclitic_splits
from marsad.arabic.lexicon import PhraseLexicon, read_tsv, word_set
from marsad.arabic.normalize import _REMOVE, fold_str
from marsad.document import Document, Token
from marsad.geo import Igo
from marsad.pipeline import stage

log = logging.getLogger(__name__)

_ARABIC_WORD = frozenset("ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي")
MAX_NAME_TOKENS = 5
MAX_LINKED_NAME_TOKENS = 11  # by بن/بنت/آل pairs: نورة بنت سعد بن فهد بن تركي آل سعود
_ORG_HEADS = frozenset({"حركه", "تنظيم", "جماعه", "حزب", "ميليشيا", "ميليشيات", "فصيل", "مسلحي", "عناصر"})
_POSTING = frozenset({"الي", "لدي", "في", "بـ"})
# Nouns before a place's name (مدينة السفيرة، في قضاء الطارمية); with a preposition attached too
PLACE_NOUNS = frozenset(fold_str(w) for w in ("مدينة", "بمدينة", "لمدينة", "بلدة", "ببلدة", "قرية", "بقرية", "محافظة",
                                                 "بمحافظة", "ولاية", "بولاية", "منطقة", "بمنطقة", "إقليم", "ناحية",
                                                 "قضاء", "بلدات", "مخيم"))
_PORTFOLIO = frozenset(("لشوون", "لشيون", "للشوون", "للشيون"))  # لشؤون X after a title names its portfolio
# Heads of organisation names that follow a title as its complement (أمين عام جمعية ...، رئيس مجلس إدارة شركة ...)
_BODY_HEADS = frozenset({"جمعيه", "هييه", "موسسه", "مجلس", "لجنه", "اتحاد", "مركز", "منظمه", "نقابه", "رابطه",
                         "غرفه", "اداره", "صندوق", "برنامج", "مجموعه", "مكتبه"})  # folded: هيئة -> هييه، مؤسسة -> موسسه
_PLACE_HEADS = frozenset(fold_str(w) for w in ("جمهورية", "مملكة", "فندق", "محطة", "مدينة", "مجموعة", "شركة"))
# Military ranks: news writes the full name after them, a family name that is also a word included
_MILITARY = frozenset(fold_str(w) for w in ("اللواء", "العميد", "العقيد", "الرائد", "المقدم", "النقيب", "الملازم",
                                           "الجنرال", "المشير", "ركن", "أول"))  # (not الفريق: also "the team")
_NOT_SURNAMES = frozenset(fold_str(w) for w in ("أمس", "اليوم", "غدا", "يوم", "صباح", "مساء", "ليل", "فجر", "حاليا",
                                               "سابقا", "أيضا", "مجددا", "نفسه", "شخصيا"))
_BLOCS = frozenset(fold_str(w) for w in ("ائتلاف", "كتلة", "تيار", "قائمة", "تحالف"))  # parliamentary blocs
_REGION_NOUNS = frozenset(fold_str(w) for w in ("الإقليم", "الولاية", "المحافظة", "المنطقة"))  # رئيس حكومة الإقليم X
_TERMS = frozenset(fold_str(w) for w in ("ولاية", "بولاية", "لولاية", "الولاية"))
# Streets, squares and buildings whose name follows them: a place the tagger finds there is their name (شارع
# الحبيب بورقيبة); with mosques, towers and districts, a gazetteer town right after them is theirs (قصر الحسينية)
_STREETS = frozenset(fold_str(w) for w in ("شارع", "بشارع", "ميدان", "بميدان", "ساحة", "بساحة", "قصر", "بقصر", "دوار",
                                           "جسر", "فندق", "بفندق"))
_FACILITIES = _STREETS | frozenset(fold_str(w) for w in ("مسجد", "جامع", "برج", "حي", "بحي"))
# More heads of bodies a title may govern before the holder's name (والي بنك المغرب، رئيس تحرير صحيفة …)
_TITLE_BODIES = frozenset({"بنك", "مصرف", "مكتب", "حكومه", "جامعه", "صحيفه", "قناه", "وزاره", "شرطه", "مخابرات"})
_OFFICES = frozenset(("المدير", "القائد", "المستشار", "المدير الفني", "المتحدث الرسمي"))
_ENVOYS = ("سفير", "مبعوث", "مندوب", "ممثل", "قنصل", "منسق")  # titles posted "to" a place: not وصل الوزير إلى مسقط


# Titles whose feminine in ة is another word (محافظة a governorate, الفريقة، العميدة a dean) or not used in news
_NO_FEMININE = frozenset(("محافظ", "المحافظ", "الجنرال", "العميد", "العقيد", "الفريق", "المشير", "العاهل", "خادم",
                          "ولي", "الملك", "أمير", "المرشد", "الإمام", "المطران", "المفتي", "البابا", "مرشح"))
# (منتخبات غير مرشحة ندا قويا: the feminine of an indefinite مرشح is "nominated", no title)
_FEMININE_ADJECTIVES = {"العام": "العامة", "عام": "عامة", "الرسمي": "الرسمية", "الخاص": "الخاصة",
                        "الدائم": "الدائمة", "الأممي": "الأممية", "التنفيذي": "التنفيذية", "الفني": "الفنية",
                        "المساعد": "المساعدة", "السامي": "السامية", "السابق": "السابقة"}


def _feminine_title(phrase: str) -> str | None:
    """The title a woman holds, from the listed masculine one: السفير -> السفيرة, الأمين العام -> الأمينة العامة,
    المتحدث الرسمي باسم -> المتحدثة الرسمية باسم; None for titles whose ة-form means something else."""
    first, *rest = phrase.split()
    if first in _NO_FEMININE or first.endswith(("ة", "ه", "ي", "ا", "ى", "ء", ".")) or not first[-1].isalpha():
        return None
    return " ".join([first + "ة", *(_FEMININE_ADJECTIVES.get(w, w) for w in rest)])


def _envoy(norms: list[str], j: int) -> bool:
    """Does the title ending at ``j`` name an envoy (its last three words hold سفير، مبعوث …)?"""
    return any(e in w for w in norms[max(0, j - 3):j] for e in _ENVOYS)


@dataclass(frozen=True, slots=True)
class Title:
    role: str | None
    rank: int


@dataclass(frozen=True, slots=True)
class Institution:
    phrase: str
    kind: str
    name_en: str


@dataclass(frozen=True, slots=True)
class Source:
    name_ar: str
    name_en: str


@dataclass
class Cand:
    """A mention candidate in token space, before linking."""

    start: int
    end: int
    prefix: int
    type: str
    key: str | None = None      # canonical identity when the lexicon knows it (geo id, IGO id)
    payload: object = None
    role: str | None = None
    country: str | None = None
    affiliation: str | None = None  # key of an organisation the person speaks for
    source: str = "lexicon"
    extra: dict = field(default_factory=dict)


class Lexicons:
    """Everything the entity stage matches against, loaded once per process."""

    def __init__(self) -> None:
        from marsad.geo import Gazetteer

        self.gaz = Gazetteer.load()
        self.places = PhraseLexicon()
        self.orgs = PhraseLexicon()
        self.anaphors: dict[str, list[str]] = {}  # folded head noun -> organisation ids
        # IGOs and the clubs, outlets, companies and parties of organisations.tsv are matched alike; both
        # become "igo:<id>" candidates (ids are unique across the two files).
        known = self.gaz.igos() + self.gaz.organisations()
        ambiguous = {(g.id, fold_str(a)) for g in known for a in g.ambiguous}
        # فتح، القاعدة، الهلال، الجزيرة: ordinary words unless the text supports the name
        self.ambiguous_orgs = PhraseLexicon()
        for alias, igo in chain(self.gaz.igo_aliases(), self.gaz.organisation_aliases()):
            (self.ambiguous_orgs if (igo.id, alias) in ambiguous else self.orgs).add(alias, igo)
        self.igos_with_ambiguous = frozenset(g for g, _ in ambiguous)
        for igo in known:
            for a in igo.anaphors:
                self.anaphors.setdefault(fold_str(a), []).append(igo.id)
        for name in _place_names():
            self.places.add(name, name)
        self.risky_places, self.heh_places, self.taa_places = _place_homographs()
        self.titles = PhraseLexicon()
        rows = list(read_tsv("titles.tsv"))
        listed = {fold_str(r[0]) for r in rows}
        for row in rows:
            title = Title(row[1] or None, int(row[2]) if len(row) > 2 and row[2] else 5)
            self.titles.add(row[0], title)
            feminine = _feminine_title(row[0])
            if feminine and fold_str(feminine) not in listed:
                self.titles.add(feminine, title)  # السفيرة الأمريكية، الأمينة العامة، المتحدثة باسم
        self.modifiers = word_set("title_modifiers.tsv")
        self.particles = {fold_str(r[0]): r[1] for r in read_tsv("name_particles.tsv")}
        self.honorifics = PhraseLexicon()
        for row in read_tsv("honorifics.tsv"):
            self.honorifics.add(row[0], row[0])
        self.institutions = PhraseLexicon()
        for row in read_tsv("institutions.tsv"):
            self.institutions.add(row[0], Institution(row[0], row[1], row[2]))
        self.sources = PhraseLexicon()
        for row in read_tsv("news_sources.tsv"):
            self.sources.add(row[0], Source(row[1], row[2]))
        self.org_heads = {fold_str(r[0]): (r[1], r[2]) for r in read_tsv("org_heads.tsv")}
        self.locative = word_set("locative_cues.tsv")
        self.function_words = word_set("function_words.tsv")
        self.reporting = word_set("reporting_verbs.tsv")
        self.reporting_verbs = frozenset(fold_str(r[0]) for r in read_tsv("reporting_verbs.tsv") if r[1] == "verb")
        self.first_names, self.known_people, self.foreign_first = _people()
        # first names learnt from the model's counts: read after titles only (elsewhere راين، يان would split
        # براين، بيان into a preposition and a name)
        self.learnt_names = frozenset(
            w for w in _corpus_first_names() - _ambiguous_first_names()
            if w not in self.function_words and w not in self.reporting and not self.gaz.nationality(w)
            and w not in _PREPOSITION_NAMES) - self.first_names
        self.given_names = self.first_names | self.learnt_names
        self.common = _common_words(20000) - self.first_names
        self.families = word_set("family_names.tsv")
        self.common_wide = _common_words(50000) - self.first_names
        self._peoples_memo: dict[str, str | None] = {}  # word -> its nationality (peoples), bounded
        # counted after first names and (after titles, or not an ordinary word without its ال): الفالح، العلي،
        # القرضاوي; not الجوانب or الإنترنت (على folds like علي: على الجوانب, على الإنترنت)
        self.surnames = frozenset(w for w, titled in _article_surnames().items()
                                  if titled or w[2:] in self.first_names or w[2:] not in self.common_wide)
        self.people = PhraseLexicon()  # well-known people by full name, found without a title
        for name in self.known_people:
            self.people.add(name, name)
        self.title_words = frozenset(t for phrase in self.titles._by_first for t in (phrase,))
        # Any token that could start a lexicon match: most tokens are not, and are skipped after one set test.
        self.starters = frozenset().union(*(lx._by_first for lx in (
            self.titles, self.people, self.orgs, self.ambiguous_orgs, self.places, self.institutions)),
            ("المركز",))  # المركز الوطني للجيوفيزياء: a centre named by what it does

    def nationality(self, word: str) -> str | None:
        """ISO3 code of a nationality adjective (العراقي، للعراقيين); regional ones (الأوروبي) give None."""
        for _, stem in proclitic_splits(word):
            code = self.gaz.nationality(stem)
            if code:
                return code if len(code) == 3 and code.isalpha() and code.isupper() else None
        return None

    def peoples(self, tokens) -> tuple[str, ...]:
        """Countries whose nationals or adjectives the tokens name (الأردنيين، الأردنية), in order of first use."""
        memo = self._peoples_memo
        if len(memo) > 200_000:
            memo.clear()
        out = {}
        for t in tokens:
            w = t.norm
            iso = memo.get(w, "")
            if iso == "":
                iso = memo[w] = self.nationality(w) if len(w) > 4 and w[:1].isalpha() else None
            if iso:
                out[iso] = True
        return tuple(out)

    def is_name_like(self, word: str, first: bool) -> bool:
        if len(word) < 2 or any(c not in _ARABIC_WORD for c in word):
            return False
        if not first and word in self.surnames and word in self.title_words:
            return True  # صالح بن عبد الله القاضي: a family name that is also a title (judge)
        if word in self.function_words or word in self.reporting or word in self.title_words \
                or word in self.org_heads or (word.endswith("ي") and word[:-1] in self.title_words):
            return False  # (محافظي، مديري: titles in the construct plural, "the governors of")
        if len(word) > 5 and word.endswith("ا") and word[:-1] in self.common_wide:
            return False  # اجتماعا ثلاثيا: an accusative noun or adjective (tanween), not a name
        if len(word) > 4 and word.endswith("و") and any(word[:-1] + e in self.common_wide for e in ("ون", "ين", "")):
            return False  # صحافيو الوكالة، مسؤولو الوزارة: a plural in the construct state, not a name
        if word in self.first_names:
            return True
        if not first and word in self.surnames:
            return True  # محمد العلي، خالد الفالح: frequent words that news writes after first names
        if word[0] == "و" or (word[0] == "ف" and (len(word) < 4 or word[1:] in self.common
                                                  or word[1:] in self.function_words)):
            return False  # a conjunction starts a new phrase, never continues a name (but فالون، فابيوس do)
        if word[0] in "بل":  # بمقر، لدعم: a preposition on a common word (ك is too often a first letter)
            for _, stem in proclitic_splits(word)[1:]:
                if stem in self.common or stem in self.function_words:
                    return False
        for slen, stem in enclitic_splits(word)[1:]:  # جهوده، قواتها، تحياته: a pronoun on a common noun
            if (stem in self.common or (not first and stem in self.common_wide)) and not word.endswith("ي"):
                return False  # ...but a final ي is the nisba of a name
        if self.gaz.nationality(word):
            return False
        if not first and word.startswith("ال") and not word.endswith("ي") and word in self.common_wide:
            return False  # قيس سعيد السفراء: a plural or abstract noun, not a family name like الكاظمي
        return word not in self.common


def _place_names() -> set[str]:
    """Every Arabic country, city and region name in the gazetteer files; resolution happens per document.

    City aliases flagged as frequent words or person names (``common_ar``: صور، العين) are left out: the
    tagger may still find them as places."""
    names: set[str] = set()
    for fname, cols in (("countries.tsv", (3, 4)), ("cities.tsv", (1, 2)), ("regions.tsv", (1, 2))):
        for row in read_tsv(fname):
            risky = {fold_str(a) for a in row[10].split("|")} if fname == "cities.tsv" and len(row) > 10 else set()
            for c in cols:
                if c < len(row):
                    names.update(k for a in row[c].split("|") if a.strip() and (k := fold_str(a)) not in risky)
    return {n for n in names if len(n) >= 2}


def _place_homographs() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Folded city names that are above all everyday words (``homograph_ar``: مشهد scene, بورصة stock exchange), and
    folded place names every spelling of which ends in ه, never ة: ماليه (Malé) folds like مالية "financial",
    so a word written with ة is not that place; and the small towns every spelling of which ends in ة (زوارة)."""
    risky: set[str] = set()
    ends: dict[str, set[str]] = {}
    big: set[str] = set()  # names of countries, regions and cities of 100,000 or more (جدّه is still Jeddah)
    for fname, cols in (("countries.tsv", (3, 4)), ("cities.tsv", (1, 2)), ("regions.tsv", (1, 2))):
        for row in read_tsv(fname):
            if fname == "cities.tsv" and len(row) > 11:
                risky.update(fold_str(a) for a in row[11].split("|") if a.strip())
            large = fname != "cities.tsv" or int(row[7] or 0) >= 100_000
            for c in cols:
                for a in row[c].split("|") if c < len(row) else ():
                    a = _REMOVE.sub("", a.strip())
                    if a:
                        ends.setdefault(fold_str(a), set()).add(a[-1])
                        if large:
                            big.add(fold_str(a))
    heh = {k for k, last in ends.items() if "ه" in last and "ة" not in last}
    taa = {k for k, last in ends.items() if "ة" in last and "ه" not in last and k not in big}
    return frozenset(risky), frozenset(heh), frozenset(taa)


def _taa_mismatch(lex: "Lexicons", tok: Token, folded: str) -> bool:
    """A word written with final ة is not a place spelt only with ه (مالية is not ماليه); a word written with
    final ه is not a small town spelt only with ة when, without the ه, it is a common word: زواره is زوار + ه
    (his visitors), not Zuwara (but جدّه is Jeddah)."""
    raw = _REMOVE.sub("", tok.text)
    if folded in lex.heh_places:
        return raw.endswith("ة")
    return folded in lex.taa_places and raw.endswith("ه") and fold_str(raw[:-1]) in lex.common


@lru_cache(maxsize=2)
def _month_names(every: bool = False) -> frozenset[str]:
    """Folded month names that are nothing else (calendar_months.tsv without its ambiguous ones: رمضان، مارس، رجب
    are also names or verbs), or ``every`` one."""
    return frozenset(fold_str(r[0]) for r in read_tsv("calendar_months.tsv")
                     if r and r[0] and (every or r[3:4] != ["1"]))


@lru_cache(maxsize=1)
def _currency_words() -> frozenset[str]:
    words = {fold_str(r[0]) for r in read_tsv("currencies.tsv") if r[2] == "word"}
    return frozenset(words | {w + "ا" for w in words} | {"ال" + w for w in words})


def _currency(word: str) -> bool:
    """ريالا، دولارات، باليورو: a currency name, which the tagger's MISC keeps picking up after amounts."""
    return any(stem in _currency_words() for _, stem in proclitic_splits(word))


def _title_at(lex: "Lexicons", toks, k: int) -> bool:
    """Does a title (وزير الخارجية، الرئيس) start at token ``k``?"""
    norms = [t.norm for t in toks[k:k + 4]]
    return lex.titles.match_at(norms, 0, len(norms)) is not None


_IDIOMS = {"مسقط": ("راس",), "النيل": ("من",)}  # مسقط رأسه "his birthplace", النيل من "to harm"


def _place_idiom(word: str, nxt: str) -> bool:
    """A place name opening an idiom with the next word: مسقط رأسه is no Muscat, للنيل من is no Nile."""
    heads = _IDIOMS.get(word) or next((_IDIOMS[st] for _, st in proclitic_splits(word)[1:] if st in _IDIOMS), None)
    return bool(heads) and nxt.startswith(heads)


def _after_locative(lex: "Lexicons", norms, k: int) -> bool:
    """Is the word before position ``k`` a locative cue (في، مدينة، شمال …), clitics allowed?"""
    return k > 0 and any(stem in lex.locative for _, stem in proclitic_splits(norms[k - 1]))


SURNAME_MIN = 5       # times SaudiNewsNet writes the word right after a known first name ...
SURNAME_SHARE = 0.15  # ... as a share of all its occurrences: الفالح 0.77, العلي 0.21; السفراء 0.02, الحمد 0.10
SURNAME_TITLED = 3    # times after a person's title (الوزير الجبير، الدكتور الربيعة)


@lru_cache(maxsize=1)
def _article_surnames() -> dict[str, bool]:
    """Folded ال-words that usually follow a first name in news (family names), from the NER model's counts,
    each with whether news also writes it after a person's title."""
    from marsad.models.ner.tagger import DISTRIB_FILE, committed_counts

    counts = committed_counts(DISTRIB_FILE)  # word -> (all, person cue, place, org, misc, surname, bin)
    return {w: c[1] >= SURNAME_TITLED for w, c in counts.items()
            if w.startswith("ال") and c[5] >= SURNAME_MIN and c[5] >= SURNAME_SHARE * c[0]}


@lru_cache(maxsize=4)
def _common_words(n: int) -> frozenset[str]:
    """The n most frequent Arabic words (wordfreq): a rare word after a title is likely a name, a frequent one is not."""
    import wordfreq

    return frozenset(fold_str(w) for w in wordfreq.top_n_list("ar", n))


_PREPOSITION_NAMES = frozenset(("علي", "الي", "لدي", "حتي"))  # folded على، إلى: علي is a name only when dotted
FIRST_NAME_MIN = 10      # a word SaudiNewsNet holds this often …
FIRST_NAME_SHARE = 0.6   # … and the NER model's first stage starts a person's name with at least this share of the
                         # time is a first name (سمير 191 of 231, سامر 38 of 41; not عيد 50 of 2,012)


@lru_cache(maxsize=1)
def _corpus_first_names() -> frozenset[str]:
    """First names learnt from the model's own counts over SaudiNewsNet (the team's names_en.tsv lists 200)."""
    from marsad.models.ner.tagger import AUTOGAZ_FILE, committed_counts

    return frozenset(w for w, c in committed_counts(AUTOGAZ_FILE).items()
                     if c[0] >= FIRST_NAME_MIN and c[1] >= FIRST_NAME_SHARE * c[0] and len(w) >= 3
                     and not w.startswith("ال") and w[0] not in "وفبل" and all(ch in _ARABIC_WORD for ch in w))


@lru_cache(maxsize=1)
def _ambiguous_first_names() -> frozenset[str]:
    """First names names_en.tsv marks as common words too (أمل، صباح): never first names on counts alone."""
    return frozenset(fold_str(r[0]) for r in read_tsv("names_en.tsv") if len(r) > 3 and r[3] == "1")


@lru_cache(maxsize=1)
def _people() -> tuple[frozenset[str], dict[str, str], frozenset[str]]:
    """First names, well-known people (folded Arabic -> English) and foreign given names (kind ``foreign``:
    مايكل، هيلاري — also first names) from names_en.tsv."""
    first: set[str] = set()
    foreign: set[str] = set()
    people: dict[str, str] = {}
    try:
        rows = list(read_tsv("names_en.tsv"))
    except FileNotFoundError:
        rows = []
    for row in rows:
        if len(row) < 2:
            continue
        ar = fold_str(row[0])
        kind = row[2] if len(row) > 2 else ""
        if kind == "person":
            people[ar] = row[1]
        elif len(row) < 4 or row[3] != "1":  # أمل، صباح: first names that are also common words don't count
            first.add(ar)
            if kind == "foreign":
                foreign.add(ar)
    return frozenset(first), people, frozenset(foreign)


@lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    return Lexicons()


# ---------------------------------------------------------------- matching
def _country_after_bi(lex: Lexicons, norms: list[str], k: int, limit: int) -> tuple[str, int] | None:
    """(ISO3, end) of a country named with ب at token ``k`` (بدولة الكويت، بالمملكة المغربية), else None."""
    place = lex.places.match_at(norms, k, limit)
    p = lex.gaz.resolve(place.value) if place is not None and place.prefix == 1 and norms[k][0] == "ب" else None
    return (p.iso3, place.end) if p is not None and p.kind == "country" else None


def _foreign_portfolio(lex: Lexicons, norms: list[str], k: int, limit: int) -> bool:
    """After a title at ``k``: a portfolio (لشؤون X) and then a country with ب, or a country with ب: the title of a
    foreign office-holder."""
    if norms[k] in _PORTFOLIO:
        k += 2
    return k < limit and _country_after_bi(lex, norms, k, limit) is not None


def _title_adjective(lex: Lexicons, norms: list[str], k: int) -> bool:
    """الناشط [النقابي] خالد: a relative adjective right after the title that names no country and no group
    (البريطاني and الحوثي give the person's country)."""
    return (norms[k].endswith("ي") and not lex.nationality(norms[k]) and not lex.orgs.match_at(norms, k, k + 1)
            and not lex.ambiguous_orgs.match_at(norms, k, k + 1))


def _person_after_title(lex: Lexicons, norms: list[str], j: int, limit: int,
                        supported: frozenset[str] = frozenset()) -> tuple[int, int, str | None, str | None, bool]:
    """After a title ending at ``j``: skip modifiers, read a name. Returns (name_start, name_end, country, org,
    whether the office's complement was skipped: مدير المرصد سامر عبد الكريم)."""
    country = affiliation = None
    complement = False
    k = j
    if j > 0 and norms[j - 1] == "باسم" and j < limit:  # المتحدث باسم الخارجية الإيرانية ...
        inst = lex.institutions.match_at(norms, j, limit) or lex.orgs.match_at(norms, j, limit) \
            or lex.places.match_at(norms, j, limit)
        if inst:
            k = inst.end
            if isinstance(inst.value, Igo):
                affiliation = inst.value.id
    while k < limit:
        h = lex.honorifics.match_at(norms, k, limit, clitics=False) or lex.titles.match_at(norms, k, limit, clitics=False)
        if h and not (h.end - k == 1 and h.end < limit and lex.particles.get(norms[h.end]) == "link"):
            if h.end < limit and _foreign_portfolio(lex, norms, h.end, limit):
                break  # استقبل ولي العهد وزير الدولة لشؤون الخارجية بدولة الكويت: the guest's title, not a second one
            construct = not norms[k].startswith("ال")  # an office in construct form heads what follows it
            if construct and k == j and norms[j - 1] in _RULERS:
                break  # استقبل الملك رئيس وزراء الهند …، التقى الملك رئيس المجلس الأوروبي …: the guest's office
            guest = construct_place(lex, norms, h.end, limit) if construct else None
            if guest and country and guest[0] != country:
                break  # رئيس الوزراء العراقي وزير خارجية إيران: another country's office, another person
            k = h.end  # السيد، الدكتور, or a second title: العاهل الأردني الملك ... (but الأمير سلطان بن ...)
            continue
        if norms[k] in lex.modifiers:
            k += 1
            continue
        if k == j and j > 0 and norms[k].startswith("وال") and _MINISTER in norms[max(0, j - 3):j] \
                and norms[k][1:] in lex.common_wide and not lex.nationality(norms[k][1:]) \
                and norms[k][1:] not in lex.title_words:
            k = j = k + 1  # وزير الاقتصاد والمالية نادية …، وزير التجارة والصناعة: a second portfolio
            continue
        if norms[k][:1] == "و" and len(norms[k]) > 2:
            h = lex.titles.match_at(norms, k, limit)  # رئيس مجلس الوزراء ووزير الخارجية في دولة قطر الشيخ …
            if h is not None and h.prefix == 1 and h.value.rank <= 4:
                k = h.end
                continue
        if norms[k] == "في" and k + 1 < limit:
            place = lex.places.match_at(norms, k + 1, limit)  # (وزير الخارجية) في دولة قطر: his country
            p = lex.gaz.resolve(place.value) if place is not None else None
            if p is not None and p.kind == "country":  # (منسقة الأمم المتحدة في السودان: her posting)
                country, k = (p.iso3 if affiliation is None else country), place.end
                continue
        if (k > j or _title_adjective(lex, norms, k)) and norms[k].startswith("ال") and k + 1 < limit \
                and norms[k + 1] in lex.first_names and norms[k] in lex.common_wide \
                and norms[k] not in lex.first_names and norms[k] not in lex.surnames \
                and not lex.places.match_at(norms, k, limit):
            k += 1  # المرشح الجمهوري المتشدد تيد كروز، الناشط النقابي خالد: an adjective of the title, then the name
            continue
        if norms[k] in _POSTING and k + 1 < limit and _envoy(norms, k):  # السفير لدى العراق، المبعوث إلى اليمن
            p = lex.places.match_at(norms, k + 1, limit) or lex.orgs.match_at(norms, k + 1, limit)
            if p:
                k = p.end
                continue
        nat = lex.nationality(norms[k]) if not norms[k].startswith(("ل", "و")) or norms[k].startswith("ال") else None
        if nat and not norms[k].startswith("ال") and (norms[j - 1].startswith("ال") or k > j):
            nat = None  # مدرب الهلال جورجي جيسوس: after a definite title an adjective takes ال; this is a name
        if nat:
            country = nat
            k += 1
            continue
        if (norms[k] in _PORTFOLIO or norms[k] in ("وشوون", "وشيون")) and k + 1 < limit \
                and norms[k + 1][:1].isalpha():
            k += 2  # وزير الدولة لشؤون الخارجية، مساعد الأمين العام للشؤون السياسية، وزير الخارجية وشؤون المغتربين
            continue
        if k > j and norms[k].startswith("ب"):
            p = _country_after_bi(lex, norms, k, limit)
            if p is not None:  # وزير الدولة لشؤون الخارجية بدولة الكويت
                country, k = p
                continue
        org = _org_at(lex, norms, k, limit, supported)
        if org and (org.prefix > 0 or k == j):  # لحلف الأطلسي / الأمين العام للأمم المتحدة / construct form
            affiliation = org.value.id
            k = org.end
            continue
        if k == j and norms[k] in ("في", "عن") and k + 1 < limit:  # القيادي في حركة حماس، النائب عن ائتلاف …
            body = _org_at(lex, norms, k + 1, limit, supported) or lex.institutions.match_at(norms, k + 1, limit)
            if body is not None:
                if isinstance(body.value, Igo):
                    affiliation = body.value.id
                k = body.end
                continue
            if _anaphor_head(lex, norms[k + 1]) and _name_starts(lex, norms, k + 2, limit):
                k += 2  # القيادي في الجبهة أحمد …: the body named before
                continue
            head = norms[k + 1][2:] if norms[k + 1].startswith("ال") else norms[k + 1]
            if head in _DESCRIBED_HEADS or head in _ORG_HEADS or head in _BLOCS:
                # النائب عن ائتلاف الوطنية سعد …: a body the lexicon does not know, then the name
                nxt = next((m for m in range(k + 2, min(limit, k + 6)) if _name_starts(lex, norms, m, limit)
                            and not norms[m].startswith("ال")), None)
                if nxt is not None and not any(norms[m] in lex.title_words for m in range(k + 2, nxt)):
                    k = nxt
                    continue
        if k == j and j > 0 and norms[j - 1] == "باسم" and _anaphor_head(lex, norms[k]) \
                and _name_starts(lex, norms, k + 1, limit):
            k += 1  # المتحدثة باسم المنظمة صفاء …: the body named before
            continue
        if k == j and _prepositional_noun(lex, norms[k]) and k + 1 < limit:
            n = 2 if k + 2 < limit and norms[k + 1].startswith("ال") and norms[k + 1].endswith(("ي", "يه")) else 1
            if _name_starts(lex, norms, k + n, limit):
                k += n  # المديرة العامة للصندوق كريستالينا، المدير الفني للفريق المدريدي رافايل …: the complement
                continue
        body = norms[k][2:] if norms[k].startswith(("ال", "لل")) else norms[k]
        if k == j and (body in _DESCRIBED_HEADS or body in _TITLE_BODIES or body in lex.org_heads
                       or body in _ORG_HEADS):
            # أمين عام جمعية النور الخيرية محمد صالح بلو، والي بنك المغرب عبد اللطيف …: an organisation the
            # lexicon does not know, then the name (a rank may come between: رئيس جهاز المخابرات اللواء …)
            nxt = next((m for m in range(k + 1, min(limit, k + 6)) if norms[m] in lex.first_names or (
                norms[m] == "عبد" and m + 1 < limit and norms[m + 1].startswith("ال")) or (
                _minor_title(lex, norms, m - 1, m) and norms[m][:1].isalpha() and norms[m] not in lex.title_words
                and _rank_end(lex, norms, m - 1, limit) == m and not lex.nationality(norms[m])
                and lex.honorifics.match_at(norms, m, limit, clitics=False) is None)), None)  # اللواء فارس
            if nxt is None or any(norms[m] in lex.title_words and not _minor_title(lex, norms, m, nxt)
                                  for m in range(k + 1, nxt)):
                break  # (مدير مركز الملك سلمان للإغاثة: the centre is named after the king)
            while nxt - 2 > k and norms[nxt - 1] in ("بن", "بنت") and norms[nxt - 2] not in lex.title_words:
                nxt -= 2  # الدكتورة منى بنت سليمان: the first name before a بنت/بن pair
            for m in range(k + 1, nxt):
                nat = lex.nationality(norms[m]) if norms[m].startswith("ال") else None
                country = nat or country  # رئيس جهاز المخابرات المصرية اللواء …: the body's country is his
            k = nxt
            break
        if k == j and norms[k].startswith("ال") and k + 1 < limit and (
                norms[k + 1] in lex.given_names or _person_word(norms[k + 1]) or (
                    (_anaphor_head(lex, norms[k]) or norms[k] in _REGION_NOUNS)
                    and _name_starts(lex, norms, k + 1, limit) and k + 2 < limit
                    and (norms[k + 2] in lex.surnames or lex.is_name_like(norms[k + 2], False)))) \
                and norms[k] not in lex.first_names \
                and not _person_word(norms[k]) and not lex.places.match_at(norms, k, limit):
            k += 1  # مدير المرصد سامر عبد الكريم، قائد الشرطة خالد: the office's complement, then the name
            complement = True
            continue
        if k == j and k + 2 < limit and norms[k].startswith("ال") and norms[k + 1].startswith("ال") \
                and norms[k + 1].endswith(("ي", "يه")) and not lex.nationality(norms[k + 1]) \
                and norms[k] not in lex.first_names and not lex.places.match_at(norms, k, limit) and (
                norms[k + 2] in lex.given_names or _person_word(norms[k + 2])):
            k += 2  # رئيس حكومة الوحدة الوطنية عبد الحميد …: a complement and its adjective, then the name
            complement = True
            continue
        place = lex.places.match_at(norms, k, limit)
        if place is None and k == j and norms[k] in _STATE_NOUNS and not norms[j - 1].startswith("ال"):
            place = lex.places.match_at(norms, k + 1, limit) if k + 1 < limit else None
        if place and k == j and not norms[j - 1].startswith("ال"):  # رئيس وزراء العراق (a construct: not الرئيس مسقط)
            # (رئيس وزراء جمهورية الهند: the state's name after its kind)
            p = lex.gaz.resolve(place.value)
            if p is not None:  # رئيس وزراء العراق، محافظ البصرة
                country = p.iso3
                k = place.end
                continue
        g = _city_after_head(lex, norms, k) if place is None and k == j else None
        if g is not None:  # عميد بلدية بنغازي: a city the curated lexicons leave to GeoNames
            country = g.iso3
            k += 1
            continue
        rank = _body_before_rank(lex, norms, k, limit) if k == j else None
        if rank is not None:  # رئيس الأمن العام الفريق طارق …، المتحدث باسم الرئاسة المستشار أحمد …: the body
            for m in range(k, rank):  # the office heads, then the rank the name carries; the body's country is his
                nat = lex.nationality(norms[m]) if norms[m].startswith("ال") else None
                country = nat or country
            k = rank
            continue
        break
    start = k
    known = lex.people.match_at(norms, k, limit, clitics=False) if k < limit else None
    if known is not None:  # الرئيس التونسي قيس سعيد: a listed person's full name wins over guessing
        end = known.end
        while end < limit and end < known.end + 2 and norms[end].startswith("ال") and _family_name(lex, norms[end]):
            end += 1  # الشيخ [مشعل الأحمد] الجابر الصباح: the grandfather's and the family's names the list left out
        while end + 1 < limit and norms[end] in ("بن", "بنت") and (
                norms[end + 1] in lex.first_names or norms[end + 1].startswith("عبد")):
            end += 2  # الأمير فيصل بن فرحان [بن عبدالله] وزير الخارجية: the grandfather's name too
            if norms[end - 1] == "عبد" and end < limit and norms[end].startswith("ال"):
                end += 1  # بن عبد العزيز: عبد and a divine name written apart
        return start, end, country, affiliation, False
    names: list[int] = []
    while k < limit and len(names) < MAX_LINKED_NAME_TOKENS:
        w = norms[k]
        particle = lex.particles.get(w) if names else None
        if len(names) >= MAX_NAME_TOKENS and particle != "link":
            break  # a long name goes on only by بن/بنت/آل pairs
        if particle == "regnal":
            names.append(k)
            break
        if w in _BLESSINGS and k + 1 < limit and norms[k + 1] == "الله":
            break  # (الخليفة) أبو بكر رضي الله عنه: the blessing ends the name
        if names and _participle_of_manner(lex, w):
            break  # عدنان مندورة متطرقا إلى …: an accusative participle after the name ends it
        if names and w[:1] in "كبل" and w[1:] in lex.title_words:
            break  # جيريمي كوربين كزعيم للحزب: a preposition on a title word ends the name
        if len(names) >= 2 and norms[names[-2]] == "ال":
            break  # آل سعود، آل الشيخ: the family name ends the name (not ... آل سعود برقية، آل الشيخ مفتي)
        if particle == "link" and names and k + 1 < limit and norms[k + 1] in lex.function_words \
                and norms[k + 1] != "علي":  # (folded على is the name علي too: بن علي)
            names.append(k)  # شينزو آبي قد قال: a name's last word that is also a link (أبي), before قد
            break
        if particle == "link" and k + 1 < limit and (norms[k + 1] in lex.first_names or lex.is_name_like(
                norms[k + 1], False) or norms[k + 1] in lex.common or (
                w in ("بن", "بنت") and _after_bin(lex, norms[k + 1]))):
            names.extend((k, k + 1))
            k += 2
            if norms[k - 1] == "عبد" and k < limit and norms[k].startswith("ال") and _plain(lex, norms[k]):
                names.append(k)  # بن عبد العزيز، بن عبد الله: عبد and a divine name written apart
                k += 1
            continue
        if not names and w == "عبد" and k + 1 < limit and norms[k + 1].startswith("ال") and _plain(lex, norms[k + 1]):
            names.extend((k, k + 1))  # رئيس الجمهورية عبد اللطيف ...: عبد and a divine name written apart
            k += 2
            continue
        if w == _DIN and names and norms[names[-1]] in _DIN_NAMES:
            names.append(k)  # عبدالملك بدر الدين الحوثي، نور الدين: a compound name in الدين
            k += 1
            if k < limit and norms[k].startswith("ال") and norms[k] not in lex.function_words:
                names.append(k)  # (its family name)
                k += 1
            continue
        if w == "الحاج" and names and k + 1 < limit and norms[k + 1] in lex.first_names:
            names.extend((k, k + 1))  # مصطفى الحاج يوسف: الحاج inside a Levantine family name
            k += 2
            continue
        if w in _FOREIGN_LINKS and names and k + 1 < limit and norms[k + 1][:1].isalpha() \
                and norms[k + 1] not in lex.function_words:
            names.extend((k, k + 1))  # لويس فان خال، أنخيل دي ماريا
            k += 2
            continue
        if lex.is_name_like(w, first=not names) or (not names and w in lex.learnt_names) or (
                len(names) >= 3 and lex.particles.get(norms[names[-2]]) == "link" and _family_name(lex, w)) or (
                len(names) == 2 and w.startswith("ال") and _family_name(lex, w)) or (  # نادية فتاح [العلوي]
                names and _name_word_next(lex, w)) or (  # أحمد داود أوغلو، تامر حسني: news writes it inside names
                not names and complement and _name_word_next(lex, w)) or (  # مدير المرصد سامر: after a complement
                names and w in lex.families) or (  # سعد الحريري، صباح خالد الحمد الصباح
                len(names) >= 2 and w.startswith("ال") and w[2:] in lex.first_names) or (  # خالد الحمد: his father
                len(names) == 1 and _foreign_surname(lex, w)) or (  # ديفيد لامي، جيم ريش
                len(names) == 1 and norms[names[0] - 1] in _MILITARY and _bare_word(lex, w)
                and not w.startswith("ال") and not (w.endswith("ا") and w[:-1] in lex.common_wide)
                and w not in _NOT_SURNAMES and w not in lex.reporting):  # العميد يحيى سريع: a rank's full name
            names.append(k)  # (… بن ناصر الصباح: a family name that is also a word, after a بن-pair)
            k += 1
            continue
        # a frequent word between two name parts, or before بن, is a name part (أحمد عوض بن مبارك، سلطان بن سلمان)
        if k + 1 < limit and lex.particles.get(norms[k + 1]) == "link" and _plain(lex, w) \
                and (names or norms[k + 1] in ("بن", "بنت")):
            names.append(k)
            k += 1
            continue
        if not names and k + 2 < limit and (w in lex.first_names or _bare_word(lex, w)) \
                and not w.startswith(("ال", "و")) and w not in lex.title_words and norms[k + 1] in lex.first_names \
                and _name_goes_on(lex, norms[k + 2]):
            names.append(k)  # علي يرلي كايا، صباح خالد الحمد: a first name spelt like a word, two name words after it
            k += 1
            continue
        if not names and w in lex.first_names and k + 1 < limit and _foreign_surname(lex, norms[k + 1]) \
                and lex.is_name_like(norms[k + 1], first=False):
            names.append(k)  # (وزير الداخلية التركي) علي يرلي: على/علي is a first name before a rare word
            k += 1
            continue
        # a frequent word may still be a first name when a rare name-like word follows it
        if not names and k + 1 < limit and w[:1].isalpha() and w[0] != "و" and w not in lex.function_words \
                and w not in lex.title_words and not _prepositional_noun(lex, w) \
                and not w.startswith("ال") \
                and w not in lex.org_heads and w not in _ORG_HEADS and w not in _BODY_HEADS \
                and lex.is_name_like(norms[k + 1], first=False) and norms[k + 1] not in lex.first_names \
                and not lex.places.match_at(norms, k, limit) and not lex.orgs.match_at(norms, k, limit) \
                and not lex.nationality(norms[k + 1]):
            names.append(k)
            k += 1
            continue
        break
    whole = names[-1] + 1 if names else 0
    if names and any(m is not None and m.end >= whole for m in (
            lex.places.match_at(norms, names[0], limit), lex.orgs.match_at(norms, names[0], limit))):
        names = []  # the "name" is a place or an organisation (but دوغلاس سيليمان is a person named like a town)
    return start, (names[-1] + 1 if names else start), country, affiliation, complement


def _tail_of_name(lex: Lexicons, w: str, prev: str) -> bool:
    """Whether a word the tagger put after a name the lexicon read may end it: not a conjunction (جون كيري [وويندي]),
    a preposition or a common word — a definite one (مركز الملك فهد [الثقافي]) only when it is a family name —
    except after آل (آل نهيان)."""
    if not w[:1].isalpha() or w in lex.function_words:
        return False
    if prev == "ال":
        return True  # آل فريان
    if w[0] == "و" or _preposition_on_noun(lex, w) or any(
            b in lex.common_wide or lex.places.match_at([b], 0, 1) for _, b in proclitic_splits(w)[1:] if len(b) >= 4):
        return False  # (الملك خالد [بأقسام]، مستشفى الملك خالد [بنجران])
    if w.startswith("ال"):
        return w in lex.surnames or w in lex.families or not w.endswith(("ي", "يه"))
    return w not in lex.common_wide


def _bare_word(lex: Lexicons, w: str) -> bool:
    """A word with no clitic on a common stem (not خارجيتها، لشركة) that is no verb-like common word (ينحاز)."""
    if not w.isalpha() or w in lex.function_words or (w[0] in "يتن" and w in lex.common_wide) or (
            w[:2] in ("سي", "ست", "سن") and w[1:] in lex.common_wide):
        return False  # (ينحاز، ستثري: a verb)
    stems = [b for _, b in proclitic_splits(w)[1:]] + _enclitic_stems(w)
    return not any(b in lex.common_wide or b in lex.function_words for b in stems)


def _enclitic_stems(w: str) -> list[str]:
    """Stems under a pronoun suffix; a final ي is a nisba or a name's ending, not "my" (لامي، البوسعيدي)."""
    return [b for n, b in enclitic_splits(w)[1:] if not (n == 1 and w[-1] == "ي")]


def _name_goes_on(lex: Lexicons, w: str) -> bool:
    """The third word of a name: a name-like word, a family name, or ال + a first name (the father's: الحمد)."""
    return lex.is_name_like(w, first=False) or w in lex.families or (w.startswith("ال") and w[2:] in lex.first_names)


def _foreign_surname(lex: Lexicons, w: str) -> bool:
    """After a title and a first name, a word news does not use often (لامي، ريش، كايا) is the family name."""
    if len(w) < 3 or not w.isalpha() or w.startswith(("ال", "و", "ف", "بال", "لل", "كال")) or w.endswith("ه") \
            or w in lex.common or w in lex.function_words or w in lex.title_words or w in lex.reporting \
            or lex.nationality(w) or _preposition_on_noun(lex, w):
        return False  # (برقية تهنئة، غروس باللاعبين: a noun, a preposition on a noun)
    # بأقسام، بنجران، جدارتنا (a short stem is no evidence: لامي is no ل + أمي)
    stems = [b for _, b in proclitic_splits(w)[1:] if len(b) >= 4] + _enclitic_stems(w)
    return not any(b in lex.common_wide or b in lex.function_words or lex.places.match_at([b], 0, 1)
                   for b in stems)


_GENERIC_HEADS = {"رئيس": "رئيس", "المدير": "مدير"}  # roles that say little without the body they head


def _body_word(w: str) -> bool:
    """The head of a body an office leads (الديوان، جامعة، شرطة)."""
    body = w[2:] if w.startswith("ال") else w
    return body in _DESCRIBED_HEADS or body in _TITLE_BODIES or body in _BODY_HEADS


def _rank_end(lex: Lexicons, norms: list[str], k: int, limit: int) -> int:
    """Where the longest title or honorific at ``k`` ends (الفريق أول: after أول)."""
    ends = [m.end for m in (lex.titles.match_at(norms, k, limit, clitics=False),
                            lex.honorifics.match_at(norms, k, limit, clitics=False)) if m is not None]
    return max(ends, default=k)


_CITY_HEADS = PLACE_NOUNS | frozenset(fold_str(w) for w in ("بلدية", "إمارة", "محافظ"))


def _city_after_head(lex: Lexicons, norms: list[str], k: int):
    """A GeoNames city of 100,000 or more named at ``k`` right after a place noun (بلدية بنغازي، منطقة حائل):
    its record, else None (bare, a word such as بشار or مالية is a name or an adjective, not Béchar or Malé)."""
    if k == 0 or norms[k - 1] not in _CITY_HEADS or norms[k].startswith("ال") or not norms[k][:1].isalpha():
        return None
    g = lex.gaz.resolve(norms[k])
    return g if g is not None and g.iso3 and g.kind == "city" and g.population >= 100_000 else None


def _occupied(lex: Lexicons, name: str) -> bool:
    """A place in the Palestinian territories or Israel (where 'the occupation' is Israel's army)."""
    p = lex.gaz.resolve(fold_str(name))
    return p is not None and p.iso3 in ("PSE", "ISR")


def _participle_of_manner(lex: Lexicons, w: str) -> bool:
    """An indefinite accusative participle (متطرقا، مشيرا، مؤكدة): م + at least three letters + tanween alif."""
    return len(w) >= 5 and w[0] == "م" and w.endswith("ا") and w not in lex.first_names and w not in lex.surnames


def construct_place(lex: Lexicons, norms: list[str], k: int, limit: int) -> tuple[str, int] | None:
    """(country, end) of a country named at ``k`` after a construct title, [جمهورية] مصر, if any."""
    k += 1 if k < limit and norms[k] in _STATE_NOUNS else 0
    place = lex.places.match_at(norms, k, limit) if k < limit else None
    p = lex.gaz.resolve(place.value) if place is not None else None
    return (p.iso3, place.end) if p is not None and p.kind == "country" else None


_DIN = fold_str("الدين")
_DIN_NAMES = frozenset(fold_str(w) for w in ("بدر", "نور", "صلاح", "علاء", "عز", "سيف", "شمس", "جمال", "بهاء", "فخر",
                                             "تاج", "نجم", "محيي", "محي", "شرف", "كمال", "خير", "زين", "سعد", "ضياء",
                                             "عماد", "نصر", "حسام", "نظام", "قطب"))
_REPUBLIC = fold_str("جمهورية")
_EXCELLENCY = fold_str("فخامة")
_GENERAL = fold_str("الفريق")
_MINISTER = fold_str("وزير")
_STATE_NOUNS = frozenset(fold_str(w) for w in ("جمهورية", "دولة", "مملكة", "سلطنة", "إمارة"))
_RULERS = frozenset(fold_str(w) for w in ("الملك", "السلطان", "الرئيس", "العاهل", "الأمير", "الشيخ"))
# Ranks and honorifics that come between an office's body and the holder's name (… العام الفريق طارق، … المستشار أحمد)
_NAME_RANKS = frozenset({"المستشار", "الدكتور", "المهندس"})
_BODY_MAX = 4  # words of an office's body before such a rank


def _body_before_rank(lex: Lexicons, norms: list[str], k: int, limit: int) -> int | None:
    """Where a rank starts after the few words of a body an office heads, when a name follows the rank: at most
    ``_BODY_MAX`` words, definite or a body's head, none a title, a first name, a verb of saying or a particle."""
    if not (norms[k].startswith("ال") or _body_word(norms[k]) or (k > 0 and norms[k - 1] == "باسم")) or (
            k > 0 and (norms[k - 1] in _MILITARY or norms[k - 1] == _GENERAL)):
        return None  # (الفريق الركن الشيخ …: a rank's own words, no office)
    for m in range(k + 1, min(limit, k + _BODY_MAX + 1)):
        t = lex.titles.match_at(norms, m, limit, clitics=False)
        if (t is not None and (t.value.role in _NAME_RANKS or _minor_title(lex, norms, m, limit))) or \
                lex.honorifics.match_at(norms, m, limit, clitics=False) is not None:  # (الشيخ، السيد)
            end = _rank_end(lex, norms, m, limit)
            named = _name_starts(lex, norms, end, limit) or (end + 1 < limit and norms[end + 1] in ("بن", "بنت"))
            return m if named else None  # (الفريق سالم بن خالد: a word-like first name before بن)
        w = norms[m]
        if not w.isalpha() or w in lex.title_words or w in lex.first_names or w in lex.particles \
                or (w in lex.function_words and not w.startswith("ال")) or _is_reporting_verb(lex, w):
            return None
    return None


def _minor_title(lex: Lexicons, norms: list[str], k: int, limit: int) -> bool:
    """A rank or honorific (اللواء، الشيخ) at ``k``: it introduces the name, it names no office of its own."""
    t = lex.titles.match_at(norms, k, limit, clitics=False)
    return t is not None and t.value.rank >= 5 and t.value.role not in _OFFICES


@lru_cache(maxsize=50_000)
def _zipf(word: str) -> float:
    try:
        import wordfreq
    except ImportError:
        return 0.0
    return wordfreq.zipf_frequency(word, "ar")


def _minor_place(lex: Lexicons, name: str) -> bool:
    """No country, capital or city of a million (those are objects after a name: زار الملك سلمان مصر)."""
    return not any(p.kind == "country" or p.capital or p.population >= 1_000_000 for p in lex.gaz.lookup(name))


def _plausible_place(tok: Token, m) -> bool:
    """Reject place names too short to trust, and clitic splits where the whole word is the likelier reading
    (وزاريا 'ministerial' is not و + Zaria; باب is not ب + Ibb)."""
    name = m.value
    if len(name.replace(" ", "")) < 3 or (m.end - m.start == 1 and tok.norm in lexicons().function_words):
        return False  # عنه 'about him' is not the town of Anah
    if m.prefix == 0 or m.end - m.start > 1:
        return True
    whole = _REMOVE.sub("", tok.text)
    stem = whole[m.prefix:]
    if name.startswith("ال") and not fold_str(stem).startswith("ال"):
        stem = "ال" + stem  # للعراق: compare with العراق
    return _zipf(whole) <= _zipf(stem) or _zipf(whole) == 0.0


def _org_at(lex: Lexicons, norms: list[str], i: int, limit: int, supported: frozenset[str]):
    """An organisation alias at ``i``; an ambiguous alias (مجلس التعاون، فتح) only for an organisation the
    document also names unambiguously, or after a head noun such as حركة or تنظيم."""
    m = lex.orgs.match_at(norms, i, limit)
    if m is None:
        a = lex.ambiguous_orgs.match_at(norms, i, limit)
        if a is not None and (a.value.id in supported or (i > 0 and norms[i - 1] in _ORG_HEADS)):
            return a
    return m


# Heads of organisations named by what they do (الهيئة العامة للإحصاء): a body head with ال, adjectives, a لـ-phrase
_DESCRIBED_HEADS = _BODY_HEADS | frozenset({"مفوضيه", "سلطه", "وكاله", "جهاز", "ديوان", "محكمه", "اكاديميه", "جبهه",
                                            "شركه", "مصلحه", "منتدي", "تجمع", "تحالف", "ائتلاف"})
# participles that describe a body's part in something (الشركة الراعية للمهرجان، الجهة المنفذة للمشروع), not its name
_ROLE_PARTICIPLES = frozenset(fold_str(w) for w in (
    "الراعية", "المنظمة", "المنفذة", "المشغلة", "المالكة", "المستضيفة", "المشرفة", "المسؤولة", "المكلفة", "المختصة",
    "المعنية", "المانحة", "المصنعة", "المستوردة", "المصدرة", "الداعمة", "المشاركة", "المستثمرة", "المطورة",
    "الناقلة", "المتابعة", "الممولة", "المعتمدة"))
_ADJECTIVES = frozenset({"العام", "المستقل", "العليا", "الدايم", "الاعلي", "الوطني", "الدولي", "الاسلامي",
                         "العربي", "الخليجي", "الاتحادي", "الملكي", "المركزي"})


def _adjective(lex: Lexicons, w: str) -> bool:
    """A definite adjective of an organisation's name: العامة، الوطنية، الأعلى، السعودية (not a title or a place)."""
    return w.startswith("ال") and len(w) > 4 and (w in _ADJECTIVES or w.endswith(("يه", "ي")) or (
        w.endswith("ه") and w[:-1] in _ADJECTIVES)) and w not in lex.title_words and w not in lex.function_words \
        and w not in _ROLE_PARTICIPLES


def _descriptive_org(lex: Lexicons, norms: list[str], i: int, limit: int) -> int:
    """End of an organisation named by its head, adjectives and a لـ-phrase at ``i`` (0 if none): الهيئة العامة
    للإحصاء، المؤسسة العامة للتأمينات الاجتماعية، الجمعية الوطنية لحقوق الإنسان، المجلس الأعلى للقضاء (not حركة:
    الحركة المرورية is traffic; movements are listed in igos.tsv)."""
    w = norms[i]
    if not w.startswith("ال") or w[2:] not in _DESCRIBED_HEADS:
        return 0
    k = i + 1
    while k < limit and k - i <= 3 and _adjective(lex, norms[k]):
        k += 1
    if k >= limit or k == i + 1:
        return 0  # at least one adjective (not الجهة المنظمة للحفل, "organising")
    c = norms[k]
    if c.startswith("لل") and len(c) > 4 and c[2:] not in lex.function_words:
        k += 1  # للإحصاء
    elif c.startswith("ل") and not c.startswith("لل") and len(c) > 3 and c[1:] in lex.common_wide \
            and c[1:] not in lex.function_words and k + 1 < limit \
            and (norms[k + 1].startswith("ال") or lex.places.match_at(norms, k + 1, limit)) \
            and norms[k + 1] not in lex.function_words:
        k += 2  # لحقوق الإنسان، لتحرير فلسطين
    else:
        return 0
    while k < limit and k - i < 8 and _adjective(lex, norms[k]):
        k += 1  # للتأمينات الاجتماعية
    return k


def _org_head(lex: Lexicons, norms: list[str], i: int):
    """The organisation head noun right before token ``i`` (its match and (kind, name_en)), if any."""
    if i == 0:
        return None
    for plen, stem in proclitic_splits(norms[i - 1]):
        info = lex.org_heads.get(stem)
        if info is not None:
            from marsad.arabic.lexicon import LexMatch

            return LexMatch(i - 1, i, plen, stem), info
    return None


def _common_city_without_cue(lex: Lexicons, norms: list[str], m) -> bool:
    """بوشر (a verb), الخبر (the news): a one-word city that is also a frequent word needs a locative cue."""
    if m.end - m.start > 1 or m.prefix:
        return False
    word = norms[m.start]
    if word not in lex.common:
        return False
    places = lex.gaz.lookup(m.value)
    if any(p.kind == "country" or p.capital or p.population >= 1_000_000 for p in places):
        return False
    return not _after_locative(lex, norms, m.start) and _org_head(lex, norms, m.start) is None


def _after_bin(lex: Lexicons, w: str) -> bool:
    """After بن "son of" a name follows, even one spelt like a conjunction + word (فوزان، وهبان)."""
    return (w not in lex.function_words and w not in lex.title_words and not lex.gaz.nationality(w)
            and all(c in _ARABIC_WORD for c in w))


def _plain(lex: Lexicons, w: str) -> bool:
    """A word with no clitic-looking prefix that is not a function word, title or nationality."""
    return (w[:1] not in "وفبلك" and w not in lex.function_words and w not in lex.title_words
            and not lex.gaz.nationality(w) and all(c in _ARABIC_WORD for c in w))


def lexicon_candidates(lex: Lexicons, tokens: tuple[Token, ...], s0: int, s1: int,
                       supported: frozenset[str] = frozenset()) -> tuple[list[Cand], list[Cand]]:
    """Mentions and title-only descriptors found in tokens ``[s0, s1)`` of one sentence."""
    norms = [t.norm for t in tokens[s0:s1]]
    limit = len(norms)
    cands: list[Cand] = []
    descriptors: list[Cand] = []
    i = 0
    while i < limit:
        w = norms[i]
        if not w[0].isalpha() or not _starts_match(w):
            i += 1
            continue
        title = lex.titles.match_at(norms, i, limit)
        if title is not None and title.end - i == 1 and w in lex.surnames and i > 0 and (
                norms[i - 1] in lex.first_names or norms[i - 1] == "الله"):
            title = None  # صالح بن عبد الله القاضي: the family name, not "the judge" of the next words
        if title is not None and title.end - i == 1 and i > 0 and norms[i - 1] in PLACE_NOUNS \
                and lex.places.match_at(norms, i, limit):
            title = None  # مدينة السفيرة: the town, not "the (woman) ambassador"
        if title is not None and title.value.role == "الوالي" and "إ" in tokens[s0 + i].text:
            title = None  # وإلى (and to) folds like والي (governor)
        if title is None and i + 1 < limit and _is_reporting_verb(lex, w):
            b = _name_after_verb(lex, norms, i + 1, limit)
            if b > i + 1:  # وقال الخيالي هاتفيا: a rare name-like word as the subject of a reporting verb
                cands.append(Cand(s0 + i + 1, s0 + b, 0, "PER", source="subject"))
                i = b
                continue
        if title:
            role, t0 = title.value.role, i
            deputy = _DEPUTIES.get(norms[i - 1]) if i > 0 and role and not (
                i > 1 and lex.particles.get(norms[i - 2]) == "link") else None  # (ثامر بن مساعد أمير المنطقة)
            if deputy and not role.startswith(deputy):
                # نائب وزير الخارجية is not the minister (a deputy after و starts a new person: no apposition)
                role, t0 = f"{deputy} {role}", i - 1 if norms[i - 1][0] != "و" else i
            a, b, country, affil, complement = _person_after_title(lex, norms, title.end, limit, supported)
            if role in CONSTRUCT_TITLES or (role == "المستشار" and not w.startswith("ال")):
                # مدير مكتب جلالة الملك علاء …، مستشار الرئيس: the king's is the title governed, not the holder's
                inner = next((t for k in range(title.end, a) if (t := lex.titles.match_at(norms, k, a, clitics=False))
                              and t.value.role and t.value.rank < 9), None)
                if inner is not None:
                    role = f"{'مستشار' if role == 'المستشار' else role} {inner.value.role}"
            if b - a == 1 and norms[a] not in lex.first_names and _never_a_person(norms[a], norms[a]):
                b = a  # مدير عام الجوازات، زعيم الانقلابيين، الفريق سيواصل: the word after the title is no name
            if a == title.end and title.end - i >= 2 and not norms[title.end - 1].startswith("ال") \
                    and country is None and affil is None and not w.startswith("ال"):
                b = a  # وزير خارجية قط بهمته: a construct title (وزير خارجية، رئيس وزراء) names a country first
            if b > a and norms[a] == "علي" and tokens[s0 + a].text.endswith("ى"):
                b = a  # (المدير) على ثلثي …: the preposition, written with ى, is not the name علي
            if role == "رئيس" and b > a and title.end < limit and norms[title.end] == _REPUBLIC:
                role = "الرئيس"  # رئيس جمهورية العراق عبد اللطيف …: the head of state
            rank = _body_before_rank(lex, norms, title.end, limit) if b > a and role in _GENERIC_HEADS and not \
                _body_word(norms[title.end]) else None
            if rank is not None and rank < a:  # رئيس الأمن العام (الفريق …): the office with the body it heads
                role = " ".join([_GENERIC_HEADS[role], *(tokens[s0 + m].text for m in range(title.end, rank))])
            elif b > a and role in _GENERIC_HEADS and a > title.end and _body_word(norms[title.end]):
                role = f"{_GENERIC_HEADS[role]} {tokens[s0 + title.end].text}"  # رئيس الديوان، مدير جمعية
            if affil:
                org = _org_at(lex, norms, title.end, limit, supported)
                if org is None:
                    for k in range(title.end, a):
                        org = _org_at(lex, norms, k, limit, supported)
                        if org:
                            break
                if org:
                    cands.append(Cand(s0 + org.start, s0 + org.end, org.prefix, "ORG", "igo:" + org.value.id, org.value))
                    head = _GENERIC_HEADS.get(title.value.role)
                    if head and org.start == title.end and not org.prefix:
                        # رئيس المجلس الأوروبي أنطونيو كوستا: the body he heads is in the office
                        role = " ".join([head, *(tokens[s0 + m].text for m in range(org.start, org.end))])
            if not affil:  # رئيس جهاز المخابرات المصرية اللواء …، مسؤول في الخارجية العمانية: the body stays a mention
                cands.extend(_complement_mentions(lex, tokens, norms, s0, title.end, a, supported))
            head = _org_head(lex, norms, i) if b > a else None
            if head is not None:  # جامعة الملك سعود، حديقة الملك فهد: named after the king, not the king
                h = head[0]
                cands.append(Cand(s0 + h.start, s0 + b, h.prefix, "ORG", None, " ".join(norms[i:b]),
                                  extra={"org_kind": head[1][0]}))
                i = b
                continue
            if b > a and complement:
                # مدير الفرع خالد عيد النويصر: after the office's complement the tagger reads the name better; the
                # lexicon's reading is kept for when it finds none (_titles_onto_tagged_names)
                descriptors.append(Cand(s0 + t0, s0 + a, title.prefix if t0 == i else 0, "PER", None, None,
                                        role=role, country=country, affiliation=affil, source="descriptor",
                                        extra={"name": (s0 + a, s0 + b), "complement": True}))
                i = b
                continue
            if b > a:
                cands.append(Cand(s0 + a, s0 + b, 0, "PER", None, None, role=role,
                                  country=country, affiliation=affil, extra={"title_start": s0 + t0}))
                i = b
                continue
            if title.value.rank < 9:
                # أمير قطر، ملك الأردن: the country's own ruler (a construct), not any prince of unknown country
                place = lex.places.match_at(norms, title.end, limit) if country is not None else None
                ruled = lex.gaz.resolve(place.value) if place is not None else None
                construct = ruled is not None and ruled.kind == "country"
                descriptors.append(Cand(s0 + t0, s0 + a, title.prefix if t0 == i else 0, "PER", None, None,
                                        role=role, country=country, affiliation=affil, source="descriptor",
                                        extra={"construct": True} if construct else {"complement": True}
                                        if complement else {}))
            i = max(a, title.end)
            continue
        person = lex.people.match_at(norms, i, limit)
        if person and person.end - person.start >= 2:
            cands.append(Cand(s0 + i, s0 + person.end, person.prefix, "PER", source="known"))
            i = person.end
            continue
        org = _org_at(lex, norms, i, limit, supported)
        place = lex.places.match_at(norms, i, limit)
        if org and (place is None or org.end >= place.end):
            cands.append(Cand(s0 + i, s0 + org.end, org.prefix, "ORG", "igo:" + org.value.id, org.value))
            i = org.end
            continue
        body = _descriptive_org(lex, norms, i, limit) if org is None else 0
        if body:  # الهيئة العامة للإحصاء، المجلس الأعلى للقضاء، الحركة الشعبية لتحرير السودان
            cands.append(Cand(s0 + i, s0 + body, 0, "ORG"))
            i = body
            continue
        inst = lex.institutions.match_at(norms, i, limit)
        if inst:
            nat = lex.nationality(norms[inst.end]) if inst.end < limit else None
            if nat:
                cands.append(_inst_cand(s0, i, inst.end + 1, inst, nat))
                i = inst.end + 1
                continue
            if " " in inst.value.phrase:
                # وزارة الصحة في غزة: the ministry of the place named after it; أعلنت وزارة الداخلية: the country's
                # own (whose: _home_institutions)
                cands.append(_inst_cand(s0, i, inst.end, inst, _place_after_in(lex, norms, inst.end, limit)))
                i = inst.end
                continue
        if place and place.end - place.start == 1 and (_taa_mismatch(lex, tokens[s0 + i], place.value)
                                                        or _place_idiom(w, norms[i + 1] if i + 1 < limit else "")):
            place = None
        if place and i > 0 and place.end - i == 1 and not place.prefix and norms[i - 1] in lex.first_names \
                and not _after_locative(lex, norms, i - 1) and _minor_place(lex, place.value):
            place = None  # حارس الهلال ياسين بونو: a town's name right after a first name is a family name
        if place and i > 0 and norms[i - 1] in _FACILITIES and place.end - i == 1 and not place.prefix \
                and _minor_place(lex, place.value):
            place = None  # قصر الحسينية، شارع الحمراء: the palace's or street's name, not the town's
        if place and _plausible_place(tokens[s0 + i], place) and not _common_city_without_cue(lex, norms, place):
            head = _org_head(lex, norms, i)
            if head is not None:  # جامعة أكسفورد البريطانية: an organisation named after a place
                end = place.end + (1 if place.end < limit and lex.nationality(norms[place.end]) else 0)
                h = head[0]
                cands.append(Cand(s0 + h.start, s0 + end, h.prefix, "ORG", None, place.value,
                                  extra={"org_kind": head[1][0]}))
                i = end
                continue
            cands.append(Cand(s0 + i, s0 + place.end, place.prefix, "LOC", None, place.value))
            i = place.end
            continue
        i += 1
    return cands, descriptors


def _inst_cand(s0: int, start: int, end: int, inst, country: str | None) -> Cand:
    """An institution's mention (وزارة الداخلية الأردنية، الدفاع المدني) keyed by kind, country (if known) and name."""
    key = f"inst:{inst.value.kind}:{country or ''}:{inst.value.name_en}"
    return Cand(s0 + start, s0 + end, inst.prefix, "ORG", key, inst.value, country=country)


def _place_after_in(lex: Lexicons, norms: list[str], k: int, limit: int) -> str | None:
    """The country of a place named right after في at ``k`` (وزارة الصحة في غزة، السفارة الأمريكية في بغداد)."""
    if k + 1 >= limit or norms[k] != "في":
        return None
    place = lex.places.match_at(norms, k + 1, limit)
    p = lex.gaz.resolve(place.value if place is not None and not place.prefix else norms[k + 1])
    if p is None or not p.iso3 or (place is None and p.kind != "country" and p.population < 100_000):
        return None  # (في بيان: a statement, not a village of that name)
    return p.iso3


def _prepositional_noun(lex: Lexicons, w: str) -> bool:
    """بـ/لـ on a common noun (للصندوق، بأقسام): no name starts there (but براين، باولو are names). Wider than
    _preposition_on_noun, which asks only whether a word after a name is ل + a frequent noun (لإذاعة محلية)."""
    if w[:1] not in "بل" or w in lex.first_names or _person_word(w):
        return False
    if w.startswith("لل"):  # للصندوق، للمنظمة، للفريق: ل + the article on a common noun
        return w[2:] in lex.common_wide and w[2:] not in lex.first_names
    stem = w[1:]  # لشركة، بجمهورية، لفندق: a body's or a place's head (not لمايك، لامين: to Mike, Lamine)
    head = stem[2:] if stem.startswith("ال") else stem
    return head in _DESCRIBED_HEADS or head in _TITLE_BODIES or head in lex.org_heads or head in _PLACE_HEADS


def _name_starts(lex: Lexicons, norms: list[str], k: int, limit: int) -> bool:
    """A first name, or a name-like word without the article, at ``k``."""
    return k < limit and (norms[k] in lex.first_names or (not norms[k].startswith("ال") and (
        lex.is_name_like(norms[k], True) or (  # صفاء مسيحلي: a first name spelt like a word, a rare name after it
            _bare_word(lex, norms[k]) and k + 1 < limit and not norms[k + 1].startswith(("ب", "ل", "و")) and (
                norms[k + 1] in lex.surnames or (norms[k + 1] not in lex.common_wide
                                                 and lex.is_name_like(norms[k + 1], False)))))))


def _anaphor_head(lex: Lexicons, w: str) -> bool:
    """A definite head noun that refers back to a body (المنظمة، الجبهة، الوزارة، الحركة)."""
    return w.startswith("ال") and (w in lex.anaphors or w[2:] in _DESCRIBED_HEADS or w[2:] in _ORG_HEADS)


def _complement_mentions(lex: Lexicons, tokens, norms: list[str], s0: int, lo: int, hi: int,
                         supported: frozenset[str]) -> list[Cand]:
    """The organisations and places in a title's complement, between the title and the name (مدير الإعلام بالاتحاد
    الأردني لكرة السلة سامي عواد): mentions of their own."""
    out = []
    k = lo
    while k < hi:
        org = _org_at(lex, norms, k, hi, supported)
        if org is not None:
            out.append(Cand(s0 + k, s0 + org.end, org.prefix, "ORG", "igo:" + org.value.id, org.value))
            k = org.end
            continue
        body = _descriptive_org(lex, norms, k, hi)
        if body:
            out.append(Cand(s0 + k, s0 + body, 0, "ORG"))
            k = body
            continue
        inst = lex.institutions.match_at(norms, k, hi)
        nat = lex.nationality(norms[inst.end]) if inst is not None and inst.end < hi else None
        if nat:
            out.append(_inst_cand(s0, k, inst.end + 1, inst, nat))
            k = inst.end + 1
            continue
        if inst is not None and " " in inst.value.phrase:  # رئيس الأمن العام الفريق …: the country's own (as in _scan)
            out.append(_inst_cand(s0, k, inst.end, inst, None))
            k = inst.end
            continue
        place = lex.places.match_at(norms, k, hi)
        if place is not None and _plausible_place(tokens[s0 + k], place):
            out.append(Cand(s0 + k, s0 + place.end, place.prefix, "LOC", None, place.value))
            k = place.end
            continue
        g = _city_after_head(lex, norms, k)
        if g is not None:
            out.append(Cand(s0 + k, s0 + k + 1, 0, "LOC", None, norms[k]))  # أمير منطقة حائل (GeoNames)
        k += 1
    return out


def _char_offset(tok: Token, folded_prefix: int) -> int:
    """Original offset after ``folded_prefix`` letters of ``tok`` (skipping diacritics the fold removed)."""
    if folded_prefix == 0:
        return tok.start
    seen = 0
    for i, ch in enumerate(tok.text):
        if seen == folded_prefix:
            return tok.start + i
        if not _REMOVE.match(ch):
            seen += 1
    return tok.end


# ---------------------------------------------------------------- the trained tagger
@lru_cache(maxsize=1)
def _tagger():
    """The committed NER model, loaded once per process; None if this install has no model."""
    try:
        from marsad.models.ner.tagger import NerTagger
    except ImportError:
        log.warning("NER tagger module not available; entities come from lexicons only")
        return None
    try:
        return NerTagger.load()
    except FileNotFoundError as exc:  # a source checkout without the model file
        log.warning("NER model missing (%s); entities come from lexicons only", exc)
        return None


_TYPE = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}


# Words before a title that make its holder a deputy (نائب وزير الخارجية، مساعد وزير الدفاع، وكيل وزارة): the role
# keeps them.
DEPUTY_WORDS = ("نائب", "مساعد", "وكيل")
# Titles whose complement is another office holder (مدير مكتب الملك، رئيس ديوان ولي العهد): the role names both.
CONSTRUCT_TITLES = frozenset(("مدير مكتب", "رئيس ديوان"))
_DEPUTIES = {fold_str(c + w): w for w in DEPUTY_WORDS for c in ("", "و")}
_COMPASS = frozenset(fold_str(w) for w in ("شمال", "جنوب", "شرق", "غرب", "وسط", "شمالي", "جنوبي", "شرقي", "غربي"))
_OATHS = frozenset(("والله", "بالله", "تالله", "فوالله"))
# The first word of a blessing after a name (رضي الله عنه، طيب الله ثراه، رحمه الله، حفظه الله): it ends the name
_BLESSINGS = frozenset(fold_str(w) for w in ("رضي", "طيب", "رحمه", "رحمها", "حفظه", "يحفظه", "حفظها", "يرحمه"))
_FOREIGN_LINKS = frozenset(("دي", "دو", "دا", "فان", "فون", "ديل", "دل"))  # de, do, da, van, von, del


NAME_NEXT_SHARE = 0.25  # a word the NER model's first stage tagged as a person this often in SaudiNewsNet …
NAME_NEXT_MIN = 5       # … over at least this many occurrences continues a name the tagger stopped before


def _preposition_on_noun(lex: Lexicons, w: str) -> bool:
    """لإذاعة، لصحيفة، لوكالة: ل + a frequent noun of four letters or more (not ليون، لويس، لطفي)."""
    return w[:1] == "ل" and len(w) >= 5 and w[1:] in lex.common


def _name_word_next(lex: Lexicons, w: str) -> bool:
    """Does word ``w`` after a person's name continue it? A word news mostly writes inside names (حسني، سامي،
    عادل، مورينيو), that is no title, function word, reporting verb, nationality or coordinated word."""
    if len(w) < 3 or not w.isalpha() or w in lex.function_words or w in lex.title_words \
            or w in lex.reporting or lex.nationality(w) or w in lex.particles:
        return False
    if w[0] == "و":  # a conjunction starts a new phrase, unless news mostly writes the word inside names (ويليامز)
        c = _name_counts(w)  # (not و + a name: رونالدو وبنزيمة، القرشي وفؤاد are two people)
        return c is not None and c[0] >= NAME_NEXT_MIN and c[2] >= NAME_NEXT_SHARE * c[0] \
            and not _person_word(w[1:]) and w[1:] not in lex.given_names
    if w[0] == "ل" and (_preposition_on_noun(lex, w) or _corpus_count(w[1:]) > 5 * _corpus_count(w)):
        return False  # لإيواء، لإذاعة (قال X لإذاعة محلية): a preposition on a word, not a name
    return _person_word(w)


FAMILY_AFTER_BIN_SHARE = 0.1  # an ال-word inside names this often (I-PER) ends a بن-name (سالم بن ناصر الصباح)


def _family_name(lex: Lexicons, w: str) -> bool:
    """A family name after a بن-pair: continuing persons' names in at least a tenth of its SaudiNewsNet
    occurrences with the article (الصباح، الخليفة; not الماضي، السابق), a quarter without (طاهر), and no title,
    modifier, function word or nationality."""
    if not w.isalpha() or w[0] == "و" or w in lex.particles or w in lex.function_words or w in lex.title_words \
            or w in lex.modifiers or lex.nationality(w) or _preposition_on_noun(lex, w):
        return False
    c = _name_counts(w)
    share = FAMILY_AFTER_BIN_SHARE if w.startswith("ال") else NAME_NEXT_SHARE  # طاهر: a quarter, without ال
    return c is not None and c[0] >= NAME_NEXT_MIN and c[2] >= share * c[0]


NEVER_PERSON_MIN = 15     # a word seen this often in SaudiNewsNet …
NEVER_PERSON_SHARE = 0.1  # … and tagged as (part of) a person less often than this is no one-word name


def _never_a_person(word: str, head: str) -> bool:
    """The NER model's first stage, over all of SaudiNewsNet, (almost) never tagged this frequent word as a person."""
    from marsad.models.ner.clusters import cluster_key

    key = cluster_key(head)
    if (_corpus_count(key) or _corpus_count(word)) < NEVER_PERSON_MIN:
        return False
    c = _name_counts(key) or _name_counts(word)
    return c is None or c[1] + c[2] < NEVER_PERSON_SHARE * c[0]


def _corpus_count(w: str) -> int:
    """How often SaudiNewsNet has the word (0 when under the table's floor)."""
    from marsad.models.ner.tagger import DISTRIB_FILE, committed_counts

    return (committed_counts(DISTRIB_FILE).get(w) or (0,))[0]


def _name_counts(w: str) -> tuple[int, ...] | None:
    """How often the NER model's first stage tagged the word in SaudiNewsNet: (n, B-PER, I-PER, B-LOC, …), or None
    for a word it never tagged (or saw under twice)."""
    from marsad.models.ner.tagger import AUTOGAZ_FILE, committed_counts

    return committed_counts(AUTOGAZ_FILE).get(w)


def person_share(w: str) -> float:
    """The share of the word's SaudiNewsNet occurrences that the NER model's first stage tagged as (part of) a
    person."""
    c = _name_counts(w)
    return (c[1] + c[2]) / c[0] if c and c[0] else 0.0


def _spared_surname(lex: Lexicons, toks, a: int, k: int) -> bool:
    """A common word ending a person's span that stays (منى [بدير]): news writes it inside names, it is no particle
    (بن، أبو، ولد) and no و + word, and the span opens with a first name or a word news writes in names."""
    w = toks[k].norm
    return (_person_word(w) and w not in lex.particles and w[0] != "و" and w not in lex.function_words
            and (toks[a].norm in lex.first_names or _person_word(toks[a].norm)))


def _before_blessing(toks, a: int, b: int) -> int:
    """The end of span ``a..b`` cut before a blessing (رضي الله عنه، طيب الله ثراه، رحمه الله)."""
    return next((k for k in range(a + 1, b) if toks[k].norm in _BLESSINGS and k + 1 < len(toks)
                 and toks[k + 1].norm == "الله"), b)


def _rare_surname(lex: Lexicons, w: str) -> bool:
    """A word after a lone first name that is the family name: seldom seen in SaudiNewsNet, not among its 20,000
    commonest words, and no clitic-free form of it (بالانسحاب، سيعلن، للصحافيين) among the 50,000 commonest."""
    c = _name_counts(w)
    return (len(w) >= 3 and w.isalpha() and (c is None or c[0] < NAME_NEXT_MIN) and w not in lex.title_words
            and not w.startswith(("و", "ال"))  # (صالح وزمرته، صالح الانقلابية: a conjunct, an adjective)
            and not lex.nationality(w) and not _participle_of_manner(lex, w)
            and w not in lex.common and not (w[0] in "سي" and w[1:] in lex.common_wide)
            and not any(w.endswith(p) and w[:-len(p)] in lex.common_wide for p in ("ه", "ها", "هم", "ك"))  # فخره
            and not any(stem in lex.common_wide or stem in lex.function_words for _, stem in proclitic_splits(w)[1:]))


def _person_word(w: str) -> bool:
    """Mostly written inside persons' names in SaudiNewsNet, by the NER model's first stage (يطوقون، تدعى are not:
    a name the tagger started on such a word is not continued)."""
    c = _name_counts(w)
    return c is not None and c[0] >= NAME_NEXT_MIN and c[1] + c[2] >= NAME_NEXT_SHARE * c[0]


def _strip_clitic(lex: Lexicons, word: str) -> int:
    """Proclitic letters to drop from a tagged token: وستولتينبرغ -> و, بالعراق -> ب."""
    if word in lex.first_names:
        return 0
    if word[0] in "وبل" and (word[1:] in lex.first_names or (word[0] == "و" and word[1:] in lex.particles)):
        return 1  # ومحمد، وأبو، لحسين: frequent enough as whole words to be "common", still a clitic + a name
    if word[0] in "بل" and word[1:] in lex.org_heads:
        return 1  # بجامعة حائل (frequent as a whole word): the organisation starts after the preposition
    if word.startswith("لل") and len(word) > 4:
        return 1  # للأهلي: ل + الأهلي (the linker restores the article)
    if word in lex.common:
        return 0
    for plen in (2, 1):  # لأوباما، بأوباما، وبكلينتون: a preposition on a name news knows (and writes far more
        stem = word[plen:]  # often without it)
        if (len(stem) > 3 and word[plen - 1] in "بل" and all(c in "وف" for c in word[:plen - 1])
                and not stem.startswith("ل") and _person_word(stem) and _corpus_count(stem) > 5 * _corpus_count(word)):
            return plen
    for plen, stem in proclitic_splits(word)[1:]:
        if stem.startswith("ال") and word[plen:].startswith("ال"):
            return plen
        if word[0] in "وف" and plen == 1 and (stem in lex.first_names or (word[0] == "و" and lex.is_name_like(
                stem, True)) or _zipf(stem) > _zipf(word)):  # وماثيو: و + a known name (many names start with
            return 1  # ف: فتاح، فيدان; ف + an unknown word is more often one of them)
    return 0


def tagger_candidates(lex: Lexicons, doc: Document, taken: set[int], described: frozenset[int] = frozenset(),
                      titled: dict[int, Cand] | None = None, name_words: frozenset[str] = frozenset()) -> list[Cand]:
    """The trained tagger's spans over the tokens the lexicons left (``taken``); a person's span may start inside a
    title descriptor (``described`` tokens), whose tokens it then leaves. A person the lexicon read after a title
    (``titled``, by start token) is extended to where the tagger's span over it ends. ``name_words``: words the
    document writes inside persons' names after their first word (the lexicons' finds), kept whole."""
    tagger = _tagger()
    if tagger is None:
        return []
    out: list[Cand] = []
    toks = doc.tokens
    spans = tagger.tag_doc_tokens(doc)
    # a word met after a first name elsewhere in the document is a family name, not a clitic + a word: وقال فيدان
    # after هاكان فيدان is not ف + يدان
    name_words = name_words | {toks[k].norm for typ, a, b in spans if typ == "PER" for k in range(a + 1, b)}
    for typ, a, b in spans:
        typ = _TYPE.get(typ, typ)
        if typ == "PER" and a in described:
            while a < b and a in described:
                a += 1  # المرصد رامي عبد الرحمن after مدير: the descriptor holds the office's complement
        if any(k in taken for k in range(a, b)):
            b = _before_blessing(toks, a, b)  # الملك عبدالعزيز [طيب الله ثراه]
            c = titled.get(a) if titled and typ == "PER" else None
            if c is not None and b > c.end and not any(k in taken for k in range(c.end, b)):
                while b > c.end and not _tail_of_name(lex, toks[b - 1].norm, toks[b - 2].norm):
                    b -= 1
                if b > c.end and toks[b - 1].norm == "ال":
                    b -= 1
                taken.update(range(c.end, b))
                c.end = b  # الرائد عبد الرحمن [البركة]، محمد [الخميس]: a family name that is also a word
            continue
        # Trim what the tagger lets spill over: function words, punctuation, and for people common words
        # after the name (يوسف يروي لي، المالكي سابقا).
        while b > a and (not toks[b - 1].norm[:1].isalpha() or toks[b - 1].norm in lex.function_words
                         or (typ == "PER" and b - a > 1 and toks[b - 1].norm in lex.common_wide
                             and toks[b - 1].norm not in lex.first_names and not toks[b - 1].norm.startswith("ال")
                             and not _spared_surname(lex, toks, a, b - 1))
                         or (typ == "PER" and b - a > 1 and _preposition_on_noun(lex, toks[b - 1].norm))):
            b -= 1
        while a < b and (not toks[a].norm[:1].isalpha() or toks[a].norm in _OATHS):
            a += 1  # '، فالمطلع', 'والله الهادي': punctuation or an oath opens no name
        while typ == "PER" and b - a > 1 and _prepositional_noun(lex, toks[a].norm):
            a += 1  # المديرة العامة [للصندوق] كريستالينا جورجيفا: a preposition on a noun opens no name
        if typ == "LOC" and any(toks[k].norm in _STREETS for k in range(max(0, a - 2), a)):
            continue  # شارع الحبيب بورقيبة: a street's name, not a place (but حي الروضة is a district)
        if typ == "LOC" and b - a == 1 and a > 0 and toks[a - 1].norm in _TERMS and toks[a].norm.endswith(("يه", "ي")) \
                and toks[a].norm in lex.common_wide and not lex.gaz.lookup(toks[a].norm):
            continue  # ولاية رئاسية ثانية: an adjective after ولاية "term of office", not a province
        if (typ == "PER" and b < len(toks) and toks[b - 1].norm in _FOREIGN_LINKS and toks[b].norm[:1].isalpha()
                and toks[b].norm not in lex.function_words):
            b += 1  # دي ماريا، فان خال: the tagger stopped at the particle of a foreign name
        elif (typ == "PER" and b + 1 < len(toks) and toks[b].norm in _FOREIGN_LINKS and toks[b + 1].norm[:1].isalpha()
              and toks[b + 1].norm not in lex.function_words):
            b += 2  # لويس [فان خال]: or before it
        elif (typ == "PER" and b - a >= 3 and b < len(toks) and b not in taken
              and lex.particles.get(toks[b - 2].norm) == "link" and _family_name(lex, toks[b].norm)):
            b += 1  # سالم بن ناصر [الصباح]
        elif (typ == "PER" and b - a <= 2 and b < len(toks) and b not in taken and _name_word_next(lex, toks[b].norm)
              and (toks[b - 1].norm in lex.first_names or _person_word(toks[b - 1].norm))):
            b += 1  # تامر [حسني]، غادة [عادل]: the tagger stopped before a second name that is also a common word
        elif (typ == "PER" and b - a == 1 and b < len(toks) and b not in taken and toks[a].norm in lex.first_names
              and _rare_surname(lex, toks[b].norm)):
            b += 1  # ديفيد [سيمز]، جاري [مونك]: a rare word after a first name is the family name news seldom prints
        elif (typ == "PER" and b - a == 1 and b < len(toks) and b not in taken and toks[a].norm in lex.first_names
              and toks[b].norm[:1].isalpha() and lex.gaz.lookup(toks[b].norm) and _minor_place(lex, toks[b].norm)):
            b += 1  # ياسين [بونو]: a town's name after a first name is the family name (see lexicon_candidates)
        b = _before_blessing(toks, a, b)  # أبو بكر [رضي الله عنه]: a blessing, not the name
        if b <= a:
            continue
        latin = [t.text.isascii() and t.text[:1].isalpha() for t in toks[a:b]]
        if all(latin) and not any(t.text[:1].isupper() for t in toks[a:b]):
            continue  # status quo, one size fits all: an English phrase in lower case names nothing
        while any(latin) and latin[0] and not all(latin):
            a += 1  # 'Next Previous صقر خالد': links of a web page before an Arabic name
            latin.pop(0)
        if typ == "PER" and a > 0 and toks[a - 1].text == "علي" and toks[a].norm in lex.first_names:
            a -= 1  # للمخلوع علي عبدالله صالح: written with a dotted ي, علي is the name, not the preposition على
        tok = toks[a]
        prefix = _strip_clitic(lex, tok.norm)
        if prefix == 1 and typ == "PER" and tok.norm[0] == "ف" and tok.norm in name_words \
                and tok.norm[1:] not in lex.surnames and not lex.people.match_at([tok.norm[1:]], 0, 1):
            prefix = 0  # (فخامنئي: ف + a name the lexicons know)
        if typ == "LOC" and not prefix and tok.norm[:1] in "بلو" and len(tok.norm) > 3 \
                and lex.gaz.lookup(tok.norm[1:]) and not lex.gaz.lookup(tok.norm):
            prefix = 1  # بجازان، بينبع، ببريدة: a preposition on a town the gazetteer knows
        head = tok.norm[prefix:]
        if typ == "PER" and b - a == 1 and prefix == 1 and tok.norm[0] == "و" and b < len(toks) \
                and _anaphor_head(lex, toks[b].norm):
            continue  # وعزت الشركة التراجع: و + a verb (عزا) before its subject, not the name عزت
        if typ == "PER" and b - a == 1 and (head in lex.function_words or tok.norm in lex.reporting
                                             or head in lex.particles or (
                head.startswith("ال") and not head.endswith("ي") and head in lex.common_wide)):
            continue  # a frequent noun (المجندين، المتجول) is not a name on the tagger's word alone
        if typ == "PER" and b - a == 1 and head not in lex.first_names and not (
                a > 0 and _is_reporting_verb(lex, toks[a - 1].norm)) and _never_a_person(tok.norm, head):
            continue  # الجوازات، الدولي، تعالى، وأردف: frequent in news and (almost) never part of a name there
            # (but وقالت بريم: right after a reporting verb it is the speaker's name)
        if typ == "PER" and b - a == 1 and b < len(toks) and head not in lex.first_names and _title_at(lex, toks, b):
            continue  # دان وزير الخارجية ...: a verb before a title, whose name follows the title
        last = head if b - a == 1 else toks[b - 1].norm
        if any(stem in lex.common for _, stem in enclitic_splits(last)[1:]) and not last.endswith("ي") \
                and last not in lex.first_names and last not in lex.surnames:
            continue  # بيانه، قواتها، نقل تحياته: a common noun with a pronoun attached ends no name
        if b - a == 1 and (head in _month_names() or (
                a >= 2 and toks[a - 1].norm == "(" and toks[a - 2].norm in _month_names(True))):
            continue  # أبريل، ابريل (نيسان): a month (its second name in brackets), not Nissan
        if typ == "MISC" and b - a == 1 and (head in lex.common or _currency(head)):
            continue  # دولار، الإرهاب، ريالا: the tagger's MISC on one frequent word is noise more often than not
        nat = lex.nationality(head) if typ == "PER" and b - a > 1 and head.startswith("ال") else None
        if nat:  # المدير الفني الروماني لاسزلو بولوني: the nationality is the person's country, not their name
            a, tok, prefix = a + 1, toks[a + 1], 0
            head = tok.norm
        named_after = _org_head(lex, [t.norm for t in toks[max(0, a - 1):a]], 1 if a else 0) if typ == "PER" else None
        if named_after is not None:  # مسجد الشافعي، مستشفى سليمان الحبيب: a place named after a person
            out.append(Cand(a - 1, b, named_after[0].prefix, "ORG", source="ner",
                            extra={"org_kind": named_after[1][0]}, payload=" ".join(t.norm for t in toks[a:b])))
            continue
        if b - a == 1 and prefix and _zipf(_REMOVE.sub("", tok.text)) > _zipf(_REMOVE.sub("", tok.text)[prefix:]):
            continue  # وزاريا 'ministerial' read as و + a town: the whole word is the likelier reading
        if typ == "LOC" and b - a == 1 and (_taa_mismatch(lex, tok, head) or _place_idiom(
                tok.norm, toks[b].norm if b < len(toks) else "") or (
                head in lex.risky_places and not any(p.kind == "country" for p in lex.gaz.lookup(head))
                and not (a > 0 and _after_locative(lex, (toks[a - 1].norm,), 1)))):
            continue  # مبالغ مالية (not Malé), مشهد وداع (a scene, not Mashhad): no place without a cue
        if typ == "LOC" and b - a == 1 and head in _COMPASS:
            continue  # جنوب حلب: a direction in the construct state names no place by itself
        c = Cand(a, b, prefix, typ, source="ner", country=nat)
        if typ == "LOC":
            c.payload = " ".join([head] + [toks[k].norm for k in range(a + 1, b)])
        out.append(c)
    return out


@lru_cache(maxsize=200_000)
def _starts_match(word: str) -> bool:
    """Could a lexicon phrase start at this word (after clitics)? Most words cannot; cached per word form."""
    starters = lexicons().starters
    return any(stem in starters for _, stem in lexicon_splits(word))


def _is_reporting_verb(lex: Lexicons, word: str) -> bool:
    return any(stem in lex.reporting_verbs for _, stem in proclitic_splits(word))


def _name_after_verb(lex: Lexicons, norms: list[str], j: int, limit: int) -> int:
    """End of a person's name right after a reporting verb, or ``j`` when the next word is not clearly one.

    Stricter than after a title: the first word must be rare even among the 50,000 most frequent words, and
    no lexicon phrase may start there."""
    w = norms[j]
    if _starts_match(w) or w in lex.common_wide or not lex.is_name_like(w, first=True) or w[:1] in "وفبلك":
        return j
    k = j + 1
    while k < limit and k - j < 3 and lex.is_name_like(norms[k], first=False) and not _starts_match(norms[k]):
        k += 1
    return k


def _scan(lex: Lexicons, toks: tuple[Token, ...], supported: frozenset[str]) -> tuple[list[Cand], list[Cand]]:
    cands: list[Cand] = []
    descriptors: list[Cand] = []
    i = 0
    n = len(toks)
    while i < n:
        j = i
        s = toks[i].sentence
        while j < n and toks[j].sentence == s:
            j += 1
        c, d = lexicon_candidates(lex, toks, i, j, supported)
        cands.extend(c)
        descriptors.extend(d)
        i = j
    return cands, descriptors


def _titles_onto_tagged_names(lex: Lexicons, toks, cands: list[Cand], descriptors: list[Cand]) -> list[Cand]:
    """وقال الوزير سامي النجار: a title whose name the lexicon could not read (سامي is also a common word) gives its
    role and country to the person the tagger found right after it; it is then no separate descriptor."""
    people = {c.start: c for c in cands if c.type == "PER" and c.source == "ner" and c.role is None}
    taken = {k for c in cands for k in range(c.start, c.end)}
    kept = []
    for d in descriptors:
        c = people.get(d.end)
        if c is None and d.end + 1 in people and d.end < len(toks) and _person_word(toks[d.end].norm) \
                and toks[d.end].norm not in lex.particles and not _prepositional_noun(lex, toks[d.end].norm):
            c = people[d.end + 1]  # المتحدثة باسم الخارجية كارين [جونسون]: the tagger missed the first name
            c.start = d.end
        if c is None and "name" in d.extra and not any(k in taken for k in range(*d.extra["name"])):
            c = Cand(*d.extra["name"], 0, "PER")  # the tagger found no name there: the lexicon's reading
            cands.append(c)
        if c is None:
            kept.append(d)
        else:
            _take_title(c, d)
    return kept


def _take_title(c: Cand, d: Cand) -> None:
    """The descriptor's role, and its country and organisation where the person has none, go to the person."""
    c.role = d.role
    c.country = c.country or d.country
    c.affiliation = c.affiliation or d.affiliation


_RANKS = frozenset({"الأمير", "الأميرة", "الشيخ", "الدكتور", "المهندس", "السيد"})  # who someone is, not their office
# …and the judges' honorific: المستشار محمد فهمي، رئيس المحكمة: the office named after the name is the role
_HONOURS = _RANKS | {"المستشار"}


def _appositive_titles(toks, cands: list[Cand], descriptors: list[Cand]) -> None:
    """الأمير نواف بن سلمان أمير منطقة الجوف، الدكتور خالد العنقري مدير الجامعة: the office named right after a
    person is their role when they had none or only a rank (الأمير، الدكتور); the descriptor then refers to them."""
    by_start = {d.start: d for d in descriptors}
    for c in cands:
        if c.type != "PER":
            continue
        j = c.end + (1 if c.end < len(toks) and toks[c.end].norm in ("،", ",") else 0)
        d = by_start.get(j)
        if d is None or not d.role or d.role in _RANKS or (c.role and c.role not in _HONOURS) or d.end - d.start < 2 \
                or (d.prefix and toks[d.start].norm.startswith("و")):  # (، وسفيرة الولايات المتحدة: someone else)
            continue  # (a one-word "title" right after a name is more often a family name: الدكتور ... السلطان)
        _take_title(c, d)


def _appointed(lex: Lexicons, toks, cands: list[Cand]) -> None:
    """تعيين الأمير X وزيرا للداخلية، عين X رئيسا لمجلس الإدارة: the office in the accusative after a person's name,
    with its ل-complement, is their role when the title list knows it and they had none or only a rank."""
    for c in cands:
        if c.type != "PER" or (c.role and c.role not in _HONOURS) or c.end + 1 >= len(toks):
            continue
        w, nxt = toks[c.end].norm, toks[c.end + 1].norm
        if len(w) < 4 or not w.endswith("ا") or not nxt.startswith("ل") or len(nxt) < 4:
            continue
        words = [w[:-1], "ال" + nxt[2:] if nxt.startswith("لل") else nxt[1:]]
        words += [t.norm for t in toks[c.end + 2:c.end + 4]]
        m = lex.titles.match_at(words, 0, len(words), clitics=False)
        if m is not None and m.end >= 2:
            c.role = m.value.role


def _home_institutions(lex: Lexicons, doc: Document, cands: list[Cand]) -> None:
    """A ministry named without a nationality (أعلنت وزارة الداخلية) is the one of that kind the document names
    with one (وزارة الداخلية التونسية), else the dateline country's (تونس (رويترز) -), else of no known country."""
    bare = [c for c in cands if c.key and c.key.startswith("inst:") and c.country is None]
    if not bare:
        return
    home = None
    if doc.dateline is not None and doc.dateline.place:
        place = lex.gaz.resolve(fold_str(doc.dateline.place), peoples=lex.peoples(doc.tokens))  # عمان: Amman
        home = place.iso3 if place is not None and place.iso3 else None  # in a story about Jordanians
    for c in bare:
        kind, name_en = c.key.split(":", 3)[1::2]
        named = {o.country for o in cands if o.key and o.key.startswith(f"inst:{kind}:") and o.country
                 and o.key.endswith(":" + name_en)}
        country = named.pop() if len(named) == 1 else (home if not named else None)
        if country:
            c.key, c.country = f"inst:{kind}:{country}:{name_en}", country


_COUNTERPARTS = frozenset(fold_str(c + w) for w in ("نظيره", "نظيرها", "نظيرته", "نظيرتها", "نظيريه", "نظرائه")
                          for c in ("", "و", "ل", "ب"))


_SIDE = frozenset(fold_str(w) for w in ("الجانب", "والجانب"))


def _sides(lex: Lexicons, toks, cands: list[Cand]) -> None:
    """وقع من الجانب العماني معالي قيس اليوسف …، ومن الجانب الهندي بيوش غويال: the side named right before a person
    is his country (the signatories of an agreement, the members of two delegations)."""
    for c in cands:
        if c.type != "PER" or c.country is not None:
            continue
        k = c.extra.get("title_start", c.start)
        while k > 0 and toks[k - 1].norm in _HONORIFIC_WORDS:
            k -= 1  # معالي، سعادة
        if k >= 2 and toks[k - 2].norm in _SIDE:
            c.country = lex.nationality(toks[k - 1].norm) or None


_HONORIFIC_WORDS = frozenset(fold_str(w) for w in ("معالي", "سعادة", "فخامة", "السيد", "الشيخ", "الدكتور"))


def _portfolio(lex: Lexicons, toks, a: int, b: int) -> str | None:
    """The last minister's office among the titles in tokens ``a..b`` (نائب رئيس مجلس الوزراء وزير الخارجية فؤاد
    حسين … نظيره التركي: the foreign minister's counterpart, not the deputy prime minister's)."""
    norms = [t.norm for t in toks[a:b]]
    found = None
    for k in range(len(norms)):
        t = lex.titles.match_at(norms, k, len(norms), clitics=False)
        if t is not None and (t.value.role or "").startswith("وزير"):
            found = t.value.role
    return found


def _counterparts(lex: Lexicons, toks, cands: list[Cand]) -> None:
    """لقاء وزير الخارجية الروسي … نظيره المصري بدر عبد العاطي: a counterpart holds the office of the person last
    named with one before him."""
    people = sorted((c for c in cands if c.type == "PER"), key=lambda c: c.start)
    roles: dict[str, str] = {}  # a person's last name -> his office (شكري ... نظيره: the minister's)
    last = None
    for c in people:
        t = c.extra.get("title_start")
        if c.role is None and t is not None and toks[t].norm in _COUNTERPARTS and last is not None:
            # a surname alone between (إن شكري سيلتقي نظيره) names whose counterpart he is
            alone = next((roles[toks[k].norm] for k in range(t - 1, last.end - 1, -1) if toks[k].norm in roles), None)
            c.role = alone or roles.get(toks[last.end - 1].norm) or last.role
        if c.role and c.role not in _RANKS:
            roles[toks[c.end - 1].norm] = (_portfolio(lex, toks, t, c.start) if t is not None else None) or c.role
        last = c  # the person named last: سيلتقي شكري نظيره الأردني (not the spokesman quoted before)


def _domestic_home(lex: Lexicons, doc: Document) -> str | None:
    """The country of a dateline whose outlet is that country's own (الكويت - (كونا)، عمان (بترا)): its news names
    the country's own office holders without a nationality."""
    dl = doc.dateline
    if dl is None or not dl.place or not dl.source:
        return None
    words = fold_str(dl.source).split()
    src = lex.orgs.match_at(words, 0, len(words)) or lex.ambiguous_orgs.match_at(words, 0, len(words))
    if src is None or src.end != len(words) or len(src.value.country) != 3:
        return None
    # عمان (بترا): Amman, not Oman — the place is one of that country's
    if not any(p.iso3 == src.value.country for p in lex.gaz.lookup(fold_str(dl.place))):
        return None
    return src.value.country


HOME_RANK = 3  # heads of state and government, ministers, chiefs of staff: the offices a domestic agency leaves bare


def _home_officials(lex: Lexicons, home: str | None, cands: list[Cand], toks) -> None:
    """استقبل سمو ولي العهد … (كونا): a high office named with no nationality in a domestic agency's story (``home``:
    _domestic_home) is the agency's country's (not an envoy's: السفير is posted elsewhere; not a head of state
    styled فخامة, the style Gulf agencies give foreign presidents)."""
    if home is None:
        return
    for c in cands:
        if c.type != "PER" or not c.role or c.country or c.affiliation or c.source == "known":
            continue
        t0 = c.extra.get("title_start", c.start)
        if t0 > 0 and toks[t0 - 1].norm == _EXCELLENCY:
            continue
        words = fold_str(c.role).split()
        t = lex.titles.match_at(words, 0, len(words), clitics=False)
        if t is not None and t.value.rank <= HOME_RANK and not c.role.startswith(_ENVOYS):
            c.country = home


def find_entities(doc: Document, use_tagger: bool = True) -> Document:
    """People with roles, organisations, places and other names, linked within the document."""
    from marsad.stages.link import build_entities

    lex = lexicons()
    cands, descriptors = _scan(lex, doc.tokens, frozenset())
    named = frozenset(c.key[4:] for c in cands if c.key and c.key.startswith("igo:"))
    dl = doc.dateline
    if dl is not None and dl.source:  # أنقرة (الأناضول): the dateline's outlet supports its ambiguous name
        words = fold_str(dl.source).split()
        outlet = lex.ambiguous_orgs.match_at(words, 0, len(words))
        named |= {outlet.value.id} if outlet is not None and outlet.end == len(words) else frozenset()
    if "IDF" not in named and any(c.type == "LOC" and isinstance(c.payload, str) and _occupied(lex, c.payload)
                                  for c in cands):
        named |= {"IDF"}  # رام الله، الضفة الغربية: قوات الاحتلال، جيش الاحتلال in such a story is Israel's army
    if named & lex.igos_with_ambiguous:  # rescan: مجلس التعاون now means the GCC named earlier
        cands, descriptors = _scan(lex, doc.tokens, named)
    if use_tagger:
        taken = {k for c in cands for k in range(c.start, c.end)}
        described = frozenset(k for d in descriptors for k in range(d.start, d.end) if "complement" in d.extra)
        taken.update(k for d in descriptors for k in range(d.start, d.end))
        titled = {c.start: c for c in cands if c.type == "PER" and "title_start" in c.extra
                  and not lex.people.match_at([t.norm for t in doc.tokens[c.start:c.end]], 0, c.end - c.start)}
        name_words = frozenset(doc.tokens[k].norm for c in cands if c.type == "PER" for k in range(c.start + 1, c.end))
        cands.extend(tagger_candidates(lex, doc, taken, described, titled, name_words))
    descriptors = _titles_onto_tagged_names(lex, doc.tokens, cands, descriptors)
    _appositive_titles(doc.tokens, cands, descriptors)
    _appointed(lex, doc.tokens, cands)
    _counterparts(lex, doc.tokens, cands)
    _sides(lex, doc.tokens, cands)
    _home_institutions(lex, doc, cands)
    home = _domestic_home(lex, doc)
    _home_officials(lex, home, cands, doc.tokens)
    dl = doc.dateline
    if dl is not None and dl.source and dl.start is not None:
        # the dateline's outlet is no place (الرياض: «الشرق الأوسط» is not the region) and no part of its name is a
        # name (رام الله (وفا) -: not و + an organisation فا)
        source = fold_str(dl.source)

        def junk(c: Cand) -> bool:
            text = " ".join(t.norm for t in doc.tokens[c.start:c.end])[c.prefix:]
            return text == source and c.type == "LOC" or (text != source and text in source)

        cands = [c for c in cands if not (dl.start <= doc.tokens[c.start].start < dl.end and junk(c))]
    ents, refs = build_entities(doc, lex, cands, descriptors, home)
    return doc.evolve(entities=ents, refs=refs)


@stage("entities", requires=("tokens", "sentences"), provides=("entities", "refs"))
def entities(doc: Document) -> Document:
    """People with roles, organisations, places and other names: lexicons and the trained tagger, linked."""
    return find_entities(doc, use_tagger=True)


@stage("entities", requires=("tokens", "sentences"), provides=("entities", "refs"))
def entities_lexicon_only(doc: Document) -> Document:
    """The same without the trained tagger: faster, fewer names found (the first-issue slice in benchmarks)."""
    return find_entities(doc, use_tagger=False)
