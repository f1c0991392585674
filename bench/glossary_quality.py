"""Precision of brief's extracted glossaries on real documents, against judgements by hand.

    python bench/glossary_quality.py            # per-document precision and good-term counts
    python bench/glossary_quality.py --dump     # every candidate with its definition (to judge)
    python bench/glossary_quality.py --unjudged # candidates not yet in the judgements

The documents: every report of tests/data/corpus/ imported as ``brief import`` does
(``briefcli.importers.import_report``), and the shipped report; each with its own glossary
removed (two goover variants carry one), so that every term extraction finds is listed.
Each candidate that ``extracts.glossary`` lists is looked up in tests/data/glossary/judged.json
(document, term, ``good`` or ``bad``, why). Precision is good / listed; a candidate nobody has
judged is counted apart and printed, so a change to extraction cannot pass unjudged.
Results: docs/summaries.md, "Glossary precision".
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from briefcli.extracts import ExtractedTerm, glossary  # noqa: E402
from briefcli.importers import import_report  # noqa: E402
from briefcli.loader import load_brief  # noqa: E402
from briefcli.model import Brief  # noqa: E402

CORPUS = REPO / "tests" / "data" / "corpus"
SHIPPED = REPO / "briefs" / "nk-russia-troops-2025.yaml"
JUDGED = REPO / "tests" / "data" / "glossary" / "judged.json"
#: Files of the corpus folder that are not reports.
NOT_REPORTS = {"README.md", "before.md"}


def documents() -> list[tuple[str, Brief]]:
    """Each document's name and its brief, the shipped report last."""
    found: list[tuple[str, Brief]] = []
    for path in sorted(CORPUS.iterdir()):
        if path.suffix not in {".txt", ".md"} or path.name in NOT_REPORTS:
            continue
        brief = import_report(path.read_bytes(), path.name)
        found.append((path.name, brief._replace(glossary=())))
    found.append((SHIPPED.name, load_brief(SHIPPED)._replace(glossary=())))
    return found


def judgements() -> dict[tuple[str, str], dict[str, str]]:
    """The judgements by (document, term)."""
    if not JUDGED.exists():
        return {}
    rows = json.loads(JUDGED.read_text(encoding="utf-8"))
    return {(row["document"], row["term"]): row for row in rows}


def main(argv: list[str]) -> int:
    """Print the table (or the candidates, with --dump / --unjudged)."""
    judged = judgements()
    dump, unjudged_only = "--dump" in argv, "--unjudged" in argv
    totals = [0, 0, 0]
    if not dump and not unjudged_only:
        print("| document | listed | good | bad | unjudged | precision |")
        print("|---|---:|---:|---:|---:|---:|")
    for name, brief in documents():
        terms: tuple[ExtractedTerm, ...] = glossary(brief)
        good = bad = 0
        missing: list[ExtractedTerm] = []
        for term in terms:
            row = judged.get((name, term.entry.term))
            if row is None:
                missing.append(term)
            elif row["verdict"] == "good":
                good += 1
            else:
                bad += 1
        if dump or unjudged_only:
            for term in terms if dump else missing:
                row = judged.get((name, term.entry.term))
                verdict = row["verdict"] if row else "?"
                definition = " ".join(term.entry.definition.split())[:160]
                print(f"{name}\t{verdict}\t{term.entry.category}\t{term.entry.term}"
                      f"\t{'|'.join(term.entry.aliases)}\t{definition}")  # fmt: skip
            continue
        listed = len(terms)
        precision = f"{good / (good + bad):.2f}" if good + bad else "–"
        print(f"| {name} | {listed} | {good} | {bad} | {len(missing)} | {precision} |")
        totals[0] += good
        totals[1] += bad
        totals[2] += len(missing)
        for term in missing:
            print(f"  unjudged: {term.entry.term!r}", file=sys.stderr)
    if not dump and not unjudged_only:
        good, bad, missing_count = totals
        precision = f"{good / (good + bad):.2f}" if good + bad else "–"
        print(f"| all | {good + bad + missing_count} | {good} | {bad} | {missing_count} | "
              f"{precision} |")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
