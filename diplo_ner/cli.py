"""The ``diplo-ner`` command line: extract, evaluate, explain."""

from __future__ import annotations

import datetime as dt
import json
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

import typer

from .batch import DOC_TIMEOUT
from .errors import DiploNerError, Interrupted

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Diplomatic interactions from French news.")
PROGRESS_EVERY = 50
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@app.command()
def extract(
    inputs: list[str] = typer.Argument(
        ..., help=".txt/.html files, folders (recursive), globs or .jsonl files"
    ),
    output: Path = typer.Option(Path("triples.jsonl"), "-o", "--output", help="output JSONL"),
    graph: Optional[Path] = typer.Option(
        None, "--graph", help="also write the graph (.graphml, .gexf, .json, .html)"
    ),
    workers: int = typer.Option(1, "--workers", min=1, help="worker processes"),
    batch_size: int = typer.Option(16, "--batch-size", min=1, help="documents per nlp.pipe batch"),
    resume: bool = typer.Option(False, "--resume", help="skip ids already in OUTPUT and append"),
    errors: Optional[Path] = typer.Option(None, "--errors", help="also write error records here"),
    pub_date: Optional[str] = typer.Option(
        None, "--pub-date", help="publication date YYYY-MM-DD of documents that give none"
    ),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler",
        help="run on this Dask cluster (tcp://HOST:8786); needs diplo-ner[dask]",
    ),
    summary: bool = typer.Option(True, "--summary/--no-summary", help="print a summary at the end"),
    doc_timeout: float = typer.Option(
        DOC_TIMEOUT, "--doc-timeout", min=0, metavar="SECONDS",
        help="time limit of a document of up to 100,000 characters, more for a longer one "
             "(past it: an error record); 0: none",
    ),
) -> None:
    """Extract entities and triples from documents into a JSONL file, one record per document,
    in input order. Exit status 0 when every document was processed or recorded as an error,
    2 when the command cannot run (missing input, unwritable output, bad option), 130 when
    stopped by Ctrl-C (SIGINT), 143 by SIGTERM: then run it again with --resume."""
    from .batch import run_extract

    default_date = _iso_date_option(pub_date)
    try:
        with _stopping_on_signals():
            stats = run_extract(
                inputs,
                output,
                graph_path=graph,
                workers=workers,
                batch_size=batch_size,
                resume=resume,
                errors_path=errors,
                pub_date=default_date,
                scheduler=scheduler,
                doc_timeout=doc_timeout,
            )
    except DiploNerError as exc:
        _fail(str(exc))
    except Interrupted as exc:
        typer.echo(f"diplo-ner: interrupted after {exc.documents} documents; run again with "
                   f"--resume", err=True)
        raise typer.Exit(code=exc.exit_status) from None
    if summary:
        typer.echo(stats.render(), err=True)


@contextmanager
def _stopping_on_signals() -> Iterator[None]:
    """While active, SIGINT and SIGTERM raise :class:`Interrupted` (the run then stops its
    workers and closes its files); a second signal while it stops is ignored."""

    def stop(signum: int, frame: object) -> None:
        for name in STOP_SIGNALS:
            signal.signal(name, signal.SIG_IGN)
        raise Interrupted(signum)

    previous = {name: signal.signal(name, stop) for name in STOP_SIGNALS}
    try:
        yield
    finally:
        for name, handler in previous.items():
            signal.signal(name, handler)


def _iso_date_option(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        _fail(f"--pub-date {value!r} is not a date in YYYY-MM-DD form")


@app.command()
def evaluate(
    gold: Path = typer.Argument(
        ..., exists=True, dir_okay=False,
        help="gold JSONL, one article a line (docs/annotation.md section 5)",
    ),
    pred: Path = typer.Argument(
        ..., exists=True, dir_okay=False, help="the records diplo-ner extract wrote",
    ),
    show_errors: bool = typer.Option(
        False, "--show-errors", help="also list the misses, spurious records and wrong dates"
    ),
    as_json: bool = typer.Option(False, "--json", help="print the scores as JSON"),
) -> None:
    """Score predictions against gold as docs/annotation.md section 4 defines: entities,
    relations and relations with their dates, per entity label and per event type.

    On the bundled seeds: diplo-ner extract seeds -o out/triples.jsonl, then
    diplo-ner evaluate gold/seeds.jsonl out/triples.jsonl
    """
    from .evaluate import format_scores, load_records, score

    gold_records, pred_records = load_records(gold), load_records(pred)
    missing = [doc_id for doc_id in gold_records if doc_id not in pred_records]
    if missing:
        typer.echo(f"diplo-ner: {len(missing)} of {len(gold_records)} gold articles have no "
                   f"record in {pred} (scored as missed), e.g. {missing[0]!r}", err=True)
    scores = score(gold_records, pred_records)
    if as_json:
        typer.echo(json.dumps({k: v for k, v in scores.items() if k != "errors"}, indent=1))
    else:
        typer.echo(format_scores(scores, show_errors=show_errors))


@app.command()
def explain(
    text: str | None = typer.Argument(
        None, help="a sentence or short text; read from standard input when absent or -"
    ),
    pub_date: str | None = typer.Option(
        None, "--pub-date", metavar="YYYY-MM-DD",
        help="the publication date relative dates are read from (else the one the text "
             "prints, if any)",
    ),
) -> None:
    """Show the entities, dates and triples of a text, and which rule produced each triple."""
    from .explain import explain_text

    if text is None or text == "-":
        if sys.stdin.isatty():
            _fail('give a text: diplo-ner explain "Une phrase." (or pipe one in)')
        text = sys.stdin.read()
        if not text.strip():
            _fail("no text on standard input")
    _iso_date_option(pub_date)
    typer.echo(explain_text(text, pub_date))


def _fail(message: str) -> None:
    typer.echo(f"diplo-ner: error: {message}", err=True)
    raise typer.Exit(code=2)


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
