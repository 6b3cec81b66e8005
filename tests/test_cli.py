"""The command line as a newcomer meets it: helps, `evaluate` on the bundled seeds, `explain`."""

from __future__ import annotations

import json
from importlib.metadata import requires
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplo_ner import pipeline
from diplo_ner.batch import run_extract
from diplo_ner.cli import app

ROOT = Path(__file__).parent.parent
SEEDS_GOLD = ROOT / "gold" / "seeds.jsonl"


def help_text(*command: str) -> str:
    result = CliRunner().invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())    # the terminal's line breaks do not matter


def test_extract_help_shows_the_dask_extra_and_no_type_tags_on_flags():
    text = help_text("extract")
    assert "needs diplo-ner[dask]" in text
    assert "<bool>" not in text and "╭" not in text


def test_evaluate_help_points_to_the_shipped_guideline_and_the_seeds():
    text = help_text("evaluate")
    assert "docs/annotation.md section 4" in text
    assert "diplo-ner evaluate gold/seeds.jsonl out/triples.jsonl" in text
    assert (ROOT / "docs" / "annotation.md").read_text(encoding="utf-8").count("## 4.") == 1


def test_explain_help_describes_the_publication_date():
    assert "--pub-date YYYY-MM-DD the publication date" in help_text("explain")


def test_seeds_gold_ids_are_the_seed_file_names():
    ids = [json.loads(line)["id"] for line in SEEDS_GOLD.read_text(encoding="utf-8").splitlines()]
    assert sorted(ids) == sorted(p.stem for p in (ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def seeds_records(nlp, tmp_path_factory) -> Path:
    """`diplo-ner extract seeds -o out/triples.jsonl`, with the session pipeline."""
    out = tmp_path_factory.mktemp("out") / "triples.jsonl"
    run_extract([ROOT / "seeds"], out, nlp=nlp)
    return out


def test_evaluate_on_the_bundled_seeds_prints_label_and_type_tables(seeds_records):
    result = CliRunner().invoke(app, ["evaluate", str(SEEDS_GOLD), str(seeds_records)])
    assert result.exit_code == 0, result.output
    rows = table_rows(result.output)
    for row in ("entities", "OFFICIAL", "COUNTRY", "relations", "MEET", "relations+date"):
        assert row in rows, result.output
    assert rows["entities"][2] >= 0.95 and rows["relations"][2] >= 0.9    # F1
    shown = CliRunner().invoke(app, ["evaluate", str(SEEDS_GOLD), str(seeds_records),
                                     "--show-errors"]).output
    errors = [line for line in shown.splitlines() if line not in result.output.splitlines()]
    seed_ids = {p.stem for p in (ROOT / "seeds").glob("*.txt")}
    assert errors and all(line.split()[0] in seed_ids for line in errors)


def table_rows(output: str) -> dict[str, list[float]]:
    """The score table: name → P, R, F1, tp, fp, fn."""
    rows = {}
    for line in output.splitlines():
        name, *values = line.split() or [""]
        if len(values) == 6 and all(v.replace(".", "").isdigit() for v in values):
            rows[name] = [float(v) for v in values]
    return rows


def test_evaluate_says_when_gold_articles_have_no_record(tmp_path):
    empty = tmp_path / "pred.jsonl"
    empty.write_text("", encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", str(SEEDS_GOLD), str(empty)])
    assert result.exit_code == 0
    assert "5 of 5 gold articles have no record" in result.output


def test_explain_reads_standard_input(nlp, monkeypatch):
    monkeypatch.setattr(pipeline, "default_pipeline", lambda: nlp)
    result = CliRunner().invoke(app, ["explain", "--pub-date", "2021-11-25"],
                                input="Le ministre Nasser Bourita a reçu hier Antony Blinken.\n")
    assert result.exit_code == 0, result.output
    assert "'hier' → 2021-11-24" in result.output
    assert "(Nasser Bourita, MEET, Antony Blinken" in result.output
    assert CliRunner().invoke(app, ["explain"], input="").exit_code == 2


def test_dateparser_and_ftfy_are_dependencies():
    names = {r.split(";")[0].split(">")[0].split("=")[0].strip().lower()
             for r in requires("diplo-ner") or []}
    assert {"dateparser", "ftfy"} <= names


def test_notebook_extra_brings_jupyter_its_kernel_and_matplotlib():
    extra = [r for r in requires("diplo-ner") or [] if 'extra == "notebook"' in r]
    names = {r.split(";")[0].split(">")[0].split("[")[0].strip() for r in extra}
    assert {"notebook", "ipykernel"} <= names
    assert any("diplo-ner[viz]" in r for r in extra)   # viz is matplotlib
