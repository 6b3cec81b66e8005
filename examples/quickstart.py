"""Ten lines a notebook user would write: load, extract one article, print triples, graph."""

import diplo_ner

nlp = diplo_ner.load()
text = (
    "Le ministre des Affaires étrangères, Nasser Bourita, s'est entretenu mardi à Rabat "
    "avec le secrétaire d'Etat américain, Antony Blinken."
)
result = diplo_ner.extract(text, pub_date="2022-03-30", doc_id="example", nlp=nlp)
for t in result.triples:
    print(t.actor, t.event_type, t.counterpart, t.date, f"({t.rule}, {t.confidence})")
graph = diplo_ner.build_graph([result])
print(graph.number_of_nodes(), "nodes,", graph.number_of_edges(), "edges")
