"""Hardcopy of the SOP audit, as both signed SOPs ask records to be kept (softcopy: exports.py).

A PDF of the report and a PDF of one item's SOP record, laid out like the signed forms: the
government and agency in the header box with the SOP's name and number, the table, and a
signature block for the approving official, with blank lines where the SOP names nobody.
Every text that goes into a PDF paragraph is escaped: reportlab reads paragraphs as markup.
reportlab is imported where a PDF is drawn: every process would load it at start.
"""

from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _

from .wording import (
    day_text,
    format_duration,
    format_moment,
    format_seconds,
    short_moment,
    yes_no,
)


def _pdf_styles():
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    base = getSampleStyleSheet()["Normal"]

    def style(name, size, leading=None, *, bold=False, **more):
        if leading is not None:
            more["leading"] = leading
        font = "Helvetica-Bold" if bold else "Helvetica"
        return ParagraphStyle(name, parent=base, fontName=font, fontSize=size, **more)

    centred = 1  # reportlab's TA_CENTER
    return {
        "cell": style("cell", 8, 10),
        "head": style("head", 8, 10, bold=True),
        "agency": style("agency", 12, 15, bold=True, alignment=centred),
        "title": style("title", 11, 14, bold=True, alignment=centred, spaceBefore=8, spaceAfter=6),
        "section": style("section", 9, 12, bold=True, spaceBefore=8, spaceAfter=4),
        "sign": style("sign", 9, 12, alignment=centred),
        "sign_name": style("sign_name", 9, 12, bold=True, alignment=centred),
        "small": style("small", 7),
    }


def _p(text, style):
    from reportlab.platypus import Paragraph

    return Paragraph(escape("" if text is None else str(text)).replace("\n", "<br/>"), style)


def _grid(rows, widths, styles, header_rows=1):
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    data = [
        [_p(value, styles["head"] if index < header_rows else styles["cell"]) for value in row]
        for index, row in enumerate(rows)
    ]
    table = Table(data, colWidths=widths, repeatRows=header_rows)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#f2f2f2")),
            ]
        )
    )
    return table


def _letterhead(head, details, styles, width):
    """The header box of the signed forms: government and agency left, identity right."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    agency = _p(f"{head.government}\n{head.agency}".upper(), styles["agency"])
    rows = [[_p(label, styles["head"]), _p(value, styles["cell"])] for label, value in details]
    left = width * 0.45
    table = Table(
        [[agency, *rows[0]], *[["", *row] for row in rows[1:]]],
        colWidths=[left, width * 0.17, width - left - width * 0.17],
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("SPAN", (0, 0), (0, len(rows) - 1)),
                ("VALIGN", (0, 0), (0, -1), "MIDDLE"),
                ("VALIGN", (1, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _signature(head, styles, width, place="Bekasi", today=None):
    """Place and date, the approving official's title, room to sign, and the name (or a
    blank line to write it on), in a block on the right as on the signed forms."""
    from reportlab.platypus import Spacer, Table, TableStyle

    today = today or timezone.localdate()
    title = head.signer or _("Pejabat yang mengesahkan")
    lines = [
        _p(f"{place}, {day_text(today)}", styles["sign"]),
        _p(f"{title},".upper(), styles["sign"]),
        Spacer(1, 22 * 2.835),  # 22 mm to sign in
        _p(head.signer_name, styles["sign_name"])
        if head.signer_name
        else _p("(" + "." * 60 + ")", styles["sign"]),
        _p(_("NIP.") + " " + "." * 40, styles["sign"]),
    ]
    block = Table([[line] for line in lines], colWidths=[95 * 2.835])
    block.setStyle(TableStyle([("ALIGN", (0, 0), (-1, -1), "CENTER")]))
    outer = Table([["", block]], colWidths=[width - 95 * 2.835, 95 * 2.835])
    outer.setStyle(TableStyle([("TOPPADDING", (0, 0), (-1, -1), 14)]))
    return outer


def _document(out, title):
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    return SimpleDocTemplate(
        out,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=14 * mm,
        title=title,
        author="Warta",
    )


def _footer(text):
    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 7)
        canvas.drawString(doc.leftMargin, 8 * 2.835, text)
        canvas.drawRightString(
            doc.pagesize[0] - doc.rightMargin,
            8 * 2.835,
            _("Halaman %(page)d") % {"page": doc.page},
        )
        canvas.restoreState()

    return draw


def report_pdf(report, out):
    """The report as a printable, signable PDF (A4 landscape), written to the binary `out`."""
    from reportlab.platypus import Paragraph

    styles = _pdf_styles()
    title = _("Laporan Pelaksanaan SOP")
    doc = _document(out, title)
    width = doc.width
    details = [
        (label, value)
        for label, value in report.description()
        if label not in (_("Pemerintah daerah"), _("Instansi"))
    ]
    story = [
        _letterhead(report.head, details, styles, width),
        Paragraph(escape(title.upper()), styles["title"]),
        Paragraph(escape(_("Per langkah")), styles["section"]),
    ]
    head = [
        _("No"),
        _("SOP"),
        _("Langkah"),
        _("Mutu baku"),
        _("Jumlah"),
        _("Median"),
        _("P90"),
        _("Maks"),
        _("Tepat waktu"),
        _("Terlambat"),
        _("% tepat waktu"),
    ]

    def figures(stats):
        return [
            stats.count,
            stats.median_display,
            stats.p90_display,
            stats.max_display,
            stats.on_time,
            stats.late,
            stats.on_time_share_display,
        ]

    rows = [head]
    for row in report.steps:
        rows.append(
            [
                row.step_number if row.step_number is not None else "",
                row.sop_name,
                row.step_name,
                format_duration(row.baseline),
                *figures(row.stats),
            ]
        )
    rows.append(["", "", _("Total"), "", *figures(report.total)])
    mm = 2.835
    numbers = [17 * mm, 22 * mm, 22 * mm, 22 * mm, 19 * mm, 19 * mm, 20 * mm]
    story.append(
        _grid(
            rows,
            [10 * mm, 40 * mm, width - 10 * mm - 40 * mm - 22 * mm - sum(numbers), 22 * mm]
            + numbers,
            styles,
        )
    )

    story.append(Paragraph(escape(_("Per pelaksana")), styles["section"]))
    rows = [[_("Nama pelaksana"), _("Nama pengguna"), *head[4:]]]
    for row in report.actors:
        rows.append([row.actor_name, row.actor_username, *figures(row.stats)])
    story.append(_grid(rows, [width - 40 * mm - sum(numbers), 40 * mm, *numbers], styles))

    if report.weeks:
        story.append(Paragraph(escape(_("Tepat waktu per minggu")), styles["section"]))
        rows = [[_("Minggu mulai (Senin)"), _("Tepat waktu"), _("Terlambat"), _("% tepat waktu")]]
        for week in report.weeks:
            rows.append(
                [day_text(week.week_start), week.on_time, week.late, week.on_time_share_display]
            )
        story.append(_grid(rows, [50 * mm, 30 * mm, 30 * mm, 30 * mm], styles))

    story.append(Paragraph(escape(_("Terbit darurat (di luar SOP)")), styles["section"]))
    if report.emergencies:
        rows = [[_("Waktu"), _("Judul berita"), _("Diterbitkan oleh"), _("Alasan")]]
        for record in report.emergencies:
            rows.append(
                [
                    format_moment(record.finished_at),
                    record.page_title,
                    record.actor_name or record.actor_username,
                    record.note,
                ]
            )
        story.append(_grid(rows, [38 * mm, 80 * mm, 45 * mm, width - 163 * mm], styles))
    else:
        story.append(
            Paragraph(escape(_("Tidak ada penerbitan darurat pada periode ini.")), styles["cell"])
        )

    story.append(_signature(report.head, styles, width))
    footer = _footer(
        _("Dicetak dari Warta pada %(when)s") % {"when": format_moment(report.generated_at)}
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)


def item_pdf(item, out, now=None):
    """One news item's filled-in SOP record (every step: who, when, how long against the
    baseline, the outcome, the note) as a printable, signable PDF."""
    from reportlab.platypus import Paragraph

    now = now or timezone.now()
    styles = _pdf_styles()
    title = _("Catatan Pelaksanaan SOP")
    doc = _document(out, title)
    width = doc.width
    details = [
        (_("Nomor SOP"), item.head.sop_number),
        (_("Nama SOP"), item.head.sop_name or "; ".join(item.sop_names)),
        (_("Judul berita"), item.page_title),
        (_("ID berita"), str(item.page_id)),
    ]
    story = [
        _letterhead(item.head, details, styles, width),
        Paragraph(escape(title.upper()), styles["title"]),
    ]
    rows = [
        [
            _("No"),
            _("Langkah"),
            _("Pelaksana"),
            _("Nama pelaksana"),
            _("Mulai"),
            _("Selesai"),
            _("Mutu baku"),
            _("Durasi kerja"),
            _("Durasi kalender"),
            _("Hasil"),
            _("Tepat waktu"),
            _("Catatan"),
        ]
    ]
    for record in item.records:
        rows.append(
            [
                record.step_number if record.step_number is not None else "",
                record.step_name,
                record.actor_group,
                record.actor_name or record.actor_username,
                short_moment(record.started_at),
                short_moment(record.finished_at) or _("sedang berjalan"),
                format_duration(record.baseline),
                format_seconds(record.working_seconds),
                format_seconds(record.wall_seconds),
                record.get_outcome_display(),
                yes_no(record.on_time),
                record.note,
            ]
        )
    mm = 2.835
    # No., then the fixed columns from Pelaksana to Tepat waktu; the step and the note share
    # what is left.
    fixed = [value * mm for value in (30, 27, 25, 25, 17, 19, 19, 17, 13)]
    rest = width - 8 * mm - sum(fixed)
    widths = [8 * mm, rest * 0.55, *fixed, rest * 0.45]
    story.append(_grid(rows, widths, styles))
    story.append(_signature(item.head, styles, width))
    footer = _footer(_("Dicetak dari Warta pada %(when)s") % {"when": format_moment(now)})
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
