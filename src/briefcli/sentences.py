"""Sentence splitting for reports: spans into the original text, so a sentence is quoted exactly.

A report's prose is full of full stops that end nothing: "U.S.", "Gen. Kim", "No. 5", "e.g.",
"3.5", "J. R. R. Tolkien", "(approx. 10 km)". The splitter looks at each ``.``, ``!``, ``?``
or ``…`` that is followed by white space (so it never cuts inside a word or a number) and
decides from the word before it and the word after it. Blank lines, list items, Markdown
headings and underlined headings always end a sentence; a single line break inside a
paragraph does not, because hard-wrapped text breaks lines mid-sentence.

Pure Python, linear in the length of the text, compiled patterns built on first use.
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["is_prose", "sentence_spans", "split_sentences"]

#: Abbreviations after which a full stop does not end a sentence when a name, a number or a
#: capitalised word follows ("Gen. Kim", "No. 5", "Jan. 2025", "e.g. Russia"). Lower case,
#: without the final full stop.
_NEVER_FINAL = frozenset(
    str.split(
        """
    mr mrs ms mx dr prof gen col lt capt cpt sgt maj adm cmdr gov sen rep rev fr hon pres
    supt insp det cpl pvt brig st mt ft ave blvd
    jan feb mar apr jun jul aug sep sept oct nov dec
    no nos nr vol vols pp p para paras fig figs eq eqs art arts sec secs sect sects ch chap ed eds
    ref refs
    approx ca cf vs viz e.g i.e et al ibid op resp est dept univ assn bros
        """
    )
)

#: Abbreviations that often end a sentence too ("… and Sons Ltd. The firm …"): they end one
#: only when a common sentence opener follows.
_MAYBE_FINAL = frozenset(str.split("inc ltd co corp jr sr plc llc a.m p.m esq"))

#: Words that usually open a sentence; after an initialism ("U.S.") or an abbreviation that can
#: end a sentence, a capitalised word from this list means a new sentence starts.
_OPENERS = frozenset(
    str.split(
        """
    a an the this that these those it its in on at as but and or nor however he she they we i
    you there here such while when whereas if for with by from after before since although
    though despite moreover furthermore meanwhile yet so then thus other some many most each
    all both our their his her my your one two three several another any analysts experts
    officials what who why how where which
        """
    )
)

_TERMINALS = ".!?…"
#: Closing quotes and brackets that stay with the sentence they end.
_CLOSERS = "\"'’”»)]}"
#: The sentence stops of Chinese and Japanese (full width): a sentence ends at each.
_CJK_STOPS = "。！？"
#: Han characters and kana: Chinese and Japanese write words without spaces between them.
#: A letter of a script written without spaces between words: kana and CJK ideographs.
CJK_LETTER = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
#: The end of a Chinese or Japanese sentence, with the closing marks after it (no space follows).
CJK_STOP = r"[。！？]+[」』）〕】\"'’”»)\]}]*"
#: Opening quotes and brackets skipped to find the first letter of the next sentence.
_OPENERS_PUNCT = "\"'‘“«([{¿¡*_"


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    # A terminal run with its closers, followed by white space or the end; or a full stop,
    # question or exclamation mark of Chinese or Japanese, which no space follows.
    terminal = re.compile(r"[.!?…]+[\"'’”»)\]}]*(?=\s|\Z)|" + CJK_STOP)
    # Breaks before a line: a blank line; a list item, a Markdown heading, a setext underline
    # or a table row on the next line.
    before = re.compile(
        r"\n[ \t]*\n\s*"
        r"|\n(?=[ \t]*(?:[-*+•‣◦▪–]|\d{1,3}[.)]|[a-zA-Z][.)]|\(\w{1,3}\))[ \t]+\S)"
        r"|\n(?=[ \t]*(?:#{1,6}[ \t]|\||(?:={3,}|-{3,})[ \t]*(?:\n|\Z)))"
    )
    # Lines that end a sentence where they end: headings and setext underlines.
    after = re.compile(r"^[ \t]*(?:#{1,6}[ \t][^\n]*|={3,}[ \t]*|-{3,}[ \t]*)$", re.MULTILINE)
    return terminal, before, after


def _word_before(text: str, end: int) -> str:
    """The run of non-space characters ending at ``end`` (the mark excluded)."""
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def _next_word(text: str, position: int) -> str:
    """The next word after ``position``, skipping white space and opening quotes or brackets.

    A MyST or Sphinx role that opens a sentence ("{meth}`get_help_record` still …") counts as
    code, which starts one: the word is its code span, not the role's lower-case name."""
    length = len(text)
    while position < length and (text[position].isspace() or text[position] in _OPENERS_PUNCT):
        if text[position] == "{" and (role := _role().match(text, position)):
            return text[role.end() - 1 : role.end()]
        position += 1
    end = position
    while end < length and not text[end].isspace():
        end += 1
    return text[position:end].strip(_CLOSERS + ",;:.!?…")


@cache
def _role() -> re.Pattern[str]:
    """A MyST role before its code span: '{meth}`', '{ref}`'."""
    return re.compile(r"\{[\w:.-]+\}`")


def _is_initialism(word: str) -> bool:
    """'U.S', 'U.K', 'a.m', 'J': letters, each (but the last) followed by a full stop."""
    parts = word.split(".")
    return all(len(part) == 1 and part.isalpha() for part in parts)


def _line_start(text: str, start: int) -> bool:
    """Whether only white space lies between the line's start and ``start``."""
    line = text.rfind("\n", 0, start) + 1
    return not text[line:start].strip()


def _ends_sentence(text: str, mark_start: int, mark_end: int, paren_inside: bool) -> bool:
    """Decide whether the terminal run ``text[mark_start:mark_end]`` ends a sentence."""
    if text[mark_start] in _CJK_STOPS:
        # '。' has no other use: no abbreviation, decimal or initial ends with it. After a
        # closing quote, what follows at once continues it ('「本当か？」と彼は言った。').
        quoted = text[mark_end - 1] in "」』）〕】"
        return (
            not quoted
            or mark_end == len(text)
            or text[mark_end].isspace()
            or (text[mark_end] in "「『")
        )
    run = text[mark_start:mark_end].rstrip(_CLOSERS)
    following = _next_word(text, mark_end)
    if not following:
        return True
    first = following[0]
    # "… approx. five", "Yahoo! is", "(why? because …": a lower-case word continues.
    if first.islower():
        return False
    if paren_inside:
        return False
    if run != ".":
        # "?!", "!", "..." and "…": end unless a lower-case word follows (handled above). An
        # ellipsis between code ("An `if` … `elif` … sequence") or before a number leaves
        # something out of a sentence that goes on: only a letter opens the next one.
        return run.rstrip(".…") != "" or first.isalpha()
    token = _word_before(text, mark_start)
    bare = token.lstrip(_OPENERS_PUNCT)
    lowered = bare.casefold()
    if not bare:
        return True
    # "1. Item" and "a. Item" at the start of a line: a list marker, not a sentence.
    if ((bare.isdecimal() and len(bare) <= 3) or len(bare) == 1) and _line_start(
        text, mark_start - len(token)
    ):
        return False
    opener = following.casefold() in _OPENERS and first.isupper()
    if lowered in _NEVER_FINAL:
        return False
    if lowered in _MAYBE_FINAL:
        return opener
    if _is_initialism(bare):
        # "U.S. interests", "J. R. R. Tolkien", "the U.S. The next …": only an opener ends it.
        return opener
    return True


def _balanced_parentheses(text: str) -> list[tuple[int, int]]:
    """Short balanced (…) spans within a paragraph: a full stop inside one ends nothing."""
    spans: list[tuple[int, int]] = []
    stack: list[int] = []
    for index, char in enumerate(text):
        if char == "(":
            stack.append(index)
        elif char == ")" and stack:
            start = stack.pop()
            if index - start < 400 and "\n\n" not in text[start:index]:
                spans.append((start, index))
        elif char == "\n" and text.startswith("\n\n", index):
            stack.clear()
    return spans


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as (start, end) offsets, in order; ``text[start:end]`` is one.

    Spans never overlap, hold no leading or trailing white space, and only white space lies
    between two of them, so together they cover every non-space character of the text.
    """
    terminal, before, after = _patterns()
    cuts: list[tuple[int, int]] = []  # (end of a sentence, start of the search for the next)
    parentheses = _balanced_parentheses(text) if "(" in text else []
    paren_index = 0
    for match in terminal.finditer(text):
        start, end = match.span()
        # Inside a short parenthesis that closes after this mark ("(approx. 5 km. more)")?
        while paren_index < len(parentheses) and parentheses[paren_index][1] < start:
            paren_index += 1
        inside = any(
            open_at < start and close_at >= end
            for open_at, close_at in parentheses[paren_index : paren_index + 8]
        )
        if _ends_sentence(text, start, end, inside):
            cuts.append((end, end))
    cuts.extend(match.span() for match in before.finditer(text))
    cuts.extend((match.end(), match.end()) for match in after.finditer(text))
    cuts.sort()
    spans: list[tuple[int, int]] = []
    position = 0
    for cut_end, resume in cuts:
        _add(text, position, cut_end, spans)
        position = max(position, resume, cut_end)
    _add(text, position, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append the trimmed span ``text[start:end]`` unless it is only white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, each exactly as written (see :func:`sentence_spans`)."""
    return [text[start:end] for start, end in sentence_spans(text)]


@cache
def _not_prose_patterns() -> dict[str, re.Pattern[str]]:
    """Marks of text that a plain-text import flattened into a paragraph but is not prose."""
    cell = r"[(\[]?(?:\d|0x)\S*"  # a cell that is a number, a range or a hexadecimal value
    return {
        # ASCII-art tables and boxes: "+---+---+", "|====|".
        # (A run of dashes is tried from its start only: tried from every dash of a long run
        # with no '+' after it, the pattern took time quadratic in the run.)
        "rule": re.compile(r"[+|][-=]{2,}|(?<![-=])[-=]{3,}[+|]"),
        # A command-line option list's entry ("-A NUM, --after-context=NUM Print …") or a
        # setting ("sl= SGR substring …").
        "option": re.compile(r"^(?:--?[A-Za-z][\w-]*(?=[,=\[\s])|[A-Za-z_]\w*=)"),
        # A table row that opens with two cells of numbers ("1.1.0 2022-12-11 Added …").
        "numbers": re.compile(rf"^{cell}\s+{cell}\s"),
        # A list item's number or a footnote's mark, which is not a cell.
        "marker": re.compile(r"^(?:\d+[.)]|\[\d+\])\s+"),
        # Adjacent cells of a number and a hexadecimal value: "0-3 0x0F Type of Check".
        "pair": re.compile(r"(?:^|\s)\(?[\d.-]+\)?\s+\(?0x[0-9A-Fa-f_]+"),
        # C-like code: "if (x) {", "; }", "= {", a typed declaration, "x += y;".
        "code": re.compile(
            r"\)\s*\{|;\s*\}|=\s*\{|\b(?:if|for|while|switch|return)\s*\(.*[;{]"
            r"|\b(?:u?int\d+_t|size_t|const|void|static)\s+\**\w+\s*[\[(=;]"
        ),
        "statement": re.compile(r"\w\s+[-+*/|&^]?=\s+[^;=\s][^;]*;"),
        # Python: "def main():", "import os", "x = 'text'", "f(level=…)", ">>> …" inside.
        "python": re.compile(
            r"^(?:def|class)\s+\w+\s*[(:]|^(?:from\s+[\w.]+\s+)?import\s+[\w.]+\s*$"
            r"|\b\w+\s=\s['\"\[{]|\w\(\w+=|\s>>>\s|^\w*(?:Error|Exception|Warning):\s"
        ),
        # XML or HTML markup: a tag, a processing instruction or a comment.
        "tag": re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>|<\?[\w-]+[^<>]*\?>|<!--"),
        # reST markup: a directive ('.. note::', '.. reqmeta:: http_user'), a field list
        # (':release-date: 2026-01-04 :release-by: …') or a literal block run into the
        # sentence that leads into it ('… like this:: def default(self, o): …').
        "rest": re.compile(r"^\.\.\s+[\w:-]+::|^:[\w-]+:\s|\S::\s+\S"),
        # A function's signature alone, as API references list them: 'HTTPHandler(host, url,
        # method='GET')', 'int main (int argc, char *argv[])'; its arguments hold a ',', '=',
        # '*' or '[' outside inner brackets (checked after it: a pattern that looked for that
        # mark between two runs of arguments tried every mark, time quadratic in them).
        "signature": re.compile(
            r"^(?:(?:unsigned\s+|const\s+)?(?:int|char|void|long|short|double|float|bool)\b"
            r"[\s*]+[A-Za-z_]\w*\s*|(?:[A-Za-z_][\w*]*\s+){0,2}[A-Za-z_][\w.]*)"
            r"\(((?:[^()]|\([^()]*\))*)\)\Z"
        ),
        "inner_brackets": re.compile(r"\([^()]*\)"),
        # A code fence's line inside a sentence: the rest of a code block run into it.
        "fence": re.compile(r"(?:^|\n)[ \t]*(?:```|~~~)"),
        # Cells a tab separates ('xsltPointerListPtr\txsltPointerListCreate\t(int size)').
        "tab": re.compile(r"\S\t+\S"),
        # Inline code spans and MyST roles: code quoted inside prose, not code.
        "quoted_code": re.compile(r"`[^`]*`|\{\w+\}(?=`)"),
    }


@cache
def _link_only() -> re.Pattern[str]:
    """A link line: text that ends with an address in brackets, not even a full stop after it.

    A sentence that cites an address goes on, or closes with its mark after the bracket. An
    issue's number ("Optimize loop for layout mode (#3543)") is no in-page link.
    """
    return re.compile(r"\((?:https?://|mailto:|#(?!\d+\))|/)[^\s)]*\)\s*\Z")


def _code_or_table(text: str) -> bool:
    """Whether a sentence is a flattened table row or a line of code rather than prose."""
    patterns = _not_prose_patterns()
    if any(patterns[name].search(text) for name in ("rest", "tab", "fence")):
        return True
    if (signature := patterns["signature"].match(text)) and any(
        mark in patterns["inner_brackets"].sub("", signature[1]) for mark in ",=*["
    ):
        return True
    if text.startswith("`") and text.endswith("`") and text.count("`") == 2:
        return True  # one span of code: a command, not a sentence about it
    plain = patterns["marker"].sub("", patterns["quoted_code"].sub(" ", text))
    if plain.count(" | ") >= 2 or any(
        patterns[name].search(plain) for name in ("rule", "option", "numbers", "code", "python")
    ):
        return True
    if len(patterns["statement"].findall(plain)) >= 2:
        return True  # two assignments ending in semicolons: a line of code
    if "<" in plain and _markup(plain, patterns["tag"]):
        return True
    tokens = plain.split()
    if (
        len(patterns["pair"].findall(plain)) >= 2
        or sum(t.startswith(("0x", "(0x")) for t in tokens) >= 4
    ):
        return True  # cells of hexadecimal values: a table
    numeric = sum(token.lstrip("([").startswith(tuple("0123456789")) for token in tokens)
    return numeric >= 5 and numeric >= 0.4 * len(tokens)


def _markup(text: str, tag: re.Pattern[str]) -> bool:
    """Whether ``text`` is XML or HTML rather than prose about it: it opens with a tag, or its
    tags take up two fifths of it ('<match type="string" offset="0" value="diff"/> …'). Prose
    may name an element or two ("the <div> element")."""
    tags = tag.findall(text)
    if not tags:
        return False
    return text.startswith(tags[0]) or sum(map(len, tags)) >= 0.4 * len(text)


def is_prose(text: str, *, min_words: int = 6) -> bool:
    """Whether a sentence reads as prose: not code, a table row, a heading or a list of links.

    Plain-text imports flatten tables, diagrams and code into paragraphs; their rows and lines
    are rejected here, so they are never chosen as key points or definitions.
    """
    if text.startswith(("```", "~~~", "    ", "|", "#", ">>>", "$ ")) or "│" in text:
        return False
    if _link_only().search(text):
        return False  # a contents entry or a link ("Jump to Main Text (https://…)")
    if text.isupper() and not text.endswith((".", "!", "?", ":", ";", '"', "”")):
        return False  # a heading in capitals ('TERMS AND CONDITIONS FOR USE, REPRODUCTION, …')
    letters = sum(char.isalpha() for char in text)
    return (
        letters >= 0.6 * len(text.replace(" ", ""))
        and _words(text) >= min_words
        and not _code_or_table(text)
    )


@cache
def _cjk() -> re.Pattern[str]:
    return re.compile(CJK_LETTER)


def _words(text: str) -> int:
    """How many words ``text`` holds: those between spaces, and in Chinese and Japanese,
    which put no spaces between words, one for every two characters (a rough mean)."""
    count = len(text.split())
    if not text.isascii():
        count += len(_cjk().findall(text)) // 2
    return count
