"""Search for the reader: the one place it asks the index, and where a hit lands in the text."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from briefcli.index import Hit
    from briefcli.model import Brief

#: Hits listed for one query: more than fit a screen, few enough to rank quickly.
HIT_LIMIT = 50


def search_brief(path: str, text: str, limit: int = HIT_LIMIT) -> tuple[Hit, ...]:
    """The best hits for ``text`` in the brief at ``path``: the index and ranking of `brief search`.

    Raises UsageError when ``text`` has no words. Everything the reader needs of the index goes
    through this function.
    """
    from briefcli.catalog import describe
    from briefcli.index import Index, using_index

    def run(index: Index) -> tuple[Hit, ...]:
        entry = describe(index, path)
        return index.search(text, [entry.file_id], limit=limit).hits

    return using_index(run)


class Landing(NamedTuple):
    """Where a hit takes the reader: a section, a paragraph there, the words to mark.

    ``kind`` is the hit's: 'section' (``paragraph`` indexes the paragraphs of ``anchor``,
    a section or subsection id), 'key_points' (``paragraph`` indexes the key points),
    'glossary' (``term`` is the entry's index in the glossary) or 'timeline'.
    """

    kind: str
    section: str
    anchor: str
    paragraph: int | None = None
    words: tuple[str, ...] = ()
    term: int | None = None


def land(brief: Brief, hit: Hit) -> Landing | None:
    """Where ``hit`` lands in ``brief``, or None when the brief no longer has that place."""
    from briefcli.sanitize import sanitize_line

    words = tuple(dict.fromkeys(hit.snippet[start:end] for start, end in hit.marks))
    if hit.kind == "glossary":
        for index, entry in enumerate(brief.glossary):
            if sanitize_line(entry.term) == hit.ref:
                return Landing("glossary", "", "", term=index)
        return None
    if hit.kind == "timeline":
        for section in brief.sections:
            ids = [section.id, *(sub.id for sub in section.subsections)]
            for wanted in hit.sections:
                if wanted in ids:
                    return Landing("timeline", section.id, wanted, words=words)
        return None
    for section in brief.sections:
        if hit.kind == "key_points" and sanitize_line(section.id) == hit.ref:
            where = _paragraph_of(section.key_points, hit.snippet, hit.marks)
            return Landing("key_points", section.id, section.id, where, words)
        if hit.kind != "section":
            continue
        places = [(section.id, section.paragraphs)]
        places += [(sub.id, sub.paragraphs) for sub in section.subsections]
        for anchor, paragraphs in places:
            if sanitize_line(anchor) == hit.ref:
                where = _paragraph_of(paragraphs, hit.snippet, hit.marks)
                return Landing("section", section.id, anchor, where, words)
    return None


def _paragraph_of(
    paragraphs: tuple[str, ...],
    snippet: str,
    marks: tuple[tuple[int, int], ...],
) -> int:
    """Which of ``paragraphs`` holds the snippet's first marked word.

    The index stores a section's paragraphs sanitised and joined by spaces, and the snippet
    is a piece of that text ('…' where it was cut): found there, its first mark's offset
    tells the paragraph. Failing that, the first paragraph with the marked word.
    """
    from briefcli.sanitize import sanitize

    texts = [sanitize(p).replace("\n", " ") for p in paragraphs]
    if not texts:
        return 0
    first = marks[0][0] if marks else 0
    core, offset = snippet, first
    if core.startswith("…"):
        core, offset = core[1:], offset - 1
    core = core.removesuffix("…")
    joined = " ".join(texts)
    found = joined.find(core) if core else -1
    if found >= 0:
        position = found + max(offset, 0)
        start = 0
        for index, text in enumerate(texts):
            if position < start + len(text) + 1:
                return index
            start += len(text) + 1
    if marks:
        word = snippet[marks[0][0] : marks[0][1]].casefold()
        for index, text in enumerate(texts):
            if word in text.casefold():
                return index
    return 0
