"""``python -m qfopgui.sandbox`` — same as the ``qfopgui-sandbox`` script."""

from __future__ import annotations

from qfopgui.sandbox.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
