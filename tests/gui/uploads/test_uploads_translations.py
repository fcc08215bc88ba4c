"""Texts the uploads UI translates through a module's `_t()` helper (which lupdate cannot see)
have finished zh_CN translations too — the lupdate-based check covers only `self.tr()`."""

from __future__ import annotations

import ast
from pathlib import Path

from qfopgui.i18n import i18n_dir, read_ts

UPLOADS = Path(__file__).resolve().parents[3] / "qfopgui" / "ui" / "uploads"


def _helper_context(tree: ast.Module) -> str | None:
    """The context of `def _t(text): return QCoreApplication.translate(CONTEXT, text)`."""
    constants = {
        t.id: n.value.value
        for n in tree.body
        if isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant)
        for t in n.targets
        if isinstance(t, ast.Name)
    }
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "_t":
            for call in ast.walk(node):
                if isinstance(call, ast.Call) and getattr(call.func, "attr", "") == "translate":
                    arg = call.args[0]
                    if isinstance(arg, ast.Constant):
                        return str(arg.value)
                    if isinstance(arg, ast.Name):
                        return str(constants[arg.id])
    return None


def helper_texts() -> set[tuple[str, str]]:
    found = set()
    for path in UPLOADS.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        context = _helper_context(tree)
        if context is None:
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", "") == "_t"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found.add((context, str(node.args[0].value)))
    return found


def test_every_helper_text_of_the_uploads_ui_is_translated() -> None:
    texts = helper_texts()
    assert len(texts) > 40  # the scan really found the helpers' texts
    table = read_ts(i18n_dir() / "uploads_zh_CN.ts")
    missing = sorted(f"[{c}] {s}" for c, s in texts if (c, s) not in table)
    assert not missing, "translate these in qfopgui/i18n/uploads_zh_CN.ts:\n" + "\n".join(missing)
