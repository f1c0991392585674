"""`brief import` of web pages: the article whole, the page around it gone, the same brief as
from the report's text."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from briefcli.importers import brief_yaml, import_report, sniff
from briefcli.model import Brief, CodeBlock, TableBlock
from conftest import REPO, SOURCE, Runner, outline, paragraphs, write

pytest.importorskip("selectolax")
sys.path.insert(0, str(REPO / "tests" / "data" / "web"))
sys.path.insert(0, str(REPO / "tests" / "data" / "corpus"))

import make_pages

#: Words only the page templates have: none may reach the brief.
BOILERPLATE = (
    "cookies", "Accept all", "Manage preferences", "Sign in", "Search reports", "Related reports",
    "newsletter", "Subscribe", "Breadcrumb", "Share this page", "Tweet", "rights reserved",
    "Terms of service", "Careers", "Made with care", "Got it", "Log in", "Popular",
    "Advertisement", "Leave a comment", "Powered by WordPress", "RSS feed", "Tags:",
    "Skip to main content", "does not support JavaScript", "gtag", "_paq", "On this page",
)  # fmt: skip


@pytest.fixture(scope="module")
def reference() -> Brief:
    """The shipped report imported from its text."""
    return import_report(SOURCE.read_bytes(), SOURCE.name)


@pytest.fixture(scope="module")
def report_doc() -> make_pages.Document:
    return make_pages.shipped_report()


@pytest.mark.parametrize("template", ["semantic", "divs"])
def test_the_shipped_report_from_its_web_page_is_the_brief_from_its_text(
    reference: Brief, report_doc: make_pages.Document, template: str
) -> None:
    page = make_pages.page_html(report_doc, template).encode()
    brief = import_report(page, "report.html")
    assert outline(brief) == outline(reference)
    assert brief.glossary == reference.glossary  # terms, categories, definitions
    assert paragraphs(brief) == paragraphs(reference)
    meta, ref = brief.meta, reference.meta
    assert (meta.title, meta.kind, meta.date, meta.publisher) == (
        ref.title,
        ref.kind,
        ref.date,
        ref.publisher,
    )
    text = brief_yaml(brief, "report.html")
    for phrase in BOILERPLATE:
        assert phrase.casefold() not in text.casefold(), phrase


def test_javascript_and_data_links_keep_their_text_only() -> None:
    page = b"""<!doctype html><title>T</title><main><h1>T</h1><h2>Links</h2>
    <p>Press <a href="javascript:alert(document.cookie)">this button</a> or
    <a href="data:text/html;base64,PHNjcmlwdD4=">that link</a> or
    <a href=" JavaScript:evil()">another</a>; read <a href="https://e.org/x">the spec</a>,
    <a href="#top">the top</a> and <a href="other.html">a neighbour</a>.</p></main>"""
    text = brief_yaml(import_report(page, "p.html"), "p.html")
    assert "this button" in text and "that link" in text and "another" in text
    assert "javascript" not in text.casefold() and "data:" not in text
    assert "the spec (https://e.org/x)" in text
    assert "#top" not in text and "other.html" not in text


def test_blocks_are_kept_as_the_markdown_reader_keeps_them() -> None:
    page = b"""<!doctype html><html><head><title>Site | Field notes</title>
    <meta property="og:title" content="Field notes"></head><body><article>
    <h2>Lists</h2><ul><li>one</li><li>two<ol start="3"><li>three</li></ol></li></ul>
    <h2>Tables</h2><table><tr><th>when</th><th>what</th></tr><tr><td>2021</td><td>a | b</td></tr>
    </table><h2>Code</h2><pre class="language-sh"><code>make  -C deps
  clean</code></pre><blockquote><p>Quoted words.</p></blockquote>
    <h2>Options</h2><dl><dt><code>--fast</code></dt><dd>Go fast.</dd></dl>
    <h2>Glossary</h2><dl class="glossary"><dt>Storm Corps [Concept]</dt><dd>A unit.</dd>
    <dt>Cold War <span class="category">Event</span></dt><dd>A period.</dd>
    <dt>Detente</dt><dd>An easing.</dd></dl></article></body></html>"""
    brief = import_report(page, "notes.html")
    assert brief.meta.title == "Field notes"  # og:title, as no h1 is the title
    found = {s.title: s.paragraphs for s in brief.sections}
    assert found["Lists"] == ("- one", "- two", "  3. three")
    assert found["Tables"] == (TableBlock(("when", "what"), (("2021", "a | b"),)),)
    assert found["Code"] == (CodeBlock("make  -C deps\n  clean", "sh"), "> Quoted words.")
    assert found["Options"] == ("--fast: Go fast.",)  # a term as its heading would be
    assert [(e.term, e.category) for e in brief.glossary] == [
        ("Storm Corps", "Concept"),
        ("Cold War", "Event"),
        ("Detente", "General"),
    ]


BLOCKS_PAGE = """<!doctype html><title>T</title><main><h1>Build notes</h1><h2>Code</h2>
<p>Run this:</p>
<pre><code class="language-python">def f(x):
    return x &lt; 2 &amp;&amp; "a&#8203;b"

print(f(1))
</code></pre>
<div class="highlight-fish notranslate"><pre>set -l x 1</pre></div>
<ul><li>In a list:<pre>  indented   spaces</pre></li><li>after</li></ul>
<h2>Tables</h2>
<table><caption>Releases</caption>
<thead><tr><th>Version</th><th colspan="2">Changes</th></tr></thead>
<tbody><tr><td>1.0</td><td>new <code>--fast</code></td><td>fixes</td></tr>
<tr><td colspan="3">Everything   in
one cell</td></tr>
<tr><td rowspan="2">2.0</td><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></tbody>
</table>
<table><tr><td>north</td><td>12</td></tr><tr><td></td><td></td></tr>
<tr><td>south</td><td>7</td></tr></table>
</main>"""


def test_pre_and_table_become_typed_blocks() -> None:
    brief = import_report(BLOCKS_PAGE.encode(), "blocks.html")
    found = {s.title: s.paragraphs for s in brief.sections}
    code = found["Code"]
    assert code[0] == "Run this:"
    # The code as written, entities decoded, the invisible zero-width space gone.
    assert code[1] == CodeBlock('def f(x):\n    return x < 2 && "ab"\n\nprint(f(1))', "python")
    assert code[2] == CodeBlock("set -l x 1", "fish")  # Sphinx names it on the div around
    # A block in a list item stays a block, as in a Markdown import.
    assert code[3:] == ("- In a list:", CodeBlock("  indented   spaces"), "- after")
    tables = found["Tables"]
    assert tables[0] == "Releases"
    # A cell spanning columns fills the cells it covers with nothing: every row as wide as
    # the header, as the brief format requires.
    assert tables[1] == TableBlock(
        ("Version", "Changes", ""),
        (
            ("1.0", "new `--fast`", "fixes"),
            ("Everything in one cell", "", ""),
            ("2.0", "a", "b"),
            ("", "c", "d"),
        ),
    )
    # Without a header row the first row is the header; a row with no text is left out.
    assert tables[2] == TableBlock(("north", "12"), (("south", "7"),))
    assert brief_yaml(brief, "blocks.html")  # a valid brief: the loader takes every row


def test_sphinx_names_the_language_two_elements_around_the_pre() -> None:
    page = b"""<!doctype html><title>T</title><h1>T</h1><h2>S</h2>
    <div class="highlight-python notranslate"><div class="highlight"><pre>x = 1</pre></div></div>
    <div class="highlight-default notranslate"><div class="highlight"><pre>y</pre></div></div>"""
    paragraphs = import_report(page, "s.html").sections[0].paragraphs
    assert paragraphs == (CodeBlock("x = 1", "python"), CodeBlock("y"))


def test_imported_blocks_show_typed_in_json_and_as_lines_in_text(
    brief: Runner, tmp_path: Path
) -> None:
    out = tmp_path / "blocks.yaml"
    made = brief("import", str(write(tmp_path, "blocks.html", BLOCKS_PAGE)), "-o", str(out))
    assert made.exit_code == 0, made.stderr
    data = json.loads(brief("show", "1", "--format", "json", "--brief", str(out)).stdout)
    paragraphs = data["section"]["paragraphs"]
    assert paragraphs[1]["type"] == "code" and paragraphs[1]["language"] == "python"
    assert paragraphs[1]["code"].splitlines()[1] == '    return x < 2 && "ab"'
    tables = json.loads(brief("show", "2", "--format", "json", "--brief", str(out)).stdout)
    table = tables["section"]["paragraphs"][1]
    assert table["type"] == "table" and table["header"] == ["Version", "Changes", ""]
    assert all(len(row) == 3 for row in table["rows"])
    shown = brief("show", "1", "-w", "60", "--brief", str(out)).stdout
    assert '    def f(x):\n        return x < 2 && "ab"\n' in shown
    assert "```" not in shown


def test_time_elements_give_timeline_events() -> None:
    page = b"""<!doctype html><title>T</title><body><h1>Harbour</h1><h2>Events</h2>
    <p>The port closed on <time datetime="2024-10-03T08:00Z">the third of that month</time>
    after the storm. It reopened later.</p></body>"""
    brief = import_report(page, "h.html")
    events = [(e.date.text, e.event, e.sections) for e in brief.timeline]
    assert (
        "2024-10-03",
        "The port closed on the third of that month after the storm.",
        ("1",),
    ) in events


def test_the_title_comes_from_h1_og_title_or_title() -> None:
    one_h1 = b"<!doctype html><title>Site - Page</title><h1>Real Title</h1><h2>A</h2><p>x</p>"
    assert import_report(one_h1, "a.html").meta.title == "Real Title"
    no_h1 = b"<!doctype html><title>Only The Title</title><h2>A</h2><p>x</p><h2>B</h2><p>y</p>"
    assert import_report(no_h1, "b.html").meta.title == "Only The Title"


def test_content_decides_when_the_name_does_not() -> None:
    page = b"<!DOCTYPE html>\n<html><title>T</title><h1>T</h1><h2>S</h2><p>Text.</p></html>"
    assert sniff(page, "download") == "html"
    assert sniff(page, "notes.txt") == "auto"  # a .txt is text, whatever it holds
    assert sniff(b"%PDF-1.7\n", "download") == "pdf"
    assert import_report(page, "download").sections[0].title == "S"


def test_control_characters_are_shown_escaped(brief: Runner, tmp_path: Path) -> None:
    page = "<!doctype html><title>T</title><h1>T</h1><h2>S</h2><p>red &#27;[31m text &#x202e;x</p>"
    path = write(tmp_path, "c.html", page)
    made = brief("import", str(path), "-o", str(tmp_path / "c.yaml"))
    assert made.exit_code == 0, made.stderr
    shown = brief("show", "1", "-b", str(tmp_path / "c.yaml"))
    assert shown.exit_code == 0
    assert "\x1b" not in shown.stdout and "\u202e" not in shown.stdout
    assert "\\x1b[31m" in shown.stdout


def test_deep_nesting_keeps_the_text() -> None:
    page = "<!doctype html><title>T</title><h1>T</h1><h2>Deep</h2>" + "<div>" * 3000
    page += "bottom words" + "</div>" * 3000
    brief = import_report(page.encode(), "deep.html")
    assert "bottom words" in " ".join(paragraphs(brief))


@pytest.mark.parametrize(
    "body",
    [
        "<div>" * 60_000 + "x" + "</div>" * 60_000,  # 660 KB
        "<ul><li>" * 30_000 + "x",  # 240 KB
        "<span>" * 10_000 + "<p>x</p>" * 100_000,  # deep, then many blocks: 860 KB
        "<svg>" + "<div>" * 60_000 + "x",  # a <div> ends the SVG: read as HTML
    ],
    ids=["divs", "lists", "blocks-under-spans", "after-an-svg"],
)
def test_nesting_that_would_take_seconds_to_parse_is_refused_at_once(
    brief: Runner, tmp_path: Path, body: str
) -> None:
    """The HTML parser walks the open elements at every block: depth times blocks (these take
    2 to 12 s; a 6 MiB page of them, hours). Such a page is refused with one line before it
    is parsed."""
    path = write(tmp_path, "deep.html", "<!doctype html><title>T</title><h1>T</h1>" + body)
    result = brief("import", str(path), "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 2, result.stdout
    assert "nested too deep" in result.stderr and len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "out.yaml").exists()


def test_a_large_page_of_ordinary_depth_is_read() -> None:
    """Many tags, shallow, and an SVG of shapes that close themselves (as a real page of
    diagrams has: the Rust reference's print.html, 4 MB)."""
    shapes = "<svg><g>" + '<path d="M0 0"/><rect x="1"/>' * 20_000 + "</g></svg>"
    rows = "".join(
        f"<h2>Part {n}</h2><div><div><p>Text {n}.</p><ul><li>a</li></ul></div></div>"
        for n in range(3000)
    )
    rows += shapes
    page = "<!doctype html><title>T</title><body><main><h1>T</h1>" + rows + "</main></body>"
    brief = import_report(page.encode(), "big.html")
    assert len(brief.sections) == 3000


def test_the_outline_gives_each_headings_line(brief: Runner, tmp_path: Path) -> None:
    page = "<!doctype html>\n<title>T</title>\n<h1>T</h1>\n<h2>First</h2>\n<p>a</p>\n<h3>Sub</h3>\n"
    result = brief("import", str(write(tmp_path, "o.html", page)), "--outline")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1:] == ["     4  1    First", "     6  1-1    Sub"]


def test_a_page_without_headings_is_refused(brief: Runner, tmp_path: Path) -> None:
    path = write(tmp_path, "flat.html", "<!doctype html><title>T</title><p>Only text.</p>")
    result = brief("import", str(path), "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 2
    assert "no headings" in result.stderr and len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "out.yaml").exists()


def test_without_the_web_extra_one_line_names_it(
    brief: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "selectolax.lexbor", None)
    path = write(tmp_path, "p.html", "<!doctype html><title>T</title><h1>T</h1><h2>S</h2><p>x</p>")
    result = brief("import", str(path), "-o", "-")
    assert result.exit_code == 2
    assert result.stderr == (
        "brief: error: reading web pages needs the 'web' extra: pip install 'briefcli[web]'\n"
    )


REAL_PAGES = [
    ("/usr/share/doc/nodejs/api/path.html", "#apicontent", "#column2, #toc"),
    ("/usr/share/doc/fish/tutorial.html", "div.body", "div.sphinxsidebar, div.related"),
    (
        "/usr/lib/node_modules/npm/docs/output/commands/npm-install.html",
        "#content",
        "#table_of_contents, header.title, footer",
    ),
]


@pytest.mark.parametrize(("name", "article", "around"), REAL_PAGES)
def test_installed_documentation_loses_its_sidebar_and_keeps_its_article(
    name: str, article: str, around: str
) -> None:
    path = Path(name)
    if not path.exists():
        pytest.skip(f"{name} is not installed here")
    from measure import brief_text, kept, words
    from measure_web import article_truth

    truth, boiler, _ = article_truth(path, article, around)
    text = brief_text(import_report(path.read_bytes(), path.name))
    have = words(re.sub(r"\(?https?://\S+", " ", text))  # the links' targets aside
    assert kept(truth, have) >= 0.99
    sidebar_only = {w for w in boiler if w not in truth and len(w) > 2}
    assert not sidebar_only & set(have)
    if "npm" not in name:  # npm's table of contents and footer use the article's words only
        assert sidebar_only


def test_reading_commands_import_none_of_it() -> None:
    code = (
        "import sys; from briefcli.cli import run; run(['show', '1']);"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('selectolax', 'pypdfium2', 'http', 'ssl') or m.startswith('briefcli.importers')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_headings_named_by_a_contents_list_of_in_page_links_are_sections() -> None:
    page = b"""<!doctype html><title>Grain report</title><main><h1>Grain report</h1>
    <h2>Contents</h2><ul><li><a href="#a">Ports and ships</a></li>
    <li><a href="#b">Food and feed</a></li><li><a href="report.html#c">Outlook</a></li></ul>
    <p><b>Summary</b></p><p>Grain moves by sea. Most of it goes through Jebel Ali.</p>
    <p><b>Ports and ships</b></p><p>Jebel Ali is the leading container port of the region.</p>
    <p><b>Food and feed</b></p><p>The Gulf states depend on ships for most of their grain.</p>
    <p><a id="c"></a>Outlook</p><p>Storage at the ports holds several months of grain.</p>
    </main>"""
    brief = import_report(page, "grain.html")
    assert [(s.title, s.role, len(s.paragraphs)) for s in brief.sections] == [
        ("Contents", None, 3),
        ("Summary", "summary", 1),
        ("Ports and ships", None, 1),
        ("Food and feed", None, 1),
        ("Outlook", None, 1),
    ]
    # A list of links to other pages is a list, not contents.
    other = page.replace(b'href="#a"', b'href="a.html"').replace(b'href="#b"', b'href="b.html"')
    assert [s.title for s in import_report(other, "grain.html").sections] == ["Contents"]


def test_headings_named_by_a_contents_list_get_their_line(brief: Runner, tmp_path: Path) -> None:
    """--outline gives the line a promoted heading stands on, not the contents entry's."""
    page = (
        "<!doctype html>\n<title>Grain</title>\n<main><h1>Grain</h1>\n<h2>Contents</h2>\n"
        '<ul><li><a href="#a">Ports and ships</a></li>\n<li><a href="#b">Food and feed</a></li>\n'
        '<li><a href="#c">Outlook</a></li></ul>\n<p><b>Ports and ships</b></p>\n'
        "<p>Jebel Ali is the leading port.</p>\n<p><b>Food and feed</b></p>\n"
        "<p>Ships bring most grain.</p>\n<p>Outlook</p>\n<p>Storage holds months.</p></main>\n"
    )
    result = brief("import", str(write(tmp_path, "g.html", page)), "--outline")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [
        "     4  1   Contents",
        "     8  2   Ports and ships",
        "    10  3   Food and feed",
        "    12  4   Outlook",
    ]


@pytest.mark.parametrize(
    "boilerplate", ["Document", "Untitled Document", "React App", "report.html", "index"]
)
def test_a_boilerplate_page_title_gives_way_to_the_first_heading(boilerplate: str) -> None:
    """An editor's HTML boilerplate keeps `<title>Document</title>` when its author never
    changed it: the report is titled by its first heading instead, as a PDF's placeholder
    metadata title is."""
    page = (
        f"<!doctype html><title>{boilerplate}</title><h2>Port Capacity Review</h2>"
        "<p>Ports grew.</p><h2>Findings</h2><p>Trade rose.</p>"
    )
    brief = import_report(page.encode(), "page.html")
    assert brief.meta.title == "Port Capacity Review"
    named = "<!doctype html><title>Port review 2025</title><h2>A</h2><p>x.</p><h2>B</h2><p>y.</p>"
    assert import_report(named.encode(), "page.html").meta.title == "Port review 2025"


def test_a_definition_written_as_paragraphs_goes_with_its_term() -> None:
    """Sphinx writes each definition as paragraphs (Python's glossary page): the first goes
    with its term, so a Glossary page gives its terms, not 8 of 150; the rest is kept."""
    page = (
        b"<!doctype html><title>Glossary</title><h1>Glossary</h1><p>Terms used here.</p>"
        b'<dl class="glossary"><dt>bytecode</dt><dd><p>Source code is compiled into '
        b"bytecode.</p><p>It is cached in files.</p></dd>"
        b"<dt>Global Interpreter Lock</dt><dd><p>The lock that lets one thread run at a "
        b"time.</p><ul><li>see threads</li></ul></dd></dl>"
        b"<h2>Notes</h2><dl><dt>frob</dt><dd><p>A thing that turns.</p></dd>"
        b"<dt>knob</dt><dd>Turns frobs.</dd></dl>"
    )
    brief = import_report(page, "glossary.html")
    assert [(g.term, g.definition) for g in brief.glossary] == [
        ("bytecode", "Source code is compiled into bytecode."),
        ("Global Interpreter Lock", "The lock that lets one thread run at a time."),
    ]
    assert brief.sections[0].paragraphs == (
        "Terms used here.",
        "It is cached in files.",
        "- see threads",
    )
    assert brief.sections[1].paragraphs == ("frob: A thing that turns.", "knob: Turns frobs.")
