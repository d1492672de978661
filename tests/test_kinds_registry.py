"""A packet kind is found, not listed: the registry discovers every package under
legal_docs/kinds/ that exports a `KIND`, and a copy of a kind under a new name works with only
new files (the copy is made in a temporary tree and driven through the real command line)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import legal_docs
from legal_docs.errors import TemplateError
from legal_docs.interview.steps import condition
from legal_docs.kinds import KINDS, Kind, discover, get_kind

SOURCE = Path(legal_docs.__file__).resolve().parent.parent
# The import names the wheel gives the top-level directories (pyproject.toml's package-dir).
TREE = {"legal_docs": "legal_docs", "cli": "legal_docs_cli", "form_templates": "legal_docs_form_templates",
        "clauses": "legal_docs_clauses"}


def test_every_kind_package_is_found_with_its_kind_object() -> None:
    packages = sorted(p.name for p in (SOURCE / "legal_docs" / "kinds").iterdir()
                      if (p / "__init__.py").is_file())
    assert sorted(k.package.rsplit(".", 1)[-1] for k in KINDS.values()) == packages
    assert discover() is KINDS or discover() == KINDS
    assert list(KINDS)[0] == "vacatur"  # listed in each kind's own order
    for kind in KINDS.values():
        assert isinstance(kind, Kind)
        assert kind.model.model_fields["kind"]  # the model and planner load from the references
        assert callable(kind.planner)


def test_a_kinds_interview_functions_are_its_own() -> None:
    answers = {"offense": {"code_section": "PC 207", "level": "felony"}}
    expr = "screen(offense.code_section, offense.level) == 'excluded'"
    assert condition(expr, answers, (), kind="vacatur")  # kidnapping is a violent felony
    with pytest.raises(TemplateError):  # the PC 667.5(c) screen is vacatur's, not every kind's
        condition(expr, answers, (), kind="protective-order")
    assert get_kind("ab1762") is KINDS["vacatur"]


# An editable install of the project maps its packages to the working copy ahead of PYTHONPATH:
# the subprocesses drop that finder so the temporary tree is what they import.
ONLY_TREE = ("import sys; sys.meta_path[:] = [f for f in sys.meta_path "
             "if not getattr(f, '__module__', '').startswith('__editable__')]; ")


def _copy_tree(dest: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for source, name in TREE.items():
        shutil.copytree(SOURCE / source, dest / name, ignore=ignore)


def _rename(text: str) -> str:
    """vacatur -> vacatur-copy in a copied kind's own files (the shared law's keys stay)."""
    text = re.sub(r"\bvacatur\b(?!-response)", "vacatur-copy", text)
    return text.replace("ab1762", "ab1762-copy").replace("vacatur-copy.model", "vacatur.model")


def _add_copy(tree: Path) -> list[Path]:
    """The copy of the vacatur kind: new files only. Returns them."""
    made = []
    for src, dst in (
        (tree / "legal_docs" / "kinds" / "vacatur", tree / "legal_docs" / "kinds" / "vacatur_copy"),
        (tree / "legal_docs_form_templates" / "vacatur", tree / "legal_docs_form_templates" / "vacatur-copy"),
        (tree / "legal_docs_clauses" / "vacatur", tree / "legal_docs_clauses" / "vacatur-copy"),
    ):
        shutil.copytree(src, dst)
        for path in dst.rglob("*"):
            if path.suffix in (".py", ".yaml"):
                path.write_text(_rename(path.read_text(encoding="utf-8")), encoding="utf-8")
        made += [p for p in dst.rglob("*") if p.is_file()]
    return made


@pytest.mark.slow
def test_a_copy_of_a_kind_under_a_new_name_needs_only_new_files(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    _copy_tree(tree)
    before = {p: p.read_bytes() for p in tree.rglob("*") if p.is_file()}
    made = _add_copy(tree)
    after = {p: p.read_bytes() for p in tree.rglob("*") if p.is_file() and p not in made}
    assert after == before  # not one shared file was touched

    env = dict(os.environ, PYTHONPATH=str(tree), LEGAL_DOCS_LANG="en")
    env.pop("LEGAL_DOCS_TEMPLATES", None)

    def python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", ONLY_TREE + code, *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=300)

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return python("from legal_docs_cli.main import main; sys.argv[0] = 'legal-docs'; main()", *args)

    where = python("import legal_docs; print(legal_docs.__file__)")
    assert where.stdout.strip().startswith(str(tree)), where.stderr  # the temporary tree is the one imported

    listed = cli("kinds")
    assert listed.returncode == 0, listed.stderr
    assert "vacatur-copy (alias: ab1762-copy)" in listed.stdout

    example = cli("example", "vacatur-copy")
    assert example.returncode == 0, example.stderr
    assert re.search(r"^kind: vacatur-copy$", example.stdout, re.M)
    (tmp_path / "client.yaml").write_text(example.stdout, encoding="utf-8")
    checked = cli("validate", "client.yaml")
    assert checked.returncode == 0, checked.stdout + checked.stderr

    # Every paper of every kind's sample, the copy's included, renders under the strict lint.
    lint = cli("templates", "check")
    assert lint.returncode == 0, lint.stdout + lint.stderr

    script = python("from legal_docs.interview.script import load_script, check_script; "
                    "from legal_docs.kinds import get_kind; k = get_kind('vacatur-copy'); s = load_script(k.name); "
                    "print(s.kind, check_script(s, k.model))")
    assert script.stdout.strip() == "vacatur-copy []", script.stderr

    # the copy's planner returns its own typed facts, and its clauses' names were checked against them
    facts = python("from legal_docs.kinds import get_kind; from legal_docs.fact_names import fact_problems; "
                   "k = get_kind('vacatur-copy'); print(k.facts.__module__, len(fact_problems(k.name, k.facts)))")
    assert facts.stdout.strip() == "legal_docs.kinds.vacatur_copy.facts 0", facts.stderr
