"""The exceptions diplo_ner raises, each with a message a user can act on."""

from __future__ import annotations


class DiploNerError(Exception):
    """Base class of every error raised by diplo_ner."""


class ResourceError(DiploNerError):
    """A packaged or user-supplied data file is missing or malformed."""


class InputError(DiploNerError):
    """A document or input file cannot be read."""


class ModelNotInstalledError(DiploNerError):
    """The base spaCy model is not installed in this environment."""


class OutputError(DiploNerError):
    """An output file (records, errors, graph) cannot be written."""
