"""Compressed reports are unpacked; office documents and archives are refused with what to do."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from briefcli.importers import MAX_IMPORT_BYTES, import_report
from conftest import Runner, outline

REPORT = (
    "# Harbour Survey\n\nWhat the survey found, in a few words for the reader.\n\n"
    "## Findings\n\nThe harbour silted up between 2019 and 2023, the survey says.\n\n"
    "## Measures\n\nDredging resumed in May 2024 after a long pause.\n"
)
PACKERS: dict[str, Callable[[bytes], bytes]] = {
    ".gz": gzip.compress,
    ".bz2": bz2.compress,
    ".xz": lzma.compress,
}


@pytest.mark.parametrize("suffix", PACKERS)
def test_a_compressed_report_imports_as_the_report_itself(suffix: str) -> None:
    """'survey.md.gz' is read as Markdown, as 'survey.md' would be: same sections, same text."""
    plain = import_report(REPORT.encode(), "survey.md")
    packed = import_report(PACKERS[suffix](REPORT.encode()), f"survey.md{suffix}")
    assert (
        outline(packed)
        == outline(plain)
        == [
            ("0", "Harbour Survey"),
            ("1", "Findings"),
            ("2", "Measures"),
        ]
    )
    assert packed.sections == plain.sections
    assert packed.meta.id == plain.meta.id


def test_a_readme_named_by_its_folder_keeps_that_name_when_compressed() -> None:
    text = "# README\n\n## Install\n\nRun the installer and answer its questions.\n"
    packed = import_report(gzip.compress(text.encode()), "/usr/share/doc/zstd/README.md.gz")
    assert packed.meta.id == import_report(text.encode(), "/usr/share/doc/zstd/README.md").meta.id
    assert packed.meta.id == "zstd-readme"


def test_gzip_members_one_after_another_are_one_report() -> None:
    """`cat a.gz b.gz` is valid gzip, as zcat reads it."""
    half = len(REPORT) // 2
    data = gzip.compress(REPORT[:half].encode()) + gzip.compress(REPORT[half:].encode())
    assert (
        import_report(data, "survey.md.gz").sections
        == import_report(REPORT.encode(), "survey.md").sections
    )


def test_the_cli_imports_a_gzipped_file(brief: Runner, tmp_path: Path) -> None:
    source = tmp_path / "NEWS.md.gz"
    source.write_bytes(gzip.compress(REPORT.encode()))
    result = brief("import", str(source), "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 0, result.stderr
    shown = brief("show", "1", "--brief", str(tmp_path / "out.yaml"))
    assert "The harbour silted up between 2019 and 2023" in shown.stdout


@pytest.mark.parametrize(
    ("data", "says"),
    [
        # A 'bomb': a few kilobytes that unpack to more than a report may hold.
        (gzip.compress(b"# A\n\n" + b"a" * MAX_IMPORT_BYTES), f"more than {MAX_IMPORT_BYTES:,}"),
        (bz2.compress(b"# A\n\n" + b"a" * MAX_IMPORT_BYTES), f"more than {MAX_IMPORT_BYTES:,}"),
        (gzip.compress(REPORT.encode())[:-12], "truncated gzip data"),
        (lzma.compress(REPORT.encode())[:-30], "truncated xz data"),
        (b"\x1f\x8b\x08\x00" + b"\xff" * 40, "damaged gzip data"),
    ],
    ids=["gzip bomb", "bzip2 bomb", "truncated gzip", "truncated xz", "damaged gzip"],
)
def test_bad_compressed_data_is_one_clear_line(
    brief: Runner, tmp_path: Path, data: bytes, says: str
) -> None:
    source = tmp_path / "report.md.gz"
    source.write_bytes(data)
    result = brief("import", str(source), "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 2
    assert says in result.stderr
    assert result.stderr.startswith(f"brief: error: {source}: ")
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "out.yaml").exists()


def _zipped(*entries: tuple[str, bytes]) -> bytes:
    """A ZIP file holding ``entries`` (name, bytes) in order, as office programs write them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("report.docx", _zipped(("[Content_Types].xml", b"<x/>"), ("word/document.xml", b"<w/>")),
         "a Word document"),
        ("report.odt", _zipped(("mimetype", b"application/vnd.oasis.opendocument.text")),
         "an OpenDocument text"),
        ("book.epub", _zipped(("mimetype", b"application/epub+zip")), "an EPUB book"),
        ("report.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500,
         "a Microsoft Office document (.doc or .xls)"),
        ("report.rtf", b"{\\rtf1\\ansi {\\b 1. Summary}\\par The report says things.\\par}",
         "an RTF document"),
    ],
    ids=["docx", "odt", "epub", "doc", "rtf"],
)  # fmt: skip
def test_office_documents_say_what_to_do(
    brief: Runner, tmp_path: Path, name: str, data: bytes, says: str
) -> None:
    """Not 'binary data' (or, for RTF, its markup imported as text): what the file is, and
    that it should be saved as text, Markdown, HTML or PDF."""
    source = tmp_path / name
    source.write_bytes(data)
    result = brief("import", str(source), "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 2
    assert f"{name}: {says}; brief reads plain text, Markdown, HTML and PDF" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "out.yaml").exists()


def _tarred(compression: str) -> bytes:
    """A tar archive of one report, compressed with ``compression`` ('' for none)."""
    import tarfile

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=f"w:{compression}") as archive:
        member = tarfile.TarInfo("survey.md")
        member.size = len(REPORT.encode())
        archive.addfile(member, io.BytesIO(REPORT.encode()))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "what"),
    [
        ("reports.zip", _zipped(("survey.md", REPORT.encode())), "a ZIP archive"),
        ("reports.tar", _tarred(""), "a tar archive"),
        ("reports.tar.gz", _tarred("gz"), "a tar archive"),
        ("reports.tar.xz", _tarred("xz"), "a tar archive"),
    ],
    ids=["zip", "tar", "tar.gz", "tar.xz"],
)
def test_an_archive_is_to_be_unpacked(
    brief: Runner, tmp_path: Path, name: str, data: bytes, what: str
) -> None:
    source = tmp_path / name
    source.write_bytes(data)
    result = brief("import", str(source), "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 2
    assert f"{name}: {what}; unpack it and import the report in it" in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("text", ["BZh is a prefix of nothing here", "PK, the report's author"])
def test_text_that_opens_like_a_container_is_still_text(text: str) -> None:
    report = f"{text}\n\n1. Summary\n\nThe report says what it found in plain words.\n"
    assert outline(import_report(report.encode(), "r.txt"))[-1] == ("1", "Summary")
