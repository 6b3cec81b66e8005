"""diplo_names: one parse for each official's name.

The base parser often reads a first name as a verb ("Nasser" of "Nasser Bourita" is tagged
VERB in two sentences of three of the dev articles, the surname its object) or hangs the
words of a name on different heads. Every reader after it walks the parse, so a name parsed
as a clause hides its bearer as subject, object or apposition. Once ``diplo_entities`` has
found the names, this step gives each multi-word OFFICIAL one head, its first word (tagged
PROPN if it was tagged a verb), with the other words as its ``flat:name`` dependents,
attached where the name as a whole belongs:

- by the name's own outward arc when one is nominal (apposition first, then subject,
  object, oblique...; a bare "nmod" right after a title is the title's apposition);
- otherwise (the parser made the name a clause: ``acl``, ``advcl``, ``xcomp``...) by the
  role its place implies: an oblique or a noun modifier when a preposition opens it, the
  subject of the verb it precedes, the object of the verb it follows, else an apposition.

Words outside the name that depended on one of its words (its determiner, its preposition,
a coordinated party) depend on its head; a clause hung on the name goes to the verb above
it; an "object" of a name that follows "et" is its conjunct. A name whose words the parser
put in two sentences is left alone.

Around the names, a few repairs of clause structure the readers depend on, each stated by a
rule of French grammar: a weekday is never an object; a detached participle opening the
sentence is an adverbial clause; a noun phrase without preposition hung on a place or a day
is the verb's object; a phrase of "avec" or "entre" right after a determined noun complements
it, and one hung on a place or a day goes to the verb; "que" after a noun, then a light verb
with no object, opens that noun's relative; a sentence opening on a phrase closed by a comma
has the first finite verb after it as its root and the one nominal before that verb as its
subject.
"""

from __future__ import annotations

from spacy.attrs import DEP, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .arrays import tokens_where
from .syntax import OBJECT_RELATIVES, PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS
from .words import WORDS

NOMINAL_DEPS = {"nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:arg", "obl:mod", "obl:agent", "nmod",
                "appos", "conj", "flat:name"}
#: The name's arc when its words hang on several heads, best first.
ARC_PREFERENCE = ("appos", "nsubj", "nsubj:pass", "obj", "obl:agent", "obl:arg", "obl", "obl:mod", "iobj",
                  "conj", "nmod", "flat:name")
CLAUSAL_DEPS = {"advcl", "xcomp", "ccomp", "csubj", "parataxis"}   # never a dependent of a name
VERBAL = {"VERB", "AUX"}
WEEKDAYS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}
MONTHS = {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"}
DATE_WORDS = WEEKDAYS | MONTHS
OBJECT_ARCS = {"obj"}
OBLIQUE_ARCS = {"obl", "obl:mod", "obl:arg"}
DETACHED_DEPS = {"parataxis", "conj", "advcl", "ccomp", "xcomp"}   # where the parser hangs the main verb
DAY_HUNG_DEPS = {"appos", "nmod", "flat:name", "flat"}   # how the parser hangs the object on the day
NAME_LABELS = {"OFFICIAL"}
COMPLEMENT_CASES = {"avec", "entre"}   # "l'entretien avec X", "la rencontre entre X et Y"
PLACE_TYPES = {"LOC", "GPE", "COUNTRY"}   # entity labels of a place


class NameParses:
    """Gives every multi-word official's name one head (see the module docstring)."""

    def __call__(self, doc: Doc) -> Doc:
        _days_as_adjuncts(doc)
        _caseless_modifiers_as_objects(doc)
        _nominal_conjuncts_of_objects(doc)
        for sent in list(doc.sents):
            _fronted_participle(sent)
        names = [ent for ent in doc.ents if ent.label_ in NAME_LABELS]
        for name in names:
            if len(name) > 1 and _broken(name):
                _repair(name)
            elif len(name) > 1:
                _dependents_on_the_head(name)
        for name in names:
            _objects_as_conjuncts(name)
        _complements_of_the_nearer_noun(doc)     # on names parsed whole
        _with_phrases_on_the_verb(doc)
        _object_relatives(doc)
        for sent in list(doc.sents):
            _fronted_phrase(sent)
            _subject_before_an_incise(sent)
        return doc


def _days_as_adjuncts(doc: Doc) -> None:
    """A weekday is never a verb's object: "a reçu mercredi M. X et M. Y" often comes out
    with "mercredi" the object and X its apposition, or "a visité dimanche Dakhla" with the day
    an adjunct and the place hung on it. The day becomes an adjunct of the verb, and a nominal
    it heads after it (the one received, the place visited) the object."""
    for token in tokens_where(doc, LOWER, WEEKDAYS):
        if token.head.pos_ not in VERBAL or not (token.dep_ in OBJECT_ARCS or token.dep_ in OBLIQUE_ARCS and not any(
                c.dep_ in OBJECT_ARCS for c in token.head.children) and not any(
                c.dep_ == "case" for c in token.children)):    # "a visité dimanche Dakhla", day an adjunct
            continue                                            # already, its object hung on it
        kinds = ("PROPN", "NOUN") if token.dep_ in OBJECT_ARCS else ("PROPN",)   # a name, if the day was
        taken = next((c for c in token.rights if c.dep_ in DAY_HUNG_DEPS and c.pos_ in kinds   # an adjunct
                      and not any(g.dep_ == "case" for g in c.children)), None)
        if taken is not None:
            taken.head, taken.dep_ = token.head, token.dep_ if token.dep_ in OBJECT_ARCS else "obj"
        token.dep_ = "obl:mod"


def _caseless_modifiers_as_objects(doc: Doc) -> None:
    """A noun phrase with its determiner but no preposition cannot modify the place or day
    before it: "a reçu mardi à Rabat la ministre X" often comes out with "la ministre" a
    modifier of "Rabat". It is the object of the verb, when the verb has none."""
    for token in tokens_where(doc, DEP, ("nmod",)):
        head = token.head
        while head.dep_ in ("nmod", "nummod") and head.head.i != head.i and (head.like_num or
                head.lower_ in DATE_WORDS):   # "depuis ce lundi 4 décembre une visite": down a date
            head = head.head
        if token.pos_ not in ("NOUN", "PROPN") or head.dep_ not in OBLIQUE_ARCS \
                or head.head.pos_ != "VERB" or token.i < head.i or token.i < head.head.i:
            continue
        children = list(token.children)
        if any(c.dep_ == "case" for c in children) or not any(c.dep_ == "det" for c in children):
            continue
        verb = head.head
        if not any(c.dep_ in OBJECT_ARCS | {"nsubj:pass"} for c in verb.children):
            token.head, token.dep_ = verb, "obj"


def _nominal_conjuncts_of_objects(doc: Doc) -> None:
    """A noun phrase coordinated after a verb's object ("a rencontré X, puis le conseiller Y")
    is often made a conjunct of the verb itself; a noun without a preposition of its own
    conjoins with the object."""
    for token in tokens_where(doc, DEP, ("conj",)):
        verb = token.head
        if token.pos_ not in ("NOUN", "PROPN") or verb.pos_ != "VERB" or token.i < verb.i:
            continue
        children = list(token.children)
        if not any(c.dep_ == "cc" for c in children) or any(c.dep_ in ("case", "cop") or c.dep_.startswith(("aux", "nsubj"))
                                                            for c in children):
            continue
        obj = next((c for c in verb.children if c.dep_ in OBJECT_ARCS and c.i < token.i), None)
        if obj is not None:
            token.head = obj


def _fronted_participle(sent: Span) -> None:
    """A sentence that opens on a detached participle ("Arrivé lundi à Washington, X a
    rencontré Y") is often parsed with the participle as its root, the main verb a
    parataxis of it and X the participle's oblique. The main verb becomes the root, the
    participle its adverbial clause, and the nominal before the main verb its subject."""
    first = next((t for t in sent if t.pos_ in VERBAL or t.is_alpha), None)
    if first is None or first.dep_ != "ROOT" or "Part" not in first.morph.get("VerbForm") or any(
            c.dep_.startswith("aux") for c in first.children):
        return
    comma = next((t for t in sent if t.i > first.i and t.text == ","), None)   # hung on the participle
    if comma is None:                                                           # or on its oblique
        return
    main = next((t for t in first.rights if t.i > comma.i and t.pos_ in VERBAL and t.dep_ in DETACHED_DEPS
                 and _finite(t)), None)
    if main is None:
        return
    movers = [t for t in first.rights if t.i > comma.i and t != main]
    movers += [t for t in sent.doc[comma.i + 1:main.i]         # "Reçu par le ministre X, le sénateur Y a
               if t.head.i < comma.i and t.head != first and t.pos_ in ("PROPN", "NOUN")]   # salué": Y hung on X
    main.head, main.dep_ = main, "ROOT"
    first.head, first.dep_ = main, "advcl"
    for t in movers:
        if t.i < main.i and t.pos_ in ("PROPN", "NOUN") and not any(c.dep_ == "case" for c in t.children):
            t.head, t.dep_ = main, "nsubj"
        else:
            t.head = main


def _complements_of_the_nearer_noun(doc: Doc) -> None:
    """ "à l'issue de l'entretien avec X": a phrase of "avec" or "entre" right after a noun
    with its determiner complements that noun. The parser often hangs it on the noun the first
    one depends on ("issue"); it moves to the nearer noun."""
    for case in tokens_where(doc, LOWER, COMPLEMENT_CASES):
        near = _noun_before(case)
        phrase = case.head
        if near is not None and phrase.dep_ == "nmod" and phrase.head == near.head and phrase.i > case.i:
            phrase.head = near


def _with_phrases_on_the_verb(doc: Doc) -> None:
    """A place or a day takes no "avec" phrase: "s'est entretenu lundi à Rabat avec X" often
    comes out with X hung on "Rabat" or "lundi". It goes to the verb they depend on."""
    for case in tokens_where(doc, LOWER, ("avec",)):
        phrase = case.head
        head = phrase.head
        if case.dep_ != "case" or phrase.i < case.i or not _place_or_day(head):
            continue
        while _place_or_day(head) and head.dep_ in ("nmod", "nummod", "obl", "obl:mod", "obl:arg") and head.head.i != head.i:
            head = head.head
        if head.pos_ in VERBAL:
            phrase.head, phrase.dep_ = head, "obl"


def _place_or_day(token: Token) -> bool:
    return token.ent_type_ in PLACE_TYPES or token.lower_ in DATE_WORDS or token.like_num


def _object_relatives(doc: Doc) -> None:
    """ "la conversation téléphonique que le Roi a eue mercredi avec X": a "que" right after a
    noun, then a light verb with no object of its own, is that verb's object and the clause
    the noun's relative. The parser often tags "que" a conjunction and hangs the clause on the
    main verb, so that the event noun loses its parties."""
    for que in tokens_where(doc, LOWER, OBJECT_RELATIVES):
        noun = que.doc[que.i - 1] if que.i else que
        while noun.pos_ == "ADJ" and noun.dep_ == "amod" and noun.head.i < noun.i:
            noun = noun.head
        if noun.pos_ != "NOUN" or que.dep_ == "obj":
            continue
        verb = next((t for t in doc[que.i + 1:que.sent.end] if t.pos_ in VERBAL and not t.dep_.startswith("aux")), None)
        if verb is None or verb.lemma_.lower() not in WORDS.light_verbs or noun in verb.subtree \
                or any(c.dep_ == "obj" and c != que for c in verb.children):
            continue
        que.head, que.dep_ = verb, "obj"
        verb.head, verb.dep_ = noun, "acl:relcl"
        stretch = doc[que.i + 1:verb.i]
        tops = [t for t in stretch if not _inside(t.head, stretch) and not t.dep_.startswith("aux")]
        if len(tops) == 1 and tops[0].pos_ in ("NOUN", "PROPN", "PRON") and tops[0].head != verb:
            tops[0].head, tops[0].dep_ = verb, "nsubj"    # "que le Roi a eue": "le Roi" hung on the noun


def _noun_before(case: Token) -> Token | None:
    """The noun with a determiner that a preposition follows ("l'entretien (téléphonique)
    avec"), not a bare qualifier ("des réunions de travail avec")."""
    if case.dep_ != "case" or case.i == 0:
        return None
    near = case.doc[case.i - 1]
    while near.pos_ == "ADJ" and near.dep_ == "amod" and near.head.i < near.i:
        near = near.head
    if near.pos_ == "NOUN" and any(c.dep_ == "det" for c in near.children):
        return near
    return None


def _fronted_phrase(sent: Span) -> None:
    """A sentence that opens on a prepositional phrase closed by a comma ("A l'issue de
    l'entretien avec X, Y a indiqué que ...", "Au terme de ses entretiens avec X, Y a salué")
    is often parsed with the phrase's noun as the root or the subject, the main verb hung
    inside the phrase, or X the verb's subject and Y its apposition. The phrase is rebuilt as
    the adjunct of the first finite verb after its comma: its words hang inside it (a phrase
    of "avec" on the noun it follows), and the one nominal between the comma and the verb is
    the verb's subject."""
    doc, case = sent.doc, sent[0]
    noun = case.head
    comma = next((t for t in sent if t.text == "," or t.pos_ in VERBAL), None)
    if case.dep_ != "case" or noun.pos_ not in ("NOUN", "PROPN") or comma is None or comma.text != ",":
        return
    fronted = doc[sent.start:comma.i]
    main = next((t for t in doc[comma.i:sent.end] if t.pos_ in VERBAL and _finite(t)
                 and not t.dep_.startswith(("aux", "cop"))), None)
    if main is None or not _inside(noun, fronted):
        return
    stretch = doc[comma.i + 1:main.i]
    tops = [t for t in stretch if not _inside(t.head, stretch) and not t.dep_.startswith("aux")]
    loose = [t for t in fronted if t != noun and not _inside(t.head, fronted)]
    if noun.head == main and noun.dep_.startswith("obl") and not loose:
        return                           # parsed right
    if len(tops) != 1 or tops[0].pos_ not in ("NOUN", "PROPN") or any(c.dep_ == "case" for c in tops[0].children) \
            or any(c.dep_ == "mark" for c in main.children):
        return
    main.head, main.dep_ = main, "ROOT"
    for t in loose:
        near = _noun_before(next((c for c in t.children if c.dep_ == "case" and c.lower_ in COMPLEMENT_CASES), t))
        t.head, t.dep_ = (near, "nmod") if near is not None and near.i < t.i else (noun, "nmod")
    noun.head, noun.dep_ = main, "obl:mod"
    tops[0].head, tops[0].dep_ = main, "nsubj"


def _subject_before_an_incise(sent: Span) -> None:
    """ "Sa Majesté le Roi Mohammed VI, que Dieu L'assiste, a reçu, mardi, X": an incise between
    the subject and its verb leaves the subject as the root and the verb a parataxis of it, with
    no subject. The verb becomes the root and the nominal its subject; a verb the incise holds,
    taken for the main verb's auxiliary, goes back to the incise."""
    root = sent.root
    if root.pos_ not in ("NOUN", "PROPN") or any(c.dep_ == "cop" for c in root.children):
        return
    main = next((c for c in root.rights if c.dep_ in ("parataxis", "conj") and c.pos_ == "VERB"
                 and _finite(c) and not any(g.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS for g in c.children)), None)
    if main is None or not any(t.text == "," for t in sent.doc[root.i + 1:main.i]):
        return
    for aux in [c for c in main.children if c.dep_.startswith("aux") and c.pos_ == "VERB"]:
        aux.head, aux.dep_ = root, "acl:relcl"     # "que Dieu L'assiste", read as "a reçu"'s auxiliary
    for t in [c for c in root.rights if c.i > main.i]:
        t.head = main
    main.head, main.dep_ = main, "ROOT"
    root.head, root.dep_ = main, "nsubj"


def _finite(verb: Token) -> bool:
    """A finite verb, or a participle with its auxiliary ("a rencontré")."""
    return "Fin" in verb.morph.get("VerbForm") or any(c.dep_.startswith("aux") for c in verb.children)


def _objects_as_conjuncts(name: Span) -> None:
    """A name has no object: "Nasser Bourita et José ..." with José parsed the object of
    "Nasser" is a coordination."""
    for token in name:
        for child in token.children:
            joined = child.left_edge.i > 0 and child.doc[child.left_edge.i - 1].pos_ == "CCONJ"
            if child.dep_ in ("obj", "iobj") and not _inside(child, name) and child.i > token.i and (
                    joined or any(c.dep_ == "cc" and c.i < child.i for c in child.children)):
                child.dep_ = "conj"


def _dependents_on_the_head(name: Span) -> None:
    """Words outside a name hung on one of its inner words ("X Abdel Aziz et son homologue",
    with "homologue" a conjunct of "Abdel") depend on the name's head."""
    heads = _outward(name)
    if len(heads) != 1:
        return
    for token in name:
        if token != heads[0]:
            for child in list(token.children):
                if not _inside(child, name):
                    child.head = heads[0]


def _broken(name: Span) -> bool:
    """The name is not one phrase headed by a nominal word (and lies in one sentence)."""
    if any(t.is_sent_start for t in name[1:]):
        return False
    return len(_outward(name)) != 1 or any(t.pos_ in VERBAL for t in name)


def _inside(token: Token, span: Span) -> bool:
    return span.start <= token.i < span.end


def _outward(name: Span) -> list[Token]:
    """The name's words whose head lies outside it (or that are a root)."""
    return [t for t in name if not _inside(t.head, name) or t.head == t]


def _repair(name: Span) -> None:
    first = name[0]
    outward = _outward(name)
    head, dep = _attachment(name, outward)
    outside_children = [c for t in name for c in t.children if not _inside(c, name)]
    if head != first and any(_inside(a, name) for a in head.ancestors):
        return                         # the name governs its own governor: leave that parse alone
    if dep is None:
        head, dep = _role_by_place(name, head, outside_children)
    elif dep == "nmod" and head.i == name.start - 1:
        dep = "appos"                  # "l'ambassadeur Thomas T. Riley": the title's own name
    governor = next((a for a in [head, *head.ancestors] if a.pos_ in VERBAL), head)
    for token in name:
        if token.pos_ in VERBAL:
            token.pos_ = "PROPN"
    first.head = first                 # detached first, so that no step below makes a cycle
    for token in name[1:]:
        token.head, token.dep_ = first, "flat:name"
    for child in outside_children:
        child.head = governor if child.dep_ in CLAUSAL_DEPS and head != first else first
        if child.dep_ == "mark" and child.pos_ == "ADP" and child.i < name.start:
            child.dep_ = "case"        # "avec Nasser Bourita": the name's preposition

    if head != first:
        first.head, first.dep_ = head, dep
    else:
        first.dep_ = "ROOT"


def _attachment(name: Span, outward: list[Token]) -> tuple[Token, str | None]:
    """Where the name hangs, and by which arc (None: a clausal arc, to be read from the
    name's place)."""
    nominal = [t for t in outward if t.dep_ in NOMINAL_DEPS and t.head != t]
    if nominal:
        arc = min(nominal, key=lambda t: ARC_PREFERENCE.index(t.dep_))
        return arc.head, arc.dep_
    attached = next((t for t in outward if t.head != t), None)
    if attached is not None:
        return attached.head, None
    root = outward[0] if outward else name[0]
    verb = next((c for c in root.children if c.pos_ in VERBAL and not _inside(c, name)), None)
    if verb is None:
        return name[0], "ROOT"
    verb.head, verb.dep_ = verb, "ROOT"   # the name was the root: its verb becomes the root
    return verb, "nsubj" if name.start < verb.i else "obj"


def _role_by_place(name: Span, head: Token, outside_children: list[Token]) -> tuple[Token, str]:
    """Where a name the parser made a clause hangs, and its nominal role, from what opens it
    and where it stands: "la rencontre entre X" modifies the noun before its preposition."""
    opening = [c for c in outside_children if c.dep_ in ("case", "mark") and c.i < name.start]
    if opening:
        before = name.doc[opening[0].i - 1] if opening[0].i > 0 else None
        if before is not None and before.pos_ in ("NOUN", "PROPN") and not _inside(before, name) \
                and not any(_inside(a, name) for a in before.ancestors):
            return before, "nmod"
        return head, "obl" if head.pos_ in VERBAL else "nmod"
    if head.pos_ in VERBAL:
        taken = {c.dep_ for c in head.children if not _inside(c, name)}
        if name.start < head.i:
            return head, "nsubj" if "nsubj" not in taken else "conj"
        return head, "obj" if "obj" not in taken else "conj"
    return head, "appos"


@Language.factory("diplo_names", requires=["doc.ents", "token.dep"], assigns=["token.dep", "token.pos"])
def make_name_parses(nlp: Language, name: str) -> NameParses:
    return NameParses()
