"""Relation extraction on sentences written for the purpose (not from the seeds)."""

from __future__ import annotations

import pytest

from conftest import triples_of

CASES = [
    # verbal predicates
    ("Nasser Bourita a rencontré Antony Blinken à Rabat.", "2022-03-30",
     {("Antony Blinken", "MEET", "Nasser Bourita")}),
    ("Nasser Bourita s'est entretenu avec Mike Pompeo au siège du ministère.", "2020-02-10",
     {("Mike Pompeo", "MEET", "Nasser Bourita")}),
    ("Nasser Bourita a été reçu par Antony Blinken au Département d'Etat.", "2022-03-30",
     {("Antony Blinken", "MEET", "Nasser Bourita")}),
    # an article that never spells the full names: parties as the article names them
    ("MM. Bourita et Blinken ont discuté des questions régionales.", "2022-03-30",
     {("Blinken", "MEET", "Bourita")}),
    # reported words belong to the official who says them
    ("«Le Royaume est un allié fiable», a déclaré le secrétaire à la Défense Lloyd Austin.", "2023-05-10",
     {("Lloyd Austin", "PRAISE", "Maroc")}),
    ("Les Etats-Unis saluent le rôle du Maroc dans la région, a indiqué le porte-parole du "
     "département d'Etat, Matthew Miller.", "2023-05-10", {("Matthew Miller", "PRAISE", "Maroc")}),
    # an official the knowledge base does not know speaks for the country of his title
    ("«Washington salue le rôle du Royaume dans la lutte antiterroriste», a indiqué le "
     "porte-parole du département d'Etat, Daniel Harper.", "2019-02-12",
     {("Daniel Harper", "PRAISE", "Maroc")}),
    ("La sénatrice Jeanne Shaheen s'est entretenue avec Nasser Bourita. Elle a exprimé sa "
     "gratitude pour l'action menée par le Maroc au Sahel.", "2023-06-10",
     {("Jeanne Shaheen", "MEET", "Nasser Bourita"), ("Jeanne Shaheen", "PRAISE", "Maroc")}),
    # officials listed by apposition, armies standing for their states
    ("Nasser Bourita s'est entretenu avec Jake Sullivan, conseiller à la sécurité nationale, et "
     "Lloyd Austin, secrétaire à la Défense.", "2023-05-10",
     {("Jake Sullivan", "MEET", "Nasser Bourita"), ("Lloyd Austin", "MEET", "Nasser Bourita")}),
    ("Les Forces armées royales et l'armée américaine ont participé à l'exercice African Lion.",
     "2023-05-10", {("Etats-Unis", "EXERCISE", "Maroc")}),
    ("Les marines marocaine et espagnole ont mené un exercice conjoint au large de Tanger.",
     "2023-05-10", {("Espagne", "EXERCISE", "Maroc")}),
    # destinations, visitors, earlier sentences
    ("Antony Blinken est arrivé lundi à Marrakech pour une tournée régionale.", "2023-05-10",
     {("Antony Blinken", "VISIT", "Maroc")}),
    ("Le secrétaire d'Etat adjoint, Christopher Landau, est en visite de travail au Maroc.", "2025-05-10",
     {("Christopher Landau", "VISIT", "Maroc")}),
    ("Jake Sullivan est arrivé lundi à Rabat. Il a été reçu par Nasser Bourita.", "2023-05-10",
     {("Jake Sullivan", "VISIT", "Maroc"), ("Jake Sullivan", "MEET", "Nasser Bourita")}),
    ("Le Maroc et l'Espagne entretiennent des relations anciennes. Les deux pays ont signé un "
     "accord de pêche.", "2023-05-10", {("Espagne", "SIGN", "Maroc")}),
    ("Le ministre espagnol des Affaires étrangères, José Manuel Albares, est arrivé à Rabat. Le chef "
     "de la diplomatie espagnole a ensuite été reçu par Aziz Akhannouch.", None,
     {("José Manuel Albares", "VISIT", "Maroc"), ("Aziz Akhannouch", "MEET", "José Manuel Albares")}),
    # exclusions
    ("Le Maroc et la France conviennent de l'importance du dialogue régional.", "2025-05-10", set()),
    ("Le Maroc et la France ont convenu de renforcer leur dialogue régional.", "2025-05-10",
     {("France", "AGREE", "Maroc")}),
    ("Une visite de Marco Rubio au Maroc est prévue en juin.", "2025-05-10", set()),
    ("Nasser Bourita n'a pas rencontré Antony Blinken lors de ce sommet.", "2022-03-30", set()),
    ("Nasser Bourita pourrait rencontrer Antony Blinken la semaine prochaine.", "2022-03-30", set()),
    ("Nasser Bourita rencontrera Antony Blinken à Washington.", "2022-03-30", set()),
]


@pytest.mark.parametrize(("text", "pub_date", "expected"), CASES)
def test_sentence_triples(extract, text, pub_date, expected):
    assert triples_of(extract(text, pub_date)) == expected


def test_passive_receive_puts_agent_as_actor(extract):
    result = extract("Nasser Bourita a été reçu par Antony Blinken au Département d'Etat.", "2022-03-30")
    (triple,) = result.triples
    assert triple.actor == "Antony Blinken" and triple.rule.startswith("verb.passive_agent")


def test_triples_carry_provenance(extract):
    text = "Selon la MAP, Nasser Bourita a rencontré Antony Blinken à Rabat."
    (triple,) = extract(text, "2022-03-30").triples
    assert text[triple.start:triple.end].strip() == triple.sentence
    assert text[triple.trigger_start:triple.trigger_end] == "rencontré"
    assert 0 < triple.confidence <= 1


def test_furniture_gives_no_triple(extract):
    text = ("À lire : Nasser Bourita a rencontré Antony Blinken à Rome\n"
            "Le Maroc et l'Espagne ont signé un accord de pêche.\n"
            "Aller plus loin\n"
            "Nasser Bourita s'est entretenu avec Mike Pompeo.\n")
    result = extract(text, "2020-02-10")
    assert all(t.event_type == "SIGN" for t in result.triples)


def test_teaser_behind_quotation_arrows_gives_no_triple(extract):
    text = ("Le roi Mohammed VI a reçu jeudi le président sénégalais Macky Sall.\n\n"
            ">> Lire aussi : Le Sénégal soutient l'initiative marocaine d'autonomie\n\n"
            "Les deux chefs d'Etat ont évoqué la coopération bilatérale.\n")
    result = extract(text, "2021-06-12")
    assert [t.event_type for t in result.triples] == ["MEET"]


def test_short_names_keep_their_knowledge_base_ids(extract):
    (triple,) = extract("MM. Bourita et Blinken ont discuté des questions régionales.", "2022-03-30").triples
    assert {triple.actor_kb_id, triple.counterpart_kb_id} == {"nasser-bourita", "antony-blinken"}
