"""`brief import` of web pages: what generators leave around the author's text (error boxes,
'More...' links, member headings) and tables whose cells hold paragraphs. Each page here is
written for the test in a generator's shape; none is a copy of a real one."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefcli.importers import import_report
from briefcli.model import CodeBlock, TableBlock
from conftest import Runner, outline, paragraphs, write

pytest.importorskip("selectolax")


def _page(body: str) -> bytes:
    page = f"<!doctype html><html><head><title>Jars</title></head><body>{body}</body></html>"
    return page.encode()


# -- docutils and Sphinx error boxes


def test_docutils_error_boxes_are_the_generators_not_the_authors() -> None:
    """rst2html's 'System Message: ERROR/3' boxes (a div in HTML 4, an aside in HTML 5) and
    its 'Docutils System Messages' section say how the page was built: none is report text."""
    page = _page(
        '<div class="document"><h1 class="title">Jars</h1>'
        '<div class="section" id="lids"><h1>Lids</h1>'
        '<p>A lid keeps <a href="#system-message-1"><span class="problematic">:ref:`beans`'
        "</span></a> dry.</p>"
        '<div class="system-message" id="system-message-1">'
        '<p class="system-message-title">System Message: ERROR/3 (<tt>jars.rst</tt>, line 4); '
        '<em><a href="#problematic-1">backlink</a></em></p>'
        "Unknown interpreted text role &quot;ref&quot;.</div>"
        "<p>Screw it on tight.</p></div>"
        '<div class="system-messages section"><h1>Docutils System Messages</h1>'
        '<div class="system-message"><p class="system-message-title">System Message: '
        "INFO/1 (<tt>jars.rst</tt>, line 9)</p><p>Duplicate target.</p></div></div></div>"
    )
    brief = import_report(page, "jars.html")
    assert [title for _, title in outline(brief)] == ["Jars", "Lids"]
    text = paragraphs(brief)
    assert text == ["A lid keeps :ref:`beans` dry.", "Screw it on tight."]


# -- tables


SPHINX_TABLE = (
    '<main><h1>Options</h1><section id="quick"><h2>Quick links</h2>'
    '<table class="docutils align-default"><thead><tr class="row-odd">'
    '<th class="head"><p>Name</p></th><th class="head"><p>Description</p></th></tr></thead>'
    '<tbody><tr class="row-even"><td><p><a class="reference internal" href="#size">size</a>'
    "</p></td><td><p>How many beans a jar holds: <code>int</code></p></td></tr>"
    '<tr class="row-odd"><td><p>lid</p></td><td></td></tr></tbody></table>'
    "<p>More below.</p></section></main>"
)


def test_a_sphinx_table_whose_cells_are_paragraphs_is_a_table() -> None:
    """Sphinx writes each cell's text as a paragraph ('<td><p>…</p></td>'), as Python's
    argparse page does: the table is still a table, not one paragraph per cell."""
    brief = import_report(_page(SPHINX_TABLE), "options.html")
    table = brief.sections[0].paragraphs[0]
    assert isinstance(table, TableBlock)
    assert table.header == ("Name", "Description")
    assert table.rows == (("size", "How many beans a jar holds: `int`"), ("lid", ""))
    assert brief.sections[0].paragraphs[1] == "More below."


def test_a_headerless_table_of_paragraphs_is_layout() -> None:
    """groff's HTML sets each option beside its description in a table of paragraphs with
    no header: read as the paragraphs, in order, as before."""
    page = _page(
        "<h1>find</h1><h2>Options</h2>"
        '<table width="100%" border="0"><tr valign="top"><td width="11%"></td>'
        '<td width="3%"><p>-P</p></td><td width="8%"></td>'
        '<td width="78%"><p>Never follow symbolic links.</p></td></tr></table>'
    )
    brief = import_report(page, "find.html")
    assert paragraphs(brief) == ["-P", "Never follow symbolic links."]


def test_a_cell_of_two_paragraphs_still_makes_a_layout_table() -> None:
    page = _page(
        "<h1>Jars</h1><h2>Part</h2><table><tr><th>Side</th></tr>"
        "<tr><td><p>One paragraph.</p><p>Another paragraph.</p></td></tr></table>"
    )
    brief = import_report(page, "jars.html")
    assert "One paragraph." in paragraphs(brief)
    assert "Another paragraph." in paragraphs(brief)


# -- DocBook title pages


def test_docbook_subtitle_and_authors_are_lines_of_the_title_page() -> None:
    """DocBook's XSL writes the subtitle as an h2 and each author as an h3: lines under the
    title, not its subsections; a heading merely named 'editor' by its id stays one."""
    page = _page(
        '<div class="book"><div class="titlepage"><div><h1 class="title">Jars</h1></div>'
        '<div><h2 class="subtitle">A guide to keeping beans</h2></div>'
        '<div class="authorgroup"><div class="author"><h3 class="author">'
        '<span class="firstname">Ann</span> <span class="surname">Lee</span></h3>'
        '<div class="affiliation"><span class="orgname">Bean Co.</span></div></div></div>'
        '<p class="copyright">Copyright © 2020 Ann Lee</p></div>'
        '<div class="chapter"><h2 class="title">Chapter 1. Lids</h2><p>Lids keep beans dry.</p>'
        '<h3 id="editor">editor</h3><p>The program that opens a jar.</p></div></div>'
    )
    brief = import_report(page, "jars.html")
    assert brief.meta.title == "Jars"
    assert [title for _, title in outline(brief)] == ["Jars", "Chapter 1. Lids", "editor"]
    assert paragraphs(brief)[:4] == [
        "A guide to keeping beans",
        "Ann Lee",
        "Bean Co.",
        "Copyright © 2020 Ann Lee",
    ]


# -- Doxygen


def test_doxygens_more_links_are_navigation() -> None:
    """Doxygen ends each brief description with a 'More...' link to the full one: the page's
    navigation, not the description's last word."""
    page = _page(
        '<div class="header"><div class="headertitle"><div class="title">jar.h File Reference'
        '</div></div></div><div class="contents"><p>Jars and their lids. '
        '<a href="#details">More...</a></p><h2 class="groupheader">Functions</h2>'
        '<p>Opens a jar. <a href="jar_8h.html#a1f">More…</a></p>'
        '<p>See <a href="https://example.org/more">more</a>.</p></div>'
    )
    brief = import_report(page, "jar_8h.html")
    assert paragraphs(brief) == [
        "Jars and their lids.",
        "Opens a jar.",
        "See more (https://example.org/more).",
    ]


# -- code the page already quotes


@pytest.mark.parametrize(
    ("markup", "shown"),
    [
        ("The file &lsquo;<samp>bzlib.h</samp>&rsquo; holds it.", "The file ‘bzlib.h’ holds it."),
        ("Press the &ldquo;<kbd>q</kbd>&rdquo; key.", "Press the “q” key."),
        ('Set "<code>__all__</code>" first.', 'Set "__all__" first.'),
        ("Call <code>open()</code> first.", "Call `open()` first."),
        ("A ‘<code>x</code> and <code>y</code>’ pair.", "A ‘`x` and `y`’ pair."),
    ],
    ids=["texinfo-samp", "kbd", "ascii", "unquoted", "two-codes"],
)
def test_code_between_quotes_gets_no_backticks_as_well(markup: str, shown: str) -> None:
    """Texinfo writes @samp and @file as '‘<samp>…</samp>’': the quotes already mark the
    code, and backticks inside them would quote it twice (‘`bzlib.h`’)."""
    brief = import_report(_page(f"<h1>Jars</h1><h2>Files</h2><p>{markup}</p>"), "jars.html")
    assert paragraphs(brief) == [shown]


# -- pdoc


PDOC = """<!doctype html><html><head><title>jars API documentation</title></head><body>
<nav class="pdoc"><h2>API Documentation</h2><ul><li><a href="#Jar">Jar</a></li></ul></nav>
<main class="pdoc">
<section class="module-info"><h1 class="modulename">jars</h1>
<div class="docstring"><p>Keeping beans in jars.</p></div>
<input id="mod-view-source" class="view-source-toggle-state" type="checkbox" aria-hidden="true">
<label class="view-source-button" for="mod-view-source"><span>View Source</span></label>
<div class="pdoc-code codehilite"><pre><span></span>&quot;&quot;&quot;Beans.&quot;&quot;&quot;
class Jar: pass</pre></div></section>
<section id="Jar">
<input id="Jar-view-source" class="view-source-toggle-state" type="checkbox" aria-hidden="true">
<div class="attr class"><span class="def">class</span> <span class="name">Jar</span>:
<label class="view-source-button" for="Jar-view-source"><span>View Source</span></label></div>
<a class="headerlink" href="#Jar"></a>
<div class="pdoc-code codehilite"><pre><span></span>class Jar: pass</pre></div>
<div class="docstring"><p>A jar of beans.</p>
<div class="pdoc-code codehilite"><pre><span></span>&gt;&gt;&gt; Jar()</pre></div></div>
<div id="Jar.size" class="classattr"><div class="attr variable">
<span class="name">size</span><span class="annotation">: int</span> = <span class="default_value">3
</span></div><a class="headerlink" href="#Jar.size"></a>
<div class="docstring"><p>How many beans fit.</p></div></div>
</section>
<section id="pour"><div class="attr function"><span class="def">def</span>
<span class="name">pour</span><span class="signature">(<span class="param">jar</span>):</span></div>
<div class="docstring"><p>Empty a jar.</p></div></section>
</main></body></html>"""


def test_pdoc_members_are_headings_and_their_hidden_source_goes(
    brief: Runner, tmp_path: Path
) -> None:
    """pdoc writes no heading for a member: its header (``div.attr``) is one, under the
    module (a class's members under the class); the source shown only when 'View Source' is
    toggled, and the toggle's label, are not the page's text. Examples in a docstring stay."""
    imported = import_report(PDOC.encode(), "jars.html")
    assert imported.meta.title == "jars"
    assert outline(imported) == [
        ("0", "jars"),
        ("1", "class Jar"),
        ("1-1", "size"),
        ("2", "def pour"),
    ]
    assert paragraphs(imported) == [
        "Keeping beans in jars.",
        "class Jar:",
        "A jar of beans.",
        CodeBlock(">>> Jar()"),
        "size: int = 3",
        "How many beans fit.",
        "def pour(jar):",
        "Empty a jar.",
    ]
    path = write(tmp_path, "jars.html", PDOC)
    result = brief("import", str(path), "--outline")
    lines = {row.split()[-1]: row.split()[0] for row in result.stdout.splitlines()[1:]}
    assert lines["Jar"] == str(PDOC.count("\n", 0, PDOC.index('<section id="Jar">')) + 1)
    assert lines["size"] == str(PDOC.count("\n", 0, PDOC.index('id="Jar.size"')) + 1)


# -- javadoc


def test_a_javadoc_summary_grid_is_a_table() -> None:
    """javadoc (Java 16 on) lays its summaries out as a grid of divs, three to a row in a
    'three-column-summary': a table, its header cells ('table-header') its header."""
    page = _page(
        '<main role="main"><div class="header"><h1 class="title">Class Jar</h1></div>'
        '<section class="method-summary" id="method-summary"><h2>Method Summary</h2>'
        '<div class="summary-table three-column-summary">'
        '<div class="table-header col-first">Modifier and Type</div>'
        '<div class="table-header col-second">Method</div>'
        '<div class="table-header col-last">Description</div>'
        '<div class="col-first even-row-color"><code>int</code></div>'
        '<div class="col-second even-row-color"><code><a href="#size()">size</a>()</code></div>'
        '<div class="col-last even-row-color"><div class="block">How many beans fit.</div></div>'
        '<div class="col-first odd-row-color"><code>void</code></div>'
        '<div class="col-second odd-row-color"><code><a href="#pour()">pour</a>()</code></div>'
        '<div class="col-last odd-row-color"></div>'
        "</div></section></main>"
    )
    brief = import_report(page, "Jar.html")
    assert [title for _, title in outline(brief)] == ["Method Summary"]
    (table,) = paragraphs(brief)
    assert isinstance(table, TableBlock)
    assert table.header == ("Modifier and Type", "Method", "Description")
    assert table.rows == (
        ("`int`", "`size()`", "How many beans fit."),
        ("`void`", "`pour()`", ""),
    )


def test_a_grid_whose_cells_fill_no_whole_rows_is_read_as_blocks() -> None:
    page = _page(
        '<h1>Jar</h1><h2>Part</h2><div class="summary-table two-column-summary">'
        '<div class="table-header">Name</div><div>size</div><div>pour</div></div>'
    )
    brief = import_report(page, "Jar.html")
    assert paragraphs(brief) == ["Name", "size", "pour"]


# -- the page around a short article


def test_a_short_articles_footer_is_not_its_text() -> None:
    """On a page whose article is a few lines (Python's 'distutils/uploading'), the footer's
    licence and 'Created using Sphinx' outweigh it: the main part holding the title is still
    the article, and the footer stays out."""
    licence = "This page is licensed under the Python Software Foundation License. " * 5
    page = _page(
        '<div class="document"><div class="body" role="main"><section id="up">'
        "<h1>Uploading Jars</h1><p>See the packaging guide.</p></section></div></div>"
        f'<div class="footer">© Copyright 2001-2026. {licence}<br>Last updated on October 07, '
        '2026. Created using <a href="https://www.sphinx-doc.org/">Sphinx</a> 5.3.0.</div>'
    )
    brief = import_report(page, "uploading.html")
    assert paragraphs(brief) == ["See the packaging guide."]


def test_a_side_menu_and_its_trigger_are_navigation() -> None:
    page = _page(
        '<div class="document"><div class="sidemenu" id="sidemenu">'
        '<div class="menutrigger">Menu</div><div class="menu"><ul><li><a href="a.html">A</a>'
        "</li></ul></div></div><h1>Jars</h1><p>Beans.</p><h2>Lids</h2><p>Dry.</p></div>"
    )
    brief = import_report(page, "jars.html")
    assert [title for _, title in outline(brief)] == ["Jars", "Lids"]
    assert paragraphs(brief) == ["Beans.", "Dry."]


# -- Sphinx and docutils navigation inside the article


def test_sphinx_source_links_and_docutils_contents_are_navigation() -> None:
    """Sphinx's '[source]' link after a signature leads to the code; docutils' contents
    topic lists the headings that follow: neither is text of the page."""
    page = _page(
        '<div class="document"><h1 class="title">Jars</h1>'
        '<div class="contents topic" id="contents"><p class="topic-title">Contents</p>'
        '<ul class="simple"><li><a class="reference internal" href="#lids">Lids</a></li></ul>'
        '</div><div class="section" id="lids"><h2>Lids</h2>'
        '<dl class="py class"><dt class="sig sig-object py" id="jars.Lid">'
        '<em class="property">class </em><span class="sig-name descname">Lid</span>'
        '<a class="reference internal" href="_modules/jars.html#Lid">'
        '<span class="viewcode-link"><span class="pre">[source]</span></span></a></dt>'
        "<dd><p>Keeps beans dry.</p></dd></dl></div></div>"
    )
    brief = import_report(page, "jars.html")
    assert [title for _, title in outline(brief)] == ["Lids"]
    assert paragraphs(brief) == ["class Lid: Keeps beans dry."]


# -- mdBook


def test_the_rust_references_rule_links_are_permalinks() -> None:
    """The Rust reference (mdBook) puts a link to each rule beside it ('[expr.if.intro]'): a
    permalink like Sphinx's '¶', not a paragraph of the page; mdBook's heading links stay."""
    page = _page(
        '<main><h1 id="if"><a class="header" href="#if">if expressions</a></h1>'
        '<div class="rule" id="r-expr.if.intro"><a class="rule-link" href="#r-expr.if.intro" '
        'title="expr.if.intro"><span>[expr<wbr>.if<wbr>.intro]</span></a></div>'
        "<p>An <code>if</code> expression branches.</p>"
        '<h2 id="let"><a class="header" href="#let">if let patterns</a></h2>'
        '<p>It may bind.<a class="header-anchor" href="#let">#</a></p></main>'
    )
    brief = import_report(page, "if-expr.html")
    assert outline(brief) == [("0", "if expressions"), ("1", "if let patterns")]
    assert paragraphs(brief) == ["An `if` expression branches.", "It may bind."]


# -- redirects


def test_a_page_that_only_redirects_names_where_to(brief: Runner, tmp_path: Path) -> None:
    """mdBook leaves a 'Redirecting to…' page where a chapter was; Texinfo one for each
    renamed node: the refusal says where the text went, on one line."""
    page = (
        '<!doctype html><html><head><meta http-equiv="refresh" '
        'content="0; URL=ch19-02-jars.html\x1b[31m"></head><body><p>Redirecting to... '
        '<a href="ch19-02-jars.html">ch19-02-jars.html</a>.</p><script>var a = 1;</script>'
        "</body></html>"
    )
    result = brief("import", str(write(tmp_path, "ch18.html", page)), "--outline")
    assert result.exit_code == 2
    assert "only redirects to ch19-02-jars.html[31m; import that page" in result.stderr
    assert "\x1b" not in result.stderr and len(result.stderr.splitlines()) == 1


# -- footnotes


def test_a_footnotes_label_goes_with_its_text() -> None:
    """docutils (0.18 on) writes a footnote as its label and a paragraph: '[1] …', as shown,
    not '[1]' alone and the text after it."""
    page = _page(
        '<h1>Jars</h1><h2>Notes</h2><p>Beans keep.<a class="footnote-reference" '
        'href="#f1">[1]</a></p><aside class="footnote-list brackets">'
        '<aside class="footnote brackets" id="f1" role="note"><span class="label">'
        '<span class="fn-bracket">[</span><a href="#r1">1</a><span class="fn-bracket">]</span>'
        "</span><p>For a year or so.</p><p>Longer when dry.</p></aside></aside>"
    )
    brief = import_report(page, "jars.html")
    assert paragraphs(brief) == ["Beans keep.[1]", "[1] For a year or so.", "Longer when dry."]


def test_a_doxygen_member_row_and_its_description_are_one_paragraph() -> None:
    """Doxygen lists members in a table: a row of the declaration's two cells ('struct' |
    'lzma_allocator'), then a row of its description. One line a member, as a definition."""
    page = _page(
        '<div class="header"><div class="headertitle"><div class="title">jar.h File Reference'
        '</div></div></div><div class="contents"><table class="memberdecls">'
        '<tr class="heading"><td colspan="2"><h2 class="groupheader">Data Structures</h2>'
        '</td></tr><tr class="memitem:"><td class="memItemLeft">struct&#160;</td>'
        '<td class="memItemRight"><a class="el" href="structjar.html">jar</a></td></tr>'
        '<tr class="memdesc:"><td class="mdescLeft">&#160;</td><td class="mdescRight">A jar.  '
        '<a href="structjar.html#details">More...</a><br></td></tr>'
        '<tr class="separator:"><td class="memSeparator" colspan="2">&#160;</td></tr>'
        '<tr class="memitem:a1f"><td class="memItemLeft">int&#160;</td>'
        '<td class="memItemRight"><b>jar_size</b> (void)</td></tr>'
        "</table></div>"
    )
    brief = import_report(page, "jar_8h.html")
    assert [title for _, title in outline(brief)] == ["Data Structures"]
    assert paragraphs(brief) == ["struct jar: A jar.", "int jar_size (void)"]


# -- README badges


def test_a_readmes_status_badges_are_not_its_text() -> None:
    """A README rendered to HTML opens with status badges (linked images from shields.io,
    a '/badge.svg', Travis CI): not 'CI (https://…) Version (https://…)' as a paragraph.
    A linked logo that is no badge keeps its alt text."""
    page = _page(
        '<article class="markdown-body"><p><a href="https://github.com/a/jars/actions">'
        '<img src="https://github.com/a/jars/workflows/CI/badge.svg" alt="CI"></a> '
        '<a href="https://pypi.org/project/jars"><img src="https://img.shields.io/pypi/v/jars.svg"'
        ' alt="Version"></a> <a href="https://travis-ci.org/a/jars">'
        '<img src="https://travis-ci.org/a/jars.png" alt="Build status"></a></p>'
        '<h1>Jars</h1><p><a href="https://example.org/"><img src="logo.png" alt="Jar logo"></a>'
        "</p><h2>Use</h2><p>Keep beans.</p></article>"
    )
    brief = import_report(page, "README.html")
    assert paragraphs(brief) == ["Jar logo (https://example.org/)", "Keep beans."]


def test_doxygens_controls_and_graph_captions_are_not_text() -> None:
    """Doxygen's '[detail level 12]' buttons, the line over an include graph (an image, not
    text) and its 'Go to the source code of this file.' link are the page's, not the
    header's documentation."""
    page = _page(
        '<div class="header"><div class="headertitle"><div class="title">jar.h File Reference'
        '</div></div></div><div class="contents"><div class="textblock">'
        '<div class="dynheader">This graph shows which files include this file:</div>'
        '<div class="dyncontent"><div class="center"><img src="g.png" alt=""></div></div></div>'
        '<p><a href="jar_8h_source.html">Go to the source code of this file.</a></p>'
        '<div class="levels">[detail level <span onclick="toggleLevel(1);">1</span>'
        '<span onclick="toggleLevel(2);">2</span>]</div><h2 class="groupheader">Detailed '
        "Description</h2><p>Jars of beans.</p></div>"
    )
    brief = import_report(page, "jar_8h.html")
    assert paragraphs(brief) == ["Jars of beans."]


def test_javadoc_code_with_a_no_break_space_is_code() -> None:
    """javadoc writes a parameter as 'Object&nbsp;obj' in code: a piece of code, in
    backticks, its links' targets not spelled out; old pydoc's docstrings in tt stay text."""
    page = _page(
        '<h1>Jar</h1><h2>Methods</h2><p>See <code><a href="#equals">equals</a>(<a href='
        '"https://docs.example.org/Object.html">Object</a>&nbsp;obj)</code>.</p>'
        "<p><tt>Set&nbsp;in&nbsp;no-break&nbsp;spaces.</tt></p>"
    )
    brief = import_report(page, "Jar.html")
    assert paragraphs(brief) == ["See `equals(Object obj)`.", "Set in no-break spaces."]
