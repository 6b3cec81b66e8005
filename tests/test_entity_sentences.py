"""Entities on short sentences written for the purpose, in the style of news wires.

Each sentence lists every diplo_ner entity it must yield, as (label, canonical) pairs, so a
rule that finds too much fails as surely as one that finds too little. Labels and span
boundaries follow ../shared/spec/ANNOTATION.md §2. None of these sentences comes from the
seed or dev articles.
"""

from __future__ import annotations

import pytest

OFF, MIN, TRE, EXE, CTY = "OFFICIAL", "MINISTRY", "TREATY", "MIL_EXERCISE", "COUNTRY"

# Officials of the knowledge base, in the surface forms the press uses.
KB_OFFICIALS = [
    (
        "Nasser Bourita s'est entretenu lundi à Rabat avec son "
        "homologue espagnol José Manuel Albares.",
        {(OFF, "Nasser Bourita"), (OFF, "José Manuel Albares")},
    ),
    (
        "M. Blinken a salué le rôle du Maroc dans la stabilité régionale.",
        {(OFF, "Antony Blinken"), (CTY, "Maroc")},
    ),
    (
        "MM. Bourita et Lavrov ont passé en revue la coopération bilatérale.",
        {(OFF, "Nasser Bourita"), (OFF, "Sergueï Lavrov")},
    ),
    (
        "Mme Sherman a été reçue par le ministre délégué chargé de "
        "l'Administration de la défense nationale.",
        {(OFF, "Wendy Sherman")},
    ),
    (
        "SM le Roi Mohammed VI a adressé un message de félicitations au président Joe Biden.",
        {(OFF, "Mohammed VI"), (OFF, "Joe Biden")},
    ),
    (
        "NASSER BOURITA S'ENTRETIENT AVEC ANTONY BLINKEN À WASHINGTON",
        {(OFF, "Nasser Bourita"), (OFF, "Antony Blinken")},
    ),
    (
        "Le ministre Taieb Fassi-Fihri a rencontré Miguel Angel Moratinos à Madrid.",
        {(OFF, "Taïeb Fassi Fihri"), (OFF, "Miguel Ángel Moratinos")},
    ),
    (
        "Le secrétaire général Ban Ki Moon a nommé un nouvel envoyé pour le dossier.",
        {(OFF, "Ban Ki-moon")},
    ),
    (
        "Pompeo a téléphoné mardi à Bourita pour évoquer la situation régionale.",
        {(OFF, "Mike Pompeo"), (OFF, "Nasser Bourita")},
    ),
    ("Le roi Felipe VI a reçu la délégation au palais de la Zarzuela.", {(OFF, "Felipe VI")}),
    (
        "Les directeurs Christopher Asher Wray et William Burns ont témoigné devant le Sénat.",
        {(OFF, "Christopher Wray"), (OFF, "William Burns")},
    ),
]

# Officials the knowledge base does not know, recognised from a title beside or above them.
CONTEXT_OFFICIALS = [
    (
        "L'ambassadrice Hélène Dufresnoy a présenté ses lettres de créance au souverain.",
        {(OFF, "Hélène Dufresnoy")},
    ),
    (
        "Le secrétaire adjoint chargé des affaires africaines, "
        "Thomas Whitcombe, est attendu à Rabat.",
        {(OFF, "Thomas Whitcombe")},
    ),
    (
        "Leïla Benjelloun, ambassadrice et représentante permanente du Maroc auprès de l'Union "
        "africaine, a pris la parole.",
        {(OFF, "Leïla Benjelloun"), (CTY, "Maroc")},
    ),
    (
        "Selon le porte-parole du gouvernement, Mustapha Lahlimi, le texte sera adopté jeudi.",
        {(OFF, "Mustapha Lahlimi")},
    ),
    (
        "Le général américain Mark Dalton commandera les troupes engagées dans la région.",
        {(OFF, "Mark Dalton")},
    ),
    (
        "Le sénateur républicain James Hollister a appelé à renforcer l'aide militaire au Maroc.",
        {(OFF, "James Hollister"), (CTY, "Maroc")},
    ),
    (
        "Le wali de la région de Tanger, Ahmed Hajji, a accueilli la délégation à l'aéroport.",
        {(OFF, "Ahmed Hajji")},
    ),
    (
        "Il a aussi rencontré son homologue tunisien, Hatem Zribi, en marge du sommet.",
        {(OFF, "Hatem Zribi")},
    ),
    (
        "La délégation était conduite par le vice-ministre de la Défense, chargé des achats "
        "d'armement Paul Kessler.",
        {(OFF, "Paul Kessler")},
    ),
    (
        "Nadia Fettah, directrice générale de l'Agence nationale "
        "des ports (ANP), a signé le contrat.",
        {(OFF, "Nadia Fettah")},
    ),
    (
        "Le ministre de l'Industrie et du Commerce, Ryad Mezzour, s'est rendu à Washington.",
        {(OFF, "Ryad Mezzour")},
    ),
    (
        "Il a été accueilli par le wali de la région de Dakhla-Oued Eddahab, Karim Sefrioui.",
        {(OFF, "Karim Sefrioui")},
    ),
    (
        "Interrogé par la presse, Daniel Ortiz, attaché de presse à l'ambassade, n'a pas commenté.",
        {(OFF, "Daniel Ortiz")},
    ),
]

# People with no public role stay persons: no OFFICIAL.
NOT_OFFICIALS = [
    (
        "L'historien Pierre Vermeren publie un nouvel ouvrage sur le Maroc contemporain.",
        {(CTY, "Maroc")},
    ),
    ("Le président du club, Saïd Naciri, a félicité les joueurs après la victoire.", set()),
    (
        "Youssef Alami, directeur commercial chez une agence de "
        "voyages, prévoit une hausse des réservations.",
        set(),
    ),
    ("La chanteuse Vanessa Moreau a donné un concert très applaudi à Casablanca.", set()),
    ("L'athlète Sarah Mattis a remporté le 800 mètres devant un public conquis.", set()),
    ("Pour le secrétaire d'Etat, Boko Haram et d'autres groupes armés menacent la région.", set()),
    ("Le ministre a rencontré des sénateurs et des congressmen au Capitole.", set()),
]

MINISTRIES = [
    (
        "Le ministère des Affaires étrangères a convoqué l'ambassadeur d'Algérie.",
        {(MIN, "ministère des Affaires étrangères"), (CTY, "Algérie")},
    ),
    ("Le ministre des Affaires étrangères a reçu une délégation du Congrès.", set()),
    (
        "La Maison Blanche et le Pentagone ont salué cette décision.",
        {(MIN, "Maison Blanche"), (MIN, "Pentagone")},
    ),
    (
        "Un communiqué du Conseil de sécurité nationale (NSC) "
        "précise que la réunion a eu lieu à huis clos.",
        {(MIN, "Conseil de sécurité nationale")},
    ),
    (
        "La DGSN a démantelé une cellule terroriste en coordination avec le FBI.",
        {(MIN, "Direction générale de la sûreté nationale"), (MIN, "FBI")},
    ),
    (
        "Le Secrétariat d'Etat chargé du Commerce extérieur organise un forum d'affaires.",
        {(MIN, "Secrétariat d'Etat chargé du Commerce extérieur")},
    ),
    ("Le directeur de la CIA et les patrons de la DGST se sont réunis à huis clos.", set()),
    (
        "Le Département d'État a approuvé une nouvelle vente d'hélicoptères.",
        {(MIN, "Département d'Etat")},
    ),
    (
        "La Direction générale des impôts a lancé une plateforme de déclaration en ligne.",
        {(MIN, "Direction générale des impôts")},
    ),
    (
        "Le ministère de l'Economie et des Finances a publié sa note de conjoncture.",
        {(MIN, "ministère de l'Economie et des Finances")},
    ),
    (
        "Il a été reçu par le coordinateur régional au sein du Conseil de sécurité nationale.",
        {(MIN, "Conseil de sécurité nationale")},
    ),
]

TREATIES = [
    (
        "Rabat et Washington ont signé un accord de coopération militaire.",
        {(TRE, "Accord de coopération militaire"), (CTY, "Maroc"), (CTY, "Etats-Unis")},
    ),
    (
        "Le Traité d'amitié et de bon voisinage a été ratifié par le Parlement.",
        {(TRE, "Traité d'amitié et de bon voisinage")},
    ),
    (
        "Les deux ministres ont paraphé un Mémorandum d'entente dans le domaine de l'énergie.",
        {(TRE, "Mémorandum d'entente")},
    ),
    (
        "La Déclaration conjointe adoptée à l'issue de la session réaffirme ces engagements.",
        {(TRE, "Déclaration conjointe")},
    ),
    (
        "Le Maroc a rejoint les Accords d'Abraham en décembre 2020.",
        {(CTY, "Maroc"), (TRE, "Accords d'Abraham")},
    ),
    (
        "L'Accord de libre-échange entre le Maroc et les Etats-Unis est entré en vigueur en 2006.",
        {(TRE, "Accord de libre-échange"), (CTY, "Maroc"), (CTY, "Etats-Unis")},
    ),
    (
        "Le Protocole additionnel a été signé en présence des deux délégations.",
        {(TRE, "Protocole additionnel")},
    ),
    (
        "La proclamation présidentielle reconnaît la souveraineté du Maroc sur son Sahara.",
        {(TRE, "Proclamation présidentielle"), (CTY, "Maroc")},
    ),
    (
        "Le second Compact financera des projets d'éducation et de foncier rural.",
        {(TRE, "Compact II")},
    ),
    ("Un accord a finalement été trouvé et les parties sont d'accord sur le calendrier.", set()),
]

EXERCISES = [
    (
        "Les FAR participent à l'exercice AFRICAN LION 2025 aux côtés des forces américaines.",
        {(EXE, "African Lion")},
    ),
    (
        "Une frégate marocaine a pris part à Phoenix Express 2023 en Méditerranée.",
        {(EXE, "Phoenix Express")},
    ),
    ("L'exercice naval Chebec 24 s'est achevé jeudi au large de Tanger.", {(EXE, "Chebec")}),
    (
        "Les manœuvres « Sahara Shield » ont mobilisé des unités de trois armées.",
        {(EXE, "Sahara Shield")},
    ),
    (
        "L'opération Desert Thunder a mobilisé des forces aériennes et navales.",
        {(EXE, "Desert Thunder")},
    ),
    ("L'opération Marhaba a permis le retour de milliers de voyageurs cet été.", set()),
    ("Le conseil a approuvé les comptes de l'exercice 2024 lors de sa session.", set()),
    ("Des exercices conjoints avec la Tunisie sont prévus en automne.", {(CTY, "Tunisie")}),
    ("Les exercices « Atlas Guard 2023 » se sont achevés sans incident.", {(EXE, "Atlas Guard")}),
]

COUNTRIES = [
    (
        "Les USA et le Canada ont publié une déclaration commune.",
        {(CTY, "Etats-Unis"), (CTY, "Canada")},
    ),
    (   # a capital whose stance or decision is told acts as its state
        "La décision de Madrid de soutenir le plan d'autonomie a surpris les observateurs.",
        {(CTY, "Espagne")},
    ),
    ("Le climat de Madrid est plus doux que celui de Berlin en hiver.", set()),
    (
        "Les relations entre le Royaume et les US se sont nettement renforcées.",
        {(CTY, "Maroc"), (CTY, "Etats-Unis")},
    ),
    (
        "Le Royaume-Uni et le Royaume d'Espagne ont soutenu la résolution.",
        {(CTY, "Royaume-Uni"), (CTY, "Espagne")},
    ),
    (
        "Rabat et Washington ont exprimé leur satisfaction après la réunion.",
        {(CTY, "Maroc"), (CTY, "Etats-Unis")},
    ),
    ("Paris a condamné l'attaque dans un communiqué publié dimanche.", {(CTY, "France")}),
    ("Le ministre s'est ensuite rendu à Paris puis à Madrid et Lisbonne.", set()),
    ("La stabilité du Sahel et du Moyen-Orient était au menu des discussions.", set()),
    (
        "Le Mali, le Niger et le Burkina Faso ont quitté la Cédéao.",
        {(CTY, "Mali"), (CTY, "Niger"), (CTY, "Burkina Faso")},
    ),
    ("Le Secrétaire d'Etat Adjoint aux Affaires Politiques est arrivé hier soir.", set()),
    (
        "Le porte-parole a souhaité que Washington « joue un rôle actif » dans ce dossier.",
        {(CTY, "Etats-Unis")},
    ),
    (
        "En 1966, le souverain avait visité l'Union soviétique puis la Yougoslavie.",
        {(CTY, "Union soviétique"), (CTY, "Yougoslavie")},
    ),
    ("Dakar accueille cette semaine le forum africain de la sécurité.", set()),
    (
        "Moscou a condamné la décision, tandis que Pékin a appelé au calme.",
        {(CTY, "Russie"), (CTY, "Chine")},
    ),
]

ALL = (
    KB_OFFICIALS + CONTEXT_OFFICIALS + NOT_OFFICIALS + MINISTRIES + TREATIES + EXERCISES + COUNTRIES
)


def entity_set(result) -> set[tuple[str, str]]:
    return {(e.label, e.canonical) for e in result.entities}


@pytest.mark.parametrize(("text", "expected"), ALL, ids=[t[:40] for t, _ in ALL])
def test_sentence_yields_exactly_its_entities(extract, text, expected):
    assert entity_set(extract(text)) == expected


def test_official_span_leaves_out_the_title(extract):
    result = extract("Le roi Felipe VI et SM le Roi Mohammed VI ont présidé la cérémonie.")
    assert sorted(e.text for e in result.entities) == ["Felipe VI", "Mohammed VI"]


def test_exercise_span_keeps_its_year(extract):
    result = extract("Plus de 5000 militaires sont engagés dans Epic Guardian 2024.")
    assert [(e.text, e.canonical) for e in result.entities] == [
        ("Epic Guardian 2024", "Epic Guardian")
    ]
