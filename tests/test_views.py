"""Views of the graph: the self-contained HTML page (escaping, no network), PNG pictures,
and the page as a headless Chromium renders it (skipped without a browser)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from diplo_ner import graph as G
from diplo_ner import views as V
from diplo_ner.types import DIPLO_LABELS, Entity, Result, Triple

INJECTED = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
BROWSER_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
BROWSER_TIMEOUT_SECONDS = 120


def triple(actor, actor_label, counterpart, counterpart_label, event_type, date, sentence):
    return {
        "actor": actor,
        "actor_label": actor_label,
        "counterpart": counterpart,
        "counterpart_label": counterpart_label,
        "event_type": event_type,
        "action": "rencontrer",
        "date": date,
        "sentence": sentence,
        "confidence": 0.9,
    }


@pytest.fixture()
def graph():
    return G.build_graph(
        [
            {
                "id": "a",
                "triples": [
                    triple(
                        "Nasser Bourita",
                        "OFFICIAL",
                        "Antony Blinken",
                        "OFFICIAL",
                        "MEET",
                        "2021-11-22",
                        f"Bourita a rencontré Blinken. {INJECTED}",
                    ),
                    triple(
                        "Maroc",
                        "COUNTRY",
                        "African Lion",
                        "MIL_EXERCISE",
                        "EXERCISE",
                        "2021-06",
                        "Le Maroc accueille African Lion.",
                    ),
                ],
            },
            {
                "id": f"b{INJECTED}",
                "triples": [
                    triple(
                        "Département d'Etat",
                        "MINISTRY",
                        f"Traité <b>{INJECTED}</b>",
                        "TREATY",
                        "SIGN",
                        "2020-12-10",
                        "Signature & co.",
                    ),
                    triple("Maroc", "COUNTRY", "Etats-Unis", "COUNTRY", "AGREE", None, "Accord."),
                ],
            },
        ]
    )


def data_block(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="diplo-data">(.*?)</script>', page, re.S)
    assert match, "no data block"
    return json.loads(match.group(1))


def test_html_is_self_contained(graph, tmp_path):
    path = tmp_path / "g.html"
    V.to_html(graph, path)
    page = path.read_text(encoding="utf-8")
    page = re.sub(
        r'(id="diplo-data">).*?(</script>)', r"\1\2", page, flags=re.S
    )  # the document text left out
    assert not re.search(r"\b(src|href)\s*=", page)
    assert "<link" not in page and "url(" not in page and "@import" not in page
    assert (
        re.findall(r"https?://[^\"' ]+", page) == ["http://www.w3.org/2000/svg"] * 2
    )  # XML namespaces
    assert "default-src 'none'" in page
    assert '<svg id="diplo-graph"' in page


def test_html_escapes_document_text(graph, tmp_path):
    page = V.render_html(graph)
    assert page.count("<script") == 2 and page.count("</script>") == 2
    assert "alert(1)" in page and "<img" not in page
    data = data_block(page)
    sentences = [
        s["sentence"] for link in data["links"] for e in link["events"] for s in e["sources"]
    ]
    assert any(INJECTED in s for s in sentences)  # the text survives, as data
    assert any(INJECTED in n["name"] for n in data["nodes"])
    assert "innerHTML" not in page and "insertAdjacentHTML" not in page
    assert "document.write" not in page


def test_html_script_is_allowed_by_its_hash_only(graph):
    page = V.render_html(graph, title="<b>titre</b>")
    script = re.findall(r"<script>(.*?)</script>", page, re.S)[0]
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in page
    assert "&lt;b&gt;titre&lt;/b&gt;" in page and "<b>titre" not in page


def test_html_layout_is_deterministic_and_limited(graph):
    assert V.render_html(graph) == V.render_html(graph)
    data = data_block(V.render_html(graph, max_nodes=3))
    assert len(data["nodes"]) == 3 and data["omitted_nodes"] == graph.number_of_nodes() - 3
    colors = {n["label"]: n["color"] for n in data_block(V.render_html(graph))["nodes"]}
    assert colors["OFFICIAL"] == V.LABEL_COLORS["OFFICIAL"]
    assert colors["TREATY"] == V.LABEL_COLORS["TREATY"]


def test_png_pictures(graph, tmp_path):
    pytest.importorskip("matplotlib")
    V.to_png(graph, tmp_path / "g.png")
    V.timeline_png(graph, tmp_path / "t.png")
    V.timeline_png(G.build_graph([]), tmp_path / "empty.png")
    for name in ("g.png", "t.png", "empty.png"):
        assert (tmp_path / name).read_bytes().startswith(PNG_MAGIC)


def test_events_per_month(graph):
    counts = V.events_per_month(graph)
    assert {k: sum(v.values()) for k, v in counts.items()} == {"MEET": 1, "EXERCISE": 1, "SIGN": 1}


# -- notebook helpers ----------------------------------------------------------------------
MARK_COLOR = re.compile(r'<mark class="entity" style="background: (#[0-9a-f]{6})')


def test_displacy_options_tint_the_graph_colours():
    options = V.displacy_options()
    assert options["ents"] == list(DIPLO_LABELS)
    for label in DIPLO_LABELS:
        tint, base = options["colors"][label], V.LABEL_COLORS[label]
        # lighter than the node colour in every channel, and of the same hue order
        pairs = [(int(tint[i : i + 2], 16), int(base[i : i + 2], 16)) for i in (1, 3, 5)]
        assert all(t >= b for t, b in pairs)
        assert sorted(range(3), key=lambda i: pairs[i][1]) == sorted(
            range(3), key=lambda i: pairs[i][0]
        )
    with_base = V.displacy_options(base_labels=True)
    assert set(with_base["ents"]) == set(DIPLO_LABELS) | set(V.BASE_LABELS)


def test_render_entities_of_a_doc_uses_the_project_colours():
    import spacy
    from spacy.tokens import Span

    doc = spacy.blank("fr")("Le roi du Maroc a reçu Joe Biden à Rabat .")
    doc.ents = [Span(doc, 3, 4, "COUNTRY"), Span(doc, 6, 8, "OFFICIAL"), Span(doc, 9, 10, "LOC")]
    markup = V.render_entities(doc)
    colors = V.displacy_options()["colors"]
    assert MARK_COLOR.findall(markup) == [colors["COUNTRY"], colors["OFFICIAL"]]
    assert "Rabat" in markup and ">LOC<" not in markup  # base labels only on request
    assert len(MARK_COLOR.findall(V.render_entities(doc, base_labels=True))) == 3


def test_render_entities_of_a_result_escapes_its_text():
    text = f"Nasser Bourita {INJECTED} a reçu Jared Kushner."
    start = text.index("Jared")
    result = Result(
        id="<i>dépêche</i>",
        pub_date=None,
        entities=(
            Entity("Nasser Bourita", "OFFICIAL", "Nasser Bourita", 0, 14),
            Entity("Bourita", "OFFICIAL", "Nasser Bourita", 7, 14),  # overlap: dropped
            Entity("Jared Kushner", "OFFICIAL", "Jared Kushner", start, start + 13),
        ),
    )
    markup = V.render_entities(result, text)
    assert len(MARK_COLOR.findall(markup)) == 2
    assert "<script>" not in markup and "<img" not in markup and "<i>" not in markup
    assert "&lt;/script&gt;" in markup and "&lt;i&gt;dépêche&lt;/i&gt;" in markup
    with pytest.raises(ValueError, match="text"):
        V.render_entities(result)


def test_result_repr_html_escapes_triples():
    triple = Triple(
        INJECTED, "OFFICIAL", "recevoir", "MEET", "Nasser Bourita", "OFFICIAL",
        None, "2021-11-22", None, "…", 0, 1, 0.9,
    )  # fmt: skip
    page = Result(id="a<b", pub_date=None, triples=(triple,))._repr_html_()
    assert "<script>" not in page and "&lt;/script&gt;" in page and "a&lt;b" in page
    assert page.count("<tr>") == 2 and "MEET" in page


def test_events_table_of_a_graph_is_sorted_and_escaped(graph):
    table = V.events_table(graph)
    assert len(table) == graph.number_of_edges() == 4
    assert table.columns[0] == "date" and "documents" in table.columns
    assert [row[0] for row in table.rows] == ["2020-12-10", "2021-06", "2021-11-22", ""]
    page = table._repr_html_()
    assert page.count("<tr>") == 5 and "<script>" not in page and "<img" not in page
    assert repr(table) == str(table)  # what a console shows
    assert "<td>None</td>" not in V.Table(("a", "b"), ((None, 1),))._repr_html_()
    text = str(table).splitlines()
    assert len(text) == 5 and text[0].split()[:2] == ["date", "type"]
    assert V.events_table(G.timeline(graph, "Nasser Bourita")).rows[0][1] == "MEET"


# -- in a browser --------------------------------------------------------------------------
def find_browser() -> str | None:
    for candidate in BROWSER_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def run_browser(browser: str, tmp_path: Path, page: Path, *mode: str) -> str:
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--window-size=1200,800",
        *mode,
        page.as_uri(),
    ]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=BROWSER_TIMEOUT_SECONDS,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def browser() -> str:
    found = find_browser()
    if found is None:
        pytest.skip(
            "no Chromium found (/usr/bin/chromium or chromium on PATH): "
            "the HTML view is not checked in a browser"
        )
    return found


def test_html_renders_in_headless_chromium(browser, graph, tmp_path):
    page = tmp_path / "g.html"
    V.to_html(graph, page)
    dom = run_browser(browser, tmp_path, page, "--dump-dom")
    assert re.search(r'<svg id="diplo-graph"[^>]*data-ready="1"', dom), "the script did not run"
    assert len(re.findall(r'<g class="node"', dom)) == graph.number_of_nodes()
    assert len(re.findall(r'<line class="edge"', dom)) == 4
    assert len(re.findall(r"<script\b", dom)) == 2  # only the page's own blocks
    assert "<img" not in dom
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in dom  # a node name, as text
    shot = tmp_path / "x.png"
    run_browser(browser, tmp_path, page, f"--screenshot={shot}")
    assert shot.read_bytes().startswith(PNG_MAGIC)
    image = pytest.importorskip("matplotlib.image")
    pixels = {tuple(round(c * 255) for c in px[:3]) for row in image.imread(shot) for px in row}
    for label in ("OFFICIAL", "COUNTRY", "MIL_EXERCISE"):  # the nodes were drawn, in colour
        color = V.LABEL_COLORS[label]
        assert tuple(int(color[i : i + 2], 16) for i in (1, 3, 5)) in pixels, label
