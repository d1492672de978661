"""The interview in a real pseudo-terminal (tmux): typing, Tab completion, going back, editing from
the review screen, generating, and the packet's text; and Ctrl-C leaving a session to resume.

tmux gives the screen as a person sees it (capture-pane), with readline, colour and the terminal's
line discipline all real. Needs tmux (tools/ensure-system-deps.sh installs it) and LibreOffice.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.libreoffice

BIN = Path(sys.executable).parent


class Tmux:
    """One tmux server on a private socket, running one command in one window."""

    def __init__(self, tmp: Path, name: str = "tmux") -> None:
        if shutil.which("tmux") is None:
            pytest.fail("tmux is not installed (tools/ensure-system-deps.sh installs it)")
        self.socket = tmp / f"{name}.sock"
        self.seen: dict[str, int] = {}

    def tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-S", str(self.socket), *args], capture_output=True, text=True, timeout=30)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def start(self, command: list[str], *, cwd: Path, env: dict[str, str]) -> None:
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        line = f"env {exports} {shlex.join(command)}; echo EXITED:$?; sleep 600"
        self.tmux("new-session", "-d", "-s", "iv", "-x", "120", "-y", "50", "-c", str(cwd), line)

    def screen(self, *, colour: bool = False) -> str:
        return self.tmux("capture-pane", "-p", "-J", "-S", "-", *(["-e"] if colour else []), "-t", "iv")

    def expect(self, text: str, timeout: float = 30) -> str:
        """Wait for one more occurrence of `text` than already seen; return the screen."""
        want = self.seen.get(text, 0) + 1
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if screen.count(text) >= want:
                self.seen[text] = screen.count(text)
                time.sleep(0.3)  # let the prompt (readline or prompt_toolkit) take the terminal
                return screen
            time.sleep(0.1)
        raise AssertionError(f"waited {timeout}s for {text!r}; the screen was:\n{self.screen()[-3000:]}")

    def ready(self, timeout: float = 30) -> None:
        """Wait until the prompt is drawn (the last line of the screen is the "> " prompt), so a
        control key (Ctrl-C, Ctrl-D) reaches the prompt rather than the terminal before it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            lines = [line for line in self.screen().splitlines() if line.strip()]
            if lines and lines[-1].strip() == ">":
                time.sleep(0.3)
                return
            time.sleep(0.1)
        raise AssertionError(f"no prompt after {timeout}s; the screen was:\n{self.screen()[-2000:]}")

    def type(self, text: str, *keys: str) -> None:
        if text:
            self.tmux("send-keys", "-t", "iv", "-l", text)
        self.tmux("send-keys", "-t", "iv", *(keys or ("Enter",)))

    def answer(self, question: str, *answers: str) -> None:
        self.expect(question)
        for a in answers:
            self.type(a)

    def close(self) -> None:
        subprocess.run(["tmux", "-S", str(self.socket), "kill-server"], capture_output=True, timeout=30)


@pytest.fixture
def tmux(tmp_path: Path):
    t = Tmux(tmp_path)
    yield t
    t.close()


def _env(tmp_path: Path) -> dict[str, str]:
    return {"PATH": f"{BIN}:{os.environ.get('PATH', '/usr/bin:/bin')}", "HOME": str(tmp_path),
            "XDG_DATA_HOME": str(tmp_path / "data"), "TERM": "screen", "EDITOR": "", "VISUAL": ""}


def test_typing_going_back_editing_in_review_and_generating(tmp_path: Path, tmux: Tmux) -> None:
    save = tmp_path / "session.json"
    out = tmp_path / "out"
    # the plain terminal (readline), as on a terminal prompt_toolkit is not wanted on;
    # tests/test_interview_prompt.py drives the prompt_toolkit one in tmux
    tmux.start(["legal-docs", "interview", "vacatur", "--save", str(save), "--out", str(out)],
               cwd=tmp_path, env=dict(_env(tmp_path), LEGAL_DOCS_PLAIN_INPUT="1"))
    tmux.answer("full legal name?", "Alex Jordan Rivera")
    tmux.answer("Other names used", "")
    tmux.answer("date of birth?", "April 17, 2001")
    tmux.answer("File with initials", "")
    tmux.answer("Initials to use?", "")
    tmux.answer("home address?", "n")
    tmux.answer("CII number", "")
    tmux.answer("an arrest, a conviction or a juvenile adjudication?", "2")
    tmux.answer("Code section", "PC 647(b)")
    tmux.answer("felony, a misdemeanor or an infraction?", "misd")
    tmux.answer("Description of the offense", "Engaging in an act of prostitution")
    tmux.answer("Date of the offense or arrest?", "6/2/2019")
    tmux.expect("In which county's court")
    tmux.type("sacr", "Tab")  # readline completes the county
    tmux.type("")
    tmux.expect("= Sacramento")
    tmux.answer("Court case number?", "19FE001234")
    for question in ("Which courthouse", "Arresting agency", "Booking or arrest number?"):
        tmux.answer(question, "")
    tmux.expect("Prosecuting agency (it is served")
    tmux.expect("[Enter for: Sacramento County District Attorney]")  # derived from the county
    tmux.type("")
    tmux.answer("mailing address?", "")
    tmux.answer("Disposition or sentence", "")
    tmux.answer("direct result of being trafficked?", "I was arrested where he sent me.", "")
    tmux.answer("still a victim then?", "<")  # back to the narrative, and replace it
    tmux.expect("direct result of being trafficked?")
    tmux.expect("[now: I was arrested where he sent me.]")
    tmux.type("Dre sent me to that corner every night.")
    tmux.type("")
    tmux.answer("still a victim then?", "")
    tmux.answer("Add another offense", "n")
    tmux.answer("When did the trafficking begin", "2017-05-01")
    tmux.answer("When did the exploitation end (approximately)?", "2020-02-15")
    tmux.answer("What happened?", "When I was sixteen, a man called Dre forced me to sell sex.", "")
    tmux.answer("How did the exploitation end?", "I escaped to a shelter.", "")
    tmux.answer("Services received since", "")
    tmux.answer("services first sought (approximately)?", "")
    tmux.answer("what did the trafficker use", "")
    tmux.answer("How did the trafficker use them?", "")
    tmux.answer("What evidence is available?", "1")
    tmux.answer("Attorney's name?", "Dana M. Counsel")
    tmux.answer("State Bar number?", "123456")
    tmux.answer("Firm or organization?", "")
    tmux.answer("Office street address", "200 Sample Avenue")
    tmux.answer("City?", "Sacramento")
    tmux.answer("State?", "")
    tmux.answer("ZIP code?", "95814")
    tmux.answer("Telephone?", "(916) 555-0100")
    tmux.answer("Email?", "")
    tmux.answer("Has the court set a hearing?", "n")
    tmux.answer("Any court whose cases", "n")
    tmux.answer("Do you know the date the petition is served", "n")
    tmux.answer("Which proof of service?", "")  # Enter: on pleading paper, as before
    tmux.answer("City where the papers are signed?", "")
    tmux.answer("Date of signing?", "")
    tmux.answer("Attach exhibits", "n")
    tmux.answer("letter to the client be written?", "")
    tmux.expect("Review your answers")
    screen = tmux.expect("y or Enter to make the packet")  # the end of the review screen
    assert "11. Description: Engaging in an act of prostitution" in screen
    assert "21. Direct result of trafficking: Dre sent me to that corner every night." in screen
    tmux.type("11")
    tmux.answer("Description of the offense", "Loitering with intent to commit prostitution")
    tmux.expect("Review your answers")
    screen = tmux.expect("y or Enter to make the packet")
    assert "11. Description: Loitering with intent to commit prostitution" in screen
    tmux.type("y")
    screen = tmux.expect("EXITED:", timeout=240)
    assert "EXITED:0" in screen, screen[-3000:]
    assert "packet.pdf (" in screen and "Traceback" not in screen
    packet = out / "sacramento" / "packet.pdf"
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(packet)).pages).split())
    assert "Dre sent me to that corner every night." in text
    assert "Loitering with intent to commit prostitution" in text
    assert "I was arrested where he sent me" not in text
    assert "Engaging in an act of prostitution" not in text
    assert "A.J.R." in text and "Alex Jordan Rivera" not in text  # filed with initials
    answers = json.loads(save.with_name("session.answers.json").read_text(encoding="utf-8"))
    assert answers["offenses"][0]["county"] == "Sacramento"


def test_ctrl_c_keeps_the_session_and_resume_continues(tmp_path: Path, tmux: Tmux) -> None:
    save = tmp_path / "s.json"
    tmux.start(["legal-docs", "interview", "vacatur", "--save", str(save)], cwd=tmp_path, env=_env(tmp_path))
    tmux.answer("full legal name?", "Alex Rivera")
    tmux.answer("Other names used", "")
    tmux.expect("date of birth?")
    tmux.ready()
    tmux.type("", "C-c")
    screen = tmux.expect("EXITED:")
    assert "EXITED:130" in screen and f"legal-docs interview --resume {save}" in screen
    assert "Traceback" not in screen
    assert json.loads(save.read_text())["answers"]["petitioner"]["name"] == "Alex Rivera"
    colour = tmux.screen(colour=True)
    assert "\x1b[" in colour  # a TTY without NO_COLOR gets colour
    tmux.close()

    again = Tmux(tmp_path, "again")
    env = dict(_env(tmp_path), NO_COLOR="1")
    again.start(["legal-docs", "interview", "--resume", str(save)], cwd=tmp_path, env=env)
    try:
        screen = again.expect("date of birth?")
        assert "Continuing the session" in screen and "full legal name?" not in screen
        assert "\x1b[1m" not in again.screen(colour=True).split("Continuing")[1]  # NO_COLOR: plain
        again.ready()
        again.type("", "C-d")  # Ctrl-D stops too
        assert "EXITED:130" in again.expect("EXITED:")
    finally:
        again.close()
