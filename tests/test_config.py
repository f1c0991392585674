"""The settings: --width, BRIEF_WIDTH and config.toml for the measure, colour and pager, and
`brief config`, which says what is in effect and where each setting comes from."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from briefcli import config, files, output
from conftest import Runner


@pytest.fixture
def config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The config file of a private config folder (not written yet)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    for name in ("BRIEF_WIDTH", "BRIEF_PAGER", "PAGER", "MANPAGER", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    folder = tmp_path / "config" / "briefcli"
    folder.mkdir(parents=True)
    return folder / "config.toml"


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


# -- brief config ------------------------------------------------------------------------------


def test_config_lists_each_setting_and_where_it_comes_from(
    brief: Runner, config_file: Path
) -> None:
    lines = brief("config").stdout.splitlines()
    assert lines[0].split() == ["width", "80", "default"]
    assert lines[1].split() == ["color", "auto", "default"]
    assert lines[2].split() == ["pager", "less", "-FRX", "default"]
    assert lines[3].split()[:3] == ["brief", "nk-russia-troops-2025", "default"]
    assert lines[-1] == f"Config file: {config_file} (none)"


def test_config_names_the_flag_the_variable_or_the_file(
    brief: Runner, config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_file.write_text('width = 72\ncolor = "never"\npager = "most -s"\n', encoding="utf-8")
    data = json.loads(brief("config", "-f", "json").stdout)
    assert data["view"] == "config"
    assert data["config_file"] == {"path": str(config_file), "exists": True}
    assert data["settings"]["width"] == {
        "value": 72,
        "from": "config file",
        "source": str(config_file),
    }
    assert data["settings"]["color"]["value"] == "never"
    assert data["settings"]["pager"]["value"] == "most -s"
    # The environment beats the file; a flag beats both.
    monkeypatch.setenv("BRIEF_WIDTH", "100")
    monkeypatch.setenv("PAGER", "more")  # PAGER comes after the file, as in git
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("BRIEF", "some-brief")
    settings = json.loads(brief("config", "-f", "json").stdout)["settings"]
    assert settings["width"] == {"value": 100, "from": "environment", "source": "BRIEF_WIDTH"}
    assert settings["color"] == {"value": "never", "from": "environment", "source": "NO_COLOR"}
    assert settings["pager"]["from"] == "config file"
    assert settings["brief"] == {"value": "some-brief", "from": "environment", "source": "BRIEF"}
    flagged = json.loads(
        brief(
            "-w", "40", "config", "--color", "always", "--no-pager", "-b", "x", "-f", "json"
        ).stdout
    )["settings"]
    assert flagged["width"] == {"value": 40, "from": "flag", "source": "--width"}
    assert flagged["color"] == {"value": "always", "from": "flag", "source": "--color"}
    assert flagged["pager"] == {"value": None, "from": "flag", "source": "--no-pager"}
    assert flagged["brief"] == {"value": "x", "from": "flag", "source": "--brief"}


def test_config_shows_the_default_set_with_brief_use(brief: Runner, config_file: Path) -> None:
    assert brief("use", "nk-russia").exit_code == 0
    setting = json.loads(brief("config", "-f", "json").stdout)["settings"]["brief"]
    assert setting["value"] == "nk-russia-troops-2025" and setting["from"] == "brief use"


# -- a bad config file: one line naming the file and the key, exit 2 -------------------------


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("width = 5\n", "width: '5' is too small: at least 20, or 0 to never wrap"),
        ("width = 99999\n", "width: '99999' is too large: at most 10,000"),
        ("width = -3\n", "width: '-3' is not a whole number"),
        ('width = "wide"\n', "width: must be a whole number, not a string"),
        ("width = true\n", "width: must be a whole number, not true or false"),
        ("width = 1e400\n", "width: must be a whole number, not a decimal number"),
        ('colour = "never"\n', "colour: unknown setting (did you mean 'color'?); the settings"),
        ('color = "sometimes"\n', "color: must be auto, always or never"),
        ("pager = 3\n", "pager: must be a string, not a number"),
        ("width = \n", "not valid TOML: Invalid value (at line 1, column 9)"),
        ("[width]\n", "width: must be a whole number, not a table"),
    ],
)
def test_a_bad_config_file_is_one_error_naming_file_and_key(
    brief: Runner, config_file: Path, text: str, said: str
) -> None:
    config_file.write_text(text, encoding="utf-8")
    for args in (("show", "1"), ("config",), ("glossary", "Storm Corps")):
        result = brief(*args)
        assert result.exit_code == 2 and result.stdout == ""
        assert (
            result.stderr
            == f"brief: error: {config_file}: {said}" + (result.stderr.split(said, 1)[1])
        )
        assert len(result.stderr.splitlines()) == 1


def test_a_config_file_that_is_not_a_file_is_one_error(brief: Runner, config_file: Path) -> None:
    config_file.mkdir()
    result = brief("show", "1")
    assert result.exit_code == 2
    assert result.stderr == f"brief: error: {config_file}: is a directory, not a config file\n"


def test_a_linked_config_file_is_read(brief: Runner, config_file: Path, tmp_path: Path) -> None:
    """Dotfile managers link config files into place: the link is followed."""
    kept = tmp_path / "dotfiles" / "brief.toml"
    kept.parent.mkdir()
    kept.write_text("width = 64\n", encoding="utf-8")
    config_file.symlink_to(kept)
    assert brief("config").stdout.splitlines()[0].split()[:3] == ["width", "64", "config"]


def test_a_missing_config_file_is_never_opened(
    config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("read_file called for a config file that does not exist")

    monkeypatch.setattr(files, "read_file", refuse)
    assert config.file_settings() == {}
    assert config.width().origin == config.DEFAULT


def test_brief_width_follows_the_same_rule(brief: Runner, config_file: Path) -> None:
    result = brief("show", "1", env={"BRIEF_WIDTH": "3"})
    assert result.exit_code == 2
    assert (
        result.stderr
        == "brief: error: BRIEF_WIDTH: '3' is too small: at least 20, or 0 to never wrap\n"
    )
    assert brief("show", "1", env={"BRIEF_WIDTH": ""}).exit_code == 0  # empty: not set


# -- the width: a minimum, and the measure on a terminal -------------------------------------


@pytest.mark.parametrize("value", ["1", "19", "-1"])
def test_a_width_below_twenty_is_refused(brief: Runner, value: str) -> None:
    for args in (("show", "4", "-w", value), ("-w", value, "show", "4")):
        result = brief(*args)
        assert result.exit_code == 2 and result.stdout == ""
        assert "at least 20, or 0 to never wrap" in result.stderr or "not a whole" in result.stderr


def test_width_zero_and_twenty_are_accepted(brief: Runner) -> None:
    assert brief("show", "4", "-w", "0").stdout == brief("show", "4").stdout  # a pipe: no wraps
    narrow = brief("show", "4", "-w", "20").stdout
    assert max(len(line) for line in narrow.splitlines()) <= 20


def test_the_measure_on_a_terminal(config_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    assert output.decide(stream=Terminal()).width == 80
    config_file.write_text("width = 100\n", encoding="utf-8")
    assert output.decide(stream=Terminal()).width == 100
    config_file.write_text("width = 0\n", encoding="utf-8")
    assert output.decide(stream=Terminal()).width == 120  # 0: the terminal's width
    config_file.write_text("width = 200\n", encoding="utf-8")
    assert output.decide(stream=Terminal()).width == 120  # never wider than the terminal
    monkeypatch.setenv("BRIEF_WIDTH", "60")
    assert output.decide(stream=Terminal()).width == 60
    assert output.decide(width=150, stream=Terminal()).width == 150  # the flag, as asked


def test_only_the_flag_wraps_a_pipe(config_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config_file.write_text("width = 60\n", encoding="utf-8")
    monkeypatch.setenv("BRIEF_WIDTH", "50")
    assert output.decide(stream=io.StringIO()).width is None
    assert output.decide(width=40, stream=io.StringIO()).width == 40


def test_colour_from_the_config_file_yields_to_the_environment(
    config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_file.write_text('color = "always"\n', encoding="utf-8")
    assert output.decide(stream=io.StringIO()).color  # as --color always
    monkeypatch.setenv("NO_COLOR", "1")
    assert not output.decide(stream=io.StringIO()).color
    config_file.write_text('color = "never"\n', encoding="utf-8")
    monkeypatch.delenv("NO_COLOR")
    assert not output.decide(stream=Terminal()).color
    assert output.decide("always", stream=Terminal()).color


def test_the_pager_from_the_config_file(config_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config_file.write_text('pager = "most -s"\n', encoding="utf-8")
    monkeypatch.setenv("PAGER", "more")
    assert output.pager_command() == ["most", "-s"]
    config_file.write_text('pager = "cat"\n', encoding="utf-8")
    assert output.pager_command() is None
    config_file.write_text('pager = "less -R | tee x"\n', encoding="utf-8")
    assert output.pager_command() == ["/bin/sh", "-c", "less -R | tee x"]
    monkeypatch.setenv("BRIEF_PAGER", "view")
    assert output.pager_command() == ["view"]


def test_the_default_pager_is_less(config_file: Path) -> None:
    command = output.pager_command()
    if command is not None:  # no less installed: no pager
        assert os.path.basename(command[0]) == "less" and command[1:] == ["-FRX"]
