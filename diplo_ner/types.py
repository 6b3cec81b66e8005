"""Plain data produced by the pipeline: entities, triples and per-document results.

These are frozen dataclasses holding only strings and numbers, so they cross process
boundaries (``nlp.pipe(n_process=...)``, Dask) and serialise to the output JSONL as they are.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import asdict, dataclass, field
from typing import Any

EVENT_TYPES = (
    "MEET", "CALL", "VISIT", "SIGN", "CO_CHAIR", "AGREE",
    "SUPPORT", "PRAISE", "CRITICIZE", "EXERCISE",
)
SYMMETRIC_TYPES = frozenset({"MEET", "CALL", "SIGN", "CO_CHAIR", "AGREE", "EXERCISE"})
DIPLO_LABELS = ("OFFICIAL", "MINISTRY", "TREATY", "MIL_EXERCISE", "COUNTRY")


@dataclass(frozen=True)
class Entity:
    """One entity mention: its text, label, canonical name and character offsets."""

    text: str
    label: str
    canonical: str
    start: int
    end: int
    kb_id: str | None = None
    country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Mention:
    """Where an interaction is told: one sentence of the article, its trigger and the rule
    that read it. An interaction told three times has three mentions."""

    start: int                      # character offsets of the sentence
    end: int
    trigger_start: int | None
    trigger_end: int | None
    rule: str
    date_text: str | None = None


@dataclass(frozen=True)
class Triple:
    """An interaction (actor, action, counterpart, date) with its provenance."""

    actor: str
    actor_label: str
    action: str
    event_type: str
    counterpart: str
    counterpart_label: str
    object: str | None
    date: str | None
    date_text: str | None
    sentence: str
    start: int
    end: int
    confidence: float
    rule: str = ""
    cameo: str | None = None
    actor_kb_id: str | None = None
    counterpart_kb_id: str | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None
    mentions: tuple[Mention, ...] = ()     # every sentence that tells this interaction

    def __post_init__(self) -> None:
        if any(isinstance(m, dict) for m in self.mentions) or isinstance(self.mentions, list):
            # read back from JSON or msgpack: mentions arrive as plain dicts in a list
            object.__setattr__(self, "mentions", tuple(
                Mention(**m) if isinstance(m, dict) else m for m in self.mentions))

    @property
    def symmetric(self) -> bool:
        return self.event_type in SYMMETRIC_TYPES

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Result:
    """Everything diplo_ner found in one document."""

    id: str
    pub_date: dt.date | None
    entities: tuple[Entity, ...] = field(default_factory=tuple)
    triples: tuple[Triple, ...] = field(default_factory=tuple)
    pub_date_evidence: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """One output record, as described in CONTRACT.md."""
        return {
            "id": self.id,
            "pub_date": self.pub_date.isoformat() if self.pub_date else None,
            "pub_date_evidence": self.pub_date_evidence,
            "entities": [e.to_dict() for e in self.entities],
            "triples": [t.to_dict() for t in self.triples],
        }

    def _repr_html_(self) -> str:
        rows = "".join(
            "<tr>" + "".join(f"<td>{html.escape(str(v or ''))}</td>" for v in (
                t.actor, t.event_type, t.action, t.counterpart, t.object, t.date, t.confidence
            )) + "</tr>"
            for t in self.triples
        )
        head = "".join(f"<th>{h}</th>" for h in (
            "actor", "event", "action", "counterpart", "object", "date", "confidence"))
        return (
            f"<p><b>{html.escape(self.id)}</b> · published {self.pub_date or 'unknown'} · "
            f"{len(self.entities)} entities · {len(self.triples)} triples</p>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        )
