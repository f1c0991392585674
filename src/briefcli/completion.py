"""Shell completion of values: section ids, glossary terms, brief ids, format names.

Typer writes the shell scripts (``brief --install-completion``, ``--show-completion``); they
run ``brief`` with ``_BRIEF_COMPLETE=complete_<shell>`` on every Tab. :func:`fast_complete`
answers value completions itself, before Typer or most of brief is imported: this module
imports only ``os``, ``sys`` and brief's small shared modules (:mod:`briefcli.paths` for the
folders, :mod:`briefcli.freshness` for the index's rule, :mod:`briefcli.options` for the
options and formats), and ``sqlite3`` to read the index. The names come from the index in the
cache folder when it is fresh for the brief in question; otherwise the library and index
modules bring it up to date (still without Typer). Anything that is not a value — command and
option names, options the table does not know — is left to Typer, whose answers come from the
same functions (the ``complete_*`` callbacks at the end) and are written the same way.

Every answer reaches the shell as inert, literal text: each shell's script reads it back in
its own way (bash globs it, zsh evaluates it twice, fish splits it at tabs), and
:func:`answer_text` writes each value so that what arrives on the command line is exactly
the value — never code, never a pattern.
"""

# No ``from __future__ import annotations``: Typer reads the signatures of the complete_*
# callbacks on every run, and string annotations would make it compile each one.

import os
import sys

from briefcli import freshness, options, paths

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from typer._click.shell_completion import ShellComplete

#: What the positional words of each command are (None: nothing to complete).
ARGUMENTS: dict[str, str | None] = {
    "show": "section",
    "read": "section",
    "cite": "section",
    "browse": "section",
    "glossary": "term",
    "use": "brief",
    "timeline": None,
    "summary": None,
    "export": None,
    "list": None,
    "search": None,
}

#: Characters bash may leave bare in a word (anything else is quoted).
_BASH_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-")
#: Characters bash would take as a pattern where Typer's script reads an answer back (``*?[``,
#: and ``(`` that starts an extglob), or as a history reference on the command line (``!``).
_BASH_ACTIVE = frozenset("*?[(!")
#: Characters PowerShell may leave bare in an argument.
_POWERSHELL_SAFE = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-/:\\"
)
#: Characters PowerShell reads as a single quote (so each is doubled inside one).
_POWERSHELL_QUOTES = "'\u2018\u2019\u201a\u201b"


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
    text, code = answer_text(shell, [(value, None) for value in values], raw, environ)
    if text:
        # The shell's protocol, not output for a person: written here, before output.py (and
        # what it imports) would be loaded.
        try:
            sys.stdout.write(text + "\n")
            sys.stdout.flush()
        except (OSError, AttributeError):  # a closed or full stdout: nothing to offer
            pass
    return code


def _request(shell: str, environ: dict[str, str]) -> tuple[list[str], str, str]:
    """(complete words after the program name, the incomplete word, it as typed)."""
    if shell == "bash":
        split = split_words(environ.get("COMP_WORDS", ""))
        cword = _small_number(environ.get("COMP_CWORD", "0"))
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


def _small_number(text: str) -> int:
    """A word index from the shell: never an unbounded conversion."""
    return int(text) if text.isascii() and text.isdigit() and len(text) < 6 else 0


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
    expecting: options.Option | None = None
    brief_ref: str | None = None
    positional = 0
    after_dashes = False
    for word in words:
        if expecting is not None:
            if expecting is options.BRIEF:
                brief_ref = word
            expecting = None
        elif word == "--" and not after_dashes:
            after_dashes = True
        elif word.startswith("-") and word != "-" and not after_dashes:
            name, equals, value = word.partition("=")
            # -bPATH: a short option with its value attached.
            short = name[:2] if len(name) > 2 and name[1] != "-" else None
            spec = options.BY_FLAG.get(name) or options.BY_FLAG.get(short or "")
            if spec is None:
                raise Delegate  # an option the table does not know
            if not spec.takes_value:
                continue
            given = (
                value if equals else (word[2:] if spec.flags and name not in spec.flags else None)
            )
            if given is None:
                expecting = spec
            elif spec is options.BRIEF:
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


def choices_for(command: str | None, spec: options.Option) -> tuple[str, ...] | None:
    """The fixed choices of ``spec`` on ``command`` (None when it takes free values)."""
    if spec is options.FORMAT:
        return options.formats(command or "")
    return spec.choices


def option_values(
    spec: options.Option,
    incomplete: str,
    brief_ref: str | None = None,
    command: str | None = None,
) -> list[str]:
    """Values for ``spec``'s argument (on ``command``) that start with ``incomplete``."""
    if spec in options.SHARED and spec.name not in options.TAKES.get(command or "", ()):
        return []  # the command would refuse the option: offer nothing for it
    choices = choices_for(command, spec)
    if choices is not None:
        return [c for c in choices if c.startswith(incomplete.casefold())]
    return _values(spec.completes, incomplete, brief_ref) if spec.completes else []


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

#: The most of the default-brief file read (it holds an id and a path).
_DEFAULT_FILE_BYTES = 64 * 1024


def _quick_choice(brief_ref: str | None) -> str | None:
    """The current brief's path when it is known without the library (None: ask it).

    The same order as :func:`briefcli.catalog.choose`: --brief, $BRIEF, 'brief use', shipped.
    """
    ref = brief_ref if brief_ref is not None else os.environ.get("BRIEF", "").strip() or None
    if ref is not None:
        looks_like_path = ref.endswith((".yaml", ".yml")) or os.sep in ref or ref[:1] == "~"
        if looks_like_path or os.path.isfile(ref):
            return os.path.abspath(os.path.expanduser(ref))
        return None
    try:
        lines = _read_small(paths.default_file()).decode().splitlines()
    except FileNotFoundError:
        return paths.shipped_brief()
    except (OSError, UnicodeDecodeError):
        return None
    path = lines[1].strip() if len(lines) > 1 else ""
    return path if path and os.path.isfile(path) else None


def _read_small(path: str) -> bytes:
    """A small regular file's bytes; never waits on a FIFO or reads a device."""
    import stat

    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path}: not a regular file")
        return os.read(fd, _DEFAULT_FILE_BYTES)
    finally:
        os.close(fd)


def _indexed_names(path: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The names the index holds for ``path`` when they are certainly fresh, else None."""
    index = paths.index_file()
    if not os.path.isfile(index):
        return None
    import sqlite3

    from briefcli import __version__

    try:
        info = os.stat(path)
        db = sqlite3.connect(index, timeout=0.5)
        try:
            version = db.execute("SELECT version FROM about").fetchone()
            cursor = db.execute("SELECT * FROM files WHERE path = ?", (os.path.realpath(path),))
            found = cursor.fetchone()
            columns = [column[0] for column in cursor.description]
        finally:
            db.close()
    except (OSError, sqlite3.Error):
        return None
    if version is None or version[0] != __version__ or found is None:
        return None
    row = dict(zip(columns, found, strict=True))
    if row.get("error") is not None:
        return None
    # A key part the index does not store cannot disagree with the file: take the file's.
    current = freshness.stat_key(info)
    stored = [row.get(field, now) for field, now in zip(freshness.KEY_FIELDS, current, strict=True)]
    if not freshness.is_fresh(stored, int(row["checked_ns"]), info):
        return None
    sections, terms = str(row["sections"]), str(row["terms"])
    return (
        tuple(sections.split("\n")) if sections else (),
        tuple(terms.split("\n")) if terms else (),
    )


# -- answers in each shell's form: inert and literal ----------------------------------------------


def answer_text(
    shell: str, items: list[tuple[str, str | None]], raw: str, environ: dict[str, str]
) -> tuple[str, int]:
    """What to write for ``items`` (value, help) in ``shell``'s protocol, and the exit code.

    ``raw`` is the word being completed as typed (bash: an opening quote is continued).
    Values a shell could not carry literally (control characters; none come from a brief,
    whose names are sanitised when indexed) are left out rather than altered.
    """
    items = [(value, _one_line(help)) for value, help in items if value.isprintable()]
    if shell == "bash":
        return "\n".join(bash_quote(value, raw) for value, _ in items), 0
    if shell == "zsh":
        if not items:
            return "_files", 0
        return _zsh_answer(items), 0
    if shell == "fish":
        action = environ.get("_TYPER_COMPLETE_FISH_ACTION", "")
        if action == "is-args":
            return "", 0 if items else 1
        if action != "get-args":
            return "", 0
        # fish takes each line as one value, literally; a tab would start its description.
        return "\n".join(f"{v}\t{h}" if h else v for v, h in items), 0
    lines = [f"{powershell_quote(v)}:::{h or ' '}" for v, h in items if ":::" not in v]
    return "\n".join(lines), 0


def _one_line(help: str | None) -> str | None:
    if not help:
        return None
    return " ".join("".join(c if c.isprintable() else " " for c in help).split()) or None


def bash_quote(value: str, raw: str = "") -> str:
    """``value`` as one word that bash reads back literally: 'Storm Corps' (or "…" after a ").

    Typer's bash script takes each line of the answer as a word and pathname-expands it, so
    a ``*``, ``?``, ``[`` or ``(`` (an extglob) never appears bare: it is written ``$'\\x2a'``.
    So is ``!``, which bash would read as a history reference on the command line.
    """
    if value and _BASH_SAFE.issuperset(value):
        return value
    double = raw.startswith('"')
    parts: list[str] = []
    run: list[str] = []

    def close_run() -> None:
        if not run:
            return
        text = "".join(run)
        if double:
            for char in '\\"$`':
                text = text.replace(char, "\\" + char)
            parts.append(f'"{text}"')
        else:
            parts.append("'" + text.replace("'", "'\"'\"'") + "'")
        run.clear()

    for char in value:
        if char in _BASH_ACTIVE:
            close_run()
            parts.append(f"$'\\x{ord(char):02x}'")
        else:
            run.append(char)
    close_run()
    if double and not parts[-1].endswith('"'):
        parts.append('""')  # readline closes the quote the user opened unless the word does
    return "".join(parts) or "''"


def _zsh_answer(items: list[tuple[str, str | None]]) -> str:
    r"""``_arguments '*: :((…))'``, as Typer's zsh script runs it: ``eval $(brief)``.

    zsh reads the text four times, and each value is escaped for each reading, innermost
    first: ``_describe`` takes a backslash as an escape and an unescaped colon as the start of
    a description (so ``\\`` and ``\:``); ``_arguments`` evaluates the list in ``((…))`` as
    words (so every character but letters and digits is escaped, a space as ``" "``); before
    that it drops a backslash in front of any colon (so each colon gets one more); and the
    shell's ``eval`` reads the line, which is single-quoted, after ``$(…)`` split it at blanks
    and joined it with single spaces (no two blanks are ever next to each other, so that
    changes nothing). Nothing in a value can expand or end a word early.
    """
    words = []
    for value, help in items:
        word = value.replace("\\", "\\\\").replace(":", "\\:")
        if help:
            word += ":" + help.replace("\\", "\\\\")
        words.append(_zsh_word(word))
    listed = " ".join(words).replace(":", "\\:").replace("'", "'\\''")
    return f"_arguments '*: :(({listed}))'"


def _zsh_word(text: str) -> str:
    """``text`` as one word that zsh's ``eval`` reads back literally."""
    if not text:
        return '""'
    out = []
    for char in text:
        if char.isalnum() or not char.isascii():
            out.append(char)
        elif char == " ":
            out.append('" "')
        else:
            out.append("\\" + char)
    return "".join(out)


def powershell_quote(value: str) -> str:
    """``value`` as one PowerShell argument, literal: in single quotes unless it is plain."""
    if value and _POWERSHELL_SAFE.issuperset(value) and not value.startswith("-"):
        return value
    for quote in _POWERSHELL_QUOTES:
        value = value.replace(quote, quote * 2)
    return f"'{value}'"


# -- the same values, written the same way, when Typer answers ------------------------------------


def typer_classes() -> "dict[str, type[ShellComplete]]":
    """Typer's completion classes for each shell, answering in :func:`answer_text`'s form."""
    from typer import _completion_classes as typer_shells

    def complete(self: "ShellComplete") -> str:
        try:
            args, incomplete = self.get_completion_args()
        except (ValueError, IndexError):  # COMP_CWORD that is no number: nothing to offer
            return ""
        found = self.get_completions(args, incomplete)
        raw = ""
        if self.name == "bash":
            split = split_words(os.environ.get("COMP_WORDS", ""))
            cword = _small_number(os.environ.get("COMP_CWORD", "0"))
            raw = split[cword][1] if cword < len(split) else ""
        items = [(str(item.value), item.help) for item in found]
        text, code = answer_text(self.name, items, raw, dict(os.environ))
        if self.name == "fish" and os.environ.get("_TYPER_COMPLETE_FISH_ACTION") == "is-args":
            raise SystemExit(code)
        return text

    classes: dict[str, type[ShellComplete]] = {}
    for shell, base in (
        ("bash", typer_shells.BashComplete),
        ("zsh", typer_shells.ZshComplete),
        ("fish", typer_shells.FishComplete),
        ("powershell", typer_shells.PowerShellComplete),
        ("pwsh", typer_shells.PowerShellComplete),
    ):
        classes[shell] = type(base.__name__, (base,), {"complete": complete, "name": shell})
    return classes


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


#: The completer of each kind of value in :mod:`briefcli.options` (``completes=``).
COMPLETERS: "dict[str, Callable[..., list[str]]]" = {
    "brief": complete_brief_refs,
    "section": complete_sections,
    "term": complete_terms,
}
