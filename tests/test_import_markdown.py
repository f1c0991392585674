"""The Markdown importer: real READMEs keep their headings and their words; every block kept."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from briefcli.importers import NotAReport, brief_yaml, import_report, markdown_source
from briefcli.importers.text import is_badge
from briefcli.model import Brief, CodeBlock, TableBlock
from conftest import REPO, Runner, outline

DATA = Path(__file__).parent / "data"
REAL_DOCUMENTS = [DATA / "typer-README.md", DATA / "rich-README.md", REPO / "README.md"]


def parse(text: str) -> Brief:
    """The Markdown importer alone (no timeline)."""
    return markdown_source.parse(text)[0]


def brief_text(brief: Brief) -> str:
    parts = [brief.meta.title]
    for section in brief.sections:
        parts += [section.title, *map(_words_of, section.paragraphs)]
        for sub in section.subsections:
            parts += [sub.title, *map(_words_of, sub.paragraphs)]
    for entry in brief.glossary:
        parts += [entry.term, entry.category, entry.definition]
    return "\n".join(parts)


def _words_of(paragraph: str) -> str:
    """A paragraph's words; a code block's include the language it names."""
    return f"{paragraph.language}\n{paragraph}" if isinstance(paragraph, CodeBlock) else paragraph


def words(text: str) -> Counter[str]:
    return Counter(re.findall(r"[^\W_]+", text.casefold()))


def visible_words(markdown: str) -> Counter[str]:
    """The words a reader of the rendered document sees: all of the source but HTML comments,
    the insides of HTML tags (tag names and attributes such as class="termy"), and the second
    copy of a URL that is its own link text, '[https://x](https://x)', and status badges
    ('[![PyPI version](https://badge.fury.io/py/rich.svg)](…)': images, not words)."""
    text = re.sub(r"<!--.*?-->", " ", markdown, flags=re.DOTALL)
    badge = r"!\[[^\[\]]*\]\(([^()\s]+)\)"
    text = re.sub(
        rf"\[{badge}\]\([^()\s]+\)|{badge}",
        lambda m: " " if is_badge(m.group(1) or m.group(2) or "") else m.group(),
        text,
    )
    # A fence's info string past its language (hl_lines="3 6") is for the renderer only.
    text = re.sub(r"(?m)^( {0,3}(?:```|~~~)[`~]*\s*\S*)[ \t].*$", r"\1", text)
    text = re.sub(r"<[A-Za-z/][^<>]*>", " ", text)
    text = re.sub(r"\[([^\[\]]+)\]\(\1\)", r"\1", text)
    return words(text)


def kept(source: Counter[str], brief: Brief) -> float:
    have = words(brief_text(brief))
    return sum(min(n, have[w]) for w, n in source.items()) / sum(source.values())


def oracle_headings(markdown: str) -> list[tuple[int, str]]:
    """Headings as markdown-it-py (CommonMark; installed with rich) reads them: the check on
    our own parser."""
    markdown_it = pytest.importorskip("markdown_it")
    tokens = markdown_it.MarkdownIt("commonmark").enable("table").parse(markdown)
    out = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.level == 0:
            inline = tokens[index + 1].children or []
            text = "".join(t.content for t in inline if t.type in ("text", "code_inline"))
            if text.strip():
                out.append((int(token.tag[1]), " ".join(text.split())))
    return out


def plain(title: str) -> str:
    return " ".join(title.replace("`", "").split())


@pytest.mark.parametrize("path", REAL_DOCUMENTS, ids=lambda p: p.name)
def test_real_readmes_keep_their_headings(path: Path) -> None:
    markdown = path.read_text(encoding="utf-8")
    result = import_report(markdown.encode(), path.name)
    headings = oracle_headings(markdown)
    top = min(level for level, _ in headings)
    if [level for level, _ in headings].count(top) == 1:  # a '# Title' heading
        title, *headings = headings
        assert result.meta.title == title[1]
    section_level = min(level for level, _ in headings)
    sub_level = min((lvl for lvl, _ in headings if lvl > section_level), default=None)
    expected: list[tuple[str, list[str]]] = []
    seen_section_level = False
    for level, text in headings:
        seen_section_level |= level == section_level
        if level == section_level or (level == sub_level and not seen_section_level):
            expected.append((text, []))  # a subsection heading before any section: a section
        elif level == sub_level:
            expected[-1][1].append(text)
    body = [s for s in result.sections if s.id != "0"]  # '0': the text before the first heading
    actual = [(plain(s.title), [plain(u.title) for u in s.subsections]) for s in body]
    assert actual == expected


@pytest.mark.parametrize("path", REAL_DOCUMENTS, ids=lambda p: p.name)
def test_real_readmes_keep_at_least_99_percent_of_their_words(path: Path) -> None:
    markdown = path.read_text(encoding="utf-8")
    result = import_report(markdown.encode(), path.name)
    assert kept(visible_words(markdown), result) >= 0.99


@pytest.mark.parametrize("path", REAL_DOCUMENTS, ids=lambda p: p.name)
def test_real_readmes_keep_every_code_block(path: Path) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    markdown = path.read_text(encoding="utf-8")
    tokens = markdown_it.MarkdownIt("commonmark").parse(markdown)
    blocks = [t.content.rstrip("\n") for t in tokens if t.type in ("fence", "code_block")]
    text = brief_text(import_report(markdown.encode(), path.name))
    missing = [b[:40] for b in blocks if b.strip() and b not in text]
    assert missing == []


DOCUMENT = """\
---
title: Field Notes
date: 2024-05-01
author: Survey Team
tags: [ignored]
---

# A heading that is not the title

Intro with *emphasis*, **strong**, `code`, [a link](https://example.org "Title") and
<https://auto.example>, a reference [link][ref] and an ![image](pic.png).
Hard break here\\
and &amp; an entity, an escaped \\*star\\*.

[ref]: https://ref.example

## Lists

- one
- two
  - nested
1. first
2) other marker

3. third, loose

   its second paragraph

## Quotes and tables

> Quoted text
> over two lines.
>
> - a list in a quote

| Name | Value |
|------|------:|
| a \\| b | 1 |

### Code

```python
print("# not a heading")
```

    indented code

~~~
tilde fence
~~~

<div class="note">
<p>HTML <em>block</em> text</p>
</div>

<!-- a comment nobody sees -->

Setext Heading
--------------

Under the setext heading.

#### Deep heading

Deep text.

## Glossary

- **Fast ice** [Concept]: Sea ice attached to the shore.
- Polynya: An area of open water.
- Lead — A crack in sea ice.

## Conclusion

Done in May 2024.
"""


def test_every_kind_of_block_is_kept_as_text() -> None:
    result = import_report(DOCUMENT.encode(), "notes.md")
    assert (result.meta.title, result.meta.date, result.meta.publisher) == (
        "Field Notes",
        "2024-05-01",
        "Survey Team",
    )
    titles = [(s.id, s.title, [u.title for u in s.subsections]) for s in result.sections]
    # The front matter gives the title; the lone '#' heading still stands above the '##'
    # sections, so the text under it is section 0.
    assert titles == [
        ("0", "A heading that is not the title", []),
        ("1", "Lists", []),
        ("2", "Quotes and tables", ["Code"]),
        ("3", "Setext Heading", ["Deep heading"]),
        ("4", "Conclusion", []),
    ]
    intro = result.sections[0].paragraphs
    assert intro == (
        "Intro with emphasis, strong, `code`, a link (https://example.org) and "
        "https://auto.example, a reference link (https://ref.example) and an image (pic.png). "
        "Hard break here\nand & an entity, an escaped *star*.",
    )
    assert result.sections[1].paragraphs == (
        "- one",
        "- two",
        "  - nested",
        "1. first",
        "2. other marker",
        "3. third, loose",
        "   its second paragraph",
    )
    assert result.sections[2].paragraphs == (
        "> Quoted text over two lines.",
        "> - a list in a quote",
        TableBlock(("Name", "Value"), (("a | b", "1"),)),  # a table block, cells as read
    )
    assert result.sections[2].subsections[0].paragraphs == (
        CodeBlock('print("# not a heading")', "python"),
        CodeBlock("indented code"),
        CodeBlock("tilde fence"),
        "HTML block text",
    )
    assert result.sections[3].paragraphs == ("Under the setext heading.",)
    assert result.sections[3].subsections[0].paragraphs == ("Deep text.",)
    assert [(g.term, g.category, g.definition) for g in result.glossary] == [
        ("Fast ice", "Concept", "Sea ice attached to the shore."),
        ("Polynya", "General", "An area of open water."),
        ("Lead", "General", "A crack in sea ice."),
    ]
    assert result.sections[-1].role == "conclusion"
    assert [(e.date.text, e.sections) for e in result.timeline] == [("2024-05", ("4",))]
    assert "nobody sees" not in brief_text(result)


def test_a_title_heading_and_the_text_under_it() -> None:
    text = "# Project\n\nWhat it is.\n\n## Install\n\npip install it\n\n## Use\n\nRun it.\n"
    result = parse(text)
    assert result.meta.title == "Project"
    assert [(s.id, s.title) for s in result.sections] == [
        ("0", "Project"),
        ("1", "Install"),
        ("2", "Use"),
    ]
    assert result.sections[0].paragraphs == ("What it is.",)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Opening words.\n\n# Introduction\n\nI.\n\n# Methods\n\nM.\n", "r.md"),
        ("Opening words.\n\n# Methods\n\n## Introduction\n\nI.\n\n# Results\n\nR.\n", "r.md"),
        ("Report\n\nOpening words.\n\n1. Introduction\n\nI.\n\n2. Methods\n\nM.\n", "r.txt"),
    ],
)
def test_the_text_before_the_first_heading_is_not_a_second_introduction(
    text: str, name: str
) -> None:
    sections = import_report(text.encode(), name).sections
    assert (sections[0].id, sections[0].title) == ("0", "Front matter")
    assert sections[0].paragraphs == ("Opening words.",)
    assert [s.title for s in sections].count("Introduction") + sum(
        u.title == "Introduction" for s in sections for u in s.subsections
    ) == 1


def test_a_title_pages_lines_read_as_headings_are_the_front_matter() -> None:
    """Publisher, author and address lines above '1. Introduction' (a DocBook PDF's title
    page) were empty sections numbered after the last ('4 X Desktop Group' above '1')."""
    text = (
        "# Shared MIME-info Database\n\n## X Desktop Group\n\n## Thomas Leonard\n\n"
        "### tal197 at users.sf.net\n\n## 1. Introduction\n\nWhy it exists.\n\n"
        "## 2. Unified system\n\nHow it works.\n\n## 3. Contributors\n\nWho wrote it.\n"
    )
    brief = import_report(text.encode(), "spec.md")
    assert outline(brief) == [
        ("0", "Front matter"),
        ("1", "Introduction"),
        ("2", "Unified system"),
        ("3", "Contributors"),
    ]
    assert brief.sections[0].paragraphs == (
        "X Desktop Group",
        "Thomas Leonard",
        "tal197 at users.sf.net",
    )


def test_an_unnumbered_section_with_text_above_the_numbered_ones_stays_a_section() -> None:
    text = "# R\n\n## Summary\n\nIn short.\n\n## 1. One\n\nA.\n\n## 2. Two\n\nB.\n"
    brief = import_report(text.encode(), "r.md")
    assert [(s.title, s.role) for s in brief.sections][:2] == [
        ("Summary", "summary"),
        ("One", None),
    ]
    assert [s.id for s in brief.sections][1:] == ["1", "2"]


def test_numbered_headings_give_the_ids() -> None:
    text = "# Report\n\n## 1. Summary\n\nS.\n\n## 2. Findings\n\n### 2.1 Ice\n\nI.\n\n"
    text += "## 3. End\n\nE.\n"
    result = parse(text)
    assert [(s.id, s.title, s.role) for s in result.sections] == [
        ("1", "Summary", "summary"),
        ("2", "Findings", None),
        ("3", "End", None),
    ]
    assert [(u.id, u.title) for u in result.sections[1].subsections] == [("2-1", "Ice")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # LaTeX's style (so most PDFs of papers): no dot after a section's number.
        (
            "# R\n\n## 1 Introduction\n\nI.\n\n## 2 Methods\n\nM.\n\n## 3 Results\n\nR.\n",
            [("1", "Introduction"), ("2", "Methods"), ("3", "Results")],
        ),
        # One such heading, with its subsections numbered under it.
        (
            "# R\n\n## Preface\n\nP.\n\n## 2 Syntax\n\n### 2.1 Grammar\n\nG.\n",
            [("1", "Preface"), ("2", "Syntax")],
        ),
        # A lone number that starts a title, and years, are not section numbers.
        (
            "# R\n\n## 3 ways to read\n\nW.\n\n## Notes\n\nN.\n",
            [("1", "3 ways to read"), ("2", "Notes")],
        ),
        (
            "# R\n\n## 2024 Plans\n\nA.\n\n## 2025 Plans\n\nB.\n",
            [("1", "2024 Plans"), ("2", "2025 Plans")],
        ),
    ],
)
def test_section_numbers_without_a_dot_are_ids_where_the_document_numbers_them(
    text: str, expected: list[tuple[str, str]]
) -> None:
    result = parse(text)
    assert [(s.id, s.title) for s in result.sections] == expected


def test_a_glossary_of_subsections() -> None:
    text = "# R\n\n## Body\n\nText.\n\n## Glossary\n\n### Term one\n\nMeaning one.\n\n"
    text += "### Two\n\nB.\n"
    result = parse(text)
    assert [(g.term, g.definition) for g in result.glossary] == [
        ("Term one", "Meaning one."),
        ("Two", "B."),
    ]
    assert [s.title for s in result.sections] == ["Body"]


def test_a_glossary_with_other_text_keeps_the_text() -> None:
    text = "# R\n\n## Body\n\nText.\n\n## Glossary\n\nTerms used here.\n\n- A: the letter a.\n"
    result = parse(text)
    assert [g.term for g in result.glossary] == ["A"]
    assert result.sections[-1].paragraphs == ("Terms used here.",)


def test_a_single_heading_document() -> None:
    result = parse("# Only a title\n\nAnd some text.\n")
    assert [(s.id, s.title, s.paragraphs) for s in result.sections] == [
        ("0", "Only a title", ("And some text.",))
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Just a paragraph.\n",
        "```\n# in code\n```\n",
        "#hashtag is not a heading\n",
        "# \n\nEmpty heading only.\n",
    ],
)
def test_documents_without_headings_are_not_reports(text: str) -> None:
    with pytest.raises(NotAReport, match="no headings"):
        parse(text)


def test_deep_nesting_is_kept_as_text() -> None:
    lists = "".join("  " * n + "- level\n" for n in range(60))
    text = "# T\n\n" + lists + "\n" + "> " * 200 + "x\n"
    result = parse(text)
    joined = "\n".join(result.sections[0].paragraphs)
    assert joined.count("level") == 60
    assert "x" in joined


def test_a_markdown_import_validates_and_round_trips() -> None:
    from briefcli.loader import parse_brief

    result = import_report(DOCUMENT.encode(), "notes.md")
    assert parse_brief(brief_yaml(result, "notes.md")) == result


def test_import_a_readme_from_the_command_line(brief: Runner, tmp_path: Path) -> None:
    out = tmp_path / "typer.yaml"
    result = brief("import", str(DATA / "typer-README.md"), "--title", "Typer", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    overview = brief("--brief", str(out))
    lines = overview.stdout.splitlines()
    assert lines[:4] == ["Typer", "", "Contents", ""]
    # Each contents line: id, words, minutes, then the title.
    titles = [line.split(" min  ", 1)[1] for line in lines[4:6]]
    assert (lines[4][:1], lines[5][:1], titles) == ("0", "1", ["Introduction", "FastAPI of CLIs"])
    shown = brief("show", "3-1", "--brief", str(out))
    # A code block: its lines as written, indented, never run together.
    assert '\n    def main(name: str):\n        print(f"Hello {name}")\n' in shown.stdout


# A report converted to Markdown whose headings are plain lines, named only by its contents
# list of in-page links (as CRS reports converted from the web are: tests/data/corpus).
LISTED = """\
# Grain report

## Contents

- [Ports and ships](#ports)
- [Food and feed](#food)
- [Outlook](#outlook)

Summary

Grain moves by sea. Most of it goes through Jebel Ali.

Ports and ships

Jebel Ali is the leading container port of the region.

Food and feed

The Gulf states depend on ships for most of their grain.

Outlook

Storage at the ports holds several months of grain.
"""


def test_headings_named_by_a_contents_list_are_sections() -> None:
    brief = import_report(LISTED.encode(), "grain.md", "markdown")
    assert [(s.title, s.role, s.paragraphs) for s in brief.sections[1:]] == [
        ("Summary", "summary", ("Grain moves by sea. Most of it goes through Jebel Ali.",)),
        ("Ports and ships", None, ("Jebel Ali is the leading container port of the region.",)),
        ("Food and feed", None, ("The Gulf states depend on ships for most of their grain.",)),
        ("Outlook", None, ("Storage at the ports holds several months of grain.",)),
    ]
    assert brief.sections[0].title == "Contents"
    # Each new heading has the line it stands on, for --outline.
    _, drafts = markdown_source.parse(LISTED, name="grain.md")
    lines = LISTED.split("\n")
    for draft in drafts[1:]:
        assert lines[draft.line - 1] == draft.title


@pytest.mark.parametrize(
    "change",
    [
        # Fewer than three entries: a few links, not a contents list.
        lambda text: text.replace("- [Outlook](#outlook)\n", ""),
        # Links to other documents, not within this one.
        lambda text: re.sub(r"\(#\w+\)", "(other.html)", text),
        # A list of figures or tables names captions, not headings.
        lambda text: re.sub(r"- \[(\w)", r"- [Figure 1. \1", text),
    ],
    ids=["two entries", "other documents", "list of figures"],
)
def test_no_contents_list_no_new_headings(change: Any) -> None:
    brief = import_report(change(LISTED).encode(), "grain.md", "markdown")
    assert [s.title for s in brief.sections] == ["Contents"]


def test_a_contents_list_of_real_headings_changes_nothing() -> None:
    text = LISTED
    for title in ("Ports and ships", "Food and feed", "Outlook"):
        text = text.replace(f"\n{title}\n", f"\n## {title}\n")
    text = text.replace("\nSummary\n", "\nIn short:\n")
    brief = import_report(text.encode(), "grain.md", "markdown")
    assert [s.title for s in brief.sections] == [
        "Contents", "Ports and ships", "Food and feed", "Outlook"
    ]  # fmt: skip
    # A paragraph that only repeats a heading's words stays a paragraph.
    again = text + "\nOutlook\n"
    assert import_report(again.encode(), "g.md", "markdown").sections[-1].paragraphs[-1] == (
        "Outlook"
    )


def test_brackets_no_bracket_closes_are_text_as_written() -> None:
    """Thousands of unclosed '[' (markdown-it looks for a label's end from each) keep their
    text word for word; a report with few brackets is parsed unchanged."""
    run = "[" * 5000 + " and [[[[[[[[[[[[[[[[[[[[[[[[[[[[x]"
    text = f"# Report\n\n## One\n\nSee [the map](https://example.org/map). {run} end.\n"
    brief = import_report(text.encode(), "r.md", "markdown")
    assert brief.sections[0].paragraphs == (f"See the map (https://example.org/map). {run} end.",)
    few = "# Report\n\n## One\n\nA [link](#x) and [a] bracket [ here.\n"
    assert markdown_source._defused(few) == few


def test_a_changelog_of_top_level_releases_is_titled_by_its_file_not_its_newest_release() -> None:
    """Rust's RELEASES.md and Click's CHANGES.md have no title heading, only releases at the
    top level: 'Version 1.95 (2026-04-16)' is no title for the whole file (and its id would
    change with every release)."""
    text = (
        "Version 1.95 (2026-04-16)\n=========================\n\n- Faster builds.\n\n"
        "Version 1.94 (2026-03-05)\n=========================\n\n- Smaller binaries.\n"
    )
    brief = import_report(text.encode(), "rust/RELEASES.md")
    assert (brief.meta.title, brief.meta.id) == ("RELEASES", "rust-releases")
    assert [s.title for s in brief.sections] == [
        "Version 1.95 (2026-04-16)",
        "Version 1.94 (2026-03-05)",
    ]
    assert import_report(text.encode(), "<stdin>", "markdown").meta.title == "ChangeLog"
    # A heading over the releases at the same level is the title still.
    titled = "# News about Frob releases\n\nText.\n\n" + text
    assert import_report(titled.encode(), "NEWS.md").meta.title == "News about Frob releases"
    # A titled changelog keeps its title.
    kept = (
        "# Changelog for Frob\n\n## [1.2.0] - 2024-01-01\n\n- x\n\n## [1.1.0] - 2023-01-01\n\n- y\n"
    )
    assert import_report(kept.encode(), "CHANGES.md").meta.title == "Changelog for Frob"


def test_a_readme_s_badges_are_no_words_and_a_logo_titled_readme_is_its_file() -> None:
    """Rich's README opens with status badges and a logo, then its sections: the badges are
    images ('build passing'), not text, as on a web page; and the brief is its README, not
    its first section ('Compatibility')."""
    text = (
        "[![PyPI version](https://badge.fury.io/py/frob.svg)](https://pypi.org/project/frob/) "
        "![CI](https://github.com/x/frob/actions/workflows/ci.yml/badge.svg)\n\n"
        "![Logo](https://example.org/logo.svg)\n\nFrob is a library for frobbing files.\n\n"
        "## Compatibility\n\nFrob runs everywhere.\n\n## Installing\n\npip install frob\n"
    )
    brief = import_report(text.encode(), "frob/README.md")
    assert (brief.meta.title, brief.meta.id) == ("README", "frob-readme")
    assert brief.sections[0].paragraphs == (
        "Logo (https://example.org/logo.svg)",
        "Frob is a library for frobbing files.",
    )
