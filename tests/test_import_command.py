"""`brief import`: where the brief goes, never clobbering, safe names, clean errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefcli.files import safe_filename
from briefcli.importers.naming import MAX_STEM, brief_id, slug
from briefcli.loader import load_brief, parse_brief
from conftest import REPO, Runner, write

SOURCE = REPO / "briefs" / "sources" / "nk-russia-troops-2025.txt"
OVERLAY = REPO / "briefs" / "overlays" / "nk-russia-troops-2025.yaml"
SHIPPED = REPO / "briefs" / "nk-russia-troops-2025.yaml"
SMALL = "Small Report\n\n1. Summary\n\n• Some text.\n\n2. More\n\n• More text.\n"


def library(tmp_path: Path) -> Path:
    return tmp_path / "data" / "briefcli" / "briefs"


def test_the_shipped_brief_is_the_import_of_its_source_and_overlay(brief: Runner) -> None:
    result = brief("import", str(SOURCE), "--overlay", str(OVERLAY), "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == SHIPPED.read_text(encoding="utf-8"), (
        "briefs/nk-russia-troops-2025.yaml is out of date; regenerate it with the command in "
        "docs/importing.md"
    )


def test_the_overlay_replaces_the_report_sentences_it_covers() -> None:
    shipped = load_brief(SHIPPED)
    dated = [(e.date.text, e.origin) for e in shipped.timeline]
    assert dated.count(("2014", "editor")) == 1
    assert ("2014", "report") not in dated
    # The one dated statement the editor did not cover stays, as the report's sentence.
    assert [d for d in dated if d[1] == "report"] == [("1940s/1960s", "report")]
    assert [s.key_points != () for s in shipped.sections] == [False, *[True] * 5, False]


def test_into_the_library_by_default(brief: Runner, tmp_path: Path) -> None:
    source = write(tmp_path, "small.txt", SMALL)
    result = brief("import", str(source))
    target = library(tmp_path) / "small-report.yaml"
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"{target}\n", "")
    imported = load_brief(target)
    assert (imported.meta.id, imported.meta.title, imported.meta.source) == (
        "small-report",
        "Small Report",
        "small.txt",
    )


def test_an_id_already_in_the_library_is_a_warning(brief: Runner, tmp_path: Path) -> None:
    from briefcli.paths import default_brief_path

    result = brief("import", str(SOURCE), "--overlay", str(OVERLAY))
    target = library(tmp_path) / "nk-russia-troops-2025.yaml"
    assert (result.exit_code, result.stdout) == (0, f"{target}\n")
    assert result.stderr == (
        "brief: warning: the library already has a brief with the id 'nk-russia-troops-2025': "
        f"{default_brief_path()}; 'brief list' shows which one 'brief -b ID' reads\n"
    )
    elsewhere = brief("import", str(SOURCE), "--overlay", str(OVERLAY), "-o", str(tmp_path))
    assert (elsewhere.exit_code, elsewhere.stderr) == (0, "")  # not in the library: no warning


def test_to_stdout(brief: Runner, tmp_path: Path) -> None:
    source = write(tmp_path, "small.txt", SMALL)
    result = brief("import", str(source), "-o", "-")
    assert result.exit_code == 0
    assert parse_brief(result.stdout).meta.title == "Small Report"
    assert not library(tmp_path).exists()


def test_into_a_folder(brief: Runner, tmp_path: Path) -> None:
    source = write(tmp_path, "small.txt", SMALL)
    folder = tmp_path / "out"
    folder.mkdir()
    result = brief("import", str(source), "-o", str(folder))
    assert result.stdout == f"{folder / 'small-report.yaml'}\n"


def test_never_overwrites_without_force(brief: Runner, tmp_path: Path) -> None:
    source = write(tmp_path, "small.txt", SMALL)
    target = tmp_path / "x.yaml"
    target.write_bytes(b"precious: data\r\n\xff")
    before = target.read_bytes()
    result = brief("import", str(source), "-o", str(target))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"brief: error: {target} exists; use --force to replace it\n"
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small.txt", "x.yaml"]  # no temp file

    forced = brief("import", str(source), "-o", str(target), "--force")
    assert forced.exit_code == 0
    assert load_brief(target).meta.title == "Small Report"


def test_never_overwrites_in_the_library_either(brief: Runner, tmp_path: Path) -> None:
    source = write(tmp_path, "small.txt", SMALL)
    assert brief("import", str(source)).exit_code == 0
    target = library(tmp_path) / "small-report.yaml"
    before = target.read_bytes()
    again = brief("import", str(source), "--title", "small report")
    assert again.exit_code == 2
    assert "exists; use --force" in again.stderr
    assert target.read_bytes() == before


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("../../etc/passwd", "etc-passwd.yaml"),
        ("/etc/passwd", "etc-passwd.yaml"),
        ("..", "brief.yaml"),
        (".bashrc", "bashrc.yaml"),
        ("CON", "brief-con.yaml"),
        ("lpt1", "brief-lpt1.yaml"),
        ("a\\b:c*d?e", "a-b-c-d-e.yaml"),
        ("Ünïcödé Tïtle — 北朝鮮", "ünïcödé-tïtle-北朝鮮.yaml"),
        ("x" * 500, "x" * MAX_STEM + ".yaml"),
        ("北" * 100, "北" * 38 + ".yaml"),  # 60 characters would be 180 bytes: cut to 120
        ("word " * 40, ("word-" * 12)[:-1] + ".yaml"),
    ],
)
def test_titles_give_safe_names_inside_the_library(
    brief: Runner, tmp_path: Path, title: str, name: str
) -> None:
    assert safe_filename(slug(title), ".yaml") == name
    source = write(tmp_path, "small.txt", SMALL)
    result = brief("import", str(source), "--title", title)
    assert result.exit_code == 0, result.stderr
    written = Path(result.stdout.strip())
    assert written.parent == library(tmp_path)
    # The file is named after the id, which is a few words of the title (or the file's name).
    assert written.name == safe_filename(brief_id(title, str(source)), ".yaml")
    assert os.listdir(library(tmp_path)) == [written.name]


@pytest.mark.parametrize(
    ("title", "name", "expected"),
    [
        (
            "North Korea's Troop Deployment to Russia: A New Geopolitical Catalyst in the "
            "Ukraine Conflict",
            "report.txt",
            "north-korea-troop-deployment-russia",
        ),
        ("The .xz File Format", "xz-file-format.txt", "xz-file-format"),
        ("Introduction", "/home/me/zstd/README.md", "zstd-readme"),
        ("NEWS", "coreutils-NEWS.txt", "coreutils-news"),
        ("", "/a/b/field-report.md", "field-report"),
        ("word " * 40, "w.txt", ("word-" * 8)[:-1]),
    ],
)
def test_a_default_id_is_a_few_whole_words(title: str, name: str, expected: str) -> None:
    assert brief_id(title, name) == expected


def test_import_takes_the_id_it_is_given(brief: Runner, tmp_path: Path) -> None:
    source = write(tmp_path, "small.txt", SMALL)
    result = brief("import", str(source), "--id", "winter", "-o", "-")
    assert result.exit_code == 0 and "\nid: winter\n" in result.stdout
    bad = brief("import", str(source), "--id", "two words", "-o", "-")
    assert bad.exit_code == 2 and "id: 'two words' must be one word" in bad.stderr


def test_a_slug_is_one_safe_word() -> None:
    for title in ("../x", "a/b", "  ", "\x00\x1b[31m", "-.-", "CON.txt"):
        value = slug(title)
        assert value and "/" not in value and "\\" not in value and ".." not in value
        assert not value.startswith((".", "-"))
        assert value.casefold() not in ("con", "prn", "aux", "nul")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"  \n\n\t\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        (b"\x7fELF\x02\x01\x01" + bytes(range(32)) * 4, "binary data"),
        (b"caf\xe9 au lait\n", "line 1: not valid UTF-8 (byte 0xe9)"),
        (b"Just some words.\nNo structure at all.\n", "no report structure found"),
    ],
)
def test_what_is_not_a_report_is_a_clean_error_and_nothing_is_written(
    brief: Runner, tmp_path: Path, content: bytes, message: str
) -> None:
    source = tmp_path / "input.txt"
    source.write_bytes(content)
    result = brief("import", str(source))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("brief: error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "data").exists()


def test_utf16_with_a_byte_order_mark_is_read(brief: Runner, tmp_path: Path) -> None:
    source = tmp_path / "utf16.txt"
    source.write_bytes(SMALL.encode("utf-16"))
    result = brief("import", str(source), "-o", "-")
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.txt"], "missing.txt: no such file"),
        (["."], "is a directory, not a report"),
        (["SMALL", "-o", ""], "--output needs a path"),
        (["SMALL", "--title", "  "], "--title needs some text"),
        (["SMALL", "--from", "docx"], "Invalid value for '--from'"),
        (["SMALL", "--overlay", "missing.yaml"], "missing.yaml: no such file"),
    ],
)
def test_usage_errors(
    brief: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "small.txt", SMALL)
    args = [str(tmp_path / "small.txt") if a == "SMALL" else a for a in args]
    result = brief("import", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "data").exists()


def test_from_forces_the_parser(brief: Runner, tmp_path: Path) -> None:
    source = write(tmp_path, "notes.txt", "# Title\n\n## One\n\nPress <b> *now*.\n")
    as_text = brief("import", str(source), "-o", "-")  # a .txt file is text, '#' lines and all
    assert as_text.exit_code == 0, as_text.stderr
    assert "Press <b> *now*." in as_text.stdout
    forced = brief("import", str(source), "--from", "markdown", "-o", "-")
    assert forced.exit_code == 0
    assert "- Press now." in forced.stdout
    markdown = write(tmp_path, "notes.md", "Just text, no heading.\n")
    refused = brief("import", str(markdown), "--from", "goover", "-o", "-")
    assert refused.exit_code == 2
    assert "no report structure found" in refused.stderr


@pytest.mark.parametrize(
    ("overlay", "message"),
    [
        ("key_point: {}\n", "unknown overlay key 'key_point'"),
        ("key_points:\n  '9': [x]\n", "key_points for unknown section '9'"),
        ("timeline:\n  - date: soon\n    event: x\n    sections: ['1']\n", "is not a date"),
        ("aliases:\n  Nothing: [x]\n", "aliases for unknown glossary term 'Nothing'"),
        ("- a list\n", "an overlay is a mapping"),
        ("key_points: [\n", "not valid YAML"),
    ],
)
def test_bad_overlays(brief: Runner, tmp_path: Path, overlay: str, message: str) -> None:
    source = write(tmp_path, "small.txt", SMALL)
    path = write(tmp_path, "overlay.yaml", overlay)
    result = brief("import", str(source), "--overlay", str(path), "-o", str(tmp_path / "x.yaml"))
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "x.yaml").exists()


def test_help_shows_examples(brief: Runner) -> None:
    for command in ("import", "validate"):
        result = brief(command, "--help")
        assert result.exit_code == 0
        assert "Examples:" in result.stdout


def test_control_and_bidi_characters_never_reach_stdout_raw(brief: Runner, tmp_path: Path) -> None:
    text = SMALL.replace("Some text.", "Some \x1b]52;c;ZXZpbA==\x07 text \u202e reversed \u200b.")
    source = write(tmp_path, "evil.txt", text)
    result = brief("import", str(source), "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert not any(ch in result.stdout for ch in "\x1b\x07\u202e\u200b")
    paragraph = parse_brief(result.stdout).sections[0].paragraphs[0]
    assert paragraph == "Some \x1b]52;c;ZXZpbA==\x07 text \u202e reversed \u200b."
