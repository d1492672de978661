"""The ``legal-docs`` command's entry point: LibreOffice first, then everything else.

A command that converts (``generate``, ``assemble``) starts its LibreOffice before Python imports
click, pydantic and the rest of the command line (about 0.3 s here), so the instance boots while
they load; legal_docs_cli.main's Office adopts it (legal_docs.office_launch). Every other command
goes straight to legal_docs_cli.main.
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn

CONVERTING = {"generate", "assemble"}
# The group's options that take a value (legal_docs_cli.main.main): skipped to find the command.
GROUP_VALUES = {"--templates", "--forms-dir"}


def command_of(args: list[str]) -> str | None:
    """The subcommand ``args`` name, or None (help asked, or no command)."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in GROUP_VALUES:
            skip = True
        elif arg in ("-h", "--help", "--"):
            return None
        elif not arg.startswith("-"):
            return arg
    return None


def main() -> None:
    args = sys.argv[1:]
    if command_of(args) in CONVERTING and not {"-h", "--help"} & set(args):
        # Set before anything is started: LibreOffice writes the client's PDFs with this mask
        # (legal_docs_cli.main sets it too, for the commands that start nothing here).
        os.umask(0o077)
        from legal_docs.office_launch import start_early

        start_early()
    from legal_docs_cli.main import main as cli

    try:
        cli()
    except SystemExit as done:
        leave(done.code)
    leave(0)


def leave(code: object) -> NoReturn:
    """End the process without Python's interpreter teardown, which took 0.13 to 0.18 s after a
    vacatur `generate` had finished (freeing every module and object one by one; 0.04 s with this,
    in 4 runs each). Nothing is lost: every file the command wrote is closed and renamed into place
    by then, the threads it started are waited for, the atexit handlers run (an early LibreOffice
    nobody adopted is stopped there, logging is flushed), and the standard streams are flushed. The
    exit status is the one ``sys.exit(code)`` would give."""
    import atexit
    import threading

    for thread in threading.enumerate():
        if thread is not threading.current_thread() and not thread.daemon:
            thread.join()
    atexit._run_exitfuncs()
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"): printed, status 1, as Python does
        print(code, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that left (`| head`), or a stream already closed
            pass
    os._exit(status & 0xFF)
