"""Extraction on a Dask cluster (``pip install diplo-ner[dask]``).

Each worker process loads the pipeline once, on first use (or at start with
:class:`PipelinePreloader`), and keeps it for every later task; documents and results
travel as plain dicts. Three ways in:

- :func:`extract_bag`: a ``dask.bag`` of input records (``{"id", "text", "pub_date"}``) →
  a bag of output records, to combine with the rest of a Dask workflow;
- :func:`write_partitioned`: such a bag written as one JSONL file per partition;
- :func:`extract_on_cluster`: what ``diplo-ner extract --scheduler tcp://HOST:8786`` uses:
  documents stream from the client to the cluster in chunks and the records come back in
  input order, so the output, ``--resume`` and the graph work as on one machine.

Give workers one thread each (``--nthreads 1``): one spaCy pipeline is not meant to be run
by several threads at once, and the processes are what scales.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .dates import parse_iso_date
from .errors import DiploNerError
from .io import ErrorRecord, InputDocument

try:
    from distributed import WorkerPlugin
except ImportError:  # the plugin is only of use with Dask; the rest imports without it
    WorkerPlugin = object

if TYPE_CHECKING:
    import dask.bag
    from spacy.language import Language

#: Batch size of ``nlp.pipe`` inside one task.
TASK_BATCH_SIZE = 16
#: Chunks submitted ahead of the one being written, per worker thread of the cluster.
CHUNKS_AHEAD_PER_THREAD = 2
#: Seconds the client waits for the scheduler when it disconnects.
CLOSE_SECONDS = 5

_LOAD_LOCK = threading.Lock()


def worker_pipeline() -> Language:
    """The pipeline of this process, loaded on the first call and kept (one per worker)."""
    with _LOAD_LOCK:  # two threads of one worker must not both load the model
        return _load_pipeline()


@lru_cache(maxsize=1)
def _load_pipeline() -> Language:
    from .pipeline import load

    return load()


def extract_partition(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Output records for input records ``{"id", "text", "pub_date"}`` (``pub_date`` ISO or
    null), in order, with this worker's pipeline; a record with an ``"error"`` key is passed
    through as it is."""
    from .batch import extract_records

    items = [_as_item(r) for r in records]
    return list(extract_records(items, worker_pipeline(), batch_size=TASK_BATCH_SIZE))


def _as_item(record: dict[str, Any]) -> InputDocument | ErrorRecord:
    doc_id = str(record["id"])
    source = record.get("source", doc_id)
    if "error" in record:
        return ErrorRecord(doc_id, record["error"], source)
    try:
        date = parse_iso_date(record.get("pub_date"))
    except ValueError as exc:
        return ErrorRecord(doc_id, f"{source}: {exc}", source)
    return InputDocument(doc_id, record.get("text") or "", date, source)


def _as_record(item: InputDocument | ErrorRecord) -> dict[str, Any]:
    if isinstance(item, ErrorRecord):
        return item.to_dict()
    date = item.pub_date.isoformat() if item.pub_date else None
    return {"id": item.id, "text": item.text, "pub_date": date, "source": item.source}


def extract_bag(bag: dask.bag.Bag) -> dask.bag.Bag:
    """A bag of output records, partition for partition, from a bag of input records."""
    return bag.map_partitions(extract_partition)


def write_partitioned(bag: dask.bag.Bag, folder: str | Path) -> list[str]:
    """Write a bag of output records as ``folder/part-N.jsonl``, one file per partition (in
    partition order); returns the file names."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    lines = bag.map(json.dumps, ensure_ascii=False)
    return lines.to_textfiles(str(Path(folder) / "part-*.jsonl"), encoding="utf-8")


class PipelinePreloader(WorkerPlugin):
    """A Dask worker plugin that loads the pipeline when a worker starts, so the first
    tasks do not wait for it: ``client.register_plugin(PipelinePreloader())``."""

    name = "diplo-ner-pipeline"

    def setup(self, worker: Any) -> None:
        worker_pipeline()


def extract_on_cluster(
    items: Iterable[InputDocument | ErrorRecord], scheduler: str, chunk_size: int = 64
) -> Iterator[dict[str, Any]]:
    """Output records of ``items`` computed on the Dask cluster at ``scheduler``, in input
    order. Documents are sent in chunks of ``chunk_size``, a bounded number ahead, so
    memory does not grow with the number of documents."""
    client = connect(scheduler)
    futures: deque[Any] = deque()
    try:
        ahead = max(1, sum(client.nthreads().values())) * CHUNKS_AHEAD_PER_THREAD
        for chunk in _chunks(items, chunk_size):
            futures.append(client.submit(extract_partition, chunk, pure=False))
            if len(futures) > ahead:
                yield from futures.popleft().result()
        while futures:
            yield from futures.popleft().result()
    finally:
        # stopped early (Ctrl-C, a signal, an error): submit nothing more and withdraw what
        # is queued; the cluster itself is left running
        if futures:
            client.cancel(list(futures))
        client.close(timeout=CLOSE_SECONDS)


def connect(scheduler: str) -> Any:
    """A ``distributed.Client`` on the cluster at ``scheduler``, with every worker told to
    preload the pipeline; :class:`DiploNerError` when Dask is missing or the scheduler
    does not answer."""
    try:
        from distributed import Client
    except ImportError:
        raise DiploNerError("--scheduler needs Dask: pip install 'diplo-ner[dask]'") from None
    try:
        client = Client(scheduler, timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise DiploNerError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    client.register_plugin(PipelinePreloader())
    return client


def _chunks(
    items: Iterable[InputDocument | ErrorRecord], size: int
) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for item in items:
        chunk.append(_as_record(item))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
