"""Shared fixtures: the example answers, a generated packet (made once per session), helpers."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml
from legal_docs.resources import templates_root

@pytest.fixture(autouse=True)
def _fresh_settings(monkeypatch: pytest.MonkeyPatch):
    """A test that chooses a template folder, forms folder or language directly (set_override,
    set_forms_dir, set_language) gets the environment's settings back afterwards; tests that pass
    a Settings (or run the CLI, whose settings end with the command) need nothing undone, and no
    cache needs clearing (each Settings' Resources keeps its own). A forms folder in the developer's
    environment is not used either: the tests fill the PDFs shipped in the package."""
    monkeypatch.delenv("LEGAL_DOCS_FORMS_DIR", raising=False)
    yield
    from legal_docs.settings import activate

    activate(None)


@pytest.fixture(autouse=True, scope="session")
def _no_waiting_for_the_disk():
    """Files are written as in use (whole, renamed into place) without waiting for the disk to
    confirm them (os.fsync): no test can see that wait, which took about 4 ms a file on the 2-core
    machine, some 7 s of the fast tier. tests/test_files.py checks the call is still made."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fsync", lambda fd: None)
        yield


@pytest.fixture(autouse=True, scope="session")
def _template_cache_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory):
    """The compiled templates kept between runs (legal_docs.template_cache) go to a folder of the
    test session's, not the developer's ~/.cache; the commands the tests start inherit it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture
def write_answers(tmp_path: Path) -> Callable[[dict[str, Any]], Path]:
    def write(data: dict[str, Any], name: str = "answers.yaml") -> Path:
        path = tmp_path / name
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def generate_example(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """KIND -> the output folder of KIND's example answers, generated once per session (needs
    LibreOffice)."""
    from legal_docs.pipeline import generate

    made: dict[str, Path] = {}

    def make(kind: str) -> Path:
        if kind not in made:
            base = tmp_path_factory.mktemp(f"example-{kind}")
            answers = base / "client.yaml"
            answers.write_text((templates_root() / kind / "example.yaml").read_text(encoding="utf-8"), encoding="utf-8")
            generate(answers, base / "out")
            made[kind] = base / "out"
        return made[kind]

    return make


@pytest.fixture(scope="session")
def generated_example(generate_example: Callable[[str], Path]) -> Path:
    """The vacatur example answers generated once (needs LibreOffice): the output folder."""
    return generate_example("vacatur")


@pytest.fixture
def isolated_copy(tmp_path: Path) -> Callable[[Path], Path]:
    def copy_tree(src: Path) -> Path:
        dst = tmp_path / src.name
        shutil.copytree(src, dst)
        return dst

    return copy_tree
