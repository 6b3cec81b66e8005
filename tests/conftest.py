"""Shared fixtures: the full pipeline is loaded once per test session."""

from __future__ import annotations

import pytest

import diplo_ner


@pytest.fixture(scope="session")
def nlp():
    return diplo_ner.load()


@pytest.fixture(scope="session")
def extract(nlp):
    """``extract(text, pub_date=None)`` → Result, with the session pipeline."""

    def run(text: str, pub_date: str | None = None):
        return diplo_ner.extract(text, pub_date=pub_date, nlp=nlp)

    return run


def triples_of(result) -> set[tuple[str, str, str]]:
    """(actor, event_type, counterpart) of a result; symmetric types in sorted order."""
    out = set()
    for t in result.triples:
        a, c = t.actor, t.counterpart
        if t.symmetric:
            a, c = sorted((a, c))
        out.add((a, t.event_type, c))
    return out
