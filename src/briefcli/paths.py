"""Where brief keeps user files: the XDG data, cache and config folders (read on demand).

Each place has a string form (``*_folder``/``*_file``: ``os.path`` only) and, for the rest of
brief, a :class:`~pathlib.Path` form. Shell completion asks the string forms on every Tab,
before anything heavier than ``os`` is loaded, so this module imports nothing else at the top.
"""

# No ``from __future__ import annotations``: it would be one more import on completion's path.
import os

TYPE_CHECKING = False  # not typing's: completion reads this module before typing is loaded
if TYPE_CHECKING:
    from pathlib import Path

#: Our folder's name inside each XDG base folder.
APP_FOLDER = "briefcli"
#: File name of the library's search index in the cache folder.
INDEX_NAME = "index.sqlite3"
#: File name, in the config folder, of what ``brief use`` remembers: the id, then the path.
DEFAULT_FILE = "default-brief"
#: The shipped report's file name, inside the package's (or the checkout's) ``briefs`` folder.
SHIPPED_BRIEF = "nk-russia-troops-2025.yaml"


def _base(variable: str, fallback: str) -> str:
    value = os.environ.get(variable, "")
    # XDG says relative paths are invalid and must be ignored.
    if value and os.path.isabs(value):
        return os.path.join(value, APP_FOLDER)
    return os.path.join(home_folder(), fallback, APP_FOLDER)


def home_folder() -> str:
    """The user's home: $HOME when it is an absolute path, else the account's home folder.

    An empty or relative $HOME would put the library, the cache and the settings inside
    whatever folder brief runs in (``expanduser`` takes $HOME as it is), so it counts as
    unset, as XDG's relative paths do. Without either, brief stops (UsageError) rather than
    write somewhere unexpected.
    """
    home = os.environ.get("HOME", "")
    if os.path.isabs(home):
        return home
    try:
        import pwd

        home = pwd.getpwuid(os.getuid()).pw_dir
    except (ImportError, KeyError):
        home = ""
    if os.path.isabs(home):
        return home
    from briefcli.errors import UsageError

    raise UsageError(
        "no home folder: $HOME is not an absolute path and the account has none",
        "set HOME, or XDG_DATA_HOME, XDG_CACHE_HOME, XDG_CONFIG_HOME and XDG_STATE_HOME",
    )


def data_folder() -> str:
    """The user's brief library: ``$XDG_DATA_HOME/briefcli`` (``~/.local/share/briefcli``)."""
    return _base("XDG_DATA_HOME", os.path.join(".local", "share"))


def cache_folder() -> str:
    """Caches that can always be rebuilt: ``$XDG_CACHE_HOME/briefcli`` (``~/.cache/briefcli``)."""
    return _base("XDG_CACHE_HOME", ".cache")


def config_folder() -> str:
    """Settings such as the default brief: ``$XDG_CONFIG_HOME/briefcli`` (``~/.config/…``)."""
    return _base("XDG_CONFIG_HOME", ".config")


def index_file() -> str:
    """The search index of the library: ``<cache folder>/index.sqlite3``."""
    return os.path.join(cache_folder(), INDEX_NAME)


def default_file() -> str:
    """The file that remembers ``brief use``'s default: ``<config folder>/default-brief``."""
    return os.path.join(config_folder(), DEFAULT_FILE)


def shipped_brief() -> str:
    """The brief shipped inside the package (falls back to the checkout's briefs/ folder)."""
    here = os.path.dirname(os.path.realpath(__file__))
    shipped = os.path.join(here, "briefs", SHIPPED_BRIEF)
    if os.path.isfile(shipped):
        return shipped
    return os.path.join(os.path.dirname(os.path.dirname(here)), "briefs", SHIPPED_BRIEF)


# -- the same places as Path objects, for everything but completion ----------------------------


def data_dir() -> "Path":
    """:func:`data_folder` as a Path."""
    from pathlib import Path

    return Path(data_folder())


def library_dir() -> "Path":
    """Where ``brief import`` writes by default: ``<data_dir>/briefs``."""
    return data_dir() / "briefs"


def cache_dir() -> "Path":
    """:func:`cache_folder` as a Path."""
    from pathlib import Path

    return Path(cache_folder())


def state_dir() -> "Path":
    """State worth keeping but not backing up, such as reading positions: ``$XDG_STATE_HOME/…``."""
    from pathlib import Path

    return Path(_base("XDG_STATE_HOME", os.path.join(".local", "state")))


def config_dir() -> "Path":
    """:func:`config_folder` as a Path."""
    from pathlib import Path

    return Path(config_folder())


def index_path() -> "Path":
    """:func:`index_file` as a Path."""
    from pathlib import Path

    return Path(index_file())


def default_brief_path() -> "Path":
    """:func:`shipped_brief` as a Path."""
    from pathlib import Path

    return Path(shipped_brief())
