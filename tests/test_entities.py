"""Entity rulers on sentences written for the purpose, in the style of news wires."""

from __future__ import annotations

import json

import pytest

from diplo_ner.components.entities import make_entity_ruler


def ents(result, label):
    return {e.canonical for e in result.entities if e.label == label}


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        (
            "Les Etats Unis d'Amérique et le Royaume du Maroc "
            "entretiennent des relations anciennes.",
            "COUNTRY",
            {"Etats-Unis", "Maroc"},
        ),
        (
            "Le Canada et l'Allemagne ont publié un communiqué sur la Libye.",
            "COUNTRY",
            {"Canada", "Allemagne", "Libye"},
        ),
        (
            "Washington et Rabat ont renforcé leur coordination sécuritaire.",
            "COUNTRY",
            {"Etats-Unis", "Maroc"},
        ),
        (
            "La délégation a passé trois jours à Washington pour des réunions techniques.",
            "COUNTRY",
            set(),
        ),
        (
            "Les pays du Sahel et de l'Afrique du Nord font face à de nouvelles menaces.",
            "COUNTRY",
            set(),
        ),
        (
            "Le Royaume a accueilli plusieurs délégations africaines cette année.",
            "COUNTRY",
            {"Maroc"},
        ),
        (
            "Le Pentagone a confirmé l'envoi de formateurs, selon le Département d'État.",
            "MINISTRY",
            {"Pentagone", "Département d'Etat"},
        ),
        (
            "Le ministère de l'Intérieur a publié un communiqué lundi.",
            "MINISTRY",
            {"ministère de l'Intérieur"},
        ),
        ("Le porte-parole du Département d'Etat a répondu aux journalistes.", "MINISTRY", set()),
        (
            "Les deux pays ont signé un Mémorandum d'entente sur la cybersécurité.",
            "TREATY",
            {"Mémorandum d'entente"},
        ),
        ("L'ALE est entré en vigueur il y a vingt ans.", "TREATY", {"Accord de libre-échange"}),
        (
            "Les forces armées ont lancé l'exercice « Atlas Shield » au large d'Agadir.",
            "MIL_EXERCISE",
            {"Atlas Shield"},
        ),
        (
            "Plus de 7000 soldats prennent part à African Lion 2024 dans le sud du pays.",
            "MIL_EXERCISE",
            {"African Lion"},
        ),
        (
            "Les marines ont conclu les manœuvres FLINTOCK près de la frontière.",
            "MIL_EXERCISE",
            {"Flintock"},
        ),
        (
            "L'ambassadeur Karim Benali a présenté ses lettres de créance.",
            "OFFICIAL",
            {"Karim Benali"},
        ),
        (
            "Devant le Conseil, Sofia Marchetti, ambassadrice et "
            "représentante permanente, a pris la parole.",
            "OFFICIAL",
            {"Sofia Marchetti"},
        ),
        ("Le coureur Youssef Alami a remporté le marathon de Rabat dimanche.", "OFFICIAL", set()),
        (
            "La République du Congo et la République démocratique du Congo ont rouvert leur frontière ; "
            "le Congo a salué la RDC.",
            "COUNTRY",
            {"Congo", "République démocratique du Congo"},
        ),
    ],
)
def test_entity_rules(extract, text, label, expected):
    assert ents(extract(text), label) == expected


def test_country_names_inside_titles_still_count(extract):
    result = extract("L'ambassadeur des États-Unis a été reçu au siège du ministère.")
    assert "Etats-Unis" in ents(result, "COUNTRY")


def test_user_exercise_file_adds_a_name(nlp, tmp_path):
    extra = tmp_path / "exercises.txt"
    extra.write_text("# my exercises\nDesert Falcon\n", encoding="utf-8")
    doc = nlp("Les deux armées ont participé à Desert Falcon en mai.")
    assert "MIL_EXERCISE" not in {e.label_ for e in doc.ents}
    custom = make_entity_ruler(nlp, "custom", {"exercises.txt": [str(extra)]}, [], [])
    found = {(e.text, e._.canonical) for e in custom(doc).ents if e.label_ == "MIL_EXERCISE"}
    assert found == {("Desert Falcon", "Desert Falcon")}


def test_user_pattern_file_line_adds_an_exercise(nlp, tmp_path):
    extra = tmp_path / "my_patterns.jsonl"
    words = ["bouclier", "du", "désert"]
    line = {"label": "MIL_EXERCISE", "pattern": [{"LOWER": w} for w in words]}
    extra.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    doc = nlp("Près de 2000 soldats prennent part à Bouclier du Désert cette semaine.")
    assert "MIL_EXERCISE" not in {e.label_ for e in doc.ents}
    custom = make_entity_ruler(nlp, "custom", {}, [], [str(extra)])
    found = {(e.text, e._.canonical) for e in custom(doc).ents if e.label_ == "MIL_EXERCISE"}
    assert found == {("Bouclier du Désert", "Bouclier du Désert")}


def test_user_officials_file_adds_a_name(nlp, tmp_path):
    extra = tmp_path / "officials.jsonl"
    record = {
        "id": "karim-zeroual",
        "canonical": "Karim Zeroual",
        "aliases": ["Zeroual"],
        "country": "MA",
        "offices": [],
    }
    extra.write_text(json.dumps(record) + "\n", encoding="utf-8")
    doc = nlp("Zeroual a rencontré des étudiants lundi.")
    assert "OFFICIAL" not in {e.label_ for e in doc.ents}
    custom = make_entity_ruler(nlp, "custom", {}, [str(extra)], [])
    found = {(e.text, e._.canonical, e.kb_id_) for e in custom(doc).ents if e.label_ == "OFFICIAL"}
    assert found == {("Zeroual", "Karim Zeroual", "karim-zeroual")}


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Le congressman Gregory Meeks a salué la Jordanie.", "Gregory Meeks", "US"),
        ("Le contrat a été signé par Kwame Mensah, directeur de la Société nationale ghanéenne "
         "des pétroles, à Accra.", "Kwame Mensah", "GH"),
        ("Le député Jean Dupont a salué la Jordanie.", "Jean Dupont", None),
    ],
)
def test_official_unknown_to_the_kb_takes_the_country_of_his_title(extract, text, name, country):
    (official,) = [e for e in extract(text).entities if e.canonical == name]
    assert official.country == country


@pytest.mark.parametrize(("words", "spaces", "tagged", "expected"), [
    (["Meir", "Ben", "-", "Shabbat", ",", "conseiller"], [True, False, False, False, True, False], 2,
     "Meir Ben-Shabbat"),
    (["Ould", "Cheikh", "-", "Ahmed", "a", "parlé"], [True, False, False, True, True, False], 2, "Ould Cheikh-Ahmed"),
    (["Meir", "Ben", "-", "le", "conseiller"], [True, False, False, True, False], 2, "Meir Ben"),   # no name after
    (["Meir", "Ben", "-", "Shabbat"], [True, True, True, False], 2, "Meir Ben"),         # a dash between words
])
def test_a_name_split_at_its_hyphen_is_extended_over_it(words, spaces, tagged, expected):
    import spacy
    from spacy.tokens import Doc, Span

    from diplo_ner.components.entities import _extended_name
    doc = Doc(spacy.blank("fr").vocab, words=words, spaces=spaces)
    assert _extended_name(Span(doc, 0, tagged, label="PER")).text == expected


@pytest.mark.parametrize(("text", "officials"), [
    ("Le ministre algérien des Affaires étrangères, M.Ahmed Attaf, a reçu mardi l'ambassadrice "
     "des Etats-Unis, Mme.Elizabeth Moore Aubin.", {"Ahmed Attaf", "Elizabeth Moore Aubin"}),
    ("MM.Bourita et Blinken se sont entretenus lundi à Washington.", {"Nasser Bourita", "Antony Blinken"}),
])
def test_honorific_glued_to_the_name_still_opens_an_official(extract, text, officials):
    found = {e.canonical for e in extract(text, "2023-05-10").entities if e.label == "OFFICIAL"}
    assert officials <= found


def test_initials_are_not_taken_for_a_glued_honorific(nlp):
    assert "M.A.E." in [t.text for t in nlp.make_doc("Le M.A.E. a publié un communiqué.")]


def test_leading_words_of_a_long_name_repeat_that_official(extract):
    text = ("Le prince héritier d'Abou Dhabi, Mohammed Ben Zayed Al Nahyane, a reçu le ministre. "
            "Mohammed Ben Zayed a ensuite salué le rôle de la Jordanie.")
    mentions = [e for e in extract(text, "2021-05-10").entities if e.label == "OFFICIAL"]
    assert [e.text for e in mentions] == ["Mohammed Ben Zayed Al Nahyane", "Mohammed Ben Zayed"]
    assert {e.canonical for e in mentions} == {"Mohammed ben Zayed Al Nahyane"}


def test_leading_words_followed_by_another_name_are_not_a_repeat(extract):
    text = ("Le prince héritier d'Abou Dhabi, Mohammed Ben Zayed Al Nahyane, a reçu le ministre. "
            "Mohammed Ben Salmane a ensuite salué le rôle de la Jordanie.")
    assert "Mohammed Ben" not in [e.text for e in extract(text, "2021-05-10").entities]


def test_a_place_named_after_a_king_is_no_party(extract):
    text = "Le ministre Yoav Gallant a déposé une couronne au mausolée Mohammed V, qui accueille la sépulture de son fils Hassan II."
    assert not [t for t in extract(text, "2022-04-08").triples if "Mohammed V" in (t.actor, t.counterpart)]


def test_a_protocol_honorific_is_not_an_official_and_the_name_after_it_acts(extract):
    text = ("Son Excellence Monsieur Alassane Ouattara, Président de la République de Côte d'Ivoire, "
            "a appelé lundi Son Excellence Monsieur Nana Akufo-Addo, Président de la République du Ghana.")
    result = extract(text, None)
    officials = {e.text for e in result.entities if e.label == "OFFICIAL"}
    assert officials == {"Alassane Ouattara", "Nana Akufo-Addo"}
    assert [(t.actor, t.event_type, t.counterpart) for t in result.triples] == [
        ("Alassane Ouattara", "CALL", "Nana Akufo-Addo")]


def test_a_republic_in_a_title_is_no_name(extract):
    text = "Le Président de la République du Bénin a reçu le ministre."
    assert not [e for e in extract(text, None).entities if e.label == "OFFICIAL"]


@pytest.mark.parametrize("text", [
    "Tamim Bin Hamad Al Thani a reçu lundi le ministre.",
    "Son Altesse l'Émir Cheikh Tamim ben Hamad Al Thani a reçu lundi le ministre.",
    "Abdel Fattah Al-Sissi a reçu lundi le ministre.",
    "Mohamed Khatami a reçu lundi le ministre.",
])
def test_name_particles_given_name_spellings_and_ranks_do_not_hide_a_known_official(extract, text):
    officials = [e for e in extract(text, "2023-05-10").entities if e.label == "OFFICIAL"]
    assert [e.kb_id for e in officials] in (["tamim-ben-hamad-al-thani"], ["abdel-fattah-al-sissi"], ["mohammad-khatami"])
    assert len(officials[0].text.split()) >= 2         # the whole name, not its surname alone
