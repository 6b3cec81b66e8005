"""The word sets of the rules, from ``models/words.txt`` (read on first use)."""

from __future__ import annotations

from functools import cached_property

from ..resources import load_lines


class Words:
    """``WORDS.state_nouns`` is the set ``state_nouns`` of ``models/words.txt``;
    ``WORDS.cue("call")`` the cue set ``cue_call`` an event trigger may require."""

    @cached_property
    def _sets(self) -> dict[str, frozenset[str]]:
        sets: dict[str, set[str]] = {}
        for entry in load_lines("words.txt"):
            name, _, word = entry.partition("\t")
            sets.setdefault(name.strip(), set()).add(word.strip())
        return {name: frozenset(words) for name, words in sets.items()}

    def __getattr__(self, name: str) -> frozenset[str]:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            words = self._sets[name]
        except KeyError:
            raise AttributeError(f"models/words.txt has no set {name!r}") from None
        setattr(self, name, words)          # later look-ups are plain attributes
        return words

    def cue(self, name: str | None) -> frozenset[str]:
        return self._sets.get(f"cue_{name}", frozenset())


WORDS = Words()
