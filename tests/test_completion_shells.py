"""Tab completion in real bash, zsh and fish: every value arrives as inert, literal text.

Each test loads the script ``brief --show-completion`` prints in that shell and completes
glossary terms of a brief full of shell syntax. bash and zsh run interactively on a
pseudo-terminal: the test types ``brief glossary PREFIX``, a Tab and Enter, and a shell
function named ``brief`` (the completion itself runs the installed script) records the
arguments it got. fish completes with ``complete -C``. A test skips only where its shell is
not installed.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

BRIEF_SCRIPT = Path(sys.executable).with_name("brief")

pytestmark = [
    pytest.mark.skipif(not BRIEF_SCRIPT.exists(), reason="brief is not installed next to python"),
    pytest.mark.skipif(sys.platform == "win32", reason="POSIX shells on a pseudo-terminal"),
]


def hostile_terms(marker: Path) -> list[str]:
    """Terms full of shell syntax, each with a prefix no other term has (its first word)."""
    return [
        f"Grain \\$(touch {marker})",  # the example: zsh ran it
        f"Tick `touch {marker}` $(touch {marker})",
        "Tail \\",  # a trailing backslash broke zsh's whole list
        "Quote It's \"q\" ''",
        "Colon: yes :: \\:",
        "Star * and ?[ab] [!x]",
        "Two  spaces   three",
        "Semi a;b|c&d>e<f",
        "Brace {x,y} ~u !h !! #x",
        "Dollar $HOME ${PATH} $'\\x41'",
        "Paren (x) +(y) @(z) !(w)",
        "Unicode é ü 北 —",
        "Dash -n --x",
    ]


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[dict[str, str], list[str], Path]:
    """(environment, terms, marker file): BRIEF names a brief with the hostile terms."""
    marker = tmp_path / "ran"
    terms = hostile_terms(marker)
    glossary = "".join(
        f"  - term: {json.dumps(t)}\n    category: Concept\n    definition: D.\n" for t in terms
    )
    brief = tmp_path / "hostile.yaml"
    brief.write_text(
        "id: hostile\ntitle: T\nsections:\n  - id: '1'\n    title: One\n"
        f"    paragraphs: [Hello.]\nglossary:\n{glossary}",
        encoding="utf-8",
    )
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "PATH": f"{BRIEF_SCRIPT.parent}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
        "HOME": str(home),
        "TERM": "dumb",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "BRIEF": str(brief),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    return env, terms, marker


def completion_script(shell: str, env: dict[str, str]) -> str:
    """What ``brief --show-completion`` prints when run from ``shell`` (Typer detects it)."""
    done = subprocess.run(
        [shutil.which(shell) or shell, "-c", "brief --show-completion; true"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "_BRIEF_COMPLETE=complete_" + shell in done.stdout
    return done.stdout


def first_word(term: str) -> str:
    """What to type before Tab: the term's first word (bash ends a word at a colon)."""
    return term.split(" ")[0].rstrip(":")


class Terminal:
    """An interactive shell on a pseudo-terminal: type lines, wait for what they print."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        import pty

        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # pragma: no cover - the child
            os.execvpe(argv[0], argv, env)
        self.seen = b""

    def type(self, text: str) -> None:
        os.write(self.fd, text.encode("utf-8"))

    def wait_for(self, marker: str, timeout: float = 30.0) -> bool:
        """Read until ``marker`` has been printed (False if the shell never prints it)."""
        wanted = marker.encode()
        end = time.monotonic() + timeout
        while wanted not in self.seen and time.monotonic() < end:
            ready, _, _ = select.select([self.fd], [], [], 0.1)
            if ready:
                try:
                    data = os.read(self.fd, 65536)
                except OSError:
                    return False
                if not data:
                    return False
                self.seen += data
        return wanted in self.seen

    def close(self) -> None:
        import signal
        from contextlib import suppress

        with suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def complete_interactively(
    argv: list[str], setup: list[str], lines: list[str], env: dict[str, str], record: Path
) -> list[list[str] | None]:
    """For each line: type it, Tab, Enter; the arguments ``brief`` then got (None: not run)."""
    terminal = Terminal(argv, env)
    try:
        for command in setup:
            terminal.type(command + "\n")
        # The quotes keep the typed command itself from matching what it prints.
        terminal.type("echo RE''ADY\n")
        assert terminal.wait_for("READY"), terminal.seen.decode(errors="replace")
        results: list[list[str] | None] = []
        for number, line in enumerate(lines):
            record.unlink(missing_ok=True)
            terminal.type(line + "\t\n")
            terminal.type(f"echo DO''NE{number}\n")
            if not terminal.wait_for(f"DONE{number}"):
                pytest.fail(
                    f"the shell hung after {line!r}:\n{terminal.seen.decode('utf-8', 'replace')}"
                )
            got = record.read_text(encoding="utf-8").split("\0")[:-1] if record.exists() else None
            results.append(got)
        return results
    finally:
        terminal.close()


def recorded(terms: list[str], results: list[list[str] | None]) -> dict[str, list[str] | None]:
    return dict(zip(terms, results, strict=True))


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_completes_hostile_terms_literally(
    hostile: tuple[dict[str, str], list[str], Path], tmp_path: Path
) -> None:
    env, terms, marker = hostile
    script = tmp_path / "brief.zsh"
    script.write_text(completion_script("zsh", env), encoding="utf-8")
    record = tmp_path / "args"
    setup = [
        "PS1='$ '",
        "autoload -Uz compinit && compinit -u -D",
        f"source {script}",
        # Runs on Enter, with the completed line; the completion ran the real script.
        f"brief() {{ printf '%s\\0' \"$@\" > {record} }}",
    ]
    lines = [f"brief glossary {first_word(t)}" for t in terms]
    results = complete_interactively(["zsh", "-f", "-i"], setup, lines, env, record)
    assert recorded(terms, results) == {t: ["glossary", t] for t in terms}
    assert not marker.exists()


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
@pytest.mark.parametrize(
    "shopt",
    ["", "shopt -s failglob", "shopt -s nullglob extglob"],
    ids=["plain", "failglob", "nullglob"],
)
def test_bash_completes_hostile_terms_literally(
    hostile: tuple[dict[str, str], list[str], Path], tmp_path: Path, shopt: str
) -> None:
    env, terms, marker = hostile
    script = tmp_path / "brief.bash"
    script.write_text(completion_script("bash", env), encoding="utf-8")
    record = tmp_path / "args"
    setup = [
        "PS1='$ '",
        f"source {script}",
        f"brief() {{ printf '%s\\0' \"$@\" > {record}; }}",
        *([shopt] if shopt else []),
    ]
    # Bare, and after an opening double quote (the answer continues the quote).
    lines = [f"brief glossary {first_word(t)}" for t in terms]
    lines += [f'brief glossary "{first_word(t)}' for t in terms]
    results = complete_interactively(
        ["bash", "--norc", "--noprofile", "-i"], setup, lines, env, record
    )
    expected = {t: ["glossary", t] for t in terms}
    assert recorded(terms, results[: len(terms)]) == expected
    assert recorded(terms, results[len(terms) :]) == expected
    assert not marker.exists()


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_completes_hostile_terms_literally(
    hostile: tuple[dict[str, str], list[str], Path], tmp_path: Path
) -> None:
    env, terms, marker = hostile
    script = tmp_path / "brief.fish"
    script.write_text(completion_script("fish", env), encoding="utf-8")
    # fish lists the candidates as they would be completed, one per line, unescaped.
    done = subprocess.run(
        ["fish", "--no-config", "-c", f"source {script}; complete -C 'brief glossary '"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert sorted(done.stdout.splitlines()) == sorted(terms)
    for term in terms:
        typed = first_word(term).replace("\\", "\\\\").replace("'", "\\'")
        one = subprocess.run(
            ["fish", "--no-config", "-c", f"source {script}; complete -C 'brief glossary {typed}'"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        assert one.stdout.splitlines() == [term]
    assert not marker.exists()
