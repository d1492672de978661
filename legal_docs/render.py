"""The one DOCX renderer: docxtpl with a sandboxed, autoescaping, strict Jinja environment.

Safety measures (each one prevented a silent corruption, see DESIGN.md):
- autoescape, so `&`, `<`, `>` in answers stay text;
- a strict XML parse of every rendered part before docxtpl's recovering parser sees it, so a
  broken part is an error instead of a document quietly cut short;
- answers are values, never template source, and the sandbox blocks attribute tricks in
  templates a clinic edits;
- each template part is compiled once per process and reused (about half of a render's time is
  Jinja compiling the part XML).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from .atomic import atomic_write
from .errors import InputError, TemplateError
from .i18n import _
from .resources import has_template_file, template_file

_COMPILED: dict[tuple[str, str, str], jinja2.Template] = {}
_PATCHED: dict[str, str] = {}  # a template part's XML -> the same after docxtpl's patch_xml

# Limits on one template part's render, so a loop a clinic wrote by mistake (or on purpose) stops
# with a message naming the template instead of hanging generate or a batch.
MAX_RENDER_SECONDS = 30.0
MAX_LOOP_STEPS = 200_000  # range() steps in one part; the shipped templates use a few dozen
MAX_PRODUCT = 1_000_000  # the length of text or a list multiplied in a template
_budget = threading.local()


class RenderLimit(Exception):
    """A template part ran past a render limit (its message says which)."""


def _tick(steps: int = 1) -> None:
    state = getattr(_budget, "state", None)
    if state is None:
        return
    state[0] += steps
    if state[0] > MAX_LOOP_STEPS:
        raise RenderLimit(_("loops more than {n} times").format(n=MAX_LOOP_STEPS))
    if time.monotonic() > state[1]:
        raise RenderLimit(_("takes longer than {n} seconds").format(n=int(MAX_RENDER_SECONDS)))


def _counted_range(*args: int) -> Iterator[int]:
    for value in range(*args):
        _tick()
        yield value


class _LimitedEnvironment(SandboxedEnvironment):
    """The sandbox with bounded range(), bounded multiplication and powers, and no include,
    import or extends (a template is one file; nothing else is loaded by name)."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if (operator == "**" and isinstance(left, int) and isinstance(right, int)
                and max(abs(left).bit_length(), 1) * right > 100_000):
            raise RenderLimit(_("computes a power with more than 100000 binary digits"))
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > MAX_PRODUCT:
                    raise RenderLimit(_("makes text or a list longer than {n}").format(n=MAX_PRODUCT))
        return super().call_binop(context, operator, left, right)


def _environment() -> SandboxedEnvironment:
    env = _LimitedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.globals["range"] = _counted_range
    return env


def _refuse_loading(source: str, template_name: str) -> None:
    """{% include %}, {% import %} and {% extends %} name other files: refused before compiling."""
    from jinja2 import nodes

    try:
        tree = _ENV.parse(source)
    except jinja2.TemplateSyntaxError:
        return  # from_string reports it
    if any(True for _ in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends))):
        raise InputError(
            _("Template {name} uses include, import or extends, which templates may not (each template is one "
              "file); copy the text in instead").format(name=template_name)
        )


_ENV = _environment()


def _template_class() -> type:
    from docxtpl import DocxTemplate

    class SafeDocxTemplate(DocxTemplate):  # type: ignore[misc]
        """docxtpl with compiled-template reuse and a strict parse of each rendered part."""

        cache_key: str = ""

        def patch_xml(self, src_xml: str) -> str:
            # docxtpl cleans each part's XML with a dozen regular expressions before every
            # render; the result depends only on the template, so it is done once per part
            # (about 30% of a render; it matters when a batch renders thousands of papers).
            patched = _PATCHED.get(src_xml)
            if patched is None:
                patched = _PATCHED[src_xml] = super().patch_xml(src_xml)
            return patched

        def render_xml_part(self, src_xml: str, part: Any, context: dict[str, Any], jinja_env: Any = None) -> str:
            import re

            from .template_cache import from_string

            src_xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml)
            key = (self.cache_key, str(getattr(part, "partname", "")), str(hash(src_xml)))
            template = _COMPILED.get(key)
            if template is None:
                _refuse_loading(src_xml, Path(self.cache_key).name)
                try:
                    template = from_string(_ENV, src_xml)  # the compiled code kept between runs
                except jinja2.TemplateSyntaxError as exc:
                    raise TemplateError(_("Template {name} has a Jinja syntax error: {reason}").format(
                        name=Path(self.cache_key).name, reason=exc.message)) from None
                _COMPILED[key] = template
            self.current_rendering_part = part
            _budget.state = [0, time.monotonic() + MAX_RENDER_SECONDS]
            try:
                dst_xml = "".join(_timed(template.generate(context)))
            except RenderLimit as exc:
                raise InputError(
                    _("Template {name} {problem} while rendering; the document was not written (check its "
                      "loops)").format(name=Path(self.cache_key).name, problem=exc)
                ) from None
            except jinja2.UndefinedError as exc:
                raise TemplateError(_("Template {name} uses a value the packet does not provide: {reason}").format(
                    name=Path(self.cache_key).name, reason=exc.message)) from None
            except jinja2.TemplateError as exc:
                raise TemplateError(_("Template {name} failed: {reason}").format(
                    name=Path(self.cache_key).name, reason=exc)) from None
            finally:
                _budget.state = None
            dst_xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", dst_xml)
            # docxtpl's own escapes ({_{ ...) are deliberately NOT undone: a user who types
            # "{_{" must see "{_{" in the document.
            dst_xml = self.resolve_listing(dst_xml)
            try:
                etree.fromstring(dst_xml.encode("utf-8"))
            except etree.XMLSyntaxError as exc:
                raise TemplateError(
                    _("Template {name} produced broken XML ({reason}); the document was not written").format(
                        name=Path(self.cache_key).name, reason=exc.msg)
                ) from None
            return dst_xml

        def render_properties(self, context: dict[str, Any], jinja_env: Any = None) -> None:
            # Core properties never take user values; they are blanked in scrub_properties.
            return None

    return SafeDocxTemplate


_CLASS: type | None = None


def _timed(chunks: Iterator[str]) -> Iterator[str]:
    """The rendered pieces, checking the render's time and size as they come."""
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > 50 * MAX_PRODUCT:
            raise RenderLimit(_("produces more than {n} characters").format(n=50 * MAX_PRODUCT))
        _tick(0)
        yield chunk


def template_path(name: str, *, kind: str) -> Path:
    """A template named in a packet plan: the kind's folder first, then the shared ones (in a
    clinic's template folder first, then built in)."""
    for rel in (f"{kind}/{name}", name):
        if has_template_file(rel):
            return template_file(rel)
    raise TemplateError(_("Template '{name}' is missing from form_templates/ (looked in {kind}/ and the top "
                          "level)").format(name=name, kind=kind))


def render_docx(template: Path, context: dict[str, Any], out: Path, *, title: str) -> None:
    """Render `template` with `context` into `out`, written whole or not at all."""
    global _CLASS
    if _CLASS is None:
        _CLASS = _template_class()
    doc = _CLASS(str(template))
    doc.cache_key = str(template)
    doc.render(context, autoescape=True)
    scrub_properties(doc.docx, title=title)
    out.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(out) as fh:
        doc.save(fh)


def scrub_properties(document: Any, *, title: str) -> None:
    """No user or machine names in the DOCX core properties."""
    props = document.core_properties
    props.author = ""
    props.last_modified_by = ""
    props.title = title
    props.subject = ""
    props.keywords = ""
    props.comments = ""
    props.category = ""
    props.identifier = ""
    props.revision = 1
