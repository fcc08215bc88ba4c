"""The sandbox's pfop engine: fop parsing, pipelines of tasks, real ffmpeg, notify callbacks.

Choices where Qiniu's behaviour is unconfirmed or this ffmpeg build differs:

- `libfaac` is treated as Qiniu's legacy alias for `aac`; `libfdk_aac` (and `audioProfile/aac_he`)
  fail the item because the bundled ffmpeg lacks it. Unknown or unsupported parameters fail the
  item ("unsupported parameter ..."), they are never ignored; so do parameters that could not
  take effect (encoder settings with `copy`, audio settings for an output without audio, ...).
- A sampling rate the codec cannot take is resampled to the nearest one it can (`rates`), and
  `vb`/`ab` above the source's rate with the codec unchanged keep the source's rate.
- `$(count)` in `pattern`/`savePattern` starts at 000000 for HLS segments and vsample frames.
  Without a pattern, HLS segments are named `<m3u8 key without .m3u8>-NNNNNN.ts`.
- HLS `noDomain/1` writes segment URIs relative to the playlist; otherwise `domain/<b64>` or the
  sandbox's own `/dl/<bucket>` URL (`Processor.download_base`, set by the server).
- Image steps (`imageView2`, `imageMogr2`, `watermark`) run through ffmpeg like avthumb and pipe
  into each other; imageView2 never enlarges. avthumb `af` takes whitelisted audio filters only.
- wmImage, watermark/1 image and avconcat URLs must point at sandbox objects (`http://127.0.0.1:<port>/dl/<bucket>/
  <key>` or `kodo://<bucket>/<key>`); they are read from storage directly, not over HTTP.
- Workflow templates do not exist in the sandbox: such a task fails its single item.
- The overall code stays 2 until the notify POST is answered, then becomes 0/3, or 4 on failure.
"""

from __future__ import annotations

from qfopgui.sandbox.processing.processor import ProcessingRequestError, Processor

__all__ = ["ProcessingRequestError", "Processor"]
