"""The wheel carries the grammar: build it, install it in a fresh venv, run `argmap check`."""

import subprocess
import sys
from pathlib import Path

import pytest

from argmap.formats.native import schema_text
from argmap.language.parse import grammar_text

ROOT = Path(__file__).parents[1]


def test_editable_install_reads_the_checkout_grammar_and_schema():
    assert grammar_text() == (ROOT / "grammar" / "argmap.lark").read_text(encoding="utf-8")
    assert schema_text() == (ROOT / "docs" / "schema" / "argmap.schema.json").read_text(encoding="utf-8")


@pytest.mark.slow
def test_wheel_installs_and_checks(tmp_path):
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path / "dist"), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = (tmp_path / "dist").glob("argmap-*.whl")
    venv = tmp_path / "venv"
    # the fresh venv borrows the already-installed dependencies, but not argmap itself
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    site = subprocess.run([str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          check=True, capture_output=True, text=True).stdout.strip()
    deps = Path(subprocess.run([sys.executable, "-c", "import lark, os; print(os.path.dirname(os.path.dirname(lark.__file__)))"],
                               check=True, capture_output=True, text=True).stdout.strip())
    Path(site, "deps.pth").write_text(str(deps) + "\n")
    # the venv's own pip: never the test runner's, which would uninstall the editable argmap
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--no-deps", "--no-compile", str(wheel)],
                   check=True, capture_output=True)
    example = ROOT / "examples" / "03_quotes.arg"
    result = subprocess.run([str(venv / "bin" / "argmap"), "check", str(example)], capture_output=True, text=True,
                            cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors, 0 warnings" in result.stdout
    packaged = subprocess.run([str(venv / "bin" / "python"), "-c",
                               "import argmap.language as l, pathlib; p = pathlib.Path(l.__file__).with_name('argmap.lark');"
                               "print(p.is_file() and not p.is_symlink())"],
                              capture_output=True, text=True, cwd=tmp_path).stdout.strip()
    assert packaged == "True"  # the grammar is a real file in the wheel, not a link into the checkout
    # the JSON Schema is packaged too: export, then import (which validates against it)
    exported = tmp_path / "m.json"
    subprocess.run([str(venv / "bin" / "argmap"), "export", str(example), "-o", str(exported)], check=True,
                   capture_output=True, cwd=tmp_path)
    imported = subprocess.run([str(venv / "bin" / "argmap"), "import", str(exported)], capture_output=True,
                              text=True, cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert "thesis filial_root" in imported.stdout
    schema_at = subprocess.run([str(venv / "bin" / "python"), "-c",
                                "from argmap.formats.native import schema; print(schema()['title'])"],
                               capture_output=True, text=True, cwd=tmp_path)
    assert schema_at.returncode == 0 and schema_at.stdout.strip(), schema_at.stderr
