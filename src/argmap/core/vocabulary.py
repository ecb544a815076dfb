"""The language's vocabulary, written out once: node kinds, relation words, keywords, fields and their values.

Everything that names a kind, a relation or a field derives from this module: the model's enums
(`argmap.core.model`), the parser's messages and did-you-mean candidates, build's field checks, the
formatter and unparser, highlighting, the language server's completions, the CLI's choices, the TextMate
grammar (`tools/gen_textmate.py`) and the reference tables in the docs. The grammar (`grammar/argmap.lark`)
spells the same keywords as terminals; `tests/test_vocabulary.py` asserts that the two are the same set.

Nothing here imports anything of argmap: it is plain data.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- node kinds, in the order the docs and reports list them
NODE_KINDS: tuple[str, ...] = ("thesis", "claim", "evidence", "counterclaim", "question")
#: kinds that state a position (may be supported, attacked, answer a question)
CLAIM_KINDS: tuple[str, ...] = ("thesis", "claim", "counterclaim")
#: kinds that can be a reason for or against something
REASON_KINDS: tuple[str, ...] = CLAIM_KINDS + ("evidence",)

STATEMENT_KEYWORDS: tuple[str, ...] = ("import", "source") + NODE_KINDS


@dataclass(frozen=True, slots=True)
class RelationWord:
    """One relation of the language: its word(s), what it may connect, and how people read it."""

    word: str  # canonical, as written: "supports", "agrees with"
    origins: tuple[str, ...]  # node kinds it may start from
    targets: tuple[str, ...]  # node kinds it may lead to (empty: it targets a relation)
    symmetric: bool = False
    comparison: bool = False  # compares papers (in comparison maps)
    outgoing: str = ""  # the side panel's heading for relations of this kind leaving a node
    incoming: str = ""  # ... and arriving at it

    @property
    def name(self) -> str:
        """The enum member name: `AGREES_WITH`."""
        return self.word.upper().replace(" ", "_")

    @property
    def terminals(self) -> tuple[str, ...]:
        """The grammar's terminals that spell it: `AGREES`, `WITH`."""
        return tuple(part.upper() for part in self.word.split())


_ALL = NODE_KINDS
RELATIONS: tuple[RelationWord, ...] = (
    RelationWord("supports", REASON_KINDS, CLAIM_KINDS, outgoing="supports", incoming="supported by"),
    RelationWord("attacks", REASON_KINDS, REASON_KINDS, outgoing="attacks", incoming="attacked by"),
    RelationWord("undercuts", REASON_KINDS, (), outgoing="undercuts", incoming="undercut by"),
    RelationWord("qualifies", REASON_KINDS, CLAIM_KINDS, outgoing="qualifies", incoming="qualified by"),
    RelationWord("contradicts", CLAIM_KINDS, CLAIM_KINDS, symmetric=True, outgoing="contradicts",
                 incoming="contradicted by"),
    RelationWord("answers", CLAIM_KINDS, ("question",), outgoing="answers", incoming="answered by"),
    RelationWord("agrees with", CLAIM_KINDS, CLAIM_KINDS, symmetric=True, comparison=True,
                 outgoing="agrees with", incoming="agrees with"),
    RelationWord("disagrees with", CLAIM_KINDS, CLAIM_KINDS, symmetric=True, comparison=True,
                 outgoing="disagrees with", incoming="disagrees with"),
    RelationWord("refines", CLAIM_KINDS, CLAIM_KINDS, comparison=True, outgoing="refines", incoming="refined by"),
    RelationWord("same as", _ALL, _ALL, symmetric=True, comparison=True, outgoing="same as", incoming="same as"),
)
RELATION_WORDS: tuple[str, ...] = tuple(r.word for r in RELATIONS)
RELATION: dict[str, RelationWord] = {r.word: r for r in RELATIONS}

# Words scholars reach for that the language spells otherwise, with why the suggestion fits.
# Used for "did you mean `attacks`?" when one of them stands where a relation word belongs.
SYNONYMS: dict[str, tuple[str, str]] = {
    "rebuts": ("attacks", "a rebuttal argues against a claim; whether the paper wins is the counterclaim's `status`"),
    "refutes": ("attacks", "to refute is to argue against; whether it succeeds is the counterclaim's `status`"),
    "opposes": ("attacks", "opposing a claim is attacking it"),
    "undermines": ("attacks", "undermining a premise is attacking it; to deny that it supports its conclusion, "
                              "use `undercuts` on the relation"),
    "challenges": ("attacks", "a challenge argues against a claim"),
    "objects": ("attacks", "an objection argues against a claim"),
    "counters": ("attacks", "a counter-argument argues against a claim"),
    "denies": ("attacks", "denying a claim is attacking it"),
    "weakens": ("qualifies", "a caveat that narrows a claim without defeating it qualifies it; if it defeats "
                             "the claim, use `attacks`"),
    "limits": ("qualifies", "a limit on a claim's scope qualifies it"),
    "caveats": ("qualifies", "a caveat qualifies a claim"),
    "nuances": ("qualifies", "a nuance qualifies a claim"),
    "backs": ("supports", "backing a claim is supporting it"),
    "justifies": ("supports", "a justification supports a claim"),
    "confirms": ("supports", "confirming evidence supports a claim"),
    "corroborates": ("supports", "corroborating evidence supports a claim"),
    "proves": ("supports", "evidence that proves a claim supports it; `strength: strong` says how much"),
    "grounds": ("supports", "a ground supports its claim"),
    "warrants": ("supports", "a warrant supports its claim"),
    "evidences": ("supports", "evidence supports the claim it bears on"),
    "contradicts-with": ("contradicts", "`contradicts` takes no `with`"),
    "conflicts": ("contradicts", "two positions that cannot both hold contradict each other"),
    "contests": ("disagrees with", "across papers, contesting a position is disagreeing with it"),
    "disputes": ("disagrees with", "across papers, disputing a position is disagreeing with it"),
    "agrees": ("agrees with", "the relation is written `agrees with`"),
    "disagrees": ("disagrees with", "the relation is written `disagrees with`"),
    "endorses": ("agrees with", "across papers, endorsing a position is agreeing with it"),
    "elaborates": ("refines", "elaborating another paper's position refines it"),
    "extends": ("refines", "extending another paper's position refines it"),
    "specifies": ("refines", "making another paper's position more precise refines it"),
    "equals": ("same as", "the relation is written `same as`"),
    "same": ("same as", "the relation is written `same as`"),
    "addresses": ("answers", "a position that addresses a question answers it"),
    "responds": ("answers", "a position that responds to a question answers it"),
}

# --- the other keywords of the grammar (quotes and their locators, naming a relation)
QUOTE_KEYWORDS: tuple[str, ...] = ("quote", "at", "page", "line", "lines")
OTHER_KEYWORDS: tuple[str, ...] = QUOTE_KEYWORDS + ("as",)
INFERRED_MARK = "(inferred)"

#: every word the grammar spells as a keyword terminal
KEYWORDS: frozenset[str] = frozenset(
    STATEMENT_KEYWORDS + OTHER_KEYWORDS + tuple(part for r in RELATIONS for part in r.word.split()))

# --- values of the enumerated fields
STANCES: tuple[str, ...] = ("asserted", "hedged", "conceded")
#: on `answers` also `none`: the paper takes no position on the question (a note says what it does instead)
RELATION_STANCES: tuple[str, ...] = STANCES + ("none",)
#: whether the author endorses a view the node reports
ENDORSEMENTS: tuple[str, ...] = ("yes", "no", "partly")
STATUSES: tuple[str, ...] = ("rebutted", "conceded", "open")
STRENGTHS: tuple[str, ...] = ("weak", "moderate", "strong")
EVIDENCE_TYPES: tuple[str, ...] = ("event", "document", "statement", "figure", "quotation", "study", "data", "other")
SOURCE_TYPES: tuple[str, ...] = ("article", "book", "chapter", "report", "document", "speech", "webpage")
#: how a source argues: `supported` (the default; a claim nothing supports is a gap, AM304) or `bare` (an
#: argumentative text that asserts its claims without support: AM304 stays silent for its nodes)
CLAIM_STYLES: tuple[str, ...] = ("supported", "bare")


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """A field: where it may stand, what it takes, and whether it may be repeated."""

    name: str
    value: str  # "text", "texts", "words", "word", "number", "id", "ids", "path", "link", "date"
    on: tuple[str, ...]  # "source", "relation", or node kinds
    repeatable: bool = False
    choices: tuple[str, ...] = ()
    doc: str = ""


FIELDS: tuple[FieldSpec, ...] = (
    # sources
    FieldSpec("authors", "texts", ("source",), doc="the authors as printed, comma-separated"),
    FieldSpec("affiliations", "texts", ("source",), doc="the authors' affiliations as printed"),
    FieldSpec("year", "number", ("source",), doc="year of publication"),
    FieldSpec("venue", "text", ("source",), doc="journal, book or series"),
    FieldSpec("volume", "text", ("source",)),
    FieldSpec("issue", "text", ("source",)),
    FieldSpec("pages", "text", ("source",)),
    FieldSpec("publisher", "text", ("source",)),
    FieldSpec("type", "word", ("source",), choices=SOURCE_TYPES, doc="the kind of publication"),
    FieldSpec("lang", "word", ("source",), doc="language tag of the source's own text (BCP 47)"),
    FieldSpec("doi", "text", ("source",)),
    FieldSpec("url", "link", ("source",)),
    FieldSpec("fulltext", "path", ("source",), doc="the full text quotes are verified against"),
    FieldSpec("bib", "text", ("source",),
              doc="`refs.bib#key` (or a CSL JSON file): the other fields come from the reference manager's "
                  "entry; fields written here win"),
    FieldSpec("cites", "ids", ("source",), doc="keys of the sources this source cites"),
    FieldSpec("cited-by", "ids", ("source",), doc="keys of sources that cite this one (recorded from the cited side)"),
    FieldSpec("claims", "word", ("source",), choices=CLAIM_STYLES,
              doc="`bare` for a text that asserts its claims without support (no AM304 for its nodes)"),
    FieldSpec("note", "text", ("source",), repeatable=True),
    # nodes
    FieldSpec("source", "id", NODE_KINDS, doc="the source the node comes from (default: the file's only source)"),
    FieldSpec("tags", "words", NODE_KINDS),
    FieldSpec("note", "text", NODE_KINDS, repeatable=True),
    FieldSpec("section", "text", NODE_KINDS, doc="the section of the source it stands in"),
    FieldSpec("stance", "word", CLAIM_KINDS, choices=STANCES, doc="how firmly the paper holds it"),
    FieldSpec("status", "word", ("counterclaim",), choices=STATUSES, doc="what the paper does with it"),
    FieldSpec("type", "word", ("evidence",), choices=EVIDENCE_TYPES, doc="the kind of evidence"),
    FieldSpec("date", "date", ("evidence",), doc="when the event or document is dated"),
    FieldSpec("url", "link", NODE_KINDS),
    FieldSpec("reported", "text", REASON_KINDS, doc="whose view the node reports; without it, the author's own"),
    FieldSpec("endorsed", "word", REASON_KINDS, choices=ENDORSEMENTS, doc="whether the author shares the reported view"),
    # relations
    FieldSpec("note", "text", ("relation",)),
    FieldSpec("strength", "word", ("relation",), choices=STRENGTHS),
    FieldSpec("stance", "word", ("relation",), choices=RELATION_STANCES, doc="on `answers`; `none`: no position"),
    FieldSpec("reported", "text", ("relation",), doc="on `answers`: whose view the answer reports"),
    FieldSpec("endorsed", "word", ("relation",), choices=ENDORSEMENTS, doc="on `answers`: whether the author shares it"),
    FieldSpec("about", "id", ("relation",), doc="the question a comparison relation is about"),
)


def field_names(on: str) -> tuple[str, ...]:
    """Names of the fields allowed on `on` ("source", "relation" or a node kind), in table order."""
    return tuple(dict.fromkeys(f.name for f in FIELDS if on in f.on))


def node_field_names() -> tuple[str, ...]:
    """Names of the fields allowed on some node kind, in table order."""
    return tuple(dict.fromkeys(f.name for f in FIELDS if set(f.on) & set(NODE_KINDS)))


def kinds_allowing(name: str) -> tuple[str, ...]:
    """The node kinds on which field `name` may stand."""
    return tuple(k for k in NODE_KINDS if any(f.name == name and k in f.on for f in FIELDS))


def repeatable(name: str) -> bool:
    return any(f.name == name and f.repeatable for f in FIELDS)
