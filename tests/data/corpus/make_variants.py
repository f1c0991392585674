"""Write the goover-style variants of the corpus from the shipped report (run from anywhere).

Each variant is the same report in another shape, as other tools and other writers produce
it. The words are the report's, plus the few sentences a case needs (marked below).
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parents[2] / "briefs" / "sources" / "nk-russia-troops-2025.txt"

#: Added to paragraph 1 of 4-2: wrapped so that a line starts "300. Most casualties".
LOSSES = (
    "By the end of December 2024 the casualties among the deployed units were put at around "
    "300. Most casualties were reported in the Kursk region."
)
#: A numbered list inside section 2, at its end (items 3 and 4 look like sections 3 and 4).
STEPS = [
    "Engage China as a mediator with Pyongyang",
    "Reinforce air defence along NATO's eastern flank",
    "Coordinate sanctions with the EU",
    "Share intelligence on troop movements with Seoul and Tokyo",
]
#: Angle-bracket text that Markdown would read as an HTML tag.
KEYS = "Analysts reading the leaked manuals noted the instruction: Press <Ctrl-Z Return> to quit."


def parse_source() -> tuple[str, list[tuple[str, str, list[tuple[str, list[str]]]]], list[str]]:
    """The title, the sections (number, title, [(subsection title, paragraphs)]), glossary."""
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    title = lines[2]
    sections: list[tuple[str, str, list[tuple[str, list[str]]]]] = []
    glossary: list[str] = []
    part = "head"
    for raw in lines[17:]:
        line = raw.strip()
        if not line:
            continue
        if match := re.fullmatch(r"(\d+)\. (.+)", line):
            sections.append((match[1], match[2], [("", [])]))
            part = "body"
        elif line == "Conclusion":
            sections.append(("7", "Conclusion", [("", [])]))
        elif line == "Glossary":
            part = "glossary"
        elif line == "Source Documents":
            break
        elif part == "glossary":
            glossary.append(line.lstrip("• "))
        elif match := re.fullmatch(r"• (\d+)-(\d+)\. (.+)", line):
            sections[-1][2].append((match[3], []))
        else:
            sections[-1][2][-1][1].append(line.lstrip("• "))
    return title, sections, glossary


def wrap(text: str, indent: str = "") -> str:
    return textwrap.fill(text, 72, initial_indent=indent, subsequent_indent=indent)


def wrapped_variant() -> str:
    """Hard-wrapped at 72 columns, no bullets, 'N.' and 'N.M.' headings ending in '.', a
    'Contents' list, and a line that starts '300. Most casualties'."""
    title, sections, glossary = parse_source()
    out = [title, "", "General Report February 28, 2025", "", "Contents", ""]
    out += [f"{n}. {t}." for n, t, _ in sections]
    out.append("")
    for number, heading, subs in sections:
        out += [f"{number}. {heading}.", ""]
        for index, (sub, paragraphs) in enumerate(subs):
            if sub:
                out += [f"{number}.{index}. {sub}.", ""]
            for paragraph in paragraphs:
                if number == "4" and index == 2 and paragraph.startswith("The timeline"):
                    first = wrap(paragraph)
                    # The added sentence wraps so that its second line starts with '300.'.
                    head, _, rest = LOSSES.partition("300. ")
                    out += [first, "", wrap(head), wrap("300. " + rest), ""]
                    continue
                out += [wrap(paragraph), ""]
    out += ["Glossary", ""] + [wrap(entry) + "\n" for entry in glossary]
    return "\n".join(out)


def references_first_variant() -> str:
    """'References' before the body, 'Chapter N. Title' headings, 'N.M Title' subsections,
    '-' bullets."""
    title, sections, _ = parse_source()
    out = [title, "", "References", ""]
    out += [
        "- Korea JoongAng Daily - https://koreajoongangdaily.joins.com/",
        "- Reuters - https://www.reuters.com/world/",
        "",
    ]
    for number, heading, subs in sections:
        out += [f"Chapter {number}. {heading}", ""]
        for index, (sub, paragraphs) in enumerate(subs):
            if sub:
                out += [f"{number}.{index} {sub}", ""]
            out += [f"- {p}" for p in paragraphs]
            out.append("")
    return "\n".join(out)


def numbered_list_variant() -> str:
    """goover's 'N.' and 'N-M.' headings without bullets or a table of contents, a numbered
    list inside section 2, and angle-bracket text."""
    title, sections, glossary = parse_source()
    out = [title, "General Report February 28, 2025", "goover", ""]
    for number, heading, subs in sections:
        out += [f"{number}. {heading}" if heading != "Conclusion" else heading, ""]
        for index, (sub, paragraphs) in enumerate(subs):
            if sub:
                out += [f"{number}-{index}. {sub}", ""]
            for paragraph in paragraphs:
                out += [paragraph, ""]
            if number == "2" and index == 3:
                out += ["The steps, in order of urgency:", ""]
                out += [f"{step_number}. {step}" for step_number, step in enumerate(STEPS, 1)]
                out.append("")
            if number == "4" and index == 1:
                out += [KEYS, ""]
    out += ["Glossary", ""] + [f"{entry}" for entry in glossary]
    return "\n".join(out) + "\n"


def underlined_variant() -> str:
    """No numbers at all: a title underlined with '=', sections with '-', subsections in
    capitals; a 'Sources' line at the end."""
    title, sections, _ = parse_source()
    out = [title, "=" * len(title), ""]
    for _, heading, subs in sections:
        out += [heading, "-" * len(heading), ""]
        for sub, paragraphs in subs:
            if sub:
                out += [sub.upper(), ""]
            out += [wrap(p) + "\n" for p in paragraphs]
    out += ["Sources", "-------", "", "Reuters - https://www.reuters.com/world/", ""]
    return "\n".join(out)


VARIANTS = {
    "goover-wrapped.txt": wrapped_variant,
    "goover-references-first.txt": references_first_variant,
    "goover-numbered-list.txt": numbered_list_variant,
    "goover-underlined.txt": underlined_variant,
}

if __name__ == "__main__":
    for name, make in VARIANTS.items():
        (HERE / name).write_text(make(), encoding="utf-8")
        print(name)
