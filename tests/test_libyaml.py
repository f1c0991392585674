"""libyaml and the pure-Python parser give the same briefs, problems and errors."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from briefcli.errors import BriefFileError
from briefcli.loader import check_brief
from briefcli.paths import default_brief_path

pytestmark = pytest.mark.skipif(
    not hasattr(yaml, "CBaseLoader"), reason="PyYAML was built without libyaml"
)

MINIMAL = "id: x\ntitle: T\nsections:\n  - id: '1'\n    title: One\n    paragraphs: [Hi.]\n"

BAD_INPUTS = {
    "tab indent": "id: x\n\ttitle: y\n",
    "unclosed quote": 'id: "x\ntitle: y\n',
    "bad indentation": "id: x\n title: y\n  - z\n",
    "colon in plain value": "id: x: y\n",
    "unclosed flow list": "sections: [a, b\n",
    "unknown escape": 'id: "\\q"\n',
    "lone surrogate escape": 'id: "\\ud800"\n',
    "undefined alias": "id: *foo\n",
    "anchor and alias": "a: &x 1\nid: *x\n",
    "tag": "id: !!int 3\n",
    "duplicate key": "id: a\nid: b\n",
    "empty file": "",
    "only a comment": "# hi\n",
    "list at the top": "- a\n- b\n",
    "bell character": "id: \x07\n",
    "escape character": "id: \x1b[31m\n",
    "NUL": "id: a\x00b\n",
    "deep nesting": "a: " + "[" * 200 + "]" * 200 + "\n",
    "two documents": MINIMAL + "---\n" + MINIMAL,
    "duplicate %YAML directive": "%YAML 1.1\n%YAML 1.1\n---\na: 1\n",
    "unknown directive": "%FOO bar\n---\n" + MINIMAL,
    "merge key": "a: &x {b: 1}\nc:\n  <<: *x\n",
    "key that is a list": "? [a]\n: 1\n",
    "unknown key": MINIMAL + "titel: T\n",
    "section without title": "id: x\ntitle: T\nsections:\n  - id: '1'\n    paragraphs: [Hi.]\n",
    "bad timeline date": MINIMAL
    + "timeline:\n  - date: 2024-13\n    event: E\n    sections: ['1']\n",
    # libyaml reads a lone tag before a tab as an empty document, the pure parser stops at
    # the tab (found by the property test below, seed 5).
    "tag then tab": "!\t",
    "tag then tab and newline": "!\t\n",
    "block scalar": MINIMAL.replace("[Hi.]", "\n      - |\n        Line one.\n        Line two.\n"),
}


def outcome(text: str) -> object:
    """What the loader makes of ``text``: the brief and every problem, or the error raised."""
    try:
        brief, problems = check_brief(text, "t.yaml")
    except BriefFileError as exc:
        return ("error", exc.message, exc.line, exc.column)
    return (brief, [p.render() for p in problems])


@pytest.mark.parametrize("text", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_same_outcome_with_and_without_libyaml(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with_libyaml = outcome(text)
    monkeypatch.delattr(yaml, "CBaseLoader")
    assert outcome(text) == with_libyaml


def test_a_lone_surrogate_escape_is_refused_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    text = MINIMAL.replace("[Hi.]", '["Hi \\ud83d."]')
    problem = "t.yaml:6:18: error: sections[0].paragraphs[0]: holds the escape \\ud83d, which is"
    expected = (
        None,
        # Problems come in file order, as a compiler lists them.
        ["t.yaml:4:5: warning: sections[0]: section has no text", problem + " not a character"],
    )
    assert outcome(text) == expected
    monkeypatch.delattr(yaml, "CBaseLoader")
    assert outcome(text) == expected


def test_a_tag_before_a_tab_is_the_same_error_either_way(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expected = (
        "error",
        "t.yaml:1:2: not valid YAML: a tab where YAML allows only spaces (indent with spaces)",
        1,
        2,
    )
    assert outcome("!\t") == expected
    monkeypatch.delattr(yaml, "CBaseLoader")
    assert outcome("!\t") == expected


def test_the_shipped_brief_is_the_same_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    text = default_brief_path().read_text(encoding="utf-8")
    with_libyaml = outcome(text)
    assert isinstance(with_libyaml, tuple) and with_libyaml[0] is not None
    monkeypatch.delattr(yaml, "CBaseLoader")
    assert outcome(text) == with_libyaml


#: libyaml is more lenient than the pure parser in a few corners of YAML syntax: it takes a
#: tab in more places, a comment straight after a block scalar indicator (``|#``), more tag
#: handles (``!:!``) and a ``?`` inside a plain scalar in a flow list (``[a?]``). Such text
#: is read with libyaml and refused without it, with these words in the error. Every other
#: text gives the same brief, problems and error either way.
PURE_ONLY_REFUSALS = (
    "found '\\t'",
    "found character '\\t'",
    "a tab where YAML allows only spaces",
    "expected chomping or indentation indicators, but found '#'",
    "while scanning a tag",
    "but got '?'",
)

#: Characters near those corners: tabs, line breaks, block scalar indicators and comments,
#: flow, tag, anchor and key punctuation, a no-break space. (A byte order mark inside the text
#: is left out: libyaml drops one that starts a line, the pure parser keeps it as text.)
TRICKY = [*"ab:- '\"[]{},#&*!|>?%\n\\x1.\t\r", "\x85", "\u2028", "\xa0", "é"]
YAMLISH = st.text(alphabet=st.sampled_from(TRICKY), max_size=40)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=YAMLISH)
@example(body="!\t")  # libyaml said "is empty" at 1:1, the pure parser "a tab" at 1:2
def test_any_text_gives_the_same_outcome(body: str) -> None:
    for text in (body, MINIMAL + body, "id: " + body):
        with_libyaml = outcome(text)
        fast = yaml.CBaseLoader
        del yaml.CBaseLoader
        try:
            without = outcome(text)
        finally:
            yaml.CBaseLoader = fast
        if without != with_libyaml:
            assert isinstance(without, tuple) and without[0] == "error", text
            assert with_libyaml[0] != "error", text
            assert any(known in str(without[1]) for known in PURE_ONLY_REFUSALS), (text, without)
