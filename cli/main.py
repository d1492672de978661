"""The `legal-docs` command. The one place that turns errors into messages and exit codes.

Heavy libraries (docxtpl, pypdf, lxml) are imported only inside the commands that need them,
so `legal-docs --help` starts fast.
"""

from __future__ import annotations

import json
import errno
import os
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import click

from legal_docs import __version__
from legal_docs.errors import ExitCode, LegalDocsError
from legal_docs.i18n import _, ngettext
from legal_docs_cli.completion import complete_kind, complete_variant

if TYPE_CHECKING:
    from legal_docs.manifest import Manifest
    from legal_docs.pipeline import Edits

EXIT_CODES_HELP = """Examples:

\b
  legal-docs interview vacatur --out out/        ask, review, make the packet
  legal-docs example vacatur > client.yaml       a sample answers file to fill in
  legal-docs validate client.yaml                what is missing or wrong, in plain words
  legal-docs generate client.yaml --out out/     Word + PDF papers, packet.pdf, manifest.json
  legal-docs assemble out/                       after editing the Word files: rebuild the PDFs
  legal-docs batch clients.xlsx --out out/       one packet per row of a sheet

Shell completion of commands, kinds and variants (bash; zsh_source, fish_source for the others):

\b
  eval "$(_LEGAL_DOCS_COMPLETE=bash_source legal-docs)"

Exit codes: 0 done; 1 internal error; 2 invalid input (answers, paths,
options); 3 LibreOffice missing, hung or failed (Word files are kept); 130 interrupted."""


_PATH_ERRNOS = {errno.ENAMETOOLONG, errno.EACCES, errno.EPERM, errno.EROFS, errno.ELOOP, errno.ENOTDIR,
                errno.EISDIR, errno.ENXIO}


def colour_off() -> bool:
    """No colour with NO_COLOR set (any value, https://no-color.org) or on a dumb terminal."""
    return bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"


def secho(message: str, **styles: Any) -> None:
    """click.secho that honours NO_COLOR, for errors, warnings and notes alike (click itself only
    leaves colour out when the stream is not a terminal)."""
    click.secho(message, color=False if colour_off() else None, **styles)


def _stop_signals_interrupt() -> dict[int, Any]:
    """SIGTERM (a process manager's stop, `kill`) and SIGHUP (a closed terminal) stop a command as
    Ctrl-C does, so it cleans up: a packet's hidden staging folder, which holds the client's papers,
    is removed instead of left behind, and the interview's saved session stays as it is. Returns the
    handlers replaced (none outside the main thread, where Python cannot set them)."""
    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous: dict[int, Any] = {}
    if threading.current_thread() is not threading.main_thread():
        return previous
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None:
            previous[signum] = signal.signal(signum, interrupt)
    return previous


class Runner:
    """Runs a command body and maps every failure to a message and an exit code."""

    def __init__(self, debug: bool) -> None:
        from legal_docs.settings import Settings

        self.debug = debug
        self.settings: Settings | None = None  # the command's (main builds them)

    def __call__(self, body: Callable[[], Any]) -> None:
        previous = _stop_signals_interrupt()
        try:
            body()
        except LegalDocsError as exc:
            secho(_("Error: {message}").format(message=exc.message), fg="red", err=True)
            for line in exc.details:
                click.echo(f"  - {line}", err=True)
            sys.exit(int(exc.exit_code))
        except BrokenPipeError:  # `legal-docs ... | head`: the reader left; the work is done
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(int(ExitCode.OK))
        except KeyboardInterrupt:
            click.echo(_("Interrupted."), err=True)
            sys.exit(int(ExitCode.INTERRUPTED))
        except OSError as exc:
            if exc.errno not in _PATH_ERRNOS:
                self._internal(exc)
            if self.debug:
                raise
            # a path the user gave cannot be used: their input, not a bug (a full disk stays exit 1)
            secho(_("Error: a file or folder given cannot be used ({reason}); check the paths and their "
                          "permissions").format(reason=exc.strerror or type(exc).__name__), fg="red", err=True)
            sys.exit(int(ExitCode.INVALID_INPUT))
        except Exception as exc:
            self._internal(exc)
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    def _internal(self, exc: Exception) -> None:
        """A bug: say so, without a traceback unless --debug asked for one."""
        if self.debug:
            raise exc
        secho(
            _("Internal error ({kind}). Nothing was left half-written. Rerun with --debug for details, "
              "and report it without client information.").format(kind=type(exc).__name__),
            fg="red",
            err=True,
        )
        sys.exit(int(ExitCode.FAILURE))


@click.group(epilog=EXIT_CODES_HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="legal-docs")
@click.option("--debug", is_flag=True, help="Show full error details (may include client data).")
@click.option("--templates", "templates_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="A folder made by `templates export`: its files are used before the built-in ones "
                   "(or set LEGAL_DOCS_TEMPLATES).")
@click.option("--forms-dir", "forms_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder with the official Judicial Council PDFs (or set LEGAL_DOCS_FORMS_DIR).")
@click.pass_context
def main(ctx: click.Context, debug: bool, templates_dir: Path | None, forms_dir: Path | None) -> None:
    """Assemble California court filings for survivors of child sex trafficking.

    Every paper is a draft for a licensed attorney to review before filing.
    """
    os.umask(0o077)  # outputs describe trafficked children: readable by this user only
    if not debug:
        # pypdf reports how it repaired the official forms' encryption padding ("Ignoring padding
        # error"): noise to a user, shown with --debug only
        import logging

        logging.getLogger("pypdf").setLevel(logging.ERROR)
    from legal_docs.settings import Settings, use
    from legal_docs_cli.privacy import prompt_passphrase

    ctx.obj = Runner(debug)
    # The command's settings, built once: the options over the LEGAL_DOCS_* variables. The
    # commands pass them down (run.settings); they are also the ones in force until the command
    # ends, and an in-process caller gets its own back then.
    settings = Settings.from_env(templates=templates_dir, forms_dir=forms_dir, passphrase_provider=prompt_passphrase)
    if settings.templates is not None:  # --templates or LEGAL_DOCS_TEMPLATES
        from legal_docs.resources import check_clinic_folder

        ctx.obj(lambda: check_clinic_folder(settings.templates))
    ctx.obj.settings = ctx.with_resource(use(settings))


@main.command()
def kinds() -> None:
    """List the packet kinds."""
    from legal_docs.kinds import KINDS

    for spec in KINDS.values():
        alias = f" (alias: {', '.join(spec.aliases)})" if spec.aliases else ""
        click.echo(f"{spec.name}{alias}\n    {spec.title}")
        if spec.variants:
            click.echo(f"    variants (example --variant): {', '.join(spec.variants)}")


@main.command(epilog="""Examples:


  legal-docs example vacatur > client.yaml
  legal-docs example protective-order --variant dvro > dvro.yaml
  legal-docs example vacatur --format xlsx > clients.xlsx""")
@click.argument("kind", shell_complete=complete_kind)
@click.option("--format", "fmt", type=click.Choice(["yaml", "csv", "xlsx"]), default="yaml", show_default=True,
              help="yaml: a commented answers file; csv or xlsx: a sheet for `batch` (every column, one sample row).")
@click.option("--variant", default=None, metavar="VARIANT", shell_complete=complete_variant,
              help="A kind's other sample, e.g. protective-order --variant dvro (`legal-docs kinds` lists them).")
@click.pass_obj
def example(run: Runner, kind: str, fmt: str, variant: str | None) -> None:
    """Print a complete, commented sample answers file for KIND (or a batch sheet)."""

    def body() -> None:
        from legal_docs.kinds import example_name, get_kind
        from legal_docs.resources import template_file

        spec = get_kind(kind)
        name = example_name(spec, variant)
        if fmt != "yaml":
            from legal_docs_cli.batch import echo_example_sheet

            echo_example_sheet(spec.name, fmt, example=name)
            return
        click.echo(template_file(name).read_text(encoding="utf-8"), nl=False)

    run(body)


@main.command()
@click.argument("kind", shell_complete=complete_kind)
@click.pass_obj
def schema(run: Runner, kind: str) -> None:
    """Print the JSON Schema of KIND's answers file."""

    def body() -> None:
        from legal_docs.kinds import get_kind

        spec = get_kind(kind)
        click.echo(json.dumps(spec.model.model_json_schema(), indent=2, ensure_ascii=False))

    run(body)


@main.command(epilog="""Example:

\b
  legal-docs validate client.yaml && legal-docs generate client.yaml --out out/""")
@click.argument("answers", type=click.Path(path_type=Path, dir_okay=False))
@click.pass_obj
def validate(run: Runner, answers: Path) -> None:
    """Check an answers file; list every problem in plain words (exit 2 if any)."""

    def body() -> None:
        from legal_docs.pipeline import plan_answers

        from legal_docs.errors import InputError
        from legal_docs.pipeline import check_forms

        kind, plans, _digest = plan_answers(answers, settings=run.settings)
        made = [p for p in plans if p.documents]
        click.echo(ngettext("The answers are valid: {n} {kind} packet would be made.",
                            "The answers are valid: {n} {kind} packets would be made.", len(made)).format(
            n=len(made), kind=kind))
        for plan in plans:
            _report_plan_notes(plan)
        try:
            check_forms(plans)
        except InputError as exc:  # the answers are fine; generate will need the official PDFs
            click.echo(_("  before generating: {problem}").format(problem=exc.message))
            for line in exc.details:
                click.echo(f"    {line}")

    run(body)


REPLACE_HELP = (
    "Files in a packet folder that legal-docs did not make (or a Word file edited since) stop the run; "
    "with --replace they are moved into a dated set-aside folder beside it instead (never deleted)."
)


@main.command(epilog="""Examples:

\b
  legal-docs generate client.yaml --out out/
  legal-docs generate client.yaml --out out/ --lang es      the client letter in Spanish
  legal-docs --forms-dir forms/ generate client.yaml        newer official PDFs first""")
@click.argument("answers", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("out"),
              show_default=True, help="Folder to write the packets into (one sub-folder per court).")
@click.option("--lang", type=click.Choice(["en", "es"]), default=None,
              help="Language of the letter to the client (default: the answers' client.language, else en).")
@click.option("--replace", is_flag=True, help=REPLACE_HELP)
@click.pass_obj
def generate(run: Runner, answers: Path, out_dir: Path, lang: str | None, replace: bool) -> None:
    """Make the packets (DOCX + PDF per paper, packet.pdf, service-packet.pdf, manifest.json)."""

    def body() -> None:
        from legal_docs.convert import Office  # light: starts LibreOffice before the heavy imports

        with Office() as office:
            from legal_docs.pipeline import generate as do_generate

            result = do_generate(answers, out_dir, progress=_progress, office=office, lang=lang, replace=replace,
                                 settings=run.settings)
        for packet in result.packets:
            if packet.folder is None:
                click.echo("\n" + _("{county} County: no petition made.").format(county=packet.plan.court))
                _report_plan_notes(packet.plan)
                continue
            assert packet.manifest is not None
            _report_packet(packet.folder, packet.manifest)
        _report_stale(result.stale)

    run(body)


@main.command(epilog="""Example (after editing out/los-angeles/02-memorandum.docx in Word):

\b
  legal-docs assemble out/""")
@click.argument("out_dir", type=click.Path(path_type=Path, file_okay=False))
@click.pass_obj
def assemble(run: Runner, out_dir: Path) -> None:
    """Rebuild the PDFs, packet.pdf and service-packet.pdf from the Word files in OUT_DIR (after edits)."""

    def body() -> None:
        from legal_docs.convert import Office

        with Office() as office:
            from legal_docs.pipeline import assemble as do_assemble

            done = do_assemble(out_dir, progress=_progress, office=office, settings=run.settings)
        for packet in done:
            _report_packet(packet.folder, packet.manifest)
            _report_edits(packet.edits)

    run(body)


@main.command()
@click.option("--kind", default=None, help="Only the clauses used by this packet kind.", shell_complete=complete_kind)
@click.pass_obj
def clauses(run: Runner, kind: str | None) -> None:
    """List the clause library and the authorities table."""

    def body() -> None:
        from legal_docs.clauses import library
        from legal_docs.kinds import get_kind
        from legal_docs.lawdata import authorities

        wanted = get_kind(kind).name if kind else None
        for loaded in library().values():
            c = loaded.clause
            if wanted and wanted not in c.packets:
                continue
            cond = "" if c.when == "true" else f"  when: {c.when}"
            click.echo(f"{c.id}  [{', '.join(c.packets)}]  verified {c.last_verified}{cond}\n    {c.title}")
        click.echo("\nAuthorities:")
        for a in authorities().values():
            flag = "  NEEDS REVIEW" if a.needs_review else ""
            click.echo(f"{a.id}: {a.citation}  (verified {a.last_verified}){flag}")

    run(body)


def _report_edits(report: Edits) -> None:
    """`assemble`: which Word files changed since generate, and the paragraphs renumbered."""
    from legal_docs.renumber import describe

    if report.edited:
        click.echo("  " + _("edited since generate: {names}").format(names=", ".join(report.edited)))
    else:
        click.echo("  " + _("no Word file was edited since generate"))
    for item in report.renumbered:
        secho("  " + _("{name}: numbered paragraphs renumbered in order ({changes})").format(
            name=item.docx, changes=describe(item.changes)), fg="yellow")
        if item.references:
            secho("    " + _("the paper refers to paragraphs by number: check those references by hand"), fg="yellow")


def _progress(message: str) -> None:
    click.echo(message, err=True)


def _report_stale(stale: list[Any]) -> None:
    """Packet folders an earlier generate left that these answers no longer make."""
    for packet in stale:
        if packet.set_aside is not None:
            secho("\n" + _("{county} County: these answers no longer make the packet in '{folder}' (its offenses "
                            "were removed or are now left out); it was moved into '{aside}' (nothing was deleted).")
                  .format(county=packet.court, folder=packet.folder, aside=packet.set_aside.name), fg="yellow")
        else:
            secho("\n" + _("{county} County: the folder '{folder}' holds a packet legal-docs made earlier that these "
                            "answers no longer make (its offenses were removed or are now left out, or it is "
                            "another matter's). It was left as it was: do not file it. Remove it yourself, or run "
                            "again with --replace to move it into a dated set-aside folder (nothing is deleted).")
                  .format(county=packet.court, folder=packet.folder), fg="yellow")


def _report_plan_notes(plan: Any) -> None:
    for w in plan.warnings:
        secho("  " + _("warning: {text}").format(text=w), fg="yellow")
    for line in plan.review_authorities if plan.documents else []:
        secho("  " + _("check before filing: {text}").format(text=line), fg="yellow")


def _spoken_day(iso: str) -> str:
    """A deadline as an attorney reads it: 'Thursday, December 24, 2026' ('jueves, 24 de diciembre
    de 2026' in Spanish); the manifest keeps the ISO date."""
    import datetime as dt

    from babel.dates import format_date

    from legal_docs.i18n import language

    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return format_date(day, format="full", locale="es" if language() == "es" else "en_US")


def _handling_line(handling: str) -> str:
    """What the attorney does with a paper kept out of packet.pdf (packet.yaml's `handling`)."""
    lines = {
        "server": _("for the person who serves: not in packet.pdf; they complete and sign it after serving, "
                    "and it is filed then"),
        "hearing": _("for the hearing: not in packet.pdf and not served now; the judge completes the orders"),
        "client": _("private: for the client only; never filed or served"),
        "lodged": _("confidential: lodge it with the proposed order as a separate paper, not in packet.pdf or "
                    "service-packet.pdf; never served and not for the public file"),
    }
    return lines.get(handling, handling)


def _report_packet(folder: Path, manifest: Manifest) -> None:
    click.echo("\n" + _("{county} County packet: {folder}").format(county=manifest.court, folder=folder))
    complete = manifest.status == "complete"
    for d in manifest.documents:
        # a filled official form has no DOCX: only its PDF
        files = "  ".join(f for f in (d.docx, d.pdf if complete or d.docx is None else None) if f)
        click.echo(f"  {files}")
        if d.confidential:
            secho("    " + _("confidential: hand it to the clerk as a separate paper for law enforcement; it is "
                                  "not in packet.pdf or service-packet.pdf, is never served and does not go in "
                                  "the court file"), fg="yellow")
        elif d.handling:
            secho("    " + _handling_line(d.handling), fg="yellow" if d.handling == "lodged" else None)
    if manifest.packet:
        click.echo("  " + _("packet.pdf ({n} pages)").format(n=manifest.packet.pages))
    if manifest.service_packet:
        click.echo("  " + _("service-packet.pdf ({n} pages, only what is served)").format(
            n=manifest.service_packet.pages))
    for w in manifest.warnings:
        secho("  " + _("warning: {text}").format(text=w), fg="yellow")
    for dl in manifest.deadlines:
        click.echo("  " + _("deadline: {label}: {date}. {note}").format(label=dl.label, date=_spoken_day(dl.date),
                                                                         note=dl.note))
    for line in manifest.needs_review:
        secho("  " + _("check before filing: {text}").format(text=line), fg="yellow")


# Commands that live in their own modules register here, one line each (keep imports light:
# a command module imports its heavy dependencies inside the command function).
from legal_docs_cli.interview import interview  # noqa: E402

main.add_command(interview)
from legal_docs_cli.privacy import decrypt, encrypt, purge  # noqa: E402

main.add_command(encrypt)
main.add_command(decrypt)
main.add_command(purge)
from legal_docs_cli.templates import templates  # noqa: E402

main.add_command(templates)
from legal_docs_cli.batch import batch  # noqa: E402

main.add_command(batch)
from legal_docs_cli.forms import forms  # noqa: E402

main.add_command(forms)

if __name__ == "__main__":
    main()
