"""Rewrite the parts of the docs derived from the brief format's field table (briefformat.py).

    python tools/format_docs.py          # rewrite docs/brief.schema.json and the key table
    python tools/format_docs.py --check  # exit 1, naming the stale files, if either is stale

Run it after editing src/briefcli/briefformat.py; tests/test_briefformat.py fails until then.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefcli.briefformat import schema_json, with_markdown_table

DOCS = Path(__file__).resolve().parent.parent / "docs"


def derived() -> dict[Path, str]:
    """Each derived file and the text it should hold."""
    document = DOCS / "brief-format.md"
    return {
        DOCS / "brief.schema.json": schema_json(),
        document: with_markdown_table(document.read_text(encoding="utf-8")),
    }


def main(argv: list[str] | None = None) -> int:
    """Rewrite (with --check: compare) the derived files; exit 1 if --check found one stale."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files")
    args = parser.parse_args(argv)
    stale = [path for path, text in derived().items() if _read(path) != text]
    for path in stale:
        if args.check:
            print(f"{path}: stale; run python tools/format_docs.py", file=sys.stderr)
        else:
            path.write_text(derived()[path], encoding="utf-8", newline="\n")
            print(f"rewrote {path}")
    return 1 if stale and args.check else 0


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


if __name__ == "__main__":
    sys.exit(main())
