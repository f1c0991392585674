"""Progress of a long index build: a Rich bar on a terminal's stderr, one line otherwise."""


# No ``from __future__ import annotations``: Typer reads these signatures on every run, and
# string annotations would make it compile and evaluate each one again.

import sys
import time
from collections.abc import Callable
from typing import Any

from briefcli import output

#: A refresh that takes longer than this shows its progress.
PROGRESS_AFTER = 1.0


class Progress:
    """Progress of a long index refresh: quiet for the first second, then a bar (terminal) or
    one line saying what is happening (stderr not a terminal)."""

    def __init__(
        self,
        enabled: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
        show: Callable[[str | None], None] | None = None,
        say: Callable[[str], None] = output.note,
    ) -> None:
        self.terminal = output.is_terminal(sys.stderr) if enabled is None else enabled
        self.clock = clock
        #: Given (tests): the bar is this text callback instead of Rich's bar.
        self.show = show
        self.say = say
        self.started = clock()
        self.shown = False
        self.said = False
        self.bar: Any = None
        self.task: Any = None

    def __call__(self, done: int, total: int) -> None:
        """Called after each file the index re-reads."""
        if done >= total:
            self.finish()
            return
        if self.clock() - self.started < PROGRESS_AFTER:
            return
        if not self.terminal:
            if not self.said:
                self.said = True
                self.say(
                    f"building the search index: {total:,} briefs to read, {done:,} read so far "
                    "(an interrupted build goes on where it stopped)"
                )
            return
        if self.show is not None:
            self.show(f"brief: indexing briefs: {done:,}/{total:,}")
            self.shown = True
            return
        if self.bar is None:
            self._start(total)
        self.bar.update(self.task, completed=done, total=total)

    def _start(self, total: int) -> None:
        # Rich's progress machinery is imported only when a build is this long.
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TimeRemainingColumn
        from rich.progress import Progress as Bar

        self.bar = Bar(
            "brief: indexing briefs",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.bar.start()
        self.task = self.bar.add_task("index", total=total)

    def finish(self) -> None:
        """Clear the progress bar or line, if one is showing."""
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
        if self.shown and self.show is not None:
            self.show(None)
            self.shown = False
