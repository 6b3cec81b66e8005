"""Time share of diplo_dates in the pipeline, over the seeds repeated (target: under 5 %).

    python benchmarks/bench_dates.py [--repeat N] [--input tests/data/seeds.input.jsonl]

Each document runs through the pipeline one component at a time (tokenizer included) so
that every component's wall time is summed apart; the seeds' ``pub_date`` is left out, so
the publication date is detected in the page as it would be for a scraped article. Also
prints the time of the two pure functions behind the component, and of the dateparser
calls: the first call of a process (it loads dateparser's locale data), then the calls the
pipeline makes with the readings cache emptied before each round of documents (as for a
corpus of articles never seen), and the share of pipeline time that is.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

import diplo_ner
from diplo_ner import dates
from diplo_ner.dates import detect_pub_date, find_dates

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = ROOT / "tests" / "data" / "seeds.input.jsonl"
DEFAULT_REPEAT = 10
COMPONENT = "diplo_dates"
TARGET_SHARE = 0.05


def read_texts(path: Path) -> list[str]:
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


class DateparserClock:
    """Counts and times the calls into dateparser (``DateDataParser.get_date_data``)."""

    def __init__(self) -> None:
        from dateparser.date import DateDataParser

        self.calls, self.seconds = 0, 0.0
        self.cls, self.original = DateDataParser, DateDataParser.get_date_data
        clock = self

        def timed(parser, *args, **kwargs):
            start = time.perf_counter()
            try:
                return clock.original(parser, *args, **kwargs)
            finally:
                clock.seconds += time.perf_counter() - start
                clock.calls += 1

        DateDataParser.get_date_data = timed

    def reset(self) -> None:
        self.calls, self.seconds = 0, 0.0


def time_first_dateparser_call() -> float:
    """Seconds of the first reading of the process (dateparser loads its locale data)."""
    start = time.perf_counter()
    dates.read_date("22 novembre 2021")
    return time.perf_counter() - start


def time_components(texts: list[str], repeat: int, cold: bool = False) -> dict[str, float]:
    """Seconds per component; ``cold``: the dateparser readings cache is emptied before each
    round of documents, so that every document's date strings are read again."""
    nlp = diplo_ner.load()
    for text in texts:     # warm-up: lazy loads and caches out of the figures
        nlp(text)
    seconds: dict[str, float] = defaultdict(float)
    for _ in range(repeat):
        if cold:
            dates._read.cache_clear()
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
    first = time_first_dateparser_call()
    clock = DateparserClock()
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
    print(f"dateparser: first call of the process {first * 1000:.0f} ms (locale data)")
    clock.reset()
    cold = time_components(texts, args.repeat, cold=True)
    cold_total = sum(cold.values())
    cold_share = cold[COMPONENT] / cold_total
    print(f"  readings cache emptied each round: {clock.calls} dateparser calls, "
          f"{clock.seconds:.3f} s ({clock.seconds / cold_total:.1%} of pipeline time, "
          f"{clock.seconds / clock.calls * 1000 if clock.calls else 0:.2f} ms a call); "
          f"{COMPONENT} share {cold_share:.1%}: "
          f"{'ok' if cold_share < TARGET_SHARE else 'ABOVE TARGET'}")


if __name__ == "__main__":
    main()
