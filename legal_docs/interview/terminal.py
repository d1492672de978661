"""The terminal as an object (after httpie's Environment), so tests swap in a scripted one.

A terminal reads a line (raising EOFError on Ctrl-D or a closed input, KeyboardInterrupt on
Ctrl-C), writes text, opens the user's editor, and styles text: colour only on a TTY and never
when NO_COLOR is set. The console terminal uses readline when there is one: line editing, Tab
completion of choices (counties), and the current answer one Up-arrow away.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from collections.abc import Collection
from typing import IO, Optional, Sequence

STYLES = {
    "section": {"fg": "cyan", "bold": True},
    "question": {"bold": True},
    "hint": {"dim": True},
    "error": {"fg": "red"},
    "warning": {"fg": "yellow"},
    "ok": {"fg": "green"},
}


class Terminal:
    """What the interview needs from a terminal. Subclasses provide the input and output."""

    is_tty: bool = False
    colour: bool = False
    width: int = 100
    # What a richer terminal (prompt.PromptTerminal) adds; the plain ones type everything.
    menus: bool = False  # choose() and choose_many() are arrow-key menus
    prefills: bool = False  # read_text() puts the current answer on the line to edit
    multiline_editing: bool = False  # read_text(multiline=True) edits several lines at once
    compact_review: bool = False  # the review lists every answer once (paged), then what changed

    def read_line(self, prompt: str, *, completions: Collection[str] = (), recall: str = "") -> str:
        raise NotImplementedError

    def write(self, text: str = "") -> None:
        raise NotImplementedError

    def edit(self, text: str) -> Optional[str]:
        """Open the user's editor on `text`; the edited text, or None when there is no editor."""
        return None

    def page(self, text: str) -> None:
        """Show a long text (the review's listing); a pager where there is one."""
        self.write(text)

    def choose(self, prompt: str, options: dict[str, str], *, current: Optional[str]) -> str:
        raise NotImplementedError

    def choose_many(self, prompt: str, options: dict[str, str], *, current: Sequence[str]) -> "list[str] | str":
        raise NotImplementedError

    def read_text(self, prompt: str, *, default: str = "", completions: Collection[str] = (),
                  multiline: bool = False, paths: bool = False) -> str:
        return self.read_line(prompt, completions=completions, recall=default)

    def line(self, text: str = "", role: str = "", *, wrapped: bool = True) -> None:
        """Write a line in a style, wrapped at spaces to the terminal's width unless `wrapped` is
        False (paths and commands to copy stay whole)."""
        self.write(self.style(wrap(text, self.width) if wrapped else text, role) + "\n")

    def style(self, text: str, role: str) -> str:
        if not self.colour or role not in STYLES or not text:
            return text
        import click

        return click.style(text, **STYLES[role])  # type: ignore[arg-type]


def wrap(text: str, width: int) -> str:
    """Wrap each line longer than the width at spaces, keeping its indentation."""
    import textwrap

    out = []
    for line in text.split("\n"):
        if len(line) < width:
            out.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip())]
        out.append(textwrap.fill(line.strip(), width=max(width - 1, 20), initial_indent=indent,
                                 subsequent_indent=indent + ("  " if indent else ""), break_long_words=True, break_on_hyphens=False))
    return "\n".join(out)


def colour_wanted(stream: IO[str], environ: "os._Environ[str] | dict[str, str]") -> bool:
    return bool(stream.isatty()) and not environ.get("NO_COLOR") and environ.get("TERM") != "dumb"


class ConsoleTerminal(Terminal):
    def __init__(
        self, *, stdin: IO[str] | None = None, stdout: IO[str] | None = None,
        environ: "os._Environ[str] | dict[str, str] | None" = None,
    ) -> None:
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.environ = environ if environ is not None else os.environ
        self.is_tty = bool(self.stdin.isatty())
        self.colour = self.is_tty and colour_wanted(self.stdout, self.environ)
        self.width = min(shutil.get_terminal_size((100, 24)).columns, 100)
        self._readline = _readline() if self.is_tty and self.stdin is sys.stdin else None

    def write(self, text: str = "") -> None:
        self.stdout.write(text)
        self.stdout.flush()

    def read_line(self, prompt: str, *, completions: Collection[str] = (), recall: str = "") -> str:
        rl = self._readline
        if rl is None:
            self.write(prompt)
            line = self.stdin.readline()
            if not line:
                raise EOFError
            return line.rstrip("\n")
        rl.clear_history()  # earlier answers are not offered; the current one is, on Up
        if recall:
            rl.add_history(recall.replace("\n", " "))
        options = list(completions)

        def complete(text: str, state: int) -> Optional[str]:
            buffer = rl.get_line_buffer().lstrip().lower()
            hits = [c for c in options if c.lower().startswith(buffer)]
            if state < len(hits):
                # readline replaces only the current word: hand back the rest of the phrase
                done = len(buffer) - len(text)
                return hits[state][done:]
            return None

        rl.set_completer(complete if options else None)
        rl.set_completer_delims(" ")
        try:
            return input(prompt)
        finally:
            rl.set_completer(None)

    def edit(self, text: str) -> Optional[str]:
        editor = self.environ.get("VISUAL") or self.environ.get("EDITOR")
        if not editor or not self.is_tty:
            return None
        folder = Path(tempfile.mkdtemp(prefix="legal-docs-edit-"))  # 0700
        path = folder / "answer.txt"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            try:
                done = subprocess.run([*shlex.split(editor), str(path)], check=False)
            except OSError:
                return None
            if done.returncode != 0:
                return None
            return path.read_text(encoding="utf-8", errors="replace")
        finally:
            path.unlink(missing_ok=True)
            folder.rmdir()


def _readline():  # type: ignore[no-untyped-def]
    try:
        import readline
    except ImportError:  # Windows without pyreadline: plain input() still works
        return None
    readline.parse_and_bind("tab: complete")
    return readline


class ScriptedTerminal(Terminal):
    """A terminal for tests: answers come from a list; everything shown is kept in `output`.

    An entry that is an exception class or instance is raised at that prompt (KeyboardInterrupt
    for Ctrl-C); running out of entries is EOFError, like Ctrl-D.
    """

    def __init__(self, inputs: Sequence[object] = (), *, is_tty: bool = True, colour: bool = False,
                 edits: Sequence[Optional[str]] = (), width: int = 1000) -> None:
        self.width = width
        self.inputs = list(inputs)
        self.edits = list(edits)
        self.is_tty = is_tty
        self.colour = colour
        self.output: list[str] = []
        self.prompts: list[str] = []

    def read_line(self, prompt: str, *, completions: Collection[str] = (), recall: str = "") -> str:
        self.output.append(prompt)
        self.prompts.append(prompt)
        if not self.inputs:
            raise EOFError
        value = self.inputs.pop(0)
        if isinstance(value, BaseException) or (isinstance(value, type) and issubclass(value, BaseException)):
            raise value
        self.output.append(f"{value}\n")
        return str(value)

    def write(self, text: str = "") -> None:
        self.output.append(text)

    def edit(self, text: str) -> Optional[str]:
        return self.edits.pop(0) if self.edits else None

    @property
    def text(self) -> str:
        return "".join(self.output)
