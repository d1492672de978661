"""The wheel carries its templates and clauses, and an installed copy works from any folder.

`form_templates/` and `clauses/` sit outside the package in the repository and are mapped into
the wheel by pyproject.toml; they are found with importlib.resources. This builds the wheel,
installs it into a fresh venv and generates the example packets from a folder that is not the
repository, so a file missing from the wheel or a path computed from the source tree fails here.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

pytestmark = [pytest.mark.slow, pytest.mark.libreoffice]

ROOT = Path(__file__).resolve().parent.parent
# Source folder -> the package name it has in the wheel (pyproject.toml, [tool.setuptools]).
DATA_DIRS = {
    "form_templates": "legal_docs_form_templates",
    "clauses": "legal_docs_clauses",
    "legal_docs/data": "legal_docs/data",
}
DATA_SUFFIXES = {".docx", ".yaml", ".pdf"}  # .pdf: the official forms in legal_docs/data/forms
# Not part of the project: left out of the copy the wheel is built from.
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "out", "*.egg-info", "__pycache__", ".pytest_cache"
)


def _run(command: list[str], *, cwd: Path, timeout: float, env: dict[str, str] | None = None):
    done = subprocess.run(
        command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, (
        f"{' '.join(command)} exited {done.returncode}\n--- stdout\n{done.stdout[-4000:]}"
        f"\n--- stderr\n{done.stderr[-4000:]}"
    )
    return done


def _clean_env() -> dict[str, str]:
    """The environment without anything that would point Python back at this checkout."""
    env = dict(os.environ)
    for name in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "PYTHONSAFEPATH"):
        env.pop(name, None)
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of the tree (no build/ or egg-info litter in the checkout)."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    dist = base / "dist"
    if importlib.util.find_spec("build") is not None:
        command = [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(source)]
    else:  # `build` comes with the test extra; pip can build the wheel without it
        command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(dist), str(source)]
    _run(command, cwd=base, timeout=900, env=_clean_env())
    wheels = list(dist.glob("legal_docs-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def _expected_data_files() -> set[str]:
    expected = set()
    for folder, package in DATA_DIRS.items():
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in DATA_SUFFIXES and "__pycache__" not in path.parts:
                expected.add(f"{package}/{path.relative_to(ROOT / folder).as_posix()}")
    return expected


def test_wheel_contains_the_data_files_and_no_tests(wheel):
    members = set(zipfile.ZipFile(wheel).namelist())
    expected = _expected_data_files()
    assert any(name.endswith(".docx") for name in expected), "no templates found in the source tree"
    assert any(name.startswith("legal_docs_clauses/") for name in expected)
    assert "legal_docs/data/forms/dv100.pdf" in expected  # the official forms travel in the wheel
    assert expected - members == set(), "data files missing from the wheel"
    assert "legal_docs_cli/main.py" in members
    assert not [m for m in members if m.startswith(("tests/", "cli/", "benchmarks/", "tools/"))]
    assert not [m for m in members if "/tests/" in m or "__pycache__" in m]


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with only the wheel (and its dependencies) installed: its bin folder."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    here = wheel.parent
    _run([sys.executable, "-m", "venv", str(venv)], cwd=here, timeout=300, env=_clean_env())
    python = venv / "bin" / "python"
    _run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], cwd=here, timeout=900,
         env=_clean_env())
    return venv / "bin"


def test_installed_wheel_generates_packets_from_another_folder(installed, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = _clean_env()
    # The code and data come from the fresh venv, not from this checkout.
    where = _run(
        [str(installed / "python"), "-c",
         "import legal_docs, legal_docs_cli, legal_docs_form_templates, legal_docs_clauses as c\n"
         "for m in (legal_docs, legal_docs_cli, legal_docs_form_templates, c): print(m.__file__)"],
        cwd=elsewhere, timeout=120, env=env,
    ).stdout.split()
    venv = installed.parent.resolve()
    assert len(where) == 4 and all(Path(p).resolve().is_relative_to(venv) for p in where), where

    legal_docs = str(installed / "legal-docs")
    example = _run([legal_docs, "example", "vacatur"], cwd=elsewhere, timeout=120, env=env).stdout
    (elsewhere / "client.yaml").write_text(example, encoding="utf-8")
    _run([legal_docs, "generate", "client.yaml", "--out", "out"], cwd=elsewhere, timeout=900,
         env=env)

    for county in ("los-angeles", "san-bernardino"):
        folder = elsewhere / "out" / county
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["status"] == "complete", county
        # the five court papers; the client letter (kept out of packet.pdf) comes on top
        assert len([d for d in manifest["documents"] if d.get("in_packet", True)]) == 5
        for document in manifest["documents"]:
            assert (folder / document["docx"]).is_file()
            assert (folder / document["pdf"]).is_file()
        packet = folder / "packet.pdf"
        assert packet.is_file()
        assert len(PdfReader(packet).pages) == manifest["packet"]["pages"] > 0


def test_installed_wheel_fills_the_dvro_forms_with_no_forms_folder(installed, tmp_path):
    """The official PDFs come from the installed package: no folder, no download, another directory."""
    env = {k: v for k, v in _clean_env().items() if k != "LEGAL_DOCS_FORMS_DIR"}
    legal_docs = str(installed / "legal-docs")
    listing = _run([legal_docs, "forms"], cwd=tmp_path, timeout=120, env=env).stdout
    rows = {line.split()[0]: line.split() for line in listing.splitlines() if line.strip()}
    assert rows["DV-100"][1:3] == ["2025-01-01", "shipped"], listing
    example = _run([legal_docs, "example", "protective-order", "--variant", "dvro"], cwd=tmp_path, timeout=120,
                   env=env).stdout
    (tmp_path / "client.yaml").write_text(example, encoding="utf-8")
    _run([legal_docs, "generate", "client.yaml", "--out", "out"], cwd=tmp_path, timeout=900, env=env)
    (folder,) = [p for p in (tmp_path / "out").iterdir() if p.is_dir()]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "complete"
    forms = {d["form"]["id"] for d in manifest["documents"] if d.get("form")}
    assert {"DV-100", "DV-101", "DV-109", "DV-110", "CLETS-001"} <= forms, forms
    fields = PdfReader(folder / "packet.pdf").get_fields() or {}
    assert fields["01-dv-100.DV-100[0].Page1[0].List1[0].Li1[0].YourName_tf[0]"].get("/V") == "Kiara Monique Bell"


@pytest.mark.parametrize("kind", ["reunification-denial", "placement-727a"])
def test_installed_wheel_knows_every_kind(installed, tmp_path, kind):
    """Each kind's model, planner and law data are in the wheel: its example validates."""
    env = _clean_env()
    legal_docs = str(installed / "legal-docs")
    example = _run([legal_docs, "example", kind], cwd=tmp_path, timeout=120, env=env).stdout
    (tmp_path / "client.yaml").write_text(example, encoding="utf-8")
    result = _run([legal_docs, "validate", "client.yaml"], cwd=tmp_path, timeout=120, env=env)
    assert f"1 {kind} packet would be made" in result.stdout
