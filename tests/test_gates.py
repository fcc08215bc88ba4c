"""The architecture and test-config gates: they pass on the real tree and fail on a broken one.

Each "fails" test copies the package's Python files to a temporary directory, adds a module
with a bad import, and runs the real tool on the copy in a subprocess (so the copy, not the
installed package, is what gets analysed).
"""

from __future__ import annotations

import os
import pkgutil
import shutil
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import grimp
import pytest

import qfopgui
from tests.helpers.import_cycles import find_import_cycles, package_import_cycles

REPO = Path(__file__).resolve().parents[1]
PYPROJECT = REPO / "pyproject.toml"
CYCLES_SCRIPT = REPO / "tests" / "helpers" / "import_cycles.py"
LINT_IMPORTS = (
    "import sys; from importlinter.cli import lint_imports_command; "
    "sys.exit(lint_imports_command())"
)


def _python_files_only(directory: str, names: list[str]) -> set[str]:
    return {
        n
        for n in names
        if n == "__pycache__" or (not n.endswith(".py") and not (Path(directory) / n).is_dir())
    }


def _write(root: Path, relative: str, source: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source), encoding="utf-8")


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(cwd), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=60, check=False
    )


@pytest.fixture(scope="module")
def broken_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of qfopgui with one bad import of each kind the gates must catch."""
    root = tmp_path_factory.mktemp("gates")
    shutil.copytree(REPO / "qfopgui", root / "qfopgui", ignore=_python_files_only)
    shutil.copy(PYPROJECT, root / "pyproject.toml")
    # Qt straight into a Qt-free layer.
    _write(root, "qfopgui/core/gate_probe_qt.py", "import PySide6.QtCore\n")
    # Qt through a module outside the Qt-free layers: only an indirect-imports check sees it.
    _write(root, "qfopgui/gate_probe_bridge.py", "import PySide6.QtWidgets\n")
    _write(root, "qfopgui/services/gate_probe_indirect.py", "import qfopgui.gate_probe_bridge\n")
    # The sandbox reaching into the app's own layers.
    _write(root, "qfopgui/sandbox/gate_probe.py", "from qfopgui.core import b64\n")
    # A runtime cycle, and a cycle closed only by a TYPE_CHECKING import (allowed).
    _write(root, "qfopgui/core/gate_probe_a.py", "from qfopgui.core import gate_probe_b\n")
    _write(root, "qfopgui/core/gate_probe_b.py", "from qfopgui.core import gate_probe_a\n")
    _write(root, "qfopgui/core/gate_probe_c.py", "from qfopgui.core import gate_probe_d\n")
    _write(
        root,
        "qfopgui/core/gate_probe_d.py",
        """\
        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            from qfopgui.core import gate_probe_c
        """,
    )
    return root


def test_lint_imports_fails_on_qt_in_a_qt_free_layer_and_on_sandbox_coupling(
    broken_copy: Path,
) -> None:
    result = _run([sys.executable, "-c", LINT_IMPORTS, "--no-cache"], broken_copy)
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert "qfopgui.core.gate_probe_qt -> PySide6" in out
    assert "qfopgui.services.gate_probe_indirect -> qfopgui.gate_probe_bridge" in out
    assert "qfopgui.sandbox.gate_probe -> qfopgui.core.b64" in out


def test_cycle_check_fails_on_a_runtime_cycle_only(broken_copy: Path) -> None:
    result = _run([sys.executable, str(CYCLES_SCRIPT), "qfopgui"], broken_copy)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "qfopgui.core.gate_probe_a, qfopgui.core.gate_probe_b" in out
    assert "qfopgui.core.gate_probe_a -> qfopgui.core.gate_probe_b (l.1)" in out
    assert "gate_probe_c" not in out


def test_qfopgui_has_no_import_cycles() -> None:
    cycles = package_import_cycles("qfopgui")
    assert not cycles, "\n".join(str(c) for c in cycles)


def test_cycle_finder_reports_every_cycle_and_nothing_else() -> None:
    graph = grimp.ImportGraph()
    imports = [("a", "b"), ("b", "c"), ("c", "a"), ("d", "d"), ("e", "a"), ("e", "f"), ("f", "e")]
    imports += [("g", "a"), ("g", "h")]  # g and h are on no cycle
    for n, (importer, imported) in enumerate(imports, start=1):
        for m in (importer, imported):
            graph.add_module(m)
        graph.add_import(importer=importer, imported=imported, line_number=n, line_contents="")
    cycles = find_import_cycles(graph)
    assert [c.modules for c in cycles] == [("a", "b", "c"), ("d",), ("e", "f")]
    assert [(e.importer, e.imported, e.line_numbers) for e in cycles[0].edges] == [
        ("a", "b", (1,)),
        ("b", "c", (2,)),
        ("c", "a", (3,)),
    ]


def test_sandbox_contract_forbids_every_other_top_level_module() -> None:
    """A new top-level module must be added to the sandbox contract, or the gate would miss it."""
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    (contract,) = [
        c
        for c in config["tool"]["importlinter"]["contracts"]
        if c["source_modules"] == ["qfopgui.sandbox"]
    ]
    top_level = {f"qfopgui.{m.name}" for m in pkgutil.iter_modules(qfopgui.__path__)}
    assert top_level - {"qfopgui.sandbox"} <= set(contract["forbidden_modules"])


def test_pytest_config_fails_qfopgui_warnings_and_qt_warnings(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "test_probe.py",
        """\
        import warnings

        def _as_module(name, source, **names):
            # Run `source` as the module `name`: warnings are attributed by module name.
            namespace = {"__name__": name, **names}
            exec(compile(source, name.replace(".", "/") + ".py", "exec"), namespace)

        def test_qfopgui_warns():
            _as_module("qfopgui.core.probe", "import warnings\\nwarnings.warn('probe')")

        def test_qfopgui_calls_a_deprecated_api():
            def deprecated():  # a library function warning about its caller
                warnings.warn("old", DeprecationWarning, stacklevel=2)
            _as_module("qfopgui.api.probe", "deprecated()", deprecated=deprecated)

        def test_other_code_warns():
            _as_module("elsewhere.probe", "import warnings\\nwarnings.warn('probe')")

        def test_qt_warning(qapp):
            from PySide6.QtCore import qWarning
            qWarning("probe: something went wrong")

        def test_known_qt_noise(qapp):
            from PySide6.QtCore import qWarning
            qWarning("This plugin does not support propagateSizeHints()")
        """,
    )
    result = _run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-c",
            str(PYPROJECT),
            "--rootdir",
            str(tmp_path),
            "-p",
            "no:cacheprovider",
            "-q",
            "-rA",
            str(tmp_path / "test_probe.py"),
        ],
        tmp_path,
    )
    out = result.stdout + result.stderr
    outcomes = {
        line.split("::")[-1].split()[0]: line.split()[0]
        for line in out.splitlines()
        if line.startswith(("PASSED", "FAILED", "ERROR")) and "::" in line
    }
    assert outcomes == {
        "test_qfopgui_warns": "FAILED",
        "test_qfopgui_calls_a_deprecated_api": "FAILED",
        "test_other_code_warns": "PASSED",
        "test_qt_warning": "FAILED",
        "test_known_qt_noise": "PASSED",
    }, out
