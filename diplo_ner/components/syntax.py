"""Reading the French dependency parse for the relation extractor: the case words of a
token, passives and their agents, coordination the parser split, "entre X et Y", participles,
clause structure. Pure functions over spaCy tokens; they know nothing of parties or events.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from .dates import is_conditional, is_future, looks_conditional
from .words import WORDS

SUBJECT_DEPS = {"nsubj", "expl:subj"}   # "Il s'est rendu" is sometimes parsed expletive
PASSIVE_SUBJECT_DEPS = {"nsubj:pass"}
OBJECT_DEPS = {"obj"}
AGENT_CASES = {"par"}
ON_BEHALF_CASES = {"pour"}
NOUN_ACTOR_CASES = {"de", "du", "des", "d'", "d’"}
LIGHT_VERB_HOPS = 2
REFLEXIVE_PRONOUNS = {"se", "s'", "s’", "nous", "vous"}
URGE_MARKS = {"à", "au", "aux"}
URGE_REACH = 3              # words after "appeler" where its "à" stands
COMMITMENT_REACH = 12       # words from "convenir" to the "de" + infinitive it commits to
AGENT_REACH = 6             # words between "par" and the agent's name
SENTENCE_DEPTH = 8
CLAUSE_DEPS = {"advcl", "acl", "acl:relcl", "ccomp", "parataxis", "conj"}   # a date does not climb out of these
CLAUSE_END = {".", ";", ":", "?", "!"}
VERB_ENDINGS = (("ent", "er"), ("e", "er"), ("ent", "ir"), ("e", "ir"), ("it", "ir"), ("é", "er"), ("és", "er"))
DEMONSTRATIVES = {"ce", "cette", "ces", "cet"}
DEFINITE_ARTICLES = {"le", "la", "les", "l'", "l’"}
COMPLETIVE_MARKS = {"que", "qu'", "qu’"}    # "X a affirmé que ...": the words X reports
OBJECT_RELATIVES = {"que", "qu'", "qu’"}
PURPOSE_MARKS = {"pour", "afin"}


def clause_start(verb: Token) -> int:
    """The sentence start, or earlier when the parser split a sentence where it does not
    end (no full stop before it: "Le Maroc, qui est ... (TSCTP), | participe ...")."""
    start = verb.sent.start
    doc = verb.doc
    while start > 0 and doc[start - 1].text not in CLAUSE_END and not doc[start - 1].is_space:
        start = doc[start - 1].sent.start
    return start


def lemma_candidates(token: Token, pos: str) -> list[str]:
    """The lemma, and for verbs the infinitives an unlemmatised form points to (the model
    sometimes leaves "participe" or "accueille" as they are)."""
    lemma, lower = token.lemma_.lower(), token.lower_
    candidates = [lemma, lower] if pos == "NOUN" and lemma != lower else [lemma]
    if pos == "VERB" and (lemma == lower or token.pos_ == "NOUN"):   # "félicités" tagged a noun
        for ending, infinitive in VERB_ENDINGS:
            if lower.endswith(ending):
                candidates.append(lower[: len(lower) - len(ending)] + infinitive)
    return candidates


def pair_noun(token: Token) -> bool:
    """ "pays", "ministres", "parties" (lemmatised "party" by the model) of "les deux ..."."""
    lower = token.lower_
    return token.lemma_.lower() in WORDS.pair_words or lower in WORDS.pair_words or lower.rstrip("s") in WORDS.pair_words


def governed_by_preposition(doc: Doc, start: int) -> bool:
    """The mention at ``start`` follows a preposition ("de la Maison Blanche"), also through
    the title that introduces it ("avec son homologue Mike Pompeo")."""
    i = start - 1
    while i >= 0 and (doc[i].pos_ in ("DET", "ADJ") or doc[i].lemma_.lower() in WORDS.title_lemmas | {"homologue"}
                      and doc[i].pos_ == "NOUN"):
        i -= 1
    return i >= 0 and doc[i].pos_ == "ADP"


def between_heads(noun: Token) -> list[Token]:
    """The "entre X et Y" of a noun trigger, also where the parser hung it lower in the noun
    phrase ("l'entretien téléphonique du 10 mai entre X et Y")."""
    heads = []
    for t in noun.subtree:
        if not cases_of(t) & {"entre"}:
            continue
        step = t.head
        while step.i != noun.i and step.head.i != step.i and (step.pos_ not in ("VERB", "AUX") or (
                noun.lemma_.lower() in WORDS.negotiation_nouns and step.dep_ == "acl")):
            step = step.head
        if step.i == noun.i:
            heads.append(t)
            heads += [c for c in noun.children if c.dep_ == "conj" and c.i > t.i   # "entre X et Y" with Y
                      and any(g.dep_ == "cc" for g in c.children)]              # hung on the noun
    return heads


def between_after(noun: Token) -> list[Token]:
    """ "l'entretien téléphonique du 10 mai, entre X et Y", where the parser hung "entre X et
    Y" on the verb: the "entre" right after the noun phrase."""
    doc = noun.doc
    i = noun.right_edge.i + 1
    while i < noun.sent.end and doc[i].is_punct:
        i += 1
    return [doc[i].head] if i < noun.sent.end and doc[i].lower_ == "entre" and doc[i].head.i > i else []


def unreal(verb: Token) -> bool:
    """Future or conditional: "se rendra", "pourrait", "aurait rencontré"."""
    if is_future(verb) or is_conditional(verb):
        return True
    return any(is_future(t) or looks_conditional(t) for t in verb.children if t.dep_.startswith("aux"))   # "sera reçu"


def commits_to_act(verb: Token) -> bool:
    """ "convenir de renforcer", "s'engager à ouvrir", "convenir que ...", "s'accorder sur":
    an agreement to act or on a matter, not a shared opinion about a noun."""
    for child in verb.children:
        marks = {c.lower_ for c in child.children if c.dep_ == "mark"}
        if child.dep_ == "xcomp" and "Inf" in child.morph.get("VerbForm") and marks & {"de", "d'", "d’", "à"}:
            return True
        if child.dep_ == "advcl" and "Inf" in child.morph.get("VerbForm") and "pour" in marks:
            return True                  # "se sont entendus pour renforcer"
        if child.dep_ == "ccomp" and marks & {"que", "qu'", "qu’"}:
            return True
        if cases_of(child) & {"sur"}:
            return True
    return _infinitive_after(verb)


def urges(verb: Token) -> bool:
    """ "appeler Y à la retenue", "appeler à faire", "appeler Y à" + infinitive: the verb urges,
    it does not telephone ("appeler Y pour lui présenter ses condoléances" does)."""
    for child in verb.children:
        if cases_of(child) & URGE_MARKS or any(c.dep_ == "mark" and c.lower_ in URGE_MARKS for c in child.children):
            return True
    return any(t.lower_ in URGE_MARKS for t in verb.doc[verb.i + 1:min(verb.i + 1 + URGE_REACH, verb.sent.end)])


def _infinitive_after(verb: Token) -> bool:
    """ "étaient convenus, lors d'une réunion, de reprendre ...": the parser hung the "de" +
    infinitive elsewhere; the first one after the verb, before another finite verb, counts."""
    for token in verb.doc[verb.i + 1:min(verb.i + 1 + COMMITMENT_REACH, verb.sent.end)]:
        if token.text in CLAUSE_END or "Fin" in token.morph.get("VerbForm"):
            return False
        if "Inf" in token.morph.get("VerbForm") and any(
                c.dep_ == "mark" and c.lower_ in {"de", "d'", "d’", "à"} for c in token.children):
            return True
    return False


def bare_participle(verb: Token) -> bool:
    """A past participle with no auxiliary, read as a passive: "Reçu par le Roi, X ..."."""
    return ("Part" in verb.morph.get("VerbForm") and "Past" in verb.morph.get("Tense")
            and not any(c.dep_.startswith("aux") for c in verb.children))


def passive_participle(verb: Token) -> bool:
    """A bare participle read as a passive, unless its verb's compound past takes "être", whose
    participle is active: "Arrivé dimanche à Alger, X a été reçu ..." (X arrived)."""
    return bare_participle(verb) and verb.lemma_.lower() not in WORDS.etre_verbs


def qualified_noun(participle: Token) -> Token | None:
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


def is_passive(verb: Token) -> bool:
    return any(c.dep_ == "aux:pass" for c in verb.children)


def passive_agents(verb: Token) -> list[Token]:
    """The "par X" agents of a passive verb, also where the parser hung them on a dependent
    of the verb ("reçu ce lundi après-midi par son homologue")."""
    agents = []
    for token in verb.subtree:
        if token.dep_ not in ("obl:agent", "obl", "obl:mod") or not (cases_of(token) & AGENT_CASES):
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
                if token.left_edge.i in (comma, comma + 1) and token.pos_ in ("NOUN", "PROPN") and not cases_of(token) \
                        and token.dep_ in ("obl", "obl:mod", "nmod", "appos", "conj"):
                    agents.append(token)
                    break
    return agents


def with_conjuncts(token: Token) -> Iterator[Token]:
    """The token and those coordinated with it, also through a name it heads ("MM. X et Y",
    parsed as "MM." ← "X" ← conj "Y")."""
    yield token
    for child in token.children:
        if child.dep_ == "conj" and cases_of(child) & ON_BEHALF_CASES:
            for agent in child.children:   # "par X, et pour le MCC, par Y": the MCC is Y's principal
                if cases_of(agent) & AGENT_CASES:
                    yield from with_conjuncts(agent)
            continue
        if child.dep_ == "conj" and not _opens_clause(child):
            yield from with_conjuncts(child)
        elif child.dep_ in ("flat:name", "appos"):
            for grandchild in child.children:
                if grandchild.dep_ == "conj":
                    yield from with_conjuncts(grandchild)


def misplaced_agents(verb: Token, noun: Token) -> list[Token]:
    """ "rappelant la reconnaissance par Washington de ...": a "par X" the parser hung on an
    active verb, right after the noun it belongs to."""
    if is_passive(verb):
        return []
    return [c for c in verb.children if cases_of(c) & AGENT_CASES and noun.i < c.i <= noun.i + AGENT_REACH]


def inverted_speaker(verb: Token) -> list[Token]:
    """The subject of a reporting verb put after it and parsed as its object ("..., ajoute le
    diplomate")."""
    if verb.lemma_.lower() not in WORDS.report_verbs or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return []
    return [c for c in verb.children if c.dep_ in OBJECT_DEPS and c.i > verb.i and c.pos_ in ("NOUN", "PROPN")]


def from_part(children: list[Token]) -> list[Token]:
    """The X of a "de la part de X" among ``children``: who the act comes from."""
    return [g for c in children if c.lemma_.lower() == "part" and cases_of(c) & NOUN_ACTOR_CASES
            for g in c.children if g.dep_ == "nmod"]


def _opens_clause(token: Token) -> bool:
    """A name the parser coordinated with a party but that is the subject of a new clause:
    "X a rencontré Y, et Z s'est félicité ..."."""
    if token.head.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS:
        return False                     # "Le Maroc et l'Espagne se sont entretenus"
    end = token.right_edge.i + 1
    after = token.doc[end] if end < len(token.doc) else None
    return after is not None and (after.lower_ in REFLEXIVE_PRONOUNS - {"nous", "vous"} or after.pos_ == "AUX")


def cases_of(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("case", "mark")} | (
        {"par"} if token.dep_ == "obl:agent" else set())


def governing_verb(noun: Token) -> Token | None:
    token = noun
    for _ in range(LIGHT_VERB_HOPS):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None


def object_relative_verb(noun: Token) -> Token | None:
    """The verb of a relative clause whose object is the noun ("l'entretien qu'il a eu avec
    Y", "la réunion qu'elle a tenue lundi"): the noun's light verb."""
    for clause in noun.children:
        if clause.dep_ == "acl:relcl" and any(c.lower_ in OBJECT_RELATIVES and (
                c.dep_ == "obj" or c.dep_ == "mark" and not any(o.dep_ == "obj" for o in clause.children))
                for c in clause.children):        # "que" is often tagged a conjunction
            return clause
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None   # "les résultats de
    if after is not None and after.lower_ in OBJECT_RELATIVES and after.dep_ == "obj" \
            and after.head.dep_ == "acl:relcl":                             # l'entretien qu'il a eu":
        return after.head                                                   # hung on "résultats"
    return None


def has_cue(token: Token, cues: set[str], reach: int = 1) -> bool:
    """A cue word among the trigger's children, its head or the ``reach`` words after it."""
    window = list(token.children) + [token.head] + list(token.doc[token.i + 1:token.i + 1 + reach])
    return any(t.lower_ in cues or t.lemma_.lower() in cues for t in window)


def is_demonstrative(noun: Token) -> bool:
    return any(c.lower_ in DEMONSTRATIVES for c in noun.children if c.dep_ == "det")


def is_definite(noun: Token) -> bool:
    return any(c.lower_ in DEFINITE_ARTICLES for c in noun.children if c.dep_ == "det")


def in_fronted_phrase(token: Token) -> bool:
    """The token is in a phrase set before its clause and closed by a comma, with no verb
    before it: "À l'issue de la rencontre, ...", "Lors de l'audience, ..."."""
    doc, sent = token.doc, token.sent
    if any(t.pos_ in ("VERB", "AUX") for t in doc[sent.start:token.i]):
        return False
    comma = next((t.i for t in doc[token.i + 1:sent.end] if t.text == "," or t.pos_ in ("VERB", "AUX")), None)
    return comma is not None and doc[comma].text == ","


def predicate_of(token: Token) -> Token:
    """The verb (or clause head) a token belongs to."""
    step = token
    for _ in range(SENTENCE_DEPTH):
        if step.pos_ in ("VERB", "AUX") or step.head.i == step.i:
            return step
        step = step.head
    return step


def absolute_participle(verb: Token) -> bool:
    """A present participle with its own subject and no conjunction, adjoined to the main
    clause ("..., le Maroc reprochant à X ..."): it tells the main clause's time."""
    return (verb.dep_ == "advcl" and "Part" in verb.morph.get("VerbForm") and "Pres" in verb.morph.get("Tense")
            and any(c.dep_ in SUBJECT_DEPS for c in verb.children) and not any(c.dep_ == "mark" for c in verb.children))


def purpose_of(verb: Token) -> bool:
    """An infinitive of purpose adjoined to the main clause ("a rappelé son ambassadeur pour
    protester contre ..."): the act it names is the main clause's, at its time."""
    return verb.dep_ == "advcl" and "Inf" in verb.morph.get("VerbForm") and any(
        c.dep_ in ("mark", "case") and c.lower_ in PURPOSE_MARKS for c in verb.children)


def below_clause(lower: Token, upper: Token) -> bool:
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


def takes_place(verb: Token) -> bool:
    """The verb says when or where its subject took place: "s'est tenue", "s'est déroulé",
    "a eu lieu" (words.txt ``occurrence_verbs``)."""
    lemma = verb.lemma_.lower()
    forms = {lemma} | {f"{lemma} {c.lemma_.lower()}" for c in verb.children if c.dep_ == "obj"}
    if any(c.lower_ in REFLEXIVE_PRONOUNS for c in verb.children):
        forms.add(f"se {lemma}")
    return bool(forms & WORDS.occurrence_verbs)


def reporting_verb(token: Token) -> Token | None:
    """The verb of saying whose "que" clause ``token`` is in ("X a rappelé que Washington
    soutient ...": "rappelé"), also when the parser hung the clause on a noun ("a affirmé
    lundi à Rabat que ...")."""
    step = token
    while not any(c.dep_ == "mark" and c.lower_ in COMPLETIVE_MARKS for c in step.children):
        if step.dep_ == "acl:relcl" and (verb := _stance_restated(step.head)) is not None:
            return verb                  # "X a réitéré la position des Etats-Unis, qui soutiennent ..."
        if step.head.i == step.i:
            return None
        step = step.head
    verb = step.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb if verb.lemma_.lower() in WORDS.report_verbs | WORDS.expression_verbs else None


def _stance_restated(antecedent: Token) -> Token | None:
    """The verb of saying whose object is the stance a relative clause hangs on, or the
    stance of its owner ("a réitéré la position des Etats-Unis, qui ...": "réitéré")."""
    stance = antecedent if antecedent.dep_ != "nmod" else antecedent.head
    verb = stance.head
    if stance.lemma_.lower() in WORDS.stance_holders and stance.dep_ in ("obj", "nsubj:pass") \
            and verb.lemma_.lower() in WORDS.report_verbs | WORDS.expression_verbs:
        return verb
    return None


def told_in_past(token: Token) -> bool:
    """The clause of ``token``, up to its "que", is in a past tense ("avaient reconnu",
    "a soutenu", "reconnut"): a stance recalled, not one stated ("continue de considérer")."""
    step = token if token.pos_ in ("VERB", "AUX") else governing_verb(token)
    while step is not None:
        if any(c.dep_ == "aux:tense" for c in step.children) or set(step.morph.get("Tense")) & {"Past", "Imp", "Pqp"} \
                and "Part" not in step.morph.get("VerbForm"):
            return True
        if any(c.dep_ == "mark" and c.lower_ in COMPLETIVE_MARKS for c in step.children) or step.head.i == step.i:
            return False
        step = step.head if step.head.pos_ in ("VERB", "AUX") else None
    return False
