"""The interaction graph: de-duplication across sources, queries and round-tripping exports.

Records are written by hand (no spaCy needed), except at the end: the seed articles
through the real pipeline.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import networkx as nx
import pytest

import diplo_ner
from diplo_ner import graph as G
from diplo_ner.types import Entity, Result, Triple

KB = {
    "Nasser Bourita": "nasser-bourita",
    "Antony Blinken": "antony-blinken",
    "Mark Esper": "mark-esper",
    "Abdellatif Loudiyi": "abdellatif-loudiyi",
}
COUNTRY_OF = {
    "Nasser Bourita": "MA",
    "Abdellatif Loudiyi": "MA",
    "Antony Blinken": "US",
    "Mark Esper": "US",
    "Maroc": "MA",
    "Etats-Unis": "US",
    "Espagne": "ES",
    "José Manuel Albares": "ES",
}
LABEL_OF = {"Maroc": "COUNTRY", "Etats-Unis": "COUNTRY", "Espagne": "COUNTRY"}


def triple(actor, counterpart, date, event_type="MEET", action="rencontrer", **extra):
    t = {
        "actor": actor,
        "actor_label": LABEL_OF.get(actor, "OFFICIAL"),
        "counterpart": counterpart,
        "counterpart_label": LABEL_OF.get(counterpart, "OFFICIAL"),
        "event_type": event_type,
        "action": action,
        "object": None,
        "date": date,
        "date_text": None,
        "sentence": f"{actor} {action} {counterpart}.",
        "start": 0,
        "end": 10,
        "confidence": 0.9,
        "rule": "test",
        "cameo": None,
        "actor_kb_id": KB.get(actor),
        "counterpart_kb_id": KB.get(counterpart),
    }
    t.update(extra)
    return t


def entity(canonical, text=None):
    return {
        "text": text or canonical,
        "label": LABEL_OF.get(canonical, "OFFICIAL"),
        "canonical": canonical,
        "start": 0,
        "end": 5,
        "kb_id": KB.get(canonical),
        "country": COUNTRY_OF.get(canonical),
    }


def record(doc_id, *triples, entities=()):
    return {"id": doc_id, "pub_date": None, "entities": list(entities), "triples": list(triples)}


def only_edge(g):
    (edge,) = g.edges(keys=True, data=True)
    return edge


# -- de-duplication ------------------------------------------------------------------------
def test_two_outlets_one_meeting_one_edge():
    le360 = record(
        "le360-1",
        triple("Nasser Bourita", "Antony Blinken", "2021-11-22"),
        entities=[entity("Nasser Bourita", "M. Bourita"), entity("Antony Blinken")],
    )
    hespress = record(
        "hespress-7",
        triple(
            "Antony Blinken",
            "Nasser Bourita",
            "2021-11-18/2021-11-23",
            action="recevoir",
            date_text="du 18 au 23 novembre",
        ),
        entities=[entity("Antony Blinken", "Blinken"), entity("Nasser Bourita")],
    )
    g = G.build_graph([le360, hespress])
    u, v, key, d = only_edge(g)
    assert (u, v) == ("antony-blinken", "nasser-bourita")  # symmetric: sorted node keys
    assert d["event_type"] == "MEET" and d["symmetric"] is True
    assert d["n_sources"] == 2 and d["date"] == "2021-11-22"
    assert [s["doc_id"] for s in d["sources"]] == ["le360-1", "hespress-7"]
    assert d["sources"][1]["date_text"] == "du 18 au 23 novembre"
    assert d["actions"] == ["recevoir", "rencontrer"] and d["event_id"] == key
    assert g.nodes["nasser-bourita"]["aliases"] == ["M. Bourita", "Nasser Bourita"]


def test_range_first_then_day_keeps_the_day():
    g = G.build_graph(
        [
            record("a", triple("Nasser Bourita", "Antony Blinken", "2021-11-18/2021-11-23")),
            record("b", triple("Nasser Bourita", "Antony Blinken", "2021-11")),
            record("c", triple("Antony Blinken", "Nasser Bourita", "2021-11-22")),
        ]
    )
    assert only_edge(g)[3]["date"] == "2021-11-22"
    assert only_edge(g)[3]["n_sources"] == 3


def test_different_dates_stay_different_events():
    g = G.build_graph(
        [
            record("a", triple("Nasser Bourita", "Antony Blinken", "2021-11-22")),
            record("b", triple("Nasser Bourita", "Antony Blinken", "2022-03-29")),
        ]
    )
    assert g.number_of_edges() == 2


def test_overlapping_ranges_that_do_not_contain_one_another_stay_apart():
    g = G.build_graph(
        [
            record("a", triple("Nasser Bourita", "Antony Blinken", "2021-11-18/2021-11-23")),
            record("b", triple("Nasser Bourita", "Antony Blinken", "2021-11-21/2021-11-26")),
        ]
    )
    assert g.number_of_edges() == 2


def test_other_type_or_direction_of_an_asymmetric_type_are_other_events():
    g = G.build_graph(
        [
            record("a", triple("Maroc", "Etats-Unis", "2021-11-22", "SUPPORT", "soutenir")),
            record("b", triple("Etats-Unis", "Maroc", "2021-11-22", "SUPPORT", "soutenir")),
            record("c", triple("Maroc", "Etats-Unis", "2021-11-22", "PRAISE", "saluer")),
        ]
    )
    assert g.number_of_edges() == 3
    assert all(d["symmetric"] is False for _, _, d in g.edges(data=True))
    assert {(u, v) for u, v, d in g.edges(data=True) if d["event_type"] == "SUPPORT"} == {
        ("Maroc", "Etats-Unis"),
        ("Etats-Unis", "Maroc"),
    }


def test_one_document_reporting_twice_is_one_source():
    doc = record(
        "a",
        triple("Nasser Bourita", "Antony Blinken", "2021-11-22"),
        triple("Antony Blinken", "Nasser Bourita", "2021-11-22", action="entretien"),
    )
    d = only_edge(G.build_graph([doc]))[3]
    assert d["n_sources"] == 1 and len(d["sources"]) == 1


def test_undated_report_merges_with_the_only_dated_event():
    g = G.build_graph([record("a", triple("Nasser Bourita", "Antony Blinken", "2021-11-22"))])
    G.build_graph(
        [
            {"id": "z", "error": "unreadable"},
            record("c", triple("Nasser Bourita", "Antony Blinken", None)),
        ],
        graph=g,
    )
    d = only_edge(g)[3]
    assert d["n_sources"] == 2 and d["date"] == "2021-11-22"


def test_undated_report_stays_apart_when_two_dated_events_exist():
    g = G.build_graph(
        [
            record("a", triple("Nasser Bourita", "Antony Blinken", "2021-11-22")),
            record("b", triple("Nasser Bourita", "Antony Blinken", "2022-03-29")),
            record("c", triple("Nasser Bourita", "Antony Blinken", None)),
            record("d", triple("Antony Blinken", "Nasser Bourita", None)),
        ]
    )
    dates = sorted((d["date"] or "", d["n_sources"]) for _, _, d in g.edges(data=True))
    assert dates == [("", 2), ("2021-11-22", 1), ("2022-03-29", 1)]


def test_first_dated_report_absorbs_a_lone_undated_event():
    g = G.build_graph(
        [
            record("a", triple("Nasser Bourita", "Antony Blinken", None)),
            record("b", triple("Nasser Bourita", "Antony Blinken", "2021-11-22")),
        ]
    )
    assert only_edge(g)[3]["date"] == "2021-11-22"


def test_results_and_minimal_records_are_accepted():
    result = Result(
        id="r1",
        pub_date=dt.date(2020, 10, 2),
        entities=(Entity("Esper", "OFFICIAL", "Mark Esper", 0, 5, "mark-esper", "US"),),
        triples=(
            Triple(
                "Mark Esper",
                "OFFICIAL",
                "signer",
                "SIGN",
                "Abdellatif Loudiyi",
                "OFFICIAL",
                "feuille de route",
                "2020-10-02",
                "vendredi",
                "…",
                0,
                9,
                0.8,
                actor_kb_id="mark-esper",
                counterpart_kb_id="abdellatif-loudiyi",
            ),
        ),
    )
    minimal = {
        "id": "m",
        "triples": [{"actor": "Maroc", "counterpart": "Etats-Unis", "event_type": "AGREE"}],
    }
    broken = {"id": "x", "triples": [{"actor": "Maroc", "event_type": "AGREE"}]}
    g = G.build_graph([result, minimal, broken])
    assert g.number_of_edges() == 2
    assert g.nodes["mark-esper"]["country"] == "US"
    assert g.nodes["mark-esper"]["aliases"] == ["Esper", "Mark Esper"]
    agree = [d for _, _, d in g.edges(data=True) if d["event_type"] == "AGREE"][0]
    assert agree["date"] is None and agree["sources"][0]["sentence"] == ""


def test_node_attributes_and_name_resolution_to_kb_nodes():
    g = G.build_graph(
        [
            record(
                "a",
                triple("Nasser Bourita", "Antony Blinken", "2021-11-22"),
                entities=[
                    entity("Nasser Bourita", "Bourita"),
                    entity("Nasser Bourita"),
                    entity("Antony Blinken"),
                ],
            ),
            # no kb id here: the name finds the node keyed by kb id
            record(
                "b",
                triple(
                    "Nasser Bourita", "Maroc", "2021-12-01", "VISIT", "visiter", actor_kb_id=None
                ),
                entities=[entity("Maroc")],
            ),
        ]
    )
    bourita = g.nodes["nasser-bourita"]
    assert bourita["mentions"] == 3 and bourita["country"] == "MA"
    assert bourita["label"] == "OFFICIAL" and bourita["kb_id"] == "nasser-bourita"
    assert g.nodes["Maroc"]["country"] == "MA" and g.nodes["Maroc"]["kb_id"] is None
    assert "Nasser Bourita" not in g


def test_node_keyed_by_name_is_adopted_when_its_kb_id_appears():
    g = G.build_graph(
        [
            record(
                "a",
                triple(
                    "Nasser Bourita",
                    "Antony Blinken",
                    "2021-11-22",
                    actor_kb_id=None,
                    counterpart_kb_id=None,
                ),
            )
        ]
    )
    assert set(g) == {"Nasser Bourita", "Antony Blinken"}
    G.build_graph([record("b", triple("Antony Blinken", "Nasser Bourita", "2021-11-22"))], graph=g)
    assert set(g) == {"nasser-bourita", "antony-blinken"}
    assert only_edge(g)[3]["n_sources"] == 2


def test_incremental_build_equals_one_pass_and_keeps_event_ids_unique():
    docs = [
        record("a", triple("Nasser Bourita", "Antony Blinken", "2021-11-22")),
        record("b", triple("Mark Esper", "Abdellatif Loudiyi", "2020-10-02", "SIGN", "signer")),
        record("c", triple("Maroc", "Etats-Unis", "2020-12-10", "AGREE", "convenir")),
        record("d", triple("Antony Blinken", "Nasser Bourita", "2021-11")),
    ]
    once = G.build_graph(docs)
    step = G.build_graph(docs[:2])
    for doc in docs[2:]:
        G.build_graph([doc], graph=step)
    assert sorted(once.edges(keys=True, data=True)) == sorted(step.edges(keys=True, data=True))
    assert dict(once.nodes(data=True)) == dict(step.nodes(data=True))
    ids = [d["event_id"] for _, _, d in step.edges(data=True)]
    assert len(ids) == len(set(ids)) == 3


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("2021-11-22", "2021-11-22", True),
        ("2021-11-22", "2021-11-18/2021-11-23", True),
        ("2021-11-22", "2021-11", True),
        ("2021-11-22", "2021", True),
        ("2021-11-18/2021-11-23", "2021-11", True),
        ("2021-11-22", "2021-11-23", False),
        ("2021-11-22", "2021-12", False),
        ("2021-11-22", None, False),
        ("not a date", "2021", False),
    ],
)
def test_compatible_dates(a, b, expected):
    assert G.compatible_dates(a, b) is expected
    assert G.compatible_dates(b, a) is expected


def test_date_bounds():
    assert G.date_bounds("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert G.date_bounds("2021") == (dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    assert G.date_bounds("2021-11-18/2021-11-23") == (dt.date(2021, 11, 18), dt.date(2021, 11, 23))
    assert G.date_bounds("2021-11-23/2021-11-18") is None
    assert G.date_bounds("") is None and G.date_bounds("2021-13") is None


# -- queries -------------------------------------------------------------------------------
@pytest.fixture()
def sample():
    return G.build_graph(
        [
            record(
                "a",
                triple("Nasser Bourita", "Antony Blinken", "2021-11-22"),
                entities=[entity("Nasser Bourita"), entity("Antony Blinken")],
            ),
            record(
                "b",
                triple("Antony Blinken", "Nasser Bourita", "2021-11-22"),
                triple("Antony Blinken", "Nasser Bourita", "2022-03-29", "VISIT", "visiter"),
                entities=[entity("Nasser Bourita"), entity("Antony Blinken", "Blinken")],
            ),
            record(
                "c",
                triple("Nasser Bourita", "Antony Blinken", "2020-12-22", "CALL", "appeler"),
                entities=[entity("Nasser Bourita"), entity("Antony Blinken")],
            ),
            record(
                "d",
                triple("Mark Esper", "Abdellatif Loudiyi", "2020-10-02", "SIGN", "signer"),
                entities=[entity("Mark Esper"), entity("Abdellatif Loudiyi")],
            ),
            record(
                "e",
                triple("Maroc", "Etats-Unis", "2020-12-10", "AGREE", "convenir"),
                triple("Nasser Bourita", "José Manuel Albares", "2022-04-07"),
                triple("Etats-Unis", "Espagne", "2022", "PRAISE", "saluer"),
                entities=[entity("Maroc"), entity("Etats-Unis"), entity("José Manuel Albares")],
            ),
        ]
    )


def test_interactions_by_name_type_and_window(sample):
    events = G.interactions(sample, "nasser bourita", "Antony Blinken")
    assert [e["date"] for e in events] == ["2020-12-22", "2021-11-22", "2022-03-29"]
    assert events[1]["actor_name"] in {"Nasser Bourita", "Antony Blinken"}
    assert [
        e["event_type"]
        for e in G.interactions(sample, "Blinken", "nasser-bourita", event_type="VISIT")
    ] == ["VISIT"]
    in_2021 = G.interactions(sample, "Nasser Bourita", "Antony Blinken", start="2021", end="2021")
    assert [e["date"] for e in in_2021] == ["2021-11-22"]
    since = G.interactions(sample, "Nasser Bourita", "Antony Blinken", start=dt.date(2021, 1, 1))
    assert len(since) == 2
    assert G.interactions(sample, "Nasser Bourita", "nobody") == []


def test_timeline_is_sorted_by_date(sample):
    events = G.timeline(sample, "Nasser Bourita")
    assert [e["date"] for e in events] == ["2020-12-22", "2021-11-22", "2022-03-29", "2022-04-07"]
    assert G.timeline(sample, "nobody") == []


def test_strongest_dyads(sample):
    top = G.strongest_dyads(sample, n=2)
    assert {top[0].a_name, top[0].b_name} == {"Nasser Bourita", "Antony Blinken"}
    assert (top[0].events, top[0].sources) == (3, 4)
    assert len(top) == 2
    assert G.strongest_dyads(sample, n=1, by="sources")[0].sources == 4


def test_ego_network(sample):
    ego = G.ego_network(sample, "Antony Blinken")
    assert set(ego) == {"antony-blinken", "nasser-bourita"}
    assert ego.number_of_edges() == 3
    wider = G.ego_network(sample, "Antony Blinken", radius=2)
    assert "José Manuel Albares" in wider
    assert G.ego_network(sample, "nobody").number_of_nodes() == 0


def test_morocco_us_dyad_includes_officials_by_country(sample):
    dyad = G.morocco_us(sample)
    types = sorted(d["event_type"] for _, _, d in dyad.edges(data=True))
    assert types == ["AGREE", "CALL", "MEET", "SIGN", "VISIT"]
    assert "José Manuel Albares" not in dyad and "Espagne" not in dyad
    by_code = G.dyad_filter(sample, "MA", "US")
    assert by_code.number_of_edges() == dyad.number_of_edges()
    us_spain = G.dyad_filter(sample, "Etats-Unis", "Espagne")
    assert [d["event_type"] for _, _, d in us_spain.edges(data=True)] == ["PRAISE"]
    assert G.dyad_filter(sample, "Maroc", "Espagne").number_of_edges() == 1


def test_summary_counts_and_escapes_html(sample):
    G.build_graph(
        [record("x", triple("<script>alert(1)</script>", "Maroc", "2021", "PRAISE"))], graph=sample
    )
    s = G.summary(sample)
    assert s.n_events == sample.number_of_edges() == 8
    assert s.events_by_type["MEET"] == 2 and s.nodes_by_label["COUNTRY"] == 3
    page = s._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "parties" in str(s)


# -- exports -------------------------------------------------------------------------------
def assert_same_graph(back, g):
    assert back.number_of_nodes() == g.number_of_nodes()
    assert back.number_of_edges() == g.number_of_edges()
    assert dict(back.nodes(data=True)) == dict(g.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True)) == sorted(g.edges(keys=True, data=True))


EXPORTS = pytest.mark.parametrize(
    ("write", "read", "name"),
    [
        (G.to_graphml, G.read_graphml, "g.graphml"),
        (G.to_gexf, G.read_gexf, "g.gexf"),
        (G.to_node_link_json, G.read_node_link_json, "g.json"),
    ],
)


@EXPORTS
def test_exports_round_trip(sample, tmp_path, write, read, name):
    write(sample, tmp_path / name)
    back = read(tmp_path / name)
    assert_same_graph(back, sample)
    assert all(isinstance(d["sources"], list) for _, _, d in back.edges(data=True))


def test_graphml_and_gexf_are_readable_by_plain_networkx(sample, tmp_path):
    G.to_graphml(sample, tmp_path / "g.graphml")
    G.to_gexf(sample, tmp_path / "g.gexf")
    plain = nx.read_graphml(tmp_path / "g.graphml")
    assert isinstance(plain.nodes["nasser-bourita"]["aliases"], str)
    gephi = nx.read_gexf(tmp_path / "g.gexf")
    assert gephi.nodes["nasser-bourita"]["label"] == "Nasser Bourita"
    assert gephi.nodes["nasser-bourita"]["diplo_label"] == "OFFICIAL"


def test_events_and_mentions_csv(sample, tmp_path):
    G.events_to_csv(sample, tmp_path / "e.csv")
    G.mentions_to_csv(sample, tmp_path / "m.csv")
    with open(tmp_path / "e.csv", encoding="utf-8", newline="") as f:
        events = list(csv.DictReader(f))
    with open(tmp_path / "m.csv", encoding="utf-8", newline="") as f:
        mentions = list(csv.DictReader(f))
    assert tuple(events[0]) == G.EVENT_COLUMNS and len(events) == sample.number_of_edges()
    meet = next(e for e in events if e["event_type"] == "MEET" and e["n_sources"] == "2")
    assert meet["source_docs"] == "a;b" and meet["date"] == "2021-11-22"
    assert {meet["actor_country"], meet["counterpart_country"]} == {"MA", "US"}
    assert [e["date"] for e in events][0] == "2020-10-02"
    assert len(mentions) == sum(d["n_sources"] for _, _, d in sample.edges(data=True))
    assert {m["event_id"] for m in mentions} == {e["event_id"] for e in events}


# -- the seed articles, through the real pipeline --------------------------------------------
SEEDS = Path(__file__).parent / "data" / "seeds.input.jsonl"
WASHINGTON_2021 = ("000_e33eeaeee3da6605", "002_713b30406af3fa56")  # two outlets, one meeting


@pytest.fixture(scope="module")
def seed_results(nlp):
    """The five seed articles extracted once, by id."""
    docs = [json.loads(line) for line in SEEDS.read_text(encoding="utf-8").splitlines()]
    return {
        d["id"]: diplo_ner.extract(d["text"], pub_date=d.get("pub_date"), doc_id=d["id"], nlp=nlp)
        for d in docs
    }


@pytest.fixture(scope="module")
def seed_graph(seed_results):
    return G.build_graph(seed_results.values())


def bourita_blinken_meetings(g):
    return G.interactions(g, "Nasser Bourita", "Antony Blinken", event_type="MEET")


def test_two_seed_outlets_give_one_meeting_with_two_sources(seed_results):
    g = G.build_graph([seed_results[doc_id] for doc_id in WASHINGTON_2021])
    (meeting,) = bourita_blinken_meetings(g)
    assert meeting["n_sources"] == 2
    assert {s["doc_id"] for s in meeting["sources"]} == set(WASHINGTON_2021)
    assert G.compatible_dates(meeting["date"], "2021-11")
    assert meeting["symmetric"] is True


def test_all_seeds_still_give_one_bourita_blinken_meeting(seed_graph):
    (meeting,) = bourita_blinken_meetings(seed_graph)
    assert set(WASHINGTON_2021) <= {s["doc_id"] for s in meeting["sources"]}
    assert meeting["n_sources"] == len(meeting["sources"]) >= 2
    ids = [d["event_id"] for _, _, d in seed_graph.edges(data=True)]
    assert len(ids) == len(set(ids))


def test_seed_graph_adds_up_incrementally(seed_results, seed_graph):
    step = G.build_graph([])
    for result in seed_results.values():
        G.build_graph([result], graph=step)
    assert_same_graph(step, seed_graph)


@EXPORTS
def test_seed_graph_exports_round_trip(seed_graph, tmp_path, write, read, name):
    write(seed_graph, tmp_path / name)
    assert_same_graph(read(tmp_path / name), seed_graph)


def scalar_edge_attributes(g):
    return {
        d["event_id"]: (u, v, d["event_type"], d["date"] or "", int(d["n_sources"]))
        for u, v, d in g.edges(data=True)
    }


def test_seed_graph_exports_read_by_plain_networkx(seed_graph, tmp_path):
    G.to_graphml(seed_graph, tmp_path / "g.graphml")
    G.to_gexf(seed_graph, tmp_path / "g.gexf")
    G.to_node_link_json(seed_graph, tmp_path / "g.json")
    readers = {
        "graphml": nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True),
        "gexf": nx.read_gexf(tmp_path / "g.gexf"),
        "json": nx.node_link_graph(
            json.loads((tmp_path / "g.json").read_text(encoding="utf-8")), edges="links"
        ),
    }
    expected = scalar_edge_attributes(seed_graph)
    for fmt, plain in readers.items():
        assert plain.is_directed() and plain.is_multigraph(), fmt
        assert plain.number_of_nodes() == seed_graph.number_of_nodes(), fmt
        assert plain.number_of_edges() == seed_graph.number_of_edges(), fmt
        assert scalar_edge_attributes(plain) == expected, fmt
        sources = [d["sources"] for _, _, d in plain.edges(data=True)]
        decoded = [json.loads(s) if isinstance(s, str) else s for s in sources]
        assert sorted(map(len, decoded)) == sorted(
            d["n_sources"] for _, _, d in seed_graph.edges(data=True)
        ), fmt


def test_seed_graph_csv_has_one_row_per_event_and_per_source(seed_graph, tmp_path):
    G.events_to_csv(seed_graph, tmp_path / "events.csv")
    G.mentions_to_csv(seed_graph, tmp_path / "mentions.csv")
    with open(tmp_path / "events.csv", encoding="utf-8", newline="") as f:
        events = list(csv.DictReader(f))
    with open(tmp_path / "mentions.csv", encoding="utf-8", newline="") as f:
        mentions = list(csv.DictReader(f))
    assert len(events) == seed_graph.number_of_edges()
    assert len(mentions) == sum(d["n_sources"] for _, _, d in seed_graph.edges(data=True))
    meeting = bourita_blinken_meetings(seed_graph)[0]
    row = next(e for e in events if e["event_id"] == meeting["event_id"])
    assert set(WASHINGTON_2021) <= set(row["source_docs"].split(G.SOURCE_DOCS_SEPARATOR))


def test_events_lists_every_event_by_date(seed_graph):
    listed = G.events(seed_graph)
    assert len(listed) == seed_graph.number_of_edges()
    days = [G.date_bounds(e["date"])[0] for e in listed if e["date"]]
    assert days == sorted(days)
    assert all(e["date"] for e in listed[: len(days)])  # undated last


def test_mentions_come_from_the_documents_reporting_a_partys_events():
    aside = record(
        "a",
        triple("Nasser Bourita", "Antony Blinken", "2021-11-22"),
        entities=[entity("Mark Esper", "M. Esper"), entity("Nasser Bourita")],
    )
    signing = record(
        "b",
        triple("Mark Esper", "Abdellatif Loudiyi", "2020-10-02", "SIGN", "signer"),
        entities=[entity("Mark Esper"), entity("Mark Esper", "Esper")],
    )
    once = G.build_graph([aside, signing])
    step = G.build_graph([aside])
    G.build_graph([signing], graph=step)
    assert_same_graph(step, once)
    esper = once.nodes["mark-esper"]
    assert esper["mentions"] == 2 and esper["aliases"] == ["Esper", "Mark Esper"]
    assert once.nodes["abdellatif-loudiyi"]["mentions"] == 1  # named in the event only
