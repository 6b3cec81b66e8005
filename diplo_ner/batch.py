"""The batch extraction behind ``diplo-ner extract``.

Documents stream from the inputs (:func:`diplo_ner.io.iter_documents`) through one
``nlp.pipe`` call (``n_process`` workers) to a JSONL file, one record per document, in input
order, each line flushed as it is written; nothing accumulates in memory. A document that
cannot be read or that the pipeline fails on gets an error record and the run goes on. With
``resume`` the ids already in the output are skipped and new records are appended: since
records come out in input order, a killed run resumed ends with the same file as a run that
was never interrupted. The graph, if asked for, is built at the end from the output file.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import OutputError
from .io import (
    ErrorRecord,
    InputDocument,
    JsonlWriter,
    count_documents,
    expand_inputs,
    iter_documents,
    iter_records,
    read_done_ids,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

logger = logging.getLogger(__name__)

#: Seconds between two progress lines when stderr is not a terminal (a log file, CI).
PROGRESS_EVERY_SECONDS = 10.0
TOP_INTERACTIONS = 5
#: Documents handed to a Dask cluster per task (``--scheduler``).
CLUSTER_CHUNK = 64

Item = InputDocument | ErrorRecord


@dataclass
class RunStats:
    """What a batch run did: counts for the progress line and the final summary."""

    documents: int = 0
    errors: int = 0
    skipped: int = 0
    seconds: float = 0.0
    entities: Counter = field(default_factory=Counter)
    triples: Counter = field(default_factory=Counter)
    interactions: Counter = field(default_factory=Counter)

    @property
    def records(self) -> int:
        """Records written by this run (documents and error records)."""
        return self.documents + self.errors

    def add(self, record: dict[str, Any]) -> None:
        """Count one output record."""
        if "error" in record:
            self.errors += 1
            return
        self.documents += 1
        triples = record.get("triples", ())
        self.entities.update(e["label"] for e in record.get("entities", ()))
        self.triples.update(t["event_type"] for t in triples)
        self.interactions.update(
            f"{t['actor']} —{t['event_type']}→ {t['counterpart']}" for t in triples
        )

    def render(self) -> str:
        """The final summary: documents, errors, entities and triples by type, time."""
        rate = self.records / self.seconds if self.seconds else 0.0
        lines = [
            f"documents: {self.documents} processed, {self.errors} errors, "
            f"{self.skipped} skipped as already done; {self.seconds:.1f} s ({rate:.1f} docs/s)",
            "entities: " + _counts(self.entities),
            f"triples: {sum(self.triples.values())} (" + _counts(self.triples) + ")",
        ]
        if self.interactions:
            lines.append("top interactions:")
            top = self.interactions.most_common(TOP_INTERACTIONS)
            lines += [f"  {n} × {name}" for name, n in top]
        return "\n".join(lines)


def _counts(counter: Counter) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counter.items())) or "none"


def run_extract(
    inputs: Iterable[str | Path],
    output: Path,
    graph_path: Path | None = None,
    workers: int = 1,
    batch_size: int = 16,
    resume: bool = False,
    errors_path: Path | None = None,
    pub_date: dt.date | None = None,
    nlp: Language | None = None,
    scheduler: str | None = None,
    progress: bool = True,
) -> RunStats:
    """Extract every document of ``inputs`` to the JSONL file ``output`` (see the module
    docstring) and return the run's counts.

    ``workers`` processes run the pipeline (spaCy's ``n_process``), or the Dask cluster at
    ``scheduler`` does. Raises :class:`~diplo_ner.errors.InputError` when an input does not
    exist and :class:`~diplo_ner.errors.OutputError` when an output cannot be written;
    problems with single documents never raise.
    """
    paths = expand_inputs(inputs)
    output = Path(output)
    done = read_done_ids(output) if resume else set()
    stats = RunStats()
    items = _pending(iter_documents(paths, pub_date=pub_date), done, stats)
    with _open_writer(output, resume) as writer, _ErrorSink(errors_path, resume) as sink:
        if scheduler:
            from .distributed import extract_on_cluster

            records = extract_on_cluster(items, scheduler, chunk_size=CLUSTER_CHUNK)
        else:
            from .pipeline import default_pipeline

            nlp = nlp or default_pipeline()  # loaded before the clock starts
            records = extract_records(items, nlp, batch_size=batch_size, workers=workers)
        started = time.perf_counter()
        bar = _Progress(paths) if progress else None
        for record in records:
            _write(writer, record, output)
            if "error" in record:
                sink.write(record)
            stats.add(record)
            if bar:
                bar.update(stats, time.perf_counter() - started)
        if bar:
            bar.close()
    stats.seconds = time.perf_counter() - started
    if graph_path:
        write_graph(Path(graph_path), output)
    return stats


def _pending(items: Iterator[Item], done: set[str], stats: RunStats) -> Iterator[Item]:
    for item in items:
        if item.id in done:
            stats.skipped += 1
        else:
            yield item


def extract_records(
    items: Iterable[Item],
    nlp: Language | None = None,
    batch_size: int = 16,
    workers: int = 1,
) -> Iterator[dict[str, Any]]:
    """Output records of ``items``, in order: a document's record, or an error record for
    an unreadable document or one the pipeline failed on. One ``nlp.pipe`` call with
    ``n_process=workers`` processes them all (worker processes start once)."""
    from .pipeline import default_pipeline, make_doc, to_result

    nlp = nlp or default_pipeline()
    queue: deque[Item] = deque()  # read but not yet written, in input order
    failures: dict[str, str] = {}

    def docs() -> Iterator[Doc]:
        for item in items:
            queue.append(item)
            if isinstance(item, InputDocument):
                try:
                    yield make_doc(nlp, item.text, item.pub_date, item.id)
                except Exception as exc:  # e.g. longer than nlp.max_length
                    failures[item.id] = _failure(exc)

    with _skipping_failed_docs(nlp, failures):
        for doc in nlp.pipe(docs(), batch_size=batch_size, n_process=workers):
            yield from _records_before(queue, doc._.doc_id, failures)
            yield to_result(doc, doc._.doc_id).to_dict()
    yield from _records_before(queue, None, failures)


def _records_before(
    queue: deque[Item], doc_id: str | None, failures: dict[str, str]
) -> Iterator[dict[str, Any]]:
    """Pop the items read before the document ``doc_id`` (all of them for None): error
    records, and documents the pipeline dropped because it failed on them."""
    while queue:
        item = queue.popleft()
        if isinstance(item, InputDocument):
            if item.id == doc_id:
                return
            error = failures.pop(item.id, "processing failed (see the log)")
            item = ErrorRecord(item.id, f"{item.source}: {error}", item.source)
        yield item.to_dict()


def _failure(exc: BaseException) -> str:
    return f"processing failed: {type(exc).__name__}: {exc}"


class _skipping_failed_docs:
    """While active, one of our components failing on a document drops that document
    (logged, and its message kept in ``failures`` when known) instead of stopping
    ``nlp.pipe``. Only ``nlp.default_error_handler`` is swapped, which spaCy uses for
    components without a ``pipe`` method (ours): ``nlp.set_error_handler`` would also reach
    the parser, which cannot take one (spaCy 3.8)."""

    def __init__(self, nlp: Language, failures: dict[str, str]):
        self.nlp = nlp
        self.handler = _FailureHandler(failures)

    def __enter__(self) -> None:
        self.saved = self.nlp.default_error_handler
        self.nlp.default_error_handler = self.handler

    def __exit__(self, *exc: object) -> None:
        self.nlp.default_error_handler = self.saved


class _FailureHandler:
    """A spaCy error handler that logs and records instead of raising. (In a worker
    process the record stays there: the parent writes a generic message.)"""

    def __init__(self, failures: dict[str, str]):
        self.failures = failures

    def __call__(self, name: str | None, proc: Any, docs: Any, exc: BaseException) -> None:
        ids = [doc._.doc_id for doc in docs or ()]
        logger.error("component %s failed on %s: %s", name, ids or "a batch", exc)
        for doc_id in ids:
            self.failures[doc_id] = _failure(exc)


def _open_writer(output: Path, resume: bool) -> JsonlWriter:
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        return JsonlWriter(output, append=resume)
    except OSError as exc:
        raise OutputError(f"cannot write {output}: {exc.strerror or exc}") from exc


def _write(writer: JsonlWriter, record: dict[str, Any], output: Path) -> None:
    try:
        writer.write(record)
    except OSError as exc:  # disk full: stop, --resume goes on from here
        raise OutputError(f"cannot write {output}: {exc.strerror or exc}") from exc


class _ErrorSink:
    """The optional ``--errors`` file: a copy of the error records."""

    def __init__(self, path: Path | None, resume: bool):
        self.writer = _open_writer(Path(path), resume) if path else None

    def write(self, record: dict[str, Any]) -> None:
        if self.writer:
            _write(self.writer, record, self.writer.path)

    def __enter__(self) -> _ErrorSink:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.writer:
            self.writer.close()


class _Progress:
    """Progress on stderr: a tqdm bar (documents, docs/s, ETA) on a terminal, else a plain
    line every PROGRESS_EVERY_SECONDS."""

    def __init__(self, paths: list[Path]):
        self.bar = None
        self.last = 0.0
        if sys.stderr.isatty():
            from tqdm import tqdm

            total = count_documents(paths)  # a pass over the inputs, for the ETA
            self.bar = tqdm(total=total, unit="doc", desc="diplo-ner", file=sys.stderr)

    def update(self, stats: RunStats, elapsed: float) -> None:
        if self.bar is not None:
            self.bar.update(stats.records + stats.skipped - self.bar.n)
            if stats.errors:
                self.bar.set_postfix(errors=stats.errors, refresh=False)
        elif elapsed - self.last >= PROGRESS_EVERY_SECONDS:
            self.last = elapsed
            print(
                f"diplo-ner: {stats.records} documents ({stats.errors} errors) in "
                f"{elapsed:.0f} s, {stats.records / elapsed:.1f} docs/s",
                file=sys.stderr,
                flush=True,
            )

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def write_graph(path: Path, output: Path) -> None:
    """The interaction graph of the records in the JSONL file ``output``, in the format
    ``path``'s extension names (.graphml by default, .gexf, .json, .html)."""
    from . import graph as graph_module

    g = graph_module.build_graph(iter_records(output))
    suffix = path.suffix.lower()
    try:
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
    except OSError as exc:
        raise OutputError(f"cannot write the graph {path}: {exc.strerror or exc}") from exc
