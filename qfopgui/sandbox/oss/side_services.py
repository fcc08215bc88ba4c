"""The OSS sandbox's task store, emulated MNS queues and IMM/MNS listeners, as one unit.

Stop order: the server stops its worker first (a task finishing meanwhile still publishes),
then long polls are woken, the listeners closed and the databases closed.
"""

from __future__ import annotations

from qfopgui.sandbox.oss.config import OssConfig
from qfopgui.sandbox.oss.imm import IMM_VERSION, ImmService
from qfopgui.sandbox.oss.mns import MnsService
from qfopgui.sandbox.oss.mns_queue import MnsQueues
from qfopgui.sandbox.oss.mns_signing import MnsVerifier
from qfopgui.sandbox.oss.rpc_signing import RpcVerifier
from qfopgui.sandbox.oss.side_http import SideListener
from qfopgui.sandbox.oss.tasks import OssTaskStore


class SideServices:
    """The task store, the MNS queues and the IMM/MNS listeners, opened and closed together."""

    def __init__(self, cfg: OssConfig) -> None:
        self.tasks = OssTaskStore(cfg.data_dir / "oss-tasks.sqlite")
        self.queues = MnsQueues(
            cfg.data_dir / "oss-mns.sqlite",
            dict(cfg.mns_queues),
            visibility_timeout=cfg.mns_visibility_timeout,
        )
        self.imm: SideListener | None = None
        self.mns: SideListener | None = None
        try:
            imm = ImmService(
                RpcVerifier(cfg.secret_keys, version=IMM_VERSION), cfg.imm_projects, self.tasks.get
            )
            self.imm = SideListener(cfg.host, cfg.imm_port, "imm", imm)
            mns = MnsService(MnsVerifier(cfg.secret_keys), self.queues)
            self.mns = SideListener(cfg.host, cfg.mns_port, "mns", mns)
        except BaseException:
            self.close_listeners()
            self.close_stores()
            raise

    def close_listeners(self) -> None:
        self.queues.stop_receiving()  # wakes long polls, so the listeners stop promptly
        for listener in (self.imm, self.mns):
            if listener is not None:
                listener.close()
        self.imm = self.mns = None

    def close_stores(self) -> None:
        self.queues.close()
        self.tasks.close()
