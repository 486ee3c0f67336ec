"""Events on the seed article (../shared/seed), published 2021-03-03, with the full default pipeline."""
from __future__ import annotations

import pytest

from marsad.arabic.normalize import fold_str
from marsad.evaluate.events import default_pipeline


@pytest.fixture(scope="module")
def doc(seed_text):
    return default_pipeline().analyze(seed_text, published="2021-03-03", id="elaph-kadhimi-nato")


def ids_named(doc, *names: str) -> set[str]:
    wanted = {fold_str(n) for n in names}
    found = {e.id for e in doc.entities if fold_str(e.name) in wanted}
    assert found, f"none of {names} among {[e.name for e in doc.entities]}"
    return found


def test_seed_meeting_between_kadhimi_and_stoltenberg_in_brussels_on_the_day(doc):
    kadhimi = ids_named(doc, "مصطفى الكاظمي")
    nato_side = ids_named(doc, "ينس ستولتينبرغ") | ids_named(doc, "حلف شمال الأطلسي")
    brussels = ids_named(doc, "بروكسل")
    times = {t.id: t.value for t in doc.times}
    hits = [e for e in doc.events if e.type == "CONSULT" and e.mode in ("meeting", "visit")
            and set(e.actor) & kadhimi and set(e.recipient) & nato_side]
    assert hits, [(e.type, e.mode, e.actor, e.recipient) for e in doc.events]
    ev = hits[0]
    assert ev.location in brussels and not ev.negated
    assert ev.time is None or times[ev.time] == "2021-03-03"
    assert ev.cameo == "04" and ev.quad == 1


def test_seed_stoltenberg_praises_the_prime_minister(doc):
    stoltenberg = ids_named(doc, "ينس ستولتينبرغ")
    kadhimi = ids_named(doc, "مصطفى الكاظمي")
    assert any(e.type == "SUPPORT" and set(e.actor) & stoltenberg and set(e.recipient) & kadhimi
               for e in doc.events)


def test_seed_nato_promises_support_and_cooperation_to_iraq(doc):
    nato_side = ids_named(doc, "ينس ستولتينبرغ") | ids_named(doc, "حلف شمال الأطلسي")
    iraq = ids_named(doc, "العراق")
    promises = [e for e in doc.events if e.type == "AGREE" and set(e.actor) & nato_side and set(e.recipient) & iraq]
    assert len(promises) >= 2, [(e.type, e.actor, e.recipient, e.trigger.text) for e in doc.events]
    triggers = {fold_str(t.text) for e in promises for t in e.triggers}
    assert "دعم" in triggers and any(t.startswith("اعرب") or "استعداد" in t for t in triggers)


def test_seed_has_no_assault_or_protest(doc):
    assert not [e for e in doc.events if e.type in ("ASSAULT", "PROTEST")]


def test_seed_every_event_has_an_actor_and_a_trigger_in_its_sentence(doc):
    assert doc.events
    for e in doc.events:
        assert e.actor
        main = doc.sentences[e.sentence]
        assert main.start <= e.trigger.start and e.trigger.end <= main.end
        for sp in (e.trigger, *e.triggers):  # merged mentions may come from other sentences, each inside its own
            assert doc.text[sp.start:sp.end] == sp.text
            sent = doc.sentences[doc.sentence_of(sp.start)]
            assert sent.start <= sp.start and sp.end <= sent.end
