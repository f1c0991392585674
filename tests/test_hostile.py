"""Hostile input: the corpus in tests/hostile/ through every command and format, in-process,
on a pipe and on a pseudo-terminal; property tests for the renderers; --debug."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefcli.formats import VIEW_FORMATS
from briefcli.loader import load_brief
from briefcli.query import events_between
from briefcli.sanitize import sanitize_line
from conftest import Runner

HOSTILE = Path(__file__).parent / "hostile"
SCRIPT = Path(sys.executable).parent / "brief"
SGR = re.compile(r"\x1b\[[0-9;]*m")
# brief's own OSC 8 hyperlinks on a terminal: a target of printable ASCII only, as Rich writes it.
HYPERLINK = re.compile(r"\x1b\]8;(?:id=\d+)?;[!-~]*?\x1b\\")
_BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


# -- what counts as raw: an independent definition, not the sanitiser's own ------------------


def raw_characters(text: str, colour: bool = False) -> list[str]:
    """Characters no output of brief may hold: C0 (but tab, newline), DEL, C1, bidi controls,
    zero-width characters, separators, surrogates, tag characters. With ``colour``, brief's
    own SGR sequences (and only those) are allowed."""
    if colour:
        text = HYPERLINK.sub("", SGR.sub("", text))
    found = set()
    for index, char in enumerate(text):
        if char in "\n\t" or not _raw(char):
            continue
        if char in "\u200c\u200d" and _between_letters(text, index):
            continue  # Persian, Indic scripts and emoji sequences need them there
        found.add(f"U+{ord(char):04X}")
    return sorted(found)


def _raw(char: str) -> bool:
    code = ord(char)
    return (
        unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp")
        or code in _BIDI
        or 0x200B <= code <= 0x200D
        or code in (0x2060, 0xFEFF)
        or 0xE0000 <= code <= 0xE007F
    )


def _between_letters(text: str, index: int) -> bool:
    """Whether text[index] stands alone between two characters outside ASCII, neither a
    space nor raw."""

    def shown(at: int) -> bool:
        char = text[at] if 0 <= at < len(text) else " "
        return ord(char) > 0x9F and not char.isspace() and not _raw(char)

    return shown(index - 1) and shown(index + 1)


# -- the corpus ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One row of tests/hostile/README.md."""

    name: str
    exit: int
    error: str
    what: str

    @property
    def ok(self) -> bool:
        """Whether the case must load (exit 0)."""
        return self.exit == 0


_ROW = re.compile(
    r"^\| `(?P<name>[^`]+)` \| (?P<exit>\d) \|\s*(?P<error>.*?)\s*\| (?P<what>.*) \|$"
)


def _cases() -> list[Case]:
    cases = []
    for line in (HOSTILE / "README.md").read_text(encoding="utf-8").splitlines():
        if match := _ROW.match(line):
            error = match["error"].strip().strip("`")
            cases.append(Case(match["name"], int(match["exit"]), error, match["what"]))
    return cases


CASES = _cases()
OK_CASES = [c for c in CASES if c.ok]
BAD_CASES = [c for c in CASES if not c.ok]


def test_the_table_lists_every_corpus_file() -> None:
    listed = {c.name for c in CASES}
    present = {p.name for p in HOSTILE.iterdir() if p.name != "README.md"}
    assert present - listed == set(), "corpus files missing from tests/hostile/README.md"
    assert {n for n in listed if not n.startswith("generated/")} - present == set()
    assert len(OK_CASES) >= 6 and len(BAD_CASES) >= 40


def _generate(name: str, folder: Path) -> Path:
    """Make a ``generated/…`` case in ``folder``: too big to commit, or not a file at all."""
    stem = name.removeprefix("generated/")
    path = folder / stem
    head = 'id: g\ntitle: Generated\nsections:\n  - id: "1"\n    title: One\n    paragraphs:\n'
    if stem == "ok-long-text.yaml":
        words = " ".join(["word"] * 20_000)
        path.write_text(
            f'id: g\ntitle: "{"T" * 10_000}"\nsections:\n  - id: "1"\n    title: One\n'
            f'    paragraphs:\n      - {"x" * 100_000}\n      - "{words}"\n',
            encoding="utf-8",
        )
    elif stem == "huge.yaml":
        with open(path, "wb") as handle:
            handle.truncate(9 * 1024 * 1024)  # sparse: no disk used, no bytes to read
    elif stem == "deep-flow-100k.yaml":
        path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    elif stem == "deep-map-100k.yaml":
        path.write_text("{a: " * 100_000 + "}" * 100_000, encoding="utf-8")
    elif stem == "many-values.yaml":
        sections = "".join(
            f'  - id: "{n}"\n    title: S\n    paragraphs:\n' + "      - p\n" * 9_000
            for n in range(12)
        )
        path.write_text("id: g\ntitle: Many\nsections:\n" + sections, encoding="utf-8")
    elif stem == "many-items.yaml":
        path.write_text(head + "      - p\nnotes:\n" + "  - n\n" * 10_001, encoding="utf-8")
    elif stem == "long-text.yaml":
        path.write_text(head + "      - " + "x" * 100_001 + "\n", encoding="utf-8")
    elif stem == "directory":
        path.mkdir()
    elif stem == "fifo":
        os.mkfifo(path)
    elif stem == "link-to-fifo.yaml":
        if not (folder / "fifo").exists():
            os.mkfifo(folder / "fifo")
        path.symlink_to(folder / "fifo")
    elif stem == "device":
        return Path("/dev/zero")
    elif stem == "missing.yaml":
        pass
    elif stem.startswith("escape-name-"):
        path = folder / stem.replace("\\x1b", "\x1b").replace("\\x07", "\x07")
    else:  # pragma: no cover - a new row needs a generator
        raise AssertionError(f"no generator for {name}")
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every case's path; generated cases are made once, in a temporary folder."""
    folder = tmp_path_factory.mktemp("generated")
    paths = {}
    for case in CASES:
        if case.name.startswith("generated/"):
            paths[case.name] = _generate(case.name, folder)
        else:
            paths[case.name] = HOSTILE / case.name
    return paths


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.lstat().st_size, p.lstat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture(scope="module", autouse=True)
def corpus_unchanged() -> Iterator[None]:
    """Nothing in the corpus folder is changed or added by any run."""
    before = _snapshot(HOSTILE)
    yield
    assert _snapshot(HOSTILE) == before


def _commands(path: Path) -> list[list[str]]:
    """Every command, with arguments taken from the brief itself (hostile ids and terms)."""
    loaded = load_brief(path)
    first = loaded.sections[0]
    commands = [[], ["show", first.id], ["summary"], ["summary", "--section", first.id], ["export"]]
    # A brief without a glossary or events says so with exit 1 (tested in test_cli_edges.py).
    if loaded.glossary:
        commands.append(["glossary"])
    if loaded.timeline:
        commands.append(["timeline"])
    if events_between(loaded, "2000", "2030"):
        commands.append(["timeline", "--since", "2000", "--until", "2030"])
    subsections = [s.subsections[0].id for s in loaded.sections if s.subsections]
    if subsections:
        commands.append(["show", subsections[0]])
    if loaded.glossary:
        commands.append(["glossary", "--", loaded.glossary[0].term])
    return commands


def _format_options() -> list[list[str]]:
    """Typeset with colour, plain text, and every --format the app offers (text, json, …)."""
    return [["--color", "always"], ["--color", "never"]] + [
        ["--format", fmt] for fmt in VIEW_FORMATS
    ]


def _assert_clean_error(case: Case, shown: str, stdout: str, stderr: str, code: int) -> None:
    assert code == 2, (case.name, stderr)
    assert stdout == ""
    assert stderr.endswith("\n") and stderr.count("\n") == 1, stderr
    prefix = f"brief: error: {shown}"
    assert stderr.startswith(prefix), (stderr, prefix)
    assert case.error in stderr[len(prefix) :], (case.error, stderr)
    assert raw_characters(stderr) == []


# -- in-process: every command × every format ---------------------------------------------


@pytest.mark.parametrize("case", OK_CASES, ids=lambda c: c.name)
def test_corpus_loads_and_every_command_and_format_is_sanitised(
    case: Case, corpus: dict[str, Path], brief: Runner
) -> None:
    path = corpus[case.name]
    for command in _commands(path):
        for options in _format_options():
            result = brief("--brief", str(path), "--width", "100", *options, *command)
            label = (case.name, *options, *command)
            assert result.exit_code == 0, (label, result.stderr)
            assert result.stderr == "", label
            if command[:1] in ([], ["show"], ["export"]):
                assert result.stdout.strip(), label
            colour = options == ["--color", "always"]
            assert raw_characters(result.stdout, colour=colour) == [], label


@pytest.mark.parametrize("case", BAD_CASES, ids=lambda c: c.name)
def test_corpus_error_is_one_clean_line_for_every_command(
    case: Case, corpus: dict[str, Path], brief: Runner
) -> None:
    path = corpus[case.name]
    shown = sanitize_line(str(path))
    commands = [[], ["show", "1"], ["glossary"], ["timeline"], ["summary"], ["export"]]
    formats = _format_options()
    # The brief is loaded before any format matters: each command with one format in turn.
    for index, command in enumerate(commands):
        options = formats[index % len(formats)]
        result = brief("--brief", str(path), *options, *command)
        _assert_clean_error(case, shown, result.stdout, result.stderr, result.exit_code)


@pytest.mark.parametrize(
    "args",
    [
        ["\x1b]0;title\x07"],
        ["show", "\x1b[2J\u202e"],
        ["glossary", "\x1b]52;c;eA==\x07"],
        ["timeline", "--since", "\x1b[2J"],
        ["--color", "\x9b2J"],
        ["--brief", "a\x1b[2J\u202e.yaml"],
        ["summary", "--section", "[bold]x[/] :smile:"],
    ],
)
def test_hostile_arguments_are_echoed_safely(brief: Runner, args: list[str]) -> None:
    result = brief(*args)
    assert result.exit_code in (1, 2)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith("brief: error: ") and len(lines) <= 2
    assert raw_characters(result.stderr) == []


# -- real subprocesses of the installed script: one per case on a pipe, one on a pty --------


@dataclass(frozen=True)
class ScriptRun:
    """One run of the installed script: what it printed and whether it wrote anything."""

    code: int
    stdout: str
    stderr: str
    written: list[str]


def _environment(home: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("NO_COLOR", "FORCE_COLOR", "BRIEF", "BRIEF_DEBUG", "COLUMNS", "LINES")
    }
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_CONFIG_HOME=str(home / "config"),
        LC_ALL="C.UTF-8",
        PYTHONIOENCODING="utf-8",
        TERM="xterm-256color",
        BRIEF_PAGER="cat",  # no pager: the test reads the terminal itself
    )
    return env


def run_script(args: list[str], workdir: Path, terminal: bool) -> ScriptRun:
    """Run ``brief ARGS`` in an empty ``workdir`` (also its HOME), on a pty or a pipe."""
    workdir.mkdir(parents=True, exist_ok=True)
    env = _environment(workdir)
    argv = [str(SCRIPT), *args]
    if terminal:
        code, stdout, stderr = _on_pty(argv, env, workdir)
    else:
        done = subprocess.run(
            argv, env=env, cwd=workdir, stdin=subprocess.DEVNULL, capture_output=True, timeout=60
        )
        code, stdout, stderr = done.returncode, done.stdout, done.stderr
    # The parse cache in the cache folder is brief's own, rebuildable at will; anything else
    # (the work folder, the library, the config) must stay as it was.
    written = sorted(
        str(p.relative_to(workdir))
        for p in workdir.rglob("*")
        if p.parts[len(workdir.parts)] != "cache"
    )
    return ScriptRun(code, stdout.decode("utf-8"), stderr.decode("utf-8"), written)


def _on_pty(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[int, bytes, bytes]:
    """Run with stdin and stdout on a 100×40 pseudo-terminal (no output post-processing)."""
    import fcntl
    import pty
    import select
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
    attributes = termios.tcgetattr(slave)
    attributes[1] &= ~termios.OPOST  # keep "\n" as written (no "\r\n")
    termios.tcsetattr(slave, termios.TCSANOW, attributes)
    process = subprocess.Popen(
        argv, env=env, cwd=cwd, stdin=slave, stdout=slave, stderr=subprocess.PIPE
    )
    os.close(slave)
    assert process.stderr is not None
    stdout, stderr = bytearray(), bytearray()
    open_fds = {master: stdout, process.stderr.fileno(): stderr}
    while open_fds:
        ready, _, _ = select.select(list(open_fds), [], [], 60)
        assert ready, "no output for 60 s: brief is blocked"
        for fd in ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the terminal's other side is closed
                chunk = b""
            if chunk:
                open_fds[fd].extend(chunk)
            else:
                del open_fds[fd]
    os.close(master)
    process.stderr.close()
    return process.wait(timeout=60), bytes(stdout), bytes(stderr)


needs_script = pytest.mark.skipif(not SCRIPT.exists(), reason=f"no installed script at {SCRIPT}")


@pytest.fixture(scope="module")
def script_runs(
    corpus: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[str, str], ScriptRun]:
    """``brief -b CASE export`` for every case, on a pipe and on a pty, run concurrently."""
    root = tmp_path_factory.mktemp("runs")
    jobs = {}
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        for index, case in enumerate(CASES):
            for mode in ("pipe", "pty"):
                args = ["--brief", str(corpus[case.name]), "export"]
                workdir = root / f"{index}-{mode}"
                jobs[case.name, mode] = pool.submit(run_script, args, workdir, mode == "pty")
    return {key: job.result() for key, job in jobs.items()}


@needs_script
@pytest.mark.parametrize("mode", ["pipe", "pty"])
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_installed_script_on_pipe_and_terminal(
    case: Case, mode: str, corpus: dict[str, Path], script_runs: dict[tuple[str, str], ScriptRun]
) -> None:
    run = script_runs[case.name, mode]
    assert run.written == [], "brief wrote files"
    if case.ok:
        assert run.code == 0, run.stderr
        assert run.stderr == ""
        assert run.stdout.strip()
        assert raw_characters(run.stdout, colour=mode == "pty") == []
        if mode == "pipe":
            assert "\x1b" not in run.stdout
    else:
        shown = sanitize_line(str(corpus[case.name]))
        _assert_clean_error(case, shown, run.stdout, run.stderr, run.code)


LITERALS = ("[bold]x[/]", "[/]", "list[int]", "[link=https://evil.example]x[/link]", ":smile:")


@needs_script
@pytest.mark.parametrize("mode", ["pipe", "pty"])
def test_markup_emoji_codes_and_osc52_print_literally(tmp_path: Path, mode: str) -> None:
    run = run_script(
        ["--brief", str(HOSTILE / "ok-markup.yaml"), "show", "1"], tmp_path, mode == "pty"
    )
    assert run.code == 0, run.stderr
    visible = HYPERLINK.sub("", SGR.sub("", run.stdout))
    if mode == "pty":
        assert visible != run.stdout, "no colour on the terminal: not the typeset path"
    paragraphs = visible.split("\n\n")
    for literal in LITERALS:
        assert literal in visible, literal
    assert "[/]" in paragraphs and "list[int]" in paragraphs and "[bold]x[/]" in paragraphs
    assert "[bold]\\x1b]52;c;ZXZpbA==\\x07[/bold]" in visible
    assert "😄" not in visible and "\x1b]" not in visible
    # The only links are brief's: to the web address shown, never one hidden in markup.
    targets = re.findall(r"\x1b\]8;id=\d+;([^\x1b]+)\x1b", run.stdout)
    assert set(targets) <= {"https://evil.example"}


@needs_script
@pytest.mark.parametrize("fmt", VIEW_FORMATS)
@pytest.mark.parametrize("command", [["show", "1"], ["glossary", "Clipboard"], ["timeline"]])
def test_installed_script_formats_on_a_pipe(tmp_path: Path, command: list[str], fmt: str) -> None:
    path = HOSTILE / "ok-escapes.yaml"
    run = run_script(["--brief", str(path), "--format", fmt, *command], tmp_path, False)
    assert run.code == 0, run.stderr
    assert run.written == []
    assert raw_characters(run.stdout + run.stderr) == []


# -- properties: any text in any field renders safely --------------------------------------


def _views(text: st.SearchStrategy[str]) -> st.SearchStrategy[list[object]]:
    """Every view of a brief whose every text field is drawn from ``text``."""
    from briefcli import query
    from briefcli.model import (
        Brief,
        GlossaryEntry,
        Metadata,
        Section,
        Source,
        Subsection,
        TimelineEvent,
        parse_event_date,
    )
    from briefcli.views import (
        ExportView,
        GlossaryView,
        OverviewView,
        SectionView,
        SummaryView,
        TermView,
        TimelineView,
    )

    def build(texts: list[str], paragraphs: list[str]) -> list[object]:
        t = iter(texts)
        sub = Subsection("1-1", next(t), tuple(paragraphs[:2]))
        section = Section("1", next(t), tuple(paragraphs), (sub,), "summary", (next(t),))
        entry = GlossaryEntry(next(t), next(t), next(t), (next(t),))
        event = TimelineEvent(parse_event_date("2024-10"), next(t), ("1",), "report")
        meta = Metadata("x", next(t), next(t), "2025", next(t), next(t))
        brief = Brief(meta, (section,), (entry,), (event,), (Source(next(t), next(t)),), (next(t),))
        return [
            OverviewView(brief, next(t)),
            SectionView(brief, query.SectionMatch(section)),
            SectionView(brief, query.SectionMatch(section, sub)),
            GlossaryView(brief, brief.glossary),
            TermView(brief, query.TermMatch(entry, next(t), ("1",))),
            TimelineView(brief, brief.timeline, None, None),
            SummaryView(brief, section.paragraphs, "report", source=section.id),
            SummaryView(brief, section.paragraphs, "extracted"),
            SummaryView(brief, section.key_points, "editor", query.SectionMatch(section)),
            SummaryView(brief, section.paragraphs, "extracted", query.SectionMatch(section, sub)),
            ExportView(brief),
        ]

    return st.builds(
        build, st.lists(text, min_size=17, max_size=17), st.lists(text, min_size=1, max_size=3)
    )


_HOSTILE_TEXT = st.lists(
    st.one_of(
        st.characters(),
        st.sampled_from(["\x1b", "\x07", "\x9b", "\u202e", "\u2066", "\u200b", "[", "]", ":"]),
        st.sampled_from(["[/]", "[bold]", ":smile:", "\x1b]52;c;eA==\x07", "\x1b[2J", "\r\n"]),
    ),
    max_size=12,
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(views=_views(_HOSTILE_TEXT), width=st.sampled_from([None, 1, 20, 100]))
def test_any_text_in_any_field_renders_without_raw_controls(
    views: list[object], width: int | None
) -> None:
    from briefcli.output import OutputSettings, to_ansi
    from briefcli.render import data, document, terminal, text

    for view in views:
        doc = document.build(view)  # type: ignore[arg-type]
        plain = text.render(doc, width)
        assert raw_characters(plain) == []
        for colour in (False, True):
            settings_ = OutputSettings(styled=True, color=colour, width=width or 80, pager=False)
            typeset = to_ansi(terminal.render(doc), settings_)
            assert raw_characters(typeset, colour=colour) == []
            if not colour:
                assert "\x1b" not in typeset
        assert raw_characters(data.to_json(view)) == []  # type: ignore[arg-type]


@settings(max_examples=100, deadline=None)
@given(paragraph=_HOSTILE_TEXT.filter(lambda s: s.strip() != ""))
def test_paragraphs_print_literally_but_for_escapes(paragraph: str) -> None:
    """Plain text without a width shows each paragraph exactly, escapes made visible."""
    from briefcli.model import Brief, Metadata, Section
    from briefcli.query import SectionMatch
    from briefcli.render import document, text
    from briefcli.sanitize import sanitize
    from briefcli.views import SectionView

    section = Section("1", "T", (paragraph,))
    brief = Brief(Metadata("x", "T", "", "", "", ""), (section,))
    out = text.render(document.build(SectionView(brief, SectionMatch(section))))
    assert out == f"1. T\n\n{sanitize(paragraph)}\n"


# -- --debug: a traceback only when asked for ---------------------------------------------


def test_without_debug_an_internal_error_is_one_line(
    brief: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefcli.render import text

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("renderer \x1b[2J broke")

    monkeypatch.setattr(text, "render", broken)
    result = brief("summary")
    assert result.exit_code == 70
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "brief: error: internal error: RuntimeError: renderer \\x1b[2J broke",
        "brief: hint: this is a bug in brief: run the command again with --debug and report "
        "the traceback",
    ]


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--debug", "summary"], {}),
        (["summary", "--debug"], {}),
        (["summary"], {"BRIEF_DEBUG": "1"}),
    ],
)
def test_debug_shows_the_traceback(
    brief: Runner, monkeypatch: pytest.MonkeyPatch, args: list[str], env: dict[str, str]
) -> None:
    from briefcli.render import text

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("renderer broke")

    monkeypatch.setattr(text, "render", broken)
    with pytest.raises(RuntimeError, match="renderer broke"):
        brief(*args, env=env)


def test_debug_re_raises_brief_errors_and_leaves_arguments_after_double_dash(
    brief: Runner, tmp_path: Path
) -> None:
    from briefcli.errors import BriefFileError, NotFoundError

    with pytest.raises(BriefFileError, match="no such file"):
        brief("--debug", "--brief", str(tmp_path / "missing.yaml"))
    result = brief("glossary", "--", "--debug")
    assert result.exit_code == 1 and "no glossary term '--debug'" in result.stderr
    with pytest.raises(NotFoundError):
        brief("--debug", "glossary", "--", "--debug")


def test_debug_is_listed_in_help(brief: Runner) -> None:
    assert "--debug" in brief("--help").stdout


@needs_script
def test_installed_script_with_debug_prints_a_traceback(tmp_path: Path) -> None:
    run = run_script(["--debug", "--brief", str(tmp_path / "nope.yaml")], tmp_path / "w", False)
    assert run.code == 1  # Python's own exit code for an uncaught exception
    assert "Traceback (most recent call last)" in run.stderr
    assert "BriefFileError" in run.stderr


# -- one-line fields --------------------------------------------------------------------------

_FORGED = "Harmless\nnk-russia-troops-2025  2025-02-28  shipped  Official\tReport"


def _one_line_fields_brief(folder: Path) -> Path:
    """A valid brief whose title, section title, term and category hold line breaks and tabs."""
    import yaml

    folder.mkdir(parents=True, exist_ok=True)
    data = {
        "schema_version": 1,
        "id": "forger",
        "title": _FORGED,
        "date": "2024-01-01",
        "sections": [
            {"id": "1", "title": "Intro\n2    99 words  1 min  Fake section", "paragraphs": ["x"]},
            {"id": "2", "title": "Next", "paragraphs": ["y"]},
        ],
        "glossary": [{"term": "Grain\nFake [Term]", "category": "C\tD", "definition": "d"}],
    }
    path = folder / "forger.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("colour", ["never", "always"])
def test_a_line_break_in_a_one_line_field_cannot_forge_a_line(
    brief: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, colour: str
) -> None:
    # A title, term or cell is one line in every listing: a brief in a shared folder must not
    # add a row to `brief list` that looks like another brief, or a section to the contents.
    path = _one_line_fields_brief(tmp_path / "shelf")
    monkeypatch.setenv("BRIEF_PATH", str(path.parent))
    listed = brief("list", "--color", colour, "--width", "300")
    assert listed.exit_code == 0, listed.stderr
    rows = [SGR.sub("", line) for line in listed.stdout.splitlines() if line.strip()]
    assert [row.split()[0] for row in rows if "2025-02-28" in row or "2024" in row] == [
        "forger",
        "nk-russia-troops-2025",
    ]
    assert "Harmless\\nnk-russia-troops-2025" in SGR.sub("", listed.stdout)
    contents = SGR.sub("", brief("-b", "forger", "--color", colour, "--width", "300").stdout)
    assert not any(line.startswith("2    99 words") for line in contents.splitlines())
    assert "Intro\\n2    99 words" in contents
    assert "Harmless\\nnk-russia" in contents.splitlines()[0]
    shown = SGR.sub("", brief("-b", "forger", "show", "1", "--color", colour).stdout)
    assert shown.splitlines()[0] == "1. Intro\\n2    99 words  1 min  Fake section"
    terms = SGR.sub("", brief("-b", "forger", "glossary", "--color", colour).stdout)
    assert "Grain\\nFake [Term]" in terms and "C D" in terms
    assert not any(line.startswith("Fake") for line in terms.splitlines())
    json_out = brief("-b", "forger", "-f", "json")
    assert "Harmless\\nnk-russia" in json_out.stdout  # JSON keeps the data as written
