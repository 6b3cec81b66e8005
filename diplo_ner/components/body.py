"""diplo_body: separates the article body from page furniture.

Scraped pages carry headline tickers, "Suivez-nous" lines, "À lire" links and, under the
body, teasers of other articles. Those are not the article: they are kept in
``doc.spans["furniture"]`` and later components ignore them. Offsets are those of the
original text; nothing is removed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator

import numpy
from spacy.attrs import IS_SPACE, ORTH, SENT_START
from spacy.errors import Errors
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..extensions import register_extensions
from ..resources import load_lines
from .arrays import string_hashes, tokens_where
from .words import WORDS

FURNITURE_KEY = "furniture"
TICKER_GAP = re.compile(r"\S[ \t\u00a0]{3,}\S")   # headlines of a ticker are separated by runs of spaces
MIN_TICKER_GAPS = 2
LINE = re.compile(r"[^\n]*\n?")
#: What may end a sentence: after anything else, no sentence starts but at a line break.
SENTENCE_ENDS = {".", "!", "?", "…", "...", "»", "«", '"', "”", "“", ")", ":", ";", "-", "–", "—", "•"}
FULL_STOPS = {".", "!", "?", "…", "..."}
INCISE_AUXILIARIES = {"a", "ont", "avait", "avaient"}
INVERTED_PRONOUNS = {"-il", "-elle", "-ils", "-elles"}     # "a-t-il dit", tokenised "a", "-t", "-il", "dit"
INCISE_REACH = 25           # tokens from the reporting verb to the full stop that ends the incise
MIN_CLAUSE = 5              # tokens before the comma: the reported words
WRAP_BEFORE = {"DET", "ADP", "CCONJ"}    # a line ending on these goes on


class BodyMarker:
    """Marks furniture lines of a page; the rest of the text is the article body."""

    def __init__(self, line_cues: list[re.Pattern[str]], tail_cues: list[re.Pattern[str]]):
        self.line_cues = line_cues
        self.tail_cues = tail_cues

    def __call__(self, doc: Doc) -> Doc:
        register_extensions()
        spans = []
        for start, end in self.furniture_ranges(doc.text):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span):
                spans.append(span)
        doc.spans[FURNITURE_KEY] = spans
        return doc

    def furniture_ranges(self, text: str) -> list[tuple[int, int]]:
        """Character ranges of the furniture lines in ``text``."""
        ranges: list[tuple[int, int]] = []
        for match in LINE.finditer(text):
            line = match.group().strip()
            if not line:
                continue
            start, end = match.start(), match.end()
            if any(cue.match(line) for cue in self.tail_cues):
                ranges.append((start, len(text)))
                break
            if self.is_furniture_line(line):
                ranges.append((start, end))
        return ranges

    def is_furniture_line(self, line: str) -> bool:
        if len(TICKER_GAP.findall(line)) >= MIN_TICKER_GAPS:
            return True
        return any(cue.match(line) for cue in self.line_cues)


def compile_cues(entries: Iterable[str]) -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    """Split ``KIND<TAB>REGEX`` entries into (line cues, tail cues)."""
    line_cues, tail_cues = [], []
    for entry in entries:
        kind, _, pattern = entry.partition("\t")
        target = tail_cues if kind.strip() == "tail" else line_cues
        target.append(re.compile(pattern.strip(), re.IGNORECASE))
    return line_cues, tail_cues


def in_body(doc: Doc, start: int, end: int | None = None) -> bool:
    """True when tokens ``start``..``end`` lie outside every furniture span of ``doc``."""
    end = start + 1 if end is None else end
    return not any(
        s.start < end and start < s.end for s in doc.spans.get(FURNITURE_KEY, ())
    )


def body_sentences(doc: Doc) -> list[Span]:
    """The sentences of ``doc`` that are not furniture."""
    return [s for s in doc.sents if in_body(doc, s.start, s.end)]


@Language.factory(
    "diplo_body",
    assigns=["doc.spans"],
    default_config={"user_cue_files": []},
)
def make_body_marker(nlp: Language, name: str, user_cue_files: list[str]) -> BodyMarker:
    """Factory of :class:`BodyMarker`; ``user_cue_files`` add ``KIND<TAB>REGEX`` cue lines."""
    return BodyMarker(*compile_cues(load_lines("furniture.txt", user_cue_files)))


@Language.component("diplo_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    """Sentence bounds before the parser runs. A sentence starts after every line break:
    scraped pages put headlines, captions and paragraphs on their own lines, often with no
    final full stop, and the parser would otherwise read them as one long sentence. And a
    sentence can start only there or after a punctuation mark that may end one: left free,
    the parser cuts long sentences in the middle of a list of names ("X et son homologue Y
    Z ont convenu" read as three sentences), and every reader of the sentence loses its
    subject or its object."""
    if len(doc) < 2:
        return doc
    if doc.has_annotation("DEP"):
        raise ValueError(Errors.E043)
    # read on the document's arrays: a Token is made only for the spaces and commas
    space = doc.to_array([IS_SPACE]).astype(bool)
    orth = doc.to_array([ORTH])
    ends = numpy.isin(orth, string_hashes(frozenset(SENTENCE_ENDS)))
    line_break = numpy.zeros(len(doc), dtype=bool)
    line_break[[i for i in numpy.flatnonzero(space) if "\n" in doc[int(i)].text]] = True
    starts = numpy.flatnonzero(line_break[:-1] & ~space[1:]) + 1
    wrapped = [int(i) for i in starts if _soft_wrap(doc, int(i))]
    starts = numpy.setdiff1d(starts, wrapped)
    inside = numpy.flatnonzero(~ends[:-1] & ~space[:-1]) + 1
    # one write of the column: Token.is_sent_start's setter reads the whole Doc at each call
    column = doc.to_array([SENT_START]).astype("int64")
    column[starts] = 1
    column[inside] = -1                 # not a sentence start (stored as an unsigned integer)
    column[wrapped] = -1
    boundaries = sorted(set(starts.tolist()) | {int(i) + 1 for i in numpy.flatnonzero(
        numpy.isin(orth, string_hashes(frozenset(FULL_STOPS))))})
    column[list(_incises(doc, boundaries))] = 1
    doc.from_array([SENT_START], column.astype("uint64"))
    return doc


def _soft_wrap(doc: Doc, start: int) -> bool:
    """The single line break before ``start`` wraps a sentence that goes on (a communiqué
    copied with its line ends: "s'est entretenu, ce lundi 22\nFévrier 2016, avec M. X,
    Ministre\nburkinabè des ..."): the next line opens in lower case, or the line before ends
    on a comma, a number or a word that cannot end a sentence (article, preposition,
    conjunction), or a name goes on over it."""
    if start < 2 or doc[start - 1].text.count("\n") != 1:
        return False
    before, after = doc[start - 2], doc[start]
    return (after.text[:1].islower() or before.text == "," or before.like_num or before.pos_ in WRAP_BEFORE
            or before.pos_ == after.pos_ == "PROPN")      # a name wrapped: "Roch Christian\nMarc Kaboré"


def _incises(doc: Doc, boundaries: list[int]) -> Iterator[int]:
    """The commas that open an inverted reporting clause at the end of a sentence ("...,
    indique un communiqué du Cabinet royal.", "..., a-t-il précisé."). Left in the sentence,
    the parser takes its subject for the reported clause's: "X a eu un entretien avec Y,
    indique un communiqué" comes out with "entretien" and Y as subjects of "indique". Set
    apart, the reported words parse as the sentence they are; the speaker readers look past
    the comma (parties.quote_speaker). ``boundaries``: where sentences may start, ascending."""
    for token in tokens_where(doc, ORTH, (",",)):
        k = bisect_right(boundaries, token.i)
        since = token.i - boundaries[k - 1] if k else token.i + 1     # tokens since the sentence's start
        if since < MIN_CLAUSE or token.i >= len(doc) - 2:
            continue
        j = token.i + 1
        j += doc[j].lower_ in INCISE_AUXILIARIES
        j = _after_pronoun(doc, j)
        inverted = j > token.i + 1 and doc[j - 1].lower_ in INVERTED_PRONOUNS
        if j >= len(doc) or doc[j].lower_ not in WORDS.incise_verbs:
            continue
        j = _after_pronoun(doc, j + 1)
        inverted = inverted or doc[j - 1].lower_ in INVERTED_PRONOUNS
        if j < len(doc) and not inverted and doc[j].lower_ not in WORDS.incise_subjects and not doc[j].is_title:
            continue
        if _ends_sentence(doc, j):
            yield token.i


def _after_pronoun(doc: Doc, j: int) -> int:
    """The position after an inverted "-t-il" at ``j`` (or ``j`` itself)."""
    if j < len(doc) and doc[j].lower_ == "-t":
        j += 1
    return j + 1 if j < len(doc) and doc[j].lower_ in INVERTED_PRONOUNS else j


def _ends_sentence(doc: Doc, j: int) -> bool:
    """A full stop (or the end of the text) comes within INCISE_REACH tokens of ``j``, before
    any line break or quotation."""
    for token in doc[j:j + INCISE_REACH]:
        if token.text in FULL_STOPS:
            return True
        if (token.is_space and "\n" in token.text) or token.text in ("«", "»", "“", "”"):
            return False
    return j + INCISE_REACH >= len(doc)
