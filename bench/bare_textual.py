"""A bare Textual app that shows one static text: the floor for `brief browse`'s first paint."""

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.widgets import Static


class Bare(App[None]):
    """One line of text; q quits, as in `brief browse`."""

    BINDINGS: ClassVar[list[BindingType]] = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        """The one widget."""
        yield Static("hello from a bare Textual app")


if __name__ == "__main__":
    Bare().run()
