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


class Interrupted(KeyboardInterrupt):
    """A batch run stopped by Ctrl-C or a signal (``signum``) after writing ``documents``
    records; its workers are stopped, its output ends with a whole record."""

    def __init__(self, signum: int, documents: int = 0):
        super().__init__(signum, documents)
        self.signum = signum
        self.documents = documents

    @property
    def exit_status(self) -> int:
        """128 + the signal number, as a shell reports a process a signal ended: 130 for
        SIGINT, 143 for SIGTERM."""
        return 128 + self.signum
