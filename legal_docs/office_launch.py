"""Starting a LibreOffice for conversions: its process, profile and pipe, and its UNO bridge.

Standard library only, on purpose: the ``legal-docs`` command calls ``start_early`` before it
imports anything else (legal_docs_cli/launch.py), so LibreOffice's start-up (about 1.1 s here)
runs while Python imports its libraries (about 0.3 s) and validates and renders the papers.
``convert.Office`` adopts that instance, or starts its own with ``start``.

The bridge is ``uno_bridge.py`` run by a Python that has LibreOffice's ``uno`` module: it connects
to the instance's pipe and converts there, so a conversion starts no second ``soffice`` process.
It is used only for a LibreOffice installation (its program folder holds ``soffice.bin``): a
program that is not one (a test's stand-in) is handed the conversions on the command line.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

SOFFICE_ENV = "LEGAL_DOCS_SOFFICE"
KEEP_ALIVE = "keep-alive.txt"
BRIDGE = Path(__file__).with_name("uno_bridge.py")
# The distributions' python3-uno (Debian, Ubuntu, Fedora) is built for the system python3.
SYSTEM_PYTHON = "/usr/bin/python3"

# Runs LibreOffice under a small shell whose background watcher kills the whole process group
# when the Python process that started it is gone (even after kill -9), so an instance kept alive
# for a batch never outlives the batch. The shell exits with LibreOffice's own status.
_WATCHDOG = (
    'parent=$1; shift; '
    '( while kill -0 "$parent" 2>/dev/null; do sleep 1; done; kill -KILL 0 ) & watcher=$!; '
    '"$@"; status=$?; kill -KILL "$watcher" 2>/dev/null; exit "$status"'
)


def resolve_soffice(configured: str | None) -> str | None:
    """The LibreOffice program: ``configured`` (LEGAL_DOCS_SOFFICE) looked up on PATH, else
    ``soffice`` or ``libreoffice`` on PATH; None when there is none."""
    if configured:
        return shutil.which(configured)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found is not None:
            return found
    return None


@dataclass
class Started:
    """A LibreOffice listening on ``pipe`` with its own ``profile``, and its bridge (None when the
    program is not a LibreOffice installation or no Python for it was found)."""

    program: str
    profile: Path
    pipe: str
    process: subprocess.Popen[bytes] | None
    bridge: subprocess.Popen[bytes] | None

    def stop(self) -> None:
        """Kill the instance and its bridge and remove the profile."""
        for process in (self.bridge, self.process):
            if process is not None:
                kill_group(process)
        shutil.rmtree(self.profile, ignore_errors=True)


def start(program: str, *, bridge: bool = True) -> Started:
    """Start LibreOffice ``program`` listening on a pipe of its own, with a fresh profile, and,
    when ``bridge`` and a Python for it is found, the UNO bridge that will convert in it. Without
    a bridge the instance holds an empty document open (``keep_alive``): an instance handed a
    conversion on the command line quits after it unless a document is open. With one, it stays
    up for the bridge's connection, and opening that document would cost its start-up about
    0.13 s (measured here: 1.85 s against 1.72 s to seven PDFs, medians of 7)."""
    profile = Path(tempfile.mkdtemp(prefix="legal-docs-lo-"))
    pipe = f"legal-docs-{os.getpid()}-{os.urandom(4).hex()}"
    python = python_for_uno(program) if bridge else None
    # The bridge first: it waits for the pipe, and whether it could be started at all decides
    # whether LibreOffice must hold the keep-alive document.
    bridge_process = _start_bridge(python, pipe, profile) if python is not None else None
    command = [
        program,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless", "--norestore", "--nologo", "--nodefault",
        f"--accept=pipe,name={pipe};urp;",
    ]
    if bridge_process is None:
        command.append(str(keep_alive(profile)))
    process: subprocess.Popen[bytes] | None
    try:
        with open(profile / "listener.log", "wb") as output:
            process = subprocess.Popen(
                ["/bin/sh", "-c", _WATCHDOG, "legal-docs-office", str(os.getpid()), *command],
                stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
    except OSError:
        process = None
        if bridge_process is not None:
            kill_group(bridge_process)
            bridge_process = None
    return Started(program=program, profile=profile, pipe=pipe, process=process, bridge=bridge_process)


def _start_bridge(python: str, pipe: str, profile: Path) -> subprocess.Popen[bytes] | None:
    # Not the caller's PYTHONPATH or PYTHONHOME: they belong to another Python.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    try:
        with open(profile / "bridge.log", "wb") as errors:
            return subprocess.Popen(
                [python, str(BRIDGE), pipe], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=errors, env=env, start_new_session=True,
            )
    except OSError:
        return None


def keep_alive(profile: Path) -> Path:
    """The empty document an instance without a bridge holds open (written on first use)."""
    path = profile / KEEP_ALIVE
    if not path.exists():
        path.write_bytes(b"")
    return path


def python_for_uno(program: str) -> str | None:
    """A Python for the bridge: LibreOffice's own (``program/python`` in The Document Foundation's
    builds), else the system python3 (the distributions' python3-uno); None when ``program`` is not
    in a LibreOffice program folder. Whether it can import ``uno`` is the bridge's first answer."""
    folder = Path(os.path.realpath(program)).parent
    if not (folder / "soffice.bin").is_file():
        return None
    for candidate in (folder / "python", Path(SYSTEM_PYTHON)):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return None


def kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill ``process`` and every process it started (each is started in a session of its own)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


# The instance `legal-docs` started before reading its arguments, until an Office adopts it.
_early: list[Started] = []
_early_lock = threading.Lock()


def start_early() -> None:
    """Start the LibreOffice a converting command will use, as the first thing the command does.
    The program is found as convert.find_soffice finds it (LEGAL_DOCS_SOFFICE is read here too,
    since the settings are not built yet); ``adopt`` checks it against the settings' program."""
    program = resolve_soffice(os.environ.get(SOFFICE_ENV))
    if program is None:
        return  # the conversion reports the missing LibreOffice
    with _early_lock:
        if not _early:
            _early.append(start(program))
            atexit.register(discard_early)


def adopt(program: str) -> Started | None:
    """The early instance, if it runs ``program`` and is still up; else None (an early instance of
    another program, or a dead one, is stopped)."""
    with _early_lock:
        early = _early.pop() if _early else None
    if early is None:
        return None
    if early.program == program and early.process is not None and early.process.poll() is None:
        return early
    early.stop()
    return None


def discard_early() -> None:
    """Stop an early instance nobody adopted (the command ended before converting)."""
    with _early_lock:
        early = _early.pop() if _early else None
    if early is not None:
        early.stop()
