"""Pure Arabic language utilities: normalisation with offset maps, tokenisation, numerals and data."""
from marsad.arabic.normalize import NormText, clean, fold, fold_str

__all__ = ["NormText", "clean", "fold", "fold_str"]
