"""Content roles → Rich styles, in one place; nothing else names a colour."""

from __future__ import annotations

#: Role name → Rich style definition.
STYLES: dict[str, str] = {
    "title": "bold",
    "heading": "bold cyan",
    "subheading": "bold",
    "number": "cyan",
    "body": "",
    "term": "bold yellow",
    "highlight": "yellow",
    "category": "magenta",
    "date": "green",
    "label": "bold",
    "note": "italic",
    "muted": "dim",
    "legend": "dim",
    "hint": "dim",
    "rule": "dim",
    "warning": "bold red",
    "error": "bold red",
    "match": "reverse",
}


def style(role: str) -> str:
    """The style for ``role`` (no style for unknown roles)."""
    return STYLES.get(role, "")


#: Syntax highlighting of the report's code blocks: Rich's theme of the terminal's own ANSI
#: colours (readable on light and dark backgrounds), drawn with no background of its own.
SYNTAX_THEME = "ansi_dark"
