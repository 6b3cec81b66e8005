"""Names, titles and "son homologue" resolved at the document's date."""

from __future__ import annotations

import json

import pytest

import diplo_ner
from diplo_ner.resources import packaged_jsonl

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
    person = {"id": "leila-benali", "canonical": "Leila Benali", "aliases": ["Benali"],
              "country": "MA", "offices": [{"office": "MA.foreign_minister", "start": "2031-01-01",
                                            "end": None, "source": "test"}]}
    path = tmp_path / "officials.jsonl"
    path.write_text(json.dumps(person) + "\n", encoding="utf-8")
    nlp = diplo_ner.load(config={"diplo_entities": {"user_officials": [str(path)]},
                                 "diplo_linker": {"user_officials": [str(path)]}})
    doc = nlp(diplo_ner.pipeline.make_doc(nlp, "La ministre Benali a reçu l'ambassadeur.",
                                          "2031-05-01"))
    officials = [(e.text, e._.kb_id) for e in doc.ents if e.label_ == "OFFICIAL"]
    assert officials == [("Benali", "leila-benali")]


# -- titles at their own date, hand-overs, user files, short forms ---------------------------
def title_spans(nlp, text, pub_date=None):
    doc = nlp(diplo_ner.pipeline.make_doc(nlp, text, pub_date))
    return doc, list(doc.spans["titles"])


@pytest.mark.parametrize(("pub_date", "holder"), [
    ("2020-10-04", "Mike Pompeo"), ("2021-11-22", "Antony Blinken"), ("2025-03-10", "Marco Rubio")])
def test_son_homologue_americain_of_bourita_is_the_us_secretary_of_the_day(nlp, pub_date, holder):
    text = ("Nasser Bourita a eu un long échange avec son homologue américain sur la situation "
            "au Sahel.")
    _, (title,) = title_spans(nlp, text, pub_date)
    assert (title._.canonical, title._.office, title._.resolved_by) == \
        (holder, "US.secretary_of_state", "homologue")


def test_resolved_title_carries_kb_id_country_office_and_how(nlp):
    _, (title,) = title_spans(nlp, "Le chef du Pentagone a visité la base de Kénitra.",
                              "2023-06-14")
    found = (title._.canonical, title._.kb_id, title._.country, title._.office, title._.resolved_by)
    assert found == ("Lloyd Austin", "lloyd-austin", "US", "US.secretary_of_defense", "title@date")


def test_title_on_the_hand_over_day_is_the_incoming_holder(nlp):
    text = "Le président américain a prononcé un discours devant le Capitole."
    _, (title,) = title_spans(nlp, text, "2021-01-20")
    assert title._.canonical == "Joe Biden"


def test_title_in_a_recalled_event_is_read_at_the_sentence_date(nlp):
    text = ("En août 2019, le secrétaire d'Etat américain avait plaidé pour une solution politique "
            "durable.")
    _, (title,) = title_spans(nlp, text, "2025-03-10")
    assert title._.canonical == "Mike Pompeo"


def test_title_without_any_date_stays_unresolved_but_keeps_its_country(nlp):
    _, (title,) = title_spans(nlp, "Le secrétaire d'Etat américain a appelé au calme.")
    assert (title._.canonical, title._.kb_id, title._.country) == (None, None, "US")


def test_year_spanning_a_change_of_holder_leaves_the_title_unresolved(nlp):
    text = "En 2021, le secrétaire d'Etat américain a multiplié les appels au cessez-le-feu."
    _, (title,) = title_spans(nlp, text)
    assert title._.canonical is None


def test_named_official_carries_the_office_held_that_day(nlp):
    doc, _ = title_spans(nlp, "Nasser Bourita a présidé la réunion à Rabat.", "2022-09-13")
    (ent,) = [e for e in doc.ents if e.label_ == "OFFICIAL"]
    found = (ent._.kb_id, ent._.office, ent._.resolved_by)
    assert found == ("nasser-bourita", "MA.foreign_minister", "name")


def test_coordinated_short_forms_take_the_full_names_seen_before(extract):
    text = ("Nasser Bourita a reçu Antony Blinken à Rabat. MM. Bourita et Blinken ont ensuite "
            "tenu une conférence de presse.")
    result = extract(text, "2022-03-29")
    assert {(e.text, e.canonical) for e in result.entities if e.label == "OFFICIAL"} >= {
        ("Bourita", "Nasser Bourita"), ("Blinken", "Antony Blinken")}


def test_user_kb_in_the_linker_config_alone_adds_a_recognised_and_dated_person(tmp_path):
    person = {"id": "selma-haddaoui", "canonical": "Selma Haddaoui", "aliases": ["Haddaoui"],
              "country": "MA", "wikidata": None,
              "offices": [{"office": "MA.foreign_minister", "start": "2033-01-10", "end": None,
                           "source": "my notes"}]}
    # the user also closes the term of the predecessor (same id: the user's record wins)
    bourita = next(r for r in packaged_jsonl("officials.jsonl") if r["id"] == "nasser-bourita")
    terms = [{**t, "end": t["end"] or "2033-01-10"} for t in bourita["offices"]]
    closed = {**bourita, "offices": terms}
    path = tmp_path / "my_officials.jsonl"
    path.write_text(json.dumps(person) + "\n" + json.dumps(closed) + "\n", encoding="utf-8")
    nlp = diplo_ner.load(config={"diplo_linker": {"user_kb": [str(path)]}})
    text = ("Selma Haddaoui a reçu l'envoyé spécial à Rabat. Mme Haddaoui a rappelé la position "
            "du Royaume. Le chef de la diplomatie marocaine a conclu la réunion.")
    doc = nlp(diplo_ner.pipeline.make_doc(nlp, text, "2033-05-02"))
    officials = [(e.text, e._.canonical, e._.kb_id) for e in doc.ents if e.label_ == "OFFICIAL"]
    assert officials == [("Selma Haddaoui", "Selma Haddaoui", "selma-haddaoui"),
                         ("Haddaoui", "Selma Haddaoui", "selma-haddaoui")]
    assert [t._.canonical for t in doc.spans["titles"] if t._.canonical] == ["Selma Haddaoui"]


def test_title_announcing_a_name_is_that_official_even_without_a_date(nlp):
    text = ("Le ministre des Affaires étrangères, de la Coopération africaine et des Marocains "
            "résidant à l'étranger, Nasser Bourita, a reçu une délégation du Congrès.")
    _, (title,) = title_spans(nlp, text)
    assert (title._.canonical, title._.office, title._.resolved_by) == \
        ("Nasser Bourita", "MA.foreign_minister", "apposition")


def test_title_then_a_relative_clause_does_not_take_the_later_name(nlp):
    text = "Le secrétaire d'Etat américain, qui arrive de Tunis, rencontrera Nasser Bourita."
    _, (title,) = title_spans(nlp, text)
    assert title._.canonical is None


def test_apposed_title_settles_a_surname_shared_by_two_people(nlp):
    text = ("Ivanka Trump et Donald Trump ont assisté à la cérémonie. Le président Trump a ensuite "
            "reçu l'ambassadrice.")
    doc, titles = title_spans(nlp, text, "2019-11-20")
    (short,) = [e for e in doc.ents if e.text == "Trump"]
    assert short._.kb_id == "donald-trump"
    assert [t._.canonical for t in titles] == ["Donald Trump"]


def test_title_after_aupres_is_an_attachment_not_a_party(nlp):
    text = ("Le ministre délégué auprès du Chef du gouvernement chargé de l'Administration de la "
            "défense nationale a reçu le général.")
    _, titles = title_spans(nlp, text, "2020-10-02")
    assert "Chef du gouvernement" not in [t.text for t in titles]


def test_undated_article_reads_titles_when_its_named_officials_held_office(nlp):
    # no date anywhere, but Rumsfeld (Defense, 2001-2006) and Jettou (Prime Minister,
    # 2002-2007) fix the years: "le Souverain" is the king of those years
    text = ("Donald Rumsfeld s'est entretenu avec le Premier ministre Driss Jettou. "
            "Il a ensuite été reçu par le Souverain.")
    assert titles(nlp, text, None)["Souverain"] == "Mohammed VI"


def test_undated_article_with_officials_of_different_eras_leaves_titles_unresolved(nlp):
    # Rumsfeld left office in 2006, Blinken took it in 2021: no day when both served
    text = ("Donald Rumsfeld avait rencontré Driss Jettou. Antony Blinken a rencontré Nasser Bourita. "
            "Le Souverain a salué le rôle des Etats-Unis.")
    assert titles(nlp, text, None)["Souverain"] is None


# -- nationality adjectives and "of X" forms of states outside the KB ------------------------
@pytest.mark.parametrize(("text", "title_text", "country", "kb_id"), [
    ("Le ministre jordanien des Affaires étrangères, Ayman Safadi, s'est entretenu mardi à "
     "Rabat avec Nasser Bourita.", "ministre jordanien des Affaires étrangères", "JO", "ayman-safadi"),
    ("Le chef de la diplomatie qatarie a salué les réformes engagées par le Royaume.",
     "chef de la diplomatie qatarie", "QA", "mohammed-ben-abderrahmane-al-thani"),
    ("Le Premier ministre sud-coréen a inauguré le salon à Casablanca.",
     "Premier ministre sud-coréen", "KR", None),
    ("Nasser Bourita a reçu son homologue kényan à Rabat.", "homologue kényan", "KE", "alfred-mutua"),
    ("Nasser Bourita a reçu son homologue népalais à Rabat.", "homologue népalais", "NP", None),
], ids=["jordanien", "qatarie", "sud-coreen", "kenyan", "nepalais"])
def test_title_with_a_nationality_adjective_is_tied_to_that_state(nlp, text, title_text, country, kb_id):
    _, titles_found = title_spans(nlp, text, "2023-06-14")
    found = {t.text: (t._.country, t._.kb_id) for t in titles_found}
    # the KB's holder on the day (Kenya's minister in June 2023, Alfred Mutua), else (no
    # holder: South Korea, Nepal) the state alone
    assert found[title_text] == (country, kb_id)


@pytest.mark.parametrize(("text", "country"), [
    ("Le ministre des Affaires étrangères de la Jordanie a été reçu à Rabat par Nasser Bourita.",
     "JO"),
    ("Le ministre des Affaires étrangères de l'Inde a plaidé pour un partenariat renforcé.", "IN"),
    ("Le ministre des Affaires étrangères du Niger a été reçu à Rabat.", "NE"),
    ("Le ministre des Affaires étrangères du Nigeria a été reçu à Rabat.", "NG"),
], ids=["de-la-jordanie", "de-l-inde", "du-niger", "du-nigeria"])
def test_of_country_after_a_title_overrides_the_home_state(nlp, text, country):
    _, (title, *_) = title_spans(nlp, text, "2023-06-14")
    assert (title.text, title._.country) == ("ministre des Affaires étrangères", country)
    assert title._.canonical != "Nasser Bourita"


def test_foreign_president_is_not_taken_for_the_king_named_after_him(nlp):
    text = "Le président sénégalais a été reçu par le Roi Mohammed VI au palais royal de Rabat."
    _, titles_found = title_spans(nlp, text, "2023-06-14")
    president = next(t for t in titles_found if t.text.startswith("président"))
    assert (president.text, president._.country, president._.canonical) == \
        ("président sénégalais", "SN", "Macky Sall")     # Senegal's president that day, not the King


def test_nationality_forms_are_lower_case_unique_and_name_known_states():
    states = {r["code"] for r in packaged_jsonl("countries.jsonl")} | {"UN"}
    owner = {}
    for record in packaged_jsonl("nationalities.jsonl"):
        assert record["code"] in states
        for form in record["forms"]:
            assert form == form.lower()
            assert owner.setdefault(form, record["code"]) == record["code"], form
    # adjectives shared by several states or naming a region are left out on purpose
    for ambiguous in ["congolais", "guinéen", "guinéenne", "coréen", "soudanais", "arabe",
                      "africain", "européen", "dominicain", "macédonien", "de la guinée",
                      "du soudan", "du congo"]:
        assert ambiguous not in owner


def test_title_naming_another_sovereign_is_not_the_kb_holder(nlp):
    doc = nlp(diplo_ner.pipeline.make_doc(nlp, "Le président Joe Biden a reçu mercredi le roi Abdallah II de Jordanie.",
                                          "2024-02-16"))
    assert [e.text for e in doc.ents if e.label_ == "OFFICIAL"] == ["Joe Biden", "Abdallah II"]
    (king,) = [t for t in doc.spans["titles"] if t.text == "roi"]
    assert (king._.canonical, king._.kb_id) == ("Abdallah II", "abdallah-ii")   # the king it names, not Morocco's


@pytest.mark.parametrize(("text", "country"), [
    ("Le Premier ministre du Royaume-Uni a salué le Maroc.", "GB"),
    ("Le ministre des Affaires étrangères des Emirats arabes unis a reçu son homologue.", "AE"),
    ("Le chef de la diplomatie du Royaume a reçu le ministre.", "MA"),
])
def test_longest_country_form_after_a_title_wins(nlp, text, country):
    doc = nlp(diplo_ner.pipeline.make_doc(nlp, text, "2024-02-16"))
    assert doc.spans["titles"][0]._.country == country


def test_title_followed_by_a_name_the_kb_does_not_know_denotes_that_name(nlp):
    doc = nlp(diplo_ner.pipeline.make_doc(
        nlp, "Le président chinois Xi Jinping a reçu le ministre népalais des Affaires étrangères.", "2024-02-16"))
    titles = {t.text: (t._.canonical, t._.country) for t in doc.spans["titles"]}
    assert titles["président chinois"] == ("Xi Jinping", "CN")
    assert titles["ministre népalais des Affaires étrangères"] == (None, "NP")     # no name: the state


def test_title_matches_read_only_where_a_title_starts_find_every_title(nlp):
    # titles side by side, one at the very end, one with a nationality inside
    text = ("Le secrétaire d'Etat américain et le ministre des Affaires étrangères marocain ont reçu "
            "le Président de la République. Il a salué son homologue. Elle a appelé le Premier ministre")
    doc = nlp(text)
    linker = nlp.get_pipe("diplo_linker")
    assert sorted(linker.title_matches(doc)) == sorted(linker.matcher(doc))
    assert doc[-2:].text in {span.text for span in doc.spans["titles"]}


def test_a_president_is_never_the_king_named_in_the_same_article(nlp):
    # no date: "le président" may only be an official the article names who was a president
    doc = nlp("Le roi Mohammed VI a reçu une délégation. Le président a salué la coopération.")
    president = next(s for s in doc.spans["titles"] if s.text.lower() == "président")
    assert president._.canonical is None and president._.country is None


def test_president_of_a_named_body_is_not_a_head_of_state(nlp):
    doc = nlp("Le ministre s'est entretenu avec le président de la Banque mondiale, Robert Zoellick.")
    doc2 = nlp("Le Roi Mohammed VI a reçu le président de la Banque mondiale.")
    assert next(s for s in doc.spans["titles"] if s.text == "président")._.canonical == "Robert Zoellick"
    assert next(s for s in doc2.spans["titles"] if s.text == "président")._.canonical is None


@pytest.mark.parametrize(("text", "title_text", "holder"), [
    ("La chancelière allemande a reçu mardi le ministre des Affaires étrangères Nasser Bourita.",
     "chancelière allemande", "Olaf Scholz"),
    ("Le chancelier a reçu mardi à Berlin le président sénégalais Macky Sall.",
     "chancelier", "Olaf Scholz"),
    ("L'émir du Qatar s'est entretenu lundi à Doha avec le président sénégalais Macky Sall.",
     "émir", "Tamim ben Hamad Al Thani"),
    ("La vice-présidente américaine s'est entretenue mercredi avec le roi Mohammed VI.",
     "vice-présidente américaine", "Kamala Harris"),
    ("La cheffe de la diplomatie espagnole a rencontré lundi son homologue marocain à Rabat.",
     "cheffe de la diplomatie espagnole", "José Manuel Albares"),
    # the formal name of a state in the title's complement fixes its country
    ("Le président de la République française a reçu mardi le président sénégalais Macky Sall.",
     "président", "Emmanuel Macron"),
    ("Le président de la République tunisienne a reçu mardi le ministre Nasser Bourita.",
     "président", "Kaïs Saïed"),
])
def test_feminine_and_foreign_titles_name_the_holder_of_the_day(nlp, text, title_text, holder):
    assert titles(nlp, text, "2023-05-10")[title_text] == holder


@pytest.mark.parametrize("text", [
    "La présidente de la Commission européenne a rencontré mardi le chef du gouvernement Aziz Akhannouch.",
    "La présidente de l'association a rencontré mardi le chef du gouvernement Aziz Akhannouch.",
])
def test_presidente_of_an_organisation_is_no_head_of_state(extract, text):
    # the knowledge base holds no head of an organisation: no party, no record
    assert not extract(text, "2023-05-10").triples


@pytest.mark.parametrize(("text", "pub_date", "title_text", "holder"), [
    # a title in apposition to a name, past a long remit: that name, not the home state's holder
    ("Le ministre des Affaires étrangères et de la Communauté nationale à l'étranger, M. Ahmed Attaf, "
     "a reçu mardi l'ambassadrice des Etats-Unis.", "2023-05-10", "ministre des Affaires étrangères", "Ahmed Attaf"),
    # a rank between the comma and the name: still the title's apposition
    ("Le ministre koweïtien des Affaires étrangères, cheikh Salem Abdullah Al-Jaber Al-Sabah, a reçu lundi "
     "son homologue marocain.", "2023-05-10", "ministre koweïtien des Affaires étrangères",
     "Salem Abdullah Al-Jaber Al-Sabah"),
    # a name after a comma that closes a clause is no apposition: the title keeps its holder
    ("Lors du déplacement du chef de la diplomatie marocaine aux Etats-Unis en avril 2018, John Bolton "
     "n'avait pas encore pris ses fonctions.", None, "chef de la diplomatie marocaine", "Nasser Bourita"),
])
def test_a_name_in_apposition_overrides_the_holder_of_the_day(nlp, text, pub_date, title_text, holder):
    assert titles(nlp, text, pub_date)[title_text] == holder


def test_home_title_takes_up_the_minister_the_article_introduced_of_another_state(nlp):
    text = ("Le ministre des Affaires étrangères et de la Communauté nationale à l'étranger, M. Ahmed Attaf, "
            "s'est rendu lundi à Tunis. En marge de sa visite, le ministre des Affaires étrangères a reçu "
            "l'envoyé américain pour la Libye.")
    doc = nlp(diplo_ner.pipeline.make_doc(nlp, text, "2023-05-10"))
    assert [t._.canonical for t in doc.spans["titles"] if t.text == "ministre des Affaires étrangères"] == [
        "Ahmed Attaf", "Ahmed Attaf"]


def test_home_title_alone_is_the_home_minister_of_the_day(nlp):
    text = "Le ministre des Affaires étrangères a reçu lundi l'envoyé américain pour la Libye."
    assert titles(nlp, text, "2023-05-10")["ministre des Affaires étrangères"] == "Nasser Bourita"


def test_an_adjective_after_a_noun_is_no_title(nlp):
    text = "Le président Emmanuel Macron a salué le choix souverain du peuple sénégalais."
    assert "souverain" not in titles(nlp, text, "2024-03-30")


def test_a_title_with_a_state_takes_up_the_one_official_a_stateless_title_introduced(nlp):
    text = ("A l'invitation du président mauritanien Mohamed Ould Ghazouani, le chef de l'Etat, Faure Essozimna "
            "Gnassingbé, s'est rendu lundi à Nouakchott. A l'issue de la visite du chef de l'Etat togolais, "
            "un communiqué a été publié.")
    doc = nlp(diplo_ner.pipeline.make_doc(nlp, text, None))
    by_text = {t.text: t._.canonical for t in doc.spans["titles"]}
    assert by_text["chef de l'Etat togolais"] == "Faure Gnassingbé"     # as the KB spells him


def test_a_stateless_title_takes_up_the_official_a_stateless_title_named_among_other_presidents(nlp):
    text = ("Le président de la République, Abdelmadjid Tebboune, a coprésidé hier à Rome, avec Mme Giorgia "
            "Meloni, la cérémonie de signature. Dans la journée d’hier, le chef de l’État a rencontré son "
            "homologue italien Sergio Mattarella.")
    doc = nlp(diplo_ner.pipeline.make_doc(nlp, text, None))
    assert [t._.canonical for t in doc.spans["titles"] if t.text == "chef de l’État"] == ["Abdelmadjid Tebboune"]


def test_a_stateless_title_does_not_take_up_an_official_named_with_another_state(nlp):
    text = ("En marge de la conférence présidée par le président iranien, Mohammad Khatami, le président de "
            "la République s'est entretenu avec Jacques Chirac.")
    doc = nlp(diplo_ner.pipeline.make_doc(nlp, text, None))
    assert [t._.canonical for t in doc.spans["titles"] if t.text == "président"] == [None]


def test_a_name_after_a_title_the_kb_never_gave_that_role_leaves_the_holder(nlp):
    text = "Accueillie par la princesse, la conseillère et fille du président américain, Ivanka Trump, a atterri à Rabat."
    doc = nlp(diplo_ner.pipeline.make_doc(nlp, text, None))
    assert [t._.canonical for t in doc.spans["titles"] if t.text == "président américain"] == [None]
