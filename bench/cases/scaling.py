"""Linear growth: doubling a section, a paragraph or the glossary at most doubles the time.

Two inputs on which brief used to be quadratic (issue 17), each at two sizes; the budget is the
ratio of the larger to the smaller. The sizes keep a run short: the work still dominates the
start-up (the smaller input takes several times the lookup).
"""

from __future__ import annotations

from harness import Budget, Case, Context
from synthetic import COMMON, big_glossary_text, big_section_text

#: (name, argv after the brief file, expected text): the commands timed on each input.
_GLOSSARY_COMMANDS = (
    ("brief show 1 --color always", ("show", "1", "--color", "always"), "Everything"),
    ("brief show 1 | cat", ("show", "1"), "Everything"),
    ("brief export", ("export",), "Glossary"),
    ("brief glossary -f markdown", ("glossary", "--format", "markdown"), "Used in"),
)

SECTION = "brief search {word}, one section of {size}"
GLOSSARY = "{command}, 9 terms × {aliases:,} aliases"
PARAGRAPH = "{command}, 20 paragraphs of {chars:,} characters"

_SECTIONS = (500_000, 1_000_000)
_ALIASES = (500, 1_000)
_CHARS = (20_000, 40_000)

BUDGETS = [
    Budget(
        SECTION.format(word=COMMON, size=f"{_SECTIONS[1]:,} characters"),
        SECTION.format(word=COMMON, size=f"{_SECTIONS[0]:,} characters"),
        2.0,
    ),
    *(
        Budget(
            GLOSSARY.format(command=name, aliases=_ALIASES[1]),
            GLOSSARY.format(command=name, aliases=_ALIASES[0]),
            2.0,
        )
        for name, _, _ in _GLOSSARY_COMMANDS
    ),
    *(
        Budget(
            PARAGRAPH.format(command=name, chars=_CHARS[1]),
            PARAGRAPH.format(command=name, chars=_CHARS[0]),
            2.0,
        )
        for name, _, _ in _GLOSSARY_COMMANDS[:2]
    ),
]


def cases(ctx: Context) -> list[Case]:
    """Search in a long section, and the glossary commands on a long glossary and paragraphs."""
    folder = ctx.work / "scaling"
    folder.mkdir(parents=True, exist_ok=True)
    env = ctx.brief_env()
    out: list[Case] = []
    for size in _SECTIONS:
        path = folder / f"section-{size}.yaml"
        path.write_text(big_section_text(size), encoding="utf-8")
        name = SECTION.format(word=COMMON, size=f"{size:,} characters")
        out.append(Case(name, ctx.brief("-b", str(path), "search", COMMON), env=env, expect="«"))
    inputs = [
        (GLOSSARY.format(command="{command}", aliases=aliases), big_glossary_text(aliases, 20_000))
        for aliases in _ALIASES
    ] + [
        (PARAGRAPH.format(command="{command}", chars=chars), big_glossary_text(_ALIASES[0], chars))
        for chars in _CHARS
    ]
    for number, (template, text) in enumerate(inputs):
        path = folder / f"glossary-{number}.yaml"
        path.write_text(text, encoding="utf-8")
        commands = _GLOSSARY_COMMANDS if "aliases" in template else _GLOSSARY_COMMANDS[:2]
        for name, argv, expect in commands:
            out.append(
                Case(
                    template.format(command=name),
                    ctx.brief("-b", str(path), *argv),
                    env=env,
                    expect=expect,
                )
            )
    return out
