"""Small text helpers shared by the components: name normalisation and surface variants."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

APOSTROPHES = "’‘`´"
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w]+")
HONORIFICS = frozenset({"m", "mm", "mme", "mmes", "mlle", "sm", "sa", "son", "majeste", "excellence", "altesse",
                        "monsieur", "madame", "s", "e"})   # "Son Excellence Monsieur X", "Sa Majesté"
FAMILY_NAME_FIRST = frozenset({"CN", "TW", "KP", "KR", "VN"})   # states whose names the press writes family name
                                                                # first: "Hu Jintao" is "M. Hu"


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case, accents and punctuation folded away, spaces collapsed: the key names
    are compared on ("Département d’État" and "departement d'etat" fold alike)."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _NON_WORD.sub(" ", stripped).strip()


def fold_name(text: str) -> str:
    """:func:`fold` without leading honorifics ("M. Bourita" -> "bourita")."""
    words = fold(text).split()
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def surface_variants(name: str) -> list[str]:
    """Spellings French news uses for one name: straight and curly apostrophes, capital
    letters with and without accents (Etats/États), hyphens and spaces."""
    variants = {name}
    for variant in list(variants):
        variants.add(variant.replace("'", "’"))
        variants.add(variant.replace("’", "'"))
    for variant in list(variants):
        variants.add(variant.replace("É", "E").replace("È", "E"))
        variants.add(re.sub(r"\bEtat", "État", variant))
    for variant in list(variants):
        if "-" in variant:
            variants.add(variant.replace("-", " "))
    return sorted(variants)


def collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()
