"""reStructuredText's inline markup read as a reader of the rendered page reads it, as the
Markdown reader reads its own: a link 'text (url)', a role (``:mod:`json```) its text,
emphasis and strong emphasis their words, a literal (````code````) the words in backticks,
as Markdown writes a code span. Only the markup goes; every word stays.

The recognition rules are docutils' own, in short: markup opens at the start of the text or
after white space or an opening bracket or quote, its first and last characters are no
white space, and it closes before white space, punctuation or the end.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: What may stand before an inline markup's start: nothing, white space, an opening bracket,
#: a quote, a dash, a colon or a slash.
_BEFORE = r"(?<![^\s\-:/'\"<(\[{‘“«‚„])"
#: What may follow its end: the end, white space, a closing bracket, a quote or punctuation.
_AFTER = r"(?=[\s\-.,:;!?)\]}>'\"/\\’”»]|$)"
#: A role's name, with its domain: ``:func:``, ``:py:class:``, ``:rfc:``.
_ROLE = r"[A-Za-z][\w+.-]*(?::[A-Za-z][\w+.-]*)?"
#: Interpreted text's body: no white space at either end, no backtick.
_BODY = r"[^\s`](?:[^`]*?[^\s`\\])?"
_INLINE = re.compile(
    rf"(?P<escape>\\(?P<escaped>[^\w\s]|_|\s))"
    rf"|{_BEFORE}``(?P<literal>\S(?:(?:[^`]|`(?!`))*?\S)??)``{_AFTER}"
    rf"|{_BEFORE}\*\*(?P<strong>[^\s*](?:[^*]*?[^\s*\\])?)\*\*{_AFTER}"
    rf"|{_BEFORE}:(?P<role>{_ROLE}):`(?P<rolebody>{_BODY})`{_AFTER}"
    rf"|{_BEFORE}`(?P<suffixed>{_BODY})`:(?P<suffix>{_ROLE}):{_AFTER}"
    rf"|{_BEFORE}`(?P<reference>{_BODY})`(?P<anonymous>__?){_AFTER}"
    rf"|{_BEFORE}_`(?P<target>{_BODY})`{_AFTER}"
    rf"|{_BEFORE}\*(?P<emphasis>[^\s*](?:[^*]*?[^\s*\\])?)\*{_AFTER}"
    rf"|{_BEFORE}\[(?P<footnote>\d+|#[\w-]*|\*|[A-Za-z][\w.-]*)\]_{_AFTER}"
    rf"|(?<![\w`.+:-])(?P<simple>[A-Za-z0-9](?:[\w.+:-]*[A-Za-z0-9])?)_{_AFTER}"
)
#: A hyperlink's text over its target: 'Python <https://python.org>', '<https://…>' alone.
_EMBEDDED = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.DOTALL)
#: An explicit title over a role's target: ':ref:`the install guide <install>`'.
_TITLED = re.compile(r"^(?P<title>.*\S)\s+<(?P<target>[^<>]+)>$", re.DOTALL)
#: Roles Sphinx shows as code: their text in backticks, as a literal.
_CODE_ROLES = frozenset(("code", "literal"))
#: Roles whose text Sphinx shows after a name: ':pep:`8`' is 'PEP 8'.
_NAMED_ROLES = {"pep": "PEP", "rfc": "RFC", "cve": "CVE", "cwe": "CWE"}
#: Roles that name an issue, a pull request or a ticket by its number: shown '#1040', as the
#: extensions that define them show it (a number alone would read as a year).
_ISSUE_ROLES = frozenset(
    ("issue", "issues", "pr", "pull", "gh", "ghissue", "ghpull", "bug", "bpo", "trac", "ticket")
)
#: A link target: '.. _Python: https://python.org', '.. __: https://…', '__ https://…'.
#: One without an address ('.. _install:') labels what follows it.
_TARGET = re.compile(r"^(?:\.\.\s+_(?P<name>`[^`]+`|[^:`]+|__?):|__)(?:\s+(?P<url>\S.*))?$")
#: Markup the text must hold for a file not named '.rst' to be read as reStructuredText: a
#: directive, a link target, a role or a link.
_MARKUP = re.compile(
    rf"^\.\.\s+(?:[\w:-]+::|_)|:{_ROLE}:`[^`\n]+`|`[^`\n]+<[^<>\n]+>`__?(?!\w)", re.MULTILINE
)


def looks_like(name: str, lines: Iterable[str]) -> bool:
    """Whether a text is reStructuredText: its name says so ('.rst', Sphinx's '.rst.txt'),
    or a line holds its markup (a directive, a link target, a role, a link)."""
    base = name.casefold().removesuffix(".gz").removesuffix(".txt")
    if base.endswith((".rst", ".rest")):
        return True
    return any(("`" in line or line.startswith("..")) and _MARKUP.search(line) for line in lines)


def _name(text: str) -> str:
    """A reference name as reStructuredText compares them: case and white space folded."""
    return " ".join(text.strip("`").split()).casefold()


class Inline:
    """Reads a document's inline markup, with its link targets (named ones, and anonymous
    ones in turn, as reStructuredText pairs them with anonymous references)."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.targets: dict[str, str] = {}
        self.anonymous: list[str] = []
        self.taken = 0
        #: The titles of the sections that internal targets label ('.. _install:' over
        #: 'Installing'): what a ':ref:`install`' shows.
        self.labels: dict[str, str] = {}
        for line in lines:
            if not (line.startswith((".. _", "__ ", ".. __:")) and (found := _TARGET.match(line))):
                continue
            url = "".join((found["url"] or "").split())
            name = found["name"]
            if name is None or name == "__":
                self.anonymous.append(url)
            elif name != "_":
                self.targets.setdefault(_name(name), url)

    def label(self, name: str, title: str) -> None:
        """Name the section ``title`` that the internal target ``name`` labels."""
        self.labels.setdefault(_name(name), title)

    def text(self, text: str, *, heading: bool = False) -> str:
        """``text`` as a reader sees it; in a heading, without links' addresses or code's
        backticks (as the Markdown reader writes a heading)."""
        if not any(mark in text for mark in "`*_\\"):
            return text
        return _INLINE.sub(lambda found: self._seen(found, heading), text)

    def _url(self, target: str) -> str:
        """The address a link's target gives: an address, or a target's name ('Python_')
        resolved; '' for a target inside the document."""
        target = "".join(target.split())
        if target.endswith("_") and not target.endswith("\\_"):
            return self._address(self.targets.get(_name(target[:-1]), ""))
        return target

    def _address(self, url: str, seen: int = 0) -> str:
        """``url`` unless it names another target ('Python_'): that one's, in turn."""
        while url.endswith("_") and seen < 8:
            url = self.targets.get(_name(url[:-1]), "")
            seen += 1
        return url

    def _link(self, text: str, url: str, heading: bool) -> str:
        if heading or not url or url == text or url.removeprefix("mailto:") == text:
            return text or url
        return f"{text} ({url})" if text else url

    def _seen(self, found: re.Match[str], heading: bool) -> str:
        if (escaped := found["escaped"]) is not None:
            return "" if escaped.isspace() else escaped
        if (literal := found["literal"]) is not None:
            return literal if heading else _code(literal)
        if (strong := found["strong"]) is not None:
            return self.text(strong, heading=heading)
        if (emphasis := found["emphasis"]) is not None:
            return self.text(emphasis, heading=heading)
        if (role := found["role"]) is not None or found["suffix"] is not None:
            role = (role or found["suffix"]).rsplit(":", 1)[-1].casefold()
            body = found["rolebody"] or found["suffixed"]
            if role == "ref" and (title := self.labels.get(_name(body))):
                return title  # the title of the section the label names, as Sphinx shows
            return _role(role, body, heading)
        if (reference := found["reference"]) is not None:
            anonymous = found["anonymous"] == "__"
            embedded = _EMBEDDED.match(reference)
            if embedded is not None:
                text, url = embedded["text"], self._url(embedded["target"])
            else:
                text = reference
                if anonymous and not heading:
                    url = self.anonymous[self.taken] if self.taken < len(self.anonymous) else ""
                    self.taken += 1
                    url = self._address(url)
                else:
                    url = self._address(self.targets.get(_name(reference), ""))
            return self._link(" ".join(text.split()), url, heading)
        if (target := found["target"]) is not None:
            return target
        if (footnote := found["footnote"]) is not None:
            return f"[{footnote}]"
        simple = found["simple"]
        if _name(simple) not in self.targets:
            return found.group()  # a word that ends in '_' where no target has its name
        return self._link(simple, self._address(self.targets[_name(simple)]), heading)


def _code(text: str) -> str:
    """A literal as the Markdown reader writes a code span: in backticks, two of them when
    the literal holds one."""
    if "`" not in text:
        return f"`{text}`"
    return f"`` {text} ``" if text.startswith("`") or text.endswith("`") else f"``{text}``"


def _role(role: str, body: str, heading: bool) -> str:
    """What a reader sees of interpreted text with a role: its title where it has one
    (':ref:`the guide <install>`'), the last part of a name written '~a.b.c', 'PEP 8' for
    ':pep:`8`'; a code role's text as a literal."""
    if titled := _TITLED.match(body):
        body = titled["title"]
    elif body.startswith("~") and len(body) > 1:
        body = body[1:]
    body = body.removeprefix("!") if len(body) > 1 else body
    body = " ".join(body.split())
    if role in _NAMED_ROLES:
        return f"{_NAMED_ROLES[role]} {body}"
    if role in _ISSUE_ROLES and body.isdigit():
        return f"#{body}"
    if role in _CODE_ROLES and not heading:
        return _code(body)
    return body
