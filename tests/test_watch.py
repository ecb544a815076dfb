"""`argmap watch` as a user runs it: a process watching a copy of a map, edited on disk (an invalid state, then
a valid edit), then stopped with Ctrl-C (SIGINT)."""

from __future__ import annotations

import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path

from conftest import ROOT

ARGMAP = Path(sys.executable).with_name("argmap")
WAIT = 90  # seconds to wait for a line before failing (a bound, not a timing assertion)


class Watching:
    """The watch process with its standard error read line by line in a thread."""

    def __init__(self, *args: str, cwd: Path):
        self.process = subprocess.Popen([str(ARGMAP), "--color", "never", "watch", *args], cwd=cwd,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stderr:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def until(self, predicate, edit=None) -> list[str]:
        """The lines up to and including the first that satisfies `predicate`. `edit` is made now and made again
        each second until the watcher reports a change: the process prints its first report before its
        watcher is set up, so an edit made at once can come before there is anything to see it."""
        got: list[str] = []
        if edit is not None:
            edit()
        for _ in range(WAIT):
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                if edit is not None and not any(g.startswith("--- change: ") for g in got):
                    edit()
                continue
            if line is None:
                raise AssertionError(f"watch ended early (exit {self.process.wait()}); got {got!r}")
            got.append(line)
            self.seen.append(line)
            if predicate(line):
                return got
        raise AssertionError(f"no such line within {WAIT} s; got {got!r}")


def test_watch_reports_an_invalid_edit_renders_a_valid_one_and_stops_on_ctrl_c(tmp_path):
    mapped = tmp_path / "minimal.arg"
    original = (ROOT / "examples" / "01_minimal.arg").read_text(encoding="utf-8")
    mapped.write_text(original, encoding="utf-8")
    out = tmp_path / "minimal.svg"
    watching = Watching(str(mapped), "-o", str(out), cwd=tmp_path)
    try:
        first = watching.until(lambda line: line.startswith("wrote "))
        assert first == [f"wrote {out}"]
        assert watching.until(lambda line: "errors" in line) == ["0 errors, 0 warnings"]
        rendered = out.read_text(encoding="utf-8")
        assert "<svg" in rendered and "Cities grow because firms gain" in rendered

        # half-typed: a relation to an id that does not exist yet
        invalid = original.replace("  supports agglomeration\n", "  supports agglomer\n")
        lines = watching.until(lambda line: "keep their last rendering" in line,
                               edit=lambda: mapped.write_text(invalid, encoding="utf-8"))
        assert any(line.startswith("--- change: ") and str(mapped) in line for line in lines)
        assert f"{mapped.name}:13:12: error[AM201] unknown id `agglomer`" in lines, lines
        assert "   = hint: did you mean `agglomeration`?" in lines
        assert lines[-1] == "1 error, 0 warnings; maps with errors keep their last rendering"
        assert not any(line.startswith("wrote ") for line in lines)
        assert out.read_text(encoding="utf-8") == rendered  # the last good rendering stays

        # fixed, with a new text: rendered again
        fixed = original.replace("Cities grow because", "Towns grow because")
        lines = watching.until(lambda line: line.startswith("wrote "),
                               edit=lambda: mapped.write_text(fixed, encoding="utf-8"))
        assert lines[-1] == f"wrote {out}"
        again = out.read_text(encoding="utf-8")
        assert "Towns grow because firms gain" in again and "Cities grow because" not in again
        assert not any("error[" in line for line in lines)
    finally:
        watching.process.send_signal(signal.SIGINT)
        try:
            code = watching.process.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            watching.process.kill()
            raise
    rest = watching.process.stderr.read() if not watching.process.stderr.closed else ""
    everything = "\n".join(watching.seen) + rest + watching.process.stdout.read()
    assert code in (0, 130), everything
    assert "Traceback" not in everything
