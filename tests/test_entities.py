"""Entity rulers on sentences written for the purpose, in the style of news wires."""

from __future__ import annotations

import pytest


def ents(result, label):
    return {e.canonical for e in result.entities if e.label == label}


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        (
            "Les Etats Unis d'Amérique et le Royaume du Maroc entretiennent des relations anciennes.",
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
            "Devant le Conseil, Sofia Marchetti, ambassadrice et représentante permanente, a pris la parole.",
            "OFFICIAL",
            {"Sofia Marchetti"},
        ),
        ("Le coureur Youssef Alami a remporté le marathon de Rabat dimanche.", "OFFICIAL", set()),
    ],
)
def test_entity_rules(extract, text, label, expected):
    assert ents(extract(text), label) == expected


def test_country_names_inside_titles_still_count(extract):
    result = extract("L'ambassadeur des États-Unis a été reçu au siège du ministère.")
    assert "Etats-Unis" in ents(result, "COUNTRY")


def test_user_exercise_file_adds_a_name(tmp_path):
    import diplo_ner

    extra = tmp_path / "exercises.txt"
    extra.write_text("# my exercises\nDesert Falcon\n", encoding="utf-8")
    text = "Les deux armées ont participé à Desert Falcon en mai."
    plain = diplo_ner.load()
    assert "Desert Falcon" not in ents(diplo_ner.extract(text, nlp=plain), "MIL_EXERCISE")
    custom = diplo_ner.load(
        config={"diplo_entities": {"user_files": {"exercises.txt": [str(extra)]}}}
    )
    assert "Desert Falcon" in ents(diplo_ner.extract(text, nlp=custom), "MIL_EXERCISE")
