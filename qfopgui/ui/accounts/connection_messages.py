"""What Test connection says: the buckets it found, or each failure as a sentence that says
what to do next.

Kept apart from the dialog's form so the wording can be read (and changed) in one place; the
texts keep the "AccountDialog" translation context they are shown in.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from qfopgui.api import errors
from qfopgui.api.models import BucketInfo
from qfopgui.services.profiles import Profile
from qfopgui.ui.translated_messages import api_error_text


def connected_text(p: Profile, buckets: list[BucketInfo]) -> str:
    """How many buckets, the first few names, and a note when they live in another region."""
    names = ", ".join(b.name for b in buckets[:3]) + ("…" if len(buckets) > 3 else "")
    text = QCoreApplication.translate("AccountDialog", "Connected. %1 buckets: %2")
    text = text.replace("%1", str(len(buckets))).replace("%2", names or "—")
    regions = {b.region for b in buckets if b.region}
    if not p.hosts and regions and p.region not in regions:
        where = ", ".join(sorted(regions))
        text += " " + QCoreApplication.translate(
            "AccountDialog",
            "Note: your buckets are in region %1, not %2; choose %1 to work with them.",
        ).replace("%1", where).replace("%2", p.region)
    return text


def failure_text(exc: BaseException, p: Profile) -> str:
    """What went wrong, in words that say what to do next."""
    server = exc.server_message if isinstance(exc, errors.QiniuError) else None
    tail = f" ({server})" if server else ""
    if isinstance(exc, errors.AuthError):
        return (
            QCoreApplication.translate(
                "AccountDialog",
                "The AccessKey or SecretKey is wrong. Copy both again from the Qiniu portal "
                "(Key management).",
            )
            + tail
        )
    if isinstance(exc, errors.NetworkError | errors.OutcomeUnknownError):  # no usable answer
        return (
            QCoreApplication.translate(
                "AccountDialog",
                "Could not reach %1. Check the network connection and the host address.",
            ).replace("%1", p.endpoints().uc)
            + tail
        )
    if isinstance(exc, errors.ForbiddenError):
        return (
            QCoreApplication.translate("AccountDialog", "This key is not allowed to list buckets.")
            + tail
        )
    if isinstance(exc, errors.QiniuError) and "region" in (exc.message + (server or "")).lower():
        return (
            QCoreApplication.translate(
                "AccountDialog",
                "The region does not match this account's buckets. Choose another region.",
            )
            + tail
        )
    if isinstance(exc, errors.QiniuError):
        return api_error_text(exc)
    return QCoreApplication.translate("AccountDialog", "Unexpected error: %1").replace(
        "%1", str(exc) or type(exc).__name__
    )
