"""A refusal naming an unknown pipeline becomes plain words, and counts as "refused" (Failed)."""

from __future__ import annotations

from qfopgui.api import messages as M
from qfopgui.api.errors import BadRequestError, NoSuchPipelineError
from qfopgui.api.responses import error_for_status
from qfopgui.services.submit_rules import describe_error, refused

PLAIN = (
    "The processing queue “hd-q” does not exist on this account. Create it in the Qiniu "
    "console, or pick another queue in Pipelines."
)


def test_no_such_pipeline_names_the_queue_and_says_what_to_do() -> None:
    exc = error_for_status(400, reqid="r1", server_msg="no such pipeline: hd-q")
    assert isinstance(exc, NoSuchPipelineError)
    assert isinstance(exc, BadRequestError)  # still a 400 for every other caller
    assert exc.message == PLAIN
    assert (exc.template, exc.params) == (M.NO_SUCH_PIPELINE, {"pipeline": "hd-q"})
    assert M.NO_SUCH_PIPELINE in M.MESSAGES  # so the UI translates it
    assert refused(exc)  # the server answered: the job is Failed, never "unknown"
    assert describe_error(exc).startswith(PLAIN)


def test_other_400s_keep_the_generic_message() -> None:
    for words in ("no such pipeline", "invalid argument: bad pipeline name", ""):
        exc = error_for_status(400, reqid="r1", server_msg=words)
        assert not isinstance(exc, NoSuchPipelineError), words
        assert isinstance(exc, BadRequestError)
    other = error_for_status(612, reqid="r1", server_msg="no such pipeline: hd-q")
    assert not isinstance(other, NoSuchPipelineError)
