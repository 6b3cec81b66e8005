"""diplo_relations: (actor, action, counterpart, date) triples from the dependency parse.

For every trigger in the article body (a verb or noun of ``models/events.jsonl``):
1. collect its parties from the parse: subject and object, the agent of a passive, obliques
   ("avec X", "à Rabat"), a noun's complements ("la visite de X au Maroc", "entre X et Y"),
   the subject of the verb a noun complements ("X a eu des entretiens avec Y"), expanded
   over coordination;
2. map each party to an entity or a resolved title (``doc.spans["titles"]``), or to "the two
   parties" of the current event ("les deux ministres");
3. skip triggers that are negated, hypothetical, planned or cancelled (``models/modality.txt``);
4. date it: a temporal expression of its clause, else of its sentence, else the main event's
   date when the sentence continues the main event;
5. merge mentions of one interaction into one record.
Triples are plain data (:class:`diplo_ner.types.Triple`), so they cross process boundaries.
Steps 1-2 live in :mod:`.parties` (who a token denotes) over :mod:`.syntax` (parse reading);
this module holds the triggers, exclusions, dating and merging.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import numpy
from spacy.attrs import IS_SPACE, LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..dates import compatible_dates
from ..extensions import register_extensions
from ..resources import load_jsonl, load_lines
from ..text import fold
from ..types import SYMMETRIC_TYPES, Mention, Triple
from .body import in_body
from .dates import dates_by_sentence
from .parties import (
    DESTINATION_CASES,
    DISCOURSE_KINDS,
    FIRST_PERSON,
    MODAL_HOPS,
    OBLIQUE_DEPS,
    PARTY_LABELS,
    POSSESSIVES,
    RELATIVE_PRONOUNS,
    SUBJECT_PRONOUNS,
    WITH,
    Party,
    PartyIndex,
    Trigger,
    bare_complement,
    counterpart_cases,
)
from .arrays import string_hashes, tokens_where
from .syntax import (
    AGENT_CASES,
    CLAUSE_DEPS,
    CLAUSE_END,
    DEMONSTRATIVES,
    NOUN_ACTOR_CASES,
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    REFLEXIVE_PRONOUNS,
    SUBJECT_DEPS,
    VERB_ENDINGS,
    absolute_participle,
    purpose_of,
    passive_participle,
    below_clause,
    between_after,
    between_heads,
    cases_of,
    commits_to_act,
    from_part,
    governing_verb,
    has_cue,
    in_fronted_phrase,
    is_definite,
    is_demonstrative,
    is_passive,
    lemma_candidates,
    misplaced_agents,
    object_relative_verb,
    passive_agents,
    predicate_of,
    qualified_noun,
    reporting_verb,
    told_in_past,
    takes_place,
    unreal,
    urges,
)
from .words import WORDS

OBJECT_LABEL_OF = {"EXERCISE": "MIL_EXERCISE", "SIGN": "TREATY"}
OBJECT_TYPES = {"SIGN", "EXERCISE"}       # one record per treaty or exercise
OWN_CHAIRS_TYPES = {"CO_CHAIR"}   # a noun of these names its parties itself ("la présidence de X et Y")
LEAD_RULE = "lead.day"          # the day an opening sentence gives, before any event
UNTIL_MARKS = ("jusqu", "d'ici", "d’ici")   # a date after them bounds an event under way
UNTIL_REACH = 10                              # characters before the date read for them
PERSON_OBJECT_TYPES = {"MEET", "CALL"}   # their direct object is the other party
LOOSE_DEPS = {"obl", "obl:mod", "dep"}   # where the parser hangs a coordinated object it lost
NO_OBJECT_TYPES = {"AGREE", "CO_CHAIR"}   # one agrees or co-chairs with a party, never agrees or co-chairs one
SPECIFIC_TYPES = {"SIGN", "MEET", "CALL"}    # a state-level mention yields to its officials
STANCE_TYPES = {"SUPPORT", "PRAISE", "CRITICIZE"}   # a state's stance yields to its official's
OBJECT_PRONOUNS = {"lui", "leur"}
DATE_HOPS = 4
NOUN_DATE_REACH = 5          # words from a noun trigger to a date the parse hung elsewhere
OTHER_CLAUSE_DEPS = {"advcl", "conj", "ccomp", "parataxis", "acl:relcl"}   # their own modality
EMBEDDED_DEPS = {"xcomp", "advcl", "ccomp", "obj"}
SUBTREE_SEARCH_TYPES = {"SUPPORT", "PRAISE", "CRITICIZE"}
FOLLOWING_EXCLUDED = SUBTREE_SEARCH_TYPES | {"SIGN"}   # these search their own arguments instead
CUE_REACH = {"credentials": 5, "partner": 6, "commitment": 8, "relationship": 3, "credible": 14, "beside": 3,
             "sovereignty": 4, "agreed": 2, "call": 4}
DATE_SKIP = 6                  # words after a trigger looked at for a date its cue reads past
CONTINUATION_DETS = {"ce", "cette", "ces", "cet", "le", "la", "les", "l'", "l’"}
REFERRING_DETS = DEMONSTRATIVES | {"le", "la", "l'", "l’", "les"}   # "l'accord" told before
OWN_COMPLEMENT_RULES = ("noun.between", "noun.complements", "noun.copula", "noun.agents")
PLUPERFECT_AUX = {"avait", "avaient"}
NOMINAL_ARGUMENT_DEPS = {"nsubj", "nsubj:pass", "obj", "obl", "obl:arg", "obl:mod", "nmod"}
NOUN_ARGUMENT_DEPS = {"obj", "obl", "obl:arg"}   # a noun trigger as its verb's argument
BACKGROUND_REACH = 10        # words from an earlier event's noun to its date
OPENING_REACH = 2            # sentences after "Cet entretien, ..." that may name its parties
OCCURRING_TYPES = {"MEET", "CALL", "VISIT", "SIGN", "CO_CHAIR", "EXERCISE"}   # events that take place

RECEIVING = WORDS.receiving_verbs | WORDS.hosting_verbs     # "X a reçu Y": Y is X's guest
CONFIDENCE = {
    "verb.subject_object": 0.9,
    "verb.passive_agent": 0.9,
    "verb.coordinated_subjects": 0.85,
    "noun.complements": 0.8,
    "noun.light_verb": 0.8,
    "noun.between": 0.85,
    "verb.two_parties": 0.6,
    "noun.two_parties": 0.6,
    "noun.copula": 0.8,
    "noun.visitor": 0.7,
    "noun.phrase": 0.65,
    "noun.possessor": 0.65,
    "noun.opening": 0.6,
    "stance.unchanged": 0.6,
    "noun.agents": 0.7,
    "subtree": 0.55,
    "quote.partner": 0.6,
    "exercise.participants": 0.7,
    "verb.gathering": 0.7,
    "noun.hosted": 0.55,
}


class RelationExtractor:
    """Emits ``doc._.triples`` (see the module docstring)."""

    def __init__(self, triggers: list[Trigger], modality: dict[str, set[str]], plans: list[dict],
                 country_names: dict[str, str], places: dict[str, str],
                 nationalities: dict[str, str] | None = None, discourse: dict[str, set[str]] | None = None):
        self.triggers: dict[tuple[str, str], list[Trigger]] = {}
        for trigger in triggers:         # an adjective predicate ("est favorable à") reads as a verb
            key = (trigger.lemma, trigger.pos)
            self.triggers.setdefault(key, []).append(replace(trigger, pos="VERB") if trigger.pos == "ADJ" else trigger)
        talks = [t for t in triggers if t.pos == "NOUN" and t.type in ("MEET", "CALL")]
        self.talk_nouns = frozenset(t.lemma for t in talks)                         # "un appel", "un entretien"
        self.meeting_nouns = frozenset(t.lemma for t in talks if not t.requires_cue)   # not "les échanges"
        self.modality = modality
        self.plans = plans
        self.country_names = country_names     # ISO2 -> canonical state
        self.nationalities = nationalities      # "américaine" -> US
        self.places = places                   # capital or city -> canonical state
        self.discourse = discourse or load_cues("discourse.txt", DISCOURSE_KINDS)   # group nouns
        self.treaty_heads = frozenset(load_lines("treaty_heads.txt"))    # "accord", "mémorandum"
        lemmas = {lemma for lemma, _ in self.triggers}
        # every lemma or word form that lemma_candidates can map to a trigger: a token with none
        # of them is never one, and the document's arrays find the others without a Token each
        self.trigger_lemmas = frozenset(lemmas | {lemma.capitalize() for lemma in lemmas} | {lemma.upper() for lemma in lemmas})
        self.trigger_forms = frozenset(lemmas | {lemma[:-len(infinitive)] + ending for lemma in lemmas
                                       for ending, infinitive in VERB_ENDINGS if lemma.endswith(infinitive)})

    # -- the component --------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        register_extensions()
        index = PartyIndex(doc, self.country_names, self.nationalities, self.places, discourse=self.discourse)
        found: list[Triple] = []
        last_pair: tuple[Party, Party] | None = None
        main: Triple | None = None
        main_parties: set[str] = set()
        main_states: set[str] = set()
        referents: dict[str, Triple] = {}      # "visite", "déclaration" -> its latest dated mention
        opening: _Opening | None = None        # "Cet entretien, ..." before any event: its parties come next
        meetings: list[tuple[Party, Party, str | None]] = []   # (guest, host, date) who may have met, for
                                                               # visits told with no destination
        dates = dates_by_sentence(doc)
        candidates = self._trigger_positions(doc)
        lead_end = _first_paragraph_end(doc)
        pronouns = [t.i for t in tokens_where(doc, LOWER, SUBJECT_PRONOUNS)]
        unchanged = sorted({t.i for attr in (LEMMA, LOWER) for t in tokens_where(doc, attr, WORDS.unchanged_words)})
        for sent in doc.sents:
            if not in_body(doc, sent.start, sent.end):
                continue
            sent_dates = dates.get(sent.start, [])
            if main is None and not found and sent.start < lead_end:   # "Journée historique, hier mardi
                lead = _lead_frame(sent, sent_dates, candidates, index)   # 22 décembre, à Rabat."
                if lead is not None:
                    main, main_parties = lead, _parties_named(sent, index)
            elif main is not None and main.rule == LEAD_RULE and sent.start < lead_end:
                main_parties |= _parties_named(sent, index)       # the lead paragraph's parties
            index.addressee = None
            anchor: Triple | None = None        # the event a fronted "à l'issue de la rencontre" takes up
            if _any_in(pronouns, sent):
                _date_taken_up(found, sent, sent_dates)   # "Elle s'est tenue mardi": the event told before
            if opening is not None and opening.noun.sent != sent:
                told = self._opening_parties(opening, sent, index)
                found += told
                opening = None if told or opening.left == 1 else replace(opening, left=opening.left - 1)
            reported = index.quote_speaker(sent) or index.quoted_before(sent)
            speaker, said_before = reported if reported else (None, -1)
            index.speaker, index.said_before = speaker, said_before
            for token in (doc[i] for i in candidates[bisect_left(candidates, sent.start):
                                                     bisect_left(candidates, sent.end)]):
                for trigger in self._triggers_of(token):
                    met: list[tuple[Party, Party]] = []
                    if self._refers_back(token, trigger, index):      # "Lors de cet entretien, ...": a mention
                        anchor = _add_reference(found, token, trigger, sent, sent_dates)   # of the event
                        if anchor is not None or not _possessed(token):   # told before, whose time the
                            if anchor is None and not found and trigger.type in SYMMETRIC_TYPES:   # clause shares;
                                opening = _Opening(token, trigger, OPENING_REACH, sent_dates)   # but "Au terme de
                            continue                           # leurs entretiens, X et Y ont signé" tells it here
                    told = False
                    for triple, pair in self._extract(token, trigger, index, last_pair):
                        told = True
                        if speaker is not None and token.i < said_before:
                            triple = _voiced_by(triple, speaker, self.country_names)
                        elif triple.event_type in STANCE_TYPES and triple.actor_label == "COUNTRY" and not (
                                told_in_past(token)):                # "X a rappelé que Washington soutient",
                            reporter = index.reporter_of(token)      # not "... que Washington avait reconnu"
                            if reporter is not None:
                                triple = _voiced_by(triple, reporter, self.country_names)
                        triple = self._date(triple, token, sent, sent_dates, main, main_parties | (
                            main_states if "two_parties" in triple.rule else set()), referents, anchor)
                        if anchor is not None and _same_talks(triple, anchor):   # "Durant cet entretien
                            triple = replace(triple, event_type=anchor.event_type, cameo=anchor.cameo)  # téléphonique,
                        triple = replace(triple, mentions=(_mention_of(triple),))   # les deux ont discuté"
                        found.append(triple)
                        _remember_referent(referents, triple, token, index.dated)
                        if triple.event_type == "MEET":    # (guest, host, date) as far as the verb tells:
                            meetings += [(*pair[::-1], triple.date)] if triple.action in RECEIVING else [
                                (*pair, triple.date), (*pair[::-1], triple.date)]
                        if pair[1].label in PARTY_LABELS and triple.event_type in SYMMETRIC_TYPES:
                            last_pair = pair           # "les deux ministres": the two who met
                            met.append(pair)
                        if main is None and _can_be_main(triple, token):
                            main = triple
                            main_parties = {fold(triple.actor), fold(triple.counterpart)}
                            main_states = {fold(self.country_names.get(p.country or "", ""))
                                           for p in pair if p.country} - {""}
                    if not told and main is None:      # "X a eu mardi une série d'entretiens": the
                        frame = self._frame(token, trigger, index, sent_dates)   # day the next sentences
                        if frame is not None:                                   # telling them share
                            main, main_parties, main_states = frame, {fold(frame.actor)}, set()
                    sides = _two_sides(met, index)
                    if sides is not None:              # A, B and C met D: "les deux parties" are
                        last_pair = sides              # the two states
            stances = self._unchanged_stances(sent, index) if _any_in(unchanged, sent) else []
            if speaker is not None:
                stances += self._quoted_praise(sent, speaker, said_before, index)
            found += [replace(dated, mentions=(_mention_of(dated),))
                      for t, token in stances for dated in [self._date(t, token, sent, sent_dates, main, main_parties)]]
        found += self._hosted_visits(index, meetings, dates)
        published, text = doc._.pub_date, doc.text     # read once: Doc.text joins every token
        found = [t for t in found if not _after_publication(t, published, text)]
        doc._.triples = merge_mentions(_most_specific(found, index.countries()))
        return doc

    def _trigger_positions(self, doc: Doc) -> list[int]:
        """The positions, in order, of the tokens whose lemma or form may be a trigger's."""
        mask = numpy.isin(doc.to_array([LEMMA]), string_hashes(self.trigger_lemmas)) | numpy.isin(
            doc.to_array([LOWER]), string_hashes(self.trigger_forms))
        return [int(i) for i in numpy.flatnonzero(mask)]

    def _agreement_object(self, verb: Token) -> bool:
        """The verb's object (or passive subject) is an agreement named by its head noun alone
        ("un accord", "des mémorandums")."""
        return any(c.dep_ in OBJECT_DEPS | PASSIVE_SUBJECT_DEPS and c.lemma_.lower() in self.treaty_heads
                   for c in verb.children)

    def _refers_back(self, token: Token, trigger: Trigger, index: PartyIndex) -> bool:
        """A demonstrative event noun with no parties of its own ("cet entretien", "cette
        visite"), or a definite one in a phrase fronted before its clause ("À l'issue de la
        rencontre, X et Y ont signé ..."), tells again the event told before."""
        if trigger.pos != "NOUN" or self._excluded(token):
            return False
        if not (is_demonstrative(token) or (is_definite(token) or _possessed(token)) and in_fronted_phrase(token)):
            return False
        return not any(c.dep_ in ("nmod", "appos") and cases_of(c) & (NOUN_ACTOR_CASES | {"entre", "avec"})
                       for c in token.children) and len(index.afforded_to(token)) < 2

    def _frame(self, noun: Token, trigger: Trigger, index: PartyIndex, spans: list[Span]) -> Triple | None:
        """A dated event noun whose actor is told but not yet its counterparts ("X a eu mardi
        une série d'entretiens"): the main event the next sentences continue, never a record."""
        if trigger.pos != "NOUN" or trigger.type not in OCCURRING_TYPES or self._excluded(noun):
            return None
        date = _clause_date(noun, spans)
        if date is None or not date._.date_value or len(date._.date_value) < 10:
            return None
        actors = [a for a in self._noun_parties(noun, trigger, index)[0] if a.label == "OFFICIAL"]
        if len(actors) != 1:
            return None
        frame = self._triple(noun, trigger.type, trigger, actors[0], actors[0], None, "noun.frame")
        return replace(frame, date=date._.date_value, date_text=date.text)

    def _opening_parties(self, opening: _Opening, sent: Span, index: PartyIndex) -> list[Triple]:
        """The event an article opens on with "Cet entretien, qui s'est déroulé jeudi, ..." is
        between the parties the next sentence makes the subject of its main verb ("Le ministre X
        et son homologue Y ont salué ...")."""
        parties: list[Party] = []
        for verb in (t for t in sent if t.pos_ == "VERB"):   # the first clause with two parties as subject
            subjects = index.parties(index.subjects_of(verb)) or index.preceding_parties(verb)
            parties = [p for p in subjects if p.label in PARTY_LABELS and p.start >= sent.start]
            if len(parties) >= 2:
                break
        if len(parties) < 2 or not any(p.label == "OFFICIAL" for p in parties):
            return []
        noun, trigger = opening.noun, opening.trigger
        triples = []
        for actor, counterpart, rule in self._pairs(trigger.type, parties, [], None, "noun.opening"):
            triple = self._triple(noun, trigger.type, trigger, actor, counterpart, None, rule)
            triple = self._date(triple, noun, noun.sent, opening.dates, None, set())
            triples.append(replace(triple, mentions=(_mention_of(triple),)))
        return triples

    def _unchanged_stances(self, sent: Span, index: PartyIndex) -> list[tuple[Triple, Token]]:
        """ "La position américaine sur le plan d'autonomie reste inchangée", "notre politique
        sur le plan n'a pas changé": restating a stance on a state's plan is support for it, by
        the state the stance belongs to, or the official who says so."""
        found = []
        for token in sent:
            if token.lemma_.lower() not in WORDS.unchanged_words and token.lower_ not in WORDS.unchanged_words:
                continue
            negated = any(c.dep_ == "advmod" and c.lower_ in self.modality["negation"] for c in token.children)
            predicate = token.head if token.dep_ in ("xcomp", "obj") and token.pos_ == "ADJ" else token
            if token.pos_ == "VERB" and not negated or token.pos_ != "VERB" and predicate is token and not any(
                    c.dep_ == "cop" for c in token.children):
                continue                 # "a changé": a change, not a stance restated
            for holder in (c for c in predicate.children if c.dep_ in SUBJECT_DEPS):
                plan = index.plan_in(holder, self.plans)
                if holder.lemma_.lower() not in WORDS.stance_holders or plan is None:
                    continue
                actor = index.stance_holder(holder)
                if actor is not None:
                    trigger = Trigger(token.lemma_.lower(), "VERB", "SUPPORT", "051", frozenset())
                    found.append((self._triple(token, "SUPPORT", trigger, actor, plan, plan.plan, "stance.unchanged"), token))
        return found

    def _quoted_praise(self, sent: Span, speaker: Party, said_before: int,
                       index: PartyIndex) -> list[tuple[Triple, Token]]:
        """«Le Maroc est un partenaire stable», a affirmé X: praise of the party the reported
        words call a partner or an ally, by the official who said them."""
        praise = []
        own_state = self.country_names.get(speaker.country or "")
        for token in sent:
            if token.i >= said_before or token.lemma_.lower() not in WORDS.cue("partner"):
                continue
            if not any(c.dep_ == "cop" for c in token.children):
                continue
            subjects = index.parties([c for c in token.children if c.dep_ in SUBJECT_DEPS])
            for party in subjects:
                if party.key not in (speaker.key, fold(own_state or "")) and party.label in PARTY_LABELS:
                    trigger = Trigger(token.lemma_.lower(), "NOUN", "PRAISE", "051", frozenset())
                    praise.append((self._triple(token, "PRAISE", trigger, speaker, party, None, "quote.partner"), token))
        return praise

    def _triggers_of(self, token: Token) -> list[Trigger]:
        if token.pos_ == "ADJ" and any(c.dep_ == "cop" for c in token.children):
            return self.triggers.get((token.lemma_.lower(), "ADJ"), [])
        pos = "VERB" if token.pos_ in ("VERB", "AUX") else "NOUN" if token.pos_ == "NOUN" or (
            token.pos_ == "ADJ" and token.dep_ in NOMINAL_ARGUMENT_DEPS and any(c.dep_ == "det" for c in token.children)
        ) else None                      # "ses vifs remerciements" tagged an adjective: an argument is a noun
        if pos == "NOUN" and (any(c.dep_ in SUBJECT_DEPS for c in token.children) or any(
                c.dep_.startswith("aux") for c in token.children)) and not any(
                c.dep_ in ("cop", "case") for c in token.children):        # not "X est en visite"
            pos = "VERB"                 # "Le Royaume co-préside ...", "se sont félicités": a verb the
                                         # tagger took for a noun
        if pos is None:
            return []
        for lemma in lemma_candidates(token, pos):
            found = self.triggers.get((lemma, pos))
            if found:
                return found
        return []

    # -- parties --------------------------------------------------------------------------
    def _extract(self, token: Token, trigger: Trigger, index: PartyIndex,
                 last_pair: tuple[Party, Party] | None) -> Iterator[tuple[Triple, tuple[Party, Party]]]:
        if self._excluded(token):
            return
        if trigger.reflexive and not any(c.lower_ in REFLEXIVE_PRONOUNS for c in token.children):
            return                       # "s'engager à" agrees; "engager des négociations" does not
        if token.lemma_.lower() in WORDS.aspect_verbs and any(
                c.dep_ == "xcomp" and any(m.lower_ in ("de", "d'", "d’") for m in c.children) for c in token.children):
            return                       # "X vient de rencontrer Y": a recent past, no journey
        if trigger.predicate and not any(c.dep_ == "cop" for c in token.children):
            return                       # "le plan est la base ...", not "sur la base du plan"
        if trigger.requires_cue and not has_cue(token, WORDS.cue(trigger.requires_cue),
                                                  CUE_REACH.get(trigger.requires_cue, 1)) and not (
                trigger.requires_cue == "joint" and len(index.parties(passive_agents(token)) or index.linear_agents(token)) >= 2):
            return                       # "présidée par X et Y" is joint without saying so
        event_type = trigger.type
        if event_type == "CALL" and trigger.pos == "VERB" and not trigger.preps & {"à", "au", "aux"} and urges(token):
            return                       # "X a appelé Y à la retenue / à faire": an urging, not a call
        if event_type == "AGREE" and trigger.pos == "VERB" and not trigger.requires_cue and not commits_to_act(token):
            return                       # "conviennent de la centralité de ...": an opinion, not a commitment
        if event_type == "MEET" and has_cue(token, WORDS.cue("call"), CUE_REACH["call"] + _dated_after(token, index)):
            event_type = "CALL"
        if trigger.requires_plan and index.plan_in(token, self.plans, reported=True) is None:
            return                       # "X juge le plan d'autonomie crédible": about a plan only
        objects = index.objects_in(token, trigger.requires_object or OBJECT_LABEL_OF.get(trigger.type))
        if trigger.requires_object and not objects and not (
                trigger.requires_object == "TREATY" and self._agreement_object(token)):
            return                       # "ont conclu un accord": an agreement, though unnamed
        if trigger.predicate:            # "pour Paris, le plan est la solution la plus réaliste"
            actors, counterparts, rule = index.stance_voice(token), [], "verb.voiced_evaluation"
        elif trigger.pos == "VERB":
            actors, counterparts, rule = self._verb_parties(token, trigger, index)
            if not actors and trigger.requires_plan:     # "pour Paris, le plan constitue la seule base":
                actors, rule = index.stance_voice(token), "verb.voiced_evaluation"   # whose view it is
        else:
            actors, counterparts, rule = self._noun_parties(token, trigger, index)
        if (not actors or index.pair_complement(token)) and index.is_pair_word(token):
            states = index.pair_word_means_states(token, commitment=event_type in ("AGREE", "SIGN"))
            for pair in (index.recent_pair(token, this_sentence=True), last_pair, index.recent_pair(token)):
                if pair is None:
                    continue
                pair_actors = list({a.key: a for a in map(index.as_state, pair)}.values()) if states else list(pair)
                if len(pair_actors) == 2 and (not states or all(a.label == "COUNTRY" for a in pair_actors)):
                    if event_type in SYMMETRIC_TYPES and trigger.pos == "VERB":   # "les deux ministres ont
                        counterparts = (index.parties(passive_agents(token))          # discuté de X"; "les
                                        or self._argument_parties(token, trigger, index))   # deux hommes
                                                                                    # ont été reçus par Y"
                    actors, rule = pair_actors, f"{trigger.pos.lower()}.two_parties"
                    break
        if trigger.pos == "NOUN" and is_demonstrative(token) and not rule.startswith(OWN_COMPLEMENT_RULES):
            return                       # "Lors de cette audience, X a ...": an event told before
        if trigger.pos == "NOUN" and event_type in OWN_CHAIRS_TYPES and not rule.startswith(OWN_COMPLEMENT_RULES):
            return                       # "sous la présidence de X et Y", not "un communiqué de la présidence"
        if event_type in SUBTREE_SEARCH_TYPES:
            plan = index.plan_in(token, self.plans, reported=trigger.requires_plan)
            owners = index.stance_owners(token) if event_type in ("PRAISE", "CRITICIZE") else []
            if owners:                   # "a salué le soutien américain au plan": the US, not the plan
                counterparts = owners
            elif plan is not None:
                counterparts = [plan]
        if event_type == "EXERCISE":      # every state of the clause takes part: one record a pair
            taking_part = index.participants(predicate_of(token), actors + counterparts, self.modality["presence"])
            if len(taking_part) >= 2:
                actors, counterparts, rule = taking_part, [], "exercise.participants"
        if counterparts and trigger.type in PERSON_OBJECT_TYPES:   # "a reçu X, en présence de Y et de Z":
            counterparts = _before_presence(token, counterparts)   # Y and Z attend, X is received
        if counterparts and all(c.label == "OFFICIAL" for c in counterparts):
            taken = {p.key for p in actors + counterparts}      # "avec X, ..., Y, ..., et Z, ..."
            last = max(c.end for c in counterparts)
            counterparts += [p for p in index.coordinated_after(last, token.sent.end)
                             if p.key not in taken and p.label == "OFFICIAL" and last > token.i]
        if trigger.destination and counterparts and all(c.label == "COUNTRY" for c in counterparts):
            listed = {p.key: p for c in counterparts          # "au Cameroun, au Liberia, en Namibie ..."
                      for p in (c, *index.listed_places(c.end, token.sent.end))}
            counterparts = list(listed.values())
        if not counterparts and event_type in SUBTREE_SEARCH_TYPES:
            counterparts = index.search_subtree(token, actors, self.plans, self.meeting_nouns)
            rule = "subtree" if counterparts else rule
            if not counterparts:                             # the parse hung the object elsewhere
                own = {a.key for a in actors} | {fold(self.country_names.get(a.country or "", "")) for a in actors}
                counterparts = [p for p in index.following_party(token, actors) if p.key not in own]
        if event_type in PERSON_OBJECT_TYPES and trigger.pos == "VERB" and not counterparts and any(
                (c.dep_ in OBJECT_DEPS or c.dep_ == "obl:arg" and not cases_of(c)) and c.pos_ == "NOUN"
                and not index.parties([c]) for c in token.children):
            return                       # "A et B accueillent des volets de l'exercice": a thing hosted
        if event_type == "VISIT" and not counterparts and trigger.pos == "NOUN" and _one_stay(token):
            index.unplaced_visits += [(token, trigger, a) for a in actors if a.label == "OFFICIAL" and a.country]
        for obj in objects or [None]:      # "les exercices X, Y et Z": one record each
            for actor, counterpart, pair_rule in self._pairs(event_type, actors, counterparts, obj, rule):
                if event_type == "EXERCISE":
                    actor, counterpart = index.as_state(actor), index.as_state(counterpart)
                if actor.key == counterpart.key or not {actor.label, counterpart.label} & PARTY_LABELS:
                    continue
                if event_type == "VISIT" and (counterpart.label != "COUNTRY" or actor.label == "COUNTRY" or actor.kb_id
                                              and self.country_names.get(actor.country or "") == counterpart.name):
                    continue             # a visit is made by someone, to a state, not (for an official the KB
                                         # knows) one's own: "les Etats-Unis ont fait débarquer" visits nothing
                named_object = obj.name if obj is not None and obj.key != counterpart.key else None
                triple = self._triple(token, event_type, trigger, actor, counterpart,
                                      named_object or getattr(counterpart, "plan", None), pair_rule)
                yield triple, (actor, counterpart)

    @staticmethod
    def _pairs(event_type: str, actors: list[Party], counterparts: list[Party], obj: Party | None,
               rule: str) -> Iterator[tuple[Party, Party, str]]:
        """(actor, counterpart) pairs: coordinated parties of a symmetric event pair up among
        themselves; with no second party, a signed treaty or an exercise is the counterpart."""
        if event_type in SYMMETRIC_TYPES and len(actors) >= 2 and not counterparts and rule != "verb.unknown_object":
            if not (rule in ("noun.between", "noun.agents", "noun.opening", "exercise.participants", "verb.gathering")
                    or rule.endswith("two_parties")):
                rule = "verb.coordinated_subjects"
            for i, actor in enumerate(actors):
                for counterpart in actors[i + 1:]:
                    yield actor, counterpart, rule
            return
        if not counterparts and obj is not None and event_type in ("SIGN", "EXERCISE"):
            counterparts = [obj]
        for actor in actors:
            for counterpart in counterparts:
                yield actor, counterpart, rule

    def _verb_parties(self, verb: Token, trigger: Trigger, index: PartyIndex) -> tuple[list[Party], list[Party], str]:
        children = list(verb.children)
        passive_subjects = [c for c in children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        participle = passive_participle(verb)       # "Reçu par X, Y a ...", "l'exercice, co-organisé par"
        passive = bool(passive_subjects) or is_passive(verb) or participle
        if passive:
            agents = index.parties(passive_agents(verb)) or index.linear_agent(verb)
            if len(agents) < 2 and trigger.type in SYMMETRIC_TYPES:   # "par X et, pour la MCC, par Y"
                listed = index.linear_agents(verb)
                agents = listed if len(listed) >= 2 else agents
            for state in index.army_agents(verb):       # "par la Marine royale et la flotte américaine"
                if state.key not in {a.key for a in agents}:
                    agents.append(state)
            if participle and not passive_subjects:
                qualified = qualified_noun(verb)   # "la Déclaration entre X, Y et Z, signée le ..."
                between = index.parties(between_heads(qualified)) if qualified is not None else []
                if not agents and len(between) >= 2 and trigger.type in SYMMETRIC_TYPES:
                    return between, [], "noun.between"
                patients = index.participle_patients(verb)
            else:
                patients = (index.parties(passive_subjects) or index.stance_party(passive_subjects)
                            or index.preceding_parties(verb))
            if len(agents) >= 2 and trigger.type in OBJECT_TYPES | OWN_CHAIRS_TYPES:
                return agents, [], "verb.passive_agent"   # "l'accord a été signé par X et Y", "la
                                                          # session X-Y a été coprésidée par A et B"
            if agents and patients:
                return agents, patients, "verb.passive_agent"
            if agents and trigger.type in SYMMETRIC_TYPES:   # "les accords signés par X avec Y"
                partners = [p for p in index.parties(c for c in children if c.dep_ in OBLIQUE_DEPS | {"nmod"}
                                                     and cases_of(c) & counterpart_cases(trigger)) if p not in agents]
                if partners:
                    return agents, partners, "verb.passive_agent"
            if agents and trigger.type in SUBTREE_SEARCH_TYPES:   # "le plan a été jugé crédible par X":
                return agents, [], "verb.passive_agent"            # its object is found in the clause
            if len(agents) >= 2 and trigger.type in SYMMETRIC_TYPES:   # "la réunion a été coprésidée
                return agents, [], "verb.passive_agent"                 # par X et Y"
            if participle and len(agents) >= 2 and trigger.type in SYMMETRIC_TYPES:
                return agents, [], "verb.passive_agent"
        subjects = index.subjects_of(verb)
        if subjects and all(s.lower_ in RELATIVE_PRONOUNS for s in subjects):
            subjects = index.antecedent(verb) or subjects    # "X, envoyé de l'ONU, qui visite ..."
        inverted: list[Token] = []
        if (trigger.type in PERSON_OBJECT_TYPES and subjects and all(s.i > verb.i for s in subjects)
                and not any(c.dep_ in OBJECT_DEPS for c in children)):
            inverted, subjects = subjects, []    # "X, qui ..., a rencontré Y" with Y parsed the subject
        if trigger.type in PERSON_OBJECT_TYPES and any(c.dep_ in OBJECT_DEPS and self.talk_nouns & set(
                lemma_candidates(c, "NOUN")) for c in children):
            return [], [], "verb.event_object"    # "X a reçu un appel de Y": the noun tells the event
        if trigger.type == "MEET" and any(s.lemma_.lower() in self.discourse["gathering"] for s in subjects):
            met = index.listed_after(verb)          # the list, however it was parsed
            if len(met) >= 2:
                return met, [], "verb.gathering"     # "ces tables rondes avaient rassemblé A, B, C et D"
        late = [c for s in subjects for c in s.children if c.dep_ == "conj" and c.i > verb.i]   # "X a rencontré
        actors = index.parties(index.listed_before(subjects) + subjects) or index.preceding_parties(verb)   # A ainsi
        if late:                                             # que B", B hung on the subject: an object
            later = {p.key for p in index.parties(late)}
            actors = [a for a in actors if a.key not in later]
        owner = index.infinitive_owner(verb)        # "la décision de Madrid de reconnaître ..."
        if owner is not None and owner.key not in {a.key for a in actors}:
            actors = [owner]
        if not actors and verb.dep_ == "conj":      # "X et Y ont signé ... et sont convenus de"
            actors = index.preceding_parties(verb.head)
        if not actors and any(c.lower_ in WORDS.fronted_marks for c in children if c.dep_ == "mark"):
            actors = index.participle_patients(verb)  # "Après s'être entretenu avec X, Y a ..."
        targets = inverted + [c for c in children if c.dep_ in OBJECT_DEPS and trigger.type not in NO_OBJECT_TYPES or (   # «... de vous rencontrer»: a clitic
            c.dep_ == "iobj" and c.pos_ == "PRON" and trigger.type in PERSON_OBJECT_TYPES)]    # the parser calls indirect
        if verb.dep_ == "acl:relcl" and trigger.type in SUBTREE_SEARCH_TYPES and any(c.lower_ == "dont" for c in children):
            targets.append(verb.head)             # "Tunis, dont elle a loué les réformes"
        if trigger.type in PERSON_OBJECT_TYPES:
            targets += late
        if trigger.type in PERSON_OBJECT_TYPES and any(c.dep_ in OBJECT_DEPS for c in children):
            targets += [c for c in children if c.dep_ in LOOSE_DEPS and not cases_of(c) and (   # "a rencontré A,
                        any(g.dep_ == "cc" for g in c.children) or c.i in index.by_token)]  # ainsi que B", "la
                                                                     # secrétaire ..., A," hung on the verb
        if trigger.destination and not trigger.preps:      # "qui visite le Maroc" (parsed nmod)
            targets += [c for c in children if c.dep_ == "nmod" and not cases_of(c)]
        preps = counterpart_cases(trigger)
        targets += [c for c in children if (c.dep_ in OBLIQUE_DEPS or c.i in index.by_token)
                    and c.dep_ not in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS and cases_of(c) & preps]
        counterparts = index.parties(targets, destination=trigger.destination)
        if not counterparts and trigger.destination:     # "s'est rendue lundi à Alger", "à Alger"
            counterparts = index.linear_destination(verb)  # hung on the date by the parser
        if not counterparts and verb.dep_ == "acl:relcl" and any(
                c.lower_ in OBJECT_PRONOUNS for c in children if c.dep_ in ("iobj", "obj", "obl", "obl:arg")):
            clause = verb.head.head                 # "X a reçu Y, qui lui a présenté ...": lui = X
            counterparts = [p for p in index.parties([c for c in clause.children if c.dep_ in SUBJECT_DEPS])
                            if p.key not in {a.key for a in actors}]
        if not counterparts and trigger.type in PERSON_OBJECT_TYPES:   # "a reçu en audience une délégation
            counterparts = index.following_group(verb)                   # composée de X, de Y ..."
        if not counterparts and not trigger.destination and trigger.type not in FOLLOWING_EXCLUDED and not (
                trigger.type in SYMMETRIC_TYPES and len(actors) >= 2):   # "X et Y ont coprésidé ... Maroc-Espagne"
            counterparts = index.following_party(verb, actors)
        if not counterparts and trigger.type in PERSON_OBJECT_TYPES and any(
                t.dep_ in OBJECT_DEPS and (t.lemma_.lower() in WORDS.title_lemmas or t.pos_ == "PROPN") for t in targets):
            return actors, [], "verb.unknown_object"   # "X et Y reçoivent le commandant de ...": not X-Y
        return actors, counterparts, "verb.subject_object"

    @staticmethod
    def _argument_parties(verb: Token, trigger: Trigger, index: PartyIndex) -> list[Party]:
        """The parties of a verb's object and of its counterpart obliques only (not of a
        topic: "ont discuté de la trêve entre X et Y")."""
        preps = counterpart_cases(trigger)
        return index.parties(c for c in verb.children
                             if c.dep_ in OBJECT_DEPS or c.dep_ in OBLIQUE_DEPS and cases_of(c) & preps)

    def _noun_parties(self, noun: Token, trigger: Trigger, index: PartyIndex) -> tuple[list[Party], list[Party], str]:
        actors, counterparts, rule = self._noun_parties_parsed(noun, trigger, index)
        if trigger.destination and counterparts and actors and all(self._at_home(a, counterparts[0]) for a in actors):
            actors = []                  # "Le roi a félicité X pour ... sa visite au Maroc": not the king's
        if len(actors) == 1 and not counterparts and rule == "noun.complements" and trigger.type in SYMMETRIC_TYPES:
            more = index.coordinated_after(actors[0].end, noun.sent.end)   # "sous la présidence de X,
            if more:                                                        # ministre ..., et Y"
                return actors + more, [], "noun.between"
        read_actors, read_counterparts = index.read_noun_phrase(noun, trigger)
        if rule == "noun.light_verb" and trigger.destination and any(a.label == "OFFICIAL" for a in read_actors):
            return read_actors, counterparts or read_counterparts, "noun.phrase"   # "... lors d'une visite
                                                        # à Rabat du ministre X": X's, not the clause's subject
        if actors and (counterparts or trigger.type in SYMMETRIC_TYPES and len(actors) >= 2):
            return actors, counterparts, rule
        if actors and read_counterparts and not counterparts:
            return actors, read_counterparts, rule
        if not actors and read_actors and (read_counterparts or counterparts):
            return read_actors, read_counterparts or counterparts, "noun.phrase"
        if not actors and counterparts:               # "Outre ses entretiens avec X, Y a ..."
            owner = index.fronted_owner(noun)
            if owner:
                return owner, counterparts, "noun.phrase"
            owner = (index.possessor_of(noun, away_from=counterparts[0].name) if trigger.destination else
                     index.possessor_of(noun) if trigger.type in ("MEET", "CALL") else [])
            if owner and owner[0].key not in {c.key for c in counterparts}:   # "lors de sa rencontre avec X, Y"
                return owner, counterparts, "noun.possessor"     # "lors de sa visite à Rabat, X ..."
        return actors, counterparts, rule

    def _at_home(self, party: Party, destination: Party) -> bool:
        return self.country_names.get(party.country or "") == destination.name

    def _noun_parties_parsed(self, noun: Token, trigger: Trigger, index: PartyIndex) -> tuple[list[Party], list[Party], str]:
        children = list(noun.children)   # and those hung on a classifier: "la visite d'Etat du président X"
        children += [g for c in children if c.dep_ == "nmod" and bare_complement(c) for g in c.children if g.dep_ == "nmod"]
        between = between_heads(noun) or between_after(noun)
        if between:
            parties = index.parties(between)
            if len(parties) >= 2:
                return parties, [], "noun.between"
        afforded = index.afforded_to(noun)           # "Cet entretien a permis à X et à Y de ..."
        if len(afforded) >= 2 and trigger.type in SYMMETRIC_TYPES:
            return afforded, [], "noun.between"
        listed = index.linear_between(noun)          # "la rencontre entre le conseiller ..., X, et
        if len(listed) >= 2:                         # le ministre ..., Y": the parse lost the list
            return listed, [], "noun.between"
        juxtaposed = [c for c in children if c.i in index.by_token and not cases_of(c)
                      and c.dep_ in ("nmod", "appos", "flat:name", "compound")]
        if trigger.type in SYMMETRIC_TYPES and len(index.parties(juxtaposed)) >= 2:
            return index.parties(juxtaposed), [], "noun.between"      # "la rencontre X-Y"
        preps = counterpart_cases(trigger)
        actor_heads = [c for c in children if c.dep_ in ("nmod", "amod") and    # "la reconnaissance
                       (cases_of(c) & (NOUN_ACTOR_CASES | AGENT_CASES) - preps or c.dep_ == "amod")]  # par X"
        counter_heads = [c for c in children if c.dep_ in OBLIQUE_DEPS and cases_of(c) & preps]
        actors = index.parties(from_part(children)) or index.parties(actor_heads, adjectives=True)
        acting = {a.key for a in actors}
        counterparts = [p for p in index.parties(counter_heads, destination=trigger.destination)
                        if p.key not in acting]
        if not actors and trigger.type in SUBTREE_SEARCH_TYPES:   # "la reconnaissance américaine de ..."
            actors = index.nationality_states([c for c in children if c.dep_ == "amod"])
        if actors and any(cases_of(c) & AGENT_CASES for c in actor_heads):
            return actors, counterparts, "noun.complements"       # "la reconnaissance par X": X's act
        if actors and not counterparts and noun.dep_ in OBJECT_DEPS and noun.head.lemma_.lower() in WORDS.receiving_verbs:
            receivers = [p for p in index.parties(index.subjects_of(noun.head)) if p.key not in acting]
            return actors, receivers, "noun.complements"      # "X a reçu un appel de Y": Y calls X
        if actors:
            return index.speaker_for(noun, actors), counterparts, "noun.complements"
        mine = next((c for c in children if c.dep_ == "det" and c.lower_ in FIRST_PERSON), None)
        speaker = index.first_person(mine) if mine is not None else None
        if speaker is not None:                                          # «Lors de ma visite à Rabat»
            return [speaker], counterparts, "noun.complements"
        subjects = [c for c in children if c.dep_ in SUBJECT_DEPS]   # "X est en visite au Maroc"
        if subjects and index.parties(subjects):
            return index.parties(subjects), counterparts, "noun.copula"
        if "en" in cases_of(noun) and trigger.destination:
            destination = counterparts or index.read_noun_phrase(noun, trigger)[1]   # "en visite ce lundi au Maroc"
            visitors = index.visitor_of(noun, destination[0].name if destination else None)   # "a reçu X,
                                                                                              # en visite au Maroc"
            if visitors:
                return visitors, counterparts, "noun.visitor"
        verb = object_relative_verb(noun) or governing_verb(noun)    # "l'entretien qu'il a eu avec Y"
        if verb is not None:
            subjects = index.subjects_of(verb)
            if subjects and all(s.lower_ in RELATIVE_PRONOUNS for s in subjects):
                subjects = index.antecedent(verb) or subjects    # "X, qui effectue sa visite en Chine"
            actors = index.parties(subjects) if subjects else index.preceding_parties(verb)
            agents = index.parties(misplaced_agents(verb, noun))
            if agents:
                return agents, counterparts, "noun.light_verb"
            givers = index.parties(from_part(list(verb.children)))
            if givers:                      # "X a reçu une reconnaissance ... de la part d'Y": Y gives
                return givers, [a for a in actors if a.key not in {g.key for g in givers}], "noun.light_verb"
            fronted = bool(subjects) and noun.i < min(s.i for s in subjects) and noun.dep_.startswith("obl")
            if is_passive(verb) and not fronted:   # "l'annonce a été faite par X à l'issue d'une rencontre
                                                  # avec Y"; but "Après des entretiens avec Y, X a été reçu"
                actors = index.parties(passive_agents(verb)) or index.linear_agent(verb) or actors
            if not counterparts:
                extra = [c for c in verb.children if c.dep_ in OBLIQUE_DEPS and cases_of(c) & preps]
                counterparts = index.parties(extra, destination=trigger.destination)
            where = next((c for c in verb.children if c.lower_ == "où"), None)
            if not counterparts and trigger.destination and where is not None and where.i > 1:
                before = noun.doc[where.i - 1 - (noun.doc[where.i - 1].text == ",")]   # "d'Alger, où elle
                counterparts = index.parties([before], destination=True)   # avait effectué une visite"
            if actors:
                return actors, counterparts, "noun.light_verb"
        if trigger.type in SYMMETRIC_TYPES and len(counterparts) >= 2 and not any(
                cases_of(c) & WITH for c in counter_heads):
            return counterparts, [], "noun.complements"             # "la signature par X et Y"
        if trigger.type in OBJECT_TYPES and not counterparts:
            agents = index.linear_agents(noun)                       # "la signature ..., par X, et par Y"
            if len(agents) >= 2:
                return agents, [], "noun.agents"
        return [], counterparts, "noun.complements"

    # -- modality -------------------------------------------------------------------------
    def _excluded(self, token: Token) -> bool:
        """Negated, hypothetical, planned or cancelled triggers are not interactions."""
        scope = [token, *(c for c in token.children if c.dep_ not in OTHER_CLAUSE_DEPS)]
        if token.dep_ in ("xcomp", "obj", "ccomp") and token.head.pos_ in ("VERB", "AUX"):
            scope += [token.head, *token.head.children]
        elif token.dep_ == "acl" and "Inf" in token.morph.get("VerbForm") and token.head.dep_ in OBJECT_DEPS \
                and token.head.head.pos_ in ("VERB", "AUX"):
            scope.append(token.head.head)  # "a invité X à se rendre": the infinitive hung on the object
        if token.pos_ == "NOUN" and token.head.pos_ in ("VERB", "AUX"):
            head = token.head            # "une rencontre ... est prévue le 14", "attendu pour une rencontre"
            if head.lemma_.lower() in self.modality["plan"]:
                return True
            if token.dep_ in ("nsubj", "nsubj:pass") and (unreal(head) or head.lemma_.lower() in self.modality["cancel"]):
                return True
        if token.pos_ == "NOUN" and token.dep_ == "nmod" and token.head.lemma_.lower() in self.modality["cancel"]:
            return True                  # "l'annulation de la rencontre entre X et Y"
        if token.pos_ == "NOUN" and token.dep_ in ("obl", "obl:arg", "obj") and (
                token.head.lemma_.lower() in self.modality["presence"]):
            return True                  # "X et Y ont assisté à cette audience": witnesses
        for t in scope:
            lemma, lower = t.lemma_.lower(), t.lower_
            if t.dep_ == "advmod" and (lemma in self.modality["negation"] or lower in self.modality["negation"]):
                if t.head.lemma_.lower() in WORDS.litotes:
                    continue             # "n'a pas tari d'éloges", "n'a pas manqué de saluer": did
                if lemma in WORDS.expletive_negation and not any(
                        c.dep_ == "advmod" and c.lemma_.lower() in self.modality["negation"] - WORDS.expletive_negation
                        for c in t.head.children):
                    continue             # "avant que les deux ministres ne signent": the expletive "ne"
                return True
            if t.i != token.i and lemma in WORDS.litotes and any(
                    c.dep_ == "advmod" and c.lower_ in self.modality["negation"] for c in t.children):
                continue
            if t.i != token.i and (lemma in self.modality["hypothesis"] and not _accomplished(t)
                                   or lemma in self.modality["cancel"] or lower in self.modality["cancel"]):
                if t.dep_ not in ("nsubj", "obj", "obl", "obl:mod", "obl:arg", "nmod"):
                    return True
        verb = token if token.pos_ in ("VERB", "AUX") else object_relative_verb(token)
        if verb is not None and unreal(verb):
            return True                  # also "la réunion qu'il tiendra lundi avec Y"
        governor = token                  # a noun's verb carries its modality: "devait ... avant de
        if token.pos_ == "NOUN" and token.dep_ in NOUN_ARGUMENT_DEPS and token.head.pos_ in ("VERB", "AUX"):
            governor = token.head         # procéder à la signature"
            if unreal(governor):
                return True
        for _ in range(MODAL_HOPS):       # "devait se rendre à X pour rencontrer Y"
            if governor.dep_ not in EMBEDDED_DEPS or governor.head.i == governor.i:
                break
            if any(c.dep_ == "mark" and c.lower_ in WORDS.anterior_marks for c in governor.children):
                break                     # "après avoir renouvelé ..., a souhaité": done before the wish
            governor = governor.head
            if governor.pos_ in ("VERB", "AUX") and (unreal(governor) or (
                    governor.lemma_.lower() in self.modality["hypothesis"] and not _accomplished(governor))):
                return True
        return False

    # -- dates ----------------------------------------------------------------------------
    def _date(self, triple: Triple, token: Token, sent: Span, spans: list[Span],
              main: Triple | None, main_parties: set[str],
              referents: dict[str, Triple] | None = None, anchor: Triple | None = None) -> Triple:
        doc = token.doc
        own = (_clause_date(token, spans) or _sentence_date(spans, token, triple.event_type == "EXERCISE")
               or _date_right_after(token, spans))
        if own is None:                  # "une visite en Italie, durant laquelle il s'est entretenu avec Y"
            own = _during_antecedent_date(token, spans)
        if own is None and triple.event_type in STANCE_TYPES:   # "X a réaffirmé jeudi que son pays soutient":
            said = reporting_verb(token)                        # a stance is taken when it is said
            own = _clause_date(said, spans) if said is not None else None
        if token.pos_ == "NOUN" and _marked_earlier(token, spans):   # "après la visite de X en mars": March,
            own = _date_right_after(token, spans, BACKGROUND_REACH) or own   # else its clause's date,
            return replace(triple, date=own._.date_value, date_text=own.text) if own is not None else triple
        if own is not None and self._dates_earlier_event(token, own):                # never the main event's
            own = None                   # the main event is not dated by the earlier one's date
        if own is not None:
            return replace(triple, date=own._.date_value, date_text=own.text)
        if anchor is not None and anchor.date:      # "Lors de son séjour, X a rencontré": the stay's days
            stay = _stay(anchor, doc._.pub_date) if triple.event_type != "VISIT" else None
            return replace(triple, date=stay or anchor.date, date_text=anchor.date_text)   # "Lors de cet
        earlier = _referred_event(token, referents or {})                          # entretien, X a ..."
        if earlier is not None:          # "Cette déclaration a scellé ...": the declaration's date
            return replace(triple, date=earlier.date, date_text=earlier.date_text)
        if main is not None and _continues(sent, triple, main_parties):
            stay = _stay(main, doc._.pub_date)
            if stay and triple.event_type != "VISIT":   # "arrivé samedi ... Il a été reçu par"
                return replace(triple, date=stay, date_text=main.date_text)
            return replace(triple, date=main.date, date_text=main.date_text)
        return triple

    def _hosted_visits(self, index: PartyIndex, meetings: list[tuple[Party, Party, str | None]],
                       dates: dict[int, list[Span]]) -> list[Triple]:
        """A visit told with its visitor but no destination ("la visite d'Etat du président
        français") is to the state of the one foreign host the article has the visitor meet, at
        a time the visit's own date allows ("ma visite en 2019" is not this week's meeting)."""
        found, published = [], str(index.doc._.pub_date or "") or None
        for token, trigger, visitor in index.unplaced_visits:
            triple = self._triple(token, "VISIT", trigger, visitor, visitor, None, "noun.hosted")
            triple = self._date(triple, token, token.sent, dates.get(token.sent.start, []), None, set())
            hosts = {index.as_state(host).key: index.as_state(host) for guest, host, day in meetings
                     if guest.key == visitor.key and host.country in self.country_names
                     and host.country != visitor.country and _same_time(triple.date, day or published)}
            if len(hosts) != 1:
                continue
            host = next(iter(hosts.values()))
            triple = replace(triple, counterpart=host.name, counterpart_label=host.label, counterpart_kb_id=None)
            found.append(replace(triple, mentions=(_mention_of(triple),)))
        return found

    def _dates_earlier_event(self, token: Token, date: Span) -> bool:
        """The date follows another event noun that an earlier-event mark introduces ("après
        leur précédente rencontre en juin", "depuis sa visite au Maroc en mai 2018"), with no
        verb or comma between: it is that event's date, not the trigger's."""
        doc = token.doc
        for k in range(date.start - 1, max(date.sent.start, date.start - BACKGROUND_REACH) - 1, -1):
            word = doc[k]
            if word.i == token.i or word.pos_ in ("VERB", "AUX") or word.is_punct:
                return False
            if word.pos_ == "NOUN" and self._triggers_of(word):
                return _marked_earlier(word, [date]) and not word.i < token.i < date.start
        return False

    def _triple(self, token: Token, event_type: str, trigger: Trigger, actor: Party,
                counterpart: Party, obj: str | None, rule: str) -> Triple:
        sent = token.sent           # a symmetric pair keeps the order it was read in
        return Triple(
            actor=actor.name, actor_label=actor.label, action=token.lemma_.lower(),
            event_type=event_type, counterpart=counterpart.name,
            counterpart_label=counterpart.label, object=obj, date=None, date_text=None,
            sentence=sent.text.strip(), start=sent.start_char, end=sent.end_char,
            confidence=CONFIDENCE.get(rule, 0.5), rule=f"{rule}:{trigger.lemma}",
            cameo=trigger.cameo, actor_kb_id=actor.kb_id, counterpart_kb_id=counterpart.kb_id,
            trigger_start=token.idx, trigger_end=token.idx + len(token),
        )

    def to_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> RelationExtractor:
        return self


@dataclass(frozen=True)
class _Opening:
    """An event noun told before its parties ("Cet entretien, ..." opening an article)."""
    noun: Token
    trigger: Trigger
    left: int                  # sentences still to read for its parties
    dates: list[Span]          # the date spans of its sentence


def _one_stay(noun: Token) -> bool:
    """A visit noun that tells one stay in one state that it does not name: not "les visites",
    not "une tournée", not "sa visite en Afrique"."""
    return ("Plur" not in noun.morph.get("Number") and noun.lemma_.lower() not in WORDS.tour_nouns
            and not any(cases_of(c) & DESTINATION_CASES for c in noun.children))


def _same_time(first: str | None, second: str | None) -> bool:
    """Two ISO dates (day, month, year or range) that may tell one stay: unknown, or their
    months (a visit of a few days) one within the other."""
    return not first or not second or compatible_dates(first.split("/")[0][:7], second.split("/")[0][:7])


def _before_presence(trigger: Token, counterparts: list[Party]) -> list[Party]:
    """The counterparts named before an "en présence de" that follows the trigger, when there
    are any: those after it only attend."""
    doc = trigger.doc
    presence = next((t.i for t in doc[trigger.i + 1:trigger.sent.end]
                     if t.lower_ == "présence" and doc[t.i - 1].lower_ == "en"), None)
    if presence is None:
        return counterparts
    before = [c for c in counterparts if c.start < presence]
    return before or counterparts


def _possessed(noun: Token) -> bool:
    """ "leur entretien", "sa visite" with no complement ("sa visite au Maroc" tells where): a
    possessive determiner, definite as an article is."""
    return any(c.lower_ in POSSESSIVES for c in noun.children if c.dep_ == "det") and not any(
        c.dep_ in ("nmod", "appos") for c in noun.children)


def _marked_earlier(noun: Token, spans: list[Span]) -> bool:
    """An earlier-event mark stands in the few words before the event noun ("après leur
    précédente rencontre", "depuis sa visite")."""
    dated = {i for span in spans for i in range(span.start, span.end)}     # the sentence's dates
    before = noun.doc[max(noun.sent.start, noun.i - BACKGROUND_REACH // 2):noun.i]
    return any(t.lower_ in WORDS.background_marks and t.i not in dated for t in before)   # not "le 30 avril dernier"


def _date_taken_up(found: list[Triple], sent: Span, spans: list[Span]) -> None:
    """ "Elle s'est tenue mardi", "Il a eu lieu lundi": the pronoun is the event told just
    before, which the sentence dates and mentions again."""
    for token in sent:
        if token.lower_ in SUBJECT_PRONOUNS and token.dep_.startswith("nsubj") and takes_place(token.head):
            previous = sent.doc[sent.start - 1].sent.start_char if sent.start else 0
            recent = [t for t in found if t.event_type in OCCURRING_TYPES and t.start >= previous]
            if recent:
                _add_reference(found, token.head, {recent[-1].event_type}, sent, spans,
                               f"pronoun.reference:{token.head.lemma_}")
            return


def _add_reference(found: list[Triple], noun: Token, trigger: Trigger | set[str], sent: Span,
                   spans: list[Span], rule: str | None = None) -> Triple | None:
    """Adds the mention of a demonstrative event noun to the latest event of its type (a
    meeting for a call and back), with the date its clause gives when the event had none;
    returns that event. ``trigger`` may be the set of event types taken up."""
    types = trigger if isinstance(trigger, set) else {trigger.type}
    kinds = types | ({"MEET", "CALL"} if types & {"MEET", "CALL"} else set())
    latest = next((t for t in reversed(found) if t.event_type in kinds), None)
    if latest is None:
        return None
    own = _clause_date(noun, spans)
    mention = Mention(sent.start_char, sent.end_char, noun.idx, noun.idx + len(noun),
                      rule or f"noun.reference:{trigger.lemma}", own.text if own is not None else None)
    for n, triple in enumerate(found):
        if triple.trigger_start == latest.trigger_start and triple.event_type in kinds:
            dated = {} if triple.date or own is None or not own._.date_value else {
                "date": own._.date_value, "date_text": own.text}
            found[n] = replace(triple, mentions=(*triple.mentions, mention), **dated)
    return next(t for t in reversed(found) if t.trigger_start == latest.trigger_start and t.event_type in kinds)


def _same_talks(triple: Triple, anchor: Triple) -> bool:
    """A meeting verb between the parties of the call (or meeting) its clause is set in."""
    talks = {"MEET", "CALL"}
    return (triple.event_type in talks and anchor.event_type in talks
            and {fold(triple.actor), fold(triple.counterpart)} == {fold(anchor.actor), fold(anchor.counterpart)})


def _mention_of(triple: Triple) -> Mention:
    return Mention(triple.start, triple.end, triple.trigger_start, triple.trigger_end, triple.rule, triple.date_text)


def _two_sides(met: list[tuple[Party, Party]], index: PartyIndex) -> tuple[Party, Party] | None:
    """The two states of an event between more than two parties who serve exactly two states."""
    parties = {p.key: p for pair in met for p in pair}
    if len(parties) <= 2:
        return None
    states = {s.key: s for s in map(index.as_state, parties.values()) if s.label == "COUNTRY"}
    if len(states) != 2 or len(states) != len({index.as_state(p).key for p in parties.values()}):
        return None
    first, second = states.values()
    return first, second


def _during_antecedent_date(token: Token, spans: list[Span]) -> Span | None:
    """The date of the event noun a relative clause is told during ("une visite du 25 au 27
    mai, durant laquelle il s'est entretenu avec Y", "un entretien, au cours duquel ..."), or
    of the clause whose place "où" takes up ("s'est rendu le 18 avril à X, où il a rencontré
    Y"): what happens in it happens then."""
    clause = token if token.pos_ in ("VERB", "AUX") else governing_verb(token)
    if clause is None or clause.dep_ not in ("acl:relcl", "advcl") or not any(   # the parser hangs an
            c.lower_ in WORDS.event_relatives and not c.dep_.startswith("nsubj")  # "où" clause either way
            for c in clause.children):
        return None
    return _clause_date(clause.head, spans) or _date_right_after(clause.head, spans)


def _first_paragraph_end(doc: Doc) -> int:
    """Where the article's first paragraph ends: its first line break (the end of the text
    when it has none)."""
    spaces = numpy.flatnonzero(doc.to_array([IS_SPACE]))
    return next((int(i) for i in spaces if "\n" in doc[int(i)].text), len(doc))


def _lead_frame(sent: Span, spans: list[Span], candidates: list[int], index: PartyIndex) -> Triple | None:
    """An opening sentence that gives the day and tells no event ("Journée historique, hier
    mardi 22 décembre, à Rabat."): the day of the story the article tells, which the events
    that follow take when they give none and share a party with the lead."""
    days = [s for s in spans if s._.date_value and len(s._.date_value) >= 10]
    if len({s._.date_value for s in days}) != 1 or _any_in(candidates, sent):
        return None                      # "hier mardi 22 décembre": one day, said twice
    return Triple("", "", "", "", "", "", None, days[0]._.date_value, days[0].text, sent.text,
                  sent.start_char, sent.end_char, 0.0, LEAD_RULE)


def _parties_named(sent: Span, index: PartyIndex) -> set[str]:
    return {party.key for t in sent for party in [index.by_token.get(t.i)]
            if party is not None and party.label in PARTY_LABELS}


def _any_in(positions: list[int], sent: Span) -> bool:
    """Some of the ascending ``positions`` lie in the sentence."""
    k = bisect_left(positions, sent.start)
    return k < len(positions) and positions[k] < sent.end


def _after_publication(triple: Triple, published: dt.date | None, text: str) -> bool:
    """An event dated after the article was published is planned ("entame lundi une visite"
    in Friday's paper): not an interaction (ANNOTATION §3). A date that only bounds it ("se
    déroule jusqu'au 16 juin") says it is under way."""
    if published is None or not triple.date:
        return False
    sentence = text[triple.start:triple.end]
    at = sentence.find(triple.date_text or "")
    if at >= 0 and any(mark in sentence[max(0, at - UNTIL_REACH):at].lower() for mark in UNTIL_MARKS):
        return False
    start = triple.date.partition("/")[0]     # a day, a month or a year: compared at its precision
    return start > published.isoformat()[:len(start)]


def _accomplished(modal: Token) -> bool:
    """ "ils ont pu obtenir un rendez-vous": "pouvoir" in the compound past says it was done."""
    return (modal.lemma_.lower() in WORDS.accomplished_modals and "Part" in modal.morph.get("VerbForm")
            and any(c.dep_ == "aux:tense" for c in modal.children))


def _voiced_by(triple: Triple, speaker: Party, country_names: dict[str, str]) -> Triple:
    """A state's act inside a quotation becomes the quoted official's: «Les Etats-Unis
    saluent ...», a déclaré le porte-parole X → X is the actor (ANNOTATION: the official)."""
    if triple.actor_label == "COUNTRY" and triple.actor == country_names.get(speaker.country or ""):
        return replace(triple, actor=speaker.name, actor_label="OFFICIAL", actor_kb_id=speaker.kb_id,
                       rule=triple.rule.replace(":", "+quote:", 1))
    return triple


def _clause_date(token: Token, spans: list[Span]) -> Span | None:
    """The date attached closest to the trigger (or to the verb a noun trigger depends on),
    not climbing out of another clause: in "X, qui avait reconnu en 2020 ..., s'est entretenu
    mardi avec Y", the talk is on Tuesday."""
    anchors = {token.i}
    verb = (object_relative_verb(token) or governing_verb(token)) if token.pos_ == "NOUN" else None
    if verb is not None:
        anchors.add(verb.i)
    if token.pos_ == "NOUN":             # "l'entretien, qui s'est déroulé jeudi, ...": its own clause
        anchors.update(c.i for c in token.children if c.dep_ in ("acl", "acl:relcl"))
    best: tuple[int, Span] | None = None
    for span in spans:
        t = span.root
        for steps in range(DATE_HOPS):
            if t.i in anchors:
                if best is None or steps < best[0]:
                    best = (steps, span)
                break
            if t.head.i == t.i or t.dep_ in CLAUSE_DEPS:
                break
            t = t.head
    return best[1] if best else None


def _date_right_after(noun: Token, spans: list[Span], reach: int = NOUN_DATE_REACH) -> Span | None:
    """A date a few words after a noun trigger, where the parser hung it elsewhere: "l'entretien
    qu'avait eu, vendredi à Rabat, X avec Y"."""
    if noun.pos_ != "NOUN":
        return None
    for span in spans:
        if noun.i < span.start <= noun.i + reach and span._.date_value and not any(
                t.text in CLAUSE_END or t.text == "«" for t in noun.doc[noun.i + 1:span.start]):
            return span
    return None


def _stay(main: Triple, pub_date: object) -> str | None:
    """The days between an arrival and the publication date (ANNOTATION §3: "a period between
    a known arrival and the publication date may be a range"), when the main event is one."""
    if main.event_type != "VISIT" or main.action not in WORDS.arrival_lemmas or not main.date or len(main.date) != 10:
        return None
    published = str(pub_date) if pub_date else ""
    return f"{main.date}/{published}" if published > main.date else None


def _remember_referent(referents: dict[str, Triple], triple: Triple, token: Token, dated: set[int]) -> None:
    """A dated event can be referred back to by its noun ("cette visite") or by its treaty
    ("cette Déclaration")."""
    if not triple.date:
        return
    if token.pos_ == "NOUN":
        referents[fold(token.lemma_)] = triple
    else:                                # "ont signé, dimanche, un accord": the accord, told again
        first = next((t for t in token.subtree if t.i > token.i and t.pos_ == "NOUN"
                      and t.i not in dated and t.head.i not in dated), None)   # not "dimanche soir"
        if first is not None:
            referents[fold(first.lemma_)] = triple
    if triple.object:
        referents[fold(triple.object.split()[0])] = triple


def _referred_event(token: Token, referents: dict[str, Triple]) -> Triple | None:
    """The earlier dated event a demonstrative noun phrase of the trigger's clause refers
    back to: "Cette Déclaration a scellé la reconnaissance ..." → the declaration's."""
    if not referents:
        return None
    predicate = predicate_of(token)
    for head in (token, predicate):
        for child in head.children:
            if child.i == token.i or child.dep_ in CLAUSE_DEPS:
                continue
            if any(d.lower_ in REFERRING_DETS for d in child.children if d.dep_ == "det"):
                earlier = referents.get(fold(child.lemma_))
                if earlier is not None:
                    return earlier
    return None


def _can_be_main(triple: Triple, token: Token) -> bool:
    """The article's main event has a day (or a few days) and is not a recalled background
    event: a pluperfect or passé simple clause, or a bare year or month."""
    if not triple.date or len(triple.date) < 10:
        return False
    verb = token if token.pos_ in ("VERB", "AUX") else governing_verb(token)
    if verb is None:
        return True
    if any(c.lower_ in PLUPERFECT_AUX for c in verb.children if c.dep_.startswith("aux")):
        return False
    return "Past" not in verb.morph.get("Tense") or "Part" in verb.morph.get("VerbForm") or bool(
        [c for c in verb.children if c.dep_.startswith("aux")])


def _sentence_date(spans: list[Span], token: Token, held: bool = False) -> Span | None:
    """The one date of the sentence, unless it sits in a clause subordinate to the trigger's
    or the trigger in one subordinate to the date's ("annexé en 1975 alors que le Polisario,
    soutenu par l'Algérie, ...": the support is not dated 1975). An exercise (``held``) is
    dated by any clause of its sentence ("l'exercice X, co-organisé par ..., s'est déroulé du
    3 au 6 juin")."""
    dated = [s for s in spans if s._.date_value]
    if len(dated) != 1:
        return None
    if held:
        return dated[0]
    date_head = predicate_of(dated[0].root)
    trigger_head = predicate_of(token)
    if (absolute_participle(trigger_head) or purpose_of(trigger_head)) and trigger_head.head.i == date_head.i:
        return dated[0]                  # "De 1999 à 2004, ... s'étaient dégradées, le Maroc reprochant ...",
                                         # "En octobre 2021, X a rappelé son ambassadeur pour protester"
    if below_clause(trigger_head, date_head) or below_clause(date_head, trigger_head):
        return None
    return dated[0]


def _continues(sent: Span, triple: Triple, main_parties: set[str]) -> bool:
    """A sentence continues the main event when it refers back to it ("lors de cette
    visite", "à cette occasion") or names one of its parties, and is no pluperfect recall."""
    if any(t.lower_ in PLUPERFECT_AUX for t in sent):
        return False
    for t in sent:                       # "Lors de la 4e session du Dialogue, ...": another event
        if t.lower_ == "lors":
            frame = next((n for n in t.doc[t.i + 1:min(t.i + 5, sent.end)] if n.pos_ == "NOUN"), None)
            if frame is not None and not any(c.lower_ in DEMONSTRATIVES for c in frame.children) and not (
                    frame.lemma_.lower() in WORDS.continuation_nouns and any(c.lower_ in POSSESSIVES for c in frame.children)):
                return False             # ... but "lors de son séjour" is the stay being told
    for token in sent:
        if token.lemma_.lower() in WORDS.continuation_nouns and any(
                c.lower_ in CONTINUATION_DETS for c in token.children if c.dep_ == "det"):
            if token.lemma_.lower() == "occasion" and any(c.dep_ == "nmod" for c in token.children):
                continue                 # "à l'occasion de la Fête du Trône": another occasion
            return True
    return bool({fold(triple.actor), fold(triple.counterpart)} & main_parties)


def _most_specific(triples: list[Triple], served: dict[str, str]) -> list[Triple]:
    """ANNOTATION: the most specific party the text identifies. "Le Maroc et le Nigeria ont
    signé un accord" and "l'accord a été paraphé par X et Y", officials of those two states,
    on the same day, are one signature, between X and Y."""
    def states(t: Triple) -> frozenset[str | None]:
        return frozenset((served.get(fold(t.actor)), served.get(fold(t.counterpart))))

    between_officials = [t for t in triples if t.event_type in SPECIFIC_TYPES
                         and t.actor_label == t.counterpart_label == "OFFICIAL" and states(t) - {None}]
    chaired: dict[int, list[Triple]] = {}            # co-chairings by sentence
    by_party: dict[tuple[str, str], list[Triple]] = {}   # specific events by type and party
    for u in triples:
        if u.event_type == "CO_CHAIR":
            chaired.setdefault(u.start, []).append(u)
        if u.event_type in SPECIFIC_TYPES:
            for name in {fold(u.actor), fold(u.counterpart)}:
                by_party.setdefault((u.event_type, name), []).append(u)
    kept = []
    told_again: dict[int, list[Mention]] = {}     # mentions of a state-level triple, by the official's
    for t in triples:
        if t.event_type == "MEET" and any(states(u) == {served.get(fold(t.actor)), served.get(fold(t.counterpart))}
                                          for u in chaired.get(t.start, ())):
            continue                  # "X et Y ont coprésidé la réunion Maroc-Espagne": the chaired meeting
        official = next((u for name in (fold(t.actor), fold(t.counterpart))
                         for u in by_party.get((t.event_type, name), ()) if _official_of_state(t, u, served)), None)
        if official is not None:      # "X reçoit son homologue hongrois", then "X a reçu ... Y"
            told_again.setdefault(id(official), []).extend(t.mentions)
            continue
        if t.event_type in SPECIFIC_TYPES and "OFFICIAL" not in (t.actor_label, t.counterpart_label) and any(
                u.event_type == t.event_type and states(u) - {None} <= states(t)
                and (not t.object or not u.object or fold(t.object) == fold(u.object))
                and (t.date == u.date or (t.date and u.date and compatible_dates(t.date, u.date)))
                for u in between_officials):
            continue
        if t.event_type in STANCE_TYPES and t.actor_label == "COUNTRY" and any(
                u.event_type == t.event_type and u.actor_label == "OFFICIAL" and u.object == t.object
                and served.get(fold(u.actor)) == served.get(fold(t.actor))
                and served.get(fold(u.counterpart), fold(u.counterpart)) == served.get(fold(t.counterpart), fold(t.counterpart))
                and (not t.date or not u.date or compatible_dates(t.date, u.date))
                for u in triples):
            continue                  # "Washington salue ...", then its spokeswoman's words
        kept.append(t)
    return [_with_mentions(t, told_again[id(t)]) if id(t) in told_again else t for t in kept]


def _official_of_state(t: Triple, u: Triple, served: dict[str, str]) -> bool:
    """``u`` tells ``t`` again with an official where ``t`` names only that official's state,
    the other party being the same, at a date that does not exclude it."""
    if u is t or u.event_type != t.event_type or (t.object and u.object and fold(t.object) != fold(u.object)):
        return False
    if t.date and (not u.date or not compatible_dates(t.date, u.date)):
        return False
    sides_t = ((t.actor, t.actor_label), (t.counterpart, t.counterpart_label))
    sides_u = ((u.actor, u.actor_label), (u.counterpart, u.counterpart_label))
    orders = ((0, 1), (1, 0)) if t.event_type in SYMMETRIC_TYPES else ((0, 1),)
    for state_side, other_side in orders:
        (state, state_label), (other, _) = sides_t[state_side], sides_t[other_side]
        if state_label != "COUNTRY":
            continue
        for k in (0, 1):
            (official, official_label), (same, _) = sides_u[k], sides_u[1 - k]
            if (k == state_side or t.event_type in SYMMETRIC_TYPES) and official_label == "OFFICIAL" \
                    and fold(same) == fold(other) and served.get(fold(official)) == served.get(fold(state)):
                return True
    return False


def merge_mentions(triples: list[Triple]) -> list[Triple]:
    """One record per interaction: mentions of the same parties, type (and object, for a
    signature or an exercise) whose dates agree are one interaction, kept as its
    best-supported mention with the most precise date; dates that exclude each other
    ("en janvier", "en mars") are distinct interactions."""
    groups: dict[tuple, list[Triple]] = {}
    for triple in _talks_of_a_call(triples):
        parties = (fold(triple.actor), fold(triple.counterpart))
        if triple.event_type in SYMMETRIC_TYPES:
            parties = tuple(sorted(parties))
        key = (triple.event_type, *parties, fold(triple.object or "") if triple.event_type in OBJECT_TYPES else "")
        records = groups.setdefault(key, [])
        for n, kept in enumerate(records):
            if not kept.date or not triple.date or compatible_dates(kept.date, triple.date):
                records[n] = _merged(kept, triple)
                break
        else:
            records.append(triple)
    merged = _objectless_told_again([t for records in groups.values() for t in records])
    chaired = {(t.start, frozenset((fold(t.actor), fold(t.counterpart)))) for t in merged
               if t.event_type == "CO_CHAIR"}
    kept = [t for t in merged if not (
        t.event_type == "MEET" and (t.start, frozenset((fold(t.actor), fold(t.counterpart)))) in chaired)]
    return sorted(kept, key=lambda t: (t.start, t.trigger_start or 0))


def _dated_after(token: Token, index: PartyIndex) -> int:
    """How many of the few words after the trigger are a date ("s'est entretenu le 3 mai par
    téléphone"): a cue read that far after it looks past them."""
    return sum(1 for k in range(token.i + 1, token.i + 1 + DATE_SKIP) if k in index.dated)


def _talks_of_a_call(triples: list[Triple]) -> list[Triple]:
    """ "X et Y se sont entretenus par téléphone ... ont eu une discussion productive": talk
    words between two who had a phone call, undated or on the call's day, tell the call."""
    calls = {frozenset((fold(t.actor), fold(t.counterpart))): t.date for t in triples if t.event_type == "CALL"}
    return [replace(t, event_type="CALL") if t.event_type == "MEET" and t.action in WORDS.talk_words and (
                pair := frozenset((fold(t.actor), fold(t.counterpart)))) in calls and (
                not t.date or not calls[pair] or compatible_dates(t.date, calls[pair])) else t
            for t in triples]


def _objectless_told_again(records: list[Triple]) -> list[Triple]:
    """A signature or an exercise told without its object ("X et Y signent un accord") is the
    one record of the same parties that names it, when there is exactly one and the dates
    agree."""
    records = list(records)
    told_again: set[int] = set()
    for i, t in enumerate(records):
        if t.event_type not in OBJECT_TYPES or t.object:
            continue
        named = [k for k, u in enumerate(records) if u.object and _same_interaction(t, u)]
        if len(named) == 1:
            records[named[0]] = _with_mentions(records[named[0]], t.mentions)
            told_again.add(i)
    return [t for i, t in enumerate(records) if i not in told_again]


def _with_mentions(triple: Triple, mentions: Iterable[Mention]) -> Triple:
    merged = sorted(set(triple.mentions) | set(mentions), key=lambda m: (m.start, m.trigger_start or 0))
    return replace(triple, mentions=tuple(merged))


def _same_interaction(t: Triple, u: Triple) -> bool:
    """Same type, same parties (either order for a symmetric type), dates that agree."""
    parties = lambda x: (fold(x.actor), fold(x.counterpart))   # noqa: E731
    same = parties(t) == parties(u) or t.event_type in SYMMETRIC_TYPES and parties(t) == parties(u)[::-1]
    return (t.event_type == u.event_type and same
            and (not t.date or not u.date or compatible_dates(t.date, u.date)))


def _merged(kept: Triple, new: Triple) -> Triple:
    """Two mentions of one interaction: the better one, lending it the other's object, with
    the provenance of both."""
    best, other = (new, kept) if _better(new, kept) else (kept, new)
    return _with_mentions(replace(best, object=best.object or other.object), other.mentions)


def _better(new: Triple, old: Triple) -> bool:
    def precision(t: Triple) -> int:
        return 0 if not t.date else 3 if len(t.date) == 10 else 2 if "/" in t.date else 1
    return (precision(new), new.confidence) > (precision(old), old.confidence)


def load_triggers(user_files: Iterable[str | Path] = ()) -> list[Trigger]:
    return [
        Trigger(r["lemma"], r["pos"], r["type"], r.get("cameo"), frozenset(r.get("preps", ())),
                r.get("requires_object"), r.get("requires_cue"), r.get("destination", False),
                r.get("reflexive", False), r.get("requires_plan", False), r.get("predicate", False))
        for r in load_jsonl("events.jsonl", user_files)
    ]


def load_cues(name: str, kinds: Iterable[str], user_files: Iterable[str | Path] = ()) -> dict[str, set[str]]:
    """A KIND<TAB>word file as {kind: words}, every kind of ``kinds`` present."""
    cues: dict[str, set[str]] = {kind: set() for kind in kinds}
    for entry in load_lines(name, user_files):
        kind, _, word = entry.partition("\t")
        cues.setdefault(kind.strip(), set()).add(word.strip().lower())
    return cues


def load_modality(user_files: Iterable[str | Path] = ()) -> dict[str, set[str]]:
    return load_cues("modality.txt", ("negation", "hypothesis", "cancel", "presence", "plan"), user_files)


@Language.factory(
    "diplo_relations",
    assigns=["doc._.triples"],
    requires=["doc.ents", "doc.spans", "token.dep", "token.lemma"],
    default_config={"user_event_files": [], "user_modality_files": []},
)
def make_relation_extractor(nlp: Language, name: str, user_event_files: list[str],
                            user_modality_files: list[str]) -> RelationExtractor:
    """Factory of :class:`RelationExtractor`; user files extend the trigger lexicon and cues."""
    countries = load_jsonl("countries.jsonl")
    country_names = {c["code"]: c["canonical"] for c in countries}
    capitals = {cap: c["canonical"] for c in countries for cap in c.get("capitals", [])}
    places = dict(capitals)
    for record in load_jsonl("cities.jsonl"):
        for city in record["cities"]:
            places.setdefault(city, country_names[record["code"]])
    nationalities = {form: record["code"] for record in load_jsonl("nationalities.jsonl")
                     for form in record["forms"] if " " not in form}
    return RelationExtractor(load_triggers(user_event_files), load_modality(user_modality_files),
                             load_jsonl("plans.jsonl"), country_names, places, nationalities,
                             load_cues("discourse.txt", DISCOURSE_KINDS))
