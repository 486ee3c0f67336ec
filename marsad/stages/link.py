"""In-document linking: cluster mention candidates into entities, add short forms and anaphors, fill attributes."""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain

from marsad.arabic.clitics import proclitic_splits
from marsad.arabic.normalize import fold_str
from marsad.document import Document, Entity, Span, Token
from marsad.stages.entities import DEPUTY_WORDS, Cand, Lexicons, _char_offset, _is_reporting_verb, person_share

_IGO_KINDS = {"igo", "regional", "un_agency"}
# Bodies whose staff are often foreigners (a Portuguese coach of a Saudi club): no country from them
_STAFFED = frozenset(("club", "company", "media", "university", "sports"))


@dataclass
class Cluster:
    type: str
    key: str | None
    cands: list[Cand] = field(default_factory=list)
    tokens: tuple[str, ...] = ()  # folded name tokens of the fullest person name

    @property
    def first(self) -> int:
        return min(c.start for c in self.cands)


def _stem_tokens(tokens: tuple[Token, ...], c: Cand) -> tuple[str, ...]:
    out = [tokens[k].norm for k in range(c.start, c.end)]
    if c.prefix and out:
        first = out[0][c.prefix:]
        if out[0][c.prefix - 1 : c.prefix] == "ل" and first.startswith("ل") and not first.startswith("ال"):
            first = "ا" + first
        out[0] = first
    return tuple(out)


def _edit1(a: str, b: str) -> bool:
    """True when a and b differ by at most one insertion, deletion or substitution."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    return a[i + (la == lb):] == b[i + 1:]


def cluster(lex: Lexicons, tokens: tuple[Token, ...], cands: list[Cand]) -> list[Cluster]:
    """Group candidates: by canonical key where known, persons by name containment, the rest by folded text."""
    clusters: dict[str, Cluster] = {}
    persons: list[Cluster] = []
    for c in sorted(cands, key=lambda c: (c.start, -(c.end - c.start))):
        if c.key:
            clusters.setdefault(c.key, Cluster(c.type, c.key)).cands.append(c)
            continue
        name = _stem_tokens(tokens, c)
        if c.type == "PER":
            target = None
            for p in persons:
                if name == p.tokens or _contained(name, p.tokens) or _contained(p.tokens, name):
                    target = p
                    break
                if len(name) >= 2 and _sans_article(name) == _sans_article(p.tokens):
                    target = p  # بندر الحجار ... بندر حجار: a family name written with and without its article
                    break
                if len(name) == 1 and len(p.tokens) >= 2 and name[0] == p.tokens[0] and len(name[0]) <= 4 \
                        and name[0] not in lex.first_names and not any(t.startswith("ال") for t in p.tokens):
                    target = p  # شي جين بينغ ... أكد شي، كيم جونغ أون ... كيم: the family name written first
                    break
                # الملك سلمان ... الملك سلمان بن عبدالعزيز: a first name under the same title
                if c.role and any(x.role == c.role for x in p.cands) and (
                        p.tokens[: len(name)] == name or name[: len(p.tokens)] == p.tokens):
                    target = p
                    break
            if target is None:
                target = Cluster("PER", None, tokens=name)
                persons.append(target)
            elif len(name) > len(target.tokens):
                target.tokens = name
            target.cands.append(c)
            continue
        key = f"{c.type}:{' '.join(name)}"
        if c.type == "ORG" and "org_kind" in c.extra:
            # جامعة أكسفورد and جامعة أكسفورد البريطانية are one organisation: key on head + place
            key = f"ORG:{c.extra['org_kind']}:{c.payload}"
            c.payload = None  # the place inside an organisation's name is not its identity
        clusters.setdefault(key, Cluster(c.type, None, tokens=name)).cands.append(c)
    return sorted(list(clusters.values()) + _first_name_forms(lex, persons), key=lambda cl: cl.first)


def _first_name_forms(lex: Lexicons, persons: list[Cluster]) -> list[Cluster]:
    """أدريان in a headline, أدريان ميرزفيسكي in the story: a one-word person that is the first name of exactly one
    longer person joins it, when that first name is a foreign given name (names_en.tsv kind foreign: هيلاري) or no
    given name or common word at all (محمد alone stays apart)."""
    by_first: dict[str, list[Cluster]] = {}
    for p in persons:
        if len(p.tokens) >= 2:
            by_first.setdefault(p.tokens[0], []).append(p)
    out = []
    for p in persons:
        t = p.tokens[0] if len(p.tokens) == 1 else None
        full = by_first.get(t, []) if t and len(t) >= 3 and (t in lex.foreign_first or (
            t not in lex.first_names and (t not in lex.common or person_share(t) >= 0.5))) else []
        if len(full) == 1:
            full[0].cands.extend(p.cands)
            continue
        out.append(p)
    return out


_PATRONYMIC = frozenset({"بن", "ابن", "بنت"})


def _sans_article(name: tuple[str, ...]) -> tuple[str, ...]:
    """The name with the article dropped from every word after the first (الحجار -> حجار)."""
    return name[:1] + tuple(t[2:] if t.startswith("ال") and len(t) > 4 else t for t in name[1:])


def _contained(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """A short form of a person name: its last name (or a contiguous part ending in it) within the full name."""
    if not short or len(short) >= len(full):
        return False
    n = len(short)
    if full[-n - 1] in _PATRONYMIC:
        return False  # سلطان بن سلمان بن عبدالعزيز: عبدالعزيز is his grandfather (الملك عبدالعزيز), not his surname
    if full[-n:] == short:
        return True
    return n == 1 and _spelling_variant(short[0], full[-1])


def _spelling_variant(a: str, b: str) -> bool:
    """Two spellings of one name (ستولتنبرغ / ستولتينبرغ, a clitic letter more: لغالدنبرج), six letters or more
    and one edit apart; two family names with the article that differ in a letter of a short stem (الحربي /
    العربي) are two names."""
    if len(a) < 6 or not _edit1(a, b):
        return False
    return not (len(a) == len(b) and a.startswith("ال") and b.startswith("ال") and len(a) < 8)


def _surnames_over_small_places(lex: Lexicons, tokens: tuple[Token, ...], clusters: list[Cluster]) -> list[Cluster]:
    """لويز ريتشاردسون ... وريتشاردسون: a surname that is also a small foreign town is the person."""
    surnames = {cl.tokens[-1]: cl for cl in clusters if cl.type == "PER" and len(cl.tokens) >= 2}
    out = []
    for cl in clusters:
        if cl.type == "LOC" and cl.key and surnames:
            stems = {_stem_tokens(tokens, c) for c in cl.cands}
            place = next((c.payload for c in cl.cands if c.payload is not None and not isinstance(c.payload, str)), None)
            if (len(stems) == 1 and len(next(iter(stems))) == 1 and next(iter(stems))[0] in surnames
                    and place is not None and place.kind == "city" and not place.capital):
                target = surnames[next(iter(stems))[0]]
                for c in cl.cands:
                    target.cands.append(Cand(c.start, c.end, c.prefix, "PER", source="short"))
                continue
        out.append(cl)
    return out


def propagate_short_forms(lex: Lexicons, tokens: tuple[Token, ...], clusters: list[Cluster],
                          covered: set[int]) -> None:
    """Later mentions by surname alone (الكاظمي) and alliance anaphors (الحلف) join their entity."""
    surnames: dict[str, Cluster] = {}
    worded: dict[str, Cluster] = {}  # family names that are also common words (سريع): only as a speaker
    for cl in clusters:
        if cl.type == "PER" and len(cl.tokens) >= 2:
            last = cl.tokens[-1]
            if last not in lex.common or last.startswith("ال"):
                surnames.setdefault(last, cl)
            else:
                worded.setdefault(last, cl)
    igo_first: dict[str, int] = {}
    igo_clusters: dict[str, Cluster] = {}
    for cl in clusters:
        if cl.key and cl.key.startswith("igo:"):
            igo_first[cl.key[4:]] = cl.first
            igo_clusters[cl.key[4:]] = cl
    # spelling variants (ستولتنبرغ / ستولتينبرغ) are looked up only among surnames sharing the first letters
    fuzzy: dict[str, list[tuple[str, Cluster]]] = {}
    for s, cl in surnames.items():
        if len(s) >= 6:
            fuzzy.setdefault(s[:2], []).append((s, cl))
    anaphor_heads = lex.anaphors if igo_first else {}
    # Clitics are prefixes, so a candidate ends like a surname or anaphor: one set test rejects most tokens.
    endings = {s[-3:] for s in surnames} | ({a[-3:] for a in anaphor_heads} if anaphor_heads else set())
    for i, tok in enumerate(tokens if worded else ()):
        cl = worded.get(tok.norm)
        if cl is not None and i not in covered and i > cl.first and _is_reporting_verb(lex, tokens[i - 1].norm):
            cl.cands.append(Cand(i, i + 1, 0, "PER", source="short"))  # وقال سريع: the brigadier named before
            covered.add(i)
    if not endings:
        return
    for i, tok in enumerate(tokens):
        if tok.norm[-3:] not in endings or i in covered or not tok.norm[:1].isalpha():
            continue
        for plen, stem in proclitic_splits(tok.norm):
            target = surnames.get(stem)
            if target is None and len(stem) >= 6 and stem[:2] in fuzzy:
                for s, cl in fuzzy[stem[:2]]:
                    if _spelling_variant(stem, s):
                        target = cl
                        break
            if target is not None:
                prefix = plen + (1 if stem.startswith("ال") and not tok.norm[plen:].startswith("ال") else 0)
                target.cands.append(Cand(i, i + 1, prefix, "PER", source="short"))
                covered.add(i)
                break
            ids = anaphor_heads.get(stem) if stem.startswith("ال") else None
            if ids:
                _, nat = _next_nationality(lex, tokens, i)
                live = [g for g in ids if g in igo_first and igo_first[g] < i and (
                    nat is None or _org_country(lex, igo_clusters[g]) in (nat, None))]  # not النادي الأرجنتيني
                if live:
                    best = max(live, key=lambda g: max(c.start for c in igo_clusters[g].cands if c.start < i))
                    prefix = plen + (1 if not tok.norm[plen:].startswith("ال") else 0)
                    igo_clusters[best].cands.append(Cand(i, i + 1, prefix, "ORG", "igo:" + best, source="anaphor"))
                    covered.add(i)
                break


# Head nouns of organisation names that news takes up again with the article alone: وزارة الداخلية … الوزارة,
# شركة زيمبيريوم … الشركة (international organisations have their own anaphors in igos.tsv).
_ANAPHOR_HEADS = frozenset(fold_str(w) for w in (
    "وزارة", "شركة", "هيئة", "جمعية", "حركة", "جماعة", "حزب", "مجلس", "اتحاد", "جامعة", "بنك", "مصرف", "صندوق",
    "محكمة", "لجنة", "مركز", "نادي", "منظمة", "وكالة", "مؤسسة", "مجموعة", "تنظيم", "جبهة", "ائتلاف", "صحيفة",
    "قناة", "مستشفى"))


def _next_nationality(lex: Lexicons, tokens: tuple[Token, ...], i: int) -> tuple[str, str | None]:
    """The word after token ``i`` and, when it is a definite nationality adjective (النادي السعودي), its country."""
    nxt = tokens[i + 1].norm if i + 1 < len(tokens) else ""
    return nxt, lex.nationality(nxt) if nxt.startswith("ال") else None


def _org_country(lex: Lexicons, cl: Cluster) -> str | None:
    """The country of an organisation cluster, when a candidate or the organisations table gives one."""
    for c in cl.cands:
        if c.country:
            return c.country
    if cl.key and cl.key.startswith("igo:"):
        rec = lex.gaz.igo(cl.key[4:]) or lex.gaz.organisation(cl.key[4:])
        return rec.country or None if rec is not None else None
    return None


def head_anaphors(lex: Lexicons, tokens: tuple[Token, ...], clusters: list[Cluster], covered: set[int]) -> None:
    """A definite head noun alone (الوزارة، الشركة، الحركة) joins the nearest organisation named before it with
    that head (وزارة الدفاع الأميركية … وأوضحت الوزارة): unless a word that is no nationality follows and makes it
    a new name (الشركة السعودية للكهرباء)."""
    heads: dict[str, list[tuple[int, Cluster]]] = {}
    for cl in clusters:
        if cl.type != "ORG" or (cl.key or "").startswith("igo:"):
            continue
        for c in cl.cands:
            w = tokens[c.start].norm[c.prefix:]
            w = w[2:] if w.startswith("ال") else w
            if w in _ANAPHOR_HEADS and c.end - c.start > 1:
                heads.setdefault(w, []).append((c.start, cl))
            elif c.start > 0:  # شركة «زيمبيريوم»: the head before a name the tagger found alone
                w = tokens[c.start - 1].norm
                for _, stem in proclitic_splits(w):
                    if stem in _ANAPHOR_HEADS:
                        heads.setdefault(stem, []).append((c.start, cl))
                        break
    if not heads:
        return
    wanted = {"ال" + h for h in heads}
    endings = {w[-3:] for w in wanted}
    for i, tok in enumerate(tokens):
        if tok.norm[-3:] not in endings or i in covered:
            continue
        for plen, stem in proclitic_splits(tok.norm):
            if stem not in wanted:
                continue
            nxt, nat = _next_nationality(lex, tokens, i)
            if nxt.startswith("ال") and not nat:
                break  # الشركة السعودية للكهرباء: another organisation's name
            before = [(start, cl) for start, cl in heads[stem[2:]] if start < i and (
                nat is None or _org_country(lex, cl) == nat)]  # النادي الأرجنتيني is not the Saudi club named before
            if before:
                cl = max(before, key=lambda sc: sc[0])[1]
                cl.cands.append(Cand(i, i + 1, plen, "ORG", cl.key, source="anaphor"))
                covered.add(i)
            break


def build_entities(doc: Document, lex: Lexicons, cands: list[Cand], descriptors: list[Cand], home: str | None = None
                   ) -> tuple[tuple[Entity, ...], tuple[tuple[int, int, str], ...]]:
    """Entities with ids in order of first mention, and title-only references resolved to them; ``home`` is the
    country of a domestic agency's dateline (entities._domestic_home), if any."""
    from marsad.arabic.romanize import romanize_name

    tokens = doc.tokens
    # Countries named in the document disambiguate city names (طرابلس in a Libya story is Tripoli, Libya).
    # Only unambiguous names feed the context: عمان (Oman or Amman) must not vote for itself.
    context: list[str] = [home] if home else []  # عمان (بترا): Petra's Amman, not Oman
    for c in chain(cands, descriptors):  # الوزير الأردني ... عمان: a descriptor's nationality counts too
        if c.country and c.country not in context:
            context.append(c.country)
        if c.type == "LOC" and c.key is None and isinstance(c.payload, str):
            places = lex.gaz.lookup(c.payload)
            if len({p.iso3 for p in places}) == 1 and places[0].iso3 and places[0].iso3 not in context:
                context.append(places[0].iso3)
    ctx = tuple(context)
    peoples = lex.peoples(tokens)
    for c in cands:
        if c.type == "LOC" and c.key is None and isinstance(c.payload, str):
            p = lex.gaz.resolve(c.payload, ctx, transnational=True, peoples=peoples)
            if p is not None:  # regions (الخليج، أوروبا) have coordinates but no single country
                c.payload, c.key, c.country = p, "geo:" + str(p.geo_id), p.iso3 or None
    covered = {k for c in cands for k in range(c.start, c.end)}
    clusters = _surnames_over_small_places(lex, tokens, cluster(lex, tokens, cands))
    propagate_short_forms(lex, tokens, clusters, covered)
    head_anaphors(lex, tokens, clusters, covered)
    clusters.sort(key=lambda cl: cl.first)

    entities: list[Entity] = []
    key_to_id: dict[str, str] = {}
    pending_affil: list[tuple[int, str]] = []
    for n, cl in enumerate(clusters, 1):
        eid = f"E{n}"
        if cl.key:
            key_to_id[cl.key] = eid
        mentions = []
        for c in sorted(cl.cands, key=lambda c: c.start):
            a = _char_offset(tokens[c.start], c.prefix)
            b = tokens[c.end - 1].end
            mentions.append(Span(a, b, doc.text[a:b]))
        mentions = _dedupe(mentions)
        pairs = list(zip(mentions, sorted(cl.cands, key=lambda c: c.start)))
        full, fc = max(((m, c) for m, c in pairs if c.source != "anaphor"),
                       key=lambda mc: (len(mc[0].text.split()), len(mc[0].text)), default=pairs[0])
        name = full.text
        if tokens[fc.start].norm.startswith("لل") and not name.startswith("ال"):
            # للمسجد الأقصى، للأمم المتحدة: the mention is لمسجد الأقصى / أمم المتحدة, the name takes its article back
            name = ("ا" if fc.prefix == 1 and name.startswith("ل") else "ال") + name
        role = country = name_en = None
        lat = lon = geo_id = None
        kind = None
        affil_key = None
        titled = sorted((c for c in cl.cands if c.role), key=lambda c: lex_rank(lex, c.role))
        if cl.type == "PER":
            kind = "person"
            if titled:
                role = titled[0].role
            country = next((c.country for c in cl.cands if c.country), None)
            affil_key = next((c.affiliation for c in cl.cands if c.affiliation), None)
            name_en = lex.known_people.get(fold_str(name)) or romanize_name(name)
        elif cl.key and cl.key.startswith("igo:"):
            igo = next(c.payload for c in cl.cands if c.payload is not None)
            kind = igo.kind
            country = "IGO" if igo.kind in _IGO_KINDS else (igo.country or None)
            name_en = igo.name_en
        elif cl.key and cl.key.startswith("geo:"):
            p = next(c.payload for c in cl.cands if c.payload is not None and not isinstance(c.payload, str))
            kind, country, name_en = p.kind, p.iso3 or None, p.name_en
            lat, lon, geo_id = p.lat, p.lon, str(p.geo_id)
        elif cl.key and cl.key.startswith("inst:"):
            inst = cl.cands[0].payload
            kind, country = inst.kind, cl.cands[0].country
            cname = lex.gaz.country(country) if country else None
            name_en = f"{cname.name_en} {inst.name_en}" if cname else inst.name_en
        else:
            name_en = romanize_name(name) if cl.type in ("PER", "ORG") else None
        if affil_key:
            pending_affil.append((len(entities), affil_key))
        entities.append(Entity(id=eid, type=cl.type, name=name, mentions=tuple(mentions), name_en=name_en,
                               country=country, role=role, lat=lat, lon=lon, geo_id=geo_id, kind=kind))
    by_id = {e.id: e for e in entities}
    for idx, key in pending_affil:
        aid = key_to_id.get("igo:" + key)
        if aid:
            e = entities[idx]
            org = by_id[aid]
            # والي بنك المغرب X: a person speaking for a national body is of its country (not for an IGO: 'IGO')
            country = e.country or (org.country if org.country and len(org.country) == 3 and org.country.isalpha()
                                    and org.country != "IGO" and org.kind not in _STAFFED else None)
            entities[idx] = Entity(**{**_fields(e), "affiliation": aid, "country": country})
    refs = list(_resolve_descriptors(doc, lex, entities, descriptors, key_to_id))
    # "وزير الخارجية اليمني أحمد ..." as a whole refers to the person: quotes and events look for the
    # subject where the title starts.
    for n, cl in enumerate(clusters):
        for c in cl.cands:
            ts = c.extra.get("title_start")
            if ts is not None:
                a = _char_offset(tokens[ts], 0)
                refs.append((a, tokens[c.end - 1].end, entities[n].id))
    return tuple(entities), tuple(sorted(refs))


def lex_rank(lex: Lexicons, role: str) -> int:
    head, _, rest = role.partition(" ")
    if rest and head in DEPUTY_WORDS:
        return lex_rank(lex, rest) + 1  # نائب أمير المنطقة ranks just below أمير المنطقة (and above الأمير)
    m = lex.titles.match_at(fold_str(role).split(), 0, len(role.split()), clitics=False)
    return m.value.rank if m else 9


def _fields(e: Entity) -> dict:
    return {f: getattr(e, f) for f in e.__dataclass_fields__}


def _dedupe(mentions: list[Span]) -> list[Span]:
    out: list[Span] = []
    for m in mentions:
        if out and m.start < out[-1].end:
            if m.end - m.start > out[-1].end - out[-1].start:
                out[-1] = m
            continue
        out.append(m)
    return out


# Roles that many people of many countries hold at once: a country's ruler named by a construct (أمير قطر، ملك
# الأردن) does not pick a person of unknown country who holds one.
_RANKS_OF_MANY = frozenset(("الأمير", "الشيخ", "الملك", "السلطان", "السيد", "السيدة", "الدكتور"))


def _resolve_descriptors(doc: Document, lex: Lexicons, entities: list[Entity], descriptors: list[Cand],
                         key_to_id: dict[str, str]) -> tuple[tuple[int, int, str], ...]:
    """"رئيس الوزراء العراقي" alone refers to the person with that role and country named in the document."""
    refs = []
    toks = doc.tokens
    for d in descriptors:
        w = toks[d.start].norm
        if d.end - d.start == 1 and not (w[d.prefix:].startswith("ال") or "لل" in w[:3]) and not d.country and (
                d.end >= len(toks) or not toks[d.end].norm.startswith("ال")):
            continue  # لانتخاب رئيس، تعيين وزير: an indefinite office names no one (رئيس الحزب would be a construct)
        matches = []
        for e in (e for e in entities if e.type == "PER" and e.role):
            if e.role != d.role and not (d.role == "وزير" and e.role.startswith("وزير ")):
                continue  # الوزير التركي: any Turkish minister (وزير الطاقة) when only one is named
            if d.country and e.country and d.country != e.country:
                continue
            if d.country and e.country is None and d.role in _RANKS_OF_MANY and d.extra.get("construct"):
                continue  # أمير قطر is not the Saudi prince named earlier as الأمير محمد بن سلمان
            if d.affiliation and key_to_id.get("igo:" + d.affiliation) != e.affiliation:
                continue
            matches.append(e)
        if len(matches) != 1 and d.country:
            matches = [e for e in matches if e.country == d.country]
        if len(matches) == 1:
            a = _char_offset(doc.tokens[d.start], d.prefix)
            b = doc.tokens[d.end - 1].end
            refs.append((a, b, matches[0].id))
            e = matches[0]
            if e.country is None and d.country:  # the descriptor tells us the nationality
                idx = next(i for i, x in enumerate(entities) if x.id == e.id)
                entities[idx] = Entity(**{**_fields(e), "country": d.country})
    return tuple(refs)
