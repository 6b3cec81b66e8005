"""The time-aware knowledge base of officials: who held which office when.

``models/officials.jsonl`` holds people (canonical name, aliases, country, offices with
start and end dates and the source they were checked on); ``models/offices.jsonl`` holds
offices (country, cross-country role, French titles). Users add files of the same format; a
user record whose ``id`` is already known replaces the packaged one (to correct a term).

Terms follow the Wikipedia convention: a term ends on the day the successor's begins. On that
hand-over day :meth:`KnowledgeBase.holder` answers with the incoming holder.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ResourceError
from .resources import load_jsonl, packaged_jsonl
from .text import fold_name


@dataclass(frozen=True)
class Term:
    office: str
    start: dt.date | None
    end: dt.date | None
    source: str | None = None

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

    @property
    def sourced(self) -> bool:
        """True when every term of the person names the page its dates were checked on."""
        return bool(self.terms) and all(t.source for t in self.terms)


@dataclass(frozen=True)
class Office:
    id: str
    country: str
    role: str
    titles: tuple[str, ...] = ()


def parse_day(value: str | None, end: bool = False) -> dt.date | None:
    """An ISO day, month or year; a month or year counts from its first (or to its last) day."""
    if not value:
        return None
    try:
        parts = [int(p) for p in str(value).split("-")]
    except ValueError:
        raise ValueError(f"{value!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)") from None
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
    user_ids: list[str] = field(default_factory=list)   # people read from the user's files

    @classmethod
    def load(cls, user_files: Iterable[str | Path] = (),
             user_office_files: Iterable[str | Path] = ()) -> KnowledgeBase:
        """The packaged knowledge base plus the user's officials and offices files."""
        kb = cls()
        for record in load_jsonl("offices.jsonl", user_office_files):
            kb.add_office(record)
        packaged = len(packaged_jsonl("officials.jsonl"))
        for n, record in enumerate(load_jsonl("officials.jsonl", user_files)):
            kb.add_person(record)
            if n >= packaged and record["id"] not in kb.user_ids:
                kb.user_ids.append(record["id"])
        return kb

    def add_office(self, record: dict) -> None:
        office = Office(record["office"], record["country"], record.get("role", ""),
                        tuple(record.get("titles", ())))
        self.offices[office.id] = office
        if office.id not in self.by_role[(office.country, office.role)]:
            self.by_role[(office.country, office.role)].append(office.id)

    def add_person(self, record: dict) -> None:
        """Index one ``officials.jsonl`` record; a known ``id`` replaces the earlier person."""
        person = person_from_record(record)
        if person.id in self.people:
            self._forget(person.id)
        self.people[person.id] = person
        for name in {person.canonical, *person.aliases}:
            key = fold_name(name)
            if person.id not in self.by_alias[key]:
                self.by_alias[key].append(person.id)
        for term in person.terms:
            self.by_office[term.office].append((term, person.id))

    def _forget(self, person_id: str) -> None:
        for ids in self.by_alias.values():
            if person_id in ids:
                ids.remove(person_id)
        for office, held in self.by_office.items():
            self.by_office[office] = [(t, pid) for t, pid in held if pid != person_id]
        del self.people[person_id]

    def sourced_people(self) -> list[Person]:
        """People every term of whom was checked on a page (``source`` set)."""
        return [p for p in self.people.values() if p.sourced]

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
        """Who held ``office_id`` on ``day``: on a hand-over day the incoming holder; None when
        nobody did, or when the knowledge base cannot tell two holders apart (no guess)."""
        covering = [(term, pid) for term, pid in self.by_office.get(office_id, ())
                    if term.covers(day)]
        ids = {pid for _, pid in covering}
        if len(ids) > 1 and any(term.start == day for term, _ in covering):
            ids = {pid for term, pid in covering if term.end != day}
        return self.people[ids.pop()] if len(ids) == 1 else None

    def holder_between(self, office_id: str, first: dt.date, last: dt.date) -> Person | None:
        """The holder of ``office_id`` over a whole period (a month, a year, a range), when the
        same person held it on its first and its last day; else None."""
        start, end = self.holder(office_id, first), self.holder(office_id, last)
        return start if start is not None and start == end else None

    def offices_for(self, country: str, role: str) -> list[str]:
        return list(self.by_role.get((country, role), ()))

    def role_holder(self, country: str, role: str, day: dt.date,
                    last: dt.date | None = None) -> tuple[Person, str] | None:
        """The holder of the office of ``role`` in ``country`` on ``day`` (over ``day``..``last``
        when a period is given), with the office id."""
        for office_id in self.offices_for(country, role):
            person = self.holder_between(office_id, day, last or day)
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


def person_from_record(record: dict, origin: str = "officials file") -> Person:
    """A :class:`Person` from one ``officials.jsonl`` record; ``ResourceError`` naming the
    record when a field the linker needs is missing or a date is malformed."""
    missing = [key for key in ("id", "canonical") if not record.get(key)]
    if missing:
        raise ResourceError(f"{origin}: record {record!r} lacks {', '.join(missing)}")
    try:
        terms = tuple(
            Term(o["office"], parse_day(o.get("start")), parse_day(o.get("end"), end=True),
                 o.get("source"))
            for o in record.get("offices", ())
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ResourceError(f"{origin}: offices of {record['id']!r} are malformed ({exc}); each "
                            f"needs an 'office' and ISO 'start'/'end' dates") from exc
    return Person(record["id"], record["canonical"], record.get("country"),
                  tuple(record.get("aliases", ())), terms, record.get("wikidata"))
