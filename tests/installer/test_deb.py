"""The Linux package end to end: build the .deb (installer/build-deb.sh), unpack it into a temporary root
(`dpkg -x`, as dpkg would lay it out, without touching the machine), run the installed program's
`hall console --smoke-test` (offscreen, and on a real X server: Xvfb + Qt's xcb platform), check the
package's metadata, and compile the Windows installer script with makensis.

Slow (PyInstaller ~40-120 s) but run by `make test`. HALL_DEB=path/to/command-hall_*.deb reuses a package
built earlier in the same CI run instead of building again.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

ROOT = Path(__file__).resolve().parents[2]
PREFIX = "opt/command-hall"


def _run(cmd: list[str], timeout: float, env: dict[str, str] | None = None,
         cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env, cwd=cwd)


def _clean_env(home: Path, **extra: str) -> dict[str, str]:
    """What a desktop session gives a program: no venv, no PYTHONPATH, a UTF-8 locale."""
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
           "XDG_RUNTIME_DIR": str(home / "run")}
    (home / "run").mkdir(parents=True, exist_ok=True, mode=0o700)
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def deb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    reuse = os.environ.get("HALL_DEB")
    if reuse:
        path = Path(reuse)
        assert path.is_file(), f"HALL_DEB={reuse} is not a file"
        yield path
        return
    # Its own build folder: a `make installer` (or another test run) at the same time cannot collide.
    out = tmp_path_factory.mktemp("installer-build")
    env = {**os.environ, "PY": sys.executable, "HALL_BUILD_DIR": str(out)}
    result = _run(["bash", str(ROOT / "installer" / "build-deb.sh")], timeout=480, env=env, cwd=ROOT)
    assert result.returncode == 0, f"build-deb.sh failed:\n{result.stdout}\n{result.stderr}"
    print(result.stdout)
    info = dict(line.split("=", 1) for line in (out / "build-info.txt").read_text().splitlines() if "=" in line)
    yield Path(info["deb"])
    shutil.rmtree(out, ignore_errors=True)  # ~2 GB


@pytest.fixture(scope="session")
def installed(deb: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("debroot")
    result = _run(["dpkg", "-x", str(deb), str(root)], timeout=240)
    assert result.returncode == 0, result.stderr
    yield root
    shutil.rmtree(root, ignore_errors=True)


def _field(deb: Path, name: str) -> str:
    return _run(["dpkg-deb", "-f", str(deb), name], timeout=30).stdout.strip()


def test_package_metadata(deb: Path) -> None:
    assert _field(deb, "Package") == "command-hall"
    depends = {d.strip().split(" ")[0] for d in _field(deb, "Depends").split(",")}
    for needed in ("fonts-noto-cjk", "libc6", "libxcb1", "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1",
                   "libxkbcommon-x11-0", "libgl1", "libegl1", "libfontconfig1", "adduser"):
        assert needed in depends, f"Depends lacks {needed}: {sorted(depends)}"
    control = _run(["dpkg-deb", "--ctrl-tarfile", str(deb)], timeout=30)
    assert control.returncode == 0
    listing = _run(["dpkg-deb", "-c", str(deb)], timeout=120).stdout
    for path in ("./usr/bin/hall -> /opt/command-hall/hall", "./opt/command-hall/hall",
                 "./usr/share/applications/command-hall-console.desktop",
                 "./usr/share/icons/hicolor/256x256/apps/command-hall-console.png",
                 "./usr/share/icons/hicolor/scalable/apps/command-hall-console.svg",
                 "./lib/systemd/system/command-hall-hub.service", "./etc/command-hall/hall.toml"):
        assert path in listing, f"{path} missing from the package"
    assert "root/root" in listing.splitlines()[0], "files must belong to root"


def test_installed_layout(installed: Path) -> None:
    assert os.readlink(installed / "usr/bin/hall") == f"/{PREFIX}/hall"
    assert os.access(installed / PREFIX / "hall", os.X_OK)
    desktop = (installed / "usr/share/applications/command-hall-console.desktop").read_text()
    assert "\nExec=hall console\n" in desktop and "\nIcon=command-hall-console\n" in desktop
    assert shutil.which("desktop-file-validate"), "desktop-file-utils missing (scripts/system-deps.sh installs it)"
    check = _run(["desktop-file-validate", str(installed / "usr/share/applications/command-hall-console.desktop")],
                 timeout=30)
    assert check.returncode == 0 and not check.stdout.strip(), check.stdout + check.stderr
    unit = (installed / "lib/systemd/system/command-hall-hub.service").read_text()
    assert f"ExecStart=/{PREFIX}/hall hub" in unit and "User=command-hall" in unit
    # systemd's own checker, on a copy pointing at the unpacked program.
    check_dir = installed / "unit-check"
    check_dir.mkdir(exist_ok=True)
    (check_dir / "command-hall-hub.service").write_text(unit.replace(f"/{PREFIX}/", f"{installed}/{PREFIX}/"))
    verify = _run(["systemd-analyze", "verify", "--man=no", str(check_dir / "command-hall-hub.service")],
                  timeout=60)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    # The system-wide file the package installs must be a valid configuration (all defaults).
    env = _clean_env(installed / "home", HALL_SYSTEM_CONFIG=str(installed / "etc/command-hall/hall.toml"))
    probe = _run([sys.executable, "-c", "from console.config import load_config; c = load_config(); "
                  "print(c.sources)"], timeout=60, env={**env, "PYTHONPATH": str(ROOT)})
    assert probe.returncode == 0 and "hall.toml" in probe.stdout, probe.stderr


def test_installed_cli_and_migrations(installed: Path, tmp_path: Path) -> None:
    # Started through a symlink, as /usr/bin/hall -> /opt/command-hall/hall does.
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "hall").symlink_to(installed / PREFIX / "hall")
    hall = str(tmp_path / "bin" / "hall")
    env = _clean_env(tmp_path / "home")
    helped = _run([hall, "--help"], timeout=120, env=env)
    assert helped.returncode == 0, helped.stderr
    for command in ("console", "hub", "town", "db"):  # console/town come through the entry points
        assert command in helped.stdout, f"`hall --help` does not list {command}:\n{helped.stdout}"
    # Alembic reads its scripts from the bundle's file system.
    db = tmp_path / "hall.db"
    upgraded = _run([hall, "db", "upgrade", "--db", f"sqlite:///{db}"], timeout=120, env=env)
    assert upgraded.returncode == 0, upgraded.stdout + upgraded.stderr
    assert "database at revision" in upgraded.stdout and db.exists()


def test_installed_hub_runs_as_the_service_does(installed: Path, tmp_path: Path) -> None:
    """`hall hub` in the foreground with the packaged system config, as command-hall-hub.service runs it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = _clean_env(tmp_path / "home", HALL_DATA_DIR=str(tmp_path / "data"),
                     HALL_SYSTEM_CONFIG=str(installed / "etc/command-hall/hall.toml"))
    hub = subprocess.Popen([str(installed / PREFIX / "hall"), "hub", "--port", str(port)], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline, health = time.monotonic() + 60, None
        while health is None and time.monotonic() < deadline and hub.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as response:
                    health = json.loads(response.read())
            except OSError:
                time.sleep(0.2)
        assert health is not None, f"the hub did not answer /health (exit {hub.poll()})"
        assert (tmp_path / "data" / "hall.db").exists(), "the hub's SQLite store is not in HALL_DATA_DIR"
    finally:
        hub.send_signal(signal.SIGTERM)  # what systemctl stop sends
        try:
            output = hub.communicate(timeout=20)[0]
        except subprocess.TimeoutExpired:
            hub.kill()
            output = hub.communicate()[0]
            raise AssertionError(f"the hub did not stop on SIGTERM within 20 s:\n{output}") from None
    assert hub.returncode in (0, -signal.SIGTERM), f"exit {hub.returncode}:\n{output}"


def test_installed_smoke_test_offscreen(installed: Path, tmp_path: Path) -> None:
    env = _clean_env(tmp_path / "home", QT_QPA_PLATFORM="offscreen")
    result = _run([str(installed / PREFIX / "hall"), "console", "--smoke-test"], timeout=180, env=env)
    print(result.stdout)
    assert result.returncode == 0, f"smoke test failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}"
    assert "smoke test passed" in result.stdout


def test_installed_smoke_test_on_x11(installed: Path, tmp_path: Path) -> None:
    """The same on a real X server (Xvfb): Qt's xcb platform plugin loads with the declared Depends."""
    xvfb_run = shutil.which("xvfb-run")
    assert xvfb_run, "xvfb-run missing (Debian package xvfb, installed by scripts/system-deps.sh)"
    env = _clean_env(tmp_path / "home", QT_QPA_PLATFORM="xcb")
    result = _run([xvfb_run, "-a", "-s", "-screen 0 1600x1000x24", str(installed / PREFIX / "hall"),
                   "console", "--smoke-test"], timeout=180, env=env)
    print(result.stdout)
    assert "platform xcb" in result.stdout, f"Qt did not start on xcb:\n{result.stdout}\n{result.stderr}"
    assert result.returncode == 0, f"smoke test failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}"


def test_windows_installer_script_compiles(tmp_path: Path) -> None:
    result = _run(["bash", str(ROOT / "installer" / "windows" / "build-nsis.sh"), str(tmp_path / "nsis")],
                  timeout=120, env={**os.environ, "PY": sys.executable})
    assert result.returncode == 0, result.stdout + result.stderr
    setups = list((tmp_path / "nsis").glob("CommandHallConsole-*-setup.exe"))
    assert len(setups) == 1 and setups[0].read_bytes()[:2] == b"MZ"
