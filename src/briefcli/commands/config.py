"""`brief config`: the settings in effect, and where each comes from."""


# No ``from __future__ import annotations``: Typer reads these signatures on every run, and
# string annotations would make it compile and evaluate each one again.

from briefcli.app import Common, present, registry, shared_options


@registry.command("config")
@shared_options("config")
def config_command(common: Common) -> None:
    """Print the settings in effect (width, color, pager, brief) and where each comes from.

    Each comes from a flag, the environment, the config file or the default, in that order
    of precedence. The config file is $XDG_CONFIG_HOME/briefcli/config.toml
    (~/.config/briefcli/config.toml), for example:

    \b
      width = 72          # on a terminal: 20 to 10,000; 0: as wide as it
      color = "auto"      # auto, always or never
      pager = "less -R"   # "" or "cat": none

    A flag given with this command shows the setting it makes. BRIEF_WIDTH sets the width
    as the config file does; only --width wraps text sent to a pipe.

    \b
    Examples:
      brief config
      brief config --format json | jq -r '.settings.width.from'
      BRIEF_WIDTH=72 brief config
    """
    import os

    from briefcli import config
    from briefcli.views import ConfigView

    settings = config.in_effect(common.brief, common.width, common.color, common.no_pager)
    path = config.config_path()
    present(ConfigView(settings, path, os.path.isfile(path)), common)
