"""Exceptions of the import pipeline (all derive from :class:`ImportFileError`)."""


class ImportFileError(Exception):
    """The file as a whole cannot be imported: unreadable, wrong encoding, a required column missing.

    ``line`` (1-based, as a spreadsheet shows it) and ``field`` (the column) are set when known.
    """

    def __init__(self, message, *, line=None, field=""):
        super().__init__(message)
        self.message = message
        self.line = line
        self.field = field
