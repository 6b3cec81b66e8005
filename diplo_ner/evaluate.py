"""Scoring as docs/annotation.md section 4 defines it: entities, relations, relations with
dates, per label and per event type (``diplo-ner evaluate``). The gold format is section 5
of the same page; ``gold/seeds.jsonl`` is the gold of the bundled seeds."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from .types import DIPLO_LABELS, EVENT_TYPES, SYMMETRIC_TYPES

HONORIFICS = {"m", "mm", "mme", "mmes", "mlle", "sm", "sa", "majeste", "s", "e", "le", "la",
              "les", "l", "president", "dr", "pr", "general", "cheikh", "sheikh"}


def norm(name: Any) -> str:
    """Case, accents, punctuation and leading honorifics folded away."""
    if not name:
        return ""
    s = unicodedata.normalize("NFKD", str(name))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    words = re.sub(r"[^\w]+", " ", s).strip().split()
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def load_records(path: str | Path) -> dict[str, dict]:
    """Records of a JSONL file keyed by id (error records included: they predict nothing)."""
    docs = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                record = json.loads(line)
                docs[str(record["id"])] = record
    return docs


def _alias_table(gold: dict[str, dict]) -> dict[str, str]:
    table: dict[str, str] = {}
    for doc in gold.values():
        for e in doc.get("entities", []):
            for alias in [e["canonical"], *e.get("aliases", [])]:
                table.setdefault(norm(alias), e["canonical"])
        for t in doc.get("triples", []):
            for key in ("actor", "counterpart", "object"):
                if t.get(key):
                    table.setdefault(norm(t[key]), t[key])
    return table


def _resolve(name: Any, table: dict[str, str]) -> str:
    n = norm(name)
    return norm(table.get(n, name)) if n else ""


def date_ok(gold: Any, pred: Any) -> bool:
    """Equal, or a predicted day inside a gold range or month/year, or both null."""
    if gold in (None, ""):
        return pred in (None, "")
    if pred in (None, ""):
        return False
    gold, pred = str(gold), str(pred)
    if pred == gold:
        return True
    if "/" in gold:
        lo, hi = gold.split("/", 1)
        return "/" not in pred and len(pred) == 10 and lo <= pred <= hi
    return "/" not in pred and pred.startswith(gold + "-")


def _prf(c: Counter) -> dict[str, float]:
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f": f, "tp": tp, "fp": fp, "fn": fn}


def _rel_keys(t: dict, table: dict[str, str]) -> set[tuple]:
    actor, typ = _resolve(t.get("actor"), table), t.get("event_type")
    keys = set()
    for other in (t.get("counterpart"), t.get("object")):
        c = _resolve(other, table)
        if actor and c:
            pair = tuple(sorted((actor, c))) if typ in SYMMETRIC_TYPES else (actor, c)
            keys.add((typ, *pair))
    return keys


def _fmt(t: dict) -> str:
    obj = f" [{t['object']}]" if t.get("object") else ""
    parties = f"{t.get('actor')}, {t.get('event_type')}, {t.get('counterpart')}{obj}"
    return f"({parties}, {t.get('date')})"


def score(gold: dict[str, dict], pred: dict[str, dict]) -> dict[str, Any]:
    """Precision, recall and F1 of ``pred`` against ``gold`` (both keyed by document id)."""
    table = _alias_table(gold)
    ent, rel, full = Counter(), Counter(), Counter()
    ent_by_label: dict[str, Counter] = defaultdict(Counter)
    rel_by_type: dict[str, Counter] = defaultdict(Counter)
    errors: list[str] = []
    for doc_id, g in gold.items():
        p = pred.get(doc_id, {})
        g_ents = {(e["label"], norm(e["canonical"])):
                  {norm(a) for a in [e["canonical"], *e.get("aliases", [])]}
                  for e in g.get("entities", []) if e["label"] in DIPLO_LABELS}
        p_ents = set()
        for e in p.get("entities", []):
            if e.get("label") not in DIPLO_LABELS:
                continue
            names = {norm(e.get("canonical")), norm(e.get("text"))} - {""}
            hit = next((k for k, al in g_ents.items() if k[0] == e["label"] and names & al), None)
            p_ents.add(hit or (e["label"], norm(e.get("canonical") or e.get("text"))))
        for k in p_ents | set(g_ents):
            kind = "tp" if k in p_ents and k in g_ents else ("fp" if k in p_ents else "fn")
            ent[kind] += 1
            ent_by_label[k[0]][kind] += 1
            if kind != "tp":
                errors.append(f"{doc_id} entity {kind}: {k[0]} {k[1]}")
        g_trip = [t for t in g.get("triples", []) if t.get("event_type") in EVENT_TYPES]
        seen, p_trip = set(), []
        for t in p.get("triples", []):
            keys = _rel_keys(t, table)
            sig = (tuple(sorted(keys)), t.get("date"))
            if keys and sig not in seen:
                seen.add(sig)
                p_trip.append(t)
        g_keys = [_rel_keys(t, table) for t in g_trip]
        p_keys = [_rel_keys(t, table) for t in p_trip]
        used_g: set[int] = set()
        used_p: set[int] = set()
        matched = []
        for want_date in (True, False):
            for i, gk in enumerate(g_keys):
                if i in used_g:
                    continue
                for j, pk in enumerate(p_keys):
                    if j in used_p or not gk & pk:
                        continue
                    if want_date and not date_ok(g_trip[i].get("date"), p_trip[j].get("date")):
                        continue
                    used_g.add(i)
                    used_p.add(j)
                    matched.append((i, j))
                    break
        for i, j in matched:
            rel["tp"] += 1
            rel_by_type[g_trip[i]["event_type"]]["tp"] += 1
            if date_ok(g_trip[i].get("date"), p_trip[j].get("date")):
                full["tp"] += 1
            else:
                full["fp"] += 1
                full["fn"] += 1
                errors.append(f"{doc_id} date: {_fmt(g_trip[i])} predicted {p_trip[j].get('date')}")
        for i, t in enumerate(g_trip):
            if i not in used_g:
                rel["fn"] += 1
                full["fn"] += 1
                rel_by_type[t["event_type"]]["fn"] += 1
                errors.append(f"{doc_id} missed: {_fmt(t)}")
        for j, t in enumerate(p_trip):
            if j not in used_p:
                rel["fp"] += 1
                full["fp"] += 1
                rel_by_type[str(t.get("event_type"))]["fp"] += 1
                errors.append(f"{doc_id} spurious: {_fmt(t)}")
    return {
        "documents": len(gold),
        "entities": _prf(ent), "relations": _prf(rel), "full": _prf(full),
        "entities_by_label": {k: _prf(v) for k, v in sorted(ent_by_label.items())},
        "relations_by_type": {k: _prf(v) for k, v in sorted(rel_by_type.items())},
        "errors": errors,
    }


def format_scores(scores: dict[str, Any], show_errors: bool = False) -> str:
    """The score table as text (the reference scorer's layout)."""
    lines = [f"{'':22}{'P':>6}{'R':>6}{'F1':>6}{'tp':>5}{'fp':>5}{'fn':>5}"]
    rows = [("entities", scores["entities"])]
    rows += [("  " + k, v) for k, v in scores["entities_by_label"].items()]
    rows += [("relations", scores["relations"])]
    rows += [("  " + k, v) for k, v in scores["relations_by_type"].items()]
    rows += [("relations+date", scores["full"])]
    for name, v in rows:
        lines.append(f"{name:22}{v['p']:6.2f}{v['r']:6.2f}{v['f']:6.2f}{v['tp']:5}{v['fp']:5}{v['fn']:5}")
    if show_errors:
        lines.extend(scores["errors"])
    lines.append(f"entities F1 {scores['entities']['f']:.3f}  "
                 f"relations F1 {scores['relations']['f']:.3f}  "
                 f"relations+date F1 {scores['full']['f']:.3f}  ({scores['documents']} documents)")
    return "\n".join(lines)
