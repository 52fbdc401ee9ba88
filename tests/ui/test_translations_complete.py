"""Every text the UI translates has its Chinese translation: Qt's own lupdate scans the UI's sources into a
copy of the zh_CN catalogue, and nothing may come out new, unfinished, vanished or left in English."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "ui" / "i18n" / "hall_zh_CN.ts"


def test_every_ui_text_has_a_chinese_translation(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    assert lupdate.exists(), "pyside6-lupdate missing from the venv (PySide6 installs it)"
    copy = tmp_path / CATALOGUE.name
    shutil.copy(CATALOGUE, copy)
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run([str(lupdate), *sources, "-ts", str(copy)], check=True, capture_output=True)
    missing = []
    for context in ET.parse(copy).getroot().iter("context"):
        for message in context.iter("message"):
            kind = message.find("translation")
            state = kind.get("type") if kind is not None else "missing"
            if state in ("unfinished", "vanished", "obsolete", "missing"):
                missing.append(f"{context.findtext('name')}: {message.findtext('source')!r} ({state})")
            elif kind is not None and kind.find("numerusform") is None and kind.text == message.findtext("source"):
                # The English text kept as its own "translation" (a wrong extraction did just that: a
                # translate() alias put the context's name in the catalogue as the text).
                missing.append(f"{context.findtext('name')}: {message.findtext('source')!r} (left in English)")
    assert not missing, "texts without a Chinese translation:\n" + "\n".join(missing)
    assert len(list(ET.parse(copy).getroot().iter("message"))) > 400  # the scan found the UI's texts
