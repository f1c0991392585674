"""Tools a reader might use instead, installed from PyPI into bench/.venv-peers.

tldr's Python client looks a page up and prints it; rich-cli typesets Markdown. Neither may use
the network here: tldr reads a page written into its cache folder below (its cache counts as
fresh for a week, so it never downloads), and rich-cli reads a Markdown file of section 4.
"""

from __future__ import annotations

import json
import subprocess

from harness import Budget, Case, Context, child_env

from cases.core import GLOSSARY, SHOW

TLDR = "tldr brief | cat (Python client, cached page)"
RICH_CLI = "rich section-4.md --markdown --force-terminal"

BUDGETS = [
    Budget(GLOSSARY, TLDR, 1.0),
    Budget(SHOW, RICH_CLI, 1.0),
]

#: A page in tldr's format (written for this benchmark), about brief itself.
TLDR_PAGE = """\
# brief

> Read, query and pipe long structured reports.
> More information: <https://example.org/brief>.

- Show the title and table of contents:

`brief`

- Show one section:

`brief show section {{4}}`

- Look up a glossary term:

`brief glossary "{{Storm Corps}}"`

- List dated events since a year:

`brief timeline --since {{2014}}`

- Mail the executive summary:

`brief summary | mail -s "{{subject}}" {{team@example.org}}`
"""


def cases(ctx: Context) -> list[Case]:
    """tldr and rich-cli, or skipped rows saying why."""
    if ctx.peers_bin is None:
        reason = "peers not installed (--no-peers)"
        return [
            Case(TLDR, (), group="peer", skip=reason),
            Case(RICH_CLI, (), group="peer", skip=reason),
        ]
    tldr_cache = ctx.work / "tldr-cache"
    page = tldr_cache / "tldr" / "pages" / "common" / "brief.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(TLDR_PAGE, encoding="utf-8")
    markdown = ctx.work / "section-4.md"
    markdown.write_text(_section_markdown(ctx), encoding="utf-8")
    return [
        Case(
            TLDR,
            (str(ctx.peers_bin / "tldr"), "brief"),
            group="peer",
            env={"XDG_CACHE_HOME": str(tldr_cache), "TLDR_NETWORK_ENABLED": "0"},
            expect="Storm Corps",
        ),
        Case(
            RICH_CLI,
            (
                str(ctx.peers_bin / "rich"),
                str(markdown),
                "--markdown",
                "--force-terminal",
                "--width",
                "80",
            ),
            group="peer",
            expect="Current Developments",
        ),
    ]


def _section_markdown(ctx: Context) -> str:
    """Section 4 of the shipped brief as Markdown, from brief's own JSON."""
    out = subprocess.run(
        ctx.brief("show", "section", "4", "--format", "json"),
        capture_output=True,
        check=True,
        env=child_env(ctx.brief_env()),
    ).stdout
    section = json.loads(out)["section"]
    parts = [f"# {section['id']}. {section['title']}"]
    parts.extend(section.get("paragraphs", []))
    for sub in section.get("subsections", []):
        parts.append(f"## {sub['id']}. {sub['title']}")
        parts.extend(sub["paragraphs"])
    return "\n\n".join(parts) + "\n"
