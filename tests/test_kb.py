"""The knowledge base on its own: who held an office on a day, user files, checks of the data."""

from __future__ import annotations

import datetime as dt
import json
import re
from itertools import pairwise

import pytest

from diplo_ner.errors import ResourceError
from diplo_ner.kb import KnowledgeBase
from diplo_ner.resources import packaged_jsonl

D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def holder_name(kb: KnowledgeBase, office: str, day: str) -> str | None:
    person = kb.holder(office, D(day))
    return person.canonical if person else None


@pytest.mark.parametrize(("office", "day", "expected"), [
    ("US.secretary_of_state", "2020-10-04", "Mike Pompeo"),
    ("US.secretary_of_state", "2021-11-22", "Antony Blinken"),
    ("US.secretary_of_state", "2025-03-10", "Marco Rubio"),
    ("MA.foreign_minister", "2021-11-22", "Nasser Bourita"),
    ("UN.secretary_general", "2010-06-01", "Ban Ki-moon"),
    ("MA.king", "2003-05-01", "Mohammed VI"),
])
def test_holder_on_a_day(kb, office, day, expected):
    assert holder_name(kb, office, day) == expected


@pytest.mark.parametrize(("office", "day", "incoming"), [
    ("US.president", "2021-01-20", "Joe Biden"),
    ("US.president", "2025-01-20", "Donald Trump"),
    ("US.national_security_adviser", "2013-07-01", "Susan Rice"),
    ("US.secretary_of_defense", "2019-01-01", "Patrick Shanahan"),
])
def test_hand_over_day_gives_the_incoming_holder(kb, office, day, incoming):
    assert holder_name(kb, office, day) == incoming


def test_day_before_hand_over_gives_the_outgoing_holder(kb):
    assert holder_name(kb, "US.president", "2021-01-19") == "Donald Trump"


def test_vacant_office_has_no_holder(kb):
    # Pompeo left on 20 January 2021, Blinken was sworn in on the 26th
    assert holder_name(kb, "US.secretary_of_state", "2021-01-23") is None


def test_period_resolves_only_when_one_person_held_it_throughout(kb):
    whole_2022 = kb.holder_between("US.secretary_of_state", D("2022-01-01"), D("2022-12-31"))
    assert whole_2022.canonical == "Antony Blinken"
    assert kb.holder_between("US.secretary_of_state", D("2021-01-01"), D("2021-12-31")) is None


def test_ambiguous_surname_is_settled_by_the_date(kb):
    assert kb.lookup("Rice", D("2006-03-01")).canonical == "Condoleezza Rice"
    assert kb.lookup("Rice", D("2015-03-01")).canonical == "Susan Rice"
    assert kb.lookup("Rice") is None


def write_jsonl(path, *records) -> str:
    lines = "".join(json.dumps(r) + "\n" for r in records)
    path.write_text("# my officials\n" + lines, encoding="utf-8")
    return str(path)


def test_user_files_add_a_person_and_an_office(tmp_path):
    people = write_jsonl(tmp_path / "mine.jsonl", {
        "id": "amal-zerouali", "canonical": "Amal Zerouali", "aliases": ["Zerouali"],
        "country": "MA", "offices": [{"office": "MA.ambassador_to_canada", "start": "2032-02-01",
                                      "end": None, "source": "my notes"}]})
    offices = write_jsonl(tmp_path / "offices.jsonl", {
        "office": "MA.ambassador_to_canada", "country": "MA", "role": "ambassador_to_canada",
        "titles": ["ambassadrice du Maroc au Canada"]})
    kb = KnowledgeBase.load([people], [offices])
    assert kb.lookup("Zerouali").id == "amal-zerouali"
    assert holder_name(kb, "MA.ambassador_to_canada", "2032-06-30") == "Amal Zerouali"
    assert holder_name(kb, "MA.ambassador_to_canada", "2031-06-30") is None
    assert kb.user_ids == ["amal-zerouali"]


def test_user_record_with_a_known_id_replaces_the_packaged_one(tmp_path, kb):
    bourita = next(r for r in packaged_jsonl("officials.jsonl") if r["id"] == "nasser-bourita")
    corrected = {**bourita, "offices": [{"office": "MA.foreign_minister", "start": "2017-04-05",
                                         "end": "2030-01-01", "source": "my notes"}]}
    mine = KnowledgeBase.load([write_jsonl(tmp_path / "fix.jsonl", corrected)])
    assert holder_name(mine, "MA.foreign_minister", "2031-01-01") is None
    assert holder_name(mine, "MA.foreign_minister", "2020-01-01") == "Nasser Bourita"
    assert mine.lookup("Bourita").id == "nasser-bourita"


@pytest.mark.parametrize("record", [
    {"canonical": "Sans Identifiant"},
    {"id": "x", "canonical": "Date Fausse",
     "offices": [{"office": "MA.king", "start": "mars 2020"}]},
    {"id": "y", "canonical": "Sans Poste", "offices": [{"start": "2020-01-01"}]},
])
def test_malformed_user_record_raises_an_error_naming_it(tmp_path, record):
    with pytest.raises(ResourceError, match="officials"):
        KnowledgeBase.load([write_jsonl(tmp_path / "bad.jsonl", record)])


# -- the packaged data ------------------------------------------------------------------------
def test_at_least_120_people_have_every_term_checked_on_a_source(kb):
    assert len(kb.sourced_people()) >= 170


def test_every_term_names_a_known_office_and_parses(kb):
    offices = set(kb.offices)
    for person in kb.people.values():
        for term in person.terms:
            assert term.office in offices, (person.id, term.office)
            assert term.start is None or term.end is None or term.start <= term.end, person.id


def test_sources_are_urls_and_wikidata_ids_are_qids():
    for record in packaged_jsonl("officials.jsonl"):
        qid = record.get("wikidata")
        assert qid is None or re.fullmatch(r"Q\d+", qid), record["id"]
        for term in record["offices"]:
            assert term.get("source") is None or term["source"].startswith("http"), record["id"]


# several people at once, by nature (Morocco had two ministers delegate for foreign affairs in 2016)
SHARED_OFFICES = {"MA.royal_adviser", "US.senior_adviser", "MA.foreign_minister_delegate"}


def test_single_holder_offices_overlap_at_most_on_a_hand_over_day():
    """Where both dates are exact days, a term ends no later than its successor's begins
    (month or year precision leaves a window in which the linker resolves nothing)."""
    by_office: dict[str, list[dict]] = {}
    for record in packaged_jsonl("officials.jsonl"):
        for term in record["offices"]:
            by_office.setdefault(term["office"], []).append({**term, "id": record["id"]})
    for office, terms in by_office.items():
        if office in SHARED_OFFICES:
            continue
        terms.sort(key=lambda t: t["start"] or "")
        for before, after in pairwise(terms):
            assert before["end"] is not None, (office, before["id"], "in office, yet succeeded")
            if len(before["end"]) == len(after["start"] or "") == 10:
                assert before["end"] <= after["start"], (office, before["id"], after["id"])
