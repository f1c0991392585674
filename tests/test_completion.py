"""Shell completion of values: section ids, glossary terms, brief ids, format names; fast."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefcli import catalog, completion, paths, search
from briefcli.cli import run
from briefcli.paths import default_brief_path

BRIEF_SCRIPT = Path(sys.executable).with_name("brief")


@pytest.fixture(autouse=True)
def user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Private user folders and no BRIEF or BRIEF_PATH from the developer's shell."""
    for name in ("BRIEF", "BRIEF_PATH", "_BRIEF_COMPLETE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    yield


def bash(line: str, cword: int | None = None) -> list[str]:
    """What the fast path answers bash for ``line`` (the cursor on the last word)."""
    words = line.split(" ")
    environ = {
        "_BRIEF_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(words) - 1 if cword is None else cword),
    }
    return answer(environ)


def answer(environ: dict[str, str]) -> list[str]:
    import io
    from contextlib import redirect_stdout

    out = io.StringIO()
    with redirect_stdout(out):
        code = completion.fast_complete(environ)
    assert code == 0, f"the fast path stepped aside for {environ}"
    return out.getvalue().splitlines()


def mini(folder: Path, brief_id: str, *terms: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    glossary = "".join(
        f"  - term: {json.dumps(t)}\n    category: Concept\n    definition: D.\n" for t in terms
    )
    text = (
        f"id: {brief_id}\ntitle: T\nsections:\n  - id: '1'\n    title: One\n"
        "    paragraphs: [Hello.]\n"
        "    subsections:\n      - id: 1-1\n        title: Sub\n        paragraphs: [x]\n"
        + (f"glossary:\n{glossary}" if terms else "")
    )
    path = folder / f"{brief_id}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# -- the examples, through the installed script ------------------------------------------


@pytest.mark.skipif(not BRIEF_SCRIPT.exists(), reason="brief is not installed next to python")
@pytest.mark.parametrize(
    ("words", "cword", "expected"),
    [
        ("brief glossary Sto", "2", "'Storm Corps'\n"),
        ("brief show 4-", "2", "4-1\n4-2\n4-3\n"),
    ],
)
def test_the_installed_script_completes_values(words: str, cword: str, expected: str) -> None:
    env = {
        **os.environ,
        "COMP_WORDS": words,
        "COMP_CWORD": cword,
        "_BRIEF_COMPLETE": "complete_bash",
    }
    for _ in range(2):  # a cold index, then a warm one: the same answer
        done = subprocess.run(
            [str(BRIEF_SCRIPT)], env=env, capture_output=True, text=True, check=False
        )
        assert (done.returncode, done.stdout, done.stderr) == (0, expected, "")


def test_the_fast_path_imports_almost_nothing() -> None:
    probe = (
        "import os, sys\n"
        "from briefcli.cli import run\n"
        "code = run()\n"
        "heavy = ['typer', 'click', 'rich', 'yaml', 'dataclasses', 'pathlib', 'briefcli.loader',"
        " 'briefcli.catalog', 'briefcli.search']\n"
        "print(code, [m for m in heavy if m in sys.modules])\n"
    )
    env = {**os.environ, "COMP_WORDS": "brief glossary Sto", "COMP_CWORD": "2"}
    env["_BRIEF_COMPLETE"] = "complete_bash"
    first = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
    assert first.stdout.splitlines()[-1].startswith("0 ")  # a cold index may need the modules
    # A file changed within RACY_NS of its check is re-read: wait out a fresh install's window.
    import time

    changed = os.stat(default_brief_path()).st_ctime_ns
    time.sleep(max(0, changed + search.RACY_NS - time.time_ns()) / 1e9)
    subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
    warm = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
    assert warm.stdout.splitlines() == ["'Storm Corps'", "0 []"]


# -- values ---------------------------------------------------------------------------------------


def test_glossary_terms_are_quoted_for_bash() -> None:
    assert bash("brief glossary Sto") == ["'Storm Corps'"]
    assert bash("brief glossary sto") == ["'Storm Corps'"]  # any case
    # bash keeps a quoted word whole: the quote already typed is the third word.
    assert bash('brief glossary "Storm C', cword=2) == ['"Storm Corps"']
    assert "'Storm Corps'" in bash("brief glossary ")


def test_section_ids_for_show_and_section_options() -> None:
    assert bash("brief show 4-") == ["4-1", "4-2", "4-3"]
    assert bash("brief show section 4-") == ["4-1", "4-2", "4-3"]
    assert bash("brief show con") == ["conclusion"]
    assert bash("brief summary --section 6") == ["6", "6-1", "6-2", "6-3"]
    assert bash("brief search troops -s 2-") == ["2-1", "2-2", "2-3"]


def test_values_follow_the_brief_option(tmp_path: Path) -> None:
    path = mini(tmp_path / "shelf", "mini", "Alpha Term", "Alpha Two")
    expected = ["'Alpha Term'", "'Alpha Two'"]
    assert bash(f"brief -b {path} glossary Al") == expected
    assert bash(f"brief glossary --brief={path} Al") == expected
    assert bash(f"brief show -b{path} 1") == ["1", "1-1"]


def test_values_follow_brief_by_id_and_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mini(tmp_path / "shelf", "mini", "Alpha Term")
    monkeypatch.setenv("BRIEF_PATH", str(tmp_path / "shelf"))
    assert bash("brief -b mini glossary Al") == ["'Alpha Term'"]
    monkeypatch.setenv("BRIEF", "mini")
    assert bash("brief glossary Al") == ["'Alpha Term'"]
    monkeypatch.delenv("BRIEF")
    catalog.write_default("mini", str(tmp_path / "shelf" / "mini.yaml"))
    assert bash("brief glossary Al") == ["'Alpha Term'"]


def test_brief_ids_for_the_brief_option_and_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mini(tmp_path / "shelf", "mini-one")
    mini(tmp_path / "shelf", "mini-two")
    monkeypatch.setenv("BRIEF_PATH", str(tmp_path / "shelf"))
    assert bash("brief -b mini") == ["mini-one", "mini-two"]
    assert bash("brief use ") == ["mini-one", "mini-two", "nk-russia-troops-2025"]
    assert bash("brief show 4 --brief ./") == []  # a path: the shell completes files


def test_format_color_and_sort_names() -> None:
    assert bash("brief show 4 --format ") == ["text", "markdown", "json", "yaml"]
    assert "html" in bash("brief export --format ")
    assert bash("brief -f j") == ["json"]
    assert bash("brief --color a") == ["auto", "always"]
    assert bash("brief list --sort ") == ["id", "date"]
    assert bash("brief timeline --since ") == []


def test_other_shells_get_their_own_form() -> None:
    zsh = answer({"_BRIEF_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "brief glossary Sto"})
    assert zsh == ["_arguments '*: :((\"Storm Corps\"))'"]
    none = answer({"_BRIEF_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "brief show 99"})
    assert none == ["_files"]
    fish = {"_BRIEF_COMPLETE": "complete_fish", "_TYPER_COMPLETE_ARGS": "brief show 4-"}
    assert answer({**fish, "_TYPER_COMPLETE_FISH_ACTION": "get-args"}) == ["4-1", "4-2", "4-3"]
    assert completion.fast_complete({**fish, "_TYPER_COMPLETE_FISH_ACTION": "is-args"}) == 0
    power = {
        "_BRIEF_COMPLETE": "complete_powershell",
        "_TYPER_COMPLETE_ARGS": "brief show 4-",
        "_TYPER_COMPLETE_WORD_TO_COMPLETE": "4-",
    }
    assert answer(power) == ["4-1::: ", "4-2::: ", "4-3::: "]


@pytest.mark.parametrize(
    "line",
    ["brief ", "brief sh", "brief show --", "brief --unknown x glossary Sto", "brief import x"],
)
def test_names_and_unknowns_are_left_to_typer(line: str) -> None:
    environ = {"_BRIEF_COMPLETE": "complete_bash", "COMP_WORDS": line}
    environ["COMP_CWORD"] = str(len(line.split(" ")) - 1)
    assert completion.fast_complete(environ) is None


def test_a_broken_brief_offers_nothing_and_never_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\n")
    assert bash(f"brief -b {bad} glossary A") == []
    assert bash("brief -b nothing-of-that-name glossary A") == []


# -- Typer's own answers agree (the path taken when the fast one steps aside) ---------------------


def typer_answer(environ: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> str:
    import io
    from contextlib import redirect_stdout

    monkeypatch.setattr(completion, "fast_complete", lambda environ=None: None)
    for key, value in environ.items():
        monkeypatch.setenv(key, value)
    out = io.StringIO()
    with redirect_stdout(out), pytest.raises(SystemExit):
        run([])
    return out.getvalue()


@pytest.mark.parametrize(
    "line",
    ["brief glossary Storm", "brief show 4-", "brief summary -s 6", "brief show 4 --format ",
     "brief --color al", "brief list --sort "],
)  # fmt: skip
def test_typer_gives_the_same_values(line: str, monkeypatch: pytest.MonkeyPatch) -> None:
    environ = {"_BRIEF_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line}
    fast = "\n".join(answer(environ))
    assert typer_answer(environ, monkeypatch).strip() == fast


def test_typer_completes_command_names(monkeypatch: pytest.MonkeyPatch) -> None:
    environ = {"_BRIEF_COMPLETE": "complete_bash", "COMP_WORDS": "brief se", "COMP_CWORD": "1"}
    assert typer_answer(environ, monkeypatch).split() == ["search"]


def test_tables_agree_with_the_typer_app() -> None:
    import typer.main

    import briefcli.commands.export
    import briefcli.commands.glossary
    import briefcli.commands.import_report
    import briefcli.commands.list_briefs
    import briefcli.commands.overview
    import briefcli.commands.search
    import briefcli.commands.show
    import briefcli.commands.summary
    import briefcli.commands.timeline
    import briefcli.commands.use
    import briefcli.commands.validate  # noqa: F401
    from briefcli.app import app

    group: Any = typer.main.get_command(app)
    commands: dict[str, Any] = {"": group, **group.commands}
    assert set(completion.ARGUMENTS) <= set(group.commands)
    for name, command in commands.items():
        for param in command.params:
            if param.param_type_name != "option":
                continue
            takes_value = not (param.is_flag or param.count)
            for opt in param.opts + param.secondary_opts:
                if opt in completion.VALUE_OPTIONS or opt in completion.FLAGS:
                    assert (opt in completion.VALUE_OPTIONS) == takes_value, (name, opt)
                choices = getattr(param.type, "choices", None)
                listed = completion.choices_for(name, opt)
                if listed is not None and choices is not None:
                    assert list(listed) == [str(c) for c in choices], (name, opt)


def test_facts_copied_into_completion_agree_with_their_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert completion.INDEX_NAME == search.INDEX_NAME
    assert completion.RACY_NS == search.RACY_NS
    assert completion.DEFAULT_FILE == catalog.DEFAULT_FILE
    assert completion.shipped_brief() == str(default_brief_path())
    assert completion._xdg("XDG_CACHE_HOME", ".cache") == str(paths.cache_dir())
    assert completion._xdg("XDG_CONFIG_HOME", ".config") == str(paths.config_dir())
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")
    assert completion._xdg("XDG_CACHE_HOME", ".cache") == str(paths.cache_dir())
    # The quick choice of the current brief is catalog.choose's, where it answers at all.
    path = mini(tmp_path / "shelf", "mini")
    assert completion._quick_choice(None) == catalog.choose(None).path
    assert completion._quick_choice(str(path)) == catalog.choose(str(path)).path
    monkeypatch.setenv("BRIEF", str(path))
    assert completion._quick_choice(None) == catalog.choose(None).path
    monkeypatch.delenv("BRIEF")
    catalog.write_default("mini", str(path))
    assert completion._quick_choice(None) == catalog.choose(None).path


@pytest.mark.skipif(not BRIEF_SCRIPT.exists(), reason="brief is not installed next to python")
def test_typer_writes_the_install_script() -> None:
    done = subprocess.run(
        [str(BRIEF_SCRIPT), "--show-completion", "bash"], capture_output=True, text=True
    )
    assert done.returncode == 0
    assert "_BRIEF_COMPLETE=complete_bash" in done.stdout
    assert "complete -o default -F _brief_completion brief" in done.stdout


# -- splitting and quoting -----------------------------------------------------------------------


@given(st.lists(st.text(alphabet=st.characters(exclude_characters="\x00"), min_size=1), max_size=5))
def test_split_words_reads_what_shlex_quotes(words: list[str]) -> None:
    line = " ".join(shlex.quote(w) for w in words)
    assert [value for value, _ in completion.split_words(line)] == words


@given(st.text(alphabet=st.characters(exclude_characters="\x00"), min_size=1))
def test_bash_quote_gives_back_one_word(value: str) -> None:
    assert shlex.split(completion.bash_quote(value), posix=True) == [value]
    # shlex keeps the backslash of \$ and \` inside double quotes; bash does not.
    if "$" not in value and "`" not in value:
        assert shlex.split(completion.bash_quote(value, '"'), posix=True) == [value]


def test_split_words_keeps_an_unfinished_quote() -> None:
    assert completion.split_words('brief glossary "Storm C') == [
        ("brief", "brief"), ("glossary", "glossary"), ("Storm C", '"Storm C'),
    ]  # fmt: skip
    assert completion.split_words("a\\ b 'c d'") == [("a b", "a\\ b"), ("c d", "'c d'")]
