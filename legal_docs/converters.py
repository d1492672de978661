"""Where DOCX files become PDF: the local LibreOffice pool, or a conversion service.

Every converter has one method, ``convert(docx_paths, *, outdir, timeout) -> list[Path]``: the
PDFs land in ``outdir`` as ``<stem>.pdf``, in input order, each checked (it opens and has pages),
all or none. ``open_converter(address, jobs=N)`` picks one from an address:

- ``local`` (the default): ``convert.OfficePool``, N LibreOffice workers on this machine;
- ``http://host:3000`` or ``https://...``: a Gotenberg service (its LibreOffice route,
  ``POST /forms/libreoffice/convert``, one document per request, N requests at a time);
- ``unoserver://host:2003``: a unoserver listener (XML-RPC ``convert``, files sent as bytes);
- several service addresses separated by commas (``unoserver://a:2003,unoserver://b:2003``): one
  converter made of many machines. Each packet goes to a free one; one that fails (down, dying,
  timing out) is rested for a while and the packet goes to another, so a batch outlives a machine.

A service sees the documents in full: use one the clinic runs, over a network it trusts
(https for anything beyond one machine). Messages name the service by host and port only.
Failed requests are retried once, like a failed local worker.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import uuid
import xmlrpc.client
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from .convert import Converter, OfficePool, _check_pdf
from .errors import ConverterError, InputError
from .i18n import _

__all__ = ["Converter", "ConverterSpread", "GotenbergConverter", "UnoserverConverter", "open_converter"]

log = logging.getLogger(__name__)

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@contextlib.contextmanager
def open_converter(address: str | None = None, *, jobs: int) -> Iterator[Converter]:
    """The converter an address names (see the module docs), started and stopped around the block."""
    address = (address or "local").strip()
    if address == "local":
        with OfficePool(jobs) as pool:
            yield pool
        return
    services = [_service(part.strip()) for part in address.split(",") if part.strip()]
    if not services:
        raise InputError(_("The converter address is empty"))
    if len(services) == 1:
        yield services[0]
    else:
        yield ConverterSpread(services, slots=max(1, -(-jobs // len(services))))


def _service(address: str) -> "_OneByOne":
    parsed = urllib.parse.urlsplit(address)
    if parsed.scheme in ("http", "https") and parsed.hostname:
        return GotenbergConverter(address)
    if parsed.scheme == "unoserver" and parsed.hostname:
        return UnoserverConverter(parsed.hostname, parsed.port or 2003)
    raise InputError(
        _("The converter must be `local`, a Gotenberg address (http://host:3000), a unoserver address "
          "(unoserver://host:2003), or several service addresses separated by commas")
    )


class ConverterSpread:
    """Several conversion services used as one. Each call (one packet's papers) goes to the service
    with the most free slots (``slots`` calls at a time each; a unoserver converts one document at a
    time, so one slot each and ``--jobs`` equal to the number of machines keeps every one busy). A
    service whose call fails is rested for ``rest`` seconds and the call is tried on the next one;
    the error is raised only when every service failed that call. Thread-safe."""

    def __init__(self, services: Sequence["_OneByOne"], *, slots: int = 1, rest: float = 60.0) -> None:
        import threading

        self.services = list(services)
        self._free = {id(s): slots for s in self.services}
        self._resting_until = {id(s): 0.0 for s in self.services}
        self._rest = rest
        self._changed = threading.Condition()

    def convert(self, docx_paths: Sequence[Path], *, outdir: Path, timeout: float) -> list[Path]:
        tried: set[int] = set()
        last: ConverterError | None = None
        while True:
            service = self._take(tried)
            if service is None:
                assert last is not None
                raise last
            try:
                return service.convert(docx_paths, outdir=outdir, timeout=timeout)
            except ConverterError as exc:
                log.info("%s failed (%s); the packet goes to another service", service.name, exc.message)
                last = exc
                tried.add(id(service))
                with self._changed:
                    self._resting_until[id(service)] = _now() + self._rest
            finally:
                with self._changed:
                    self._free[id(service)] += 1
                    self._changed.notify_all()

    def _take(self, tried: set[int]) -> "_OneByOne | None":
        """A free service not yet tried for this call (waiting for one while all are busy); a rested
        one only when no other is left; None when every service was tried."""
        with self._changed:
            while True:
                left = [s for s in self.services if id(s) not in tried]
                if not left:
                    return None
                now = _now()
                awake = [s for s in left if self._resting_until[id(s)] <= now] or left
                free = [s for s in awake if self._free[id(s)] > 0]
                if free:
                    chosen = max(free, key=lambda s: self._free[id(s)])
                    self._free[id(chosen)] -= 1
                    return chosen
                self._changed.wait(timeout=1.0)


def _now() -> float:
    import time

    return time.monotonic()


class _OneByOne:
    """Converts each document with ``_convert_one`` (bytes in, bytes out), retrying once."""

    name = "The conversion service"

    def convert(self, docx_paths: Sequence[Path], *, outdir: Path, timeout: float) -> list[Path]:
        sources = [Path(p) for p in docx_paths]
        outdir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".legal-docs-convert-", dir=outdir))
        try:
            staged = []
            for src in sources:
                pdf = staging / f"{src.stem}.pdf"
                pdf.write_bytes(self._with_retry(lambda: self._convert_one(src, timeout=timeout), src.name))
                _check_pdf(pdf, source_name=src.name)
                staged.append(pdf)
            results = []
            for pdf in staged:
                os.replace(pdf, outdir / pdf.name)
                results.append(outdir / pdf.name)
            return results
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def _with_retry(self, call: Callable[[], bytes], source_name: str) -> bytes:
        try:
            return call()
        except ConverterError as first:
            log.info("%s failed (%s); trying once more", self.name, first.message)
        try:
            return call()
        except ConverterError as second:
            raise ConverterError(
                _("{message} (converting '{name}', tried twice)").format(message=second.message, name=source_name),
                details=second.details,
            ) from None

    def _convert_one(self, src: Path, *, timeout: float) -> bytes:
        raise NotImplementedError


class GotenbergConverter(_OneByOne):
    """A Gotenberg service: ``POST {base}/forms/libreoffice/convert`` with the document as the
    multipart field ``files``; the answer to one document is its PDF."""

    def __init__(self, base_url: str) -> None:
        parsed = urllib.parse.urlsplit(base_url)
        self._auth = None
        if parsed.username is not None:  # Gotenberg's optional basic authentication
            import base64

            pair = f"{urllib.parse.unquote(parsed.username)}:{urllib.parse.unquote(parsed.password or '')}"
            self._auth = "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")
        netloc = parsed.hostname or ""
        if parsed.port:
            netloc = f"{netloc}:{parsed.port}"
        path = parsed.path.rstrip("/")
        self.url = urllib.parse.urlunsplit((parsed.scheme, netloc, f"{path}/forms/libreoffice/convert", "", ""))
        self.name = f"The Gotenberg service at {netloc}"

    def _convert_one(self, src: Path, *, timeout: float) -> bytes:
        boundary = uuid.uuid4().hex
        filename = f"{src.stem}.docx"  # the stem is ours (e.g. 01-notice-and-petition), never a name
        body = b"".join(
            [
                f"--{boundary}\r\n".encode(),
                f'Content-Disposition: form-data; name="files"; filename="{filename}"\r\n'.encode(),
                f"Content-Type: {DOCX_TYPE}\r\n\r\n".encode(),
                src.read_bytes(),
                f"\r\n--{boundary}--\r\n".encode(),
            ]
        )
        request = urllib.request.Request(self.url, data=body, method="POST")
        request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
        if self._auth:
            request.add_header("Authorization", self._auth)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                data: bytes = response.read()
        except urllib.error.HTTPError as exc:
            raise ConverterError(_("{service} refused the document (HTTP {code}).").format(
                service=self.name, code=exc.code)) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise ConverterError(_("{service} cannot be reached or timed out ({reason}).").format(
                service=self.name, reason=type(reason).__name__)) from None
        if not data.startswith(b"%PDF"):
            raise ConverterError(_("{service} answered with something that is not a PDF.").format(service=self.name))
        return data


class _TimeoutTransport(xmlrpc.client.Transport):
    def __init__(self, timeout: float) -> None:
        super().__init__()
        self._timeout = timeout

    def make_connection(self, host):  # type: ignore[no-untyped-def]
        connection = super().make_connection(host)
        connection.timeout = self._timeout
        return connection


class UnoserverConverter(_OneByOne):
    """A unoserver listener: XML-RPC ``convert(inpath, indata, outpath, convert_to, filtername,
    filter_options, update_index, infiltername)`` with the document sent as bytes and the PDF
    returned as bytes, so the service may run on another machine."""

    def __init__(self, host: str, port: int) -> None:
        self.url = f"http://{host}:{port}"
        self.name = f"The unoserver at {host}:{port}"

    def _convert_one(self, src: Path, *, timeout: float) -> bytes:
        proxy = xmlrpc.client.ServerProxy(self.url, transport=_TimeoutTransport(timeout), allow_none=True)
        try:
            with proxy:
                result = proxy.convert(None, xmlrpc.client.Binary(src.read_bytes()), None, "pdf", None, [], True, None)
        except xmlrpc.client.Fault:
            raise ConverterError(_("{service} could not convert the document.").format(service=self.name)) from None
        except (xmlrpc.client.ProtocolError, OSError) as exc:
            raise ConverterError(_("{service} cannot be reached or timed out ({reason}).").format(
                service=self.name, reason=type(exc).__name__)) from None
        data = getattr(result, "data", None)
        if not isinstance(data, bytes) or not data.startswith(b"%PDF"):
            raise ConverterError(_("{service} answered with something that is not a PDF.").format(service=self.name))
        return data
