"""diplo_dates: the publication date and the temporal expressions of a document.

``doc._.pub_date`` is kept when the caller set it, else detected in the page text
(``dates.detect_pub_date``, evidence in ``doc._.pub_date_evidence``). Temporal expressions of
the article body, except the page's own date line, go to ``doc.spans["dates"]`` with their
ISO value in ``span._.date_value``.
A bare weekday or a day without its year is resolved with the tense of the verb that governs
it: "a reçu vendredi" → the last Friday, "se rendra lundi" → the next Monday, "reçoit
mardi" → the nearest Tuesday; "la veille"/"le lendemain" follow the date before them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import dates
from ..extensions import register_extensions
from .body import in_body
from .words import WORDS

DATES_KEY = "dates"
GOVERNOR_HOPS = 4                 # from a date's root up to the verb of its clause
AUX_TENSE, AUX_PASS = "aux:tense", "aux:pass"
CONDITIONAL_ENDINGS = ("ais", "ait", "ions", "iez", "aient")
CONDITIONAL_FORMS = ("rais", "rait", "rions", "riez", "raient")   # every French conditional ends so
FUTURE_FORMS = ("rai", "ras", "ra", "rons", "rez", "ront")          # and every future
REFLEXIVES = {"se", "s'", "s’"}


class DateTagger:
    """Detects the publication date and tags temporal expressions (see module docstring)."""

    def __call__(self, doc: Doc) -> Doc:
        register_extensions()
        text = doc.text                  # built anew at each access: read once
        if doc._.pub_date is None:
            found = dates.detect_pub_date(text)
            if found is not None:
                doc._.pub_date = found.date
                doc._.pub_date_evidence = found.evidence
        pub = doc._.pub_date
        stamps = dates.printed_dates(text)
        spans, mentions = [], []
        for mention in dates.find_dates(text, pub):
            if any(mention.start < p.end and p.start < mention.end for p in stamps):
                continue    # the page's own date lines are no event's date
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or not len(span) or not in_body(doc, span.start, span.end):
                continue
            if mention.depends_on_tense:
                mention = dates.with_tense(mention, pub, clause_tense(span.root))
            spans.append(Span(doc, span.start, span.end, label=mention.kind))
            mentions.append(mention)
        for span, mention in zip(spans, dates.resolve_shifts(mentions), strict=True):
            span._.date_value = mention.value
            span._.weekday = mention.weekday
        doc.spans[DATES_KEY] = spans
        return doc

    def to_bytes(self, exclude: Iterable[str] = ()) -> bytes:
        return b""

    def from_bytes(self, data: bytes, exclude: Iterable[str] = ()) -> DateTagger:
        return self

    def to_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> DateTagger:
        return self


def dates_by_sentence(doc: Doc) -> dict[int, list[Span]]:
    """The date spans of ``doc`` by the first token of their sentence, in document order: a
    component reads a sentence's dates without scanning the whole document's."""
    by_sentence: dict[int, list[Span]] = {}
    for span in doc.spans.get(DATES_KEY, ()):
        by_sentence.setdefault(doc[span.start].sent.start, []).append(span)
    return by_sentence


def clause_tense(token: Token) -> str | None:
    """``past``, ``future`` or ``present`` for the verb governing ``token`` (None when no verb
    is near): compound past and passé simple are past; future, conditional, "aller"/"devoir"
    + infinitive and planned participles ("prévue") are future; a present tense, active or
    passive ("est attendu"), is present."""
    verb = _governing_verb(token)
    if verb is None:
        return None
    if verb.morph.get("VerbForm") == ["Inf"] and verb.head.i != verb.i:
        governor = verb.head
        tense = _verb_tense(governor) if governor.pos_ in ("VERB", "AUX") else None
        if governor.lemma_ in WORDS.future_governors and tense in (
                dates.PRESENT, dates.FUTURE, None):
            return dates.FUTURE
        return tense
    return _verb_tense(verb)


def _governing_verb(token: Token) -> Token | None:
    for _ in range(GOVERNOR_HOPS):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else None


def _verb_tense(verb: Token) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in (AUX_TENSE, AUX_PASS)]
    compound = [a for a in auxes if a.dep_ == AUX_TENSE]
    if compound:      # "a reçu", "avait rencontré", "aurait rencontré": past; "aura reçu": future
        return dates.FUTURE if "Fut" in compound[0].morph.get("Tense") else dates.PAST
    if auxes and "Pres" in auxes[0].morph.get("Tense") and (
            verb.lemma_.lower() in WORDS.etre_verbs
            or any(c.lower_ in REFLEXIVES for c in verb.children)):
        return dates.PAST  # "est arrivé", "s'est rendu": a passé composé, not a passive
    if auxes:         # passive: the tense of "être" ("est attendu", "sera reçu", "fut reçu")
        return _finite_tense(auxes[0])
    if verb.morph.get("VerbForm") == ["Part"]:
        return dates.FUTURE if verb.lemma_ in WORDS.plan_participles else dates.PAST
    return _finite_tense(verb)


def _finite_tense(verb: Token) -> str | None:
    tense = verb.morph.get("Tense")
    if is_future(verb) or is_conditional(verb):
        return dates.FUTURE
    if "Past" in tense or "Imp" in tense:
        return dates.PAST
    if "Pres" in tense:
        return dates.PRESENT
    return None


def is_future(verb: Token) -> bool:
    """A future the tagger found, if the form has a future's ending ("accueille" is sometimes
    tagged future)."""
    return "Fut" in verb.morph.get("Tense") and verb.lower_.endswith(FUTURE_FORMS)


def is_conditional(verb: Token) -> bool:
    """A conditional the tagger found, if the form has a conditional's ending ("partageait" is
    sometimes tagged conditional), or one it took for an imperfect ("rencontrerait")."""
    return ("Cnd" in verb.morph.get("Mood") and verb.lower_.endswith(CONDITIONAL_FORMS)) or looks_conditional(verb)


def looks_conditional(verb: Token) -> bool:
    """"rencontrerait" is tagged imperfect by the model: a form built on the whole infinitive
    ("rencontrer" + "ait") is a conditional, one built on the stem ("rencontr" + "ait") is not;
    "serait", "pourrait", "devrait" are irregular conditionals (their stems in
    ``models/words.txt``)."""
    word, lemma = verb.lower_, verb.lemma_.lower()
    for ending in CONDITIONAL_ENDINGS:
        if not word.endswith(ending):
            continue
        base = word[: -len(ending)]
        on_infinitive = lemma.endswith(("er", "ir", "re")) and base in (lemma, lemma[:-1])
        if base in WORDS.conditional_stems or (on_infinitive and base.endswith("r")):
            return True
    return False


@Language.factory(
    "diplo_dates",
    assigns=["doc._.pub_date", "doc.spans"],
    requires=["token.morph", "token.dep", "token.lemma"],
)
def make_date_tagger(nlp: Language, name: str) -> DateTagger:
    """Factory of :class:`DateTagger`."""
    return DateTagger()
