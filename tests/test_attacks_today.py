"""Hostile inputs to the code that landed on 2026-11-29 (encodings, front matter and appendix
ids, section references): each is read as a user means it, or refused in one line with a
documented exit code, and nothing is written."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefcli import sentences, summarize, terms
from briefcli.importers import NotAReport, import_report
from briefcli.query import normalise_section_ref
from conftest import Runner

REPORT = (
    "Harbour report\n\n"
    "The harbour reopened after the long storm of the winter. Traffic recovered slowly "
    "during June 2020 and the summer after it. Ships came back in greater numbers every "
    "week that followed. Café owners on the quay said trade was better than before.\n"
)

ROMAN = """# Roman report

## Foreword

{p}

## Preface

{p}

## 1. Intro

{p}

## 2. Findings

{p}

## Appendix A. Data

{p}

### A.1 Tables

{p}

## Appendix I. More

{p}
""".format(p="The harbour reopened after the storm and traffic recovered slowly in the weeks.")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_text_without_a_byte_order_mark_is_named(
    brief: Runner, tmp_path: Path, codec: str
) -> None:
    """UTF-16 or UTF-32 saved without its mark is no 'binary data': the error names the
    encoding to give, and with it the report is read word for word."""
    source = tmp_path / "report.txt"
    source.write_bytes(REPORT.encode(codec))
    refused = brief("import", str(source), "-o", "-")
    assert refused.exit_code == 2 and refused.stdout == ""
    assert f"(--encoding {codec})" in refused.stderr and refused.stderr.count("\n") == 1
    read = brief("import", str(source), "--encoding", codec, "-o", "-")
    assert read.exit_code == 0, read.stderr
    assert "Café owners" in read.stdout


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-be"])
def test_utf32_with_its_byte_order_mark_needs_no_encoding(codec: str) -> None:
    """UTF-32-LE's mark (ff fe 00 00) opens like UTF-16's: it was read as UTF-16 and refused
    as 'control characters'."""
    data = REPORT.encode(codec)
    if codec == "utf-32-be":
        data = b"\x00\x00\xfe\xff" + data
    brief = import_report(data, "report.txt")
    assert "Café owners on the quay" in " ".join(brief.sections[0].paragraphs)


def test_binary_data_is_still_binary() -> None:
    with pytest.raises(NotAReport, match="binary data"):
        import_report(bytes(range(256)) * 20, "blob.txt")


def test_a_bad_character_in_utf16_names_its_line_in_the_text(brief: Runner, tmp_path: Path) -> None:
    """'Ċ' is 0a 01 in UTF-16-LE: its byte 0x0a is no line end, so the line is counted in text."""
    source = tmp_path / "report.txt"
    source.write_bytes("Ċ\nĊ\nĊ\n".encode("utf-16-le") + b"\x00\xdc")
    result = brief("import", str(source), "--encoding", "utf-16-le", "-o", "-")
    assert result.exit_code == 2 and result.stdout == ""
    assert "line 4: not valid utf-16-le" in result.stderr


@pytest.mark.parametrize(
    "name",
    [
        "idna",
        "punycode",
        "uu",
        "zlib",
        "hex",
        "unicode_escape",
        "",
        "a\x00b",
        pytest.param("x" * 10_000, id="10000-characters"),
    ],
)
def test_an_odd_encoding_name_is_one_short_line(brief: Runner, tmp_path: Path, name: str) -> None:
    source = tmp_path / "report.txt"
    source.write_text(REPORT, encoding="utf-8")
    target = tmp_path / "out.yaml"
    result = brief("import", str(source), "--encoding", name, "-o", str(target))
    assert result.exit_code == 2 and not target.exists()
    assert result.stderr.count("\n") == 1 and "not a text encoding" in result.stderr
    assert len(result.stderr) < 200


def test_encoding_errors_from_the_installed_script(tmp_path: Path) -> None:
    """A real run: one line on stderr, exit 2, nothing on stdout."""
    source = tmp_path / "report.txt"
    source.write_bytes(REPORT.encode("utf-16-le"))
    script = Path(sys.executable).with_name("brief")
    for args in (["--encoding", "punycode"], ["--encoding", "utf-32"], []):
        done = subprocess.run(
            [str(script), "import", str(source), "-o", "-", *args],
            capture_output=True,
            text=True,
            env={"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"},
            check=False,
        )
        assert done.returncode == 2, (args, done.stderr)
        assert done.stdout == "" and done.stderr.count("\n") == 1, (args, done.stderr)
        assert "Traceback" not in done.stderr


@pytest.fixture
def roman(tmp_path: Path, brief: Runner) -> str:
    source = tmp_path / "roman.md"
    source.write_text(ROMAN, encoding="utf-8")
    target = tmp_path / "roman.brief.yaml"
    made = brief("import", str(source), "-o", str(target))
    assert made.exit_code == 0, made.stderr
    return str(target)


@pytest.mark.parametrize(
    ("ref", "title"),
    [
        ("ii", "Preface"),
        ("ⅱ", "Preface"),  # ROMAN NUMERAL TWO, one character
        ("Ａ", "Appendix A. Data"),  # full-width, as a Japanese keyboard types it
        ("Ａ．１", "A.1 Tables"),
        ("A.1", "A.1 Tables"),
        ("§ⅰ", "Foreword"),
        ("Appendix I. More", "Appendix I. More"),
    ],
)
def test_front_matter_and_appendix_refs_as_typed(
    brief: Runner, roman: str, ref: str, title: str
) -> None:
    shown = brief("-b", roman, "show", ref)
    assert shown.exit_code == 0, shown.stderr
    assert title in shown.stdout.splitlines()[0]


def test_show_refs_from_the_installed_script(roman: str, tmp_path: Path) -> None:
    """A real run, its argument as the terminal's bytes: found, or one line and exit 1."""
    script = Path(sys.executable).with_name("brief")
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin", "LC_ALL": "C"}
    for ref, code in (("ⅱ", 0), ("Ⅻ", 1), ("½", 1)):
        done = subprocess.run(
            [str(script), "-b", roman, "show", ref], capture_output=True, env=env, check=False
        )
        assert done.returncode == code, (ref, done.stderr)
        assert done.stderr.count(b"\n") == code and b"Traceback" not in done.stderr


@pytest.mark.parametrize(
    "ref", ["Ⅻ", "½", "i̇", "A.2", "ii.1", pytest.param("i" * 5000, id="5000-i")]
)
def test_refs_that_name_no_section_are_one_line(brief: Runner, roman: str, ref: str) -> None:
    shown = brief("-b", roman, "show", ref)
    assert shown.exit_code == 1 and shown.stdout == ""
    assert shown.stderr.count("\n") == 1 and "valid: i, ii, 1, 2, A, A-1" in shown.stderr


def test_appendix_i_is_never_front_matter_i(brief: Runner, roman: str) -> None:
    """'Appendix I' beside front matter 'i' keeps a number of its own: both stay reachable."""
    assert "Foreword" in brief("-b", roman, "show", "i").stdout.splitlines()[0]
    assert "Foreword" in brief("-b", roman, "show", "I").stdout.splitlines()[0]
    assert "Appendix I" in brief("-b", roman, "show", "3").stdout.splitlines()[0]


@settings(derandomize=True, max_examples=200)
@given(st.text(max_size=30))
@example("ⅻ.２")
@example("\x00")
@example("ǅ")
def test_any_ref_normalises_without_error(text: str) -> None:
    """Any text typed as a reference gives a reference (perhaps of no section), never a crash,
    and normalising twice changes nothing more."""
    ref = normalise_section_ref([text])
    assert normalise_section_ref([ref]) == ref or ref != ref.strip()


# -- patterns that read a long run once, not once from each of its characters -----------------

# The patterns as they were, as oracles: each new one must find exactly what the old one did.
_OLD_REFERENCES = re.compile(
    r"(?:[\s.,;*_()]|\band\b|:[\w:-]+:`[^`]*`|\{[\w:-]+\}`[^`]*`|#\d+"
    r"|\((?:https?://|#)[^\s)]*\))*\Z"
)
_OLD_LAST = re.compile(r"([^\W\d_]+(?:\.[^\W\d_]+)*)\W*\Z")
_OLD_SIGNATURE = re.compile(
    r"^(?:(?:unsigned\s+|const\s+)?(?:int|char|void|long|short|double|float|bool)\b"
    r"[\s*]+[A-Za-z_]\w*\s*|(?:[A-Za-z_][\w*]*\s+){0,2}[A-Za-z_][\w.]*)"
    r"\((?:[^()]|\([^()]*\))*[,=*\[](?:[^()]|\([^()]*\))*\)\Z"
)
_OLD_RULE = re.compile(r"[+|][-=]{2,}|[-=]{3,}[+|]")

PIECES = st.sampled_from(
    ["a", "and", " ", ".", ",", "(", ")", "_", "*", "#1", ":issue:`7`", "{ref}`x`", "(#2)",
     "(https://e.org)", "1", "x.y", "=", "-", "+", "|", "[", "int", "f", ":", "`"]
)  # fmt: skip


@settings(derandomize=True, max_examples=500)
@given(st.lists(PIECES, max_size=30).map("".join))
@example("Related issues on GitHub: :issue:`7916`, #12 and (https://e.org).")
@example("Closed by " + "#1" * 40 + " x")
@example("f(a, b)")
@example("int main (int argc, char *argv[])")
@example("f((a, b))")
@example("x" + "=" * 30 + " |")
def test_rewritten_patterns_find_what_the_old_ones_did(text: str) -> None:
    marks = summarize._mark_patterns()
    assert marks["references"].sub("", text) == _OLD_REFERENCES.sub("", text)
    old_last, new_last = _OLD_LAST.search(text), marks["last"].search(text)
    assert (old_last and old_last.group(1)) == (new_last and new_last.group(1))
    patterns = sentences._not_prose_patterns()
    assert bool(patterns["rule"].search(text)) == bool(_OLD_RULE.search(text))
    signature = patterns["signature"].match(text)
    new_signature = bool(signature) and any(
        mark in patterns["inner_brackets"].sub("", signature[1]) for mark in ",=*["
    )
    assert new_signature == bool(_OLD_SIGNATURE.search(text))


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("Related issues on GitHub: :issue:`7916`, :issue:`7917`.", False),
        ("Dr. Tobias Quathamer toddy@debian.org Sun, 2 Aug 2015", False),
        ("The harbour reopened after the storm, and traffic came back.", True),
        # Long runs that once took seconds: read as before.
        ("We met and talked about the plan " + "a" * 20_000 + "1", True),
        ("The notes list them all " + ":issue:`7916`" * 2_000 + " x", True),
        ("The list goes on" + " " * 20_000 + "x.", True),
    ],
)
def test_is_point_on_long_runs(text: str, point: bool) -> None:
    assert summarize.is_point(text) is point


def test_a_summary_of_a_section_with_a_long_unclosed_call(brief: Runner, tmp_path: Path) -> None:
    """'make(alpha, alpha, …' with no ')' (a code dump in prose) once took seconds a sentence;
    the summary still comes from the prose around it."""
    prose = "The harbour reopened after the storm and traffic recovered slowly in the weeks. "
    source = tmp_path / "dump.md"
    source.write_text(
        f"# Dump\n\n## Part one\n\n{prose * 3}\n\nmake({'alpha, ' * 8000}beta\n\n"
        f"## Part two\n\n{prose * 3}\n\nWe met and talked about the plan {'a' * 20_000}1\n",
        encoding="utf-8",
    )
    target = tmp_path / "dump.yaml"
    assert brief("import", str(source), "-o", str(target)).exit_code == 0
    summary = brief("-b", str(target), "summary")
    assert summary.exit_code == 0, summary.stderr
    assert "The harbour reopened" in summary.stdout


NAME_PIECES = st.sampled_from(
    ["A", "Bo", "x", "-", "’", "'", "&", ".", "/", " ", ", ", "the ", "a ", "of ", "company",
     " Corp", "Ray", ",", ";", "1"]
)  # fmt: skip


@settings(derandomize=True, max_examples=500)
@given(st.lists(NAME_PIECES, max_size=40).map("".join))
@example("Acme Corp, a company that makes things, said so.")
@example("x-Ray Corp, a company that makes things, said so.")
@example("A-A-A-A-A Corp, a company that makes no end")
@example("Fixes CVE-2015-3255, a memory corruption in the parser, today.")
def test_appositives_are_those_finditer_finds(text: str) -> None:
    pattern = terms._patterns()["appositive"]
    found = [m.span() for m in terms._appositives(pattern, text)]
    assert found == [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize(
    "hostile",
    [
        pytest.param("The Port Authority " + "A-" * 20_000 + "B, a body that runs ports", id="A-"),
        pytest.param("We keep " + "`" * 20_000 + " for the record.", id="backticks"),
        pytest.param("Or the list " + " " * 20_000 + "or HA goes on.", id="spaces"),
    ],
)
def test_glossary_beside_long_runs(hostile: str) -> None:
    """A paragraph of long runs (once seconds each) leaves the report's terms as they were."""
    ordinary = "Acme Harbour Works, a company that builds quays, opened in 1990."
    found = [candidate.term for candidate in terms.glossary([[hostile], [ordinary]])]
    assert found == ["Acme Harbour Works"]
