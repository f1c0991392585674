"""Import the web-page and PDF renderings of the corpus (and real pages on this machine) and
print Markdown tables of how well it went; with --libraries, the library comparison too.

    python tests/data/corpus/measure_web.py              # fidelity, corpus, real pages
    python tests/data/corpus/measure_web.py --libraries  # also: the candidates compared

The renderings are built by tests/data/web/make_pages.py into a temporary folder. Columns:
headings expected (expected.toml) and found in order; the share of the words a reader sees
that the brief keeps (for a page, the Markdown as rendered; for the shipped report, the brief
imported from its text); the share of the page template's own words (navigation, sidebar,
cookie banner, footer: words the document does not have) that is gone; time; peak memory
(tracemalloc, this process: a PDF's extraction runs in a child process, not counted).
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
import tomllib
import tracemalloc
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests" / "data" / "web"))
sys.path.insert(0, str(HERE))

import make_pages  # noqa: E402
from measure import brief_text, kept, lcs, outline, visible_text, words  # noqa: E402
from measure import norm as _norm  # noqa: E402

from briefcli.importers import import_report  # noqa: E402
from briefcli.model import Brief  # noqa: E402

#: Real documentation pages installed on this machine: the article's element, and the
#: elements around it that must go (CSS selectors, checked by hand).
REAL_PAGES = [
    ("/usr/share/doc/nodejs/api/path.html", "#apicontent", "#column2, #toc, header"),
    ("/usr/share/doc/nodejs/api/url.html", "#apicontent", "#column2, #toc, header"),
    ("/usr/share/doc/fish/tutorial.html", "div.body", "div.sphinxsidebar, div.related, div.footer"),
    ("/usr/share/doc/fish/cmds/set.html", "div.body", "div.sphinxsidebar, div.related, div.footer"),
    (
        "/root/.rustup/toolchains/stable-x86_64-unknown-linux-gnu/share/doc/rust/html/book/"
        "ch04-01-what-is-ownership.html",
        "main",
        "#mdbook-sidebar, #mdbook-menu-bar, nav.nav-wrapper, nav.nav-wide-wrapper",
    ),
    ("/usr/share/doc/valgrind/html/manual-intro.html", "div.chapter", "div.navheader, div.navfooter"),
    ("/usr/share/doc/libffi8/html/The-Basics.html", "div.section", "div.header"),
    (
        "/usr/lib/node_modules/npm/docs/output/commands/npm-install.html",
        "#content",
        "#table_of_contents, header.title, footer",
    ),
]
REAL_PDFS = [
    # (PDF, the same document's HTML pages for the words it holds)
    (
        "/usr/share/doc/shared-mime-info/shared-mime-info-spec.pdf",
        "/usr/share/doc/shared-mime-info/shared-mime-info-spec.html",
    ),
    ("/usr/share/doc/libtasn1-doc/libtasn1.pdf", ""),
]


def norm(title: str) -> str:
    """A heading compared by its words only (an emoji a PDF's font cannot show is none)."""
    return " ".join(words_of(_norm(title)))


def words_of(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.casefold())


def timed(data: bytes, name: str) -> tuple[Brief, float, float]:
    start = time.perf_counter()
    brief = import_report(data, name)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    import_report(data, name)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return brief, seconds, peak


def gone(template_words: Counter[str], document: Counter[str], brief: Brief) -> float:
    """The share of the template's words (those the document does not use) not in the brief."""
    own = {w for w in template_words if w not in document and len(w) > 2}
    have = words(re.sub(r"\(?https?://\S+", " ", brief_text(brief)))  # links' targets aside
    return sum(1 for w in own if w not in have) / len(own) if own else 1.0


def paragraphs(brief: Brief) -> list[str]:
    out = []
    for section in brief.sections:
        out += [" ".join(p.split()) for p in section.paragraphs]
        for sub in section.subsections:
            out += [" ".join(p.split()) for p in sub.paragraphs]
    return out


def fidelity(out: Path) -> list[str]:
    """The shipped report: from its text, and from its HTML and PDF renderings."""
    source = make_pages.SHIPPED_SOURCE
    reference = import_report(source.read_bytes(), source.name)
    ref_outline = [(i, t.strip()) for i, t in outline(reference)]
    ref_glossary = [(e.term, e.category, e.definition) for e in reference.glossary]
    ref_paragraphs = paragraphs(reference)
    rows = []
    for name in ("report.html", "report-divs.html", "report.pdf"):
        path = out / name
        brief, seconds, peak = timed(path.read_bytes(), name)
        found = [(i, t.strip()) for i, t in outline(brief)]
        glossary = [(e.term, e.category, e.definition) for e in brief.glossary]
        same = sum(1 for p in paragraphs(brief) if p in set(ref_paragraphs))
        share = kept(words(brief_text(reference)), words(brief_text(brief)))
        meta = brief.meta
        rows.append(
            f"| {name} | {lcs(ref_outline, found)}/{len(ref_outline)} | "
            f"{'same' if glossary == ref_glossary else f'{len(glossary)}/{len(ref_glossary)}'} | "
            f"{same}/{len(ref_paragraphs)} | {share:.2%} | "
            f"{'yes' if (meta.title, meta.kind, meta.date, meta.publisher) == (reference.meta.title, reference.meta.kind, reference.meta.date, reference.meta.publisher) else 'no'} | "
            f"{seconds * 1000:.0f} ms | {peak / 2**20:.1f} MiB |"
        )
    return rows


def corpus(out: Path) -> list[str]:
    expected = tomllib.loads((HERE / "expected.toml").read_text(encoding="utf-8"))
    rows = []
    for number, name in enumerate(make_pages.MARKDOWN_DOCUMENTS):
        source = HERE / name
        visible = words(visible_text(source, source.read_text(encoding="utf-8")))
        heads = [str(h) for h in expected[name]["headings"]]
        want = [norm(h) for h in heads]
        template = "semantic" if number % 2 == 0 else "divs"
        boiler = words(make_pages.boilerplate_text(template, "docs.example"))
        for suffix in (".html", ".pdf"):
            path = out / (Path(name).stem + suffix)
            try:
                brief, seconds, peak = timed(path.read_bytes(), path.name)
            except Exception as exc:  # a failure is a result
                rows.append(f"| {path.name} | failed: {str(exc)[:80]} |||||||")
                continue
            have = [norm(t) for _, t in outline(brief)]
            share = kept(visible, words(brief_text(brief)))
            away = f"{gone(boiler, visible, brief):.0%}" if suffix == ".html" else "—"
            layout = template if suffix == ".html" else f"{1 + number % 2} column(s)"
            rows.append(
                f"| {path.name} | {layout} | {len(heads)} | {lcs(want, have)} | {share:.2%} | "
                f"{away} | {seconds * 1000:.0f} ms | {peak / 2**20:.1f} MiB |"
            )
    return rows


def article_truth(path: Path, article: str, around: str) -> tuple[Counter[str], Counter[str], list[str]]:
    """The article's words, the words around it (not in the article), its headings."""
    from selectolax.lexbor import LexborHTMLParser

    page = LexborHTMLParser(path.read_text(encoding="utf-8", errors="replace"))
    for node in page.css("script, style, noscript, template"):
        node.decompose()
    main = page.css_first(article)
    truth = words(main.text(separator=" ")) if main is not None else Counter()
    heads = [
        " ".join(h.text().replace("¶", "").replace("#", "").split())
        for h in (main.css("h1, h2, h3, h4, h5, h6") if main is not None else [])
    ]
    boiler: Counter[str] = Counter()
    for node in page.css(around):
        boiler += words(node.text(separator=" "))
    return truth, boiler, [h for h in heads if h]


def real_pages() -> list[str]:
    rows = []
    for name, article, around in REAL_PAGES:
        path = Path(name)
        if not path.exists():
            continue
        truth, boiler, heads = article_truth(path, article, around)
        try:
            brief, seconds, peak = timed(path.read_bytes(), path.name)
        except Exception as exc:
            rows.append(f"| {path.name} | failed: {str(exc)[:80]} ||||||")
            continue
        have = [norm(brief.meta.title)] + [norm(t) for _, t in outline(brief)]
        found = lcs([norm(h) for h in heads], have)
        rows.append(
            f"| {path.parent.name}/{path.name} | {len(heads)} | {found} | "
            f"{kept(truth, words(brief_text(brief))):.2%} | {gone(boiler, truth, brief):.0%} | "
            f"{seconds * 1000:.0f} ms | {peak / 2**20:.1f} MiB |"
        )
    return rows


def real_pdfs() -> list[str]:
    rows = []
    for name, html_folder in REAL_PDFS:
        path = Path(name)
        if not path.exists():
            continue
        start = time.perf_counter()
        try:
            brief = import_report(path.read_bytes(), path.name)
        except Exception as exc:
            rows.append(f"| {path.name} | failed: {str(exc)[:80]} ||||")
            continue
        seconds = time.perf_counter() - start
        share = "—"
        if html_folder and Path(html_folder).exists():
            truth: Counter[str] = Counter()
            from selectolax.lexbor import LexborHTMLParser

            for page in sorted(Path(html_folder).glob("*.html")):
                tree = LexborHTMLParser(page.read_text(encoding="utf-8", errors="replace"))
                for node in tree.css("div.navheader, div.navfooter, script, style"):
                    node.decompose()
                truth += words(tree.body.text(separator=" ")) if tree.body else Counter()
            share = f"{kept(truth, words(brief_text(brief))):.2%}"
        sections = len(brief.sections)
        subs = sum(len(s.subsections) for s in brief.sections)
        rows.append(
            f"| {path.name} | {sections} + {subs} | {share} | {seconds * 1000:.0f} ms |"
        )
    return rows


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        make_pages.build(out)
        print("Fidelity: the shipped report, against its import from text\n")
        print("| rendering | outline in order | glossary | paragraphs the same | words kept | metadata | time | peak memory |")
        print("|---|---:|---|---:|---:|---|---:|---:|")
        print("\n".join(fidelity(out)))
        print("\nCorpus: the Markdown documents as web pages and PDFs\n")
        print("| rendering | layout | headings | in order | words kept | boilerplate gone | time | peak memory |")
        print("|---|---|---:|---:|---:|---:|---:|---:|")
        print("\n".join(corpus(out)))
        rows = real_pages()
        if rows:
            print("\nReal documentation pages installed on this machine\n")
            print("| page | headings | in order | article words kept | sidebar/navigation gone | time | peak memory |")
            print("|---|---:|---:|---:|---:|---:|---:|")
            print("\n".join(rows))
        rows = real_pdfs()
        if rows:
            print("\nReal PDFs installed on this machine\n")
            print("| PDF | sections + subsections | words kept (vs its HTML) | time |")
            print("|---|---:|---:|---:|")
            print("\n".join(rows))
        if "--libraries" in sys.argv:
            import compare_libraries

            compare_libraries.main(out)


if __name__ == "__main__":
    main()
