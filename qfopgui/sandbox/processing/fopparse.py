"""Server-side fop grammar: `;` commands, `|` pipe steps, `/` tokens.

The sandbox parses fops independently of `qfopgui.core.fops` so that client bugs are caught
rather than mirrored. Only *syntax* is checked here (a failure is a request-level 400);
parameter values are validated when a command runs and become item failures (code 3).
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field

# Operations whose second token is a format/mode argument rather than a parameter name.
_ARG_OPS = frozenset({"avthumb", "vframe", "vsample", "avconcat"})
KNOWN_OPS = frozenset({"avthumb", "vframe", "vsample", "avconcat", "avinfo"})
# avconcat parameter names; every other token after the mode is a base64 URL.
AVCONCAT_KEYS = frozenset({"format", "s", "index", "maxrate", "addAudio", "mode"})
_TOKEN_RE = re.compile(r"[A-Za-z0-9_.:=,+\-<>!~*()@$%]+")
_NAME_RE = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_HLS_PRESET_RE = re.compile(r"(audio|video)_[0-9a-z_]+")


class FopSyntaxError(ValueError):
    """The fops string cannot be parsed at all (the request is rejected with 400)."""


@dataclass(frozen=True)
class SaveAs:
    """Decoded `saveas/<EncodedEntry>`; `key` is None when the entry names only a bucket."""

    bucket: str
    key: str | None


@dataclass(frozen=True)
class Step:
    """One pipe step: `op[/arg][/name/value]*` (avconcat also carries positional URLs)."""

    op: str
    arg: str | None = None
    params: dict[str, str] = field(default_factory=dict)
    urls: tuple[str, ...] = ()  # avconcat: base64 URLs; unknown ops: their raw tokens


@dataclass(frozen=True)
class Command:
    """One `;`-separated command: processing steps plus an optional trailing saveas."""

    cmd: str  # exactly as submitted, including `|saveas/...`
    steps: tuple[Step, ...]
    saveas: SaveAs | None


def b64decode(value: str) -> bytes:
    """URL-safe base64, padded or not (Qiniu keeps `=`, clients may drop it)."""
    text = value.strip()
    if not text or not re.fullmatch(r"[A-Za-z0-9_\-+/]+=*", text):
        raise ValueError("not URL-safe base64")
    text = text.rstrip("=")
    text += "=" * (-len(text) % 4)
    try:
        return base64.urlsafe_b64decode(text.replace("+", "-").replace("/", "_"))
    except (binascii.Error, ValueError) as exc:
        raise ValueError("not URL-safe base64") from exc


def b64text(value: str) -> str:
    """Decode a base64 parameter to UTF-8 text (ValueError when it is not)."""
    try:
        return b64decode(value).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError("not UTF-8 text") from exc


def urlsafe_b64(data: bytes) -> str:
    """Qiniu-style URL-safe base64 with padding kept."""
    return base64.urlsafe_b64encode(data).decode("ascii")


def decode_entry(encoded: str) -> SaveAs:
    """`urlsafe_b64("bucket:key")` → SaveAs, splitting at the first `:` (keys may hold `:`)."""
    text = b64text(encoded)
    bucket, sep, key = text.partition(":")
    if not bucket:
        raise ValueError("empty bucket in entry")
    return SaveAs(bucket, key if sep else None)


def parse_fops(fops: str) -> list[Command]:
    """Split a pfop `fops` value into commands; raises FopSyntaxError when it is malformed."""
    text = fops.strip()
    if not text:
        raise FopSyntaxError("empty fops")
    parts = text.split(";")
    if parts and parts[-1].strip() == "":  # tolerate one trailing ';'
        parts = parts[:-1]
    return [parse_command(part) for part in parts]


def parse_command(cmd: str) -> Command:
    """Parse one command (`step|step|saveas/<entry>`)."""
    if not cmd or cmd != cmd.strip():
        raise FopSyntaxError("empty command or surrounding whitespace")
    raw_steps = cmd.split("|")
    saveas: SaveAs | None = None
    steps: list[Step] = []
    for index, raw in enumerate(raw_steps):
        if raw.startswith("saveas/") or raw == "saveas":
            if index != len(raw_steps) - 1:
                raise FopSyntaxError("saveas must be the last pipe step")
            saveas = _parse_saveas(raw)
        else:
            steps.append(_parse_step(raw))
    if not steps:
        raise FopSyntaxError("a command needs at least one operation")
    return Command(cmd=cmd, steps=tuple(steps), saveas=saveas)


def _parse_saveas(raw: str) -> SaveAs:
    tokens = raw.split("/")
    # `saveas/<entry>` (pfop); the synchronous form may append `/sign/<token>`, accepted here.
    if len(tokens) not in (2, 4) or (len(tokens) == 4 and tokens[2] != "sign"):
        raise FopSyntaxError("saveas needs exactly one encoded entry")
    try:
        return decode_entry(tokens[1])
    except ValueError as exc:
        raise FopSyntaxError(f"bad saveas entry: {exc}") from exc


def _parse_step(raw: str) -> Step:
    tokens = raw.split("/")
    op = tokens[0]
    if not _NAME_RE.fullmatch(op):
        raise FopSyntaxError(f"bad operation name {op!r}")
    for token in tokens[1:]:
        if not _TOKEN_RE.fullmatch(token):
            raise FopSyntaxError(f"bad token {token!r}")
    rest = tokens[1:]
    if op not in KNOWN_OPS:  # grammar unknown here: the item fails when it runs
        return Step(op=op, urls=tuple(rest))
    if op == "avconcat":
        return _parse_avconcat(rest)
    arg: str | None = None
    if op in _ARG_OPS and rest:  # the format/mode argument is documented as required
        arg, rest = rest[0], rest[1:]
    if op == "avthumb" and arg in ("m3u8", "hls"):
        rest = _bare_hls_preset(rest)
    if len(rest) % 2:
        raise FopSyntaxError(f"{op}: parameter without a value")
    params: dict[str, str] = {}
    for name, value in zip(rest[::2], rest[1::2], strict=True):
        if not _NAME_RE.fullmatch(name):
            raise FopSyntaxError(f"{op}: bad parameter name {name!r}")
        if name in params:
            raise FopSyntaxError(f"{op}: parameter {name} given twice")
        params[name] = value
    return Step(op=op, arg=arg, params=params)


def _bare_hls_preset(rest: list[str]) -> list[str]:
    """Old HLS examples name the preset without its key (`avthumb/m3u8/segtime/15/video_240k`):
    a preset-like token where a parameter name belongs becomes `preset/<name>` (no parameter
    name starts with `audio_`/`video_`)."""
    out: list[str] = []
    i = 0
    while i < len(rest):
        if _HLS_PRESET_RE.fullmatch(rest[i]):
            out += ["preset", rest[i]]
            i += 1
        else:
            out += rest[i : i + 2]
            i += 2
    return out


def _parse_avconcat(rest: list[str]) -> Step:
    """`avconcat/<mode>/format/<f>/.../<b64url>...`; also the old `avconcat/mode/<m>/...` form."""
    params: dict[str, str] = {}
    urls: list[str] = []
    arg: str | None = None
    i = 0
    if rest and rest[0] != "mode" and rest[0] not in AVCONCAT_KEYS:
        arg, i = rest[0], 1
    while i < len(rest):
        token = rest[i]
        if token in AVCONCAT_KEYS:
            if i + 1 >= len(rest):
                raise FopSyntaxError(f"avconcat: parameter {token} without a value")
            if token in params:
                raise FopSyntaxError(f"avconcat: parameter {token} given twice")
            params[token] = rest[i + 1]
            i += 2
        else:
            urls.append(token)
            i += 1
    if "mode" in params:
        if arg is not None:
            raise FopSyntaxError("avconcat: mode given twice")
        arg = params.pop("mode")
    return Step(op="avconcat", arg=arg, params=params, urls=tuple(urls))
