"""Linear growth: doubling a section, a paragraph or the glossary at most doubles the time.

Issue 17: of ``show``, ``export``, ``search`` and ``glossary``, with colour on and off. Each
input is a brief at two sizes (one thing doubled, the rest the same); the budget is the ratio
of the larger to the smaller. The sizes keep a run short: the work still dominates the
start-up (the smaller input takes several times the lookup).

``glossary`` is timed on the two inputs with a glossary: the doubled section has none (its
filler has no term an extractor could find, so ``brief glossary`` says so and exits 1).

``summary`` and the extracted ``glossary`` are timed on paragraphs of long runs (see
:data:`RUNS`), without the cache of extracts: 8,000 → 16,000 characters took 5.3 → 22.5 s and
1.0 → 4.2 s before the fixes of 2026-11-29, 83 → 96 ms and 154 → 263 ms after.
"""

from __future__ import annotations

import json

from harness import Budget, Case, Context
from synthetic import COMMON, big_glossary_text, big_section_text

#: (name, argv after the brief file, expected text): the commands timed on each input.
_COMMANDS = (
    ("brief show 1 --color always", ("show", "1", "--color", "always"), "Everything"),
    ("brief show 1 | cat", ("show", "1"), "Everything"),
    ("brief export", ("export",), "Everything"),
    (f"brief search {COMMON} --color always", ("search", COMMON, "--color", "always"), COMMON),
    (f"brief search {COMMON} | cat", ("search", COMMON), COMMON),
    ("brief glossary -f markdown --color always", ("glossary", "-f", "markdown", "--color",
                                                    "always"), "Used in"),
    ("brief glossary -f markdown | cat", ("glossary", "--format", "markdown"), "Used in"),
)  # fmt: skip

SECTION = "{command}, one section of {chars:,} characters"
GLOSSARY = "{command}, 9 terms × {aliases:,} aliases"
PARAGRAPH = "{command}, 20 paragraphs of {chars:,} characters"
UNSPACED = "{command}, a paragraph of {chars:,} characters with no space (half of them CJK)"
#: Wrapping a word longer than a line, by terminal columns: cut line by line.
_UNSPACED_COMMANDS = (
    ("brief show 1 --width 80 | cat", ("show", "1", "--width", "80"), "Long"),
    ("brief show 1 --color always", ("show", "1", "--color", "always"), "Long"),
)

#: An extracted glossary of many terms: each place in the text tries only the names that
#: start there (terms.TermMatcher), not all of them.
DEFINED = "{command}, a report that defines {terms:,} acronyms"
_DEFINED_COMMANDS = (("brief glossary | cat", ("glossary",), "[extracted]"),)

#: Extracts (a summary, an extracted glossary) of paragraphs that hold long runs: spaces before
#: 'or', backticks, 'A-A-…' before an appositive, a word of letters ending in a digit, an
#: unclosed call's commas. Each once took time quadratic in its run (16,000 characters: 1 to
#: 6 s). These rows read no cache of extracts (its folder is a file), so each run computes.
RUNS = "{command}, 10 paragraphs of long runs of {chars:,} characters"
_RUNS_COMMANDS = (
    ("brief summary | cat (no cache)", ("summary",), "chosen by brief"),
    ("brief glossary | cat (no cache)", ("glossary",), "[extracted]"),
)

_SECTIONS = (500_000, 1_000_000)
_ALIASES = (500, 1_000)
_CHARS = (20_000, 40_000)
_UNSPACED = (50_000, 100_000)
_DEFINED = (1_000, 2_000)
_RUNS = (8_000, 16_000)


def _commands(template: str) -> tuple[tuple[str, tuple[str, ...], str], ...]:
    """The commands timed on an input: all but ``glossary`` where the brief has none."""
    if template is SECTION:
        return tuple(c for c in _COMMANDS if not c[0].startswith("brief glossary"))
    if template is UNSPACED:
        return _UNSPACED_COMMANDS
    if template is DEFINED:
        return _DEFINED_COMMANDS
    if template is RUNS:
        return _RUNS_COMMANDS
    return _COMMANDS


#: (template, its two sizes as format fields): the three inputs.
_INPUTS = (
    (SECTION, [{"chars": size} for size in _SECTIONS]),
    (GLOSSARY, [{"aliases": aliases} for aliases in _ALIASES]),
    (PARAGRAPH, [{"chars": chars} for chars in _CHARS]),
    (UNSPACED, [{"chars": chars} for chars in _UNSPACED]),
    (DEFINED, [{"terms": terms} for terms in _DEFINED]),
    (RUNS, [{"chars": chars} for chars in _RUNS]),
)

BUDGETS = [
    Budget(
        template.format(command=name, **sizes[1]),
        template.format(command=name, **sizes[0]),
        2.0,
    )
    for template, sizes in _INPUTS
    for name, _, _ in _commands(template)
]


def _text(template: str, size: dict[str, int]) -> str:
    if template is SECTION:
        return big_section_text(size["chars"])
    if template is GLOSSARY:
        return big_glossary_text(size["aliases"], 20_000)
    if template is UNSPACED:
        return _unspaced(size["chars"])
    if template is DEFINED:
        return _defined(size["terms"])
    if template is RUNS:
        return _runs(size["chars"])
    return big_glossary_text(_ALIASES[0], size["chars"])


def _defined(terms: int) -> str:
    """A brief whose one section defines ``terms`` acronyms, each used once more after: four
    words of 100 (five for each of 20 initials), drawn at random, seeded; names share their
    first two words about as often as a report's do (each such pair is tried together)."""
    import random

    rng = random.Random(14)
    words = [f"{initial}{end}" for initial in "ABCDEFGHIJKLMNOPRSTW" for end in
             ("ar", "en", "ix", "or", "um")]  # fmt: skip
    chosen: set[tuple[str, ...]] = set()
    while len(chosen) < terms:
        chosen.add(tuple(rng.sample(words, 4)))
    lines = []
    for names in sorted(chosen):
        acronym = "".join(name[0] for name in names)
        lines.append(
            f"  - The {' '.join(names)} ({acronym}) reviewed the plans of the year, and the "
            f"{acronym} agreed."
        )
    head = "schema_version: 1\nid: defined\ntitle: Defined\nsections:\n"
    return head + '- id: "1"\n  title: Terms\n  paragraphs:\n' + "\n".join(lines) + "\n"


def _runs(chars: int) -> str:
    """A brief of two sections: prose that names a term, and paragraphs each with a run of
    ``chars`` characters of one kind (see :data:`RUNS`) amid words."""
    prose = "Acme Harbour Works, a company that builds quays, opened in 1990 after the storm."
    runs = (
        f"The Harbour Authority {' ' * chars}or HA runs the port.",
        f"We keep {'`' * chars} for the record of the year.",
        f"The Port Authority {'A-' * (chars // 2)}B, a body that runs ports, met again.",
        f"We met and talked about the plan {'a' * chars}1",
        f"make({'alpha, ' * (chars // 7)}beta",
    )
    lines = [f"  - {json.dumps(text)}" for text in (*runs, *runs)]
    return (
        "schema_version: 1\nid: runs\ntitle: Runs\nsections:\n"
        f'- id: "1"\n  title: Prose\n  paragraphs:\n  - {json.dumps(prose * 3)}\n'
        '- id: "2"\n  title: Runs\n  paragraphs:\n' + "\n".join(lines) + "\n"
    )


def _unspaced(chars: int) -> str:
    """A brief whose section 1 is one ASCII word and one CJK run of ``chars // 2`` each."""
    half = chars // 2
    return (
        "schema_version: 1\nid: unspaced\ntitle: Long words\nsections:\n"
        '- id: "1"\n  title: Long\n  paragraphs:\n'
        f"  - {'x' * half}\n  - {'概' * half}\n"
    )


def cases(ctx: Context) -> list[Case]:
    """Every command of :data:`_COMMANDS` on each input at both its sizes."""
    folder = ctx.work / "scaling"
    folder.mkdir(parents=True, exist_ok=True)
    env = ctx.brief_env()
    # A cache folder that cannot be used (a file) is no error: nothing is kept between runs.
    (folder / "no-cache").write_text("", encoding="utf-8")
    no_cache = ctx.brief_env(XDG_CACHE_HOME=str(folder / "no-cache"))
    out: list[Case] = []
    for number, (template, sizes) in enumerate(_INPUTS):
        for half, size in enumerate(sizes):
            path = folder / f"input-{number}-{half}.yaml"
            path.write_text(_text(template, size), encoding="utf-8")
            for name, argv, expect in _commands(template):
                out.append(
                    Case(
                        template.format(command=name, **size),
                        ctx.brief("-b", str(path), *argv),
                        env=env if template is not RUNS else no_cache,
                        expect=expect,
                    )
                )
    return out
