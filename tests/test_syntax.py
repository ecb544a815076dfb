"""The syntax stage: positions, comments, escapes, keywords in context."""

from textwrap import dedent

from argmap.language import tree as ast
from argmap.language.parse import parse


def test_positions_point_at_tokens():
    doc, diags = parse(dedent('''\
        thesis t1 "A thesis" {
          supports c2 as r1
        }
        '''), "m.arg")
    assert diags == []
    (node,) = doc.statements
    assert isinstance(node, ast.NodeDecl)
    assert (node.id.span.line, node.id.span.column, node.id.span.end_column) == (1, 8, 10)
    assert (node.text.span.line, node.text.span.column) == (1, 11)
    (rel,) = node.body.items
    assert rel.verb == "supports"
    assert (rel.target.value, rel.target.span.column) == ("c2", 12)
    assert rel.id.value == "r1"
    assert node.span.end_line == 3


def test_comments_are_kept_in_the_tree():
    doc, _ = parse(dedent('''\
        # leading of source
        source s "S" {  # trailing of the item? no: of the statement line
          # leading of year
          year: 2020  # trailing of year
          # dangling at block end
        }
        # at the end of the file
        '''), "m.arg")
    assert [c.text.strip() for c in doc.comments] == [
        "leading of source", "trailing of the item? no: of the statement line", "leading of year",
        "trailing of year", "dangling at block end", "at the end of the file"]
    (source,) = doc.statements
    assert [c.text.strip() for c in source.leading] == ["leading of source"]
    (year,) = source.body.items
    assert [c.text.strip() for c in year.leading] == [
        "trailing of the item? no: of the statement line", "leading of year"]
    assert year.trailing.text.strip() == "trailing of year"
    assert [c.text.strip() for c in source.body.dangling] == ["dangling at block end"]


def test_escapes_and_long_text():
    doc, diags = parse(dedent('''\
        claim c "quote \\" backslash \\\\ tab \\t u \\u4e2d" {
          note: """
            first line
              indented
            """
        }
        '''), "m.arg")
    assert diags == []
    (claim,) = doc.statements
    assert claim.text.value == 'quote " backslash \\ tab \t u 中'
    (note,) = claim.body.items
    assert note.values[0].value == "first line\n  indented"
    assert note.values[0].long


def test_keywords_are_words_elsewhere():
    # `source:` is a field; ids may be called like keywords where the grammar expects an id
    doc, diags = parse(dedent('''\
        source source "S"
        claim with "W" {
          zh: "文"
          source: source
          supports page
          same as claim
        }
        '''), "m.arg")
    assert diags == []
    claim = doc.statements[1]
    assert claim.id.value == "with"
    assert [type(i).__name__ for i in claim.body.items] == ["Field", "Field", "Relation", "Relation"]
    assert claim.body.items[3].verb == "same as"


def test_cjk_ids_and_namespaced_refs():
    doc, diags = parse('日英同盟 agrees with ns.主張\n', "m.arg")
    assert diags == []
    (stmt,) = doc.statements
    assert stmt.origin.value == "日英同盟"
    assert stmt.relation.verb == "agrees with"
    assert stmt.relation.target.namespace == "ns"


def test_quote_locator():
    doc, diags = parse('claim c "x" { quote: "q" at "壹、前言" page 3 lines 10-12 }', "m.arg")
    assert diags == []
    quote = doc.statements[0].body.items[0]
    assert quote.locator.section.value == "壹、前言"
    assert quote.locator.page.value == 3
    assert quote.locator.lines == (10, 12)


def test_every_error_is_reported_and_the_rest_still_parses():
    doc, diags = parse(dedent('''\
        claim a "A" {
          zh: "甲"；
          supports b
        }
        claim b "B" { tags x }
        claim c "C"
        '''), "m.arg")
    assert [(d.code, d.span.line) for d in diags] == [("AM101", 2), ("AM103", 5)]
    # the block with the bad line keeps its other lines; the statement after the error survives
    ids = [s.id.value for s in doc.statements]
    assert ids == ["a", "b", "c"]
    assert doc.statements[0].body.items[-1].target.value == "b"
