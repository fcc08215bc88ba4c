"""Typed, immutable model of Qiniu fop commands: ``build()`` ↔ ``parse_command()``.

Only stdlib; ``build()`` output equals the ``qiniu`` SDK's ``build_op``/``op_save`` for the same
parameters in the same order (see tests).
"""

from __future__ import annotations

from qfopgui.core.fops.avconcat import MAX_EXTRA_FILES, Avconcat
from qfopgui.core.fops.avinfo import Avinfo
from qfopgui.core.fops.avthumb import LEGACY_PRESETS, Avthumb
from qfopgui.core.fops.avthumb_parts import Hls, Watermark
from qfopgui.core.fops.command import (
    OPERATION_NAMES,
    Command,
    Operation,
    build_fops,
    parse_command,
    parse_fops,
    parse_operation,
)
from qfopgui.core.fops.enums import ConcatMode, Gravity, ImageFormat, Rotate
from qfopgui.core.fops.grammar import Kind, ParamSpec
from qfopgui.core.fops.problems import FopSyntaxError, Problem
from qfopgui.core.fops.saveas import SaveAs, encoded_entry
from qfopgui.core.fops.vframe import Vframe
from qfopgui.core.fops.vsample import Vsample

__all__ = [
    "LEGACY_PRESETS",
    "MAX_EXTRA_FILES",
    "OPERATION_NAMES",
    "Avconcat",
    "Avinfo",
    "Avthumb",
    "Command",
    "ConcatMode",
    "FopSyntaxError",
    "Gravity",
    "Hls",
    "ImageFormat",
    "Kind",
    "Operation",
    "ParamSpec",
    "Problem",
    "Rotate",
    "SaveAs",
    "Vframe",
    "Vsample",
    "Watermark",
    "build_fops",
    "encoded_entry",
    "parse_command",
    "parse_fops",
    "parse_operation",
]
