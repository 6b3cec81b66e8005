"""Reading inputs (``.jsonl``, ``.txt``, ``.html``; files, folders, globs) and writing JSONL.

Every problem with one document becomes an :class:`ErrorRecord` and reading goes on, so a
batch never loses a document: count in = records out + error records.
"""

from __future__ import annotations

import datetime as dt
import glob
import html as html_lib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
TAGS_DROPPED = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"<[^>]+>")
BLOCK_TAG = re.compile(r"</?(p|div|br|h[1-6]|li|tr|article|section)\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class InputDocument:
    """One document to process."""

    id: str
    text: str
    pub_date: dt.date | None
    source: str
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ErrorRecord:
    """A document that could not be read, and why."""

    id: str
    error: str
    source: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "error": self.error, "source": self.source}


def expand_inputs(inputs: Iterable[str | os.PathLike]) -> list[Path]:
    """Files named, files under folders (recursive, sorted, known extensions only), glob
    matches. An input that matches nothing raises :class:`InputError`."""
    paths: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            paths += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in KNOWN_SUFFIXES)
        elif path.is_file():
            paths.append(path)
        else:
            matches = sorted(Path(p) for p in glob.glob(str(item), recursive=True) if Path(p).is_file())
            if not matches:
                raise InputError(f"input {str(item)!r} does not exist (no file, folder or glob match)")
            paths += matches
    return paths


def decode_bytes(data: bytes) -> str:
    """Text of a file's bytes: UTF-8 (BOM stripped), else the encoding charset-normalizer
    detects (Latin-1, Windows-1252...), then unambiguous mojibake repaired. Binary data
    raises :class:`InputError`."""
    if data.startswith(BINARY_MAGIC) or b"\x00" in data[:4096]:
        raise InputError("binary content (not a text, HTML or JSONL document)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise InputError("undecodable content (no text encoding fits)") from None
        text = str(best)
    return clean_text(text)


def clean_text(text: str) -> str:
    """Mojibake repaired ("Ã©" → "é"), BOM dropped, control characters turned into spaces."""
    text = text.lstrip("\ufeff")
    if "Ã" in text or "â€" in text:
        import ftfy

        text = ftfy.fix_encoding(text)
    return CONTROL.sub(" ", text)


def html_to_text(markup: str) -> tuple[str, dt.date | None]:
    """Main text and publication date of an HTML page (trafilatura; never fetches anything),
    with a plain tag-stripping fallback."""
    text, date = None, None
    try:
        import trafilatura

        text = trafilatura.extract(markup, include_comments=False, include_tables=False)
        meta = trafilatura.extract_metadata(markup)
        if meta is not None and meta.date:
            date = dt.date.fromisoformat(meta.date[:10])
    except Exception:  # trafilatura fails on some malformed pages: fall back to tag stripping
        text = None
    if not text:
        stripped = BLOCK_TAG.sub("\n", TAGS_DROPPED.sub(" ", markup))
        text = html_lib.unescape(TAG.sub(" ", stripped))
        text = "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())
    return clean_text(text), date


def _parse_pub_date(value: Any, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise InputError(f"{where}: pub_date {value!r} is not a YYYY-MM-DD string")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{where}: pub_date {value!r} is not YYYY-MM-DD") from None


def _jsonl_documents(path: Path, default_date: dt.date | None) -> Iterator[InputDocument | ErrorRecord]:
    with open(path, "rb") as f:
        for n, raw in enumerate(f, 1):
            where = f"{path}:{n}"
            fallback_id = f"{path.stem}:{n}"
            if not raw.strip():
                continue
            try:
                record = json.loads(decode_bytes(raw))
            except (InputError, json.JSONDecodeError) as exc:
                yield ErrorRecord(fallback_id, f"{where}: not valid JSON: {exc}", where)
                continue
            if not isinstance(record, dict):
                yield ErrorRecord(fallback_id, f"{where}: expected a JSON object", where)
                continue
            doc_id = str(record["id"]) if record.get("id") not in (None, "") else fallback_id
            text = record.get("text")
            if text is None:
                yield ErrorRecord(doc_id, f"{where}: missing \"text\"", where)
                continue
            if not isinstance(text, str):
                yield ErrorRecord(doc_id, f"{where}: \"text\" is {type(text).__name__}, not a string", where)
                continue
            try:
                pub_date = _parse_pub_date(record.get("pub_date"), where) or default_date
            except InputError as exc:
                yield ErrorRecord(doc_id, str(exc), where)
                continue
            meta = {k: v for k, v in record.items() if k not in ("id", "text", "pub_date")}
            yield InputDocument(doc_id, clean_text(text), pub_date, where, meta)


def _file_document(path: Path, default_date: dt.date | None) -> InputDocument | ErrorRecord:
    try:
        text = decode_bytes(path.read_bytes())
    except OSError as exc:
        return ErrorRecord(path.stem, f"{path}: cannot read: {exc.strerror}", str(path))
    except InputError as exc:
        return ErrorRecord(path.stem, f"{path}: {exc}", str(path))
    pub_date = default_date
    if path.suffix.lower() in HTML_SUFFIXES:
        text, found = html_to_text(text)
        pub_date = found or default_date
    return InputDocument(path.stem, text, pub_date, str(path))


def iter_documents(inputs: Iterable[str | os.PathLike], pub_date: dt.date | None = None) -> Iterator[InputDocument | ErrorRecord]:
    """Documents of the inputs, lazily, in order; ``pub_date`` is the default date. A
    repeated id gets an error record, so ids stay unique."""
    seen: dict[str, str] = {}
    for path in expand_inputs(inputs):
        items = (_jsonl_documents(path, pub_date) if path.suffix.lower() in JSONL_SUFFIXES
                 else iter([_file_document(path, pub_date)]))
        for item in items:
            if isinstance(item, InputDocument):
                if item.id in seen:
                    item = ErrorRecord(f"{item.id}@{item.source}",
                                       f"{item.source}: duplicate id {item.id!r} (first seen at {seen[item.id]})",
                                       item.source)
                else:
                    seen[item.id] = item.source
            yield item


def read_done_ids(path: str | os.PathLike) -> set[str]:
    """Ids already written to an output JSONL (for --resume); a truncated last line is ignored."""
    done: set[str] = set()
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                try:
                    done.add(str(json.loads(line)["id"]))
                except (json.JSONDecodeError, KeyError, TypeError):
                    continue
    except FileNotFoundError:
        pass
    return done


class JsonlWriter:
    """Writes one JSON record a line, flushed, so a killed run leaves only whole lines; in
    append mode a partial last line left by a crash is cut off first."""

    def __init__(self, path: str | os.PathLike, append: bool = False):
        self.path = Path(path)
        if append and self.path.exists():
            _truncate_partial_line(self.path)
        self.file = open(self.path, "a" if append else "w", encoding="utf-8")

    def write(self, record: dict[str, Any]) -> None:
        self.file.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        self.file.flush()

    def close(self) -> None:
        self.file.close()

    def __enter__(self) -> JsonlWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _truncate_partial_line(path: Path) -> None:
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        path.write_bytes(data[: data.rfind(b"\n") + 1])
