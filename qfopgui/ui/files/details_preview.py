"""Keeps the Details pane's preview box on the selected file: a placeholder at once, then the
poster frame or thumbnail once the file's `stat` (its hash keys the cache) and the picture came.

The fetch is a named load (`start_load`): a newer file replaces it, and a file no longer selected
has its fetch cancelled and its answer dropped. The picture is decoded in a worker thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from qfopgui.api.models import ObjectInfo
from qfopgui.services.thumbnails import MediaKind, ThumbnailInfo, ThumbnailProblem
from qfopgui.ui.context import AppContext
from qfopgui.ui.files.object_kinds import Kind, kind_of
from qfopgui.ui.files.thumbnail_view import ThumbnailView, decode_picture

TASK = "files:preview"
Source = tuple[str, str, str]  # profile, bucket, key
_MEDIA_KINDS = {
    Kind.VIDEO: MediaKind.VIDEO,
    Kind.IMAGE: MediaKind.IMAGE,
    Kind.AUDIO: MediaKind.AUDIO,
}


def media_kind(key: str, mime: str) -> MediaKind:
    """The service's kind of a file, from its mime type or else its name."""
    return _MEDIA_KINDS.get(kind_of(key, mime), MediaKind.OTHER)


class DetailsPreview(QObject):
    """Drives a `ThumbnailView` from the pane's selection (`point_at`) and stats (`stat_known`)."""

    def __init__(self, ctx: AppContext, view: ThumbnailView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._view = view
        self._of: Source | None = None  # the file the box is about
        self._started: Source | None = None  # … and whose picture was asked for

    def shown_for(self) -> Source | None:
        return self._of

    def point_at(self, source: Source | None, *, several: bool = False) -> None:
        """The selection changed (or was read again: the same file keeps what is shown)."""
        if source == self._of and source is not None:
            return
        self._ctx.tasks.cancel(TASK)
        self._of, self._started = source, None
        if source is None:
            self._view.show_text(self.tr("Select one file to see a preview") if several else "")
        elif self._ctx.thumbnails is None:
            self._view.show_text("")
        else:
            self._view.show_loading(media_kind(source[2], ""))

    def stat_known(self, source: Source, stat: ObjectInfo | str) -> None:
        """The file's stat (or why it failed) is known: ask for its picture, once."""
        if source != self._of or source == self._started:
            return
        self._started = source
        if isinstance(stat, str):
            self._view.show_text(self.tr("No preview: the file could not be read"), tip=stat)
            return
        if self._ctx.thumbnails is None:
            return
        coro = self._load(source, stat)
        try:
            self._ctx.tasks.start_load(coro, name=TASK)
        except RuntimeError:  # no running loop, or the app is quitting
            coro.close()

    async def _load(self, source: Source, stat: ObjectInfo) -> None:
        thumbnails = self._ctx.thumbnails
        if thumbnails is None:
            return
        profile, bucket, key = source
        kind = media_kind(key, stat.mime_type)
        info = ThumbnailInfo(kind, stat.hash, stat.fsize)
        result = await thumbnails.thumbnail(profile, bucket, key, info)
        if isinstance(result, ThumbnailProblem):
            if source == self._of:
                self._view.show_problem(result)
            return
        image = await self._ctx.run_blocking(lambda: decode_picture(result))
        if source != self._of:
            return
        if image.isNull():
            self._view.show_text(self.tr("The preview could not be shown"), kind=kind)
        else:
            self._view.show_image(image, tip=self.tr("Double-click to open the file"))
