"""Progress bars for long jobs on the command line (rich), and a no-op for code called from tests."""

import threading
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


@contextmanager
def progress_bar(*, stream=None, enabled=True):
    """Yield ``advance(description, done, total)`` that draws one bar per description.

    ``stream`` is where to draw (a management command's ``self.stderr`` works); with ``enabled=False``
    the callable does nothing, so library code can always call it.
    """
    if not enabled:
        yield lambda description, done, total: None
        return
    console = Console(file=getattr(stream, "_out", stream), stderr=stream is None)
    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=console, transient=False) as progress:
        tasks = {}

        def advance(description, done, total):
            if description not in tasks:
                tasks[description] = progress.add_task(description, total=total)
            progress.update(tasks[description], completed=done, total=total)

        previous = current_progress()
        _current.advance = advance
        try:
            yield advance
        finally:
            _current.advance = previous


_current = threading.local()


def current_progress():
    """The ``advance`` callable of the progress bar drawn in this thread, or ``None``.

    Work that runs deep inside a long job without being handed its bar (the search indexing of an
    import's records when its transaction commits) draws its own line on it.
    """
    return getattr(_current, "advance", None)
