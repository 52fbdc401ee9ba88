#!/usr/bin/env bash
# Runs `hall demo` on a virtual screen (Xvfb) for a while and saves a screenshot of the whole screen.
# Usage: scripts/demo_screenshot.sh OUT.png [SECONDS] [LANG]
set -euo pipefail
out=${1:-out/screens/demo.png}; wait_s=${2:-40}; lang=${3:-zh_CN.UTF-8}
mkdir -p "$(dirname "$out")"
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $demo $xvfb 2>/dev/null || true' EXIT
sleep 1
DISPLAY=$display LANG=$lang LC_ALL=$lang HALL_DATA_DIR=$(mktemp -d) .venv/bin/hall demo > /tmp/demo-run.log 2>&1 &
demo=$!
sleep "$wait_s"
state=$(ps -o stat= -p $demo 2>/dev/null || true)
if [ -z "$state" ] || [[ $state == Z* ]]; then echo "the demo exited early:"; tail -30 /tmp/demo-run.log; exit 1; fi
ffmpeg -loglevel error -y -f x11grab -video_size 1920x1080 -i "$display" -frames:v 1 "$out"
echo "saved $out"
