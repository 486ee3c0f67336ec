"""Clause facts the argument rules lean on: verb/subject gender agreement, the look of an indefinite noun, and
which genitive of an attack noun is its doer.

A feminine past verb (اتهمت) cannot take a masculine name (التحالف) as its subject, so that name is its object; a
present verb right after an indefinite noun (لافتات تطالب الحكومة) describes that noun, which is its subject.
"""
from __future__ import annotations

from marsad.arabic.lexicon import word_set
from marsad.arabic.triggers import PAST, Hit
from marsad.stages.event_args import PREPOSITIONS, SKIPPABLE, SUBJECT_LEADS, Mention, bare

PRONOUNS = frozenset(("هو", "هي", "هم", "هما", "هن"))
NOT_NOUNS = PREPOSITIONS | SKIPPABLE | SUBJECT_LEADS | PRONOUNS
# Parties whose name after an attack noun is its doer (قصف القوات الحكومية، غارات التحالف), not its target.
ARMED_AGENTS = frozenset(("attacker", "military", "security"))
ARMED_ORGS = frozenset(("armed_group", "military", "police"))


def armed(m: Mention, mode: str) -> bool:
    """Whether the genitive of an attack noun is its doer: forces always; an armed group only after هجوم/اعتداء
    (قصف التنظيم is the bombing of the group)."""
    if m.type == "AGENT":
        return m.kind in ARMED_AGENTS
    return m.type == "ORG" and (m.kind in ARMED_ORGS and (m.kind != "armed_group" or mode == "attack"))


def verb_gender(norms: list[str], h: Hit) -> str | None:
    """'f' for a third-person feminine past verb (اتهمت), 'm' for the masculine (اتهم), else None."""
    if h.tense != PAST:
        return None
    past = h.trigger.form.split()[0].partition("|")[0]
    w = norms[h.start][h.prefix:]
    if w == past:
        return "m"
    if not past.endswith("ت") and (w == past + "ت" or (past[-1:] in "يا" and w == past[:-1] + "ت")):
        return "f"
    return None


def name_gender(norms: list[str], m: Mention) -> str | None:
    """Grammatical gender of an organisation's name where its spelling shows it, else None."""
    if m.type != "ORG" or m.kind == "un_agency" or m.start < 0:
        return None
    head = norms[m.start]
    second = norms[m.start + 1] if m.end - m.start > 1 else ""
    if head.endswith(("ه", "ات")) or (second.startswith("ال") and second.endswith("ه")):
        return "f"  # الحكومة، القوات، الأمم المتحدة (the adjective shows the agreement)
    if head.endswith(("ا", "و")) or not (head.startswith("ال") or second):
        return None  # الأونروا; a bare one-word name (حماس) is spoken of as feminine as often as not
    return "m"


def disagrees(norms: list[str], h: Hit, m: Mention) -> bool:
    """A feminine verb (اتهمت) cannot have a masculine name (التحالف) as its subject, nor the reverse."""
    v = verb_gender(norms, h)
    g = name_gender(norms, m) if v else None
    return g is not None and g != v


def indefinite_noun(w: str, cues: dict) -> bool:
    """A word that looks like an indefinite noun (دول، لافتات), not a particle or a verb (كانت، تزال، يمكن)."""
    if len(w) < 3 or not w.isalpha() or w.startswith(("ال", "وال", "بال", "لل", "فال")):
        return False
    if w.endswith("ت") and not (w.endswith("ات") and len(w) >= 5):
        return False  # كانت، باتت: a feminine past verb, not a plural noun
    b = bare(w)
    if w[0] in "يتن" or b in NOT_NOUNS or w in cues or b in cues:
        return False
    return b not in word_set("function_words.tsv")
