"""`brief schema`: print the JSON Schema of the brief file format."""

# No ``from __future__ import annotations``: Typer reads these signatures on every run, and
# string annotations would make it compile and evaluate each one again.

from briefcli import output
from briefcli.app import Common, registry, shared_options


@registry.command()
@shared_options("schema")
def schema(common: Common) -> None:
    """Print the JSON Schema of the brief file format, for editors' YAML support.

    Save it and point your editor's YAML support at it to check and complete brief files as
    you write them: with the YAML language server (VS Code, Neovim, Helix and others), put
    '# yaml-language-server: $schema=./brief.schema.json' as the first line of a brief.

    \b
    Examples:
      brief schema > brief.schema.json
      brief schema | jq '.properties | keys'
    """
    from briefcli.briefformat import schema_json

    output.emit(schema_json(), json=True)
