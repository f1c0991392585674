"""Progress of a long index refresh, shown on a terminal's stderr."""


# No ``from __future__ import annotations``: Typer reads these signatures on every run, and
# string annotations would make it compile and evaluate each one again.

import sys
import time
from collections.abc import Callable

from briefcli import output

#: A refresh that takes longer than this shows its progress (on a terminal's stderr).
PROGRESS_AFTER = 1.0


class Progress:
    """Progress of a long index refresh: quiet for the first second, then 'indexing n/N'."""

    def __init__(
        self,
        enabled: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
        show: Callable[[str | None], None] = output.status,
    ) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.clock = clock
        self.show = show
        self.started = clock()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        """Called after each file the index re-reads."""
        if not self.enabled or self.clock() - self.started < PROGRESS_AFTER:
            return
        if done < total:
            self.show(f"brief: indexing briefs: {done:,}/{total:,}")
            self.shown = True
        else:
            self.finish()

    def finish(self) -> None:
        """Clear the progress line, if one is showing."""
        if self.shown:
            self.show(None)
            self.shown = False
