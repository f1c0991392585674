"""What a reader gets from ``brief summary`` and ``brief summary --section N`` on real reports.

    python bench/summary_picks.py dump OUT.jsonl PATH...   import every file (or every file in
                                                          each folder), print each extracted
                                                          summary and every part's key points,
                                                          and write them, one pick a line
    python bench/summary_picks.py score [LABELS]          the judged samples
                                                          (tests/data/summary_picks/labels.json)
                                                          against today's picks

A pick is one extracted sentence: the summary's (part ``summary``) or a section's or
subsection's key points (part its id), at the default lengths. The labels hold two random
samples of the picks of the same documents, each judged by hand: "before" (200 picks, before
the filters of docs/summaries.md, "Sentences") and "after" (200 picks, after them); a pick
drawn in both carries both. ``score`` counts each sample's bad picks by kind, and imports the
documents again to say how many of each sample brief still makes (the documents live outside
the repository: /tmp/h22corpus, /tmp/h25, /tmp/h26, /tmp/h31, /tmp/h32 and a set gathered from
PyPI sdists and /usr/share/doc; a missing one counts as making nothing).
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
    """The judged samples: bad picks by kind, and how many of each sample brief makes today."""
    labels = json.loads(Path(labels_path).read_text(encoding="utf-8"))
    rows = labels["picks"]
    made: dict[str, set[tuple[str, str]]] = {}
    for doc in sorted({row["doc"] for row in rows}):
        path = Path(doc)
        made[doc] = {(p.rstrip("*"), t) for p, _, t in picks(path)} if path.is_file() else set()
    for sample in ("before", "after"):
        chosen = [row for row in rows if sample in row["samples"]]
        if not chosen:
            continue
        bad = [row for row in chosen if row["verdict"] == "bad"]
        kinds: dict[str, int] = {}
        for row in bad:
            kinds[row["kind"]] = kinds.get(row["kind"], 0) + 1
        lead = sum(row["from"] == "first lines" for row in chosen)
        lead_bad = sum(row["from"] == "first lines" for row in bad)
        share = len(bad) / len(chosen)
        print(f"sample {sample!r}: {len(chosen)} picks, {len(bad)} bad ({share:.0%}); from "
              f"parts with no prose to rank: {lead} ({lead_bad} bad)")  # fmt: skip
        print("  bad by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
        kept = [row for row in chosen if (row["part"], row["text"]) in made[row["doc"]]]
        kept_bad = sum(row["verdict"] == "bad" for row in kept)
        print(f"  made today: {len(kept)} of {len(chosen)} ({kept_bad} of the {len(bad)} bad)")


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
