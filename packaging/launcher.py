"""Entry point for the frozen app (PyInstaller needs a script, not a console-script spec)."""

import sys

from qfopgui.app import main

if __name__ == "__main__":
    sys.exit(main())
