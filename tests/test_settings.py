"""One settings object: the CLI builds it from its options over LEGAL_DOCS_*, the library reads it
instead of the environment, and it ends with the command."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from legal_docs import settings
from legal_docs.settings import Settings, activate, current


def test_the_environment_is_read_in_one_place(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LEGAL_DOCS_LANG", "es_MX")
    monkeypatch.setenv("LEGAL_DOCS_FORMS_DIR", str(tmp_path))
    monkeypatch.setenv("LEGAL_DOCS_CONVERT_TIMEOUT", "2")
    built = Settings.from_env(forms_dir=tmp_path / "chosen", soffice=None)
    assert (built.language, built.forms_dir, built.convert_timeout, built.soffice) == (
        "es_MX", tmp_path / "chosen", "2", "")  # an option over the variable; None is not a choice
    with pytest.raises(Exception):
        built.language = "en"  # type: ignore[misc]  # frozen
    assert current().forms_dir == tmp_path  # nothing active: the environment as it is now
    assert "passphrase" not in repr(Settings(passphrase="secret"))


def test_the_library_asks_the_active_settings(tmp_path: Path) -> None:
    from legal_docs.forms import chosen_forms_dir
    from legal_docs.pipeline import convert_timeout
    from legal_docs.resources import override_dir

    activate(Settings(templates=tmp_path, forms_dir=tmp_path, convert_timeout="7"))
    assert (override_dir(), chosen_forms_dir(), convert_timeout()) == (tmp_path, tmp_path, 7.0)
    activate(None)
    assert override_dir() is None and chosen_forms_dir() is None


def test_a_commands_settings_end_with_it(tmp_path: Path) -> None:
    from legal_docs.resources import override_dir
    from legal_docs_cli.main import main

    (tmp_path / "clinic").mkdir()
    seen = []

    def hook() -> None:
        seen.append(settings._active)

    settings.on_change(hook)
    try:
        result = CliRunner().invoke(main, ["--templates", str(tmp_path / "clinic"), "kinds"])
    finally:
        settings._on_change.remove(hook)
    assert result.exit_code == 0
    assert any(s is not None and s.templates == tmp_path / "clinic" for s in seen)  # active during the command
    assert seen[-1] is None and override_dir() is None  # and gone after it
