"""Golden text of every pleading paper, compared at the DOCX level (no LibreOffice).

Each kind's sample answers are validated and planned as `generate` does, and each planned paper is
rendered with the same renderer `generate` uses; its text (python-docx, paragraphs and table cells)
must match the golden copy. The PDF side of the same papers (pages, grid, fonts) is tested in the
`libreoffice` tests. UPDATE_GOLDEN=1 rewrites the golden copies on purpose.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import docx_text, example_data, golden_text
from legal_docs.pipeline import plan_mapping
from legal_docs.render import render_docx, template_path

GOLDEN = Path(__file__).parent / "golden"

# (kind, sample variant, packet folder) -> the golden folder and the papers it holds
CASES = {
    ("vacatur", None, "los-angeles"): ("vacatur/los-angeles", [
        "01-notice-and-petition", "02-memorandum", "03-declaration-of-petitioner", "04-proposed-order",
        "04a-confidential-identity-attachment", "05-proof-of-service"]),
    ("vacatur", None, "san-bernardino"): ("vacatur/san-bernardino", [
        "01-notice-and-petition", "02-memorandum", "03-declaration-of-petitioner", "04-proposed-order",
        "04a-confidential-identity-attachment", "05-proof-of-service"]),
    ("reunification-denial", None, "los-angeles"): ("reunification-denial", [
        "01-memorandum", "02-declaration", "03-request-for-judicial-notice", "04-proposed-findings-and-orders",
        "05-proof-of-service"]),
    ("placement-727a", None, "los-angeles"): ("placement-727a", [
        "00-notice-of-hearing", "01-request-to-change-court-order", "02-declaration", "03-request-for-judicial-notice",
        "04-proposed-order", "05-confidential-attachment", "06-proof-of-service"]),
    ("protective-order", "juvenile", "los-angeles"): ("protective-order/juvenile", [
        "01-declaration", "03-proposed-order-after-hearing"]),
    # civil harassment: the official forms, and the third person's declaration the sample has
    ("protective-order", "civil-harassment", "san-diego"): ("protective-order/civil-harassment", [
        "01-declaration"]),
}
PAPERS = [(case, doc) for case, (_, docs) in CASES.items() for doc in docs]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory):
    """(kind, variant, folder) -> the folder of that sample's rendered papers, made once per case."""
    made: dict[tuple[str, str | None, str], Path] = {}

    def render(case: tuple[str, str | None, str]) -> Path:
        if case not in made:
            kind, variant, folder = case
            base = tmp_path_factory.mktemp(f"golden-{kind}-{variant or 'sample'}")
            planned = plan_mapping(example_data(kind, variant), base_dir=base)
            plans = {p.folder: p for p in planned.plans}
            plan = plans[folder]
            for doc in plan.documents:
                if doc.form:
                    continue  # official forms are filled to PDF (tests/test_forms.py)
                out = base / plan.folder / f"{doc.filename}.docx"
                render_docx(template_path(doc.template, kind=plan.kind), doc.context, out, title=doc.title)
            made[case] = base / plan.folder
        return made[case]

    return render


def test_every_golden_file_is_checked() -> None:
    """A golden copy nobody compares against would rot unseen."""
    on_disk = {p.relative_to(GOLDEN).with_suffix("").as_posix() for p in GOLDEN.rglob("*.txt")}
    checked = {f"{where}/{doc}" for where, docs in CASES.values() for doc in docs}
    assert on_disk == checked


@pytest.mark.parametrize(("case", "doc"), PAPERS, ids=[f"{c[0]}-{c[2]}-{d}" for c, d in PAPERS])
def test_golden_text(rendered, case: tuple[str, str | None, str], doc: str) -> None:
    """Each paper's text matches its golden copy (UPDATE_GOLDEN=1 rewrites them on purpose)."""
    text = "\n".join(docx_text(rendered(case) / f"{doc}.docx")).rstrip() + "\n"
    assert text == golden_text(text, GOLDEN / CASES[case][0] / f"{doc}.txt")
