"""The interview's terminal on prompt_toolkit: menus, completion, editing in place, a pager.

Choices are picked from an arrow-key menu (questionary's select), multi-choices ticked in a
checklist (questionary's checkbox), long lists (the 58 counties) completed fuzzily as they are
typed, and the current answer is put on the line to edit rather than retyped. Narratives are
edited as several lines: Enter on an empty line (or Alt-Enter) ends the answer, as on the plain
terminal. In every menu `<` goes back and `?` asks for help, the commands the typed questions
take. Colour follows the plain terminal's rule: none with NO_COLOR or TERM=dumb.

Tests drive it with prompt_toolkit's ``create_pipe_input()`` and ``DummyOutput`` (no TTY needed);
the plain :class:`~legal_docs.interview.terminal.ConsoleTerminal` stays for dumb terminals and
input that is not a terminal.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Collection, Mapping
from typing import IO, Any, Optional, Sequence

from ..i18n import _
from .terminal import ConsoleTerminal

COMMAND_KEYS = ("<", "?")  # pressed in a menu: back, help (as typed on the other questions)
FINISHING = ("<", ":back", "?", ":help", ":quit", ":q", ":exit", ":clear", ":edit")


class PromptTerminal(ConsoleTerminal):
    """A ConsoleTerminal whose input is prompt_toolkit's (`input`/`output` for tests)."""

    menus = True
    prefills = True
    multiline_editing = True
    compact_review = True

    def __init__(self, *, input: Any = None, output: Any = None, stdout: IO[str] | None = None,
                 environ: "os._Environ[str] | dict[str, str] | None" = None, height: int | None = None) -> None:
        super().__init__(stdout=stdout, environ=environ)
        import prompt_toolkit  # noqa: F401  (loaded now, so the first question's prompt is drawn at once)

        self._input = input
        self._output = output
        self.is_tty = True
        self.height = height or shutil.get_terminal_size((100, 40)).lines
        if output is not None:  # a test's DummyOutput: what is written goes to `stdout`
            self.colour = False

    # -- prompt_toolkit plumbing ------------------------------------------------------------------

    def _io(self) -> dict[str, Any]:
        from prompt_toolkit.output import ColorDepth

        io: dict[str, Any] = {}
        if self._input is not None:
            io["input"] = self._input
        if self._output is not None:
            io["output"] = self._output
        if not self.colour:
            io["color_depth"] = ColorDepth.MONOCHROME
        return io

    def _run(self, question: Any) -> Any:
        """Run a questionary question with `<` and `?` finishing it (back, help)."""
        from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

        keys = KeyBindings()
        for key in COMMAND_KEYS:
            keys.add(key, eager=True)(lambda event, key=key: event.app.exit(result=_Command(key)))
        app = question.application
        app.key_bindings = merge_key_bindings([app.key_bindings, keys]) if app.key_bindings else keys
        return question.unsafe_ask()  # Ctrl-C raises KeyboardInterrupt: the session stays saved

    # -- what the interview asks ------------------------------------------------------------------

    def choose(self, prompt: str, options: dict[str, str], *, current: Optional[str]) -> str:
        """The value picked from `options` (value -> label), or a command ("<", "?")."""
        import questionary

        choices = [questionary.Choice(title=label, value=value) for value, label in options.items()]
        default = next((c for c in choices if c.value == current), None)
        question = questionary.select(
            prompt, choices=choices, default=default, qmark=">", use_shortcuts=len(choices) <= 36, use_jk_keys=False,
            instruction=_("(arrow keys or its number, Enter; < back, ? help)"),
            **self._io())
        result = self._run(question)
        return str(result)

    def choose_many(self, prompt: str, options: dict[str, str], *, current: Sequence[str]) -> list[str] | str:
        """The values ticked (in the list's order), or a command ("<", "?")."""
        import questionary

        chosen = set(current)
        choices = [questionary.Choice(title=label, value=value, checked=value in chosen)
                   for value, label in options.items()]
        question = questionary.checkbox(
            prompt, choices=choices, qmark=">",
            instruction=_("(arrow keys, Space ticks, Enter when done; < back, ? help)"), **self._io())
        result = self._run(question)
        if isinstance(result, _Command):
            return str(result)
        return [str(v) for v in result]

    def read_text(self, prompt: str, *, default: str = "", completions: Collection[str] = (),
                  multiline: bool = False, paths: bool = False) -> str:
        """A line (or several) typed with `default` already on it to edit; counties and other
        long lists complete fuzzily, paths complete from the disk."""
        from prompt_toolkit import PromptSession
        from prompt_toolkit.completion import PathCompleter
        from prompt_toolkit.key_binding import merge_key_bindings

        completer: Any = None
        if completions:  # a mapping: each completion with what it is beside it
            completer = whole_line_completer(
                list(completions), meta=dict(completions) if isinstance(completions, Mapping) else None)
        elif paths:
            completer = PathCompleter(expanduser=True)
        session: PromptSession[str] = PromptSession(**self._io())
        keys = merge_key_bindings([_command_keys(default), *([_multiline_keys(default)] if multiline else []),
                                   *([_tab_completes(completer)] if completions else [])])
        return session.prompt(
            prompt, default=default, completer=completer, complete_while_typing=bool(completions),
            multiline=multiline, key_bindings=keys,
            prompt_continuation=(lambda width, line, wrap: ". ".rjust(width)) if multiline else None,
        )

    def read_line(self, prompt: str, *, completions: Collection[str] = (), recall: str = "") -> str:
        return self.read_text(prompt, default="", completions=completions)

    def page(self, text: str) -> None:
        """Text longer than the screen goes through the pager ($PAGER, else less), which gives the
        screen back when it ends; shorter text is written as it is."""
        if text.count("\n") + 3 < self.height or self._output is not None:
            self.write(text)
            return
        import click

        click.echo_via_pager(text)


class _Command(str):
    """A menu left with a command key rather than a pick."""


def _command_keys(default: str) -> Any:
    """`<` (back) and `?` (help) typed on an answer put there to edit, before it is changed, are
    the commands, as on an empty line (a changed answer takes them as text)."""
    from prompt_toolkit.application import get_app
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.key_binding import KeyBindings

    keys = KeyBindings()
    untouched = Condition(lambda: bool(default) and get_app().current_buffer.text == default)
    for key in COMMAND_KEYS:
        @keys.add(key, filter=untouched, eager=True)
        def _command(event: Any, key: str = key) -> None:
            event.current_buffer.text = key
            event.current_buffer.validate_and_handle()

    return keys


def _tab_completes(completer: Any) -> Any:
    """Tab puts the best completion on the line at once, rather than after the completions of what
    was typed have been looked for in the background; in the menu, Tab goes to the next one."""
    from prompt_toolkit.completion import CompleteEvent
    from prompt_toolkit.key_binding import KeyBindings

    keys = KeyBindings()

    @keys.add("tab")
    def _tab(event: Any) -> None:
        buffer = event.current_buffer
        if buffer.complete_state is not None:
            buffer.complete_next()
            return
        best = next(iter(completer.get_completions(buffer.document, CompleteEvent(completion_requested=True))), None)
        if best is not None:
            buffer.apply_completion(best)

    return keys


def _multiline_keys(default: str) -> Any:
    """Enter on an empty last line ends a narrative (as on the plain terminal), and so does Enter
    on a line holding only a command (`<`, `?`, `:edit`...) or on the answer put there to edit,
    unchanged; Alt-Enter ends it anywhere."""
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.key_binding import KeyBindings

    keys = KeyBindings()

    def finishing(buffer: Any) -> bool:
        text = buffer.document.text
        if text.strip() in FINISHING or (default and text == default):
            return True
        return buffer.document.is_cursor_at_the_end and (text == "" or text.endswith("\n"))

    @keys.add("enter", filter=Condition(lambda: True))
    def _enter(event: Any) -> None:
        buffer = event.current_buffer
        if finishing(buffer):
            buffer.text = buffer.document.text.rstrip("\n")
            buffer.validate_and_handle()
        else:
            buffer.insert_text("\n")

    @keys.add("escape", "enter")
    def _done(event: Any) -> None:
        event.current_buffer.validate_and_handle()

    return keys


def whole_line_completer(words: list[str], *, meta: "Mapping[str, str] | None" = None) -> Any:
    """Fuzzy completion of a whole answer, spaces included: 'los an' and 'lsang' both offer
    'Los Angeles', '647b' offers 'PC 647(b)'; the closest (earliest, tightest) matches first.
    With `meta` (word -> what it is: 'PC 459' -> 'burglary') the words show it beside them, and
    typing it finds them too ('theft'), after the words matched by their own letters."""
    import re

    from prompt_toolkit.completion import Completer, Completion

    about: Mapping[str, str] = meta or {}

    class WholeLine(Completer):
        def get_completions(self, document: Any, complete_event: Any) -> Any:
            typed = "".join(document.text_before_cursor.split())
            if not typed:
                return
            pattern = re.compile(".*?".join(re.escape(c) for c in typed), re.IGNORECASE)
            ranked = []
            for word in words:
                found = pattern.search(word)
                if found:
                    ranked.append((0, found.start(), len(found.group()), word))
                elif about.get(word) and (found := pattern.search(about[word])):
                    ranked.append((1, found.start(), len(found.group()), word))
            for *_rank, word in sorted(ranked):
                yield Completion(word, start_position=-len(document.text_before_cursor),
                                 display_meta=about.get(word) or None)

    return WholeLine()


def prompt_terminal_wanted(environ: "os._Environ[str] | dict[str, str]", stdin: Any, stdout: Any, *,
                           plain_input: bool = False) -> bool:
    """The prompt_toolkit terminal on a real terminal; the plain one for TERM=dumb, input or output
    that is not a terminal, or `plain_input` (the settings' LEGAL_DOCS_PLAIN_INPUT)."""
    if environ.get("TERM") == "dumb" or plain_input:
        return False
    return bool(stdin.isatty() and stdout.isatty())
