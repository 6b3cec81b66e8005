"""Time ``build_graph`` on 100,000 synthetic triples (target: under 10 s).

    python benchmarks/bench_graph.py [--triples N] [--parties P] [--seed S]

Records look like the pipeline's output: 5 triples a document, parties drawn from a pool
with kb ids (officials) or names only (states), dates mostly days, some ranges, months and
nulls, so that many reports merge across documents.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from typing import Any

from diplo_ner.graph import build_graph
from diplo_ner.types import EVENT_TYPES

DEFAULT_TRIPLES = 100_000
DEFAULT_PARTIES = 400
TRIPLES_PER_RECORD = 5
DEFAULT_SEED = 13
FIRST_DAY = dt.date(2019, 1, 1)
DAYS = 5 * 365
TARGET_SECONDS = 10.0
LABELS = ("OFFICIAL", "OFFICIAL", "OFFICIAL", "MINISTRY", "COUNTRY")


def _date(rng: random.Random) -> str | None:
    day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
    kind = rng.random()
    if kind < 0.7:
        return day.isoformat()
    if kind < 0.8:
        return f"{day.isoformat()}/{(day + dt.timedelta(days=rng.randrange(1, 6))).isoformat()}"
    if kind < 0.9:
        return day.strftime("%Y-%m")
    return None


def _party(index: int) -> dict[str, Any]:
    label = LABELS[index % len(LABELS)]
    name = f"Party {index} Été"
    return {
        "name": name,
        "label": label,
        "kb_id": f"p{index}" if label == "OFFICIAL" else None,
        "country": "MA" if index % 2 else "US",
    }


def synthetic_records(n_triples: int, n_parties: int, seed: int) -> list[dict[str, Any]]:
    """Output records holding ``n_triples`` triples in all."""
    rng = random.Random(seed)
    parties = [_party(i) for i in range(n_parties)]
    records = []
    for doc in range(0, n_triples, TRIPLES_PER_RECORD):
        triples, entities = [], []
        for _ in range(min(TRIPLES_PER_RECORD, n_triples - doc)):
            a, c = rng.sample(parties, 2)
            for p in (a, c):
                entities.append(
                    {
                        "text": p["name"],
                        "label": p["label"],
                        "canonical": p["name"],
                        "start": 0,
                        "end": 1,
                        "kb_id": p["kb_id"],
                        "country": p["country"],
                    }
                )
            triples.append(
                {
                    "actor": a["name"],
                    "actor_label": a["label"],
                    "actor_kb_id": a["kb_id"],
                    "counterpart": c["name"],
                    "counterpart_label": c["label"],
                    "counterpart_kb_id": c["kb_id"],
                    "event_type": rng.choice(EVENT_TYPES),
                    "action": "rencontrer",
                    "object": None,
                    "date": _date(rng),
                    "date_text": None,
                    "sentence": f"{a['name']} a rencontré {c['name']}.",
                    "start": 0,
                    "end": 40,
                    "confidence": round(rng.random(), 2),
                    "rule": "bench",
                    "cameo": None,
                }
            )
        records.append(
            {"id": f"doc{doc}", "pub_date": None, "entities": entities, "triples": triples}
        )
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=DEFAULT_TRIPLES)
    parser.add_argument("--parties", type=int, default=DEFAULT_PARTIES)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    records = synthetic_records(args.triples, args.parties, args.seed)
    started, cpu_started = time.perf_counter(), time.process_time()
    g = build_graph(records)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started  # what a busy machine does not inflate
    n_sources = sum(d["n_sources"] for _, _, d in g.edges(data=True))
    verdict = "OK" if seconds < TARGET_SECONDS else "SLOW"
    print(
        f"build_graph: {args.triples} triples in {len(records)} records -> "
        f"{g.number_of_nodes()} nodes, {g.number_of_edges()} events, {n_sources} sources "
        f"in {seconds:.2f} s, {cpu_seconds:.2f} s of CPU ({args.triples / seconds:,.0f} triples/s; "
        f"target < {TARGET_SECONDS:.0f} s: {verdict})"
    )


if __name__ == "__main__":
    main()
