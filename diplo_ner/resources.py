"""Access to the rule data shipped in the wheel (``models/`` in the repo, ``diplo_ner.data``
once installed), and the user files merged with it.

Every data file is plain text: JSON Lines (one object a line) or one entry a line. Lines
starting with ``#`` are comments. Nothing is read at import time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ResourceError

DATA_PACKAGE = "diplo_ner.data"


def _packaged(name: str) -> str:
    try:
        return resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ResourceError(
            f"packaged data file {name!r} is missing from diplo_ner; reinstall the package"
        ) from exc


def _user(path: str | Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ResourceError(f"cannot read user data file {path}: {exc.strerror}") from exc


def _content_lines(text: str) -> Iterator[tuple[int, str]]:
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if line and not line.startswith("#"):
            yield n, line


def parse_jsonl(text: str, origin: str) -> list[dict[str, Any]]:
    """The records of a JSON Lines text; ``origin`` names it in error messages."""
    records = []
    for n, line in _content_lines(text):
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ResourceError(f"{origin}:{n}: not valid JSON ({exc.msg})") from exc
        if not isinstance(record, dict):
            raise ResourceError(f"{origin}:{n}: expected a JSON object")
        records.append(record)
    return records


@lru_cache(maxsize=None)
def packaged_jsonl(name: str) -> tuple[dict[str, Any], ...]:
    """Records of a packaged JSONL file (cached: packaged files never change)."""
    return tuple(parse_jsonl(_packaged(name), name))


@lru_cache(maxsize=None)
def packaged_lines(name: str) -> tuple[str, ...]:
    """Entries of a packaged one-entry-a-line file."""
    return tuple(line for _, line in _content_lines(_packaged(name)))


def load_jsonl(name: str, user_files: Iterable[str | Path] = ()) -> list[dict[str, Any]]:
    """A packaged JSONL file followed by the records of the user's files of the same format."""
    records = list(packaged_jsonl(name))
    for path in user_files:
        records.extend(parse_jsonl(_user(path), str(path)))
    return records


def load_lines(name: str, user_files: Iterable[str | Path] = ()) -> list[str]:
    """A packaged one-entry-a-line file followed by the entries of the user's files."""
    entries = list(packaged_lines(name))
    for path in user_files:
        entries.extend(line for _, line in _content_lines(_user(path)))
    return entries
