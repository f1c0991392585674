"""`brief import` at 1 MB and 8 MB: time per MB must not grow (issue 12: linear time).

A third input is hostile: runs of characters that once made the importer quadratic. So are
three more: a Debian changelog (thousands of releases), paged text with long lines and runs
of blank lines beside its form feeds, and a web page whose headings spell a word with an
entity. Three more are the reading added on 2026-11-29: a document without headings (one
section), unnumbered front matter and letter-named appendices (ids i, ii …, A, B …), and
prose dense with the new date forms (fiscal years, seasons, periods, decades, centuries).

Inputs are generated: Markdown dense with dates, links, inline code, code blocks and tables
(the shape that made the old importer quadratic), and hard-wrapped plain text with numbered
sections. A report over 6 MiB is refused by `brief import` (its brief would pass the 8 MiB a
brief may have), so the 8 MB rows run the importer itself in a small driver, with that limit
lifted: parse, timeline and the brief's YAML, as the command does before it writes.
"""

from __future__ import annotations

from pathlib import Path

from harness import Budget, Case, Context, MemoryBudget

MB = 1_000_000
#: The importer's work on a file, without the up-front size refusal: the brief's YAML is
#: written a piece at a time, as to a file, and its size printed.
_DRIVER = """
import sys
import briefcli.importers as importers
from briefcli.codec import brief_to_data
from briefcli.yamlio import dump_to
importers.MAX_IMPORT_BYTES = 1 << 30
path = sys.argv[1]
with open(path, "rb") as handle:
    brief = importers.import_report(handle.read(), path)
size = 0
def count(text):
    global size
    size += len(text.encode("utf-8"))
dump_to(brief_to_data(brief), count)
print("brief bytes:", size)
"""

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def markdown(size: int) -> str:
    """A changelog-like Markdown document of about ``size`` bytes: dated headings, prose with
    dates, URLs and inline code holding dates, a code block and a table per release."""
    parts = ["# Field notes\n"]
    total = 0
    release = 0
    while total < size:
        release += 1
        chunk = [f"\n## {release}.0.0 ({2000 + release % 25}-0{release % 9 + 1}-1{release % 9})\n"]
        for k in range(6):
            chunk.append(
                f"\nOn {_MONTHS[(release + k) % 12]} {k + 1}, {1990 + (release + k) % 35} the "
                f"team shipped release {release}.{k} with [notes](https://e.org/{release}/"
                f"2020-01-0{k + 1}) and `tool:2020-02-14`. In {2000 + k} the harbour froze; by "
                f"the late {1950 + 10 * (k % 5)}s it thawed. Traffic rose by {k * 1000 + 37} "
                "tonnes.\n"
            )
        chunk.append(
            "\n```\nmake 2020-01-01\n```\n\n| date | what |\n|---|---|\n| 2021-03-04 | x |\n"
        )
        text = "".join(chunk)
        parts.append(text)
        total += len(text)
    return "".join(parts)


def plain_text(size: int) -> str:
    """A hard-wrapped plain-text report of about ``size`` bytes with 'N.' / 'N.M.' headings.

    Sections are long enough (about 11 KB) that 8 MB needs fewer than 1,000 of them: a
    four-digit section number is no heading (it is the start of a wrapped line), so more
    sections would fold the rest of the report into one subsection.
    """
    parts = ["Harbour Report\nGeneral Report March 3, 2024\n\n"]
    paragraph = (
        "In June 2023 the port closed for a week, and traffic fell by 3,000\n"
        "tonnes compared with the same month in 2022; since 2014 the\n"
        "harbour authority has kept records of every closure.\n\n"
    )
    total = 0
    section = 0
    while total < size:
        section += 1
        chunk = [f"\n{section}. Findings of part {section}\n\n"]
        for sub in range(1, 4):
            chunk.append(f"{section}.{sub}. Detail {sub}\n\n" + paragraph * 20)
        text = "".join(chunk)
        parts.append(text)
        total += len(text)
    return "".join(parts)


#: Runs that once took time quadratic in their length: brackets no ']' closes (markdown-it
#: looks for a link label's end from each), backticks (an inline-code pattern), '#' and '@'
#: runs (address patterns), a year and spaces before a quarter ('2024 … Q1').
_HOSTILE_RUNS = ("[", "`", "#", "a@", "[[[[[[[[[[[[[[[[[[[[[[[[x]", "2024" + " " * 20 + "Q")


def hostile(size: int) -> str:
    """A Markdown report of about ``size`` bytes whose paragraphs are long runs of the
    characters above, 20,000 at a time, between ordinary sentences."""
    parts = ["# Hostile report\n"]
    total = 0
    section = 0
    while total < size:
        section += 1
        run = _HOSTILE_RUNS[section % len(_HOSTILE_RUNS)]
        text = (
            f"\n## Part {section}\n\nIn March 2024 the part opened. "
            f"{run * (20_000 // len(run))} It closed.\n"
        )
        parts.append(text)
        total += len(text)
    return "".join(parts)


def changelog(size: int) -> str:
    """A Debian changelog of about ``size`` bytes: a release line, items and a trailer per
    release, each release a section (thousands of them)."""
    parts = []
    total = release = 0
    while total < size:
        release += 1
        text = (
            f"pkg (1.{release}-1) unstable; urgency=medium\n\n  * Fix bug {release} seen in "
            f"June 2019.\n  * Other changes.\n\n -- Jane Doe <jane@example.org>  Mon, 06 Feb "
            "2023 10:00:00 +0100\n\n"
        )
        parts.append(text)
        total += len(text)
    return "".join(parts)


def paged(size: int) -> str:
    """A paged text (RFC-style running footers and headers around a form feed every three
    lines) of about ``size`` bytes; every hundredth page also holds a line of 20,000
    characters and 2,000 blank lines (the page-break pattern once tried every split of a
    line and every start in a run of blank lines)."""
    parts = ["Network Working Group                                        J. Doe\n\n1. Intro\n\n"]
    total = page = 0
    while total < size:
        page += 1
        text = (
            f"   Line one of page {page} goes on\n   and line two of the page\n"
            "   and line three of it.\n\n"
            f"Doe                                                      [Page {page}]\n"
            "\fRFC 1234                      Title                     March 1999\n\n"
        )
        if page % 100 == 0:
            text += "x" * 20_000 + "\n" + "\n" * 2_000
        parts.append(text)
        total += len(text)
    return "".join(parts)


def entity_headings(size: int) -> str:
    """A web page of about ``size`` bytes whose headings spell a word with an entity
    ('Caf&eacute;'): the markup never holds their words as the reader has them, so the
    search for each heading's line once read on to the page's end."""
    parts = ["<html><body><h1>Menu</h1>\n"]
    total = heading = 0
    while total < size:
        heading += 1
        text = f"<h2>Caf&eacute;{heading} and more</h2>\n<p>Served in June 2020.</p>\n"
        parts.append(text)
        total += len(text)
    return "".join(parts) + "</body></html>\n"


_PROSE = "The harbour reopened after the storm and traffic recovered slowly in the weeks after it. "


def headingless(size: int) -> str:
    """A plain-text document of about ``size`` bytes with no heading at all (a memo, a
    statement): read as one section. Paragraphs of about 2,700 characters, so that 8 MB stays
    within the 10,000 paragraphs a section may hold."""
    paragraph = _PROSE * 30 + "\n\n"
    return "Memo on the harbour\n\n" + paragraph * max(1, size // len(paragraph))


def front_and_appendices(size: int) -> str:
    """A Markdown report of about ``size`` bytes whose first quarter is unnumbered front
    matter (ids i, ii, iii …), then two numbered sections, then appendices 'Appendix A' …
    'Appendix Z' again and again (a letter id, else a number)."""
    body = _PROSE * 8
    part = len(body) + 30
    count = max(4, size // part)
    front = "".join(f"\n## Foreword part {k}\n\n{body}\n" for k in range(count // 4))
    numbered = f"\n## 1. Introduction\n\n{body}\n\n## 2. Findings\n\n{body}\n"
    back = "".join(
        f"\n## Appendix {chr(65 + k % 26)}. Data\n\n{body}\n" for k in range(count - count // 4)
    )
    return "# Harbour report\n" + front + numbered + back


def date_forms(size: int) -> str:
    """Plain text of about ``size`` bytes dense with the date forms read since 2026-11-29:
    fiscal years, seasons, periods between two days, decades and centuries, halves."""
    paragraph = (
        "In FY2024-25 sales rose, and in the 2023/24 season the port stayed open. From 1 "
        "December 2022 to 14 December 2022 the quay was shut; between March 2019 and May 2019 "
        "it was rebuilt. Trade grew from the 1990s to the 2000s, as in the late 19th century. "
        "In the first half of 2021 and in Q3 2020 traffic fell, and in 2014, 2015 and 2016 it "
        "rose again.\n\n"
    )
    parts = ["Date forms\n\n"]
    total = section = 0
    while total < size:
        section += 1
        text = f"\n{section}. Period {section}\n\n" + paragraph * 20
        parts.append(text)
        total += len(text)
    return "".join(parts)


def restructured(size: int) -> str:
    """reStructuredText of about ``size`` bytes dense with inline markup (links, roles,
    literals, emphasis, references), and in each paragraph two runs that never close one
    ('``x ``x …', 'a.a.a…'), each of ``size // 512`` characters: a pattern that scans on from
    every opening reads a run in time quadratic in it, and so the document in time that grows
    with the square of its size (16,000-character runs took 0.7 s each)."""
    chars = size // 512
    paragraph = (
        "See `the guide <https://example.org/guide>`__ and :mod:`json`, :pep:`8` and "
        ":issue:`1040`; ``code`` stays, *emphasis* and **strong** go, and Python_ is a link. "
        + "``x " * (chars // 4)
        + "a." * (chars // 2)
        + "\n\n"
    )
    parts = ["Inline markup\n=============\n\n.. _Python: https://python.org\n\n"]
    total = section = 0
    while total < size:
        section += 1
        text = f"Part {section}\n{'-' * (5 + len(str(section)))}\n\n" + paragraph * 10
        parts.append(text)
        total += len(text)
    return "".join(parts)


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _name(kind: str, size: int) -> str:
    return f"import {size // MB} MB {kind} (importer)"


def _command(kind: str, megabytes: int) -> str:
    return f"brief import {megabytes} MB {kind} -o -"


#: Time per MB may grow at most 1.3× from 1 MB to 8 MB (the ratio includes start-up, which
#: only makes it easier to hold).
#: Peak memory may grow at most 6× the input (issue 12): 7 MB more input, at most 6 × 7 MB
#: more memory (the whole 8 MB import, start-up included, is near 6× too: docs/importing.md).
#: The command (1 and 2 MB: its brief must stay within what brief reads) also reads back the
#: brief it writes, which the importer rows leave out: the same 6× on the memory it adds. (It
#: reads it from the file it wrote, a record at a time, so its peak is the importer's: about
#: 4× and 4.7×, where holding the text and its node tree took 8.8× and 7×.)
BUDGETS: list[Budget | MemoryBudget] = (
    [
        Budget(_name(kind, 8 * MB), _name(kind, MB), 8 * 1.3)
        for kind in (
            "markdown",
            "plain text",
            "hostile markdown",
            "debian changelog",
            "paged text",
            "entity headings html",
            "headingless text",
            "front matter and appendices markdown",
            "date forms text",
            "restructuredtext markup",
        )
    ]
    + [
        MemoryBudget(_name(kind, 8 * MB), _name(kind, MB), 7 * MB / 2**20, 6)
        for kind in ("markdown", "plain text")
    ]
    + [
        MemoryBudget(_command(kind, 2), _command(kind, 1), MB / 2**20, 6)
        for kind in ("markdown", "plain text")
    ]
)


def cases(ctx: Context) -> list[Case]:
    """The importer on generated inputs at 1 MB and 8 MB, and the command at 1 MB."""
    folder = ctx.work / "import-scaling"
    out: list[Case] = []
    kinds = (
        ("markdown", markdown, ".md"),
        ("plain text", plain_text, ".txt"),
        ("hostile markdown", hostile, ".md"),
        ("debian changelog", changelog, ".txt"),
        ("paged text", paged, ".txt"),
        ("entity headings html", entity_headings, ".html"),
        ("headingless text", headingless, ".txt"),
        ("front matter and appendices markdown", front_and_appendices, ".md"),
        ("date forms text", date_forms, ".txt"),
        ("restructuredtext markup", restructured, ".rst"),
    )
    for kind, make, suffix in kinds:
        for size in (MB, 8 * MB):
            # Named after its kind too: the hostile Markdown must not replace the Markdown.
            path = _write(folder, f"{kind.replace(' ', '-')}-{size // MB}mb{suffix}", make(size))
            out.append(
                Case(
                    _name(kind, size),
                    (ctx.brief_python, "-c", _DRIVER, str(path)),
                    env=ctx.brief_env(),
                    expect="brief bytes:",
                )
            )
        for megabytes in (1, 2) if kind in ("markdown", "plain text") else ():
            path = _write(folder, f"command-{megabytes}mb{suffix}", make(megabytes * MB))
            out.append(
                Case(
                    _command(kind, megabytes),
                    ctx.brief("import", str(path), "-o", "-"),
                    env=ctx.brief_env(),
                    expect="sections:",
                )
            )
    return out
