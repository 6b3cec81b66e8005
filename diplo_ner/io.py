"""Reading inputs (``.jsonl``, ``.txt``, ``.html``; files, folders, globs) and writing JSONL.

Every problem with one document becomes an :class:`ErrorRecord` and reading goes on, so a
batch never crashes on bad input and never loses a document: count in = records out + error
records. Text is decoded (UTF-8, else the legacy encoding detected), mojibake is repaired and
control characters become spaces; nothing else is changed, so character offsets computed by
the pipeline refer to the text exactly as :func:`iter_documents` yields it.
"""

from __future__ import annotations

import codecs
import datetime as dt
import glob
import gzip
import json
import logging
import os
import re
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any

from .errors import InputError

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
GZIP_SUFFIX = ".gz"
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

#: A single-document file larger than this (after gzip decompression) is an error record.
MAX_FILE_BYTES = 64 * 1024 * 1024
#: How much of a file's head is inspected for binary content.
SNIFF_BYTES = 8192
#: Share of C0 control bytes (other than tab, newlines, form feed, escape) above which
#: content is taken for binary.
MAX_CONTROL_BYTE_RATIO = 0.01
#: Longest offending text quoted back in an error message.
MAX_QUOTED = 60
#: Fields of a JSONL record that are not passed on in ``InputDocument.meta``.
RESERVED_FIELDS = ("id", "text", "pub_date")

#: File signatures of formats that are not text, with a name for the error message.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"RIFF", "RIFF media file (WebP, WAV, AVI)"),
    (b"PK\x03\x04", "ZIP archive (or DOCX, XLSX, ODT, EPUB)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office document (DOC, XLS)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"{\\rtf", "RTF document"),
)
GZIP_MAGIC = b"\x1f\x8b"
#: Byte-order marks of encodings other than UTF-8 (UTF-32 first: its LE mark starts like
#: UTF-16's).
UNICODE_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
BOM = "\ufeff"
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
#: Control characters replaced by a space (same length, so offsets hold): C0 except tab,
#: newline and carriage return; DEL; C1 left after mojibake repair.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
LONE_SURROGATES = re.compile(r"[\ud800-\udfff]")
REPLACEMENT_CHAR = "\ufffd"
#: Share of French characters among the non-ASCII ones above which a Windows-1252
#: reading is taken without asking the detector.
FRENCH_SCORE_TRUSTED = 0.9
#: Non-ASCII characters of French text, used to choose between legacy encodings.
FRENCH_CHARS = frozenset("àâäæçéèêëîïôöœùûüÿÀÂÄÆÇÉÈÊËÎÏÔÖŒÙÛÜŸ«»‘’“”–—…€\u00a0°")
#: Legacy encodings French text is most likely in; cp1252 is the superset of Latin-1 that
#: browsers use for both.
WESTERN_ENCODINGS = ("cp1252", "latin_1", "iso8859_15")
#: Other Latin-script code pages a detector may pick for short French text (é, à... mean
#: other letters there); their reading is compared with Windows-1252's.
LATIN_ENCODINGS = frozenset(
    "cp1250 cp1254 cp1257 cp1258 iso8859_2 iso8859_3 iso8859_4 iso8859_9 iso8859_10 "
    "iso8859_13 iso8859_14 iso8859_16 mac_roman mac_latin2 mac_iceland mac_turkish cp437 "
    "cp850 cp858 cp860 cp863 cp865 ascii".split()
)
HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")
#: Runs of ASCII white space collapsed by tag stripping (no-break spaces are kept).
SPACES = re.compile(r"[ \t\f\v\r]+")
GLOB_MAGIC = re.compile(r"[*?\[]")


#: A letter of a script other than Latin that ftfy's repair brings in stands in a run of
#: at least this many ("Ø§Ù„Ù…ØºØ±Ø¨" → "المغرب"); a lone one is French that looked like
#: mojibake ("Cà«Œ" is no Gujarati "Cૌ").
MIN_SCRIPT_RUN = 3
#: Scripts (first word of a Unicode name) French text uses besides ASCII.
LATIN_SCRIPTS = frozenset({"LATIN", "COMBINING", "MODIFIER"})
#: Latin letters a repair may give: Latin-1, Latin Extended-A, Romanian ș ț. ftfy reads
#: "»É" as "ȃ" (Latin Extended-B): such a letter counts as another script.
COMMON_LATIN = ((0x00C0, 0x017F), (0x0218, 0x021B))


@lru_cache(maxsize=1)
def _ftfy_config() -> Any:
    """ftfy's settings for mojibake alone: its other fixes (quotes, ligatures, widths, line
    breaks, HTML entities, normalisation, control characters) would change correct text or
    its length, and offsets refer to the text as read."""
    import ftfy

    return ftfy.TextFixerConfig(
        unescape_html=False, remove_terminal_escapes=False, replace_lossy_sequences=False,
        fix_latin_ligatures=False, fix_character_width=False, uncurl_quotes=False,
        fix_line_breaks=False, fix_surrogates=False, remove_control_chars=False,
        normalization=None, explain=False,
    )


@dataclass(frozen=True)
class InputDocument:
    """One document to process.

    ``pub_date`` is the caller's: the JSONL field, else the run's default (``--pub-date``),
    else for an HTML page the date trafilatura finds in its markup; ``source`` is ``path`` or
    ``path:LINE``;
    ``meta`` holds the other fields of a JSONL record (url, outlet...).
    """

    id: str
    text: str
    pub_date: dt.date | None
    source: str
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ErrorRecord:
    """A document that could not be read, and why (the message names the file and line)."""

    id: str
    error: str
    source: str

    def to_dict(self) -> dict[str, str]:
        """The error record of the output JSONL."""
        return {"id": self.id, "error": self.error, "source": self.source}


Item = InputDocument | ErrorRecord
"""What :func:`iter_documents` yields."""

# --------------------------------------------------------------------------- inputs


def expand_inputs(
    inputs: Iterable[str | os.PathLike], unsupported: list[Path] | None = None
) -> list[Path]:
    """The files to read, in order: files named (any extension), files under folders
    (recursive, sorted, supported extensions only, hidden entries skipped), glob matches.

    A glob whose last part ends in a literal extension (``*.dat``) takes every match;
    otherwise (``corpus/*``) only supported extensions are kept, as in a folder. The files
    of other extensions so left out are appended to ``unsupported`` when it is given. A file
    reached twice is listed once. An input that matches nothing raises :class:`InputError`.
    """
    left_out: list[Path] = []
    paths: list[Path] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = _identity(path)
        if key not in seen:
            seen.add(key)
            paths.append(path)

    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = _walk(path, left_out)
            if not found:
                raise InputError(f"folder {str(item)!r} holds no .txt, .html or .jsonl file")
            for p in found:
                add(p)
        elif path.exists():
            add(path)
        else:
            for p in _glob(os.fspath(item), left_out):
                add(p)
    if unsupported is not None:  # less those also named on the command line
        unsupported += [p for p in dict.fromkeys(left_out) if _identity(p) not in seen]
    return paths


def _identity(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: keep the path as written
        return path.absolute()


def _format_suffix(path: Path) -> str:
    """The extension that names a file's format, lower case, ``.gz`` looked through."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == GZIP_SUFFIX:
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def _is_supported(path: Path) -> bool:
    return _format_suffix(path) in KNOWN_SUFFIXES


def _walk(folder: Path, unsupported: list[Path]) -> list[Path]:
    """Supported files under ``folder``, sorted (the others appended to ``unsupported``); an
    unreadable sub-folder is listed itself, so that reading it gives an error record
    instead of silently losing its files."""
    found: list[Path] = []

    def unreadable(exc: OSError) -> None:
        if exc.filename:
            found.append(Path(exc.filename))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in sorted(f for f in files if not f.startswith(".")):
            (found if _is_supported(Path(name)) else unsupported).append(Path(root, name))
    return sorted(found)


def _glob(pattern: str, unsupported: list[Path]) -> list[Path]:
    matches = sorted(Path(p) for p in glob.glob(pattern, recursive=True))
    if not matches:
        raise InputError(f"input {pattern!r} does not exist (no file, folder or glob match)")
    suffix = Path(pattern).suffix
    explicit_suffix = bool(suffix) and not GLOB_MAGIC.search(suffix)
    paths: list[Path] = []
    for match in matches:
        if match.is_dir():
            paths += _walk(match, unsupported)
        elif explicit_suffix or _is_supported(match):
            paths.append(match)
        else:
            unsupported.append(match)
    if not paths:
        raise InputError(f"input {pattern!r} matches no .txt, .html or .jsonl file")
    return paths


# --------------------------------------------------------------------------- decoding


def decode_bytes(data: bytes) -> str:
    """The text of a document's bytes.

    UTF-8 (with or without BOM) first; UTF-16/32 when a BOM says so; else the legacy
    encoding charset-normalizer detects, preferring Windows-1252/Latin-1 when that reads
    as well (short French texts are otherwise often taken for Central European code pages).
    Then :func:`clean_text`: unambiguous mojibake repaired (``"Ã©"`` → ``"é"``), control
    characters turned into spaces. Binary data (file signatures, NUL or control bytes, no
    fitting encoding) raises :class:`InputError`; nothing else is raised.
    """
    return clean_text(_decode(data))


def _decode(data: bytes, declared: str | None = None) -> str:
    for bom, encoding in UNICODE_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"invalid {encoding.upper()} text ({exc.reason})") from None
    kind = binary_kind(data)
    if kind:
        raise InputError(f"binary content ({kind}), not a text, HTML or JSONL document")
    try:
        return _prefer_western(data, data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    if declared:
        text = _try_decode(data, declared)
        if text is not None:
            return text
    return _decode_legacy(data)


def binary_kind(data: bytes) -> str | None:
    """What binary format ``data`` looks like (from its head), or None if it may be text.

    A stray NUL or control byte in scraped text is tolerated (it becomes a space); a share
    above ``MAX_CONTROL_BYTE_RATIO`` is not text (random bytes hold about 10 %)."""
    for signature, name in BINARY_SIGNATURES:
        if data.startswith(signature):
            return name
    head = data[:SNIFF_BYTES]
    if head and len(CONTROL_BYTES.findall(head)) > MAX_CONTROL_BYTE_RATIO * len(head):
        return "NUL or control bytes"
    return None


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        return None
    if codec in ("latin-1", "iso8859-1", "ascii"):
        codec = "cp1252"  # what browsers do, and a superset for printable characters
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _decode_legacy(data: bytes) -> str:
    """Non-UTF-8 bytes: Windows-1252 (or Latin-1) when it reads as French; else the
    encoding charset-normalizer detects, except that Windows-1252 still wins over another
    Latin code page when it reads as at least as French. Raises InputError when nothing
    fits. (The detector alone misreads short French texts as CJK or Central European.)"""
    western = _try_decode(data, "cp1252")
    if western is None:
        western = data.decode("latin_1")  # bytes cp1252 leaves undefined: C1 controls
    if _french_score(western) >= FRENCH_SCORE_TRUSTED:
        return western
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        detected = (best.encoding, str(best)) if best is not None else None
    except Exception as exc:  # a detector failure must not stop a batch: treat as undecodable
        logger.debug("charset detection failed: %s", exc)
        detected = None
    if detected is None:
        raise InputError("undecodable content (binary data, or text in no known encoding)")
    encoding, text = detected
    if encoding in WESTERN_ENCODINGS:
        return western
    if encoding in LATIN_ENCODINGS and _french_score(western) >= _french_score(text):
        return western
    return text


def _french_score(text: str) -> float:
    """Share of the non-ASCII characters of ``text`` that French text commonly uses."""
    non_ascii = [c for c in text if ord(c) > 0x7F]
    if not non_ascii:
        return 1.0
    return sum(c in FRENCH_CHARS for c in non_ascii) / len(non_ascii)


def _prefer_western(data: bytes, text: str) -> str:
    """``text``, the UTF-8 reading of ``data``, unless ``data`` is short Windows-1252 French
    that happens to be valid UTF-8 ("à«œuvre" reads as U+0ADC "uvre"): then the Windows-1252
    reading, when it is all French characters and the UTF-8 one does not read as text
    (genuine UTF-8 "Erdoğan" reads "ErdoÄŸan", all French-looking characters)."""
    if text.isascii() or _french_score(text) == 1.0 or _plausible(text):
        return text
    western = _try_decode(data, "cp1252")
    return text if western is None or _french_score(western) < 1.0 else western


def clean_text(text: str) -> str:
    """``text`` as the pipeline will see it: leading BOM dropped, mojibake repaired by ftfy
    (:func:`_fix_mojibake`; valid French is never altered), lone surrogates made U+FFFD,
    control characters other than tab, newline and carriage return made spaces (these two
    keep the length)."""
    text = LONE_SURROGATES.sub(REPLACEMENT_CHAR, text.lstrip(BOM))
    if not text.isascii():
        text = _fix_mojibake(text)
    return CONTROL_CHARS.sub(" ", text)


def _fix_mojibake(text: str) -> str:
    """``text`` with its mojibake repaired by ``ftfy.fix_text`` ("Ã©" → "é", "â€™" → "’"),
    line by line; a line's repair is kept only when it reads as text (:func:`_plausible`),
    so that valid French, whose accented letters next to « » … ’ can look like mojibake,
    is never altered (tests/test_io.py)."""
    import ftfy

    lines = text.splitlines(keepends=True)
    fixed = (ftfy.fix_text(line, _ftfy_config()) if not line.isascii() else line for line in lines)
    return "".join(new if new == old or _plausible(new) else old
                   for old, new in zip(lines, fixed, strict=True))


def _plausible(text: str) -> bool:
    """True when every letter of ``text`` outside ASCII is Latin, or one of a run of
    ``MIN_SCRIPT_RUN`` letters of one other script, and no character is unassigned."""
    script, run = "", 0
    for char in text + " ":
        current = _other_script(char)
        if current and current == script:
            run += 1
            continue
        if script and (run < MIN_SCRIPT_RUN or script == "?"):
            return False
        script, run = current, 1
    return True


def _other_script(char: str) -> str:
    """The script of a letter or mark that is not Latin ("?" if unassigned), else ""."""
    if char.isascii():
        return ""
    category = unicodedata.category(char)
    if category in ("Cn", "Co"):
        return "?"
    if category[0] not in "LM":
        return ""
    name = unicodedata.name(char, "?").split()[0]
    if name == "LATIN" and not any(low <= ord(char) <= high for low, high in COMMON_LATIN):
        return "LATIN EXTENDED"
    return "" if name in LATIN_SCRIPTS else name


# --------------------------------------------------------------------------- HTML


def html_to_text(html: str) -> tuple[str, dt.date | None]:
    """Main text and publication date of an HTML page.

    trafilatura extracts the article text (no comments) and htmldate's date from the markup
    alone; nothing is ever fetched. If trafilatura finds no text (short or odd pages), a
    plain tag stripping is used instead: scripts, styles and comments removed, entities
    unescaped, one line per block. The text is then cleaned like any other.
    """
    text, date = None, None
    trafilatura = _trafilatura()
    try:
        extracted = trafilatura and trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
        if extracted is not None:
            text = getattr(extracted, "text", None)
            date = _parse_iso_date(getattr(extracted, "date", None))
    except Exception as exc:  # trafilatura/lxml fail on some malformed pages: strip tags instead
        logger.debug("trafilatura failed: %s", exc)
    if not text or not text.strip():
        text = strip_tags(html)
    return clean_text(text), date


@lru_cache(maxsize=1)
def _trafilatura() -> Any:
    """The trafilatura module, or None (warned once) when it cannot be imported: HTML is
    then read by tag stripping, without the main-text and date extraction."""
    try:
        import trafilatura
    except ImportError as exc:  # e.g. lxml >= 5.2 without lxml_html_clean
        logger.warning(
            "trafilatura unavailable (%s): HTML pages are read by tag stripping, "
            "without publication dates",
            exc,
        )
        return None
    return trafilatura


def _parse_iso_date(value: object) -> dt.date | None:
    if not isinstance(value, str) or not ISO_DATE.match(value):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


class _TagStripper(HTMLParser):
    SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe"})
    BLOCKS = frozenset(
        {
            "p",
            "div",
            "br",
            "li",
            "ul",
            "ol",
            "tr",
            "table",
            "article",
            "section",
            "header",
            "footer",
            "blockquote",
            "pre",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "title",
            "main",
            "aside",
            "nav",
            "hr",
            "dd",
            "dt",
            "figcaption",
        }
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in self.SKIPPED and tag != "head":
            self.skipping.append(tag)
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in self.skipping:
            while self.skipping and self.skipping.pop() != tag:
                pass
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self.parts.append(data)


def strip_tags(html: str) -> str:
    """Plain text of HTML markup: tags dropped, script/style/noscript/template/svg content
    removed, entities unescaped, whitespace collapsed within lines, one line per block. The
    page title is used when the body holds no text."""
    parser = _TagStripper()
    try:
        parser.feed(html)
        parser.close()
    except Exception as exc:  # html.parser is lenient, but never let markup stop a batch
        logger.debug("tag stripping failed: %s", exc)
    body = "".join(parser.parts)
    lines = (SPACES.sub(" ", line).strip(" ") for line in body.splitlines())
    text = "\n".join(line for line in lines if line)
    return text or SPACES.sub(" ", "".join(parser.title)).strip(" ")


# --------------------------------------------------------------------------- documents


def iter_documents(
    inputs: Iterable[str | os.PathLike], pub_date: dt.date | None = None
) -> Iterator[InputDocument | ErrorRecord]:
    """The documents of ``inputs`` (see :func:`expand_inputs`), lazily and in order.

    ``pub_date`` is the default for documents whose JSONL record carries none; it wins over
    a date found in an HTML page's markup. Any problem with a file or a line gives an
    :class:`ErrorRecord` and reading goes on. Ids are unique over the run: a document whose
    id was already seen gives an error record (id ``ID@SOURCE``) naming where it was first
    seen. :class:`InputError` is raised only, and at once, when an input
    matches nothing.
    """
    paths = expand_inputs(inputs)
    return _iter_paths(paths, pub_date)


def _iter_paths(paths: list[Path], pub_date: dt.date | None) -> Iterator[Item]:
    seen: dict[str, str] = {}
    for path in paths:
        for item in _path_items(path, pub_date):
            first = seen.get(item.id)
            if first is None:
                seen[item.id] = item.source
                yield item
                continue
            unique_id = f"{item.id}@{item.source}"
            seen.setdefault(unique_id, item.source)
            if isinstance(item, InputDocument):
                yield ErrorRecord(
                    unique_id,
                    f"{item.source}: duplicate id {item.id!r} (first seen at {first})",
                    item.source,
                )
            else:
                yield ErrorRecord(unique_id, item.error, item.source)


def _path_items(path: Path, pub_date: dt.date | None) -> Iterator[InputDocument | ErrorRecord]:
    if _is_jsonl(path):
        yield from _jsonl_documents(path, pub_date)
    else:
        yield _file_document(path, pub_date)


def _is_jsonl(path: Path) -> bool:
    return _format_suffix(path) in JSONL_SUFFIXES


def _doc_id(path: Path) -> str:
    """A file's document id: its name without extension (and without ``.gz``)."""
    name = path.name
    if name.lower().endswith(GZIP_SUFFIX) and len(name) > len(GZIP_SUFFIX):
        name = name[: -len(GZIP_SUFFIX)]
    return LONE_SURROGATES.sub(REPLACEMENT_CHAR, Path(name).stem or name)


def _file_document(path: Path, default_date: dt.date | None) -> InputDocument | ErrorRecord:
    doc_id, source = _doc_id(path), str(path)
    try:
        data = _read_limited(path)
        declared = _declared_charset(data) if _is_html(path) else None
        text = clean_text(_decode(data, declared))
    except OSError as exc:
        return ErrorRecord(doc_id, f"{path}: cannot read: {exc.strerror or exc}", source)
    except InputError as exc:
        return ErrorRecord(doc_id, f"{path}: {exc}", source)
    pub_date = default_date
    if _is_html(path):
        text, found = html_to_text(text)
        pub_date = default_date or found  # the caller's date wins (CONTRACT.md)
    return InputDocument(doc_id, text, pub_date, source)


def _is_html(path: Path) -> bool:
    return _format_suffix(path) in HTML_SUFFIXES


def _read_limited(path: Path) -> bytes:
    """A file's bytes, gzip-decompressed when compressed; InputError beyond MAX_FILE_BYTES."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(f"file too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})")
    data = path.read_bytes()
    if not data.startswith(GZIP_MAGIC):
        return data
    decompressor = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    try:
        out = decompressor.decompress(data, MAX_FILE_BYTES + 1)
    except zlib.error as exc:
        raise InputError(f"corrupt gzip data ({exc})") from None
    if len(out) > MAX_FILE_BYTES:
        raise InputError(f"file too large once decompressed (over {MAX_FILE_BYTES:,} bytes)")
    if not decompressor.eof:
        raise InputError("truncated gzip data")
    return out


def _declared_charset(data: bytes) -> str | None:
    match = HTML_CHARSET.search(data[:SNIFF_BYTES])
    return match.group(1).decode("ascii", "replace") if match else None


def _open_lines(path: Path) -> IO[bytes]:
    with open(path, "rb") as probe:
        magic = probe.read(len(GZIP_MAGIC))
    if magic == GZIP_MAGIC:
        return gzip.open(path, "rb")
    return open(path, "rb")


def _jsonl_documents(path: Path, default_date: dt.date | None) -> Iterator[Item]:
    """The documents of a JSONL file, line by line (never loaded whole)."""
    line_no = 0
    try:
        with _open_lines(path) as f:
            head = f.read(SNIFF_BYTES)
            kind = binary_kind(head)
            if kind:
                yield ErrorRecord(
                    _doc_id(path),
                    f"{path}: binary content ({kind}), not a JSONL document",
                    str(path),
                )
                return
            f.seek(0)
            for line_no, raw in enumerate(f, 1):
                if raw.strip():
                    yield _jsonl_record(raw, path, line_no, default_date)
    except (OSError, EOFError, zlib.error) as exc:
        where = f"{path}:{line_no + 1}" if line_no else str(path)
        reason = getattr(exc, "strerror", None) or exc
        yield ErrorRecord(
            f"{_doc_id(path)}:{line_no + 1}", f"{where}: cannot read further: {reason}", where
        )


def _jsonl_record(
    raw: bytes, path: Path, line_no: int, default_date: dt.date | None
) -> InputDocument | ErrorRecord:
    where = f"{path}:{line_no}"
    fallback_id = f"{_doc_id(path)}:{line_no}"
    try:
        line = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            line = _decode(raw)
        except InputError as exc:
            return ErrorRecord(fallback_id, f"{where}: {exc}", where)
    try:
        record = json.loads(line, strict=False)
    except json.JSONDecodeError as exc:
        return ErrorRecord(
            fallback_id, f"{where}: not valid JSON: {exc.msg} (column {exc.colno})", where
        )
    except RecursionError:
        return ErrorRecord(fallback_id, f"{where}: not valid JSON: nested too deeply", where)
    if not isinstance(record, dict):
        return ErrorRecord(
            fallback_id, f"{where}: expected a JSON object, got {_json_type(record)}", where
        )
    raw_id = record.get("id")
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        doc_id = fallback_id
    elif isinstance(raw_id, str) or (isinstance(raw_id, int) and not isinstance(raw_id, bool)):
        doc_id = LONE_SURROGATES.sub(REPLACEMENT_CHAR, str(raw_id))
    else:
        return ErrorRecord(
            fallback_id, f'{where}: "id" is {_json_type(raw_id)}, not a string', where
        )
    if "text" not in record:
        return ErrorRecord(doc_id, f'{where}: no "text" field', where)
    text = record["text"]
    if not isinstance(text, str):
        return ErrorRecord(doc_id, f'{where}: "text" is {_json_type(text)}, not a string', where)
    try:
        pub_date = _parse_pub_date(record.get("pub_date"), where)
    except InputError as exc:
        return ErrorRecord(doc_id, str(exc), where)
    meta = {k: v for k, v in record.items() if k not in RESERVED_FIELDS}
    return InputDocument(doc_id, clean_text(text), pub_date or default_date, where, meta)


def _json_type(value: object) -> str:
    names = {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)


def _parse_pub_date(value: object, where: str) -> dt.date | None:
    """A JSONL ``pub_date``: null or "" → None; "YYYY-MM-DD" (an ISO date-time is accepted
    too, its date part kept); anything else raises InputError naming ``where``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise InputError(f"{where}: pub_date {value!r} is not YYYY-MM-DD (not a string)")
    stripped = value.strip()
    if ISO_DATE.fullmatch(stripped) or ISO_DATETIME.fullmatch(stripped):
        try:
            return dt.date.fromisoformat(stripped[:10])
        except ValueError:
            pass
    raise InputError(f"{where}: pub_date {_quote(value)} is not YYYY-MM-DD")


def _quote(value: str) -> str:
    return repr(value if len(value) <= MAX_QUOTED else value[:MAX_QUOTED] + "…")


# --------------------------------------------------------------------------- output


def read_done_ids(path: str | os.PathLike) -> set[str]:
    """Ids of the records already in an output JSONL (for ``--resume``).

    A missing file gives an empty set. A line that is not a JSON object with an id (a last
    line cut short by a crash, mostly) is skipped: its document will be done again, and
    :class:`JsonlWriter` cuts such a last line off before appending. Error records count as
    done.
    """
    done: set[str] = set()
    try:
        with open(path, "rb") as f:
            for line_no, raw in enumerate(f, 1):
                record = _parse_output_line(raw)
                if record is None:
                    if raw.strip():
                        logger.warning("%s:%d: not a complete JSON record, ignored", path, line_no)
                    continue
                done.add(str(record["id"]))
    except FileNotFoundError:
        pass
    return done


def iter_records(path: str | os.PathLike) -> Iterator[dict[str, Any]]:
    """The records of an output JSONL file, lazily; incomplete lines are skipped."""
    with open(path, "rb") as f:
        for raw in f:
            record = _parse_output_line(raw)
            if record is not None:
                yield record


def count_documents(paths: Iterable[Path]) -> int | None:
    """How many documents ``paths`` hold (non-blank lines of JSONL files, one per other
    file), for a progress bar; None when a file cannot be read."""
    total = 0
    try:
        for path in paths:
            if _is_jsonl(path):
                with _open_lines(path) as f:
                    total += sum(1 for line in f if line.strip())
            else:
                total += 1
    except (OSError, EOFError, zlib.error):
        return None
    return total


def _parse_output_line(raw: bytes) -> dict[str, Any] | None:
    try:
        record = json.loads(raw.decode("utf-8", errors="replace"))
    except (json.JSONDecodeError, RecursionError):
        return None
    if isinstance(record, dict) and record.get("id") is not None:
        return record
    return None


class JsonlWriter:
    """Writes one JSON record a line, each flushed at once, so a killed run leaves whole
    lines only (at worst one partial last line).

    With ``append=True`` (``--resume``) the file is extended; a last line without its
    newline is first cut off if it is not a complete JSON record (a crash mid-write), or
    completed with the newline if it is. ``fsync=True`` also survives power loss, slowly.
    """

    def __init__(self, path: str | os.PathLike, append: bool = False, fsync: bool = False):
        self.path = Path(path)
        self.fsync = fsync
        if append and self.path.exists():
            repair_last_line(self.path)
        self.file = open(self.path, "ab" if append else "wb")

    def write(self, record: dict[str, Any]) -> None:
        """Write ``record`` as one line and flush it."""
        line = json.dumps(record, ensure_ascii=False, sort_keys=False, default=str) + "\n"
        try:
            data = line.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates: escape them instead of failing the run
            data = (
                json.dumps(record, ensure_ascii=True, sort_keys=False, default=str) + "\n"
            ).encode("ascii")
        self.file.write(data)
        self.file.flush()
        if self.fsync:
            os.fsync(self.file.fileno())

    def close(self) -> None:
        """Close the file."""
        self.file.close()

    def __enter__(self) -> JsonlWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


#: Chunk read backwards from the end of a file when looking for its last newline.
TAIL_CHUNK = 64 * 1024


def repair_last_line(path: str | os.PathLike) -> None:
    """Make a JSONL file end with a whole line: a last line without newline is completed if
    it is a JSON record, else cut off. Only the tail of the file is read."""
    with open(path, "r+b") as f:
        end = f.seek(0, os.SEEK_END)
        if end == 0:
            return
        f.seek(end - 1)
        if f.read(1) == b"\n":
            return
        start = _last_newline(f, end) + 1
        f.seek(start)
        tail = f.read()
        if _parse_output_line(tail) is not None:
            f.seek(end)
            f.write(b"\n")
        else:
            logger.warning("%s: cutting off a partial last line (%d bytes)", path, end - start)
            f.truncate(start)


def _last_newline(f: IO[bytes], end: int) -> int:
    """Offset of the last ``\\n`` before ``end``, or -1."""
    pos = end
    while pos > 0:
        size = min(TAIL_CHUNK, pos)
        pos -= size
        f.seek(pos)
        found = f.read(size).rfind(b"\n")
        if found >= 0:
            return pos + found
    return -1
