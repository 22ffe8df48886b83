"""Progress bars for long jobs on the command line (rich), and a no-op for code called from tests."""

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

        yield advance
