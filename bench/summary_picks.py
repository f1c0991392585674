"""What a reader gets from ``brief summary`` and ``brief summary --section N`` on real reports.

    python bench/summary_picks.py dump OUT.jsonl PATH...   import every file (or every file in
                                                          each folder), print each extracted
                                                          summary and every part's key points,
                                                          and write them, one pick a line
    python bench/summary_picks.py score [LABELS]          the labelled sample
                                                          (tests/data/summary_picks/labels.json)
                                                          against today's picks

A pick is one extracted sentence: the summary's (part ``summary``) or a section's or
subsection's key points (part its id), at the default lengths. ``score`` imports the labelled
documents again, and counts the picks judged bad that brief still makes, those judged good
that it no longer makes, and the picks nobody has judged yet (printed, to be judged).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

LABELS = REPO / "tests" / "data" / "summary_picks" / "labels.json"
#: Files that are not reports: skipped when a folder is walked.
_SKIP = (".py", ".sh", ".log", ".yaml", ".json", ".png", ".jpg", ".gif", ".svg", ".toml")


def _files(paths: Sequence[str]) -> Iterator[Path]:
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and not p.name.endswith(_SKIP)
            )
        elif path.is_file():
            yield path


def picks(path: Path) -> list[tuple[str, str, str]]:
    """Every pick of one document: (part, its title, sentence); [] when it does not import.

    A part with no prose sentence to rank gets its first lines (``extracts._lead_sentences``):
    their part is marked with a trailing '*'."""
    from briefcli import extracts
    from briefcli.errors import BriefError
    from briefcli.importers import import_report
    from briefcli.summarize import key_points

    try:
        brief = import_report(path.read_bytes(), path.name)
    except (BriefError, OSError, ValueError):
        return []
    found = [("summary", brief.meta.title, text) for text in extracts.summary(brief)]
    for section in brief.sections:
        for part in (section, *section.subsections):
            paragraphs = extracts._paragraphs(part)
            ranked = key_points(paragraphs, title=part.title, breaks=extracts._breaks(part))
            ref = part.id if ranked else part.id + "*"
            found += [(ref, part.title, text) for text in extracts.key_points(brief, part.id)]
    return found


def dump(out: str, paths: Sequence[str]) -> None:
    """Print and write every pick of every file under ``paths``."""
    with open(out, "w", encoding="utf-8") as stream:
        for path in _files(paths):
            found = picks(path)
            print(f"\n=== {path} ({len(found)} picks)")
            last = ""
            for part, title, text in found:
                if part != last:
                    print(f"--- [{part}] {title}")
                    last = part
                print(f"  * {text}")
                row = {"doc": str(path), "part": part, "text": text}
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
            sys.stdout.flush()


def score(labels_path: str) -> None:
    """Count the labelled sample's bad picks brief still makes, and what it makes anew."""
    labels = json.loads(Path(labels_path).read_text(encoding="utf-8"))
    by_doc: dict[str, dict[tuple[str, str], dict[str, str]]] = {}
    for row in labels["picks"]:
        by_doc.setdefault(row["doc"], {})[(row["part"], row["text"])] = row
    totals = {"labelled": 0, "bad": 0, "bad kept": 0, "good lost": 0, "new": 0, "now": 0}
    new_rows: list[dict[str, str]] = []
    for doc, rows in sorted(by_doc.items()):
        path = Path(doc)
        if not path.is_file():
            print(f"missing: {doc}")
            continue
        now = {(part, text) for part, _, text in picks(path)}
        totals["now"] += len(now)
        parts = {part for part, _ in rows}
        for key, row in rows.items():
            if row.get("sample") == "new":
                continue  # judged when it first appeared: counted below if still made
            totals["labelled"] += 1
            if row["verdict"] == "bad":
                totals["bad"] += 1
                totals["bad kept"] += key in now
            elif key not in now:
                totals["good lost"] += 1
        for part, text in sorted(now):
            if part in parts and (part, text) not in rows:
                new_rows.append({"doc": doc, "part": part, "text": text})
            elif (part, text) in rows and rows[(part, text)].get("sample") == "new":
                totals["bad kept" if rows[(part, text)]["verdict"] == "bad" else "new"] += 0
    judged_new = [
        row for rows in by_doc.values() for row in rows.values() if row.get("sample") == "new"
    ]
    now_new = 0
    bad_new = 0
    for row in judged_new:
        path = Path(row["doc"])
        if (row["part"], row["text"]) in {(p, t) for p, _, t in picks(path)}:
            now_new += 1
            bad_new += row["verdict"] == "bad"
    print(
        f"sample: {totals['labelled']} picks judged before any change, {totals['bad']} bad "
        f"({totals['bad'] / max(totals['labelled'], 1):.0%})"
    )
    print(f"bad picks still made: {totals['bad kept']}; good picks no longer made: "
          f"{totals['good lost']}")  # fmt: skip
    print(f"picks made now in the sample's parts: {totals['now']}; new since the labels, "
          f"judged: {now_new} ({bad_new} bad); not judged yet: {len(new_rows)}")  # fmt: skip
    bad_now = totals["bad kept"] + bad_new + len(new_rows) * 0
    print(f"bad picks among today's (judged) picks: {bad_now}")
    for row in new_rows:
        print(json.dumps(row, ensure_ascii=False))


def main(argv: Sequence[str]) -> None:
    """Run ``dump`` or ``score``."""
    if argv[:1] == ["dump"] and len(argv) >= 3:
        dump(argv[1], argv[2:])
    elif argv[:1] == ["score"]:
        score(argv[1] if len(argv) > 1 else str(LABELS))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
