"""Article-level readings (issue 16), on paragraphs written for the purpose (none from a gold set).

Each line of ``data/article_events.jsonl`` is a sentence or a short dispatch, with its
publication date, the capability it pins (``family``) and the interactions ANNOTATION.md §3
expects: every one expected, none other. An expected ``date`` is checked when given.
Families, each with negatives:
- ``many_party``: the states an exercise's clause names each take part (one record a pair);
- ``discourse``: who a group noun, "ce dernier", a fronted phrase or an apposition stands for;
- ``stance``: support or criticism said by qualifying a plan or of a decision to act;
- ``planned``: what is planned, awaited or in the future gives nothing; what happened does.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from test_relation_sentences import date_matches, describe, expected_keys, predicted_keys, triples_matching

DATA = Path(__file__).parent / "data" / "article_events.jsonl"
FAMILIES = {"many_party", "discourse", "planned", "stance"}
CASES = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def results(extract):
    return {c["id"]: extract(c["text"], c["pub_date"]) for c in CASES}


def test_every_family_has_ten_cases_and_negatives():
    per_family = Counter(c["family"] for c in CASES)
    negatives = Counter(c["family"] for c in CASES if not c["expected"])
    assert set(per_family) == FAMILIES
    assert all(per_family[f] >= 10 and negatives[f] >= 2 for f in FAMILIES), (per_family, negatives)
    assert len({c["id"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_article_events(results, case):
    triples = results[case["id"]].triples
    found = set().union(*(predicted_keys(t, case["expected"]) for t in triples))
    wanted = set().union(*(expected_keys(e) for e in case["expected"]))
    missing = [e for e in case["expected"] if not expected_keys(e) & found]
    spurious = [describe(t) for t in triples if not predicted_keys(t, case["expected"]) & wanted]
    wrong_dates = [(e, [t.date for t in triples_matching(e, triples)]) for e in case["expected"]
                   if e.get("date") and triples_matching(e, triples)
                   and not any(date_matches(e["date"], t.date) for t in triples_matching(e, triples))]
    assert not missing and not spurious and not wrong_dates, (
        f"{case['family']}\n  text: {case['text']}\n  missing: {missing}\n  spurious: {spurious}"
        f"\n  wrong dates: {wrong_dates}")


def test_an_interaction_told_three_times_is_one_record_with_three_mentions(extract):
    text = ("Nasser Bourita s'est entretenu avec Antony Blinken au Département d'Etat. "
            "La rencontre entre Nasser Bourita et Antony Blinken a porté sur le Sahel. "
            "Cet entretien, qui s'est déroulé jeudi, a aussi abordé la Libye.")
    meetings = [t for t in extract(text, "2023-05-16").triples if t.event_type == "MEET"]
    assert len(meetings) == 1
    record = meetings[0]
    assert [m.rule.partition(":")[0] for m in record.mentions] == [
        "verb.subject_object", "noun.between", "noun.reference"]
    assert [text[m.start:m.end].split()[0] for m in record.mentions] == ["Nasser", "La", "Cet"]
    assert record.date == "2023-05-11"          # the date only the third mention gives


def test_a_demonstrative_event_with_nothing_told_before_gives_no_record(extract):
    result = extract("Lors de cet entretien, Nasser Bourita a évoqué la situation au Sahel.", "2023-05-16")
    assert not [t for t in result.triples if t.event_type in ("MEET", "CALL")]


def test_mentions_survive_the_output_record_and_back():
    from diplo_ner.types import Mention, Triple

    mention = Mention(0, 10, 2, 5, "verb.subject_object:recevoir", "lundi")
    triple = Triple("A", "OFFICIAL", "recevoir", "MEET", "B", "OFFICIAL", None, None, None, "s", 0, 10, 0.9,
                    mentions=(mention,))
    again = Triple(**json.loads(json.dumps(triple.to_dict())))
    assert again == triple and again.mentions == (mention,)
