"""Limits on what the tool reads, so hostile or broken input is refused by name, never hangs it.

Each limit is far above anything a real matter needs and gives a plain message (exit 2).
Exhibit limits live with the exhibits (exhibits.py); template render time with the renderer.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from .errors import InputError
from .i18n import _

MAX_DOCX_UNPACKED = 200 * 1024 * 1024  # a Word file's parts, decompressed, together
MAX_DOCX_PARTS = 5000


def check_docx(path: Path) -> None:
    """A Word file that is a readable .docx within the size limit (InputError naming it)."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            if "word/document.xml" not in names:
                raise InputError(_("'{name}' is not a Word (.docx) file").format(name=path.name))
            total = sum(i.file_size for i in infos)
            if len(infos) > MAX_DOCX_PARTS or total > MAX_DOCX_UNPACKED:
                raise InputError(
                    _("'{name}' unpacks to more than a Word file may ({mb} MB); it was not opened").format(
                        name=path.name, mb=MAX_DOCX_UNPACKED // (1024 * 1024))
                )
            damaged = zf.testzip()  # reads each part, at most its declared size (bounded above)
            if damaged is not None:
                raise InputError(_("'{name}' is a damaged Word file; open and save it again in Word").format(
                    name=path.name))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError):
        raise InputError(_("'{name}' is a damaged Word file; open and save it again in Word").format(
            name=path.name)) from None
    except FileNotFoundError:
        raise InputError(_("'{name}' does not exist").format(name=path.name)) from None
    except OSError as exc:
        raise InputError(_("'{name}' cannot be read ({reason})").format(
            name=path.name, reason=exc.strerror or type(exc).__name__)) from None
