"""Names, titles and "son homologue" resolved at the document's date."""

from __future__ import annotations

import json

import pytest

import diplo_ner

TITLE_SENTENCE = "Le secrétaire d'Etat américain a salué le rôle du Maroc dans la région."
HOMOLOGUE_SENTENCE = ("Le ministre des Affaires étrangères, Nasser Bourita, s'est entretenu lundi "
                      "avec son homologue américain.")


def titles(nlp, text, pub_date):
    doc = nlp(diplo_ner.pipeline.make_doc(nlp, text, pub_date))
    return {t.text: t._.canonical for t in doc.spans["titles"]}


@pytest.mark.parametrize(("pub_date", "holder"), [
    ("2020-10-04", "Mike Pompeo"), ("2021-11-22", "Antony Blinken"), ("2025-03-10", "Marco Rubio")])
def test_one_title_three_holders(nlp, pub_date, holder):
    assert titles(nlp, TITLE_SENTENCE, pub_date)["secrétaire d'Etat américain"] == holder


@pytest.mark.parametrize(("pub_date", "holder"), [
    ("2020-10-05", "Mike Pompeo"), ("2021-11-22", "Antony Blinken"), ("2025-03-10", "Marco Rubio")])
def test_homologue_mirrors_the_antecedent_office(extract, pub_date, holder):
    (triple,) = extract(HOMOLOGUE_SENTENCE, pub_date).triples
    assert {triple.actor, triple.counterpart} == {"Nasser Bourita", holder}


def test_unknown_date_leaves_title_unresolved_and_falls_back_to_state(extract):
    result = extract(TITLE_SENTENCE)
    assert result.pub_date is None
    assert all(t.actor != "Antony Blinken" for t in result.triples)
    assert {(t.actor, t.counterpart) for t in result.triples} <= {("Etats-Unis", "Maroc")}


def test_short_form_takes_full_name_seen_in_document(extract):
    text = ("Le secrétaire général de l'organisation, Karim Tazi, a été reçu à Rabat. "
            "M. Tazi a ensuite rencontré Nasser Bourita.")
    result = extract(text, "2022-05-04")
    assert "Karim Tazi" in {e.canonical for e in result.entities if e.text == "Tazi"}


def test_user_kb_file_adds_a_person(tmp_path):
    person = {"id": "leila-benali", "canonical": "Leila Benali", "aliases": ["Benali"], "country": "MA",
              "offices": [{"office": "MA.foreign_minister", "start": "2031-01-01", "end": None, "source": "test"}]}
    path = tmp_path / "officials.jsonl"
    path.write_text(json.dumps(person) + "\n", encoding="utf-8")
    nlp = diplo_ner.load(config={"diplo_entities": {"user_officials": [str(path)]},
                                 "diplo_linker": {"user_officials": [str(path)]}})
    doc = nlp(diplo_ner.pipeline.make_doc(nlp, "La ministre Benali a reçu l'ambassadeur.", "2031-05-01"))
    assert [(e.text, e._.kb_id) for e in doc.ents if e.label_ == "OFFICIAL"] == [("Benali", "leila-benali")]
