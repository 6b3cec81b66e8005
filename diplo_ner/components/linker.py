"""diplo_linker: canonical people for names, titles and "son homologue", at the article's date.

- Officials named in full get the knowledge-base person their name denotes; short forms
  ("Bourita", "M. Blinken") take the full name already seen in the document.
- Titles without a name ("le secrétaire d'Etat américain", "SM le Roi", "le chef de la
  diplomatie marocaine") resolve to the holder of the office on the document's date
  (publication date, else the first event date); they are kept in ``doc.spans["titles"]``.
- "son homologue américain" resolves to the holder of the office mirroring the antecedent's
  office in the other country.
The date a title is read at is the one its own sentence gives (an event recalled "en mars
2022"), else the publication date, else the document's first dated event. A month, a year or a
range resolves only when one person held the office all through it. A title whose date or
holder is unknown stays unresolved: its country is kept, so a relation can fall back to the
state, and nothing is guessed.

Users extend the knowledge base with files in the format of ``models/officials.jsonl``
(config ``user_kb``); the linker marks their names as OFFICIAL where the entity ruler did not.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..extensions import register_extensions
from ..kb import KnowledgeBase, Office, Person, parse_day
from ..resources import load_jsonl
from ..text import FAMILY_NAME_FIRST, fold, fold_name, surface_variants
from .arrays import tokens_where, windows
from .dates import dates_by_sentence
from .words import WORDS

TITLES_KEY = "titles"
FOLLOWING_WORDS = 8     # words after a title read for its country ("des Emirats arabes unis")
HOMOLOGUE = "homologue"
ANTECEDENT_SENTENCES = 2      # how many sentences back "son homologue" looks for its antecedent
OWN_LABELS = {"OFFICIAL", "MINISTRY", "TREATY", "MIL_EXERCISE", "COUNTRY"}
OTHER_BODIES = {"ORG", "MISC"}   # a title whose "de" complement names one is another office than a state's
# between a title and the name it announces ("le ministre des Affaires étrangères, de la
# Coopération africaine ..., Nasser Bourita"): these words end the title's reach
APPOSITION_BREAKS = {"qui", "que", "qu'", "qu’", "avec", "par", "pour", "entre", "dont", "où",
                     "contre", "selon", "chez", ";", ":", ".", "!", "?", "(", "«", "»"}
INITIAL = re.compile(r"[A-Z]\.")
PURPOSE_CASES = {"pour"}      # before a noun phrase, the remit of a title; before a verb, a clause
STATE_COMPLEMENT_REACH = 6    # words of a title's complement read for its state ("de la République du Ghana")
APPOSITION_WINDOW = 16        # tokens a title's continuation may span before the name
Period = tuple[dt.date, dt.date]   # first and last day a date expression covers


class Linker:
    """Sets ``span._.canonical``/``kb_id``/``country``/``office``/``resolved_by``."""

    def __init__(self, nlp: Language, kb: KnowledgeBase, role_titles: list[dict],
                 nationalities: dict[str, str], home_country: str | None,
                 user_people: list[Person] = ()):
        self.kb = kb
        self.user_names = PhraseMatcher(nlp.vocab)
        for person in user_people:
            names = {variant for name in (person.canonical, *person.aliases)
                     for variant in surface_variants(name)}
            self.user_names.add(person.id, [nlp.make_doc(name) for name in sorted(names)])
        self.role_titles = role_titles
        self.nationalities = nationalities
        self.home_country = home_country
        self.matcher = Matcher(nlp.vocab)
        self.heads: set[str] | frozenset[str] = {"homologue", "homologues"}   # a title's first words
        self.width = 2                                       # the longest title, in tokens
        nat_single = sorted({f for f in nationalities
                             if " " not in f and "'" not in f and "’" not in f})
        self.nat_single = set(nat_single)
        self.long_forms = sorted(((fold(f), c) for f, c in nationalities.items() if " " in f),
                                 key=lambda fc: -len(fc[0]))
        for n, record in enumerate(role_titles):
            patterns = []
            for variant in surface_variants(record["title"]):
                words = [t.lower_ for t in nlp.make_doc(variant)]
                nat = {"LOWER": {"IN": nat_single}, "OP": "?"}
                head = [{"LOWER": {"IN": _accent_forms(words[0])}}]
                rest = [{"LOWER": {"IN": _accent_forms(w)}} for w in words[1:]]
                patterns.append(head + [nat] + rest + [nat])
                self.heads.update(_accent_forms(words[0]))
                self.width = max(self.width, len(words) + 2)
            self.matcher.add(f"role#{n}", patterns)
        self.matcher.add(HOMOLOGUE, [[{"LOWER": {"IN": ["homologue", "homologues"]}},
                                      {"LOWER": {"IN": nat_single}, "OP": "?"}]])
        self.heads = frozenset(self.heads)

    def __call__(self, doc: Doc) -> Doc:
        register_extensions()
        if len(self.user_names):
            self.mark_user_officials(doc)
        day = doc._.pub_date or _first_date(doc)
        self.link_names(doc, day)
        era = None if day else self.era(doc)
        doc.spans[TITLES_KEY] = self.link_titles(doc, day, era)
        return doc

    def era(self, doc: Doc) -> Period | None:
        """For an undated article, the days when every official it names held office (the
        overlap of their terms): "le Souverain" beside Rumsfeld and Driss Jettou is the king
        of 2002-2006. None when nobody named has left office (the era would be open-ended)
        or the terms never meet."""
        first, last = dt.date.min, dt.date.max
        for ent in doc.ents:
            person = self.kb.people.get(ent._.kb_id or "") if ent.label_ == "OFFICIAL" else None
            if person is None or not person.terms:
                continue
            starts, ends = [t.start for t in person.terms], [t.end for t in person.terms]
            first = max(first, min(starts) if all(starts) else dt.date.min)
            last = min(last, max(ends) if all(ends) else dt.date.max)
        if first == dt.date.min or last == dt.date.max or first > last:
            return None
        return first, last

    def mark_user_officials(self, doc: Doc) -> None:
        """Names of the user's knowledge-base files become OFFICIAL mentions wherever no
        diplo_ner entity covers them (the base model's PER/ORG/... give way)."""
        ours = [e for e in doc.ents if e.label_ in OWN_LABELS]
        taken = {i for e in ours for i in range(e.start, e.end)}
        found = [Span(doc, start, end, label="OFFICIAL", kb_id=doc.vocab.strings[match_id])
                 for match_id, start, end in self.user_names(doc)
                 if not taken.intersection(range(start, end))]
        if not found:
            return
        found = filter_spans(found)
        covered = {i for span in found for i in range(span.start, span.end)}
        others = [e for e in doc.ents if e.label_ in OWN_LABELS
                  or not covered.intersection(range(e.start, e.end))]
        doc.ents = sorted(others + found, key=lambda e: e.start)

    # -- names ----------------------------------------------------------------------------
    def link_names(self, doc: Doc, day: dt.date | None) -> None:
        officials = [e for e in doc.ents if e.label_ == "OFFICIAL"]
        full_names = _by_last_words([e for e in officials if len(e) > 1])
        for ent in officials:
            person = self.kb.people.get(ent.kb_id_) if ent.kb_id_ else None
            how = "name"
            if person is None or len(ent) == 1:
                longer = _longer_form(ent, full_names)
                if longer is not None:
                    ent._.canonical = longer._.canonical or longer.text
                    ent._.kb_id = longer.kb_id_ or longer._.kb_id
                    ent._.country = longer._.country
                    ent._.resolved_by = "short_form"
                    continue
                person = person or self.kb.lookup(ent.text, day)
                how = "alias"
            if person is not None:
                ent._.canonical = person.canonical
                ent._.kb_id = person.id
                ent._.country = person.country
                ent._.resolved_by = how
                held = self.kb.roles_of(person.id, day) if day else []
                ent._.office = held[0].id if len(held) == 1 else None

    # -- titles ---------------------------------------------------------------------------
    def link_titles(self, doc: Doc, day: dt.date | None, era: Period | None = None) -> list[Span]:
        spans = []
        officials = {e.start: e for e in doc.ents if e.label_ == "OFFICIAL"}
        taken = {i for e in officials.values() for i in range(e.start, e.end)}
        # read once a document: a title then looks up its sentence's dates and the officials
        dates = dates_by_sentence(doc)
        people_named = _Officials(list(officials.values()), [s.start for s in doc.sents])
        matches = sorted(self.title_matches(doc), key=lambda m: (m[1], -(m[2] - m[1])))
        last_end = -1
        introduced: dict[tuple[str, str], Span] = {}    # (role, country) -> the official it named
        left: list[tuple[Span, str]] = []               # titles of a state no one was named for yet
        stateless: dict[str, dict[str, Span]] = {}      # role -> officials a title with no state named
        for match_id, start, end in matches:
            if start < last_end or any(i in taken for i in range(start, end)):
                continue
            if _attached_to_another_title(doc, start):
                continue
            if doc[start].pos_ == "ADJ" and doc[start].dep_ == "amod" and doc[start].head.i < start:
                continue                 # "le choix souverain du peuple": an adjective, no title
            key = doc.vocab.strings[match_id]
            span = Span(doc, start, end, label="TITLE")
            period = self.period_of(span, day, dates.get(span.sent.start, []))
            if key == HOMOLOGUE:
                role = self._resolve_homologue(span, spans, period or era, people_named)
                named = _apposed_official(span, officials)
                if named is not None and named.start == span.end and not (   # not after a comma: "Lors
                        span._.kb_id and span._.kb_id == named._.kb_id):       # d'un appel avec son homologue, X a"
                    _set_named(span, named)          # "son homologue portugais Paulo Rangel": Rangel
                if role and span._.country and named is not None and not named.root.dep_.startswith("nsubj"):
                    introduced.setdefault((role, span._.country), named)   # "son homologue malien, X": X is
                elif role and span._.country and not span._.canonical and (   # the minister of Mali
                        only := _only_introduced(introduced, role, span._.country)) is not None:
                    _set_named(span, only)       # "le président malien X ... son homologue malien": X
                if role and span._.country and not span._.canonical:
                    left.append((span, role))    # named later in the article, perhaps
            else:
                record = self.role_titles[int(key.partition("#")[2])]
                self._resolve_role(span, record, period or era, people_named)
                named = _apposed_official(span, officials)
                if named is not None and not _other_office(span) and self._holds_another_role(named, record["role"]):
                    named = None                 # "la fille du président américain, Ivanka Trump": the KB
                                                 # knows her, never a president: the holder stays
                self._resolve_apposition(span, record["role"], period, named, people_named)
                if named is not None and span._.kb_id and span._.kb_id != named._.kb_id and (
                        named.start == span.end or span.root in named.root.ancestors):
                    _forget_person(span)     # "le roi Abdallah II", "le ministre des Affaires étrangères
                    span._.country = (      # ..., M. Ramtane Lamamra": the text names someone else
                        named._.country or self._title_country(span, record))   # than the KB's holder
                if named is not None and not span._.canonical:
                    _set_named(span, named)          # "le président chinois Xi Jinping": Xi
                if named is not None:
                    introduced.setdefault((record["role"], span._.country or named._.country or ""), named)
                    if self._stated_country(span, record) is None:   # "le président de la République, X"
                        stateless.setdefault(record["role"], {})[named._.kb_id or named.text] = named
                elif not span._.canonical and span._.country and (
                        only := _only_introduced(introduced, record["role"], span._.country)) is not None:
                    _set_named(span, only)       # "le chef de l'Etat, X, ... la visite du chef de l'Etat togolais": X
                elif record.get("home") and self._stated_country(span, record) is None and (
                        only := _only_introduced(introduced, record["role"])) is not None:
                    _set_named(span, only)       # "le ministre des Affaires étrangères" of an article
                    span._.country = only._.country or span._.country   # that introduced one, of any state
                elif not span._.canonical and span._.country is None and not _other_office(span) and len(
                        named_by_role := stateless.get(record["role"], {})) == 1:
                    only = next(iter(named_by_role.values()))   # "le président de la République, X, ... le
                    _set_named(span, only)                       # président": X, though the article names
                    span._.country = only._.country              # other presidents
                elif span._.country and (record["role"], span._.country) in introduced:
                    _set_named(span, introduced[record["role"], span._.country])   # "le président
                if not span._.canonical and span._.country:
                    left.append((span, record["role"]))
            spans.append(span)
            last_end = end
        for span, role in left:          # named later: "le chef de la diplomatie panaméenne ... son
            if not span._.canonical and (only := introduced.get((role, span._.country))) is not None:
                _set_named(span, only)   # homologue panaméen, X": X
        return spans

    def title_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The title Matcher's matches, run only on the stretches that start with a title's
        first word (a few per article) instead of on every token."""
        matches = []
        for start, end in windows((t.i for t in tokens_where(doc, LOWER, self.heads)), self.width, len(doc)):
            matches.extend((key, start + s, start + e) for key, s, e in self.matcher(doc[start:end]))
        return matches

    def _resolve_apposition(self, span: Span, role: str, period: Period | None, name: Span | None,
                            people_named: _Officials) -> None:
        """A title followed by the official it names ("le Président américain Donald Trump",
        "le ministre des Affaires étrangères, de la Coopération ..., Nasser Bourita") is that
        official, whatever the date, when the knowledge base gives them an office of the title's
        role (on the date when it is known) in the title's country."""
        if name is None:
            return
        day = period[0] if period else None
        for person in self._candidates(name):
            if span._.country and person.country != span._.country:
                continue
            offices = [o for o in self.kb.roles_of(person.id, day) if o.role == role]
            if offices:
                _set_person(span, person, offices[0].id, "apposition")
                if name._.resolved_by == "short_form" and name._.kb_id != person.id:
                    # "le Président Trump" after both Donald and Ivanka Trump: the title decides
                    people_named.relink(name, person)
                return

    def _holds_another_role(self, name: Span, role: str) -> bool:
        """The knowledge base knows the named person, and never in an office of ``role``."""
        person = self.kb.people.get(name._.kb_id or name.kb_id_ or "")
        return person is not None and bool(person.terms) and all(
            (office := self.kb.offices.get(t.office)) is not None and office.role != role for t in person.terms)

    def _candidates(self, name: Span) -> list[Person]:
        """The person a name mention was linked to, then, for a short form, the other people
        named in full in the document whose name it ends."""
        ids = [name._.kb_id or name.kb_id_]
        if name._.resolved_by == "short_form":
            words = fold_name(name.text).split()
            for other in name.doc.ents:
                if other.label_ == "OFFICIAL" and len(other) > len(name) and other._.kb_id \
                        and fold_name(other.text).split()[-len(words):] == words:
                    ids.append(other._.kb_id)
        return [self.kb.people[i] for i in dict.fromkeys(ids) if i in self.kb.people]

    def _title_country(self, span: Span, record: dict) -> str | None:
        stated = self._stated_country(span, record)
        return stated if stated is not None or not record.get("home") else self.home_country

    def _stated_country(self, span: Span, record: dict) -> str | None:
        """The state the title names (a nationality, a complement) or always denotes."""
        doc = span.doc
        for token in span:
            if token.lower_ in self.nat_single and token.i != span.start:
                return self.nationalities[token.lower_]
        following = fold(doc[span.end:span.end + FOLLOWING_WORDS].text) + " "
        for form, code in self.long_forms:      # longest first: "du royaume-uni" before "du royaume"
            if following.startswith(form + " "):
                return code
        state = _state_complement(span)
        if state is not None:                   # "président de la République islamique de Mauritanie"
            return state
        return record.get("country")

    def period_of(self, span: Span, day: dt.date | None,
                  sentence_dates: list[Span]) -> Period | None:
        """The days a title is read at: the dates of its own sentence (``sentence_dates``) when
        they all name one period, else the document's day (publication date, else first dated
        event)."""
        periods = {_period(d._.date_value) for d in sentence_dates}
        periods.discard(None)
        if len(periods) == 1:
            return periods.pop()
        return (day, day) if day else None

    def _resolve_role(self, span: Span, record: dict, period: Period | None,
                      people_named: _Officials) -> None:
        country = self._title_country(span, record)
        span._.country = country
        if country is None and _other_office(span):
            return                       # "le président de la Chambre des représentants"
        if country is None or period is None:
            self._resolve_in_document(span, record["role"], country, people_named)
            return
        found = self.kb.role_holder(country, record["role"], *period)
        if found:
            person, office = found
            _set_person(span, person, office, "title@date")
        else:
            self._resolve_in_document(span, record["role"], country, people_named)

    def _resolve_in_document(self, span: Span, role: str, country: str | None,
                             people_named: _Officials) -> None:
        """With no date to settle it, a title denotes the one official named in the article
        who held that office at some time ("Miguel Angel Moratinos ... le chef de la
        diplomatie espagnole"); with none or several, it stays unresolved."""
        found = {}
        for kb_id in people_named.people:
            person = self.kb.people.get(kb_id)
            if person is None:
                continue
            for term in person.terms:
                office = self.kb.offices.get(term.office)
                if office and office.role == role and country in (None, office.country) and (
                        _named_by(office, span)):
                    found[person.id] = (person, office.id)
        if len(found) == 1:
            person, office = next(iter(found.values()))
            _set_person(span, person, office, "title@document")

    def _resolve_homologue(self, span: Span, earlier: list[Span], period: Period | None,
                           people_named: _Officials) -> str | None:
        """Resolves "son homologue <nationality>" at the date; returns the antecedent's role
        (the one role it held, or held at the date), which the homologue shares."""
        country = None
        if len(span) > 1 and span[-1].lower_ in self.nat_single:
            country = self.nationalities[span[-1].lower_]
        span._.country = country
        antecedent = people_named.nearest(span, earlier)
        if antecedent is None or country is None:
            return None
        offices = self.kb.roles_of(antecedent._.kb_id or "", period[0] if period else None)
        titled = [t._.office for t in earlier if t._.kb_id == antecedent._.kb_id and t._.office]
        stated = self.kb.offices.get(antecedent._.office or (titled[-1] if titled else ""))   # "le ministre
                                        # des Affaires étrangères, X": the office the article gave X
        roles = {stated.role} if stated is not None else {o.role for o in offices}
        if period is not None:
            first, last = period
            for office in offices:
                found = self.kb.role_holder(country, office.role, first, last)
                if found and found[0].id != antecedent._.kb_id:
                    _set_person(span, found[0], found[1], "homologue")
                    break
        return roles.pop() if len(roles) == 1 else None

    def to_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> Linker:
        return self


class _Officials:
    """The officials a document names, by position and by person, read once per document: a
    title looks at a few sentences ("son homologue") or at the people named, not at every
    entity of the document again."""

    def __init__(self, officials: list[Span], sentence_starts: list[int]):
        self.officials = officials              # in document order
        self.sentence_starts = sentence_starts
        self.people = Counter(e._.kb_id for e in officials if e._.kb_id)   # kb_id -> mentions

    def relink(self, name: Span, person: Person) -> None:
        """``name`` denotes ``person`` after all."""
        if name._.kb_id:
            self.people[name._.kb_id] -= 1
            if not self.people[name._.kb_id]:
                del self.people[name._.kb_id]
        self.people[person.id] += 1
        name._.canonical, name._.kb_id = person.canonical, person.id
        name._.country = person.country

    def nearest(self, span: Span, earlier: list[Span]) -> Span | None:
        """The nearest resolved official or title (``earlier``, in document order) before
        ``span`` within a few sentences, else the nearest official after it in the same
        sentence ("Outre les discussions avec son homologue, le ministre ...")."""
        index = bisect_right(self.sentence_starts, span.start) - 1
        window_start = self.sentence_starts[max(0, index - ANTECEDENT_SENTENCES)]
        before = [c for c in (_last_resolved(self.officials, window_start, span.start),
                              _last_resolved(earlier, window_start, span.start)) if c is not None]
        if before:
            return max(before, key=lambda c: c.start)
        sent_end = (self.sentence_starts[index + 1] if index + 1 < len(self.sentence_starts)
                    else len(span.doc))
        return _first_resolved(self.officials, span.end, sent_end)   # earlier titles all precede


def _last_resolved(spans: list[Span], low: int, high: int) -> Span | None:
    """The span with a knowledge-base id that starts last in ``low``..``high`` (``spans`` in
    document order)."""
    first = bisect_left(spans, low, key=lambda s: s.start)
    for n in range(bisect_left(spans, high, key=lambda s: s.start) - 1, first - 1, -1):
        if spans[n]._.kb_id:
            return spans[n]
    return None


def _first_resolved(spans: list[Span], low: int, high: int) -> Span | None:
    """The span with a knowledge-base id that starts first in ``low``..``high``."""
    for n in range(bisect_left(spans, low, key=lambda s: s.start), len(spans)):
        if spans[n].start >= high:
            break
        if spans[n]._.kb_id:
            return spans[n]
    return None


def _accent_forms(word: str) -> list[str]:
    """A lower-case word with and without its accents ("état", "etat")."""
    import unicodedata

    bare = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return sorted({word, bare, word.replace("'", "’"), bare.replace("'", "’")})


def _set_person(span: Span, person, office: str, how: str) -> None:
    span._.canonical = person.canonical
    span._.kb_id = person.id
    span._.country = person.country
    span._.office = office
    span._.resolved_by = how


def _state_complement(span: Span) -> str | None:
    """The state a title's "de" complement names ("de la République islamique de Mauritanie",
    a COUNTRY entity that starts within the complement's first words)."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].lower_ not in ("de", "du", "des", "d'", "d’"):
        return None
    k = span.end + 1
    while k < len(doc) and k < span.end + STATE_COMPLEMENT_REACH and (   # "de la République (islamique)
            doc[k].pos_ in ("DET", "ADP", "ADJ") or doc[k].lower_ in WORDS.state_complements):   # du Ghana"
        k += 1
    for k in range(span.end + 1, min(max(k + 1, span.end + 4), len(doc))):
        if doc[k].ent_iob_ == "B" and doc[k].ent_type_ == "COUNTRY":
            end = k + 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            return Span(doc, k, end, label="COUNTRY")._.country   # the entity's (kept by offsets)
    return None


def _named_by(office: Office, title: Span) -> bool:
    """The office is one the title's head word names: a "président" is no king, though both
    are heads of state (an office with no French titles listed takes any)."""
    head = fold(title[0].text)
    return not office.titles or any(head in fold(t).split() for t in office.titles)


def _other_office(span: Span) -> bool:
    """A title whose "de" complement is a common noun naming no state is another office
    ("président du Sénat", "président de la Chambre des représentants"), except "président de
    la République"."""
    doc = span.doc
    k = span.end
    if k >= len(doc) or doc[k].lower_ not in ("de", "du", "des", "d'", "d’"):
        return False
    k += 1
    while k < len(doc) and doc[k].pos_ == "DET":
        k += 1
    if k < len(doc) and doc[k].ent_type_ in OTHER_BODIES:
        return True                      # "le président de la Banque mondiale"
    if k >= len(doc) or doc[k].ent_type_ or doc[k].pos_ == "PROPN":
        return False                     # "l'envoyé spécial de Ban Ki-moon": the envoy the article names
    return doc[k].lower_ not in WORDS.state_complements


def _only_introduced(introduced: dict[tuple[str, str], Span], role: str, country: str | None = None) -> Span | None:
    """The one official the article introduced with a title of ``role``, whatever the state,
    or, with ``country``, of that state or of none the text or the KB says."""
    named = {n.start: n for (r, _), n in introduced.items()
             if r == role and (country is None or n._.country in (None, country))}
    return next(iter(named.values())) if len(named) == 1 else None


def _set_named(span: Span, named: Span) -> None:
    """A title the article used before to introduce an official by name denotes that official
    again ("le président sénégalais Macky Sall ... le chef de l'Etat sénégalais"), whether
    the knowledge base knows them or not."""
    span._.canonical = named._.canonical or named.text
    span._.kb_id = named._.kb_id or None
    span._.resolved_by = "article"


def _forget_person(span: Span) -> None:
    """A title that names another person than the office holder the date gave it (its
    country stays: "le président américain X")."""
    span._.canonical = span._.kb_id = span._.office = span._.resolved_by = None


def _by_last_words(full_names: list[Span]) -> dict[tuple[str, ...], list[Span]]:
    """Official names of several words by each shorter run of words they end with ("Nasser
    Bourita" under ("bourita",)), in document order."""
    by_ending: dict[tuple[str, ...], list[Span]] = {}
    for name in full_names:
        words = fold_name(name.text).split()
        for k in range(1, len(words)):
            by_ending.setdefault(tuple(words[-k:]), []).append(name)
        if name._.country in FAMILY_NAME_FIRST:     # "Hu Jintao ... M. Hu": the family name leads
            by_ending.setdefault((words[0],), []).append(name)
    return by_ending


def _longer_form(ent: Span, full_names: dict[tuple[str, ...], list[Span]]) -> Span | None:
    """The longer official name in the document that ends with ``ent``'s words, nearest to it
    (the earlier of two as near); ``full_names`` from :func:`_by_last_words`."""
    longer = full_names.get(tuple(fold_name(ent.text).split()), [])
    n = bisect_left(longer, ent.start, key=lambda s: s.start)
    before = longer[n - 1] if n else None
    n += n < len(longer) and longer[n].start == ent.start     # not the mention itself
    after = longer[n] if n < len(longer) else None
    if before is None or (after is not None and after.start - ent.start < ent.start - before.start):
        return after
    return before


def _attached_to_another_title(doc: Doc, start: int) -> bool:
    """The title follows "auprès du/de la/des" (a delegate minister's attachment)."""
    before = [t.lower_ for t in doc[max(0, start - 3):start]]
    return any(word in WORDS.attached_to for word in before)


def _apposed_official(span: Span, officials: dict[int, Span]) -> Span | None:
    """The OFFICIAL mention right after a title, or after the title's comma-separated
    continuation, in the same clause; None when a verb, a relative or a preposition that
    introduces another party comes first."""
    doc = span.doc
    sent_end = span.sent.end
    for i in range(span.end, min(span.end + APPOSITION_WINDOW, sent_end)):
        if i in officials:
            j = i - 1
            while j > span.end and (INITIAL.fullmatch(doc[j].text) or doc[j].lower_ in WORDS.noble_titles
                                    or doc[j].pos_ == "DET" and doc[j + 1].lower_ in WORDS.noble_titles):
                j -= 1                   # "..., J. Peter Pham" with the initial left out of the name,
                                         # "..., le prince Faisal Ben Farhan"
            return officials[i] if i == span.end or doc[j].text == "," else None
        token = doc[i]
        if token.lower_ in PURPOSE_CASES and i + 1 < sent_end and doc[i + 1].pos_ in ("DET", "NOUN", "PROPN"):
            continue                     # "l'envoyé spécial pour le Sahel, X": the title's remit
        if token.lower_ in APPOSITION_BREAKS or "Fin" in token.morph.get("VerbForm"):
            return None
    return None


def _period(value: str | None) -> Period | None:
    """First and last day of an ISO date value: a day, a month, a year or a "start/end" range."""
    if not value:
        return None
    first, _, last = value.partition("/")
    try:
        return parse_day(first), parse_day(last or first, end=True)
    except ValueError:
        return None


def _first_date(doc: Doc) -> dt.date | None:
    for span in doc.spans.get("dates", ()):
        value = span._.date_value
        if value and len(value) >= 10:
            return dt.date.fromisoformat(value[:10])
    return None


@Language.factory(
    "diplo_linker",
    assigns=["span._.canonical", "span._.kb_id", "span._.office", "doc.spans", "doc.ents"],
    requires=["doc.ents", "doc._.pub_date"],
    default_config={"user_kb": [], "user_officials": [], "user_offices": [], "user_titles": [],
                    "home_country": "MA"},
)
def make_linker(nlp: Language, name: str, user_kb: list[str], user_officials: list[str],
                user_offices: list[str], user_titles: list[str],
                home_country: str | None) -> Linker:
    """Factory of :class:`Linker`. ``user_kb`` (or its older name ``user_officials``): files of
    people in the format of ``models/officials.jsonl``, whose names are also marked as OFFICIAL;
    ``user_offices``: offices in the format of ``offices.jsonl``; ``user_titles``: titles in the
    format of ``role_titles.jsonl``; ``home_country`` is the state a nationless "ministre des
    Affaires étrangères" denotes (the press this library reads is Moroccan: "MA"; None to never
    assume one)."""
    user_files = [*user_kb, *user_officials]
    kb = KnowledgeBase.load(user_files, user_offices)
    nationalities = {}
    for record in load_jsonl("nationalities.jsonl"):
        for form in record["forms"]:
            nationalities[form.lower()] = record["code"]
    titles = load_jsonl("role_titles.jsonl", user_titles)
    return Linker(nlp, kb, titles, nationalities, home_country, [kb.people[i] for i in kb.user_ids])
