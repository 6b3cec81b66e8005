"""A model-free pipeline whose one component takes its time, and the real command line on it.

``python tests/slow_pipeline.py extract ...`` is ``diplo-ner extract ...`` with
``spacy.blank("xx")`` plus ``test_sleep`` instead of the full pipeline: every document sleeps
``DIPLO_TEST_SLEEP`` seconds (default 0) and one containing STALL sleeps a minute. Tests use
it to stop a run midway or time a document out in a subprocess, in a second instead of the
model's load, without any test hook in diplo_ner itself.
"""

from __future__ import annotations

import os
import time

import spacy
from spacy.language import Language

STALL = "LENTEUR"
STALL_SECONDS = 60.0


@Language.factory("test_sleep", default_config={"seconds": 0.0})
def make_sleep(nlp: Language, name: str, seconds: float):
    def sleep(doc):
        time.sleep(STALL_SECONDS if STALL in doc.text else seconds)
        return doc

    return sleep


def slow_pipeline(seconds: float = 0.0) -> Language:
    """``spacy.blank("xx")`` with ``test_sleep`` sleeping ``seconds`` per document."""
    nlp = spacy.blank("xx")
    nlp.add_pipe("test_sleep", config={"seconds": seconds})
    return nlp


if __name__ == "__main__":
    from diplo_ner import cli, pipeline

    seconds = float(os.environ.get("DIPLO_TEST_SLEEP", "0"))
    pipeline.default_pipeline = lambda: slow_pipeline(seconds)
    cli.main()
