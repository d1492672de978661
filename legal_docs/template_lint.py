"""`legal-docs templates check`: find what would break a packet before a clinic uses a template.

Each problem names the file, quotes the paragraph and says how to fix it in Word. Checks:
- tags Word split across runs, and curly quotes inside tags (Word's autocorrect);
- Jinja syntax; filters and tests that do not exist; variables the packet does not provide;
- every fact a clause or packet.yaml names, against the kind's typed facts (fact_names.py);
- a full render of every paper of every kind's example under strict undefined;
- the pleading grid: every body paragraph of a pleading template must be exactly 24 pt (or 12 pt,
  for the single-spaced filer block) so text stays on the numbered lines;
- the clause library, the authorities table, the law tables and every packet definition.
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path

import jinja2
from jinja2 import meta, nodes
from lxml import etree

from .errors import LegalDocsError, Problem
from .i18n import _

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PROVIDED = {"doc", "exhibit", "range", "loop"}  # what every template may use (see docs/template-context.md)
GRID = {480, 240}  # twentieths of a point: 24 pt and 12 pt, exact
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
CURLY = "\u2018\u2019\u201c\u201d"


def lint(file: str, where: str, message: str, fix: str) -> Problem:
    """A problem in a template or data file: the file, the place in it in words (the paragraph's
    text shortened, a document's key; "" for the whole file), what is wrong and how to fix it."""
    return Problem((), file, message, where=where, fix=fix)


def _short(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _para_text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(W + "t"))


def _parts(zf: zipfile.ZipFile) -> list[str]:
    return [n for n in zf.namelist() if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)]


def check_docx(path: Path, *, label: str) -> list[Problem]:
    """Static checks of one DOCX template."""
    problems: list[Problem] = []
    env = _env()
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        return [lint(label, "", "is not a Word (.docx) file", "save it from Word as .docx")]
    with zf:
        styles = _styles(zf)
        pleading = any(name.startswith("Pleading") for name, _ in styles.values())
        for part in _parts(zf):
            root = etree.fromstring(zf.read(part))
            for p in root.iter(W + "p"):
                problems += _check_paragraph(p, label=label)
                if pleading and part == "word/document.xml":
                    problems += _check_grid(p, styles, label=label)
            problems += _check_jinja(zf.read(part).decode("utf-8"), env, label=label)
    return problems


def _check_paragraph(p: etree._Element, *, label: str) -> list[Problem]:
    text = _para_text(p)
    raw = "".join(etree.tostring(t, encoding="unicode") for t in p.iter(W + "t"))
    out = []
    for delim in ("{{", "}}", "{%", "%}"):
        if text.count(delim) > raw.count(delim):
            out.append(lint(label, _short(text), f"the tag delimiter '{delim}' is split across two runs by Word",
                               "select the whole tag, delete it and type it again in one go (no formatting changes inside)"))
            break
    for tag in TAG.findall(text):
        if any(q in tag for q in CURLY):
            out.append(lint(label, _short(text), "curly quotes inside a tag",
                               "use straight quotes ' or \" inside {{ }} and {% %} (turn off smart quotes in Word's AutoCorrect)"))
    return out


def _styles(zf: zipfile.ZipFile) -> dict[str, tuple[str, etree._Element]]:
    try:
        root = etree.fromstring(zf.read("word/styles.xml"))
    except KeyError:
        return {}
    out = {}
    for st in root.iter(W + "style"):
        name = st.find(W + "name")
        out[st.get(W + "styleId")] = (name.get(W + "val") if name is not None else "", st)
    defaults = root.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr")
    if defaults is not None:
        out["__defaults__"] = ("", defaults)
    return out


def _spacing(p: etree._Element, styles: dict[str, tuple[str, etree._Element]]) -> tuple[str | None, str | None]:
    """(line, lineRule) of a paragraph, following its style's basedOn chain to the defaults."""
    line = rule = None
    ppr = p.find(W + "pPr")
    chain: list[etree._Element] = []
    if ppr is not None:
        chain.append(ppr)
    style_el = ppr.find(W + "pStyle") if ppr is not None else None
    sid = style_el.get(W + "val") if style_el is not None else "Normal"
    seen = set()
    while sid and sid in styles and sid not in seen:
        seen.add(sid)
        st = styles[sid][1]
        if (sp := st.find(W + "pPr")) is not None:
            chain.append(sp)
        based = st.find(W + "basedOn")
        sid = based.get(W + "val") if based is not None else None
    if "__defaults__" in styles:
        chain.append(styles["__defaults__"][1])
    for el in chain:
        sp = el.find(W + "spacing")
        if sp is not None:
            line = line or sp.get(W + "line")
            rule = rule or sp.get(W + "lineRule")
        if line and rule:
            break
    return line, rule


def _check_grid(p: etree._Element, styles: dict[str, tuple[str, etree._Element]], *, label: str) -> list[Problem]:
    text = _para_text(p)
    if text.strip().startswith("{%") and text.strip().endswith("%}"):
        return []  # a docxtpl control paragraph: removed when the paper is made
    if any(a.tag == W + "framePr" for a in p.iter()):
        return []
    line, rule = _spacing(p, styles)
    if rule == "exact" and line is not None and int(line) in GRID:
        return []
    return [lint(label, _short(text) or "(empty paragraph)",
                    "this paragraph is not on the 24-point pleading grid, so the text after it drifts off the line numbers",
                    "apply a Pleading style, or set Format > Paragraph > Line spacing to 'Exactly' 24 pt, 0 pt before and after")]


def _env() -> jinja2.Environment:
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)


def _check_jinja(xml: str, env: jinja2.Environment, *, label: str) -> list[Problem]:
    from docxtpl import DocxTemplate

    patched = DocxTemplate.patch_xml(DocxTemplate.__new__(DocxTemplate), xml)
    patched = re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)
    lines = patched.split("\n")

    def where(lineno: int | None) -> str:
        if not lineno or lineno > len(lines):
            return ""
        return _short(re.sub(r"<[^>]+>", "", lines[lineno - 1]))

    try:
        ast = env.parse(patched)
    except jinja2.TemplateSyntaxError as exc:
        return [lint(label, where(exc.lineno), f"template syntax error: {exc.message}",
                        "check that every {% if %}/{% for %} has its {% endif %}/{% endfor %} and each tag is closed")]
    out = []
    for n in ast.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
        out.append(lint(label, where(n.lineno), "include, import and extends are not allowed (the renderer "
                           "refuses them: a template is one file)", "copy the text into this template instead"))
    for f in ast.find_all(nodes.Filter):
        if f.name not in env.filters:
            out.append(lint(label, where(f.lineno), f"the filter '{f.name}' does not exist",
                               "remove it or use a standard Jinja filter (upper, lower, join, default…)"))
    for t in ast.find_all(nodes.Test):
        if t.name not in env.tests:
            out.append(lint(label, where(t.lineno), f"the test '{t.name}' does not exist", "remove it"))
    if out:
        return out  # finding undeclared names compiles the template, which needs real filters
    for name in sorted(meta.find_undeclared_variables(ast) - PROVIDED - set(env.globals)):
        lineno = next((n.lineno for n in ast.find_all(nodes.Name) if n.name == name), None)
        out.append(lint(label, where(lineno), f"uses '{name}', which the packet does not provide",
                           "use the names listed in docs/template-context.md (doc.…, exhibit.…)"))
    # the names under doc and exhibit, against what the template receives (facts.TemplateContext)
    from .fact_names import check_text
    from .facts import TemplateContext

    for lineno, name, message in check_text(patched, TemplateContext, env, scope=dict.fromkeys(PROVIDED - {"doc", "exhibit"}),
                                            provided=True):
        if "." in name:
            out.append(lint(label, where(lineno), message,
                               "use the names listed in docs/template-context.md (doc.…, exhibit.…)"))
    return out


def check_data() -> list[Problem]:
    """The clause library, authorities, law tables and packet definitions load and agree."""
    from .clauses import library
    from .kinds import KINDS
    from .lawdata import authorities, deadlines, violent_felonies
    from .plan import load_packet_def

    out = []
    for label, loader in (
        ("clauses/authorities.yaml", authorities),
        ("clauses/law/violent_felonies.yaml", violent_felonies),
        ("clauses/law/deadlines.yaml", deadlines),
        ("clauses/", library),
    ):
        try:
            loader()
        except LegalDocsError as exc:
            out.append(lint(label, "", exc.message, "correct the entry named"))
    for kind in KINDS:
        try:
            load_packet_def(kind)
        except LegalDocsError as exc:
            out.append(lint(f"form_templates/{kind}/packet.yaml", "", exc.message, "correct the entry named"))
        out += check_interview(kind)
        out += check_facts(kind)
    return out + check_form_maps()


def check_facts(kind: str) -> list[Problem]:
    """The names the kind's clauses and packet.yaml read, against its typed facts (file, line, name)."""
    from .fact_names import fact_problems
    from .kinds import get_kind

    model = get_kind(kind).facts
    try:
        found = fact_problems(kind, model)
    except LegalDocsError:
        return []  # a clause file or packet.yaml that does not load is reported by check_data
    fix = _("correct the name (the facts are listed in docs/template-authors.md)")
    return [replace(p, fix=fix) for p in found]


def check_form_maps() -> list[Problem]:
    """The official forms' field maps in force (a clinic's too): each loads, every answer path is in
    the form answers the map names (file, line and path), no entry fills a field the court
    completes, and each packet hands a form the answers its map reads."""
    from .forms import form_specs
    from .kinds import KINDS
    from .plan import load_packet_def

    try:
        specs = form_specs()
    except LegalDocsError as exc:
        if exc.problems:  # every problem of every map, by file, line and answer path
            fix = _("correct the path (the form answers are in docs/template-authors.md)")
            return [p if p.fix else replace(p, fix=fix) for p in exc.problems]
        return [lint("form_templates/forms/", "", exc.message, _("see the message"))]
    out = []
    for kind, spec in KINDS.items():
        try:
            definition = load_packet_def(kind)
        except LegalDocsError:
            continue  # reported by check_data
        for doc in definition.documents:
            if not doc.form:
                continue
            form = specs.get(doc.form.upper())
            label = f"form_templates/{kind}/packet.yaml"
            if form is None:
                out.append(lint(label, doc.key, f"no field map for form {doc.form}", "add its map or correct `form:`"))
                continue
            handed = doc.answers or form.id.lower()
            if form.answers and handed != form.answers:
                out.append(lint(label, doc.key, f"hands {form.id} the answers '{handed}', its map reads "
                                   f"'{form.answers}'", "make `answers:` and the map's `answers:` agree"))
            elif handed not in spec.form_answers:
                out.append(lint(label, doc.key, f"{kind}'s planner gives no form answers '{handed}'",
                                   f"use one of: {', '.join(spec.form_answers) or 'none'}"))
    return out


def check_interview(kind: str) -> list[Problem]:
    """The kind's interview script in force: it loads, its conditions name only answers the model
    has (file, line and name), and its questions reach every required answer."""
    from .interview.script import check_script, load_script
    from .kinds import get_kind

    label = f"form_templates/{kind}/interview.yaml"
    try:
        script = load_script(kind)
    except LegalDocsError as exc:
        if exc.problems:  # each condition naming what the answers do not have (file, line, name)
            fix = _("correct the name (the answers fields are in docs/template-authors.md)")
            return [replace(p, fix=fix) for p in exc.problems]
        return [lint(label, "", exc.message, _("see the message"))]
    fix = _("make the script and the answers model agree")
    return [replace(p, label=p.label or label, fix=fix) for p in check_script(script, get_kind(kind).model)]


def check_render() -> list[Problem]:
    """Render every paper of every kind's example with the templates in force (strict)."""
    from .answers import read_answers_file, validate_answers
    from .kinds import KINDS, example_names
    from .render import render_docx, template_path
    from .resources import template_file

    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for kind, spec in KINDS.items():
            for name in example_names(spec):
                example = template_file(name)
                try:
                    data = read_answers_file(example)
                    if "exhibits" in data:  # only some kinds take exhibit files
                        data["exhibits"] = []
                    _, model = validate_answers(data, base_dir=example.parent)
                    for plan in spec.planner(model):
                        for doc in plan.documents:
                            if doc.form:  # an official form: no template to render
                                continue
                            target = Path(tmp) / f"{plan.folder}-{doc.filename}.docx"
                            render_docx(template_path(doc.template, kind=kind), doc.context, target, title=doc.title)
                except LegalDocsError as exc:
                    out.append(lint(f"{kind} ({name})", "", exc.message, "see the message"))
    return out


def template_files() -> list[tuple[str, Path]]:
    """(label, path) of every DOCX template in force, a clinic's copy before the built-in."""
    from .resources import template_files as files_in_force

    return [(f"form_templates/{rel}", path) for rel, path in files_in_force("**/*.docx").items()]


def check_all() -> list[Problem]:
    problems = check_data()
    for label, path in template_files():
        problems += check_docx(path, label=label)
    if not problems:  # a render only makes sense once the pieces are sound
        problems += check_render()
    return problems
