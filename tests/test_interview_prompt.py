"""The interview on the prompt_toolkit terminal, driven through prompt_toolkit's pipe input (no TTY):
arrow-key menus for choices, a checklist for multi-choices, the current answer put on the line
to edit, several lines edited at once, fuzzy completion of counties, and the compact review."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from legal_docs.interview.flow import Stopped, conduct
from legal_docs.interview.prompt import PromptTerminal, prompt_terminal_wanted, whole_line_completer

ENTER, DOWN, UP, SPACE = "\r", "\x1b[B", "\x1b[A", " "


def line(text: str = "") -> str:
    return text + ENTER


def lines(*texts: str) -> str:
    """A multi-line answer: each line, then Enter on an empty line ends it."""
    return "".join(line(t) for t in texts) + ENTER


PETITIONER = [line("Alex Jordan Rivera"), lines("Lexi Rivera"), line("4/17/2001"), line(), line(), line("n"),
              line()]  # ..., no home address, no CII number
OFFENSE = [
    "2" + ENTER,  # the menu: 2) conviction
    line("PC 647(b)"),
    DOWN + ENTER,  # felony -> misdemeanor
    line("Engaging in an act of prostitution"), line("2019-06-02"), line("Los Angeles"), line("9CJ01234"),
    line("Airport Courthouse"), line("Los Angeles Police Department"), line(),
    line(),  # the prosecuting agency: "Los Angeles County District Attorney" is on the line; Enter keeps it
    ENTER, ENTER,  # no address, no disposition (empty multi-line answers)
    lines("I was arrested where Dre sent me."), ENTER,  # ..., not outside the trafficking period
    line("n"),
]
TRAFFICKING = [line("2017-05-01"), line("2020-02-15"), lines("When I was sixteen, Dre forced me.", "He kept my ID."),
               lines("I escaped to a shelter in 2020."), ENTER, line(),
               ENTER, ENTER,  # the means of § 236.1(a)/(b) (checklist) and their facts: none ticked, none given
               SPACE + DOWN + SPACE + ENTER,  # tick the first two kinds of evidence
               line("Letter from the advocate")]  # and one of its own
ATTORNEY = [line("Dana M. Counsel"), line("123456"), line(), line("200 Sample Avenue"), line("Los Angeles"), line(),
            line("90013"), line("(213) 555-0100"), line()]
FILING = [line("n"), line("n"), line("n"), ENTER, line(), line(), line("n"), ENTER]  # hearing?, courts?, service?, proof of service (menu), ..., letter's language


def run(tmp_path: Path, keys: list[str], **kwargs: Any) -> tuple[Any, str]:
    out = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text("".join(keys))
        pipe.close()  # when the keys run out: EOFError, as Ctrl-D (the session stops, saved)
        term = PromptTerminal(input=pipe, output=DummyOutput(), stdout=out, environ={})
        kwargs.setdefault("save", tmp_path / "session.json")
        try:
            finished = conduct(kind=kwargs.pop("kind", "vacatur"), terminal=term, cwd=tmp_path, **kwargs)
        except Stopped:
            return None, out.getvalue()
    return finished, out.getvalue()


def answers_of(finished: Any) -> dict[str, Any]:
    return json.loads(finished.answers_file.read_text(encoding="utf-8"))


def test_menus_checklist_and_multiline_editing_make_valid_answers(tmp_path: Path) -> None:
    finished, text = run(tmp_path, PETITIONER + OFFENSE + TRAFFICKING + ATTORNEY + FILING + [line("y")])
    data = answers_of(finished)
    assert data["petitioner"]["other_names"] == ["Lexi Rivera"]
    offense = data["offenses"][0]
    assert offense["type"] == "conviction" and offense["level"] == "misdemeanor"
    assert offense["county"] == "Los Angeles"
    assert offense["prosecuting_agency"] == "Los Angeles County District Attorney"
    assert data["trafficking"]["summary"] == "When I was sixteen, Dre forced me.\nHe kept my ID."
    assert data["trafficking"]["evidence"] == [
        "Declaration of the petitioner", "Letter from the petitioner's case manager", "Letter from the advocate"]
    assert data["client"]["language"] == "en"
    assert "Review your answers" in text


def test_the_current_answer_is_on_the_line_to_edit_and_menus_go_back(tmp_path: Path) -> None:
    keys = [line("Alex Jordan Riviera"), lines("Lexi Rivera"), line("<"),  # back from the date of birth
            "<",  # and from the other names (on the line to edit), to the name
            "\x7f" * 4 + line("era"),  # the name is on the line: four backspaces fix "Riviera"
            ENTER, line("4/17/2001"), line(), line(), line("n"),
            "<",  # in the first offense's menu: back to the address question
            line("n"), "2" + ENTER]
    _finished, _text = run(tmp_path, keys)
    saved = json.loads((tmp_path / "session.json").read_text(encoding="utf-8"))
    assert saved["answers"]["petitioner"]["name"] == "Alex Jordan Rivera"
    assert saved["answers"]["offenses"][0]["type"] == "conviction"


def test_the_answer_on_the_line_is_not_repeated_in_a_hint(tmp_path: Path) -> None:
    """On the prompt_toolkit terminal the current (or default) answer is on the line to edit: no
    "[now: ...]" / "[Enter for: ...]" hint repeats it (the plain terminal keeps the hint)."""
    keys = [line("Alex Jordan Rivera"), lines("Lexi Rivera"), line("<"), "<"]  # back to the name
    _finished, text = run(tmp_path, keys)
    assert text.count("full legal name?") == 2  # asked again, the name on the line
    assert "[now:" not in text and "[Enter for:" not in text


def test_an_optional_answer_deleted_from_the_line_is_skipped(tmp_path: Path) -> None:
    keys = [line("Alex Jordan Rivera"), lines("Lexi Rivera"), line("<"), "<", ENTER,
            "\x7f" * 20 + ENTER]  # the other names, deleted: skipped
    run(tmp_path, keys)
    saved = json.loads((tmp_path / "session.json").read_text(encoding="utf-8"))
    assert "other_names" not in saved["answers"]["petitioner"]
    assert "petitioner.other_names" in saved["skipped"]


def test_the_review_is_shown_once_then_only_what_changed(tmp_path: Path) -> None:
    answers = PETITIONER + OFFENSE + TRAFFICKING + ATTORNEY + FILING
    finished, text = run(tmp_path, answers + [line("1"), "\x7f" * 6 + line("Rivers"), line("v"), line("y")])
    assert answers_of(finished)["petitioner"]["name"] == "Alex Jordan Rivers"
    assert text.count("Review your answers") == 2  # the listing, then `v` asked for it again
    after = text.split("Changed since the last review:")[1]
    changed = after.split("Type v to see every answer again.")[0]
    assert "Alex Jordan Rivers" in changed and "Lexi Rivera" not in changed


def test_a_menu_offers_skip_for_an_optional_choice_and_ctrl_c_stops(tmp_path: Path) -> None:
    finished, text = run(tmp_path, [line("Alex Rivera"), "\x03"])
    assert finished is None
    saved = json.loads((tmp_path / "session.json").read_text(encoding="utf-8"))
    assert saved["answers"]["petitioner"]["name"] == "Alex Rivera"


def test_counties_complete_fuzzily_over_the_whole_answer() -> None:
    from prompt_toolkit.document import Document

    completer = whole_line_completer(["Los Angeles", "San Luis Obispo", "Sacramento"])
    assert [c.text for c in completer.get_completions(Document("lsang"), None)] == ["Los Angeles"]
    assert [c.text for c in completer.get_completions(Document("sa"), None)][0] == "Sacramento"


def test_code_sections_complete_fuzzily_with_what_each_is() -> None:
    from prompt_toolkit.document import Document

    from legal_docs.lawdata import code_sections

    completer = whole_line_completer(list(code_sections()), meta=code_sections())
    found = list(completer.get_completions(Document("647b"), None))
    assert found[0].text == "PC 647(b)" and "prostitution" in found[0].display_meta_text
    assert [c.text for c in completer.get_completions(Document("hs 113"), None)][0] == "HS 11350"
    # what the section is finds it too, after the sections matched by their own letters
    assert [c.text for c in completer.get_completions(Document("theft"), None)][0] == "PC 484(a)"


def test_the_offense_code_section_is_completed_from_the_law_table(tmp_path: Path) -> None:
    """'647b' and Tab on the code section question: the answer is the section as the table writes it."""
    offense = list(OFFENSE)
    offense[1] = "647b\t" + ENTER
    finished, _text = run(tmp_path, PETITIONER + offense + TRAFFICKING + ATTORNEY + FILING + [line("y")])
    assert answers_of(finished)["offenses"][0]["code_section"] == "PC 647(b)"


@pytest.mark.parametrize("environ, tty, wanted", [
    ({"TERM": "xterm"}, True, True),
    ({"TERM": "dumb"}, True, False),
    ({"TERM": "xterm", "LEGAL_DOCS_PLAIN_INPUT": "1"}, True, False),
    ({"TERM": "xterm"}, False, False),
])
def test_plain_line_input_for_dumb_terminals_and_pipes(environ: dict[str, str], tty: bool, wanted: bool,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from legal_docs.settings import Settings

    class Stream:
        def isatty(self) -> bool:
            return tty

    for name, value in environ.items():  # LEGAL_DOCS_PLAIN_INPUT reaches the terminal through the settings
        monkeypatch.setenv(name, value)
    plain = bool(Settings().plain_input)
    assert prompt_terminal_wanted(environ, Stream(), Stream(), plain_input=plain) is wanted


@pytest.mark.slow  # a real terminal in tmux, waiting for each screen
def test_in_tmux_menus_completion_and_prefill_on_a_real_terminal(tmp_path: Path) -> None:
    """The prompt_toolkit terminal in a real pseudo-terminal: the screen as a person sees it."""
    from test_interview_tty import Tmux, _env

    class Settled(Tmux):
        def expect(self, text: str, timeout: float = 30) -> str:
            screen = super().expect(text, timeout)
            time.sleep(0.4)  # the prompt takes the terminal after the question is printed
            return screen

    tmux = Settled(tmp_path)
    save = tmp_path / "s.json"
    try:
        tmux.start(["legal-docs", "interview", "protective-order", "--save", str(save)], cwd=tmp_path,
                   env=_env(tmp_path))
        screen = tmux.expect("Which kind of restraining order fits?")
        screen = tmux.expect("3) civil harassment")
        assert "» 1) juvenile court" in screen  # an arrow-key menu, the pointer on the first
        tmux.type("", "Down")
        tmux.type("", "Down")
        tmux.expect("» 3) civil harassment")
        tmux.type("")
        tmux.expect("In which county is the request filed?")
        tmux.type("lsang", "Tab")  # fuzzy: the letters in order; Tab takes the first match
        tmux.expect("> Los Angeles")
        tmux.type("")
        tmux.expect("= Los Angeles")
        tmux.answer("The case number", "")
        tmux.answer("The courthouse's name", "")  # asked on the civil harassment route too (CH forms)
        tmux.answer("full legal name?", "Maria Lopez")
        tmux.expect("Their date of birth?")
        tmux.type("<")  # back: the name is put on the line to edit
        screen = tmux.expect("> Maria Lopez")
        tmux.type("", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace")
        tmux.type("Perez")
        tmux.expect("Their date of birth?")
        tmux.type("", "C-c")
        screen = tmux.expect("EXITED:")
        assert "EXITED:130" in screen and "Traceback" not in screen
    finally:
        tmux.close()
    stored = json.loads(save.read_text(encoding="utf-8"))
    assert stored["answers"]["route"] == "civil-harassment"
    assert stored["answers"]["case"]["county"] == "Los Angeles"
    assert stored["answers"]["protected"]["name"] == "Maria Perez"


def test_without_a_kind_a_menu_picks_the_packet(tmp_path: Path) -> None:
    from legal_docs.kinds import KINDS

    out = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text(DOWN + ENTER)
        pipe.close()
        term = PromptTerminal(input=pipe, output=DummyOutput(), stdout=out, environ={})
        with pytest.raises(Stopped):
            conduct(kind=None, terminal=term, cwd=tmp_path, save=tmp_path / "s.json")
    assert json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["kind"] == list(KINDS)[1]


def test_enter_on_an_optional_menu_nobody_answered_skips_it(tmp_path: Path) -> None:
    """The cursor starts on "(no answer)": Enter must not record the first choice (a "yes" the client
    never gave, "female", "yes, they have firearms") on a sworn form."""
    keys = ["3" + ENTER,  # civil harassment
            line("Los Angeles"), line(), ENTER,  # county, no case number, no courthouse
            line("Maria Torres"), line("3/14/2007"),
            ENTER]  # their sex: Enter on the menu
    run(tmp_path, keys, kind="protective-order")
    saved = json.loads((tmp_path / "session.json").read_text(encoding="utf-8"))
    assert saved["answers"]["protected"]["date_of_birth"] == "2007-03-14"
    assert "sex" not in saved["answers"]["protected"]
    assert "protected.sex" in saved["skipped"]
