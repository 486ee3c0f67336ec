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
    assert tagger.fast.tag_many(folded) == [tagger.tag_crfsuite(f) for f in folded]


def test_fast_decoder_matches_crfsuite_on_anercorp_test(tagger, shared_dir):
    from marsad.evaluate.ner import read_conll

    sents = [[fold_str(w) for w in words] for words, _ in read_conll(shared_dir / "data" / "anercorp-camel" /
                                                              "ANERCorp_CamelLab_test.txt")][:400]
    fast = tagger.fast.tag_many(sents)
    slow = [tagger.tag_crfsuite(s) for s in sents]
    assert sum(a == b for a, b in zip(fast, slow)) == len(sents)


def _news_sentences(shared_dir, n_articles: int) -> list[list[str]]:
    from marsad.arabic.normalize import fold
    from marsad.arabic.tokenize import tokenize
    from marsad.evaluate.corpus import saudinewsnet

    out: list[list[str]] = []
    for rec in saudinewsnet(shared_dir, n_articles):
        _, toks = tokenize(rec["content"], fold(rec["content"]))
        sent: list[str] = []
        for i, t in enumerate(toks):
            sent.append(t.norm)
            if i + 1 == len(toks) or toks[i + 1].sentence != t.sentence:
                out.append(sent)
                sent = []
    return out


def test_fast_decoder_matches_crfsuite_on_raw_news(tagger, shared_dir):
    """Raw news has many words the model never saw, and whole documents are scored in one pass."""
    sents = _news_sentences(shared_dir, 40)
    assert len(sents) > 300
    fast = tagger.fast.tag_many(sents)
    assert fast == [tagger.tag_crfsuite(s) for s in sents]


def test_fast_decoder_rebuilds_its_word_table_without_changing_tags(tagger, shared_dir, monkeypatch):
    from marsad.models.ner import fastcrf

    sents = _news_sentences(shared_dir, 12)
    monkeypatch.setattr(fastcrf, "_TABLE_MAX", 50)
    fast = fastcrf.FastCrf(tagger._model_path, tagger.features)
    chunks = [fast.tag_many(sents[i:i + 10]) for i in range(0, len(sents), 10)]
    assert fast._size < len({w for s in sents for w in s})  # the table was rebuilt along the way
    assert [t for c in chunks for t in c] == [tagger.tag_crfsuite(s) for s in sents]


def test_compiled_viterbi_equals_the_numpy_fallback_on_random_scores():
    import numpy as np

    from marsad.models.ner.viterbi import decode, decode_numpy

    rng = np.random.default_rng(7)
    lens = rng.integers(0, 60, size=200)
    starts = np.concatenate([[0], np.cumsum(lens)[:-1]])
    em = rng.normal(size=(int(lens.sum()), 9))
    em[::7] = np.round(em[::7])  # some exact ties
    trans = np.round(rng.normal(size=(9, 9)), 1)
    assert (decode(em, starts, lens, trans) == decode_numpy(em, starts, lens, trans)).all()
