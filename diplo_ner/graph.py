"""Results → a ``networkx.MultiDiGraph`` of interactions, de-duplicated across documents.

Nodes are parties, keyed by knowledge-base id (``actor_kb_id``, ``counterpart_kb_id`` or an
entity's ``kb_id``), else by canonical name. Node attributes: ``label``, ``canonical``,
``kb_id``, ``aliases`` (surface forms seen), ``country`` (ISO2) and ``mentions``.

Edges are events, keyed by ``event_id``, with ``event_type``, ``action``, ``actions``,
``cameo``, ``date``, ``object``, ``symmetric``, ``confidence`` (the highest of its sources),
``sources`` (one dict per document: ``doc_id``, ``sentence``, ``start``, ``end``,
``confidence``, ``date_text``, ``date``, ``action``, ``rule``) and ``n_sources`` (the
number of documents reporting the event, like GDELT's NumArticles).

De-duplication. Two reports are the same event when they have the same parties, the same
event type and compatible dates:

- dates are compatible when one contains the other: equal days, a day inside a range, a
  day or range inside a month or year (overlapping ranges that do not contain one another
  stay apart, so events do not chain across weeks);
- an undated report merges with the undated event of the same parties and type, else with
  the dated one when it is the only dated event of those parties and type at that time;
  a first dated report likewise absorbs a lone undated event. With two or more dated
  candidates an undated report stays its own edge (it cannot be attributed);
- symmetric types (``SYMMETRIC_TYPES``) are one edge whatever the direction, stored from
  the smaller to the larger node key, with ``symmetric=True``;
- one document reporting the same event twice gives one source;
- the merged event keeps the most precise date (the narrowest: a day over a range, a range
  over a month, a month over a year).

Look-ups go through a dict keyed by (event type, parties), never pairwise scans; merging
depends on the order reports arrive in only in the undated cases above.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import networkx as nx

from .dates import compatible_dates, date_bounds
from .text import fold
from .types import SYMMETRIC_TYPES, Result

__all__ = [
    "Dyad",
    "GraphSummary",
    "build_graph",
    "compatible_dates",
    "date_bounds",
    "dyad_filter",
    "ego_network",
    "events",
    "events_to_csv",
    "interactions",
    "mentions_to_csv",
    "morocco_us",
    "read_gexf",
    "read_graphml",
    "read_node_link_json",
    "resolve",
    "strongest_dyads",
    "summary",
    "timeline",
    "to_gexf",
    "to_graphml",
    "to_node_link_json",
]

JSON_ATTRIBUTES = ("aliases", "sources", "actions")
OPTIONAL_ATTRIBUTES = ("kb_id", "country", "date", "cameo", "object")
GEXF_LABEL_KEY = "diplo_label"
EVENT_ID_PREFIX = "ev"
EVENT_ID_DIGITS = 7
MOROCCO = "Maroc"
UNITED_STATES = "Etats-Unis"
COUNTRY_LABEL = "COUNTRY"
DEFAULT_TOP_DYADS = 10
SOURCE_FIELDS = (
    "doc_id",
    "sentence",
    "start",
    "end",
    "confidence",
    "date_text",
    "date",
    "action",
    "rule",
)


def _width(value: str | None) -> int:
    bounds = date_bounds(value)
    return (bounds[1] - bounds[0]).days if bounds else 1 << 30


def _more_precise(a: str | None, b: str | None) -> str | None:
    """The narrower of two compatible dates (``a`` on a tie)."""
    return b if _width(b) < _width(a) else a


def _as_day(value: Any, last: bool) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    bounds = date_bounds(str(value))
    return None if bounds is None else bounds[1 if last else 0]


# -- building ------------------------------------------------------------------------------
def _record(item: Result | dict[str, Any]) -> dict[str, Any]:
    return item.to_dict() if hasattr(item, "to_dict") else item


def _text(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


Edge = tuple[str, str, str]


class _Bucket:
    """The events of one (event type, parties): undated ones, day-precise ones by day, and
    coarser ones (ranges, months, years) with their bounds, so a date finds the events it
    contains or lies in without scanning every event of the dyad."""

    __slots__ = ("undated", "days", "coarse", "n_dated")

    def __init__(self) -> None:
        self.undated: list[Edge] = []
        self.days: dict[dt.date, list[Edge]] = {}
        self.coarse: dict[Edge, tuple[dt.date, dt.date]] = {}
        self.n_dated = 0

    def add(self, edge: Edge, date: str | None) -> None:
        bounds = date_bounds(date)
        if bounds is None:
            self.undated.append(edge)
            return
        self.n_dated += 1
        if bounds[0] == bounds[1]:
            self.days.setdefault(bounds[0], []).append(edge)
        else:
            self.coarse[edge] = bounds

    def remove(self, edge: Edge, date: str | None) -> None:
        bounds = date_bounds(date)
        if bounds is None:
            self.undated.remove(edge)
            return
        self.n_dated -= 1
        if bounds[0] == bounds[1]:
            self.days[bounds[0]].remove(edge)
        else:
            del self.coarse[edge]

    def only_dated(self) -> Edge | None:
        """The dated event, when there is exactly one."""
        if self.n_dated != 1:
            return None
        if self.coarse:
            return next(iter(self.coarse))
        return next(edges[0] for edges in self.days.values() if edges)

    def candidates(self, bounds: tuple[dt.date, dt.date]) -> list[Edge]:
        """Dated events whose date contains ``bounds`` or lies inside it."""
        lo, hi = bounds
        found = [
            e for e, (a, b) in self.coarse.items() if (a <= lo and hi <= b) or (lo <= a and b <= hi)
        ]
        span = (hi - lo).days + 1
        if span <= len(self.days):
            days = (lo + dt.timedelta(days=i) for i in range(span))
            found += [e for day in days for e in self.days.get(day, ())]
        else:
            found += [e for day, edges in self.days.items() if lo <= day <= hi for e in edges]
        return found


class _Builder:
    """Adds records to a graph, keeping the name and (type, parties) indexes in step."""

    def __init__(self, g: nx.MultiDiGraph):
        self.g = g
        self.names: dict[str, str] = {}
        self.buckets: dict[tuple[str, str, str], _Bucket] = {}
        self.docs: dict[str, set[str]] = {}
        self.next_id = 0
        self.renamed: dict[str, str] = {}
        self._fold_cache: dict[str, str] = {}
        for node, data in g.nodes(data=True):
            self.names.setdefault(self.fold(data.get("canonical") or str(node)), node)
        for u, v, k, data in g.edges(keys=True, data=True):
            bucket = self.buckets.setdefault((data.get("event_type", ""), u, v), _Bucket())
            bucket.add((u, v, k), data.get("date"))
            self.docs[k] = {s.get("doc_id") for s in data.get("sources", [])}
            self.next_id = max(self.next_id, _event_number(k) + 1)

    def fold(self, name: str) -> str:
        folded = self._fold_cache.get(name)
        if folded is None:
            folded = self._fold_cache[name] = fold(name)
        return folded

    # nodes
    def current(self, key: str) -> str:
        """The key a node has now, following adoptions."""
        while key in self.renamed:
            key = self.renamed[key]
        return key

    def party_key(self, name: str, kb_id: str | None) -> str:
        """The node key of a party, adopting a node keyed by the same name once the
        party's knowledge-base id is known."""
        if not kb_id:
            return self.names.get(self.fold(name), name)
        existing = self.names.get(self.fold(name))
        if existing is not None and existing != kb_id and not self.g.nodes[existing].get("kb_id"):
            self._adopt(existing, kb_id)
        return kb_id

    def ensure_node(self, key: str, name: str, label: str | None, kb_id: str | None) -> None:
        if key not in self.g:
            self.g.add_node(
                key,
                label=label or "",
                canonical=name,
                kb_id=kb_id,
                aliases=[name],
                country=None,
                mentions=0,
            )
            self.names[self.fold(name)] = key
        elif label and not self.g.nodes[key].get("label"):
            self.g.nodes[key]["label"] = label

    def _adopt(self, old: str, new: str) -> None:
        """Move the node ``old`` (keyed by name) and its events into ``new``."""
        data = self.g.nodes[old]
        self.ensure_node(new, data.get("canonical") or old, data.get("label"), new)
        target = self.g.nodes[new]
        target["aliases"] = sorted(set(target["aliases"]) | set(data.get("aliases", [])))
        target["mentions"] += data.get("mentions", 0)
        target["country"] = target.get("country") or data.get("country")
        edges = list(self.g.in_edges(old, keys=True, data=True))
        edges += list(self.g.out_edges(old, keys=True, data=True))
        for u, v, k, edata in edges:
            if not self.g.has_edge(u, v, k):
                continue  # a self-loop, seen twice
            self._unindex(edata["event_type"], u, v, k)
            self.g.remove_edge(u, v, k)
            self.docs.pop(k, None)
            self.place(new if u == old else u, new if v == old else v, edata, k)
        self.g.remove_node(old)
        self.renamed[old] = new
        self.names[self.fold(target["canonical"])] = new

    # events
    def place(
        self, actor: str, counterpart: str, event: dict[str, Any], key: str | None = None
    ) -> None:
        """Merge ``event`` into a matching edge, or add it as a new edge."""
        if event["symmetric"] and counterpart < actor:
            actor, counterpart = counterpart, actor
        bucket = self.buckets.setdefault((event["event_type"], actor, counterpart), _Bucket())
        match = self._match(bucket, event.get("date"))
        if match is not None:
            self._merge(bucket, match, event)
            return
        key = key or self._new_key()
        self.g.add_edge(actor, counterpart, key=key, **{**event, "event_id": key})
        bucket.add((actor, counterpart, key), event.get("date"))
        self.docs[key] = {s["doc_id"] for s in event["sources"]}

    def _match(self, bucket: _Bucket, date: str | None) -> Edge | None:
        bounds = date_bounds(date)
        if bounds is None:
            if bucket.undated:
                return bucket.undated[0]
            return bucket.only_dated()
        fits = bucket.candidates(bounds)
        if fits:
            return min(
                fits,
                key=lambda e: (self._edge(e)["date"] != date, _width(self._edge(e)["date"]), e[2]),
            )
        return bucket.undated[0] if bucket.undated and not bucket.n_dated else None

    def _merge(self, bucket: _Bucket, edge: Edge, event: dict[str, Any]) -> None:
        data = self._edge(edge)
        seen = self.docs[edge[2]]
        for source in event["sources"]:
            if source["doc_id"] not in seen:
                seen.add(source["doc_id"])
                data["sources"].append(source)
        data["n_sources"] = len(data["sources"])
        date = _more_precise(data.get("date"), event.get("date"))
        if date != data.get("date"):
            bucket.remove(edge, data.get("date"))
            bucket.add(edge, date)
            data["date"] = date
        data["confidence"] = max(data.get("confidence") or 0.0, event.get("confidence") or 0.0)
        for name in ("object", "cameo", "action"):
            data[name] = data.get(name) or event.get(name)
        data["actions"] = sorted(set(data.get("actions", [])) | set(event.get("actions", [])))

    def _edge(self, edge: Edge) -> dict[str, Any]:
        return self.g.adj[edge[0]][edge[1]][edge[2]]

    def _unindex(self, event_type: str, u: str, v: str, k: str) -> None:
        bucket = self.buckets.get((event_type, u, v))
        if bucket is not None:
            bucket.remove((u, v, k), self._edge((u, v, k)).get("date"))

    def _new_key(self) -> str:
        key = f"{EVENT_ID_PREFIX}{self.next_id:0{EVENT_ID_DIGITS}d}"
        self.next_id += 1
        while key in self.docs:
            key = f"{EVENT_ID_PREFIX}{self.next_id:0{EVENT_ID_DIGITS}d}"
            self.next_id += 1
        return key


def _event_number(key: Any) -> int:
    text = str(key)
    digits = text[len(EVENT_ID_PREFIX) :] if text.startswith(EVENT_ID_PREFIX) else ""
    return int(digits) if digits.isdigit() else -1


def _event(doc_id: str, t: dict[str, Any]) -> dict[str, Any]:
    """The edge attributes of one triple, with its single source."""
    date = _text(t.get("date"))
    action = _text(t.get("action"))
    confidence = float(t.get("confidence") or 0.0)
    source = {
        "doc_id": doc_id,
        "sentence": t.get("sentence") or "",
        "start": t.get("start"),
        "end": t.get("end"),
        "confidence": confidence,
        "date_text": _text(t.get("date_text")),
        "date": date,
        "action": action,
        "rule": t.get("rule") or "",
    }
    return {
        "event_type": t["event_type"],
        "action": action,
        "actions": [action] if action else [],
        "cameo": _text(t.get("cameo")),
        "date": date,
        "object": _text(t.get("object")),
        "symmetric": t["event_type"] in SYMMETRIC_TYPES,
        "confidence": confidence,
        "sources": [source],
        "n_sources": 1,
    }


class _Tally:
    """Entity facts by node key: surface forms, countries and mention counts."""

    def __init__(self) -> None:
        self.aliases: dict[str, set[str]] = {}
        self.countries: dict[str, str] = {}
        self.mentions: Counter[str] = Counter()

    def add_entities(self, builder: _Builder, entities: Iterable[dict[str, Any]]) -> None:
        for e in entities:
            name = e.get("canonical") or e.get("text")
            if not name:
                continue
            key = builder.party_key(name, _text(e.get("kb_id")))
            self.mentions[key] += 1
            self.aliases.setdefault(key, set()).update(x for x in (e.get("text"), name) if x)
            if e.get("country"):
                self.countries.setdefault(key, e["country"])

    def add_document(self, builder: _Builder, document: _Tally, parties: set[str]) -> None:
        """Take ``document``'s facts about the parties of its events; a party it names in an
        event only through a title counts one mention."""
        parties = {builder.current(p) for p in parties}
        named = set()
        for old, count in document.mentions.items():
            key = builder.current(old)
            if key not in parties:
                continue
            named.add(key)
            self.mentions[key] += count
            self.aliases.setdefault(key, set()).update(document.aliases.get(old, ()))
            if old in document.countries:
                self.countries.setdefault(key, document.countries[old])
        self.mentions.update(parties - named)

    def apply(self, builder: _Builder) -> None:
        g = builder.g
        for old, count in self.mentions.items():
            key = builder.current(old)
            if key not in g:
                continue
            node = g.nodes[key]
            node["mentions"] = node.get("mentions", 0) + count
            node["aliases"] = sorted(set(node.get("aliases", [])) | self.aliases.get(old, set()))
            node["country"] = node.get("country") or self.countries.get(old)
        _fill_country_codes(g)


def build_graph(
    results: Iterable[Result | dict[str, Any]], graph: nx.MultiDiGraph | None = None
) -> nx.MultiDiGraph:
    """Add the interactions of ``results`` to ``graph`` (a new one by default) and return it.

    ``results`` holds :class:`~diplo_ner.types.Result` objects or output records (dicts as
    in CONTRACT.md); records with an ``"error"`` key are skipped, missing optional keys are
    tolerated. Passing an existing graph merges into it (see the module docstring for the
    de-duplication rules). A node's ``mentions``, ``aliases`` and ``country`` come from the
    documents where the party takes part in an event (so adding results one by one gives
    the same graph as adding them at once); a document naming a party in an event only
    through a title counts one mention.
    """
    g = graph if graph is not None else nx.MultiDiGraph()
    builder, tally = _Builder(g), _Tally()
    for item in results:
        record = _record(item)
        if "error" in record:
            continue
        _add_record(builder, tally, record)
    tally.apply(builder)
    return g


def _add_record(builder: _Builder, tally: _Tally, record: dict[str, Any]) -> None:
    doc_id = str(record.get("id", ""))
    document = _Tally()
    document.add_entities(builder, record.get("entities") or ())
    parties: set[str] = set()
    for t in record.get("triples") or ():
        if not (t.get("actor") and t.get("counterpart") and t.get("event_type")):
            continue
        actor = _party(builder, t["actor"], t.get("actor_label"), t.get("actor_kb_id"))
        counterpart = _party(
            builder, t["counterpart"], t.get("counterpart_label"), t.get("counterpart_kb_id")
        )
        parties.update((actor, counterpart))
        builder.place(actor, counterpart, _event(doc_id, t))
    tally.add_document(builder, document, parties)


def _party(builder: _Builder, name: str, label: str | None, kb_id: str | None) -> str:
    key = builder.party_key(name, _text(kb_id))
    builder.ensure_node(key, name, label, _text(kb_id))
    return key


def _fill_country_codes(g: nx.MultiDiGraph) -> None:
    """COUNTRY nodes without a ``country`` get the ISO2 code of their name, when known."""
    for _, data in g.nodes(data=True):
        if data.get("label") == COUNTRY_LABEL and not data.get("country"):
            data["country"] = _country_code(data.get("canonical", ""))


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    from .errors import ResourceError
    from .resources import packaged_jsonl

    try:
        rows = packaged_jsonl("countries.jsonl")
    except ResourceError:
        return {fold(MOROCCO): "MA", fold(UNITED_STATES): "US"}
    return {fold(name): row["code"] for row in rows for name in [row["canonical"], *row["names"]]}


def _country_code(name: str) -> str | None:
    if len(name) == 2 and name.isupper():
        return name
    return _country_codes().get(fold(name))


# -- queries -------------------------------------------------------------------------------
def resolve(g: nx.MultiDiGraph, party: str) -> str | None:
    """The node key of ``party``: a node key, a canonical name or, failing that, an alias
    (compared folded: case, accents and punctuation ignored)."""
    if party in g:
        return party
    folded = fold(party)
    by_alias = None
    for node, data in g.nodes(data=True):
        if fold(data.get("canonical") or "") == folded:
            return node
        if by_alias is None and any(fold(a) == folded for a in data.get("aliases") or ()):
            by_alias = node
    return by_alias


def _event_view(g: nx.MultiDiGraph, u: str, v: str, data: dict[str, Any]) -> dict[str, Any]:
    return {
        **data,
        "actor": u,
        "counterpart": v,
        "actor_name": g.nodes[u].get("canonical", u),
        "counterpart_name": g.nodes[v].get("canonical", v),
    }


def _date_order(event: dict[str, Any]) -> tuple[bool, dt.date, int, str]:
    bounds = date_bounds(event.get("date"))
    return (
        bounds is None,
        bounds[0] if bounds else dt.date.min,
        _width(event.get("date")),
        str(event.get("event_id", "")),
    )


def _in_window(date: str | None, start: dt.date | None, end: dt.date | None) -> bool:
    if start is None and end is None:
        return True
    bounds = date_bounds(date)
    if bounds is None:
        return False
    return (start is None or bounds[1] >= start) and (end is None or bounds[0] <= end)


def interactions(
    g: nx.MultiDiGraph,
    a: str,
    b: str,
    event_type: str | None = None,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
) -> list[dict[str, Any]]:
    """Events between two parties in either direction, by date.

    ``a``/``b`` are node keys or canonical names. ``start``/``end`` (ISO day, month or year,
    or ``datetime.date``) keep events whose date overlaps the window; with a window, undated
    events are left out. Each event is its edge attributes plus ``actor``/``counterpart``
    (node keys) and ``actor_name``/``counterpart_name``.
    """
    na, nb = resolve(g, a), resolve(g, b)
    if na is None or nb is None:
        return []
    lo, hi = _as_day(start, last=False), _as_day(end, last=True)
    pairs = {(na, nb), (nb, na)}
    events = [
        _event_view(g, u, v, d)
        for u, v in pairs
        for d in (g.get_edge_data(u, v) or {}).values()
        if (event_type is None or d.get("event_type") == event_type)
        and _in_window(d.get("date"), lo, hi)
    ]
    return sorted(events, key=_date_order)


def events(g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Every event of ``g`` by date (undated last), as :func:`interactions` gives them; with
    :func:`morocco_us`, the Morocco–United States timeline."""
    return sorted((_event_view(g, u, v, d) for u, v, d in g.edges(data=True)), key=_date_order)


def timeline(g: nx.MultiDiGraph, party: str) -> list[dict[str, Any]]:
    """Every event ``party`` takes part in, by date (undated last)."""
    node = resolve(g, party)
    if node is None:
        return []
    edges = list(g.out_edges(node, data=True)) + [
        (u, v, d) for u, v, d in g.in_edges(node, data=True) if u != node
    ]
    return sorted((_event_view(g, u, v, d) for u, v, d in edges), key=_date_order)


class Dyad(NamedTuple):
    """A pair of parties with the number of events and of sources between them."""

    a: str
    b: str
    a_name: str
    b_name: str
    events: int
    sources: int


def strongest_dyads(
    g: nx.MultiDiGraph, n: int = DEFAULT_TOP_DYADS, by: str = "events"
) -> list[Dyad]:
    """The ``n`` pairs of parties with the most events (``by="events"``, ties broken by
    sources) or the most sources (``by="sources"``), direction ignored."""
    events: Counter[tuple[str, str]] = Counter()
    sources: Counter[tuple[str, str]] = Counter()
    for u, v, d in g.edges(data=True):
        pair = (u, v) if u <= v else (v, u)
        events[pair] += 1
        sources[pair] += d.get("n_sources", 1)
    dyads = [
        Dyad(
            a,
            b,
            g.nodes[a].get("canonical", a),
            g.nodes[b].get("canonical", b),
            events[(a, b)],
            sources[(a, b)],
        )
        for a, b in events
    ]
    if by == "sources":
        return sorted(dyads, key=lambda d: (-d.sources, -d.events, d.a, d.b))[:n]
    return sorted(dyads, key=lambda d: (-d.events, -d.sources, d.a, d.b))[:n]


def ego_network(g: nx.MultiDiGraph, party: str, radius: int = 1) -> nx.MultiDiGraph:
    """The parties within ``radius`` events of ``party`` (either direction) and every event
    among them, as a new graph; empty when the party is unknown."""
    node = resolve(g, party)
    if node is None:
        return nx.MultiDiGraph()
    return nx.ego_graph(g, node, radius=radius, undirected=True).copy()


def _side(g: nx.MultiDiGraph, country: str) -> tuple[str | None, set[str]]:
    """The ISO2 code of ``country`` and the node keys standing for it."""
    node = resolve(g, country) if len(country) != 2 else None
    code = (g.nodes[node].get("country") if node is not None else None) or _country_code(country)
    members = {n for n, d in g.nodes(data=True) if code and d.get("country") == code}
    if node is not None:
        members.add(node)
    return code, members


def dyad_filter(g: nx.MultiDiGraph, a: str = MOROCCO, b: str = UNITED_STATES) -> nx.MultiDiGraph:
    """The events between two countries, as a new graph: an event is kept when one party
    stands for ``a`` and the other for ``b``. A party stands for a country when it is the
    country's node or its ``country`` attribute is the country's ISO2 code (officials,
    ministries). ``a``/``b`` are country names, node keys or ISO2 codes ("MA", "US")."""
    _, side_a = _side(g, a)
    _, side_b = _side(g, b)
    keep = [
        (u, v, k)
        for u, v, k in g.edges(keys=True)
        if (u in side_a and v in side_b) or (u in side_b and v in side_a)
    ]
    return g.edge_subgraph(keep).copy()


def morocco_us(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The Morocco–United States events of ``g`` (see :func:`dyad_filter`)."""
    return dyad_filter(g, MOROCCO, UNITED_STATES)


# -- summary -------------------------------------------------------------------------------
@dataclass(frozen=True)
class GraphSummary:
    """Counts of a graph, shown as HTML tables in Jupyter."""

    n_nodes: int
    n_events: int
    n_sources: int
    nodes_by_label: dict[str, int] = field(default_factory=dict)
    events_by_type: dict[str, int] = field(default_factory=dict)
    top_dyads: list[Dyad] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{self.n_nodes} parties, {self.n_events} events, {self.n_sources} sources; "
            f"labels {dict(self.nodes_by_label)}; types {dict(self.events_by_type)}"
        )

    def _repr_html_(self) -> str:
        head = (
            f"<p><b>{self.n_nodes}</b> parties · <b>{self.n_events}</b> events · "
            f"<b>{self.n_sources}</b> sources</p>"
        )
        return head + "".join(
            (
                _html_table(("label", "parties"), self.nodes_by_label.items()),
                _html_table(("event type", "events"), self.events_by_type.items()),
                _html_table(
                    ("party", "party", "events", "sources"),
                    ((d.a_name, d.b_name, d.events, d.sources) for d in self.top_dyads),
                ),
            )
        )


def _cell_text(value: Any) -> str:
    return "" if value is None else str(value)


def _html_table(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> str:
    def cells(tag: str, values: Iterable[Any]) -> str:
        return "".join(f"<{tag}>{html.escape(_cell_text(v))}</{tag}>" for v in values)

    body = "".join(f"<tr>{cells('td', row)}</tr>" for row in rows)
    return f"<table><thead><tr>{cells('th', header)}</tr></thead><tbody>{body}</tbody></table>"


def summary(g: nx.MultiDiGraph, top: int = DEFAULT_TOP_DYADS) -> GraphSummary:
    """Parties by label, events by type and the ``top`` strongest dyads of ``g``."""
    labels = Counter(d.get("label") or "" for _, d in g.nodes(data=True))
    types = Counter(d.get("event_type") or "" for _, _, d in g.edges(data=True))
    n_sources = sum(d.get("n_sources", 0) for _, _, d in g.edges(data=True))
    return GraphSummary(
        g.number_of_nodes(),
        g.number_of_edges(),
        n_sources,
        dict(labels.most_common()),
        dict(types.most_common()),
        strongest_dyads(g, top),
    )


# -- exports -------------------------------------------------------------------------------
def _flat_attributes(data: dict[str, Any]) -> dict[str, Any]:
    """List and dict values as JSON strings, None as "" (GraphML and GEXF hold scalars)."""
    out = {}
    for k, v in data.items():
        if isinstance(v, (list, dict, tuple)):
            out[k] = json.dumps(v, ensure_ascii=False)
        else:
            out[k] = "" if v is None else v
    return out


def _unflat_attributes(data: dict[str, Any]) -> None:
    for k in JSON_ATTRIBUTES:
        if isinstance(data.get(k), str):
            data[k] = json.loads(data[k]) if data[k] else []
    for k in OPTIONAL_ATTRIBUTES:
        if data.get(k) == "":
            data[k] = None


def _flat(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    h = nx.MultiDiGraph()
    h.add_nodes_from((n, _flat_attributes(d)) for n, d in g.nodes(data=True))
    h.add_edges_from((u, v, k, _flat_attributes(d)) for u, v, k, d in g.edges(keys=True, data=True))
    return h


def _unflat(h: nx.MultiDiGraph) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for n, d in h.nodes(data=True):
        _unflat_attributes(d)
        g.add_node(str(n), **d)
    for u, v, k, d in h.edges(keys=True, data=True):
        d.pop("id", None)
        _unflat_attributes(d)
        key = str(d.get("event_id") or k)
        g.add_edge(str(u), str(v), key=key, **d)
    return g


def to_graphml(g: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``g`` as GraphML; list attributes are JSON strings (see :func:`read_graphml`)."""
    nx.write_graphml(_flat(g), path)


def read_graphml(path: str | Path) -> nx.MultiDiGraph:
    """A graph written by :func:`to_graphml`, with its list attributes decoded."""
    return _unflat(nx.read_graphml(path, force_multigraph=True))


def to_gexf(g: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``g`` as GEXF for Gephi: node labels are canonical names (the entity label is
    the ``diplo_label`` attribute); list attributes are JSON strings."""
    h = _flat(g)
    for _, d in h.nodes(data=True):
        d[GEXF_LABEL_KEY] = d.pop("label", "")
        d["label"] = d.get("canonical", "")
    nx.write_gexf(h, path)


def read_gexf(path: str | Path) -> nx.MultiDiGraph:
    """A graph written by :func:`to_gexf`, with labels and list attributes restored."""
    h = nx.read_gexf(path)
    for _, d in h.nodes(data=True):
        if GEXF_LABEL_KEY in d:
            d["label"] = d.pop(GEXF_LABEL_KEY)
    if not h.is_multigraph():
        h = nx.MultiDiGraph(h)
    return _unflat(h)


def to_node_link_json(g: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``g`` as node-link JSON (attributes kept as they are)."""
    data = nx.node_link_data(g, edges="links")
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def read_node_link_json(path: str | Path) -> nx.MultiDiGraph:
    """A graph written by :func:`to_node_link_json`."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="links")


EVENT_COLUMNS = (
    "event_id",
    "date",
    "actor",
    "actor_label",
    "actor_country",
    "event_type",
    "cameo",
    "action",
    "counterpart",
    "counterpart_label",
    "counterpart_country",
    "object",
    "n_sources",
    "confidence",
    "source_docs",
)
MENTION_COLUMNS = (
    "event_id",
    "event_date",
    "event_type",
    "actor",
    "counterpart",
    "doc_id",
    "date",
    "date_text",
    "action",
    "start",
    "end",
    "confidence",
    "rule",
    "sentence",
)
SOURCE_DOCS_SEPARATOR = ";"


def _sorted_edges(g: nx.MultiDiGraph) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    edges = g.edges(keys=True, data=True)
    return iter(sorted(edges, key=lambda e: (_date_order(e[3]), str(e[2]))))


def _event_row(g: nx.MultiDiGraph, u: str, v: str, k: str, d: dict[str, Any]) -> list[Any]:
    nu, nv = g.nodes[u], g.nodes[v]
    docs = SOURCE_DOCS_SEPARATOR.join(sorted({str(s.get("doc_id")) for s in d.get("sources", [])}))
    return [
        d.get("event_id", k),
        d.get("date") or "",
        nu.get("canonical", u),
        nu.get("label", ""),
        nu.get("country") or "",
        d.get("event_type", ""),
        d.get("cameo") or "",
        d.get("action") or "",
        nv.get("canonical", v),
        nv.get("label", ""),
        nv.get("country") or "",
        d.get("object") or "",
        d.get("n_sources", 0),
        d.get("confidence", ""),
        docs,
    ]


def events_to_csv(g: nx.MultiDiGraph, path: str | Path) -> None:
    """One row per event (GDELT-like columns, :data:`EVENT_COLUMNS`), by date."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(EVENT_COLUMNS)
        writer.writerows(_event_row(g, u, v, k, d) for u, v, k, d in _sorted_edges(g))


def mentions_to_csv(g: nx.MultiDiGraph, path: str | Path) -> None:
    """One row per source of each event (like GDELT's mentions table, :data:`MENTION_COLUMNS`)."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(MENTION_COLUMNS)
        for u, v, k, d in _sorted_edges(g):
            head = [
                d.get("event_id", k),
                d.get("date") or "",
                d.get("event_type", ""),
                g.nodes[u].get("canonical", u),
                g.nodes[v].get("canonical", v),
            ]
            for s in d.get("sources", []):
                writer.writerow(
                    head
                    + ["" if s.get(c) is None else s.get(c) for c in MENTION_COLUMNS[len(head) :]]
                )
