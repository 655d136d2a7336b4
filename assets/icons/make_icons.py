"""Draw the application icon of Tổ Dân and save it as PNG and ICO.

    .venv/bin/python assets/icons/make_icons.py

The emblem: a red tile with a gold star above a white house (a neighbourhood
group, tổ dân phố). Drawn with Qt only, so it needs no network and no
artwork from outside; the files it writes are committed beside it, and the
build (todan.spec) only reads them. The multi-size .ico for Windows is
written with Pillow when it is installed (reportlab brings it), else with
Qt's ico plugin (one size).
"""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPolygonF

HERE = Path(__file__).resolve().parent
RED = QColor("#c8102e")
GOLD = QColor("#ffcd00")
WHITE = QColor("#ffffff")
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def star(cx: float, cy: float, outer: float) -> QPolygonF:
    inner = outer * 0.382
    points = []
    for i in range(10):
        r = outer if i % 2 == 0 else inner
        a = -math.pi / 2 + i * math.pi / 5
        points.append(QPointF(cx + r * math.cos(a), cy + r * math.sin(a)))
    return QPolygonF(points)


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256.0
    p.scale(s, s)
    p.setPen(Qt.PenStyle.NoPen)

    tile = QPainterPath()
    tile.addRoundedRect(QRectF(8, 8, 240, 240), 44, 44)
    p.fillPath(tile, RED)

    p.setBrush(GOLD)
    p.drawPolygon(star(128, 78, 50))

    house = QPainterPath()
    house.moveTo(128, 118)  # roof ridge
    house.lineTo(208, 178)
    house.lineTo(188, 178)
    house.lineTo(188, 222)
    house.lineTo(68, 222)
    house.lineTo(68, 178)
    house.lineTo(48, 178)
    house.closeSubpath()
    door = QPainterPath()
    door.addRect(QRectF(112, 180, 32, 42))
    p.fillPath(house.subtracted(door), WHITE)
    p.end()
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)  # noqa: F841 (painting needs one)
    big = draw(256)
    big.save(str(HERE / "todan.png"))
    draw(48).save(str(HERE / "todan-48.png"))
    ico = HERE / "todan.ico"
    try:
        from PIL import Image
    except ImportError:
        if not big.save(str(ico)):
            print("Không ghi được todan.ico: thiếu Pillow và plugin ico của Qt.", file=sys.stderr)
            return 1
    else:
        Image.open(HERE / "todan.png").save(ico, sizes=[(n, n) for n in ICO_SIZES])
    for name in ("todan.png", "todan-48.png", "todan.ico"):
        print(f"{name}: {(HERE / name).stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
