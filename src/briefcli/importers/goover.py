"""Goover-style "General Report" text → a brief, with extraction artifacts fixed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefcli.errors import BriefError
from briefcli.model import Brief, GlossaryEntry, Metadata, Section, Subsection

_BANNERS = ("Your browser does not support JavaScript!",)
_SECTION = re.compile(r"^(\d+)\.\s+(\S.*)$")
_SUBSECTION = re.compile(r"^(\d+)-(\d+)\.\s+(\S.*)$")
_BULLET = re.compile(r"^[•\-*·]\s*")
_REPORT_DATE = re.compile(r"^General Report\s+(\w+ \d{1,2}, \d{4})$")
_TERM = re.compile(r"^(?P<term>[^\[\]:]+?)\s*\[(?P<category>[^\]]+)\]\s*:\s*(?P<definition>.+)$")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


class NotAReport(BriefError):
    """The input has no structure a report importer recognises."""


def clean(text: str) -> str:
    """Fix extraction artifacts only: '3, 000' → '3,000', "'Storm Corps, '" → "'Storm Corps,'"."""
    text = re.sub(r"(?<![\d,])(\d{1,3}), (\d{3})(?!\d)", r"\1,\2", text)
    return re.sub(r"(?<=\w), '(?=\s|$)", ",'", text)


def _iso_date(text: str) -> str:
    month, day, year = text.replace(",", "").split()
    return f"{year}-{_MONTHS.index(month) + 1:02d}-{int(day):02d}"


def parse(text: str, source: str = "", brief_id: str = "") -> Brief:
    """Parse goover report text into a brief (no timeline: see the timeline extractor)."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    lines = [line for line in lines if line and line not in _BANNERS]
    if not lines:
        raise NotAReport("the file is empty")
    title = lines[0]
    kind, date, publisher = "", "", ""
    index = 1
    if index < len(lines) and (match := _REPORT_DATE.match(lines[index])):
        kind, date = "General Report", _iso_date(match.group(1))
        index += 1
        if index < len(lines) and not _SECTION.match(lines[index]):
            publisher = lines[index]
            index += 1
    if index < len(lines) and lines[index].upper() == "TABLE OF CONTENTS":
        index += 1
        previous = 0
        # Contents entries count up; the body starts where the numbering starts again.
        while index < len(lines) and (entry := _SECTION.match(lines[index])):
            if int(entry.group(1)) <= previous:
                break
            previous = int(entry.group(1))
            index += 1
        if index < len(lines) and lines[index] == "Conclusion":
            index += 1
    sections: list[_Draft] = []
    glossary: list[GlossaryEntry] = []
    part = "sections"
    for line in lines[index:]:
        if match := _SECTION.match(line):
            sections.append(_Draft(match.group(1), match.group(2)))
            part = "sections"
            continue
        if line in ("Conclusion", "Glossary", "Source Documents"):
            part = line
            if line == "Conclusion":
                number = int(sections[-1].id) + 1 if sections else 1
                sections.append(_Draft(str(number), line, "conclusion"))
                part = "sections"
            continue
        body = clean(_BULLET.sub("", line))
        if part == "Glossary":
            if term := _TERM.match(body):
                glossary.append(GlossaryEntry(term["term"], term["category"], term["definition"]))
            continue
        if part != "sections" or not sections:
            continue
        current = sections[-1]
        if sub := _SUBSECTION.match(body):
            current.subs.append(_Draft(f"{sub.group(1)}-{sub.group(2)}", sub.group(3)))
        elif current.subs:
            current.subs[-1].paras.append(body)
        else:
            current.paras.append(body)
    if not sections:
        raise NotAReport("no numbered sections found: this does not look like a report")
    if sections[0].title == "Summary":
        sections[0].role = "summary"
    meta = Metadata(brief_id or _slug(title), title, kind, date, publisher, source)
    return Brief(meta, tuple(d.section() for d in sections), tuple(glossary))


@dataclass
class _Draft:
    """A section or subsection while its paragraphs are being collected."""

    id: str
    title: str
    role: str | None = None
    paras: list[str] = field(default_factory=list)
    subs: list[_Draft] = field(default_factory=list)

    def section(self) -> Section:
        subs = tuple(Subsection(d.id, d.title, tuple(d.paras)) for d in self.subs)
        return Section(self.id, self.title, tuple(self.paras), subs, self.role)


def _slug(title: str) -> str:
    words = re.findall(r"[a-z0-9]+", title.casefold())
    return "-".join(words)[:60].strip("-") or "brief"
