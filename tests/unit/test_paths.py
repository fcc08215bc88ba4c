from __future__ import annotations

from pathlib import Path

from qfopgui.paths import Paths


def test_under_basedir_puts_everything_below_it(tmp_path: Path) -> None:
    p = Paths.under(tmp_path).ensure()
    for d in (p.config_dir, p.data_dir, p.log_dir, p.cache_dir):
        assert d.is_dir()
        assert d.is_relative_to(tmp_path)
    assert p.profiles_file.parent == p.config_dir
    assert p.settings_file.parent == p.config_dir
    assert p.jobs_db.parent == p.data_dir
    assert p.sandbox_dir == p.data_dir / "sandbox"
    assert p.log_file.parent == p.log_dir


def test_default_uses_platform_dirs_named_after_the_app() -> None:
    p = Paths.default()
    assert "qfopgui" in str(p.config_dir)
    assert "qfopgui" in str(p.data_dir)
    assert len({p.config_dir, p.data_dir, p.log_dir, p.cache_dir}) >= 3
