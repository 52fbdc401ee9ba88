#!/usr/bin/env bash
# Builds the Linux package of Command Hall Console: PyInstaller onedir -> .deb (dpkg-deb).
#
#   bash installer/build-deb.sh            (or: make installer)
#
# Output: build/installer/command-hall_<version>_<arch>.deb and build/installer/build-info.txt
# (sizes and times, key=value); HALL_BUILD_DIR=... builds elsewhere. Layout of the package:
#   /opt/command-hall/                      the frozen application (hall + _internal/)
#   /usr/bin/hall                           -> /opt/command-hall/hall
#   /usr/share/applications/command-hall-console.desktop, icons in /usr/share/icons/hicolor
#   /lib/systemd/system/command-hall-hub.service   a hub on a server (disabled until enabled)
#   /etc/command-hall/hall.toml             system-wide settings (conffile, all commented out)
# Depends: computed from the ELF libraries the bundle needs but does not carry (dpkg -S), plus
# fonts-noto-cjk (Chinese text) and adduser (the hub's system user).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
PY=${PY:-$ROOT/.venv/bin/python}
OUT=${HALL_BUILD_DIR:-$ROOT/build/installer}   # the test builds in its own folder
mkdir -p "$OUT"  # build/ is not in git: a clean clone has none
DIST=$OUT/dist/hall
PKG=command-hall
COMPRESSION=${HALL_DEB_COMPRESSION:-zstd}   # zstd: ~4x faster than xz here for a few % more size
export LC_ALL=C.UTF-8

die() { echo "build-deb: FAILED: $*" >&2; exit 1; }
trap 'echo "build-deb: FAILED at line $LINENO: $BASH_COMMAND (exit $?)" >&2' ERR
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

[ -x "$PY" ] || die "no venv python at $PY (run make venv)"
mkdir -p "$OUT"
# Two builds into one folder (make installer while make test runs) would corrupt each other.
exec 9> "$OUT/.lock"
flock -w 900 9 || die "another build holds $OUT/.lock"
for tool in dpkg-deb dpkg readelf ldconfig; do
  command -v "$tool" >/dev/null || die "$tool is missing (Debian packages dpkg, binutils)"
done
VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
ARCH=$(dpkg --print-architecture)
MULTIARCH=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)

# ---- 1. the frozen application --------------------------------------------------------------------
t0=$(now)
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath "$OUT/dist" --workpath "$OUT/work" \
  installer/hall.spec > "$OUT/pyinstaller.log" 2>&1 || { tail -30 "$OUT/pyinstaller.log" >&2; die "PyInstaller"; }
t_pyi=$(secs "$t0" "$(now)")
[ -x "$DIST/hall" ] || die "PyInstaller did not produce $DIST/hall"

# Everything the bundle must carry; a missing one fails the build, not an operator's start-up.
need=(
  "_internal/console/store/migrations/env.py"
  "_internal/console/store/migrations/script.py.mako"
  "_internal/console/data/demo_district.json"
  "_internal/PySide6/Qt/plugins/platforms/libqoffscreen.so"
  "_internal/PySide6/Qt/plugins/platforms/libqxcb.so"
  "_internal/PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so"
)
for f in "${need[@]}"; do [ -e "$DIST/$f" ] || die "the bundle lacks $f"; done
ls "$DIST"/_internal/console/store/migrations/versions/*.py >/dev/null 2>&1 || die "no Alembic revisions bundled"
grep -q '^\[hall.commands\]' "$DIST"/_internal/command_hall_console*-info/entry_points.txt \
  || die "the bundle's metadata lacks the hall.commands entry points"
for dir in ui/i18n ui/sounds console/hub/static/town; do
  for src in "$dir"/*; do
    case "$src" in *.qm|*.wav|*.html|*.js|*.css|*.png|*.svg) ;; *) continue ;; esac
    [ -e "$DIST/_internal/$src" ] || die "the bundle lacks $src"
  done
done
for ts in ui/i18n/*.ts; do
  [ -e "$ts" ] || continue
  [ -e "$DIST/_internal/${ts%.ts}.qm" ] || die "${ts%.ts}.qm is not in the bundle (run make translations)"
done

# ---- 2. the package tree ---------------------------------------------------------------------------
t1=$(now)
STAGE=$OUT/stage/${PKG}_${VERSION}_${ARCH}
rm -rf "$OUT/stage"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
  "$STAGE/lib/systemd/system" "$STAGE/etc/command-hall" "$STAGE/usr/share/doc/$PKG"
cp -a "$DIST" "$STAGE/opt/$PKG"
# The interpreter comes from a pyenv build with debug info: -22 MB without it (the wheels' libraries are
# already stripped and are left as they are).
for lib in "$STAGE/opt/$PKG"/_internal/libpython3*.so*; do
  [ -f "$lib" ] && [ ! -L "$lib" ] && command -v strip >/dev/null && strip --strip-debug "$lib"
done
cp installer/README.md "$STAGE/opt/$PKG/README.md"
ln -s "/opt/$PKG/hall" "$STAGE/usr/bin/hall"
install -m 644 installer/debian/command-hall-console.desktop "$STAGE/usr/share/applications/"
install -m 644 installer/debian/command-hall-hub.service "$STAGE/lib/systemd/system/"
install -m 644 installer/hall.toml.example "$STAGE/etc/command-hall/hall.toml"
install -m 644 installer/hall.toml.example "$STAGE/usr/share/doc/$PKG/hall.toml.example"
printf 'Command Hall Console\nLicense: Apache-2.0\nThird-party components in /opt/%s/_internal keep their own licenses.\n' \
  "$PKG" > "$STAGE/usr/share/doc/$PKG/copyright"

ICONS=$OUT/icons
QT_QPA_PLATFORM=offscreen "$PY" installer/make_icons.py "$ICONS" >/dev/null || die "icons"
for size in 16 24 32 48 64 128 256; do
  dir="$STAGE/usr/share/icons/hicolor/${size}x${size}/apps"
  mkdir -p "$dir"
  install -m 644 "$ICONS/command-hall-console-$size.png" "$dir/command-hall-console.png"
done
mkdir -p "$STAGE/usr/share/icons/hicolor/scalable/apps"
install -m 644 installer/icons/command-hall-console.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/"

# ---- 3. Depends from the libraries the bundle needs and does not carry -----------------------------
{ find "$DIST" \( -name '*.so*' -o -name hall \) -type f -print0 | xargs -0 readelf -d 2>/dev/null || true; } \
  | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p' | sort -u > "$OUT/needed.txt"
find "$DIST" -name '*.so*' -printf '%f\n' | sort -u > "$OUT/bundled.txt"
declare -A NOT_HERE=(  # needed by Qt's xcb platform but maybe not installed on the build machine
  [libxcb-icccm.so.4]=libxcb-icccm4 [libxcb-keysyms.so.1]=libxcb-keysyms1
)
deps=()
ldconfig -p > "$OUT/ldconfig.txt"   # (no `producer | awk ...exit` pipes: SIGPIPE + pipefail kill the script)
while read -r so; do
  path=$(awk -v s="$so" 'found == "" && $1 == s && /x86-64|\(libc6\)/ { found = $NF } END { print found }' \
    "$OUT/ldconfig.txt")
  pkg=""
  if [ -n "$path" ]; then
    real=$(readlink -f "$path")
    for candidate in "$path" "$real" "${real#/usr}" "/usr$path"; do
      owner=$(dpkg -S "$candidate" 2>/dev/null || true)
      pkg=${owner%%:*}
      [ -n "$pkg" ] && break
    done
  fi
  [ -n "$pkg" ] || pkg=${NOT_HERE[$so]:-}
  [ -n "$pkg" ] || die "the bundle needs $so, which is neither bundled nor known to a Debian package here"
  deps+=("$pkg")
done < <(comm -23 "$OUT/needed.txt" "$OUT/bundled.txt")
# Loaded with dlopen (not in any NEEDED list): OpenGL/EGL for Qt, PulseAudio for sound, X11 basics, libyuv
# for the video wall's scaling and conversion (media/libyuv.py; without it OpenCV does both, at more CPU).
# Qt's xcb platform: the list Qt documents, whether or not PyInstaller found a copy to bundle.
deps+=(libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
       libxcb-image0 libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 libxcb-sync1
       libxcb-shm0 libx11-xcb1 libfontconfig1 libfreetype6 libdbus-1-3 libyuv0)
GLIBC=$(dpkg-query -W -f '${Version}' libc6 | sed 's/-.*//')
DEPENDS=$(printf '%s\n' "${deps[@]}" | sort -u | grep -vx libc6 | paste -sd, | sed 's/,/, /g')
DEPENDS="libc6 (>= $GLIBC), $DEPENDS, fonts-noto-cjk, adduser"

SIZE_KB=$(du -sk --apparent-size "$STAGE" | cut -f1)
cat > "$STAGE/DEBIAN/control" <<EOF
Package: $PKG
Version: $VERSION
Architecture: $ARCH
Maintainer: Command Hall Console developers <hall@example.org>
Installed-Size: $SIZE_KB
Depends: $DEPENDS
Section: net
Priority: optional
Homepage: https://example.org/command-hall-console
Description: duty console of a city command hall (alerts, video wall, calls to towns)
 The operators' desktop console of a district's social-governance command hall: live alert queue,
 camera video wall, video calls to the towns' duty desks. Also carries the hub (alert intake, store,
 console and town sockets) as a systemd service for the hall's server (command-hall-hub, disabled
 until enabled). Self-contained (Python and Qt inside /opt/command-hall).
EOF
echo /etc/command-hall/hall.toml > "$STAGE/DEBIAN/conffiles"
install -m 755 installer/debian/postinst installer/debian/prerm installer/debian/postrm "$STAGE/DEBIAN/"

# ---- 4. the .deb ------------------------------------------------------------------------------------
DEB=$OUT/${PKG}_${VERSION}_${ARCH}.deb
rm -f "$OUT"/${PKG}_*.deb
dpkg-deb --root-owner-group -Z"$COMPRESSION" --build "$STAGE" "$DEB" >/dev/null || die "dpkg-deb"
t_deb=$(secs "$t1" "$(now)")

ONEDIR_MB=$(du -sm "$DIST" | cut -f1)
DEB_MB=$(awk -v b="$(stat -c %s "$DEB")" 'BEGIN { printf "%.1f", b / 1048576 }')
cat > "$OUT/build-info.txt" <<EOF
deb=$DEB
version=$VERSION
onedir_mb=$ONEDIR_MB
deb_mb=$DEB_MB
installed_kb=$SIZE_KB
pyinstaller_s=$t_pyi
package_s=$t_deb
compression=$COMPRESSION
depends=$DEPENDS
EOF
echo "build-deb: $DEB"
echo "build-deb: onedir ${ONEDIR_MB} MB (PyInstaller ${t_pyi} s), installed $((SIZE_KB / 1024)) MB," \
  ".deb ${DEB_MB} MB ($COMPRESSION, packaging ${t_deb} s)"
echo "build-deb: Depends: $DEPENDS"
