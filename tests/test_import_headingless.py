"""Documents without headings (a statement, a memo, an article's text): one section of prose
under the document's title, so that summary, timeline, glossary and search work on them; text
with too little prose to be a report is refused as before."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from briefcli.importers import NotAReport, import_report
from conftest import Runner, write

STATEMENT = (
    "Joint Statement on the Northern Corridor\n\n"
    "The ministers of the three states met in Vilnius on 14 March 2025 to review the corridor.\n"
    "They agreed that trade through the corridor had grown by a tenth since the agreement.\n"
    "The ministers asked the Corridor Authority (CA) to report on border delays by June 2025.\n"
    "\nThe next meeting will be held in Riga in the autumn, as the ministers agreed.\n"
)
BODY = STATEMENT.split("\n\n", 1)[1]


@pytest.mark.parametrize(
    ("name", "form"), [("statement.txt", "auto"), ("statement.md", "auto"), ("-", "goover")]
)
def test_a_statement_without_headings_is_one_section_under_its_first_line(
    name: str, form: str
) -> None:
    brief = import_report(STATEMENT.encode(), name, form)
    assert brief.meta.title == "Joint Statement on the Northern Corridor"
    [section] = brief.sections
    assert (section.id, section.title) == ("0", brief.meta.title)
    # Every word of the text is kept, and the title line is not repeated as a paragraph.
    assert " ".join(" ".join(section.paragraphs).split()) == " ".join(BODY.split())
    assert [event.date.text for event in brief.timeline] == ["2025-03-14", "2025-06"]


def test_without_a_title_line_the_file_name_is_the_title() -> None:
    brief = import_report(BODY.encode(), "corridor-memo.txt")
    assert brief.meta.title == "corridor-memo"
    assert brief.sections[0].paragraphs[0].startswith("The ministers of the three states")
    assert import_report(BODY.encode(), "<stdin>").meta.title == "Untitled report"


def test_a_title_given_on_the_command_line_is_the_title(brief: Runner, tmp_path: Path) -> None:
    source = write(tmp_path, "memo.txt", BODY)
    result = brief("import", str(source), "--title", "Corridor memo", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert "title: Corridor memo" in result.stdout
    # Given a title, the first sentence stays text, word for word.
    assert "The ministers of the three states met in Vilnius" in result.stdout


@pytest.mark.skipif(importlib.util.find_spec("selectolax") is None, reason="the web extra")
def test_a_web_page_without_headings_is_one_section_under_its_own_title() -> None:
    paragraphs = "".join(f"<p>{line}</p>" for line in BODY.split("\n") if line)
    page = f"<!doctype html><title>Corridor statement</title><body>{paragraphs}</body>"
    brief = import_report(page.encode(), "statement.html")
    assert brief.meta.title == "Corridor statement"
    assert [s.id for s in brief.sections] == ["0"]
    assert brief.sections[0].paragraphs[0].startswith("The ministers of the three states")


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("note.txt", "Just some words.\nNo structure at all.\n", "no report structure found"),
        ("note.md", "Buy milk. Call Anna.\n", "no headings"),
        ("data.csv", "year,trade,ports\n2019,10,4\n2020,11,4\n2021,12,5\n", "no report structure"),
        (
            "main.c",
            "int main(void) {\n  int x = 1;\n  return x;\n}\n" * 5,
            "no report structure",
        ),
    ],
)
def test_text_with_too_little_prose_is_still_refused(name: str, text: str, message: str) -> None:
    with pytest.raises(NotAReport, match=message):
        import_report(text.encode(), name)


def test_every_command_works_on_a_brief_without_headings(brief: Runner, tmp_path: Path) -> None:
    made = brief("import", str(write(tmp_path, "statement.txt", STATEMENT)))
    assert made.exit_code == 0, made.stderr
    path = made.stdout.strip()
    summary = brief("-b", path, "summary")
    assert summary.exit_code == 0
    assert "chosen by brief" in summary.stdout
    # A one-section report still gets a summary of more than one sentence.
    assert summary.stdout.count("The ministers") >= 2
    shown = json.loads(brief("-b", path, "show", "0", "--format", "json").stdout)
    assert shown["section"]["id"] == "0"
    assert "Vilnius" in brief("-b", path, "search", "Vilnius").stdout
    timeline = brief("-b", path, "timeline")
    assert timeline.exit_code == 0 and "14 Mar 2025" in timeline.stdout


def test_encoding_names_a_report_that_is_not_utf8(brief: Runner, tmp_path: Path) -> None:
    """An old NEWS file in Latin-1 is refused with a hint, then read word for word with it."""
    source = tmp_path / "news.txt"
    source.write_bytes(STATEMENT.replace("Vilnius", "Vilnius and Växjö").encode("latin-1"))
    refused = brief("import", str(source), "-o", "-")
    assert refused.exit_code == 2
    assert "not valid UTF-8 (byte 0xe4)" in refused.stderr and "--encoding" in refused.stderr
    read = brief("import", str(source), "--encoding", "latin-1", "-o", "-")
    assert read.exit_code == 0, read.stderr
    assert "Vilnius and Växjö" in read.stdout
    outline = brief("import", str(source), "--encoding", "cp1252", "--outline")
    assert outline.exit_code == 0 and "Joint Statement" in outline.stdout


@pytest.mark.parametrize(
    ("encoding", "message"),
    [
        ("rot13", "--encoding 'rot13': not a text encoding Python knows"),
        ("no-such-codec", "not a text encoding Python knows"),
        ("utf-8", "line 1: not valid utf-8 (byte 0xe4)"),
        ("ascii", "line 1: not valid ascii (byte 0xe4)"),
    ],
)
def test_a_wrong_encoding_is_one_line_and_nothing_is_written(
    brief: Runner, tmp_path: Path, encoding: str, message: str
) -> None:
    source = tmp_path / "news.txt"
    source.write_bytes("Växjö\n".encode("latin-1") + BODY.encode())
    result = brief("import", str(source), "--encoding", encoding)
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_encoding_is_refused_for_a_url_whose_server_names_its_charset(brief: Runner) -> None:
    result = brief("import", "https://example.org/r.txt", "--encoding", "latin-1")
    assert result.exit_code == 2
    assert "--encoding is for a file or stdin" in result.stderr


def test_encoding_is_refused_for_a_pdf(brief: Runner, tmp_path: Path) -> None:
    source = tmp_path / "r.pdf"
    source.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    result = brief("import", str(source), "--encoding", "latin-1")
    assert result.exit_code == 2
    assert "--encoding is for text" in result.stderr and result.stderr.count("\n") == 1
