#!/usr/bin/env bash
# Installs the Debian packages the tests and the demo need, when they are missing.
# Fails loudly (exit 1, naming the package) when it cannot: a test never skips silently.
set -euo pipefail

# package -> a file that proves it is installed
declare -A PROBE=(
  [chromium]=/usr/bin/chromium
  [xvfb]=/usr/bin/Xvfb
  [xauth]=/usr/bin/xauth
  [fonts-noto-cjk]=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
  [ffmpeg]=/usr/bin/ffmpeg
  [python3-gi]=/usr/lib/python3/dist-packages/gi/__init__.py
  [gir1.2-gst-rtsp-server-1.0]=/usr/lib/x86_64-linux-gnu/girepository-1.0/GstRtspServer-1.0.typelib
  [gstreamer1.0-plugins-base]=/usr/lib/x86_64-linux-gnu/gstreamer-1.0/libgstapp.so
  [gstreamer1.0-plugins-good]=/usr/lib/x86_64-linux-gnu/gstreamer-1.0/libgstrtp.so
  [gstreamer1.0-plugins-bad]=/usr/lib/x86_64-linux-gnu/gstreamer-1.0/libgstvideoparsersbad.so
  [gstreamer1.0-tools]=/usr/bin/gst-launch-1.0
  [poppler-utils]=/usr/bin/pdftotext
  [nsis]=/usr/bin/makensis
  [desktop-file-utils]=/usr/bin/desktop-file-validate
  [libegl1]=/usr/lib/x86_64-linux-gnu/libEGL.so.1
  [libyuv0]=/usr/lib/x86_64-linux-gnu/libyuv.so.0
  [libxkbcommon-x11-0]=/usr/lib/x86_64-linux-gnu/libxkbcommon-x11.so.0
  [libxcb-cursor0]=/usr/lib/x86_64-linux-gnu/libxcb-cursor.so.0
  [libxcb-icccm4]=/usr/lib/x86_64-linux-gnu/libxcb-icccm.so.4
  [libxcb-keysyms1]=/usr/lib/x86_64-linux-gnu/libxcb-keysyms.so.1
  [libpulse0]=/usr/lib/x86_64-linux-gnu/libpulse.so.0
  [postgresql]=/usr/lib/postgresql/15/bin/initdb
)

arch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)
missing=()
for pkg in "${!PROBE[@]}"; do
  probe=${PROBE[$pkg]//x86_64-linux-gnu/$arch}
  [ -e "$probe" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "system-deps: installing ${missing[*]}"
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "system-deps: FAILED: need root and apt-get to install: ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/tmp/system-deps-apt.log 2>&1; then
  tail -20 /tmp/system-deps-apt.log >&2
  echo "system-deps: FAILED to install ${missing[*]}" >&2
  exit 1
fi
for pkg in "${missing[@]}"; do
  probe=${PROBE[$pkg]//x86_64-linux-gnu/$arch}
  [ -e "$probe" ] || { echo "system-deps: FAILED: $pkg installed but $probe is missing" >&2; exit 1; }
done
