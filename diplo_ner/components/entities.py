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
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy
from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..extensions import register_extensions
from ..kb import KnowledgeBase
from ..lexicon import Entry, Lexicon, build_lexicon
from ..resources import load_jsonl
from ..text import FAMILY_NAME_FIRST, HONORIFICS, fold, strip_accents, surface_variants
from .arrays import tokens_where, windows
from .words import WORDS

REGNAL_NUMBER = re.compile(r"[IVX]{1,4}")      # "II", "VI": the number in a sovereign's name
REGION = "_REGION"  # blocks shorter country names inside a region name, then dropped
CAPITAL = "_CAPITAL"  # a capital, kept only where it acts as its state
DIPLO_LABELS = ("OFFICIAL", "MINISTRY", "TREATY", "MIL_EXERCISE", "COUNTRY")
PERSON_LABELS = {"PER"}
PUBLIC_LABELS = {"COUNTRY", "MINISTRY", "OFFICIAL"}  # in a title's complement, make it public
STATE_SUBJECT_DEPS = {"nsubj", "nsubj:pass"}
OWNER_CASES = {"de", "du", "d'", "d’"}   # "la décision de Madrid"
PARTY_PREPOSITIONS = {"entre", "pour", "selon", "avec", "par"}   # "par Washington": the agent
PATTERN_REACH = 24          # tokens a ministry or treaty pattern may span from its first word
NAME_PARTICLES = {"ben", "bin", "ibn", "ould", "el", "al"}    # written either case inside Arabic names
QUOTES_OPEN = {"«", "“", '"', "‘", "„", "'"}
QUOTES_CLOSE = {"»", "”", '"', "’", "'", "“"}
TITLE_WINDOW = 4  # tokens before a name searched for a title word
SEGMENT_WINDOW = 16  # tokens searched back for a title before ", Name"
ANCESTOR_HOPS = 3  # how far up the parse a name's governing title may be
NAME_PATH_DEPS = {"appos", "nmod", "flat:name", "flat", "conj", "dep", "obl:arg", "obj"}
MINISTRY_PATH_DEPS = {"nmod", "appos", "flat", "flat:name", "conj", "obl:arg", "compound"}
GENITIVE_CASES = {"de", "du", "des", "d'", "d’"}
SEGMENT_BREAKS = {",", ";", ":", ".", "!", "?", "«", "»", '"', "“", "”", "—", "–"}
FRAMING_PREPOSITIONS = {"pour", "selon", "d'après", "d’après"}  # "Pour le ministre, X ..."
INDEFINITE_DETS = {"un", "une", "des", "de", "plusieurs", "certains", "certaines", "quelques"}
CLITICS = {"se", "s'", "s’", "ne", "n'", "n’", "y", "en", "l'", "l’", "leur", "lui"}
GIVEN_NAME_SPAN = 3  # given names looked for before a surname of the knowledge base


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
        self.known_places = {fold(name) for name in [*lexicon.capitals, *lexicon.regions]}
        self.titles = TitleRules(lexicon)
        for n, record in enumerate(token_patterns):
            self.matcher.add(f"{record['label']}#{n}", [record["pattern"]])
        # the words a pattern can start with: the Matcher runs only on the stretches they open
        # (on the whole text when a user's pattern opens on something else than words)
        firsts = [_first_words(record["pattern"]) for record in token_patterns]
        self.pattern_heads = None if None in firsts else frozenset(w.lower() for words in firsts for w in words)

    # -- building -------------------------------------------------------------------------
    def _add_names(self, nlp: Language, lexicon: Lexicon) -> None:
        groups: list[tuple[str, Entry]] = list(lexicon.names.items())
        groups += [
            (name, Entry(CAPITAL, e.canonical, None, e.country))
            for name, e in lexicon.capitals.items()
        ]
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
                    forms = _official_forms(variant) if entry.label == "OFFICIAL" else {variant}
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
        kept = filter_spans(candidates)
        places = {i for s in kept if s.label_ == REGION for i in range(s.start, s.end)}
        ours = [s for s in kept if self._keep(s)]
        ours = [_as_state(s) if s.label_ == CAPITAL else s for s in ours]
        ours = [fitted for s in ours if (fitted := self._fit_official(s)) is not None]
        ours += self._officials_from_context(doc, ours, places)
        ours += self._short_forms(doc, ours)
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
        if self.pattern_heads is None:
            matches = self.matcher(doc)
        else:
            starts = (t.i for t in tokens_where(doc, LOWER, self.pattern_heads))
            matches = [(key, begin + s, begin + e) for begin, end in windows(starts, PATTERN_REACH, len(doc))
                       for key, s, e in self.matcher(doc[begin:end])]
        for match_id, start, end in matches:
            label = vocab[match_id].partition("#")[0]
            span = Span(doc, start, end, label=label)
            known = self.by_folded.get(fold(span.text))
            span._.canonical = (
                known.canonical if known and known.label == label else _generic_canonical(span)
            )
            yield span

    def _exercise_spans(self, doc: Doc) -> Iterator[Span]:
        """Names after "exercice(s)", "manœuvres" (and "opération" in a military sentence):
        quoted, or a run of capitalised words that is not a known place, state or body."""
        triggers = WORDS.exercise_triggers | WORDS.operation_triggers
        candidates = {t.i: t for attr in (LOWER, LEMMA) for t in tokens_where(doc, attr, triggers)}
        for token in (candidates[i] for i in sorted(candidates)):
            word = {token.lemma_.lower(), token.lower_}
            if not word & WORDS.exercise_triggers and not (
                word & WORDS.operation_triggers and _military(token.sent)
            ):
                continue
            i = token.i + 1
            while i < len(doc) and _lemma_or_form_in(doc[i], WORDS.exercise_fillers):
                i += 1
            for start, end in _names_from(doc, i):
                folded = fold(doc[start:end].text)
                if (
                    folded in self.by_folded
                    and self.by_folded[folded].label != "MIL_EXERCISE"
                    or folded in self.known_places
                ):
                    break
                span = Span(doc, start, _with_year_suffix(doc, end), label="MIL_EXERCISE")
                bare = _without_year(doc[start:end])
                span._.canonical = self.lexicon.exercises.get(fold(bare)) or _title_case(bare)
                yield span

    def _keep(self, span: Span) -> bool:
        if span.label_ == REGION:
            return False
        if span.label_ == CAPITAL:
            if not (_acts_as_state(span) or _coordinated_with_capital(span, self.lexicon)):
                return False
        if span.label_ == "MINISTRY" and self.titles.encloses(span):
            return False
        if span.label_ == "TREATY" and len(span) == 1 and span.text.islower():
            return False
        if span.label_ == "OFFICIAL" and _named_after(span):
            return False
        return True

    def _fit_official(self, span: Span) -> Span | None:
        """A knowledge-base name without the title some aliases carry ("roi Juan Carlos"),
        over the given names written before a surname ("Christopher Asher Wray"); None when
        those given names are another person's ("Sarah Mattis" is not James Mattis)."""
        if span.label_ != "OFFICIAL":
            return span
        doc = span.doc
        start = span.start
        while start < span.end - 1 and (
            self.titles.is_title(doc[start]) or _is_honorific(doc[start])
        ):
            start += 1
        given = _given_names_before(doc, start, self.titles)
        if given < start:
            known = set(fold(span._.canonical or "").split())
            if not any(fold(t.text.rstrip(".")) in known for t in doc[given:start]):
                return None
            start = given
        if start == span.start:
            return span
        fitted = Span(doc, start, span.end, label=span.label_, kb_id=span.kb_id_)
        fitted._.canonical = span._.canonical
        fitted._.country = span._.country
        return fitted

    def _officials_from_context(self, doc: Doc, ours: list[Span], places: set[int]) -> list[Span]:
        """Personal names that a public title governs or stands beside become officials;
        ``places`` are tokens of region names, never a person's."""
        taken = places | {i for s in ours for i in range(s.start, s.end)}
        public = {i for s in ours if s.label_ in PUBLIC_LABELS for i in range(s.start, s.end)}
        found = []
        for ent in _name_candidates(doc):
            if all(i in taken for i in range(ent.start, ent.end)):
                continue
            name = self.titles.name_part(_extended_name(ent))
            if name is None or any(i in taken for i in range(name.start, name.end)):
                continue
            title = self.titles.official_title(name, public, close_only=ent.label_ not in PERSON_LABELS)
            if title is not None:
                span = Span(doc, name.start, name.end, label="OFFICIAL")
                span._.canonical = name.text
                span._.country = self.titles.country_of(*title)
                found.append(span)
                taken.update(range(name.start, name.end))
        return found

    def _short_forms(self, doc: Doc, ours: list[Span]) -> list[Span]:
        """A surname alone ("M. Tazi", "Tazi a ajouté") repeats an official named in full
        elsewhere in the document, unless other given names stand before it."""
        surnames: dict[str, Span] = {}
        for span in ours:
            if span.label_ == "OFFICIAL" and len(span) > 1 and span[-1].is_title:
                surnames.setdefault(span[-1].text, span)
            if span.label_ == "OFFICIAL" and len(span.text.split()) == 2 and span._.country in FAMILY_NAME_FIRST:
                surnames.setdefault(span[0].text, span)      # "Hu Jintao ... M. Hu"
        if not surnames:
            return []
        taken = {i for s in ours for i in range(s.start, s.end)}
        found = []
        orths = doc.to_array([ORTH])           # only the tokens spelt as a surname are looked at
        wanted = [doc.vocab.strings.add(name) for name in surnames]
        for i in numpy.flatnonzero(numpy.isin(orths, wanted)):
            token = doc[int(i)]
            full = surnames.get(token.text)
            if (
                full is None
                or token.i in taken
                or _given_names_before(doc, token.i, self.titles) < token.i
            ):
                continue
            found.append(_repeated(full, doc, token.i, token.i + 1))
        return found + self._leading_forms(doc, ours, taken)

    @staticmethod
    def _leading_forms(doc: Doc, ours: list[Span], taken: set[int]) -> list[Span]:
        """The first words of a long name alone ("Mohammed Ben Zayed" after "Mohammed Ben
        Zayed Al Nahyane", "Tamim ben Hamad" after "Tamim ben Hamad Al Thani"): at least two
        words of a name of three or more, repeating it."""
        leading: dict[tuple[str, ...], Span] = {}
        for span in ours:
            if span.label_ == "OFFICIAL" and len(span) > 2:
                for k in range(2, len(span)):
                    leading.setdefault(tuple(t.text for t in span[:k]), span)
        found = []
        orths = doc.to_array([ORTH]) if leading else None
        for words, full in leading.items():
            first = doc.vocab.strings.add(words[0])
            for i in numpy.flatnonzero(orths == first):
                start, end = int(i), int(i) + len(words)
                if end <= len(doc) and tuple(t.text for t in doc[start:end]) == words and not taken & set(range(start, end)) \
                        and (end == len(doc) or not doc[end].is_title):
                    found.append(_repeated(full, doc, start, end))
                    taken |= set(range(start, end))
        return found

    def _reconcile(self, doc: Doc, ours: list[Span]) -> list[Span]:
        taken = {i for s in ours for i in range(s.start, s.end)}
        kept = list(ours)
        for ent in doc.ents:
            if any(i in taken for i in range(ent.start, ent.end)):
                continue
            if ent.label_ in ("ORG", "MISC") and self.titles.is_title(ent[0]):
                continue  # a title fragment ("Secrétaire d'Etat Adjoint"), not an entity
            if ent.label_ in PERSON_LABELS and _named_after(ent):
                continue
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


class TitleRules:
    """What makes a personal name an official: a title word (title_heads.txt) governing it,
    in apposition to it or just before it; a "weak" head ("directeur", "président") counts
    only with a public complement ("directeur de la CIA", not "directeur chez Atlas Voyages").
    The same titles keep a ministry named inside them from being a MINISTRY mention."""

    def __init__(self, lexicon: Lexicon):
        self.heads = lexicon.title_heads
        self.weak = lexicon.weak_title_heads
        self.markers = lexicon.public_markers
        self.nationalities = lexicon.nationalities
        self.names = lexicon.names

    def is_title(self, token: Token) -> bool:
        return token.lemma_.lower() in self.heads or token.lower_ in self.heads

    def is_strong(self, token: Token) -> bool:
        return (
            self.is_title(token)
            and token.lemma_.lower() not in self.weak
            and token.lower_ not in self.weak
        )

    def name_part(self, ent: Span) -> Span | None:
        """The name part of a person span ("Président Trump" -> "Trump", "Mme X" -> "X")."""
        start = ent.start
        doc = ent.doc
        while start < ent.end and (
            self.is_title(doc[start])
            or _is_honorific(doc[start])
            or not doc[start].is_alpha
            or doc[start].is_lower
        ):
            start += 1
        end = ent.end
        while end > start and (self.is_title(doc[end - 1]) or not doc[end - 1].text[:1].isalpha()):
            end -= 1
        for k in range(start + 1, end - 1):      # "Abdallah II de Jordanie": the name, not the realm
            if doc[k].lower_ in ("de", "du", "d'", "d’"):
                entry = self.names.get(doc[k + 1:end].text) or self.names.get(doc[k + 2:end].text)
                if entry is not None and entry.label == "COUNTRY":
                    end = k
                    break
        if all(t.lower_ in WORDS.state_nouns or t.lower_ in WORDS.state_complements for t in doc[start:end]):
            return None                          # "Président de la République du Sénégal": no name
        return doc[start:end] if start < end else None

    # -- officials ------------------------------------------------------------------------
    def official_title(self, name: Span, public: set[int], close_only: bool = False) -> tuple[Token, Span] | None:
        """The public title that names ``name`` (title word, complement), or None;
        ``close_only``: only a title right before it counts (for capitalised words the base
        model did not take for a person)."""
        if close_only:
            found = self._title_right_before(name) or self._title_in_apposition(name)
        else:
            found = self._title_of(name)
        if found is None or _framed(found[0], name):
            return None
        return found if self._is_public(*found, public) else None

    def country_of(self, title: Token, complement: Span) -> str | None:
        """The state a nationality word in an official's title gives them: "le congressman
        X", "X, directeur de la Compagnie nationale nigériane", "le sénateur américain X"."""
        for token in (title, *complement):
            code = self.nationalities.get(token.lower_)
            if code and (token.pos_ == "ADJ" or token.i == title.i):
                return code
        return None

    def _title_of(self, name: Span) -> tuple[Token, Span] | None:
        """The title that governs ``name``, stands in apposition or just before it, with the
        words that complement that title."""
        doc = name.doc
        sent = name.sent
        governing = self._title_governing(name, ANCESTOR_HOPS)
        if governing is not None:
            return governing
        for child in name.root.children:
            if child.dep_ == "appos" and self.is_title(child) and child.i > name.end:
                return child, self._complement(child, name)
        close = self._title_right_before(name)
        if close is not None:
            return close
        before = self._title_in_preceding_segment(name)
        if before is not None:
            return before, self._complement(before, name)
        after = doc[name.end : min(sent.end, name.end + 3)]
        if len(after) > 1 and after[0].text == ",":
            for token in after[1:]:
                if self.is_title(token):
                    return token, self._complement(token, name)
        return None

    def _title_governing(self, name: Span, hops: int) -> tuple[Token, Span] | None:
        """A title up the parse from the name, through appositions and complements."""
        token = name.root
        for _ in range(hops):
            if token.head.i == token.i or token.dep_ not in NAME_PATH_DEPS:
                break
            coordinated = token.dep_ == "conj"
            token = token.head
            if not coordinated and self.is_title(token):
                return token, self._complement(token, name)
            if token.pos_ in ("VERB", "AUX"):
                break
        return None

    def _title_in_apposition(self, name: Span) -> tuple[Token, Span] | None:
        """ "Le ministre de l'Industrie, Ryad Mezzour, ...": the name in apposition to a title."""
        head = name.root.head
        if name.root.dep_ == "appos" and head.i < name.start and self.is_title(head):
            return head, self._complement(head, name)
        return None

    def _title_right_before(self, name: Span) -> tuple[Token, Span] | None:
        """ "l'ambassadeur Barbara Leaf", "le général américain X": a title a few words before
        the name, with no punctuation, verb or preposition governing the name between."""
        doc = name.doc
        if any(c.dep_ == "case" for c in name.root.children) or doc[name.start - 1].pos_ == "ADP":
            return None
        for token in doc[max(name.sent.start, name.start - TITLE_WINDOW) : name.start]:
            if self.is_title(token) and not _breaks_between(doc, token.i, name.start):
                return token, self._complement(token, name)
        return None

    def _title_in_preceding_segment(self, name: Span) -> Token | None:
        """ "le secrétaire adjoint chargé du processus de paix au Proche-Orient, Hadi Amr": a
        title opens the comma-delimited segment just before the name. A segment that frames
        an opinion ("Pour le ministre, X et Y menacent ...") names only when the name is
        itself closed by a comma."""
        doc = name.doc
        sent = _clause(name)
        i = name.start - 1
        while i > sent.start and _is_honorific(doc[i]):
            i -= 1
        if i < sent.start or doc[i].text != ",":
            return None
        i -= 1
        title = None
        commas = 0
        chunk_is_name = True
        while i >= sent.start and i >= name.start - SEGMENT_WINDOW:
            token = doc[i]
            if token.text == ")":
                i = _opening_parenthesis(doc, i, sent.start) - 1
                continue
            if token.text == "," and chunk_is_name and commas == 0 and title is None:
                commas += 1  # "le wali de la région X, Y, Name": a place name inside
                i -= 1
                continue
            if token.text in SEGMENT_BREAKS or (
                token.pos_ in ("VERB", "AUX") and not self.is_title(token)
            ):
                break
            if self.is_title(token):
                title = token
            elif not (token.pos_ == "PROPN" or token.is_title):
                chunk_is_name = False
            i -= 1
        return title

    def _complement(self, title: Token, name: Span) -> Span:
        doc = title.doc
        if title.i < name.start:
            return doc[title.i + 1 : name.start]
        end = title.i + 1
        while (
            end < title.sent.end
            and doc[end].text not in SEGMENT_BREAKS
            and doc[end].pos_ not in ("VERB", "AUX")
        ):
            end += 1
        return doc[title.i + 1 : end]

    def _is_public(self, title: Token, complement: Span, public: set[int]) -> bool:
        if self.is_strong(title) or any(self.is_strong(t) for t in complement):
            return True
        if self._strong_title_before(title):
            return True  # "le vice-ministre de la Défense, chargé des achats, X"
        content = [
            t for t in complement if t.pos_ in ("NOUN", "PROPN", "ADJ") and not self.is_title(t)
        ]
        if not content:
            return True  # "le président Joe Biden"
        return any(
            t.i in public
            or fold(t.lemma_) in self.markers
            or fold(t.text) in self.markers
            or t.lower_ in self.nationalities
            for t in complement
        )

    def _strong_title_before(self, title: Token) -> bool:
        """A strong title earlier in the same noun phrase, across at most one comma."""
        doc = title.doc
        commas = 0
        for i in range(title.i - 1, max(title.sent.start, title.i - SEGMENT_WINDOW) - 1, -1):
            token = doc[i]
            if token.text == ",":
                commas += 1
                if commas > 1:
                    return False
                continue
            if token.text in SEGMENT_BREAKS or (
                token.pos_ in ("VERB", "AUX") and not self.is_title(token)
            ):
                return False
            if self.is_strong(token):
                return True
        return False

    # -- ministries -----------------------------------------------------------------------
    def encloses(self, span: Span) -> bool:
        """A ministry complementing a title ("porte-parole du Département d'Etat", "ministre
        délégué chargé de l'Administration de la défense nationale", "les patrons du FBI"),
        not one beside a title ("le ministre et le Pentagone") or after a group ("des
        responsables de la Maison Blanche")."""
        doc = span.doc
        if span.start >= 2 and doc[span.start - 1].text == "-" and doc[span.start - 2].is_upper:
            return self.encloses(doc[span.start - 2 : span.start - 1])  # "pôle DGSN-DGST"
        token = span.root
        for _ in range(ANCESTOR_HOPS):
            if token.head.i == token.i or token.dep_ not in MINISTRY_PATH_DEPS:
                return False
            cases = {c.lower_ for c in token.children if c.dep_ == "case"}
            if cases - GENITIVE_CASES:
                return False  # "au sein du Conseil", "à la Maison Blanche": a place
            coordinated = token.dep_ == "conj" and not cases
            token = token.head
            if not coordinated and self.is_title(token):
                return not _indefinite(token)
            if token.pos_ in ("VERB", "AUX"):
                return False
        return False


def _clause(name: Span) -> Span:
    """The sentence of ``name``, joined to the one before when the parser cut it at a comma."""
    doc = name.doc
    sent = name.sent
    while sent.start > 0 and doc[sent.start].text == ",":
        previous = doc[sent.start - 1].sent
        sent = doc[previous.start : sent.end]
    return sent


def _framed(title: Token, name: Span) -> bool:
    """ "Pour le secrétaire d'Etat, Al Qaïda et d'autres groupes ...": a title inside a segment
    that frames an opinion does not name the subject that follows, unless that name is
    itself closed by a comma ("Selon le porte-parole, X, le texte ...")."""
    doc = title.doc
    if title.i > name.start:
        return False
    i = title.i
    while (
        i > title.sent.start and doc[i - 1].text not in SEGMENT_BREAKS and not doc[i - 1].is_space
    ):
        i -= 1
    opener = doc[i]
    closed = name.end < len(doc) and doc[name.end].text == ","
    return opener.lower_ in FRAMING_PREPOSITIONS and not closed and doc[name.start - 1].text == ","


def _name_candidates(doc: Doc) -> Iterator[Span]:
    """The base model's persons, and other capitalised names it labelled or missed (it tags
    "Bourita" or "Barbara Leaf" LOC or MISC at times); those need a title right beside them."""
    for ent in doc.ents:
        if ent.label_ in PERSON_LABELS or (
            len(ent) > 1 and all(t.pos_ == "PROPN" and t.is_title for t in ent)
        ):
            yield ent
    i = 0
    while i < len(doc):
        end = i
        while (
            end < len(doc)
            and not doc[end].ent_type_
            and doc[end].pos_ == "PROPN"
            and doc[end].is_title
        ):
            end += 1
        numbered = end > i and end < len(doc) and REGNAL_NUMBER.fullmatch(doc[end].text) is not None
        if numbered:                     # "Abdallah II", "Felipe VI": a name with its regnal number
            end += 1
        if end - i > 1:
            yield Span(doc, i, end, label="PROPN")
        i = max(end, i + 1)


def _given_names_before(doc: Doc, start: int, titles: TitleRules) -> int:
    """Where the given names written before token ``start`` begin (``start`` if none)."""
    i = start
    while i > 0 and start - i < GIVEN_NAME_SPAN:
        token = doc[i - 1]
        initial = len(token.text) == 2 and token.text[0].isupper() and token.text[1] == "."
        if (
            not (token.pos_ == "PROPN" and (token.is_title or initial))
            or titles.is_title(token)
            or _is_honorific(token)
            or token.lower_ in WORDS.noble_titles        # "l'Émir Cheikh Tamim ...": a rank, no given name
            or (token.is_sent_start and token.ent_type_ != "PER")
        ):
            break
        i -= 1
    return i


def _is_honorific(token: Token) -> bool:
    return token.lower_ in WORDS.honorific_forms or fold(token.text) in HONORIFICS


def _indefinite(token: Token) -> bool:
    return any(
        c.dep_ in ("det", "nummod") and (c.lower_ in INDEFINITE_DETS or c.like_num)
        for c in token.children
    )


def _breaks_between(doc: Doc, start: int, end: int) -> bool:
    return any(t.text in SEGMENT_BREAKS or t.pos_ in ("VERB", "AUX") for t in doc[start + 1 : end])


def _opening_parenthesis(doc: Doc, close: int, floor: int) -> int:
    for i in range(close - 1, floor - 1, -1):
        if doc[i].text == "(":
            return i
    return close


def _military(sent: Span) -> bool:
    return any(_lemma_or_form_in(t, WORDS.military_cues) for t in sent)


def _lemma_or_form_in(token: Token, words: frozenset[str]) -> bool:
    return token.lemma_.lower() in words or token.lower_ in words


def _with_year_suffix(doc: Doc, end: int) -> int:
    """Extend an exercise name over a following year ("African Lion 2024", "Chebec 25")."""
    if (
        end < len(doc)
        and doc[end].like_num
        and doc[end].text.isdigit()
        and len(doc[end].text) in (2, 4)
    ):
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
            if end == i:
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
    while (
        token.dep_ == "conj" and token.head.i != token.i and token.head.pos_ not in ("VERB", "AUX")
    ):
        token = token.head
    if token.dep_ in STATE_SUBJECT_DEPS and token.head.lemma_.lower() in WORDS.hosting_verbs:
        return False  # "Dakar accueille le forum": the city as a venue
    if token.dep_ in STATE_SUBJECT_DEPS or _verb_follows(span):
        return True
    cases = {c.lower_ for c in token.children if c.dep_ == "case"}
    if token.dep_ == "nmod" and cases & OWNER_CASES and token.head.lemma_.lower() in WORDS.owned_stances:
        return True  # "la décision de Madrid de reconnaître ...": the state's stance
    return bool(cases & PARTY_PREPOSITIONS)


def _verb_follows(span: Span) -> bool:
    """ "que Washington « contribue ... »": a capital not governed by a preposition and
    followed by a verb is the clause subject, whatever the parse says."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].pos_ in ("ADP", "DET"):
        return False
    i = span.end
    while i < len(doc) and (
        doc[i].text in QUOTES_OPEN or doc[i].lower_ in CLITICS or doc[i].pos_ == "ADV"
    ):
        i += 1
    return i < len(doc) and doc[i].pos_ in ("VERB", "AUX")


def _as_state(span: Span) -> Span:
    state = Span(span.doc, span.start, span.end, label="COUNTRY")
    state._.canonical = span._.canonical
    state._.country = span._.country
    return state


def _coordinated_with_capital(span: Span, lexicon: Lexicon) -> bool:
    """ "Washington et Rabat ont ...": two capitals joined by "et" and followed by a verb act
    as states (the parser often misses that subject); "à Madrid et Lisbonne" are places."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ == "et":
        first, second_end = span.start, _capital_end(doc, span.end + 1, lexicon)
    elif span.start >= 2 and doc[span.start - 1].lower_ == "et":
        first, second_end = _capital_start(doc, span.start - 1, lexicon), span.end
    else:
        return False
    if first is None or second_end is None:
        return False
    if first > 0 and doc[first - 1].pos_ == "ADP":
        return False
    nxt = doc[second_end] if second_end < len(doc) else None
    return nxt is not None and (nxt.pos_ in ("VERB", "AUX") or nxt.lower_ in CLITICS)


def _capital_end(doc: Doc, start: int, lexicon: Lexicon) -> int | None:
    for end in range(start + 1, min(len(doc), start + 3) + 1):
        if doc[start:end].text in lexicon.capitals:
            return end
    return None


def _capital_start(doc: Doc, end: int, lexicon: Lexicon) -> int | None:
    for start in range(end - 1, max(-1, end - 4), -1):
        if doc[start:end].text in lexicon.capitals:
            return start
    return None


def _extended_name(ent: Span) -> Span:
    """The base model sometimes tags only the first name ("Sofia" of "Sofia Marchetti"), or
    stops at the hyphen of a double name the tokenizer split ("Meir Ben" of "Ben-Shabbat")."""
    doc = ent.doc
    end = ent.end
    while end < len(doc):
        if doc[end].pos_ == "PROPN" and doc[end].is_title and not doc[end].ent_type_:
            end += 1
        elif _hyphen_joins(doc, end):
            end += 2
        else:
            break
    return doc[ent.start : end]


def _hyphen_joins(doc: Doc, i: int) -> bool:
    """Token ``i`` is a hyphen written between two capitalised words ("Ben-Shabbat")."""
    return (0 < i < len(doc) - 1 and doc[i].text == "-" and not doc[i - 1].whitespace_
            and not doc[i].whitespace_ and doc[i + 1].is_title and doc[i - 1].is_title)


def _generic_canonical(span: Span) -> str:
    text = span.text.strip(" ,;:")
    if span.label_ == "MINISTRY" and text[:1] in "Mm" and text.lower().startswith("ministère"):
        return "m" + text[1:]
    return text[:1].upper() + text[1:]


def _without_year(name: Span) -> str:
    """ "Sahara Shield 2023" -> "Sahara Shield": the canonical name of a yearly exercise."""
    if len(name) > 1 and name[-1].is_digit and len(name[-1]) in (2, 4):
        return name[:-1].text
    return name.text


def _title_case(text: str) -> str:
    return " ".join(w if not w.isupper() or len(w) < 3 else w.capitalize() for w in text.split())


def load_token_patterns(
    treaty_heads: Iterable[str], user_files: Iterable[str | Path] = ()
) -> list[dict]:
    """Token patterns for generic ministries and treaties; "HEAD" stands for the treaty heads."""
    heads = sorted(treaty_heads)
    records = load_jsonl("patterns/ministries.jsonl") + load_jsonl(
        "patterns/treaties.jsonl", user_files
    )
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
    return EntityRecognizer(
        nlp, lexicon, load_token_patterns(lexicon.treaty_heads, user_pattern_files)
    )


def _repeated(full: Span, doc: Doc, start: int, end: int) -> Span:
    """A shorter mention of the official named in full by ``full``."""
    span = Span(doc, start, end, label="OFFICIAL", kb_id=full.kb_id_)
    span._.canonical = full._.canonical or full.text
    span._.country = full._.country
    return span


def _first_words(pattern: list[dict]) -> list[str] | None:
    """The words a token pattern's first token may be (its LOWER or ORTH values), or None
    when it opens on something else (a shape, a part of speech, an optional token)."""
    first = pattern[0] if pattern else {}
    values = first.get("LOWER", first.get("ORTH"))
    values = values.get("IN") if isinstance(values, dict) else [values]
    if "OP" in first or not values or not all(isinstance(v, str) for v in values):
        return None
    return values


def _official_forms(name: str) -> set[str]:
    """A person's name as written and as the press also spells it: the given name in another
    transliteration ("Mohamed/Mohammad Khatami"), Arabic particles in either case ("Tamim Bin
    Hamad", "Al-Sissi"), all in capitals (a dateline), and the surname in capitals, with or
    without its accents, as official communiqués print it ("Alassane OUATTARA")."""
    words = name.split()
    spellings = next(([w.capitalize() for w in group.split()] for group in WORDS.given_name_spellings
                      if words[0].lower() in group.split()), [words[0]])
    spelt = {" ".join([first, *words[1:]]) for first in spellings} if len(words) > 1 else {name}
    if any(_particle(w) for w in words[1:]):
        spelt |= {" ".join([w[0], *(_particle_in_case(x, case) for x in w[1:])])
                  for w in map(str.split, list(spelt)) for case in (str.lower, str.capitalize)}
    forms = spelt | {name, name.upper()}
    given, _, surname = name.rpartition(" ")
    if given:
        forms |= {f"{given} {surname.upper()}", f"{given} {strip_accents(surname).upper()}"}
    return forms


def _particle(word: str) -> str | None:
    """The Arabic name particle a word is or opens ("bin", "al-Sissi" → "al"), if any."""
    lead = word.lower().partition("-")[0]
    return lead if lead in NAME_PARTICLES and (lead == word.lower() or "-" in word) else None


def _particle_in_case(word: str, case) -> str:
    particle = _particle(word)
    return case(particle) + word[len(particle):] if particle else word


def _named_after(name: Span) -> bool:
    """The name is that of a place, an institution or a ship named after a person ("le
    mausolée Mohammed V", "l'université Mohammed V"), not a person."""
    return name.start > 0 and name.doc[name.start - 1].lower_ in WORDS.named_after_nouns
