"""Logging set-up: a rotating file in the log folder, secrets scrubbed before anything is written.

The filter runs on every handler, so neither the file nor the console ever sees a SecretKey that
was registered at runtime, an `Authorization:` header, a `token=` query value or an upload token.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
import threading
from pathlib import Path

MASK = "***"

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Authorization: QBox AK:sig / Qiniu AK:sig / Bearer … (header lines, dict reprs, JSON)
    (
        re.compile(r"""(?i)(authorization["']?\s*[:=]\s*["']?)[^"'\r\n,}]+"""),
        r"\1" + MASK,
    ),
    # a bare management signature anywhere: "Qiniu AK:sig" / "QBox AK:sig"
    (re.compile(r"\b(QBox|Qiniu)\s+([\w-]+):[\w=-]+"), r"\1 \2:" + MASK),
    # upload token AK:sig:policy (sig is url-safe base64 of a 20-byte HMAC → 27/28 chars)
    (re.compile(r"\b([\w-]{8,}):[\w-]{27}=?:[\w=-]+"), r"\1:" + MASK),
    # token=… in query strings and key/value dumps (download tokens, upTokens)
    (re.compile(r"""(?i)((?:up)?token["']?\s*[=:]\s*["']?)[^&\s"',}]+"""), r"\1" + MASK),
)


class RedactingFilter(logging.Filter):
    """Rewrites each record's message (and traceback) with secrets replaced by `***`."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._secrets: frozenset[str] = frozenset()

    def add_secret(self, secret: str) -> None:
        """Register a value (a SecretKey) that must never be written, wherever it appears."""
        if len(secret) >= 4:
            with self._lock:
                self._secrets = self._secrets | {secret}

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, MASK)
        for pattern, repl in _PATTERNS:
            text = pattern.sub(repl, text)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string must not lose the record
            message = str(record.msg)
        record.msg = self.redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
            record.exc_info = None
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


_OURS = "_qfopgui_handler"


def setup_logging(
    log_dir: Path, *, level: int = logging.INFO, console: bool = False
) -> RedactingFilter:
    """Install the rotating file handler (and optionally stderr) on the root logger.

    Calling it again (tests, a second `main()` in one process) replaces the handlers it installed
    earlier instead of stacking them.
    """
    log_dir.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, _OURS, False):
            root.removeHandler(h)
            h.close()
    redactor = RedactingFilter()
    fmt = logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s")
    file_handler = logging.handlers.RotatingFileHandler(
        log_dir / "qfopgui.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handlers: list[logging.Handler] = [file_handler]
    if console:
        handlers.append(logging.StreamHandler(sys.stderr))
    for h in handlers:
        h.setFormatter(fmt)
        h.addFilter(redactor)
        setattr(h, _OURS, True)
        root.addHandler(h)
    root.setLevel(level)
    # urllib3 logs full URLs (with token=) at DEBUG; the filter handles it, but keep the noise down.
    logging.getLogger("urllib3").setLevel(logging.WARNING)
    return redactor


def shutdown_logging() -> None:
    """Close the handlers installed by `setup_logging` (tests, end of `main()`)."""
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, _OURS, False):
            root.removeHandler(h)
            h.close()
