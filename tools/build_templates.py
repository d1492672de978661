"""Generate the docxtpl templates in form_templates/ from code.

    python tools/build_templates.py [--out-dir form_templates]

Writes `pleading.docx` (California pleading paper, CRC 2.100-2.111) and
`exhibit_cover.docx`. The variables and paragraph styles they use are the contract in
docs/template-context.md. The packages are written part by part (no Word, no python-docx
default template), so nothing machine-specific gets in, and with fixed zip timestamps so a
rebuild with no change gives identical bytes.

Layout of the pleading paper (points): letter page 612 x 792; body from y=72 for
28 lines x 24 = 672; line numbers in a page-anchored header frame at the same y with the
same exact 24 pt lines, so number k and body line k share a baseline; a double rule left
of the text and a single rule right of it, full page height, drawn as line shapes in the
header; footer = page number, rule, [confidentiality legend], paper title.
"""

from __future__ import annotations

import argparse
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

# ---------------------------------------------------------------- units and layout
TW = 20  # twips per point
EMU = 12700  # EMU per point

PAGE_W, PAGE_H = 612, 792
LINE = 24  # pt, one pleading line
LINES = 28
TOP = 72
BOTTOM = 47  # 792 - 72 - 672 = 48: one point of slack so line 28 always fits
LEFT = 108  # 1.5 in
RIGHT = 43.2  # 0.6 in
HEADER_DIST = 36
FOOTER_DIST = 1  # LibreOffice keeps footer frames inside the footer area: make it 745-791
FOOTER_TOP = PAGE_H - BOTTOM  # the footer frame starts right under line 28
PAGE_NO_LINE = 12  # pt, the page number's line in the footer frame
PAGE_NO_GAP = 5  # pt after it; the rule runs through the middle of this gap
TEXT_W = PAGE_W - LEFT - RIGHT  # 460.8

NUM_FRAME_X = 43.2  # line-number frame, right-aligned numbers end at 84.6 pt
NUM_FRAME_W = 41.4
RULE_LEFT_1 = 95.0  # double rule
RULE_LEFT_2 = 98.0
RULE_RIGHT = 576.0  # 8.0 in; text column ends at 568.8
RULE_W = 0.75

FILER_WIDTH = 244.8  # 3.4 in: filer block stays left, right side of lines 1-7 for the clerk
CAPTION_LEFT_W = 244.8  # caption table: parties | case number, title, details
CAPTION_ROW_MIN_LINES = 6

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}
XMLNS = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def tw(pt: float) -> int:
    return round(pt * TW)


# ---------------------------------------------------------------- paragraph helpers
def run(text: str = "", rpr: str = "") -> str:
    rpr_xml = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:r>{rpr_xml}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(content: str = "", *, style: str | None = None, ppr: str = "", rpr: str = "") -> str:
    """One paragraph; `content` is either plain text (made into one run) or run XML."""
    if content and not content.startswith("<"):
        content = run(content, rpr)
    style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
    ppr_xml = f"<w:pPr>{style_xml}{ppr}</w:pPr>" if (style_xml or ppr) else ""
    return f"<w:p>{ppr_xml}{content}</w:p>"


def tag(jinja: str) -> str:
    """A docxtpl paragraph tag ({%p ... %}): the whole paragraph is replaced by the tag."""
    return para("{%p " + jinja + " %}")


def exact(pt: float, *, after: float = 0) -> str:
    """Exact line height `pt`, nothing before, `after` points after."""
    return f'<w:spacing w:before="0" w:after="{tw(after)}" w:line="{tw(pt)}" w:lineRule="exact"/>'


# ---------------------------------------------------------------- styles
BLACK_TNR = (
    '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" '
    'w:eastAsia="Times New Roman" w:cs="Times New Roman"/>'
    '<w:color w:val="000000"/><w:sz w:val="24"/><w:szCs w:val="24"/>'
    '<w:lang w:val="en-US" w:eastAsia="en-US" w:bidi="ar-SA"/>'
)


def pstyle(sid: str, name: str, ppr: str = "", rpr: str = "", *, based: str = "Normal",
           nxt: str | None = None, custom: bool = True) -> str:
    based_xml = f'<w:basedOn w:val="{based}"/>' if based else ""
    next_xml = f'<w:next w:val="{nxt}"/>' if nxt else ""
    custom_xml = ' w:customStyle="1"' if custom else ""
    return (
        f'<w:style w:type="paragraph"{custom_xml} w:styleId="{sid}">'
        f'<w:name w:val="{name}"/>{based_xml}{next_xml}<w:qFormat/>'
        f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


def ppr(*, keep_next: bool = False, page_break: bool = False, tab: float | None = None,
        line: float | None = LINE, ind: str = "", jc: str = "") -> str:
    """Paragraph properties in the order the OOXML schema (and so Word) requires."""
    return "".join([
        "<w:keepNext/>" if keep_next else "",
        "<w:pageBreakBefore/>" if page_break else "",
        f'<w:tabs><w:tab w:val="left" w:pos="{tw(tab)}"/></w:tabs>' if tab else "",
        exact(line) if line else "",
        f"<w:ind {ind}/>" if ind else "",
        f'<w:jc w:val="{jc}"/>' if jc else "",
    ])


BOLD = "<w:b/><w:bCs/>"
# Every body style states exact 24 pt and 0 before/after itself (not only through Normal),
# so a line typed anywhere in Word stays on a pleading line.
BODY_STYLES = [
    ("PleadingBody", "Pleading Body", ppr(ind='w:firstLine="720"'), ""),
    ("PleadingHeading", "Pleading Heading", ppr(keep_next=True, jc="center"), BOLD),
    ("PleadingSubheading", "Pleading Subheading", ppr(keep_next=True), BOLD),
    ("PleadingPlain", "Pleading Plain", ppr(), ""),
    ("PleadingNumbered", "Pleading Numbered", ppr(tab=72, ind='w:firstLine="720"'), ""),
    ("PleadingQuote", "Pleading Quote", ppr(ind='w:left="720" w:right="720"'), ""),
    ("PleadingItem", "Pleading Item", ppr(tab=72, ind='w:left="1440" w:hanging="720"'), ""),
    # A signature block stays on one page with its "Dated:" line: both keep with the next line
    # (a block always ends a paper or comes before a heading that starts a new page).
    ("PleadingSignature", "Pleading Signature",
     ppr(keep_next=True, ind='w:left="4680" w:firstLine="0"'), ""),
    ("PleadingDated", "Pleading Dated", ppr(keep_next=True), ""),
    # "I declare under penalty of perjury ..." stays on the page of the signature it introduces.
    ("PleadingAttestation", "Pleading Attestation", ppr(keep_next=True, ind='w:firstLine="720"'), ""),
]


def styles_xml(*, pleading: bool) -> str:
    # Widow/orphan control stated outright: Word treats a missing setting as off and
    # LibreOffice as on, which would paginate the same paper differently.
    line = "<w:widowControl/>" + (
        exact(LINE) if pleading else '<w:spacing w:before="0" w:after="0"/>')
    parts = [
        f'<w:styles {XMLNS}>',
        f"<w:docDefaults><w:rPrDefault><w:rPr>{BLACK_TNR}</w:rPr></w:rPrDefault>"
        f"<w:pPrDefault><w:pPr>{line}</w:pPr></w:pPrDefault></w:docDefaults>",
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        f"<w:qFormat/><w:pPr>{line}</w:pPr><w:rPr>{BLACK_TNR}</w:rPr></w:style>",
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "</w:style>",
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
        '<w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr></w:style>",
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList">'
        '<w:name w:val="No List"/><w:semiHidden/></w:style>',
        pstyle("Header", "header", exact(1), custom=False),
        pstyle("Footer", "footer", ppr(line=None, jc="center"), custom=False),
    ]
    if pleading:
        for sid, name, props, rpr in BODY_STYLES:
            nxt = "PleadingBody" if "Heading" in sid else sid
            parts.append(pstyle(sid, name, props, rpr, nxt=nxt))
        parts += [
            pstyle("PleadingHeadingPage", "Pleading Heading Page",
                   ppr(keep_next=True, page_break=True, jc="center"), BOLD,
                   based="PleadingHeading", nxt="PleadingBody"),
            pstyle("PleadingFiler", "Pleading Filer",
                   ppr(line=LINE / 2, ind=f'w:right="{tw(TEXT_W - FILER_WIDTH)}"')),
            pstyle("PleadingCourt", "Pleading Court", ppr(jc="center")),
            pstyle("PleadingCaption", "Pleading Caption", ppr()),
            pstyle("PleadingCaptionTitle", "Pleading Caption Title", ppr(), BOLD,
                   based="PleadingCaption"),
            pstyle("PleadingLineNumber", "Pleading Line Number", ppr(jc="right")),
        ]
    else:
        parts += LETTER_STYLES + [
            pstyle("ExhibitLetter", "Exhibit Letter", ppr(line=None, jc="center"),
                   BOLD + '<w:sz w:val="72"/><w:szCs w:val="72"/>'),
            pstyle("ExhibitDescription", "Exhibit Description", ppr(line=None, jc="center"),
                   '<w:sz w:val="28"/><w:szCs w:val="28"/>'),
        ]
    parts.append("</w:styles>")
    return "".join(parts)


# Client letters (not court papers): plain, readable, 12 pt with space between paragraphs.
LETTER_LINE = '<w:spacing w:before="0" w:after="200" w:line="288" w:lineRule="auto"/>'
LETTER_STYLES = [
    pstyle("LetterBody", "Letter Body", LETTER_LINE),
    pstyle("LetterHeading", "Letter Heading",
           '<w:keepNext/><w:spacing w:before="120" w:after="120" w:line="288" w:lineRule="auto"/>', BOLD),
    pstyle("LetterItem", "Letter Item",
           '<w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs>'
           '<w:spacing w:before="0" w:after="120" w:line="288" w:lineRule="auto"/>'
           '<w:ind w:left="720" w:hanging="360"/>'),
    pstyle("LetterSignature", "Letter Signature", '<w:spacing w:before="0" w:after="0"/>'),
    # the closing ("Sincerely,"), the space to sign and the signature lines stay on one page
    pstyle("LetterClosing", "Letter Closing", "<w:keepNext/>" + LETTER_LINE),
    pstyle("LetterSignatureKeep", "Letter Signature Kept", '<w:keepNext/><w:spacing w:before="0" w:after="0"/>'),
    pstyle("LetterHead", "Letter Head", '<w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/>'),
]


# ---------------------------------------------------------------- header: numbers + rules
def line_shape(shape_id: int, *, x: float, y: float, width: float, height: float) -> str:
    """A straight line (vertical or horizontal) anchored to the page, behind the text."""
    cx, cy = round(width * EMU), round(height * EMU)
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        f'relativeHeight="{shape_id}" behindDoc="1" locked="1" layoutInCell="1" '
        'allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{round(x * EMU)}</wp:posOffset>'
        "</wp:positionH>"
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{round(y * EMU)}</wp:posOffset>'
        f'</wp:positionV><wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapNone/><wp:docPr id="{shape_id}" name="Pleading rule {shape_id}"/>'
        "<wp:cNvGraphicFramePr/>"
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
        'wordprocessingShape"><wps:wsp><wps:cNvCnPr/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
        f'<a:ln w="{round(RULE_W * EMU)}"><a:solidFill><a:srgbClr val="000000"/></a:solidFill>'
        "</a:ln></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>"
        "</wp:anchor></w:drawing></mc:Choice></mc:AlternateContent></w:r>"
    )


def header_xml() -> str:
    # 28 paragraphs with one identical framePr: Word and LibreOffice merge them into one
    # frame at the top margin, so number k sits on the same baseline as body line k.
    frame = (
        f'<w:framePr w:w="{tw(NUM_FRAME_W)}" w:h="{tw(LINES * LINE)}" w:hRule="exact" '
        f'w:hSpace="0" w:vSpace="0" w:wrap="around" w:vAnchor="page" w:hAnchor="page" '
        f'w:x="{tw(NUM_FRAME_X)}" w:y="{tw(TOP)}"/>'
    )
    numbers = "".join(
        para(str(n), style="PleadingLineNumber", ppr=frame + '<w:jc w:val="right"/>')
        for n in range(1, LINES + 1)
    )
    rules = "".join(
        line_shape(i, x=x, y=0, width=0, height=PAGE_H)
        for i, x in enumerate((RULE_LEFT_1, RULE_LEFT_2, RULE_RIGHT), 1)
    )
    anchor = para(rules, style="Header", rpr="")
    return f"{DECL}<w:hdr {XMLNS}>{numbers}{anchor}</w:hdr>"


# ---------------------------------------------------------------- footers
def page_field() -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


SMALL = '<w:sz w:val="20"/><w:szCs w:val="20"/>'  # 10 pt, the rule 2.110 minimum


def pleading_footer_xml() -> str:
    # The footer text sits in a page-anchored frame just under line 28, so a long title or
    # a confidentiality legend can never push the body up and cost a pleading line (a
    # footer that grows in the flow shrinks the body in Word and LibreOffice alike).
    frame = (
        f'<w:framePr w:w="{tw(TEXT_W)}" w:h="{tw(BOTTOM - 1)}" w:hRule="exact" w:hSpace="0" '
        f'w:vSpace="0" w:wrap="none" w:vAnchor="page" w:hAnchor="page" w:x="{tw(LEFT)}" '
        f'w:y="{tw(FOOTER_TOP)}"/>'
    )
    # The rule under the page number is a line shape at a fixed height: LibreOffice moves a
    # framed paragraph's border onto the frame itself, where it would not show.
    rule_y = FOOTER_TOP + PAGE_NO_LINE + PAGE_NO_GAP / 2
    rule = line_shape(10, x=LEFT, y=rule_y, width=TEXT_W, height=0)
    centred = '<w:jc w:val="center"/>'
    small_line = frame + exact(11) + centred
    body = (
        para(page_field(), style="Footer",
             ppr=frame + exact(PAGE_NO_LINE, after=PAGE_NO_GAP) + centred)
        + tag("if doc.confidential")
        + para("{{ doc.confidential }}", style="Footer", ppr=small_line, rpr=SMALL)
        + tag("endif")
        + para("{{ doc.footer_title }}", style="Footer", ppr=small_line, rpr=SMALL)
        + para(rule, style="Footer", ppr=exact(1))  # in-flow anchor for frame and rule
    )
    return f"{DECL}<w:ftr {XMLNS}>{body}</w:ftr>"


def exhibit_footer_xml() -> str:
    body = para("{{ doc.footer_title }}", style="Footer", rpr=SMALL)
    return f"{DECL}<w:ftr {XMLNS}>{body}</w:ftr>"


# ---------------------------------------------------------------- pleading body
def loop(var: str, seq: str, inner: str) -> str:
    return tag(f"for {var} in {seq}") + inner + tag("endfor")


def caption_table() -> str:
    right_w = TEXT_W - CAPTION_LEFT_W
    single = 'w:val="single" w:sz="6" w:space="0" w:color="000000"'
    flush = '<w:tcMar><w:left w:w="0" w:type="dxa"/></w:tcMar>'  # parties align with body

    def cell(width: float, borders: str, content: str, extra: str = "") -> str:
        return (f'<w:tc><w:tcPr><w:tcW w:w="{tw(width)}" w:type="dxa"/>'
                f"<w:tcBorders>{borders}</w:tcBorders>{extra}</w:tcPr>{content}</w:tc>")

    right_mar = '<w:tcMar><w:left w:w="216" w:type="dxa"/></w:tcMar>'
    parties = (
        loop("line", "doc.caption.party_lines", para("{{ line }}", style="PleadingCaption"))
        + para(style="PleadingCaption")  # a blank line above the rule; keeps the cell valid
    )
    case = (
        loop("line", "doc.caption.case_lines", para("{{ line }}", style="PleadingCaption"))
        + para(style="PleadingCaption")
        + para("{{ doc.caption.paper_title }}", style="PleadingCaptionTitle")
        + loop("line", "doc.caption.detail_lines", para("{{ line }}", style="PleadingCaption"))
    )
    # Row 1: "at least" a whole number of lines, so long captions grow by whole lines.
    # Row 2: one exact line whose left cell carries the caption's horizontal rule as a top
    # border. A bottom border on row 1 would add its width to that row (LibreOffice) and
    # put every later line on page 1 off the grid; inside an exact row it costs nothing.
    row1 = (
        f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{tw(CAPTION_ROW_MIN_LINES * LINE)}" '
        'w:hRule="atLeast"/></w:trPr>'
        + cell(CAPTION_LEFT_W, f"<w:right {single}/>", parties, flush)
        + cell(right_w, "", case, right_mar)
        + "</w:tr>"
    )
    row2 = (
        f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{tw(LINE)}" w:hRule="exact"/></w:trPr>'
        + cell(CAPTION_LEFT_W, f"<w:top {single}/>", para(style="PleadingCaption"), flush)
        + cell(right_w, "", para(style="PleadingCaption"), right_mar)
        + "</w:tr>"
    )
    return (
        '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="{tw(CAPTION_LEFT_W)}"/><w:gridCol w:w="{tw(right_w)}"/>'
        f"</w:tblGrid>{row1}{row2}</w:tbl>"
    )


# (block style, paragraph style, paragraph content)
BLOCK_BRANCHES = [
    ("para", "PleadingBody", "{{ b.text }}"),
    ("heading", "PleadingHeading", "{{ b.text }}"),
    ("heading_page", "PleadingHeadingPage", "{{ b.text }}"),
    ("subheading", "PleadingSubheading", "{{ b.text }}"),
    ("plain", "PleadingPlain", "{{ b.text }}"),
    ("numbered", "PleadingNumbered", run("{{ b.number }}.") + "<w:r><w:tab/></w:r>"
     + run("{{ b.text }}")),
    ("quote", "PleadingQuote", "{{ b.text }}"),
    ("item", "PleadingItem", "{{ b.text }}"),
    ("signature", "PleadingSignature", "{{ b.text }}"),
    ("dated", "PleadingDated", "{{ b.text }}"),
    ("attestation", "PleadingAttestation", "{{ b.text }}"),
    ("signature_space", "PleadingSignature", ""),
    ("blank", "PleadingBody", ""),
]


def blocks_loop() -> str:
    out = [tag("for b in doc.blocks")]
    for i, (name, style, content) in enumerate(BLOCK_BRANCHES):
        out.append(tag(f"{'if' if i == 0 else 'elif'} b.style == '{name}'"))
        out.append(para(content, style=style))
    # An unknown style still prints (as body text) rather than vanishing.
    out += [tag("else"), para("{{ b.text }}", style="PleadingBody"), tag("endif")]
    out.append(tag("endfor"))
    return "".join(out)


def sect_pr(*, top: float, bottom: float, left: float, right: float, header: float,
            footer: float, with_header: bool) -> str:
    hdr = '<w:headerReference w:type="default" r:id="rIdHeader"/>' if with_header else ""
    return (
        f'<w:sectPr>{hdr}<w:footerReference w:type="default" r:id="rIdFooter"/>'
        f'<w:pgSz w:w="{tw(PAGE_W)}" w:h="{tw(PAGE_H)}"/>'
        f'<w:pgMar w:top="{tw(top)}" w:right="{tw(right)}" w:bottom="{tw(bottom)}" '
        f'w:left="{tw(left)}" w:header="{tw(header)}" w:footer="{tw(footer)}" w:gutter="0"/>'
        '<w:cols w:space="720"/><w:docGrid w:linePitch="480"/></w:sectPr>'
    )


def pleading_document_xml() -> str:
    filer = loop("line", "doc.caption.filer_lines", para("{{ line }}", style="PleadingFiler"))
    # Pad to 14 half-lines if a caller passes fewer, so the court title stays on line 8.
    pad = loop("_", "range(14 - doc.caption.filer_lines|length)", para(style="PleadingFiler"))
    court = loop("line", "doc.caption.court_lines", para("{{ line }}", style="PleadingCourt"))
    body = (
        filer + pad + court
        + para(style="PleadingPlain")
        + caption_table()
        + blocks_loop()
        + sect_pr(top=TOP, bottom=BOTTOM, left=LEFT, right=RIGHT, header=HEADER_DIST,
                  footer=FOOTER_DIST, with_header=True)
    )
    return f"{DECL}<w:document {XMLNS}><w:body>{body}</w:body></w:document>"


# ---------------------------------------------------------------- exhibit cover body
def exhibit_document_xml() -> str:
    # The description sits in a one-cell table of exact height: however long it is, the
    # cover stays one page (text past ~17 lines is cut, not pushed onto a second page).
    # Budget on a 648 pt body: 168 before + ~42 letter + 24 after + 324 table + 1 = 559.
    width = PAGE_W - 144
    table = (
        '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="0000" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="{tw(width)}"/></w:tblGrid>'
        f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{tw(4.5 * 72)}" w:hRule="exact"/>'
        f'</w:trPr><w:tc><w:tcPr><w:tcW w:w="{tw(width)}" w:type="dxa"/></w:tcPr>'
        + para("{{ exhibit.description }}", style="ExhibitDescription",
               ppr='<w:spacing w:before="0" w:after="0" w:line="276" w:lineRule="auto"/>')
        + "</w:tc></w:tr></w:tbl>"
    )
    body = (
        para("EXHIBIT {{ exhibit.letter }}", style="ExhibitLetter",
             ppr=f'<w:spacing w:before="{tw(168)}" w:after="{tw(24)}"/>')
        + table
        + para(style="Normal", ppr=exact(1))
        + sect_pr(top=72, bottom=72, left=72, right=72, header=36, footer=36,
                  with_header=False)
    )
    return f"{DECL}<w:document {XMLNS}><w:body>{body}</w:body></w:document>"


# (condition, paragraph style, content), the first that holds. A paragraph followed by the
# signature (the closing, "Sincerely,") is kept with it, and so is every signature line but the
# last: the signature never starts a page alone.
_NEXT_SIGNS = "not loop.last and loop.nextitem.style in ('signature_space', 'signature')"
LETTER_BRANCHES = [
    ("b.style in ('heading', 'subheading')", "LetterHeading", "{{ b.text }}"),
    ("b.style == 'item'", "LetterItem", "{{ b.text }}"),
    ("b.style == 'signature' and not loop.last and loop.nextitem.style == 'signature'", "LetterSignatureKeep",
     "{{ b.text }}"),
    ("b.style == 'signature'", "LetterSignature", "{{ b.text }}"),
    ("b.style == 'signature_space'", "LetterSignatureKeep", ""),
    ("b.style == 'blank'", "LetterSignature", ""),
    (f"b.style == 'para' and {_NEXT_SIGNS}", "LetterClosing", "{{ b.text }}"),
]


def letter_document_xml() -> str:
    """A client letter: letterhead, date, then the blocks (same block styles as the papers)."""
    head = (tag("for line in doc.letter.head_lines") + para("{{ line }}", style="LetterHead")
            + tag("endfor") + para(style="LetterSignature"))
    body = [para("{{ doc.letter.date }}", style="LetterBody"), tag("for b in doc.blocks")]
    for i, (condition, style, content) in enumerate(LETTER_BRANCHES):
        body.append(tag(f"{'if' if i == 0 else 'elif'} {condition}"))
        body.append(para(content, style=style))
    body += [tag("else"), para("{{ b.text }}", style="LetterBody"), tag("endif"), tag("endfor")]
    section = sect_pr(top=72, bottom=72, left=72, right=72, header=36, footer=36, with_header=False)
    return f"{DECL}<w:document {XMLNS}><w:body>{head}{''.join(body)}{section}</w:body></w:document>"


def letter_footer_xml() -> str:
    body = para("{{ doc.footer_title }}", style="Footer", rpr=SMALL) + para(page_field(), style="Footer")
    return f"{DECL}<w:ftr {XMLNS}>{body}</w:ftr>"


# ---------------------------------------------------------------- package parts
CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def content_types(*, with_header: bool) -> str:
    header = (
        f'<Override PartName="/word/header1.xml" ContentType="{CT_MAIN}.header+xml"/>'
        if with_header else ""
    )
    return (
        f'{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{CT_MAIN}.document.main+xml"/>'
        f'<Override PartName="/word/styles.xml" ContentType="{CT_MAIN}.styles+xml"/>'
        f'<Override PartName="/word/settings.xml" ContentType="{CT_MAIN}.settings+xml"/>'
        f'<Override PartName="/word/fontTable.xml" ContentType="{CT_MAIN}.fontTable+xml"/>'
        f'{header}<Override PartName="/word/footer1.xml" ContentType="{CT_MAIN}.footer+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
        'package.core-properties+xml"/><Override PartName="/docProps/app.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        "</Types>"
    )


def package_rels() -> str:
    return (
        f'{DECL}<Relationships xmlns="{PKG_REL}">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
        'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{REL}/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>"
    )


def document_rels(*, with_header: bool) -> str:
    header = (
        f'<Relationship Id="rIdHeader" Type="{REL}/header" Target="header1.xml"/>'
        if with_header else ""
    )
    return (
        f'{DECL}<Relationships xmlns="{PKG_REL}">'
        f'<Relationship Id="rIdStyles" Type="{REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rIdSettings" Type="{REL}/settings" Target="settings.xml"/>'
        f'<Relationship Id="rIdFonts" Type="{REL}/fontTable" Target="fontTable.xml"/>'
        f'{header}<Relationship Id="rIdFooter" Type="{REL}/footer" Target="footer1.xml"/>'
        "</Relationships>"
    )


def settings_xml() -> str:
    return (
        f"{DECL}<w:settings {XMLNS}>"
        '<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        "</w:settings>"
    )


def font_table_xml() -> str:
    return (
        f'{DECL}<w:fonts {XMLNS}><w:font w:name="Times New Roman">'
        '<w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>'
        '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>'
    )


def core_xml(title: str) -> str:
    # Empty author and last-modified-by on purpose: templates carry no one's name.
    return (
        f"{DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator></dc:creator>"
        "<cp:lastModifiedBy></cp:lastModifiedBy><cp:revision>1</cp:revision>"
        "</cp:coreProperties>"
    )


def app_xml() -> str:
    return (
        f'{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties"><Application>legal-docs</Application><Company></Company>'
        "<DocSecurity>0</DocSecurity></Properties>"
    )


def write_package(path: Path, parts: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, xml in parts.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, xml.encode("utf-8"))


def build_pleading(path: Path) -> None:
    write_package(path, {
        "[Content_Types].xml": content_types(with_header=True),
        "_rels/.rels": package_rels(),
        "docProps/core.xml": core_xml("California pleading paper"),
        "docProps/app.xml": app_xml(),
        "word/document.xml": pleading_document_xml(),
        "word/_rels/document.xml.rels": document_rels(with_header=True),
        "word/styles.xml": DECL + styles_xml(pleading=True),
        "word/settings.xml": settings_xml(),
        "word/fontTable.xml": font_table_xml(),
        "word/header1.xml": header_xml(),
        "word/footer1.xml": pleading_footer_xml(),
    })


def build_exhibit_cover(path: Path) -> None:
    write_package(path, {
        "[Content_Types].xml": content_types(with_header=False),
        "_rels/.rels": package_rels(),
        "docProps/core.xml": core_xml("Exhibit cover page"),
        "docProps/app.xml": app_xml(),
        "word/document.xml": exhibit_document_xml(),
        "word/_rels/document.xml.rels": document_rels(with_header=False),
        "word/styles.xml": DECL + styles_xml(pleading=False),
        "word/settings.xml": settings_xml(),
        "word/fontTable.xml": font_table_xml(),
        "word/footer1.xml": exhibit_footer_xml(),
    })


def build_letter(path: Path) -> None:
    write_package(path, {
        "[Content_Types].xml": content_types(with_header=False),
        "_rels/.rels": package_rels(),
        "docProps/core.xml": core_xml("Letter to the client"),
        "docProps/app.xml": app_xml(),
        "word/document.xml": letter_document_xml(),
        "word/_rels/document.xml.rels": document_rels(with_header=False),
        "word/styles.xml": DECL + styles_xml(pleading=False),
        "word/settings.xml": settings_xml(),
        "word/fontTable.xml": font_table_xml(),
        "word/footer1.xml": letter_footer_xml(),
    })


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path,
                        default=Path(__file__).resolve().parent.parent / "form_templates")
    args = parser.parse_args(argv)
    build_pleading(args.out_dir / "pleading.docx")
    build_exhibit_cover(args.out_dir / "exhibit_cover.docx")
    build_letter(args.out_dir / "letter.docx")
    print(f"wrote pleading.docx, exhibit_cover.docx and letter.docx in {args.out_dir}")


if __name__ == "__main__":
    main()
