"""The ``saveas/<EncodedEntry>`` pipe step: ``urlsafe_b64("<bucket>:<key>")``, no ``/sign/``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qfopgui.core.b64 import b64encode_text
from qfopgui.core.fops.grammar import decode_b64
from qfopgui.core.fops.problems import FopSyntaxError, Problem

NAME = "saveas"
MAX_KEY_BYTES = 750


def encoded_entry(bucket: str, key: str | None) -> str:
    """``urlsafe_b64("bucket:key")`` (or of ``bucket`` alone) — same as ``qiniu.utils.entry``."""
    return b64encode_text(bucket if key is None else f"{bucket}:{key}")


@dataclass(frozen=True)
class SaveAs:
    """Where the result is stored. ``key=None`` lets the server pick a name."""

    bucket: str
    key: str | None = None

    def build(self) -> str:
        return f"{NAME}/{encoded_entry(self.bucket, self.key)}"

    def validate(self) -> list[Problem]:
        out: list[Problem] = []
        if not self.bucket:
            out.append(Problem.make("bucket", "Choose the bucket to save the result in"))
        elif ":" in self.bucket:
            out.append(Problem.make("bucket", "A bucket name cannot contain ':'"))
        if self.key is not None:
            # imported here: object_keys uses this package's Problem, so a module-level import
            # would run before the package has finished loading
            from qfopgui.core.object_keys import is_utf8, key_problem

            unusable = None if not self.key else key_problem(self.key, field="key")
            if not self.key:
                out.append(Problem.make("key", "The output file name is empty"))
            elif unusable is not None and not is_utf8(self.key):  # a lone surrogate
                out.append(unusable)
            elif len(self.key.encode("utf-8")) > MAX_KEY_BYTES:
                out.append(
                    Problem.make(
                        "key",
                        "The output file name is longer than {max} bytes",
                        max=MAX_KEY_BYTES,
                    )
                )
        return out


def parse_saveas(tokens: Sequence[str]) -> SaveAs:
    """Split the entry at the first ``:`` (bucket names cannot contain one)."""
    if len(tokens) != 1:
        raise FopSyntaxError("saveas must be followed by exactly one encoded bucket:key entry")
    entry = decode_b64(tokens[0], "Save location (saveas)")
    bucket, sep, key = entry.partition(":")
    return SaveAs(bucket, key if sep else None)
