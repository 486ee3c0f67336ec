"""Document-level consistency of NER tags (sentences written for these tests, already folded)."""
from __future__ import annotations

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
