"""Document-level consistency of NER tags (sentences written for these tests, already folded)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.models.ner.consistency import propagate


def test_a_surname_alone_and_with_a_conjunction_gets_the_persons_type():
    sents = [["قال", "الوزير", "سامي", "القاسمي", "امس"], ["واضاف", "القاسمي", "ان"], ["ورد", "والقاسمي", "بعد"]]
    tags = [["O", "O", "B-PER", "I-PER", "O"], ["O", "O", "O"], ["O", "O", "O"]]
    out = propagate(sents, tags)
    assert out[1] == ["O", "B-PER", "O"]
    assert out[2] == ["O", "B-PER", "O"]
    assert out[0] == tags[0]


def test_an_organisation_span_is_found_again_but_given_tags_are_never_changed():
    sents = [["اعلنت", "شركه", "النور", "للطاقه"], ["وقالت", "شركه", "النور", "للطاقه"], ["شركه", "النور"]]
    tags = [["O", "B-ORG", "I-ORG", "I-ORG"], ["O", "O", "O", "O"], ["B-LOC", "O"]]
    out = propagate(sents, tags)
    assert out[1] == ["O", "B-ORG", "I-ORG", "I-ORG"]
    assert out[2] == ["B-LOC", "O"]  # the model's own tag stays


def test_nothing_spreads_beyond_the_window_or_from_places_and_function_words():
    far = [["ذهب", "الى", "هناك"]] * 30
    sents = [["التقى", "علي", "في"], ["بغداد", "مدينه"], *far, ["في", "بغداد"]]
    tags = [["O", "B-PER", "I-PER"], ["B-LOC", "O"], *[["O"] * 3] * 30, ["O", "O"]]
    out = propagate(sents, tags)
    assert out[-1] == ["O", "O"]  # LOC is not propagated, and the window is 20 sentences
    assert all(row == ["O"] * 3 for row in out[2:-1])  # في closes a person's span but is a function word


def _reference(sentences, tags, window):
    """The pass as first written (a dictionary of nearby names rebuilt for every sentence): the oracle for the
    indexed version, which must give the same tags."""
    from marsad.arabic.clitics import proclitic_splits
    from marsad.arabic.lexicon import word_set
    from marsad.evaluate.ner import chunks
    from marsad.models.ner.consistency import MAX_SPAN, TYPES

    function_words = word_set("function_words.tsv")
    found = [[(t, tuple(w[s:e])) for t, s, e in chunks(tg) if t in TYPES] for w, tg in zip(sentences, tags)]
    out = [list(tg) for tg in tags]
    for i in range(len(sentences)):
        near: dict = {}
        for j in range(max(0, i - window), min(len(sentences), i + window + 1)):
            for t, toks in found[j]:
                if len(toks) <= MAX_SPAN:
                    near.setdefault(toks[0], {}).setdefault(toks, t)
                if t == "PER" and len(toks) >= 2 and len(toks[-1]) > 2 and toks[-1] not in function_words:
                    near.setdefault(toks[-1], {}).setdefault((toks[-1],), t)
        words, row, k = sentences[i], out[i], 0
        while k < len(words):
            best = None
            if row[k] == "O":
                for stem in (words[k], *(st for plen, st in proclitic_splits(words[k])[1:] if plen == 1)):
                    for toks, t in near.get(stem, {}).items():
                        m = len(toks)
                        if (best is None or m > best[0]) and k + m <= len(words) \
                                and tuple(words[k + 1:k + m]) == toks[1:] and all(x == "O" for x in row[k:k + m]):
                            best = (m, t)
            if best:
                row[k:k + best[0]] = ["B-" + best[1]] + ["I-" + best[1]] * (best[0] - 1)
                k += best[0]
            else:
                k += 1
    return out


VOCAB = ["القاسمي", "والقاسمي", "بالقاسمي", "سامي", "شركه", "النور", "وشركه", "في", "قال", "و", "لا", "ب"]
LABELS = ["O", "O", "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "B-MISC"]


@given(st.lists(st.lists(st.tuples(st.sampled_from(VOCAB), st.sampled_from(LABELS)), min_size=1, max_size=8),
                min_size=1, max_size=12),
       st.sampled_from([0, 1, 2, 20]))
@settings(max_examples=400, deadline=None)
def test_the_indexed_pass_equals_the_reference(doc, window):
    sentences = [[w for w, _ in s] for s in doc]
    tags = [[t for _, t in s] for s in doc]
    assert propagate(sentences, tags, window) == _reference(sentences, tags, window)
