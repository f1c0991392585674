"""The Typer application, its shared options, and the one path from a view to stdout."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer
import typer.main
from typer.core import TyperGroup

from briefcli.completion import complete_brief_refs
from briefcli.record import Record

if TYPE_CHECKING:
    # Typer vendors Click and does not export the Command class.
    from typer._click import Command

    from briefcli import output
    from briefcli.catalog import Choice
    from briefcli.model import Brief
    from briefcli.views import View


class Color(StrEnum):
    """When to use colour."""

    auto = "auto"
    always = "always"
    never = "never"


class Format(StrEnum):
    """Output formats of the view commands (``brief export`` adds html)."""

    text = "text"
    markdown = "markdown"
    json = "json"
    yaml = "yaml"


#: The module that defines each command, in the order ``brief --help`` lists them (reading
#: first, then the library, then making briefs). Importing a
#: module registers its commands on :data:`registry`.
COMMAND_MODULES = {
    "show": "briefcli.commands.show",
    "read": "briefcli.commands.read_on",
    "glossary": "briefcli.commands.glossary",
    "timeline": "briefcli.commands.timeline",
    "summary": "briefcli.commands.summary",
    "export": "briefcli.commands.export",
    "browse": "briefcli.commands.browse",
    "cite": "briefcli.commands.cite",
    "search": "briefcli.commands.search",
    "list": "briefcli.commands.list_briefs",
    "use": "briefcli.commands.use",
    "import": "briefcli.commands.import_report",
    "validate": "briefcli.commands.validate",
    "schema": "briefcli.commands.schema",
}


class LazyGroup(TyperGroup):
    """brief's command group: it builds a command from its function only when it is used.

    Typer turns the signature of every registered command into Click parameters before it
    parses anything, a cost that grows with each command added. brief runs one command, so
    its commands are registered apart (on :data:`registry`) and this group builds just the
    one looked up; ``--help`` and completing command names still build them all.
    """

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        self.commands = LazyCommands()


class LazyCommands(MutableMapping[str, "Command"]):
    """The group's commands by name: every name is known, each command is built on first use."""

    def __init__(self) -> None:
        self._commands: dict[str, Command | None] = dict.fromkeys(COMMAND_MODULES)

    def __getitem__(self, name: str) -> Command:
        command = self._commands[name]
        if command is None:
            command = self._commands[name] = _build_command(name)
        return command

    def __setitem__(self, name: str, command: Command) -> None:
        self._commands[name] = command

    def __delitem__(self, name: str) -> None:
        del self._commands[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._commands)

    def __len__(self) -> int:
        return len(self._commands)


def _build_command(name: str) -> Command:
    """The Click command ``name``, from the function its module registered."""
    importlib.import_module(COMMAND_MODULES[name])
    for info in registry.registered_commands:
        assert info.callback is not None
        if (info.name or typer.main.get_command_name(info.callback.__name__)) == name:
            return typer.main.get_command_from_info(
                info,
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
            )
    raise LookupError(f"{COMMAND_MODULES[name]} registers no command {name!r}")


app = typer.Typer(
    name="brief",
    cls=LazyGroup,
    help=(
        "Read, query and pipe long structured reports.\n\n"
        "\b\nExamples:\n  brief                      # title and contents\n"
        "  brief show section 4\n  brief glossary 'Storm Corps'\n  brief timeline --since 2014\n"
        "  brief summary | mail -s 'NK/RU brief' team@example.org"
    ),
    add_completion=True,
    no_args_is_help=False,
    invoke_without_command=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
#: Where the command modules register their commands (``@registry.command()``); ``app``'s
#: group builds each one when it is used (see :class:`LazyGroup`).
registry = typer.Typer()

BriefOption = Annotated[
    str | None,
    typer.Option(
        "--brief",
        "-b",
        metavar="ID|PATH",
        help=(
            "Brief to read: an id, a unique id prefix or title fragment, or a file "
            "(default: $BRIEF, else 'brief use', else the shipped report)."
        ),
        autocompletion=complete_brief_refs,
    ),
]
ColorOption = Annotated[
    Color | None,
    typer.Option(
        "--color", help="Colour: auto (terminal only), always or never.", show_default=False
    ),
]
FormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format: text, markdown, json or yaml (default: typeset on a terminal, "
        "text when piped).",
        show_default=False,
    ),
]
WidthOption = Annotated[
    int | None,
    typer.Option("--width", "-w", min=0, help="Wrap lines at N columns (0: never wrap)."),
]
PagerOption = Annotated[
    bool, typer.Option("--no-pager", help="Never send long output through a pager.")
]


class Common(Record):
    """The options every view command shares; group-level values fill in what is unset."""

    brief: str | None = None
    color: Color | None = None
    format: Format | None = None
    width: int | None = None
    no_pager: bool = False

    def merged(self, ctx: typer.Context) -> Common:
        """These options, with those given before the command name as fallbacks."""
        parent = ctx.find_root().obj if isinstance(ctx.find_root().obj, Common) else Common()
        return self._replace(
            brief=self.brief or parent.brief,
            color=self.color or parent.color,
            format=self.format or parent.format,
            width=self.width if self.width is not None else parent.width,
            no_pager=self.no_pager or parent.no_pager,
        )


def choose(common: Common) -> Choice:
    """Which brief is current: --brief, else $BRIEF, else 'brief use', else the shipped one."""
    from briefcli.catalog import choose as choose_brief

    choice = choose_brief(common.brief)
    if choice.warning:
        from briefcli import output

        output.warning(choice.warning)
    return choice


def load_chosen(common: Common) -> tuple[Choice, Brief]:
    """The current brief (see :func:`choose`) and how it was chosen, loaded and validated.

    A brief read before comes from the cache (keyed by path, size and mtime): no YAML at all.
    """
    from briefcli import cache

    choice = choose(common)
    return choice, cache.load_brief(choice.path, _parse)


def _parse(path: str) -> Brief:
    """Read and validate a brief file: on a cache miss only, so a hit never imports the loader."""
    from briefcli.loader import load_brief

    return load_brief(path)


def load(common: Common) -> Brief:
    """The brief the user asked for (see :func:`choose`)."""
    return load_chosen(common)[1]


def present(view: View, common: Common) -> None:
    """Render ``view`` in the format asked for and write it: the last step of every command."""
    from briefcli import output

    settings = output.decide(
        (common.color or Color.auto).value, common.width, pager=not common.no_pager
    )
    output.emit(render(view, common.format, settings), settings)


def render(view: View, fmt: str | None, settings: output.OutputSettings) -> str:
    """The finished text of ``view``: in ``fmt``, else typeset when styled, else plain text.

    ``fmt`` is a :class:`Format` value or ``"html"`` (export only). Markdown, JSON, YAML and
    HTML are never wrapped or coloured; explicit ``text`` is plain even on a terminal.
    """
    if fmt in ("json", "yaml"):
        from briefcli.render import data

        return data.to_json(view) if fmt == "json" else data.to_yaml(view)
    from briefcli.render import document

    if fmt == "html":
        from briefcli.render import html

        return html.render(view)
    doc = document.build(view, detail=fmt == "markdown")
    if fmt == "markdown":
        from briefcli.render import markdown

        return markdown.render(doc)
    from briefcli import output

    # Below a minimum width Rich's columns would crop text: wrapped plain text loses none.
    if fmt is None and settings.styled and (settings.width or 0) >= output.MIN_TYPESET_WIDTH:
        from briefcli.render import terminal

        return output.to_ansi(terminal.render(doc), settings)
    from briefcli.render import text

    return text.render(doc, settings.width)
