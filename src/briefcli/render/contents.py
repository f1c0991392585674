"""The contents tree: sections and subsections with word counts and reading times."""

from __future__ import annotations

from typing import NamedTuple

from briefcli.model import Brief, TableBlock

#: The reading speed behind every estimate: a common figure for adults reading prose silently.
WORDS_PER_MINUTE = 230
#: Depths of the contents: 1 lists the sections, 2 their subsections too.
DEPTHS = (1, 2)


class Entry(NamedTuple):
    """One line of the contents: a section (level 1) or a subsection (level 2)."""

    id: str
    title: str
    level: int
    words: int
    minutes: int


def words(paragraphs: tuple[str, ...]) -> int:
    """How many words ``paragraphs`` hold: runs of characters between spaces, and each
    Chinese or Japanese character as one (those scripts put no spaces between words)."""
    return sum(
        _table_words(text)
        if isinstance(text, TableBlock)
        else len(text.split())
        if text.isascii()
        else _words_beyond_ascii(text)
        for text in paragraphs
    )


def _table_words(table: TableBlock) -> int:
    """The words in a table's cells: not the ' | ' between them (which as text it has)."""
    return words(tuple(cell for row in (table.header, *table.rows) for cell in row))


#: Han ideographs, hiragana and katakana: read at about as many characters a minute as
#: English words (Chinese about 255, Japanese about 360; Trauzettel-Klosinski et al., 2012).
_IDEOGRAPHS = "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"


def _words_beyond_ascii(text: str) -> int:
    import re  # compiled once and cached by re; only for text beyond ASCII

    found = len(re.findall(_IDEOGRAPHS, text))
    if not found:
        return len(text.split())
    # What is left once the ideographs are spaces: words of other scripts, digits, and
    # punctuation ('。', '、'), which is no word.
    rest = re.sub(_IDEOGRAPHS, " ", text).split()
    return found + sum(1 for token in rest if any(char.isalnum() for char in token))


def minutes(count: int) -> int:
    """Minutes to read ``count`` words at :data:`WORDS_PER_MINUTE`, rounded; at least 1."""
    if count <= 0:
        return 0
    return max(1, (count + WORDS_PER_MINUTE // 2) // WORDS_PER_MINUTE)


def tree(brief: Brief, depth: int = 2) -> tuple[Entry, ...]:
    """The contents in reading order; a section counts its own words and its subsections'."""
    entries: list[Entry] = []
    for section in brief.sections:
        count = words(section.all_paragraphs())
        entries.append(Entry(section.id, section.title, 1, count, minutes(count)))
        if depth >= 2:
            for sub in section.subsections:
                sub_count = words(sub.paragraphs)
                entries.append(Entry(sub.id, sub.title, 2, sub_count, minutes(sub_count)))
    return tuple(entries)


def total_words(brief: Brief) -> int:
    """Every word of the report's sections (not the glossary, timeline or editor's notes)."""
    return sum(words(section.all_paragraphs()) for section in brief.sections)
