"""avthumb's subtitle parameters: `subtitle/<b64 URL>` adds a soft subtitle track and
`scodec/mov_text` keeps the source's own subtitles, re-encoded.

The service documents `subtitle` for srt files (UTF-8, with or without BOM) and media files
carrying subtitles; in the sandbox the URL must name a sandbox object (download URL or
kodo://bucket/key) and its first subtitle stream is used. Only containers that hold text
subtitles can take them: mp4/mov (mov_text) and mkv (srt). The documented `embed` variant (burnt-in
subtitles) is not supported and fails the item.
"""

from __future__ import annotations

from dataclasses import dataclass

from qfopgui.sandbox.processing import params as P
from qfopgui.sandbox.processing.avthumb_formats import Container
from qfopgui.sandbox.processing.plan import BuildContext

SUBTITLE_KEYS = frozenset({"subtitle", "scodec"})
# the subtitle encoder each container can hold
_CODECS = {"mp4": "mov_text", "mov": "mov_text", "matroska": "srt"}


@dataclass(frozen=True)
class Subtitles:
    """What to add to the ffmpeg run: an extra input (or None: the source's own) and its codec."""

    url_input: str | None
    codec: str


def subtitle_request(values: dict[str, str], box: Container, ctx: BuildContext) -> Subtitles | None:
    """Validate `subtitle` / `scodec`; None when neither is given."""
    if not SUBTITLE_KEYS & set(values):
        return None
    name = "subtitle" if "subtitle" in values else "scodec"
    if box.muxer not in _CODECS:
        raise P.ParamError(f"invalid {name}: only mp4, mov and mkv output can hold subtitles")
    if P.flag("sn", values.get("sn", "0")):
        raise P.ParamError(f"invalid {name}: cannot be combined with sn/1")
    codec = _CODECS[box.muxer]
    if "scodec" in values and values["scodec"] != codec:
        raise P.ParamError(f"invalid scodec: {box.ext} output takes {codec} subtitles only")
    if "subtitle" not in values:
        return Subtitles(None, codec)
    if values["subtitle"] == "embed":
        raise P.ParamError("invalid subtitle: embed (burnt-in subtitles) is not supported")
    url = P.text("subtitle", values["subtitle"])
    return Subtitles(str(ctx.resolve(url)), codec)


def subtitle_args(
    subs: Subtitles, n_inputs: int, maps: list[str], *, audio: bool
) -> tuple[list[str], list[str], list[str]]:
    """(extra -i args, the full -map list, output args). Without a filter graph ffmpeg would pick
    the streams itself, so every stream is mapped explicitly once subtitles are involved."""
    maps = list(maps) or ["-map", "0:v:0", *(["-map", "0:a:0?"] if audio else [])]
    if subs.url_input is None:
        return [], [*maps, "-map", "0:s?"], ["-c:s", subs.codec]
    return ["-i", subs.url_input], [*maps, "-map", f"{n_inputs}:s:0"], ["-c:s", subs.codec]
