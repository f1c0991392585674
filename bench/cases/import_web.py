"""`brief import` of a 50-page PDF and a 1 MB web page (issue 13), time and peak memory.

The inputs are renderings of the shipped report (tests/data/web/make_pages.py): its PDF in two
columns with running heads and page numbers, laid out seven times over (50 pages), and its web
page with the article repeated to 1 MB inside the page template (navigation, sidebar, cookie
banner, footer). Peak memory of the PDF row is brief's; the extraction runs in a child
process, whose own peak (under its 1 GiB limit) `ru_maxrss` of the parent does not include.
Needs the ``bench`` extra (reportlab, and brief's ``web`` and ``pdf`` extras).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from harness import BENCH, REPO, Case, Context

MB = 1_000_000
PDF_PAGES = 50


def _make_pages():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(REPO / "tests" / "data" / "web"))
    import make_pages

    return make_pages


def big_pdf(folder: Path) -> Path:
    """The shipped report's PDF, its body laid out until the PDF has 50 pages."""
    pages = _make_pages()
    report = pages.shipped_report()
    head = "goover · " + report.title
    path = folder / "report-50-pages.pdf"
    for repeat in range(6, 12):
        pages.write_pdf(report, path, running_head=head, repeat=repeat)
        if _page_count(path) >= PDF_PAGES:
            break
    return path


def _page_count(path: Path) -> int:
    import pypdfium2 as pdfium  # type: ignore[import-untyped, unused-ignore]

    return len(pdfium.PdfDocument(str(path)))


def big_page(folder: Path) -> Path:
    """The shipped report's web page, its article repeated to about 1 MB."""
    pages = _make_pages()
    report = pages.shipped_report()
    path = folder / "report-1mb.html"
    times = 1
    while True:
        doc = pages.Document(report.title, report.blocks * times, report.kind, report.date)
        text = pages.page_html(doc)
        if len(text.encode()) >= MB:
            break
        times += 1
    path.write_text(text, encoding="utf-8")
    return path


#: Makes the two inputs in another interpreter: argv is the bench folder and the output folder.
_MAKE = (
    "import sys; from pathlib import Path; sys.path[:0] = [sys.argv[1]]; "
    "from cases import import_web as w; f = Path(sys.argv[2]); w.big_pdf(f); w.big_page(f)"
)


def cases(ctx: Context) -> list[Case]:
    """brief import of the 50-page PDF and of the 1 MB page, the brief to stdout."""
    folder = ctx.work / "import-web"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        pdf, page = big_pdf(folder), big_page(folder)
    except ImportError:
        # reportlab and pypdfium2 live in brief's environment (the bench extra), not
        # necessarily in the runner's: make the inputs there.
        pdf, page = folder / "report-50-pages.pdf", folder / "report-1mb.html"
        made = subprocess.run(
            [ctx.brief_python, "-c", _MAKE, str(BENCH), str(folder)],
            capture_output=True,
            text=True,
            check=False,
        )
        if made.returncode != 0 or not (pdf.is_file() and page.is_file()):
            last = (made.stderr.strip().splitlines() or ["no output"])[-1]
            reason = f"needs the bench extra ({last})"
            return [
                Case("brief import 50-page PDF -o -", (), skip=reason),
                Case("brief import 1 MB web page -o -", (), skip=reason),
            ]
    return [
        Case(
            "brief import 50-page PDF -o -",
            ctx.brief("import", str(pdf), "-o", "-"),
            env=ctx.brief_env(),
            expect="sections:",
        ),
        Case(
            "brief import 1 MB web page -o -",
            ctx.brief("import", str(page), "-o", "-"),
            env=ctx.brief_env(),
            expect="sections:",
        ),
    ]
