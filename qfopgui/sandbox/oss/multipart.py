"""Multipart upload: Initiate, UploadPart, Complete, Abort, ListParts.

A session is a directory ``<data>/oss-multipart/<uploadId>/`` with ``session.json`` and one file
plus one ``.json`` record per part, so uploads survive a sandbox restart.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import shutil
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from qfopgui.sandbox.oss.answers import (
    OssError,
    PartInfo,
    complete_document,
    initiate_document,
    list_parts_document,
    xml_response,
)
from qfopgui.sandbox.oss.checksums import (
    FileDigests,
    check_content_md5,
    crc64,
    multipart_etag,
)
from qfopgui.sandbox.oss.model import OssContext, OssRequest, stored_meta
from qfopgui.sandbox.routes.common import Response

MIN_PART = 100 * 1024  # every part but the last, as on OSS
MAX_PART_NUMBER = 10000


def _root(ctx: OssContext) -> Path:
    return ctx.config.data_dir / "oss-multipart"


def _session_dir(ctx: OssContext, req: OssRequest) -> tuple[Path, dict[str, Any]]:
    upload_id = req.param("uploadId")
    folder = _root(ctx) / upload_id
    try:
        if not upload_id.isalnum():
            raise FileNotFoundError(upload_id)
        session = json.loads((folder / "session.json").read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise OssError(404, "NoSuchUpload", "The specified upload does not exist.") from exc
    if session["bucket"] != req.bucket or session["key"] != req.key:
        raise OssError(404, "NoSuchUpload", "The specified upload does not exist.")
    return folder, session


def initiate(ctx: OssContext, req: OssRequest) -> Response:
    upload_id = secrets.token_hex(16).upper()
    folder = _root(ctx) / upload_id
    folder.mkdir(parents=True)
    session = {
        "bucket": req.bucket,
        "key": req.key,
        "content_type": req.header("Content-Type"),
        "meta": req.user_meta(),
        "created": time.time(),
    }
    (folder / "session.json").write_text(json.dumps(session), "utf-8")
    return xml_response(initiate_document(req.bucket, req.key, upload_id))


def _part_number(raw: str) -> int:
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PART_NUMBER:
        raise OssError(400, "InvalidArgument", "partNumber must be from 1 to 10000.")
    return int(raw)


def upload_part(ctx: OssContext, req: OssRequest) -> Response:
    folder, _ = _session_dir(ctx, req)
    number = _part_number(req.param("partNumber"))
    check_content_md5(req.header("Content-MD5"), req.body)
    etag = hashlib.md5(req.body).hexdigest().upper()
    crc = crc64(req.body)
    tmp = folder / f"{number}.{secrets.token_hex(4)}.tmp"
    tmp.write_bytes(req.body)
    tmp.replace(folder / str(number))
    record = {"etag": etag, "crc64": str(crc), "size": len(req.body), "modified": time.time()}
    record_tmp = folder / f"{number}.{secrets.token_hex(4)}.rec"
    record_tmp.write_text(json.dumps(record), "utf-8")
    record_tmp.replace(folder / f"{number}.json")  # ListParts never reads half a record
    return Response(
        status=200,
        content_type="application/octet-stream",
        headers={"ETag": f'"{etag}"', "x-oss-hash-crc64ecma": str(crc)},
    )


def _parts(folder: Path) -> dict[int, PartInfo]:
    parts: dict[int, PartInfo] = {}
    for record in folder.glob("*.json"):
        if record.stem.isdigit():
            data = json.loads(record.read_text("utf-8"))
            number = int(record.stem)
            parts[number] = PartInfo(
                number, data["etag"], data["size"], data["modified"], data["crc64"]
            )
    return dict(sorted(parts.items()))


def _requested_parts(req: OssRequest, known: dict[int, PartInfo]) -> list[PartInfo]:
    if req.header("x-oss-complete-all").lower() == "yes":
        return list(known.values())
    try:
        root = ET.fromstring(req.body)
    except ET.ParseError as exc:
        raise OssError(400, "MalformedXML", "The XML you provided was not well-formed.") from exc
    chosen: list[PartInfo] = []
    for part in root.iter("Part"):
        number = int((part.findtext("PartNumber") or "0").strip() or 0)
        etag = (part.findtext("ETag") or "").strip().strip('"').upper()
        info = known.get(number)
        if info is None or info.etag != etag:
            raise OssError(
                400,
                "InvalidPart",
                "One or more of the specified parts could not "
                "be found or the specified entity tag might not have matched.",
            )
        if chosen and number <= chosen[-1].number:
            raise OssError(400, "InvalidPartOrder", "The list of parts was not in ascending order.")
        chosen.append(info)
    if not chosen:
        raise OssError(400, "MalformedXML", "The XML you provided named no parts.")
    if any(p.size < MIN_PART for p in chosen[:-1]):
        raise OssError(400, "EntityTooSmall", "A part other than the last is smaller than 100 KB.")
    return chosen


def complete(ctx: OssContext, req: OssRequest) -> Response:
    folder, session = _session_dir(ctx, req)
    chosen = _requested_parts(req, _parts(folder))
    digests = FileDigests()
    joined = folder / "complete.tmp"
    with joined.open("wb") as out:
        for part in chosen:
            with (folder / str(part.number)).open("rb") as src:
                while chunk := src.read(1 << 20):
                    digests.update(chunk)
                    out.write(chunk)
    etag = multipart_etag([p.etag for p in chosen])
    meta = stored_meta(etag, digests.crc64, type_="Multipart", user=session["meta"])
    ctx.storage.put_file(
        req.bucket,
        req.key,
        joined,
        move=True,
        mime_type=session["content_type"] or None,
        meta=meta,
    )
    shutil.rmtree(folder, ignore_errors=True)
    location = f"{ctx.base_url()}/{req.bucket}/{req.key}"
    return Response(
        status=200,
        body=xml_response(complete_document(req.bucket, req.key, etag, location)).body,
        content_type="application/xml",
        headers={"ETag": f'"{etag}"', "x-oss-hash-crc64ecma": str(digests.crc64)},
    )


def abort(ctx: OssContext, req: OssRequest) -> Response:
    folder, _ = _session_dir(ctx, req)
    shutil.rmtree(folder, ignore_errors=True)
    return Response(status=204, content_type="application/xml")


def list_parts(ctx: OssContext, req: OssRequest) -> Response:
    folder, _ = _session_dir(ctx, req)
    raw_max = req.param("max-parts") or "1000"
    raw_marker = req.param("part-number-marker") or "0"
    if not raw_max.isdigit() or not raw_marker.isdigit() or not 1 <= int(raw_max) <= 1000:
        raise OssError(400, "InvalidArgument", "max-parts and part-number-marker must be numbers.")
    max_parts, marker = int(raw_max), int(raw_marker)
    remaining = [p for n, p in _parts(folder).items() if n > marker]
    page = remaining[:max_parts]
    body = list_parts_document(
        req.bucket,
        req.key,
        req.param("uploadId"),
        page,
        max_parts=max_parts,
        marker=marker,
        truncated=len(remaining) > max_parts,
    )
    return xml_response(body)
