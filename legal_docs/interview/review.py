"""The review screen: every answer numbered by section, problems and eligibility warnings.

Warnings come from the kind's own planner (the same rules `generate` applies), run on the
answers validated by ``legal_docs.answers.validate_answers``, so what the review shows is what the
packet will say. Enter or y makes the packet; a number edits that answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from ..errors import LegalDocsError
from ..i18n import _
from . import inputs
from .checks import Problem, check_group, describe
from .script import field_at
from .session import key_of
from .steps import Step, show
from .terminal import wrap

if TYPE_CHECKING:
    from .engine import Interview


class Review:
    def __init__(self, interview: "Interview") -> None:
        self.it = interview
        self.term = interview.term

    def label(self, step: Step) -> str:
        answers = self.it.session.answers
        if step.kind == "more":
            return _("Another {noun} after this one").format(noun=_(step.item.noun or "item").lower())
        if step.kind == "gate":
            return show(step.item.label or step.prompt, answers, step.scope)
        if step.item.label:
            return show(step.item.label, answers, step.scope)
        _owner, _name, info = field_at(self.it.model, step.path)
        title = _(info.title or step.path[-1].replace("_", " "))
        return title[:1].upper() + title[1:]

    def value(self, step: Step) -> str:
        current = self.it._current(step)
        if step.kind == "question" and current is None:
            return _("(skipped)")
        if step.kind == "question" and step.item.type == "date":
            return inputs.describe_date(current)
        choices = ({k: _(v) for k, v in step.item.choice_map().items()}
                   if step.item.type in ("choice", "multichoice") else None)
        return inputs.describe_value(current, choices=choices)

    def show(self) -> Optional[str]:
        """None to make the packet, or the key of the step to edit."""
        steps = self.it.steps()
        exported = self.it.export(steps)
        problems = check_group(self.it.model, (), exported, base_dir=self.it.cwd)
        other_problems: list[str] = []
        warnings: list[str] = []
        if not problems:
            other_problems, warnings = self._plan(exported)
        numbers = {s.key: n for n, s in enumerate(steps, start=1)}
        listing = self._listing(steps)
        before = self.it.last_review
        self.it.last_review = dict(listing)
        if self.term.compact_review and before:
            changed = [line for key, line in listing if key and before.get(key) != line]
            self.term.line()
            self.term.line(_("Changed since the last review:") if changed else _("Nothing changed since the last review."),
                           "section")
            for line in changed:
                self.term.line(line.rstrip())
            self.term.line(_("Type v to see every answer again."), "hint")
        else:
            self.term.page("".join(line + "\n" for _key, line in listing))
        if warnings:
            self.term.line()
            self.term.line(_("Please note before the packet is made:"), "warning")
            for w in warnings:
                self.term.line(f"  ! {w}{self._answers_named(w, steps, numbers)}", "warning")
        lines = [self._problem_line(p, numbers) for p in problems] + other_problems
        if lines:
            self.term.line()
            self.term.line(_("To fix before the packet can be made:"), "error")
            for line in lines:
                self.term.line(f"  x {line}", "error")
        self.term.line()
        self.term.line(_("Type a number to change that answer, y or Enter to make the packet, "
                         ":quit to stop (your answers are saved)."), "question")
        while True:
            try:
                raw = self.term.read_line("> ").strip().lower()
            except EOFError:
                raise KeyboardInterrupt from None
            if raw in ("", "y", "yes", "s", "si", "sí"):  # Spanish speakers type s or sí
                if lines:
                    self.term.line(_("Fix the problems listed above first: type the number of the answer to change."), "error")
                    continue
                return None
            if raw == "v":
                self.term.page("".join(line + "\n" for _key, line in listing))
                continue
            if raw.isdigit() and 1 <= int(raw) <= len(steps):
                return steps[int(raw) - 1].key
            if raw in ("<", ":back"):
                return steps[-1].key
            if raw in (":quit", ":q", ":exit"):
                raise KeyboardInterrupt
            self.term.line(_("Type a number from 1 to {n}, or y to make the packet.").format(n=len(steps)), "error")

    def _listing(self, steps: list[Step]) -> list[tuple[str, str]]:
        """The review's lines, each with the key of the step it shows ('' for headings)."""
        script = self.it.script
        out: list[tuple[str, str]] = [("", ""), ("", self.term.style(_("Review your answers"), "section"))]
        section = heading = None
        for n, step in enumerate(steps, start=1):
            if step.section != section:
                section = step.section
                heading = ""
                out.append(("", ""))
                out.append(("", self.term.style(_("Section {n} of {total}: {title}").format(
                    n=section + 1, total=len(script.sections), title=_(script.sections[section].title)), "section")))
            if step.heading != heading:
                heading = step.heading
                if heading:
                    out.append(("", self.term.style(f"  {heading}", "question")))
            indent = "    " if step.heading else "  "
            out.append((step.key, wrap(f"{indent}{n:>3}. {self.label(step)}: {self.value(step)}", self.term.width)))
        return out

    def _problem_line(self, problem: Problem, numbers: dict[str, int]) -> str:
        text = describe(problem, self.it.model)
        loc = problem.location
        while loc and key_of(loc) not in numbers:
            loc = loc[:-1]
        if loc:
            return _("{problem} (answer {n})").format(problem=text, n=numbers[key_of(loc)])
        return text

    def _answers_named(self, warning: str, steps: list[Step], numbers: dict[str, int]) -> str:
        """ " (answer 57: Facts about the condition; answer 56: ...)" for a warning that knows the
        answers it is about (errors.AnswerWarning), so the attorney knows which one to change."""
        named = []
        for path in getattr(warning, "fields", ()):
            key = key_of(tuple(path))
            if key in numbers:
                step = steps[numbers[key] - 1]
                named.append(_("answer {n}: {label}").format(n=numbers[key], label=self.label(step)))
        return f" ({'; '.join(named)})" if named else ""

    def _plan(self, exported: dict[str, Any]) -> tuple[list[str], list[str]]:
        """(problems, warnings) from the same validation and planning `generate` uses."""
        from ..pipeline import check_forms, plan_mapping

        try:
            planned = plan_mapping(dict(exported), base_dir=self.it.cwd)
            check_forms(planned.plans)  # the forms this route fills, before the packet is asked for
        except LegalDocsError as exc:
            return [exc.message] + exc.details, []
        return [], [w for plan in planned.plans for w in plan.warnings]
