"""`legal-docs forms`: the official forms the tool can fill, and which are in the forms folder."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.option("--forms-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              envvar="LEGAL_DOCS_FORMS_DIR",
              help="Folder with the official Judicial Council PDFs (or set LEGAL_DOCS_FORMS_DIR).")
@click.pass_obj
def forms(run, forms_dir: Path | None) -> None:  # type: ignore[no-untyped-def]
    """List the official forms the tool knows (id, revision, title) and which are present."""

    def body() -> None:
        from legal_docs.forms import DOWNLOAD_URL, form_presence

        missing = 0
        for spec, found in form_presence(forms_dir):
            revisions = ", ".join(r.revision for r in spec.revisions)
            state = f"present ({found.revision})" if found else "missing"
            missing += found is None
            served = "" if spec.serve else "  [not served]"
            click.echo(f"{spec.id:10} {revisions:12} {state:20} {spec.title}{served}")
        if missing:
            click.echo(f"\nDownload missing forms from the Judicial Council: {DOWNLOAD_URL}")

    run(body)
