"""One strict YAML reader: overlays, front matter and validate refuse what briefs refuse.

An alias bomb is refused at its first anchor, before anything is expanded, and the error
names the file it is in (issue 11, defect 6).
"""

from __future__ import annotations

import contextlib
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from briefcli.errors import BriefError, BriefFileError
from briefcli.importers import brief_yaml, import_report
from briefcli.importers.overlay import load_overlay
from briefcli.yamlio import compose_document, to_plain
from conftest import Runner, write

SMALL = "Title\n\n1. Summary\n\n• Text.\n\n2. More\n\n• Text.\n"
#: A 10 KB text, named once and repeated 2,000 times: 20 MB if it were expanded.
LONG = "x" * 10_000
REPEATS = ", ".join(["*t"] * 2_000)
OVERLAY_BOMB = f"id: bomb\nsource: &t {LONG}\nnotes: [{REPEATS}]\n"
FRONT_MATTER_BOMB = (
    f"---\ntitle: T\nkind: &t {LONG}\npublisher: [{REPEATS}]\n---\n# T\n\n## One\n\nText.\n"
)


def peak_bytes_of(call: Callable[[], object]) -> int:
    """The most memory Python held while ``call()`` ran (allocation tracing, not a timing)."""
    tracemalloc.start()
    try:
        with contextlib.suppress(BriefError):
            call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# -- overlays ----------------------------------------------------------------------------------


def test_an_alias_bomb_overlay_is_one_line_naming_the_overlay(
    brief: Runner, tmp_path: Path
) -> None:
    source = write(tmp_path, "small.txt", SMALL)
    overlay = write(tmp_path, "bomb-overlay.yaml", OVERLAY_BOMB)
    result = brief("import", str(source), "--overlay", str(overlay), "-o", str(tmp_path / "x.yaml"))
    assert result.exit_code == 2
    assert result.stdout == ""
    # Refused at the first anchor (line 2, column 9), not after expanding the aliases.
    assert result.stderr == (f"brief: error: {overlay}:2:9: source: anchors (&t) are not allowed\n")
    assert not (tmp_path / "x.yaml").exists()


def test_an_alias_bomb_overlay_costs_little_memory(tmp_path: Path) -> None:
    report = import_report(SMALL.encode(), "small.txt")
    bomb = write(tmp_path, "bomb-overlay.yaml", OVERLAY_BOMB)
    plain = write(tmp_path, "plain-overlay.yaml", "notes: [A note.]\n")
    baseline = peak_bytes_of(lambda: brief_yaml(report, "small.txt", overlay=str(plain)))
    # Expanded, the overlay would make a 20 MB brief; refused, it costs about what a
    # one-line overlay costs (the file reader's buffer is most of either).
    assert peak_bytes_of(lambda: brief_yaml(report, "small.txt", overlay=str(bomb))) < (
        baseline + 2_000_000
    )


@pytest.mark.parametrize(
    ("overlay", "line", "column", "message"),
    [
        ("notes: [*x]\n", 1, 9, "notes[0]: aliases (*x) are not allowed"),
        ("notes: !!python/object:os.system [x]\n", 1, 8, "notes: YAML tags such as"),
        ("notes: [a]\n---\nnotes: [b]\n", 2, 1, "an overlay is one document"),
        ("notes:\n" + "  - " * 40 + "x\n", 2, 47, "nested deeper than 12 levels"),
        ("notes: [a]\nnotes: [b]\n", 2, 1, "the key 'notes' is given twice"),
        ("? [a]\n: b\n", 1, 3, "keys must be text"),
        ('notes: ["\\ud800"]\n', 1, 9, "holds the escape \\ud800, which is not a character"),
        ("notes: [a\n", 2, 1, "not valid YAML"),
    ],
    ids=["alias", "tag", "document", "deep", "duplicate-key", "list-key", "surrogate", "syntax"],
)
def test_an_overlay_is_read_as_strictly_as_a_brief(
    tmp_path: Path, overlay: str, line: int, column: int, message: str
) -> None:
    path = write(tmp_path, "overlay.yaml", overlay)
    with pytest.raises(BriefFileError) as caught:
        load_overlay(path)
    assert caught.value.path == str(path)
    assert (caught.value.line, caught.value.column) == (line, column)
    assert message in caught.value.detail


def test_a_good_overlay_is_plain_text_lists_and_mappings(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "overlay.yaml",
        "id: 007\nkey_points:\n  '1': [yes, 1.5, null]\nnotes: [~]\n",
    )
    # Every value is text, as the brief loader reads it: never a number, bool or None.
    assert load_overlay(path) == {
        "id": "007",
        "key_points": {"1": ["yes", "1.5", "null"]},
        "notes": ["~"],
    }


# -- front matter ------------------------------------------------------------------------------


def test_an_alias_bomb_in_front_matter_is_one_line_naming_the_markdown_file(
    brief: Runner, tmp_path: Path
) -> None:
    source = write(tmp_path, "notes.md", FRONT_MATTER_BOMB)
    result = brief("import", str(source), "-o", str(tmp_path / "x.yaml"))
    assert result.exit_code == 2
    assert result.stdout == ""
    # The line is the Markdown file's: '---' is line 1, 'kind: &t …' line 3.
    assert result.stderr == (
        f"brief: error: {source}:3:7: front matter: kind: anchors (&t) are not allowed\n"
    )
    assert not (tmp_path / "x.yaml").exists()


def test_an_alias_bomb_in_front_matter_costs_little_memory() -> None:
    data = FRONT_MATTER_BOMB.encode()
    # Expanded, the publisher would be 20 MB of text; refused, the bomb costs a few times
    # its own 30 KB.
    assert peak_bytes_of(lambda: import_report(data, "notes.md")) < 2_000_000


@pytest.mark.parametrize(
    ("front_matter", "line", "column", "message"),
    [
        ("title: *x\n", 2, 8, "front matter: title: aliases (*x) are not allowed"),
        ("title: !!binary aGk=\n", 2, 8, "front matter: title: YAML tags such as !!binary"),
        ("title: T\ntitle: U\n", 3, 1, "front matter: the key 'title' is given twice"),
        ("title: [a\n", 2, 10, "front matter: not valid YAML"),
    ],
    ids=["alias", "tag", "duplicate-key", "syntax"],
)
def test_front_matter_is_read_as_strictly_as_a_brief(
    front_matter: str, line: int, column: int, message: str
) -> None:
    text = f"---\n{front_matter}---\n# Title\n\nText.\n"
    with pytest.raises(BriefFileError) as caught:
        import_report(text.encode(), "notes.md")
    assert (caught.value.path, caught.value.line, caught.value.column) == ("notes.md", line, column)
    assert caught.value.detail.startswith(message)


def test_good_front_matter_still_gives_the_metadata() -> None:
    text = "---\ntitle: Field Notes\ndate: 2024-05-01\nauthors: [A, B]\n---\n# X\n\nText.\n"
    meta = import_report(text.encode(), "notes.md").meta
    assert (meta.title, meta.date, meta.publisher) == ("Field Notes", "2024-05-01", "A, B")


def test_front_matter_that_is_not_a_mapping_stays_in_the_text() -> None:
    # Between two thematic breaks, a list: Markdown, not metadata.
    text = "---\n- a point\n- another\n---\n# Title\n\nText.\n"
    result = import_report(text.encode(), "notes.md")
    assert result.meta.title == "Title"
    assert result.sections[0].paragraphs[:2] == ("- a point", "- another")


# -- validate and the reader itself --------------------------------------------------------------


def test_validate_refuses_an_alias_bomb_at_its_first_anchor(brief: Runner, tmp_path: Path) -> None:
    path = write(tmp_path, "bomb.yaml", f"id: &t {LONG}\ntitle: T\nsections: [{REPEATS}]\n")
    result = brief("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"{path}:1:5: error: id: anchors (&t) are not allowed"


def test_validate_reads_lines_with_the_strict_reader(brief: Runner, tmp_path: Path) -> None:
    # The extra warnings (here: a paragraph given twice) name lines found by the same reader.
    text = (
        "id: x\ntitle: T\nsections:\n  - id: '1'\n    title: One\n"
        "    paragraphs: [Same text., Same text.]\n"
    )
    path = write(tmp_path, "twice.yaml", text)
    result = brief("validate", str(path))
    assert f"{path}:6:30: warning: sections[0].paragraphs[1]: the same paragraph" in result.stdout


@pytest.mark.parametrize("with_libyaml", [True, False], ids=["libyaml", "pure"])
def test_to_plain_is_the_same_with_either_parser(
    with_libyaml: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not with_libyaml:
        monkeypatch.delattr(yaml, "CBaseLoader", raising=False)
    text = "a: 1\nb: [true, ~, '']\nc: {d: e}\nf:\n"
    assert to_plain(compose_document(text, "t.yaml", "overlay"), "t.yaml") == {
        "a": "1",
        "b": ["true", "~", ""],
        "c": {"d": "e"},
        "f": "",
    }
    assert to_plain(compose_document("# only a comment\n", "t.yaml", "overlay"), "t.yaml") is None
