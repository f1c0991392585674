"""Finding glossary names in text in one pass: highlighting, and which sections use a term.

Both used to try every name against every paragraph (and lower-case the paragraph again for each
name): names × text, hours for a brief with ten thousand aliases. Here the names of a brief are
compiled once into one regular expression shaped like a trie (names that share a beginning
share its branch), so the regular expression engine looks at each character of a paragraph a
bounded number of times whatever the number of names.

The rules are those of the patterns this replaces, case-insensitive as ``re.IGNORECASE`` is:

- highlighting, :meth:`Matcher.spans`: ``(?<!\\w)(?:NAME|NAME…)(?!\\w)``, longest names first,
  non-overlapping, scanning left to right;
- a use of a name, :meth:`Matcher.used`: ``(?<!\\w)NAME(?:s|es)?(?!\\w)`` for each name on its
  own, so uses may overlap ("storm corps" uses both "Storm Corps" and "Corps").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefcli.model import Brief, GlossaryEntry

#: What may follow a use of a name: a plural ending, then no word character.
_ENDING = re.compile(r"(?:s|es)?(?!\w)", re.IGNORECASE)


def _key(char: str) -> str:
    """One representative of the characters ``re.IGNORECASE`` treats as ``char``.

    Lower-casing alone leaves 'ſ' (long s) apart from 's', and 'ς' apart from 'σ', which the
    engine matches alike; going through upper case joins them. Characters whose case mapping
    is not one character stay as they are (as the engine compares them).
    """
    lower = char.lower()
    if len(lower) != 1:
        return char
    folded = lower.upper().lower()
    return folded if len(folded) == 1 else lower


class _Node:
    """A trie node: children by folded character, and the name that ends here (if any)."""

    __slots__ = ("children", "name")

    def __init__(self) -> None:
        self.children: dict[str, tuple[str, _Node]] = {}  # key → (original char, node)
        self.name: str | None = None


class Matcher:
    """The names of a brief's glossary (or any names), compiled once for one-pass matching."""

    def __init__(self, names: Iterable[str]) -> None:
        root = _Node()
        #: folded name → the folded names that are proper prefixes of it (for overlapping uses)
        self._prefixes: dict[str, tuple[str, ...]] = {}
        for name in dict.fromkeys(names):
            if not name:
                continue
            node = root
            folded = self.fold(name)
            for char, key in zip(name, folded, strict=True):
                step = node.children.get(key)
                if step is None:
                    step = node.children[key] = (char, _Node())
                node = step[1]
            if node.name is None:
                node.name = folded
        self._collect(root)
        self.empty = not root.children
        self._body = _pattern(root)
        self._spans: re.Pattern[str] | None = None
        self._uses: re.Pattern[str] | None = None

    @staticmethod
    def fold(name: str) -> str:
        """The name as this matcher keys it (equal for names the matcher cannot tell apart)."""
        # For ASCII, lower-casing is exactly what the engine does (and 60 times faster).
        return name.lower() if name.isascii() else "".join(map(_key, name))

    def _collect(self, root: _Node) -> None:
        # Iterative: a long name would otherwise make a deep recursion.
        stack: list[tuple[_Node, tuple[str, ...]]] = [(root, ())]
        while stack:
            node, above = stack.pop()
            if node.name is not None:
                self._prefixes[node.name] = above
                above = (*above, node.name)
            stack.extend((child, above) for _, child in node.children.values())

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where names stand as whole words: (start, end), longest first, non-overlapping."""
        if self.empty:
            return []
        if self._spans is None:  # compiled when first needed: a glossary may be large
            self._spans = re.compile(rf"(?<!\w)(?:{self._body})(?!\w)", re.IGNORECASE)
        return [match.span() for match in self._spans.finditer(text)]

    def used(self, text: str) -> set[str]:
        """The (folded) names that ``text`` uses as whole words, a plural ending allowed."""
        found: set[str] = set()
        if self.empty:
            return found
        if self._uses is None:
            self._uses = re.compile(rf"(?<!\w)(?=({self._body})(?:s|es)?(?!\w))", re.IGNORECASE)
        for match in self._uses.finditer(text):
            longest = self.fold(match.group(1))
            found.add(longest)
            start = match.start()
            for shorter in self._prefixes.get(longest, ()):
                if shorter not in found and _ENDING.match(text, start + len(shorter)):
                    found.add(shorter)
        return found


def _pattern(root: _Node) -> str:
    """The trie as a regular expression: branches by first character, chains kept literal.

    A name that ends where a longer one goes on becomes an optional group, tried longest
    first, so backtracking (when the word boundary fails) falls back to the shorter name.
    """
    # Built bottom-up from an explicit post-order walk: no recursion limit on long names.
    done: dict[int, str] = {}
    stack: list[tuple[_Node, bool]] = [(root, False)]
    while stack:
        node, ready = stack.pop()
        if not ready:
            stack.append((node, True))
            stack.extend((child, False) for _, child in node.children.values())
            continue
        branches = [re.escape(char) + done.pop(id(child)) for char, child in node.children.values()]
        if not branches:
            done[id(node)] = ""
            continue
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if node.name is not None:
            body = f"(?:{body})?"
        done[id(node)] = body
    return done[id(root)]


def term_uses(brief: Brief, entries: Sequence[GlossaryEntry]) -> list[tuple[str, ...]]:
    """For each entry, the ids of the sections and subsections whose text uses it, in order.

    One matcher over the names of all ``entries``, one pass over each paragraph.
    """
    matcher = Matcher(name for entry in entries for name in entry.names())
    owners: dict[str, list[int]] = {}
    for number, entry in enumerate(entries):
        for name in entry.names():
            owners.setdefault(matcher.fold(name), []).append(number)
    found: list[list[str]] = [[] for _ in entries]

    def note(section_id: str, paragraphs: tuple[str, ...]) -> None:
        users: set[int] = set()
        for text in paragraphs:
            for name in matcher.used(text):
                users.update(owners.get(name, ()))
        for number in sorted(users):
            found[number].append(section_id)

    for section in brief.sections:
        note(section.id, section.paragraphs)
        for sub in section.subsections:
            note(sub.id, sub.paragraphs)
    return [tuple(ids) for ids in found]
