"""A synthetic library of briefs for benchmarks: deterministic, realistic sizes, one needle.

``generate(folder)`` writes ``count`` brief files (1,000 by default) shaped like real reports:
5-9 numbered sections with subsections of several paragraphs, a glossary, a timeline and key
points, from about 8 KB to about 60 KB each (the shipped brief is 37 KB). The same seed always
writes the same bytes. Exactly one brief (``NEEDLE_INDEX``) contains the word ``NEEDLE``, which
appears nowhere else, so a search across the library has exactly one right answer.

    python bench/synthetic.py /tmp/briefs            # writes 1,000 briefs
    python bench/synthetic.py /tmp/briefs --count 50
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from pathlib import Path


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


#: The token that exists in exactly one brief of the library.
NEEDLE = "quillfeatherstone"
#: A word in most briefs, and one word in ten of big_section_text's section.
COMMON = "deployment"
#: Which brief holds it (for the default count; generate() scales it down for smaller ones).
NEEDLE_INDEX = 617
#: File-name and id prefix of every synthetic brief.
PREFIX = "synthetic"

_VOCABULARY = _words(
    """
military troops forces deployment security strategic support cooperation conflict defense
regional potential nations geopolitical combat diplomatic alliances significant capabilities
global allies alliance strategies dynamics operational partnership challenges direct operations
involvement region intelligence power tensions stability strategy experience landscape economic
shift soldiers influence implications engagements battlefield ongoing joint efforts interests
engagement posture treaty presence aggressive historical evolving relations alignment report
measures foreign role elite broader situation ambitions developments special enhance critical
ally training tactics concerns commitment exercises risks mitigate threat response frameworks
relationship powers complex shortages gain threats recent ties integration personnel immediate
adversaries regime shared discussions countries consequences states heightened movements
escalation policy missile eastern flank provocations reflects community necessity reduce
balance pressures manpower existing advanced equipment partners context defenses command active
scenario frontline doctrine century collapse visit logistical domestic ideological postures
timeline shipped responses sharing stronger channels containment preparedness future
stakeholders multilateral dialogue confidence building estimates established pivot diversify
isolated positions counteract modernize attention pressing alarms impacts highlight
reassessment objectives numbers primarily deeper relevance insights expertise assistance mutual
tactical resources units scenarios reliance external deter enemy warfare exploit friction
uncertain logistics phases methods technology deepening gains political solidarity sanctions
signaling renewed munitions agreements period departure technologies shaping contemporary
questions pivotal hostilities rotations sustained coordinated emergency meetings government
trajectory nuclear development systems counter traditional avenues essential peace readiness
analysts observers ministry parliament shipping ports harbour railway corridor supply convoy
satellite imagery verification inspectors negotiations ceasefire mediation summit delegation
envoy communique sovereignty border airspace maritime naval fleet brigade battalion artillery
drones electronic cyber infrastructure energy pipeline grain exports imports tariffs currency
inflation budget procurement industry factories shipyards recruitment conscription reserves
veterans casualties refugees humanitarian corridors reconstruction investment loans credit
"""
)

_PLACES = _words(
    """
Arlenbury Brackwater Calvessa Dunmore Elsinor Farrowgate Glenmark Halvorsen Istrava Jorvik
Kelsingor Lamberth Marrowind Norhaven Ostmark Pellgrave Quinterra Rosslare Sarnova Tremont
Ulvenholm Varnesse Westerly Yarrowby Zelmora
"""
)

_CATEGORIES = ("Concept", "Organization", "Place", "Event", "Person", "Treaty")


@dataclass(frozen=True)
class Library:
    """What was generated: the folder, the files, and where the needle is."""

    folder: Path
    files: tuple[Path, ...]
    needle: str
    needle_id: str
    needle_path: Path


def brief_id(index: int) -> str:
    """The id of synthetic brief number ``index``."""
    return f"{PREFIX}-{index:04d}"


def _sentence(rng: random.Random, places: list[str]) -> str:
    words = [rng.choice(_VOCABULARY) for _ in range(rng.randint(9, 22))]
    if rng.random() < 0.4:
        words.insert(rng.randrange(len(words)), rng.choice(places))
    if rng.random() < 0.2:
        words.insert(rng.randrange(len(words)), f"{rng.randint(2, 40) * 500:,}")
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _paragraph(rng: random.Random, places: list[str]) -> str:
    return " ".join(_sentence(rng, places) for _ in range(rng.randint(3, 7)))


def _title(rng: random.Random) -> str:
    return " ".join(rng.choice(_VOCABULARY) for _ in range(rng.randint(3, 7))).capitalize()


def _date(rng: random.Random) -> str:
    year = rng.randint(2012, 2025)
    form = rng.random()
    if form < 0.6:
        return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if form < 0.85:
        return f"{year}-{rng.randint(1, 12):02d}"
    return str(year)


def brief_text(index: int, seed: int = 0, needle: bool = False) -> str:
    """The YAML text of synthetic brief ``index`` (with the needle when asked)."""
    rng = random.Random(seed * 1_000_003 + index)
    places = rng.sample(_PLACES, 6)
    size = rng.choice((1, 1, 1, 2, 2, 2, 3, 4))  # 14-110 KB, median about 30 KB
    q = json.dumps
    lines = [
        "schema_version: 1",
        f"id: {brief_id(index)}",
        f"title: {q(_title(rng) + ': ' + _title(rng))}",
        "kind: General Report",
        f"date: {q(_date(rng))}",
        "publisher: synthetic",
        "sections:",
    ]
    section_ids: list[str] = []
    sections = rng.randint(4, 6 + size)
    needle_at = (rng.randint(2, sections), rng.randint(1, 2)) if needle else None
    for number in range(1, sections + 1):
        lines += [f"- id: {q(str(number))}", f"  title: {q(_title(rng))}"]
        section_ids.append(str(number))
        if number == 1:
            lines.append("  role: summary")
            lines.append("  paragraphs:")
            lines += [f"  - {q(_paragraph(rng, places))}" for _ in range(rng.randint(2, 3))]
            continue
        lines.append("  subsections:")
        for sub in range(1, rng.randint(2, max(2, 1 + size)) + 1):
            sub_id = f"{number}-{sub}"
            section_ids.append(sub_id)
            lines += [f"  - id: {q(sub_id)}", f"    title: {q(_title(rng))}", "    paragraphs:"]
            for paragraph_number in range(rng.randint(2, max(2, 1 + size))):
                text = _paragraph(rng, places)
                if needle_at == (number, sub) and paragraph_number == 0:
                    text = text[:-1] + f", as the {NEEDLE} memorandum records."
                lines.append(f"    - {q(text)}")
        if rng.random() < 0.5:
            lines.append("  key_points:")
            lines += [f"  - {q(_sentence(rng, places))}" for _ in range(rng.randint(2, 4))]
    lines.append("glossary:")
    used: set[str] = set()
    for _ in range(rng.randint(6, 10 + 4 * size)):
        term = " ".join(rng.choice(_VOCABULARY) for _ in range(rng.randint(1, 3))).title()
        if term.casefold() in used:
            continue
        used.add(term.casefold())
        lines += [
            f"- term: {q(term)}",
            f"  category: {rng.choice(_CATEGORIES)}",
            f"  definition: {q(_sentence(rng, places))}",
        ]
    lines.append("timeline:")
    for _ in range(rng.randint(4, 6 + 3 * size)):
        cited = sorted(rng.sample(section_ids, rng.randint(1, 2)))
        lines += [
            f"- date: {q(_date(rng))}",
            f"  event: {q(_sentence(rng, places))}",
            f"  sections: [{', '.join(q(s) for s in cited)}]",
        ]
    return "\n".join(lines) + "\n"


def _filler(rng: random.Random, chars: int, extra: tuple[str, ...] = (), rate: float = 0.02) -> str:
    """About ``chars`` characters of common words; one word in 1/``rate`` is an ``extra``."""
    words: list[str] = []
    length = 0
    while length < chars:
        word = rng.choice(extra) if extra and rng.random() < rate else rng.choice(_VOCABULARY)
        words.append(word)
        length += len(word) + 1
    text = " ".join(words)[: chars - 1].rstrip()
    return text[0].upper() + text[1:] + "."


def big_section_text(section_chars: int, seed: int = 0) -> str:
    """A brief whose section 1 holds ``section_chars`` characters of common words (one in ten
    ``COMMON``), in paragraphs of 100,000 (the most a paragraph may hold): the input on which
    FTS5's snippet() was quadratic in the matches."""
    rng = random.Random(seed)
    q = json.dumps
    lines = [
        "schema_version: 1",
        f"id: big-section-{section_chars}",
        f"title: {q(f'One section of {section_chars:,} characters')}",
        "sections:",
        '- id: "1"',
        "  title: Everything",
        "  paragraphs:",
    ]
    left = section_chars
    while left > 0:
        size = min(left, 100_000)
        lines.append(f"  - {q(_filler(rng, size, (COMMON,), 0.1))}")
        left -= size
    return "\n".join(lines) + "\n"


def big_glossary_text(
    aliases: int, paragraph_chars: int, paragraphs: int = 20, terms: int = 9, seed: int = 0
) -> str:
    """A brief with ``terms`` glossary terms of ``aliases`` aliases each and ``paragraphs``
    paragraphs of ``paragraph_chars`` characters in section 1: the input on which highlighting
    terms and finding their uses were quadratic (names × paragraphs)."""
    rng = random.Random(seed)
    q = json.dumps
    names = [[f"{_VOCABULARY[t].title()} Group {n}" for n in range(aliases)] for t in range(terms)]
    lines = [
        "schema_version: 1",
        f"id: big-glossary-{aliases}-{paragraph_chars}",
        f"title: {q(f'{terms} terms of {aliases:,} aliases')}",
        "sections:",
        '- id: "1"',
        "  title: Everything",
        "  paragraphs:",
    ]
    # No name is used: the old matcher then tried every name on every paragraph to the end.
    lines += [f"  - {q(_filler(rng, paragraph_chars))}" for _ in range(paragraphs)]
    lines.append("glossary:")
    for t, group in enumerate(names):
        lines += [
            f"- term: {q(_VOCABULARY[t].title() + ' Group')}",
            "  category: Concept",
            f"  definition: {q(_sentence(rng, ['Arlenbury']))}",
            "  aliases:",
            *(f"  - {q(name)}" for name in group),
        ]
    return "\n".join(lines) + "\n"


def generate(folder: Path, count: int = 1000, seed: int = 0) -> Library:
    """Write ``count`` synthetic briefs into ``folder`` (skipped when already there)."""
    folder.mkdir(parents=True, exist_ok=True)
    needle_index = NEEDLE_INDEX % count
    stamp = folder / f".synthetic-{count}-{seed}"
    files = tuple(folder / f"{brief_id(i)}.yaml" for i in range(count))
    if not stamp.exists():
        for index, path in enumerate(files):
            path.write_text(brief_text(index, seed, index == needle_index), encoding="utf-8")
        stamp.write_text("complete\n", encoding="utf-8")
    return Library(folder, files, NEEDLE, brief_id(needle_index), files[needle_index])


def main() -> None:
    """Command line: write a synthetic library into a folder."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="folder to write the briefs into")
    parser.add_argument("--count", type=int, default=1000, help="how many briefs (1000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (0)")
    args = parser.parse_args()
    library = generate(args.folder, args.count, args.seed)
    sizes = sorted(p.stat().st_size for p in library.files)
    print(
        f"{len(library.files)} briefs in {library.folder}; sizes {sizes[0]:,}..{sizes[-1]:,} "
        f"bytes (median {sizes[len(sizes) // 2]:,}); {library.needle!r} only in "
        f"{library.needle_id}"
    )


if __name__ == "__main__":
    main()
