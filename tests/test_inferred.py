"""`(inferred)`: what the mapper supplied rather than the paper printed, on field values and on relations."""

from __future__ import annotations

import json
from textwrap import dedent

from click.testing import CliRunner

import argmap
from argmap.analysis.stats import stats
from argmap.cli.main import main
from argmap.formats.plain import model_from_dict, model_to_dict
from argmap.language.fmt import format_document
from argmap.language.parse import parse
from argmap.render.dot import to_dot

PAPER = "第一节 背景\n1902年1月30日，日英两国在伦敦签订同盟条约。\n此后同盟两度续订。\n第二节 结论\n同盟终于瓦解。\n"

MAP = dedent('''\
    source s "A paper" {
      fulltext: "paper.txt"
    }
    thesis t "The alliance broke down"
    claim c "The alliance was renewed twice" {
      quote: "此后同盟两度续订" at "第一节 背景" line 3
      supports t (inferred) {
        note: "The paper puts the renewals and the break-down side by side without saying one led to the other."
      }
    }
    evidence e_signed "The treaty was signed in London" {
      type: document
      date: "1902-01-30"
      quote: "日英两国在伦敦签订同盟条约" at "第一节 背景" line 2
      supports c
    }
    evidence e_renewed "The treaty was renewed in 1905" {
      type: document
      date: "1905"
      quote: "此后同盟两度续订" at "第一节 背景" line 3
      supports c
    }
    evidence e_broken "The alliance broke down in 1923" {
      type: event
      date: "1923" (inferred)
      quote: "同盟终于瓦解" at "第二节 结论" line 5
      supports t
    }
    ''')


def _write(tmp_path):
    (tmp_path / "paper.txt").write_text(PAPER, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    path = tmp_path / "m.arg"
    path.write_text(MAP, encoding="utf-8")
    return path


def test_inferred_relation_and_field_reach_the_model_json_and_stats(tmp_path):
    result = argmap.load(_write(tmp_path))
    model = result.model
    inferred = [r for r in model.relations if r.inferred]
    assert [(r.origin, r.kind.value, r.target) for r in inferred] == [("c", "supports", "t")]
    assert model.node("e_broken").inferred == frozenset({"date"})
    assert model.node("e_signed").inferred == frozenset()
    data = model_to_dict(model)
    assert [r["inferred"] for r in data["relations"]] == [True, False, False, False]
    assert data["nodes"][4]["inferred"] == ["date"]
    assert model_from_dict(json.loads(json.dumps(data))) == model
    assert stats(model)["inferred"] == {"relations": 1, "fields": 1}


def test_fmt_keeps_the_marker_where_it_was_written(tmp_path):
    text = MAP.replace("supports t (inferred) {", "supports   t   (inferred){")
    formatted = format_document(parse(text, "m.arg")[0])
    assert "  supports t (inferred) {\n" in formatted
    assert '  date: "1923" (inferred)\n' in formatted
    assert format_document(parse(formatted, "m.arg")[0]) == formatted


def test_an_inferred_relation_is_drawn_differently(tmp_path):
    model = argmap.load(_write(tmp_path)).model
    dot = to_dot(model)
    inferred = [line for line in dot.splitlines() if '"c" -> "t"' in line]
    plain = [line for line in dot.splitlines() if '"e_signed" -> "c"' in line]
    assert len(inferred) == 1 and len(plain) == 1
    assert "(inferred)" in inferred[0] and "80\"" in inferred[0]
    assert "(inferred)" not in plain[0]


def test_a_date_the_paper_does_not_print_beside_the_quote_warns(tmp_path):
    path = _write(tmp_path)
    out = CliRunner().invoke(main, ["check", str(path)])
    warnings = [line for line in out.output.splitlines() if "AM317" in line]
    # 1902 and 1月 are printed on the quote's line; 1905 is printed nowhere; 1923 is marked (inferred)
    assert len(warnings) == 1, out.output
    assert "e_renewed" in warnings[0] and "1905" in warnings[0]
    assert 'date: "1905" (inferred)' in out.output


def test_month_precision_the_paper_does_not_print_warns(tmp_path):
    path = _write(tmp_path)
    path.write_text(MAP.replace('date: "1902-01-30"', 'date: "1902-03"'), encoding="utf-8")
    out = CliRunner().invoke(main, ["check", str(path)])
    assert any("AM317" in line and "month 3" in line for line in out.output.splitlines()), out.output


def test_years_printed_in_full_width_digits_count_as_printed(tmp_path):
    path = _write(tmp_path)
    (tmp_path / "paper.txt").write_text(PAPER.replace("此后同盟两度续订", "１９０５年此后同盟两度续订"), encoding="utf-8")
    out = CliRunner().invoke(main, ["check", str(path)])
    assert "AM317" not in out.output, out.output


def test_day_precision_the_paper_does_not_print_warns(tmp_path):
    path = _write(tmp_path)
    path.write_text(MAP.replace('date: "1902-01-30"', 'date: "1902-01-29"'), encoding="utf-8")
    out = CliRunner().invoke(main, ["check", str(path)])
    assert any("AM317" in line and "day 29" in line for line in out.output.splitlines()), out.output


def test_dates_printed_whole_or_as_a_month_range_count_as_printed(tmp_path):
    path = _write(tmp_path)
    paper = PAPER.replace("此后同盟两度续订", "此后同盟两度续订（2021-10-08；2022年4—5月）")
    (tmp_path / "paper.txt").write_text(paper, encoding="utf-8")
    for date in ("2021-10-08", "2022-04", "2021-10"):
        path.write_text(MAP.replace('date: "1905"', f'date: "{date}"'), encoding="utf-8")
        out = CliRunner().invoke(main, ["check", str(path)])
        assert "AM317" not in out.output, (date, out.output)
    path.write_text(MAP.replace('date: "1905"', 'date: "2021-10-09"'), encoding="utf-8")
    assert "AM317" in CliRunner().invoke(main, ["check", str(path)]).output  # the 9th is printed nowhere
