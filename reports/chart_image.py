"""The report's bar chart as a PNG (Pillow), for the Word file and the
window's preview: reportlab draws charts into PDF only here (its raster
backend needs a library that is not shipped)."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from .assets import asset_path
from .document import Chart
from .fonts import text

COLOURS = [(46, 112, 176), (217, 115, 33), (77, 158, 77), (166, 51, 51), (128, 102, 166)]


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf"
    return ImageFont.truetype(str(asset_path("fonts", name)), size)


def _percent(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def chart_png(chart: Chart, width: int = 1600, height: int = 800) -> bytes:
    """Grouped bars on a 0-100 % axis, labelled like the PDF's chart."""
    # Drawn at 1600 x 800 and scaled down, so that labels keep their room.
    out_size = (width, height)
    width, height = 1600, 800
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    small, label, legend_font = _font(20), _font(24), _font(26)
    left, right, top, bottom = 90, width - 30, 50, height - 170
    draw.text((right, 10), "Đơn vị: %", fill="black", font=_font(22), anchor="ra")
    for step in range(0, 101, 20):
        y = bottom - (bottom - top) * step / 100
        draw.line((left, y, right, y), fill=(215, 215, 215), width=1)
        draw.text((left - 10, y), f"{step}%", fill="black", font=small, anchor="rm")
    draw.line((left, top, left, bottom), fill="black", width=2)
    draw.line((left, bottom, right, bottom), fill="black", width=2)
    groups = max(1, len(chart.categories))
    n = max(1, len(chart.series))
    slot = (right - left) / groups
    bar = slot * 0.8 / n
    for g, category in enumerate(chart.categories):
        x0 = left + g * slot + slot * 0.1
        for s, series in enumerate(chart.series):
            value = float(series.values[g].fraction) * 100
            y = bottom - (bottom - top) * value / 100
            colour = COLOURS[s % len(COLOURS)]
            draw.rectangle((x0 + s * bar + 2, y, x0 + (s + 1) * bar - 2, bottom), fill=colour)
            draw.text((x0 + (s + 0.5) * bar, y - 4), _percent(value), fill="black", font=small, anchor="md")
        draw.text((left + (g + 0.5) * slot, bottom + 12), text(category), fill="black", font=label, anchor="ma")
    x = left
    for s, series in enumerate(chart.series):
        draw.rectangle((x, height - 60, x + 26, height - 34), fill=COLOURS[s % len(COLOURS)])
        name = text(series.name)
        draw.text((x + 36, height - 47), name, fill="black", font=legend_font, anchor="lm")
        x += 36 + draw.textlength(name, font=legend_font) + 50
    if out_size != (width, height):
        img = img.resize(out_size, Image.LANCZOS)
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()
