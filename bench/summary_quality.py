"""Quality of brief's extracted key points and summaries, and of its sentence splitter.

    python bench/summary_quality.py [rouge|splitters|timing|tune|tune3|...|tune9|cost|all]

rouge      ROUGE-1/2/L recall and F1 (the ``rouge-score`` package, Porter stemming) of extraction
           against lead-k and random sentences (mean of 20 seeds), at the same length, on:
           (1) the shipped report's sections 2-6 against the editor's key points;
           (2) the shipped report's sections 2-7 against its own Summary section;
           (3) documents on this machine that carry their own abstract, summary or tl;dr.
splitters  precision and recall of sentence boundaries of brief's splitter, pysbd and syntok on
           tests/data/sentences/labelled.json, and their speed.
timing     time to rank a 100 KB and a 1 MB section.
tune       ROUGE-2 F1 of the candidate rankers on the development set (Python HOWTOs and What's
           New documents, and PEPs: see development_cases; none of the above), and the one
           the rule chooses (docs/summaries.md, "Round 2").
tune3      round 3: the candidates of ROUND_3 on a policy-report set (reports of the
           Congressional Research Service: see policy_cases) and on round 2's set; the rule's
           choice (docs/summaries.md, "Round 3"). Not part of "all".
tune4      round 4: the title prior at the weights of ROUND_4, on the same two sets.
tune5      round 5: ROUND_5 on those two sets and a per-section set (OpenStax textbooks'
           section summaries: see textbook_cases).
tune6      round 6: a trained scorer, leave one set out, against the shipped method.
tune7      round 7: ROUND_7 (key points spread over a section's subsections), as tune5.
tune8      round 8: round 7's best against the shipped method on a held-out per-section set.
tune9      round 9: ROUND_9 (an order prior over sections), as tune5 plus round 8's set.
tune10     round 10: ROUND_10 (sentences that open by pointing back), on tune9's sets.
tune11     round 11: ROUND_11 (a brevity weight), as tune9.
tune12     round 12: ROUND_12 (lead-ins that end with ':'), as tune10.
tune13     round 13: ROUND_13 (copyright and licence notices), as tune10.
cost       time that extraction would add to an import, against reading it at read time
           (uncached, and from the extracts cache).

Needs the ``bench`` extra (``pip install -e '.[bench]'``). Results: docs/summaries.md.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from briefcli.sentences import sentence_spans  # noqa: E402
from briefcli.summarize import METHOD, Method, key_points, summary  # noqa: E402

SHIPPED = REPO / "briefs" / "nk-russia-troops-2025.yaml"
LABELLED = REPO / "tests" / "data" / "sentences" / "labelled.json"
SEEDS = 20
METRICS = ("rouge1", "rouge2", "rougeL")


class Body(list[list[str]]):
    """A document's sections (each its paragraphs) and its title, which the title prior reads."""

    def __init__(
        self,
        sections: Sequence[list[str]] = (),
        title: str = "",
        own: str = "",
        breaks: Sequence[int] = (),
    ) -> None:
        super().__init__(sections)
        self.title = title
        #: For one section: the section's own title ("" when it is a whole document's body).
        self.own = own
        #: For one section: the paragraphs that open its parts (subsections), for round 7.
        self.breaks = tuple(breaks)


Sections = list[list[str]]


@dataclass(frozen=True)
class Document:
    """A document with its own abstract: where it is and how to tell the abstract apart."""

    name: str
    path: str
    #: Title of the section that is the abstract, or None when a paragraph is.
    section: str | None = None
    #: The start of the paragraph that is the abstract (used when ``section`` is None).
    paragraph: str | None = None
    #: An abstract kept apart from the document (a package's one-line summary).
    given: str | None = None
    #: Leave out these opening sections (a title, a status line) from the body.
    skip: tuple[str, ...] = ()


#: Documents on this machine that carry an abstract of their own (none is copied into the
#: repository; a missing one is skipped and said so).
DOCUMENTS = (
    Document("dpkg spec: protected-field", "/usr/share/doc/dpkg/spec/protected-field.txt",
             section="Summary"),
    Document("dpkg spec: triggers", "/usr/share/doc/dpkg/spec/triggers.txt",
             section="Introduction"),
    Document("gyp: LanguageSpecification",
             "/usr/lib/node_modules/npm/node_modules/node-gyp/gyp/docs/LanguageSpecification.md",
             section="Objective"),
    Document("Node.js: commit-queue", "/usr/share/doc/nodejs/contributing/commit-queue.md",
             paragraph="tl;dr"),
    Document("Node.js: async_hooks", "/usr/share/doc/nodejs/api/async_hooks.md",
             section="Async hooks"),
    Document("Node.js: diagnostics_channel", "/usr/share/doc/nodejs/api/diagnostics_channel.md",
             section="Diagnostics Channel"),
    Document("Node.js: webstreams", "/usr/share/doc/nodejs/api/webstreams.md",
             section="Overview"),
    Document("Rich README (PyPI summary)", str(REPO / "tests" / "data" / "rich-README.md"),
             given="Render rich text, tables, progress bars, syntax highlighting, markdown and "
             "more to the terminal"),
    Document("Typer README (PyPI summary)", str(REPO / "tests" / "data" / "typer-README.md"),
             given="Typer, build great CLIs. Easy to code. Based on Python type hints.",
             paragraph="Typer, build great CLIs."),
)  # fmt: skip


# -- systems -------------------------------------------------------------------------------------


def _prose(sections: Sections) -> list[list[str]]:
    """Each section's prose sentences in reading order: what brief chooses from, and so what
    the baselines choose from too."""
    from briefcli.summarize import _candidates

    out: list[list[str]] = [[] for _ in sections]
    for candidate in _candidates(sections):
        out[candidate.section].append(candidate.text)
    return out


def _fill(order: Sequence[str], sentences: int | None, words: int | None) -> list[str]:
    """Take sentences in ``order`` until the sentence count or word budget is spent."""
    taken: list[str] = []
    used = 0
    for sentence in order:
        if sentences is not None and len(taken) >= sentences:
            break
        length = len(sentence.split())
        if words is not None and used + length > words:
            continue
        taken.append(sentence)
        used += length
    return taken


def lead(sections: Sections, sentences: int | None, words: int | None) -> list[str]:
    """Lead-k: the first sentence of each section, then the second of each, and so on."""
    prose = _prose(sections)
    order = [
        found[rank] for rank in range(max(map(len, prose), default=0)) for found in prose
        if rank < len(found)
    ]  # fmt: skip
    return _fill(order, sentences, words)


def randomly(sections: Sections, sentences: int | None, words: int | None, seed: int) -> list[str]:
    """Random prose sentences, in a shuffled order fixed by ``seed``."""
    order = [sentence for found in _prose(sections) for sentence in found]
    random.Random(seed).shuffle(order)
    return _fill(order, sentences, words)


def extract(
    sections: Sections,
    sentences: int | None,
    words: int | None,
    method: Method = METHOD,
    titles: str = "section",
) -> list[str]:
    """brief: key points for one section, a covering summary for several.

    The document's title (``sections.title`` when ``sections`` is a :class:`Body`) is given too;
    for key points, ``titles`` "section" (as brief does since round 5) gives the section's own
    title instead (``.own``, where known), "both" the two, "report" the document's.
    """
    title = getattr(sections, "title", "")
    own = getattr(sections, "own", "")
    if len(sections) == 1 and own and titles != "report":
        title = own if titles == "section" else f"{title} {own}"
    if len(sections) == 1:
        chosen = key_points(
            sections[0],
            sentences=sentences,
            words=words,
            method=method,
            title=title,
            breaks=getattr(sections, "breaks", ()),
        )
    else:
        chosen = summary(sections, sentences=sentences, words=words, method=method, title=title)
    return [item.text for item in chosen]


# -- scoring -------------------------------------------------------------------------------------


def _scorer() -> Callable[[str, str], dict[str, tuple[float, float]]]:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)

    def score(reference: str, candidate: str) -> dict[str, tuple[float, float]]:
        result = scorer.score(reference, candidate)
        return {name: (result[name].recall, result[name].fmeasure) for name in METRICS}

    return score


Scores = dict[str, tuple[float, float]]


def _mean(rows: Sequence[Scores]) -> Scores:
    return {
        name: (
            statistics.fmean(row[name][0] for row in rows),
            statistics.fmean(row[name][1] for row in rows),
        )
        for name in METRICS
    }


def compare(
    cases: Sequence[tuple[str, Sections, str, int | None, int | None]],
) -> dict[str, dict[str, Scores]]:
    """Score the three systems on each case: (name, sections, reference, sentences, words)."""
    score = _scorer()
    table: dict[str, dict[str, Scores]] = {}
    for name, sections, reference, sentences, words in cases:
        brief_text = " ".join(extract(sections, sentences, words))
        lead_text = " ".join(lead(sections, sentences, words))
        random_rows = [
            score(reference, " ".join(randomly(sections, sentences, words, seed)))
            for seed in range(SEEDS)
        ]
        table[name] = {
            "brief": score(reference, brief_text),
            "lead-k": score(reference, lead_text),
            "random": _mean(random_rows),
        }
    return table


Case = tuple[str, Sections, str, int | None, int | None]


def shipped_cases() -> tuple[list[Case], list[Case]]:
    """Comparisons 1 and 2 on the shipped report."""
    from briefcli.extracts import _breaks as extract_breaks
    from briefcli.loader import load_brief

    brief = load_brief(SHIPPED)
    first: list[Case] = []
    for section in brief.sections:
        if section.id in ("2", "3", "4", "5", "6"):
            reference = " ".join(section.key_points)
            # The section as brief reads it: its subsections are its parts.
            body = Body(
                [list(section.all_paragraphs())],
                brief.meta.title,
                section.title,
                extract_breaks(section),
            )
            first.append(
                (f"section {section.id}", body, reference, len(section.key_points), None)
            )  # fmt: skip
    own = next(section for section in brief.sections if section.role == "summary")
    reference = " ".join(own.all_paragraphs())
    body = Body(
        [
            list(section.all_paragraphs())
            for section in brief.sections
            if section.id in ("2", "3", "4", "5", "6", "7")
        ],
        brief.meta.title,
    )
    second: list[Case] = [("sections 2-7", body, reference, None, len(reference.split()))]
    return first, second


def document_cases() -> tuple[list[tuple[str, Sections, str, int | None, int | None]], list[str]]:
    """Comparison 3: documents with their own abstract; the names of those not found."""
    from briefcli.importers import import_report

    cases: list[tuple[str, Sections, str, int | None, int | None]] = []
    missing = []
    for document in DOCUMENTS:
        path = Path(document.path)
        if not path.is_file():
            missing.append(document.name)
            continue
        brief = import_report(path.read_bytes(), path.name, "markdown")
        abstract: list[str] = []
        body = Body(title=brief.meta.title)
        for section in brief.sections:
            parts = [(section.title, list(section.paragraphs))] + [
                (sub.title, list(sub.paragraphs)) for sub in section.subsections
            ]
            for title, paragraphs in parts:
                if document.section is not None and title.strip() == document.section:
                    abstract.extend(paragraphs)
                    continue
                kept = []
                for paragraph in paragraphs:
                    if document.paragraph is not None and paragraph.startswith(document.paragraph):
                        abstract.append(paragraph)
                    else:
                        kept.append(paragraph)
                if kept:
                    body.append(kept)
        reference = document.given or " ".join(abstract)
        if not reference or not body:
            raise SystemExit(f"{document.name}: no abstract or no body found")
        cases.append((document.name, body, reference, None, len(reference.split())))
    return cases, missing


def _table(title: str, table: dict[str, dict[str, Scores]]) -> str:
    lines = [
        f"#### {title}",
        "",
        "| case | system | R-1 recall | R-1 F1 | R-2 recall | R-2 F1 | R-L recall | R-L F1 |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for case, systems in table.items():
        for system, scores in systems.items():
            cells = " | ".join(f"{scores[m][0]:.3f} | {scores[m][1]:.3f}" for m in METRICS)
            lines.append(f"| {case} | {system} | {cells} |")
    return "\n".join(lines)


def _wins(table: dict[str, dict[str, Scores]]) -> list[str]:
    """The cases where brief's ROUGE-2 F1 beats both baselines."""
    return [
        case
        for case, systems in table.items()
        if systems["brief"]["rouge2"][1]
        > max(systems["lead-k"]["rouge2"][1], systems["random"]["rouge2"][1])
    ]


def rouge() -> None:
    """Print the three comparisons as Markdown tables."""
    first, second = shipped_cases()
    one = compare(first)
    one["mean of sections 2-6"] = {
        system: _mean([one[case][system] for case in list(one)])
        for system in next(iter(one.values()))
    }
    two = compare(second)
    cases, missing = document_cases()
    three = compare(cases)
    three["mean of documents"] = {
        system: _mean([three[case][system] for case in list(three)])
        for system in next(iter(three.values()))
    }
    print(_table("(1) Shipped report: key points of sections 2-6 against the editor's", one))
    print(f"\nbrief beats both baselines on ROUGE-2 F1 in: {', '.join(_wins(one)) or 'none'}\n")
    print(_table("(2) Shipped report: summary of sections 2-7 against its Summary", two))
    print(f"\nbrief beats both baselines on ROUGE-2 F1 in: {', '.join(_wins(two)) or 'none'}\n")
    print(_table("(3) Documents with their own abstract", three))
    won = [case for case in _wins(three) if case != "mean of documents"]
    print(f"\nbrief beats both baselines on ROUGE-2 F1 in {len(won)} of {len(cases)} documents:"
          f" {', '.join(won)}")  # fmt: skip
    if missing:
        print(f"not on this machine, skipped: {', '.join(missing)}")


# -- sentence splitters --------------------------------------------------------------------------


def _boundaries_brief(text: str) -> set[int]:
    return {end for _, end in sentence_spans(text)[:-1]}


def _boundaries_pysbd() -> Callable[[str], set[int]]:
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)

    def split(text: str) -> set[int]:
        ends = set()
        for span in segmenter.segment(text):
            end = span.end
            while end > 0 and text[end - 1].isspace():
                end -= 1
            ends.add(end)
        return ends - {max(ends, default=0)}

    return split


def _boundaries_syntok() -> Callable[[str], set[int]]:
    import syntok.segmenter as segmenter

    def split(text: str) -> set[int]:
        ends = {
            sentence[-1].offset + len(sentence[-1].value)
            for paragraph in segmenter.analyze(text)
            for sentence in paragraph
        }
        return ends - {max(ends, default=0)}

    return split


def splitters() -> None:
    """Precision, recall and speed of each splitter on the hand-labelled sample."""
    records = json.loads(LABELLED.read_text(encoding="utf-8"))["records"]
    gold = []
    for record in records:
        text, position, ends = record["text"], 0, []
        for sentence in record["sentences"]:
            position = text.index(sentence, position) + len(sentence)
            ends.append(position)
        gold.append(set(ends[:-1]))
    groups = {
        "all": lambda source: True,
        "shipped report": lambda source: source.startswith("briefs/"),
        "Node.js docs": lambda source: source.startswith("Node.js"),
        "READMEs": lambda source: source.startswith("tests/data"),
        "written for tests": lambda source: source.startswith("written"),
    }
    systems = {
        "brief": _boundaries_brief,
        "pysbd 0.3.4": _boundaries_pysbd(),
        "syntok 1.4.4": _boundaries_syntok(),
    }
    print("| splitter | sample | boundaries | precision | recall | F1 |")
    print("|---|---|---:|---:|---:|---:|")
    for name, split in systems.items():
        found = [split(record["text"]) for record in records]
        for group, keep in groups.items():
            tp = fp = fn = 0
            for record, expected, got in zip(records, gold, found, strict=True):
                if keep(record["source"]):
                    tp += len(expected & got)
                    fp += len(got - expected)
                    fn += len(expected - got)
            precision = tp / (tp + fp) if tp + fp else 1.0
            recall = tp / (tp + fn) if tp + fn else 1.0
            f1 = 2 * precision * recall / (precision + recall)
            print(f"| {name} | {group} | {tp + fn} | {precision:.3f} | {recall:.3f} | {f1:.3f} |")
    print("\n| splitter | time for the sample (ms, best of 5) |")
    print("|---|---:|")
    for name, split in systems.items():
        best = min(_timed(lambda split=split: [split(r["text"]) for r in records])
                   for _ in range(5))  # fmt: skip
        print(f"| {name} | {best * 1000:.1f} |")


def _timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


# -- timing --------------------------------------------------------------------------------------


def timing() -> None:
    """Seconds to rank a section of about 100 KB and 1 MB built from real prose."""
    from briefcli.loader import load_brief

    brief = load_brief(SHIPPED)
    paragraphs = [p for section in brief.sections for p in section.all_paragraphs()]
    documents = [Path(d.path) for d in DOCUMENTS if Path(d.path).is_file()]
    for path in documents:
        text = path.read_text(encoding="utf-8", errors="replace")
        paragraphs.extend(block.replace("\n", " ") for block in text.split("\n\n") if block)
    print("| section size | sentences | key_points (s) | summary of 10 sections (s) |")
    print("|---:|---:|---:|---:|")
    for target in (100_000, 1_000_000):
        section: list[str] = []
        size = 0
        while size < target:
            paragraph = paragraphs[len(section) % len(paragraphs)]
            section.append(paragraph)
            size += len(paragraph) + 1
        count = sum(len(sentence_spans(p)) for p in section)
        started = time.perf_counter()
        key_points(section, sentences=5)
        middle = time.perf_counter()
        tenth = len(section) // 10
        summary([section[i * tenth : (i + 1) * tenth] for i in range(10)], sentences=10)
        ended = time.perf_counter()
        print(f"| {size / 1000:,.0f} KB | {count:,} | {middle - started:.2f} | "
              f"{ended - middle:.2f} |")  # fmt: skip


# -- import time or read time ---------------------------------------------------------------------


def _best(work: Callable[[], object], rounds: int = 5) -> float:
    return min(_timed(work) for _ in range(rounds))


def _cost_row(path: Path, form: str) -> str:
    """One row of :func:`cost`: times for one report, in milliseconds."""
    from briefcli import extracts
    from briefcli.importers import import_report

    data = path.read_bytes()
    brief = import_report(data, path.name, form)
    largest = max(brief.sections, key=lambda s: len(" ".join(s.all_paragraphs()))).id
    imported = _best(lambda: import_report(data, path.name, form))
    points = _best(lambda: extracts.points(brief))
    whole = _best(lambda: extracts.summary(brief))
    terms = _best(lambda: extracts.glossary(brief))
    one = _best(lambda: extracts.key_points(brief, largest))
    filled = extracts.digest(brief)
    filled.summary(), filled.glossary(), filled.key_points(largest)

    def read() -> None:
        again = extracts.digest(brief)
        again.summary(), again.key_points(largest)

    reading = _best(read)
    share = (points + whole + terms) / imported * 100
    return (f"| {path.name} | {len(data) / 1000:.0f} | {imported * 1000:.1f} | "
            f"{points * 1000:.1f} | {whole * 1000:.1f} | {terms * 1000:.1f} | {share:.0f}% | "
            f"{one * 1000:.1f} | {reading * 1000:.2f} |")  # fmt: skip


def cost() -> None:
    """What extraction would add to `brief import`, and what reading it costs, cached or not."""
    import tempfile

    reports = [(REPO / "briefs" / "sources" / "nk-russia-troops-2025.txt", "auto")]
    reports += [(Path(d.path), "markdown") for d in DOCUMENTS if Path(d.path).is_file()]
    print("| report | size (KB) | import (ms) | key points, all parts (ms) | summary (ms) |"
          " glossary (ms) | all extracts (% of import) | one section's points (ms) |"
          " cached read (ms) |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        os.environ["XDG_CACHE_HOME"] = folder
        for path, form in reports:
            print(_cost_row(path, form))


# -- the development set ---------------------------------------------------------------------------
#
# Report-like documents: an essay in titled sections that carries its own abstract or summary.
# None of them is the shipped report, a document of comparison 3 (DOCUMENTS) or a document of
# tests/data/corpus. Nothing is copied into the repository; the set is rebuilt from:
#
# - the Python 3.11 documentation's reST sources (PSF licence), Debian package python3.11-doc
#   (`apt-get install python3.11-doc`, or `apt-get download python3.11-doc` and
#   `dpkg -x python3.11-doc_*.deb DIR`, then
#   BRIEF_PYDOC=DIR/usr/share/doc/python3.11/html/_sources):
#   the HOWTOs that open with an Abstract, and the What's New documents with a "Summary --
#   Release highlights" section;
# - the Python Enhancement Proposals (public domain or CC0-1.0, each says so in its Copyright
#   section; others are left out), https://github.com/python/peps at commit
#   ba4deeb7969588d937da609008d05bb83a47b1ab, its peps/ folder given as BRIEF_PEPS: the
#   PEPs with an Abstract section.
#
# Each document's abstract (or release highlights) is the reference, the other sections its body
# (References, Footnotes, Copyright and Acknowledgements left out: boilerplate, not the report);
# documents with an abstract of under 25 words or a body of under 15 prose sentences are left out.

PYDOC = Path(os.environ.get("BRIEF_PYDOC", "/usr/share/doc/python3.11/html/_sources"))
PEPS = Path(os.environ.get("BRIEF_PEPS", "/tmp/peps/peps"))
#: Sections that are not the report's argument.
_BOILERPLATE = {"references", "footnotes", "copyright", "acknowledgements", "acknowledgments"}
_UNDERLINE = re.compile(r"^([=\-~^*#\"'`:.+_])\1{2,}\s*$")


def _inline(text: str) -> str:
    """reST inline markup to plain text: roles, literals, links, emphasis."""
    text = re.sub(r":[\w-]+(?::[\w-]+)?:`~?([^`<]*?)\s*(?:<[^`>]*>)?`", r"\1", text)
    text = re.sub(r"``([^`]*)``", r"\1", text)
    text = re.sub(r"`([^`<]*?)\s*(?:<[^`>]*>)?`_{1,2}", r"\1", text)
    text = re.sub(r"\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*", lambda m: m.group(1) or m.group(2), text)
    text = re.sub(r"\s*\[#?[\w-]*\]_", "", text)
    text = text.replace("::", ":") if text.endswith("::") else text
    return " ".join(text.split())


def rst_sections(source: str) -> tuple[list[tuple[str, list[str]]], str]:
    """A reST document as (top-level section title, paragraphs) in order, and its abstract.

    Subsections are folded into their section; code, directives, tables and field lists are
    left out; list items are paragraphs. The abstract is a ``.. topic:: Abstract`` block.
    """
    lines = source.splitlines()
    blocks: list[list[str]] = []
    for line in lines:
        if line.strip():
            if blocks and blocks[-1] and blocks[-1][-1] != "":
                blocks[-1].append(line)
            else:
                blocks.append([line])
        elif blocks and blocks[-1]:
            blocks[-1].append("")
    blocks = [[line for line in block if line != ""] for block in blocks]
    levels: list[str] = []
    sections: list[tuple[str, list[str]]] = [("", [])]
    abstract: list[str] = []
    skip_indent: int | None = None  # inside a directive or literal block indented past this
    into_abstract: int | None = None
    previous_literal = False
    for block in blocks:
        first = block[0]
        indent = len(first) - len(first.lstrip())
        if skip_indent is not None:
            if indent > skip_indent:
                continue
            skip_indent = None
        if into_abstract is not None:
            if indent > into_abstract:
                abstract.append(_inline(" ".join(line.strip() for line in block)))
                continue
            into_abstract = None
        if previous_literal and indent > 0:
            continue
        previous_literal = False
        heading = None
        if len(block) >= 2 and _UNDERLINE.match(block[1]) and not _UNDERLINE.match(block[0]):
            heading, style, rest = block[0].strip(), block[1].strip()[0], block[2:]
        elif len(block) >= 3 and _UNDERLINE.match(block[0]) and _UNDERLINE.match(block[2]):
            heading, style, rest = block[1].strip(), "over" + block[0].strip()[0], block[3:]
        if heading is not None:
            if style not in levels:
                levels.append(style)
            level = levels.index(style)
            if level <= 1 and not style.startswith("over"):
                # Level 0 is the document's title when it is overlined; else the top level.
                top = 0 if not levels[0].startswith("over") else 1
                if level == top:
                    sections.append((heading, []))
            if not rest:
                continue
            block = rest
            first = block[0]
            indent = len(first) - len(first.lstrip())
        stripped = first.strip()
        if stripped.startswith(".. "):
            if re.match(r"\.\. topic::\s*Abstract", stripped):
                into_abstract = indent
            else:
                skip_indent = indent
            continue
        if stripped.startswith(("+--", "+==", "===", ":")) or (
            indent >= 4 and stripped[:2] not in ("* ", "- ")
        ):
            # A table, a field list (":Author:"), or an indented (quoted or literal) block.
            if block[-1].rstrip().endswith("::"):
                previous_literal = True
            continue
        if re.match(r"^[\w-]+: ", stripped) and sections[-1][0] == "" and not sections[-1][1]:
            continue  # a PEP's header fields
        items: list[list[str]] = []
        for line in block:
            if re.match(r"^\s*(?:[*+-]|#\.|\d+\.)\s+", line):
                items.append([re.sub(r"^\s*(?:[*+-]|#\.|\d+\.)\s+", "", line)])
            elif items:
                items[-1].append(line.strip())
            else:
                items.append([line.strip()])
        for item in items:
            text = _inline(" ".join(item))
            if text:
                sections[-1][1].append(text)
        if block[-1].rstrip().endswith("::"):
            previous_literal = True
    return [s for s in sections if s[1]], " ".join(abstract)


#: A development case: its name, body (with the document's title) and reference.
DevCase = tuple[str, Body, str]


def _dev_case(
    name: str, parts: list[tuple[str, list[str]]], reference: str, title: str = ""
) -> DevCase | None:
    body = Body(
        [p for heading, p in parts if heading.strip().casefold() not in _BOILERPLATE], title
    )
    if len(reference.split()) >= 25 and sum(map(len, _prose(body))) >= 15:
        return (name, body, reference)
    return None


def _rst_title(text: str) -> str:
    """A reST document's title: a PEP's Title field, else its first lined heading."""
    field = re.search(r"^Title:\s*(.+)$", text, re.MULTILINE)
    if field:
        return field.group(1).strip()
    lines = text.splitlines()
    for line, below in itertools.pairwise(lines):
        if line.strip() and not _UNDERLINE.match(line) and _UNDERLINE.match(below):
            return line.strip()
    return ""


def development_cases() -> list[DevCase]:
    """The development set: Python HOWTOs and What's New documents, and PEPs (see above)."""
    cases = []
    for path in sorted((PYDOC / "howto").glob("*.rst.txt")):
        text = path.read_text(encoding="utf-8")
        parts, abstract = rst_sections(text)
        found = _dev_case(f"howto/{path.name}", parts, abstract, _rst_title(text))
        if found:
            cases.append(found)
    for path in sorted((PYDOC / "whatsnew").glob("3.*.rst.txt")):
        text = path.read_text(encoding="utf-8")
        parts, _ = rst_sections(text)
        highlights = [p for title, p in parts if title.casefold().startswith("summary")]
        rest = [(t, p) for t, p in parts if not t.casefold().startswith("summary")]
        if highlights:
            found = _dev_case(
                f"whatsnew/{path.name}", rest, " ".join(highlights[0]), _rst_title(text)
            )
            if found:
                cases.append(found)
    for path in sorted(PEPS.glob("pep-*.rst")):
        text = path.read_text(encoding="utf-8")
        if "public domain" not in text and "CC0" not in text:
            continue
        parts, _ = rst_sections(text)
        abstracts = [p for title, p in parts if title.strip() == "Abstract"]
        rest = [(t, p) for t, p in parts if t.strip() != "Abstract"]
        if abstracts:
            found = _dev_case(f"peps/{path.stem}", rest, " ".join(abstracts[0]), _rst_title(text))
            if found:
                cases.append(found)
    if not cases:
        raise SystemExit(f"no development documents under {PYDOC} or {PEPS}: see the comment")
    return cases


# -- a policy-report development set (round 3) ---------------------------------------------------
#
# Reports of the Congressional Research Service: policy analyses written for members of Congress
# and their staff, each opening with a Summary its authors wrote, then titled sections. They are
# the genre brief is built for (the shipped report is one), where the round-2 set is technical
# proposals. U.S. government works, not subject to copyright. Nothing is copied into the
# repository; the set is rebuilt from https://github.com/ProfAmiot/crs-reports (Markdown made
# from crsreports.congress.gov), every file ever under markdown/reports/ in its history up to
# commit 1226512 (2026-04-23), written into one folder given as BRIEF_CRS:
#
#   git clone https://github.com/ProfAmiot/crs-reports && cd crs-reports &&
#   for c in $(git rev-list HEAD); do git ls-tree -r --name-only $c markdown/reports/ |
#     while read f; do b=$(basename "$f"); [ -f "$DIR/$b" ] || git show "$c:$f" > "$DIR/$b"; done;
#   done
#
# A report's section titles are the entries of its Contents list; the Summary (from the line
# "Summary" to the next "---") is the reference, the sections after it the body. Figure and
# table rows ("| ..."), their "Source:" and "Notes:" lines and the Footnotes are left out; links
# and emphasis become plain text. The same limits as round 2 apply (abstract >= 25 words, body
# >= 15 prose sentences).

CRS = Path(os.environ.get("BRIEF_CRS", "/tmp/crs"))
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def _plain_md(line: str) -> str:
    """One line of the CRS Markdown as plain text: links to their text, no emphasis marks."""
    text = _MD_LINK.sub(r"\1", line)
    text = re.sub(r"(?<!\w)_+|_+(?!\w)", "", text)
    text = text.replace("**", "")
    return " ".join(text.split())


def crs_sections(source: str) -> tuple[list[tuple[str, list[str]]], str]:
    """A CRS report as (section title, paragraphs) in order, and its Summary ('' if none)."""
    lines = source.splitlines()
    titles: list[str] = []
    in_contents = False
    for line in lines:
        if line.strip() == "# Contents":
            in_contents = True
            continue
        if in_contents:
            entry = re.match(r"^- \[(.+?)\]\(", line)
            if entry:
                titles.append(_plain_md(entry.group(1)))
            elif line.strip():
                break
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == "Summary")
    except StopIteration:
        return [], ""
    summary: list[str] = []
    index = start + 1
    while index < len(lines) and lines[index].strip() != "---":
        if lines[index].strip():
            summary.append(_plain_md(lines[index]))
        index += 1
    wanted = set(titles)
    sections: list[tuple[str, list[str]]] = []
    for line in lines[index + 1 :]:
        stripped = line.strip()
        if stripped.startswith("# Footnotes"):
            break
        if not stripped or stripped.startswith(
            ("|", "#", "Source:", "Sources:", "Notes:", "Note:")
        ):
            continue
        text = _plain_md(stripped)
        if text in wanted:
            sections.append((text, []))
        elif sections and text:
            sections[-1][1].append(text)
    return [s for s in sections if s[1]], " ".join(summary)


def policy_cases() -> list[DevCase]:
    """Round 3's policy-report set: CRS reports with a Summary (see above)."""
    cases = []
    for path in sorted(CRS.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        parts, reference = crs_sections(text)
        title = text.split("\n", 1)[0].lstrip("# ").strip()
        name = f"crs/{path.stem.split('-')[0]}"
        found = _dev_case(name, parts, reference, title) if reference else None
        if found:
            cases.append(found)
    if not cases:
        raise SystemExit(f"no CRS reports with a Summary under {CRS}: see the comment")
    return cases


# -- a per-section development set (round 5) ------------------------------------------------------
#
# Comparison 1 asks for a section's key points against points written for that section; no set
# above measures that task. OpenStax textbooks end each section with a summary its authors
# wrote. Three social-science and humanities books (the genre nearest the shipped report), used
# for measurement only, nothing copied (CC BY-NC-SA 4.0, OpenStax, Rice University):
# github.com/openstax/osbooks-american-government at a267724, osbooks-introduction-political-
# science at 61afbf5 and osbooks-introduction-philosophy at ec63401, each extracted with
# `git archive HEAD collections modules | tar -x -C $BRIEF_OPENSTAX/<book>`.
#
# A section is a module with a summary section: its body is its paragraphs and list items
# outside figures, notes, exercises, tables and the learning-outcome, summary and review
# sections (footnote citations left out); the reference is the summary's text; the length is the
# summary's number of sentences (as in comparison 1); the report's title is the book's, the
# section's own title the module's.

OPENSTAX = Path(os.environ.get("BRIEF_OPENSTAX", "/tmp/openstax"))
_CNX = "{http://cnx.rice.edu/cnxml}"
#: Elements whose text is not a section's prose (or, for "summary", is the reference).
_CNX_SKIP = {"figure", "note", "exercise", "table", "media", "equation", "code"}
_CNX_SKIP_SECTIONS = {
    "learning-objectives", "summary", "review-questions", "key-terms", "critical-thinking",
    "suggested-reading", "bring-together", "references",
}  # fmt: skip


def _cnx_text(element: Any) -> str:
    """An element's text as a reader sees it, without footnote citations or media."""
    parts = [element.text or ""]
    for child in element:
        if child.tag.removeprefix(_CNX) not in _CNX_SKIP:
            parts.append(_cnx_text(child))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _cnx_paragraphs(element: Any, out: list[str], breaks: list[int] | None = None) -> None:
    """A module's paragraphs into ``out``; where each top-level section starts into ``breaks``."""
    for child in element:
        tag = child.tag.removeprefix(_CNX)
        if tag in _CNX_SKIP or (
            tag == "section" and (child.get("class") or "") in _CNX_SKIP_SECTIONS
        ):
            continue
        if tag in ("para", "item"):
            text = _cnx_text(child)
            if text:
                out.append(text)
        elif tag in ("section", "list", "content"):
            if tag == "section" and breaks is not None and out and breaks[-1:] != [len(out)]:
                breaks.append(len(out))
            _cnx_paragraphs(child, out)


def textbook_cases(
    root: Path = OPENSTAX,
) -> list[tuple[str, Sections, str, int | None, int | None]]:
    """Round 5's per-section set (round 8's with ``root``): (name, one section as a Body,
    reference, sentences, None)."""
    import xml.etree.ElementTree as ET

    cases: list[tuple[str, Sections, str, int | None, int | None]] = []
    for book in sorted(path for path in root.iterdir() if path.is_dir()):
        collection = next((book / "collections").glob("*.xml"))
        title_match = re.search(r"<md:title>([^<]+)</md:title>", collection.read_text("utf-8"))
        title = title_match.group(1).strip() if title_match else ""
        for module in sorted((book / "modules").glob("*/index.cnxml")):
            root = ET.parse(module).getroot()
            content = root.find(f"{_CNX}content")
            summary = root.find(f".//{_CNX}section[@class='summary']")
            if content is None or summary is None:
                continue
            reference = " ".join(
                _cnx_text(p) for p in summary.iter() if p.tag in (f"{_CNX}para", f"{_CNX}item")
            )
            paragraphs: list[str] = []
            breaks: list[int] = []
            _cnx_paragraphs(content, paragraphs, breaks)
            count = sum(len(sentence_spans(p)) for p in reference.split("\n") if p)
            if len(reference.split()) >= 25 and sum(map(len, _prose([paragraphs]))) >= 15:
                name = f"openstax/{book.name}/{module.parent.name}"
                own = " ".join((root.findtext(f"{_CNX}title") or "").split())
                body = Body([paragraphs], title, own, [b for b in breaks if b < len(paragraphs)])
                cases.append((name, body, reference, count, None))
    if not cases:
        raise SystemExit(f"no OpenStax books under {root}: see the comment")
    return cases


#: (Rounds 2 and 3 came before the title prior, so their candidates have title=0.)
#: The candidates of round 2, in the order written down before any was scored
#: (docs/summaries.md, "Round 2"); within 0.0005 of the best, the one listed first wins.
CANDIDATES: tuple[tuple[str, Method], ...] = (
    ("1. coverage, a=3, d=1 (round 1)", Method(centrality="coverage", lead=3, title=0)),
    ("2. coverage, a=10, d=1", Method(centrality="coverage", lead=10, title=0)),
    ("2. coverage, a=10, d=2", Method(centrality="coverage", lead=10, decay=2, title=0)),
    ("2. coverage, a=30, d=1", Method(centrality="coverage", lead=30, title=0)),
    ("2. coverage, a=30, d=2", Method(centrality="coverage", lead=30, decay=2, title=0)),
    ("3. lead-swap, τ=1.5", Method(centrality="coverage", swap=1.5, title=0)),
    ("3. lead-swap, τ=2", Method(centrality="coverage", swap=2, title=0)),
    ("3. lead-swap, τ=3", Method(centrality="coverage", swap=3, title=0)),
    ("3. lead-swap, τ=5", Method(centrality="coverage", swap=5, title=0)),
    ("4. LexRank × prior a=1, MMR", Method(centrality="lexrank", lead=1, title=0)),
    ("4. LexRank × prior a=3, MMR", Method(centrality="lexrank", lead=3, title=0)),
    ("4. LexRank × prior a=10, MMR", Method(centrality="lexrank", lead=10, title=0)),
    (
        "5. coverage, a=3, section-lead b=1",
        Method(centrality="coverage", lead=3, opening=1, title=0),
    ),
    (
        "5. coverage, a=3, section-lead b=3",
        Method(centrality="coverage", lead=3, opening=3, title=0),
    ),
    (
        "5. coverage, a=10, section-lead b=1",
        Method(centrality="coverage", lead=10, opening=1, title=0),
    ),
    (
        "5. coverage, a=10, section-lead b=3",
        Method(centrality="coverage", lead=10, opening=3, title=0),
    ),
    (
        "6. LexRank a=3, section-lead b=1, MMR",
        Method(centrality="lexrank", lead=3, opening=1, title=0),
    ),
)
_TIE = 0.0005
#: Seeds of the random baseline on the development set (it decides nothing; 20 take long).
_DEV_SEEDS = 5


def _breaks(sections: Sections) -> list[int]:
    """Where each section after the first starts once the sections are run together."""
    return list(itertools.accumulate(len(paragraphs) for paragraphs in sections[:-1]))


def _dev_tasks(
    cases: Sequence[DevCase],
) -> dict[str, list[tuple[str, Sections, str, int | None, int | None]]]:
    """The two development tasks on each case: (name, sections, reference, sentences, words).

    Key points take the whole body as one section.
    """
    return {
        "summary": [(n, body, ref, None, len(ref.split())) for n, body, ref in cases],
        "key points": [
            (n, Body([[p for s in body for p in s]], body.title, "", _breaks(body)), ref, 3, None)
            for n, body, ref in cases
        ],
    }


def _dev_scores(
    tasks: dict[str, list[tuple[str, Sections, str, int | None, int | None]]],
    system: Callable[[Sections, int | None, int | None], list[str]],
    score: Callable[[str, str], Scores],
) -> dict[str, dict[str, float]]:
    """ROUGE-2 F1 of ``system`` per task and case."""
    return {
        task: {
            name: score(reference, " ".join(system(sections, count, words)))["rouge2"][1]
            for name, sections, reference, count, words in rows
        }
        for task, rows in tasks.items()
    }


def tune(selected: str | None = None) -> None:
    """ROUGE-2 F1 of every candidate on the development set, and which the rule chooses.

    With ``selected`` (comma-separated label prefixes, or "baselines"), only those are scored.
    """
    prefixes = tuple(selected.split(",")) if selected else None
    score = _scorer()
    cases = development_cases()
    tasks = _dev_tasks(cases)
    pydoc = {name for name, *_ in cases if not name.startswith("peps/")}
    print(f"{len(cases)} documents ({len(pydoc)} Python docs, {len(cases) - len(pydoc)} PEPs)")
    print("| method | summary | key points | dev score | Python docs only: summary | key points |")
    print("|---|---:|---:|---:|---:|---:|")

    def row(label: str, found: dict[str, dict[str, float]]) -> float:
        means = [statistics.fmean(found[task].values()) for task in tasks]
        docs = [statistics.fmean(v for k, v in found[task].items() if k in pydoc) for task in tasks]
        dev = statistics.fmean(means)
        print(f"| {label} | {means[0]:.4f} | {means[1]:.4f} | {dev:.4f} | {docs[0]:.4f} | "
              f"{docs[1]:.4f} |", flush=True)  # fmt: skip
        return dev

    results = []
    for label, method in CANDIDATES:
        if prefixes is not None and not label.startswith(prefixes):
            continue
        found = _dev_scores(tasks, lambda s, c, w, method=method: extract(s, c, w, method), score)
        results.append((label, row(label, found)))
    if results:
        best = max(dev for _, dev in results)
        chosen = next(label for label, dev in results if dev >= best - _TIE)
        print(f"\nchosen by the rule: {chosen}")
    if selected in (None, "baselines"):
        row("lead-k (baseline)", _dev_scores(tasks, lead, score))
        by_seed = [
            _dev_scores(tasks, lambda s, c, w, seed=seed: randomly(s, c, w, seed), score)
            for seed in range(_DEV_SEEDS)
        ]
        mean = {
            task: {name: statistics.fmean(r[task][name] for r in by_seed) for name in found}
            for task, found in by_seed[0].items()
        }
        row(f"random, mean of {_DEV_SEEDS} seeds (baseline)", mean)


#: The candidates of round 3, in the order written down before any was scored on the policy set
#: (docs/summaries.md, "Round 3"); within 0.0005 of the best, the one listed first wins.
ROUND_3: tuple[tuple[str, Method], ...] = (
    ("1. LexRank × prior a=1, MMR (round 2)", Method(centrality="lexrank", lead=1, title=0)),
    ("2. LexRank × prior a=3, MMR", Method(centrality="lexrank", lead=3, title=0)),
    ("2. LexRank × prior a=10, MMR", Method(centrality="lexrank", lead=10, title=0)),
    ("3. directed, b=0, no prior, MMR", Method(centrality="directed", lead=0, title=0)),
    (
        "3. directed, b=-0.5, no prior, MMR",
        Method(centrality="directed", lead=0, backward=-0.5, title=0),
    ),
    ("4. directed, b=0 × prior a=1, MMR", Method(centrality="directed", lead=1, title=0)),
    (
        "4. directed, b=-0.5 × prior a=1, MMR",
        Method(centrality="directed", lead=1, backward=-0.5, title=0),
    ),
)


#: Round 4: the title prior (Edmundson, 1969) on round 3's choice, at the weights tried on the
#: development sets (docs/summaries.md, "Round 4"); the shipped method is listed first.
ROUND_4: tuple[tuple[str, Method], ...] = (
    ("1. LexRank × prior a=1, MMR (round 3)", Method(centrality="lexrank", lead=1, title=0)),
    *(
        (f"2. as 1 × title prior t={t:g}", Method(centrality="lexrank", lead=1, title=t))
        for t in (0.25, 0.5, 1, 2, 4, 8)
    ),
)


#: Round 5's candidates, in the order written down before any was scored on the per-section
#: set (docs/summaries.md, "Round 5"): (label, method, which title key points read).
ROUND_5: tuple[tuple[str, Method, str], ...] = (
    ("1. LexRank a=1 × title t=4 (round 4)", Method(lead=1, title=4), "report"),
    ("2. as 1: key points read both titles", Method(lead=1, title=4), "both"),
    ("3. as 1: key points read the section's title", Method(lead=1, title=4), "section"),
    ("4. LexRank a=1, no title prior (round 3)", Method(lead=1, title=0), "report"),
    ("5. LexRank a=3 × title t=4", Method(lead=3, title=4), "report"),
    ("5. LexRank a=10 × title t=4", Method(lead=10, title=4), "report"),
    (
        "6. directed b=-0.5 × a=1 × title t=4",
        Method(centrality="directed", lead=1, backward=-0.5, title=4),
        "report",
    ),
)


#: Round 7's candidates, in the order written down before any was scored (docs/summaries.md,
#: "Round 7"): key points spread over a section's parts.
ROUND_7: tuple[tuple[str, Method, str], ...] = (
    ("1. as shipped (round 5): one run of paragraphs", Method(), "section"),
    ("2. spread over parts, c=0.3", Method(parts="spread", part_cover=0.3), "section"),
    ("2. spread over parts, c=1", Method(parts="spread", part_cover=1.0), "section"),
    ("3. parts as sections, c=0.3", Method(parts="sections", part_cover=0.3), "section"),
    ("3. parts as sections, c=1", Method(parts="sections", part_cover=1.0), "section"),
)

#: Round 9's candidates (docs/summaries.md, "Round 9"): an order prior over the parts, on top
#: of round 8's method.
ROUND_8 = Method(parts="sections", part_cover=0.3)
ROUND_9: tuple[tuple[str, Method, str], ...] = (
    ("1. as shipped (round 8)", ROUND_8, "section"),
    *(
        (f"2. order prior b={b}, summaries and key points", ROUND_8._replace(order=b), "section")
        for b in (0.5, 1.0, 2.0)
    ),
    *(
        (
            f"3. order prior b={b}, summaries only",
            ROUND_8._replace(order=b, order_points=False),
            "section",
        )
        for b in (0.5, 1.0, 2.0)
    ),
)


def tune_round_5(
    selected: str | None = None,
    candidates: Sequence[tuple[str, Method, str]] = ROUND_5,
    held_out: bool = False,
) -> None:
    """Round 5: each candidate on the policy set, round 2's set and the per-section set.

    The round-5 score is the mean of the three sets' scores (each set's: the mean of its tasks).
    With ``held_out`` (round 9) round 8's held-out per-section set is a fourth set.
    """
    prefixes = tuple(selected.split(",")) if selected else None
    score = _scorer()
    sets = _round_sets(held_out)
    header = " | ".join(f"**{name}**" for name in sets)
    print(f"| method | {header} | **round {9 if held_out else 5} score** |")
    print("|---|" + "---:|" * (len(sets) + 1))

    def row(label: str, system: Callable[[Sections, int | None, int | None], list[str]]) -> float:
        return _score_row(sets, label, system, score)

    results = []
    for label, method, titles in candidates:
        if prefixes is not None and not label.startswith(prefixes):
            continue
        system = lambda s, c, w, m=method, t=titles: extract(s, c, w, m, t)  # noqa: E731
        results.append((label, row(label, system)))
    if results and prefixes is None:
        best = max(total for _, total in results)
        chosen = next(label for label, total in results if total >= best - _TIE)
        print(f"\nchosen by the rule: {chosen}")
    if selected in (None, "baselines"):
        row("lead-k (baseline)", lead)
        row("random, seed 0 (baseline)", lambda s, c, w: randomly(s, c, w, 0))


DevTasks = dict[str, list[tuple[str, Sections, str, int | None, int | None]]]


def _round_sets(held_out: bool) -> dict[str, DevTasks]:
    """Round 5's three development sets, and with ``held_out`` round 8's set as a fourth."""
    sets: dict[str, DevTasks] = {
        "policy": _dev_tasks(policy_cases()),
        "round 2": _dev_tasks(development_cases()),
        "per-section": {"key points": textbook_cases()},
    }
    if held_out:
        sets["held-out per-section"] = {"key points": textbook_cases(OPENSTAX_HELD_OUT)}
    print(" · ".join(f"{name}: {len(next(iter(t.values())))} cases" for name, t in sets.items()))
    return sets


def _score_row(
    sets: dict[str, DevTasks],
    label: str,
    system: Callable[[Sections, int | None, int | None], list[str]],
    score: Callable[[str, str], Scores],
    extra: Callable[[], str] = str,
) -> float:
    """Print one table row, each set's score (the mean of its tasks') and their mean, then
    what ``extra`` says once all are scored."""
    totals = []
    for tasks in sets.values():
        found = _dev_scores(tasks, system, score)
        totals.append(statistics.fmean(statistics.fmean(f.values()) for f in found.values()))
    total = statistics.fmean(totals)
    cells = " | ".join(f"{t:.4f}" for t in totals)
    print(f"| {label} | {cells} | {total:.4f} |{extra()}", flush=True)
    return total


#: Round 10's candidates (docs/summaries.md, "Round 10"): sentences that open by pointing back
#: count less, on round 9's shipped method.
ROUND_10: tuple[tuple[str, Method], ...] = (
    ("1. as shipped (round 9)", ROUND_8._replace(order=2.0)),
    ("2. pointing back, p=0.5", ROUND_8._replace(order=2.0, back=0.5)),
    ("2. pointing back, p=0.25", ROUND_8._replace(order=2.0, back=0.25)),
)
#: Round 11's candidates (docs/summaries.md, "Round 11"): a brevity weight on round 10's method.
ROUND_11: tuple[tuple[str, Method, str], ...] = (
    ("1. as shipped (round 10)", ROUND_10[2][1], "section"),
    *(
        (f"2. brevity a={a}", ROUND_10[2][1]._replace(brevity=a), "section")
        for a in (0.25, 0.5, 1.0)
    ),
)
#: Round 10's margin: 1% of the shipped method's round-9 score.
_NO_WORSE = 0.0013


def _points_back(text: str) -> bool:
    from briefcli.summarize import _points_back as points_back
    from briefcli.summarize import _word_pattern

    return points_back(_word_pattern().findall(text.casefold()))


def _lead_in(text: str) -> bool:
    return text.rstrip().endswith(":")


#: Round 12's candidates (docs/summaries.md, "Round 12"): lead-ins that end with ':' count
#: less, on round 10's shipped method.
ROUND_12: tuple[tuple[str, Method], ...] = (
    ("1. as shipped (round 10)", ROUND_10[2][1]),
    ("2. lead-ins, p=0.5", ROUND_10[2][1]._replace(lead_in=0.5)),
    ("2. lead-ins, p=0.25", ROUND_10[2][1]._replace(lead_in=0.25)),
)
#: Round 13's candidates (docs/summaries.md, "Round 13"): copyright and licence notices count
#: less, on round 12's shipped method.
ROUND_13: tuple[tuple[str, Method], ...] = (
    ("1. as shipped (round 12)", ROUND_12[2][1]),
    ("2. notices, p=0.5", ROUND_12[2][1]._replace(notice=0.5)),
    ("2. notices, p=0.25", ROUND_12[2][1]._replace(notice=0.25)),
)
#: Round 14's candidates (docs/summaries.md, "Round 14"): what LexRank's likeness reads, on
#: round 13's shipped method.
ROUND_14: tuple[tuple[str, Method, str], ...] = (
    ("1. as shipped (round 13)", ROUND_13[2][1], "section"),
    ("2. pairs", ROUND_13[2][1]._replace(pairs=True), "section"),
    ("3. BM25", ROUND_13[2][1]._replace(similarity="bm25"), "section"),
    ("4. pairs and BM25", ROUND_13[2][1]._replace(pairs=True, similarity="bm25"), "section"),
)
#: Round 13's margin: 1% of the shipped method's round-9 score (0.1379).
_NO_WORSE_13 = 0.0014


def _notice(text: str) -> bool:
    from briefcli.summarize import is_notice

    return is_notice(text)


def tune_readability(
    candidates: Sequence[tuple[str, Method]],
    marked: Callable[[str], bool],
    what: str,
    margin: float = _NO_WORSE,
) -> None:
    """Rounds 10, 12 and 13: a readability penalty, scored on round 9's sets; kept (the
    smaller p first) if it costs at most ``margin``. The share of picks ``marked`` (``what``)
    is shown, and decides nothing."""
    score = _scorer()
    sets = _round_sets(held_out=True)
    header = " | ".join(f"**{name}**" for name in sets)
    print(f"| method | {header} | **round 9 score** | picks {what} |")
    print("|---|" + "---:|" * (len(sets) + 2))
    results = []
    for label, method in candidates:
        picks: list[str] = []

        def system(
            s: Sections, c: int | None, w: int | None, m: Method = method, kept: list[str] = picks
        ) -> list[str]:
            chosen = extract(s, c, w, m)
            kept.extend(chosen)
            return chosen

        def share(picks: list[str] = picks) -> str:
            found = sum(map(marked, picks))
            return f" {found / len(picks):.1%} of {len(picks)} |"

        results.append(_score_row(sets, label, system, score, share))
    shipped = results[0]
    kept = [i for i in (2, 1) if results[i] >= shipped - margin]
    print(f"\nchosen by the rule: {candidates[kept[0] if kept else 0][0]}")


#: Round 6 (docs/summaries.md, "Round 6"): ridge regression's λ.
_RIDGE = 1.0


def _training_rows(
    cases: Sequence[tuple[str, Sections, str, int | None, int | None]],
) -> list[tuple[list[list[float]], list[float]]]:
    """Each case's features and targets: the candidates brief would weigh, as ``extract`` does.

    The target is a sentence's own ROUGE-2 recall against the reference (rouge-score tokens,
    Porter-stemmed), standardised within its case.
    """
    from collections import Counter

    from rouge_score import rouge_scorer

    from briefcli.summarize import _candidates, _features, _lexrank, _tfidf

    tokenize = rouge_scorer.RougeScorer(["rouge2"], use_stemmer=True)._tokenizer.tokenize
    rows = []
    for _, sections, reference, _count, _words in cases:
        title = getattr(sections, "title", "")
        own = getattr(sections, "own", "")
        if len(sections) == 1 and own:
            title = own
        candidates = _candidates(sections)
        if len(candidates) < 2:
            continue
        tokens = tokenize(reference)
        wanted = Counter(itertools.pairwise(tokens))
        total = sum(wanted.values()) or 1
        targets = []
        for candidate in candidates:
            found = Counter(itertools.pairwise(tokenize(candidate.text)))
            targets.append(sum(min(n, wanted[b]) for b, n in found.items()) / total)
        mean = statistics.fmean(targets)
        spread = statistics.pstdev(targets)
        if spread <= 1e-12:
            continue
        targets = [(t - mean) / spread for t in targets]
        features = _features(candidates, _lexrank(_tfidf(candidates)), title)
        rows.append((features, targets))
    return rows


def _fit(sets: Sequence[list[tuple[list[list[float]], list[float]]]]) -> tuple[float, ...]:
    """Ridge regression (λ = _RIDGE): each set weighs the same, each case within a set the same.

    Row weights sum to the number of sentences, so λ is on the usual scale.
    """
    import numpy as np

    total = sum(len(targets) for rows in sets for _, targets in rows)
    xs, ys, ws = [], [], []
    for rows in sets:
        for features, targets in rows:
            weight = total / (len(sets) * len(rows) * len(targets))
            xs.extend(features)
            ys.extend(targets)
            ws.extend([weight] * len(targets))
    x, y, w = np.array(xs), np.array(ys), np.array(ws)
    gram = x.T @ (x * w[:, None]) + _RIDGE * np.eye(x.shape[1])
    return tuple(float(v) for v in np.linalg.solve(gram, x.T @ (w * y)))


#: Round 8's held-out per-section set (docs/summaries.md, "Round 8"): four other OpenStax
#: books, each extracted as for round 5 (``git archive HEAD collections modules``).
OPENSTAX_HELD_OUT = Path(os.environ.get("BRIEF_OPENSTAX_HELD_OUT", "/tmp/openstax8"))


def tune_round_8() -> None:
    """Round 8: round 7's parts-as-sections key points against the shipped method, held out."""
    score = _scorer()
    cases = textbook_cases(OPENSTAX_HELD_OUT)
    books: dict[str, int] = {}
    for name, *_ in cases:
        books[name.split("/")[1]] = books.get(name.split("/")[1], 0) + 1
    print(f"{len(cases)} sections: " + ", ".join(f"{b} {n}" for b, n in books.items()))
    tasks = {"key points": cases}
    candidates = (
        ("1. as shipped (round 5)", Method()),
        ("2. parts as sections, c=0.3", Method(parts="sections", part_cover=0.3)),
    )
    results = []
    print("| candidate | held-out per-section |")
    print("|---|---:|")
    for label, method in candidates:
        found = _dev_scores(tasks, lambda s, c, w, m=method: extract(s, c, w, m), score)
        results.append(statistics.fmean(found["key points"].values()))
        print(f"| {label} | {results[-1]:.4f} |", flush=True)
    for label, system in (("lead-k (baseline)", lead),):
        found = _dev_scores(tasks, system, score)
        print(f"| {label} | {statistics.fmean(found['key points'].values()):.4f} |")
    chosen = candidates[1][0] if results[1] > results[0] + _TIE else candidates[0][0]
    print(f"\nchosen by the rule: {chosen}")


def tune_round_6() -> None:
    """Round 6: the trained scorer, leave one set out, against the shipped method."""
    from briefcli.summarize import FEATURES

    score = _scorer()
    sets = {
        "policy": _dev_tasks(policy_cases()),
        "round 2": _dev_tasks(development_cases()),
        "per-section": {"key points": textbook_cases()},
    }
    rows = {
        name: _training_rows([case for task in tasks.values() for case in task])
        for name, tasks in sets.items()
    }
    print(" · ".join(f"{name}: {len(r)} cases" for name, r in rows.items()))

    def set_score(tasks: dict[str, list[Case]], method: Method) -> float:
        found = _dev_scores(tasks, lambda s, c, w: extract(s, c, w, method), score)
        return statistics.fmean(statistics.fmean(f.values()) for f in found.values())

    print("| set | weights trained on the others (" + ", ".join(FEATURES) + ") | shipped "
          "| trained, held out | lead-k |")  # fmt: skip
    print("|---|---|---:|---:|---:|")
    shipped, held = [], []
    for name, tasks in sets.items():
        weights = _fit([r for other, r in rows.items() if other != name])
        shipped.append(set_score(tasks, Method()))  # round 5's, shipped then
        held.append(set_score(tasks, Method(centrality="trained", weights=weights)))
        baseline = statistics.fmean(
            statistics.fmean(f.values()) for f in _dev_scores(tasks, lead, score).values()
        )
        cells = ", ".join(f"{v:+.3f}" for v in weights)
        print(f"| {name} | {cells} | {shipped[-1]:.4f} | {held[-1]:.4f} | {baseline:.4f} |",
              flush=True)  # fmt: skip
    before, after = statistics.fmean(shipped), statistics.fmean(held)
    weights = _fit(list(rows.values()))
    print(f"| **round-6 score** | | {before:.4f} | {after:.4f} | |")
    print(f"\nweights trained on all three sets: {weights}")
    verdict = "the trained scorer" if after > before + _TIE else "the shipped method (unchanged)"
    print(f"chosen by the rule: {verdict}")


def tune_round_3(
    selected: str | None = None, candidates: Sequence[tuple[str, Method]] = ROUND_3
) -> None:
    """Round 3 (or 4): every candidate on the policy set and on round 2's set; the rule's choice.

    The round-3 score is the mean of the two sets' scores, each the mean of its two tasks.
    With ``selected`` (comma-separated label prefixes, or "baselines"), only those are scored.
    """
    prefixes = tuple(selected.split(",")) if selected else None
    score = _scorer()
    sets = {"policy": _dev_tasks(policy_cases()), "round 2": _dev_tasks(development_cases())}
    print(" · ".join(f"{name}: {len(tasks['summary'])} documents" for name, tasks in sets.items()))
    print("| method | policy: summary | key points | **policy** | round 2: summary | key points "
          "| **round 2** | **round 3 score** |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|")

    def row(label: str, system: Callable[[Sections, int | None, int | None], list[str]]) -> float:
        cells = []
        totals = []
        for tasks in sets.values():
            found = _dev_scores(tasks, system, score)
            means = [statistics.fmean(found[task].values()) for task in tasks]
            totals.append(statistics.fmean(means))
            cells += [f"{means[0]:.4f}", f"{means[1]:.4f}", f"{totals[-1]:.4f}"]
        total = statistics.fmean(totals)
        print(f"| {label} | {' | '.join(cells)} | {total:.4f} |", flush=True)
        return total

    results = []
    for label, method in candidates:
        if prefixes is not None and not label.startswith(prefixes):
            continue
        results.append((label, row(label, lambda s, c, w, method=method: extract(s, c, w, method))))
    if results and prefixes is None:
        best = max(total for _, total in results)
        chosen = next(label for label, total in results if total >= best - _TIE)
        print(f"\nchosen by the rule: {chosen}")
    if selected in (None, "baselines"):
        row("lead-k (baseline)", lead)
        row(
            f"random, seed 0 of {_DEV_SEEDS} (baseline)",
            lambda s, c, w: randomly(s, c, w, 0),
        )


def main(argv: Sequence[str]) -> None:
    """Run the parts named on the command line (all by default)."""
    parts = set(argv) or {"all"}
    if parts & {"rouge", "all"}:
        rouge()
    if parts & {"splitters", "all"}:
        print()
        splitters()
    if parts & {"timing", "all"}:
        print()
        timing()
    if parts & {"tune", "all"}:
        print()
        tune(os.environ.get("BRIEF_TUNE_ONLY"))
    if parts & {"tune3"}:
        print()
        tune_round_3(os.environ.get("BRIEF_TUNE_ONLY"))
    if parts & {"tune4"}:
        print()
        tune_round_3(os.environ.get("BRIEF_TUNE_ONLY"), ROUND_4)
    if parts & {"tune5"}:
        print()
        tune_round_5(os.environ.get("BRIEF_TUNE_ONLY"))
    if parts & {"tune7"}:
        print()
        tune_round_5(os.environ.get("BRIEF_TUNE_ONLY"), ROUND_7)
    if parts & {"tune8"}:
        print()
        tune_round_8()
    if parts & {"tune9"}:
        print()
        tune_round_5(os.environ.get("BRIEF_TUNE_ONLY"), ROUND_9, held_out=True)
    if parts & {"tune10"}:
        print()
        tune_readability(ROUND_10, _points_back, "pointing back")
    if parts & {"tune12"}:
        print()
        tune_readability(ROUND_12, _lead_in, "ending with ':'")
    if parts & {"tune13"}:
        print()
        tune_readability(ROUND_13, _notice, "that are notices", _NO_WORSE_13)
    if parts & {"tune14"}:
        print()
        tune_round_5(os.environ.get("BRIEF_TUNE_ONLY"), ROUND_14, held_out=True)
    if parts & {"tune11"}:
        print()
        tune_round_5(os.environ.get("BRIEF_TUNE_ONLY"), ROUND_11, held_out=True)
    if parts & {"tune6"}:
        print()
        tune_round_6()
    if parts & {"cost", "all"}:
        print()
        cost()


if __name__ == "__main__":
    main(sys.argv[1:])
