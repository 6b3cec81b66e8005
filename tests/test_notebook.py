"""The examples run: the tour notebook from top to bottom in a real kernel (nbclient), on
the seed articles, with its tables, pictures and exports; and the script that embeds the
components in a pipeline of one's own."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="the notebook test needs the [test] extra")
nbclient = pytest.importorskip("nbclient", reason="the notebook test needs the [test] extra")
pytest.importorskip("ipykernel", reason="the notebook test needs the [test] extra")
pytest.importorskip("matplotlib", reason="the notebook draws with matplotlib")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "examples" / "diplo_ner_tour.ipynb"
SEEDS = ROOT / "seeds"
KERNEL_TIMEOUT_SECONDS = 600
EXPORTS = {
    "morocco_us_timeline.png",
    "seeds_graph.png",
    "seeds.graphml",
    "seeds.gexf",
    "seeds.json",
    "events.csv",
    "mentions.csv",
    "seeds.html",
}
WASHINGTON_2021 = ("000_e33eeaeee3da6605", "002_713b30406af3fa56")


def with_parameters(nb, **values: Path):
    """``nb`` with its cell tagged "parameters" set to ``values`` (as papermill does)."""
    (cell,) = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    lines = ["from pathlib import Path", ""]
    lines += [f"{name} = Path({str(value)!r})" for name, value in values.items()]
    cell.source = "\n".join(lines)
    return nb


def outputs_of(cell) -> str:
    """Everything a code cell displayed, as text (HTML and plain text joined)."""
    parts = []
    for out in cell.get("outputs", []):
        data = out.get("data", {})
        parts += [data.get("text/html", ""), data.get("text/plain", ""), out.get("text", "")]
    return "\n".join(p if isinstance(p, str) else "".join(p) for p in parts)


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    out = tmp_path_factory.mktemp("tour")
    nb = with_parameters(nbformat.read(NOTEBOOK, as_version=4), SEEDS=SEEDS, OUT=out)
    client = nbclient.NotebookClient(
        nb,
        timeout=KERNEL_TIMEOUT_SECONDS,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()  # raises CellExecutionError, with the cell and traceback, on any error
    return nb, out


def test_committed_notebook_has_no_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)


def test_tour_notebook_runs_and_exports(executed):
    nb, out = executed
    assert {p.name for p in out.iterdir()} == EXPORTS
    assert json.loads((out / "seeds.json").read_text(encoding="utf-8"))["links"]
    texts = [outputs_of(c) for c in nb.cells if c.cell_type == "code"]
    assert texts[-1].strip() == "True"  # the GraphML read back has the same counts


def test_tour_notebook_shows_one_meeting_from_two_outlets(executed):
    nb, _ = executed
    (meeting,) = [c for c in nb.cells if 'interactions(graph, "Nasser Bourita"' in c.source]
    html = outputs_of(meeting)
    assert html.count("<tr>") == 2, "one header row and one meeting"
    assert all(doc_id in html for doc_id in WASHINGTON_2021)


def test_tour_notebook_shows_tables_entities_and_pictures(executed):
    nb, _ = executed
    shown = [c.outputs for c in nb.cells if c.cell_type == "code"]
    html = "".join(outputs_of(c) for c in nb.cells if c.cell_type == "code")
    assert re.search(r'<mark class="entity"', html), "displaCy highlighting"
    assert "Maroc" in html and "Etats-Unis" in html
    images = [o for outs in shown for o in outs if "image/png" in o.get("data", {})]
    assert len(images) == 2  # the Morocco–US timeline and the graph


def test_embedding_example_adds_the_components_to_a_pipeline_of_ones_own(tmp_path):
    script = ROOT / "examples" / "embed_in_pipeline.py"
    proc = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=KERNEL_TIMEOUT_SECONDS,
        cwd=tmp_path,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = proc.stdout.splitlines()
    assert lines[0].endswith("diplo_relations → morocco_us_only")
    assert any(line.startswith("Nasser Bourita MEET Antony Blinken") for line in lines)
