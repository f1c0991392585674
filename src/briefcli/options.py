"""brief's options, declared once: names, value, choices and help, and which command takes which.

The Typer commands are declared from this table (:func:`briefcli.app.option` and
:func:`briefcli.app.shared_options`), shell completion walks a command line with it, and a
test checks the README's list of options against it. This module imports only
:mod:`briefcli.formats` (completion reads it before anything else is loaded).
"""

# No ``from __future__ import annotations``: one import fewer on completion's path.
from briefcli.formats import (
    CHECK_FORMATS,
    CITE_FORMATS,
    COLOR_CHOICES,
    EXPORT_FORMATS,
    VIEW_FORMATS,
)


class Option:
    """One option: its parameter name, its spellings, the value it takes and its help.

    An option with neither ``metavar`` nor ``choices`` is a flag (it takes no value).
    ``bounds`` limits a whole number, and ``zero``, when set, says what 0 means where 0 is
    allowed below the bounds (``--width 0``: never wrap); ``completes`` names what its values
    are (``brief``, ``section``) for shell completion.
    """

    __slots__ = ("bounds", "choices", "completes", "flags", "help", "metavar", "name", "zero")

    def __init__(
        self,
        name: str,
        *flags: str,
        help: str,
        metavar: str | None = None,
        choices: tuple[str, ...] | None = None,
        bounds: tuple[int, int] | None = None,
        zero: str | None = None,
        completes: str | None = None,
    ) -> None:
        self.name = name
        self.flags = flags
        self.help = help
        self.metavar = metavar
        self.choices = choices
        self.bounds = bounds
        self.zero = zero
        self.completes = completes

    @property
    def takes_value(self) -> bool:
        """Whether the next word (or the part after ``=``) is this option's value."""
        return self.metavar is not None or self.choices is not None

    def whole_number(self, text: str) -> int:
        """``text`` as this option's whole number; ValueError saying why not, in a few words.

        Never converts unbounded text: a 4,000-digit number is refused by its length.
        """
        assert self.bounds is not None
        low, high = self.bounds
        digits = text.strip()
        shown = digits if len(digits) <= 40 else digits[:39] + "…"
        if not (digits.isascii() and digits.isdigit()):
            raise ValueError(f"'{shown}' is not a whole number")
        significant = digits.lstrip("0") or "0"
        if len(significant) > len(str(high)) or int(significant) > high:
            raise ValueError(f"'{shown}' is too large: at most {high:,}")
        number = int(significant)
        if number == 0 and self.zero is not None:
            return 0
        if number < low:
            also = f", or 0 to {self.zero}" if self.zero is not None else ""
            raise ValueError(f"'{shown}' is too small: at least {low:,}{also}")
        return number


# -- the shared options: every command that can use one takes it, before or after its name -------

BRIEF = Option(
    "brief",
    "--brief",
    "-b",
    metavar="ID|PATH",
    help="Brief to read: an id, a unique id prefix or title fragment, or a file "
    "(default: $BRIEF, else 'brief use', else the shipped report).",
    completes="brief",
)
COLOR = Option(
    "color", "--color", choices=COLOR_CHOICES, help="Colour: auto (terminal only), always or never."
)
FORMAT = Option(
    "format",
    "--format",
    "-f",
    choices=VIEW_FORMATS,
    help="default: typeset on a terminal, text when piped",
)
#: Wider than any screen, narrower than what would take memory to lay out.
MAX_WIDTH = 10_000
#: Narrower than this, lines hold a word or two and long words break into letters.
MIN_WIDTH = 20
WIDTH = Option(
    "width",
    "--width",
    "-w",
    metavar="N",
    bounds=(MIN_WIDTH, MAX_WIDTH),
    zero="never wrap",
    help=f"Wrap lines at N columns: {MIN_WIDTH} to {MAX_WIDTH:,}, or 0 never to wrap. Default: "
    "no wraps in a pipe; on a terminal $BRIEF_WIDTH, else the config file's width, else 80.",
)
NO_PAGER = Option("no_pager", "--no-pager", help="Never send long output through a pager.")

#: The shared options, in the order ``--help`` lists them.
SHARED = (BRIEF, COLOR, FORMAT, WIDTH, NO_PAGER)
_ALL = tuple(option.name for option in SHARED)

#: The shared options each command takes ("" is ``brief`` itself, before any command name).
#: A shared option given before the name of a command that does not take it is refused.
TAKES: dict[str, tuple[str, ...]] = {
    "": _ALL,
    "show": _ALL,
    "glossary": _ALL,
    "timeline": _ALL,
    "summary": _ALL,
    "export": _ALL,
    "search": _ALL,
    # Reading on from a section: typeset prose in the pager, never data.
    "read": ("brief", "color", "width", "no_pager"),
    # A reference: plain lines, BibTeX or CSL-JSON.
    "cite": ("brief", "format", "width", "no_pager"),
    # A full-screen reader: only which brief.
    "browse": ("brief",),
    # The library, not one brief.
    "list": ("color", "format", "width", "no_pager"),
    # Plain lines or JSON, never typeset, wrapped or paged: --no-pager is true of them all.
    "validate": ("format", "no_pager"),
    "schema": ("format", "no_pager"),
    "use": ("no_pager",),
    "import": ("no_pager",),
    # The settings in effect: each shared option given is shown as the setting it makes.
    "config": _ALL,
}
#: The formats of the commands that do not write the view formats ("" is ``brief`` itself,
#: before a command name: any command's format, checked once the command is known).
COMMAND_FORMATS: dict[str, tuple[str, ...]] = {
    "": (*EXPORT_FORMATS, *(f for f in CITE_FORMATS if f not in EXPORT_FORMATS)),
    "export": EXPORT_FORMATS,
    "validate": CHECK_FORMATS,
    "schema": ("json",),
    "cite": CITE_FORMATS,
}
#: What --format says where the view formats' help does not fit.
FORMAT_HELP = {
    "export": "Output format: text, markdown, json, yaml (a brief file that loads back) or html "
    "(one self-contained page). Default: from the --output name, else typeset on a terminal "
    "and text when piped.",
    "validate": "Output format: text (one line per problem) or json (for editors and CI).",
    "schema": "Output format: json (the schema is JSON; the only format).",
    "cite": "Output format: text (one paragraph), bibtex (an @misc entry) or csl-json "
    "(Zotero, pandoc).",
}


def formats(command: str) -> tuple[str, ...]:
    """The formats ``command`` writes ("" for ``brief`` itself: any command's)."""
    return COMMAND_FORMATS.get(command, VIEW_FORMATS)


def format_help(command: str) -> str:
    """What --format says in ``brief COMMAND --help``."""
    if command in FORMAT_HELP:
        return FORMAT_HELP[command]
    *first, last = VIEW_FORMATS
    listed = f"Output format: {', '.join(first)} or {last} ({FORMAT.help})"
    return listed + (
        "; html is for 'brief export', bibtex and csl-json for 'brief cite'."
        if command == ""
        else "."
    )


# -- options of one command that completion must know (the rest stay in their command) ----------

SECTION = Option(
    "section",
    "--section",
    "-s",
    metavar="SECTION",
    help="A section id: 4, 4-2, summary, conclusion.",
    completes="section",
)
#: The dates --since and --until take, as their help and errors name them.
DATE_FORMS = "YYYY, YYYY-MM, YYYY-Qn, YYYY-MM-DD or a decade YYY0s"
SINCE = Option(
    "since",
    "--since",
    metavar="DATE",
    help=f"Only events that reach this date or later: {DATE_FORMS} (1950s). An event "
    "with a span (a year, a decade, 1950/1953) counts when any of it is in range.",
)
UNTIL = Option(
    "until",
    "--until",
    metavar="DATE",
    help="Only events that begin on or before the end of this date (as --since).",
)
#: More hits than any library holds; a bigger number is a mistake.
MAX_LIMIT = 1_000_000
LIMIT = Option(
    "limit",
    "--limit",
    "-n",
    metavar="N",
    bounds=(1, MAX_LIMIT),
    help=f"Show at most N hits, best first (default 10, at most {MAX_LIMIT:,}).",
)
SORT = Option(
    "sort", "--sort", choices=("id", "date"), help="Order: id (A to Z) or date (newest first)."
)
ALL_BRIEFS = Option("all_briefs", "--all", help="Search every brief in the library.")
CLEAR = Option("clear", "--clear", help="Forget the default: back to the shipped report.")
DEPTH = Option(
    "depth",
    "--depth",
    choices=("1", "2"),
    help="Contents: 1 lists the sections, 2 their subsections too (default 2).",
)
#: More sentences or words than any summary holds; a bigger number is a mistake.
MAX_LENGTH = 1_000_000
SENTENCES = Option(
    "sentences",
    "--sentences",
    metavar="N",
    bounds=(1, MAX_LENGTH),
    help="At most N sentences (not with --words).",
)
WORDS = Option(
    "words",
    "--words",
    metavar="N",
    bounds=(1, MAX_LENGTH),
    help="At most N words, whole sentences only (not with --sentences).",
)
#: The origins of a glossary entry (as :data:`briefcli.model.ORIGINS`; this module imports
#: nothing of the model, so that completion stays light; a test keeps the two equal).
ORIGIN = Option(
    "origin",
    "--origin",
    choices=("report", "editor", "extracted"),
    help="Only terms from the report's glossary, the editor's, or found by brief in the text.",
)
QUOTE = Option("quote", "--quote", help="Add the passage itself, word for word.")
HELP = Option("help", "--help", "-h", help="Show this message and exit.")
VERSION = Option("version", "--version", help="Print brief's version and exit.")
DEBUG = Option(
    "debug",
    "--debug",
    help="On an error, show the full traceback (for bug reports); same as BRIEF_DEBUG=1.",
)

#: Every option in this table, by each of its spellings.
BY_FLAG = {
    flag: option
    for option in (
        *SHARED,
        SECTION,
        SINCE,
        UNTIL,
        LIMIT,
        SORT,
        ALL_BRIEFS,
        CLEAR,
        DEPTH,
        SENTENCES,
        WORDS,
        ORIGIN,
        QUOTE,
        HELP,
        VERSION,
        DEBUG,
    )
    for flag in option.flags
}
