"""The bucket list on the left of Files: one row per bucket, private ones marked, each with
its region on a second line (an account's buckets may live in several regions)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QSignalBlocker, QSize, Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from qfopgui.api.models import BucketInfo
from qfopgui.ui.files.bucket_regions import region_label
from qfopgui.ui.widgets.icons import icon

__all__ = ["BucketPane", "remembered_bucket"]


class BucketPane(QWidget):
    """`list` holds the buckets; the bucket name is each item's UserRole data."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title_text = QCoreApplication.translate("FilesView", "Buckets")
        self.list = QListWidget()
        self.list.setObjectName("bucket_list")
        # long names are shortened, never scrolled sideways; the full name is the tooltip
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setAccessibleName(title_text)
        self.list.setIconSize(QSize(18, 18))
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        title = QLabel(title_text)
        title.setStyleSheet("font-weight: 600; padding: 4px 2px;")
        col.addWidget(title)
        col.addWidget(self.list)

    def fill(self, buckets: Sequence[BucketInfo]) -> None:
        """Show these buckets (no currentItemChanged while filling)."""
        with QSignalBlocker(self.list):
            self.list.clear()
            for b in buckets:
                item = QListWidgetItem(icon("lock" if b.private else "bucket"), b.name)
                item.setData(Qt.ItemDataRole.UserRole, b.name)
                tip = QCoreApplication.translate(
                    "FilesView", "Private bucket: links to its files need a signature"
                )
                region = region_label(b.region)
                item.setToolTip(tip if b.private else (region or b.name))
                text = b.name
                if b.private:
                    private = QCoreApplication.translate("FilesView", "private")
                    text = f"{b.name}  ·  {private}"
                if region:  # a second line; screen readers hear "name, region"
                    item.setText(f"{text}\n{region}")
                    item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{text}, {region}")
                else:
                    item.setText(text)
                self.list.addItem(item)

    def select(self, name: str) -> bool:
        """Make this bucket the current one (signals fire); False if it is not listed."""
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == name:
                self.list.setCurrentItem(item)
                return True
        return False


def remembered_bucket(stored: str, profile: str, buckets: Sequence[BucketInfo]) -> str | None:
    """The bucket of `files/last_bucket` ("profile\nbucket") if it is this profile's and listed."""
    owner, _, bucket = stored.partition("\n")
    return bucket if owner == profile and bucket in {b.name for b in buckets} else None
