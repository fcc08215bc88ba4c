"""Build the desktop bundle: PyInstaller onedir → run the frozen `--smoke-test` → installer.

Usage: python packaging/build.py [--no-installer]
Signing is optional: set QFOPGUI_SIGN_IDENTITY (macOS codesign identity) or QFOPGUI_SIGNTOOL_ARGS
(Windows signtool arguments) to sign; otherwise an unsigned build is produced.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"


def run(cmd: list[str], **kw: object) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)  # type: ignore[call-overload]


def frozen_exe() -> Path:
    if sys.platform == "darwin":
        return DIST / "qfopgui.app" / "Contents" / "MacOS" / "qfopgui"
    return DIST / "qfopgui" / ("qfopgui.exe" if os.name == "nt" else "qfopgui")


def smoke_test() -> None:
    with tempfile.TemporaryDirectory() as base:
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        run([str(frozen_exe()), "--smoke-test", "--basedir", base], env=env)


def installer() -> None:
    if os.name == "nt":
        run(["iscc", str(ROOT / "packaging" / "windows" / "qfopgui.iss")])
    elif sys.platform == "darwin":
        run(["bash", str(ROOT / "packaging" / "macos" / "make_dmg.sh")])
    else:
        print("Linux: dist/qfopgui/ is the deliverable (no installer step)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-installer", action="store_true")
    args = parser.parse_args()
    run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--distpath",
            str(DIST),
            "--workpath",
            str(ROOT / "build"),
            str(ROOT / "packaging" / "qfopgui.spec"),
        ]
    )
    smoke_test()
    if not args.no_installer:
        installer()
    return 0


if __name__ == "__main__":
    sys.exit(main())
