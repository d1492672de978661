"""The identifier scanner (rule 1.201) over text as a reader sees it, and exhibits scanned in
every part and copied in clean. Each attack of issue #17 on the scan is a case here."""

from __future__ import annotations

import copy
from pathlib import Path

import pikepdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import example_data, make_pdf
from legal_docs.answers import validate_answers
from legal_docs.errors import InputError
from legal_docs.exhibits import MAX_CONTENT_BYTES, ExhibitProblem, check_exhibit, copy_clean
from legal_docs.redaction import find_sensitive, fold

SSN = "a Social Security number"
CARD = "an account or card number"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("123-45-6789", SSN),
        ("123\u201145\u20116789", SSN),  # Word's non-breaking hyphen
        ("123\u201345\u20146789", SSN),  # en and em dashes
        ("123\u221245\u22126789", SSN),  # minus sign
        ("123\u00a045\u00a06789", SSN),  # no-break spaces
        ("123\u200345\u20036789", SSN),  # em space
        ("123 . 45 . 6789", SSN),
        ("123/45/6789", SSN),
        ("123-45-67\u200b89", SSN),  # zero-width space inside a group
        ("1\u200c2\u200d3-45-6789", SSN),  # zero-width non-joiner and joiner
        ("123\u00ad45\u00ad6789", SSN),  # soft hyphens
        ("\u202e123-45-6789\u202c", SSN),  # direction override
        ("\u200f123-45-6789", SSN),  # right-to-left mark
        ("\u2060123\u206045\u20606789", SSN),  # word joiners
        ("\ufeff123-45-6789", SSN),  # byte order mark
        ("\uff11\uff12\uff13-\uff14\uff15-\uff16\uff17\uff18\uff19", SSN),  # full-width digits
        ("\u0661\u0662\u0663-45-6789", SSN),  # Arabic-Indic digits
        ("1 2 3 4 5 6 7 8 9", SSN),  # digits spaced out
        ("1-2-3-4-5-6-7-8-9", SSN),
        ("1\u00a02\u00a03\u00a04\u00a05\u00a06\u00a07\u00a08\u00a09", SSN),
        ("123456789", SSN),
        ("4111 1111 1111 1111", CARD),
        ("4111\u20131111\u20131111\u20131111", CARD),
        ("4111.1111.1111.1111", CARD),
        ("3782 822463 10005", CARD),  # American Express grouping
        ("4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1", CARD),
        ("account 1234567890", CARD),
    ],
)
def test_unicode_forms_of_identifiers_are_found(text: str, kind: str) -> None:
    assert kind in find_sensitive(f"The number is {text}, as written.")


@pytest.mark.parametrize(
    "text",
    [
        "(909) 555-1234",
        "909-555-1234",
        "909\u2011555\u20111234",
        "92401-1234",
        "2019-06-02",
        "06/02/2019",
        "Pen. Code, § 236.14, subd. (a)",
        "SSN ending in 6789 (xxx-xx-6789)",
        "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11",  # pleading paper's line numbers, one per line
        "Case No. 19CR-12345",
    ],
)
def test_ordinary_numbers_are_not_identifiers(text: str) -> None:
    assert find_sensitive(text) == []


INVISIBLE = st.sampled_from(["\u200b", "\u200c", "\u200d", "\u00ad", "\u200e", "\u200f", "\u2060", "\ufeff", "\u034f"])
SEPARATOR = st.sampled_from(["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\ufe63",
                             "\uff0d", " ", "\u00a0", "\u2007", "\u202f", "\u3000", ".", "/", " - "])


@settings(max_examples=200, deadline=None)
@given(
    digits=st.text("0123456789", min_size=9, max_size=9),
    sep=SEPARATOR,
    noise=st.lists(st.tuples(st.integers(0, 20), INVISIBLE), max_size=4),
    wide=st.booleans(),
)
def test_property_any_written_form_of_an_ssn_is_found(digits: str, sep: str, noise: list, wide: bool) -> None:
    if wide:
        digits = "".join(chr(0xFF10 + int(d)) for d in digits)
    text = f"{digits[:3]}{sep}{digits[3:5]}{sep}{digits[5:]}"
    for at, ch in noise:
        at = min(at, len(text))
        text = text[:at] + ch + text[at:]
    assert SSN in find_sensitive(f"Number: {text}.")


def test_fold_reads_text_as_shown() -> None:
    assert fold("\uff21\u00a0b\u2011c\u200bd\u2028e") == "A b-cd\ne"


# -- answers --------------------------------------------------------------------------------------


def _errors(data: dict, tmp_path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        validate_answers(data, base_dir=tmp_path)
    return caught.value.details


def test_an_answer_with_an_ssn_in_unicode_form_is_refused_naming_the_field(tmp_path: Path) -> None:
    data = example_data()
    data["trafficking"]["summary"] += " SSN 123\u201145\u20116789."
    details = _errors(data, tmp_path)
    assert any("trafficking.summary" in d and "Social Security" in d for d in details)
    assert not any("6789" in d for d in details)


def test_a_name_of_only_a_zero_width_space_is_empty(tmp_path: Path) -> None:
    data = example_data()
    data["petitioner"]["name"] = "\u200b"
    data["attorney"]["firm"] = "\u200b\u00ad "  # optional: counts as not given, no error
    details = _errors(data, tmp_path)
    assert any("petitioner.name" in d and "must not be empty" in d for d in details)
    assert not any("attorney.firm" in d for d in details)


def test_a_kind_holding_a_name_and_ssn_is_never_echoed(tmp_path: Path) -> None:
    data = example_data()
    data["kind"] = "Jane Roe 123-45-6789"
    with pytest.raises(InputError) as caught:
        validate_answers(data, base_dir=tmp_path)
    shown = caught.value.message + " ".join(caught.value.details)
    assert "Jane" not in shown and "6789" not in shown
    assert "kind" in shown


def test_the_interview_refuses_an_ssn_typed_into_a_name_field(tmp_path: Path) -> None:
    from legal_docs.interview.checks import check_answer, describe
    from legal_docs.kinds import get_kind

    model = get_kind("vacatur").model
    problems = check_answer(model, ("petitioner", "name"), "Jane 123\u00a045\u00a06789", {}, base_dir=tmp_path)
    assert problems and "Social Security" in describe(problems[0], model)
    assert check_answer(model, ("petitioner", "name"), "Jane Roe", {}, base_dir=tmp_path) == []


# -- exhibits -------------------------------------------------------------------------------------


def _with_exhibit(tmp_path: Path, pdf: Path) -> dict:
    data = example_data()
    data["exhibits"] = [{"file": str(pdf), "description": "Letter from the service provider"}]
    return data


def _exhibit_error(tmp_path: Path, pdf: Path) -> str:
    details = _errors(_with_exhibit(tmp_path, pdf), tmp_path)
    found = [d for d in details if "exhibits.1.file" in d]
    assert found, details
    return found[0]


def _pdf_with(tmp_path: Path, name: str, change) -> Path:
    src = make_pdf(tmp_path / f"{name}-plain.pdf", text="Nothing to see", pages=3)
    out = tmp_path / f"{name}.pdf"
    with pikepdf.open(src) as pdf:
        change(pdf)
        pdf.save(out)
    return out


def _annotate(pdf: pikepdf.Pdf) -> None:
    note = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text, Rect=[10, 10, 50, 50],
        Contents=pikepdf.String("client SSN 123\u201145\u20116789")))
    pdf.pages[1].obj["/Annots"] = pikepdf.Array([note])


def _field(pdf: pikepdf.Pdf) -> None:
    widget = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Widget, FT=pikepdf.Name.Tx, T=pikepdf.String("acct"),
        V=pikepdf.String("4111 1111 1111 1111"), Rect=[10, 10, 50, 50]))
    pdf.pages[2].obj["/Annots"] = pikepdf.Array([widget])
    pdf.Root["/AcroForm"] = pikepdf.Dictionary(Fields=pikepdf.Array([widget]))


def _metadata(pdf: pikepdf.Pdf) -> None:
    pdf.docinfo["/Subject"] = pikepdf.String("SSN 123456789")


def _xmp(pdf: pikepdf.Pdf) -> None:
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:description"] = "SSN 123 45 6789"


def _outline(pdf: pikepdf.Pdf) -> None:
    with pdf.open_outline() as outline:
        outline.root.append(pikepdf.OutlineItem("Records for 123-45-6789", 0))


def _page_text(pdf: pikepdf.Pdf) -> None:
    stream = pdf.make_stream(b"BT /F1 12 Tf 72 600 Td (SSN 123-45-6789) Tj ET")
    pdf.pages[1].obj["/Contents"] = stream


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (_annotate, "page 2"),
        (_field, "page 3"),
        (_metadata, "metadata"),
        (_xmp, "metadata"),
        (_outline, "bookmarks"),
        (_page_text, "page 2"),
    ],
)
def test_an_exhibit_is_scanned_in_every_part(tmp_path: Path, change, where: str) -> None:
    pdf = _pdf_with(tmp_path, change.__name__.strip("_"), change)
    message = _exhibit_error(tmp_path, pdf)
    assert "Exhibit 1" in message and where in message
    assert "6789" not in message and "1111" not in message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty file"),
        (b"Dear court, this is a text file.\n", "not a readable PDF"),
    ],
)
def test_validate_refuses_empty_and_non_pdf_exhibits(tmp_path: Path, content: bytes, expected: str) -> None:
    bad = tmp_path / "exhibit.pdf"
    bad.write_bytes(content)
    assert expected in _exhibit_error(tmp_path, bad)


def test_validate_refuses_a_password_protected_exhibit(tmp_path: Path) -> None:
    src = make_pdf(tmp_path / "plain.pdf")
    locked = tmp_path / "locked.pdf"
    with pikepdf.open(src) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    assert "password" in _exhibit_error(tmp_path, locked)


def test_an_exhibit_path_with_an_unknown_home_folder_is_an_answer_error(tmp_path: Path) -> None:
    message = _exhibit_error(tmp_path, Path("~nosuchuser-legal-docs/a.pdf"))
    assert "~" in message and "full path" in message


def test_an_over_long_exhibit_file_name_is_an_answer_error(tmp_path: Path) -> None:
    message = _exhibit_error(tmp_path, tmp_path / ("x" * 300 + ".pdf"))
    assert "cannot be opened" in message


def test_an_exhibit_whose_pages_share_one_huge_stream_is_refused_quickly(tmp_path: Path) -> None:
    import zlib

    pdf = pikepdf.new()
    big = pikepdf.Stream(pdf, zlib.compress(b" " * (64 * 1024 * 1024), 9))
    big["/Filter"] = pikepdf.Name.FlateDecode
    shared = pdf.make_indirect(big)
    for _ in range(500):
        pdf.add_blank_page()
        pdf.pages[-1].obj["/Contents"] = shared
    path = tmp_path / "bomb.pdf"
    pdf.save(path, compress_streams=False)
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(ExhibitProblem, match=f"{MAX_CONTENT_BYTES // (1024 * 1024)} MB"):
        check_exhibit(path)


def test_an_exhibit_is_copied_in_without_hidden_parts(tmp_path: Path) -> None:
    def everything(pdf: pikepdf.Pdf) -> None:
        pdf.docinfo["/Author"] = pikepdf.String("Case worker")
        _xmp(pdf)
        _field(pdf)
        _outline(pdf)
        note = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text, Rect=[1, 1, 9, 9],
                                  Contents=pikepdf.String("internal note"))
        link = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[1, 1, 9, 9],
                                  A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://courts.ca.gov")))
        launch = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[1, 1, 9, 9],
                                    A=pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("evil.exe")))
        pdf.pages[0].obj["/Annots"] = pdf.make_indirect(pikepdf.Array([note, link, launch]))
        pdf.Root["/OpenAction"] = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
        pdf.attachments["notes.txt"] = pikepdf.AttachedFileSpec(pdf, b"private notes")

    source = _pdf_with(tmp_path, "everything", everything)
    target = tmp_path / "exhibit-a.pdf"
    copy_clean(source, target)
    with pikepdf.open(target) as pdf:
        assert len(pdf.pages) == 3
        for key in ("/Metadata", "/Names", "/OpenAction", "/AcroForm", "/Outlines"):
            assert key not in pdf.Root, key
        assert "/Info" not in pdf.trailer or not dict(pdf.docinfo)
        assert len(pdf.attachments) == 0
        annots = pdf.pages[0].obj["/Annots"]
        assert [str(a["/A"]["/S"]) for a in annots] == ["/URI"]
        assert "/Annots" not in pdf.pages[2].obj  # the form field's widget is gone
    raw = target.read_bytes()
    for secret in (b"Case worker", b"internal note", b"private notes", b"app.alert", b"evil.exe"):
        assert secret not in raw
    check_exhibit(target)  # the clean copy passes the scan


def test_copy_clean_names_the_file_not_its_content(tmp_path: Path) -> None:
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 nothing else")
    with pytest.raises(InputError, match="scan.pdf"):
        copy_clean(bad, tmp_path / "out.pdf")


def test_a_clean_exhibit_passes(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "fine.pdf", text="Case 19CR-12345, phone 909-555-1234", pages=2)
    spec_model = validate_answers(_with_exhibit(tmp_path, pdf), base_dir=tmp_path)[1]
    assert spec_model.exhibits[0].file == str(pdf.resolve())
    assert check_exhibit(pdf) == 2


def test_output_scan_names_the_exhibit_and_page(tmp_path: Path) -> None:
    from legal_docs.errors import LegalDocsError
    from legal_docs.exhibits import page_texts
    from legal_docs.i18n import _
    from legal_docs.redaction import check_output_texts

    pdf = make_pdf(tmp_path / "x.pdf", text="SSN 123-45-6789", pages=2)
    with pytest.raises(LegalDocsError) as caught:
        check_output_texts([(_("exhibit {letter}, page {n}").format(letter="B", n=n), t) for n, t in page_texts(pdf)])
    assert caught.value.details[:2] == ["in exhibit B, page 1", "in exhibit B, page 2"]
    assert copy.deepcopy(caught.value.details) == caught.value.details


def test_an_interview_never_saves_an_ssn_typed_into_a_name_field(tmp_path: Path) -> None:
    from legal_docs.interview.flow import Stopped, conduct
    from legal_docs.interview.terminal import ScriptedTerminal

    save = tmp_path / "session.json"
    term = ScriptedTerminal(["Alex 123\u201145\u20116789", "Alex 1 2 3 4 5 6 7 8 9", "Alex Rivera", KeyboardInterrupt])
    with pytest.raises(Stopped):
        conduct(kind="vacatur", terminal=term, cwd=tmp_path, save=save)
    saved = save.read_text(encoding="utf-8")
    assert "Alex Rivera" in saved  # the session was saved after the good answer
    assert "6789" not in saved and "6 7 8 9" not in saved
    assert term.text.count("Social Security") >= 2  # each refusal said why
