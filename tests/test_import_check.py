"""`brief import` writes the brief file as it is made and checks it from what it wrote, a record
at a time (issue 12: peak memory): the same verdict as the loader, and nothing written when the
brief would not load."""

from __future__ import annotations

import io
import tempfile
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import briefcli.loader
from briefcli.errors import BriefFileError, WriteError
from briefcli.files import atomic_write_with, read_brief_text
from briefcli.importers import NotAReport, brief_to_write, brief_yaml, import_report
from briefcli.loader import check_brief, check_stream, load_brief
from briefcli.model import Brief, Metadata, Section, Subsection
from conftest import Runner

ROOT = Path(__file__).parent.parent
SHIPPED = ROOT / "briefs" / "nk-russia-troops-2025.yaml"

GOOD = """\
id: mini
title: A small brief
sections:
  - id: "1"
    title: Summary
    role: summary
    paragraphs: [First paragraph.]
  - id: "2"
    title: Body
    subsections:
      - id: "2-1"
        title: Part
        paragraphs: [Second paragraph.]
glossary:
  - term: Thing
    category: Concept
    definition: A thing.
timeline:
  - date: 1950/1953
    event: A war.
    sections: ["2-1"]
"""


def streamed(text: str) -> Brief | None:
    return check_stream(io.BytesIO(text.encode("utf-8", "surrogatepass")), "t.yaml")


def loaded(text: str) -> Brief | None:
    try:
        return check_brief(text, "t.yaml")[0]
    except BriefFileError:
        return None


# -- the check made while reading agrees with the loader -----------------------------------


@pytest.mark.parametrize(
    "path",
    [SHIPPED, *sorted((ROOT / "tests" / "data").glob("*.yaml"))],
    ids=lambda p: p.name,
)
def test_a_brief_file_checked_as_it_is_read_is_the_brief_the_loader_reads(path: Path) -> None:
    text = read_brief_text(path)
    assert streamed(text) == loaded(text)


def test_without_libyaml_the_pure_parser_reads_the_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefcli import yamlio

    monkeypatch.setattr(yamlio, "_yaml_loader", yamlio._pure_loader)
    text = read_brief_text(SHIPPED)
    assert streamed(text) == load_brief(SHIPPED)
    assert streamed(text.replace("id: '1'", "id: '2'", 1)) is None  # a duplicate id


def test_records_in_any_order_give_the_same_brief() -> None:
    """Events checked before the sections they name: a warning for the loader, no error."""
    timeline = GOOD[GOOD.index("timeline:") :]
    reordered = GOOD.replace(timeline, "").replace("sections:\n", timeline + "sections:\n", 1)
    assert streamed(reordered) == loaded(reordered) is not None


# Lines of a brief, and what may replace one: every kind of error the loader finds.
_EDITS = st.sampled_from(
    [
        "", "  - id: \"1\"", "    title: [a]", "id: two words", "    paragrahps: [x]",
        "  - date: soon", "    role: intro", "    role: summary", "sections: {}", "id: mini",
        "      - id: \"1\"", "    paragraphs: p", "- x", "  - x", "  - {}", "&a x", "*a",
        "!!str x", "---", "\t", "    extracted_points: [nowhere]", "    sections: [\"9\"]",
        "glossary: []", "  - term: Thing", "timeline:", "notes: [\"\\ud800\"]", "'",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None, derandomize=True)
@given(edits=st.lists(st.tuples(st.integers(0, 20), _EDITS), max_size=3))
@example(edits=[(3, '  - id: "2"')])  # a duplicate section id
@example(edits=[(13, "  - term: Thing")])  # a term twice: a warning only
@example(edits=[(18, "  - date: soon")])  # an event's second date key
def test_the_check_made_while_reading_never_passes_what_the_loader_refuses(
    edits: list[tuple[int, str]],
) -> None:
    lines = GOOD.splitlines()
    for index, line in edits:
        lines[index % len(lines)] = line
    text = "\n".join(lines) + "\n"
    # None: "the loader says why", which happens only when the loader finds an error.
    assert streamed(text) == loaded(text)


# -- the command: what is written has been read back; what would not load is never written


def _long_paragraphs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The loader takes no paragraph over 20 characters: every import fails its check."""
    monkeypatch.setattr(briefcli.loader, "MAX_TEXT_CHARS", 20)


REPORT = "# Notes\n\n## One\n\nA paragraph of more than twenty characters.\n"


@pytest.mark.parametrize("where", ["file", "folder", "stdout", "library"])
def test_a_brief_that_would_not_load_is_never_written(
    brief: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    source = tmp_path / "in" / "notes.md"
    source.parent.mkdir()
    source.write_text(REPORT)
    out = tmp_path / "out"
    out.mkdir()
    _long_paragraphs(monkeypatch)
    option = {"file": ["-o", str(out / "b.yaml")], "folder": ["-o", str(out)]}
    args = option.get(where, ["-o", "-"] if where == "stdout" else [])
    result = brief("import", str(source), *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "cannot make a valid brief of it: sections[0].paragraphs[0]" in result.stderr
    assert list(out.iterdir()) == []  # no file, no temporary file
    data = tmp_path / "data"
    assert not data.exists() or [p for p in data.rglob("*") if p.is_file()] == []


@pytest.mark.parametrize("stdout", [True, False])
def test_the_brief_written_is_the_brief_made(
    brief: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stdout: bool
) -> None:
    """Byte for byte the text the importer makes, and the same when the quick check defers to
    the loader (it does when it finds anything wrong)."""
    source = tmp_path / "notes.md"
    source.write_text(REPORT + "\n## Two\n\nIn 2020 the harbour froze.\n")
    made = import_report(source.read_bytes(), str(source), source="notes.md")
    expected = brief_yaml(made, str(source))
    for deferred in (False, True):
        if deferred:
            monkeypatch.setattr(briefcli.loader, "check_stream", lambda stream, name: None)
        target = tmp_path / f"out-{deferred}.yaml"
        result = brief("import", str(source), "-o", "-" if stdout else str(target))
        assert result.exit_code == 0, result.stderr
        written = result.stdout if stdout else target.read_text(encoding="utf-8")
        assert written == expected
    assert load_brief(tmp_path / "out-False.yaml") if not stdout else True


def test_a_brief_too_large_to_read_stops_being_written_at_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import briefcli.files

    made = brief_to_write(import_report(REPORT.encode(), "n.md"), "n.md")
    monkeypatch.setattr(briefcli.files, "MAX_FILE_BYTES", 100)
    stream = io.BytesIO()
    with pytest.raises(NotAReport, match=r"the brief would be [\d,]+ bytes; .* at most 100 bytes"):
        made.write(stream)
    assert len(stream.getvalue()) <= 100


# -- writing a file a piece at a time ---------------------------------------------------------


def test_a_file_written_a_piece_at_a_time_can_be_read_back_before_it_is_kept(
    tmp_path: Path,
) -> None:
    target = tmp_path / "out.txt"
    seen: list[bytes] = []

    def write(stream: io.BufferedIOBase) -> None:
        stream.write(b"one ")
        stream.write(b"two")
        stream.flush()
        stream.seek(0)
        seen.append(stream.read())
        assert not target.exists()  # not yet in place

    atomic_write_with(target, write)
    assert seen == [b"one two"]
    assert target.read_bytes() == b"one two"


@pytest.mark.parametrize("error", [NotAReport("bad"), OSError(28, "No space left on device")])
def test_a_failed_piecewise_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, error: Exception
) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")

    def write(stream: io.BufferedIOBase) -> None:
        stream.write(b"half of it")
        raise error

    expected = WriteError if isinstance(error, OSError) else NotAReport
    with pytest.raises(expected) as info:
        atomic_write_with(target, write, force=True)
    if isinstance(error, OSError):
        assert str(info.value) == f"cannot write {target}: No space left on device"
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


# -- memory -----------------------------------------------------------------------------------


def _big_brief(paragraphs: int) -> Brief:
    words = "The harbour froze in the winter of 1950 and thawed by {n} in the spring. " * 3
    sections = tuple(
        Section(
            str(n),
            f"Part {n}",
            (words.format(n=n),),
            subsections=(
                Subsection(f"{n}-1", "Detail", tuple(words.format(n=k) for k in range(4))),
            ),
        )
        for n in range(1, paragraphs // 5 + 1)
    )
    return Brief(Metadata("big", "Big", "", "", "", ""), sections)


def test_writing_and_checking_a_brief_takes_a_few_times_its_size_not_its_node_tree() -> None:
    """The text is never held whole, nor all its nodes: memory of the brief, not of a parse.

    Holding the text, its bytes for the parser and its node tree took about 6 times the file.
    """
    made = brief_to_write(_big_brief(5_000), "big.txt")
    with tempfile.TemporaryFile() as stream:
        tracemalloc.start()
        try:
            made.write(stream)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        size = stream.seek(0, io.SEEK_END)
    assert size > 1_000_000
    assert peak < 3 * size


def test_a_full_temporary_folder_is_one_error_for_stdout(
    brief: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-o -` makes the brief in a temporary file first: a full disk is one line, exit 2."""
    import briefcli.commands.import_report as command

    class Full(io.BytesIO):
        def write(self, data: object) -> int:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(command, "_spool", Full)
    source = tmp_path / "notes.md"
    source.write_text(REPORT)
    result = brief("import", str(source), "-o", "-")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "cannot make the brief in a temporary file: No space left on device" in result.stderr
    assert result.stderr.count("\n") == 2  # the error and its hint
