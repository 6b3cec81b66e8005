"""The interaction graph: de-duplication across sources and round-tripping exports."""

from __future__ import annotations

from diplo_ner import graph as G


def record(doc_id, actor, counterpart, date, event_type="MEET"):
    return {"id": doc_id, "entities": [], "triples": [{
        "actor": actor, "actor_label": "OFFICIAL", "counterpart": counterpart,
        "counterpart_label": "OFFICIAL", "event_type": event_type, "action": "rencontrer",
        "date": date, "sentence": "…", "start": 0, "end": 1, "confidence": 0.9,
        "actor_kb_id": actor.lower().replace(" ", "-"), "counterpart_kb_id": counterpart.lower().replace(" ", "-")}]}


def test_two_outlets_one_meeting_one_edge():
    g = G.build_graph([record("a", "Nasser Bourita", "Antony Blinken", "2021-11-22"),
                       record("b", "Antony Blinken", "Nasser Bourita", "2021-11-18/2021-11-23")])
    (edge,) = g.edges(data=True)
    assert edge[2]["n_sources"] == 2 and edge[2]["date"] == "2021-11-22"


def test_different_dates_stay_different_events():
    g = G.build_graph([record("a", "Nasser Bourita", "Antony Blinken", "2021-11-22"),
                       record("b", "Nasser Bourita", "Antony Blinken", "2022-03-29")])
    assert g.number_of_edges() == 2


def test_graph_merges_incrementally_and_skips_errors():
    g = G.build_graph([record("a", "Nasser Bourita", "Antony Blinken", "2021-11-22")])
    G.build_graph([{"id": "z", "error": "bad"}, record("c", "Nasser Bourita", "Antony Blinken", None)], graph=g)
    (edge,) = g.edges(data=True)
    assert edge[2]["n_sources"] == 2


def test_exports_round_trip(tmp_path):
    g = G.build_graph([record("a", "Nasser Bourita", "Antony Blinken", "2021-11-22"),
                       record("b", "Mark Esper", "Abdellatif Loudiyi", "2020-10-02", "SIGN")])
    G.to_graphml(g, tmp_path / "g.graphml")
    G.to_gexf(g, tmp_path / "g.gexf")
    G.to_node_link_json(g, tmp_path / "g.json")
    for back in (G.read_graphml(tmp_path / "g.graphml"), G.read_gexf(tmp_path / "g.gexf"),
                 G.read_node_link_json(tmp_path / "g.json")):
        assert back.number_of_nodes() == g.number_of_nodes()
        assert back.number_of_edges() == g.number_of_edges()
        dates = sorted(d["date"] for _, _, d in back.edges(data=True))
        assert dates == ["2020-10-02", "2021-11-22"]
        assert all(isinstance(d["sources"], list) for _, _, d in back.edges(data=True))
    G.events_to_csv(g, tmp_path / "e.csv")
    assert len((tmp_path / "e.csv").read_text(encoding="utf-8").splitlines()) == 3
