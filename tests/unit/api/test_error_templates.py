"""API errors keep their template and parameters (for translation) next to the English text."""

from __future__ import annotations

from pathlib import Path

import pytest

from qfopgui.api import messages
from qfopgui.api.errors import AuthError, NoSuchBucketError, NotFoundError, QiniuError
from qfopgui.api.responses import Context, error_for_status
from tests.helpers import core_strings

STATUSES = (400, 401, 403, 404, 406, 413, 429, 499, 500, 573, 579, 599, 612, 614, 631, 640)


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("server", ["", "token out of date", "no such bucket"])
@pytest.mark.parametrize("ctx", [Context(), Context(bucket="b"), Context(bucket="b", key="k")])
def test_every_status_uses_a_catalogued_template(status: int, server: str, ctx: Context) -> None:
    exc = error_for_status(status, reqid="r", server_msg=server, ctx=ctx)
    assert exc.template in messages.MESSAGES
    assert exc.message == exc.template.format(**exc.params)
    assert (exc.status, exc.reqid, exc.server_message) == (status, "r", server)


def test_params_carry_the_names() -> None:
    exc = error_for_status(631, reqid=None, server_msg="", ctx=Context(bucket="media"))
    assert isinstance(exc, NoSuchBucketError)
    assert exc.params == {"bucket": "media"}
    assert exc.message == "Bucket “media” does not exist in this account or region."
    job = error_for_status(
        612, reqid=None, server_msg="", ctx=Context(not_found=messages.JOB_NOT_FOUND, id="z0.abc")
    )
    assert isinstance(job, NotFoundError)
    assert job.template == messages.JOB_NOT_FOUND
    assert "“z0.abc”" in job.message


def test_make_and_plain_constructor() -> None:
    exc = AuthError.make(messages.TIMEOUT, host="h:1", status=401, reqid="x")
    assert (exc.message, exc.template, exc.params) == (
        messages.TIMEOUT.format(host="h:1"),
        messages.TIMEOUT,
        {"host": "h:1"},
    )
    assert (exc.status, exc.reqid) == (401, "x")
    plain = QiniuError("Just words")  # old style: the message is its own template
    assert (plain.template, plain.params) == ("Just words", {})


def test_scanner_flags_literal_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "api").mkdir()
    (tmp_path / "core").mkdir()
    (tmp_path / "api" / "x.py").write_text(
        "raise errors.AuthError('literal')\nraise protocol_error(r, f'why {x}')\n"
        "raise errors.AuthError.make(M.BAD_KEYS)\n"
    )
    (tmp_path / "core" / "y.py").write_text(
        "Problem.make('f', 'Fine {a}', a=1)\nProblem.make('f', text)\nProblem('f', 'old')\n"
    )
    monkeypatch.setattr(core_strings, "ROOT", tmp_path)
    found = core_strings.collect()
    assert "Fine {a}" in found.problems
    assert len(found.unreadable) == 4, found.unreadable
