"""Syntax highlighting: the Pygments lexer `arg` and `argmap highlight`."""

from pathlib import Path

from click.testing import CliRunner
from pygments.lexers import get_lexer_by_name, get_lexer_for_filename
from pygments.token import Comment, Error, Keyword, Name, String

from argmap.cli.main import main
from argmap.language.highlight import ArgLexer

ROOT = Path(__file__).parents[1]


def tokens(text):
    return [(t, v) for t, v in ArgLexer().get_tokens(text) if v.strip()]


def test_token_kinds():
    found = tokens('claim c1 "text \\u4e2d" {  # why\n  source: s\n  agrees with ns.c2\n  year: 2020 (inferred)\n}\n')
    assert (Keyword.Declaration, "claim") in found
    assert (Name, "c1") in found
    assert (String.Escape, "\\u4e2d") in found
    assert (Comment.Single, "# why") in found
    assert (Name.Attribute, "source") in found  # a field, not the `source` statement
    assert (Keyword, "agrees") in found and (Keyword, "with") in found
    assert (Name, "ns.c2") in found
    assert (Name.Decorator, "(inferred)") in found


def test_unclosed_quote_and_bad_escape_are_marked():
    assert any(t is Error for t, _ in ArgLexer().get_tokens('claim c "open\n'))
    assert (Error, "\\q") in tokens('claim c "bad \\q"\n')


def test_every_example_lexes_without_errors():
    for path in sorted((ROOT / "examples").rglob("*.arg")) + sorted((ROOT / "maps").rglob("*.arg")):
        assert not [v for t, v in ArgLexer().get_tokens(path.read_text(encoding="utf-8")) if t is Error], path


def test_registered_with_pygments():
    assert isinstance(get_lexer_by_name("arg"), ArgLexer)
    assert isinstance(get_lexer_for_filename("x.arg"), ArgLexer)


def test_cli_html_and_terminal(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "m.html"
    result = CliRunner().invoke(main, ["highlight", "examples/04_bilingual.arg", "--format", "html", "-o", str(out)])
    assert result.exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "<html" in html and "吾日三省吾身" in html and 'class="kd">thesis<' in html
    terminal = CliRunner().invoke(main, ["highlight", "examples/01_minimal.arg"], color=True)
    assert "\x1b[" in terminal.output and "agglomeration" in terminal.output
