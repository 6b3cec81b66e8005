"""Finding tokens on a document's arrays: a Token object is made only for the tokens found,
not for every word (making one for each word of a long article is what costs)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import numpy
from spacy.strings import hash_string
from spacy.symbols import IDS
from spacy.tokens import Doc, Token


def tokens_where(doc: Doc, attr: int, values: Iterable[str]) -> Iterator[Token]:
    """The tokens whose ``attr`` (LOWER, DEP...) is one of ``values``, in order, found on
    the document's array: a Token is made only for them, not for every word."""
    column = doc.to_array([attr])
    for i in numpy.flatnonzero(numpy.isin(column, string_hashes(frozenset(values)))):
        yield doc[int(i)]


@lru_cache(maxsize=256)
def string_hashes(values: frozenset[str]) -> numpy.ndarray:
    """The spaCy string ids of ``values`` (computed once per set of words): a built-in
    symbol's ("nsubj") or the string's hash."""
    return numpy.array([IDS.get(v, hash_string(v)) for v in values], dtype="uint64")


def windows(starts: Iterable[int], width: int, length: int) -> Iterator[tuple[int, int]]:
    """The stretches ``[start, start + width)`` of ascending ``starts``, overlapping ones merged."""
    current = None
    for start in starts:
        if current and start <= current[1]:
            current = (current[0], min(start + width, length))
            continue
        if current:
            yield current
        current = (start, min(start + width, length))
    if current:
        yield current
