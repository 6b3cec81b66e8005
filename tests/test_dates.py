"""French dates: expressions × publication dates → ISO values (ANNOTATION.md §3).

Pure-function tables first (no model), then the tense of the governing verb and the
component with the session pipeline. Every sentence here is written for the test.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
from pathlib import Path

import pytest
import spacy

from diplo_ner import dates
from diplo_ner.dates import detect_pub_date, find_dates, resolve_weekday

DATA = Path(__file__).parent / "data"
PACKAGE = Path(dates.__file__).parent

THU = dt.date(2021, 11, 25)    # a Thursday
MON = dt.date(2023, 3, 20)     # a Monday
JAN = dt.date(2022, 1, 5)      # a Wednesday early in a year
SAT = dt.date(2020, 10, 3)     # a Saturday

# (text, publication date, the values of the expressions found, in order)
EXPRESSIONS = [
    # absolute days
    ("Le traité a été signé le 22 décembre 2020 à Rabat.", THU, ["2020-12-22"]),
    ("Accord conclu le 22/12/2020.", THU, ["2020-12-22"]),
    ("Accord conclu le 22.12.2020.", None, ["2020-12-22"]),
    ("Accord conclu le 22 - 12 - 2020.", None, ["2020-12-22"]),
    ("La note datée du 2021-11-22 circule.", None, ["2021-11-22"]),
    ("Le dialogue a repris le 1er mars.", THU, ["2021-03-01"]),
    ("Le dialogue a repris le 1er mars 2019.", THU, ["2019-03-01"]),
    ("Il est arrivé le 3 nov. 2021 au soir.", THU, ["2021-11-03"]),
    ("Il est arrivé le 3 févr. 2021.", THU, ["2021-02-03"]),
    ("Il a été reçu le 14 aout 2019.", THU, ["2019-08-14"]),
    ("La réunion du 31 février 2021 n'a jamais eu lieu.", THU, [None]),
    ("Le 12 octobre, le ministre a reçu l'envoyé.", THU, ["2021-10-12"]),
    ("Le 20 décembre, les deux pays ont signé un accord.", JAN, ["2021-12-20"]),
    ("Le 20 décembre, les deux pays ont signé un accord.", None, [None]),
    ("Le 12 courant, l'envoyé a été reçu à Rabat.", THU, ["2021-11-12"]),
    ("L'envoyé a été reçu le 9 du mois courant.", THU, ["2021-11-09"]),
    ("Le 3 mars dernier, il a rencontré le ministre.", THU, ["2021-03-03"]),
    ("Le 28 novembre dernier, il a rencontré le ministre.", THU, ["2020-11-28"]),
    ("Le ministre viendra le 10 janvier prochain.", THU, ["2022-01-10"]),
    ("La commission se réunit le 30 novembre courant.", THU, ["2021-11-30"]),
    # weekday with a date: the year is the one that fits, from the publication date
    ("Le roi a reçu ce lundi 20 mars l'ambassadeur.", MON, ["2023-03-20"]),
    ("Le roi a reçu lundi 20 mars l'ambassadeur.", dt.date(2023, 3, 24), ["2023-03-20"]),
    ("Ce jeudi 7 mars, il a présenté ses lettres.", dt.date(2024, 3, 8), ["2024-03-07"]),
    ("Le mardi 30 décembre, la délégation est arrivée.", dt.date(2026, 1, 2), ["2025-12-30"]),
    ("Les entretiens ont eu lieu mardi 23.", THU, ["2021-11-23"]),
    ("Les entretiens se tiendront mardi 30.", THU, ["2021-11-30"]),
    ("Samedi, 2 octobre 2021, la flotte a appareillé.", THU, ["2021-10-02"]),
    # months and years
    ("Le mémorandum a été signé en mars 2022.", THU, ["2022-03"]),
    ("Il a pris ses fonctions en septembre 2021.", THU, ["2021-09"]),
    ("La base est opérationnelle depuis octobre 2013.", THU, ["2013-10"]),
    ("Le Maroc a reconnu l'indépendance américaine en 1777.", THU, ["1777"]),
    ("Les deux pays ont signé un accord de libre-échange en 2004.", THU, ["2004"]),
    ("Le programme tourne depuis 2015.", THU, ["2015"]),
    ("Le nouvel ambassadeur arrivera début 2022.", THU, ["2022"]),
    ("Il s'est rendu à Washington en mars.", THU, ["2021-03"]),
    ("Il s'est rendu à Washington en décembre.", JAN, ["2021-12"]),
    ("Il s'est rendu à Washington au mois d'avril.", THU, ["2021-04"]),
    ("La tournée a eu lieu fin octobre.", THU, ["2021-10"]),
    ("L'exercice a commencé mi-juin.", THU, ["2021-06"]),
    ("Il a été nommé en novembre dernier.", THU, ["2020-11"]),
    ("Il a été nommé en avril dernier.", THU, ["2021-04"]),
    ("Les manœuvres auront lieu en mai prochain.", THU, ["2022-05"]),
    ("Les manœuvres ont eu lieu en novembre courant.", THU, ["2021-11"]),
    ("Il a été nommé en mars.", None, [None]),
    # deictics
    ("Le ministre a reçu hier son homologue.", THU, ["2021-11-24"]),
    ("Le ministre a reçu avant-hier son homologue.", THU, ["2021-11-23"]),
    ("Le ministre reçoit aujourd'hui son homologue.", THU, ["2021-11-25"]),
    ("Le ministre reçoit aujourd’hui son homologue.", THU, ["2021-11-25"]),
    ("Le ministre recevra demain son homologue.", THU, ["2021-11-26"]),
    ("Le ministre a reçu ce matin son homologue.", THU, ["2021-11-25"]),
    ("Il y a deux jours, les ministres se sont parlé.", THU, ["2021-11-23"]),
    ("Il y a 12 jours, les ministres se sont parlé.", THU, ["2021-11-13"]),
    ("Il y a quelques jours, les ministres se sont parlé.", THU, []),
    ("La délégation est venue la semaine dernière.", THU, ["2021-11-15/2021-11-21"]),
    ("La délégation viendra la semaine prochaine.", THU, ["2021-11-29/2021-12-05"]),
    ("La délégation est venue le mois dernier.", THU, ["2021-10"]),
    ("La délégation est venue le mois dernier.", JAN, ["2021-12"]),
    ("La délégation viendra le mois prochain.", dt.date(2021, 12, 10), ["2022-01"]),
    ("L'accord a été signé l'année dernière.", THU, ["2020"]),
    ("L’an dernier, les échanges ont doublé.", THU, ["2020"]),
    ("L'an passé, les échanges ont doublé.", JAN, ["2021"]),
    ("La délégation est venue la semaine passée.", THU, ["2021-11-15/2021-11-21"]),
    ("La délégation est venue cette semaine.", THU, ["2021-11-22/2021-11-28"]),
    ("Le ministre a été reçu ce soir.", THU, ["2021-11-25"]),
    ("Les échanges ont doublé cette année.", THU, ["2021"]),
    ("Le ministre a reçu hier son homologue.", None, [None]),
    # la veille, le lendemain: the day before/after the date mentioned before them
    ("Le 20 novembre, il a été reçu. La veille, il avait vu le roi.", THU,
     ["2021-11-20", "2021-11-19"]),
    ("Il est arrivé le 8 mars 2022. Le lendemain, il a rencontré le ministre.", THU,
     ["2022-03-08", "2022-03-09"]),
    ("Du 18 au 20 mai 2021, il a visité Rabat. Le lendemain, il est parti.", THU,
     ["2021-05-18/2021-05-20", "2021-05-21"]),
    ("La veille, il avait rencontré le ministre.", THU, [None]),
    # ce jour-là, le même jour: the date mentioned before them
    ("Tout a commencé le 10 décembre 2020. Ce jour-là, le président a appelé le roi.", THU,
     ["2020-12-10", "2020-12-10"]),
    ("Du 18 au 20 mai 2021, il a visité Rabat. Le même jour, il a vu le ministre.", THU,
     ["2021-05-18/2021-05-20", "2021-05-18"]),
    ("Ce jour-là, il a rencontré le ministre.", THU, [None]),
    ("À la veille de sa visite, il a appelé le ministre.", THU, []),
    ("Au lendemain de l'élection, il a appelé le président.", THU, []),
    # ranges
    ("Il a séjourné à Washington du 18 au 23 novembre courant.", THU, ["2021-11-18/2021-11-23"]),
    ("Il a séjourné à Washington du 18 au 23 courant.", THU, ["2021-11-18/2021-11-23"]),
    ("Il avait effectué, les 28 et 29 mars 2022, une visite.", THU, ["2022-03-28/2022-03-29"]),
    ("La session s'est tenue entre le 3 et le 5 mai.", THU, ["2021-05-03/2021-05-05"]),
    ("Les manœuvres se sont déroulées du 28 février au 2 mars 2022.", THU,
     ["2022-02-28/2022-03-02"]),
    ("Les manœuvres se sont déroulées du 28 décembre au 3 janvier.", JAN,
     ["2021-12-28/2022-01-03"]),
    ("La visite aura lieu du lundi 15 au mercredi 17 novembre.", THU, ["2021-11-15/2021-11-17"]),
    ("Les consultations ont eu lieu les 3, 4 et 5 mai 2021.", THU, ["2021-05-03/2021-05-05"]),
    ("Les consultations ont eu lieu du 12 au 10 mai 2021.", THU, [None]),
    ("De 2011 à 2016, les deux pays ont multiplié les rencontres.", THU, ["2011/2016"]),
    ("Il a dirigé la mission entre 2009 et 2017.", THU, ["2009/2017"]),
    # weekdays without a parse: past by default, "ce lundi" the week of publication
    ("Le ministre a reçu vendredi son homologue.", THU, ["2021-11-19"]),
    ("Le ministre a reçu jeudi son homologue.", THU, ["2021-11-25"]),
    ("Le ministre a été reçu ce lundi.", MON, ["2023-03-20"]),
    ("Le ministre a été reçu ce mardi.", THU, ["2021-11-23"]),
    ("Le ministre a reçu lundi dernier son homologue.", MON, ["2023-03-13"]),
    ("Le ministre recevra jeudi prochain son homologue.", THU, ["2021-12-02"]),
    ("Le ministre a reçu vendredi son homologue.", None, [None]),
    # times of day are dropped
    ("Le ministre a été reçu lundi après-midi.", MON, ["2023-03-20"]),
    ("Le ministre a été reçu mardi soir à 22h00.", THU, ["2021-11-23"]),
    ("Les entretiens ont commencé le 22 novembre 2021 à 10h15.", THU, ["2021-11-22"]),
    ("La réunion a débuté à 22h00 et fini à 23h30.", THU, []),
    # not dates
    ("La directrice du renseignement, Avril Haines, a appelé le ministre.", THU, []),
    ("Avril Haines a appelé le ministre.", THU, []),
    ("Une sonde doit se poser sur Mars.", THU, []),
    ("La société Mars Petroleum investit au Maroc.", THU, []),
    ("Il a salué sa visite et son engagement.", THU, []),
    ("Le 1er ministre a reçu le 2e vice-président.", THU, []),
    ("Quelque 2 000 soldats et 20 navires participent.", THU, []),
    ("L'exercice Chebec 25 réunit 300 marins.", THU, []),
    ("En sept ans, les échanges ont triplé.", THU, []),
    ("Les 28 et 29 membres du comité ont voté.", THU, []),
    ("La Journée du 20 août est célébrée au Maroc.", THU, []),
    ("Les attentats du 11 septembre ont changé la coopération.", THU, []),
    ("Le plan Vision 2030 a été présenté.", THU, []),
    ("Il vit au 22 rue de Rabat.", THU, []),
]


@pytest.mark.parametrize(("text", "pub", "expected"), EXPRESSIONS)
def test_expression_resolves_against_publication_date(text, pub, expected):
    assert [m.value for m in find_dates(text, pub)] == expected


def test_table_covers_at_least_eighty_expressions():
    assert len(EXPRESSIONS) >= 80


@pytest.mark.parametrize(("text", "span"), [
    ("Il a été reçu ce lundi après-midi par le roi.", "ce lundi"),
    ("Il a été reçu le 22 novembre 2021 à 10h15.", "22 novembre 2021"),
    ("Il a séjourné à Washington du 18 au 23 novembre courant.", "du 18 au 23 novembre courant"),
])
def test_date_text_is_the_expression_without_time_of_day(text, span):
    assert [m.text for m in find_dates(text, THU)] == [span]


# (weekday 0=Monday, publication date, direction, expected)
WEEKDAYS = [
    (4, THU, "past", "2021-11-19"),
    (3, THU, "past", "2021-11-25"),
    (0, THU, "future", "2021-11-29"),
    (3, THU, "future", "2021-11-25"),
    (3, THU, "last", "2021-11-18"),
    (3, THU, "next", "2021-12-02"),
    (1, THU, "nearest", "2021-11-23"),
    (5, THU, "nearest", "2021-11-27"),
    (0, SAT, "this_week", "2020-09-28"),
    (6, SAT, "this_week", "2020-10-04"),
    (2, None, "past", None),
]


@pytest.mark.parametrize(("weekday", "pub", "direction", "expected"), WEEKDAYS)
def test_resolve_weekday(weekday, pub, direction, expected):
    assert resolve_weekday(weekday, pub, direction) == expected


# -- publication dates printed in pages -----------------------------------------------------
PAGES = [
    ("Titre de l'article\nPublié dans La Gazette le 25 - 11 - 2021\nLe ministre a reçu…",
     "2021-11-25", "Publié dans La Gazette le 25 - 11 - 2021"),
    ("Bourita à Washington\n\n22 novembre 2021 - 22h00 - Maroc - Ecrit par : X\n\nLe texte.",
     "2021-11-22", "22 novembre 2021 - 22h00"),
    ("Un titre\nPublié le 04/10/2020 à 10h15\nLe ministre a reçu…", "2020-10-04",
     "Publié le 04/10/2020"),
    ("Un titre\nMis à jour le 17.10.2017 à 23h30\nUn texte.", "2017-10-17",
     "Mis à jour le 17.10.2017"),
    ("Un titre\nPar La Rédaction | Edition N°:12 Le 13/12/2004 | Partager\nUn texte.",
     "2004-12-13", "13/12/2004"),
    ("Un titre\nLe 3 août 2016 à 08h06\nLe directeur est attendu mardi.", "2016-08-03",
     "Le 3 août 2016 à 08h06"),
    ("Un titre\nsamedi, 19 novembre, 2022 à 12:26\nPar un envoyé", "2022-11-19",
     "samedi, 19 novembre, 2022 à 12:26"),
    ("Un titre\nMercredi 22 Octobre 2025\nLe texte commence ici.", "2025-10-22",
     "Mercredi 22 Octobre 2025"),
    ("Rabat, 12 mars 2021 (MAP) - Le ministre a reçu mardi l'ambassadeur.", "2021-03-12",
     "Rabat, 12 mars 2021 (MAP)"),
    ("Rabat, 12/03/2021 (MAP) - Le ministre a reçu mardi l'ambassadeur.", "2021-03-12",
     "Rabat, 12/03/2021 (MAP)"),
    ("Rabat, 12 mars (MAP) - L'accord du 3 février 2021 a été salué.", "2021-03-12",
     "Rabat, 12 mars (MAP)"),
    ("Dakar, 4 juin 2019 (Sénégalpresse) - Le ministre a reçu l'envoyé.", "2019-06-04",
     "Dakar, 4 juin 2019 (Sénégalpresse)"),
    ("Washington, 22 nov. 2021 – Le secrétaire d'Etat a reçu son homologue.", "2021-11-22",
     "Washington, 22 nov. 2021"),
    ("Le ministre a eu un entretien ce lundi.\n\n— Un Ministre (@unministre) May 15, 2023",
     "2023-05-15", "(@unministre) May 15, 2023"),
    ("Le ministre a eu un entretien.\n\n— Un Ministre (@unministre) Nov. 3, 2021",
     "2021-11-03", "(@unministre) Nov. 3, 2021"),
    # both a header line and a later update: the header wins
    ("Un titre\nLe 17 avril 2013 à 10h58\nModifié le 18 avril 2013 à 09h00\nTexte.",
     "2013-04-17", "Le 17 avril 2013 à 10h58"),
]
NO_PUB_DATE = [
    "Le ministre a reçu le 22 novembre 2021 son homologue américain, avec lequel il a eu des "
    "entretiens sur le partenariat stratégique entre les deux pays et sur la situation régionale.",
    "Rabat, 12 mars (MAP) - Le ministre a salué le partenariat.",
    "Un titre\nBourita reçoit Blinken le 22 novembre 2021 à Rabat pour des entretiens\nTexte.",
    "Paris, Londres et Rome - trois capitales.",
    "- 20:55 Un salon de l'immobilier\n- 20:35 Deux ministres discutent\nTexte.",
]


@pytest.mark.parametrize(("page", "expected", "evidence"), PAGES)
def test_publication_date_read_in_page_with_evidence(page, expected, evidence):
    found = detect_pub_date(page)
    assert found is not None
    assert found.date.isoformat() == expected
    assert found.evidence == evidence
    assert page[found.start:found.end] == found.evidence


@pytest.mark.parametrize("page", NO_PUB_DATE)
def test_no_publication_date_from_body_sentences(page):
    assert detect_pub_date(page) is None


def _seeds() -> dict[str, tuple[str, str | None]]:
    texts = {json.loads(line)["id"]: json.loads(line)["text"]
             for line in (DATA / "seeds.input.jsonl").read_text(encoding="utf-8").splitlines()}
    gold = {json.loads(line)["id"]: json.loads(line).get("pub_date")
            for line in (DATA / "seeds.gold.jsonl").read_text(encoding="utf-8").splitlines()}
    return {doc_id: (texts[doc_id], gold[doc_id]) for doc_id in texts}


def test_seed_pages_give_their_printed_publication_dates():
    detected = {doc_id: (found.date.isoformat() if (found := detect_pub_date(text)) else None)
                for doc_id, (text, _) in _seeds().items()}
    expected = {doc_id: gold for doc_id, (_, gold) in _seeds().items()}
    assert detected == expected
    assert sum(1 for v in detected.values() if v) >= 3


def test_dateparser_is_only_called_in_french_then_english():
    """Any call into dateparser in the package names its languages, French then English (for
    the dates under embedded tweets), never left to detection (checked in the source)."""
    calls = 0
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {alias.asname or alias.name for node in ast.walk(tree)
                    if isinstance(node, ast.ImportFrom)
                    and (node.module or "").startswith("dateparser") for alias in node.names}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = ast.unparse(node.func)
            if name.startswith("dateparser.") or name in imported:
                languages = [k.value for k in node.keywords if k.arg == "languages"]
                assert languages, f"{path}: {name}"
                assert ast.literal_eval(languages[0]) == ["fr", "en"], f"{path}: {name}"
                calls += 1
    assert calls >= 1


# -- with the parse: the tense of the governing verb ------------------------------------------
TENSES = [
    ("Le ministre a reçu vendredi son homologue.", THU, "2021-11-19"),
    ("Le ministre a été reçu jeudi par le roi.", THU, "2021-11-25"),
    ("Le ministre avait rencontré mardi l'envoyé.", THU, "2021-11-23"),
    ("Le ministre aurait rencontré mardi l'envoyé.", THU, "2021-11-23"),
    ("Reçu mardi par le roi, l'envoyé a salué le partenariat.", THU, "2021-11-23"),
    ("Le ministre se rendra lundi à Washington.", THU, "2021-11-29"),
    ("Le ministre va rencontrer mardi son homologue.", THU, "2021-11-30"),
    ("Le ministre doit se rendre mardi à Rabat.", THU, "2021-11-30"),
    ("Le ministre rencontrerait mardi son homologue.", THU, "2021-11-30"),
    ("La visite prévue mardi a été reportée.", THU, "2021-11-30"),
    ("Le ministre reçoit mardi son homologue.", THU, "2021-11-23"),
    ("Le ministre reçoit samedi son homologue.", THU, "2021-11-27"),
    ("Le directeur est attendu, ce mardi, à Washington.", dt.date(2016, 8, 3), "2016-08-02"),
    ("Le ministre se rendra le 10 janvier à Washington.", THU, "2022-01-10"),
    ("Le ministre s'est rendu le 10 janvier à Washington.", THU, "2021-01-10"),
    ("La rencontre de mardi a porté sur le Sahara.", THU, "2021-11-23"),
]


@pytest.mark.parametrize(("sentence", "pub", "expected"), TENSES)
def test_weekday_follows_tense_of_governing_verb(nlp, sentence, pub, expected):
    doc = nlp.make_doc(sentence)
    doc._.pub_date = pub
    doc = nlp(doc)
    assert [s._.date_value for s in doc.spans["dates"]] == [expected]


def test_dateparser_reads_what_the_rules_find_in_the_pipeline(nlp):
    """Only dateparser reads "il y a douze jours" (the rules know no number words) and the
    abbreviated English month of a tweet."""
    doc = nlp.make_doc("Il y a douze jours, le ministre a reçu l'envoyé américain.")
    doc._.pub_date = THU
    doc = nlp(doc)
    assert [(s.text, s._.date_value) for s in doc.spans["dates"]] == [
        ("Il y a douze jours", "2021-11-13")]
    doc = nlp("Le ministre a reçu l'envoyé hier.\n\n— Un Ministre (@unministre) Sept. 9, 2021")
    assert doc._.pub_date == dt.date(2021, 9, 9)
    assert [s._.date_value for s in doc.spans["dates"]] == ["2021-09-08"]


def test_readings_are_cached_and_numeric_dates_are_day_first():
    dates.read_date("06/12/2019")
    before = dates._read.cache_info().hits
    assert dates.read_date("06/12/2019").date == dt.date(2019, 12, 6)
    assert dates._read.cache_info().hits == before + 1


def test_caller_publication_date_wins(nlp):
    doc = nlp.make_doc("Un titre\nPublié le 04/10/2020 à 10h15\nLe ministre a reçu hier l'envoyé.")
    doc._.pub_date = dt.date(2020, 10, 6)
    doc = nlp(doc)
    assert doc._.pub_date == dt.date(2020, 10, 6)
    assert doc._.pub_date_evidence is None
    assert [s._.date_value for s in doc.spans["dates"]] == ["2020-10-05"]


def test_detected_publication_date_resolves_the_body(nlp):
    doc = nlp("Un titre\nPublié le 04/10/2020 à 10h15\nLe ministre a reçu vendredi l'envoyé.")
    assert doc._.pub_date == dt.date(2020, 10, 4)
    assert doc._.pub_date_evidence == "Publié le 04/10/2020"
    assert [(s.text, s._.date_value) for s in doc.spans["dates"]] == [("vendredi", "2020-10-02")]


def test_page_date_stamps_are_not_event_dates(nlp):
    page = ("Un titre\nLe 17 avril 2013 à 10h58\nModifié le 17 avril 2013 à 11h02\n"
            "Dakar, 17 avril (Sénégalpresse) - Le ministre a reçu mardi l'ambassadeur.")
    doc = nlp.make_doc(page)
    doc._.pub_date = dt.date(2013, 4, 17)
    doc = nlp(doc)
    assert [(s.text, s._.date_value) for s in doc.spans["dates"]] == [("mardi", "2013-04-16")]


def test_lendemain_follows_the_tense_resolved_weekday(nlp):
    doc = nlp.make_doc("Le ministre se rendra lundi à Rabat. Le lendemain, il verra le roi.")
    doc._.pub_date = THU
    doc = nlp(doc)
    assert [s._.date_value for s in doc.spans["dates"]] == ["2021-11-29", "2021-11-30"]


def test_component_round_trips_on_a_blank_pipeline(tmp_path):
    nlp = spacy.blank("fr")
    nlp.add_pipe("diplo_dates")
    nlp.to_disk(tmp_path / "pipe")
    loaded = spacy.load(tmp_path / "pipe")
    loaded.from_bytes(nlp.to_bytes())
    doc = loaded("Rabat, 12 mars 2021 (MAP) - Il a été reçu hier.")
    assert doc._.pub_date == dt.date(2021, 3, 12)
    assert [(s.text, s._.date_value) for s in doc.spans["dates"]][-1] == ("hier", "2021-03-11")


@pytest.mark.parametrize("text, tense, expected", [
    ("Ils se sont rencontrés en juin.", dates.PAST, "2022-06"),       # a past June, before May 2023
    ("Ils se sont rencontrés en avril.", dates.PAST, "2023-04"),
    ("Il se rendra au Maroc en mars.", dates.FUTURE, "2024-03"),      # a March to come
    ("Il se rendra au Maroc en juillet.", dates.FUTURE, "2023-07"),
    ("Ils se sont rencontrés en juin dernier.", dates.PAST, "2022-06"),  # "dernier" decides, as before
    ("La visite est prévue en juin prochain.", dates.FUTURE, "2023-06"),
])
def test_a_month_without_a_year_takes_its_year_from_the_tense(text, tense, expected):
    pub = dt.date(2023, 5, 12)
    (mention,) = [m for m in find_dates(text, pub) if m.kind == "month"]
    assert dates.with_tense(mention, pub, tense).value == expected


@pytest.mark.parametrize(("text", "date"), [
    ("En octobre 2021, l'Algérie a rappelé son ambassadeur en France pour protester contre les propos "
     "du président Emmanuel Macron.", "2021-10"),
    ("Le 3 mars, le Maroc a rappelé son ambassadeur afin de protester contre la décision de l'Allemagne.",
     "2022-03-03"),
])
def test_an_infinitive_of_purpose_takes_the_main_clause_date(extract, text, date):
    (triple,) = extract(text, "2022-05-10").triples
    assert triple.event_type == "CRITICIZE" and triple.date == date


def test_a_relative_clause_keeps_its_own_time(extract):
    text = ("En octobre 2021, l'Algérie a rappelé son ambassadeur, qui avait critiqué les propos "
            "du président Emmanuel Macron.")
    assert all(t.date != "2021-10" for t in extract(text, "2022-05-10").triples)
