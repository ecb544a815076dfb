"""Analysis, semantics: the map as a Dung argumentation framework, and its labellings.

Input: a model. Output: the framework (`framework`) and labellings (`grounded`, `preferred`, `stable`) that
give each argument the label `in` (accepted), `out` (defeated) or `undec` (undecided).

The framework (a choice, documented in docs/semantics.md):
- arguments: every thesis, claim, counterclaim and evidence node, and every relation that is undercut (the
  inference it stands for is an argument of its own, as an undercutter attacks an inference, not a node);
- attacks: `attacks` (origin attacks target), `contradicts` (both attack each other), `undercuts` (origin
  attacks the undercut relation). `supports` adds no attack: as in Dung (1995), acceptability depends on
  attacks alone, and support is shown, not computed. Questions and comparison relations take no part.

Grounded: the least complete labelling, by the usual fixpoint (an argument is in when all its attackers are
out, out when one attacker is in). Preferred and stable: all maximal complete labellings, enumerated by a
labelling-based backtracking search (Modgil and Caminada 2009); the search is exponential in the worst case,
so it stops after `limit` labellings.
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


def grounded(af: Framework) -> dict[str, str]:
    attackers = af.attackers()
    label: dict[str, str] = {}
    changed = True
    while changed:
        changed = False
        for a in af.arguments:
            if a in label:
                continue
            if all(label.get(b) == OUT for b in attackers[a]):
                label[a] = IN
                changed = True
            elif any(label.get(b) == IN for b in attackers[a]):
                label[a] = OUT
                changed = True
    return {a: label.get(a, UNDEC) for a in af.arguments}


MAX_OPEN = 20  # preferred and stable enumerate 3^k labellings of the k arguments grounded leaves undecided


class TooLarge(ValueError):
    """Raised when more arguments are undecided than enumeration can handle."""


def _complete_labellings(af: Framework, limit: int) -> list[dict[str, str]]:
    """Complete labellings containing the grounded one, by backtracking over the undecided arguments."""
    attackers = af.attackers()
    attacked_by: dict[str, list[str]] = {a: [] for a in af.arguments}
    for attacker, attacked in af.attacks:
        attacked_by[attacker].append(attacked)
    base = grounded(af)
    open_args = [a for a in af.arguments if base[a] == UNDEC]
    if len(open_args) > MAX_OPEN:
        raise TooLarge(f"{len(open_args)} arguments are undecided under grounded semantics; "
                       f"enumerating preferred labellings is limited to {MAX_OPEN}")
    found: list[dict[str, str]] = []

    def legal(label: dict[str, str]) -> bool:
        for a in af.arguments:
            l = label[a]
            if l == IN and any(label[b] != OUT for b in attackers[a]):
                return False
            if l == OUT and not any(label[b] == IN for b in attackers[a]):
                return False
            if l == UNDEC and (all(label[b] == OUT for b in attackers[a])
                               or any(label[b] == IN for b in attackers[a])):
                return False
        return True

    def search(i: int, label: dict[str, str]) -> None:
        if len(found) >= limit:
            return
        if i == len(open_args):
            if legal(label):
                found.append(dict(label))
            return
        a = open_args[i]
        for choice in (IN, OUT, UNDEC):
            # prune: an argument in may not attack or be attacked by one in
            if choice == IN and any(label.get(b) == IN for b in attackers[a] + attacked_by[a]):
                continue
            label[a] = choice
            search(i + 1, label)
        label[a] = UNDEC

    search(0, dict(base))
    return found


def preferred(af: Framework, limit: int = 64) -> list[dict[str, str]]:
    """The complete labellings whose set of `in` arguments is maximal."""
    complete = _complete_labellings(af, limit * 8)
    ins = [frozenset(a for a, l in lab.items() if l == IN) for lab in complete]
    out = []
    seen: set[frozenset] = set()
    for lab, s in zip(complete, ins):
        if not any(s < other for other in ins) and s not in seen:
            seen.add(s)
            out.append(lab)
    return out[:limit]


def stable(af: Framework, limit: int = 64) -> list[dict[str, str]]:
    """The preferred labellings with no undecided argument (there may be none)."""
    return [lab for lab in preferred(af, limit) if UNDEC not in lab.values()]


def report(model: Model, semantics: str = "grounded", limit: int = 16) -> dict:
    """Labels under a semantics, and where they disagree with the statuses the paper gives its counterclaims."""
    af = framework(model)
    base = grounded(af)
    labellings = [base] if semantics == "grounded" else (
        preferred(af, limit) if semantics == "preferred" else stable(af, limit))
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
        "file": model.file, "semantics": semantics,
        "arguments": len(af.arguments), "attacks": len(af.attacks),
        "labellings": [{label: [a for a in af.arguments if lab[a] == label] for label in (IN, OUT, UNDEC)}
                       for lab in labellings],
        "tensions": tensions,
    }


def format_report(data: dict) -> str:
    out = [f"{data['file']}: {data['arguments']} arguments, {data['attacks']} attacks; "
           f"{data['semantics']} semantics: {len(data['labellings'])} labelling"
           f"{'s' * (len(data['labellings']) != 1)}"]
    for i, lab in enumerate(data["labellings"], start=1):
        counts = ", ".join(f"{len(lab[k])} {k}" for k in (IN, OUT, UNDEC))
        out.append(f"  labelling {i}: {counts}")
        for key in (OUT, UNDEC):
            if lab[key]:
                out.append(f"    {key}: {', '.join(lab[key])}")
    if data["tensions"]:
        out.append("  where the labels and the paper's verdicts differ (grounded):")
        for t in data["tensions"]:
            out.append(f"    {t['id']} ({t['status']}) is {t['label']}: {t['why']}")
    return "\n".join(out) + "\n"
