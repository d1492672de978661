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

from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from .atomic import atomic_write
from .errors import TemplateError
from .resources import has_template_file, template_file

_COMPILED: dict[tuple[str, str, str], jinja2.Template] = {}
_PATCHED: dict[str, str] = {}  # a template part's XML -> the same after docxtpl's patch_xml


def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)


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

            src_xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml)
            key = (self.cache_key, str(getattr(part, "partname", "")), str(hash(src_xml)))
            template = _COMPILED.get(key)
            if template is None:
                try:
                    template = _ENV.from_string(src_xml)
                except jinja2.TemplateSyntaxError as exc:
                    raise TemplateError(
                        f"Template {Path(self.cache_key).name} has a Jinja syntax error: {exc.message}"
                    ) from None
                _COMPILED[key] = template
            self.current_rendering_part = part
            try:
                dst_xml = template.render(context)
            except jinja2.UndefinedError as exc:
                raise TemplateError(
                    f"Template {Path(self.cache_key).name} uses a value the packet does not provide: {exc.message}"
                ) from None
            except jinja2.TemplateError as exc:
                raise TemplateError(f"Template {Path(self.cache_key).name} failed: {exc}") from None
            dst_xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", dst_xml)
            # docxtpl's own escapes ({_{ ...) are deliberately NOT undone: a user who types
            # "{_{" must see "{_{" in the document.
            dst_xml = self.resolve_listing(dst_xml)
            try:
                etree.fromstring(dst_xml.encode("utf-8"))
            except etree.XMLSyntaxError as exc:
                raise TemplateError(
                    f"Template {Path(self.cache_key).name} produced broken XML ({exc.msg}); "
                    "the document was not written"
                ) from None
            return dst_xml

        def render_properties(self, context: dict[str, Any], jinja_env: Any = None) -> None:
            # Core properties never take user values; they are blanked in scrub_properties.
            return None

    return SafeDocxTemplate


_CLASS: type | None = None


def template_path(name: str, *, kind: str) -> Path:
    """A template named in a packet plan: the kind's folder first, then the shared ones (in a
    clinic's template folder first, then built in)."""
    for rel in (f"{kind}/{name}", name):
        if has_template_file(rel):
            return template_file(rel)
    raise TemplateError(f"Template '{name}' is missing from form_templates/ (looked in {kind}/ and the top level)")


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
