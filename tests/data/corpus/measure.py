"""Import every corpus document and print a Markdown table of how well it went.

    python tests/data/corpus/measure.py            # the table (docs/importing.md holds a copy)
    python tests/data/corpus/measure.py --outline  # also each document's outline, for review

Columns: the document and its kind; its headings as expected (expected.toml, checked by hand),
found (anywhere in the brief's outline, at the right level), found in order, and the\nsections left with no text (their body went elsewhere); the share of
the words a reader sees that the brief keeps; timeline events, garbage events among them (a
date taken from a URL, inline code, a code block or a version number, or an event longer than
a sentence); dated headings that became events; import time; peak memory (tracemalloc).
"""

from __future__ import annotations

import re
import sys
import time
import tomllib
import tracemalloc
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2] / "src"))

from briefcli.importers import brief_yaml, import_report  # noqa: E402
from briefcli.importers.timeline import find_dates  # noqa: E402
from briefcli.model import Brief  # noqa: E402

_WORD = re.compile(r"[^\W_]+")
_URL = re.compile(r"(?:https?|ftp)://\S+|<[^<>\s]+@[^<>\s]+>|\S+#\S+")
_CODE = re.compile(r"`[^`]*`")
_VERSION = re.compile(r"\b[vV]?\d+(?:\.\d+)+[a-z0-9]*\b|\(\d{1,4}\)")
#: Longer than any sentence worth a timeline entry: a paragraph, a table or a code block.
EVENT_CHARS = 600


def words(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.casefold()))


def visible_text(path: Path, data: str) -> str:
    """What a reader of the document sees: Markdown rendered (tags, comments and link targets
    gone; front matter, which a renderer does not show, left out); other text as it is."""
    if path.suffix != ".md":
        return data
    import html

    from markdown_it import MarkdownIt

    from briefcli.importers.text import is_badge

    if data.startswith("---\n") and "\n---\n" in data[4:]:
        data = data[data.index("\n---\n", 4) + 5 :]
    rendered = MarkdownIt("commonmark").enable("table").render(data)
    rendered = re.sub(r"<!--.*?-->", " ", rendered, flags=re.DOTALL)
    # An image shows its alt text; a status badge ('build passing') is an image, not words.
    rendered = re.sub(
        r"<img[^>]*\bsrc=\"([^\"]*)\"[^>]*\balt=\"([^\"]*)\"[^>]*>",
        lambda m: " " if is_badge(html.unescape(m.group(1))) else f" {m.group(2)} ",
        rendered,
    )
    rendered = re.sub(r"<img[^>]*\balt=\"([^\"]*)\"[^>]*>", r" \1 ", rendered)
    return html.unescape(re.sub(r"<[^>]+>", " ", rendered))


def brief_text(brief: Brief) -> str:
    """What a reader of the brief sees: its text, and its contents (the overview lists every
    section's id and title, as a report's own table of contents does)."""
    meta = brief.meta
    parts = [meta.title, meta.kind, meta.date, meta.publisher]
    for section in brief.sections:
        parts += [section.id, section.title]
        parts += [f"{sub.id} {sub.title}" for sub in section.subsections]
    for section in brief.sections:
        parts += [section.id, section.title, *section.paragraphs]
        for sub in section.subsections:
            parts += [sub.id, sub.title, *sub.paragraphs]
    for entry in brief.glossary:
        parts += [entry.term, entry.category, entry.definition]
    for source in brief.sources:
        parts += [source.title, source.url or ""]
    return "\n".join(parts)


def kept(source: Counter[str], have: Counter[str]) -> float:
    total = sum(source.values())
    return sum(min(n, have[w]) for w, n in source.items()) / total if total else 1.0


def norm(title: str) -> str:
    """A heading compared loosely: case, spaces, a leading number, trailing punctuation."""
    title = re.sub(r"^(?:chapter\s+)?\d+(?:[.-]\d+)*[.)]?\s+", "", title.strip(), flags=re.I)
    return " ".join(title.casefold().split()).rstrip(".:")


def outline(brief: Brief) -> list[tuple[str, str]]:
    """(id, '  '-prefixed title for a subsection) in reading order."""
    out = []
    for section in brief.sections:
        out.append((section.id, section.title))
        out += [(sub.id, "  " + sub.title) for sub in section.subsections]
    return out


def empty(brief: Brief) -> int:
    """Sections and subsections without a word of text (nor a subsection with some): a
    heading whose body went elsewhere."""
    count = 0
    for section in brief.sections:
        if not section.all_paragraphs():
            count += 1
        count += sum(1 for sub in section.subsections if not sub.paragraphs)
    return count


def lcs(a: list[str], b: list[str]) -> int:
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def in_heading(event: str, heading: str) -> bool:
    """Whether an event is a heading's words (less its date)."""
    mine = words(event)
    return bool(mine) and not mine - words(heading)


def garbage(brief: Brief) -> list[str]:
    """Events whose date a reader would not accept: from a URL, inline code, a code block or
    a version number, or an event that is no sentence."""
    titles = {s.id: s.title for s in brief.sections}
    titles.update({u.id: u.title for s in brief.sections for u in s.subsections})
    bad = []
    for event in brief.timeline:
        text = event.event
        if len(text) > EVENT_CHARS or "```" in text or "\n|" in text or text.count("\n") > 2:
            bad.append(f"block: {text[:60]!r}")
            continue
        heading = next((titles[ref] for ref in event.sections if ref in titles), "")
        candidates = [text]
        if heading and in_heading(text, heading):
            candidates.append(heading)  # a dated heading: the date is in the heading
        clean = [_VERSION.sub(" ", _CODE.sub(" ", _URL.sub(" ", c))) for c in candidates]
        found = {d for c in clean for d in find_dates(c)}
        if event.date.text not in found and not any(event.date.text in c for c in clean):
            bad.append(f"{event.date.text}: {text[:70]!r}")
    return bad


def dated_heading_events(brief: Brief) -> int:
    """Events that are a heading's own words (the heading carries the date)."""
    titles = {s.id: s.title for s in brief.sections}
    titles.update({u.id: u.title for s in brief.sections for u in s.subsections})
    count = 0
    for event in brief.timeline:
        title = next((titles[ref] for ref in event.sections if ref in titles), None)
        if title and in_heading(event.event, title):
            count += 1
    return count


def measure(path: Path, expected: dict[str, object], show: bool) -> str:
    data = path.read_bytes()
    start = time.perf_counter()
    try:
        brief = import_report(data, path.name)
        brief_yaml(brief, path.name)
    except Exception as exc:  # the table reports a failure as a result
        return f"| {path.name} | {expected['kind']} | failed: {str(exc)[:80]} |||||||||"
    seconds = time.perf_counter() - start
    tracemalloc.start()
    import_report(data, path.name)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    heads = [str(h) for h in expected["headings"]]  # type: ignore[attr-defined]
    found = outline(brief)
    want = [("  " if h.startswith("  ") else "") + norm(h) for h in heads]
    have = [("  " if t.startswith("  ") else "") + norm(t) for _, t in found]
    anywhere = sum((Counter(want) & Counter(have)).values())
    in_order = lcs(want, have)
    ids = expected.get("ids")
    id_note = ""
    if isinstance(ids, list):
        found_ids = [i for i, _ in found]
        id_note = f" (ids {lcs([str(i) for i in ids], found_ids)}/{len(ids)})"
    text = path.read_text(encoding="utf-8-sig")
    share = kept(words(visible_text(path, text)), words(brief_text(brief)))
    bad = garbage(brief)
    dated = expected.get("dated", 0)
    heading_events = dated_heading_events(brief)
    if show:
        print(f"\n## {path.name}: {brief.meta.title!r}")
        for section_id, title in found:
            print(f"  {section_id:>10}  {title}")
        for item in bad:
            print(f"  garbage {item}")
    return (
        f"| {path.name} | {expected['kind']} | {len(heads)} | {anywhere} | "
        f"{in_order}{id_note} | {empty(brief)} | {share:.2%} | {len(brief.timeline)} | {len(bad)} | "
        f"{heading_events}/{dated} | {seconds * 1000:.0f} ms | {peak / 2**20:.1f} MiB |"
    )


def main() -> None:
    show = "--outline" in sys.argv
    expected = tomllib.loads((HERE / "expected.toml").read_text(encoding="utf-8"))
    rows = [measure(HERE / name, spec, show) for name, spec in expected.items()]
    print(
        "| document | kind | headings | found | in order | empty | words kept | events | garbage | "
        "dated headings → events | time | peak memory |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
