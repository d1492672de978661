"""`legal-docs encrypt`, `decrypt` and `purge`: keeping survivors' data safe at rest."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from legal_docs.errors import ExitCode


def prompt_passphrase(new: bool) -> str:
    """Ask on the terminal (twice for a new passphrase); empty when there is no terminal."""
    if not sys.stdin.isatty():
        return ""
    return str(click.prompt("Encryption passphrase", hide_input=True, confirmation_prompt=new, err=True))


@click.command()
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.pass_obj
def encrypt(run, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Encrypt an answers or session file in place (passphrase: LEGAL_DOCS_PASSPHRASE or a prompt).

    Every command that reads answers decrypts it transparently.
    """

    def body() -> None:
        from legal_docs.vault import encrypt_file

        encrypt_file(path)
        click.echo(f"Encrypted {path.name}.")

    run(body)


@click.command()
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="Where to write the decrypted copy (created readable by you only).")
@click.pass_obj
def decrypt(run, path: Path, output: Path) -> None:  # type: ignore[no-untyped-def]
    """Write a decrypted copy of an encrypted answers or session file."""

    def body() -> None:
        from legal_docs.vault import decrypt_file

        decrypt_file(path, output)
        click.echo(f"Decrypted {path.name} to {output.name}.")

    run(body)


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--replace", is_flag=True,
              help="Move files legal-docs did not make (or edited since) into a dated set-aside folder, "
                   "then remove the rest (without it they stop the purge).")
@click.pass_obj
def purge(run, path: Path, yes: bool, replace: bool) -> None:  # type: ignore[no-untyped-def]
    """Remove a matter's outputs (a packet or output folder) or a saved answers/session file.

    Only what legal-docs made is removed (checked against each packet's manifest); anything else,
    a link among it, stops the purge and is listed. Links are never followed.
    """

    def body() -> None:
        from legal_docs.purge import execute, plan_purge

        plan = plan_purge(path, replace=replace)
        what = f"{len(plan.folders)} packet folder(s)" if plan.folders else f"the file {path.name}"
        if not yes:
            if not sys.stdin.isatty():
                click.echo("Refusing to purge without --yes when not run in a terminal.", err=True)
                sys.exit(int(ExitCode.INVALID_INPUT))
            click.confirm(f"Remove {what} under '{path.name}' for good?", abort=True, err=True)
        removed = execute(plan)
        click.echo(f"Removed {what} ({removed} file(s)).")

    run(body)
