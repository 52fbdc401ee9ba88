#!/usr/bin/env bash
# Compiles installer/windows/hall.nsi with Debian's makensis against a dummy payload (the file layout of
# the Windows onedir, empty files), so errors in the script are caught on Linux. The real installer is
# built on Windows (installer/README.md).
#   bash installer/windows/build-nsis.sh [OUT_DIR]      -> OUT_DIR/CommandHallConsole-<version>-setup.exe
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=${1:-$ROOT/build/installer/nsis}
PY=${PY:-$ROOT/.venv/bin/python}
command -v makensis >/dev/null || { echo "build-nsis: FAILED: makensis missing (Debian package nsis)" >&2; exit 1; }
VERSION=$("$PY" -c 'import tomllib,sys; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' \
  "$ROOT/pyproject.toml")

rm -rf "$OUT"
PAYLOAD=$OUT/payload/hall
mkdir -p "$PAYLOAD/_internal/PySide6/plugins/platforms" "$PAYLOAD/_internal/console/store/migrations"
for f in hall.exe hall-console.exe README.md _internal/python312.dll \
         _internal/PySide6/plugins/platforms/qwindows.dll _internal/console/store/migrations/env.py; do
  echo "dummy payload for a compile check" > "$PAYLOAD/$f"
done
QT_QPA_PLATFORM=offscreen "$PY" "$ROOT/installer/make_icons.py" "$OUT/icons" >/dev/null

SETUP=$OUT/CommandHallConsole-$VERSION-setup.exe
makensis -V2 -WX -DVERSION="$VERSION" -DPAYLOAD="$PAYLOAD" -DICON="$OUT/icons/command-hall-console.ico" \
  -DOUTFILE="$SETUP" "$ROOT/installer/windows/hall.nsi"
[ -s "$SETUP" ] || { echo "build-nsis: FAILED: no $SETUP" >&2; exit 1; }
echo "build-nsis: $SETUP ($(stat -c %s "$SETUP") bytes, dummy payload)"
