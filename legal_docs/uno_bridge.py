"""Converts DOCX to PDF inside a running LibreOffice over its UNO bridge; run as a script.

Not imported by the package: ``convert.Office`` starts this file with a Python that has
LibreOffice's ``uno`` module (LibreOffice's own bundled Python, or the system python3 with the
distribution's python3-uno; the project's virtual environment usually has neither), so it uses the
standard library and ``uno`` only. Talking to the instance over UNO replaces the second ``soffice``
process a hand-over (``soffice --convert-to`` on the instance's profile) starts for every call.

    python3 uno_bridge.py PIPE_NAME

One JSON object per line on stdout, requests one per line on stdin:
- first, at once: ``{"uno": true}``, or ``{"uno": false, "reason": ...}`` and exit (no ``uno``:
  the caller converts by hand-over instead);
- then it connects to ``pipe,name=PIPE_NAME`` (retrying while LibreOffice boots) and answers each
  request ``{"sources": [absolute DOCX paths], "outdir": absolute folder}`` with
  ``{"ok": true, "failed": [base names]}``: each source stored as ``<outdir>/<stem>.pdf`` with
  LibreOffice's PDF export, as ``soffice --convert-to pdf`` would (read-only, hidden, silent load;
  default export options). A document LibreOffice cannot load or store is listed, not fatal; the caller's
  PDF check names it. ``{"ok": false, "reason": ...}`` and exit when the instance is gone.
Closing stdin ends it. Nothing here names a document beyond its base name.
"""

import json
import os
import sys
import time

CONNECT_FOR = 600.0  # seconds to wait for LibreOffice's pipe; the caller's own timeout is shorter


def say(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def main(argv):
    try:
        import uno
        from com.sun.star.beans import PropertyValue
        from com.sun.star.connection import NoConnectException
    except Exception as exc:  # no bridge in this Python: the caller falls back to a hand-over
        say({"uno": False, "reason": type(exc).__name__})
        return 0
    say({"uno": True})

    def props(**values):
        out = []
        for name, value in values.items():
            prop = PropertyValue()
            prop.Name, prop.Value = name, value
            out.append(prop)
        return tuple(out)

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + CONNECT_FOR
    parent = os.getppid()
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={argv[1]};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            if os.getppid() != parent:  # the process that started us is gone: nobody will ask
                return 1
            if time.monotonic() > deadline:
                say({"ok": False, "reason": "LibreOffice did not accept a connection"})
                return 1
            time.sleep(0.02)
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    load = props(ReadOnly=True, Hidden=True, Silent=True)  # as `soffice --convert-to` loads
    store = props(FilterName="writer_pdf_Export", Overwrite=True)

    for line in sys.stdin:
        request = json.loads(line)
        failed = []
        try:
            for source in request["sources"]:
                stem = os.path.splitext(os.path.basename(source))[0]
                target = os.path.join(request["outdir"], stem + ".pdf")
                try:
                    document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0, load)
                    if document is None:
                        raise ValueError("not loaded")
                    try:
                        document.storeToURL(uno.systemPathToFileUrl(target), store)
                    finally:
                        document.close(True)
                except Exception as exc:  # IllegalArgumentException, IOException: this document only
                    if _instance_gone(exc):
                        raise
                    failed.append(os.path.basename(source))
        except Exception as exc:
            say({"ok": False, "reason": type(exc).__name__})
            return 1
        say({"ok": True, "failed": failed})
    return 0


def _instance_gone(exc):
    """Whether an exception says the connection to LibreOffice is lost (the instance died)."""
    return type(exc).__name__ in ("DisposedException", "RuntimeException")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
