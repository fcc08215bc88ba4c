"""`python -m qfopgui` → the same entry point as the `qfopgui` console script."""

from __future__ import annotations

import sys

from qfopgui.app import main

if __name__ == "__main__":
    sys.exit(main())
