"""Writing a brief a piece at a time (issue 12: peak memory): the same text as one dump."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

import briefcli.importers as importers
from briefcli import yamlio
from briefcli.codec import brief_to_data
from briefcli.importers import markdown_source
from briefcli.loader import parse_brief
from briefcli.sanitize import has_unsafe, json_escape_unsafe

DATA = Path(__file__).parent / "data"


def whole_dump(data: dict[str, Any]) -> str:
    """The text as PyYAML writes the whole document at once (how brief wrote it before)."""
    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class Dumper(base):  # type: ignore[valid-type,misc]
        pass

    def text(dumper: Any, value: str) -> Any:
        if has_unsafe(value):
            return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
        return dumper.represent_str(value)

    Dumper.add_representer(str, text)
    written = yaml.dump(
        data, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100,
        default_flow_style=False,
    )  # fmt: skip
    return json_escape_unsafe(written)


def pieces(data: dict[str, Any]) -> list[str]:
    out: list[str] = []
    yamlio.dump_to(data, out.append)
    return out


@pytest.fixture(params=["libyaml", "pure"])
def emitter(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Each test runs with libyaml's emitter and with the pure-Python one."""
    yamlio._dumper_class.cache_clear()
    if request.param == "pure":
        monkeypatch.delattr(yaml, "CSafeDumper", raising=False)
    yield request.param
    yamlio._dumper_class.cache_clear()


@pytest.mark.parametrize("name", ["blocks.yaml", "formats-sample.yaml", "extracts-sample.yaml"])
def test_a_brief_file_is_written_as_one_dump_writes_it(name: str, emitter: str) -> None:
    data = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    assert "".join(pieces(data)) == whole_dump(data) == yamlio.dump(data)


texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300)


@settings(max_examples=150, derandomize=True, deadline=None)
@given(
    st.dictionaries(
        st.text("abcdefgh_", min_size=1, max_size=8),
        texts
        | st.integers()
        | st.booleans()
        | st.lists(texts | st.dictionaries(st.text("xyz", min_size=1), texts), max_size=4),
        max_size=6,
    )
)
@example({"a": "", "b": "null", "c": "123", "d": "tab\there", "e": "a\u200bb", "f": "- x"})
@example({"long": "word " * 60, "lines": "one\n\ntwo\n", "key: colon": "#hash"})
def test_any_data_is_written_as_one_dump_writes_it(data: dict[str, Any]) -> None:
    yamlio._dumper_class.cache_clear()
    assert "".join(pieces(data)) == whole_dump(data)


def test_a_large_brief_is_written_in_small_pieces() -> None:
    sections = [
        {"id": str(n), "title": f"Part {n}", "paragraphs": [f"Text {n}. " * 40] * 5}
        for n in range(1, 400)
    ]
    data = {"schema_version": 1, "id": "big", "title": "Big", "sections": sections}
    written = pieces(data)
    assert len(written) > 50
    assert max(map(len, written)) < 64 * 1024
    assert parse_brief("".join(written)).sections[-1].title == "Part 399"


def test_data_that_holds_itself_is_an_error_not_an_endless_file() -> None:
    data: dict[str, Any] = {"id": "x"}
    data["self"] = [data]
    with pytest.raises(ValueError, match="nested deeper"):
        pieces(data)


MARKDOWN_PART = """
## Release {n}

See [the notes][n{n}] and [the first notes][n1]. On March {day}, 2024 it shipped.

```
# not a heading {n}
```

<!--
# not a heading either
-->

| a | b |
|---|---|
| {n} | x |

[n{n}]: https://e.org/{n}
"""


def test_markdown_read_in_parts_is_read_as_a_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    document = "# Notes\n" + "".join(
        MARKDOWN_PART.format(n=n, day=n % 28 + 1) for n in range(1, 60)
    )
    whole = importers.import_report(document.encode(), "notes.md")
    monkeypatch.setattr(markdown_source, "CHUNK_CHARS", 500)
    assert len(list(markdown_source._parts(document))) > 10
    parted = importers.import_report(document.encode(), "notes.md")
    assert parted == whole
    assert "(https://e.org/1)" in parted.sections[-1].paragraphs[0]
    assert brief_to_data(parted)["sections"][-1]["paragraphs"][1]["code"] == "# not a heading 59"


# -- the reading limits, checked on data before it is written ------------------------------

LIMITED = st.recursive(
    st.sampled_from(["a", "b c", ""]),
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(st.sampled_from("xyz"), inner),
    max_leaves=40,
)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(LIMITED, st.integers(2, 12), st.integers(1, 6), st.integers(1, 200))
@example({"x": [["a"] * 3]}, 3, 2, 100)
def test_over_limits_refuses_exactly_what_reading_refuses(
    data: Any, depth: int, items: int, nodes: int
) -> None:
    """With small limits, data passes over_limits when, and only when, its dump composes."""
    from briefcli.errors import BriefFileError

    wrapped = {"root": data}
    text = yamlio.dump(wrapped)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(yamlio, "MAX_DEPTH", depth)
        patch.setattr(yamlio, "MAX_ITEMS", items)
        patch.setattr(yamlio, "MAX_NODES", nodes)
        problem = yamlio.over_limits(wrapped)
        try:
            yamlio.compose_document(text, "t.yaml", "brief")
        except BriefFileError:
            assert problem is not None
        else:
            assert problem is None


def test_a_report_with_too_many_parts_is_refused_before_anything_is_written(
    tmp_path: Path,
) -> None:
    """One line naming the limit, exit 2, no file; not the line of a YAML never written."""
    import subprocess
    import sys

    paragraphs = "\n\n".join(f"Paragraph {n} says something." for n in range(yamlio.MAX_ITEMS + 5))
    source = tmp_path / "log.md"
    source.write_text(f"# Log\n\n## Days\n\n{paragraphs}\n")
    out = tmp_path / "out.yaml"
    done = subprocess.run(
        [sys.executable, "-m", "briefcli", "import", str(source), "-o", str(out)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "too large for one brief" in done.stderr
    assert f"more than {yamlio.MAX_ITEMS:,} items" in done.stderr
    assert "log.md:" in done.stderr and "log.md:1" not in done.stderr  # no YAML line
    assert not out.exists()
