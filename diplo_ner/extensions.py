"""Every Doc, Span and Token extension diplo_ner sets, registered once (set-if-missing)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

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
    "resolved_by": None,        # "name" | "alias" | "short_form" | "title@date" | "homologue"
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
