"""The settings in effect, and where each comes from: a flag, the environment, the config file.

The config file is ``$XDG_CONFIG_HOME/briefcli/config.toml`` (``~/.config/briefcli/…``)::

    width = 72          # the measure on a terminal: 20 to 10,000, or 0 for the terminal's width
    color = "auto"      # auto, always or never
    pager = "less -R"   # a command; "" or "cat" for none

A flag beats the environment, which beats the config file, which beats the default. The file
is read only when it exists (one ``stat`` otherwise: every command asks), with the one safe
reader, and checked as a whole: a bad file is one error naming the file and the key (exit 2).
"""

from __future__ import annotations

import os
from typing import NamedTuple

from briefcli import options
from briefcli.errors import BriefFileError
from briefcli.formats import COLOR_CHOICES

#: The config file's name in brief's config folder.
CONFIG_NAME = "config.toml"
#: The keys a config file may set, in the order ``brief config`` lists them.
KEYS = ("width", "color", "pager")
#: A config file is a few lines; a bigger one is a mistake (checked before reading).
MAX_CONFIG_BYTES = 64 * 1024
#: The measure on a terminal when nothing sets one: prose is hardest to read much past 80.
DEFAULT_WIDTH = 80
#: The pager when neither $BRIEF_PAGER, the config file, $PAGER nor $MANPAGER names one.
DEFAULT_PAGER = "less -FRX"

#: Where a setting came from, as ``brief config`` and its JSON name them.
FLAG, ENVIRONMENT, CONFIG_FILE, BRIEF_USE, DEFAULT = (
    "flag", "environment", "config file", "brief use", "default"
)  # fmt: skip


class Setting(NamedTuple):
    """One setting in effect: its value, where it came from, and from which name or file.

    ``source`` is the flag (``--width``), the variable (``BRIEF_WIDTH``) or the file the value
    was read from (for the default brief: the shipped file); ``""`` for another default.
    """

    name: str
    value: str | int | None
    origin: str
    source: str = ""


def config_path() -> str:
    """The config file, whether or not it exists."""
    from briefcli.paths import config_folder

    return os.path.join(config_folder(), CONFIG_NAME)


#: What was read, by (path, size, mtime): a command asks for several settings, a test
#: process for many config files.
_read: dict[tuple[str, int, int], dict[str, object]] = {}


def file_settings() -> dict[str, object]:
    """The settings of the config file, checked; ``{}`` when there is no config file."""
    path = config_path()
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return {}
    except (OSError, ValueError):
        info = None  # read_file says what is wrong with it
    key = (path, info.st_size, info.st_mtime_ns) if info is not None else None
    if key is not None and key in _read:
        return _read[key]
    settings = _parse(path)
    if key is not None:
        _read[key] = settings
    return settings


def _parse(path: str) -> dict[str, object]:
    """Read and check the config file at ``path``."""
    import tomllib

    from briefcli.files import Kind, read_file
    from briefcli.sanitize import sanitize_line

    # A file the user writes: followed through a link (dotfile managers link config files).
    data = read_file(path, Kind("a config file", "a config file"), limit=MAX_CONFIG_BYTES)
    shown = sanitize_line(path)
    try:
        table = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise BriefFileError(shown, "not valid UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise BriefFileError(shown, f"not valid TOML: {exc}") from None
    except RecursionError:  # tomllib recurses once per '[' or '{' of a nested value
        raise BriefFileError(shown, "not valid TOML: values nested too deeply") from None
    settings: dict[str, object] = {}
    for key, value in table.items():
        if key not in KEYS:
            import difflib

            close = difflib.get_close_matches(key[:40], KEYS, n=1)
            guess = f" (did you mean '{close[0]}'?)" if close else ""
            raise BriefFileError(
                shown,
                f"{sanitize_line(key)}: unknown setting{guess}; the settings are {', '.join(KEYS)}",
            )
        settings[key] = _checked(shown, key, value)
    return settings


def _checked(shown: str, key: str, value: object) -> object:
    """A config value of the right type and range, else :class:`BriefFileError`."""
    if key == "width":
        if isinstance(value, bool) or not isinstance(value, int):
            raise BriefFileError(shown, f"width: must be a whole number, not {_toml_type(value)}")
        try:
            return options.WIDTH.whole_number(str(value))
        except ValueError as exc:
            raise BriefFileError(shown, f"width: {exc}") from None
    if not isinstance(value, str):
        raise BriefFileError(shown, f"{key}: must be a string, not {_toml_type(value)}")
    if key == "color" and value not in COLOR_CHOICES:
        raise BriefFileError(
            shown, f"color: must be {', '.join(COLOR_CHOICES[:-1])} or {COLOR_CHOICES[-1]}"
        )
    return value


def _toml_type(value: object) -> str:
    names = {bool: "true or false", int: "a number", float: "a decimal number", str: "a string"}
    return names.get(type(value), "a table" if isinstance(value, dict) else "a list")


def _from_file(key: str) -> Setting | None:
    settings = file_settings()
    if key not in settings:
        return None
    value = settings[key]
    assert isinstance(value, str | int)
    return Setting(key, value, CONFIG_FILE, config_path())


def width(flag: int | None = None) -> Setting:
    """The width: ``--width``, else ``$BRIEF_WIDTH``, else the config file, else 80.

    Only ``--width`` wraps a pipe; the others set the measure on a terminal.
    """
    if flag is not None:
        return Setting("width", flag, FLAG, "--width")
    text = os.environ.get("BRIEF_WIDTH", "").strip()
    if text:
        try:
            return Setting("width", options.WIDTH.whole_number(text), ENVIRONMENT, "BRIEF_WIDTH")
        except ValueError as exc:
            from briefcli.errors import UsageError

            raise UsageError(f"BRIEF_WIDTH: {exc}") from None
    return _from_file("width") or Setting("width", DEFAULT_WIDTH, DEFAULT)


def color(flag: str | None = None) -> Setting:
    """Colour: ``--color``, else NO_COLOR, TERM=dumb or FORCE_COLOR, else the config file."""
    if flag is not None:
        return Setting("color", flag, FLAG, "--color")
    env = os.environ
    if env.get("NO_COLOR"):
        return Setting("color", "never", ENVIRONMENT, "NO_COLOR")
    if env.get("TERM") == "dumb":
        return Setting("color", "never", ENVIRONMENT, "TERM")
    if env.get("FORCE_COLOR"):
        return Setting("color", "always", ENVIRONMENT, "FORCE_COLOR")
    return _from_file("color") or Setting("color", "auto", DEFAULT)


def pager(no_pager: bool = False) -> Setting:
    """The pager command (``""``: none): --no-pager, $BRIEF_PAGER, the config file, $PAGER,
    $MANPAGER, else ``less -FRX``; as git orders GIT_PAGER, core.pager and PAGER."""
    if no_pager:
        return Setting("pager", "", FLAG, "--no-pager")
    if (value := os.environ.get("BRIEF_PAGER")) is not None:
        return Setting("pager", value.strip(), ENVIRONMENT, "BRIEF_PAGER")
    if (chosen := _from_file("pager")) is not None:
        return chosen._replace(value=str(chosen.value).strip())
    for name in ("PAGER", "MANPAGER"):
        if (value := os.environ.get(name)) is not None:
            return Setting("pager", value.strip(), ENVIRONMENT, name)
    return Setting("pager", DEFAULT_PAGER, DEFAULT)


def brief(flag: str | None = None) -> Setting:
    """Which brief commands read, as given (not looked up): -b, $BRIEF, 'brief use', shipped."""
    if flag is not None:
        return Setting("brief", flag, FLAG, "--brief")
    environment = os.environ.get("BRIEF", "")
    if environment.strip():
        return Setting("brief", environment, ENVIRONMENT, "BRIEF")
    from briefcli.catalog import default_path, read_default

    remembered = read_default()
    if remembered is not None:
        return Setting("brief", remembered[0], BRIEF_USE, str(default_path()))
    from briefcli.paths import shipped_brief

    shipped = shipped_brief()
    return Setting("brief", os.path.splitext(os.path.basename(shipped))[0], DEFAULT, shipped)


def in_effect(
    brief_flag: str | None = None,
    width_flag: int | None = None,
    color_flag: str | None = None,
    no_pager: bool = False,
) -> tuple[Setting, ...]:
    """Every setting ``brief config`` shows, given the shared options of the command line."""
    return (width(width_flag), color(color_flag), pager(no_pager), brief(brief_flag))
