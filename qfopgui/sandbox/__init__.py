"""qfopgui.sandbox: a local, Qiniu-compatible server (storage, uploads, pfop/prefop, downloads).

The official ``qiniu`` SDK works against it unchanged; see ``SandboxServer`` and
``docs/architecture.md``.
"""

from __future__ import annotations

from qfopgui import __version__
from qfopgui.sandbox.config import SandboxConfig
from qfopgui.sandbox.server import SandboxServer
from qfopgui.sandbox.storage import BucketRow, Storage, StoredObject

__all__ = ["BucketRow", "SandboxConfig", "SandboxServer", "Storage", "StoredObject", "__version__"]
