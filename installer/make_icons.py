"""Renders installer/icons/command-hall-console.svg to the PNG sizes of the Linux icon theme and to a
Windows .ico (Qt's own SVG renderer and image writers, offscreen; nothing to download).

    python installer/make_icons.py OUT_DIR      # writes OUT_DIR/command-hall-console-<n>.png and .ico
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SVG = Path(__file__).resolve().parent / "icons" / "command-hall-console.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZE = 256  # Windows Vista+ reads a 256 px PNG-compressed .ico and scales it down


def main(out_dir: Path) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"make_icons: cannot read {SVG}", file=sys.stderr)
        return 1
    out_dir.mkdir(parents=True, exist_ok=True)

    def render(size: int) -> QImage:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        return image

    for size in PNG_SIZES:
        target = out_dir / f"command-hall-console-{size}.png"
        if not render(size).save(str(target), "PNG"):
            print(f"make_icons: could not write {target}", file=sys.stderr)
            return 1
    ico = out_dir / "command-hall-console.ico"
    if not render(ICO_SIZE).save(str(ico), "ICO"):
        print(f"make_icons: could not write {ico} (Qt's ico image plugin missing?)", file=sys.stderr)
        return 1
    print(f"make_icons: {len(PNG_SIZES)} PNGs and {ico.name} in {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else SVG.parent / "build"))
