"""A hostile or merely unusual machine: locales, closed and full streams, homes, limits, pagers.

Where the behaviour is about processes (streams, limits, signals, argument bytes) the installed
script runs as a real process, from another folder, with private XDG folders; the rest runs
in-process. Every case ends in one line on stderr and a documented exit code, never exit 70.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefcli import output, paths
from briefcli.errors import UsageError
from conftest import REPO, Runner

BRIEF_SCRIPT = Path(sys.executable).with_name("brief")
SHIPPED = REPO / "briefs" / "nk-russia-troops-2025.yaml"
TIMEOUT = 60  # seconds; only a guard against a hang, never asserted on
NOT_UTF8 = b"a\xff"

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="POSIX streams, limits and file names"),
    pytest.mark.skipif(not BRIEF_SCRIPT.exists(), reason="brief is not installed next to python"),
]


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment minus what changes brief's output, with private folders, plus ``extra``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in ("BRIEF", "BRIEF_PATH", "BRIEF_DEBUG", "BRIEF_PAGER", "PAGER", "COLUMNS", "LINES",
                "PYTHONIOENCODING", "_BRIEF_COMPLETE", "NO_COLOR", "FORCE_COLOR")
    }  # fmt: skip
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        PATH=f"{BRIEF_SCRIPT.parent}{os.pathsep}{env.get('PATH', '')}",
    )
    env.update(extra)
    return env


def brief(
    tmp_path: Path, *args: str | bytes, stdin: int | None = None, **env: str
) -> subprocess.CompletedProcess[bytes]:
    """The installed ``brief ARGS`` (bytes allowed, as a shell passes them), run in tmp_path."""
    return subprocess.run(
        [str(BRIEF_SCRIPT), *args],
        env=environment(tmp_path, **env),
        cwd=tmp_path,
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
    )


def shell(tmp_path: Path, line: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    """``line`` under /bin/sh (``brief`` is the installed script), for redirections and ulimit."""
    return subprocess.run(
        ["/bin/sh", "-c", line],
        env=environment(tmp_path, **env),
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
    )


def error_line(done: subprocess.CompletedProcess[bytes], code: int = 2) -> str:
    """The ``brief: error:`` line (a hint may follow), after checking the exit code."""
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == code, stderr
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert lines and lines[0].startswith("brief: error: "), stderr
    assert all(line.startswith("brief: ") for line in lines), stderr
    return lines[0]


# -- arguments and file names that are not UTF-8 ---------------------------------------------


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (("search", NOT_UTF8), "the query"),
        (("search", "--all", NOT_UTF8), "the query"),
        (("import", str(SHIPPED.parent / "sources" / "nk-russia-troops-2025.txt"), "-o", "-",
          "--title", NOT_UTF8), "--title"),
        (("import", str(SHIPPED.parent / "sources" / "nk-russia-troops-2025.txt"), "-o", "-",
          "--id", NOT_UTF8), "--id"),
    ],
    ids=["search", "search-all", "import-title", "import-id"],
)  # fmt: skip
def test_text_that_is_not_utf8_is_a_usage_error(
    tmp_path: Path, args: tuple[str | bytes, ...], what: str
) -> None:
    done = brief(tmp_path, *args)
    assert (
        error_line(done)
        == f"brief: error: {what} 'a\\xff' is not text: it holds bytes that are not UTF-8"
    )
    assert done.stdout == b""


def test_a_report_whose_name_is_not_utf8_is_imported(tmp_path: Path) -> None:
    name = b"report-\xff.md"
    (tmp_path / os.fsdecode(name)).write_text("# Title\n\n## One\n\nSome text for the section.\n")
    done = brief(tmp_path, "import", name, "-o", "-")
    assert done.returncode == 0, done.stderr
    assert "source: report-\ufffd.md" in done.stdout.decode()


def test_a_file_name_that_is_not_utf8_still_reads(tmp_path: Path) -> None:
    name = b"brief-\xff.yaml"
    (tmp_path / os.fsdecode(name)).write_bytes(SHIPPED.read_bytes())
    done = brief(tmp_path, "-b", name, "show", "4-1")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"4-1. Recent intelligence")


# -- closed and full streams -----------------------------------------------------------------


def test_search_with_stderr_closed_still_answers(tmp_path: Path) -> None:
    done = shell(tmp_path, "brief search troops 2>&-")
    assert done.returncode == 0
    assert "«" in done.stdout.decode()


@pytest.mark.parametrize("args", ["--help", "-h", "show --help", "import --help"])
def test_help_to_a_closed_stdout_is_one_error(tmp_path: Path, args: str) -> None:
    line = error_line(shell(tmp_path, f"brief {args} >&-"))
    assert line == "brief: error: cannot write the output: stdout is closed"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("args", ["--help", "search --help"])
def test_help_to_a_full_disk_is_one_error(tmp_path: Path, args: str) -> None:
    line = error_line(shell(tmp_path, f"brief {args} >/dev/full"))
    assert line == "brief: error: cannot write the output: No space left on device"


@pytest.mark.parametrize("args", ["--help", "show --help", "show 4", "export --format json"])
def test_a_file_size_limit_is_one_error_not_a_cut_file(tmp_path: Path, args: str) -> None:
    # ulimit -f 1: 512 or 1,024 bytes, less than any of these outputs. Python ignores SIGXFSZ.
    done = shell(tmp_path, f"ulimit -f 1 && brief {args} > out.txt")
    assert error_line(done) == "brief: error: cannot write the output: File too large"


def test_help_still_prints_whole_to_a_pipe(tmp_path: Path) -> None:
    done = brief(tmp_path, "--help")
    assert done.returncode == 0
    assert done.stdout.startswith(b"Usage: brief [OPTIONS] COMMAND [ARGS]...\n")
    assert done.stdout.rstrip().endswith(b"where each comes from.")


# -- encodings ------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "utf-16"])
@pytest.mark.parametrize(
    "args",
    [("export", "--format", "json"), ("cite", "4", "--format", "csl-json"), ("schema",)],
    ids=["export", "csl-json", "schema"],
)
def test_json_is_exact_on_any_stdout_encoding(
    tmp_path: Path, encoding: str, args: tuple[str, ...]
) -> None:
    narrow = brief(tmp_path, *args, PYTHONIOENCODING=encoding)
    wide = brief(tmp_path, *args, PYTHONIOENCODING="utf-8")
    assert narrow.returncode == wide.returncode == 0
    assert json.loads(narrow.stdout.decode(encoding)) == json.loads(wide.stdout.decode())


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize(
    "args",
    [("export", "--format", "yaml", "-o", "-"), ("show", "4", "--format", "yaml")],
    ids=["export", "show"],
)
def test_yaml_is_exact_on_any_stdout_encoding(
    tmp_path: Path, encoding: str, args: tuple[str, ...]
) -> None:
    """The shipped brief's ’ and — reached a narrow stdout as ' and -- (stand-ins that
    changed the report's text): YAML's own \\uXXXX escapes load back to the very text."""
    import yaml

    narrow = brief(tmp_path, *args, PYTHONIOENCODING=encoding)
    json_args = [arg if arg != "yaml" else "json" for arg in args]
    wide = brief(tmp_path, *json_args, PYTHONIOENCODING="utf-8")
    assert narrow.returncode == wide.returncode == 0
    assert yaml.safe_load(narrow.stdout.decode(encoding)) == json.loads(wide.stdout.decode())


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252"])
def test_json_escapes_what_the_encoding_lacks(encoding: str) -> None:
    data = {"text": 'North Korea’s 1.2 million — «Σίσυφος» 🎉 \\u2019 "q"', "n": 1}
    text = json.dumps(data, ensure_ascii=False)
    carried = output.json_encodable(text, encoding)
    carried.encode(encoding)  # no error
    assert json.loads(carried) == data


def test_json_that_fits_is_left_alone() -> None:
    text = '{"a": "é"}'
    assert output.json_encodable(text, "latin-1") is text
    assert output.json_encodable(text, "no-such-encoding") is text


# -- homes and places -----------------------------------------------------------------------


@pytest.mark.parametrize("home", ["", "relative/home", "."])
def test_a_home_that_is_not_absolute_counts_as_unset(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, home: str
) -> None:
    import pwd

    account = tmp_path / "account"

    class Entry:
        pw_dir = str(account)

    monkeypatch.setattr(pwd, "getpwuid", lambda uid: Entry())
    monkeypatch.setenv("HOME", home)
    for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(name, raising=False)
    assert paths.data_folder() == str(account / ".local" / "share" / "briefcli")
    assert paths.cache_folder() == str(account / ".cache" / "briefcli")
    assert paths.config_folder() == str(account / ".config" / "briefcli")
    assert str(paths.state_dir()) == str(account / ".local" / "state" / "briefcli")


def test_without_any_home_brief_stops_rather_than_write_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pwd

    def no_entry(uid: int) -> object:
        raise KeyError(uid)

    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    monkeypatch.setenv("HOME", "")
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    with pytest.raises(UsageError, match="no home folder"):
        paths.data_folder()
    monkeypatch.setenv("XDG_DATA_HOME", "/somewhere")  # XDG alone is enough
    assert paths.data_folder() == "/somewhere/briefcli"


def test_an_empty_home_with_xdg_set_writes_nothing_here(tmp_path: Path) -> None:
    done = brief(tmp_path, "use", str(SHIPPED), HOME="")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "config" / "briefcli" / "default-brief").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "config"]


def test_use_remembers_the_file_behind_dev_stdin(tmp_path: Path) -> None:
    copy = tmp_path / "mine.yaml"
    copy.write_bytes(SHIPPED.read_bytes())
    with copy.open("rb") as stdin:
        done = brief(tmp_path, "use", "/dev/stdin", stdin=stdin.fileno())
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == f"Default brief: nk-russia-troops-2025 ({copy})\n"
    remembered = (tmp_path / "config" / "briefcli" / "default-brief").read_text()
    assert remembered == f"nk-russia-troops-2025\n{copy}\n"


def test_use_refuses_a_path_with_a_line_break(tmp_path: Path) -> None:
    odd = tmp_path / "two\nlines.yaml"
    odd.write_bytes(SHIPPED.read_bytes())
    line = error_line(brief(tmp_path, "use", str(odd)))
    assert "its name has a line break" in line
    assert not (tmp_path / "config" / "briefcli" / "default-brief").exists()


# -- limits of the machine ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("failure", "said"),
    [
        (MemoryError(), "brief: error: out of memory"),
        (OSError(errno.EMFILE, "Too many open files"), "brief: error: too many open files"),
        (OSError(errno.ENFILE, "File table overflow"), "brief: error: too many open files"),
        (OSError(errno.EAGAIN, "Resource temporarily unavailable"),
         "brief: error: the system is out of resources: Resource temporarily unavailable"),
    ],
    ids=["memory", "emfile", "enfile", "eagain"],
)  # fmt: skip
def test_a_limit_reached_is_one_line_not_a_bug(
    brief_in_process: Runner, monkeypatch: pytest.MonkeyPatch, failure: Exception, said: str
) -> None:
    from briefcli.render import text

    def fails(*args: object, **kwargs: object) -> str:
        raise failure

    monkeypatch.setattr(text, "render", fails)
    result = brief_in_process("summary")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == said
    assert "bug" not in result.stderr


def test_a_real_bug_is_still_exit_70(
    brief_in_process: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefcli.render import text

    def fails(*args: object, **kwargs: object) -> str:
        raise OSError(errno.EINVAL, "Invalid argument")

    monkeypatch.setattr(text, "render", fails)
    assert brief_in_process("summary").exit_code == 70


def test_out_of_memory_while_loading_is_one_line(tmp_path: Path) -> None:
    # Fail the first import that brief's dispatch makes, as a small ulimit -v does (the real
    # limit depends on the machine, so it is not used here).
    hook = tmp_path / "sitecustomize.py"
    hook.write_text(
        "import builtins\n"
        "real = builtins.__import__\n"
        "def failing(name, *args, **kwargs):\n"
        "    if name == 'typer':\n"
        "        raise MemoryError\n"
        "    return real(name, *args, **kwargs)\n"
        "builtins.__import__ = failing\n"
    )
    done = brief(tmp_path, "show", "4", PYTHONPATH=str(tmp_path))
    assert error_line(done) == "brief: error: out of memory"


@pytest.fixture
def brief_in_process(brief: Runner) -> Runner:
    """conftest's in-process runner, under a name that does not clash with :func:`brief`."""
    return brief


# -- the glossary with a Turkish dotted capital I --------------------------------------------


def test_a_turkish_capital_i_is_found_from_plain_letters(
    brief_in_process: Runner, tmp_path: Path
) -> None:
    text = SHIPPED.read_text(encoding="utf-8").replace(
        "- term: Storm Corps\n",
        "- term: İstanbul Accord\n  category: Concept\n  definition: A meeting.\n"
        "- term: Storm Corps\n",
        1,
    )
    path = tmp_path / "turkish.yaml"
    path.write_text(text, encoding="utf-8")
    for query in ("istanbul accord", "ISTANBUL ACCORD", "İstanbul Accord", "İSTANBUL ACCORD"):
        result = brief_in_process("glossary", query, "-b", str(path))
        assert (result.exit_code, result.stderr) == (0, "")  # found, not corrected
        assert result.stdout.startswith("İstanbul Accord [Concept]")
    # A dotless ı is another letter, in Turkish as in Unicode: only a near match.
    result = brief_in_process("glossary", "ıstanbul accord", "-b", str(path))
    assert result.stderr == "brief: showing 'İstanbul Accord' for 'ıstanbul accord'\n"


# -- pagers that die ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pager", "code", "said"),
    [
        ("sh -c 'kill -TERM $$'", 2, "was killed by SIGTERM"),
        ("{script} TERM", 2, "was killed by SIGTERM"),
        ("{script} INT", 130, None),
        ("sh -c 'kill -PIPE $$'", 141, None),
    ],
    ids=["shell-term", "direct-term", "ctrl-c", "pipe"],
)
def test_a_killed_pager_is_not_success(
    tmp_path: Path, pager: str, code: int, said: str | None
) -> None:
    from test_pipes import on_terminal

    script = tmp_path / "dies"
    script.write_text('#!/bin/sh\nkill -"$1" $$\n')
    script.chmod(0o755)
    env = environment(tmp_path, BRIEF_PAGER=pager.format(script=script))
    screen = on_terminal("export", **{key: env[key] for key in ("BRIEF_PAGER", "HOME")})
    assert screen.exit_code == code, screen.stderr
    ours = [line for line in screen.stderr.splitlines() if line.startswith("brief: ")]
    if said is None:
        assert ours == []
    else:  # the shell may say 'Terminated' first
        assert len(ours) == 2 and ours[1].startswith("brief: hint: ")
        assert ours[0].startswith("brief: error: the pager ") and said in ours[0]
