"""Dung semantics on the map: the framework, grounded, preferred and stable labellings, `argmap analyze`."""

import json
from pathlib import Path
from textwrap import dedent

from click.testing import CliRunner

import argmap
from argmap.cli.main import main
from argmap.render.dot import DotOptions, to_dot
from argmap.analysis.semantics import Framework, framework, grounded, preferred, stable

ROOT = Path(__file__).parents[1]


def af(arguments, attacks):
    return Framework(tuple(arguments), tuple(attacks))


def test_framework_from_the_map(in_root):
    model = argmap.load("examples/02_counterclaims.arg").model
    frame = framework(model)
    # nodes and the undercut inference are arguments; the question kinds and supports add nothing
    assert frame.arguments == ("agglomeration", "wage_premium", "sorting", "movers", "amenities", "congestion",
                               "premium_link")
    assert set(frame.attacks) == {("movers", "sorting"), ("amenities", "agglomeration"),
                                  ("congestion", "agglomeration"), ("sorting", "premium_link")}
    labels = grounded(frame)
    assert labels["sorting"] == "out" and labels["movers"] == "in"
    assert labels["premium_link"] == "in"  # its undercutter is defeated
    assert labels["agglomeration"] == "out"  # the open and the conceded counterclaims stand unanswered


def test_contradicts_is_a_mutual_attack():
    model = argmap.loads(dedent('''\
        source s "S"
        claim a "A" { contradicts b }
        claim b "B"
        ''')).model
    assert set(framework(model).attacks) == {("a", "b"), ("b", "a")}


def test_textbook_frameworks():
    # a chain: c attacks b attacks a
    chain = af("abc", [("c", "b"), ("b", "a")])
    assert grounded(chain) == {"a": "in", "b": "out", "c": "in"}
    # an even cycle: grounded leaves both undecided; two preferred (and stable) labellings
    even = af("ab", [("a", "b"), ("b", "a")])
    assert grounded(even) == {"a": "undec", "b": "undec"}
    assert sorted(sorted(k for k, v in lab.items() if v == "in") for lab in preferred(even)) == [["a"], ["b"]]
    assert len(stable(even)) == 2
    # an odd cycle: the only preferred labelling is all undecided, and there is no stable one
    odd = af("abc", [("a", "b"), ("b", "c"), ("c", "a")])
    assert preferred(odd) == [{"a": "undec", "b": "undec", "c": "undec"}]
    assert stable(odd) == []
    # a self-attacker is out of every extension, and what it alone attacks stays undecided
    selfish = af("ab", [("a", "a"), ("a", "b")])
    assert grounded(selfish) == {"a": "undec", "b": "undec"}


def test_analyze_reports_tensions_with_the_papers_verdicts(in_root):
    result = CliRunner().invoke(main, ["analyze", "examples/02_counterclaims.arg", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["labellings"][0]["out"] == ["agglomeration", "sorting"]
    assert data["tensions"] == [{"id": "agglomeration", "status": "thesis", "label": "out",
                                 "why": "defeated by what the paper concedes: amenities"}]
    text = CliRunner().invoke(main, ["analyze", "examples/02_counterclaims.arg"]).output
    assert "7 arguments, 4 attacks (verdicts framework); grounded semantics: 1 labelling" in text
    assert "agglomeration (thesis) is out: defeated by what the paper concedes: amenities" in text


def test_labels_on_the_diagram(in_root, tmp_path):
    model = argmap.load("examples/02_counterclaims.arg").model
    labels = tuple(grounded(framework(model)).items())
    dot = to_dot(model, DotOptions(labels=labels))
    assert "sorting · counterclaim · rebutted · ✘ OUT" in dot
    assert "movers · evidence · study · ✔ IN" in dot
    assert "✘ OUT: defeated" in dot  # the legend explains the marks
    for option, marked in ((["--labels", "grounded"], True), ([], False)):
        out = tmp_path / "m.dot"
        result = CliRunner().invoke(main, ["render", "examples/02_counterclaims.arg", "-o", str(out), *option])
        assert result.exit_code == 0
        assert ("sorting · counterclaim · rebutted · ✘ OUT" in out.read_text(encoding="utf-8")) is marked


def _brute(arguments, attacks, semantics):
    """Every extension by brute force over all subsets (the reference for the solver)."""
    from itertools import combinations

    att = set(attacks)
    def defends(s, a):
        return all(any((c, b) in att for c in s) for b in arguments if (b, a) in att)
    subsets = [set(c) for k in range(len(arguments) + 1) for c in combinations(arguments, k)]
    free = [s for s in subsets if not any((x, y) in att for x in s for y in s)]
    admissible = [s for s in free if all(defends(s, a) for a in s)]
    comp = [s for s in admissible if all(a in s for a in arguments if defends(s, a))]
    if semantics == "complete":
        return comp
    if semantics == "grounded":
        return [min(comp, key=len)]
    if semantics == "preferred":
        return [s for s in comp if not any(s < t for t in comp)]
    return [s for s in free if all(a in s or any((x, a) in att for x in s) for a in arguments)]


from hypothesis import given, settings, strategies as st


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 10).flatmap(lambda n: st.tuples(
    st.just([f"a{i}" for i in range(n)]),
    st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3 * n))))
def test_every_semantics_and_acceptance_against_brute_force(case):
    from argmap.analysis.solve import SEMANTICS, accepted, decide, extensions

    arguments, pairs = case
    attacks = sorted({(arguments[i], arguments[j]) for i, j in pairs})
    for semantics in SEMANTICS:
        want = _brute(arguments, attacks, semantics)
        got = extensions(arguments, attacks, semantics)
        assert sorted(map(sorted, got)) == sorted(map(sorted, want)), semantics
        for a in arguments[:3]:
            assert accepted(arguments, attacks, semantics, a, "credulous") == any(a in s for s in want)
            assert accepted(arguments, attacks, semantics, a, "sceptical") == all(a in s for s in want)
            # the ICCMA 2023 certificates: an extension with it (credulous YES), one without it (sceptical NO)
            yes, witness = decide(arguments, attacks, semantics, a, "credulous")
            assert (witness is not None) == yes and (not yes or (a in witness and set(witness) in want))
            yes, witness = decide(arguments, attacks, semantics, a, "sceptical")
            assert (witness is None) == yes and (yes or (a not in witness and set(witness) in want))


def test_verdicts_a_rebutted_counterclaim_loses_its_mutual_attack():
    from argmap.analysis.semantics import framework_of

    model = argmap.loads(dedent('''\
        source s "S"
        thesis t "T"
        counterclaim c "C" { status: rebutted
          attacks t }
        claim r "R" { attacks c }
        counterclaim q "Q" { status: conceded
          qualifies t }
        r attacks c
        c attacks r
        ''')).model
    dung, _ = framework_of(model, "dung")
    assert grounded(dung)["c"] == "undec" and grounded(dung)["t"] == "undec"
    verdicts, failed = framework_of(model, "verdicts")
    assert sorted(failed) == [("c", "r"), ("c", "t")]
    labels = grounded(verdicts)
    assert labels["c"] == "out" and labels["t"] == "in" and labels["r"] == "in" and labels["q"] == "in"


def test_sceptical_preferred_does_not_enumerate_the_extensions():
    """20 disjoint even cycles have 2^20 preferred extensions; an unattacked argument is in all of them, and
    the answer (with the counterexample loop of solve._sceptical_preferred) comes from a handful of solves."""
    from argmap.analysis.solve import decide

    arguments = ["z"] + [f"{side}{k}" for k in range(20) for side in "ab"]
    attacks = [(f"a{k}", f"b{k}") for k in range(20)] + [(f"b{k}", f"a{k}") for k in range(20)]
    assert decide(arguments, attacks, "preferred", "z", "sceptical") == (True, None)
    answer, witness = decide(arguments, attacks, "preferred", "a3", "sceptical")
    assert answer is False and "a3" not in witness and "b3" in witness and "z" in witness and len(witness) == 21
