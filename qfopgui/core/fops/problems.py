"""Validation results and the parse error.

A ``Problem`` carries both the finished English sentence (``message``) and the un-formatted
``template`` plus ``params`` so the UI can translate the template and format it itself.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a command, naming the field (the Qiniu parameter key)."""

    field: str
    message: str
    template: str = ""
    params: tuple[tuple[str, str], ...] = ()
    subject: str = ""  # e.g. the preset a problem belongs to; set by plan/presets

    def __post_init__(self) -> None:
        if not self.template:
            object.__setattr__(self, "template", self.message)

    @classmethod
    def make(cls, field: str, template: str, /, **params: object) -> Problem:
        """Build from a ``str.format`` template with named parameters."""
        return cls(
            field=field,
            message=template.format(**params),
            template=template,
            params=tuple((k, str(v)) for k, v in params.items()),
        )

    @property
    def params_dict(self) -> dict[str, str]:
        return dict(self.params)

    def with_subject(self, subject: str) -> Problem:
        return dataclasses.replace(self, subject=subject)

    def __str__(self) -> str:
        return f"{self.subject}: {self.message}" if self.subject else self.message


class FopSyntaxError(ValueError):
    """A fop string could not be read. ``str(error)`` is a plain-English explanation."""
