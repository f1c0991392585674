"""``python -m briefcli``: the same as the ``brief`` command."""

from briefcli.cli import main

main()
