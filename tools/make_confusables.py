"""Generate src/briefcli/confusables_data.py from Unicode's confusables.txt (UTS #39).

Usage: python3 tools/make_confusables.py PATH/TO/confusables.txt

confusables.txt is Unicode data (https://www.unicode.org/Public/security/latest/), published
under the Unicode License, which allows copying and deriving tables from it with its copyright
notice kept: the generated module carries the notice and the file's version. (The table in the
repository was made from version 13.0.0, the copy the ``confusables`` package 1.2.0 ships.)

Only a subset is kept, enough for ids: every character of the Latin, Cyrillic and Greek
scripts, every ASCII character and every decimal digit that has a prototype; every character
whose prototype is ASCII text (fullwidth and mathematical letters, look-alikes from other
scripts); and every other character that shares a prototype with one of those, so that two
look-alikes never get different skeletons because only one of them was kept.
"""

from __future__ import annotations

import sys
import textwrap
import unicodedata
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "src" / "briefcli" / "confusables_data.py"
SCRIPTS = ("LATIN ", "CYRILLIC ", "GREEK ")
#: Longest line written (ruff's limit is 100).
WIDTH = 99


def read(path: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """The (source, prototype) rows and the header's comment lines (version, copyright)."""
    rows: list[tuple[str, str]] = []
    header: list[str] = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        data, _, comment = line.partition("#")
        if not data.strip():
            if not rows and comment.strip() and not header_done(header):
                header.append(comment.strip())
            continue
        source, prototype, _kind = (part.strip() for part in data.split(";"))
        rows.append((to_text(source), to_text(prototype)))
    return rows, header


def header_done(header: list[str]) -> bool:
    return any(line.startswith("For documentation") for line in header)


def to_text(codes: str) -> str:
    return "".join(chr(int(code, 16)) for code in codes.split())


def wanted(source: str, prototype: str) -> bool:
    try:
        name = unicodedata.name(source)
    except ValueError:
        name = ""
    return (
        name.startswith(SCRIPTS)
        or source.isascii()
        or unicodedata.category(source) == "Nd"
        or prototype.isascii()
    )


def literal(text: str) -> str:
    """A Python string literal of ASCII only: anything else as an escape."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif " " <= char <= "~":
            out.append(char)
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    rows, header = read(Path(argv[1]))
    kept_prototypes = {prototype for source, prototype in rows if wanted(source, prototype)}
    table = sorted((ord(s), p) for s, p in rows if p in kept_prototypes)
    sources = {chr(code) for code, _ in table}
    # The skeleton maps each character once: no prototype may itself be mapped.
    assert not any(char in sources for _, p in table for char in p)
    lines = [
        '"""Prototypes of look-alike characters, for TR39 skeletons: generated, do not edit.',
        "",
        "Made by tools/make_confusables.py from Unicode's confusables.txt; the subset for ids",
        "(see the script). The source file's header:",
        "",
        *(f"    {part}" for line in header for part in textwrap.wrap(line, 90)),
        '"""',
        "",
        "#: Code point of a character → the prototype it looks like.",
        "# fmt: off",
        "PROTOTYPES: dict[int, str] = {",
    ]
    line = ""
    for code, prototype in table:
        entry = f"0x{code:04X}: {literal(prototype)},"
        if line and len(line) + 1 + len(entry) > WIDTH:
            lines.append(line)
            line = ""
        line = f"{line} {entry}" if line else f"    {entry}"
    lines.append(line)
    lines += ["}", "# fmt: on"]
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{TARGET}: {len(table)} characters", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
