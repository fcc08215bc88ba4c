"""Output names: a template such as ``{dir}/{name}_{preset}.{ext}`` → an object key.

Tokens: ``{dir}`` folder of the source key (no trailing slash, empty at the root — a ``{dir}/``
then disappears so keys never start with ``/``), ``{name}`` source file name without extension,
``{ext}`` the *output* extension, ``{preset}`` a slug of the preset name, ``{date}`` YYYYMMDD,
``{time}`` HHMMSS, ``{index}`` the file's position in the batch, ``{bucket}`` the source bucket.

Source keys are taken as Qiniu stores them: ``%``, ``#``, ``?``, ``|``, ``=``, spaces and
``.``/``..`` segments are ordinary characters and carried into the output name unchanged (the
fop's ``saveas`` entry is base64 and download links encode them, see ``core.object_keys``). A
source key Qiniu could not hold (not UTF-8, too long) is refused with a ``NamingError``.
"""

from __future__ import annotations

import posixpath
import re
from datetime import datetime

from qfopgui.core.fops.saveas import encoded_entry
from qfopgui.core.object_keys import MAX_KEY_BYTES, display_key, key_problem, link_problem

TOKENS = ("dir", "name", "ext", "preset", "date", "time", "index", "bucket")
DEFAULT_TEMPLATE = "{dir}/{name}_{preset}.{ext}"

_FIELD = re.compile(r"\{([^{}]*)\}")
_SLUG_JUNK = re.compile(r"[^\w]+")

__all__ = [
    "DEFAULT_TEMPLATE",
    "MAX_KEY_BYTES",
    "TOKENS",
    "NamingError",
    "check_template",
    "encoded_entry",
    "render_key",
    "slugify",
    "split_source",
]


class NamingError(ValueError):
    """The template cannot produce a usable key. ``str(err)`` is a readable sentence;
    ``template``/``params`` allow translating it."""

    def __init__(self, template: str, /, **params: object) -> None:
        self.template = template
        self.params = {k: str(v) for k, v in params.items()}
        super().__init__(template.format(**params))

    @property
    def message(self) -> str:
        return str(self)


def slugify(text: str) -> str:
    """``"MP4 H.264 720p"`` → ``"mp4-h-264-720p"``; keeps letters of any script (中文)."""
    slug = _SLUG_JUNK.sub("-", text.lower()).strip("-_")
    return slug or "preset"


def split_source(source_key: str) -> tuple[str, str]:
    """``"a/b/c.mp4"`` → (``"a/b"``, ``"c"``)."""
    folder, _, base = source_key.rpartition("/")
    stem, _ext = posixpath.splitext(base)
    return folder, stem


def check_template(template: str) -> None:
    """Raise ``NamingError`` if the template has unknown tokens or stray braces."""
    if not template.strip():
        raise NamingError("The output name template is empty")
    for match in _FIELD.finditer(template):
        if match.group(1) not in TOKENS:
            raise NamingError(
                "Unknown token {token} in the output name; use {tokens}",
                token="{" + display_key(match.group(1)) + "}",
                tokens=" ".join("{" + t + "}" for t in TOKENS),
            )
    if "{" in _FIELD.sub("", template) or "}" in _FIELD.sub("", template):
        raise NamingError("The output name has an unmatched '{{' or '}}'")


def render_key(
    template: str,
    *,
    source_key: str,
    ext: str,
    preset: str,
    bucket: str,
    index: int,
    now: datetime,
    output_bucket: str | None = None,
) -> str:
    """The output key for one source file and one command.

    ``bucket`` is the source bucket (``{bucket}``); ``output_bucket`` (default: the same bucket)
    is only used to refuse overwriting the source itself. Raises ``NamingError`` (never
    anything else) when the template, the source key or the resulting key is unusable.
    """
    check_template(template)
    if not source_key:
        raise NamingError("The source file name is empty")
    problem = key_problem(source_key)
    if problem is not None:
        raise NamingError(problem.template, **problem.params_dict)
    folder, stem = split_source(source_key)
    values = {
        "dir": folder,
        "name": stem,
        "ext": ext,
        "preset": slugify(preset),
        "date": now.strftime("%Y%m%d"),
        "time": now.strftime("%H%M%S"),
        "index": str(index),
        "bucket": bucket,
    }
    if not folder:
        template = template.replace("{dir}/", "")
    key = _FIELD.sub(lambda m: values[m.group(1)], template)
    _check_key(key, source_key, same_bucket=output_bucket in (None, bucket))
    return key


def _check_key(key: str, source_key: str, *, same_bucket: bool) -> None:
    """Output keys follow Qiniu's rules and must be linkable; dot segments are allowed."""
    if not key:
        raise NamingError("The output name is empty")
    if key.endswith("/"):
        raise NamingError(
            "The output name {key} ends with '/', so it has no file name", key=display_key(key)
        )
    problem = link_problem(key)
    if problem is not None:
        raise NamingError(problem.template, **problem.params_dict)
    if same_bucket and key == source_key:
        raise NamingError(
            "The output name {key} is the source file itself; it would be overwritten",
            key=display_key(key),
        )
