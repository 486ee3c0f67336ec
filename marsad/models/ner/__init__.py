"""Trained Arabic NER tagger (CRF over clusters, affixes and lexicon cues)."""
