"""avconcat: join the source with up to 20 more files of the same bucket (21 in all)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from qfopgui.core.b64 import b64decode_text, b64encode_text
from qfopgui.core.fops.checks import (
    check_bitrate,
    check_extra,
    check_fields,
    check_size,
    merge_specific,
)
from qfopgui.core.fops.enums import ConcatMode
from qfopgui.core.fops.grammar import (
    Kind,
    Pairs,
    ParamSpec,
    decode_value,
    encode_fields,
    is_param_name,
    spec_keys,
)
from qfopgui.core.fops.problems import FopSyntaxError, Problem

NAME = "avconcat"
MAX_EXTRA_FILES = 20
URL_MARK = "://"
_S = ParamSpec
MODE_SPEC = _S("mode", "mode", Kind.CHOICE, "Join mode", ConcatMode)


@dataclass(frozen=True)
class Avconcat:
    """``avconcat/<mode>/format/<fmt>[/s/WxH][/index/n][/maxrate/r][/addAudio/0|1]/<b64 url>…``.

    ``urls`` are the *other* files (decoded); the source object is inserted at ``index``
    (1-based, default 1). Parsing also accepts the old ``avconcat/mode/2/…`` spelling; ``build()``
    always writes ``avconcat/2/…``. A URL must contain ``://`` — that is how parsing tells URLs
    from parameter names.
    """

    mode: ConcatMode
    format: str | None = None
    s: str | None = None
    index: int | None = None
    maxrate: str | None = None
    add_audio: bool | None = None
    urls: tuple[str, ...] = ()
    extra: Pairs = ()

    PARAMS: ClassVar[tuple[ParamSpec, ...]] = (
        _S("format", "format", Kind.TEXT, "Format"),
        _S("s", "s", Kind.TEXT, "Size"),
        _S("index", "index", Kind.INT, "Position of the source file"),
        _S("maxrate", "maxrate", Kind.TEXT, "Maximum bitrate"),
        _S("addAudio", "add_audio", Kind.FLAG, "Add silent audio"),
    )

    @property
    def output_ext(self) -> str:
        return (self.format or "").lower()

    def params(self) -> Pairs:
        return (*encode_fields(self, self.PARAMS), *self.extra)

    def build(self) -> str:
        parts = [f"{k}/{v}" for k, v in self.params()]
        parts += [b64encode_text(url) for url in self.urls]
        return "/".join([NAME, self.mode.value, *parts])

    def validate(self) -> list[Problem]:
        out = merge_specific(
            check_fields(self, self.PARAMS),
            check_size("s", self.s) + check_bitrate("maxrate", "Maximum bitrate", self.maxrate),
        )
        if self.format is None:
            out.append(Problem.make("format", "Choose the output format, e.g. mp4"))
        if self.mode is ConcatMode.REMUX:
            if self.s is not None:
                out.append(Problem.make("s", "Join without re-encoding cannot change the size"))
            if self.add_audio is not None:
                out.append(
                    Problem.make("addAudio", "Join without re-encoding cannot add silent audio")
                )
        if not self.urls:
            out.append(Problem.make("urls", "Add at least one more file to join"))
        if len(self.urls) > MAX_EXTRA_FILES:
            out.append(
                Problem.make(
                    "urls",
                    "At most {max} more files can be joined (you gave {count})",
                    max=MAX_EXTRA_FILES,
                    count=len(self.urls),
                )
            )
        if any(URL_MARK not in url for url in self.urls):
            out.append(Problem.make("urls", "Each file to join must be a full URL, like http://…"))
        if self.index is not None and not 1 <= self.index <= len(self.urls) + 1:
            out.append(
                Problem.make(
                    "index",
                    "Position of the source file must be between 1 and {max}",
                    max=len(self.urls) + 1,
                )
            )
        out += check_extra(self.extra, spec_keys(self.PARAMS))
        return out


def parse_avconcat(tokens: Sequence[str]) -> Avconcat:
    rest = list(tokens)
    if rest[:1] == ["mode"]:
        rest = rest[1:]
    if not rest:
        raise FopSyntaxError("avconcat needs a mode: avconcat/1 or avconcat/2")
    mode = decode_value(MODE_SPEC, rest.pop(0))
    assert isinstance(mode, ConcatMode)
    by_key = {spec.key: spec for spec in Avconcat.PARAMS}
    known: dict[str, Any] = {}
    extra: list[tuple[str, str]] = []
    urls: list[str] = []
    i = 0
    while i < len(rest):
        token = rest[i]
        url = _as_url(token)
        if url is not None:
            urls.append(url)
            i += 1
            continue
        if not is_param_name(token) or i + 1 >= len(rest):
            raise FopSyntaxError(
                f"avconcat: '{token}' is neither a parameter with a value nor a base64 URL"
            )
        spec = by_key.get(token)
        if token in {k for k, _ in extra} or (spec is not None and spec.attr in known):
            raise FopSyntaxError(f"avconcat: parameter '{token}' is given twice")
        if spec is None:
            extra.append((token, rest[i + 1]))
        else:
            known[spec.attr] = decode_value(spec, rest[i + 1])
        i += 2
    return Avconcat(mode, urls=tuple(urls), extra=tuple(extra), **known)


def _as_url(token: str) -> str | None:
    try:
        text = b64decode_text(token)
    except ValueError:
        return None
    return text if URL_MARK in text else None
