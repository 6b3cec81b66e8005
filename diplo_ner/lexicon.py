"""The rule data behind the entity rulers and the linker, loaded from ``models/`` and the
user's files into plain structures (no spaCy objects), so it can be built once and shared."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .resources import load_jsonl, load_lines
from .text import fold

WEAK_MARK = "weak"  # title_heads.txt: a head that needs a public complement


@dataclass(frozen=True)
class Entry:
    """A name the rulers look for, with what a match of it means."""

    label: str
    canonical: str
    kb_id: str | None = None
    country: str | None = None


@dataclass
class Lexicon:
    """Names by label, nationality forms and title heads, read from the data files."""

    names: dict[str, Entry] = field(default_factory=dict)  # surface name -> entry
    capitals: dict[str, Entry] = field(default_factory=dict)  # capital -> its state
    regions: list[str] = field(default_factory=list)
    exercises: dict[str, str] = field(default_factory=dict)  # folded name -> canonical
    nationalities: dict[str, str] = field(default_factory=dict)  # lower-case form -> ISO2
    country_names: dict[str, str] = field(default_factory=dict)  # ISO2 -> canonical name
    title_heads: frozenset[str] = frozenset()
    weak_title_heads: frozenset[str] = frozenset()  # need a public complement
    public_markers: frozenset[str] = frozenset()
    treaty_heads: tuple[str, ...] = ()

    def add(self, name: str, entry: Entry) -> None:
        self.names.setdefault(name, entry)


def build_lexicon(
    officials: Iterable[dict],
    user_files: dict[str, list[str | Path]] | None = None,
) -> Lexicon:
    """Assemble the lexicon from the packaged data and ``user_files`` (keyed by data file name,
    e.g. ``{"exercises.txt": ["my_exercises.txt"]}``)."""
    user = user_files or {}
    lex = Lexicon()
    for person in officials:
        entry = Entry("OFFICIAL", person["canonical"], person.get("id"), person.get("country"))
        for name in [person["canonical"], *person.get("aliases", [])]:
            lex.add(name, entry)
    for country in load_jsonl("countries.jsonl", user.get("countries.jsonl", ())):
        entry = Entry("COUNTRY", country["canonical"], None, country["code"])
        lex.country_names[country["code"]] = country["canonical"]
        for name in country["names"]:
            lex.add(name, entry)
        for capital in country.get("capitals", []):
            lex.capitals[capital] = entry
    for ministry in load_jsonl("ministries.jsonl", user.get("ministries.jsonl", ())):
        entry = Entry("MINISTRY", ministry["canonical"], None, ministry.get("country"))
        for name in [ministry["canonical"], *ministry.get("names", [])]:
            lex.add(name, entry)
    for treaty in load_jsonl("treaties.jsonl", user.get("treaties.jsonl", ())):
        entry = Entry("TREATY", treaty["canonical"])
        for name in [treaty["canonical"], *treaty.get("names", [])]:
            lex.add(name, entry)
    for name in load_lines("exercises.txt", user.get("exercises.txt", ())):
        lex.exercises[fold(name)] = name
    lex.regions = load_lines("regions.txt", user.get("regions.txt", ()))
    for record in load_jsonl("nationalities.jsonl", user.get("nationalities.jsonl", ())):
        for form in record["forms"]:
            lex.nationalities[form.lower()] = record["code"]
    heads = [
        line.split() for line in load_lines("title_heads.txt", user.get("title_heads.txt", ()))
    ]
    lex.title_heads = frozenset(words[0] for words in heads)
    lex.weak_title_heads = frozenset(words[0] for words in heads if WEAK_MARK in words[1:])
    lex.public_markers = frozenset(
        fold(word) for word in load_lines("public_markers.txt", user.get("public_markers.txt", ()))
    )
    lex.treaty_heads = tuple(load_lines("treaty_heads.txt", user.get("treaty_heads.txt", ())))
    return lex
