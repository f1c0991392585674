"""Views → a format-neutral document of role-tagged blocks; styling happens elsewhere."""

from __future__ import annotations

from typing import NamedTuple

from briefcli.model import (
    Brief,
    CodeBlock,
    GlossaryEntry,
    Section,
    Subsection,
    TableBlock,
    TimelineEvent,
)
from briefcli.query import SectionMatch
from briefcli.render import contents
from briefcli.termmatch import term_uses
from briefcli.views import (
    ConfigView,
    ExportView,
    GlossaryView,
    LibraryView,
    OverviewView,
    ReadView,
    SearchView,
    SectionView,
    SummaryView,
    TermView,
    TimelineView,
    View,
)

#: Said wherever text written by the brief's editor stands next to the report's own words.
EDITOR_LABEL = "written by the brief's editor, not the report's words"
#: Said wherever brief quotes sentences it chose from the report (origin 'extracted').
EXTRACTED_LABEL = (
    "chosen by brief from the report's sentences, word for word: not written by its authors "
    "or the editor"
)
#: How a glossary entry or event not from the report is marked in a list: '[editor]'.
ORIGIN_MARK = {"editor": " [editor]", "extracted": " [extracted]"}
#: What each origin means, as a glossary entry's 'Origin' line says it.
ORIGIN_TEXT = {
    "report": "the report's glossary",
    "editor": EDITOR_LABEL,
    "extracted": "found by brief in the text; the definition is the report's sentence, "
    "word for word",
}
#: Starts every section heading of `brief read`, so that a pager's search finds the headings.
SECTION_MARK = "§"
#: Below this many columns the timeline puts each date on a line of its own, above the event.
STACK_BELOW = 60


class Heading(NamedTuple):
    """A heading: level 0 is the document title, 1 a section, 2 a subsection."""

    level: int
    title: str
    number: str | None = None
    anchor: str | None = None


class Paragraph(NamedTuple):
    """A paragraph of prose; role 'body' for the report's words, 'note' or 'muted' otherwise.

    Two roles are about the output rather than part of it: 'legend' explains the data (what
    a mark means), 'hint' says how to go on (commands to try, the sections either side).
    Plain text leaves both out, so that a pipe gets the data only; Markdown keeps legends.

    ``marks`` are (start, end) spans of ``text`` to show as matches: role 'match' on a
    terminal, «between guillemets» in plain text.
    """

    text: str
    role: str = "body"
    marks: tuple[tuple[int, int], ...] = ()


class Bullets(NamedTuple):
    """A list of short items (key points); role as for :class:`Paragraph`."""

    items: tuple[str, ...]
    role: str = "body"


class Definition(NamedTuple):
    """A glossary entry: term, category, definition and labelled extras such as 'Used in'."""

    term: str
    category: str
    definition: str
    extras: tuple[tuple[str, str], ...] = ()


class Table(NamedTuple):
    """Rows of cells; each column has a role that the theme maps to a style.

    ``fits`` says per column what happens when a cell is too wide: 'wrap' (the default),
    'keep' (never broken: ids and dates) or 'truncate' (one line, cut short with '…').
    ``aligns`` is 'left' (the default) or 'right' per column. Below ``stack_below`` columns
    each row stacks: the other cells on one line, the last cell indented beneath them.
    """

    columns: tuple[str, ...]
    roles: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    fits: tuple[str, ...] = ()
    aligns: tuple[str, ...] = ()
    stack_below: int = 0

    def fit(self, index: int) -> str:
        """How column ``index`` fits: 'wrap', 'keep' or 'truncate'."""
        return self.fits[index] if index < len(self.fits) else "wrap"

    def align(self, index: int) -> str:
        """How column ``index`` is aligned: 'left' or 'right'."""
        return self.aligns[index] if index < len(self.aligns) else "left"


class Code(NamedTuple):
    """A code block of the report: shown verbatim, line for line, never wrapped or reflowed."""

    text: str
    language: str = ""

    def language_name(self) -> str:
        """The language as a class name or a fence's info string: only ASCII letters, digits
        and ``+-_.#`` (``c++``, ``objective-c``, ``f#``), so that it cannot carry attributes
        (pandoc reads ``{onclick=…}`` after a fence), quotes, entities or backticks."""
        return "".join(
            ch for ch in self.language if ch.isascii() and (ch.isalnum() or ch in "+-_.#")
        )


class ReportTable(NamedTuple):
    """A table of the report: a header row and rows of cells, each cell the report's text."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Heading | Paragraph | Bullets | Definition | Table | Code | ReportTable


def paragraph(text: str) -> Block:
    """The block for one paragraph of the report: prose, a code block or a table."""
    if isinstance(text, CodeBlock):
        return Code(str(text), text.language)
    if isinstance(text, TableBlock):
        return ReportTable(text.header, text.rows)
    return Paragraph(text)


class Document(NamedTuple):
    """What a command shows, in order; ``terms`` are highlighted where a renderer can.

    ``heading_mark``, when set, starts every section and subsection heading in text and on a
    terminal (``§ 4-2. Title``): a pattern a pager can search for to move by section.
    """

    blocks: tuple[Block, ...]
    terms: tuple[str, ...] = ()
    heading_mark: str = ""


def build(view: View, detail: bool = False) -> Document:
    """The document for any view; ``detail`` gives the glossary list its definitions."""
    if isinstance(view, OverviewView):
        chosen = [Paragraph(view.chosen_by, "hint")] if view.chosen_by else []
        hints = Paragraph(_overview_hints(view.brief, view.brief_option), "hint")
        return Document((*_overview(view.brief, view.depth), hints, *chosen))
    if isinstance(view, SectionView):
        section, sub = view.match.section, view.match.subsection
        blocks = _subsection(sub, level=1) if sub else _section(section)
        if view.notes:
            blocks.append(Paragraph(f"Editor's notes ({EDITOR_LABEL}):", "muted"))
            blocks.append(Bullets(view.notes, "note"))
        if footer := _neighbours(view.brief, view.match):
            blocks.append(Paragraph(footer, "hint"))
        return Document(tuple(blocks), _terms(view.brief))
    if isinstance(view, ReadView):
        return Document(_read_on(view), _terms(view.brief), f"{SECTION_MARK} ")
    if isinstance(view, GlossaryView):
        return Document(_glossary(view, detail))
    if isinstance(view, TermView):
        return Document(_term(view))
    if isinstance(view, TimelineView):
        return Document(_timeline(view.events))
    if isinstance(view, SummaryView):
        return Document(tuple(_summary(view)), _terms(view.brief))
    if isinstance(view, ExportView):
        return Document(tuple(_export(view.brief)), _terms(view.brief))
    if isinstance(view, LibraryView | SearchView):
        from briefcli.render import listing

        return listing.document(view)
    if isinstance(view, ConfigView):
        return Document(_config(view))
    raise TypeError(f"no document for {type(view).__name__}")


def _terms(brief: Brief) -> tuple[str, ...]:
    return tuple(name for entry in brief.glossary for name in entry.names())


def _meta_line(brief: Brief) -> str:
    from briefcli.sanitize import sanitize_line

    meta = brief.meta
    # One line, as the title is: a publisher's line break must not forge a line of its own.
    return sanitize_line(" · ".join(p for p in (meta.kind, meta.date, meta.publisher) if p))


def _title(brief: Brief) -> list[Block]:
    """The title and, when the brief has any, its line of kind, date and publisher."""
    blocks: list[Block] = [Heading(0, brief.meta.title)]
    if line := _meta_line(brief):
        blocks.append(Paragraph(line, "muted"))
    return blocks


def _overview(brief: Brief, depth: int = 2) -> list[Block]:
    blocks = _title(brief)
    blocks.append(Heading(1, "Contents"))
    blocks.append(_contents_table(brief, depth))
    total = contents.total_words(brief)
    # "0 glossary terms" would contradict 'brief glossary', which lists the terms found in the
    # text of a brief without a glossary of its own (an import).
    terms = (
        _count(len(brief.glossary), "glossary term")
        if brief.glossary
        else ("No glossary of its own")
    )
    events = _count(len(brief.timeline), "timeline event") if brief.timeline else "no timeline"
    blocks.append(
        Paragraph(
            f"{_count(total, 'word')} in all: about {_duration(contents.minutes(total))} "
            f"at {contents.WORDS_PER_MINUTE} words a minute. "
            f"{terms}, {events}.",
            "muted",
        )
    )
    return blocks


def _overview_hints(brief: Brief, brief_option: str | None) -> str:
    """Commands to try on this brief: a section it has, the parts it has, and the -b given."""
    # Its second numbered section (the first is often the summary), else its first; front
    # matter ('i' a foreword, 'ii' an executive summary) is passed over likewise.
    numbered = [s for s in brief.sections if s.id[:1].isdigit()] or list(brief.sections)
    example = numbered[min(1, len(numbered) - 1)].id
    tries = [("show", example), ("read",)]
    if brief.glossary:
        tries.append(("glossary",))
    if brief.timeline:
        tries.append(("timeline",))
    tries.append(("summary",))
    return "Try: " + " · ".join(command_line(*words, brief=brief_option) for words in tries)


def command_line(*words: str, brief: str | None = None) -> str:
    """A command to suggest, ready to paste: ``brief show 2``, with ``-b REF`` when the user
    chose the brief with -b (without it the suggestion would read another brief)."""
    parts = ["brief", *words, *(("-b", brief) if brief is not None else ())]
    return " ".join(_shell_word(part) for part in parts)


def _shell_word(word: str) -> str:
    """``word`` as a POSIX shell reads it back: bare when it is safe, else in single quotes;
    with a line break, a control or an invisible character, in ``$'…'`` with escapes (bash,
    zsh, ksh), so that the suggestion stays on one line and still names that very file."""
    if word and all(c.isalnum() or c in "-_./:,@%+=" for c in word):
        return word
    from briefcli.sanitize import has_unsafe

    if has_unsafe(word) or "\n" in word or "\t" in word:
        return "$'" + "".join(_ansi_c(c) for c in word) + "'"
    return "'" + word.replace("'", "'\\''") + "'"


def _ansi_c(char: str) -> str:
    """One character inside ``$'…'``: escaped when it is a quote, a backslash or not shown."""
    from briefcli.sanitize import has_unsafe

    if char in "'\\":
        return "\\" + char
    if char == "\n":
        return "\\n"
    if char == "\t":
        return "\\t"
    if 0xDC80 <= ord(char) <= 0xDCFF:  # a byte of a name that is not UTF-8
        return f"\\x{ord(char) - 0xDC00:02x}"
    if has_unsafe(char):
        return f"\\x{ord(char):02x}" if ord(char) < 0x80 else f"\\U{ord(char):08x}"
    return char


def _contents_table(brief: Brief, depth: int) -> Table:
    rows = tuple(
        (
            entry.id,
            _count(entry.words, "word"),
            _duration(entry.minutes),
            entry.title if entry.level == 1 else f"  {entry.title}",
        )
        for entry in contents.tree(brief, depth)
    )
    return Table(
        ("Section", "Words", "Time", "Title"),
        ("number", "muted", "muted", "body"),
        rows,
        fits=("keep", "keep", "keep", "wrap"),
        aligns=("left", "right", "right", "left"),
        stack_below=STACK_BELOW,
    )


def _count(number: int, thing: str) -> str:
    return f"{number:,} {thing}" + ("" if number == 1 else "s")


def _duration(minutes: int) -> str:
    return f"{minutes} min" if minutes else "-"


def _neighbours(brief: Brief, match: SectionMatch) -> str:
    """'← 3 Title · 5 Title →': the parts either side of the one shown, at its level."""
    if match.subsection is None:
        parts = [(s.id, s.title) for s in brief.sections]
    else:
        parts = [(u.id, u.title) for u in match.section.subsections]
    ids = [part_id for part_id, _ in parts]
    index = ids.index(match.id)
    before = parts[index - 1] if index > 0 else None
    after = parts[index + 1] if index + 1 < len(parts) else None
    if match.subsection is not None:
        # From the first or last subsection, step out to the sections either side.
        sections = [(s.id, s.title) for s in brief.sections]
        at = [s.id for s in brief.sections].index(match.section.id)
        if before is None:
            before = sections[at]
        if after is None and at + 1 < len(sections):
            after = sections[at + 1]
    links = []
    if before is not None:
        links.append(f"← {_label(*before)}")
    if after is not None:
        links.append(f"{_label(*after)} →")
    from briefcli.sanitize import sanitize_line

    # One line, as the titles' headings are: a title's line break must not forge a line.
    return sanitize_line(" · ".join(links))


def _label(part_id: str, title: str) -> str:
    return f"{part_id} {title}" if section_number(part_id) else title


def _read_on(view: ReadView) -> tuple[Block, ...]:
    """Every section from the one asked for to the end; a subsection starts mid-section."""
    blocks: list[Block] = []
    start = view.start
    started = False
    for section in view.brief.sections:
        if section.id == start.section.id and start.subsection is not None:
            started = True
            at = section.subsections.index(start.subsection)
            for sub in section.subsections[at:]:
                blocks.extend(_subsection(sub, level=2))
            continue
        started = started or section.id == start.section.id
        if started:
            blocks.extend(_section(section))
    if view.resumed:
        note = Paragraph(
            f"Resumed at section {start.id}, where you last started reading; "
            f"brief read {view.brief.sections[0].id} starts from the beginning.",
            "hint",
        )
        blocks.insert(1, note)
    return tuple(blocks)


def _section(section: Section) -> list[Block]:
    blocks: list[Block] = [
        Heading(1, section.title, section_number(section.id), f"section-{section.id}")
    ]
    blocks.extend(paragraph(text) for text in section.paragraphs)
    for sub in section.subsections:
        blocks.extend(_subsection(sub, level=2))
    return blocks


#: The Roman numerals brief numbers a report's front matter with (i, ii, iii …, lower case).
_ROMAN_NUMERAL = "m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"


def section_number(section_id: str) -> str | None:
    """The id a section's heading shows before its title: a number ('4') or a front-matter
    numeral ('ii', typed as ``brief show ii``); None for any other id, whose heading is the
    bare title."""
    if section_id[:1].isdigit():
        return section_id
    if section_id.isascii() and section_id.isalpha() and len(section_id) <= 8:
        import re  # only for a brief with front matter, never on the common path

        if re.fullmatch(_ROMAN_NUMERAL, section_id):
            return section_id
    return None


def _subsection(sub: Subsection, level: int) -> list[Block]:
    blocks: list[Block] = [Heading(level, sub.title, sub.id, f"section-{sub.id}")]
    blocks.extend(paragraph(text) for text in sub.paragraphs)
    return blocks


def _term(view: TermView) -> tuple[Block, ...]:
    match = view.match
    extras: list[tuple[str, str]] = []
    if match.entry.aliases:
        from briefcli.sanitize import sanitize_line

        # Names, one line each as the term is: an alias's line break must not forge a line.
        extras.append(("Also", ", ".join(sanitize_line(a) for a in match.entry.aliases)))
    extras.extend(_origin_extra(match.entry))
    extras.append(("Used in", ", ".join(match.used_in) if match.used_in else "no section"))
    # A correction is said on stderr by the command: the output is the same either way.
    return (
        Definition(match.entry.term, match.entry.category, match.entry.definition, tuple(extras)),
    )


def _glossary(view: GlossaryView, detail: bool) -> tuple[Block, ...]:
    """The glossary list: a table of terms, or (``detail``) their definitions; origins marked."""
    blocks: list[Block]
    if detail:
        blocks = list(_definitions(view.brief, view.entries))
    else:
        rows = tuple((e.term + ORIGIN_MARK.get(e.origin, ""), e.category) for e in view.entries)
        blocks = [Table(("Term", "Category"), ("term", "muted"), rows)]
        marked = [o for o in ("editor", "extracted") if any(e.origin == o for e in view.entries)]
        for origin in marked:
            # Muted, not a legend: a pipe gets the explanation of the mark with the list.
            blocks.append(
                Paragraph(f"Terms marked [{origin}] are {_origin_words(origin)}.", "muted")
            )
    if not view.entries:
        blocks = [Paragraph(_no_terms(view.origin), "muted")]
    if view.more_extracted:
        blocks.append(
            Paragraph("Terms brief finds in the text: brief glossary --origin extracted", "hint")
        )
    return tuple(blocks)


def _origin_words(origin: str) -> str:
    if origin == "extracted":
        return "found by brief in the text, defined by the report's own sentence"
    return EDITOR_LABEL


def _no_terms(origin: str | None) -> str:
    if origin == "extracted":
        return "brief found no terms in this brief's text."
    if origin is not None:
        return f"This brief has no glossary terms of origin {origin}."
    return "This brief has no glossary, and brief found no terms in its text."


def _origin_extra(entry: GlossaryEntry) -> tuple[tuple[str, str], ...]:
    """The 'Origin' line of an entry not from the report's own glossary (none for those)."""
    if entry.origin == "report":
        return ()
    return (("Origin", f"{entry.origin} ({ORIGIN_TEXT.get(entry.origin, entry.origin)})"),)


def _definitions(brief: Brief, entries: tuple[GlossaryEntry, ...]) -> tuple[Block, ...]:
    blocks: list[Block] = []
    for entry, used in zip(entries, term_uses(brief, entries), strict=True):  # one pass
        extras = (
            *_origin_extra(entry),
            ("Used in", ", ".join(used) if used else "no section"),
        )
        blocks.append(Definition(entry.term, entry.category, entry.definition, extras))
    return tuple(blocks)


def _timeline(events: tuple[TimelineEvent, ...], legend: str = "legend") -> tuple[Block, ...]:
    """The events as a table; ``legend`` is the role of the line that explains '[editor]'."""
    rows = tuple(
        (
            e.date.display(),
            ", ".join(e.sections),
            e.event if e.origin == "report" else f"{e.event} [editor]",
        )
        for e in events
    )
    blocks: list[Block] = [
        Table(
            ("Date", "Section", "Event"),
            ("date", "number", "body"),
            rows,
            fits=("keep", "keep", "wrap"),
            stack_below=STACK_BELOW,
        )
    ]
    if any(e.origin == "editor" for e in events):
        blocks.append(Paragraph(f"Entries marked [editor] are {EDITOR_LABEL}.", legend))
    return tuple(blocks)


def _summary(view: SummaryView) -> list[Block]:
    """The summary or key points, with a line saying who chose them unless the report did."""
    if view.match is None:
        blocks: list[Block] = []
        if view.origin == "extracted":
            blocks.append(
                Paragraph(
                    f"No Summary section in this report: these sentences are {EXTRACTED_LABEL}.",
                    "muted",
                )
            )
        blocks.extend(paragraph(text) for text in view.texts)
        return blocks
    part = view.match.subsection or view.match.section
    title = f"Key points: {part.id}. {part.title}"
    if not view.texts:
        return [
            Heading(1, title),
            Paragraph("This section has no text to draw points from.", "muted"),
        ]
    if view.origin == "editor":
        return [
            Heading(1, title),
            Paragraph(f"These points are {EDITOR_LABEL}.", "muted"),
            Bullets(view.texts, "note"),
        ]
    return [
        Heading(1, title),
        Paragraph(f"The editor wrote no key points here: these are {EXTRACTED_LABEL}.", "muted"),
        Bullets(view.texts),
    ]


def _config(view: ConfigView) -> tuple[Block, ...]:
    """One row per setting: name, value, and where it came from."""
    import os

    from briefcli.sanitize import sanitize_line

    home = os.path.expanduser("~")

    def place(path: str) -> str:
        if home not in ("", "/", "~") and path.startswith(home + os.sep):
            return "~" + path[len(home) :]
        return path

    rows = []
    for setting in view.settings:
        value = "none" if setting.value in ("", None) else str(setting.value)
        source = place(setting.source) if os.sep in setting.source else setting.source
        if setting.name == "brief" and setting.origin == "default":
            source = "(the shipped report)"  # its path is in the JSON; here it is just long
        rows.append((setting.name, value, f"{setting.origin} {source}".rstrip()))
    table = Table(
        ("Setting", "Value", "From"),
        ("term", "body", "muted"),
        tuple(rows),
        fits=("keep", "keep", "wrap"),
        stack_below=STACK_BELOW,
    )
    found = "" if view.config_exists else " (none)"
    # A paragraph keeps line breaks; one in XDG_CONFIG_HOME must not start a line of its own.
    shown = sanitize_line(place(view.config_file))
    return (table, Paragraph(f"Config file: {shown}{found}", "muted"))


def _export(brief: Brief) -> list[Block]:
    blocks = _title(brief)
    if brief.meta.source:
        from briefcli.sanitize import sanitize_line

        blocks.append(Paragraph(f"Source: {sanitize_line(brief.meta.source)}", "muted"))
    for section in brief.sections:
        blocks.extend(_section(section))
        if section.key_points:
            blocks.append(Paragraph(f"Key points ({EDITOR_LABEL}):", "muted"))
            blocks.append(Bullets(section.key_points, "note"))
        elif section.extracted_points:
            blocks.append(Paragraph(f"Key points ({EXTRACTED_LABEL}):", "muted"))
            blocks.append(Bullets(section.extracted_points))
    if brief.glossary:
        blocks.append(Heading(1, "Glossary", None, "glossary"))
        blocks.extend(_definitions(brief, brief.glossary))
    if brief.timeline:
        blocks.append(Heading(1, "Timeline", None, "timeline"))
        ordered = tuple(sorted(brief.timeline, key=lambda e: e.date.sort_key))
        # In a whole document the explanation is part of the text, in a file as on a screen.
        blocks.extend(_timeline(ordered, legend="muted"))
    if brief.sources:
        blocks.append(Heading(1, "Sources", None, "sources"))
        from briefcli.sanitize import sanitize_line

        # Each source is one item of one line: a line break in it must not forge an item.
        blocks.append(
            Bullets(
                tuple(
                    sanitize_line(s.title + (f" <{s.url}>" if s.url else "")) for s in brief.sources
                )
            )
        )
    if brief.notes:
        blocks.append(Heading(1, "Editor's notes", None, "notes"))
        blocks.append(Bullets(brief.notes, "note"))
    return blocks
