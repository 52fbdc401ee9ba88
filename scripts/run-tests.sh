#!/usr/bin/env bash
# Runs the test suite. If pytest dies of a segmentation fault (seen once in seven clean runs, in a
# native WebRTC/codec thread; see the closing note of session 1), it says so loudly, keeps the trace
# above, and runs the suite once more. Any other failure fails at once.
set -u
export QT_QPA_PLATFORM=offscreen
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
rc=$?
if [ $rc -eq 139 ] || [ $rc -eq -11 ]; then
  echo "=== run-tests: pytest CRASHED (segmentation fault, exit $rc): trace above. Running the suite once more. ===" >&2
  .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
  rc=$?
fi
exit $rc
