"""Batch extraction: order, error records, workers, kill-and-resume, exit codes, Dask."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
import spacy
from slow_pipeline import STALL, slow_pipeline
from spacy.language import Language
from typer.testing import CliRunner

from diplo_ner.batch import PROGRESS_EVERY_SECONDS, extract_records, run_extract
from diplo_ner.cli import app
from diplo_ner.graph import events, read_graphml
from diplo_ner.io import InputDocument, expand_inputs, iter_documents

ROOT = Path(__file__).parent.parent
SLOW_CLI = [sys.executable, str(Path(__file__).parent / "slow_pipeline.py"), "extract"]
OFFICIALS = [
    ("Nasser Bourita", "le ministre des Affaires étrangères"),
    ("Antony Blinken", "le secrétaire d'Etat américain"),
    ("Lloyd Austin", "le secrétaire américain à la Défense"),
]
PLACES = ["Rabat", "Washington", "Marrakech", "New York"]
PAGE = """<!DOCTYPE html><html><head><title>Coopération</title>
<meta property="article:published_time" content="2022-05-09T08:30:00+00:00"></head>
<body><nav>Accueil</nav><article><h1>Entretiens à Rabat</h1>
<p>Le ministre marocain des Affaires &eacute;trang&egrave;res, Nasser Bourita, s'est
entretenu lundi &agrave; Rabat avec le secr&eacute;taire d'Etat am&eacute;ricain,
Antony Blinken. Les deux responsables ont &eacute;voqu&eacute; la coop&eacute;ration
s&eacute;curitaire et la situation r&eacute;gionale.</p>
<p>Un troisi&egrave;me paragraphe assez long pour que la page soit lue comme un article
de presse, avec quelques mots de plus sur la r&eacute;union.</p></article></body></html>
"""


def article(i: int) -> dict:
    """A short synthetic dispatch, different for each ``i``."""
    (a, a_title), (b, b_title) = OFFICIALS[i % 3], OFFICIALS[(i + 1) % 3]
    a_title = a_title[0].upper() + a_title[1:]
    text = (
        f"{PLACES[i % 4]}, {1 + i % 27} mars 2023 - {a_title}, {a}, a reçu "
        f"mardi {b_title}, {b}, pour un entretien sur la coopération régionale. "
        f"Les deux responsables ont signé un mémorandum d'entente numéro {i}."
    )
    return {"id": f"art{i:03d}", "text": text, "pub_date": None if i % 5 else "2023-03-20"}


def write_jsonl(path: Path, lines: list) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for line in lines:
            f.write(
                (line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n"
            )
    return path


def read_records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@Language.component("explode_on_boum")
def explode_on_boum(doc):
    if "BOUM" in doc.text:
        raise RuntimeError("component exploded")
    return doc


@pytest.fixture(scope="module")
def blank_nlp():
    """A model-free French pipeline, enough for order and error handling."""
    return spacy.blank("fr")


# --------------------------------------------------------------------------- order, errors


def test_records_come_out_in_input_order_with_error_records_in_place(blank_nlp, tmp_path):
    lines = [article(0), "{pas du json", article(1), {"id": "sans-texte"}, article(2)]
    src = write_jsonl(tmp_path / "in.jsonl", lines)
    (tmp_path / "z.txt").write_text("Le roi a reçu l'ambassadeur.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    stats = run_extract([src, tmp_path / "z.txt"], out, nlp=blank_nlp, batch_size=2)
    records = read_records(out)
    assert [r["id"] for r in records] == ["art000", "in:2", "art001", "sans-texte", "art002", "z"]
    assert ["error" in r for r in records] == [False, True, False, True, False, False]
    assert (stats.documents, stats.errors) == (4, 2)


def test_a_failing_component_gives_an_error_record_and_the_run_goes_on(tmp_path):
    nlp = spacy.blank("fr")
    nlp.add_pipe("explode_on_boum")
    docs = [InputDocument(str(i), t, None, f"s{i}") for i, t in enumerate(["a", "BOUM", "c"])]
    records = list(extract_records(docs, nlp, batch_size=1))
    assert [r["id"] for r in records] == ["0", "1", "2"]
    assert "component exploded" in records[1]["error"] and "error" not in records[2]
    with pytest.raises(RuntimeError):  # the pipeline's own error handling is restored
        nlp("BOUM")


def test_errors_file_gets_a_copy_of_error_records(blank_nlp, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [article(0), "[]", article(1)])
    run_extract([src], tmp_path / "out.jsonl", errors_path=tmp_path / "err.jsonl", nlp=blank_nlp)
    (error,) = read_records(tmp_path / "err.jsonl")
    assert error["id"] == "in:2" and "expected a JSON object" in error["error"]


def test_progress_lines_when_stderr_is_not_a_terminal(blank_nlp, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("diplo_ner.batch.PROGRESS_EVERY_SECONDS", 0.0)
    assert PROGRESS_EVERY_SECONDS > 0
    src = write_jsonl(tmp_path / "in.jsonl", [article(i) for i in range(3)])
    stats = run_extract([src], tmp_path / "out.jsonl", nlp=blank_nlp)
    err = capsys.readouterr().err
    assert "diplo-ner: 3 documents (0 errors)" in err
    assert "documents: 3 processed, 0 errors" in stats.render()


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_with_total_on_a_terminal(blank_nlp, tmp_path, monkeypatch):
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    src = write_jsonl(tmp_path / "in.jsonl", [article(i) for i in range(3)] + ["{cassé"])
    (tmp_path / "b.txt").write_text("Le roi a reçu l'ambassadeur.", encoding="utf-8")
    run_extract([src, tmp_path / "b.txt"], tmp_path / "out.jsonl", nlp=blank_nlp)
    assert "5/5" in terminal.getvalue() and "errors=1" in terminal.getvalue()


# --------------------------------------------------------------------------- real pipeline


def test_html_page_date_is_used_unless_the_caller_gives_one(nlp, tmp_path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    run_extract([tmp_path / "page.html"], tmp_path / "a.jsonl", nlp=nlp)
    (record,) = read_records(tmp_path / "a.jsonl")
    assert record["id"] == "page" and record["pub_date"] == "2022-05-09"
    assert "Accueil" not in json.dumps(record)  # trafilatura kept the article only
    meets = [t for t in record["triples"] if t["event_type"] == "MEET"]
    assert meets and meets[0]["date"] == "2022-05-09"  # "lundi" read against the page's date
    run_extract(
        [tmp_path / "page.html"], tmp_path / "b.jsonl", nlp=nlp, pub_date=dt.date(2022, 5, 12)
    )
    (record,) = read_records(tmp_path / "b.jsonl")
    assert record["pub_date"] == "2022-05-12"


def test_two_workers_give_the_same_records_as_one(nlp, tmp_path):
    items = [InputDocument(a["id"], a["text"], None, "t") for a in map(article, range(8))]
    one = list(extract_records(items, nlp, batch_size=2, workers=1))
    two = list(extract_records(items, nlp, batch_size=2, workers=2))
    assert [r["id"] for r in two] == [a.id for a in items]
    assert any(r["triples"] for r in one)
    assert two == one


def test_killed_run_resumed_gives_the_uninterrupted_file(nlp, tmp_path, caplog):
    src = write_jsonl(tmp_path / "in.jsonl", [article(i) for i in range(30)] + ["{cassé"])
    reference = tmp_path / "reference.jsonl"
    run_extract([src], reference, nlp=nlp, batch_size=2, progress=False)
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "diplo_ner", "extract", str(src), "-o", str(out)]
    proc = subprocess.Popen(command + ["--batch-size", "2"], cwd=ROOT, stderr=subprocess.DEVNULL)
    try:
        _wait_for_lines(out, 3, proc)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    done = out.read_bytes()
    assert 3 <= done.count(b"\n") < 31, "the run was not killed midway"
    with open(out, "ab") as f:  # as if killed in the middle of a write
        f.write(b'{"id": "art0')
    stats = run_extract([src], out, nlp=nlp, resume=True, batch_size=3, progress=False)
    assert stats.skipped == done.count(b"\n")
    assert "cutting off a partial last line" in caplog.text
    assert out.read_bytes().startswith(done)
    assert out.read_text(encoding="utf-8") == reference.read_text(encoding="utf-8")


def _wait_for_lines(path: Path, count: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if path.exists() and path.read_bytes().count(b"\n") >= count:
            return
        time.sleep(0.05)
    raise AssertionError(f"no {count} records in {path} (exit status {proc.poll()})")


def test_resume_builds_the_graph_from_all_records(nlp, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [article(i) for i in range(4)])
    out, graph = tmp_path / "out.jsonl", tmp_path / "g.graphml"
    write_jsonl(out, read_records_of(nlp, src)[:2])
    stats = run_extract([src], out, graph_path=graph, resume=True, nlp=nlp)
    assert (stats.skipped, stats.documents) == (2, 2)
    sources = {s["doc_id"] for e in events(read_graphml(graph)) for s in e["sources"]}
    assert sources == {"art000", "art001", "art002", "art003"}


def read_records_of(nlp, src: Path) -> list[dict]:
    return list(extract_records(iter_documents([src]), nlp))


# --------------------------------------------------------------------------- stopping a run


@pytest.fixture(scope="module")
def sixty(tmp_path_factory) -> tuple[Path, Path]:
    """60 documents and the file an uninterrupted run of the slow command line gives."""
    folder = tmp_path_factory.mktemp("sixty")
    src = write_jsonl(folder / "in.jsonl", [article(i) for i in range(60)])
    reference = folder / "reference.jsonl"
    subprocess.run(SLOW_CLI + [str(src), "-o", str(reference), "--no-summary"], check=True)
    return src, reference


STOPS = [
    pytest.param(signal.SIGINT, True, 2, id="ctrl-c-2-workers"),
    pytest.param(signal.SIGINT, True, 1, id="ctrl-c-1-worker"),
    pytest.param(signal.SIGINT, False, 2, id="sigint-to-main-2-workers"),
    pytest.param(signal.SIGTERM, False, 2, id="sigterm-2-workers"),
]


@pytest.mark.parametrize(("signum", "to_group", "workers"), STOPS)
def test_a_signal_stops_the_run_and_its_workers_and_resume_completes_it(
    sixty, tmp_path, signum, to_group, workers
):
    src, reference = sixty
    out = tmp_path / "out.jsonl"
    args = [str(src), "-o", str(out), "--batch-size", "2", "--workers", str(workers)]
    env = {**os.environ, "DIPLO_TEST_SLEEP": "0.1"}
    status, err, children = stop_midway(SLOW_CLI + args, out, signum, to_group, env=env)
    assert len(children) == (workers if workers > 1 else 0)
    assert status == 128 + signum
    written = out.read_bytes()
    done = written.count(b"\n")
    assert err.splitlines() == [
        f"diplo-ner: interrupted after {done} documents; run again with --resume"
    ]
    assert written.endswith(b"\n") and 4 <= done < 60
    assert all(json.loads(line) for line in written.splitlines())
    subprocess.run(SLOW_CLI + args + ["--resume", "--no-summary"], check=True)
    assert out.read_bytes() == reference.read_bytes()


def stop_midway(
    command: list[str], out: Path, signum: int, to_group: bool, env: dict | None = None
) -> tuple[int, str, list[psutil.Process]]:
    """Start ``command`` in its own process group, send it ``signum`` once ``out`` has 4
    lines (to the whole group, as Ctrl-C in a terminal does, when ``to_group``); assert it
    exits within 5 s and leaves no child process behind. Returns its exit status, its
    stderr and the children it had."""
    err = out.with_suffix(".stderr")
    with open(err, "wb") as stderr:
        proc = subprocess.Popen(command, env=env, stderr=stderr, start_new_session=True)
    try:
        _wait_for_lines(out, 4, proc)
        children = psutil.Process(proc.pid).children(recursive=True)
        started = time.monotonic()
        if to_group:
            os.killpg(proc.pid, signum)
        else:
            proc.send_signal(signum)
        status = proc.wait(timeout=5)
        assert time.monotonic() - started < 5
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    _, alive = psutil.wait_procs(children, timeout=1)
    assert not [p for p in alive if _status(p) != psutil.STATUS_ZOMBIE], "a worker outlived it"
    return status, err.read_text(encoding="utf-8"), children


def _status(process: psutil.Process) -> str:
    try:
        return process.status()  # a zombie is dead, waiting for init (a container's may not)
    except psutil.NoSuchProcess:
        return psutil.STATUS_DEAD


def test_workers_die_with_a_main_process_killed_by_sigkill(sixty, tmp_path):
    src, _ = sixty
    out = tmp_path / "out.jsonl"
    command = SLOW_CLI + [str(src), "-o", str(out), "--workers", "2", "--batch-size", "2"]
    env = {**os.environ, "DIPLO_TEST_SLEEP": "0.1"}
    status, _, children = stop_midway(command, out, signal.SIGKILL, to_group=False, env=env)
    assert status == -signal.SIGKILL and len(children) == 2


def test_a_worker_that_dies_ends_the_run_with_a_message_instead_of_a_hang(sixty, tmp_path):
    src, _ = sixty
    out, err = tmp_path / "out.jsonl", tmp_path / "err.txt"
    command = SLOW_CLI + [str(src), "-o", str(out), "--workers", "2", "--batch-size", "2"]
    env = {**os.environ, "DIPLO_TEST_SLEEP": "0.1"}
    with open(err, "wb") as stderr:
        proc = subprocess.Popen(command, env=env, stderr=stderr, start_new_session=True)
    try:
        _wait_for_lines(out, 4, proc)
        first, second = psutil.Process(proc.pid).children()
        first.kill()  # as the out-of-memory killer would
        status = proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert status == 2 and not second.is_running()
    assert "a worker process stopped unexpectedly (exit status -9)" in err.read_text()


def test_ctrl_c_stops_two_workers_of_the_real_pipeline(nlp, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [article(i) for i in range(60)])
    reference, out = tmp_path / "reference.jsonl", tmp_path / "out.jsonl"
    run_extract([src], reference, nlp=nlp, progress=False)
    command = [sys.executable, "-m", "diplo_ner", "extract", str(src), "-o", str(out)]
    command += ["--workers", "2", "--batch-size", "2"]
    status, err, children = stop_midway(command, out, signal.SIGINT, to_group=True)
    assert status == 130 and len(children) == 2
    assert err.startswith("diplo-ner: interrupted after ") and len(err.splitlines()) == 1
    run_extract([src], out, nlp=nlp, resume=True, batch_size=3, progress=False)
    assert out.read_bytes() == reference.read_bytes()


# --------------------------------------------------------------------------- every input


@pytest.mark.parametrize("workers", [1, 2])
def test_a_document_past_its_time_limit_gets_an_error_record_and_the_run_goes_on(workers):
    nlp = slow_pipeline()
    texts = ["Un.", f"Deux {STALL}.", "Trois.", "Quatre.", "Cinq."]
    docs = [InputDocument(str(i), t, None, f"s{i}") for i, t in enumerate(texts)]
    started = time.monotonic()
    records = list(extract_records(docs, nlp, batch_size=2, workers=workers, doc_timeout=0.5))
    assert time.monotonic() - started < 10
    assert [r["id"] for r in records] == ["0", "1", "2", "3", "4"]
    assert records[1]["error"] == "s1: took longer than its time limit of 0.5 s (--doc-timeout)"
    assert not any("error" in r for r in records[:1] + records[2:])


def test_every_file_is_a_record_an_error_or_a_skipped_file(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Le roi a reçu l'ambassadeur.", encoding="utf-8")
    (folder / "b.txt").write_text(f"Un texte {STALL}.", encoding="utf-8")
    (folder / "c.txt").write_text(" \n ", encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n")
    (folder / "notes.docx").write_bytes(b"PK")
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    command = SLOW_CLI + [str(folder), "-o", str(out), "--errors", str(errors)]
    result = subprocess.run(
        command + ["--workers", "2", "--doc-timeout", "0.5"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    records = read_records(out)
    assert [r["id"] for r in records] == ["a", "b", "c"]
    assert "time limit of 0.5 s" in records[1]["error"]
    assert records[2]["entities"] == [] and records[2]["warnings"] == ["empty document"]
    assert "warnings" not in records[0]
    listed = read_records(errors)
    assert [r["id"] for r in listed] == [str(folder / "notes.docx"), str(folder / "photo.png"), "b"]
    assert listed[0]["skipped"] == listed[1]["skipped"] == "unsupported file type"
    assert "files: 2 skipped, unsupported file type (.docx 1, .png 1)" in result.stderr
    named = [str(folder / "a.txt"), str(folder / "photo.png")]
    unsupported: list[Path] = []
    assert len(expand_inputs([*named, folder], unsupported=unsupported)) == 4
    assert unsupported == [folder / "notes.docx"]  # a file named is read, not skipped
    subprocess.run(command + ["--resume"], check=True, capture_output=True)
    assert read_records(errors) == listed  # a resumed run does not list them twice


# --------------------------------------------------------------------------- command line


def test_missing_input_exits_2_with_a_message(tmp_path):
    result = CliRunner().invoke(
        app, ["extract", str(tmp_path / "absent"), "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_unwritable_output_exits_2_with_a_message(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [article(0)])
    (tmp_path / "file").write_text("", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["extract", str(src), "-o", str(tmp_path / "file" / "o.jsonl")]
    )
    assert result.exit_code == 2
    assert "cannot write" in result.output


def test_bad_pub_date_exits_2(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [article(0)])
    result = CliRunner().invoke(app, ["extract", str(src), "--pub-date", "20/03/2023"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


# --------------------------------------------------------------------------- Dask


def test_local_dask_cluster_gives_the_records_of_one_process(nlp, tmp_path, monkeypatch):
    pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")
    import dask.bag as db

    from diplo_ner.distributed import extract_bag, write_partitioned

    docs = [article(i) for i in range(6)]
    src = write_jsonl(tmp_path / "in.jsonl", docs[:3] + ["{cassé"] + docs[3:])
    run_extract([src], tmp_path / "local.jsonl", nlp=nlp, progress=False)
    expected = read_records(tmp_path / "local.jsonl")
    monkeypatch.setattr("diplo_ner.batch.CLUSTER_CHUNK", 2)  # several tasks, in order
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        out = tmp_path / "cluster.jsonl"
        run_extract([src], out, scheduler=cluster.scheduler_address, progress=False)
        with distributed.Client(cluster) as client:
            bag = db.from_sequence(docs, npartitions=3)
            files = write_partitioned(extract_bag(bag), tmp_path / "parts")
            loads = client.run(_pipeline_loads)
    assert read_records(out) == expected
    assert len(files) == 3
    partitioned = [r for f in sorted(files) for r in read_records(Path(f))]
    assert partitioned == [r for r in expected if "error" not in r]
    assert sorted(loads.values()) == [1, 1]  # one pipeline per worker, reused by every task


def _pipeline_loads() -> int:
    from diplo_ner.distributed import _load_pipeline

    return _load_pipeline.cache_info().misses


def test_a_signal_stops_the_dask_client_and_leaves_the_cluster_running(tmp_path):
    pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")
    src = write_jsonl(tmp_path / "in.jsonl", [article(i) for i in range(400)])
    reference = tmp_path / "reference.jsonl"
    subprocess.run(SLOW_CLI + [str(src), "-o", str(reference), "--no-summary"], check=True)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        client.run(_use_slow_pipeline)  # before the command line's client preloads it
        out = tmp_path / "out.jsonl"
        command = [sys.executable, "-m", "diplo_ner", "extract", str(src), "-o", str(out)]
        command += ["--scheduler", cluster.scheduler_address]
        status, err, _ = stop_midway(command, out, signal.SIGINT, to_group=False)
        assert status == 130, err
        assert err.startswith("diplo-ner: interrupted after ") and len(err.splitlines()) == 1
        assert len(client.scheduler_info()["workers"]) == 2  # the cluster is still there
        subprocess.run(command + ["--resume", "--no-summary"], check=True)
        assert out.read_bytes() == reference.read_bytes()


def _use_slow_pipeline() -> None:
    from diplo_ner import distributed

    distributed._load_pipeline = lambda: slow_pipeline(0.01)
