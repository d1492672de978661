"""Encryption at rest for saved answers and interview sessions.

A file is encrypted with Fernet (AES-128-CBC with HMAC-SHA256, from the `cryptography` package)
under a key derived from a passphrase with scrypt. The file starts with a one-line marker and a
JSON header holding the salt and scrypt parameters, so reading code recognises it and any
command that reads answers (generate, validate, interview --resume, batch) decrypts it
transparently. The passphrase comes from LEGAL_DOCS_PASSPHRASE or, on a terminal, from a
prompt the CLI installs; library code never prompts by itself.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from pathlib import Path

from .atomic import require_regular, write_bytes
from .errors import InputError
from .settings import current
from .i18n import _

MAGIC = b"legal-docs encrypted file v1\n"
PASSPHRASE_ENV = "LEGAL_DOCS_PASSPHRASE"
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}



def get_passphrase(*, new: bool = False) -> str:
    """The passphrase of the settings in force (LEGAL_DOCS_PASSPHRASE), else the one typed at
    their prompt (asked once, twice over for a `new` one)."""
    settings = current()
    value = settings.passphrase or settings.typed_passphrase(new=new)
    if value:
        return value
    raise InputError(_("This needs the encryption passphrase: set {variable} or run it in a terminal.").format(
        variable=PASSPHRASE_ENV))


def is_encrypted(data: bytes) -> bool:
    return data.startswith(MAGIC)


# scrypt is slow on purpose (about 0.1 s a derivation here, more on a busy machine), and an interview
# saves its encrypted session after every answer: a process derives each (passphrase, salt) key once,
# and encrypts all it writes under one salt of its own per passphrase. Fernet draws a fresh IV for every
# token, so re-using the key within a process weakens nothing; a new process draws a new salt.
_derived: dict[tuple[str, bytes, int, int, int], bytes] = {}
_own_salt: dict[str, bytes] = {}


def _fingerprint(passphrase: str) -> str:
    return hashlib.sha256(passphrase.encode("utf-8")).hexdigest()


def _key(passphrase: str, salt: bytes, params: dict[str, int]) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    cache_key = (_fingerprint(passphrase), salt, params["n"], params["r"], params["p"])
    if cache_key not in _derived:
        kdf = Scrypt(salt=salt, length=32, n=params["n"], r=params["r"], p=params["p"])
        _derived[cache_key] = base64.urlsafe_b64encode(kdf.derive(passphrase.encode("utf-8")))
    return _derived[cache_key]


def encrypt(data: bytes, passphrase: str) -> bytes:
    from cryptography.fernet import Fernet

    salt = _own_salt.setdefault(_fingerprint(passphrase), os.urandom(16))
    header = {"kdf": "scrypt", **_SCRYPT, "salt": base64.b64encode(salt).decode("ascii")}
    token = Fernet(_key(passphrase, salt, _SCRYPT)).encrypt(data)
    return MAGIC + json.dumps(header).encode("ascii") + b"\n" + token


# The scrypt settings a file may ask for: what this tool writes, up to 32 times harder (about
# 128 MiB of memory and a few seconds at most), never an attacker's choice of hours or gigabytes.
_MAX_SCRYPT_MEMORY = 128 * 1024 * 1024


def _params_allowed(params: dict[str, int]) -> bool:
    n, r, p = params["n"], params["r"], params["p"]
    return (2**14 <= n <= 2**20 and n & (n - 1) == 0 and 1 <= r <= 16 and 1 <= p <= 4
            and 128 * n * r * p <= _MAX_SCRYPT_MEMORY)


def decrypt(blob: bytes, passphrase: str, *, name: str = "file") -> bytes:
    from cryptography.fernet import Fernet, InvalidToken

    try:
        header_line, token = blob[len(MAGIC):].split(b"\n", 1)
        header = json.loads(header_line)
        params = {k: int(header[k]) for k in ("n", "r", "p")}
        salt = base64.b64decode(header["salt"])
    except (ValueError, KeyError, TypeError, AttributeError):
        raise InputError(_("The encrypted {name} is damaged (its header cannot be read)").format(name=name)) from None
    if not _params_allowed(params) or not 8 <= len(salt) <= 64:
        # the header is not authenticated: whoever edits it chooses the cost of deriving the key
        raise InputError(
            _("The encrypted {name} asks for key-derivation settings legal-docs never writes (it was changed "
              "or made elsewhere); it was not opened").format(name=name)
        )
    try:
        return Fernet(_key(passphrase, salt, params)).decrypt(token.strip())
    except InvalidToken:
        raise InputError(_("Cannot decrypt {name}: wrong passphrase, or the file is damaged").format(name=name)) from None


def read_bytes(path: Path) -> bytes:
    """A file's contents, decrypted when it is encrypted."""
    data = path.read_bytes()
    if is_encrypted(data):
        return decrypt(data, get_passphrase(), name=path.name)
    return data


def write_private(path: Path, data: bytes) -> None:
    """Write whole-or-nothing, readable by this user only (0600)."""
    write_bytes(path, data, private=True, fsync=True)


def encrypt_file(path: Path) -> None:
    require_regular(path, new_ok=False)
    data = path.read_bytes()
    if is_encrypted(data):
        raise InputError(_("{name} is already encrypted").format(name=path.name))
    write_private(path, encrypt(data, get_passphrase(new=True)))


def decrypt_file(path: Path, out: Path) -> None:
    require_regular(path, new_ok=False)
    require_regular(out)
    data = path.read_bytes()
    if not is_encrypted(data):
        raise InputError(_("{name} is not encrypted").format(name=path.name))
    write_private(out, decrypt(data, get_passphrase(), name=path.name))
