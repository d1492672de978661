"""Real unoservers on 127.0.0.1 for the tests and the benchmarks (not a test module).

unoserver comes from PyPI (a test extra of this project), but it must run under a Python that has
LibreOffice's bridge: Debian's python3-uno is built for the system python3, not for the project's
virtual environment. So the server is started by the system python3 with only unoserver itself
(package and metadata, linked into a private folder) on its path.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import os
import shutil
import signal
import socket
import subprocess
import time
import xmlrpc.client
from collections.abc import Iterator
from pathlib import Path

SYSTEM_PYTHONS = ("/usr/bin/python3", "python3")


def python_with_uno() -> str:
    """The first system python3 that can import uno; a clear error naming the fix if none can."""
    for candidate in SYSTEM_PYTHONS:
        found = shutil.which(candidate)
        if found and subprocess.run([found, "-c", "import uno"], capture_output=True).returncode == 0:
            return found
    raise RuntimeError("No python3 with LibreOffice's uno bridge: install python3-uno "
                       "(tools/ensure-system-deps.sh does, as root)")


def _shim(folder: Path) -> Path:
    """A folder holding only unoserver (from this environment) for the system python3's path."""
    dist = importlib.metadata.distribution("unoserver")
    package = Path(str(dist.locate_file("unoserver")))
    meta = Path(str(dist._path))  # type: ignore[attr-defined]  # the .dist-info folder
    folder.mkdir(parents=True, exist_ok=True)
    for source in (package, meta):
        link = folder / source.name
        if not link.exists():
            link.symlink_to(source, target_is_directory=True)
    return folder


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Unoserver:
    """One running unoserver (its own LibreOffice and profile) at ``address``."""

    def __init__(self, process: subprocess.Popen[bytes], port: int, log: Path) -> None:
        self.process, self.port, self.log = process, port, log
        self.address = f"unoserver://127.0.0.1:{port}"

    def kill(self) -> None:
        """The machine dies: the server and its LibreOffice, at once."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()


@contextlib.contextmanager
def unoserver(work: Path, *, ready_timeout: float = 120.0) -> Iterator[Unoserver]:
    """Start a unoserver in its own process group; wait until it answers; kill it all on the way out."""
    work.mkdir(parents=True, exist_ok=True)
    port, uno_port = free_port(), free_port()
    log = work / "unoserver.log"
    env = dict(os.environ, PYTHONPATH=str(_shim(work.parent / "unoserver-shim")))
    env.pop("PYTHONHOME", None)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [python_with_uno(), "-m", "unoserver.server", "--interface", "127.0.0.1", "--port", str(port),
             "--uno-port", str(uno_port), "--user-installation", str(work / "profile")],
            stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True,
        )
    server = Unoserver(process, port, log)
    try:
        deadline = time.monotonic() + ready_timeout
        proxy = xmlrpc.client.ServerProxy(f"http://127.0.0.1:{port}", allow_none=True)
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"unoserver exited {process.returncode}: {log.read_text(errors='replace')[-1500:]}")
            try:
                proxy.info()
                break
            except (OSError, xmlrpc.client.Error):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"unoserver did not answer in {ready_timeout:g} s") from None
                time.sleep(0.25)
        yield server
    finally:
        server.kill()
