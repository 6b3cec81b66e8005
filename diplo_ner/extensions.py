"""Every Doc, Span and Token extension diplo_ner sets, registered once (set-if-missing)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import srsly
from spacy.tokens import Doc, Span

from .types import Triple

DOC_EXTENSIONS = {
    "pub_date": None,           # datetime.date | None: given by the caller or detected
    "pub_date_evidence": None,  # the text the detected publication date was read from
    "triples": None,            # list[Triple] set by diplo_relations (None before it ran)
    "doc_id": None,
}
SPAN_EXTENSIONS = {
    "canonical": None,          # canonical name of an entity or resolved title
    "kb_id": None,              # knowledge-base id of an official
    "country": None,            # ISO 3166 alpha-2 code (UN for UN officials)
    "office": None,             # office id a resolved title denotes
    "resolved_by": None,        # "name" | "alias" | "short_form" | "title@date" | "title@document" | "homologue"
    "date_value": None,         # ISO value of a temporal expression
    "weekday": None,            # 0..6 when a temporal expression is a bare weekday
}


def register_extensions() -> None:
    """Register diplo_ner's extensions on spaCy's classes; calling it again does nothing."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


# Doc.to_bytes (nlp.pipe(n_process=...), DocBin) packs extension values with msgpack, which
# knows neither dates nor our dataclasses: these codecs carry them across processes.
_DATE_KEY = "__diplo_date__"
_TRIPLE_KEY = "__diplo_triple__"


def _encode_value(obj: Any, chain: Any = None) -> Any:
    if type(obj) is dt.date:
        return {_DATE_KEY: obj.isoformat()}
    if isinstance(obj, Triple):
        return {_TRIPLE_KEY: dataclasses.asdict(obj)}
    return chain(obj) if chain else obj


def _decode_value(obj: Any, chain: Any = None) -> Any:
    if _DATE_KEY in obj:
        return dt.date.fromisoformat(obj[_DATE_KEY])
    if _TRIPLE_KEY in obj:
        return Triple(**obj[_TRIPLE_KEY])
    return chain(obj) if chain else obj


srsly.msgpack_encoders.register("diplo_ner", func=_encode_value)
srsly.msgpack_decoders.register("diplo_ner", func=_decode_value)
