"""Entry script of the frozen application (PyInstaller): `hall ...` exactly as in the venv.

The GUI subcommands (`hall console`, ...) reach the CLI through the `hall.commands` entry-point group,
so console/ never imports Qt. The frozen build keeps that one mechanism instead of registering the ui
commands a second time here: installer/hall.spec copies the package's metadata (entry_points.txt) into
the bundle and adds every module named in that group as a hidden import, so
`importlib.metadata.entry_points(group="hall.commands")` answers the same in the bundle as in the venv.
"""

from __future__ import annotations

import multiprocessing
import sys


def main() -> int:
    multiprocessing.freeze_support()
    try:
        from console.cli import main as cli_main
    except ImportError as exc:  # the bundle was built without the CLI: say so instead of a traceback
        print(f"hall: the command line (console.cli) is missing from this build: {exc}", file=sys.stderr)
        return 2
    result = cli_main()
    return int(result or 0)


if __name__ == "__main__":
    sys.exit(main())
