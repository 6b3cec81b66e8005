"""The batch extraction behind ``diplo-ner extract``: streams documents from the inputs,
through the pipeline, to a JSONL file in input order, one record per document (an error
record for a document that cannot be read), with progress on stderr and a summary."""

from __future__ import annotations

import datetime as dt
import logging
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .io import ErrorRecord, InputDocument, JsonlWriter, iter_documents, read_done_ids
from .types import Result

logger = logging.getLogger(__name__)
PROGRESS_EVERY_SECONDS = 10.0
TOP_INTERACTIONS = 5


@dataclass
class RunStats:
    """What a batch run did: counts for the final summary."""

    documents: int = 0
    errors: int = 0
    skipped: int = 0
    seconds: float = 0.0
    entities: Counter = field(default_factory=Counter)
    triples: Counter = field(default_factory=Counter)
    interactions: Counter = field(default_factory=Counter)

    def add(self, result: Result) -> None:
        self.documents += 1
        self.entities.update(e.label for e in result.entities)
        self.triples.update(t.event_type for t in result.triples)
        self.interactions.update(f"{t.actor} —{t.event_type}→ {t.counterpart}" for t in result.triples)

    def render(self) -> str:
        rate = self.documents / self.seconds if self.seconds else 0.0
        lines = [f"documents: {self.documents} ({self.errors} errors, {self.skipped} skipped as done) "
                 f"in {self.seconds:.1f} s ({rate:.1f} docs/s)",
                 "entities: " + (", ".join(f"{k} {v}" for k, v in sorted(self.entities.items())) or "none"),
                 "triples: " + (", ".join(f"{k} {v}" for k, v in sorted(self.triples.items())) or "none")]
        if self.interactions:
            lines.append("top interactions:")
            lines += [f"  {n} × {name}" for name, n in self.interactions.most_common(TOP_INTERACTIONS)]
        return "\n".join(lines)


def run_extract(inputs: Iterable[str], output: Path, graph_path: Path | None = None,
                workers: int = 1, batch_size: int = 16, resume: bool = False,
                errors_path: Path | None = None, pub_date: dt.date | None = None,
                nlp=None) -> RunStats:
    """Extract every input document to ``output``; see the module docstring."""
    from .pipeline import default_pipeline, make_doc, to_result

    inputs = list(inputs)
    output = Path(output)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        done = read_done_ids(output) if resume and output.exists() else set()
        writer = JsonlWriter(output, append=resume)
    except OSError as exc:
        raise InputError(f"cannot write {output}: {exc.strerror}") from exc
    stats = RunStats()
    documents = iter_documents(inputs, pub_date=pub_date)
    nlp = nlp or default_pipeline()
    error_writer = JsonlWriter(errors_path, append=resume) if errors_path else None
    started = time.perf_counter()
    progress = _Progress(started)
    graph_results: list[dict] = []
    with writer:
        for item in _ordered(nlp, documents, done, stats, batch_size, workers, make_doc, to_result):
            record = item.to_dict()
            writer.write(record)
            if isinstance(item, ErrorRecord):
                stats.errors += 1
                if error_writer:
                    error_writer.write(record)
            else:
                stats.add(item)
                if graph_path:
                    graph_results.append(record)
            progress.tick(stats)
    if error_writer:
        error_writer.close()
    stats.seconds = time.perf_counter() - started
    if graph_path:
        write_graph(graph_results, Path(graph_path))
    return stats


def _ordered(nlp, documents: Iterator[InputDocument | ErrorRecord], done: set[str], stats: RunStats,
             batch_size: int, workers: int, make_doc, to_result) -> Iterator[Result | ErrorRecord]:
    """Results and error records in input order: documents go through ``nlp.pipe`` in
    chunks; an error record waits for the documents before it."""
    chunk: list[InputDocument | ErrorRecord] = []
    chunk_size = batch_size * max(1, workers) * 4
    for item in documents:
        if item.id in done:
            stats.skipped += 1
            continue
        chunk.append(item)
        if len(chunk) >= chunk_size:
            yield from _process_chunk(nlp, chunk, batch_size, workers, make_doc, to_result)
            chunk = []
    if chunk:
        yield from _process_chunk(nlp, chunk, batch_size, workers, make_doc, to_result)


def _process_chunk(nlp, chunk, batch_size, workers, make_doc, to_result) -> Iterator[Result | ErrorRecord]:
    docs = [make_doc(nlp, d.text, d.pub_date, d.id) for d in chunk if isinstance(d, InputDocument)]
    processed = iter(nlp.pipe(docs, batch_size=batch_size, n_process=workers))
    for item in chunk:
        if isinstance(item, ErrorRecord):
            yield item
            continue
        try:
            doc = next(processed)
            yield to_result(doc, doc._.doc_id)
        except Exception as exc:  # a document the pipeline cannot handle must not stop the run
            logger.exception("document %s failed", item.id)
            yield ErrorRecord(item.id, f"processing failed: {type(exc).__name__}: {exc}", item.source)


class _Progress:
    """A progress line on stderr: a live bar on a terminal, periodic lines otherwise."""

    def __init__(self, started: float):
        self.started = started
        self.last = started
        self.tty = sys.stderr.isatty()

    def tick(self, stats: RunStats) -> None:
        now = time.perf_counter()
        if now - self.last < (0.5 if self.tty else PROGRESS_EVERY_SECONDS):
            return
        self.last = now
        done = stats.documents + stats.errors
        rate = done / (now - self.started)
        line = f"diplo-ner: {done} documents, {stats.errors} errors, {rate:.1f} docs/s"
        print(("\r" + line) if self.tty else line, end="" if self.tty else "\n", file=sys.stderr, flush=True)


def write_graph(records: list[dict], path: Path) -> None:
    """The interaction graph of ``records``, in the format the file extension names."""
    from . import graph as graph_module

    g = graph_module.build_graph(records)
    suffix = path.suffix.lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".gexf":
        graph_module.to_gexf(g, path)
    elif suffix == ".json":
        graph_module.to_node_link_json(g, path)
    elif suffix in (".html", ".htm"):
        from .views import to_html

        to_html(g, path)
    else:
        graph_module.to_graphml(g, path)
