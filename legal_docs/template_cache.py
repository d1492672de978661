"""Compiled Jinja templates kept on disk between runs, as Python keeps .pyc files.

Every `generate` is a new process, and compiling the packet's Word template parts and clause texts
to Python code was about a fifth of a vacatur packet's Python time. The code compiled from one
template text is the same every time (for one Jinja, one Python and one environment's options), so
it is kept under ``$XDG_CACHE_HOME/legal-docs/templates/`` (else ``~/.cache/...``), one file per
template text, named by a SHA-256 of the text and all of those. Only template texts are compiled:
the built-in ones and a clinic's, never an answer (answers are the context a template is rendered
with). A file that cannot be read or written is simply compiled again; nothing depends on the
folder existing.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2

FOLDER_NAME = "legal-docs"


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / FOLDER_NAME / "templates"


def _name(obj: Any) -> str:
    if obj is None or isinstance(obj, (bool, str)):
        return repr(obj)
    return f"{getattr(obj, '__module__', '')}.{getattr(obj, '__qualname__', type(obj).__qualname__)}"


def _signature(env: jinja2.Environment) -> str:
    """What the compiled code of a text depends on besides the text: Jinja's and Python's versions
    and every option of the environment that changes the code generated."""
    return "\0".join([
        jinja2.__version__, sys.version, _name(type(env)),
        env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, repr(env.line_statement_prefix),
        repr(env.line_comment_prefix), repr(env.trim_blocks), repr(env.lstrip_blocks), repr(env.newline_sequence),
        repr(env.keep_trailing_newline), repr(env.optimized), _name(env.autoescape), _name(env.finalize),
        _name(env.undefined), ",".join(sorted(env.extensions)), repr(env.is_async),
        ",".join(sorted(env.filters)), ",".join(sorted(env.tests)),
    ])


def key(env: jinja2.Environment, source: str) -> str:
    return hashlib.sha256(f"{_signature(env)}\0{source}".encode("utf-8", "surrogatepass")).hexdigest()


def _code(env: jinja2.Environment, source: str) -> CodeType:
    path = cache_folder() / key(env, source)
    try:
        code = marshal.loads(path.read_bytes())
        if isinstance(code, CodeType):
            return code
    except (OSError, ValueError, EOFError, TypeError):
        pass
    code = env.compile(source)  # a syntax error is raised here, as by from_string; nothing is kept
    try:
        from .atomic import write_bytes

        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(path, marshal.dumps(code))
    except Exception:  # a read-only home, a link where the file would go: compiled again next time
        pass
    return code


def from_string(env: jinja2.Environment, source: str) -> jinja2.Template:
    """``env.from_string(source)``, the compiling read from the disk when this text was compiled before."""
    return env.template_class.from_code(env, _code(env, source), env.make_globals(None), None)
