"""The Typer application, its shared options, and the one path from a view to stdout."""

from __future__ import annotations

import importlib
import inspect
import os
from collections.abc import Callable, Iterator, MutableMapping
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, TypeVar

import typer
import typer.main
from typer.core import TyperGroup

from briefcli import options
from briefcli.errors import UsageError
from briefcli.formats import VIEW_FORMATS

if TYPE_CHECKING:
    # Typer vendors Click and does not export the Command class.
    from typer._click import Command, Context

    from briefcli import output
    from briefcli.catalog import Choice
    from briefcli.model import Brief
    from briefcli.views import View

R = TypeVar("R")

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
    "config": "briefcli.commands.config",
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

    def _main_shell_completion(
        self, ctx_args: MutableMapping[str, Any], prog_name: str, complete_var: str | None = None
    ) -> None:
        """Answer a completion request as :mod:`briefcli.completion` writes answers."""
        if complete_var is None or os.environ.get(complete_var):
            from typer._click.shell_completion import add_completion_class

            from briefcli.completion import typer_classes

            for shell, complete in typer_classes().items():
                add_completion_class(complete, shell)
        super()._main_shell_completion(ctx_args, prog_name, complete_var)

    def get_help_option(self, ctx: Context) -> Any:
        """The ``--help`` option, which writes through :mod:`briefcli.output` (see
        :func:`_help_through_output`)."""
        return _help_through_output(super().get_help_option(ctx))


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
            command = typer.main.get_command_from_info(
                info,
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
            )
            if command.help and not command.short_help:
                # The whole first paragraph: Click would cut it at 45 characters ("...").
                command.short_help = " ".join(command.help.split("\n\n")[0].split())
            _plain_usage(command)
            _own_help(command)
            return command
    raise LookupError(f"{COMMAND_MODULES[name]} registers no command {name!r}")


def _help_through_output(option: Any) -> Any:
    """``option`` (Click's ``--help``) made to print the help with :func:`briefcli.output.emit`.

    Click's own printer gives up without a word when stdout is closed (exit 0, no help), and
    a full disk or a file size limit became an internal error (exit 70): here they are the
    one error every other output gives (exit 2).
    """
    if option is not None:
        option.callback = _show_help
    return option


def _own_help(command: Command) -> None:
    """Give ``command`` the ``--help`` of :func:`_help_through_output`."""
    clicks = command.get_help_option
    setattr(command, "get_help_option", lambda ctx: _help_through_output(clicks(ctx)))  # noqa: B010


def _show_help(ctx: typer.Context, _param: Any, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from briefcli import output

        output.emit(ctx.get_help() + "\n")
        ctx.exit()


def _plain_usage(command: Command) -> None:
    """Name a required argument in the usage line as its help does: ``SECTION``, not Typer's
    ``{SECTION}`` (a brace is set notation, or a shell's brace expansion, to a reader)."""
    for param in command.params:
        if param.param_type_name == "argument" and param.required and param.metavar:
            setattr(param, "make_metavar", _always(param.metavar))  # noqa: B010


def _always(metavar: str) -> Callable[..., str]:
    return lambda *_args, **_settings: metavar


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


class Common(NamedTuple):
    """The shared options as one command sees them: its own, else those given before its name."""

    brief: str | None = None
    color: str | None = None
    format: str | None = None
    width: int | None = None
    no_pager: bool = False


def section_argument(help: str, *, optional: bool = False) -> Any:
    """The SECTION argument, the same in every command that takes one (show, read, cite, browse):
    one name, completion of the brief's section ids; ``help`` says what the section is for."""
    from briefcli import completion

    return typer.Argument(
        metavar="[SECTION]" if optional else "SECTION",
        help=help,
        show_default=False,
        autocompletion=completion.complete_sections,
    )


def option(spec: options.Option, help: str | None = None, **settings: Any) -> Any:
    """The Typer option for ``spec`` (see :mod:`briefcli.options`), for use in ``Annotated``.

    ``help`` replaces the table's where one command says more; ``settings`` go to Typer
    (``choices`` narrows the table's choices).
    """
    choices = settings.pop("choices", spec.choices)
    if choices is not None:
        from typer._types import TyperChoice  # Typer's own choice type, as for an Enum

        settings["click_type"] = TyperChoice(choices)
        settings["metavar"] = "|".join(choices)
    elif spec.metavar is not None:
        settings["metavar"] = spec.metavar
    if spec.bounds is not None:
        settings["parser"] = _whole_number(spec)
    if spec.completes is not None:
        from briefcli import completion

        settings["autocompletion"] = completion.COMPLETERS[spec.completes]
    return typer.Option(*spec.flags, help=help or spec.help, show_default=False, **settings)


def _whole_number(spec: options.Option) -> Callable[[str | int], int]:
    """A parser of ``spec``'s whole numbers (:meth:`briefcli.options.Option.whole_number`)."""

    def parse(text: str | int) -> int:
        try:
            return spec.whole_number(str(text))
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None

    return parse


#: The Python type of each shared option's value (what Typer converts it to).
_SHARED_TYPES: dict[str, Any] = {
    "brief": str | None,
    "color": str | None,
    "format": str | None,
    "width": int | None,
    "no_pager": bool,
}


def _shared_parameters(command: str) -> list[inspect.Parameter]:
    """The shared options ``command`` takes, as keyword parameters Typer reads."""
    parameters = []
    for spec in options.SHARED:
        if spec.name not in options.TAKES[command]:
            continue
        if spec is options.FORMAT:
            declared = option(spec, options.format_help(command), choices=options.formats(command))
        else:
            declared = option(spec)
        kind = _SHARED_TYPES[spec.name]
        parameters.append(
            inspect.Parameter(
                spec.name,
                inspect.Parameter.KEYWORD_ONLY,
                default=False if kind is bool else None,
                annotation=Annotated[kind, declared],
            )
        )
    return parameters


def shared_options(command: str) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """Give a command the shared options it takes (:data:`briefcli.options.TAKES`), once.

    The decorated function declares a ``common: Common`` parameter instead of the options;
    it receives them merged with those given before the command name, and a shared option
    given there that this command cannot use is refused (exit 2) rather than ignored.
    """

    def decorate(function: Callable[..., R]) -> Callable[..., R]:
        signature = inspect.signature(function)
        own = [p for p in signature.parameters.values() if p.name != "common"]
        wants_context = any(p.name == "ctx" for p in own)
        context = inspect.Parameter(
            "ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context
        )
        shared = _shared_parameters(command)
        names = [p.name for p in shared]

        def with_common(**values: Any) -> R:
            ctx = values["ctx"] if wants_context else values.pop("ctx")
            given = Common(**{name: values.pop(name) for name in names})
            return function(**values, common=_merge(ctx, command, given))

        parameters = ([] if wants_context else [context]) + own + shared
        with_common.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
        with_common.__annotations__ = {p.name: p.annotation for p in parameters}
        for attribute in ("__name__", "__qualname__", "__doc__", "__module__"):
            setattr(with_common, attribute, getattr(function, attribute))
        return with_common

    return decorate


def _merge(ctx: typer.Context, command: str, given: Common) -> Common:
    """``given``, with the values given before the command name where it has none; checked."""
    root = ctx.find_root()
    if ctx is root:
        root.obj = given
        if ctx.invoked_subcommand is not None:
            return given
        command, merged = "", given
        allowed: tuple[str, ...] = VIEW_FORMATS  # html is for 'brief export' only
    else:
        parent = root.obj if isinstance(root.obj, Common) else Common()
        takes = options.TAKES[command]
        for spec in options.SHARED:
            value = getattr(parent, spec.name)
            if spec.name not in takes and value not in (None, False):
                raise UsageError(
                    f"'brief {command}' does not take {spec.flags[0]}",
                    f"run 'brief {command} --help' for its options",
                )
        # ``is not None``, not ``or``: an empty --brief after the command is an empty
        # --brief (refused by choose), never a silent fall-back to the one before it.
        merged = given._replace(
            brief=given.brief if given.brief is not None else parent.brief,
            color=given.color if given.color is not None else parent.color,
            format=given.format if given.format is not None else parent.format,
            width=given.width if given.width is not None else parent.width,
            no_pager=given.no_pager or parent.no_pager,
        )
        allowed = options.formats(command)
    if merged.format is not None and merged.format not in allowed:
        name = f"'brief {command}'" if command else "'brief' with no command"
        raise UsageError(
            f"{name} cannot write {merged.format}: its formats are {', '.join(allowed)}",
            "only 'brief export' writes html" if merged.format == "html" else None,
        )
    return merged


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
    """Read and validate a brief file: on a cache miss only, so a hit never imports the loader.

    A report given where a brief belongs (``-b notes.md``) fails with a hint to import it.
    """
    from briefcli.errors import BriefFileError
    from briefcli.loader import load_brief

    try:
        return load_brief(path)
    except BriefFileError as exc:
        if exc.hint is None:
            from briefcli.checks import report_hint

            exc.hint = report_hint(path, exc.detail)
        raise


def load(common: Common) -> Brief:
    """The brief the user asked for (see :func:`choose`)."""
    return load_chosen(common)[1]


def present(view: View, common: Common) -> None:
    """Render ``view`` in the format asked for and write it: the last step of every command."""
    from briefcli import output
    from briefcli.views import LibraryView  # loaded already: the command made the view

    wide = isinstance(view, LibraryView)  # a table of the library, not prose to read
    settings = output.decide(common.color, common.width, pager=not common.no_pager, wide=wide)
    json = common.format in output.JSON_FORMATS
    output.emit(render(view, common.format, settings), settings, json=json)


def render(view: View, fmt: str | None, settings: output.OutputSettings) -> str:
    """The finished text of ``view``: in ``fmt``, else typeset when styled, else plain text.

    ``fmt`` is one of :data:`briefcli.formats.EXPORT_FORMATS` (html: export only). Markdown,
    JSON, YAML and HTML are never wrapped or coloured; explicit ``text`` is plain even on a
    terminal.
    """
    if fmt == "json":
        from briefcli.render import data

        return data.to_json(view)  # (output.emit escapes what stdout cannot carry)
    if fmt == "yaml":
        from briefcli import output
        from briefcli.render import data

        dumped = data.to_yaml(view)
        # A stdout that cannot carry a character gets YAML's own escapes, not stand-ins that
        # would change the report's text ('—' as '--').
        return dumped if output.stdout_carries(dumped) else data.to_yaml(view, ascii_only=True)
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
