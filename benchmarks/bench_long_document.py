"""Time and peak memory of one long document against the same text cut into short documents.

    python benchmarks/bench_long_document.py [--sizes 0.25 0.5 1 2] [--piece-chars 2000]

The text repeats a few French paragraphs written for this benchmark, with varying dates,
until it reaches each size asked for (in MB, millions of characters). For each size, one
fresh process runs ``diplo_ner.extract`` on the whole text (processed in sections past
``nlp.max_length``), and another runs ``diplo_ner.extract_many`` on the same text cut at
paragraph breaks into documents of at most ``--piece-chars`` characters. Each process loads
the model, warms it up on a short text, then times the extraction alone; its peak resident
memory includes the model. The table gives seconds per MB (wall clock, and CPU time of the
process, steadier on a shared machine), the peak RSS of the whole-text process, and the ratio
of the whole text's time to the cut text's: 1 when the cost is linear in a document's length.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

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
WARM_UP_CHARS = 2_000


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


def measure(megabytes: float, piece_chars: int | None) -> dict[str, float]:
    """Run in a fresh process: the whole text (``piece_chars`` None) or its pieces, timed."""
    import diplo_ner
    from diplo_ner.pipeline import extract_many, split_sections

    nlp = diplo_ner.load()
    diplo_ner.extract(long_text(WARM_UP_CHARS), nlp=nlp)
    text = long_text(int(megabytes * 1_000_000))
    wall, cpu = time.perf_counter(), time.process_time()
    if piece_chars is None:
        triples = len(diplo_ner.extract(text, nlp=nlp).triples)
    else:
        items = (
            (str(n), text[start:end], None)
            for n, (start, end) in enumerate(split_sections(text, piece_chars))
        )
        triples = sum(len(r.triples) for r in extract_many(items, nlp=nlp))
    return {
        "chars": len(text),
        "seconds": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu,
        "rss_mb": peak_rss_mb(),
        "triples": triples,
    }


def in_fresh_process(megabytes: float, piece_chars: int | None) -> dict[str, float]:
    command = [sys.executable, __file__, "--measure", str(megabytes)]
    if piece_chars is not None:
        command += ["--cut", "--piece-chars", str(piece_chars)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=float,
        nargs="+",
        default=[0.25, 0.5, 1.0, 2.0],
        help="sizes of the long document, in MB (millions of characters)",
    )
    parser.add_argument(
        "--piece-chars",
        type=int,
        default=2_000,
        help="length of the short documents the text is cut into",
    )
    parser.add_argument("--measure", type=float, help=argparse.SUPPRESS)  # in the child process:
    parser.add_argument("--cut", action="store_true", help=argparse.SUPPRESS)  # size, and how
    args = parser.parse_args()
    if args.measure is not None:
        print(json.dumps(measure(args.measure, args.piece_chars if args.cut else None)))
        return
    print(
        f"{'MB':>5} {'chars':>10} {'s/MB':>7} {'CPU s/MB':>9} {'peak RSS MB':>12} "
        f"{'cut s/MB':>9} {'ratio':>6} {'CPU ratio':>10}"
    )
    for size in args.sizes:
        whole = in_fresh_process(size, None)
        cut = in_fresh_process(size, args.piece_chars)
        mb = whole["chars"] / 1_000_000
        print(
            f"{size:>5g} {whole['chars']:>10,} {whole['seconds'] / mb:>7.1f} "
            f"{whole['cpu'] / mb:>9.1f} {whole['rss_mb']:>12.0f} {cut['seconds'] / mb:>9.1f} "
            f"{whole['seconds'] / cut['seconds']:>6.2f} {whole['cpu'] / cut['cpu']:>10.2f}",
            flush=True,
        )
    print(
        f"ratio: time of the whole text / time of the same text cut into documents of at most "
        f"{args.piece_chars:,} characters (CPU ratio: the same with CPU time)"
    )


if __name__ == "__main__":
    main()
