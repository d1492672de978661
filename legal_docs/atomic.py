"""The one way the tool writes a file: whole or not at all.

Everything is written to a hidden ``.<name>.<random>.part`` file beside the target and renamed
into place only when complete, so a reader (or a crash, a full disk, Ctrl-C) never meets a
half-written file, and an earlier good file stays until the new one is whole. A ``.part`` left by a
killed process is recognisable as the tool's own (batch removes them).
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


@contextmanager
def atomic_write(path: Path, *, text: bool = False, newline: str | None = None, perm: int = 0o600,
                 private: bool = False, fsync: bool = False) -> Iterator[IO[Any]]:
    """A file object for ``path``'s new content (binary, or UTF-8 text when `text`); on leaving the
    block without an error it replaces ``path``, on any error it is removed.

    `perm` is the mode asked for the new file (the umask still applies: 0o666 lets the umask
    alone decide); `private` forces 0600 whatever the umask; `fsync` waits for the disk before the
    rename (files that hold the only copy of something: sessions, packets)."""
    require_regular(path)  # never replace a device, a pipe, a folder or a link with a file
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, perm)
    try:
        if private:
            os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w" if text else "wb", encoding="utf-8" if text else None, newline=newline) as fh:
            yield fh
            fh.flush()
            if fsync:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def require_regular(path: Path, *, new_ok: bool = True) -> None:
    """InputError unless `path` is a regular file (or, with `new_ok`, does not exist yet): the tool
    never reads from or replaces a device, a pipe, a folder or a link (as root, writing "over"
    /dev/null would replace it with a file; reading a pipe would wait for ever)."""
    from .errors import InputError
    from .i18n import _

    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        if new_ok:
            return
        raise InputError(_("'{name}' does not exist").format(name=path.name)) from None
    except OSError as exc:
        raise InputError(_("'{name}' cannot be read ({reason})").format(
            name=path.name, reason=exc.strerror or type(exc).__name__)) from None
    if not stat.S_ISREG(mode):
        raise InputError(
            _("'{name}' is not a regular file (a link, device, pipe or folder); nothing was written").format(
                name=path.name)
        )


def write_bytes(path: Path, data: bytes, **options: Any) -> None:
    with atomic_write(path, **options) as fh:
        fh.write(data)
