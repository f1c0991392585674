"""A fresh attack sweep (h46): what a user or an attacker meets that the other hostile tests
leave out. Each test pins one finding; a real process only where pipes, shells or signals
are the point."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from conftest import Runner, write
from test_environment import environment

BRIEF_SCRIPT = Path(sys.executable).with_name("brief")
needs_script = pytest.mark.skipif(
    not BRIEF_SCRIPT.exists(), reason="brief is not installed next to python"
)
posix = pytest.mark.skipif(sys.platform == "win32", reason="POSIX paths and streams")

REPORT = "# My Report\n\n## Alpha\n\nAlpha text here.\n\n## Beta\n\nBeta text.\n"


def one_error(stderr: str) -> str:
    """The ``brief: error:`` line, after checking nothing but hints follows it."""
    lines = stderr.splitlines()
    assert lines and lines[0].startswith("brief: error: "), stderr
    assert all(line.startswith("brief: hint: ") for line in lines[1:]), stderr
    assert "internal error" not in stderr
    return lines[0]


# -- import -o: a path the system refuses to look at is a write error, not a bug --------------


@posix
def test_import_to_a_name_too_long_is_one_line(brief: Runner, tmp_path: Path) -> None:
    """`-o` with a 300-byte file name: Path.is_dir raised ENAMETOOLONG (exit 70)."""
    report = write(tmp_path, "r.md", REPORT)
    target = tmp_path / ("x" * 300 + ".yaml")
    result = brief("import", str(report), "-o", str(target))
    assert result.exit_code == 2
    assert "cannot write" in one_error(result.stderr)


# -- section references: a word that begins like 'section' is no 'section' prefix ----------------


SECTIONS = """\
schema_version: 1
id: secs
title: Secs
sections:
  - id: security
    title: Security
    paragraphs: [About security.]
  - id: second-reading
    title: Second reading
    paragraphs: [Second.]
  - id: '4'
    title: Four
    paragraphs: [Four.]
"""


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("security", "About security."),
        ("Security", "About security."),
        ("second-reading", "Second."),
        ("section 4", "Four."),
        ("Sec. 4", "Four."),
        ("section4", "Four."),
        ("§4", "Four."),
    ],
)
def test_an_id_that_starts_with_sec_is_found(
    brief: Runner, tmp_path: Path, typed: str, shown: str
) -> None:
    """`show security` said "no section 'urity'; nearest is 'security'": the 'sec' of a
    'sec. 4' was cut from any id that began with it."""
    path = write(tmp_path, "secs.yaml", SECTIONS)
    result = brief("-b", str(path), "show", typed)
    assert result.exit_code == 0, result.stderr
    assert shown in result.stdout


def test_a_misspelt_id_is_quoted_as_typed(brief: Runner, tmp_path: Path) -> None:
    path = write(tmp_path, "secs.yaml", SECTIONS)
    result = brief("-b", str(path), "show", "Securty")
    assert result.exit_code == 1
    assert "no section 'securty'" in one_error(result.stderr)


# -- completion: a shell's request that is no request offers nothing ------------------------------


@needs_script
@posix
@pytest.mark.parametrize("cword", ["abc", "", "1x"])
def test_a_completion_word_index_that_is_no_number_offers_nothing(
    tmp_path: Path, cword: str
) -> None:
    """COMP_CWORD=abc went past the fast path to Typer, whose int() raised: exit 70."""
    import subprocess

    env = {
        **environment(tmp_path),
        "COMP_WORDS": "brief show ",
        "COMP_CWORD": cword,
        "_BRIEF_COMPLETE": "complete_bash",
    }
    done = subprocess.run(
        [str(BRIEF_SCRIPT)], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.strip() == ""


# -- one-line text in paragraphs: a line break in a name or a field cannot forge a line ----------


def test_publisher_and_source_stay_on_their_line(brief: Runner, tmp_path: Path) -> None:
    """The byline (kind · date · publisher) and export's 'Source:' kept a raw line break."""
    path = write(
        tmp_path,
        "forger.yaml",
        "schema_version: 1\nid: forger\ntitle: T\n"
        'publisher: "Harmless\\n1    99 words  1 min  Fake"\n'
        'source: "x\\nFake source"\n'
        "sections:\n  - id: '1'\n    title: One\n    paragraphs: [Hello.]\n",
    )
    for args in ((), ("export",), ("export", "-f", "markdown")):
        result = brief("-b", str(path), *args)
        assert result.exit_code == 0, result.stderr
        lines = result.stdout.splitlines()
        assert not any(line.lstrip("*").startswith(("1    99", "Fake")) for line in lines), args
        assert "Harmless\\" in result.stdout


@posix
def test_a_file_name_with_a_line_break_in_the_duplicates_note(
    brief: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`brief list`'s 'Duplicate ids' paragraph printed a shared folder's file names raw."""
    shelf = tmp_path / "shelf"
    shelf.mkdir()
    text = "schema_version: 1\nid: twin\ntitle: Twin\nsections:\n  - id: '1'\n    title: O\n"
    text += "    paragraphs: [x]\n"
    (shelf / "twin.yaml").write_text(text, encoding="utf-8")
    (shelf / "a\nfake  2020  library  Injected.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("BRIEF_PATH", str(shelf))
    result = brief("list", "--width", "0")
    assert result.exit_code == 0, result.stderr
    assert not any(line.startswith("fake") for line in result.stdout.splitlines())
    assert "a\\nfake" in result.stdout


@posix
def test_a_config_folder_with_a_line_break_is_one_line(
    brief: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "x\nFake: line"))
    result = brief("config")
    assert result.exit_code == 0, result.stderr
    assert not any(line.startswith("Fake") for line in result.stdout.splitlines())
    assert "x\\nFake: line" in result.stdout


def test_the_footer_and_the_sources_keep_a_title_on_its_line(brief: Runner, tmp_path: Path) -> None:
    """show's '← 1 One · 3 Three →' footer (on a terminal) and export's sources list printed
    a title's line break raw: a forged line under the section, a forged source."""
    path = write(
        tmp_path,
        "forger.yaml",
        "schema_version: 1\nid: forger\ntitle: T\nsections:\n"
        "  - id: '1'\n    title: \"One\\nFake footer\"\n    paragraphs: [a]\n"
        "  - id: '2'\n    title: Two\n    paragraphs: [b]\n"
        'sources:\n  - title: "Src\\nFake source"\n    url: "https://e.org/\\nFake url"\n',
    )
    import re

    shown = brief("-b", str(path), "show", "2", "--color", "always")
    assert shown.exit_code == 0, shown.stderr
    plain = re.sub(r"\x1b\[[0-9;]*m", "", shown.stdout)
    assert "One\\nFake footer" in plain
    exported = brief("-b", str(path), "export")
    assert "Src\\nFake source <https://e.org/\\nFake url>" in exported.stdout
    for output in (plain, exported.stdout):
        assert not any(line.startswith("Fake") for line in output.splitlines())


def test_an_alias_stays_on_its_line(brief: Runner, tmp_path: Path) -> None:
    """`glossary TERM` printed 'Also: Al' and a forged line from an alias's line break."""
    path = write(
        tmp_path,
        "alias.yaml",
        "schema_version: 1\nid: alias\ntitle: T\nsections:\n"
        "  - id: '1'\n    title: One\n    paragraphs: [Alpha here.]\n"
        "glossary:\n  - term: Alpha\n    category: C\n    definition: D.\n"
        '    aliases: ["Al\\nUsed in: 9"]\n',
    )
    result = brief("-b", str(path), "glossary", "Alpha")
    assert result.exit_code == 0, result.stderr
    assert "Also: Al\\nUsed in: 9" in result.stdout
    assert [line for line in result.stdout.splitlines() if line.startswith("Used in")] == [
        "Used in: 1"
    ]


# -- summary --words smaller than any sentence ----------------------------------------------------


@pytest.mark.parametrize("section", [(), ("-s", "4")], ids=["whole", "section"])
def test_words_that_fit_no_sentence_say_so(brief: Runner, section: tuple[str, ...]) -> None:
    """`summary --words 1` printed an empty line with exit 0, and `-s 4 --words 1` said
    'This section has no text to draw points from.', though it has."""
    result = brief("summary", *section, "--words", "1")
    assert result.exit_code == 1
    assert result.stdout == ""
    line = one_error(result.stderr)
    assert "no whole sentence fits in 1 word: the first has" in line
    wanted = int(line.rsplit(" ", 1)[1].replace(",", ""))
    enough = brief("summary", *section, "--words", str(wanted))
    assert enough.exit_code == 0 and enough.stdout.strip(), enough.stderr


# -- brief's own files, tampered with -------------------------------------------------------------


def test_a_reading_position_file_nested_too_deep_is_forgotten(
    brief: Runner, tmp_path: Path
) -> None:
    """positions.json of '[[[[…' raised RecursionError in json (exit 70): damage to the state
    file is a fresh start, as damage to a cache is a miss."""
    state = tmp_path / "state" / "briefcli"
    state.mkdir(parents=True)
    (state / "positions.json").write_text("[" * 100_000, encoding="utf-8")
    result = brief("read", "--no-pager")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("§ 1. Summary")


@pytest.mark.parametrize(
    "value",
    ["[" * 5000 + "]" * 5000, "{x=" * 3000 + "1" + "}" * 3000],
    ids=["arrays", "tables"],
)
def test_a_config_file_nested_too_deep_is_one_line(
    brief: Runner, tmp_path: Path, value: str
) -> None:
    """tomllib recursed past Python's limit on a 10 KB config.toml: exit 70."""
    config = tmp_path / "config" / "briefcli"
    config.mkdir(parents=True)
    (config / "config.toml").write_text(f"a = {value}\n", encoding="utf-8")
    result = brief("show", "1")
    assert result.exit_code == 2
    assert "config.toml: not valid TOML: values nested too deeply" in one_error(result.stderr)


# -- options that contradict each other are refused, not silently dropped -------------------------


def test_use_refuses_a_brief_and_clear_together(brief: Runner) -> None:
    """`use --clear nk` forgot the default and dropped the brief named, with exit 0."""
    assert brief("use", "nk-russia").exit_code == 0
    result = brief("use", "--clear", "nk-russia")
    assert result.exit_code == 2
    assert "not both" in one_error(result.stderr)
    assert "default set with 'brief use'" in brief("use").stdout  # still remembered


@pytest.mark.parametrize(
    "extra",
    [("-o", "out.yaml"), ("--force",), ("--overlay", "o.yaml"), ("--id", "x"), ("--title", "y")],
    ids=["output", "force", "overlay", "id", "title"],
)
def test_outline_refuses_options_for_the_brief_it_does_not_write(
    brief: Runner, tmp_path: Path, extra: tuple[str, ...]
) -> None:
    """`import r.md --outline -o out.yaml` printed the outline, wrote nothing, exit 0."""
    report = write(tmp_path, "r.md", REPORT)
    result = brief("import", str(report), "--outline", *extra)
    assert result.exit_code == 2
    named = "--output" if extra[0] == "-o" else extra[0]
    assert f"leave out {named}" in one_error(result.stderr)
    assert not (tmp_path / "out.yaml").exists()


# -- search: queries an attacker (or a paste) can type ---------------------------------------------


def test_a_word_repeated_in_a_query_is_searched_once() -> None:
    """'the the the …' (10,000 times) took 72 s: each copy was ANDed again and each made a
    pass over every hit's text. A repeat, in any case, adds nothing to 'all of them'."""
    from briefcli.searchquery import fts_query, parse_query

    assert parse_query("the THE The " * 3000 + '"a b" "A B" x* x*') == [
        ("the", False),
        ("a b", True),
        ("x*", False),
    ]
    assert fts_query("korea " * 5000) == fts_query("korea")


def test_repeated_words_find_what_one_finds(brief: Runner) -> None:
    once = brief("search", "korea", "-f", "json")
    many = brief("search", " ".join(["Korea", "korea"] * 2000), "-f", "json")
    assert many.exit_code == once.exit_code == 0
    import json

    assert json.loads(many.stdout)["hits"] == json.loads(once.stdout)["hits"]


@pytest.mark.parametrize("suffix", ["", "*"], ids=["word", "prefix"])
def test_a_word_longer_than_fts5_keeps_is_no_bug(brief: Runner, suffix: str) -> None:
    """FTS5 cuts a token at 32,768 bytes, mid-character: reading that term back as text
    raised 'Could not decode to UTF-8' (exit 70) for a 30,000-character CJK word."""
    result = brief("search", "北" * 30_000 + suffix)
    assert result.exit_code == 1, result.stderr
    assert "nothing matches" in one_error(result.stderr)


# -- suggested commands: one line, and still the very file -----------------------------------------


@posix
@pytest.mark.parametrize(
    "name",
    ["n\nl.yaml", "e\x1b[31m.yaml", "it's\t\u202e.yaml", "x\udcff.yaml"],
    ids=["newline", "escape", "quote-tab-bidi", "not-utf8"],
)
def test_a_suggested_command_names_the_file_on_one_line(name: str) -> None:
    """The contents' 'Try: brief show 2 -b …' split a name with a line break over lines, and
    the sanitiser's '\\x1b' made a name with an ESC name another file: now $'…' (bash, zsh)."""
    import shutil
    import subprocess

    from briefcli.render.document import command_line

    line = command_line("show", "2", brief=name)
    assert "\n" not in line and "\x1b" not in line and "\u202e" not in line
    word = line.split(" -b ", 1)[1]
    for shell in ("bash", "zsh"):
        if shutil.which(shell) is None:
            continue
        said = subprocess.run(
            [shell, "-c", f"printf %s {word}"], capture_output=True, check=True, timeout=30
        )
        assert said.stdout == os.fsencode(name), shell


def test_the_contents_hint_keeps_a_path_with_a_line_break_on_one_line(
    brief: Runner, tmp_path: Path
) -> None:
    path = tmp_path / "n\nl.yaml"
    path.write_text(
        "schema_version: 1\nid: nl\ntitle: T\nsections:\n  - id: '1'\n    title: O\n"
        "    paragraphs: [x]\n",
        encoding="utf-8",
    )
    result = brief("-b", str(path), "--color", "always", "--width", "1000")
    assert result.exit_code == 0, result.stderr
    tries = [line for line in result.stdout.splitlines() if "Try:" in line]
    assert len(tries) == 1 and "$'" in tries[0] and "\\nl.yaml'" in tries[0]


# -- YAML output beside a file name that is not UTF-8 ----------------------------------------------


@posix
@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses names that are not UTF-8")
def test_yaml_output_with_a_name_that_is_not_utf8(
    brief: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`list -f yaml --all`, the contents and `config -f yaml` of such a file exited 70:
    libyaml cannot encode the surrogate Python keeps for the byte. It is shown as the
    sanitiser shows it, '\\xff' (JSON keeps its \\udcff escape, which loads back to the name)."""
    import yaml

    shelf = tmp_path / "shelf"
    shelf.mkdir()
    name = os.fsdecode(b"x\xff.yaml")
    (shelf / name).write_text(
        "schema_version: 1\nid: odd\ntitle: T\nsections:\n  - id: '1'\n    title: O\n"
        "    paragraphs: [x]\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("BRIEF_PATH", str(shelf))
    for args in (("list", "--all"), ("-b", str(shelf / name)), ("-b", str(shelf / name), "config")):
        result = brief(*args, "-f", "yaml")
        assert result.exit_code == 0, (args, result.stderr)
        assert "x\\xff.yaml" in _strings(yaml.safe_load(result.stdout)), args


def _strings(data: object) -> str:
    """Every text in ``data`` (loaded JSON or YAML), one a line."""
    if isinstance(data, dict):
        return "\n".join(_strings(value) for value in data.values())
    if isinstance(data, list):
        return "\n".join(_strings(value) for value in data)
    return data if isinstance(data, str) else ""


@posix
@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses names that are not UTF-8")
def test_reading_a_brief_whose_name_is_not_utf8_remembers_the_place(
    brief: Runner, tmp_path: Path
) -> None:
    """`brief read -b x\\xff.yaml` exited 70 saving the position: the path's surrogate could
    not be encoded into the state file."""
    path = tmp_path / os.fsdecode(b"x\xff.yaml")
    path.write_text(
        "schema_version: 1\nid: odd\ntitle: T\nsections:\n  - id: '1'\n    title: O\n"
        "    paragraphs: [x]\n  - id: '2'\n    title: Two\n    paragraphs: [y]\n",
        encoding="utf-8",
    )
    first = brief("-b", str(path), "read", "2", "--no-pager")
    assert first.exit_code == 0, first.stderr
    again = brief("-b", str(path), "read", "--no-pager")
    assert again.exit_code == 0, again.stderr
    assert again.stdout.startswith("§ 2. Two")


@posix
@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses names that are not UTF-8")
@pytest.mark.parametrize("args", [("list",), ("search", "hello", "--all")], ids=["list", "search"])
def test_a_library_folder_whose_name_is_not_utf8(
    brief: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    """BRIEF_PATH (or XDG_DATA_HOME) naming a folder 'd\\xfe': `list` and `search --all` exited
    70, SQLite refusing the folder's name. Its files are listed as broken, as files whose own
    name is not UTF-8 are."""
    shelf = tmp_path / os.fsdecode(b"d\xfe")
    shelf.mkdir()
    (shelf / "one.yaml").write_text(
        "schema_version: 1\nid: one\ntitle: T\nsections:\n  - id: '1'\n    title: O\n"
        "    paragraphs: [hello]\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("BRIEF_PATH", str(shelf))
    result = brief(*args)
    assert "internal error" not in result.stderr
    assert result.exit_code in (0, 1), result.stderr
    if args == ("list",):
        assert "d\\xfe/one.yaml  its file name is not valid UTF-8" in result.stdout


@posix
def test_importing_a_pipe_by_name_says_to_use_stdin(brief: Runner, tmp_path: Path) -> None:
    """`brief import <(command)` names a FIFO, which is refused (it could hang): the error now
    says how a pipe is imported."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = brief("import", str(fifo), "-o", "-")
    assert result.exit_code == 2
    assert "is a FIFO" in one_error(result.stderr)
    assert "brief: hint: to import what a command prints, pipe it: COMMAND | brief import -" in (
        result.stderr
    )


# -- --install-completion writes into the home folder: there must be one ----------------------


@posix
@pytest.mark.parametrize(
    ("home", "said"),
    [
        ("", "$HOME is not an absolute path"),
        ("missing", "does not exist"),
        ("file", "not a folder"),
    ],
    ids=["empty", "missing", "file"],
)
def test_install_completion_needs_a_home_folder(
    brief: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, home: str, said: str
) -> None:
    """Typer's installer took HOME='' as '/' (it wrote /.bashrc as root), made a missing home
    with its parents, and exited 70 when HOME was a file."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "file").write_text("x", encoding="utf-8")
    value = str(tmp_path / home) if home else ""
    monkeypatch.setenv("HOME", value)
    monkeypatch.setenv("SHELL", "/bin/bash")
    result = brief("--install-completion")
    assert result.exit_code == 2
    assert said in one_error(result.stderr)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]  # nothing made, here or there


# -- the pager -----------------------------------------------------------------------------


@posix
def test_a_pager_run_by_the_shell_is_named_as_given(tmp_path: Path) -> None:
    """A $PAGER with shell syntax runs as /bin/sh -c PAGER; when the shell itself was killed,
    the message named '/bin/sh', not the pager the user set."""
    from test_pipes import on_terminal

    pager = "cat >/dev/null; kill -KILL $$"
    screen = on_terminal("export", BRIEF_PAGER=pager, HOME=str(tmp_path))
    assert screen.exit_code == 2, screen.stderr
    assert f"brief: error: the pager '{pager}' was killed by SIGKILL" in screen.stderr


# -- import: two reports, one id ------------------------------------------------------------


def test_a_second_report_with_the_same_id_is_not_told_to_force(
    brief: Runner, tmp_path: Path
) -> None:
    """'Report: Q1' and 'Report Q1' both make report-q1.yaml; the second import said 'use
    --force to replace it', which would lose the first report. It now names that report and
    says to give an id; the same report imported again is still told about --force."""
    first = write(tmp_path, "q1a.md", "# Report: Q1\n\n## A\n\nFirst report text.\n")
    second = write(tmp_path, "q1b.md", "# Report Q1\n\n## A\n\nSecond, different report.\n")
    assert brief("import", str(first)).exit_code == 0
    clash = brief("import", str(second))
    assert clash.exit_code == 2
    assert "a brief made from another report (" in one_error(clash.stderr)
    assert "--id ID" in clash.stderr
    again = brief("import", str(first))
    assert again.exit_code == 2
    assert one_error(again.stderr).endswith("exists; use --force to replace it")
    assert brief("import", str(second), "--id", "q1-second").exit_code == 0


@pytest.mark.parametrize("flag", ["--since", "--until"])
def test_an_empty_date_bound_is_refused(brief: Runner, flag: str) -> None:
    """`timeline --since "$START"` with START unset showed every event, exit 0, as an empty
    -b once read another brief."""
    result = brief("timeline", flag, "")
    assert result.exit_code == 2
    assert f"{flag} needs a date" in one_error(result.stderr)


def test_an_empty_term_is_refused(brief: Runner) -> None:
    """`glossary ''` said "no glossary term ''" (exit 1) with a hint to run `brief search ''`,
    which itself fails: an empty term is a usage error, as an empty section is."""
    result = brief("glossary", " ")
    assert result.exit_code == 2
    assert "say which term" in one_error(result.stderr)
    assert "brief search" not in result.stderr


@pytest.mark.parametrize("ref", ["", " "], ids=["empty", "blank"])
def test_use_refuses_an_empty_brief(brief: Runner, ref: str) -> None:
    """`brief use "$(brief import x)"` after a failed import: the empty prefix fitted the only
    brief of a fresh library, which quietly became the default (exit 0)."""
    result = brief("use", ref)
    assert result.exit_code == 2
    assert "brief use needs a brief id or a file path" in one_error(result.stderr)
    assert "the shipped report (no --brief" in brief("use").stdout  # no default was set


@pytest.mark.parametrize(
    "args", [("",), ("r.md", "--overlay", "", "-o", "-")], ids=["report", "overlay"]
)
def test_import_refuses_an_empty_name(
    brief: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    """`brief import ''` said 'brief: error: : no such file'."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "r.md", REPORT)
    result = brief("import", *args)
    assert result.exit_code == 2
    assert "needs a file" in one_error(result.stderr)
