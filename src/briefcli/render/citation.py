"""`brief cite`: a reference to a brief or one passage, as text, BibTeX or CSL-JSON."""

from __future__ import annotations

import json
import re
from typing import Any

from briefcli.model import Brief, parse_date_point
from briefcli.sanitize import json_escape_unsafe, sanitize, sanitize_line
from briefcli.views import CiteView

_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
# The characters BibTeX or LaTeX would not print as themselves, each with what stands for it
# literally. Braces become commands, not \{ and \}: BibTeX counts every brace, escaped or
# not, so one unbalanced brace in a title would swallow the rest of the entry. In LaTeX's
# default font encoding (OT1) '<', '>' and '|' print as '¡', '¿' and '—', and a backtick next
# to the quotes ``…'' brief puts around a section's title would turn into a quotation mark.
_BIBTEX = {
    "\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
    "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "<": r"\textless{}",
    ">": r"\textgreater{}", "|": r"\textbar{}", "`": r"\textasciigrave{}",
}  # fmt: skip
# A special character, or a hyphen before a hyphen: LaTeX makes '--' and '---' dashes.
_BIBTEX_SPECIAL = re.compile("[" + re.escape("".join(_BIBTEX)) + "]|-(?=-)")


def render(view: CiteView, fmt: str, width: int | None = None) -> str:
    """The reference in ``fmt`` ('text', 'bibtex' or 'csl-json'); text wraps at ``width``."""
    if fmt == "bibtex":
        return _bibtex(view)
    if fmt == "csl-json":
        return _csl_json(view)
    return _text(view, width)


def _date_parts(text: str) -> list[int] | None:
    """[year, month, day] as far as the date goes: '2025-02' → [2025, 2]; None if no date."""
    try:
        point = parse_date_point(text.strip())
    except ValueError:
        return None
    year, month, day = point.first
    if point.precision == "day":
        return [year, month, day]
    if point.precision == "month":
        return [year, month]
    if point.precision == "year":
        return [year]
    return None


def _long_date(text: str) -> str:
    """'2025-02-28' → '28 February 2025'; a date brief cannot read stays as written."""
    parts = _date_parts(text)
    if parts is None:
        return text.strip()
    names = [str(parts[0])]
    if len(parts) > 1:
        names.insert(0, _MONTHS[parts[1] - 1])
    if len(parts) > 2:
        names.insert(0, str(parts[2]))
    return " ".join(names)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", "?", "!")) else text + "."


def _passage_title(view: CiteView) -> tuple[str, str] | None:
    """The passage's id and title, or None when the whole brief is cited."""
    if view.match is None:
        return None
    part = view.match.subsection or view.match.section
    return part.id, part.title


def _passage(view: CiteView) -> tuple[str, ...]:
    """The report's words cited: the passage, or the whole report."""
    if view.match is None:
        return tuple(p for s in view.brief.sections for p in s.all_paragraphs())
    if view.match.subsection is not None:
        return view.match.subsection.paragraphs
    return view.match.section.all_paragraphs()


def _text(view: CiteView, width: int | None) -> str:
    meta = view.brief.meta
    # The reference is one line (before wrapping): a line break in a title or the source
    # shows as '\n', as in every one-line field, and cannot end the reference early.
    issue = ", ".join(part for part in (meta.kind, _long_date(meta.date)) if part)
    parts = [meta.publisher, meta.title, issue]
    sentences = [_sentence(p) for p in parts if p.strip()]
    passage = _passage_title(view)
    if passage is not None:
        sentences.append(_sentence(f"Section {passage[0]}, “{passage[1]}”"))
    if meta.source:
        sentences.append(_sentence(f"Source: {meta.source}"))
    blocks = [_wrap(sanitize_line(" ".join(sentences)), width)]
    if view.quote:
        blocks.extend(_wrap(text, width, "> ") for text in _passage(view))
    return sanitize("\n\n".join(blocks) + "\n")


def _wrap(text: str, width: int | None, prefix: str = "") -> str:
    text = sanitize(text)
    if not width:
        # Every line of a quoted paragraph is quoted, not only its first.
        return "\n".join(prefix + line if line else prefix.rstrip() for line in text.split("\n"))
    # Counted in a terminal's columns (a CJK character takes two), as every other command
    # wraps: counted in characters, a Japanese reference overflowed the measure and the
    # terminal broke its lines again, the quote's '> ' left off the pieces.
    from briefcli.render.text import fill

    return fill(text, max(width, len(prefix) + 1), prefix, prefix)


def _key(brief: Brief, view: CiteView) -> str:
    """The entry's key: the brief's id in the letters BibTeX takes, and the passage's."""
    passage = _passage_title(view)
    return _key_id(brief.meta.id) + (f":{re.sub(_NOT_KEY, '-', passage[0])}" if passage else "")


#: What a BibTeX key may not hold (BibTeX 0.99 reads ASCII keys only).
_NOT_KEY = r"[^A-Za-z0-9_:.-]+"


def _key_id(brief_id: str) -> str:
    """The id with accents dropped ('café' → 'cafe') and every other run of characters a
    key may not hold as one '-'; an id with no letter or digit left (Japanese, Arabic)
    becomes 'brief-' and a digest of it, the same on every run, not a row of dashes."""
    import unicodedata

    plain = "".join(
        c for c in unicodedata.normalize("NFKD", brief_id) if not unicodedata.combining(c)
    )
    key = re.sub(_NOT_KEY, "-", plain).strip("-")
    if re.search("[A-Za-z0-9]", key):
        return key
    import hashlib

    return "brief-" + hashlib.sha256(brief_id.encode("utf-8")).hexdigest()[:8]


def _bib(text: str) -> str:
    """Text as a BibTeX field's value: special characters literal, lines joined."""
    flat = " ".join(sanitize(text).split())
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX.get(m.group(), "-{}"), flat)


def _bibtex(view: CiteView) -> str:
    meta = view.brief.meta
    fields: list[tuple[str, str]] = []
    if meta.publisher:
        # Double braces: a corporate author, not a person's surname and initials.
        fields.append(("author", "{" + _bib(meta.publisher) + "}"))
    fields.append(("title", "{" + _bib(meta.title) + "}"))
    if meta.kind:
        fields.append(("howpublished", _bib(meta.kind)))
    if meta.publisher:
        fields.append(("publisher", _bib(meta.publisher)))
    parts = _date_parts(meta.date)
    if parts is not None:
        fields.append(("date", "-".join(f"{n:02d}" for n in parts)))
        fields.append(("year", str(parts[0])))
    notes = []
    passage = _passage_title(view)
    if passage is not None:
        # The quotes are LaTeX's own, so they are added after the title is escaped.
        notes.append(_sentence(f"Section {_bib(passage[0])}, ``{_bib(passage[1])}''"))
    if meta.source:
        notes.append(_bib(_sentence(f"Source: {meta.source}")))
    if notes:
        fields.append(("note", " ".join(notes)))
    if view.quote:
        fields.append(("annote", _bib(" ".join(_passage(view)))))
    lines = [f"@misc{{{_key(view.brief, view)},"]
    lines.extend(f"  {name:<12} = {{{value}}}," for name, value in fields)
    lines.append("}")
    return "\n".join(lines) + "\n"


def _csl_json(view: CiteView) -> str:
    meta = view.brief.meta
    item: dict[str, Any] = {"id": _key(view.brief, view), "type": "report", "title": meta.title}
    if meta.kind:
        item["genre"] = meta.kind
    if meta.publisher:
        item["author"] = [{"literal": meta.publisher}]
        item["publisher"] = meta.publisher
    parts = _date_parts(meta.date)
    if parts is not None:
        item["issued"] = {"date-parts": [parts]}
    passage = _passage_title(view)
    if passage is not None:
        item["section"] = f"{passage[0]} {passage[1]}"
    if meta.source:
        item["source"] = meta.source
    if view.quote:
        item["annote"] = "\n\n".join(_passage(view))
    return json_escape_unsafe(json.dumps([item], ensure_ascii=False, indent=2)) + "\n"
