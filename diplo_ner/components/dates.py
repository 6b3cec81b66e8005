"""diplo_dates: the publication date and the temporal expressions of a document.

``doc._.pub_date`` is kept when the caller set it, else detected in the page text
(``dates.detect_pub_date``). Temporal expressions go to ``doc.spans["dates"]`` with their
ISO value in ``span._.date_value``; a bare weekday is resolved by the tense of the verb that
governs it ("a reçu vendredi" → the last Friday, "se rendra lundi" → the next Monday).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import dates
from ..extensions import register_extensions

DATES_KEY = "dates"
FUTURE_AUX_LEMMAS = {"aller"}
GOVERNOR_HOPS = 3


class DateTagger:
    """Detects the publication date and tags temporal expressions (see module docstring)."""

    def __call__(self, doc: Doc) -> Doc:
        register_extensions()
        if doc._.pub_date is None:
            found = dates.detect_pub_date(doc.text)
            if found is not None:
                doc._.pub_date = found.date
                doc._.pub_date_evidence = found.evidence
        spans = []
        for mention in dates.find_dates(doc.text, doc._.pub_date):
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            span = Span(doc, span.start, span.end, label=mention.kind)
            value = mention.value
            if mention.weekday is not None and _governed_by_future(span):
                value = dates.resolve_weekday(mention.weekday, doc._.pub_date, "future")
            span._.date_value = value
            span._.weekday = mention.weekday
            spans.append(span)
        doc.spans[DATES_KEY] = spans
        return doc

    def to_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> DateTagger:
        return self


def _governed_by_future(span: Span) -> bool:
    token: Token = span.root
    for _ in range(GOVERNOR_HOPS):
        if token.pos_ in ("VERB", "AUX"):
            break
        if token.head.i == token.i:
            return False
        token = token.head
    if "Fut" in token.morph.get("Tense") or "Cnd" in token.morph.get("Mood"):
        return True
    return any(c.dep_.startswith("aux") and c.lemma_ in FUTURE_AUX_LEMMAS for c in token.children)


@Language.factory(
    "diplo_dates",
    assigns=["doc._.pub_date", "doc.spans"],
    requires=["token.morph", "token.dep"],
)
def make_date_tagger(nlp: Language, name: str) -> DateTagger:
    """Factory of :class:`DateTagger`."""
    return DateTagger()
