"""`legal-docs forms`: the official forms the tool can fill, each revision and where its PDF comes from."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.option("--forms-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder with newer official PDFs, searched before the shipped copies (or set LEGAL_DOCS_FORMS_DIR).")
@click.pass_obj
def forms(run, forms_dir: Path | None) -> None:  # type: ignore[no-untyped-def]
    """List the official forms the tool fills: id, the revision used, where its PDF comes from (shipped
    with the tool, or your forms folder), the revisions it has maps for, and the title."""

    def body() -> None:
        from legal_docs.forms import DOWNLOAD_URL, form_presence

        problems = 0
        for spec, found, why in form_presence(forms_dir):
            known = ", ".join(r.revision for r in spec.revisions)
            served = "" if spec.serve else "  [not served]"
            if found is None:
                problems += 1
                click.echo(f"{spec.id:10} {'-':12} {'unavailable':9} {spec.title}{served}  ({why}; maps: {known})")
                continue
            where = "shipped" if found.source == "shipped" else f"folder: {found.path.name}"
            click.echo(f"{spec.id:10} {found.revision.revision:12} {where:9} {spec.title}{served}")
        if problems:
            click.echo(f"\nOfficial forms: {DOWNLOAD_URL}")

    run(body)
