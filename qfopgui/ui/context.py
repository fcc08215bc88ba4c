"""Everything the UI needs, built once by the composition root (`qfopgui.app`) and passed in.

No view reaches for globals: a view gets the context (or the few services it needs) through its
constructor. Fields are typed loosely (`Any`) where the concrete class lives in a module written
by another part of the app, to keep this file free of import cycles.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")

RunIn = Callable[[Callable[[], T]], Awaitable[T]]


@dataclass
class AppContext:
    """Services shared by the windows and views of one running app."""

    paths: Any  # qfopgui.paths.Paths: config_dir, data_dir, log_dir, cache_dir
    settings: Any  # qfopgui.settings.Settings
    profiles: Any  # qfopgui.services.profiles.ProfileStore
    secrets: Any  # qfopgui.services.secrets.SecretStore
    store: Any  # qfopgui.services.store.JobStore (call only through run_store)
    run_store: Callable[[Callable[[], Any]], Awaitable[Any]]  # serial store/disk executor
    run_blocking: Callable[[Callable[[], Any]], Awaitable[Any]]  # network executor (daemon threads)
    run_keyring: Callable[[Callable[[], Any]], Awaitable[Any]]  # serial keyring executor
    clients: Any  # qfopgui.ui.clients.ClientFactory: client_for(profile_name) -> QiniuClient
    poller: Any  # qfopgui.services.poller.JobPoller
    submitter: Any  # qfopgui.services.submitter.Submitter
    tasks: Any  # qfopgui.ui.aio.TaskOwner
    sandbox: Any  # qfopgui.ui.sandbox_manager.SandboxManager (starts the in-process sandbox)
