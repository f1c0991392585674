"""Precision of brief's extracted glossaries on real documents, against judgements by hand.

    python bench/glossary_quality.py              # the table: before (BASE) and now
    python bench/glossary_quality.py --dump       # every candidate now, with its definition
    python bench/glossary_quality.py --unjudged   # candidates now that nobody has judged
    python bench/glossary_quality.py --rev REV    # compare with terms.py at git revision REV
    python bench/glossary_quality.py --sweep      # the sweep sample instead (about 2 minutes)
    python bench/glossary_quality.py --sweep4     # the fourth sweep: precision and recall

The documents: every report of tests/data/corpus/ imported as ``brief import`` does
(``briefcli.importers.import_report``), and the shipped report; each with its own glossary
removed (two goover variants carry one), so that every term extraction finds is listed.
Each candidate that ``extracts.glossary`` lists is looked up in tests/data/glossary/judged.json
by document, term and definition (a term whose defining sentence changed is judged again):
``good`` (a term a reader would want defined, with a sentence that defines or introduces it)
or ``bad``, and why. Precision is good / judged; a candidate nobody has judged is counted
apart and named on stderr, so a change to extraction cannot pass unjudged.
"Before" runs src/briefcli/terms.py as it was at BASE (the commit before the precision work).

A second table covers five policy reports of the Congressional Research Service (Markdown, as
bench/summary_quality.py's round 3 builds them into the folder BRIEF_CRS, default /tmp/crs),
each judged whole; "before" there is CRS_BASE, the commit before the policy-report work. The
reports are not in the repository: without them that table is skipped, with a note on stderr.
Results: docs/summaries.md, "Glossary precision" and "Glossary on policy reports".

``--sweep`` measures the import sweeps' documents instead (the folders in BRIEF_SWEEP, colon-
separated, default /tmp/h22corpus/docs, /tmp/h25/docs and /tmp/h26/docs: free software
documentation, 282 of which import). A random sample of 200 candidates listed at SWEEP_BASE
(seed 14) was judged by hand in tests/data/glossary/sweep.json, by document and term, with a
short context (at most 15 words of the defining sentence, quoted from documentation under its
project's free licence: GPL, GFDL, LGPL, BSD, MIT, Apache, PSF and the like); candidates listed
later and not before are judged there too ("sample": "new"). The table gives precision on the
sample before and now, and the good terms of the sample no longer listed under any name.
Results: docs/summaries.md, "Glossary on the import sweeps".

``--sweep4`` measures a fourth sweep (the folder BRIEF_SWEEP4, default /tmp/h39/docs: Debian
Policy and its companions, the Developer's Reference, the FHS, licences, dpkg's specifications
and the documentation of PyPI sdists; 51 documents) whose every candidate at SWEEP4_BASE was
judged in tests/data/glossary/sweep4.json (good or bad, and for a good one whether its sentence
defines it), and whose expected terms, drawn from the documents by hand before any code
changed, are listed in tests/data/glossary/sweep4-recall.json. It prints precision and recall
before and now. Results: docs/summaries.md, "A fourth sweep: recall".
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
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
#: The commit before the precision work (issue 14's glossary as first merged).
BASE = "14645e0"
#: The commit before the policy-report work (terms.py as the CRS sample was first judged).
CRS_BASE = "7b9de79"
CRS = Path(os.environ.get("BRIEF_CRS", "/tmp/crs"))
#: The policy reports judged whole (every candidate before and after).
CRS_SAMPLE = (
    "R48469v6-the-seafood-import-monitoring-program-simp.md",
    "R46646v17-election-administration-federal-grant-programs-f.md",
    "R48883v4-an-overview-of-decentralized-finance-defi.md",
    "R48902v1-internet-architecture-a-layer-based-analysis-of-.md",
    "R48915v1-preemption-and-the-federal-food-drug-and-cosmeti.md",
)
#: The import sweeps' folders (see --sweep) and their judgements.
SWEEP = [
    Path(folder)
    for folder in os.environ.get(
        "BRIEF_SWEEP", "/tmp/h22corpus/docs:/tmp/h25/docs:/tmp/h26/docs"
    ).split(":")
    if folder
]
SWEEP_JUDGED = REPO / "tests" / "data" / "glossary" / "sweep.json"
#: terms.py when the sweep sample was drawn and judged.
SWEEP_BASE = "48b7608"
SWEEP4 = Path(os.environ.get("BRIEF_SWEEP4", "/tmp/h39/docs"))
SWEEP4_JUDGED = REPO / "tests" / "data" / "glossary" / "sweep4.json"
SWEEP4_RECALL = REPO / "tests" / "data" / "glossary" / "sweep4-recall.json"
#: terms.py when the fourth sweep was judged.
SWEEP4_BASE = "1e70b7e"
#: Files of the corpus folder that are not reports.
NOT_REPORTS = {"README.md", "before.md"}

Key = tuple[str, str, str]


def documents() -> list[tuple[str, Brief]]:
    """Each document's name and its brief without its own glossary, the shipped report last."""
    found: list[tuple[str, Brief]] = []
    for path in sorted(CORPUS.iterdir()):
        if path.suffix not in {".txt", ".md"} or path.name in NOT_REPORTS:
            continue
        brief = import_report(path.read_bytes(), path.name)
        found.append((path.name, brief._replace(glossary=())))
    found.append((SHIPPED.name, load_brief(SHIPPED)._replace(glossary=())))
    return found


def crs_documents() -> list[tuple[str, Brief]]:
    """The judged policy reports under BRIEF_CRS, imported; none when they are not there."""
    missing = [name for name in CRS_SAMPLE if not (CRS / name).is_file()]
    if missing:
        print(f"skipped: the CRS policy reports ({len(missing)} of {len(CRS_SAMPLE)} not under "
              f"{CRS}; set BRIEF_CRS, see bench/summary_quality.py)", file=sys.stderr)  # fmt: skip
        return []
    found: list[tuple[str, Brief]] = []
    for name in CRS_SAMPLE:
        path = CRS / name
        brief = import_report(path.read_bytes(), path.name)
        found.append((name, brief._replace(glossary=())))
    return found


def flat(text: str) -> str:
    """``text`` with its runs of white space made one space (as judged.json stores it)."""
    return " ".join(text.split())


def key(document: str, term: ExtractedTerm) -> Key:
    """What a judgement is about: a document, a term and the sentence that defines it."""
    return document, term.entry.term, flat(term.entry.definition)


def judgements() -> dict[Key, dict[str, str]]:
    """The judgements by (document, term, definition)."""
    if not JUDGED.exists():
        return {}
    rows = json.loads(JUDGED.read_text(encoding="utf-8"))
    return {(row["document"], row["term"], row["definition"]): row for row in rows}


@contextmanager
def terms_at(rev: str) -> Iterator[None]:
    """Run extraction with src/briefcli/terms.py as it was at git revision ``rev``."""
    source = subprocess.run(
        ["git", "-C", str(REPO), "show", f"{rev}:src/briefcli/terms.py"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    saved = sys.modules.get("briefcli.terms")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "terms.py"
        path.write_text(source, encoding="utf-8")
        spec = importlib.util.spec_from_file_location("briefcli.terms", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["briefcli.terms"] = module
        try:
            spec.loader.exec_module(module)
            yield
        finally:
            if saved is not None:
                sys.modules["briefcli.terms"] = saved
            else:
                del sys.modules["briefcli.terms"]


def listed(docs: list[tuple[str, Brief]]) -> dict[str, tuple[ExtractedTerm, ...]]:
    """The extracted glossary of each document."""
    return {name: glossary(brief) for name, brief in docs}


def score(
    name: str, terms: tuple[ExtractedTerm, ...], judged: dict[Key, dict[str, str]]
) -> tuple[int, int, list[ExtractedTerm]]:
    """Good and bad candidates, and those not judged."""
    good = bad = 0
    missing: list[ExtractedTerm] = []
    for term in terms:
        row = judged.get(key(name, term))
        if row is None:
            missing.append(term)
        elif row["verdict"] == "good":
            good += 1
        else:
            bad += 1
    return good, bad, missing


def precision(good: int, bad: int) -> str:
    """good / judged, or a dash when nothing was listed."""
    return f"{good / (good + bad):.2f}" if good + bad else "–"


def sweep_documents(folders: list[Path] | None = None) -> list[tuple[str, Brief]]:
    """Every document of the sweep folders that imports, named "<sweep>/<file>"."""
    from briefcli.errors import BriefError

    found: list[tuple[str, Brief]] = []
    for folder in SWEEP if folders is None else folders:
        if not folder.is_dir():
            print(f"skipped: {folder} (not there)", file=sys.stderr)
            continue
        for path in sorted(folder.iterdir()):
            if not path.is_file():
                continue
            try:
                brief = import_report(path.read_bytes(), path.name)
            except BriefError:
                continue  # not a report (no headings, not UTF-8, too large): as brief import
            found.append((f"{folder.parent.name}/{path.name}", brief._replace(glossary=())))
    return found


def sweep(rev: str) -> int:
    """Print the sweep sample's table, terms.py at ``rev`` against now; 1 if any is unjudged."""
    rows = json.loads(SWEEP_JUDGED.read_text(encoding="utf-8"))
    verdicts = {(row["document"], row["term"]): row for row in rows}
    docs = sweep_documents()
    now = listed(docs)
    with terms_at(rev):
        before = listed(docs)

    def names(terms: dict[str, tuple[ExtractedTerm, ...]]) -> set[tuple[str, str]]:
        return {(doc, name) for doc, found in terms.items() for t in found
                for name in t.entry.names()}  # fmt: skip

    def entries(terms: dict[str, tuple[ExtractedTerm, ...]]) -> set[tuple[str, str]]:
        return {(doc, t.entry.term) for doc, found in terms.items() for t in found}

    # A good term is kept under any of its names ("Massive Multiauthor Collaboration" as
    # MMC's expansion); a bad one counts only as an entry of its own ("GNU GPL" as an alias of
    # GPL is no longer a second entry).
    listed_before = (names(before), entries(before))
    listed_now = (names(now), entries(now))
    sample = [row for row in rows if row.get("sample") == "random"]
    print(f"Before: terms.py at {rev}; after: the working tree. {len(docs)} documents.\n")
    print("| | candidates | sample listed | good | precision | good lost |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, terms, (any_name, own_entry) in (("before", before, listed_before),
                                                ("after", now, listed_now)):  # fmt: skip
        kept = [row for row in sample
                if (row["document"], row["term"]) in (any_name if row["verdict"] == "good"
                                                      else own_entry)]  # fmt: skip
        good = sum(row["verdict"] == "good" for row in kept)
        lost = sum(row["verdict"] == "good" for row in sample if row not in kept)
        total = sum(len(found) for found in terms.values())
        print(f"| {label} | {total} | {len(kept)} | {good} | "
              f"{precision(good, len(kept) - good)} | {lost} |")  # fmt: skip
    old = {(doc, t.entry.term) for doc, found in before.items() for t in found}
    new = [(doc, t.entry.term) for doc, found in now.items() for t in found
           if (doc, t.entry.term) not in old]  # fmt: skip
    judged_new = [verdicts[item] for item in new if item in verdicts]
    good = sum(row["verdict"] == "good" for row in judged_new)
    print(f"\nListed now and not before: {len(new)}, of which {len(judged_new)} judged, "
          f"{good} good ({precision(good, len(judged_new) - good)}).")  # fmt: skip
    unjudged = [item for item in new if item not in verdicts]
    for doc, term in unjudged:
        print(f"unjudged: {doc}: {term!r}", file=sys.stderr)
    return 1 if unjudged else 0


def sweep4(rev: str) -> int:
    """Print the fourth sweep's precision and recall, terms.py at ``rev`` against now."""
    if not SWEEP4.is_dir():
        print(f"skipped: the fourth sweep ({SWEEP4} is not there; set BRIEF_SWEEP4)",
              file=sys.stderr)  # fmt: skip
        return 0
    verdicts = {(row["document"], row["term"]): row
                for row in json.loads(SWEEP4_JUDGED.read_text(encoding="utf-8"))}  # fmt: skip
    expected = json.loads(SWEEP4_RECALL.read_text(encoding="utf-8"))
    docs = [(name.split("/", 1)[1], brief) for name, brief in sweep_documents([SWEEP4])]
    now = listed(docs)
    with terms_at(rev):
        before = listed(docs)
    print(f"Before: terms.py at {rev}; after: the working tree. {len(docs)} documents.\n")
    print("| | listed | good | precision | good and defined there | recall: acronyms | "
          "defined terms | all |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    unjudged: list[str] = []
    for label, terms in (("before", before), ("after", now)):
        rows = [verdicts.get((doc, t.entry.term)) for doc, found in terms.items() for t in found]
        unjudged += [f"{doc}: {t.entry.term!r}" for doc, found in terms.items() for t in found
                     if (doc, t.entry.term) not in verdicts]  # fmt: skip
        good = sum(1 for row in rows if row and row["verdict"] == "good")
        defined = sum(1 for row in rows if row and row.get("defines") == "yes")
        names = {(doc, name.casefold()) for doc, found in terms.items() for t in found
                 for name in t.entry.names()}  # fmt: skip
        cells = []
        for kind in ("acronym", "defined", None):
            wanted = [row for row in expected if kind is None or row["kind"] == kind]
            hit = sum((row["document"], row["term"].casefold()) in names for row in wanted)
            cells.append(f"{hit}/{len(wanted)}")
        judged = sum(1 for row in rows if row)
        print(f"| {label} | {len(rows)} | {good} | {precision(good, judged - good)} | "
              f"{defined} | " + " | ".join(cells) + " |")  # fmt: skip
    for line in sorted(set(unjudged)):
        print(f"unjudged: {line}", file=sys.stderr)
    return 1 if unjudged else 0


def main(argv: list[str]) -> int:
    """Print the table (or the candidates, with --dump / --unjudged)."""
    if "--sweep4" in argv:
        return sweep4(argv[argv.index("--rev") + 1] if "--rev" in argv else SWEEP4_BASE)
    if "--sweep" in argv:
        return sweep(argv[argv.index("--rev") + 1] if "--rev" in argv else SWEEP_BASE)
    judged = judgements()
    docs = documents()
    crs = crs_documents()
    now = listed(docs + crs)
    if "--dump" in argv or "--unjudged" in argv:
        for name, terms in now.items():
            for term in terms:
                row = judged.get(key(name, term))
                if row is None or "--dump" in argv:
                    print("\t".join((name, row["verdict"] if row else "?",
                                     term.entry.category, term.entry.term,
                                     "|".join(term.entry.aliases),
                                     flat(term.entry.definition))))  # fmt: skip
        return 0
    rev = argv[argv.index("--rev") + 1] if "--rev" in argv else BASE
    unjudged = table(docs, now, judged, rev)
    if crs:
        print()
        unjudged += table(crs, now, judged, CRS_BASE)
    for line in unjudged:
        print(f"unjudged: {line}", file=sys.stderr)
    return 1 if unjudged else 0


def table(
    docs: list[tuple[str, Brief]],
    now: dict[str, tuple[ExtractedTerm, ...]],
    judged: dict[Key, dict[str, str]],
    rev: str,
) -> list[str]:
    """Print one table, before (terms.py at ``rev``) and now; return the unjudged candidates."""
    with terms_at(rev):
        before = listed(docs)
    print(f"Before: terms.py at {rev}; after: the working tree.\n")
    print("| document | before: listed | good | precision | after: listed | good | precision |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    totals = [0] * 6
    unjudged: list[str] = []
    for name in before:
        row: list[int] = []
        cells: list[str] = []
        for terms in (before[name], now[name]):
            good, bad, missing = score(name, terms, judged)
            unjudged += [f"{name}: {term.entry.term!r}" for term in missing]
            row += [len(terms), good, bad]
            cells += [str(len(terms)), str(good), precision(good, bad)]
        totals = [total + value for total, value in zip(totals, row, strict=True)]
        print(f"| {name} | " + " | ".join(cells) + " |")
    cells = [str(totals[0]), str(totals[1]), precision(totals[1], totals[2]),
             str(totals[3]), str(totals[4]), precision(totals[4], totals[5])]  # fmt: skip
    print("| **all** | " + " | ".join(cells) + " |")
    return unjudged


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
