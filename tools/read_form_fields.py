"""List a fillable PDF's fields, to help write a field map (form_templates/forms/<form-id>.yaml).

    .venv/bin/python tools/read_form_fields.py FORM.pdf [--grep TEXT]

One line per terminal field, in page order then top-to-bottom: page, type (Tx text, Btn
checkbox/radio, Ch choice, Sig signature), the widget rect (x0 y0 x1 y1, points), the font size
from /DA, max length, the checkbox on-states read from the widget's /AP /N keys, the tooltip
(/TU: usually the printed label) and the full field name to put in the map. Also prints the
file's sha256, which the map's `sha256` must match.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from legal_docs.forms import field_name, inherited


def widgets(reader: PdfReader) -> list[tuple[int, DictionaryObject]]:
    out = []
    for number, page in enumerate(reader.pages, start=1):
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if annot.get("/Subtype") == "/Widget":
                out.append((number, annot))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdf", type=Path)
    parser.add_argument("--grep", default=None, help="only fields whose name or tooltip contains TEXT")
    args = parser.parse_args(argv)

    reader = PdfReader(args.pdf)
    if reader.is_encrypted:
        reader.decrypt("")
    print(f"# {args.pdf.name}  sha256 {hashlib.sha256(args.pdf.read_bytes()).hexdigest()}")
    print(f"# pages {len(reader.pages)}  XFA {'/XFA' in reader.trailer['/Root'].get('/AcroForm', {})}")
    rows = []
    for page, annot in widgets(reader):
        name = field_name(annot)
        tooltip = str(inherited(annot, "/TU") or "")
        if args.grep and args.grep.lower() not in (name + tooltip).lower():
            continue
        ftype = str(inherited(annot, "/FT") or "?")[1:]
        rect = [round(float(v)) for v in annot.get("/Rect", [0, 0, 0, 0])]
        da = str(inherited(annot, "/DA") or "")
        size = re.search(r"([\d.]+)\s+Tf", da)
        maxlen = inherited(annot, "/MaxLen")
        flags = int(inherited(annot, "/Ff") or 0)
        extra = []
        if ftype == "Btn" and flags & (1 << 16):
            extra.append("pushbutton")
        elif ftype == "Btn":
            ap = annot.get("/AP", {}).get("/N", {})
            states = [str(k) for k in ap.keys() if k != "/Off"] if not hasattr(ap, "get_data") else []
            extra.append(("radio " if flags & (1 << 15) else "check ") + "on=" + ",".join(states))
        if ftype == "Tx" and flags & (1 << 12):
            extra.append("multiline")
        if maxlen is not None:
            extra.append(f"maxlen={maxlen}")
        if size:
            extra.append(f"size={size.group(1)}")
        rows.append((page, -rect[3], rect[0], ftype, rect, extra, tooltip, name))
    for page, _y, _x, ftype, rect, extra, tooltip, name in sorted(rows, key=lambda r: r[:3]):
        tip = re.sub(r"\s+", " ", tooltip)[:70]
        print(f"p{page} {ftype:3} {rect} {' '.join(extra)}\n    {tip}\n    {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
