"""Code blocks and tables as paragraphs: the format's checks, the codec, the Markdown importer
and every output (text, terminal, Markdown, HTML, JSON) keeping them whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefcli.briefformat import brief_schema
from briefcli.codec import brief_from_data, brief_to_data
from briefcli.importers import import_report
from briefcli.importers.timeline import extract
from briefcli.loader import check_brief, load_brief, parse_brief
from briefcli.model import CodeBlock, TableBlock, is_block, prose
from briefcli.yamlio import dump
from conftest import HERE, Runner, golden, write
from test_formats import validate

SAMPLE = HERE / "data" / "blocks.yaml"
CODE = CodeBlock(
    "# on Linux\nmake -C deps clean\n\tmake all   # a tab, and a line longer than sixty columns,"
    " never wrapped",
    "bash",
)
TABLE = TableBlock(("Option", "Meaning"), (("`-j`", "jobs | parallel, *not* emphasis"), ("-C", "")))
MARKDOWN = """# Build notes

## Building

Run this:

```bash
# on Linux
make -C deps clean
```

| Option | Meaning |
| --- | --- |
| `-j` | jobs \\| parallel |
| -C | change directory |

Done.
"""


def _head(paragraphs: str) -> str:
    return f"id: t\ntitle: T\nsections:\n- id: '1'\n  title: One\n  paragraphs:\n{paragraphs}"


# -- the model -----------------------------------------------------------------------------


def test_blocks_are_text_to_text_readers_and_apart_to_renderers() -> None:
    assert CODE.startswith("# on Linux") and "make -C deps clean" in CODE
    assert "jobs | parallel" in TABLE and TABLE.splitlines()[0] == "Option | Meaning"
    # Equal only to the same kind of block: never to prose with the same words.
    assert CODE != str(CODE) and str(CODE) != CODE and CODE == CodeBlock(str(CODE), "bash")  # noqa: SIM300 (both sides on purpose)
    assert CODE != CodeBlock(str(CODE), "sh")  # noqa: SIM300 (both sides on purpose)
    assert TABLE != str(TABLE) and TABLE == TableBlock(TABLE.header, TABLE.rows)  # noqa: SIM300 (both sides on purpose)
    assert is_block(CODE) and is_block(TABLE) and not is_block("prose")
    assert prose(("a", CODE, "b", TABLE)) == ("a", "b")


# -- the loader ------------------------------------------------------------------------------


def test_the_sample_loads_with_its_blocks() -> None:
    brief, problems = check_brief(SAMPLE.read_text(encoding="utf-8"), "blocks.yaml")
    assert problems == [] and brief is not None
    assert brief.sections[0].paragraphs[1:] == (CODE, TABLE, CodeBlock("plain <b>code</b> & more"))


@pytest.mark.parametrize(
    ("paragraphs", "message"),
    [
        ("  - code: [a]\n", "sections[0].paragraphs[0].code: expected text, found a list"),
        ("  - language: sh\n", "sections[0].paragraphs[0]: expected text, found a mapping (a"),
        ("  - {code: x, table: y}\n", "sections[0].paragraphs[0].code: unknown key"),
        ("  - code: ' '\n", "sections[0].paragraphs[0].code: is empty"),
        ("  - code: x\n    lang: sh\n", "sections[0].paragraphs[0].lang: unknown key"),
        (
            "  - code: x\n    language: two words\n",
            "sections[0].paragraphs[0].language: must be one word, such as bash",
        ),
        (
            "  - table: {rows: [[a]]}\n",
            "sections[0].paragraphs[0].table.header: missing (required)",
        ),
        (
            "  - table: {header: []}\n",
            "sections[0].paragraphs[0].table.header: needs at least one cell",
        ),
        (
            "  - table: {header: [a, b], rows: [[x, y], [z]]}\n",
            "sections[0].paragraphs[0].table.rows[1]: has 1 cells; the header has 2",
        ),
        (
            "  - table: {header: [a], rows: [[{x: y}]]}\n",
            "sections[0].paragraphs[0].table.rows[0][0]: expected text, found a mapping",
        ),
        ("  - table: [a]\n", "sections[0].paragraphs[0].table: expected a mapping of keys"),
        ("  - text\n  - [a]\n", "sections[0].paragraphs[1]: expected text, found a list"),
    ],
)
def test_a_malformed_block_is_one_error_with_its_place(paragraphs: str, message: str) -> None:
    text = _head(paragraphs)
    brief, problems = check_brief(text, "b.yaml")
    errors = [p for p in problems if p.severity == "error"]
    assert brief is None and errors, problems
    assert errors[0].message.startswith(message), errors[0].message
    # The line and column are the offending value's, in the paragraphs (line 7 on).
    assert errors[0].line >= 7 and errors[0].column >= 3
    assert errors[0].render().startswith(f"b.yaml:{errors[0].line}:{errors[0].column}: error: ")


def test_hostile_characters_in_blocks_are_warned_about() -> None:
    text = _head('  - code: "x\\e[31m"\n  - table: {header: ["a\\u202e"]}\n')
    brief, problems = check_brief(text, "b.yaml")
    assert brief is not None
    assert [(p.severity, p.line) for p in problems] == [("warning", 7), ("warning", 8)]


# -- codec and schema ----------------------------------------------------------------------


def test_blocks_round_trip_through_yaml_json_and_the_cache_shape() -> None:
    brief = load_brief(SAMPLE)
    data = brief_to_data(brief)
    assert data["sections"][0]["paragraphs"][1] == {"code": str(CODE), "language": "bash"}
    assert data["sections"][0]["paragraphs"][2] == {
        "table": {"header": ["Option", "Meaning"], "rows": [list(r) for r in TABLE.rows]}
    }
    assert data["sections"][0]["paragraphs"][3] == {"code": "plain <b>code</b> & more"}
    again = brief_from_data(json.loads(json.dumps(data)))
    assert again == brief
    assert [type(p) for p in again.sections[0].paragraphs] == [
        str,
        CodeBlock,
        TableBlock,
        CodeBlock,
    ]
    assert parse_brief(dump(data), "again.yaml") == brief
    assert validate(data, brief_schema()) == []


@pytest.mark.parametrize(
    "item",
    [
        {"code": "x", "language": "a b"},
        {"code": "x", "extra": 1},
        {"table": {"rows": [["a"]]}},
        {"table": {"header": ["a"]}, "code": "x"},
        {"table": {"header": [["a"]]}},
    ],
)
def test_the_schema_refuses_malformed_blocks(item: object) -> None:
    data = brief_to_data(load_brief(SAMPLE))
    data["sections"][0]["paragraphs"].append(item)
    assert validate(data, brief_schema()) != []


# -- the Markdown importer -------------------------------------------------------------------


def test_markdown_code_and_tables_become_blocks() -> None:
    brief = import_report(MARKDOWN.encode(), "build.md")
    assert brief.sections[0].paragraphs == (
        "Run this:",
        CodeBlock("# on Linux\nmake -C deps clean", "bash"),
        TableBlock(
            ("Option", "Meaning"), (("`-j`", "jobs | parallel"), ("-C", "change directory"))
        ),
        "Done.",
    )


def test_an_imported_brief_shows_its_code_on_its_own_lines(brief: Runner, tmp_path: Path) -> None:
    source = write(tmp_path, "build.md", MARKDOWN)
    out = tmp_path / "build.yaml"
    assert brief("import", str(source), "-o", str(out)).exit_code == 0
    shown = brief("show", "1", "-w", "60", "--brief", str(out)).stdout
    assert "\n    # on Linux\n    make -C deps clean\n" in shown
    assert "```" not in shown
    assert "Option  Meaning\n------  ----------------\n`-j`    jobs | parallel\n" in shown
    markdown = brief("show", "1", "--format", "markdown", "--brief", str(out)).stdout
    assert "```bash\n# on Linux\nmake -C deps clean\n```" in markdown
    assert "| \\`-j\\` | jobs \\| parallel |" in markdown


def test_code_and_tables_give_no_events_and_no_summary() -> None:
    text = (
        "# Log\n\n## Work\n\nThe team shipped the release after a long review of the design.\n\n"
        "```\nreleased 2020-02-14 on the mirror\n```\n\n| Date | What |\n| --- | --- |\n"
        "| 2021-03-04 | tagged |\n"
    )
    brief = import_report(text.encode(), "log.md")
    assert extract(brief) == ()
    from briefcli.extracts import summary

    assert summary(brief) == ("The team shipped the release after a long review of the design.",)


# -- every output ------------------------------------------------------------------------------

VIEWS = [
    ("show-1.txt", ("show", "1", "--format", "text")),
    ("show-1.w30.txt", ("show", "1", "--format", "text", "-w", "30")),
    ("show-1.md", ("show", "1", "--format", "markdown")),
    ("show-1.json", ("show", "1", "--format", "json")),
    ("show-1.ansi", ("show", "1", "--color", "always", "-w", "60")),
    ("show-1.nocolor.ansi", ("show", "1", "--color", "never", "-w", "60")),
    ("export.html", ("export", "--format", "html")),
]


@pytest.mark.parametrize(("name", "args"), VIEWS, ids=[name for name, _ in VIEWS])
def test_each_output_of_blocks_matches_golden(
    brief: Runner, name: str, args: tuple[str, ...]
) -> None:
    result = brief(*args, "--brief", str(SAMPLE))
    assert result.exit_code == 0, result.stderr
    golden(f"blocks/{name}", result.stdout)


def test_text_never_reflows_code_or_tables(brief: Runner) -> None:
    for width in ("20", "60", "200"):
        out = brief("show", "1", "-w", width, "--brief", str(SAMPLE)).stdout
        assert "    make -C deps clean\n" in out
        long_line = "\tmake all   # a tab, and a line longer than sixty columns, never wrapped"
        assert "    " + long_line + "\n" in out
        assert "`-j`    jobs | parallel, *not* emphasis\n" in out


def test_json_blocks_are_typed(brief: Runner) -> None:
    data = json.loads(brief("show", "1", "--format", "json", "--brief", str(SAMPLE)).stdout)
    paragraphs = data["section"]["paragraphs"]
    assert isinstance(paragraphs[0], str)
    assert paragraphs[1] == {"type": "code", "language": "bash", "code": str(CODE)}
    assert paragraphs[2] == {
        "type": "table",
        "header": ["Option", "Meaning"],
        "rows": [["`-j`", "jobs | parallel, *not* emphasis"], ["-C", ""]],
    }
    assert paragraphs[3] == {"type": "code", "language": None, "code": "plain <b>code</b> & more"}


def test_html_keeps_code_in_pre_and_tables_with_a_head(brief: Runner) -> None:
    html = brief("export", "--format", "html", "--brief", str(SAMPLE)).stdout
    assert '<pre><code class="language-bash"># on Linux\nmake -C deps clean\n' in html
    assert "<pre><code>plain &lt;b&gt;code&lt;/b&gt; &amp; more</code></pre>" in html
    assert "<thead><tr><th>Option</th><th>Meaning</th></tr></thead>" in html


def test_hostile_escapes_in_blocks_stay_inert(brief: Runner, tmp_path: Path) -> None:
    hostile = write(
        tmp_path,
        "h.yaml",
        _head(
            '  - code: "a\\e]8;;http://x\\abell\\e[2J"\n    language: "x\\e[31m"\n'
            '  - table: {header: ["h\\e[1m"], rows: [["c\\u202e\\e[0m"]]}\n'
        ),
    )
    for args in (
        ("show", "1"),
        ("show", "1", "--color", "always"),
        ("show", "1", "--format", "markdown"),
        ("export", "--format", "html"),
    ):
        result = brief(*args, "--brief", str(hostile))
        assert result.exit_code == 0, result.stderr
        assert "\x1b]" not in result.stdout and "\x1b[2J" not in result.stdout
        assert "\x07" not in result.stdout and "\u202e" not in result.stdout
        assert "\x1b[31m" not in result.stdout.replace("\x1b[0m", "")
