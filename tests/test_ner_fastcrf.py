"""The numpy CRF decoder gives exactly pycrfsuite's tags with the committed model."""
from __future__ import annotations

import pytest

from marsad.arabic.normalize import fold_str
from marsad.models.ner.tagger import NerTagger

SENTENCES = [
    "استقبل الرئيس التونسي قيس سعيد في قصر قرطاج وزير الخارجية الإيطالي أنطونيو تاياني",
    "وقال المتحدث باسم الأمم المتحدة إن منظمة الصحة العالمية أرسلت فريقا إلى مدينة حلب",
    "فاز نادي الهلال السعودي على الأهلي المصري بهدفين في نهائي البطولة العربية",
    "،",
    "بغداد",
    "أعلنت شركة أرامكو السعودية عن أرباح قياسية في الربع الثالث من العام 2023 بلغت 32 مليار دولار .",
]


@pytest.fixture(scope="module")
def tagger():
    return NerTagger.load()


def test_fast_decoder_matches_crfsuite_on_written_sentences(tagger):
    folded = [[fold_str(w) for w in s.split()] for s in SENTENCES]
    assert tagger.fast.tag_many(folded) == [tagger.tag_folded(f) for f in folded]


def test_fast_decoder_matches_crfsuite_on_anercorp_test(tagger, shared_dir):
    from marsad.evaluate.ner import read_conll

    sents = [[fold_str(w) for w in words] for words, _ in read_conll(shared_dir / "data" / "anercorp-camel" /
                                                              "ANERCorp_CamelLab_test.txt")][:400]
    fast = tagger.fast.tag_many(sents)
    slow = [tagger.tag_folded(s) for s in sents]
    assert sum(a == b for a, b in zip(fast, slow)) == len(sents)
