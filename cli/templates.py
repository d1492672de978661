"""`legal-docs templates export|check|diff`: clinics customise templates safely."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from legal_docs.errors import ExitCode
from legal_docs.i18n import ngettext


@click.group()
def templates() -> None:
    """Customise the templates, clauses and authorities (letterhead, wording, local rules)."""


@templates.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.pass_obj
def export(run, folder: Path) -> None:  # type: ignore[no-untyped-def]
    """Copy the built-in templates, clauses and authorities into FOLDER to edit."""

    def body() -> None:
        from legal_docs.customize import export as do_export

        count = do_export(folder)
        click.echo(f"Copied {count} files into {folder}. Use them with: legal-docs --templates {folder} ...")

    run(body)


@templates.command()
@click.argument("folder", required=False, type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.pass_obj
def check(run, folder: Path | None) -> None:  # type: ignore[no-untyped-def]
    """Lint the templates in force (or FOLDER's, over the built-ins); exit 1 on any problem."""

    def body() -> None:
        from legal_docs.settings import use
        from legal_docs.template_lint import check_all

        settings = run.settings if folder is None else run.settings.replace(templates=folder)
        with use(settings):  # FOLDER's files over the built-ins, with lookups of their own
            problems = check_all()
        for p in problems:
            click.echo(str(p))
        if problems:
            click.echo(ngettext("{n} problem found.", "{n} problems found.", len(problems)).format(n=len(problems)),
                       err=True)
            sys.exit(int(ExitCode.FAILURE))
        click.echo("Templates, clauses and authorities: no problems found.")

    run(body)


@templates.command()
@click.argument("old", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("new", type=click.Path(path_type=Path, dir_okay=False))
@click.pass_obj
def diff(run, old: Path, new: Path) -> None:  # type: ignore[no-untyped-def]
    """Show a readable text diff of two Word files (paragraph styles and text)."""

    def body() -> None:
        from legal_docs.customize import diff as do_diff

        lines = do_diff(old, new)
        click.echo("\n".join(lines) if lines else "No differences in text or paragraph styles.")

    run(body)
