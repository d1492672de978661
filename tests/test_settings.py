"""One settings object: the CLI builds it from its options over LEGAL_DOCS_* and passes it down,
its Resources owns every lookup (the clinic's folder first) and keeps what it read, and a
command's settings end with it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from legal_docs.resources import clauses_root, templates_root
from legal_docs.settings import Settings, current, use


def test_the_environment_is_read_in_one_place(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LEGAL_DOCS_LANG", "es_MX")
    monkeypatch.setenv("LEGAL_DOCS_FORMS_DIR", str(tmp_path))
    monkeypatch.setenv("LEGAL_DOCS_CONVERT_TIMEOUT", "2")
    monkeypatch.setenv("LEGAL_DOCS_SOFFICE", "")  # empty: as if unset
    built = Settings.from_env(forms_dir=tmp_path / "chosen", soffice=None)
    assert (built.language, built.forms_dir, built.convert_timeout, built.soffice) == (
        "es_MX", tmp_path / "chosen", "2", "")  # an option over the variable; None is not a choice
    with pytest.raises(Exception):
        built.language = "en"  # type: ignore[misc]  # frozen
    assert current().forms_dir == tmp_path  # nothing chosen: the environment as it is now
    assert current() is current()  # one object (and one Resources) while the variables stay
    monkeypatch.setenv("LEGAL_DOCS_FORMS_DIR", str(tmp_path / "other"))
    assert current().forms_dir == tmp_path / "other"
    assert "passphrase" not in repr(Settings(passphrase="secret"))


def test_a_bad_value_is_an_error_only_where_it_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    from legal_docs.errors import InputError
    from legal_docs.pipeline import convert_timeout

    monkeypatch.setenv("LEGAL_DOCS_CONVERT_TIMEOUT", "soon")
    settings = Settings()  # built without complaint: `legal-docs kinds` does not convert
    with pytest.raises(InputError, match="CONVERT_TIMEOUT must be a number"):
        convert_timeout(settings)


def test_the_library_asks_the_settings_in_force(tmp_path: Path) -> None:
    from legal_docs.forms import chosen_forms_dir
    from legal_docs.pipeline import convert_timeout
    from legal_docs.resources import override_dir

    with use(Settings(templates=tmp_path, forms_dir=tmp_path, convert_timeout="7")):
        assert (override_dir(), chosen_forms_dir(), convert_timeout()) == (tmp_path, tmp_path, 7.0)
    assert override_dir() is None and chosen_forms_dir() is None


def test_a_language_change_keeps_what_was_read(tmp_path: Path) -> None:
    settings = Settings(templates=tmp_path)
    assert settings.replace(language="es").resources is settings.resources
    assert settings.replace(templates=None).resources is not settings.resources


def test_a_commands_settings_end_with_it(tmp_path: Path) -> None:
    from legal_docs.resources import override_dir
    from legal_docs_cli.main import main

    example = tmp_path / "clinic" / "form_templates" / "vacatur" / "example.yaml"
    example.parent.mkdir(parents=True)
    example.write_text("# the clinic's sample\n" + (templates_root() / "vacatur" / "example.yaml").read_text(
        encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["--templates", str(tmp_path / "clinic"), "example", "vacatur"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# the clinic's sample\n")  # in force during the command
    assert override_dir() is None  # and gone after it


def _clinic(root: Path, wording: str) -> Path:
    """A clinic's template folder whose vacatur declaration opens with `wording` and whose
    interview asks the petitioner's name in `wording`."""
    clause = root / "clauses" / "vacatur" / "declaration.yaml"
    clause.parent.mkdir(parents=True)
    text = (clauses_root() / "vacatur" / "declaration.yaml").read_text(encoding="utf-8")
    assert "I make this declaration in support" in text
    clause.write_text(text.replace("I make this declaration in support", f"{wording}: I make this declaration in support"),
                      encoding="utf-8")
    script = root / "form_templates" / "vacatur" / "interview.yaml"
    script.parent.mkdir(parents=True)
    data = yaml.safe_load((templates_root() / "vacatur" / "interview.yaml").read_text(encoding="utf-8"))
    data["sections"][0]["title"] = f"{wording} section"
    script.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


def test_two_settings_in_one_process_each_read_their_own_folder(tmp_path: Path) -> None:
    """Caches live on each Settings' Resources: what was read under one template folder never
    answers for another, in whatever order they are used, with nothing cleared in between."""
    from legal_docs.interview.script import load_script
    from legal_docs.pipeline import plan_mapping

    first = Settings(templates=_clinic(tmp_path / "first", "FIRST CLINIC"))
    second = Settings(templates=_clinic(tmp_path / "second", "SECOND CLINIC"))
    answers = yaml.safe_load((templates_root() / "vacatur" / "example.yaml").read_text(encoding="utf-8"))

    def wording(settings: Settings | None) -> tuple[str, str]:
        planned = plan_mapping(answers, base_dir=tmp_path, settings=settings)
        text = repr([d.context for p in planned.plans for d in p.documents])
        with use(settings):
            title = load_script("vacatur").sections[0].title
        said = [w for w in ("FIRST CLINIC", "SECOND CLINIC") if w in text]
        return (said[0] if len(said) == 1 else repr(said)), title

    for _round in range(2):  # the second round finds each folder's own cache
        assert wording(first) == ("FIRST CLINIC", "FIRST CLINIC section")
        assert wording(second) == ("SECOND CLINIC", "SECOND CLINIC section")
        assert wording(None)[0] == "[]"  # the built-ins: no clinic at all
    with use(first):  # explicit settings win over those in force, and these come back after
        assert wording(second)[0] == "SECOND CLINIC"
        assert current() is first


def test_a_typed_passphrase_is_asked_once_per_command(monkeypatch: pytest.MonkeyPatch) -> None:
    from legal_docs.errors import InputError
    from legal_docs.vault import get_passphrase

    monkeypatch.delenv("LEGAL_DOCS_PASSPHRASE", raising=False)
    asked: list[bool] = []

    def prompt(new: bool) -> str:
        asked.append(new)
        return "typed at the prompt"

    with use(Settings(passphrase_provider=prompt)):
        assert get_passphrase(new=True) == get_passphrase() == "typed at the prompt"
    assert asked == [True]  # asked once (twice over, for a new one), not for each file
    with use(Settings(passphrase_provider=prompt)):  # the next command asks again
        get_passphrase()
    assert asked == [True, False]
    with use(Settings(passphrase="from the variable", passphrase_provider=prompt)):
        assert get_passphrase() == "from the variable"
    assert len(asked) == 2
    with use(Settings()), pytest.raises(InputError, match="encryption passphrase"):
        get_passphrase()  # no variable, no terminal


def test_the_options_win_over_the_variables_and_a_missing_folder_is_named(monkeypatch: pytest.MonkeyPatch,
                                                                          tmp_path: Path) -> None:
    from legal_docs_cli.main import main

    monkeypatch.setenv("LEGAL_DOCS_TEMPLATES", str(tmp_path / "gone"))
    result = CliRunner().invoke(main, ["kinds"])
    assert result.exit_code == 2
    assert "Template folder 'gone' does not exist" in result.output  # the variable is checked like the option
    monkeypatch.delenv("LEGAL_DOCS_TEMPLATES")

    monkeypatch.setenv("LEGAL_DOCS_FORMS_DIR", str(tmp_path / "gone"))
    assert "Forms folder" in CliRunner().invoke(main, ["forms"]).output
    result = CliRunner().invoke(main, ["--forms-dir", str(tmp_path), "forms"])
    assert result.exit_code == 0, result.output  # the global option over the variable, for `forms` too
    assert "Forms folder" not in result.output


def test_a_language_chosen_during_a_command_stays_when_a_folder_is_chosen(tmp_path: Path) -> None:
    """The interview chooses its language, then the forms folder its session remembers."""
    from legal_docs.forms import chosen_forms_dir, set_forms_dir
    from legal_docs.i18n import _, known_language, language, set_language

    with use(Settings(language="en")):
        set_language("es")
        set_forms_dir(tmp_path)
        assert (language(), chosen_forms_dir()) == ("es", tmp_path)
        assert _("Interrupted.") != "Interrupted."
    assert chosen_forms_dir() is None and language() == known_language(Settings().language)  # gone with the block


def test_a_clinic_file_edited_between_two_commands_is_read_again(tmp_path: Path) -> None:
    from legal_docs.resources import load_yaml

    table = tmp_path / "clauses" / "law" / "deadlines.yaml"
    table.parent.mkdir(parents=True)
    table.write_text("note: first\n", encoding="utf-8")
    with use(Settings(templates=tmp_path)):
        assert load_yaml(table) == {"note": "first"}
        table.write_text("note: second\n", encoding="utf-8")
        assert load_yaml(table) == {"note": "first"}  # parsed once within a command
    with use(Settings(templates=tmp_path)):  # the next command's settings read it again
        assert load_yaml(table) == {"note": "second"}
