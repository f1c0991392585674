"""Cases found by importing real documents nobody here had seen (Django, docutils, Sphinx,
pytest and Debian documentation, Python's HTML manuals, PDFs): each a minimal input."""

from __future__ import annotations

from briefcli.importers import import_report
from briefcli.model import Brief, CodeBlock


def paragraphs(brief: Brief) -> list[str]:
    return [p for s in brief.sections for p in s.all_paragraphs()]


def ids(brief: Brief) -> list[str]:
    return [i for s in brief.sections for i in (s.id, *(u.id for u in s.subsections))]


# -- reStructuredText literal blocks -----------------------------------------------------------

RST = """\
A Primer
========

Sections
--------

Adornments mark the headings, like this::

  Chapter 1 Title
  ===============

  Section 1.1 Title
  -----------------

Back to prose, which goes on.

.. code-block:: python
   :linenos:

   def f(x):
       return {"a": 1}

A session:

>>> f(2)
{'a': 1}

Images
------

An image.
"""


def test_a_restructuredtext_literal_block_is_code_and_holds_no_headings() -> None:
    brief = import_report(RST.encode(), "primer.rst")
    assert [s.title for s in brief.sections] == ["Sections", "Images"]
    kept = paragraphs(brief)
    assert CodeBlock("Chapter 1 Title\n===============\n\nSection 1.1 Title\n-----------------") in kept
    assert "Adornments mark the headings, like this::" in kept
    assert "Back to prose, which goes on." in kept


def test_a_code_directive_and_a_session_keep_their_lines() -> None:
    kept = paragraphs(import_report(RST.encode(), "primer.rst"))
    assert CodeBlock('def f(x):\n    return {"a": 1}', "python") in kept
    assert CodeBlock(">>> f(2)\n{'a': 1}", "pycon") in kept
    assert not any(":linenos:" in p for p in kept)
