"""`brief import` of PDFs: reading order, headings, no page furniture, footnotes apart, and a
clean one-line refusal of what cannot be read."""

from __future__ import annotations

import sys
import zlib
from pathlib import Path

import pytest

from briefcli.importers import import_report, pdf_source
from conftest import REPO, SOURCE, Runner, outline, paragraphs

pytest.importorskip("pypdfium2")
pytest.importorskip("reportlab")
sys.path.insert(0, str(REPO / "tests" / "data" / "web"))

import make_pages


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The renderings these tests read, made once."""
    out = tmp_path_factory.mktemp("pdf")
    report = make_pages.shipped_report()
    make_pages.write_pdf(report, out / "report.pdf", running_head="goover · " + report.title)
    make_pages.write_pdf(make_pages.footnoted(), out / "notes.pdf", columns=1)
    make_pages.write_pdf(make_pages.footnoted(), out / "locked.pdf", encrypt="secret")
    make_pages.scanned_pdf(out / "scan.pdf")
    return out


def library(tmp_path: Path) -> Path:
    return tmp_path / "data" / "briefcli" / "briefs"


def test_the_shipped_report_from_its_pdf_is_the_brief_from_its_text(pdfs: Path) -> None:
    # Two columns, running heads, page numbers, words hyphenated at line ends.
    reference = import_report(SOURCE.read_bytes(), SOURCE.name)
    brief = import_report((pdfs / "report.pdf").read_bytes(), "report.pdf")
    assert outline(brief) == outline(reference)
    assert brief.glossary == reference.glossary
    assert paragraphs(brief) == paragraphs(reference)  # in reading order, hyphens joined
    meta, ref = brief.meta, reference.meta
    assert (meta.title, meta.kind, meta.date, meta.publisher) == (
        ref.title,
        ref.kind,
        ref.date,
        ref.publisher,
    )
    text = " ".join(paragraphs(brief))
    assert "Page 2" not in text and "goover ·" not in text


def test_footnotes_are_kept_apart_as_notes(pdfs: Path) -> None:
    brief = import_report((pdfs / "notes.pdf").read_bytes(), "notes.pdf")
    notes = brief.sections[-1]
    assert notes.title == "Notes"
    assert notes.paragraphs == (
        "[^1]: Figures from the harbour authority's annual statistics.",
        "[^2]: Counted by hand from the port's logbooks, 2019 to 2023.",
    )
    body = " ".join(p for s in brief.sections[:-1] for p in s.all_paragraphs())
    assert "[^1]" in body and "[^2]" in body and "logbooks" not in body
    assert [s.title for s in brief.sections[:-1]] == ["Introduction", "Findings", "Conclusion"]
    assert [u.id for u in brief.sections[1].subsections] == ["2-1"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("locked.pdf", "the PDF is encrypted (it needs a password)"),
        ("scan.pdf", "no text layer (a scan?): make it searchable with OCR first, e.g. ocrmypdf"),
    ],
)
def test_unreadable_pdfs_get_one_line_and_nothing_is_written(
    brief: Runner, tmp_path: Path, pdfs: Path, name: str, message: str
) -> None:
    result = brief("import", str(pdfs / name))
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.splitlines()) == 1
    assert not library(tmp_path).exists()


def test_a_damaged_pdf(brief: Runner, tmp_path: Path, pdfs: Path) -> None:
    good = (pdfs / "report.pdf").read_bytes()
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(good[:2000] + b"\x00garbage" * 50)
    result = brief("import", str(damaged))
    assert result.exit_code == 2, result.stdout
    assert "damaged" in result.stderr and len(result.stderr.splitlines()) == 1
    assert not library(tmp_path).exists()


def test_a_pdf_over_the_size_limit(brief: Runner, tmp_path: Path) -> None:
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-1.7\n" + b"0" * (7 * 1024 * 1024))
    result = brief("import", str(big))
    assert result.exit_code == 2
    assert "at most 6,291,456 bytes" in result.stderr  # the one limit, from any source
    assert not library(tmp_path).exists()


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of the given objects (1 is the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_a_decompression_bomb_meets_the_memory_limit(
    brief: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 400 MB of content stream in 0.4 MB; the reader may use 256 MiB here (1 GiB normally).
    monkeypatch.setattr(pdf_source, "MAX_MEMORY", 256 * 1024 * 1024)
    stream = zlib.compress(b"0 0 m " * (400_000_000 // 6), 9)
    bomb = _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
        + stream
        + b"\nendstream",
    ])  # fmt: skip
    path = tmp_path / "bomb.pdf"
    path.write_bytes(bomb)
    result = brief("import", str(path))
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert not library(tmp_path).exists()


def test_a_deeply_nested_object_graph(brief: Runner, tmp_path: Path) -> None:
    nested = b"[" * 200_000 + b"]" * 200_000
    deep = _pdf([
        b"<< /Type /Catalog /Pages 2 0 R /Deep " + nested + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ])  # fmt: skip
    path = tmp_path / "deep.pdf"
    path.write_bytes(deep)
    result = brief("import", str(path))
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert not library(tmp_path).exists()


def test_pdf_content_is_read_as_pdf_whatever_its_name(pdfs: Path) -> None:
    brief = import_report((pdfs / "notes.pdf").read_bytes(), "download")
    assert brief.meta.title == "Northern Passage Traffic Review"


def test_without_the_pdf_extra_one_line_names_it(
    brief: Runner, pdfs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "pypdfium2" else real(name)
    )
    result = brief("import", str(pdfs / "notes.pdf"), "-o", "-")
    assert result.exit_code == 2
    assert result.stderr == (
        "brief: error: reading PDF files needs the 'pdf' extra: pip install 'briefcli[pdf]'\n"
    )


def test_a_pdf_into_the_library_then_show(brief: Runner, tmp_path: Path, pdfs: Path) -> None:
    made = brief("import", str(pdfs / "report.pdf"))
    assert made.exit_code == 0, made.stderr
    path = made.stdout.strip()
    assert Path(path).parent == library(tmp_path)
    shown = brief("show", "4", "-b", path)
    assert shown.exit_code == 0
    assert "Current Developments in the Ukraine Conflict" in shown.stdout
