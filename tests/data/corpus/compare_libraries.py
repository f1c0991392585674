"""The candidate libraries for reading web pages and PDFs, measured on the same inputs.

Run through ``measure_web.py --libraries`` (it builds the renderings). Needs the candidates
installed: ``pip install selectolax lxml trafilatura readability-lxml pdfminer.six pypdf
pypdfium2``.

HTML parsers: time to parse a large real page (Node's fs.html, 0.66 MB) and install size.
Main content: on the rendered pages and the real documentation pages, the share of the
article's words kept, its headings found in order, the share of the template's (or sidebar's)
own words gone, and time. PDF: on the rendered PDFs, words kept, paragraphs in reading
whole (every word, in order, hyphens joined, nothing in between), running heads gone, time.
"""

from __future__ import annotations

import importlib.metadata
import re
import time
from collections import Counter
from pathlib import Path

import make_pages
from measure import kept, lcs, words
from measure_web import REAL_PAGES, article_truth, norm

BIG_PAGE = Path("/usr/share/doc/nodejs/api/fs.html")


def installed_size(*names: str) -> str:
    """Megabytes the distributions' files take (with the dependencies named)."""
    total = 0
    for name in names:
        try:
            files = importlib.metadata.distribution(name).files or []
        except importlib.metadata.PackageNotFoundError:
            return "?"
        total += sum(f.size or 0 for f in files)
    return f"{total / 1e6:.1f} MB"


def best_of(function, *args, runs: int = 3):  # type: ignore[no-untyped-def]
    best = float("inf")
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = function(*args)
        best = min(best, time.perf_counter() - start)
    return best, result


def parsers() -> None:
    import html.parser

    import lxml.html
    from selectolax.lexbor import LexborHTMLParser

    class Collect(html.parser.HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    def stdlib(text: str) -> int:
        parser = Collect()
        parser.feed(text)
        parser.close()
        return len(parser.parts)

    def with_lxml(text: str) -> int:
        return sum(1 for _ in lxml.html.document_fromstring(text).iter())

    def with_lexbor(text: str) -> int:
        return sum(1 for _ in LexborHTMLParser(text).root.traverse())

    text = BIG_PAGE.read_text(encoding="utf-8")
    print(f"\nHTML parsers on {BIG_PAGE.name} ({len(text) / 1e6:.2f} MB)\n")
    print("| parser | parse | per MB | HTML5 tree building | install size |")
    print("|---|---:|---:|---|---:|")
    for name, function, html5, size in (
        ("html.parser (stdlib)", stdlib, "no (tokenizer only: a tree builder to write)", "0"),
        ("lxml 6 (libxml2)", with_lxml, "no (libxml2's HTML parser)", installed_size("lxml")),
        ("selectolax 1 (lexbor)", with_lexbor, "yes (as browsers)", installed_size("selectolax")),
    ):
        seconds, _ = best_of(function, text)
        per_mb = seconds / (len(text.encode()) / 1e6)
        print(f"| {name} | {seconds * 1000:.0f} ms | {per_mb * 1000:.0f} ms | {html5} | {size} |")


def _trafilatura(html_text: str) -> tuple[str, list[str]]:
    import trafilatura

    xml = trafilatura.extract(
        html_text, output_format="xml", include_tables=True, include_formatting=False,
        include_comments=False, favor_recall=True,
    ) or ""
    heads = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<head[^>]*>(.*?)</head>", xml, re.S)]
    import html

    return html.unescape(re.sub(r"<[^>]+>", " ", xml)), heads


def _readability(html_text: str) -> tuple[str, list[str]]:
    import lxml.html
    from readability import Document

    summary = Document(html_text).summary(html_partial=True)
    tree = lxml.html.fromstring(summary)
    heads = [" ".join(h.text_content().split()) for h in tree.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    title = Document(html_text).short_title()
    return title + " " + tree.text_content(), [title, *heads]


def _brief(html_text: str) -> tuple[str, list[str]]:
    from measure import brief_text, outline

    from briefcli.importers import import_report

    brief = import_report(html_text.encode("utf-8"), "page.html")
    return brief_text(brief), [brief.meta.title] + [t.strip() for _, t in outline(brief)]


def main_content(out: Path) -> None:
    cases: list[tuple[str, str, Counter[str], Counter[str], list[str]]] = []
    import tomllib

    from measure import visible_text

    corpus = Path(__file__).resolve().parent
    expected = tomllib.loads((corpus / "expected.toml").read_text(encoding="utf-8"))
    for number, name in enumerate(make_pages.MARKDOWN_DOCUMENTS):
        source = corpus / name
        truth = words(visible_text(source, source.read_text(encoding="utf-8")))
        template = "semantic" if number % 2 == 0 else "divs"
        boiler = words(make_pages.boilerplate_text(template, "docs.example"))
        heads = [str(h).strip() for h in expected[name]["headings"]]
        page = (out / (Path(name).stem + ".html")).read_text(encoding="utf-8")
        cases.append((f"{Path(name).stem}.html", page, truth, boiler, heads))
    for name, article, around in REAL_PAGES:
        path = Path(name)
        if path.exists():
            truth, boiler, heads = article_truth(path, article, around)
            text = path.read_text(encoding="utf-8", errors="replace")
            cases.append((path.name, text, truth, boiler, heads))
    print(f"\nMain content on {len(cases)} pages ({len(make_pages.MARKDOWN_DOCUMENTS)} rendered, "
          f"{len(cases) - len(make_pages.MARKDOWN_DOCUMENTS)} real): means\n")
    print("| extractor | words kept | headings in order | boilerplate gone | time per page | install size (with dependencies) |")
    print("|---|---:|---:|---:|---:|---:|")
    sizes = {
        "trafilatura 2": installed_size(
            "trafilatura", "lxml", "lxml_html_clean", "justext", "htmldate", "courlan", "babel",
            "tld", "dateparser", "regex", "pytz", "tzlocal", "charset-normalizer", "urllib3",
            "certifi",
        ),
        "readability-lxml": installed_size("readability-lxml", "lxml", "lxml_html_clean", "chardet", "cssselect"),
        "brief (selectolax + own rules)": installed_size("selectolax"),
    }
    for label, function in (
        ("trafilatura 2", _trafilatura),
        ("readability-lxml", _readability),
        ("brief (selectolax + own rules)", _brief),
    ):
        shares, orders, goners, seconds = [], [], [], 0.0
        for _, page, truth, boiler, heads in cases:
            try:
                spent, (text, found) = best_of(function, page, runs=1)
            except Exception:
                text, found, spent = "", [], 0.0
            seconds += spent
            have = words(text)
            shares.append(kept(truth, have))
            want = [norm(h) for h in heads]
            orders.append(lcs(want, [norm(h) for h in found]) / len(want) if want else 1.0)
            own = {w for w in boiler if w not in truth and len(w) > 2}
            goners.append(sum(1 for w in own if w not in have) / len(own) if own else 1.0)
        n = len(cases)
        print(
            f"| {label} | {sum(shares) / n:.1%} (lowest {min(shares):.1%}) | "
            f"{sum(orders) / n:.1%} | {sum(goners) / n:.1%} | {seconds / n * 1000:.0f} ms | "
            f"{sizes[label]} |"
        )


def _pdfminer(path: Path) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(str(path))


def _pypdf(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def _pypdfium2(path: Path) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def _brief_pdf(path: Path) -> str:
    from measure import brief_text

    from briefcli.importers import import_report

    return brief_text(import_report(path.read_bytes(), path.name))


def pdfs(out: Path) -> None:
    docs = [("report.pdf", make_pages.shipped_report())]
    corpus = Path(__file__).resolve().parent
    docs += [
        (Path(name).stem + ".pdf", make_pages.markdown_document(corpus / name))
        for name in make_pages.MARKDOWN_DOCUMENTS
    ]
    print(f"\nPDF text on {len(docs)} rendered PDFs (one and two columns, running heads, "
          "page numbers, hyphenation): means\n")
    print("| library | words kept | paragraphs whole | running heads gone | time per page | install size (with dependencies) |")
    print("|---|---:|---:|---:|---:|---:|")
    import pypdfium2 as pdfium

    for label, function, size in (
        ("pdfminer.six (extract_text)", _pdfminer, installed_size("pdfminer.six", "cryptography", "cffi", "pycparser", "charset-normalizer")),
        ("pypdf (extract_text)", _pypdf, installed_size("pypdf")),
        ("pypdfium2 (get_text_range)", _pypdfium2, installed_size("pypdfium2")),
        ("brief (pypdfium2 + own layout)", _brief_pdf, installed_size("pypdfium2")),
    ):
        shares, orders, heads_gone, seconds, pages = [], [], [], 0.0, 0
        for name, doc in docs:
            path = out / name
            pages += len(pdfium.PdfDocument(str(path)))
            spent, text = best_of(function, path, runs=1)
            seconds += spent
            flat = " ".join(text.replace("\ufffe", "-").replace("\x02", "-").split())
            truth_parts = [b.text for b in doc.blocks if b.kind in ("para", "item") and len(b.text.split()) >= 8]
            truth = words(" ".join(b.text for b in doc.blocks) + " " + doc.title)
            shares.append(kept(truth, words(flat)))
            whole = sum(1 for p in truth_parts if " ".join(p.split()) in flat)
            orders.append(whole / len(truth_parts) if truth_parts else 1.0)
            head = (doc.title if name != "report.pdf" else "goover · " + doc.title)[:40]
            truth_text = " ".join(b.text for b in doc.blocks)
            # The title stands in the text (and in a brief's contents) once or twice.
            heads_gone.append(1.0 if flat.count(head) <= truth_text.count(head) + 2 else 0.0)
        n = len(docs)
        print(
            f"| {label} | {sum(shares) / n:.1%} | {sum(orders) / n:.1%} | "
            f"{sum(heads_gone) / n:.0%} of PDFs | {seconds / pages * 1000:.0f} ms | {size} |"
        )


def main(out: Path) -> None:
    parsers()
    main_content(out)
    pdfs(out)
