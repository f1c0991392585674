"""The output formats, named once: every option, completion and renderer derives from these.

This module imports nothing (shell completion reads it before anything else is loaded).
"""

#: Formats of the view commands (show, glossary, timeline, summary, search, list, overview).
VIEW_FORMATS = ("text", "markdown", "json", "yaml")
#: Formats of ``brief export``: the view formats and one HTML page.
EXPORT_FORMATS = (*VIEW_FORMATS, "html")
#: Formats of ``brief validate``: one line per problem, or JSON for editors and CI.
CHECK_FORMATS = ("text", "json")
#: When to colour output.
COLOR_CHOICES = ("auto", "always", "never")
#: Formats of ``brief cite``: a line of text, a BibTeX entry, or CSL-JSON for Zotero and pandoc.
CITE_FORMATS = ("text", "bibtex", "csl-json")
#: Version of the JSON and YAML that the view commands and ``validate`` print (``export``
#: prints the brief file format, whose version is ``model.SCHEMA_VERSION``). Version 2
#: names the kind of document ``view`` (it was ``kind``, which export uses for the report's).
OUTPUT_SCHEMA_VERSION = 2
#: The format an output file's suffix asks for (``export -o``).
SUFFIX_FORMATS = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".html": "html",
    ".htm": "html",
}
