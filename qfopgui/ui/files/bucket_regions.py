"""A bucket's region as the bucket list shows it: `z2 · South China (Guangdong)`."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from qfopgui.api.config import KNOWN_REGIONS

# The names of KNOWN_REGIONS are marked for translation (and translated) for the account
# dialog; the bucket list uses the same words.
CONTEXT = "AccountDialog"


def region_label(region: str) -> str:
    """`id · name` for a region the app knows by name, the bare id for any other, "" for none."""
    name = KNOWN_REGIONS.get(region)
    if not name:
        return region
    return f"{region} · {QCoreApplication.translate(CONTEXT, name)}"
