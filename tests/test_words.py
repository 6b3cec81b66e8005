"""models/words.txt, the rules' word sets: the format its header states, and access by name."""

from __future__ import annotations

from importlib import resources

import pytest

from diplo_ner.components.words import WORDS


def word_sets() -> list[tuple[str, list[str], str]]:
    """Each set of the file in file order: (name, words in file order, the line before it)."""
    text = resources.files("diplo_ner.data").joinpath("words.txt").read_text(encoding="utf-8")
    sets: list[tuple[str, list[str], str]] = []
    previous = ""
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, word = line.partition("\t")
            if sets and sets[-1][0] == name:
                sets[-1][1].append(word)
            else:
                sets.append((name, [word], previous))
        previous = line
    return sets


def test_each_set_is_one_block_opened_by_its_comment():
    names = [name for name, _, _ in word_sets()]
    assert len(names) == len(set(names)), "a set is split in two blocks"
    for name, _, comment in word_sets():
        assert comment.startswith(f"# {name}"), f"{name} lacks its comment"


@pytest.mark.parametrize(
    ("name", "words"), [pytest.param(name, words, id=name) for name, words, _ in word_sets()]
)
def test_words_are_sorted_lower_case_and_unique(name, words):
    assert words == sorted(set(words))
    assert all(word == word.lower() == word.strip() and word for word in words)


def test_sets_are_read_by_name():
    assert "gouvernement" in WORDS.state_nouns
    assert "manœuvre" in WORDS.exercise_triggers and "manoeuvre" in WORDS.exercise_triggers
    assert "s'apprêter" in WORDS.future_governors
    assert WORDS.cue("call") == WORDS.cue_call
    assert WORDS.cue("no such cue") == frozenset()
    with pytest.raises(AttributeError, match="no set 'no_such_set'"):
        _ = WORDS.no_such_set
