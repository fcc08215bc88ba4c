"""Resumable upload v1: ``/mkblk/<size>``, ``/bput/<ctx>/<offset>``, ``/mkfile/<fsize>/…``.

A file is cut into 4 MiB blocks (the last may be shorter). ``mkblk`` opens a block with its first
chunk, ``bput`` appends the next chunk, and each answer carries a new opaque ``ctx`` naming the
block and how much of it is stored. ``mkfile`` takes the last ``ctx`` of every block, in order,
as a comma-separated body and finalizes like a form upload (same put policy, persistentOps and
response body). Every request is authorized with ``Authorization: UpToken <token>``.

Blocks live on disk as ``<data>/uploads/v1-<id>/`` with a ``session.json`` holding ``expireAt``
(7 days), so they survive a restart and expired ones are swept by the same startup cleanup as
multipart v2 sessions. Chunks are immutable files named by their offset and created with an
exclusive link, so two writers racing on one ``ctx`` cannot both win; no lock is needed.
An unknown, expired, foreign or stale ``ctx`` answers 701, as the service does.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
import uuid
import zlib
from pathlib import Path
from typing import Any

from qfopgui.sandbox.auth import UploadPolicy, b64decode_lenient
from qfopgui.sandbox.routes.common import ApiError, Context, Request, Response, json_response
from qfopgui.sandbox.routes.object_meta import metadata_from
from qfopgui.sandbox.routes.upload import finalize_upload, verify_upload_token

BLOCK_SIZE = 4 * 1024 * 1024
BLOCK_TTL = 7 * 24 * 3600
ERR_BAD_CTX = "invalid context, or context expired"
_CTX_RE = re.compile(r"v1-([0-9a-f]{32})_(\d+)")
_CHUNK_PREFIX = "chunk-"


def _authorize(ctx: Context, req: Request) -> UploadPolicy:
    scheme, _, token = req.headers.get("Authorization", "").partition(" ")
    up = verify_upload_token(ctx, token.strip() if scheme == "UpToken" else "")
    ctx.require_bucket(up.scope_bucket)
    return up


def _blocks_root(ctx: Context) -> Path:
    path = ctx.storage.data_dir / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _make_ctx(block_id: str, offset: int) -> str:
    return f"v1-{block_id}_{offset}"


def _check_crc(req: Request, chunk: bytes) -> int:
    """crc32 of the chunk; a client-sent ``crc32`` query value must match it (else 400)."""
    crc = zlib.crc32(chunk) & 0xFFFFFFFF
    claimed = req.query().get("crc32", "").strip()
    if claimed and (not claimed.isdigit() or int(claimed) != crc):
        raise ApiError(400, "crc32 not match")
    return crc


def _open_block(ctx: Context, up: UploadPolicy, text: str) -> tuple[Path, dict[str, Any], int]:
    """Resolve ``ctx`` to (folder, meta, stored size); 701 unless it names the block's tip."""
    match = _CTX_RE.fullmatch(text.strip())
    if match is None:
        raise ApiError(701, ERR_BAD_CTX)
    folder = _blocks_root(ctx) / f"v1-{match.group(1)}"
    try:
        meta = json.loads((folder / "session.json").read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ApiError(701, ERR_BAD_CTX) from exc
    if meta.get("kind") != "v1-block" or meta.get("bucket") != up.scope_bucket:
        raise ApiError(701, ERR_BAD_CTX)
    if int(meta.get("expireAt", 0)) < time.time():
        shutil.rmtree(folder, ignore_errors=True)
        raise ApiError(701, ERR_BAD_CTX)
    return folder, meta, int(match.group(2))


def _write_chunk(folder: Path, offset: int, chunk: bytes) -> None:
    """Store one chunk at ``offset``; 701 when another request already wrote that offset."""
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(chunk)
        os.link(tmp_name, folder / f"{_CHUNK_PREFIX}{offset:012d}")
    except FileExistsError as exc:
        raise ApiError(701, ERR_BAD_CTX) from exc
    finally:
        os.unlink(tmp_name)


def _chunks_until(folder: Path, end: int) -> list[Path]:
    """The chunk files covering ``[0, end)`` exactly, in order; 701 when they don't."""
    chunks: list[Path] = []
    offset = 0
    while offset < end:
        path = folder / f"{_CHUNK_PREFIX}{offset:012d}"
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise ApiError(701, ERR_BAD_CTX) from exc
        if size == 0:
            raise ApiError(701, ERR_BAD_CTX)
        chunks.append(path)
        offset += size
    if offset != end:
        raise ApiError(701, ERR_BAD_CTX)
    return chunks


def _chunk_answer(
    ctx: Context, req: Request, block_id: str, offset: int, crc: int, expire_at: int, chunk: bytes
) -> Response:
    checksum = base64.urlsafe_b64encode(hashlib.sha1(chunk).digest()).decode("ascii")
    return json_response(
        {
            "ctx": _make_ctx(block_id, offset),
            "checksum": checksum,
            "crc32": crc,
            "offset": offset,
            "host": f"http://{ctx.host_port_of(req.listener)}",  # this region's up host
            "expired_at": expire_at,
        }
    )


def mkblk(ctx: Context, req: Request, groups: tuple[str, ...]) -> Response:
    """``POST /mkblk/<blockSize>`` with the block's first chunk as the body."""
    up = _authorize(ctx, req)
    block_size = int(groups[0])
    chunk = req.body
    if not 0 < block_size <= BLOCK_SIZE:
        raise ApiError(400, f"invalid block size: must be 1..{BLOCK_SIZE} bytes")
    if not chunk or len(chunk) > block_size:
        raise ApiError(400, "invalid chunk size: must be 1..blockSize bytes")
    crc = _check_crc(req, chunk)
    block_id = uuid.uuid4().hex
    folder = _blocks_root(ctx) / f"v1-{block_id}"
    folder.mkdir()
    expire_at = int(time.time()) + BLOCK_TTL
    meta = {
        "kind": "v1-block",
        "bucket": up.scope_bucket,
        "blockSize": block_size,
        "expireAt": expire_at,
    }
    _write_chunk(folder, 0, chunk)
    tmp = folder / ".session.tmp"
    tmp.write_text(json.dumps(meta), "utf-8")
    os.replace(tmp, folder / "session.json")
    return _chunk_answer(ctx, req, block_id, len(chunk), crc, expire_at, chunk)


def bput(ctx: Context, req: Request, groups: tuple[str, ...]) -> Response:
    """``POST /bput/<ctx>/<offset>`` with the next chunk of that block as the body."""
    up = _authorize(ctx, req)
    text, offset_text = groups
    folder, meta, stored = _open_block(ctx, up, text)
    offset = int(offset_text)
    chunk = req.body
    if offset != stored:
        raise ApiError(701, ERR_BAD_CTX)
    if not chunk or stored + len(chunk) > int(meta["blockSize"]):
        raise ApiError(400, "invalid chunk size: the chunk overruns the block size")
    _chunks_until(folder, stored)
    crc = _check_crc(req, chunk)
    _write_chunk(folder, stored, chunk)
    block_id = folder.name.removeprefix("v1-")
    return _chunk_answer(ctx, req, block_id, stored + len(chunk), crc, int(meta["expireAt"]), chunk)


def _decode_params(tail: str) -> dict[str, str]:
    """``/name/<b64>/name/<b64>…`` after the size; values are URL-safe base64 UTF-8."""
    items = tail.split("/")[1:] if tail else []
    if len(items) % 2:
        raise ApiError(400, "invalid mkfile parameters: expected /name/<base64 value> pairs")
    out: dict[str, str] = {}
    for name, value in zip(items[::2], items[1::2], strict=True):
        try:
            out[name] = b64decode_lenient(value).decode("utf-8")
        except (ValueError, UnicodeDecodeError) as exc:
            raise ApiError(400, f"invalid base64 value for {name}") from exc
    return out


def mkfile(ctx: Context, req: Request, groups: tuple[str, ...]) -> Response:
    """``POST /mkfile/<fsize>[/key/<b64>][/mimeType/<b64>][/fname/<b64>][/x:var/<b64>]…``.

    ``/x-qn-meta-<name>/<b64>`` segments become the object's metadata.
    """
    up = _authorize(ctx, req)
    fsize = int(groups[0])
    params = _decode_params(groups[1] or "")
    metadata = metadata_from(params.items())
    try:
        contexts = [c.strip() for c in req.body.decode("ascii").split(",") if c.strip()]
    except UnicodeDecodeError as exc:
        raise ApiError(400, "invalid ctx list: expected comma-separated contexts") from exc
    if not contexts:
        raise ApiError(400, "invalid ctx list: the body must list every block's last ctx")
    blocks: list[tuple[Path, list[Path]]] = []
    total = 0
    for index, text in enumerate(contexts):
        folder, meta, stored = _open_block(ctx, up, text)
        if stored != int(meta["blockSize"]):
            raise ApiError(701, ERR_BAD_CTX)
        if index < len(contexts) - 1 and stored != BLOCK_SIZE:
            raise ApiError(400, f"invalid block size: every block but the last is {BLOCK_SIZE}")
        blocks.append((folder, _chunks_until(folder, stored)))
        total += stored
    if total != fsize:
        raise ApiError(400, f"file size {fsize} does not match the blocks ({total} bytes)")
    ctx.storage.tmp_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=ctx.storage.tmp_dir, prefix="mkfile-")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            for _, chunks in blocks:
                for path in chunks:
                    with open(path, "rb") as part:
                        shutil.copyfileobj(part, out, 1 << 20)
        response = finalize_upload(
            ctx,
            req,
            up,
            key=params.get("key"),
            src=tmp,
            fname=params.get("fname", ""),
            mime_type=params.get("mimeType", ""),
            custom_vars={k: v for k, v in params.items() if k.startswith("x:")},
            metadata=metadata,
        )
    finally:
        tmp.unlink(missing_ok=True)
    for folder, _ in blocks:
        shutil.rmtree(folder, ignore_errors=True)
    return response
