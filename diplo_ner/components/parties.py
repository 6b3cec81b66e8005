"""The parties of an event trigger: which official, ministry or state a token of the parse
denotes (:class:`PartyIndex`), through entities, resolved titles, appositions, pronouns,
role nouns ("le diplomate"), "les deux ministres" and lists the parser lost.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, ORTH
from spacy.tokens import Doc, Span, Token

from ..text import HONORIFICS, fold, fold_name
from ..types import SYMMETRIC_TYPES
from .arrays import tokens_where
from .syntax import (
    AGENT_REACH,
    CLAUSE_END,
    DEMONSTRATIVES,
    NOUN_ACTOR_CASES,
    OBJECT_DEPS,
    ON_BEHALF_CASES,
    PASSIVE_SUBJECT_DEPS,
    REFLEXIVE_PRONOUNS,
    SUBJECT_DEPS,
    bare_participle,
    cases_of,
    clause_start,
    governed_by_preposition,
    governing_verb,
    inverted_speaker,
    is_passive,
    pair_noun,
    passive_agents,
    predicate_of,
    qualified_noun,
    reporting_verb,
    takes_place,
    with_conjuncts,
)
from .words import WORDS

PARTY_LABELS = {"OFFICIAL", "MINISTRY", "COUNTRY"}
DISCOURSE_KINDS = ("group", "member", "composed", "led", "head", "gathering", "affords", "plural_pronoun",
                   "announce")   # models/discourse.txt
MEMBER_MARKS = {"de", "d'", "d’", "du", "des"}     # "composée de A, de B et du ministre C"
LIST_JOINS = {",", "et", "ainsi"}
PLACE_LIST_JOINS = {"et", "puis", "enfin"}       # "au Mali, en Guinée, puis au Niger"
ARTICLE_GENDERS = {"le": "Masc", "la": "Fem", "un": "Masc", "une": "Fem", "ce": "Masc", "cet": "Masc", "cette": "Fem"}
HONORIFIC_GENDERS = {"mme": "Fem", "madame": "Fem", "mlle": "Fem", "m.": "Masc", "monsieur": "Masc"}
OBJECT_CLITICS = {"l'", "l’", "le", "la"}    # "X l'a reçu": an official told before
PRONOUN_GENDERS = {"il": "Masc", "elle": "Fem"}
GROUP_DETS = DEMONSTRATIVES | {"le", "la", "l'", "l’", "les"}     # "la délégation", "cette délégation"
SHARING_DEPS = {"acl", "acl:relcl", "xcomp", "conj", "advcl"}   # clauses that share their head's subject
EXAMPLE_CASES = {"comme", "notamment"}     # "des personnalités comme X, Y"
SECONDARY_LABELS = {"PER", "ORG"}       # a party only beside an official, ministry or state
OBJECT_LABELS = {"TREATY", "MIL_EXERCISE"}
AGAINST_CASES = {"contre"}
DEFINITE_OR_DEMONSTRATIVE = {"le", "la", "l'", "l’", "les", "ce", "cet", "cette", "ces"}
APPOSITION_REACH = 15      # tokens back over "X, <apposition>, et Y" to find X
DATELINE_DASHES = {"-", "–", "—"}
SUBJECT_PARTY_DEPS = ("nsubj", "nsubj:pass", "obl:agent")   # whose parties make "subject_parties"
OBLIQUE_DEPS = {"obl", "obl:arg", "obl:mod", "obl:agent", "nmod", "iobj"}
ARGUMENT_DEPS = OBLIQUE_DEPS - {"obl:mod"}      # not the time and place adjuncts
WITH = frozenset({"avec"})
POSSESSIVES = {"son", "sa", "ses", "leur", "leurs"}
SINGULAR_POSSESSIVES = {"son", "sa", "ses"}   # one owner, whom "possessor_of" finds
NAMED_RESOLUTIONS = {"name", "alias", "short_form"}
ARMY_REACH = 4           # words back from "et" to the first army of a coordination
NOUN_PHRASE_REACH = 16      # tokens a noun trigger's phrase is read over
TITLE_TO_NAME = 4           # words between a title and the name it introduces
TITLE_PHRASE_REACH = 12     # words from a title over its complement to the name after a comma
PLAN_REACH = 10             # words before a participle or relative clause that may name its plan
LIST_MARK_REACH = 6         # words into the next sentence where "ce sont :" announces a list
DESTINATION_REACH = 5       # words from a travel verb to its "à X"
DESTINATION_CASES = {"à", "au", "aux", "en"}
BETWEEN_REACH = 4           # words from a noun trigger to its "entre"
ROLE_NOUN_SENTENCES = 3     # how far back "le diplomate" looks for the official it takes up
CLOSING_QUOTES = {"»", "”"}
RELATIVE_HOPS = 3           # steps from a relative clause up to its antecedent
MODAL_HOPS = 3
RELATIVE_PRONOUNS = {"qui", "que", "qu'", "qu’", "lequel", "laquelle", "lesquels", "lesquelles", "dont"}
SUBJECT_PRONOUNS = {"il", "elle"}
FIRST_PERSON = {"je", "j'", "j’", "nous", "ma", "mon", "mes"}      # the speaker of reported words
SECOND_PERSON = {"vous"}                                      # whom they are said to
ADDRESSEE_CASES = {"à", "au", "aux"}
OPENING_QUOTES = {"«", "“"}
REPORTED_DEPS = {"ccomp", "xcomp"}        # a clause that reports what its head's subject says
STRAIGHT_QUOTES = {'"'}
QUOTE_REACH = 120           # tokens a quotation spanning sentences is followed over
LOCATIVE_PREPOSITIONS = {"à", "au", "aux", "en", "dans", "depuis", "vers", "de", "du", "des", "d'", "d’"}
BARE_TITLE_DETS = {"le", "la", "l'", "l’", "ce", "cette"}


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str
    type: str
    cameo: str | None
    preps: frozenset[str]
    requires_object: str | None = None
    requires_cue: str | None = None
    destination: bool = False
    reflexive: bool = False
    requires_plan: bool = False      # an evaluation verb counts only about a state's plan
    predicate: bool = False          # a noun or adjective that counts only after a copula


@dataclass(frozen=True)
class Party:
    """One side of an interaction."""

    name: str
    label: str
    start: int                 # token offsets of the mention
    end: int
    kb_id: str | None = None
    country: str | None = None

    @property
    def key(self) -> str:
        return fold(self.name)


SET_OFF_MARKS = {"-", "–", "—", ",", "("}   # what sets a detached participle off its noun


class PartyIndex:
    """Maps parse tokens to parties: entities, resolved titles, "les deux ...", plans."""

    def __init__(self, doc: Doc, country_names: dict[str, str], nationalities: dict[str, str] | None = None,
                 places: dict[str, str] | None = None, home_country: str | None = "MA",
                 discourse: dict[str, set[str]] | None = None):
        self.doc = doc
        self.discourse = discourse or {kind: set() for kind in DISCOURSE_KINDS}
        self.places = places or {}
        self.country_names = country_names
        self.nationalities = nationalities or {}
        self.home_country = home_country
        self.by_token: dict[int, Party] = {}
        self.objects: dict[int, Party] = {}
        ents = doc.ents                   # built anew at each access: read once
        self.display = _display_names(ents)
        titled = {i for title in doc.spans.get("titles", ()) for i in range(title.start, title.end)}
        for ent in ents:
            if ent.label_ in SECONDARY_LABELS:
                if not _is_full_name(ent) or any(i in titled for i in range(ent.start, ent.end)):
                    continue             # "Rabat - Le ministre des Affaires étrangères" tagged ORG
                for i in range(ent.start, ent.end):
                    self.by_token[i] = Party(_strip_honorifics(ent.text), ent.label_, ent.start, ent.end)
            elif ent.label_ in PARTY_LABELS | OBJECT_LABELS:
                kb_id = ent._.kb_id or ent.kb_id_ or None
                name = self.display.get(kb_id) or ent._.canonical or ent.text
                party = Party(name, ent.label_, ent.start, ent.end, kb_id, ent._.country)
                target = self.objects if ent.label_ in OBJECT_LABELS else self.by_token
                for i in range(ent.start, ent.end):
                    target[i] = party
        for ent in ents:                 # "avec le ministère des Affaires étrangères, Nasser Bourita"
            head = self.by_token.get(ent.end + 1) if ent.label_ == "MINISTRY" and ent.end + 1 < len(doc) else None
            if head is not None and doc[ent.end].text == "," and head.label == "OFFICIAL" \
                    and head.start == ent.end + 1 and ent._.country in (None, head.country):
                for i in range(ent.start, ent.end):
                    self.by_token[i] = head
        self.speaker: Party | None = None    # who says the reported words of the current sentence
        self.said_before = -1
        self.addressee: Party | None = None   # whom the reported words are said to ("vous")
        self.quote_closings = _quotation_closings(doc)
        self.report_verbs = [t.i for t in tokens_where(doc, LEMMA, WORDS.report_verbs)]   # positions
        self._bare_titles = _introduced_officials(doc, self.by_token)
        self.subject_parties: list[tuple[int, Party]] = []
        self.title_tokens: set[int] = set()
        self.dated = {i for span in doc.spans.get("dates", ()) for i in range(span.start, span.end)}
        for title in doc.spans.get("titles", ()):
            party = self._named_after(title) or self._title_party(title)
            if party is None:
                continue
            for i in range(title.start, title.end):
                self.by_token.setdefault(i, party)
                self.title_tokens.add(i)
        self.unplaced_visits: list[tuple[Token, Trigger, Party]] = []   # (noun, trigger, visitor), no destination
        self.groups: list[tuple[int, list[Party]]] = []    # group nouns with known members, in order
        for token in tokens_where(doc, LOWER, self.discourse["group"]):
            members = self.own_members(token)
            if members:
                self.groups.append((token.i, members))
        for token in tokens_where(doc, DEP, SUBJECT_PARTY_DEPS):
            party = self.party_of(token)
            if party is None and token.lemma_.lower() in WORDS.title_lemmas:   # "le ministre ..., X, est"
                party = next(iter(self.named_in_title(token)), None)
            if party is not None:
                self.subject_parties.append((token.i, party))

    def _named_after(self, title: Span) -> Party | None:
        """The official a title introduces ("la secrétaire d'Etat adjointe américaine, Wendy
        Sherman"): the title describes that person, whoever held the office it names."""
        doc = title.doc
        i = title.end
        while i < min(title.end + TITLE_TO_NAME, len(doc)):
            party = self.by_token.get(i)
            if party is not None:       # not the subject of the next clause: "..., X a salué"
                subject = doc[party.start].dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS
                if party.label != "OFFICIAL" or subject:
                    return None
                # an official the knowledge base does not know serves the title's country
                return party if party.country else replace(party, country=title._.country)
            if doc[i].pos_ not in ("ADJ", "NOUN", "PUNCT") or doc[i].text in CLAUSE_END:
                return None
            i += 1
        return None

    def _title_party(self, title: Span) -> Party | None:
        if title._.kb_id or (title._.resolved_by == "article" and title._.canonical):
            name = self.display.get(title._.kb_id) or title._.canonical
            return Party(name, "OFFICIAL", title.start, title.end, title._.kb_id, title._.country)
        state = self.country_names.get(title._.country or "")
        return Party(state, "COUNTRY", title.start, title.end, None, title._.country) if state else None

    def party_of(self, token: Token, destination: bool = False, adjectives: bool = False) -> Party | None:
        """The party a head token denotes: its entity, a named apposition, its title."""
        own = self.by_token.get(token.i)
        if own is None or own.label != "OFFICIAL" or token.i in self.title_tokens:
            for child in token.children:       # "le ministre ..., X": the named official
                if child.dep_ in ("appos", "flat:name") and child.i in self.by_token:
                    named = self.by_token[child.i]
                    if named.label == "OFFICIAL":   # serves the title's country if the KB can't tell
                        return named if named.country or own is None else replace(named, country=own.country)
        if own is not None and own.label == "COUNTRY" and token.i in self.title_tokens and (
                token.lemma_.lower() in WORDS.role_nouns and token.dep_.startswith("nsubj")):
            return self.official_taken_up(token) or own    # "l'émissaire de Washington": the US
        if own is not None:                                # official of the story, if any
            return own
        if adjectives and token.dep_ == "amod":
            return None
        if token.lower_ in WORDS.latter_words and any(c.lower_ in DEMONSTRATIVES for c in token.children):
            return self.last_named_before(token, "OFFICIAL")    # "lors de la visite de ce dernier"
        if token.lower_ in WORDS.honorifics_text:   # "SM le Roi Mohammed VI", parsed SM ← Roi ← Mohammed
            named = next((self.by_token[t.i] for t in token.subtree
                          if t.i in self.by_token and self.by_token[t.i].label == "OFFICIAL"), None)
            if named is not None:
                return named
        if token.lower_ in WORDS.state_nouns and not bare_complement(token):   # "le gouvernement américain",
                                                   # "les autorités du Maroc"; not "une visite d'Etat du ..."
            states = self.nationality_states(c for c in token.children if c.dep_ == "amod")
            states += [self.as_state(p) for c in token.children if c.dep_ == "nmod" and cases_of(c) & NOUN_ACTOR_CASES
                       for p in [self.party_of(c)] if p is not None and self.as_state(p).label == "COUNTRY"]
            if states:
                return states[0]
            if any(c.lower_ in DEMONSTRATIVES for c in token.children if c.dep_ == "det"):
                return self.last_named_before(token, "COUNTRY")      # "ce pays fut le premier à ..."
            if any(c.lower_ in POSSESSIVES for c in token.children if c.dep_ == "det"):
                return self.state_of_speaker(token) or self.state_of_subject(token)   # "X a annoncé que
                                                           # son pays ...", "X a exprimé la gratitude de son pays"
        for child in token.children:
            if child.dep_ in ("appos", "nmod", "flat:name") and child.i in self.by_token:
                candidate = self.by_token[child.i]
                if candidate.label == "OFFICIAL" and child.dep_ != "nmod":
                    return candidate
        if token.lemma_.lower() in self._bare_titles and any(
                c.dep_ == "det" and c.lower_ in BARE_TITLE_DETS for c in token.children) and not (
                self.named_in_title(token)):       # "le ministre de l'Intérieur X" names its own
            taken_up = self.introduced_by_title(token)
            if taken_up is not None:
                return taken_up
        if (token.lemma_.lower() in WORDS.title_lemmas and token.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS
                and token.i not in self.by_token and _bare(token)):
            return self.official_taken_up(token)   # "Nasser Bourita en visite à X / Le ministre a été reçu"
        if token.lemma_.lower() in WORDS.role_nouns and (token.dep_.startswith("nsubj") or token in inverted_speaker(token.head)) and any(
                c.dep_ == "det" and c.lower_ in BARE_TITLE_DETS for c in token.children):
            return self.official_taken_up(token)      # "Le parlementaire américain a réitéré ..."
        if token.lower_ == "homologue" and token.i not in self.by_token:
            return self.other_side(token)     # "X a remercié son homologue", no nationality said
        if destination:
            return self._destination(token)
        return None

    def other_side(self, token: Token) -> Party | None:
        """ "son homologue" with no nationality: the official of another state than the
        clause's subject named last in this sentence or the two before."""
        subjects = self.parties(self.subjects_of(predicate_of(token)))
        own = {p.country for p in subjects if p.country} or {None}
        earliest = self._sentence_before(token.sent.start, ROLE_NOUN_SENTENCES)
        for i in range(token.i - 1, earliest - 1, -1):
            party = self.by_token.get(i)
            if party is not None and party.label == "OFFICIAL" and party.country and party.country not in own:
                return party
        return None

    def introduced_by_title(self, title: Token) -> Party | None:
        """The official a bare title takes up among those the same title word introduced: of
        its nationality and gender when it says them ("la ministre sierra-léonaise"), else the
        first so introduced."""
        states = {p.country for p in self.nationality_states(c for c in title.children if c.dep_ == "amod")}
        gender = _gender_of(title)
        candidates = [(g, p) for i, g, p in self._bare_titles[title.lemma_.lower()]
                      if (not states or p.country in states)]
        agreeing = [p for g, p in candidates if gender is None or g in (None, gender)]
        return agreeing[0] if agreeing else None

    def state_of_speaker(self, noun: Token) -> Party | None:
        """ "son pays" as the subject of a clause an official reports ("X a annoncé que son pays
        reconnaissait ...") is that official, who states the position (ANNOTATION: the official
        is the actor); elsewhere, the official's state."""
        verb = noun.head
        if verb.dep_ in REPORTED_DEPS and verb.head.pos_ in ("VERB", "AUX"):
            owners = [p for p in self.parties(self.clause_subjects(verb.head)) if p.label == "OFFICIAL" and p.country]
        else:
            owners = [p for p in [self.reporter_of(noun)] if p is not None and p.country]
        if not owners:
            return None
        return owners[0] if noun.dep_ in SUBJECT_DEPS else self.as_state(owners[0])

    def stance_owners(self, verb: Token) -> list[Party]:
        """The owner of a stance a praise or criticism bears on ("a salué le soutien américain
        au plan", "a critiqué la décision de l'Espagne"): praised or criticised in its place."""
        stances = [c for c in verb.children if c.dep_ in OBJECT_DEPS and c.lemma_.lower() in WORDS.owned_stances]
        owners = [self._owner(s) for s in stances]
        return [o for o in owners if o is not None]

    def _owner(self, noun: Token) -> Party | None:
        """The state of a stance noun's nationality adjective, else the party of its "de"
        complement ("la politique de son pays")."""
        owner = next(iter(self.nationality_states(c for c in noun.children if c.dep_ == "amod")), None)
        return owner or next((p for c in noun.children if c.dep_ == "nmod" and cases_of(c) & NOUN_ACTOR_CASES
                              for p in [self.party_of(c)] if p is not None and p.label in PARTY_LABELS), None)

    def stance_holder(self, noun: Token) -> Party | None:
        """Whose "position" or "politique" it is: its owner (``_owner``), "notre" the speaker;
        a state's stance reported by one of its officials is the official's (ANNOTATION)."""
        holder = self._owner(noun)
        if holder is None and any(c.lower_ in FIRST_PERSON | {"notre", "nos"} for c in noun.children if c.dep_ == "det"):
            holder = self.first_person(noun)
        speaker = self.speaker
        verb = noun.head.head if noun.head.dep_ in REPORTED_DEPS else None
        if speaker is None and verb is not None:       # "X a déclaré que la position ... reste"
            speaker = next((p for p in self.parties(self.clause_subjects(verb)) if p.label == "OFFICIAL"), None)
        if holder is None:
            return speaker
        if speaker is not None and speaker.label == "OFFICIAL" and holder.label == "COUNTRY" \
                and speaker.country == holder.country:
            return speaker
        return holder

    def state_of_subject(self, noun: Token) -> Party | None:
        """ "son pays" inside an object phrase: the state of the clause's subject ("le ministre
        espagnol a réitéré le soutien de son pays" → Espagne)."""
        subjects = [s for s in self.subjects_of(predicate_of(noun)) if s.i != noun.i]   # not "son pays" itself
        for party in self.parties(subjects):
            state = self.as_state(party)
            if state.label == "COUNTRY":
                return state
        return None

    def official_taken_up(self, token: Token) -> Party | None:
        """The official a definite role noun takes up: the last one who was a subject in this
        sentence or the few before, of the noun's nationality when it has one."""
        states = {self.nationalities[c.lower_] for c in token.children   # also "onusien": UN
                  if c.dep_ in ("amod", "flat:name") and c.lower_ in self.nationalities}   # tagged a name too
        states |= {p.country for c in token.children if c.dep_ == "nmod" and cases_of(c) & NOUN_ACTOR_CASES
                   for p in [self.by_token.get(c.i)] if p is not None and p.label == "COUNTRY"}   # "de Washington"
        # with a nationality ("le diplomate onusien") the last official of that state, however far
        earliest = 0 if states else self._sentence_before(token.sent.start, ROLE_NOUN_SENTENCES)
        named = ((i, self.by_token[i]) for i in range(token.i - 1, earliest - 1, -1) if i in self.by_token)
        candidates = named if states else reversed(self.subject_parties)  # "le parlementaire américain"
        for i, party in candidates:
            if i >= token.i:
                continue
            if i < earliest:
                break
            if party.label == "OFFICIAL" and (not states or party.country in states):
                return party
        if states or token.sent.start == 0:
            return None
        previous = token.doc[token.sent.start - 1].sent     # a headline naming one official only
        named = {p.key: p for k in range(previous.start, previous.end)
                 for p in [self.by_token.get(k)] if p is not None and p.label == "OFFICIAL"}
        return next(iter(named.values())) if len(named) == 1 else None

    def named_in_title(self, token: Token) -> list[Party]:
        """Officials named inside a title phrase: "avec la Sous-secrétaire d'Etat ..., Yael
        Lempert et avec le secrétaire adjoint ..., Hadi Amr" → both."""
        found: dict[str, Party] = {}
        principals = {d.i for t in token.children   # "l'envoyé spécial de Ban Ki-moon" is not him
                      if t.dep_ == "nmod" and cases_of(t) & NOUN_ACTOR_CASES and t.i in self.by_token
                      and self.by_token[t.i].label == "OFFICIAL" for d in t.subtree}
        for t in token.children:             # "le conseiller du roi Mohammed VI, M. X": the king is
            if t.dep_ == "nmod" and cases_of(t) & NOUN_ACTOR_CASES and (t.i in self.title_tokens or t.lemma_.lower() in WORDS.title_lemmas):
                end = next((k for k in range(t.i, token.sent.end) if self.doc[k].text in CLAUSE_END | {","}),
                           token.sent.end)      # whose adviser X is, named up to the comma
                principals.update(range(t.i, end))
                named = self._named_after_comma(end) if end < token.sent.end else None
                if named is not None:
                    found[named.key] = named
        for t in token.subtree:
            party = self.by_token.get(t.i)
            if t.i in principals:
                continue
            if (party is not None and party.label == "OFFICIAL" and t.i not in self.title_tokens
                    and t.dep_ in ("appos", "conj", "flat:name", "nmod")):
                found.setdefault(party.key, party)
        return list(found.values())

    def _named_after_comma(self, comma: int) -> Party | None:
        """The official named right after the comma at ``comma`` (past an honorific)."""
        k = comma + 1
        while k < len(self.doc) and self.doc[k].lower_ in WORDS.honorifics_text:
            k += 1
        named = self.by_token.get(k) if self.doc[comma].text == "," else None
        return named if named is not None and named.label == "OFFICIAL" else None

    def linear_destination(self, verb: Token) -> list[Party]:
        """The first state or capital after "à", "au", "aux" or "en" following a travel verb,
        up to the end of its clause."""
        doc = verb.doc
        for k in range(verb.i + 1, min(verb.i + 1 + DESTINATION_REACH, verb.sent.end - 1)):
            if doc[k].text in CLAUSE_END or doc[k].text == "," or "Fin" in doc[k].morph.get("VerbForm"):
                break
            if doc[k].lower_ in DESTINATION_CASES:
                party = self.party_of(doc[k + 1], destination=True)
                return [party] if party is not None and party.label == "COUNTRY" else []
        return []

    def listed_places(self, start: int, end: int) -> list[Party]:
        """The states a list of destinations goes on to name after the one ending at ``start``:
        ", au Liberia, en Namibie et au Mozambique", however the parser hung them."""
        doc, found, k = self.doc, [], start
        while k < end:
            while k < end and (doc[k].text == "," or doc[k].lower_ in PLACE_LIST_JOINS):
                k += 1
            if k >= end or doc[k].lower_ not in DESTINATION_CASES or k == start:
                break
            k += 1 + (k + 1 < end and doc[k + 1].pos_ == "DET")
            party = self.party_of(doc[k], destination=True) if k < end else None
            if party is None or party.label != "COUNTRY":
                break
            found.append(party)
            k = max(party.end, k + 1)
        return found

    def _destination(self, token: Token) -> Party | None:
        """A capital or a known city as the destination of a visit stands for its state."""
        doc = token.doc
        for width in (3, 2, 1):          # "Saint-Pétersbourg", "Tel Aviv", "Rabat"
            start = max(token.i - width + 1, 0)
            for first in range(start, token.i + 1):
                state = self.places.get(doc[first:first + width].text)
                if state:
                    return Party(state, "COUNTRY", first, first + width)
        if token.lemma_.lower() in WORDS.capital_nouns:     # "la capitale du Royaume", "la capitale chinoise"
            states = self.nationality_states(c for c in token.children if c.dep_ == "amod")
            states += [self.as_state(p) for c in token.children if c.dep_ == "nmod" and cases_of(c) & NOUN_ACTOR_CASES
                       for p in [self.party_of(c)] if p is not None and self.as_state(p).label == "COUNTRY"]
            return states[0] if states else None
        return None

    def read_noun_phrase(self, noun: Token, trigger: Trigger) -> tuple[list[Party], list[Party]]:
        """The parties of a noun trigger read left to right where the parse scattered them:
        "la visite à Rabat du président nigérian, X" → actor "du président ...", destination
        "à Rabat"; "l'entretien du ministre avec Y". Reads to the end of the noun phrase."""
        doc = noun.doc
        preps = counterpart_cases(trigger)
        if any(c.lower_ in POSSESSIVES for c in noun.children):
            return [], []                # "leur soutien à X": the owner is the clause's subject
        actors: list[Party] = []
        counterparts: list[Party] = []
        i, end = noun.i + 1, min(noun.sent.end, noun.i + NOUN_PHRASE_REACH)
        while i < end:
            token = doc[i]
            if token.text in CLAUSE_END or (token.pos_ in ("VERB", "AUX") and i not in self.by_token):
                break
            if token.text == "," and self._date_after(i + 1, end):
                i = self._date_after(i + 1, end)      # "des séances de travail, les 16 et 17 octobre avec X"
                continue
            if token.text == "," and not (i + 1 < end and (i + 1) in self.by_token):
                break
            if token.pos_ != "ADP":
                i += 1
                continue
            j = i + 1
            while j < end and doc[j].pos_ == "DET":
                j += 1
            if j >= end:
                break
            party = self.by_token.get(j) or (self._destination(doc[j]) if trigger.destination else None)
            case = token.lower_
            if party is not None and party.label in PARTY_LABELS:
                if case in preps and not counterparts and (not trigger.destination or party.label == "COUNTRY"):
                    counterparts.append(party)
                elif case in NOUN_ACTOR_CASES and not actors:
                    actors.append(self.party_of(doc[j]) or party)
                i = party.end if party.end > j else j + 1
                continue
            i = j
        return actors, counterparts

    def _date_after(self, start: int, end: int) -> int:
        """The index after a date that starts at ``start`` (past its determiners), else 0."""
        i = start
        while i < end and self.doc[i].pos_ == "DET":
            i += 1
        if i >= end or i not in self.dated:
            return 0
        while i < end and i in self.dated:
            i += 1
        return i

    def fronted_owner(self, noun: Token) -> list[Party]:
        """Whose "ses entretiens" are in a phrase fronted before the clause: the party that
        opens the clause after its comma ("Outre ses entretiens avec X, Y a discuté ...")."""
        doc = noun.doc
        if not any(c.lower_ in POSSESSIVES for c in noun.children if c.dep_ == "det"):
            return []
        if any(t.pos_ in ("VERB", "AUX") for t in doc[noun.sent.start:noun.i]):
            return []                    # not fronted: "Les deux pays ont fait part de leur soutien"
        comma = next((t.i for t in doc[noun.i + 1:noun.sent.end] if t.text == ","), noun.sent.end)
        if comma >= noun.sent.end - 1 or doc[comma - 1].i not in self.by_token:
            return []                    # the phrase must end on its counterpart's name
        for i in range(comma + 1, min(comma + 1 + TITLE_TO_NAME, noun.sent.end)):
            party = self.by_token.get(i)
            if party is not None:
                return [party] if party.label in PARTY_LABELS else []
            if doc[i].pos_ not in ("DET", "NOUN", "ADJ") and doc[i].lower_ not in WORDS.honorifics_text:
                return []
        return []

    def possessor_of(self, noun: Token, away_from: str | None = None) -> list[Party]:
        """Whose "sa visite au Maroc", "son entretien avec X" is, when the phrase names no
        actor: an official of the sentence, its main subject first ("Lors de sa visite à
        Rabat, X a ..."), else the official "il"/"elle" would take up; for a visit, not one
        whose own state ``away_from`` is the destination ("Le roi a félicité X pour ... depuis
        sa visite au Maroc": X)."""
        if not any(c.lower_ in SINGULAR_POSSESSIVES for c in noun.children if c.dep_ == "det"):
            return []
        sent = noun.sent
        thanked = next((t for t in noun.ancestors if "pour" in cases_of(t)), None)
        if thanked is not None and thanked.head.pos_ == "VERB":   # "remercier X pour sa visite": X's
            objects = [c for c in thanked.head.children if c.dep_ in OBJECT_DEPS]
            if objects:
                owners = self.parties(objects)
                return owners[:1] if owners and owners[0].label == "OFFICIAL" else []
        subjects = self.subjects_of(sent.root)
        candidates = self.parties(subjects)
        if subjects and not any(p.label == "OFFICIAL" for p in candidates):
            return []                    # "Lors de sa visite, l'envoyé de X a ...": the envoy, unnamed
        candidates += self.parties(c for c in sent.root.children if c.dep_ in OBJECT_DEPS)
        earlier = self._sentence_before(sent.start, 2)     # then the subjects told just before
        told = self.subject_parties[bisect_left(self.subject_parties, earlier, key=lambda e: e[0]):
                                    bisect_left(self.subject_parties, sent.start, key=lambda e: e[0])]
        candidates += [p for _, p in reversed(told)]
        for party in candidates:
            if party.label == "OFFICIAL" and (away_from is None or party.country and   # known to be foreign
                                              self.country_names.get(party.country) != away_from):
                return [party]
        return []

    def visitor_of(self, noun: Token, away_from: str | None = None) -> list[Party]:
        """Who is "en visite": the person the clause is about, i.e. the one received (the
        verb's object) rather than the host, else the subject; never one at home in the
        destination ``away_from`` ("En visite au Maroc, X a eu des entretiens avec Bourita": X)."""
        if noun.dep_ in ("nmod", "appos", "obl", "obl:mod") and noun.head.pos_ in ("NOUN", "PROPN"):
            described = self.party_of(noun.head)     # "Le ministre, en visite à Washington, a ..."
            if described is not None and described.label in PARTY_LABELS:
                return [described]
        verb = governing_verb(noun)
        if verb is None:
            return []
        subjects = self.parties([c for c in verb.children if c.dep_ in SUBJECT_DEPS])
        if is_passive(verb):
            return self.parties([c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS])
        objects = self.parties([c for c in verb.children if c.dep_ in OBJECT_DEPS])
        for candidates in (objects, self.following_party(verb, subjects), subjects):
            away = [p for p in candidates if away_from is None or self.country_names.get(p.country or "") != away_from]
            if away:
                return away
        return []

    def speaker_for(self, noun: Token, actors: list[Party]) -> list[Party]:
        """An official who voices a state's stance is its actor: "X a exprimé l'appréciation
        des Etats-Unis", "réaffirmant le soutien des Etats-Unis" (ANNOTATION: the official)."""
        verb = governing_verb(noun)
        if verb is None or verb.lemma_.lower() not in WORDS.expression_verbs or any(a.label != "COUNTRY" for a in actors):
            return actors
        speakers = [p for p in self.parties(self.subjects_of(verb)) if p.label == "OFFICIAL"]
        states = {a.country for a in actors}
        if speakers and all(p.country in states for p in speakers):
            return speakers
        return actors

    def enumerated(self, head: Token) -> list[Party]:
        """Named officials listed with ``head`` through appositions and coordination only
        (not through "de" complements: "porteur d'un message du président X" adds nobody)."""
        found = []
        for t in head.subtree:
            party = self.by_token.get(t.i)
            if t.i == head.i or party is None or party.label != "OFFICIAL" or t.i in self.title_tokens:
                continue
            if t.dep_ not in ("appos", "conj") or party.start != t.i:
                continue
            step = t
            while step.i != head.i and step.dep_ in ("appos", "conj", "flat:name"):
                step = step.head
            if step.i == head.i:
                found.append(party)
        return found

    def exemplified(self, head: Token) -> list[Party]:
        """The named examples of a common noun: "des personnalités comme A (PSU), B ou encore
        la militante C" → A, B, C (the parser hangs the later ones on the noun)."""
        if head.i in self.by_token:
            return []
        listed = [t for t in head.subtree if t.i != head.i and t.dep_ == "acl:relcl" and t.pos_ in ("NOUN", "PROPN")
                  and any(c.lower_ == "dont" for c in t.children)]   # "des responsables, dont le sénateur X"
        named = [p for t in listed for p in [self.party_of(t)] + self.named_in_title(t)
                 if p is not None and p.label == "OFFICIAL"]
        if named:
            return list({p.key: p for p in named}.values())
        first = next((c for c in head.children if cases_of(c) & EXAMPLE_CASES), None)
        if first is None:
            return []
        found = []
        for child in (c for c in head.children if c.i >= first.i and (c.i == first.i or c.dep_ in ("appos", "conj"))):
            party = self.party_of(child) or next(
                (self.by_token[g.i] for g in child.children if g.dep_ in ("appos", "flat:name") and g.i in self.by_token), None)
            if party is not None and party not in found:
                found.append(party)
        return found

    def quote_speaker(self, sent: Span) -> tuple[Party, int] | None:
        """The official the reported words of a sentence are attributed to, and where those
        words end: «...», a déclaré X; or ..., a affirmé X (an inverted reporting clause)."""
        doc = sent.doc
        end = sent.end
        if end < len(doc) and doc[end].text == ",":       # the parser cut "«...» | , a déclaré X"
            end = doc[end].sent.end
        for k in self.report_verbs[bisect_left(self.report_verbs, sent.start):bisect_left(self.report_verbs, end)]:
            token = doc[k]
            if token.pos_ != "VERB":
                continue
            i = token.i - 1
            while i > sent.start and doc[i].pos_ == "AUX":
                i -= 1
            if doc[i].text != "," and doc[i].text not in CLOSING_QUOTES:
                continue                 # not "..., a déclaré X": the speaker comes first
            heads = [c for c in token.children if c.dep_ in SUBJECT_DEPS | OBJECT_DEPS]
            speakers = [p for p in self.parties(heads) if p.label == "OFFICIAL"]
            speakers = speakers or [p for p in self.following_party(token, []) if p.label == "OFFICIAL"]
            if speakers:
                self.addressee = self._addressee(token)
            return (speakers[0], i) if speakers else None
        return None

    def reporter_of(self, token: Token) -> Party | None:
        """The official whose words report the clause of ``token``: "X a rappelé que
        Washington continue de soutenir ...", "X a affirmé que son pays considère ..." → X."""
        verb = reporting_verb(token)
        if verb is None:
            return None
        subjects = self.subjects_of(verb)
        if subjects and all(s.lower_ in RELATIVE_PRONOUNS for s in subjects):
            subjects = self.antecedent(verb) or subjects    # "par M. X, qui a relevé que le plan ..."
        return next((p for p in self.parties(subjects) if p.label == "OFFICIAL"), None)

    def stance_voice(self, verb: Token) -> list[Party]:
        """Whose view an evaluation with no subject party states ("pour Paris, le plan
        constitue la seule base", "X a affirmé que le plan reste ...", «Le plan est ...», a dit
        X): the party of its "pour" oblique, else the official who reports it, else the speaker
        of the quotation it is in."""
        behalf = [c for c in verb.children if c.dep_.startswith("obl") and cases_of(c) & ON_BEHALF_CASES]
        voiced = [p for p in self.parties(behalf) if p.label in PARTY_LABELS]
        if voiced:
            return voiced[:1]
        reporter = self.reporter_of(verb)
        if reporter is not None:
            return [reporter]
        return [self.speaker] if self.speaker is not None and verb.i < self.said_before else []

    def _addressee(self, verb: Token) -> Party | None:
        """Whom reported words are said to: the first "à X" after the reporting verb in its
        clause («Je vous remercie», a dit X au président russe), wherever the parser hung it."""
        for token in self.doc[verb.i + 1:verb.sent.end]:
            if token.text in CLAUSE_END:
                break
            if token.lower_ in ADDRESSEE_CASES and token.dep_ == "case":
                return next(iter(self.parties([token.head])), None)
        return None

    def quoted_before(self, sent: Span) -> tuple[Party, int] | None:
        """The speaker of a quotation that opens in ``sent`` or before and closes, a few
        sentences later, on "», a déclaré X": «Je salue ... . Nous ... », a dit X."""
        closing = self.quote_closings.get(sent.start)
        if closing is None:
            return None                  # no quotation left open at the sentence's end
        said = self.quote_speaker(self.doc[closing].sent)
        return (said[0], sent.end) if said is not None else None

    def army_agents(self, verb: Token) -> list[Party]:
        """States of the armies named after "par" in the verb's clause, read left to right."""
        doc = verb.doc
        states: dict[str, Party] = {}
        reading = False
        for token in doc[verb.i + 1:verb.sent.end]:
            if token.text in CLAUSE_END or token.text == "," and reading:
                break
            if token.lower_ == "par":
                reading = True
            elif reading:
                for state in self.army_states(token):
                    states.setdefault(state.key, state)
        return list(states.values())

    def own_members(self, group: Token) -> list[Party]:
        """Who a group noun names in its own phrase: "une délégation composée de A, de B et
        de C" → A, B, C; "conduite par X" → X; "X, à la tête d'une délégation" → X."""
        doc, words = group.doc, self.discourse
        if group.head.lower_ in words["head"] and group.head.i < group.i:
            leader = self.party_of(group.head.head)
            if leader is None or leader.label != "OFFICIAL":
                leader = next((p for p in self.parties(self.subjects_of(predicate_of(group.head)))
                               if p.label == "OFFICIAL"), None)
            return [leader] if leader is not None else []
        for k in range(group.i + 1, group.sent.end):     # "une délégation américaine composée de
            word = doc[k]                                 # sénateurs, conduite par le républicain X"
            if word.text in CLAUSE_END or ("Fin" in word.morph.get("VerbForm") and k not in self.by_token):
                break
            if word.lower_ in words["composed"]:
                members = self._listed_members(k + 1, group.sent.end)
                if members:
                    return members
            elif word.lower_ in words["led"]:         # the first official named after "par"
                return [p for p in (self.by_token.get(i) for i in range(k + 1, min(k + 1 + AGENT_REACH, group.sent.end)))
                        if p is not None and p.label == "OFFICIAL"][:1]
        return []

    def _listed_members(self, start: int, end: int) -> list[Party]:
        """Officials listed from ``start``, each brought in by "de" after a comma or "et", or
        named right after a comma or "et" ("A, B et C"), up to the end of the clause."""
        doc, found, previous = self.doc, {}, start - 1
        k = start
        while k < end:
            token = doc[k]
            if token.text in CLAUSE_END or ("Fin" in token.morph.get("VerbForm") and k not in self.by_token):
                break
            party = self.by_token.get(k)
            if party is None or k in self.title_tokens or party.label != "OFFICIAL":
                k += 1
                continue
            j = party.start - 1
            while j > previous and (doc[j].pos_ == "DET" or doc[j].lower_ in WORDS.honorifics_text
                                    or doc[j].lemma_.lower() in WORDS.title_lemmas or doc[j].pos_ == "ADJ"):
                j -= 1
            brought_in = j <= previous or doc[j].lower_ in LIST_JOINS or (
                doc[j].lower_ in MEMBER_MARKS and (j - 1 <= previous or doc[j - 1].lower_ in LIST_JOINS))
            if brought_in:
                found.setdefault(party.key, party)
                previous = party.end - 1
            k = party.end
        return list(found.values())

    def group_members(self, token: Token) -> list[Party]:
        """Whom a group noun stands for: its own members, or, definite ("la délégation
        américaine", "les parlementaires"), those of the last group named before it whose
        nationality agrees."""
        words = self.discourse
        lower = token.lower_
        if lower not in words["group"] | words["member"]:
            return []
        own = next((members for i, members in self.groups if i == token.i), None)
        if own:
            return own
        if not any(c.dep_ == "det" and c.lower_ in GROUP_DETS for c in token.children):
            return []
        states = {p.country for p in self.nationality_states(c for c in token.children if c.dep_ == "amod")}
        for i, members in reversed(self.groups):
            if i < token.i and (not states or any(m.country in states for m in members)):
                return members
        return []

    def following_group(self, verb: Token) -> list[Party]:
        """The members of the first group noun of the verb's clause after it, where the
        parser hung it on another word ("a reçu, en audience, une délégation composée de")."""
        for token in verb.subtree:
            if token.i > verb.i and token.lower_ in self.discourse["group"] and predicate_of(token).i == verb.i:
                return self.group_members(token)
        return []

    def participants(self, predicate: Token, parties: Iterable[Party], aside: set[str]) -> list[Party]:
        """The states taking part in the exercise a clause tells of: those its readers found,
        and every state its clause names, as a state or as an army ("les forces armées du
        Maroc, des Etats-Unis et du Sénégal", "avec la participation de A, de B et de C",
        "aux côtés de la marine espagnole"), except under a word of mere presence (``aside``)."""
        found: dict[str, Party] = {}
        for party in parties:
            state = self.as_state(party)
            if state.label == "COUNTRY":     # not "les Forces Armées Royales" as an organisation
                found.setdefault(state.key, state)
        for token in predicate.subtree:
            if token.sent.start != predicate.sent.start or _under(token, predicate, aside):
                continue
            for state in self.army_states(token):
                found.setdefault(state.key, state)
            party = self.by_token.get(token.i)
            if party is not None and party.label == "COUNTRY" and token.i not in self.title_tokens:
                found.setdefault(party.key, party)
        return list(found.values())

    def participle_patients(self, verb: Token) -> list[Party]:
        """Who a bare past participle happened to: the noun it qualifies ("l'exercice X,
        co-organisé par ...") or the subject of the clause it opens ("Reçu par X, Y a ...")."""
        if verb.dep_ == "acl":
            return self.parties([verb.head])
        if verb.dep_ == "advcl" and verb.head.i > verb.i:       # "Reçu par X, le sénateur Y a salué"
            subjects = self.parties(self.own_subjects(verb.head))
            if subjects:
                return subjects[:1]
        doc = verb.doc
        i = verb.i + 1
        while i < verb.sent.end and doc[i].text != ",":
            i += 1
        following = [t for t in doc[i + 1:min(i + 1 + TITLE_TO_NAME * 2, len(doc))]
                     if t.i in self.by_token and t.dep_ in SUBJECT_DEPS | {"nsubj:pass", "appos", "ROOT"}]
        return self.parties(following[:1]) if following else []

    def linear_agent(self, verb: Token) -> list[Party]:
        """The agent of a passive where the parser lost "par X" ("reçu par Nasser Bourita",
        with "Nasser" taken for a verb): the party right after "par" in the clause."""
        doc = verb.doc
        for i in range(verb.i + 1, verb.sent.end - 1):
            if doc[i].text in CLAUSE_END:
                break
            if doc[i].lower_ != "par":
                continue
            j = i + 1                          # "par le sénateur américain, X"
            while j < min(verb.sent.end, i + 1 + AGENT_REACH) and j not in self.by_token and (
                    doc[j].pos_ in ("DET", "ADJ") or doc[j].text == "," or doc[j].lower_ in WORDS.honorifics_text
                    or doc[j].lemma_.lower() in WORDS.title_lemmas):
                j += 1
            party = self.by_token.get(j)
            if party is None and doc[j - 1].lemma_.lower() in WORDS.title_lemmas:
                party = self._named_after_phrase(doc[j - 1])
                j = party.start if party is not None else j
            if party is not None:
                return self.parties([doc[j]]) or [party]
        return []

    def listed_after(self, verb: Token) -> list[Party]:
        """The parties named after a verb up to the end of its clause, read left to right."""
        doc, found = verb.doc, {}
        for k in range(verb.i + 1, verb.sent.end):
            if doc[k].text in CLAUSE_END or ("Fin" in doc[k].morph.get("VerbForm") and k not in self.by_token):
                break
            if k in self.by_token and not _in_title_complement(doc[k]):
                for party in self.parties([doc[k]]):
                    found.setdefault(party.key, party)
        return list(found.values())

    def infinitive_owner(self, verb: Token) -> Party | None:
        """Whose act an infinitive complementing a noun is: "la décision de l'Espagne de
        reconnaître ..." is Spain's, whatever the clause's subject (read left to right: noun,
        "de X", "de" + infinitive)."""
        doc = verb.doc
        marks = [c for c in verb.children if c.dep_ == "mark" and c.lower_ in MEMBER_MARKS]
        if "Inf" not in verb.morph.get("VerbForm") or not marks or marks[0].i != verb.i - 1 or verb.i < 4:
            return None
        owner = self.by_token.get(verb.i - 2)
        if owner is None or owner.label not in PARTY_LABELS:
            return None
        k = owner.start - 1
        while k > verb.sent.start and doc[k].pos_ == "DET":
            k -= 1
        if doc[k].lower_ not in MEMBER_MARKS:
            return None
        k -= 1
        while k > verb.sent.start and doc[k].pos_ == "ADJ":
            k -= 1
        return owner if doc[k].pos_ == "NOUN" and doc[k].i not in self.by_token else None

    def afforded_to(self, noun: Token) -> list[Party]:
        """Those a meeting noun, as the subject of "permettre" or "être l'occasion", names after
        it: "Cet entretien a permis à X et à Y de ...", "la rencontre a été l'occasion pour X et
        Y de ..." (read up to the infinitive's "de")."""
        head = noun.head
        if not noun.dep_.startswith("nsubj") or head.lemma_.lower() not in self.discourse["affords"]:
            return []
        doc, found = noun.doc, {}
        for k in range(head.i + 1, head.sent.end):
            token = doc[k]
            if token.text in CLAUSE_END or (token.lower_ in MEMBER_MARKS and k + 1 < len(doc)
                                            and "Inf" in doc[k + 1].morph.get("VerbForm") and k + 1 not in self.by_token):
                break
            if k in self.by_token:
                for party in self.parties([token]):
                    found.setdefault(party.key, party)
        return list(found.values())

    def linear_between(self, noun: Token) -> list[Party]:
        """The parties of "entre X et Y" right after a noun, read left to right: the first named
        after "entre" (through its title, past the state of its complement: "entre le ministre
        des Affaires étrangères du Maroc, X, et ..." is X), then those joined to it by "et"."""
        doc, end = noun.doc, noun.sent.end
        i = noun.i + 1
        while i < end and doc[i].dep_ == "amod" and doc[i].head.i == noun.i:
            i += 1
        if i < end and doc[i].text == "," and self._date_after(i + 1, end):
            i = self._date_after(i + 1, end)     # "l'entretien téléphonique, le 10 décembre, entre X et Y"
        held = next((c for c in noun.children if c.dep_ == "acl:relcl" and takes_place(c)), None)
        if held is not None:                     # "la réunion qui a eu lieu, ce mardi, à Rabat, entre X et Y"
            start = next((t.i for t in doc[held.i + 1:end] if t.lower_ == "entre" or t.text in CLAUSE_END
                          or t.pos_ == "VERB" and t.i != held.i), None)
        else:
            start = next((t.i for t in doc[i:min(i + BETWEEN_REACH, end)] if t.lower_ == "entre"), None)
        if start is None or doc[start].lower_ != "entre":
            return []
        title: Party | None = None
        for j in range(start + 1, min(start + 1 + TITLE_PHRASE_REACH, end)):
            party = self.by_token.get(j)
            if j in self.title_tokens:
                title = title or party
            elif party is not None and title is not None and party.label == "COUNTRY" and (
                    doc[j - 1].lower_ in NOUN_ACTOR_CASES):
                if doc[party.end].text != ",":        # "le ministre de la Défense de la France et Y"
                    return [title, *(p for p in self.coordinated_after(party.end, end) if p.key != title.key)]
            elif party is not None:
                return [party, *(p for p in self.coordinated_after(party.end, end) if p.key != party.key)]
            if doc[j].text in CLAUSE_END or doc[j].pos_ in ("VERB", "AUX", "CCONJ"):
                return []
        return []

    def _named_after_phrase(self, title: Token) -> Party | None:
        """The official a title's complement leads to after a comma: "le wali de la région
        X, Y, Z" → Z, read up to a verb, a conjunction or a new preposition of presence."""
        doc, comma = self.doc, False
        for k in range(title.i + 1, min(title.i + 1 + TITLE_PHRASE_REACH, title.sent.end)):
            token = doc[k]
            if token.pos_ in ("VERB", "AUX", "CCONJ") or token.lower_ in WORDS.presence_words or token.text in CLAUSE_END:
                return None
            party = self.by_token.get(k)
            if comma and party is not None and party.label == "OFFICIAL" and k not in self.title_tokens:
                return party
            comma = token.text == ","
        return None

    def linear_agents(self, noun: Token) -> list[Party]:
        """Every "par X" after a noun trigger, read left to right where the parser lost them:
        "la signature d'un mémorandum, vendredi à Rabat, par le ministre délégué ..., M. X, et
        par M. Y" → X and Y. Each "par" gives the first named party after it (a title only
        when no name follows it), up to the next "par" or the end of the clause."""
        doc, found = noun.doc, {}
        i, end = noun.i + 1, noun.sent.end
        while i < end:
            if doc[i].text in CLAUSE_END or ("Fin" in doc[i].morph.get("VerbForm") and i not in self.by_token):
                break
            if doc[i].lower_ != "par":
                i += 1
                continue
            named = titled = None
            j = i + 1
            while j < end and doc[j].lower_ != "par" and doc[j].text not in CLAUSE_END:
                party = self.by_token.get(j)
                if party is not None and j not in self.title_tokens:
                    named = party
                    break
                titled = titled or party
                j += 1
            party = named or titled
            if party is not None:
                found.setdefault(party.key, party)
            if named is not None:           # "par X, ministre de ..., et Y, ministre de ..."
                for other in self.coordinated_after(named.end, end):
                    found.setdefault(other.key, other)
            i = j if j > i + 1 else i + 1
        return list(found.values())

    def coordinated_after(self, start: int, end: int) -> list[Party]:
        """Named parties joined by "et" after the one ending at ``start``, through their
        titles, up to a new "par", a finite verb or a presence ("en présence de")."""
        doc, found, joined, principal = self.doc, [], False, False
        k = start
        while k < end:
            token = doc[k]
            if token.lower_ in ("par", "présence", "devant") or token.text in CLAUSE_END or (
                    "Fin" in token.morph.get("VerbForm") and k not in self.by_token):
                break
            party = self.by_token.get(k)
            if party is not None and k not in self.title_tokens:
                after = doc[party.end] if party.end < len(doc) else None
                if after is not None and (after.pos_ in ("VERB", "AUX") or after.lower_ in REFLEXIVE_PRONOUNS):
                    break                # "..., et Z s'est félicité": Z opens a new clause
                if joined and not principal:
                    found.append(party)
                joined = principal = False
                k = max(party.end, k + 1)
                continue
            joined = joined or token.lower_ == "et"
            principal = principal or token.lower_ in ON_BEHALF_CASES   # "et, pour la MCC, ..."
            k += 1
        return found

    def first_person(self, token: Token) -> Party | None:
        """ "je", "ma", "mon" inside the reported words of the sentence's speaker."""
        return self.speaker if self.speaker is not None and token.i < self.said_before else None

    def second_person(self, token: Token) -> Party | None:
        """ "vous" inside reported words said to someone: «Je vous remercie», a dit X au président."""
        return self.addressee if self.speaker is not None and token.i < self.said_before else None

    def pronoun_party(self, token: Token) -> Party | None:
        """A subject "il"/"elle" takes up the official who was the subject or agent of one of
        the two sentences before ("X est arrivé ... Il a été reçu par ..."), passing over a
        state that was only the subject of a subordinate clause ("X a rappelé que le Maroc ...")."""
        sent_start = token.sent.start
        if token.head.dep_ != "ROOT":        # "X a ouvert un dialogue avec Y, dont elle a loué ..."
            main = [p for i, p in self.subject_parties if sent_start <= i < token.i
                    and self.doc[i].head.dep_ == "ROOT" and p.label == "OFFICIAL"]
            if main:
                return main[-1]
        gender = PRONOUN_GENDERS.get(token.lower_)
        agent: Party | None = None        # an agent counts only when its sentence has no subject
        agent_sentence = -1
        quoted = self.speaker is not None and token.i < self.said_before
        in_quotes = quoted or _opens_quotation(token.sent)
        for i, party in reversed(self.subject_parties):
            if i >= sent_start or quoted and party.key == self.speaker.key:
                continue                   # «Il a salué ...», a dit X: "il" is not X, who says "je"
            mention = token.doc[i]
            if in_quotes and mention.head.lemma_.lower() in WORDS.report_verbs:
                continue                   # «...», a souligné X. «Il a salué ...»: nor here
            if agent is not None and mention.sent.start != agent_sentence:
                return agent
            if mention.sent.start < self._sentence_before(sent_start, 2):
                return None
            if party.label == "OFFICIAL" and _gender_of(mention) in (None, gender):
                if mention.dep_ != "obl:agent":
                    return party           # "X a été reçu par Y. Il s'est ensuite rendu ...": X
                agent, agent_sentence = agent or party, mention.sent.start
                continue
            if mention.head.dep_ == "ROOT" and party.label != "OFFICIAL":
                return agent
        return agent or self._only_official_of_nominal_sentence(token, gender)

    def _only_official_of_nominal_sentence(self, pronoun: Token, gender: str | None) -> Party | None:
        """The one official of the sentence just before when that sentence has no verb ("Début
        de la visite d'Etat du président français. A peine arrivé, il s'entretient ...")."""
        start = pronoun.sent.start
        if start == 0 or pronoun.dep_ not in SUBJECT_DEPS:
            return None
        before = self.doc[start - 1].sent
        if any(t.pos_ in ("VERB", "AUX") for t in before):
            return None
        named = {p.key: (i, p) for i in range(before.start, before.end)
                 if (p := self.by_token.get(i)) is not None and p.label == "OFFICIAL"}
        if len(named) != 1:
            return None
        i, party = next(iter(named.values()))
        return party if _gender_of(self.doc[i]) in (None, gender) else None

    def clitic_party(self, clitic: Token) -> Party | None:
        """An object clitic ("X l'a reçu", "l'a reçue", "l'a accueilli") takes up the last
        official who was a subject in this sentence or the two before, other than the clause's
        own subject, of the gender the participle agrees in."""
        verb = clitic.head
        own = {p.key for p in self.parties(self.own_subjects(verb))}
        genders = set(verb.morph.get("Gender")) if "Part" in verb.morph.get("VerbForm") else set()
        earliest = self._sentence_before(clitic.sent.start, 2)
        for i, party in reversed(self.subject_parties):
            if i >= clitic.i:
                continue
            if i < earliest:
                return None
            if party.label != "OFFICIAL" or party.key in own:
                continue
            gender = _gender_of(self.doc[i])
            if genders and gender and gender not in genders:
                continue
            return party
        return None

    def announced_list(self, pronoun: Token) -> list[Party]:
        """The officials a plural pronoun announces and the next sentence lists after an
        identifying phrase or a colon ("Ils ont obtenu un rendez-vous avec X. Eux, ce sont :
        A, B et C"; "Il s'agit de A et de B")."""
        doc, sent = pronoun.doc, pronoun.sent
        if sent.end >= len(doc):
            return []
        following = doc[sent.end].sent
        marks = [t.i for t in following[:LIST_MARK_REACH] if t.text == ":" or t.lower_ in self.discourse["announce"]]
        if not marks:
            return []
        named: dict[str, Party] = {}
        for k in range(marks[0] + 1, following.end):
            party = self.by_token.get(k)
            if party is not None and party.label == "OFFICIAL" and k not in self.title_tokens:
                named.setdefault(party.key, party)
        return list(named.values()) if len(named) >= 2 else []

    def _sentence_before(self, sent_start: int, count: int) -> int:
        start = sent_start
        for _ in range(count):
            if start == 0:
                break
            start = self.doc[start - 1].sent.start
        return start

    def army_states(self, token: Token) -> list[Party]:
        """The states of an army ("les forces américaines", "les marines marocaine et
        américaine", "les Forces armées royales"): parties of a military exercise."""
        if token.lemma_.lower() not in WORDS.army_nouns and token.lower_ not in WORDS.army_nouns:
            return []
        codes = []
        for adjective in token.subtree:
            if not (adjective.dep_ in ("amod", "conj") and adjective.pos_ == "ADJ" or adjective.i == token.i - 1
                    and adjective.pos_ == "PROPN"):
                continue                 # "les forces américaines", "l'US Army"
            lower = adjective.lower_
            code = self.nationalities.get(lower) or (self.home_country if lower in WORDS.royal_words else None)
            if code and code in self.country_names and code not in codes:
                codes.append(code)
        states = [Party(self.country_names[c], "COUNTRY", token.i, token.i + 1, None, c) for c in codes]
        left = token.left_edge.i - 1       # "Les Forces armées royales et l'armée américaine"
        if left > 0 and token.doc[left].lower_ == "et" and token.dep_ != "conj":
            for other in reversed(token.doc[max(0, left - ARMY_REACH):left]):
                if other.lemma_.lower() in WORDS.army_nouns or other.lower_ in WORDS.army_nouns:
                    states += [s for s in self.army_states(other) if s.key not in {t.key for t in states}]
                    break
        return states

    def parties(self, heads: Iterable[Token], destination: bool = False, adjectives: bool = False) -> list[Party]:
        """Parties of ``heads`` and of the tokens coordinated with them, without repeats."""
        found: dict[str, Party] = {}
        heads = [h for head in heads for h in (              # "aux côtés de l'armée américaine"
            [c for c in head.children if c.dep_ == "nmod"] if head.lemma_.lower() == "côté" else [head])]
        for head in heads:
            for token in with_conjuncts(head):
                for state in self.army_states(token):
                    found.setdefault(state.key, state)
                party = self.party_of(token, destination, adjectives)
                if party is None and token.lower_ in SUBJECT_PRONOUNS and (
                        token.dep_.startswith("nsubj") or token.dep_ in SUBJECT_DEPS) and not impersonal(token.head):
                    party = self.pronoun_party(token)
                if party is None and token.lower_ in OBJECT_CLITICS and token.pos_ == "PRON" and token.dep_ in ("obj", "iobj") \
                        and token.head.lemma_.lower() in WORDS.person_object_verbs:
                    party = self.clitic_party(token)        # "Nasser Bourita l'a reçu"
                if party is None and token.lower_ in self.discourse["plural_pronoun"] and token.dep_.startswith("nsubj"):
                    for named in self.announced_list(token):     # "Ils ont rencontré X. Eux, ce sont : A, B"
                        found.setdefault(named.key, named)
                if party is None and token.lower_ in FIRST_PERSON and token.dep_.startswith("nsubj"):
                    party = self.first_person(token)          # «J'ai rencontré ...», a dit X
                if party is None and token.lower_ in SECOND_PERSON:
                    party = self.second_person(token)         # «... de vous rencontrer», a dit X à Y
                if party is not None:
                    for first in self.split_coordination(party):
                        found.setdefault(first.key, first)
                    found.setdefault(party.key, party)
                elif token.lemma_.lower() in WORDS.title_lemmas:
                    for named in self.named_in_title(token):
                        found.setdefault(named.key, named)
                for named in self.enumerated(token):   # "avec X, directrice ..., Y, directeur ..., et Z"
                    found.setdefault(named.key, named)
                for named in self.exemplified(token):   # "des personnalités comme X, Y ou encore Z"
                    found.setdefault(named.key, named)
                if party is None:                       # "une délégation composée de A et de B"
                    for named in self.group_members(token):
                        found.setdefault(named.key, named)
                for child in token.children:      # "le coordinateur X, l'ambassadeur Y"
                    if child.dep_ == "appos" and child.lemma_.lower() in WORDS.title_lemmas:
                        named = self.party_of(child)
                        if named is not None and named.label == "OFFICIAL":
                            found.setdefault(named.key, named)
        return list(found.values())

    def split_coordination(self, party: Party) -> list[Party]:
        """The first conjunct of a coordination the parser cut off from its second, a name it
        split ("Le Maroc et le Millenium | Challenge Corporation ont signé")."""
        for token in self.doc[party.start:party.end]:
            head = token.head
            if token.dep_ == "conj" and head.i < party.start and head.dep_ == "ROOT" and any(
                    t.lower_ == "et" for t in self.doc[head.i + 1:party.start]):
                first = self.party_of(head)
                return [first] if first is not None else []
        return []

    def objects_in(self, token: Token, label: str | None) -> list[Party]:
        """The treaty or exercise the trigger is about, in its subtree or its verb's, with
        the exercises coordinated with it ("les exercices X, Y et Z")."""
        if label is None:
            return []
        scope = list(token.subtree)
        verb = governing_verb(token) if token.pos_ == "NOUN" else None
        if verb is not None:
            scope += [t for c in verb.children if c.dep_ in OBJECT_DEPS | OBLIQUE_DEPS for t in c.subtree]
        if token.dep_ == "acl":          # "l'exercice X, co-organisé par ..."
            scope += [t for t in token.head.subtree if t.i < token.i]
        elif token.pos_ in ("VERB", "AUX") and bare_participle(token):
            qualified = qualified_noun(token)   # "la Déclaration conjointe ..., signée le ..."
            if qualified is not None:
                scope += list(qualified.subtree)
        found: dict[str, Party] = {}
        for t in scope:
            obj = self.objects.get(t.i)
            if obj is None or (label is not None and obj.label != label):
                continue
            if found and obj.label != "MIL_EXERCISE":
                break
            found.setdefault(obj.key, obj)
        if not found or label == "MIL_EXERCISE":
            for obj in self._objects_after(token, label):
                found.setdefault(obj.key, obj)
        if not found and label == "MIL_EXERCISE":   # "des volets de l'exercice", "cet exercice": the
            found = {o.key: o for o in self._exercise_taken_up(scope)}   # one the article named before
        return list(found.values())

    def _exercise_taken_up(self, scope: list[Token]) -> list[Party]:
        """A definite or demonstrative "exercice" with no name of its own takes up the last
        exercise named before it."""
        for t in scope:
            if t.lemma_.lower() in WORDS.exercise_triggers and t.i not in self.objects and any(
                    c.dep_ == "det" and c.lower_ in DEFINITE_OR_DEMONSTRATIVE for c in t.children):
                named = [o for i, o in self.objects.items() if i < t.i and o.label == "MIL_EXERCISE"]
                return named[-1:] if named else []
        return []

    def _objects_after(self, token: Token, label: str | None) -> list[Party]:
        """Objects named right after the trigger where the parser hung them elsewhere
        ("des exercices conjoints "X", "Y" et "Z"", "manœuvres baptisées X")."""
        doc = token.doc
        found: dict[str, Party] = {}
        i = token.i + 1
        while i < token.sent.end:
            obj = self.objects.get(i)
            if obj is not None and (label is None or obj.label == label):
                found.setdefault(obj.key, obj)
                i = max(i + 1, obj.end)
                continue
            t = doc[i]
            if not (t.pos_ in ("ADJ", "PUNCT", "DET", "CCONJ") or t.is_punct or t.is_quote
                    or t.lower_ in WORDS.naming_words):
                break
            i += 1
        return list(found.values())

    def search_subtree(self, token: Token, actors: list[Party], plans: list[dict],
                       talks: frozenset[str] = frozenset()) -> list[Party]:
        """For support, praise and criticism: the plan or party named in the trigger's
        arguments that is neither the actor nor the actor's own state, nor a party of a
        meeting noun (``talks``) inside them ("a salué les résultats de l'entretien avec X")."""
        args = [c for c in token.children if c.dep_ in OBJECT_DEPS | ARGUMENT_DEPS
                and c.lemma_.lower() not in WORDS.process_nouns]      # "au processus politique en Libye"
        args += [c for c in token.children if c.dep_ == "acl:relcl" and any(   # "du rôle que joue X",
            a.right_edge.i + 1 == c.left_edge.i for a in args)]                # the relative hung on the verb
        verb = governing_verb(token) if token.pos_ == "NOUN" else None
        text = " ".join(t.text for a in args for t in a.subtree).lower()
        for plan in plans:
            if any(name in text for name in plan["names"]):
                party = _PlanParty(plan["country"], "COUNTRY", token.i, token.i + 1)
                object.__setattr__(party, "plan", plan["canonical"])
                return [party]
        own = {a.key for a in actors} | {fold(self.country_names.get(a.country or "", "")) for a in actors}
        for arg in args + ([c for c in verb.children if c.dep_ in ARGUMENT_DEPS] if verb else []):
            for t in arg.subtree:
                party = self.by_token.get(t.i)
                if party is not None and party.label not in PARTY_LABELS and t.head.i != arg.i and t.i != arg.i:
                    continue             # "les liens suivis par le Comité X": no organisation deep inside
                if party is not None and (_under(t, arg, talks) or _against(t, arg)):
                    continue             # "a condamné l'attaque contre l'ambassade de X": X is its victim
                if party is not None and party.key not in own:
                    return [party]
        stance = self.stance_party([token, *(verb.children if verb is not None else [])])
        if not stance and verb is not None and any(   # "Le Maroc a reçu une reconnaissance de sa
                t.lemma_.lower() in WORDS.stance_nouns and any(c.lower_ in POSSESSIVES for c in t.children)
                for a in args for t in a.subtree):      # souveraineté": the subject owns it
            stance = self.parties(self.clause_subjects(verb))
        return [p for p in stance if p.key not in own]

    def stance_party(self, heads: Iterable[Token]) -> list[Party]:
        """The party whose stance or action is the object ("la souveraineté du Maroc", "le rôle
        du Royaume", "les efforts du Maroc"), wherever the parser hung the phrase."""
        for head in heads:
            for t in head.subtree:
                if t.lemma_.lower() not in WORDS.stance_nouns and t.lower_ not in WORDS.stance_nouns:
                    continue
                for child in t.children:
                    if child.dep_ == "nmod" and cases_of(child) & NOUN_ACTOR_CASES:
                        found = self.parties([child])
                    elif child.dep_ == "acl":        # "les efforts déployés par le Royaume"
                        found = self.parties(passive_agents(child))
                    elif child.dep_ == "amod":       # "la souveraineté marocaine"
                        found = self.nationality_states([child])
                    else:
                        continue
                    if found:
                        return found[:1]
        return []

    def preceding_parties(self, verb: Token) -> list[Party]:
        """Where the parser found no subject: the parties just before the verb ("MM. Bourita
        et Pompeo ont convenu"), else the nearest earlier subject of the sentence."""
        found: dict[str, Party] = {}
        i = verb.i - 1
        sent_start = clause_start(verb)
        while i >= sent_start:
            token = verb.doc[i]
            party = self.by_token.get(i)
            if party is not None:
                if governed_by_preposition(verb.doc, party.start):
                    break                         # "Au niveau de la Maison Blanche, X s'est ..."
                found.setdefault(party.key, party)
                i = min(i, party.start) - 1
                continue
            if token.pos_ in ("AUX", "ADV", "PRON", "DET") or token.lower_ in ("et", ",", "mm.", "m.", "mme") or (
                    token.text in OPENING_QUOTES | CLOSING_QUOTES | STRAIGHT_QUOTES) or (
                    token.dep_ == "mark" and token.head.i == verb.i) or (   # "X, après avoir réitéré ..."
                    token.pos_ == "NOUN" and any(c.lower_ in POSSESSIVES for c in token.children)):
                i -= 1                                                   # "X et ses hommes ont tenu"
                continue
            break
        if found:
            return list(reversed(list(found.values())))
        for token in reversed(verb.doc[sent_start:verb.i]):
            fragment_root = token.dep_ == "ROOT" and token.pos_ in ("NOUN", "PROPN") and token.sent.start < verb.sent.start
            if token.lower_ in RELATIVE_PRONOUNS:
                continue
            if (token.dep_ in SUBJECT_DEPS or fragment_root) and token.i not in self.dated:
                found_subjects = self.parties([token])
                if fragment_root:
                    found_subjects = [p for p in found_subjects if p.label in PARTY_LABELS]
                    if not found_subjects:
                        continue
                if found_subjects or token.pos_ not in ("VERB", "AUX"):
                    return found_subjects    # a verb taken for a subject ("que Dieu L'assiste"): read on
        return []

    def listed_before(self, subjects: list[Token]) -> list[Token]:
        """The first items of a subject list "A, B et C" that the parser hung on a phrase
        fronted before it ("À l'issue de la rencontre, le Maroc, les Etats-Unis et Israël ont
        signé"): parties before the subject, each followed by a comma and parsed a conjunct."""
        if len(subjects) != 1 or not any(c.dep_ == "conj" for c in subjects[0].children):
            return []
        doc, head = subjects[0].doc, subjects[0]
        listed: list[Token] = []
        i = head.left_edge.i if head.left_edge.text == "," else head.left_edge.i - 1   # the comma may
        while i > head.sent.start and doc[i].text == ",":                             # hang on the item
            party = self.by_token.get(i - 1)
            if party is None or party.label not in PARTY_LABELS:
                break
            item = doc[party.start:party.end].root
            if item.dep_ != "conj" or item.head.i > item.i:
                break
            listed.insert(0, item)
            i = item.left_edge.i if item.left_edge.text == "," else item.left_edge.i - 1
        return listed

    def following_party(self, verb: Token, actors: list[Party]) -> list[Party]:
        """Where the parser hung the object elsewhere ("a reçu mardi à Rabat le secrétaire
        d'Etat, X"): the first party after the verb in its clause that is not a place
        ("à Rabat") nor the actor."""
        doc = verb.doc
        own = {a.key for a in actors}
        i = verb.i + 1
        while i < len(doc) and not doc[i].is_space:   # the parser may split a clause: read on
            token = doc[i]
            party = self.by_token.get(i)
            if token.text in CLAUSE_END or (
                    party is None and token.pos_ == "VERB" and token.dep_ not in ("amod", "acl")):
                return []
            if party is not None and i not in self.dated:
                before = party.start - 1
                while before > 0 and doc[before].pos_ == "DET":
                    before -= 1               # "à la Maison Blanche": a place, not the person received
                previous = doc[before].lower_ if before >= 0 else ""
                if previous not in LOCATIVE_PREPOSITIONS and party.key not in own and not self._title_complement_at(before):
                    return self.parties([doc[party.start]]) or [party]
                i = max(i + 1, party.end)
                continue
            i += 1
        return []

    def _title_complement_at(self, i: int) -> bool:
        """``i`` is a title in the "de" complement of a noun ("un conseiller du roi X"): the
        name after it says whose the noun is."""
        if i < 1 or not (i in self.title_tokens or self.doc[i].lemma_.lower() in WORDS.title_lemmas):
            return False
        j = i - 1
        while j > 0 and self.doc[j].pos_ == "DET":
            j -= 1
        return self.doc[j].lower_ in NOUN_ACTOR_CASES and j > 0 and self.doc[j - 1].pos_ == "NOUN"

    def own_subjects(self, verb: Token) -> list[Token]:
        """The verb's subjects, without a date the parser took for one ("mercredi")."""
        return [c for c in verb.children if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS and c.i not in self.dated]

    def subjects_of(self, verb: Token) -> list[Token]:
        """The verb's own subjects, else, for a clause that shares its head's, those."""
        return self.own_subjects(verb) or (self.inherited_subjects(verb) if verb.dep_ in SHARING_DEPS else [])

    def inherited_subjects(self, verb: Token) -> list[Token]:
        """The subject a relative, participial or coordinated clause shares with its head:
        "Pompeo, qui coprésidait ..." → Pompeo."""
        head = verb.head
        if verb.dep_ == "acl" and head.lemma_.lower() == "tour" and any(c.dep_ == "cop" for c in head.children):
            return self.whose_turn(head)
        if verb.dep_ == "acl:relcl" or verb.dep_ == "acl":
            while head.dep_ == "conj" and "Plur" in verb.morph.get("Number") and head.head.i < head.i:
                head = head.head          # "A et B, arrivés lundi": both, not B alone
            if verb.dep_ == "acl" and head.i not in self.by_token:
                named = self._party_set_off_before(verb)   # "la rencontre entre X -arrivé lundi- et Y":
                if named is not None:                        # X, though hung on "rencontre"
                    return [named]
            return [head]
        subjects = self.own_subjects(head) or inverted_speaker(head)
        if verb.dep_ == "advcl" and bare_participle(verb) and "Plur" in verb.morph.get("Number") and (
                len(self.parties(subjects)) == 1):
            objects = [c for c in head.children if c.dep_ in OBJECT_DEPS]
            if len(self.parties(objects)) >= 2:
                return objects           # "X a reçu A et B, arrivés lundi": the participle agrees with them
        return subjects

    def _party_set_off_before(self, verb: Token) -> Token | None:
        """The party mention that ends right before a participle set off by a dash, a comma or
        a parenthesis."""
        i = verb.i - 1
        if i < 0 or self.doc[i].text not in SET_OFF_MARKS:
            return None
        while i >= 0 and self.doc[i].text in SET_OFF_MARKS:
            i -= 1
        return self.doc[i] if i >= 0 and i in self.by_token else None

    def whose_turn(self, turn: Token) -> list[Token]:
        """ "Après A et B, c'est au tour de X de reconnaître ...": X, and A and B who did it before."""
        now = [c for c in turn.children if c.dep_ == "nmod" and (   # "au tour du ministre X"
            cases_of(c) & NOUN_ACTOR_CASES or not cases_of(c) and c.i in self.by_token)]
        before = [t for c in turn.children if c.dep_.startswith("obl") and "après" in cases_of(c)
                  for t in c.subtree if t.i in self.by_token and t.head.i not in self.by_token]
        return now + before

    def clause_subjects(self, verb: Token) -> list[Token]:
        """The verb's own subjects, else those it shares with the clauses above it ("Le Maroc
        sait raison garder en soulignant ..." → le Maroc)."""
        for _ in range(MODAL_HOPS):
            subjects = self.own_subjects(verb)
            if subjects or verb.dep_ not in SHARING_DEPS:
                return subjects
            if verb.dep_ in ("acl", "acl:relcl"):
                return [verb.head]
            verb = verb.head
        return []

    def antecedent(self, verb: Token) -> list[Token]:
        """The party a relative clause hangs from, a few steps up the parse, where the parser
        attached the clause to the apposition describing it ("X, envoyé de l'ONU, qui ...")."""
        step = verb.head
        owners = [c for c in step.children if c.dep_ == "nmod" and c.i < verb.i and self.party_of(c) is not None]
        if owners and step.lemma_.lower() in WORDS.owned_stances:
            return owners[-1:]           # "la position de la Hongrie qui soutient ...": Hungary's
        for _ in range(RELATIVE_HOPS):
            if step.i != verb.i and self.party_of(step) is not None:
                return [step]
            if step.head.i == step.i:
                break
            step = step.head
        return []

    def plan_in(self, token: Token, plans: list[dict], reported: bool = False) -> Party | None:
        """A plan named in the trigger's arguments ("leur soutien à l'Initiative marocaine
        d'autonomie"), or with ``reported`` in the clause it governs ("considère que le plan
        ... est crédible"), stands for the state it belongs to."""
        verb = governing_verb(token) if token.pos_ == "NOUN" else None
        args = [c for c in token.children if c.dep_ in OBJECT_DEPS | OBLIQUE_DEPS | PASSIVE_SUBJECT_DEPS   # "le plan a été jugé"
                or reported and c.dep_ in REPORTED_DEPS | SUBJECT_DEPS]   # "le plan constitue la base"
        text = " ".join(t.text for a in args for t in sorted(_own_words(a), key=lambda w: w.i)).lower().replace("’", "'")
        if verb is not None:
            text += " " + " ".join(t.text for c in verb.children if c.dep_ in OBLIQUE_DEPS
                                   for t in c.subtree).lower().replace("’", "'")
        relative = any(c.lower_ in RELATIVE_PRONOUNS and c.i > 0 and token.doc[c.i - 1].text == ","
                       for c in token.children)   # ", que X avait qualifiée de", parsed a complement
        if (token.dep_ in ("acl", "acl:relcl") or relative) and token.pos_ in ("VERB", "AUX"):   # "le plan, jugé crédible",
            start = max(token.sent.start, token.i - PLAN_REACH)                       # "que X avait qualifiée de"
            text += " " + token.doc[start:token.i].text.lower().replace("’", "'")
        for plan in plans:
            if any(name in text.replace(" '", "'").replace("' ", "'") for name in plan["names"]):
                return _PlanParty(plan["country"], "COUNTRY", token.i, token.i + 1, plan=plan["canonical"])
        return None

    def pair_word_means_states(self, token: Token, commitment: bool = False) -> bool:
        """ "les deux pays" are the states; so are "les deux parties" that sign or agree
        (``commitment``), while "les deux parties ont discuté" are the two who talked."""
        verb = token if token.pos_ in ("VERB", "AUX") else governing_verb(token)
        subjects = [c for c in (verb.children if verb is not None else []) if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS]
        return any(c.lower_ == "pays" or commitment and c.lower_ == "parties" for c in subjects)

    def pair_complement(self, noun: Token) -> bool:
        """A noun trigger owned by "les deux X": "l'engagement conjoint des deux pays"."""
        if noun.pos_ != "NOUN":
            return False
        owners = [c for c in noun.children if c.dep_ == "nmod"]
        owners += [g for c in noun.children if c.dep_ == "amod" for g in c.children if g.dep_ in ("nmod", "obl:arg")]
        return any(pair_noun(c) and any(n.lower_ == "deux" for n in c.children) for c in owners)

    def is_pair_word(self, token: Token) -> bool:
        """The trigger's subject (or a noun trigger's complement) is "les deux X"."""
        if self.pair_complement(token):
            return True
        verb = token if token.pos_ in ("VERB", "AUX") else governing_verb(token)
        candidates = [c for c in (verb.children if verb is not None else []) if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS]
        candidates += [c for c in token.children if c.dep_ == "nmod"]
        for c in candidates:
            if pair_noun(c) and any(n.lower_ == "deux" for n in c.children):
                return True
            if c.lower_ in ("ils", "elles") and verb is not None:
                return True
            if c.lower_ == "il" and verb is not None and impersonal(verb):   # "il a été convenu de ...":
                return True                                                  # by the two who talk
        return False

    def recent_pair(self, token: Token, this_sentence: bool = False) -> tuple[Party, Party] | None:
        """The last two coordinated parties before "les deux pays": earlier in its sentence
        ("le partenariat entre le Maroc et les Etats-Unis, et l'engagement des deux pays"),
        else in the two sentences before ("Le Maroc et les Etats-Unis ... Les deux pays")."""
        start, end = (token.sent.start, token.i) if this_sentence else (
            self._sentence_before(token.sent.start, 2), token.sent.start)
        for t in reversed(self.doc[start:end]):
            party = self.by_token.get(t.i)
            if party is None or party.label not in PARTY_LABELS or _in_title_complement(t):
                continue                 # "X, conseiller du président Trump, et Y": X and Y
            coordinated = [p for p in self.parties([t]) if p.key != party.key and p.label in PARTY_LABELS
                           and not _in_title_complement(self.doc[p.start])]
            if coordinated:
                return party, coordinated[0]
            before = self._party_before_and(party)        # "Le Maroc et l'Espagne", parsed apart
            if before is not None:
                return before, party
        return None

    def _party_before_and(self, party: Party) -> Party | None:
        doc = self.doc
        i = party.start - 1
        while i > 0 and doc[i].pos_ == "DET":
            i -= 1
        if i <= 0 or doc[i].lower_ != "et":
            return None
        i -= 1
        while i >= 0 and doc[i].pos_ == "DET":
            i -= 1
        other = self.by_token.get(i) if i >= 0 else None
        if other is None and doc[i].text == ",":   # "X, conseiller du président Z, et Y": past X's apposition
            for k in range(i - 1, max(doc[i].sent.start, i - APPOSITION_REACH) - 1, -1):
                if doc[k].pos_ in ("VERB", "AUX") or doc[k].text in CLAUSE_END:
                    break
                candidate = self.by_token.get(k)
                if candidate is not None and not _in_title_complement(doc[candidate.start]):
                    other = candidate
                    break
        return other if other is not None and other.label == party.label and other.key != party.key else None

    def countries(self) -> dict[str, str]:
        """The state each party of the document serves, by folded name."""
        served = {fold(name): code for code, name in self.country_names.items()}
        for party in self.by_token.values():
            if party.country:
                served.setdefault(party.key, party.country)
        for title in self.doc.spans.get("titles", ()):   # "le président de la République islamique
            named = self._named_after(title) if title._.country else None   # de Mauritanie, X"
            if named is not None:
                served.setdefault(named.key, title._.country)
        for party in set(self.by_token.values()):    # "le ministre sénégalais des Pêches, X"
            name = self.doc[party.start]
            if party.label == "OFFICIAL" and party.key not in served and name.dep_ == "appos":
                states = self.nationality_states(c for c in name.head.children if c.dep_ == "amod")
                if states:
                    served[party.key] = states[0].country
        return served

    def last_named_before(self, token: Token, label: str) -> Party | None:
        """The party of ``label`` named last before ``token``, in its sentence or the one
        before ("ce dernier": an official; "ce pays": a state)."""
        for i in range(token.i - 1, self._sentence_before(token.sent.start, 1) - 1, -1):
            party = self.by_token.get(i)
            if party is not None and party.label == label:
                return party
        return None

    def nationality_states(self, adjectives: Iterable[Token]) -> list[Party]:
        """The states that nationality adjectives name: "le soutien américain" → Etats-Unis."""
        states = []
        for adjective in adjectives:
            code = self.nationalities.get(adjective.lower_)
            if adjective.pos_ == "ADJ" and code in self.country_names:
                states.append(Party(self.country_names[code], "COUNTRY", adjective.i, adjective.i + 1, None, code))
        return states

    def as_state(self, party: Party) -> Party:
        """An official or ministry taken as the state it serves (exercises are between states)."""
        if party.label in ("OFFICIAL", "MINISTRY") and party.country in self.country_names:
            return Party(self.country_names[party.country], "COUNTRY", party.start, party.end, None, party.country)
        return party


@dataclass(frozen=True)
class _PlanParty(Party):
    plan: str | None = None


def _under(token: Token, top: Token, lemmas: set[str]) -> bool:
    """Whether a word of ``lemmas`` governs ``token`` below ``top`` ("en présence de X")."""
    step = token
    while step.i != top.i and step.head.i != step.i:
        if step.lemma_.lower() in lemmas:
            return True
        step = step.head
    return False


def _own_words(head: Token) -> Iterator[Token]:
    """A phrase's words without the clauses inside it: "la décision de X de reconnaître le plan"
    is about the decision, not the plan."""
    yield head
    for child in head.children:
        if child.pos_ not in ("VERB", "AUX"):
            yield from _own_words(child)


def _quotation_closings(doc: Doc) -> dict[int, int]:
    """For each sentence that ends inside a quotation, where the mark that closes it stands
    (one pass: « or “ open, » or ” close, a straight quote toggles; a paragraph or
    ``QUOTE_REACH`` tokens end a quotation left open). Only the quotation marks and line
    breaks are visited, found on the document's arrays."""
    marks = [t.i for t in tokens_where(doc, ORTH, OPENING_QUOTES | CLOSING_QUOTES | STRAIGHT_QUOTES)]
    marks += [int(i) for i in numpy.flatnonzero(doc.to_array([IS_SPACE])) if "\n" in doc[int(i)].text]
    marks.sort()
    closings: dict[int, int] = {}
    opened, pending = None, []
    for sent in doc.sents:
        for i in marks[bisect_left(marks, sent.start):bisect_left(marks, sent.end)]:
            if opened is not None and i - opened > QUOTE_REACH:   # it ran out of reach before i
                ended_at, opened, pending = opened + QUOTE_REACH + 1, None, []
                if i == ended_at:
                    continue
            text = doc[i].text
            if "\n" in text:
                opened, pending = None, []
            elif opened is None and text in OPENING_QUOTES | STRAIGHT_QUOTES:
                opened = i
            elif opened is not None and text in CLOSING_QUOTES | STRAIGHT_QUOTES:
                closings.update((start, i) for start in pending)
                opened, pending = None, []
        if opened is not None and sent.end - 1 - opened > QUOTE_REACH:
            opened, pending = None, []
        if opened is not None:
            pending.append(sent.start)
    return closings


def _display_names(ents: tuple[Span, ...]) -> dict[str, str]:
    """The name each known official goes by in this article: the knowledge base's canonical
    name when the article spells it, else the fullest form the article uses ("Rumsfeld"
    for an article that never writes "Donald Rumsfeld"), as annotators name parties."""
    forms: dict[str, list[str]] = {}
    canonical: dict[str, str] = {}
    for ent in ents:
        kb_id = ent._.kb_id
        if ent.label_ != "OFFICIAL" or not kb_id or ent._.resolved_by not in NAMED_RESOLUTIONS:
            continue
        canonical[kb_id] = ent._.canonical
        forms.setdefault(kb_id, []).append(_strip_honorifics(ent.text))
    display = {}
    spelled = {fold_name(name) for names in forms.values() for name in names}   # the names it writes
    for kb_id, names in forms.items():
        if fold_name(canonical[kb_id] or "") in spelled:
            continue
        readable = [n for n in names if not n.isupper()] or names
        display[kb_id] = max(readable, key=lambda n: (len(fold_name(n).split()), len(n)))
    return display


def _is_full_name(ent: Span) -> bool:
    """A person or organisation the base model found, named well enough to be a party: two
    capitalised words at least, none of them a title ("Général" alone is not a name)."""
    if ent[-1].pos_ == "DET" or any(t.text in DATELINE_DASHES and t.whitespace_ and t.i > 0 and t.doc[t.i - 1].whitespace_
                                    for t in ent):
        return False                     # a dateline glued to the article: "ALGER - Le"
    words = [t for t in ent if t.is_alpha and t.lower_ not in HONORIFICS]
    capitalised = [t for t in words if t.text[0].isupper() and t.lemma_.lower() not in WORDS.title_lemmas]
    return len(capitalised) >= 2


def _strip_honorifics(name: str) -> str:
    words = name.split()
    while len(words) > 1 and fold(words[0]) in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def _introduced_officials(doc: Doc, by_token: dict[int, Party]) -> dict[str, list[tuple[int, str | None, Party]]]:
    """Title words that introduced a named official ("Le ministre ..., Nasser Bourita"), with
    where and in which gender: later, "le ministre" alone denotes one of them."""
    introduced: dict[str, list[tuple[int, str | None, Party]]] = {}
    title_country: dict[int, str | None] = {}    # token -> its title's country, read once
    for title in doc.spans.get("titles", ()):
        for i in range(title.start, title.end):
            title_country.setdefault(i, title._.country)
    for token in tokens_where(doc, DEP, ("appos",)):
        if token.i not in by_token:
            continue
        party = by_token[token.i]
        if party.label == "OFFICIAL" and token.head.lemma_.lower() in WORDS.title_lemmas:
            country = title_country.get(token.head.i)
            if party.country is None and country:   # the title's country serves who the KB does not know
                party = replace(party, country=country)
            introduced.setdefault(token.head.lemma_.lower(), []).append(
                (token.head.i, _gender_of(token.head), party))
    return introduced


def _bare(title: Token) -> bool:
    """A definite title with no complement or name of its own ("le ministre a ...")."""
    return (any(c.dep_ == "det" and c.lower_ in BARE_TITLE_DETS for c in title.children)
            and not any(c.dep_ in ("nmod", "appos", "flat:name", "acl", "acl:relcl") for c in title.children))


def bare_complement(noun: Token) -> bool:
    """A noun with no determiner right after "de" ("visite d'Etat", "chef d'Etat"): it
    classifies the noun before it, it names nothing."""
    before = noun.doc[noun.i - 1] if noun.i else None
    return before is not None and before.lower_ in ("de", "d'", "d’") and not any(
        c.dep_ == "det" for c in noun.children)


def _in_title_complement(token: Token) -> bool:
    """The party is named inside the "de" complement of a title: "Jared Kushner, haut
    conseiller du président Donald Trump" names Trump only to say whose adviser Kushner is."""
    step = token
    while step.dep_ in ("appos", "flat:name", "nmod", "amod", "flat") and step.head.i != step.i:
        if cases_of(step) & NOUN_ACTOR_CASES and step.head.lemma_.lower() in WORDS.title_lemmas:
            return True
        step = step.head
    return False


def _against(token: Token, arg: Token) -> bool:
    """``token`` lies, below ``arg``, in a phrase opened by "contre": the target of what the
    argument names ("l'attaque contre X"), not the party the stance bears on."""
    step = token
    while step.i != arg.i and step.head.i != step.i:
        if any(c.dep_ == "case" and c.lower_ in AGAINST_CASES for c in step.children):
            return True
        step = step.head
    return False


def _opens_quotation(sent: Span) -> bool:
    """The sentence starts with an opening quotation mark."""
    first = next((t for t in sent if not t.is_space), None)
    if first is not None and (first.text in OPENING_QUOTES or first.text in STRAIGHT_QUOTES):
        return True
    doc, start = sent.doc, sent.start       # the parser left the mark on the sentence before: '... . "Il a'
    return start >= 2 and doc[start - 1].text in OPENING_QUOTES | STRAIGHT_QUOTES and doc[start - 2].text == "."


def _gender_of(noun: Token) -> str | None:
    """The grammatical gender its article gives a noun ("la ministre" Fem, "le ministre" Masc)."""
    for child in noun.children:
        if child.dep_ == "det" and child.lower_ in ARTICLE_GENDERS:
            return ARTICLE_GENDERS[child.lower_]
    for word in (noun, noun.doc[noun.i - 1] if noun.i else None):   # "Mme Meloni", "M. Draghi"
        if word is not None and word.lower_ in HONORIFIC_GENDERS:
            return HONORIFIC_GENDERS[word.lower_]
    return None


def counterpart_cases(trigger: Trigger) -> frozenset[str]:
    """Prepositions that introduce the counterpart: the trigger's own, else "avec" for the
    symmetric types ("s'entretenir avec X"), none for the others ("remercier X")."""
    return trigger.preps or (WITH if trigger.type in SYMMETRIC_TYPES else frozenset())


def impersonal(verb: Token) -> bool:
    """An impersonal passive with an infinitive ("il a été convenu / décidé de ..."): its "il"
    stands for nobody."""
    return is_passive(verb) and any(c.lower_ == "il" and c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS
                                    for c in verb.children) and any(
        x.dep_ in ("xcomp", "ccomp", "csubj", "csubj:pass") and "Inf" in x.morph.get("VerbForm") for x in verb.children)
