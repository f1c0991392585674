"""The record both importers fill while they read a report: one section, growing."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefcli.model import Section, Subsection


@dataclass
class Draft:
    """A section or subsection while its paragraphs are collected.

    ``number`` is the heading's own number while sections are being numbered (Markdown);
    ``id`` is final once the importer has numbered everything.
    """

    title: str
    id: str = ""
    number: int | None = None
    role: str | None = None
    paras: list[str] = field(default_factory=list)
    subs: list[Draft] = field(default_factory=list)

    def empty(self) -> bool:
        """Whether neither it nor any of its subsections holds a paragraph."""
        return not self.paras and all(not sub.paras for sub in self.subs)

    def section(self) -> Section:
        """The finished section, its subsections included."""
        subs = tuple(Subsection(d.id, d.title, tuple(d.paras)) for d in self.subs)
        return Section(self.id, self.title, tuple(self.paras), subs, self.role)
