"""Exceptions of the open-data loader (all derive from :class:`OpenDataError`)."""


class OpenDataError(Exception):
    """Base class of every error raised while loading the bundled open dataset."""


class RowError(OpenDataError):
    """A row of a bundled file breaks the file's rules; nothing of that step is written.

    The message names the file, the line (counting the header as line 1), the field and the value.
    """

    def __init__(self, file, line, field, value, problem):
        self.file = file
        self.line = line
        self.field = field
        self.value = value
        self.problem = problem
        super().__init__(f"{file}, line {line}, field {field!r}: {problem} (value: {value!r})")
