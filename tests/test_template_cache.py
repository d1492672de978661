"""Compiled Jinja templates kept on disk between runs (legal_docs.template_cache): the same
template as from_string, read back instead of compiled, and never trusted blindly."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from jinja2.sandbox import ImmutableSandboxedEnvironment

from legal_docs import template_cache
from legal_docs.clauses import ENV
from legal_docs.template_cache import cache_folder, from_string, key

TEXT = "{% for o in offenses %}{{ loop.index }}. {{ o.code | upper }}{% if not loop.last %}; {% endif %}{% endfor %}"
CONTEXT = {"offenses": [{"code": "pc 647(b)"}, {"code": "pc 653.22"}]}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "legal-docs" / "templates"


def test_the_folder_follows_xdg_cache_home(folder: Path) -> None:
    assert cache_folder() == folder


def test_a_text_is_compiled_once_then_read_from_the_disk(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = ENV.from_string(TEXT).render(CONTEXT)
    assert expected == "1. PC 647(B); 2. PC 653.22"
    assert from_string(ENV, TEXT).render(CONTEXT) == expected
    assert [p.name for p in folder.iterdir()] == [key(ENV, TEXT)]

    def no_compiling(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(type(ENV), "compile", no_compiling)
    again = from_string(ENV, TEXT)  # read from the disk: no compiling
    assert again.render(CONTEXT) == expected
    assert again.environment is ENV


def test_a_damaged_file_is_compiled_again_and_replaced(folder: Path) -> None:
    from_string(ENV, TEXT)
    path = folder / key(ENV, TEXT)
    path.write_bytes(b"not marshal data")
    assert from_string(ENV, TEXT).render(CONTEXT) == "1. PC 647(B); 2. PC 653.22"
    assert path.read_bytes() != b"not marshal data"


def test_a_syntax_error_is_raised_as_before_and_nothing_is_kept(folder: Path) -> None:
    with pytest.raises(jinja2.TemplateSyntaxError):
        from_string(ENV, "{% if x %}never closed")
    assert not folder.exists() or not any(folder.iterdir())


def test_the_key_changes_with_the_environments_options_and_the_text() -> None:
    plain = ImmutableSandboxedEnvironment()
    escaping = ImmutableSandboxedEnvironment(autoescape=True)
    assert key(plain, TEXT) != key(escaping, TEXT)
    assert key(plain, TEXT) != key(plain, TEXT + " ")
    assert key(plain, TEXT) == key(ImmutableSandboxedEnvironment(), TEXT)
    # the same text in two environments is compiled for each: escaping is in the code
    assert from_string(plain, "{{ x }}").render(x="<b>") == "<b>"
    assert from_string(escaping, "{{ x }}").render(x="<b>") == "&lt;b&gt;"


def test_a_folder_that_cannot_be_written_only_costs_the_compiling(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # legal-docs/templates cannot be made under a file
    assert from_string(ENV, TEXT).render(CONTEXT) == "1. PC 647(B); 2. PC 653.22"
    assert blocked.read_text(encoding="utf-8") == ""


def test_the_clauses_and_the_word_templates_use_it(folder: Path, tmp_path: Path) -> None:
    """A clause text and a Word template's parts, as generate renders them, are kept, and the
    document reads as before."""
    from docx import Document

    from legal_docs.clauses import compiled
    from legal_docs.docx_text import plain_text
    from legal_docs.render import render_docx

    compiled.cache_clear()
    compiled("{{ 'kept' }}")
    assert (folder / key(ENV, "{{ 'kept' }}")).is_file()
    before = set(folder.iterdir())
    doc = Document()
    doc.add_paragraph("Petitioner {{ name }}, kept on the disk")
    template = tmp_path / "paper.docx"
    doc.save(str(template))
    for n in (1, 2):
        render_docx(template, {"name": "A. R."}, tmp_path / f"out-{n}.docx", title="T")
    assert len(set(folder.iterdir()) - before) >= 1  # the document part, compiled once
    first, second = (plain_text(tmp_path / f"out-{n}.docx") for n in (1, 2))
    assert first == second and "Petitioner A. R., kept on the disk" in first
    assert template_cache.cache_folder() == folder
