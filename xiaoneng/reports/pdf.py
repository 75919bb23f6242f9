"""The monthly and quarterly report for the county leadership, as a PDF from the dashboard's figures.

A4, the documents app's fonts (xiaoneng.documents.fonts): a red title, the period, then every
panel with its chart (drawn as vectors from the same shapes as the page's SVG), its table and
its note. `xiaoneng report --period 2026-Q3 -o FILE` writes it.
"""

from __future__ import annotations

from django.utils import timezone
from fpdf.fonts import FontFace

from xiaoneng.documents.fonts import pdf_fonts
from xiaoneng.documents.pdf_writer import _Page
from xiaoneng.documents.render import MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, PAGE_WIDTH, RED, chinese_date
from xiaoneng.news import Panel
from xiaoneng.reports import charts
from xiaoneng.reports.periods import Period

TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
MAX_ROWS = 40


def _table(pdf: _Page, panel: Panel) -> None:
    if not panel.headers:
        return
    pdf.set_font("body", size=9)
    rows = list(panel.rows)
    headings = FontFace(family="title", emphasis="", fill_color=(240, 240, 240))
    with pdf.table(text_align="CENTER", line_height=5.5, first_row_as_headings=True,
                   headings_style=headings) as table:
        table.row([str(h) for h in panel.headers])
        for row in rows[:MAX_ROWS]:
            table.row(["" if value is None else str(value) for value in row])
    if len(rows) > MAX_ROWS:
        pdf.set_font("body", size=9)
        pdf.multi_cell(TEXT_WIDTH, 5, f"（另有{len(rows) - MAX_ROWS}行，见电子表格）",
                       new_x="LMARGIN", new_y="NEXT")


def write_report(panels: list[Panel], period: Period, *, title: str, editor: str) -> bytes:
    faces = pdf_fonts()
    pdf = _Page(orientation="P", unit="mm", format="A4")
    pdf.set_margins(MARGIN_LEFT, 25, MARGIN_RIGHT)
    pdf.set_auto_page_break(True, margin=MARGIN_BOTTOM)  # the page number sits 7 mm below this
    pdf.add_font("title", fname=str(faces.title.path), collection_font_number=faces.title.index)
    pdf.add_font("body", fname=str(faces.body.path), collection_font_number=faces.body.index)
    pdf.set_title(f"{title}（{period.label}）")
    pdf.set_author(editor)
    pdf.set_creator("xiaoneng")
    pdf.set_lang("zh-CN")
    pdf.add_page()
    pdf.set_font("title", size=22)
    pdf.set_text_color(*RED)
    pdf.multi_cell(TEXT_WIDTH, 12, title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("body", size=14)
    span = f"（{period.label}：{chinese_date(period.start)}至{chinese_date(period.end)}）"
    pdf.multi_cell(TEXT_WIDTH, 9, span, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(TEXT_WIDTH, 8, f"{editor}　{chinese_date(timezone.localdate())}", align="C",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*RED)
    pdf.set_line_width(0.8)
    pdf.line(MARGIN_LEFT, pdf.get_y() + 2, PAGE_WIDTH - MARGIN_RIGHT, pdf.get_y() + 2)
    pdf.ln(6)
    for number, panel in enumerate(panels, 1):
        has_chart = bool(panel.chart and any(panel.series.values()))
        chart_height = charts.HEIGHT * TEXT_WIDTH / charts.WIDTH if has_chart else 0
        if pdf.get_y() + 20 + chart_height > pdf.h - MARGIN_BOTTOM:
            pdf.add_page()
        pdf.set_font("title", size=14)
        pdf.multi_cell(TEXT_WIDTH, 9, f"{number}. {panel.title}", new_x="LMARGIN", new_y="NEXT")
        if chart_height:
            shapes = charts.layout(panel.chart, panel.series)
            top = pdf.get_y()
            charts.draw_pdf(pdf, shapes, x=MARGIN_LEFT, y=top, width_mm=TEXT_WIDTH, font="body")
            pdf.set_y(top + chart_height)
        _table(pdf, panel)
        if panel.note:
            pdf.set_font("body", size=9)
            pdf.multi_cell(TEXT_WIDTH, 5, str(panel.note), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    return bytes(pdf.output())
