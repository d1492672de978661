"""`legal-docs interview KIND`: ask the questions in the terminal, then make the packet.

The interview (legal_docs.interview) only produces an answers file; this command then runs the
same generate pipeline as `legal-docs generate` on it. Heavy modules load inside the command.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable, Optional

import click

from legal_docs.errors import ExitCode
from legal_docs.i18n import _
from legal_docs_cli.completion import complete_kind

# Tests swap this for a function returning a ScriptedTerminal (httpie's Environment idea).
terminal_factory: Optional[Callable[[], Any]] = None


@click.command(epilog="""Examples:

\b
  legal-docs interview                              choose the packet from a menu
  legal-docs interview vacatur --out out/
  legal-docs interview protective-order --lang es   questions in Spanish
  legal-docs interview --answers client.yaml        ask only what the file lacks
  legal-docs interview --resume SESSION.json        continue where it stopped""")
@click.argument("kind", required=False, shell_complete=complete_kind)
@click.option("--save", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Session file to save the answers in as you go (default: in your user data folder).")
@click.option("--resume", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Continue a saved session at its first unanswered question.")
@click.option("--answers", "answers_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Prefill from an answers file (YAML or JSON); only what is missing or invalid is asked.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder to write the packets into [default: out].")
@click.option("--lang", type=click.Choice(["en", "es"]), default=None,
              help="Language of the questions, help and messages (default: LEGAL_DOCS_LANG, else English).")
@click.option("--encrypt", is_flag=True,
              help="Encrypt the session and answers files at rest (passphrase: LEGAL_DOCS_PASSPHRASE or a prompt).")
@click.pass_obj
def interview(run: Any, kind: Optional[str], save: Optional[Path], resume: Optional[Path],
              answers_file: Optional[Path], out_dir: Optional[Path], encrypt: bool, lang: Optional[str]) -> None:
    """Ask for the answers in the terminal, review them, and make the packet.

    Answers are saved after each one; Ctrl-C stops (exit 130) and --resume FILE continues.
    Without a terminal (input not a TTY) it asks nothing: with --answers complete it makes the
    packet, otherwise it lists what is missing (exit 2).
    """

    def body() -> None:
        from legal_docs.interview.flow import Stopped, conduct

        terminal = terminal_factory() if terminal_factory else _console(run.settings)
        # a closed terminal (SIGHUP) stops like Ctrl-C (the runner sees to it): the saved session stays
        try:
            finished = conduct(kind=kind, terminal=terminal, cwd=Path.cwd(), save=save, resume=resume,
                               answers=answers_file, out=out_dir, encrypt=encrypt, lang=lang)
        except Stopped as stop:
            _stopped(terminal, stop.session_file)
        _make_packet(finished, finished.out_dir or Path("out"))

    run(body)


def _console(settings: Any) -> Any:
    """prompt_toolkit's terminal (menus, completion, editing in place) on a real terminal; plain
    line input for TERM=dumb, LEGAL_DOCS_PLAIN_INPUT, or input or output that is not a terminal."""
    import os

    from legal_docs.interview.prompt import PromptTerminal, prompt_terminal_wanted
    from legal_docs.interview.terminal import ConsoleTerminal

    if prompt_terminal_wanted(os.environ, sys.stdin, sys.stdout, plain_input=bool(settings.plain_input)):
        return PromptTerminal()
    return ConsoleTerminal()


def _stopped(terminal: Any, path: Optional[Path]) -> None:
    try:
        terminal.line()
        if path is not None and path.is_file():
            terminal.line(_("Stopped. Your answers so far are saved; continue with:"), "warning")
            terminal.line(f"  legal-docs interview --resume {path}", "warning", wrapped=False)
        else:
            terminal.line(_("Stopped before any answer was saved."), "warning")
    except OSError:  # the terminal is gone
        pass
    sys.exit(int(ExitCode.INTERRUPTED))


def _make_packet(finished: Any, out_dir: Path) -> None:
    """The same validate -> plan -> generate path as `legal-docs generate`, from the mapping."""
    from legal_docs.convert import Office  # light: starts LibreOffice before the heavy imports
    from legal_docs_cli.main import _progress, _report_packet, _report_plan_notes

    click.echo(_("\nMaking the packet..."))
    with Office() as office:
        from legal_docs.pipeline import generate_planned, plan_mapping

        planned = plan_mapping(finished.answers, base_dir=Path.cwd())
        result = generate_planned(planned, out_dir, progress=_progress, office=office)
    for packet in result.packets:
        if packet.folder is None:
            click.echo(_("\n{court} County: no petition made.").format(court=packet.plan.court))
            _report_plan_notes(packet.plan)
            continue
        assert packet.manifest is not None
        _report_packet(packet.folder, packet.manifest)
    click.echo(_("\nThe answers are saved in {answers}\n(`legal-docs generate` on that file makes the packet "
                 "again; `legal-docs interview --resume {session}` changes them).").format(
                     answers=finished.answers_file, session=finished.session_file))
