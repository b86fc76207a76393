"""Lay out the demo's PDF attachments with reportlab: A4 pages of headings, text and tables.

A document is a list of blocks, each a tuple whose first item says its kind:
("h1" | "h2" | "p" | "note", text), ("gap", ""), or ("table", rows, right) as made by
`table()`. Every page carries a rule at the top and, at its foot, the title and
"halaman N dari M".
"""

import io

from django.utils.html import escape
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

PAGE_W, PAGE_H = A4
MARGIN = 56  # points
CREATOR = "Warta demo loader"
INK = colors.Color(0.2, 0.2, 0.2)

STYLES = {
    "h1": ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=16, leading=24, spaceBefore=4),
    "h2": ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=12, leading=20, spaceBefore=4),
    "p": ParagraphStyle("p", fontName="Helvetica", fontSize=10, leading=14),
    "note": ParagraphStyle("note", fontName="Helvetica", fontSize=9, leading=13),
}


def table(rows, right=()):
    """A table block: `rows[0]` is the header, the columns numbered in `right` are aligned
    right, and whole numbers are written the Indonesian way (1.234.567)."""
    return ("table", rows, tuple(right))


def number_text(value):
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return str(value)


def _table(rows, right):
    data = [[number_text(cell) for cell in row] for row in rows]
    style = [
        ("FONTNAME", (0, 0), (-1, -1), "Helvetica"),
        ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("LINEBELOW", (0, 0), (-1, 0), 0.75, INK),
        ("LINEBELOW", (0, -1), (-1, -1), 0.75, INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    style += [("ALIGN", (column, 0), (column, -1), "RIGHT") for column in right]
    flowable = Table(data, hAlign="LEFT", repeatRows=1)
    flowable.setStyle(TableStyle(style))
    return flowable


def _flowables(blocks):
    for kind, *args in blocks:
        if kind == "gap":
            yield Spacer(1, 8)
        elif kind == "table":
            yield Spacer(1, 4)
            yield _table(*args)
            yield Spacer(1, 4)
        else:
            (text,) = args
            yield Paragraph(escape(text), STYLES[kind])


def _render(title, blocks, author, pages):
    """The PDF bytes and its number of pages; `pages` is the total the footers print."""
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 20,
        title=title,
        author=author,
        creator=CREATOR,
    )

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.75)
        canvas.line(MARGIN, PAGE_H - MARGIN + 14, PAGE_W - MARGIN, PAGE_H - MARGIN + 14)
        canvas.setFont("Helvetica", 8)
        footer = f"{title}  -  halaman {doc.page} dari {pages or doc.page}"
        canvas.drawString(MARGIN, MARGIN - 24, footer)
        canvas.restoreState()

    doc.build(list(_flowables(blocks)), onFirstPage=decorate, onLaterPages=decorate)
    return out.getvalue(), doc.page


def build_pdf(title, blocks, *, author):
    """A PDF of `blocks` (see the module's docstring), with `title` and `author` in its
    document information."""
    data, pages = _render(title, blocks, author, pages=None)
    if pages > 1:
        # "dari N" is drawn on the first page before reportlab knows N: lay it out again.
        data, _ = _render(title, blocks, author, pages=pages)
    return data
