"""The interview: asks the steps in order, moves back and forth, and ends at the review screen.

It only produces answers (the renderer never prompts): :meth:`Interview.run` returns the answers
mapping once the attorney confirms the review, and the caller sends it through the same
validate -> generate pipeline as an answers file. The session is saved after every answer.
"""

from __future__ import annotations


import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from pydantic import BaseModel

from ..i18n import N_, _
from . import inputs
from .checks import check_answer, check_group, describe
from .review import Review
from .script import Script, accepts_approximate, model_at
from .session import Session, delete_path, get_path, key_of, set_path
from .steps import Step, build_steps, default_for, export, gate_open, is_answered, show
from .terminal import Terminal

BACK, DONE = "back", "done"
MENU_LIMIT = 12  # longer choice lists (the 58 counties) are typed, with completion
SKIP = "\0skip"  # the menu entry that leaves an optional choice unanswered


@dataclass(frozen=True)
class Picked:
    """An answer picked from a menu: already a value (None: skipped), not text to interpret."""

    value: Any
COMMANDS = ("<", ":back", "?", ":help", ":quit", ":q", ":exit", ":clear", ":edit")
COMMANDS_HELP = N_(  # translated when shown: the language is chosen after this module loads
    "Commands: < or :back goes back one question; ? shows help; Enter keeps the answer shown (on the "
    "line, or in [brackets]) or skips an optional question; :clear empties an optional answer; :quit stops "
    "(answers are saved)."
)


class Interview:
    def __init__(self, *, script: Script, model: type[BaseModel], session: Session, terminal: Terminal,
                 cwd: Path, planner: Any = None) -> None:
        self.script = script
        self.model = model
        self.session = session
        self.term = terminal
        self.cwd = cwd
        self.planner = planner
        self._section_shown: Optional[int] = None
        self.last_review: dict[str, str] = {}  # step key -> its review line, as last shown
        self._heading_shown = ""

    # -- state ---------------------------------------------------------------------------------

    def steps(self) -> list[Step]:
        return build_steps(self.script, self.model, self.session)

    def pending(self, steps: Optional[list[Step]] = None) -> list[Step]:
        return [s for s in (steps if steps is not None else self.steps()) if not is_answered(self.session, s)]

    def export(self, steps: Optional[list[Step]] = None) -> dict[str, Any]:
        return export(self.script, steps if steps is not None else self.steps(), self.session)

    def _first_pending(self) -> Optional[str]:
        pending = self.pending()
        return pending[0].key if pending else None

    def settle(self, *, base: Optional[Path] = None) -> list[str]:
        """After a prefill: check every given answer, skip the optional questions left out, close
        the groups and lists the answers did not open. Returns notes about what was refused.
        Relative file paths are taken relative to `base` (the answers file's folder)."""
        notes: list[str] = []
        seen: set[str] = set()
        while True:
            changed = False
            for step in self.steps():
                if step.key in seen:
                    continue
                seen.add(step.key)
                if step.kind == "gate" and step.key not in self.session.flags:
                    self.session.flags[step.key] = gate_open(self.session, step)
                    changed = True
                elif step.kind == "more" and not is_answered(self.session, step):
                    self.session.flags[step.key] = False
                elif step.kind == "question":
                    value = get_path(self.session.answers, step.path)
                    if value is None:
                        if not step.required:
                            self.session.skipped.add(step.key)
                        continue
                    if step.item.type == "path" and base is not None and isinstance(value, str):
                        value = str((base / Path(value).expanduser()).resolve())
                        set_path(self.session.answers, step.path, value)
                    problems = check_answer(self.model, step.path, value, self.session.answers, base_dir=self.cwd)
                    if problems:
                        delete_path(self.session.answers, step.path)
                        text = "; ".join(describe(p, self.model) for p in problems)
                        self.session.notes[step.key] = _("From the answers file: {problem}").format(problem=text)
                        notes.append(text)
                        changed = True
                if changed:
                    break
            if not changed:
                return notes

    # -- the loop --------------------------------------------------------------------------------

    def run(self) -> dict[str, Any]:
        """Ask until the review is confirmed; return the answers mapping. Ctrl-C, Ctrl-D and
        :quit raise KeyboardInterrupt (the session on disk is complete as of the last answer)."""
        target = self._first_pending()
        walking = False  # after going back: the next question in order, not the next unanswered
        edit_from_review: Optional[str] = None
        while True:
            if target is None:
                choice = Review(self).show()
                if choice is None:
                    return self.export()
                target = edit_from_review = choice
                walking = False
                continue
            steps = self.steps()
            index = next((i for i, s in enumerate(steps) if s.key == target), None)
            if index is None:
                target = self._first_pending()
                continue
            step = steps[index]
            result = self.ask(step)
            steps = self.steps()
            if result == BACK:
                if edit_from_review == step.key:
                    target, edit_from_review = None, None
                    continue
                index = next((i for i, s in enumerate(steps) if s.key == step.key), index)
                if index == 0:
                    self.term.line(_("This is the first question."), "hint")
                else:
                    target, walking = steps[index - 1].key, True
                continue
            problem = self._group_problem(step, steps)
            if problem is not None:
                key, message = problem
                self.session.notes[key] = message
                self.session.save()
                target, walking = key, False
                continue
            if walking and edit_from_review is None:
                index = next((i for i, s in enumerate(steps) if s.key == step.key), None)
                nxt = steps[index + 1] if index is not None and index + 1 < len(steps) else None
                if nxt is not None:
                    target = nxt.key
                    walking = is_answered(self.session, nxt)
                    continue
            walking = False
            target = self._first_pending()

    def _group_problem(self, step: Step, steps: list[Step]) -> Optional[tuple[str, str]]:
        """When the answer completed a group (an offense, the trafficking facts...), check the
        group as a whole; a refusal is attached to the question that can fix it."""
        if step.kind == "more":
            return None
        keys = {s.key for s in steps}
        pending = self.pending(steps)
        exported = None
        for cut in range(len(step.path) - (0 if step.kind == "gate" else 1), 0, -1):
            prefix = step.path[:cut]
            if model_at(self.model, prefix) is None:
                continue
            if any(s.path[:cut] == prefix for s in pending):
                return None  # not complete yet; the enclosing groups are not either
            exported = exported if exported is not None else self.export(steps)
            problems = check_group(self.model, prefix, exported, base_dir=self.cwd)
            if not problems:
                continue
            first = problems[0]
            key = key_of(first.location)
            if key not in keys:
                owner = next((s for s in steps if s.group_path == prefix and s.group and s.group.recheck), None)
                recheck = key_of(prefix + tuple(owner.group.recheck.split("."))) if owner and owner.group else ""
                key = recheck if recheck in keys else step.key
            return key, describe(first, self.model)
        return None

    # -- one question -------------------------------------------------------------------------------

    def _announce(self, step: Step) -> None:
        if step.section != self._section_shown:
            section = self.script.sections[step.section]
            self.term.line()
            title = _("Section {n} of {total}: {title}").format(
                n=step.section + 1, total=len(self.script.sections), title=_(section.title))
            self.term.line(title, "section")
            if section.intro:
                self.term.line(show(section.intro, self.session.answers, ()).rstrip(), "hint")
            self._section_shown = step.section
            self._heading_shown = ""
        if step.heading and step.heading != self._heading_shown:
            self.term.line()
            self.term.line(step.heading, "section")
        self._heading_shown = step.heading

    def ask(self, step: Step) -> str:
        self._announce(step)
        answers = self.session.answers
        item = step.item
        self.term.line()
        self.term.line(show(step.prompt, answers, step.scope), "question")
        current = self._current(step)
        default = None if current is not None else self._default(step)
        for line in self._hints(step, current, default):
            self.term.line(line, "hint")
        note = self.session.notes.get(step.key)
        if note:
            self.term.line(note, "error")
        while True:
            read = self._read(step, current, default)
            if isinstance(read, Picked):  # from a menu: a value, not text to interpret
                value = read.value
                if value is None or value == []:
                    if step.required:
                        self.term.line(_("An answer is needed here. Type ? for help."), "error")
                        continue
                    self._store(step, None)
                    return DONE
                problems = check_answer(self.model, step.path, value, answers, base_dir=self.cwd)
                if problems:
                    for p in problems:
                        self.term.line(describe(p, self.model) + ".", "error")
                    continue
                self._store(step, value)
                return DONE
            lines, prefilled = read
            first = lines[0].strip() if lines else ""
            if first in ("<", ":back"):
                return BACK
            if first in ("?", ":help"):
                self._help(step)
                continue
            if first in (":quit", ":q", ":exit"):
                raise KeyboardInterrupt
            if first == ":clear" and step.kind == "question":
                if step.required:
                    self.term.line(_("This answer is needed; it cannot be left empty."), "error")
                    continue
                self._store(step, None)
                return DONE
            if first == ":edit" and item.type == "multiline":
                edited = self.term.edit(str(current or ""))
                if edited is None:
                    self.term.line(_("No editor is set (the EDITOR variable); type the text here instead."), "error")
                    continue
                lines = [edited]
            empty = not any(x.strip() for x in lines)
            if empty and prefilled and step.kind == "question":
                # the answer on the line was deleted: an optional question is skipped
                if step.required:
                    self.term.line(_("An answer is needed here. Type ? for help."), "error")
                    continue
                self._store(step, None)
                return DONE
            if empty:
                if current is not None:
                    value = current
                elif default is not None:
                    value = default
                elif not step.required and step.kind == "question":
                    self._store(step, None)
                    return DONE
                else:
                    self.term.line(_("An answer is needed here. Type ? for help."), "error")
                    continue
            else:
                try:
                    value = self._interpret(step, lines)
                except inputs.Refused as exc:
                    self.term.line(str(exc), "error")
                    continue
            if step.kind != "question":
                if self._set_flag(step, bool(value)):
                    return DONE
                continue
            problems = check_answer(self.model, step.path, value, answers, base_dir=self.cwd)
            if problems:
                for p in problems:
                    self.term.line(describe(p, self.model) + ".", "error")
                continue
            if item.type == "choice" and not empty:
                self.term.line(f"  = {_(item.choice_map().get(value, value))}", "ok")
            if item.type == "date" and value and not empty:
                # 3/2/2019 is March 2 here; saying it back in words catches a day-first reading.
                self.term.line(f"  = {inputs.describe_date(value)}", "ok")
            self._store(step, value)
            return DONE

    def _read(self, step: Step, current: Any, default: Any) -> "Picked | tuple[list[str], bool]":
        """What the attorney answered: a menu's pick, or the lines typed and whether the line
        started with the answer on it to edit (a terminal that prefills)."""
        item = step.item
        term = self.term
        question = step.kind == "question"
        try:
            if question and term.menus and item.type in ("choice", "multichoice"):
                picked = self._menu(step, current if current is not None else default)
                if picked is not None:
                    return picked
            # a choice's labels; or a text's suggestions (code sections), each with what it is
            options: "list[str] | dict[str, str]" = (
                [_(v) for v in item.choice_map().values()] if item.type == "choice" else item.suggestions())
            several = question and item.type in ("multiline", "list")
            if question and term.prefills and item.type != "yesno":
                shown = current if current is not None else default
                text = self._as_text(step, shown)
                raw = term.read_text("> ", default=text, completions=options,
                                     multiline=several and term.multiline_editing, paths=item.type == "path")
                if several and term.multiline_editing:
                    return raw.split("\n"), bool(text)
                first = raw
                prefilled = bool(text)
            else:
                recall = current if isinstance(current, str) and item.type not in ("multiline",) else ""
                first = term.read_line("> ", completions=options, recall=recall)
                prefilled = False
        except EOFError:
            raise KeyboardInterrupt from None
        if not several:
            return [first], prefilled
        if not first.strip() or first.strip() in COMMANDS:
            return [first], prefilled
        lines = [first]
        while True:  # a blank line ends a multi-line answer
            try:
                more = term.read_line(". ")
            except EOFError:
                break
            if not more.strip():
                break
            lines.append(more)
        return lines, prefilled

    def _menu(self, step: Step, shown: Any) -> "Optional[Picked | tuple[list[str], bool]]":
        """An arrow-key menu for a choice (up to MENU_LIMIT of them; longer lists are typed with
        completion) or a checklist for a multi-choice. None: type it instead."""
        item = step.item
        options = {k: _(v) for k, v in item.choice_map().items()}
        if item.type == "choice":
            if len(options) > MENU_LIMIT:
                return None
            current = shown if isinstance(shown, str) else None
            if not step.required:
                options[SKIP] = _("(no answer: skip this question)")
                # Enter on an optional question nobody has answered skips it, as on a typed line: it
                # must not record the first choice ("yes, they have firearms") the client never gave.
                current = current or SKIP
            picked = self.term.choose("", options, current=current)
            if picked in COMMANDS:
                return [picked], False
            return Picked(None if picked == SKIP else picked)
        values = shown if isinstance(shown, list) else []
        ticked = self.term.choose_many("", options, current=[v for v in values if v in options])
        if isinstance(ticked, str):
            return [ticked], False
        if item.other:
            others = "; ".join(v for v in values if v not in options)
            self.term.line(_("Other entries not on the list, separated by semicolons (Enter: none):"), "hint")
            typed = self.term.read_text("> ", default=others)
            ticked += [v for v in (inputs.read_text(x) for x in typed.split(";")) if v and v not in ticked]
        return Picked(ticked or None)

    @staticmethod
    def _as_text(step: Step, value: Any) -> str:
        """An answer as it is put back on the line to edit."""
        if value is None:
            return ""
        if isinstance(value, list):
            return "\n".join(str(v) for v in value)
        if step.item.type == "choice":
            return _(step.item.choice_map().get(str(value), str(value)))
        return str(value)

    def _interpret(self, step: Step, lines: list[str]) -> Any:
        item = step.item
        raw = "\n".join(lines)
        if step.kind != "question" or item.type == "yesno":
            return inputs.read_yesno(raw)
        if item.type == "multiline":
            return inputs.read_multiline(raw)
        if item.type == "list":
            return inputs.read_list("\n".join(lines).split("\n"))
        if item.type == "date":
            return inputs.read_date(raw, approximate=self._approximate(step))
        if item.type == "choice":
            return inputs.match_choice(raw, item.choice_map())
        if item.type == "multichoice":
            return inputs.read_multichoice(raw, item.choice_map(), other=item.other)
        if item.type == "path":
            return inputs.read_path(raw, cwd=self.cwd)
        return inputs.read_text(raw)

    def _current(self, step: Step) -> Any:
        if step.kind == "gate":
            if step.key in self.session.flags:
                return self.session.flags[step.key]
            return True if get_path(self.session.answers, step.path) else None
        if step.kind == "more":
            if step.key in self.session.flags:
                return self.session.flags[step.key]
            return True if is_answered(self.session, step) else None
        return get_path(self.session.answers, step.path)

    def _approximate(self, step: Step) -> bool:
        """A date question whose field takes a month or a year alone ("about June 2016")."""
        return accepts_approximate(self.model, step.path)

    def _default(self, step: Step) -> Any:
        if step.kind == "more":
            return False
        value = default_for(step, self.session.answers)
        if step.item.type == "date" and isinstance(value, str):
            try:
                return inputs.read_date(value, approximate=self._approximate(step))
            except inputs.Refused:
                return None
        return value

    def _hints(self, step: Step, current: Any, default: Any) -> list[str]:
        item = step.item
        hints: list[str] = []
        if step.kind != "question" or item.type == "yesno":
            shown = current if current is not None else default
            hints.append(_("y or n") + (f"  [{inputs.describe_value(shown)}]" if shown is not None else ""))
            return hints
        # labels as shown: translated (the list, and the answer in [brackets])
        choices = {k: _(v) for k, v in item.choice_map().items()} if item.type in ("choice", "multichoice") else None
        menu = self.term.menus and item.type in ("choice", "multichoice") and (
            item.type == "multichoice" or len(item.choice_map()) <= MENU_LIMIT)
        if menu:
            return [_("(optional)")] if not step.required else []
        if choices and len(choices) <= 12:
            hints.append("  ".join(f"{i}) {label}" for i, label in enumerate(choices.values(), start=1)))
        kind_hint = {
            "date": _("A date: 2019-03-02, 3/2/2019 or March 2, 2019; or only the month or year if that is all "
                      "that is known: June 2016, 06/2016 or 2016.") if self._approximate(step)
            else _("A date: 2019-03-02, 3/2/2019 or March 2, 2019."),
            "multiline": _("Several lines are fine. An empty line ends the answer; :edit opens your editor."),
            "list": _("One per line. An empty line ends the list."),
            "path": _("The path of a PDF file (you can drag the file into this window)."),
            "multichoice": _("Numbers such as 1, 3; or entries separated by semicolons") + (
                _(" (other text is kept as typed).") if item.other else "."),
        }.get(item.type)
        if item.type == "choice" and choices and len(choices) > 12:
            kind_hint = _("Type the name or its first letters (Tab completes); ? lists them all.")
        if kind_hint:
            hints.append(kind_hint)
        shown = current if current is not None else default
        tail = []
        if shown is not None and not self.term.prefills:  # a prefilling terminal has it on the line already
            label = _("now") if current is not None else _("Enter for")
            text = inputs.describe_date(shown) if item.type == "date" else inputs.describe_value(shown, choices=choices)
            tail.append(f"[{label}: {text}]")
        if not step.required:
            tail.append(_("(optional: Enter skips)") if current is None and default is None else _("(optional)"))
        if tail:
            hints.append(" ".join(tail))
        return hints

    def _help(self, step: Step) -> None:
        item = step.item
        if item.help:
            self.term.line(show(item.help, self.session.answers, step.scope).rstrip(), "hint")
        if item.type in ("choice", "multichoice") and step.kind == "question":
            labels = [_(x) for x in item.choice_map().values()]
            width = max(len(x) for x in labels) + 6
            per_row = max(1, 78 // width)
            for start in range(0, len(labels), per_row):
                row = labels[start : start + per_row]
                self.term.line("".join(f"{start + i + 1:>3}) {x:<{width - 5}}" for i, x in enumerate(row)).rstrip())
        self.term.line(_(COMMANDS_HELP), "hint")

    # -- storing ------------------------------------------------------------------------------------

    def _store(self, step: Step, value: Any) -> None:
        if value is None:
            delete_path(self.session.answers, step.path)
            self.session.skipped.add(step.key)
        else:
            set_path(self.session.answers, step.path, value)
            self.session.skipped.discard(step.key)
        self.session.notes.pop(step.key, None)
        self.session.save()

    def _set_flag(self, step: Step, value: bool) -> bool:
        """Store a gate or more answer; False when the attorney took it back (nothing changed)."""
        if step.kind == "more":
            items = get_path(self.session.answers, step.path[:-1])
            count = len(items) if isinstance(items, list) else 0
            index = step.path[-1]
            later = list(range(index + 1, count))
            if value and not later:
                set_path(self.session.answers, step.path[:-1] + (index + 1,), {})
            if not value and later:
                if any(items[j] for j in later):
                    names = f"{step.item.noun} {later[0] + 1}" + (f"–{later[-1] + 1}" if len(later) > 1 else "")
                    self.term.line(_("This removes {names} and their answers.").format(names=names), "warning")
                    try:
                        confirm = self.term.read_line(_("Remove them? (y/N) "))
                    except EOFError:
                        raise KeyboardInterrupt from None
                    if confirm.strip().lower() not in inputs.YES:
                        return False
                self._drop_items(step.path[:-1], index + 1)
        self.session.flags[step.key] = value
        self.session.notes.pop(step.key, None)
        self.session.save()
        return True

    def _drop_items(self, list_path: tuple[Any, ...], start: int) -> None:
        """Remove list items from `start` on, with their skips, flags and notes."""
        items = get_path(self.session.answers, list_path)
        if isinstance(items, list):
            del items[start:]
        pattern = re.compile(re.escape(key_of(list_path)) + r"\.(\d+)(?:[.+?].*)?$")

        def gone(key: str) -> bool:
            m = pattern.match(key)
            return m is not None and int(m.group(1)) >= start

        self.session.flags = {k: v for k, v in self.session.flags.items() if not gone(k)}
        self.session.skipped = {k for k in self.session.skipped if not gone(k)}
        self.session.notes = {k: v for k, v in self.session.notes.items() if not gone(k)}

