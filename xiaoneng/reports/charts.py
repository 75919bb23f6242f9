"""Bar and line charts drawn on the server, as SVG for pages and as vector drawing in PDFs.

Written here rather than taken from a charting library: the dashboard needs two plain kinds
(grouped bars, lines) with Chinese labels, offline, identical on the page and in the PDF report.
A chart is laid out once as a list of shapes (`layout`); `to_svg` writes them as SVG text and
`draw_pdf` paints them with fpdf2, so both show the same picture from the same numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 640.0, 300.0
LEFT, RIGHT, TOP, BOTTOM = 48.0, 12.0, 34.0, 70.0
PALETTE = ["#c0392b", "#2e86c1", "#27ae60", "#f39c12", "#8e44ad", "#16a085"]
FONT = "'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',sans-serif"
MAX_CATEGORIES = 24


@dataclass(frozen=True)
class Shape:
    kind: str  # rect, line, polyline, text
    points: tuple[float, ...]  # rect: x y w h; line: x1 y1 x2 y2; polyline: x1 y1 x2 y2 ...; text: x y
    colour: str = "#333333"
    text: str = ""
    anchor: str = "middle"  # text: start, middle, end
    size: float = 11.0
    rotate: float = 0.0  # text: degrees, around its anchor point


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def layout(kind: str, series: dict[str, list[tuple[str, float]]], *, width: float = WIDTH,
           height: float = HEIGHT) -> list[Shape]:
    """The chart's shapes; categories are the first series' labels (then any others), at most 24."""
    categories: list[str] = []
    for points in series.values():
        for label, _value in points:
            if label not in categories:
                categories.append(str(label))
    categories = categories[:MAX_CATEGORIES]
    values = {name: {str(label): float(value or 0) for label, value in points}
              for name, points in series.items()}
    top = _nice_max(max((v for vs in values.values() for v in vs.values()), default=0))
    plot_w, plot_h = width - LEFT - RIGHT, height - TOP - BOTTOM
    base = TOP + plot_h
    shapes: list[Shape] = []
    for tick in range(5):
        y = base - plot_h * tick / 4
        shapes.append(Shape("line", (LEFT, y, width - RIGHT, y), "#dddddd"))
        shapes.append(Shape("text", (LEFT - 4, y + 4), "#555555", _number(top * tick / 4), "end", 10))
    shapes.append(Shape("line", (LEFT, base, width - RIGHT, base), "#555555"))
    slot = plot_w / max(len(categories), 1)
    for index, name in enumerate(values):  # legend
        x = LEFT + index * 120
        shapes.append(Shape("rect", (x, 8, 10, 10), PALETTE[index % len(PALETTE)]))
        shapes.append(Shape("text", (x + 14, 17), "#333333", name, "start", 11))
    for position, label in enumerate(categories):
        x = LEFT + slot * (position + 0.5)
        short = label if len(label) <= 8 else label[:7] + "…"
        rotate = -40.0 if len(categories) > 8 else 0.0
        anchor = "end" if rotate else "middle"
        shapes.append(Shape("text", (x, base + 16), "#333333", short, anchor, 10, rotate))
    count = max(len(values), 1)
    for index, by_label in enumerate(values.values()):
        colour = PALETTE[index % len(PALETTE)]
        if kind == "line":
            coords: list[float] = []
            for position, label in enumerate(categories):
                x = LEFT + slot * (position + 0.5)
                y = base - plot_h * by_label.get(label, 0.0) / top
                coords += [x, y]
                shapes.append(Shape("rect", (x - 2, y - 2, 4, 4), colour))
            if len(coords) >= 4:
                shapes.append(Shape("polyline", tuple(coords), colour))
            continue
        bar = slot * 0.8 / count
        for position, label in enumerate(categories):
            value = by_label.get(label, 0.0)
            h = plot_h * value / top
            x = LEFT + slot * position + slot * 0.1 + bar * index
            shapes.append(Shape("rect", (x, base - h, bar, h), colour))
            if value and len(categories) * count <= 16:
                shapes.append(Shape("text", (x + bar / 2, base - h - 3), "#333333", _number(value),
                                    "middle", 9))
    return shapes


def to_svg(shapes: list[Shape], *, width: float = WIDTH, height: float = HEIGHT, title: str = "") -> str:
    label = escape(title, {'"': "&quot;"})
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" width="{width:g}" '
             f'height="{height:g}" style="max-width:100%;height:auto" role="img" aria-label="{label}" '
             f'font-family="{FONT}">']
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    for shape in shapes:
        p = shape.points
        if shape.kind == "rect":
            parts.append(f'<rect x="{p[0]:.1f}" y="{p[1]:.1f}" width="{p[2]:.1f}" height="{p[3]:.1f}" '
                         f'fill="{shape.colour}"/>')
        elif shape.kind == "line":
            parts.append(f'<line x1="{p[0]:.1f}" y1="{p[1]:.1f}" x2="{p[2]:.1f}" y2="{p[3]:.1f}" '
                         f'stroke="{shape.colour}"/>')
        elif shape.kind == "polyline":
            coords = " ".join(f"{p[i]:.1f},{p[i + 1]:.1f}" for i in range(0, len(p), 2))
            parts.append(f'<polyline points="{coords}" fill="none" stroke="{shape.colour}" '
                         'stroke-width="2"/>')
        elif shape.kind == "text":
            turn = f' transform="rotate({shape.rotate:g} {p[0]:.1f} {p[1]:.1f})"' if shape.rotate else ""
            parts.append(f'<text x="{p[0]:.1f}" y="{p[1]:.1f}" font-size="{shape.size:g}" '
                         f'text-anchor="{shape.anchor}" fill="{shape.colour}"{turn}>'
                         f'{escape(shape.text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def svg(kind: str, series: dict[str, list[tuple[str, float]]], title: str = "") -> str:
    return to_svg(layout(kind, series), title=title)


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def draw_pdf(pdf, shapes: list[Shape], *, x: float, y: float, width_mm: float, font: str) -> float:
    """Paint the chart at (x, y) millimetres, `width_mm` wide; returns its height in millimetres."""
    scale = width_mm / WIDTH
    for shape in shapes:
        p = [value * scale for value in shape.points]
        if shape.kind == "rect":
            pdf.set_fill_color(*_rgb(shape.colour))
            pdf.rect(x + p[0], y + p[1], p[2], p[3], style="F")
        elif shape.kind in ("line", "polyline"):
            pdf.set_draw_color(*_rgb(shape.colour))
            pdf.set_line_width(0.5 if shape.kind == "polyline" else 0.15)
            points = [(x + p[i], y + p[i + 1]) for i in range(0, len(p), 2)]
            pdf.polyline(points)
        elif shape.kind == "text":
            pdf.set_font(font, size=shape.size * scale * 72 / 25.4)
            pdf.set_text_color(*_rgb(shape.colour))
            w = pdf.get_string_width(shape.text)
            left = {"start": 0, "middle": w / 2, "end": w}[shape.anchor]
            with pdf.rotation(-shape.rotate, x + p[0], y + p[1]):
                pdf.text(x + p[0] - left, y + p[1], shape.text)
    pdf.set_text_color(0, 0, 0)  # leave the page's colours as they were for what follows
    pdf.set_draw_color(0, 0, 0)
    pdf.set_fill_color(255, 255, 255)
    return HEIGHT * scale
