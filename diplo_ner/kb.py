"""The time-aware knowledge base of officials: who held which office when.

``models/officials.jsonl`` holds people (canonical name, aliases, country, offices with
start and end dates and the source they were checked on); ``models/offices.jsonl`` holds
offices (country, cross-country role, French titles). Users add files of the same format.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .resources import load_jsonl
from .text import fold_name


@dataclass(frozen=True)
class Term:
    office: str
    start: dt.date | None
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Person:
    id: str
    canonical: str
    country: str | None
    aliases: tuple[str, ...] = ()
    terms: tuple[Term, ...] = ()
    wikidata: str | None = None


@dataclass(frozen=True)
class Office:
    id: str
    country: str
    role: str
    titles: tuple[str, ...] = ()


def _parse_day(value: str | None, end: bool = False) -> dt.date | None:
    """An ISO day, month or year; a month or year counts from its first (or to its last) day."""
    if not value:
        return None
    parts = [int(p) for p in str(value).split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else (12 if end else 1)
    if len(parts) > 2:
        return dt.date(year, month, parts[2])
    if not end:
        return dt.date(year, month, 1)
    next_month = dt.date(year + month // 12, month % 12 + 1, 1)
    return next_month - dt.timedelta(days=1)


@dataclass
class KnowledgeBase:
    """People and offices, indexed by folded alias, office and (country, role)."""

    people: dict[str, Person] = field(default_factory=dict)
    offices: dict[str, Office] = field(default_factory=dict)
    by_alias: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_office: dict[str, list[tuple[Term, str]]] = field(default_factory=lambda: defaultdict(list))
    by_role: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def load(cls, user_files: Iterable[str | Path] = (), user_office_files: Iterable[str | Path] = ()) -> KnowledgeBase:
        """The packaged knowledge base plus the user's officials and offices files."""
        kb = cls()
        for record in load_jsonl("offices.jsonl", user_office_files):
            kb.add_office(record)
        for record in load_jsonl("officials.jsonl", user_files):
            kb.add_person(record)
        return kb

    def add_office(self, record: dict) -> None:
        office = Office(record["office"], record["country"], record.get("role", ""),
                        tuple(record.get("titles", ())))
        self.offices[office.id] = office
        if office.id not in self.by_role[(office.country, office.role)]:
            self.by_role[(office.country, office.role)].append(office.id)

    def add_person(self, record: dict) -> None:
        terms = tuple(
            Term(o["office"], _parse_day(o.get("start")), _parse_day(o.get("end"), end=True))
            for o in record.get("offices", ())
        )
        person = Person(record["id"], record["canonical"], record.get("country"),
                        tuple(record.get("aliases", ())), terms, record.get("wikidata"))
        self.people[person.id] = person
        for name in {person.canonical, *person.aliases}:
            key = fold_name(name)
            if person.id not in self.by_alias[key]:
                self.by_alias[key].append(person.id)
        for term in terms:
            self.by_office[term.office].append((term, person.id))

    def raw_records(self) -> list[dict]:
        """People as plain records (what the entity ruler needs to build its name patterns)."""
        return [{"id": p.id, "canonical": p.canonical, "aliases": list(p.aliases),
                 "country": p.country} for p in self.people.values()]

    def lookup(self, name: str, day: dt.date | None = None) -> Person | None:
        """The person a name denotes; an ambiguous name is settled by who held office on ``day``."""
        ids = self.by_alias.get(fold_name(name), [])
        if len(ids) == 1:
            return self.people[ids[0]]
        if day and ids:
            active = [i for i in ids if any(t.covers(day) for t in self.people[i].terms)]
            if len(active) == 1:
                return self.people[active[0]]
        return None

    def holder(self, office_id: str, day: dt.date) -> Person | None:
        """Who held ``office_id`` on ``day`` (None when nobody, or several, did)."""
        ids = {pid for term, pid in self.by_office.get(office_id, ()) if term.covers(day)}
        return self.people[ids.pop()] if len(ids) == 1 else None

    def offices_for(self, country: str, role: str) -> list[str]:
        return list(self.by_role.get((country, role), ()))

    def role_holder(self, country: str, role: str, day: dt.date) -> tuple[Person, str] | None:
        """The holder of the office of ``role`` in ``country`` on ``day``, with the office id."""
        for office_id in self.offices_for(country, role):
            person = self.holder(office_id, day)
            if person:
                return person, office_id
        return None

    def roles_of(self, person_id: str, day: dt.date | None) -> list[Office]:
        """Offices ``person_id`` held on ``day`` (all of them when the day is unknown)."""
        person = self.people.get(person_id)
        if not person:
            return []
        terms = [t for t in person.terms if day is None or t.covers(day)]
        return [self.offices[t.office] for t in terms if t.office in self.offices]
