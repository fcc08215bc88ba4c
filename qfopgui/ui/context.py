"""Everything the UI needs, built once by the composition root (`qfopgui.app`) and passed in.

No view reaches for globals: a controller or view gets this context (or the few services it
needs) through its constructor. The fields are the real service classes; only `tasks` is a
UI type (the owner of the coroutines the UI starts).
"""

from __future__ import annotations

from dataclasses import dataclass

from qfopgui.paths import Paths
from qfopgui.services.clients import ClientFactory
from qfopgui.services.executors import RunIn
from qfopgui.services.jobs import JobsService
from qfopgui.services.links import LinkResolver
from qfopgui.services.poller import JobPoller
from qfopgui.services.preset_library import PresetLibrary
from qfopgui.services.preset_preview import PreviewRunner
from qfopgui.services.profiles import ProfileStore
from qfopgui.services.sandbox_manager import SandboxManager
from qfopgui.services.sandbox_pipelines import SandboxPipelines
from qfopgui.services.secrets import SecretStore
from qfopgui.services.store import JobStore
from qfopgui.services.submitter import Submitter
from qfopgui.services.thumbnails import ThumbnailService
from qfopgui.services.uploads import UploadService
from qfopgui.settings import Settings
from qfopgui.ui.background import TaskOwner


@dataclass
class AppContext:
    """Services shared by the windows and views of one running app."""

    paths: Paths
    settings: Settings
    profiles: ProfileStore
    secrets: SecretStore
    store: JobStore  # call only through run_store
    run_store: RunIn  # the serial store/disk executor
    run_blocking: RunIn  # the network executor (daemon threads)
    run_keyring: RunIn  # the serial keyring executor
    clients: ClientFactory
    poller: JobPoller
    submitter: Submitter
    tasks: TaskOwner
    sandbox: SandboxManager
    jobs: JobsService
    presets: PresetLibrary
    previews: PreviewRunner  # "Preview on this file"
    links: LinkResolver | None = None  # one lookup of domains/privacy for every feature
    thumbnails: ThumbnailService | None = None  # Files → Details previews (None: none shown)
    uploads: UploadService | None = None  # uploads and the Transfers view (None: no uploads)
    sandbox_pipelines: SandboxPipelines | None = None  # creates added queues in the sandbox
