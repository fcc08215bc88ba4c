"""Adds the Presets view (Ctrl+4) to the main window and keeps unsaved edits from being lost."""

from __future__ import annotations

from qfopgui.ui.background import TaskStarter
from qfopgui.ui.context import AppContext
from qfopgui.ui.presets.controller import PresetsController, PreviewFn
from qfopgui.ui.presets.questions import DialogQuestions
from qfopgui.ui.shell.main_window import MainWindow
from qfopgui.ui.widgets.icons import icon


def install_presets_feature(
    window: MainWindow, ctx: AppContext, *, preview: PreviewFn | None = None
) -> PresetsController:
    controller = PresetsController(
        window,
        ctx.presets,
        ctx.run_store,
        TaskStarter(ctx.tasks, window),
        DialogQuestions(window),
        preview=preview,
        parent=window,
    )
    window.add_view("presets", controller.view_title(), controller.view, icon=icon("presets"))
    window.add_close_guard(controller.has_unsaved_changes, controller.allow_leave)
    return controller
