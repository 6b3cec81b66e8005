"""Results → a ``networkx.MultiDiGraph`` of interactions, de-duplicated across documents.

Nodes are parties keyed by knowledge-base id (else canonical name); edges are events. The
same parties, the same event type and compatible dates (equal, or one inside the other's
range, month or year) across documents make one edge carrying every source, with
``n_sources`` like GDELT's NumArticles. Symmetric types are one edge whatever the direction.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from .text import fold
from .types import SYMMETRIC_TYPES, Result

LIST_ATTRIBUTES = ("aliases", "sources", "source_docs")


def _record(item: Result | dict[str, Any]) -> dict[str, Any]:
    return item.to_dict() if hasattr(item, "to_dict") else item


def _node_key(name: str, kb_id: str | None) -> str:
    return kb_id or name


def _date_span(value: str | None) -> tuple[str, str] | None:
    """The first and last ISO day a date value covers (a day, range, month or year)."""
    if not value:
        return None
    if "/" in value:
        lo, hi = value.split("/", 1)
        return lo, hi
    return value, value + "\uffff"   # a month or year covers every day that starts with it


def compatible_dates(a: str | None, b: str | None) -> bool:
    """Equal dates, or one inside the other's range, month or year. An undated event is
    compatible with any date of the same parties and type."""
    sa, sb = _date_span(a), _date_span(b)
    if sa is None or sb is None:
        return True
    return sa[0] <= sb[1] and sb[0] <= sa[1]


def _precision(value: str | None) -> int:
    return 0 if not value else 4 if len(value) == 10 else 3 if "/" in value else 2 if len(value) == 7 else 1


def build_graph(results: Iterable[Result | dict[str, Any]], graph: nx.MultiDiGraph | None = None) -> nx.MultiDiGraph:
    """Add the interactions of ``results`` (Results or output records; error records are
    skipped) to ``graph`` (a new one by default) and return it."""
    g = graph if graph is not None else nx.MultiDiGraph()
    for item in results:
        record = _record(item)
        if "error" in record:
            continue
        aliases = {}
        for e in record.get("entities", []):
            aliases.setdefault(_node_key(e.get("canonical") or e["text"], e.get("kb_id")), set()).add(e["text"])
        for t in record.get("triples", []):
            _add_triple(g, record["id"], t, aliases)
    return g


def _add_node(g: nx.MultiDiGraph, name: str, label: str, kb_id: str | None, aliases: dict) -> str:
    key = _node_key(name, kb_id)
    if key not in g:
        g.add_node(key, canonical=name, label=label, kb_id=kb_id or "", aliases=[], mentions=0)
    node = g.nodes[key]
    node["mentions"] += 1
    node["aliases"] = sorted(set(node["aliases"]) | aliases.get(key, set()) | {name})
    return key


def _add_triple(g: nx.MultiDiGraph, doc_id: str, t: dict[str, Any], aliases: dict) -> None:
    a = _add_node(g, t["actor"], t.get("actor_label", ""), t.get("actor_kb_id"), aliases)
    c = _add_node(g, t["counterpart"], t.get("counterpart_label", ""), t.get("counterpart_kb_id"), aliases)
    symmetric = t["event_type"] in SYMMETRIC_TYPES
    if symmetric and fold(c) < fold(a):
        a, c = c, a
    source = {"doc_id": doc_id, "sentence": t.get("sentence", ""), "start": t.get("start"),
              "end": t.get("end"), "confidence": t.get("confidence"), "date_text": t.get("date_text")}
    for key, data in (g.get_edge_data(a, c) or {}).items():
        if data["event_type"] == t["event_type"] and compatible_dates(data.get("date"), t.get("date")):
            if all(s["doc_id"] != doc_id for s in data["sources"]):
                data["sources"].append(source)
            data["n_sources"] = len({s["doc_id"] for s in data["sources"]})
            if _precision(t.get("date")) > _precision(data.get("date")):
                data["date"] = t.get("date")
            data["confidence"] = max(data.get("confidence") or 0, t.get("confidence") or 0)
            data["object"] = data.get("object") or t.get("object") or ""
            return
    g.add_edge(a, c, event_type=t["event_type"], action=t.get("action", ""), cameo=t.get("cameo") or "",
               date=t.get("date") or "", object=t.get("object") or "", symmetric=symmetric,
               confidence=t.get("confidence") or 0.0, sources=[source], n_sources=1)


# -- queries ------------------------------------------------------------------------------
def _resolve(g: nx.MultiDiGraph, party: str) -> str | None:
    if party in g:
        return party
    folded = fold(party)
    return next((n for n, d in g.nodes(data=True) if fold(d.get("canonical", "")) == folded), None)


def interactions(g: nx.MultiDiGraph, a: str, b: str, event_type: str | None = None) -> list[dict[str, Any]]:
    """Events between two parties (node keys or canonical names), either direction."""
    na, nb = _resolve(g, a), _resolve(g, b)
    if na is None or nb is None:
        return []
    events = []
    for u, v in ((na, nb), (nb, na)):
        for data in (g.get_edge_data(u, v) or {}).values():
            if event_type is None or data["event_type"] == event_type:
                events.append({"actor": u, "counterpart": v, **data})
    return sorted(events, key=lambda e: e.get("date") or "")


def timeline(g: nx.MultiDiGraph, party: str) -> list[dict[str, Any]]:
    """Every event a party takes part in, by date (undated last)."""
    node = _resolve(g, party)
    if node is None:
        return []
    events = [{"actor": u, "counterpart": v, **d} for u, v, d in g.edges(data=True) if node in (u, v)]
    return sorted(events, key=lambda e: (not e.get("date"), e.get("date") or ""))


# -- exports ------------------------------------------------------------------------------
def _flat(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose list and dict attributes are JSON strings (GraphML and GEXF hold scalars)."""
    h = g.copy()
    for _, data in h.nodes(data=True):
        for k, v in list(data.items()):
            if isinstance(v, (list, dict)):
                data[k] = json.dumps(v, ensure_ascii=False)
    for _, _, data in h.edges(data=True):
        for k, v in list(data.items()):
            if isinstance(v, (list, dict)):
                data[k] = json.dumps(v, ensure_ascii=False)
            elif v is None:
                data[k] = ""
    return h


def _unflat(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    for _, data in g.nodes(data=True):
        for k in LIST_ATTRIBUTES:
            if isinstance(data.get(k), str):
                data[k] = json.loads(data[k])
    for _, _, data in g.edges(data=True):
        for k in LIST_ATTRIBUTES:
            if isinstance(data.get(k), str):
                data[k] = json.loads(data[k])
    return g


def to_graphml(g: nx.MultiDiGraph, path: str | Path) -> None:
    nx.write_graphml(_flat(g), path)


def read_graphml(path: str | Path) -> nx.MultiDiGraph:
    return _unflat(nx.read_graphml(path, force_multigraph=True))


def to_gexf(g: nx.MultiDiGraph, path: str | Path) -> None:
    nx.write_gexf(_flat(g), path)


def read_gexf(path: str | Path) -> nx.MultiDiGraph:
    return _unflat(nx.MultiDiGraph(nx.read_gexf(path)))


def to_node_link_json(g: nx.MultiDiGraph, path: str | Path) -> None:
    Path(path).write_text(json.dumps(nx.node_link_data(g, edges="links"), ensure_ascii=False, indent=1), encoding="utf-8")


def read_node_link_json(path: str | Path) -> nx.MultiDiGraph:
    return nx.node_link_graph(json.loads(Path(path).read_text(encoding="utf-8")), edges="links")


EVENT_COLUMNS = ("event_id", "date", "actor", "actor_label", "event_type", "cameo", "action",
                 "counterpart", "counterpart_label", "object", "n_sources", "confidence", "source_docs")


def events_to_csv(g: nx.MultiDiGraph, path: str | Path) -> None:
    """One row per event, GDELT-like columns."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(EVENT_COLUMNS)
        for n, (u, v, d) in enumerate(g.edges(data=True)):
            writer.writerow([n, d.get("date", ""), g.nodes[u]["canonical"], g.nodes[u]["label"], d["event_type"],
                             d.get("cameo", ""), d.get("action", ""), g.nodes[v]["canonical"], g.nodes[v]["label"],
                             d.get("object", ""), d["n_sources"], d.get("confidence", ""),
                             ";".join(sorted({s["doc_id"] for s in d["sources"]}))])
