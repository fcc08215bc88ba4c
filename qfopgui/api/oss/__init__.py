"""Aliyun OSS as a second provider (issue 10): `OssClient` on the official alibabacloud-oss-v2
SDK, returning the models and raising the errors `QiniuClient` does."""

from __future__ import annotations

from qfopgui.api.oss.client import OssClient
from qfopgui.api.oss.model_parsing import AsyncTask
from qfopgui.api.oss.multipart import OssMultipart

__all__ = ["AsyncTask", "OssClient", "OssMultipart"]
