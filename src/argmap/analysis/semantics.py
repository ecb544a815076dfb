"""Analysis, semantics: the map as a Dung argumentation framework, and its labellings.

Input: a model. Output: the framework (`framework`) and labellings (`grounded`, `preferred`, `stable`) that
give each argument the label `in` (accepted), `out` (defeated) or `undec` (undecided).

The framework (a choice, documented in docs/semantics.md):
- arguments: every thesis, claim, counterclaim and evidence node, and every relation that is undercut (the
  inference it stands for is an argument of its own, as an undercutter attacks an inference, not a node);
- attacks: `attacks` (origin attacks target), `contradicts` (both attack each other), `undercuts` (origin
  attacks the undercut relation). `supports` adds no attack: as in Dung (1995), acceptability depends on
  attacks alone, and support is shown, not computed. Questions and comparison relations take no part.

Two frameworks: `dung` (the attacks as written) and `verdicts` (the default: the same arguments, with the
paper's verdicts as preferences, see `verdicts_framework`). `qualifies` adds no attack in either.

Grounded in linear time; complete, preferred and stable solved exactly by clingo (analysis/solve.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.core.model import Model, NodeKind, RelationKind

IN, OUT, UNDEC = "in", "out", "undec"
ARGUMENT_KINDS = (NodeKind.THESIS, NodeKind.CLAIM, NodeKind.COUNTERCLAIM, NodeKind.EVIDENCE)


@dataclass(frozen=True, slots=True)
class Framework:
    arguments: tuple[str, ...]  # in source order
    attacks: tuple[tuple[str, str], ...]  # (attacker, attacked)

    def attackers(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {a: [] for a in self.arguments}
        for attacker, attacked in self.attacks:
            found[attacked].append(attacker)
        return found


def framework(model: Model) -> Framework:
    arguments = [n.id for n in model.nodes if n.kind in ARGUMENT_KINDS]
    undercut = {r.target for r in model.relations if r.kind is RelationKind.UNDERCUTS}
    arguments += [r.id for r in model.relations if r.id is not None and r.id in undercut]
    known = set(arguments)
    attacks: list[tuple[str, str]] = []
    for r in model.relations:
        if r.origin not in known or r.target not in known:
            continue
        if r.kind in (RelationKind.ATTACKS, RelationKind.UNDERCUTS):
            attacks.append((r.origin, r.target))
        elif r.kind is RelationKind.CONTRADICTS:
            attacks += [(r.origin, r.target), (r.target, r.origin)]
    unique = list(dict.fromkeys(attacks))
    return Framework(tuple(arguments), tuple(unique))


def _labelling(af: Framework, ext) -> dict[str, str]:
    """The labelling of an extension: its members in, what they attack out, the rest undecided."""
    members = set(ext)
    beaten = {y for x, y in af.attacks if x in members}
    return {a: IN if a in members else OUT if a in beaten else UNDEC for a in af.arguments}


def grounded(af: Framework) -> dict[str, str]:
    from argmap.analysis.solve import grounded_extension

    return _labelling(af, grounded_extension(af.arguments, af.attacks))


def labellings(af: Framework, semantics: str, limit: int | None = None,
               timeout: float | None = None) -> list[dict[str, str]]:
    """Labellings under grounded, complete, preferred or stable semantics (solved by clingo, see solve.py)."""
    from argmap.analysis.solve import extensions

    found = extensions(af.arguments, af.attacks, semantics, timeout=timeout)
    return [_labelling(af, ext) for ext in found[:limit]]


def complete(af: Framework, limit: int | None = None) -> list[dict[str, str]]:
    return labellings(af, "complete", limit)


def preferred(af: Framework, limit: int | None = None) -> list[dict[str, str]]:
    """The complete labellings whose set of `in` arguments is maximal."""
    return labellings(af, "preferred", limit)


def stable(af: Framework, limit: int | None = None) -> list[dict[str, str]]:
    """The labellings with no undecided argument (there may be none)."""
    return labellings(af, "stable", limit)


FRAMEWORKS = ("verdicts", "dung")


def verdicts_framework(model: Model) -> tuple[Framework, list[tuple[str, str]]]:
    """The preference-based framework of the paper's verdicts, and the attacks that fail as defeats.

    Following Amgoud and Cayrol (2002) and ASPIC+ (Modgil and Prakken 2013): the paper's verdict `status:
    rebutted` says it prefers its own arguments to that counterclaim, so an attack (or half of a
    `contradicts`) from a rebutted counterclaim on any argument that is not itself a rebutted counterclaim
    does not succeed as a defeat. Undercuts succeed whatever the preference (as in ASPIC+). `conceded` and
    `open` give no preference. The result is a Dung framework of the defeats."""
    af = framework(model)
    rebutted = {n.id for n in model.nodes if n.kind is NodeKind.COUNTERCLAIM and n.status == "rebutted"}
    undercuts = {(r.origin, r.target) for r in model.relations if r.kind is RelationKind.UNDERCUTS}
    failed = [(x, y) for x, y in af.attacks if x in rebutted and y not in rebutted and (x, y) not in undercuts]
    drop = set(failed)
    return Framework(af.arguments, tuple(a for a in af.attacks if a not in drop)), failed


def framework_of(model: Model, kind: str = "verdicts") -> tuple[Framework, list[tuple[str, str]]]:
    if kind == "dung":
        return framework(model), []
    return verdicts_framework(model)


def report(model: Model, semantics: str = "grounded", limit: int = 16, kind: str = "verdicts",
           timeout: float | None = None) -> dict:
    """Labels under a semantics, and where they disagree with the statuses the paper gives its counterclaims."""
    af, failed = framework_of(model, kind)
    base = grounded(af)
    found = [base] if semantics == "grounded" else labellings(af, semantics, limit, timeout)
    attackers = af.attackers()
    tensions = []
    for node in model.local_nodes():
        if node.kind is NodeKind.COUNTERCLAIM and node.status == "rebutted" and base.get(node.id) != OUT:
            mutual = [b for b in attackers[node.id] if node.id in attackers.get(b, [])]
            why = (f"it and {', '.join(mutual)} attack each other" if mutual
                   else "nothing attacks it" if not attackers[node.id] else "its attackers are not accepted")
            tensions.append({"id": node.id, "status": node.status, "label": base[node.id], "why": why})
        if node.kind in (NodeKind.THESIS, NodeKind.CLAIM) and base.get(node.id) == OUT:
            winners = [b for b in attackers[node.id] if base.get(b) == IN]
            conceded = [b for b in winners if (n := model.node(b)) is not None and n.status == "conceded"]
            why = (f"defeated by what the paper concedes: {', '.join(conceded)}" if conceded
                   else f"defeated by {', '.join(winners)}")
            tensions.append({"id": node.id, "status": node.kind.value, "label": OUT, "why": why})
    return {
        "file": model.file, "semantics": semantics, "framework": kind,
        "failed_attacks": [list(a) for a in failed],
        "arguments": len(af.arguments), "attacks": len(af.attacks),
        "labellings": [{label: [a for a in af.arguments if lab[a] == label] for label in (IN, OUT, UNDEC)}
                       for lab in found],
        "tensions": tensions,
    }


def format_report(data: dict) -> str:
    out = [f"{data['file']}: {data['arguments']} arguments, {data['attacks']} attacks "
           f"({data['framework']} framework); "
           f"{data['semantics']} semantics: {len(data['labellings'])} labelling"
           f"{'s' * (len(data['labellings']) != 1)}"]
    for i, lab in enumerate(data["labellings"], start=1):
        counts = ", ".join(f"{len(lab[k])} {k}" for k in (IN, OUT, UNDEC))
        out.append(f"  labelling {i}: {counts}")
        for key in (OUT, UNDEC):
            if lab[key]:
                out.append(f"    {key}: {', '.join(lab[key])}")
    if data["failed_attacks"]:
        out.append("  attacks from rebutted counterclaims that fail as defeats: "
                   + ", ".join(f"{x} -> {y}" for x, y in data["failed_attacks"]))
    if data["tensions"]:
        out.append("  where the labels and the paper's verdicts differ (grounded):")
        for t in data["tensions"]:
            out.append(f"    {t['id']} ({t['status']}) is {t['label']}: {t['why']}")
    return "\n".join(out) + "\n"
