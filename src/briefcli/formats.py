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
