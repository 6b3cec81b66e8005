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
