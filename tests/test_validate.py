"""`brief validate`: compiler-style problems, warnings for suspicious things, JSON for tools."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, Runner, write

GOOD = """\
id: mini
title: Mini
sections:
  - id: "1"
    title: One
    paragraphs:
      - In 2014 something happened.
glossary:
  - term: Thing
    category: Concept
    definition: A thing.
timeline:
  - date: "2014"
    event: In 2014 something happened.
    sections: ["1"]
    origin: report
"""


def test_a_valid_brief(brief: Runner, tmp_path: Path) -> None:
    path = write(tmp_path, "good.yaml", GOOD)
    result = brief("validate", str(path))
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"{path}: valid\n", "")


def test_the_shipped_brief_is_valid_without_warnings(brief: Runner) -> None:
    from briefcli.paths import default_brief_path

    shipped = default_brief_path()  # the copy the library holds (installed or in the checkout)
    result = brief("validate", "--strict", str(shipped))
    assert (result.exit_code, result.stdout) == (0, f"{shipped}: valid\n")


def test_an_id_another_brief_in_the_library_has(brief: Runner, tmp_path: Path) -> None:
    from briefcli.paths import default_brief_path

    path = write(tmp_path, "twin.yaml", GOOD.replace("id: mini", "id: nk-russia-troops-2025"))
    result = brief("validate", str(path))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{path}:1:5: warning: id: 'nk-russia-troops-2025' is also the id of "
        f"{default_brief_path()} in the library ('brief list' shows which one 'brief -b ID' "
        "reads)",
        f"{path}: valid (1 warning)",
    ]


def test_errors_in_compiler_form(brief: Runner, tmp_path: Path) -> None:
    text = GOOD.replace("    title: One\n", "    titel: One\n").replace(
        'date: "2014"', "date: soon"
    )
    path = write(tmp_path, "bad.yaml", text)
    result = brief("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:5:5: error: sections[0].titel: unknown key (did you mean 'title'?)",
        f"{path}:13:11: error: timeline[0].date: 'soon' is not a date: "
        "use YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY, YYY0s or FROM/TO",
        f"{path}: invalid: 2 errors",
    ]


WARNINGS = """\
id: mini
title: Mini
sections:
  - id: "1"
    title: One
    paragraphs:
      - Some text.
      - Some   text.
  - id: "2"
    title: Empty
glossary:
  - term: Thing
    category: Concept
    definition: A thing.
  - term: thing
    category: Concept
    definition: Again.
timeline:
  - date: "2014"
    event: Words the report never wrote.
    sections: ["1"]
    origin: report
  - date: "2015"
    event: Points at nothing.
    sections: ["9"]
notes:
  - "Bell \\a and \\u202e reversed"
"""


def test_warnings_for_suspicious_things(brief: Runner, tmp_path: Path) -> None:
    path = write(tmp_path, "odd.yaml", WARNINGS)
    result = brief("validate", str(path))
    assert result.exit_code == 0  # warnings alone do not fail
    assert result.stdout.splitlines() == [
        f"{path}:8:9: warning: sections[0].paragraphs[1]: the same paragraph as on line 7",
        f"{path}:9:5: warning: sections[1]: section has no text",
        f"{path}:15:11: warning: glossary[1].term: duplicate glossary term 'thing' "
        "(first on line 12)",
        f"{path}:20:12: warning: timeline[0].event: marked origin: report, but these words are "
        "not in section 1",
        f"{path}:25:15: warning: timeline[1].sections: no section '9' in this brief",
        f"{path}:27:5: warning: notes[0]: holds control, bidi or invisible characters "
        "(shown as escapes)",
        f"{path}: valid (6 warnings)",
    ]
    strict = brief("validate", "--strict", str(path))
    assert strict.exit_code == 1


def test_several_files_and_unreadable_ones(brief: Runner, tmp_path: Path) -> None:
    good = write(tmp_path, "good.yaml", GOOD)
    broken = write(tmp_path, "broken.yaml", "id: x\ntitle: [unclosed\n")
    missing = tmp_path / "missing.yaml"
    result = brief("validate", str(good), str(broken), str(missing), str(tmp_path))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"{good}: valid"
    assert lines[1].startswith(f"{broken}:3:1: error: not valid YAML: ")
    assert lines[2] == f"{broken}: invalid: 1 error"
    assert lines[3:] == [
        f"{missing}:1:1: error: no such file",
        f"{missing}: invalid: 1 error",
        f"{tmp_path}:1:1: error: is a directory, not a brief file",
        f"{tmp_path}: invalid: 1 error",
    ]


def test_json_for_editors_and_ci(brief: Runner, tmp_path: Path) -> None:
    good = write(tmp_path, "good.yaml", GOOD)
    odd = write(tmp_path, "odd.yaml", WARNINGS.replace("title: Mini", "title: ''"))
    result = brief("validate", "--format", "json", str(good), str(odd))
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert list(data) == ["schema_version", "view", "valid", "files"]
    assert (data["schema_version"], data["view"], data["valid"]) == (2, "validation", False)
    assert [list(f) for f in data["files"]] == [
        ["path", "valid", "errors", "warnings", "problems"]
    ] * 2
    assert data["files"][0] == {
        "path": str(good),
        "valid": True,
        "errors": 0,
        "warnings": 0,
        "problems": [],
    }
    first = data["files"][1]["problems"][0]
    assert first == {"line": 2, "column": 8, "severity": "error", "message": "title: is empty"}
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout


def test_no_files_is_a_usage_error(brief: Runner) -> None:
    result = brief("validate")
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr


@pytest.mark.parametrize("name", ["nk.yaml"])
def test_an_import_validates_without_warnings(brief: Runner, tmp_path: Path, name: str) -> None:
    source = REPO / "briefs" / "sources" / "nk-russia-troops-2025.txt"
    out = tmp_path / name
    assert brief("import", str(source), "-o", str(out)).exit_code == 0
    result = brief("validate", "--strict", str(out))
    assert (result.exit_code, result.stdout) == (0, f"{out}: valid\n")


def test_a_short_paragraph_repeated_in_other_sections_is_no_slip(
    brief: Runner, tmp_path: Path
) -> None:
    """A change log says 'Documentation fixes.' under every release: validating its import
    warned 131 times about the report's own text. A long paragraph again elsewhere, or any
    paragraph twice in one section, is still a slip."""
    long = " ".join(["Trade through the corridor rose by a tenth this year."] * 3)
    text = (
        "id: x\ntitle: T\nsections:\n"
        "  - id: '1'\n    title: One\n    paragraphs: [Documentation fixes., " + long + "]\n"
        "  - id: '2'\n    title: Two\n    paragraphs: [Documentation fixes., " + long + "]\n"
    )
    path = write(tmp_path, "log.yaml", text)
    result = brief("validate", str(path))
    assert result.exit_code == 0
    warnings = [line for line in result.stdout.splitlines() if "the same paragraph" in line]
    assert warnings == [
        f"{path}:9:40: warning: sections[1].paragraphs[1]: the same paragraph as on line 6"
    ]


def _validate_stdin(data: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    """A real run of the installed script with ``data`` piped to it."""
    script = Path(sys.executable).with_name("brief")
    return subprocess.run(
        [str(script), "validate", *(args or ("-",))], input=data, capture_output=True, check=False
    )


def test_a_brief_piped_to_validate_dash_is_checked() -> None:
    done = _validate_stdin(GOOD.encode())
    assert (done.returncode, done.stdout, done.stderr) == (0, b"<stdin>: valid\n", b"")
    bad = _validate_stdin(GOOD.replace("title: Mini", "title: [Mini").encode())
    assert bad.returncode == 1
    assert bad.stdout.startswith(b"<stdin>:") and b"error" in bad.stdout


def test_a_report_piped_to_validate_dash_is_told_to_pipe_into_import() -> None:
    done = _validate_stdin(b"A Report\n\n1. Summary\n\nText of it.\n")
    assert done.returncode == 1
    assert "'… | brief import -'".encode() in done.stdout


def test_stdin_is_read_once_and_bytes_that_are_not_utf8_are_one_error() -> None:
    twice = _validate_stdin(GOOD.encode(), "-", "-")
    assert twice.returncode == 2 and twice.stderr.count(b"\n") == 1
    latin = _validate_stdin("title: Caf\u00e9\n".encode("latin-1"))
    assert latin.returncode == 1 and b"not valid UTF-8" in latin.stdout
