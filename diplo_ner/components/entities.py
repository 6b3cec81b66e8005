"""diplo_entities: OFFICIAL, MINISTRY, TREATY, MIL_EXERCISE and COUNTRY mentions.

Names come from data files (countries, ministries, treaties, exercises, the officials of the
knowledge base) through PhraseMatchers; generic forms ("ministère de ...", "Mémorandum
d'entente") through Matcher token patterns; and a few context rules written for the
language: a personal name governed by a title is an official, a capital acting as the
subject of a clause is its state, a capitalised or quoted name after "exercice" is an
exercise. The result is reconciled with the base model's entities: ours win where they
overlap, and the base model's title fragments are dropped.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..extensions import register_extensions
from ..kb import KnowledgeBase
from ..lexicon import Entry, Lexicon, build_lexicon
from ..resources import load_jsonl
from ..text import fold, surface_variants

REGION = "_REGION"            # blocks shorter country names inside a region name, then dropped
CAPITAL = "_CAPITAL"          # a capital, kept only where it acts as its state
DIPLO_LABELS = ("OFFICIAL", "MINISTRY", "TREATY", "MIL_EXERCISE", "COUNTRY")
PERSON_LABELS = {"PER"}
STATE_SUBJECT_DEPS = {"nsubj", "nsubj:pass"}
PARTY_PREPOSITIONS = {"entre", "pour", "selon", "avec"}
EXERCISE_TRIGGERS = {"exercice", "manœuvre", "manoeuvre", "exercise"}
EXERCISE_FILLERS = {"militaire", "conjoint", "naval", "maritime", "aérien", "multinational",
                    "multilatéral", "annuel", "baptisé", "dit", "de", "type", "international",
                    "bilatéral", "combiné", "interarmées", "grand"}
QUOTES_OPEN = {"«", "“", '"', "‘", "„", "'"}
QUOTES_CLOSE = {"»", "”", '"', "’", "'", "“"}
TITLE_WINDOW = 4              # tokens before a name searched for a title word
SEGMENT_WINDOW = 12          # tokens searched back for a title before ", Name"
ANCESTOR_HOPS = 3             # how far up the parse a name's governing title may be


class EntityRecognizer:
    """Adds diplo_ner's five labels to ``doc.ents`` (see the module docstring)."""

    def __init__(self, nlp: Language, lexicon: Lexicon, token_patterns: list[dict]):
        self.lexicon = lexicon
        self.entries: list[Entry] = []
        self.phrases_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.phrases_exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.matcher = Matcher(nlp.vocab)
        self._add_names(nlp, lexicon)
        self.by_folded = {fold(name): entry for name, entry in lexicon.names.items()}
        for n, record in enumerate(token_patterns):
            self.matcher.add(f"{record['label']}#{n}", [record["pattern"]])

    # -- building -------------------------------------------------------------------------
    def _add_names(self, nlp: Language, lexicon: Lexicon) -> None:
        groups: list[tuple[str, Entry]] = list(lexicon.names.items())
        groups += [(name, Entry(CAPITAL, e.canonical, None, e.country))
                   for name, e in lexicon.capitals.items()]
        groups += [(name, Entry(REGION, name)) for name in lexicon.regions]
        groups += [(name, Entry("MIL_EXERCISE", name)) for name in lexicon.exercises.values()]
        exact: dict[str, list[Doc]] = {}
        lower: dict[str, list[Doc]] = {}
        for name, entry in groups:
            key = self._entry_key(entry)
            for variant in surface_variants(name):
                # Acronyms and personal names match as written (plus an upper-case dateline
                # form); other names in any case.
                if variant.isupper() or entry.label in ("OFFICIAL", CAPITAL):
                    forms = {variant, variant.upper()} if entry.label == "OFFICIAL" else {variant}
                    exact.setdefault(key, []).extend(nlp.make_doc(f) for f in forms)
                else:
                    lower.setdefault(key, []).append(nlp.make_doc(variant))
        for key, docs in exact.items():
            self.phrases_exact.add(key, docs)
        for key, docs in lower.items():
            self.phrases_lower.add(key, docs)

    def _entry_key(self, entry: Entry) -> str:
        self.entries.append(entry)
        return f"diplo_entry#{len(self.entries) - 1}"

    # -- matching -------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        register_extensions()
        candidates = list(self._lexicon_spans(doc)) + list(self._pattern_spans(doc))
        candidates += list(self._exercise_spans(doc))
        ours = [s for s in filter_spans(candidates) if self._keep(s)]
        ours = [_as_state(s) if s.label_ == CAPITAL else s for s in ours]
        ours += self._officials_from_context(doc, ours)
        ours += _short_forms(doc, ours)
        doc.ents = self._reconcile(doc, filter_spans(ours))
        return doc

    def _lexicon_spans(self, doc: Doc) -> Iterator[Span]:
        vocab = doc.vocab.strings
        for matcher in (self.phrases_exact, self.phrases_lower):
            for match_id, start, end in matcher(doc):
                entry = self.entries[int(vocab[match_id].rpartition("#")[2])]
                if entry.label == "MIL_EXERCISE":
                    end = _with_year_suffix(doc, end)
                span = Span(doc, start, end, label=entry.label, kb_id=entry.kb_id or "")
                span._.canonical = entry.canonical
                span._.country = entry.country
                yield span

    def _pattern_spans(self, doc: Doc) -> Iterator[Span]:
        vocab = doc.vocab.strings
        for match_id, start, end in self.matcher(doc):
            label = vocab[match_id].partition("#")[0]
            span = Span(doc, start, end, label=label)
            known = self.by_folded.get(fold(span.text))
            span._.canonical = known.canonical if known and known.label == label else _generic_canonical(span)
            yield span

    def _exercise_spans(self, doc: Doc) -> Iterator[Span]:
        """Names after "exercice(s)", "manœuvres": quoted, or a run of capitalised words."""
        for token in doc:
            if token.lemma_.lower() not in EXERCISE_TRIGGERS and token.lower_ not in EXERCISE_TRIGGERS:
                continue
            i = token.i + 1
            while i < len(doc) and (doc[i].lemma_.lower() in EXERCISE_FILLERS or doc[i].lower_ in EXERCISE_FILLERS):
                i += 1
            for start, end in _names_from(doc, i):
                span = Span(doc, start, _with_year_suffix(doc, end), label="MIL_EXERCISE")
                known = self.lexicon.exercises.get(fold(doc[start:end].text))
                span._.canonical = known or _title_case(doc[start:end].text)
                yield span

    def _keep(self, span: Span) -> bool:
        if span.label_ == REGION:
            return False
        if span.label_ == CAPITAL:
            if not (_acts_as_state(span) or _coordinated_with_capital(span, self.lexicon)):
                return False
        if span.label_ == "MINISTRY" and _inside_title(span, self.lexicon.title_heads):
            return False
        if span.label_ == "TREATY" and len(span) == 1 and span.text.islower():
            return False
        return True

    def _officials_from_context(self, doc: Doc, ours: list[Span]) -> list[Span]:
        """Base-model persons that a title governs or stands beside become officials."""
        taken = {i for s in ours for i in range(s.start, s.end)}
        found = []
        for ent in doc.ents:
            if ent.label_ not in PERSON_LABELS or any(i in taken for i in range(ent.start, ent.end)):
                continue
            name = _strip_titles(_extended_name(ent), self.lexicon.title_heads)
            if name is not None and _has_title_context(name, self.lexicon.title_heads):
                span = Span(doc, name.start, name.end, label="OFFICIAL")
                span._.canonical = name.text
                found.append(span)
        return found

    def _reconcile(self, doc: Doc, ours: list[Span]) -> list[Span]:
        taken = {i for s in ours for i in range(s.start, s.end)}
        kept = list(ours)
        for ent in doc.ents:
            if any(i in taken for i in range(ent.start, ent.end)):
                continue
            if ent.label_ in ("ORG", "MISC") and ent[0].lemma_.lower() in self.lexicon.title_heads:
                continue  # a title fragment ("Secrétaire d'Etat américain"), not an entity
            kept.append(ent)
        for span in kept:
            if span.label_ in DIPLO_LABELS:
                span._.canonical = span._.canonical or span.text
        return sorted(kept, key=lambda s: s.start)

    # -- serialisation: the rules live in the data files, nothing learned to save ----------
    def to_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> EntityRecognizer:
        return self


def _short_forms(doc: Doc, ours: list[Span]) -> list[Span]:
    """A surname alone ("M. Tazi", "Tazi a ajouté") repeats an official named in full
    elsewhere in the document."""
    surnames: dict[str, Span] = {}
    for span in ours:
        if span.label_ == "OFFICIAL" and len(span) > 1 and span[-1].is_title:
            surnames.setdefault(span[-1].text, span)
    taken = {i for s in ours for i in range(s.start, s.end)}
    found = []
    for token in doc:
        full = surnames.get(token.text)
        if full is None or token.i in taken:
            continue
        span = Span(doc, token.i, token.i + 1, label="OFFICIAL", kb_id=full.kb_id_)
        span._.canonical = full._.canonical or full.text
        span._.country = full._.country
        found.append(span)
    return found


def _with_year_suffix(doc: Doc, end: int) -> int:
    """Extend an exercise name over a following year ("African Lion 2024", "Chebec 25")."""
    if end < len(doc) and doc[end].like_num and doc[end].text.isdigit() and len(doc[end].text) in (2, 4):
        return end + 1
    return end


def _names_from(doc: Doc, i: int) -> Iterator[tuple[int, int]]:
    """Quoted or capitalised names starting at token ``i``, coordinated with ',' and 'et'."""
    while i < len(doc):
        if doc[i].text in QUOTES_OPEN:
            end = i + 1
            while end < len(doc) and doc[end].text not in QUOTES_CLOSE and end - i < 6:
                end += 1
            if end < len(doc) and doc[end].text in QUOTES_CLOSE and end > i + 1:
                yield i + 1, end
                i = end + 1
            else:
                return
        elif doc[i].is_title or (doc[i].is_upper and len(doc[i]) > 2):
            end = i
            while end < len(doc) and (doc[end].is_title or doc[end].is_upper) and doc[end].is_alpha:
                end += 1
            if end == i or doc[i].ent_type_ in ("LOC",) and doc[i].text in ("Maroc",):
                return
            yield i, end
            i = end
        else:
            return
        if i < len(doc) and doc[i].text in {",", "et"}:
            i += 1
            if i < len(doc) and doc[i].text == "et":
                i += 1
        else:
            return


def _acts_as_state(span: Span) -> bool:
    """A capital acts as its state when it is a clause subject, a coordinated party, or
    follows "entre", "pour", "selon", "avec" ("entre Rabat et Washington")."""
    root = span.root
    token = root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ in STATE_SUBJECT_DEPS:
        return True
    cases = {c.lower_ for c in token.children if c.dep_ == "case"}
    return bool(cases & PARTY_PREPOSITIONS)


def _as_state(span: Span) -> Span:
    state = Span(span.doc, span.start, span.end, label="COUNTRY")
    state._.canonical = span._.canonical
    state._.country = span._.country
    return state


def _coordinated_with_capital(span: Span, lexicon: Lexicon) -> bool:
    """"Washington et Rabat ont ...": two capitals joined by "et" before a verb act as states."""
    doc = span.doc
    for i, j in ((span.end, span.end + 1), (span.start - 2, span.start - 1)):
        if 0 <= i < len(doc) and 0 <= j < len(doc):
            if doc[i].lower_ == "et" and doc[j].text in lexicon.capitals or (
                    doc[j].lower_ == "et" and doc[i].text in lexicon.capitals):
                return True
    return False


def _inside_title(span: Span, title_heads: frozenset[str]) -> bool:
    """A ministry complementing a title ("porte-parole du Département d'Etat")."""
    root = span.root
    head = root.head
    cases = {c.lower_ for c in root.children if c.dep_ == "case"}
    return (
        root.dep_ == "nmod"
        and head.lemma_.lower() in title_heads
        and bool(cases & {"de", "du", "des", "d'", "d’"})
    )


def _extended_name(ent: Span) -> Span:
    """The base model sometimes tags only the first name ("Sofia" of "Sofia Marchetti")."""
    end = ent.end
    while end < len(ent.doc) and ent.doc[end].pos_ == "PROPN" and ent.doc[end].is_title and not ent.doc[end].ent_type_:
        end += 1
    return ent.doc[ent.start:end]


def _strip_titles(ent: Span, title_heads: frozenset[str]) -> Span | None:
    """The name part of a person span ("Président Trump" -> "Trump")."""
    start = ent.start
    while start < ent.end and (ent.doc[start].lower_ in title_heads or not ent.doc[start].is_alpha
                               or ent.doc[start].is_lower):
        start += 1
    return ent.doc[start:ent.end] if start < ent.end else None


def _is_title_word(token: Token, title_heads: frozenset[str]) -> bool:
    return token.lemma_.lower() in title_heads or token.lower_ in title_heads


def _has_title_context(name: Span, title_heads: frozenset[str]) -> bool:
    """A title word governs the name, stands in apposition to it, or just before it."""
    doc = name.doc
    token = name.root
    for _ in range(ANCESTOR_HOPS):
        if token.head.i == token.i or token.dep_ not in ("appos", "nmod", "flat:name", "flat", "conj", "dep"):
            break
        token = token.head
        if _is_title_word(token, title_heads):
            return True
    if any(c.dep_ == "appos" and _is_title_word(c, title_heads) for c in name.root.children):
        return True
    for token in doc[max(name.sent.start, name.start - TITLE_WINDOW):name.start]:
        if _is_title_word(token, title_heads):
            return True
    if _title_in_preceding_segment(name, title_heads):
        return True
    after = doc[name.end:min(name.sent.end, name.end + 3)]
    return len(after) > 1 and after[0].text == "," and any(_is_title_word(t, title_heads) for t in after[1:])


def _title_in_preceding_segment(name: Span, title_heads: frozenset[str]) -> bool:
    """"le secrétaire adjoint chargé du processus de paix au Proche-Orient, Hadi Amr": a title
    opens the comma-delimited segment just before the name."""
    doc = name.doc
    i = name.start - 1
    if i < name.sent.start or doc[i].text != ",":
        return False
    i -= 1
    while i >= name.sent.start and i >= name.start - SEGMENT_WINDOW:
        token = doc[i]
        if token.is_punct or token.pos_ in ("VERB", "AUX"):
            return False
        if _is_title_word(token, title_heads):
            return True
        i -= 1
    return False


def _generic_canonical(span: Span) -> str:
    text = span.text.strip(" ,;:")
    if span.label_ == "MINISTRY" and text[:1] in "Mm" and text.lower().startswith("ministère"):
        return "m" + text[1:]
    return text[:1].upper() + text[1:]


def _title_case(text: str) -> str:
    return " ".join(w if not w.isupper() or len(w) < 3 else w.capitalize() for w in text.split())


def load_token_patterns(treaty_heads: Iterable[str], user_files: Iterable[str | Path] = ()) -> list[dict]:
    """Token patterns for generic ministries and treaties; "HEAD" stands for the treaty heads."""
    heads = sorted(treaty_heads)
    records = load_jsonl("patterns/ministries.jsonl") + load_jsonl("patterns/treaties.jsonl", user_files)
    return [json.loads(json.dumps(r).replace('"HEAD"', json.dumps(heads))) for r in records]


@Language.factory(
    "diplo_entities",
    assigns=["doc.ents", "span._.canonical", "span._.country"],
    requires=["token.dep", "token.lemma", "doc.ents"],
    default_config={"user_files": {}, "user_officials": [], "user_pattern_files": []},
)
def make_entity_ruler(
    nlp: Language,
    name: str,
    user_files: dict[str, list[str]],
    user_officials: list[str],
    user_pattern_files: list[str],
) -> EntityRecognizer:
    """Factory of :class:`EntityRecognizer`.

    ``user_files`` maps a packaged data file name to the user's files of the same format
    (``{"exercises.txt": ["my_exercises.txt"]}``); ``user_officials`` are extra officials
    files; ``user_pattern_files`` extra treaty token patterns.
    """
    kb = KnowledgeBase.load(user_officials)
    lexicon = build_lexicon(kb.raw_records(), user_files)
    return EntityRecognizer(nlp, lexicon, load_token_patterns(lexicon.treaty_heads, user_pattern_files))
