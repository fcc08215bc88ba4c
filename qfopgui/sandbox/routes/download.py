"""io routes: ``GET|HEAD /dl/<bucket>/<key>`` with private-URL tokens, Range, ``?avinfo``
(audio/video), ``?imageInfo`` (pictures) and real-time processing (``?vframe/...``,
``?imageView2/...``: see `processing/realtime.py`). Each answered fop is also counted in
``hits`` under its name (``hits["avinfo"]``, ``hits["imageInfo"]``), so tests see which probe a
client used."""

from __future__ import annotations

import re
from email.utils import formatdate
from fractions import Fraction
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from qfopgui.sandbox.auth import AuthFailure
from qfopgui.sandbox.routes.common import (
    ApiError,
    Context,
    Request,
    Response,
    json_response,
)
from qfopgui.sandbox.routes.object_meta import meta_headers

_RANGE_RE = re.compile(r"bytes=(\d*)-(\d*)$")
REALTIME_OPS = frozenset({"vframe", "imageView2"})  # answered by processing/realtime.py


def _split_query(query: str) -> tuple[list[str], dict[str, str]]:
    """Query pieces without '=' are fops (``avinfo``, ``vframe/jpg/…``); the rest are params."""
    fops: list[str] = []
    params: dict[str, str] = {}
    for piece in query.split("&") if query else []:
        if "=" in piece:
            name, _, value = piece.partition("=")
            params[name] = unquote(value)
        elif piece:
            fops.append(unquote(piece))
    return fops, params


def download(ctx: Context, req: Request, groups: tuple[str, ...]) -> Response:
    bucket, raw_key = groups
    key = unquote(raw_key)
    row = ctx.storage.bucket(bucket)
    if row is None:
        raise ApiError(404, "Document not found")
    if row.private:
        try:
            ctx.verifier.download_url(f"http://{req.host}{req.raw_path}")
        except AuthFailure as exc:
            raise ApiError(exc.status, exc.message) from exc
    obj = ctx.storage.stat(bucket, key)
    if obj is None:
        raise ApiError(404, "Document not found")
    if obj.status == 1:  # disabled by /chstatus: the real CDN answers 403 "forbidden"
        raise ApiError(403, "forbidden")
    if not obj.readable:  # archive / deep archive without a finished /restoreAr
        raise ApiError(403, "the object is archived: restore it (restoreAr) before downloading")
    fops, params = _split_query(req.query_string)
    if fops:
        if fops[0] == "avinfo":
            ctx.hit("avinfo")
            return json_response(_avinfo(ctx, obj.path))
        if fops[0] == "imageInfo":
            ctx.hit("imageInfo")
            return _image_info(obj.path)
        if fops[0].split("/", 1)[0] in REALTIME_OPS:
            return _realtime(ctx, fops[0], obj.path)
        return json_response({"code": 400, "error": "unsupported fop in sandbox"}, 400)
    headers = {
        "Accept-Ranges": "bytes",
        "ETag": f'"{obj.hash}"',
        "Last-Modified": formatdate(obj.put_time / 10_000_000, usegmt=True),
        **meta_headers(obj.meta),
    }
    if params.get("attname"):
        headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(params['attname'])}"
    start, length, status = 0, obj.fsize, 200
    range_header = req.headers.get("Range", "")
    if range_header:
        parsed = _parse_range(range_header, obj.fsize)
        if parsed is None:
            headers["Content-Range"] = f"bytes */{obj.fsize}"
            resp = json_response({"error": "requested range not satisfiable"}, 416)
            resp.headers.update(headers)
            return resp
        start, end = parsed
        length, status = end - start + 1, 206
        headers["Content-Range"] = f"bytes {start}-{end}/{obj.fsize}"
    if req.method == "HEAD":
        return Response(status=status, content_type=obj.mime_type, headers=headers, length=length)
    fh = open(obj.path, "rb")  # noqa: SIM115 -- closed by the server after streaming
    fh.seek(start)
    return Response(
        status=status, content_type=obj.mime_type, headers=headers, stream=fh, length=length
    )


def _parse_range(header: str, size: int) -> tuple[int, int] | None:
    """First range of ``bytes=a-b`` / ``a-`` / ``-n``; None when unsatisfiable."""
    match = _RANGE_RE.match(header.strip().split(",")[0].strip())
    if match is None or size == 0:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:
        start = max(0, size - int(last))
        end = size - 1
    else:
        start = int(first)
        end = min(int(last), size - 1) if last else size - 1
    if start >= size or end < start:
        return None
    return start, end


def _realtime(ctx: Context, fop: str, path: Path) -> Response:
    """A frame or a smaller picture, made now (nothing is stored); errors like Qiniu's."""
    try:
        import imageio_ffmpeg

        from qfopgui.sandbox.processing.realtime import RealtimeError, render
    except ImportError:
        return json_response({"code": 599, "error": "real-time processing is unavailable"}, 599)
    try:
        out = render(
            fop, path, ffmpeg=imageio_ffmpeg.get_ffmpeg_exe(), tmp_root=ctx.storage.tmp_dir
        )
    except RealtimeError as exc:
        return json_response({"code": exc.status, "error": exc.message}, exc.status)
    return Response(status=200, body=out.body, content_type=out.mime)


def _image_info(path: Path) -> Response:
    """A picture's size, format and dimensions; 400 like Qiniu's for anything else."""
    from qfopgui.sandbox.processing.realtime import RealtimeError, image_info

    try:
        return json_response(image_info(path))
    except RealtimeError as exc:
        return json_response({"code": exc.status, "error": exc.message}, exc.status)


def _avinfo(ctx: Context, path: Path) -> dict[str, Any]:
    try:
        if ctx.processor is not None:
            return ctx.processor.avinfo(path)
        return avinfo_pyav(path)
    except Exception as exc:
        raise ApiError(400, "not a valid media file") from exc


def avinfo_pyav(path: Path) -> dict[str, Any]:
    """ffprobe-style metadata via PyAV (used only when no processor is attached)."""
    import av

    def _fmt(value: float | None) -> str | None:
        return None if value is None else f"{value:.6f}"

    with av.open(str(path)) as container:
        streams: list[dict[str, Any]] = []
        for stream in container.streams:
            ctx_ = stream.codec_context
            entry: dict[str, Any] = {
                "index": stream.index,
                "codec_name": ctx_.name if ctx_ is not None else "",
                "codec_type": stream.type,
            }
            if stream.duration is not None and stream.time_base is not None:
                entry["duration"] = _fmt(float(stream.duration * stream.time_base))
            if ctx_ is not None and ctx_.bit_rate:
                entry["bit_rate"] = str(ctx_.bit_rate)
            if stream.type == "video":
                entry["width"] = getattr(ctx_, "width", 0)
                entry["height"] = getattr(ctx_, "height", 0)
                rate = getattr(stream, "average_rate", None)
                if isinstance(rate, Fraction):
                    entry["r_frame_rate"] = f"{rate.numerator}/{rate.denominator}"
            elif stream.type == "audio":
                entry["sample_rate"] = str(getattr(ctx_, "sample_rate", 0))
                entry["channels"] = getattr(ctx_, "channels", 0)
            streams.append(entry)
        duration = container.duration / 1_000_000 if container.duration is not None else None
        fmt: dict[str, Any] = {
            "nb_streams": len(streams),
            "format_name": container.format.name,
            "duration": _fmt(duration),
            "size": str(path.stat().st_size),
            "bit_rate": str(container.bit_rate or 0),
            "start_time": _fmt(
                container.start_time / 1_000_000 if container.start_time is not None else 0.0
            ),
        }
    return {"streams": streams, "format": fmt}
