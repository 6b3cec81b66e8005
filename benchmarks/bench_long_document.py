"""Time and peak memory of one very long document (over spaCy's max_length), processed in
sections by ``diplo_ner.extract``.

    python benchmarks/bench_long_document.py [--megabytes 5]

The text repeats a few French paragraphs written for this benchmark, with varying dates,
until it reaches the size asked for. Prints the size, the number of sections, the time, the
throughput and the peak resident memory of the process (after loading the model, and at
the end), so that memory can be seen to stay bounded whatever the size.
"""

from __future__ import annotations

import argparse
import resource
import time

import diplo_ner
from diplo_ner.pipeline import SECTION_CHARS, split_sections

PARAGRAPHS = (
    "Rabat, {day} mars 2022 (MAP) - Le ministre des Affaires étrangères Nasser Bourita a reçu "
    "le {day} mars à Rabat la secrétaire d'État adjointe Wendy Sherman.",
    "Les deux responsables ont passé en revue le partenariat stratégique entre le Maroc et les "
    "États-Unis, ainsi que la préparation de l'exercice African Lion.",
    "Le secrétaire d'État américain Antony Blinken s'est entretenu le {day} avril par téléphone "
    "avec son homologue marocain, a indiqué le département d'État dans un communiqué.",
    "Le roi Mohammed VI a reçu le {day} mai 2022 le général Stephen Townsend, commandant de "
    "l'Africom, au palais royal de Rabat.",
)


def long_text(chars: int) -> str:
    parts: list[str] = []
    size = 0
    n = 0
    while size < chars:
        paragraph = PARAGRAPHS[n % len(PARAGRAPHS)].format(day=1 + n % 28)
        parts.append(paragraph)
        size += len(paragraph) + 2
        n += 1
    return "\n\n".join(parts)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=5.0)
    args = parser.parse_args()
    nlp = diplo_ner.load()
    print(f"peak RSS after loading the model: {peak_rss_mb():.0f} MB")
    text = long_text(int(args.megabytes * 1_000_000))
    sections = split_sections(text, min(nlp.max_length, SECTION_CHARS))
    print(f"text: {len(text):,} characters, nlp.max_length {nlp.max_length:,}, "
          f"{len(sections)} sections of at most {SECTION_CHARS:,}")
    started = time.perf_counter()
    result = diplo_ner.extract(text, nlp=nlp)
    seconds = time.perf_counter() - started
    print(f"extract: {seconds:.1f} s, {len(text) / seconds / 1000:.0f} k characters/s; "
          f"{len(result.entities):,} entities, {len(result.triples)} triples")
    print(f"peak RSS at the end: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
