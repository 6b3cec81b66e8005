"""Reading inputs and writing JSONL: bad input never stops a run, nor loses a document."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplo_ner.errors import InputError
from diplo_ner.io import (
    ErrorRecord,
    InputDocument,
    JsonlWriter,
    decode_bytes,
    expand_inputs,
    html_to_text,
    iter_documents,
    read_done_ids,
    strip_tags,
)

FRENCH = (
    "Le ministre des Affaires étrangères a reçu à Rabat l'ambassadeur de France. "
    "« C'est une œuvre commune », a-t-il déclaré – Ça ira.\n"
)
LATIN1_FRENCH = "Le ministre des Affaires étrangères a reçu l'ambassadeur « déçu », où ça ?\n"
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
HTML_PAGE = """<!DOCTYPE html>
<html><head><title>Diplomatie</title>
<meta property="article:published_time" content="2021-11-22T10:00:00+01:00">
<style>p { color: red; } .secret { display: none; }</style>
<script>var tracker = "SCRIPT_CONTENT"; function f() { return "<p>no</p>"; }</script>
</head><body><nav>Accueil | Monde</nav>
<article><h1>Blinken re&ccedil;oit Bourita</h1>
<p>Le ministre marocain des Affaires &eacute;trang&egrave;res a &eacute;t&eacute; re&ccedil;u
ce lundi &agrave; Washington par Antony Blinken, a indiqu&eacute; le d&eacute;partement
d'&Eacute;tat. Les deux hommes ont discut&eacute; de la coop&eacute;ration r&eacute;gionale.</p>
<p>Une deuxi&egrave;me phrase, assez longue pour que l'article soit retenu comme texte
principal de la page, &laquo;&nbsp;voil&agrave;&nbsp;&raquo;.</p></article>
<script>document.write("SCRIPT_CONTENT_2")</script>
<footer>&copy; 2021</footer></body></html>
"""


def write_jsonl(path: Path, lines: list[object]) -> Path:
    """Write ``lines`` (dicts are dumped, strings written as they are) one a line."""
    with open(path, "w", encoding="utf-8") as f:
        for line in lines:
            text = line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)
            f.write(text + "\n")
    return path


def docs_and_errors(items: list) -> tuple[list[InputDocument], list[ErrorRecord]]:
    docs = [i for i in items if isinstance(i, InputDocument)]
    errors = [i for i in items if isinstance(i, ErrorRecord)]
    assert len(docs) + len(errors) == len(items)
    return docs, errors


# --------------------------------------------------------------------------- text files


def test_empty_and_whitespace_documents_are_documents(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\t\n", encoding="utf-8")
    write_jsonl(tmp_path / "d.jsonl", [{"id": "e", "text": ""}, {"id": "w", "text": "   "}])
    items = list(iter_documents([tmp_path]))
    docs, errors = docs_and_errors(items)
    assert not errors
    assert {d.id: d.text for d in docs} == {"blank": "  \n\t\n", "e": "", "w": "   ", "empty": ""}


def test_binary_files_give_error_records_and_reading_goes_on(tmp_path):
    files = {
        "a.pdf": MINIMAL_PDF,
        "b.png": PNG_HEADER + os.urandom(2048),
        "c.bin": os.urandom(4096),
        "d.txt": FRENCH.encode("utf-8"),
        "e.txt": MINIMAL_PDF,  # a PDF saved with a text extension
    }
    paths = []
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        paths.append(tmp_path / name)
    items = list(iter_documents(paths))
    assert [i.id for i in items] == ["a", "b", "c", "d", "e"]
    assert [type(i) for i in items] == [
        ErrorRecord,
        ErrorRecord,
        ErrorRecord,
        InputDocument,
        ErrorRecord,
    ]
    assert "PDF" in items[0].error and str(paths[0]) in items[0].error
    assert "PNG" in items[1].error
    assert "binary" in items[2].error
    assert items[3].text == FRENCH
    assert items[0].to_dict() == {"id": "a", "error": items[0].error, "source": str(paths[0])}


def test_binary_jsonl_file_gives_one_error_record(tmp_path):
    (tmp_path / "x.jsonl").write_bytes(PNG_HEADER + os.urandom(8192))
    write_jsonl(tmp_path / "y.jsonl", [{"id": "ok", "text": "Bonjour"}])
    items = list(iter_documents([tmp_path]))
    assert [(type(i), i.id) for i in items] == [(ErrorRecord, "x"), (InputDocument, "ok")]


def test_utf8_bom_is_stripped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + FRENCH.encode("utf-8"))
    (doc,) = iter_documents([path])
    assert doc.text == FRENCH


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(FRENCH.encode("utf-16"))
    (doc,) = iter_documents([path])
    assert doc.text == FRENCH


@pytest.mark.parametrize("encoding, text", [("latin-1", LATIN1_FRENCH), ("cp1252", FRENCH)])
def test_legacy_encodings_of_french(tmp_path, encoding, text):
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    (doc,) = iter_documents([path])
    assert doc.text == text
    assert decode_bytes(text.encode(encoding)) == text


@pytest.mark.parametrize("text", ["Réunion à Paris", "Accord signé à Alger", "déçu", "Ça ira"])
def test_short_windows_1252_french(text):
    assert decode_bytes(text.encode("cp1252")) == text


def test_mojibake_is_repaired():
    broken = FRENCH.encode("utf-8").decode("cp1252")
    assert "Ã©" in broken
    assert decode_bytes(broken.encode("utf-8")) == FRENCH
    assert decode_bytes("Le ministre a reÃ§u lâ€™ambassadeur Ã  Rabat".encode()) == (
        "Le ministre a reçu l’ambassadeur à Rabat"
    )


def test_mac_roman_mojibake_is_repaired_by_ftfy():
    assert decode_bytes("La r√©union du minist√®re √† Rabat".encode()) == (
        "La réunion du ministère à Rabat"
    )


def test_mojibake_in_an_input_file_is_repaired_before_the_pipeline(nlp, tmp_path):
    from diplo_ner.batch import run_extract

    (tmp_path / "a.txt").write_text(
        "Le ministre a re√ßu √† Rabat l'ambassadeur des √âtats-Unis.", encoding="utf-8"
    )
    run_extract([tmp_path / "a.txt"], tmp_path / "out.jsonl", nlp=nlp)
    (record,) = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    countries = [e["text"] for e in record["entities"] if e["label"] == "COUNTRY"]
    assert countries == ["États-Unis"]


def test_partial_mojibake_in_correct_text_is_repaired():
    text = "Le ministre a reçu l'ambassadeur ; il a dÃ©clarÃ© « 10 â‚¬, 25Â°C »."
    assert decode_bytes(text.encode("utf-8")) == (
        "Le ministre a reçu l'ambassadeur ; il a déclaré « 10 €, 25°C »."
    )


def test_correct_text_is_left_alone():
    text = "« L’accord » — signé… à São Paulo ; ÉTATS-UNIS, 1ᵉʳ\u00a0décembre, ﬁn\r\n\tSÃO"
    assert decode_bytes(text.encode("utf-8")) == text


def misread(text: str) -> str:
    """``text`` as its UTF-8 bytes read as Windows-1252 (undefined bytes as Latin-1 does)."""
    return "".join(
        bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8")
    )


@pytest.mark.parametrize(
    "text",
    [
        "La réunion s’est tenue à Rabat",
        "Le « plan » de 2007 – 10 €, 25 °C",
        "Bravo 👍 pour Łukasz Kamiński et la manœuvre",
        "Le mot المغرب en arabe",
    ],
)
def test_unambiguous_mojibake_is_repaired(text):
    assert decode_bytes(misread(text).encode("utf-8")) == text
    assert decode_bytes(misread(misread(text)).encode("utf-8")) == text  # misread twice


def test_mojibake_of_a_grave_whose_no_break_space_was_lost():
    assert decode_bytes("a Ã©tÃ© vu voilÃ  deux jours".encode()) == "a été vu voilà deux jours"


@pytest.mark.parametrize(
    "text",
    [
        "UN ÉTÉ… CHAUD",  # É + … would be U+0245
        "OÙ» ?",  # Ù + » would be Arabic
        "Cà«Œ",  # à + « + Œ would be Gujarati
        "ÇA»",
        "Recep Tayyip Erdoğan",  # UTF-8 whose Windows-1252 reading looks French
        "SÃO PAULO Ã  ",  # Portuguese, and no other mojibake to confirm "Ã "
    ],
)
def test_french_lookalikes_of_mojibake_are_left_alone(text):
    assert decode_bytes(text.encode("utf-8")) == text


@pytest.mark.parametrize("text", ["là«œuvre", "Où»…", "à«»"])
def test_windows_1252_french_that_is_valid_utf8_by_chance(text):
    assert decode_bytes(text.encode("cp1252")) == text


def test_a_stray_nul_in_text_is_a_space_but_many_mean_binary():
    text = "Le ministre a reçu l'ambassadeur. " * 20
    assert decode_bytes(text.encode("utf-8") + b"\x00Fin") == text + " Fin"
    with pytest.raises(InputError, match="binary"):
        decode_bytes("Le ministre".encode("utf-16-le"))  # UTF-16 without its BOM


def test_control_characters_become_spaces_keeping_length():
    assert decode_bytes(b"a\x0bb\x0cc\x7fd\r\n\te") == "a b c d\r\n\te"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2048))
def test_decode_bytes_only_raises_input_error(data):
    try:
        text = decode_bytes(data)
    except InputError:
        return
    assert isinstance(text, str)
    text.encode("utf-8")  # always writable


FRENCH_WORDS = (
    "Élysée",
    "ministre",
    "étrangères",
    "reçu",
    "à",
    "où",
    "Ça",
    "œuvre",
    "déçu",
    "«",
    "»",
    "–",
    "—",
    "…",
    "l’ambassadeur",
    "“accord”",
    "10\u00a0€",
    "25°",
    "ÉTATS-UNIS",
    "Noël",
    "maïs",
    "août",
    "Œdipe",
    "coût",
    "Bourita",
    "2021",
    "ÀÂÇÈÉÊËÎÏÔÖÙÛÜŸ",
    "a-t-il",
    "!",
    "?",
    ";",
    "\n",
    "\t",
    "\r\n",
    "\u00a0",
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRENCH_WORDS), max_size=40), st.sampled_from([" ", ""]))
def test_french_text_is_never_altered(words, glue):
    """French text comes back exactly from UTF-8 and from Windows-1252 (offsets stay
    meaningful): only real mojibake is repaired."""
    text = glue.join(words)
    assert decode_bytes(text.encode("utf-8")) == text
    assert decode_bytes(text.encode("cp1252")) == text


# --------------------------------------------------------------------------- JSONL


def test_jsonl_fields_and_meta(tmp_path):
    path = write_jsonl(
        tmp_path / "news.jsonl",
        [
            {
                "id": "a1",
                "text": FRENCH,
                "pub_date": "2021-11-25",
                "url": "https://x.ma/a1",
                "outlet": "Le360",
            },
            {"id": 7, "text": "Sept", "pub_date": None},
            {"text": "Sans id", "pub_date": ""},
            {"id": "dt", "text": "Horodaté", "pub_date": "2021-11-25T08:30:00Z"},
        ],
    )
    items = list(iter_documents([path], pub_date=dt.date(2020, 1, 1)))
    docs, errors = docs_and_errors(items)
    assert not errors
    assert [d.id for d in docs] == ["a1", "7", "news:3", "dt"]
    assert docs[0].pub_date == dt.date(2021, 11, 25)
    assert docs[0].meta == {"url": "https://x.ma/a1", "outlet": "Le360"}
    assert docs[0].source == f"{path}:1"
    assert docs[0].text == FRENCH
    assert docs[1].pub_date == dt.date(2020, 1, 1)  # the caller's default
    assert docs[2].pub_date == dt.date(2020, 1, 1)
    assert docs[3].pub_date == dt.date(2021, 11, 25)


def test_bad_jsonl_lines_give_error_records_naming_the_line(tmp_path):
    path = write_jsonl(
        tmp_path / "bad.jsonl",
        [
            {"id": "ok1", "text": "Un"},  # 1
            '{"id": "broken", "text": "sans fin',  # 2 malformed
            "",  # 3 blank: skipped silently
            '["a", "list"]',  # 4 not an object
            {"id": "notext"},  # 5 missing text
            {"id": "num", "text": 42},  # 6 non-string text
            {"id": "when", "text": "x", "pub_date": "yesterday"},  # 7 invalid date
            {"id": "feb", "text": "x", "pub_date": "2021-02-30"},  # 8 impossible date
            {"id": "int", "text": "x", "pub_date": 20211125},  # 9 not a string
            {"id": ["l"], "text": "x"},  # 10 bad id
            "   ",  # 11 whitespace: skipped
            {"id": "ok2", "text": "Deux"},  # 12
        ],
    )
    items = list(iter_documents([path]))
    docs, errors = docs_and_errors(items)
    assert [d.id for d in docs] == ["ok1", "ok2"]
    by_line = {int(e.source.rsplit(":", 1)[1]): e for e in errors}
    assert sorted(by_line) == [2, 4, 5, 6, 7, 8, 9, 10]
    for line, error in by_line.items():
        assert error.error.startswith(f"{path}:{line}: "), error.error
    assert "not valid JSON" in by_line[2].error and by_line[2].id == "bad:2"
    assert "expected a JSON object" in by_line[4].error
    assert by_line[5].id == "notext" and '"text"' in by_line[5].error
    assert "not a string" in by_line[6].error
    assert by_line[7].error == f"{path}:7: pub_date 'yesterday' is not YYYY-MM-DD"
    assert "2021-02-30" in by_line[8].error
    assert "pub_date" in by_line[9].error
    assert '"id"' in by_line[10].error


def test_jsonl_oddities_are_tolerated(tmp_path):
    path = tmp_path / "odd.jsonl"
    lines = [
        b'\xef\xbb\xbf{"id": "bom", "text": "Premi\xc3\xa8re ligne"}',
        b'{"id": "tab", "text": "raw\ttab"}',
        '{"id": "latin", "text": "Réunion à Paris"}'.encode("cp1252"),
        b'{"id": "surrogate", "text": "a\\ud800b"}',
        b'{"id": "crlf", "text": "fin"}\r',
        b'{"id": "moji", "text": "re\xc3\x83\xc2\xa7u"}',
    ]
    path.write_bytes(b"\n".join(lines))  # no newline at the end either
    docs, errors = docs_and_errors(list(iter_documents([path])))
    assert not errors
    assert {d.id: d.text for d in docs} == {
        "bom": "Première ligne",
        "tab": "raw\ttab",
        "latin": "Réunion à Paris",
        "surrogate": "a\ufffdb",
        "crlf": "fin",
        "moji": "reçu",
    }


def test_gzipped_jsonl(tmp_path):
    path = tmp_path / "news.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "z", "text": FRENCH}) + "\n")
    (doc,) = iter_documents([tmp_path])
    assert doc.id == "z" and doc.text == FRENCH


def test_large_jsonl_is_read_lazily(tmp_path):
    path = tmp_path / "big.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for n in range(50_000):
            f.write(json.dumps({"id": f"d{n}", "text": "Texte"}) + "\n")
    items = iter_documents([path])
    first = next(items)
    assert first.id == "d0"
    assert sum(1 for _ in items) == 49_999


def test_duplicate_ids_give_error_records(tmp_path):
    a = write_jsonl(tmp_path / "a.jsonl", [{"id": "x", "text": "un"}, {"id": "x", "text": "deux"}])
    b = write_jsonl(tmp_path / "b.jsonl", [{"id": "x", "text": "trois"}, {"id": "y", "text": "y"}])
    (tmp_path / "y.txt").write_text("fichier y", encoding="utf-8")
    items = list(iter_documents([a, b, tmp_path / "y.txt"]))
    docs, errors = docs_and_errors(items)
    assert [d.id for d in docs] == ["x", "y"]
    assert len(errors) == 3
    assert all("duplicate id" in e.error for e in errors)
    assert f"first seen at {a}:1" in errors[0].error and errors[0].source == f"{a}:2"
    ids = [i.id for i in items]
    assert len(ids) == len(set(ids)) == 5


# --------------------------------------------------------------------------- HTML


def test_html_to_text_drops_scripts_and_unescapes():
    text, date = html_to_text(HTML_PAGE)
    assert "SCRIPT_CONTENT" not in text and "color" not in text and "tracker" not in text
    assert "Le ministre marocain des Affaires étrangères a été reçu" in text
    assert "&eacute;" not in text
    assert date == dt.date(2021, 11, 22)


def test_html_fallback_for_tiny_pages():
    page = (
        "<html><head><style>b{}</style><script>alert('x')</script></head><body>"
        "<p>Accord sign&eacute; &agrave; Alger&nbsp;!</p><!-- commentaire --></body></html>"
    )
    text, date = html_to_text(page)
    assert text.replace("\u00a0", " ") == "Accord signé à Alger !"
    assert date is None
    assert strip_tags(page) == "Accord signé à Alger\u00a0!"
    assert strip_tags("<div>a <b>b</b>\n\n<p>c  d</p><template>t</template></div>") == "a b\nc d"
    assert strip_tags("<title>Titre seul</title>") == "Titre seul"


def test_html_file_document(tmp_path):
    (tmp_path / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    legacy = HTML_PAGE.replace("<head>", '<head><meta charset="iso-8859-1">')
    legacy = legacy.replace("&eacute;t&eacute;", "été")
    (tmp_path / "legacy.htm").write_bytes(legacy.encode("latin-1"))
    by_id = {d.id: d for d in iter_documents([tmp_path])}
    assert set(by_id) == {"page", "legacy"}
    assert by_id["page"].pub_date == dt.date(2021, 11, 22)  # from the page's metadata
    assert "SCRIPT_CONTENT" not in by_id["page"].text
    assert "a été reçu" in by_id["legacy"].text


def test_callers_date_wins_over_the_html_metadata_date(tmp_path):
    (tmp_path / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    (doc,) = iter_documents([tmp_path / "page.html"], pub_date=dt.date(2000, 1, 1))
    assert doc.pub_date == dt.date(2000, 1, 1)


def test_html_without_date_takes_the_default(tmp_path):
    (tmp_path / "p.html").write_text("<p>Bonjour &agrave; tous</p>", encoding="utf-8")
    (doc,) = iter_documents([tmp_path / "p.html"], pub_date=dt.date(2022, 3, 4))
    assert doc.text == "Bonjour à tous" and doc.pub_date == dt.date(2022, 3, 4)


# --------------------------------------------------------------------------- inputs


def test_folders_are_walked_recursively_and_sorted(tmp_path):
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    (tmp_path / "b" / "c.html").write_text("<p>c</p>", encoding="utf-8")
    (tmp_path / "b" / "deep" / "d.jsonl").write_text('{"id": "d", "text": "d"}\n', "utf-8")
    (tmp_path / "b" / "notes.pdf").write_bytes(MINIMAL_PDF)  # skipped: unknown extension
    (tmp_path / ".hidden.txt").write_text("h", encoding="utf-8")
    found = expand_inputs([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a.txt",
        "b/c.html",
        "b/deep/d.jsonl",
    ]


def test_explicit_unknown_extension_is_read_as_text(tmp_path):
    (tmp_path / "article.dat").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "image.dat").write_bytes(PNG_HEADER + os.urandom(100))
    items = list(iter_documents([tmp_path / "article.dat", tmp_path / "image.dat"]))
    assert isinstance(items[0], InputDocument) and items[0].text == FRENCH
    assert isinstance(items[1], ErrorRecord)


def test_globs(tmp_path):
    for name in ("x1.txt", "x2.txt", "y.html", "z.pdf"):
        (tmp_path / name).write_text("t", encoding="utf-8")
    assert [p.name for p in expand_inputs([str(tmp_path / "x*.txt")])] == ["x1.txt", "x2.txt"]
    assert [p.name for p in expand_inputs([str(tmp_path / "*")])] == ["x1.txt", "x2.txt", "y.html"]
    assert [p.name for p in expand_inputs([str(tmp_path / "*.pdf")])] == ["z.pdf"]
    # the same file reached twice is read once
    assert len(expand_inputs([tmp_path / "y.html", tmp_path, str(tmp_path / "*.html")])) == 3


def test_missing_input_raises_input_error(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        expand_inputs([tmp_path / "nope.txt"])
    with pytest.raises(InputError):
        iter_documents([str(tmp_path / "*.jsonl")])
    (tmp_path / "sub").mkdir()
    with pytest.raises(InputError, match="holds no"):
        expand_inputs([tmp_path / "sub"])


def test_unreadable_file_gives_error_record(tmp_path):
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "ok.txt").write_text("ok", encoding="utf-8")
    items = list(iter_documents([tmp_path / "dangling.txt", tmp_path / "ok.txt"]))
    assert isinstance(items[0], ErrorRecord) and "cannot read" in items[0].error
    assert items[0].id == "dangling"
    assert isinstance(items[1], InputDocument) and items[1].text == "ok"


def test_gzipped_html_file(tmp_path):
    (tmp_path / "p.html").write_bytes(gzip.compress(b"<p>Bonjour</p>"))
    (doc,) = iter_documents([tmp_path / "p.html"])
    assert doc.text == "Bonjour"


# --------------------------------------------------------------------------- output


def test_read_done_ids_tolerates_truncated_last_line(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"id": "a", "entities": []}\n{"id": "b", "error": "x"}\n{"id": "c", "ent')
    assert read_done_ids(out) == {"a", "b"}
    assert read_done_ids(tmp_path / "missing.jsonl") == set()


def test_writer_appends_after_cutting_a_truncated_line(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"id": "a", "entities": []}\n{"id": "c", "entit')
    with JsonlWriter(out, append=True) as writer:
        writer.write({"id": "c", "text": "réécrit « ok »"})
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["a", "c"]
    assert "« ok »" in lines[1]  # ensure_ascii=False
    assert out.read_bytes().endswith(b"\n")


def test_writer_keeps_a_complete_last_line_without_newline(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"id": "a"}\n{"id": "b"}')
    assert read_done_ids(out) == {"a", "b"}
    with JsonlWriter(out, append=True) as writer:
        writer.write({"id": "c"})
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == ["a", "b", "c"]


def test_writer_with_only_a_partial_line_and_overwrite(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"id": "a", "ent')
    with JsonlWriter(out, append=True) as writer:
        writer.write({"id": "a"})
    assert out.read_bytes() == b'{"id": "a"}\n'
    with JsonlWriter(out) as writer:  # not append: starts over
        writer.write({"id": "z", "n": 1})
    assert out.read_bytes() == b'{"id": "z", "n": 1}\n'


def test_writer_flushes_each_line_and_survives_surrogates(tmp_path):
    out = tmp_path / "out.jsonl"
    with JsonlWriter(out) as writer:
        writer.write({"id": "a", "date": dt.date(2021, 1, 2)})
        assert out.read_bytes() == b'{"id": "a", "date": "2021-01-02"}\n'
        writer.write({"id": "b", "text": "x\ud800y"})
    assert json.loads(out.read_text().splitlines()[1])["text"] == "x\ud800y"


def test_truncated_line_far_from_the_start(tmp_path):
    out = tmp_path / "out.jsonl"
    body = "".join(json.dumps({"id": str(n), "pad": "x" * 500}) + "\n" for n in range(300))
    out.write_text(body + '{"id": "partial", "pad": "' + "y" * 70_000, encoding="utf-8")
    with JsonlWriter(out, append=True) as writer:
        writer.write({"id": "new"})
    assert out.read_text(encoding="utf-8") == body + '{"id": "new"}\n'
