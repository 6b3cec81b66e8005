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
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..dates import compatible_dates
from ..extensions import register_extensions
from ..resources import load_jsonl, load_lines
from ..types import SYMMETRIC_TYPES, Triple
from ..text import HONORIFICS, fold, fold_name
from .body import in_body
from .dates import looks_conditional

PARTY_LABELS = {"OFFICIAL", "MINISTRY", "COUNTRY"}
SECONDARY_LABELS = {"PER", "ORG"}       # a party only beside an official, ministry or state
OBJECT_LABELS = {"TREATY", "MIL_EXERCISE"}
NAMING_WORDS = {"baptisé", "baptisée", "baptisés", "baptisées", "dénommé", "dénommée", "dénommés",
                "dénommées", "intitulé", "intitulée", "appelé", "appelée", "appelés", "appelées"}
OBJECT_LABEL_OF = {"EXERCISE": "MIL_EXERCISE", "SIGN": "TREATY"}
OBJECT_TYPES = {"SIGN", "EXERCISE"}       # one record per treaty or exercise
STATE_NOUNS = {"gouvernement", "gouvernements", "autorités", "administration", "etat", "état", "etats",
               "états", "royaume", "pays", "nation", "diplomatie", "exécutif"}  # + nationality = a state
PERSON_OBJECT_TYPES = {"MEET", "CALL"}   # their direct object is the other party
SPECIFIC_TYPES = {"SIGN", "MEET", "CALL"}    # a state-level mention yields to its officials
STANCE_TYPES = {"SUPPORT", "PRAISE", "CRITICIZE"}   # a state's stance yields to its official's
SUBJECT_DEPS = {"nsubj"}
PASSIVE_SUBJECT_DEPS = {"nsubj:pass"}
OBJECT_DEPS = {"obj"}
OBLIQUE_DEPS = {"obl", "obl:arg", "obl:mod", "obl:agent", "nmod", "iobj"}
ARGUMENT_DEPS = OBLIQUE_DEPS - {"obl:mod"}      # not the time and place adjuncts
AGENT_CASES = {"par"}
ON_BEHALF_CASES = {"pour"}
WITH = frozenset({"avec"})
NOUN_ACTOR_CASES = {"de", "du", "des", "d'", "d’"}
POSSESSIVES = {"son", "sa", "ses", "leur", "leurs"}
NAMED_RESOLUTIONS = {"name", "alias", "short_form"}
PAIR_WORDS = {"ministre", "pays", "partie", "responsable", "personnalité", "chef", "dirigeant",
              "délégation", "gouvernement", "homologue"}
LIGHT_VERB_HOPS = 2
ARMY_NOUNS = {"force", "forces", "armée", "armées", "marine", "marines", "flotte", "troupe", "troupes",
              "militaire", "militaires", "soldat", "soldats", "aviation", "far", "gendarmerie"}
ARMY_REACH = 4           # words back from "et" to the first army of a coordination
ROYAL_WORDS = {"royal", "royale", "royaux", "royales"}       # "Forces armées royales": the home state
STANCE_NOUNS = {"souveraineté", "intégrité", "position", "rôle", "effort", "efforts", "initiative",
                "leadership", "politique", "action", "décision", "contribution", "engagement",
                "candidature", "proposition", "démarche", "vision", "indépendance", "attaque",
                "agression", "provocation", "incursion", "ingérence", "violation", "violations"}
NOUN_PHRASE_REACH = 16      # tokens a noun trigger's phrase is read over
TITLE_TO_NAME = 4           # words between a title and the name it introduces
TITLE_PHRASE_REACH = 12     # words from a title over its complement to the name after a comma
PRESENCE_WORDS = {"présence", "devant", "avec"}
ROLE_NOUNS = {"diplomate", "parlementaire", "élu", "dirigeant", "officiel", "haut-fonctionnaire",
              "congressman", "congressiste", "sénateur", "sénatrice"}   # "le diplomate": the last official named
ROLE_NOUN_SENTENCES = 3     # how far back "le diplomate" looks for the official it takes up
PLANNING_VERBS = {"prévoir", "programmer", "envisager", "projeter", "attendre"}   # "une visite est prévue"
EXPRESSION_VERBS = {"réaffirmer", "réitérer", "exprimer", "renouveler", "transmettre", "affirmer",
                    "souligner", "rappeler", "manifester", "témoigner", "présenter"}
FRONTED_MARKS = {"après", "avant", "sans"}   # a fronted infinitive takes the main clause's subject
CLOSING_QUOTES = {"»", "”"}
REPORT_VERBS = {"déclarer", "affirmer", "indiquer", "souligner", "dire", "ajouter", "estimer",
                "expliquer", "préciser", "assurer", "noter", "relever", "insister", "poursuivre", "rappeler",
                "confier", "marteler"}
REFLEXIVE_PRONOUNS = {"se", "s'", "s’", "nous", "vous"}
RELATIVE_HOPS = 3           # steps from a relative clause up to its antecedent
AGENT_REACH = 6             # words between "par" and the agent's name
OBJECT_PRONOUNS = {"lui", "leur"}
MODAL_HOPS = 3
DATE_HOPS = 4
SENTENCE_DEPTH = 8
CLAUSE_DEPS = {"advcl", "acl", "acl:relcl", "ccomp", "parataxis", "conj"}   # a date does not climb out of these
OTHER_CLAUSE_DEPS = {"advcl", "conj", "ccomp", "parataxis", "acl:relcl"}   # their own modality
EMBEDDED_DEPS = {"xcomp", "advcl", "ccomp", "obj"}
RELATIVE_PRONOUNS = {"qui", "que", "qu'", "qu’", "lequel", "laquelle", "lesquels", "lesquelles", "dont"}
SUBJECT_PRONOUNS = {"il", "elle"}
LITOTES = {"tarir", "manquer", "cacher"}   # negated, they affirm: "n'a pas tari d'éloges"
FIRST_PERSON = {"je", "j'", "j’", "ma", "mon", "mes"}      # the speaker of reported words
HONORIFICS_TEXT = {"m.", "mm.", "mme", "sm", "s.m.", "s.m", "sa", "majesté"}
CLAUSE_END = {".", ";", ":", "?", "!"}
LOCATIVE_PREPOSITIONS = {"à", "au", "aux", "en", "dans", "depuis", "vers", "de", "du", "des", "d'", "d’"}
VERB_ENDINGS = (("ent", "er"), ("e", "er"), ("ent", "ir"), ("e", "ir"), ("it", "ir"), ("é", "er"), ("és", "er"))
BARE_TITLE_DETS = {"le", "la", "l'", "l’", "ce", "cette"}
TITLE_LEMMAS = {"ministre", "secrétaire", "sous-secrétaire", "ambassadeur", "ambassadrice",
                "conseiller", "conseillère", "coordinateur", "coordinatrice", "envoyé", "président",
                "porte-parole", "responsable", "directeur", "directrice", "commandant", "général",
                "représentant", "représentante", "chef", "émissaire", "sénateur", "sénatrice",
                "wali", "gouverneur", "préfet", "maire"}
SUBTREE_SEARCH_TYPES = {"SUPPORT", "PRAISE", "CRITICIZE"}
FOLLOWING_EXCLUDED = SUBTREE_SEARCH_TYPES | {"SIGN"}   # these search their own arguments instead
CALL_CUES = {"téléphonique", "téléphone", "visioconférence", "vidéoconférence", "virtuel", "virtuelle"}
JOINT_CUES = {"conjoint", "conjointe", "conjoints", "conjointes", "commun", "commune", "mutuel",
              "deux", "bilatéral", "bilatérale", "conjointement", "ensemble"}
CUES = {"call": CALL_CUES, "joint": JOINT_CUES, "credentials": {"lettres", "lettre", "créance", "accréditation"},
        "work": {"travail", "travaux"}, "example": {"exemple", "modèle"}, "shared": JOINT_CUES | {"leur", "leurs"}, "favour": {"faveur"},
        "partner": {"partenaire", "allié", "alliée", "ami", "amie", "modèle", "exemple", "pilier", "acteur"}}
CUE_REACH = {"credentials": 5, "partner": 6}
CONTINUATION_NOUNS = {"visite", "occasion", "rencontre", "entretien", "discussion", "séjour",
                      "déplacement", "entrevue", "réunion", "tournée"}
CONTINUATION_DETS = {"ce", "cette", "ces", "cet", "le", "la", "les", "l'", "l’"}
DEMONSTRATIVES = {"ce", "cette", "ces", "cet"}
ARRIVAL_LEMMAS = {"arriver", "arrivée"}
REFERRING_DETS = DEMONSTRATIVES | {"le", "la", "l'", "l’", "les"}   # "l'accord" told before
OWN_COMPLEMENT_RULES = ("noun.between", "noun.complements", "noun.copula", "noun.agents")
PLUPERFECT_AUX = {"avait", "avaient"}
NEGOTIATION_NOUNS = {"négociation", "pourparler"}   # what they bear on "entre X et Y" is between X and Y

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
    "noun.agents": 0.7,
    "subtree": 0.55,
    "quote.partner": 0.6,
}


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


class RelationExtractor:
    """Emits ``doc._.triples`` (see the module docstring)."""

    def __init__(self, triggers: list[Trigger], modality: dict[str, set[str]], plans: list[dict],
                 country_names: dict[str, str], places: dict[str, str],
                 nationalities: dict[str, str] | None = None):
        self.triggers: dict[tuple[str, str], list[Trigger]] = {}
        for trigger in triggers:
            self.triggers.setdefault((trigger.lemma, trigger.pos), []).append(trigger)
        self.modality = modality
        self.plans = plans
        self.country_names = country_names     # ISO2 -> canonical state
        self.nationalities = nationalities      # "américaine" -> US
        self.places = places                   # capital or city -> canonical state

    # -- the component --------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        register_extensions()
        index = _PartyIndex(doc, self.country_names, self.nationalities, self.places)
        found: list[Triple] = []
        last_pair: tuple[Party, Party] | None = None
        main: Triple | None = None
        main_parties: set[str] = set()
        main_states: set[str] = set()
        referents: dict[str, Triple] = {}      # "visite", "déclaration" -> its latest dated mention
        for sent in doc.sents:
            if not in_body(doc, sent.start, sent.end):
                continue
            reported = index.quote_speaker(sent)
            speaker, said_before = reported if reported else (None, -1)
            index.speaker, index.said_before = speaker, said_before
            for token in sent:
                for trigger in self._triggers_of(token):
                    for triple, pair in self._extract(token, trigger, index, last_pair):
                        if speaker is not None and token.i < said_before:
                            triple = _voiced_by(triple, speaker, self.country_names)
                        triple = self._date(triple, token, sent, main, main_parties | (
                            main_states if "two_parties" in triple.rule else set()), referents)
                        found.append(triple)
                        _remember_referent(referents, triple, token, index.dated)
                        if pair[1].label in PARTY_LABELS and triple.event_type in SYMMETRIC_TYPES:
                            last_pair = pair           # "les deux ministres": the two who met
                        if main is None and _can_be_main(triple, token):
                            main = triple
                            main_parties = {fold(triple.actor), fold(triple.counterpart)}
                            main_states = {fold(self.country_names.get(p.country or "", ""))
                                           for p in pair if p.country} - {""}
            if speaker is not None:
                found += [self._date(t, token, sent, main, main_parties)
                          for t, token in self._quoted_praise(sent, speaker, said_before, index)]
        doc._.triples = merge_mentions(_most_specific(found, index.countries()))
        return doc

    def _quoted_praise(self, sent: Span, speaker: Party, said_before: int,
                       index: _PartyIndex) -> list[tuple[Triple, Token]]:
        """«Le Maroc est un partenaire stable», a affirmé X: praise of the party the reported
        words call a partner or an ally, by the official who said them."""
        praise = []
        own_state = self.country_names.get(speaker.country or "")
        for token in sent:
            if token.i >= said_before or token.lemma_.lower() not in CUES["partner"]:
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
        pos = "VERB" if token.pos_ in ("VERB", "AUX") else "NOUN" if token.pos_ == "NOUN" else None
        if pos is None:
            return []
        for lemma in _lemma_candidates(token, pos):
            found = self.triggers.get((lemma, pos))
            if found:
                return found
        return []

    # -- parties --------------------------------------------------------------------------
    def _extract(self, token: Token, trigger: Trigger, index: _PartyIndex,
                 last_pair: tuple[Party, Party] | None) -> Iterator[tuple[Triple, tuple[Party, Party]]]:
        if self._excluded(token):
            return
        if trigger.reflexive and not any(c.lower_ in REFLEXIVE_PRONOUNS for c in token.children):
            return                       # "s'engager à" agrees; "engager des négociations" does not
        if trigger.requires_cue and not _has_cue(token, CUES.get(trigger.requires_cue, set()),
                                                  CUE_REACH.get(trigger.requires_cue, 1)):
            return
        event_type = trigger.type
        if event_type == "AGREE" and trigger.pos == "VERB" and not _commits_to_act(token):
            return                       # "conviennent de la centralité de ...": an opinion, not a commitment
        if event_type == "MEET" and _has_cue(token, CALL_CUES):
            event_type = "CALL"
        objects = index.objects_in(token, trigger.requires_object or OBJECT_LABEL_OF.get(trigger.type))
        if trigger.requires_object and not objects:
            return
        if trigger.pos == "VERB":
            actors, counterparts, rule = self._verb_parties(token, trigger, index)
        else:
            actors, counterparts, rule = self._noun_parties(token, trigger, index)
        if (not actors or index.pair_complement(token)) and index.is_pair_word(token):
            states = index.pair_word_means_states(token)
            for pair in (index.recent_pair(token, this_sentence=True), last_pair, index.recent_pair(token)):
                if pair is None:
                    continue
                pair_actors = list({a.key: a for a in map(index.as_state, pair)}.values()) if states else list(pair)
                if len(pair_actors) == 2 and (not states or all(a.label == "COUNTRY" for a in pair_actors)):
                    actors, rule = pair_actors, f"{trigger.pos.lower()}.two_parties"
                    break
        if trigger.pos == "NOUN" and _demonstrative(token) and not rule.startswith(OWN_COMPLEMENT_RULES):
            return                       # "Lors de cette audience, X a ...": an event told before
        if event_type in SUBTREE_SEARCH_TYPES:
            plan = index.plan_in(token, self.plans)
            if plan is not None:
                counterparts = [plan]
        if event_type == "EXERCISE" and not counterparts:    # "... l'exercice X aux côtés de l'armée Y"
            clause, acting = _predicate_of(token), {a.key for a in actors}
            counterparts = [p for p in index.parties([t for t in token.sent if t.lemma_.lower() == "côté"
                                                      and _predicate_of(t).i == clause.i])
                            if p.key not in acting]
        if counterparts and all(c.label == "OFFICIAL" for c in counterparts):
            taken = {p.key for p in actors + counterparts}      # "avec X, ..., Y, ..., et Z, ..."
            last = max(c.end for c in counterparts)
            counterparts += [p for p in index.coordinated_after(last, token.sent.end)
                             if p.key not in taken and p.label == "OFFICIAL" and last > token.i]
        if not counterparts and event_type in SUBTREE_SEARCH_TYPES:
            counterparts = index.search_subtree(token, actors, self.plans)
            rule = "subtree" if counterparts else rule
            if not counterparts:                             # the parse hung the object elsewhere
                own = {a.key for a in actors} | {fold(self.country_names.get(a.country or "", "")) for a in actors}
                counterparts = [p for p in index.following_party(token, actors) if p.key not in own]
        for obj in objects or [None]:      # "les exercices X, Y et Z": one record each
            for actor, counterpart, pair_rule in self._pairs(event_type, actors, counterparts, obj, rule):
                if event_type == "EXERCISE":
                    actor, counterpart = index.as_state(actor), index.as_state(counterpart)
                if actor.key == counterpart.key or not {actor.label, counterpart.label} & PARTY_LABELS:
                    continue
                if event_type == "VISIT" and counterpart.label != "COUNTRY":
                    continue
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
            if not (rule in ("noun.between", "noun.agents") or rule.endswith("two_parties")):
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

    def _verb_parties(self, verb: Token, trigger: Trigger, index: _PartyIndex) -> tuple[list[Party], list[Party], str]:
        children = list(verb.children)
        passive_subjects = [c for c in children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        participle = _bare_participle(verb)          # "Reçu par X, Y a ...", "l'exercice, co-organisé par"
        passive = bool(passive_subjects) or _is_passive(verb) or participle
        if passive:
            agents = index.parties(_passive_agents(verb)) or index.linear_agent(verb)
            if len(agents) < 2 and trigger.type in OBJECT_TYPES:    # "par X et, pour la MCC, par Y"
                listed = index.linear_agents(verb)
                agents = listed if len(listed) >= 2 else agents
            for state in index.army_agents(verb):       # "par la Marine royale et la flotte américaine"
                if state.key not in {a.key for a in agents}:
                    agents.append(state)
            if participle and not passive_subjects:
                qualified = _qualified_noun(verb)   # "la Déclaration entre X, Y et Z, signée le ..."
                between = index.parties(_between_heads(qualified)) if qualified is not None else []
                if not agents and len(between) >= 2 and trigger.type in SYMMETRIC_TYPES:
                    return between, [], "noun.between"
                patients = index.participle_patients(verb)
            else:
                patients = (index.parties(passive_subjects) or index.stance_party(passive_subjects)
                            or index.preceding_parties(verb))
            if len(agents) >= 2 and trigger.type in OBJECT_TYPES:
                return agents, [], "verb.passive_agent"   # "l'accord a été signé par X et Y"
            if agents and patients:
                return agents, patients, "verb.passive_agent"
            if participle and len(agents) >= 2 and trigger.type in SYMMETRIC_TYPES:
                return agents, [], "verb.passive_agent"
        subjects = [c for c in children if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS
                    and c.i not in index.dated]      # "mercredi" taken for a subject
        if not subjects and verb.dep_ in ("acl", "acl:relcl", "xcomp", "conj", "advcl"):
            subjects = index.inherited_subjects(verb)
        elif subjects and all(s.lower_ in RELATIVE_PRONOUNS for s in subjects):
            subjects = index.antecedent(verb) or subjects    # "X, envoyé de l'ONU, qui visite ..."
        actors = index.parties(subjects) or index.preceding_parties(verb)
        if not actors and verb.dep_ == "conj":      # "X et Y ont signé ... et sont convenus de"
            actors = index.preceding_parties(verb.head)
        if not actors and any(c.lower_ in FRONTED_MARKS for c in children if c.dep_ == "mark"):
            actors = index.participle_patients(verb)  # "Après s'être entretenu avec X, Y a ..."
        targets = [c for c in children if c.dep_ in OBJECT_DEPS]
        if verb.dep_ == "acl:relcl" and trigger.type in SUBTREE_SEARCH_TYPES and any(c.lower_ == "dont" for c in children):
            targets.append(verb.head)             # "Tunis, dont elle a loué les réformes"
        if trigger.destination and not trigger.preps:      # "qui visite le Maroc" (parsed nmod)
            targets += [c for c in children if c.dep_ == "nmod" and not _case(c)]
        preps = _counterpart_cases(trigger)
        targets += [c for c in children if (c.dep_ in OBLIQUE_DEPS or c.i in index.by_token)
                    and c.dep_ not in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS and _case(c) & preps]
        counterparts = index.parties(targets, destination=trigger.destination)
        if not counterparts and verb.dep_ == "acl:relcl" and any(
                c.lower_ in OBJECT_PRONOUNS for c in children if c.dep_ in ("iobj", "obj", "obl", "obl:arg")):
            clause = verb.head.head                 # "X a reçu Y, qui lui a présenté ...": lui = X
            counterparts = [p for p in index.parties([c for c in clause.children if c.dep_ in SUBJECT_DEPS])
                            if p.key not in {a.key for a in actors}]
        if not counterparts and not trigger.destination and trigger.type not in FOLLOWING_EXCLUDED:
            counterparts = index.following_party(verb, actors)
        if not counterparts and trigger.type in PERSON_OBJECT_TYPES and any(
                t.dep_ in OBJECT_DEPS and (t.lemma_.lower() in TITLE_LEMMAS or t.pos_ == "PROPN") for t in targets):
            return actors, [], "verb.unknown_object"   # "X et Y reçoivent le commandant de ...": not X-Y
        return actors, counterparts, "verb.subject_object"

    def _noun_parties(self, noun: Token, trigger: Trigger, index: _PartyIndex) -> tuple[list[Party], list[Party], str]:
        actors, counterparts, rule = self._noun_parties_parsed(noun, trigger, index)
        if len(actors) == 1 and not counterparts and rule == "noun.complements" and trigger.type in SYMMETRIC_TYPES:
            more = index.coordinated_after(actors[0].end, noun.sent.end)   # "sous la présidence de X,
            if more:                                                        # ministre ..., et Y"
                return actors + more, [], "noun.between"
        if actors and (counterparts or trigger.type in SYMMETRIC_TYPES and len(actors) >= 2):
            return actors, counterparts, rule
        read_actors, read_counterparts = index.read_noun_phrase(noun, trigger)
        if actors and read_counterparts and not counterparts:
            return actors, read_counterparts, rule
        if not actors and read_actors and (read_counterparts or counterparts):
            return read_actors, read_counterparts or counterparts, "noun.phrase"
        if not actors and counterparts:               # "Outre ses entretiens avec X, Y a ..."
            owner = index.fronted_owner(noun)
            if owner:
                return owner, counterparts, "noun.phrase"
        return actors, counterparts, rule

    def _noun_parties_parsed(self, noun: Token, trigger: Trigger, index: _PartyIndex) -> tuple[list[Party], list[Party], str]:
        children = list(noun.children)
        between = _between_heads(noun) or _between_after(noun)
        if between:
            parties = index.parties(between)
            if len(parties) >= 2:
                return parties, [], "noun.between"
        juxtaposed = [c for c in children if c.i in index.by_token and not _case(c)
                      and c.dep_ in ("nmod", "appos", "flat:name", "compound")]
        if trigger.type in SYMMETRIC_TYPES and len(index.parties(juxtaposed)) >= 2:
            return index.parties(juxtaposed), [], "noun.between"      # "la rencontre X-Y"
        preps = _counterpart_cases(trigger)
        actor_heads = [c for c in children if c.dep_ in ("nmod", "amod") and    # "la reconnaissance
                       (_case(c) & (NOUN_ACTOR_CASES | AGENT_CASES) - preps or c.dep_ == "amod")]  # par X"
        counter_heads = [c for c in children if c.dep_ in OBLIQUE_DEPS and _case(c) & preps]
        actors = index.parties(_from_part(children)) or index.parties(actor_heads, adjectives=True)
        acting = {a.key for a in actors}
        counterparts = [p for p in index.parties(counter_heads, destination=trigger.destination)
                        if p.key not in acting]
        if not actors and trigger.type in SUBTREE_SEARCH_TYPES:   # "la reconnaissance américaine de ..."
            actors = index.nationality_states([c for c in children if c.dep_ == "amod"])
        if actors and any(_case(c) & AGENT_CASES for c in actor_heads):
            return actors, counterparts, "noun.complements"       # "la reconnaissance par X": X's act
        if actors:
            return index.speaker_for(noun, actors), counterparts, "noun.complements"
        mine = next((c for c in children if c.dep_ == "det" and c.lower_ in FIRST_PERSON), None)
        speaker = index.first_person(mine) if mine is not None else None
        if speaker is not None:                                          # «Lors de ma visite à Rabat»
            return [speaker], counterparts, "noun.complements"
        subjects = [c for c in children if c.dep_ in SUBJECT_DEPS]   # "X est en visite au Maroc"
        if subjects and index.parties(subjects):
            return index.parties(subjects), counterparts, "noun.copula"
        if "en" in _case(noun) and trigger.destination:
            visitors = index.visitor_of(noun)                        # "a reçu X, en visite au Maroc"
            if visitors:
                return visitors, counterparts, "noun.visitor"
        verb = _governing_verb(noun)
        if verb is not None:
            subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS
                        and c.i not in index.dated]
            if not subjects and verb.dep_ in ("acl", "acl:relcl", "xcomp", "conj", "advcl"):
                subjects = index.inherited_subjects(verb)
            actors = index.parties(subjects) if subjects else index.preceding_parties(verb)
            agents = index.parties(_misplaced_agents(verb, noun))
            if agents:
                return agents, counterparts, "noun.light_verb"
            givers = index.parties(_from_part(list(verb.children)))
            if givers:                      # "X a reçu une reconnaissance ... de la part d'Y": Y gives
                return givers, [a for a in actors if a.key not in {g.key for g in givers}], "noun.light_verb"
            if _is_passive(verb):           # "l'annonce a été faite par X à l'issue d'une rencontre avec Y"
                actors = index.parties(_passive_agents(verb)) or index.linear_agent(verb) or actors
            if not counterparts:
                extra = [c for c in verb.children if c.dep_ in OBLIQUE_DEPS and _case(c) & preps]
                counterparts = index.parties(extra, destination=trigger.destination)
            if actors:
                return actors, counterparts, "noun.light_verb"
        if trigger.type in SYMMETRIC_TYPES and len(counterparts) >= 2 and not any(
                _case(c) & WITH for c in counter_heads):
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
        if token.pos_ == "NOUN" and token.dep_ in ("nsubj", "nsubj:pass") and token.head.pos_ in ("VERB", "AUX"):
            head = token.head            # "une rencontre ... est prévue le 14", "... a été annulée"
            if _unreal(head) or head.lemma_.lower() in PLANNING_VERBS | self.modality["cancel"]:
                return True
        if token.pos_ == "NOUN" and token.dep_ in ("obl", "obl:arg", "obj") and (
                token.head.lemma_.lower() in self.modality["presence"]):
            return True                  # "X et Y ont assisté à cette audience": witnesses
        for t in scope:
            lemma, lower = t.lemma_.lower(), t.lower_
            if t.dep_ == "advmod" and (lemma in self.modality["negation"] or lower in self.modality["negation"]):
                if t.head.lemma_.lower() in LITOTES:
                    continue             # "n'a pas tari d'éloges", "n'a pas manqué de saluer": did
                return True
            if t.i != token.i and lemma in LITOTES and any(
                    c.dep_ == "advmod" and c.lower_ in self.modality["negation"] for c in t.children):
                continue
            if t.i != token.i and (lemma in self.modality["hypothesis"] or lemma in self.modality["cancel"]
                                   or lower in self.modality["cancel"]):
                if t.dep_ not in ("nsubj", "obj", "obl", "obl:mod", "obl:arg", "nmod"):
                    return True
        verb = token if token.pos_ in ("VERB", "AUX") else None
        if verb is not None and _unreal(verb):
            return True
        governor = token
        for _ in range(MODAL_HOPS):       # "devait se rendre à X pour rencontrer Y"
            if governor.dep_ not in EMBEDDED_DEPS or governor.head.i == governor.i:
                break
            governor = governor.head
            if governor.pos_ in ("VERB", "AUX") and (
                    _unreal(governor) or governor.lemma_.lower() in self.modality["hypothesis"]):
                return True
        return False

    # -- dates ----------------------------------------------------------------------------
    def _date(self, triple: Triple, token: Token, sent: Span, main: Triple | None,
              main_parties: set[str], referents: dict[str, Triple] | None = None) -> Triple:
        doc = token.doc
        spans = [s for s in doc.spans.get("dates", ()) if sent.start <= s.start < sent.end]
        own = _clause_date(token, spans) or _sentence_date(spans, token, triple.event_type == "EXERCISE")
        if own is not None:
            return replace(triple, date=own._.date_value, date_text=own.text)
        earlier = _referred_event(token, referents or {})
        if earlier is not None:          # "Cette déclaration a scellé ...": the declaration's date
            return replace(triple, date=earlier.date, date_text=earlier.date_text)
        if main is not None and _continues(sent, triple, main_parties):
            stay = _stay(main, doc._.pub_date)
            if stay and triple.event_type != "VISIT":   # "arrivé samedi ... Il a été reçu par"
                return replace(triple, date=stay, date_text=main.date_text)
            return replace(triple, date=main.date, date_text=main.date_text)
        return triple

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


class _PartyIndex:
    """Maps parse tokens to parties: entities, resolved titles, "les deux ...", plans."""

    def __init__(self, doc: Doc, country_names: dict[str, str], nationalities: dict[str, str] | None = None,
                 places: dict[str, str] | None = None, home_country: str | None = "MA"):
        self.doc = doc
        self.places = places or {}
        self.country_names = country_names
        self.nationalities = nationalities or {}
        self.home_country = home_country
        self.by_token: dict[int, Party] = {}
        self.objects: dict[int, Party] = {}
        self.display = _display_names(doc)
        for ent in doc.ents:
            if ent.label_ in SECONDARY_LABELS:
                if not _is_full_name(ent):
                    continue
                for i in range(ent.start, ent.end):
                    self.by_token[i] = Party(_strip_honorifics(ent.text), ent.label_, ent.start, ent.end)
            elif ent.label_ in PARTY_LABELS | OBJECT_LABELS:
                kb_id = ent._.kb_id or ent.kb_id_ or None
                name = self.display.get(kb_id) or ent._.canonical or ent.text
                party = Party(name, ent.label_, ent.start, ent.end, kb_id, ent._.country)
                target = self.objects if ent.label_ in OBJECT_LABELS else self.by_token
                for i in range(ent.start, ent.end):
                    target[i] = party
        for ent in doc.ents:             # "avec le ministère des Affaires étrangères, Nasser Bourita"
            head = self.by_token.get(ent.end + 1) if ent.label_ == "MINISTRY" and ent.end + 1 < len(doc) else None
            if head is not None and doc[ent.end].text == "," and head.label == "OFFICIAL" \
                    and head.start == ent.end + 1 and ent._.country in (None, head.country):
                for i in range(ent.start, ent.end):
                    self.by_token[i] = head
        self.speaker: Party | None = None    # who says the reported words of the current sentence
        self.said_before = -1
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
        for token in doc:
            if token.dep_ in ("nsubj", "nsubj:pass", "obl:agent"):
                party = self.party_of(token)
                if party is None and token.lemma_.lower() in TITLE_LEMMAS:   # "le ministre ..., X, est"
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
        if title._.kb_id:
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
        if own is not None:
            return own
        if adjectives and token.dep_ == "amod":
            return None
        if token.lower_ in HONORIFICS_TEXT:   # "SM le Roi Mohammed VI", parsed SM ← Roi ← Mohammed
            named = next((self.by_token[t.i] for t in token.subtree
                          if t.i in self.by_token and self.by_token[t.i].label == "OFFICIAL"), None)
            if named is not None:
                return named
        if token.lower_ in STATE_NOUNS:     # "le gouvernement américain", "les autorités du Maroc"
            states = self.nationality_states(c for c in token.children if c.dep_ == "amod")
            states += [self.as_state(p) for c in token.children if c.dep_ == "nmod" and _case(c) & NOUN_ACTOR_CASES
                       for p in [self.party_of(c)] if p is not None and self.as_state(p).label == "COUNTRY"]
            if states:
                return states[0]
            if any(c.lower_ in DEMONSTRATIVES for c in token.children if c.dep_ == "det"):
                return self.last_state_before(token)      # "ce pays fut le premier à ..."
        for child in token.children:
            if child.dep_ in ("appos", "nmod", "flat:name") and child.i in self.by_token:
                candidate = self.by_token[child.i]
                if candidate.label == "OFFICIAL" and child.dep_ != "nmod":
                    return candidate
        if token.lemma_.lower() in self._bare_titles and any(
                c.dep_ == "det" and c.lower_ in BARE_TITLE_DETS for c in token.children) and not (
                self.named_in_title(token)):       # "le ministre de l'Intérieur X" names its own
            return self._bare_titles[token.lemma_.lower()]
        if token.lemma_.lower() in ROLE_NOUNS and (token.dep_.startswith("nsubj") or token in _inverted_speaker(token.head)) and any(
                c.dep_ == "det" and c.lower_ in BARE_TITLE_DETS for c in token.children):
            return self.official_taken_up(token)      # "Le parlementaire américain a réitéré ..."
        if destination:
            return self._destination(token)
        return None

    def official_taken_up(self, token: Token) -> Party | None:
        """The official a definite role noun takes up: the last one who was a subject in this
        sentence or the few before, of the noun's nationality when it has one."""
        states = {p.country for p in self.nationality_states(c for c in token.children if c.dep_ == "amod")}
        earliest = self._sentence_before(token.sent.start, ROLE_NOUN_SENTENCES)
        named = ((i, self.by_token[i]) for i in range(token.i - 1, earliest - 1, -1) if i in self.by_token)
        candidates = named if states else reversed(self.subject_parties)  # "le parlementaire américain"
        for i, party in candidates:
            if i >= token.i:
                continue
            if i < earliest:
                return None
            if party.label == "OFFICIAL" and (not states or party.country in states):
                return party
        return None

    def named_in_title(self, token: Token) -> list[Party]:
        """Officials named inside a title phrase: "avec la Sous-secrétaire d'Etat ..., Yael
        Lempert et avec le secrétaire adjoint ..., Hadi Amr" → both."""
        found: dict[str, Party] = {}
        principals = {d.i for t in token.children   # "l'envoyé spécial de Ban Ki-moon" is not him
                      if t.dep_ == "nmod" and _case(t) & NOUN_ACTOR_CASES and t.i in self.by_token
                      and self.by_token[t.i].label == "OFFICIAL" for d in t.subtree}
        for t in token.subtree:
            party = self.by_token.get(t.i)
            if t.i in principals:
                continue
            if (party is not None and party.label == "OFFICIAL" and t.i not in self.title_tokens
                    and t.dep_ in ("appos", "conj", "flat:name", "nmod")):
                found.setdefault(party.key, party)
        return list(found.values())

    def _destination(self, token: Token) -> Party | None:
        """A capital or a known city as the destination of a visit stands for its state."""
        doc = token.doc
        for width in (3, 2, 1):          # "Saint-Pétersbourg", "Tel Aviv", "Rabat"
            start = max(token.i - width + 1, 0)
            for first in range(start, token.i + 1):
                state = self.places.get(doc[first:first + width].text)
                if state:
                    return Party(state, "COUNTRY", first, first + width)
        return None

    def read_noun_phrase(self, noun: Token, trigger: Trigger) -> tuple[list[Party], list[Party]]:
        """The parties of a noun trigger read left to right where the parse scattered them:
        "la visite à Rabat du président nigérian, X" → actor "du président ...", destination
        "à Rabat"; "l'entretien du ministre avec Y". Reads to the end of the noun phrase."""
        doc = noun.doc
        preps = _counterpart_cases(trigger)
        if any(c.lower_ in POSSESSIVES for c in noun.children):
            return [], []                # "leur soutien à X": the owner is the clause's subject
        actors: list[Party] = []
        counterparts: list[Party] = []
        i, end = noun.i + 1, min(noun.sent.end, noun.i + NOUN_PHRASE_REACH)
        while i < end:
            token = doc[i]
            if token.text in CLAUSE_END or (token.pos_ in ("VERB", "AUX") and i not in self.by_token):
                break
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
            if doc[i].pos_ not in ("DET", "NOUN", "ADJ") and doc[i].lower_ not in HONORIFICS_TEXT:
                return []
        return []

    def visitor_of(self, noun: Token) -> list[Party]:
        """Who is "en visite": the person the clause is about, i.e. the one received (the
        verb's object) rather than the host, else the subject."""
        verb = _governing_verb(noun)
        if verb is None:
            return []
        subjects = self.parties([c for c in verb.children if c.dep_ in SUBJECT_DEPS])
        if _is_passive(verb):
            return self.parties([c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS])
        objects = self.parties([c for c in verb.children if c.dep_ in OBJECT_DEPS])
        return objects or self.following_party(verb, subjects) or subjects

    def speaker_for(self, noun: Token, actors: list[Party]) -> list[Party]:
        """An official who voices a state's stance is its actor: "X a exprimé l'appréciation
        des Etats-Unis", "réaffirmant le soutien des Etats-Unis" (ANNOTATION: the official)."""
        verb = _governing_verb(noun)
        if verb is None or verb.lemma_.lower() not in EXPRESSION_VERBS or any(a.label != "COUNTRY" for a in actors):
            return actors
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if not subjects and verb.dep_ in ("advcl", "xcomp", "conj", "acl"):
            subjects = self.inherited_subjects(verb)
        speakers = [p for p in self.parties(subjects) if p.label == "OFFICIAL"]
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

    def quote_speaker(self, sent: Span) -> tuple[Party, int] | None:
        """The official the reported words of a sentence are attributed to, and where those
        words end: «...», a déclaré X; or ..., a affirmé X (an inverted reporting clause)."""
        doc = sent.doc
        end = sent.end
        if end < len(doc) and doc[end].text == ",":       # the parser cut "«...» | , a déclaré X"
            end = doc[end].sent.end
        for token in doc[sent.start:end]:
            if token.pos_ != "VERB" or token.lemma_.lower() not in REPORT_VERBS:
                continue
            i = token.i - 1
            while i > sent.start and doc[i].pos_ == "AUX":
                i -= 1
            if doc[i].text != "," and doc[i].text not in CLOSING_QUOTES:
                continue                 # not "..., a déclaré X": the speaker comes first
            heads = [c for c in token.children if c.dep_ in SUBJECT_DEPS | OBJECT_DEPS]
            speakers = [p for p in self.parties(heads) if p.label == "OFFICIAL"]
            speakers = speakers or [p for p in self.following_party(token, []) if p.label == "OFFICIAL"]
            return (speakers[0], i) if speakers else None
        return None

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

    def participle_patients(self, verb: Token) -> list[Party]:
        """Who a bare past participle happened to: the noun it qualifies ("l'exercice X,
        co-organisé par ...") or the subject of the clause it opens ("Reçu par X, Y a ...")."""
        if verb.dep_ == "acl":
            return self.parties([verb.head])
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
                    doc[j].pos_ in ("DET", "ADJ") or doc[j].text == "," or doc[j].lower_ in HONORIFICS_TEXT
                    or doc[j].lemma_.lower() in TITLE_LEMMAS):
                j += 1
            party = self.by_token.get(j)
            if party is None and doc[j - 1].lemma_.lower() in TITLE_LEMMAS:
                party = self._named_after_phrase(doc[j - 1])
                j = party.start if party is not None else j
            if party is not None:
                return self.parties([doc[j]]) or [party]
        return []

    def _named_after_phrase(self, title: Token) -> Party | None:
        """The official a title's complement leads to after a comma: "le wali de la région
        X, Y, Z" → Z, read up to a verb, a conjunction or a new preposition of presence."""
        doc, comma = self.doc, False
        for k in range(title.i + 1, min(title.i + 1 + TITLE_PHRASE_REACH, title.sent.end)):
            token = doc[k]
            if token.pos_ in ("VERB", "AUX", "CCONJ") or token.lower_ in PRESENCE_WORDS or token.text in CLAUSE_END:
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
        for i, party in reversed(self.subject_parties):
            if i >= sent_start:
                continue
            if token.doc[i].sent.start < self._sentence_before(sent_start, 2):
                return None
            if party.label == "OFFICIAL":
                return party
            if token.doc[i].head.dep_ == "ROOT":
                return None
        return None

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
        if token.lemma_.lower() not in ARMY_NOUNS and token.lower_ not in ARMY_NOUNS:
            return []
        codes = []
        for adjective in token.subtree:
            if adjective.dep_ not in ("amod", "conj") or adjective.pos_ != "ADJ":
                continue
            lower = adjective.lower_
            code = self.nationalities.get(lower) or (self.home_country if lower in ROYAL_WORDS else None)
            if code and code in self.country_names and code not in codes:
                codes.append(code)
        states = [Party(self.country_names[c], "COUNTRY", token.i, token.i + 1, None, c) for c in codes]
        left = token.left_edge.i - 1       # "Les Forces armées royales et l'armée américaine"
        if left > 0 and token.doc[left].lower_ == "et" and token.dep_ != "conj":
            for other in reversed(token.doc[max(0, left - ARMY_REACH):left]):
                if other.lemma_.lower() in ARMY_NOUNS or other.lower_ in ARMY_NOUNS:
                    states += [s for s in self.army_states(other) if s.key not in {t.key for t in states}]
                    break
        return states

    def parties(self, heads: Iterable[Token], destination: bool = False, adjectives: bool = False) -> list[Party]:
        """Parties of ``heads`` and of the tokens coordinated with them, without repeats."""
        found: dict[str, Party] = {}
        heads = [h for head in heads for h in (              # "aux côtés de l'armée américaine"
            [c for c in head.children if c.dep_ == "nmod"] if head.lemma_.lower() == "côté" else [head])]
        for head in heads:
            for token in _with_conjuncts(head):
                for state in self.army_states(token):
                    found.setdefault(state.key, state)
                party = self.party_of(token, destination, adjectives)
                if party is None and token.lower_ in SUBJECT_PRONOUNS and token.dep_.startswith("nsubj"):
                    party = self.pronoun_party(token)
                if party is None and token.lower_ in FIRST_PERSON and token.dep_.startswith("nsubj"):
                    party = self.first_person(token)          # «J'ai rencontré ...», a dit X
                if party is not None:
                    for first in self.split_coordination(party):
                        found.setdefault(first.key, first)
                    found.setdefault(party.key, party)
                elif token.lemma_.lower() in TITLE_LEMMAS:
                    for named in self.named_in_title(token):
                        found.setdefault(named.key, named)
                for named in self.enumerated(token):   # "avec X, directrice ..., Y, directeur ..., et Z"
                    found.setdefault(named.key, named)
                for child in token.children:      # "le coordinateur X, l'ambassadeur Y"
                    if child.dep_ == "appos" and child.lemma_.lower() in TITLE_LEMMAS:
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
        verb = _governing_verb(token) if token.pos_ == "NOUN" else None
        if verb is not None:
            scope += [t for c in verb.children if c.dep_ in OBJECT_DEPS | OBLIQUE_DEPS for t in c.subtree]
        if token.dep_ == "acl":          # "l'exercice X, co-organisé par ..."
            scope += [t for t in token.head.subtree if t.i < token.i]
        elif token.pos_ in ("VERB", "AUX") and _bare_participle(token):
            qualified = _qualified_noun(token)   # "la Déclaration conjointe ..., signée le ..."
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
        return list(found.values())

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
                    or t.lower_ in NAMING_WORDS):
                break
            i += 1
        return list(found.values())

    def search_subtree(self, token: Token, actors: list[Party], plans: list[dict]) -> list[Party]:
        """For support, praise and criticism: the plan or party named in the trigger's
        arguments that is neither the actor nor the actor's own state."""
        args = [c for c in token.children if c.dep_ in OBJECT_DEPS | ARGUMENT_DEPS]
        verb = _governing_verb(token) if token.pos_ == "NOUN" else None
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
                if party is not None and party.key not in own:
                    return [party]
        stance = self.stance_party([token, *(verb.children if verb is not None else [])])
        if not stance and verb is not None and any(   # "Le Maroc a reçu une reconnaissance de sa
                t.lemma_.lower() in STANCE_NOUNS and any(c.lower_ in POSSESSIVES for c in t.children)
                for a in args for t in a.subtree):      # souveraineté": the subject owns it
            stance = self.parties(self.clause_subjects(verb))
        return [p for p in stance if p.key not in own]

    def stance_party(self, heads: Iterable[Token]) -> list[Party]:
        """The party whose stance or action is the object ("la souveraineté du Maroc", "le rôle
        du Royaume", "les efforts du Maroc"), wherever the parser hung the phrase."""
        for head in heads:
            for t in head.subtree:
                if t.lemma_.lower() not in STANCE_NOUNS and t.lower_ not in STANCE_NOUNS:
                    continue
                for child in t.children:
                    if child.dep_ == "nmod" and _case(child) & NOUN_ACTOR_CASES:
                        found = self.parties([child])
                    elif child.dep_ == "acl":        # "les efforts déployés par le Royaume"
                        found = self.parties(_passive_agents(child))
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
        sent_start = _clause_start(verb)
        while i >= sent_start:
            token = verb.doc[i]
            party = self.by_token.get(i)
            if party is not None:
                if _governed_by_preposition(verb.doc, party.start):
                    break                         # "Au niveau de la Maison Blanche, X s'est ..."
                found.setdefault(party.key, party)
                i = min(i, party.start) - 1
                continue
            if token.pos_ in ("AUX", "ADV", "PRON", "DET") or token.lower_ in ("et", ",", "mm.", "m.", "mme") or (
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
                if previous not in LOCATIVE_PREPOSITIONS and party.key not in own:
                    return self.parties([doc[party.start]]) or [party]
                i = max(i + 1, party.end)
                continue
            i += 1
        return []

    def inherited_subjects(self, verb: Token) -> list[Token]:
        """The subject a relative, participial or coordinated clause shares with its head:
        "Pompeo, qui coprésidait ..." → Pompeo."""
        head = verb.head
        if verb.dep_ == "acl" and head.lemma_.lower() == "tour" and any(c.dep_ == "cop" for c in head.children):
            return self.whose_turn(head)
        if verb.dep_ == "acl:relcl" or verb.dep_ == "acl":
            return [head]
        return [c for c in head.children if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS and c.i not in self.dated
                ] or _inverted_speaker(head)

    def whose_turn(self, turn: Token) -> list[Token]:
        """ "Après A et B, c'est au tour de X de reconnaître ...": X, and A and B who did it before."""
        now = [c for c in turn.children if c.dep_ == "nmod" and (   # "au tour du ministre X"
            _case(c) & NOUN_ACTOR_CASES or not _case(c) and c.i in self.by_token)]
        before = [t for c in turn.children if c.dep_.startswith("obl") and "après" in _case(c)
                  for t in c.subtree if t.i in self.by_token and t.head.i not in self.by_token]
        return now + before

    def clause_subjects(self, verb: Token) -> list[Token]:
        """The verb's own subjects, else those it shares with the clauses above it ("Le Maroc
        sait raison garder en soulignant ..." → le Maroc)."""
        for _ in range(MODAL_HOPS):
            subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS and c.i not in self.dated]
            if subjects or verb.dep_ not in ("xcomp", "advcl", "conj", "acl", "acl:relcl"):
                return subjects
            if verb.dep_ in ("acl", "acl:relcl"):
                return [verb.head]
            verb = verb.head
        return []

    def antecedent(self, verb: Token) -> list[Token]:
        """The party a relative clause hangs from, a few steps up the parse, where the parser
        attached the clause to the apposition describing it ("X, envoyé de l'ONU, qui ...")."""
        step = verb.head
        for _ in range(RELATIVE_HOPS):
            if step.i != verb.i and self.party_of(step) is not None:
                return [step]
            if step.head.i == step.i:
                break
            step = step.head
        return []

    def plan_in(self, token: Token, plans: list[dict]) -> Party | None:
        """A plan named in the trigger's arguments ("leur soutien à l'Initiative marocaine
        d'autonomie") stands for the state it belongs to."""
        verb = _governing_verb(token) if token.pos_ == "NOUN" else None
        args = [c for c in token.children if c.dep_ in OBJECT_DEPS | OBLIQUE_DEPS]
        text = " ".join(t.text for a in args for t in a.subtree).lower().replace("’", "'")
        if verb is not None:
            text += " " + " ".join(t.text for c in verb.children if c.dep_ in OBLIQUE_DEPS
                                   for t in c.subtree).lower().replace("’", "'")
        for plan in plans:
            if any(name in text.replace(" '", "'").replace("' ", "'") for name in plan["names"]):
                return _PlanParty(plan["country"], "COUNTRY", token.i, token.i + 1, plan=plan["canonical"])
        return None

    def pair_word_means_states(self, token: Token) -> bool:
        verb = token if token.pos_ in ("VERB", "AUX") else _governing_verb(token)
        subjects = [c for c in (verb.children if verb is not None else []) if c.dep_ in SUBJECT_DEPS]
        return any(c.lower_ == "pays" for c in subjects)

    def pair_complement(self, noun: Token) -> bool:
        """A noun trigger owned by "les deux X": "l'engagement conjoint des deux pays"."""
        if noun.pos_ != "NOUN":
            return False
        owners = [c for c in noun.children if c.dep_ == "nmod"]
        owners += [g for c in noun.children if c.dep_ == "amod" for g in c.children if g.dep_ in ("nmod", "obl:arg")]
        return any(_pair_noun(c) and any(n.lower_ == "deux" for n in c.children) for c in owners)

    def is_pair_word(self, token: Token) -> bool:
        """The trigger's subject (or a noun trigger's complement) is "les deux X"."""
        if self.pair_complement(token):
            return True
        verb = token if token.pos_ in ("VERB", "AUX") else _governing_verb(token)
        candidates = [c for c in (verb.children if verb is not None else []) if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS]
        candidates += [c for c in token.children if c.dep_ == "nmod"]
        for c in candidates:
            if _pair_noun(c) and any(n.lower_ == "deux" for n in c.children):
                return True
            if c.lower_ in ("ils", "elles") and verb is not None:
                return True
        return False

    def recent_pair(self, token: Token, this_sentence: bool = False) -> tuple[Party, Party] | None:
        """The last two coordinated parties before "les deux pays": earlier in its sentence
        ("le partenariat entre le Maroc et les Etats-Unis, et l'engagement des deux pays"),
        else in the two sentences before ("Le Maroc et les Etats-Unis ... Les deux pays")."""
        start, end = (token.sent.start, token.i) if this_sentence else (
            self._sentence_before(token.sent.start, 2), token.sent.start)
        for t in reversed(self.doc[start:end]):
            party = self.by_token.get(t.i)
            if party is None or party.label not in PARTY_LABELS:
                continue
            coordinated = [p for p in self.parties([t]) if p.key != party.key and p.label in PARTY_LABELS]
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
        return other if other is not None and other.label == party.label and other.key != party.key else None

    def countries(self) -> dict[str, str]:
        """The state each party of the document serves, by folded name."""
        served = {fold(name): code for code, name in self.country_names.items()}
        for party in self.by_token.values():
            if party.country:
                served.setdefault(party.key, party.country)
        for party in set(self.by_token.values()):    # "le ministre sénégalais des Pêches, X"
            name = self.doc[party.start]
            if party.label == "OFFICIAL" and party.key not in served and name.dep_ == "appos":
                states = self.nationality_states(c for c in name.head.children if c.dep_ == "amod")
                if states:
                    served[party.key] = states[0].country
        return served

    def last_state_before(self, token: Token) -> Party | None:
        """The state named last before ``token``, in its sentence or the one before."""
        for i in range(token.i - 1, self._sentence_before(token.sent.start, 1) - 1, -1):
            party = self.by_token.get(i)
            if party is not None and party.label == "COUNTRY":
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


def _display_names(doc: Doc) -> dict[str, str]:
    """The name each known official goes by in this article: the knowledge base's canonical
    name when the article spells it, else the fullest form the article uses ("Rumsfeld"
    for an article that never writes "Donald Rumsfeld"), as annotators name parties."""
    forms: dict[str, list[str]] = {}
    canonical: dict[str, str] = {}
    for ent in doc.ents:
        kb_id = ent._.kb_id
        if ent.label_ != "OFFICIAL" or not kb_id or ent._.resolved_by not in NAMED_RESOLUTIONS:
            continue
        canonical[kb_id] = ent._.canonical
        forms.setdefault(kb_id, []).append(_strip_honorifics(ent.text))
    display = {}
    text = f" {fold(doc.text)} " if forms else ""
    for kb_id, names in forms.items():
        if f" {fold_name(canonical[kb_id] or '')} " in text:
            continue
        readable = [n for n in names if not n.isupper()] or names
        display[kb_id] = max(readable, key=lambda n: (len(fold_name(n).split()), len(n)))
    return display


def _is_full_name(ent: Span) -> bool:
    """A person or organisation the base model found, named well enough to be a party: two
    capitalised words at least, none of them a title ("Général" alone is not a name)."""
    words = [t for t in ent if t.is_alpha and t.lower_ not in HONORIFICS]
    capitalised = [t for t in words if t.text[0].isupper() and t.lemma_.lower() not in TITLE_LEMMAS]
    return len(capitalised) >= 2


def _strip_honorifics(name: str) -> str:
    words = name.split()
    while len(words) > 1 and fold(words[0]) in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def _clause_start(verb: Token) -> int:
    """The sentence start, or earlier when the parser split a sentence where it does not
    end (no full stop before it: "Le Maroc, qui est ... (TSCTP), | participe ...")."""
    start = verb.sent.start
    doc = verb.doc
    while start > 0 and doc[start - 1].text not in CLAUSE_END and not doc[start - 1].is_space:
        start = doc[start - 1].sent.start
    return start


def _lemma_candidates(token: Token, pos: str) -> list[str]:
    """The lemma, and for verbs the infinitives an unlemmatised form points to (the model
    sometimes leaves "participe" or "accueille" as they are)."""
    lemma, lower = token.lemma_.lower(), token.lower_
    candidates = [lemma, lower] if pos == "NOUN" and lemma != lower else [lemma]
    if pos == "VERB" and lemma == lower:
        for ending, infinitive in VERB_ENDINGS:
            if lower.endswith(ending):
                candidates.append(lower[: len(lower) - len(ending)] + infinitive)
    return candidates


def _introduced_officials(doc: Doc, by_token: dict[int, Party]) -> dict[str, Party]:
    """Title words that introduced a named official ("Le ministre ..., Nasser Bourita"): later,
    "le ministre" alone denotes that official (the first one so introduced)."""
    introduced: dict[str, Party] = {}
    for token in doc:
        if token.dep_ != "appos" or token.i not in by_token:
            continue
        party = by_token[token.i]
        if party.label == "OFFICIAL" and token.head.lemma_.lower() in TITLE_LEMMAS:
            introduced.setdefault(token.head.lemma_.lower(), party)
    return introduced


def _pair_noun(token: Token) -> bool:
    """ "pays", "ministres", "parties" (lemmatised "party" by the model) of "les deux ..."."""
    lower = token.lower_
    return token.lemma_.lower() in PAIR_WORDS or lower in PAIR_WORDS or lower.rstrip("s") in PAIR_WORDS


def _governed_by_preposition(doc: Doc, start: int) -> bool:
    """The mention at ``start`` follows a preposition ("de la Maison Blanche"), also through
    the title that introduces it ("avec son homologue Mike Pompeo")."""
    i = start - 1
    while i >= 0 and (doc[i].pos_ in ("DET", "ADJ") or doc[i].lemma_.lower() in TITLE_LEMMAS | {"homologue"}
                      and doc[i].pos_ == "NOUN"):
        i -= 1
    return i >= 0 and doc[i].pos_ == "ADP"


def _counterpart_cases(trigger: Trigger) -> frozenset[str]:
    """Prepositions that introduce the counterpart: the trigger's own, else "avec" for the
    symmetric types ("s'entretenir avec X"), none for the others ("remercier X")."""
    return trigger.preps or (WITH if trigger.type in SYMMETRIC_TYPES else frozenset())


def _between_heads(noun: Token) -> list[Token]:
    """The "entre X et Y" of a noun trigger, also where the parser hung it lower in the noun
    phrase ("l'entretien téléphonique du 10 mai entre X et Y")."""
    heads = []
    for t in noun.subtree:
        if not _case(t) & {"entre"}:
            continue
        step = t.head
        while step.i != noun.i and step.head.i != step.i and (step.pos_ not in ("VERB", "AUX") or (
                noun.lemma_.lower() in NEGOTIATION_NOUNS and step.dep_ == "acl")):
            step = step.head
        if step.i == noun.i:
            heads.append(t)
    return heads


def _between_after(noun: Token) -> list[Token]:
    """ "l'entretien téléphonique du 10 mai, entre X et Y", where the parser hung "entre X et
    Y" on the verb: the "entre" right after the noun phrase."""
    doc = noun.doc
    i = noun.right_edge.i + 1
    while i < noun.sent.end and doc[i].is_punct:
        i += 1
    return [doc[i].head] if i < noun.sent.end and doc[i].lower_ == "entre" and doc[i].head.i > i else []


def _unreal(verb: Token) -> bool:
    """Future or conditional: "se rendra", "pourrait", "aurait rencontré"."""
    if "Fut" in verb.morph.get("Tense") or "Cnd" in verb.morph.get("Mood"):
        return True
    return any(looks_conditional(t) for t in (verb, *(c for c in verb.children if c.dep_.startswith("aux"))))


def _voiced_by(triple: Triple, speaker: Party, country_names: dict[str, str]) -> Triple:
    """A state's act inside a quotation becomes the quoted official's: «Les Etats-Unis
    saluent ...», a déclaré le porte-parole X → X is the actor (ANNOTATION: the official)."""
    if triple.actor_label == "COUNTRY" and triple.actor == country_names.get(speaker.country or ""):
        return replace(triple, actor=speaker.name, actor_label="OFFICIAL", actor_kb_id=speaker.kb_id,
                       rule=triple.rule.replace(":", "+quote:", 1))
    return triple


def _commits_to_act(verb: Token) -> bool:
    """ "convenir de renforcer", "s'engager à ouvrir", "convenir que ...", "s'accorder sur":
    an agreement to act or on a matter, not a shared opinion about a noun."""
    for child in verb.children:
        marks = {c.lower_ for c in child.children if c.dep_ == "mark"}
        if child.dep_ == "xcomp" and "Inf" in child.morph.get("VerbForm") and marks & {"de", "d'", "d’", "à"}:
            return True
        if child.dep_ == "ccomp" and marks & {"que", "qu'", "qu’"}:
            return True
        if _case(child) & {"sur"}:
            return True
    return False


def _bare_participle(verb: Token) -> bool:
    """A past participle with no auxiliary, read as a passive: "Reçu par le Roi, X ..."."""
    return ("Part" in verb.morph.get("VerbForm") and "Past" in verb.morph.get("Tense")
            and not any(c.dep_.startswith("aux") for c in verb.children))


def _qualified_noun(participle: Token) -> Token | None:
    """The noun a detached participle qualifies where the parser hung it on the verb: "X a
    rappelé la Déclaration entre A et B, signée en 2020" → Déclaration, the nearest noun
    phrase ending at the comma whose noun agrees with the participle."""
    if participle.dep_ not in ("advcl", "conj", "acl") or participle.i == 0:
        return None
    doc = participle.doc
    comma = doc[participle.i - 1]
    if comma.text != ",":
        return None
    gender, number = participle.morph.get("Gender"), participle.morph.get("Number")
    for t in reversed(doc[participle.sent.start:comma.i]):
        if t.pos_ != "NOUN" or t.right_edge.i != comma.i - 1:
            continue
        if t.morph.get("Gender") == gender and t.morph.get("Number") == number:
            return t
    return None


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ == "aux:pass" for c in verb.children)


def _passive_agents(verb: Token) -> list[Token]:
    """The "par X" agents of a passive verb, also where the parser hung them on a dependent
    of the verb ("reçu ce lundi après-midi par son homologue")."""
    agents = []
    for token in verb.subtree:
        if token.dep_ not in ("obl:agent", "obl", "obl:mod") or not (_case(token) & AGENT_CASES):
            continue
        t = token.head
        while t.i != verb.i and not any(c.dep_ in SUBJECT_DEPS for c in t.children) and t.head.i != t.i:
            t = t.head
        if t.i == verb.i:
            agents.append(token)
    if agents:                           # "reçu par X, le chef du gouvernement et par Y": the
        doc, comma = verb.doc, agents[-1].right_edge.i + 1          # list goes on after a comma,
        if comma + 1 < verb.sent.end and doc[comma].text == ",":   # wherever the parser hung it
            for token in verb.sent:
                if token.left_edge.i in (comma, comma + 1) and token.pos_ in ("NOUN", "PROPN") and not _case(token) \
                        and token.dep_ in ("obl", "obl:mod", "nmod", "appos", "conj"):
                    agents.append(token)
                    break
    return agents


def _with_conjuncts(token: Token) -> Iterator[Token]:
    """The token and those coordinated with it, also through a name it heads ("MM. X et Y",
    parsed as "MM." ← "X" ← conj "Y")."""
    yield token
    for child in token.children:
        if child.dep_ == "conj" and _case(child) & ON_BEHALF_CASES:
            for agent in child.children:   # "par X, et pour le MCC, par Y": the MCC is Y's principal
                if _case(agent) & AGENT_CASES:
                    yield from _with_conjuncts(agent)
            continue
        if child.dep_ == "conj" and not _opens_clause(child):
            yield from _with_conjuncts(child)
        elif child.dep_ in ("flat:name", "appos"):
            for grandchild in child.children:
                if grandchild.dep_ == "conj":
                    yield from _with_conjuncts(grandchild)


def _misplaced_agents(verb: Token, noun: Token) -> list[Token]:
    """ "rappelant la reconnaissance par Washington de ...": a "par X" the parser hung on an
    active verb, right after the noun it belongs to."""
    if _is_passive(verb):
        return []
    return [c for c in verb.children if _case(c) & AGENT_CASES and noun.i < c.i <= noun.i + AGENT_REACH]


def _inverted_speaker(verb: Token) -> list[Token]:
    """The subject of a reporting verb put after it and parsed as its object ("..., ajoute le
    diplomate")."""
    if verb.lemma_.lower() not in REPORT_VERBS or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return []
    return [c for c in verb.children if c.dep_ in OBJECT_DEPS and c.i > verb.i and c.pos_ in ("NOUN", "PROPN")]


def _from_part(children: list[Token]) -> list[Token]:
    """The X of a "de la part de X" among ``children``: who the act comes from."""
    return [g for c in children if c.lemma_.lower() == "part" and _case(c) & NOUN_ACTOR_CASES
            for g in c.children if g.dep_ == "nmod"]


def _opens_clause(token: Token) -> bool:
    """A name the parser coordinated with a party but that is the subject of a new clause:
    "X a rencontré Y, et Z s'est félicité ..."."""
    if token.head.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS:
        return False                     # "Le Maroc et l'Espagne se sont entretenus"
    end = token.right_edge.i + 1
    after = token.doc[end] if end < len(token.doc) else None
    return after is not None and (after.lower_ in REFLEXIVE_PRONOUNS - {"nous", "vous"} or after.pos_ == "AUX")


def _case(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("case", "mark")} | (
        {"par"} if token.dep_ == "obl:agent" else set())


def _governing_verb(noun: Token) -> Token | None:
    token = noun
    for _ in range(LIGHT_VERB_HOPS):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None


def _has_cue(token: Token, cues: set[str], reach: int = 1) -> bool:
    """A cue word among the trigger's children, its head or the ``reach`` words after it."""
    window = list(token.children) + [token.head] + list(token.doc[token.i + 1:token.i + 1 + reach])
    return any(t.lower_ in cues or t.lemma_.lower() in cues for t in window)


def _clause_date(token: Token, spans: list[Span]) -> Span | None:
    """The date attached closest to the trigger (or to the verb a noun trigger depends on),
    not climbing out of another clause: in "X, qui avait reconnu en 2020 ..., s'est entretenu
    mardi avec Y", the talk is on Tuesday."""
    anchors = {token.i}
    verb = _governing_verb(token) if token.pos_ == "NOUN" else None
    if verb is not None:
        anchors.add(verb.i)
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


def _stay(main: Triple, pub_date: object) -> str | None:
    """The days between an arrival and the publication date (ANNOTATION §3: "a period between
    a known arrival and the publication date may be a range"), when the main event is one."""
    if main.event_type != "VISIT" or main.action not in ARRIVAL_LEMMAS or not main.date or len(main.date) != 10:
        return None
    published = str(pub_date) if pub_date else ""
    return f"{main.date}/{published}" if published > main.date else None


def _demonstrative(noun: Token) -> bool:
    return any(c.lower_ in DEMONSTRATIVES for c in noun.children if c.dep_ == "det")


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
    predicate = _predicate_of(token)
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
    verb = token if token.pos_ in ("VERB", "AUX") else _governing_verb(token)
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
    date_head = _predicate_of(dated[0].root)
    trigger_head = _predicate_of(token)
    if _below_clause(trigger_head, date_head) or _below_clause(date_head, trigger_head):
        return None
    return dated[0]


def _predicate_of(token: Token) -> Token:
    """The verb (or clause head) a token belongs to."""
    step = token
    for _ in range(SENTENCE_DEPTH):
        if step.pos_ in ("VERB", "AUX") or step.head.i == step.i:
            return step
        step = step.head
    return step


def _below_clause(lower: Token, upper: Token) -> bool:
    """``lower`` is inside a subordinate clause (relative, adverbial, participial) of ``upper``."""
    step, crossed = lower, False
    for _ in range(SENTENCE_DEPTH):
        if step.i == upper.i:
            return crossed
        if step.head.i == step.i:
            return False
        crossed = crossed or step.dep_ in CLAUSE_DEPS - {"conj"}
        step = step.head
    return False


def _continues(sent: Span, triple: Triple, main_parties: set[str]) -> bool:
    """A sentence continues the main event when it refers back to it ("lors de cette
    visite", "à cette occasion") or names one of its parties, and is no pluperfect recall."""
    if any(t.lower_ in PLUPERFECT_AUX for t in sent):
        return False
    for t in sent:                       # "Lors de la 4e session du Dialogue, ...": another event
        if t.lower_ == "lors":
            frame = next((n for n in t.doc[t.i + 1:min(t.i + 5, sent.end)] if n.pos_ == "NOUN"), None)
            if frame is not None and not any(c.lower_ in DEMONSTRATIVES for c in frame.children):
                return False
    for token in sent:
        if token.lemma_.lower() in CONTINUATION_NOUNS and any(
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
    kept = []
    for t in triples:
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
    return kept


def merge_mentions(triples: list[Triple]) -> list[Triple]:
    """One record per interaction: mentions of the same parties, type (and object, for a
    signature or an exercise) whose dates agree are one interaction, kept as its
    best-supported mention with the most precise date; dates that exclude each other
    ("en janvier", "en mars") are distinct interactions."""
    groups: dict[tuple, list[Triple]] = {}
    for triple in triples:
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
    merged = [t for records in groups.values() for t in records]
    chaired = {(t.start, frozenset((fold(t.actor), fold(t.counterpart)))) for t in merged
               if t.event_type == "CO_CHAIR"}
    kept = [t for t in merged if not (
        t.event_type == "MEET" and (t.start, frozenset((fold(t.actor), fold(t.counterpart)))) in chaired)]
    return sorted(kept, key=lambda t: (t.start, t.trigger_start or 0))


def _merged(kept: Triple, new: Triple) -> Triple:
    """Two mentions of one interaction: the better one, lending it the other's object."""
    best, other = (new, kept) if _better(new, kept) else (kept, new)
    return replace(best, object=other.object) if not best.object and other.object else best


def _better(new: Triple, old: Triple) -> bool:
    def precision(t: Triple) -> int:
        return 0 if not t.date else 3 if len(t.date) == 10 else 2 if "/" in t.date else 1
    return (precision(new), new.confidence) > (precision(old), old.confidence)


def load_triggers(user_files: Iterable[str | Path] = ()) -> list[Trigger]:
    return [
        Trigger(r["lemma"], r["pos"], r["type"], r.get("cameo"), frozenset(r.get("preps", ())),
                r.get("requires_object"), r.get("requires_cue"), r.get("destination", False),
                r.get("reflexive", False))
        for r in load_jsonl("events.jsonl", user_files)
    ]


def load_modality(user_files: Iterable[str | Path] = ()) -> dict[str, set[str]]:
    cues: dict[str, set[str]] = {"negation": set(), "hypothesis": set(), "cancel": set(), "presence": set()}
    for entry in load_lines("modality.txt", user_files):
        kind, _, word = entry.partition("\t")
        cues.setdefault(kind.strip(), set()).add(word.strip().lower())
    return cues


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
                             load_jsonl("plans.jsonl"), country_names, places, nationalities)
