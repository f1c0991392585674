"""Key points, summaries and glossary entries that brief draws from a brief's own sentences.

This is where a model :class:`~briefcli.model.Brief` meets the pure ranking modules
(:mod:`briefcli.summarize`, :mod:`briefcli.terms`): every text it returns is the report's own
sentence, word for word, marked with its origin (``report``, ``editor`` or ``extracted``).

They are computed when read, not at import (docs/summaries.md has the measurements), and
remembered in a small cache beside the parsed briefs: one JSON file per brief, holding the parts
asked for so far under a key of the brief's text, so an edited brief is computed afresh and a
lookup that needs no extract never reads it. :func:`digest` is the cached way in; the other
functions compute.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from briefcli.freshness import code_stamp
from briefcli.model import (
    EDITOR,
    EXTRACTED,
    REPORT,
    Brief,
    GlossaryEntry,
    Section,
    Subsection,
    is_block,
)

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "Digest",
    "ExtractedTerm",
    "digest",
    "glossary",
    "key_points",
    "key_points_for",
    "points",
    "summary",
    "summary_for",
]

#: Bumped whenever what is extracted changes, so cached extracts are computed afresh.
METHOD = 24
#: The modules whose code decides what is extracted (their size and mtime key the cache too).
_CODE = ("extracts.py", "summarize.py", "sentences.py", "terms.py")
_MAX_ENTRY_BYTES = 16 * 1024 * 1024


class ExtractedTerm(NamedTuple):
    """A glossary entry found by brief (origin 'extracted') and the sections that use it."""

    entry: GlossaryEntry
    #: Ids of the sections and subsections whose text uses the term under any of its names.
    sections: tuple[str, ...]


# -- computing ---------------------------------------------------------------------------------


def _part(brief: Brief, ref: str) -> Section | Subsection:
    """The section or subsection with id ``ref``; KeyError if there is none."""
    for section in brief.sections:
        if section.id == ref:
            return section
        for sub in section.subsections:
            if sub.id == ref:
                return sub
    raise KeyError(ref)


#: Back matter that lists other works: it may define the terms it names (a specification's
#: "[LZMA-SDK] LZMA SDK: the original implementation …"), so the glossary reads it.
_REFERENCES = frozenset(("references", "bibliography", "sources", "works cited"))
#: Titles of sections that hold no part of a report's argument: a summary leaves them out.
#: ("Index" is not among them: in a specification it can be a part of the format.)
_BACK_MATTER = _REFERENCES | {
    "contents", "table of contents", "footnotes", "endnotes", "acknowledgements",
    "acknowledgments", "copyright", "license", "licence",
}  # fmt: skip


def _back_matter(title: str) -> str:
    """A section's title as back matter is named ("7. References:" → "references"), or ''."""
    name = re.sub(r"^[\d.\s]+", "", title).strip().rstrip(":").casefold()
    return name if name in _BACK_MATTER else ""


def _paragraphs(part: Section | Subsection) -> tuple[str, ...]:
    return part.all_paragraphs() if isinstance(part, Section) else part.paragraphs


def _breaks(part: Section | Subsection) -> tuple[int, ...]:
    """The paragraphs of a section's text (:func:`_paragraphs`) that open its subsections."""
    if not isinstance(part, Section) or not part.subsections:
        return ()
    starts = [len(part.paragraphs)]
    for sub in part.subsections[:-1]:
        starts.append(starts[-1] + len(sub.paragraphs))
    return tuple(starts)


def _lead_sentences(
    paragraphs: Sequence[str], sentences: int | None, words: int | None
) -> tuple[str, ...]:
    """The first sentences of a text with no prose sentence to rank (code, a list of names).

    Code blocks, table rows and flattened lines of code come last, so a section of a few words
    and a code sample says its words; a text that is only code quotes its first line.
    """
    from briefcli.sentences import is_prose, sentence_spans
    from briefcli.summarize import marker_end

    plain: list[str] = []
    other: list[str] = []
    for paragraph in paragraphs:
        for start, end in sentence_spans(paragraph):
            text = paragraph[start:end]
            code = is_block(paragraph) or text.startswith(("```", "~~~", "    ", "|", "<"))
            if not code and not is_prose(text, min_words=1):
                # A flattened table row or line of code: only if nothing else. A point is shown
                # as a bullet: not '- - item'.
                other.append(text[marker_end(text) :])
                continue
            if code:
                # The first line that says something: not a fence or a table rule.
                lines = [line.strip() for line in text.splitlines()]
                text = next((line for line in lines if line.strip("`~|<>-=: ")), "")
                if not text:
                    continue
            text = text[marker_end(text) :]  # a point is shown as a bullet: not '- - item'
            (other if code else plain).append(text)
    # A line with no word in it ('157', '$', '----') says least of all: only if nothing else.
    wordless = [text for text in plain + other if not any(c.isalpha() for c in text)]
    ordered = [text for text in plain + other if any(c.isalpha() for c in text)] + wordless
    return _fill(ordered, sentences, words)


def _fill(order: Sequence[str], sentences: int | None, words: int | None) -> tuple[str, ...]:
    """Take texts in ``order`` until ``sentences`` are taken or ``words`` would be exceeded."""
    if sentences is None and words is None:
        from briefcli.summarize import KEY_POINTS

        sentences = KEY_POINTS
    taken: list[str] = []
    used = 0
    for text in order:
        if sentences is not None and len(taken) >= sentences:
            break
        length = len(text.split())
        if words is not None and used + length > words:
            if taken:
                continue
            break
        taken.append(text)
        used += length
    return tuple(taken)


def key_points(
    brief: Brief, ref: str, *, sentences: int | None = None, words: int | None = None
) -> tuple[str, ...]:
    """Extracted key points of section or subsection ``ref``, in reading order, word for word.

    The title prior reads the part's own title (docs/summaries.md, round 5).

    ``sentences`` (default :data:`briefcli.summarize.KEY_POINTS`) or ``words`` set the length.
    A part with text gets at least one point when the budget allows one; KeyError if no part
    has that id.
    """
    from briefcli.summarize import key_points as rank

    part = _part(brief, ref)
    paragraphs = _paragraphs(part)
    ranked = rank(
        paragraphs, sentences=sentences, words=words, title=part.title, breaks=_breaks(part)
    )
    chosen = tuple(e.text for e in ranked)
    return chosen or _lead_sentences(paragraphs, sentences, words)


def points(brief: Brief) -> dict[str, tuple[str, ...]]:
    """Extracted key points of every section and subsection, by id, at the default length."""
    out: dict[str, tuple[str, ...]] = {}
    for section in brief.sections:
        out[section.id] = key_points(brief, section.id)
        for sub in section.subsections:
            out[sub.id] = key_points(brief, sub.id)
    return out


def summary(
    brief: Brief, *, sentences: int | None = None, words: int | None = None
) -> tuple[str, ...]:
    """An extracted summary of the whole brief: sentences spread over its sections, in order.

    The report's own Summary section is left out (it is what a summary would replace), and
    so is back matter (Contents, Footnotes, Acknowledgements, …) when anything else is left; the
    default length is as many sentences as there are sections with prose, at least three and
    at most ten.
    """
    from briefcli.summarize import summary as rank

    parts = [s for s in brief.sections if s.role != "summary"]
    body = [s.all_paragraphs() for s in parts if not _back_matter(s.title)] or [
        s.all_paragraphs() for s in parts
    ]
    ranked = rank(body, sentences=sentences, words=words, title=brief.meta.title)
    chosen = tuple(e.text for e in ranked)
    if chosen:
        return chosen
    return _lead_sentences([p for paragraphs in body for p in paragraphs], sentences, words)


def glossary(brief: Brief, *, limit: int | None = None) -> tuple[ExtractedTerm, ...]:
    """Glossary entries found in the text (origin 'extracted'), leaving out the brief's own terms.

    Each definition is the report's sentence that defines or introduces the term, word for
    word; ``sections`` lists the sections and subsections that use it (acronym, expansion,
    plural or possessive). Acronyms, coinages and defined terms come first, then names.
    Back matter (see :func:`summary`) is not read, except a list of references.
    """
    from briefcli.terms import glossary as find

    ids: list[str] = []
    units: list[tuple[str, ...]] = []
    for section in brief.sections:
        # Back matter (Contents, Footnotes, …) defines nothing: citations, credits and titles
        # of other works are not the report's terms. A list of references can (_REFERENCES).
        back = _back_matter(section.title) not in ("", *_REFERENCES)
        ids.append(section.id)
        units.append(() if back else section.paragraphs)
        for sub in section.subsections:
            ids.append(sub.id)
            units.append(() if back else sub.paragraphs)
    known = {name.casefold() for entry in brief.glossary for name in entry.names()}
    found: list[ExtractedTerm] = []
    for candidate in find(units):
        if any(name.casefold() in known for name in candidate.names()):
            continue
        entry = GlossaryEntry(
            candidate.term,
            candidate.category,
            candidate.definition,
            candidate.aliases,
            EXTRACTED,
        )
        found.append(ExtractedTerm(entry, tuple(ids[index] for index in candidate.sections)))
        if limit is not None and len(found) >= limit:
            break
    return tuple(found)


# -- which text a command shows ------------------------------------------------------------------


def summary_for(
    brief: Brief,
    *,
    sentences: int | None = None,
    words: int | None = None,
    cached: Digest | None = None,
) -> tuple[tuple[str, ...], str]:
    """What ``brief summary`` shows, and its origin: the report's Summary, else an extract.

    The report's own Summary section (origin 'report') comes whole, as paragraphs, unless
    ``sentences`` or ``words`` ask for less: then its first sentences. Without one, the
    extracted summary (origin 'extracted'), from ``cached`` when given at the default length.
    """
    own = brief.section_by_role("summary")
    if own is not None and own.all_paragraphs():
        if sentences is None and words is None:
            return own.all_paragraphs(), REPORT
        from briefcli.sentences import split_sentences

        order = [s for paragraph in own.all_paragraphs() for s in split_sentences(paragraph)]
        return _fill(order, sentences, words), REPORT
    if cached is not None and sentences is None and words is None:
        return cached.summary(), EXTRACTED
    return summary(brief, sentences=sentences, words=words), EXTRACTED


def key_points_for(
    brief: Brief,
    ref: str,
    *,
    sentences: int | None = None,
    words: int | None = None,
    cached: Digest | None = None,
) -> tuple[tuple[str, ...], str]:
    """The key points of section or subsection ``ref`` and their origin; KeyError if none.

    The editor's key points where the section has them (origin 'editor'; ``sentences`` and
    ``words`` take the first so many), else extracted points stored in the brief, else
    extracted now, or from ``cached`` at the default length (origin 'extracted').
    """
    part = _part(brief, ref)
    if isinstance(part, Section) and part.key_points:
        if sentences is None and words is None:
            return part.key_points, EDITOR
        return _fill(part.key_points, sentences, words), EDITOR
    if part.extracted_points:
        if sentences is None and words is None:
            return part.extracted_points, EXTRACTED
        return _fill(part.extracted_points, sentences, words), EXTRACTED
    if cached is not None and sentences is None and words is None:
        return cached.key_points(ref), EXTRACTED
    return key_points(brief, ref, sentences=sentences, words=words), EXTRACTED


# -- remembering ---------------------------------------------------------------------------------


def content_key(brief: Brief) -> list[int]:
    """A key of everything extraction reads: ids, roles, paragraphs and glossary terms.

    Two checksums and the length of the text (tens of microseconds for a long report): a brief
    edited in any way that could change an extract gets another key.
    """
    parts: list[str] = []
    for section in brief.sections:
        parts += ["\x00S", section.id, section.role or "", *section.paragraphs]
        for sub in section.subsections:
            parts += ["\x00s", sub.id, *sub.paragraphs]
    for entry in brief.glossary:
        parts += ["\x00g", *entry.names()]
    raw = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return [len(raw), zlib.crc32(raw), zlib.adler32(raw)]


class Digest:
    """A brief's extracts at their default lengths, computed on first use and remembered.

    Each part (one section's points, the summary, the glossary) is computed only when asked
    for, then written to the cache entry together with what it held already.
    """

    def __init__(self, brief: Brief, entry: Path | None, stored: dict[str, Any]):
        self._brief, self._entry, self._stored = brief, entry, stored

    def key_points(self, ref: str) -> tuple[str, ...]:
        """Extracted key points of section or subsection ``ref`` (KeyError if none)."""
        known = self._stored.setdefault("points", {})
        if ref not in known:
            known[ref] = list(key_points(self._brief, ref))
            self._save()
        return tuple(known[ref])

    def summary(self) -> tuple[str, ...]:
        """The extracted summary of the whole brief."""
        if "summary" not in self._stored:
            self._stored["summary"] = list(summary(self._brief))
            self._save()
        return tuple(self._stored["summary"])

    def glossary(self) -> tuple[ExtractedTerm, ...]:
        """The extracted glossary (see :func:`glossary`)."""
        if "glossary" not in self._stored:
            self._stored["glossary"] = [
                [e.entry.term, e.entry.category, e.entry.definition, list(e.entry.aliases),
                 list(e.sections)]
                for e in glossary(self._brief)
            ]  # fmt: skip
            self._save()
        return tuple(
            ExtractedTerm(
                GlossaryEntry(term, category, definition, tuple(aliases), EXTRACTED),
                tuple(sections),
            )
            for term, category, definition, aliases, sections in self._stored["glossary"]
        )

    def _save(self) -> None:
        if self._entry is not None:
            _write(self._entry, self._header(), self._stored)

    def _header(self) -> dict[str, Any]:
        return _header(self._brief)


def digest(brief: Brief, *, remember: bool = True) -> Digest:
    """The brief's extracts, read from the cache where they were computed before.

    Reading an entry costs well under a millisecond; nothing is computed until a part is asked
    for. With ``remember=False``, or when the cache folder cannot be used, nothing is written.
    """
    entry = _entry_path(brief) if remember else None
    stored = _read(entry, _header(brief)) if entry is not None else None
    return Digest(brief, entry, stored if stored is not None else {})


def _header(brief: Brief) -> dict[str, Any]:
    from briefcli import __version__

    return {
        "method": METHOD,
        "version": __version__,
        "code": code_stamp(_CODE),
        "content": content_key(brief),
    }


def _entry_path(brief: Brief) -> Path | None:
    """The cache file for this brief's extracts: one per brief id (the header keys the text)."""
    from briefcli.paths import cache_dir

    try:
        raw = brief.meta.id.encode("utf-8", "surrogatepass")
        return cache_dir() / "extracts" / f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}.json"
    except (RuntimeError, KeyError, OSError, UnicodeError):  # no home folder to hold a cache
        return None


def _read(entry: Path, header: dict[str, Any]) -> dict[str, Any] | None:
    """The stored parts when the entry's header matches; None when missing, stale or damaged."""
    import json

    from briefcli.errors import BriefFileError
    from briefcli.files import OWN, read_file

    try:
        data = read_file(entry, OWN, limit=_MAX_ENTRY_BYTES, own=True)
        head, _, payload = data.partition(b"\n")
        stored_header = json.loads(head)
        if stored_header != {**header, "digest": [len(payload), zlib.crc32(payload)]}:
            return None
        stored = json.loads(payload)
        return stored if _well_formed(stored) else None
    except (BriefFileError, OSError, ValueError, RecursionError):
        return None


def _well_formed(stored: Any) -> bool:
    """Whether a payload has the shape :class:`Digest` writes (a damaged one is a miss)."""
    if not isinstance(stored, dict):
        return False
    points = stored.get("points", {})
    if not isinstance(points, dict) or not all(_strings(v) for v in points.values()):
        return False
    if "summary" in stored and not _strings(stored["summary"]):
        return False
    terms = stored.get("glossary", [])
    return isinstance(terms, list) and all(
        isinstance(t, list)
        and len(t) == 5
        and all(isinstance(x, str) for x in t[:3])
        and _strings(t[3])
        and _strings(t[4])
        for t in terms
    )


def _strings(items: Any) -> bool:
    return isinstance(items, list) and all(isinstance(item, str) for item in items)


def _write(entry: Path, header: dict[str, Any], stored: dict[str, Any]) -> None:
    """Remember the parts; a cache folder that is missing, read-only or full is no error."""
    import contextlib
    import json

    from briefcli.errors import WriteError
    from briefcli.files import atomic_write

    with contextlib.suppress(WriteError, OSError, UnicodeError, ValueError):
        payload = json.dumps(stored, ensure_ascii=False).encode("utf-8")
        head = {**header, "digest": [len(payload), zlib.crc32(payload)]}
        data = json.dumps(head, ensure_ascii=True).encode("ascii") + b"\n" + payload
        atomic_write(entry, data, force=True, private=True, own=True)
