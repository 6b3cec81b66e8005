"""Dirty, hostile and huge input: diplo_ner never crashes, never loses a document, never lets
page text run as code in a view, never reaches the network, and gives the same bytes twice.

The command-line tests share one folder of bad inputs, extracted twice by the public CLI
(module fixture ``cli_run``); the rest use the session pipeline of ``conftest.py``.
"""

from __future__ import annotations

import json
import random
import re
import socket
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import diplo_ner
from diplo_ner import views
from diplo_ner.graph import build_graph
from diplo_ner.io import html_to_text, iter_documents
from diplo_ner.pipeline import split_sections
from diplo_ner.types import Result, Triple

ROOT = Path(__file__).resolve().parents[1]
CLI_TIMEOUT_SECONDS = 600

# Our own French paragraphs (not from the gold data); each yields known entities.
MEETING = (
    "Le secrétaire d'État américain Antony Blinken a reçu mardi à Washington le ministre "
    "marocain des Affaires étrangères Nasser Bourita."
)
CONTEXT = (
    "Les deux responsables ont passé en revue le partenariat entre le Maroc et les États-Unis, "
    "avant l'exercice African Lion."
)
AUDIENCE = "Le roi Mohammed VI a reçu le 9 mai 2023 le général Stephen Townsend à Rabat."
ARTICLE = f"{MEETING}\n\n{CONTEXT}\n\n{AUDIENCE}\n"
FURNITURE_ONLY = (
    "Suivez-nous sur Facebook\nÀ lire aussi : les brèves du jour\nPartager cet article\n"
)
HOSTILE_HTML = """<!DOCTYPE html><html><head><title>Diplomatie</title>
<style>body { background: url(javascript:alert(1)) }</style>
<script>document.write("<p>INJECTED_SCRIPT</p>")</script></head><body>
<article><p>Le secr&eacute;taire d'&Eacute;tat am&eacute;ricain Antony Blinken a re&ccedil;u
mardi &agrave; Washington le ministre marocain des Affaires &eacute;trang&egrave;res
Nasser Bourita&nbsp;: &laquo;&nbsp;un partenaire&nbsp;&raquo; &amp; un alli&eacute;.</p>
<p>&lt;script&gt;alert('texte')&lt;/script&gt; est un texte cit&eacute; dans l'article.</p>
</article>
<script>var INJECTED_TRACKER = 1;</script></body></html>"""
MIXED = (
    "Nasser Bourita\u200f a déclaré\u202e en arabe : « المغرب شريك » "
    "\U0001f1f2\U0001f1e6 🤝\x07\x1b\n"
    "In English: Secretary Antony Blinken said the partnership is strong.\u2066 \u2069\x00\n"
    "Le ministre marocain des Affaires étrangères Nasser Bourita a rencontré Antony Blinken."
)
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
INJECTED = "</script><script>alert('x')</script><img src=x onerror=alert(1)>"


def padded_long_text(min_chars: int) -> tuple[str, int]:
    """A text over ``min_chars`` characters that is cheap to parse (paragraphs separated by
    long runs of blank lines), its last paragraph beyond ``min_chars``; and that offset."""
    padding = "\n" + " " * 40_000 + "\n\n"
    blocks = []
    size = 0
    while size <= min_chars:
        blocks += [MEETING, padding]
        size += len(MEETING) + len(padding)
    text = "".join(blocks) + AUDIENCE
    return text, len(text) - len(AUDIENCE)


def misread(text: str) -> str:
    """``text`` as its UTF-8 bytes read as Windows-1252 (mojibake)."""
    return "".join(
        bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8")
    )


def assert_result_is_sound(result: Result, text: str) -> None:
    """Offsets inside the text and pointing at the mention (a lone surrogate, which no
    encoder accepts, reads U+FFFD); JSON-serialisable record."""
    text = LONE_SURROGATE.sub("\ufffd", text)
    for e in result.entities:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start : e.end] == e.text
    for t in result.triples:
        assert 0 <= t.start <= t.end <= len(text)
        if t.trigger_start is not None:
            assert t.start <= t.trigger_start < t.trigger_end <= t.end
    json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8")


def labelled(result: Result) -> set[tuple[str, str]]:
    return {(e.text, e.label) for e in result.entities}


# --------------------------------------------------------------------------- API


@pytest.mark.parametrize("text", ["", " ", "\n\n\t \u00a0\n", FURNITURE_ONLY, "\ufeff"])
def test_empty_blank_and_furniture_only_documents_give_empty_results(nlp, text):
    result = diplo_ner.extract(text, doc_id="vide", nlp=nlp)
    assert result.id == "vide" and not result.entities and not result.triples
    assert_result_is_sound(result, text)


def test_control_characters_rtl_marks_emoji_arabic_and_english(nlp):
    result = diplo_ner.extract(MIXED, pub_date="2023-05-09", nlp=nlp)
    assert_result_is_sound(result, MIXED)
    assert ("Nasser Bourita", "OFFICIAL") in labelled(result)
    assert {(t.actor, t.counterpart) for t in result.triples} >= {
        ("Nasser Bourita", "Antony Blinken")
    }


def test_html_scripts_styles_and_entities(tmp_path, nlp):
    page = tmp_path / "page.html"
    page.write_text(HOSTILE_HTML, encoding="utf-8")
    (doc,) = iter_documents([page])
    assert "INJECTED" not in doc.text and "background" not in doc.text
    assert "Affaires étrangères" in doc.text and "&eacute;" not in doc.text
    assert "<script>alert('texte')</script>" in doc.text  # quoted text is text, kept
    result = diplo_ner.extract(doc.text, nlp=nlp)
    assert_result_is_sound(result, doc.text)
    assert {("Antony Blinken", "OFFICIAL"), ("Nasser Bourita", "OFFICIAL")} <= labelled(result)


def test_split_sections_cover_the_text_at_paragraph_ends():
    paragraph = "Une phrase. " * 30 + "\n\n"
    text = paragraph * 50
    sections = split_sections(text, 1000)
    assert sections[0][0] == 0 and sections[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(sections, sections[1:], strict=False))
    assert all(0 < end - start <= 1000 for start, end in sections)
    assert all(text[end - 2 : end] == "\n\n" for _, end in sections[:-1])


@pytest.mark.parametrize(
    "text, limit, last_chars",
    [
        ("Une phrase. " * 400, 500, ". "),  # no line break: after a sentence
        ("mot " * 1000, 333, " "),  # no sentence end: after a space
        ("x" * 2500, 1000, "x"),  # no space at all: cut mid-word, never longer than limit
    ],
)
def test_split_sections_fall_back_to_smaller_boundaries(text, limit, last_chars):
    sections = split_sections(text, limit)
    assert "".join(text[s:e] for s, e in sections) == text
    assert all(0 < e - s <= limit for s, e in sections)
    assert all(text[:e].endswith(last_chars) for _, e in sections[:-1])


def test_text_over_max_length_is_processed_in_sections_like_a_whole(nlp):
    """A text over ``nlp.max_length`` gives, section by section, what it gives whole:
    same entities at the same offsets, triples merged over sections."""
    text = "\n\n".join([f"Rabat, 9 mai 2023 (MAP) - {MEETING}", CONTEXT, AUDIENCE] * 12)
    whole = diplo_ner.extract(text, doc_id="long", nlp=nlp)
    saved = nlp.max_length
    nlp.max_length = 800
    try:
        sectioned = diplo_ner.extract(text, doc_id="long", nlp=nlp)
    finally:
        nlp.max_length = saved
    assert len(text) > 5 * 800
    assert_result_is_sound(sectioned, text)
    assert sectioned.entities == whole.entities
    assert sectioned.entities[-1].start > len(text) - len(AUDIENCE)
    assert sectioned.triples == whole.triples and sectioned.triples
    assert sectioned.pub_date == whole.pub_date and sectioned.pub_date_evidence


def test_furniture_tail_in_an_earlier_section_hides_later_sections(nlp):
    text = f"{MEETING}\n\nArticles similaires :\n\n" + f"{AUDIENCE}\n\n" * 40
    saved = nlp.max_length
    nlp.max_length = 1000
    try:
        result = diplo_ner.extract(text, nlp=nlp)
    finally:
        nlp.max_length = saved
    assert result.entities and all(e.start < len(MEETING) for e in result.entities)
    assert all(t.start < len(MEETING) for t in result.triples)


def test_text_over_the_real_max_length_is_not_rejected(nlp):
    text, last = padded_long_text(nlp.max_length)
    result = diplo_ner.extract(text, pub_date="2023-05-10", nlp=nlp)
    assert_result_is_sound(result, text)
    assert any(e.start >= last and e.text == "Stephen Townsend" for e in result.entities)
    assert {(t.actor, t.counterpart) for t in result.triples} >= {
        ("Antony Blinken", "Nasser Bourita"),
        ("Mohammed VI", "Stephen Townsend"),
    }


FRAGMENTS = (
    MEETING,
    AUDIENCE,
    "Nasser Bourita",
    "Antony Blinken",
    "le 3 mars",
    "lundi",
    "(MAP)",
    "\n",
    "\n\n",
    " ",
    "\u00a0",
    "\u200f",
    "\u202e",
    "\x00",
    "\x0b",
    "\r\n",
    "\ufeff",
    "«",
    "»",
    "’",
    "…",
    "<script>",
    "&amp;",
    "🤝",
    "المغرب",
    "the Secretary of State",
    "Ã©",
    "\ud800",
    "Suivez-nous",
    "Articles similaires :",
    "𝔐",
    "e\u0301",
    "ﬁ",
)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.text(max_size=200),
        st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=5), max_size=25).map("".join),
    ),
    st.sampled_from([None, "2023-05-09"]),
)
def test_extract_never_raises_on_any_string(nlp, text, pub_date):
    result = diplo_ner.extract(text, pub_date=pub_date, doc_id="h", nlp=nlp)
    assert_result_is_sound(result, text)


def test_no_network_access_at_run_time(monkeypatch):
    """A fresh load and an extraction with every socket refused."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    nlp = diplo_ner.load()
    result = diplo_ner.extract(ARTICLE, nlp=nlp)
    assert ("Antony Blinken", "OFFICIAL") in labelled(result)
    text, _ = html_to_text(HOSTILE_HTML)  # trafilatura and htmldate fetch nothing either
    assert "Nasser Bourita" in text


# --------------------------------------------------------------------------- HTML views


class TagCollector(HTMLParser):
    """Start tags and their attributes, as a browser's tokenizer would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def start_tags(markup: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = TagCollector()
    parser.feed(markup)
    parser.close()
    return parser.tags


def hostile_result(nlp) -> Result:
    """A result of the pipeline on an article quoting markup, with the markup injected into
    every text field a view shows, as a crawler could hand it over."""
    text = f"{MEETING} {INJECTED}"
    found = diplo_ner.extract(text, pub_date="2023-05-09", doc_id=INJECTED, nlp=nlp)
    assert found.triples
    triples = tuple(
        Triple(
            **{
                **t.to_dict(),
                "actor": t.actor + INJECTED,
                "action": INJECTED,
                "object": INJECTED,
                "sentence": text,
                "date_text": INJECTED,
            }
        )
        for t in found.triples
    )
    return Result(found.id, found.pub_date, found.entities, triples, INJECTED)


def test_result_repr_html_escapes_document_text(nlp):
    markup = hostile_result(nlp)._repr_html_()
    tags = start_tags(markup)
    assert not [t for t, _ in tags if t in ("script", "img", "iframe", "svg")]
    assert not [a for _, attrs in tags for a in attrs if a.startswith("on")]
    assert "&lt;script&gt;" in markup


def test_html_view_escapes_document_text(nlp, tmp_path):
    result = hostile_result(nlp)
    path = tmp_path / "view.html"
    views.to_html(build_graph([result]), path)
    markup = path.read_text(encoding="utf-8")
    tags = start_tags(markup)
    scripts = [attrs for t, attrs in tags if t == "script"]
    # the view's own two: its data (inert JSON) and its code; nothing from the article
    assert scripts == [{"type": "application/json", "id": "diplo-data"}, {}]
    data = markup.split('id="diplo-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and json.loads(data)
    assert not [t for t, _ in tags if t in ("img", "iframe")]
    assert not [a for _, attrs in tags for a in attrs if a.startswith("on")]
    assert "alert(" in markup  # the text is there, inert


# --------------------------------------------------------------------------- command line


def write_inputs(folder: Path) -> dict[str, str]:
    """A folder of good, bad and hostile inputs; returns the expected kind of each id
    ("ok" or an error fragment)."""
    rng = random.Random(10)
    folder.mkdir()
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text(" \n\t\n", encoding="utf-8")
    (folder / "furniture.txt").write_text(FURNITURE_ONLY, encoding="utf-8")
    (folder / "bom.txt").write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    (folder / "latin1.txt").write_bytes(ARTICLE.replace("’", "'").encode("latin-1"))
    (folder / "cp1252.txt").write_bytes((ARTICLE + "« Voilà » – 10 €\n").encode("cp1252"))
    (folder / "mojibake.txt").write_text(misread(ARTICLE), encoding="utf-8")
    (folder / "page.html").write_text(HOSTILE_HTML, encoding="utf-8")
    (folder / "mixed.txt").write_text(MIXED, encoding="utf-8")
    (folder / "long.txt").write_text(padded_long_text(1_000_000)[0], encoding="utf-8")
    (folder / "scan.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    (folder / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + rng.randbytes(3000))
    (folder / "noise.txt").write_bytes(rng.randbytes(5000))
    lines = [
        json.dumps({"id": "j-ok", "text": MEETING, "pub_date": "2023-05-09"}, ensure_ascii=False),
        '{"id": "j-broken", "text": "pas fini',
        json.dumps({"id": "j-notext", "pub_date": "2023-05-09"}),
        json.dumps({"id": "j-number", "text": 12}),
        json.dumps({"id": "j-date", "text": AUDIENCE, "pub_date": "9 mai 2023"}),
        json.dumps({"id": "article", "text": "un doublon"}),
        json.dumps({"id": "j-mixed", "text": MIXED}, ensure_ascii=False),
    ]
    (folder / "zz.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {
        "article": "ok",
        "empty": "ok",
        "blank": "ok",
        "furniture": "ok",
        "bom": "ok",
        "latin1": "ok",
        "cp1252": "ok",
        "mojibake": "ok",
        "page": "ok",
        "mixed": "ok",
        "long": "ok",
        "scan": "PDF",
        "image": "PNG",
        "noise": "binary",
        "j-ok": "ok",
        "zz:2": "zz.jsonl:2",
        "j-notext": "zz.jsonl:3",
        "j-number": "zz.jsonl:4",
        "j-date": "zz.jsonl:5",
        "article@": "zz.jsonl:6",
        "j-mixed": "ok",
    }


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory):
    """The inputs, and the output bytes of two runs of ``python -m diplo_ner extract``."""
    root = tmp_path_factory.mktemp("robust")
    expected = write_inputs(root / "in")
    pdf = root / "report.pdf"  # a binary file named explicitly
    pdf.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    expected["report"] = "PDF"
    outputs = []
    for run in (1, 2):
        out = root / f"out{run}.jsonl"
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "diplo_ner",
                "extract",
                str(root / "in"),
                str(pdf),
                "-o",
                str(out),
            ],
            capture_output=True,
            text=True,
            timeout=CLI_TIMEOUT_SECONDS,
            cwd=ROOT,
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        outputs.append(out.read_bytes())
    texts = {d.id: d.text for d in iter_documents([root / "in", pdf]) if hasattr(d, "text")}
    return expected, outputs, texts


def records_of(output: bytes) -> list[dict]:
    return [json.loads(line) for line in output.decode("utf-8").splitlines()]


def test_cli_count_in_equals_records_out_with_unique_preserved_ids(cli_run):
    expected, (output, _), _ = cli_run
    records = records_of(output)
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)) == len(expected)
    for doc_id, kind in expected.items():
        if doc_id.endswith("@"):  # the duplicate: its id is made unique, never dropped
            (record,) = [r for r in records if r["id"].startswith(doc_id)]
        else:
            (record,) = [r for r in records if r["id"] == doc_id]
        if kind == "ok":
            assert "error" not in record, record
        else:
            assert kind in record["error"], record


def test_cli_bad_jsonl_lines_name_the_line_and_the_problem(cli_run):
    _, (output, _), _ = cli_run
    errors = {r["id"]: r["error"] for r in records_of(output) if "error" in r}
    assert "not valid JSON" in errors["zz:2"]
    assert '"text"' in errors["j-notext"]
    assert "not a string" in errors["j-number"]
    assert "pub_date '9 mai 2023'" in errors["j-date"]


def test_cli_offsets_point_into_the_text_as_read(cli_run):
    _, (output, _), texts = cli_run
    for record in records_of(output):
        if "error" in record:
            continue
        text = texts[record["id"]]
        for e in record["entities"]:
            assert text[e["start"] : e["end"]] == e["text"], (record["id"], e)
        for t in record["triples"]:
            assert 0 <= t["start"] <= t["end"] <= len(text)


def test_cli_decodes_encodings_and_repairs_mojibake(cli_run):
    _, (output, _), texts = cli_run
    by_id = {r["id"]: r for r in records_of(output)}
    reference = {(e["text"], e["label"]) for e in by_id["article"]["entities"]}
    assert {("Antony Blinken", "OFFICIAL"), ("Nasser Bourita", "OFFICIAL")} <= reference
    for doc_id in ("bom", "latin1", "cp1252", "mojibake"):
        assert texts[doc_id].startswith("Le secrétaire d'État américain"), doc_id
        assert {(e["text"], e["label"]) for e in by_id[doc_id]["entities"]} == reference, doc_id
    assert texts["cp1252"].endswith("« Voilà » – 10 €\n")


def test_cli_processes_a_text_over_max_length_in_sections(cli_run):
    _, (output, _), texts = cli_run
    (record,) = [r for r in records_of(output) if r["id"] == "long"]
    assert len(texts["long"]) > 1_000_000
    townsend = [e for e in record["entities"] if e["text"] == "Stephen Townsend"]
    assert townsend and townsend[0]["start"] > 1_000_000
    assert {t["counterpart"] for t in record["triples"]} >= {"Nasser Bourita", "Stephen Townsend"}


def test_cli_output_is_deterministic(cli_run):
    _, (first, second), _ = cli_run
    assert first == second


def test_a_possessive_state_noun_that_is_its_own_clause_subject_does_not_recurse(extract):
    # "son pays" as the subject of the clause that the state-of-the-subject reading looks into
    result = extract("Le Premier ministre belge a souligné que son pays considère le plan "
                     "d'autonomie comme une bonne base.", "2024-10-10")
    assert result.id == "doc"
