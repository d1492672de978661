"""The documentation cannot drift: the template authors' guide is regenerated and compared."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from click.testing import CliRunner

from legal_docs_cli.main import main

ROOT = Path(__file__).resolve().parent.parent


def _generator():
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "tools" / "gen_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_template_authors_guide_is_up_to_date() -> None:
    committed = (ROOT / "docs" / "template-authors.md").read_text(encoding="utf-8")
    assert committed == _generator().render(), "run: python tools/gen_docs.py"


def test_guide_lists_every_answers_field_of_every_kind() -> None:
    from legal_docs.kinds import KINDS

    guide = (ROOT / "docs" / "template-authors.md").read_text(encoding="utf-8")
    for name, spec in KINDS.items():
        assert f"## Kind `{name}`" in guide
        for field in spec.model.model_fields:
            assert f"| `{field}` |" in guide, (name, field)


def test_readme_documents_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"legal-docs {name}" in readme or f"`{name}`" in readme, f"README does not mention `{name}`"


def test_every_command_has_help() -> None:
    for name in main.commands:
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0 and len(result.output) > 40, name
