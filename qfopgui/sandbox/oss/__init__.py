"""An Aliyun OSS-compatible local server (issue 10): objects, listings, multipart, V1/V4
signature checks and ``x-oss-async-process`` run with real ffmpeg. Independent of the app."""

from __future__ import annotations

from qfopgui.sandbox.oss.config import OssConfig, valid_oss_bucket_name
from qfopgui.sandbox.oss.server import OssServer

__all__ = ["OssConfig", "OssServer", "valid_oss_bucket_name"]
