"""Shell completion of values: section ids, glossary terms, brief ids, format names.

Typer writes the shell scripts (``brief --install-completion``, ``--show-completion``); they
run ``brief`` with ``_BRIEF_COMPLETE=complete_<shell>`` on every Tab. :func:`fast_complete`
answers value completions itself, before Typer or most of brief is imported: this module
imports only ``os`` and ``sys`` (and ``sqlite3`` to read the index). The names come from the
index in the cache folder when it is fresh for the brief in question; otherwise the library
and index modules bring it up to date (still without Typer). Anything that is not a value —
command and option names, commands or options this table does not know — is left to Typer,
whose answers come from the same functions (the ``complete_*`` callbacks at the end).

A few facts are repeated here from other modules so that they need not be imported; a test
checks each against its source: the index file name and freshness margin (search.py), the
XDG folders (paths.py), the shipped brief (paths.py), the order of choice (library.py).
"""

# No ``from __future__ import annotations``: Typer reads the signatures of the complete_*
# callbacks on every run, and string annotations would make it compile each one.

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

#: Options that take a value (so the next word is that value, not a command or argument).
VALUE_OPTIONS = frozenset(
    ("--brief", "-b", "--color", "--format", "-f", "--width", "-w", "--since", "--until",
     "--section", "-s", "--sort", "--limit", "-n", "--depth")
)  # fmt: skip
#: Options that take no value.
FLAGS = frozenset(("--no-pager", "--all", "--clear", "--help", "-h", "--quote"))
#: Choices of the options that have a fixed set (checked against the Typer app by a test).
CHOICES: dict[str, tuple[str, ...]] = {
    "--format": ("text", "markdown", "json", "yaml"),
    "-f": ("text", "markdown", "json", "yaml"),
    "--color": ("auto", "always", "never"),
    "--sort": ("id", "date"),
    "--depth": ("1", "2"),
}
#: Where one command's option has choices of its own: ``brief export`` adds html, ``brief
#: validate`` has only text and json.
COMMAND_CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("export", "--format"): ("text", "markdown", "json", "yaml", "html"),
    ("export", "-f"): ("text", "markdown", "json", "yaml", "html"),
    ("validate", "--format"): ("text", "json"),
    ("validate", "-f"): ("text", "json"),
    ("cite", "--format"): ("text", "bibtex", "csl-json"),
    ("cite", "-f"): ("text", "bibtex", "csl-json"),
}


def choices_for(command: str | None, option: str) -> tuple[str, ...] | None:
    """The fixed choices of ``option`` on ``command`` (None when it takes free values)."""
    return COMMAND_CHOICES.get((command or "", option), CHOICES.get(option))


#: What the positional words of each command are (None: nothing to complete).
ARGUMENTS: dict[str, str | None] = {
    "show": "section",
    "read": "section",
    "cite": "section",
    "glossary": "term",
    "use": "brief",
    "timeline": None,
    "summary": None,
    "export": None,
    "list": None,
    "search": None,
}
#: Options whose values are names in the current brief or the library.
VALUE_KINDS = {"--brief": "brief", "-b": "brief", "--section": "section", "-s": "section"}

#: Copied from search.py, paths.py and library.py (a test keeps them equal).
INDEX_NAME = "index.sqlite3"
RACY_NS = 2_000_000_000
DEFAULT_FILE = "default-brief"
SHIPPED_BRIEF = ("briefs", "nk-russia-troops-2025.yaml")

_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-")


class Delegate(Exception):
    """The fast path cannot answer this one; Typer will."""


def fast_complete(environ: dict[str, str] | None = None) -> int | None:
    """Answer a completion request from the environment; None to leave it to Typer."""
    environ = dict(os.environ) if environ is None else environ
    shell = environ.get("_BRIEF_COMPLETE", "").removeprefix("complete_")
    try:
        words, incomplete, raw = _request(shell, environ)
        values = candidates(words, incomplete)
    except Delegate:
        return None
    except Exception:  # a completion never shows a traceback: it offers nothing
        values = []
    return _answer(shell, values, raw, environ)


def _request(shell: str, environ: dict[str, str]) -> tuple[list[str], str, str]:
    """(complete words after the program name, the incomplete word, it as typed)."""
    if shell == "bash":
        split = split_words(environ.get("COMP_WORDS", ""))
        cword = int(environ.get("COMP_CWORD", "0"))
        words = [value for value, _ in split]
        incomplete, raw = split[cword] if cword < len(split) else ("", "")
        return words[1:cword], incomplete, raw
    if shell in ("zsh", "fish"):
        line = environ.get("_TYPER_COMPLETE_ARGS", "")
        words = [value for value, _ in split_words(line)][1:]
        if words and not line.endswith(" "):
            return words[:-1], words[-1], ""
        return words, "", ""
    if shell in ("powershell", "pwsh"):
        incomplete = environ.get("_TYPER_COMPLETE_WORD_TO_COMPLETE", "")
        words = [value for value, _ in split_words(environ.get("_TYPER_COMPLETE_ARGS", ""))]
        return (words[1:-1] if incomplete else words[1:]), incomplete, ""
    raise Delegate


def split_words(line: str) -> list[tuple[str, str]]:
    """Split a command line as a POSIX shell would: (word, word as typed) pairs.

    An unfinished quote ends the last word (as Click does for completion), so
    ``glossary "Storm C`` gives the word ``Storm C``, typed as ``"Storm C``.
    """
    out: list[tuple[str, str]] = []
    value: list[str] = []
    start: int | None = None
    quote = ""
    index = 0
    while index < len(line):
        char = line[index]
        if start is None:
            if char.isspace():
                index += 1
                continue
            start = index
        if quote == "'":
            if char == "'":
                quote = ""
            else:
                value.append(char)
        elif (
            char == "\\" and index + 1 < len(line) and (quote != '"' or line[index + 1] in '"\\$`')
        ):
            value.append(line[index + 1])
            index += 1
        elif quote == '"':
            if char == '"':
                quote = ""
            else:
                value.append(char)
        elif char in "'\"":
            quote = char
        elif char.isspace():
            out.append(("".join(value), line[start:index]))
            value, start = [], None
        else:
            value.append(char)
        index += 1
    if start is not None:
        out.append(("".join(value), line[start:]))
    return out


def candidates(words: list[str], incomplete: str) -> list[str]:
    """The values that complete ``incomplete`` after ``words``; Delegate when not a value."""
    command: str | None = None
    expecting: str | None = None
    brief_ref: str | None = None
    positional = 0
    after_dashes = False
    for word in words:
        if expecting is not None:
            if VALUE_KINDS.get(expecting) == "brief":
                brief_ref = word
            expecting = None
        elif word == "--" and not after_dashes:
            after_dashes = True
        elif word.startswith("-") and word != "-" and not after_dashes:
            name, equals, value = word.partition("=")
            attached = name[:2] if len(name) > 2 and name[1] != "-" else None
            if name in FLAGS:
                continue
            if name not in VALUE_OPTIONS and attached not in VALUE_OPTIONS:
                raise Delegate  # an option this table does not know
            option = name if name in VALUE_OPTIONS else str(attached)
            given = value if equals else (word[2:] if option != name else None)
            if given is None:
                expecting = option
            elif VALUE_KINDS.get(option) == "brief":
                brief_ref = given
        elif command is None:
            if word not in ARGUMENTS:
                raise Delegate
            command = word
        else:
            positional += 1
    if expecting is not None:
        return option_values(expecting, incomplete, brief_ref, command)
    if command is None or (incomplete.startswith("-") and not after_dashes):
        raise Delegate  # command or option names: Typer lists them
    kind = ARGUMENTS[command]
    if kind is None or (kind != "section" and positional > 0):
        raise Delegate
    return _values(kind, incomplete, brief_ref)


def option_values(
    option: str, incomplete: str, brief_ref: str | None = None, command: str | None = None
) -> list[str]:
    """Values for ``option``'s argument (on ``command``) that start with ``incomplete``."""
    choices = choices_for(command, option)
    if choices is not None:
        return [c for c in choices if c.startswith(incomplete.casefold())]
    kind = VALUE_KINDS.get(option)
    return _values(kind, incomplete, brief_ref) if kind else []


def _values(kind: str, incomplete: str, brief_ref: str | None) -> list[str]:
    if kind == "brief":
        return brief_refs(incomplete)
    sections, terms = names(brief_ref)
    return _starting_with(sections if kind == "section" else terms, incomplete)


def _starting_with(found: tuple[str, ...] | list[str], incomplete: str) -> list[str]:
    wanted = incomplete.casefold()
    return list(dict.fromkeys(n for n in found if n.casefold().startswith(wanted)))


def brief_refs(incomplete: str) -> list[str]:
    """Ids of the library's briefs; nothing for what looks like a path (the shell does files)."""
    from briefcli.catalog import load_library, looks_like_path

    if incomplete and looks_like_path(incomplete):
        return []
    return _starting_with(sorted({e.id for e in load_library().usable()}), incomplete)


def names(brief_ref: str | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Section ids and glossary terms of the brief a command would read."""
    path = _quick_choice(brief_ref)
    found = _indexed_names(path) if path is not None else None
    if found is not None:
        return found
    from briefcli.catalog import choose, describe
    from briefcli.index import using_index

    chosen = choose(brief_ref).path
    return using_index(lambda index: index.names(describe(index, chosen).file_id))


# -- the quick answers, from files and the index alone ------------------------------------------


def _xdg(variable: str, fallback: str) -> str:
    value = os.environ.get(variable, "")
    base = (
        value if value and os.path.isabs(value) else os.path.join(os.path.expanduser("~"), fallback)
    )
    return os.path.join(base, "briefcli")


def _quick_choice(brief_ref: str | None) -> str | None:
    """The current brief's path when it is known without the library (None: ask it)."""
    ref = brief_ref if brief_ref is not None else os.environ.get("BRIEF", "").strip() or None
    if ref is not None:
        looks_like_path = ref.endswith((".yaml", ".yml")) or os.sep in ref or ref[:1] == "~"
        if looks_like_path or os.path.isfile(ref):
            return os.path.abspath(os.path.expanduser(ref))
        return None
    try:
        with open(os.path.join(_xdg("XDG_CONFIG_HOME", ".config"), DEFAULT_FILE), "rb") as f:
            lines = f.read().decode().splitlines()
    except FileNotFoundError:
        return shipped_brief()
    except (OSError, UnicodeDecodeError):
        return None
    path = lines[1].strip() if len(lines) > 1 else ""
    return path if path and os.path.isfile(path) else None


def shipped_brief() -> str | None:
    """The shipped brief: inside the package, or in the checkout's briefs/ folder."""
    here = os.path.dirname(os.path.realpath(__file__))
    for folder in (here, os.path.dirname(os.path.dirname(here))):
        path = os.path.join(folder, *SHIPPED_BRIEF)
        if os.path.isfile(path):
            return path
    return None


def _indexed_names(path: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The names the index holds for ``path`` when they are certainly fresh, else None."""
    index = os.path.join(_xdg("XDG_CACHE_HOME", ".cache"), INDEX_NAME)
    if not os.path.isfile(index):
        return None
    import sqlite3

    from briefcli import __version__

    try:
        info = os.stat(path)
        db = sqlite3.connect(index, timeout=0.5)
        try:
            version = db.execute("SELECT version FROM about").fetchone()
            row = db.execute(
                "SELECT size, mtime_ns, ctime_ns, inode, checked_ns, sections, terms, error "
                "FROM files WHERE path = ?",
                (os.path.realpath(path),),
            ).fetchone()
        finally:
            db.close()
    except (OSError, sqlite3.Error):
        return None
    if version is None or version[0] != __version__ or row is None or row[7] is not None:
        return None
    same = tuple(row[:4]) == (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
    if not same or info.st_ctime_ns + RACY_NS >= row[4]:
        return None
    sections, terms = str(row[5]), str(row[6])
    return (
        tuple(sections.split("\n")) if sections else (),
        tuple(terms.split("\n")) if terms else (),
    )


# -- answers in each shell's form (as Typer's completion classes write them) ----------------------


def _answer(shell: str, values: list[str], raw: str, environ: dict[str, str]) -> int:
    if shell == "bash":
        text = "\n".join(bash_quote(v, raw) for v in values)
    elif shell == "zsh":
        items = "\n".join(f'"{_zsh_escape(v)}"' for v in values)
        text = f"_arguments '*: :(({items}))'" if values else "_files"
    elif shell == "fish":
        action = environ.get("_TYPER_COMPLETE_FISH_ACTION", "")
        if action == "is-args":
            return 0 if values else 1
        text = "\n".join(v.replace("\n", " ") for v in values) if action == "get-args" else ""
    else:
        text = "\n".join(f"{v}::: " for v in values)
    if text:
        # The shell's protocol, not output for a person: written here, before output.py (and
        # what it imports) would be loaded. Values are sanitised when they are indexed.
        try:
            sys.stdout.write(text + "\n")
            sys.stdout.flush()
        except (BrokenPipeError, OSError):
            pass
    return 0


def bash_quote(value: str, raw: str = "") -> str:
    """``value`` as bash must see it to read one word: 'Storm Corps' (or "…" after a ")."""
    if raw.startswith('"'):
        for char in '\\"$`':
            value = value.replace(char, "\\" + char)
        return f'"{value}"'
    if not value or not _SAFE.issuperset(value):
        return "'" + value.replace("'", "'\"'\"'") + "'"
    return value


def _zsh_escape(value: str) -> str:
    return (
        value.replace('"', '""')
        .replace("'", "''")
        .replace("$", "\\$")
        .replace("`", "\\`")
        .replace(":", r"\\:")
    )


# -- the same values for Typer's own completion (used when the fast path steps aside) -------------


def _brief_option(ctx: object) -> str | None:
    while ctx is not None:
        value = getattr(ctx, "params", {}).get("brief")
        if value:
            return str(value)
        ctx = getattr(ctx, "parent", None)
    return None


def _safely(function: "Callable[[], list[str]]") -> list[str]:
    try:
        return function()
    except Exception:
        return []


def complete_brief_refs(incomplete: str) -> list[str]:
    """Typer autocompletion for ``--brief``: brief ids."""
    return _safely(lambda: brief_refs(incomplete))


def complete_sections(ctx: object, incomplete: str) -> list[str]:
    """Typer autocompletion for a section id."""
    return _safely(lambda: _starting_with(names(_brief_option(ctx))[0], incomplete))


def complete_terms(ctx: object, incomplete: str) -> list[str]:
    """Typer autocompletion for a glossary term."""
    return _safely(lambda: _starting_with(names(_brief_option(ctx))[1], incomplete))
