"""The batch extraction behind ``diplo-ner extract``.

Documents stream from the inputs (:func:`diplo_ner.io.iter_documents`) in batches through
the pipeline, in this process or in forked worker processes, to a JSONL file, one record per
document, in input order, each line flushed as it is written; nothing accumulates in memory.
A document that cannot be read, that the pipeline fails on or that runs past its time limit
gets an error record and the run goes on; a file of an unsupported type met in a folder is
counted and listed in the errors file. With ``resume`` the ids already in the output are
skipped and new records are appended: since records come out in input order, a killed run
resumed ends with the same file as a run that was never interrupted. A signal that stops the
run (:class:`~diplo_ner.errors.Interrupted`) stops the workers first. The graph, if asked
for, is built at the end from the output file.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import logging
import os
import queue
import shutil
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DiploNerError, Interrupted, OutputError
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
#: Columns and rows of a terminal that does not tell its size.
FALLBACK_SIZE = (80, 24)
#: Documents handed to a Dask cluster per task (``--scheduler``).
CLUSTER_CHUNK = 64
#: Seconds a document of up to DOC_TIMEOUT_CHARS characters may take (``--doc-timeout``);
#: a longer one gets proportionally more.
DOC_TIMEOUT = 120.0
DOC_TIMEOUT_CHARS = 100_000
#: The ``warnings`` entry of the record of a document with no text.
EMPTY_DOCUMENT = "empty document"
#: Why a file met in a folder or a glob gives no document (its ``skipped`` field).
UNSUPPORTED = "unsupported file type"
#: Batches queued for the worker processes ahead of the one being written, per worker.
BATCHES_AHEAD_PER_WORKER = 2
#: How often the parent checks that its workers are alive while it waits for them.
WORKER_POLL_SECONDS = 1.0
#: Seconds a worker gets to exit before it is killed.
WORKER_STOP_SECONDS = 2.0
STOP_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM})
PR_SET_PDEATHSIG = 1  # linux/prctl.h

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
    #: Files of unsupported types met in folders and globs, by extension.
    unsupported: Counter = field(default_factory=Counter)

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
            *self._unsupported_lines(),
            "entities: " + _counts(self.entities),
            f"triples: {sum(self.triples.values())} (" + _counts(self.triples) + ")",
        ]
        if self.interactions:
            lines.append("top interactions:")
            top = self.interactions.most_common(TOP_INTERACTIONS)
            lines += [f"  {n} × {name}" for name, n in top]
        return "\n".join(lines)

    def _unsupported_lines(self) -> list[str]:
        total = sum(self.unsupported.values())
        if not total:
            return []
        return [
            f"files: {total} skipped, {UNSUPPORTED} ({_counts(self.unsupported)}); "
            "--errors FILE lists them"
        ]


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
    doc_timeout: float | None = DOC_TIMEOUT,
) -> RunStats:
    """Extract every document of ``inputs`` to the JSONL file ``output`` (see the module
    docstring) and return the run's counts.

    ``workers`` processes run the pipeline, or the Dask cluster at ``scheduler`` does; a
    document may take ``doc_timeout`` seconds per 100,000 characters (0 or None: no limit).
    Raises :class:`~diplo_ner.errors.InputError` when an input does not exist,
    :class:`~diplo_ner.errors.OutputError` when an output cannot be written and
    :class:`~diplo_ner.errors.Interrupted` (a KeyboardInterrupt) when a Ctrl-C or a signal
    stopped the run, once its workers are stopped and its files closed; problems with
    single documents never raise.
    """
    unsupported: list[Path] = []
    paths = expand_inputs(inputs, unsupported=unsupported)
    output = Path(output)
    done = read_done_ids(output) if resume else set()
    stats = RunStats()
    items = _pending(iter_documents(paths, pub_date=pub_date), done, stats)
    with _open_writer(output, resume) as writer, _ErrorSink(errors_path, resume) as sink:
        for path in unsupported:
            stats.unsupported[path.suffix.lower() or "no extension"] += 1
            sink.write_once({"id": str(path), "skipped": UNSUPPORTED, "source": str(path)})
        if scheduler:
            from .distributed import extract_on_cluster

            records = extract_on_cluster(items, scheduler, chunk_size=CLUSTER_CHUNK)
        else:
            from .pipeline import default_pipeline

            nlp = nlp or default_pipeline()  # loaded before the clock starts
            records = extract_records(
                items, nlp, batch_size=batch_size, workers=workers, doc_timeout=doc_timeout
            )
        started = time.perf_counter()
        bar = _Progress(paths) if progress else None
        try:
            with closing(records):  # stops the workers, however the loop ends
                for record in records:
                    _write(writer, record, output)
                    if "error" in record:
                        sink.write(record)
                    stats.add(record)
                    if bar:
                        bar.update(stats, time.perf_counter() - started)
        except KeyboardInterrupt as exc:
            raise Interrupted(getattr(exc, "signum", signal.SIGINT), stats.records) from None
        finally:
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
    doc_timeout: float | None = DOC_TIMEOUT,
) -> Iterator[dict[str, Any]]:
    """Output records of ``items``, in order: a document's record, or an error record for
    an unreadable document, one the pipeline failed on, or one that ran past its time
    limit (:func:`time_limit_for`; ``doc_timeout`` 0 or None: no limit). With ``workers``
    above 1, forked worker processes run the batches (they start once); closing the
    generator stops them."""
    from .pipeline import default_pipeline

    nlp = nlp or default_pipeline()
    batches = _batches(items, batch_size)
    if workers > 1:
        yield from _pool_records(batches, nlp, workers, doc_timeout)
        return
    for batch in batches:
        yield from _batch_records(nlp, batch, doc_timeout)


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def time_limit_for(text: str, doc_timeout: float | None) -> float | None:
    """Seconds a document of ``text`` may take: ``doc_timeout`` up to
    DOC_TIMEOUT_CHARS characters, proportionally more beyond (None: no limit)."""
    if not doc_timeout:
        return None
    return doc_timeout * max(1.0, len(text) / DOC_TIMEOUT_CHARS)


def _batch_records(
    nlp: Language, batch: list[Item], doc_timeout: float | None = DOC_TIMEOUT
) -> list[dict[str, Any]]:
    """The records of one batch, in order. The batch goes through ``nlp.pipe`` at once
    under the largest time limit of its documents; if that fails or runs out, its documents
    are redone one at a time, each under its own limit, so that only the culprit gets an
    error record."""
    docs = [item for item in batch if isinstance(item, InputDocument)]
    limits = [time_limit_for(item.text, doc_timeout) for item in docs]
    try:
        with _time_limit(max(limits, key=lambda s: s or 0.0, default=None)):
            done = _pipe_records(nlp, docs)
    except (_DocumentTimeout, Exception):  # rare: find which document it was
        done = [_document_record(nlp, d, s) for d, s in zip(docs, limits, strict=True)]
    records = iter(done)
    return [next(records) if isinstance(item, InputDocument) else item.to_dict() for item in batch]


def _pipe_records(nlp: Language, docs: list[InputDocument]) -> list[dict[str, Any]]:
    from .pipeline import make_doc

    made = [make_doc(nlp, d.text, d.pub_date, d.id) for d in docs]
    processed = nlp.pipe(made, batch_size=max(1, len(made)))
    return [_record(doc, item) for doc, item in zip(processed, docs, strict=True)]


def _document_record(nlp: Language, item: InputDocument, limit: float | None) -> dict[str, Any]:
    from .pipeline import make_doc

    try:
        with _time_limit(limit):
            doc = nlp(make_doc(nlp, item.text, item.pub_date, item.id))
    except _DocumentTimeout:
        message = f"took longer than its time limit of {limit:g} s (--doc-timeout)"
        logger.error("%s: %s", item.source, message)
        return ErrorRecord(item.id, f"{item.source}: {message}", item.source).to_dict()
    except Exception as exc:  # a component failed on this document: the run goes on
        logger.error("%s: %s", item.source, _failure(exc))
        return ErrorRecord(item.id, f"{item.source}: {_failure(exc)}", item.source).to_dict()
    return _record(doc, item)


def _record(doc: Doc, item: InputDocument) -> dict[str, Any]:
    from .pipeline import to_result

    record = to_result(doc, item.id).to_dict()
    if not item.text.strip():
        record["warnings"] = [EMPTY_DOCUMENT]
    return record


def _failure(exc: BaseException) -> str:
    return f"processing failed: {type(exc).__name__}: {exc}"


class _DocumentTimeout(BaseException):
    """Raised in the middle of a document that ran past its time limit. Not an Exception,
    so that no ``except Exception`` in a component swallows it."""


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``_DocumentTimeout`` in the block once ``seconds`` have passed (a
    SIGALRM timer). Only the main thread of a process can take signals: elsewhere (a Dask
    worker thread), on Windows (no SIGALRM) or with ``seconds`` None, the block runs
    without a limit."""
    on_main_thread = threading.current_thread() is threading.main_thread()
    if not seconds or not on_main_thread or not hasattr(signal, "setitimer"):
        yield
        return
    previous = signal.signal(signal.SIGALRM, _time_is_up)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _time_is_up(signum: int, frame: Any) -> None:
    raise _DocumentTimeout


# --------------------------------------------------------------------------- worker processes


def _pool_records(
    batches: Iterator[list[Item]], nlp: Language, workers: int, doc_timeout: float | None
) -> Iterator[dict[str, Any]]:
    """Records of ``batches`` computed by ``workers`` processes, in input order, a bounded
    number of batches ahead. However the generator ends (done, an error, a signal in the
    parent), the workers are stopped before it returns."""
    pool = _WorkerPool(nlp, workers, doc_timeout)
    try:
        ready: dict[int, list[dict[str, Any]]] = {}
        sent = written = 0
        more = True
        while more or written < sent:
            while more and sent - written < workers * BATCHES_AHEAD_PER_WORKER:
                batch = next(batches, None)
                more = batch is not None
                if more:
                    pool.submit(sent, batch)
                    sent += 1
            while written < sent and written not in ready:
                seq, records = pool.receive()
                ready[seq] = records
            if written < sent:
                yield from ready.pop(written)
                written += 1
        pool.finish()
    finally:
        pool.stop()


class _WorkerPool:
    """Worker processes forked from this one (the loaded pipeline is shared copy-on-write),
    fed batches through one queue and answering on another. A worker ignores SIGINT (a
    Ctrl-C reaches the whole process group: the parent alone decides to stop) and dies
    with its parent (Linux), so that no worker outlives the run."""

    def __init__(self, nlp: Language, workers: int, doc_timeout: float | None):
        context = _process_context()
        self.tasks = context.Queue()
        self.results = context.Queue()
        args = (nlp, self.tasks, self.results, doc_timeout, os.getpid())
        self.processes = [
            context.Process(target=_work, args=args, daemon=True) for _ in range(workers)
        ]
        with _signals_blocked():  # no stop signal reaches a worker before its own handlers
            try:
                for process in self.processes:
                    process.start()
            except BaseException:
                self.stop()
                raise

    def submit(self, seq: int, batch: list[Item]) -> None:
        self.tasks.put((seq, batch))

    def receive(self) -> tuple[int, list[dict[str, Any]]]:
        """The next finished batch; DiploNerError if a worker died (killed, out of memory)
        instead of waiting for it forever."""
        while True:
            try:
                return self.results.get(timeout=WORKER_POLL_SECONDS)
            except queue.Empty:
                dead = [p for p in self.processes if p.exitcode is not None]
                if dead:
                    raise DiploNerError(
                        f"a worker process stopped unexpectedly (exit status "
                        f"{dead[0].exitcode}); run again with --resume to go on"
                    ) from None

    def finish(self) -> None:
        """Tell the workers there is no more work and let them exit."""
        for _ in self.processes:
            self.tasks.put(None)
        for process in self.processes:
            process.join(WORKER_STOP_SECONDS)

    def stop(self) -> None:
        """End every worker still running (SIGTERM, then SIGKILL) and wait for it."""
        started = [p for p in self.processes if p.pid is not None]
        for process in started:
            if process.exitcode is None:
                process.terminate()
        for process in started:
            process.join(WORKER_STOP_SECONDS)
            if process.exitcode is None:
                process.kill()
                process.join()
        for q in (self.tasks, self.results):
            q.cancel_join_thread()  # documents still queued for dead workers: drop them
            q.close()


@contextmanager
def _signals_blocked() -> Iterator[None]:
    if not hasattr(signal, "pthread_sigmask"):  # Windows
        yield
        return
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def _process_context() -> Any:
    import multiprocessing

    if sys.platform.startswith("linux"):  # elsewhere fork is unsafe or absent: the default
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _work(nlp: Language, tasks: Any, results: Any, doc_timeout: float | None, parent: int) -> None:
    """A worker process: records of each batch from ``tasks`` to ``results``, until None."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent(parent)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    while (task := tasks.get()) is not None:
        seq, batch = task
        results.put((seq, _batch_records(nlp, batch, doc_timeout)))


def _die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when its parent dies, even by SIGKILL (Linux)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the parent's handlers stop the workers
        return
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


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
        self.written = read_done_ids(path) if path and resume else set()
        self.writer = _open_writer(Path(path), resume) if path else None

    def write(self, record: dict[str, Any]) -> None:
        if self.writer:
            _write(self.writer, record, self.writer.path)

    def write_once(self, record: dict[str, Any]) -> None:
        """Write ``record`` unless a run resumed here already did (a skipped file)."""
        if record["id"] not in self.written:
            self.write(record)

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
            # a terminal that reports no size (some CI shells) would hide the bar
            size = None if shutil.get_terminal_size((0, 0)).columns else FALLBACK_SIZE
            self.bar = tqdm(
                total=total,
                unit="doc",
                desc="diplo-ner",
                file=sys.stderr,
                ncols=size and size[0],
                nrows=size and size[1],
            )

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
