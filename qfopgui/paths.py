"""Where the app keeps its files: platformdirs locations, or everything under one `--basedir`.

One object, built once in `app.py` and passed around, so tests and smoke runs can point every
file (profiles, settings, job database, logs, sandbox data) at a temporary directory.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "qfopgui"


@dataclass(frozen=True)
class Paths:
    """The four directories the app writes to, plus the well-known files inside them."""

    config_dir: Path
    data_dir: Path
    log_dir: Path
    cache_dir: Path

    @classmethod
    def default(cls) -> Paths:
        """The platform's usual places (XDG on Linux, AppData on Windows, ~/Library on macOS)."""
        dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
        return cls(
            config_dir=Path(dirs.user_config_dir),
            data_dir=Path(dirs.user_data_dir),
            log_dir=Path(dirs.user_log_dir),
            cache_dir=Path(dirs.user_cache_dir),
        )

    @classmethod
    def under(cls, basedir: Path | str) -> Paths:
        """Everything below one directory (`--basedir`, tests, smoke runs)."""
        base = Path(basedir).expanduser().resolve()
        return cls(
            config_dir=base / "config",
            data_dir=base / "data",
            log_dir=base / "logs",
            cache_dir=base / "cache",
        )

    def ensure(self) -> Paths:
        """Create the directories (idempotent) and return self."""
        for d in (self.config_dir, self.data_dir, self.log_dir, self.cache_dir):
            d.mkdir(parents=True, exist_ok=True)
        return self

    @property
    def profiles_file(self) -> Path:
        return self.config_dir / "profiles.json"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.ini"

    @property
    def presets_file(self) -> Path:
        """The user's own presets (built-ins are in the code)."""
        return self.config_dir / "presets.json"

    @property
    def preview_journal(self) -> Path:
        """Temporary preview outputs still to delete (cleaned up at the next start)."""
        return self.data_dir / "preview-cleanup.json"

    @property
    def jobs_db(self) -> Path:
        return self.data_dir / "jobs.sqlite3"

    @property
    def uploads_db(self) -> Path:
        """Uploads in progress (multipart sessions and finished parts), so they resume."""
        return self.data_dir / "uploads.sqlite3"

    @property
    def thumbnails_dir(self) -> Path:
        """Thumbnails and poster frames shown in the Files details pane (bounded cache)."""
        return self.cache_dir / "thumbnails"

    @property
    def sandbox_dir(self) -> Path:
        return self.data_dir / "sandbox"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "qfopgui.log"
