"""`legal-docs --help` starts fast: no heavy library is imported, and every command is listed.

Each check runs in a new interpreter, because this test process has long since imported
everything; the child writes the names in its ``sys.modules`` to a file after the CLI exits.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from legal_docs_cli.main import main as cli_main

HEAVY = ("docxtpl", "pypdf", "lxml")
COMMANDS = ("kinds", "example", "validate", "generate", "assemble", "schema", "clauses", "interview")

# Runs the command as the console script does (legal_docs_cli.launch, which ends the process with
# os._exit after the atexit handlers), recording what got imported from an atexit handler.
PROBE = """
import atexit, json, sys
from legal_docs_cli.launch import main
record = sys.argv[1]
sys.argv = ["legal-docs", *sys.argv[2:]]

def write_record():
    with open(record, "w", encoding="utf-8") as fh:
        json.dump({"modules": sorted(sys.modules)}, fh)

atexit.register(write_record)
main()
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONSTARTUP", None)
    return env


def _probe(tmp_path: Path, *args: str) -> tuple[dict, str]:
    record = tmp_path / "modules.json"
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(record), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(),
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(record.read_text(encoding="utf-8")), done.stdout


def _launch(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from legal_docs_cli.launch import main; main()", *args],
                          capture_output=True, text=True, timeout=60, env=_env(), cwd=tmp_path)


def test_the_launchers_quick_exit_keeps_the_output_and_the_exit_status(tmp_path: Path) -> None:
    """The console script ends with os._exit (legal_docs_cli.launch.leave): a long output written to a
    pipe still arrives whole, and an input error still exits 2 with its message."""
    from click.testing import CliRunner

    example = _launch(tmp_path, "example", "vacatur")
    assert example.returncode == 0
    assert example.stdout == CliRunner().invoke(cli_main, ["example", "vacatur"]).stdout
    assert len(example.stdout) > 2000
    (tmp_path / "bad.yaml").write_text("kind: vacatur\npetitioner: {}\n", encoding="utf-8")
    invalid = _launch(tmp_path, "validate", "bad.yaml")
    assert invalid.returncode == 2 and "Error" in invalid.stderr


def _heavy_imports(modules: list[str]) -> list[str]:
    return [m for m in modules if m.split(".")[0] in HEAVY]


@pytest.mark.parametrize(
    "args", [["--help"], ["-h"]] + [[c, "--help"] for c in COMMANDS], ids=" ".join
)
def test_help_imports_no_heavy_library(tmp_path, args):
    result, _ = _probe(tmp_path, *args)  # exit status 0 checked there
    assert _heavy_imports(result["modules"]) == []
    assert "legal_docs.office_launch" not in result["modules"]  # asking for help starts no LibreOffice


def _listed_commands(help_text: str) -> set[str]:
    lines = help_text.splitlines()
    start = lines.index("Commands:") + 1
    listed = set()
    for line in lines[start:]:
        if not line.startswith("  "):
            break
        listed.add(line.split()[0])
    return listed


def test_help_lists_every_command(tmp_path):
    _, help_text = _probe(tmp_path, "--help")
    listed = _listed_commands(help_text)
    assert set(COMMANDS) <= listed
    assert listed == set(cli_main.commands)  # nothing registered is left out of --help


def test_console_script_help_exits_zero(tmp_path):
    script = Path(sys.executable).parent / "legal-docs"
    if not script.is_file():
        pytest.fail(f"the legal-docs console script is not installed beside {sys.executable}")
    done = subprocess.run(
        [str(script), "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(),
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert set(COMMANDS) <= _listed_commands(done.stdout)
    assert "Exit codes:" in done.stdout
