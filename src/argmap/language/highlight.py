"""Syntax highlighting of .arg text with Pygments: `ArgLexer`, registered as the Pygments lexer `arg`
(`pygmentize -l arg FILE`, and any tool that uses Pygments: Sphinx, MkDocs, Jupyter), and `highlight` for
`argmap highlight`.

A highlighter follows the grammar (`grammar/argmap.lark`) but is not a parser: it colours what a reader
needs to tell apart (statement keywords, relation words, field names, ids, quoted text, escapes, comments,
`(inferred)`) and marks an unclosed quote as an error. Pygments is imported lazily by callers of this module.
"""

from __future__ import annotations

from pygments.lexer import RegexLexer, bygroups
from pygments.token import Comment, Error, Keyword, Name, Number, Punctuation, String, Whitespace

from argmap.core.vocabulary import OTHER_KEYWORDS, RELATIONS, STATEMENT_KEYWORDS

_ID = r"[^\W\d][\w-]*"
_STATEMENTS = "|".join(STATEMENT_KEYWORDS)
_ONE_WORD = "|".join(r.word for r in RELATIONS if " " not in r.word)
_TWO_WORDS = [tuple(r.word.split()) for r in RELATIONS if " " in r.word]
_LOCATOR = "|".join(k for k in OTHER_KEYWORDS if k != "quote")


class ArgLexer(RegexLexer):
    name = "argmap"
    aliases = ["arg", "argmap"]
    filenames = ["*.arg"]
    mimetypes = ["text/x-argmap"]
    url = "https://pypi.org/project/argmap/"

    tokens = {
        "root": [
            (r"\s+", Whitespace),
            (r"#.*?$", Comment.Single),
            (r'"""', String.Double, "long"),
            (r'"', String.Double, "string"),
            (rf"({_STATEMENTS})(?![\w-])(?!\s*:)", Keyword.Declaration),
            *[(rf"({first})(\s+)({second})(?![\w-])", bygroups(Keyword, Whitespace, Keyword))
              for first, second in _TWO_WORDS],
            (rf"({_ONE_WORD})(?![\w-])(?!\s*:)", Keyword),
            (r"(quote)(\s*)(:)", bygroups(Keyword.Reserved, Whitespace, Punctuation)),
            (rf"(?:{_LOCATOR})(?![\w-])(?=\s)", Keyword.Reserved),
            (r"\(\s*inferred\s*\)", Name.Decorator),
            (rf"({_ID})(\s*)(:)", bygroups(Name.Attribute, Whitespace, Punctuation)),
            (rf"{_ID}(?:\.{_ID})?", Name),
            (r"\d+", Number.Integer),
            (r"[{}:,.\-]", Punctuation),
            (r".", Error),
        ],
        "string": [
            (r'[^"\\\n]+', String.Double),
            (r'\\(?:["\\nt]|u[0-9a-fA-F]{4})', String.Escape),
            (r"\\.", Error),
            (r'"', String.Double, "#pop"),
            (r"\n", Error, "#pop"),  # a quoted text must close on its line
        ],
        "long": [
            (r'[^"\\]+', String.Double),
            (r'\\(?:["\\nt]|u[0-9a-fA-F]{4})', String.Escape),
            (r"\\.", Error),
            (r'"""', String.Double, "#pop"),
            (r'"', String.Double),
        ],
    }


def highlight(text: str, fmt: str = "terminal") -> str:
    """The text highlighted for a terminal (ANSI colours) or as a standalone HTML page."""
    from pygments import highlight as pygments_highlight
    from pygments.formatters import HtmlFormatter, TerminalFormatter

    formatter = HtmlFormatter(full=True, linenos=True, title="argmap") if fmt == "html" else TerminalFormatter()
    return pygments_highlight(text, ArgLexer(), formatter)
