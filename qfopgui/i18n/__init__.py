"""Translations: our `.ts` files (read directly, no build step) plus Qt's own `qtbase` catalogue.

Why read `.ts` at run time: the catalogue is small, it needs no compiled `.qm` in git, and a
checkout, wheel and frozen build all behave the same. If a compiled `<name>_<lang>.qm` sits next
to a `.ts` (made with `pyside6-lrelease` at build time), it is used instead.
Lookups fall back from (context, source) to source alone, so a string moved between classes
keeps its translation.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

SUPPORTED = ("en", "zh_CN")


def i18n_dir() -> Path:
    return Path(str(resources.files("qfopgui"))) / "i18n"


def resolve_language(lang: str | None) -> str:
    """`--lang` value, else the system locale; anything Chinese → zh_CN, everything else → en."""
    name = lang or QLocale.system().name()
    return "zh_CN" if name.lower().replace("-", "_").startswith("zh") else "en"


def read_ts(path: Path) -> dict[tuple[str, str], str]:
    """(context, source) → translation, skipping unfinished/obsolete/empty entries."""
    table: dict[tuple[str, str], str] = {}
    root = ET.parse(path).getroot()
    for ctx in root.iter("context"):
        ctx_name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            source = msg.findtext("source")
            tr = msg.find("translation")
            if source is None or tr is None or not (tr.text or "").strip():
                continue
            if tr.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            table[(ctx_name, source)] = tr.text or ""
    return table


class TsTranslator(QTranslator):
    """A QTranslator answering from a parsed `.ts` table."""

    def __init__(self, table: dict[tuple[str, str], str], parent: QCoreApplication | None = None):
        super().__init__(parent)
        self._table = table
        self._by_source = {src: text for (_ctx, src), text in table.items()}

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None (a null QString) means "not here, ask the next translator"; "" would blank the text
        return self._table.get((context, source)) or self._by_source.get(source)

    def isEmpty(self) -> bool:
        return not self._table

    def __len__(self) -> int:
        return len(self._table)


def install_translations(app: QCoreApplication, lang: str | None) -> list[QTranslator]:
    """Install the catalogues for `lang`; returns them (keep the references alive)."""
    language = resolve_language(lang)
    installed: list[QTranslator] = []
    if language == "en":
        return installed
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt)
        installed.append(qt)
    folder = i18n_dir()
    stems = sorted(
        {p.stem for p in folder.glob(f"*_{language}.ts")}
        | {p.stem for p in folder.glob(f"*_{language}.qm")}
    )
    merged: dict[tuple[str, str], str] = {}
    for stem in stems:  # a compiled .qm (frozen builds ship only those) wins over the .ts
        qm, ts = folder / f"{stem}.qm", folder / f"{stem}.ts"
        if qm.exists():
            tr = QTranslator(app)
            if tr.load(str(qm)):
                app.installTranslator(tr)
                installed.append(tr)
                continue
        if not ts.exists():
            continue
        try:
            merged.update(read_ts(ts))
        except ET.ParseError:
            log.exception("translation file %s is damaged", ts.name)
    if merged:
        # One translator over every catalogue, so an exact (context, source) match in any file
        # beats the by-source fallback of another ("Size" is 大小 for files, 尺寸 for video).
        tsr = TsTranslator(merged, app)
        app.installTranslator(tsr)
        installed.append(tsr)
    return installed
