"""Regenerate the generated parts of the docs: the reference part of docs/diagnostics.md (from the registry
of codes). Run after adding or changing a diagnostic code: `python tools/regen_docs.py`."""

from pathlib import Path

from argmap.core.diagnostics import registry_markdown

ROOT = Path(__file__).resolve().parents[1]
page = ROOT / "docs" / "diagnostics.md"
text = page.read_text(encoding="utf-8")
head = text[: text.index("| code | name | severity | summary |")]
page.write_text(head + registry_markdown(), encoding="utf-8")
print(f"wrote {page.relative_to(ROOT)}")
