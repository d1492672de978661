"""The interview from start to finished answers file: start, prefill or resume a session, ask,
and write the answers where `generate` reads them (cookiecutter's readable top-level flow)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional

from ..answers import describe_loc, read_answers_file
from .. import vault
from ..errors import InputError
from ..i18n import _, ngettext
from ..kinds import get_kind
from .checks import check_group, describe
from .engine import Interview
from .script import load_script
from .session import Session, answers_path_for, default_session_path, get_path, write_private_json
from .terminal import Terminal


class Stopped(Exception):
    """Ctrl-C, Ctrl-D, a closed terminal or :quit: the session file is complete as last saved."""

    def __init__(self, session_file: Optional[Path]) -> None:
        super().__init__()
        self.session_file = session_file


@dataclass(frozen=True)
class Finished:
    answers: dict[str, Any]  # the answers mapping, for legal_docs.pipeline.plan_mapping
    answers_file: Path  # the same answers saved (0600): `legal-docs generate` on it replays the run
    session_file: Path
    out_dir: Optional[Path]


def conduct(
    *, kind: Optional[str], terminal: Terminal, cwd: Path, save: Optional[Path] = None,
    resume: Optional[Path] = None, answers: Optional[Path] = None, out: Optional[Path] = None,
    encrypt: bool = False, lang: Optional[str] = None,
) -> Finished:
    """Run the interview; Stopped when the attorney stops (the session stays saved).

    The session remembers the options it was started with (language, forms folder, output
    folder): --resume uses them again unless given anew. Everything the packet will need is
    checked before the first question (preflight). With `encrypt`, a new session (and the
    answers file written beside it) is encrypted at rest with a passphrase (vault.py); a
    resumed encrypted session stays encrypted."""
    from ..forms import chosen_forms_dir, set_forms_dir
    from ..i18n import language, set_language

    set_language(lang or language())
    if kind is None and resume is None and answers is None and terminal.is_tty:
        kind = choose_kind(terminal)
    session, prefill = _open_session(kind=kind, save=save, resume=resume, answers=answers)
    set_language(lang or session.language or language())
    session.language = language()
    if chosen_forms_dir() is None and session.forms_dir:
        set_forms_dir(Path(session.forms_dir))
    forms = chosen_forms_dir()
    session.forms_dir = str(forms.resolve()) if forms is not None else None
    if out is not None:
        session.out_dir = str(out.resolve())
    preflight(session.kind, out=_out(session) or cwd / "out")
    if encrypt and session.passphrase is None:
        session.passphrase = vault.get_passphrase(new=True)
    try:
        return _conduct(session, prefill, terminal=terminal, cwd=cwd, resumed=resume is not None,
                        base=answers.resolve().parent if answers else cwd)
    except KeyboardInterrupt:
        raise Stopped(session.path) from None


def choose_kind(terminal: Terminal) -> str:
    """`legal-docs interview` with no kind: which packet, from a menu (or by number or name)."""
    from ..kinds import KINDS
    from . import inputs

    options = {spec.name: _(spec.title) for spec in KINDS.values()}
    terminal.line(_("Which packet is the interview for?"), "question")
    try:
        if terminal.menus:
            while True:
                picked = terminal.choose("", options, current=None)
                if picked in options:
                    return picked
                if picked == "<":
                    raise KeyboardInterrupt
                terminal.line(_("Pick one with the arrow keys and Enter; Ctrl-C stops."), "hint")
        for n, (name, title) in enumerate(options.items(), start=1):
            terminal.line(f"  {n}) {name}: {title}")
        while True:
            raw = terminal.read_line("> ")
            try:
                return inputs.match_choice(raw, {name: name for name in options})
            except inputs.Refused as exc:
                terminal.line(str(exc), "error")
    except EOFError:
        raise KeyboardInterrupt from None


def _open_session(
    *, kind: Optional[str], save: Optional[Path], resume: Optional[Path], answers: Optional[Path]
) -> tuple[Session, Optional[dict[str, Any]]]:
    if resume is not None:
        if answers is not None or save is not None:
            raise InputError(_("--resume continues a saved session; it cannot be combined with --answers or --save."))
        session = Session.load(resume)
        if kind and get_kind(kind).name != get_kind(session.kind).name:
            raise InputError(_("That session is for a {kind} packet, not {other}.").format(kind=session.kind, other=kind))
        return session, None
    prefill = normalise(read_answers_file(answers)) if answers is not None else None
    name = kind or (str(prefill.get("kind")) if prefill and prefill.get("kind") else None)
    if not name:
        raise InputError(_("Say which packet the interview is for, e.g. `legal-docs interview vacatur`."))
    spec = get_kind(name)
    path = save or default_session_path(spec.name)
    if path.exists():
        raise InputError(
            _("A session file already exists at {path}. Continue it with --resume, or choose another --save file.")
            .format(path=path)
        )
    return Session(kind=spec.name, path=path, answers=dict(prefill or {})), prefill


def _conduct(session: Session, prefill: Optional[dict[str, Any]], *, terminal: Terminal, cwd: Path,
             resumed: bool, base: Path) -> Finished:
    spec = get_kind(session.kind)
    interview = Interview(script=load_script(spec.name), model=spec.model, session=session, terminal=terminal,
                          cwd=cwd, planner=spec.planner)
    refused: list[str] = []
    if prefill is not None:
        refused = interview.settle(base=base)
    unused = [p for p in leaves(prefill or {}) if get_path(interview.export(), p) is None]
    unused = [p for p in unused if ".".join(str(x) for x in p) not in session.notes]
    if not terminal.is_tty:
        _fail_without_terminal(interview, unused)
        session.save()  # complete: kept so `--resume` can change answers later
        exported = interview.export()
    else:
        _banner(terminal, interview, spec.title, resumed=resumed, refused=refused, unused=unused)
        session.save()
        exported = interview.run()
    write_private_json(answers_path_for(session.path), exported, passphrase=session.passphrase)
    return Finished(exported, answers_path_for(session.path), session.path, _out(session))


def preflight(kind: str, *, out: Path) -> None:
    """What the packet will need, checked before the first question rather than after the last:
    an output folder that can be written, and every official form the kind can fill (the shipped
    ones, or a forms folder's). InputError (exit 2) names what is missing and how to fix it."""
    from ..forms import require_forms
    from ..plan import load_packet_def

    probe = out
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if out.exists() and not out.is_dir():
        raise InputError(_("The output folder {path} is a file, not a folder: choose another with --out.").format(path=out))
    if not probe.is_dir() or not os.access(probe, os.W_OK | os.X_OK):
        raise InputError(_("The output folder {path} cannot be written here: choose another with --out.").format(path=out))
    forms = [d.form for d in load_packet_def(get_kind(kind).name).documents if d.form]
    if forms:
        try:
            require_forms(forms)
        except InputError as exc:
            raise InputError(
                _("The packet fills official forms that cannot be found, so the interview would end in "
                  "an error: {problem}").format(problem=exc.message),
                details=exc.details,
            ) from None


def _out(session: Session) -> Optional[Path]:
    return Path(session.out_dir) if session.out_dir else None


def _fail_without_terminal(interview: Interview, unused: list[tuple[Any, ...]]) -> None:
    """No terminal to ask on: fail at once, naming every missing or refused answer (exit 2)."""
    interview.settle()
    model = interview.model
    details = []
    for step in interview.pending():
        label, dotted = describe_loc(model, list(step.path))
        details.append(f"{label} ({dotted}): " + _("is required"))
    details += [f"{interview.session.notes[k]}" for k in sorted(interview.session.notes)]
    for path in unused:
        label, dotted = describe_loc(model, list(path))
        details.append(f"{dotted}: " + _("is not a field this packet knows (check the spelling)"))
    if not details:
        details = [describe(p, model) for p in check_group(model, (), interview.export(), base_dir=interview.cwd)]
    if details:
        raise InputError(
            ngettext("There is no terminal to ask on (input is not a terminal), and {n} answer is missing or "
                     "invalid:", "There is no terminal to ask on (input is not a terminal), and {n} answers are "
                     "missing or invalid:", len(details)).format(n=len(details)),
            details=details,
        )


def _banner(terminal: Terminal, interview: Interview, title: str, *, resumed: bool, refused: list[str],
            unused: list[tuple[Any, ...]]) -> None:
    session = interview.session
    terminal.line(_("Interview: {title}").format(title=_(title)), "section")
    terminal.line(_("Your answers are saved after each one, in:"))
    terminal.line(f"  {session.path}", wrapped=False)
    terminal.line(_("Type ? on any question for help, < to go back. Ctrl-C stops; continue later with:"), "hint")
    terminal.line(f"  legal-docs interview --resume {session.path}", "hint", wrapped=False)
    if resumed:
        done = sum(1 for s in interview.steps() if s.kind == "question" and get_path(session.answers, s.path) is not None)
        terminal.line(_("Continuing the session started {when}: {n} answers so far.").format(
            when=session.created[:16].replace("T", " "), n=done), "ok")
    if refused:
        terminal.line(ngettext("{n} answer from the answers file will be asked again:",
                               "{n} answers from the answers file will be asked again:", len(refused)).format(
            n=len(refused)), "warning")
        for line in refused:
            terminal.line(f"  - {line}", "warning")
    if unused:
        terminal.line(_("Not used from the answers file (this interview does not ask for them):"), "warning")
        for path in unused:
            terminal.line("  - " + ".".join(str(p + 1) if isinstance(p, int) else p for p in path), "warning")


def normalise(data: Any) -> Any:
    """Answers as saved JSON holds them: dates and times as text, mappings with text keys."""
    if isinstance(data, dict):
        return {str(k): normalise(v) for k, v in data.items()}
    if isinstance(data, list):
        return [normalise(v) for v in data]
    if isinstance(data, dt.datetime):
        return data.date().isoformat()
    if isinstance(data, dt.date):
        return data.isoformat()
    if isinstance(data, dt.time):
        return data.strftime("%H:%M")
    return data


def leaves(data: Any, base: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(data, dict):
        for k, v in data.items():
            yield from leaves(v, base + (k,))
    elif isinstance(data, list) and data and all(isinstance(v, dict) for v in data):
        for i, v in enumerate(data):
            yield from leaves(v, base + (i,))
    elif base and data not in (None, "", [], {}):
        yield base
