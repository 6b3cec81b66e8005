"""Time share of diplo_dates in the pipeline, over the seeds repeated (target: under 5 %).

    python benchmarks/bench_dates.py [--repeat N] [--input tests/data/seeds.input.jsonl]

Each document runs through the pipeline one component at a time (tokenizer included) so
that every component's wall time is summed apart; the seeds' ``pub_date`` is left out, so
the publication date is detected in the page as it would be for a scraped article. Also
prints the time of the two pure functions behind the component.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

import diplo_ner
from diplo_ner.dates import detect_pub_date, find_dates

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = ROOT / "tests" / "data" / "seeds.input.jsonl"
DEFAULT_REPEAT = 10
COMPONENT = "diplo_dates"
TARGET_SHARE = 0.05


def read_texts(path: Path) -> list[str]:
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def time_components(texts: list[str], repeat: int) -> dict[str, float]:
    nlp = diplo_ner.load()
    for text in texts:     # warm-up: lazy loads and caches out of the figures
        nlp(text)
    seconds: dict[str, float] = defaultdict(float)
    for _ in range(repeat):
        for text in texts:
            start = time.perf_counter()
            doc = nlp.make_doc(text)
            seconds["tokenizer"] += time.perf_counter() - start
            for name, component in nlp.pipeline:
                start = time.perf_counter()
                doc = component(doc)
                seconds[name] += time.perf_counter() - start
    return dict(seconds)


def time_pure_functions(texts: list[str], repeat: int) -> tuple[float, float]:
    start = time.perf_counter()
    pubs = [detect_pub_date(text) for _ in range(repeat) for text in texts]
    detect = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(repeat):
        for text, pub in zip(texts, pubs, strict=False):
            find_dates(text, pub.date if pub else None)
    return detect, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=DEFAULT_REPEAT)
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    args = parser.parse_args()
    texts = read_texts(args.input)
    chars = sum(len(t) for t in texts) * args.repeat
    seconds = time_components(texts, args.repeat)
    total = sum(seconds.values())
    print(f"{len(texts)} documents × {args.repeat} = {len(texts) * args.repeat} runs, "
          f"{chars:,} characters, {total:.2f} s in the pipeline")
    for name, value in sorted(seconds.items(), key=lambda kv: -kv[1]):
        print(f"  {name:18} {value:7.3f} s  {value / total:6.1%}")
    share = seconds[COMPONENT] / total
    verdict = "ok" if share < TARGET_SHARE else "ABOVE TARGET"
    print(f"{COMPONENT} share: {share:.1%} (target < {TARGET_SHARE:.0%}): {verdict}")
    detect, find = time_pure_functions(texts, args.repeat)
    runs = len(texts) * args.repeat
    print(f"  detect_pub_date: {detect / runs * 1000:.2f} ms a document; "
          f"find_dates: {find / runs * 1000:.2f} ms a document")


if __name__ == "__main__":
    main()
