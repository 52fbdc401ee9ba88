"""Screenshots for the notes: the dashboard on generated data and the report's first page, in English
and in Chinese. Offscreen-safe; writes PNGs (and the PDFs) to out/screens/.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m ui.dashboard.screens [--alerts 60000]
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

from console.analytics.generator import populate
from console.domain.enums import Role
from console.hub.dashboard_queries import q_shift_report
from console.hub.identity import Identity
from console.store.engine import make_engine
from console.store.migrate import upgrade
from ui import labels
from ui.dashboard import DashboardPanel, direct_fetch
from ui.report import render_pdf
from ui.report.translations_zh import DictTranslator

OUT = Path(__file__).resolve().parents[2] / "out" / "screens"
NOTES = {"en": "Dongqiao: hazmat tanker left its route at 07:40, town informed, keep tracking.\n"
               "Camera 12 (Hexi) offline since 06:00; repair ticket opened.",
         "zh": "东桥镇：危化品罐车07:40偏离核定路线，已通知镇街，请继续跟踪。\n河西街道12号摄像机06:00起离线，已报修。"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--alerts", type=int, default=60_000)
    parser.add_argument("--days", type=int, default=90)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    try:
        from ui.theme import apply_theme

        apply_theme(app)  # type: ignore[arg-type]
    except ImportError:
        pass
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'hall.db'}", synchronous="OFF")
        upgrade(engine)
        now = time.time()
        with engine.begin() as conn:
            populate(conn, args.alerts, now - args.days * 86400, now, now, seed=7)
        qm = Path(__file__).resolve().parents[1] / "i18n" / "hall_zh_CN.qm"
        for lang in ("en", "zh"):
            translators: list[QTranslator] = []
            if lang == "zh":
                # The app's compiled translations when built (labels of categories, states, ...), and this
                # feature's own table on top for strings the .ts file does not have yet.
                compiled = QTranslator()
                if qm.exists() and compiled.load(str(qm)):
                    translators.append(compiled)
                translators.append(DictTranslator())
            for translator in translators:
                QCoreApplication.installTranslator(translator)
            labels.reset()
            panel = DashboardPanel(direct_fetch(engine))
            panel.resize(1440, 920)
            panel.show()
            panel.set_period("7d")
            app.processEvents()
            panel.grab().save(str(OUT / f"dashboard_{lang}.png"))
            panel.set_period("today")
            app.processEvents()
            panel.grab().save(str(OUT / f"dashboard_today_{lang}.png"))
            panel.close()
            with engine.connect() as conn:
                data = q_shift_report(conn, Identity("zhangwei", Role.OPERATOR),
                                      {"operators": ["张伟", "liqiang"], "notes": NOTES[lang], "limit": 30})
            pdf = OUT / f"report_{lang}.pdf"
            render_pdf(data, pdf)
            subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "90", "-png", "-singlefile", str(pdf),
                            str(OUT / f"report_{lang}_page1")], check=True)
            for translator in translators:
                QCoreApplication.removeTranslator(translator)
        engine.dispose()
    print("\n".join(sorted(str(p) for p in OUT.glob("*_??*.png"))))


if __name__ == "__main__":
    main()
