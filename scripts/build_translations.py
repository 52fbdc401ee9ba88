"""Compiles the Qt Linguist sources (ui/i18n/*.ts) to .qm files next to them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

I18N = Path(__file__).resolve().parent.parent / "ui" / "i18n"


def lrelease() -> str:
    exe = Path(sys.executable).parent / "pyside6-lrelease"
    if exe.exists():
        return str(exe)
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    if not found:
        sys.exit("build_translations: pyside6-lrelease not found")
    return found


def main() -> None:
    for ts in sorted(I18N.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        subprocess.run([lrelease(), "-silent", str(ts), "-qm", str(qm)], check=True)
        print(f"compiled {qm.relative_to(I18N.parent.parent)}")


if __name__ == "__main__":
    main()
