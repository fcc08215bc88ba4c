"""The sandbox's pfop engine: fop parsing, pipelines of tasks, real ffmpeg, notify callbacks.

Choices where Qiniu's behaviour is unconfirmed or this ffmpeg build differs:

- `libfaac` is treated as Qiniu's legacy alias for `aac`; `libfdk_aac` (and `audioProfile/aac_he`)
  fail the item because the bundled ffmpeg lacks it. Unknown or unsupported parameters fail the
  item ("unsupported parameter ..."), they are never ignored.
- `$(count)` in `pattern`/`savePattern` starts at 000000 for HLS segments and vsample frames.
  Without a pattern, HLS segments are named `<m3u8 key without .m3u8>-NNNNNN.ts`.
- HLS `noDomain/1` writes segment URIs relative to the playlist; otherwise `domain/<b64>` or the
  sandbox's own `/dl/<bucket>` URL (`Processor.download_base`, set by the server).
- wmImage and avconcat URLs must point at sandbox objects (`http://127.0.0.1:<port>/dl/<bucket>/
  <key>` or `kodo://<bucket>/<key>`); they are read from storage directly, not over HTTP.
- Workflow templates do not exist in the sandbox: such a task fails its single item.
- The overall code stays 2 until the notify POST is answered, then becomes 0/3, or 4 on failure.
"""

from __future__ import annotations

from qfopgui.sandbox.processing.processor import ProcessingRequestError, Processor

__all__ = ["ProcessingRequestError", "Processor"]
